//! The binding's exported API (src/wasm.rs), called the way JavaScript calls
//! it, in headless Chromium: `wasm-pack test --headless --chrome` (see
//! scripts/test.sh for the driver and the browser's arguments).
//!
//! The exports are reached through this test binary's own wasm-bindgen glue
//! module, which the test runner serves as `/wasm-bindgen-test`: so each
//! call crosses the real JS boundary (strings in, strings or a thrown Error
//! out), and the reports are compared with the library's own bytes.
#![cfg(target_arch = "wasm32")]

use home_infusion_validator::{validate_str, Options};
use js_sys::{Array, Function, Reflect};
use serde_json::Value;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

#[wasm_bindgen(inline_js = r#"
import * as glue from "/wasm-bindgen-test";
export function exportedApi() { return glue; }
"#)]
extern "C" {
    #[wasm_bindgen(js_name = exportedApi)]
    fn exported_api() -> JsValue;
}

const EXAMPLES: [&str; 8] = [
    include_str!("fixtures/examples/daily-maximum-units.json"),
    include_str!("fixtures/examples/drug-line-needs-ndc-details.json"),
    include_str!("fixtures/examples/hmo-out-of-network-needs-referral.json"),
    include_str!("fixtures/examples/infusion-supplies-are-in-the-per-diem.json"),
    include_str!("fixtures/examples/one-date-of-service-per-line.json"),
    include_str!("fixtures/examples/oral-formula-is-not-covered.json"),
    include_str!("fixtures/examples/second-therapy-sh-paid-at-half.json"),
    include_str!("fixtures/examples/valid-antibiotic-day.json"),
];

/// Calls an export of the binding by its JS name with text arguments: its
/// string result, or the message of what it threw.
fn call(name: &str, args: &[&str]) -> Result<String, String> {
    let args: Vec<JsValue> = args.iter().map(|a| JsValue::from_str(a)).collect();
    call_with(name, &args)
}

/// Validates claim text as the package's entry does: the claim as UTF-8
/// bytes (a `Uint8Array`), the options as text.
fn validate(claim: &str, options: &str) -> Result<String, String> {
    validate_bytes(claim.as_bytes(), options)
}

fn validate_bytes(claim: &[u8], options: &str) -> Result<String, String> {
    let claim = js_sys::Uint8Array::from(claim);
    call_with(
        "validateClaimUtf8",
        &[claim.into(), JsValue::from_str(options)],
    )
}

fn call_with(name: &str, args: &[JsValue]) -> Result<String, String> {
    let api = exported_api();
    let function: Function = Reflect::get(&api, &JsValue::from_str(name))
        .unwrap()
        .dyn_into()
        .unwrap_or_else(|_| panic!("the binding exports no function {name}"));
    let args: Array = args.iter().collect();
    match function.apply(&JsValue::NULL, &args) {
        Ok(value) => Ok(value.as_string().expect("a string result")),
        Err(error) => {
            let error: js_sys::Error = error.dyn_into().expect("an Error was thrown");
            let message: String = error.message().into();
            assert_eq!(
                error.name(),
                "Error",
                "a plain Error, not a trap: {message}"
            );
            Err(error.message().into())
        }
    }
}

/// The library's own report bytes for the same claim and options text.
fn native(claim: &str, options: &str) -> String {
    let options = Options::from_json_str(options).unwrap();
    validate_str(claim, &options).unwrap().to_json()
}

#[wasm_bindgen_test]
fn every_example_gives_the_library_bytes_and_meets_its_expectations() {
    for text in EXAMPLES {
        let example: Value = serde_json::from_str(text).unwrap();
        let claim = example["claim"].to_string();
        let options = example["options"].to_string();

        let report = validate(&claim, &options).unwrap();
        assert_eq!(report, native(&claim, &options), "{}", example["name"]);

        let report: Value = serde_json::from_str(&report).unwrap();
        let expect = &example["expect"];
        assert_eq!(report["valid"], expect["valid"], "{}", example["name"]);
        for key in ["lines", "totalCharge", "totalAllowed"] {
            if !expect[key].is_null() {
                assert_eq!(report[key], expect[key], "{}: {key}", example["name"]);
            }
        }
        for pair in expect["findings"].as_array().into_iter().flatten() {
            let found = report["findings"]
                .as_array()
                .unwrap()
                .iter()
                .any(|f| f["rule"] == pair[0] && f["line"] == pair[1]);
            assert!(found, "{}: expected {pair}", example["name"]);
        }
    }
}

#[wasm_bindgen_test]
fn no_options_is_the_embedded_pack() {
    let claim = r#"{"lines":[{"from":"2026-01-14","code":"S9502","units":1,"charge":"10.00"}]}"#;
    let with_empty = validate(claim, "").unwrap();
    assert_eq!(with_empty, validate(claim, "  ").unwrap());
    assert_eq!(with_empty, validate(claim, "null").unwrap());
    assert_eq!(with_empty, native(claim, "null"));
}

#[wasm_bindgen_test]
fn only_a_claim_that_is_not_an_object_throws() {
    for (text, found) in [
        (r#""text""#, "a string"),
        ("null", "null"),
        ("[]", "an array"),
        ("42", "a number"),
        ("false", "a boolean"),
    ] {
        assert_eq!(
            validate(text, ""),
            Err(format!("expected a claim object, found {found}"))
        );
    }
    let error = validate("{", "").unwrap_err();
    assert!(error.starts_with("claim is not valid JSON"), "{error}");

    // Everything inside an object is a finding.
    let report: Value =
        serde_json::from_str(&validate(r#"{"lines":[null,7,"x"]}"#, "").unwrap()).unwrap();
    assert_eq!(report["valid"], false);
    assert_eq!(report["lines"].as_array().unwrap().len(), 3);
}

#[wasm_bindgen_test]
fn bad_options_throw_an_error_that_names_the_entry() {
    for (options, expected) in [
        (r#"{"feeschedule":{}}"#, r#"unknown option "feeschedule""#),
        (
            r#"{"feeSchedule":{"S9500":"abc"}}"#,
            r#"options.feeSchedule["S9500"]"#,
        ),
        ("[1]", "options: expected an object"),
        ("{", "options are not valid JSON"),
    ] {
        let error = validate("{}", options).unwrap_err();
        assert!(
            error.contains(expected),
            "{error} does not contain {expected}"
        );
    }
}

#[wasm_bindgen_test]
fn limits_and_deep_nesting_never_trap() {
    // 10,001 lines: one finding, no lines.
    let line = r#"{"from":"2026-01-14","code":"S9502","units":1}"#;
    let lines = vec![line; 10_001].join(",");
    let claim = format!(r#"{{"lines":[{lines}]}}"#);
    let report: Value = serde_json::from_str(&validate(&claim, "").unwrap()).unwrap();
    assert_eq!(report["lines"], serde_json::json!([]));
    assert!(report["findings"]
        .as_array()
        .unwrap()
        .iter()
        .any(|f| f["rule"] == "limit-exceeded"));

    // A long text field is a finding too.
    let claim = format!(r#"{{"id":"{}","lines":[{line}]}}"#, "x".repeat(1_000_000));
    let report = validate(&claim, "").unwrap();
    assert!(report.contains(r#""rule":"limit-exceeded""#));

    // 10,000 levels of nesting: a clear error, and the module still answers.
    let deep = format!(
        r#"{{"id":{}1{}}}"#,
        r#"{"a":"#.repeat(10_000),
        "}".repeat(10_000)
    );
    let error = validate(&deep, "").unwrap_err();
    assert!(error.contains("recursion limit"), "{error}");
    assert!(validate("{}", "").is_ok());
}

#[wasm_bindgen_test]
fn bytes_that_are_not_utf8_are_a_clear_error() {
    let error = validate_bytes(b"{\"id\":\"\xff\"}", "").unwrap_err();
    assert_eq!(error, "claim is not valid UTF-8 text");
    assert!(validate("{}", "").is_ok());
}

#[wasm_bindgen_test]
fn unicode_crosses_the_boundary_intact() {
    let claim = r#"{"id":"Zoë 💉 \"quoted\" \\ end","lines":[{}]}"#;
    let report: Value = serde_json::from_str(&validate(claim, "").unwrap()).unwrap();
    assert_eq!(report["id"], "Zoë 💉 \"quoted\" \\ end");
}

#[wasm_bindgen_test]
fn catalog_pack_and_version() {
    let catalog: Value = serde_json::from_str(&call("ruleCatalogJson", &[]).unwrap()).unwrap();
    let ids: Vec<&str> = catalog
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert!(ids.len() >= 40, "{ids:?}");
    for id in [
        "referral-required",
        "malformed-field",
        "unknown-field",
        "limit-exceeded",
    ] {
        assert!(ids.contains(&id), "{id}");
    }
    assert_eq!(
        catalog,
        serde_json::to_value(home_infusion_validator::catalog()).unwrap()
    );

    let pack: Value = serde_json::from_str(&call("policyPackJson", &[]).unwrap()).unwrap();
    let date = pack["date"].as_str().unwrap();
    assert_eq!(date.len(), 10, "{date}");
    assert!(!pack["tables"].as_array().unwrap().is_empty());

    assert_eq!(call("version", &[]).unwrap(), env!("CARGO_PKG_VERSION"));
}
