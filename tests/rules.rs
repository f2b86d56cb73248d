//! One table per rule family: for each rule a claim that fires it, at the
//! expected path, and a near miss that must not.
//!
//! Every claim starts from a clean antibiotic day (an S9502 per diem and its
//! ceftriaxone line) and changes only what the case is about, with a JSON
//! merge patch (objects merge, lists and values replace).

use home_infusion_validator::{validate, Options, Report, Rule};
use serde_json::{json, Value};

#[macro_use]
mod common;
use common::{base, drug, ig_drug, ig_per_diem, line, merged, per_diem, run, Case};

fn options() -> Options {
    Options::from_json(&json!({
        "feeSchedule": { "S9502": "165.00", "S9338": "210.00", "S9341": "55.00",
                         "S9379": "120.00", "J0696": "0.90", "J1561": "98.50",
                         "B4152": "1.10", "99601": "125.00", "99602": "55.00",
                         "A4222": "20.00", "E0781": "15.00", "E0100": "10.00" },
        "maxUnitsPerDay": { "J0696": 16 },
        "priorAuthorization": ["J1561"]
    }))
    .unwrap()
}

fn check(claim: &Value) -> Report {
    validate(claim, &options()).unwrap()
}

#[test]
fn the_base_claim_is_clean() {
    let report = check(&base());
    assert!(report.valid);
    assert_eq!(report.findings, vec![], "{}", report.to_json());
}

fn claim_rules_cases() -> Vec<Case> {
    vec![
        case!("unknown product", json!({ "product": "medicareAdvantage" }),
            fires: [("product-not-covered", "product")]),
        case!("no product", json!({ "product": null }), fires: [("product-not-covered", "product")]),
        case!("the PPO is covered", json!({ "product": "carePartnersAccess" }),
            quiet: ["product-not-covered"]),
        case!("no member id", json!({ "member": { "id": "  " } }),
            fires: [("missing-field", "member.id")]),
        case!("no npi", json!({ "billingProvider": { "npi": "" } }),
            fires: [("missing-field", "billingProvider.npi")], quiet: ["invalid-npi"]),
        case!("no diagnoses", json!({ "diagnoses": [] }), fires: [("missing-field", "diagnoses")]),
        case!("no lines", json!({ "lines": [] }), fires: [("missing-field", "lines")]),
        case!("empty line", json!({ "lines": [{}] }), fires: [
            ("missing-field", "lines[0].from"), ("missing-field", "lines[0].code"),
            ("missing-field", "lines[0].units"), ("missing-field", "lines[0].charge")]),
        case!("npi check digit", json!({ "billingProvider": { "npi": "1003000127" } }),
            fires: [("invalid-npi", "billingProvider.npi")]),
        case!("npi of nine digits", json!({ "billingProvider": { "npi": "100300012" } }),
            fires: [("invalid-npi", "billingProvider.npi")]),
        case!("npi as a number is read", json!({ "billingProvider": { "npi": 1003000126u64 } }),
            quiet: ["invalid-npi", "missing-field", "malformed-field"]),
        case!("not contracted", json!({ "billingProvider": { "contracted": false } }),
            fires: [("provider-not-contracted", "billingProvider.contracted")]),
        case!("contracted absent", json!({ "billingProvider": { "contracted": null } }),
            fires: [("provider-not-contracted", "billingProvider.contracted")]),
        case!("contracted as text", json!({ "billingProvider": { "contracted": "TRUE" } }),
            quiet: ["provider-not-contracted", "malformed-field"]),
        case!("hmo out of network", json!({ "billingProvider": { "inNetwork": false } }),
            fires: [("referral-required", "referral")]),
        case!("hmo out of network with referral",
            json!({ "billingProvider": { "inNetwork": false }, "referral": "R-77" }),
            quiet: ["referral-required"]),
        case!("hmo out of network with an unreadable referral",
            json!({ "billingProvider": { "inNetwork": false }, "referral": ["R-77"] }),
            fires: [("referral-required", "referral"), ("malformed-field", "referral")]),
        case!("ppo out of network needs no referral",
            json!({ "product": "carePartnersAccess", "billingProvider": { "inNetwork": false } }),
            quiet: ["referral-required"]),
        case!("in network follows contracted when absent",
            json!({ "billingProvider": { "contracted": false } }),
            fires: [("referral-required", "referral")]),
        case!("bad diagnosis", json!({ "diagnoses": ["J18.9", "18.9"] }),
            fires: [("invalid-diagnosis-code", "diagnoses[1]")]),
        case!("diagnosis without dot and lowercase", json!({ "diagnoses": ["j189", "Z452"] }),
            quiet: ["invalid-diagnosis-code"]),
        case!("thirteen diagnoses", json!({ "diagnoses": ["A41", "A41.0", "A41.1", "A41.2", "A41.3",
            "A41.4", "A41.50", "A41.51", "A41.52", "A41.53", "A41.59", "A41.8", "A41.9"] }),
            fires: [("invalid-diagnosis-code", "diagnoses")]),
        case!("twelve diagnoses", json!({ "diagnoses": ["A41", "A41.0", "A41.1", "A41.2", "A41.3",
            "A41.4", "A41.50", "A41.51", "A41.52", "A41.53", "A41.59", "J18.9"] }),
            quiet: ["invalid-diagnosis-code"]),
        case!("blank diagnosis before a filled one", json!({ "diagnoses": ["J18.9", "", "Z45.2"] }),
            fires: [("invalid-diagnosis-code", "diagnoses[1]")]),
        case!("trailing blank diagnoses", json!({ "diagnoses": ["J18.9", "Z45.2", "", ""] }),
            quiet: ["invalid-diagnosis-code"]),
        case!("hospice", json!({ "member": { "hospice": true } }),
            fires: [("hospice-election", "member.hospice")]),
        case!("no hospice", json!({ "member": { "hospice": false } }), quiet: ["hospice-election"]),
    ]
}

fn line_format_rules_cases() -> Vec<Case> {
    vec![
        case!("impossible date", json!({ "lines": [per_diem(json!({ "from": "2026-02-30" }))] }),
            fires: [("invalid-date", "lines[0].from")]),
        case!("leap day", json!({ "member": { "coverage": { "from": "2024-01-01" } },
            "lines": [per_diem(json!({ "from": "2024-02-29" })), drug(json!({ "from": "2024-02-29" }))] }),
            quiet: ["invalid-date"]),
        case!("impossible to date", json!({ "lines": [per_diem(json!({ "to": "2026-01-32" }))] }),
            fires: [("invalid-date", "lines[0].to")]),
        case!("bad coverage date", json!({ "member": { "coverage": { "to": "2026-13-01" } } }),
            fires: [("invalid-date", "member.coverage.to")]),
        case!("span", json!({ "lines": [per_diem(json!({ "to": "2026-01-16" })), drug(json!({}))] }),
            fires: [("date-span-on-line", "lines[0].to")]),
        case!("to equal to from", json!({ "lines": [per_diem(json!({ "to": "2026-01-14" })), drug(json!({}))] }),
            quiet: ["date-span-on-line"]),
        case!("before coverage", json!({ "member": { "coverage": { "from": "2026-02-01" } } }),
            fires: [("member-not-covered-on-date", "lines[0].from"),
                    ("member-not-covered-on-date", "lines[1].from")]),
        case!("after coverage ends",
            json!({ "member": { "coverage": { "from": "2025-01-01", "to": "2026-01-13" } } }),
            fires: [("member-not-covered-on-date", "lines[0].from")]),
        case!("on the last day of coverage",
            json!({ "member": { "coverage": { "from": "2025-01-01", "to": "2026-01-14" } } }),
            quiet: ["member-not-covered-on-date"]),
        case!("no coverage given", json!({ "member": { "coverage": null } }),
            quiet: ["member-not-covered-on-date"]),
        case!("bad code", json!({ "lines": [per_diem(json!({ "code": "S95O2" })), drug(json!({}))] }),
            fires: [("invalid-procedure-code", "lines[0].code")]),
        case!("cpt category III code", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            line(json!({ "code": "0001T" }))] }), quiet: ["invalid-procedure-code"]),
        case!("bad modifier", json!({ "lines": [per_diem(json!({})), drug(json!({ "modifiers": ["JW", "S"] }))] }),
            fires: [("invalid-modifier", "lines[1].modifiers[1]")]),
        case!("five modifiers", json!({ "lines": [per_diem(json!({})),
            drug(json!({ "modifiers": ["JW", "JZ", "SD", "SS", "GW"] }))] }),
            fires: [("invalid-modifier", "lines[1].modifiers")]),
        case!("repeated modifier", json!({ "lines": [per_diem(json!({})), drug(json!({ "modifiers": ["JW", "jw"] }))] }),
            fires: [("invalid-modifier", "lines[1].modifiers[1]")]),
        case!("four modifiers", json!({ "lines": [per_diem(json!({})),
            drug(json!({ "modifiers": ["JW", "JZ", "SD", "GW"] }))] }), quiet: ["invalid-modifier"]),
        case!("zero units", json!({ "lines": [per_diem(json!({})), drug(json!({ "units": 0 }))] }),
            fires: [("invalid-units", "lines[1].units")]),
        case!("units as text", json!({ "lines": [per_diem(json!({})), drug(json!({ "units": "12" }))] }),
            quiet: ["invalid-units"]),
        case!("drug units with a fraction", json!({ "lines": [per_diem(json!({})), drug(json!({ "units": 7.5 }))] }),
            fires: [("invalid-units", "lines[1].units")]),
        case!("a null line", json!({ "lines": [per_diem(json!({})), drug(json!({})), null] }),
            fires: [("malformed-field", "lines[2]")]),
        case!("units as words", json!({ "lines": [per_diem(json!({})), drug(json!({ "units": "twelve" }))] }),
            fires: [("invalid-units", "lines[1].units")]),
        case!("negative charge", json!({ "lines": [per_diem(json!({ "charge": "-1.00" })), drug(json!({}))] }),
            fires: [("invalid-charge", "lines[0].charge")]),
        case!("charge with three decimals", json!({ "lines": [per_diem(json!({ "charge": "1.005" })), drug(json!({}))] }),
            fires: [("invalid-charge", "lines[0].charge")]),
        case!("charge with a dollar sign", json!({ "lines": [per_diem(json!({ "charge": "$180" })), drug(json!({}))] }),
            fires: [("invalid-charge", "lines[0].charge")]),
        case!("zero charge", json!({ "lines": [per_diem(json!({ "charge": 0 })), drug(json!({}))] }),
            quiet: ["invalid-charge"]),
        case!("place of service of one digit", json!({ "lines": [per_diem(json!({ "placeOfService": "2" })), drug(json!({}))] }),
            fires: [("invalid-place-of-service", "lines[0].placeOfService")], quiet: ["place-of-service-not-home"]),
        case!("office", json!({ "lines": [per_diem(json!({ "placeOfService": "11" })), drug(json!({}))] }),
            fires: [("place-of-service-not-home", "lines[0].placeOfService")]),
        case!("home", json!({ "lines": [per_diem(json!({ "placeOfService": "12" })), drug(json!({}))] }),
            quiet: ["place-of-service-not-home", "invalid-place-of-service"]),
        case!("pointer past diagnoses", json!({ "lines": [per_diem(json!({ "diagnosisPointers": ["C"] })), drug(json!({}))] }),
            fires: [("invalid-diagnosis-pointer", "lines[0].diagnosisPointers[0]")]),
        case!("pointer not a letter", json!({ "lines": [per_diem(json!({ "diagnosisPointers": ["1"] })), drug(json!({}))] }),
            fires: [("invalid-diagnosis-pointer", "lines[0].diagnosisPointers[0]")]),
        case!("pointer M", json!({ "lines": [per_diem(json!({ "diagnosisPointers": ["M"] })), drug(json!({}))] }),
            fires: [("invalid-diagnosis-pointer", "lines[0].diagnosisPointers[0]")]),
        case!("five pointers", json!({ "lines": [per_diem(json!({ "diagnosisPointers": ["A", "B", "A", "B", "A"] })), drug(json!({}))] }),
            fires: [("invalid-diagnosis-pointer", "lines[0].diagnosisPointers")]),
        case!("pointer B", json!({ "lines": [per_diem(json!({ "diagnosisPointers": ["b"] })), drug(json!({}))] }),
            quiet: ["invalid-diagnosis-pointer"]),
        case!("duplicate", json!({ "lines": [per_diem(json!({})), drug(json!({})), drug(json!({}))] }),
            fires: [("duplicate-line", "lines[2].code")]),
        case!("same code next day", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            per_diem(json!({ "from": "2026-01-15" })), drug(json!({ "from": "2026-01-15" }))] }),
            quiet: ["duplicate-line"]),
        case!("same code other modifiers", json!({ "lines": [per_diem(json!({})), drug(json!({ "units": 4 })),
            drug(json!({ "units": 1, "modifiers": ["JW"] }))] }), quiet: ["duplicate-line"]),
        case!("modifier order does not matter", json!({ "lines": [per_diem(json!({})),
            drug(json!({ "modifiers": ["JW", "GW"] })), drug(json!({ "modifiers": ["GW", "JW"] }))] }),
            fires: [("duplicate-line", "lines[2].code")]),
    ]
}

fn concurrent_therapy_rules_cases() -> Vec<Case> {
    vec![
        case!("second therapy without SH", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            ig_per_diem(json!({})), ig_drug(json!({}))] }),
            fires: [("concurrent-modifier-missing", "lines[2].modifiers")]),
        case!("second therapy with SH", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            ig_per_diem(json!({ "modifiers": ["SH"] })), ig_drug(json!({}))] }),
            fires: [("concurrent-therapy-reduced", "lines[2].modifiers")],
            quiet: ["concurrent-modifier-missing", "concurrent-modifier-order", "concurrent-modifier-unexpected"]),
        case!("before SH and SJ took effect", json!({ "member": { "coverage": null }, "lines": [
            per_diem(json!({ "from": "2025-01-31" })), drug(json!({ "from": "2025-01-31" })),
            ig_per_diem(json!({ "from": "2025-01-31" })), ig_drug(json!({ "from": "2025-01-31" }))] }),
            quiet: ["concurrent-modifier-missing"]),
        case!("SH on a drug", json!({ "lines": [per_diem(json!({})), drug(json!({ "modifiers": ["SH"] }))] }),
            fires: [("concurrent-modifier-unexpected", "lines[1].modifiers")]),
        case!("SH on the only per diem", json!({ "lines": [per_diem(json!({ "modifiers": ["SH"] })), drug(json!({}))] }),
            fires: [("concurrent-modifier-unexpected", "lines[0].modifiers")]),
        case!("SJ without SH", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            ig_per_diem(json!({ "modifiers": ["SJ"] })), ig_drug(json!({}))] }),
            fires: [("concurrent-modifier-order", "lines[2].modifiers")]),
        case!("two SH lines", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            ig_per_diem(json!({ "modifiers": ["SH"] })), ig_drug(json!({})),
            line(json!({ "code": "S9348", "modifiers": ["SH"] })), line(json!({ "code": "J2260", "units": 2 }))] }),
            fires: [("concurrent-modifier-order", "lines[4].modifiers")]),
        case!("SH and SJ on one line", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            ig_per_diem(json!({ "modifiers": ["SH", "SJ"] })), ig_drug(json!({}))] }),
            fires: [("concurrent-modifier-order", "lines[2].modifiers")]),
        case!("no first therapy", json!({ "lines": [per_diem(json!({ "modifiers": ["SH"] })), drug(json!({})),
            ig_per_diem(json!({ "modifiers": ["SJ"] })), ig_drug(json!({}))] }),
            fires: [("concurrent-modifier-order", "lines[0].modifiers")]),
        case!("first, SH, SJ", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            ig_per_diem(json!({ "modifiers": ["SH"] })), ig_drug(json!({})),
            line(json!({ "code": "S9348", "modifiers": ["SJ"] })), line(json!({ "code": "J2260", "units": 2 }))] }),
            quiet: ["concurrent-modifier-order", "concurrent-modifier-missing", "concurrent-modifier-unexpected"]),
        case!("SH before the reduction date is not reduced", json!({ "member": { "coverage": null }, "lines": [
            per_diem(json!({ "from": "2025-11-30" })), drug(json!({ "from": "2025-11-30" })),
            ig_per_diem(json!({ "from": "2025-11-30", "modifiers": ["SH"] })), ig_drug(json!({ "from": "2025-11-30" }))] }),
            quiet: ["concurrent-therapy-reduced", "concurrent-modifier-missing"]),
    ]
}

fn per_diem_rules_cases() -> Vec<Case> {
    vec![
        case!("two units of per diem", json!({ "lines": [per_diem(json!({ "units": 2 })), drug(json!({}))] }),
            fires: [("per-diem-units", "lines[0].units")]),
        case!("one unit of per diem as text", json!({ "lines": [per_diem(json!({ "units": "1.0" })), drug(json!({}))] }),
            quiet: ["per-diem-units"]),
        case!("per diem alone", json!({ "lines": [per_diem(json!({}))] }),
            fires: [("per-diem-without-infusion", "lines[0].code")]),
        case!("per diem with nutrition", json!({ "lines": [
            line(json!({ "code": "S9341", "charge": "60.00" })),
            line(json!({ "code": "B4152", "units": 20, "charge": "30.00" }))] }),
            quiet: ["per-diem-without-infusion"]),
        case!("hydration per diem, whose fluid it includes", json!({ "lines": [line(json!({ "code": "S9374" }))] }),
            quiet: ["per-diem-without-infusion"]),
        case!("per diem with only an oral drug", json!({ "lines": [per_diem(json!({})),
            drug(json!({ "code": "J8499" }))] }),
            fires: [("per-diem-without-infusion", "lines[0].code")]),
        case!("per diem with a drug the day before", json!({ "lines": [per_diem(json!({})),
            drug(json!({ "from": "2026-01-13" }))] }),
            fires: [("per-diem-without-infusion", "lines[0].code")]),
        case!("general with specific", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            line(json!({ "code": "S9494", "modifiers": ["SH"] }))] }),
            fires: [("per-diem-code-conflict", "lines[2].code")]),
        case!("general alone", json!({ "lines": [per_diem(json!({ "code": "S9494" })), drug(json!({}))] }),
            quiet: ["per-diem-code-conflict"]),
        case!("noc without documentation", json!({ "lines": [per_diem(json!({ "code": "S9379" })),
            line(json!({ "code": "J3490", "ndc": "12345-6789-01", "ndcUnit": "ML", "ndcQuantity": 1,
                        "description": "x", "dosage": "1 g" }))] }),
            fires: [("noc-per-diem-documentation", "documentationAttached")]),
        case!("noc with documentation", json!({ "documentationAttached": true, "lines": [
            per_diem(json!({ "code": "S9379" })),
            line(json!({ "code": "J3490", "ndc": "12345-6789-01", "ndcUnit": "ML", "ndcQuantity": 1,
                        "description": "x", "dosage": "1 g" }))] }),
            quiet: ["noc-per-diem-documentation", "noc-per-diem-specific-code", "noc-per-diem-with-other-therapy"]),
        case!("noc for an antibiotic", json!({ "documentationAttached": true,
            "lines": [per_diem(json!({ "code": "S9379" })), drug(json!({}))] }),
            fires: [("noc-per-diem-specific-code", "lines[0].code")]),
        case!("noc with another therapy", json!({ "documentationAttached": true, "lines": [
            per_diem(json!({})), drug(json!({})), line(json!({ "code": "S9379", "modifiers": ["SH"] }))] }),
            fires: [("noc-per-diem-with-other-therapy", "lines[2].code")]),
        case!("bundled supply", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            line(json!({ "code": "A4222", "charge": "30.00" }))] }),
            fires: [("supply-included-in-per-diem", "lines[2].code")]),
        case!("heparin flush", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            line(json!({ "code": "J1642", "units": 5 }))] }),
            fires: [("supply-included-in-per-diem", "lines[2].code")], quiet: ["drug-line-incomplete"]),
        case!("repair of patient-owned pump", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            line(json!({ "code": "E0781", "modifiers": ["RB"] }))] }),
            quiet: ["supply-included-in-per-diem", "dme-not-related-to-infusion"]),
        case!("unrelated DME", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            line(json!({ "code": "E0100" }))] }),
            fires: [("dme-not-related-to-infusion", "lines[2].code")]),
        case!("DME on a claim without per diem", json!({ "lines": [line(json!({ "code": "E0100" }))] }),
            quiet: ["dme-not-related-to-infusion"]),
    ]
}

fn drug_nutrition_and_nursing_rules_cases() -> Vec<Case> {
    vec![
        case!("drug line without details", json!({ "lines": [per_diem(json!({})),
            drug(json!({ "ndc": null, "ndcUnit": "", "ndcQuantity": null, "description": null, "dosage": " " }))] }),
            fires: [("drug-line-incomplete", "lines[1].ndc"), ("drug-line-incomplete", "lines[1].ndcUnit"),
                    ("drug-line-incomplete", "lines[1].ndcQuantity"), ("drug-line-incomplete", "lines[1].description"),
                    ("drug-line-incomplete", "lines[1].dosage")]),
        case!("nutrition needs no NDC", json!({ "lines": [line(json!({ "code": "S9341" })),
            line(json!({ "code": "B4152", "units": 20 }))] }), quiet: ["drug-line-incomplete"]),
        case!("10-digit NDC", json!({ "lines": [per_diem(json!({})), drug(json!({ "ndc": "0143985701" }))] }),
            fires: [("invalid-ndc", "lines[1].ndc")]),
        case!("11-digit NDC", json!({ "lines": [per_diem(json!({})), drug(json!({ "ndc": "00143985701" }))] }),
            quiet: ["invalid-ndc"]),
        case!("bad NDC unit", json!({ "lines": [per_diem(json!({})), drug(json!({ "ndcUnit": "MG" }))] }),
            fires: [("invalid-ndc", "lines[1].ndcUnit")]),
        case!("NDC quantity with four decimals", json!({ "lines": [per_diem(json!({})),
            drug(json!({ "ndcQuantity": "1.2345" }))] }), fires: [("invalid-ndc", "lines[1].ndcQuantity")]),
        case!("prior authorization", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            ig_per_diem(json!({ "modifiers": ["SH"] })), ig_drug(json!({ "priorAuthorization": null }))] }),
            fires: [("prior-authorization-required", "lines[3].priorAuthorization")]),
        case!("prior authorization on the claim", json!({ "priorAuthorization": "PA-1", "lines": [per_diem(json!({})),
            drug(json!({})), ig_per_diem(json!({ "modifiers": ["SH"] })), ig_drug(json!({ "priorAuthorization": null }))] }),
            quiet: ["prior-authorization-required"]),
        case!("an unreadable prior authorization on the claim is none", json!({ "priorAuthorization": { "no": 1 },
            "lines": [per_diem(json!({})), drug(json!({})), ig_per_diem(json!({ "modifiers": ["SH"] })),
            ig_drug(json!({ "priorAuthorization": null }))] }),
            fires: [("prior-authorization-required", "lines[3].priorAuthorization"),
                    ("malformed-field", "priorAuthorization")]),
        case!("over the daily maximum across lines", json!({ "lines": [per_diem(json!({})),
            drug(json!({ "units": 10 })), drug(json!({ "units": 7, "modifiers": ["JW"] }))] }),
            fires: [("max-units-exceeded", "lines[1].units"), ("max-units-exceeded", "lines[2].units")]),
        case!("at the daily maximum", json!({ "lines": [per_diem(json!({})), drug(json!({ "units": 16 }))] }),
            quiet: ["max-units-exceeded"]),
        case!("oral formula", json!({ "lines": [line(json!({ "code": "S9341" })),
            line(json!({ "code": "B4152", "units": 20, "modifiers": ["BO"] }))] }),
            fires: [("oral-nutrition-not-covered", "lines[1].modifiers")]),
        case!("tube formula", json!({ "lines": [line(json!({ "code": "S9341" })),
            line(json!({ "code": "B4152", "units": 20, "modifiers": ["BA"] }))] }),
            quiet: ["oral-nutrition-not-covered"]),
        case!("add-on alone", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            line(json!({ "code": "99602" }))] }), fires: [("add-on-without-primary", "lines[2].code")]),
        case!("add-on with its visit", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            line(json!({ "code": "99601" })), line(json!({ "code": "99602" }))] }),
            quiet: ["add-on-without-primary"]),
        case!("no fee schedule amount", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            line(json!({ "code": "S9123" }))] }), fires: [("no-fee-schedule-amount", "lines[2].code")]),
        case!("a denied line is not priced by hand", json!({ "lines": [per_diem(json!({})), drug(json!({})),
            line(json!({ "code": "S9123", "units": 0 }))] }), quiet: ["no-fee-schedule-amount"]),
    ]
}

fn shape_rules_cases() -> Vec<Case> {
    vec![
        case!("lines not a list", json!({ "lines": "none" }), fires: [("malformed-field", "lines")],
            quiet: ["missing-field"]),
        case!("line not an object", json!({ "lines": [per_diem(json!({})), "J0696"] }),
            fires: [("malformed-field", "lines[1]")]),
        case!("modifiers as text", json!({ "lines": [per_diem(json!({})), drug(json!({ "modifiers": "JW" }))] }),
            fires: [("malformed-field", "lines[1].modifiers")]),
        case!("hospice as a word", json!({ "member": { "hospice": "yes" } }),
            fires: [("malformed-field", "member.hospice")]),
        case!("hospice as text true", json!({ "member": { "hospice": "true" } }),
            fires: [("hospice-election", "member.hospice")], quiet: ["malformed-field"]),
        case!("code as an object", json!({ "lines": [per_diem(json!({ "code": { "hcpcs": "S9502" } })), drug(json!({}))] }),
            fires: [("malformed-field", "lines[0].code")], quiet: ["missing-field"]),
        case!("misspelt field", json!({ "lines": [per_diem(json!({})), drug(json!({ "ndcQty": 1 }))] }),
            fires: [("unknown-field", "lines[1].ndcQty")]),
        case!("every field of the format", json!({ "id": "T-2", "referral": "R-1", "priorAuthorization": "PA-1",
            "documentationAttached": false, "member": { "hospice": false, "coverage": { "to": "2026-12-31" } },
            "billingProvider": { "inNetwork": true },
            "lines": [per_diem(json!({ "to": "2026-01-14", "placeOfService": "12", "modifiers": ["SD"] })),
                      drug(json!({ "priorAuthorization": "PA-2" }))] }),
            quiet: ["unknown-field", "malformed-field"]),
        case!("long description", json!({ "lines": [per_diem(json!({})), drug(json!({ "description": "x".repeat(1001) }))] }),
            fires: [("limit-exceeded", "lines[1].description")], quiet: ["drug-line-incomplete"]),
        case!("description at the limit", json!({ "lines": [per_diem(json!({})), drug(json!({ "description": "x".repeat(1000) }))] }),
            quiet: ["limit-exceeded"]),
    ]
}

#[test]
fn claim_rules() {
    run(claim_rules_cases(), check);
}

#[test]
fn line_format_rules() {
    run(line_format_rules_cases(), check);
}

#[test]
fn concurrent_therapy_rules() {
    run(concurrent_therapy_rules_cases(), check);
}

#[test]
fn per_diem_rules() {
    run(per_diem_rules_cases(), check);
}

#[test]
fn drug_nutrition_and_nursing_rules() {
    run(drug_nutrition_and_nursing_rules_cases(), check);
}

#[test]
fn shape_rules() {
    run(shape_rules_cases(), check);
}

#[test]
fn every_rule_has_a_case_that_fires_it_and_one_that_does_not() {
    let cases: Vec<Case> = vec![
        claim_rules_cases(),
        line_format_rules_cases(),
        concurrent_therapy_rules_cases(),
        per_diem_rules_cases(),
        drug_nutrition_and_nursing_rules_cases(),
        shape_rules_cases(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let mut missing = Vec::new();
    for rule in Rule::ALL {
        let id = rule.id();
        if !cases.iter().any(|c| c.quiet.contains(&id)) {
            missing.push(id);
        }
        assert!(
            cases.iter().any(|c| c.fires.iter().any(|(r, _)| *r == id)),
            "no case fires {id}"
        );
    }
    assert!(missing.is_empty(), "no near miss for {missing:?}");
}

#[test]
fn malformed_fields_deny_their_line_and_nothing_else() {
    let claim = merged(
        base(),
        json!({ "lines": [per_diem(json!({})), drug(json!({ "units": [8] }))] }),
    );
    let report = check(&claim);
    let json: Value = serde_json::from_str(&report.to_json()).unwrap();
    assert_eq!(
        json["lines"][0],
        json!({ "allowed": "165.00", "status": "paid" })
    );
    assert_eq!(
        json["lines"][1],
        json!({ "allowed": "0.00", "status": "denied" })
    );
}
