//! The timeline's words: names of periods, categories and significance, entry texts,
//! ages and counts.

use crate::model::{Age, Case, Entry, EntryStatus, PeriodKind, PersonId};

/// The usual categories in reading order: states and moves first, then harms, then help and
/// strengths. Others follow alphabetically.
const CATEGORY_ORDER: [&str; 14] = crate::model::USUAL_CATEGORIES;

/// A category's place in reading order (the usual ones first, in [`CATEGORY_ORDER`], then
/// the others) with its key: what lanes and the pattern strip sort categories by.
pub(super) fn category_order(category: &str) -> (usize, String) {
    let key = super::category_key(category);
    let at = CATEGORY_ORDER
        .iter()
        .position(|c| *c == key)
        .unwrap_or(CATEGORY_ORDER.len());
    (at, key)
}

pub(super) fn period_name(kind: PeriodKind) -> &'static str {
    match kind {
        PeriodKind::EarlyHelp => "Early help",
        PeriodKind::ChildArrangementsOrder => "Child arrangements order",
        PeriodKind::EmergencyProtectionOrder => "Emergency protection order",
        PeriodKind::PoliceProtection => "Police protection",
        PeriodKind::ChildInNeed => "Child in need",
        PeriodKind::ChildProtectionPlan => "Child protection plan",
        PeriodKind::Section20 => "Section 20 accommodation",
        PeriodKind::InterimCareOrder => "Interim care order",
        PeriodKind::CareOrder => "Care order",
        PeriodKind::PlacementOrder => "Placement order",
        PeriodKind::SupervisionOrder => "Supervision order",
        PeriodKind::SpecialGuardianshipOrder => "Special guardianship order",
        PeriodKind::Placement => "Placement",
        PeriodKind::School => "School",
    }
}

pub(crate) use crate::chronology::entry_date_text;
pub(crate) use crate::vocabulary::category_name;
pub(super) use crate::vocabulary::significance_phrase as significance_name;

/// The status line of a disputed or alleged entry.
pub(super) fn status_text(entry: &Entry) -> Option<String> {
    (entry.status != EntryStatus::Agreed)
        .then(|| crate::vocabulary::status_with_note(entry.status, entry.status_note.as_deref()))
}

/// Everything about an entry in one paragraph: the mark's tooltip and screen-reader text.
pub(crate) fn entry_text(case: &Case, entry: &Entry) -> String {
    let mut parts = vec![format!("No. {}, {}", entry.number, entry_date_text(entry))];
    if let Some((h, m)) = entry.time {
        parts[0].push_str(&format!(", {h:02}:{m:02}"));
    }
    parts.push(entry.event.clone());
    let ages = children_with_ages(case, entry);
    if !ages.is_empty() {
        parts.push(format!("Children: {}", ages.join(", ")));
    }
    parts.push(format!("Category: {}", category_name(&entry.category)));
    parts.extend(impact_texts(case, entry));
    if let Some(voice) = &entry.voice {
        parts.push(format!("Child's voice: \u{201c}{voice}\u{201d}"));
    }
    if let Some(action) = &entry.action {
        parts.push(format!("Action: {action}"));
    }
    let mut source = format!("Source: {}", entry.source);
    if let Some(reference) = &entry.reference {
        source.push_str(&format!(", reference {reference}"));
    }
    parts.push(source);
    parts.push(format!(
        "Significance: {}",
        significance_name(entry.significance)
    ));
    if let Some(status) = status_text(entry) {
        parts.push(format!("Status: {status}"));
    }
    if !entry.people.is_empty() {
        parts.push(format!(
            "People: {}",
            people_with_roles(case, entry).join(", ")
        ));
    }
    if !entry.factors.is_empty() {
        parts.push(format!("Factors: {}", entry.factors.join(", ")));
    }
    sentences(parts)
}

/// The entry's children, each with their age at the entry where their birth date is known.
fn children_with_ages(case: &Case, entry: &Entry) -> Vec<String> {
    entry
        .children
        .iter()
        .map(|c| match case.person(c) {
            Some(p) => match p.born {
                Some(born) => format!(
                    "{} ({})",
                    p.display_name(),
                    crate::chronology::age_between(&born, &entry.date)
                ),
                None => p.display_name().to_string(),
            },
            None => c.to_string(),
        })
        .collect()
}

/// "Impact on Amy: she was frightened (negative)", one for each impact.
fn impact_texts(case: &Case, entry: &Entry) -> Vec<String> {
    entry
        .impacts
        .iter()
        .map(|impact| {
            let who = impact
                .child
                .as_ref()
                .map(|c| format!(" on {}", name_of(case, c)))
                .unwrap_or_default();
            let valence = impact
                .valence
                .map(|v| format!(" ({})", crate::vocabulary::valence_word(v)))
                .unwrap_or_default();
            let text = if impact.text.is_empty() {
                "not described"
            } else {
                impact.text.as_str()
            };
            format!("Impact{who}: {text}{valence}")
        })
        .collect()
}

/// The people an entry involves, each with their role in it where it has one.
fn people_with_roles(case: &Case, entry: &Entry) -> Vec<String> {
    entry
        .people
        .iter()
        .map(|i| match &i.role {
            Some(role) => format!("{} ({role})", name_of(case, &i.person)),
            None => name_of(case, &i.person),
        })
        .collect()
}

/// Parts joined into sentences: a full stop after each, unless it ends in its own.
fn sentences(parts: Vec<String>) -> String {
    let mut text = String::new();
    for part in parts {
        if !text.is_empty() {
            text.push_str(if text.ends_with(['.', '!', '?']) {
                " "
            } else {
                ". "
            });
        }
        text.push_str(part.trim());
    }
    text
}

pub(super) fn name_of(case: &Case, id: &PersonId) -> String {
    case.person(id)
        .map(|p| p.display_name().to_string())
        .unwrap_or_else(|| id.to_string())
}

pub(super) fn age_short(age: &Age) -> String {
    match age {
        Age::PreBirth { weeks: Some(w) } => format!("pre-birth {w}w"),
        Age::PreBirth { weeks: None } => "pre-birth".to_string(),
        other => other.to_string(),
    }
}

/// "4y", "4y 6m", "6m", "birth", with "c." for approximate birth dates.
pub(super) fn age_label(months: u32, approximate: bool) -> String {
    let text = match (months / 12, months % 12) {
        (0, 0) => return "birth".to_string(),
        (0, m) => format!("{m}m"),
        (y, 0) => format!("{y}y"),
        (y, m) => format!("{y}y {m}m"),
    };
    if approximate {
        format!("c. {text}")
    } else {
        text
    }
}

/// "1 entry", "3 later entries".
pub(super) fn entries_text(n: usize, adjective: &str) -> String {
    let noun = if n == 1 { "entry" } else { "entries" };
    if adjective.is_empty() {
        format!("{n} {noun}")
    } else {
        format!("{n} {adjective} {noun}")
    }
}

pub(super) fn months_text(months: u32) -> String {
    match (months / 12, months % 12) {
        (0, 1) => "1 month".into(),
        (0, m) => format!("{m} months"),
        (1, 0) => "1 year".into(),
        (y, 0) => format!("{y} years"),
        (y, m) => format!(
            "{y} year{} {m} month{}",
            if y == 1 { "" } else { "s" },
            if m == 1 { "" } else { "s" }
        ),
    }
}

/// An id-safe form of a case id or name: lower case letters, digits and hyphens.
pub(super) fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}
