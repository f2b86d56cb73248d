//! The caller's options: tables that replace the embedded ones.

use crate::error::{Error, ErrorKind};
use crate::pack::{self, FeeSchedule, MaxUnits, Pack, PriorAuthorization};

/// Tables that replace the embedded policy pack's, each as a whole.
///
/// A table that is not given keeps the embedded default. Read them from the
/// JSON the package takes with [`Options::from_json`]:
///
/// ```
/// use home_infusion_validator::Options;
///
/// let options = Options::from_json(&serde_json::json!({
///     "feeSchedule": { "S9502": "165.00", "J0696": 0.9 },
///     "maxUnitsPerDay": { "J0696": 16 },
///     "priorAuthorization": ["J1561"]
/// }))?;
/// # let _ = options;
/// # Ok::<(), home_infusion_validator::Error>(())
/// ```
#[derive(Clone, Debug, Default)]
pub struct Options {
    fee_schedule: Option<FeeSchedule>,
    max_units_per_day: Option<MaxUnits>,
    prior_authorization: Option<PriorAuthorization>,
}

impl Options {
    /// Reads options from a JSON value: `null` or an object with any of
    /// `feeSchedule`, `maxUnitsPerDay` and `priorAuthorization`.
    ///
    /// Options are the caller's configuration, not user input, so anything
    /// unreadable is an error that names the table and the entry, and an
    /// unknown key is an error too (a misspelt table would otherwise be
    /// ignored without a word).
    pub fn from_json(value: &serde_json::Value) -> Result<Options, Error> {
        let map = match value {
            serde_json::Value::Null => return Ok(Options::default()),
            serde_json::Value::Object(map) => map,
            other => {
                return Err(Error::new(
                    ErrorKind::Options,
                    format!(
                        "options: expected an object, found {}",
                        pack::json_text(other)
                    ),
                ));
            }
        };
        let mut options = Options::default();
        for (key, table) in map {
            let fail = |why: String| Error::new(ErrorKind::Options, format!("options.{key}{why}"));
            let fail_top = |why: String| {
                let sep = if why.starts_with('[') { "" } else { ": " };
                fail(format!("{sep}{why}"))
            };
            match key.as_str() {
                _ if table.is_null() => {}
                "feeSchedule" => options.fee_schedule = Some(pack::read_fee_schedule(table).map_err(fail_top)?),
                "maxUnitsPerDay" => options.max_units_per_day = Some(pack::read_max_units(table).map_err(fail_top)?),
                "priorAuthorization" => {
                    options.prior_authorization = Some(pack::read_prior_authorization(table).map_err(fail_top)?)
                }
                _ => {
                    return Err(Error::new(
                        ErrorKind::Options,
                        format!("options: unknown option \"{key}\"; expected feeSchedule, maxUnitsPerDay or priorAuthorization"),
                    ))
                }
            }
        }
        Ok(options)
    }

    /// Reads options from JSON text; see [`Options::from_json`].
    pub fn from_json_str(text: &str) -> Result<Options, Error> {
        let value = serde_json::from_str(text).map_err(|e| {
            Error::new(
                ErrorKind::Options,
                format!("options are not valid JSON: {e}"),
            )
        })?;
        Options::from_json(&value)
    }

    /// The tables to validate against: these options over the embedded pack.
    pub(crate) fn pack(&self) -> Result<Pack<'_>, Error> {
        let embedded = pack::embedded()?;
        let mut pack = embedded.pack();
        if let Some(fees) = &self.fee_schedule {
            pack.fees = fees;
        }
        if let Some(max) = &self.max_units_per_day {
            pack.max_units = max;
        }
        if let Some(codes) = &self.prior_authorization {
            pack.prior_authorization = codes;
        }
        Ok(pack)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn a_given_table_replaces_only_its_own_default() {
        let options = Options::from_json(&json!({ "feeSchedule": { "S9502": "1.00" } })).unwrap();
        let pack = options.pack().unwrap();
        assert_eq!(pack.fees.len(), 1);
        assert!(pack.max_units.contains_key("J0696"));
        assert!(pack.prior_authorization.contains("J1561"));
    }

    #[test]
    fn unreadable_options_are_errors_that_say_where() {
        for (options, expected) in [
            (json!("fees"), "options: expected an object"),
            (
                json!({ "feeSchedule": { "S9500": "abc" } }),
                "options.feeSchedule[\"S9500\"]",
            ),
            (
                json!({ "maxUnitsPerDay": [] }),
                "options.maxUnitsPerDay: expected an object",
            ),
            (
                json!({ "priorAuthorization": "J1561" }),
                "options.priorAuthorization: expected a list",
            ),
            (
                json!({ "feeschedule": {} }),
                "unknown option \"feeschedule\"",
            ),
        ] {
            let err = Options::from_json(&options).unwrap_err();
            assert_eq!(err.kind(), ErrorKind::Options);
            assert!(
                err.message().contains(expected),
                "{err} does not contain {expected}"
            );
        }
        assert!(Options::from_json(&json!(null)).is_ok());
        assert!(Options::from_json(&json!({ "feeSchedule": null })).is_ok());
    }
}
