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
    let plan = ReportPlan::new(version, genogram, timeline, &options.filter);
    let mut warnings = plan.warnings();
    let numbering = Numbering::new(options);
    let mut pages = PageWriter::new(&fonts, &numbering, case);

    let contents = plan.contents(&numbering);
    let front_fits = pages.page(portrait(), |surface| {
        front_page(surface, &fonts, version, &options.shows, &contents)
    });
    if !front_fits {
        warnings.push(
            "The front page is too full: its last lines run into the footer. Shorten the \
             statement of truth, or choose fewer filters so the list of entries left out \
             is shorter."
                .to_string(),
        );
    }
    for (_, sheets, first) in plan.diagrams() {
        draw_diagram_pages(&mut pages, &fonts, sheets, first, &numbering)?;
    }
    draw_chronology(
        &mut pages,
        &fonts,
        &plan.rows,
        &plan.table_pages,
        plan.chronology_pages(),
    );
    debug_assert_eq!(pages.written(), plan.total());

    let title = super::metadata_title(case, options.title_in_metadata);
    let bytes = pages.finish(plan.outline(), title)?;
    Ok(Pdf {
        bytes,
        pages: plan.total(),
        chronology_pages: plan.chronology_pages(),
        warnings,
    })
}

/// Every page of the court document, planned before any is drawn, so that the front page can
/// list where each part starts and a split diagram can name the pages it continues on. A view
/// the audience does not get has no pages at all; the front page says so.
struct ReportPlan<'a> {
    genogram: Sheets<'a>,
    timeline: Sheets<'a>,
    with_table: bool,
    rows: Vec<TableRow>,
    /// The pieces of rows on each page of the table; none when the table is left out.
    table_pages: Vec<Vec<Piece>>,
}

impl<'a> ReportPlan<'a> {
    fn new(
        version: &crate::redact::Version,
        genogram: &'a Scene,
        timeline: &'a Scene,
        filter: &Filter,
    ) -> ReportPlan<'a> {
        let with_table = version.includes(View::Chronology);
        let rows = table_rows(&chronology(version, filter));
        let table_pages = match with_table {
            true => paginate(&rows),
            false => Vec::new(),
        };
        ReportPlan {
            genogram: Sheets::of("Genogram", genogram, version.includes(View::Genogram)),
            timeline: Sheets::of("Timeline", timeline, version.includes(View::Timeline)),
            with_table,
            rows,
            table_pages,
        }
    }

    /// Each diagram, its sheets and its first page (the front page is page 0).
    fn diagrams(&self) -> [(&'static str, &Sheets<'a>, usize); 2] {
        let genogram_first = 1;
        let timeline_first = genogram_first + self.genogram.pages().len();
        [
            ("Genogram", &self.genogram, genogram_first),
            ("Timeline", &self.timeline, timeline_first),
        ]
    }

    fn table_first(&self) -> usize {
        1 + self.genogram.pages().len() + self.timeline.pages().len()
    }

    /// The table's pages: at least one, saying there are no entries, when the table is in.
    fn chronology_pages(&self) -> usize {
        match self.with_table {
            true => self.table_pages.len().max(1),
            false => 0,
        }
    }

    fn total(&self) -> usize {
        self.table_first() + self.chronology_pages()
    }

    /// A split diagram's pages, and a chronology over the courts' limit.
    fn warnings(&self) -> Vec<String> {
        let mut warnings: Vec<String> = [self.genogram.warning(), self.timeline.warning()]
            .into_iter()
            .flatten()
            .collect();
        if self.table_pages.len() > CHRONOLOGY_PAGE_LIMIT {
            warnings.push(format!(
                "The chronology runs to {} pages. Courts limit a chronology to \
                 {CHRONOLOGY_PAGE_LIMIT} A4 pages unless they direct otherwise (Practice \
                 Direction 27A): consider summarising older history or leaving out entries of \
                 low significance.",
                self.table_pages.len()
            ));
        }
        warnings
    }

    /// The front page's list of the parts the version has and the page each starts on.
    fn contents(&self, numbering: &Numbering) -> Vec<(&'static str, String)> {
        let [(_, genogram, genogram_first), (_, timeline, timeline_first)] = self.diagrams();
        [
            ("Genogram", genogram_first, genogram.shown()),
            ("Timeline", timeline_first, timeline.shown()),
            ("Chronology", self.table_first(), self.with_table),
        ]
        .into_iter()
        .filter(|(_, _, shown)| *shown)
        .map(|(part, first, _)| (part, numbering.label(first)))
        .collect()
    }

    /// Bookmarks: the front page, each diagram (with a bookmark per page of a split one, so a
    /// reader can go straight to any part), and the chronology (one per page of a long one).
    fn outline(&self) -> Outline {
        let mut outline = Outline::new();
        outline.push_child(OutlineNode::new("Front page".to_string(), destination(0)));
        for (title, sheets, first) in self.diagrams() {
            if sheets.pages().is_empty() {
                continue;
            }
            let mut node = OutlineNode::new(title.to_string(), destination(first));
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
        if self.with_table {
            outline.push_child(self.chronology_bookmarks());
        }
        outline
    }

    fn chronology_bookmarks(&self) -> OutlineNode {
        let table_first = self.table_first();
        let mut chronology = OutlineNode::new("Chronology".to_string(), destination(table_first));
        if self.chronology_pages() > 1 {
            for (page, pieces) in self.table_pages.iter().enumerate() {
                let numbers: Vec<u32> = pieces.iter().map(|p| self.rows[p.row].number).collect();
                if let (Some(first), Some(last)) = (numbers.first(), numbers.last()) {
                    chronology.push_child(OutlineNode::new(
                        format!("Page {}: No. {first} to No. {last}", page + 1),
                        destination(table_first + page),
                    ));
                }
            }
        }
        chronology
    }
}

/// A bookmark's target: the top of a page.
fn destination(page: usize) -> XyzDestination {
    XyzDestination::new(page, Point::from_xy(0.0, 0.0))
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
