//! cchc-domain.
