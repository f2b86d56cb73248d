//! The errors a caller can cause: input that is not a claim at all, and
//! options that cannot be read.

use std::fmt;

/// What went wrong, for programs to match on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The claim is not a JSON object: for example `"text"`, `null`, `[]`.
    NotAnObject,
    /// The claim's text is not JSON: for example `{"lines": [}`.
    Json,
    /// The options cannot be read: for example `{"feeSchedule": {"S9500": "abc"}}`.
    Options,
    /// The embedded policy pack cannot be read. This is a defect of the
    /// package, never of the caller's input.
    Pack,
}

/// An error of the caller's making (or, for [`ErrorKind::Pack`], ours).
///
/// Problems inside a claim are never errors: they are findings.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    kind: ErrorKind,
    message: String,
}

impl Error {
    pub(crate) fn new(kind: ErrorKind, message: impl Into<String>) -> Self {
        Error {
            kind,
            message: message.into(),
        }
    }

    pub(crate) fn not_an_object(value: &serde_json::Value) -> Self {
        let found = match value {
            serde_json::Value::Null => "null",
            serde_json::Value::Bool(_) => "a boolean",
            serde_json::Value::Number(_) => "a number",
            serde_json::Value::String(_) => "a string",
            serde_json::Value::Array(_) => "an array",
            serde_json::Value::Object(_) => "an object",
        };
        Error::new(
            ErrorKind::NotAnObject,
            format!("expected a claim object, found {found}"),
        )
    }

    pub(crate) fn json(err: serde_json::Error) -> Self {
        Error::new(ErrorKind::Json, format!("claim is not valid JSON: {err}"))
    }

    /// What went wrong.
    pub fn kind(&self) -> ErrorKind {
        self.kind
    }

    /// The message, in lowercase, without a final period.
    pub fn message(&self) -> &str {
        &self.message
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for Error {}
