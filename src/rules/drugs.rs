//! Drugs, nutrition and nursing: NDC details, prior authorization, daily
//! maximum units, oral formula and add-on codes.

use std::collections::BTreeMap;

use rust_decimal::Decimal;

use super::{on_line, Ctx, Rule};
use crate::claim::Line;
use crate::codes::{normalize_ndc, parse_decimal, Date, NDC_UNITS};
use crate::report::Finding;

/// The largest NDC quantity (8 digits before the decimal, 3 after).
const MAX_NDC_QUANTITY: u32 = 99_999_999;

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let classes = ctx.pack.classes;
    for (i, line, facts) in ctx.lines() {
        if !line.readable {
            continue;
        }
        ndc(i, line, out);
        let Some(code) = facts.code.as_deref() else {
            continue;
        };

        // Drug units are whole multiples of the HCPCS dose, rounded up.
        let drug = classes.drug.contains(code);
        if let Some(units) = facts.units.filter(|u| drug && !u.fract().is_zero()) {
            out.push(on_line(
                Rule::InvalidUnits,
                i,
                "units",
                format!(
                    "drug units are whole multiples of the {code} dose, rounded up: bill {} rather than {units}",
                    units.ceil()
                ),
            ));
        }

        // A drug line names its product fully.
        if drug {
            for (scalar, field, what) in [
                (&line.ndc, "ndc", "NDC"),
                (&line.ndc_unit, "ndcUnit", "NDC unit qualifier"),
                (&line.ndc_quantity, "ndcQuantity", "NDC quantity"),
                (
                    &line.description,
                    "description",
                    "description of the product",
                ),
                (&line.dosage, "dosage", "dosage administered"),
            ] {
                if scalar.is_absent() {
                    out.push(on_line(
                        Rule::DrugLineIncomplete,
                        i,
                        field,
                        format!("drug line {code} has no {what}"),
                    ));
                }
            }
        }

        // Codes on the prior authorization list need a number.
        let authorized =
            line.prior_authorization.is_given() || ctx.claim.prior_authorization.is_given();
        if ctx.pack.prior_authorization.contains(code) && !authorized {
            out.push(on_line(
                Rule::PriorAuthorizationRequired,
                i,
                "priorAuthorization",
                format!(
                    "{code} needs prior authorization; enter the number on the line or the claim"
                ),
            ));
        }

        // Enteral formula taken by mouth is not covered.
        if classes.enteral_formula.contains(code) && facts.has_modifier("BO") {
            out.push(on_line(
                Rule::OralNutritionNotCovered,
                i,
                "modifiers",
                format!("{code} with BO is formula taken by mouth, which is not covered; only tube feeding is"),
            ));
        }
    }
    max_units(ctx, out);
    add_ons(ctx, out);
}

/// The NDC, its unit qualifier and quantity, where given, are well formed.
fn ndc(i: usize, line: &Line, out: &mut Vec<Finding>) {
    if let Some(ndc) = line.ndc.text() {
        if let Err(why) = normalize_ndc(ndc) {
            out.push(on_line(
                Rule::InvalidNdc,
                i,
                "ndc",
                format!("NDC \"{ndc}\": {why}"),
            ));
        }
    }
    if let Some(unit) = line.ndc_unit.text() {
        if !NDC_UNITS.contains(&unit.to_ascii_uppercase().as_str()) {
            out.push(on_line(
                Rule::InvalidNdc,
                i,
                "ndcUnit",
                format!("NDC unit \"{unit}\" is not one of UN, ML, GR, F2 or ME"),
            ));
        }
    }
    if let Some(quantity) = line.ndc_quantity.text() {
        let ok = parse_decimal(quantity).is_some_and(|q| {
            q > Decimal::ZERO && q.scale() <= 3 && q <= Decimal::from(MAX_NDC_QUANTITY)
        });
        if !ok {
            out.push(on_line(
                Rule::InvalidNdc,
                i,
                "ndcQuantity",
                format!("NDC quantity \"{quantity}\" is not a number greater than zero with at most three decimals"),
            ));
        }
    }
}

/// Adds up the units of each code on each date, once, and flags every line
/// of a code and date whose total is over the code's daily maximum.
fn max_units(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let mut totals: BTreeMap<(Date, &str), (Decimal, Vec<usize>)> = BTreeMap::new();
    for (i, _, facts) in ctx.lines() {
        let (Some(dos), Some(code)) = (facts.dos, facts.code.as_deref()) else {
            continue;
        };
        if !ctx.pack.max_units.contains_key(code) {
            continue;
        }
        let entry = totals.entry((dos, code)).or_default();
        entry.0 = entry
            .0
            .checked_add(facts.units.unwrap_or_default())
            .unwrap_or(Decimal::MAX);
        entry.1.push(i);
    }
    for ((dos, code), (total, lines)) in totals {
        let Some(&max) = ctx.pack.max_units.get(code) else {
            continue;
        };
        if total <= max {
            continue;
        }
        for i in lines {
            out.push(on_line(
                Rule::MaxUnitsExceeded,
                i,
                "units",
                format!("{code} is billed for {total} units on {dos}; the daily maximum is {max}"),
            ));
        }
    }
}

/// Each add-on code shares its date with one of its primary codes.
fn add_ons(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (&dos, lines) in &ctx.by_date {
        for (add_on, primaries) in &ctx.pack.classes.add_ons {
            let has_primary = lines
                .iter()
                .filter_map(|&i| ctx.code(i))
                .any(|c| primaries.contains(c));
            if has_primary {
                continue;
            }
            for &i in lines
                .iter()
                .filter(|&&i| ctx.code(i) == Some(add_on.as_str()))
            {
                out.push(on_line(
                    Rule::AddOnWithoutPrimary,
                    i,
                    "code",
                    format!("{add_on} is an add-on code billed only with its primary visit code on the same date ({dos})"),
                ));
            }
        }
    }
}
