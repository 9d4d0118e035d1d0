//! The scene: positioned shapes, the one hand-off from layout to every renderer.
//!
//! A scene knows nothing of SVG or PDF. Coordinates are in user units (1 unit = 1 CSS pixel
//! = 0.75 pt), y grows downwards. Items carry the case ids they belong to so that renderers
//! can give them stable element ids, tooltips and cross-highlighting, and so that tests can
//! check geometry without parsing drawings.

use serde::Serialize;
use std::collections::BTreeMap;

/// A placed diagram.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Scene {
    /// Drawn in this order: later items are on top.
    pub items: Vec<Item>,
    /// Numbers the layout reports about itself: at least `crossings`, `width`, `height`.
    pub metrics: BTreeMap<String, f64>,
    #[serde(skip)]
    pub width: f64,
    #[serde(skip)]
    pub height: f64,
    /// The text for the drawing's `<title>` and the document's accessible name.
    #[serde(skip)]
    pub title: String,
    /// Heights, top to bottom, where the drawing may be cut across pages: between rows of
    /// the genogram (a symbol always on the same page as its name), between the timeline's
    /// sections and lanes. Set by the layout; a renderer that splits a drawing cuts only
    /// here when it can.
    #[serde(skip)]
    pub breaks: Vec<f64>,
    /// The same drawing made again as pages, when the layout was asked for them: each with
    /// a short name for its page heading ("overview", "2014 to 2017"). Empty for a drawing
    /// that is one piece.
    #[serde(skip)]
    pub parts: Vec<(String, Scene)>,
    /// The key's entries, in the order the key lists them: each one's sample shapes and words,
    /// as its `Legend` items draw them. Set by the layout with the key, so a renderer that
    /// prints the key apart (re-flowed to a page's width) moves whole entries without guessing
    /// where one ends.
    #[serde(skip)]
    pub legend: Vec<LegendEntry>,
}

/// One entry of a drawing's key: a heading ("Key") or a sample and what it means.
#[derive(Debug, Clone, PartialEq)]
pub struct LegendEntry {
    /// The entry's shapes, exactly as drawn in the scene's `Legend` items.
    pub shapes: Vec<Shape>,
    /// The area they cover, outlines included.
    pub bounds: Rect,
    /// A heading stands on a line of its own.
    pub heading: bool,
}

impl LegendEntry {
    /// The entry of these shapes; `None` when they cover no area.
    pub fn new(shapes: Vec<Shape>, heading: bool) -> Option<LegendEntry> {
        let bounds = shapes
            .iter()
            .filter_map(Shape::bounds)
            .reduce(|a, b| a.union(&b))?;
        Some(LegendEntry {
            shapes,
            bounds,
            heading,
        })
    }
}

/// What an item is; the names are the ones written to `--layout-json` and used as SVG classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum ItemKind {
    Person,
    Partnership,
    ChildLink,
    Emotional,
    Household,
    Label,
    Legend,
    Title,
    Entry,
    EntryLabel,
    Band,
    Axis,
    Lane,
    Pattern,
    Gap,
    Summary,
}

impl ItemKind {
    pub fn name(self) -> &'static str {
        match self {
            ItemKind::Person => "person",
            ItemKind::Partnership => "partnership",
            ItemKind::ChildLink => "child-link",
            ItemKind::Emotional => "emotional",
            ItemKind::Household => "household",
            ItemKind::Label => "label",
            ItemKind::Legend => "legend",
            ItemKind::Title => "title",
            ItemKind::Entry => "entry",
            ItemKind::EntryLabel => "entry-label",
            ItemKind::Band => "band",
            ItemKind::Axis => "axis",
            ItemKind::Lane => "lane",
            ItemKind::Pattern => "pattern",
            ItemKind::Gap => "gap",
            ItemKind::Summary => "summary",
        }
    }
}

/// An axis-aligned box: `[x, y, width, height]` in the JSON dump.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Rect {
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
}

impl Rect {
    pub fn new(x: f64, y: f64, width: f64, height: f64) -> Rect {
        Rect {
            x,
            y,
            width,
            height,
        }
    }

    pub fn right(&self) -> f64 {
        self.x + self.width
    }

    pub fn bottom(&self) -> f64 {
        self.y + self.height
    }

    /// True if the two boxes share any area (touching edges do not count).
    pub fn overlaps(&self, other: &Rect) -> bool {
        self.x < other.right()
            && other.x < self.right()
            && self.y < other.bottom()
            && other.y < self.bottom()
    }

    /// The smallest box holding both.
    pub fn union(&self, other: &Rect) -> Rect {
        let x = self.x.min(other.x);
        let y = self.y.min(other.y);
        Rect::new(
            x,
            y,
            self.right().max(other.right()) - x,
            self.bottom().max(other.bottom()) - y,
        )
    }

    /// The box grown by `margin` on every side.
    pub fn inflate(&self, margin: f64) -> Rect {
        Rect::new(
            self.x - margin,
            self.y - margin,
            self.width + 2.0 * margin,
            self.height + 2.0 * margin,
        )
    }

    /// The part of the segment from `p` to `q` inside the box, as fractions of its length;
    /// `None` when it misses the box (Liang–Barsky clipping).
    pub fn clip_segment(&self, p: Point, q: Point) -> Option<(f64, f64)> {
        let (dx, dy) = (q.x - p.x, q.y - p.y);
        let mut t0: f64 = 0.0;
        let mut t1: f64 = 1.0;
        for (pk, qk) in [
            (-dx, p.x - self.x),
            (dx, self.right() - p.x),
            (-dy, p.y - self.y),
            (dy, self.bottom() - p.y),
        ] {
            if pk.abs() < 1e-12 {
                if qk < 0.0 {
                    return None;
                }
            } else {
                let t = qk / pk;
                if pk < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
                if t0 > t1 {
                    return None;
                }
            }
        }
        Some((t0, t1))
    }

    /// The smallest box holding all the points; `None` for no points.
    pub fn around(points: &[Point]) -> Option<Rect> {
        let first = points.first()?;
        let (mut x0, mut y0, mut x1, mut y1) = (first.x, first.y, first.x, first.y);
        for p in points {
            x0 = x0.min(p.x);
            y0 = y0.min(p.y);
            x1 = x1.max(p.x);
            y1 = y1.max(p.y);
        }
        Some(Rect::new(x0, y0, x1 - x0, y1 - y0))
    }
}

impl Serialize for Rect {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [
            round(self.x),
            round(self.y),
            round(self.width),
            round(self.height),
        ]
        .serialize(serializer)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Point {
    pub x: f64,
    pub y: f64,
}

impl Point {
    pub fn new(x: f64, y: f64) -> Point {
        Point { x, y }
    }
}

impl Serialize for Point {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        [round(self.x), round(self.y)].serialize(serializer)
    }
}

/// Every number that leaves genochron goes through here, so output never depends on float
/// noise (`0.30000000000000004`) and is the same on every machine.
pub fn round(value: f64) -> f64 {
    let rounded = (value * 100.0).round() / 100.0;
    if rounded == 0.0 { 0.0 } else { rounded }
}

/// A colour as red, green, blue.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Colour(pub u8, pub u8, pub u8);

impl Colour {
    pub const BLACK: Colour = Colour(0, 0, 0);
    pub const WHITE: Colour = Colour(255, 255, 255);
    pub const GREY: Colour = Colour(110, 110, 110);
    pub const LIGHT_GREY: Colour = Colour(225, 225, 225);

    /// `#rrggbb`.
    pub fn hex(&self) -> String {
        format!("#{:02x}{:02x}{:02x}", self.0, self.1, self.2)
    }
}

/// How a shape's outline and inside are painted.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Paint {
    pub stroke: Option<Colour>,
    pub stroke_width: f64,
    /// Dash and gap lengths; empty for a solid line.
    pub dash: Vec<f64>,
    pub fill: Option<Colour>,
    /// 1.0 for opaque.
    pub fill_opacity: f64,
}

impl Paint {
    /// A solid outline and no fill.
    pub fn line(colour: Colour, width: f64) -> Paint {
        Paint {
            stroke: Some(colour),
            stroke_width: width,
            dash: Vec::new(),
            fill: None,
            fill_opacity: 1.0,
        }
    }

    /// A fill and no outline.
    pub fn fill(colour: Colour) -> Paint {
        Paint {
            stroke: None,
            stroke_width: 0.0,
            dash: Vec::new(),
            fill: Some(colour),
            fill_opacity: 1.0,
        }
    }

    pub fn dashed(mut self, dash: &[f64]) -> Paint {
        self.dash = dash.to_vec();
        self
    }

    pub fn filled(mut self, colour: Colour) -> Paint {
        self.fill = Some(colour);
        self
    }

    pub fn with_opacity(mut self, opacity: f64) -> Paint {
        self.fill_opacity = opacity;
        self
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Anchor {
    #[default]
    Start,
    Middle,
    End,
}

/// The weight of text: measured by `text`, drawn by every renderer.
pub use crate::text::Weight;

/// A step of a path.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum PathStep {
    MoveTo(Point),
    LineTo(Point),
    /// A quadratic curve through a control point.
    QuadTo(Point, Point),
    Close,
}

/// Something to draw.
#[derive(Debug, Clone, PartialEq)]
pub enum Shape {
    Rect {
        rect: Rect,
        corner: f64,
        paint: Paint,
    },
    Circle {
        centre: Point,
        radius: f64,
        paint: Paint,
    },
    Polygon {
        points: Vec<Point>,
        paint: Paint,
    },
    Polyline {
        points: Vec<Point>,
        paint: Paint,
    },
    Path {
        steps: Vec<PathStep>,
        paint: Paint,
    },
    /// Lines of text, already wrapped and measured by the layout. `origin` is the baseline
    /// of the first line at the anchor.
    Text {
        origin: Point,
        lines: Vec<String>,
        size: f64,
        line_height: f64,
        anchor: Anchor,
        weight: Weight,
        colour: Colour,
        /// Width of a white outline painted under the letters, so a line passing behind
        /// the text stops just short of it and the words stay readable; 0 for none.
        halo: f64,
    },
}

impl Shape {
    /// The area a shape covers, its outline included.
    pub fn bounds(&self) -> Option<Rect> {
        let (rect, stroke) = match self {
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
                let points: Vec<Point> = steps
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
                let w = crate::text::widest(lines, *size, *weight);
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
}

/// One thing in the drawing: a person, a line, a label. Renderers draw its shapes as a group.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Item {
    /// Stable, from case ids ("person-amy", "partnership-sarah--kwabena", "entry-47").
    pub id: String,
    pub kind: ItemKind,
    /// The case ids of the people it belongs to.
    pub people: Vec<String>,
    /// The chronology entry numbers it belongs to.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub entries: Vec<u32>,
    /// The area it covers, text included.
    pub bbox: Rect,
    /// For lines: the polyline actually drawn.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<Vec<Point>>,
    /// Extra classes for the renderer ("female", "deceased", "high"), after the kind.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub classes: Vec<String>,
    /// The full text for a tooltip and screen readers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(skip)]
    pub shapes: Vec<Shape>,
}

impl Item {
    /// An item with no shapes yet; its `bbox` is set by the caller.
    pub fn new(kind: ItemKind, id: impl Into<String>) -> Item {
        Item {
            id: id.into(),
            kind,
            people: Vec::new(),
            entries: Vec::new(),
            bbox: Rect::default(),
            points: None,
            classes: Vec::new(),
            title: None,
            shapes: Vec::new(),
        }
    }

    /// The words the item writes: each text shape's lines joined by spaces, in drawing order.
    pub fn words(&self) -> Vec<String> {
        self.shapes
            .iter()
            .filter_map(|s| match s {
                Shape::Text { lines, .. } => Some(lines.join(" ")),
                _ => None,
            })
            .collect()
    }
}

impl Scene {
    pub fn new(title: impl Into<String>) -> Scene {
        Scene {
            items: Vec::new(),
            metrics: BTreeMap::new(),
            width: 0.0,
            height: 0.0,
            title: title.into(),
            breaks: Vec::new(),
            parts: Vec::new(),
            legend: Vec::new(),
        }
    }

    /// An empty scene of this size: a drawing's frame before its items, or a part of one.
    pub(crate) fn with_size(title: impl Into<String>, width: f64, height: f64) -> Scene {
        Scene {
            width,
            height,
            ..Scene::new(title)
        }
    }

    /// The smallest text the scene draws, in scene units; `None` for a drawing without words.
    pub fn smallest_text(&self) -> Option<f64> {
        self.items
            .iter()
            .flat_map(|i| &i.shapes)
            .filter_map(|s| match s {
                Shape::Text { size, lines, .. } if *size > 0.0 && !lines.is_empty() => Some(*size),
                _ => None,
            })
            .min_by(f64::total_cmp)
    }

    /// Sets [`Scene::breaks`] to the middle of every clear stretch between `blocks` (spans
    /// of height that must stay on one page, such as a symbol with its name), leaving out
    /// the stretch above the first block and below the last.
    pub fn break_between(&mut self, blocks: impl IntoIterator<Item = (f64, f64)>) {
        let mut spans: Vec<(f64, f64)> = blocks.into_iter().filter(|(a, b)| b >= a).collect();
        spans.sort_by(|a, b| a.0.total_cmp(&b.0).then(a.1.total_cmp(&b.1)));
        let mut breaks = Vec::new();
        let mut reach: Option<f64> = None;
        for (top, bottom) in spans {
            match reach {
                Some(r) if top > r => {
                    breaks.push(round((r + top) / 2.0));
                    reach = Some(bottom);
                }
                Some(r) => reach = Some(r.max(bottom)),
                None => reach = Some(bottom),
            }
        }
        self.breaks = breaks;
    }

    /// The placed scene as `{"items": [...], "metrics": {...}}`, for `--layout-json`.
    pub fn to_json(&self) -> String {
        let mut scene = self.clone();
        scene.metrics.insert("width".into(), round(self.width));
        scene.metrics.insert("height".into(), round(self.height));
        serde_json::to_string_pretty(&scene).expect("a scene always serialises")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn breaks_fall_only_in_clear_stretches_between_blocks() {
        let mut scene = Scene::new("");
        scene.break_between([(10.0, 50.0), (40.0, 80.0), (100.0, 120.0), (119.0, 130.0)]);
        assert_eq!(scene.breaks, vec![90.0]);
        scene.break_between([(0.0, 10.0), (20.0, 30.0), (30.5, 40.0)]);
        assert_eq!(scene.breaks, vec![15.0, 30.25]);
        scene.break_between([]);
        assert!(scene.breaks.is_empty());
    }
}
