//! Structured claims: an example claim (or an empty one) changed by a series
//! of edits drawn with `arbitrary`, from a vocabulary of codes, modifiers,
//! dates, NDC forms and amounts, well formed or not, and of wrong kinds.
//!
//! Every claim must give a report, the same one whether it is passed as a
//! value or as text, and the report must agree with itself.

#![no_main]

use arbitrary::{Result, Unstructured};
use home_infusion_validator::{validate, validate_str, LineStatus, Options, Severity};
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/examples.rs"));

const CODES: &[&str] = &[
    "S9502", "S9494", "S9497", "S9500", "S9504", "S9338", "S9348", "S9359", "S9329", "S9330",
    "S9325", "S9326", "S9340", "S9341", "S9342", "S9364", "S9365", "S9373", "S9374", "S9379",
    "S9490", "J0696", "J0690", "J1561", "J1459", "J1250", "J1745", "J9000", "J9999", "J3490",
    "J1642", "J7050", "B4152", "B4149", "B4164", "B4220", "B4102", "A4222", "A4221", "E0776",
    "E0100", "K0552", "99601", "99602", "S9123", "S9124", "0001F", "0001T", "0001U", "s9502",
    "J069", "X1234", "",
];
const MODIFIERS: &[&str] = &[
    "SH", "SJ", "BO", "RB", "MS", "JW", "GW", "59", "sh", "X", "ABC",
];
const DATES: &[&str] = &[
    "2025-01-31",
    "2025-02-01",
    "2025-11-30",
    "2025-12-01",
    "2026-01-14",
    "2026-01-15",
    "2024-02-29",
    "2026-02-29",
    "2026-13-01",
    "0000-01-01",
    "9999-12-31",
    "2026-1-14",
    "14/01/2026",
    "",
];
const NDCS: &[&str] = &[
    "0143-9857-01",
    "01439857011",
    "0143985701",
    "12345-678-90",
    "12345-6789-0",
    "1234-5678-90",
    "12345-6789-01",
    "1-2-3",
    "",
];
const NDC_UNITS: &[&str] = &["UN", "ML", "GR", "F2", "ME", "un", "XX"];
const AMOUNTS: &[&str] = &[
    "1",
    "0",
    "-1",
    "1.5",
    "1.25",
    "1.2345",
    "16",
    "24",
    "99999999",
    "100000000",
    "99999999.99",
    "180.00",
    "7.5",
    "0.005",
    "1e3",
    "$3",
    " 2 ",
    "-0.00",
];
const DIAGNOSES: &[&str] = &[
    "J18.9", "Z45.2", "J189", "A00", "A00.0000", "U07.1", "123", "",
];
const WORDS: &[&str] = &[
    "careAdvantagePreferred",
    "carePartnersAccess",
    "1003000126",
    "1234567890",
    "PA-9001",
    "REF-1",
    "A",
    "B",
    "L",
    "M",
    "true",
    "false",
    "2 g",
    "ceftriaxone",
];
const LINE_FIELDS: &[&str] = &[
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
    "priorAuthorization",
    "unknown",
];
const CLAIM_FIELDS: &[&str] = &[
    "id",
    "product",
    "member",
    "billingProvider",
    "referral",
    "priorAuthorization",
    "documentationAttached",
    "diagnoses",
    "lines",
    "extra",
];

/// A text from one of the vocabularies, or any text.
fn text(u: &mut Unstructured<'_>) -> Result<String> {
    let words: &[&str] = match u.int_in_range(0..=8)? {
        0 => CODES,
        1 => MODIFIERS,
        2 => DATES,
        3 => NDCS,
        4 => NDC_UNITS,
        5 => AMOUNTS,
        6 => DIAGNOSES,
        7 => WORDS,
        _ => return u.arbitrary::<String>(),
    };
    Ok(u.choose(words)?.to_string())
}

/// A value for a field: mostly text, sometimes a number, a flag, a list, an
/// object or null, nested at most `depth` levels.
fn value(u: &mut Unstructured<'_>, depth: u8) -> Result<Value> {
    Ok(match u.int_in_range(0..=9)? {
        0..=4 => Value::String(text(u)?),
        5 => json!(u.int_in_range(-2i64..=30)?),
        6 => serde_json::Number::from_f64(u.arbitrary::<f64>()?).map_or(Value::Null, Value::Number),
        7 => Value::Bool(u.arbitrary()?),
        8 if depth > 0 => {
            let n = u.int_in_range(0..=5)?;
            Value::Array((0..n).map(|_| value(u, depth - 1)).collect::<Result<_>>()?)
        }
        9 if depth > 0 => {
            let mut map = Map::new();
            for _ in 0..u.int_in_range(0..=3)? {
                map.insert(text(u)?, value(u, depth - 1)?);
            }
            Value::Object(map)
        }
        _ => Value::Null,
    })
}

/// A service line with each field present or not.
fn line(u: &mut Unstructured<'_>) -> Result<Value> {
    let mut map = Map::new();
    for field in LINE_FIELDS {
        if u.ratio(2, 3)? {
            let v = match *field {
                "modifiers" | "diagnosisPointers" => {
                    let n = u.int_in_range(0..=5)?;
                    Value::Array(
                        (0..n)
                            .map(|_| text(u).map(Value::String))
                            .collect::<Result<_>>()?,
                    )
                }
                _ => value(u, 1)?,
            };
            map.insert(field.to_string(), v);
        }
    }
    Ok(Value::Object(map))
}

/// The example claims, parsed once.
fn example_claims() -> &'static [Value] {
    static CLAIMS: OnceLock<Vec<Value>> = OnceLock::new();
    CLAIMS.get_or_init(|| {
        EXAMPLES
            .iter()
            .filter_map(|text| serde_json::from_str::<Value>(text).ok())
            .filter_map(|mut example| example.get_mut("claim").map(Value::take))
            .collect()
    })
}

/// The claim to edit: one of the examples, or an empty claim.
fn base(u: &mut Unstructured<'_>) -> Result<Value> {
    // Byte `i` picks example `i`; the byte after the last picks `{}`.
    let claims = example_claims();
    let pick = usize::from(u.arbitrary::<u8>()?) % (claims.len() + 1);
    Ok(claims.get(pick).cloned().unwrap_or_else(|| json!({})))
}

/// One edit of the claim.
fn edit(u: &mut Unstructured<'_>, claim: &mut Value) -> Result<()> {
    let Some(object) = claim.as_object_mut() else {
        return Ok(());
    };
    let lines = match object.get_mut("lines") {
        Some(Value::Array(lines)) => Some(lines),
        _ => None,
    };
    match (u.int_in_range(0..=7)?, lines) {
        // Set, replace or remove a field of a line.
        (0..=2, Some(lines)) if !lines.is_empty() => {
            let i = u.choose_index(lines.len())?;
            let field = *u.choose(LINE_FIELDS)?;
            let v = if u.ratio(1, 6)? {
                Value::Null
            } else {
                value(u, 2)?
            };
            if let Some(Value::Object(line)) = lines.get_mut(i) {
                if u.ratio(1, 5)? {
                    line.remove(field);
                } else {
                    line.insert(field.to_string(), v);
                }
            }
        }
        // Add a new line, copy a line, or swap two lines.
        (3, Some(lines)) => {
            let new = line(u)?;
            lines.push(new);
        }
        (4, Some(lines)) if !lines.is_empty() => {
            let i = u.choose_index(lines.len())?;
            let copy = lines.get(i).cloned().unwrap_or(Value::Null);
            lines.push(copy);
        }
        (5, Some(lines)) if lines.len() > 1 => {
            let (i, j) = (u.choose_index(lines.len())?, u.choose_index(lines.len())?);
            lines.swap(i, j);
        }
        // Set, replace or remove a claim-level field.
        _ => {
            let field = *u.choose(CLAIM_FIELDS)?;
            let v = match field {
                "lines" => Value::Array(
                    (0..u.int_in_range(0..=6)?)
                        .map(|_| line(u))
                        .collect::<Result<_>>()?,
                ),
                "member" => {
                    json!({ "id": text(u)?, "coverage": { "from": text(u)?, "to": value(u, 0)? }, "hospice": value(u, 0)? })
                }
                "billingProvider" => {
                    json!({ "npi": text(u)?, "contracted": value(u, 0)?, "inNetwork": value(u, 0)? })
                }
                "diagnoses" => Value::Array(
                    (0..u.int_in_range(0..=13)?)
                        .map(|_| text(u).map(Value::String))
                        .collect::<Result<_>>()?,
                ),
                _ => value(u, 2)?,
            };
            if u.ratio(1, 6)? {
                object.remove(field);
            } else {
                object.insert(field.to_string(), v);
            }
        }
    }
    Ok(())
}

fn claim(u: &mut Unstructured<'_>) -> Result<Value> {
    let mut claim = base(u)?;
    let edits = u.int_in_range(0..=12)?;
    for _ in 0..edits {
        edit(u, &mut claim)?;
    }
    Ok(claim)
}

fuzz_target!(|data: &[u8]| {
    // Build the claim; running out of bytes keeps what was built so far.
    let mut u = Unstructured::new(data);
    let Ok(claim) = claim(&mut u) else {
        return;
    };
    let options = Options::default();

    // As a value and as text, the claim gives the same report (this found
    // the long-number bug of tests/regressions.rs).
    let report = match validate(&claim, &options) {
        Ok(report) => report,
        Err(e) => panic!("an object was refused: {e}"),
    };
    let text = claim.to_string();
    match validate_str(&text, &options) {
        Ok(again) => assert_eq!(report.to_json(), again.to_json(), "value and text disagree"),
        Err(e) => panic!("the claim's own text was refused: {e}"),
    }

    // The report agrees with itself.
    let has_error = report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    assert_eq!(
        report.valid, !has_error,
        "valid disagrees with the findings"
    );
    for (i, price) in report.lines.iter().enumerate() {
        let line_error = report
            .findings
            .iter()
            .any(|f| f.line == Some(i) && f.severity == Severity::Error);
        if line_error {
            assert_eq!(price.status, LineStatus::Denied, "line {i} has an error");
            assert!(
                price.allowed.is_some_and(|a| a.is_zero()),
                "line {i} has an error"
            );
        }
    }
    assert!(
        report.total_allowed <= report.total_charge,
        "allowed over the charge"
    );
});
