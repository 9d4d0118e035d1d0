//! `genochron mentions`: plain names found with their lines and columns, and written as
//! mentions only where they can mean one person and the whole case's documents say the same.

mod support;
use support::*;

use genochron::mentions::plain::{self, Outcome, PlainName};
use genochron::model::Case;
use std::collections::BTreeSet;

const AMBIGUOUS: &str = include_str!("../fixtures/mentions/ambiguous.yaml");
const WHITFIELD: &str = include_str!("../examples/whitfield-family.yaml");
const MENSAH: &str = include_str!("../examples/mensah-family.yaml");

fn load(name: &str, text: &str) -> Case {
    genochron::load(name, text.as_bytes())
        .case
        .unwrap_or_else(|| panic!("{name} checks"))
}

/// Each plain name as (line, column, words, the mention or None when left).
fn summary(found: &[PlainName]) -> Vec<(usize, usize, String, Option<String>)> {
    found
        .iter()
        .map(|p| {
            let mention = match &p.outcome {
                Outcome::Mention(m) => Some(m.clone()),
                Outcome::Left { .. } => None,
            };
            (p.at.line, p.at.column, p.written.clone(), mention)
        })
        .collect()
}

fn why(found: &[PlainName], written: &str) -> String {
    found
        .iter()
        .find_map(|p| match &p.outcome {
            Outcome::Left { why, help } if p.written == written => Some(format!("{why} {help}")),
            _ => None,
        })
        .unwrap_or_else(|| panic!("{written} is not left"))
}

#[test]
fn names_that_can_mean_one_person_become_mentions_and_the_rest_are_listed_with_places() {
    let case = load("ambiguous.yaml", AMBIGUOUS);
    let found = plain::find(&case, AMBIGUOUS);
    let got = summary(&found);
    let m = |s: &str| Some(s.to_string());
    let expected = vec![
        (5, 10, "Kai Lowe".to_string(), m("@@kai")),
        (42, 12, "Kai".into(), m("@kai")),
        (42, 21, "Zoe".into(), None),
        (42, 33, "Ryan".into(), None),
        (46, 13, "Kai".into(), m("@kai")),
        (46, 25, "Nana Joan".into(), m("@joan")),
        (46, 43, "Joan".into(), None),
        (46, 55, "Lowe".into(), None),
        (51, 7, "Kai".into(), m("@kai")),
        (51, 45, "May Patel".into(), m("@@may")),
        (52, 38, "Kai".into(), m("@kai")),
        (56, 12, "Kai".into(), m("@kai")),
        (56, 27, "May".into(), m("@may")),
        (58, 15, "Ryan Lowe".into(), m("@@ryan")),
    ];
    assert_eq!(got, expected);
    // Each line and column points at the name itself.
    let lines: Vec<&str> = AMBIGUOUS.lines().collect();
    for (line, column, written, _) in &got {
        let at: String = lines[line - 1].chars().skip(column - 1).collect();
        assert!(at.starts_with(written.as_str()), "{line}:{column} {at:?}");
    }
    // Why each is left, in words the author can act on.
    assert!(why(&found, "Zoe").contains("Zoë Lowe (@zoe) and Zoe Carter (@zoe-carter)"));
    assert!(why(&found, "Ryan").contains("follows \u{201c}Mr\u{201d}"));
    assert!(why(&found, "Joan").contains("@joan (\u{201c}Nana Joan\u{201d})"));
    assert!(why(&found, "Lowe").contains("never guessed"));
    // "St Mary's", "May 2022" and an e-mail address are not people.
    assert!(
        !got.iter()
            .any(|g| g.2 == "Mary" || g.0 == 51 && g.2 == "May")
    );
}

#[test]
fn fixing_changes_only_the_names_and_quotes_a_text_that_would_start_with_an_at() {
    let fixed = plain::fix("ambiguous.yaml", AMBIGUOUS).unwrap();
    assert_eq!(fixed.rewritten.len(), 10);
    assert_eq!(fixed.left.len(), 4);
    let new: Vec<&str> = fixed.text.lines().collect();
    assert_eq!(new[4], "  title: \"@@kai\"");
    assert_eq!(
        new[41],
        "    event: \"@kai told Zoe that Mr Ryan had gone.\""
    );
    assert_eq!(
        new[45],
        "    event: \"@kai visited @joan and saw Joan's dog; Lowe family photos were shown.\""
    );
    assert_eq!(
        new[50],
        "      @kai started at St Mary's in May 2022; @@may"
    );
    assert_eq!(
        new[51],
        "      wrote to kai@example.org about @kai's reading."
    );
    assert_eq!(new[55], "    event: \"@kai's teacher, @may, rang.\"");
    assert_eq!(new[57], "    factors: [\"@@ryan moved out\"]");
    // Every other line, comments included, is as it was.
    let changed: BTreeSet<usize> = fixed.rewritten.iter().map(|p| p.at.line).collect();
    let old: Vec<&str> = AMBIGUOUS.lines().collect();
    assert_eq!(old.len(), new.len());
    for (n, (a, b)) in old.iter().zip(&new).enumerate() {
        if !changed.contains(&(n + 1)) {
            assert_eq!(a, b, "line {}", n + 1);
        }
    }
    // What is left is listed at its place in the new file.
    let left = summary(&fixed.left);
    assert!(
        left.contains(&(42, 23, "Zoe".to_string(), None)),
        "{left:?}"
    );
    // Nothing more to do the second time.
    let again = plain::fix("ambiguous.yaml", &fixed.text).unwrap();
    assert!(again.rewritten.is_empty());
    assert_eq!(again.text, fixed.text);
}

/// The whole case's documents say exactly the same before and after.
fn same_documents(name: &str, old: &str, new: &str) {
    let shown = |text: &str| {
        let mut case = genochron::redact::full(&load(name, text)).case().clone();
        case.details.source_hash.clear();
        case
    };
    assert!(shown(old) == shown(new), "{name}: the documents changed");
}

#[test]
fn both_examples_fix_to_mentions_that_read_the_same_in_every_version() {
    for (name, text) in [
        ("whitfield-family.yaml", WHITFIELD),
        ("mensah-family.yaml", MENSAH),
    ] {
        let fixed = plain::fix(name, text).unwrap();
        let old_lines = text.lines().count();
        assert_eq!(fixed.text.lines().count(), old_lines, "{name}");
        same_documents(name, text, &fixed.text);
        // Each audience's version reads the same too (it shows these people by name).
        let (old, new) = (load(name, text), load(name, &fixed.text));
        for audience in old.audiences.iter().map(|a| a.name.clone()) {
            let before = genochron::redact::for_audience(&old, &audience);
            let after = genochron::redact::for_audience(&new, &audience);
            match (before, after) {
                (Ok(a), Ok(b)) => assert!(
                    a.entries == b.entries && a.details.title == b.details.title,
                    "{name} {audience}"
                ),
                (a, b) => panic!("{name} {audience}: {:?} / {:?}", a.err(), b.err()),
            }
        }
        // Comments are kept.
        let comments = |t: &str| {
            t.lines()
                .filter(|l| l.trim_start().starts_with('#'))
                .map(str::to_string)
                .collect::<Vec<_>>()
        };
        assert_eq!(comments(text), comments(&fixed.text), "{name}");
        assert!(
            fixed.left.iter().all(|p| p.at.line > 0),
            "{name}: {:?}",
            fixed.left
        );
    }
}

#[test]
fn the_whitfield_example_is_written_with_mentions_already() {
    // The example shows how a case file is written: nothing left that --fix could do.
    let case = load("whitfield-family.yaml", WHITFIELD);
    let certain: Vec<_> = plain::find(&case, WHITFIELD)
        .into_iter()
        .filter(|p| matches!(p.outcome, Outcome::Mention(_)))
        .collect();
    assert!(certain.is_empty(), "{:?}", summary(&certain));
}

#[test]
fn the_command_lists_without_changing_and_fixes_when_asked() {
    let path = scratch("ambiguous.yaml");
    std::fs::write(&path, AMBIGUOUS).unwrap();
    let path_text = path.to_string_lossy().into_owned();
    let listed = genochron(&["mentions", &path_text]);
    assert_eq!(listed.status.code(), Some(0));
    let out = String::from_utf8_lossy(&listed.stdout);
    assert!(
        out.contains(
            "Note in ambiguous.yaml, line 42, column 21:\n  \u{201c}Zoe\u{201d} could be any of"
        ),
        "{out}"
    );
    assert!(out.contains("it can be written @@kai"), "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), AMBIGUOUS);

    let fixed = genochron(&["mentions", &path_text, "--fix"]);
    assert_eq!(fixed.status.code(), Some(0));
    let err = String::from_utf8_lossy(&fixed.stderr);
    assert!(
        err.contains("10 names written as mentions; 4 are left"),
        "{err}"
    );
    let now = std::fs::read_to_string(&path).unwrap();
    assert_eq!(now, plain::fix("ambiguous.yaml", AMBIGUOUS).unwrap().text);

    // A file with problems is not touched; a file of another kind is not read.
    let broken = scratch("broken.yaml");
    std::fs::write(
        &broken,
        "case:\n  title: X\npeople:\n  - id: a\n    parents: [nobody]\n",
    )
    .unwrap();
    let output = genochron(&["mentions", &broken.to_string_lossy(), "--fix"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("Nothing was changed."));
    let output = genochron(&[
        "mentions",
        "fixtures/gedcom/../minimal.yaml",
        "-o",
        "x.yaml",
    ]);
    assert_eq!(output.status.code(), Some(2), "--output needs --fix");
}
