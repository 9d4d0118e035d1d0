//! A statement of truth and signature block on a report's front page, from optional fields of
//! the case file's `case` section, checked with their lines and described by the schema.

mod support;

use support::*;

const CASE: &str = "examples/walsh-family.yaml";

const HEAD: &str = "case:\n  children: [amy]\n  as-at: 2024-11-01\n";
const AMY: &str = "people:\n  - id: amy\n    name: Amy\n    born: 2015-06-02\n";

fn problems(statement: &str) -> Vec<(usize, String)> {
    let text = format!("{HEAD}{statement}{AMY}");
    let loaded = genochron::load("amy.yaml", text.as_bytes());
    loaded
        .diagnostics
        .iter()
        .filter(|d| d.is_problem())
        .map(|d| (d.line, d.message.clone()))
        .collect()
}

#[test]
fn a_statement_is_checked_with_its_lines() {
    assert!(problems("  statement:\n    text: I believe the facts are true.\n    name: Jo Smith\n    role: Social Worker\n    date: 2024-11-04\n").is_empty());
    let found =
        problems("  statement:\n    role: Social Worker\n    date: 2024-11\n    sign: yes\n");
    let has = |line: usize, words: &str| found.iter().any(|(l, m)| *l == line && m.contains(words));
    assert!(has(5, "has no `text`"), "{found:?}");
    assert!(has(5, "does not say who signs it"), "{found:?}");
    assert!(has(6, "whole, exact date"), "{found:?}");
    assert!(has(7, "`sign`"), "{found:?}");
    // No statement at all is fine: it is optional.
    assert!(problems("").is_empty());
}

#[test]
fn the_schema_describes_the_statement() {
    let output = genochron(&["schema"]);
    let schema: serde_json::Value = serde_json::from_slice(&output.stdout).unwrap();
    let statement = &schema["$defs"]["StatementInput"]["properties"];
    for field in ["text", "name", "role", "date"] {
        assert!(statement[field].is_object(), "{field}: {statement}");
    }
    assert!(
        schema["$defs"]["CaseSection"]["properties"]["statement"]
            .to_string()
            .contains("StatementInput")
    );
}

#[test]
fn the_html_front_has_the_statement_and_a_place_to_sign() {
    let (path, _) = make_report(CASE, "statement.html", &[]);
    let page = std::fs::read_to_string(path).unwrap();
    let header = &page[page.find("<header>").unwrap()..page.find("</header>").unwrap()];
    assert!(header.contains("Statement of truth"));
    assert!(header.contains("I believe that the facts stated in this chronology are true."));
    assert!(header.contains("<dt>Signed</dt><dd>________"), "{header}");
    assert!(header.contains("<dt>Name</dt><dd>Priya Natarajan</dd>"));
    assert!(header.contains("<dt>Date</dt><dd>22 January 2026</dd>"));
    // A case without a statement has none.
    let (other, _) = make_report("examples/mensah-family.yaml", "no-statement.html", &[]);
    assert!(
        !std::fs::read_to_string(other)
            .unwrap()
            .contains("Statement of truth")
    );
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs poppler-utils (pdftotext), not installed"
)]
fn the_pdf_front_page_has_the_statement_clear_of_the_footer() {
    require(&["pdftotext"]);
    let (path, messages) = make_report(
        CASE,
        "statement.pdf",
        &[
            "--last",
            "2y",
            "--significance",
            "high,medium",
            "--fit-pages",
            "3",
        ],
    );
    assert!(!messages.contains("front page is too full"), "{messages}");
    let front = pdf_front_page(&path);
    for words in [
        "Statement of truth",
        "I believe that the facts stated in this chronology are true.",
        "Signed",
        "Priya Natarajan",
        "22 January 2026",
    ] {
        assert!(front.contains(words), "{words}: {front}");
    }
}
