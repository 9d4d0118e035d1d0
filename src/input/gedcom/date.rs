//! GEDCOM dates ("ABT 1850", "BET 1745/46 AND 1750", "@#DJULIAN@ 3 MAR 1701", "INT 1900 (in
//! the spring)") onto the case file's partial dates, without inventing precision.
//!
//! A case file date is one day, month or year, exact or `about`, `before` or `after` (see
//! `model::date`). Whatever a GEDCOM date says beyond that (a range, a period, a phrase, another
//! calendar) is kept in the `remark` so the user is told what was simplified or dropped.

use crate::model::{PartialDate, Precision, Qualifier};
use chrono::{Datelike, NaiveDate};

/// A GEDCOM date as a case file date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Converted {
    /// The date in the case file's own form (`about 1850-03`); `None` when it cannot be said
    /// honestly.
    pub date: Option<String>,
    /// What was simplified or why the date was dropped, as the end of a sentence ("it is a
    /// range, so ...").
    pub remark: Option<String>,
}

impl Converted {
    fn dropped(remark: impl Into<String>) -> Converted {
        Converted {
            date: None,
            remark: Some(remark.into()),
        }
    }
}

/// Converts one GEDCOM date value.
pub fn convert(raw: &str) -> Converted {
    let text = unescape_calendars(raw.trim());
    let upper = text.to_ascii_uppercase();
    let words: Vec<&str> = upper.split_whitespace().collect();
    if words.is_empty() {
        return Converted::dropped("it is empty");
    }
    if upper.starts_with('(') {
        return Converted::dropped("it is a description, not a date");
    }
    match words[0] {
        "ABT" | "ABT." | "ABOUT" | "CAL" | "CAL." | "EST" | "EST." | "C." | "C" | "CIRCA"
        | "CA" | "CA." => qualified(&words[1..], Qualifier::About, None),
        "BEF" | "BEF." | "BEFORE" => qualified(&words[1..], Qualifier::Before, None),
        "AFT" | "AFT." | "AFTER" => qualified(&words[1..], Qualifier::After, None),
        "INT" => {
            let (date_words, phrase) = split_phrase(&words[1..], &text);
            let remark = Some(match &phrase {
                Some(p) => format!("it is interpreted from the words \"{p}\""),
                None => "it is an interpreted date".to_string(),
            });
            qualified(&date_words, Qualifier::Exact, remark)
        }
        "BET" | "BETWEEN" => range(&words[1..]),
        "FROM" => period(&words[1..]),
        "TO" => {
            let end = simple(&words[1..]);
            match end {
                Ok(end) => finish(
                    end,
                    Qualifier::Before,
                    Some(format!(
                        "it is the end of a period (\"{}\"), so it was imported as \"before\"",
                        words.join(" ")
                    )),
                ),
                Err(reason) => Converted::dropped(reason),
            }
        }
        _ => qualified(&words, Qualifier::Exact, None),
    }
}

/// A date with a qualifier in front.
fn qualified(words: &[&str], qualifier: Qualifier, remark: Option<String>) -> Converted {
    match simple(words) {
        Ok(date) => finish(date, qualifier, remark),
        Err(reason) => Converted::dropped(reason),
    }
}

/// `BET x AND y`: when both ends fall in one month or year, that month or year; otherwise
/// "after x", with the range in the remark.
fn range(words: &[&str]) -> Converted {
    let Some(split) = words.iter().position(|w| *w == "AND") else {
        return Converted::dropped("it is a range without \"AND\"");
    };
    // An end (or start) in a form or year that cannot be used counts as unreadable.
    let usable = |d: Result<Simple, String>| d.and_then(|d| d.unusable().map_or(Ok(d), Err));
    let (start, end) = (
        usable(simple(&words[..split])),
        usable(simple(&words[split + 1..])),
    );
    match (start, end) {
        (Ok(start), Ok(end)) => {
            let (Some(s), Some(e)) = (start.gregorian_span(), end.gregorian_span()) else {
                let reason = start.unusable().or(end.unusable()).unwrap_or_default();
                return Converted::dropped(reason);
            };
            let common = if s.0.year() == e.1.year() && s.0 <= e.1 {
                if s.0.month() == e.1.month() {
                    PartialDate::month(s.0.year(), s.0.month())
                } else {
                    PartialDate::year(s.0.year())
                }
            } else {
                None
            };
            match common.filter(|d| in_range(d.year_number())) {
                Some(date) => Converted {
                    date: Some(date.to_case_text()),
                    remark: Some(format!(
                        "it is a range, imported as the {} both ends fall in",
                        if date.precision() == Precision::Month {
                            "month"
                        } else {
                            "year"
                        }
                    )),
                },
                None => finish(
                    start,
                    Qualifier::After,
                    Some(
                        "it is a range; a case file date cannot hold a range, so only its \
                         start was imported, as \"after\""
                            .to_string(),
                    ),
                ),
            }
        }
        (Ok(start), Err(_)) => finish(
            start,
            Qualifier::After,
            Some(
                "it is a range whose end could not be read, so only its start \
                 was imported, as \"after\""
                    .to_string(),
            ),
        ),
        (Err(_), Ok(end)) => finish(
            end,
            Qualifier::Before,
            Some(
                "it is a range whose start could not be read, so only its end \
                 was imported, as \"before\""
                    .to_string(),
            ),
        ),
        (Err(reason), Err(_)) => Converted::dropped(reason),
    }
}

/// `FROM x [TO y]`: a period; an event is dated by its start.
fn period(words: &[&str]) -> Converted {
    let split = words.iter().position(|w| *w == "TO");
    let start_words = &words[..split.unwrap_or(words.len())];
    match simple(start_words) {
        Ok(start) => finish(
            start,
            Qualifier::Exact,
            Some("it is a period; only its start was imported".to_string()),
        ),
        Err(reason) => match split.map(|i| simple(&words[i + 1..])) {
            Some(Ok(end)) => finish(
                end,
                Qualifier::Before,
                Some(
                    "it is a period whose start could not be read, so its end \
                     was imported, as \"before\""
                        .to_string(),
                ),
            ),
            _ => Converted::dropped(reason),
        },
    }
}

/// Splits `INT 1900 (in the spring)` into the date words and the phrase. GEDCOM 7 writes the
/// phrase separately, so a missing phrase is fine.
fn split_phrase<'w>(words: &[&'w str], original: &str) -> (Vec<&'w str>, Option<String>) {
    let date_words: Vec<&str> = words
        .iter()
        .take_while(|w| !w.starts_with('('))
        .copied()
        .collect();
    let phrase = original.find('(').map(|start| {
        original[start..]
            .trim()
            .trim_start_matches('(')
            .trim_end_matches(')')
            .to_string()
    });
    (date_words, phrase)
}

/// `@#DJULIAN@` and the other GEDCOM 5.5.1 calendar escapes as GEDCOM 7 calendar names.
fn unescape_calendars(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("@#D") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 3..];
        match after.find('@') {
            Some(end) => {
                out.push_str(&after[..end].trim().replace(' ', "_"));
                out.push(' ');
                rest = &after[end + 1..];
            }
            None => {
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Calendar {
    Gregorian,
    Julian,
    Hebrew,
    French,
}

/// A date in one calendar, as written.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Simple {
    calendar: Calendar,
    day: Option<u32>,
    /// 1-based, in the calendar's own month list.
    month: Option<u32>,
    year: i32,
    /// The written dual year ("1745/46"), already checked.
    dual: Option<String>,
}

/// Gregorian months, then Hebrew, then French Republican, as GEDCOM writes them.
const GREGORIAN_MONTHS: [&str; 12] = [
    "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC",
];
const HEBREW_MONTHS: [&str; 13] = [
    "TSH", "CSH", "KSL", "TVT", "SHV", "ADR", "ADS", "NSN", "IYR", "SVN", "TMZ", "AAV", "ELL",
];
const FRENCH_MONTHS: [&str; 13] = [
    "VEND", "BRUM", "FRIM", "NIVO", "PLUV", "VENT", "GERM", "FLOR", "PRAI", "MESS", "THER", "FRUC",
    "COMP",
];

/// Reads `[calendar] [[day] month] year [dual] [epoch]`. The error is a remark.
///
/// A step per part in the order GEDCOM writes them (calendar, day, month, year, dual year,
/// epoch), each step refusing what cannot follow the one before.
fn simple(words: &[&str]) -> Result<Simple, String> {
    let mut words = words.to_vec();
    let calendar = calendar(&mut words)?;
    if let Some(last) = words.last()
        && matches!(*last, "B.C." | "BC" | "BCE" | "B.C.E.")
    {
        return Err("it is before the common era (B.C.)".to_string());
    }
    if words.iter().any(|w| w.starts_with('(')) {
        return Err("it has words genochron cannot read as a date".to_string());
    }
    let (day, month, year_word) = match words.as_slice() {
        [y] => (None, None, *y),
        [m, y] => (None, Some(*m), *y),
        [d, m, y] => (Some(*d), Some(*m), *y),
        [] => return Err("it has no year".to_string()),
        _ => return Err("it is not a date form genochron can read".to_string()),
    };
    let (year_text, dual_text) = match year_word.split_once('/') {
        Some((y, d)) => (y, Some(d)),
        None => (year_word, None),
    };
    let year: i32 = year_text
        .parse()
        .map_err(|_| format!("\"{year_word}\" is not a year"))?;
    let dual = match dual_text {
        None => None,
        Some(short) => Some(dual_year(calendar, year, year_word, short)?),
    };
    let month = month.map(|word| month_number(calendar, word)).transpose()?;
    let day = day.map(day_number).transpose()?;
    Ok(Simple {
        calendar,
        day,
        month,
        year,
        dual,
    })
}

/// The calendar a date names first, taken off its words (Gregorian when it names none).
fn calendar(words: &mut Vec<&str>) -> Result<Calendar, String> {
    let calendar = match words.first().copied() {
        Some("GREGORIAN") => Calendar::Gregorian,
        Some("JULIAN") => Calendar::Julian,
        Some("HEBREW") => Calendar::Hebrew,
        Some("FRENCH_R" | "FRENCH") => {
            if words.get(1) == Some(&"R") {
                words.remove(1);
            }
            Calendar::French
        }
        Some(word)
            if word
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && !is_month(word) =>
        {
            // GEDCOM names its calendars; an extension calendar starts with "_".
            if word.starts_with('_') || matches!(word, "ROMAN" | "UNKNOWN") {
                return Err(format!(
                    "it is in a calendar genochron cannot convert (\"{}\")",
                    word.trim_start_matches('_')
                ));
            }
            return Err(format!(
                "it has words genochron cannot read as a date (\"{word}\")"
            ));
        }
        _ => return Ok(Calendar::Gregorian),
    };
    words.remove(0);
    Ok(calendar)
}

/// A dual year ("1700/01"): the part after "/" must be the end of the next year, and only
/// the Gregorian and Julian calendars have them.
fn dual_year(
    calendar: Calendar,
    year: i32,
    year_word: &str,
    short: &str,
) -> Result<String, String> {
    let next = (year + 1).to_string();
    let valid = !short.is_empty()
        && short.len() <= next.len()
        && short.bytes().all(|b| b.is_ascii_digit())
        && next.ends_with(short)
        && calendar != Calendar::Hebrew
        && calendar != Calendar::French;
    if !valid {
        return Err(format!(
            "\"{year_word}\" is not a dual year: the part after \"/\" should be the \
             next year ({year}/{})",
            &next[next.len().saturating_sub(2)..]
        ));
    }
    Ok(year_word.to_string())
}

/// A month's number (from 1) in the calendar's own list of month words.
fn month_number(calendar: Calendar, word: &str) -> Result<u32, String> {
    let list: &[&str] = match calendar {
        Calendar::Gregorian | Calendar::Julian => &GREGORIAN_MONTHS,
        Calendar::Hebrew => &HEBREW_MONTHS,
        Calendar::French => &FRENCH_MONTHS,
    };
    let found = list.iter().position(|m| *m == word).or_else(|| {
        // Month names written out ("March") in files from lenient programs.
        (word.len() >= 3 && matches!(calendar, Calendar::Gregorian | Calendar::Julian))
            .then(|| GREGORIAN_MONTHS.iter().position(|m| word.starts_with(m)))
            .flatten()
    });
    Ok(found.ok_or_else(|| format!("\"{word}\" is not a month"))? as u32 + 1)
}

/// A day of the month, 1 to 31.
fn day_number(word: &str) -> Result<u32, String> {
    word.parse::<u32>()
        .ok()
        .filter(|d| (1..=31).contains(d))
        .ok_or_else(|| format!("\"{word}\" is not a day of the month"))
}

fn is_month(word: &str) -> bool {
    GREGORIAN_MONTHS.contains(&word)
        || HEBREW_MONTHS.contains(&word)
        || FRENCH_MONTHS.contains(&word)
        || (word.len() >= 3 && GREGORIAN_MONTHS.iter().any(|m| word.starts_with(m)))
}

/// A date in the Gregorian calendar at the precision it can honestly have, with what was
/// simplified.
struct Mapped {
    date: PartialDate,
    /// Set when the conversion itself makes the date approximate.
    about: bool,
    remark: Option<String>,
}

impl Simple {
    /// Why this date cannot be used at all, if it cannot.
    fn unusable(&self) -> Option<String> {
        self.map().err()
    }

    /// The first and last Gregorian days the date can mean.
    fn gregorian_span(&self) -> Option<(NaiveDate, NaiveDate)> {
        let mapped = self.map().ok()?;
        Some((mapped.date.start(), mapped.date.end()))
    }

    fn map(&self) -> Result<Mapped, String> {
        match self.calendar {
            Calendar::Gregorian => self.map_gregorian(),
            Calendar::Julian => self.map_julian(),
            Calendar::Hebrew => self.map_year_based(-3760, &HEBREW_MONTHS, 3, "Hebrew"),
            Calendar::French => self.map_year_based(1792, &FRENCH_MONTHS, 3, "French Republican"),
        }
    }

    fn map_gregorian(&self) -> Result<Mapped, String> {
        let mut year = self.year;
        let mut remark = None;
        let mut about = false;
        if let Some(dual) = &self.dual {
            // Dual years (1745/46) are the old-style year that began on 25 March and the
            // new-style year that began on 1 January. From January to March the new-style
            // year is the later one; from April on they agree; with no month, either.
            match self.month {
                Some(m) if m <= 3 => {
                    year += 1;
                    remark = Some(format!("the dual year \"{dual}\" was imported as {year}"));
                }
                Some(_) => {
                    remark = Some(format!("the dual year \"{dual}\" was imported as {year}"));
                }
                None => {
                    year += 1;
                    about = true;
                    remark = Some(format!(
                        "the dual year \"{dual}\" could be either year, so it was imported as \
                         about {year}"
                    ));
                }
            }
        }
        let (date, day_remark) = gregorian(year, self.month, self.day)?;
        Ok(Mapped {
            date,
            about,
            remark: join(remark, day_remark),
        })
    }

    fn map_julian(&self) -> Result<Mapped, String> {
        let written = format!(
            "{}{}{}",
            self.day.map(|d| format!("{d} ")).unwrap_or_default(),
            self.month
                .map(|m| format!("{} ", GREGORIAN_MONTHS[m as usize - 1]))
                .unwrap_or_default(),
            self.year
        );
        match (self.day, self.month) {
            (Some(day), Some(month)) => {
                let converted = julian_to_gregorian(self.year, month, day).ok_or_else(|| {
                    format!("\"{written}\" is not a real day in the Julian calendar")
                })?;
                check_year(converted.year())?;
                Ok(Mapped {
                    date: PartialDate::day(converted),
                    about: false,
                    remark: Some(format!(
                        "it is in the Julian calendar (\"{written}\"); it was converted to the \
                         Gregorian calendar"
                    )),
                })
            }
            (None, Some(month)) => {
                let (date, _) = gregorian(self.year, Some(month), None)?;
                Ok(Mapped {
                    date,
                    about: true,
                    remark: Some(format!(
                        "it is a month in the Julian calendar (\"{written}\"), which straddles \
                         two Gregorian months, so it was imported as about that month"
                    )),
                })
            }
            _ => {
                let (date, _) = gregorian(self.year, None, None)?;
                Ok(Mapped {
                    date,
                    about: false,
                    remark: Some(format!(
                        "it is a year in the Julian calendar (\"{written}\"); the year was kept"
                    )),
                })
            }
        }
    }

    /// Calendars whose year starts in the autumn (Hebrew at Tishri, French Republican at
    /// Vendémiaire): the year mostly falls in Gregorian year `offset` + year, but its first
    /// `autumn` months fall in the Gregorian year before. Only the year is kept.
    fn map_year_based(
        &self,
        offset: i32,
        months: &[&str],
        autumn: u32,
        name: &str,
    ) -> Result<Mapped, String> {
        let written = format!(
            "{}{}{}",
            self.day.map(|d| format!("{d} ")).unwrap_or_default(),
            self.month
                .map(|m| format!("{} ", months[m as usize - 1]))
                .unwrap_or_default(),
            self.year
        );
        let (year, about) = match self.month {
            Some(m) if m <= autumn => (self.year + offset - 1, false),
            // The fourth month straddles the Gregorian new year.
            Some(m) if m == autumn + 1 => (self.year + offset, true),
            Some(_) => (self.year + offset, false),
            None => (self.year + offset, true),
        };
        check_year(year)?;
        let date = PartialDate::year(year).ok_or("the year is out of range")?;
        Ok(Mapped {
            date,
            about,
            remark: Some(format!(
                "it is in the {name} calendar (\"{written}\"); only the Gregorian year was kept"
            )),
        })
    }
}

/// A Gregorian date at the precision given. A day that does not exist keeps its month.
fn gregorian(
    year: i32,
    month: Option<u32>,
    day: Option<u32>,
) -> Result<(PartialDate, Option<String>), String> {
    check_year(year)?;
    let by_month = |m: u32| PartialDate::month(year, m).ok_or_else(|| "no such month".to_string());
    match (month, day) {
        (None, _) => Ok((PartialDate::year(year).ok_or("no such year")?, None)),
        (Some(m), None) => Ok((by_month(m)?, None)),
        (Some(m), Some(d)) => match NaiveDate::from_ymd_opt(year, m, d) {
            Some(date) => Ok((PartialDate::day(date), None)),
            None => Ok((
                by_month(m)?,
                Some(format!(
                    "day {d} does not exist in that month, so only the month was kept"
                )),
            )),
        },
    }
}

fn check_year(year: i32) -> Result<(), String> {
    if in_range(year) {
        Ok(())
    } else {
        Err(format!(
            "the year {year} is outside the years genochron handles (1000 to 2999)"
        ))
    }
}

fn in_range(year: i32) -> bool {
    (1000..=2999).contains(&year)
}

fn join(a: Option<String>, b: Option<String>) -> Option<String> {
    match (a, b) {
        (Some(a), Some(b)) => Some(format!("{a}; {b}")),
        (a, b) => a.or(b),
    }
}

/// The mapped date with its qualifier. An "about" from the conversion only shows when the
/// date was otherwise exact: "before" and "after" already say it is not.
fn finish(date: Simple, qualifier: Qualifier, remark: Option<String>) -> Converted {
    match date.map() {
        Ok(mapped) => {
            let qualifier = match (qualifier, mapped.about) {
                (Qualifier::Exact, true) => Qualifier::About,
                (q, _) => q,
            };
            Converted {
                date: Some(mapped.date.qualified(qualifier).to_case_text()),
                remark: join(remark, mapped.remark),
            }
        }
        Err(reason) => Converted::dropped(reason),
    }
}

/// A Julian calendar day as the Gregorian day it was, through the Julian day number.
fn julian_to_gregorian(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    let leap = year % 4 == 0;
    let days_in_month = match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        1..=12 => 31,
        _ => return None,
    };
    if day == 0 || day > days_in_month {
        return None;
    }
    let a = (14 - month as i64) / 12;
    let y = year as i64 + 4800 - a;
    let m = month as i64 + 12 * a - 3;
    let jdn = day as i64 + (153 * m + 2) / 5 + 365 * y + y / 4 - 32083;
    // Julian day 1721426 is 1 January of year 1 in the proleptic Gregorian calendar.
    NaiveDate::from_num_days_from_ce_opt(i32::try_from(jdn - 1_721_425).ok()?)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> Option<String> {
        convert(text).date
    }

    #[test]
    fn simple_dates_keep_their_precision() {
        assert_eq!(date("12 AUG 1901").as_deref(), Some("1901-08-12"));
        assert_eq!(date("AUG 1901").as_deref(), Some("1901-08"));
        assert_eq!(date("1901").as_deref(), Some("1901"));
        assert_eq!(date("abt 1808").as_deref(), Some("about 1808"));
        assert!(convert("1901").remark.is_none());
    }

    #[test]
    fn qualifiers_map_to_about_before_after() {
        assert_eq!(date("CAL 1495").as_deref(), Some("about 1495"));
        assert_eq!(date("EST NOV 1495").as_deref(), Some("about 1495-11"));
        assert_eq!(
            date("BEF 23 APR 1564").as_deref(),
            Some("before 1564-04-23")
        );
        assert_eq!(date("AFT 1950").as_deref(), Some("after 1950"));
    }

    #[test]
    fn ranges_collapse_only_when_honest() {
        assert_eq!(date("BET JAN 1950 AND MAR 1950").as_deref(), Some("1950"));
        assert_eq!(
            date("BET 3 MAR 1950 AND 20 MAR 1950").as_deref(),
            Some("1950-03")
        );
        let wide = convert("BET 1950 AND 1960");
        assert_eq!(wide.date.as_deref(), Some("after 1950"));
        assert!(wide.remark.unwrap().contains("range"));
        assert_eq!(date("FROM 1950 TO 1960").as_deref(), Some("1950"));
        assert_eq!(date("TO 1960").as_deref(), Some("before 1960"));
    }

    #[test]
    fn dual_years_use_the_new_style_year() {
        assert_eq!(date("8 JAN 1699/00").as_deref(), Some("1700-01-08"));
        assert_eq!(date("NOV 1745/46").as_deref(), Some("1745-11"));
        assert_eq!(date("1745/46").as_deref(), Some("about 1746"));
        let bad = convert("1701/99");
        assert_eq!(bad.date, None);
        assert!(bad.remark.unwrap().contains("1701/02"));
    }

    #[test]
    fn other_calendars_are_converted_or_dropped_with_a_reason() {
        assert_eq!(date("@#DJULIAN@ 3 MAR 1701").as_deref(), Some("1701-03-14"));
        assert_eq!(date("JULIAN 1401").as_deref(), Some("1401"));
        assert_eq!(date("@#DHEBREW@ 5780").as_deref(), Some("about 2020"));
        assert_eq!(date("HEBREW TSH 5780").as_deref(), Some("2019"));
        assert_eq!(date("@#DFRENCH R@ 1 VEND 2").as_deref(), Some("1793"));
        assert_eq!(date("FRENCH_R GERM 2").as_deref(), Some("1794"));
        assert!(
            convert("@#DROMAN@ 2000")
                .remark
                .unwrap()
                .contains("calendar")
        );
        assert_eq!(date("1401 B.C."), None);
        assert_eq!(date("799"), None);
    }

    #[test]
    fn phrases_are_kept_in_the_remark() {
        let int = convert("INT 1900 (in the spring)");
        assert_eq!(int.date.as_deref(), Some("1900"));
        assert!(int.remark.unwrap().contains("in the spring"));
        assert_eq!(date("(a long time ago)"), None);
    }

    #[test]
    fn impossible_days_keep_their_month() {
        let c = convert("30 FEB 1950");
        assert_eq!(c.date.as_deref(), Some("1950-02"));
        assert!(c.remark.is_some());
    }

    #[test]
    fn valid_dual_years_take_the_new_style_year() {
        for (gedcom, case) in [
            ("JAN 1699/00", Some("1700-01")),
            ("8 JAN 1699/00", Some("1700-01-08")),
            ("ABT JAN 1699/00", Some("about 1700-01")),
            ("FROM 8 JAN 1699/00", Some("1700-01-08")),
            ("BET JAN 1699/00 AND FEB 1699/00", Some("1700")),
        ] {
            assert_eq!(convert(gedcom).date.as_deref(), case, "{gedcom}");
        }
    }

    /// The date file of the maintainers' suite, in both versions.
    #[test]
    fn every_date_of_the_suite_converts_or_says_why() {
        for version in ["5", "7"] {
            for (short, bytes) in super::super::fixtures::suite(version) {
                if short == "date-all.ged" {
                    let text = String::from_utf8_lossy(&bytes);
                    every_date_converts_or_says_why(&format!("{version}/{short}"), &text);
                }
            }
        }
    }

    /// Every DATE line of a date test file converts to a date the case file reads, or says why
    /// not; and the forms with one honest answer give it.
    fn every_date_converts_or_says_why(name: &str, text: &str) {
        let mut converted = 0;
        for line in text.lines() {
            let Some(value) = line.strip_prefix("2 DATE ") else {
                continue;
            };
            let result = convert(value);
            match &result.date {
                Some(d) => {
                    crate::model::PartialDate::parse(d)
                        .unwrap_or_else(|e| panic!("{name}: {value} → {d}: {e}"));
                    converted += 1;
                }
                None => assert!(result.remark.is_some(), "{name}: {value} dropped silently"),
            }
        }
        assert!(converted > 100, "{name}: only {converted} dates converted");
        for (gedcom, case) in [
            ("1401", Some("1401")),
            ("OCT 1401", Some("1401-10")),
            ("12 AUG 1401", Some("1401-08-12")),
            ("1401 B.C.", None),
            ("JULIAN 1401", Some("1401")),
            // In the fifteenth century the Julian calendar ran 9 days behind.
            ("JULIAN 12 AUG 1401", Some("1401-08-21")),
            ("GREGORIAN 12 AUG 1401", Some("1401-08-12")),
            ("ABT 1401", Some("about 1401")),
            ("CAL 27 JAN 1495", Some("about 1495-01-27")),
            ("EST NOV 1495", Some("about 1495-11")),
            ("BEF 1950", Some("before 1950")),
            ("AFT 1950", Some("after 1950")),
            ("BET 1950 AND 302", Some("after 1950")),
            ("FROM 1950 TO 1960", Some("1950")),
            ("TO 1960", Some("before 1960")),
            ("INT 1950 (THIS IS SOME TEXT)", Some("1950")),
            ("(THIS IS SOME TEXT)", None),
            ("ROMAN 28", None),
            ("HEBREW 26 TVT 5780", Some("about 2020")),
            ("FRENCH_R 27 THER 2", Some("1794")),
        ] {
            assert_eq!(convert(gedcom).date.as_deref(), case, "{gedcom}");
        }
    }
}
