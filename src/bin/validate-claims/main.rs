//! `validate-claims`: checks a batch of claims from the command line.
//!
//! Reads one JSON claim or NDJSON (one claim per line) from a file or from
//! standard input, and writes one report per claim as NDJSON on standard
//! output, in input order, with the same bytes as the package's reports. A
//! line that is not a claim gets `{"line":N,"valid":false,"error":"..."}`
//! instead, and a message with its line number on standard error; the rest
//! go on. A one-line summary ends the run on standard error.
//!
//! Exit status: 0 when every claim is valid, 1 when some are invalid or
//! unreadable, 2 when the input or the options cannot be used.

// A panic would end a batch half-written: no unwrap, indexing or panic here.
#![deny(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::todo,
    clippy::unimplemented,
    clippy::unreachable
)]

mod input;
mod summary;

use std::ffi::OsString;
use std::fs::File;
use std::io::{self, BufRead, BufReader, BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use home_infusion_validator::{validate, validate_str, Options, Report};

use input::Claim;
use summary::{Progress, Tally};

const HELP: &str = "\
validate-claims: checks home infusion claims against the payment policy

usage: validate-claims [--options FILE] [FILE | -]

Reads one JSON claim, or NDJSON with one claim per line, from FILE or from
standard input (no FILE, or -). Writes one report per claim as NDJSON on
standard output, in input order. A line that is not a claim gets
{\"line\":N,\"valid\":false,\"error\":\"...\"} and a message on standard error,
and the rest go on. A one-line summary goes to standard error at the end.

The input is NDJSON when its first non-blank line is a complete JSON value
(or does not start with '{', or its second non-blank line is a complete JSON
object); otherwise the whole input is one claim, such as a pretty-printed
file.

options:
  --options FILE  fee schedule, maximum units and prior authorization tables,
                  as the package's options object (JSON)
  -h, --help      shows this help
  -V, --version   shows the version

exit status: 0 every claim is valid; 1 some claim is invalid or unreadable;
2 the input or the options cannot be used (nothing is checked)
";

/// Exit status when a claim is invalid or unreadable.
const SOME_INVALID: u8 = 1;
/// Exit status when the input or the options cannot be used.
const UNUSABLE: u8 = 2;

/// What the command line asks for.
struct Args {
    options: Option<PathBuf>,
    input: Option<PathBuf>,
}

/// Why a run stopped before the end of its input.
enum Stop {
    /// The input could not be read.
    Read(io::Error),
    /// The reports could not be written.
    Write(io::Error),
}

fn main() -> ExitCode {
    // Read the command line and the options; both must be usable.
    let args = match parse_args(std::env::args_os().skip(1)) {
        Ok(Some(args)) => args,
        Ok(None) => return ExitCode::SUCCESS,
        Err(message) => return unusable(&message),
    };
    let options = match load_options(args.options.as_ref()) {
        Ok(options) => options,
        Err(message) => return unusable(&message),
    };

    // Open the input: a file, or standard input.
    let (name, reader): (String, Box<dyn BufRead>) = match &args.input {
        Some(path) => match File::open(path) {
            Ok(file) => (
                path.display().to_string(),
                Box::new(BufReader::with_capacity(1 << 16, file)),
            ),
            Err(e) => return unusable(&format!("cannot read {}: {e}", path.display())),
        },
        None => (String::from("standard input"), Box::new(io::stdin().lock())),
    };

    // Check every claim, streaming reports to standard output.
    let mut out = BufWriter::with_capacity(1 << 16, io::stdout().lock());
    let mut tally = Tally::default();
    let mut progress = Progress::new(io::stderr().is_terminal());
    let result = run(reader, &options, &mut out, &mut tally, &mut progress);
    let result = result.and_then(|()| out.flush().map_err(Stop::Write));
    progress.clear();

    // Say how it went, and exit with the matching status.
    match result {
        Err(Stop::Write(e)) if e.kind() == io::ErrorKind::BrokenPipe => ExitCode::from(UNUSABLE),
        Err(Stop::Write(e)) => unusable(&format!("cannot write the reports: {e}")),
        Err(Stop::Read(e)) => unusable(&format!("cannot read {name}: {e}")),
        Ok(()) if tally.claims == 0 => unusable(&format!("{name} holds no claim")),
        Ok(()) => {
            eprintln!("validate-claims: {}", tally.summary());
            if tally.all_valid() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(SOME_INVALID)
            }
        }
    }
}

/// Validates each claim of `reader` and writes its report (or its error
/// line) to `out`. Known gap: the release profile aborts on panic, so a panic
/// in the core would end the batch; the fuzzers have found none.
fn run(
    reader: impl BufRead,
    options: &Options,
    out: &mut impl Write,
    tally: &mut Tally,
    progress: &mut Progress,
) -> Result<(), Stop> {
    let mut write_failure = None;
    let read = input::for_each_claim(reader, |line, claim| {
        let result: Result<Report, String> = match claim {
            Claim::Text(text) => validate_str(text, options).map_err(|e| e.to_string()),
            Claim::Value(value) => validate(&value, options).map_err(|e| e.to_string()),
            Claim::Unreadable(message) => Err(message),
        };
        let written = match result {
            Ok(report) => {
                tally.add_report(&report);
                write_report(out, &report)
            }
            Err(message) => {
                tally.add_unreadable();
                eprintln!("validate-claims: line {line}: {message}");
                write_error_line(out, line, &message)
            }
        };
        progress.tick(tally);
        // Keep a write error apart so that it is not taken for a read error.
        written.map_err(|e| {
            let kind = e.kind();
            write_failure = Some(e);
            io::Error::new(kind, "stopped")
        })
    });
    match (write_failure, read) {
        (Some(e), _) => Err(Stop::Write(e)),
        (None, Err(e)) => Err(Stop::Read(e)),
        (None, Ok(())) => Ok(()),
    }
}

fn write_report(out: &mut impl Write, report: &Report) -> io::Result<()> {
    out.write_all(report.to_json().as_bytes())?;
    out.write_all(b"\n")
}

/// Writes `{"line":N,"valid":false,"error":"..."}` for a claim that could
/// not be read.
fn write_error_line(out: &mut impl Write, line: u64, message: &str) -> io::Result<()> {
    let message = serde_json::to_string(message).unwrap_or_else(|_| String::from("\"\""));
    writeln!(
        out,
        "{{\"line\":{line},\"valid\":false,\"error\":{message}}}"
    )
}

/// Reads the command line; `Ok(None)` when it asked for help or the version.
fn parse_args(args: impl Iterator<Item = OsString>) -> Result<Option<Args>, String> {
    let mut options = None;
    let mut input = None;
    let mut args = args.peekable();
    let mut only_files = false;
    while let Some(arg) = args.next() {
        let text = arg.to_string_lossy();
        match text.as_ref() {
            _ if only_files => set_input(&mut input, arg)?,
            "-h" | "--help" => {
                print!("{HELP}");
                return Ok(None);
            }
            "-V" | "--version" => {
                println!("validate-claims {}", home_infusion_validator::VERSION);
                return Ok(None);
            }
            "--options" => match args.next() {
                Some(file) => options = Some(PathBuf::from(file)),
                None => return Err(String::from("--options needs a file name")),
            },
            "--" => only_files = true,
            "-" => set_input(&mut input, arg)?,
            flag if flag.starts_with("--options=") => {
                options = flag.strip_prefix("--options=").map(PathBuf::from);
            }
            flag if flag.starts_with('-') => {
                return Err(format!("unknown option {flag:?}; see --help"));
            }
            _ => set_input(&mut input, arg)?,
        }
    }
    let input = input.filter(|path: &PathBuf| path.as_os_str() != "-");
    Ok(Some(Args { options, input }))
}

fn set_input(input: &mut Option<PathBuf>, arg: OsString) -> Result<(), String> {
    if input.is_some() {
        return Err(String::from(
            "one input at a time: give one FILE, or none for standard input",
        ));
    }
    *input = Some(PathBuf::from(arg));
    Ok(())
}

/// Reads the options file, or the embedded defaults when there is none.
fn load_options(path: Option<&PathBuf>) -> Result<Options, String> {
    let Some(path) = path else {
        return Ok(Options::default());
    };
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read the options file {}: {e}", path.display()))?;
    Options::from_json_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

/// Says why the input or the options cannot be used, and exits with 2.
fn unusable(message: &str) -> ExitCode {
    eprintln!("validate-claims: {message}");
    ExitCode::from(UNUSABLE)
}
