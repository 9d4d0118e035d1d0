//! What supervision adds to a case: actions with due dates, how often each child should be
//! seen, and the reviews held so far.

use super::{PartialDate, PersonId};
use chrono::{Datelike, Duration, NaiveDate, Weekday};
use std::fmt;

/// Who is to do an agreed action and by when, and when it was done.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ActionProgress {
    pub who: Option<String>,
    pub due: Option<PartialDate>,
    /// `None` while it is not done.
    pub done: Option<PartialDate>,
}

/// A length of time as a case sets it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Interval {
    Days(u32),
    /// Monday to Friday, less the rule's bank holidays.
    WorkingDays(u32),
    Weeks(u32),
    Months(u32),
}

impl Interval {
    /// Reads "10 working days", "14 days", "6 weeks", "3 months" (singular or plural).
    pub fn parse(text: &str) -> Option<Interval> {
        let lower = text.trim().to_lowercase();
        let mut words = lower.split_whitespace();
        let count: u32 = words
            .next()?
            .parse()
            .ok()
            .filter(|&n| n > 0 && n <= 10_000)?;
        let unit: Vec<&str> = words.collect();
        let singular = |w: &str| w.trim_end_matches('s').to_string();
        let unit: Vec<String> = unit.iter().map(|w| singular(w)).collect();
        match unit
            .iter()
            .map(String::as_str)
            .collect::<Vec<_>>()
            .as_slice()
        {
            ["day"] => Some(Interval::Days(count)),
            ["working", "day"] | ["working-day"] => Some(Interval::WorkingDays(count)),
            ["week"] => Some(Interval::Weeks(count)),
            ["month"] => Some(Interval::Months(count)),
            _ => None,
        }
    }

    /// The last day that keeps within the interval after `day`: a visit on `day` and the
    /// next by this date are in time.
    pub fn deadline_after(self, day: NaiveDate, bank_holidays: &[NaiveDate]) -> NaiveDate {
        match self {
            Interval::Days(n) => day + Duration::days(i64::from(n)),
            Interval::Weeks(n) => day + Duration::days(7 * i64::from(n)),
            Interval::Months(n) => day
                .checked_add_months(chrono::Months::new(n))
                .unwrap_or(NaiveDate::MAX),
            Interval::WorkingDays(n) => {
                let mut current = day;
                let mut left = n;
                while left > 0 {
                    current = match current.succ_opt() {
                        Some(next) => next,
                        None => return NaiveDate::MAX,
                    };
                    if is_working_day(current, bank_holidays) {
                        left -= 1;
                    }
                }
                current
            }
        }
    }
}

/// Monday to Friday and not a bank holiday.
pub(crate) fn is_working_day(day: NaiveDate, bank_holidays: &[NaiveDate]) -> bool {
    !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !bank_holidays.contains(&day)
}

impl fmt::Display for Interval {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, unit) = match *self {
            Interval::Days(n) => (n, "day"),
            Interval::WorkingDays(n) => (n, "working day"),
            Interval::Weeks(n) => (n, "week"),
            Interval::Months(n) => (n, "month"),
        };
        write!(f, "{n} {unit}{}", if n == 1 { "" } else { "s" })
    }
}

/// How often a subject child should be seen: an entry of one of `categories` about the child
/// at least every `every`.
#[derive(Debug, Clone, PartialEq)]
pub struct VisitRule {
    /// Category keys ("visit", "direct-work").
    pub categories: Vec<String>,
    pub every: Interval,
    /// The children it applies to; every subject child when the rule names none.
    pub children: Vec<PersonId>,
    pub bank_holidays: Vec<NaiveDate>,
}

/// A supervision review held on the case.
#[derive(Debug, Clone, PartialEq)]
pub struct Review {
    pub date: NaiveDate,
    pub who: Option<String>,
    pub decisions: Vec<String>,
    pub next: Option<NaiveDate>,
    /// The scaling score, 0 to 10.
    pub score: Option<u8>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn reads_intervals_in_the_words_practitioners_use() {
        assert_eq!(
            Interval::parse("10 working days"),
            Some(Interval::WorkingDays(10))
        );
        assert_eq!(Interval::parse("1 Week"), Some(Interval::Weeks(1)));
        assert_eq!(Interval::parse(" 6 weeks "), Some(Interval::Weeks(6)));
        assert_eq!(Interval::parse("14 days"), Some(Interval::Days(14)));
        assert_eq!(Interval::parse("3 months"), Some(Interval::Months(3)));
        assert_eq!(Interval::parse("fortnightly"), None);
        assert_eq!(Interval::parse("0 days"), None);
        assert_eq!(Interval::parse("10 working"), None);
        assert_eq!(Interval::WorkingDays(10).to_string(), "10 working days");
    }

    #[test]
    fn working_days_skip_weekends_and_bank_holidays() {
        // Friday 2026-09-04: ten working days later is Friday 2026-09-18.
        let friday = day("2026-09-04");
        assert_eq!(
            Interval::WorkingDays(10).deadline_after(friday, &[]),
            day("2026-09-18")
        );
        // With a bank holiday on Monday 2026-09-07 it is Monday 2026-09-21.
        assert_eq!(
            Interval::WorkingDays(10).deadline_after(friday, &[day("2026-09-07")]),
            day("2026-09-21")
        );
        assert_eq!(
            Interval::Weeks(6).deadline_after(friday, &[]),
            day("2026-10-16")
        );
        assert_eq!(
            Interval::Months(1).deadline_after(day("2026-01-31"), &[]),
            day("2026-02-28")
        );
    }
}
