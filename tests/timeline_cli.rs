//! `genochron timeline` and `genochron chronology` as a user meets them: files written, what
//! the focus and filters left out said out loud, bad options refused with exit code 2.

mod support;
use support::*;

const CASE: &str = "tests/cases/timeline/focus-last-two-years/case.yaml";

#[test]
fn draws_a_timeline_and_its_layout() {
    let svg = scratch("t.svg");
    let json = scratch("t.json");
    let output = genochron(&[
        "timeline",
        CASE,
        "-o",
        svg.to_str().unwrap(),
        "--layout-json",
        json.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(stderr(&output).contains("The timeline was written to"));
    let text = std::fs::read_to_string(&svg).unwrap();
    roxmltree::Document::parse(&text).expect("well-formed SVG");
    let layout: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let items = layout["items"].as_array().unwrap();
    assert!(
        items
            .iter()
            .any(|i| i["kind"] == "entry" && i["entries"][0] == 22)
    );
    assert!(items.iter().any(|i| i["kind"] == "axis"));
    assert!(items.iter().any(|i| i["kind"] == "legend"));
}

#[test]
fn says_what_the_focus_and_filters_left_out() {
    let svg = scratch("f.svg");
    let output = genochron(&[
        "timeline",
        CASE,
        "-o",
        svg.to_str().unwrap(),
        "--last",
        "2y",
        "--category",
        "police,health",
        "--significance",
        "high",
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(text.contains("outside the focus window"), "{text}");
    assert!(
        text.contains("left out by the category filter (Nos. "),
        "{text}"
    );
    assert!(
        text.contains("left out by the significance filter"),
        "{text}"
    );
}

#[test]
fn refuses_options_it_cannot_use() {
    for (args, words) in [
        (vec!["--last", "two years"], "is not a length of time"),
        (vec!["--significance", "urgent"], "is not a level"),
        (
            vec!["--child", "nobody"],
            "is not one of the subject children",
        ),
        (vec!["--from", "2024-13-01"], "The --from date"),
        (
            vec!["--from", "2024-01-01", "--to", "2023-01-01"],
            "after the --to date",
        ),
    ] {
        let mut all = vec!["timeline", CASE, "-o", "/dev/null"];
        all.extend(args.iter());
        let output = genochron(&all);
        assert_eq!(output.status.code(), Some(2), "{args:?}");
        let text = stderr(&output);
        assert!(text.contains(words), "{args:?}: {text}");
        assert!(text.contains("Nothing was written."), "{text}");
    }
}

#[test]
fn writes_the_chronology_in_the_format_of_its_extension() {
    for (extension, start) in [
        ("md", "# Chronology"),
        ("csv", "No.,Date"),
        ("html", "<!DOCTYPE html>"),
    ] {
        let path = scratch(&format!("c.{extension}"));
        let output = genochron(&["chronology", CASE, "-o", path.to_str().unwrap()]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let text = std::fs::read_to_string(&path).unwrap();
        assert!(
            text.starts_with(start),
            "{extension}: {}",
            &text[..40.min(text.len())]
        );
    }
    let output = genochron(&["chronology", CASE, "-o", "chronology.odt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("Use .md, .csv, .html or .docx"));
}

#[test]
fn a_case_with_problems_is_not_drawn() {
    let output = genochron(&[
        "timeline",
        "fixtures/problems-mixed.yaml",
        "-o",
        "/dev/null",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("The timeline was not drawn"));
}

#[test]
fn an_audience_gets_its_redacted_version_in_every_command() {
    for (command, file) in [("timeline", "family.svg"), ("chronology", "family.md")] {
        let full = scratch(&format!("full-{file}"));
        let family = scratch(file);
        let output = genochron(&[
            command,
            "examples/mensah-family.yaml",
            "-o",
            full.to_str().unwrap(),
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let output = genochron(&[
            command,
            "examples/mensah-family.yaml",
            "-o",
            family.to_str().unwrap(),
            "--audience",
            "family",
        ]);
        assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
        let full = std::fs::read_to_string(full).unwrap();
        let family = std::fs::read_to_string(family).unwrap();
        // An entry for the court only is left out of the family's version.
        let court_only = "Domestic Violence Disclosure Scheme";
        assert!(
            full.contains(court_only),
            "{command}: the control should have it"
        );
        assert!(
            !family.contains(court_only),
            "{command}: a court-only entry leaked"
        );
        if command == "timeline" {
            // The foster carer is shown to the family only by her role.
            assert!(full.contains("Janet"), "the control should name her");
            assert!(
                !family.contains("Janet") && !family.contains("Reeve"),
                "her name leaked"
            );
        }
    }
    let output = genochron(&[
        "timeline",
        "examples/mensah-family.yaml",
        "-o",
        "/dev/null",
        "--audience",
        "neighbours",
    ]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("no audience called \"neighbours\""),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_spreadsheet_of_entries_draws_directly() {
    let csv = scratch("export.csv");
    let output = genochron(&[
        "chronology",
        "tests/cases/timeline/several-subject-children/case.yaml",
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let svg = scratch("from-csv.svg");
    let output = genochron(&[
        "timeline",
        csv.to_str().unwrap(),
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.contains("drawn as at 4 Sep 2023, its latest date"),
        "{text}"
    );
    let drawn = std::fs::read_to_string(&svg).unwrap();
    for number in 1..=4 {
        assert!(drawn.contains(&format!("id=\"entry-{number}\"")));
    }

    let sheet = scratch("sheet.csv");
    std::fs::write(
        &sheet,
        "Date of event,What happened,Agency,Worker\n2020-01-02,Home visit,School,JS\nsoon,Visit,GP,CD\n",
    )
    .unwrap();
    let output = genochron(&["timeline", sheet.to_str().unwrap(), "-o", "/dev/null"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("--map \"Date of event=date\""));
    let output = genochron(&[
        "timeline",
        sheet.to_str().unwrap(),
        "-o",
        "/dev/null",
        "--map",
        "Date of event=date",
        "--map",
        "Agency=source",
        "--map",
        "Worker=ignore",
    ]);
    assert_eq!(output.status.code(), Some(1));
    let text = stderr(&output);
    assert!(text.contains("sheet.csv, line 3, column 1"), "{text}");
    assert!(text.contains("\"soon\""), "{text}");
}
