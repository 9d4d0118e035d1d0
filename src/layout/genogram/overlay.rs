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
use crate::model::{ChildLink, Relationship};
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

impl Router {
    /// Routes one overlay line between two people (`from` and `to` their outlines), with a
    /// bend of its own where other lines already join the same two people.
    fn line_between(&mut self, (a, b): (usize, usize), from: Outline, to: Outline) -> Vec<Point> {
        let taken = self.bends.entry((a.min(b), a.max(b))).or_default();
        let (route, bend) = route(
            from,
            to,
            &mut self.obstacles,
            &mut self.routed,
            taken,
            &self.bounds,
        );
        taken.push(bend);
        route
    }
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
    let mut overlay = Vec::new();
    // Each child's other-parent lines are numbered, so their ids stay apart.
    let mut other_count: BTreeMap<usize, usize> = BTreeMap::new();
    for parentage in frame
        .case
        .parentage
        .iter()
        .filter(|p| !p.primary && p.span.contains(frame.as_at))
    {
        let Some((child, carers)) = frame.family.child_and_parents(parentage) else {
            continue;
        };
        for (group, start) in carer_groups(frame, family_items, &carers) {
            let route =
                router.line_between((group[0], child), start, outline_of(frame, child, 3.0));
            let n = other_count.entry(child).or_insert(0);
            *n += 1;
            overlay.push(other_parent_item(
                frame,
                parentage.link,
                child,
                &group,
                *n,
                route,
            ));
            keys.insert(Key::Child(parentage.link));
        }
    }
    overlay
}

/// Where a child's other-parent lines start, with the carers each speaks for: two carers
/// who are partners, drawn side by side, share one line from the middle of the line between
/// them, as a child hangs from its parents' line; otherwise each carer has a line of their
/// own from their symbol.
fn carer_groups(
    frame: &Frame,
    family_items: &[Item],
    carers: &[usize],
) -> Vec<(Vec<usize>, Outline)> {
    match partnership_middle(frame, family_items, carers) {
        Some(centre) => vec![(
            carers.to_vec(),
            Outline {
                centre,
                form: Form::Circle,
                r: 0.0,
            },
        )],
        None => carers
            .iter()
            .map(|&p| (vec![p], outline_of(frame, p, 3.0)))
            .collect(),
    }
}

/// The middle of the level line drawn between two carers who are partners, if there is one.
fn partnership_middle(frame: &Frame, family_items: &[Item], carers: &[usize]) -> Option<Point> {
    let [x, y] = carers[..] else {
        return None;
    };
    let people = &frame.people;
    family_items
        .iter()
        .find(|i| {
            i.kind == ItemKind::Partnership
                && i.people.contains(&people[x].id.0)
                && i.people.contains(&people[y].id.0)
        })
        .and_then(|i| i.points.as_ref())
        .filter(|points| points.len() == 2 && (points[0].y - points[1].y).abs() < 0.5)
        .map(|points| Point::new((points[0].x + points[1].x) / 2.0, points[0].y))
}

/// The drawn line from one carer (or a couple of carers) to a child, the `n`th such line of
/// that child.
fn other_parent_item(
    frame: &Frame,
    link: ChildLink,
    child: usize,
    group: &[usize],
    n: usize,
    route: Vec<Point>,
) -> Item {
    let people = &frame.people;
    let mut item = Item::new(
        ItemKind::ChildLink,
        format!("child-link-{}-other-{}", people[child].id, n),
    );
    item.people = vec![people[child].id.0.clone()];
    item.people
        .extend(group.iter().map(|&p| people[p].id.0.clone()));
    item.classes.push(link_class(link).to_string());
    item.classes.push("other-parent".into());
    item.shapes.push(Shape::Polyline {
        points: route.clone(),
        paint: Paint::line(Colour(60, 60, 60), 1.4).dashed(draw::child_dash(link)),
    });
    item.bbox = Rect::around(&route).unwrap_or_default().inflate(1.0);
    let names: Vec<&str> = group.iter().map(|&p| people[p].display_name()).collect();
    let plural = group.len() > 1;
    item.title = Some(format!(
        "{} {} {} of {}",
        names.join(" and "),
        if plural { "are" } else { "is" },
        carer_role(link, plural),
        people[child].display_name()
    ));
    item.points = Some(route);
    item
}

/// What a carer is to a child, in words, for one carer or several.
fn carer_role(link: ChildLink, plural: bool) -> &'static str {
    let (one, several) = match link {
        ChildLink::Biological => ("a birth parent", "birth parents"),
        ChildLink::Adopted => ("an adoptive parent", "adoptive parents"),
        ChildLink::Foster => ("a foster carer", "foster carers"),
        ChildLink::Step => ("a step-parent", "step-parents"),
        ChildLink::KinshipCare => ("a kinship carer", "kinship carers"),
        ChildLink::SpecialGuardianship => ("a special guardian", "special guardians"),
    };
    if plural { several } else { one }
}

/// Emotional relationships: an overlay that never moves the family.
pub(super) fn emotional_lines(
    frame: &Frame,
    router: &mut Router,
    keys: &mut BTreeSet<Key>,
) -> Vec<Item> {
    let (case, as_at, family) = (frame.case, frame.as_at, &frame.family);
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
        let route =
            router.line_between((a, b), outline_of(frame, a, 5.0), outline_of(frame, b, 5.0));
        overlay.push(emotional_item(frame, relationship, n + 1, (a, b), route));
        keys.insert(Key::Emotional(relationship.kind));
    }
    overlay
}

/// The drawn line of one emotional relationship (the case's `number`th), between people
/// `a` and `b`.
fn emotional_item(
    frame: &Frame,
    relationship: &Relationship,
    number: usize,
    (a, b): (usize, usize),
    route: Vec<Point>,
) -> Item {
    let (people, as_at) = (&frame.people, frame.as_at);
    let directed = relationship.directed && relationship.kind.is_directed();
    let mut item = Item::new(
        ItemKind::Emotional,
        format!("emotional-{}--{}-{}", people[a].id, people[b].id, number),
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
    let (from, to) = (people[a].display_name(), people[b].display_name());
    let mut title = if directed {
        format!("{from} → {to}: {verb}")
    } else {
        format!("{from} and {to}: {verb}")
    };
    if let Some(note) = &relationship.note {
        title.push_str(&format!(" ({note})"));
    }
    item.title = Some(title);
    item.points = Some(route);
    item
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
    let chord = Chord::new(from, to);
    let nearby = Nearby::new(&chord, obstacles, routed, bounds);
    let (mut h, mut chosen) = gentlest_curve(&chord, &nearby, taken);
    // No gentle curve is clear: a detour round everything in the way if a short one
    // exists, else the best curve.
    if blocked(&chosen, &nearby.solid(&chord), bounds)
        && let Some(way) = detour_round(&chord, obstacles, routed, bounds)
    {
        chosen = way;
        h = DETOURED;
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

/// The straight line between two outlines' centres, and the frame a bend is measured in.
struct Chord {
    from: Outline,
    to: Outline,
    a: Point,
    b: Point,
    /// From the earlier of the two points to the later.
    dx: f64,
    dy: f64,
    len: f64,
    /// The unit normal on the side a positive bend goes.
    nx: f64,
    ny: f64,
    mid: Point,
}

impl Chord {
    fn new(from: Outline, to: Outline) -> Chord {
        let (a, b) = (from.centre, to.centre);
        // The side of a bend is measured from the earlier point, whichever way the line
        // runs, so lines between the same two people compare.
        let (lo, hi) = if (a.x, a.y) <= (b.x, b.y) {
            (a, b)
        } else {
            (b, a)
        };
        let (dx, dy) = (hi.x - lo.x, hi.y - lo.y);
        let len = dx.hypot(dy).max(1e-9);
        Chord {
            from,
            to,
            a,
            b,
            dx,
            dy,
            len,
            nx: -dy / len,
            ny: dx / len,
            mid: Point::new((a.x + b.x) / 2.0, (a.y + b.y) / 2.0),
        }
    }

    /// The widest bend tried: wider curves stray too far from the two people to read as
    /// joining them.
    fn widest_bend(&self) -> f64 {
        (self.len * 0.45).max(30.0)
    }

    /// A box holding either end: the two people's own symbols, which the line may touch.
    fn own(&self, r: &Rect) -> bool {
        inside(r, self.a) || inside(r, self.b)
    }

    /// The names under the two people's own symbols: a line may pass behind them (the
    /// writing's white outline keeps it off the letters) when nothing else is clear.
    fn own_label(&self, r: &Rect) -> bool {
        [self.a, self.b]
            .iter()
            .any(|c| r.x <= c.x && c.x <= r.right() && r.y >= c.y && r.y - c.y <= 40.0)
    }

    /// The curve with its middle `h` from the chord, cut where it leaves the first outline
    /// and enters the second.
    fn curve(&self, h: f64, lean: f64) -> Vec<Point> {
        let Chord {
            a,
            b,
            dx,
            dy,
            len,
            nx,
            ny,
            mid,
            ..
        } = *self;
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
        let t0 = edge(&self.from, 0.0, 0.5);
        let t1 = edge(&self.to, 1.0, 0.5);
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
    }
}

/// What lies near the two people, where any bend tried could touch it: sorted out once, so
/// a large family costs each line little.
struct Nearby<'a> {
    obstacles: Vec<(Rect, f64, f64)>,
    lines: Vec<&'a Vec<Point>>,
    bounds: &'a Rect,
}

impl<'a> Nearby<'a> {
    fn new(
        chord: &Chord,
        obstacles: &[(Rect, f64, f64)],
        routed: &'a [Vec<Point>],
        bounds: &'a Rect,
    ) -> Nearby<'a> {
        let reach = Rect::around(&[chord.a, chord.b])
            .unwrap_or_default()
            .inflate(chord.widest_bend() * 1.2 + 10.0);
        Nearby {
            obstacles: obstacles
                .iter()
                .filter(|(r, _, _)| r.overlaps(&reach) && !chord.own(r))
                .copied()
                .collect(),
            lines: routed
                .iter()
                .filter(|line| Rect::around(line).is_some_and(|r| r.overlaps(&reach)))
                .collect(),
            bounds,
        }
    }

    /// What a line through `points` with bend `h` costs: lower is better.
    fn score(&self, points: &[Point], h: f64) -> f64 {
        let span = Rect::around(points).unwrap_or_default().inflate(4.0);
        let hits: f64 = self
            .obstacles
            .iter()
            .filter(|(r, _, _)| r.overlaps(&span))
            .map(|(r, cost, along)| {
                let inside: f64 = points
                    .windows(2)
                    .filter_map(|w| {
                        r.inflate(2.0)
                            .clip_segment(w[0], w[1])
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
        let crossed = self
            .lines
            .iter()
            .filter(|other| {
                points.windows(2).any(|w| {
                    other
                        .windows(2)
                        .any(|o| segments_cross(w[0], w[1], o[0], o[1]))
                })
            })
            .count();
        let off_sheet = points.iter().any(|p| !inside(self.bounds, *p));
        // Every unit of bend makes the line longer and harder to follow: straight wins
        // unless it hides a symbol or a name.
        hits + crossed as f64 * 2.0 + h.abs() / 40.0 + if off_sheet { 1000.0 } else { 0.0 }
    }

    /// What near the line it must not pass through: people, names and homes, but not the
    /// two people's own names.
    fn solid(&self, chord: &Chord) -> Vec<Rect> {
        self.obstacles
            .iter()
            .filter(|(r, cost, _)| *cost >= SOLID && !chord.own_label(r))
            .map(|(r, _, _)| *r)
            .collect()
    }
}

/// The best of the gentle curves (straight first, then each bend in [`BENDS`] up to the
/// widest, either side, with each lean in [`LEANS`]) that no line between the same two
/// people has `taken`: its bend and points.
fn gentlest_curve(chord: &Chord, nearby: &Nearby, taken: &[f64]) -> (f64, Vec<Point>) {
    let limit = chord.widest_bend();
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
                let points = chord.curve(h, lean);
                // A lopsided bend is a little harder to follow than an even one.
                let s = nearby.score(&points, h) + lean.abs() * 2.0;
                if best.as_ref().is_none_or(|(b, _, _)| s < *b) {
                    best = Some((s, h, points));
                }
            }
        }
    }
    let (_, h, points) = best.unwrap_or_else(|| (0.0, 0.0, chord.curve(0.0, 0.0)));
    (h, points)
}

/// True if the line leaves the sheet or passes through any of the `solid` boxes (more than
/// grazing one).
fn blocked(points: &[Point], solid: &[Rect], bounds: &Rect) -> bool {
    points.iter().any(|p| !inside(bounds, *p))
        || points.windows(2).any(|w| {
            solid.iter().any(|r| {
                r.inflate(0.5)
                    .clip_segment(w[0], w[1])
                    .is_some_and(|(t0, t1)| {
                        (t1 - t0) * (w[1].x - w[0].x).hypot(w[1].y - w[0].y) > 0.25
                    })
            })
        })
}

/// A short detour round everything in the way, if one exists; else one round people and
/// names only (crossing another home's outline is the lesser fault); else none.
fn detour_round(
    chord: &Chord,
    obstacles: &[(Rect, f64, f64)],
    routed: &[Vec<Point>],
    bounds: &Rect,
) -> Option<Vec<Point>> {
    let area = detour::region(chord.a, chord.b, bounds)?;
    let longest = chord.len * 1.6 + 40.0;
    for homes in [true, false] {
        let solid_here = |cost: f64| cost >= SOLID && (homes || cost != HOME);
        let in_area = |r: &Rect| r.overlaps(&area) && !chord.own(r);
        let solid: Vec<Rect> = obstacles
            .iter()
            .filter(|(r, cost, _)| solid_here(*cost) && in_area(r) && !chord.own_label(r))
            .map(|(r, _, _)| *r)
            .collect();
        // Lines, the two people's own names, and a margin round everything solid cost
        // extra, so the detour keeps to the middle of the gaps it passes through.
        let lines: Vec<Rect> = obstacles
            .iter()
            .filter(|(r, cost, _)| in_area(r) && (*cost < SOLID || chord.own_label(r)))
            .map(|(r, _, _)| *r)
            .chain(solid.iter().map(|r| r.inflate(7.0)))
            .collect();
        let drawn: Vec<&Vec<Point>> = routed
            .iter()
            .filter(|line| Rect::around(line).is_some_and(|r| r.overlaps(&area)))
            .collect();
        if let Some(way) = detour::detour(&chord.from, &chord.to, &area, &solid, &lines, &drawn)
            && !blocked(&way, &solid, bounds)
            && length(&way) <= longest
        {
            return Some(way);
        }
    }
    None
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

    /// Two people on one row, 200 apart.
    fn left() -> Outline {
        person(0.0, 0.0)
    }

    fn right() -> Outline {
        person(200.0, 0.0)
    }

    /// A line routed with no edge of the sheet in the way.
    fn route_anywhere(
        from: Outline,
        to: Outline,
        obstacles: &mut Vec<(Rect, f64, f64)>,
        routed: &mut Vec<Vec<Point>>,
        taken: &[f64],
    ) -> (Vec<Point>, f64) {
        let everywhere = Rect::new(-1e6, -1e6, 2e6, 2e6);
        route(from, to, obstacles, routed, taken, &everywhere)
    }

    #[test]
    fn a_clear_line_is_straight_and_stops_at_the_outlines() {
        let (mut obstacles, mut routed) = (Vec::new(), Vec::new());
        let (points, bend) = route_anywhere(left(), right(), &mut obstacles, &mut routed, &[]);
        assert_eq!(bend, 0.0);
        assert_eq!(points.len(), 2);
        assert!((points[0].x - 20.0).abs() < 0.01 && (points[1].x - 180.0).abs() < 0.01);
    }

    #[test]
    fn a_symbol_in_the_way_gives_one_gentle_curve_round_it() {
        let symbol = Rect::new(80.0, -18.0, 40.0, 36.0);
        let mut obstacles = vec![(symbol, 100.0, 0.0)];
        let mut routed = Vec::new();
        let (points, bend) = route_anywhere(left(), right(), &mut obstacles, &mut routed, &[]);
        assert!(bend != 0.0 && bend.abs() <= 50.0, "bend {bend}");
        assert!(
            points
                .windows(2)
                .all(|w| symbol.clip_segment(w[0], w[1]).is_none())
        );
        // No detour: a little longer than the straight line, not round the sheet.
        assert!(length(&points) < 200.0);
        // A second line between the same two people takes another bend.
        let (second, other) = route_anywhere(right(), left(), &mut obstacles, &mut routed, &[bend]);
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
