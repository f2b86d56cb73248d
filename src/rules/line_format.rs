//! Rules about each line's own fields: required fields, dates, codes,
//! modifiers, units, charge, place of service, pointers and duplicates.

use std::collections::btree_map::{BTreeMap, Entry};

use super::claim_level::{pointer_letter, MAX_DIAGNOSES};
use super::{on_line, read_charge, read_units, Ctx, Rule};
use crate::claim::{Line, Scalar};
use crate::codes::{is_modifier, is_procedure_code, Date};
use crate::report::Finding;

/// The most modifiers and diagnosis pointers a line carries.
const MAX_MODIFIERS: usize = 4;
const MAX_POINTERS: usize = 4;

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let coverage = Coverage::of(ctx);
    let diagnoses = ctx.claim.diagnoses.filled().len();
    for (i, line, facts) in ctx.lines() {
        if !line.readable {
            continue;
        }
        required(i, line, out);
        dates(i, line, facts.dos, &coverage, out);
        code_and_modifiers(i, line, out);
        amounts(i, line, out);
        place_of_service(i, line, out);
        pointers(i, line, diagnoses, out);
    }
    duplicates(ctx, out);
}

fn required(i: usize, line: &Line, out: &mut Vec<Finding>) {
    for (scalar, field, what) in [
        (&line.from, "from", "date of service"),
        (&line.code, "code", "procedure code"),
        (&line.units, "units", "units"),
        (&line.charge, "charge", "charge"),
    ] {
        if scalar.is_absent() {
            out.push(on_line(
                Rule::MissingField,
                i,
                field,
                format!("line {} has no {what}", i + 1),
            ));
        }
    }
}

/// The member's verified eligibility span, when one is given and readable.
struct Coverage {
    from: Option<Date>,
    to: Option<Date>,
    given: bool,
}

impl Coverage {
    fn of(ctx: &Ctx<'_>) -> Coverage {
        let claim = ctx.claim;
        let from = claim.coverage_from.text().and_then(Date::parse);
        let to = claim.coverage_to.text().and_then(Date::parse);
        // A coverage date that is malformed, or a span that ends before it
        // starts, is reported on its own; the span is then not used, rather
        // than guessed.
        let readable = |s: &Scalar| s.is_absent() || s.text().and_then(Date::parse).is_some();
        let reversed = matches!((from, to), (Some(f), Some(t)) if t < f);
        let given = claim.coverage_given
            && readable(&claim.coverage_from)
            && readable(&claim.coverage_to)
            && !reversed
            && (from.is_some() || to.is_some());
        Coverage { from, to, given }
    }

    fn covers(&self, dos: Date) -> bool {
        !self.given || (self.from.is_none_or(|f| f <= dos) && self.to.is_none_or(|t| dos <= t))
    }
}

fn dates(i: usize, line: &Line, dos: Option<Date>, coverage: &Coverage, out: &mut Vec<Finding>) {
    for (scalar, field) in [(&line.from, "from"), (&line.to, "to")] {
        if let Some(text) = scalar.text().filter(|t| Date::parse(t).is_none()) {
            out.push(on_line(
                Rule::InvalidDate,
                i,
                field,
                format!("\"{text}\" is not a real date in the form YYYY-MM-DD"),
            ));
        }
    }
    let to = line.to.text().and_then(Date::parse);
    if let (Some(from), Some(to)) = (dos, to) {
        if from != to {
            out.push(on_line(
                Rule::DateSpanOnLine,
                i,
                "to",
                format!(
                    "the line runs from {from} to {to}; bill each date of service on its own line"
                ),
            ));
        }
    }
    if let Some(dos) = dos.filter(|d| !coverage.covers(*d)) {
        out.push(on_line(
            Rule::MemberNotCoveredOnDate,
            i,
            "from",
            format!("the member is not covered on {dos}"),
        ));
    }
}

fn code_and_modifiers(i: usize, line: &Line, out: &mut Vec<Finding>) {
    if let Some(code) = line
        .code
        .text()
        .filter(|c| !is_procedure_code(&c.to_ascii_uppercase()))
    {
        out.push(on_line(
            Rule::InvalidProcedureCode,
            i,
            "code",
            format!("\"{code}\" is not a HCPCS code (a letter and four digits) or a CPT code (five characters)"),
        ));
    }
    let modifiers = line.modifiers.items();
    let mut seen: Vec<String> = Vec::new();
    for (j, modifier) in modifiers.iter().enumerate() {
        let Some(text) = modifier.text() else {
            continue;
        };
        let upper = text.to_ascii_uppercase();
        let field = format!("modifiers[{j}]");
        if !is_modifier(&upper) {
            out.push(on_line(
                Rule::InvalidModifier,
                i,
                &field,
                format!("modifier \"{text}\" is not two letters or digits"),
            ));
        } else if seen.contains(&upper) {
            out.push(on_line(
                Rule::InvalidModifier,
                i,
                &field,
                format!("modifier {upper} is repeated"),
            ));
        }
        seen.push(upper);
    }
    let count = modifiers.iter().filter(|m| !m.is_absent()).count();
    if count > MAX_MODIFIERS {
        out.push(on_line(
            Rule::InvalidModifier,
            i,
            "modifiers",
            format!("the line has {count} modifiers; a line carries at most {MAX_MODIFIERS}"),
        ));
    }
}

fn amounts(i: usize, line: &Line, out: &mut Vec<Finding>) {
    if let Some(units) = line.units.text().filter(|u| read_units(u).is_none()) {
        out.push(on_line(
            Rule::InvalidUnits,
            i,
            "units",
            format!("units \"{units}\" are not a number greater than zero (at most 99999999, three decimals)"),
        ));
    }
    if let Some(charge) = line.charge.text().filter(|c| read_charge(c).is_none()) {
        out.push(on_line(
            Rule::InvalidCharge,
            i,
            "charge",
            format!("charge \"{charge}\" is not an amount such as 125.50 (digits, at most two decimals, no $ or commas)"),
        ));
    }
}

fn place_of_service(i: usize, line: &Line, out: &mut Vec<Finding>) {
    let Some(pos) = line.place_of_service.text() else {
        return;
    };
    if pos.len() != 2 || !pos.bytes().all(|b| b.is_ascii_digit()) {
        out.push(on_line(
            Rule::InvalidPlaceOfService,
            i,
            "placeOfService",
            format!("place of service \"{pos}\" is not two digits"),
        ));
    } else if pos != "12" {
        out.push(on_line(
            Rule::PlaceOfServiceNotHome,
            i,
            "placeOfService",
            format!("place of service {pos} is not the member's home (12)"),
        ));
    }
}

fn pointers(i: usize, line: &Line, diagnoses: usize, out: &mut Vec<Finding>) {
    let pointers = line.diagnosis_pointers.items();
    for (j, pointer) in pointers.iter().enumerate() {
        let Some(text) = pointer.text() else { continue };
        let field = format!("diagnosisPointers[{j}]");
        let index = match text.to_ascii_uppercase().as_bytes() {
            [letter @ b'A'..=b'L'] => usize::from(letter - b'A'),
            _ => {
                out.push(on_line(
                    Rule::InvalidDiagnosisPointer,
                    i,
                    &field,
                    format!("pointer \"{text}\" is not a letter from A to L"),
                ));
                continue;
            }
        };
        if index >= diagnoses.min(MAX_DIAGNOSES) {
            let letter = pointer_letter(index);
            let count = diagnoses.min(MAX_DIAGNOSES);
            out.push(on_line(
                Rule::InvalidDiagnosisPointer,
                i,
                &field,
                format!("pointer {letter} points past the claim's {count} diagnoses"),
            ));
        }
    }
    let count = pointers.iter().filter(|p| !p.is_absent()).count();
    if count > MAX_POINTERS {
        out.push(on_line(
            Rule::InvalidDiagnosisPointer,
            i,
            "diagnosisPointers",
            format!(
                "the line has {count} diagnosis pointers; a line carries at most {MAX_POINTERS}"
            ),
        ));
    }
}

/// Flags each line whose date, code and set of modifiers an earlier line
/// already has. One pass, keyed by that triple.
fn duplicates(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let mut first: BTreeMap<(Date, &str, Vec<&str>), usize> = BTreeMap::new();
    for (i, _, facts) in ctx.lines() {
        let (Some(dos), Some(code)) = (facts.dos, facts.code.as_deref()) else {
            continue;
        };
        // The set of modifiers, in order: each inserted in its place (a line
        // has at most four, and a standard sort would add kilobytes to the
        // module).
        let mut modifiers: Vec<&str> = Vec::new();
        for modifier in &facts.modifiers {
            if let Err(at) = modifiers.binary_search(&modifier.as_str()) {
                modifiers.insert(at, modifier);
            }
        }
        match first.entry((dos, code, modifiers)) {
            Entry::Occupied(earlier) => out.push(on_line(
                Rule::DuplicateLine,
                i,
                "code",
                format!(
                    "line {} repeats line {} ({code} on {dos} with the same modifiers)",
                    i + 1,
                    earlier.get() + 1
                ),
            )),
            Entry::Vacant(slot) => {
                slot.insert(i);
            }
        }
    }
}
