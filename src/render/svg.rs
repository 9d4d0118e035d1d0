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
//! What each kind of shape is in SVG is one table, [`shape_element`], that the writer and the
//! test's `svg` crate oracle both write from.

use crate::layout::scene::{
    Anchor, Colour, Item, Paint, PathStep, Point, Scene, Shape, Weight, round,
};
use crate::render::escape::{xml_attribute, xml_text};
use crate::text::FONT_FAMILY;
use std::borrow::Cow;
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
fn open(out: &mut String, name: &str, attributes: &mut [(&str, impl AsRef<str>)]) {
    attributes.sort_unstable_by_key(|(key, _)| *key);
    out.push('<');
    out.push_str(name);
    for (key, value) in attributes.iter() {
        out.push(' ');
        out.push_str(key);
        out.push_str("=\"");
        xml_attribute(out, value.as_ref());
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
        write_shape(out, shape);
    }
    out.push_str("\n</g>");
}

/// One shape written as its SVG element, from the table in [`shape_element`].
fn write_shape(out: &mut String, shape: &Shape) {
    let element = shape_element(shape);
    let mut attributes: Vec<(&str, Cow<str>)> = element
        .attributes
        .iter()
        .map(|(key, value)| (*key, written(value)))
        .collect();
    open(out, element.name, &mut attributes);
    if element.lines.is_empty() {
        out.push_str("/>");
        return;
    }
    out.push('>');
    for (x, y, line) in element.tspans() {
        out.push('\n');
        open(out, "tspan", &mut [("x", num(x)), ("y", num(y))]);
        out.push('>');
        xml_text(out, line);
        out.push_str("</tspan>");
    }
    out.push_str("\n</text>");
}

/// An attribute's value as the writer writes it.
fn written<'a>(value: &'a AttributeValue) -> Cow<'a, str> {
    match value {
        AttributeValue::Number(value) => Cow::Owned(num(*value)),
        AttributeValue::Word(word) => Cow::Borrowed(word),
        AttributeValue::Colour(colour) => Cow::Owned(colour.hex()),
        AttributeValue::Dashes(dashes) => {
            let dashes: Vec<String> = dashes.iter().map(|d| num(*d)).collect();
            Cow::Owned(dashes.join(" "))
        }
        AttributeValue::Points(points) => Cow::Owned(point_list(points)),
        AttributeValue::Path(steps) => Cow::Owned(path_data(steps)),
    }
}

/// One shape as SVG: the element's name, its attributes and, for text, its lines. The writer
/// above and the test's oracle (the `svg` crate) both write from this one table, so they can
/// differ only in how they write a document, which the oracle test compares byte for byte.
struct ShapeElement<'a> {
    name: &'static str,
    /// In the order they were decided; both writers put them in name order.
    attributes: Vec<(&'static str, AttributeValue<'a>)>,
    /// A text's lines, each a `<tspan>` at `origin` moved down `line_height` a line.
    lines: &'a [String],
    origin: Point,
    line_height: f64,
}

impl ShapeElement<'_> {
    /// Each line of a text with the place its `<tspan>` starts.
    fn tspans(&self) -> impl Iterator<Item = (f64, f64, &str)> {
        self.lines.iter().enumerate().map(|(i, line)| {
            let y = self.origin.y + i as f64 * self.line_height;
            (self.origin.x, y, line.as_str())
        })
    }
}

/// An attribute's value as what it means, so that each writer writes numbers in its own way.
enum AttributeValue<'a> {
    Number(f64),
    Word(&'static str),
    Colour(Colour),
    Dashes(&'a [f64]),
    Points(&'a [Point]),
    Path(&'a [PathStep]),
}

fn shape_element(shape: &Shape) -> ShapeElement<'_> {
    use AttributeValue::{Number, Path, Points};
    match shape {
        Shape::Rect {
            rect,
            corner,
            paint,
        } => {
            let mut attributes = vec![
                ("x", Number(rect.x)),
                ("y", Number(rect.y)),
                ("width", Number(rect.width)),
                ("height", Number(rect.height)),
            ];
            if *corner > 0.0 {
                attributes.push(("rx", Number(*corner)));
            }
            painted("rect", attributes, paint)
        }
        Shape::Circle {
            centre,
            radius,
            paint,
        } => {
            let attributes = vec![
                ("cx", Number(centre.x)),
                ("cy", Number(centre.y)),
                ("r", Number(*radius)),
            ];
            painted("circle", attributes, paint)
        }
        Shape::Polygon { points, paint } => {
            painted("polygon", vec![("points", Points(points))], paint)
        }
        Shape::Polyline { points, paint } => {
            painted("polyline", vec![("points", Points(points))], paint)
        }
        Shape::Path { steps, paint } => painted("path", vec![("d", Path(steps))], paint),
        Shape::Text { .. } => text_element(shape),
    }
}

/// An element with no children: its own attributes and its paint.
fn painted<'a>(
    name: &'static str,
    mut attributes: Vec<(&'static str, AttributeValue<'a>)>,
    paint: &'a Paint,
) -> ShapeElement<'a> {
    use AttributeValue::{Colour, Dashes, Number, Word};
    match paint.fill {
        Some(colour) => {
            attributes.push(("fill", Colour(colour)));
            if paint.fill_opacity < 1.0 {
                attributes.push(("fill-opacity", Number(paint.fill_opacity)));
            }
        }
        None => attributes.push(("fill", Word("none"))),
    }
    if let Some(colour) = paint.stroke {
        attributes.push(("stroke", Colour(colour)));
        attributes.push(("stroke-width", Number(paint.stroke_width)));
        if !paint.dash.is_empty() {
            attributes.push(("stroke-dasharray", Dashes(&paint.dash)));
        }
    }
    ShapeElement {
        name,
        attributes,
        lines: &[],
        origin: Point::new(0.0, 0.0),
        line_height: 0.0,
    }
}

fn text_element(shape: &Shape) -> ShapeElement<'_> {
    use AttributeValue::{Colour, Number, Word};
    // The fields in the order the element uses them: where, how the letters look, the lines.
    let Shape::Text {
        origin,
        anchor,
        size,
        weight,
        colour,
        halo,
        lines,
        line_height,
    } = shape
    else {
        unreachable!("text_element is given text")
    };
    let mut attributes = vec![
        ("x", Number(origin.x)),
        ("y", Number(origin.y)),
        ("font-size", Number(*size)),
        ("fill", Colour(*colour)),
    ];
    if *halo > 0.0 {
        // The outline is painted first, under the letters (SVG 2 `paint-order`).
        attributes.push(("stroke", Word("#ffffff")));
        attributes.push(("stroke-width", Number(*halo)));
        attributes.push(("stroke-linejoin", Word("round")));
        attributes.push(("paint-order", Word("stroke")));
    }
    match anchor {
        Anchor::Start => {}
        Anchor::Middle => attributes.push(("text-anchor", Word("middle"))),
        Anchor::End => attributes.push(("text-anchor", Word("end"))),
    }
    if *weight == Weight::Bold {
        attributes.push(("font-weight", Word("bold")));
    }
    ShapeElement {
        name: "text",
        attributes,
        lines,
        origin: *origin,
        line_height: *line_height,
    }
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
    use super::AttributeValue;
    use crate::layout::scene::{Item, PathStep, Point, Scene, Shape, round};
    use crate::text::FONT_FAMILY;
    use svg::node::element::{self, Element, Group};
    use svg::{Document, Node};

    /// The scene written through the `svg` crate's element tree: the reference the streaming
    /// writer must match byte for byte. It takes each shape's element from the writer's own
    /// table, and writes the document, numbers, points and path data itself.
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
        let table = super::shape_element(shape);
        let mut e = Element::new(table.name);
        for (key, value) in &table.attributes {
            e.assign(*key, written(value));
        }
        for (x, y, line) in table.tspans() {
            let mut span = Element::new("tspan");
            span.assign("x", number(x));
            span.assign("y", number(y));
            span.append(svg::node::Text::new(line));
            e.append(span);
        }
        e
    }

    fn written(value: &AttributeValue) -> String {
        match value {
            AttributeValue::Number(value) => number(*value),
            AttributeValue::Word(word) => word.to_string(),
            AttributeValue::Colour(colour) => colour.hex(),
            AttributeValue::Dashes(dashes) => {
                let dashes: Vec<String> = dashes.iter().map(|d| number(*d)).collect();
                dashes.join(" ")
            }
            AttributeValue::Points(points) => point_list(points),
            AttributeValue::Path(steps) => path_data(steps),
        }
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
        let mut scene = Scene::with_size("Test", 100.0, 50.0);
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
