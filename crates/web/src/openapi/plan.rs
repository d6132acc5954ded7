//! OpenAPI paths and schemas of the reform plan.

use serde_json::{Value, json};

/// The documented paths of this section.
pub(super) fn paths() -> Value {
    json!({})
}

/// The schemas of this section.
pub(super) fn schemas() -> Value {
    json!({})
}
