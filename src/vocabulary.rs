//! Every user-facing word of a choice, in one place: the words a case file may use for each
//! choice (with the spellings practitioners write), the words documents print for them, and
//! the lists the JSON Schema offers. The checker, the schema, the timeline and every table
//! read their words from here, so a word cannot drift between a drawing and a table.

use crate::model::*;

/// How an audience is shown a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Show {
    Role,
    Initials,
}

pub(crate) const GENDERS: &[(&str, Gender)] = &[
    ("male", Gender::Male),
    ("female", Gender::Female),
    ("non-binary", Gender::NonBinary),
    ("unknown", Gender::Unknown),
    ("m", Gender::Male),
    ("man", Gender::Male),
    ("boy", Gender::Male),
    ("f", Gender::Female),
    ("woman", Gender::Female),
    ("girl", Gender::Female),
    ("nonbinary", Gender::NonBinary),
    ("nb", Gender::NonBinary),
    ("not-recorded", Gender::Unknown),
    ("u", Gender::Unknown),
];

pub(crate) const SEXES: &[(&str, SexAtBirth)] = &[
    ("amab", SexAtBirth::Amab),
    ("afab", SexAtBirth::Afab),
    ("uaab", SexAtBirth::Uaab),
];

pub(crate) const LOSSES: &[(&str, LossKind)] = &[
    ("miscarriage", LossKind::Miscarriage),
    ("termination", LossKind::Termination),
    ("stillbirth", LossKind::Stillbirth),
];

pub(crate) const LINKS: &[(&str, ChildLink)] = &[
    ("biological", ChildLink::Biological),
    ("adopted", ChildLink::Adopted),
    ("foster", ChildLink::Foster),
    ("step", ChildLink::Step),
    ("kinship-care", ChildLink::KinshipCare),
    ("special-guardianship", ChildLink::SpecialGuardianship),
    ("birth", ChildLink::Biological),
    ("adoption", ChildLink::Adopted),
    ("fostered", ChildLink::Foster),
    ("kinship", ChildLink::KinshipCare),
    ("sgo", ChildLink::SpecialGuardianship),
];

pub(crate) const STATUSES: &[(&str, PartnershipStatus)] = &[
    ("dating", PartnershipStatus::Dating),
    ("affair", PartnershipStatus::Affair),
    ("cohabiting", PartnershipStatus::Cohabiting),
    ("engaged", PartnershipStatus::Engaged),
    ("married", PartnershipStatus::Married),
    ("civil-partnership", PartnershipStatus::CivilPartnership),
    ("separated", PartnershipStatus::Separated),
    ("divorced", PartnershipStatus::Divorced),
    ("dissolved", PartnershipStatus::Dissolved),
    ("reconciled", PartnershipStatus::Reconciled),
    ("widowed", PartnershipStatus::Widowed),
    ("living-together", PartnershipStatus::Cohabiting),
    ("lt", PartnershipStatus::Cohabiting),
];

pub(crate) const ZYGOSITIES: &[(&str, Zygosity)] = &[
    ("identical", Zygosity::Identical),
    ("fraternal", Zygosity::Fraternal),
    ("unknown", Zygosity::Unknown),
    ("monozygotic", Zygosity::Identical),
    ("dizygotic", Zygosity::Fraternal),
];

pub(crate) const RELATIONSHIP_KINDS: &[(&str, RelationshipKind)] = &[
    ("close", RelationshipKind::Close),
    ("very-close", RelationshipKind::VeryClose),
    ("distant", RelationshipKind::Distant),
    ("conflict", RelationshipKind::Conflict),
    ("hostile", RelationshipKind::Hostile),
    ("close-hostile", RelationshipKind::CloseHostile),
    ("cut-off", RelationshipKind::CutOff),
    ("repaired", RelationshipKind::Repaired),
    ("focused-on", RelationshipKind::FocusedOn),
    ("physical-abuse", RelationshipKind::PhysicalAbuse),
    ("emotional-abuse", RelationshipKind::EmotionalAbuse),
    ("sexual-abuse", RelationshipKind::SexualAbuse),
    ("neglect", RelationshipKind::Neglect),
    ("domestic-abuse", RelationshipKind::DomesticAbuse),
    ("coercive-control", RelationshipKind::CoerciveControl),
    ("fused", RelationshipKind::VeryClose),
    ("discord", RelationshipKind::Conflict),
    ("estranged", RelationshipKind::CutOff),
];

pub(crate) const SIGNIFICANCES: &[(&str, Significance)] = &[
    ("high", Significance::High),
    ("medium", Significance::Medium),
    ("low", Significance::Low),
    ("red", Significance::High),
    ("amber", Significance::Medium),
    ("green", Significance::Low),
];

pub(crate) const VALENCES: &[(&str, Valence)] = &[
    ("positive", Valence::Positive),
    ("neutral", Valence::Neutral),
    ("negative", Valence::Negative),
];

pub(crate) const ENTRY_STATUSES: &[(&str, EntryStatus)] = &[
    ("agreed", EntryStatus::Agreed),
    ("disputed", EntryStatus::Disputed),
    ("alleged", EntryStatus::Alleged),
];

pub(crate) const PERIOD_KINDS: &[(&str, PeriodKind)] = &[
    ("early-help", PeriodKind::EarlyHelp),
    ("child-in-need", PeriodKind::ChildInNeed),
    ("child-protection-plan", PeriodKind::ChildProtectionPlan),
    ("section-20", PeriodKind::Section20),
    ("interim-care-order", PeriodKind::InterimCareOrder),
    ("care-order", PeriodKind::CareOrder),
    ("placement-order", PeriodKind::PlacementOrder),
    ("supervision-order", PeriodKind::SupervisionOrder),
    (
        "special-guardianship-order",
        PeriodKind::SpecialGuardianshipOrder,
    ),
    (
        "child-arrangements-order",
        PeriodKind::ChildArrangementsOrder,
    ),
    (
        "emergency-protection-order",
        PeriodKind::EmergencyProtectionOrder,
    ),
    ("police-protection", PeriodKind::PoliceProtection),
    ("placement", PeriodKind::Placement),
    ("school", PeriodKind::School),
    ("cao", PeriodKind::ChildArrangementsOrder),
    ("epo", PeriodKind::EmergencyProtectionOrder),
    ("cin", PeriodKind::ChildInNeed),
    ("cp-plan", PeriodKind::ChildProtectionPlan),
    ("cpp", PeriodKind::ChildProtectionPlan),
    ("s20", PeriodKind::Section20),
    ("ico", PeriodKind::InterimCareOrder),
    ("sgo", PeriodKind::SpecialGuardianshipOrder),
];

pub(crate) const SHOWS: &[(&str, Show)] = &[("role", Show::Role), ("initials", Show::Initials)];

pub(crate) const HIDDEN_FIELDS: &[(&str, HiddenField)] = &[
    ("address", HiddenField::Address),
    ("birth-date", HiddenField::BirthDate),
    ("school", HiddenField::School),
    ("notes", HiddenField::Notes),
];

pub(crate) const YES_NO: &[(&str, bool)] = &[
    ("true", true),
    ("yes", true),
    ("y", true),
    ("false", false),
    ("no", false),
    ("n", false),
];

/// The words the documentation and the schema use for a choice: the first word given for each
/// value. The other words of a table are accepted spellings, not offered.
pub(crate) fn schema_words<T: PartialEq>(options: &[(&'static str, T)]) -> Vec<&'static str> {
    options
        .iter()
        .enumerate()
        .filter(|(i, (_, value))| !options[..*i].iter().any(|(_, v)| v == value))
        .map(|(_, (name, _))| *name)
        .collect()
}

/// The case file's own word for a value ("high", "agreed"): what a written file or a
/// spreadsheet export uses, so it reads back to the same value.
pub(crate) fn case_word<T: PartialEq>(options: &[(&'static str, T)], value: T) -> &'static str {
    options
        .iter()
        .find(|(_, v)| *v == value)
        .map(|(name, _)| *name)
        .unwrap_or("")
}

/// Significance as documents print it: "High", "Medium", "Low".
pub fn significance_word(significance: Significance) -> &'static str {
    match significance {
        Significance::High => "High",
        Significance::Medium => "Medium",
        Significance::Low => "Low",
    }
}

/// Significance in running text and keys: "high", ..., "not rated" when the worker gave none.
pub(crate) fn significance_phrase(significance: Option<Significance>) -> &'static str {
    match significance {
        Some(s) => case_word(SIGNIFICANCES, s),
        None => NOT_RATED,
    }
}

/// An entry's status as documents print it: "Agreed", "Disputed", "Alleged".
pub(crate) fn status_word(status: EntryStatus) -> &'static str {
    match status {
        EntryStatus::Agreed => "Agreed",
        EntryStatus::Disputed => "Disputed",
        EntryStatus::Alleged => "Alleged",
    }
}

/// An entry's status with its note: "Disputed: mother denies this".
pub(crate) fn status_with_note(status: EntryStatus, note: Option<&str>) -> String {
    match note {
        Some(note) => format!("{}: {note}", status_word(status)),
        None => status_word(status).to_string(),
    }
}

/// A valence in running text: "negative", "neutral", "positive".
pub(crate) fn valence_word(valence: Valence) -> &'static str {
    case_word(VALENCES, valence)
}

/// A category as a heading: "domestic-abuse" → "Domestic abuse".
pub(crate) fn category_name(category: &str) -> String {
    let words = category_key(category).replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => "Uncategorised".to_string(),
    }
}

/// Significance the worker did not give.
pub(crate) const NOT_RATED: &str = "not rated";
/// An impact cell for a child the entry concerns, when no impact was written.
pub(crate) const IMPACT_NOT_RECORDED: &str = "not recorded";
/// An age cell for an entry dated before a child's pregnancy.
pub(crate) const NOT_YET_BORN: &str = "not yet born";
/// An age cell for a child whose date of birth is not known.
pub(crate) const AGE_NOT_KNOWN: &str = "not known";
/// An age cell for a child whose date of birth this version of the document withholds.
pub(crate) const AGE_WITHHELD: &str = "withheld";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn schema_offers_one_word_per_value_in_table_order() {
        assert_eq!(schema_words(SIGNIFICANCES), ["high", "medium", "low"]);
        assert_eq!(
            schema_words(ENTRY_STATUSES),
            ["agreed", "disputed", "alleged"]
        );
        assert_eq!(case_word(SIGNIFICANCES, Significance::Medium), "medium");
        assert_eq!(case_word(LINKS, ChildLink::KinshipCare), "kinship-care");
    }

    #[test]
    fn every_value_has_a_case_word() {
        for (_, s) in SIGNIFICANCES {
            assert!(!case_word(SIGNIFICANCES, *s).is_empty());
        }
        for (_, v) in VALENCES {
            assert!(!valence_word(*v).is_empty());
        }
        assert_eq!(significance_phrase(None), "not rated");
        assert_eq!(
            status_with_note(EntryStatus::Disputed, Some("mother denies this")),
            "Disputed: mother denies this"
        );
    }
}
