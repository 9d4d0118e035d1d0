//! `report --fit-pages N`: a summary chronology that fits N pages of the court table keeps the
//! most significant entries, says by what rule, and lists every entry it left out.

mod support;

use genochron::chronology::{Filter, chronology, fit};
use genochron::model::{Case, Significance};
use std::collections::BTreeSet;
use support::*;

const CASE: &str = "examples/mensah-family.yaml";

fn example(name: &str) -> Case {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(name);
    genochron::load_file(&path).unwrap().case.unwrap()
}

fn rank(s: Option<Significance>) -> u8 {
    match s {
        Some(Significance::High) => 3,
        Some(Significance::Medium) => 2,
        Some(Significance::Low) => 1,
        None => 0,
    }
}

/// A measure of three rows to a page.
fn three_a_page(case: &Case) -> impl Fn(&Filter) -> usize + '_ {
    move |filter| chronology(case, filter).rows.len().div_ceil(3).max(1)
}

#[test]
fn the_summary_keeps_the_most_significant_entries_that_fit() {
    let case = example(CASE);
    let fit = fit(&case, &Filter::default(), 4, three_a_page(&case));
    let kept = chronology(&case, &fit.filter);
    assert_eq!(kept.rows.len(), 12, "four pages of three rows");
    let kept_numbers: BTreeSet<u32> = kept.rows.iter().map(|r| r.number).collect();
    let left_out: BTreeSet<u32> = fit.left_out.iter().copied().collect();
    // Nothing dropped silently: every entry is kept or listed, never both.
    assert!(kept_numbers.is_disjoint(&left_out));
    assert_eq!(kept_numbers.len() + left_out.len(), case.entries.len());
    // No entry left out is more significant than one kept.
    let level = |n: &u32| {
        rank(
            case.entries
                .iter()
                .find(|e| e.number == *n)
                .unwrap()
                .significance,
        )
    };
    let lowest_kept = kept_numbers.iter().map(level).min().unwrap();
    let highest_left = left_out.iter().map(level).max().unwrap();
    assert!(lowest_kept >= highest_left);
    // Within the level that did not all fit, the latest are kept.
    let high: Vec<_> = case
        .entries
        .iter()
        .filter(|e| e.significance == Some(Significance::High))
        .collect();
    assert!(
        high.len() > 12,
        "the example has more high entries than fit"
    );
    let latest_left = high
        .iter()
        .filter(|e| left_out.contains(&e.number))
        .map(|e| e.date.sort_key())
        .max()
        .unwrap();
    let earliest_kept = high
        .iter()
        .filter(|e| kept_numbers.contains(&e.number))
        .map(|e| e.date.sort_key())
        .min()
        .unwrap();
    assert!(earliest_kept >= latest_left);
    assert_eq!(
        fit.rule,
        format!(
            "Summary chosen to fit 4 pages: the 12 most recent of high significance (of {}).",
            high.len()
        )
    );
}

#[test]
fn the_rule_names_each_level_kept_and_a_summary_that_needs_nothing_says_so() {
    let case = example(CASE);
    let high = case
        .entries
        .iter()
        .filter(|e| e.significance == Some(Significance::High))
        .count();
    let pages = high / 3 + 2;
    let fit = fit(&case, &Filter::default(), pages, three_a_page(&case));
    assert!(
        fit.rule.starts_with(&format!(
            "Summary chosen to fit {pages} pages: every entry of high significance ({high}) and the "
        )),
        "{}",
        fit.rule
    );
    let everything =
        genochron::chronology::fit(&case, &Filter::default(), 100, three_a_page(&case));
    assert!(everything.left_out.is_empty());
    assert_eq!(
        everything.rule,
        "Every entry fits in 100 pages: none left out to fit."
    );
    // The user's filters come first: the summary is chosen among the entries they keep.
    let medium = Filter {
        significance: vec![Significance::Medium],
        ..Filter::default()
    };
    let fit = genochron::chronology::fit(&case, &medium, 2, three_a_page(&case));
    let kept = chronology(&case, &fit.filter);
    assert_eq!(kept.rows.len(), 6);
    assert!(kept.rows.iter().all(|r| r.significance_word == "Medium"));
}

#[test]
fn the_report_front_page_states_the_rule_and_lists_what_it_left_out() {
    let (path, messages) = make_report(CASE, "fit-pages.html", &["--fit-pages", "3"]);
    assert!(
        messages.contains("Summary chosen to fit 3 pages"),
        "{messages}"
    );
    let page = std::fs::read_to_string(&path).unwrap();
    let header = &page[page.find("<header>").unwrap()..page.find("</header>").unwrap()];
    assert!(header.contains("Summary chosen to fit 3 pages"), "{header}");
    let rows = page.matches("<tr id=\"entry-row-").count();
    assert!(rows > 0 && rows < 51);
    assert!(
        header.contains(&format!("{rows} of 51 entries in the table")),
        "{header}"
    );
    assert!(
        header.contains(&format!(
            "{} entries left out ({} to fit the pages): Nos. ",
            51 - rows,
            51 - rows
        )),
        "{header}"
    );
    // The table the PDF would print takes at most three pages.
    let case = example(CASE);
    let fit = fit(&case, &Filter::default(), 3, |f| {
        genochron::render::pdf::chronology_pages(&case, f)
    });
    assert!(genochron::render::pdf::chronology_pages(&case, &fit.filter) <= 3);
    assert_eq!(chronology(&case, &fit.filter).rows.len(), rows);
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs poppler-utils (pdfinfo), not installed"
)]
fn the_pdf_chronology_fits_the_pages_asked_for() {
    require(&["pdfinfo", "pdftotext"]);
    let pages = |extra: &[&str]| {
        let (path, _) = make_report(CASE, &format!("fit-{}.pdf", extra.len()), extra);
        let info = run("pdfinfo", &[&path]);
        let line = info.lines().find(|l| l.starts_with("Pages:")).unwrap();
        let n: usize = line["Pages:".len()..].trim().parse().unwrap();
        (n, pdf_front_page(&path))
    };
    let (whole, _) = pages(&[]);
    let case = example(CASE);
    let table = genochron::render::pdf::chronology_pages(&case, &Filter::default());
    assert!(table > 10, "the example's table is long");
    let (summary, front) = pages(&["--fit-pages", "10"]);
    assert_eq!(summary, whole - table + 10);
    assert!(front.contains("Summary chosen to fit 10 pages"), "{front}");
}
