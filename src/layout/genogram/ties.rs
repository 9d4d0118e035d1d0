//! Partners on different rows (a partner who is also a descendant, cousins marrying across
//! generations): their line is routed like a long tie. Each partner's block gets a *tie end*
//! at its outer end, a free column where the line turns, and every row in between a
//! pass-through, so the line runs from one partner out to its tie end, down (or up) through
//! free columns and channels to the other tie end, and in to the other partner. The children
//! of such a couple hang from the piece beside the lower partner, as from any couple's line.

use super::order::{Sibship, Slot, Unit, add_pass_through};
use crate::graph::Couple;

/// The two tie ends of a couple on different rows: beside the upper partner and beside the
/// lower one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct TieEnds {
    pub upper: usize,
    pub lower: usize,
}

/// Adds tie ends and pass-throughs for every couple on different rows. Returns the ends of
/// each couple, and the pass-through sibships that chain the upper end down to the lower one.
pub(super) fn add(
    slots: &mut Vec<Slot>,
    units: &mut Vec<Unit>,
    slot_of: &[usize],
    couples: &[Couple],
    ranks: &[u32],
) -> (Vec<Option<TieEnds>>, Vec<Sibship>) {
    let mut ends = vec![None; couples.len()];
    let mut chains = Vec::new();
    for (k, couple) in couples.iter().enumerate() {
        let [a, b] = couple.partners;
        if ranks[a] == ranks[b] {
            continue;
        }
        let (up, low) = if ranks[a] < ranks[b] { (a, b) } else { (b, a) };
        let upper = tie_end(slots, units, slot_of[up], k, low);
        let lower = tie_end(slots, units, slot_of[low], k, up);
        let (top, bottom) = (ranks[up] as usize, ranks[low] as usize);
        let mut above = upper;
        for r in top + 1..=bottom {
            let next = if r == bottom {
                lower
            } else {
                add_pass_through(slots, units, r, None, Some((k, up)))
            };
            chains.push(Sibship::passing(above, next, r - 1));
            above = next;
        }
        ends[k] = Some(TieEnds { upper, lower });
    }
    (ends, chains)
}

/// A tie end in the block of the partner in slot `of`, at the block's end nearer that
/// partner (so partners already side by side stay so), standing for `other`.
fn tie_end(slots: &mut Vec<Slot>, units: &mut [Unit], of: usize, k: usize, other: usize) -> usize {
    let (unit, row) = (slots[of].unit, slots[of].row);
    let slot = slots.len();
    slots.push(Slot {
        person: None,
        row,
        unit,
        carries: None,
        tie: Some((k, other)),
    });
    // The side is chosen among the people of the block, so a person's tie ends all go on
    // one side, each further out.
    let list = &mut units[unit].slots;
    let people: Vec<usize> = list
        .iter()
        .copied()
        .filter(|&s| slots[s].tie.is_none())
        .collect();
    let i = people.iter().position(|&s| s == of).unwrap_or(0);
    if 2 * i < people.len().saturating_sub(1) {
        list.insert(0, slot);
    } else {
        list.push(slot);
    }
    slot
}
