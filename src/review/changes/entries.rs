//! Entries: matched by number, or by date and event where no number is written.

use super::*;
use crate::vocabulary::{ENTRY_STATUSES, NOT_RATED, SIGNIFICANCES, case_word, valence_word};

/// An entry's fields as the case file names them, each as text.
pub(super) fn entry_fields(entry: &Entry) -> Vec<(&'static str, String)> {
    let progress = entry.action_progress.as_ref();
    let impacts = entry
        .impacts
        .iter()
        .map(|i| match &i.child {
            Some(child) => format!(
                "{child}: {} ({})",
                i.text,
                i.valence.map_or(NOT_RATED, valence_word)
            ),
            None => format!("{} ({})", i.text, i.valence.map_or(NOT_RATED, valence_word)),
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
                .map(|s| case_word(SIGNIFICANCES, s).to_string())
                .unwrap_or_default(),
        ),
        (
            "status",
            case_word(ENTRY_STATUSES, entry.status).to_string(),
        ),
        ("status-note", entry.status_note.clone().unwrap_or_default()),
        ("people", people),
        ("voice", entry.voice.clone().unwrap_or_default()),
    ]
}

pub(super) fn entry_change(entry: &Entry, change: ChangeType) -> Change {
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
pub(super) fn entries_between(earlier: &Case, now: &Case) -> Vec<Change> {
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
