//! The rule registry: the only list of rule ids, with their documentation.
//!
//! Every rule is declared once below, with its public id, severity, policy
//! section and the text a page shows to explain it. Rule code refers to the
//! `Rule` enum, so an id cannot be misspelt and the catalog cannot drift from
//! the rules that exist.

use serde::{Serialize, Serializer};

use crate::report::Severity;

/// Policy sections of the Home Infusion Payment Policy, as findings cite them.
pub mod section {
    pub const APPLIES_TO: &str = "Applies to";
    pub const POLICY: &str = "Policy";
    pub const GENERAL_BENEFIT: &str = "General Benefit Information";
    pub const REFERRAL: &str = "Referral/Prior Authorization/Notification Requirements";
    pub const BILLING: &str = "Billing Instructions";
    pub const OTHER: &str = "Other Information";
    pub const COMPENSATION: &str = "Compensation/Reimbursement Information";
    pub const CODING: &str = "Coding";
    /// Checks of the claim's own shape rather than of the policy.
    pub const CLAIM_FORMAT: &str = "Claim format";
}

/// What a page needs to explain a rule without a second source of truth.
#[derive(Clone, Copy, Debug, Serialize)]
pub struct RuleInfo {
    /// The public, stable id.
    pub id: &'static str,
    /// The severity of every finding of this rule.
    pub severity: Severity,
    /// One line: when the rule fires.
    pub summary: &'static str,
    /// The policy section (or coding standard) the rule rests on.
    pub policy: &'static str,
    /// What the rule checks, in a sentence or two.
    pub checks: &'static str,
    /// Why the plan cares.
    pub why: &'static str,
    /// How to fix the claim.
    pub fix: &'static str,
}

macro_rules! rules {
    ($(
        $variant:ident = $id:literal, $severity:ident, $policy:expr,
        summary: $summary:literal,
        checks: $checks:literal,
        why: $why:literal,
        fix: $fix:literal;
    )*) => {
        /// A rule of the catalog. Its id is public and stable.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
        #[non_exhaustive]
        pub enum Rule { $($variant,)* }

        /// Every rule, in catalog order.
        pub const CATALOG: &[RuleInfo] = &[$(*Rule::$variant.info(),)*];

        impl Rule {
            /// Every rule, in catalog order (the same order as `CATALOG`).
            pub const ALL: &'static [Rule] = &[$(Rule::$variant,)*];

            /// The rule's documentation.
            pub const fn info(self) -> &'static RuleInfo {
                match self { $(Rule::$variant => &RuleInfo {
                    id: $id,
                    severity: Severity::$severity,
                    summary: $summary,
                    policy: $policy,
                    checks: $checks,
                    why: $why,
                    fix: $fix,
                },)* }
            }
        }
    };
}

impl Rule {
    /// The public id, such as `missing-field`.
    pub fn id(self) -> &'static str {
        self.info().id
    }

    /// The severity every finding of this rule has.
    pub fn severity(self) -> Severity {
        self.info().severity
    }

    /// The policy section the rule rests on.
    pub fn policy(self) -> &'static str {
        self.info().policy
    }

    /// The rule with this public id, if there is one.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.iter().copied().find(|r| r.id() == id)
    }
}

impl Serialize for Rule {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.id())
    }
}

rules! {
    // --- The claim -------------------------------------------------------
    ProductNotCovered = "product-not-covered", Error, section::APPLIES_TO,
        summary: "the claim's product is not one this policy applies to",
        checks: "The product must be CareAdvantage Preferred (HMO) or CarePartners Access (PPO).",
        why: "The policy applies only to these two CarePartners of Connecticut products; any other product is paid under another policy.",
        fix: "Choose the member's product as shown on the member's ID card.";
    MissingField = "missing-field", Error, section::BILLING,
        summary: "a required field is absent or empty",
        checks: "The member ID, the billing NPI, at least one diagnosis, at least one service line, and on each line the date of service, code, units and charge are present.",
        why: "A claim without these cannot be adjudicated and is rejected before it is priced.",
        fix: "Fill in the field the finding points to.";
    InvalidNpi = "invalid-npi", Error, section::BILLING,
        summary: "the billing NPI is not 10 digits with a valid check digit",
        checks: "The NPI has 10 digits and its last digit is the Luhn check digit computed over the prefix 80840 and the first nine digits.",
        why: "A mistyped NPI does not match the enrolled provider and the claim is rejected.",
        fix: "Copy the billing NPI (item 33a) from the agency's NPPES record.";
    ProviderNotContracted = "provider-not-contracted", Error, section::POLICY,
        summary: "the billing provider is not contracted with the plan",
        checks: "The billing provider is marked as contracted.",
        why: "The plan reimburses contracted home infusion therapy agencies only.",
        fix: "Bill under the contracted agency's NPI, or confirm the contract with Provider Services.";
    ReferralRequired = "referral-required", Error, section::REFERRAL,
        summary: "an HMO member seen out of network needs a referral",
        checks: "For CareAdvantage Preferred (HMO) members, a provider that is not in network must give a referral number.",
        why: "Referrals are required for out-of-network services rendered to HMO members; without one the claim denies.",
        fix: "Enter the referral number (item 17), or bill as an in-network provider.";
    InvalidDiagnosisCode = "invalid-diagnosis-code", Error, section::BILLING,
        summary: "a diagnosis is not a well-formed ICD-10-CM code, or there are more than 12",
        checks: "Each diagnosis is 3 to 7 characters, a letter, a digit, then letters or digits, with an optional dot after the third; a claim carries at most 12.",
        why: "Industry coding standards require valid ICD-10-CM codes, and the claim form has room for 12 (A to L).",
        fix: "Correct the code, or remove diagnoses beyond the twelfth.";
    HospiceElection = "hospice-election", Warning, section::COMPENSATION,
        summary: "the member has a hospice election: the Hospice Services Payment Policy governs",
        checks: "The member is marked as having an active hospice election.",
        why: "Home infusion provided with home hospice services is paid under the Hospice Services Payment Policy, not this one.",
        fix: "Check the Hospice Services Payment Policy; services unrelated to the terminal condition usually carry modifier GW.";

    // --- Line format -----------------------------------------------------
    InvalidDate = "invalid-date", Error, section::BILLING,
        summary: "a date is not a real calendar date",
        checks: "Dates are written YYYY-MM-DD and name a day that exists.",
        why: "A line with an impossible date of service cannot be adjudicated.",
        fix: "Enter the date as YYYY-MM-DD, for example 2026-01-14.";
    DateSpanOnLine = "date-span-on-line", Error, section::OTHER,
        summary: "a line spans more than one date of service",
        checks: "When a line has a 'to' date, it equals its 'from' date.",
        why: "For multiple dates of service the policy asks for a separate line for each date.",
        fix: "Split the line into one line per date of service (duplicate the line for the next date).";
    MemberNotCoveredOnDate = "member-not-covered-on-date", Error, section::GENERAL_BENEFIT,
        summary: "the date of service is outside the member's coverage",
        checks: "When the member's coverage span is given, each line's date of service falls within it.",
        why: "Payment depends on the member's eligibility on the date of service.",
        fix: "Verify eligibility on the provider portal; correct the date or the coverage span.";
    InvalidProcedureCode = "invalid-procedure-code", Error, section::BILLING,
        summary: "the code is neither HCPCS Level II nor CPT in form",
        checks: "A HCPCS Level II code is a letter and four digits; a CPT code is five digits, or four digits and F, T or U.",
        why: "Providers may only bill standard CPT/HCPCS codes.",
        fix: "Enter the procedure code exactly as in the HCPCS or CPT code set, for example S9500.";
    InvalidModifier = "invalid-modifier", Error, section::BILLING,
        summary: "a modifier is not two letters or digits, is repeated, or there are more than four",
        checks: "Each modifier is two letters or digits, none is repeated, and a line carries at most four.",
        why: "The claim form and the 837P carry up to four two-character modifiers per line.",
        fix: "Correct or remove the modifier.";
    InvalidUnits = "invalid-units", Error, section::OTHER,
        summary: "units are not a number greater than zero",
        checks: "Units of service are a number greater than zero with at most three decimals; a drug's units are whole multiples of its HCPCS dose.",
        why: "The policy asks for the units administered; zero or unreadable units cannot be priced.",
        fix: "Enter the units of service (item 24G), for example 1 for a per diem.";
    InvalidCharge = "invalid-charge", Error, section::BILLING,
        summary: "the charge is not an amount of zero or more with at most two decimals",
        checks: "The charge is a plain decimal amount such as 125.50: no currency sign, no thousands separator, no more than two decimals.",
        why: "A charge that cannot be read cannot be priced or totalled.",
        fix: "Enter the billed charge (item 24F) as digits with up to two decimals.";
    InvalidPlaceOfService = "invalid-place-of-service", Error, section::BILLING,
        summary: "the place of service is not two digits",
        checks: "The place of service code is two digits.",
        why: "Place of service codes are two-digit CMS codes.",
        fix: "Enter 12 for the member's home.";
    PlaceOfServiceNotHome = "place-of-service-not-home", Warning, section::POLICY,
        summary: "the place of service is not the home (12)",
        checks: "The place of service is 12 (home).",
        why: "This policy covers home infusion therapy; services elsewhere may be paid under another policy or denied.",
        fix: "Use 12 for services in the member's home, or check which policy applies.";
    InvalidDiagnosisPointer = "invalid-diagnosis-pointer", Error, section::BILLING,
        summary: "a diagnosis pointer is not A to L, points past the diagnoses, or there are more than four",
        checks: "Each pointer is a letter from A to L that names a diagnosis on the claim; a line has at most four.",
        why: "A pointer to nothing leaves the line without a diagnosis and it denies.",
        fix: "Point to the diagnosis the service treats: A for the first, B for the second, and so on.";
    DuplicateLine = "duplicate-line", Error, section::BILLING,
        summary: "an earlier line has the same date of service, code and modifiers",
        checks: "No two lines share a date of service, a code and the same set of modifiers; the later line is flagged.",
        why: "A repeated line is denied as a duplicate.",
        fix: "Put all units of the service for that date on one line, or remove the repeated line.";

    // --- Concurrent therapies --------------------------------------------
    ConcurrentModifierMissing = "concurrent-modifier-missing", Error, section::OTHER,
        summary: "a second or later therapy per diem on a date lacks SH or SJ",
        checks: "On a date of service from 2025-02-01, only the first therapy per diem is billed without SH or SJ; each further one is flagged.",
        why: "The policy requires SH on the second and SJ on the third or later concurrent infusion therapy.",
        fix: "Add SH to the second therapy per diem of the date and SJ to the third and later ones.";
    ConcurrentModifierUnexpected = "concurrent-modifier-unexpected", Error, section::OTHER,
        summary: "SH or SJ is on a line that is not a concurrent therapy per diem",
        checks: "SH and SJ appear only on therapy per diem lines, and only when the date has more than one therapy per diem.",
        why: "SH and SJ identify concurrently administered therapies; on any other line they misstate the claim.",
        fix: "Remove SH or SJ from the line.";
    ConcurrentModifierOrder = "concurrent-modifier-order", Error, section::OTHER,
        summary: "SH and SJ do not follow first, second, third on a date",
        checks: "On one date: SJ only with an SH line, no second SH line, never SH and SJ on one line, and one therapy per diem without either.",
        why: "SH marks the second therapy and SJ the third or later; an inconsistent set cannot be priced.",
        fix: "Leave the first therapy per diem unmodified, put SH on the second and SJ on the others.";
    ConcurrentTherapyReduced = "concurrent-therapy-reduced", Info, section::OTHER,
        summary: "a subsequent concurrent therapy is paid at 50%",
        checks: "A therapy per diem with SH or SJ and a date of service from 2025-12-01.",
        why: "From 2025-12-01, subsequent concurrent infusions are reimbursed at 50% of the fee schedule amount.",
        fix: "Nothing to fix: the estimate shows the reduced amount.";

    // --- Per diem --------------------------------------------------------
    PerDiemUnits = "per-diem-units", Error, section::COMPENSATION,
        summary: "a therapy per diem is billed with units other than 1",
        checks: "A therapy per diem line has exactly 1 unit.",
        why: "Per diems are paid once per day; each day goes on its own line.",
        fix: "Set units to 1, and bill further days on separate lines.";
    PerDiemWithoutInfusion = "per-diem-without-infusion", Warning, section::COMPENSATION,
        summary: "a therapy per diem has no drug or nutrition line on the same date",
        checks: "Each therapy per diem shares its date of service with an infused drug or a tube-fed or parenteral nutrition product; hydration and dialysis per diems, which bill no separate product, are exempt.",
        why: "The per diem is paid only when an actual infusion is administered that day.",
        fix: "Bill the drug or nutrition given that day, or remove the per diem for a day without infusion.";
    PerDiemCodeConflict = "per-diem-code-conflict", Error, section::BILLING,
        summary: "a general per diem is billed with one of its specific forms on the same date",
        checks: "A general per diem (S9325, S9329, S9340, S9364, S9373, S9494) is not billed on a date with one of its specific codes.",
        why: "The specific code describes the therapy; the general code on the same day bills it twice.",
        fix: "Keep the specific per diem and remove the general one.";
    NocPerDiemDocumentation = "noc-per-diem-documentation", Error, section::CODING,
        summary: "S9379 is billed without documentation attached",
        checks: "A claim with S9379 (infusion therapy not otherwise classified) says documentation is attached.",
        why: "The policy requires documentation with the claim for S9379.",
        fix: "Attach the documentation (837P PWK) and mark it as attached.";
    NocPerDiemSpecificCode = "noc-per-diem-specific-code", Warning, section::CODING,
        summary: "S9379 is billed for a therapy that has a specific per diem",
        checks: "S9379 on a date whose drug or nutrition lines belong to a therapy with its own per diem code.",
        why: "S9379 is only for a therapy without a valid specific therapy code.",
        fix: "Bill the therapy's specific per diem instead of S9379.";
    NocPerDiemWithOtherTherapy = "noc-per-diem-with-other-therapy", Warning, section::CODING,
        summary: "S9379 is billed on a date with another therapy per diem",
        checks: "S9379 shares its date of service with another therapy per diem.",
        why: "S9379 is only billed when the medication is infused separately from any other service on the same date.",
        fix: "Check that the S9379 infusion was separate from the other therapy, or bill the specific per diem.";
    SupplyIncludedInPerDiem = "supply-included-in-per-diem", Error, section::COMPENSATION,
        summary: "a supply or equipment item included in the per diem is billed separately",
        checks: "Supplies, equipment, flushes and kits that the per diem includes are not billed on their own line, except repair (RB) or servicing (MS) of patient-owned equipment.",
        why: "The per diem includes all necessary supplies and equipment, flushing solutions and their delivery.",
        fix: "Remove the line; the per diem pays for it.";
    DmeNotRelatedToInfusion = "dme-not-related-to-infusion", Error, section::OTHER,
        summary: "DME not related to infusion is billed with infusion services",
        checks: "A claim with a therapy per diem carries no DME line (E or K codes) other than the included equipment.",
        why: "DME not related to infusion therapy must be billed separately, by a contracted DME provider.",
        fix: "Remove the line and bill it on its own claim through a contracted DME provider.";

    // --- Drugs, nutrition and nursing --------------------------------------
    DrugLineIncomplete = "drug-line-incomplete", Error, section::OTHER,
        summary: "a drug line lacks its NDC, NDC unit, NDC quantity, description or dosage",
        checks: "Each drug line gives the NDC, its unit qualifier and quantity, a description of the product and the dosage.",
        why: "The policy asks each drug to be submitted with its NDC, description, dosage and units administered.",
        fix: "Fill in the missing detail from the product's label.";
    InvalidNdc = "invalid-ndc", Error, section::OTHER,
        summary: "the NDC, its unit qualifier or its quantity is malformed",
        checks: "The NDC is 11 digits (5-4-2) or a hyphenated 4-4-2, 5-3-2, 5-4-1 or 5-4-2 form; the unit is UN, ML, GR, F2 or ME; the quantity is greater than zero with at most three decimals.",
        why: "Ten digits without hyphens are ambiguous, and a malformed NDC does not match the drug fee schedule.",
        fix: "Copy the NDC with its hyphens from the package, or write it as 11 digits.";
    PriorAuthorizationRequired = "prior-authorization-required", Error, section::REFERRAL,
        summary: "the code needs prior authorization and no number is given",
        checks: "A code on the prior authorization list has a prior authorization number on the line or the claim.",
        why: "Certain home infusion drugs require prior authorization; without it the line denies.",
        fix: "Enter the authorization number on the line or in item 23.";
    MaxUnitsExceeded = "max-units-exceeded", Error, section::OTHER,
        summary: "the units of a code on one date exceed its daily maximum",
        checks: "The units of all lines of one code on one date add up to no more than the code's maximum units per day.",
        why: "Some drugs are subject to a maximum number of units per day under the Maximum Units Policy; over it, the lines deny.",
        fix: "Check the dose and the billing unit of the HCPCS descriptor; bill the units actually given.";
    OralNutritionNotCovered = "oral-nutrition-not-covered", Error, section::COMPENSATION,
        summary: "enteral formula taken orally is not covered",
        checks: "An enteral formula line does not carry modifier BO (taken by mouth).",
        why: "Enteral formula is paid only when given by gravity, pump or bolus, not when taken orally.",
        fix: "Remove the line, or correct the modifier if the formula was given by feeding tube.";
    AddOnWithoutPrimary = "add-on-without-primary", Error, section::BILLING,
        summary: "nursing add-on 99602 without 99601 on the same date",
        checks: "99602 (each additional hour) shares its date with 99601 (first two hours).",
        why: "99602 is an add-on code billed only with its primary visit code.",
        fix: "Bill 99601 for the visit, with 99602 for each further hour.";
    NoFeeScheduleAmount = "no-fee-schedule-amount", Warning, section::COMPENSATION,
        summary: "the code has no fee schedule amount: it needs manual pricing",
        checks: "A line that would be paid has an amount in the fee schedule.",
        why: "Lines without a fee schedule amount are priced by hand and may pend.",
        fix: "Check the code; if it is right, expect manual pricing.";

    // --- The claim's own shape -------------------------------------------
    MalformedField = "malformed-field", Error, section::CLAIM_FORMAT,
        summary: "a field holds the wrong kind of value",
        checks: "Each field holds the kind of value the claim format describes: text, a yes/no value, a list or an object.",
        why: "A value of the wrong kind cannot be read, so nothing that depends on it can be checked.",
        fix: "Send the field in the form the claim format describes.";
    UnknownField = "unknown-field", Warning, section::CLAIM_FORMAT,
        summary: "a field is not part of the claim format and is not read",
        checks: "Every field of the claim, the member, the provider and the lines is one the claim format names.",
        why: "A misspelt field is ignored, so what it holds is not checked or priced.",
        fix: "Check the field's spelling against the claim format, or remove it.";
    LimitExceeded = "limit-exceeded", Error, section::CLAIM_FORMAT,
        summary: "the claim exceeds a size limit of the validator",
        checks: "A claim has at most 10,000 lines and no text field longer than 1,000 characters.",
        why: "The limits keep checking in place fast; no real claim comes near them.",
        fix: "Split the claim, or shorten the field.";
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeSet;

    #[test]
    fn ids_are_unique_and_kebab_case() {
        let mut seen = BTreeSet::new();
        for info in CATALOG {
            assert!(seen.insert(info.id), "duplicate id {}", info.id);
            assert!(
                info.id.chars().all(|c| c.is_ascii_lowercase() || c == '-'),
                "{}",
                info.id
            );
        }
        assert_eq!(Rule::ALL.len(), CATALOG.len());
    }

    #[test]
    fn every_rule_round_trips_through_its_id() {
        for &rule in Rule::ALL {
            assert_eq!(Rule::from_id(rule.id()), Some(rule));
        }
        assert_eq!(Rule::from_id("no-such-rule"), None);
    }

    #[test]
    fn every_rule_is_documented() {
        for info in CATALOG {
            for text in [info.summary, info.checks, info.why, info.fix, info.policy] {
                assert!(!text.trim().is_empty(), "{} has an empty text", info.id);
            }
        }
    }
}
