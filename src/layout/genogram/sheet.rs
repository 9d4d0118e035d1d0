//! The sheet around the family: the title block and a legend of exactly what was drawn.

use super::draw::{self, Ending, Form, INK, LINE, PartnerLine};
use super::{DeceasedStyle, Focus, MARGIN};
use crate::layout::scene::{
    Anchor, Colour, Item, ItemKind, LegendEntry, Paint, Point, Rect, Shape, Weight,
};
use crate::model::{
    Case, CaseDetails, ChildLink, LossKind, PersonKind, RelationshipKind, Zygosity,
};
use crate::text;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// One thing the legend explains. Collected while drawing, so the legend lists only what
/// the drawing uses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Key {
    Form(Form),
    Subject,
    Deceased(DeceasedStyle),
    Unknown,
    Group,
    Pregnancy,
    Loss(LossKind),
    Partner(PartnerLine),
    Ending(Ending, bool),
    BloodPartners,
    Child(ChildLink),
    Twins(Zygosity),
    Emotional(RelationshipKind),
    Household(usize),
}

pub(super) struct Block {
    pub items: Vec<Item>,
    /// The key's entries, one per item: empty for the title block.
    pub legend: Vec<LegendEntry>,
    pub width: f64,
    pub height: f64,
    pub bottom: f64,
}

const TITLE_SIZE: f64 = 18.0;
const TEXT_SIZE: f64 = 11.0;

fn date(d: NaiveDate) -> String {
    d.format("%-d %b %Y").to_string()
}

/// The title block: what a printed copy needs to be identified and matched to its file.
pub(super) fn title_block(
    case: &Case,
    as_at: NaiveDate,
    left_out: usize,
    focus: &Option<Focus>,
) -> Block {
    let d = &case.details;
    let lines = identifying_lines(case, as_at, left_out, focus);
    let title = if d.title.is_empty() {
        "Genogram".to_string()
    } else {
        format!("Genogram: {}", d.title)
    };
    let title_lines = text::wrap(&title, TITLE_SIZE, Weight::Bold, 640.0);
    let body: Vec<String> = lines
        .iter()
        .flat_map(|l| text::wrap(l, TEXT_SIZE, Weight::Regular, 640.0))
        .collect();
    let width = text::widest(&title_lines, TITLE_SIZE, Weight::Bold).max(text::widest(
        &body,
        TEXT_SIZE,
        Weight::Regular,
    ));
    let title_h = title_lines.len() as f64 * TITLE_SIZE * 1.2;
    let height = title_h + 4.0 + body.len() as f64 * TEXT_SIZE * 1.3;
    let mut item = Item::new(ItemKind::Title, "title");
    item.people = d.subjects.iter().map(|p| p.0.clone()).collect();
    item.bbox = Rect::new(MARGIN, MARGIN, width, height);
    item.shapes.push(left_text(
        Point::new(MARGIN, MARGIN + TITLE_SIZE * 0.93),
        title_lines,
        (TITLE_SIZE, TITLE_SIZE * 1.2),
        Weight::Bold,
    ));
    item.shapes.push(left_text(
        Point::new(MARGIN, MARGIN + title_h + 4.0 + TEXT_SIZE * 0.93),
        body,
        (TEXT_SIZE, TEXT_SIZE * 1.3),
        Weight::Regular,
    ));
    item.title = Some(lines.join("; "));
    Block {
        items: vec![item],
        legend: Vec::new(),
        width,
        height,
        bottom: MARGIN + height,
    }
}

/// The lines under the title, each only when the case gives it: the reference, the
/// subject children, the date the drawing is as at (and what cutting to that date left
/// out), who prepared it and when, the source file, and which part of the family is shown.
fn identifying_lines(
    case: &Case,
    as_at: NaiveDate,
    left_out: usize,
    focus: &Option<Focus>,
) -> Vec<String> {
    let d = &case.details;
    let mut lines: Vec<String> = Vec::new();
    if !d.reference.is_empty() {
        lines.push(format!("Case reference: {}", d.reference));
    }
    lines.extend(subjects_line(case));
    lines.push(format!("Drawn as at {}", date(as_at)));
    if let Some(sentence) = d.cut.filter(|c| c.date == as_at).and_then(|c| c.sentence()) {
        lines.push(sentence);
    }
    lines.extend(prepared_line(d));
    lines.extend(source_line(d));
    if let Some(f) = focus {
        lines.push(format!(
            "Part of the family: {} generation(s) up and {} down from {}; {} people not shown",
            f.up,
            f.down,
            case.person(&f.person)
                .map(|p| p.display_name().to_string())
                .unwrap_or_else(|| f.person.0.clone()),
            left_out
        ));
    }
    lines
}

fn subjects_line(case: &Case) -> Option<String> {
    let subjects: Vec<String> = case
        .details
        .subjects
        .iter()
        .filter_map(|id| case.person(id))
        .map(|p| p.display_name().to_string())
        .collect();
    let word = match subjects.len() {
        0 => return None,
        1 => "Subject child",
        _ => "Subject children",
    };
    Some(format!("{word}: {}", subjects.join(", ")))
}

fn prepared_line(d: &CaseDetails) -> Option<String> {
    match (&d.author, d.prepared) {
        (Some(a), Some(p)) => Some(format!("Prepared by {a}, {}", date(p))),
        (Some(a), None) => Some(format!("Prepared by {a}")),
        (None, Some(p)) => Some(format!("Prepared {}", date(p))),
        (None, None) => None,
    }
}

/// The case file's name and hash, so a printed copy can be matched to its file.
fn source_line(d: &CaseDetails) -> Option<String> {
    if d.source_name.is_empty() && d.source_hash.is_empty() {
        return None;
    }
    let mut source = String::from("Source");
    if !d.source_name.is_empty() {
        source.push_str(&format!(": {}", d.source_name));
    }
    if !d.source_hash.is_empty() {
        source.push_str(&format!(" (hash {})", d.source_hash));
    }
    Some(source)
}

/// Black text set from the left with no halo, as the title block and the key write it.
/// `(size, line_height)` go together.
fn left_text(
    origin: Point,
    lines: Vec<String>,
    (size, line_height): (f64, f64),
    weight: Weight,
) -> Shape {
    Shape::Text {
        origin,
        lines,
        size,
        line_height,
        anchor: Anchor::Start,
        weight,
        colour: INK,
        halo: 0.0,
    }
}

const ENTRY_HEIGHT: f64 = 26.0;
const SAMPLE: f64 = 46.0;
const COLUMN: f64 = 290.0;

/// The legend: one entry per key used, in columns that fit the drawing's width.
pub(super) fn legend(
    keys: &BTreeSet<Key>,
    case: &Case,
    _as_at: NaiveDate,
    available: f64,
    top: f64,
) -> Block {
    let entries: Vec<(String, String, Vec<Shape>, f64)> = keys
        .iter()
        .map(|k| {
            let (slug, text) = describe(*k, case);
            (slug, text, Vec::new(), 0.0)
        })
        .collect();
    let columns = ((available - 2.0 * MARGIN) / COLUMN).floor().max(1.0) as usize;
    let per_column = entries.len().div_ceil(columns.max(1)).max(1);
    let mut items = Vec::new();
    let heading_y = top + 14.0;
    let mut heading = Item::new(ItemKind::Legend, "legend");
    heading.shapes.push(left_text(
        Point::new(MARGIN, heading_y),
        vec!["Key".into()],
        (13.0, 16.0),
        Weight::Bold,
    ));
    heading.bbox = Rect::new(MARGIN, heading_y - 12.0, 30.0, 16.0);
    items.push(heading);
    let start_y = heading_y + 10.0;
    let mut bottom = start_y;
    let mut width: f64 = 0.0;
    for (i, ((slug, label, _, _), key)) in entries.into_iter().zip(keys.iter()).enumerate() {
        let col = i / per_column;
        let row = i % per_column;
        let x = MARGIN + col as f64 * COLUMN;
        let y = start_y + row as f64 * ENTRY_HEIGHT;
        let centre = Point::new(x + SAMPLE / 2.0, y + ENTRY_HEIGHT / 2.0);
        let mut item = Item::new(ItemKind::Legend, format!("legend-{slug}"));
        item.shapes = sample(*key, centre, case);
        let lines = text::wrap(&label, 10.5, Weight::Regular, COLUMN - SAMPLE - 16.0);
        let text_h = lines.len() as f64 * 12.0;
        item.shapes.push(left_text(
            Point::new(x + SAMPLE + 8.0, centre.y - text_h / 2.0 + 9.5),
            lines.clone(),
            (10.5, 12.0),
            Weight::Regular,
        ));
        let w = SAMPLE + 8.0 + text::widest(&lines, 10.5, Weight::Regular);
        item.bbox = Rect::new(x, y, w, ENTRY_HEIGHT);
        item.title = Some(label);
        width = width.max(col as f64 * COLUMN + w);
        bottom = bottom.max(y + ENTRY_HEIGHT);
        items.push(item);
    }
    let legend = items
        .iter()
        .filter_map(|i| LegendEntry::new(i.shapes.clone(), i.id == "legend"))
        .collect();
    Block {
        items,
        legend,
        width,
        height: bottom - top,
        bottom,
    }
}

fn describe(key: Key, case: &Case) -> (String, String) {
    let (slug, text): (String, String) = match key {
        Key::Form(Form::Square) => ("male".into(), "male".into()),
        Key::Form(Form::Circle) => ("female".into(), "female".into()),
        Key::Form(Form::Diamond) => (
            "gender-unknown".into(),
            "non-binary, or gender not recorded".into(),
        ),
        Key::Form(Form::Triangle) => ("triangle".into(), "pregnancy".into()),
        Key::Subject => ("subject".into(), "subject child (double outline)".into()),
        Key::Deceased(DeceasedStyle::Cross) => {
            ("deceased".into(), "deceased (age at death inside)".into())
        }
        Key::Deceased(DeceasedStyle::Slash) => ("deceased".into(), "deceased".into()),
        Key::Unknown => ("unknown".into(), "person not known (?)".into()),
        Key::Group => ("group".into(), "several people (number inside)".into()),
        Key::Pregnancy => ("pregnancy".into(), "pregnancy (expected date below)".into()),
        Key::Loss(LossKind::Miscarriage) => ("miscarriage".into(), "miscarriage".into()),
        Key::Loss(LossKind::Termination) => ("termination".into(), "termination".into()),
        Key::Loss(LossKind::Stillbirth) => ("stillbirth".into(), "stillbirth (SB)".into()),
        Key::Partner(line) => (
            format!("partners-{}", super::look::kebab(&format!("{line:?}"))),
            line.name().into(),
        ),
        Key::Ending(Ending::Separated, false) => ("separated".into(), "separated".into()),
        Key::Ending(Ending::Divorced, false) => ("divorced".into(), "divorced / dissolved".into()),
        Key::Ending(_, true) => ("reconciled".into(), "separated, then reconciled".into()),
        Key::BloodPartners => (
            "blood-relatives".into(),
            "partners who are blood relatives (double line)".into(),
        ),
        Key::Child(link) => (
            format!("child-{}", super::route::link_class(link)),
            draw::child_link_name(link).into(),
        ),
        Key::Twins(z) => (
            format!("twins-{}", super::look::kebab(&format!("{z:?}"))),
            match z {
                Zygosity::Identical => "identical twins",
                Zygosity::Fraternal => "fraternal twins",
                Zygosity::Unknown => "twins, not known if identical (?)",
            }
            .into(),
        ),
        Key::Emotional(kind) => (
            super::look::kebab(&format!("{kind:?}")),
            draw::relationship_name(kind).into(),
        ),
        Key::Household(h) => (
            format!("household-{}", h + 1),
            format!(
                "household: {}",
                case.households
                    .get(h)
                    .map(|x| x.name.as_str())
                    .unwrap_or("")
            ),
        ),
    };
    (slug, text)
}

/// The symbol forms the case's stillbirths are drawn in, each once, in a fixed order.
fn stillbirth_forms(case: &Case) -> Vec<Form> {
    let forms: BTreeSet<Form> = case
        .people
        .iter()
        .filter(|p| matches!(p.kind, PersonKind::Loss(LossKind::Stillbirth)))
        .map(|p| draw::form(p.gender))
        .collect();
    if forms.is_empty() {
        vec![Form::Square]
    } else {
        forms.into_iter().collect()
    }
}

/// The key's drawing of one thing, centred on `c`, drawn as the genogram draws it but
/// small.
fn sample(key: Key, c: Point, case: &Case) -> Vec<Shape> {
    let r = SAMPLE_R;
    let paint = Paint::line(INK, LINE).filled(Colour::WHITE);
    let line_paint = Paint::line(INK, LINE);
    let left = Point::new(c.x - SAMPLE / 2.0 + 2.0, c.y);
    let right = Point::new(c.x + SAMPLE / 2.0 - 2.0, c.y);
    match key {
        Key::Form(form) => vec![draw::outline(form, c, r, paint)],
        Key::Subject => vec![
            draw::outline(Form::Circle, c, r, paint),
            draw::outline(Form::Circle, c, r + 3.0, line_paint),
        ],
        Key::Deceased(style) => {
            let mut s = vec![draw::outline(Form::Square, c, r, paint)];
            match style {
                DeceasedStyle::Cross => s.extend(draw::cross(c, r, &line_paint)),
                DeceasedStyle::Slash => s.push(draw::slash(c, r, &line_paint)),
            }
            s
        }
        Key::Unknown => vec![
            draw::outline(Form::Square, c, r, paint),
            sample_text("?", c),
        ],
        Key::Group => vec![
            draw::outline(Form::Square, c, r, paint),
            sample_text("3", c),
        ],
        Key::Pregnancy => vec![draw::outline(Form::Triangle, c, r * 0.8, paint)],
        Key::Loss(LossKind::Stillbirth) => stillbirths_sample(case, c),
        Key::Loss(kind) => {
            let size = r * 0.8;
            let mut s = vec![draw::outline(Form::Triangle, c, size, paint)];
            s.extend(draw::loss_marks(kind, c, size, &line_paint));
            s
        }
        Key::Partner(line) => draw::partner_line(&[left, right], line, false),
        Key::Ending(ending, reconciled) => {
            let mut s = draw::partner_line(&[left, right], PartnerLine::Married, false);
            s.extend(draw::ending_marks(c, ending, reconciled));
            s
        }
        Key::BloodPartners => draw::partner_line(&[left, right], PartnerLine::Married, true),
        Key::Child(link) => child_sample(link, c),
        Key::Twins(z) => twins_sample(z, c),
        Key::Emotional(kind) => draw::relationship(kind, &[left, right], kind.is_directed()),
        Key::Household(h) => household_sample(h, c),
    }
}

/// The radius of a symbol in the key.
const SAMPLE_R: f64 = 8.5;

/// A few letters written inside a sample ("?", "3").
fn sample_text(t: &str, at: Point) -> Shape {
    Shape::Text {
        origin: Point::new(at.x, at.y + 3.5),
        lines: vec![t.to_string()],
        size: 9.0,
        line_height: 10.0,
        anchor: Anchor::Middle,
        weight: Weight::Bold,
        colour: INK,
        halo: 0.0,
    }
}

/// A stillbirth is drawn in the symbol of the baby's gender (a diamond when not recorded):
/// the key shows each form drawn, side by side.
fn stillbirths_sample(case: &Case, c: Point) -> Vec<Shape> {
    let paint = Paint::line(INK, LINE).filled(Colour::WHITE);
    let forms = stillbirth_forms(case);
    let size = SAMPLE_R * 0.6;
    let step = size * 2.0 + 6.0;
    let first = c.x - step * (forms.len() as f64 - 1.0) / 2.0;
    let mut s = Vec::new();
    for (n, form) in forms.into_iter().enumerate() {
        let at = Point::new(first + step * n as f64, c.y);
        s.push(draw::outline(form, at, size, paint.clone()));
        s.extend(draw::loss_marks(
            LossKind::Stillbirth,
            at,
            size,
            &Paint::line(INK, LINE),
        ));
    }
    s
}

/// A child's line down from a sibship bar, dashed as the child's link is.
fn child_sample(link: ChildLink, c: Point) -> Vec<Shape> {
    vec![
        Shape::Polyline {
            points: vec![Point::new(c.x, c.y - 10.0), Point::new(c.x, c.y + 10.0)],
            paint: Paint::line(INK, LINE).dashed(draw::child_dash(link)),
        },
        Shape::Polyline {
            points: vec![
                Point::new(c.x - 12.0, c.y - 10.0),
                Point::new(c.x + 12.0, c.y - 10.0),
            ],
            paint: Paint::line(INK, LINE),
        },
    ]
}

/// Twins' lines from one point, with a bar between them for identical twins and a "?"
/// when it is not known.
fn twins_sample(z: Zygosity, c: Point) -> Vec<Shape> {
    let line_paint = Paint::line(INK, LINE);
    let apex = Point::new(c.x, c.y - 10.0);
    let a = Point::new(c.x - 10.0, c.y + 10.0);
    let b = Point::new(c.x + 10.0, c.y + 10.0);
    let mut s = vec![
        draw::segment(apex, a, line_paint.clone()),
        draw::segment(apex, b, line_paint.clone()),
    ];
    match z {
        Zygosity::Identical => s.push(draw::segment(
            Point::new(c.x - 4.5, c.y - 1.0),
            Point::new(c.x + 4.5, c.y - 1.0),
            line_paint,
        )),
        Zygosity::Unknown => s.push(sample_text("?", Point::new(c.x, c.y + 4.0))),
        Zygosity::Fraternal => {}
    }
    s
}

/// A household's tinted, outlined box, in that household's colour and dash.
fn household_sample(h: usize, c: Point) -> Vec<Shape> {
    let (colour, dash) = draw::household_style(h);
    vec![Shape::Rect {
        rect: Rect::new(c.x - SAMPLE / 2.0 + 2.0, c.y - 10.0, SAMPLE - 4.0, 20.0),
        corner: 7.0,
        paint: Paint::line(colour, 1.4)
            .dashed(dash)
            .filled(colour)
            .with_opacity(0.08),
    }]
}
