//! cchc-web.
