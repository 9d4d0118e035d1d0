//! The time scale: dates to x, calendar ticks that suit the span, and lengths like "2y".

use chrono::{Datelike, Months, NaiveDate};
use std::fmt;

/// Days to x across the plot.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Scale {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub x0: f64,
    pub width: f64,
}

impl Scale {
    pub(crate) fn x(&self, day: NaiveDate) -> f64 {
        let days = (self.end - self.start).num_days().max(1) as f64;
        self.x0 + (day - self.start).num_days() as f64 / days * self.width
    }

    /// The x of a day, held inside the plot.
    pub(crate) fn x_clamped(&self, day: NaiveDate) -> f64 {
        self.x(day.clamp(self.start, self.end))
    }

    pub(crate) fn right(&self) -> f64 {
        self.x0 + self.width
    }

    /// Pixels per (average) month.
    pub(crate) fn per_month(&self) -> f64 {
        let days = (self.end - self.start).num_days().max(1) as f64;
        self.width / days * 30.44
    }
}

/// A length of time: "2y", "18m", "6w", "90d".
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Duration {
    Years(u32),
    Months(u32),
    Weeks(u32),
    Days(u32),
}

impl Duration {
    /// Reads "2y", "2 years", "18m", "18 months", "6w", "90d".
    pub fn parse(text: &str) -> Option<Duration> {
        let text = text.trim().to_ascii_lowercase();
        let split = text.find(|c: char| !c.is_ascii_digit())?;
        let (number, unit) = text.split_at(split);
        let n: u32 = number.parse().ok()?;
        if n == 0 || n > 200 * 12 {
            return None;
        }
        match unit.trim() {
            "y" | "year" | "years" => Some(Duration::Years(n)),
            "m" | "month" | "months" => Some(Duration::Months(n)),
            "w" | "week" | "weeks" => Some(Duration::Weeks(n)),
            "d" | "day" | "days" => Some(Duration::Days(n)),
            _ => None,
        }
    }

    /// The day this length before `day`.
    pub fn before(&self, day: NaiveDate) -> NaiveDate {
        let earlier = match *self {
            Duration::Years(n) => day.checked_sub_months(Months::new(n * 12)),
            Duration::Months(n) => day.checked_sub_months(Months::new(n)),
            Duration::Weeks(n) => day.checked_sub_days(chrono::Days::new(n as u64 * 7)),
            Duration::Days(n) => day.checked_sub_days(chrono::Days::new(n as u64)),
        };
        earlier.unwrap_or(NaiveDate::MIN)
    }

    /// Roughly how many days: for comparing gaps.
    pub fn days(&self) -> i64 {
        match *self {
            Duration::Years(n) => n as i64 * 365,
            Duration::Months(n) => n as i64 * 30,
            Duration::Weeks(n) => n as i64 * 7,
            Duration::Days(n) => n as i64,
        }
    }
}

impl fmt::Display for Duration {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let (n, unit) = match *self {
            Duration::Years(n) => (n, "year"),
            Duration::Months(n) => (n, "month"),
            Duration::Weeks(n) => (n, "week"),
            Duration::Days(n) => (n, "day"),
        };
        write!(f, "{n} {unit}{}", if n == 1 { "" } else { "s" })
    }
}

/// A tick step in months (1 month up to 50 years).
pub(crate) const STEPS: [u32; 9] = [1, 3, 6, 12, 24, 60, 120, 240, 600];

/// The first day of the step-aligned period holding `day` (months from year 0).
pub(crate) fn floor(day: NaiveDate, step: u32) -> NaiveDate {
    let months = day.year() as i64 * 12 + day.month0() as i64;
    let aligned = months - months.rem_euclid(step as i64);
    month_start(aligned)
}

/// The first day after `day` that starts a step-aligned period (or `day` itself if it does).
pub(crate) fn ceil(day: NaiveDate, step: u32) -> NaiveDate {
    let f = floor(day, step);
    if f == day {
        day
    } else {
        f.checked_add_months(Months::new(step)).unwrap_or(day)
    }
}

pub(crate) fn month_start(months: i64) -> NaiveDate {
    let year = months.div_euclid(12) as i32;
    let month = months.rem_euclid(12) as u32 + 1;
    NaiveDate::from_ymd_opt(year, month, 1).unwrap_or(NaiveDate::MIN)
}

/// Step-aligned days from `start` to `end` inclusive.
pub(crate) fn ticks(start: NaiveDate, end: NaiveDate, step: u32) -> Vec<NaiveDate> {
    let mut out = Vec::new();
    let mut day = ceil(start, step);
    while day <= end {
        out.push(day);
        match day.checked_add_months(Months::new(step)) {
            Some(next) => day = next,
            None => break,
        }
    }
    out
}

/// The label of a calendar tick: the year alone for yearly steps, else "Mar 2019".
pub(crate) fn tick_label(day: NaiveDate, step: u32) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    if step.is_multiple_of(12) {
        day.year().to_string()
    } else {
        format!("{} {}", MONTHS[day.month0() as usize], day.year())
    }
}

/// A day as "1 Nov 2024".
pub(crate) fn day_label(day: NaiveDate) -> String {
    crate::model::PartialDate::day(day).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn reads_lengths() {
        assert_eq!(Duration::parse("2y"), Some(Duration::Years(2)));
        assert_eq!(Duration::parse("18 months"), Some(Duration::Months(18)));
        assert_eq!(Duration::parse("6m"), Some(Duration::Months(6)));
        assert_eq!(Duration::parse("two years"), None);
        assert_eq!(Duration::parse("0y"), None);
        assert_eq!(Duration::Years(2).before(d(2024, 2, 29)), d(2022, 2, 28));
    }

    #[test]
    fn ticks_align_to_their_step() {
        assert_eq!(floor(d(2019, 5, 14), 3), d(2019, 4, 1));
        assert_eq!(floor(d(2019, 5, 14), 12), d(2019, 1, 1));
        assert_eq!(floor(d(2019, 5, 14), 60), d(2015, 1, 1));
        assert_eq!(ceil(d(2019, 5, 14), 12), d(2020, 1, 1));
        assert_eq!(ceil(d(2020, 1, 1), 12), d(2020, 1, 1));
        assert_eq!(
            ticks(d(2019, 5, 14), d(2020, 1, 1), 3),
            vec![d(2019, 7, 1), d(2019, 10, 1), d(2020, 1, 1)]
        );
        assert_eq!(tick_label(d(2019, 7, 1), 3), "Jul 2019");
        assert_eq!(tick_label(d(2019, 1, 1), 12), "2019");
    }
}
