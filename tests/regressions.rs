//! One test per crash the fuzzers found (fuzz/, scripts/fuzz-long.sh),
//! named for the target and the crash file, with the input written out.

use std::fs;
use std::path::Path;

use home_infusion_validator::{validate, validate_str, LineStatus, Options};
use serde_json::{json, Value};

/// `structured_claim`, crash-ce29da2e308a02b8cc47ebe4635a8839d3a73718: "value
/// and text disagree". A line's `from` given as the number
/// 2.2701620285713514e-308 is echoed as "2.2701620285713514e-308" when the
/// claim is a value, but as "2.270162028571351e-308" when it is text: without
/// its `float_roundtrip` feature, serde_json parses some long numbers to the
/// neighbouring float, so the text the rules read is not the text given.
#[test]
fn structured_claim_crash_ce29da2e_a_number_reads_the_same_as_text_and_as_value() {
    let value = json!({ "lines": [{ "from": 2.2701620285713514e-308_f64 }] });
    let text = value.to_string();
    assert!(text.contains("2.2701620285713514e-308"), "{text}");

    let by_value = validate(&value, &Options::default()).unwrap().to_json();
    let by_text = validate_str(&text, &Options::default()).unwrap().to_json();

    assert!(by_value.contains("2.2701620285713514e-308"), "{by_value}");
    assert_eq!(by_text, by_value);
}

/// The same cause, where it changes a price: units given as the JSON number
/// 0.9999999999999999 (sixteen decimals, so `invalid-units`: at most three)
/// are parsed as 1.0 and the line is paid for one unit.
#[test]
fn structured_claim_crash_ce29da2e_long_json_number_units_are_not_rounded_into_valid_ones() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/examples/valid-antibiotic-day.json");
    let example: Value = serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap();
    let options = Options::from_json(&example["options"]).unwrap();
    let mut claim = example["claim"].clone();
    claim["lines"][1]["units"] = json!("UNITS");
    let text = claim.to_string().replace("\"UNITS\"", "0.9999999999999999");

    let report = validate_str(&text, &options).unwrap();

    let units: Vec<&str> = report
        .findings
        .iter()
        .filter(|f| f.line == Some(1))
        .map(|f| f.rule.id())
        .collect();
    assert_eq!(units, vec!["invalid-units"], "{}", report.to_json());
    assert_eq!(report.lines[1].status, LineStatus::Denied);
    assert!(!report.valid);
}
