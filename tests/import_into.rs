//! `genochron import new.csv --into case.yaml`: new entries added to a case file without a byte
//! of what was there changing, people matched by id or name, nothing added twice, and nothing
//! written when the result would not check.

mod support;
use support::*;

use std::path::Path;

fn write(path: &Path, text: &str) -> String {
    std::fs::write(path, text).unwrap();
    path.to_str().unwrap().to_string()
}

/// The lines `after` has that `before` does not, when `after` is `before` with one run of lines
/// inserted; `None` when anything of `before` changed.
fn inserted<'a>(before: &str, after: &'a str) -> Option<Vec<&'a str>> {
    let old: Vec<&str> = before.split_inclusive('\n').collect();
    let new: Vec<&str> = after.split_inclusive('\n').collect();
    let head = old.iter().zip(&new).take_while(|(a, b)| a == b).count();
    let tail = old[head..]
        .iter()
        .rev()
        .zip(new[head..].iter().rev())
        .take_while(|(a, b)| a == b)
        .count();
    (head + tail == old.len()).then(|| new[head..new.len() - tail].to_vec())
}

#[test]
fn entries_go_into_both_examples_without_changing_a_byte_and_only_once() {
    for (example, child, adult) in [
        ("mensah-family", "Kai", "leanne"),
        ("whitfield-family", "Maisie", "Edna Whitfield"),
    ] {
        let original = std::fs::read_to_string(format!("examples/{example}.yaml")).unwrap();
        let case = write(&scratch(&format!("{example}.yaml")), &original);
        let csv = write(
            &scratch(&format!("{example}-new.csv")),
            &format!(
                "Date,Event,Children,People,Sig.\n\
                 2026-10-20,\"Review meeting; the plan was agreed.\",{child},{adult},2\n\
                 2026-10-27,School reported good attendance,{child},,1\n"
            ),
        );
        let args = [
            "import",
            &csv,
            "--map",
            "Sig.=significance",
            "--values",
            "significance: 1=low, 2=medium, 3=high",
            "--into",
            &case,
        ];
        let output = genochron(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{example}: {stderr}");
        assert!(stderr.contains("Added 2 entries"), "{stderr}");
        let after = std::fs::read_to_string(&case).unwrap();
        let added = inserted(&original, &after)
            .unwrap_or_else(|| panic!("{example}: the original lines changed"));
        let added = added.concat();
        assert!(
            added.contains("event: Review meeting; the plan was agreed."),
            "{added}"
        );
        assert!(added.contains("significance: medium"), "{added}");
        // Matched by name to the child's id, never written as the name.
        let id = child.to_lowercase();
        assert!(added.contains(&format!("children: [{id}]")), "{added}");
        assert!(!added.contains(child), "{added}");
        // Numbered after the last entry, and the whole file still checks.
        let check = genochron(&["check", &case]);
        assert_eq!(
            check.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&check.stderr)
        );
        // The second time adds nothing and says so.
        let output = genochron(&args);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(0), "{stderr}");
        assert!(stderr.contains("already in the case file"), "{stderr}");
        assert_eq!(std::fs::read_to_string(&case).unwrap(), after);
    }
}

#[test]
fn new_entries_take_the_next_numbers_in_the_files_indentation() {
    let original = std::fs::read_to_string("fixtures/minimal.yaml").unwrap();
    let case = write(&scratch("minimal.yaml"), &original);
    let csv = write(
        &scratch("minimal-new.csv"),
        "No.,Date,Event,Children\n7,2020-02-01,Amy started school,Amy Test\n",
    );
    let output = genochron(&["import", &csv, "--into", &case]);
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let after = std::fs::read_to_string(&case).unwrap();
    let added = inserted(&original, &after).unwrap().concat();
    assert!(
        added.starts_with("  - number: 2\n    date: 2020-02-01\n"),
        "{added}"
    );
}

#[test]
fn an_ambiguous_or_unknown_person_or_a_result_that_would_not_check_writes_nothing() {
    let original = std::fs::read_to_string("fixtures/minimal.yaml")
        .unwrap()
        .replace("name: Sarah Test", "name: Sam Test")
        .replace("name: Dan Test", "name: Sam Other");
    let case = write(&scratch("ambiguous.yaml"), &original);
    for (rows, expected) in [
        ("2020-02-01,Visit,amy,Sam", "could be any of sarah, dan"),
        (
            "2020-02-01,Visit,amy,Nobody",
            "is not the id or name of anyone",
        ),
        (
            "2020-02-31,Visit,amy,sarah",
            "would not check with the new entries",
        ),
    ] {
        let csv = write(
            &scratch("bad.csv"),
            &format!("date,event,children,people\n{rows}\n"),
        );
        let output = genochron(&["import", &csv, "--into", &case]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(1), "{stderr}");
        assert!(stderr.contains(expected), "{stderr}");
        assert!(stderr.contains("Nothing was written"), "{stderr}");
        assert_eq!(std::fs::read_to_string(&case).unwrap(), original);
    }
}
