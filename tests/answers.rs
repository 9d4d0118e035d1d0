//! Every input gets a clear answer, fast: control characters, huge values, empty and binary
//! files, a flood of notes, titles, spreadsheets and the messages a new user meets, each
//! answered in the user's words with the place to look.

mod support;
use support::*;

use genochron::diagnostic::Diagnostic;
use proptest::prelude::*;
use std::fmt::Write as _;

fn problems(name: &str, text: &str) -> Vec<Diagnostic> {
    genochron::load(name, text.as_bytes())
        .diagnostics
        .into_iter()
        .filter(Diagnostic::is_problem)
        .collect()
}

fn notes(name: &str, text: &str) -> Vec<Diagnostic> {
    genochron::load(name, text.as_bytes())
        .diagnostics
        .into_iter()
        .filter(|d| !d.is_problem())
        .collect()
}

/// A small case with one field of each kind on its own line, double-quoted so any character
/// can be written as an escape. `{}` marks where a field's value goes.
const FIELDS: [(&str, &str); 8] = [
    ("  title", "Case"),
    ("    name", "Amy Jones"),
    ("    role", "Subject"),
    ("    id", "amy"),
    ("    born", "2015-03-01"),
    ("    event", "Police called"),
    ("    source", "Police"),
    ("    category", "police"),
];

fn case_with(field: usize, value: &str) -> (String, usize) {
    let values: Vec<String> = FIELDS
        .iter()
        .enumerate()
        .map(|(i, (_, v))| {
            if i == field {
                value.to_string()
            } else {
                v.to_string()
            }
        })
        .collect();
    let q = |i: usize| format!("{}: \"{}\"", FIELDS[i].0, values[i]);
    let text = format!(
        "case:\n{}\n  as-at: 2024-01-01\n  children: [{}]\npeople:\n  - id: \"{}\"\n{}\n{}\n{}\n\
         entries:\n  - date: 2023-01-01\n{}\n{}\n{}\n",
        q(0),
        values[3],
        values[3],
        q(1),
        q(2),
        q(4),
        q(5),
        q(6),
        q(7)
    );
    let line = [2, 7, 8, 6, 9, 12, 13, 14][field];
    (text, line)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Any control character (Unicode Cc) in any field is a problem at that field's line; the
    /// same case without it checks and draws as well-formed SVG.
    #[test]
    fn control_characters_are_refused_in_every_field(
        field in 0..FIELDS.len(),
        code in prop_oneof![0u32..0x20, 0x7fu32..0xa0],
        at in 1usize..20,
    ) {
        // Inside the value: spaces and such at either end are trimmed away harmlessly.
        let clean = FIELDS[field].1;
        let at = at.min(clean.len() - 1);
        let value = format!("{}\\u{code:04X}{}", &clean[..at], &clean[at..]);
        let (text, line) = case_with(field, &value);
        let found = problems("case.yaml", &text);
        // A tab or a line break is part of the writing in an event or a source; elsewhere it
        // is refused.
        let allowed = (field == 5 || field == 6) && (code == 9 || code == 10);
        if allowed {
            prop_assert!(found.is_empty(), "{found:#?}");
        } else {
            prop_assert!(
                found.iter().any(|d| d.line == line && d.message.contains("control character")),
                "{text}\n{found:#?}"
            );
        }
        let (clean_text, _) = case_with(field, clean);
        let case = genochron::load("case.yaml", clean_text.as_bytes()).case.expect("checks");
        let scene = genochron::layout::genogram::genogram(&case, &Default::default());
        let svg = genochron::render::svg::scene(&scene);
        prop_assert!(roxmltree::Document::parse(&svg).is_ok());
    }
}

#[test]
fn a_control_character_in_a_family_tree_is_refused_at_its_gedcom_line() {
    let ged = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n0 @I1@ INDI\n1 NAME Amy\u{1c} /Jones/\n0 TRLR\n";
    let found = problems("tree.ged", ged);
    assert!(
        found
            .iter()
            .any(|d| d.line == 6 && d.message.contains("U+001C")),
        "{found:#?}"
    );
}

/// Values as long as a file can hold finish checking and say where they are. Nothing is timed:
/// a quadratic search here took minutes, which the test run would show.
#[test]
fn the_worst_values_finish_and_say_where() {
    let huge = "x".repeat(10 * 1024 * 1024);
    let head = "case:\n  as-at: 2024-01-01\n  children: [amy]\npeople:\n  - id: amy\n";
    let cases = [
        (
            "household member",
            format!("{head}households:\n  - members: [{huge}]\n"),
            7,
        ),
        ("parent", format!("{head}    parents: [{huge}]\n"), 6),
        ("gender", format!("{head}    gender: {huge}\n"), 6),
        (
            "category",
            format!(
                "{head}entries:\n  - date: 2020-01-01\n    event: x\n    source: y\n    category: {huge}\n"
            ),
            10,
        ),
        (
            "person involved",
            format!(
                "{head}entries:\n  - date: 2020-01-01\n    event: x\n    source: y\n    people: [{huge}]\n"
            ),
            10,
        ),
        ("field name", format!("{head}    {}: x\n", &huge[..1000]), 6),
    ];
    for (what, text, line) in cases {
        let found = problems("huge.yaml", &text);
        assert!(
            found.iter().any(|d| d.line == line),
            "{what}: {:#?}",
            found
                .iter()
                .map(|d| (&d.line, &d.message))
                .collect::<Vec<_>>()
        );
    }
}

/// A generated GEDCOM family tree of `people` people: founding couples, three children to a
/// family, children partnered across families; half the couples have a marriage, a tenth a
/// divorce, the rest nothing recorded. The header names the file by a path on another machine.
fn family_tree(people: usize) -> String {
    let mut individuals = String::new();
    let mut families = String::new();
    let mut next = 0usize;
    let mut person = |out: &mut String, sex: char, born: usize, family: Option<usize>| {
        next += 1;
        let _ = write!(
            out,
            "0 @I{next}@ INDI\n1 NAME P{next} /F{}/\n1 SEX {sex}\n",
            next % 300
        );
        if !next.is_multiple_of(5) {
            let _ = write!(out, "1 BIRT\n2 DATE {born}\n");
        }
        if let Some(f) = family {
            let _ = writeln!(out, "1 FAMC @F{f}@");
        }
        next
    };
    let mut couples: Vec<(usize, usize, usize)> = (0..people / 25)
        .map(|_| {
            let h = person(&mut individuals, 'M', 1850, None);
            let w = person(&mut individuals, 'F', 1852, None);
            (h, w, 1850)
        })
        .collect();
    let mut family = 0;
    let mut count = couples.len() * 2;
    while count < people && !couples.is_empty() {
        let mut sons = Vec::new();
        let mut daughters = Vec::new();
        for &(h, w, born) in &couples {
            family += 1;
            let _ = write!(
                families,
                "0 @F{family}@ FAM\n1 HUSB @I{h}@\n1 WIFE @I{w}@\n"
            );
            match family % 10 {
                0..=4 => {
                    let _ = write!(families, "1 MARR\n2 DATE {}\n", born + 22);
                }
                5 => families.push_str("1 DIV Y\n"),
                _ => {}
            }
            for k in 0..3 {
                if count >= people {
                    break;
                }
                let sex = if k % 2 == 0 { 'M' } else { 'F' };
                let c = person(&mut individuals, sex, born + 24 + 2 * k, Some(family));
                count += 1;
                let _ = writeln!(families, "1 CHIL @I{c}@");
                if sex == 'M' {
                    sons.push((c, born + 24))
                } else {
                    daughters.push(c)
                }
            }
        }
        couples = sons
            .iter()
            .zip(daughters.iter().cycle().skip(1))
            .map(|(s, d)| (s.0, *d, s.1))
            .collect();
    }
    format!(
        "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 CHAR UTF-8\n1 FILE C:\\Documents and Settings\\Owner\\My \
         Documents\\Tree.ged\n{individuals}{families}0 TRLR\n"
    )
}

#[test]
fn the_notes_of_a_ten_thousand_person_import_fit_on_one_screen() {
    let path = write("ten-thousand.ged", family_tree(10_000).as_bytes());
    let output = genochron(&["check", &path]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let text = stderr(&output);
    assert!(
        text.lines().count() <= 50,
        "{} lines:\n{text}",
        text.lines().count()
    );
    assert!(text.contains("more notes like this one"), "{text}");
    let every = genochron(&["check", &path, "--notes", "all"]);
    assert!(stderr(&every).lines().count() > 1_000);
    // And the title is the file's own name, not the path in its header.
    let output = genochron(&["import", &path]);
    let yaml = String::from_utf8_lossy(&output.stdout);
    assert!(
        yaml.contains("title: Family tree from ten-thousand.ged"),
        "{}",
        &yaml[..400]
    );
    assert!(!yaml.contains("Documents"));
}

#[test]
fn a_chronology_is_never_called_a_family_tree() {
    let csv = "date,event,source,children\n2024-01-02,Visit,School,amy\n";
    let case = genochron::load("folder/new-entries.csv", csv.as_bytes())
        .case
        .expect("checks");
    assert_eq!(case.details.title, "Chronology from new-entries.csv");
}

#[test]
fn spreadsheet_lines_are_right_with_windows_line_endings() {
    let csv = "date,event,source\r\n2024-01-02,Visit,School\r\n2024-02-30,Call,Police\r\n";
    let found = problems("entries.csv", csv);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert_eq!(found[0].line, 3);
}

#[test]
fn import_refuses_to_write_a_file_that_would_not_check() {
    let input = write(
        "impossible.csv",
        b"date,event,source\n2026-01-05,Visit,SW\n31/02/2026,Call,Police\n",
    );
    let output = scratch("impossible.yaml");
    let _ = std::fs::remove_file(&output);
    let run = genochron(&["import", &input, "-o", &output.to_string_lossy()]);
    assert_eq!(run.status.code(), Some(1), "{}", stderr(&run));
    assert!(
        stderr(&run).contains("line 3, column 1"),
        "{}",
        stderr(&run)
    );
    assert!(stderr(&run).contains("Nothing was written"));
    assert!(!output.exists());
}

#[test]
fn empty_files_say_they_are_empty() {
    for name in ["empty.csv", "empty.yaml", "empty.ged"] {
        let path = write(name, b"\n");
        for command in ["check", "import"] {
            let output = genochron(&[command, &path]);
            assert_eq!(output.status.code(), Some(1), "{command} {name}");
            assert!(
                stderr(&output).contains("The file is empty."),
                "{}",
                stderr(&output)
            );
        }
    }
}

#[test]
fn every_cell_of_the_chronology_csv_is_safe_from_formulas() {
    let text = "case:\n  as-at: 2024-01-01\n  children: [\"=HYPERLINK(1)\"]\npeople:\n  \
                - id: \"=HYPERLINK(1)\"\n  - id: \"＠SUM\"\nentries:\n  - date: 2023-01-01\n    \
                event: \"＝1+1\"\n    source: \"＋x\"\n    category: \"－y\"\n    people: \
                [\"＠SUM\"]\n    impact: \" =2\"\n";
    let case = genochron::load("case.yaml", text.as_bytes())
        .case
        .unwrap_or_else(|| panic!("{:#?}", problems("case.yaml", text)));
    let csv = genochron::render::table::csv(&case, &Default::default());
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .from_reader(csv.as_bytes());
    let mut cells = 0;
    for record in reader.records() {
        for cell in record.unwrap().iter() {
            cells += 1;
            let start = cell.trim_start();
            assert!(
                !start.starts_with(['=', '+', '-', '@', '＝', '＋', '－', '＠']),
                "unprotected cell {cell:?} in\n{csv}"
            );
        }
    }
    assert!(cells > 20);
    assert!(csv.contains("'=HYPERLINK(1)"), "{csv}");
}

#[test]
fn an_empty_or_comment_only_case_file_is_named_as_such() {
    let found = problems("case.yaml", "# nothing yet\n");
    assert_eq!(found.len(), 1);
    assert!(found[0].message.contains("only comments"), "{found:#?}");
}

#[test]
fn curly_quotes_are_named_or_accepted_where_the_meaning_is_plain() {
    let head = "case:\n  as-at: 2024-01-01\n  children: [amy]\npeople:\n  - id: amy\nentries:\n  - \
                date: 2023-01-01\n    source: Police\n";
    // Around a whole value: accepted, and not doubled in the child's words.
    let text = format!("{head}    event: Visit\n    time: “22:40”\n    voice: “I was scared”\n");
    let case = genochron::load("case.yaml", text.as_bytes())
        .case
        .expect("checks");
    assert_eq!(case.entries[0].time, Some((22, 40)));
    assert_eq!(case.entries[0].voice.as_deref(), Some("I was scared"));
    // Around a text with a colon: named, with what to type instead.
    let found = problems("case.yaml", &format!("{head}    event: “Visit: at home”\n"));
    assert_eq!(found[0].line, 9);
    assert!(
        found[0].message.contains("curly quotation marks"),
        "{found:#?}"
    );
    // A non-breaking space in the indentation.
    let found = problems("case.yaml", &format!("{head}\u{a0}   event: Visit\n"));
    assert_eq!((found[0].line, found[0].column), (9, 1));
    assert!(
        found[0].message.contains("non-breaking space"),
        "{found:#?}"
    );
}

#[test]
fn suggestions_are_close_and_of_the_right_kind() {
    let head = "case:\n  as-at: 2024-01-01\n  children: [sam-jones]\npeople:\n  - id: sam-jones\n  \
                - id: dan\n";
    // Three-letter ids one letter apart are different people.
    let found = problems(
        "case.yaml",
        &format!("{head}  - id: x\n    parents: [nan]\n"),
    );
    assert!(
        !found[0].help.as_deref().unwrap().contains("Did you mean"),
        "{found:#?}"
    );
    // A parent is not suggested from the subject children.
    let found = problems(
        "case.yaml",
        &format!("{head}  - id: x\n    parents: [sam-jone]\n"),
    );
    assert!(
        !found[0].help.as_deref().unwrap().contains("sam-jones"),
        "{found:#?}"
    );
    // But a typo in a subject child's id is.
    let found = problems(
        "case.yaml",
        &format!(
            "{head}entries:\n  - date: 2023-01-01\n    event: \
                                                 x\n    source: y\n    children: [sam-jone]\n"
        ),
    );
    assert!(
        found[0].help.as_deref().unwrap().contains("\"sam-jones\""),
        "{found:#?}"
    );
}

#[test]
fn articles_and_plurals_read_as_english() {
    let text = "case:\n  as-at: 2024-01-01\naudiences:\n  - name: family\n    colour: red\n";
    let found = problems("case.yaml", text);
    let colour = found.iter().find(|d| d.message.contains("colour")).unwrap();
    let help = colour.help.as_deref().unwrap();
    assert!(help.contains("The fields an audience can have"), "{help}");
}

#[test]
fn an_entry_about_a_child_before_their_conception_is_reported() {
    let text = "case:\n  as-at: 2024-01-01\n  children: [amy, ben]\npeople:\n  - id: amy\n    \
                born: 2020-05-01\n  - id: ben\n    born: 2012-01-01\nentries:\n  - date: \
                2015-03-01\n    event: Police called\n    source: Police\n    impact:\n      - \
                child: amy\n        text: Frightened\n      - child: ben\n        text: \
                Frightened\n  - date: 2019-09-01\n    event: Drug use in pregnancy\n    source: \
                Health\n    children: [amy]\n";
    let found = notes("case.yaml", text);
    let conceived: Vec<&Diagnostic> = found
        .iter()
        .filter(|d| d.message.contains("before they were conceived"))
        .collect();
    assert_eq!(conceived.len(), 1, "{found:#?}");
    assert_eq!(conceived[0].line, 10);
}

#[test]
fn a_category_close_to_a_usual_one_is_suggested() {
    let text = "case:\n  as-at: 2024-01-01\nentries:\n  - date: 2023-01-01\n    event: Order \
                made\n    source: Court\n    category: legal\n";
    let found = notes("case.yaml", text);
    let note = found
        .iter()
        .find(|d| d.line == 7)
        .expect("a note on the category");
    assert_eq!(
        note.help.as_deref(),
        Some("Did you mean \"legal-status\"? If not, leave it as it is.")
    );
}
