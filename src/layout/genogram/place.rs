//! Coordinates: x by repeated pulls towards parents and children under minimum separation,
//! y by rows sized to what they hold.
//!
//! Each pass moves every block on a row as close as it can to where its links want it,
//! without changing the order and without blocks coming closer than their widths allow. With
//! a fixed order that is a weighted isotonic regression, solved exactly in linear time by
//! pooling adjacent violators, so a pass over the whole family is linear and never overlaps.

use super::look::Look;
use super::order::Arrangement;
use super::partners::PartnerState;
use super::{DATE_SIZE, DATE_WRAP, PARTNER_GAP};
use crate::layout::scene::Weight;
use crate::text;
use std::collections::BTreeMap;

/// Space between two blocks on a row.
pub(super) const BLOCK_GAP: f64 = 22.0;
/// Vertical space between the bars of different sibships in one channel.
pub(super) const TRACK: f64 = 9.0;

/// Widths and gaps the placement must respect.
pub(super) struct Sizes {
    /// The width each slot reserves (symbol, label, and room for a single parent's line).
    pub slot_width: Vec<f64>,
    /// The width of what is drawn in each slot (symbol and label).
    pub content_width: Vec<f64>,
    /// For each unit, the gap after each slot but the last.
    pub gaps: Vec<Vec<f64>>,
}

/// Horizontal positions.
pub(super) struct Placement {
    /// Centre of each slot.
    pub x: Vec<f64>,
    /// Left edge of each unit.
    pub left: Vec<f64>,
    /// Centre offsets of each unit's slots from its left edge.
    pub offsets: Vec<Vec<f64>>,
    pub width: Vec<f64>,
}

impl Placement {
    fn set(&mut self, a: &Arrangement, u: usize, left: f64) {
        self.left[u] = left;
        for (i, &s) in a.units[u].slots.iter().enumerate() {
            self.x[s] = left + self.offsets[u][i];
        }
    }
}

/// Where a sibship's line comes down: between two adjacent partners; in the gap beside the
/// further partner when others sit between them; just right of a single parent's symbol and
/// label; straight through a pass-through.
pub(super) fn drop_x(a: &Arrangement, sizes: &Sizes, x: &[f64], s: usize) -> f64 {
    let sibship = &a.sibships[s];
    match sibship.parents[..] {
        [p] => {
            if a.slots[p].person.is_none() {
                x[p]
            } else {
                x[p] + single_side(a, p) * (sizes.content_width[p] / 2.0 + SINGLE_STUB)
            }
        }
        [p, q, ..] => {
            let (up, uq) = (a.slots[p].unit, a.slots[q].unit);
            if up != uq {
                return (x[p] + x[q]) / 2.0;
            }
            let slots = &a.units[up].slots;
            let ip = slots.iter().position(|&t| t == p).unwrap_or(0);
            let iq = slots.iter().position(|&t| t == q).unwrap_or(0);
            let (lo, hi) = (ip.min(iq), ip.max(iq));
            if hi - lo <= 1 {
                (x[p] + x[q]) / 2.0
            } else if hi - lo == 2 || hi > 0 {
                // The gap next to the partner further from the middle of the block.
                let middle = (slots.len() - 1) as f64 / 2.0;
                let far_is_hi = (hi as f64 - middle).abs() >= (lo as f64 - middle).abs();
                if far_is_hi {
                    (x[slots[hi - 1]] + x[slots[hi]]) / 2.0
                } else {
                    (x[slots[lo]] + x[slots[lo + 1]]) / 2.0
                }
            } else {
                (x[p] + x[q]) / 2.0
            }
        }
        [] => 0.0,
    }
}

/// Which side a single parent's line to their children leaves from: +1 right, -1 left. The
/// right unless a partner sits on the right and none on the left, so the line never runs
/// along a partner line and seems to come from the couple.
pub(super) fn single_side(a: &Arrangement, p: usize) -> f64 {
    let slots = &a.units[a.slots[p].unit].slots;
    let i = slots.iter().position(|&s| s == p).unwrap_or(0);
    let partner_right = i + 1 < slots.len();
    let partner_left = i > 0;
    if partner_right && !partner_left {
        -1.0
    } else {
        1.0
    }
}

/// How far beside a single parent's drawing the line to the children comes down.
pub(super) const SINGLE_STUB: f64 = 11.0;

pub(super) fn place(a: &Arrangement, sizes: &Sizes) -> Placement {
    let units = a.units.len();
    let mut placement = Placement {
        x: vec![0.0; a.slots.len()],
        left: vec![0.0; units],
        offsets: vec![Vec::new(); units],
        width: vec![0.0; units],
    };
    for u in 0..units {
        let slots = &a.units[u].slots;
        let mut offsets = Vec::with_capacity(slots.len());
        let mut cursor = 0.0;
        for (i, &s) in slots.iter().enumerate() {
            if i > 0 {
                cursor += sizes.gaps[u][i - 1];
            }
            offsets.push(cursor + sizes.slot_width[s] / 2.0);
            cursor += sizes.slot_width[s];
        }
        placement.offsets[u] = offsets;
        placement.width[u] = cursor;
    }
    for row in &a.rows {
        let mut cursor = 0.0;
        for &u in row {
            placement.set(a, u, cursor);
            cursor += placement.width[u] + BLOCK_GAP;
        }
    }
    let hanging = Hanging::new(a);
    let rows = a.rows.len();
    // Going down, each row's children are pulled under their parents more than their
    // parents over them; going up, the other way round. The last pass goes down only.
    let passes = 6;
    for pass in 0..passes {
        let last = pass + 1 == passes;
        for row in 1..rows {
            pull_row(a, sizes, &mut placement, &hanging, row, 1.0, 0.3);
        }
        if last {
            break;
        }
        for row in (0..rows.saturating_sub(1)).rev() {
            pull_row(a, sizes, &mut placement, &hanging, row, 0.3, 1.0);
        }
    }
    // Start at zero.
    let min = placement.left.iter().copied().fold(f64::INFINITY, f64::min);
    if min.is_finite() {
        for u in 0..units {
            let left = placement.left[u] - min;
            placement.set(a, u, left);
        }
    }
    placement
}

/// Sibships by the row of their children (`into`) and of their parents (`from`), for the
/// pulls.
struct Hanging {
    into: Vec<Vec<usize>>,
    from: Vec<Vec<usize>>,
}

impl Hanging {
    fn new(a: &Arrangement) -> Hanging {
        let rows = a.rows.len();
        let mut hanging = Hanging {
            into: vec![Vec::new(); rows],
            from: vec![Vec::new(); rows],
        };
        for (s, sibship) in a.sibships.iter().enumerate() {
            if let Some(&c) = sibship.children.first() {
                hanging.into[a.slots[c].row].push(s);
            }
            hanging.from[sibship.row].push(s);
        }
        hanging
    }
}

/// Moves the blocks of one row towards their targets: children centred under their parents'
/// line (weighed by `up`), parents centred over their children (by `down`).
fn pull_row(
    a: &Arrangement,
    sizes: &Sizes,
    placement: &mut Placement,
    hanging: &Hanging,
    row: usize,
    up: f64,
    down: f64,
) {
    let (into, from) = (&hanging.into[row], &hanging.from[row]);
    let order = &a.rows[row];
    if order.is_empty() {
        return;
    }
    // Sum of weighted target lefts per unit.
    let mut sum = vec![0.0; order.len()];
    let mut weight = vec![0.0; order.len()];
    let mut index_of = std::collections::BTreeMap::new();
    for (i, &u) in order.iter().enumerate() {
        index_of.insert(u, i);
    }
    let x = &placement.x;
    let slot_target = |s: usize, target: f64, w: f64, sum: &mut [f64], weight: &mut [f64]| {
        let u = a.slots[s].unit;
        if let Some(&i) = index_of.get(&u) {
            let k = a.units[u].slots.iter().position(|&t| t == s).unwrap_or(0);
            sum[i] += w * (target - placement.offsets[u][k]);
            weight[i] += w;
        }
    };
    for &s in into {
        let children = &a.sibships[s].children;
        let (Some(&first), Some(&last)) = (children.first(), children.last()) else {
            continue;
        };
        let drop = drop_x(a, sizes, x, s);
        let shift = drop - (x[first] + x[last]) / 2.0;
        for &c in children {
            // A sibship is centred under its parents' line, but no child is pushed further
            // from that line to balance a sibling held far away on the other side.
            let target = x[c] + shift;
            let target = if (target - drop).abs() > (x[c] - drop).abs() + 40.0 {
                x[c]
            } else {
                target
            };
            slot_target(c, target, up, &mut sum, &mut weight);
        }
    }
    for &s in from {
        let children = &a.sibships[s].children;
        let (Some(&first), Some(&last)) = (children.first(), children.last()) else {
            continue;
        };
        let shift = (x[first] + x[last]) / 2.0 - drop_x(a, sizes, x, s);
        for &p in &a.sibships[s].parents {
            slot_target(p, x[p] + shift, down, &mut sum, &mut weight);
        }
    }
    // Blocks with no links hold their place lightly.
    let mut targets = Vec::with_capacity(order.len());
    let mut weights = Vec::with_capacity(order.len());
    let mut cumulative = Vec::with_capacity(order.len());
    let mut c = 0.0;
    for (i, &u) in order.iter().enumerate() {
        let hold = 0.02;
        let target = (sum[i] + hold * placement.left[u]) / (weight[i] + hold);
        targets.push(target - c);
        weights.push(weight[i] + hold);
        cumulative.push(c);
        c += placement.width[u] + BLOCK_GAP;
    }
    let fitted = isotonic(&targets, &weights);
    for (i, &u) in order.iter().enumerate() {
        placement.set(a, u, fitted[i] + cumulative[i]);
    }
}

/// The non-decreasing sequence closest to `targets` in weighted least squares (pool adjacent
/// violators), in linear time.
pub(super) fn isotonic(targets: &[f64], weights: &[f64]) -> Vec<f64> {
    // Blocks of pooled values: (mean, weight, count).
    let mut blocks: Vec<(f64, f64, usize)> = Vec::with_capacity(targets.len());
    for (&t, &w) in targets.iter().zip(weights) {
        let mut block = (t, w, 1usize);
        while let Some(&(mean, weight, count)) = blocks.last() {
            if mean <= block.0 {
                break;
            }
            blocks.pop();
            let total = weight + block.1;
            block = (
                (mean * weight + block.0 * block.1) / total,
                total,
                count + block.2,
            );
        }
        blocks.push(block);
    }
    let mut out = Vec::with_capacity(targets.len());
    for (mean, _, count) in blocks {
        out.extend(std::iter::repeat_n(mean, count));
    }
    out
}

/// A sibship's bar in a channel: its span, where its parents' line comes down, and where its
/// children's lines go down from it.
pub(super) struct Bar {
    pub left: f64,
    pub right: f64,
    pub drop: f64,
    /// Sorted.
    pub children: Vec<f64>,
}

impl Bar {
    fn covers(&self, x: f64) -> bool {
        x > self.left + 0.5 && x < self.right - 0.5
    }

    fn children_within(&self, left: f64, right: f64) -> usize {
        let a = self.children.partition_point(|&x| x <= left + 0.5);
        let b = self.children.partition_point(|&x| x < right - 0.5);
        b.saturating_sub(a)
    }

    /// Crossings if this bar runs above `other`: our children's lines pass down through its
    /// bar, and its parents' line passes down through ours.
    fn cost_above(&self, other: &Bar) -> usize {
        self.children_within(other.left, other.right) + usize::from(self.covers(other.drop))
    }
}

/// Assigns each bar in a channel a track (0 at the top) so that bars on one track never
/// touch, and where two bars overlap, the one whose lines would cross the other's less runs
/// above it. Returns the track of each bar and the number of tracks.
pub(super) fn tracks(bars: &[Bar]) -> (Vec<usize>, usize) {
    let n = bars.len();
    let mut order: Vec<usize> = (0..n).collect();
    order.sort_by(|&i, &j| bars[i].left.total_cmp(&bars[j].left).then(i.cmp(&j)));
    let overlaps = Overlaps::between(bars, &order);
    let mut track = overlaps.stack(&order);
    // A bar the stacking never reached goes on the top track.
    for t in track.iter_mut() {
        if *t == usize::MAX {
            *t = 0;
        }
    }
    let count = track.iter().map(|&t| t + 1).max().unwrap_or(0);
    (track, count)
}

/// The bars of a channel that overlap, and which of two overlapping bars should run above
/// the other.
struct Overlaps {
    /// For each bar, the bars it overlaps.
    overlapping: Vec<Vec<usize>>,
    /// For each bar, the overlapping bars that should run below it.
    above: Vec<Vec<usize>>,
    /// For each bar, how many overlapping bars should run above it.
    indegree: Vec<usize>,
}

impl Overlaps {
    /// Overlapping pairs, by a sweep over left edges (`order`, the bars left to right).
    fn between(bars: &[Bar], order: &[usize]) -> Overlaps {
        let n = bars.len();
        let mut overlaps = Overlaps {
            overlapping: vec![Vec::new(); n],
            above: vec![Vec::new(); n],
            indegree: vec![0usize; n],
        };
        let mut active: Vec<usize> = Vec::new();
        for &i in order {
            active.retain(|&j| bars[j].right + 6.0 >= bars[i].left);
            for &j in &active {
                overlaps.overlapping[i].push(j);
                overlaps.overlapping[j].push(i);
                // Only a real difference in crossings orders two bars; a tie leaves them
                // free, so that arbitrary choices cannot make contradictory demands.
                let (j_over, i_over) = (bars[j].cost_above(&bars[i]), bars[i].cost_above(&bars[j]));
                let edge = match j_over.cmp(&i_over) {
                    std::cmp::Ordering::Less => Some((j, i)),
                    std::cmp::Ordering::Greater => Some((i, j)),
                    std::cmp::Ordering::Equal => None,
                };
                if let Some((first, second)) = edge {
                    overlaps.above[first].push(second);
                    overlaps.indegree[second] += 1;
                }
            }
            active.push(i);
        }
        overlaps
    }

    /// Places the bars in an order that respects "above" where it can (left first
    /// otherwise), each on the highest track it may take. Returns each bar's track,
    /// `usize::MAX` for a bar never placed.
    fn stack(mut self, order: &[usize]) -> Vec<usize> {
        let n = order.len();
        let mut track = vec![usize::MAX; n];
        let mut placed = vec![false; n];
        let mut rank = vec![0; n];
        for (k, &i) in order.iter().enumerate() {
            rank[i] = k;
        }
        let mut queue: std::collections::BTreeSet<(usize, usize)> = (0..n)
            .filter(|&i| self.indegree[i] == 0)
            .map(|i| (rank[i], i))
            .collect();
        for _ in 0..n {
            let next = match queue.pop_first() {
                Some((_, i)) => i,
                // A cycle: break it at the bar waiting on the fewest others (leftmost first).
                None => match order
                    .iter()
                    .copied()
                    .filter(|&i| !placed[i])
                    .min_by_key(|&i| (self.indegree[i], rank[i]))
                {
                    Some(i) => i,
                    None => break,
                },
            };
            if placed[next] {
                continue;
            }
            placed[next] = true;
            track[next] = self.highest_free_track(next, &placed, &track);
            for &k in &self.above[next] {
                self.indegree[k] = self.indegree[k].saturating_sub(1);
                if self.indegree[k] == 0 && !placed[k] {
                    queue.insert((rank[k], k));
                }
            }
        }
        track
    }

    /// The track for a bar: below every overlapping bar already placed that should be above
    /// it, and one no overlapping bar uses.
    fn highest_free_track(&self, bar: usize, placed: &[bool], track: &[usize]) -> usize {
        let mut t = 0;
        for &j in &self.overlapping[bar] {
            if placed[j] && j != bar && self.above[j].contains(&bar) {
                t = t.max(track[j] + 1);
            }
        }
        while self.overlapping[bar]
            .iter()
            .any(|&j| placed[j] && j != bar && track[j] == t)
        {
            t += 1;
        }
        t
    }
}

/// Widths each slot reserves and the gaps between partners.
pub(super) fn sizes(
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
                slot_width[s] = w + 2.0 * (SINGLE_STUB + 6.0);
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_pools_violators() {
        let fitted = isotonic(&[1.0, 3.0, 2.0, 4.0], &[1.0, 1.0, 1.0, 1.0]);
        assert_eq!(fitted, vec![1.0, 2.5, 2.5, 4.0]);
    }

    fn bar(left: f64, right: f64, drop: f64, children: &[f64]) -> Bar {
        Bar {
            left,
            right,
            drop,
            children: children.to_vec(),
        }
    }

    #[test]
    fn overlapping_bars_get_different_tracks() {
        let (t, n) = tracks(&[
            bar(0.0, 10.0, 0.0, &[10.0]),
            bar(5.0, 20.0, 20.0, &[5.0]),
            bar(30.0, 40.0, 30.0, &[40.0]),
        ]);
        assert_eq!(n, 2);
        assert_ne!(t[0], t[1]);
        assert_eq!(t[2], 0);
    }

    #[test]
    fn a_bar_whose_parents_line_falls_inside_another_goes_above_it() {
        // The left family's children run past the right family's line down.
        let left = bar(0.0, 100.0, 0.0, &[20.0, 60.0, 100.0]);
        let right = bar(50.0, 150.0, 50.0, &[120.0, 150.0]);
        let (t, _) = tracks(&[left, right]);
        assert!(t[1] < t[0], "{t:?}");
    }
}
