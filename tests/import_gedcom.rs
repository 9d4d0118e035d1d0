//! GEDCOM import: the fixtures in `fixtures/gedcom/`, every file of the GEDCOM maintainers'
//! test suite, and real family trees, each imported, checked and written back as YAML.

use genochron::diagnostic::Diagnostic;
use genochron::input::case_file::{CaseFile, DatedText, PersonInput};
use genochron::input::gedcom;
use genochron::input::{self, write};
use genochron::{Source, check};
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> Vec<u8> {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures/gedcom")
        .join(name);
    std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

/// The GEDCOM samples and the maintainers' test suite, kept in the repository (with their
/// licences) so that every test runs from a fresh clone.
fn gedcom_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/gedcom")
}

fn import(bytes: &[u8]) -> (CaseFile, Vec<Diagnostic>) {
    let (file, diagnostics) = gedcom::read(bytes);
    let problems: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_problem()).collect();
    assert!(problems.is_empty(), "problems: {problems:#?}");
    (file.expect("imported"), diagnostics)
}

fn person<'a>(file: &'a CaseFile, id: &str) -> &'a PersonInput {
    file.people
        .iter()
        .find(|p| p.id.as_ref().is_some_and(|i| i.value == id))
        .unwrap_or_else(|| panic!("no person {id}"))
}

fn value(text: &Option<genochron::input::case_file::Text>) -> Option<&str> {
    text.as_ref().map(|t| t.value.as_str())
}

fn ids(list: &[genochron::input::case_file::Text]) -> Vec<&str> {
    list.iter().map(|t| t.value.as_str()).collect()
}

/// Import → check gives the same case as import → YAML → read → check, and the YAML read
/// back writes out the same YAML.
fn assert_round_trip(name: &str, file: &CaseFile) {
    let source = Source {
        name: name.to_string(),
        hash: "000000".to_string(),
    };
    let (direct, found) = check(file, &source);
    let problems: Vec<&Diagnostic> = found.iter().filter(|d| d.is_problem()).collect();
    assert!(
        problems.is_empty(),
        "{name}: the checker refused the import: {problems:#?}"
    );
    let yaml = write::yaml(file);
    let (read_back, diagnostics) = input::case_file("case.yaml", yaml.as_bytes());
    let read_back = read_back.unwrap_or_else(|| panic!("{name}: YAML not read: {diagnostics:#?}"));
    assert!(
        !diagnostics.iter().any(Diagnostic::is_problem),
        "{name}: {diagnostics:#?}\n{yaml}"
    );
    assert_eq!(
        write::yaml(&read_back),
        yaml,
        "{name}: YAML changes on a round trip"
    );
    let (again, _) = check(&read_back, &source);
    assert_eq!(direct, again, "{name}: the model changes on a round trip");
}

#[test]
fn a_blended_family_keeps_links_states_and_dates() {
    let (file, diagnostics) = import(&fixture("okafor-blended-family.ged"));
    assert_eq!(file.people.len(), 7);
    assert_eq!(value(&file.case.as_at), Some("2024-11-01"));

    let grace = person(&file, "grace-okafor");
    assert_eq!(value(&grace.born), Some("about 1988"));
    assert_eq!(ids(&DatedText::texts(&grace.notes)), ["Works as a nurse"]);
    // The note points at the NOTE line in the person's record, where it was linked.
    assert_eq!(grace.notes[0].at.line, 14);

    let daniel = person(&file, "daniel-okafor");
    assert_eq!(value(&daniel.deceased), Some("true"));
    assert_eq!(value(&daniel.died), None);

    assert_eq!(value(&person(&file, "tom-reid").born), Some("1990"));
    let sam = person(&file, "sam-reid");
    assert_eq!(value(&sam.gender), Some("unknown"));
    assert_eq!(value(&sam.born), Some("after 2020-06"));
    // "@f2@" finds "@F2@": GEDCOM 5.5.1 ids are matched without regard to case.
    assert_eq!(ids(&sam.parents), ["tom-reid", "grace-okafor"]);

    // Leo is fostered by Joan and adopted by Daniel and Grace: drawn under his adopters.
    let leo = person(&file, "leo");
    assert_eq!(ids(&leo.parents), ["daniel-okafor", "grace-okafor"]);
    assert_eq!(value(&leo.link), Some("adopted"));
    assert_eq!(leo.other_parents.len(), 1);
    assert_eq!(ids(&leo.other_parents[0].parents), ["joan-hart"]);
    assert_eq!(value(&leo.other_parents[0].link), Some("foster"));
    assert_eq!(
        ids(&DatedText::texts(&leo.notes)),
        ["Likes football; plays for the under-12s on Saturdays."]
    );

    let joan = person(&file, "joan-hart");
    assert_eq!(
        value(&joan.born),
        Some("1950-03-14"),
        "Julian date converted"
    );
    assert_eq!(
        value(&joan.died),
        Some("before 2023-04-02"),
        "from the burial"
    );

    let first = &file.partnerships[0];
    let states: Vec<(Option<&str>, Option<&str>)> = first
        .states
        .iter()
        .map(|s| (value(&s.status), value(&s.from)))
        .collect();
    assert_eq!(
        states,
        [
            (Some("engaged"), Some("2009")),
            (Some("married"), Some("2010-06-12")),
            (Some("divorced"), Some("2018"))
        ]
    );
    assert_eq!(value(&file.partnerships[1].status), Some("divorced"));

    // Everything simplified or left out is said, on its line.
    let said = |line: usize, words: &str| {
        assert!(
            diagnostics
                .iter()
                .any(|d| d.line == line && d.message.contains(words)),
            "no note on line {line} with {words:?}: {diagnostics:#?}"
        )
    };
    said(13, "places (PLAC)");
    said(25, "range");
    said(35, "Sex \"X\"");
    said(51, "godmother");
    said(57, "Julian");
    said(70, "period");
    said(75, "annulment");
    assert_round_trip("okafor", &file);
}

#[test]
fn ansel_names_are_decoded_with_their_accents() {
    let (file, _) = import(&fixture("ansel-names.ged"));
    assert_eq!(value(&file.people[0].name), Some("Zoë Múller-Łodź"));
    assert_eq!(value(&file.people[0].id), Some("zoe-muller-lodz"));
    assert_eq!(value(&file.people[1].name), Some("François Bézier"));
}

#[test]
fn the_bronte_family_imports_from_the_fixture() {
    let (file, _) = import(&fixture("bronte.ged"));
    assert_eq!(file.people.len(), 14);
    assert_eq!(file.partnerships.len(), 4);
    let charlotte = person(&file, "charlotte-bronte");
    assert_eq!(value(&charlotte.name), Some("Charlotte Brontë"));
    assert_eq!(value(&charlotte.born), Some("1816-04-21"));
    assert_eq!(
        ids(&charlotte.parents),
        ["patrick-bronte", "maria-branwell"]
    );
    // Values point at the GEDCOM lines they came from.
    assert_eq!(charlotte.born.as_ref().unwrap().at.line, 69);
    assert_eq!(
        value(&person(&file, "hugh-brunty").died),
        Some("about 1808")
    );
    let nicholls = file
        .partnerships
        .iter()
        .find(|p| ids(&p.partners).contains(&"arthur-bell-nicholls"))
        .expect("Charlotte's marriage");
    assert_eq!(value(&nicholls.status), Some("married"));
    assert_eq!(value(&nicholls.from), Some("1854-06-29"));
    assert_round_trip("bronte", &file);
}

#[test]
fn utf16_without_a_byte_order_mark_is_found_by_its_zero_bytes() {
    let (file, _) = import(&fixture("char_utf16le-1-5.ged"));
    assert_eq!(
        value(&file.case.title),
        Some("Family tree from Luther Tychonievich")
    );
}

#[test]
fn cross_references_match_without_regard_to_case_in_5_5_1() {
    // The header names the submitter @test@; the record is @TEST@.
    let (file, _) = import(&fixture("xref-case-5.ged"));
    assert_eq!(
        value(&file.case.title),
        Some("Family tree from Luther Tychonievich")
    );
}

#[test]
fn valid_dual_years_take_the_new_style_year() {
    let (file, diagnostics) = import(&fixture("date-dual-valid-5.ged"));
    // The first birth, "1699/00", could be either year: about 1700.
    assert_eq!(value(&file.people[0].born), Some("about 1700"));
    assert!(
        diagnostics
            .iter()
            .any(|d| d.line == 13 && d.message.contains("dual year"))
    );
}

#[test]
fn text_that_is_not_gedcom_is_refused_with_its_line() {
    let (file, diagnostics) = gedcom::read(b"name,father,mother\nann,0,0\n");
    assert!(file.is_none());
    assert_eq!(diagnostics[0].line, 1);
    assert!(diagnostics[0].message.contains("0 HEAD"));

    let (file, diagnostics) = gedcom::read(
        b"0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @I1@ INDI\n1 NAME Ann\nrubbish here\n0 TRLR\n",
    );
    assert!(file.is_none());
    let problem = diagnostics.iter().find(|d| d.is_problem()).unwrap();
    assert_eq!(problem.line, 6);
}

#[test]
fn missing_people_and_families_are_noted_not_invented() {
    let text = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @I1@ INDI\n1 NAME Ann /Lee/\n1 FAMC @F9@\n\
                0 @F1@ FAM\n1 HUSB @I1@\n1 WIFE @I7@\n0 TRLR\n";
    let (file, diagnostics) = import(text.as_bytes());
    assert_eq!(file.people.len(), 1);
    assert!(file.people[0].parents.is_empty());
    assert!(file.partnerships.is_empty());
    assert!(
        diagnostics
            .iter()
            .any(|d| d.line == 6 && d.message.contains("@F9@"))
    );
    assert!(
        diagnostics
            .iter()
            .any(|d| d.line == 9 && d.message.contains("@I7@"))
    );
}

#[test]
fn contradictory_dates_are_left_out_with_a_note() {
    // A father who died two years before his child was born.
    let text = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @I1@ INDI\n1 NAME Al /Lee/\n1 SEX M\n1 DEAT\n\
                2 DATE 1900\n0 @I2@ INDI\n1 NAME Bo /Lee/\n1 BIRT\n2 DATE 1903\n0 @F1@ FAM\n\
                1 HUSB @I1@\n1 CHIL @I2@\n0 TRLR\n";
    let (file, diagnostics) = import(text.as_bytes());
    assert_eq!(value(&file.people[0].died), None);
    assert_eq!(value(&file.people[0].deceased), Some("true"));
    assert!(
        diagnostics
            .iter()
            .any(|d| d.line == 8 && d.message.contains("after their parent"))
    );
    assert_round_trip("contradiction", &file);
}

/// Every file of the maintainers' suite, for GEDCOM 5.5.1 and 7.0.
#[test]
fn every_spec_test_file_imports_or_is_noted_by_line() {
    let shared = gedcom_data();
    let mut seen = 0;
    for version in ["5", "7"] {
        let folder = shared.join("spec-tests").join(version);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ged"))
            .collect();
        paths.sort();
        for path in paths {
            let name = format!("{version}/{}", path.file_name().unwrap().to_string_lossy());
            let bytes = std::fs::read(&path).unwrap();
            let (file, diagnostics) = gedcom::read(&bytes);
            let file = file.unwrap_or_else(|| panic!("{name} refused: {diagnostics:#?}"));
            expectations(&name, &bytes, &file, &diagnostics);
            assert_round_trip(&name, &file);
            seen += 1;
        }
    }
    assert_eq!(
        seen, 51,
        "the suite has 26 GEDCOM 5.5.1 files and 25 GEDCOM 7 files"
    );
}

/// What each file of the suite should give.
fn expectations(name: &str, bytes: &[u8], file: &CaseFile, diagnostics: &[Diagnostic]) {
    let text = String::from_utf8_lossy(bytes);
    let lines_with = |needle: &str| -> Vec<usize> {
        text.lines()
            .enumerate()
            .filter(|(_, l)| l.contains(needle))
            .map(|(i, _)| i + 1)
            .collect()
    };
    let noted = |line: usize, words: &str| {
        diagnostics
            .iter()
            .any(|d| d.line == line && d.message.contains(words))
    };
    let short = name.split('/').nth(1).unwrap_or(name);
    match (name.starts_with('5'), short) {
        (true, "age-invalid.ged") => {
            // Every age in this file breaks the 5.5.1 form; each is noted on its own line.
            let ages = lines_with(" AGE ");
            assert!(ages.len() > 80, "{name}");
            for line in ages {
                assert!(
                    noted(line, "The age"),
                    "{name}: age on line {line} not noted"
                );
            }
        }
        (_, "age-valid.ged") | (false, "age-invalid.ged") => {
            // GEDCOM 7's "age-invalid" is the 5.5.1 file converted, and valid.
            assert!(
                !diagnostics.iter().any(|d| d.message.contains("The age")),
                "{name}: {diagnostics:#?}"
            );
        }
        (true, "date-dual-invalid.ged") => {
            let dates = lines_with("2 DATE");
            assert_eq!(dates.len(), 84, "{name}");
            for line in dates {
                assert!(noted(line, "is not a dual year"), "{name}: line {line}");
            }
            assert_eq!(file.people[0].born, None);
        }
        (false, "date-dual-invalid.ged") => {
            // Converted to GEDCOM 7: "BET 1701 AND 1799" with the old text as a phrase.
            assert_eq!(value(&file.people[0].born), Some("after 1701"));
            assert!(noted(12, "1701/99"), "{name}: the phrase is reported");
        }
        (_, "date-all.ged") => {
            let simple = person(file, "simple");
            assert_eq!(value(&simple.born), Some("1401"));
            assert_eq!(value(&person(file, "calendar").born), Some("1401"));
            assert_eq!(value(&person(file, "approximate").born), Some("about 1230"));
            // Every DATE line of the file converting is checked by the date converter's own
            // tests (src/input/gedcom/date.rs).
        }
        (_, "pedi-1.ged") => {
            // A child of a family with no parents: nothing to link to, and said so.
            assert_eq!(file.people.len(), 1);
            assert_eq!(value(&file.people[0].unknown), Some("true"));
            assert!(file.people[0].parents.is_empty());
            assert!(
                diagnostics
                    .iter()
                    .any(|d| d.message.contains("families with no parents"))
            );
        }
        (_, "rela_1.ged") => {
            assert_eq!(file.people.len(), 2);
            let associations = diagnostics
                .iter()
                .filter(|d| d.message.contains("association"))
                .count();
            assert_eq!(associations, 3, "{name}");
            assert!(diagnostics.iter().any(|d| d.message.contains("neighbor")));
            assert!(diagnostics.iter().any(|d| d.message.contains("land-lord")));
        }
        (_, "enum-ext.ged") => {
            assert_eq!(
                value(&person(file, "family-personal").name),
                Some("Family Personal")
            );
            assert!(
                diagnostics
                    .iter()
                    .any(|d| d.message.contains("other names (NAME)"))
            );
            assert!(diagnostics.iter().any(|d| d.message.contains("_MAYBE")));
            assert!(diagnostics.iter().any(|d| d.message.contains("_LOC")));
        }
        (_, "sour-1.ged") => {
            assert!(
                diagnostics
                    .iter()
                    .any(|d| d.message.contains("source citations (SOUR)"))
            );
        }
        (_, "obje-1.ged") => {
            assert!(
                diagnostics
                    .iter()
                    .any(|d| d.message.contains("media links (OBJE)"))
            );
        }
        (true, "xref-case.ged") => {
            assert_eq!(
                value(&file.case.title),
                Some("Family tree from Luther Tychonievich")
            );
        }
        (_, "tiny-1.ged") => {
            assert!(file.people.is_empty());
            assert_eq!(value(&file.case.as_at), Some("2000-01-01"));
        }
        (_, short) if short.starts_with("char_") => {
            // Every character set reads the submitter's name, so the header was decoded.
            if name.starts_with('5') {
                assert_eq!(
                    value(&file.case.title),
                    Some("Family tree from Luther Tychonievich"),
                    "{name}"
                );
            }
            // The decoded text of each is checked by the character sets' own tests
            // (src/input/gedcom/charset.rs).
        }
        // Its `@@` escapes are checked by the record reader's own tests
        // (src/input/gedcom/tree.rs).
        (_, "atsign.ged") => {}
        _ => {
            assert!(file.people.len() <= 1, "{name}");
        }
    }
}

/// The real family trees: every person and family imported, checked, and read back.
#[test]
fn real_family_trees_import_whole() {
    let shared = gedcom_data();
    for (name, people, families) in [
        ("bronte.ged", 14, 4),
        ("shakespeare.ged", 31, 11),
        ("kennedy.ged", 208, 75),
        ("washington.ged", 529, 114),
    ] {
        let bytes = std::fs::read(shared.join("samples").join(name)).unwrap();
        let text = String::from_utf8_lossy(&bytes).into_owned();
        assert_eq!(
            text.lines().filter(|l| l.ends_with(" INDI")).count(),
            people
        );
        assert_eq!(
            text.lines().filter(|l| l.ends_with(" FAM")).count(),
            families
        );
        let (file, _) = import(&bytes);
        assert_eq!(file.people.len(), people, "{name}");
        // No couple is lost: every family with two partners is a partnership, or (with
        // children and nothing recorded about the couple) the two parents of a child.
        let mut imported: std::collections::BTreeSet<(String, String)> = file
            .partnerships
            .iter()
            .map(|p| pair(&p.partners[0].value, &p.partners[1].value))
            .collect();
        for person in &file.people {
            if let [a, b] = person.parents.as_slice() {
                imported.insert(pair(&a.value, &b.value));
            }
        }
        assert_eq!(imported.len(), couples(&text), "{name}");
        assert!(file.partnerships.len() <= couples(&text), "{name}");
        // Every child link in the file is a parent link, unless its family has no parents.
        let linked: usize = file.people.iter().filter(|p| !p.parents.is_empty()).count();
        assert!(
            linked > people / 3,
            "{name}: only {linked} people have parents"
        );
        assert_round_trip(name, &file);
    }
}

fn pair(a: &str, b: &str) -> (String, String) {
    if a < b {
        (a.to_string(), b.to_string())
    } else {
        (b.to_string(), a.to_string())
    }
}

/// The number of distinct two-partner couples among a file's families.
fn couples(text: &str) -> usize {
    let mut pairs = std::collections::BTreeSet::new();
    let mut current: (Option<String>, Option<String>) = (None, None);
    let mut flush = |c: &mut (Option<String>, Option<String>)| {
        if let (Some(a), Some(b)) = c.clone() {
            pairs.insert(if a < b { (a, b) } else { (b, a) });
        }
        *c = (None, None);
    };
    for line in text.lines() {
        if line.starts_with("0 ") {
            flush(&mut current);
        } else if let Some(h) = line.strip_prefix("1 HUSB ") {
            current.0.get_or_insert(h.trim().to_string());
        } else if let Some(w) = line.strip_prefix("1 WIFE ") {
            current.1.get_or_insert(w.trim().to_string());
        }
    }
    flush(&mut current);
    pairs.len()
}

#[test]
fn biographies_are_reported_not_drawn_under_the_name() {
    let long = "He worked on the farm. ".repeat(10);
    let text = format!(
        "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @I1@ INDI\n1 NAME Ann /Lee/\n1 NOTE {long}\n\
         1 NOTE Miller\n0 TRLR\n"
    );
    let (file, diagnostics) = import(text.as_bytes());
    assert_eq!(ids(&DatedText::texts(&file.people[0].notes)), ["Miller"]);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.line == 6 && d.message.contains("too long to show under a name"))
    );
    assert_round_trip("long note", &file);
}

#[test]
fn people_born_long_before_the_as_at_date_are_presumed_dead() {
    let text = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n1 DATE 1 JAN 2000\n0 @I1@ INDI\n1 NAME Old /Lee/\n\
                1 BIRT\n2 DATE ABT 1850\n0 @I2@ INDI\n1 NAME Young /Lee/\n1 BIRT\n2 DATE 1930\n0 TRLR\n";
    let (file, diagnostics) = import(text.as_bytes());
    assert_eq!(value(&file.people[0].deceased), Some("true"));
    assert_eq!(value(&file.people[1].deceased), None);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.line == 5 && d.message.contains("110 years"))
    );
}

#[test]
fn an_adoption_event_marks_the_link_to_the_adoptive_family() {
    let text = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @I1@ INDI\n1 NAME Ann /Lee/\n0 @I2@ INDI\n\
                1 NAME Cy /Lee/\n1 FAMC @F1@\n1 ADOP\n2 FAMC @F1@\n3 ADOP BOTH\n0 @F1@ FAM\n\
                1 WIFE @I1@\n1 CHIL @I2@\n0 TRLR\n";
    let (file, _) = import(text.as_bytes());
    assert_eq!(ids(&file.people[1].parents), ["ann-lee"]);
    assert_eq!(value(&file.people[1].link), Some("adopted"));
}

#[test]
fn a_loop_of_parents_is_broken_with_a_note() {
    let text = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @I1@ INDI\n1 NAME Ann /Lee/\n0 @I2@ INDI\n\
                1 NAME Bo /Lee/\n0 @F1@ FAM\n1 WIFE @I1@\n1 CHIL @I2@\n0 @F2@ FAM\n1 HUSB @I2@\n\
                1 CHIL @I1@\n0 TRLR\n";
    let (file, diagnostics) = import(text.as_bytes());
    let linked: usize = file.people.iter().map(|p| p.parents.len()).sum();
    assert_eq!(linked, 1, "one of the two links is kept");
    assert!(
        diagnostics
            .iter()
            .any(|d| d.message.contains("already their descendant"))
    );
    assert_round_trip("loop", &file);
}

#[test]
fn a_second_birth_family_is_not_a_third_parent() {
    let text = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @I1@ INDI\n1 NAME Ann /Lee/\n0 @I2@ INDI\n\
                1 NAME Bo /Lee/\n0 @I3@ INDI\n1 NAME Cy /Ray/\n0 @I4@ INDI\n1 NAME Di /Lee/\n\
                1 FAMC @F1@\n1 FAMC @F2@\n0 @F1@ FAM\n1 HUSB @I2@\n1 WIFE @I1@\n0 @F2@ FAM\n\
                1 HUSB @I3@\n1 WIFE @I1@\n0 TRLR\n";
    let (file, diagnostics) = import(text.as_bytes());
    assert_eq!(ids(&file.people[3].parents), ["bo-lee", "ann-lee"]);
    assert!(file.people[3].other_parents.is_empty());
    assert!(
        diagnostics
            .iter()
            .any(|d| d.line == 13 && d.message.contains("already has birth parents"))
    );
    assert_round_trip("two birth families", &file);
}

#[test]
fn an_occupation_is_a_line_under_the_name() {
    let text = "0 HEAD\n1 GEDC\n2 VERS 5.5.1\n0 @I1@ INDI\n1 NAME Ann /Lee/\n1 OCCU Nurse\n\
                2 DATE 1990\n0 TRLR\n";
    let (file, diagnostics) = import(text.as_bytes());
    assert_eq!(ids(&DatedText::texts(&file.people[0].notes)), ["Nurse"]);
    assert_eq!(file.people[0].notes[0].at.line, 6);
    assert!(
        diagnostics
            .iter()
            .any(|d| d.line == 7 && d.message.contains("dates of details"))
    );
}
