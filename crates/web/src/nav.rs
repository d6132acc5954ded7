//! The navigation by role: one table. Each link carries `data-nav="<key>"` for browser tests.

use cchc_domain::Role;

/// Who sees a navigation entry.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Audience {
    /// Every signed-in user.
    SignedIn,
    /// Staff roles (all but citizen).
    Staff,
    /// These roles only.
    Roles(&'static [Role]),
}

impl Audience {
    /// Whether a user of `role` sees the entry.
    pub fn includes(self, role: Role) -> bool {
        match self {
            Audience::SignedIn => true,
            Audience::Staff => role.is_staff(),
            Audience::Roles(roles) => roles.contains(&role),
        }
    }
}

/// One navigation entry.
#[derive(Debug, Clone, Copy)]
pub struct NavEntry {
    pub key: &'static str,
    pub href: &'static str,
    pub label: &'static str,
    pub audience: Audience,
}

/// The navigation, in display order. Later features (dossiers, procedures, reports …) add
/// their entries here, in the section of their audience.
pub const NAV: &[NavEntry] = &[
    // Every signed-in user.
    NavEntry {
        key: "account",
        href: "/account",
        label: "Tài khoản",
        audience: Audience::SignedIn,
    },
    // Citizens.
    NavEntry {
        key: "submit",
        href: "/nop-ho-so",
        label: "Nộp hồ sơ",
        audience: Audience::Roles(&[Role::Citizen]),
    },
    NavEntry {
        key: "mine",
        href: "/ho-so-cua-toi",
        label: "Hồ sơ của tôi",
        audience: Audience::Roles(&[Role::Citizen]),
    },
    // Staff.
    NavEntry {
        key: "dossiers",
        href: "/ho-so",
        label: "Hồ sơ",
        audience: Audience::Staff,
    },
    NavEntry {
        key: "reception",
        href: "/tiep-nhan",
        label: "Tiếp nhận",
        audience: Audience::Roles(&[Role::ReceptionOfficer]),
    },
    NavEntry {
        key: "org",
        href: "/org",
        label: "Cơ cấu tổ chức",
        audience: Audience::Staff,
    },
    NavEntry {
        key: "chi-so",
        href: "/chi-so",
        label: "Chỉ số phục vụ người dân, doanh nghiệp (QĐ 766)",
        audience: Audience::Staff,
    },
    NavEntry {
        key: "register",
        href: "/so-theo-doi",
        label: "Sổ theo dõi hồ sơ",
        audience: Audience::Staff,
    },
    NavEntry {
        key: "ke-hoach",
        href: "/ke-hoach",
        label: "Kế hoạch CCHC",
        audience: Audience::Staff,
    },
    // System administration.
    NavEntry {
        key: "admin-users",
        href: "/admin/users",
        label: "Quản lý tài khoản",
        audience: Audience::Roles(&[Role::SystemAdmin]),
    },
    NavEntry {
        key: "admin-audit",
        href: "/admin/audit",
        label: "Nhật ký hệ thống",
        audience: Audience::Roles(&[Role::SystemAdmin]),
    },
];

/// The entries a user of `role` sees (none for anonymous visitors).
pub fn for_role(role: Option<Role>) -> Vec<&'static NavEntry> {
    role.map_or_else(Vec::new, |role| {
        NAV.iter().filter(|e| e.audience.includes(role)).collect()
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_role_sees_its_entries() {
        let keys = |r| for_role(Some(r)).iter().map(|e| e.key).collect::<Vec<_>>();
        assert_eq!(keys(Role::Citizen), ["account", "submit", "mine"]);
        assert_eq!(
            keys(Role::Specialist),
            [
                "account", "dossiers", "org", "chi-so", "register", "ke-hoach"
            ]
        );
        assert_eq!(
            keys(Role::ReceptionOfficer),
            [
                "account",
                "dossiers",
                "reception",
                "org",
                "chi-so",
                "register",
                "ke-hoach"
            ]
        );
        assert_eq!(
            keys(Role::SystemAdmin),
            [
                "account",
                "dossiers",
                "org",
                "chi-so",
                "register",
                "ke-hoach",
                "admin-users",
                "admin-audit"
            ]
        );
        assert!(for_role(None).is_empty());
    }
}
