//! The checker's answers beyond its messages. Every problem it knows has a case under
//! `tests/cases/problems/`, checked one test per case in `golden_cases.rs`.

use std::path::Path;

#[test]
fn a_case_with_only_notes_is_still_drawn() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/problems/parent-implausibly-young/case.yaml");
    let loaded = genochron::load("case.yaml", &std::fs::read(dir).unwrap());
    assert_eq!(loaded.problems(), 0);
    assert_eq!(loaded.notes(), 1);
    assert!(loaded.case.is_some());
}
