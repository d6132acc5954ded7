//! Benchmarks of cchc against baselines: `cargo run --release -p cchc-bench -- calendar`.

mod calendar;
mod numpy;

use std::process::ExitCode;

const USAGE: &str = "usage: cchc-bench calendar [--pairs N] [--rounds R]";

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
        _ => {
            eprintln!("{USAGE}");
            ExitCode::from(2)
        }
    }
}
