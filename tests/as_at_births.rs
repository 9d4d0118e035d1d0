//! `--as-at` and births: someone born after the date is not in the case as it stood then.
//! They are left out with every tie that names them and counted ("2 people born later"); a
//! subject child due within 40 weeks of the date is drawn as a pregnancy instead; a mention of
//! someone left out reads "a child not yet born". Every command draws at every date without
//! failing, down to a date before anyone was born.

mod support;

use chrono::NaiveDate;
use genochron::model::{Case, PersonId, PersonKind};
use support::*;

/// Sorrel's family: Amaryllis (a subject child) born 2020; Bartholomew, her half-brother
/// (not a subject), born May 2023; Cassius (a subject child) born June 2024.
const FAMILY: &str = r#"case:
  reference: AS/2024/1
  title: "@amaryllis and @cassius"
  children: [amaryllis, cassius]
  as-at: 2024-09-01
people:
  - id: sorrel
    name: Sorrel Quayle
    gender: female
    born: 1990-04-02
    role: mother
  - id: dunstan
    name: Dunstan Pike
    gender: male
    born: 1988-01-15
  - id: amaryllis
    name: Amaryllis Quayle
    gender: female
    born: 2020-03-10
    parents: [sorrel, dunstan]
    role: subject child
  - id: bartholomew
    name: Bartholomew Quayle
    gender: male
    born: 2023-05-01
    parents: [sorrel, dunstan]
    role: half-brother
  - id: cassius
    name: Cassius Quayle
    gender: male
    born: 2024-06-01
    parents: [sorrel, dunstan]
    role: subject child
partnerships:
  - partners: [sorrel, dunstan]
    states:
      - status: cohabiting
        from: 2019-01
relationships:
  - between: [amaryllis, bartholomew]
    kind: close
households:
  - name: "Mother's home"
    members:
      - person: sorrel
        from: 2019-01
      - person: dunstan
        from: 2019-01
      - person: amaryllis
        from: 2020-03-10
      - person: bartholomew
        from: 2023-05-01
      - person: cassius
        from: 2024-06-01
entries:
  - date: 2019-06-03
    event: "@sorrel moved to the area."
    category: other
    source: Housing
  - date: 2023-03-14
    event: "@sorrel told the health visitor she is expecting @bartholomew."
    category: health
    source: Health visitor
    children: [amaryllis]
  - date: 2023-12-05
    event: "Pre-birth assessment of @cassius began."
    category: assessment
    source: Children's services
    children: [cassius]
  - date: 2024-07-01
    event: "@cassius and @amaryllis seen at home."
    category: visit
    source: Social worker
"#;

const LATER: [&str; 2] = ["Bartholomew", "Cassius"];

fn family() -> Case {
    let loaded = genochron::load("family.yaml", FAMILY.as_bytes());
    loaded
        .case
        .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics))
}

fn at(y: i32, m: u32, d: u32) -> Case {
    let mut case = family();
    case.details.as_at = NaiveDate::from_ymd_opt(y, m, d).unwrap();
    genochron::as_at(&case)
}

fn id(s: &str) -> PersonId {
    PersonId(s.into())
}

/// Every id any tie or list in the case names is a person in it.
fn nothing_dangles(case: &Case) {
    let known = |p: &PersonId| assert!(case.person(p).is_some(), "{p} is not in the case");
    case.details.subjects.iter().for_each(known);
    for p in &case.partnerships {
        p.partners.iter().for_each(known);
    }
    for p in &case.parentage {
        known(&p.child);
        p.parents.iter().for_each(known);
        assert!(!p.parents.is_empty());
    }
    for r in &case.relationships {
        r.between.iter().for_each(known);
    }
    for h in &case.households {
        assert!(!h.members.is_empty(), "{} has no members", h.name);
        h.members.iter().for_each(|m| known(&m.person));
    }
    for m in &case.multiple_births {
        assert!(m.children.len() >= 2);
        m.children.iter().for_each(known);
    }
    for e in &case.entries {
        e.children.iter().for_each(known);
        e.people.iter().for_each(|p| known(&p.person));
        mentions_resolve(case, &e.event);
    }
    mentions_resolve(case, &case.details.title);
}

/// Every `@id` in `text` names a person in the case.
fn mentions_resolve(case: &Case, text: &str) {
    let is_id = |s: &str| case.person(&PersonId(s.into())).is_some();
    for mention in genochron::mentions::find(text, is_id) {
        assert!(
            mention.resolved,
            "{text}: @{} is not in the case",
            mention.id
        );
    }
}

#[test]
fn someone_born_later_is_left_out_with_every_tie_and_counted() {
    // Before Bartholomew's birth, and more than 40 weeks before Cassius's.
    let case = at(2023, 4, 1);
    assert!(case.person(&id("bartholomew")).is_none());
    assert!(case.person(&id("cassius")).is_none());
    assert_eq!(case.details.subjects, [id("amaryllis")]);
    assert!(case.relationships.is_empty(), "the tie to Bartholomew went");
    nothing_dangles(&case);
    let cut = case.details.cut.unwrap();
    assert_eq!(cut.people, 2);
    let sentence = cut.sentence().unwrap();
    assert!(
        sentence.starts_with("Left out as later than 1 April 2023: 2 people born later"),
        "{sentence}"
    );
    // The entry from before his birth stays, and says who without naming him.
    let expecting = case.entries.iter().find(|e| e.event.contains("expecting"));
    assert_eq!(
        expecting.unwrap().event,
        "@sorrel told the health visitor she is expecting a child not yet born."
    );
    assert_eq!(case.details.title, "@amaryllis and a child not yet born");
}

#[test]
fn a_subject_child_due_within_40_weeks_is_drawn_as_a_pregnancy() {
    let case = at(2023, 12, 10);
    let cassius = case.person(&id("cassius")).expect("kept as a pregnancy");
    assert_eq!(cassius.kind, PersonKind::Pregnancy);
    assert!(case.details.subjects.contains(&id("cassius")));
    assert!(case.person(&id("bartholomew")).is_some(), "born by then");
    assert_eq!(case.details.cut.unwrap().people, 0);
    nothing_dangles(&case);
    // Every document says when he was due, not that he was born: the birth was still to come.
    let file = write("due.yaml", FAMILY.as_bytes());
    for command in ["genogram", "timeline", "chronology"] {
        let out = stdout(&[command, &file, "--as-at", "2023-12-10"]);
        assert!(out.contains("due 1 Jun 2024"), "{command}: {out}");
        assert!(!out.contains("born 1 Jun 2024"), "{command} says born");
    }
    let out = stdout(&["chronology", &file]);
    assert!(out.contains("born 1 Jun 2024"));
    // After the birth he is a child like any other.
    let born = at(2024, 9, 1);
    assert_eq!(
        born.person(&id("cassius")).unwrap().kind,
        PersonKind::Individual
    );
}

#[test]
fn before_anyone_was_born_the_case_is_empty_and_says_why() {
    let case = at(1980, 1, 1);
    assert_eq!(case.people.len(), 0);
    assert!(case.details.subjects.is_empty());
    assert!(case.entries.is_empty());
    nothing_dangles(&case);
    let sentence = case.details.cut.unwrap().sentence().unwrap();
    assert!(sentence.contains("5 people born later"), "{sentence}");
}

/// Every command at every date: none fails, none shows someone not yet born, and each says
/// what it left out.
#[test]
fn every_command_leaves_out_whoever_was_not_yet_born() {
    let file = write("births.yaml", FAMILY.as_bytes());
    let dates = [
        ("1980-01-01", 2),
        ("2023-04-01", 2),
        ("2023-12-10", 0),
        ("2024-09-01", 0),
    ];
    for (date, later) in dates {
        let unborn: Vec<&str> = LATER[..later].to_vec();
        for command in ["genogram", "timeline", "chronology"] {
            let out = stdout(&[command, &file, "--as-at", date]);
            for name in &unborn {
                assert!(!out.contains(name), "{name} in the {command} at {date}");
            }
            if later > 0 {
                assert!(
                    out.contains(" people born later"),
                    "{command} at {date} does not say who it left out"
                );
            }
        }
        let pdf = scratch(&format!("births-{date}.pdf"));
        let pdf_text = pdf.to_string_lossy().into_owned();
        stdout(&["report", &file, "--as-at", date, "-o", &pdf_text]);
        let bytes = std::fs::read(&pdf).unwrap();
        assert!(bytes.starts_with(b"%PDF"));
        if installed("pdftotext") {
            let text = run("pdftotext", &[&pdf_text, "-"]);
            for name in &unborn {
                assert!(!text.contains(name), "{name} in the PDF at {date}");
            }
        }
    }
    // The case as it now stands names both.
    let now = stdout(&["genogram", &file]);
    for name in LATER {
        assert!(now.contains(name), "{name} missing from the genogram now");
    }
}

#[test]
fn the_walsh_example_leaves_out_ellie_before_her_birth() {
    let ex = "examples/walsh-family.yaml";
    let before = stdout(&["genogram", ex, "--as-at", "2021-01-01"]);
    assert!(!before.contains("Ellie"));
    assert!(before.contains("1 person born later"));
    let after = stdout(&["genogram", ex, "--as-at", "2023-01-01"]);
    assert!(after.contains("Ellie"));
    assert!(!after.contains("born later"));
    // Noah was due within 40 weeks on 1 June 2017: drawn as a pregnancy, his due date below.
    let due = stdout(&["genogram", ex, "--as-at", "2017-06-01"]);
    assert!(
        due.contains("due 2 Feb 2018") || due.contains("due 2018"),
        "no pregnancy drawn"
    );
    assert!(!due.contains("Ellie"));
}
