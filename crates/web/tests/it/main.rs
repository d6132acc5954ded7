//! Integration tests of cchc-web: one binary. Each test builds the real router over a
//! database of its own (SQLite, and PostgreSQL when `CCHC_TEST_POSTGRES_URL` is set) and
//! sends requests in process with `tower::ServiceExt::oneshot`.

mod api;
mod api_contract;
mod app_layer;
mod auth;
mod dossiers;
mod forms;
mod forms_link;
mod kpi_api;
mod kpi_live;
mod kpi_pages;
mod kpi_reception;
mod lookup;
mod matrix;
mod office;
mod office_citizen;
mod office_flow;
mod ops;
mod org_cache;
mod pages;
mod plan_live;
mod plan_pages;
mod snapshots;
mod support;
mod uploads;
