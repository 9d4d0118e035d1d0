//! How each person is drawn: symbol, what is written inside it, and the label under it.

use super::draw::{self, Form, INK, LINE};
use super::sheet::Key;
use super::{
    DETAIL_SIZE, DeceasedStyle, Frame, INSIDE_SIZE, LABEL_HALO, LABEL_WIDTH, LABEL_WIDTH_MAX,
    NAME_SIZE, R,
};
use crate::graph::Family;
use crate::layout::scene::{Anchor, Colour, Item, ItemKind, Paint, Point, Rect, Shape, Weight};
use crate::model::{Case, ChildLink, LossKind, Person, PersonKind};
use crate::text;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Everything that decides how one person is drawn.
pub(super) struct Look {
    pub form: Form,
    pub r: f64,
    pub inside: Option<String>,
    pub name: Vec<String>,
    pub details: Vec<String>,
    pub label_width: f64,
    pub label_height: f64,
    pub symbol_width: f64,
    pub adopted: bool,
    pub subject: bool,
}

pub(super) fn line_height(size: f64) -> f64 {
    size * 1.2
}

pub(super) fn look(case: &Case, person: &Person, as_at: NaiveDate, adopted: bool) -> Look {
    let mut form = draw::form(person.gender);
    let mut r = R;
    let mut inside = None;
    let mut details = Vec::new();
    match &person.kind {
        PersonKind::Individual => {
            if person.unknown {
                inside = Some("?".to_string());
            } else if person.deceased && person.died.is_none() {
                // Died, date not known: no age can be given honestly.
            } else if let Some(years) = person.years_text_at(as_at) {
                inside = Some(years);
            }
            match (&person.born, &person.died) {
                (Some(b), Some(d)) => {
                    details.push(format!("{} – {}", b.year_label(), d.year_label()))
                }
                (Some(b), None) => details.push(format!("b. {}", b.year_label())),
                (None, Some(d)) => details.push(format!("d. {}", d.year_label())),
                (None, None) => {}
            }
        }
        PersonKind::Pregnancy => {
            form = Form::Triangle;
            r = R * 0.7;
            if let Some(b) = &person.born {
                details.push(format!("due {b}"));
            } else {
                details.push("pregnancy".to_string());
            }
        }
        PersonKind::Loss(kind) => {
            let what = match kind {
                LossKind::Miscarriage => "miscarriage",
                LossKind::Termination => "termination",
                LossKind::Stillbirth => "SB",
            };
            if *kind == LossKind::Stillbirth {
                r = R * 0.55;
            } else {
                form = Form::Triangle;
                r = R * 0.6;
            }
            match &person.born {
                Some(b) => details.push(format!("{what} {b}")),
                None => details.push(what.to_string()),
            }
        }
        PersonKind::Group { count } => {
            inside = Some(count.to_string());
        }
    }
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
    let subject = case.is_subject(&person.id);
    let name_text = match (&person.kind, person.name.is_empty(), &person.known_as) {
        (PersonKind::Loss(_) | PersonKind::Pregnancy, true, None) => String::new(),
        _ => person.display_name().to_string(),
    };
    let name = wrapped(&name_text, NAME_SIZE, Weight::Bold);
    let details: Vec<String> = details
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
    let mut symbol_width = 2.0 * draw::reach(form, r) + 4.0;
    if subject {
        symbol_width += 8.0;
    }
    if adopted {
        symbol_width = symbol_width.max(2.0 * r + 22.0);
    }
    Look {
        form,
        r,
        inside,
        name,
        details,
        label_width,
        label_height,
        symbol_width,
        adopted,
        subject,
    }
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
    _index: usize,
) -> (Item, Item, Vec<Key>) {
    let mut keys = Vec::new();
    let mut item = Item::new(ItemKind::Person, format!("person-{}", person.id));
    item.people = vec![person.id.0.clone()];
    let gender_class = match person.gender {
        crate::model::Gender::Male => "male",
        crate::model::Gender::Female => "female",
        crate::model::Gender::NonBinary => "non-binary",
        crate::model::Gender::Unknown => "gender-unknown",
    };
    item.classes.push(gender_class.into());
    let paint = Paint::line(INK, LINE).filled(Colour::WHITE);
    item.shapes
        .push(draw::outline(look.form, c, look.r, paint.clone()));
    let reach = draw::reach(look.form, look.r);
    let mut extent = reach;
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
        let size = if inside.chars().count() > 3 {
            INSIDE_SIZE - 2.0
        } else {
            INSIDE_SIZE
        };
        item.shapes.push(Shape::Text {
            origin: Point::new(c.x, c.y + size * 0.35),
            lines: vec![inside.clone()],
            size,
            line_height: line_height(size),
            anchor: Anchor::Middle,
            weight: Weight::Bold,
            colour: INK,
            halo: 0.0,
        });
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
    item.title = Some(title);

    let mut label = Item::new(ItemKind::Label, format!("label-{}", person.id));
    label.people = vec![person.id.0.clone()];
    let h = look.label_height;
    let w = look.label_width;
    label.bbox = Rect::new(c.x - w / 2.0, label_top, w, h);
    if !look.name.is_empty() {
        label.shapes.push(Shape::Text {
            origin: Point::new(c.x, label_top + NAME_SIZE * 0.93),
            lines: look.name.clone(),
            size: NAME_SIZE,
            line_height: line_height(NAME_SIZE),
            anchor: Anchor::Middle,
            weight: Weight::Bold,
            colour: INK,
            halo: LABEL_HALO,
        });
    }
    if !look.details.is_empty() {
        let top = label_top + look.name.len() as f64 * line_height(NAME_SIZE);
        label.shapes.push(Shape::Text {
            origin: Point::new(c.x, top + DETAIL_SIZE * 0.93),
            lines: look.details.clone(),
            size: DETAIL_SIZE,
            line_height: line_height(DETAIL_SIZE),
            anchor: Anchor::Middle,
            weight: Weight::Regular,
            colour: INK,
            halo: LABEL_HALO,
        });
    }
    (item, label, keys)
}

/// Every person's symbol and label, and the boxes overlay lines keep off.
pub(super) fn people_items(
    frame: &Frame,
    deceased: DeceasedStyle,
    keys: &mut BTreeSet<Key>,
    obstacles: &mut Vec<(Rect, f64, f64)>,
    labels_drawn: &mut Vec<Item>,
) -> Vec<Item> {
    let Frame {
        people,
        arrangement,
        placement,
        row_y,
        looks,
        ..
    } = frame;
    let mut people_items = Vec::with_capacity(people.len());
    for (i, person) in people.iter().enumerate() {
        let s = arrangement.slot_of[i];
        let row = arrangement.slots[s].row;
        let centre = Point::new(placement.x[s], row_y[row].centre);
        let look = &looks[i];
        let (item, label, used) =
            person_items(person, look, centre, row_y[row].labels, deceased, i);
        keys.extend(used);
        obstacles.push((item.bbox, 100.0, 0.0));
        obstacles.push((label.bbox, 12.0, 0.0));
        people_items.push(item);
        labels_drawn.push(label);
    }
    people_items
}
