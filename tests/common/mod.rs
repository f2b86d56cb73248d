//! Claims for the rule tests: a clean antibiotic day (an S9502 per diem and
//! its ceftriaxone line), its lines, and a JSON merge patch (objects merge,
//! lists and values replace; `null` removes) to change only what a case is
//! about. Shared by tests/rules.rs and tests/review.rs.

// Each test file uses only some of these.
#![allow(dead_code)]

use home_infusion_validator::{Report, Rule};
use serde_json::{json, Value};

/// A clean claim: no finding at all under the test options.
pub fn base() -> Value {
    json!({
        "id": "T-1",
        "product": "careAdvantagePreferred",
        "member": { "id": "CPCT-200431", "coverage": { "from": "2026-01-01" } },
        "billingProvider": { "npi": "1003000126", "contracted": true },
        "diagnoses": ["J18.9", "Z45.2"],
        "lines": [per_diem(json!({})), drug(json!({}))]
    })
}

pub fn per_diem(patch: Value) -> Value {
    merged(
        json!({ "from": "2026-01-14", "code": "S9502", "units": 1, "charge": "180.00",
                "diagnosisPointers": ["A"] }),
        patch,
    )
}

pub fn drug(patch: Value) -> Value {
    merged(
        json!({ "from": "2026-01-14", "code": "J0696", "units": 8, "charge": "25.00",
                "ndc": "0143-9857-01", "ndcUnit": "UN", "ndcQuantity": 1,
                "description": "ceftriaxone 2 g vial", "dosage": "2 g",
                "diagnosisPointers": ["A"] }),
        patch,
    )
}

/// A second therapy: immune globulin with its per diem.
pub fn ig_per_diem(patch: Value) -> Value {
    merged(
        json!({ "from": "2026-01-14", "code": "S9338", "units": 1, "charge": "400.00" }),
        patch,
    )
}

pub fn ig_drug(patch: Value) -> Value {
    merged(
        json!({ "from": "2026-01-14", "code": "J1561", "units": 4, "charge": "500.00",
                "ndc": "13533-0800-12", "ndcUnit": "ML", "ndcQuantity": 20,
                "description": "immune globulin 10%", "dosage": "2 g",
                "priorAuthorization": "PA-9001" }),
        patch,
    )
}

pub fn line(patch: Value) -> Value {
    merged(
        json!({ "from": "2026-01-14", "units": 1, "charge": "10.00" }),
        patch,
    )
}

pub fn merged(mut target: Value, patch: Value) -> Value {
    merge(&mut target, patch);
    target
}

pub fn merge(target: &mut Value, patch: Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(&k);
                } else {
                    merge(t.entry(k).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p,
    }
}

/// A case: a patch on the base claim, the findings it must have as
/// (rule, path), and rules that must not fire at all.
pub struct Case {
    pub name: &'static str,
    pub patch: Value,
    pub fires: &'static [(&'static str, &'static str)],
    pub quiet: &'static [&'static str],
}

/// Runs every case through `check` and reports all failures at once.
pub fn run(cases: Vec<Case>, check: impl Fn(&Value) -> Report) {
    let mut failures = Vec::new();
    for case in cases {
        let claim = merged(base(), case.patch);
        let report = check(&claim);
        let found: Vec<(&str, &str)> = report
            .findings
            .iter()
            .map(|f| (f.rule.id(), f.path.as_str()))
            .collect();
        for &(rule, path) in case.fires {
            assert!(
                Rule::from_id(rule).is_some(),
                "{}: {rule} is not a rule",
                case.name
            );
            if !found.contains(&(rule, path)) {
                failures.push(format!(
                    "{}: expected {rule} at {path}, found {found:?}",
                    case.name
                ));
            }
        }
        for &rule in case.quiet {
            assert!(
                Rule::from_id(rule).is_some(),
                "{}: {rule} is not a rule",
                case.name
            );
            if found.iter().any(|(r, _)| *r == rule) {
                failures.push(format!(
                    "{}: {rule} must not fire, found {found:?}",
                    case.name
                ));
            }
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

/// A `Case`: `case!(name, patch, fires: [(rule, path), ...], quiet: [rule, ...])`.
macro_rules! case {
    ($name:literal, $patch:expr, fires: [$(($rule:literal, $path:literal)),* $(,)?] $(, quiet: [$($q:literal),* $(,)?])? $(,)?) => {
        Case { name: $name, patch: $patch, fires: &[$(($rule, $path)),*], quiet: &[$($($q),*)?] }
    };
    ($name:literal, $patch:expr, quiet: [$($q:literal),* $(,)?] $(,)?) => {
        Case { name: $name, patch: $patch, fires: &[], quiet: &[$($q),*] }
    };
}
