//! The overlay drawn over the family without moving it: other parent figures (foster and
//! kinship carers, step-parents) and emotional relationships, each a straight line or one
//! gentle curve between two symbols.

use super::detour;
use super::draw::{self, Form};
use super::look::{kebab, side_extra};
use super::route::link_class;
use super::sheet::Key;
use super::{Frame, MARGIN};
use crate::layout::scene::{Colour, Item, ItemKind, Paint, Point, Rect, Shape};
use crate::model::ChildLink;
use std::collections::{BTreeMap, BTreeSet};

/// What overlay lines keep off, and the lines already routed.
pub(super) struct Router {
    /// (box, cost of touching it, cost per unit run along it).
    pub obstacles: Vec<(Rect, f64, f64)>,
    pub routed: Vec<Vec<Point>>,
    /// Bends already used between each pair of people, so lines between the same two
    /// people stay apart.
    pub bends: BTreeMap<(usize, usize), Vec<f64>>,
    /// Where overlay lines may run: the drawing, below the title block.
    pub bounds: Rect,
}

/// Overlay lines may cross family lines but should not run along them, stay off the title
/// block, and cross no home of which they join no member (a home holds both ends' symbols
/// when it is theirs, and then does not count as in the way).
pub(super) fn keep_off_family_lines(
    obstacles: &mut Vec<(Rect, f64, f64)>,
    family_items: &[Item],
    title_height: f64,
) {
    for item in family_items {
        if let (ItemKind::Partnership | ItemKind::ChildLink, Some(points)) =
            (item.kind, &item.points)
        {
            for w in points.windows(2) {
                if let Some(r) = Rect::around(&[w[0], w[1]]) {
                    obstacles.push((r.inflate(2.5), 1.0, 0.3));
                }
            }
        }
        if item.kind == ItemKind::Household {
            obstacles.push((item.bbox, HOME, 0.0));
        }
    }
    obstacles.push((
        Rect::new(-1e6, -1e6, 2e6, 1e6 + MARGIN + title_height + 4.0),
        100.0,
        0.0,
    ));
}

fn outline_of(frame: &Frame, i: usize, gap: f64) -> Outline {
    let (arrangement, placement, looks) = (&frame.arrangement, &frame.placement, &frame.looks);
    let s = arrangement.slot_of[i];
    Outline {
        centre: Point::new(placement.x[s], frame.row_y[arrangement.slots[s].row].centre),
        form: looks[i].form,
        r: looks[i].r + side_extra(&looks[i]) + gap,
    }
}

/// Other parent figures (kinship carers, foster carers beside the birth family), drawn over
/// the family like emotional lines.
pub(super) fn other_parent_lines(
    frame: &Frame,
    family_items: &[Item],
    router: &mut Router,
    keys: &mut BTreeSet<Key>,
) -> Vec<Item> {
    let Frame {
        case,
        as_at,
        people,
        family,
        ..
    } = frame;
    let as_at = *as_at;
    let Router {
        obstacles,
        routed,
        bends,
        bounds,
    } = router;
    let outline_of = |i: usize, gap: f64| outline_of(frame, i, gap);
    let mut overlay = Vec::new();
    let mut other_count: BTreeMap<usize, usize> = BTreeMap::new();
    for parentage in case
        .parentage
        .iter()
        .filter(|p| !p.primary && p.span.contains(as_at))
    {
        let Some(child) = family.position(&parentage.child) else {
            continue;
        };
        let carers: Vec<usize> = parentage
            .parents
            .iter()
            .filter_map(|parent| family.position(parent))
            .collect();
        // Two carers who are partners, drawn side by side: one line from the middle of the
        // line between them, as a child hangs from its parents' line.
        let joint = match carers[..] {
            [x, y] => family_items
                .iter()
                .find(|i| {
                    i.kind == ItemKind::Partnership
                        && i.people.contains(&people[x].id.0)
                        && i.people.contains(&people[y].id.0)
                })
                .and_then(|i| i.points.as_ref())
                .filter(|points| points.len() == 2 && (points[0].y - points[1].y).abs() < 0.5)
                .map(|points| Point::new((points[0].x + points[1].x) / 2.0, points[0].y)),
            _ => None,
        };
        let groups: Vec<(Vec<usize>, Outline)> = match joint {
            Some(centre) => vec![(
                carers.clone(),
                Outline {
                    centre,
                    form: Form::Circle,
                    r: 0.0,
                },
            )],
            None => carers
                .iter()
                .map(|&p| (vec![p], outline_of(p, 3.0)))
                .collect(),
        };
        for (group, start) in groups {
            let key = (group[0].min(child), group[0].max(child));
            let taken = bends.entry(key).or_default();
            let (route, h) = route(
                start,
                outline_of(child, 3.0),
                obstacles,
                routed,
                taken,
                bounds,
            );
            taken.push(h);
            let n = other_count.entry(child).or_insert(0);
            *n += 1;
            let mut item = Item::new(
                ItemKind::ChildLink,
                format!("child-link-{}-other-{}", people[child].id, n),
            );
            item.people = vec![people[child].id.0.clone()];
            item.people
                .extend(group.iter().map(|&p| people[p].id.0.clone()));
            item.classes.push(link_class(parentage.link).to_string());
            item.classes.push("other-parent".into());
            item.shapes.push(Shape::Polyline {
                points: route.clone(),
                paint: Paint::line(Colour(60, 60, 60), 1.4)
                    .dashed(draw::child_dash(parentage.link)),
            });
            item.bbox = Rect::around(&route).unwrap_or_default().inflate(1.0);
            let names: Vec<&str> = group.iter().map(|&p| people[p].display_name()).collect();
            let plural = group.len() > 1;
            item.title = Some(format!(
                "{} {} {} of {}",
                names.join(" and "),
                if plural { "are" } else { "is" },
                match (parentage.link, plural) {
                    (ChildLink::Biological, false) => "a birth parent",
                    (ChildLink::Biological, true) => "birth parents",
                    (ChildLink::Adopted, false) => "an adoptive parent",
                    (ChildLink::Adopted, true) => "adoptive parents",
                    (ChildLink::Foster, false) => "a foster carer",
                    (ChildLink::Foster, true) => "foster carers",
                    (ChildLink::Step, false) => "a step-parent",
                    (ChildLink::Step, true) => "step-parents",
                    (ChildLink::KinshipCare, false) => "a kinship carer",
                    (ChildLink::KinshipCare, true) => "kinship carers",
                    (ChildLink::SpecialGuardianship, false) => "a special guardian",
                    (ChildLink::SpecialGuardianship, true) => "special guardians",
                },
                people[child].display_name()
            ));
            item.points = Some(route);
            keys.insert(Key::Child(parentage.link));
            overlay.push(item);
        }
    }
    overlay
}

/// Emotional relationships: an overlay that never moves the family.
pub(super) fn emotional_lines(
    frame: &Frame,
    router: &mut Router,
    keys: &mut BTreeSet<Key>,
) -> Vec<Item> {
    let Frame {
        case,
        as_at,
        people,
        family,
        ..
    } = frame;
    let as_at = *as_at;
    let Router {
        obstacles,
        routed,
        bends,
        bounds,
    } = router;
    let outline_of = |i: usize, gap: f64| outline_of(frame, i, gap);
    let mut overlay = Vec::new();
    for (n, relationship) in case.relationships.iter().enumerate() {
        if relationship.span.from.is_some_and(|f| f.start() > as_at) {
            continue;
        }
        let (Some(a), Some(b)) = (
            family.position(&relationship.between[0]),
            family.position(&relationship.between[1]),
        ) else {
            continue;
        };
        let taken = bends.entry((a.min(b), a.max(b))).or_default();
        let (route, h) = route(
            outline_of(a, 5.0),
            outline_of(b, 5.0),
            obstacles,
            routed,
            taken,
            bounds,
        );
        taken.push(h);
        let directed = relationship.directed && relationship.kind.is_directed();
        let mut item = Item::new(
            ItemKind::Emotional,
            format!("emotional-{}--{}-{}", people[a].id, people[b].id, n + 1),
        );
        item.people = vec![people[a].id.0.clone(), people[b].id.0.clone()];
        item.classes
            .push(kebab(&format!("{:?}", relationship.kind)));
        if relationship.span.to.is_some_and(|t| t.end() < as_at) {
            item.classes.push("ended".into());
        }
        item.shapes = draw::relationship(relationship.kind, &route, directed);
        item.bbox = Rect::around(&route).unwrap_or_default().inflate(7.0);
        let verb = draw::relationship_name(relationship.kind)
            .split(" (")
            .next()
            .unwrap_or("")
            .to_string();
        let mut title = if directed {
            format!(
                "{} → {}: {verb}",
                people[a].display_name(),
                people[b].display_name()
            )
        } else {
            format!(
                "{} and {}: {verb}",
                people[a].display_name(),
                people[b].display_name()
            )
        };
        if let Some(note) = &relationship.note {
            title.push_str(&format!(" ({note})"));
        }
        item.title = Some(title);
        item.points = Some(route);
        keys.insert(Key::Emotional(relationship.kind));
        overlay.push(item);
    }
    overlay
}

/// The outline an overlay line stops at: a person's symbol grown by a small gap.
#[derive(Debug, Clone, Copy)]
pub(super) struct Outline {
    pub centre: Point,
    pub form: Form,
    /// Half the symbol's size, brackets and double outlines and the gap included.
    pub r: f64,
}

impl Outline {
    pub(super) fn holds(&self, p: Point) -> bool {
        let (dx, dy) = ((p.x - self.centre.x).abs(), (p.y - self.centre.y).abs());
        match self.form {
            Form::Square => dx <= self.r && dy <= self.r,
            Form::Diamond => dx + dy <= self.r * 1.15,
            Form::Circle | Form::Triangle => dx.hypot(dy) <= self.r,
        }
    }
}

/// Bends tried for an overlay line, as the distance of the curve's middle from the straight
/// line: straight first, then gentle bends either side, wider only when needed.
pub(super) const BENDS: [f64; 14] = [
    0.0, 14.0, 24.0, 36.0, 50.0, 66.0, 84.0, 105.0, 130.0, 160.0, 200.0, 250.0, 310.0, 380.0,
];

/// Where along the line a bend's control point sits, as a share of the line's length from
/// the middle (towards the end that comes later in the line's own frame).
pub(super) const LEANS: [f64; 5] = [0.0, -0.2, 0.2, -0.4, 0.4];

/// What crossing someone else's home costs a line: more than a name, less than a symbol.
const HOME: f64 = 30.0;
/// From this cost up an obstacle is a person, a name, a home or the title: an overlay line
/// must not pass through it. Below it are lines, which it may cross.
const SOLID: f64 = 10.0;
/// The bend recorded for a line that took a detour rather than a curve.
const DETOURED: f64 = 999.0;

/// A route for an overlay line between two symbols, as practitioners draw it: straight
/// between the outlines when that passes through no other symbol, otherwise one gentle
/// curve (a quadratic bend) to one side, its bend chosen to clear symbols, then names, then
/// lines already drawn, and kept as small as that allows. `taken` holds the bends already
/// used between the same two people (measured on the side of the line from the earlier of
/// the two points), so a second line between them takes a bend of its own. Returns the
/// points drawn and the bend used.
pub(super) fn route(
    from: Outline,
    to: Outline,
    obstacles: &mut Vec<(Rect, f64, f64)>,
    routed: &mut Vec<Vec<Point>>,
    taken: &[f64],
    bounds: &Rect,
) -> (Vec<Point>, f64) {
    let (a, b) = (from.centre, to.centre);
    // The side of a bend is measured from the earlier point, whichever way the line runs,
    // so lines between the same two people compare.
    let (lo, hi) = if (a.x, a.y) <= (b.x, b.y) {
        (a, b)
    } else {
        (b, a)
    };
    let (dx, dy) = (hi.x - lo.x, hi.y - lo.y);
    let len = dx.hypot(dy).max(1e-9);
    let (nx, ny) = (-dy / len, dx / len);
    let mid = Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0);
    let own = |r: &Rect| {
        let inside = |p: Point| p.x >= r.x && p.x <= r.right() && p.y >= r.y && p.y <= r.bottom();
        inside(a) || inside(b)
    };
    let curve = |h: f64, lean: f64| -> Vec<Point> {
        // A quadratic whose middle is `h` from the chord has its control point at 2h; `lean`
        // slides the control point along the chord, so the bend's deepest point comes
        // nearer one end and the line can pass through a gap that is not half way.
        let c = Point::new(
            mid.x + nx * 2.0 * h + dx / len * lean * len,
            mid.y + ny * 2.0 * h + dy / len * lean * len,
        );
        let at = |t: f64| {
            let u = 1.0 - t;
            Point::new(
                u * u * a.x + 2.0 * u * t * c.x + t * t * b.x,
                u * u * a.y + 2.0 * u * t * c.y + t * t * b.y,
            )
        };
        // Where the curve leaves the first outline and enters the second.
        let edge = |outline: &Outline, inner: f64, outer: f64| {
            let (mut i, mut o) = (inner, outer);
            for _ in 0..30 {
                let m = (i + o) / 2.0;
                if outline.holds(at(m)) {
                    i = m;
                } else {
                    o = m;
                }
            }
            o
        };
        let t0 = edge(&from, 0.0, 0.5);
        let t1 = edge(&to, 1.0, 0.5);
        if t1 <= t0 {
            return vec![a, b];
        }
        if h == 0.0 && lean == 0.0 {
            return vec![at(t0), at(t1)];
        }
        let arc = len + h.abs();
        let steps = ((arc / 14.0).ceil() as usize).clamp(6, 48);
        (0..=steps)
            .map(|k| at(t0 + (t1 - t0) * k as f64 / steps as f64))
            .collect()
    };
    let limit = (len * 0.45).max(30.0);
    // Only what lies near the two people can be touched by any bend tried: sort that out
    // once, so a large family costs each line little.
    let reach = Rect::around(&[a, b])
        .unwrap_or_default()
        .inflate(limit * 1.2 + 10.0);
    let near: Vec<(Rect, f64, f64)> = obstacles
        .iter()
        .filter(|(r, _, _)| r.overlaps(&reach) && !own(r))
        .copied()
        .collect();
    let lines_near: Vec<&Vec<Point>> = routed
        .iter()
        .filter(|line| Rect::around(line).is_some_and(|r| r.overlaps(&reach)))
        .collect();
    let score = |points: &[Point], h: f64| -> f64 {
        let span = Rect::around(points).unwrap_or_default().inflate(4.0);
        let hits: f64 = near
            .iter()
            .filter(|(r, _, _)| r.overlaps(&span))
            .map(|(r, cost, along)| {
                let inside: f64 = points
                    .windows(2)
                    .filter_map(|w| {
                        segment_clip(w[0], w[1], &r.inflate(2.0))
                            .map(|(t0, t1)| (t1 - t0) * (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
                    })
                    .fold(-1.0, f64::max);
                if inside < 0.0 {
                    0.0
                } else if *along > 0.0 && inside > 30.0 {
                    // Lying on a line for a stretch, it would read as part of that line.
                    cost + along * inside + 25.0
                } else {
                    cost + along * inside
                }
            })
            .sum();
        let crossed = lines_near
            .iter()
            .filter(|other| {
                points.windows(2).any(|w| {
                    other
                        .windows(2)
                        .any(|o| segments_cross(w[0], w[1], o[0], o[1]))
                })
            })
            .count();
        let off_sheet = points.iter().any(|p| !inside(bounds, *p));
        // Every unit of bend makes the line longer and harder to follow: straight wins
        // unless it hides a symbol or a name.
        hits + crossed as f64 * 2.0 + h.abs() / 40.0 + if off_sheet { 1000.0 } else { 0.0 }
    };
    let mut best: Option<(f64, f64, Vec<Point>)> = None;
    for &bend in &BENDS {
        if bend > limit {
            break;
        }
        for sign in [1.0, -1.0] {
            if bend == 0.0 && sign < 0.0 {
                continue;
            }
            let h = sign * bend;
            if taken.iter().any(|t| (t - h).abs() < 12.0) {
                continue;
            }
            for lean in LEANS {
                if bend == 0.0 && lean != 0.0 {
                    continue;
                }
                let points = curve(h, lean);
                // A lopsided bend is a little harder to follow than an even one.
                let s = score(&points, h) + lean.abs() * 2.0;
                if best.as_ref().is_none_or(|(b, _, _)| s < *b) {
                    best = Some((s, h, points));
                }
            }
        }
    }
    let (_, mut h, mut chosen) = best.unwrap_or_else(|| (0.0, 0.0, curve(0.0, 0.0)));
    let blocked = |points: &[Point], solid: &[Rect]| {
        points.iter().any(|p| !inside(bounds, *p))
            || points.windows(2).any(|w| {
                solid.iter().any(|r| {
                    segment_clip(w[0], w[1], &r.inflate(0.5)).is_some_and(|(t0, t1)| {
                        (t1 - t0) * (w[1].x - w[0].x).hypot(w[1].y - w[0].y) > 0.25
                    })
                })
            })
    };
    // The names under the two people's own symbols: a line may pass behind them (the
    // writing's white outline keeps it off the letters) when nothing else is clear.
    let own_label = |r: &Rect| {
        [a, b]
            .iter()
            .any(|c| r.x <= c.x && c.x <= r.right() && r.y >= c.y && r.y - c.y <= 40.0)
    };
    let solid_near: Vec<Rect> = near
        .iter()
        .filter(|(r, cost, _)| *cost >= SOLID && !own_label(r))
        .map(|(r, _, _)| *r)
        .collect();
    // No gentle curve is clear: a detour round everything in the way if a short one
    // exists, else round people and names only (crossing another home's outline is the
    // lesser fault), else the best curve.
    if blocked(&chosen, &solid_near)
        && let Some(area) = detour::region(a, b, bounds)
    {
        let longest = len * 1.6 + 40.0;
        for homes in [true, false] {
            let solid_here = |cost: f64| cost >= SOLID && (homes || cost != HOME);
            let in_area = |r: &Rect| r.overlaps(&area) && !own(r);
            let solid: Vec<Rect> = obstacles
                .iter()
                .filter(|(r, cost, _)| solid_here(*cost) && in_area(r) && !own_label(r))
                .map(|(r, _, _)| *r)
                .collect();
            // Lines, the two people's own names, and a margin round everything solid cost
            // extra, so the detour keeps to the middle of the gaps it passes through.
            let lines: Vec<Rect> = obstacles
                .iter()
                .filter(|(r, cost, _)| in_area(r) && (*cost < SOLID || own_label(r)))
                .map(|(r, _, _)| *r)
                .chain(solid.iter().map(|r| r.inflate(7.0)))
                .collect();
            let drawn: Vec<&Vec<Point>> = routed
                .iter()
                .filter(|line| Rect::around(line).is_some_and(|r| r.overlaps(&area)))
                .collect();
            if let Some(way) = detour::detour(&from, &to, &area, &solid, &lines, &drawn)
                && !blocked(&way, &solid)
                && length(&way) <= longest
            {
                chosen = way;
                h = DETOURED;
                break;
            }
        }
    }
    // Later lines keep off this one rather than run along it.
    for w in chosen.windows(2) {
        if let Some(r) = Rect::around(&[w[0], w[1]]) {
            obstacles.push((r.inflate(3.0), 1.0, 0.15));
        }
    }
    routed.push(chosen.clone());
    (chosen, h)
}

fn length(points: &[Point]) -> f64 {
    points
        .windows(2)
        .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
        .sum()
}

fn inside(r: &Rect, p: Point) -> bool {
    p.x >= r.x && p.x <= r.right() && p.y >= r.y && p.y <= r.bottom()
}

pub(super) fn segments_cross(p1: Point, p2: Point, q1: Point, q2: Point) -> bool {
    let d = |a: Point, b: Point, c: Point| (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    let (d1, d2) = (d(q1, q2, p1), d(q1, q2, p2));
    let (d3, d4) = (d(p1, p2, q1), d(p1, p2, q2));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// True if the segment from `p` to `q` passes through the box.
/// The part of the segment from `p` to `q` inside the box, as fractions of its length
/// (Liang–Barsky clipping).
pub(super) fn segment_clip(p: Point, q: Point, r: &Rect) -> Option<(f64, f64)> {
    let (dx, dy) = (q.x - p.x, q.y - p.y);
    let mut t0: f64 = 0.0;
    let mut t1: f64 = 1.0;
    for (pk, qk) in [
        (-dx, p.x - r.x),
        (dx, r.right() - p.x),
        (-dy, p.y - r.y),
        (dy, r.bottom() - p.y),
    ] {
        if pk.abs() < 1e-12 {
            if qk < 0.0 {
                return None;
            }
        } else {
            let t = qk / pk;
            if pk < 0.0 {
                t0 = t0.max(t);
            } else {
                t1 = t1.min(t);
            }
            if t0 > t1 {
                return None;
            }
        }
    }
    Some((t0, t1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn person(x: f64, y: f64) -> Outline {
        Outline {
            centre: Point::new(x, y),
            form: Form::Square,
            r: 20.0,
        }
    }

    fn everywhere() -> Rect {
        Rect::new(-1e6, -1e6, 2e6, 2e6)
    }

    fn length(points: &[Point]) -> f64 {
        points
            .windows(2)
            .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
            .sum()
    }

    #[test]
    fn a_clear_line_is_straight_and_stops_at_the_outlines() {
        let (mut obstacles, mut routed) = (Vec::new(), Vec::new());
        let (points, bend) = route(
            person(0.0, 0.0),
            person(200.0, 0.0),
            &mut obstacles,
            &mut routed,
            &[],
            &everywhere(),
        );
        assert_eq!(bend, 0.0);
        assert_eq!(points.len(), 2);
        assert!((points[0].x - 20.0).abs() < 0.01 && (points[1].x - 180.0).abs() < 0.01);
    }

    #[test]
    fn a_symbol_in_the_way_gives_one_gentle_curve_round_it() {
        let symbol = Rect::new(80.0, -18.0, 40.0, 36.0);
        let mut obstacles = vec![(symbol, 100.0, 0.0)];
        let mut routed = Vec::new();
        let (points, bend) = route(
            person(0.0, 0.0),
            person(200.0, 0.0),
            &mut obstacles,
            &mut routed,
            &[],
            &everywhere(),
        );
        assert!(bend != 0.0 && bend.abs() <= 50.0, "bend {bend}");
        assert!(
            points
                .windows(2)
                .all(|w| segment_clip(w[0], w[1], &symbol).is_none())
        );
        // No detour: a little longer than the straight line, not round the sheet.
        assert!(length(&points) < 200.0);
        // A second line between the same two people takes another bend.
        let (second, other) = route(
            person(200.0, 0.0),
            person(0.0, 0.0),
            &mut obstacles,
            &mut routed,
            &[bend],
            &everywhere(),
        );
        assert!((other - bend).abs() >= 12.0);
        let apart = second
            .iter()
            .map(|p| {
                points
                    .iter()
                    .map(|q| (p.x - q.x).hypot(p.y - q.y))
                    .fold(f64::MAX, f64::min)
            })
            .fold(0.0, f64::max);
        assert!(apart > 10.0, "the two lines stay apart");
    }
}
