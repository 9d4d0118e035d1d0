//! Where each sibship's line comes down and how far its bar runs, and the track of each bar
//! in the channel under its row, so bars of different sibships never share a line.

use super::draw;
use super::look::{Look, side_extra};
use super::order::Arrangement;
use super::place::{self, Placement, Sizes};
use crate::graph::Family;
use crate::model::{Case, Zygosity};
use std::collections::BTreeMap;

/// The geometry of every sibship's line.
pub(super) struct Bars {
    /// Where each sibship's line comes down from its parents.
    pub drops: Vec<f64>,
    /// How far each sibship's bar runs, left to right.
    pub spans: Vec<(f64, f64)>,
    /// The track of each sibship's bar in its channel.
    pub track_of: Vec<usize>,
    /// How many tracks each row's channel holds.
    pub track_count: Vec<usize>,
}

/// Twins in multiple births, by person.
pub(super) type Twins = BTreeMap<usize, (usize, Zygosity)>;

/// Drops, bars and tracks of every sibship.
pub(super) fn sibship_bars(
    arrangement: &Arrangement,
    sizes: &Sizes,
    placement: &Placement,
    looks: &[Look],
    twins: &Twins,
) -> Bars {
    let rows = arrangement.rows.len();
    let mut drops: Vec<f64> = (0..arrangement.sibships.len())
        .map(|s| place::drop_x(arrangement, sizes, &placement.x, s))
        .collect();
    separate_drops(arrangement, placement, looks, twins, &mut drops);
    clear_single_drops(arrangement, sizes, placement, twins, &mut drops);
    let mut bars: Vec<(f64, f64)> = Vec::with_capacity(arrangement.sibships.len());
    for (s, &drop) in drops.iter().enumerate() {
        let (mut lo, mut hi) = (drop, drop);
        for top in child_tops(arrangement, placement, twins, s) {
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
                    let mut children: Vec<f64> = child_tops(arrangement, placement, twins, s)
                        .iter()
                        .map(|t| t.0)
                        .collect();
                    // Twins' slanting lines reach out to each twin.
                    for (group, _) in child_groups(arrangement, placement, twins, s) {
                        if group.len() > 1 {
                            children.extend(group.iter().map(|&c| placement.x[c]));
                        }
                    }
                    children.sort_by(f64::total_cmp);
                    // The bar reaches as far as its lines do: twins' slanting lines run
                    // beyond its ends, and a line coming down there crosses them.
                    let (first, last) = (
                        children.first().copied().unwrap_or(bars[s].0),
                        children.last().copied().unwrap_or(bars[s].1),
                    );
                    place::Bar {
                        left: bars[s].0.min(first),
                        right: bars[s].1.max(last),
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
    Bars {
        drops,
        spans: bars,
        track_of,
        track_count,
    }
}

/// How near another sibship's child line may come to a line down from parents before the
/// two read as one.
const CLEAR: f64 = 5.0;

/// A couple's line down may come anywhere between their symbols. Where it would fall on (or
/// within a few units of) another sibship's child line in the same channel, the two would
/// read as one line: slide it along the partner line to a clear place.
pub(super) fn separate_drops(
    a: &Arrangement,
    placement: &Placement,
    looks: &[Look],
    twins: &Twins,
    drops: &mut [f64],
) {
    let children_by_row = child_lines_by_row(a, placement, twins);
    for (s, sibship) in a.sibships.iter().enumerate() {
        let Some(lines) = children_by_row.get(&sibship.row) else {
            continue;
        };
        if let Some(x) = clear_place_between_partners(a, placement, looks, s, lines, drops[s]) {
            drops[s] = x;
        }
    }
}

/// Where the child lines in each row's channel leave their bars, with their sibship, sorted
/// left to right. Twins' lines slant from one point: the whole slant is listed, a point
/// every [`CLEAR`], so a line down keeps clear of all of it.
fn child_lines_by_row(
    a: &Arrangement,
    placement: &Placement,
    twins: &Twins,
) -> BTreeMap<usize, Vec<(f64, usize)>> {
    let mut children_by_row: BTreeMap<usize, Vec<(f64, usize)>> = BTreeMap::new();
    for (s, sibship) in a.sibships.iter().enumerate() {
        for (top, group) in child_tops(a, placement, twins, s)
            .into_iter()
            .zip(child_groups(a, placement, twins, s))
        {
            let entry = children_by_row.entry(sibship.row).or_default();
            entry.push((top.0, s));
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
    children_by_row
}

/// A new place for sibship `s`'s line down from two partners, when at `drop` it falls on
/// another sibship's child line (`lines`, those of its channel): the nearest clear place on
/// the partner line, if the partners sit side by side (where the line runs straight
/// between their symbols) and there is one within reach.
fn clear_place_between_partners(
    a: &Arrangement,
    placement: &Placement,
    looks: &[Look],
    s: usize,
    lines: &[(f64, usize)],
    drop: f64,
) -> Option<f64> {
    let [p, q] = a.sibships[s].parents[..] else {
        return None;
    };
    let (pp, pq) = (a.slots[p].person?, a.slots[q].person?);
    let blocked = |x: f64| {
        let start = lines.partition_point(|c| c.0 < x - CLEAR);
        lines[start..]
            .iter()
            .take_while(|c| c.0 <= x + CLEAR)
            .any(|c| c.1 != s)
    };
    if !blocked(drop) {
        return None;
    }
    let (left, right) = if placement.x[p] < placement.x[q] {
        (p, q)
    } else {
        (q, p)
    };
    let (lp, rp) = if left == p { (pp, pq) } else { (pq, pp) };
    let unit = &a.units[a.slots[p].unit].slots;
    if !unit.windows(2).any(|w| w[0] == left && w[1] == right) {
        return None;
    }
    let lo =
        placement.x[left] + draw::reach(looks[lp].form, looks[lp].r) + side_extra(&looks[lp]) + 4.0;
    let hi = placement.x[right]
        - draw::reach(looks[rp].form, looks[rp].r)
        - side_extra(&looks[rp])
        - 4.0;
    // -2, +2, -4, +4, ...
    (1..40)
        .map(|step| drop + ((step + 1) / 2) as f64 * 2.0 * if step % 2 == 1 { -1.0 } else { 1.0 })
        .find(|&x| x >= lo && x <= hi && !blocked(x))
}

/// A single parent's line comes down just beside the symbol and label. Where another
/// sibship's child stands below, between that place and the parent's own children, the
/// line would cross that child's line and the other sibship's bar: slide it outwards (or
/// back towards the symbol) within the free gap to the next person on the row, to a place
/// with no other family's child between it and its own children.
fn clear_single_drops(
    a: &Arrangement,
    sizes: &Sizes,
    placement: &Placement,
    twins: &Twins,
    drops: &mut [f64],
) {
    let mut children_by_row: BTreeMap<usize, Vec<(f64, usize)>> = BTreeMap::new();
    for (s, sibship) in a.sibships.iter().enumerate() {
        for &c in &sibship.children {
            children_by_row
                .entry(sibship.row)
                .or_default()
                .push((placement.x[c], s));
        }
        for top in child_tops(a, placement, twins, s) {
            children_by_row
                .entry(sibship.row)
                .or_default()
                .push((top.0, s));
        }
    }
    for list in children_by_row.values_mut() {
        list.sort_by(|x, y| x.0.total_cmp(&y.0));
    }
    for (s, sibship) in a.sibships.iter().enumerate() {
        let [p] = sibship.parents[..] else {
            continue;
        };
        if a.slots[p].person.is_none() || sibship.children.is_empty() {
            continue;
        }
        let Some(list) = children_by_row.get(&sibship.row) else {
            continue;
        };
        let own: Vec<f64> = sibship.children.iter().map(|&c| placement.x[c]).collect();
        let (own_lo, own_hi) = own
            .iter()
            .fold((f64::MAX, f64::MIN), |(l, h), &x| (l.min(x), h.max(x)));
        // Other families' children between the line and its own children, or too close.
        let intruders = |x: f64| {
            let (lo, hi) = (x.min(own_lo) - CLEAR, x.max(own_hi).max(x + CLEAR));
            let start = list.partition_point(|c| c.0 < lo);
            list[start..]
                .iter()
                .take_while(|c| c.0 <= hi)
                .filter(|c| c.1 != s)
                .filter(|c| {
                    (c.0 - x).abs() <= CLEAR
                        || (c.0 > x.min(own_lo) && c.0 < x.max(own_hi) && !own.contains(&c.0))
                })
                .count()
        };
        let here = intruders(drops[s]);
        if here == 0 {
            continue;
        }
        let Some((lo, hi)) = single_drop_range(a, sizes, placement, p) else {
            continue;
        };
        let mut best = (here, 0.0, drops[s]);
        let mut x = lo;
        while x <= hi {
            let n = intruders(x);
            let moved = (x - drops[s]).abs();
            if (n, moved) < (best.0, best.1) {
                best = (n, moved, x);
            }
            x += 1.0;
        }
        drops[s] = best.2;
    }
}

/// Where a single parent's line may come down: beside the symbol and label, on the side it
/// leaves from, short of the next person's symbol and label on the row.
fn single_drop_range(
    a: &Arrangement,
    sizes: &Sizes,
    placement: &Placement,
    p: usize,
) -> Option<(f64, f64)> {
    let side = place::single_side(a, p);
    let row: Vec<usize> = a.row_slots(a.slots[p].row).collect();
    let i = row.iter().position(|&t| t == p).unwrap_or(0);
    let near = placement.x[p] + side * (sizes.content_width[p] / 2.0 + 4.0);
    let neighbour = if side > 0.0 {
        row.get(i + 1)
    } else {
        i.checked_sub(1).and_then(|j| row.get(j))
    };
    let far = match neighbour {
        Some(&n) => placement.x[n] - side * (sizes.content_width[n] / 2.0 + 4.0),
        None => near + side * 40.0,
    };
    ((far - near) * side > 0.0).then(|| (near.min(far), near.max(far)))
}

/// How far apart twins may stand and still hang from one point: further, their slanting
/// lines would run under other people's lines.
const TWIN_SPAN: f64 = 180.0;

/// Children of a sibship grouped for drawing: twins (and triplets) together with their
/// zygosity when they stand side by side, everyone else alone. Twins drawn apart (each
/// beside a partner elsewhere on the row) hang from the bar like their other siblings.
pub(super) fn child_groups(
    a: &Arrangement,
    placement: &Placement,
    twins: &Twins,
    s: usize,
) -> Vec<(Vec<usize>, Option<Zygosity>)> {
    let mut in_order: Vec<usize> = a.sibships[s].children.clone();
    in_order.sort_by(|&p, &q| placement.x[p].total_cmp(&placement.x[q]));
    let side_by_side = |group: &[usize]| {
        let at: Vec<usize> = group
            .iter()
            .filter_map(|c| in_order.iter().position(|x| x == c))
            .collect();
        let (lo, hi) = (
            at.iter().copied().min().unwrap_or(0),
            at.iter().copied().max().unwrap_or(0),
        );
        let spread = placement.x[in_order[hi]] - placement.x[in_order[lo]];
        hi - lo + 1 == group.len() && spread <= TWIN_SPAN
    };
    let mut out = Vec::new();
    for (group, zygosity) in birth_groups(a, twins, s) {
        if group.len() > 1 && !side_by_side(&group) {
            out.extend(group.into_iter().map(|c| (vec![c], None)));
        } else {
            out.push((group, zygosity));
        }
    }
    out
}

/// Children of a sibship by birth: each multiple birth together, everyone else alone.
fn birth_groups(a: &Arrangement, twins: &Twins, s: usize) -> Vec<(Vec<usize>, Option<Zygosity>)> {
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
pub(super) fn child_tops(
    a: &Arrangement,
    placement: &Placement,
    twins: &Twins,
    s: usize,
) -> Vec<(f64, usize)> {
    child_groups(a, placement, twins, s)
        .into_iter()
        .map(|(g, _)| {
            let x = g.iter().map(|&c| placement.x[c]).sum::<f64>() / g.len().max(1) as f64;
            (x, g.len())
        })
        .collect()
}

/// For each person born in a multiple birth: the birth's index and zygosity.
pub(super) fn twin_groups(case: &Case, family: &Family, _a: &Arrangement) -> Twins {
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
