//! The `validate-claims` binary, run as a user runs it: files and standard
//! input, NDJSON and pretty JSON, broken lines, options, exit statuses, the
//! summary and the progress line.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};

use home_infusion_validator::{validate, Options};
use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_validate-claims");

/// A fresh scratch folder for one test.
fn scratch() -> PathBuf {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    let n = NEXT.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("validate-claims-{}-{n}", std::process::id()));
    let _ = fs::remove_dir_all(&dir);
    fs::create_dir_all(&dir).unwrap();
    dir
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let path = dir.join(name);
    fs::write(&path, bytes).unwrap();
    path
}

/// The example files: (claim, options), in name order.
fn examples() -> Vec<(Value, Value)> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/examples");
    let mut files: Vec<PathBuf> = fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    files.sort();
    files
        .iter()
        .map(|p| {
            let example: Value = serde_json::from_str(&fs::read_to_string(p).unwrap()).unwrap();
            (example["claim"].clone(), example["options"].clone())
        })
        .collect()
}

/// The options all examples share.
fn shared_options() -> Value {
    examples()[0].1.clone()
}

/// What the library says of `claim`: the bytes the binary must print.
fn expected(claim: &Value, options: &Value) -> String {
    let options = Options::from_json(options).unwrap();
    validate(claim, &options).unwrap().to_json()
}

fn run(args: &[&str], stdin: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child.stdin.take().unwrap().write_all(stdin).unwrap();
    child.wait_with_output().unwrap()
}

fn stdout_lines(output: &Output) -> Vec<String> {
    String::from_utf8(output.stdout.clone())
        .unwrap()
        .lines()
        .map(String::from)
        .collect()
}

fn stderr(output: &Output) -> String {
    String::from_utf8(output.stderr.clone()).unwrap()
}

fn ndjson(claims: &[Value]) -> String {
    claims.iter().map(|c| format!("{c}\n")).collect()
}

#[test]
fn a_pretty_printed_claim_gives_the_librarys_report_and_exit_0() {
    let dir = scratch();
    let (claim, options) = examples()
        .into_iter()
        .find(|(c, o)| validate(c, &Options::from_json(o).unwrap()).unwrap().valid)
        .unwrap();
    let claim_file = write(
        &dir,
        "claim.json",
        serde_json::to_string_pretty(&claim).unwrap(),
    );
    let options_file = write(&dir, "options.json", options.to_string());

    let output = run(
        &[
            "--options",
            options_file.to_str().unwrap(),
            claim_file.to_str().unwrap(),
        ],
        b"",
    );

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout_lines(&output), vec![expected(&claim, &options)]);
    assert_eq!(
        stderr(&output).trim(),
        "validate-claims: claims 1, valid 1, invalid 0, unreadable 0"
    );
}

#[test]
fn ndjson_gives_one_report_per_line_in_order_and_exit_1_when_some_are_invalid() {
    let dir = scratch();
    let options = shared_options();
    let claims: Vec<Value> = examples().into_iter().map(|(c, _)| c).collect();
    let input = write(&dir, "claims.ndjson", ndjson(&claims));
    let options_file = write(&dir, "options.json", options.to_string());

    let output = run(
        &[
            "--options",
            options_file.to_str().unwrap(),
            input.to_str().unwrap(),
        ],
        b"",
    );

    let want: Vec<String> = claims.iter().map(|c| expected(c, &options)).collect();
    assert_eq!(stdout_lines(&output), want);
    assert_eq!(output.status.code(), Some(1));

    // The summary counts the claims and the error findings by rule id, in
    // the order of the ids.
    let reports: Vec<Value> = want
        .iter()
        .map(|r| serde_json::from_str(r).unwrap())
        .collect();
    let valid = reports.iter().filter(|r| r["valid"] == json!(true)).count();
    let mut errors = std::collections::BTreeMap::<String, usize>::new();
    for finding in reports
        .iter()
        .flat_map(|r| r["findings"].as_array().unwrap())
    {
        if finding["severity"] == "error" {
            *errors
                .entry(finding["rule"].as_str().unwrap().into())
                .or_default() += 1;
        }
    }
    let by_rule: Vec<String> = errors.iter().map(|(r, n)| format!("{r} {n}")).collect();
    assert!(!by_rule.is_empty());
    assert_eq!(
        stderr(&output).trim(),
        format!(
            "validate-claims: claims {}, valid {valid}, invalid {}, unreadable 0; errors by rule: {}",
            claims.len(),
            claims.len() - valid,
            by_rule.join(", ")
        )
    );
}

#[test]
fn standard_input_is_read_with_a_dash_or_with_no_file() {
    let claims: Vec<Value> = examples().into_iter().map(|(c, _)| c).collect();
    let input = ndjson(&claims);
    let want: Vec<String> = claims.iter().map(|c| expected(c, &Value::Null)).collect();
    for args in [&["-"][..], &[][..]] {
        let output = run(args, input.as_bytes());
        assert_eq!(stdout_lines(&output), want, "{args:?}");
        assert_eq!(output.status.code(), Some(1));
    }
}

#[test]
fn a_broken_line_is_reported_with_its_number_and_the_rest_go_on() {
    let claims: Vec<Value> = examples().into_iter().map(|(c, _)| c).collect();
    let mut bytes = format!("{}\n\n{{\"lines\": [}}\n[1, 2]\n", claims[0]).into_bytes();
    bytes.extend_from_slice(b"\xff\xfe{}\n");
    bytes.extend_from_slice(format!("{}\r\n", claims[1]).as_bytes());

    let output = run(&[], &bytes);
    let lines = stdout_lines(&output);

    assert_eq!(lines.len(), 5, "{lines:#?}");
    assert_eq!(lines[0], expected(&claims[0], &Value::Null));
    for (line, at, says) in [
        (&lines[1], 3, "claim is not valid JSON"),
        (&lines[2], 4, "expected a claim object, found an array"),
        (&lines[3], 5, "not valid UTF-8"),
    ] {
        let error: Value = serde_json::from_str(line).unwrap();
        assert_eq!(error["line"], json!(at), "{line}");
        assert_eq!(error["valid"], json!(false), "{line}");
        assert!(error["error"].as_str().unwrap().contains(says), "{line}");
        assert!(
            stderr(&output).contains(&format!("validate-claims: line {at}: ")),
            "{}",
            stderr(&output)
        );
    }
    assert_eq!(
        lines[4],
        expected(&claims[1], &Value::Null),
        "a CRLF line is read"
    );
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("claims 5, "),
        "{}",
        stderr(&output)
    );
    assert!(
        stderr(&output).contains("unreadable 3"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_batch_whose_first_line_is_broken_is_still_read_line_by_line() {
    let claims: Vec<Value> = examples().into_iter().map(|(c, _)| c).collect();
    let input = format!("{{\"id\": \"cut off\n{}\n{}\n", claims[0], claims[1]);

    let output = run(&[], input.as_bytes());
    let lines = stdout_lines(&output);

    assert_eq!(lines.len(), 3, "{lines:#?}");
    assert!(lines[0].starts_with("{\"line\":1,\"valid\":false,\"error\":"));
    assert_eq!(lines[1], expected(&claims[0], &Value::Null));
    assert_eq!(lines[2], expected(&claims[1], &Value::Null));
}

#[test]
fn a_broken_pretty_printed_claim_is_one_unreadable_claim_that_says_where() {
    let (claim, _) = &examples()[0];
    let mut text = serde_json::to_string_pretty(claim).unwrap();
    // Drop the first comma at the end of a line: the next line is wrong.
    let comma = text.find(",\n").unwrap();
    text.remove(comma);
    let wrong_line = text[..comma].matches('\n').count() + 2;

    let output = run(&[], text.as_bytes());
    let lines = stdout_lines(&output);

    assert_eq!(lines.len(), 1, "{lines:#?}");
    let error: Value = serde_json::from_str(&lines[0]).unwrap();
    assert_eq!(error["line"], json!(1));
    let message = error["error"].as_str().unwrap();
    assert!(
        message.contains(&format!("at line {wrong_line} column")),
        "{message}"
    );
    assert_eq!(output.status.code(), Some(1));
}

#[test]
fn every_claim_valid_exits_0_and_blank_lines_are_skipped() {
    let options = shared_options();
    let claim = examples()
        .into_iter()
        .map(|(c, _)| c)
        .find(|c| {
            validate(c, &Options::from_json(&options).unwrap())
                .unwrap()
                .valid
        })
        .unwrap();
    let dir = scratch();
    let options_file = write(&dir, "options.json", options.to_string());
    let input = format!("\n{claim}\n   \n{claim}\n\n");

    let output = run(
        &["--options", options_file.to_str().unwrap()],
        input.as_bytes(),
    );

    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert_eq!(stdout_lines(&output).len(), 2);
}

#[test]
fn unusable_input_or_options_exit_2_with_a_clear_message_and_no_reports() {
    let dir = scratch();
    let claim = write(&dir, "claim.json", "{}");
    let bad_options = write(&dir, "bad.json", r#"{"feeschedule": {}}"#);
    let not_json = write(&dir, "notjson.json", "{");
    let missing = dir.join("missing.ndjson");
    let claim = claim.to_str().unwrap();

    for (args, says) in [
        (vec![missing.to_str().unwrap()], "cannot read"),
        (
            vec!["--options", bad_options.to_str().unwrap(), claim],
            "unknown option \"feeschedule\"",
        ),
        (
            vec!["--options", not_json.to_str().unwrap(), claim],
            "options are not valid JSON",
        ),
        (
            vec!["--options", missing.to_str().unwrap(), claim],
            "cannot read the options file",
        ),
        (vec!["--options"], "--options needs a file name"),
        (vec!["--frobnicate"], "unknown option"),
        (vec![claim, claim], "one input at a time"),
    ] {
        let output = run(&args, b"");
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert!(
            stderr(&output).contains(says),
            "{args:?}: {}",
            stderr(&output)
        );
    }

    // An input with no claim at all is unusable too.
    let output = run(&[], b"\n  \n");
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("holds no claim"));
}

#[test]
fn help_says_how_to_call_it() {
    let output = run(&["--help"], b"");
    assert_eq!(output.status.code(), Some(0));
    let text = String::from_utf8(output.stdout).unwrap();
    assert!(text.contains("usage: validate-claims [--options FILE] [FILE | -]"));
    assert!(text.contains("exit status"));
}

#[test]
fn options_may_be_given_as_options_equals_file() {
    let dir = scratch();
    let (claim, _) = &examples()[0];
    let options = json!({ "feeSchedule": { "S9502": "1.00" } });
    let options_file = write(&dir, "options.json", options.to_string());
    let arg = format!("--options={}", options_file.display());

    let output = run(&[&arg], format!("{claim}\n").as_bytes());

    assert_eq!(stdout_lines(&output), vec![expected(claim, &options)]);
    assert_ne!(expected(claim, &options), expected(claim, &Value::Null));
}

#[test]
fn progress_shows_on_a_terminal_and_never_on_a_pipe() {
    // `script` runs the command with its output on a pseudo-terminal.
    if Command::new("script").arg("--version").output().is_err() {
        panic!("this test needs `script` (util-linux) to get a terminal");
    }
    let dir = scratch();
    let (claim, _) = &examples()[0];
    let input = write(&dir, "many.ndjson", format!("{claim}\n").repeat(12_000));
    let command = format!("{BIN} {} > /dev/null", input.display());

    let on_terminal = Command::new("script")
        .args(["-qefc", &command, "/dev/null"])
        .output()
        .unwrap();
    let shown = String::from_utf8_lossy(&on_terminal.stdout);
    assert!(
        shown.contains("\x1b[2Kvalidating: 1"),
        "no progress on a terminal: {shown:?}"
    );
    assert!(shown.contains("claims 12000, "), "{shown:?}");

    let on_pipe = run(&[input.to_str().unwrap()], b"");
    assert!(
        !stderr(&on_pipe).contains("validating"),
        "{}",
        stderr(&on_pipe)
    );
}

#[test]
fn white_space_is_what_json_says_it_is_as_in_the_package() {
    // A no-break space after a claim, or a line of only a form feed, is not
    // JSON white space: the library refuses such text, and so does the CLI.
    let (claim, _) = &examples()[0];
    let with_nbsp = format!("{claim}\u{a0}");
    let input = format!("{claim}\n{with_nbsp}\n\u{c}\n \t\n");

    let output = run(&[], input.as_bytes());
    let lines = stdout_lines(&output);

    assert_eq!(lines.len(), 3, "{lines:#?}");
    for (line, text, at) in [(&lines[1], with_nbsp.as_str(), 2), (&lines[2], "\u{c}", 3)] {
        let refused = home_infusion_validator::validate_str(text, &Options::default()).unwrap_err();
        let error: Value = serde_json::from_str(line).unwrap();
        assert_eq!(error["line"], json!(at));
        assert_eq!(error["error"], json!(refused.message()), "{line}");
    }
}
