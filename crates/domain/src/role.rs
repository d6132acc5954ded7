//! Roles of cchc accounts and what each may reach.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// The role of an account. Staff roles belong to a unit and see its subtree only.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// Người dân / doanh nghiệp: sees own dossiers only.
    Citizen,
    /// Cán bộ tiếp nhận (một cửa).
    ReceptionOfficer,
    /// Chuyên viên xử lý.
    Specialist,
    /// Lãnh đạo đơn vị.
    UnitLeader,
    /// Quản trị CCHC (Sở Nội vụ).
    ParAdmin,
    /// Thành viên hội đồng thẩm định.
    Appraiser,
    /// Quản trị hệ thống.
    SystemAdmin,
}

impl Role {
    /// Every role, in display order.
    pub const ALL: [Role; 7] = [
        Role::Citizen,
        Role::ReceptionOfficer,
        Role::Specialist,
        Role::UnitLeader,
        Role::ParAdmin,
        Role::Appraiser,
        Role::SystemAdmin,
    ];

    /// The stable identifier used in the CLI, the API and the database.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Citizen => "citizen",
            Role::ReceptionOfficer => "reception_officer",
            Role::Specialist => "specialist",
            Role::UnitLeader => "unit_leader",
            Role::ParAdmin => "par_admin",
            Role::Appraiser => "appraiser",
            Role::SystemAdmin => "system_admin",
        }
    }

    /// The Vietnamese label shown in pages.
    pub fn label_vi(self) -> &'static str {
        match self {
            Role::Citizen => "Người dân, doanh nghiệp",
            Role::ReceptionOfficer => "Cán bộ tiếp nhận (một cửa)",
            Role::Specialist => "Chuyên viên xử lý",
            Role::UnitLeader => "Lãnh đạo đơn vị",
            Role::ParAdmin => "Quản trị CCHC (Sở Nội vụ)",
            Role::Appraiser => "Thành viên hội đồng thẩm định",
            Role::SystemAdmin => "Quản trị hệ thống",
        }
    }

    /// Whether the role is a staff role, bound to a unit.
    pub fn is_staff(self) -> bool {
        self != Role::Citizen
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Role {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Role::ALL
            .into_iter()
            .find(|r| r.as_str() == s)
            .ok_or_else(|| {
                let known: Vec<&str> = Role::ALL.iter().map(|r| r.as_str()).collect();
                format!("unknown role '{s}'; expected one of {}", known.join(", "))
            })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_role_round_trips_through_its_identifier() {
        for role in Role::ALL {
            assert_eq!(role.as_str().parse::<Role>(), Ok(role));
        }
        assert!(
            "admin"
                .parse::<Role>()
                .unwrap_err()
                .contains("system_admin")
        );
    }
}
