//! Writes a scene as a standalone SVG document.
//!
//! Every item becomes a `<g>` with its stable id, its kind and classes, and a `<title>` for
//! screen readers and hover. Text from the case is escaped by the `svg` crate; nothing from
//! the case is ever written into a comment, a style sheet or a script. Every number goes
//! through [`round`] so the same scene always gives the same bytes.

use crate::layout::scene::{Anchor, Item, Paint, PathStep, Point, Scene, Shape, Weight, round};
use crate::text::FONT_FAMILY;
use svg::node::element::{self, Element, Group};
use svg::{Document, Node};

/// The scene as SVG text.
pub fn scene(scene: &Scene) -> String {
    let width = round(scene.width.max(1.0));
    let height = round(scene.height.max(1.0));
    let mut document = Document::new()
        .set("viewBox", format!("0 0 {} {}", num(width), num(height)))
        .set("width", num(width))
        .set("height", num(height))
        .set("font-family", FONT_FAMILY)
        .set("role", "img")
        .add(element::Title::new(scene.title.as_str()))
        .add(
            element::Rectangle::new()
                .set("width", "100%")
                .set("height", "100%")
                .set("fill", "#ffffff"),
        );
    for item in &scene.items {
        document = document.add(group(item));
    }
    document.to_string()
}

fn group(item: &Item) -> Group {
    let mut class = item.kind.name().to_string();
    for extra in &item.classes {
        class.push(' ');
        class.push_str(extra);
    }
    let mut group = Group::new().set("id", item.id.as_str()).set("class", class);
    if let Some(title) = &item.title {
        group = group.add(element::Title::new(title.as_str()));
    }
    for shape in &item.shapes {
        group = group.add(shape_element(shape));
    }
    group
}

fn shape_element(shape: &Shape) -> Element {
    match shape {
        Shape::Rect {
            rect,
            corner,
            paint,
        } => {
            let mut e = Element::new("rect");
            e.assign("x", num(rect.x));
            e.assign("y", num(rect.y));
            e.assign("width", num(rect.width));
            e.assign("height", num(rect.height));
            if *corner > 0.0 {
                e.assign("rx", num(*corner));
            }
            painted(e, paint)
        }
        Shape::Circle {
            centre,
            radius,
            paint,
        } => {
            let mut e = Element::new("circle");
            e.assign("cx", num(centre.x));
            e.assign("cy", num(centre.y));
            e.assign("r", num(*radius));
            painted(e, paint)
        }
        Shape::Polygon { points, paint } => {
            let mut e = Element::new("polygon");
            e.assign("points", point_list(points));
            painted(e, paint)
        }
        Shape::Polyline { points, paint } => {
            let mut e = Element::new("polyline");
            e.assign("points", point_list(points));
            painted(e, paint)
        }
        Shape::Path { steps, paint } => {
            let mut e = Element::new("path");
            e.assign("d", path_data(steps));
            painted(e, paint)
        }
        Shape::Text {
            origin,
            lines,
            size,
            line_height,
            anchor,
            weight,
            colour,
        } => {
            let mut e = Element::new("text");
            e.assign("x", num(origin.x));
            e.assign("y", num(origin.y));
            e.assign("font-size", num(*size));
            e.assign("fill", colour.hex());
            match anchor {
                Anchor::Start => {}
                Anchor::Middle => e.assign("text-anchor", "middle"),
                Anchor::End => e.assign("text-anchor", "end"),
            }
            if *weight == Weight::Bold {
                e.assign("font-weight", "bold");
            }
            for (i, line) in lines.iter().enumerate() {
                let mut span = Element::new("tspan");
                span.assign("x", num(origin.x));
                span.assign("y", num(origin.y + i as f64 * line_height));
                span.append(svg::node::Text::new(line.as_str()));
                e.append(span);
            }
            e
        }
    }
}

fn painted(mut e: Element, paint: &Paint) -> Element {
    match paint.fill {
        Some(colour) => {
            e.assign("fill", colour.hex());
            if paint.fill_opacity < 1.0 {
                e.assign("fill-opacity", num(paint.fill_opacity));
            }
        }
        None => e.assign("fill", "none"),
    }
    if let Some(colour) = paint.stroke {
        e.assign("stroke", colour.hex());
        e.assign("stroke-width", num(paint.stroke_width));
        if !paint.dash.is_empty() {
            let dash: Vec<String> = paint.dash.iter().map(|d| num(*d)).collect();
            e.assign("stroke-dasharray", dash.join(" "));
        }
    }
    e
}

fn point_list(points: &[Point]) -> String {
    let pairs: Vec<String> = points
        .iter()
        .map(|p| format!("{},{}", num(p.x), num(p.y)))
        .collect();
    pairs.join(" ")
}

fn path_data(steps: &[PathStep]) -> String {
    let parts: Vec<String> = steps
        .iter()
        .map(|step| match step {
            PathStep::MoveTo(p) => format!("M{},{}", num(p.x), num(p.y)),
            PathStep::LineTo(p) => format!("L{},{}", num(p.x), num(p.y)),
            PathStep::QuadTo(c, p) => {
                format!("Q{},{} {},{}", num(c.x), num(c.y), num(p.x), num(p.y))
            }
            PathStep::Close => "Z".to_string(),
        })
        .collect();
    parts.join(" ")
}

/// A rounded number in its shortest form ("12", "12.5", "-0.25").
pub fn num(value: f64) -> String {
    let rounded = round(value);
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::scene::{Colour, ItemKind, Rect};

    fn one_item_scene(title: &str, text: &str) -> Scene {
        let mut scene = Scene::new("Test");
        scene.width = 100.0;
        scene.height = 50.0;
        let mut item = Item::new(ItemKind::Label, "label-x");
        item.title = Some(title.to_string());
        item.bbox = Rect::new(0.0, 0.0, 10.0, 10.0);
        item.shapes.push(Shape::Text {
            origin: Point::new(1.0 / 3.0, 0.1 + 0.2),
            lines: vec![text.to_string()],
            size: 12.0,
            line_height: 14.0,
            anchor: Anchor::Middle,
            weight: Weight::Regular,
            colour: Colour::BLACK,
        });
        scene.items.push(item);
        scene
    }

    #[test]
    fn escapes_text_from_the_case() {
        let svg = scene(&one_item_scene(
            "<script>alert(1)</script>",
            "Tom & \"Jerry\" <b>",
        ));
        assert!(!svg.contains("<script>"));
        assert!(!svg.contains("<b>"));
        assert!(svg.contains("&lt;script&gt;"));
        assert!(svg.contains("Tom &amp;"));
        roxmltree::Document::parse(&svg).expect("well-formed XML");
    }

    #[test]
    fn writes_rounded_numbers_only() {
        let svg = scene(&one_item_scene("t", "x"));
        assert!(svg.contains("x=\"0.33\""), "{svg}");
        assert!(svg.contains("y=\"0.3\""), "{svg}");
        assert!(!svg.contains("0.30000000000000004"));
        assert_eq!(num(-0.001), "0");
        assert_eq!(num(12.0), "12");
    }
}
