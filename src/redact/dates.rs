//! Dates as people write them in free text, found so that a hidden birth date is recognised
//! however it was typed: "27.02.2013", "27/2/2013", "2013-02-27", "4th November 1989",
//! "May 19, 1987", "Feb 2013", "02/2013".

use super::fold::Word;

/// A date found in a text: the day when one was written, and the bytes it spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Written {
    pub year: i32,
    pub month: u32,
    pub day: Option<u32>,
    pub start: usize,
    pub end: usize,
}

/// The months, folded to lower case, in order.
pub(crate) const MONTHS: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];

fn month_of(word: &str) -> Option<u32> {
    MONTHS
        .iter()
        .position(|m| *m == word || (word.len() >= 3 && m.starts_with(word) && word != "mar"))
        .or_else(|| (word == "mar").then_some(2))
        .map(|i| i as u32 + 1)
}

fn number(word: &Word) -> Option<u32> {
    if word.folded.chars().all(|c| c.is_ascii_digit()) && word.folded.len() <= 4 {
        word.folded.parse().ok()
    } else {
        None
    }
}

fn year(word: &Word) -> Option<i32> {
    (word.folded.len() == 4)
        .then(|| number(word))
        .flatten()
        .map(|y| y as i32)
}

fn day(word: &Word) -> Option<u32> {
    number(word).filter(|d| (1..=31).contains(d) && word.folded.len() <= 2)
}

fn month_number(word: &Word) -> Option<u32> {
    number(word).filter(|m| (1..=12).contains(m) && word.folded.len() <= 2)
}

/// True when only a short separator (". / - , " or spaces) lies between two words.
fn close(text: &str, a: &Word, b: &Word) -> bool {
    let between = &text[a.end..b.start];
    between.chars().count() <= 3
        && between
            .chars()
            .all(|c| c.is_whitespace() || matches!(c, '.' | '/' | '-' | ',' | '\u{2013}'))
}

/// Every date written in `text` (whose words are `words`), with the day when written.
pub fn find(text: &str, words: &[Word]) -> Vec<Written> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match at(text, words, i) {
            Some((written, used)) => {
                out.push(written);
                i += used;
            }
            None => i += 1,
        }
    }
    out
}

/// The date starting at word `i`, and how many words it takes.
fn at(text: &str, w: &[Word], i: usize) -> Option<(Written, usize)> {
    let get = |k: usize| w.get(i + k);
    let linked = |k: usize| {
        let (a, b) = (get(k)?, get(k + 1)?);
        close(text, a, b).then_some(b)
    };
    let make = |year: i32, month: u32, day: Option<u32>, used: usize| {
        let last = &w[i + used - 1];
        Some((
            Written {
                year,
                month,
                day,
                start: w[i].start,
                end: last.end,
            },
            used,
        ))
    };
    let first = get(0)?;
    // 2013-02-27 and 2013-02.
    if let Some(y) = year(first)
        && let Some(m) = linked(0).and_then(month_number)
    {
        if let Some(d) = linked(1).and_then(day) {
            return make(y, m, Some(d), 3);
        }
        return make(y, m, None, 2);
    }
    // 27.02.2013, 27/2/2013, 27 02 2013, and 02/2013.
    if let Some(d) = day(first)
        && let Some(m) = linked(0).and_then(month_number)
        && let Some(y) = linked(1).and_then(year)
    {
        return make(y, m, Some(d), 3);
    }
    if let Some(m) = month_number(first)
        && first.folded.len() == 2
        && let Some(y) = linked(0).and_then(year)
    {
        return make(y, m, None, 2);
    }
    // 4th November 1989, 4 Nov 1989.
    if let Some(d) = day(first) {
        let mut k = 0;
        if linked(k).is_some_and(|s| matches!(s.folded.as_str(), "st" | "nd" | "rd" | "th")) {
            k += 1;
        }
        // "4th of November".
        if linked(k).is_some_and(|s| s.folded == "of") {
            k += 1;
        }
        if let Some(m) = linked(k).and_then(|w| month_of(&w.folded))
            && let Some(y) = linked(k + 1).and_then(year)
        {
            return make(y, m, Some(d), k + 3);
        }
    }
    // May 19, 1987; May 19th 1987; May 1987.
    if let Some(m) = month_of(&first.folded) {
        if let Some(d) = linked(0).and_then(day) {
            let mut k = 1;
            if linked(k).is_some_and(|s| matches!(s.folded.as_str(), "st" | "nd" | "rd" | "th")) {
                k += 1;
            }
            if let Some(y) = linked(k).and_then(year) {
                return make(y, m, Some(d), k + 2);
            }
        }
        if let Some(y) = linked(0).and_then(year) {
            return make(y, m, None, 2);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::super::fold::words;
    use super::*;

    fn dates(text: &str) -> Vec<(i32, u32, Option<u32>)> {
        find(text, &words(text))
            .into_iter()
            .map(|d| (d.year, d.month, d.day))
            .collect()
    }

    #[test]
    fn finds_the_common_written_forms() {
        let day = (2013, 2, Some(27));
        for text in [
            "born 27.02.2013 at home",
            "born 27/2/2013",
            "born 2013-02-27.",
            "born 27 February 2013",
            "born 27th Feb 2013",
            "born 27th of February 2013",
            "born February 27, 2013",
            "born Feb 27th 2013",
        ] {
            assert_eq!(dates(text), vec![day], "{text}");
        }
        assert_eq!(dates("born Feb 2013"), vec![(2013, 2, None)]);
        assert_eq!(dates("born in February 2013"), vec![(2013, 2, None)]);
        assert_eq!(dates("born 02/2013"), vec![(2013, 2, None)]);
        assert_eq!(
            dates("4th November 1989 and May 19, 1987"),
            vec![(1989, 11, Some(4)), (1987, 5, Some(19))]
        );
    }

    #[test]
    fn leaves_numbers_that_are_not_dates() {
        assert!(dates("Year 8 award; 14 Hollin Lane; 3 of 2013 cases; may be").is_empty());
    }
}
