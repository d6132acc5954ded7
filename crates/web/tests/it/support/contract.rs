//! The API contract: every `/api/v1` answer the test suite receives is checked against the
//! OpenAPI document. Its operation (method and path template) and status must be documented,
//! its content type must be one the document lists for that status, and a JSON body must
//! validate against the schema documented for it. A path or method the API does not route must
//! be answered 404 or 405 with the error envelope. `TestApp::send` runs [`check`] after every
//! request, so every API test of both backends checks the contract of what it receives.

use axum::http::{Method, StatusCode};
use jsonschema::Validator;
use serde_json::{Value, json};
use std::collections::HashMap;
use std::sync::{Arc, Mutex, OnceLock};

/// One answer to check.
pub struct Answer<'a> {
    pub method: &'a Method,
    pub path: &'a str,
    pub status: StatusCode,
    pub content_type: &'a str,
    pub body: &'a str,
}

/// The document and the validators compiled from it, per schema location.
struct Contract {
    doc: Value,
    validators: Mutex<HashMap<String, Arc<Validator>>>,
}

fn contract() -> &'static Contract {
    static CONTRACT: OnceLock<Contract> = OnceLock::new();
    CONTRACT.get_or_init(|| Contract {
        doc: cchc_web::openapi::document(),
        validators: Mutex::new(HashMap::new()),
    })
}

/// Panics with the reason when `answer` breaks the contract.
pub fn check(answer: &Answer<'_>) {
    if let Err(problem) = problems(answer) {
        panic!(
            "{} {} answered {} against the OpenAPI document: {problem}\nbody: {}",
            answer.method, answer.path, answer.status, answer.body
        );
    }
}

/// `Ok` when `answer` keeps the contract (or is not under `/api/v1`), else what is wrong.
pub fn problems(answer: &Answer<'_>) -> Result<(), String> {
    if !answer.path.starts_with("/api/v1/") {
        return Ok(());
    }
    let c = contract();
    let Some(template) = template_of(&c.doc, answer.path) else {
        return routing_miss(c, answer, StatusCode::NOT_FOUND);
    };
    let method = answer.method.as_str().to_ascii_lowercase();
    let Some(operation) = c.doc["paths"][template].get(&method) else {
        return routing_miss(c, answer, StatusCode::METHOD_NOT_ALLOWED);
    };
    let status = answer.status.as_str();
    let Some(response) = operation["responses"].get(status) else {
        return Err(format!(
            "status {status} of {method} {template} is not documented"
        ));
    };
    let media = answer.content_type.split(';').next().unwrap_or("").trim();
    if response["content"].get(media).is_none() {
        return Err(format!(
            "content type `{media}` is not documented for {status} of {method} {template}"
        ));
    }
    if media != "application/json" {
        return Ok(());
    }
    let pointer = format!(
        "/paths/{}/{method}/responses/{status}/content/application~1json/schema",
        template.replace('~', "~0").replace('/', "~1")
    );
    validate(c, &pointer, answer.body)
}

/// A path or method the API does not route: 404 or 405 with the error envelope.
fn routing_miss(c: &Contract, answer: &Answer<'_>, expected: StatusCode) -> Result<(), String> {
    if answer.status != expected {
        return Err(format!(
            "an undocumented path or method should be answered {expected}"
        ));
    }
    validate(c, "/components/schemas/Error", answer.body)
}

/// The documented template matching `path`, preferring literal segments over parameters.
fn template_of<'d>(doc: &'d Value, path: &str) -> Option<&'d str> {
    let segments: Vec<&str> = path.split('/').collect();
    doc["paths"]
        .as_object()?
        .keys()
        .filter_map(|template| {
            let parts: Vec<&str> = template.split('/').collect();
            if parts.len() != segments.len() {
                return None;
            }
            let mut literals = 0;
            for (part, segment) in parts.iter().zip(&segments) {
                if part.starts_with('{') && part.ends_with('}') {
                    if segment.is_empty() {
                        return None;
                    }
                } else if part == segment {
                    literals += 1;
                } else {
                    return None;
                }
            }
            Some((literals, template.as_str()))
        })
        .max_by_key(|(literals, _)| *literals)
        .map(|(_, template)| template)
}

/// Validates `body` against the schema at `pointer` of the document.
fn validate(c: &Contract, pointer: &str, body: &str) -> Result<(), String> {
    let instance: Value =
        serde_json::from_str(body).map_err(|e| format!("the body is not JSON ({e})"))?;
    let validator = validator(c, pointer)?;
    let errors: Vec<String> = validator
        .iter_errors(&instance)
        .map(|e| format!("at `{}`: {e}", e.instance_path()))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the body does not match {pointer}:\n  {}",
            errors.join("\n  ")
        ))
    }
}

/// The validator of the schema at `pointer`, with the document's components beside it so that
/// `#/components/schemas/…` references resolve. Formats (dates, times) are checked too.
fn validator(c: &Contract, pointer: &str) -> Result<Arc<Validator>, String> {
    let mut cache = c.validators.lock().unwrap_or_else(|e| e.into_inner());
    if let Some(v) = cache.get(pointer) {
        return Ok(Arc::clone(v));
    }
    let schema = c
        .doc
        .pointer(pointer)
        .ok_or_else(|| format!("the document has no schema at {pointer}"))?;
    let root = json!({ "allOf": [schema], "components": c.doc["components"] });
    let built = jsonschema::draft202012::options()
        .should_validate_formats(true)
        .build(&root)
        .map_err(|e| format!("the schema at {pointer} does not compile: {e}"))?;
    let built = Arc::new(built);
    cache.insert(pointer.to_owned(), Arc::clone(&built));
    Ok(built)
}
