//! Code formats: dates, decimals, procedure codes, modifiers, diagnoses,
//! NDCs and NPIs. Each check is a pure function of the text.

use std::fmt;

use rust_decimal::Decimal;

/// A calendar date that exists, read from `YYYY-MM-DD`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: u16,
    month: u8,
    day: u8,
}

impl Date {
    /// Reads `YYYY-MM-DD`; `None` unless the text names a real day.
    pub fn parse(text: &str) -> Option<Date> {
        let bytes = text.as_bytes();
        if bytes.len() != 10 || bytes.get(4) != Some(&b'-') || bytes.get(7) != Some(&b'-') {
            return None;
        }
        let number = |range: std::ops::Range<usize>| -> Option<u16> {
            let part = text.get(range)?;
            if part.bytes().all(|b| b.is_ascii_digit()) {
                part.parse().ok()
            } else {
                None
            }
        };
        let year = number(0..4)?;
        let month = u8::try_from(number(5..7)?).ok()?;
        let day = u8::try_from(number(8..10)?).ok()?;
        let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
        let days_in_month = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        (year >= 1 && (1..=days_in_month).contains(&day)).then_some(Date { year, month, day })
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Reads a plain decimal: optional `-`, digits, optional `.` and digits.
///
/// No exponent, sign `+`, currency sign or separators; at most 20 digits,
/// so every value fits a `Decimal` with room to multiply.
pub fn parse_decimal(text: &str) -> Option<Decimal> {
    let unsigned = text.strip_prefix('-').unwrap_or(text);
    let (whole, fraction) = unsigned.split_once('.').unwrap_or((unsigned, ""));
    let digits = whole.len() + fraction.len();
    let plain = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    let dot_has_digits = !unsigned.contains('.') || !fraction.is_empty();
    if digits == 0 || digits > 20 || !plain(whole) || !plain(fraction) || !dot_has_digits {
        return None;
    }

    // Twenty digits fit an i128 mantissa; the scale is the fraction's length.
    let mantissa = whole
        .bytes()
        .chain(fraction.bytes())
        .try_fold(0i128, |m, b| {
            m.checked_mul(10)?.checked_add(i128::from(b - b'0'))
        })?;
    let signed = if text.starts_with('-') {
        -mantissa
    } else {
        mantissa
    };
    let scale = u32::try_from(fraction.len()).ok()?;
    Decimal::try_from_i128_with_scale(signed, scale).ok()
}

/// Whether `code` is a HCPCS Level II code (`S9500`) or a CPT code
/// (`99601`, `0001F`, `0001T`, `0001U`).
pub fn is_procedure_code(code: &str) -> bool {
    let bytes = code.as_bytes();
    let [first, middle @ .., last] = bytes else {
        return false;
    };
    if bytes.len() != 5 || !middle.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let hcpcs = first.is_ascii_uppercase() && last.is_ascii_digit();
    let cpt =
        first.is_ascii_digit() && (last.is_ascii_digit() || matches!(last, b'F' | b'T' | b'U'));
    hcpcs || cpt
}

/// Whether `modifier` is two uppercase letters or digits.
pub fn is_modifier(modifier: &str) -> bool {
    modifier.len() == 2
        && modifier
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Whether `code` is a well-formed ICD-10-CM code, with or without the dot.
///
/// Three to seven characters: a letter, a digit, then letters or digits; a
/// dot, if written, comes after the third character and is followed by at
/// least one more.
pub fn is_icd10cm(code: &str) -> bool {
    let compact: String = match code.split_once('.') {
        Some((head, tail)) if head.len() == 3 && !tail.is_empty() => format!("{head}{tail}"),
        Some(_) => return false,
        None => code.to_string(),
    };
    let bytes = compact.as_bytes();
    let [first, second, rest @ ..] = bytes else {
        return false;
    };
    (3..=7).contains(&bytes.len())
        && first.is_ascii_uppercase()
        && second.is_ascii_digit()
        && rest
            .iter()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit())
}

/// Normalizes an NDC to its 11 digits (5-4-2), or explains why it cannot.
///
/// Accepted: 11 digits, or the hyphenated forms 4-4-2, 5-3-2, 5-4-1 and
/// 5-4-2, whose short segment is padded with a leading zero. Ten digits
/// without hyphens are refused: which segment to pad is ambiguous.
pub fn normalize_ndc(ndc: &str) -> Result<String, &'static str> {
    let segments: Vec<&str> = ndc.split('-').collect();
    if !segments
        .iter()
        .all(|s| s.bytes().all(|b| b.is_ascii_digit()))
    {
        return Err("an NDC holds only digits and hyphens");
    }
    let lengths: Vec<usize> = segments.iter().map(|s| s.len()).collect();
    let (labeler, product, package) = match (lengths.as_slice(), segments.as_slice()) {
        ([11], [all]) => return Ok((*all).to_string()),
        ([10], _) => {
            return Err("10 digits without hyphens are ambiguous: write the NDC with its hyphens or as 11 digits")
        }
        ([4, 4, 2], [a, b, c]) => (format!("0{a}"), (*b).to_string(), (*c).to_string()),
        ([5, 3, 2], [a, b, c]) => ((*a).to_string(), format!("0{b}"), (*c).to_string()),
        ([5, 4, 1], [a, b, c]) => ((*a).to_string(), (*b).to_string(), format!("0{c}")),
        ([5, 4, 2], [a, b, c]) => ((*a).to_string(), (*b).to_string(), (*c).to_string()),
        _ => return Err("an NDC is 11 digits, or hyphenated 4-4-2, 5-3-2, 5-4-1 or 5-4-2"),
    };
    Ok(format!("{labeler}{product}{package}"))
}

/// The NDC unit qualifiers of the CMS-1500 shaded area and the 837P.
pub const NDC_UNITS: [&str; 5] = ["UN", "ML", "GR", "F2", "ME"];

/// Whether `npi` is 10 digits whose last is the Luhn check digit over the
/// prefix `80840` and the first nine digits.
pub fn is_npi(npi: &str) -> bool {
    if npi.len() != 10 || !npi.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let digits: Vec<u32> = format!("80840{npi}")
        .bytes()
        .map(|b| u32::from(b - b'0'))
        .collect();
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| match (i % 2 == 1, d * 2) {
            (true, doubled) if doubled > 9 => doubled - 9,
            (true, doubled) => doubled,
            (false, _) => d,
        })
        .sum();
    sum % 10 == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dates_must_exist() {
        for (text, ok) in [
            ("2026-01-14", true),
            ("2024-02-29", true),
            ("2000-02-29", true),
            ("2025-02-29", false),
            ("1900-02-29", false),
            ("2025-02-30", false),
            ("2025-04-31", false),
            ("2025-13-01", false),
            ("2025-00-10", false),
            ("2025-1-01", false),
            ("2025/01/01", false),
            ("0000-01-01", false),
            ("+025-01-01", false),
            ("", false),
        ] {
            assert_eq!(Date::parse(text).is_some(), ok, "{text}");
        }
        assert!(Date::parse("2025-12-01") > Date::parse("2025-11-30"));
    }

    #[test]
    fn decimals_are_plain_text() {
        for (text, ok) in [
            ("125.50", true),
            ("0", true),
            ("-3", true),
            (".5", true),
            ("12.", false),
            ("1e3", false),
            ("+1", false),
            ("$5", false),
            ("1,250.00", false),
            ("", false),
            ("-", false),
            (".", false),
            ("123456789012345678901", false),
        ] {
            assert_eq!(parse_decimal(text).is_some(), ok, "{text}");
        }
        for (text, value, scale) in [
            ("125.50", "125.50", 2),
            ("-3", "-3", 0),
            (".5", "0.5", 1),
            ("0.125", "0.125", 3),
            ("99999999999999999999", "99999999999999999999", 0),
            ("0.0000000000000000001", "0.0000000000000000001", 19),
        ] {
            let read = parse_decimal(text).unwrap();
            assert_eq!(
                (read.to_string().as_str(), read.scale()),
                (value, scale),
                "{text}"
            );
        }
    }

    #[test]
    fn procedure_codes_are_hcpcs_or_cpt() {
        for (code, ok) in [
            ("S9500", true),
            ("J0696", true),
            ("99601", true),
            ("0001F", true),
            ("0001T", true),
            ("0001U", true),
            ("S950", false),
            ("S95000", false),
            ("SS500", false),
            ("9960A", false),
            ("s9500", false),
            ("", false),
        ] {
            assert_eq!(is_procedure_code(code), ok, "{code}");
        }
    }

    #[test]
    fn diagnoses_are_icd10cm_in_form() {
        for (code, ok) in [
            ("J18.9", true),
            ("J189", true),
            ("Z45.2", true),
            ("A41", true),
            ("S72.001A", true),
            ("T84.7XXA", true),
            ("M1A.0110", true),
            ("J1", false),
            ("J18.", false),
            ("J1.89", false),
            ("18.9", false),
            ("JJ8.9", false),
            ("S72.001AB", false),
            ("", false),
        ] {
            assert_eq!(is_icd10cm(code), ok, "{code}");
        }
    }

    #[test]
    fn ndcs_normalize_to_eleven_digits() {
        for (ndc, expected) in [
            ("0574-4072-05", Ok("00574407205")),
            ("0143-9857-01", Ok("00143985701")),
            ("13533-800-12", Ok("13533080012")),
            ("13533-0800-1", Ok("13533080001")),
            ("13533-0800-12", Ok("13533080012")),
            ("13533080012", Ok("13533080012")),
        ] {
            assert_eq!(
                normalize_ndc(ndc).as_deref(),
                expected.map(str::to_string).as_deref()
            );
        }
        for bad in [
            "0143985701",
            "1353308001",
            "13533-08001-2",
            "ABCDE-0800-12",
            "",
            "1-2-3",
        ] {
            assert!(normalize_ndc(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn npis_carry_a_luhn_check_digit() {
        for (npi, ok) in [
            ("1234567893", true),
            ("1003000126", true),
            ("1234567890", false),
            ("123456789", false),
            ("12345678931", false),
            ("12345A7893", false),
        ] {
            assert_eq!(is_npi(npi), ok, "{npi}");
        }
    }
}
