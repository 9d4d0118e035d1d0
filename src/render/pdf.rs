//! Writes the court document: a front page, the genogram, the timeline and the chronology
//! table, as an A4 PDF with real, searchable text.
//!
//! Court bundles (Practice Directions 12A and 27A) want A4 pages, text of at least 12 pt in
//! Arial or an equivalent, numbered pages that can carry a bundle section ("C45"), bookmarks,
//! landscape pages the right way up, and a chronology of at most ten pages. Diagrams go
//! through the SVG writer and krilla-svg with text kept as text (never outlined), set in the
//! bundled Liberation Sans (metrically Arial). A diagram too large for one page at a readable
//! size is split into overlapping tiles, each with the legend and marks naming the pages it
//! continues on, rather than shrunk until it cannot be read. The table is drawn directly with
//! krilla. Nothing here reads a clock: the same case gives the same bytes.

use crate::layout::scene::{ItemKind, Rect, Scene, Shape};
use crate::model::{Case, EntryStatus, Significance, Valence};
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
/// Scene units are CSS pixels, three quarters of a point; a diagram is never drawn larger
/// than its natural size.
const NATURAL_SCALE: f64 = 0.75;
/// The smallest diagram text, in points, that still reads on paper: for the odd date or
/// note; the usual text (names, details) must be larger.
const SMALLEST_READABLE_TEXT: f64 = 5.5;
const USUAL_READABLE_TEXT: f64 = 6.5;
/// How much neighbouring tiles of a split diagram share, in points.
const TILE_OVERLAP: f64 = 28.0;
/// Practice Direction 27A's limit for a chronology unless the court directs otherwise.
pub const CHRONOLOGY_PAGE_LIMIT: usize = 10;

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
    /// The audience this version was made for, printed on the front page.
    pub audience: Option<String>,
}

impl Default for Options {
    fn default() -> Options {
        Options {
            bundle_section: None,
            start_page: 1,
            title_in_metadata: false,
            audience: None,
        }
    }
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

/// The whole court document for a (possibly redacted) case and its two diagrams.
pub fn report(
    case: &Case,
    genogram: &Scene,
    timeline: &Scene,
    options: &Options,
) -> Result<Pdf, RenderError> {
    let fonts = Fonts::new()?;
    let mut warnings = Vec::new();

    // Plan every page first, so the front page can list where each part starts and a split
    // diagram can name the pages it continues on.
    let genogram_plan = plan_diagram(genogram);
    let timeline_plan = plan_diagram(timeline);
    let rows = chronology_rows(case);
    let table_pages = paginate(&rows);

    let genogram_first = 1;
    let timeline_first = genogram_first + genogram_plan.pages();
    let table_first = timeline_first + timeline_plan.pages();
    let total = table_first + table_pages.len().max(1);
    let numbering = Numbering::new(options);

    for (name, plan) in [("genogram", &genogram_plan), ("timeline", &timeline_plan)] {
        if let DiagramPlan::Tiles { columns, rows, .. } = plan {
            warnings.push(format!(
                "The {name} is too large for one page at a readable size, so it is split across \
                 {} ({} of {columns}), each with the legend and page references to its \
                 neighbours.",
                crate::diagnostic::count(columns * rows, "page", "pages"),
                crate::diagnostic::count(*rows, "row", "rows"),
            ));
        }
    }
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
        let contents = [
            ("Genogram", numbering.label(genogram_first)),
            ("Timeline", numbering.label(timeline_first)),
            ("Chronology", numbering.label(table_first)),
        ];
        let mut page = document.start_page_with(numbering.settings(page_index, portrait()));
        let mut surface = page.surface();
        front_page(&mut surface, &fonts, case, options, &contents);
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

    for (name, scene, plan, first) in [
        ("Genogram", genogram, &genogram_plan, genogram_first),
        ("Timeline", timeline, &timeline_plan, timeline_first),
    ] {
        for tile in 0..plan.pages() {
            let size = plan.page_size();
            let mut page = document.start_page_with(numbering.settings(page_index, size));
            let mut surface = page.surface();
            draw_diagram_page(
                &mut surface,
                &fonts,
                name,
                scene,
                plan,
                tile,
                first,
                &numbering,
            )?;
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

    let chronology_pages = table_pages.len().max(1);
    for (i, pieces) in table_pages
        .iter()
        .map(|p| p.as_slice())
        .chain(std::iter::once(&[][..]).take(usize::from(table_pages.is_empty())))
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
    for (title, plan, first) in [
        ("Genogram", &genogram_plan, genogram_first),
        ("Timeline", &timeline_plan, timeline_first),
    ] {
        let mut node = OutlineNode::new(title.to_string(), destination(first));
        if let DiagramPlan::Tiles { columns, .. } = plan {
            // A bookmark per tile, so a reader can go straight to a part of the drawing.
            for tile in 0..plan.pages() {
                node.push_child(OutlineNode::new(
                    format!(
                        "Part {} (row {}, column {})",
                        tile + 1,
                        tile / columns + 1,
                        tile % columns + 1
                    ),
                    destination(first + tile),
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
    outline.push_child(chronology);
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

struct Fonts {
    regular: Font,
    bold: Font,
}

impl Fonts {
    fn new() -> Result<Fonts, RenderError> {
        let load = |bytes: &'static [u8]| {
            Font::new(bytes.into(), 0)
                .ok_or_else(|| RenderError::new("The bundled font could not be read."))
        };
        Ok(Fonts {
            regular: load(text::REGULAR_FONT)?,
            bold: load(text::BOLD_FONT)?,
        })
    }
}

fn portrait() -> (f64, f64) {
    (A4_SHORT, A4_LONG)
}

fn landscape() -> (f64, f64) {
    (A4_LONG, A4_SHORT)
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

/// "Case LA-2024-17" for the footer; the reference is an identifier, not personal data.
fn case_heading(case: &Case) -> String {
    if case.details.reference.is_empty() {
        String::new()
    } else {
        format!("Case {}", case.details.reference)
    }
}

fn fill(surface: &mut Surface, c: rgb::Color) {
    surface.set_fill(Some(Fill {
        paint: c.into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }));
    surface.set_stroke(None);
}

fn draw_line_of_text(
    surface: &mut Surface,
    font: &Font,
    size: f64,
    x: f64,
    baseline: f64,
    text: &str,
    c: rgb::Color,
) {
    if text.is_empty() {
        return;
    }
    fill(surface, c);
    surface.draw_text(
        Point::from_xy(x as f32, baseline as f32),
        font.clone(),
        size as f32,
        text,
        false,
        TextDirection::Auto,
    );
}

fn rect_path(x: f64, y: f64, w: f64, h: f64) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    let r = krilla::geom::Rect::from_xywh(x as f32, y as f32, w as f32, h as f32)?;
    pb.push_rect(r);
    pb.finish()
}

fn fill_rect(surface: &mut Surface, x: f64, y: f64, w: f64, h: f64, c: rgb::Color) {
    if let Some(path) = rect_path(x, y, w, h) {
        fill(surface, c);
        surface.draw_path(&path);
    }
}

fn line(surface: &mut Surface, from: (f64, f64), to: (f64, f64), width: f64, c: rgb::Color) {
    let mut pb = PathBuilder::new();
    pb.move_to(from.0 as f32, from.1 as f32);
    pb.line_to(to.0 as f32, to.1 as f32);
    if let Some(path) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: c.into(),
            width: width as f32,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

fn heading(surface: &mut Surface, fonts: &Fonts, title: &str) {
    draw_line_of_text(
        surface,
        &fonts.bold,
        16.0,
        MARGIN,
        MARGIN + 14.0,
        title,
        rgb::Color::black(),
    );
}

fn footer(
    surface: &mut Surface,
    fonts: &Fonts,
    (width, height): (f64, f64),
    case: &str,
    label: &str,
) {
    let baseline = height - MARGIN + 8.0;
    let grey = rgb::Color::new(60, 60, 60);
    line(
        surface,
        (MARGIN, baseline - 16.0),
        (width - MARGIN, baseline - 16.0),
        0.5,
        rgb::Color::new(150, 150, 150),
    );
    draw_line_of_text(surface, &fonts.regular, 10.0, MARGIN, baseline, case, grey);
    let w = text::width(label, 12.0, crate::layout::scene::Weight::Bold);
    draw_line_of_text(
        surface,
        &fonts.bold,
        12.0,
        width - MARGIN - w,
        baseline,
        label,
        rgb::Color::black(),
    );
}

fn front_page(
    surface: &mut Surface,
    fonts: &Fonts,
    case: &Case,
    options: &Options,
    contents: &[(&str, String)],
) {
    use crate::layout::scene::Weight;
    let (width, _) = portrait();
    let text_width = width - 2.0 * MARGIN;
    let mut y = MARGIN + 90.0;
    let title = if case.details.title.is_empty() {
        "Genogram and chronology"
    } else {
        case.details.title.as_str()
    };
    for l in text::wrap(title, 22.0, Weight::Bold, text_width) {
        draw_line_of_text(
            surface,
            &fonts.bold,
            22.0,
            MARGIN,
            y,
            &l,
            rgb::Color::black(),
        );
        y += 28.0;
    }
    draw_line_of_text(
        surface,
        &fonts.regular,
        14.0,
        MARGIN,
        y + 4.0,
        "Genogram and child-impact chronology",
        rgb::Color::new(60, 60, 60),
    );
    y += 44.0;

    let fields = super::front_page_facts(case, options.audience.as_deref());

    let label_width = 170.0;
    for (label, value) in fields {
        draw_line_of_text(
            surface,
            &fonts.bold,
            BODY_SIZE,
            MARGIN,
            y,
            label,
            rgb::Color::black(),
        );
        let lines = text::wrap(&value, BODY_SIZE, Weight::Regular, text_width - label_width);
        for l in &lines {
            draw_line_of_text(
                surface,
                &fonts.regular,
                BODY_SIZE,
                MARGIN + label_width,
                y,
                l,
                rgb::Color::black(),
            );
            y += LINE;
        }
        y += 8.0;
    }

    y += 24.0;
    draw_line_of_text(
        surface,
        &fonts.bold,
        14.0,
        MARGIN,
        y,
        "Contents",
        rgb::Color::black(),
    );
    y += 24.0;
    for (part, label) in contents {
        draw_line_of_text(
            surface,
            &fonts.regular,
            BODY_SIZE,
            MARGIN,
            y,
            part,
            rgb::Color::black(),
        );
        let w = text::width(label, BODY_SIZE, Weight::Regular);
        draw_line_of_text(
            surface,
            &fonts.regular,
            BODY_SIZE,
            MARGIN + 300.0 - w,
            y,
            label,
            rgb::Color::black(),
        );
        y += LINE + 4.0;
    }
}

// ---------------------------------------------------------------------------------------
// Diagrams

/// Where a diagram goes: one page, or tiles at a readable scale.
#[derive(Debug, Clone, PartialEq)]
enum DiagramPlan {
    Empty,
    Single {
        size: (f64, f64),
        scale: f64,
    },
    Tiles {
        size: (f64, f64),
        scale: f64,
        columns: usize,
        rows: usize,
        /// Each tile's area in scene units, row by row.
        tiles: Vec<Rect>,
        /// The legend re-flowed to the tile's width, drawn on every tile.
        legend: Option<Scene>,
    },
}

impl DiagramPlan {
    fn pages(&self) -> usize {
        match self {
            DiagramPlan::Empty | DiagramPlan::Single { .. } => 1,
            DiagramPlan::Tiles { tiles, .. } => tiles.len(),
        }
    }

    fn page_size(&self) -> (f64, f64) {
        match self {
            DiagramPlan::Empty => landscape(),
            DiagramPlan::Single { size, .. } | DiagramPlan::Tiles { size, .. } => *size,
        }
    }
}

/// The area a diagram may use on a page of this size.
fn body_area((width, height): (f64, f64)) -> Rect {
    Rect::new(
        MARGIN,
        HEAD,
        width - 2.0 * MARGIN,
        height - HEAD - FOOT - 8.0,
    )
}

/// The scale (points per scene unit) below which a diagram stops being readable: its usual
/// text (the median size, names and details) under [`USUAL_READABLE_TEXT`] points, or its
/// smallest under [`SMALLEST_READABLE_TEXT`].
fn readable_scale(scene: &Scene) -> f64 {
    let mut sizes: Vec<f64> = scene
        .items
        .iter()
        .flat_map(|i| &i.shapes)
        .filter_map(|s| match s {
            Shape::Text { size, lines, .. } if *size > 0.0 => Some(vec![*size; lines.len()]),
            _ => None,
        })
        .flatten()
        .collect();
    if sizes.is_empty() {
        return 0.3;
    }
    sizes.sort_by(f64::total_cmp);
    let smallest = sizes[0];
    let median = sizes[sizes.len() / 2];
    (SMALLEST_READABLE_TEXT / smallest)
        .max(USUAL_READABLE_TEXT / median)
        .clamp(0.3, NATURAL_SCALE)
}

fn plan_diagram(scene: &Scene) -> DiagramPlan {
    if scene.items.is_empty() || scene.width <= 0.0 || scene.height <= 0.0 {
        return DiagramPlan::Empty;
    }
    let fit = |size| {
        let area = body_area(size);
        (area.width / scene.width).min(area.height / scene.height)
    };
    let (portrait_fit, landscape_fit) = (fit(portrait()), fit(landscape()));
    // The orientation that shows it larger; landscape when both show it whole.
    let (size, best) = if landscape_fit.min(NATURAL_SCALE) >= portrait_fit.min(NATURAL_SCALE) {
        (landscape(), landscape_fit)
    } else {
        (portrait(), portrait_fit)
    };
    let readable = readable_scale(scene);
    if best >= readable {
        return DiagramPlan::Single {
            size,
            scale: best.min(NATURAL_SCALE),
        };
    }

    // Too big: tile at the smallest readable scale, in whichever orientation needs fewer
    // pages, with the legend drawn on every tile.
    let mut best_plan: Option<DiagramPlan> = None;
    for size in [landscape(), portrait()] {
        let plan = tile_plan(scene, size, readable);
        let better = match (&best_plan, &plan) {
            (Some(current), DiagramPlan::Tiles { tiles, .. }) => tiles.len() < current.pages(),
            (None, _) => true,
            _ => false,
        };
        if better {
            best_plan = Some(plan);
        }
    }
    best_plan.unwrap_or(DiagramPlan::Empty)
}

/// The legend band at the bottom of a tile page, in points: (height, legend scale).
fn legend_band(area: &Rect, legend: Option<&Scene>, scale: f64) -> (f64, f64) {
    match legend {
        Some(l) if l.width > 0.0 && l.height > 0.0 => {
            let max_height = area.height * 0.35;
            let s = scale.min(max_height / l.height).min(area.width / l.width);
            (l.height * s + 10.0, s)
        }
        _ => (0.0, scale),
    }
}

/// The scene's legend with its entries re-flowed into rows at most `width` wide, so the same
/// key can go on every tile of a split diagram at the tile's own scale. An entry is a run of
/// shapes ending in its text (a symbol, then what it means), which is how every legend is
/// drawn.
fn reflowed_legend(scene: &Scene, width: f64) -> Option<Scene> {
    let shapes: Vec<&Shape> = scene
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Legend)
        .flat_map(|i| &i.shapes)
        .collect();
    if shapes.is_empty() {
        return None;
    }
    let mut entries: Vec<Vec<Shape>> = Vec::new();
    let mut current: Vec<Shape> = Vec::new();
    for shape in shapes {
        current.push(shape.clone());
        if matches!(shape, Shape::Text { .. }) {
            entries.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        entries.push(current);
    }
    // A frame drawn around the whole legend no longer fits it once re-flowed.
    let whole = entries
        .iter()
        .flatten()
        .filter_map(shape_bounds)
        .reduce(|a, b| a.union(&b))?;
    let gap = 14.0;
    let mut legend = Scene::new(scene.title.clone());
    let mut item = crate::layout::scene::Item::new(ItemKind::Legend, "legend");
    let (mut x, mut y, mut row_height, mut right) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for entry in entries {
        let Some(bounds) = entry
            .iter()
            .filter_map(shape_bounds)
            .reduce(|a, b| a.union(&b))
        else {
            continue;
        };
        let is_frame = entry.len() == 1
            && matches!(entry[0], Shape::Rect { .. })
            && bounds.width >= whole.width * 0.9
            && bounds.height >= whole.height * 0.9;
        if is_frame {
            continue;
        }
        let heading = entry.len() == 1 && matches!(entry[0], Shape::Text { .. });
        if x > 0.0 && (x + bounds.width > width || heading) {
            x = 0.0;
            y += row_height + 6.0;
            row_height = 0.0;
        }
        let (dx, dy) = (x - bounds.x, y - bounds.y);
        item.shapes
            .extend(entry.iter().map(|shape| moved(shape, dx, dy)));
        x += bounds.width + gap;
        right = right.max(x - gap);
        row_height = row_height.max(bounds.height);
        if heading {
            x = 0.0;
            y += row_height + 6.0;
            row_height = 0.0;
        }
    }
    legend.width = right.max(1.0);
    legend.height = (y + row_height).max(1.0);
    item.bbox = Rect::new(0.0, 0.0, legend.width, legend.height);
    legend.items.push(item);
    Some(legend)
}

/// The area a shape covers, its outline included.
fn shape_bounds(shape: &Shape) -> Option<Rect> {
    use crate::layout::scene::{Anchor, PathStep};
    let (rect, stroke) = match shape {
        Shape::Rect { rect, paint, .. } => (*rect, paint.stroke_width),
        Shape::Circle {
            centre,
            radius,
            paint,
        } => (
            Rect::new(
                centre.x - radius,
                centre.y - radius,
                2.0 * radius,
                2.0 * radius,
            ),
            paint.stroke_width,
        ),
        Shape::Polygon { points, paint } | Shape::Polyline { points, paint } => {
            (Rect::around(points)?, paint.stroke_width)
        }
        Shape::Path { steps, paint } => {
            let points: Vec<crate::layout::scene::Point> = steps
                .iter()
                .flat_map(|s| match s {
                    PathStep::MoveTo(p) | PathStep::LineTo(p) => vec![*p],
                    PathStep::QuadTo(c, p) => vec![*c, *p],
                    PathStep::Close => vec![],
                })
                .collect();
            (Rect::around(&points)?, paint.stroke_width)
        }
        Shape::Text {
            origin,
            lines,
            size,
            line_height,
            anchor,
            weight,
            ..
        } => {
            let w = text::widest(lines, *size, *weight);
            let x = match anchor {
                Anchor::Start => origin.x,
                Anchor::Middle => origin.x - w / 2.0,
                Anchor::End => origin.x - w,
            };
            let top = origin.y - size * 0.9;
            let h = size * 1.15 + line_height * (lines.len().max(1) - 1) as f64;
            (Rect::new(x, top, w, h), 0.0)
        }
    };
    Some(rect.inflate(stroke / 2.0))
}

/// The shape moved by `dx`, `dy`.
fn moved(shape: &Shape, dx: f64, dy: f64) -> Shape {
    use crate::layout::scene::{PathStep, Point};
    let p = |p: &Point| Point::new(p.x + dx, p.y + dy);
    let mut out = shape.clone();
    match &mut out {
        Shape::Rect { rect, .. } => {
            rect.x += dx;
            rect.y += dy;
        }
        Shape::Circle { centre, .. } => *centre = p(centre),
        Shape::Polygon { points, .. } | Shape::Polyline { points, .. } => {
            points.iter_mut().for_each(|q| *q = p(q));
        }
        Shape::Path { steps, .. } => {
            for step in steps.iter_mut() {
                *step = match step {
                    PathStep::MoveTo(q) => PathStep::MoveTo(p(q)),
                    PathStep::LineTo(q) => PathStep::LineTo(p(q)),
                    PathStep::QuadTo(c, q) => PathStep::QuadTo(p(c), p(q)),
                    PathStep::Close => PathStep::Close,
                };
            }
        }
        Shape::Text { origin, .. } => *origin = p(origin),
    }
    out
}

fn tile_plan(scene: &Scene, size: (f64, f64), scale: f64) -> DiagramPlan {
    let area = body_area(size);
    let legend = reflowed_legend(scene, area.width / scale);
    let (band, _) = legend_band(&area, legend.as_ref(), scale);
    // Room for the continuation marks above and below the drawing.
    let tile_w = area.width / scale;
    let tile_h = (area.height - band - 2.0 * 14.0) / scale;
    let overlap = TILE_OVERLAP / scale;
    // Cut where there is a gap, so no label is split by a page edge and no person is parted
    // from their name: between lines of text, and outside people, entries and labels.
    let whole_items = scene.items.iter().filter(|i| {
        matches!(
            i.kind,
            ItemKind::Person | ItemKind::Entry | ItemKind::EntryLabel | ItemKind::Label
        )
    });
    let text: Vec<Rect> = scene
        .items
        .iter()
        .filter(|i| i.kind != ItemKind::Legend)
        .flat_map(|i| &i.shapes)
        .filter(|s| matches!(s, Shape::Text { .. }))
        .filter_map(shape_bounds)
        .chain(whole_items.map(|i| i.bbox))
        .collect();
    let across: Vec<(f64, f64)> = text.iter().map(|r| (r.x, r.right())).collect();
    let down: Vec<(f64, f64)> = text.iter().map(|r| (r.y, r.bottom())).collect();
    let column_ranges = cuts(scene.width, tile_w, overlap, &across);
    let row_ranges = cuts(scene.height, tile_h, overlap, &down);
    let (columns, rows) = (column_ranges.len(), row_ranges.len());
    let mut tiles = Vec::new();
    for (y0, y1) in &row_ranges {
        for (x0, x1) in &column_ranges {
            tiles.push(Rect::new(*x0, *y0, x1 - x0, y1 - y0));
        }
    }
    DiagramPlan::Tiles {
        size,
        scale,
        columns,
        rows,
        tiles,
        legend,
    }
}

/// Splits `0..total` into pieces at most `tile` long that overlap by about `overlap`, each
/// cut placed where it crosses none of the `blocked` spans (text) when such a place exists in
/// the last two fifths of the piece.
fn cuts(total: f64, tile: f64, overlap: f64, blocked: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut pieces = Vec::new();
    let mut start = 0.0f64;
    loop {
        if start + tile >= total {
            // The last piece ends with the drawing, starting a full tile back if it can.
            pieces.push(((total - tile).max(0.0).min(start), total));
            return pieces;
        }
        let latest = start + tile;
        let earliest = start + tile * 0.6;
        let mut end = latest;
        // Step left past every label the cut would cross, as long as it stays late enough.
        while let Some(&(a, _)) = blocked.iter().find(|(a, b)| *a < end && end < *b) {
            end = a;
            if end < earliest {
                end = latest;
                break;
            }
        }
        pieces.push((start, end));
        start = (end - overlap).max(start + 1.0);
    }
}

/// A scene holding only the items that pass `keep`, so a page carries only the text it shows.
fn part_of(scene: &Scene, keep: impl Fn(&crate::layout::scene::Item) -> bool) -> Scene {
    let mut part = Scene::new(scene.title.clone());
    part.width = scene.width;
    part.height = scene.height;
    part.items = scene.items.iter().filter(|i| keep(i)).cloned().collect();
    part
}

/// Draws `scene`'s area `view` (scene units) with its top left at `at` (points), clipped.
fn draw_scene_area(
    surface: &mut Surface,
    scene: &Scene,
    view: Rect,
    at: (f64, f64),
    scale: f64,
) -> Result<(), RenderError> {
    let svg = crate::render::svg::scene(scene);
    let tree = svg_tree(&svg)?;
    let (tw, th) = (tree.size().width() as f64, tree.size().height() as f64);
    let Some(clip) = rect_path(at.0, at.1, view.width * scale, view.height * scale) else {
        return Ok(());
    };
    surface.push_clip_path(&clip, &FillRule::NonZero);
    surface.push_transform(&Transform::from_translate(
        (at.0 - view.x * scale) as f32,
        (at.1 - view.y * scale) as f32,
    ));
    let size = Size::from_wh((tw * scale) as f32, (th * scale) as f32)
        .ok_or_else(|| RenderError::new("A diagram has no size."))?;
    surface.draw_svg(
        &tree,
        size,
        SvgSettings {
            embed_text: true,
            ..SvgSettings::default()
        },
    );
    surface.pop();
    surface.pop();
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn draw_diagram_page(
    surface: &mut Surface,
    fonts: &Fonts,
    name: &str,
    scene: &Scene,
    plan: &DiagramPlan,
    tile: usize,
    first_page: usize,
    numbering: &Numbering,
) -> Result<(), RenderError> {
    use crate::layout::scene::Weight;
    let size = plan.page_size();
    let area = body_area(size);
    match plan {
        DiagramPlan::Empty => {
            heading(surface, fonts, name);
            draw_line_of_text(
                surface,
                &fonts.regular,
                BODY_SIZE,
                MARGIN,
                HEAD + 30.0,
                &format!(
                    "The {} has nothing to show for this version of the case.",
                    name.to_lowercase()
                ),
                rgb::Color::black(),
            );
        }
        DiagramPlan::Single { scale, .. } => {
            heading(surface, fonts, name);
            let (w, h) = (scene.width * scale, scene.height * scale);
            // Centred across the page, at the top of the body.
            let at = (
                area.x + (area.width - w) / 2.0,
                area.y + ((area.height - h) / 2.0).min(12.0),
            );
            let view = Rect::new(0.0, 0.0, scene.width, scene.height);
            draw_scene_area(surface, scene, view, at, *scale)?;
        }
        DiagramPlan::Tiles {
            scale,
            columns,
            rows,
            tiles,
            legend,
            ..
        } => {
            let (row, column) = (tile / columns, tile % columns);
            heading(
                surface,
                fonts,
                &format!(
                    "{name}, part {} of {} (row {} of {rows}, column {} of {columns})",
                    tile + 1,
                    tiles.len(),
                    row + 1,
                    column + 1
                ),
            );
            let view = tiles[tile];
            let margin = 4.0 / scale;
            let grown = view.inflate(margin);
            let body = part_of(scene, |i| {
                i.kind != ItemKind::Legend && i.bbox.overlaps(&grown)
            });
            let top = area.y + 14.0;
            draw_scene_area(surface, &body, view, (area.x, top), *scale)?;
            // A thin frame shows where this tile's drawing stops.
            let grey = rgb::Color::new(120, 120, 120);
            let (w, h) = (view.width * scale, view.height * scale);
            for (a, b) in [
                ((area.x, top), (area.x + w, top)),
                ((area.x, top + h), (area.x + w, top + h)),
                ((area.x, top), (area.x, top + h)),
                ((area.x + w, top), (area.x + w, top + h)),
            ] {
                line(surface, a, b, 0.5, grey);
            }
            // Continuation marks name the neighbouring pages.
            let page_of = |r: usize, c: usize| numbering.reference(first_page + r * columns + c);
            let mut marks: Vec<(String, f64, f64, bool)> = Vec::new();
            if row > 0 {
                marks.push((
                    format!("\u{2191} continued from {}", page_of(row - 1, column)),
                    area.x,
                    top - 4.0,
                    false,
                ));
            }
            if row + 1 < *rows {
                marks.push((
                    format!("\u{2193} continues on {}", page_of(row + 1, column)),
                    area.x,
                    top + h + 11.0,
                    false,
                ));
            }
            if column > 0 {
                let text = format!("\u{2190} continued from {}", page_of(row, column - 1));
                let y = if row + 1 < *rows {
                    top + h + 22.0
                } else {
                    top + h + 11.0
                };
                let x = area.x + w / 2.0 - text::width(&text, 9.0, Weight::Regular) / 2.0;
                marks.push((text, x, y, false));
            }
            if column + 1 < *columns {
                marks.push((
                    format!("continues on {} \u{2192}", page_of(row, column + 1)),
                    area.x + w,
                    top - 4.0,
                    true,
                ));
            }
            for (text, x, y, right_aligned) in marks {
                let x = if right_aligned {
                    x - text::width(&text, 9.0, Weight::Bold)
                } else {
                    x
                };
                draw_line_of_text(surface, &fonts.bold, 9.0, x, y, &text, rgb::Color::black());
            }
            if let Some(legend) = legend {
                let (band, legend_scale) = legend_band(&area, Some(legend), *scale);
                let at = (area.x, area.y + area.height - band + 10.0);
                let view = Rect::new(0.0, 0.0, legend.width, legend.height);
                draw_scene_area(surface, legend, view, at, legend_scale)?;
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// The chronology table

/// A paragraph in a table cell: an optional bold label ("Impact on Amy:") and its text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Paragraph {
    pub label: Option<String>,
    pub text: String,
}

impl Paragraph {
    fn plain(text: impl Into<String>) -> Paragraph {
        Paragraph {
            label: None,
            text: text.into(),
        }
    }

    fn labelled(label: impl Into<String>, text: impl Into<String>) -> Paragraph {
        Paragraph {
            label: Some(label.into()),
            text: text.into(),
        }
    }
}

/// One entry as the court table shows it: PD12A's serial number, date, event and
/// document reference, with the child's age and the impact on the child beside them.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Row {
    pub number: u32,
    pub date: String,
    pub ages: Vec<String>,
    pub event: Vec<Paragraph>,
    pub impact: Vec<Paragraph>,
    pub source: Vec<Paragraph>,
    pub significance: Option<Significance>,
    /// The case ids of the children and people it concerns.
    pub people: Vec<String>,
}

pub(crate) const COLUMN_TITLES: [&str; 5] = [
    "No.",
    "Date and age",
    "Event, action and status",
    "Impact on the child",
    "Source and reference",
];

/// The table's rows, in date order.
pub(crate) fn chronology_rows(case: &Case) -> Vec<Row> {
    case.entries_in_date_order()
        .into_iter()
        .map(|entry| {
            let mut date = entry.date.to_string();
            if let Some(end) = &entry.end {
                date = format!("{date} to {end}");
            }
            if let Some((h, m)) = entry.time {
                date = format!("{date}, {h:02}:{m:02}");
            }
            let children: Vec<&crate::model::PersonId> = if entry.children.is_empty() {
                case.details.subjects.iter().collect()
            } else {
                entry.children.iter().collect()
            };
            let several = children.len() > 1;
            let ages = children
                .iter()
                .filter_map(|id| {
                    let age = case.person(id)?.age_at(entry.date.start())?;
                    Some(if several {
                        format!("{}: {age}", short_name(case, id))
                    } else {
                        age.to_string()
                    })
                })
                .collect();

            let mut event = vec![Paragraph::plain(entry.event.clone())];
            if let Some(action) = &entry.action {
                event.push(Paragraph::labelled("Action:", action.clone()));
            }
            if entry.status != EntryStatus::Agreed || entry.status_note.is_some() {
                let status = match entry.status {
                    EntryStatus::Agreed => "Agreed",
                    EntryStatus::Disputed => "Disputed",
                    EntryStatus::Alleged => "Alleged",
                };
                let text = match &entry.status_note {
                    Some(note) => format!("{status}: {note}"),
                    None => status.to_string(),
                };
                event.push(Paragraph::labelled("Status:", text));
            }

            let mut impact = Vec::new();
            for i in &entry.impacts {
                let valence = match i.valence {
                    Valence::Positive => "positive",
                    Valence::Negative => "negative",
                    Valence::Neutral => "neutral",
                };
                let label = match &i.child {
                    Some(child) if several || entry.impacts.len() > 1 => {
                        format!("{} ({valence}):", short_name(case, child))
                    }
                    _ => format!("{}{}:", valence[..1].to_uppercase(), &valence[1..]),
                };
                impact.push(Paragraph::labelled(label, i.text.clone()));
            }
            if let Some(voice) = &entry.voice {
                impact.push(Paragraph::labelled(
                    "Child's voice:",
                    format!("\u{201c}{voice}\u{201d}"),
                ));
            }

            let mut source = vec![Paragraph::plain(entry.source.clone())];
            if let Some(reference) = &entry.reference {
                source.push(Paragraph::labelled("Ref:", reference.clone()));
            }
            let mut people: Vec<String> = children.iter().map(|c| c.0.clone()).collect();
            for involvement in &entry.people {
                if !people.contains(&involvement.person.0) {
                    people.push(involvement.person.0.clone());
                }
            }
            Row {
                number: entry.number,
                date,
                ages,
                event,
                impact,
                source,
                significance: entry.significance,
                people,
            }
        })
        .collect()
}

/// A subject child's name short enough for the age column: the known-as name, or the first
/// name when the name is a plain first name and surname ("Ama" for Ama Mensah), else in full
/// (initials and roles of a redacted version are kept whole).
fn short_name(case: &Case, id: &crate::model::PersonId) -> String {
    let Some(person) = case.person(id) else {
        return String::new();
    };
    if let Some(known_as) = &person.known_as {
        return known_as.clone();
    }
    let words: Vec<&str> = person.name.split_whitespace().collect();
    match words.first() {
        Some(first) if words.len() > 1 && first.chars().count() > 2 && !first.ends_with('.') => {
            first.to_string()
        }
        _ => person.display_name().to_string(),
    }
}

/// Column widths in points, filling the landscape body.
fn column_widths() -> [f64; 5] {
    let total = A4_LONG - 2.0 * MARGIN;
    // The first column holds the number and its significance ("Medium" at 12 pt).
    let fixed = [56.0, 104.0, 0.0, 0.0, 108.0];
    let rest = total - fixed.iter().sum::<f64>();
    [fixed[0], fixed[1], rest * 0.53, rest * 0.47, fixed[4]]
}

/// One line of a cell: an optional bold label start, then regular text.
#[derive(Debug, Clone, PartialEq)]
struct CellLine {
    bold: String,
    regular: String,
    /// The line starts a paragraph after the first, with a [`GAP`] above it.
    gap: bool,
}

impl CellLine {
    fn height(&self) -> f64 {
        if self.gap { LINE + GAP } else { LINE }
    }
}

/// The height of lines `from..to` of the tallest cell, a paragraph gap at the top of a
/// piece not counted.
fn span_height(cells: &[Vec<CellLine>], from: usize, to: usize) -> f64 {
    cells
        .iter()
        .map(|cell| {
            cell.iter()
                .enumerate()
                .skip(from)
                .take(to.saturating_sub(from))
                .map(|(i, l)| if i == from { LINE } else { l.height() })
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}

fn cell_lines(paragraphs: &[Paragraph], width: f64) -> Vec<CellLine> {
    use crate::layout::scene::Weight;
    let mut out = Vec::new();
    for (n, p) in paragraphs.iter().enumerate() {
        let first = out.len();
        match &p.label {
            None => out.extend(
                text::wrap(&p.text, BODY_SIZE, Weight::Regular, width)
                    .into_iter()
                    .map(|l| CellLine {
                        bold: String::new(),
                        regular: l,
                        gap: false,
                    }),
            ),
            Some(label) => {
                // Wrap as one text, narrowed by what the bold label adds, then draw the
                // label's words in bold.
                let extra = text::width(label, BODY_SIZE, Weight::Bold)
                    - text::width(label, BODY_SIZE, Weight::Regular);
                let whole = format!("{label} {}", p.text);
                let lines = text::wrap(&whole, BODY_SIZE, Weight::Regular, width - extra.max(0.0));
                let mut label_words = label.split_whitespace().count();
                for l in lines {
                    let words: Vec<&str> = l.split(' ').collect();
                    let take = label_words.min(words.len());
                    label_words -= take;
                    out.push(CellLine {
                        bold: words[..take].join(" "),
                        regular: words[take..].join(" "),
                        gap: false,
                    });
                }
            }
        }
        if n > 0
            && let Some(line) = out.get_mut(first)
        {
            line.gap = true;
        }
    }
    out
}

/// Each row's cells as lines.
fn row_cells(row: &Row) -> [Vec<CellLine>; 5] {
    let w = column_widths().map(|w| w - 2.0 * CELL_PAD);
    let mut number = cell_lines(&[Paragraph::plain(row.number.to_string())], w[0]);
    if let Some(significance) = row.significance {
        let mut word = cell_lines(&[Paragraph::plain(significance_word(significance))], w[0]);
        if significance == Significance::High {
            // Bold as well as the rule beside the row: never colour alone, never one cue.
            for line in &mut word {
                line.bold = std::mem::take(&mut line.regular);
            }
        }
        number.extend(word);
    }
    // The date, then each child's age on the lines below it.
    let mut date = cell_lines(&[Paragraph::plain(row.date.clone())], w[1]);
    for (n, age) in row.ages.iter().enumerate() {
        let mut lines = cell_lines(&[Paragraph::plain(age.clone())], w[1]);
        if n == 0
            && let Some(first) = lines.first_mut()
        {
            first.gap = true;
        }
        date.extend(lines);
    }
    [
        number,
        date,
        cell_lines(&row.event, w[2]),
        cell_lines(&row.impact, w[3]),
        cell_lines(&row.source, w[4]),
    ]
}

pub(crate) fn significance_word(significance: Significance) -> &'static str {
    match significance {
        Significance::High => "High",
        Significance::Medium => "Medium",
        Significance::Low => "Low",
    }
}

/// Part of a row on one page: lines `from..to` of every cell.
#[derive(Debug, Clone, PartialEq)]
struct Piece {
    row: usize,
    from: usize,
    to: usize,
    /// This piece continues a row begun on the previous page.
    continued: bool,
}

fn header_height() -> f64 {
    let w = column_widths();
    let lines = COLUMN_TITLES
        .iter()
        .zip(w)
        .map(|(t, w)| {
            text::wrap(
                t,
                BODY_SIZE,
                crate::layout::scene::Weight::Bold,
                w - 2.0 * CELL_PAD,
            )
            .len()
        })
        .max()
        .unwrap_or(1);
    lines as f64 * LINE + 2.0 * CELL_PAD
}

fn table_body_height() -> f64 {
    let (_, height) = landscape();
    height - HEAD - FOOT - 8.0 - header_height()
}

/// Splits rows over pages: whole rows where they fit, and only a row taller than a page is
/// split (between lines).
fn paginate(rows: &[Row]) -> Vec<Vec<Piece>> {
    let available = table_body_height();
    let mut pages: Vec<Vec<Piece>> = Vec::new();
    let mut page: Vec<Piece> = Vec::new();
    let mut used = 0.0;
    for (index, row) in rows.iter().enumerate() {
        let cells = row_cells(row);
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = span_height(&cells, 0, lines) + 2.0 * CELL_PAD;
        if used + height <= available {
            page.push(Piece {
                row: index,
                from: 0,
                to: lines,
                continued: false,
            });
            used += height;
            continue;
        }
        if height <= available {
            pages.push(std::mem::take(&mut page));
            page.push(Piece {
                row: index,
                from: 0,
                to: lines,
                continued: false,
            });
            used = height;
            continue;
        }
        // Taller than a page: fill what is left of this one (if a few lines fit), then
        // whole pages, then the rest.
        let mut from = 0;
        while from < lines {
            let mut to = from;
            while to < lines
                && used + span_height(&cells, from, to + 1) + 2.0 * CELL_PAD <= available
            {
                to += 1;
            }
            if to - from < 3.min(lines - from) {
                // Too little room left here: start a fresh page.
                if page.is_empty() {
                    to = (from + 1).max(to);
                } else {
                    pages.push(std::mem::take(&mut page));
                    used = 0.0;
                    continue;
                }
            }
            page.push(Piece {
                row: index,
                from,
                to,
                continued: from > 0,
            });
            used += span_height(&cells, from, to) + 2.0 * CELL_PAD;
            from = to;
            if from < lines {
                pages.push(std::mem::take(&mut page));
                used = 0.0;
            }
        }
    }
    if !page.is_empty() {
        pages.push(page);
    }
    pages
}

fn draw_table_page(surface: &mut Surface, fonts: &Fonts, rows: &[Row], pieces: &[Piece]) {
    use crate::layout::scene::Weight;
    let widths = column_widths();
    let left = MARGIN;
    let total_width: f64 = widths.iter().sum();
    let mut y = HEAD;
    let rule = rgb::Color::new(90, 90, 90);

    // The header row, repeated on every page.
    let header_h = header_height();
    fill_rect(
        surface,
        left,
        y,
        total_width,
        header_h,
        rgb::Color::new(225, 225, 225),
    );
    let mut x = left;
    for (title, w) in COLUMN_TITLES.iter().zip(widths) {
        for (n, l) in text::wrap(title, BODY_SIZE, Weight::Bold, w - 2.0 * CELL_PAD)
            .iter()
            .enumerate()
        {
            draw_line_of_text(
                surface,
                &fonts.bold,
                BODY_SIZE,
                x + CELL_PAD,
                y + CELL_PAD + BODY_SIZE + n as f64 * LINE - 1.0,
                l,
                rgb::Color::black(),
            );
        }
        x += w;
    }
    line(surface, (left, y), (left + total_width, y), 1.0, rule);
    y += header_h;
    line(surface, (left, y), (left + total_width, y), 1.0, rule);

    for piece in pieces {
        let row = &rows[piece.row];
        let cells = row_cells(row);
        let lines = piece.to - piece.from;
        let height = span_height(&cells, piece.from, piece.to) + 2.0 * CELL_PAD;
        // High significance gets a heavier rule down its left side as well as the word in
        // the event cell: never colour alone.
        if row.significance == Some(Significance::High) {
            fill_rect(surface, left, y, 3.0, height, rgb::Color::black());
        }
        let mut x = left;
        for (c, (cell, w)) in cells.iter().zip(widths).enumerate() {
            let shown = cell.iter().skip(piece.from).take(lines);
            let mut top = y + CELL_PAD;
            for (n, l) in shown.enumerate() {
                if n > 0 && l.gap {
                    top += GAP;
                }
                let baseline = top + BODY_SIZE - 1.0;
                top += LINE;
                let mut lx = x + CELL_PAD;
                if !l.bold.is_empty() {
                    draw_line_of_text(
                        surface,
                        &fonts.bold,
                        BODY_SIZE,
                        lx,
                        baseline,
                        &l.bold,
                        rgb::Color::black(),
                    );
                    lx += text::width(&format!("{} ", l.bold), BODY_SIZE, Weight::Bold);
                }
                draw_line_of_text(
                    surface,
                    &fonts.regular,
                    BODY_SIZE,
                    lx,
                    baseline,
                    &l.regular,
                    rgb::Color::black(),
                );
            }
            if c == 0 && piece.continued {
                draw_line_of_text(
                    surface,
                    &fonts.regular,
                    9.0,
                    x + CELL_PAD,
                    y + CELL_PAD + BODY_SIZE + LINE,
                    "(cont.)",
                    rgb::Color::new(60, 60, 60),
                );
            }
            x += w;
        }
        // Column rules for this row.
        let mut x = left;
        for w in widths {
            line(surface, (x, y), (x, y + height), 0.5, rule);
            x += w;
        }
        line(surface, (x, y), (x, y + height), 0.5, rule);
        y += height;
        line(surface, (left, y), (left + total_width, y), 0.5, rule);
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

    #[test]
    fn labels_wrap_with_their_text() {
        let lines = cell_lines(
            &[Paragraph::labelled(
                "Impact on Amy:",
                "Amy was present and hid upstairs; school reported her tired and withdrawn.",
            )],
            150.0,
        );
        assert!(lines.len() > 2);
        assert_eq!(lines[0].bold, "Impact on Amy:");
        let all: Vec<String> = lines
            .iter()
            .map(|l| format!("{} {}", l.bold, l.regular).trim().to_string())
            .collect();
        assert_eq!(
            all.join(" "),
            "Impact on Amy: Amy was present and hid upstairs; school reported her tired and withdrawn."
        );
    }

    #[test]
    fn cuts_avoid_text_and_cover_the_whole_drawing() {
        let blocked: Vec<(f64, f64)> = (0..40)
            .map(|i| (i as f64 * 50.0 + 10.0, i as f64 * 50.0 + 45.0))
            .collect();
        let pieces = cuts(2000.0, 420.0, 20.0, &blocked);
        assert_eq!(pieces.first().unwrap().0, 0.0);
        assert_eq!(pieces.last().unwrap().1, 2000.0);
        for pair in pieces.windows(2) {
            assert!(pair[1].0 <= pair[0].1, "a gap between {pair:?}");
        }
        for (start, end) in &pieces {
            assert!(end - start <= 420.0 + 1e-9);
            if *end < 2000.0 {
                assert!(
                    !blocked.iter().any(|(a, b)| a < end && end < b),
                    "the cut at {end} splits a label"
                );
            }
        }
        // With no gap at all, the cut falls where it must, and still covers everything.
        let solid = cuts(1000.0, 300.0, 10.0, &[(0.0, 1000.0)]);
        assert_eq!(solid.last().unwrap().1, 1000.0);
        assert!(solid.iter().all(|(a, b)| b - a <= 300.0));
    }
}
