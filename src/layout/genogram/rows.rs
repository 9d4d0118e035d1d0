//! Rows from the top: the band of symbols, room above it for brackets over partners further
//! apart and for dates, the labels, and the channel of sibship bars below.

use super::look::{Look, line_height};
use super::order::Arrangement;
use super::partners::PartnerState;
use super::place::TRACK;
use super::{ARCH_STEP, DATE_SIZE, DATE_WRAP, LABEL_OFFSET, R};
use crate::graph::{Couple, Family};
use crate::layout::scene::Weight;
use crate::model::Case;
use crate::text;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// Vertical positions of one row.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct RowY {
    /// Top of the band holding the symbols.
    pub symbols: f64,
    /// Centre line of the symbols: partner lines run here.
    pub centre: f64,
    pub labels: f64,
    /// Bottom of the lowest label.
    pub bottom: f64,
    /// Where the channel of sibship bars below the row starts.
    pub channel: f64,
    pub arch_levels: usize,
    /// Room above the symbols for partnership dates written above the partner line.
    pub head: f64,
}

/// A bracket over partners who are not side by side (or over people between a partner and
/// the tie end of their line to a partner on another row).
#[derive(Debug, Clone, Copy)]
pub(super) struct Arch {
    pub couple: usize,
    /// The block, and the places of the bracket's two ends in it, left first.
    pub unit: usize,
    pub left: usize,
    pub right: usize,
    /// How many steps above the row the bracket runs.
    pub level: usize,
}

/// Brackets for partners who are not side by side. Each bracket is at least as high as the
/// people between its partners, and higher than every bracket it overlaps or touches that
/// was placed before it (shorter ones first): two couples' brackets never share a line, even
/// where one person has partners on both sides.
pub(super) fn arches(
    arrangement: &Arrangement,
    couple_of_pair: &BTreeMap<(usize, usize), usize>,
) -> Vec<Arch> {
    let mut arches: Vec<Arch> = Vec::new();
    for (u, unit) in arrangement.units.iter().enumerate() {
        let mut spans: Vec<(usize, usize, usize)> = Vec::new();
        for i in 0..unit.slots.len() {
            for j in i + 2..unit.slots.len() {
                let (a, b) = (unit.slots[i], unit.slots[j]);
                if let Some(&k) = couple_of_pair.get(&(a.min(b), a.max(b))) {
                    spans.push((k, i, j));
                }
            }
        }
        spans.sort_by_key(|&(k, i, j)| (j - i, i, k));
        let first = arches.len();
        for (k, i, j) in spans {
            let mut level = j - i - 1;
            while arches[first..]
                .iter()
                .any(|a| a.level == level && a.left <= j && i <= a.right)
            {
                level += 1;
            }
            arches.push(Arch {
                couple: k,
                unit: u,
                left: i,
                right: j,
                level,
            });
        }
    }
    arches
}

/// The vertical positions of every row, from `top`; returns them and the bottom of the
/// diagram.
pub(super) fn row_positions(
    arrangement: &Arrangement,
    couples: &[Couple],
    looks: &[Look],
    states: &[PartnerState],
    arches: &[Arch],
    track_count: &[usize],
    top: f64,
) -> (Vec<RowY>, f64) {
    let rows = arrangement.rows.len();
    let mut row_y = vec![RowY::default(); rows];
    for arch in arches {
        let row = arrangement.units[arch.unit].row;
        row_y[row].arch_levels = row_y[row].arch_levels.max(arch.level);
    }

    let mut cursor = top;
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
        let row = arrangement.couple_row(k, couple);
        let lines = text::wrap(&states[k].dates, DATE_SIZE, Weight::Regular, DATE_WRAP).len();
        let above = lines as f64 * line_height(DATE_SIZE) + 10.0 - R;
        head[row] = head[row].max(above.max(0.0));
    }
    let mut arch_labels = vec![false; rows];
    for arch in arches {
        if !states[arch.couple].dates.is_empty() {
            arch_labels[arrangement.units[arch.unit].row] = true;
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
    (row_y, cursor)
}

/// People with no parents, children or partners in the case who live with someone who has:
/// they are drawn on that person's row and start beside them, so a household can stay
/// together. Returns, for each person, the unattached people who live with them.
pub(super) fn companions(
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
