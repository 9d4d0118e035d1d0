//! What the period adds up to: counts against the previous period of the same length, and
//! flags, each naming its rule and the entries behind it. A flag never concludes anything;
//! it points the supervisor at entries to discuss.
//!
//! An entry counts in a period when the first day of its date is in it. Incidents, for the
//! frequency flags, are entries whose category no `visits` rule names (seeing the child is
//! not an incident) and whose impacts are not all positive.

use super::Period;
use crate::model::supervision::is_working_day;
use crate::model::{Case, Entry, Interval, PeriodKind, PersonId, Significance, Valence, VisitRule};
use chrono::{Duration, NaiveDate};
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet};

/// Entries of one category in the period and the one before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct CategoryCount {
    pub category: String,
    pub now: usize,
    pub before: usize,
}

/// One subject child's entries and impacts in the period and the one before.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct ChildCount {
    pub child: String,
    pub name: String,
    pub entries: (usize, usize),
    pub negative: (usize, usize),
    pub positive: (usize, usize),
}

/// The counts of a review: (in the period, in the previous period).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Counts {
    pub categories: Vec<CategoryCount>,
    pub children: Vec<ChildCount>,
    /// High-significance entries in the period, by number.
    pub high: Vec<u32>,
    /// How many there were in the previous period.
    pub high_before: usize,
}

/// Which rule raised a flag.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum FlagRule {
    /// A category of incident at least twice as frequent as in the previous period.
    Rising,
    /// Three or more incidents of one category in the period.
    Repeated,
    /// A subject child not seen for longer than the case's visits rule allows.
    NotSeen,
    /// A stretch with no recorded agency involvement.
    NoInvolvement,
}

impl FlagRule {
    pub fn name(self) -> &'static str {
        match self {
            FlagRule::Rising => "more frequent",
            FlagRule::Repeated => "repeated",
            FlagRule::NotSeen => "child not seen",
            FlagRule::NoInvolvement => "no agency involvement",
        }
    }
}

/// One flag: its rule, what it found in words, and the entries behind it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct Flag {
    pub rule: FlagRule,
    pub text: String,
    pub entries: Vec<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub child: Option<String>,
}

fn in_period(case: &Case, period: Period) -> impl Iterator<Item = &Entry> {
    case.entries_in_date_order()
        .into_iter()
        .filter(move |e| period.contains(e.date.start()))
}

/// The valences of an entry's impacts on one child.
fn impacts_on(entry: &Entry, child: &PersonId) -> Vec<Valence> {
    entry
        .impacts
        .iter()
        .filter(|i| match &i.child {
            Some(c) => c == child,
            None => entry.children.contains(child),
        })
        .filter_map(|i| i.valence)
        .collect()
}

pub fn counts(case: &Case, period: Period) -> Counts {
    let previous = period.previous();
    let mut categories: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    for entry in in_period(case, period) {
        categories.entry(entry.category.clone()).or_default().0 += 1;
    }
    for entry in in_period(case, previous) {
        categories.entry(entry.category.clone()).or_default().1 += 1;
    }
    let children = case
        .details
        .subjects
        .iter()
        .map(|child| {
            let tally = |p: Period| {
                let mut entries = 0;
                let (mut negative, mut positive) = (0, 0);
                for entry in in_period(case, p).filter(|e| e.children.contains(child)) {
                    entries += 1;
                    let valences = impacts_on(entry, child);
                    negative += valences.iter().filter(|v| **v == Valence::Negative).count();
                    positive += valences.iter().filter(|v| **v == Valence::Positive).count();
                }
                (entries, negative, positive)
            };
            let (now, before) = (tally(period), tally(previous));
            ChildCount {
                child: child.0.clone(),
                name: case
                    .person(child)
                    .map(|p| p.display_name().to_string())
                    .unwrap_or_else(|| child.0.clone()),
                entries: (now.0, before.0),
                negative: (now.1, before.1),
                positive: (now.2, before.2),
            }
        })
        .collect();
    let high = |p: Period| {
        in_period(case, p)
            .filter(|e| e.significance == Some(Significance::High))
            .map(|e| e.number)
            .collect::<Vec<_>>()
    };
    Counts {
        categories: categories
            .into_iter()
            .map(|(category, (now, before))| CategoryCount {
                category,
                now,
                before,
            })
            .collect(),
        children,
        high: high(period),
        high_before: high(previous).len(),
    }
}

/// Every flag for the period, rule by rule.
pub fn flags(case: &Case, period: Period, quiet_days: i64) -> Vec<Flag> {
    let mut flags = frequency_flags(case, period);
    for rule in &case.visits {
        flags.extend(visit_flags(case, rule, period));
    }
    flags.extend(quiet_flags(case, period, quiet_days));
    flags
}

fn visit_categories(case: &Case) -> BTreeSet<&str> {
    case.visits
        .iter()
        .flat_map(|r| r.categories.iter().map(String::as_str))
        .collect()
}

fn is_incident(entry: &Entry, visits: &BTreeSet<&str>) -> bool {
    let all_positive = !entry.impacts.is_empty()
        && entry
            .impacts
            .iter()
            .all(|i| i.valence == Some(Valence::Positive));
    !visits.contains(entry.category.as_str()) && !all_positive
}

fn plural(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn frequency_flags(case: &Case, period: Period) -> Vec<Flag> {
    let visits = visit_categories(case);
    let incidents = |p: Period| {
        let mut by_category: BTreeMap<String, Vec<u32>> = BTreeMap::new();
        for entry in in_period(case, p).filter(|e| is_incident(e, &visits)) {
            by_category
                .entry(entry.category.clone())
                .or_default()
                .push(entry.number);
        }
        by_category
    };
    let (now, before) = (incidents(period), incidents(period.previous()));
    let days = period.days();
    let mut flags = Vec::new();
    for (category, entries) in &now {
        let earlier = before.get(category).map_or(0, Vec::len);
        let name = category.replace('-', " ");
        if entries.len() >= 2 && entries.len() >= 2 * earlier {
            flags.push(Flag {
                rule: FlagRule::Rising,
                text: format!(
                    "{} in this period; {} in the previous {days} days (at least twice as many).",
                    plural(
                        entries.len(),
                        &format!("{name} entry"),
                        &format!("{name} entries")
                    ),
                    earlier
                ),
                entries: entries.clone(),
                child: None,
            });
        }
        if entries.len() >= 3 {
            flags.push(Flag {
                rule: FlagRule::Repeated,
                text: format!(
                    "{} {name} entries in this period (three or more of one kind).",
                    entries.len()
                ),
                entries: entries.clone(),
                child: None,
            });
        }
    }
    flags
}

/// The length of a stretch in the rule's own unit: working days for a working-day rule,
/// days otherwise. Counted from the day after `from` to `to`.
fn stretch_length(rule: &VisitRule, from: NaiveDate, to: NaiveDate) -> String {
    match rule.every {
        Interval::WorkingDays(_) => {
            let mut n = 0;
            let mut day = from;
            while day < to {
                day += Duration::days(1);
                if is_working_day(day, &rule.bank_holidays) {
                    n += 1;
                }
            }
            plural(n, "working day", "working days")
        }
        _ => plural((to - from).num_days().max(0) as usize, "day", "days"),
    }
}

fn day_text(day: NaiveDate) -> String {
    day.format("%-d %b %Y").to_string()
}

/// A visit: its day and entry number.
type Visit = (NaiveDate, u32);

/// Each stretch in the period when a child went longer than the rule allows without an
/// entry of the rule's categories about them.
fn visit_flags(case: &Case, rule: &VisitRule, period: Period) -> Vec<Flag> {
    let children = if rule.children.is_empty() {
        &case.details.subjects
    } else {
        &rule.children
    };
    let mut flags = Vec::new();
    for child in children {
        let name = case
            .person(child)
            .map(|p| p.display_name().to_string())
            .unwrap_or_else(|| child.0.clone());
        let seen: Vec<(NaiveDate, u32)> = case
            .entries_in_date_order()
            .into_iter()
            .filter(|e| rule.categories.contains(&e.category) && e.children.contains(child))
            .map(|e| (e.date.start(), e.number))
            .filter(|(day, _)| *day <= period.to)
            .collect();
        let mut last: Option<(NaiveDate, u32)> = seen
            .iter()
            .rev()
            .find(|(day, _)| *day < period.from)
            .copied();
        let mut stretches: Vec<(Option<Visit>, Option<Visit>)> = Vec::new();
        for &visit in seen.iter().filter(|(day, _)| period.contains(*day)) {
            let since = last.map_or(period.from, |(day, _)| day);
            if visit.0 > rule.every.deadline_after(since, &rule.bank_holidays) {
                stretches.push((last, Some(visit)));
            }
            last = Some(visit);
        }
        let since = last.map_or(period.from, |(day, _)| day);
        if period.to > rule.every.deadline_after(since, &rule.bank_holidays) {
            stretches.push((last, None));
        }
        for (from, to) in stretches {
            let start = from.map_or(period.from, |(day, _)| day);
            let end = to.map_or(period.to, |(day, _)| day);
            let after = match from {
                Some((day, number)) => format!("after No. {number} on {}", day_text(day)),
                None => format!(
                    "from {}, with no earlier visit recorded",
                    day_text(period.from)
                ),
            };
            let until = match to {
                Some((day, number)) => format!("until No. {number} on {}", day_text(day)),
                None => format!("and none since, to {}", day_text(period.to)),
            };
            flags.push(Flag {
                rule: FlagRule::NotSeen,
                text: format!(
                    "{name} was not seen for {} ({after} {until}); the case sets every {}.",
                    stretch_length(rule, start, end),
                    rule.every
                ),
                entries: [from, to].iter().flatten().map(|(_, n)| *n).collect(),
                child: Some(child.0.clone()),
            });
        }
    }
    flags
}

/// Stretches inside the period longer than `quiet_days` with no entry and no legal status or
/// placement in force, as the timeline marks gaps.
fn quiet_flags(case: &Case, period: Period, quiet_days: i64) -> Vec<Flag> {
    let mut spans: Vec<(NaiveDate, NaiveDate, Option<u32>)> = case
        .entries
        .iter()
        .map(|e| {
            let end = e.end.as_ref().unwrap_or(&e.date).end();
            (e.date.start(), end, Some(e.number))
        })
        .collect();
    for status in case.periods.iter().filter(|p| p.kind != PeriodKind::School) {
        let end = status
            .period
            .end
            .map(|e| e.end())
            .unwrap_or(case.details.as_at.max(period.to));
        spans.push((status.period.start.start(), end, None));
    }
    spans.sort();
    let mut flags = Vec::new();
    // The day up to which involvement is recorded, and the entry that recorded it.
    let mut covered: Option<(NaiveDate, Option<u32>)> = None;
    let mut check = |from: NaiveDate,
                     from_entry: Option<u32>,
                     to: NaiveDate,
                     to_entry: Option<u32>| {
        let start = from.max(period.from);
        let end = to.min(period.to);
        if (end - start).num_days() > quiet_days {
            flags.push(Flag {
                rule: FlagRule::NoInvolvement,
                text: format!(
                    "No agency involvement recorded for {} days, from {} to {} (longer than {quiet_days} days).",
                    (end - start).num_days(),
                    day_text(start),
                    day_text(end)
                ),
                entries: [from_entry, to_entry].into_iter().flatten().collect(),
                child: None,
            });
        }
    };
    for &(start, end, number) in &spans {
        if let Some((until, last)) = covered
            && start > until
        {
            check(until, last, start, number);
        }
        if covered.is_none() && start > period.from {
            check(period.from - Duration::days(1), None, start, number);
        }
        match covered {
            Some((until, _)) if until >= end => {}
            _ => covered = Some((end, number.or(covered.and_then(|c| c.1)))),
        }
    }
    match covered {
        Some((until, last)) if until < period.to => check(until, last, period.to, None),
        None => check(period.from, None, period.to, None),
        _ => {}
    }
    flags
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lengths_are_counted_in_the_rules_unit() {
        let rule = VisitRule {
            categories: vec!["visit".into()],
            every: Interval::WorkingDays(10),
            children: Vec::new(),
            bank_holidays: vec!["2026-09-07".parse().unwrap()],
        };
        // Friday 4 to Friday 18 September: ten weekdays, less the bank holiday.
        let text = stretch_length(
            &rule,
            "2026-09-04".parse().unwrap(),
            "2026-09-18".parse().unwrap(),
        );
        assert_eq!(text, "9 working days");
    }
}
