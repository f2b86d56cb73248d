//! Checks home infusion claims against the plan's Home Infusion Payment
//! Policy and estimates what the plan would allow for each line.
//!
//! The core is plain Rust: it reads a claim from any JSON value, runs every
//! rule of the catalog against the embedded (or a caller's) policy pack, and
//! returns a [`Report`]. Only the WebAssembly binding (`src/wasm.rs`, built
//! for `wasm32` alone) knows about JavaScript.
//!
//! ```
//! use home_infusion_validator::{validate, Options};
//!
//! let claim = serde_json::json!({ "lines": [{}] });
//! let report = validate(&claim, &Options::default())?;
//! assert!(!report.valid);
//! assert!(report.findings.iter().any(|f| f.rule.id() == "missing-field"));
//! # Ok::<(), home_infusion_validator::Error>(())
//! ```

// A panic in WebAssembly kills the module for the page: the library never
// unwraps, indexes or panics (tests may).
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::todo,
    clippy::unimplemented,
    clippy::unreachable
)]

mod claim;
mod codes;
mod error;
mod options;
mod pack;
mod pricing;
mod report;
mod rules;

#[cfg(target_arch = "wasm32")]
mod wasm;

pub use error::{Error, ErrorKind};
pub use options::Options;
pub use pack::{PackInfo, TableInfo};
pub use report::{Finding, LinePrice, LineStatus, Report, Severity};
pub use rules::{Rule, RuleInfo, CATALOG};

/// The crate's version, as a page shows it beside the policy pack's date.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The most service lines a claim may have; see [`Rule`] `limit-exceeded`.
pub const MAX_LINES: usize = 10_000;

/// The longest text a field may hold, in characters.
pub const MAX_TEXT_CHARS: usize = 1_000;

/// Validates a claim given as a JSON value and prices its lines.
///
/// Reading is lenient: a missing, empty or malformed field becomes a finding
/// in the report. Only a value that is not an object is refused, with an
/// [`Error`] of kind [`ErrorKind::NotAnObject`].
pub fn validate(claim: &serde_json::Value, options: &Options) -> Result<Report, Error> {
    let object = claim
        .as_object()
        .ok_or_else(|| Error::not_an_object(claim))?;
    let pack = options.pack()?;
    Ok(rules::check(object, &pack))
}

/// Validates a claim given as JSON text; see [`validate`].
///
/// Text that is not JSON is refused with an [`Error`] of kind
/// [`ErrorKind::Json`] that says where it stopped making sense.
pub fn validate_str(claim_json: &str, options: &Options) -> Result<Report, Error> {
    let value: serde_json::Value = serde_json::from_str(claim_json).map_err(Error::json)?;
    validate(&value, options)
}

/// The rule catalog: every rule with its severity, policy section and the
/// explanation a page shows (what it checks, why the plan cares, how to fix).
pub fn catalog() -> &'static [RuleInfo] {
    CATALOG
}

/// The rule catalog as a Markdown document, one section per rule, as
/// `docs/rules.md` carries it.
pub fn catalog_markdown() -> String {
    let mut out = String::from(
        "# Rules\n\n\
         Generated from the rule registry (`src/rules/registry.rs`) by \
         `cargo run --example catalog > docs/rules.md`; a test fails when this \
         file and the registry differ. Programs match on the id; messages may \
         change.\n\n\
         | id | severity | summary | policy section |\n| --- | --- | --- | --- |\n",
    );
    for rule in CATALOG {
        out.push_str(&format!(
            "| [`{id}`](#{id}) | {severity} | {summary} | {policy} |\n",
            id = rule.id,
            severity = rule.severity.as_str(),
            summary = rule.summary,
            policy = rule.policy
        ));
    }
    for rule in CATALOG {
        out.push_str(&format!(
            "\n## {id}\n\n{severity} · {policy}\n\n**What it checks.** {checks}\n\n\
             **Why it matters.** {why}\n\n**How to fix it.** {fix}\n",
            id = rule.id,
            severity = rule.severity.as_str(),
            policy = rule.policy,
            checks = rule.checks,
            why = rule.why,
            fix = rule.fix
        ));
    }
    out
}

/// The embedded policy pack's date and the source of each of its tables.
pub fn policy_pack() -> Result<PackInfo, Error> {
    pack::embedded().map(|p| p.info())
}
