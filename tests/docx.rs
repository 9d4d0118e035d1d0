//! Word documents: the chronology as a real Word table and the whole report with its two
//! pictures. The package is read back part by part; LibreOffice (headless) opens each
//! document as a reader's word processor would, and the words are read back from its PDF.

mod support;

use genochron::chronology::{Filter, chronology};
use genochron::layout::{genogram, timeline};
use genochron::model::{Case, Significance};
use genochron::redact::{Version, full};
use genochron::render::docx;
use genochron::render::table::TableOptions;
use roxmltree::{Document, Node};
use std::path::{Path, PathBuf};
use support::*;

/// Twips (twentieths of a point) of A4 landscape between 2 cm margins.
const LANDSCAPE_TEXT_WIDTH: usize = 14570;

fn example(name: &str) -> Case {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    genochron::load_file(&path)
        .unwrap()
        .case
        .unwrap_or_else(|| panic!("{name} has problems"))
}

fn mensah() -> Case {
    example("mensah-family.yaml")
}

fn chronology_docx(case: &Case, filter: Filter) -> Vec<u8> {
    docx::chronology_docx(&genochron::redact::full(case), &TableOptions { filter }).unwrap()
}

fn report_docx(version: &Version, options: &docx::Options) -> docx::Document {
    let genogram = genogram::genogram(version, &genogram::GenogramOptions::default());
    let timeline = timeline::timeline(version, &timeline::TimelineOptions::default());
    docx::report(version, &genogram, &timeline, options).unwrap()
}

/// Elements of the WordprocessingML namespaces by local name, in document order.
fn elements<'a, 'i>(doc: &'a Document<'i>, name: &str) -> Vec<Node<'a, 'i>> {
    doc.descendants()
        .filter(|n| n.is_element() && n.tag_name().name() == name)
        .collect()
}

/// The text of an element, its runs joined, paragraphs separated by spaces.
fn text_of(node: Node) -> String {
    let mut out = String::new();
    for n in node.descendants() {
        if n.is_element() && n.tag_name().name() == "t" {
            out.push_str(n.text().unwrap_or(""));
        }
        if n.is_element() && n.tag_name().name() == "p" && !out.is_empty() {
            out.push(' ');
        }
    }
    out
}

/// An attribute by local name (`w:val` → "val").
fn attribute<'a>(node: Node<'a, '_>, name: &str) -> Option<&'a str> {
    node.attributes()
        .find(|a| a.name() == name)
        .map(|a| a.value())
}

fn write(name: &str, bytes: &[u8]) -> PathBuf {
    let path = scratch(name);
    std::fs::write(&path, bytes).unwrap();
    path
}

/// The PDF's text, page by page.
fn pdf_pages(pdf: &Path) -> Vec<String> {
    let text = run("pdftotext", &["-raw", &pdf.to_string_lossy(), "-"]);
    text.split('\u{c}')
        .filter(|p| !p.trim().is_empty())
        .map(|p| p.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// Each page's size in points, (width, height).
fn pdf_page_sizes(pdf: &Path) -> Vec<(f64, f64)> {
    let info = run("pdfinfo", &["-f", "1", "-l", "999", &pdf.to_string_lossy()]);
    info.lines()
        .filter(|l| l.starts_with("Page") && l.contains("size:"))
        .map(|l| {
            let words: Vec<&str> = l.split_whitespace().collect();
            let at = words.iter().position(|w| *w == "size:").unwrap();
            (
                words[at + 1].parse().unwrap(),
                words[at + 3].parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn word_documents_are_the_same_bytes_every_time() {
    let case = mensah();
    // Compared with assert! so that a failure does not print megabytes of bytes.
    let chronology = chronology_docx(&case, Filter::default());
    assert!(chronology == chronology_docx(&case, Filter::default()));
    let version = full(&case);
    let first = report_docx(&version, &docx::Options::default()).bytes;
    assert!(first == report_docx(&version, &docx::Options::default()).bytes);
    // Nor does a document made before it change the next one.
    assert!(chronology == chronology_docx(&case, Filter::default()));
    // No clock: the document's own dates are the fixed ones docx-rs writes.
    let core = docx_part(&first, "docProps/core.xml");
    assert!(core.contains("1970-01-01T00:00:00Z"), "{core}");
}

#[test]
fn the_chronology_is_one_word_table_with_its_heading_row_repeated() {
    let case = mensah();
    let bytes = chronology_docx(&case, Filter::default());
    let xml = docx_part(&bytes, "word/document.xml");
    let doc = Document::parse(&xml).expect("well-formed document.xml");
    let tables = elements(&doc, "tbl");
    assert_eq!(tables.len(), 1);
    let rows: Vec<Node> = tables[0]
        .children()
        .filter(|n| n.tag_name().name() == "tr")
        .collect();
    let expected = chronology(&case, &Filter::default());
    assert_eq!(rows.len(), expected.rows.len() + 1);
    // The heading row, and only it, repeats at the top of every page and never splits.
    let repeats = |row: &Node| {
        row.descendants()
            .any(|n| n.tag_name().name() == "tblHeader")
    };
    assert!(repeats(&rows[0]));
    assert!(rows[1..].iter().all(|r| !repeats(r)));
    assert_eq!(
        text_of(rows[0]).trim(),
        "No. Date and age Event, action and status Impact on the child Source and reference"
    );
    // The columns fill A4 landscape between the margins.
    let grid: usize = elements(&doc, "gridCol")
        .iter()
        .map(|c| attribute(*c, "w").unwrap().parse::<usize>().unwrap())
        .sum();
    assert_eq!(grid, LANDSCAPE_TEXT_WIDTH);
    let size = elements(&doc, "pgSz");
    let size = size.last().unwrap();
    assert_eq!(
        (attribute(*size, "w"), attribute(*size, "h")),
        (Some("16838"), Some("11906"))
    );
    assert_eq!(attribute(*size, "orient"), Some("landscape"));
    // Every entry in its row, with its significance and status in words.
    for (row, entry) in rows[1..].iter().zip(&expected.rows) {
        let text = text_of(*row);
        let number = text.split_whitespace().next().unwrap();
        assert_eq!(number, entry.number.to_string(), "{text}");
        for words in [&entry.status, &entry.significance_word, &entry.date] {
            assert!(text.contains(words.as_str()), "{words} missing from {text}");
        }
        assert!(text.contains(&entry.event), "{} missing", entry.event);
        // A high entry's number cell is bold, as in the HTML table.
        let bold_number = row
            .descendants()
            .find(|n| n.tag_name().name() == "tc")
            .unwrap()
            .descendants()
            .any(|n| n.tag_name().name() == "b");
        assert_eq!(
            bold_number,
            entry.significance == Some(Significance::High),
            "{text}"
        );
    }
    // 12 pt (24 half points) as the document's text size.
    let styles = docx_part(&bytes, "word/styles.xml");
    assert!(styles.contains(r#"<w:sz w:val="24" />"#), "{styles}");
}

#[test]
fn a_filtered_chronology_says_which_entries_it_left_out() {
    let case = mensah();
    let filter = Filter {
        significance: vec![Significance::High],
        ..Filter::default()
    };
    let expected = chronology(&case, &filter);
    assert!(!expected.selection.left_out.is_empty());
    let bytes = chronology_docx(&case, filter);
    let xml = docx_part(&bytes, "word/document.xml");
    let doc = Document::parse(&xml).unwrap();
    let rows = elements(&doc, "tr");
    assert_eq!(rows.len(), expected.rows.len() + 1);
    let body = text_of(doc.root_element());
    assert!(
        body.contains(&format!(
            "Entries not included in this version: {}",
            expected.selection.left_out.len()
        )),
        "{body}"
    );
}

/// Each picture with the page size of the section that holds it (the next `sectPr` after it
/// in the document), in points.
fn pictures_and_pages<'a, 'i>(doc: &'a Document<'i>) -> Vec<(Node<'a, 'i>, (f64, f64))> {
    let mut out = Vec::new();
    let mut waiting = Vec::new();
    for node in doc.descendants().filter(|n| n.is_element()) {
        match node.tag_name().name() {
            "inline" => waiting.push(node),
            "sectPr" => {
                let size = node
                    .children()
                    .find(|n| n.tag_name().name() == "pgSz")
                    .unwrap();
                let points = |name| attribute(size, name).unwrap().parse::<f64>().unwrap() / 20.0;
                for picture in waiting.drain(..) {
                    out.push((picture, (points("w"), points("h"))));
                }
            }
            _ => {}
        }
    }
    assert!(waiting.is_empty(), "a picture after the last section");
    out
}

#[test]
fn the_report_shows_both_diagrams_at_print_resolution_with_alt_text() {
    let version = full(&mensah());
    let document = report_docx(&version, &docx::Options::default());
    let xml = docx_part(&document.bytes, "word/document.xml");
    let doc = Document::parse(&xml).unwrap();
    let pictures = pictures_and_pages(&doc);
    assert_eq!(pictures.len(), 2);
    let mut ids = Vec::new();
    for ((inline, (page_width, page_height)), name) in pictures.iter().zip(["Genogram", "Timeline"])
    {
        let properties = inline
            .children()
            .find(|n| n.tag_name().name() == "docPr")
            .unwrap();
        ids.push(attribute(properties, "id").unwrap().to_string());
        assert_eq!(attribute(properties, "name"), Some(name));
        let alt = attribute(properties, "descr").unwrap();
        assert!(alt.contains(name) || alt.contains("timeline"), "{alt}");
        assert!(alt.contains("legend"), "{alt}");
        // The picture fits its page between the 2 cm margins.
        let extent = inline
            .children()
            .find(|n| n.tag_name().name() == "extent")
            .unwrap();
        let points = |a| attribute(extent, a).unwrap().parse::<f64>().unwrap() / 12700.0;
        let (width, height) = (points("cx"), points("cy"));
        let margins = 2.0 * 1134.0 / 20.0;
        assert!(width <= page_width - margins + 0.5, "{name} {width}");
        assert!(height <= page_height - margins + 0.5, "{name} {height}");
        // 300 dots to the printed inch.
        let media = docx_parts(&document.bytes)
            .into_iter()
            .find(|(n, _)| n == &format!("word/media/rId{name}.png"))
            .unwrap_or_else(|| panic!("no picture of the {name}"))
            .1;
        let pixels = u32::from_be_bytes(media[16..20].try_into().unwrap()) as f64;
        let dpi = pixels / (width / 72.0);
        assert!((dpi - 300.0).abs() < 3.0, "{name} at {dpi} dpi");
    }
    ids.dedup();
    assert_eq!(ids.len(), 2, "pictures share an id");
}

#[test]
#[cfg_attr(
    not(all(has_soffice, has_poppler)),
    ignore = "needs LibreOffice (soffice) and poppler-utils, not installed"
)]
fn libreoffice_opens_the_chronology_with_every_entry_and_the_headings_on_every_page() {
    require(&["soffice", "pdftotext", "pdfinfo"]);
    let case = mensah();
    let path = write(
        "chronology.docx",
        &chronology_docx(&case, Filter::default()),
    );
    let pdf = docx_to_pdf(&path);
    let pages = pdf_pages(&pdf);
    assert!(pages.len() > 1, "the example's chronology runs over pages");
    for (i, page) in pages.iter().enumerate() {
        assert!(
            page.contains("Event, action and status Impact on the child"),
            "page {} has no heading row: {page}",
            i + 1
        );
    }
    for (width, height) in pdf_page_sizes(&pdf) {
        assert!((width - 841.9).abs() < 1.0 && (height - 595.3).abs() < 1.0);
    }
    let text = pages.join(" ");
    assert!(text.contains("Case reference: ND/2026/0417"), "{text}");
    for row in &chronology(&case, &Filter::default()).rows {
        // The event's first words, as a reader finds them (a wrapped line joins with a space).
        let start: Vec<&str> = row.event.split_whitespace().take(4).collect();
        assert!(
            text.contains(&start.join(" ")),
            "No. {} missing",
            row.number
        );
    }
}

#[test]
#[cfg_attr(
    not(all(has_soffice, has_poppler)),
    ignore = "needs LibreOffice (soffice) and poppler-utils, not installed"
)]
fn libreoffice_opens_the_report_with_its_details_pictures_and_bundle_numbers() {
    require(&["soffice", "pdftotext", "pdfinfo", "pdfimages"]);
    let version = full(&mensah());
    let options = docx::Options {
        bundle_section: Some("C".into()),
        start_page: 45,
        ..docx::Options::default()
    };
    let path = write("report.docx", &report_docx(&version, &options).bytes);
    let pdf = docx_to_pdf(&path);
    let pages = pdf_pages(&pdf);
    assert!(
        pages[0].contains("Ama and Kai Mensah, Lily Doyle"),
        "{}",
        pages[0]
    );
    for fact in [
        "Case reference: ND/2026/0417",
        "Hearing date: 12 January 2027",
    ] {
        assert!(pages[0].contains(fact), "{fact} missing: {}", pages[0]);
    }
    assert!(pages[1].starts_with("Genogram"), "{}", pages[1]);
    assert!(pages[2].starts_with("Timeline"), "{}", pages[2]);
    assert!(pages[3].starts_with("Chronology"), "{}", pages[3]);
    // Every page numbered in the bundle, from C45.
    for (i, page) in pages.iter().enumerate() {
        let label = format!("C{}", 45 + i);
        assert!(
            page.contains(&label),
            "page {} lacks {label}: {page}",
            i + 1
        );
    }
    // The front page is portrait, the chronology landscape.
    let sizes = pdf_page_sizes(&pdf);
    assert!(sizes[0].0 < sizes[0].1);
    assert!(sizes[3].0 > sizes[3].1);
    // Both diagrams are pictures on their pages.
    let images = run("pdfimages", &["-list", &pdf.to_string_lossy()]);
    // (Each picture's transparency is listed as a mask beside it.)
    let on_pages: Vec<&str> = images
        .lines()
        .skip(2)
        .map(|l| l.split_whitespace().collect::<Vec<_>>())
        .filter(|words| words.get(2) == Some(&"image"))
        .map(|words| words[0])
        .collect();
    assert_eq!(on_pages, ["2", "3"], "{images}");
}

#[test]
fn the_commands_write_word_documents_and_refuse_what_an_audience_may_not_see() {
    let chronology = scratch("cli-chronology.docx");
    let out = genochron(&[
        "chronology",
        "examples/mensah-family.yaml",
        "--audience",
        "family",
        "-o",
        &chronology.to_string_lossy(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let xml = docx_part(&std::fs::read(&chronology).unwrap(), "word/document.xml");
    assert!(xml.contains("Redacted for the \u{201c}family\u{201d} audience"));
    // The family's version leaves out the entries the case file withholds from it, and
    // numbers the rest without gaps (what it may not see is checked in tests/redaction.rs).
    let family = genochron::redact::for_audience(&mensah(), "family").unwrap();
    let rows = Document::parse(&xml)
        .unwrap()
        .descendants()
        .filter(|n| n.tag_name().name() == "tr")
        .count();
    assert_eq!(rows, family.entries.len() + 1);
    assert!(family.entries.len() < mensah().entries.len());

    let report = scratch("cli-report.docx");
    let out = genochron(&[
        "report",
        "examples/whitfield-family.yaml",
        "-o",
        &report.to_string_lossy(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let parts = docx_parts(&std::fs::read(&report).unwrap());
    // The bundled example's timeline is too long for a page: an overview, then a picture a
    // period, each under its own heading.
    let timeline_pictures = parts
        .iter()
        .filter(|(name, _)| name.starts_with("word/media/rIdTimeline"))
        .count();
    assert!(
        timeline_pictures >= 3,
        "{timeline_pictures} timeline pictures"
    );
    let body = docx_part(&std::fs::read(&report).unwrap(), "word/document.xml");
    assert!(body.contains("Timeline, overview"), "no overview heading");
    assert!(
        body.contains("by period"),
        "the contents do not say how it is cut"
    );

    // A Word document is never printed to the terminal.
    let out = genochron(&[
        "chronology",
        "examples/mensah-family.yaml",
        "--format",
        "docx",
    ]);
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    assert!(String::from_utf8_lossy(&out.stderr).contains("-o chronology.docx"));
}
