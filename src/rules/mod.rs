//! The rules: one module per family, run in order over one shared reading
//! of the claim.

mod claim_level;
mod concurrent;
mod drugs;
mod line_format;
mod per_diem;
mod registry;

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::{Map, Value};

use crate::claim::{self, Claim, Scalar};
use crate::codes::{is_modifier, is_procedure_code, parse_decimal, Date};
use crate::pack::Pack;
use crate::pricing;
use crate::report::{Finding, Report, Severity};
pub use registry::{Rule, RuleInfo, CATALOG};

/// Reads the claim, runs every rule family, prices the lines and sorts the
/// report.
pub fn check(object: &Map<String, Value>, pack: &Pack<'_>) -> Report {
    // Read the claim; shape problems are the first findings.
    let (claim, mut findings) = claim::read(object);
    let ctx = Ctx::new(&claim, pack);

    // Run each family of rules.
    claim_level::check(&ctx, &mut findings);
    line_format::check(&ctx, &mut findings);
    concurrent::check(&ctx, &mut findings);
    per_diem::check(&ctx, &mut findings);
    drugs::check(&ctx, &mut findings);

    // Price each line in the light of the findings (this may add findings).
    let prices = pricing::price(&ctx, &mut findings);

    let valid = !findings.iter().any(|f| f.severity == Severity::Error);
    let mut report = Report {
        id: claim.id.clone(),
        valid,
        findings,
        lines: prices.lines,
        total_charge: prices.total_charge,
        total_allowed: prices.total_allowed,
    };
    report.sort();
    report
}

/// What the rules know of one line, worked out once.
#[derive(Debug, Default)]
pub struct Facts {
    /// The date of service, when `from` is a real date.
    pub dos: Option<Date>,
    /// The procedure code, uppercase, when it is well formed.
    pub code: Option<String>,
    /// The well-formed modifiers, uppercase.
    pub modifiers: Vec<String>,
    /// The units, when they are a number greater than zero.
    pub units: Option<Decimal>,
    /// The charge, when it is a well-formed amount.
    pub charge: Option<Decimal>,
    /// The code is a therapy per diem.
    pub per_diem: bool,
    /// The line is an infusion: a drug that is not taken by mouth or
    /// inhaled, or a nutrition product that is not formula taken by mouth.
    pub infusion: bool,
}

impl Facts {
    fn of(line: &claim::Line, pack: &Pack<'_>) -> Facts {
        let code = line
            .code
            .text()
            .map(str::to_ascii_uppercase)
            .filter(|c| is_procedure_code(c));
        let modifiers: Vec<String> = line
            .modifiers
            .items()
            .iter()
            .filter_map(Scalar::text)
            .map(str::to_ascii_uppercase)
            .filter(|m| is_modifier(m))
            .collect();
        let classes = pack.classes;
        let oral_formula = modifiers.iter().any(|m| m == "BO")
            && code
                .as_deref()
                .is_some_and(|c| classes.enteral_formula.contains(c));
        let in_class =
            |set: &crate::pack::CodeSet| code.as_deref().is_some_and(|c| set.contains(c));
        Facts {
            per_diem: in_class(&classes.therapy_per_diem),
            infusion: (in_class(&classes.drug) && !in_class(&classes.not_infused))
                || (in_class(&classes.nutrition_product) && !oral_formula),
            dos: line.from.text().and_then(Date::parse),
            code,
            modifiers,
            units: line.units.text().and_then(read_units),
            charge: line.charge.text().and_then(read_charge),
        }
    }

    /// Whether the line carries `modifier`.
    pub fn has_modifier(&self, modifier: &str) -> bool {
        self.modifiers.iter().any(|m| m == modifier)
    }

    /// Whether the line carries SH or SJ.
    pub fn is_concurrent(&self) -> bool {
        self.has_modifier("SH") || self.has_modifier("SJ")
    }
}

/// The most units a line may carry, and the most decimals.
const MAX_UNITS: u32 = 99_999_999;
const UNIT_DECIMALS: u32 = 3;
/// The largest charge a line may carry.
const MAX_CHARGE: u64 = 99_999_999;

/// Units: a number greater than zero, at most 99,999,999, three decimals.
pub fn read_units(text: &str) -> Option<Decimal> {
    parse_decimal(text).filter(|u| {
        *u > Decimal::ZERO && *u <= Decimal::from(MAX_UNITS) && u.scale() <= UNIT_DECIMALS
    })
}

/// A charge: zero or more, at most 99,999,999.99, two decimals.
pub fn read_charge(text: &str) -> Option<Decimal> {
    parse_decimal(text)
        .filter(|c| !c.is_sign_negative() && *c <= Decimal::from(MAX_CHARGE) && c.scale() <= 2)
}

/// One claim, read and grouped once for every rule.
pub struct Ctx<'a> {
    pub claim: &'a Claim,
    pub pack: &'a Pack<'a>,
    /// The facts of each line, by index.
    pub facts: Vec<Facts>,
    /// The lines of each date of service, in line order.
    pub by_date: BTreeMap<Date, Vec<usize>>,
}

impl<'a> Ctx<'a> {
    fn new(claim: &'a Claim, pack: &'a Pack<'a>) -> Ctx<'a> {
        let facts: Vec<Facts> = claim.lines().iter().map(|l| Facts::of(l, pack)).collect();
        let mut by_date: BTreeMap<Date, Vec<usize>> = BTreeMap::new();
        for (i, f) in facts.iter().enumerate() {
            if let Some(dos) = f.dos {
                by_date.entry(dos).or_default().push(i);
            }
        }
        Ctx {
            claim,
            pack,
            facts,
            by_date,
        }
    }

    /// Each line with its facts.
    pub fn lines(&self) -> impl Iterator<Item = (usize, &claim::Line, &Facts)> {
        self.claim
            .lines()
            .iter()
            .zip(&self.facts)
            .enumerate()
            .map(|(i, (l, f))| (i, l, f))
    }

    /// The facts of line `i`.
    pub fn facts(&self, i: usize) -> Option<&Facts> {
        self.facts.get(i)
    }

    /// The well-formed code of line `i`.
    pub fn code(&self, i: usize) -> Option<&str> {
        self.facts.get(i).and_then(|f| f.code.as_deref())
    }

    /// Whether line `i` is a therapy per diem.
    pub fn is_therapy_per_diem(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|f| f.per_diem)
    }

    /// Whether line `i` is a drug or a nutrition product: an infusion.
    pub fn is_infusion(&self, i: usize) -> bool {
        self.facts.get(i).is_some_and(|f| f.infusion)
    }
}

/// A finding on field `field` of line `i`.
pub fn on_line(rule: Rule, i: usize, field: &str, message: String) -> Finding {
    Finding::new(rule, Some(i), format!("lines[{i}].{field}"), message)
}

/// A claim-level finding on `path`.
pub fn on_claim(rule: Rule, path: &str, message: String) -> Finding {
    Finding::new(rule, None, path, message)
}
