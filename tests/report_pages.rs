//! Diagram pages that read: the court PDF of the bundled examples splits the genogram between
//! its rows, never between a symbol and its name; cuts a long timeline into an overview and
//! periods with the same lanes; has no page without content; and prints no diagram text
//! under 8 pt.

mod support;

use genochron::layout::genogram::{self, GenogramOptions};
use genochron::layout::scene::{ItemKind, Scene};
use genochron::layout::timeline::{self, Sheet, TimelineOptions};
use genochron::model::Case;
use genochron::render::pdf::{self, Options};
use std::collections::BTreeSet;
use std::path::Path;
use support::*;

fn example(name: &str) -> Case {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(name);
    let loaded = genochron::load_file(&path).expect("readable example");
    loaded
        .case
        .unwrap_or_else(|| panic!("{name} has problems: {:?}", loaded.diagnostics))
}

fn paged_timeline(case: &Case) -> Scene {
    let (width, height) = pdf::diagram_page(timeline::SMALLEST_TEXT);
    timeline::paged(case, &TimelineOptions::default(), width, height)
}

#[test]
fn the_genogram_breaks_only_between_rows_never_between_a_symbol_and_its_name() {
    for name in ["mensah-family.yaml", "whitfield-family.yaml"] {
        let scene = genogram::genogram(&example(name), &GenogramOptions::default());
        assert!(!scene.breaks.is_empty(), "{name}: no place to break");
        for person in scene.items.iter().filter(|i| i.kind == ItemKind::Person) {
            let id = person.id.trim_start_matches("person-");
            let label = scene.items.iter().find(|i| i.id == format!("label-{id}"));
            let whole = label.map_or(person.bbox, |l| person.bbox.union(&l.bbox));
            for b in &scene.breaks {
                assert!(
                    !(whole.y < *b && *b < whole.bottom()),
                    "{name}: the break at {b} cuts {id}'s symbol or name ({whole:?})"
                );
            }
        }
        // Nor through a household's outline or the title.
        for item in scene
            .items
            .iter()
            .filter(|i| matches!(i.kind, ItemKind::Household | ItemKind::Title))
        {
            for b in &scene.breaks {
                assert!(
                    !(item.bbox.y < *b && *b < item.bbox.bottom()),
                    "{name}: the break at {b} cuts {}",
                    item.id
                );
            }
        }
    }
}

#[test]
fn a_long_timeline_is_an_overview_then_periods_with_the_same_lanes() {
    let case = example("mensah-family.yaml");
    let scene = paged_timeline(&case);
    let (width, _) = pdf::diagram_page(timeline::SMALLEST_TEXT);
    assert!(scene.parts.len() >= 3, "{}", scene.parts.len());
    let (first, overview) = &scene.parts[0];
    assert_eq!(first, "overview");
    assert!(
        !overview.items.iter().any(|i| i.kind == ItemKind::Entry),
        "the overview draws counts, not entries"
    );
    let lanes = |s: &Scene| -> Vec<String> {
        s.items
            .iter()
            .filter(|i| i.kind == ItemKind::Lane)
            .map(|i| i.id.clone())
            .collect()
    };
    let whole_lanes = lanes(&scene);
    let mut drawn = BTreeSet::new();
    for (name, part) in &scene.parts[1..] {
        assert_eq!(lanes(part), whole_lanes, "{name} has other lanes");
        assert!(part.width <= width + 0.5, "{name} is wider than a page");
        assert!(
            part.items.iter().any(|i| i.kind == ItemKind::Legend),
            "{name} has no key"
        );
        drawn.extend(part.items.iter().flat_map(|i| i.entries.iter().copied()));
    }
    // Every entry is on some period's page.
    for entry in &case.entries {
        assert!(
            drawn.contains(&entry.number),
            "entry {} is on no page",
            entry.number
        );
    }
    // A timeline that fits a page is not cut.
    let small = support::case(3);
    let options = TimelineOptions {
        sheet: Sheet::Whole,
        ..TimelineOptions::default()
    };
    assert!(
        timeline::paged(&small, &options, 5000.0, 5000.0)
            .parts
            .is_empty()
    );
}

/// The example's PDF, written under a name of its own for each test (tests run at once).
fn example_pdf(name: &str, test: &str) -> (pdf::Pdf, String) {
    let case = example(name);
    let genogram = genogram::genogram(&case, &GenogramOptions::default());
    let timeline = paged_timeline(&case);
    let out = pdf::report(
        &genochron::redact::full(&case),
        &genogram,
        &timeline,
        &Options::default(),
    )
    .unwrap();
    let path = scratch(&format!("{test}-{name}.pdf"));
    std::fs::write(&path, &out.bytes).unwrap();
    (out, path.to_string_lossy().into_owned())
}

/// The height of a word's box, as a share of its type size, in the bundled font.
const BOX: f64 = 0.93;

/// The words of one page with the height of each word's box, in points.
fn words(path: &str, page: usize) -> Vec<(String, f64)> {
    let n = page.to_string();
    let xml = run("pdftotext", &["-f", &n, "-l", &n, "-bbox", path, "-"]);
    xml.lines()
        .filter(|l| l.trim_start().starts_with("<word"))
        .filter_map(|l| {
            let number = |key: &str| -> Option<f64> {
                let at = l.find(&format!("{key}=\""))? + key.len() + 2;
                l[at..].split('"').next()?.parse().ok()
            };
            let text = l.split('>').nth(1)?.split('<').next()?.to_string();
            Some((text, number("yMax")? - number("yMin")?))
        })
        .collect()
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs poppler-utils (pdftotext, pdfinfo), not installed"
)]
fn every_diagram_page_has_content_and_text_of_at_least_8_pt() {
    require(&["pdftotext"]);
    for name in ["mensah-family.yaml", "whitfield-family.yaml"] {
        let (out, path) = example_pdf(name, "pages");
        let diagram_pages = out.pages - out.chronology_pages;
        // The front page is page 1; the diagrams follow it.
        for page in 2..=diagram_pages {
            let words = words(&path, page);
            // Beyond the heading, the marks and the footer, the page shows a drawing.
            let drawing: Vec<&(String, f64)> = words
                .iter()
                .filter(|(w, _)| !w.starts_with("Page") && !w.starts_with("continue"))
                .collect();
            assert!(
                drawing.len() > 12,
                "{name}: page {page} has almost nothing on it: {words:?}"
            );
            // A word's box is 0.94 times the size of its type in the bundled font: 8 pt text
            // makes a box 7.5 pt high.
            for (word, height) in &words {
                assert!(
                    *height >= 8.0 * BOX,
                    "{name}: \"{word}\" on page {page} is under 8 pt ({height} pt box)"
                );
            }
        }
        // The chronology's text is 12 pt.
        for page in diagram_pages + 1..=out.pages {
            let words = words(&path, page);
            // The last words are the footer's, in smaller type.
            let footer = words
                .iter()
                .position(|(w, _)| w == "Case")
                .unwrap_or(words.len());
            for (word, height) in &words[..footer] {
                assert!(
                    *height >= 12.0 * BOX,
                    "{name}: \"{word}\" in the chronology on page {page} is under 12 pt"
                );
            }
        }
    }
}

#[test]
fn the_bundled_example_reads_in_fewer_pages_than_a_grid_of_tiles() {
    let (out, _) = example_pdf("mensah-family.yaml", "count");
    let diagram_pages = out.pages - out.chronology_pages - 1;
    assert!(
        diagram_pages <= 16,
        "the diagrams take {diagram_pages} pages"
    );
    assert!(
        out.warnings.iter().any(|w| w.contains("an overview, then")),
        "{:?}",
        out.warnings
    );
}

/// The longest line of a drawing's key: text found on the page that shows the key and on no
/// other.
fn key_line(scene: &Scene) -> String {
    use genochron::layout::scene::Shape;
    scene
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Legend)
        .flat_map(|i| &i.shapes)
        .filter_map(|s| match s {
            Shape::Text { lines, .. } => Some(lines),
            _ => None,
        })
        .flatten()
        .max_by_key(|line| line.len())
        .cloned()
        .expect("a key")
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs poppler-utils (pdftotext, pdfinfo), not installed"
)]
fn a_split_diagram_prints_its_key_once_and_names_its_page_everywhere_else() {
    require(&["pdftotext"]);
    let mut checked = 0;
    for name in ["mensah-family.yaml", "whitfield-family.yaml"] {
        let case = example(name);
        let (_, path) = example_pdf(name, "key");
        let pages = pdf_pages_text(&path);
        let genogram = genogram::genogram(&case, &GenogramOptions::default());
        let timeline = paged_timeline(&case);
        let mut drawings = vec![("Genogram".to_string(), &genogram)];
        drawings.extend(
            timeline
                .parts
                .iter()
                .map(|(part, scene)| (format!("Timeline, {part}"), scene)),
        );
        for (heading, scene) in drawings {
            let split = pages
                .iter()
                .filter(|p| p.starts_with(&format!("{heading},")))
                .count();
            if split > 1 {
                assert_key_once(&pages, &heading, &key_line(scene));
                checked += 1;
            }
        }
    }
    // The Whitfield genogram is split, and so are some of the timeline's periods.
    assert!(checked >= 2, "only {checked} split drawings");
}
