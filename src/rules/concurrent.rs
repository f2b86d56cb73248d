//! SH and SJ: the second and the third or later concurrent therapy per diem
//! of a date of service, and the reduction that follows from them.

use rust_decimal::Decimal;

use super::{on_line, Ctx, Rule};
use crate::report::Finding;

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let dates = ctx.pack.dates;
    for (&dos, lines) in ctx.by_date.range(dates.concurrent_modifiers_from..) {
        let (per_diems, others): (Vec<usize>, Vec<usize>) =
            lines.iter().partition(|&&i| ctx.is_therapy_per_diem(i));
        let concurrent = |i: &usize| ctx.facts(*i).is_some_and(|f| f.is_concurrent());
        let has = |i: usize, m: &str| ctx.facts(i).is_some_and(|f| f.has_modifier(m));

        // SH or SJ on a line that is not a therapy per diem.
        for &i in others.iter().filter(|i| concurrent(i)) {
            let code = ctx.code(i).unwrap_or("this code");
            out.push(on_line(
                Rule::ConcurrentModifierUnexpected,
                i,
                "modifiers",
                format!(
                    "SH and SJ mark concurrent therapy per diems; {code} is not a therapy per diem"
                ),
            ));
        }

        // SH or SJ on the only therapy per diem of the date.
        if let [only] = per_diems.as_slice() {
            if concurrent(only) {
                out.push(on_line(
                    Rule::ConcurrentModifierUnexpected,
                    *only,
                    "modifiers",
                    format!("this is the only therapy per diem on {dos}; SH and SJ mark a second or later therapy"),
                ));
            }
            continue;
        }
        if per_diems.is_empty() {
            continue;
        }

        // Only the first therapy goes without SH or SJ.
        let bare: Vec<usize> = per_diems
            .iter()
            .copied()
            .filter(|i| !concurrent(i))
            .collect();
        for &i in bare.iter().skip(1) {
            out.push(on_line(
                Rule::ConcurrentModifierMissing,
                i,
                "modifiers",
                format!(
                    "{} therapy per diems on {dos} lack SH and SJ; add SH to the second therapy and SJ to the third and later",
                    bare.len()
                ),
            ));
        }

        // SH once, SJ only after an SH, never both on one line, and one
        // therapy left unmodified as the first.
        let sh: Vec<usize> = per_diems
            .iter()
            .copied()
            .filter(|&i| has(i, "SH"))
            .collect();
        let sj: Vec<usize> = per_diems
            .iter()
            .copied()
            .filter(|&i| has(i, "SJ"))
            .collect();
        let order =
            |i: usize, why: String| on_line(Rule::ConcurrentModifierOrder, i, "modifiers", why);
        for &i in sh.iter().filter(|&&i| has(i, "SJ")) {
            out.push(order(
                i,
                "a line carries either SH (second therapy) or SJ (third or later), not both".into(),
            ));
        }
        if sh.is_empty() {
            for &i in &sj {
                out.push(order(
                    i,
                    format!(
                        "SJ marks the third or later therapy, but no therapy on {dos} carries SH"
                    ),
                ));
            }
        }
        for &i in sh.iter().skip(1) {
            out.push(order(
                i,
                format!(
                    "a second line on {dos} carries SH; the third and later therapies carry SJ"
                ),
            ));
        }
        if let (true, Some(&first)) = (bare.is_empty(), per_diems.first()) {
            out.push(order(
                first,
                format!("every therapy per diem on {dos} carries SH or SJ; the first therapy carries neither"),
            ));
        }
    }

    // From the reduction date, SH and SJ per diems are paid at a share.
    let percent = dates
        .concurrent_reduction_rate
        .checked_mul(Decimal::ONE_HUNDRED)
        .unwrap_or_default()
        .normalize();
    for (_, lines) in ctx.by_date.range(dates.concurrent_reduction_from..) {
        for &i in lines.iter().filter(|&&i| ctx.is_therapy_per_diem(i)) {
            if ctx.facts(i).is_some_and(|f| f.is_concurrent()) {
                out.push(on_line(
                    Rule::ConcurrentTherapyReduced,
                    i,
                    "modifiers",
                    format!("a subsequent concurrent therapy is paid at {percent}% of the fee schedule amount"),
                ));
            }
        }
    }
}
