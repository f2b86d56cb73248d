//! The per diem: one unit a day, only on a day with an infusion, general and
//! specific codes not together, S9379 only where nothing specific fits, and
//! the supplies and equipment it already pays for.

use rust_decimal::Decimal;

use super::{on_line, Ctx, Rule};
use crate::report::Finding;

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    units(ctx, out);
    noc_documentation(ctx, out);
    by_date(ctx, out);
    supplies_and_dme(ctx, out);
}

/// S9379 needs documentation with the claim, on whatever date it is billed.
fn noc_documentation(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    if ctx.claim.documentation_attached == Some(true) {
        return;
    }
    let noc = &ctx.pack.classes.noc_per_diem;
    for (i, _, facts) in ctx.lines() {
        let Some(code) = facts.code.as_deref().filter(|c| noc.contains(c)) else {
            continue;
        };
        // The field to fix is the claim's; the line it denies is this one.
        out.push(Finding::new(
            Rule::NocPerDiemDocumentation,
            Some(i),
            "documentationAttached",
            format!("{code} needs documentation with the claim; attach it and mark it as attached"),
        ));
    }
}

fn units(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    for (i, _, facts) in ctx.lines() {
        let Some(units) = facts.units else { continue };
        if ctx.is_therapy_per_diem(i) && units != Decimal::ONE {
            out.push(on_line(
                Rule::PerDiemUnits,
                i,
                "units",
                format!("a per diem is billed as 1 unit a day, not {units}; bill each day on its own line"),
            ));
        }
    }
}

/// Date by date: what the date holds is worked out once, then each per diem
/// of the date is checked against it, so the work stays linear.
fn by_date(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let classes = ctx.pack.classes;
    for (&dos, lines) in &ctx.by_date {
        let per_diems: Vec<usize> = lines
            .iter()
            .copied()
            .filter(|&i| ctx.is_therapy_per_diem(i))
            .collect();
        if per_diems.is_empty() {
            continue;
        }
        let codes: Vec<&str> = lines.iter().filter_map(|&i| ctx.code(i)).collect();
        let infusions: Vec<&str> = lines
            .iter()
            .copied()
            .filter(|&i| ctx.is_infusion(i))
            .filter_map(|i| ctx.code(i))
            .collect();

        // The first specific form of each general per diem billed this date.
        let specific_forms: Vec<(&str, Option<&str>)> = classes
            .general_per_diems
            .iter()
            .map(|(general, forms)| {
                (
                    general.as_str(),
                    codes.iter().copied().find(|c| forms.contains(c)),
                )
            })
            .collect();
        // The first product of the date whose therapy has a specific per diem.
        let therapy = infusions.iter().find_map(|product| {
            classes
                .therapies
                .iter()
                .find(|t| t.products.contains(product))
                .map(|t| (product, t))
        });

        for &i in &per_diems {
            let code = ctx.code(i).unwrap_or_default();

            // A per diem is paid only on a day with an infusion (hydration
            // and dialysis bill no separate product to show it).
            if infusions.is_empty() && !classes.per_diem_without_separate_product.contains(code) {
                out.push(on_line(
                    Rule::PerDiemWithoutInfusion,
                    i,
                    "code",
                    format!("no drug or nutrition line is billed on {dos}; the per diem is paid only on a day with an infusion"),
                ));
            }

            // A general per diem does not go with its specific forms.
            let form = specific_forms
                .iter()
                .find(|(general, _)| *general == code)
                .and_then(|(_, form)| *form);
            if let Some(form) = form {
                out.push(on_line(
                    Rule::PerDiemCodeConflict,
                    i,
                    "code",
                    format!("{code} is the general form of {form}, billed on the same date {dos}; keep only {form}"),
                ));
            }

            if !classes.noc_per_diem.contains(code) {
                continue;
            }

            // S9379: no specific code, no other therapy (documentation is
            // checked on every S9379 line, whatever its date).
            if let Some((product, therapy)) = therapy {
                out.push(on_line(
                    Rule::NocPerDiemSpecificCode,
                    i,
                    "code",
                    format!(
                        "{product} on {dos} is {} therapy, which has its own per diem ({}); bill that instead of {code}",
                        therapy.name,
                        therapy.per_diems.written()
                    ),
                ));
            }
            // Any other therapy per diem line of the date, a second S9379
            // included: S9379 is for an infusion separate from any other.
            let other_therapy = per_diems
                .iter()
                .copied()
                .filter(|&j| j != i)
                .find_map(|j| ctx.code(j));
            if let Some(other) = other_therapy {
                out.push(on_line(
                    Rule::NocPerDiemWithOtherTherapy,
                    i,
                    "code",
                    format!("{code} is billed on {dos} with the therapy per diem {other}; it is only for an infusion separate from any other service that day"),
                ));
            }
        }
    }
}

fn supplies_and_dme(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let classes = ctx.pack.classes;
    let has_per_diem = (0..ctx.facts.len()).any(|i| ctx.is_therapy_per_diem(i));
    for (i, _, facts) in ctx.lines() {
        let Some(code) = facts.code.as_deref() else {
            continue;
        };
        if classes.included_supply.contains(code) {
            if !facts.has_modifier("RB") && !facts.has_modifier("MS") {
                out.push(on_line(
                    Rule::SupplyIncludedInPerDiem,
                    i,
                    "code",
                    format!("{code} is a supply or equipment item that the home infusion per diem includes; it is not billed on its own line"),
                ));
            }
        } else if has_per_diem && classes.dme.contains(code) {
            out.push(on_line(
                Rule::DmeNotRelatedToInfusion,
                i,
                "code",
                format!("{code} is DME not related to the infusion; bill it on its own claim through a contracted DME provider"),
            ));
        }
    }
}
