//! A small chart of the scaling scores recorded at each review (0 to 10), so a supervisor sees
//! the trend at a glance. Reviews are spaced evenly in date order, each point labelled with
//! its score and date, so the chart reads without colour.

use super::scene::{Anchor, Colour, Item, ItemKind, Paint, Point, Rect, Scene, Shape, Weight};
use chrono::NaiveDate;

const LEFT: f64 = 46.0;
const TOP: f64 = 30.0;
const PLOT_H: f64 = 150.0;
const STEP: f64 = 84.0;
const INK: Colour = Colour(34, 34, 34);
const GRID: Colour = Colour(200, 200, 200);

fn text(origin: Point, line: String, size: f64, anchor: Anchor, weight: Weight) -> Shape {
    Shape::Text {
        origin,
        lines: vec![line],
        size,
        line_height: size * 1.2,
        anchor,
        weight,
        colour: INK,
        halo: 0.0,
    }
}

fn y_of(score: u8) -> f64 {
    TOP + PLOT_H - PLOT_H * f64::from(score) / 10.0
}

/// The chart of `scores` (date, 0 to 10) in date order. An empty list gives an empty scene.
pub fn chart(scores: &[(NaiveDate, u8)]) -> Scene {
    let mut scene = Scene::new("Scaling scores at each review");
    if scores.is_empty() {
        return scene;
    }
    let width = LEFT + STEP * (scores.len() as f64 - 1.0).max(1.0) + 60.0;
    let right = width - 30.0;
    scene.items.push(axes(width, right));
    let points: Vec<Point> = scores
        .iter()
        .enumerate()
        .map(|(i, (_, score))| {
            // A single review sits in the middle rather than at the left edge.
            let x = if scores.len() == 1 {
                (LEFT + right) / 2.0
            } else {
                LEFT + 14.0 + i as f64 * STEP
            };
            Point::new(x, y_of(*score))
        })
        .collect();
    let mut line = Item::new(ItemKind::Pattern, "scores-line");
    line.shapes.push(Shape::Polyline {
        points: points.clone(),
        paint: Paint::line(INK, 1.8),
    });
    line.bbox = Rect::around(&points).unwrap_or_default();
    scene.items.push(line);
    for (i, ((date, score), point)) in scores.iter().zip(&points).enumerate() {
        scene.items.push(review_point(i, *date, *score, *point));
    }
    scene.width = width.max(360.0);
    scene.height = TOP + PLOT_H + 28.0;
    scene
}

/// The scale's heading and its grid lines at 0, 5 and 10, from `LEFT` to `right`.
fn axes(width: f64, right: f64) -> Item {
    let mut axes = Item::new(ItemKind::Axis, "scores-axis");
    axes.shapes.push(text(
        Point::new(LEFT - 36.0, 14.0),
        "Scaling score (0: not safe at home; 10: safe enough to close)".into(),
        10.0,
        Anchor::Start,
        Weight::Bold,
    ));
    for score in [0u8, 5, 10] {
        let y = y_of(score);
        axes.shapes.push(Shape::Polyline {
            points: vec![Point::new(LEFT, y), Point::new(right, y)],
            paint: Paint::line(GRID, 0.8).dashed(&[3.0, 3.0]),
        });
        axes.shapes.push(text(
            Point::new(LEFT - 8.0, y + 3.5),
            score.to_string(),
            10.0,
            Anchor::End,
            Weight::Regular,
        ));
    }
    axes.bbox = Rect::new(0.0, 0.0, width, TOP + PLOT_H);
    axes
}

/// The `i`th review's point on the line, its score written above it and its date along
/// the bottom, so the chart reads without colour.
fn review_point(i: usize, date: NaiveDate, score: u8, point: Point) -> Item {
    let mut item = Item::new(ItemKind::Label, format!("score-{}", i + 1));
    item.shapes.push(Shape::Circle {
        centre: point,
        radius: 4.0,
        paint: Paint::line(INK, 1.5).filled(Colour::WHITE),
    });
    item.shapes.push(text(
        Point::new(point.x, point.y - 9.0),
        score.to_string(),
        11.0,
        Anchor::Middle,
        Weight::Bold,
    ));
    item.shapes.push(text(
        Point::new(point.x, TOP + PLOT_H + 16.0),
        date.format("%-d %b %Y").to_string(),
        9.0,
        Anchor::Middle,
        Weight::Regular,
    ));
    item.bbox = Rect::new(
        point.x - 30.0,
        point.y - 22.0,
        60.0,
        TOP + PLOT_H + 20.0 - point.y + 22.0,
    );
    item.title = Some(format!(
        "Review of {}: score {score}",
        date.format("%-d %B %Y")
    ));
    item
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn higher_scores_are_drawn_higher_and_every_score_is_written() {
        let scores = [
            ("2026-07-01".parse().unwrap(), 3),
            ("2026-08-03".parse().unwrap(), 5),
            ("2026-09-01".parse().unwrap(), 4),
        ];
        let scene = chart(&scores);
        let centre = |id: &str| {
            let item = scene.items.iter().find(|i| i.id == id).unwrap();
            match &item.shapes[0] {
                Shape::Circle { centre, .. } => *centre,
                _ => panic!("a point is a circle"),
            }
        };
        assert!(centre("score-2").y < centre("score-1").y);
        assert!(centre("score-3").y > centre("score-2").y);
        assert!(centre("score-1").x < centre("score-2").x);
        let svg = crate::render::svg::scene(&scene);
        for word in [">3<", ">5<", ">4<", "1 Jul 2026", "1 Sep 2026"] {
            assert!(svg.contains(word), "{word} missing");
        }
        assert!(chart(&[]).items.is_empty());
    }
}
