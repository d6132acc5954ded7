//! cchc-store.
