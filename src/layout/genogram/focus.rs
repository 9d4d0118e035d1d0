//! The part of a large family around one person: ancestors some generations up, their
//! descendants some generations down, and everyone's partners.

use crate::graph::Family;
use crate::model::{Case, Household, MultipleBirth, Parentage, People, PersonId};
use std::collections::BTreeSet;

/// Which part of the family to draw.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Focus {
    pub person: PersonId,
    /// Generations of ancestors to include.
    pub up: u32,
    /// Generations below the focus person to include.
    pub down: u32,
}

/// A drawn child's other parent is drawn too (an unknown father as his "?" symbol): without
/// him the child would hang from one parent alone, or from that parent's partnership with
/// someone else, and the drawing would misstate whose child she is. Only the parents the
/// child is drawn under count, and only when one of them is already drawn.
fn keep_every_parent_of_a_kept_child(case: &Case, family: &Family, keep: &mut BTreeSet<usize>) {
    for parentage in case.parentage.iter().filter(|p| p.primary) {
        let Some((child, parents)) = family.child_and_parents(parentage) else {
            continue;
        };
        if keep.contains(&child) && parents.iter().any(|q| keep.contains(q)) {
            keep.extend(parents);
        }
    }
}

/// How many people of the case a focus leaves out of the drawing.
pub fn people_left_out(case: &Case, focus: &Focus) -> usize {
    around(case, focus).1
}

/// The case cut down to the people around the focus person, and how many were left out.
/// An unknown focus person leaves the case whole (`check` reports unknown ids before this).
pub(super) fn around(case: &Case, focus: &Focus) -> (Case, usize) {
    let family = Family::new(case);
    let Some(start) = family.position(&focus.person) else {
        return (case.clone(), 0);
    };
    let mut level: Vec<Option<i64>> = vec![None; family.len()];
    level[start] = Some(0);
    let tops = ancestors(&family, start, focus.up, &mut level);
    descendants(&family, tops, focus.down, &mut level);
    let mut keep: BTreeSet<usize> = (0..family.len()).filter(|&i| level[i].is_some()).collect();
    let blood: Vec<usize> = keep.iter().copied().collect();
    for p in blood {
        for (_, q) in family.partners(p) {
            keep.insert(q);
        }
    }
    keep_every_parent_of_a_kept_child(case, &family, &mut keep);
    cut_to(case, &keep)
}

/// Marks the ancestors of `start` up to `up` generations with their level (negative above
/// the focus person), and returns them with `start`, in the order they were found.
fn ancestors(family: &Family, start: usize, up: u32, level: &mut [Option<i64>]) -> Vec<usize> {
    let mut frontier = vec![start];
    let mut tops = vec![start];
    for depth in 1..=i64::from(up) {
        let mut next = Vec::new();
        for p in frontier {
            for q in family.parents(p) {
                if level[q].is_none() {
                    level[q] = Some(-depth);
                    next.push(q);
                    tops.push(q);
                }
            }
        }
        frontier = next;
    }
    tops
}

/// Marks the descendants of `tops` (not yet marked) with their level, down to `down`
/// generations below the focus person.
fn descendants(family: &Family, tops: Vec<usize>, down: u32, level: &mut [Option<i64>]) {
    let mut stack = tops;
    while let Some(p) = stack.pop() {
        let l = level[p].unwrap_or(0);
        if l >= i64::from(down) {
            continue;
        }
        for c in family.children(p) {
            if level[c].is_none() {
                level[c] = Some(l + 1);
                stack.push(c);
            }
        }
    }
}

/// The case with only the people in `keep` (by position), everything that names anyone else
/// cut down or left out, and how many people were left out.
fn cut_to(case: &Case, keep: &BTreeSet<usize>) -> (Case, usize) {
    let people: Vec<_> = case
        .people
        .iter()
        .enumerate()
        .filter(|(i, _)| keep.contains(i))
        .map(|(_, p)| p.clone())
        .collect();
    let ids: BTreeSet<PersonId> = people.iter().map(|p| p.id.clone()).collect();
    let left_out = case.people.len() - people.len();
    let has = |id: &PersonId| ids.contains(id);
    let mut cut = case.clone();
    cut.people = People::new(people);
    cut.details.subjects.retain(|s| has(s));
    cut.partnerships
        .retain(|p| has(&p.partners[0]) && has(&p.partners[1]));
    cut.parentage = case
        .parentage
        .iter()
        .filter(|p| has(&p.child))
        .filter_map(|p| {
            let parents: Vec<PersonId> = p.parents.iter().filter(|q| has(q)).cloned().collect();
            (!parents.is_empty()).then(|| Parentage {
                parents,
                ..p.clone()
            })
        })
        .collect();
    cut.multiple_births = case
        .multiple_births
        .iter()
        .map(|b| MultipleBirth {
            children: b.children.iter().filter(|c| has(c)).cloned().collect(),
            zygosity: b.zygosity,
        })
        .filter(|b| b.children.len() > 1)
        .collect();
    cut.relationships
        .retain(|r| has(&r.between[0]) && has(&r.between[1]));
    cut.households = case
        .households
        .iter()
        .map(|h| Household {
            members: h
                .members
                .iter()
                .filter(|m| has(&m.person))
                .cloned()
                .collect(),
            ..h.clone()
        })
        .collect();
    (cut, left_out)
}
