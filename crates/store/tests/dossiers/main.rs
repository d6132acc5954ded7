//! Procedure catalogue and dossier storage tests, run on SQLite and, when
//! `CCHC_TEST_POSTGRES_URL` is set, on PostgreSQL, each on a database of its own.

mod concurrency;
mod demo;
mod imported_codes;
mod inbox;
mod kpi_log;
mod lifecycle;
mod procedures;
mod register;
mod support;
