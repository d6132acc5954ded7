//! Imports of whole files, all or nothing: org units (CSV), the procedure catalogue (JSON or
//! CSV) and dossiers from the national portal ([`dossiers`]). A system administrator or an
//! operator imports; the file is checked whole, and a file with problems writes nothing.
//! After units are imported, the org-unit cache is cleared so the next request reads them.

pub mod dossiers;

use crate::{Actor, App, Error};
use cchc_domain::org_import::ImportProblem;
use cchc_domain::procedure::problem::Problem;
use cchc_store::org::ImportError as OrgImportError;
use cchc_store::procedures_import::ProcedureImportError;

/// Why an import wrote nothing.
#[derive(Debug, Clone, PartialEq)]
pub enum ImportError<P> {
    /// The file has problems (`P`: each with its line, item or field); nothing was written.
    Rejected(Vec<P>),
    /// Not allowed, or the database failed; nothing was written.
    Failed(Error),
}

impl<P> From<Error> for ImportError<P> {
    fn from(e: Error) -> Self {
        ImportError::Failed(e)
    }
}

impl<P> From<cchc_store::StoreError> for ImportError<P> {
    fn from(e: cchc_store::StoreError) -> Self {
        ImportError::Failed(e.into())
    }
}

/// A system administrator or an operator, as a 403 for anyone else.
pub fn ensure_may_import(actor: &Actor) -> Result<(), Error> {
    if actor.is_system_admin() {
        Ok(())
    } else {
        Err(Error::forbidden(
            "forbidden",
            "Chỉ quản trị hệ thống được nhập dữ liệu.",
        ))
    }
}

/// Imports org units from CSV (`code,name,kind,parent_code,valid_from,valid_to,
/// successor_code`); returns how many were written.
pub async fn org_units(
    app: &App,
    actor: &Actor,
    csv: &str,
) -> Result<usize, ImportError<ImportProblem>> {
    ensure_may_import(actor)?;
    match app.store.import_org_units(csv, &actor.username).await {
        Ok(n) => {
            app.org.clear();
            Ok(n)
        }
        Err(OrgImportError::Rejected(problems)) => Err(ImportError::Rejected(problems)),
        Err(OrgImportError::Store(e)) => Err(e.into()),
    }
}

/// The format of a procedure catalogue.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CatalogueFormat {
    /// `cchc-procedures/1`.
    Json,
    /// One version per line.
    Csv,
}

/// Imports the procedure catalogue `text`; a procedure already stored is replaced with all
/// its versions. Returns how many procedures were written.
pub async fn procedures(
    app: &App,
    actor: &Actor,
    text: &str,
    format: CatalogueFormat,
) -> Result<usize, ImportError<Problem>> {
    ensure_may_import(actor)?;
    let imported = match format {
        CatalogueFormat::Json => {
            app.store
                .import_procedures_json(text, &actor.username)
                .await
        }
        CatalogueFormat::Csv => app.store.import_procedures_csv(text, &actor.username).await,
    };
    match imported {
        Ok(n) => Ok(n),
        Err(ProcedureImportError::Rejected(problems)) => Err(ImportError::Rejected(problems)),
        Err(ProcedureImportError::Store(e)) => Err(e.into()),
    }
}
