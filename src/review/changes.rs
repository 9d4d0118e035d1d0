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
    Relationship, Significance, StatusPeriod, Valence,
};
use serde::{Serialize, Serializer};
use std::collections::{BTreeMap, BTreeSet};

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

impl ChangeKind {
    pub fn name(self) -> &'static str {
        match self {
            ChangeKind::Entry => "entry",
            ChangeKind::Person => "person",
            ChangeKind::Partnership => "partnership",
            ChangeKind::Household => "household",
            ChangeKind::Relationship => "relationship",
            ChangeKind::LegalStatus => "legal status",
            ChangeKind::Placement => "placement",
            ChangeKind::School => "school",
        }
    }
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

impl ChangeType {
    pub fn name(self) -> &'static str {
        match self {
            ChangeType::Added => "added",
            ChangeType::Edited => "edited",
            ChangeType::Ended => "ended",
            ChangeType::Removed => "removed",
        }
    }
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

fn valence(v: Valence) -> &'static str {
    match v {
        Valence::Positive => "positive",
        Valence::Neutral => "neutral",
        Valence::Negative => "negative",
    }
}

fn significance(s: Significance) -> &'static str {
    match s {
        Significance::High => "high",
        Significance::Medium => "medium",
        Significance::Low => "low",
    }
}

fn date_text(date: Option<crate::model::PartialDate>) -> String {
    date.map(|d| d.to_string()).unwrap_or_default()
}

/// An entry's fields as the case file names them, each as text.
fn entry_fields(entry: &Entry) -> Vec<(&'static str, String)> {
    let progress = entry.action_progress.as_ref();
    let impacts = entry
        .impacts
        .iter()
        .map(|i| match &i.child {
            Some(child) => format!(
                "{child}: {} ({})",
                i.text,
                i.valence.map_or("not rated", valence)
            ),
            None => format!("{} ({})", i.text, i.valence.map_or("not rated", valence)),
        })
        .collect::<Vec<_>>()
        .join("; ");
    let people = entry
        .people
        .iter()
        .map(|p| match &p.role {
            Some(role) => format!("{} ({role})", p.person),
            None => p.person.0.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ");
    vec![
        ("date", entry.date.to_string()),
        ("end", date_text(entry.end)),
        (
            "time",
            entry
                .time
                .map(|(h, m)| format!("{h:02}:{m:02}"))
                .unwrap_or_default(),
        ),
        ("children", ids(&entry.children)),
        ("event", entry.event.clone()),
        ("category", entry.category.clone()),
        ("factors", entry.factors.join(", ")),
        ("source", entry.source.clone()),
        ("reference", entry.reference.clone().unwrap_or_default()),
        ("impact", impacts),
        ("action", entry.action.clone().unwrap_or_default()),
        (
            "action who",
            progress.and_then(|p| p.who.clone()).unwrap_or_default(),
        ),
        ("action due", date_text(progress.and_then(|p| p.due))),
        ("action done", date_text(progress.and_then(|p| p.done))),
        (
            "significance",
            entry
                .significance
                .map(|s| significance(s).to_string())
                .unwrap_or_default(),
        ),
        ("status", format!("{:?}", entry.status).to_lowercase()),
        ("status-note", entry.status_note.clone().unwrap_or_default()),
        ("people", people),
        ("voice", entry.voice.clone().unwrap_or_default()),
    ]
}

fn entry_change(entry: &Entry, change: ChangeType) -> Change {
    let mut out = Change::new(
        ChangeKind::Entry,
        change,
        ChangeId::Number(entry.number),
        entry.event.clone(),
    );
    out.date = Some(entry.date.to_case_text());
    out
}

/// Entries by number where both versions write it, else by date and event.
fn entries_between(earlier: &Case, now: &Case) -> Vec<Change> {
    let mut changes = Vec::new();
    let mut matched_earlier: BTreeSet<usize> = BTreeSet::new();
    let by_number: BTreeMap<u32, usize> = earlier
        .entries
        .iter()
        .enumerate()
        .filter(|(_, e)| e.numbered)
        .map(|(i, e)| (e.number, i))
        .collect();
    for entry in &now.entries {
        let numbered_match = entry
            .numbered
            .then(|| by_number.get(&entry.number))
            .flatten()
            .filter(|i| !matched_earlier.contains(i));
        let (found, how) = match numbered_match {
            Some(&i) => (Some(i), None),
            None => {
                let same = earlier.entries.iter().enumerate().find(|(i, e)| {
                    !(matched_earlier.contains(i) || e.numbered && entry.numbered)
                        && e.date == entry.date
                        && e.event == entry.event
                });
                match same {
                    Some((i, _)) => (
                        Some(i),
                        Some("matched by date and event: the entry has no number in one version"),
                    ),
                    None if !entry.numbered => (
                        None,
                        Some(
                            "not matched: the entry has no number, and no earlier entry has its date and event",
                        ),
                    ),
                    None => (None, None),
                }
            }
        };
        match found {
            Some(i) => {
                matched_earlier.insert(i);
                let fields = differences(&entry_fields(&earlier.entries[i]), &entry_fields(entry));
                if !fields.is_empty() {
                    let mut change = entry_change(entry, ChangeType::Edited);
                    change.fields = fields;
                    change.matched = how.map(str::to_string);
                    changes.push(change);
                }
            }
            None => {
                let mut change = entry_change(entry, ChangeType::Added);
                change.matched = how.map(str::to_string);
                changes.push(change);
            }
        }
    }
    for (i, entry) in earlier.entries.iter().enumerate() {
        if !matched_earlier.contains(&i) {
            let mut change = entry_change(entry, ChangeType::Removed);
            if !entry.numbered {
                change.matched = Some(
                    "not matched: the entry has no number, and no entry now has its date and event"
                        .into(),
                );
            }
            changes.push(change);
        }
    }
    changes.sort_by_key(|c| (c.id.clone(), c.change));
    changes
}

fn person_fields(case: &Case, person: &Person) -> Vec<(&'static str, String)> {
    let parents = case
        .parentage
        .iter()
        .filter(|p| p.child == person.id)
        .map(|p| format!("{} ({:?})", ids(&p.parents), p.link).to_lowercase())
        .collect::<Vec<_>>()
        .join("; ");
    let kind = match &person.kind {
        PersonKind::Individual => String::new(),
        PersonKind::Pregnancy => "pregnancy".into(),
        PersonKind::Loss(loss) => format!("{loss:?}").to_lowercase(),
        PersonKind::Group { count } => format!("group of {count}"),
    };
    vec![
        ("name", person.name.clone()),
        ("known-as", person.known_as.clone().unwrap_or_default()),
        ("gender", format!("{:?}", person.gender).to_lowercase()),
        ("kind", kind),
        ("born", date_text(person.born)),
        ("died", date_text(person.died)),
        (
            "deceased",
            if person.deceased { "yes" } else { "" }.to_string(),
        ),
        (
            "role",
            person
                .role
                .as_ref()
                .map(|r| r.text.clone())
                .unwrap_or_default(),
        ),
        ("address", person.address.clone().unwrap_or_default()),
        ("school", person.school.clone().unwrap_or_default()),
        (
            "notes",
            person
                .notes
                .iter()
                .map(|n| n.text.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("parents", parents),
    ]
}

fn person_change(person: &Person, change: ChangeType) -> Change {
    Change::new(
        ChangeKind::Person,
        change,
        ChangeId::Text(person.id.0.clone()),
        person.display_name().to_string(),
    )
}

fn people_between(earlier: &Case, now: &Case) -> Vec<Change> {
    let mut changes = Vec::new();
    for person in &now.people {
        match earlier.person(&person.id) {
            None => changes.push(person_change(person, ChangeType::Added)),
            Some(before) => {
                let fields =
                    differences(&person_fields(earlier, before), &person_fields(now, person));
                if !fields.is_empty() {
                    let mut change = person_change(person, ChangeType::Edited);
                    change.fields = fields;
                    changes.push(change);
                }
            }
        }
    }
    for person in &earlier.people {
        if now.person(&person.id).is_none() {
            changes.push(person_change(person, ChangeType::Removed));
        }
    }
    changes
}

fn is_ending(status: PartnershipStatus) -> bool {
    matches!(
        status,
        PartnershipStatus::Separated
            | PartnershipStatus::Divorced
            | PartnershipStatus::Dissolved
            | PartnershipStatus::Widowed
    )
}

fn status_name(status: PartnershipStatus) -> String {
    let debug = format!("{status:?}");
    let mut out = String::new();
    for (i, c) in debug.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push('-');
        }
        out.extend(c.to_lowercase());
    }
    out
}

fn name_of(case: &Case, id: &crate::model::PersonId) -> String {
    case.person(id)
        .map(|p| p.display_name().to_string())
        .unwrap_or_else(|| id.0.clone())
}

fn partnership_fields(partnership: &Partnership) -> Vec<(&'static str, String)> {
    let states = partnership
        .states
        .iter()
        .map(|s| match &s.from {
            Some(from) => format!("{} from {from}", status_name(s.status)),
            None => status_name(s.status),
        })
        .collect::<Vec<_>>()
        .join("; ");
    vec![("partners", ids(&partnership.partners)), ("states", states)]
}

fn partnership_change(case: &Case, partnership: &Partnership, change: ChangeType) -> Change {
    Change::new(
        ChangeKind::Partnership,
        change,
        ChangeId::Text(partnership.id.clone()),
        format!(
            "{} and {}",
            name_of(case, &partnership.partners[0]),
            name_of(case, &partnership.partners[1])
        ),
    )
}

/// A partnership that began, changed state or ended in the period. `edited` carries the
/// field changes found against an earlier version, if any.
fn partnership_dated(
    case: &Case,
    partnership: &Partnership,
    period: Period,
    edited: Option<Vec<FieldChange>>,
) -> Option<Change> {
    let in_period: Vec<_> = partnership
        .states
        .iter()
        .enumerate()
        .filter(|(_, s)| s.from.is_some_and(|f| period.contains(f.start())))
        .collect();
    let (first_index, _) = *in_period.first()?;
    let (_, last) = *in_period.last()?;
    let change = if first_index == 0 {
        ChangeType::Added
    } else if is_ending(last.status) {
        ChangeType::Ended
    } else {
        ChangeType::Edited
    };
    let mut out = partnership_change(case, partnership, change);
    out.date = last.from.map(|d| d.to_case_text());
    out.fields = match edited {
        Some(fields) => fields,
        None if first_index > 0 => vec![field(
            "state",
            Some(status_name(partnership.states[first_index - 1].status)),
            Some(status_name(last.status)),
        )],
        None => Vec::new(),
    };
    Some(out)
}

fn partnerships_between(earlier: &Case, now: &Case, period: Period) -> Vec<Change> {
    let mut changes = Vec::new();
    for partnership in &now.partnerships {
        match earlier.partnerships.iter().find(|p| p.id == partnership.id) {
            None => changes.push(partnership_change(now, partnership, ChangeType::Added)),
            Some(before) => {
                let fields = differences(
                    &partnership_fields(before),
                    &partnership_fields(partnership),
                );
                if let Some(change) =
                    partnership_dated(now, partnership, period, Some(fields.clone()))
                        .filter(|c| c.change == ChangeType::Ended)
                {
                    changes.push(change);
                } else if !fields.is_empty() {
                    let mut change = partnership_change(now, partnership, ChangeType::Edited);
                    change.fields = fields;
                    changes.push(change);
                }
            }
        }
    }
    for partnership in &earlier.partnerships {
        if !now.partnerships.iter().any(|p| p.id == partnership.id) {
            changes.push(partnership_change(
                earlier,
                partnership,
                ChangeType::Removed,
            ));
        }
    }
    changes
}

fn span_text(span: &crate::model::Span) -> String {
    match (&span.from, &span.to) {
        (None, None) => String::new(),
        (Some(from), None) => format!("from {from}"),
        (None, Some(to)) => format!("to {to}"),
        (Some(from), Some(to)) => format!("{from} to {to}"),
    }
}

/// A household's name and one field per member ("member amy"), so a change names only the
/// members who joined, left or moved dates. A member's empty span reads "throughout".
fn household_fields(household: &Household) -> Vec<(String, String)> {
    let mut fields = vec![("name".to_string(), household.name.clone())];
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for member in &household.members {
        let n = seen.entry(member.person.as_str()).or_insert(0);
        *n += 1;
        let name = match *n {
            1 => format!("member {}", member.person),
            n => format!("member {} ({n})", member.person),
        };
        let span = match span_text(&member.span) {
            text if text.is_empty() => "throughout".to_string(),
            text => text,
        };
        fields.push((name, span));
    }
    fields
}

fn household_change(household: &Household, change: ChangeType) -> Change {
    Change::new(
        ChangeKind::Household,
        change,
        ChangeId::Text(household.id.clone()),
        household.name.clone(),
    )
}

/// A household whose members joined or left in the period; ended when the last member left
/// in it.
fn household_dated(
    case: &Case,
    household: &Household,
    period: Period,
    edited: Option<Vec<FieldChange>>,
) -> Option<Change> {
    let joined: Vec<_> = household
        .members
        .iter()
        .filter(|m| m.span.from.is_some_and(|f| period.contains(f.start())))
        .collect();
    let left: Vec<_> = household
        .members
        .iter()
        .filter(|m| m.span.to.is_some_and(|t| period.contains(t.start())))
        .collect();
    if joined.is_empty() && left.is_empty() {
        return None;
    }
    let all_left = household.members.iter().all(|m| m.span.to.is_some());
    let all_joined = joined.len() == household.members.len();
    let change = if all_left && !left.is_empty() {
        ChangeType::Ended
    } else if all_joined {
        ChangeType::Added
    } else {
        ChangeType::Edited
    };
    let mut out = household_change(household, change);
    out.date = left
        .iter()
        .chain(joined.iter())
        .filter_map(|m| m.span.to.or(m.span.from))
        .max_by_key(|d| d.start())
        .map(|d| d.to_case_text());
    out.fields = edited.unwrap_or_else(|| {
        let names = |list: &[&crate::model::Membership]| {
            list.iter()
                .map(|m| name_of(case, &m.person))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut fields = Vec::new();
        if !joined.is_empty() {
            fields.push(field("joined", None, Some(names(&joined))));
        }
        if !left.is_empty() {
            fields.push(field("left", None, Some(names(&left))));
        }
        fields
    });
    Some(out)
}

fn households_between(earlier: &Case, now: &Case, period: Period) -> Vec<Change> {
    let mut changes = Vec::new();
    for household in &now.households {
        match earlier.households.iter().find(|h| h.id == household.id) {
            None => changes.push(household_change(household, ChangeType::Added)),
            Some(before) => {
                let fields = differences(&household_fields(before), &household_fields(household));
                if let Some(change) = household_dated(now, household, period, Some(fields.clone()))
                    .filter(|c| c.change == ChangeType::Ended)
                {
                    changes.push(change);
                } else if !fields.is_empty() {
                    let mut change = household_change(household, ChangeType::Edited);
                    change.fields = fields;
                    changes.push(change);
                }
            }
        }
    }
    for household in &earlier.households {
        if !now.households.iter().any(|h| h.id == household.id) {
            changes.push(household_change(household, ChangeType::Removed));
        }
    }
    changes
}

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

fn relationship_fields(relationship: &Relationship) -> Vec<(&'static str, String)> {
    vec![
        ("kind", kind_name(relationship.kind)),
        (
            "by",
            if relationship.directed {
                relationship.between[0].0.clone()
            } else {
                String::new()
            },
        ),
        ("from", date_text(relationship.span.from)),
        ("to", date_text(relationship.span.to)),
        ("note", relationship.note.clone().unwrap_or_default()),
    ]
}

/// The unordered pair a relationship is between, as an id: "amy--kofi".
fn pair_id(relationship: &Relationship) -> String {
    let mut pair = [
        relationship.between[0].0.as_str(),
        relationship.between[1].0.as_str(),
    ];
    pair.sort();
    format!("{}--{}", pair[0], pair[1])
}

/// Relationships keyed by their pair and their place among that pair's relationships.
fn relationship_keys(case: &Case) -> Vec<(String, usize)> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    case.relationships
        .iter()
        .map(|r| {
            let pair = pair_id(r);
            let n = seen.entry(pair.clone()).or_insert(0);
            *n += 1;
            (pair, *n)
        })
        .collect()
}

fn relationship_change(
    case: &Case,
    relationship: &Relationship,
    key: &(String, usize),
    change: ChangeType,
) -> Change {
    let id = if key.1 == 1 {
        key.0.clone()
    } else {
        format!("{}-{}", key.0, key.1)
    };
    Change::new(
        ChangeKind::Relationship,
        change,
        ChangeId::Text(id),
        format!(
            "{} and {}: {}",
            name_of(case, &relationship.between[0]),
            name_of(case, &relationship.between[1]),
            kind_name(relationship.kind)
        ),
    )
}

fn relationship_dated(
    case: &Case,
    relationship: &Relationship,
    index: usize,
    period: Period,
    edited: Option<Vec<FieldChange>>,
) -> Option<Change> {
    let began = relationship
        .span
        .from
        .filter(|f| period.contains(f.start()));
    let ended = relationship.span.to.filter(|t| period.contains(t.start()));
    let change = match (began, ended) {
        (_, Some(_)) => ChangeType::Ended,
        (Some(_), None) => ChangeType::Added,
        (None, None) => return None,
    };
    let key = &relationship_keys(case)[index];
    let mut out = relationship_change(case, relationship, key, change);
    out.index = Some(index);
    out.date = ended.or(began).map(|d| d.to_case_text());
    out.fields = edited.unwrap_or_default();
    Some(out)
}

fn relationships_between(earlier: &Case, now: &Case, period: Period) -> Vec<Change> {
    let (old_keys, new_keys) = (relationship_keys(earlier), relationship_keys(now));
    let how = "matched by the two people and its place among their relationships";
    let mut changes = Vec::new();
    for (index, relationship) in now.relationships.iter().enumerate() {
        let key = &new_keys[index];
        match old_keys.iter().position(|k| k == key) {
            None => {
                let mut change = relationship_change(now, relationship, key, ChangeType::Added);
                change.index = Some(index);
                changes.push(change);
            }
            Some(i) => {
                let fields = differences(
                    &relationship_fields(&earlier.relationships[i]),
                    &relationship_fields(relationship),
                );
                let ended =
                    relationship_dated(now, relationship, index, period, Some(fields.clone()))
                        .filter(|c| c.change == ChangeType::Ended);
                let change = match ended {
                    Some(change) => Some(change),
                    None if !fields.is_empty() => {
                        let mut change =
                            relationship_change(now, relationship, key, ChangeType::Edited);
                        change.fields = fields;
                        change.index = Some(index);
                        Some(change)
                    }
                    None => None,
                };
                if let Some(mut change) = change {
                    change.matched = Some(how.into());
                    changes.push(change);
                }
            }
        }
    }
    for (i, relationship) in earlier.relationships.iter().enumerate() {
        if !new_keys.contains(&old_keys[i]) {
            changes.push(relationship_change(
                earlier,
                relationship,
                &old_keys[i],
                ChangeType::Removed,
            ));
        }
    }
    changes
}

fn period_kind(kind: PeriodKind) -> ChangeKind {
    match kind {
        PeriodKind::Placement => ChangeKind::Placement,
        PeriodKind::School => ChangeKind::School,
        _ => ChangeKind::LegalStatus,
    }
}

fn period_fields(status: &StatusPeriod) -> Vec<(&'static str, String)> {
    vec![
        ("kind", kind_name(status.kind)),
        ("detail", status.detail.clone().unwrap_or_default()),
        ("children", ids(&status.children)),
        ("from", status.period.start.to_string()),
        ("to", date_text(status.period.end)),
    ]
}

/// A period's id: its kind, children and start, as nothing else names it.
fn period_id(status: &StatusPeriod) -> String {
    let mut id = format!(
        "{} from {}",
        kind_name(status.kind),
        status.period.start.to_case_text()
    );
    if !status.children.is_empty() {
        id.push_str(&format!(" ({})", ids(&status.children)));
    }
    id
}

fn period_change(status: &StatusPeriod, change: ChangeType) -> Change {
    let what = match &status.detail {
        Some(detail) => format!("{}: {detail}", kind_name(status.kind)),
        None => kind_name(status.kind),
    };
    Change::new(
        period_kind(status.kind),
        change,
        ChangeId::Text(period_id(status)),
        what,
    )
}

fn period_dated(
    status: &StatusPeriod,
    period: Period,
    edited: Option<Vec<FieldChange>>,
) -> Option<Change> {
    let began = period.contains(status.period.start.start());
    let ended = status.period.end.filter(|e| period.contains(e.start()));
    let change = match (began, ended) {
        (true, _) => ChangeType::Added,
        (false, Some(_)) => ChangeType::Ended,
        (false, None) => return None,
    };
    let mut out = period_change(status, change);
    out.date = Some(match ended {
        Some(end) if change == ChangeType::Ended => end.to_case_text(),
        _ => status.period.start.to_case_text(),
    });
    out.fields = edited.unwrap_or_default();
    Some(out)
}

fn periods_between(earlier: &Case, now: &Case, period: Period) -> Vec<Change> {
    let how = "matched by kind, children and start date";
    let mut changes = Vec::new();
    for status in &now.periods {
        let id = period_id(status);
        match earlier.periods.iter().find(|p| period_id(p) == id) {
            None => changes.push(period_change(status, ChangeType::Added)),
            Some(before) => {
                let fields = differences(&period_fields(before), &period_fields(status));
                let ended = period_dated(status, period, Some(fields.clone()))
                    .filter(|c| c.change == ChangeType::Ended);
                let change = match ended {
                    Some(change) => Some(change),
                    None if !fields.is_empty() => {
                        let mut change = period_change(status, ChangeType::Edited);
                        change.fields = fields;
                        Some(change)
                    }
                    None => None,
                };
                if let Some(mut change) = change {
                    change.matched = Some(how.into());
                    changes.push(change);
                }
            }
        }
    }
    for status in &earlier.periods {
        let id = period_id(status);
        if !now.periods.iter().any(|p| period_id(p) == id) {
            changes.push(period_change(status, ChangeType::Removed));
        }
    }
    changes
}
