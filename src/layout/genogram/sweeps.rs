//! The order improved: crossings counted on the order alone, barycentre sweeps down and up,
//! exchanges of neighbouring runs, and siblings kept oldest-left throughout. The first order
//! and the blocks it orders come from `order.rs`.

use super::order::Arrangement;
use crate::graph::Family;
use crate::model::Case;
use std::collections::BTreeMap;

/// Normalised positions of slots in their rows (0..1), from the current order.
fn positions(a: &Arrangement) -> Vec<f64> {
    let mut pos = vec![0.0; a.slots.len()];
    for row in 0..a.rows.len() {
        let count = a.row_slots(row).count().max(1) as f64;
        for (i, s) in a.row_slots(row).enumerate() {
            pos[s] = (i as f64 + 0.5) / count;
        }
    }
    pos
}

fn sibship_position(a: &Arrangement, pos: &[f64], s: usize) -> f64 {
    let parents = &a.sibships[s].parents;
    parents.iter().map(|&p| pos[p]).sum::<f64>() / parents.len().max(1) as f64
}

/// Crossings between child lines, counted on the order alone: a line from a sibship to each
/// child, pairs of lines between the same two rows crossing when their ends are in opposite
/// orders.
pub(super) fn order_crossings(a: &Arrangement) -> u64 {
    let pos = positions(a);
    let mut by_row: Vec<Vec<(f64, f64)>> = vec![Vec::new(); a.rows.len()];
    for (s, sibship) in a.sibships.iter().enumerate() {
        let top = sibship_position(a, &pos, s);
        for &c in &sibship.children {
            by_row[sibship.row].push((top, pos[c]));
        }
    }
    by_row.into_iter().map(count_inversions).sum()
}

/// Pairs (i, j) with top_i < top_j and bottom_i > bottom_j, in O(n log n).
pub(crate) fn count_inversions(mut edges: Vec<(f64, f64)>) -> u64 {
    if edges.len() < 2 {
        return 0;
    }
    let mut bottoms: Vec<f64> = edges.iter().map(|e| e.1).collect();
    bottoms.sort_by(f64::total_cmp);
    bottoms.dedup();
    edges.sort_by(|x, y| x.0.total_cmp(&y.0).then(x.1.total_cmp(&y.1)));
    let mut tree = vec![0u64; bottoms.len() + 1];
    let mut inserted = 0u64;
    let mut crossings = 0u64;
    let mut i = 0;
    while i < edges.len() {
        let mut j = i;
        while j < edges.len() && edges[j].0 == edges[i].0 {
            j += 1;
        }
        // Lines from one top never cross each other: count the group before adding it.
        for e in &edges[i..j] {
            let rank = bottoms.partition_point(|b| *b <= e.1);
            let mut k = rank;
            let mut not_greater = 0;
            while k > 0 {
                not_greater += tree[k];
                k &= k - 1;
            }
            crossings += inserted - not_greater;
        }
        for e in &edges[i..j] {
            let mut k = bottoms.partition_point(|b| *b < e.1) + 1;
            while k < tree.len() {
                tree[k] += 1;
                k += k & k.wrapping_neg();
            }
            inserted += 1;
        }
        i = j;
    }
    crossings
}

/// Barycentre sweeps down and up, keeping sibships together and oldest-left, each followed by
/// neighbour exchanges, and keeping the best order seen.
pub(super) fn improve(a: &mut Arrangement, family: &Family) {
    let mut best = settle(a, family, None);
    for _ in 0..4 {
        if best.crossings == 0 {
            break;
        }
        for row in 1..a.rows.len() {
            sweep_down(a, family, row);
        }
        best = settle(a, family, Some(best));
        for row in (0..a.rows.len().saturating_sub(1)).rev() {
            sweep_up(a, family, row);
        }
        best = settle(a, family, Some(best));
    }
    a.rows = best.rows;
    // Partner order inside blocks follows where each partner's parents are.
    let pos = positions(a);
    for u in 0..a.units.len() {
        orient_by_parents(a, family, &pos, u);
    }
}

/// The order of every row with the fewest crossings seen so far.
struct BestOrder {
    rows: Vec<Vec<usize>>,
    crossings: u64,
}

/// Puts the order after a sweep right and judges it: every candidate is judged after
/// repairing its birth order, so the search keeps the order that is best among those the
/// drawing may actually use. Returns the better of it and the best so far (the earlier on
/// a tie).
fn settle(a: &mut Arrangement, family: &Family, best: Option<BestOrder>) -> BestOrder {
    repair_birth_order(a, family);
    exchange_runs(a);
    let crossings = order_crossings(a);
    match best {
        Some(best) if best.crossings <= crossings => best,
        _ => BestOrder {
            rows: a.rows.clone(),
            crossings,
        },
    }
}

/// Adjacent exchanges after the sweeps: on each row, two neighbouring *runs* (the blocks of one
/// sibship together, or a block with no parents here or with parents in two sibships) change
/// places when that lowers the crossings of their lines. Runs are never split, so sibships
/// stay together and oldest-left; two runs from one sibship never swap. Swapping neighbours
/// changes only the crossings between their own lines, so a trial costs the size of the two
/// runs, and a bounded number of passes keeps the whole near-linear.
fn exchange_runs(a: &mut Arrangement) {
    // Position of each slot as its index in its row: only the order within a row matters.
    let mut pos = vec![0.0; a.slots.len()];
    for row in 0..a.rows.len() {
        let slots: Vec<usize> = a.row_slots(row).collect();
        for (i, s) in slots.into_iter().enumerate() {
            pos[s] = i as f64;
        }
    }
    let origins: Vec<Vec<usize>> = (0..a.units.len())
        .map(|u| {
            let mut o: Vec<usize> = a.units[u]
                .slots
                .iter()
                .filter_map(|&s| origin(a, s))
                .collect();
            o.sort_unstable();
            o.dedup();
            o
        })
        .collect();
    for _ in 0..4 {
        let mut changed = false;
        for row in 0..a.rows.len() {
            let mut runs: Vec<(usize, usize)> = Vec::new();
            let order = &a.rows[row];
            let mut i = 0;
            while i < order.len() {
                let mut j = i + 1;
                if origins[order[i]].len() == 1 {
                    while j < order.len() && origins[order[j]] == origins[order[i]] {
                        j += 1;
                    }
                }
                runs.push((i, j));
                i = j;
            }
            for k in 0..runs.len().saturating_sub(1) {
                let (start, middle) = runs[k];
                let end = runs[k + 1].1;
                let order = &a.rows[row];
                let (left, right) = (&order[start..middle], &order[middle..end]);
                let shared = left.iter().any(|&x| {
                    right
                        .iter()
                        .any(|&y| origins[x].iter().any(|o| origins[y].contains(o)))
                });
                if shared || exchange_gain(a, &pos, left, right) >= 0 {
                    continue;
                }
                let base = pos[a.units[order[start]].slots[0]];
                a.rows[row][start..end].rotate_left(middle - start);
                let mut i = base;
                for &u in &a.rows[row][start..end] {
                    for &s in &a.units[u].slots {
                        pos[s] = i;
                        i += 1.0;
                    }
                }
                let moved = end - middle;
                runs[k] = (start, start + moved);
                runs[k + 1] = (start + moved, end);
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
}

/// How the crossings change when the neighbouring runs `left` and `right` change places:
/// only pairs of lines, one from each run, can change, and each such pair crosses after the
/// swap exactly when it did not before (lines sharing an end never cross).
fn exchange_gain(a: &Arrangement, pos: &[f64], left: &[usize], right: &[usize]) -> i64 {
    let ends = |units: &[usize]| {
        let mut up = Vec::new();
        let mut down = Vec::new();
        for &u in units {
            for &s in &a.units[u].slots {
                if let Some(sib) = a.up[s] {
                    up.push(sibship_position(a, pos, sib));
                }
                for &sib in &a.down[s] {
                    if a.sibships[sib].parents[0] == s {
                        down.extend(a.sibships[sib].children.iter().map(|&c| pos[c]));
                    }
                }
            }
        }
        (up, down)
    };
    let (left_up, left_down) = ends(left);
    let (mut right_up, mut right_down) = ends(right);
    right_up.sort_by(f64::total_cmp);
    right_down.sort_by(f64::total_cmp);
    // Pairs now in order (x < y) cross after the swap; pairs now crossed (x > y) no longer do.
    let gain = |xs: &[f64], ys: &[f64]| -> i64 {
        xs.iter()
            .map(|x| {
                let below = ys.partition_point(|y| y < x) as i64;
                let above = (ys.len() - ys.partition_point(|y| y <= x)) as i64;
                above - below
            })
            .sum()
    };
    gain(&left_up, &right_up) + gain(&left_down, &right_down)
}

/// Siblings oldest-left on every row. Of the two ways to repair a row (move blocks right, or
/// move blocks left), keeps the one whose row crosses its neighbours' lines less.
fn repair_birth_order(a: &mut Arrangement, family: &Family) {
    for row in 0..a.rows.len() {
        let original = a.rows[row].clone();
        let mut forward = original.clone();
        enforce_birth_order(a, family, &mut forward, true);
        if forward == original {
            continue;
        }
        let mut backward = original;
        enforce_birth_order(a, family, &mut backward, false);
        a.rows[row] = forward.clone();
        let forward_crossings = row_crossings(a, row);
        a.rows[row] = backward;
        if row_crossings(a, row) > forward_crossings {
            a.rows[row] = forward;
        }
    }
}

/// Crossings between the lines into and out of one row.
fn row_crossings(a: &Arrangement, row: usize) -> u64 {
    let mut pos = vec![0.0; a.slots.len()];
    for r in row.saturating_sub(1)..(row + 2).min(a.rows.len()) {
        let count = a.row_slots(r).count().max(1) as f64;
        for (i, s) in a.row_slots(r).enumerate() {
            pos[s] = (i as f64 + 0.5) / count;
        }
    }
    let mut total = 0;
    for r in [row.wrapping_sub(1), row] {
        if r >= a.rows.len() {
            continue;
        }
        let mut edges = Vec::new();
        for s in a.row_slots(r) {
            for &sib in &a.down[s] {
                let sibship = &a.sibships[sib];
                if sibship.parents[0] != s {
                    continue;
                }
                let top = sibship_position(a, &pos, sib);
                for &c in &sibship.children {
                    edges.push((top, pos[c]));
                }
            }
        }
        total += count_inversions(edges);
    }
    total
}

/// Reverses a block when its partners' parents are in the opposite order above it.
fn orient_by_parents(a: &mut Arrangement, family: &Family, pos: &[f64], u: usize) {
    let slots = &a.units[u].slots;
    if slots.len() < 2 {
        return;
    }
    // Where each partner's parents are, then birth order (siblings who partner).
    let tops: Vec<(f64, (chrono::NaiveDate, usize))> = slots
        .iter()
        .filter_map(|&s| {
            let birth = a.slots[s].person.map(|p| family.birth_key(p))?;
            a.up[s].map(|sib| (sibship_position(a, pos, sib), birth))
        })
        .collect();
    if tops.len() < 2 {
        return;
    }
    let mut forward = 0;
    let mut backward = 0;
    for i in 0..tops.len() {
        for j in i + 1..tops.len() {
            match tops[i]
                .0
                .total_cmp(&tops[j].0)
                .then(tops[i].1.cmp(&tops[j].1))
            {
                std::cmp::Ordering::Less => forward += 1,
                std::cmp::Ordering::Greater => backward += 1,
                std::cmp::Ordering::Equal => {}
            }
        }
    }
    if backward > forward {
        a.units[u].slots.reverse();
    }
}

fn sweep_down(a: &mut Arrangement, family: &Family, row: usize) {
    let pos = positions(a);
    let keys: BTreeMap<usize, f64> = a.rows[row]
        .iter()
        .map(|&u| {
            let tops: Vec<f64> = a.units[u]
                .slots
                .iter()
                .filter_map(|&s| a.up[s].map(|sib| sibship_position(a, &pos, sib)))
                .collect();
            let key = if tops.is_empty() {
                unit_position(a, &pos, u)
            } else {
                tops.iter().sum::<f64>() / tops.len() as f64
            };
            (u, key)
        })
        .collect();
    sort_row(a, family, row, &keys);
    let pos = positions(a);
    for i in 0..a.rows[row].len() {
        let u = a.rows[row][i];
        orient_by_parents(a, family, &pos, u);
    }
}

fn sweep_up(a: &mut Arrangement, family: &Family, row: usize) {
    let pos = positions(a);
    let keys: BTreeMap<usize, f64> = a.rows[row]
        .iter()
        .map(|&u| {
            let mut sum = 0.0;
            let mut count = 0usize;
            for &s in &a.units[u].slots {
                for &sib in &a.down[s] {
                    for &c in &a.sibships[sib].children {
                        sum += pos[c];
                        count += 1;
                    }
                }
            }
            let here = unit_position(a, &pos, u);
            let has_parents = a.units[u].slots.iter().any(|&s| a.up[s].is_some());
            // Blocks that hang from parents keep their sibship's place (the sweep down
            // decides it); blocks with no parents here follow their children.
            let key = if count == 0 || has_parents {
                here
            } else {
                sum / count as f64
            };
            (u, key)
        })
        .collect();
    sort_row(a, family, row, &keys);
}

fn unit_position(a: &Arrangement, pos: &[f64], u: usize) -> f64 {
    let slots = &a.units[u].slots;
    slots.iter().map(|&s| pos[s]).sum::<f64>() / slots.len().max(1) as f64
}

/// Sorts a row by key, then puts each sibship's blocks back in birth order on the places
/// they took, so a sweep never shuffles siblings.
fn sort_row(a: &mut Arrangement, family: &Family, row: usize, keys: &BTreeMap<usize, f64>) {
    // Each block's key and earliest birth, worked out once rather than at every comparison.
    let mut keyed: Vec<(f64, BirthKey, usize)> = a.rows[row]
        .iter()
        .map(|&u| {
            let birth = a.units[u]
                .slots
                .iter()
                .filter_map(|&s| a.slots[s].person.or(a.slots[s].carries))
                .map(|p| family.birth_key(p))
                .min()
                .unwrap_or((chrono::NaiveDate::MAX, usize::MAX));
            (keys[&u], birth, u)
        })
        .collect();
    keyed.sort_by(|x, y| x.0.total_cmp(&y.0).then_with(|| x.1.cmp(&y.1)));
    let mut order: Vec<usize> = keyed.into_iter().map(|(_, _, u)| u).collect();
    restore_birth_order(a, family, &mut order);
    a.rows[row] = order;
}

/// Makes every sibship oldest-left on the row, including children whose block also holds a
/// partner from another branch (cousins who partner): a topological order over "the older
/// sibling's block comes first", keeping the current order wherever the rule allows.
fn enforce_birth_order(a: &Arrangement, family: &Family, order: &mut [usize], from_left: bool) {
    let n = order.len();
    // Children of one sibship on this row, by birth, whether they hang from it directly or
    // through lines passing down from a row further up.
    let mut by_origin: BTreeMap<usize, Vec<(BirthKey, usize)>> = BTreeMap::new();
    for (i, &u) in order.iter().enumerate() {
        for &s in &a.units[u].slots {
            if let (Some(sib), Some(p)) = (origin(a, s), a.slots[s].person.or(a.slots[s].carries)) {
                by_origin
                    .entry(sib)
                    .or_default()
                    .push((family.birth_key(p), i));
            }
        }
    }
    let mut after: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    for mut children in by_origin.into_values() {
        children.sort();
        for w in children.windows(2) {
            let (x, y) = (w[0].1, w[1].1);
            if x != y {
                after[x].push(y);
                indegree[y] += 1;
            }
        }
    }
    if indegree.iter().all(|&d| d == 0) {
        return;
    }
    let result = if from_left {
        topological(&after, &indegree, false)
    } else {
        // Right to left: the same rule over the reversed constraints, keeping blocks at the
        // right end in place and moving the others.
        let mut before: Vec<Vec<usize>> = vec![Vec::new(); n];
        let mut outdegree = vec![0usize; n];
        for (i, list) in after.iter().enumerate() {
            for &j in list {
                before[j].push(i);
                outdegree[i] += 1;
            }
        }
        let mut r = topological(&before, &outdegree, true);
        r.reverse();
        r
    };
    let result: Vec<usize> = result.into_iter().map(|i| order[i]).collect();
    order.copy_from_slice(&result);
}

/// Positions in an order that respects `after` (which positions must follow which), taking
/// the leftmost ready position first (or the rightmost, `from_right`). Cycles are broken at
/// the position waiting on the fewest others.
fn topological(after: &[Vec<usize>], indegree: &[usize], from_right: bool) -> Vec<usize> {
    let n = after.len();
    let mut indegree = indegree.to_vec();
    let key = |i: usize| if from_right { n - 1 - i } else { i };
    let mut ready: std::collections::BinaryHeap<std::cmp::Reverse<usize>> = (0..n)
        .filter(|&i| indegree[i] == 0)
        .map(|i| std::cmp::Reverse(key(i)))
        .collect();
    let mut placed = vec![false; n];
    let mut result = Vec::with_capacity(n);
    while result.len() < n {
        let i = match ready.pop() {
            Some(std::cmp::Reverse(k)) => key(k),
            None => match (0..n)
                .filter(|&i| !placed[i])
                .min_by_key(|&i| (indegree[i], key(i)))
            {
                Some(i) => i,
                None => break,
            },
        };
        if placed[i] {
            continue;
        }
        placed[i] = true;
        result.push(i);
        for &j in &after[i] {
            indegree[j] = indegree[j].saturating_sub(1);
            if indegree[j] == 0 && !placed[j] {
                ready.push(std::cmp::Reverse(key(j)));
            }
        }
    }
    result
}

/// Birth date (unknown last), then file order.
type BirthKey = (chrono::NaiveDate, usize);

/// The sibship a slot's line really comes from, following lines that pass through rows.
fn origin(a: &Arrangement, slot: usize) -> Option<usize> {
    let mut sib = a.up[slot]?;
    for _ in 0..a.rows.len() {
        if !a.sibships[sib].pass_through {
            return Some(sib);
        }
        let parent = *a.sibships[sib].parents.first()?;
        sib = a.up[parent]?;
    }
    None
}

/// Within each sibship, the blocks that hang only from it take the places they hold, oldest
/// first.
fn restore_birth_order(a: &Arrangement, family: &Family, order: &mut [usize]) {
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for (i, &u) in order.iter().enumerate() {
        // Grouped by the sibship each line really comes from, through rows it passes.
        let mut ups = a.units[u].slots.iter().filter_map(|&s| origin(a, s));
        if let Some(first) = ups.next()
            && ups.all(|s| s == first)
        {
            groups.entry(first).or_default().push(i);
        }
    }
    for places in groups.values() {
        if places.len() < 2 {
            continue;
        }
        let mut blocks: Vec<usize> = places.iter().map(|&i| order[i]).collect();
        blocks.sort_by_key(|&u| {
            a.units[u]
                .slots
                .iter()
                .filter(|&&s| origin(a, s).is_some())
                .filter_map(|&s| a.slots[s].person.or(a.slots[s].carries))
                .map(|p| family.birth_key(p))
                .min()
        });
        for (&i, u) in places.iter().zip(blocks) {
            order[i] = u;
        }
    }
}

/// A couple where only one partner has parents in the case: at either end of a sibship the
/// partner who married in goes on the outside, so siblings stay close together.
pub(super) fn turn_partners_outward(a: &mut Arrangement, case: &Case, family: &Family) {
    let _ = (case, family);
    for s in 0..a.sibships.len() {
        let children = a.sibships[s].children.clone();
        if children.len() < 2 {
            continue;
        }
        let ends = [(children[0], true), (children[children.len() - 1], false)];
        for (child, first) in ends {
            let u = a.slots[child].unit;
            let slots = &a.units[u].slots;
            if slots.len() != 2 || slots.iter().filter(|&&x| a.up[x].is_some()).count() != 1 {
                continue;
            }
            let child_is_left = slots[0] == child;
            // The first child wants its partner on the left, the last on the right.
            if first == child_is_left {
                a.units[u].slots.reverse();
            }
        }
    }
}
