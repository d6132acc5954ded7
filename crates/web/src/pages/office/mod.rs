//! The one-stop dossier pages: the officer inbox `/ho-so`, the reception desk `/tiep-nhan`,
//! the dossier page `/ho-so/{code}` with the forms of the actions its reader may take now,
//! online submission `/nop-ho-so` and the citizen's own dossiers `/ho-so-cua-toi`.

pub mod act;
mod action_form;
pub mod dossier;
pub mod inbox;
mod intake;
pub mod mine;
pub mod reception;
pub mod submit;
mod timeline;
mod view;
