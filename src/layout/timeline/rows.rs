//! Packing boxes into rows so that nothing drawn in a lane overlaps.
//!
//! Every entry claims, on one or more consecutive rows, a horizontal extent (its mark, its bar,
//! its label). [`Rows`] finds the first row where all of those extents are free, scanning a
//! bounded number of rows, so placing n entries costs O(n × rows). [`Overflow`] places
//! one-row boxes that arrive in order of their left edge into unbounded rows in O(log n) each:
//! the fallback that guarantees every entry a place, however dense the cluster.

use std::cmp::Reverse;
use std::collections::{BTreeSet, BinaryHeap};

/// Rows of a lane, each remembering the rightmost edge used so far.
#[derive(Debug, Default)]
pub(crate) struct Rows {
    rights: Vec<f64>,
}

/// One row's claim: from `left` to `right`, at `offset` rows below the item's first row.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Claim {
    pub offset: usize,
    pub left: f64,
    pub right: f64,
}

impl Rows {
    fn fits(&self, row: usize, claims: &[Claim], gap: f64) -> bool {
        claims.iter().all(|c| {
            self.rights
                .get(row + c.offset)
                .is_none_or(|right| *right + gap <= c.left)
        })
    }

    /// The first row, below `max_rows`, where every claim fits; claims it and returns it.
    pub(crate) fn place(&mut self, claims: &[Claim], gap: f64, max_rows: usize) -> Option<usize> {
        let depth = claims.iter().map(|c| c.offset + 1).max().unwrap_or(1);
        if depth > max_rows {
            return None;
        }
        let row = (0..=max_rows - depth).find(|row| self.fits(*row, claims, gap))?;
        self.claim(row, claims);
        Some(row)
    }

    /// True if [`Rows::place`] would find a row, without claiming it.
    pub(crate) fn can_place(&self, claims: &[Claim], gap: f64, max_rows: usize) -> bool {
        let depth = claims.iter().map(|c| c.offset + 1).max().unwrap_or(1);
        depth <= max_rows && (0..=max_rows - depth).any(|row| self.fits(row, claims, gap))
    }

    fn claim(&mut self, row: usize, claims: &[Claim]) {
        for c in claims {
            let at = row + c.offset;
            if self.rights.len() <= at {
                self.rights.resize(at + 1, f64::NEG_INFINITY);
            }
            self.rights[at] = self.rights[at].max(c.right);
        }
    }

    /// How many rows hold something.
    pub(crate) fn used(&self) -> usize {
        self.rights.len()
    }
}

/// Unbounded rows for one-row boxes given in order of their left edge.
#[derive(Debug, Default)]
pub(crate) struct Overflow {
    busy: BinaryHeap<Reverse<(i64, usize)>>,
    free: BTreeSet<usize>,
    count: usize,
}

impl Overflow {
    /// The lowest row free at `left`; lefts must not decrease from call to call.
    pub(crate) fn place(&mut self, left: f64, right: f64, gap: f64) -> usize {
        let key = |x: f64| (x * 100.0).round() as i64;
        while let Some(Reverse((edge, row))) = self.busy.peek().copied() {
            if edge + key(gap) <= key(left) {
                self.busy.pop();
                self.free.insert(row);
            } else {
                break;
            }
        }
        let row = match self.free.pop_first() {
            Some(row) => row,
            None => {
                self.count += 1;
                self.count - 1
            }
        };
        self.busy.push(Reverse((key(right), row)));
        row
    }

    pub(crate) fn used(&self) -> usize {
        self.count
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn one(left: f64, right: f64) -> [Claim; 1] {
        [Claim {
            offset: 0,
            left,
            right,
        }]
    }

    #[test]
    fn stacks_what_overlaps_and_reuses_rows_that_are_free() {
        let mut rows = Rows::default();
        assert_eq!(rows.place(&one(0.0, 50.0), 2.0, 4), Some(0));
        assert_eq!(rows.place(&one(10.0, 60.0), 2.0, 4), Some(1));
        assert_eq!(rows.place(&one(53.0, 70.0), 2.0, 4), Some(0));
        let tall = [
            Claim {
                offset: 0,
                left: 55.0,
                right: 80.0,
            },
            Claim {
                offset: 1,
                left: 55.0,
                right: 80.0,
            },
        ];
        assert_eq!(rows.place(&tall, 2.0, 4), Some(2));
        assert_eq!(rows.place(&tall, 2.0, 4), None);
    }

    #[test]
    fn overflow_never_refuses_and_reuses_the_lowest_free_row() {
        let mut rows = Overflow::default();
        assert_eq!(rows.place(0.0, 10.0, 1.0), 0);
        assert_eq!(rows.place(1.0, 10.0, 1.0), 1);
        assert_eq!(rows.place(2.0, 10.0, 1.0), 2);
        assert_eq!(rows.place(11.0, 20.0, 1.0), 0);
        assert_eq!(rows.place(11.5, 20.0, 1.0), 1);
        assert_eq!(rows.used(), 3);
    }
}
