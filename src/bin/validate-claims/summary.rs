//! The counts of a run: the summary line and the progress indicator.

use std::collections::BTreeMap;
use std::io::Write;
use std::time::{Duration, Instant};

use home_infusion_validator::{Report, Severity};

/// What a run has seen so far.
#[derive(Debug, Default)]
pub struct Tally {
    /// Claims read, readable or not.
    pub claims: u64,
    /// Reports with no error finding.
    pub valid: u64,
    /// Reports with at least one error finding.
    pub invalid: u64,
    /// Lines or files that could not be read as a claim.
    pub unreadable: u64,
    /// Error findings by rule id.
    pub errors: BTreeMap<&'static str, u64>,
}

impl Tally {
    /// Counts one report.
    pub fn add_report(&mut self, report: &Report) {
        self.claims += 1;
        if report.valid {
            self.valid += 1;
        } else {
            self.invalid += 1;
        }
        for finding in report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
        {
            *self.errors.entry(finding.rule.id()).or_default() += 1;
        }
    }

    /// Counts one claim that could not be read.
    pub fn add_unreadable(&mut self) {
        self.claims += 1;
        self.unreadable += 1;
    }

    /// True when every claim was read and is valid.
    pub fn all_valid(&self) -> bool {
        self.valid == self.claims
    }

    /// The one-line summary: the counts, then error findings by rule id in
    /// the order of the ids.
    pub fn summary(&self) -> String {
        let mut line = format!(
            "claims {}, valid {}, invalid {}, unreadable {}",
            self.claims, self.valid, self.invalid, self.unreadable
        );
        if !self.errors.is_empty() {
            let by_rule: Vec<String> = self
                .errors
                .iter()
                .map(|(rule, count)| format!("{rule} {count}"))
                .collect();
            line.push_str("; errors by rule: ");
            line.push_str(&by_rule.join(", "));
        }
        line
    }
}

/// How often the progress line may change.
const PROGRESS_EVERY: Duration = Duration::from_millis(250);

/// A one-line count on standard error, redrawn a few times a second, for
/// runs on a terminal only.
pub struct Progress {
    enabled: bool,
    shown: bool,
    last: Instant,
}

impl Progress {
    /// A progress line that shows only when `enabled`.
    pub fn new(enabled: bool) -> Progress {
        Progress {
            enabled,
            shown: false,
            last: Instant::now(),
        }
    }

    /// Redraws the count if the last redraw is old enough.
    pub fn tick(&mut self, tally: &Tally) {
        if !self.enabled || self.last.elapsed() < PROGRESS_EVERY {
            return;
        }
        self.last = Instant::now();
        self.shown = true;
        let mut err = std::io::stderr().lock();
        // Progress is a courtesy: a failed write to the terminal is ignored.
        let _ = write!(
            err,
            "\r\x1b[2Kvalidating: {} claims, {} invalid, {} unreadable",
            tally.claims, tally.invalid, tally.unreadable
        );
        let _ = err.flush();
    }

    /// Clears the progress line, if one was drawn.
    pub fn clear(&mut self) {
        if self.shown {
            let _ = write!(std::io::stderr(), "\r\x1b[2K");
            self.shown = false;
        }
    }
}
