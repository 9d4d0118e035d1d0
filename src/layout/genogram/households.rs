//! Household boundaries drawn round the people who live together.

use super::Frame;
use super::draw;
use super::look::Look;
use super::order::Arrangement;
use super::place::Placement;
use super::rows::RowY;
use super::sheet::Key;
use crate::graph::Family;
use crate::layout::marks::{Mark, Marks, household_item_id};
use crate::layout::scene::{Item, ItemKind, Paint, Rect, Shape};
use crate::model::Case;
use chrono::NaiveDate;
use std::collections::BTreeSet;

/// Every household's outlines, and the legend keys they use.
pub(super) fn household_items(frame: &Frame, marks: &Marks, keys: &mut BTreeSet<Key>) -> Vec<Item> {
    let households_items = households(
        frame.case,
        &frame.arrangement,
        &frame.placement,
        &frame.looks,
        &frame.row_y,
        frame.as_at,
        &frame.family,
        marks,
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
    households_items
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
    marks: &Marks,
) -> Vec<Item> {
    let mut items = Vec::new();
    for (h, household) in case.households.iter().enumerate() {
        // A household a review marks as ended is drawn (faded) as it was on its last day.
        let day = match marks.households.get(&household.id) {
            Some(Mark::Removed) => last_day(household).unwrap_or(as_at).min(as_at),
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
            let base = household_item_id(&household.id);
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
