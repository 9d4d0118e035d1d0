//! `--as-at` means as at: every document drawn at an earlier date leaves out what the case
//! file dates later (entries, periods, partnerships, households, roles and notes), counts it,
//! and says so; roles and notes may be dated in the case file.

mod support;

use chrono::NaiveDate;
use genochron::model::Case;
use support::*;

const CASE: &str = "examples/walsh-family.yaml";

fn example() -> Case {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(CASE);
    let loaded = genochron::load_file(&path).unwrap();
    loaded.case.expect("the example has no problems")
}

fn at(y: i32, m: u32, d: u32) -> Case {
    let mut case = example();
    case.details.as_at = NaiveDate::from_ymd_opt(y, m, d).unwrap();
    genochron::as_at(&case)
}

fn role(case: &Case, id: &str) -> Option<String> {
    let person = case.person(&genochron::model::PersonId(id.into())).unwrap();
    person.role.as_ref().map(|r| r.text.clone())
}

fn notes(case: &Case, id: &str) -> Vec<String> {
    let person = case.person(&genochron::model::PersonId(id.into())).unwrap();
    person.notes.iter().map(|n| n.text.clone()).collect()
}

#[test]
fn the_cut_leaves_out_what_came_later_and_counts_it() {
    let whole = example();
    let case = at(2023, 1, 1);
    let day = case.details.as_at;
    assert!(case.entries.iter().all(|e| e.date.start() <= day));
    let later = whole
        .entries
        .iter()
        .filter(|e| e.date.start() > day)
        .count();
    assert!(later > 10, "the example has entries after 2023");
    let cut = case.details.cut.expect("the cut is recorded");
    assert_eq!(cut.entries, later);
    assert_eq!(case.entries.len() + later, whole.entries.len());
    // Periods that had not begun are left out; one that ran past the date is still open.
    assert!(case.periods.iter().all(|p| p.period.start.start() <= day));
    assert!(
        case.periods
            .iter()
            .all(|p| p.period.end.is_none_or(|e| e.start() <= day))
    );
    assert!(cut.periods >= 4);
    // Kerry and Shaun met in Nov 2023: no partnership yet.
    assert!(
        case.partnerships
            .iter()
            .all(|p| !p.partners.iter().any(|id| id.as_str() == "shaun"))
    );
    assert_eq!(cut.partnerships, 1);
    // Nobody lived in the aunt's home who moved there in 2025.
    let aunt = case
        .households
        .iter()
        .find(|h| h.name == "Aunt's home")
        .unwrap();
    assert!(aunt.members.iter().all(|m| m.person.as_str() != "jade"));
    assert!(cut.household_members >= 2);
    let sentence = cut.sentence().unwrap();
    assert!(
        sentence.starts_with("Left out as later than 1 January 2023: ")
            && sentence.contains(&format!("{later} entries")),
        "{sentence}"
    );
}

#[test]
fn roles_and_notes_hold_only_while_the_case_file_says() {
    let then = at(2023, 1, 1);
    let now = at(2026, 1, 20);
    assert_eq!(role(&then, "gary"), None);
    assert_eq!(role(&now, "gary").as_deref(), Some("kinship carer"));
    assert_eq!(role(&then, "shaun"), None);
    assert_eq!(role(&now, "shaun").as_deref(), Some("mother's partner"));
    // Angela was a foster carer from March to October 2025 only.
    assert_eq!(
        role(&at(2025, 6, 1), "angela").as_deref(),
        Some("foster carer")
    );
    assert_eq!(role(&now, "angela"), None);
    assert_eq!(role(&then, "angela"), None);
    // A plain role holds throughout.
    assert_eq!(role(&then, "kerry").as_deref(), Some("mother"));
    // School years follow one another; an undated note stays.
    assert_eq!(notes(&at(2024, 1, 10), "jade"), ["Year 7", "Asthma"]);
    assert_eq!(notes(&now, "jade"), ["Year 9", "Asthma"]);
    assert_eq!(notes(&then, "jade"), ["Asthma"]);
    assert_eq!(notes(&then, "connor"), Vec::<String>::new());
    assert_eq!(notes(&at(2021, 1, 1), "connor"), ["On licence"]);
    let cut = then.details.cut.unwrap();
    assert!(cut.roles >= 3 && cut.notes >= 4, "{cut:?}");
    // A death after the date is not yet so.
    let tony = genochron::model::PersonId("tony".into());
    assert!(at(2019, 1, 1).person(&tony).unwrap().died.is_none());
    assert!(now.person(&tony).unwrap().deceased);
}

#[test]
fn nothing_later_than_the_case_date_means_nothing_to_say() {
    let case = at(2026, 1, 20);
    let cut = case.details.cut.unwrap();
    assert!(cut.is_empty() || cut.entries == 0, "{cut:?}");
    assert_eq!(case.entries.len(), example().entries.len());
}

#[test]
fn every_command_draws_as_at_the_date_and_says_what_it_left_out() {
    let later_event = "walking alone near the canal";
    let markdown = stdout(&["chronology", CASE, "--as-at", "2023-01-01"]);
    assert!(!markdown.contains(later_event), "{markdown}");
    assert!(markdown.contains("Left out as later than 1 January 2023: 16 entries"));
    let whole = stdout(&["chronology", CASE]);
    assert!(whole.contains(later_event));

    let timeline = stdout(&["timeline", CASE, "--as-at", "2023-01-01"]);
    assert!(
        timeline.contains("15 of 15 entries drawn"),
        "the title counts the cut case"
    );
    assert!(timeline.contains("Left out as later than 1 January 2023"));
    assert!(!timeline.contains("walking alone"));

    let genogram = stdout(&["genogram", CASE, "--as-at", "2023-01-01"]);
    assert!(genogram.contains("Left out as later than 1 January 2023"));
    for later in [
        "kinship carer",
        "On probation",
        "Year 9",
        "mother&#39;s partner",
    ] {
        assert!(!genogram.contains(later), "{later} drawn in 2023");
    }
    let genogram_now = stdout(&["genogram", CASE]);
    for now in ["kinship carer", "On probation", "Year 9"] {
        assert!(genogram_now.contains(now), "{now} not drawn in 2026");
    }

    let page = scratch("as-at-report.html");
    let page_text = page.to_string_lossy().into_owned();
    stdout(&["report", CASE, "--as-at", "2023-01-01", "-o", &page_text]);
    let html = std::fs::read_to_string(&page).unwrap();
    assert!(!html.contains("walking alone"));
    assert!(html.contains("Left out as later than 1 January 2023"));
}

#[test]
fn dated_roles_and_notes_are_checked_with_their_lines() {
    let text = b"case:\n  children: [amy]\n  as-at: 2024-11-01\npeople:\n  - id: amy\n    name: Amy\n    gender: female\n    role: {text: subject child, from: 2019-13}\n    notes:\n      - {from: 2020}\n      - {text: Year 3, form: 2023}\n";
    let loaded = genochron::load("amy.yaml", text);
    assert!(loaded.case.is_none());
    let problems: Vec<(usize, &str)> = loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_problem())
        .map(|d| (d.line, d.message.as_str()))
        .collect();
    assert!(
        problems
            .iter()
            .any(|(line, m)| *line == 8 && m.contains("2019-13")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|(line, m)| *line == 10 && m.contains("no `text`")),
        "{problems:?}"
    );
    assert!(
        problems
            .iter()
            .any(|(line, m)| *line == 11 && m.contains("form")),
        "{problems:?}"
    );
}

#[test]
fn the_schema_takes_a_role_or_note_as_text_or_with_dates() {
    let schema = stdout(&["schema"]);
    let schema: serde_json::Value = serde_json::from_str(&schema).unwrap();
    let dated = &schema["$defs"]["DatedText"]["anyOf"];
    assert_eq!(dated[1]["required"], serde_json::json!(["text"]));
    assert!(dated[1]["properties"]["from"].is_object());
    assert!(dated[1]["properties"]["to"].is_object());
    let person = &schema["$defs"]["PersonInput"]["properties"];
    assert!(
        person["role"].to_string().contains("DatedText"),
        "{}",
        person["role"]
    );
    assert!(person["notes"].to_string().contains("DatedText"));
}

#[test]
fn a_dated_role_is_written_back_with_its_dates() {
    let text = b"case:\n  children: [amy]\n  as-at: 2024-11-01\npeople:\n  - id: amy\n    role: {text: subject child, from: 2019-03}\n    notes: [Year 3, {text: Asthma, to: 2022}]\n";
    let (file, _) = genochron::input::case_file("amy.yaml", text);
    let yaml = genochron::input::write::yaml(&file.unwrap());
    assert!(yaml.contains("from: 2019-03"), "{yaml}");
    assert!(yaml.contains("to: 2022"), "{yaml}");
    assert!(yaml.contains("Year 3"), "{yaml}");
    let again = genochron::load("again.yaml", yaml.as_bytes());
    assert!(again.case.is_some(), "{:?}", again.diagnostics);
}
