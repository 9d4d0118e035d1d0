//! Colours, marks, signs and the small shapes the timeline is drawn with.

use super::R;
use crate::layout::scene::{Anchor, Colour, Paint, PathStep, Point, Rect, Shape, Weight};
use crate::model::{Entry, EntryStatus, Significance, Valence};

pub(super) const INK: Colour = Colour(33, 33, 33);
pub(super) const MUTED: Colour = Colour(90, 90, 90);
pub(super) const RULE: Colour = Colour(200, 200, 200);
pub(super) const HIGH: Colour = Colour(192, 39, 45);
pub(super) const MEDIUM: Colour = Colour(230, 159, 0);
pub(super) const LOW: Colour = Colour(46, 139, 87);
pub(super) const UNRATED: Colour = Colour(120, 120, 120);
pub(super) const LANE_TINT: Colour = Colour(246, 246, 246);
pub(super) const SUMMARY_TINT: Colour = Colour(236, 236, 236);
pub(super) const GAP_INK: Colour = Colour(175, 175, 175);

pub(super) fn significance_colour(s: Option<Significance>) -> Colour {
    match s {
        Some(Significance::High) => HIGH,
        Some(Significance::Medium) => MEDIUM,
        Some(Significance::Low) => LOW,
        None => UNRATED,
    }
}

/// The mark for an entry: shape by significance (diamond, triangle, circle, hollow circle),
/// colour by significance, dashed and pale when disputed or alleged.
pub(super) fn mark(
    centre: Point,
    significance: Option<Significance>,
    status: EntryStatus,
) -> Shape {
    let colour = significance_colour(significance);
    let uncertain = status != EntryStatus::Agreed;
    let mut paint = Paint::line(INK, 1.0).filled(colour);
    if significance.is_none() {
        paint = Paint::line(UNRATED, 1.3).filled(Colour::WHITE);
    }
    if uncertain {
        paint = Paint::line(colour, 1.4)
            .filled(colour)
            .with_opacity(0.3)
            .dashed(&[2.0, 1.5]);
    }
    let (x, y) = (centre.x, centre.y);
    match significance {
        Some(Significance::High) => Shape::Polygon {
            points: vec![
                Point::new(x, y - R),
                Point::new(x + R, y),
                Point::new(x, y + R),
                Point::new(x - R, y),
            ],
            paint,
        },
        Some(Significance::Medium) => Shape::Polygon {
            points: vec![
                Point::new(x, y - 5.5),
                Point::new(x + 5.5, y + 4.5),
                Point::new(x - 5.5, y + 4.5),
            ],
            paint,
        },
        _ => Shape::Circle {
            centre,
            radius: 4.0,
            paint,
        },
    }
}

/// A small round sign beside a mark: a filled disc with a minus for harm, an open disc with a
/// plus for a good change. Black and white, so it survives greyscale printing.
pub(super) fn sign(centre: Point, valence: Valence) -> Vec<Shape> {
    let (x, y) = (centre.x, centre.y);
    let bar = |a: Point, b: Point, colour| Shape::Polyline {
        points: vec![a, b],
        paint: Paint::line(colour, 1.2),
    };
    match valence {
        Valence::Negative => vec![
            Shape::Circle {
                centre,
                radius: 3.6,
                paint: Paint::fill(INK),
            },
            bar(
                Point::new(x - 2.0, y),
                Point::new(x + 2.0, y),
                Colour::WHITE,
            ),
        ],
        Valence::Positive => vec![
            Shape::Circle {
                centre,
                radius: 3.6,
                paint: Paint::line(INK, 1.0).filled(Colour::WHITE),
            },
            bar(Point::new(x - 2.0, y), Point::new(x + 2.0, y), INK),
            bar(Point::new(x, y - 2.0), Point::new(x, y + 2.0), INK),
        ],
        Valence::Neutral => Vec::new(),
    }
}

/// The non-neutral valences of an entry's impacts: harm first.
pub(super) fn valences(entry: &Entry) -> Vec<Valence> {
    let mut out = Vec::new();
    for v in [Valence::Negative, Valence::Positive] {
        if entry.impacts.iter().any(|i| i.valence == Some(v)) {
            out.push(v);
        }
    }
    out
}

pub(super) fn text_shape(
    origin: Point,
    lines: Vec<String>,
    size: f64,
    anchor: Anchor,
    weight: Weight,
    colour: Colour,
) -> Shape {
    Shape::Text {
        origin,
        lines,
        size,
        line_height: size * 1.25,
        anchor,
        weight,
        colour,
        halo: 0.0,
    }
}

/// A box with square corners.
pub(super) fn block(x: f64, y: f64, width: f64, height: f64, paint: Paint) -> Shape {
    Shape::Rect {
        rect: Rect::new(x, y, width, height),
        corner: 0.0,
        paint,
    }
}

/// The baseline of text at `size` whose line box starts at `top`.
pub(super) fn baseline(top: f64, size: f64) -> f64 {
    top + size * 0.95
}

/// Diagonal hatching inside a box: a gap in involvement, distinct from any tint in greyscale.
pub(super) fn hatch(rect: Rect) -> Vec<Shape> {
    let mut steps = Vec::new();
    let spacing = 10.0;
    let mut d = spacing;
    // Lines of slope 1 from the bottom-left, clipped to the box by hand.
    while d < rect.width + rect.height {
        let (mut x0, mut y0) = (rect.x + d, rect.bottom());
        if d > rect.width {
            x0 = rect.right();
            y0 = rect.bottom() - (d - rect.width);
        }
        let (mut x1, mut y1) = (rect.x, rect.bottom() - d);
        if d > rect.height {
            x1 = rect.x + (d - rect.height);
            y1 = rect.y;
        }
        steps.push(PathStep::MoveTo(Point::new(x0, y0)));
        steps.push(PathStep::LineTo(Point::new(x1, y1)));
        d += spacing;
    }
    vec![
        Shape::Rect {
            rect,
            corner: 0.0,
            paint: Paint::fill(Colour::WHITE).with_opacity(0.7),
        },
        Shape::Path {
            steps,
            paint: Paint::line(GAP_INK, 0.6),
        },
        Shape::Rect {
            rect,
            corner: 0.0,
            paint: Paint::line(GAP_INK, 0.6).dashed(&[3.0, 3.0]),
        },
    ]
}

/// A small arrowhead pointing right (`dir` 1) or left (-1): the thing goes on beyond the plot.
pub(super) fn chevron(at: Point, dir: f64) -> Shape {
    Shape::Polyline {
        points: vec![
            Point::new(at.x, at.y - 4.0),
            Point::new(at.x + dir * 5.0, at.y),
            Point::new(at.x, at.y + 4.0),
        ],
        paint: Paint::line(INK, 1.3),
    }
}
