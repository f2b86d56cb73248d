//! The claim as typed, read leniently from any JSON object.
//!
//! A form is validated while it is being typed, so every field may be
//! missing, empty or of the wrong kind. Reading never fails: a field of the
//! wrong kind, an unknown field or an over-long text becomes a finding here,
//! and the field is then `Unreadable` so that no rule reports it twice.

use serde_json::{Map, Value};

use crate::report::Finding;
use crate::rules::Rule;
use crate::{MAX_LINES, MAX_TEXT_CHARS};

/// A scalar field as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum Scalar {
    /// Not given, `null`, or only white space.
    #[default]
    Absent,
    /// The text typed, trimmed (a JSON number is taken as its text).
    Text(String),
    /// Given, but not readable as text; a finding already says why.
    Unreadable,
}

impl Scalar {
    /// The text, if the field has one.
    pub fn text(&self) -> Option<&str> {
        match self {
            Scalar::Text(t) => Some(t),
            _ => None,
        }
    }

    /// True when the field was not given at all.
    pub fn is_absent(&self) -> bool {
        matches!(self, Scalar::Absent)
    }

    /// True when the field holds text (a JSON number counts, as its text); a
    /// value of the wrong kind is not a referral or authorization number.
    pub fn is_given(&self) -> bool {
        matches!(self, Scalar::Text(_))
    }
}

/// A list field as typed: its entries with their indexes in the input.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum List {
    /// Not given, `null`, or an empty list.
    #[default]
    Absent,
    /// The entries, each as a scalar, in input order.
    Items(Vec<Scalar>),
    /// Given, but not a list; a finding already says why.
    Unreadable,
}

impl List {
    /// The entries, or none.
    pub fn items(&self) -> &[Scalar] {
        match self {
            List::Items(items) => items,
            _ => &[],
        }
    }

    /// The entries up to the last one that is not blank: blanks at the end
    /// (the empty boxes of a form) do not count.
    pub fn filled(&self) -> &[Scalar] {
        let items = self.items();
        let end = items
            .iter()
            .rposition(|s| !s.is_absent())
            .map_or(0, |last| last + 1);
        items.get(..end).unwrap_or_default()
    }
}

/// A JSON number as JavaScript's `String(number)` writes it, which is what
/// the package's `JSON.stringify` sends: `12.0` is `12`, `1e2` is `100`,
/// `1e-7` stays `1e-7`. (serde_json writes `12.0`, so a place of service or
/// an NPI typed as a float would read otherwise natively than in the page.)
fn number_text(n: &serde_json::Number) -> String {
    let text = n.to_string();
    if n.is_f64() {
        js_number(&text).unwrap_or(text)
    } else {
        text
    }
}

/// ECMAScript Number::toString, from the shortest round-trip digits that
/// serde_json writes for a double (`12.0`, `1e-7`, `1.2345e20`).
fn js_number(text: &str) -> Option<String> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (mantissa, exponent) = unsigned.split_once(['e', 'E']).unwrap_or((unsigned, "0"));
    let exponent: i64 = exponent.trim_start_matches('+').parse().ok()?;
    let (whole, fraction) = mantissa.split_once('.').unwrap_or((mantissa, ""));
    let all = format!("{whole}{fraction}");
    if !all.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    // The significant digits, and the decimal point after `n` of them.
    let lead = all.len() - all.trim_start_matches('0').len();
    let digits = all.trim_start_matches('0').trim_end_matches('0');
    if digits.is_empty() {
        return Some("0".into());
    }
    let k = i64::try_from(digits.len()).ok()?;
    let n = i64::try_from(whole.len())
        .ok()?
        .checked_sub(i64::try_from(lead).ok()?)?
        .checked_add(exponent)?;
    let zeros = |count: i64| "0".repeat(usize::try_from(count).unwrap_or(0));
    let split = |at: i64| {
        let at = usize::try_from(at).unwrap_or(0);
        (
            digits.get(..at).unwrap_or(""),
            digits.get(at..).unwrap_or(""),
        )
    };
    let body = if k <= n && n <= 21 {
        format!("{digits}{}", zeros(n - k))
    } else if 0 < n && n <= 21 {
        let (int, frac) = split(n);
        format!("{int}.{frac}")
    } else if -6 < n && n <= 0 {
        format!("0.{}{digits}", zeros(-n))
    } else {
        let (first, rest) = split(1);
        let dot = if rest.is_empty() { "" } else { "." };
        let sign = if n > 0 { "+" } else { "-" };
        format!("{first}{dot}{rest}e{sign}{}", (n - 1).unsigned_abs())
    };
    Some(if negative { format!("-{body}") } else { body })
}

/// A service line (CMS-1500 item 24).
#[derive(Clone, Debug, Default)]
pub struct Line {
    /// False when the line is not an object at all.
    pub readable: bool,
    pub from: Scalar,
    pub to: Scalar,
    pub place_of_service: Scalar,
    pub code: Scalar,
    pub modifiers: List,
    pub units: Scalar,
    pub charge: Scalar,
    pub diagnosis_pointers: List,
    pub ndc: Scalar,
    pub ndc_unit: Scalar,
    pub ndc_quantity: Scalar,
    pub description: Scalar,
    pub dosage: Scalar,
    pub prior_authorization: Scalar,
}

/// The claim's lines as typed.
#[derive(Clone, Debug, Default)]
pub enum Lines {
    /// Not given, `null`, or an empty list.
    #[default]
    Absent,
    /// The lines, in input order.
    Items(Vec<Line>),
    /// Given, but not a list, or over the limit; a finding says why.
    Unreadable,
}

/// A claim as typed.
#[derive(Clone, Debug, Default)]
pub struct Claim {
    pub id: Option<String>,
    pub product: Scalar,
    pub member_id: Scalar,
    /// Whether `member.coverage` was given as an object.
    pub coverage_given: bool,
    pub coverage_from: Scalar,
    pub coverage_to: Scalar,
    pub hospice: Option<bool>,
    pub npi: Scalar,
    pub contracted: Option<bool>,
    pub in_network: Option<bool>,
    pub referral: Scalar,
    pub prior_authorization: Scalar,
    pub documentation_attached: Option<bool>,
    pub diagnoses: List,
    pub lines: Lines,
}

impl Claim {
    /// The lines, or none.
    pub fn lines(&self) -> &[Line] {
        match &self.lines {
            Lines::Items(lines) => lines,
            _ => &[],
        }
    }
}

/// Reads a claim, returning it with the findings about its shape.
pub fn read(object: &Map<String, Value>) -> (Claim, Vec<Finding>) {
    let mut r = Reader {
        findings: Vec::new(),
    };
    let claim = r.claim(object);
    (claim, r.findings)
}

struct Reader {
    findings: Vec<Finding>,
}

/// Where a field is: its path is only spelt out when a finding needs it.
#[derive(Clone, Copy)]
struct At<'a> {
    /// `""`, `"lines[3]."`, or `"lines"` for a whole line.
    prefix: &'a str,
    field: &'a str,
    /// The entry of a list, or the line of `lines`.
    index: Option<usize>,
    /// The line a finding here belongs to.
    line: Option<usize>,
}

impl At<'_> {
    /// A claim-level field, by its whole path.
    fn claim(path: &str) -> At<'_> {
        At {
            prefix: "",
            field: path,
            index: None,
            line: None,
        }
    }

    fn path(&self) -> String {
        match self.index {
            Some(j) => format!("{}{}[{j}]", self.prefix, self.field),
            None => format!("{}{}", self.prefix, self.field),
        }
    }
}

const CLAIM_FIELDS: &[&str] = &[
    "id",
    "product",
    "member",
    "billingProvider",
    "referral",
    "priorAuthorization",
    "documentationAttached",
    "diagnoses",
    "lines",
];
const MEMBER_FIELDS: &[&str] = &["id", "coverage", "hospice"];
const COVERAGE_FIELDS: &[&str] = &["from", "to"];
const PROVIDER_FIELDS: &[&str] = &["npi", "contracted", "inNetwork"];

impl Reader {
    fn claim(&mut self, o: &Map<String, Value>) -> Claim {
        self.unknown_fields(o, CLAIM_FIELDS, "", None);
        let mut claim = Claim {
            id: match self.scalar(o.get("id"), At::claim("id")) {
                Scalar::Text(id) => Some(id),
                _ => None,
            },
            product: self.scalar(o.get("product"), At::claim("product")),
            referral: self.scalar(o.get("referral"), At::claim("referral")),
            prior_authorization: self
                .scalar(o.get("priorAuthorization"), At::claim("priorAuthorization")),
            documentation_attached: self
                .flag(o.get("documentationAttached"), "documentationAttached"),
            diagnoses: self.list(o.get("diagnoses"), At::claim("diagnoses")),
            ..Claim::default()
        };

        // The member, and the member's coverage span.
        if let Some(member) = self.object(o.get("member"), At::claim("member")) {
            self.unknown_fields(member, MEMBER_FIELDS, "member.", None);
            claim.member_id = self.scalar(member.get("id"), At::claim("member.id"));
            claim.hospice = self.flag(member.get("hospice"), "member.hospice");
            if let Some(coverage) =
                self.object(member.get("coverage"), At::claim("member.coverage"))
            {
                self.unknown_fields(coverage, COVERAGE_FIELDS, "member.coverage.", None);
                claim.coverage_given = true;
                claim.coverage_from =
                    self.scalar(coverage.get("from"), At::claim("member.coverage.from"));
                claim.coverage_to =
                    self.scalar(coverage.get("to"), At::claim("member.coverage.to"));
            }
        }

        // The billing provider.
        if let Some(provider) = self.object(o.get("billingProvider"), At::claim("billingProvider"))
        {
            self.unknown_fields(provider, PROVIDER_FIELDS, "billingProvider.", None);
            claim.npi = self.scalar(provider.get("npi"), At::claim("billingProvider.npi"));
            claim.contracted = self.flag(provider.get("contracted"), "billingProvider.contracted");
            claim.in_network = self.flag(provider.get("inNetwork"), "billingProvider.inNetwork");
        }

        // The service lines, up to the limit.
        claim.lines = match o.get("lines") {
            None | Some(Value::Null) => Lines::Absent,
            Some(Value::Array(lines)) if lines.is_empty() => Lines::Absent,
            Some(Value::Array(lines)) if lines.len() > MAX_LINES => {
                self.push(
                    Rule::LimitExceeded,
                    None,
                    "lines".into(),
                    format!(
                        "the claim has {} lines; the validator checks claims of at most {MAX_LINES} lines",
                        lines.len()
                    ),
                );
                Lines::Unreadable
            }
            Some(Value::Array(lines)) => Lines::Items(
                lines
                    .iter()
                    .enumerate()
                    .map(|(i, line)| self.line(i, line))
                    .collect(),
            ),
            Some(other) => {
                self.wrong_kind(At::claim("lines"), "a list of service lines", other);
                Lines::Unreadable
            }
        };
        claim
    }

    fn line(&mut self, i: usize, value: &Value) -> Line {
        let whole = At {
            prefix: "lines",
            field: "",
            index: Some(i),
            line: Some(i),
        };
        // A line must be an object; `null` in the list is a line of the wrong
        // kind too, not an absent one, so it is reported and denied.
        if value.is_null() {
            self.wrong_kind(whole, "a service line (an object)", value);
            return Line::default();
        }
        let Some(o) = self.object(Some(value), whole) else {
            return Line::default();
        };
        // One path prefix a line; a field's path is made only for a finding.
        // The fields are read in one pass over the line's object, each
        // dispatched by its name, rather than looked up one by one.
        let prefix = format!("lines[{i}].");
        let mut line = Line {
            readable: true,
            ..Line::default()
        };
        for (key, value) in o {
            let field = key.as_str();
            let at = At {
                prefix: &prefix,
                field,
                index: None,
                line: Some(i),
            };
            let slot = match field {
                "from" => &mut line.from,
                "to" => &mut line.to,
                "placeOfService" => &mut line.place_of_service,
                "code" => &mut line.code,
                "units" => &mut line.units,
                "charge" => &mut line.charge,
                "ndc" => &mut line.ndc,
                "ndcUnit" => &mut line.ndc_unit,
                "ndcQuantity" => &mut line.ndc_quantity,
                "description" => &mut line.description,
                "dosage" => &mut line.dosage,
                "priorAuthorization" => &mut line.prior_authorization,
                "modifiers" => {
                    line.modifiers = self.list(Some(value), at);
                    continue;
                }
                "diagnosisPointers" => {
                    line.diagnosis_pointers = self.list(Some(value), at);
                    continue;
                }
                _ => {
                    self.unknown_field(key, &prefix, Some(i));
                    continue;
                }
            };
            *slot = self.scalar(Some(value), at);
        }
        line
    }

    /// Reads text: a string (trimmed) or a number (its JSON text).
    fn scalar(&mut self, value: Option<&Value>, at: At<'_>) -> Scalar {
        let text = match value {
            None | Some(Value::Null) => return Scalar::Absent,
            Some(Value::String(s)) => s.trim(),
            Some(Value::Number(n)) => return Scalar::Text(number_text(n)),
            Some(other) => {
                self.wrong_kind(at, "text", other);
                return Scalar::Unreadable;
            }
        };
        if text.is_empty() {
            return Scalar::Absent;
        }
        let chars = text.chars().count();
        if chars > MAX_TEXT_CHARS {
            let path = at.path();
            let message =
                format!("{path} holds {chars} characters; a field holds at most {MAX_TEXT_CHARS}");
            self.push(Rule::LimitExceeded, at.line, path, message);
            return Scalar::Unreadable;
        }
        Scalar::Text(text.to_string())
    }

    /// Reads a yes/no value: `true`, `false`, or the same words as text.
    fn flag(&mut self, value: Option<&Value>, path: &'static str) -> Option<bool> {
        match value {
            None | Some(Value::Null) => None,
            Some(Value::Bool(b)) => Some(*b),
            Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("true") => Some(true),
            Some(Value::String(s)) if s.trim().eq_ignore_ascii_case("false") => Some(false),
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(other) => {
                self.wrong_kind(At::claim(path), "true or false", other);
                None
            }
        }
    }

    fn list(&mut self, value: Option<&Value>, at: At<'_>) -> List {
        match value {
            None | Some(Value::Null) => List::Absent,
            Some(Value::Array(items)) if items.is_empty() => List::Absent,
            Some(Value::Array(items)) => List::Items(
                items
                    .iter()
                    .enumerate()
                    .map(|(j, item)| {
                        self.scalar(
                            Some(item),
                            At {
                                index: Some(j),
                                ..at
                            },
                        )
                    })
                    .collect(),
            ),
            Some(other) => {
                self.wrong_kind(at, "a list", other);
                List::Unreadable
            }
        }
    }

    fn object<'v>(
        &mut self,
        value: Option<&'v Value>,
        at: At<'_>,
    ) -> Option<&'v Map<String, Value>> {
        match value {
            None | Some(Value::Null) => None,
            Some(Value::Object(o)) => Some(o),
            Some(other) => {
                self.wrong_kind(at, "an object", other);
                None
            }
        }
    }

    fn unknown_fields(
        &mut self,
        o: &Map<String, Value>,
        known: &[&str],
        prefix: &str,
        line: Option<usize>,
    ) {
        for key in o.keys().filter(|k| !known.contains(&k.as_str())) {
            self.unknown_field(key, prefix, line);
        }
    }

    fn unknown_field(&mut self, key: &str, prefix: &str, line: Option<usize>) {
        let shown: String = key.chars().take(80).collect();
        self.push(
            Rule::UnknownField,
            line,
            format!("{prefix}{shown}"),
            format!("\"{prefix}{shown}\" is not a field of the claim format and is not checked"),
        );
    }

    fn wrong_kind(&mut self, at: At<'_>, expected: &str, found: &Value) {
        let found = match found {
            Value::Null => "null",
            Value::Bool(_) => "true or false",
            Value::Number(_) => "a number",
            Value::String(_) => "text",
            Value::Array(_) => "a list",
            Value::Object(_) => "an object",
        };
        let path = at.path();
        let message = format!("{path} should be {expected}, not {found}");
        self.push(Rule::MalformedField, at.line, path, message);
    }

    fn push(&mut self, rule: Rule, line: Option<usize>, path: String, message: String) {
        self.findings.push(Finding::new(rule, line, path, message));
    }
}
