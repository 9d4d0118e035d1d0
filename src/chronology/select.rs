//! Which entries a timeline or a table shows: the focus window, the filters, and what each
//! leaves out. The timeline's layout and every chronology table select through here.
//!
//! Nothing is dropped silently: every entry is either shown, summarised (before or after the
//! focus window), or left out by a filter the user chose, and the caller can say which.

use crate::model::{Case, Entry, PersonId, Significance};
use chrono::NaiveDate;

/// The part of the chronology drawn in full; entries outside it are summarised, not dropped.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Focus {
    pub from: Option<NaiveDate>,
    pub to: Option<NaiveDate>,
}

/// Filters the user chose. Empty lists keep everything.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Filter {
    /// Categories to keep ("domestic-abuse").
    pub categories: Vec<String>,
    /// Subject children to keep: entries about other children only are left out.
    pub children: Vec<PersonId>,
    /// Significance levels to keep.
    pub significance: Vec<Significance>,
    /// Keep only entries this audience may see.
    pub audience: Option<String>,
    /// Keep only these entries (by number): the summary that fits a number of pages
    /// ([`crate::chronology::fit`]).
    pub only: Option<std::collections::BTreeSet<u32>>,
}

/// Why an entry was left out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LeftOut {
    Category,
    Child,
    Significance,
    Audience,
    /// Left out of a summary made to fit a number of pages.
    PageLimit,
}

impl LeftOut {
    pub fn name(self) -> &'static str {
        match self {
            LeftOut::Category => "category",
            LeftOut::Child => "child",
            LeftOut::Significance => "significance",
            LeftOut::Audience => "audience",
            LeftOut::PageLimit => "page-limit",
        }
    }
}

/// The entries of a case sorted into what is drawn, summarised and left out. All lists are in
/// date order.
#[derive(Debug, Clone, Default)]
pub struct Selection<'a> {
    pub shown: Vec<&'a Entry>,
    /// Entries that ended before the focus window: summarised in one band.
    pub before: Vec<&'a Entry>,
    /// Entries that began after the focus window: summarised in one band.
    pub after: Vec<&'a Entry>,
    pub left_out: Vec<(&'a Entry, LeftOut)>,
    /// The subject children drawn (all, or those the child filter keeps), in case order.
    pub children: Vec<PersonId>,
}

impl Selection<'_> {
    /// How many entries each filter left out, in a fixed order.
    pub fn left_out_counts(&self) -> Vec<(LeftOut, usize)> {
        let mut counts: Vec<(LeftOut, usize)> = Vec::new();
        for reason in [
            LeftOut::Category,
            LeftOut::Child,
            LeftOut::Significance,
            LeftOut::Audience,
            LeftOut::PageLimit,
        ] {
            let n = self.left_out.iter().filter(|(_, r)| *r == reason).count();
            if n > 0 {
                counts.push((reason, n));
            }
        }
        counts
    }
}

pub(crate) use crate::model::category_key;

/// Sorts the case's entries into shown, summarised and left out.
pub fn select<'a>(case: &'a Case, focus: &Focus, filter: &Filter) -> Selection<'a> {
    let categories: Vec<String> = filter.categories.iter().map(|c| category_key(c)).collect();
    let children: Vec<PersonId> = if filter.children.is_empty() {
        case.details.subjects.clone()
    } else {
        case.details
            .subjects
            .iter()
            .filter(|c| filter.children.contains(c))
            .cloned()
            .collect()
    };
    let mut selection = Selection {
        children,
        ..Selection::default()
    };
    for entry in case.entries_in_date_order() {
        let reason =
            if !categories.is_empty() && !categories.contains(&category_key(&entry.category)) {
                Some(LeftOut::Category)
            } else if !filter.children.is_empty()
                && !entry.children.is_empty()
                && !entry.children.iter().any(|c| filter.children.contains(c))
            {
                Some(LeftOut::Child)
            } else if !filter.significance.is_empty()
                && !entry
                    .significance
                    .is_some_and(|s| filter.significance.contains(&s))
            {
                Some(LeftOut::Significance)
            } else if filter
                .audience
                .as_ref()
                .is_some_and(|a| !entry.audiences.is_empty() && !entry.audiences.contains(a))
            {
                Some(LeftOut::Audience)
            } else if filter
                .only
                .as_ref()
                .is_some_and(|only| !only.contains(&entry.number))
            {
                Some(LeftOut::PageLimit)
            } else {
                None
            };
        if let Some(reason) = reason {
            selection.left_out.push((entry, reason));
            continue;
        }
        let last = entry.end.as_ref().unwrap_or(&entry.date).end();
        if focus.from.is_some_and(|from| last < from) {
            selection.before.push(entry);
        } else if focus.to.is_some_and(|to| entry.date.start() > to) {
            selection.after.push(entry);
        } else {
            selection.shown.push(entry);
        }
    }
    selection
}
