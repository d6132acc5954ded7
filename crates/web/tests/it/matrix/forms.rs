//! Role-matrix rows of the forms section's routes.

use super::Case;

/// One row per route of the section (and per interesting unit).
#[rustfmt::skip]
pub(super) fn cases() -> Vec<Case> {
    vec![]
}
