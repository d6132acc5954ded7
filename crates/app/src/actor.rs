//! Who performs a use-case: a signed-in user (page, API) or an operator's command. Every
//! use-case checks what this actor may do itself, whatever the door.
//!
//! An operator ([`Actor::operator`]) has no account: the command line (`cli`) and the
//! server's own jobs (`system`). It has a system administrator's rights and no unit; what it
//! writes is recorded under its name.

use cchc_domain::{Role, UnitCode};

/// The user acting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The account (`users.id`).
    pub user_id: i64,
    pub username: String,
    pub role: Role,
    /// The staff member's unit, the root of the subtree they reach; `None` for citizens.
    pub unit: Option<UnitCode>,
}

/// The account id of an operator: accounts are numbered from 1.
pub const NO_ACCOUNT: i64 = 0;

impl Actor {
    /// The operator `name` (`cli`, `system`): no account, a system administrator's rights,
    /// no unit.
    pub fn operator(name: &str) -> Actor {
        Actor {
            user_id: NO_ACCOUNT,
            username: name.to_owned(),
            role: Role::SystemAdmin,
            unit: None,
        }
    }

    /// Whether the actor is an operator, acting without an account.
    pub fn is_operator(&self) -> bool {
        self.user_id == NO_ACCOUNT
    }

    /// Whether the actor may administer the system: a system administrator or an operator.
    pub fn is_system_admin(&self) -> bool {
        self.role == Role::SystemAdmin
    }

    /// Whether the actor is a citizen (or business) account.
    pub fn is_citizen(&self) -> bool {
        self.role == Role::Citizen
    }

    /// The staff member's unit, when the actor is staff bound to one.
    pub fn staff_unit(&self) -> Option<&UnitCode> {
        self.unit.as_ref().filter(|_| self.role.is_staff())
    }
}
