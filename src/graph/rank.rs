//! Generations: the row of every person.
//!
//! Partners share a row wherever the family allows it, and children sit as close under their
//! parents as that allows. Ranking works on *partner groups* (everyone joined by partnerships
//! ranked together). A partnership that would put someone on the same row as their own
//! ancestor cannot be kept on one row; such partnerships are left out of the grouping one at
//! a time, the one spanning most generations first, so every other couple still shares a
//! row. Then whole branches are moved up or down a row wherever that shortens more lines
//! between parents and children than it lengthens, so few children are drawn more than one
//! row below their parents.

use super::{Couple, Family, Tie};
use petgraph::algo::{tarjan_scc, toposort};
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::unionfind::UnionFind;
use petgraph::visit::EdgeRef;

/// The most people moved together in one step of shortening lines: larger branches are left
/// where they are, which keeps ranking near-linear on very large families.
const MOVE_LIMIT: usize = 400;

/// How many times every group is offered a move.
const PASSES: usize = 4;

impl Family {
    /// The generation of every person, 0 at the top, by file position.
    ///
    /// A child is always below its parents. Partners are put on one row wherever that does
    /// not put someone beside their own ancestor; someone who marries in sits beside their
    /// partner and never needs invented parents. People with no parents in the case are
    /// pulled down to sit just above their children.
    pub fn generations(&self, couples: &[Couple]) -> Vec<u32> {
        let n = self.len();
        let edges = self.parent_edges();
        let identity: Vec<usize> = (0..n).collect();
        let Ok(single) = rank_groups(n, &edges, &identity) else {
            return self.rank_by_depth();
        };
        let kept = couples_on_one_row(n, &edges, couples, &single);
        let groups = partner_groups(n, couples, &kept);
        let Ok(mut rank) = rank_groups(n, &edges, &groups) else {
            return single;
        };
        shorten_lines(n, &edges, &groups, &mut rank);
        let top = (0..n).map(|i| rank[groups[i]]).min().unwrap_or(0);
        (0..n).map(|i| rank[groups[i]] - top).collect()
    }

    /// Every (parent, child) pair of primary parentage.
    fn parent_edges(&self) -> Vec<(usize, usize)> {
        self.graph
            .edge_references()
            .filter(|e| matches!(e.weight(), Tie::Parent { .. }))
            .map(|e| (e.source().index(), e.target().index()))
            .collect()
    }

    /// Depth by parentage alone; only reached if parentage itself has a cycle, which
    /// `check` refuses.
    fn rank_by_depth(&self) -> Vec<u32> {
        let n = self.len();
        let edges = self.parent_edges();
        let mut rank = vec![0u32; n];
        for _ in 0..n.min(64) {
            let mut changed = false;
            for &(a, b) in &edges {
                if rank[b] < rank[a] + 1 && rank[a] < 64 {
                    rank[b] = rank[a] + 1;
                    changed = true;
                }
            }
            if !changed {
                break;
            }
        }
        rank
    }
}

/// The group of each person: the smallest person joined to them by kept partnerships, so
/// groups follow file order.
fn partner_groups(n: usize, couples: &[Couple], kept: &[bool]) -> Vec<usize> {
    let mut sets = UnionFind::<usize>::new(n);
    for (couple, _) in couples.iter().zip(kept).filter(|(_, k)| **k) {
        sets.union(couple.partners[0], couple.partners[1]);
    }
    let roots = sets.into_labeling();
    let mut smallest = vec![usize::MAX; n];
    for (person, &root) in roots.iter().enumerate() {
        smallest[root] = smallest[root].min(person);
    }
    roots.iter().map(|&root| smallest[root]).collect()
}

/// Which partnerships are kept on one row. While some group would be its own ancestor, the
/// partnership in it spanning most generations (by `single`, the ranks without partners) is
/// left out; then every partnership left out is tried again, shortest first, and kept if the
/// family still allows it: leaving out one at a time can leave out more than the family
/// needs (a partnership dropped early may fit once a later one is gone).
fn couples_on_one_row(
    n: usize,
    edges: &[(usize, usize)],
    couples: &[Couple],
    single: &[u32],
) -> Vec<bool> {
    let span = |k: usize| {
        let [a, b] = couples[k].partners;
        single[a].abs_diff(single[b])
    };
    let mut kept = vec![true; couples.len()];
    loop {
        let groups = partner_groups(n, couples, &kept);
        let Err(stuck) = rank_groups(n, edges, &groups) else {
            break;
        };
        let drop = (0..couples.len())
            .filter(|&k| kept[k] && stuck[groups[couples[k].partners[0]]])
            .max_by_key(|&k| (span(k), k));
        match drop {
            Some(k) => kept[k] = false,
            None => return vec![false; couples.len()],
        }
    }
    let mut left_out: Vec<usize> = (0..couples.len()).filter(|&k| !kept[k]).collect();
    left_out.sort_by_key(|&k| (span(k), k));
    for k in left_out {
        kept[k] = true;
        if rank_groups(n, edges, &partner_groups(n, couples, &kept)).is_err() {
            kept[k] = false;
        }
    }
    kept
}

/// Longest-path ranks of groups (indexed by group), or the groups caught in a cycle (a group
/// that would be its own ancestor).
fn rank_groups(
    n: usize,
    edges: &[(usize, usize)],
    groups: &[usize],
) -> Result<Vec<u32>, Vec<bool>> {
    let mut graph = DiGraph::<(), ()>::with_capacity(n, edges.len());
    for _ in 0..n {
        graph.add_node(());
    }
    for &(p, c) in edges {
        graph.add_edge(NodeIndex::new(groups[p]), NodeIndex::new(groups[c]), ());
    }
    let Ok(order) = toposort(&graph, None) else {
        // A group is on a cycle when it shares a strongly connected component with another
        // group or is its own parent (partners who are parent and child).
        let mut stuck = vec![false; n];
        for component in tarjan_scc(&graph) {
            let g = component[0];
            if component.len() > 1 || graph.contains_edge(g, g) {
                for g in component {
                    stuck[g.index()] = true;
                }
            }
        }
        return Err(stuck);
    };
    let mut rank = vec![0u32; n];
    for &g in &order {
        for h in graph.neighbors(g) {
            rank[h.index()] = rank[h.index()].max(rank[g.index()] + 1);
        }
    }
    // Groups with no parents sit just above their highest child group, so that an ancestor
    // couple is not left rows above the children it is joined to.
    for &g in order.iter().rev() {
        let is_top = graph
            .neighbors_directed(g, petgraph::Direction::Incoming)
            .next()
            .is_none();
        if is_top && let Some(lowest) = graph.neighbors(g).map(|h| rank[h.index()]).min() {
            rank[g.index()] = lowest.saturating_sub(1).max(rank[g.index()]);
        }
    }
    Ok(rank)
}

/// Moves branches a row down (or up) where that makes more parent-to-child lines one row
/// long than it makes longer. A branch is a group with everyone tightly below (or above)
/// it, so moving it never puts a child level with a parent.
fn shorten_lines(n: usize, edges: &[(usize, usize)], groups: &[usize], rank: &mut [u32]) {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut into: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(p, c) in edges {
        let (a, b) = (groups[p], groups[c]);
        if a != b {
            out[a].push(b);
            into[b].push(a);
        }
    }
    let mut mark = vec![0usize; n];
    let mut stamp = 0;
    for _ in 0..PASSES {
        let mut moved = false;
        for g in (0..n).filter(|&g| groups[g] == g) {
            for down in [true, false] {
                let (ahead, behind) = if down { (&out, &into) } else { (&into, &out) };
                let slack = |a: usize, b: usize, rank: &[u32]| rank[a].abs_diff(rank[b]) > 1;
                if !ahead[g].iter().any(|&h| slack(g, h, rank)) {
                    continue;
                }
                if !down && rank[g] == 0 {
                    continue;
                }
                stamp += 1;
                let Some(branch) = branch(g, ahead, rank, &mut mark, stamp) else {
                    continue;
                };
                if !down && branch.iter().any(|&x| rank[x] == 0) {
                    continue;
                }
                // Lines leaving the branch ahead get shorter; lines into it from behind get
                // longer.
                let shorter: usize = branch
                    .iter()
                    .map(|&x| ahead[x].iter().filter(|&&h| mark[h] != stamp).count())
                    .sum();
                let longer: usize = branch
                    .iter()
                    .map(|&x| behind[x].iter().filter(|&&h| mark[h] != stamp).count())
                    .sum();
                if shorter > longer {
                    for &x in &branch {
                        rank[x] = if down { rank[x] + 1 } else { rank[x] - 1 };
                    }
                    moved = true;
                }
            }
        }
        if !moved {
            break;
        }
    }
}

/// `g` and every group reached from it through lines exactly one row long, marked with
/// `stamp`; `None` when that is more than [`MOVE_LIMIT`] groups.
fn branch(
    g: usize,
    ahead: &[Vec<usize>],
    rank: &[u32],
    mark: &mut [usize],
    stamp: usize,
) -> Option<Vec<usize>> {
    let mut branch = vec![g];
    mark[g] = stamp;
    let mut i = 0;
    while i < branch.len() {
        let x = branch[i];
        i += 1;
        for &h in &ahead[x] {
            if mark[h] != stamp && rank[h].abs_diff(rank[x]) == 1 {
                mark[h] = stamp;
                branch.push(h);
                if branch.len() > MOVE_LIMIT {
                    return None;
                }
            }
        }
    }
    Some(branch)
}

#[cfg(test)]
mod tests {
    use super::super::tests::case;
    use super::*;

    fn ranks(people: &[&str], children: &[(&str, &[&str])], partners: &[(&str, &str)]) -> Vec<u32> {
        let c = case(people, children, partners);
        let family = Family::new(&c);
        family.generations(&family.couples(&c))
    }

    #[test]
    fn grandparents_come_down_a_row_so_a_daughter_beside_a_later_partner_is_not_two_rows_below() {
        // Yve partners Max, three generations down from his grandparents; her parents have
        // no parents in the case and her sister Sam has a son.
        let r = ranks(
            &[
                "gm", "gf", "pa", "pb", "max", "dad", "mum", "yve", "sam", "kid",
            ],
            &[
                ("pa", &["gm", "gf"]),
                ("max", &["pa", "pb"]),
                ("yve", &["dad", "mum"]),
                ("sam", &["dad", "mum"]),
                ("kid", &["sam"]),
            ],
            &[("gm", "gf"), ("pa", "pb"), ("dad", "mum"), ("yve", "max")],
        );
        let at = |i: usize| r[i];
        assert_eq!(at(7), at(4), "Yve beside Max");
        assert_eq!(at(5) + 1, at(7), "her father one row above her");
        assert_eq!(at(8), at(7), "her sister on her row");
        assert_eq!(at(9), at(8) + 1);
        assert_eq!(at(0), 0);
    }

    #[test]
    fn a_partner_who_is_also_a_descendant_leaves_every_other_couple_on_one_row() {
        // Bob partners Ann and, later, her daughter Kit: those two cannot share a row with
        // him. Pat and Quin, elsewhere in the family, still do.
        let r = ranks(
            &["ann", "bob", "kit", "t", "pat", "u", "r", "s", "quin", "v"],
            &[
                ("kit", &["ann", "v"]),
                ("pat", &["t"]),
                ("r", &["u"]),
                ("quin", &["r", "s"]),
            ],
            &[("ann", "bob"), ("bob", "kit"), ("r", "s"), ("pat", "quin")],
        );
        assert_eq!(r[4], r[8], "Pat and Quin share a row");
        assert_eq!(r[6], r[7], "Quin's parents share a row");
        assert!(r[2] > r[0], "Kit below her mother");
        assert!(
            r[1] == r[0] || r[1] == r[2],
            "Bob beside one of his partners"
        );
    }
}
