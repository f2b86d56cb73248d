//! An independent review of the rules core against the public spec, the
//! policy and the coding reference, as a billing specialist reads them.
//!
//! The tests pin behaviour the review checked. The ones under "defects
//! found by the review" failed against the first version of the core and
//! guard the fixes; each says what was wrong.
//!
//! Every claim starts from the clean antibiotic day of `tests/common` (an
//! S9502 per diem and its ceftriaxone line) and changes only what the case is
//! about, with a JSON merge patch (objects merge, lists and values replace).

use home_infusion_validator::{validate, Options, Report, Severity, CATALOG};
use serde_json::{json, Value};

#[macro_use]
mod common;
use common::{base, drug, ig_drug, ig_per_diem, line, merged, per_diem, run, Case};

// ---------------------------------------------------------------------------
// Helpers beyond tests/common
// ---------------------------------------------------------------------------

/// A third therapy: an inotrope (milrinone) with its per diem.
fn ino_per_diem(patch: Value) -> Value {
    merged(
        json!({ "from": "2026-01-14", "code": "S9348", "units": 1, "charge": "300.00" }),
        patch,
    )
}

fn ino_drug(patch: Value) -> Value {
    merged(
        json!({ "from": "2026-01-14", "code": "J2260", "units": 2, "charge": "20.00",
                "ndc": "0143-9161-01", "ndcUnit": "ML", "ndcQuantity": 10,
                "description": "milrinone 1 mg/ml", "dosage": "10 mg" }),
        patch,
    )
}

fn fees() -> Value {
    json!({ "S9502": "165.00", "S9338": "210.00", "S9348": "140.00", "S9341": "55.00",
            "S9379": "120.00", "S9494": "150.00", "J0696": "0.90", "J1561": "98.50",
            "J2260": "3.00", "B4152": "1.10", "99601": "125.00", "99602": "55.00",
            "A4222": "20.00", "E0781": "15.00", "E0100": "10.00" })
}

fn options_with(fee_patch: Value) -> Options {
    Options::from_json(&json!({
        "feeSchedule": merged(fees(), fee_patch),
        "maxUnitsPerDay": { "J0696": 16 },
        "priorAuthorization": ["J1561"]
    }))
    .unwrap()
}

fn options() -> Options {
    options_with(json!({}))
}

fn check(claim: &Value) -> Report {
    validate(claim, &options()).unwrap()
}

fn claim(patch: Value) -> Value {
    merged(base(), patch)
}

/// The report as JSON, as a page sees it.
fn as_json(report: &Report) -> Value {
    serde_json::from_str(&report.to_json()).unwrap()
}

/// Each line's `(allowed, status)` as the report's JSON carries them.
fn priced(report: &Report) -> Vec<(Option<String>, String)> {
    as_json(report)["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["allowed"].as_str().map(str::to_string),
                l["status"].as_str().unwrap().to_string(),
            )
        })
        .collect()
}

fn p(allowed: &str, status: &str) -> (Option<String>, String) {
    (Some(allowed.to_string()), status.to_string())
}

fn has(report: &Report, rule: &str, path: &str) -> bool {
    report
        .findings
        .iter()
        .any(|f| f.rule.id() == rule && f.path == path)
}

// ---------------------------------------------------------------------------
// The catalog against rules.md: severity and policy section of every rule
// ---------------------------------------------------------------------------

#[test]
fn every_spec_rule_has_the_spec_severity_and_policy_section() {
    let spec: &[(&str, &str, &str)] = &[
        ("product-not-covered", "error", "Applies to"),
        ("missing-field", "error", "Billing Instructions"),
        ("invalid-npi", "error", "Billing Instructions"),
        ("provider-not-contracted", "error", "Policy"),
        (
            "referral-required",
            "error",
            "Referral/Prior Authorization/Notification Requirements",
        ),
        ("invalid-diagnosis-code", "error", "Billing Instructions"),
        (
            "hospice-election",
            "warning",
            "Compensation/Reimbursement Information",
        ),
        ("invalid-date", "error", "Billing Instructions"),
        ("date-span-on-line", "error", "Other Information"),
        (
            "member-not-covered-on-date",
            "error",
            "General Benefit Information",
        ),
        ("invalid-procedure-code", "error", "Billing Instructions"),
        ("invalid-modifier", "error", "Billing Instructions"),
        ("invalid-units", "error", "Other Information"),
        ("invalid-charge", "error", "Billing Instructions"),
        ("invalid-place-of-service", "error", "Billing Instructions"),
        ("place-of-service-not-home", "warning", "Policy"),
        ("invalid-diagnosis-pointer", "error", "Billing Instructions"),
        ("duplicate-line", "error", "Billing Instructions"),
        ("concurrent-modifier-missing", "error", "Other Information"),
        (
            "concurrent-modifier-unexpected",
            "error",
            "Other Information",
        ),
        ("concurrent-modifier-order", "error", "Other Information"),
        ("concurrent-therapy-reduced", "info", "Other Information"),
        (
            "per-diem-units",
            "error",
            "Compensation/Reimbursement Information",
        ),
        (
            "per-diem-without-infusion",
            "warning",
            "Compensation/Reimbursement Information",
        ),
        ("per-diem-code-conflict", "error", "Billing Instructions"),
        ("noc-per-diem-documentation", "error", "Coding"),
        ("noc-per-diem-specific-code", "warning", "Coding"),
        ("noc-per-diem-with-other-therapy", "warning", "Coding"),
        (
            "supply-included-in-per-diem",
            "error",
            "Compensation/Reimbursement Information",
        ),
        ("dme-not-related-to-infusion", "error", "Other Information"),
        ("drug-line-incomplete", "error", "Other Information"),
        ("invalid-ndc", "error", "Other Information"),
        (
            "prior-authorization-required",
            "error",
            "Referral/Prior Authorization/Notification Requirements",
        ),
        ("max-units-exceeded", "error", "Other Information"),
        (
            "oral-nutrition-not-covered",
            "error",
            "Compensation/Reimbursement Information",
        ),
        ("add-on-without-primary", "error", "Billing Instructions"),
        (
            "no-fee-schedule-amount",
            "warning",
            "Compensation/Reimbursement Information",
        ),
    ];
    for &(id, severity, policy) in spec {
        let info = CATALOG
            .iter()
            .find(|r| r.id == id)
            .unwrap_or_else(|| panic!("{id} is not in the catalog"));
        assert_eq!(info.severity.as_str(), severity, "{id}");
        assert_eq!(info.policy, policy, "{id}");
    }
    // The three extra rules the brief names, and nothing else unannounced.
    let extra: Vec<&str> = CATALOG
        .iter()
        .map(|r| r.id)
        .filter(|id| !spec.iter().any(|(s, _, _)| s == id))
        .collect();
    assert_eq!(
        extra,
        vec!["malformed-field", "unknown-field", "limit-exceeded"]
    );
}

// ---------------------------------------------------------------------------
// Concurrent therapies across dates and at the effective-date boundaries
// ---------------------------------------------------------------------------

fn concurrent_cases() -> Vec<Case> {
    vec![
        case!("second therapy only on the second date", json!({ "lines": [
            per_diem(json!({})), drug(json!({})),
            per_diem(json!({ "from": "2026-01-15" })), drug(json!({ "from": "2026-01-15" })),
            ig_per_diem(json!({ "from": "2026-01-15", "modifiers": ["SH"] })),
            ig_drug(json!({ "from": "2026-01-15" }))] }),
            fires: [("concurrent-therapy-reduced", "lines[4].modifiers")],
            quiet: ["concurrent-modifier-missing", "concurrent-modifier-order",
                    "concurrent-modifier-unexpected"]),
        case!("SH carried over to a date with one therapy", json!({ "lines": [
            per_diem(json!({})), drug(json!({})),
            ig_per_diem(json!({ "modifiers": ["SH"] })), ig_drug(json!({})),
            ig_per_diem(json!({ "from": "2026-01-15", "modifiers": ["SH"] })),
            ig_drug(json!({ "from": "2026-01-15" }))] }),
            fires: [("concurrent-modifier-unexpected", "lines[4].modifiers")],
            quiet: ["concurrent-modifier-missing", "concurrent-modifier-order"]),
        case!("second therapy without SH on the second date only", json!({ "lines": [
            per_diem(json!({})), drug(json!({})), ig_per_diem(json!({ "modifiers": ["SH"] })),
            ig_drug(json!({})),
            per_diem(json!({ "from": "2026-01-15" })), drug(json!({ "from": "2026-01-15" })),
            ig_per_diem(json!({ "from": "2026-01-15" })), ig_drug(json!({ "from": "2026-01-15" }))] }),
            fires: [("concurrent-modifier-missing", "lines[6].modifiers")],
            quiet: ["concurrent-modifier-order", "concurrent-modifier-unexpected"]),
        case!("2025-01-31: no SH needed and SH on a drug is not checked", json!({
            "member": { "coverage": null }, "lines": [
            per_diem(json!({ "from": "2025-01-31" })), drug(json!({ "from": "2025-01-31", "modifiers": ["SH"] })),
            ig_per_diem(json!({ "from": "2025-01-31" })), ig_drug(json!({ "from": "2025-01-31" }))] }),
            quiet: ["concurrent-modifier-missing", "concurrent-modifier-unexpected",
                    "concurrent-modifier-order", "concurrent-therapy-reduced"]),
        case!("2025-02-01: SH is required from this date", json!({
            "member": { "coverage": null }, "lines": [
            per_diem(json!({ "from": "2025-02-01" })), drug(json!({ "from": "2025-02-01" })),
            ig_per_diem(json!({ "from": "2025-02-01" })), ig_drug(json!({ "from": "2025-02-01" }))] }),
            fires: [("concurrent-modifier-missing", "lines[2].modifiers")],
            quiet: ["concurrent-therapy-reduced"]),
        case!("2025-02-01: SH on a drug is unexpected", json!({
            "member": { "coverage": null }, "lines": [
            per_diem(json!({ "from": "2025-02-01" })),
            drug(json!({ "from": "2025-02-01", "modifiers": ["SH"] }))] }),
            fires: [("concurrent-modifier-unexpected", "lines[1].modifiers")]),
        case!("lowercase sh counts as SH", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            ig_per_diem(json!({ "modifiers": ["sh"] })), ig_drug(json!({}))] }),
            fires: [("concurrent-therapy-reduced", "lines[2].modifiers")],
            quiet: ["concurrent-modifier-missing", "invalid-modifier"]),
        case!("SJ listed before SH is still in order", json!({ "lines": [
            per_diem(json!({})), drug(json!({})),
            ino_per_diem(json!({ "modifiers": ["SJ"] })), ino_drug(json!({})),
            ig_per_diem(json!({ "modifiers": ["SH"] })), ig_drug(json!({}))] }),
            fires: [("concurrent-therapy-reduced", "lines[2].modifiers"),
                    ("concurrent-therapy-reduced", "lines[4].modifiers")],
            quiet: ["concurrent-modifier-missing", "concurrent-modifier-order"]),
        case!("two SJ and no SH: both flagged", json!({ "lines": [
            per_diem(json!({})), drug(json!({})),
            ig_per_diem(json!({ "modifiers": ["SJ"] })), ig_drug(json!({})),
            ino_per_diem(json!({ "modifiers": ["SJ"] })), ino_drug(json!({}))] }),
            fires: [("concurrent-modifier-order", "lines[2].modifiers"),
                    ("concurrent-modifier-order", "lines[4].modifiers")]),
        case!("three bare therapies: the second and third are flagged", json!({ "lines": [
            per_diem(json!({})), drug(json!({})), ig_per_diem(json!({})), ig_drug(json!({})),
            ino_per_diem(json!({})), ino_drug(json!({}))] }),
            fires: [("concurrent-modifier-missing", "lines[2].modifiers"),
                    ("concurrent-modifier-missing", "lines[4].modifiers")]),
        case!("SH on the enteral pump is unexpected", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            line(json!({ "code": "B9002", "modifiers": ["SH"] }))] }),
            fires: [("concurrent-modifier-unexpected", "lines[2].modifiers")]),
    ]
}

#[test]
fn concurrent_therapies_across_dates_and_boundaries() {
    run(concurrent_cases(), check);
}

#[test]
fn the_reduction_starts_on_2025_12_01_and_only_for_sh_or_sj_per_diems() {
    let day = |date: &str| {
        claim(json!({ "member": { "coverage": null }, "lines": [
            per_diem(json!({ "from": date })), drug(json!({ "from": date })),
            ig_per_diem(json!({ "from": date, "modifiers": ["SH"] })),
            ig_drug(json!({ "from": date })),
            ino_per_diem(json!({ "from": date, "modifiers": ["SJ"] })),
            ino_drug(json!({ "from": date }))] }))
    };

    let before = check(&day("2025-11-30"));
    assert!(before.valid, "{}", before.to_json());
    assert!(!has(
        &before,
        "concurrent-therapy-reduced",
        "lines[2].modifiers"
    ));
    assert_eq!(
        priced(&before),
        vec![
            p("165.00", "paid"),
            p("7.20", "paid"),
            p("210.00", "paid"),
            p("394.00", "paid"),
            p("140.00", "paid"),
            p("6.00", "paid"),
        ]
    );
    assert_eq!(as_json(&before)["totalAllowed"], "922.20");

    let from = check(&day("2025-12-01"));
    assert!(from.valid, "{}", from.to_json());
    assert!(has(
        &from,
        "concurrent-therapy-reduced",
        "lines[2].modifiers"
    ));
    assert!(has(
        &from,
        "concurrent-therapy-reduced",
        "lines[4].modifiers"
    ));
    // Only the SH and SJ per diems are halved; the drugs of those therapies
    // and the first therapy are paid in full.
    assert_eq!(
        priced(&from),
        vec![
            p("165.00", "paid"),
            p("7.20", "paid"),
            p("105.00", "reduced"),
            p("394.00", "paid"),
            p("70.00", "reduced"),
            p("6.00", "paid"),
        ]
    );
    assert_eq!(as_json(&from)["totalAllowed"], "747.20");
    assert_eq!(as_json(&from)["totalCharge"], "1425.00");
}

#[test]
fn a_reduction_on_a_line_denied_for_another_reason_is_reported_but_not_paid() {
    // The only per diem of its date with SH: unexpected (error) and reduced
    // (info, as decisions.md says); the line is denied.
    let report = check(&claim(json!({ "lines": [
        per_diem(json!({ "modifiers": ["SH"] })), drug(json!({}))] })));
    assert!(has(
        &report,
        "concurrent-modifier-unexpected",
        "lines[0].modifiers"
    ));
    assert!(has(
        &report,
        "concurrent-therapy-reduced",
        "lines[0].modifiers"
    ));
    assert_eq!(priced(&report)[0], p("0.00", "denied"));
}

// ---------------------------------------------------------------------------
// Pricing: rounding, lesser of fee and charge, totals
// ---------------------------------------------------------------------------

#[test]
fn rounding_is_half_away_from_zero_once_at_the_end() {
    // 0.125 × 3 = 0.375 → 0.38 (banker's rounding would give 0.38 too, so
    // also check 0.125 × 1 = 0.125 → 0.13, where banker's gives 0.12).
    let options = options_with(json!({ "J0696": "0.125" }));
    let report = validate(
        &claim(json!({ "lines": [per_diem(json!({})),
            drug(json!({ "units": 3, "charge": "1.00" })),
            drug(json!({ "units": 1, "charge": "1.00", "modifiers": ["JW"] }))] })),
        &options,
    )
    .unwrap();
    assert_eq!(priced(&report)[1], p("0.38", "paid"));
    assert_eq!(priced(&report)[2], p("0.13", "paid"));

    // A reduced per diem: 100.01 × 0.50 = 50.005 → 50.01 (not 50.00).
    let options = options_with(json!({ "S9338": "100.01" }));
    let report = validate(
        &claim(json!({ "lines": [per_diem(json!({})), drug(json!({})),
            ig_per_diem(json!({ "modifiers": ["SH"] })), ig_drug(json!({}))] })),
        &options,
    )
    .unwrap();
    assert_eq!(priced(&report)[2], p("50.01", "reduced"));

    // Units with decimals on a product billed by measure: 2.5 × 1.10 = 2.75,
    // exact. (Drug units are whole: 2.5 units of a drug is invalid-units.)
    let report = check(&claim(
        json!({ "lines": [per_diem(json!({})), drug(json!({})),
        { "from": "2026-01-14", "code": "B4152", "units": "2.5", "charge": "25.00" }] }),
    ));
    assert_eq!(priced(&report)[2], p("2.75", "paid"));
    let report = check(&claim(json!({ "lines": [per_diem(json!({})),
        drug(json!({ "units": "2.5" }))] })));
    assert_eq!(priced(&report)[1], p("0.00", "denied"));
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule.id() == "invalid-units" && f.line == Some(1)));
}

#[test]
fn allowed_is_the_lesser_of_fee_and_charge() {
    let report = check(&claim(json!({ "lines": [
        // fee 165 above the charge 100: the charge
        per_diem(json!({ "charge": "100.00" })),
        // fee 8 × 0.90 = 7.20 below the charge 25: the fee
        drug(json!({})),
        // reduced 210 × 0.5 = 105 above the charge 50: the charge, still "reduced"
        ig_per_diem(json!({ "modifiers": ["SH"], "charge": "50.00" })),
        // zero charge: zero allowed, paid
        ig_drug(json!({ "charge": 0 }))] })));
    assert!(report.valid, "{}", report.to_json());
    assert_eq!(
        priced(&report),
        vec![
            p("100.00", "paid"),
            p("7.20", "paid"),
            p("50.00", "reduced"),
            p("0.00", "paid"),
        ]
    );
    assert_eq!(as_json(&report)["totalAllowed"], "157.20");
    assert_eq!(as_json(&report)["totalCharge"], "175.00");
}

#[test]
fn totals_leave_out_bad_charges_and_unpriced_lines() {
    let report = check(&claim(json!({ "lines": [
        per_diem(json!({})),
        drug(json!({})),
        // no fee schedule amount: unpriced, its charge counts, its allowed does not
        line(json!({ "code": "S9123", "units": 2, "charge": "120.00" })),
        // invalid charge: denied, its charge is left out of totalCharge
        line(json!({ "code": "99601", "charge": "$125" })),
        // charge with three decimals: invalid too
        line(json!({ "code": "99601", "charge": "1.005", "modifiers": ["SD"] })),
        // a denied line with a well-formed charge: counted in totalCharge
        line(json!({ "code": "A4222", "charge": "30.00" }))] })));
    assert_eq!(
        priced(&report),
        vec![
            p("165.00", "paid"),
            p("7.20", "paid"),
            (None, "unpriced".to_string()),
            p("0.00", "denied"),
            p("0.00", "denied"),
            p("0.00", "denied"),
        ]
    );
    assert_eq!(as_json(&report)["totalCharge"], "355.00");
    assert_eq!(as_json(&report)["totalAllowed"], "172.20");
    assert!(has(&report, "no-fee-schedule-amount", "lines[2].code"));
    assert!(has(&report, "invalid-charge", "lines[3].charge"));
    assert!(has(&report, "invalid-charge", "lines[4].charge"));
}

#[test]
fn claim_level_errors_leave_line_prices_alone() {
    let report = check(&claim(json!({
        "product": "carePartnersAccess",
        "billingProvider": { "contracted": false },
        "member": { "hospice": true }
    })));
    assert!(!report.valid);
    assert!(has(
        &report,
        "provider-not-contracted",
        "billingProvider.contracted"
    ));
    assert!(has(&report, "hospice-election", "member.hospice"));
    assert_eq!(
        priced(&report),
        vec![p("165.00", "paid"), p("7.20", "paid")]
    );
}

#[test]
fn a_warning_alone_does_not_deny_a_line() {
    let report = check(&claim(json!({ "lines": [
        per_diem(json!({ "placeOfService": "49" })), drug(json!({ "ndcQty": 1 }))] })));
    assert!(report.valid, "{}", report.to_json());
    assert!(has(
        &report,
        "place-of-service-not-home",
        "lines[0].placeOfService"
    ));
    assert!(has(&report, "unknown-field", "lines[1].ndcQty"));
    assert_eq!(
        priced(&report),
        vec![p("165.00", "paid"), p("7.20", "paid")]
    );
}

#[test]
fn every_denied_line_carries_an_error_finding() {
    // pricing.md step 1: a line is denied because it carries an error.
    for (name, bad) in [
        ("empty object", json!({})),
        ("not an object", json!("J0696")),
        ("a list", json!([])),
        ("bad code", line(json!({ "code": "XX" }))),
    ] {
        let report = check(&claim(
            json!({ "lines": [per_diem(json!({})), drug(json!({})), bad] }),
        ));
        assert_eq!(priced(&report)[2], p("0.00", "denied"), "{name}");
        assert!(
            report
                .findings
                .iter()
                .any(|f| f.line == Some(2) && f.severity == Severity::Error),
            "{name}: {}",
            report.to_json()
        );
        assert!(!report.valid, "{name}");
    }
}

#[test]
// Defect found by the review (fixed): a null line is denied (0.00) with no finding at all and the claim stays valid.
fn a_null_line_carries_an_error_finding() {
    let report = check(&claim(
        json!({ "lines": [per_diem(json!({})), drug(json!({})), null] }),
    ));
    assert!(
        report
            .findings
            .iter()
            .any(|f| f.line == Some(2) && f.severity == Severity::Error),
        "{}",
        report.to_json()
    );
    assert!(!report.valid, "{}", report.to_json());

    // A claim whose only line is null has no service line to pay.
    let report = check(&claim(json!({ "lines": [null] })));
    assert!(!report.valid, "{}", report.to_json());
}

// ---------------------------------------------------------------------------
// Input forms: numbers as text, lowercase codes, key order, repeat runs
// ---------------------------------------------------------------------------

#[test]
fn numbers_and_text_give_the_same_report() {
    let forms = [
        (json!(8), json!("25.00"), json!(1), json!("180.00")),
        (json!("8"), json!(25), json!("1"), json!(180)),
        (json!(8.0), json!(25.0), json!("1.0"), json!(180.0)),
        (json!("8.000"), json!("25"), json!("1.000"), json!("180")),
        (json!(" 8 "), json!(" 25.00 "), json!(1.0), json!("180.00")),
    ];
    let mut reports = Vec::new();
    for (units, charge, pd_units, pd_charge) in forms {
        let report = check(&claim(json!({ "lines": [
            per_diem(json!({ "units": pd_units, "charge": pd_charge })),
            drug(json!({ "units": units, "charge": charge }))] })));
        assert!(report.valid, "{}", report.to_json());
        reports.push(report.to_json());
    }
    assert!(reports.windows(2).all(|w| w[0] == w[1]), "{reports:#?}");
}

#[test]
fn lowercase_codes_modifiers_and_tables_read_as_uppercase() {
    let upper = claim(
        json!({ "lines": [per_diem(json!({})), drug(json!({ "modifiers": ["JW"] })),
        ig_per_diem(json!({ "modifiers": ["SH"] })), ig_drug(json!({}))] }),
    );
    let lower = claim(json!({ "lines": [per_diem(json!({ "code": "s9502" })),
        drug(json!({ "code": "j0696", "modifiers": ["jw"], "ndcUnit": "un" })),
        ig_per_diem(json!({ "code": "s9338", "modifiers": ["sh"] })),
        ig_drug(json!({ "code": "j1561", "ndcUnit": "ml" }))] }));
    assert_eq!(check(&upper).to_json(), check(&lower).to_json());

    // A caller's tables keyed in lowercase work the same.
    let options = Options::from_json(&json!({
        "feeSchedule": { "s9502": "165.00", "j0696": "0.90", "s9338": "210.00", "j1561": "98.50" },
        "maxUnitsPerDay": { "j0696": 16 },
        "priorAuthorization": ["j1561"]
    }))
    .unwrap();
    assert_eq!(
        validate(&lower, &options).unwrap().to_json(),
        check(&upper).to_json()
    );
}

#[test]
fn the_same_claim_gives_the_same_bytes_whatever_the_key_order() {
    let text = r#"{"lines":[{"units":1,"code":"S9502","from":"2026-01-14","charge":"180.00",
        "modifiers":["SH"]},{"from":"2026-01-14","code":"J0696","units":99,"charge":"25.00",
        "bogus":1}],"diagnoses":["J18.9","1"],"billingProvider":{"npi":"1"},"product":"x","id":7}"#;
    let reordered = r#"{"id":7,"product":"x","billingProvider":{"npi":"1"},
        "diagnoses":["J18.9","1"],"lines":[{"from":"2026-01-14","charge":"180.00","modifiers":["SH"],
        "code":"S9502","units":1},{"bogus":1,"charge":"25.00","units":99,"code":"J0696",
        "from":"2026-01-14"}]}"#;
    let options = options();
    let first = home_infusion_validator::validate_str(text, &options)
        .unwrap()
        .to_json();
    for _ in 0..5 {
        assert_eq!(
            home_infusion_validator::validate_str(text, &options)
                .unwrap()
                .to_json(),
            first
        );
    }
    assert_eq!(
        home_infusion_validator::validate_str(reordered, &options)
            .unwrap()
            .to_json(),
        first
    );
    assert_eq!(as_json(&validate_str_ok(text))["id"], "7");
}

fn validate_str_ok(text: &str) -> Report {
    home_infusion_validator::validate_str(text, &options()).unwrap()
}

#[test]
fn findings_come_claim_level_first_then_by_line_then_by_rule() {
    let report = check(&claim(json!({
        "product": "other",
        "billingProvider": { "npi": "123", "contracted": false },
        "member": { "id": "" },
        "diagnoses": ["J18.9", "bad"],
        "documentationAttached": "maybe",
        "lines": [
            per_diem(json!({ "code": "S9379", "units": 2, "placeOfService": "11",
                             "modifiers": ["SH"] })),
            drug(json!({ "ndc": null, "units": 40, "modifiers": ["S"] })),
            line(json!({ "code": "A4222", "from": "2026-02-30" })),
            drug(json!({ "units": 1, "modifiers": ["JW"], "dosage": null }))
        ]
    })));
    let keys: Vec<(Option<usize>, &str)> = report
        .findings
        .iter()
        .map(|f| (f.line, f.rule.id()))
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_by_key(|&(line, rule)| (line.map_or(0, |l| l + 1), rule));
    assert_eq!(keys, sorted, "{}", report.to_json());
    // Each line is reached, claim-level findings lead.
    assert_eq!(keys.first().map(|k| k.0), Some(None));
    for i in 0..4 {
        assert!(keys.iter().any(|k| k.0 == Some(i)), "line {i}: {keys:?}");
    }
    // The S9379 documentation finding points at the claim field but sits
    // with its line (decisions.md).
    let doc = report
        .findings
        .iter()
        .find(|f| f.rule.id() == "noc-per-diem-documentation")
        .unwrap();
    assert_eq!(
        (doc.line, doc.path.as_str()),
        (Some(0), "documentationAttached")
    );
}

// ---------------------------------------------------------------------------
// Duplicates and daily maximums
// ---------------------------------------------------------------------------

fn duplicate_and_max_units_cases() -> Vec<Case> {
    vec![
        case!("duplicate with modifiers in other order and case", json!({ "lines": [
            per_diem(json!({})), drug(json!({ "modifiers": ["JW", "GW"] })),
            drug(json!({ "modifiers": ["gw", "jw"] }))] }),
            fires: [("duplicate-line", "lines[2].code")]),
        case!("duplicate of a lowercase code", json!({ "lines": [
            per_diem(json!({})), drug(json!({})), drug(json!({ "code": "j0696" }))] }),
            fires: [("duplicate-line", "lines[2].code")]),
        case!("a subset of modifiers is not a duplicate", json!({ "lines": [
            per_diem(json!({})), drug(json!({ "units": 4, "modifiers": ["JW", "GW"] })),
            drug(json!({ "units": 4, "modifiers": ["GW"] }))] }),
            quiet: ["duplicate-line"]),
        case!("the same per diem twice as two concurrent therapies (SH) is not a duplicate",
            json!({ "lines": [per_diem(json!({})), drug(json!({})),
            per_diem(json!({ "modifiers": ["SH"] })), line(json!({ "code": "J3370", "units": 2,
                "charge": "20.00", "ndc": "0409-4332-01", "ndcUnit": "UN", "ndcQuantity": 1,
                "description": "vancomycin 1 g", "dosage": "1 g" }))] }),
            quiet: ["duplicate-line", "concurrent-modifier-missing"]),
        case!("max units across lines, one of them with unreadable units", json!({ "lines": [
            per_diem(json!({})), drug(json!({ "units": 10 })),
            drug(json!({ "units": 7, "modifiers": ["JW"] })),
            drug(json!({ "units": "lots", "modifiers": ["JZ"] }))] }),
            fires: [("max-units-exceeded", "lines[1].units"), ("max-units-exceeded", "lines[2].units"),
                    ("max-units-exceeded", "lines[3].units"), ("invalid-units", "lines[3].units")]),
        case!("an unreadable line does not push a code over its maximum", json!({ "lines": [
            per_diem(json!({})), drug(json!({ "units": 16 })),
            drug(json!({ "units": "-3", "modifiers": ["JW"] }))] }),
            fires: [("invalid-units", "lines[2].units")], quiet: ["max-units-exceeded"]),
        case!("max units are per date", json!({ "lines": [
            per_diem(json!({})), drug(json!({ "units": 16 })),
            per_diem(json!({ "from": "2026-01-15" })),
            drug(json!({ "from": "2026-01-15", "units": 16 }))] }),
            quiet: ["max-units-exceeded"]),
    ]
}

#[test]
fn duplicates_and_daily_maximums() {
    run(duplicate_and_max_units_cases(), check);
}

#[test]
fn every_line_over_the_maximum_is_denied_and_the_others_are_paid() {
    let report = check(&claim(json!({ "lines": [
        per_diem(json!({})), drug(json!({ "units": 10 })),
        drug(json!({ "units": 7, "modifiers": ["JW"] })),
        per_diem(json!({ "from": "2026-01-15" })), drug(json!({ "from": "2026-01-15" }))] })));
    assert_eq!(
        priced(&report),
        vec![
            p("165.00", "paid"),
            p("0.00", "denied"),
            p("0.00", "denied"),
            p("165.00", "paid"),
            p("7.20", "paid"),
        ]
    );
}

// ---------------------------------------------------------------------------
// Per diem, supplies, nutrition
// ---------------------------------------------------------------------------

fn per_diem_cases() -> Vec<Case> {
    vec![
        case!("a flush alone does not make an infusion day", json!({ "lines": [per_diem(json!({})),
            line(json!({ "code": "J1642", "units": 5 }))] }),
            fires: [("per-diem-without-infusion", "lines[0].code"),
                    ("supply-included-in-per-diem", "lines[1].code")]),
        case!("two dates, the drug only on one", json!({ "lines": [
            per_diem(json!({})), drug(json!({})), per_diem(json!({ "from": "2026-01-15" }))] }),
            fires: [("per-diem-without-infusion", "lines[2].code")]),
        case!("TPN general with a specific volume", json!({ "lines": [
            line(json!({ "code": "S9364" })), line(json!({ "code": "S9366", "modifiers": ["SH"] })),
            line(json!({ "code": "B4189" }))] }),
            fires: [("per-diem-code-conflict", "lines[0].code")]),
        case!("hydration general with a specific volume", json!({ "lines": [
            per_diem(json!({})), drug(json!({})),
            line(json!({ "code": "S9373", "modifiers": ["SH"] })),
            line(json!({ "code": "S9375", "modifiers": ["SJ"] }))] }),
            fires: [("per-diem-code-conflict", "lines[2].code")]),
        case!("S9379 for chemotherapy has a specific per diem", json!({ "documentationAttached": true,
            "lines": [line(json!({ "code": "S9379" })), line(json!({ "code": "J9190", "ndc": "63323-0117-10",
                "ndcUnit": "ML", "ndcQuantity": 10, "description": "fluorouracil", "dosage": "500 mg" }))] }),
            fires: [("noc-per-diem-specific-code", "lines[0].code")]),
        case!("S9379 for an unlisted chemotherapy (J9999) has none", json!({ "documentationAttached": true,
            "lines": [line(json!({ "code": "S9379" })), line(json!({ "code": "J9999", "ndc": "63323-0117-10",
                "ndcUnit": "ML", "ndcQuantity": 10, "description": "x", "dosage": "1 mg" }))] }),
            quiet: ["noc-per-diem-specific-code"]),
        case!("S9379 with documentation as the word true", json!({ "documentationAttached": "true",
            "lines": [line(json!({ "code": "S9379" })), line(json!({ "code": "J3490", "ndc": "63323-0117-10",
                "ndcUnit": "ML", "ndcQuantity": 10, "description": "x", "dosage": "1 mg" }))] }),
            quiet: ["noc-per-diem-documentation", "malformed-field"]),
        case!("S9379 for parenteral nutrition has a specific per diem", json!({ "documentationAttached": true,
            "lines": [line(json!({ "code": "S9379" })), line(json!({ "code": "B4189" }))] }),
            fires: [("noc-per-diem-specific-code", "lines[0].code")]),
        case!("a parenteral kit is a supply, not nutrition", json!({ "lines": [
            line(json!({ "code": "S9365" })), line(json!({ "code": "B4222" }))] }),
            fires: [("supply-included-in-per-diem", "lines[1].code"),
                    ("per-diem-without-infusion", "lines[0].code")]),
        case!("maintenance (MS) of a patient-owned pump", json!({ "lines": [
            per_diem(json!({})), drug(json!({})), line(json!({ "code": "E0779", "modifiers": ["ms"] }))] }),
            quiet: ["supply-included-in-per-diem", "dme-not-related-to-infusion"]),
        case!("an included supply without any per diem on the claim", json!({ "lines": [
            line(json!({ "code": "A4222" }))] }),
            fires: [("supply-included-in-per-diem", "lines[0].code")]),
        case!("DME with a per diem on another date", json!({ "lines": [
            per_diem(json!({})), drug(json!({})), line(json!({ "code": "K0001", "from": "2026-01-20" }))] }),
            fires: [("dme-not-related-to-infusion", "lines[2].code")]),
        case!("oral formula with BO among other modifiers", json!({ "lines": [
            line(json!({ "code": "S9343" })), line(json!({ "code": "B4150", "units": 10 })),
            line(json!({ "code": "B4102", "units": 2, "modifiers": ["GW", "bo"] }))] }),
            fires: [("oral-nutrition-not-covered", "lines[2].modifiers")]),
        case!("BO on a parenteral solution is not the enteral rule", json!({ "lines": [
            line(json!({ "code": "S9365" })), line(json!({ "code": "B4189", "modifiers": ["BO"] }))] }),
            quiet: ["oral-nutrition-not-covered"]),
        case!("add-on with its visit on another date", json!({ "lines": [
            per_diem(json!({})), drug(json!({})), line(json!({ "code": "99601", "from": "2026-01-13" })),
            line(json!({ "code": "99602" }))] }),
            fires: [("add-on-without-primary", "lines[3].code")]),
        case!("per diem units of 1.5", json!({ "lines": [per_diem(json!({ "units": "1.5" })), drug(json!({}))] }),
            fires: [("per-diem-units", "lines[0].units")]),
    ]
}

#[test]
fn per_diem_supply_and_nutrition_rules() {
    run(per_diem_cases(), check);
}

// ---------------------------------------------------------------------------
// Claim and line format edges
// ---------------------------------------------------------------------------

fn format_cases() -> Vec<Case> {
    vec![
        case!("coverage ends on the DOS", json!({ "member": { "coverage": { "from": "2026-01-14", "to": "2026-01-14" } } }),
            quiet: ["member-not-covered-on-date"]),
        case!("coverage starts the day after the DOS", json!({ "member": { "coverage": { "from": "2026-01-15" } } }),
            fires: [("member-not-covered-on-date", "lines[0].from")]),
        case!("HMO, contracted but out of network", json!({ "billingProvider": { "inNetwork": "false" } }),
            fires: [("referral-required", "referral")], quiet: ["provider-not-contracted"]),
        case!("HMO, in network but not contracted", json!({ "billingProvider": { "contracted": false, "inNetwork": true } }),
            fires: [("provider-not-contracted", "billingProvider.contracted")], quiet: ["referral-required"]),
        case!("referral of blanks is no referral", json!({ "billingProvider": { "inNetwork": false }, "referral": "   " }),
            fires: [("referral-required", "referral")]),
        case!("a product in another case is not a product", json!({ "product": "CareAdvantagePreferred" }),
            fires: [("product-not-covered", "product")]),
        case!("NPI as a JSON number with a bad check digit", json!({ "billingProvider": { "npi": 1003000127u64 } }),
            fires: [("invalid-npi", "billingProvider.npi")]),
        case!("to before from", json!({ "lines": [per_diem(json!({ "to": "2026-01-13" })), drug(json!({}))] }),
            fires: [("date-span-on-line", "lines[0].to")]),
        case!("CPT category II code", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            line(json!({ "code": "0001F" }))] }), quiet: ["invalid-procedure-code"]),
        case!("HCPCS with a trailing letter", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            line(json!({ "code": "S950A" }))] }), fires: [("invalid-procedure-code", "lines[2].code")]),
        case!("three-character modifier", json!({ "lines": [per_diem(json!({})), drug(json!({ "modifiers": ["JWZ"] }))] }),
            fires: [("invalid-modifier", "lines[1].modifiers[0]")]),
        case!("NDC 5-4-1 pads the package", json!({ "lines": [per_diem(json!({})), drug(json!({ "ndc": "13533-0800-1" }))] }),
            quiet: ["invalid-ndc"]),
        case!("NDC with spaces", json!({ "lines": [per_diem(json!({})), drug(json!({ "ndc": "0143 9857 01" }))] }),
            fires: [("invalid-ndc", "lines[1].ndc")]),
        case!("NDC quantity of zero", json!({ "lines": [per_diem(json!({})), drug(json!({ "ndcQuantity": 0 }))] }),
            fires: [("invalid-ndc", "lines[1].ndcQuantity")], quiet: ["drug-line-incomplete"]),
        case!("NDC details on a per diem are still checked", json!({ "lines": [
            per_diem(json!({ "ndcUnit": "XX" })), drug(json!({}))] }),
            fires: [("invalid-ndc", "lines[0].ndcUnit")]),
        case!("line prior authorization is enough", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            ig_per_diem(json!({ "modifiers": ["SH"] })), ig_drug(json!({}))] }),
            quiet: ["prior-authorization-required"]),
        case!("diagnosis pointer L with twelve diagnoses", json!({ "diagnoses": ["A41", "A41.0", "A41.1",
            "A41.2", "A41.3", "A41.4", "A41.50", "A41.51", "A41.52", "A41.53", "A41.59", "J18.9"],
            "lines": [per_diem(json!({ "diagnosisPointers": ["l"] })), drug(json!({}))] }),
            quiet: ["invalid-diagnosis-pointer"]),
    ]
}

#[test]
fn claim_and_line_format_edges() {
    run(format_cases(), check);
}

// ---------------------------------------------------------------------------
// Suspected defects: each asserts the behaviour the review expects
// ---------------------------------------------------------------------------

#[test]
// Defect found by the review (fixed): pointers into trailing blank diagnoses pass; a 12-box form disables the pointer check.
fn a_pointer_into_trailing_blank_diagnoses_points_past_them() {
    // decisions.md: trailing blank diagnoses are ignored; rules.md: a pointer
    // that points past `diagnoses` is invalid-diagnosis-pointer.
    let report = check(&claim(json!({
        "diagnoses": ["J18.9", "Z45.2", "", "", "", "", "", "", "", "", "", ""],
        "lines": [per_diem(json!({ "diagnosisPointers": ["C"] })),
                  drug(json!({ "diagnosisPointers": ["L"] }))]
    })));
    assert!(
        has(
            &report,
            "invalid-diagnosis-pointer",
            "lines[0].diagnosisPointers[0]"
        ),
        "{}",
        report.to_json()
    );
    assert!(has(
        &report,
        "invalid-diagnosis-pointer",
        "lines[1].diagnosisPointers[0]"
    ));
}

#[test]
// The review found that decisions.md said JSON numbers were read from their
// text while they went through f64. The decision now written down: a JSON
// number is read as the shortest decimal of its double value, exactly as
// JavaScript's JSON.stringify writes it (so the package and the native crate
// agree byte for byte); text is read exactly.
fn json_numbers_are_read_as_javascript_writes_them_and_text_exactly() {
    let claim_text = |units: &str, charge: &str| {
        format!(
            r#"{{"product":"careAdvantagePreferred","member":{{"id":"M"}},
            "billingProvider":{{"npi":"1003000126","contracted":true}},"diagnoses":["J18.9"],
            "lines":[{{"from":"2026-01-14","code":"S9502","units":{units},"charge":{charge}}},
            {{"from":"2026-01-14","code":"J0696","units":8,"charge":"25.00","ndc":"0143-9857-01",
            "ndcUnit":"UN","ndcQuantity":1,"description":"x","dosage":"2 g"}}]}}"#
        )
    };
    let priced_charge = |report: &Report| -> String {
        serde_json::from_str::<Value>(&report.to_json()).unwrap()["totalCharge"]
            .as_str()
            .unwrap()
            .to_string()
    };

    // JSON.stringify(1e2) is "100" and JSON.stringify(0.1) is "0.1".
    let report = validate_str_ok(&claim_text("1", "1e2"));
    assert!(
        !has(&report, "invalid-charge", "lines[0].charge"),
        "{}",
        report.to_json()
    );
    assert_eq!(priced_charge(&report), "125.00");
    let report = validate_str_ok(&claim_text("1", "0.1"));
    assert_eq!(priced_charge(&report), "25.10");

    // JSON.stringify(1.0000000000000001) is "1": one unit, as in the browser.
    let report = validate_str_ok(&claim_text("1.0000000000000001", "180"));
    assert!(
        !has(&report, "invalid-units", "lines[0].units"),
        "{}",
        report.to_json()
    );

    // The same digits as text are read exactly: sixteen decimals are too many.
    let report = validate_str_ok(&claim_text("\"1.0000000000000001\"", "180"));
    assert!(
        has(&report, "invalid-units", "lines[0].units"),
        "{}",
        report.to_json()
    );
}

#[test]
// Defect found by the review (fixed): an enteral per diem whose only formula is oral (BO, denied) is still paid in full.
fn oral_formula_alone_does_not_make_an_infusion_day() {
    // Policy: per diem "only when an actual drug infusion is administered that
    // day"; enteral formula is paid "via gravity, pump or bolus only (does not
    // apply to nutritional formulas taken orally)".
    let report = check(&claim(json!({ "lines": [
        line(json!({ "code": "S9341", "charge": "60.00" })),
        line(json!({ "code": "B4152", "units": 20, "charge": "30.00", "modifiers": ["BO"] }))] })));
    assert!(has(
        &report,
        "oral-nutrition-not-covered",
        "lines[1].modifiers"
    ));
    assert!(
        has(&report, "per-diem-without-infusion", "lines[0].code"),
        "{}",
        report.to_json()
    );
}

#[test]
// Defect found by the review (fixed): oral drugs (J8499, J7500-J7599, J8xxx) count as the day's infusion for the per diem.
fn an_oral_drug_does_not_make_an_infusion_day() {
    // Policy: per diem "only when an actual drug infusion is administered that
    // day". J8499 is "prescription drug, oral, non chemotherapeutic, NOS".
    let report = check(&claim(json!({ "lines": [per_diem(json!({})),
        line(json!({ "code": "J8499", "charge": "30.00", "ndc": "0143-9857-01", "ndcUnit": "UN",
                     "ndcQuantity": 1, "description": "oral tablet", "dosage": "1 tab" }))] })));
    assert!(
        has(&report, "per-diem-without-infusion", "lines[0].code"),
        "{}",
        report.to_json()
    );
}

#[test]
// Defect found by the review (fixed): S9563 (home injectable immunotherapy, per diem) is missing from the therapy per diem class.
fn s9563_is_a_therapy_per_diem() {
    // rules.md: "S9537–S9590 family where described as per diem"; the HCPCS
    // descriptor of S9563 ends "…(drugs and nursing visits coded separately),
    // per diem". Check against the current HCPCS file.
    let report = check(&claim(
        json!({ "lines": [per_diem(json!({})), drug(json!({})),
        line(json!({ "code": "S9563", "units": 2 }))] }),
    ));
    assert!(
        has(&report, "per-diem-units", "lines[2].units"),
        "{}",
        report.to_json()
    );
    assert!(has(
        &report,
        "concurrent-modifier-missing",
        "lines[2].modifiers"
    ));
}

#[test]
// Defect found by the review (fixed): common immune globulins (J1566, J1568, J1572) and antibiotics (J0692, J0713, J1580, J2540) are missing from the therapy map.
fn s9379_for_a_mapped_therapy_gets_the_specific_code_warning() {
    // rules.md lists the map "at least"; a biller billing S9379 for Octagam or
    // cefepime is told nothing, while Privigen or cefazolin get the warning.
    for product in [
        "J1566", "J1568", "J1572", "J0692", "J0713", "J1580", "J2540",
    ] {
        let report = check(&claim(json!({ "documentationAttached": true, "lines": [
            line(json!({ "code": "S9379" })),
            line(json!({ "code": product, "ndc": "0143-9857-01", "ndcUnit": "UN",
                         "ndcQuantity": 1, "description": "x", "dosage": "1 g" }))] })));
        assert!(
            has(&report, "noc-per-diem-specific-code", "lines[0].code"),
            "{product}: {}",
            report.to_json()
        );
    }
}

#[test]
// Defect found by the review (fixed): a hydration day (S9374 + J7030 saline 1000 cc) is warned as a per diem without infusion.
fn the_hydration_fluid_is_the_infusion_of_a_hydration_day() {
    // The hydration per diems are priced by volume (S9374 1 liter … S9377 over
    // 3 liters): the fluid is the therapy. J7030 stays a bundled supply (spec),
    // but the day has an infusion, so the per diem warning misleads.
    let report = check(&claim(json!({ "lines": [
        line(json!({ "code": "S9374" })),
        line(json!({ "code": "J7030", "charge": "15.00" }))] })));
    assert!(has(&report, "supply-included-in-per-diem", "lines[1].code"));
    assert!(
        !has(&report, "per-diem-without-infusion", "lines[0].code"),
        "{}",
        report.to_json()
    );
}

#[test]
// Defect found by the review (fixed): drugs billed with Q codes (infliximab biosimilars Q5103/Q5104/Q5121) are not drugs: no NDC check, no infusion.
fn an_infliximab_biosimilar_is_a_drug_of_the_anti_tnf_per_diem() {
    // Policy: "Submit each drug/product using standard CPT/HCPCS codes, NDC …";
    // HCPCS bills biosimilars as Q5101 onwards (Q5103 infliximab-dyyb).
    let report = check(&claim(json!({ "lines": [
        line(json!({ "code": "S9359" })),
        line(json!({ "code": "Q5103", "units": 50, "charge": "900.00" }))] })));
    assert!(
        !has(&report, "per-diem-without-infusion", "lines[0].code"),
        "{}",
        report.to_json()
    );
    assert!(has(&report, "drug-line-incomplete", "lines[1].ndc"));
}

// ---------------------------------------------------------------------------
// Defects found by the second review: each failed before its fix
// ---------------------------------------------------------------------------

/// An unlisted drug that maps to no therapy, for S9379 days.
fn noc_drug(patch: Value) -> Value {
    merged(
        line(
            json!({ "code": "J3490", "ndc": "63323-0117-10", "ndcUnit": "ML",
                     "ndcQuantity": 10, "description": "x", "dosage": "1 mg" }),
        ),
        patch,
    )
}

#[test]
// Defect found by the second review (fixed): S9379 on a line whose date is
// missing or impossible got no noc-per-diem-documentation, so the biller who
// fixed the date learned of the documentation only on the next pass.
fn s9379_needs_documentation_whatever_its_date() {
    // rules.md: "S9379 is billed and documentationAttached is not true".
    for from in [json!("2026-02-30"), json!(null)] {
        let report = check(&claim(json!({ "lines": [
            line(json!({ "code": "S9379", "from": from.clone() })), noc_drug(json!({}))] })));
        let doc: Vec<_> = report
            .findings
            .iter()
            .filter(|f| f.rule.id() == "noc-per-diem-documentation")
            .map(|f| (f.line, f.path.as_str()))
            .collect();
        assert_eq!(
            doc,
            vec![(Some(0), "documentationAttached")],
            "{from}: {}",
            report.to_json()
        );
    }
    // Still one finding per S9379 line on a good date, and none once attached.
    let report = check(&claim(json!({ "lines": [
        line(json!({ "code": "S9379" })), noc_drug(json!({}))] })));
    assert_eq!(
        report
            .findings
            .iter()
            .filter(|f| f.rule.id() == "noc-per-diem-documentation")
            .count(),
        1,
        "{}",
        report.to_json()
    );
    let report = check(&claim(json!({ "documentationAttached": true, "lines": [
        line(json!({ "code": "S9379", "from": "2026-02-30" })), noc_drug(json!({}))] })));
    assert!(!report
        .findings
        .iter()
        .any(|f| f.rule.id() == "noc-per-diem-documentation"));
}

#[test]
// Defect found by the second review (fixed): two S9379 lines on one date
// (the second with SH) got no noc-per-diem-with-other-therapy, although each
// is another therapy per diem line of the date.
fn two_s9379_lines_on_one_date_are_each_with_another_therapy() {
    // rules.md: "S9379 on a DOS with another therapy per diem line"; Coding:
    // only "if the actual medication is infused separately from any other
    // service being provided on the same date of service".
    let report = check(&claim(json!({ "documentationAttached": true, "lines": [
        line(json!({ "code": "S9379" })), noc_drug(json!({})),
        line(json!({ "code": "S9379", "modifiers": ["SH"] })),
        noc_drug(json!({ "code": "J3590" }))] })));
    assert!(
        has(&report, "noc-per-diem-with-other-therapy", "lines[0].code"),
        "{}",
        report.to_json()
    );
    assert!(has(
        &report,
        "noc-per-diem-with-other-therapy",
        "lines[2].code"
    ));
    // One S9379 alone on its date has no other therapy.
    let report = check(&claim(json!({ "documentationAttached": true, "lines": [
        line(json!({ "code": "S9379" })), noc_drug(json!({})),
        line(json!({ "code": "S9379", "from": "2026-01-15" })),
        noc_drug(json!({ "from": "2026-01-15" }))] })));
    assert!(!report
        .findings
        .iter()
        .any(|f| f.rule.id() == "noc-per-diem-with-other-therapy"));
}

#[test]
// Defect found by the second review (fixed): a JSON number with a fraction
// part of zero was read as serde_json writes it ("12.0"), not as JavaScript
// does ("12"), so natively `"placeOfService": 12.0` was
// invalid-place-of-service and `"npi": 1003000126.0` invalid-npi, while the
// package (which sends JSON.stringify's text) found nothing: one claim, two
// reports.
fn json_numbers_with_a_zero_fraction_read_as_javascript_writes_them() {
    let text = r#"{"id":7.0,"product":"careAdvantagePreferred","member":{"id":"M"},
        "billingProvider":{"npi":1003000126.0,"contracted":true},"diagnoses":["J18.9"],
        "lines":[{"from":"2026-01-14","code":"S9502","units":1.0,"charge":180.0,
        "placeOfService":12.0,"diagnosisPointers":["A"]},
        {"from":"2026-01-14","code":"J0696","units":8.0,"charge":25.0,"ndc":"0143-9857-01",
        "ndcUnit":"UN","ndcQuantity":1.0,"description":"x","dosage":"2 g"}]}"#;
    // What the page sends for the same claim: JSON.stringify drops ".0".
    let as_js = text.replace(".0,", ",").replace(".0}", "}");
    let native = validate_str_ok(text);
    assert!(native.valid, "{}", native.to_json());
    assert_eq!(native.to_json(), validate_str_ok(&as_js).to_json());
    assert_eq!(as_json(&native)["id"], "7");

    // Each form JavaScript writes, read as the same text (an id is echoed).
    for (number, js) in [
        ("12.0", "12"),
        ("1e2", "100"),
        ("0.1", "0.1"),
        ("1.5e1", "15"),
        ("-2.50", "-2.5"),
        ("0.000001", "0.000001"),
        ("1e-7", "1e-7"),
        ("1.5e-7", "1.5e-7"),
        ("1e21", "1e+21"),
        ("123456789012345678901", "123456789012345680000"),
        ("-0.0", "0"),
    ] {
        let report = validate_str_ok(&format!(r#"{{"id":{number}}}"#));
        assert_eq!(as_json(&report)["id"], js, "{number}");
    }
}
