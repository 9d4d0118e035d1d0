//! Golden cases as data: one folder per case under `tests/cases/<area>/`, its input beside the
//! expected outputs, and one test per case named `<area>::<case>`, so a single case runs on its
//! own: `cargo test --test golden_cases -- problems::entry-without-date`.
//! `GENOCHRON_ACCEPT=1 cargo test --test golden_cases` rewrites the expected files (never
//! under CI).
//!
//! - `problems/`: `case.yaml` and the checker's messages with their lines (`expected.txt`).
//! - `import/`: an `input.ged`, `.ped` or `.csv`, and the case file (`expected.yaml`) and
//!   messages (`expected.txt`) the import gives.
//! - `entries-csv/`: `entries.csv`, optional `args.txt` (`--map` options, each value read by
//!   the same function as the command line's), and the entries (`case.json`) and messages
//!   (`messages.txt`).
//! - `chronology/`: `case.yaml` and its Markdown, CSV and HTML tables.
//! - `genogram/` and `timeline/`: `case.yaml`, optional `args.txt`, and the drawing
//!   (`genogram.svg`, `timeline.svg`) and its layout (`layout.json`) that the binary writes
//!   with those arguments. Every drawing also keeps its diagram's promises
//!   (`genogram_checks`, `timeline_checks`), checked on the library's drawing with the same
//!   options, which must be the binary's byte for byte (so the drawing is made twice and
//!   gives the same bytes).
//!
//! A case's options are always `args.txt`: the command line's own words, one argument a line
//! (`--lanes` then `person`), as they follow the input file on the command line (see
//! `tests/support/arguments.rs`).

mod genogram_checks;
mod support;
mod timeline_checks;

use genochron::diagnostic::{self, to_text};
use genochron::input::entries_csv;
use genochron::input::pedigree::{self, PedigreeKind};
use genochron::input::{gedcom, write};
use genochron::layout::genogram::genogram;
use genochron::layout::timeline;
use genochron::render::svg;
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

const AREAS: [Area; 6] = [
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
    Area {
        folder: "genogram",
        check: genogram_case,
        at_least: 20,
    },
    Area {
        folder: "timeline",
        check: timeline_case,
        at_least: 7,
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
    let mapping = support::heading_mapping(dir);
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

/// The drawing (`<command>.svg`) and layout JSON the binary writes for a case folder's
/// `case.yaml` with the folder's `args.txt`, as text.
fn drawn_by_the_binary(command: &str, dir: &Path) -> (String, String) {
    let name = dir.file_name().unwrap().to_string_lossy().into_owned();
    let svg = support::scratch(&format!("{command}-{name}.svg"));
    let json = support::scratch(&format!("{command}-{name}.json"));
    let mut args = vec![
        command.to_string(),
        dir.join("case.yaml").to_string_lossy().into_owned(),
    ];
    args.extend(support::case_words(dir));
    for (option, path) in [("-o", &svg), ("--layout-json", &json)] {
        args.extend([option.to_string(), path.to_string_lossy().into_owned()]);
    }
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let output = support::genochron(&args);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        support::stderr(&output)
    );
    let read = |path: &Path| std::fs::read_to_string(path).expect("the binary wrote it");
    (read(&svg), read(&json))
}

/// Fails unless the library's drawing is the binary's, byte for byte: the promises are
/// checked on the library's scene, so it must be the one the binary drew with the case's
/// words (and the same input drawn twice gives the same bytes).
fn assert_same_drawing(scene: &genochron::layout::scene::Scene, binary: &(String, String)) {
    assert!(
        scene.to_json() == binary.1,
        "the layout drawn with the options read from args.txt differs from the binary's"
    );
    assert!(
        svg::scene(scene) == binary.0,
        "the drawing made with the options read from args.txt differs from the binary's"
    );
}

/// A genogram: the binary's drawing and layout, and the promises every genogram keeps.
fn genogram_case(dir: &Path) {
    let drawn = drawn_by_the_binary("genogram", dir);
    let case = support::load_case(dir);
    let scene = genogram(&case, &support::genogram_options(dir, &case));
    assert_same_drawing(&scene, &drawn);
    let (svg, layout) = drawn;
    let mut broken = genogram_checks::broken_promises(&case, &scene, &svg);
    broken.extend(genogram_checks::overlay_clears_symbols(&scene));
    assert!(broken.is_empty(), "{}", broken.join("\n"));
    support::compare(&dir.join("layout.json"), &layout);
    support::compare(&dir.join("genogram.svg"), &svg);
}

/// A timeline: the binary's drawing and layout, the promises every timeline keeps, and an
/// SVG that parses with a mark (a group with the entry's id) for every entry drawn.
fn timeline_case(dir: &Path) {
    let drawn = drawn_by_the_binary("timeline", dir);
    let case = support::load_case(dir);
    let options = support::timeline_options(dir, &case);
    let scene = timeline::timeline(&case, &options);
    assert_same_drawing(&scene, &drawn);
    let (svg, layout) = drawn;
    timeline_checks::check_promises(&case, &options, &scene);
    let document = roxmltree::Document::parse(&svg)
        .unwrap_or_else(|e| panic!("the SVG is not well-formed: {e}"));
    let marks = document
        .descendants()
        .filter(|n| n.attribute("id").is_some_and(|id| id.starts_with("entry-")))
        .filter(|n| {
            n.attribute("class")
                .is_some_and(|c| c.starts_with("entry "))
        })
        .count();
    let selection = timeline::select(&case, &options.focus, &options.filter);
    assert!(marks >= selection.shown.len(), "{marks} marks");
    support::compare(&dir.join("layout.json"), &layout);
    support::compare(&dir.join("timeline.svg"), &svg);
}
