//! Who performs a use-case: a signed-in user (page, API) or an operator's command. Every
//! use-case checks what this actor may do itself, whatever the door.

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

impl Actor {
    /// Whether the actor is a citizen (or business) account.
    pub fn is_citizen(&self) -> bool {
        self.role == Role::Citizen
    }

    /// The staff member's unit, when the actor is staff bound to one.
    pub fn staff_unit(&self) -> Option<&UnitCode> {
        self.unit.as_ref().filter(|_| self.role.is_staff())
    }
}
