//! The `cchc` binary.
fn main() {}
