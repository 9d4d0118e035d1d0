//! Writes a scene as a standalone SVG document.
//!
//! Every item becomes a `<g>` with its stable id, its kind and classes, and a `<title>` for
//! screen readers and hover. Text from the case is escaped by `render::escape` (`&`, `<`, `>` in
//! text, and quotes and line breaks too in attributes); nothing from the case is ever written into a comment, a style
//! sheet or a script. Every number goes through [`round`] so the same scene always gives the
//! same bytes.
//!
//! The document is written straight into one string, attributes in name order, in exactly
//! the form the `svg` crate writes (a test compares the two on every kind of shape): building
//! the crate's element tree first cost more than the whole layout for a 10,000-entry timeline.

use crate::layout::scene::{Anchor, Item, Paint, PathStep, Point, Scene, Shape, Weight, round};
use crate::render::escape::{xml_attribute, xml_text};
use crate::text::FONT_FAMILY;
use std::fmt::Write;

/// The scene's SVG for a page of HTML, without the namespace declaration: the HTML parser puts
/// `<svg>` in its namespace itself, and leaving it out keeps the page free of any web address.
pub(crate) fn inline(scene: &Scene) -> String {
    self::scene(scene).replacen(" xmlns=\"http://www.w3.org/2000/svg\"", "", 1)
}

/// The scene as SVG text.
pub fn scene(scene: &Scene) -> String {
    let width = num(round(scene.width.max(1.0)));
    let height = num(round(scene.height.max(1.0)));
    let mut out = String::with_capacity(512 + scene.items.len() * 600);
    let view_box = format!("0 0 {width} {height}");
    open(
        &mut out,
        "svg",
        &mut [
            ("viewBox", view_box.as_str()),
            ("width", &width),
            ("height", &height),
            ("font-family", FONT_FAMILY),
            ("role", "img"),
            ("xmlns", "http://www.w3.org/2000/svg"),
        ],
    );
    out.push_str(">\n<title>");
    xml_text(&mut out, &scene.title);
    out.push_str("</title>\n<rect fill=\"#ffffff\" height=\"100%\" width=\"100%\"/>");
    for item in &scene.items {
        out.push('\n');
        group(&mut out, item);
    }
    out.push_str("\n</svg>");
    out
}

/// Writes `<name` and its attributes in name order (the order the `svg` crate uses).
fn open(out: &mut String, name: &str, attributes: &mut [(&str, &str)]) {
    attributes.sort_unstable_by_key(|(key, _)| *key);
    out.push('<');
    out.push_str(name);
    for (key, value) in attributes.iter() {
        out.push(' ');
        out.push_str(key);
        out.push_str("=\"");
        xml_attribute(out, value);
        out.push('"');
    }
}

fn group(out: &mut String, item: &Item) {
    let mut class = item.kind.name().to_string();
    for extra in &item.classes {
        class.push(' ');
        class.push_str(extra);
    }
    open(out, "g", &mut [("id", item.id.as_str()), ("class", &class)]);
    if item.title.is_none() && item.shapes.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    if let Some(title) = &item.title {
        out.push_str("\n<title>");
        xml_text(out, title);
        out.push_str("</title>");
    }
    for shape in &item.shapes {
        out.push('\n');
        shape_element(out, shape);
    }
    out.push_str("\n</g>");
}

/// One shape as its SVG element. Longer than most functions because it is one table, an arm
/// per kind of shape, each written exactly as the `svg` crate writes it (the oracle test below
/// has the same table): split up, the two would no longer be compared arm by arm.
fn shape_element(out: &mut String, shape: &Shape) {
    match shape {
        Shape::Rect {
            rect,
            corner,
            paint,
        } => {
            let (x, y, w, h) = (num(rect.x), num(rect.y), num(rect.width), num(rect.height));
            let rx = num(*corner);
            let mut a = vec![("x", x.as_str()), ("y", &y), ("width", &w), ("height", &h)];
            if *corner > 0.0 {
                a.push(("rx", &rx));
            }
            painted(out, "rect", a, paint);
        }
        Shape::Circle {
            centre,
            radius,
            paint,
        } => {
            let (cx, cy, r) = (num(centre.x), num(centre.y), num(*radius));
            painted(
                out,
                "circle",
                vec![("cx", &cx), ("cy", &cy), ("r", &r)],
                paint,
            );
        }
        Shape::Polygon { points, paint } => {
            let p = point_list(points);
            painted(out, "polygon", vec![("points", &p)], paint);
        }
        Shape::Polyline { points, paint } => {
            let p = point_list(points);
            painted(out, "polyline", vec![("points", &p)], paint);
        }
        Shape::Path { steps, paint } => {
            let d = path_data(steps);
            painted(out, "path", vec![("d", &d)], paint);
        }
        Shape::Text {
            origin,
            lines,
            size,
            line_height,
            anchor,
            weight,
            colour,
            halo,
        } => {
            let (x, y, font_size, fill) = (num(origin.x), num(origin.y), num(*size), colour.hex());
            let halo_width = num(*halo);
            let mut a = vec![
                ("x", x.as_str()),
                ("y", &y),
                ("font-size", &font_size),
                ("fill", &fill),
            ];
            if *halo > 0.0 {
                // The outline is painted first, under the letters (SVG 2 `paint-order`).
                a.push(("stroke", "#ffffff"));
                a.push(("stroke-width", &halo_width));
                a.push(("stroke-linejoin", "round"));
                a.push(("paint-order", "stroke"));
            }
            match anchor {
                Anchor::Start => {}
                Anchor::Middle => a.push(("text-anchor", "middle")),
                Anchor::End => a.push(("text-anchor", "end")),
            }
            if *weight == Weight::Bold {
                a.push(("font-weight", "bold"));
            }
            open(out, "text", &mut a);
            if lines.is_empty() {
                out.push_str("/>");
                return;
            }
            out.push('>');
            for (i, line) in lines.iter().enumerate() {
                let line_y = num(origin.y + i as f64 * line_height);
                out.push('\n');
                open(out, "tspan", &mut [("x", x.as_str()), ("y", &line_y)]);
                out.push('>');
                xml_text(out, line);
                out.push_str("</tspan>");
            }
            out.push_str("\n</text>");
        }
    }
}

/// Writes an element with no children: its own attributes and its paint.
fn painted(out: &mut String, name: &str, own: Vec<(&str, &str)>, paint: &Paint) {
    let fill = paint.fill.map(|c| c.hex());
    let opacity = num(paint.fill_opacity);
    let stroke = paint.stroke.map(|c| c.hex());
    let stroke_width = num(paint.stroke_width);
    let dash: Vec<String> = paint.dash.iter().map(|d| num(*d)).collect();
    let dash = dash.join(" ");
    let mut a: Vec<(&str, &str)> = own;
    match &fill {
        Some(colour) => {
            a.push(("fill", colour));
            if paint.fill_opacity < 1.0 {
                a.push(("fill-opacity", &opacity));
            }
        }
        None => a.push(("fill", "none")),
    }
    if let Some(colour) = &stroke {
        a.push(("stroke", colour));
        a.push(("stroke-width", &stroke_width));
        if !paint.dash.is_empty() {
            a.push(("stroke-dasharray", &dash));
        }
    }
    open(out, name, &mut a);
    out.push_str("/>");
}

fn point_list(points: &[Point]) -> String {
    let mut out = String::with_capacity(points.len() * 12);
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
pub(crate) fn num(value: f64) -> String {
    let rounded = round(value);
    if rounded.fract() == 0.0 && rounded.abs() < 1e15 {
        format!("{}", rounded as i64)
    } else {
        format!("{rounded}")
    }
}

#[cfg(test)]
mod oracle {
    use crate::layout::scene::{Anchor, Item, Paint, PathStep, Point, Scene, Shape, Weight, round};
    use crate::text::FONT_FAMILY;
    use svg::node::element::{self, Element, Group};
    use svg::{Document, Node};

    /// The scene written through the `svg` crate's element tree: the reference the streaming
    /// writer must match byte for byte.
    pub fn scene(scene: &Scene) -> String {
        let width = round(scene.width.max(1.0));
        let height = round(scene.height.max(1.0));
        let mut document = Document::new()
            .set(
                "viewBox",
                format!("0 0 {} {}", number(width), number(height)),
            )
            .set("width", number(width))
            .set("height", number(height))
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
                e.assign("x", number(rect.x));
                e.assign("y", number(rect.y));
                e.assign("width", number(rect.width));
                e.assign("height", number(rect.height));
                if *corner > 0.0 {
                    e.assign("rx", number(*corner));
                }
                painted(e, paint)
            }
            Shape::Circle {
                centre,
                radius,
                paint,
            } => {
                let mut e = Element::new("circle");
                e.assign("cx", number(centre.x));
                e.assign("cy", number(centre.y));
                e.assign("r", number(*radius));
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
                halo,
            } => {
                let mut e = Element::new("text");
                e.assign("x", number(origin.x));
                e.assign("y", number(origin.y));
                e.assign("font-size", number(*size));
                e.assign("fill", colour.hex());
                if *halo > 0.0 {
                    e.assign("stroke", "#ffffff");
                    e.assign("stroke-width", number(*halo));
                    e.assign("stroke-linejoin", "round");
                    e.assign("paint-order", "stroke");
                }
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
                    span.assign("x", number(origin.x));
                    span.assign("y", number(origin.y + i as f64 * line_height));
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
                    e.assign("fill-opacity", number(paint.fill_opacity));
                }
            }
            None => e.assign("fill", "none"),
        }
        if let Some(colour) = paint.stroke {
            e.assign("stroke", colour.hex());
            e.assign("stroke-width", number(paint.stroke_width));
            if !paint.dash.is_empty() {
                let dash: Vec<String> = paint.dash.iter().map(|d| number(*d)).collect();
                e.assign("stroke-dasharray", dash.join(" "));
            }
        }
        e
    }

    /// Numbers as the oracle writes them, independently of the writer: rounded to hundredths,
    /// then Rust's shortest decimal form (12.0 prints as "12").
    fn number(value: f64) -> String {
        round(value).to_string()
    }

    fn point_list(points: &[Point]) -> String {
        let pairs: Vec<String> = points
            .iter()
            .map(|p| [number(p.x), number(p.y)].join(","))
            .collect();
        pairs.join(" ")
    }

    /// Path data as the SVG grammar reads it: a command letter, then its points as x,y pairs
    /// separated by spaces.
    fn path_data(steps: &[PathStep]) -> String {
        let mut parts = Vec::new();
        for step in steps {
            let (command, points) = match step {
                PathStep::MoveTo(p) => ('M', vec![*p]),
                PathStep::LineTo(p) => ('L', vec![*p]),
                PathStep::QuadTo(c, p) => ('Q', vec![*c, *p]),
                PathStep::Close => ('Z', vec![]),
            };
            parts.push(format!("{command}{}", point_list(&points)));
        }
        parts.join(" ")
    }
}

#[cfg(test)]
mod tests {
    use super::scene as scene_svg;
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
            halo: 0.0,
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
    fn writes_exactly_what_the_svg_crate_writes() {
        let mut scene = one_item_scene("Tom's <\"title\"> & co", "a < b & 'c'");
        scene.title = String::new();
        let mut item = Item::new(ItemKind::Entry, "entry-1");
        item.classes = vec!["high".into(), "disputed".into()];
        let paint = Paint::line(Colour::BLACK, 1.5)
            .filled(Colour::GREY)
            .with_opacity(0.3)
            .dashed(&[2.0, 1.5]);
        item.shapes = vec![
            Shape::Rect {
                rect: Rect::new(0.1, 0.2, 3.0, 4.0),
                corner: 2.0,
                paint: paint.clone(),
            },
            Shape::Rect {
                rect: Rect::new(1.0, 2.0, 3.0, 4.0),
                corner: 0.0,
                paint: Paint::fill(Colour::WHITE),
            },
            Shape::Circle {
                centre: Point::new(1.0, 1.0),
                radius: 4.0,
                paint: Paint::line(Colour::GREY, 1.0),
            },
            Shape::Polygon {
                points: vec![Point::new(0.0, 0.0), Point::new(1.0 / 3.0, 2.0)],
                paint: paint.clone(),
            },
            Shape::Polyline {
                points: vec![
                    Point::new(0.1 + 0.2, -0.001),
                    Point::new(123_456.789, -7.005),
                    Point::new(1e9, 2.5),
                ],
                paint: Paint::line(Colour::BLACK, 0.75),
            },
            Shape::Polyline {
                points: vec![],
                paint: Paint::default(),
            },
            Shape::Path {
                steps: vec![
                    PathStep::MoveTo(Point::new(0.0, 0.0)),
                    PathStep::LineTo(Point::new(1.0, 1.0)),
                    PathStep::QuadTo(Point::new(2.0, 2.0), Point::new(3.0, 0.5)),
                    PathStep::Close,
                ],
                paint,
            },
            Shape::Text {
                origin: Point::new(1.0, 2.0),
                lines: vec!["One".into(), String::new(), "<b>\"x\"</b>".into()],
                size: 10.0,
                line_height: 12.5,
                anchor: Anchor::End,
                weight: Weight::Bold,
                colour: Colour::GREY,
                halo: 3.0,
            },
            Shape::Text {
                origin: Point::new(1.0, 2.0),
                lines: vec![],
                size: 10.0,
                line_height: 12.5,
                anchor: Anchor::Start,
                weight: Weight::Regular,
                colour: Colour::GREY,
                halo: 0.0,
            },
        ];
        scene.items.push(item);
        scene.items.push(Item::new(ItemKind::Band, "empty"));
        assert_eq!(scene_svg(&scene), oracle::scene(&scene));
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
