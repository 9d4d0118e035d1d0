//! A supervision review: what changed in a case over a period, what it adds up to, what is
//! overdue, and what the last review decided.
//!
//! The review is worked out from checked cases (the case now and, when there is one, an
//! earlier version of the same file) and holds plain facts: ids, entry numbers, dates and the
//! words of the case. `render::review` writes it as a document; [`Review::marks`] says what
//! the two diagrams should mark.

pub(crate) mod actions;
pub mod align;
pub(crate) mod changes;
pub(crate) mod flags;

use crate::layout::marks::{Mark, Marks};
use crate::model::{Case, PersonId};
use chrono::{Duration, NaiveDate};
use serde::Serialize;

pub use actions::OverdueAction;
pub use changes::{Change, ChangeKind, ChangeType};
pub use flags::{Counts, Flag};

/// The days a review looks at, first and last included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Period {
    /// The period from `from` to `to`; `None` when it would end before it starts.
    pub fn new(from: NaiveDate, to: NaiveDate) -> Option<Period> {
        (from <= to).then_some(Period { from, to })
    }

    /// Its length in days.
    pub fn days(&self) -> i64 {
        (self.to - self.from).num_days() + 1
    }

    /// The period of the same length just before this one.
    pub fn previous(&self) -> Period {
        let to = self.from - Duration::days(1);
        Period {
            from: to - Duration::days(self.days() - 1),
            to,
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from <= day && day <= self.to
    }
}

/// What the review compares with.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    /// Only the case now: changes are what the case dates in the period.
    Dates,
    /// An earlier version of the case file, by its name.
    EarlierVersion { file: String },
}

/// Options a supervisor chooses.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewOptions {
    pub period: Period,
    /// Stretches with no recorded agency involvement longer than this many days are flagged.
    pub quiet_days: i64,
}

/// What the child said in the period, in their words.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Voice {
    pub entry: u32,
    pub date: String,
    pub children: Vec<String>,
    pub words: String,
}

/// The last review before this one, and how its scaling scores have moved.
#[derive(Debug, Clone, PartialEq)]
pub struct LastReview {
    pub date: NaiveDate,
    pub who: Option<String>,
    pub decisions: Vec<String>,
    pub next: Option<NaiveDate>,
    pub score: Option<u8>,
    /// True when the next review date set then has passed by the period's end.
    pub next_overdue: bool,
}

/// A whole review.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub period: Period,
    /// The period of the same length before, that counts are compared with.
    pub previous: Period,
    pub basis: Basis,
    pub changes: Vec<Change>,
    pub voice: Vec<Voice>,
    pub counts: Counts,
    pub flags: Vec<Flag>,
    pub actions: Vec<OverdueAction>,
    pub last_review: Option<LastReview>,
    /// Every review's scaling score, by date.
    pub scores: Vec<(NaiveDate, u8)>,
}

/// Works out the review of `case` over the options' period, against `earlier` when given
/// (already aligned to the case's ids, see [`align`]).
pub fn review(case: &Case, earlier: Option<(&Case, &str)>, options: &ReviewOptions) -> Review {
    let period = options.period;
    let (changes, basis) = match earlier {
        Some((earlier, file)) => (
            changes::between(earlier, case, period),
            Basis::EarlierVersion {
                file: file.to_string(),
            },
        ),
        None => (changes::dated(case, period), Basis::Dates),
    };
    let counts = flags::counts(case, period);
    let flags = flags::flags(case, period, options.quiet_days);
    Review {
        period,
        previous: period.previous(),
        basis,
        changes,
        voice: voice(case, period),
        counts,
        flags,
        actions: actions::overdue(case, period),
        last_review: last_review(case, period),
        scores: case
            .reviews
            .iter()
            .filter_map(|r| r.score.map(|s| (r.date, s)))
            .collect(),
    }
}

fn voice(case: &Case, period: Period) -> Vec<Voice> {
    case.entries_in_date_order()
        .into_iter()
        .filter(|e| period.contains(e.date.start()))
        .filter_map(|e| {
            Some(Voice {
                entry: e.number,
                date: e.date.to_case_text(),
                children: e.children.iter().map(|c| c.0.clone()).collect(),
                words: e.voice.clone()?,
            })
        })
        .collect()
}

/// The latest review held before the period ended.
fn last_review(case: &Case, period: Period) -> Option<LastReview> {
    let last = case.reviews.iter().rfind(|r| r.date < period.to)?;
    Some(LastReview {
        date: last.date,
        who: last.who.clone(),
        decisions: last.decisions.clone(),
        next: last.next,
        score: last.score,
        next_overdue: last.next.is_some_and(|next| next < period.to),
    })
}

impl Review {
    /// What the diagrams mark: new and changed people, partnerships, relationships,
    /// households and entries, ended ones faded, and the period shaded on the timeline.
    pub fn marks(&self) -> Marks {
        let mut marks = Marks {
            period: Some((self.period.from, self.period.to)),
            ..Marks::default()
        };
        for change in &self.changes {
            let mark = match change.change {
                ChangeType::Added => Mark::Added,
                ChangeType::Edited => Mark::Edited,
                ChangeType::Ended => Mark::Removed,
                // Removed things are not in the case any more: the document lists them.
                ChangeType::Removed => continue,
            };
            match (&change.kind, &change.id) {
                (ChangeKind::Entry, changes::ChangeId::Number(n)) => {
                    marks.entries.insert(*n, mark);
                }
                (ChangeKind::Person, changes::ChangeId::Text(id)) => {
                    marks.people.insert(PersonId(id.clone()), mark);
                }
                (ChangeKind::Partnership, changes::ChangeId::Text(id)) => {
                    marks.partnerships.insert(id.clone(), mark);
                }
                (ChangeKind::Household, changes::ChangeId::Text(id)) => {
                    marks.households.insert(id.clone(), mark);
                }
                (ChangeKind::Relationship, _) => {
                    if let Some(index) = change.index {
                        marks.relationships.insert(index, mark);
                    }
                }
                _ => {}
            }
        }
        marks
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        text.parse().unwrap()
    }

    #[test]
    fn the_previous_period_has_the_same_length_and_ends_the_day_before() {
        let period = Period::new(day("2026-09-02"), day("2026-10-01")).unwrap();
        assert_eq!(period.days(), 30);
        let previous = period.previous();
        assert_eq!(previous.to, day("2026-09-01"));
        assert_eq!(previous.from, day("2026-08-03"));
        assert_eq!(previous.days(), 30);
        assert!(Period::new(day("2026-10-02"), day("2026-10-01")).is_none());
    }
}
