//! Properties of the pricing estimate, over generated claims that mix
//! well-formed and broken lines: line order does not change what a line is
//! allowed, adding a line never raises another line, a line with an error is
//! denied at 0.00, and no line is allowed more than its charge.
//!
//! Two of these hold only with the exceptions that the rule catalog itself
//! makes (rules.md): rules that flag "the later" of two lines depend on line
//! order, and rules that flag a line for a companion it lacks (an add-on
//! without its primary, SH or SJ without the right other per diem) are
//! cleared when the companion is added. The tests at the end show that each
//! exception is real.

use std::str::FromStr;

use home_infusion_validator::{validate, LinePrice, LineStatus, Options, Report, Severity};
use proptest::prelude::*;
use proptest::sample::select;
use rust_decimal::Decimal;
use serde_json::{json, Value};

/// Rules that, by their definition, flag a line according to line order.
const ORDER_SENSITIVE: &[&str] = &[
    "duplicate-line",
    "concurrent-modifier-missing",
    "concurrent-modifier-order",
];

/// Rules whose error on a line another line can clear by being added.
const CLEARED_BY_A_COMPANION: &[&str] = &[
    "add-on-without-primary",
    "concurrent-modifier-unexpected",
    "concurrent-modifier-order",
];

fn any_date() -> impl Strategy<Value = Value> {
    prop_oneof![
        8 => select(vec!["2026-01-14", "2026-01-15", "2025-12-01", "2025-11-30", "2025-01-31"])
            .prop_map(Value::from),
        1 => select(vec!["2026-02-30", "14/01/2026", ""]).prop_map(Value::from),
        1 => Just(json!(20260114)),
    ]
}

fn any_code() -> impl Strategy<Value = Value> {
    prop_oneof![
        12 => select(vec![
            // therapy per diems, general and specific
            "S9502", "S9494", "S9497", "S9500", "S9338", "S9348", "S9341", "S9340", "S9379",
            // drugs and nutrition
            "J0696", "J1561", "J1745", "J3490", "B4152", "B4149",
            // nursing, supplies, DME, and codes with no fee schedule amount
            "99601", "99602", "S9123", "A4222", "E0776", "E0100", "K0552", "0001F", "J9999",
        ])
        .prop_map(Value::from),
        1 => select(vec!["s9502", "X1", "", "J06960"]).prop_map(Value::from),
        1 => Just(json!(99601)),
    ]
}

fn any_modifiers() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => prop::collection::vec(select(vec!["SH", "SJ", "BO", "RB", "JW", "59", "X"]), 0..3)
            .prop_map(Value::from),
        1 => Just(json!("SH")),
    ]
}

fn any_units() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => select(vec![json!(1), json!(2), json!("8"), json!(16), json!(1.5), json!("1.255")]),
        1 => select(vec![json!(0), json!("x"), json!(-1), json!([1]), json!("1.2345")]),
    ]
}

fn any_charge() -> impl Strategy<Value = Value> {
    prop_oneof![
        6 => select(vec![
            json!("180.00"), json!("25.00"), json!(0), json!("7.5"), json!(400), json!("0.01"),
            json!("99999999.99"),
        ]),
        1 => select(vec![json!("-1"), json!("$3"), json!("1.234"), json!({}), json!(true)]),
    ]
}

/// A service line, well formed or not, with or without its drug details.
fn any_line() -> impl Strategy<Value = Value> {
    (
        any_date(),
        any_code(),
        any_modifiers(),
        any_units(),
        any_charge(),
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(|(from, code, modifiers, units, charge, details, to)| {
            let mut line = json!({ "from": from, "code": code, "modifiers": modifiers,
                                   "units": units, "charge": charge,
                                   "diagnosisPointers": ["A"] });
            if details {
                line["ndc"] = json!("0143-9857-01");
                line["ndcUnit"] = json!("UN");
                line["ndcQuantity"] = json!(1);
                line["description"] = json!("product");
                line["dosage"] = json!("1 g");
                line["priorAuthorization"] = json!("PA-1");
            }
            if to {
                line["to"] = line["from"].clone();
            }
            line
        })
}

fn claim(lines: &[Value]) -> Value {
    json!({
        "id": "PRICING",
        "product": "carePartnersAccess",
        "member": { "id": "M-1", "coverage": { "from": "2025-01-01" } },
        "billingProvider": { "npi": "1003000126", "contracted": true },
        "documentationAttached": true,
        "diagnoses": ["J18.9", "Z45.2"],
        "lines": lines
    })
}

fn check(lines: &[Value]) -> Report {
    validate(&claim(lines), &Options::default()).unwrap()
}

/// The rule ids of the error findings on line `i`.
fn errors_on(report: &Report, i: usize) -> Vec<&'static str> {
    report
        .findings
        .iter()
        .filter(|f| f.line == Some(i) && f.severity == Severity::Error)
        .map(|f| f.rule.id())
        .collect()
}

/// The rule ids of all findings on line `i` that depend on line order.
fn order_findings_on(report: &Report, i: usize) -> Vec<&'static str> {
    let mut ids: Vec<&'static str> = report
        .findings
        .iter()
        .filter(|f| f.line == Some(i) && ORDER_SENSITIVE.contains(&f.rule.id()))
        .map(|f| f.rule.id())
        .collect();
    ids.sort_unstable();
    ids
}

/// A permutation of `0..n` drawn from `seed`: `order[new] = old`.
fn permutation(n: usize, seed: u64) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut state = seed;
    for i in (1..n).rev() {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        order.swap(i, (state >> 33) as usize % (i + 1));
    }
    order
}

/// Whether `after` is no higher than `before`: unpriced stays unpriced or
/// becomes denied; an amount stays or falls.
fn not_raised(before: &LinePrice, after: &LinePrice) -> bool {
    match (before.allowed, after.allowed) {
        (Some(b), Some(a)) => a <= b,
        (None, Some(a)) => a.is_zero() && after.status == LineStatus::Denied,
        (None, None) => true,
        (Some(_), None) => false,
    }
}

/// The line's charge as the claim gives it, if it is a number.
fn charge_of(line: &Value) -> Option<Decimal> {
    match &line["charge"] {
        Value::String(s) => Decimal::from_str(s.trim()).ok(),
        Value::Number(n) => Decimal::from_str(&n.to_string()).ok(),
        _ => None,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, ..ProptestConfig::default() })]

    #[test]
    fn reordering_lines_does_not_change_any_lines_allowed_amount(
        lines in prop::collection::vec(any_line(), 1..9),
        seed in any::<u64>(),
    ) {
        let order = permutation(lines.len(), seed);
        let permuted: Vec<Value> = order.iter().map(|&old| lines[old].clone()).collect();
        let before = check(&lines);
        let after = check(&permuted);

        for (new, &old) in order.iter().enumerate() {
            // A line that an order-sensitive rule flags in one order only
            // may be priced differently; every other line must not be.
            if order_findings_on(&before, old) != order_findings_on(&after, new) {
                continue;
            }
            prop_assert_eq!(
                &before.lines[old], &after.lines[new],
                "line {} (now {}): {}", old, new, lines[old]
            );
        }
    }

    #[test]
    fn adding_a_line_never_raises_another_lines_amount(
        lines in prop::collection::vec(any_line(), 1..8),
        added in any_line(),
        at in any::<prop::sample::Index>(),
    ) {
        let k = at.index(lines.len() + 1);
        let mut more = lines.clone();
        more.insert(k, added.clone());
        let before = check(&lines);
        let after = check(&more);

        prop_assert_eq!(after.lines.len(), lines.len() + 1);
        for old in 0..lines.len() {
            let new = if old < k { old } else { old + 1 };
            let cleared = !errors_on(&before, old).is_empty()
                && errors_on(&before, old).iter().all(|id| CLEARED_BY_A_COMPANION.contains(id));
            if cleared {
                continue;
            }
            prop_assert!(
                not_raised(&before.lines[old], &after.lines[new]),
                "line {} went from {:?} to {:?} when {} was added at {}\n{:?}",
                old, before.lines[old], after.lines[new], added, k, errors_on(&before, old)
            );
        }
    }

    #[test]
    fn a_line_is_denied_at_zero_exactly_when_it_has_an_error(
        lines in prop::collection::vec(any_line(), 1..9),
    ) {
        let report = check(&lines);
        for (i, price) in report.lines.iter().enumerate() {
            let errors = errors_on(&report, i);
            if !errors.is_empty() {
                prop_assert_eq!(price.status, LineStatus::Denied, "line {}: {:?}", i, errors);
                prop_assert_eq!(price.allowed, Some(Decimal::ZERO), "line {}", i);
            }
            if price.status == LineStatus::Denied {
                prop_assert!(!errors.is_empty(), "line {} is denied with no error: {}", i, lines[i]);
            }
        }
    }

    #[test]
    fn no_line_is_allowed_more_than_its_charge(lines in prop::collection::vec(any_line(), 1..9)) {
        let report = check(&lines);
        let mut total = Decimal::ZERO;
        for (i, price) in report.lines.iter().enumerate() {
            let Some(allowed) = price.allowed else { continue };
            total += allowed;
            prop_assert!(allowed >= Decimal::ZERO, "line {}: {}", i, allowed);
            if price.status != LineStatus::Denied {
                let charge = charge_of(&lines[i]);
                prop_assert!(charge.is_some_and(|c| allowed <= c),
                    "line {} allowed {} over its charge {}", i, allowed, lines[i]["charge"]);
            }
        }
        prop_assert_eq!(report.total_allowed, total);

        // In the report, money is a string with exactly two decimals.
        let json: Value = serde_json::from_str(&report.to_json()).unwrap();
        for price in json["lines"].as_array().unwrap() {
            if let Some(text) = price["allowed"].as_str() {
                let (units, cents) = text.split_once('.').unwrap();
                prop_assert!(!units.is_empty() && cents.len() == 2, "{}", text);
            }
        }
    }
}

/// A line as the tests below write them.
fn at(date: &str, code: &str, modifiers: &[&str], units: u32, charge: &str) -> Value {
    json!({ "from": date, "code": code, "modifiers": modifiers, "units": units,
            "charge": charge, "diagnosisPointers": ["A"], "ndc": "0143-9857-01",
            "ndcUnit": "UN", "ndcQuantity": 1, "description": "product", "dosage": "1 g" })
}

#[test]
fn the_order_exception_is_real_the_later_duplicate_is_the_one_denied() {
    let cheap = at("2026-01-14", "J0696", &[], 2, "1.00");
    let dear = at("2026-01-14", "J0696", &[], 2, "100.00");
    let one = check(&[cheap.clone(), dear.clone()]);
    let other = check(&[dear, cheap]);
    // The 100.00 line is paid 1.80 when first and denied when second.
    assert_eq!(one.lines[1].status, LineStatus::Denied);
    assert_eq!(other.lines[0].allowed, Some(Decimal::new(180, 2)));
}

#[test]
fn the_companion_exception_is_real_an_add_on_is_paid_once_its_primary_is_added() {
    let add_on = at("2026-01-14", "99602", &[], 1, "80.00");
    let alone = check(std::slice::from_ref(&add_on));
    assert_eq!(errors_on(&alone, 0), vec!["add-on-without-primary"]);
    assert_eq!(alone.lines[0].status, LineStatus::Denied);

    let with_primary = check(&[add_on, at("2026-01-14", "99601", &[], 1, "150.00")]);
    assert_eq!(with_primary.lines[0].status, LineStatus::Paid);
    assert_eq!(with_primary.lines[0].allowed, Some(Decimal::new(5500, 2)));
}

#[test]
fn the_companion_exception_is_real_sh_is_paid_once_a_first_therapy_is_added() {
    let second = at("2026-01-14", "S9338", &["SH"], 1, "400.00");
    let alone = check(std::slice::from_ref(&second));
    assert_eq!(errors_on(&alone, 0), vec!["concurrent-modifier-unexpected"]);

    let with_first = check(&[second, at("2026-01-14", "S9502", &[], 1, "180.00")]);
    assert_eq!(with_first.lines[0].status, LineStatus::Reduced);
    assert_eq!(with_first.lines[0].allowed, Some(Decimal::new(10500, 2)));
}
