//! Entries from spreadsheets: one folder per situation under `tests/cases/entries-csv/`, each
//! with `entries.csv`, an optional `map.txt` (one `Heading=field` a line), and the expected
//! entries as the case file holds them (`case.json`) and messages (`messages.txt`).
//! `GENOCHRON_ACCEPT=1 cargo test --test entries_csv` rewrites them (never under CI).

use genochron::diagnostic::to_text;
use genochron::input::entries_csv::{parse_mapping, read};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/entries-csv");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("tests/cases/entries-csv exists")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

fn compare(path: &Path, actual: &str) {
    let accept = std::env::var("GENOCHRON_ACCEPT").is_ok_and(|v| v == "1")
        && !std::env::var("CI").is_ok_and(|v| v == "true");
    if accept {
        std::fs::write(path, actual).expect("write expected output");
        return;
    }
    let expected = std::fs::read_to_string(path)
        .unwrap_or_else(|_| panic!("{} is missing: run with GENOCHRON_ACCEPT=1", path.display()));
    assert_eq!(expected, actual, "{} differs", path.display());
}

#[test]
fn entries_csv_cases() {
    let dirs = cases();
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
        compare(&dir.join("case.json"), &json);
        compare(
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
