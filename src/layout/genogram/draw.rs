//! Shapes for genogram symbols and line kinds: one function per convention in the domain
//! brief, used both in the drawing and in the legend so the two always match.

use crate::layout::scene::{Colour, Paint, PathStep, Point, Shape};
use crate::model::{ChildLink, Gender, LossKind, RelationshipKind};

pub(super) const INK: Colour = Colour::BLACK;
pub(super) const LINE: f64 = 1.6;

/// How a person's symbol is outlined and marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Form {
    Square,
    Circle,
    Diamond,
    Triangle,
}

pub(super) fn form(gender: Gender) -> Form {
    match gender {
        Gender::Male => Form::Square,
        Gender::Female => Form::Circle,
        Gender::NonBinary | Gender::Unknown => Form::Diamond,
    }
}

/// The outline of a form centred on `c` with half-size `r`.
pub(super) fn outline(form: Form, c: Point, r: f64, paint: Paint) -> Shape {
    match form {
        Form::Square => Shape::Polygon {
            points: vec![
                Point::new(c.x - r, c.y - r),
                Point::new(c.x + r, c.y - r),
                Point::new(c.x + r, c.y + r),
                Point::new(c.x - r, c.y + r),
            ],
            paint,
        },
        Form::Circle => Shape::Circle {
            centre: c,
            radius: r,
            paint,
        },
        Form::Diamond => Shape::Polygon {
            points: vec![
                Point::new(c.x, c.y - r * 1.15),
                Point::new(c.x + r * 1.15, c.y),
                Point::new(c.x, c.y + r * 1.15),
                Point::new(c.x - r * 1.15, c.y),
            ],
            paint,
        },
        Form::Triangle => Shape::Polygon {
            points: vec![
                Point::new(c.x, c.y - r),
                Point::new(c.x + r, c.y + r * 0.8),
                Point::new(c.x - r, c.y + r * 0.8),
            ],
            paint,
        },
    }
}

/// The half-extent of a form's outline (a diamond reaches further than its half-size).
pub(super) fn reach(form: Form, r: f64) -> f64 {
    match form {
        Form::Diamond => r * 1.15,
        _ => r,
    }
}

pub(super) fn segment(a: Point, b: Point, paint: Paint) -> Shape {
    Shape::Polyline {
        points: vec![a, b],
        paint,
    }
}

/// An X through a symbol, overshooting it a little.
pub(super) fn cross(c: Point, r: f64, paint: &Paint) -> Vec<Shape> {
    let d = r * 0.95;
    vec![
        segment(
            Point::new(c.x - d, c.y - d),
            Point::new(c.x + d, c.y + d),
            paint.clone(),
        ),
        segment(
            Point::new(c.x - d, c.y + d),
            Point::new(c.x + d, c.y - d),
            paint.clone(),
        ),
    ]
}

/// One slash from lower left to upper right, overshooting the symbol (pedigree convention).
pub(super) fn slash(c: Point, r: f64, paint: &Paint) -> Shape {
    let d = r * 1.35;
    segment(
        Point::new(c.x - d, c.y + d),
        Point::new(c.x + d, c.y - d),
        paint.clone(),
    )
}

/// Square brackets either side of an adopted person's symbol.
pub(super) fn brackets(c: Point, r: f64, paint: &Paint) -> Vec<Shape> {
    let h = r + 5.0;
    let x0 = c.x - r - 9.0;
    let x1 = c.x + r + 9.0;
    vec![
        Shape::Polyline {
            points: vec![
                Point::new(x0 + 4.0, c.y - h),
                Point::new(x0, c.y - h),
                Point::new(x0, c.y + h),
                Point::new(x0 + 4.0, c.y + h),
            ],
            paint: paint.clone(),
        },
        Shape::Polyline {
            points: vec![
                Point::new(x1 - 4.0, c.y - h),
                Point::new(x1, c.y - h),
                Point::new(x1, c.y + h),
                Point::new(x1 - 4.0, c.y + h),
            ],
            paint: paint.clone(),
        },
    ]
}

/// The marks of a pregnancy that ended: X for a miscarriage, X and a bar for a termination.
pub(super) fn loss_marks(kind: LossKind, c: Point, r: f64, paint: &Paint) -> Vec<Shape> {
    let mut shapes = Vec::new();
    match kind {
        LossKind::Miscarriage | LossKind::Stillbirth => shapes.extend(cross(c, r * 0.8, paint)),
        LossKind::Termination => {
            shapes.extend(cross(c, r * 0.8, paint));
            shapes.push(segment(
                Point::new(c.x - r * 1.1, c.y + r * 1.15),
                Point::new(c.x + r * 1.1, c.y + r * 1.15),
                paint.clone(),
            ));
        }
    }
    shapes
}

/// The line kinds between partners.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum PartnerLine {
    Married,
    Cohabiting,
    Dating,
    Engaged,
    /// Two parents the case names together without recording a partnership.
    Unrecorded,
}

impl PartnerLine {
    pub fn dash(self) -> &'static [f64] {
        match self {
            PartnerLine::Married => &[],
            PartnerLine::Cohabiting => &[8.0, 4.0],
            PartnerLine::Dating => &[1.5, 3.5],
            PartnerLine::Engaged => &[9.0, 3.0, 2.0, 3.0],
            PartnerLine::Unrecorded => &[14.0, 3.0, 2.0, 3.0, 2.0, 3.0],
        }
    }

    pub fn name(self) -> &'static str {
        match self {
            PartnerLine::Married => "married / civil partnership",
            PartnerLine::Cohabiting => "living together",
            PartnerLine::Dating => "dating / affair",
            PartnerLine::Engaged => "engaged",
            PartnerLine::Unrecorded => "parents, relationship not recorded",
        }
    }
}

/// How a partnership ended (as at the drawing date).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Ending {
    Separated,
    Divorced,
}

/// A horizontal partner line from `a` to `b`, doubled for blood relatives.
pub(super) fn partner_line(points: &[Point], kind: PartnerLine, double: bool) -> Vec<Shape> {
    let paint = Paint::line(INK, LINE).dashed(kind.dash());
    if double {
        let mut shapes = Vec::new();
        for d in [-2.2, 2.2] {
            shapes.push(Shape::Polyline {
                points: offset(points, d),
                paint: paint.clone(),
            });
        }
        shapes
    } else {
        vec![Shape::Polyline {
            points: points.to_vec(),
            paint,
        }]
    }
}

/// Slashes across a horizontal line at `at`: one for separated, two for divorced, with a bar
/// through them when the couple reconciled.
pub(super) fn ending_marks(at: Point, ending: Ending, reconciled: bool) -> Vec<Shape> {
    let paint = Paint::line(INK, LINE);
    let xs: &[f64] = match ending {
        Ending::Separated => &[0.0],
        Ending::Divorced => &[-3.0, 3.0],
    };
    let mut shapes: Vec<Shape> = xs
        .iter()
        .map(|dx| {
            segment(
                Point::new(at.x + dx - 3.5, at.y + 6.0),
                Point::new(at.x + dx + 3.5, at.y - 6.0),
                paint.clone(),
            )
        })
        .collect();
    if reconciled {
        shapes.push(segment(
            Point::new(at.x - 7.0, at.y - 3.0),
            Point::new(at.x + 7.0, at.y - 3.0),
            paint,
        ));
    }
    shapes
}

/// The dash pattern of a child's line, also drawn from a carer or other parent figure to
/// the child. Each differs from every partner line, since a carer's line runs between two
/// people just as a partner line does: foster is not the dotted "dating" (a short dash
/// and two dots), step is not the long-dash-dot "engaged" (a long dash and a short one),
/// kinship care is not the long-dash-two-dots "relationship not recorded" (two short
/// dashes and a dot).
pub(super) fn child_dash(link: ChildLink) -> &'static [f64] {
    match link {
        ChildLink::Biological => &[],
        ChildLink::Adopted => &[6.0, 4.0],
        ChildLink::Foster => &[5.0, 3.0, 1.5, 3.0, 1.5, 3.0],
        ChildLink::Step => &[10.0, 3.0, 4.0, 3.0],
        ChildLink::KinshipCare => &[5.0, 3.0, 5.0, 3.0, 1.5, 3.0],
        ChildLink::SpecialGuardianship => &[3.0, 2.0, 3.0, 2.0, 12.0, 2.0],
    }
}

pub(super) fn child_link_name(link: ChildLink) -> &'static str {
    match link {
        ChildLink::Biological => "birth child",
        ChildLink::Adopted => "adopted child [ ]",
        ChildLink::Foster => "foster child (looked after)",
        ChildLink::Step => "step-child",
        ChildLink::KinshipCare => "kinship care",
        ChildLink::SpecialGuardianship => "special guardianship",
    }
}

pub(super) fn relationship_name(kind: RelationshipKind) -> &'static str {
    match kind {
        RelationshipKind::Close => "close",
        RelationshipKind::VeryClose => "very close / fused",
        RelationshipKind::Distant => "distant",
        RelationshipKind::Conflict => "conflict",
        RelationshipKind::Hostile => "hostile",
        RelationshipKind::CloseHostile => "close but hostile",
        RelationshipKind::CutOff => "cut off",
        RelationshipKind::Repaired => "cut off, repaired",
        RelationshipKind::FocusedOn => "focused on (arrow to whom)",
        RelationshipKind::PhysicalAbuse => "physical abuse (arrow to the person harmed)",
        RelationshipKind::EmotionalAbuse => "emotional abuse (arrow to the person harmed)",
        RelationshipKind::SexualAbuse => "sexual abuse (arrow to the person harmed)",
        RelationshipKind::Neglect => "neglect (arrow to the person harmed)",
        RelationshipKind::DomesticAbuse => "domestic abuse (arrow to the person harmed)",
        RelationshipKind::CoerciveControl => "coercive control (arrow to the person harmed)",
    }
}

/// The outline colour and dash pattern of the `index`-th household, the same in the drawing
/// and in its legend.
pub(crate) fn household_style(index: usize) -> (Colour, &'static [f64]) {
    const TINTS: [Colour; 5] = [
        Colour(70, 130, 180),
        Colour(60, 150, 90),
        Colour(180, 120, 40),
        Colour(150, 80, 160),
        Colour(120, 120, 120),
    ];
    const DASHES: [&[f64]; 5] = [
        &[4.0, 3.0],
        &[1.5, 3.0],
        &[8.0, 3.0],
        &[8.0, 3.0, 1.5, 3.0],
        &[12.0, 4.0],
    ];
    (TINTS[index % TINTS.len()], DASHES[index % DASHES.len()])
}

fn relationship_colour(kind: RelationshipKind) -> Colour {
    match kind {
        RelationshipKind::Close | RelationshipKind::VeryClose => Colour(20, 110, 60),
        RelationshipKind::Distant | RelationshipKind::CutOff | RelationshipKind::Repaired => {
            Colour(90, 90, 90)
        }
        RelationshipKind::Conflict | RelationshipKind::Hostile | RelationshipKind::CloseHostile => {
            Colour(190, 90, 0)
        }
        RelationshipKind::FocusedOn => Colour(30, 70, 170),
        RelationshipKind::PhysicalAbuse => Colour(200, 0, 0),
        RelationshipKind::EmotionalAbuse => Colour(130, 40, 160),
        RelationshipKind::SexualAbuse => Colour(120, 0, 40),
        RelationshipKind::Neglect => Colour(120, 80, 20),
        RelationshipKind::DomesticAbuse => Colour(220, 30, 60),
        RelationshipKind::CoerciveControl => Colour(200, 60, 140),
    }
}

/// A polyline moved sideways by `d` (left of the direction of travel is negative).
pub(super) fn offset(points: &[Point], d: f64) -> Vec<Point> {
    let n = points.len();
    (0..n)
        .map(|i| {
            let (a, b) = if i + 1 < n {
                (points[i], points[i + 1])
            } else {
                (points[i - 1], points[i])
            };
            let (dx, dy) = (b.x - a.x, b.y - a.y);
            let len = (dx * dx + dy * dy).sqrt().max(1e-9);
            Point::new(points[i].x - dy / len * d, points[i].y + dx / len * d)
        })
        .collect()
}

/// Points every `step` along a polyline, with the direction there.
fn samples(points: &[Point], step: f64) -> Vec<(Point, (f64, f64))> {
    let mut out = Vec::new();
    let mut carry = 0.0;
    for w in points.windows(2) {
        let (a, b) = (w[0], w[1]);
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let len = (dx * dx + dy * dy).sqrt();
        if len < 1e-9 {
            continue;
        }
        let (ux, uy) = (dx / len, dy / len);
        let mut t = carry;
        while t <= len {
            out.push((Point::new(a.x + ux * t, a.y + uy * t), (ux, uy)));
            t += step;
        }
        carry = t - len;
    }
    if let (Some(&last), Some(&(_, dir))) = (points.last(), out.last()) {
        out.push((last, dir));
    }
    out
}

/// A zig-zag along the whole route: routes are straight or one gentle curve, so the pattern
/// follows the line from end to end.
fn zigzag(points: &[Point], amplitude: f64, step: f64) -> Vec<Point> {
    zigzag_run(points, amplitude, step)
}

fn zigzag_run(points: &[Point], amplitude: f64, step: f64) -> Vec<Point> {
    let s = samples(points, step);
    let n = s.len();
    s.into_iter()
        .enumerate()
        .map(|(i, (p, (ux, uy)))| {
            if i == 0 || i + 1 == n {
                p
            } else {
                let side = if i % 2 == 0 { amplitude } else { -amplitude };
                Point::new(p.x - uy * side, p.y + ux * side)
            }
        })
        .collect()
}

fn wave(points: &[Point], amplitude: f64, step: f64) -> Vec<PathStep> {
    if points.len() < 2 {
        return Vec::new();
    }
    wave_run(points, amplitude, step)
}

fn wave_run(points: &[Point], amplitude: f64, step: f64) -> Vec<PathStep> {
    let s = samples(points, step);
    let mut steps = Vec::new();
    for (i, (p, (ux, uy))) in s.iter().enumerate() {
        if i == 0 {
            steps.push(PathStep::MoveTo(*p));
            continue;
        }
        let prev = s[i - 1].0;
        let mid = Point::new((prev.x + p.x) / 2.0, (prev.y + p.y) / 2.0);
        let side = if i % 2 == 0 { amplitude } else { -amplitude };
        let control = Point::new(mid.x - uy * side * 2.0, mid.y + ux * side * 2.0);
        steps.push(PathStep::QuadTo(control, *p));
    }
    steps
}

fn arrow_head(tip: Point, from: Point, colour: Colour) -> Shape {
    let (dx, dy) = (tip.x - from.x, tip.y - from.y);
    let len = (dx * dx + dy * dy).sqrt().max(1e-9);
    let (ux, uy) = (dx / len, dy / len);
    let back = Point::new(tip.x - ux * 11.0, tip.y - uy * 11.0);
    Shape::Polygon {
        points: vec![
            tip,
            Point::new(back.x - uy * 5.0, back.y + ux * 5.0),
            Point::new(back.x + uy * 5.0, back.y - ux * 5.0),
        ],
        paint: Paint::fill(colour),
    }
}

/// The drawing of an emotional relationship along `points` (first point at the person who
/// harms or focuses, for directed kinds).
pub(super) fn relationship(kind: RelationshipKind, points: &[Point], directed: bool) -> Vec<Shape> {
    let colour = relationship_colour(kind);
    // Directed lines stop short of the target so the arrow head is not hidden.
    let body = if directed {
        trimmed(points, 10.0)
    } else {
        points.to_vec()
    };
    let mut shapes = relationship_lines(kind, &body, &Paint::line(colour, 1.4));
    if directed && points.len() >= 2 {
        // The head points along the last 11 units of the route, so it sits true on a curve.
        let n = points.len();
        let back = trimmed(points, 11.0);
        let from = back.last().copied().unwrap_or(points[n - 2]);
        shapes.push(arrow_head(points[n - 1], from, colour));
    }
    shapes
}

/// The lines that tell the kinds of emotional relationship apart, along `body`: how many,
/// dashed or not, straight, zigzag or wavy, and how heavy.
fn relationship_lines(kind: RelationshipKind, body: &[Point], plain: &Paint) -> Vec<Shape> {
    use RelationshipKind as K;
    let line = |pts: Vec<Point>, paint: Paint| Shape::Polyline { points: pts, paint };
    let side_by_side = |offsets: &[f64]| -> Vec<Shape> {
        offsets
            .iter()
            .map(|&d| line(offset(body, d), plain.clone()))
            .collect()
    };
    // Most kinds of abuse share one zigzag, drawn first, and differ in what is drawn with it.
    let zigzag_then = |mut more: Vec<Shape>| -> Vec<Shape> {
        more.insert(0, line(zigzag(body, 4.5, 6.0), plain.clone()));
        more
    };
    match kind {
        K::Close => side_by_side(&[-2.5, 2.5]),
        K::VeryClose => side_by_side(&[-4.0, 0.0, 4.0]),
        // Sparse dots: the dense dots are "dating", a line between partners.
        K::Distant => vec![line(body.to_vec(), plain.clone().dashed(&[2.0, 7.0]))],
        K::Conflict => vec![Shape::Path {
            steps: wave(body, 2.5, 8.0),
            paint: plain.clone(),
        }],
        K::Hostile => vec![line(zigzag(body, 4.0, 6.0), plain.clone())],
        K::CloseHostile => {
            let mut shapes = side_by_side(&[-2.5, 2.5]);
            shapes.push(line(zigzag(body, 5.0, 6.0), plain.clone()));
            shapes
        }
        K::CutOff => broken_line(body, plain, false),
        K::Repaired => broken_line(body, plain, true),
        K::FocusedOn => vec![line(body.to_vec(), plain.clone())],
        K::PhysicalAbuse => vec![line(zigzag(body, 4.5, 6.0), plain.clone().with_width(2.0))],
        K::EmotionalAbuse => {
            zigzag_then(vec![line(body.to_vec(), plain.clone().dashed(&[6.0, 3.0]))])
        }
        K::SexualAbuse => zigzag_then(side_by_side(&[-6.5, 6.5])),
        K::Neglect => vec![line(
            zigzag(body, 4.5, 6.0),
            plain.clone().dashed(&[3.0, 2.0]),
        )],
        K::DomesticAbuse => vec![line(zigzag(body, 4.5, 6.0), plain.clone().with_width(2.6))],
        K::CoerciveControl => {
            zigzag_then(vec![line(body.to_vec(), plain.clone().dashed(&[1.5, 3.0]))])
        }
    }
}

/// A cut-off: the line broken in the middle by two short bars; once repaired, a line
/// bridges the break.
fn broken_line(body: &[Point], plain: &Paint, repaired: bool) -> Vec<Shape> {
    let line = |pts: Vec<Point>| Shape::Polyline {
        points: simplify(&pts),
        paint: plain.clone(),
    };
    let mid = samples(body, 1.0);
    let half = mid.len() / 2;
    let (centre, (ux, uy)) = mid.get(half).copied().unwrap_or((body[0], (1.0, 0.0)));
    let gap = 4.0;
    let before = Point::new(centre.x - ux * gap, centre.y - uy * gap);
    let after = Point::new(centre.x + ux * gap, centre.y + uy * gap);
    let mut first: Vec<Point> = mid[..half].iter().map(|m| m.0).collect();
    first.push(before);
    let mut second = vec![after];
    second.extend(mid[half..].iter().map(|m| m.0));
    let mut shapes = vec![line(first), line(second)];
    for p in [before, after] {
        shapes.push(segment(
            Point::new(p.x - uy * 7.0, p.y + ux * 7.0),
            Point::new(p.x + uy * 7.0, p.y - ux * 7.0),
            plain.clone(),
        ));
    }
    if repaired {
        shapes.push(segment(
            Point::new(
                before.x - ux * 5.0 - uy * 2.5,
                before.y - uy * 5.0 + ux * 2.5,
            ),
            Point::new(after.x + ux * 5.0 - uy * 2.5, after.y + uy * 5.0 + ux * 2.5),
            plain.clone(),
        ));
    }
    shapes
}

/// The route with `cut` units taken off its far end (at most half its length), so a line
/// stops where its arrow head begins.
fn trimmed(points: &[Point], cut: f64) -> Vec<Point> {
    let total: f64 = points
        .windows(2)
        .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
        .sum();
    let mut left = cut.min(total * 0.5);
    let mut out = points.to_vec();
    while out.len() >= 2 && left > 0.0 {
        let n = out.len();
        let (a, b) = (out[n - 2], out[n - 1]);
        let len = (b.x - a.x).hypot(b.y - a.y);
        if len > left {
            let f = (len - left) / len;
            out[n - 1] = Point::new(a.x + (b.x - a.x) * f, a.y + (b.y - a.y) * f);
            break;
        }
        left -= len;
        out.pop();
    }
    out
}

/// Drops sample points that lie on a straight run, to keep drawings small.
fn simplify(points: &[Point]) -> Vec<Point> {
    if points.len() <= 2 {
        return points.to_vec();
    }
    let mut out = vec![points[0]];
    for i in 1..points.len() - 1 {
        let (a, b, c) = (*out.last().unwrap_or(&points[0]), points[i], points[i + 1]);
        let cross = (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
        if cross.abs() > 1e-6 {
            out.push(b);
        }
    }
    out.push(points[points.len() - 1]);
    out
}

trait WithWidth {
    fn with_width(self, width: f64) -> Self;
}

impl WithWidth for Paint {
    fn with_width(mut self, width: f64) -> Paint {
        self.stroke_width = width;
        self
    }
}
