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

#[derive(Clone, Debug)]
struct Span {
    low: String,
    high: String,
}

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
        Ok(Span { low, high })
    }

    fn contains(&self, code: &str) -> bool {
        form(code) == form(&self.low) && self.low.as_str() <= code && code <= self.high.as_str()
    }
}

/// The codes of a list written joined by `, `, as `build.rs` writes the
/// pack's lists (an empty text holds none), each still to be trimmed.
pub fn split(list: &str) -> impl Iterator<Item = &str> {
    list.split(',').filter(move |_| !list.is_empty())
}

/// A code's form: its leading letter, if it has one, and its length.
fn form(code: &str) -> (Option<u8>, usize) {
    let letter = code.bytes().next().filter(u8::is_ascii_alphabetic);
    (letter, code.len())
}

impl CodeSet {
    /// Reads the set from its `include` and `exclude` lists, each written
    /// as its codes and ranges joined by `, ` (an empty text for none).
    pub fn parse(include: &str, exclude: &str) -> Result<CodeSet, String> {
        let spans = |list| split(list).map(Span::parse).collect::<Result<Vec<_>, _>>();
        Ok(CodeSet {
            include: spans(include)?,
            exclude: spans(exclude)?,
            written: include.to_string(),
        })
    }

    /// The included codes and ranges as written, such as `S9494, S9500-S9504`.
    pub fn written(&self) -> &str {
        &self.written
    }

    /// Whether `code` (uppercase) is in the set.
    pub fn contains(&self, code: &str) -> bool {
        self.include.iter().any(|s| s.contains(code))
            && !self.exclude.iter().any(|s| s.contains(code))
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
