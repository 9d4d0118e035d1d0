//! How each person is drawn: symbol, what is written inside it, and the label under it.

use super::draw::{self, Form, INK, LINE};
use super::sheet::Key;
use super::{
    DETAIL_SIZE, DeceasedStyle, Frame, INSIDE_SIZE, LABEL_HALO, LABEL_WIDTH, LABEL_WIDTH_MAX,
    NAME_SIZE, R,
};
use crate::graph::Family;
use crate::layout::scene::{Anchor, Colour, Item, ItemKind, Paint, Point, Rect, Shape, Weight};
use crate::model::{Case, ChildLink, Gender, LossKind, Person, PersonKind};
use crate::text;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Everything that decides how one person is drawn.
pub(super) struct Look {
    pub form: Form,
    /// The symbol's radius (smaller for pregnancies and losses).
    pub r: f64,
    /// The age or count written inside the symbol.
    inside: Option<String>,
    /// The name and detail lines under the symbol, already wrapped to the label's width.
    name: Vec<String>,
    details: Vec<String>,
    /// The label's size, which decides how far apart people sit and how tall a row is.
    pub label_width: f64,
    pub label_height: f64,
    /// The room the symbol takes on its row, with its double outline or brackets.
    pub symbol_width: f64,
    pub adopted: bool,
    pub subject: bool,
}

pub(super) fn line_height(size: f64) -> f64 {
    size * 1.2
}

pub(super) fn look(case: &Case, person: &Person, as_at: NaiveDate, adopted: bool) -> Look {
    let (form, r) = symbol_form(person);
    let subject = case.is_subject(&person.id);
    let name = wrapped(&name_text(person), NAME_SIZE, Weight::Bold);
    let details: Vec<String> = detail_lines(person)
        .iter()
        .flat_map(|d| wrapped(d, DETAIL_SIZE, Weight::Regular))
        .collect();
    let label_width = text::widest(&name, NAME_SIZE, Weight::Bold).max(text::widest(
        &details,
        DETAIL_SIZE,
        Weight::Regular,
    ));
    let label_height = name.len() as f64 * line_height(NAME_SIZE)
        + details.len() as f64 * line_height(DETAIL_SIZE);
    Look {
        form,
        r,
        inside: written_inside(person, as_at),
        name,
        details,
        label_width,
        label_height,
        symbol_width: symbol_width(form, r, subject, adopted),
        adopted,
        subject,
    }
}

/// The symbol's form and radius: a person's gender decides the form, except for a
/// pregnancy and a miscarriage or termination (a triangle); pregnancies and losses are
/// drawn smaller than people.
fn symbol_form(person: &Person) -> (Form, f64) {
    match &person.kind {
        PersonKind::Individual | PersonKind::Group { .. } => (draw::form(person.gender), R),
        PersonKind::Pregnancy => (Form::Triangle, R * 0.7),
        PersonKind::Loss(LossKind::Stillbirth) => (draw::form(person.gender), R * 0.55),
        PersonKind::Loss(_) => (Form::Triangle, R * 0.6),
    }
}

/// What is written inside the symbol: a person's age (or "?" for a person not known), or
/// how many people a group stands for.
fn written_inside(person: &Person, as_at: NaiveDate) -> Option<String> {
    match &person.kind {
        PersonKind::Individual if person.unknown => Some("?".to_string()),
        // Died, date not known: no age can be given honestly.
        PersonKind::Individual if person.deceased && person.died.is_none() => None,
        PersonKind::Individual => person.years_text_at(as_at),
        PersonKind::Group { count } => Some(count.to_string()),
        PersonKind::Pregnancy | PersonKind::Loss(_) => None,
    }
}

/// The name line under the symbol. A pregnancy or loss with no name given is left unnamed
/// rather than showing a placeholder.
fn name_text(person: &Person) -> String {
    match (&person.kind, person.name.is_empty(), &person.known_as) {
        (PersonKind::Loss(_) | PersonKind::Pregnancy, true, None) => String::new(),
        _ => person.display_name().to_string(),
    }
}

/// The detail lines under the name, before wrapping: dates (or what a pregnancy or loss
/// was), sex at birth, role, then notes shortest first.
fn detail_lines(person: &Person) -> Vec<String> {
    let mut details = Vec::new();
    details.extend(kind_detail(person));
    if let Some(sex) = person.sex_at_birth {
        details.push(
            match sex {
                crate::model::SexAtBirth::Amab => "AMAB",
                crate::model::SexAtBirth::Afab => "AFAB",
                crate::model::SexAtBirth::Uaab => "UAAB",
            }
            .to_string(),
        );
    }
    if let Some(role) = &person.role {
        details.push(role.text.clone());
    }
    let mut notes: Vec<String> = person.notes.iter().map(|n| n.text.clone()).collect();
    notes.sort_by_key(|n| n.chars().count());
    details.extend(notes);
    details
}

/// The first detail line, which depends on what kind of person this is: a person's years,
/// a pregnancy's due date, what a loss was and when; none for a group.
fn kind_detail(person: &Person) -> Option<String> {
    match &person.kind {
        PersonKind::Individual => match (&person.born, &person.died) {
            (Some(b), Some(d)) => Some(format!("{} – {}", b.year_label(), d.year_label())),
            (Some(b), None) => Some(format!("b. {}", b.year_label())),
            (None, Some(d)) => Some(format!("d. {}", d.year_label())),
            (None, None) => None,
        },
        PersonKind::Pregnancy => Some(match &person.born {
            Some(b) => format!("due {b}"),
            None => "pregnancy".to_string(),
        }),
        PersonKind::Loss(kind) => {
            let what = match kind {
                LossKind::Miscarriage => "miscarriage",
                LossKind::Termination => "termination",
                LossKind::Stillbirth => "SB",
            };
            Some(match &person.born {
                Some(b) => format!("{what} {b}"),
                None => what.to_string(),
            })
        }
        PersonKind::Group { .. } => None,
    }
}

/// The width a symbol takes on its row: its reach with a little air, more for a subject's
/// double outline, and room for an adopted person's brackets.
fn symbol_width(form: Form, r: f64, subject: bool, adopted: bool) -> f64 {
    let mut width = 2.0 * draw::reach(form, r) + 4.0;
    if subject {
        width += 8.0;
    }
    if adopted {
        width = width.max(2.0 * r + 22.0);
    }
    width
}

/// Wraps a label line; a line that fits costs one measurement.
pub(super) fn wrapped(line: &str, size: f64, weight: Weight) -> Vec<String> {
    if line.is_empty() {
        return Vec::new();
    }
    if text::width(line, size, weight) <= LABEL_WIDTH {
        return vec![line.to_string()];
    }
    // Break double-barrelled names after a hyphen rather than inside a word: wrap with a
    // space after each hyphen, then take the spaces out again (measuring with them only
    // ever overestimates a line).
    // A single word wider than a label (a long surname) widens the label, up to a point,
    // rather than being broken.
    let spaced = line.replace('-', "- ");
    let widest_word = spaced
        .split_whitespace()
        .map(|w| text::width(w, size, weight))
        .fold(0.0, f64::max);
    let max = LABEL_WIDTH.max(widest_word.min(LABEL_WIDTH_MAX));
    text::wrap(&spaced, size, weight, max)
        .into_iter()
        .map(|l| l.replace("- ", "-"))
        .collect()
}

/// How each person of the case is drawn, in case order.
pub(super) fn looks(
    case: &Case,
    people: &[&Person],
    family: &Family,
    as_at: NaiveDate,
) -> Vec<Look> {
    let adopted: BTreeSet<usize> = case
        .parentage
        .iter()
        .filter(|p| p.primary && p.link == ChildLink::Adopted)
        .filter_map(|p| family.position(&p.child))
        .collect();
    people
        .iter()
        .enumerate()
        .map(|(i, p)| look(case, p, as_at, adopted.contains(&i)))
        .collect()
}

pub(super) fn kebab(name: &str) -> String {
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() {
            if i > 0 {
                out.push('-');
            }
            out.extend(c.to_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Extra room beside a symbol taken by brackets or a double outline.
pub(super) fn side_extra(look: &Look) -> f64 {
    if look.adopted {
        9.0
    } else if look.subject {
        4.0
    } else {
        0.0
    }
}

/// The symbol item and the label item of one person, and the legend keys they use.
pub(super) fn person_items(
    person: &Person,
    look: &Look,
    c: Point,
    label_top: f64,
    deceased_style: DeceasedStyle,
) -> (Item, Item, Vec<Key>) {
    let mut keys = Vec::new();
    let symbol = symbol_item(person, look, c, deceased_style, &mut keys);
    let label = label_item(person, look, c, label_top);
    (symbol, label, keys)
}

/// A person's symbol: outline, the marks for what kind of person and what happened to
/// them, the writing inside, and a title naming them for the reader of an SVG.
fn symbol_item(
    person: &Person,
    look: &Look,
    c: Point,
    deceased_style: DeceasedStyle,
    keys: &mut Vec<Key>,
) -> Item {
    let mut item = Item::new(ItemKind::Person, format!("person-{}", person.id));
    item.people = vec![person.id.0.clone()];
    item.classes.push(gender_class(person.gender).into());
    let paint = Paint::line(INK, LINE).filled(Colour::WHITE);
    item.shapes.push(draw::outline(look.form, c, look.r, paint));
    mark_kind(&mut item, person, look, c, keys);
    let reach = draw::reach(look.form, look.r);
    // How far the drawing reaches from the centre, grown by each mark that sticks out.
    let mut extent = reach;
    if look.subject {
        item.classes.push("subject".into());
        item.shapes.push(draw::outline(
            look.form,
            c,
            look.r + 4.0,
            Paint::line(INK, LINE),
        ));
        extent += 4.0;
        keys.push(Key::Subject);
    }
    if person.unknown {
        item.classes.push("unknown".into());
        keys.push(Key::Unknown);
    }
    if let Some(inside) = &look.inside {
        item.shapes.push(inside_text(inside, c));
    }
    if person.deceased && !matches!(person.kind, PersonKind::Loss(_)) {
        item.classes.push("deceased".into());
        match deceased_style {
            DeceasedStyle::Cross => {
                item.shapes
                    .extend(draw::cross(c, reach, &Paint::line(INK, LINE)))
            }
            DeceasedStyle::Slash => {
                item.shapes
                    .push(draw::slash(c, reach, &Paint::line(INK, LINE)));
                extent = extent.max(reach * 1.35);
            }
        }
        keys.push(Key::Deceased(deceased_style));
    }
    if look.adopted {
        item.classes.push("adopted".into());
        item.shapes
            .extend(draw::brackets(c, look.r, &Paint::line(INK, LINE)));
        extent = extent.max(look.r + 9.0);
    }
    // Brackets widen an adopted person's symbol but add little height.
    let vertical = if look.adopted {
        (look.r + 5.0).max(reach + if look.subject { 4.0 } else { 0.0 })
    } else {
        extent
    };
    item.bbox = Rect::new(c.x - extent, c.y - vertical, 2.0 * extent, 2.0 * vertical);
    item.title = Some(symbol_title(person, look));
    item
}

fn gender_class(gender: Gender) -> &'static str {
    match gender {
        Gender::Male => "male",
        Gender::Female => "female",
        Gender::NonBinary => "non-binary",
        Gender::Unknown => "gender-unknown",
    }
}

/// The class, marks and legend keys that say what kind of person a symbol stands for.
fn mark_kind(item: &mut Item, person: &Person, look: &Look, c: Point, keys: &mut Vec<Key>) {
    match &person.kind {
        PersonKind::Individual => keys.push(Key::Form(look.form)),
        PersonKind::Pregnancy => {
            item.classes.push("pregnancy".into());
            keys.push(Key::Pregnancy);
        }
        PersonKind::Loss(kind) => {
            item.classes.push(kebab(&format!("{kind:?}")));
            item.shapes
                .extend(draw::loss_marks(*kind, c, look.r, &Paint::line(INK, LINE)));
            keys.push(Key::Loss(*kind));
        }
        PersonKind::Group { .. } => {
            item.classes.push("group".into());
            keys.push(Key::Form(look.form));
            keys.push(Key::Group);
        }
    }
}

/// The age or count written inside a symbol, smaller when it is long so it stays inside.
fn inside_text(inside: &str, c: Point) -> Shape {
    let size = if inside.chars().count() > 3 {
        INSIDE_SIZE - 2.0
    } else {
        INSIDE_SIZE
    };
    Shape::Text {
        origin: Point::new(c.x, c.y + size * 0.35),
        lines: vec![inside.to_string()],
        size,
        line_height: line_height(size),
        anchor: Anchor::Middle,
        weight: Weight::Bold,
        colour: INK,
        halo: 0.0,
    }
}

/// The symbol's title: the person in words (name, dates, age, role), for a reader who
/// hovers over the symbol or uses a screen reader.
fn symbol_title(person: &Person, look: &Look) -> String {
    let mut title = person.display_name().to_string();
    if let Some(b) = &person.born {
        title.push_str(&format!(", {} {b}", person.born_word()));
    }
    if let Some(d) = &person.died {
        title.push_str(&format!(", died {d}"));
    } else if person.deceased {
        title.push_str(", deceased");
    }
    if let Some(inside) = &look.inside
        && matches!(person.kind, PersonKind::Individual)
        && !person.unknown
    {
        title.push_str(&format!(", age {inside}"));
    }
    if let Some(role) = &person.role {
        title.push_str(&format!(" ({})", role.text));
    }
    title
}

/// The label under a symbol: the name in bold, then the detail lines.
fn label_item(person: &Person, look: &Look, c: Point, label_top: f64) -> Item {
    let mut label = Item::new(ItemKind::Label, format!("label-{}", person.id));
    label.people = vec![person.id.0.clone()];
    let h = look.label_height;
    let w = look.label_width;
    label.bbox = Rect::new(c.x - w / 2.0, label_top, w, h);
    if !look.name.is_empty() {
        label.shapes.push(label_lines(
            c.x,
            label_top,
            &look.name,
            NAME_SIZE,
            Weight::Bold,
        ));
    }
    if !look.details.is_empty() {
        let top = label_top + look.name.len() as f64 * line_height(NAME_SIZE);
        label.shapes.push(label_lines(
            c.x,
            top,
            &look.details,
            DETAIL_SIZE,
            Weight::Regular,
        ));
    }
    label
}

/// Lines of a label centred on `x`, the first line's top at `top`, with a halo so lines
/// drawn under the label do not cut through its words.
fn label_lines(x: f64, top: f64, lines: &[String], size: f64, weight: Weight) -> Shape {
    Shape::Text {
        origin: Point::new(x, top + size * 0.93),
        lines: lines.to_vec(),
        size,
        line_height: line_height(size),
        anchor: Anchor::Middle,
        weight,
        colour: INK,
        halo: LABEL_HALO,
    }
}

/// Every person's symbol and label, and the boxes overlay lines keep off.
pub(super) fn people_items(
    frame: &Frame,
    deceased: DeceasedStyle,
    keys: &mut BTreeSet<Key>,
    obstacles: &mut Vec<(Rect, f64, f64)>,
    labels_drawn: &mut Vec<Item>,
) -> Vec<Item> {
    let mut people_items = Vec::with_capacity(frame.people.len());
    for (i, person) in frame.people.iter().enumerate() {
        let s = frame.arrangement.slot_of[i];
        let row = &frame.row_y[frame.arrangement.slots[s].row];
        let centre = Point::new(frame.placement.x[s], row.centre);
        let (item, label, used) =
            person_items(person, &frame.looks[i], centre, row.labels, deceased);
        keys.extend(used);
        obstacles.push((item.bbox, 100.0, 0.0));
        obstacles.push((label.bbox, 12.0, 0.0));
        people_items.push(item);
        labels_drawn.push(label);
    }
    people_items
}
