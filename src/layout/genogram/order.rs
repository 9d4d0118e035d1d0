//! Rows, blocks and their order: who sits where on each generation row, before any coordinate.
//!
//! Each row is a sequence of *units*: a person with everyone they partner on that row (a
//! couple, or a person between or beside several partners), or a *pass-through* where a
//! child's line crosses a row to reach a child drawn lower down. Units are rigid; only their
//! order changes. Children hang from *families* (a couple, or one parent) and are kept
//! together and oldest-left. The order starts from a depth-first walk of the family, which
//! for a plain tree is already free of crossings, and is improved (in `sweeps.rs`) by
//! barycentre sweeps, keeping the order with the fewest crossings, then by exchanging
//! neighbouring sibships on a row wherever that removes crossings.

use super::sweeps::{improve, turn_partners_outward};
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

/// Arranges the family: partner groups into units, tie ends and pass-throughs, sibships,
/// and the first order of each row, improved.
pub(super) fn arrange(
    case: &Case,
    family: &Family,
    couples: &[Couple],
    ranks: &[u32],
    companions: &[Vec<usize>],
) -> Arrangement {
    let row_count = ranks.iter().map(|&r| r as usize + 1).max().unwrap_or(0);
    let same_row = partners_on_same_row(case, family.len(), couples, ranks);
    let (mut slots, mut units, slot_of) = partner_units(case, family, ranks, &same_row);
    let (ties, chains) = ties::add(&mut slots, &mut units, &slot_of, couples, ranks);
    let (mut sibships, couple_sibship, children_of) =
        sibships_by_parents(family, couples, ranks, &slot_of, &ties);
    // Each sibship's children, oldest first, by the slots they hang by.
    let mut hanger = Hanger {
        slots: &mut slots,
        units: &mut units,
        sibships: &mut sibships,
    };
    for (s, mut children) in children_of.into_iter().enumerate() {
        children.sort_by_key(|&c| family.birth_key(c));
        let row = hanger.sibships[s].row;
        let child_slots = children
            .iter()
            .map(|&c| hanger.hang(c, row, ranks[c] as usize, slot_of[c]))
            .collect();
        hanger.sibships[s].children = child_slots;
    }
    sibships.extend(chains);
    let (up, down) = links(slots.len(), &sibships);
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

/// Each person's partners on the same row, latest partnership first, each partner once.
fn partners_on_same_row(
    case: &Case,
    n: usize,
    couples: &[Couple],
    ranks: &[u32],
) -> Vec<Vec<(usize, usize)>> {
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
    same_row
}

/// One unit per partner group (a person alone is a group of one), in the order of its
/// first person in the file: the slots, the units, and the slot of each person.
fn partner_units(
    case: &Case,
    family: &Family,
    ranks: &[u32],
    same_row: &[Vec<(usize, usize)>],
) -> (Vec<Slot>, Vec<Unit>, Vec<usize>) {
    let n = family.len();
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
        let people = partner_line(case, start, same_row);
        let people = most_side_by_side(people, same_row, &parent_pairs);
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
    (slots, units, slot_of)
}

/// Sibships: one per couple with children, one per single parent with children, in the
/// order of their first child in the file. Returns them (their children not yet placed),
/// each couple's sibship, and each sibship's children.
fn sibships_by_parents(
    family: &Family,
    couples: &[Couple],
    ranks: &[u32],
    slot_of: &[usize],
    ties: &[Option<TieEnds>],
) -> (Vec<Sibship>, Vec<Option<usize>>, Vec<Vec<usize>>) {
    let mut couple_index: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (k, couple) in couples.iter().enumerate() {
        let [a, b] = couple.partners;
        couple_index.entry((a.min(b), a.max(b))).or_insert(k);
    }
    let mut found = Found::default();
    let mut couple_sibship = vec![None; couples.len()];
    let mut single_sibship: BTreeMap<usize, usize> = BTreeMap::new();
    for child in 0..family.len() {
        let s = match family.parents(child)[..] {
            [] => continue,
            [p] => *single_sibship
                .entry(p)
                .or_insert_with(|| found.open(vec![slot_of[p]], None, ranks[p])),
            [a, b, ..] => {
                let k = couple_index.get(&(a.min(b), a.max(b))).copied();
                match k.and_then(|k| couple_sibship[k]) {
                    Some(s) => s,
                    None => {
                        let parents = couple_parent_slots(a, b, k, ranks, slot_of, ties);
                        let s = found.open(parents, k, ranks[a].max(ranks[b]));
                        if let Some(k) = k {
                            couple_sibship[k] = Some(s);
                        }
                        s
                    }
                }
            }
        };
        found.children[s].push(child);
    }
    (found.sibships, couple_sibship, found.children)
}

/// Sibships as they are found, with each one's children (people, not yet placed).
#[derive(Default)]
struct Found {
    sibships: Vec<Sibship>,
    children: Vec<Vec<usize>>,
}

impl Found {
    /// A new sibship with no children yet, its parents on `row`; returns its index.
    fn open(&mut self, parents: Vec<usize>, couple: Option<usize>, row: u32) -> usize {
        self.sibships.push(Sibship {
            parents,
            couple,
            children: Vec::new(),
            row: row as usize,
            pass_through: false,
        });
        self.children.push(Vec::new());
        self.sibships.len() - 1
    }
}

/// The slots a couple's children hang from: both partners' when they share a row. Parents
/// on different rows (a partner who is also a descendant): the children hang from the
/// partnership line beside the lower parent, between that parent and the line's tie end.
fn couple_parent_slots(
    a: usize,
    b: usize,
    k: Option<usize>,
    ranks: &[u32],
    slot_of: &[usize],
    ties: &[Option<TieEnds>],
) -> Vec<usize> {
    let lower = if ranks[a] >= ranks[b] { a } else { b };
    match k.and_then(|k| ties[k]) {
        Some(t) if ranks[a] != ranks[b] => vec![slot_of[lower], t.lower],
        _ if ranks[a] != ranks[b] => vec![slot_of[lower]],
        _ => vec![slot_of[a], slot_of[b]],
    }
}

/// Hangs children from their sibships, oldest first, adding pass-throughs where a child is
/// drawn further down: the slots, units and sibships it adds to.
struct Hanger<'a> {
    slots: &'a mut Vec<Slot>,
    units: &'a mut Vec<Unit>,
    sibships: &'a mut Vec<Sibship>,
}

impl Hanger<'_> {
    /// The slot child `c` hangs from its parents' sibship (whose parents are on `row`) by:
    /// its own when it is drawn on the next row. A child drawn more than one row down (it
    /// sits beside a partner of a later generation) hangs by a pass-through on the next row,
    /// and a pass-through on every row in between carries its line on down.
    fn hang(&mut self, c: usize, row: usize, child_row: usize, child_slot: usize) -> usize {
        if child_row <= row + 1 {
            return child_slot;
        }
        let first = add_pass_through(self.slots, self.units, row + 1, Some(c), None);
        let mut above = first;
        for r in row + 2..child_row {
            let slot = add_pass_through(self.slots, self.units, r, Some(c), None);
            self.sibships.push(Sibship::passing(above, slot, r - 1));
            above = slot;
        }
        self.sibships
            .push(Sibship::passing(above, child_slot, child_row - 1));
        first
    }
}

/// Adds a slot that carries a line through `row`, in a unit of its own, and returns it.
pub(super) fn add_pass_through(
    slots: &mut Vec<Slot>,
    units: &mut Vec<Unit>,
    row: usize,
    carries: Option<usize>,
    tie: Option<(usize, usize)>,
) -> usize {
    let slot = slots.len();
    slots.push(Slot {
        person: None,
        row,
        unit: units.len(),
        carries,
        tie,
    });
    units.push(Unit {
        row,
        slots: vec![slot],
    });
    slot
}

impl Sibship {
    /// A sibship that carries a line from a slot on `row` to one on the row below.
    pub(super) fn passing(parent: usize, child: usize, row: usize) -> Sibship {
        Sibship {
            parents: vec![parent],
            couple: None,
            children: vec![child],
            row,
            pass_through: true,
        }
    }
}

/// For each slot, the sibship it hangs from (`up`) and the sibships it is a parent in
/// (`down`).
fn links(slot_count: usize, sibships: &[Sibship]) -> (Vec<Option<usize>>, Vec<Vec<usize>>) {
    let mut up = vec![None; slot_count];
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); slot_count];
    for (s, sibship) in sibships.iter().enumerate() {
        for &c in &sibship.children {
            up[c] = Some(s);
        }
        for &p in &sibship.parents {
            down[p].push(s);
        }
    }
    (up, down)
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
    highest_scoring_order(n, score)
        .iter()
        .map(|&j| line[j])
        .collect()
}

/// The order of `0..n` with the highest score, every order tried (Heap's algorithm: each one
/// swap from the last); the first found on a tie, starting from `0..n` itself.
fn highest_scoring_order<S: PartialOrd>(n: usize, score: impl Fn(&[usize]) -> S) -> Vec<usize> {
    let mut order: Vec<usize> = (0..n).collect();
    let mut best = (score(&order), order.clone());
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
    best.1
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
