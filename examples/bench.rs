//! The native side of the package's speed comparison (bench/package.mjs) and
//! of its native-vs-wasm byte test (tests/node/native-vs-wasm.test.mjs).
//!
//! ```text
//! cargo run --release --example bench -- CASE.json --runs 2000   # timing, as JSON
//! cargo run --release --example bench -- CASE.json --print       # the report's bytes
//! ```
//!
//! `CASE.json` is `{"claim": …, "options": …}` (a fixture works). Timing
//! measures what the package's `validateClaimJson` does: claim text in,
//! report text out, options read once; it prints the median and quartiles
//! in microseconds.

use std::hint::black_box;
use std::process::ExitCode;
use std::time::Instant;

use home_infusion_validator::{validate_str, Options};

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("bench: {message}");
            ExitCode::FAILURE
        }
    }
}

fn run() -> Result<(), String> {
    // Arguments: the case file, then --print or --runs N.
    let args: Vec<String> = std::env::args().skip(1).collect();
    let (path, mode) = match args.as_slice() {
        [path, mode, rest @ ..] => (path, (mode.as_str(), rest)),
        _ => return Err("usage: bench CASE.json (--print | --runs N)".into()),
    };

    // The case: the claim as compact text (what JSON.stringify gives the
    // package) and the options read once, as a page reads them once.
    let text = std::fs::read_to_string(path).map_err(|e| format!("{path}: {e}"))?;
    let case: serde_json::Value =
        serde_json::from_str(&text).map_err(|e| format!("{path}: {e}"))?;
    let claim = serde_json::to_string(&case["claim"]).map_err(|e| e.to_string())?;
    let options = Options::from_json(&case["options"]).map_err(|e| e.to_string())?;

    // Either print the report, or time it.
    match mode {
        ("--print", []) => {
            let report = validate_str(&claim, &options).map_err(|e| e.to_string())?;
            println!("{}", report.to_json());
            Ok(())
        }
        ("--runs", [runs]) => {
            let runs: usize = runs
                .parse()
                .map_err(|_| format!("--runs {runs}: not a count"))?;
            time(&claim, &options, runs.max(1))
        }
        _ => Err("usage: bench CASE.json (--print | --runs N)".into()),
    }
}

/// Runs the claim `runs` times after a warm-up and prints the figures.
fn time(claim: &str, options: &Options, runs: usize) -> Result<(), String> {
    // Warm up: caches, the allocator, the embedded pack's first read.
    for _ in 0..runs.div_ceil(10) {
        let report = validate_str(black_box(claim), options).map_err(|e| e.to_string())?;
        black_box(report.to_json());
    }

    // Measure each run on its own, then sort for the quantiles.
    let mut micros = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let report = validate_str(black_box(claim), options).map_err(|e| e.to_string())?;
        black_box(report.to_json());
        micros.push(start.elapsed().as_secs_f64() * 1e6);
    }
    micros.sort_by(f64::total_cmp);

    let at = |q: f64| {
        let index = ((micros.len() - 1) as f64 * q).round() as usize;
        micros.get(index).copied().unwrap_or(f64::NAN)
    };
    println!(
        "{{\"runs\":{runs},\"medianMicros\":{:.2},\"p25Micros\":{:.2},\"p75Micros\":{:.2}}}",
        at(0.5),
        at(0.25),
        at(0.75)
    );
    Ok(())
}
