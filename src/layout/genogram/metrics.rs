//! Measures of a drawing, written into the scene for tests and benchmarks: crossings as
//! drawn, couples kept together, and how much the overlay gets in the way.

use super::{Frame, sweeps};
use crate::layout::scene::{Item, ItemKind, Point, Rect, Scene, round};

/// How much the overlay (emotional lines and other parent figures) gets in the way: the
/// number of (line, label) pairs where the line passes under the label's box, and the total
/// length of the overlay lines. Both are numbers to keep down.
pub(super) fn overlay_measures(items: &[Item]) -> (usize, f64) {
    let overlay: Vec<&Vec<Point>> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Emotional || i.classes.iter().any(|c| c == "other-parent"))
        .filter_map(|i| i.points.as_ref())
        .collect();
    let labels: Vec<Rect> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Label)
        .map(|i| i.bbox)
        .collect();
    let mut crossings = 0;
    let mut length = 0.0;
    for points in overlay {
        length += points
            .windows(2)
            .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
            .sum::<f64>();
        let span = Rect::around(points).unwrap_or_default();
        crossings += labels
            .iter()
            .filter(|r| r.overlaps(&span.inflate(1.0)))
            .filter(|r| {
                points
                    .windows(2)
                    .any(|w| r.clip_segment(w[0], w[1]).is_some_and(|(t0, t1)| t1 > t0))
            })
            .count();
    }
    (crossings, length)
}

/// Crossings between drawn lines, each a polyline: pairs of segments from different lines
/// that properly cross (touching at an end, as a child's line meets its sibship's bar, does
/// not count). Used to compare drawings from different tools as they are drawn.
pub fn polyline_crossings(lines: &[Vec<(f64, f64)>]) -> u64 {
    // (line, one end, other end)
    type Segment = (usize, (f64, f64), (f64, f64));
    let mut segments: Vec<Segment> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for w in line.windows(2) {
            segments.push((i, w[0], w[1]));
        }
    }
    segments.sort_by(|a, b| a.1.0.min(a.2.0).total_cmp(&b.1.0.min(b.2.0)));
    let side = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
        (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
    };
    let mut count = 0u64;
    for i in 0..segments.len() {
        let (li, p1, p2) = segments[i];
        let right = p1.0.max(p2.0);
        let (lo_y, hi_y) = (p1.1.min(p2.1), p1.1.max(p2.1));
        for &(lj, q1, q2) in &segments[i + 1..] {
            if q1.0.min(q2.0) > right {
                break;
            }
            if li == lj || q1.1.max(q2.1) < lo_y || q1.1.min(q2.1) > hi_y {
                continue;
            }
            let (d1, d2) = (side(q1, q2, p1), side(q1, q2, p2));
            let (d3, d4) = (side(p1, p2, q1), side(p1, p2, q2));
            if d1 * d2 < -1e-9 && d3 * d4 < -1e-9 {
                count += 1;
            }
        }
    }
    count
}

/// Writes the measures of a finished drawing into the scene.
pub(super) fn record(
    scene: &mut Scene,
    frame: &Frame,
    left_out: usize,
    couples_on_row: usize,
    couples_adjacent: usize,
) {
    let (people, couples, arrangement) = (&frame.people, &frame.couples, &frame.arrangement);
    let rows = arrangement.rows.len();
    let (overlay_label_crossings, overlay_length) = overlay_measures(&scene.items);

    // Crossings as drawn: family lines (child links, partnerships) that properly cross.
    let family_lines: Vec<Vec<(f64, f64)>> = scene
        .items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::ChildLink | ItemKind::Partnership))
        .filter(|i| !i.classes.iter().any(|c| c == "other-parent"))
        .filter_map(|i| i.points.as_ref())
        .map(|points| points.iter().map(|p| (p.x, p.y)).collect())
        .collect();
    let crossings = polyline_crossings(&family_lines);
    scene.metrics.insert("crossings".into(), crossings as f64);
    scene.metrics.insert(
        "order_crossings".into(),
        sweeps::order_crossings(arrangement) as f64,
    );
    scene.metrics.insert("people".into(), people.len() as f64);
    scene
        .metrics
        .insert("people_left_out".into(), left_out as f64);
    scene.metrics.insert("couples".into(), couples.len() as f64);
    scene
        .metrics
        .insert("couples_on_one_row".into(), couples_on_row as f64);
    scene
        .metrics
        .insert("couples_adjacent".into(), couples_adjacent as f64);
    scene.metrics.insert("generations".into(), rows as f64);
    scene.metrics.insert(
        "overlay_label_crossings".into(),
        overlay_label_crossings as f64,
    );
    scene
        .metrics
        .insert("overlay_length".into(), round(overlay_length));
}
