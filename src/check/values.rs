//! The words a case file may use for each choice, with the spellings practitioners write.

use super::Checker;
use crate::diagnostic::clip;
use crate::input::case_file::Text;
use crate::model::*;

/// How an audience is shown a person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    Role,
    Initials,
}

pub const GENDERS: &[(&str, Gender)] = &[
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

pub const SEXES: &[(&str, SexAtBirth)] = &[
    ("amab", SexAtBirth::Amab),
    ("afab", SexAtBirth::Afab),
    ("uaab", SexAtBirth::Uaab),
];

pub const LOSSES: &[(&str, LossKind)] = &[
    ("miscarriage", LossKind::Miscarriage),
    ("termination", LossKind::Termination),
    ("stillbirth", LossKind::Stillbirth),
];

pub const LINKS: &[(&str, ChildLink)] = &[
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

pub const STATUSES: &[(&str, PartnershipStatus)] = &[
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

pub const ZYGOSITIES: &[(&str, Zygosity)] = &[
    ("identical", Zygosity::Identical),
    ("fraternal", Zygosity::Fraternal),
    ("unknown", Zygosity::Unknown),
    ("monozygotic", Zygosity::Identical),
    ("dizygotic", Zygosity::Fraternal),
];

pub const RELATIONSHIP_KINDS: &[(&str, RelationshipKind)] = &[
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

pub const SIGNIFICANCES: &[(&str, Significance)] = &[
    ("high", Significance::High),
    ("medium", Significance::Medium),
    ("low", Significance::Low),
    ("red", Significance::High),
    ("amber", Significance::Medium),
    ("green", Significance::Low),
];

pub const VALENCES: &[(&str, Valence)] = &[
    ("positive", Valence::Positive),
    ("neutral", Valence::Neutral),
    ("negative", Valence::Negative),
];

pub const ENTRY_STATUSES: &[(&str, EntryStatus)] = &[
    ("agreed", EntryStatus::Agreed),
    ("disputed", EntryStatus::Disputed),
    ("alleged", EntryStatus::Alleged),
];

pub const PERIOD_KINDS: &[(&str, PeriodKind)] = &[
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

pub const SHOWS: &[(&str, Show)] = &[("role", Show::Role), ("initials", Show::Initials)];

pub const HIDDEN_FIELDS: &[(&str, HiddenField)] = &[
    ("address", HiddenField::Address),
    ("birth-date", HiddenField::BirthDate),
    ("school", HiddenField::School),
    ("notes", HiddenField::Notes),
];

const YES_NO: &[(&str, bool)] = &[
    ("true", true),
    ("yes", true),
    ("y", true),
    ("false", false),
    ("no", false),
    ("n", false),
];

impl Checker {
    /// One of a fixed set of words. Case, spaces and underscores do not matter; a misspelling
    /// gets a suggestion and the list of words allowed.
    pub fn choice<T: Copy + PartialEq>(
        &mut self,
        text: &Text,
        field: &str,
        options: &[(&str, T)],
    ) -> Option<T> {
        let word = text.value.trim().to_lowercase().replace(['_', ' '], "-");
        if let Some((_, value)) = options.iter().find(|(name, _)| *name == word) {
            return Some(*value);
        }
        // The first name for each value is the one the documentation uses; the others are
        // accepted spellings, not offered.
        let main_names: Vec<&str> = options
            .iter()
            .enumerate()
            .filter(|(i, (_, value))| !options[..*i].iter().any(|(_, v)| v == value))
            .map(|(_, (name, _))| *name)
            .collect();
        let all_names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let help = match crate::input::read::nearest(&word, &all_names) {
            Some(close) => format!(
                "Did you mean \"{close}\"? The choices are: {}.",
                main_names.join(", ")
            ),
            None => format!("The choices are: {}.", main_names.join(", ")),
        };
        self.problem(
            text.at,
            format!(
                "\"{}\" is not {} genochron knows.",
                clip(text.value.trim()),
                crate::diagnostic::a(field)
            ),
            help,
        );
        None
    }

    pub fn yes_no(&mut self, text: &Text, field: &str) -> Option<bool> {
        let word = text.value.trim().to_lowercase();
        if let Some((_, value)) = YES_NO.iter().find(|(name, _)| *name == word) {
            return Some(*value);
        }
        self.problem(
            text.at,
            format!(
                "`{field}` should be true or false, but it is \"{}\".",
                clip(text.value.trim())
            ),
            format!("Write `{field}: true`, or leave it out."),
        );
        None
    }
}
