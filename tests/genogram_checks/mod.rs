//! Promises every genogram keeps, checked on a scene and its SVG: everyone drawn exactly
//! once, no symbol or label overlapping another, siblings oldest-left, a legend of exactly
//! what is drawn, and an SVG that parses with an id and a title for every person.

#![allow(dead_code)]

pub mod families;
pub mod geometry;

use genochron::layout::scene::{ItemKind, Rect, Scene};
use genochron::model::Case;
use std::collections::{BTreeMap, BTreeSet};

/// Every promise; returns the broken ones, described.
pub fn broken_promises(case: &Case, scene: &Scene, svg: &str) -> Vec<String> {
    let mut broken = Vec::new();
    broken.extend(everyone_once(case, scene));
    broken.extend(overlaps(scene));
    broken.extend(birth_order(case, scene));
    broken.extend(legend_matches(scene));
    broken.extend(svg_is_sound(case, svg));
    broken.extend(overlay_is_direct(scene));
    broken
}

/// Overlay lines (emotional relationships, other parent figures) go straight or with one
/// gentle bend between the two people: never a detour round the sheet, so a line is at most
/// a little longer than the distance between the two symbols' centres.
pub fn overlay_is_direct(scene: &Scene) -> Vec<String> {
    let centre = |person: &str| {
        scene
            .items
            .iter()
            .find(|i| i.kind == ItemKind::Person && i.id == format!("person-{person}"))
            .map(|i| {
                (
                    i.bbox.x + i.bbox.width / 2.0,
                    i.bbox.y + i.bbox.height / 2.0,
                )
            })
    };
    let mut broken = Vec::new();
    for item in scene
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Emotional || i.classes.iter().any(|c| c == "other-parent"))
    {
        let Some(points) = &item.points else {
            broken.push(format!("{} has no points", item.id));
            continue;
        };
        let length: f64 = points
            .windows(2)
            .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
            .sum();
        let ends: Vec<(f64, f64)> = item.people.iter().filter_map(|p| centre(p)).collect();
        let reach = ends
            .iter()
            .flat_map(|a| ends.iter().map(move |b| (a.0 - b.0).hypot(a.1 - b.1)))
            .fold(0.0, f64::max);
        if length > reach * 1.6 + 40.0 {
            broken.push(format!(
                "{} runs {length:.0} units between people {reach:.0} apart",
                item.id
            ));
        }
    }
    broken
}

/// No overlay line passes through the symbol of someone it does not join.
pub fn overlay_clears_symbols(scene: &Scene) -> Vec<String> {
    let mut broken = Vec::new();
    for item in scene
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Emotional || i.classes.iter().any(|c| c == "other-parent"))
    {
        let Some(points) = &item.points else {
            continue;
        };
        for person in scene.items.iter().filter(|i| {
            i.kind == ItemKind::Person && !item.people.iter().any(|p| i.id == format!("person-{p}"))
        }) {
            let b = person.bbox.inflate(-1.0);
            // Sample each segment finely: the overlay's segments are short.
            let through = points.windows(2).any(|w| {
                (0..=20).any(|k| {
                    let t = k as f64 / 20.0;
                    let (x, y) = (
                        w[0].x + (w[1].x - w[0].x) * t,
                        w[0].y + (w[1].y - w[0].y) * t,
                    );
                    x > b.x && x < b.right() && y > b.y && y < b.bottom()
                })
            });
            if through {
                broken.push(format!("{} passes through {}", item.id, person.id));
            }
        }
    }
    broken
}

pub fn everyone_once(case: &Case, scene: &Scene) -> Vec<String> {
    let mut count: BTreeMap<String, usize> = BTreeMap::new();
    for item in scene.items.iter().filter(|i| i.kind == ItemKind::Person) {
        *count.entry(item.id.clone()).or_default() += 1;
    }
    let mut broken = Vec::new();
    for person in case.people.iter() {
        let id = format!("person-{}", person.id);
        match count.get(&id) {
            Some(1) => {}
            Some(n) => broken.push(format!("{id} drawn {n} times")),
            None => broken.push(format!("{id} not drawn")),
        }
    }
    if count.len() != case.people.len() {
        broken.push(format!(
            "{} people drawn, {} in the case",
            count.len(),
            case.people.len()
        ));
    }
    broken
}

/// Symbols and labels (names, partnership dates) never overlap one another.
pub fn overlaps(scene: &Scene) -> Vec<String> {
    let mut boxes: Vec<(&str, Rect)> = scene
        .items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::Person | ItemKind::Label))
        .filter(|i| i.bbox.width > 0.0 && i.bbox.height > 0.0)
        .map(|i| (i.id.as_str(), i.bbox.inflate(-0.5)))
        .collect();
    boxes.sort_by(|a, b| a.1.x.total_cmp(&b.1.x));
    let mut broken = Vec::new();
    // Sweep by x so large scenes stay fast.
    for i in 0..boxes.len() {
        for j in i + 1..boxes.len() {
            if boxes[j].1.x >= boxes[i].1.right() {
                break;
            }
            if boxes[i].1.overlaps(&boxes[j].1) {
                broken.push(format!("{} overlaps {}", boxes[i].0, boxes[j].0));
            }
        }
    }
    broken
}

fn centre_x(scene: &Scene) -> BTreeMap<String, (f64, f64)> {
    scene
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Person)
        .map(|i| {
            (
                i.people[0].clone(),
                (
                    i.bbox.x + i.bbox.width / 2.0,
                    i.bbox.y + i.bbox.height / 2.0,
                ),
            )
        })
        .collect()
}

/// Children of the same parents on one row stand oldest on the left, when both birth dates
/// are known and differ. Siblings who partner a blood relative are left out: two families'
/// birth orders can then contradict each other (two sisters with two brothers, in crossed
/// order), and no drawing can keep both.
pub fn birth_order(case: &Case, scene: &Scene) -> Vec<String> {
    let centre = centre_x(scene);
    let family = genochron::graph::Family::new(case);
    let partners_a_relative = |id: &str| -> bool {
        let Some(p) = family.position(&genochron::model::PersonId(id.to_string())) else {
            return false;
        };
        family
            .partners(p)
            .iter()
            .any(|&(_, q)| family.blood_relatives(p, q))
    };
    let mut sibships: BTreeMap<Vec<String>, Vec<String>> = BTreeMap::new();
    for p in case.parentage.iter().filter(|p| p.primary) {
        let mut parents: Vec<String> = p.parents.iter().map(|x| x.0.clone()).collect();
        parents.sort();
        sibships.entry(parents).or_default().push(p.child.0.clone());
    }
    let mut broken = Vec::new();
    for children in sibships.values() {
        for a in children {
            for b in children {
                let (Some(pa), Some(pb)) = (
                    case.person(&genochron::model::PersonId(a.clone())),
                    case.person(&genochron::model::PersonId(b.clone())),
                ) else {
                    continue;
                };
                let (Some(ba), Some(bb)) = (pa.born, pb.born) else {
                    continue;
                };
                if partners_a_relative(a) || partners_a_relative(b) {
                    continue;
                }
                let (ca, cb) = (centre[a], centre[b]);
                if ba.sort_key() < bb.sort_key() && (ca.1 - cb.1).abs() < 1.0 && ca.0 > cb.0 {
                    broken.push(format!("{a} is older than {b} but stands to the right"));
                }
            }
        }
    }
    broken
}

/// The legend slug each class of a drawn item calls for.
fn legend_for(kind: ItemKind, classes: &[String]) -> Vec<String> {
    let has = |c: &str| classes.iter().any(|x| x == c);
    let mut out = Vec::new();
    match kind {
        ItemKind::Person => {
            let special = ["pregnancy", "miscarriage", "termination", "stillbirth"];
            if let Some(s) = special.iter().find(|s| has(s)) {
                out.push(s.to_string());
            } else {
                for (class, slug) in [
                    ("male", "male"),
                    ("female", "female"),
                    ("non-binary", "gender-unknown"),
                    ("gender-unknown", "gender-unknown"),
                ] {
                    if has(class) {
                        out.push(slug.into());
                    }
                }
            }
            for c in ["subject", "deceased", "unknown", "group"] {
                if has(c) {
                    out.push(c.into());
                }
            }
        }
        ItemKind::Partnership => {
            for c in ["married", "cohabiting", "dating", "engaged", "unrecorded"] {
                if has(c) {
                    out.push(format!("partners-{c}"));
                }
            }
            for c in ["separated", "divorced", "reconciled", "blood-relatives"] {
                if has(c) {
                    out.push(c.into());
                }
            }
        }
        ItemKind::ChildLink => {
            for c in [
                "biological",
                "adopted",
                "foster",
                "step",
                "kinship-care",
                "special-guardianship",
            ] {
                if has(c) {
                    out.push(format!("child-{c}"));
                }
            }
            for c in ["identical", "fraternal", "unknown"] {
                if has(c) {
                    out.push(format!("twins-{c}"));
                }
            }
        }
        ItemKind::Emotional => {
            out.extend(classes.iter().filter(|c| *c != "ended").cloned());
        }
        ItemKind::Household => out.extend(classes.iter().cloned()),
        _ => {}
    }
    out
}

/// The legend lists exactly what the drawing uses.
pub fn legend_matches(scene: &Scene) -> Vec<String> {
    let used: BTreeSet<String> = scene
        .items
        .iter()
        .flat_map(|i| legend_for(i.kind, &i.classes))
        .collect();
    let listed: BTreeSet<String> = scene
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Legend && i.id != "legend")
        .map(|i| i.id.trim_start_matches("legend-").to_string())
        .collect();
    let mut broken = Vec::new();
    for u in used.difference(&listed) {
        broken.push(format!("{u} is drawn but not in the legend"));
    }
    for l in listed.difference(&used) {
        broken.push(format!("{l} is in the legend but not drawn"));
    }
    broken
}

/// The SVG parses, and every person has a group with their id and a title.
pub fn svg_is_sound(case: &Case, svg: &str) -> Vec<String> {
    let document = match roxmltree::Document::parse(svg) {
        Ok(d) => d,
        Err(e) => return vec![format!("the SVG does not parse: {e}")],
    };
    let mut broken = Vec::new();
    let groups: BTreeMap<&str, roxmltree::Node> = document
        .descendants()
        .filter(|n| n.has_tag_name("g"))
        .filter_map(|n| n.attribute("id").map(|id| (id, n)))
        .collect();
    for person in case.people.iter() {
        let id = format!("person-{}", person.id);
        match groups.get(id.as_str()) {
            None => broken.push(format!("no <g id=\"{id}\"> in the SVG")),
            Some(g) => {
                if !g.children().any(|c| c.has_tag_name("title")) {
                    broken.push(format!("{id} has no <title>"));
                }
            }
        }
    }
    if document.descendants().any(|n| n.has_tag_name("script")) {
        broken.push("the SVG has a script".into());
    }
    broken
}
