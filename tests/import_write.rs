//! The YAML writer: whatever text a person's fields hold, the written file reads back to the
//! same text.

mod support;

use genochron::diagnostic::Location;
use genochron::input::case_file::{CaseFile, CaseSection, DatedText, PersonInput, Text};
use genochron::input::{self, write};
use proptest::prelude::*;

fn t(value: &str) -> Text {
    Text::new(value.to_string(), Location::default())
}

fn file(name: &str, notes: &[String]) -> CaseFile {
    CaseFile {
        case: CaseSection {
            title: Some(t(name)),
            as_at: Some(t("2024-11-01")),
            ..CaseSection::default()
        },
        people: vec![PersonInput {
            id: Some(t("p")),
            name: Some(t(name)),
            notes: notes.iter().map(|n| DatedText::plain(t(n))).collect(),
            ..PersonInput::default()
        }],
        ..CaseFile::default()
    }
}

fn read_back(file: &CaseFile) -> CaseFile {
    let yaml = write::yaml(file);
    let (read, diagnostics) = input::case_file("case.yaml", yaml.as_bytes());
    read.unwrap_or_else(|| panic!("{diagnostics:#?}\n{yaml}"))
}

fn texts(file: &CaseFile) -> (Option<String>, Option<String>, Vec<String>) {
    let person = &file.people[0];
    (
        file.case.title.as_ref().map(|t| t.value.clone()),
        person.name.as_ref().map(|t| t.value.clone()),
        person.notes.iter().map(|t| t.text.value.clone()).collect(),
    )
}

#[test]
fn text_yaml_would_misread_is_quoted() {
    for tricky in [
        "Yes",
        "no",
        "null",
        "~",
        "1066",
        "0x1F",
        "1e3",
        "+44 113",
        "-",
        "- a",
        "a: b",
        "a #b",
        "#hash",
        "&anchor",
        "*alias",
        "!tag",
        "|",
        ">",
        "'quoted'",
        "\"dq\"",
        "%x",
        "@at",
        "`tick",
        "[list]",
        "{map}",
        "trailing ",
        " leading",
        "tab\there",
        "line\nbreak",
        "back\\slash",
        "2019-03-14",
        "12:30",
        ".5",
        "ünïcödé 𒍅",
        "?q",
        ":colon",
        "a,b",
    ] {
        let f = file(tricky, &[tricky.to_string()]);
        let (title, name, notes) = texts(&read_back(&f));
        let expected = tricky.trim().to_string();
        assert_eq!(
            name.as_deref().map(str::trim),
            Some(expected.as_str()),
            "{tricky:?}"
        );
        assert_eq!(
            title.as_deref().map(str::trim),
            Some(expected.as_str()),
            "{tricky:?}"
        );
        assert_eq!(notes, [tricky.to_string()], "{tricky:?}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]
    #[test]
    fn any_text_reads_back_unchanged(
        name in "[^\u{0}-\u{8}\u{b}\u{c}\u{e}-\u{1f}\u{7f}-\u{9f}\u{feff}\u{fffe}\u{ffff}]{1,40}",
        notes in proptest::collection::vec("[ -~éü€\u{1F600}\t\n]{1,30}", 0..3),
    ) {
        let f = file(&name, &notes);
        let back = read_back(&f);
        let (title, read_name, read_notes) = texts(&back);
        prop_assert_eq!(read_name, Some(name.clone()));
        prop_assert_eq!(title, Some(name));
        prop_assert_eq!(read_notes, notes);
    }
}

/// Entries imported from a spreadsheet read back from the written YAML to the same case.
#[test]
fn imported_entries_read_back_to_the_same_case() {
    use genochron::input::entries_csv;
    use genochron::{Source, check};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/entries-csv");
    let source = Source {
        name: "entries.csv".into(),
        hash: "000000".into(),
    };
    let mut checked = 0;
    for dir in ["own-field-names", "mapped-headings-excel-europe"] {
        let dir = root.join(dir);
        let bytes = std::fs::read(dir.join("entries.csv")).unwrap();
        let mapping = support::heading_mapping(&dir);
        let (file, _) = entries_csv::read(&bytes, &mapping);
        let mut file = file.unwrap();
        entries_csv::complete(&mut file);
        let (direct, found) = check(&file, &source);
        let Some(direct) = direct else {
            // A spreadsheet with problems is not imported at all.
            assert!(found.iter().any(|d| d.is_problem()));
            continue;
        };
        let back = read_back(&file);
        assert_eq!(write::yaml(&back), write::yaml(&file));
        let (again, _) = check(&back, &source);
        assert_eq!(Some(direct), again);
        checked += 1;
    }
    assert!(checked >= 1);
}

/// Every example case file, written back out by the writer, reads back to the same case:
/// the writer covers every section of the format, not only what imports produce.
#[test]
fn every_example_case_file_survives_a_rewrite() {
    use genochron::{Source, check};
    let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<std::path::PathBuf> = std::fs::read_dir(&root)
        .expect("examples")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    paths.sort();
    assert!(!paths.is_empty());
    let source = Source {
        name: "example".into(),
        hash: "000000".into(),
    };
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        let (file, _) = input::case_file(&path.to_string_lossy(), &bytes);
        let file = file.unwrap();
        let (direct, found) = check(&file, &source);
        let direct = direct.unwrap_or_else(|| panic!("{}: {found:#?}", path.display()));
        let back = read_back(&file);
        assert_eq!(write::yaml(&back), write::yaml(&file), "{}", path.display());
        let (again, _) = check(&back, &source);
        assert_eq!(Some(direct), again, "{}", path.display());
    }
}
