//! Partnership lines: side by side, over the top for partners further apart, and between
//! rows for partners drawn on different rows; with their dates and ending marks.

use super::draw::{self, Ending, Form, INK, PartnerLine};
use super::look::{line_height, side_extra};
use super::sheet::Key;
use super::ties::TieEnds;
use super::{ARCH_STEP, DATE_SIZE, DATE_WRAP, Drawn, Frame, LABEL_HALO};
use crate::graph::Couple;
use crate::layout::scene::{Anchor, Item, ItemKind, Point, Rect, Shape, Weight};
use crate::model::{Case, PartnershipStatus};
use crate::text;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// The state of a partnership as at a date, as drawn.
pub(super) struct PartnerState {
    pub line: PartnerLine,
    pub ending: Option<Ending>,
    pub reconciled: bool,
    /// "m. 2010 s. 2015 d. 2017"
    pub dates: String,
    /// Not yet begun on the date.
    pub future: bool,
}

pub(super) fn partner_state(case: &Case, couple: &Couple, as_at: NaiveDate) -> PartnerState {
    let Some(partnership) = couple.partnership.and_then(|k| case.partnerships.get(k)) else {
        return PartnerState {
            line: PartnerLine::Unrecorded,
            ending: None,
            reconciled: false,
            dates: String::new(),
            future: false,
        };
    };
    // A partnership recorded with no status is drawn as "relationship not recorded", never
    // given an invented one.
    let mut line = if partnership.states.is_empty() {
        PartnerLine::Unrecorded
    } else {
        PartnerLine::Married
    };
    let mut ending = None;
    let mut reconciled = false;
    let mut dates = Vec::new();
    let mut any = false;
    for state in &partnership.states {
        if let Some(from) = &state.from
            && from.start() > as_at
        {
            break;
        }
        any = true;
        use PartnershipStatus as S;
        match state.status {
            S::Dating | S::Affair => line = PartnerLine::Dating,
            S::Cohabiting => line = PartnerLine::Cohabiting,
            S::Engaged => line = PartnerLine::Engaged,
            S::Married | S::CivilPartnership => line = PartnerLine::Married,
            S::Separated => ending = Some(Ending::Separated),
            S::Divorced | S::Dissolved => ending = Some(Ending::Divorced),
            S::Reconciled => reconciled = ending.is_some(),
            S::Widowed => {}
        }
        if matches!(
            state.status,
            S::Dating | S::Affair | S::Cohabiting | S::Engaged | S::Married | S::CivilPartnership
        ) && !matches!(state.status, S::Reconciled)
        {
            // A new together-state after an ending, without "reconciled", replaces it.
            if ending.is_some() && !reconciled {
                ending = None;
            }
        }
        if let Some(from) = &state.from {
            let short = match state.status {
                S::Dating => "dt.",
                S::Affair => "af.",
                S::Cohabiting => "LT",
                S::Engaged => "e.",
                S::Married => "m.",
                S::CivilPartnership => "cp.",
                S::Separated => "s.",
                S::Divorced => "d.",
                S::Dissolved => "diss.",
                S::Reconciled => "r.",
                S::Widowed => "w.",
            };
            dates.push(format!("{short} {}", from.year_label()));
        }
    }
    PartnerState {
        line,
        ending,
        reconciled,
        dates: dates.join("  "),
        future: !any && !partnership.states.is_empty(),
    }
}

/// Every partnership line and its dates. Returns how many couples sit on one row, and how
/// many of those side by side.
pub(super) fn partnership_lines(
    frame: &Frame,
    items: &mut Vec<Item>,
    drawn: &mut Drawn,
) -> (usize, usize) {
    let mut couples_adjacent = 0usize;
    let mut couples_on_row = 0usize;
    for (k, couple) in frame.couples.iter().enumerate() {
        let state = &frame.states[k];
        // A partnership not yet begun on the date is drawn only when its children are.
        if state.future && frame.arrangement.couple_sibship[k].is_none() {
            continue;
        }
        let line = match frame.arrangement.ties[k] {
            Some(ends) => tie_line(frame, k, ends),
            None => row_line(frame, k),
        };
        couples_on_row += usize::from(line.on_row);
        couples_adjacent += usize::from(line.adjacent);
        let id = match couple
            .partnership
            .and_then(|p| frame.case.partnerships.get(p))
        {
            Some(p) => format!("partnership-{}", p.id),
            None => {
                let [a, b] = couple.partners;
                format!("partnership-{}--{}", frame.people[a].id, frame.people[b].id)
            }
        };
        let dates = text::wrap(&state.dates, DATE_SIZE, Weight::Regular, DATE_WRAP);
        let label_at = line.label_at;
        items.push(partnership_item(
            frame,
            k,
            &id,
            line,
            &dates,
            &mut drawn.keys,
        ));
        if !state.dates.is_empty() {
            let label = dates_label(frame, k, &id, dates, label_at);
            drawn.obstacles.push((label.bbox, 12.0, 0.0));
            drawn.labels.push(label);
        }
    }
    (couples_on_row, couples_adjacent)
}

/// The line of couple `k` with its ending marks, its classes and a title naming the
/// partners and their dates. `dates` is the dates as wrapped over the line, which the
/// ending marks keep clear of.
fn partnership_item(
    frame: &Frame,
    k: usize,
    id: &str,
    line: Line,
    dates: &[String],
    keys: &mut BTreeSet<Key>,
) -> Item {
    let [a, b] = frame.couples[k].partners;
    let (people, state) = (&frame.people, &frame.states[k]);
    let blood = frame.family.blood_relatives(a, b);
    let mut item = Item::new(ItemKind::Partnership, id);
    item.people = vec![people[a].id.0.clone(), people[b].id.0.clone()];
    item.shapes = draw::partner_line(&line.points, state.line, blood);
    keys.insert(Key::Partner(state.line));
    if blood {
        keys.insert(Key::BloodPartners);
        item.classes.push("blood-relatives".into());
    }
    if let Some(ending) = state.ending {
        item.shapes.extend(draw::ending_marks(
            ending_marks_at(&line, dates),
            ending,
            state.reconciled,
        ));
        keys.insert(Key::Ending(ending, state.reconciled));
        item.classes.push(
            match (ending, state.reconciled) {
                (_, true) => "reconciled",
                (Ending::Separated, false) => "separated",
                (Ending::Divorced, false) => "divorced",
            }
            .into(),
        );
    }
    item.classes
        .push(format!("{:?}", state.line).to_lowercase());
    let names = format!(
        "{} and {}",
        people[a].display_name(),
        people[b].display_name()
    );
    item.title = Some(if state.dates.is_empty() {
        names
    } else {
        format!("{names}: {}", state.dates)
    });
    item.bbox = Rect::around(&line.points).unwrap_or_default().inflate(3.0);
    item.points = Some(line.points);
    item
}

/// Where a partnership's ending marks go: the middle of a straight line; on a bracket,
/// beside the dates written over it rather than through them, or its middle when there is
/// no room beside them.
fn ending_marks_at(line: &Line, dates: &[String]) -> Point {
    let (lo, hi, mark_y) = line.marks;
    let label_at = line.label_at;
    let mark_x = if line.straight {
        (lo + hi) / 2.0 - 9.0
    } else {
        let half = text::widest(dates, DATE_SIZE, Weight::Regular) / 2.0;
        if label_at.x - half - 12.0 > lo + 8.0 {
            label_at.x - half - 12.0
        } else if label_at.x + half + 12.0 < hi - 8.0 {
            label_at.x + half + 12.0
        } else {
            (lo + hi) / 2.0
        }
    };
    Point::new(mark_x, mark_y)
}

/// The dates of couple `k` written over its line, `label_at` the bottom centre: a date
/// line that wraps grows upwards, away from the line.
fn dates_label(frame: &Frame, k: usize, id: &str, lines: Vec<String>, label_at: Point) -> Item {
    let [a, b] = frame.couples[k].partners;
    let h = lines.len() as f64 * line_height(DATE_SIZE);
    let w = text::widest(&lines, DATE_SIZE, Weight::Regular);
    let bottom = label_at.y - (h - line_height(DATE_SIZE));
    let mut label = Item::new(ItemKind::Label, format!("label-{id}"));
    label.people = vec![frame.people[a].id.0.clone(), frame.people[b].id.0.clone()];
    label.bbox = Rect::new(label_at.x - w / 2.0, bottom - DATE_SIZE, w, h);
    label.shapes.push(Shape::Text {
        origin: Point::new(label_at.x, bottom - DATE_SIZE * 0.15),
        lines,
        size: DATE_SIZE,
        line_height: line_height(DATE_SIZE),
        anchor: Anchor::Middle,
        weight: Weight::Regular,
        colour: INK,
        halo: LABEL_HALO,
    });
    label
}

/// The geometry of one partnership line.
struct Line {
    points: Vec<Point>,
    /// Where the dates are written (their bottom centre).
    label_at: Point,
    /// The piece of the line where ending marks go: its left and right x, and its y.
    marks: (f64, f64, f64),
    /// A plain line between partners side by side: the marks go in its middle.
    straight: bool,
    on_row: bool,
    adjacent: bool,
}

/// The line of partners on one row: straight between partners side by side, or a bracket
/// over the people between them.
fn row_line(frame: &Frame, k: usize) -> Line {
    let [a, b] = frame.couples[k].partners;
    let (sa, sb) = (frame.arrangement.slot_of[a], frame.arrangement.slot_of[b]);
    let (left, right) = if frame.placement.x[sa] <= frame.placement.x[sb] {
        (a, b)
    } else {
        (b, a)
    };
    let (mut points, label_at) = piece(frame, k, left, frame.arrangement.slot_of[right]);
    let adjacent = points.len() == 2;
    let n = points.len();
    // The line stops at the right partner's symbol; over the top, the bracket comes down
    // into it.
    if adjacent {
        let look = &frame.looks[right];
        points[n - 1].x -= draw::reach(look.form, look.r) + side_extra(look);
    } else {
        let (xr, tr) = arch_leg(frame, right, k, -1.0);
        points[n - 1] = Point::new(xr, points[n - 1].y);
        points.push(Point::new(xr, tr));
    }
    let (lo, hi, y) = if adjacent {
        (points[0].x, points[1].x, points[0].y)
    } else {
        (points[1].x, points[2].x, points[1].y)
    };
    Line {
        points,
        label_at,
        marks: (lo.min(hi), lo.max(hi), y),
        straight: adjacent,
        on_row: true,
        adjacent,
    }
}

/// The line from `person` towards slot `to` in the same block (the other partner, or a tie
/// end): straight out of the side when they are side by side, otherwise up from the top and
/// over the people between. Ends at `to`'s column, level with the line; returns the points
/// and where the dates go over this piece.
fn piece(frame: &Frame, k: usize, person: usize, to: usize) -> (Vec<Point>, Point) {
    let a = &frame.arrangement;
    let from = a.slot_of[person];
    let unit = a.slots[from].unit;
    let slots = &a.units[unit].slots;
    let i = slots.iter().position(|&s| s == from).unwrap_or(0);
    let j = slots.iter().position(|&s| s == to).unwrap_or(0);
    let (x, xt) = (frame.placement.x[from], frame.placement.x[to]);
    let towards = if xt >= x { 1.0 } else { -1.0 };
    let row = &frame.row_y[a.slots[from].row];
    let look = &frame.looks[person];
    if i.abs_diff(j) == 1 {
        let edge = x + towards * (draw::reach(look.form, look.r) + side_extra(look));
        let points = vec![Point::new(edge, row.centre), Point::new(xt, row.centre)];
        return (points, Point::new((x + xt) / 2.0, row.centre - 9.0));
    }
    let level = frame
        .arches
        .iter()
        .find(|arch| arch.couple == k && arch.unit == unit)
        .map_or((i.abs_diff(j) - 1) as f64, |arch| arch.level as f64);
    let top = row.symbols - row.head - level * ARCH_STEP;
    let (xl, tl) = arch_leg(frame, person, k, towards);
    let drop = a.couple_sibship[k]
        .filter(|&s| a.sibships[s].parents.contains(&from))
        .map(|s| frame.bars.drops[s])
        .unwrap_or((x + xt) / 2.0);
    let points = vec![Point::new(xl, tl), Point::new(xl, top), Point::new(xt, top)];
    (points, Point::new(drop, top - 4.0))
}

/// The line of partners on different rows, routed like a long tie: out of the upper
/// partner to its tie end, down the free column and along its own track in each channel to
/// the lower tie end, and in to the lower partner, where the dates are written and the
/// children hang.
fn tie_line(frame: &Frame, k: usize, ends: TieEnds) -> Line {
    let a = &frame.arrangement;
    let [p, q] = frame.couples[k].partners;
    let (up, low) = if a.slots[a.slot_of[p]].row < a.slots[a.slot_of[q]].row {
        (p, q)
    } else {
        (q, p)
    };
    let x = |slot: usize| frame.placement.x[slot];
    let (mut points, _) = piece(frame, k, up, ends.upper);
    let mut slot = ends.upper;
    while slot != ends.lower {
        let Some(&t) = a.down[slot].iter().find(|&&t| a.sibships[t].pass_through) else {
            break;
        };
        let next = a.sibships[t].children[0];
        let y = frame.bar_y(t);
        points.push(Point::new(x(slot), y));
        if (x(next) - x(slot)).abs() > 0.01 {
            points.push(Point::new(x(next), y));
        }
        slot = next;
    }
    let (mut lower, label_at) = piece(frame, k, low, ends.lower);
    let adjacent = lower.len() == 2;
    let (lo, hi, y) = if adjacent {
        (lower[0].x, lower[1].x, lower[0].y)
    } else {
        (lower[1].x, lower[2].x, lower[1].y)
    };
    lower.reverse();
    points.extend(lower);
    Line {
        points,
        label_at,
        marks: (lo.min(hi), lo.max(hi), y),
        straight: adjacent,
        on_row: false,
        adjacent: false,
    }
}

/// Where a bracket over partners further apart leaves one partner's symbol (`towards` +1
/// when the other partner is to the right): beside the top centre, where a line down from
/// the person's own parents arrives, never on it. A person's brackets on one side leave at
/// different places, the highest nearest the centre, so no two share a line. Returns the x
/// and the end just above the symbol's outline.
fn arch_leg(frame: &Frame, person: usize, couple: usize, towards: f64) -> (f64, f64) {
    let a = &frame.arrangement;
    let slot = a.slot_of[person];
    let unit = &a.units[a.slots[slot].unit].slots;
    let index = unit.iter().position(|&s| s == slot).unwrap_or(0);
    // This person's brackets on the same side, highest first.
    let mut same_side: Vec<(usize, usize)> = frame
        .arches
        .iter()
        .filter(|arch| arch.unit == a.slots[slot].unit)
        .filter(|arch| frame.couples[arch.couple].partners.contains(&person))
        .filter(|arch| {
            (towards > 0.0 && arch.left == index) || (towards < 0.0 && arch.right == index)
        })
        .map(|arch| (arch.level, arch.couple))
        .collect();
    same_side.sort_by(|x, y| y.cmp(x));
    let k = same_side
        .iter()
        .position(|&(_, c)| c == couple)
        .unwrap_or(0);
    let look = &frame.looks[person];
    let offset = (6.0 + 5.0 * k as f64).min(look.r - 1.0);
    let x = frame.placement.x[slot] + towards * offset;
    let r = look.r + if look.subject { 4.0 } else { 0.0 };
    let above = match look.form {
        Form::Circle => (r * r - offset * offset).max(0.0).sqrt(),
        Form::Diamond => (draw::reach(look.form, r) - offset).max(0.0),
        Form::Triangle => r * 0.5,
        Form::Square => r,
    };
    let y = frame.row_y[a.slots[slot].row].centre - above - 3.0;
    (x, y)
}
