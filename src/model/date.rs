//! Partial and approximate dates: "14 Mar 2019", "Mar 2019", "c. 2012", "before 15 Jan 2020".
//!
//! Records often know only part of a date. A [`PartialDate`] keeps the precision it was given and
//! an optional qualifier, sorts at the start of its period, and is displayed only to its
//! precision: a day is never invented.

use chrono::{Datelike, NaiveDate};
use std::fmt;

/// How much of a date is known.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Precision {
    Year,
    Month,
    Day,
}

/// Whether a date is exact, approximate, or a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Qualifier {
    #[default]
    Exact,
    About,
    Before,
    After,
}

/// A date known to a day, a month or a year, possibly approximate or a bound.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct PartialDate {
    year: i32,
    month: u32,
    day: u32,
    precision: Precision,
    qualifier: Qualifier,
}

/// Why a piece of text is not a date, in words a practitioner can act on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    /// The text does not look like any date form genochron reads.
    Unreadable,
    /// The text looks like a date, but that day does not exist (2019-02-30).
    NoSuchDay { year: i32, month: u32, day: u32 },
    /// The month number is outside 1 to 12.
    NoSuchMonth(u32),
    /// The year is outside the range genochron handles (1000 to 2999).
    YearOutOfRange(i32),
}

impl fmt::Display for DateError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            DateError::Unreadable => write!(
                f,
                "is not a date genochron can read; write it as 2019-03-14, 2019-03 or 2019, \
                 optionally with \"about\", \"before\" or \"after\" in front"
            ),
            DateError::NoSuchDay { year, month, day } => write!(
                f,
                "is not a real day: {} has no day {day}",
                month_year(*year, *month)
            ),
            DateError::NoSuchMonth(month) => {
                write!(f, "has month {month}, but months go from 1 to 12")
            }
            DateError::YearOutOfRange(year) => {
                write!(
                    f,
                    "has the year {year}; genochron handles years 1000 to 2999"
                )
            }
        }
    }
}

fn month_year(year: i32, month: u32) -> String {
    format!("{} {year}", MONTH_NAMES[(month as usize).clamp(1, 12) - 1])
}

const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

impl PartialDate {
    /// A date known to the day.
    pub fn day(date: NaiveDate) -> Self {
        PartialDate {
            year: date.year(),
            month: date.month(),
            day: date.day(),
            precision: Precision::Day,
            qualifier: Qualifier::Exact,
        }
    }

    /// A date known to the month. Returns `None` for a month outside 1 to 12.
    pub fn month(year: i32, month: u32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, month, 1)?;
        Some(PartialDate {
            year,
            month,
            day: 1,
            precision: Precision::Month,
            qualifier: Qualifier::Exact,
        })
    }

    /// A date known to the year.
    pub fn year(year: i32) -> Option<Self> {
        NaiveDate::from_ymd_opt(year, 1, 1)?;
        Some(PartialDate {
            year,
            month: 1,
            day: 1,
            precision: Precision::Year,
            qualifier: Qualifier::Exact,
        })
    }

    /// The same date with another qualifier.
    pub fn qualified(self, qualifier: Qualifier) -> Self {
        PartialDate { qualifier, ..self }
    }

    pub fn precision(&self) -> Precision {
        self.precision
    }

    pub fn qualifier(&self) -> Qualifier {
        self.qualifier
    }

    pub fn year_number(&self) -> i32 {
        self.year
    }

    /// True when the date is not known exactly (about, before, after), or known only to a
    /// month or year.
    pub fn is_uncertain(&self) -> bool {
        self.qualifier != Qualifier::Exact || self.precision != Precision::Day
    }

    /// The first day of the period the date covers; this is where it sorts.
    pub fn start(&self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, self.day).expect("validated on creation")
    }

    /// The last day of the period the date covers ("Mar 2019" ends on 31 March 2019).
    pub fn end(&self) -> NaiveDate {
        let start = self.start();
        match self.precision {
            Precision::Day => start,
            Precision::Month => last_day_of_month(self.year, self.month),
            Precision::Year => NaiveDate::from_ymd_opt(self.year, 12, 31).expect("valid year"),
        }
    }

    /// The key entries are sorted by: the start of the period. Equal keys keep file order
    /// because every sort in genochron is stable.
    pub fn sort_key(&self) -> NaiveDate {
        self.start()
    }

    /// Reads the date forms practitioners write: `2019-03-14`, `2019-03`, `2019`,
    /// `14/03/2019`, `03/2019`, `14 March 2019`, `Mar 2019`, each optionally after
    /// `about`, `c.`, `circa`, `approx`, `~`, `before` or `after`.
    pub fn parse(text: &str) -> Result<Self, DateError> {
        let text = text.trim();
        let (qualifier, rest) = split_qualifier(text);
        let date = parse_unqualified(rest.trim())?;
        Ok(date.qualified(qualifier))
    }

    /// The date in the case file's own form (`about 2019-03`), so a written file reads back
    /// to the same date.
    pub fn to_case_text(&self) -> String {
        let prefix = match self.qualifier {
            Qualifier::Exact => "",
            Qualifier::About => "about ",
            Qualifier::Before => "before ",
            Qualifier::After => "after ",
        };
        let body = match self.precision {
            Precision::Day => format!("{:04}-{:02}-{:02}", self.year, self.month, self.day),
            Precision::Month => format!("{:04}-{:02}", self.year, self.month),
            Precision::Year => format!("{:04}", self.year),
        };
        format!("{prefix}{body}")
    }

    /// Only the year, with its qualifier: "c. 1950", "1950". Used for genogram year labels.
    pub fn year_label(&self) -> String {
        match self.qualifier {
            Qualifier::Exact => format!("{}", self.year),
            Qualifier::About => format!("c. {}", self.year),
            Qualifier::Before => format!("before {}", self.year),
            Qualifier::After => format!("after {}", self.year),
        }
    }
}

/// Shown only to the precision given: "14 Mar 2019", "Mar 2019", "c. 2012",
/// "before 15 Jan 2020".
impl fmt::Display for PartialDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefix = match self.qualifier {
            Qualifier::Exact => "",
            Qualifier::About => "c. ",
            Qualifier::Before => "before ",
            Qualifier::After => "after ",
        };
        let month = &MONTH_NAMES[self.month as usize - 1][..3];
        match self.precision {
            Precision::Day => write!(f, "{prefix}{} {month} {}", self.day, self.year),
            Precision::Month => write!(f, "{prefix}{month} {}", self.year),
            Precision::Year => write!(f, "{prefix}{}", self.year),
        }
    }
}

/// A span of time with a start and an optional end (open when still going on).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Period {
    pub start: PartialDate,
    pub end: Option<PartialDate>,
}

impl Period {
    /// True if the day falls inside the period (an open period runs on for ever).
    pub fn contains(&self, day: NaiveDate) -> bool {
        day >= self.start.start() && self.end.is_none_or(|end| day <= end.end())
    }
}

/// A period that may have no known start: a household membership "until 2019", for example.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default)]
pub struct Span {
    pub from: Option<PartialDate>,
    pub to: Option<PartialDate>,
}

impl Span {
    /// For ever: no start, no end.
    pub const ALWAYS: Span = Span {
        from: None,
        to: None,
    };

    /// True if the day falls inside the span. Missing ends are open.
    pub fn contains(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| day >= from.start()) && self.to.is_none_or(|to| day <= to.end())
    }
}

pub(crate) fn last_day_of_month(year: i32, month: u32) -> NaiveDate {
    let (next_year, next_month) = if month == 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    NaiveDate::from_ymd_opt(next_year, next_month, 1)
        .and_then(|d| d.pred_opt())
        .expect("valid month")
}

fn split_qualifier(text: &str) -> (Qualifier, &str) {
    let lower = text.to_ascii_lowercase();
    let prefixes: [(&str, Qualifier); 9] = [
        ("about ", Qualifier::About),
        ("approx. ", Qualifier::About),
        ("approx ", Qualifier::About),
        ("circa ", Qualifier::About),
        ("c. ", Qualifier::About),
        ("c.", Qualifier::About),
        ("~", Qualifier::About),
        ("before ", Qualifier::Before),
        ("after ", Qualifier::After),
    ];
    for (prefix, qualifier) in prefixes {
        if lower.starts_with(prefix) {
            return (qualifier, &text[prefix.len()..]);
        }
    }
    (Qualifier::Exact, text)
}

fn parse_unqualified(text: &str) -> Result<PartialDate, DateError> {
    if text.is_empty() || text.len() > 40 {
        return Err(DateError::Unreadable);
    }
    if let Some(parts) = split_numbers(text, '-') {
        return match parts.as_slice() {
            [y] => build(*y, None, None),
            [y, m] => build(*y, Some(*m), None),
            [y, m, d] => build(*y, Some(*m), Some(*d)),
            _ => Err(DateError::Unreadable),
        };
    }
    if let Some(parts) = split_numbers(text, '/') {
        // UK order: day/month/year or month/year.
        return match parts.as_slice() {
            [m, y] => build(*y, Some(*m), None),
            [d, m, y] => build(*y, Some(*m), Some(*d)),
            _ => Err(DateError::Unreadable),
        };
    }
    parse_words(text)
}

/// "2019-03-14" → [2019, 3, 14]; `None` if any part is not a number. A year must have four
/// digits so that "03-2019" is not mistaken for year 3.
fn split_numbers(text: &str, separator: char) -> Option<Vec<u32>> {
    let parts: Vec<&str> = text.split(separator).collect();
    if parts.len() > 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let year_position = if separator == '-' { 0 } else { parts.len() - 1 };
    if parts[year_position].len() != 4 {
        return None;
    }
    parts.iter().map(|p| p.parse().ok()).collect()
}

/// "14 March 2019", "14 Mar 2019", "March 2019", "Mar 2019".
fn parse_words(text: &str) -> Result<PartialDate, DateError> {
    let words: Vec<&str> = text.split_whitespace().collect();
    let (day, month_word, year_word) = match words.as_slice() {
        [d, m, y] => (Some(*d), *m, *y),
        [m, y] => (None, *m, *y),
        _ => return Err(DateError::Unreadable),
    };
    let month = month_number(month_word).ok_or(DateError::Unreadable)?;
    let year: u32 = year_word.parse().map_err(|_| DateError::Unreadable)?;
    if year_word.len() != 4 {
        return Err(DateError::Unreadable);
    }
    let day = match day {
        Some(d) => Some(
            d.trim_end_matches(|c: char| c.is_ascii_alphabetic())
                .parse::<u32>()
                .map_err(|_| DateError::Unreadable)?,
        ),
        None => None,
    };
    build(year, Some(month), day)
}

fn month_number(word: &str) -> Option<u32> {
    let word = word.trim_end_matches('.').to_ascii_lowercase();
    if word.len() < 3 {
        return None;
    }
    MONTH_NAMES
        .iter()
        .position(|name| name.to_ascii_lowercase().starts_with(&word))
        .map(|i| i as u32 + 1)
}

fn build(year: u32, month: Option<u32>, day: Option<u32>) -> Result<PartialDate, DateError> {
    let year = year as i32;
    if !(1000..=2999).contains(&year) {
        return Err(DateError::YearOutOfRange(year));
    }
    match (month, day) {
        (None, _) => Ok(PartialDate::year(year).expect("year in range")),
        (Some(m), _) if !(1..=12).contains(&m) => Err(DateError::NoSuchMonth(m)),
        (Some(m), None) => Ok(PartialDate::month(year, m).expect("month in range")),
        (Some(m), Some(d)) => NaiveDate::from_ymd_opt(year, m, d)
            .map(PartialDate::day)
            .ok_or(DateError::NoSuchDay {
                year,
                month: m,
                day: d,
            }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap_or_else(|e| panic!("{text}: {e}"))
    }

    #[test]
    fn reads_every_written_form_to_its_precision() {
        assert_eq!(parse("2019-03-14").to_string(), "14 Mar 2019");
        assert_eq!(parse("14/03/2019").to_string(), "14 Mar 2019");
        assert_eq!(parse("14 March 2019").to_string(), "14 Mar 2019");
        assert_eq!(parse("2019-03").to_string(), "Mar 2019");
        assert_eq!(parse("03/2019").to_string(), "Mar 2019");
        assert_eq!(parse("Mar 2019").to_string(), "Mar 2019");
        assert_eq!(parse("2012").to_string(), "2012");
        assert_eq!(parse("about 2012").to_string(), "c. 2012");
        assert_eq!(parse("c. 2012").to_string(), "c. 2012");
        assert_eq!(parse("~2012").to_string(), "c. 2012");
        assert_eq!(parse("before 2020-01-15").to_string(), "before 15 Jan 2020");
        assert_eq!(parse("after 2019-05").to_string(), "after May 2019");
    }

    #[test]
    fn refuses_days_that_do_not_exist() {
        assert_eq!(
            PartialDate::parse("2019-02-30"),
            Err(DateError::NoSuchDay {
                year: 2019,
                month: 2,
                day: 30
            })
        );
        assert!(PartialDate::parse("2020-02-29").is_ok());
        assert_eq!(
            PartialDate::parse("2019-13"),
            Err(DateError::NoSuchMonth(13))
        );
        assert_eq!(PartialDate::parse("yesterday"), Err(DateError::Unreadable));
        assert_eq!(PartialDate::parse("03-2019"), Err(DateError::Unreadable));
    }

    #[test]
    fn sorts_at_the_start_and_ends_at_the_end_of_its_period() {
        let march = parse("2019-03");
        assert_eq!(march.start(), NaiveDate::from_ymd_opt(2019, 3, 1).unwrap());
        assert_eq!(march.end(), NaiveDate::from_ymd_opt(2019, 3, 31).unwrap());
        assert_eq!(
            parse("2020-02").end(),
            NaiveDate::from_ymd_opt(2020, 2, 29).unwrap()
        );
        assert_eq!(
            parse("2019").end(),
            NaiveDate::from_ymd_opt(2019, 12, 31).unwrap()
        );
        assert!(parse("2019").sort_key() < parse("2019-01-02").sort_key());
    }

    #[test]
    fn case_text_reads_back_to_the_same_date() {
        for text in [
            "2019-03-14",
            "2019-03",
            "2019",
            "about 2012",
            "before 2020-01-15",
        ] {
            let date = parse(text);
            assert_eq!(parse(&date.to_case_text()), date);
        }
    }
}
