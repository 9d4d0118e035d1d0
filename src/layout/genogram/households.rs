//! Household boundaries drawn round the people who live together.

use super::Frame;
use super::draw;
use super::order::Arrangement;
use super::sheet::Key;
use crate::layout::marks::{Mark, Marks, household_item_id};
use crate::layout::scene::{Item, ItemKind, Paint, Rect, Shape};
use crate::model::Household;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Every household's outlines, and the legend keys they use. A household's outline is one
/// rounded box round each run of members that sit side by side on a row, so no outline
/// ever holds someone who is not a member.
pub(super) fn household_items(frame: &Frame, marks: &Marks, keys: &mut BTreeSet<Key>) -> Vec<Item> {
    let mut items = Vec::new();
    for (h, household) in frame.case.households.iter().enumerate() {
        let members = members_drawn(frame, household, marks);
        let runs = runs_side_by_side(&frame.arrangement, &members);
        for (piece, run) in runs.iter().enumerate() {
            let Some(bounds) = run_bounds(frame, run) else {
                continue;
            };
            let base = household_item_id(&household.id);
            let id = if runs.len() == 1 {
                base
            } else {
                format!("{base}-part-{}", piece + 1)
            };
            items.push(outline_item(frame, (h, household), id, run, bounds));
            keys.insert(Key::Household(h));
        }
    }
    items
}

/// The members of a household drawn as living there. A household a review marks as ended
/// is drawn (faded) as it was on its last day.
fn members_drawn(frame: &Frame, household: &Household, marks: &Marks) -> BTreeSet<usize> {
    let as_at = frame.as_at;
    let day = match marks.households.get(&household.id) {
        Some(Mark::Removed) => last_day(household).unwrap_or(as_at).min(as_at),
        _ => as_at,
    };
    household
        .members_at(day)
        .filter_map(|m| frame.family.position(m))
        .collect()
}

/// The runs of `members` that sit side by side on a row, row by row, left to right: a
/// person who is not a member ends a run.
fn runs_side_by_side(a: &Arrangement, members: &BTreeSet<usize>) -> Vec<Vec<usize>> {
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
    runs
}

/// The box round a run's symbols and names.
fn run_bounds(frame: &Frame, run: &[usize]) -> Option<Rect> {
    let (a, placement, looks, row_y) = (
        &frame.arrangement,
        &frame.placement,
        &frame.looks,
        &frame.row_y,
    );
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
    bounds
}

/// The drawn outline of one run of household `h`'s members, round `bounds`.
fn outline_item(
    frame: &Frame,
    (h, household): (usize, &Household),
    id: String,
    run: &[usize],
    bounds: Rect,
) -> Item {
    let (colour, dash) = draw::household_style(h);
    let rect = bounds.inflate(7.0);
    let mut item = Item::new(ItemKind::Household, id);
    item.people = run.iter().map(|&p| frame.people[p].id.0.clone()).collect();
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
    item
}

/// The last day anyone lived in a household whose members have all left.
fn last_day(household: &Household) -> Option<NaiveDate> {
    household
        .members
        .iter()
        .map(|m| m.span.to.map(|to| to.end()))
        .collect::<Option<Vec<_>>>()?
        .into_iter()
        .max()
}
