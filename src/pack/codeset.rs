//! Sets of procedure codes written as single codes and inclusive ranges.

/// A set of codes such as `["J0120-J9999"]` minus `["J1642"]`.
///
/// A range holds the codes of the same form as its ends (a letter and four
/// digits, or five digits) that sort between them. Codes are compared as
/// uppercase ASCII text, which orders same-form codes by their number.
#[derive(Clone, Debug, Default)]
pub struct CodeSet {
    include: Vec<Span>,
    exclude: Vec<Span>,
    /// The included codes and ranges as written, for messages.
    written: String,
}

/// An inclusive range of codes of one form (a single code is a range of one).
#[derive(Clone, Debug)]
struct Span {
    form: Form,
    low: String,
    high: String,
}

/// A code's form: its leading letter, if it has one, and its length.
type Form = (Option<u8>, usize);

impl Span {
    fn parse(text: &str) -> Result<Span, String> {
        let (low, high) = text.split_once('-').unwrap_or((text, text));
        let (low, high) = (
            low.trim().to_ascii_uppercase(),
            high.trim().to_ascii_uppercase(),
        );
        let well_formed = !low.is_empty()
            && low.chars().all(|c| c.is_ascii_alphanumeric())
            && high.chars().all(|c| c.is_ascii_alphanumeric());
        if !well_formed || form(&low) != form(&high) || low > high {
            return Err(format!(
                "\"{text}\" is not a code or a range of codes of one form"
            ));
        }
        Ok(Span {
            form: form(&low),
            low,
            high,
        })
    }

    /// Reads a list of codes and ranges, sorted by form and then by code,
    /// with overlapping ranges of one form merged, so that a code can only be
    /// in the last range that starts at or before it.
    fn parse_list(list: &str) -> Result<Vec<Span>, String> {
        // Sorted by inserting each in its place: the lists are short and read
        // once, and a standard sort would add kilobytes to the module.
        let mut sorted: Vec<Span> = Vec::new();
        for span in split(list).map(Span::parse) {
            let span = span?;
            let at = sorted.partition_point(|s| (s.form, &s.low) <= (span.form, &span.low));
            sorted.insert(at, span);
        }
        let mut merged: Vec<Span> = Vec::with_capacity(sorted.len());
        for span in sorted {
            match merged.last_mut() {
                Some(last) if last.form == span.form && span.low <= last.high => {
                    if span.high > last.high {
                        last.high = span.high;
                    }
                }
                _ => merged.push(span),
            }
        }
        Ok(merged)
    }

    /// Whether a sorted, merged list holds `code` (uppercase): a binary
    /// search, since every line's code is looked up in many sets.
    fn any_contains(spans: &[Span], code: &str) -> bool {
        let form = form(code);
        let after = spans.partition_point(|s| (s.form, s.low.as_str()) <= (form, code));
        after
            .checked_sub(1)
            .and_then(|i| spans.get(i))
            .is_some_and(|s| s.form == form && code <= s.high.as_str())
    }
}

/// The codes of a list written joined by `, `, as `build.rs` writes the
/// pack's lists (an empty text holds none), each still to be trimmed.
pub fn split(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').filter(move |_| !list.is_empty())
}

fn form(code: &str) -> Form {
    let letter = code.bytes().next().filter(u8::is_ascii_alphabetic);
    (letter, code.len())
}

impl CodeSet {
    /// Reads the set from its `include` and `exclude` lists, each written
    /// as its codes and ranges joined by `, ` (an empty text for none).
    pub fn parse(include: &str, exclude: &str) -> Result<CodeSet, String> {
        Ok(CodeSet {
            include: Span::parse_list(include)?,
            exclude: Span::parse_list(exclude)?,
            written: include.to_string(),
        })
    }

    /// The included codes and ranges as written, such as `S9494, S9500-S9504`.
    pub fn written(&self) -> &str {
        &self.written
    }

    /// Whether `code` (uppercase) is in the set.
    pub fn contains(&self, code: &str) -> bool {
        Span::any_contains(&self.include, code) && !Span::any_contains(&self.exclude, code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn set(include: &[&str], exclude: &[&str]) -> CodeSet {
        CodeSet::parse(&include.join(", "), &exclude.join(", ")).unwrap()
    }

    #[test]
    fn ranges_hold_codes_of_their_own_form_only() {
        let drugs = set(&["J0120-J9999"], &["J1642"]);
        for (code, expected) in [
            ("J0120", true),
            ("J9999", true),
            ("J0696", true),
            ("J0119", false),
            ("J1642", false),
            ("K0696", false),
            ("J069", false),
            ("J06960", false),
            ("99601", false),
        ] {
            assert_eq!(drugs.contains(code), expected, "{code}");
        }
    }

    #[test]
    fn overlapping_and_unordered_ranges_hold_every_code_of_each() {
        let set = set(
            &[
                "J9000-J9999",
                "J0100-J0200",
                "J0150-J0300",
                "J0160",
                "A4221",
                "99601",
            ],
            &[],
        );
        for (code, expected) in [
            ("J0100", true),
            ("J0199", true),
            ("J0250", true),
            ("J0300", true),
            ("J0301", false),
            ("J0099", false),
            ("J9500", true),
            ("J8999", false),
            ("A4221", true),
            ("A4222", false),
            ("99601", true),
            ("99600", false),
            ("K0200", false),
        ] {
            assert_eq!(set.contains(code), expected, "{code}");
        }
    }

    #[test]
    fn numeric_ranges_hold_five_digit_codes() {
        let nursing = set(&["99601-99602"], &[]);
        assert!(nursing.contains("99601"));
        assert!(nursing.contains("99602"));
        assert!(!nursing.contains("99603"));
        assert!(!nursing.contains("S9960"));
    }

    #[test]
    fn mixed_or_reversed_ranges_are_refused() {
        assert!(CodeSet::parse("J0120-99601", "").is_err());
        assert!(CodeSet::parse("J9999-J0120", "").is_err());
        assert!(CodeSet::parse("J0120-K0120", "").is_err());
        assert!(CodeSet::parse("J0120, , J9999", "").is_err());
        assert!(CodeSet::parse("", "").is_ok_and(|set| !set.contains("J0120")));
    }
}
