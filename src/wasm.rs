//! The WebAssembly binding: the only module that knows about JavaScript.
//!
//! Claims, options and reports cross the boundary as JSON text, which the
//! package's JS entry writes and parses: the report's bytes are then the
//! native library's, byte for byte, and the core never sees a JS value.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;

use crate::{Error, Options};

thread_local! {
    /// The last options read, by their text: a page passes the same options
    /// on every keystroke, so they are read once, not on every call.
    static LAST_OPTIONS: RefCell<Option<(String, Options)>> = const { RefCell::new(None) };
}

fn js_error(error: Error) -> JsError {
    JsError::new(error.message())
}

/// Reads options text (empty for none) into `Options`.
fn read_options(text: &str) -> Result<Options, Error> {
    if text.trim().is_empty() {
        Ok(Options::default())
    } else {
        Options::from_json_str(text)
    }
}

/// Validates a claim given as JSON text in UTF-8 bytes, with options given as
/// JSON text (or an empty string for none), and returns the report as JSON
/// text.
///
/// The claim comes as bytes because the package's entry encodes it with the
/// browser's `TextEncoder`, which is several times faster on long claims
/// than the glue's own character-by-character copy of a string.
#[wasm_bindgen(js_name = validateClaimUtf8)]
pub fn validate_claim_utf8(claim: &[u8], options: &str) -> Result<String, JsError> {
    let claim =
        std::str::from_utf8(claim).map_err(|_| JsError::new("claim is not valid UTF-8 text"))?;

    #[cfg(feature = "trap-test")]
    trap_for_test(claim);

    LAST_OPTIONS.with(|cell| {
        // Reuse the options read last time if their text is the same.
        let Ok(mut last) = cell.try_borrow_mut() else {
            let options = read_options(options).map_err(js_error)?;
            return validate(claim, &options);
        };
        if last.as_ref().map(|(text, _)| text.as_str()) != Some(options) {
            *last = None;
            let read = read_options(options).map_err(js_error)?;
            *last = Some((options.to_owned(), read));
        }

        // Validate against them.
        match last.as_ref() {
            Some((_, read)) => validate(claim, read),
            None => validate(claim, &Options::default()),
        }
    })
}

fn validate(claim: &str, options: &Options) -> Result<String, JsError> {
    crate::validate_str(claim, options)
        .map(|r| r.to_json())
        .map_err(js_error)
}

/// The rule catalog as JSON text.
#[wasm_bindgen(js_name = ruleCatalogJson)]
pub fn rule_catalog_json() -> String {
    serde_json::to_string(crate::catalog()).unwrap_or_else(|_| String::from("[]"))
}

/// The embedded policy pack's date and sources as JSON text.
#[wasm_bindgen(js_name = policyPackJson)]
pub fn policy_pack_json() -> Result<String, JsError> {
    let info = crate::policy_pack().map_err(js_error)?;
    serde_json::to_string(&info).map_err(|e| JsError::new(&e.to_string()))
}

/// The crate's version.
#[wasm_bindgen]
pub fn version() -> String {
    crate::VERSION.to_string()
}

/// Test builds only (`--features trap-test`, never shipped): traps the module
/// when the claim text holds `"__trapForTest__":"unreachable"` (a bare
/// `unreachable` instruction) or `"__trapForTest__":"panic"` (a Rust panic,
/// which `panic = "abort"` turns into a trap), so that the package's
/// recovery can be tested against a real trap.
#[cfg(feature = "trap-test")]
#[allow(clippy::panic)]
fn trap_for_test(claim: &str) {
    if claim.contains(r#""__trapForTest__":"unreachable""#) {
        core::arch::wasm32::unreachable();
    }
    if claim.contains(r#""__trapForTest__":"panic""#) {
        panic!("trap-test: a panic on purpose");
    }
}
