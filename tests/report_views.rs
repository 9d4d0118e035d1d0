//! `report` takes every view option that `genogram`, `timeline` and `chronology` take, with
//! the same meaning, and its front page says which view each part of the document is.

mod support;

use std::collections::BTreeSet;
use support::*;

const CASE: &str = "examples/walsh-family.yaml";

/// The HTML report made with these options.
fn report(name: &str, options: &[&str]) -> String {
    let (path, _) = make_report(CASE, name, options);
    std::fs::read_to_string(path).unwrap()
}

/// The long options a command's help lists.
fn long_options(command: &str) -> BTreeSet<String> {
    let output = genochron(&[command, "--help"]);
    String::from_utf8_lossy(&output.stdout)
        .split_whitespace()
        .filter(|w| w.starts_with("--"))
        .map(|w| {
            w.trim_end_matches(',')
                .split('=')
                .next()
                .unwrap()
                .to_string()
        })
        .collect()
}

/// The chronology table's entry numbers in an HTML report.
fn table_numbers(page: &str) -> Vec<u32> {
    let table = &page[page.find("id=\"chronology\"").unwrap()..];
    table
        .split("<tr id=\"entry-row-")
        .skip(1)
        .map(|piece| {
            let digits: String = piece.chars().take_while(char::is_ascii_digit).collect();
            digits.parse().unwrap()
        })
        .collect()
}

/// The header: the case's facts and what the version shows.
fn header(page: &str) -> &str {
    &page[page.find("<header>").unwrap()..page.find("</header>").unwrap()]
}

#[test]
fn report_takes_every_view_option_of_the_other_commands() {
    let report = long_options("report");
    // Options about the file a command writes and its size, not about what it shows (the
    // report fits its diagrams to its pages).
    let own = [
        "--output",
        "--layout-json",
        "--format",
        "--width",
        "--plot-width",
        "--help",
    ];
    for command in ["genogram", "timeline", "chronology"] {
        for option in long_options(command) {
            if own.contains(&option.as_str()) {
                continue;
            }
            assert!(
                report.contains(&option),
                "`{command}` takes {option} but `report` does not"
            );
        }
    }
}

#[test]
fn filters_choose_the_table_and_the_front_page_says_so() {
    let whole = report("views-whole.html", &[]);
    let all = table_numbers(&whole);
    assert_eq!(all.len(), 31);
    let high = report("views-high.html", &["--significance", "high"]);
    let kept = table_numbers(&high);
    assert!(!kept.is_empty() && kept.len() < all.len());
    // Entry 8 (police, significance high) stays; entry 1 (a birth, low) goes.
    assert!(kept.contains(&8) && !kept.contains(&1), "{kept:?}");
    let front = header(&high);
    assert!(front.contains("What this version shows"), "{front}");
    assert!(
        front.contains(&format!("{} of 31 entries in the table", kept.len())),
        "{front}"
    );
    assert!(front.contains("by the significance filter"), "{front}");
    // The whole report says it shows everything.
    assert!(header(&whole).contains("31 of 31 entries in the table"));

    let noah = report("views-noah.html", &["--child", "noah"]);
    let kept = table_numbers(&noah);
    // Entry 22 is about Jade alone; entry 24 about Noah alone.
    assert!(!kept.contains(&22) && kept.contains(&24), "{kept:?}");
    assert!(header(&noah).contains("by the child filter"));
}

#[test]
fn the_timeline_and_the_genogram_are_the_views_asked_for() {
    let last = report("views-last.html", &["--last", "2y"]);
    let front = header(&last);
    assert!(
        front.contains("Drawn in full from 20 January 2024 to 20 January 2026"),
        "{front}"
    );
    let timeline = &last[last.find("id=\"timeline\"").unwrap()..];
    assert!(timeline.contains("Focus: 20 Jan 2024 to 20 Jan 2026"));

    let focused = report(
        "views-focus.html",
        &["--focus", "noah", "--up", "1", "--down", "0"],
    );
    let front = header(&focused);
    assert!(
        front.contains("The part of the family around Noah Brennan: 1 generation up and 0 down"),
        "{front}"
    );
    let genogram = &focused
        [focused.find("id=\"genogram\"").unwrap()..focused.find("id=\"timeline\"").unwrap()];
    assert!(genogram.contains("Connor Brennan"));
    // Noah's grandmother is two generations up.
    assert!(!genogram.contains("Maureen Walsh"));
    let two_up = report("views-focus-2.html", &["--focus", "noah", "--up", "2"]);
    assert!(two_up.contains("Maureen Walsh"));
    let whole = report("views-whole-genogram.html", &[]);
    assert!(header(&whole).contains("The whole family: 17 people"));
}

#[test]
fn a_focus_on_no_one_is_refused() {
    let path = scratch("views-nobody.html");
    let output = genochron(&[
        "report",
        CASE,
        "-o",
        &path.to_string_lossy(),
        "--focus",
        "nobody",
    ]);
    assert_eq!(output.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&output.stderr).contains("no one with the id \"nobody\""));
    let output = genochron(&["report", CASE, "-o", "x.html", "--last", "soon"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&output.stderr).contains("is not a length of time"));
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs poppler-utils (pdftotext), not installed"
)]
fn the_pdf_front_page_says_what_each_part_shows() {
    require(&["pdftotext"]);
    let (path, _) = make_report(
        CASE,
        "views.pdf",
        &["--last", "2y", "--significance", "high"],
    );
    let front = pdf_front_page(&path);
    assert!(front.contains("What this version shows"), "{front}");
    assert!(
        front.contains("Drawn in full from 20 January 2024"),
        "{front}"
    );
    assert!(front.contains("by the significance filter"), "{front}");
}
