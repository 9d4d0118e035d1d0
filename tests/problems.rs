//! Every problem the checker knows, one case each: the messages, with their lines, must match
//! `expected.txt` beside the case. `GENOCHRON_ACCEPT=1 cargo test --test problems` rewrites
//! the expected files (never under CI).

mod support;

use std::path::Path;

#[test]
fn each_problem_is_reported_with_its_line_and_message() {
    let mut failures = Vec::new();
    let cases = support::case_dirs("problems");
    assert!(cases.len() >= 13, "the problem cases are missing");
    for dir in cases {
        let input = dir.join("case.yaml");
        let bytes = std::fs::read(&input).expect("case.yaml");
        let loaded = genochron::load("case.yaml", &bytes);
        assert!(
            !loaded.diagnostics.is_empty(),
            "{}: no message at all",
            dir.display()
        );
        let actual = genochron::diagnostic::to_text("case.yaml", &loaded.diagnostics);
        let expected_path = dir.join("expected.txt");
        if support::accept() {
            std::fs::write(&expected_path, &actual).expect("write expected.txt");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
        if actual != expected {
            failures.push(format!(
                "{}\n--- expected\n{expected}--- actual\n{actual}",
                dir.display()
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_case_with_only_notes_is_still_drawn() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases/problems/parent-implausibly-young/case.yaml");
    let loaded = genochron::load("case.yaml", &std::fs::read(dir).unwrap());
    assert_eq!(loaded.problems(), 0);
    assert_eq!(loaded.notes(), 1);
    assert!(loaded.case.is_some());
}
