//! Chronology tables: HTML is well-formed and escaped, CSV reads back through the entries
//! importer, numbers are stable when an entry is added. The cases under
//! `tests/cases/chronology/` (Markdown, CSV and HTML) are checked one test per case in
//! `golden_cases.rs`.

mod support;

use genochron::input::case_file::ImpactInput;
use genochron::input::entries_csv;
use genochron::model::PartialDate;
use genochron::render::table::{self, TableOptions};
use std::path::Path;

#[test]
fn awkward_text_is_escaped_in_every_format() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/chronology/partial-dates-and-awkward-text");
    let case = support::load_case(&dir);
    let options = TableOptions::default();
    let html = table::html(&case, &options);
    assert!(!html.contains("<script>"));
    assert!(html.contains("&lt;script&gt;"));
    assert!(html.contains("Sam &lt;Kelly&gt; &amp; family"));
    let md = table::markdown(&case, &options);
    assert!(!md.contains("<script>"));
    assert!(
        md.contains("Sam moved \\| nursery"),
        "a pipe cannot split the row"
    );
    assert!(
        md.contains("Sam was unwell. He missed school."),
        "no line break inside a row"
    );
    let csv = table::csv(&case, &options);
    assert!(csv.contains("'=HYPERLINK"), "formulas are kept as text");
    // Dates only to their precision.
    assert!(md.contains("| c. 2016 |"));
    assert!(md.contains("| before 15 Jan 2019 |"));
    assert!(md.contains("| Mar 2021 to c. Sep 2021 |"));
    assert!(md.contains("| 1 Jun 2023, 09:15 |"));
    assert!(md.contains("Date prepared: 4 Nov 2024"));
    assert!(md.contains("Hearing date: 10 Dec 2024"));
    // Sam was born in May 2017 (month only): whole years where both possible ages agree,
    // "c." where a date is approximate, and before birth there is no age.
    assert!(md.contains("not yet born"));
    assert!(md.contains("| GP summary | 3y |"), "{md}");
    assert!(md.contains("| Nursery letter; C12 | c. 1y |"), "{md}");
    assert!(!md.contains("Not concerned") && !md.contains("Neutral"));
}

#[test]
fn csv_reads_back_through_the_entries_importer() {
    for dir in support::case_dirs("chronology") {
        let case = support::load_case(&dir);
        let csv = table::csv(&case, &TableOptions::default());
        let (file, diagnostics) = entries_csv::read(csv.as_bytes(), &[]);
        assert!(
            diagnostics.iter().all(|d| !d.is_problem()),
            "{}: {diagnostics:?}",
            dir.display()
        );
        let file = file.expect("read back");
        let original = case.entries_in_date_order();
        assert_eq!(file.entries.len(), original.len());
        for (read, entry) in file.entries.iter().zip(original) {
            let date = PartialDate::parse(&read.date.as_ref().unwrap().value).unwrap();
            assert_eq!(date, entry.date, "dates keep their precision");
            assert_eq!(
                read.number.as_ref().unwrap().value,
                entry.number.to_string()
            );
            assert_eq!(
                read.event.as_ref().unwrap().value.trim_start_matches('\''),
                entry.event
            );
            let impacts = match &read.impact {
                Some(ImpactInput::PerChild(list)) => list.len(),
                _ => 0,
            };
            let concerned = case
                .details
                .subjects
                .iter()
                .filter(|c| entry.children.is_empty() || entry.children.contains(c))
                .filter(|c| {
                    entry
                        .impacts
                        .iter()
                        .any(|i| i.child.is_none() || i.child.as_ref() == Some(*c))
                })
                .count();
            assert_eq!(impacts, concerned, "entry {}", entry.number);
        }
    }
}

#[test]
fn adding_an_entry_does_not_renumber_the_others() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/chronology/several-children-impact-per-child");
    let mut case = support::load_case(&dir);
    let before = table::markdown(&case, &TableOptions::default());
    let mut extra = case.entries[0].clone();
    extra.number = 99;
    extra.date = PartialDate::parse("2020-01-01").unwrap();
    extra.event = "A new entry between the others.".into();
    case.entries.push(extra);
    let after = table::markdown(&case, &TableOptions::default());
    let rows = |md: &str| -> Vec<String> {
        md.lines()
            .filter(|l| l.starts_with("| ") && !l.contains("A new entry"))
            .map(String::from)
            .collect()
    };
    assert_eq!(rows(&before), rows(&after));
    assert!(after.contains("| 99 | 1 Jan 2020 |"));
}
