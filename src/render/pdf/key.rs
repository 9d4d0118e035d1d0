//! The key of a split diagram: printed once, on the diagram's last page when it fits below
//! the drawing or else on a page of its own, and named on every other page ("Key: page 9"),
//! so each page keeps its room for the drawing.

use super::*;

/// Where a split diagram's key is.
#[derive(Debug, Clone, PartialEq)]
pub(super) enum KeyPlace {
    /// Part of the drawing (below a family split only between its rows): on the page of
    /// this index, or nowhere when the drawing has no key.
    InDrawing(Option<usize>),
    /// Re-flowed to the page's width, below the drawing on the last page.
    LastPage(Scene),
    /// Re-flowed to the page's width, on a page of its own after the drawing.
    OwnPage(Scene),
}

impl KeyPlace {
    /// Where a drawing split into `tiles` pages keeps its key: the key of a drawing split
    /// across as well (`legend`, re-flowed) goes below the last page's part when that leaves
    /// it room, else on a page of its own; a key that is part of the drawing stays on the page
    /// showing most of it.
    pub(super) fn choose(
        scene: &Scene,
        legend: Option<Scene>,
        tiles: &[Tile],
        area: Rect,
        scale: f64,
    ) -> KeyPlace {
        let Some(legend) = legend else {
            let shown = scene
                .items
                .iter()
                .filter(|i| i.kind == ItemKind::Legend)
                .map(|i| i.bbox)
                .reduce(|a, b| a.union(&b));
            let page = shown.and_then(|key| {
                let area_of = |t: &Tile| {
                    let (x0, y0) = (key.x.max(t.view.x), key.y.max(t.view.y));
                    let (x1, y1) = (
                        key.right().min(t.view.right()),
                        key.bottom().min(t.view.bottom()),
                    );
                    (x1 - x0).max(0.0) * (y1 - y0).max(0.0)
                };
                // The page showing most of it; the later one of two that show it alike.
                (0..tiles.len())
                    .filter(|i| area_of(&tiles[*i]) > 0.0)
                    .max_by(|a, b| {
                        area_of(&tiles[*a])
                            .total_cmp(&area_of(&tiles[*b]))
                            .then(a.cmp(b))
                    })
            });
            return KeyPlace::InDrawing(page);
        };
        let last = tiles.last().map_or(0.0, |t| t.view.height * scale);
        if KEY_GAP + last + KEY_BELOW + legend.height * scale <= area.height + 0.5 {
            KeyPlace::LastPage(legend)
        } else {
            KeyPlace::OwnPage(legend)
        }
    }

    /// The pages the key adds to the drawing's.
    pub(super) fn extra_pages(&self) -> usize {
        usize::from(matches!(self, KeyPlace::OwnPage(_)))
    }

    /// The page (counted within the sheet) the key is on, for a drawing of `tiles` pages.
    pub(super) fn page(&self, tiles: usize) -> Option<usize> {
        match self {
            KeyPlace::InDrawing(page) => *page,
            KeyPlace::LastPage(_) => tiles.checked_sub(1),
            KeyPlace::OwnPage(_) => Some(tiles),
        }
    }

    /// The key drawn apart from the drawing, if it is.
    pub(super) fn reflowed(&self) -> Option<&Scene> {
        match self {
            KeyPlace::InDrawing(_) => None,
            KeyPlace::LastPage(legend) | KeyPlace::OwnPage(legend) => Some(legend),
        }
    }
}

/// Room above a tile's drawing for the marks naming the pages it continues on.
pub(super) const KEY_GAP: f64 = 14.0;
/// The space between the bottom of a tile's drawing and a key drawn below it: a line of marks.
pub(super) const KEY_BELOW: f64 = 22.0;

/// Draws the key re-flowed for a split diagram at `scale`, its top left at `at`.
pub(super) fn draw_key(
    surface: &mut Surface,
    legend: &Scene,
    at: (f64, f64),
    scale: f64,
) -> Result<(), RenderError> {
    let view = Rect::new(0.0, 0.0, legend.width, legend.height);
    draw_scene_area(surface, legend, view, at, scale)
}

/// "Key: page 9", at the right of the line below the drawing whose bottom is at `y`.
pub(super) fn draw_key_pointer(
    surface: &mut Surface,
    fonts: &Fonts,
    area: Rect,
    y: f64,
    page: &str,
) {
    let text = format!("Key: {page}");
    let w = text::width(&text, 9.0, crate::layout::scene::Weight::Bold);
    draw_line_of_text(
        surface,
        &fonts.bold,
        9.0,
        area.right() - w,
        y + 11.0,
        &text,
        rgb::Color::black(),
    );
}

/// The scene's legend with its entries re-flowed into rows at most `width` wide, so a split
/// diagram's key fits its pages at the pages' own scale: whole entries, as the layout
/// recorded them, a heading on a line of its own.
pub(super) fn reflowed_legend(scene: &Scene, width: f64) -> Option<Scene> {
    if scene.legend.is_empty() {
        return None;
    }
    let gap = 14.0;
    let mut legend = Scene::new(scene.title.clone());
    let mut item = crate::layout::scene::Item::new(ItemKind::Legend, "legend");
    let (mut x, mut y, mut row_height, mut right) = (0.0f64, 0.0f64, 0.0f64, 0.0f64);
    for entry in &scene.legend {
        let bounds = entry.bounds;
        if x > 0.0 && (x + bounds.width > width || entry.heading) {
            x = 0.0;
            y += row_height + 6.0;
            row_height = 0.0;
        }
        let (dx, dy) = (x - bounds.x, y - bounds.y);
        item.shapes
            .extend(entry.shapes.iter().map(|shape| moved(shape, dx, dy)));
        x += bounds.width + gap;
        right = right.max(x - gap);
        row_height = row_height.max(bounds.height);
        if entry.heading {
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

/// The shape moved by `dx`, `dy`.
pub(super) fn moved(shape: &Shape, dx: f64, dy: f64) -> Shape {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::scene::{Anchor, Colour, LegendEntry, Paint, Point, Weight};

    fn words(at: Point, line: &str) -> Shape {
        Shape::Text {
            origin: at,
            lines: vec![line.into()],
            size: 10.0,
            line_height: 12.0,
            anchor: Anchor::Start,
            weight: Weight::Regular,
            colour: Colour::BLACK,
            halo: 0.0,
        }
    }

    #[test]
    fn a_sample_with_words_inside_stays_beside_what_it_means() {
        // A person not known: a square with "?" in it, then its words.
        let square = Shape::Rect {
            rect: Rect::new(10.0, 40.0, 16.0, 16.0),
            corner: 0.0,
            paint: Paint::line(Colour::BLACK, 1.0),
        };
        let mut scene = Scene::new("Genogram");
        scene.legend = [
            (vec![words(Point::new(10.0, 20.0), "Key")], true),
            (
                vec![
                    square,
                    words(Point::new(15.0, 52.0), "?"),
                    words(Point::new(40.0, 52.0), "person not known (?)"),
                ],
                false,
            ),
        ]
        .into_iter()
        .filter_map(|(shapes, heading)| LegendEntry::new(shapes, heading))
        .collect();
        let legend = reflowed_legend(&scene, 600.0).expect("a key");
        let tops: Vec<f64> = legend.items[0]
            .shapes
            .iter()
            .filter_map(Shape::bounds)
            .map(|b| b.y)
            .collect();
        // The heading on its own line, then the square, its "?" and its words on one line.
        assert_eq!(tops.len(), 4);
        assert!(tops[1] > tops[0] + 5.0);
        assert!(
            tops[2..].iter().all(|t| (t - tops[1]).abs() < 8.0),
            "{tops:?}"
        );
        assert!(legend.height < 45.0, "{}", legend.height);
    }
}
