//! Every example claim in `tests/fixtures/examples` (copied from the spec)
//! is checked against its `expect` block.

use std::fs;
use std::path::Path;

use home_infusion_validator::{validate, Options, Report};
use serde_json::Value;

fn examples() -> Vec<(String, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/examples");
    let mut files: Vec<_> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.retain(|p| p.extension().is_some_and(|e| e == "json"));
    files.sort();
    assert!(
        files.len() >= 8,
        "expected the spec's examples in {}",
        dir.display()
    );
    files
        .into_iter()
        .map(|p| {
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            (
                name,
                serde_json::from_str(&fs::read_to_string(&p).unwrap()).unwrap(),
            )
        })
        .collect()
}

fn run(example: &Value) -> (Report, Value) {
    let options = Options::from_json(&example["options"]).unwrap();
    let report = validate(&example["claim"], &options).unwrap();
    let json: Value = serde_json::from_str(&report.to_json()).unwrap();
    (report, json)
}

#[test]
fn every_example_meets_its_expectations() {
    for (name, example) in examples() {
        let (report, json) = run(&example);
        let expect = &example["expect"];
        let shown = serde_json::to_string_pretty(&json).unwrap();

        assert_eq!(json["valid"], expect["valid"], "{name}: valid\n{shown}");
        for pair in expect["findings"].as_array().into_iter().flatten() {
            let (rule, line) = (
                pair[0].as_str().unwrap(),
                pair[1].as_u64().map(|l| l as usize),
            );
            assert!(
                report
                    .findings
                    .iter()
                    .any(|f| f.rule.id() == rule && f.line == line),
                "{name}: expected {rule} on {line:?}\n{shown}"
            );
        }
        for pair in expect["findingPaths"].as_array().into_iter().flatten() {
            let (rule, path) = (pair[0].as_str().unwrap(), pair[1].as_str().unwrap());
            assert!(
                report
                    .findings
                    .iter()
                    .any(|f| f.rule.id() == rule && f.path == path),
                "{name}: expected {rule} at {path}\n{shown}"
            );
        }
        for rule in expect["absent"].as_array().into_iter().flatten() {
            let rule = rule.as_str().unwrap();
            assert!(
                !report.findings.iter().any(|f| f.rule.id() == rule),
                "{name}: {rule} must not fire\n{shown}"
            );
        }
        for key in ["lines", "totalCharge", "totalAllowed"] {
            if !expect[key].is_null() {
                assert_eq!(json[key], expect[key], "{name}: {key}\n{shown}");
            }
        }
    }
}

#[test]
fn the_same_example_gives_the_same_bytes() {
    for (name, example) in examples() {
        let first = run(&example).0.to_json();
        let second = run(&example).0.to_json();
        assert_eq!(first, second, "{name}");
    }
}
