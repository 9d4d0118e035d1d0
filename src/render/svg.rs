//! Writes a scene as a standalone SVG document.
//!
//! Every item becomes a `<g>` with its stable id, its kind and classes, and a `<title>` for
//! screen readers and hover. Text from the case is escaped here; nothing from
//! the case is ever written into a comment, a style sheet or a script. Every number goes
//! through [`round`] so the same scene always gives the same bytes.

use crate::layout::scene::{Anchor, Item, Paint, PathStep, Point, Scene, Shape, Weight, round};
use crate::text::FONT_FAMILY;
use std::fmt::Write;

/// The scene as SVG text.
///
/// Written straight into one string (the same bytes the `svg` crate wrote: attributes in name
/// order, one element per line), because building an element tree first took longer than
/// laying out a large family.
pub fn scene(scene: &Scene) -> String {
    let width = round(scene.width.max(1.0));
    let height = round(scene.height.max(1.0));
    let mut out = String::with_capacity(256 + scene.items.len() * 400);
    let mut e = Tag::open(&mut out, "svg");
    e.attr("font-family", FONT_FAMILY);
    e.attr("height", &num(height));
    e.attr("role", "img");
    e.attr("viewBox", &format!("0 0 {} {}", num(width), num(height)));
    e.attr("width", &num(width));
    e.attr("xmlns", "http://www.w3.org/2000/svg");
    e.end_open();
    out.push('\n');
    title(&mut out, &scene.title);
    out.push('\n');
    out.push_str(r##"<rect fill="#ffffff" height="100%" width="100%"/>"##);
    for item in &scene.items {
        out.push('\n');
        group(&mut out, item);
    }
    out.push_str("\n</svg>");
    out
}

/// An element's start tag being written; attributes must come in name order.
struct Tag<'a> {
    out: &'a mut String,
}

impl<'a> Tag<'a> {
    fn open(out: &'a mut String, name: &str) -> Tag<'a> {
        out.push('<');
        out.push_str(name);
        Tag { out }
    }

    fn attr(&mut self, name: &str, value: &str) {
        self.out.push(' ');
        self.out.push_str(name);
        self.out.push_str("=\"");
        escape_into(self.out, value, true);
        self.out.push('"');
    }

    fn end_open(self) {
        self.out.push('>');
    }

    fn end_empty(self) {
        self.out.push_str("/>");
    }
}

/// Escapes text from the case: `&`, `<` and `>` always, quotes too inside attributes.
fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\'' if attribute => out.push_str("&apos;"),
            _ => out.push(c),
        }
    }
}

fn title(out: &mut String, text: &str) {
    out.push_str("<title>");
    escape_into(out, text, false);
    out.push_str("</title>");
}

fn group(out: &mut String, item: &Item) {
    let mut class = item.kind.name().to_string();
    for extra in &item.classes {
        class.push(' ');
        class.push_str(extra);
    }
    let mut g = Tag::open(out, "g");
    g.attr("class", &class);
    g.attr("id", &item.id);
    if item.title.is_none() && item.shapes.is_empty() {
        g.end_empty();
        return;
    }
    g.end_open();
    if let Some(text) = &item.title {
        out.push('\n');
        title(out, text);
    }
    for shape in &item.shapes {
        out.push('\n');
        shape_element(out, shape);
    }
    out.push_str("\n</g>");
}

fn shape_element(out: &mut String, shape: &Shape) {
    match shape {
        Shape::Rect {
            rect,
            corner,
            paint,
        } => {
            let mut e = Tag::open(out, "rect");
            paint_before(&mut e, paint, "height");
            e.attr("height", &num(rect.height));
            paint_between(&mut e, paint, "height", "rx");
            if *corner > 0.0 {
                e.attr("rx", &num(*corner));
            }
            paint_after(&mut e, paint, "rx");
            e.attr("width", &num(rect.width));
            e.attr("x", &num(rect.x));
            e.attr("y", &num(rect.y));
            e.end_empty();
        }
        Shape::Circle {
            centre,
            radius,
            paint,
        } => {
            let mut e = Tag::open(out, "circle");
            e.attr("cx", &num(centre.x));
            e.attr("cy", &num(centre.y));
            paint_before(&mut e, paint, "r");
            e.attr("r", &num(*radius));
            paint_after(&mut e, paint, "r");
            e.end_empty();
        }
        Shape::Polygon { points, paint } | Shape::Polyline { points, paint } => {
            let name = if matches!(shape, Shape::Polygon { .. }) {
                "polygon"
            } else {
                "polyline"
            };
            let mut e = Tag::open(out, name);
            paint_before(&mut e, paint, "points");
            e.attr("points", &point_list(points));
            paint_after(&mut e, paint, "points");
            e.end_empty();
        }
        Shape::Path { steps, paint } => {
            let mut e = Tag::open(out, "path");
            e.attr("d", &path_data(steps));
            paint_before(&mut e, paint, "\u{10ffff}");
            e.end_empty();
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
            let mut e = Tag::open(out, "text");
            e.attr("fill", &colour.hex());
            e.attr("font-size", &num(*size));
            if *weight == Weight::Bold {
                e.attr("font-weight", "bold");
            }
            match anchor {
                Anchor::Start => {}
                Anchor::Middle => e.attr("text-anchor", "middle"),
                Anchor::End => e.attr("text-anchor", "end"),
            }
            e.attr("x", &num(origin.x));
            e.attr("y", &num(origin.y));
            if lines.is_empty() {
                e.end_empty();
                return;
            }
            e.end_open();
            for (i, line) in lines.iter().enumerate() {
                out.push_str("\n<tspan x=\"");
                out.push_str(&num(origin.x));
                out.push_str("\" y=\"");
                out.push_str(&num(origin.y + i as f64 * line_height));
                out.push_str("\">");
                escape_into(out, line, false);
                out.push_str("</tspan>");
            }
            out.push_str("\n</text>");
        }
    }
}

/// The painting attributes in name order, so they can be interleaved with a shape's own:
/// `fill`, `fill-opacity`, `stroke`, `stroke-dasharray`, `stroke-width`.
fn paint_attrs(paint: &Paint) -> Vec<(&'static str, String)> {
    let mut attrs = Vec::with_capacity(5);
    match paint.fill {
        Some(colour) => {
            attrs.push(("fill", colour.hex()));
            if paint.fill_opacity < 1.0 {
                attrs.push(("fill-opacity", num(paint.fill_opacity)));
            }
        }
        None => attrs.push(("fill", "none".to_string())),
    }
    if let Some(colour) = paint.stroke {
        attrs.push(("stroke", colour.hex()));
        if !paint.dash.is_empty() {
            let dash: Vec<String> = paint.dash.iter().map(|d| num(*d)).collect();
            attrs.push(("stroke-dasharray", dash.join(" ")));
        }
        attrs.push(("stroke-width", num(paint.stroke_width)));
    }
    attrs
}

/// Painting attributes that sort before `name`.
fn paint_before(e: &mut Tag, paint: &Paint, name: &str) {
    for (k, v) in paint_attrs(paint) {
        if k < name {
            e.attr(k, &v);
        }
    }
}

/// Painting attributes that sort after `after` and before `before`.
fn paint_between(e: &mut Tag, paint: &Paint, after: &str, before: &str) {
    for (k, v) in paint_attrs(paint) {
        if k > after && k < before {
            e.attr(k, &v);
        }
    }
}

/// Painting attributes that sort after `name`.
fn paint_after(e: &mut Tag, paint: &Paint, name: &str) {
    for (k, v) in paint_attrs(paint) {
        if k > name {
            e.attr(k, &v);
        }
    }
}

fn point_list(points: &[Point]) -> String {
    let mut out = String::with_capacity(points.len() * 14);
    for (i, p) in points.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        let _ = write!(out, "{},{}", num(p.x), num(p.y));
    }
    out
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
