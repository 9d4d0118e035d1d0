//! Golden cases as data: one folder per case under `tests/cases/<area>/`, its input beside the
//! expected outputs, and one test per case named `<area>::<case>`, so a single case runs on its
//! own: `cargo test --test golden_cases -- problems::entry-without-date`.
//! `GENOCHRON_ACCEPT=1 cargo test --test golden_cases` rewrites the expected files (never
//! under CI).
//!
//! - `problems/`: `case.yaml` and the checker's messages with their lines (`expected.txt`).
//! - `import/`: an `input.ged`, `.ped` or `.csv`, and the case file (`expected.yaml`) and
//!   messages (`expected.txt`) the import gives.
//! - `entries-csv/`: `entries.csv`, an optional `map.txt` (one `--map` value a line, read by
//!   the same function as the command line's), and the entries (`case.json`) and messages
//!   (`messages.txt`).
//! - `chronology/`: `case.yaml` and its Markdown, CSV and HTML tables.

mod support;

use genochron::diagnostic::{self, to_text};
use genochron::input::entries_csv::{self, parse_mapping};
use genochron::input::pedigree::{self, PedigreeKind};
use genochron::input::{gedcom, write};
use genochron::render::table::{self, TableOptions};
use libtest_mimic::{Arguments, Failed, Trial};
use std::path::{Path, PathBuf};

/// An area of cases: its folder, how one case is checked, and how many cases it must have at
/// least (so a lost folder fails rather than passing with nothing checked).
struct Area {
    folder: &'static str,
    check: fn(&Path),
    at_least: usize,
}

const AREAS: [Area; 4] = [
    Area {
        folder: "problems",
        check: problem,
        at_least: 13,
    },
    Area {
        folder: "import",
        check: import,
        at_least: 6,
    },
    Area {
        folder: "entries-csv",
        check: entries_csv,
        at_least: 3,
    },
    Area {
        folder: "chronology",
        check: chronology,
        at_least: 2,
    },
];

fn main() {
    let arguments = Arguments::from_args();
    let mut trials = Vec::new();
    for area in AREAS {
        let dirs = support::case_dirs(area.folder);
        let (count, at_least) = (dirs.len(), area.at_least);
        trials.push(Trial::test(
            format!("{}::has-its-cases", area.folder),
            move || {
                if count >= at_least {
                    Ok(())
                } else {
                    Err(Failed::from(format!(
                        "{count} cases, fewer than {at_least}"
                    )))
                }
            },
        ));
        for dir in dirs {
            let name = dir.file_name().unwrap().to_string_lossy().into_owned();
            let check = area.check;
            trials.push(Trial::test(format!("{}::{name}", area.folder), move || {
                check(&dir);
                Ok(())
            }));
        }
    }
    libtest_mimic::run(&arguments, trials).exit();
}

/// Every problem the checker knows, one case each: the messages with their lines.
fn problem(dir: &Path) {
    let bytes = std::fs::read(dir.join("case.yaml")).expect("case.yaml");
    let loaded = genochron::load("case.yaml", &bytes);
    assert!(!loaded.diagnostics.is_empty(), "no message at all");
    let actual = diagnostic::to_text("case.yaml", &loaded.diagnostics);
    support::compare(&dir.join("expected.txt"), &actual);
}

/// An import gives its case file (none when refused) and its messages.
fn import(dir: &Path) {
    let input: PathBuf = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_stem().is_some_and(|s| s == "input"))
        .expect("an input file");
    let bytes = std::fs::read(&input).unwrap();
    let (file, diagnostics) = match input.extension().and_then(|e| e.to_str()) {
        Some("ged") => gedcom::read(&bytes),
        Some("ped") => pedigree::read(&bytes, PedigreeKind::Ped),
        Some("csv") => pedigree::read(&bytes, PedigreeKind::Csv),
        other => panic!("no importer for {other:?}"),
    };
    let input_name = input.file_name().unwrap().to_string_lossy().into_owned();
    let expected = dir.join("expected.yaml");
    match file {
        Some(file) => support::compare(&expected, &write::yaml(&file)),
        None => assert!(!expected.exists(), "refused, but expected.yaml exists"),
    }
    support::compare(
        &dir.join("expected.txt"),
        &diagnostic::to_text(&input_name, &diagnostics),
    );
}

/// A spreadsheet of entries: every line an entry, reported, or the headings.
fn entries_csv(dir: &Path) {
    let bytes = std::fs::read(dir.join("entries.csv")).unwrap();
    let mapping: Vec<(String, String)> = std::fs::read_to_string(dir.join("map.txt"))
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| parse_mapping(l).unwrap())
        .collect();
    let (file, diagnostics) = entries_csv::read(&bytes, &mapping);
    let rows = String::from_utf8_lossy(&bytes).lines().count();
    let reported: std::collections::BTreeSet<usize> = diagnostics
        .iter()
        .filter(|d| d.line > 1)
        .map(|d| d.line)
        .collect();
    let entries = file.as_ref().map_or(0, |f| f.entries.len());
    assert!(file.is_some() || diagnostics.iter().any(|d| d.is_problem()));
    assert!(
        file.is_none() || entries + reported.len() + 1 >= rows,
        "{rows} lines, {entries} entries, {} reported",
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

/// The chronology tables: well-formed HTML, one row per entry in date order numbered by the
/// entries' own numbers, and the expected Markdown, CSV and HTML.
fn chronology(dir: &Path) {
    let case = support::load_case(dir);
    let options = TableOptions::default();
    let md = table::markdown(&case, &options);
    let csv = table::csv(&case, &options);
    let html = table::html(&case, &options);
    roxmltree::Document::parse_with_options(
        &html,
        roxmltree::ParsingOptions {
            allow_dtd: true,
            ..Default::default()
        },
    )
    .unwrap_or_else(|e| panic!("HTML is not well-formed: {e}"));
    let rows: Vec<&str> = md.lines().filter(|l| l.starts_with("| ")).skip(1).collect();
    assert_eq!(rows.len(), case.entries.len());
    let numbers: Vec<String> = case
        .entries_in_date_order()
        .iter()
        .map(|e| format!("| {} |", e.number))
        .collect();
    for (row, number) in rows.iter().zip(&numbers) {
        assert!(row.starts_with(number.as_str()), "{row}");
    }
    support::compare(&dir.join("chronology.md"), &md);
    support::compare(&dir.join("chronology.csv"), &csv);
    support::compare(&dir.join("chronology.html"), &html);
}
