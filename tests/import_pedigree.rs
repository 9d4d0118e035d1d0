//! Pedigree tables (.ped and CSV) imported, checked and read back from YAML.

use genochron::input::case_file::{CaseFile, DatedText, Text};
use genochron::input::pedigree::{self, PedigreeKind};
use genochron::input::{self, write};
use genochron::{Source, check};
use std::path::Path;

fn fixture(name: &str) -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/pedigree")
            .join(name),
    )
    .expect("fixture")
}

fn ids(list: &[Text]) -> Vec<&str> {
    list.iter().map(|t| t.value.as_str()).collect()
}

fn checked(file: &CaseFile) -> genochron::model::Case {
    let source = Source {
        name: "pedigree".into(),
        hash: "000000".into(),
    };
    let (case, diagnostics) = check(file, &source);
    case.unwrap_or_else(|| panic!("refused: {diagnostics:#?}"))
}

fn round_trip(file: &CaseFile) {
    let yaml = write::yaml(file);
    let (read_back, diagnostics) = input::case_file("case.yaml", yaml.as_bytes());
    let read_back = read_back.unwrap_or_else(|| panic!("{diagnostics:#?}\n{yaml}"));
    assert_eq!(checked(file), checked(&read_back));
}

#[test]
fn a_linkage_file_gives_three_generations() {
    let (file, diagnostics) = pedigree::read(&fixture("hale-family.ped"), PedigreeKind::Ped);
    let file = file.unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(file.people.len(), 7);
    let child = &file.people[5];
    assert_eq!(child.id.as_ref().unwrap().value, "person-6");
    assert_eq!(ids(&child.parents), ["person-5", "person-3"]);
    // The father column of line 7 points at the "5" in that line.
    assert_eq!(child.parents[0].at.line, 7);
    assert_eq!(ids(&DatedText::texts(&child.notes)), ["affected"]);
    assert!(file.people[6].notes.is_empty());
    let case = checked(&file);
    assert_eq!(case.people.len(), 7);
    assert_eq!(case.parentage.len(), 4);
    round_trip(&file);
}

#[test]
fn a_csv_pedigree_keeps_names_dates_and_phenotypes() {
    let (file, diagnostics) = pedigree::read(&fixture("hale-family.csv"), PedigreeKind::Csv);
    let file = file.unwrap_or_else(|| panic!("{diagnostics:#?}"));
    assert_eq!(file.people.len(), 7);
    let tia = &file.people[5];
    assert_eq!(tia.name.as_ref().unwrap().value, "Tia Cole");
    assert_eq!(tia.born.as_ref().unwrap().value, "2005-02-11");
    assert_eq!(ids(&tia.parents), ["ben", "june"]);
    assert_eq!(ids(&DatedText::texts(&tia.notes)), ["affected"]);
    // Without a name, the id is shown.
    assert_eq!(file.people[6].name.as_ref().unwrap().value, "kit");
    assert_eq!(file.case.as_at.as_ref().unwrap().value, "2010-12-31");
    round_trip(&file);
}

#[test]
fn a_parent_without_a_row_is_noted_on_its_line() {
    let (file, diagnostics) = pedigree::read(b"F 1 9 0 1 0\n", PedigreeKind::Ped);
    assert!(file.unwrap().people[0].parents.is_empty());
    assert!(
        diagnostics
            .iter()
            .any(|d| d.line == 1 && d.column == 5 && d.message.contains("\"9\""))
    );
}
