//! The policy pack: code classes, fee schedule, daily unit maximums, prior
//! authorization list and effective dates.
//!
//! The default pack is compiled in from the JSON files in `data/`, each with
//! its source and date: `build.rs` turns them into constants (checking their
//! shape), and this module reads their values on first use, so the module
//! carries no JSON text for them. A caller's options replace whole tables
//! (see [`crate::Options`]); the code classes and dates always come from here.

mod codeset;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use crate::codes::{parse_decimal, Date};
use crate::error::{Error, ErrorKind};
pub use codeset::CodeSet;

/// The files of `data/` as `build.rs` writes them: each value as written.
mod data {
    use super::Table;

    include!(concat!(env!("OUT_DIR"), "/pack_data.rs"));
}

/// A file's source and date, as `build.rs` writes them.
struct Table {
    table: &'static str,
    source: &'static str,
    date: &'static str,
    sample: bool,
    note: &'static str,
}

/// Where one table of the pack comes from.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TableInfo {
    /// The table's name, as the options name it (`feeSchedule`, …).
    pub table: String,
    /// Where its figures come from.
    pub source: String,
    /// The date its figures are as of.
    pub date: String,
    /// True when the figures are an illustrative sample, not the plan's.
    pub sample: bool,
    /// What the figures mean.
    pub note: String,
}

/// The embedded pack's date and tables, for a page to show what it checks
/// against.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackInfo {
    /// The newest date of any table.
    pub date: String,
    /// Each table's source.
    pub tables: Vec<TableInfo>,
}

/// The code classes the rules refer to.
#[derive(Debug)]
pub struct Classes {
    pub therapy_per_diem: CodeSet,
    /// The not-otherwise-classified per diem, S9379.
    pub noc_per_diem: CodeSet,
    pub drug: CodeSet,
    /// Drugs taken by mouth or inhaled: no infusion for the per diem.
    pub not_infused: CodeSet,
    /// Per diems whose therapy has no separate drug or product line.
    pub per_diem_without_separate_product: CodeSet,
    pub enteral_formula: CodeSet,
    pub nutrition_product: CodeSet,
    pub included_supply: CodeSet,
    pub dme: CodeSet,
    /// General per diems and the specific forms they must not be billed with.
    pub general_per_diems: Vec<(String, CodeSet)>,
    /// Add-on codes and the primary codes they are billed with.
    pub add_ons: Vec<(String, CodeSet)>,
    /// Therapies: the drugs or products of each and its specific per diems.
    pub therapies: Vec<Therapy>,
}

/// A therapy with its own specific per diem codes.
#[derive(Debug)]
pub struct Therapy {
    pub name: String,
    pub products: CodeSet,
    pub per_diems: CodeSet,
}

/// The policy's effective dates and rates.
#[derive(Debug)]
pub struct Dates {
    /// SH and SJ are required from this date of service.
    pub concurrent_modifiers_from: Date,
    /// Subsequent concurrent therapies are reduced from this date of service.
    pub concurrent_reduction_from: Date,
    /// The share of the fee schedule amount a reduced line is allowed.
    pub concurrent_reduction_rate: Decimal,
}

/// Daily unit maximums by code.
pub type MaxUnits = BTreeMap<String, Decimal>;
/// Allowed amount per unit by code.
pub type FeeSchedule = BTreeMap<String, Decimal>;
/// Codes that need a prior authorization number.
pub type PriorAuthorization = BTreeSet<String>;

/// The embedded pack, read once.
#[derive(Debug)]
pub struct Embedded {
    pub classes: Classes,
    pub dates: Dates,
    pub fees: FeeSchedule,
    pub max_units: MaxUnits,
    pub prior_authorization: PriorAuthorization,
    tables: Vec<TableInfo>,
}

/// The tables one validation runs against: the embedded ones, or those the
/// caller's options replace.
#[derive(Clone, Copy, Debug)]
pub struct Pack<'a> {
    pub classes: &'a Classes,
    pub dates: &'a Dates,
    pub fees: &'a FeeSchedule,
    pub max_units: &'a MaxUnits,
    pub prior_authorization: &'a PriorAuthorization,
}

impl Embedded {
    /// The pack's date and table sources.
    pub fn info(&self) -> PackInfo {
        let date = self
            .tables
            .iter()
            .map(|t| t.date.clone())
            .max()
            .unwrap_or_default();
        PackInfo {
            date,
            tables: self.tables.clone(),
        }
    }

    /// A view of the embedded tables alone.
    pub fn pack(&self) -> Pack<'_> {
        Pack {
            classes: &self.classes,
            dates: &self.dates,
            fees: &self.fees,
            max_units: &self.max_units,
            prior_authorization: &self.prior_authorization,
        }
    }
}

/// The embedded pack, read from its files on first use.
pub fn embedded() -> Result<&'static Embedded, Error> {
    static PACK: OnceLock<Result<Embedded, Error>> = OnceLock::new();
    PACK.get_or_init(read_embedded)
        .as_ref()
        .map_err(Clone::clone)
}

fn read_embedded() -> Result<Embedded, Error> {
    // Each table, checked as a caller's options would be where options can
    // replace it.
    let in_file = |file: &'static str| move |why: String| pack_error(file, why);
    Ok(Embedded {
        classes: read_classes().map_err(in_file("code-classes.json"))?,
        dates: read_dates().map_err(in_file("effective-dates.json"))?,
        fees: code_map(data::FEE_SCHEDULE, FEE_EXPECTED, is_fee)
            .map_err(in_file("fee-schedule.json"))?,
        max_units: code_map(data::MAX_UNITS, MAX_UNITS_EXPECTED, is_max_units)
            .map_err(in_file("max-units.json"))?,
        prior_authorization: codes(codeset::split(data::PRIOR_AUTHORIZATION))
            .map_err(|(i, code)| format!("[{i}]: expected a code, found \"{code}\""))
            .map_err(in_file("prior-authorization.json"))?,
        tables: data::TABLES
            .iter()
            .map(|t| TableInfo {
                table: t.table.to_string(),
                source: t.source.to_string(),
                date: t.date.to_string(),
                sample: t.sample,
                note: t.note.to_string(),
            })
            .collect(),
    })
}

/// A JSON value as compact text, for messages: what its `Display` writes,
/// without also carrying `Display`'s pretty-printing (`{:#}`) in the module.
pub(crate) fn json_text(value: &Value) -> String {
    serde_json::to_string(value).unwrap_or_default()
}

fn pack_error(file: &str, why: String) -> Error {
    Error::new(
        ErrorKind::Pack,
        format!("embedded policy pack: {file}: {why}"),
    )
}

const FEE_EXPECTED: &str = "an amount of zero or more, such as \"165.00\"";
const MAX_UNITS_EXPECTED: &str = "a number of units greater than zero";

fn is_fee(amount: &Decimal) -> bool {
    !amount.is_sign_negative()
}

fn is_max_units(units: &Decimal) -> bool {
    *units > Decimal::ZERO
}

/// Reads a fee schedule: `{ code: money }`, amounts zero or more.
pub fn read_fee_schedule(value: &serde_json::Value) -> Result<FeeSchedule, String> {
    read_code_map(value, FEE_EXPECTED, is_fee)
}

/// Reads daily maximums: `{ code: number }`, each greater than zero.
pub fn read_max_units(value: &serde_json::Value) -> Result<MaxUnits, String> {
    read_code_map(value, MAX_UNITS_EXPECTED, is_max_units)
}

/// Reads a prior authorization list: `[code, …]`.
pub fn read_prior_authorization(value: &serde_json::Value) -> Result<PriorAuthorization, String> {
    let list = value.as_array().ok_or("expected a list of codes")?;
    let texts = list.iter().map(|code| code.as_str().unwrap_or_default());
    codes(texts).map_err(|(i, _)| {
        let code = list.get(i).unwrap_or(&Value::Null);
        format!("[{i}]: expected a code, found {}", json_text(code))
    })
}

/// A set of codes, trimmed and uppercase; or the first blank one, by its
/// index.
fn codes<'t>(list: impl Iterator<Item = &'t str>) -> Result<PriorAuthorization, (usize, &'t str)> {
    let mut codes = PriorAuthorization::new();
    for (i, code) in list.enumerate() {
        if code.trim().is_empty() {
            return Err((i, code));
        }
        codes.insert(code.trim().to_ascii_uppercase());
    }
    Ok(codes)
}

fn read_code_map(
    value: &serde_json::Value,
    expected: &str,
    accept: fn(&Decimal) -> bool,
) -> Result<BTreeMap<String, Decimal>, String> {
    let map = value.as_object().ok_or("expected an object of codes")?;
    let mut read = BTreeMap::new();
    for (code, amount) in map {
        let text = match amount {
            serde_json::Value::String(s) => s.trim().to_string(),
            serde_json::Value::Number(n) => n.to_string(),
            _ => String::new(),
        };
        if !insert_figure(&mut read, code, &text, accept) {
            let found = json_text(amount);
            return Err(format!("[\"{code}\"]: expected {expected}, found {found}"));
        }
    }
    Ok(read)
}

/// The embedded form of a code map: each code with its figure as text (a
/// number as serde_json writes it), read as `read_code_map` reads them; a
/// later duplicate code wins, as there.
fn code_map(
    entries: &[(&str, &str)],
    expected: &str,
    accept: fn(&Decimal) -> bool,
) -> Result<BTreeMap<String, Decimal>, String> {
    let mut read = BTreeMap::new();
    for &(code, text) in entries {
        if !insert_figure(&mut read, code, text, accept) {
            return Err(format!(
                "[\"{code}\"]: expected {expected}, found \"{text}\""
            ));
        }
    }
    Ok(read)
}

/// Puts one code's figure in a code map, the code trimmed and uppercase (a
/// later duplicate wins); false when the figure is not one `accept` takes.
fn insert_figure(
    read: &mut BTreeMap<String, Decimal>,
    code: &str,
    text: &str,
    accept: fn(&Decimal) -> bool,
) -> bool {
    let Some(figure) = parse_decimal(text).filter(accept) else {
        return false;
    };
    read.insert(code.trim().to_ascii_uppercase(), figure);
    true
}

/// The pairs of one code and a list of codes, the code uppercase.
fn code_pairs(pairs: &[(&str, &str)]) -> Result<Vec<(String, CodeSet)>, String> {
    pairs
        .iter()
        .map(|&(code, list)| Ok((code.to_ascii_uppercase(), CodeSet::parse(list, "")?)))
        .collect()
}

fn read_classes() -> Result<Classes, String> {
    let class = |name: &str| {
        let &(_, include, exclude) = data::CLASSES
            .iter()
            .find(|(class, _, _)| *class == name)
            .ok_or(format!("class \"{name}\" is missing"))?;
        CodeSet::parse(include, exclude).map_err(|why| format!("class \"{name}\": {why}"))
    };
    Ok(Classes {
        therapy_per_diem: class("therapyPerDiem")?,
        noc_per_diem: class("nocPerDiem")?,
        drug: class("drug")?,
        not_infused: class("notInfused")?,
        per_diem_without_separate_product: class("perDiemWithoutSeparateProduct")?,
        enteral_formula: class("enteralFormula")?,
        nutrition_product: class("nutritionProduct")?,
        included_supply: class("includedSupply")?,
        dme: class("dme")?,
        general_per_diems: code_pairs(data::GENERAL_PER_DIEMS)?,
        add_ons: code_pairs(data::ADD_ONS)?,
        therapies: data::THERAPIES
            .iter()
            .map(|&(name, products, per_diems)| {
                Ok(Therapy {
                    name: name.to_string(),
                    products: CodeSet::parse(products, "")?,
                    per_diems: CodeSet::parse(per_diems, "")?,
                })
            })
            .collect::<Result<_, String>>()?,
    })
}

fn read_dates() -> Result<Dates, String> {
    let date = |written: &str| Date::parse(written).ok_or(format!("\"{written}\" is not a date"));
    let rate = data::CONCURRENT_REDUCTION_RATE;
    Ok(Dates {
        concurrent_modifiers_from: date(data::CONCURRENT_MODIFIERS_FROM)?,
        concurrent_reduction_from: date(data::CONCURRENT_REDUCTION_FROM)?,
        concurrent_reduction_rate: parse_decimal(rate)
            .ok_or(format!("\"{rate}\" is not a rate"))?,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_pack_reads() {
        let pack = embedded().unwrap();
        assert!(pack.classes.therapy_per_diem.contains("S9502"));
        assert!(!pack.classes.therapy_per_diem.contains("S9810"));
        assert!(pack.classes.drug.contains("J0696"));
        assert!(!pack.classes.drug.contains("J7050"));
        assert!(pack.classes.included_supply.contains("J7050"));
        assert!(pack.classes.nutrition_product.contains("B4152"));
        assert!(!pack.classes.nutrition_product.contains("B4220"));
        assert_eq!(pack.info().tables.len(), 5);
        assert_eq!(pack.info().date, "2026-01-01");
        assert!(pack.info().tables.iter().filter(|t| t.sample).count() == 3);
    }

    #[test]
    fn json_text_is_what_display_writes() {
        for value in [
            serde_json::json!(null),
            serde_json::json!(-1.5e300),
            serde_json::json!("a \"quoted\" \\ \n\u{1} é"),
            serde_json::json!({"b": [1, 2.0, {"c": false}], "a": {}}),
        ] {
            assert_eq!(json_text(&value), value.to_string());
        }
    }

    #[test]
    fn tables_refuse_bad_values_with_the_code_named() {
        let err = read_fee_schedule(&serde_json::json!({"S9500": "abc"})).unwrap_err();
        assert!(err.contains("S9500"), "{err}");
        assert!(read_fee_schedule(&serde_json::json!({"S9500": "-1"})).is_err());
        assert!(read_fee_schedule(&serde_json::json!(["S9500"])).is_err());
        assert!(read_max_units(&serde_json::json!({"J0696": 0})).is_err());
        assert!(read_prior_authorization(&serde_json::json!(["J1561", 5])).is_err());
        let fees = read_fee_schedule(&serde_json::json!({"s9500": 150.5})).unwrap();
        assert_eq!(
            fees.get("S9500").map(ToString::to_string).as_deref(),
            Some("150.5")
        );
    }
}
