//! The genogram layout: generations on rows, couples as blocks, sibships in birth order.
//!
//! The stages: the family graph gives generations ([`crate::graph`]); [`order`] puts people
//! into blocks and orders each row to keep crossings down; [`place`] gives coordinates, with
//! room for every label reserved up front so nothing is moved afterwards; this module draws
//! symbols, lines, labels, the overlay of emotional relationships and households, and
//! [`sheet`] adds the title block and the legend.

mod draw;
mod focus;
#[doc(hidden)]
pub mod generate;
mod order;
mod place;
mod sheet;

use crate::graph::{Couple, Family};
use crate::layout::scene::{
    Anchor, Colour, Item, ItemKind, Paint, Point, Rect, Scene, Shape, Weight, round,
};
use crate::model::{Case, ChildLink, LossKind, PartnershipStatus, Person, PersonKind, Zygosity};
use crate::text;
use chrono::NaiveDate;
use draw::{Ending, Form, INK, LINE, PartnerLine};
use order::Arrangement;
use place::{Placement, Sizes, TRACK};
use sheet::Key;
use std::collections::{BTreeMap, BTreeSet};

pub use focus::Focus;

/// How a deceased person is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum DeceasedStyle {
    /// An X through the symbol (the genogram convention).
    #[default]
    Cross,
    /// One slash from lower left to upper right (the pedigree convention).
    Slash,
}

/// What to draw and how.
#[derive(Debug, Clone, Default)]
pub struct GenogramOptions {
    /// Draw as at this date instead of the case's own "as at" date.
    pub as_at: Option<NaiveDate>,
    /// Draw only the part of the family around one person.
    pub focus: Option<Focus>,
    pub deceased: DeceasedStyle,
    /// What a review marks as new, changed or ended (see `layout::marks`).
    pub marks: super::marks::Marks,
}

/// Half the size of a person's symbol.
const R: f64 = 18.0;
const SYMBOL: f64 = 2.0 * R;
const NAME_SIZE: f64 = 12.0;
const DETAIL_SIZE: f64 = 10.0;
const INSIDE_SIZE: f64 = 11.0;
const LABEL_WIDTH: f64 = 104.0;
/// The widest a label grows to hold one long word.
const LABEL_WIDTH_MAX: f64 = 150.0;
/// From the top of the symbol band to the top of the labels: room for brackets and outlines.
const LABEL_OFFSET: f64 = SYMBOL + 9.0;
const PARTNER_GAP: f64 = 26.0;
const ARCH_STEP: f64 = 17.0;
const MARGIN: f64 = 24.0;
const DATE_SIZE: f64 = 9.5;
/// The widest a partnership's dates may run before wrapping.
const DATE_WRAP: f64 = 110.0;
/// The white outline under names and dates: overlay and family lines pass behind labels,
/// and the outline keeps them off the letters.
const LABEL_HALO: f64 = 3.0;

/// Everything that decides how one person is drawn.
struct Look {
    form: Form,
    r: f64,
    inside: Option<String>,
    name: Vec<String>,
    details: Vec<String>,
    label_width: f64,
    label_height: f64,
    symbol_width: f64,
    adopted: bool,
    subject: bool,
}

fn line_height(size: f64) -> f64 {
    size * 1.2
}

fn look(case: &Case, person: &Person, as_at: NaiveDate, adopted: bool) -> Look {
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
            } else if let Some(age) = person.age_at(as_at).and_then(|a| a.years().map(|_| a)) {
                inside = Some(age.short());
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
        details.push(role.clone());
    }
    let mut notes = person.notes.clone();
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
fn wrapped(line: &str, size: f64, weight: Weight) -> Vec<String> {
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

/// The state of a partnership as at a date, as drawn.
struct PartnerState {
    line: PartnerLine,
    ending: Option<Ending>,
    reconciled: bool,
    /// "m. 2010 s. 2015 d. 2017"
    dates: String,
    /// Not yet begun on the date.
    future: bool,
}

fn partner_state(case: &Case, couple: &Couple, as_at: NaiveDate) -> PartnerState {
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

/// Vertical positions of one row.
#[derive(Debug, Clone, Copy, Default)]
struct RowY {
    /// Top of the band holding the symbols.
    symbols: f64,
    /// Centre line of the symbols: partner lines run here.
    centre: f64,
    labels: f64,
    /// Bottom of the lowest label.
    bottom: f64,
    /// Where the channel of sibship bars below the row starts.
    channel: f64,
    arch_levels: usize,
    /// Room above the symbols for partnership dates written above the partner line.
    head: f64,
}

/// Lays out and draws the genogram of a case.
pub fn genogram(case: &Case, options: &GenogramOptions) -> Scene {
    let focused;
    let (case, left_out) = match &options.focus {
        Some(f) => {
            let (c, left_out) = focus::around(case, f);
            focused = c;
            (&focused, left_out)
        }
        None => (case, 0),
    };
    let as_at = options.as_at.unwrap_or(case.details.as_at);
    let people: Vec<&Person> = case.people.iter().collect();
    let family = Family::new(case);
    let couples = family.couples(case);
    let mut ranks = family.generations(&couples);
    let companions = companions(case, &family, &mut ranks, as_at);
    let arrangement = order::arrange(case, &family, &couples, &ranks, &companions);

    let adopted: BTreeSet<usize> = case
        .parentage
        .iter()
        .filter(|p| p.primary && p.link == ChildLink::Adopted)
        .filter_map(|p| family.position(&p.child))
        .collect();
    let looks: Vec<Look> = people
        .iter()
        .enumerate()
        .map(|(i, p)| look(case, p, as_at, adopted.contains(&i)))
        .collect();
    let states: Vec<PartnerState> = couples
        .iter()
        .map(|c| partner_state(case, c, as_at))
        .collect();

    // Couples by the pair of slots, to find gaps and arches.
    let mut couple_of_pair: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (k, c) in couples.iter().enumerate() {
        let (a, b) = (
            arrangement.slot_of[c.partners[0]],
            arrangement.slot_of[c.partners[1]],
        );
        couple_of_pair.entry((a.min(b), a.max(b))).or_insert(k);
    }
    let sizes = sizes(&arrangement, &looks, &states, &couple_of_pair);
    let mut placement = place::place(&arrangement, &sizes);
    for x in placement.x.iter_mut() {
        *x += MARGIN;
    }
    for l in placement.left.iter_mut() {
        *l += MARGIN;
    }

    // Arch levels for partners who are not side by side.
    let mut arches: Vec<(usize, usize, usize, usize)> = Vec::new(); // couple, lo idx, hi idx, level
    for unit in &arrangement.units {
        for i in 0..unit.slots.len() {
            for j in i + 2..unit.slots.len() {
                let (a, b) = (unit.slots[i], unit.slots[j]);
                if let Some(&k) = couple_of_pair.get(&(a.min(b), a.max(b))) {
                    arches.push((k, i, j, j - i - 1));
                }
            }
        }
    }
    let rows = arrangement.rows.len();
    let mut row_y = vec![RowY::default(); rows];
    for &(k, _, _, level) in &arches {
        let row = arrangement.slots[arrangement.slot_of[couples[k].partners[0]]].row;
        row_y[row].arch_levels = row_y[row].arch_levels.max(level);
    }

    // Bars of each sibship, then tracks per channel.
    let mut drops: Vec<f64> = (0..arrangement.sibships.len())
        .map(|s| place::drop_x(&arrangement, &sizes, &placement.x, s))
        .collect();
    let twins = twin_groups(case, &family, &arrangement);
    separate_drops(&arrangement, &placement, &looks, &twins, &mut drops);
    let mut bars: Vec<(f64, f64)> = Vec::with_capacity(arrangement.sibships.len());
    for (s, &drop) in drops.iter().enumerate() {
        let (mut lo, mut hi) = (drop, drop);
        for top in child_tops(&arrangement, &placement, &twins, s) {
            lo = lo.min(top.0);
            hi = hi.max(top.0);
        }
        bars.push((lo, hi));
    }
    let mut track_of = vec![0usize; bars.len()];
    let mut track_count = vec![0usize; rows];
    {
        let mut by_row: Vec<Vec<usize>> = vec![Vec::new(); rows];
        for (s, sibship) in arrangement.sibships.iter().enumerate() {
            by_row[sibship.row].push(s);
        }
        for (row, list) in by_row.iter().enumerate() {
            let row_bars: Vec<place::Bar> = list
                .iter()
                .map(|&s| {
                    let mut children: Vec<f64> = child_tops(&arrangement, &placement, &twins, s)
                        .iter()
                        .map(|t| t.0)
                        .collect();
                    // Twins' slanting lines reach out to each twin.
                    for (group, _) in child_groups(&arrangement, &twins, s) {
                        if group.len() > 1 {
                            children.extend(group.iter().map(|&c| placement.x[c]));
                        }
                    }
                    children.sort_by(f64::total_cmp);
                    place::Bar {
                        left: bars[s].0,
                        right: bars[s].1,
                        drop: drops[s],
                        children,
                    }
                })
                .collect();
            let (t, n) = place::tracks(&row_bars);
            for (i, &s) in list.iter().enumerate() {
                track_of[s] = t[i];
            }
            track_count[row] = n;
        }
    }

    // Rows from the top.
    let title = sheet::title_block(case, as_at, left_out, &options.focus);
    let diagram_top = MARGIN + title.height + 30.0;
    let mut cursor = diagram_top;
    let mut label_height = vec![0.0f64; rows];
    for (row, h) in label_height.iter_mut().enumerate() {
        for s in arrangement.row_slots(row) {
            if let Some(p) = arrangement.slots[s].person {
                *h = h.max(looks[p].label_height);
            }
        }
    }
    // Dates written above a partner line may rise above the symbols: make room for them.
    let mut head = vec![0.0f64; rows];
    for (k, couple) in couples.iter().enumerate() {
        if states[k].dates.is_empty() {
            continue;
        }
        let row = arrangement.slots[arrangement.slot_of[couple.partners[0]]].row;
        let lines = text::wrap(&states[k].dates, DATE_SIZE, Weight::Regular, DATE_WRAP).len();
        let above = lines as f64 * line_height(DATE_SIZE) + 10.0 - R;
        head[row] = head[row].max(above.max(0.0));
    }
    let mut arch_labels = vec![false; rows];
    for &(k, _, _, _) in &arches {
        let row = arrangement.slots[arrangement.slot_of[couples[k].partners[0]]].row;
        if !states[k].dates.is_empty() {
            arch_labels[row] = true;
        }
    }
    for row in 0..rows {
        let arch =
            row_y[row].arch_levels as f64 * ARCH_STEP + if arch_labels[row] { 12.0 } else { 0.0 };
        let y = &mut row_y[row];
        y.head = head[row];
        y.symbols = cursor + arch + head[row];
        y.centre = y.symbols + R;
        y.labels = y.symbols + LABEL_OFFSET;
        y.bottom = y.labels + label_height[row];
        y.channel = y.bottom + 12.0;
        cursor = y.channel + track_count[row].saturating_sub(1) as f64 * TRACK + 22.0;
    }
    let bar_y = |s: usize| -> f64 {
        row_y[arrangement.sibships[s].row].channel + track_of[s] as f64 * TRACK
    };

    let mut scene = Scene::new(format!("Genogram: {}", case.details.title));
    let mut keys: BTreeSet<Key> = BTreeSet::new();
    let mut households_items = households(
        case,
        &arrangement,
        &placement,
        &looks,
        &row_y,
        as_at,
        &family,
        &options.marks,
    );
    for item in &households_items {
        if let Some(h) = item
            .classes
            .first()
            .and_then(|c| c.strip_prefix("household-"))
            .and_then(|n| n.parse::<usize>().ok())
        {
            keys.insert(Key::Household(h - 1));
        }
    }
    scene.items.append(&mut households_items);

    // Partnerships.
    // What overlay lines should avoid: (box, cost of touching it, cost per unit run along it).
    let mut obstacles: Vec<(Rect, f64, f64)> = Vec::new();
    let mut labels_drawn: Vec<Item> = Vec::new();
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
                let level = (ir - il - 1) as f64;
                let arch_row = &row_y[arrangement.slots[sa].row];
                let top = arch_row.symbols - arch_row.head - level * ARCH_STEP;
                let tl = y - looks[ll].r - 4.0;
                let tr = y - looks[rl].r - 4.0;
                points = vec![
                    Point::new(placement.x[left], tl),
                    Point::new(placement.x[left], top),
                    Point::new(placement.x[right], top),
                    Point::new(placement.x[right], tr),
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
        scene.items.push(item);
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

    // Child links.
    let mut child_items: Vec<Item> = Vec::new();
    let link_of: BTreeMap<usize, ChildLink> = case
        .parentage
        .iter()
        .filter(|p| p.primary)
        .filter_map(|p| family.position(&p.child).map(|c| (c, p.link)))
        .collect();
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
                + place::single_side(&arrangement, p)
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
        for (top, group) in child_tops(&arrangement, &placement, &twins, s)
            .into_iter()
            .zip(child_groups(&arrangement, &twins, s))
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
    scene.items.append(&mut child_items);
    // Overlay lines may cross family lines but should not run along them, and stay off the
    // title block.
    for item in &scene.items {
        if let (ItemKind::Partnership | ItemKind::ChildLink, Some(points)) =
            (item.kind, &item.points)
        {
            for w in points.windows(2) {
                if let Some(r) = Rect::around(&[w[0], w[1]]) {
                    obstacles.push((r.inflate(2.5), 1.0, 0.3));
                }
            }
        }
    }
    obstacles.push((
        Rect::new(-1e6, -1e6, 2e6, 1e6 + MARGIN + title.height + 4.0),
        100.0,
        0.0,
    ));

    // People and their labels.
    let mut people_items = Vec::with_capacity(people.len());
    for (i, person) in people.iter().enumerate() {
        let s = arrangement.slot_of[i];
        let row = arrangement.slots[s].row;
        let centre = Point::new(placement.x[s], row_y[row].centre);
        let look = &looks[i];
        let (item, label, used) =
            person_items(person, look, centre, row_y[row].labels, options.deceased, i);
        keys.extend(used);
        obstacles.push((item.bbox, 100.0, 0.0));
        obstacles.push((label.bbox, 12.0, 0.0));
        people_items.push(item);
        labels_drawn.push(label);
    }

    // Other parent figures (kinship carers, foster carers beside the birth family), drawn
    // over the family like emotional lines.
    let mut overlay = Vec::new();
    let outline_of = |i: usize, gap: f64| -> Outline {
        let s = arrangement.slot_of[i];
        Outline {
            centre: Point::new(placement.x[s], row_y[arrangement.slots[s].row].centre),
            form: looks[i].form,
            r: looks[i].r + side_extra(&looks[i]) + gap,
        }
    };
    let mut other_count: BTreeMap<usize, usize> = BTreeMap::new();
    let mut routed: Vec<Vec<Point>> = Vec::new();
    // Bends already used between each pair of people, so lines between the same two people
    // stay apart.
    let mut bends: BTreeMap<(usize, usize), Vec<f64>> = BTreeMap::new();
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
            [x, y] => scene
                .items
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
                &mut obstacles,
                &mut routed,
                taken,
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
    // Emotional relationships: an overlay that never moves the family.
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
            &mut obstacles,
            &mut routed,
            taken,
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

    // The overlay goes under the symbols and the writing: a line may pass behind a name,
    // but never hides it.
    scene.items.append(&mut overlay);
    scene.items.append(&mut people_items);
    scene.items.append(&mut labels_drawn);
    let (overlay_label_crossings, overlay_length) = overlay_measures(&scene.items);

    // Crossings as drawn: family lines (child links, partnerships) that properly cross.
    let family_lines: Vec<Vec<(f64, f64)>> = scene
        .items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::ChildLink | ItemKind::Partnership))
        .filter(|i| !i.classes.iter().any(|c| c == "other-parent"))
        .filter_map(|i| i.points.as_ref())
        .map(|points| points.iter().map(|p| (p.x, p.y)).collect())
        .collect();
    let crossings = polyline_crossings(&family_lines);

    let diagram_width = placement
        .left
        .iter()
        .zip(&placement.width)
        .map(|(l, w)| l + w)
        .fold(0.0, f64::max)
        + MARGIN;
    let diagram_bottom = cursor;
    let legend = sheet::legend(
        &keys,
        case,
        as_at,
        diagram_width.max(title.width + 2.0 * MARGIN),
        diagram_bottom + 8.0,
    );
    let width = diagram_width
        .max(title.width + 2.0 * MARGIN)
        .max(legend.width + 2.0 * MARGIN);
    let height = legend.bottom + MARGIN;
    let mut title_items = title.items;
    scene.items.append(&mut title_items);
    scene.items.extend(legend.items);
    scene.width = width;
    scene.height = height;
    scene.metrics.insert("crossings".into(), crossings as f64);
    scene.metrics.insert(
        "order_crossings".into(),
        order::order_crossings(&arrangement) as f64,
    );
    scene.metrics.insert("people".into(), people.len() as f64);
    scene
        .metrics
        .insert("people_left_out".into(), left_out as f64);
    scene.metrics.insert("couples".into(), couples.len() as f64);
    scene
        .metrics
        .insert("couples_on_one_row".into(), couples_on_row as f64);
    scene
        .metrics
        .insert("couples_adjacent".into(), couples_adjacent as f64);
    scene.metrics.insert("generations".into(), rows as f64);
    scene.metrics.insert(
        "overlay_label_crossings".into(),
        overlay_label_crossings as f64,
    );
    scene
        .metrics
        .insert("overlay_length".into(), round(overlay_length));
    scene
}

/// How much the overlay (emotional lines and other parent figures) gets in the way: the
/// number of (line, label) pairs where the line passes under the label's box, and the total
/// length of the overlay lines. Both are numbers to keep down.
fn overlay_measures(items: &[Item]) -> (usize, f64) {
    let overlay: Vec<&Vec<Point>> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Emotional || i.classes.iter().any(|c| c == "other-parent"))
        .filter_map(|i| i.points.as_ref())
        .collect();
    let labels: Vec<Rect> = items
        .iter()
        .filter(|i| i.kind == ItemKind::Label)
        .map(|i| i.bbox)
        .collect();
    let mut crossings = 0;
    let mut length = 0.0;
    for points in overlay {
        length += points
            .windows(2)
            .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
            .sum::<f64>();
        let span = Rect::around(points).unwrap_or_default();
        crossings += labels
            .iter()
            .filter(|r| r.overlaps(&span.inflate(1.0)))
            .filter(|r| {
                points
                    .windows(2)
                    .any(|w| segment_clip(w[0], w[1], r).is_some_and(|(t0, t1)| t1 > t0))
            })
            .count();
    }
    (crossings, length)
}

fn kebab(name: &str) -> String {
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

fn link_class(link: ChildLink) -> &'static str {
    match link {
        ChildLink::Biological => "biological",
        ChildLink::Adopted => "adopted",
        ChildLink::Foster => "foster",
        ChildLink::Step => "step",
        ChildLink::KinshipCare => "kinship-care",
        ChildLink::SpecialGuardianship => "special-guardianship",
    }
}

/// Extra room beside a symbol taken by brackets or a double outline.
fn side_extra(look: &Look) -> f64 {
    if look.adopted {
        9.0
    } else if look.subject {
        4.0
    } else {
        0.0
    }
}

/// A couple's line down may come anywhere between their symbols. Where it would fall on (or
/// within a few units of) another sibship's child line in the same channel, the two would
/// read as one line: slide it along the partner line to a clear place.
fn separate_drops(
    a: &Arrangement,
    placement: &Placement,
    looks: &[Look],
    twins: &BTreeMap<usize, (usize, Zygosity)>,
    drops: &mut [f64],
) {
    const CLEAR: f64 = 5.0;
    let mut children_by_row: BTreeMap<usize, Vec<(f64, usize)>> = BTreeMap::new();
    for (s, sibship) in a.sibships.iter().enumerate() {
        for (top, group) in child_tops(a, placement, twins, s)
            .into_iter()
            .zip(child_groups(a, twins, s))
        {
            let entry = children_by_row.entry(sibship.row).or_default();
            entry.push((top.0, s));
            // Twins' lines slant from one point: keep clear of the whole slant.
            if group.0.len() > 1 {
                for &c in &group.0 {
                    let (lo, hi) = (top.0.min(placement.x[c]), top.0.max(placement.x[c]));
                    let mut x = lo;
                    while x < hi {
                        entry.push((x, s));
                        x += CLEAR;
                    }
                    entry.push((hi, s));
                }
            }
        }
    }
    for list in children_by_row.values_mut() {
        list.sort_by(|x, y| x.0.total_cmp(&y.0));
    }
    for (s, sibship) in a.sibships.iter().enumerate() {
        let [p, q] = sibship.parents[..] else {
            continue;
        };
        let (Some(pp), Some(pq)) = (a.slots[p].person, a.slots[q].person) else {
            continue;
        };
        let Some(list) = children_by_row.get(&sibship.row) else {
            continue;
        };
        let blocked = |x: f64| {
            let start = list.partition_point(|c| c.0 < x - CLEAR);
            list[start..]
                .iter()
                .take_while(|c| c.0 <= x + CLEAR)
                .any(|c| c.1 != s)
        };
        if !blocked(drops[s]) {
            continue;
        }
        // Only between adjacent partners, where the line runs straight between symbols.
        let (left, right) = if placement.x[p] < placement.x[q] {
            (p, q)
        } else {
            (q, p)
        };
        let (lp, rp) = if left == p { (pp, pq) } else { (pq, pp) };
        let unit = &a.units[a.slots[p].unit].slots;
        let adjacent = unit.windows(2).any(|w| w[0] == left && w[1] == right);
        if !adjacent {
            continue;
        }
        let lo = placement.x[left]
            + draw::reach(looks[lp].form, looks[lp].r)
            + side_extra(&looks[lp])
            + 4.0;
        let hi = placement.x[right]
            - draw::reach(looks[rp].form, looks[rp].r)
            - side_extra(&looks[rp])
            - 4.0;
        for step in 1..40 {
            // -2, +2, -4, +4, ...
            let d = ((step + 1) / 2) as f64 * 2.0 * if step % 2 == 1 { -1.0 } else { 1.0 };
            let x = drops[s] + d;
            if x >= lo && x <= hi && !blocked(x) {
                drops[s] = x;
                break;
            }
        }
    }
}

/// People with no parents, children or partners in the case who live with someone who has:
/// they are drawn on that person's row and start beside them, so a household can stay
/// together. Returns, for each person, the unattached people who live with them.
fn companions(
    case: &Case,
    family: &Family,
    ranks: &mut [u32],
    as_at: NaiveDate,
) -> Vec<Vec<usize>> {
    let alone = |p: usize| {
        family.parents(p).is_empty()
            && family.children(p).is_empty()
            && family.partners(p).is_empty()
    };
    let mut companions = vec![Vec::new(); family.len()];
    let mut placed = BTreeSet::new();
    for household in &case.households {
        let members: Vec<usize> = household
            .members_at(as_at)
            .filter_map(|m| family.position(m))
            .collect();
        let Some(&anchor) = members.iter().find(|&&m| !alone(m)) else {
            continue;
        };
        for &m in &members {
            if alone(m) && placed.insert(m) {
                ranks[m] = ranks[anchor];
                companions[anchor].push(m);
            }
        }
    }
    companions
}

/// Widths each slot reserves and the gaps between partners.
fn sizes(
    a: &Arrangement,
    looks: &[Look],
    states: &[PartnerState],
    couple_of_pair: &BTreeMap<(usize, usize), usize>,
) -> Sizes {
    let mut content_width = vec![12.0; a.slots.len()];
    let mut slot_width = vec![12.0; a.slots.len()];
    for (s, slot) in a.slots.iter().enumerate() {
        if let Some(p) = slot.person {
            let w = looks[p].symbol_width.max(looks[p].label_width);
            content_width[s] = w;
            slot_width[s] = w;
            // A single parent's line comes down beside the label: reserve room for it.
            if a.down[s]
                .iter()
                .any(|&sib| a.sibships[sib].parents.len() == 1)
            {
                slot_width[s] = w + 2.0 * (place::SINGLE_STUB + 6.0);
            }
        }
    }
    let gaps = a
        .units
        .iter()
        .map(|unit| {
            unit.slots
                .windows(2)
                .map(|w| {
                    let (l, r) = (w[0], w[1]);
                    let mut gap = PARTNER_GAP;
                    if let Some(&k) = couple_of_pair.get(&(l.min(r), l.max(r))) {
                        // The dates label sits between the two symbols, above the line.
                        let lines =
                            text::wrap(&states[k].dates, DATE_SIZE, Weight::Regular, DATE_WRAP);
                        let needed = text::widest(&lines, DATE_SIZE, Weight::Regular) + 24.0;
                        let (pl, pr) = (a.slots[l].person, a.slots[r].person);
                        let symbols = pl.map(|p| looks[p].symbol_width / 2.0).unwrap_or(0.0)
                            + pr.map(|p| looks[p].symbol_width / 2.0).unwrap_or(0.0);
                        let between = needed + symbols - slot_width[l] / 2.0 - slot_width[r] / 2.0;
                        gap = gap.max(between);
                    }
                    gap
                })
                .collect()
        })
        .collect();
    Sizes {
        slot_width,
        content_width,
        gaps,
    }
}

/// Children of a sibship grouped for drawing: twins (and triplets) together with their
/// zygosity, everyone else alone.
fn child_groups(
    a: &Arrangement,
    twins: &BTreeMap<usize, (usize, Zygosity)>,
    s: usize,
) -> Vec<(Vec<usize>, Option<Zygosity>)> {
    let mut groups: Vec<(Vec<usize>, Option<Zygosity>)> = Vec::new();
    let mut by_birth: BTreeMap<usize, usize> = BTreeMap::new();
    for &c in &a.sibships[s].children {
        let birth = a.slots[c].person.and_then(|p| twins.get(&p));
        match birth {
            Some(&(b, z)) => match by_birth.get(&b) {
                Some(&g) => groups[g].0.push(c),
                None => {
                    by_birth.insert(b, groups.len());
                    groups.push((vec![c], Some(z)));
                }
            },
            None => groups.push((vec![c], None)),
        }
    }
    for g in &mut groups {
        if g.0.len() < 2 {
            g.1 = None;
        }
    }
    groups
}

/// Where each child group's line leaves the bar: above the child, or between twins.
fn child_tops(
    a: &Arrangement,
    placement: &Placement,
    twins: &BTreeMap<usize, (usize, Zygosity)>,
    s: usize,
) -> Vec<(f64, usize)> {
    child_groups(a, twins, s)
        .into_iter()
        .map(|(g, _)| {
            let x = g.iter().map(|&c| placement.x[c]).sum::<f64>() / g.len().max(1) as f64;
            (x, g.len())
        })
        .collect()
}

/// For each person born in a multiple birth: the birth's index and zygosity.
fn twin_groups(
    case: &Case,
    family: &Family,
    _a: &Arrangement,
) -> BTreeMap<usize, (usize, Zygosity)> {
    let mut out = BTreeMap::new();
    for (b, birth) in case.multiple_births.iter().enumerate() {
        for child in &birth.children {
            if let Some(p) = family.position(child) {
                out.insert(p, (b, birth.zygosity));
            }
        }
    }
    out
}

/// The symbol item and the label item of one person, and the legend keys they use.
fn person_items(
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
        title.push_str(&format!(", born {b}"));
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
        title.push_str(&format!(" ({role})"));
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

/// The outline an overlay line stops at: a person's symbol grown by a small gap.
#[derive(Debug, Clone, Copy)]
struct Outline {
    centre: Point,
    form: Form,
    /// Half the symbol's size, brackets and double outlines and the gap included.
    r: f64,
}

impl Outline {
    fn holds(&self, p: Point) -> bool {
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
const BENDS: [f64; 12] = [
    0.0, 14.0, 24.0, 36.0, 50.0, 66.0, 84.0, 105.0, 130.0, 160.0, 200.0, 250.0,
];

/// Where along the line a bend's control point sits, as a share of the line's length from
/// the middle (towards the end that comes later in the line's own frame).
const LEANS: [f64; 5] = [0.0, -0.2, 0.2, -0.4, 0.4];

/// A route for an overlay line between two symbols, as practitioners draw it: straight
/// between the outlines when that passes through no other symbol, otherwise one gentle
/// curve (a quadratic bend) to one side, its bend chosen to clear symbols, then names, then
/// lines already drawn, and kept as small as that allows. `taken` holds the bends already
/// used between the same two people (measured on the side of the line from the earlier of
/// the two points), so a second line between them takes a bend of its own. Returns the
/// points drawn and the bend used.
fn route(
    from: Outline,
    to: Outline,
    obstacles: &mut Vec<(Rect, f64, f64)>,
    routed: &mut Vec<Vec<Point>>,
    taken: &[f64],
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
        // Every unit of bend makes the line longer and harder to follow: straight wins
        // unless it hides a symbol or a name.
        hits + crossed as f64 * 2.0 + h.abs() / 40.0
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
    let (_, h, chosen) = best.unwrap_or_else(|| (0.0, 0.0, curve(0.0, 0.0)));
    // Later lines keep off this one rather than run along it.
    for w in chosen.windows(2) {
        if let Some(r) = Rect::around(&[w[0], w[1]]) {
            obstacles.push((r.inflate(3.0), 1.0, 0.15));
        }
    }
    routed.push(chosen.clone());
    (chosen, h)
}

fn segments_cross(p1: Point, p2: Point, q1: Point, q2: Point) -> bool {
    let d = |a: Point, b: Point, c: Point| (b.x - a.x) * (c.y - a.y) - (b.y - a.y) * (c.x - a.x);
    let (d1, d2) = (d(q1, q2, p1), d(q1, q2, p2));
    let (d3, d4) = (d(p1, p2, q1), d(p1, p2, q2));
    d1 * d2 < 0.0 && d3 * d4 < 0.0
}

/// True if the segment from `p` to `q` passes through the box.
/// The part of the segment from `p` to `q` inside the box, as fractions of its length
/// (Liang–Barsky clipping).
fn segment_clip(p: Point, q: Point, r: &Rect) -> Option<(f64, f64)> {
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

/// Household boundaries: one rounded outline around each run of members that sit side by
/// side on a row, so no outline ever holds someone who is not a member.
#[allow(clippy::too_many_arguments)]
fn households(
    case: &Case,
    a: &Arrangement,
    placement: &Placement,
    looks: &[Look],
    row_y: &[RowY],
    as_at: NaiveDate,
    family: &Family,
    marks: &super::marks::Marks,
) -> Vec<Item> {
    let mut items = Vec::new();
    for (h, household) in case.households.iter().enumerate() {
        // A household a review marks as ended is drawn (faded) as it was on its last day.
        let day = match marks.households.get(&household.id) {
            Some(super::marks::Mark::Removed) => last_day(household).unwrap_or(as_at).min(as_at),
            _ => as_at,
        };
        let members: BTreeSet<usize> = household
            .members_at(day)
            .filter_map(|m| family.position(m))
            .collect();
        if members.is_empty() {
            continue;
        }
        let mut runs: Vec<Vec<usize>> = Vec::new();
        for row in 0..a.rows.len() {
            let mut run: Vec<usize> = Vec::new();
            for s in a.row_slots(row) {
                match a.slots[s].person {
                    Some(p) if members.contains(&p) => run.push(p),
                    Some(_) if !run.is_empty() => runs.push(std::mem::take(&mut run)),
                    _ => {}
                }
            }
            if !run.is_empty() {
                runs.push(run);
            }
        }
        let (colour, dash) = draw::household_style(h);
        for (piece, run) in runs.iter().enumerate() {
            let mut bounds: Option<Rect> = None;
            for &p in run {
                let s = a.slot_of[p];
                let row = a.slots[s].row;
                let w = looks[p].symbol_width.max(looks[p].label_width);
                let r = Rect::new(
                    placement.x[s] - w / 2.0,
                    row_y[row].symbols - 5.0,
                    w,
                    row_y[row].labels + looks[p].label_height - row_y[row].symbols + 5.0,
                );
                bounds = Some(match bounds {
                    Some(b) => b.union(&r),
                    None => r,
                });
            }
            let Some(bounds) = bounds else { continue };
            let rect = bounds.inflate(7.0);
            let base = super::marks::household_item_id(&household.id);
            let mut item = Item::new(
                ItemKind::Household,
                if runs.len() == 1 {
                    base
                } else {
                    format!("{base}-part-{}", piece + 1)
                },
            );
            item.people = run
                .iter()
                .map(|&p| case.people.iter().as_slice()[p].id.0.clone())
                .collect();
            item.shapes.push(Shape::Rect {
                rect,
                corner: 14.0,
                paint: Paint::line(colour, 1.4)
                    .dashed(dash)
                    .filled(colour)
                    .with_opacity(0.08),
            });
            item.bbox = rect;
            item.title = Some(format!("Household: {}", household.name));
            item.classes.push(format!("household-{}", h + 1));
            items.push(item);
        }
    }
    items
}

/// The last day anyone lived in a household whose members have all left.
fn last_day(household: &crate::model::Household) -> Option<NaiveDate> {
    household
        .members
        .iter()
        .map(|m| m.span.to.map(|to| to.end()))
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .max()
}

/// Crossings between drawn lines, each a polyline: pairs of segments from different lines
/// that properly cross (touching at an end, as a child's line meets its sibship's bar, does
/// not count). Used to compare drawings from different tools as they are drawn.
pub fn polyline_crossings(lines: &[Vec<(f64, f64)>]) -> u64 {
    // (line, one end, other end)
    type Segment = (usize, (f64, f64), (f64, f64));
    let mut segments: Vec<Segment> = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        for w in line.windows(2) {
            segments.push((i, w[0], w[1]));
        }
    }
    segments.sort_by(|a, b| a.1.0.min(a.2.0).total_cmp(&b.1.0.min(b.2.0)));
    let side = |a: (f64, f64), b: (f64, f64), c: (f64, f64)| {
        (b.0 - a.0) * (c.1 - a.1) - (b.1 - a.1) * (c.0 - a.0)
    };
    let mut count = 0u64;
    for i in 0..segments.len() {
        let (li, p1, p2) = segments[i];
        let right = p1.0.max(p2.0);
        let (lo_y, hi_y) = (p1.1.min(p2.1), p1.1.max(p2.1));
        for &(lj, q1, q2) in &segments[i + 1..] {
            if q1.0.min(q2.0) > right {
                break;
            }
            if li == lj || q1.1.max(q2.1) < lo_y || q1.1.min(q2.1) > hi_y {
                continue;
            }
            let (d1, d2) = (side(q1, q2, p1), side(q1, q2, p2));
            let (d3, d4) = (side(p1, p2, q1), side(p1, p2, q2));
            if d1 * d2 < -1e-9 && d3 * d4 < -1e-9 {
                count += 1;
            }
        }
    }
    count
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
