//! Diagram pages: a diagram at a readable size, split into parts when it must be.

use super::*;

// ---------------------------------------------------------------------------------------
// Diagrams

/// One page of a split diagram: the area of the drawing it shows (scene units) and its
/// place in the grid of pages.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Tile {
    pub(super) view: Rect,
    pub(super) row: usize,
    pub(super) column: usize,
}

/// Where a diagram goes: one page, or pages at a readable scale.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum DiagramPlan {
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
        /// The pages, row by row; a part of the grid with nothing drawn in it has no page.
        tiles: Vec<Tile>,
        /// Where the key is: once, with every other page naming its page.
        key: Box<KeyPlace>,
    },
}

impl DiagramPlan {
    pub(super) fn pages(&self) -> usize {
        match self {
            DiagramPlan::Empty | DiagramPlan::Single { .. } => 1,
            DiagramPlan::Tiles { tiles, key, .. } => tiles.len() + key.extra_pages(),
        }
    }

    /// The page (counted within the sheet) that carries the key of a split drawing.
    pub(super) fn key_page(&self) -> Option<usize> {
        match self {
            DiagramPlan::Tiles { tiles, key, .. } => key.page(tiles.len()),
            _ => None,
        }
    }

    pub(super) fn page_size(&self) -> (f64, f64) {
        match self {
            DiagramPlan::Empty => landscape(),
            DiagramPlan::Single { size, .. } | DiagramPlan::Tiles { size, .. } => *size,
        }
    }
}

/// One drawing on pages of its own: a diagram, or one part of a diagram the layout cut into
/// parts (the timeline's overview and periods).
pub(super) struct Sheet<'a> {
    /// The page heading: "Genogram", "Timeline, 2014 to 2017".
    pub(super) name: String,
    pub(super) scene: &'a Scene,
    pub(super) plan: DiagramPlan,
}

impl Sheet<'_> {
    /// The heading of one of its pages.
    pub(super) fn page_title(&self, tile: usize) -> String {
        let name = &self.name;
        match &self.plan {
            DiagramPlan::Tiles { tiles, .. } if tile >= tiles.len() => format!("{name}: key"),
            DiagramPlan::Tiles {
                tiles,
                columns,
                rows,
                ..
            } if *columns > 1 => {
                let Tile { row, column, .. } = tiles[tile];
                format!(
                    "{name}, part {} of {} (row {} of {rows}, column {} of {columns})",
                    tile + 1,
                    tiles.len(),
                    row + 1,
                    column + 1
                )
            }
            DiagramPlan::Tiles { tiles, .. } => {
                format!("{name}, page {} of {}", tile + 1, tiles.len())
            }
            _ => name.clone(),
        }
    }
}

/// A diagram's sheets, in page order; none when the version leaves the diagram out.
pub(super) struct Sheets<'a> {
    name: &'static str,
    sheets: Vec<Sheet<'a>>,
}

impl<'a> Sheets<'a> {
    pub(super) fn of(name: &'static str, scene: &'a Scene, shown: bool) -> Sheets<'a> {
        let sheets = if !shown {
            Vec::new()
        } else if scene.parts.is_empty() {
            vec![Sheet {
                name: name.to_string(),
                scene,
                plan: plan_diagram(scene),
            }]
        } else {
            scene
                .parts
                .iter()
                .map(|(part, scene)| Sheet {
                    name: format!("{name}, {part}"),
                    scene,
                    plan: plan_diagram(scene),
                })
                .collect()
        };
        Sheets { name, sheets }
    }

    /// Whether the version has the diagram at all.
    pub(super) fn shown(&self) -> bool {
        !self.sheets.is_empty()
    }

    /// Every page: its sheet and the page's number within the sheet.
    pub(super) fn pages(&self) -> Vec<(&Sheet<'a>, usize)> {
        self.sheets
            .iter()
            .flat_map(|sheet| (0..sheet.plan.pages()).map(move |tile| (sheet, tile)))
            .collect()
    }

    /// Where `sheet`'s first page is, counted from the diagram's first page.
    pub(super) fn first_page_of(&self, sheet: &Sheet) -> usize {
        self.sheets
            .iter()
            .take_while(|s| !std::ptr::eq(*s, sheet))
            .map(|s| s.plan.pages())
            .sum()
    }

    /// What to tell the user about how the diagram was split, if it was.
    pub(super) fn warning(&self) -> Option<String> {
        let name = self.name.to_lowercase();
        let pages = crate::diagnostic::count(self.pages().len(), "page", "pages");
        let across = self.sheets.iter().find_map(|s| match &s.plan {
            DiagramPlan::Tiles { columns, .. } if *columns > 1 => Some(*columns),
            _ => None,
        });
        let split = self.sheets.len() > 1
            || self
                .sheets
                .iter()
                .any(|s| matches!(s.plan, DiagramPlan::Tiles { .. }));
        if !split {
            return None;
        }
        let how = match (self.sheets.len(), across) {
            (1, None) => "between its rows".to_string(),
            (1, Some(columns)) => format!(
                "{} across, each with page references to its neighbours and to the key",
                crate::diagnostic::count(columns, "column", "columns")
            ),
            (n, _) => format!(
                "an overview, then {} with the same lanes",
                crate::diagnostic::count(n - 1, "period", "periods")
            ),
        };
        Some(format!(
            "The {name} is too large for one page with its text at {DIAGRAM_TEXT} pt, so it \
             is split across {pages} ({how})."
        ))
    }
}

/// Where a page of a sheet is: its number within the sheet, and the sheet's first page in
/// the document, for the marks naming the pages it continues on.
pub(super) struct Place<'a> {
    pub(super) tile: usize,
    pub(super) first: usize,
    pub(super) numbering: &'a Numbering,
}

/// The area a diagram may use on a page of this size.
pub(super) fn body_area((width, height): (f64, f64)) -> Rect {
    Rect::new(
        MARGIN,
        HEAD,
        width - 2.0 * MARGIN,
        height - HEAD - FOOT - 8.0,
    )
}

/// The scale (points per scene unit) at which the diagram's smallest text is
/// [`DIAGRAM_TEXT`] points: the least it may be drawn at.
pub(crate) fn readable_scale(scene: &Scene) -> f64 {
    scene
        .smallest_text()
        .map_or(NATURAL_SCALE, |size| DIAGRAM_TEXT / size)
}

/// The largest a diagram is drawn: its natural size, or larger when only that makes its
/// smallest text readable.
pub(super) fn largest_scale(scene: &Scene) -> f64 {
    readable_scale(scene).max(NATURAL_SCALE)
}

pub(super) fn plan_diagram(scene: &Scene) -> DiagramPlan {
    if scene.items.is_empty() || scene.width <= 0.0 || scene.height <= 0.0 {
        return DiagramPlan::Empty;
    }
    let largest = largest_scale(scene);
    let fit = |size| {
        let area = body_area(size);
        (area.width / scene.width)
            .min(area.height / scene.height)
            .min(largest)
    };
    let (portrait_fit, landscape_fit) = (fit(portrait()), fit(landscape()));
    // The orientation that shows it larger; landscape when both show it whole.
    let (size, best) = if landscape_fit >= portrait_fit {
        (landscape(), landscape_fit)
    } else {
        (portrait(), portrait_fit)
    };
    let readable = readable_scale(scene);
    if best >= readable {
        return DiagramPlan::Single { size, scale: best };
    }
    // Too big: pages at the readable scale, in whichever orientation needs fewer.
    let mut best_plan: Option<DiagramPlan> = None;
    for size in [landscape(), portrait()] {
        let plan = tile_plan(scene, size, readable);
        if best_plan
            .as_ref()
            .is_none_or(|current| plan.pages() < current.pages())
        {
            best_plan = Some(plan);
        }
    }
    best_plan.unwrap_or(DiagramPlan::Empty)
}

pub(super) fn tile_plan(scene: &Scene, size: (f64, f64), scale: f64) -> DiagramPlan {
    let area = body_area(size);
    let tile_w = area.width / scale;
    let across = scene.width > tile_w + 0.5;
    // The key, re-flowed to the page's width, is printed once, apart from the drawing's
    // parts: never cut from its heading or between pages.
    let legend = reflowed_legend(scene, tile_w);
    // Room for the continuation marks above and below the drawing.
    let tile_h = ((area.height - 2.0 * KEY_GAP) / scale).max(120.0 / scale);
    let overlap = TILE_OVERLAP / scale;
    let content = content_boxes(scene, legend.is_none());
    let column_ranges = if across {
        let spans: Vec<(f64, f64)> = content.iter().map(|r| (r.x, r.right())).collect();
        cuts(scene.width, tile_w, overlap, &spans)
    } else {
        vec![(0.0, scene.width)]
    };
    let down: Vec<(f64, f64)> = content.iter().map(|r| (r.y, r.bottom())).collect();
    // A key printed apart leaves the drawing the height of what is drawn above it.
    let height = match legend {
        Some(_) => drawing_height(scene),
        None => scene.height,
    };
    let grid = |tile_h: f64| {
        let row_ranges = rows_at_breaks(height, tile_h, overlap, &scene.breaks, &down);
        let mut tiles = Vec::new();
        for (row, (y0, y1)) in row_ranges.iter().enumerate() {
            for (column, (x0, x1)) in column_ranges.iter().enumerate() {
                let view = Rect::new(*x0, *y0, x1 - x0, y1 - y0);
                // A part of the grid with nothing in it gets no page.
                let inner = view.inflate(-1.0);
                if content.iter().any(|r| r.overlaps(&inner)) {
                    tiles.push(Tile { view, row, column });
                }
            }
        }
        (row_ranges.len(), tiles)
    };
    let columns = column_ranges.len();
    let (mut rows, mut tiles) = grid(tile_h);
    let mut key = KeyPlace::choose(scene, legend.clone(), &tiles, area, scale);
    // A key on a page of its own costs a page; pages that each leave the key's room below
    // the drawing may cost none, when the key then fits on the last of them.
    if let (KeyPlace::OwnPage(_), Some(legend)) = (&key, &legend) {
        let room = area.height - KEY_GAP - KEY_BELOW - legend.height * scale;
        if room >= 120.0 {
            let (fewer_rows, shorter) = grid(room / scale);
            if shorter.len() <= tiles.len() {
                (rows, tiles) = (fewer_rows, shorter);
                key = KeyPlace::choose(scene, Some(legend.clone()), &tiles, area, scale);
            }
        }
    }
    DiagramPlan::Tiles {
        size,
        scale,
        columns,
        rows,
        tiles,
        key: Box::new(key),
    }
}

/// How far down the drawing goes without its key: to the lowest thing drawn, with a margin.
fn drawing_height(scene: &Scene) -> f64 {
    scene
        .items
        .iter()
        .filter(|i| i.kind != ItemKind::Legend)
        .map(|i| i.bbox.bottom() + 12.0)
        .fold(0.0f64, f64::max)
        .min(scene.height)
}

/// What a page must not be cut through and what makes a page worth printing: every line of
/// text, and the people, entries and labels whole (the legend too when it is part of the
/// drawing's flow rather than repeated on every page).
pub(super) fn content_boxes(scene: &Scene, with_legend: bool) -> Vec<Rect> {
    let items = || {
        scene
            .items
            .iter()
            .filter(move |i| with_legend || i.kind != ItemKind::Legend)
    };
    let whole = items()
        .filter(|i| {
            matches!(
                i.kind,
                ItemKind::Person | ItemKind::Entry | ItemKind::EntryLabel | ItemKind::Label
            )
        })
        .map(|i| i.bbox);
    items()
        .flat_map(|i| &i.shapes)
        .filter(|s| matches!(s, Shape::Text { .. }))
        .filter_map(Shape::bounds)
        .chain(whole)
        .collect()
}

/// Splits `0..total` into pages at most `tile` high, cutting at the drawing's own `breaks`
/// (between rows and lanes, which need no overlap) wherever a break leaves the page at least
/// a quarter full, and otherwise as [`cuts`] does, clear of text and overlapping.
pub(super) fn rows_at_breaks(
    total: f64,
    tile: f64,
    overlap: f64,
    breaks: &[f64],
    blocked: &[(f64, f64)],
) -> Vec<(f64, f64)> {
    let mut pieces = Vec::new();
    let mut start = 0.0f64;
    loop {
        if start + tile >= total {
            pieces.push((start, total));
            return pieces;
        }
        let latest = start + tile;
        if let Some(&at) = breaks
            .iter()
            .rev()
            .find(|b| **b <= latest && **b > start + tile * 0.25)
        {
            pieces.push((start, at));
            start = at;
            continue;
        }
        let end = next_cut(start, tile, blocked);
        pieces.push((start, end));
        start = (end - overlap).max(start + 1.0);
    }
}

/// Where a piece starting at `start` and at most `tile` long ends: at its full length, or
/// earlier (but past three fifths of it) where it crosses none of the `blocked` spans.
fn next_cut(start: f64, tile: f64, blocked: &[(f64, f64)]) -> f64 {
    let latest = start + tile;
    let earliest = start + tile * 0.6;
    let mut end = latest;
    // Step back past every label the cut would cross, as long as it stays late enough.
    while let Some(&(a, _)) = blocked.iter().find(|(a, b)| *a < end && end < *b) {
        end = a;
        if end < earliest {
            return latest;
        }
    }
    end
}

/// Splits `0..total` into pieces at most `tile` long that overlap by about `overlap`, each
/// cut placed where it crosses none of the `blocked` spans (text) when such a place exists in
/// the last two fifths of the piece.
pub(super) fn cuts(total: f64, tile: f64, overlap: f64, blocked: &[(f64, f64)]) -> Vec<(f64, f64)> {
    let mut pieces = Vec::new();
    let mut start = 0.0f64;
    loop {
        if start + tile >= total {
            // The last piece ends with the drawing, starting a full tile back if it can.
            pieces.push(((total - tile).max(0.0).min(start), total));
            return pieces;
        }
        let end = next_cut(start, tile, blocked);
        pieces.push((start, end));
        start = (end - overlap).max(start + 1.0);
    }
}

/// A scene holding only the items that pass `keep`, so a page carries only the text it shows.
pub(super) fn part_of(scene: &Scene, keep: impl Fn(&crate::layout::scene::Item) -> bool) -> Scene {
    let mut part = Scene::with_size(scene.title.clone(), scene.width, scene.height);
    part.items = scene.items.iter().filter(|i| keep(i)).cloned().collect();
    part
}

/// Draws `scene`'s area `view` (scene units) with its top left at `at` (points), clipped.
pub(super) fn draw_scene_area(
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

/// A diagram's pages, from page `first` of the document.
pub(super) fn draw_diagram_pages(
    pages: &mut PageWriter,
    fonts: &Fonts,
    sheets: &Sheets,
    first: usize,
    numbering: &Numbering,
) -> Result<(), RenderError> {
    for (sheet, tile) in sheets.pages() {
        let place = Place {
            tile,
            first: first + sheets.first_page_of(sheet),
            numbering,
        };
        pages.page(sheet.plan.page_size(), |surface| {
            draw_diagram_page(surface, fonts, sheet, &place)
        })?;
    }
    Ok(())
}

pub(super) fn draw_diagram_page(
    surface: &mut Surface,
    fonts: &Fonts,
    sheet: &Sheet,
    place: &Place,
) -> Result<(), RenderError> {
    let (name, scene, plan) = (sheet.name.as_str(), sheet.scene, &sheet.plan);
    let tile = place.tile;
    let size = plan.page_size();
    let area = body_area(size);
    match plan {
        DiagramPlan::Empty => {
            let empty = format!(
                "The {} has nothing to show for this version of the case.",
                name.to_lowercase()
            );
            nothing_to_show(surface, fonts, name, &empty);
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
            tiles, key, scale, ..
        } if tile >= tiles.len() => {
            heading(surface, fonts, &sheet.page_title(tile));
            if let Some(legend) = key.reflowed() {
                draw_key(surface, legend, (area.x, area.y + KEY_GAP), *scale)?;
            }
        }
        DiagramPlan::Tiles { .. } => draw_tile_page(surface, fonts, sheet, place)?,
    }
    Ok(())
}

/// One page of a split drawing: its part, the marks naming the neighbouring pages, and the
/// key or the page it is on.
fn draw_tile_page(
    surface: &mut Surface,
    fonts: &Fonts,
    sheet: &Sheet,
    place: &Place,
) -> Result<(), RenderError> {
    let (scene, plan) = (sheet.scene, &sheet.plan);
    let (tile, first_page, numbering) = (place.tile, place.first, place.numbering);
    let area = body_area(plan.page_size());
    let DiagramPlan::Tiles {
        scale, tiles, key, ..
    } = plan
    else {
        return Ok(());
    };
    let view = tiles[tile].view;
    heading(surface, fonts, &sheet.page_title(tile));
    let margin = 4.0 / scale;
    let grown = view.inflate(margin);
    let apart = key.reflowed().is_some();
    let body = part_of(scene, |i| {
        (!apart || i.kind != ItemKind::Legend) && i.bbox.overlaps(&grown)
    });
    let top = area.y + 14.0;
    draw_scene_area(surface, &body, view, (area.x, top), *scale)?;
    // A thin frame shows where this page's part of the drawing stops.
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
    draw_marks(surface, fonts, tiles, place, Rect::new(area.x, top, w, h));
    match (plan.key_page(), key.as_ref()) {
        (Some(page), KeyPlace::LastPage(legend)) if page == tile => {
            draw_key(surface, legend, (area.x, top + h + KEY_BELOW), *scale)?;
        }
        (Some(page), _) if page != tile => {
            let page = numbering.reference(first_page + page);
            draw_key_pointer(surface, fonts, area, top + h, &page);
        }
        _ => {}
    }
    Ok(())
}

/// The continuation marks of page `place.tile` of a split drawing, round the part drawn in
/// `frame` (points): each names the neighbouring page that exists.
fn draw_marks(surface: &mut Surface, fonts: &Fonts, tiles: &[Tile], place: &Place, frame: Rect) {
    use crate::layout::scene::Weight;
    let (first_page, numbering) = (place.first, place.numbering);
    let Tile { row, column, .. } = tiles[place.tile];
    let (left, right, top, w, h) = (frame.x, frame.right(), frame.y, frame.width, frame.height);
    let page_of = |r: usize, c: usize| {
        tiles
            .iter()
            .position(|t| t.row == r && t.column == c)
            .map(|i| numbering.reference(first_page + i))
    };
    let mut marks: Vec<(String, f64, f64, bool)> = Vec::new();
    if let Some(page) = row.checked_sub(1).and_then(|r| page_of(r, column)) {
        marks.push((
            format!("\u{2191} continued from {page}"),
            left,
            top - 4.0,
            false,
        ));
    }
    let below = page_of(row + 1, column);
    if let Some(page) = &below {
        marks.push((
            format!("\u{2193} continues on {page}"),
            left,
            top + h + 11.0,
            false,
        ));
    }
    if let Some(page) = column.checked_sub(1).and_then(|c| page_of(row, c)) {
        let text = format!("\u{2190} continued from {page}");
        let y = if below.is_some() {
            top + h + 22.0
        } else {
            top + h + 11.0
        };
        let x = left + w / 2.0 - text::width(&text, 9.0, Weight::Regular) / 2.0;
        marks.push((text, x, y, false));
    }
    if let Some(page) = page_of(row, column + 1) {
        marks.push((
            format!("continues on {page} \u{2192}"),
            right,
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
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diagram_left_out_has_no_pages_and_no_warning() {
        let scene = Scene::with_size("Genogram", 5000.0, 5000.0);
        let sheets = Sheets::of("Genogram", &scene, false);
        assert!(sheets.pages().is_empty());
        assert_eq!(sheets.warning(), None);
    }

    #[test]
    fn pages_end_at_the_drawings_breaks_when_one_is_late_enough() {
        // Rows 0-90, 100-190, 200-290, 300-390; breaks between them.
        let breaks = [95.0, 195.0, 295.0];
        let blocked: Vec<(f64, f64)> = (0..4)
            .map(|i| (i as f64 * 100.0, i as f64 * 100.0 + 90.0))
            .collect();
        let pages = rows_at_breaks(390.0, 250.0, 10.0, &breaks, &blocked);
        assert_eq!(pages, vec![(0.0, 195.0), (195.0, 390.0)]);
        // A row taller than a page is cut where it must be, overlapping.
        let pages = rows_at_breaks(1000.0, 300.0, 10.0, &[], &[(0.0, 1000.0)]);
        assert_eq!(pages.first().unwrap().1, 300.0);
        assert_eq!(pages.last().unwrap().1, 1000.0);
        for pair in pages.windows(2) {
            assert!(pair[1].0 < pair[0].1, "no overlap in {pair:?}");
        }
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
