//! Lines up an earlier version with the case now after both were redacted for an audience.
//!
//! Redaction gives people and households neutral ids in file order (`p1`, `p2`, …), so a
//! person added near the top of the file would shift every id after them, and the review
//! would see everyone as changed. Both full versions still share the case file's own ids, so
//! the earlier redacted version's ids are translated through them into the ids the redacted
//! case now uses. Anyone no longer in the case gets an id of their own (`removed-p4`).

use crate::model::{Case, PersonId};
use crate::redact::Version;
use std::collections::BTreeMap;

/// The earlier version as redacted for an audience (`earlier`), lined up with the case now
/// (`now`, redacted for the same audience): its people, households, partnerships and entries
/// renamed and renumbered as the case now has them. `earlier_full` and `now_full` are the two
/// versions before redaction.
pub fn aligned(earlier_full: &Case, earlier: &Version, now_full: &Case, now: &Version) -> Case {
    let mut redacted = earlier.case().clone();
    let numbers = entry_numbers(earlier.numbering(), now.numbering());
    align(earlier_full, &mut redacted, now_full, now.case());
    renumber(&mut redacted, &numbers);
    redacted
}

/// Renames every id in `earlier` (the earlier version as redacted) to the id the same person,
/// household or partnership has in `now` (the case now as redacted). `earlier_full` and
/// `now_full` are the two versions before redaction, in the same file order.
pub(crate) fn align(earlier_full: &Case, earlier: &mut Case, now_full: &Case, now: &Case) {
    let people = translation(
        earlier_full.people.iter().map(|p| p.id.0.clone()),
        earlier.people.iter().map(|p| p.id.0.clone()),
        now_full.people.iter().map(|p| p.id.0.clone()),
        now.people.iter().map(|p| p.id.0.clone()),
    );
    let households = translation(
        earlier_full.households.iter().map(|h| h.id.clone()),
        earlier.households.iter().map(|h| h.id.clone()),
        now_full.households.iter().map(|h| h.id.clone()),
        now.households.iter().map(|h| h.id.clone()),
    );
    let partnerships = translation(
        earlier_full.partnerships.iter().map(|p| p.id.clone()),
        earlier.partnerships.iter().map(|p| p.id.clone()),
        now_full.partnerships.iter().map(|p| p.id.clone()),
        now.partnerships.iter().map(|p| p.id.clone()),
    );
    let person =
        |id: &PersonId| PersonId(people.get(&id.0).cloned().unwrap_or_else(|| id.0.clone()));
    rename_people(earlier, &person);
    for household in &mut earlier.households {
        if let Some(id) = households.get(&household.id) {
            household.id = id.clone();
        }
    }
    for partnership in &mut earlier.partnerships {
        if let Some(id) = partnerships.get(&partnership.id) {
            partnership.id = id.clone();
        }
    }
}

/// Redacted earlier id → redacted id now, through the full ids, by position in each list.
fn translation(
    earlier_full: impl Iterator<Item = String>,
    earlier: impl Iterator<Item = String>,
    now_full: impl Iterator<Item = String>,
    now: impl Iterator<Item = String>,
) -> BTreeMap<String, String> {
    let now_by_full: BTreeMap<String, String> = now_full.zip(now).collect();
    earlier_full
        .zip(earlier)
        .map(|(full, redacted)| {
            let target = now_by_full
                .get(&full)
                .cloned()
                .unwrap_or_else(|| format!("removed-{redacted}"));
            (redacted, target)
        })
        .collect()
}

fn rename_people(case: &mut Case, person: &impl Fn(&PersonId) -> PersonId) {
    let list: Vec<_> = std::mem::take(&mut case.people)
        .into_vec()
        .into_iter()
        .map(|mut p| {
            p.id = person(&p.id);
            p
        })
        .collect();
    case.people = crate::model::People::new(list);
    let ids = |list: &mut Vec<PersonId>| list.iter_mut().for_each(|id| *id = person(id));
    ids(&mut case.details.subjects);
    for partnership in &mut case.partnerships {
        partnership.partners = [
            person(&partnership.partners[0]),
            person(&partnership.partners[1]),
        ];
    }
    for parentage in &mut case.parentage {
        parentage.child = person(&parentage.child);
        ids(&mut parentage.parents);
    }
    for birth in &mut case.multiple_births {
        ids(&mut birth.children);
    }
    for relationship in &mut case.relationships {
        relationship.between = [
            person(&relationship.between[0]),
            person(&relationship.between[1]),
        ];
    }
    for household in &mut case.households {
        for member in &mut household.members {
            member.person = person(&member.person);
        }
    }
    for entry in &mut case.entries {
        ids(&mut entry.children);
        for impact in &mut entry.impacts {
            impact.child = impact.child.as_ref().map(person);
        }
        for involvement in &mut entry.people {
            involvement.person = person(&involvement.person);
        }
    }
    for period in &mut case.periods {
        ids(&mut period.children);
    }
    for rule in &mut case.visits {
        ids(&mut rule.children);
    }
}

/// The earlier version's entry numbers as the version now numbers the same entries. Each
/// version of a case for an audience numbers its entries 1, 2, 3 …; `earlier` and `now` are
/// (number in the file, number in the version) pairs. Entries no longer in the case get
/// numbers after the last one now, in order, so they cannot be taken for another entry.
pub(crate) fn entry_numbers(earlier: &[(u32, u32)], now: &[(u32, u32)]) -> BTreeMap<u32, u32> {
    let now_by_file: BTreeMap<u32, u32> = now.iter().copied().collect();
    let mut next = now.iter().map(|(_, n)| *n).max().unwrap_or(0);
    earlier
        .iter()
        .map(|(file, version)| {
            let number = match now_by_file.get(file) {
                Some(n) => *n,
                None => {
                    next += 1;
                    next
                }
            };
            (*version, number)
        })
        .collect()
}

/// Gives the earlier version's entries the numbers [`entry_numbers`] found.
pub(crate) fn renumber(case: &mut Case, numbers: &BTreeMap<u32, u32>) {
    for entry in &mut case.entries {
        if let Some(n) = numbers.get(&entry.number) {
            entry.number = *n;
        }
    }
}
