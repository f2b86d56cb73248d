//! The report: findings, line prices and totals, in their stable order.

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};

use crate::rules::Rule;

/// How much a finding matters to the claim.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// As submitted, the claim or the line is rejected or denied.
    Error,
    /// The line may pend, deny or reduce: a person should look.
    Warning,
    /// How the line will be paid, such as a reduction.
    Info,
}

impl Severity {
    /// The severity as the report spells it: `error`, `warning`, `info`.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Info => "info",
        }
    }
}

/// One problem found in a claim, pointing at the field it is about.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Finding {
    /// The rule's public id, such as `referral-required`.
    pub rule: Rule,
    /// The rule's severity.
    pub severity: Severity,
    /// A sentence for people; programs match on `rule`, not on this.
    pub message: String,
    /// The field the finding is about, such as `lines[2].ndc`.
    pub path: String,
    /// The 0-based service line, or `None` for a claim-level finding.
    pub line: Option<usize>,
    /// The policy section (or coding standard) the finding rests on.
    pub policy: &'static str,
}

impl Finding {
    /// A finding of `rule` on `path`, with the rule's own severity and policy.
    pub fn new(rule: Rule, line: Option<usize>, path: impl Into<String>, message: String) -> Self {
        Finding {
            rule,
            severity: rule.severity(),
            message,
            path: path.into(),
            line,
            policy: rule.policy(),
        }
    }

    /// The order of the report: claim-level first, then by line, then by
    /// rule id, then by path and message so that equal inputs give equal
    /// bytes.
    fn sort_key(&self) -> (usize, &'static str, &str, &str) {
        let line = self.line.map_or(0, |l| l.saturating_add(1));
        (line, self.rule.id(), &self.path, &self.message)
    }
}

/// How the estimate treats one line.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum LineStatus {
    /// Allowed at the fee schedule amount (or the charge, if lower).
    Paid,
    /// A subsequent concurrent therapy, allowed at a reduced rate.
    Reduced,
    /// The line carries an error finding and is allowed nothing.
    Denied,
    /// No fee schedule amount: the line needs manual pricing.
    Unpriced,
}

/// The allowed-amount estimate of one line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct LinePrice {
    /// The allowed amount, or `None` when the line cannot be priced.
    #[serde(serialize_with = "serialize_opt_money")]
    pub allowed: Option<Decimal>,
    /// How the line is treated.
    pub status: LineStatus,
}

/// What the validator says of one claim.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    /// The claim's own `id`, echoed back, or `None`.
    pub id: Option<String>,
    /// True when no finding has severity `error`.
    pub valid: bool,
    /// Every finding, in the stable order.
    pub findings: Vec<Finding>,
    /// The estimate for each line, in the claim's order.
    pub lines: Vec<LinePrice>,
    /// The sum of the well-formed charges.
    #[serde(serialize_with = "serialize_money")]
    pub total_charge: Decimal,
    /// The sum of the allowed amounts that are not `None`.
    #[serde(serialize_with = "serialize_money")]
    pub total_allowed: Decimal,
}

impl Report {
    /// Puts the findings in the report's stable order.
    pub(crate) fn sort(&mut self) {
        self.findings
            .sort_by(|a, b| a.sort_key().cmp(&b.sort_key()));
    }

    /// The report as compact JSON text: the same claim always gives the same
    /// bytes, natively and in WebAssembly.
    pub fn to_json(&self) -> String {
        // Serializing plain structs, strings and decimals to a String cannot
        // fail; fall back to an empty object rather than panic if it ever did.
        serde_json::to_string(self).unwrap_or_else(|_| String::from("{}"))
    }
}

/// Rounds to cents, half away from zero, as the pricing spec says.
pub fn round_cents(amount: Decimal) -> Decimal {
    amount.round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
}

/// Formats money with exactly two decimals, as the report carries it.
pub fn format_money(amount: Decimal) -> String {
    let mut cents = round_cents(amount);
    cents.rescale(2);
    cents.to_string()
}

fn serialize_money<S: Serializer>(amount: &Decimal, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(&format_money(*amount))
}

fn serialize_opt_money<S: Serializer>(amount: &Option<Decimal>, s: S) -> Result<S::Ok, S::Error> {
    match amount {
        Some(a) => serialize_money(a, s),
        None => s.serialize_none(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn money_rounds_half_away_from_zero_at_cents() {
        for (input, expected) in [
            ("7.2", "7.20"),
            ("0.005", "0.01"),
            ("0.004", "0.00"),
            ("2.675", "2.68"),
            ("-2.675", "-2.68"),
            ("105", "105.00"),
            ("0", "0.00"),
        ] {
            assert_eq!(format_money(d(input)), expected, "{input}");
        }
    }
}
