//! Properties that hold for every input: no panic on any JSON, no panic on
//! any mutation of a clean claim, line order changes where findings sit but
//! not what they say, and the plan never allows more than was billed.

use std::collections::BTreeMap;

use home_infusion_validator::{validate, ErrorKind, Options, Report};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};

fn options() -> Options {
    Options::from_json(&json!({
        "feeSchedule": { "S9502": "165.00", "S9338": "210.00", "S9341": "55.00", "S9379": "120.00",
                         "J0696": "0.90", "J1561": "98.50", "B4152": "1.10", "99601": "125.00",
                         "99602": "55.00", "A4222": "20.00", "E0100": "10.00" },
        "maxUnitsPerDay": { "J0696": 16, "99602": 3 },
        "priorAuthorization": ["J1561"]
    }))
    .unwrap()
}

/// Any JSON value, nested a few levels.
fn any_json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>()
            .prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        ".{0,12}".prop_map(Value::String),
        select(vec![
            "lines",
            "from",
            "code",
            "2026-01-14",
            "S9502",
            "SH",
            "1",
            "-1",
            "1e400"
        ])
        .prop_map(|s| Value::String(s.into())),
    ];
    leaf.prop_recursive(4, 64, 8, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::vec((field_name(), inner), 0..6)
                .prop_map(|fields| Value::Object(fields.into_iter().collect::<Map<_, _>>())),
        ]
    })
}

fn field_name() -> impl Strategy<Value = String> {
    prop_oneof![
        select(vec![
            "id",
            "product",
            "member",
            "coverage",
            "hospice",
            "billingProvider",
            "npi",
            "contracted",
            "inNetwork",
            "referral",
            "priorAuthorization",
            "documentationAttached",
            "diagnoses",
            "lines",
            "from",
            "to",
            "placeOfService",
            "code",
            "modifiers",
            "units",
            "charge",
            "diagnosisPointers",
            "ndc",
            "ndcUnit",
            "ndcQuantity",
            "description",
            "dosage",
        ])
        .prop_map(String::from),
        "[a-zA-Z]{1,8}",
    ]
}

/// A service line drawn from codes, modifiers and values that exercise the
/// rules, well formed or not.
fn any_line() -> impl Strategy<Value = Value> {
    let date = select(vec![
        "2026-01-14",
        "2026-01-15",
        "2025-06-01",
        "2026-02-30",
        "",
    ]);
    let code = select(vec![
        "S9502", "S9494", "S9338", "S9341", "S9379", "J0696", "J1561", "B4152", "A4222", "E0100",
        "99601", "99602", "S9123", "X1", "s9502",
    ]);
    let modifiers =
        prop::collection::vec(select(vec!["SH", "SJ", "BO", "RB", "JW", "X", "GW"]), 0..3);
    let units = select(vec![
        json!(1),
        json!(2),
        json!("8"),
        json!(16),
        json!(0),
        json!("x"),
        json!(1.5),
    ]);
    let charge = select(vec![
        json!("180.00"),
        json!("25.00"),
        json!(0),
        json!("7.5"),
        json!("-1"),
        json!("$3"),
    ]);
    let ndc = select(vec![
        json!("0143-9857-01"),
        json!("0143985701"),
        Value::Null,
    ]);
    (date, code, modifiers, units, charge, ndc, any::<bool>()).prop_map(
        |(date, code, modifiers, units, charge, ndc, details)| {
            let mut line = json!({ "from": date, "code": code, "modifiers": modifiers,
                                   "units": units, "charge": charge, "ndc": ndc,
                                   "diagnosisPointers": ["A"] });
            if details {
                line["ndcUnit"] = json!("UN");
                line["ndcQuantity"] = json!(1);
                line["description"] = json!("product");
                line["dosage"] = json!("1 g");
                line["priorAuthorization"] = json!("PA-1");
            }
            line
        },
    )
}

fn claim_with(lines: Vec<Value>) -> Value {
    json!({
        "id": "P-1",
        "product": "careAdvantagePreferred",
        "member": { "id": "M-1", "coverage": { "from": "2025-01-01" } },
        "billingProvider": { "npi": "1003000126", "contracted": true },
        "documentationAttached": true,
        "diagnoses": ["J18.9", "Z45.2"],
        "lines": lines
    })
}

/// Rules whose choice of line depends on order by their definition: the
/// later duplicate, the second and later bare per diem, the second SH.
const ORDER_SENSITIVE: &[&str] = &[
    "duplicate-line",
    "concurrent-modifier-missing",
    "concurrent-modifier-order",
];

/// Findings that follow from which line an order-sensitive rule denied: a
/// line needs manual pricing only when it is not denied.
const FOLLOWS_DENIAL: &[&str] = &["no-fee-schedule-amount"];

/// The findings as (rule, line, path) with line indexes mapped by `to_new`,
/// leaving out those whose line depends on order.
fn located(report: &Report, to_new: &[usize]) -> Vec<(String, Option<usize>, String)> {
    let order_decides = report
        .findings
        .iter()
        .any(|f| ORDER_SENSITIVE.contains(&f.rule.id()));
    let mut found: Vec<_> = report
        .findings
        .iter()
        .filter(|f| !ORDER_SENSITIVE.contains(&f.rule.id()))
        .filter(|f| !(order_decides && FOLLOWS_DENIAL.contains(&f.rule.id())))
        .map(|f| {
            let line = f.line.map(|l| to_new[l]);
            let path = match (f.line, line) {
                (Some(old), Some(new)) => {
                    f.path
                        .replacen(&format!("lines[{old}]"), &format!("lines[{new}]"), 1)
                }
                _ => f.path.clone(),
            };
            (f.rule.id().to_string(), line, path)
        })
        .collect();
    found.sort();
    found
}

fn counts(report: &Report) -> BTreeMap<&'static str, usize> {
    let order_decides = report
        .findings
        .iter()
        .any(|f| ORDER_SENSITIVE.contains(&f.rule.id()));
    let mut counts = BTreeMap::new();
    for f in &report.findings {
        if order_decides && FOLLOWS_DENIAL.contains(&f.rule.id()) {
            continue;
        }
        *counts.entry(f.rule.id()).or_default() += 1;
    }
    counts
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn any_json_value_gives_a_report_or_a_clear_error(value in any_json()) {
        match validate(&value, &options()) {
            Ok(report) => prop_assert!(value.is_object() && report.to_json().starts_with("{\"id\":"), "not a report"),
            Err(e) => {
                prop_assert!(!value.is_object());
                prop_assert_eq!(e.kind(), ErrorKind::NotAnObject);
            }
        }
    }

    #[test]
    fn any_mutation_of_a_clean_claim_gives_a_report(
        lines in prop::collection::vec(any_line(), 1..6),
        field in field_name(),
        value in any_json(),
        at_line in any::<bool>(),
    ) {
        let mut claim = claim_with(lines);
        if at_line {
            claim["lines"][0][field.as_str()] = value;
        } else {
            claim[field.as_str()] = value;
        }
        let report = validate(&claim, &options()).unwrap();
        prop_assert_eq!(report.lines.len(), claim["lines"].as_array().map_or(0, |l| l.len()));
    }

    #[test]
    fn permuting_lines_moves_findings_but_does_not_change_them(
        lines in prop::collection::vec(any_line(), 1..8),
        seed in any::<u64>(),
    ) {
        // A permutation of the line indexes, from the seed.
        let n = lines.len();
        let mut order: Vec<usize> = (0..n).collect();
        let mut state = seed;
        for i in (1..n).rev() {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            order.swap(i, (state >> 33) as usize % (i + 1));
        }
        let permuted: Vec<Value> = order.iter().map(|&old| lines[old].clone()).collect();
        let mut to_new = vec![0; n];
        for (new, &old) in order.iter().enumerate() {
            to_new[old] = new;
        }

        let before = validate(&claim_with(lines), &options()).unwrap();
        let after = validate(&claim_with(permuted), &options()).unwrap();
        let identity: Vec<usize> = (0..n).collect();

        prop_assert_eq!(located(&before, &to_new), located(&after, &identity));
        prop_assert_eq!(counts(&before), counts(&after));
        prop_assert_eq!(before.valid, after.valid);
        prop_assert_eq!(before.total_charge, after.total_charge);
        let order_free = !before.findings.iter().any(|f| ORDER_SENSITIVE.contains(&f.rule.id()));
        if order_free {
            for (old, &new) in to_new.iter().enumerate() {
                prop_assert_eq!(&before.lines[old], &after.lines[new]);
            }
            prop_assert_eq!(before.total_allowed, after.total_allowed);
        }
    }

    #[test]
    fn the_plan_never_allows_more_than_was_billed(lines in prop::collection::vec(any_line(), 1..8)) {
        let report = validate(&claim_with(lines), &options()).unwrap();
        prop_assert!(report.total_allowed <= report.total_charge);
    }
}
