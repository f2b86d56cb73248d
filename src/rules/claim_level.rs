//! Rules about the claim as a whole: product, member, provider, referral,
//! diagnoses and hospice.

use super::{on_claim, Ctx, Rule};
use crate::claim::{Lines, List, Scalar};
use crate::codes::{is_icd10cm, is_npi, Date};
use crate::report::Finding;

/// The products this policy applies to, with their plan type.
const PRODUCTS: &[(&str, bool)] = &[
    ("careAdvantagePreferred", true),
    ("carePartnersAccess", false),
];

/// The most diagnoses a claim carries (pointers A to L).
pub const MAX_DIAGNOSES: usize = 12;

pub fn check(ctx: &Ctx<'_>, out: &mut Vec<Finding>) {
    let claim = ctx.claim;

    // The product, and whether it is the HMO.
    let hmo = match &claim.product {
        Scalar::Text(p) => match PRODUCTS.iter().find(|(name, _)| name == p) {
            Some(&(_, hmo)) => Some(hmo),
            None => {
                out.push(on_claim(
                    Rule::ProductNotCovered,
                    "product",
                    format!("product \"{p}\" is not covered by this policy; expected careAdvantagePreferred or carePartnersAccess"),
                ));
                None
            }
        },
        Scalar::Absent => {
            out.push(on_claim(
                Rule::ProductNotCovered,
                "product",
                "no product is given; this policy covers careAdvantagePreferred and carePartnersAccess".into(),
            ));
            None
        }
        Scalar::Unreadable => None,
    };

    // Required fields of the claim.
    if claim.member_id.is_absent() {
        out.push(on_claim(
            Rule::MissingField,
            "member.id",
            "the member ID is missing".into(),
        ));
    }
    match &claim.npi {
        Scalar::Absent => out.push(on_claim(
            Rule::MissingField,
            "billingProvider.npi",
            "the billing NPI is missing".into(),
        )),
        Scalar::Text(npi) if !is_npi(npi) => out.push(on_claim(
            Rule::InvalidNpi,
            "billingProvider.npi",
            format!("NPI \"{npi}\" is not 10 digits with a valid check digit"),
        )),
        _ => {}
    }
    if matches!(claim.lines, Lines::Absent) {
        out.push(on_claim(
            Rule::MissingField,
            "lines",
            "the claim has no service lines".into(),
        ));
    }

    // The provider's contract and network.
    let contracted = claim.contracted.unwrap_or(false);
    if !contracted {
        out.push(on_claim(
            Rule::ProviderNotContracted,
            "billingProvider.contracted",
            "the billing provider is not marked as contracted with the plan".into(),
        ));
    }
    let in_network = claim.in_network.unwrap_or(contracted);
    if hmo == Some(true) && !in_network && !claim.referral.is_given() {
        out.push(on_claim(
            Rule::ReferralRequired,
            "referral",
            "the provider is out of network for this HMO member: a referral number is required"
                .into(),
        ));
    }

    // The coverage span's own dates.
    for (scalar, path) in [
        (&claim.coverage_from, "member.coverage.from"),
        (&claim.coverage_to, "member.coverage.to"),
    ] {
        if let Some(text) = scalar.text().filter(|t| Date::parse(t).is_none()) {
            out.push(on_claim(
                Rule::InvalidDate,
                path,
                format!("\"{text}\" is not a real date in the form YYYY-MM-DD"),
            ));
        }
    }
    if let (Some(from), Some(to)) = (
        coverage(claim.coverage_from.text()),
        coverage(claim.coverage_to.text()),
    ) {
        if to < from {
            out.push(on_claim(
                Rule::InvalidDate,
                "member.coverage.to",
                format!("coverage ends on {to}, before it starts on {from}"),
            ));
        }
    }

    // The diagnoses: present, well formed, at most twelve, no blank gaps.
    diagnoses(&claim.diagnoses, out);

    // A hospice election sends the claim to another policy.
    if claim.hospice == Some(true) {
        out.push(on_claim(
            Rule::HospiceElection,
            "member.hospice",
            "the member has a hospice election: the Hospice Services Payment Policy governs these services".into(),
        ));
    }
}

fn coverage(text: Option<&str>) -> Option<Date> {
    text.and_then(Date::parse)
}

fn diagnoses(list: &List, out: &mut Vec<Finding>) {
    let filled = list.filled();
    if filled.is_empty() {
        if !matches!(list, List::Unreadable) {
            out.push(on_claim(
                Rule::MissingField,
                "diagnoses",
                "the claim has no diagnosis".into(),
            ));
        }
        return;
    }
    for (j, diagnosis) in filled.iter().enumerate() {
        let path = format!("diagnoses[{j}]");
        let letter = pointer_letter(j);
        match diagnosis {
            Scalar::Text(code) if !is_icd10cm(&code.to_ascii_uppercase()) => out.push(on_claim(
                Rule::InvalidDiagnosisCode,
                &path,
                format!("diagnosis {letter} \"{code}\" is not a well-formed ICD-10-CM code"),
            )),
            Scalar::Absent => out.push(on_claim(
                Rule::InvalidDiagnosisCode,
                &path,
                format!("diagnosis {letter} is blank but later diagnoses are filled in; pointers would shift"),
            )),
            _ => {}
        }
    }
    if filled.len() > MAX_DIAGNOSES {
        out.push(on_claim(
            Rule::InvalidDiagnosisCode,
            "diagnoses",
            format!(
                "the claim has {} diagnoses; a claim carries at most {MAX_DIAGNOSES} (A to L)",
                filled.len()
            ),
        ));
    }
}

/// The pointer letter of the `j`th diagnosis: A for 0, L for 11.
pub fn pointer_letter(j: usize) -> String {
    u8::try_from(j).ok().filter(|&j| j < 26).map_or_else(
        || format!("#{}", j.saturating_add(1)),
        |j| char::from(b'A' + j).to_string(),
    )
}
