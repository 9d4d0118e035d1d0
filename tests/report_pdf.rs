//! The court PDF: structure, text, fonts, numbering, splitting and determinism.

mod support;

use genochron::render::pdf::{self, Options};
use support::*;

/// A court PDF of 30 entries, numbered from C45.
fn court_pdf() -> pdf::Pdf {
    let case = case(30);
    let genogram = grid_scene(&case, "Genogram", 4, 2);
    let timeline = grid_scene(&case, "Timeline", 5, 1);
    let options = Options {
        bundle_section: Some("C".into()),
        start_page: 45,
        ..Options::default()
    };
    pdf::report(
        &genochron::redact::full(&case),
        &genogram,
        &timeline,
        &options,
    )
    .unwrap()
}

#[test]
fn a_court_pdf_is_the_same_bytes_every_time() {
    assert_eq!(court_pdf().bytes, court_pdf().bytes);
}

#[test]
#[cfg_attr(
    not(all(has_qpdf, has_poppler)),
    ignore = "needs qpdf and poppler-utils (pdftotext, pdffonts, pdfinfo), not installed"
)]
fn a_court_pdf_has_searchable_text_embedded_fonts_and_bundle_numbers() {
    let out = court_pdf();
    let path = write("court.pdf", &out.bytes);
    require(&["qpdf", "pdftotext", "pdffonts", "pdfinfo"]);
    run("qpdf", &["--check", &path]);
    let text = run("pdftotext", &["-layout", &path, "-"]);
    let raw = run("pdftotext", &["-raw", &path, "-"]);
    let joined = raw.split_whitespace().collect::<Vec<_>>().join(" ");
    for expected in [
        "NS-2024-0117",
        "Subject child",
        "Date prepared",
        "20 May 2024",
        "Hearing date",
        "12 June 2024",
        "R. Patel",
        "9f2c1a7e",
        "Impact on the child",
        "(entry 30)",
        "Police notification",
        "C45",
        "C46",
    ] {
        assert!(
            joined.contains(expected),
            "{expected} missing from the PDF text"
        );
    }
    // Every page carries its bundle number.
    let pages = text.split('\u{c}').filter(|p| !p.trim().is_empty()).count();
    assert_eq!(pages, out.pages, "{text}");
    for n in 0..out.pages {
        assert!(
            text.contains(&format!("C{}", 45 + n)),
            "page C{} unnumbered",
            45 + n
        );
    }
    // The header row is repeated on every chronology page.
    assert_eq!(
        text.matches("Impact on the child").count(),
        out.chronology_pages
    );
    let fonts = run("pdffonts", &[&path]);
    assert!(fonts.contains("LiberationSans"), "{fonts}");
    assert!(
        !fonts.contains("Type 3"),
        "glyphs must not be outlined: {fonts}"
    );
    for line in fonts.lines().skip(2) {
        assert!(line.contains(" yes "), "font not embedded: {line}");
    }
    let info = run("pdfinfo", &[&path]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Title:") && l[6..].trim() == "Genogram and chronology"),
        "{info}"
    );
    assert!(
        !info.contains("Okafor"),
        "metadata must not name the child: {info}"
    );
    assert!(!info.contains("CreationDate"), "{info}");
    // Bookmarks for each part, and for each page of the chronology.
    let outline: serde_json::Value =
        serde_json::from_str(&run("qpdf", &["--json", "--json-key=outlines", &path])).unwrap();
    let titles: Vec<&str> = outline["outlines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["Front page", "Genogram", "Timeline", "Chronology"]);
    let pages = outline["outlines"][3]["kids"].as_array().unwrap();
    assert_eq!(pages.len(), out.chronology_pages);
    assert_eq!(pages[0]["title"], "Page 1: No. 1 to No. 4");
}

fn long_pdf() -> pdf::Pdf {
    let case = case(80);
    let genogram = grid_scene(&case, "Genogram", 2, 1);
    let timeline = grid_scene(&case, "Timeline", 2, 1);
    pdf::report(
        &genochron::redact::full(&case),
        &genogram,
        &timeline,
        &Options::default(),
    )
    .unwrap()
}

#[test]
fn a_long_chronology_is_warned_about() {
    let out = long_pdf();
    assert!(out.chronology_pages > 10, "{}", out.chronology_pages);
    assert!(
        out.warnings
            .iter()
            .any(|w| w.contains("Practice Direction 27A")),
        "{:?}",
        out.warnings
    );
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs poppler-utils (pdftotext, pdfinfo), not installed"
)]
fn a_long_chronology_keeps_rows_whole() {
    let path = write("long.pdf", &long_pdf().bytes);
    require(&["pdftotext"]);
    let text = run("pdftotext", &["-layout", &path, "-"]);
    // No row is split: each entry's number and its source sit on the same page.
    for page in text.split('\u{c}') {
        let starts = page.matches("(entry ").count();
        let ends = page.matches("Northshire)").count();
        assert_eq!(starts, ends, "a row was split across pages:\n{page}");
    }
}

fn huge_pdf() -> pdf::Pdf {
    let case = case(3);
    let genogram = grid_scene(&case, "Genogram", 24, 9);
    let timeline = grid_scene(&case, "Timeline", 2, 1);
    pdf::report(
        &genochron::redact::full(&case),
        &genogram,
        &timeline,
        &Options::default(),
    )
    .unwrap()
}

#[test]
fn a_huge_diagram_is_split_into_tiles_with_a_warning() {
    let out = huge_pdf();
    assert!(
        out.warnings
            .iter()
            .any(|w| w.contains("genogram is too large")),
        "{:?}",
        out.warnings
    );
    assert!(out.pages > 5, "{}", out.pages);
}

#[test]
#[cfg_attr(
    not(all(has_qpdf, has_poppler)),
    ignore = "needs qpdf and poppler-utils (pdftotext, pdffonts, pdfinfo), not installed"
)]
fn a_huge_diagram_has_its_key_once_and_every_other_page_says_where() {
    let path = write("huge.pdf", &huge_pdf().bytes);
    require(&["pdftotext", "qpdf"]);
    run("qpdf", &["--check", &path]);
    let pages = pdf_pages_text(&path);
    let tiles: Vec<&String> = pages
        .iter()
        .filter(|p| p.starts_with("Genogram, part"))
        .collect();
    assert!(tiles.len() > 4);
    for tile in &tiles {
        assert!(
            tile.contains("continue"),
            "no continuation mark on a tile:\n{tile}"
        );
    }
    assert_key_once(&pages, "Genogram", "Square: male");
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs poppler-utils (pdftotext, pdfinfo), not installed"
)]
fn the_case_title_goes_into_the_metadata_only_when_asked() {
    let case = case(2);
    let genogram = grid_scene(&case, "Genogram", 2, 1);
    let timeline = grid_scene(&case, "Timeline", 2, 1);
    let options = Options {
        title_in_metadata: true,
        ..Options::default()
    };
    let out = pdf::report(
        &genochron::redact::full(&case),
        &genogram,
        &timeline,
        &options,
    )
    .unwrap();
    let path = write("titled.pdf", &out.bytes);
    require(&["pdfinfo"]);
    let info = run("pdfinfo", &[&path]);
    assert!(
        info.lines()
            .any(|l| l.starts_with("Title:")
                && l[6..].trim() == "Amy Okafor: genogram and chronology"),
        "{info}"
    );
}
