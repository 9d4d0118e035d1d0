//! The chronology as words, built once: which entries a version shows (`select`) and the
//! rows every table prints (`rows`). Markdown, CSV, the HTML page, the PDF and any later
//! format render these rows and add no words of their own, so the same entry reads the same
//! in every document.

pub mod fit;
pub(crate) mod rows;
pub(crate) mod select;

pub use fit::{Fit, fit};
pub(crate) use rows::age_between;
pub use rows::{COURT_COLUMNS, ChildCells, ChildColumn, Chronology, Paragraph, Row, chronology};
pub use select::{Filter, Focus, LeftOut, Selection, select};

use crate::model::Entry;

/// The date or period of an entry as shown: "14 Mar 2019", "Feb 2020 to c. Sep 2021".
pub(crate) fn entry_date_text(entry: &Entry) -> String {
    let mut text = entry.date.to_string();
    if let Some(end) = &entry.end {
        text.push_str(" to ");
        text.push_str(&end.to_string());
    }
    text
}
