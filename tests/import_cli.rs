//! `genochron import` from the command line: files written, notes printed, exit codes.

mod support;
use support::*;

#[test]
fn imports_a_gedcom_file_that_then_checks() {
    let out = scratch("bronte.yaml");
    let output = genochron(&[
        "import",
        "fixtures/gedcom/bronte.ged",
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(
        stderr.contains("places (PLAC)"),
        "the notes are printed: {stderr}"
    );
    assert!(stderr.contains("Imported 14 people, 4 partnerships"));
    let yaml = std::fs::read_to_string(&out).unwrap();
    assert!(yaml.starts_with("# genochron case file"));
    assert!(yaml.contains("  - id: charlotte-bronte\n    name: Charlotte Brontë\n"));
    let check = genochron(&["check", out.to_str().unwrap()]);
    assert_eq!(
        check.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&check.stderr)
    );
}

#[test]
fn imports_pedigree_tables_by_their_extension() {
    for (file, people) in [
        ("fixtures/pedigree/hale-family.ped", "7 people"),
        ("fixtures/pedigree/hale-family.csv", "7 people"),
    ] {
        let output = genochron(&["import", file]);
        assert_eq!(output.status.code(), Some(0), "{file}");
        let yaml = String::from_utf8_lossy(&output.stdout);
        assert!(yaml.contains(&format!(
            "Imported from {}",
            file.rsplit('/').next().unwrap()
        )));
        assert!(yaml.contains(people), "{file}: {yaml}");
    }
}

#[test]
fn a_broken_file_is_refused_with_exit_1_and_nothing_written() {
    let bad = scratch("broken.ged");
    std::fs::write(
        &bad,
        "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @I1@ INDI\nthis is not gedcom\n0 TRLR\n",
    )
    .unwrap();
    let out = scratch("broken.yaml");
    let output = genochron(&["import", bad.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("line 5"), "{stderr}");
    assert!(stderr.contains("Nothing was written"), "{stderr}");
    assert!(!out.exists());
}

#[test]
fn a_gedcom_file_can_be_checked_directly() {
    let output = genochron(&["check", "fixtures/gedcom/okafor-blended-family.ged"]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
}

#[test]
fn a_spreadsheet_of_entries_is_imported_as_a_chronology() {
    let out = scratch("entries.yaml");
    let output = genochron(&[
        "import",
        "tests/cases/entries-csv/own-field-names/entries.csv",
        "-o",
        out.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("Imported 3 entries"), "{stderr}");
    let yaml = std::fs::read_to_string(&out).unwrap();
    assert!(yaml.contains("title: Chronology from entries.csv"));
    let check = genochron(&["check", out.to_str().unwrap()]);
    assert_eq!(check.status.code(), Some(0));
}
