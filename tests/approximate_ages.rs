//! Ages from approximate or partial dates are shown as approximate in every drawing, in the
//! same words as the chronology table: an entry dated "c. 2014" gives "c. 2y", a person born
//! in "1968" is "57–58" in January 2026, not 58.

use std::process::Command;

const CASE: &str = "examples/walsh-family.yaml";

fn stdout(args: &[&str]) -> String {
    let output = Command::new(env!("CARGO_BIN_EXE_genochron"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs");
    assert_eq!(output.status.code(), Some(0));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

#[test]
fn a_year_of_birth_alone_gives_two_possible_ages_in_the_genogram() {
    let svg = stdout(&["genogram", CASE]);
    // Maureen was born in 1968: on 20 January 2026 she is 57 or 58.
    assert!(svg.contains(">57\u{2013}58<"), "no 57–58 in the genogram");
    assert!(svg.contains("Maureen Walsh, born 1968, age 57\u{2013}58"));
    assert!(!svg.contains(">c. 58<") && !svg.contains(">58<"));
    // An approximate birth date keeps "c.": Sheila was born about 1960.
    assert!(svg.contains(">c. 66<"));
    // A birth date known to the day gives one age.
    assert!(svg.contains(">13<"), "Jade, born 14 Jun 2012");
}

#[test]
fn the_timeline_gives_the_table_words_for_uncertain_ages() {
    let svg = stdout(&["timeline", CASE]);
    let table = stdout(&["chronology", CASE]);
    for (number, date, age) in [
        (4, "c. 2014", "c. 2y"),
        (6, "2017", "4\u{2013}5y"),
        (2, "c. 2013", "c. 1y"),
    ] {
        assert!(
            svg.contains(&format!("{number} \u{00b7} {date} \u{00b7} Jade {age}")),
            "timeline entry {number}"
        );
        let row = table
            .lines()
            .find(|l| l.starts_with(&format!("| {number} |")))
            .unwrap();
        assert!(row.contains(&format!("| {age} |")), "{row}");
    }
    // No exact months for a date known only to the year.
    assert!(!svg.contains("Jade 4y 6m"));
}
