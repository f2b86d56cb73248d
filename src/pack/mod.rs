//! The policy pack: code classes, fee schedule, daily unit maximums, prior
//! authorization list and effective dates.
//!
//! The default pack is compiled in from the JSON files in `data/`, each with
//! its source and date. A caller's options replace whole tables (see
//! [`crate::Options`]); the code classes and dates always come from here.

mod codeset;

use std::collections::{BTreeMap, BTreeSet};
use std::sync::OnceLock;

use rust_decimal::Decimal;
use serde::Serialize;
use serde_json::Value;

use crate::codes::{parse_decimal, Date};
use crate::error::{Error, ErrorKind};
pub use codeset::CodeSet;

const CODE_CLASSES: &str = include_str!("data/code-classes.json");
const EFFECTIVE_DATES: &str = include_str!("data/effective-dates.json");
const FEE_SCHEDULE: &str = include_str!("data/fee-schedule.json");
const MAX_UNITS: &str = include_str!("data/max-units.json");
const PRIOR_AUTHORIZATION: &str = include_str!("data/prior-authorization.json");

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

/// The embedded pack, read from its JSON files on first use.
pub fn embedded() -> Result<&'static Embedded, Error> {
    static PACK: OnceLock<Result<Embedded, Error>> = OnceLock::new();
    PACK.get_or_init(read_embedded)
        .as_ref()
        .map_err(Clone::clone)
}

fn read_embedded() -> Result<Embedded, Error> {
    // Each file as JSON, with the name its errors carry.
    let files = [
        ("code-classes.json", CODE_CLASSES),
        ("effective-dates.json", EFFECTIVE_DATES),
        ("fee-schedule.json", FEE_SCHEDULE),
        ("max-units.json", MAX_UNITS),
        ("prior-authorization.json", PRIOR_AUTHORIZATION),
    ];
    let mut values = Vec::with_capacity(files.len());
    for (file, text) in files {
        let value: Value =
            serde_json::from_str(text).map_err(|e| pack_error(file, e.to_string()))?;
        values.push((file, value));
    }
    let [(_, classes), (_, dates), (_, fees), (_, max_units), (_, prior_authorization)] =
        values.as_slice()
    else {
        return Err(pack_error("", "a file is missing".into()));
    };

    // Each table, read as a caller's options would be where options can
    // replace it.
    let in_file = |file: &'static str| move |why: String| pack_error(file, why);
    Ok(Embedded {
        classes: read_classes(classes).map_err(in_file("code-classes.json"))?,
        dates: read_dates(dates).map_err(in_file("effective-dates.json"))?,
        fees: field(fees, "amounts")
            .and_then(read_fee_schedule)
            .map_err(in_file("fee-schedule.json"))?,
        max_units: field(max_units, "units")
            .and_then(read_max_units)
            .map_err(in_file("max-units.json"))?,
        prior_authorization: field(prior_authorization, "codes")
            .and_then(read_prior_authorization)
            .map_err(in_file("prior-authorization.json"))?,
        tables: values
            .iter()
            .map(|(file, value)| read_table_info(value).map_err(in_file(file)))
            .collect::<Result<_, _>>()?,
    })
}

fn pack_error(file: &str, why: String) -> Error {
    Error::new(
        ErrorKind::Pack,
        format!("embedded policy pack: {file}: {why}"),
    )
}

/// The value of `key` in a JSON object.
fn field<'v>(value: &'v Value, key: &str) -> Result<&'v Value, String> {
    value
        .get(key)
        .ok_or_else(|| format!("\"{key}\" is missing"))
}

/// The text of `key` in a JSON object.
fn text<'v>(value: &'v Value, key: &str) -> Result<&'v str, String> {
    field(value, key)?
        .as_str()
        .ok_or_else(|| format!("\"{key}\" is not text"))
}

/// The list of texts of `key` in a JSON object; an absent key is empty.
fn texts(value: &Value, key: &str) -> Result<Vec<String>, String> {
    let Some(list) = value.get(key) else {
        return Ok(Vec::new());
    };
    let list = list
        .as_array()
        .ok_or_else(|| format!("\"{key}\" is not a list"))?;
    list.iter()
        .map(|v| {
            v.as_str()
                .map(str::to_string)
                .ok_or_else(|| format!("\"{key}\" holds {v}, not text"))
        })
        .collect()
}

fn read_table_info(value: &Value) -> Result<TableInfo, String> {
    Ok(TableInfo {
        table: text(value, "table")?.to_string(),
        source: text(value, "source")?.to_string(),
        date: text(value, "date")?.to_string(),
        sample: field(value, "sample")?
            .as_bool()
            .ok_or("\"sample\" is not true or false")?,
        note: text(value, "note")?.to_string(),
    })
}

/// Reads a fee schedule: `{ code: money }`, amounts zero or more.
pub fn read_fee_schedule(value: &serde_json::Value) -> Result<FeeSchedule, String> {
    read_code_map(
        value,
        "an amount of zero or more, such as \"165.00\"",
        |amount| !amount.is_sign_negative(),
    )
}

/// Reads daily maximums: `{ code: number }`, each greater than zero.
pub fn read_max_units(value: &serde_json::Value) -> Result<MaxUnits, String> {
    read_code_map(value, "a number of units greater than zero", |units| {
        *units > Decimal::ZERO
    })
}

/// Reads a prior authorization list: `[code, …]`.
pub fn read_prior_authorization(value: &serde_json::Value) -> Result<PriorAuthorization, String> {
    let list = value.as_array().ok_or("expected a list of codes")?;
    let mut codes = PriorAuthorization::new();
    for (i, code) in list.iter().enumerate() {
        match code.as_str() {
            Some(code) if !code.trim().is_empty() => codes.insert(code.trim().to_ascii_uppercase()),
            _ => return Err(format!("[{i}]: expected a code, found {code}")),
        };
    }
    Ok(codes)
}

// A plain function and a loop of inserts (a later duplicate code wins, as
// with `collect`): one copy of the map code for both tables, and no sort.
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
        let figure = parse_decimal(&text)
            .filter(accept)
            .ok_or_else(|| format!("[\"{code}\"]: expected {expected}, found {amount}"))?;
        read.insert(code.trim().to_ascii_uppercase(), figure);
    }
    Ok(read)
}

/// A set of codes: `{ "include": [...], "exclude": [...] }`.
fn code_set(value: &Value) -> Result<CodeSet, String> {
    CodeSet::parse(&texts(value, "include")?, &texts(value, "exclude")?)
}

/// A list of `{ key: code, list: [codes] }` pairs.
fn code_pairs(value: &Value, key: &str, list: &str) -> Result<Vec<(String, CodeSet)>, String> {
    let pairs = value.as_array().ok_or("expected a list")?;
    pairs
        .iter()
        .map(|pair| {
            Ok((
                text(pair, key)?.to_ascii_uppercase(),
                CodeSet::parse(&texts(pair, list)?, &[])?,
            ))
        })
        .collect()
}

fn read_classes(value: &Value) -> Result<Classes, String> {
    let classes = field(value, "classes")?;
    let class = |name: &str| {
        let set = classes
            .get(name)
            .ok_or(format!("class \"{name}\" is missing"))?;
        code_set(set).map_err(|why| format!("class \"{name}\": {why}"))
    };
    let therapies = field(value, "therapies")?
        .as_array()
        .ok_or("\"therapies\" is not a list")?;
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
        general_per_diems: code_pairs(field(value, "generalPerDiems")?, "general", "specific")?,
        add_ons: code_pairs(field(value, "addOns")?, "addOn", "primary")?,
        therapies: therapies
            .iter()
            .map(|t| {
                Ok(Therapy {
                    name: text(t, "therapy")?.to_string(),
                    products: CodeSet::parse(&texts(t, "products")?, &[])?,
                    per_diems: CodeSet::parse(&texts(t, "perDiems")?, &[])?,
                })
            })
            .collect::<Result<_, String>>()?,
    })
}

fn read_dates(value: &Value) -> Result<Dates, String> {
    let date = |key: &str| {
        let written = text(value, key)?;
        Date::parse(written).ok_or(format!("\"{written}\" is not a date"))
    };
    let rate = text(value, "concurrentReductionRate")?;
    Ok(Dates {
        concurrent_modifiers_from: date("concurrentModifiersFrom")?,
        concurrent_reduction_from: date("concurrentReductionFrom")?,
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
