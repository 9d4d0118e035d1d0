//! A person's age on a given day, derived from their birth date and never typed in.
//!
//! Before birth the age is the stage of pregnancy ("pre-birth, about 30 weeks"), taking birth
//! at 40 weeks. A birth date known only to a month or year gives an approximate age.

use super::date::{PartialDate, Precision, Qualifier};
use chrono::{Datelike, NaiveDate};
use std::fmt;

/// An age on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Age {
    /// Born: whole years and months completed. `approximate` when the birth date is partial
    /// or qualified.
    Born {
        years: u32,
        months: u32,
        approximate: bool,
    },
    /// Not yet born. `weeks` is the stage of pregnancy when the birth date is known to the
    /// day and the day falls within the 40 weeks before it.
    PreBirth { weeks: Option<u32> },
}

impl Age {
    /// The age on `day` of someone born on `birth`.
    pub fn at(birth: &PartialDate, day: NaiveDate) -> Age {
        let approximate = birth.is_uncertain();
        // An uncertain birth date counts from the middle of the possibilities only where
        // that is honest; counting from the start keeps a known-born child from showing as
        // unborn, and the age is marked approximate either way.
        let born = birth.start();
        if day < born || (birth.qualifier() == Qualifier::After && day <= birth.end()) {
            let weeks = (birth.precision() == Precision::Day
                && birth.qualifier() == Qualifier::Exact)
                .then(|| (born - day).num_days())
                .filter(|days| *days <= 280)
                .map(|days| 40 - (days as u32).div_ceil(7).min(40));
            return Age::PreBirth { weeks };
        }
        let mut months = (day.year() - born.year()) * 12 + day.month() as i32 - born.month() as i32;
        if day.day() < born.day() {
            months -= 1;
        }
        let months = months.max(0) as u32;
        let precise_months = birth.precision() == Precision::Day;
        Age::Born {
            years: months / 12,
            months: if precise_months { months % 12 } else { 0 },
            approximate,
        }
    }

    /// Whole years for a symbol ("7"), or `None` before birth.
    pub fn years(&self) -> Option<u32> {
        match self {
            Age::Born { years, .. } => Some(*years),
            Age::PreBirth { .. } => None,
        }
    }

    /// The short form for inside a genogram symbol: "7", "c. 7", "0".
    pub fn short(&self) -> String {
        match self {
            Age::Born {
                years, approximate, ..
            } => {
                if *approximate {
                    format!("c. {years}")
                } else {
                    years.to_string()
                }
            }
            Age::PreBirth { .. } => "pre-birth".to_string(),
        }
    }
}

/// Whole years on `day` for inside a genogram symbol, to the precision the birth date allows:
/// "7" for a birth date known to the day; "c. 55" for an approximate one ("about 1965");
/// "57–58" when a year or month alone leaves two possible ages (born in 1968, on 20 January
/// 2026). `None` before birth.
pub(crate) fn years_text(birth: &PartialDate, day: NaiveDate) -> Option<String> {
    let age = Age::at(birth, day);
    age.years()?;
    // An approximate date, or a day on which the birth may not yet have happened, keeps the
    // approximate form.
    if birth.qualifier() != Qualifier::Exact
        || birth.precision() == Precision::Day
        || day < birth.end()
    {
        return Some(age.short());
    }
    let whole_years = |from: NaiveDate| {
        let mut years = day.year() - from.year();
        if (day.month(), day.day()) < (from.month(), from.day()) {
            years -= 1;
        }
        years.max(0) as u32
    };
    let (youngest, oldest) = (whole_years(birth.end()), whole_years(birth.start()));
    Some(if youngest == oldest {
        oldest.to_string()
    } else {
        format!("{youngest}\u{2013}{oldest}")
    })
}

/// The form for a chronology: "7y 3m", "c. 7y", "10m", "pre-birth, about 30 weeks".
impl fmt::Display for Age {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Age::Born {
                years,
                months,
                approximate,
            } => {
                let prefix = if *approximate { "c. " } else { "" };
                match (*years, *months) {
                    (0, m) if !*approximate => write!(f, "{m}m"),
                    (y, 0) => write!(f, "{prefix}{y}y"),
                    (y, m) => write!(f, "{prefix}{y}y {m}m"),
                }
            }
            Age::PreBirth { weeks: Some(w) } => write!(f, "pre-birth, about {w} weeks"),
            Age::PreBirth { weeks: None } => write!(f, "pre-birth"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> NaiveDate {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
    }

    fn birth(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn counts_completed_years_and_months() {
        let amy = birth("2015-06-02");
        assert_eq!(Age::at(&amy, day("2022-09-01")).to_string(), "7y 2m");
        assert_eq!(Age::at(&amy, day("2022-09-02")).to_string(), "7y 3m");
        assert_eq!(Age::at(&amy, day("2015-06-02")).to_string(), "0m");
        assert_eq!(Age::at(&amy, day("2016-04-20")).to_string(), "10m");
        assert_eq!(Age::at(&amy, day("2022-09-02")).short(), "7");
    }

    #[test]
    fn partial_birth_dates_give_approximate_ages() {
        let born = birth("2015");
        assert_eq!(Age::at(&born, day("2022-09-01")).to_string(), "c. 7y");
        assert_eq!(Age::at(&born, day("2022-09-01")).short(), "c. 7");
    }

    #[test]
    fn a_year_or_month_alone_gives_the_two_ages_it_allows() {
        let born = birth("1968");
        assert_eq!(
            years_text(&born, day("2026-01-20")).unwrap(),
            "57\u{2013}58"
        );
        assert_eq!(years_text(&born, day("2026-12-31")).unwrap(), "58");
        assert_eq!(
            years_text(&birth("2015-06"), day("2022-06-15")).unwrap(),
            "6\u{2013}7"
        );
        assert_eq!(
            years_text(&birth("2015-06"), day("2022-07-01")).unwrap(),
            "7"
        );
        assert_eq!(
            years_text(&birth("about 1965"), day("2023-01-01")).unwrap(),
            "c. 58"
        );
        assert_eq!(
            years_text(&birth("2015-06-02"), day("2022-09-02")).unwrap(),
            "7"
        );
        assert_eq!(years_text(&birth("2015-06-02"), day("2015-01-02")), None);
    }

    #[test]
    fn before_birth_the_age_is_the_stage_of_pregnancy() {
        let amy = birth("2015-06-02");
        assert_eq!(
            Age::at(&amy, day("2015-03-31")).to_string(),
            "pre-birth, about 31 weeks"
        );
        assert_eq!(Age::at(&amy, day("2014-01-01")).to_string(), "pre-birth");
    }
}
