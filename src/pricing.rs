//! The allowed-amount estimate of each line, as `docs/pricing.md` says.

use rust_decimal::Decimal;

use crate::report::{round_cents, Finding, LinePrice, LineStatus, Severity};
use crate::rules::{on_line, Ctx, Rule};

/// The estimate of every line, with the claim's totals.
pub struct Prices {
    pub lines: Vec<LinePrice>,
    pub total_charge: Decimal,
    pub total_allowed: Decimal,
}

/// Prices each line in the light of the findings so far, and adds a
/// `no-fee-schedule-amount` finding for each line that needs manual pricing.
pub fn price(ctx: &Ctx<'_>, findings: &mut Vec<Finding>) -> Prices {
    // A line with an error finding is denied.
    let mut denied = vec![false; ctx.facts.len()];
    for finding in findings.iter().filter(|f| f.severity == Severity::Error) {
        if let Some(flag) = finding.line.and_then(|i| denied.get_mut(i)) {
            *flag = true;
        }
    }

    let dates = ctx.pack.dates;
    let mut lines = Vec::with_capacity(ctx.facts.len());
    for (i, facts) in ctx.facts.iter().enumerate() {
        let (Some(code), Some(units), Some(charge)) =
            (facts.code.as_deref(), facts.units, facts.charge)
        else {
            // Only a line with an error lacks one of these; it is denied.
            lines.push(LinePrice {
                allowed: Some(Decimal::ZERO),
                status: LineStatus::Denied,
            });
            continue;
        };
        if denied.get(i).copied().unwrap_or(true) {
            lines.push(LinePrice {
                allowed: Some(Decimal::ZERO),
                status: LineStatus::Denied,
            });
            continue;
        }

        // Without a fee schedule amount the line is priced by hand.
        let Some(&fee) = ctx.pack.fees.get(code) else {
            findings.push(on_line(
                Rule::NoFeeScheduleAmount,
                i,
                "code",
                format!("{code} has no fee schedule amount; the line needs manual pricing"),
            ));
            lines.push(LinePrice {
                allowed: None,
                status: LineStatus::Unpriced,
            });
            continue;
        };

        // The fee schedule amount, reduced for a subsequent concurrent therapy.
        let mut amount = fee.checked_mul(units).unwrap_or(Decimal::MAX);
        let reduced = ctx.is_therapy_per_diem(i)
            && facts.is_concurrent()
            && facts
                .dos
                .is_some_and(|dos| dos >= dates.concurrent_reduction_from);
        if reduced {
            amount = amount
                .checked_mul(dates.concurrent_reduction_rate)
                .unwrap_or(amount);
        }

        // Never more than was billed, rounded to cents.
        let allowed = round_cents(amount.min(charge));
        let status = if reduced {
            LineStatus::Reduced
        } else {
            LineStatus::Paid
        };
        lines.push(LinePrice {
            allowed: Some(allowed),
            status,
        });
    }

    let total_charge = sum(ctx.facts.iter().filter_map(|f| f.charge));
    let total_allowed = sum(lines.iter().filter_map(|l| l.allowed));
    Prices {
        lines,
        total_charge,
        total_allowed,
    }
}

fn sum(amounts: impl Iterator<Item = Decimal>) -> Decimal {
    amounts.fold(Decimal::ZERO, |total, a| {
        total.checked_add(a).unwrap_or(Decimal::MAX)
    })
}
