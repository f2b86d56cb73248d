//! The limits that keep a page responsive: at most `MAX_LINES` service lines
//! and `MAX_TEXT_CHARS` characters per text field, each reported as a
//! `limit-exceeded` finding, and JSON nested deeper than serde_json's 128
//! levels refused as an error rather than overflowing the stack.

use home_infusion_validator::{
    validate, validate_str, ErrorKind, LineStatus, Options, Report, MAX_LINES, MAX_TEXT_CHARS,
};
use serde_json::{json, Value};

/// A nursing visit on its own date: line `i` is on day `i` of a calendar of
/// 28-day months, so no two lines are on one date.
fn line(i: usize) -> Value {
    let (year, month, day) = (2026 + i / 336, i % 336 / 28 + 1, i % 28 + 1);
    json!({
        "from": format!("{year}-{month:02}-{day:02}"),
        "code": "99601",
        "units": 1,
        "charge": "10.00",
        "diagnosisPointers": ["A"]
    })
}

fn claim(lines: Vec<Value>) -> Value {
    json!({
        "id": "LIMITS",
        "product": "careAdvantagePreferred",
        "member": { "id": "M-1" },
        "billingProvider": { "npi": "1003000126", "contracted": true },
        "diagnoses": ["J18.9"],
        "lines": lines
    })
}

fn check(claim: &Value) -> Report {
    validate(claim, &Options::default()).unwrap()
}

fn limit_findings(report: &Report) -> Vec<(String, Option<usize>)> {
    report
        .findings
        .iter()
        .filter(|f| f.rule.id() == "limit-exceeded")
        .map(|f| (f.path.clone(), f.line))
        .collect()
}

#[test]
fn a_claim_of_exactly_max_lines_lines_is_checked_in_full() {
    let report = check(&claim((0..MAX_LINES).map(line).collect()));
    assert_eq!(report.lines.len(), MAX_LINES);
    assert!(limit_findings(&report).is_empty());
    assert!(report.valid, "{:?}", report.findings.first());
    assert_eq!(
        report.to_json().matches("\"status\":\"paid\"").count(),
        MAX_LINES
    );
}

#[test]
fn the_last_of_max_lines_lines_is_checked_like_the_first() {
    let mut lines: Vec<Value> = (0..MAX_LINES).map(line).collect();
    let last = MAX_LINES - 1;
    lines[last]["placeOfService"] = json!("X");
    let report = check(&claim(lines));
    assert_eq!(
        report
            .findings
            .iter()
            .map(|f| (f.rule.id(), f.line))
            .collect::<Vec<_>>(),
        vec![("invalid-place-of-service", Some(last))]
    );
    assert_eq!(report.lines[last].status, LineStatus::Denied);
    assert_eq!(report.lines[0].status, LineStatus::Paid);
}

#[test]
fn one_line_over_max_lines_gives_only_the_limit_finding() {
    let report = check(&claim((0..=MAX_LINES).map(line).collect()));
    assert_eq!(limit_findings(&report), vec![("lines".to_string(), None)]);
    assert!(report.lines.is_empty());
    assert!(!report.valid);
    let message = &report
        .findings
        .iter()
        .find(|f| f.rule.id() == "limit-exceeded")
        .unwrap()
        .message;
    assert!(message.contains(&(MAX_LINES + 1).to_string()), "{message}");
    assert!(message.contains("10000"), "{message}");
}

#[test]
fn a_text_field_of_max_text_chars_characters_is_read() {
    // Characters, not bytes: 1,000 two-byte characters are within the limit.
    for text in ["x".repeat(MAX_TEXT_CHARS), "é".repeat(MAX_TEXT_CHARS)] {
        let mut c = claim(vec![line(0)]);
        c["member"]["id"] = json!(text);
        c["lines"][0]["description"] = json!(text);
        let report = check(&c);
        assert!(
            limit_findings(&report).is_empty(),
            "{:?}",
            limit_findings(&report)
        );
    }
}

#[test]
fn a_text_field_one_character_over_gives_the_finding_on_its_path() {
    let text = "é".repeat(MAX_TEXT_CHARS + 1);
    let mut c = claim(vec![line(0), line(1)]);
    c["member"]["id"] = json!(text);
    c["lines"][1]["description"] = json!(text);
    c["diagnoses"] = json!(["J18.9", text]);

    let report = check(&c);

    assert_eq!(
        limit_findings(&report),
        vec![
            ("diagnoses[1]".to_string(), None),
            ("member.id".to_string(), None),
            ("lines[1].description".to_string(), Some(1)),
        ]
    );
    assert!(!report.valid);
    // A line with an over-long field is denied, as for any error.
    assert_eq!(report.lines[1].status, LineStatus::Denied);
}

#[test]
fn a_one_megabyte_field_gives_the_finding_and_a_short_message() {
    let megabyte = "A".repeat(1 << 20);
    let mut c = claim(vec![line(0)]);
    c["lines"][0]["ndc"] = json!(megabyte);
    c["referral"] = json!(megabyte);

    let report = check(&c);

    let limits = limit_findings(&report);
    assert!(
        limits.contains(&("referral".to_string(), None)),
        "{limits:?}"
    );
    assert!(
        limits.contains(&("lines[0].ndc".to_string(), Some(0))),
        "{limits:?}"
    );
    // The report does not echo the megabyte back.
    assert!(
        report.to_json().len() < 10_000,
        "{} bytes",
        report.to_json().len()
    );
}

#[test]
fn a_one_megabyte_field_name_is_named_short() {
    let name = "k".repeat(1 << 20);
    let mut c = claim(vec![line(0)]);
    c[name.as_str()] = json!(1);
    let report = check(&c);
    let unknown: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.rule.id() == "unknown-field")
        .map(|f| f.path.as_str())
        .collect();
    assert_eq!(unknown.len(), 1);
    assert!(unknown[0].len() <= 100, "{} bytes", unknown[0].len());
}

/// `depth` nested arrays around `inner`.
fn nested(depth: usize, inner: &str) -> String {
    format!("{}{inner}{}", "[".repeat(depth), "]".repeat(depth))
}

#[test]
fn nesting_deeper_than_serde_jsons_limit_is_an_error_not_a_stack_overflow() {
    for depth in [129, 10_000, 1_000_000] {
        let text = nested(depth, "");
        let err = validate_str(&text, &Options::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Json, "{depth}");
        assert!(err.message().contains("recursion limit"), "{depth}: {err}");
    }
}

#[test]
fn deep_nesting_inside_an_unknown_field_is_an_error_too() {
    for depth in [200, 1_000_000] {
        let text = format!("{{\"id\": \"X\", \"extra\": {}}}", nested(depth, "1"));
        let err = validate_str(&text, &Options::default()).unwrap_err();
        assert_eq!(err.kind(), ErrorKind::Json, "{depth}");
        assert!(err.message().contains("recursion limit"), "{depth}: {err}");
    }
}

#[test]
fn nesting_within_the_limit_in_an_unknown_field_is_only_a_warning() {
    let text = format!("{{\"id\": \"X\", \"extra\": {}}}", nested(100, "1"));
    let report = validate_str(&text, &Options::default()).unwrap();
    assert!(report
        .findings
        .iter()
        .any(|f| f.rule.id() == "unknown-field" && f.path == "extra"));
}

#[test]
fn deep_nesting_in_options_is_an_options_error() {
    let text = format!("{{\"feeSchedule\": {}}}", nested(10_000, ""));
    let err = Options::from_json_str(&text).unwrap_err();
    assert_eq!(err.kind(), ErrorKind::Options);
    assert!(err.message().contains("recursion limit"), "{err}");
}
