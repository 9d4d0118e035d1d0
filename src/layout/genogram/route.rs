//! Lines from parents to children: each sibship's line down and its bar, each child's own
//! line in its link's style, twins' slanting lines, and lines carried through rows.

use super::bars::{child_groups, child_tops};
use super::draw::{self, Form, INK, LINE};
use super::look::side_extra;
use super::sheet::Key;
use super::{ARCH_STEP, Drawn, Frame, R, place};
use crate::layout::scene::{Anchor, Item, ItemKind, Paint, Point, Rect, Shape, Weight};
use crate::model::{ChildLink, Zygosity};

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
    let Frame {
        case,
        people,
        couples,
        arrangement,
        looks,
        placement,
        arches,
        row_y,
        link_of,
        twins,
        ..
    } = frame;
    let drops = &frame.bars.drops;
    let bars = &frame.bars.spans;
    let bar_y = |s: usize| frame.bar_y(s);
    let keys = &mut drawn.keys;
    let mut child_items: Vec<Item> = Vec::new();
    for (s, sibship) in arrangement.sibships.iter().enumerate() {
        let row = sibship.row;
        let y_bar = bar_y(s);
        let drop = drops[s];
        let top_y = match sibship.parents[..] {
            [p] if arrangement.slots[p].person.is_none() => row_y[row].symbols,
            [p] => row_y[row]
                .centre
                .max(row_y[row].centre + 0.0 * placement.x[p]),
            _ => {
                // From the partner line, or from the arch top for partners further apart.
                let arch = sibship.couple.and_then(|k| {
                    arches
                        .iter()
                        .find(|a| a.0 == k)
                        .map(|a| row_y[row].symbols - row_y[row].head - a.3 as f64 * ARCH_STEP)
                });
                arch.unwrap_or(row_y[row].centre)
            }
        };
        let mut points = Vec::new();
        let mut people_ids: Vec<String> = Vec::new();
        for &p in &sibship.parents {
            if let Some(person) = arrangement.slots[p].person {
                people_ids.push(people[person].id.0.clone());
            }
        }
        let id = match (sibship.couple, sibship.pass_through) {
            (_, true) => None,
            (Some(k), _) => Some(
                match couples[k]
                    .partnership
                    .and_then(|p| case.partnerships.get(p))
                {
                    Some(p) => format!("child-link-{}", p.id),
                    None => format!(
                        "child-link-{}--{}",
                        people[couples[k].partners[0]].id, people[couples[k].partners[1]].id
                    ),
                },
            ),
            (None, _) => Some(format!("child-link-{}", people_ids.join("--"))),
        };
        if let [p] = sibship.parents[..]
            && let Some(person) = arrangement.slots[p].person
        {
            // A single parent: a short line out from the symbol, then down.
            let start = placement.x[p]
                + place::single_side(arrangement, p)
                    * (draw::reach(looks[person].form, looks[person].r)
                        + side_extra(&looks[person]));
            points.push(Point::new(start, top_y));
            points.push(Point::new(drop, top_y));
        } else {
            points.push(Point::new(drop, top_y));
        }
        points.push(Point::new(drop, y_bar));
        let (lo, hi) = bars[s];
        let Some(id) = id else {
            // Pass-through pieces belong to the child they carry.
            continue;
        };
        let mut item = Item::new(ItemKind::ChildLink, id);
        item.people = people_ids.clone();
        let mut shapes = vec![Shape::Polyline {
            points: points.clone(),
            paint: Paint::line(INK, LINE),
        }];
        if hi - lo > 0.5 {
            shapes.push(draw::segment(
                Point::new(lo, y_bar),
                Point::new(hi, y_bar),
                Paint::line(INK, LINE),
            ));
        }
        // The line down and then the bar, as one polyline that goes over itself: exactly
        // what is drawn.
        let mut all = points.clone();
        if hi - lo > 0.5 {
            all.push(Point::new(lo, y_bar));
            all.push(Point::new(hi, y_bar));
        }
        item.bbox = Rect::around(&all).unwrap_or_default().inflate(1.0);
        item.points = Some(all);
        item.shapes = shapes;
        item.title = Some(format!(
            "Children of {}",
            sibship
                .parents
                .iter()
                .filter_map(|&p| arrangement.slots[p].person)
                .map(|p| people[p].display_name().to_string())
                .collect::<Vec<_>>()
                .join(" and ")
        ));
        child_items.push(item);
    }
    // Each child's own line, from the bar to the symbol, in its link's style.
    for (s, sibship) in arrangement.sibships.iter().enumerate() {
        let y_bar = bar_y(s);
        let child_row = sibship.row + 1;
        for (top, group) in child_tops(arrangement, placement, twins, s)
            .into_iter()
            .zip(child_groups(arrangement, twins, s))
        {
            for &c in &group.0 {
                let (person, carried) =
                    match (arrangement.slots[c].person, arrangement.slots[c].carries) {
                        (Some(p), _) => (p, false),
                        (None, Some(p)) => (p, true),
                        _ => continue,
                    };
                let link = link_of
                    .get(&person)
                    .copied()
                    .unwrap_or(ChildLink::Biological);
                let end_y = if carried {
                    row_y[child_row].bottom + 12.0
                } else {
                    row_y[child_row].centre
                        - looks[person].r
                        - if looks[person].subject { 4.0 } else { 0.0 }
                        - if looks[person].form == Form::Diamond {
                            R * 0.15
                        } else {
                            0.0
                        }
                };
                let x = placement.x[c];
                let points = if group.0.len() > 1 {
                    vec![Point::new(top.0, y_bar), Point::new(x, end_y)]
                } else {
                    vec![Point::new(x, y_bar), Point::new(x, end_y)]
                };
                let carry_id = if carried {
                    format!("-through-{}", child_row)
                } else {
                    String::new()
                };
                let mut item = Item::new(
                    ItemKind::ChildLink,
                    format!("child-link-{}{carry_id}", people[person].id),
                );
                item.people = vec![people[person].id.0.clone()];
                item.people.extend(
                    sibship
                        .parents
                        .iter()
                        .filter_map(|&p| arrangement.slots[p].person)
                        .map(|p| people[p].id.0.clone()),
                );
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
                child_items.push(item);
            }
            if let Some(zygosity) = group.1 {
                // Twins: a bar between identical twins' lines, "?" when not known.
                keys.insert(Key::Twins(zygosity));
                let ends: Vec<Point> = group
                    .0
                    .iter()
                    .map(|&c| {
                        let x = placement.x[c];
                        let person = arrangement.slots[c].person.unwrap_or(0);
                        let end_y = row_y[child_row].centre - looks[person].r;
                        Point::new(x, end_y)
                    })
                    .collect();
                let apex = Point::new(top.0, y_bar);
                let mut item = Item::new(
                    ItemKind::ChildLink,
                    format!(
                        "child-link-twins-{}",
                        group
                            .0
                            .first()
                            .and_then(|&c| arrangement.slots[c].person)
                            .map(|p| people[p].id.0.clone())
                            .unwrap_or_default()
                    ),
                );
                item.people = group
                    .0
                    .iter()
                    .filter_map(|&c| arrangement.slots[c].person)
                    .map(|p| people[p].id.0.clone())
                    .collect();
                item.classes.push(format!("{zygosity:?}").to_lowercase());
                let at = |e: Point, t: f64| {
                    Point::new(apex.x + (e.x - apex.x) * t, apex.y + (e.y - apex.y) * t)
                };
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
                        let p = Point::new(
                            (at(first, t).x + at(last, t).x) / 2.0,
                            at(first, t).y + 3.5,
                        );
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
                let mut all = ends.clone();
                all.push(apex);
                item.bbox = Rect::around(&all).unwrap_or_default();
                item.title = Some(
                    format!(
                        "{} twins",
                        match zygosity {
                            Zygosity::Identical => "Identical",
                            Zygosity::Fraternal => "Fraternal",
                            Zygosity::Unknown => "Twins, zygosity not known:",
                        }
                    )
                    .replace("not known: twins", "not known"),
                );
                child_items.push(item);
            }
        }
    }
    // Pass-through lines inside the rows they cross.
    for (s, slot) in arrangement.slots.iter().enumerate() {
        if let Some(person) = slot.carries {
            let row = slot.row;
            let x = placement.x[s];
            let points = vec![
                Point::new(
                    x,
                    row_y[row].symbols
                        - row_y[row].head
                        - row_y[row].arch_levels as f64 * ARCH_STEP
                        - 6.0,
                ),
                Point::new(x, row_y[row].bottom + 12.0),
            ];
            let link = link_of
                .get(&person)
                .copied()
                .unwrap_or(ChildLink::Biological);
            let mut item = Item::new(
                ItemKind::ChildLink,
                format!("child-link-{}-row-{row}", people[person].id),
            );
            item.people = vec![people[person].id.0.clone()];
            item.shapes.push(Shape::Polyline {
                points: points.clone(),
                paint: Paint::line(INK, LINE).dashed(draw::child_dash(link)),
            });
            item.bbox = Rect::around(&points).unwrap_or_default().inflate(1.0);
            item.points = Some(points);
            item.title = Some(format!("Line to {}", people[person].display_name()));
            child_items.push(item);
        }
    }
    child_items
}
