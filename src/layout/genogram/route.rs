//! Lines from parents to children: each sibship's line down and its bar, each child's own
//! line in its link's style, twins' slanting lines, and lines carried through rows.

use super::bars::{child_groups, child_tops};
use super::draw::{self, Form, INK, LINE};
use super::look::side_extra;
use super::sheet::Key;
use super::{ARCH_STEP, Drawn, Frame, R, place};
use crate::layout::scene::{Anchor, Item, ItemKind, Paint, Point, Rect, Shape, Weight};
use crate::model::{ChildLink, Zygosity};
use std::collections::BTreeSet;

pub(super) fn link_class(link: ChildLink) -> &'static str {
    match link {
        ChildLink::Biological => "biological",
        ChildLink::Adopted => "adopted",
        ChildLink::Foster => "foster",
        ChildLink::Step => "step",
        ChildLink::KinshipCare => "kinship-care",
        ChildLink::SpecialGuardianship => "special-guardianship",
    }
}

/// Every line from parents to children.
pub(super) fn child_lines(frame: &Frame, drawn: &mut Drawn) -> Vec<Item> {
    let arrangement = &frame.arrangement;
    // Carried sibships are drawn as part of the long tie of the child they lead to.
    let drawn_sibships: Vec<usize> = (0..arrangement.sibships.len())
        .filter(|&s| !arrangement.sibships[s].pass_through)
        .collect();
    let mut items: Vec<Item> = drawn_sibships
        .iter()
        .map(|&s| sibship_line(frame, s))
        .collect();
    for &s in &drawn_sibships {
        items.extend(own_lines(frame, s, &mut drawn.keys));
    }
    for &s in &drawn_sibships {
        for &c in &arrangement.sibships[s].children {
            if arrangement.slots[c].carries.is_some() {
                items.push(long_tie(frame, s, c, &mut drawn.keys));
            }
        }
    }
    items
}

/// Where a sibship's line leaves its parents: the partner line, the top of the bracket over
/// partners further apart, or beside a single parent.
fn sibship_top(frame: &Frame, s: usize) -> f64 {
    let sibship = &frame.arrangement.sibships[s];
    let row = &frame.row_y[sibship.row];
    match sibship.parents[..] {
        [_] => row.centre,
        [p, ..] => {
            let unit = frame.arrangement.slots[p].unit;
            sibship
                .couple
                .and_then(|k| {
                    frame
                        .arches
                        .iter()
                        .find(|a| a.couple == k && a.unit == unit)
                })
                .map(|a| row.symbols - row.head - a.level as f64 * ARCH_STEP)
                .unwrap_or(row.centre)
        }
        [] => row.centre,
    }
}

/// The id of a sibship's line: its partnership's, or its parents'.
fn sibship_id(frame: &Frame, s: usize, parent_ids: &[String]) -> String {
    let (case, people) = (frame.case, &frame.people);
    match frame.arrangement.sibships[s].couple {
        Some(k) => match frame.couples[k]
            .partnership
            .and_then(|p| case.partnerships.get(p))
        {
            Some(p) => format!("child-link-{}", p.id),
            None => format!(
                "child-link-{}--{}",
                people[frame.couples[k].partners[0]].id, people[frame.couples[k].partners[1]].id
            ),
        },
        None => format!("child-link-{}", parent_ids.join("--")),
    }
}

/// The ids of a sibship's parents, as drawn.
fn parent_ids(frame: &Frame, s: usize) -> Vec<String> {
    let arrangement = &frame.arrangement;
    arrangement.sibships[s]
        .parents
        .iter()
        .filter_map(|&p| arrangement.speaks_for(p))
        .map(|p| frame.people[p].id.0.clone())
        .collect()
}

/// A sibship's line down from its parents, and its bar.
fn sibship_line(frame: &Frame, s: usize) -> Item {
    let Frame {
        people,
        arrangement,
        looks,
        placement,
        ..
    } = frame;
    let sibship = &arrangement.sibships[s];
    let (y_bar, drop, top_y) = (frame.bar_y(s), frame.bars.drops[s], sibship_top(frame, s));
    let ids = parent_ids(frame, s);
    let mut points = Vec::new();
    let mut top_y = top_y;
    if let [p] = sibship.parents[..]
        && let Some(person) = arrangement.slots[p].person
    {
        // A single parent: a short line out from the symbol, then down. Where a partner
        // sits on that side, it leaves lower down the symbol's side, so it never runs along
        // the partner line and reads as that couple's.
        let side = place::single_side(arrangement, p);
        let look = &looks[person];
        let (reach, extra) = (draw::reach(look.form, look.r), side_extra(look));
        let mut out = reach + extra;
        if partner_beside(frame, p, side) {
            let drop_by = look.r * 0.55;
            top_y += drop_by;
            out = match look.form {
                Form::Circle => (look.r * look.r - drop_by * drop_by).sqrt() + extra,
                Form::Diamond => reach - drop_by + extra,
                _ => out,
            };
        }
        points.push(Point::new(placement.x[p] + side * out, top_y));
    }
    points.push(Point::new(drop, top_y));
    points.push(Point::new(drop, y_bar));
    let (lo, hi) = frame.bars.spans[s];
    let mut item = Item::new(ItemKind::ChildLink, sibship_id(frame, s, &ids));
    item.people = ids;
    item.shapes = vec![Shape::Polyline {
        points: points.clone(),
        paint: Paint::line(INK, LINE),
    }];
    // The line down and then the bar, as one polyline that goes over itself: exactly what
    // is drawn.
    let mut all = points;
    if hi - lo > 0.5 {
        item.shapes.push(draw::segment(
            Point::new(lo, y_bar),
            Point::new(hi, y_bar),
            Paint::line(INK, LINE),
        ));
        all.push(Point::new(lo, y_bar));
        all.push(Point::new(hi, y_bar));
    }
    item.bbox = Rect::around(&all).unwrap_or_default().inflate(1.0);
    item.points = Some(all);
    item.title = Some(format!(
        "Children of {}",
        sibship
            .parents
            .iter()
            .filter_map(|&p| arrangement.speaks_for(p))
            .map(|p| people[p].display_name().to_string())
            .collect::<Vec<_>>()
            .join(" and ")
    ));
    item
}

/// Where a child's line meets the top of its symbol (or of the outline round it).
fn child_end_y(frame: &Frame, person: usize) -> f64 {
    let look = &frame.looks[person];
    let row = frame.arrangement.slots[frame.arrangement.slot_of[person]].row;
    frame.row_y[row].centre
        - look.r
        - if look.subject { 4.0 } else { 0.0 }
        - if look.form == Form::Diamond {
            R * 0.15
        } else {
            0.0
        }
}

/// One child's line in its link's style, along `points`.
fn child_item(
    frame: &Frame,
    person: usize,
    s: usize,
    points: Vec<Point>,
    keys: &mut BTreeSet<Key>,
) -> Item {
    let people = &frame.people;
    let link = frame
        .link_of
        .get(&person)
        .copied()
        .unwrap_or(ChildLink::Biological);
    let mut item = Item::new(
        ItemKind::ChildLink,
        format!("child-link-{}", people[person].id),
    );
    item.people = vec![people[person].id.0.clone()];
    item.people.extend(parent_ids(frame, s));
    item.classes.push(link_class(link).to_string());
    item.shapes.push(Shape::Polyline {
        points: points.clone(),
        paint: Paint::line(INK, LINE).dashed(draw::child_dash(link)),
    });
    keys.insert(Key::Child(link));
    item.bbox = Rect::around(&points).unwrap_or_default().inflate(1.0);
    item.title = Some(format!(
        "{} ({})",
        people[person].display_name(),
        draw::child_link_name(link)
    ));
    item.points = Some(points);
    item
}

/// Each child's own line, from the bar to the symbol, and the twins' marks.
fn own_lines(frame: &Frame, s: usize, keys: &mut BTreeSet<Key>) -> Vec<Item> {
    let Frame {
        arrangement,
        placement,
        twins,
        ..
    } = frame;
    let y_bar = frame.bar_y(s);
    let mut items = Vec::new();
    for (top, group) in child_tops(arrangement, placement, twins, s)
        .into_iter()
        .zip(child_groups(arrangement, placement, twins, s))
    {
        for &c in &group.0 {
            let Some(person) = arrangement.slots[c].person else {
                continue;
            };
            let x = placement.x[c];
            let from = if group.0.len() > 1 { top.0 } else { x };
            let points = vec![
                Point::new(from, y_bar),
                Point::new(x, child_end_y(frame, person)),
            ];
            let mut item = child_item(frame, person, s, points, keys);
            if group.0.len() == 1 && twins.contains_key(&person) {
                // Twins drawn apart still say so when the reader points at the line.
                item.title = item.title.map(|t| format!("{t}, one of a multiple birth"));
            }
            items.push(item);
        }
        if let Some(zygosity) = group.1 {
            keys.insert(Key::Twins(zygosity));
            items.push(twin_mark(
                frame,
                &group.0,
                Point::new(top.0, y_bar),
                zygosity,
            ));
        }
    }
    items
}

/// A child drawn more than one row below its parents (beside a partner from a later
/// generation): one continuous line from the parents' bar, down the free column kept for it
/// on every row in between, along its own track in each channel, and into the top of the
/// child's symbol.
fn long_tie(frame: &Frame, s: usize, first: usize, keys: &mut BTreeSet<Key>) -> Item {
    let a = &frame.arrangement;
    let x = |slot: usize| frame.placement.x[slot];
    let mut points = vec![Point::new(x(first), frame.bar_y(s))];
    let mut slot = first;
    let person = loop {
        let Some(&t) = a.down[slot].first() else {
            break a.slots[slot].carries.unwrap_or(0);
        };
        let next = a.sibships[t].children[0];
        let y = frame.bar_y(t);
        points.push(Point::new(x(slot), y));
        if (x(next) - x(slot)).abs() > 0.01 {
            points.push(Point::new(x(next), y));
        }
        match a.slots[next].person {
            Some(p) => {
                points.push(Point::new(x(next), child_end_y(frame, p)));
                break p;
            }
            None => slot = next,
        }
    };
    let mut item = child_item(frame, person, s, points, keys);
    item.classes.push("long-tie".into());
    item
}

/// Twins: lines from one point, with a bar between identical twins' lines and "?" when the
/// zygosity is not known.
fn twin_mark(frame: &Frame, twins: &[usize], apex: Point, zygosity: Zygosity) -> Item {
    let Frame {
        people,
        arrangement,
        looks,
        placement,
        row_y,
        ..
    } = frame;
    let ends: Vec<Point> = twins
        .iter()
        .map(|&c| {
            let person = arrangement.slots[c].person.unwrap_or(0);
            let end_y = row_y[arrangement.slots[c].row].centre - looks[person].r;
            Point::new(placement.x[c], end_y)
        })
        .collect();
    let mut item = Item::new(
        ItemKind::ChildLink,
        format!(
            "child-link-twins-{}",
            twins
                .first()
                .and_then(|&c| arrangement.slots[c].person)
                .map(|p| people[p].id.0.clone())
                .unwrap_or_default()
        ),
    );
    item.people = twins
        .iter()
        .filter_map(|&c| arrangement.slots[c].person)
        .map(|p| people[p].id.0.clone())
        .collect();
    item.classes.push(format!("{zygosity:?}").to_lowercase());
    let at =
        |e: Point, t: f64| Point::new(apex.x + (e.x - apex.x) * t, apex.y + (e.y - apex.y) * t);
    let (first, last) = (ends[0], ends[ends.len() - 1]);
    match zygosity {
        Zygosity::Identical => {
            let t = 0.45;
            item.shapes.push(draw::segment(
                at(first, t),
                at(last, t),
                Paint::line(INK, LINE),
            ));
        }
        Zygosity::Unknown => {
            let t = 0.5;
            let p = Point::new((at(first, t).x + at(last, t).x) / 2.0, at(first, t).y + 3.5);
            item.shapes.push(Shape::Text {
                origin: p,
                lines: vec!["?".into()],
                size: 10.0,
                line_height: 12.0,
                anchor: Anchor::Middle,
                weight: Weight::Bold,
                colour: INK,
                halo: 0.0,
            });
        }
        Zygosity::Fraternal => {}
    }
    let mut all = ends;
    all.push(apex);
    item.bbox = Rect::around(&all).unwrap_or_default();
    item.title = Some(match zygosity {
        Zygosity::Identical => "Identical twins".into(),
        Zygosity::Fraternal => "Fraternal twins".into(),
        Zygosity::Unknown => "Twins, zygosity not known".into(),
    });
    item
}

/// True when someone sits next to slot `p` in its block, on the given side.
fn partner_beside(frame: &Frame, p: usize, side: f64) -> bool {
    let a = &frame.arrangement;
    let slots = &a.units[a.slots[p].unit].slots;
    let i = slots.iter().position(|&s| s == p).unwrap_or(0);
    if side > 0.0 {
        i + 1 < slots.len()
    } else {
        i > 0
    }
}
