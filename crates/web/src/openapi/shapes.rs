//! Schemas of the answers that handlers build with `json!` rather than from a type, and of the
//! error envelope. They describe the JSON only (nothing constructs them); they deny unknown
//! fields, so the contract test fails when an answer gains a field the document lacks.

#![expect(
    dead_code,
    reason = "documentation-only types: utoipa reads their shape, nothing builds them"
)]

use cchc_domain::Role;
use cchc_domain::auth::Scope;
use serde_json::Value;
use utoipa::ToSchema;

/// The error envelope of every 4xx and 5xx answer under `/api`.
#[derive(ToSchema)]
#[schema(as = Error)]
#[serde(deny_unknown_fields)]
pub struct ErrorEnvelope {
    error: ErrorBody,
}

/// What went wrong: a stable code, a Vietnamese message and machine-readable details.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ErrorBody {
    code: String,
    message: String,
    /// `null`, a list of problems, or an object (e.g. `{"en": "…"}` for a refused action).
    #[schema(value_type = Value)]
    details: Value,
}

/// The caller (`GET /api/v1/me`).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Me {
    username: String,
    display_name: String,
    role: Role,
    role_label: String,
    unit: Option<MeUnit>,
    auth: MeAuth,
}

/// The caller's unit, with its name today (`null` when the unit is not in force).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeUnit {
    code: String,
    name: Option<String>,
}

/// How the caller signed in: a session (no scope) or an API token (its scope).
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct MeAuth {
    method: AuthMethod,
    scope: Option<Scope>,
}

/// A session cookie or an API token.
#[derive(ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum AuthMethod {
    Session,
    Token,
}

/// The units written by an import.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct ImportResult {
    imported: u64,
}

/// The state of the audit chain.
#[derive(ToSchema)]
#[serde(tag = "status", rename_all = "snake_case", deny_unknown_fields)]
pub enum AuditStatus {
    /// Every entry checks out.
    Intact { entries: u64 },
    /// The first broken entry and why.
    Broken { seq: i64, reason: String },
}

/// The rebuild requests recorded so far.
#[derive(ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Rebuilds {
    rebuilds: i64,
}
