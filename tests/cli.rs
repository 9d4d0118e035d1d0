//! The command line as a user meets it: exit codes, messages, the JSON report, the schema.

mod support;
use support::*;

use std::path::Path;

#[test]
fn a_good_case_checks_with_exit_code_0() {
    let output = genochron(&["check", "fixtures/minimal.yaml"]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("minimal.yaml is ready to draw: no problems."));
}

#[test]
fn problems_give_exit_code_1_and_every_message_in_one_run() {
    let output = genochron(&["check", "fixtures/problems-mixed.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(
        text.contains("Problem in problems-mixed.yaml, line 11, column 22:"),
        "{text}"
    );
    assert!(text.contains("Did you mean \"kwabena-mensah\""), "{text}");
    assert!(text.contains("line 14"), "{text}");
    assert!(
        text.contains("cannot be drawn until 9 problems are fixed."),
        "{text}"
    );
    assert!(!text.contains("panicked"));
}

#[test]
fn a_missing_file_gives_exit_code_2() {
    let output = genochron(&["check", "no-such-case.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("could not open no-such-case.yaml: there is no such file."));
}

#[test]
fn json_diagnostics_carry_the_same_problems() {
    let output = genochron(&["check", "fixtures/problems-mixed.yaml", "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(report["problems"], 9);
    assert_eq!(report["notes"], 1);
    let first = &report["diagnostics"][0];
    assert_eq!(first["line"], 11);
    assert_eq!(first["severity"], "problem");
}

#[test]
fn the_schema_describes_the_case_file() {
    let output = genochron(&["schema"]);
    assert_eq!(output.status.code(), Some(0));
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).expect("JSON");
    assert_eq!(schema["title"], "genochron case file");
    let person = &schema["$defs"]["PersonInput"];
    assert_eq!(person["additionalProperties"], false);
    assert!(
        person["properties"]["gender"]["enum"]
            .as_array()
            .unwrap()
            .contains(&"non-binary".into())
    );
}

#[test]
fn yaml_json_and_toml_give_the_same_case() {
    let load = |name: &str| {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures")
            .join(name);
        let loaded = genochron::load_file(&path).unwrap();
        assert!(
            loaded.diagnostics.is_empty(),
            "{name}: {:?}",
            loaded.diagnostics
        );
        let mut case = loaded.case.unwrap();
        case.details.source_hash.clear();
        case.details.source_name.clear();
        case
    };
    let yaml = load("minimal.yaml");
    assert_eq!(yaml, load("minimal.json"));
    assert_eq!(yaml, load("minimal.toml"));
    assert_eq!(yaml.entries[0].time, Some((23, 40)));
}

#[test]
fn the_committed_schema_is_current() {
    let output = genochron(&["schema"]);
    let committed = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("docs/case-file.schema.json"),
    )
    .unwrap();
    assert_eq!(
        String::from_utf8_lossy(&output.stdout),
        committed,
        "run `cargo run -- schema > docs/case-file.schema.json`"
    );
}

#[test]
fn the_examples_check_clean() {
    for example in [
        "examples/mensah-family.yaml",
        "examples/whitfield-family.yaml",
    ] {
        let output = genochron(&["check", example]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{example}: {}",
            stderr(&output)
        );
        assert!(
            stderr(&output).contains("ready to draw: no problems."),
            "{example}"
        );
    }
}
