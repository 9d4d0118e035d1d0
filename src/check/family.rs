//! Checks that need the whole family at once: birth parents, ancestry, and the dates of
//! parents and children against each other.

use super::Checker;
use crate::diagnostic::Location;
use crate::input::case_file::CaseFile;
use crate::model::*;
use chrono::Duration;
use std::collections::BTreeMap;

/// The youngest age at which a parent is not worth a note.
const YOUNG_PARENT_YEARS: u32 = 13;
/// How long after a father's death a child can be born.
const PREGNANCY_DAYS: i64 = 280;

pub(super) fn check(
    checker: &mut Checker,
    file: &CaseFile,
    people: &People,
    parentage: &[Parentage],
    twins: &[MultipleBirth],
) {
    let places = parent_places(file);
    let at = |child: &PersonId| places.get(child.as_str()).copied().unwrap_or_default();
    birth_parents(checker, parentage, &at);
    ancestry(checker, parentage, &at);
    parent_dates(checker, people, parentage, &at);
    twin_dates(checker, file, people, twins);
}

/// Where each child's `parents` are written, for pointing messages at them.
fn parent_places(file: &CaseFile) -> BTreeMap<&str, Location> {
    file.people
        .iter()
        .filter_map(|p| {
            let id = p.id.as_ref()?.value.trim();
            let at = p
                .parents
                .first()
                .or_else(|| p.other_parents.first().and_then(|o| o.parents.first()))
                .map_or(p.at, |t| t.at);
            Some((id, at))
        })
        .collect()
}

fn birth_parents(
    checker: &mut Checker,
    parentage: &[Parentage],
    at: &dyn Fn(&PersonId) -> Location,
) {
    let mut birth: BTreeMap<&PersonId, Vec<&PersonId>> = BTreeMap::new();
    for p in parentage.iter().filter(|p| p.link == ChildLink::Biological) {
        let parents = birth.entry(&p.child).or_default();
        for parent in &p.parents {
            if !parents.contains(&parent) {
                parents.push(parent);
            }
        }
    }
    for (child, parents) in birth {
        if parents.len() > 2 {
            let names: Vec<String> = parents
                .iter()
                .map(|p| checker.name_of(p.as_str()))
                .collect();
            checker.problem(
                at(child),
                format!(
                    "{} has {} birth parents ({}); a child has at most two.",
                    checker.name_of(child.as_str()),
                    parents.len(),
                    names.join(", ")
                ),
                "Give the other parent figures their own link (step, adopted, foster, kinship-care, \
                 special-guardianship) in `other-parents`.",
            );
        }
    }
}

/// Finds anyone who is their own ancestor, by a depth-first walk up the parent links.
fn ancestry(checker: &mut Checker, parentage: &[Parentage], at: &dyn Fn(&PersonId) -> Location) {
    let mut parents_of: BTreeMap<&PersonId, Vec<&PersonId>> = BTreeMap::new();
    for p in parentage {
        parents_of
            .entry(&p.child)
            .or_default()
            .extend(p.parents.iter());
    }
    #[derive(Clone, Copy, PartialEq)]
    enum Mark {
        Walking,
        Done,
    }
    let mut marks: BTreeMap<&PersonId, Mark> = BTreeMap::new();
    let children: Vec<&PersonId> = parents_of.keys().copied().collect();
    for start in children {
        if marks.contains_key(start) {
            continue;
        }
        // The path from `start` up, with the next parent to visit at each step.
        let mut path: Vec<(&PersonId, usize)> = vec![(start, 0)];
        marks.insert(start, Mark::Walking);
        while let Some((person, next)) = path.last_mut() {
            let parents = parents_of.get(*person).map_or(&[][..], |v| v.as_slice());
            let Some(&parent) = parents.get(*next) else {
                marks.insert(*person, Mark::Done);
                path.pop();
                continue;
            };
            *next += 1;
            match marks.get(parent) {
                None => {
                    marks.insert(parent, Mark::Walking);
                    path.push((parent, 0));
                }
                Some(Mark::Walking) => {
                    let cycle_start = path.iter().position(|(p, _)| *p == parent).unwrap_or(0);
                    let mut names: Vec<String> = path[cycle_start..]
                        .iter()
                        .map(|(p, _)| checker.name_of(p.as_str()))
                        .collect();
                    names.push(checker.name_of(parent.as_str()));
                    checker.problem(
                        at(parent),
                        format!(
                            "{} is their own ancestor: {} is a child of {}.",
                            checker.name_of(parent.as_str()),
                            names[0],
                            names[1..].join(", who is a child of ")
                        ),
                        "One of these `parents` is wrong: check who is whose parent.",
                    );
                }
                Some(Mark::Done) => {}
            }
        }
    }
}

fn parent_dates(
    checker: &mut Checker,
    people: &People,
    parentage: &[Parentage],
    at: &dyn Fn(&PersonId) -> Location,
) {
    for p in parentage.iter().filter(|p| p.link == ChildLink::Biological) {
        let Some(child) = people.get(&p.child) else {
            continue;
        };
        let Some(born) = child.born else { continue };
        for parent_id in &p.parents {
            let Some(parent) = people.get(parent_id) else {
                continue;
            };
            let child_name = child.display_name();
            let parent_name = parent.display_name();
            if let Some(parent_born) = parent.born {
                if born.end() < parent_born.start() {
                    checker.problem(
                        at(&p.child),
                        format!("{child_name} ({born}) is born before their parent {parent_name} ({parent_born})."),
                        "Check the two birth dates and the child's `parents`.",
                    );
                    continue;
                }
                if let Some(Age::Born { years, .. }) = parent_born_age(&parent_born, &born)
                    && years < YOUNG_PARENT_YEARS
                {
                    checker.note(
                            at(&p.child),
                            format!("{parent_name} was about {years} when {child_name} was born."),
                            "If that is right, it is worth a note in the assessment; if not, check the birth dates.",
                        );
                }
            }
            if let Some(died) = parent.died {
                let allowance = match parent.gender {
                    Gender::Female => 0,
                    _ => PREGNANCY_DAYS,
                };
                if born.start() > died.end() + Duration::days(allowance) {
                    checker.problem(
                        at(&p.child),
                        format!("{child_name} ({born}) is born after their parent {parent_name} died ({died})."),
                        "Check the date of death, the birth date and the child's `parents`.",
                    );
                }
            }
        }
    }
}

/// The parent's age on the child's birth day, counted from the child's latest possible birth.
fn parent_born_age(parent_born: &PartialDate, child_born: &PartialDate) -> Option<Age> {
    Some(Age::at(parent_born, child_born.end()))
}

fn twin_dates(checker: &mut Checker, file: &CaseFile, people: &People, twins: &[MultipleBirth]) {
    for (birth, input) in twins.iter().zip(&file.twins) {
        let dates: Vec<PartialDate> = birth
            .children
            .iter()
            .filter_map(|id| people.get(id)?.born)
            .collect();
        let apart = dates.iter().any(|a| {
            dates.iter().any(|b| {
                (a.start() - b.start()).num_days().abs() > 2
                    && !a.is_uncertain()
                    && !b.is_uncertain()
            })
        });
        if apart {
            checker.note(
                input.at,
                "These twins have birth dates more than two days apart.".into(),
                "Check their birth dates.",
            );
        }
    }
}
