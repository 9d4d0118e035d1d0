//! A summary chronology that fits a number of pages: the most significant entries, chosen by
//! a rule the document states, with every entry left out counted and listed by number.
//!
//! Entries are ranked by significance (high, medium, low, then not rated) and, within one
//! level, the most recent first; the summary is the longest run of that ranking whose table
//! fits. How many pages a table takes is the caller's measure (the PDF's pagination), so the
//! rule holds for the document that is printed.

use super::select::{Filter, Focus, select};
use crate::model::{Case, Entry, Significance};
use crate::vocabulary::significance_word;
use std::collections::BTreeSet;

/// The summary chosen to fit.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fit {
    /// The filter to draw the table with: the caller's, keeping only the chosen entries.
    pub filter: Filter,
    /// The rule that chose them, as a sentence for the front page.
    pub rule: String,
    /// Entries the caller's filter kept and the summary left out, by number, in date order.
    pub left_out: Vec<u32>,
}

/// The most significant entries, of those `filter` keeps, whose table takes at most `pages`
/// pages by `measure`. `pages` is at least 1.
pub fn fit(case: &Case, filter: &Filter, pages: usize, measure: impl Fn(&Filter) -> usize) -> Fit {
    let selection = select(case, &Focus::default(), filter);
    let mut ranked: Vec<&Entry> = selection.shown.clone();
    // Most significant first; within a level, the latest first; file order settles the rest.
    ranked.sort_by_key(|e| {
        (
            std::cmp::Reverse(rank(e.significance)),
            std::cmp::Reverse(e.date.sort_key()),
        )
    });
    let keeping = |n: usize| Filter {
        only: Some(ranked[..n].iter().map(|e| e.number).collect()),
        ..filter.clone()
    };
    let pages = pages.max(1);
    let total = ranked.len();
    let kept = if measure(&keeping(total)) <= pages {
        total
    } else {
        // The longest prefix that fits: adding a row never takes a table onto fewer pages.
        let (mut fits, mut too_many) = (0, total);
        while too_many - fits > 1 {
            let middle = (fits + too_many) / 2;
            if measure(&keeping(middle)) <= pages {
                fits = middle;
            } else {
                too_many = middle;
            }
        }
        fits
    };
    let chosen: BTreeSet<u32> = ranked[..kept].iter().map(|e| e.number).collect();
    let left_out: Vec<u32> = selection
        .shown
        .iter()
        .filter(|e| !chosen.contains(&e.number))
        .map(|e| e.number)
        .collect();
    Fit {
        rule: rule(&ranked, kept, pages),
        filter: keeping(kept),
        left_out,
    }
}

fn rank(significance: Option<Significance>) -> u8 {
    match significance {
        Some(Significance::High) => 3,
        Some(Significance::Medium) => 2,
        Some(Significance::Low) => 1,
        None => 0,
    }
}

fn level_words(significance: Option<Significance>) -> String {
    match significance {
        Some(s) => format!("{} significance", significance_word(s).to_lowercase()),
        None => "significance not rated".to_string(),
    }
}

/// "To fit 10 pages: every entry of high significance (12) and the 8 most recent of medium
/// significance (of 14)."
fn rule(ranked: &[&Entry], kept: usize, pages: usize) -> String {
    let pages_words = crate::diagnostic::count(pages, "page", "pages");
    if kept == ranked.len() {
        return format!("Every entry fits in {pages_words}: none left out to fit.");
    }
    let mut parts = Vec::new();
    for level in [
        Some(Significance::High),
        Some(Significance::Medium),
        Some(Significance::Low),
        None,
    ] {
        let of_level = ranked.iter().filter(|e| e.significance == level).count();
        let kept_of_level = ranked[..kept]
            .iter()
            .filter(|e| e.significance == level)
            .count();
        if of_level == 0 {
            continue;
        }
        if kept_of_level == of_level {
            parts.push(format!(
                "every entry of {} ({of_level})",
                level_words(level)
            ));
        } else {
            if kept_of_level > 0 {
                parts.push(format!(
                    "the {kept_of_level} most recent of {} (of {of_level})",
                    level_words(level)
                ));
            }
            break;
        }
    }
    let kept_words = match parts.as_slice() {
        [] => "no entry (not even one row fits)".to_string(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    };
    format!("Summary chosen to fit {pages_words}: {kept_words}.")
}
