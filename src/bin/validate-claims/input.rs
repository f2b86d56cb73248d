//! Reads claims from one JSON file or from NDJSON, one claim at a time.
//!
//! The format is decided from the content, so that the same command takes a
//! pretty-printed claim and a batch:
//!
//! - NDJSON (one claim per line, blank lines skipped) when the first
//!   non-blank line is a complete JSON value on its own, or when it does not
//!   start with `{`, or when the second non-blank line is a complete JSON
//!   object on its own (a batch whose first line is broken);
//! - otherwise one JSON claim spread over the whole input. If that claim is
//!   not valid JSON it is one unreadable claim, and the message gives the
//!   line and column of the mistake. Anything after its closing brace other
//!   than white space makes it unreadable too.
//!
//! NDJSON is read line by line into one reused buffer, so memory does not
//! grow with the number of claims.

use std::io::{self, BufRead, Cursor, Read};

use serde::Deserialize;
use serde_json::Value;

/// One claim of the input, as read.
pub enum Claim<'a> {
    /// One NDJSON line: JSON text still to be parsed.
    Text(&'a str),
    /// The whole input, parsed as one JSON value.
    Value(Value),
    /// A line or a file that cannot be read as text or as JSON.
    Unreadable(String),
}

/// Calls `each` with every claim of `reader` and the 1-based line it starts
/// on, in input order. Stops at the first error `each` returns.
pub fn for_each_claim<R: BufRead>(
    mut reader: R,
    mut each: impl FnMut(u64, Claim<'_>) -> io::Result<()>,
) -> io::Result<()> {
    // Read up to two non-blank lines, keeping every byte for a replay.
    // Known gap: blank lines before the first claim are held here too.
    let mut head = Vec::new();
    let mut first = None;
    let mut second = None;
    let mut line_no = 0u64;
    while second.is_none() {
        let start = head.len();
        if reader.read_until(b'\n', &mut head)? == 0 {
            break;
        }
        line_no += 1;
        if start == 0 {
            strip_bom(&mut head);
        }
        let line = head.get(start..).unwrap_or_default();
        if line.iter().copied().all(is_json_space) {
            continue;
        }
        let range = (line_no, start, head.len());
        if first.is_none() {
            first = Some(range);
        } else {
            second = Some(range);
        }
    }
    let slice = |r: Option<(u64, usize, usize)>| -> &[u8] {
        r.and_then(|(_, s, e)| head.get(s..e)).unwrap_or_default()
    };

    // A first line that starts an object without closing it, followed by
    // something other than a complete object, begins one multi-line claim.
    let first_text = trim_json_space(slice(first));
    let one_document = first_text.first() == Some(&b'{')
        && !is_complete_json(first_text)
        && !(second.is_some() && is_object_line(slice(second)));
    // Known gap: a read error inside such a claim is reported as invalid
    // JSON (exit 1), not as an unusable input (exit 2).
    if let (true, Some((start_line, _, _))) = (one_document, first) {
        let claim = match parse_document(Cursor::new(head).chain(reader)) {
            Ok(value) => Claim::Value(value),
            Err(error) => Claim::Unreadable(format!("claim is not valid JSON: {error}")),
        };
        return each(start_line, claim);
    }

    // Otherwise replay the lines read so far, then stream the rest.
    let mut lines = Cursor::new(head).chain(reader);
    let mut buffer = Vec::new();
    let mut line_no = 0u64;
    loop {
        buffer.clear();
        if lines.read_until(b'\n', &mut buffer)? == 0 {
            return Ok(());
        }
        line_no += 1;
        if line_no == 1 {
            strip_bom(&mut buffer);
        }
        let text = match std::str::from_utf8(trim_json_space(&buffer)) {
            Ok(text) => text,
            Err(error) => {
                let message = format!("line is not valid UTF-8: {error}");
                each(line_no, Claim::Unreadable(message))?;
                continue;
            }
        };
        if !text.is_empty() {
            each(line_no, Claim::Text(text))?;
        }
    }
}

/// Parses the whole of `reader` as one JSON value with only white space
/// after it. Positions in the error count from the start of the input.
fn parse_document<R: Read>(reader: R) -> Result<Value, serde_json::Error> {
    let mut deserializer = serde_json::Deserializer::from_reader(reader);
    let value = Value::deserialize(&mut deserializer)?;
    deserializer.end()?;
    Ok(value)
}

/// Whether `line` is a complete JSON value by itself.
fn is_complete_json(line: &[u8]) -> bool {
    serde_json::from_slice::<serde::de::IgnoredAny>(line).is_ok()
}

/// Whether `line` is a complete JSON object by itself.
fn is_object_line(line: &[u8]) -> bool {
    let line = trim_json_space(line);
    line.first() == Some(&b'{') && is_complete_json(line)
}

/// Whether `byte` is white space to JSON: space, tab, carriage return or line
/// feed (and nothing else, so that a line the package refuses is refused
/// here too).
fn is_json_space(byte: u8) -> bool {
    matches!(byte, b' ' | b'\t' | b'\r' | b'\n')
}

/// `bytes` without JSON white space at either end.
fn trim_json_space(bytes: &[u8]) -> &[u8] {
    let start = bytes.iter().position(|&b| !is_json_space(b));
    let end = bytes.iter().rposition(|&b| !is_json_space(b));
    match (start, end) {
        (Some(start), Some(end)) => bytes.get(start..=end).unwrap_or_default(),
        _ => &[],
    }
}

/// Removes a UTF-8 byte order mark from the start of `bytes`.
fn strip_bom(bytes: &mut Vec<u8>) {
    if bytes.starts_with(&[0xEF, 0xBB, 0xBF]) {
        bytes.drain(..3);
    }
}
