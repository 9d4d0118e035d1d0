//! What changed: between two versions of a case file, or, with only the case now, what the
//! case dates inside the review period.
//!
//! Entries are matched across versions by their number when both versions write it; entries
//! without a written number are matched by date and event, and the change says so. People,
//! partnerships and households are matched by id; relationships by the two people and their
//! order among that pair's relationships; legal statuses, placements and schools by kind,
//! children and start date. Anything matched another way than by number or id carries a note.

use super::Period;
use crate::model::{
    Case, Entry, Household, Partnership, PartnershipStatus, PeriodKind, Person, PersonKind,
    Relationship, StatusPeriod,
};
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};

mod entries;
mod family;
mod periods;

use entries::entries_between;
use family::{
    household_dated, households_between, partnership_dated, partnerships_between, people_between,
    person_change, relationship_dated, relationships_between,
};
use periods::{period_dated, periods_between};

/// What kind of thing changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeKind {
    Entry,
    Person,
    Partnership,
    Household,
    Relationship,
    LegalStatus,
    Placement,
    School,
}

/// How it changed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ChangeType {
    Added,
    Edited,
    Ended,
    Removed,
}

/// An entry's number, or any other thing's id.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum ChangeId {
    Number(u32),
    Text(String),
}

impl Serialize for ChangeId {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            ChangeId::Number(n) => serializer.serialize_u32(*n),
            ChangeId::Text(text) => serializer.serialize_str(text),
        }
    }
}

impl std::fmt::Display for ChangeId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ChangeId::Number(n) => write!(f, "No. {n}"),
            ChangeId::Text(text) => f.write_str(text),
        }
    }
}

/// One field's value before and after; `None` where it was or is not written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct FieldChange {
    pub field: String,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// One thing that changed.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Change {
    pub kind: ChangeKind,
    pub change: ChangeType,
    pub id: ChangeId,
    /// A few words naming it: an entry's event, a person's name, a household's name.
    pub what: String,
    /// When it happened, when the case dates it, as the case file writes dates.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date: Option<String>,
    pub fields: Vec<FieldChange>,
    /// How it was matched across versions when not by number or id, or why it was not.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched: Option<String>,
    /// For relationships: the position in the case's list, for marking the drawing.
    #[serde(skip)]
    pub index: Option<usize>,
}

impl Change {
    fn new(kind: ChangeKind, change: ChangeType, id: ChangeId, what: String) -> Change {
        Change {
            kind,
            change,
            id,
            what,
            date: None,
            fields: Vec::new(),
            matched: None,
            index: None,
        }
    }
}

/// The changes between an earlier version and the case now, in a fixed order: entries by
/// number, then people, partnerships, households, relationships and periods in file order.
pub fn between(earlier: &Case, now: &Case, period: Period) -> Vec<Change> {
    let mut changes = entries_between(earlier, now);
    changes.extend(people_between(earlier, now));
    changes.extend(partnerships_between(earlier, now, period));
    changes.extend(households_between(earlier, now, period));
    changes.extend(relationships_between(earlier, now, period));
    changes.extend(periods_between(earlier, now, period));
    changes
}

/// With only the case now: what it dates in the period. Edits and removals cannot be seen
/// this way; the document says so.
pub fn dated(case: &Case, period: Period) -> Vec<Change> {
    let mut changes = Vec::new();
    for entry in case.entries_in_date_order() {
        if period.contains(entry.date.start()) {
            let mut change = Change::new(
                ChangeKind::Entry,
                ChangeType::Added,
                ChangeId::Number(entry.number),
                entry.event.clone(),
            );
            change.date = Some(entry.date.to_case_text());
            changes.push(change);
        }
    }
    changes.sort_by_key(|c| c.id.clone());
    for person in &case.people {
        let born = person.born.filter(|b| period.contains(b.start()));
        let died = person.died.filter(|d| period.contains(d.start()));
        if let Some(born) = born {
            let mut change = person_change(person, ChangeType::Added);
            change.date = Some(born.to_case_text());
            changes.push(change);
        } else if let Some(died) = died {
            let mut change = person_change(person, ChangeType::Edited);
            change.date = Some(died.to_case_text());
            change
                .fields
                .push(field("died", None, Some(died.to_string())));
            changes.push(change);
        }
    }
    for partnership in &case.partnerships {
        if let Some(change) = partnership_dated(case, partnership, period, None) {
            changes.push(change);
        }
    }
    for household in &case.households {
        if let Some(change) = household_dated(case, household, period, None) {
            changes.push(change);
        }
    }
    for (index, relationship) in case.relationships.iter().enumerate() {
        if let Some(change) = relationship_dated(case, relationship, index, period, None) {
            changes.push(change);
        }
    }
    for status in &case.periods {
        if let Some(change) = period_dated(status, period, None) {
            changes.push(change);
        }
    }
    changes
}

fn field(name: &str, old: Option<String>, new: Option<String>) -> FieldChange {
    FieldChange {
        field: name.to_string(),
        old,
        new,
    }
}

/// The fields that differ between two lists of (field, value), in the order of `new`.
fn differences<K: AsRef<str>>(old: &[(K, String)], new: &[(K, String)]) -> Vec<FieldChange> {
    let value = |list: &[(K, String)], name: &str| {
        list.iter()
            .find(|(n, _)| n.as_ref() == name)
            .map(|(_, v)| v.clone())
            .filter(|v| !v.is_empty())
    };
    let mut names: Vec<&str> = new.iter().map(|(n, _)| n.as_ref()).collect();
    for (name, _) in old {
        if !names.contains(&name.as_ref()) {
            names.push(name.as_ref());
        }
    }
    names
        .into_iter()
        .filter_map(|name| {
            let (before, after) = (value(old, name), value(new, name));
            (before != after).then(|| field(name, before, after))
        })
        .collect()
}

fn ids<'a>(list: impl IntoIterator<Item = &'a crate::model::PersonId>) -> String {
    list.into_iter()
        .map(|p| p.0.as_str())
        .collect::<Vec<_>>()
        .join(", ")
}

fn date_text(date: Option<crate::model::PartialDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// A value's name as the case file writes it, from its Rust name: `CutOff` → "cut-off".
fn kind_name(debug: impl std::fmt::Debug) -> String {
    let text = format!("{debug:?}");
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}
