//! Writes the court document: a front page, the genogram, the timeline and the chronology
//! table, as an A4 PDF with real, searchable text.
//!
//! Court bundles (Practice Directions 12A and 27A) want A4 pages, text of at least 12 pt in
//! Arial or an equivalent, numbered pages that can carry a bundle section ("C45"), bookmarks,
//! landscape pages the right way up, and a chronology of at most ten pages. Diagrams go
//! through the SVG writer and krilla-svg with text kept as text (never outlined), set in the
//! bundled Liberation Sans (metrically Arial). A diagram too large for one page at a readable
//! size is split into pages, each with marks naming the pages it continues on and the page of
//! its key (printed once), rather than shrunk until it cannot be read. The table is drawn directly with
//! krilla. Nothing here reads a clock: the same case gives the same bytes.

use crate::chronology::{COURT_COLUMNS, Chronology, Filter, Paragraph, chronology};
use crate::layout::scene::{ItemKind, Rect, Scene, Shape};
use crate::model::{Case, Significance, View};
use crate::render::RenderError;
use crate::render::png::svg_tree;
use crate::text;
use krilla::Document;
use krilla::color::rgb;
use krilla::destination::XyzDestination;
use krilla::geom::{PathBuilder, Point, Size, Transform};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::outline::{Outline, OutlineNode};
use krilla::page::{NumberingStyle, PageLabel, PageSettings};
use krilla::paint::{Fill, FillRule, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use krilla_svg::{SurfaceExt, SvgSettings};
use std::num::NonZeroU32;

mod front;
mod key;
mod page;
mod review;
mod table;
mod tiles;

pub(crate) use review::review;

use front::*;
use key::*;
use page::*;
use table::*;
use tiles::*;

/// A4 in points.
const A4_SHORT: f64 = 595.28;
const A4_LONG: f64 = 841.89;
/// 15 mm.
const MARGIN: f64 = 42.52;
/// Room above the body for the running heading, and below it for the footer.
const HEAD: f64 = 62.0;
const FOOT: f64 = 48.0;
/// The chronology's body text, and its line spacing.
const BODY_SIZE: f64 = 12.0;
const LINE: f64 = 14.5;
const CELL_PAD: f64 = 4.0;
/// The space between paragraphs in a cell: enough to read as a break, less than a line.
const GAP: f64 = 5.0;
/// Scene units are CSS pixels, three quarters of a point: a diagram whose text is large
/// enough is drawn no larger than this.
const NATURAL_SCALE: f64 = 0.75;
/// The smallest diagram text, in points, on any page: a diagram is drawn at a scale that
/// makes its smallest text at least this, split across pages when it must be.
pub(crate) const DIAGRAM_TEXT: f64 = 8.0;
/// How much neighbouring tiles of a split diagram share, in points, where a cut cannot fall
/// between rows.
const TILE_OVERLAP: f64 = 28.0;
/// Practice Direction 27A's limit for a chronology unless the court directs otherwise.
pub(crate) const CHRONOLOGY_PAGE_LIMIT: usize = 10;

/// Choices for the document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The court bundle section letter ("C"), printed before page numbers.
    pub bundle_section: Option<String>,
    /// The number of the first page.
    pub start_page: u32,
    /// Put the case title in the document's metadata. Off by default: titles usually name
    /// the child, and metadata travels further than the pages do.
    pub title_in_metadata: bool,
    /// The entries of the chronology table.
    pub filter: Filter,
    /// What each part of this version shows ("Timeline", "Drawn in full from …"), in the
    /// caller's words, listed on the front page.
    pub shows: Vec<(String, String)>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            bundle_section: None,
            start_page: 1,
            title_in_metadata: false,
            filter: Filter::default(),
            shows: Vec::new(),
        }
    }
}

/// How many pages the chronology table of these entries takes in the court document.
pub fn chronology_pages(case: &Case, filter: &Filter) -> usize {
    paginate(&table_rows(&chronology(case, filter)))
        .len()
        .max(1)
}

/// The room for a diagram on a landscape A4 page, in scene units, for a drawing whose
/// smallest text is `smallest_text` units: what a layout cut into pages (such as
/// [`crate::layout::timeline::paged`]) should fit each page to.
pub fn diagram_page(smallest_text: f64) -> (f64, f64) {
    let area = body_area(landscape());
    let scale = DIAGRAM_TEXT / smallest_text.max(1.0);
    let scale = scale.max(NATURAL_SCALE);
    // Room above and below the drawing for the marks naming the pages it continues on.
    (area.width / scale, (area.height - 2.0 * 14.0) / scale)
}

/// A finished document and what the caller should tell the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Pdf {
    pub bytes: Vec<u8>,
    pub pages: usize,
    pub chronology_pages: usize,
    /// Things to tell the user, in full sentences: a chronology over ten pages, a diagram
    /// split across pages.
    pub warnings: Vec<String>,
}

/// The whole court document for one version of a case (see [`crate::redact`]) and its two
/// diagrams. The front page names the audience of a redacted version.
pub fn report(
    version: &crate::redact::Version,
    genogram: &Scene,
    timeline: &Scene,
    options: &Options,
) -> Result<Pdf, RenderError> {
    let case: &Case = version;
    let fonts = Fonts::new()?;
    let mut warnings = Vec::new();

    // Plan every page first, so the front page can list where each part starts and a split
    // diagram can name the pages it continues on.
    // A view the audience does not get has no pages at all; the front page says so.
    let (with_genogram, with_timeline, with_table) = (
        version.includes(View::Genogram),
        version.includes(View::Timeline),
        version.includes(View::Chronology),
    );
    let genogram_plan = Sheets::of("Genogram", genogram, with_genogram);
    let timeline_plan = Sheets::of("Timeline", timeline, with_timeline);
    let table = chronology(case, &options.filter);
    let rows = table_rows(&table);
    let table_pages = match with_table {
        true => paginate(&rows),
        false => Vec::new(),
    };
    let genogram_first = 1;
    let timeline_first = genogram_first + genogram_plan.pages().len();
    let table_first = timeline_first + timeline_plan.pages().len();
    let chronology_pages = match with_table {
        true => table_pages.len().max(1),
        false => 0,
    };
    let total = table_first + chronology_pages;
    let numbering = Numbering::new(options);

    warnings.extend(genogram_plan.warning());
    warnings.extend(timeline_plan.warning());
    if table_pages.len() > CHRONOLOGY_PAGE_LIMIT {
        warnings.push(format!(
            "The chronology runs to {} pages. Courts limit a chronology to {CHRONOLOGY_PAGE_LIMIT} \
             A4 pages unless they direct otherwise (Practice Direction 27A): consider summarising \
             older history or leaving out entries of low significance.",
            table_pages.len()
        ));
    }

    let mut document = Document::new();
    let mut page_index = 0usize;
    let heading_case = case_heading(case);

    // Front page.
    {
        let contents: Vec<(&str, String)> = [
            ("Genogram", genogram_first, with_genogram),
            ("Timeline", timeline_first, with_timeline),
            ("Chronology", table_first, with_table),
        ]
        .into_iter()
        .filter(|(_, _, shown)| *shown)
        .map(|(part, first, _)| (part, numbering.label(first)))
        .collect();
        let mut page = document.start_page_with(numbering.settings(page_index, portrait()));
        let mut surface = page.surface();
        if !front_page(&mut surface, &fonts, version, &options.shows, &contents) {
            warnings.push(
                "The front page is too full: its last lines run into the footer. Shorten the \
                 statement of truth, or choose fewer filters so the list of entries left out \
                 is shorter."
                    .to_string(),
            );
        }
        footer(
            &mut surface,
            &fonts,
            portrait(),
            &heading_case,
            &numbering.label(page_index),
        );
        surface.finish();
        page.finish();
        page_index += 1;
    }

    for (sheets, first) in [
        (&genogram_plan, genogram_first),
        (&timeline_plan, timeline_first),
    ] {
        for (sheet, tile) in sheets.pages() {
            let size = sheet.plan.page_size();
            let mut page = document.start_page_with(numbering.settings(page_index, size));
            let mut surface = page.surface();
            let place = Place {
                tile,
                first: first + sheets.first_page_of(sheet),
                numbering: &numbering,
            };
            draw_diagram_page(&mut surface, &fonts, sheet, &place)?;
            footer(
                &mut surface,
                &fonts,
                size,
                &heading_case,
                &numbering.label(page_index),
            );
            surface.finish();
            page.finish();
            page_index += 1;
        }
    }

    for (i, pieces) in table_pages
        .iter()
        .map(|p| p.as_slice())
        .chain(std::iter::once(&[][..]).take(usize::from(with_table && table_pages.is_empty())))
        .enumerate()
    {
        let size = landscape();
        let mut page = document.start_page_with(numbering.settings(page_index, size));
        let mut surface = page.surface();
        let title = if chronology_pages > 1 {
            format!("Chronology (page {} of {chronology_pages})", i + 1)
        } else {
            "Chronology".to_string()
        };
        heading(&mut surface, &fonts, &title);
        if rows.is_empty() {
            draw_line_of_text(
                &mut surface,
                &fonts.regular,
                BODY_SIZE,
                MARGIN,
                HEAD + 30.0,
                "There are no chronology entries for this version of the case.",
                rgb::Color::black(),
            );
        } else {
            draw_table_page(&mut surface, &fonts, &rows, pieces);
        }
        footer(
            &mut surface,
            &fonts,
            size,
            &heading_case,
            &numbering.label(page_index),
        );
        surface.finish();
        page.finish();
        page_index += 1;
    }
    debug_assert_eq!(page_index, total);

    let mut outline = Outline::new();
    let destination = |index: usize| XyzDestination::new(index, Point::from_xy(0.0, 0.0));
    outline.push_child(OutlineNode::new("Front page".to_string(), destination(0)));
    for (title, sheets, first) in [
        ("Genogram", &genogram_plan, genogram_first),
        ("Timeline", &timeline_plan, timeline_first),
    ] {
        if sheets.pages().is_empty() {
            continue;
        }
        let mut node = OutlineNode::new(title.to_string(), destination(first));
        // A bookmark per page of a split drawing, so a reader can go straight to any part.
        if sheets.pages().len() > 1 {
            for (index, (sheet, tile)) in sheets.pages().into_iter().enumerate() {
                node.push_child(OutlineNode::new(
                    sheet.page_title(tile),
                    destination(first + index),
                ));
            }
        }
        outline.push_child(node);
    }
    let mut chronology = OutlineNode::new("Chronology".to_string(), destination(table_first));
    if chronology_pages > 1 {
        for (page, pieces) in table_pages.iter().enumerate() {
            let numbers: Vec<u32> = pieces.iter().map(|p| rows[p.row].number).collect();
            if let (Some(first), Some(last)) = (numbers.first(), numbers.last()) {
                chronology.push_child(OutlineNode::new(
                    format!("Page {}: No. {first} to No. {last}", page + 1),
                    destination(table_first + page),
                ));
            }
        }
    }
    if with_table {
        outline.push_child(chronology);
    }
    document.set_outline(outline);

    let title = if options.title_in_metadata && !case.details.title.is_empty() {
        case.details.title.clone()
    } else {
        "Genogram and chronology".to_string()
    };
    document.set_metadata(
        Metadata::new()
            .title(title)
            .language("en-GB".to_string())
            .creator(format!("genochron {}", env!("CARGO_PKG_VERSION"))),
    );
    let bytes = document
        .finish()
        .map_err(|e| RenderError::new(format!("The PDF could not be written: {e:?}.")))?;
    Ok(Pdf {
        bytes,
        pages: total,
        chronology_pages,
        warnings,
    })
}

/// How pages are numbered: "C45", or plain numbers.
struct Numbering {
    section: Option<String>,
    start: u32,
}

impl Numbering {
    fn new(options: &Options) -> Numbering {
        Numbering {
            section: options
                .bundle_section
                .as_ref()
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty()),
            start: options.start_page.max(1),
        }
    }

    /// A page named inside a sentence: "C48", "page 4".
    fn reference(&self, index: usize) -> String {
        match &self.section {
            Some(_) => self.label(index),
            None => format!("page {}", self.start as usize + index),
        }
    }

    fn label(&self, index: usize) -> String {
        let number = self.start as usize + index;
        match &self.section {
            Some(section) => format!("{section}{number}"),
            None => format!("Page {number}"),
        }
    }

    /// Page settings; the first page also starts the document's page labels, so a PDF
    /// reader's page box shows "C45" too.
    fn settings(&self, index: usize, (width, height): (f64, f64)) -> PageSettings {
        let settings = PageSettings::from_wh(width as f32, height as f32)
            .unwrap_or_else(|| PageSettings::new(Size::from_wh(595.0, 842.0).expect("A4")));
        if index > 0 {
            return settings;
        }
        settings.with_page_label(PageLabel::new(
            Some(NumberingStyle::Arabic),
            self.section.clone(),
            NonZeroU32::new(self.start),
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_pages_with_a_bundle_section() {
        let numbering = Numbering::new(&Options {
            bundle_section: Some("C".into()),
            start_page: 45,
            ..Options::default()
        });
        assert_eq!(numbering.label(0), "C45");
        assert_eq!(numbering.label(3), "C48");
        let plain = Numbering::new(&Options::default());
        assert_eq!(plain.label(0), "Page 1");
    }
}
