//! Dates in a family tree that contradict each other, settled so the tree can be drawn.
//!
//! Genealogy files built up over years often hold a child born after their father died, or a
//! parent born after their child. A case file with those is refused by `check`, rightly: in a
//! court document they are mistakes. A family tree is different: the tree is still worth
//! drawing, and the user is told exactly which date was left out and why. The parent's date
//! is the one left out, because one wrong parent date often contradicts several children.

use crate::diagnostic::{Diagnostic, Location};
use crate::input::case_file::{PersonInput, Text};
use crate::model::PartialDate;
use chrono::Duration;
use std::collections::BTreeMap;

/// How long after a father's death his child can still be born.
const PREGNANCY_DAYS: i64 = 280;

/// Leaves out the dates that contradict each other, with a note for each.
pub(crate) fn settle(people: &mut [PersonInput], diagnostics: &mut Vec<Diagnostic>) {
    for person in people.iter_mut() {
        if let (Some(born), Some(died)) = (date(&person.born), date(&person.died))
            && died.end() < born.start()
            && let Some(died_text) = person.died.take()
        {
            person.deceased = Some(Text::new("true".to_string(), died_text.at));
            diagnostics.push(Diagnostic::note(
                died_text.at,
                format!(
                    "{} is recorded as dying ({died}) before being born ({born}); the date of \
                     death was left out. Check both dates in the family tree.",
                    name(person)
                ),
            ));
        }
    }
    let index: BTreeMap<String, usize> = people
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((p.id.as_ref()?.value.clone(), i)))
        .collect();
    for child in 0..people.len() {
        let Some(born) = date(&people[child].born) else {
            continue;
        };
        for parent in birth_parents(&people[child], &index) {
            settle_parent(people, child, born, parent, diagnostics);
        }
    }
}

fn date(text: &Option<Text>) -> Option<PartialDate> {
    text.as_ref()
        .and_then(|t| PartialDate::parse(&t.value).ok())
}

/// A child's birth parents, by index: the parents it is drawn under and its other parents,
/// wherever the link is biological (or not given).
fn birth_parents(child: &PersonInput, index: &BTreeMap<String, usize>) -> Vec<usize> {
    let biological = |link: &Option<Text>| {
        link.as_ref()
            .is_none_or(|l| l.value.as_str() == "biological")
    };
    let mut parents: Vec<usize> = Vec::new();
    if biological(&child.link) {
        parents.extend(child.parents.iter().filter_map(|p| index.get(&p.value)));
    }
    for other in &child.other_parents {
        if biological(&other.link) {
            parents.extend(other.parents.iter().filter_map(|p| index.get(&p.value)));
        }
    }
    parents
}

/// Leaves out a parent's birth date after the child's, and a parent's death too long before
/// the child's birth (a father's up to a pregnancy before).
fn settle_parent(
    people: &mut [PersonInput],
    child: usize,
    born: PartialDate,
    parent: usize,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if let Some(parent_born) = date(&people[parent].born)
        && born.end() < parent_born.start()
        && let Some(dropped) = people[parent].born.take()
    {
        diagnostics.push(Diagnostic::note(
            dropped.at,
            format!(
                "{} is recorded as born ({born}) before their parent {} ({parent_born}); \
                 the parent's birth date was left out. Check both dates in the family \
                 tree.",
                name(&people[child]),
                name(&people[parent])
            ),
        ));
    }
    let female = people[parent]
        .gender
        .as_ref()
        .is_some_and(|g| g.value == "female");
    let allowance = if female { 0 } else { PREGNANCY_DAYS };
    if let Some(died) = date(&people[parent].died)
        && born.start() > died.end() + Duration::days(allowance)
        && let Some(dropped) = people[parent].died.take()
    {
        people[parent].deceased = Some(Text::new("true".to_string(), dropped.at));
        diagnostics.push(Diagnostic::note(
            dropped.at,
            format!(
                "{} is recorded as born ({born}) after their parent {} died ({died}); \
                 the parent's date of death was left out (they are still shown as \
                 deceased). Check both dates in the family tree.",
                name(&people[child]),
                name(&people[parent])
            ),
        ));
    }
}

/// Someone born this long before the "as at" date with no death recorded has died: family
/// trees often record births from parish registers and nothing after.
pub(crate) const PRESUMED_DEAD_YEARS: i32 = 110;

/// Marks as deceased everyone born more than [`PRESUMED_DEAD_YEARS`] before `as_at` with no
/// death recorded, so that a great-great-grandparent is not drawn alive aged 300. One note
/// says who, by line.
pub(crate) fn presume_deaths(
    people: &mut [PersonInput],
    as_at: chrono::NaiveDate,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut lines = Vec::new();
    let mut first = None;
    for person in people.iter_mut() {
        if person.died.is_some() || person.deceased.is_some() {
            continue;
        }
        let Some(born) = person
            .born
            .as_ref()
            .and_then(|b| PartialDate::parse(&b.value).ok())
        else {
            continue;
        };
        let limit = born
            .end()
            .checked_add_months(chrono::Months::new(12 * PRESUMED_DEAD_YEARS as u32));
        if limit.is_some_and(|limit| limit < as_at) {
            person.deceased = Some(Text::new("true".to_string(), person.at));
            first.get_or_insert(person.at);
            lines.push(person.at.line);
        }
    }
    let Some(first) = first else { return };
    let count = lines.len();
    let shown: Vec<String> = lines.iter().take(5).map(|l| l.to_string()).collect();
    let more = if count > 5 {
        format!(" and {} more", count - 5)
    } else {
        String::new()
    };
    diagnostics.push(Diagnostic::note(
        first,
        format!(
            "{count} {} born more than {PRESUMED_DEAD_YEARS} years before the \"as at\" date \
             with no death recorded {} imported as deceased (lines {}{more}).",
            if count == 1 { "person" } else { "people" },
            if count == 1 { "was" } else { "were" },
            shown.join(", ")
        ),
    ));
}

fn name(person: &PersonInput) -> &str {
    person
        .name
        .as_ref()
        .or(person.id.as_ref())
        .map(|t| t.value.as_str())
        .unwrap_or("Someone")
}

/// The parent ids a person hangs from or is linked to, in file order.
fn parent_ids(person: &PersonInput) -> Vec<String> {
    person
        .parents
        .iter()
        .chain(person.other_parents.iter().flat_map(|o| o.parents.iter()))
        .map(|p| p.value.clone())
        .collect()
}

/// Removes the link `child → parent`, wherever the child lists it.
fn unlink(person: &mut PersonInput, parent: &str) -> Option<Location> {
    if let Some(i) = person.parents.iter().position(|p| p.value == parent) {
        return Some(person.parents.remove(i).at);
    }
    for group in &mut person.other_parents {
        if let Some(i) = group.parents.iter().position(|p| p.value == parent) {
            let at = group.parents.remove(i).at;
            person.other_parents.retain(|g| !g.parents.is_empty());
            return Some(at);
        }
    }
    None
}

/// A tree where someone is their own ancestor cannot be drawn. Walking the tree in file
/// order, the link that closes each loop is left out, with a note.
pub(crate) fn break_cycles(people: &mut [PersonInput], diagnostics: &mut Vec<Diagnostic>) {
    let index: BTreeMap<String, usize> = people
        .iter()
        .enumerate()
        .filter_map(|(i, p)| Some((p.id.as_ref()?.value.clone(), i)))
        .collect();
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        New,
        Open,
        Done,
    }
    let mut marks = vec![Mark::New; people.len()];
    for start in 0..people.len() {
        if marks[start] != Mark::New {
            continue;
        }
        marks[start] = Mark::Open;
        // Each entry: a person and how many of their parents have been followed.
        let mut stack: Vec<(usize, usize)> = vec![(start, 0)];
        while let Some(&(node, next)) = stack.last() {
            let parents = parent_ids(&people[node]);
            let Some(parent) = parents.get(next) else {
                marks[node] = Mark::Done;
                stack.pop();
                continue;
            };
            let Some(&p) = index.get(parent) else {
                if let Some(top) = stack.last_mut() {
                    top.1 += 1;
                }
                continue;
            };
            match marks[p] {
                Mark::New => {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                    marks[p] = Mark::Open;
                    stack.push((p, 0));
                }
                Mark::Open => {
                    let child_name = name(&people[node]).to_string();
                    let parent_name = name(&people[p]).to_string();
                    if let Some(at) = unlink(&mut people[node], parent) {
                        diagnostics.push(Diagnostic::note(
                            at,
                            format!(
                                "{child_name} is listed as a child of {parent_name}, who is \
                                 already their descendant; that link was left out. Check who \
                                 is whose parent in the family tree."
                            ),
                        ));
                    }
                    // The list shrank: the same position now holds the next parent.
                }
                Mark::Done => {
                    if let Some(top) = stack.last_mut() {
                        top.1 += 1;
                    }
                }
            }
        }
    }
}
