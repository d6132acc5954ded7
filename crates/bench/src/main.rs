//! Benchmarks of cchc against baselines: `cargo run --release -p cchc-bench -- calendar`,
//! `… -- dossiers`, `… -- kpi`, `… -- lookup`, `… -- import`.

mod calendar;
mod dossiers;
mod dossiers_app;
mod generate;
mod import;
mod kpi;
mod lookup;
mod measure;
mod numpy;
mod portal_file;

use std::process::ExitCode;

const USAGE: &str = "usage: cchc-bench calendar [--pairs N] [--rounds R]\n       \
    cchc-bench dossiers [--sequences N] [--clients 1,8,32] [--rounds R] \
    [--paths group,direct,app] [--pg postgres://…]\n       \
    cchc-bench kpi [--dossiers N] [--units 200] [--years 4] [--seed S] [--rounds R] \
    [--unit-rounds R] [--sql-rounds R] [--replacements N] [--baselines sqlite,postgres] [--pg URL]\n       \
    cchc-bench lookup [--dossiers N] [--handled N] [--lookups N] [--seed S] \
    [--backends sqlite,postgres] [--pg URL]\n       \
    cchc-bench import [--items N] [--seed S] [--keep] [--backends sqlite,postgres] [--pg URL]";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match args.first().map(String::as_str) {
        Some("calendar") => match calendar::Options::parse(&args[1..]) {
            Ok(opts) => calendar::run(&opts),
            Err(e) => {
                eprintln!("{e}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("dossiers") => match dossiers::Options::parse(&args[1..]) {
            Ok(opts) => dossiers::run(&opts),
            Err(e) => {
                eprintln!("{e}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("lookup") => match lookup::Options::parse(&args[1..]) {
            Ok(opts) => lookup::run(&opts),
            Err(e) => {
                eprintln!("{e}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("import") => match import::Options::parse(&args[1..]) {
            Ok(opts) => import::run(&opts),
            Err(e) => {
                eprintln!("{e}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        Some("kpi") => match kpi::Options::parse(&args[1..]) {
            Ok(opts) => kpi::run(&opts),
            Err(e) => {
                eprintln!("{e}\n{USAGE}");
                ExitCode::from(2)
            }
        },
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
