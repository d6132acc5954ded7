//! Tests of the application layer on real databases (SQLite, and PostgreSQL when
//! `CCHC_TEST_POSTGRES_URL` is set).

mod calendar;
mod plan;
mod plan_jobs;
mod race;
mod report;
mod support;
