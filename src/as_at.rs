//! The case as it stood on its "as at" date: everything the case file dates later is left out
//! and counted, so that every document drawn from the case says only what was so by then.
//!
//! The cut is made once, on the checked case, before redaction and layout; no renderer knows
//! of it except to print the count ([`Cut::sentence`]). What began before the date and ended
//! after it is shown as still going on, since on that day its end was not yet known.

use crate::model::{Case, DatedText, PartialDate, Person, PersonId, PersonKind, Span};
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// What the cut left out as later than its date, by kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Cut {
    pub date: NaiveDate,
    /// People born after the date, left out with every tie that names them. A subject child
    /// due within 40 weeks of the date is not among them: it is drawn as a pregnancy.
    pub people: usize,
    pub entries: usize,
    /// Legal statuses, placements and schools.
    pub periods: usize,
    /// Partnerships that had not begun.
    pub partnerships: usize,
    /// Later states of partnerships that had begun (a separation, a marriage).
    pub partnership_changes: usize,
    pub relationships: usize,
    pub households: usize,
    /// Household memberships that had not begun, in households that had.
    pub household_members: usize,
    /// Other parent figures (foster, kinship, special guardianship) not yet in place.
    pub other_parents: usize,
    pub roles: usize,
    pub notes: usize,
    /// Deaths after the date: the person is drawn as living.
    pub deaths: usize,
}

impl Cut {
    /// True when nothing in the case was later than the date.
    pub fn is_empty(&self) -> bool {
        self.counts().is_empty()
    }

    /// Each kind left out with its count, in a fixed order: "12 entries", "1 role".
    pub fn counts(&self) -> Vec<String> {
        let kinds: [(usize, &str, &str); 12] = [
            (self.people, "person born later", "people born later"),
            (self.entries, "entry", "entries"),
            (self.periods, "period", "periods"),
            (self.partnerships, "partnership", "partnerships"),
            (
                self.partnership_changes,
                "change to a partnership",
                "changes to partnerships",
            ),
            (self.relationships, "relationship", "relationships"),
            (self.households, "household", "households"),
            (
                self.household_members,
                "move into a household",
                "moves into households",
            ),
            (
                self.other_parents,
                "other parent figure",
                "other parent figures",
            ),
            (self.roles, "role", "roles"),
            (self.notes, "note", "notes"),
            (self.deaths, "death", "deaths"),
        ];
        kinds
            .iter()
            .filter(|(n, _, _)| *n > 0)
            .map(|(n, one, many)| format!("{n} {}", if *n == 1 { one } else { many }))
            .collect()
    }

    /// "Left out as later than 1 January 2023: 12 entries, 2 periods and 1 role.", or `None`
    /// when nothing was left out.
    pub fn sentence(&self) -> Option<String> {
        let counts = self.counts();
        let list = match counts.as_slice() {
            [] => return None,
            [one] => one.clone(),
            [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
        };
        Some(format!(
            "Left out as later than {}: {list}.",
            self.date.format("%-d %B %Y")
        ))
    }
}

/// The case as at its own `details.as_at` date: everything dated later left out, what began
/// before and ended after shown as still going on, and the counts kept in `details.cut`.
pub fn cut(case: &Case) -> Case {
    let day = case.details.as_at;
    let mut cut = Cut {
        date: day,
        ..Cut::default()
    };
    let mut out = case.clone();
    let later = born_later(&mut out, day);
    cut.people = later.len();
    leave_out_people(&mut out, &later, &mut cut.periods);
    out.entries.retain(|e| keep(&e.date, day, &mut cut.entries));
    for entry in &mut out.entries {
        open_after(&mut entry.end, day);
    }
    out.periods
        .retain(|p| keep(&p.period.start, day, &mut cut.periods));
    for period in &mut out.periods {
        open_after(&mut period.period.end, day);
    }
    out.partnerships.retain_mut(|p| {
        let before = p.states.len();
        p.states
            .retain(|s| s.from.is_none_or(|from| from.start() <= day));
        if p.states.is_empty() {
            cut.partnerships += 1;
            return false;
        }
        cut.partnership_changes += before - p.states.len();
        true
    });
    out.relationships
        .retain(|r| keep_span(&r.span, day, &mut cut.relationships));
    for relationship in &mut out.relationships {
        open_after(&mut relationship.span.to, day);
    }
    out.households.retain_mut(|h| {
        let mut left_out = 0;
        h.members.retain(|m| keep_span(&m.span, day, &mut left_out));
        for member in &mut h.members {
            open_after(&mut member.span.to, day);
        }
        if h.members.is_empty() {
            cut.households += 1;
            return false;
        }
        cut.household_members += left_out;
        true
    });
    out.parentage
        .retain(|p| p.primary || keep_span(&p.span, day, &mut cut.other_parents));
    let people: Vec<_> = out
        .people
        .iter()
        .cloned()
        .map(|mut person| {
            if let Some(role) = person.role.take() {
                person.role = current(role, day, &mut cut.roles);
            }
            let notes = std::mem::take(&mut person.notes);
            person.notes = notes
                .into_iter()
                .filter_map(|n| current(n, day, &mut cut.notes))
                .collect();
            if person.died.is_some_and(|d| d.start() > day) {
                person.died = None;
                person.deceased = false;
                cut.deaths += 1;
            }
            person
        })
        .collect();
    out.people = crate::model::People::new(people);
    out.details.cut = Some(cut);
    out
}

/// How long before a birth a child is drawn as a pregnancy: 40 weeks, as midwives count.
const PREGNANCY_DAYS: i64 = 280;

/// The people born after the day (whose earliest possible birth day is later), in case order.
/// A subject child due within 40 weeks of the day is kept, drawn as a pregnancy with its
/// birth date as the date it was due; an ongoing pregnancy in the case file is kept as it is.
fn born_later(case: &mut Case, day: NaiveDate) -> BTreeSet<PersonId> {
    let subjects: BTreeSet<PersonId> = case.details.subjects.iter().cloned().collect();
    let mut later = BTreeSet::new();
    let people: Vec<Person> = case
        .people
        .iter()
        .filter_map(|person| {
            let Some(born) = person.born.filter(|b| b.start() > day) else {
                return Some(person.clone());
            };
            if person.kind == PersonKind::Pregnancy {
                return Some(person.clone());
            }
            let due_soon = (born.start() - day).num_days() <= PREGNANCY_DAYS;
            if subjects.contains(&person.id) && person.kind == PersonKind::Individual && due_soon {
                let mut unborn = person.clone();
                unborn.kind = PersonKind::Pregnancy;
                return Some(unborn);
            }
            later.insert(person.id.clone());
            None
        })
        .collect();
    case.people = crate::model::People::new(people);
    later
}

/// Takes the people in `later` out of every tie that names them, so that nothing drawn
/// points at someone not in the case. Ties are not counted apart from the people: they go
/// with them. A period about none but them is counted as a period left out.
fn leave_out_people(case: &mut Case, later: &BTreeSet<PersonId>, periods: &mut usize) {
    if later.is_empty() {
        return;
    }
    let out = |id: &PersonId| later.contains(id);
    case.details.subjects.retain(|id| !out(id));
    case.partnerships.retain(|p| !p.partners.iter().any(out));
    case.relationships.retain(|r| !r.between.iter().any(out));
    case.parentage.retain_mut(|p| {
        p.parents.retain(|id| !out(id));
        !out(&p.child) && !p.parents.is_empty()
    });
    case.multiple_births.retain_mut(|m| {
        m.children.retain(|id| !out(id));
        m.children.len() >= 2
    });
    case.households.retain_mut(|h| {
        h.members.retain(|m| !out(&m.person));
        !h.members.is_empty()
    });
    for entry in &mut case.entries {
        entry.children.retain(|id| !out(id));
        entry.people.retain(|p| !out(&p.person));
        entry.impacts.retain(|i| !i.child.as_ref().is_some_and(out));
    }
    case.periods.retain_mut(|p| {
        let named = !p.children.is_empty();
        p.children.retain(|id| !out(id));
        let kept = !named || !p.children.is_empty();
        if !kept {
            *periods += 1;
        }
        kept
    });
    case.visits.retain_mut(|v| {
        let named = !v.children.is_empty();
        v.children.retain(|id| !out(id));
        !named || !v.children.is_empty()
    });
    for audience in &mut case.audiences {
        audience.disclose.retain(|(id, _)| !out(id));
    }
    unmention(case, later);
}

/// What a mention of someone not yet born is written as.
const UNBORN: &str = "a child not yet born";

/// Writes every mention (`@id`, `@@id`) of someone not yet born as "a child not yet born":
/// the person is not in this version of the case, and their name is what the day did not know.
fn unmention(case: &mut Case, later: &BTreeSet<PersonId>) {
    let later_ids: BTreeSet<&str> = later.iter().map(PersonId::as_str).collect();
    let known: BTreeSet<String> = case
        .people
        .iter()
        .map(|p| p.id.0.clone())
        .chain(later.iter().map(|id| id.0.clone()))
        .collect();
    let write = |text: &mut String| {
        let found = crate::mentions::find(text, |id| known.contains(id));
        for mention in found.iter().rev() {
            if mention.resolved && later_ids.contains(mention.id.as_str()) {
                text.replace_range(mention.span.clone(), UNBORN);
            }
        }
    };
    write(&mut case.details.title);
    for entry in &mut case.entries {
        write(&mut entry.event);
        for impact in &mut entry.impacts {
            write(&mut impact.text);
        }
        for text in [&mut entry.action, &mut entry.voice, &mut entry.status_note] {
            text.iter_mut().for_each(&write);
        }
        for wording in &mut entry.wordings {
            let fields = [
                &mut wording.event,
                &mut wording.impact,
                &mut wording.action,
                &mut wording.voice,
            ];
            for text in fields {
                text.iter_mut().for_each(&write);
            }
        }
    }
    for relationship in &mut case.relationships {
        relationship.note.iter_mut().for_each(&write);
    }
    for period in &mut case.periods {
        period.detail.iter_mut().for_each(&write);
    }
    let people: Vec<Person> = case
        .people
        .iter()
        .cloned()
        .map(|mut person| {
            if let Some(role) = &mut person.role {
                write(&mut role.text);
            }
            person.notes.iter_mut().for_each(|n| write(&mut n.text));
            person
        })
        .collect();
    case.people = crate::model::People::new(people);
}

/// Keeps what began by the day, counting what did not.
fn keep(start: &PartialDate, day: NaiveDate, count: &mut usize) -> bool {
    let kept = start.start() <= day;
    if !kept {
        *count += 1;
    }
    kept
}

fn keep_span(span: &Span, day: NaiveDate, count: &mut usize) -> bool {
    match &span.from {
        Some(from) => keep(from, day, count),
        None => true,
    }
}

/// An end later than the day was not known on it: the thing was still going on.
fn open_after(end: &mut Option<PartialDate>, day: NaiveDate) {
    if end.is_some_and(|e| e.start() > day) {
        *end = None;
    }
}

/// A role or note as at the day: `None` when it had not begun (counted) or had already
/// ended (not counted: the case file says it ended, and the drawing shows what held then).
fn current(text: DatedText, day: NaiveDate, later: &mut usize) -> Option<DatedText> {
    if !keep_span(&text.span, day, later) {
        return None;
    }
    if text.span.to.is_some_and(|to| to.end() < day) {
        return None;
    }
    let mut text = text;
    open_after(&mut text.span.to, day);
    Some(text)
}
