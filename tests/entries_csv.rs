//! Entries from spreadsheets: one folder per situation under `tests/cases/entries-csv/`, each
//! with `entries.csv`, an optional `map.txt` (one `Heading=field` a line), and the expected
//! entries as the case file holds them (`case.json`) and messages (`messages.txt`).
//! `GENOCHRON_ACCEPT=1 cargo test --test entries_csv` rewrites them (never under CI).

mod support;

use genochron::diagnostic::to_text;
use genochron::input::entries_csv::{parse_mapping, read};
use proptest::prelude::*;

#[test]
fn entries_csv_cases() {
    let dirs = support::case_dirs("entries-csv");
    assert!(dirs.len() >= 3);
    for dir in dirs {
        let bytes = std::fs::read(dir.join("entries.csv")).unwrap();
        let mapping: Vec<(String, String)> = std::fs::read_to_string(dir.join("map.txt"))
            .unwrap_or_default()
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| parse_mapping(l).unwrap())
            .collect();
        let (file, diagnostics) = read(&bytes, &mapping);
        // Every line of the file is an entry, or is reported, or is the heading.
        let rows = String::from_utf8_lossy(&bytes).lines().count();
        let reported: std::collections::BTreeSet<usize> = diagnostics
            .iter()
            .filter(|d| d.line > 1)
            .map(|d| d.line)
            .collect();
        let entries = file.as_ref().map_or(0, |f| f.entries.len());
        assert!(
            file.is_some() || diagnostics.iter().any(|d| d.is_problem()),
            "{}",
            dir.display()
        );
        assert!(
            file.is_none() || entries + reported.len() + 1 >= rows,
            "{}: {rows} lines, {entries} entries, {} reported",
            dir.display(),
            reported.len()
        );
        let json = match &file {
            Some(file) => serde_json::to_string_pretty(&file.entries).unwrap() + "\n",
            None => "null\n".to_string(),
        };
        support::compare(&dir.join("case.json"), &json);
        support::compare(
            &dir.join("messages.txt"),
            &to_text("entries.csv", &diagnostics),
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]
    #[test]
    fn any_bytes_are_read_or_reported_never_a_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        let (file, diagnostics) = read(&bytes, &[]);
        prop_assert!(file.is_some() || diagnostics.iter().any(|d| d.is_problem()));
    }

    #[test]
    fn any_table_of_text_is_read_or_reported(cells in proptest::collection::vec(proptest::collection::vec("[a-z0-9 ,;\"\n-]{0,12}", 1..5), 1..8)) {
        let mut text = String::from("date,event,source\n");
        for row in &cells {
            text.push_str(&row.join(","));
            text.push('\n');
        }
        let (file, diagnostics) = read(text.as_bytes(), &[]);
        prop_assert!(file.is_some() || diagnostics.iter().any(|d| d.is_problem()));
    }
}
