//! Partnership lines: side by side, over the top for partners further apart, and between
//! rows for partners drawn on different rows; with their dates and ending marks.

use super::draw::{self, Ending, Form, INK, PartnerLine};
use super::look::{line_height, side_extra};
use super::sheet::Key;
use super::{ARCH_STEP, DATE_SIZE, DATE_WRAP, Drawn, Frame, LABEL_HALO, place};
use crate::graph::Couple;
use crate::layout::scene::{Anchor, Item, ItemKind, Point, Rect, Shape, Weight};
use crate::model::{Case, PartnershipStatus};
use crate::text;
use chrono::NaiveDate;

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
    let Frame {
        case,
        people,
        family,
        couples,
        arrangement,
        looks,
        states,
        sizes,
        placement,
        row_y,
        ..
    } = frame;
    let drops = &frame.bars.drops;
    let Drawn {
        keys,
        obstacles,
        labels: labels_drawn,
    } = drawn;
    let mut couples_adjacent = 0usize;
    let mut couples_on_row = 0usize;
    for (k, couple) in couples.iter().enumerate() {
        let [a, b] = couple.partners;
        let (sa, sb) = (arrangement.slot_of[a], arrangement.slot_of[b]);
        let state = &states[k];
        if state.future && arrangement.couple_sibship[k].is_none() {
            continue;
        }
        let blood = family.blood_relatives(a, b);
        let id = match couple.partnership.and_then(|p| case.partnerships.get(p)) {
            Some(p) => format!("partnership-{}", p.id),
            None => format!("partnership-{}--{}", people[a].id, people[b].id),
        };
        let mut item = Item::new(ItemKind::Partnership, id.clone());
        item.people = vec![people[a].id.0.clone(), people[b].id.0.clone()];
        let (ua, ub) = (arrangement.slots[sa].unit, arrangement.slots[sb].unit);
        let (xa, xb) = (placement.x[sa], placement.x[sb]);
        let (left, right, ll, rl) = if xa <= xb {
            (sa, sb, a, b)
        } else {
            (sb, sa, b, a)
        };
        let ya = row_y[arrangement.slots[sa].row].centre;
        let yb = row_y[arrangement.slots[sb].row].centre;
        let points;
        let mut label_at;
        if ua == ub {
            couples_on_row += 1;
            let slots = &arrangement.units[ua].slots;
            let il = slots.iter().position(|&s| s == left).unwrap_or(0);
            let ir = slots.iter().position(|&s| s == right).unwrap_or(0);
            let y = ya;
            let x0 = placement.x[left]
                + draw::reach(looks[ll].form, looks[ll].r)
                + side_extra(&looks[ll]);
            let x1 = placement.x[right]
                - draw::reach(looks[rl].form, looks[rl].r)
                - side_extra(&looks[rl]);
            if ir == il + 1 {
                couples_adjacent += 1;
                points = vec![Point::new(x0, y), Point::new(x1, y)];
                label_at = Point::new((placement.x[left] + placement.x[right]) / 2.0, y - 9.0);
            } else {
                let level = frame
                    .arches
                    .iter()
                    .find(|a| a.0 == k)
                    .map_or((ir - il - 1) as f64, |a| a.3 as f64);
                let arch_row = &row_y[arrangement.slots[sa].row];
                let top = arch_row.symbols - arch_row.head - level * ARCH_STEP;
                let (xl, tl) = arch_leg(frame, ll, k, 1.0);
                let (xr, tr) = arch_leg(frame, rl, k, -1.0);
                points = vec![
                    Point::new(xl, tl),
                    Point::new(xl, top),
                    Point::new(xr, top),
                    Point::new(xr, tr),
                ];
                let drop = arrangement.couple_sibship[k]
                    .map(|s| drops[s])
                    .unwrap_or((placement.x[left] + placement.x[right]) / 2.0);
                label_at = Point::new(drop, top - 4.0);
            }
        } else {
            // Partners on different rows (a partner who is also a descendant): an elbow
            // from one symbol to the other.
            // Out of the upper partner's side, down the gap beside their place, along
            // under their row, and into the top of the lower partner's symbol, so the line
            // never crosses a name.
            let (upper, lower, up_person, low_person) = if ya <= yb {
                (sa, sb, a, b)
            } else {
                (sb, sa, b, a)
            };
            let (xu, yu) = (placement.x[upper], ya.min(yb));
            let (xl, yl) = (placement.x[lower], ya.max(yb));
            let side = if xl >= xu { 1.0 } else { -1.0 };
            let edge = xu
                + side
                    * (draw::reach(looks[up_person].form, looks[up_person].r)
                        + side_extra(&looks[up_person]));
            let gap = xu + side * (sizes.slot_width[upper] / 2.0 + place::BLOCK_GAP / 2.0);
            let under = row_y[arrangement.slots[upper].row].bottom + 5.0;
            let top = yl - looks[low_person].r - 4.0;
            points = vec![
                Point::new(edge, yu),
                Point::new(gap, yu),
                Point::new(gap, under),
                Point::new(xl, under),
                Point::new(xl, top),
            ];
            label_at = Point::new((gap + xl) / 2.0, under - 4.0);
        }
        item.shapes = draw::partner_line(&points, state.line, blood);
        keys.insert(Key::Partner(state.line));
        if blood {
            keys.insert(Key::BloodPartners);
            item.classes.push("blood-relatives".into());
        }
        if let Some(ending) = state.ending {
            let mark_x = if points.len() == 2 {
                (points[0].x + points[1].x) / 2.0 - 9.0
            } else {
                // Beside the dates written over the line, not through them.
                let lines = text::wrap(&state.dates, DATE_SIZE, Weight::Regular, DATE_WRAP);
                let half = text::widest(&lines, DATE_SIZE, Weight::Regular) / 2.0;
                let (lo, hi) = (points[1].x.min(points[2].x), points[1].x.max(points[2].x));
                if label_at.x - half - 12.0 > lo + 8.0 {
                    label_at.x - half - 12.0
                } else if label_at.x + half + 12.0 < hi - 8.0 {
                    label_at.x + half + 12.0
                } else {
                    (lo + hi) / 2.0
                }
            };
            let mark_y = if points.len() == 2 {
                points[0].y
            } else {
                points[1].y
            };
            item.shapes.extend(draw::ending_marks(
                Point::new(mark_x, mark_y),
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
            names.clone()
        } else {
            format!("{names}: {}", state.dates)
        });
        item.bbox = Rect::around(&points).unwrap_or_default().inflate(3.0);
        item.points = Some(points);
        items.push(item);
        if !state.dates.is_empty() {
            let lines = text::wrap(&state.dates, DATE_SIZE, Weight::Regular, DATE_WRAP);
            let h = lines.len() as f64 * line_height(DATE_SIZE);
            let w = text::widest(&lines, DATE_SIZE, Weight::Regular);
            label_at.y -= h - line_height(DATE_SIZE);
            let mut label = Item::new(ItemKind::Label, format!("label-{id}"));
            label.people = vec![people[a].id.0.clone(), people[b].id.0.clone()];
            label.bbox = Rect::new(label_at.x - w / 2.0, label_at.y - DATE_SIZE, w, h);
            label.shapes.push(Shape::Text {
                origin: Point::new(label_at.x, label_at.y - DATE_SIZE * 0.15),
                lines,
                size: DATE_SIZE,
                line_height: line_height(DATE_SIZE),
                anchor: Anchor::Middle,
                weight: Weight::Regular,
                colour: INK,
                halo: LABEL_HALO,
            });
            obstacles.push((label.bbox, 12.0, 0.0));
            labels_drawn.push(label);
        }
    }
    (couples_on_row, couples_adjacent)
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
        .filter(|arch| frame.couples[arch.0].partners.contains(&person))
        .filter(|arch| (towards > 0.0 && arch.1 == index) || (towards < 0.0 && arch.2 == index))
        .map(|arch| (arch.3, arch.0))
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
