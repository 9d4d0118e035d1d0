//! Coordinates: x by repeated pulls towards parents and children under minimum separation,
//! y by rows sized to what they hold.
//!
//! Each pass moves every block on a row as close as it can to where its links want it,
//! without changing the order and without blocks coming closer than their widths allow. With
//! a fixed order that is a weighted isotonic regression, solved exactly in linear time by
//! pooling adjacent violators, so a pass over the whole family is linear and never overlaps.

use super::order::Arrangement;

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
                x[p] + sizes.content_width[p] / 2.0 + SINGLE_STUB
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

/// How far right of a single parent's drawing the line to the children comes down.
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
    // Sibships by the row of their children and of their parents, for the pulls.
    let rows = a.rows.len();
    let mut hanging_into: Vec<Vec<usize>> = vec![Vec::new(); rows];
    let mut hanging_from: Vec<Vec<usize>> = vec![Vec::new(); rows];
    for (s, sibship) in a.sibships.iter().enumerate() {
        if let Some(&c) = sibship.children.first() {
            hanging_into[a.slots[c].row].push(s);
        }
        hanging_from[sibship.row].push(s);
    }
    let passes = 6;
    for pass in 0..passes {
        let last = pass + 1 == passes;
        for row in 1..rows {
            pull_row(
                a,
                sizes,
                &mut placement,
                row,
                &hanging_into[row],
                &hanging_from[row],
                1.0,
                0.3,
            );
        }
        if last {
            break;
        }
        for row in (0..rows.saturating_sub(1)).rev() {
            pull_row(
                a,
                sizes,
                &mut placement,
                row,
                &hanging_into[row],
                &hanging_from[row],
                0.3,
                1.0,
            );
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

/// Moves the blocks of one row towards their targets: children centred under their parents'
/// line (`up`), parents centred over their children (`down`).
#[allow(clippy::too_many_arguments)]
fn pull_row(
    a: &Arrangement,
    sizes: &Sizes,
    placement: &mut Placement,
    row: usize,
    into: &[usize],
    from: &[usize],
    up: f64,
    down: f64,
) {
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
        let shift = drop_x(a, sizes, x, s) - (x[first] + x[last]) / 2.0;
        for &c in children {
            slot_target(c, x[c] + shift, up, &mut sum, &mut weight);
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

/// Assigns each bar in a channel a track so that bars on one track never touch; returns the
/// track of each bar and the number of tracks. Bars are `(left, right)`.
pub(super) fn tracks(bars: &[(f64, f64)]) -> (Vec<usize>, usize) {
    let mut order: Vec<usize> = (0..bars.len()).collect();
    order.sort_by(|&i, &j| bars[i].0.total_cmp(&bars[j].0).then(i.cmp(&j)));
    let mut track_end: Vec<f64> = Vec::new();
    let mut heap = std::collections::BinaryHeap::new();
    let mut result = vec![0; bars.len()];
    for i in order {
        let (left, right) = bars[i];
        // The track that ended first, if it ended before this bar starts.
        let reuse = match heap.peek() {
            Some(&std::cmp::Reverse((end, track))) if f64::from_bits(end) + 6.0 < left => {
                heap.pop();
                Some(track)
            }
            _ => None,
        };
        let track = reuse.unwrap_or_else(|| {
            track_end.push(right);
            track_end.len() - 1
        });
        track_end[track] = right;
        // Non-negative floats order the same as their bit patterns.
        heap.push(std::cmp::Reverse((right.max(0.0).to_bits(), track)));
        result[i] = track;
    }
    (result, track_end.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn isotonic_pools_violators() {
        let fitted = isotonic(&[1.0, 3.0, 2.0, 4.0], &[1.0, 1.0, 1.0, 1.0]);
        assert_eq!(fitted, vec![1.0, 2.5, 2.5, 4.0]);
    }

    #[test]
    fn overlapping_bars_get_different_tracks() {
        let (t, n) = tracks(&[(0.0, 10.0), (5.0, 20.0), (30.0, 40.0)]);
        assert_eq!(n, 2);
        assert_ne!(t[0], t[1]);
        assert_eq!(t[2], t[0]);
    }
}
