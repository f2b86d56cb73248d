//! Raw bytes to report: any text as a claim, optionally followed by a NUL
//! byte and options text, must give a report or a clear error, never a panic.

#![no_main]

use home_infusion_validator::{validate_str, Options, Severity};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    // Split the input into claim text and options text at the first NUL.
    let (claim, options) = match data.iter().position(|&b| b == 0) {
        Some(at) => (&data[..at], Some(&data[at + 1..])),
        None => (data, None),
    };
    let Ok(claim) = std::str::from_utf8(claim) else {
        return;
    };
    let options = options
        .and_then(|o| std::str::from_utf8(o).ok())
        .and_then(|o| Options::from_json_str(o).ok())
        .unwrap_or_default();

    // A report must be consistent with itself.
    let Ok(report) = validate_str(claim, &options) else {
        return;
    };
    let has_error = report
        .findings
        .iter()
        .any(|f| f.severity == Severity::Error);
    assert_eq!(
        report.valid, !has_error,
        "valid disagrees with the findings"
    );
    for finding in &report.findings {
        if let Some(line) = finding.line {
            assert!(
                line < report.lines.len(),
                "finding on a line that is not priced"
            );
        }
    }
    let json = report.to_json();
    assert!(json.starts_with("{\"id\":"), "report text: {json}");
});
