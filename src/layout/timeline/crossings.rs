//! The timeline's `crossings` metric: how often a line or bar drawn for one entry (its mark's
//! whisker, arrow or period bar) runs through the label of another entry. The row packing
//! promises none; the metric lets tests and benchmarks see when that promise breaks.

use crate::layout::scene::{Item, ItemKind, PathStep, Point, Rect, Shape};

/// Labels are shrunk by this much on every side before testing, so a line that only touches
/// the edge of a label's box (the box includes the space around the letters) does not count.
const INSET: f64 = 1.0;

/// Counts (drawn piece, label) pairs where a piece of one entry's drawing crosses another
/// entry's label. Linear in the number of items apart from the labels near each piece: the
/// labels are sorted by their left edge and only those that can reach a piece are tested.
pub fn crossings(items: &[Item]) -> usize {
    let mut labels: Vec<(Rect, &[u32])> = items
        .iter()
        .filter(|item| item.kind == ItemKind::EntryLabel)
        .map(|item| (inset(item.bbox), item.entries.as_slice()))
        .filter(|(rect, _)| rect.width > 0.0 && rect.height > 0.0)
        .collect();
    labels.sort_by(|a, b| a.0.x.total_cmp(&b.0.x));
    let widest = labels.iter().map(|(r, _)| r.width).fold(0.0, f64::max);
    let mut count = 0;
    for item in items.iter().filter(|item| item.kind == ItemKind::Entry) {
        for piece in item.shapes.iter().filter_map(piece) {
            let (left, right) = piece.x_range();
            let first = labels.partition_point(|(r, _)| r.x < left - widest);
            count += labels[first..]
                .iter()
                .take_while(|(r, _)| r.x <= right)
                .filter(|(r, entries)| {
                    !entries.iter().any(|e| item.entries.contains(e)) && piece.crosses(r)
                })
                .count();
        }
    }
    count
}

/// A drawn piece that can strike through text: line segments, or a filled bar.
enum Piece {
    Segments(Vec<(Point, Point)>),
    Bar(Rect),
}

fn piece(shape: &Shape) -> Option<Piece> {
    match shape {
        Shape::Polyline { points, .. } | Shape::Polygon { points, .. } => Some(Piece::Segments(
            points.windows(2).map(|w| (w[0], w[1])).collect(),
        )),
        Shape::Path { steps, .. } => {
            let mut segments = Vec::new();
            let mut at: Option<Point> = None;
            for step in steps {
                match step {
                    PathStep::MoveTo(p) => at = Some(*p),
                    PathStep::LineTo(p) | PathStep::QuadTo(_, p) => {
                        if let Some(from) = at {
                            segments.push((from, *p));
                        }
                        at = Some(*p);
                    }
                    PathStep::Close => {}
                }
            }
            Some(Piece::Segments(segments))
        }
        Shape::Rect { rect, .. } => Some(Piece::Bar(*rect)),
        Shape::Circle { .. } | Shape::Text { .. } => None,
    }
}

impl Piece {
    fn x_range(&self) -> (f64, f64) {
        match self {
            Piece::Segments(segments) => segments
                .iter()
                .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), (a, b)| {
                    (lo.min(a.x).min(b.x), hi.max(a.x).max(b.x))
                }),
            Piece::Bar(rect) => (rect.x, rect.right()),
        }
    }

    fn crosses(&self, label: &Rect) -> bool {
        match self {
            Piece::Segments(segments) => segments
                .iter()
                .any(|(a, b)| label.clip_segment(*a, *b).is_some()),
            Piece::Bar(rect) => rect.overlaps(label),
        }
    }
}

fn inset(rect: Rect) -> Rect {
    Rect::new(
        rect.x + INSET,
        rect.y + INSET,
        rect.width - 2.0 * INSET,
        rect.height - 2.0 * INSET,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::scene::Paint;

    /// Crossings of `entries` with entry 1's label, which every test places at x 100 to 180
    /// and y 0 to 12.
    fn crossings_of_label_1(entries: Vec<Item>) -> usize {
        let mut label = Item::new(ItemKind::EntryLabel, "entry-1-label");
        label.entries = vec![1];
        label.bbox = Rect::new(100.0, 0.0, 80.0, 12.0);
        let mut items = vec![label];
        items.extend(entries);
        crossings(&items)
    }

    fn entry(number: u32, shapes: Vec<Shape>) -> Item {
        let mut item = Item::new(ItemKind::Entry, format!("entry-{number}"));
        item.entries = vec![number];
        item.shapes = shapes;
        item
    }

    fn line(a: (f64, f64), b: (f64, f64)) -> Shape {
        Shape::Polyline {
            points: vec![Point::new(a.0, a.1), Point::new(b.0, b.1)],
            paint: Paint::default(),
        }
    }

    #[test]
    fn a_whisker_through_another_entrys_label_is_a_crossing() {
        let whisker = entry(2, vec![line((50.0, 6.0), (300.0, 6.0))]);
        assert_eq!(crossings_of_label_1(vec![whisker]), 1);
    }

    #[test]
    fn an_entrys_own_label_and_lines_that_miss_do_not_count() {
        let entries = vec![
            entry(1, vec![line((50.0, 6.0), (300.0, 6.0))]),
            entry(2, vec![line((50.0, 40.0), (300.0, 40.0))]),
            // Touching the label's edge only.
            entry(3, vec![line((50.0, 12.0), (300.0, 12.0))]),
        ];
        assert_eq!(crossings_of_label_1(entries), 0);
    }

    #[test]
    fn a_period_bar_under_a_label_and_a_diagonal_both_count() {
        let bar = Shape::Rect {
            rect: Rect::new(0.0, 4.0, 500.0, 4.0),
            corner: 0.0,
            paint: Paint::default(),
        };
        let diagonal = line((90.0, -10.0), (190.0, 30.0));
        assert_eq!(crossings_of_label_1(vec![entry(2, vec![bar, diagonal])]), 2);
    }
}
