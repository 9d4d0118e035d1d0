//! Rows, blocks and their order: who sits where on each generation row, before any coordinate.
//!
//! Each row is a sequence of *units*: a person with everyone they partner on that row (a
//! couple, or a person between or beside several partners), or a *pass-through* where a
//! child's line crosses a row to reach a child drawn lower down. Units are rigid; only their
//! order changes. Children hang from *families* (a couple, or one parent) and are kept
//! together and oldest-left. The order starts from a depth-first walk of the family, which
//! for a plain tree is already free of crossings, and is improved by barycentre sweeps,
//! keeping the order with the fewest crossings, then by exchanging neighbouring sibships on a
//! row wherever that removes crossings.

use super::ties::{self, TieEnds};
use crate::graph::{Couple, Family};
use crate::model::{Case, Gender};
use std::collections::BTreeMap;

/// A place in a row: a person, or a line passing through the row.
#[derive(Debug, Clone)]
pub(super) struct Slot {
    pub person: Option<usize>,
    pub row: usize,
    pub unit: usize,
    /// For a pass-through, the person whose line it carries.
    pub carries: Option<usize>,
    /// For a tie end or a pass-through of a partnership between rows (see [`super::ties`]):
    /// the couple, and the partner on the other row whom the line leads to.
    pub tie: Option<(usize, usize)>,
}

/// A rigid group of slots on one row.
#[derive(Debug, Clone)]
pub(super) struct Unit {
    pub row: usize,
    pub slots: Vec<usize>,
}

/// Children hanging from one couple or one parent (or from a pass-through above them).
#[derive(Debug, Clone)]
pub(super) struct Sibship {
    /// Parent slots, one or two.
    pub parents: Vec<usize>,
    /// The couple, when two parents.
    pub couple: Option<usize>,
    /// Child slots on the next row, oldest first.
    pub children: Vec<usize>,
    /// The row of the parents.
    pub row: usize,
    /// A sibship that only carries a line through a row.
    pub pass_through: bool,
}

/// The arranged family: slots, units, sibships and the order of units in each row.
pub(super) struct Arrangement {
    pub slots: Vec<Slot>,
    pub units: Vec<Unit>,
    pub sibships: Vec<Sibship>,
    pub rows: Vec<Vec<usize>>,
    /// The slot of each person.
    pub slot_of: Vec<usize>,
    /// For each slot, the sibship it hangs from.
    pub up: Vec<Option<usize>>,
    /// For each slot, the sibships it is a parent in.
    pub down: Vec<Vec<usize>>,
    /// For each couple, its sibship (if it has children).
    pub couple_sibship: Vec<Option<usize>>,
    /// For each couple on different rows, its tie ends.
    pub ties: Vec<Option<TieEnds>>,
}

impl Arrangement {
    /// The row where a couple's line is written and their children hang from: theirs, or
    /// the lower partner's when they are on different rows.
    pub fn couple_row(&self, k: usize, couple: &Couple) -> usize {
        match self.ties[k] {
            Some(t) => self.slots[t.lower].row,
            None => self.slots[self.slot_of[couple.partners[0]]].row,
        }
    }

    /// The person a slot speaks for in a line's title and people: its own, or, for a tie
    /// end, the partner on the other row.
    pub fn speaks_for(&self, slot: usize) -> Option<usize> {
        self.slots[slot]
            .person
            .or(self.slots[slot].tie.map(|t| t.1))
    }

    /// Slots of a row, left to right.
    pub fn row_slots(&self, row: usize) -> impl Iterator<Item = usize> + '_ {
        self.rows[row]
            .iter()
            .flat_map(move |&u| self.units[u].slots.iter().copied())
    }
}

/// Sort key of a partnership for "earlier partnerships sit further out": the date of its
/// first state, then file order.
fn partnership_key(case: &Case, couple: &Couple, position: usize) -> (chrono::NaiveDate, usize) {
    let date = couple
        .partnership
        .and_then(|k| case.partnerships.get(k))
        .and_then(|p| p.states.iter().find_map(|s| s.from))
        .map(|d| d.sort_key())
        .unwrap_or(chrono::NaiveDate::MIN);
    (date, position)
}

pub(super) fn arrange(
    case: &Case,
    family: &Family,
    couples: &[Couple],
    ranks: &[u32],
    companions: &[Vec<usize>],
) -> Arrangement {
    let n = family.len();
    let row_count = ranks.iter().map(|&r| r as usize + 1).max().unwrap_or(0);

    // Partners on the same row, latest partnership first.
    let mut same_row: Vec<Vec<(usize, usize)>> = vec![Vec::new(); n];
    for (k, couple) in couples.iter().enumerate() {
        let [a, b] = couple.partners;
        if ranks[a] == ranks[b] {
            same_row[a].push((k, b));
            same_row[b].push((k, a));
        }
    }
    for list in &mut same_row {
        list.sort_by_key(|&(k, _)| std::cmp::Reverse(partnership_key(case, &couples[k], k)));
        list.dedup_by_key(|(_, other)| *other);
    }

    // Couples with children, as (lower, higher) person.
    let parent_pairs: std::collections::BTreeSet<(usize, usize)> = (0..n)
        .filter_map(|child| match family.parents(child)[..] {
            [a, b, ..] => Some((a.min(b), a.max(b))),
            _ => None,
        })
        .collect();

    let mut slots: Vec<Slot> = Vec::with_capacity(n + n / 4);
    let mut units: Vec<Unit> = Vec::new();
    let mut slot_of = vec![usize::MAX; n];
    for start in 0..n {
        if slot_of[start] != usize::MAX {
            continue;
        }
        let people = partner_line(case, start, &same_row);
        let people = most_side_by_side(people, &same_row, &parent_pairs);
        let unit = units.len();
        let mut unit_slots = Vec::with_capacity(people.len());
        for p in people {
            slot_of[p] = slots.len();
            unit_slots.push(slots.len());
            slots.push(Slot {
                person: Some(p),
                row: ranks[p] as usize,
                unit,
                carries: None,
                tie: None,
            });
        }
        units.push(Unit {
            row: ranks[start] as usize,
            slots: unit_slots,
        });
    }
    let (ties, chains) = ties::add(&mut slots, &mut units, &slot_of, couples, ranks);

    // Sibships: one per couple with children, one per single parent with children.
    let mut couple_index: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (k, couple) in couples.iter().enumerate() {
        let [a, b] = couple.partners;
        couple_index.entry((a.min(b), a.max(b))).or_insert(k);
    }
    let mut sibships: Vec<Sibship> = Vec::new();
    let mut couple_sibship = vec![None; couples.len()];
    let mut single_sibship: BTreeMap<usize, usize> = BTreeMap::new();
    let mut children_of: Vec<Vec<usize>> = Vec::new();
    for child in 0..n {
        let parents = family.parents(child);
        let s = match parents[..] {
            [] => continue,
            [p] => *single_sibship.entry(p).or_insert_with(|| {
                sibships.push(Sibship {
                    parents: vec![slot_of[p]],
                    couple: None,
                    children: Vec::new(),
                    row: ranks[p] as usize,
                    pass_through: false,
                });
                children_of.push(Vec::new());
                sibships.len() - 1
            }),
            [a, b, ..] => {
                let k = couple_index.get(&(a.min(b), a.max(b))).copied();
                let existing = k.and_then(|k| couple_sibship[k]);
                match existing {
                    Some(s) => s,
                    None => {
                        // Parents on different rows (a partner who is also a descendant):
                        // the children hang from the partnership line beside the lower
                        // parent, between that parent and the line's tie end.
                        let lower = if ranks[a] >= ranks[b] { a } else { b };
                        let parents = match k.and_then(|k| ties[k]) {
                            Some(t) if ranks[a] != ranks[b] => vec![slot_of[lower], t.lower],
                            _ if ranks[a] != ranks[b] => vec![slot_of[lower]],
                            _ => vec![slot_of[a], slot_of[b]],
                        };
                        sibships.push(Sibship {
                            parents,
                            couple: k,
                            children: Vec::new(),
                            row: ranks[a].max(ranks[b]) as usize,
                            pass_through: false,
                        });
                        children_of.push(Vec::new());
                        if let Some(k) = k {
                            couple_sibship[k] = Some(sibships.len() - 1);
                        }
                        sibships.len() - 1
                    }
                }
            }
        };
        children_of[s].push(child);
    }
    for (s, children) in children_of.iter_mut().enumerate() {
        children.sort_by_key(|&c| family.birth_key(c));
        let row = sibships[s].row;
        let mut child_slots = Vec::with_capacity(children.len());
        for &c in children.iter() {
            let child_row = ranks[c] as usize;
            if child_row <= row + 1 {
                child_slots.push(slot_of[c]);
                continue;
            }
            // A child drawn more than one row down (it sits beside a partner of a later
            // generation): a pass-through on every row in between carries its line.
            let mut above: Option<usize> = None;
            for r in row + 1..child_row {
                let slot = slots.len();
                let unit = units.len();
                slots.push(Slot {
                    person: None,
                    row: r,
                    unit,
                    carries: Some(c),
                    tie: None,
                });
                units.push(Unit {
                    row: r,
                    slots: vec![slot],
                });
                match above {
                    None => child_slots.push(slot),
                    Some(a) => sibships.push(Sibship {
                        parents: vec![a],
                        couple: None,
                        children: vec![slot],
                        row: r - 1,
                        pass_through: true,
                    }),
                }
                above = Some(slot);
            }
            if let Some(a) = above {
                sibships.push(Sibship {
                    parents: vec![a],
                    couple: None,
                    children: vec![slot_of[c]],
                    row: child_row - 1,
                    pass_through: true,
                });
            }
        }
        sibships[s].children = child_slots;
    }
    sibships.extend(chains);

    let mut up = vec![None; slots.len()];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); slots.len()];
    for (s, sibship) in sibships.iter().enumerate() {
        for &c in &sibship.children {
            up[c] = Some(s);
        }
        for &p in &sibship.parents {
            down[p].push(s);
        }
    }

    let mut arrangement = Arrangement {
        slots,
        units,
        sibships,
        rows: vec![Vec::new(); row_count],
        slot_of,
        up,
        down,
        couple_sibship,
        ties,
    };
    first_order(&mut arrangement, companions);
    improve(&mut arrangement, family);
    turn_partners_outward(&mut arrangement, case, family);

    arrangement
}

/// The people of one partner group in a line: the person with most partners in the middle,
/// the latest partnership nearest on the right, the one before on the left, earlier ones
/// further out; each partner's own other partners further out on their side.
fn partner_line(case: &Case, start: usize, same_row: &[Vec<(usize, usize)>]) -> Vec<usize> {
    // Gather the group.
    let mut group = vec![start];
    let mut seen = std::collections::BTreeSet::from([start]);
    let mut i = 0;
    while i < group.len() {
        for &(_, q) in &same_row[group[i]] {
            if seen.insert(q) {
                group.push(q);
            }
        }
        i += 1;
    }
    if group.len() == 1 {
        return group;
    }
    let hub = *group
        .iter()
        .max_by_key(|&&p| (same_row[p].len(), std::cmp::Reverse(p)))
        .unwrap_or(&start);
    let mut left: Vec<usize> = Vec::new();
    let mut right: Vec<usize> = Vec::new();
    let mut placed = std::collections::BTreeSet::from([hub]);
    let partners: Vec<usize> = same_row[hub].iter().map(|&(_, q)| q).collect();
    if partners.len() == 1 {
        // One partner: men on the left, women on the right, by convention.
        let q = partners[0];
        let hub_left = gender_side(case, hub) <= gender_side(case, q);
        placed.insert(q);
        if hub_left {
            right.push(q);
        } else {
            left.push(q);
        }
    } else {
        for (i, &q) in partners.iter().enumerate() {
            if placed.insert(q) {
                if i % 2 == 0 {
                    right.push(q);
                } else {
                    left.push(q);
                }
            }
        }
    }
    // Partners of partners go further out on their side, breadth first.
    for side in [&mut left, &mut right] {
        let mut i = 0;
        while i < side.len() {
            let p = side[i];
            for &(_, q) in &same_row[p] {
                if placed.insert(q) {
                    side.push(q);
                }
            }
            i += 1;
        }
    }
    // Anyone left (a ring of partners) goes on the right end.
    for &p in &group {
        if placed.insert(p) {
            right.push(p);
        }
    }
    let mut line: Vec<usize> = left.into_iter().rev().collect();
    line.push(hub);
    line.extend(right);
    line
}

/// The largest partner group whose every order is tried.
const ORDER_SEARCH: usize = 7;

/// The order of a partner group with the most couples side by side, parents first, nearest the
/// conventional `line` (latest partnership beside, earlier ones further out) among those:
/// a person beside two partners with a third further out leaves room for that third
/// partner's own partner beside them. Every order is tried for groups of up to
/// [`ORDER_SEARCH`] people (at most 5,040 orders, and such groups are rare); larger groups
/// keep the conventional line.
fn most_side_by_side(
    line: Vec<usize>,
    same_row: &[Vec<(usize, usize)>],
    parent_pairs: &std::collections::BTreeSet<(usize, usize)>,
) -> Vec<usize> {
    if line.len() < 4 || line.len() > ORDER_SEARCH {
        return line;
    }
    let n = line.len();
    let mut couple = vec![vec![false; n]; n];
    for (i, &p) in line.iter().enumerate() {
        for &(_, q) in &same_row[p] {
            if let Some(j) = line.iter().position(|&x| x == q) {
                couple[i][j] = true;
            }
        }
    }
    let with_children = |i: usize, j: usize| {
        let (p, q) = (line[i], line[j]);
        parent_pairs.contains(&(p.min(q), p.max(q)))
    };
    // Each person's latest partner on the row, by position in `line`.
    let latest: Vec<Option<usize>> = line
        .iter()
        .map(|&p| {
            let &(_, q) = same_row[p].first()?;
            line.iter().position(|&x| x == q)
        })
        .collect();
    // Orders as permutations of positions in `line`; score each: most side by side, then
    // most parents side by side (their children's line comes straight down between them, not
    // through someone else's partnership line), then most people beside their latest
    // partner, then the shortest brackets over the others
    // (fewer lines to cross), then least moved from the conventional line.
    let score = |order: &[usize]| {
        let side = order.windows(2).filter(|w| couple[w[0]][w[1]]).count();
        let parents_side = order
            .windows(2)
            .filter(|w| couple[w[0]][w[1]] && with_children(w[0], w[1]))
            .count();
        let beside_latest = (0..n)
            .filter(|&i| {
                let near = |k: usize| latest[order[i]] == order.get(k).copied();
                (i > 0 && near(i - 1)) || near(i + 1)
            })
            .count();
        let mut brackets = 0;
        for i in 0..n {
            for k in i + 2..n {
                brackets += usize::from(couple[order[i]][order[k]]) * (k - i);
            }
        }
        let moved: usize = order.iter().enumerate().map(|(i, &j)| i.abs_diff(j)).sum();
        use std::cmp::Reverse;
        (
            side,
            parents_side,
            beside_latest,
            Reverse(brackets),
            Reverse(moved),
        )
    };
    let mut order: Vec<usize> = (0..n).collect();
    let mut best = (score(&order), order.clone());
    // Heap's algorithm: every permutation, one swap apart.
    let mut c = vec![0usize; n];
    let mut i = 0;
    while i < n {
        if c[i] < i {
            let j = if i % 2 == 0 { 0 } else { c[i] };
            order.swap(j, i);
            let s = score(&order);
            if s > best.0 {
                best = (s, order.clone());
            }
            c[i] += 1;
            i = 0;
        } else {
            c[i] = 0;
            i += 1;
        }
    }
    best.1.iter().map(|&j| line[j]).collect()
}

fn gender_side(case: &Case, person: usize) -> u8 {
    match case.people.iter().as_slice().get(person).map(|p| p.gender) {
        Some(Gender::Male) => 0,
        Some(Gender::NonBinary) | Some(Gender::Unknown) | None => 1,
        Some(Gender::Female) => 2,
    }
}

/// The first order: a depth-first walk that places each family's children, oldest first,
/// right after their parents were placed, and visits the parents of anyone who married in
/// next, so related blocks start out side by side.
/// People with no family ties in the case (a lodger, a friend) start beside someone they
/// live with (`companions`, by person).
fn first_order(a: &mut Arrangement, companions: &[Vec<usize>]) {
    let mut starts: Vec<usize> = (0..a.units.len()).collect();
    starts.sort_by_key(|&u| {
        let unit = &a.units[u];
        let first = unit
            .slots
            .iter()
            .filter_map(|&s| a.slots[s].person)
            .min()
            .unwrap_or(usize::MAX);
        (unit.row, first)
    });
    let mut visited = vec![false; a.units.len()];
    let mut stack: Vec<usize> = Vec::new();
    for start in starts {
        if visited[start] {
            continue;
        }
        stack.push(start);
        while let Some(u) = stack.pop() {
            if visited[u] {
                continue;
            }
            visited[u] = true;
            a.rows[a.units[u].row].push(u);
            // Push in reverse so that the first neighbour is visited first.
            let mut next: Vec<usize> = Vec::new();
            for &s in &a.units[u].slots {
                if let Some(p) = a.slots[s].person {
                    for &c in companions.get(p).map(|c| c.as_slice()).unwrap_or(&[]) {
                        next.push(a.slots[a.slot_of[c]].unit);
                    }
                }
            }
            for &s in &a.units[u].slots {
                for &sib in &a.down[s] {
                    for &c in &a.sibships[sib].children {
                        next.push(a.slots[c].unit);
                    }
                }
            }
            for &s in &a.units[u].slots {
                if let Some(sib) = a.up[s] {
                    for &p in &a.sibships[sib].parents {
                        next.push(a.slots[p].unit);
                    }
                }
            }
            for &v in next.iter().rev() {
                if !visited[v] {
                    stack.push(v);
                }
            }
        }
    }
}

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
pub fn count_inversions(mut edges: Vec<(f64, f64)>) -> u64 {
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
fn improve(a: &mut Arrangement, family: &Family) {
    // Every candidate is judged after repairing its birth order, so the search keeps the
    // order that is best among those the drawing may actually use.
    repair_birth_order(a, family);
    exchange_runs(a);
    let mut best = a.rows.clone();
    let mut best_crossings = order_crossings(a);
    for _ in 0..4 {
        if best_crossings == 0 {
            break;
        }
        for row in 1..a.rows.len() {
            sweep_down(a, family, row);
        }
        repair_birth_order(a, family);
        exchange_runs(a);
        let c = order_crossings(a);
        if c < best_crossings {
            best_crossings = c;
            best = a.rows.clone();
        }
        for row in (0..a.rows.len().saturating_sub(1)).rev() {
            sweep_up(a, family, row);
        }
        repair_birth_order(a, family);
        exchange_runs(a);
        let c = order_crossings(a);
        if c < best_crossings {
            best_crossings = c;
            best = a.rows.clone();
        }
    }
    a.rows = best;
    // Partner order inside blocks follows where each partner's parents are.
    let pos = positions(a);
    for u in 0..a.units.len() {
        orient_by_parents(a, family, &pos, u);
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
fn turn_partners_outward(a: &mut Arrangement, case: &Case, family: &Family) {
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
