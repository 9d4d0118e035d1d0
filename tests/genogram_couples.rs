//! Partners drawn together, read from the drawing alone (the layout JSON): on every family
//! the geometry promises are checked on (golden cases, the examples, the GEDCOM fixtures and
//! published samples, generated families of the usual and of the hard shape), at least 95 %
//! of the couples the family allows on one row sit on one row, and at least 90 % of the
//! couples the family allows side by side sit side by side.
//!
//! What a family allows is worked out from the case file, not from the layout code:
//! - *On one row*: partners cannot share a row when that would put someone level with their
//!   own ancestor (a partner who is also a descendant, or a chain of partnerships that comes
//!   back to a descendant). The fewest partnerships to leave off a row so that no one is
//!   level with an ancestor are found by trying every set of up to [`SEARCH`] partnerships.
//! - *Side by side*: on a line, a person has two neighbours, so someone with more than two
//!   partners can sit beside only two of them, and partners joined in a ring cannot all sit
//!   beside each other: each group of people joined by partnerships allows at most
//!   `min(partnerships - partners beyond two, people - 1)` couples side by side.

mod genogram_checks;
mod support;

use genochron::layout::genogram::generate::Mix;
use genochron::layout::genogram::genogram;
use genochron::model::Case;
use genogram_checks::families::{self, Family};
use genogram_checks::geometry::Layout;
use std::collections::{BTreeMap, BTreeSet};

/// The most partnerships tried together when finding how many must leave a row.
const SEARCH: usize = 3;

/// Couples as drawn: how many, how many on one row, how many side by side.
#[derive(Debug, Default)]
struct Drawn {
    couples: usize,
    on_one_row: usize,
    adjacent: usize,
}

/// Reads the couples off the layout: each partnership line names its two partners; they
/// share a row when their symbols' centres are level, and sit side by side when no one
/// else's symbol on that row lies between them.
fn drawn_couples(json: &str) -> Drawn {
    let layout = Layout::parse(json);
    let centre: BTreeMap<&str, (f64, f64)> = layout
        .items
        .iter()
        .filter(|i| i.kind == "person" && !i.people.is_empty())
        .map(|i| {
            let b = i.bbox;
            (i.people[0].as_str(), (b.x + b.w / 2.0, b.y + b.h / 2.0))
        })
        .collect();
    let mut drawn = Drawn::default();
    for item in layout
        .items
        .iter()
        .filter(|i| i.kind == "partnership" && !i.classes.iter().any(|c| c == "other-parent"))
    {
        let (Some(&a), Some(&b)) = (
            item.people.first().and_then(|p| centre.get(p.as_str())),
            item.people.get(1).and_then(|p| centre.get(p.as_str())),
        ) else {
            continue;
        };
        drawn.couples += 1;
        if (a.1 - b.1).abs() > 0.5 {
            continue;
        }
        drawn.on_one_row += 1;
        let (lo, hi) = (a.0.min(b.0), a.0.max(b.0));
        let between = centre
            .values()
            .any(|c| (c.1 - a.1).abs() <= 0.5 && c.0 > lo + 0.5 && c.0 < hi - 0.5);
        if !between {
            drawn.adjacent += 1;
        }
    }
    drawn
}

/// The case's people by index, its primary parent edges and its couples (recorded
/// partnerships, and two parents named together), as index pairs.
struct Ties {
    people: usize,
    parent_edges: Vec<(usize, usize)>,
    couples: Vec<(usize, usize)>,
}

fn ties(case: &Case) -> Ties {
    let index: BTreeMap<&str, usize> = case
        .people
        .iter()
        .enumerate()
        .map(|(i, p)| (p.id.0.as_str(), i))
        .collect();
    let at = |id: &genochron::model::PersonId| index.get(id.0.as_str()).copied();
    let mut parent_edges = Vec::new();
    let mut couples = BTreeSet::new();
    for parentage in case.parentage.iter().filter(|p| p.primary) {
        let Some(child) = at(&parentage.child) else {
            continue;
        };
        let parents: Vec<usize> = parentage.parents.iter().filter_map(at).collect();
        parent_edges.extend(parents.iter().map(|&p| (p, child)));
        if let [a, b] = parents[..]
            && a != b
        {
            couples.insert((a.min(b), a.max(b)));
        }
    }
    for partnership in &case.partnerships {
        if let (Some(a), Some(b)) = (at(&partnership.partners[0]), at(&partnership.partners[1]))
            && a != b
        {
            couples.insert((a.min(b), a.max(b)));
        }
    }
    Ties {
        people: case.people.len(),
        parent_edges,
        couples: couples.into_iter().collect(),
    }
}

fn find(group: &mut [usize], x: usize) -> usize {
    let mut r = x;
    while group[r] != r {
        r = group[r];
    }
    let mut y = x;
    while group[y] != r {
        let next = group[y];
        group[y] = r;
        y = next;
    }
    r
}

/// The groups of people joined by the kept couples, and the parent edges between groups.
fn grouped(ties: &Ties, kept: &[bool]) -> (Vec<usize>, Vec<(usize, usize)>) {
    let n = ties.people;
    let mut group: Vec<usize> = (0..n).collect();
    for (&(a, b), _) in ties.couples.iter().zip(kept).filter(|(_, k)| **k) {
        let (ra, rb) = (find(&mut group, a), find(&mut group, b));
        group[ra] = rb;
    }
    let group: Vec<usize> = (0..n).map(|i| find(&mut group, i)).collect();
    let edges = ties
        .parent_edges
        .iter()
        .map(|&(p, c)| (group[p], group[c]))
        .collect();
    (group, edges)
}

/// Groups left over by Kahn's order over `edges` (a group its own parent included).
fn left_over(n: usize, group: &[usize], edges: &[(usize, usize)]) -> Vec<bool> {
    let mut out: Vec<Vec<usize>> = vec![Vec::new(); n];
    let mut indegree = vec![0usize; n];
    let mut stuck = vec![false; n];
    for &(a, b) in edges {
        if a == b {
            stuck[a] = true;
        } else {
            out[a].push(b);
            indegree[b] += 1;
        }
    }
    let mut ready: Vec<usize> = (0..n)
        .filter(|&g| group[g] == g && indegree[g] == 0 && !stuck[g])
        .collect();
    let mut reached = vec![false; n];
    while let Some(g) = ready.pop() {
        reached[g] = true;
        for &h in &out[g] {
            indegree[h] -= 1;
            if indegree[h] == 0 && !stuck[h] {
                ready.push(h);
            }
        }
    }
    (0..n).map(|g| group[g] == g && !reached[g]).collect()
}

/// True when the kept couples can all share a row: joining each couple's partners into one
/// group leaves no group its own ancestor.
fn rows_allow(ties: &Ties, kept: &[bool]) -> bool {
    let (group, edges) = grouped(ties, kept);
    !left_over(ties.people, &group, &edges).contains(&true)
}

/// The fewest couples that must leave a row, trying every set of up to [`SEARCH`] couples
/// among those in groups caught in a loop (from above and from below: only they can close
/// one); `None` when more are needed than that.
fn fewest_off_row(ties: &Ties) -> Option<usize> {
    let mut kept = vec![true; ties.couples.len()];
    let (group, edges) = grouped(ties, &kept);
    let down = left_over(ties.people, &group, &edges);
    let reversed: Vec<(usize, usize)> = edges.iter().map(|&(a, b)| (b, a)).collect();
    let up = left_over(ties.people, &group, &reversed);
    let candidates: Vec<usize> = (0..ties.couples.len())
        .filter(|&k| {
            let g = group[ties.couples[k].0];
            down[g] && up[g]
        })
        .collect();
    if candidates.is_empty() {
        return Some(0);
    }
    fn search(
        ties: &Ties,
        kept: &mut [bool],
        candidates: &[usize],
        from: usize,
        left: usize,
    ) -> bool {
        if left == 0 {
            return rows_allow(ties, kept);
        }
        for i in from..candidates.len() {
            let k = candidates[i];
            kept[k] = false;
            if search(ties, kept, candidates, i + 1, left - 1) {
                return true;
            }
            kept[k] = true;
        }
        false
    }
    (1..=SEARCH).find(|&size| search(ties, &mut kept, &candidates, 0, size))
}

/// The most couples a line of people can hold side by side (see the module note), over the
/// couples that may share a row.
fn most_side_by_side(ties: &Ties) -> usize {
    let n = ties.people;
    let mut group: Vec<usize> = (0..n).collect();
    let mut degree = vec![0usize; n];
    for &(a, b) in &ties.couples {
        degree[a] += 1;
        degree[b] += 1;
        let (ra, rb) = (find(&mut group, a), find(&mut group, b));
        group[ra] = rb;
    }
    // Per group: (couples, partners beyond two, people).
    let mut per: BTreeMap<usize, (usize, usize, usize)> = BTreeMap::new();
    for &(a, _) in &ties.couples {
        per.entry(find(&mut group, a)).or_default().0 += 1;
    }
    for i in (0..n).filter(|&i| degree[i] > 0) {
        let e = per.entry(find(&mut group, i)).or_default();
        e.1 += degree[i].saturating_sub(2);
        e.2 += 1;
    }
    per.values()
        .map(|&(couples, beyond, people)| couples.saturating_sub(beyond).min(people - 1))
        .sum()
}

struct Measured {
    name: String,
    drawn: Drawn,
    row_allowed: usize,
    side_allowed: usize,
}

fn measure(f: &Family) -> Measured {
    let drawn = drawn_couples(&genogram(&f.case, &f.options).to_json());
    let t = ties(&f.case);
    let off_row = fewest_off_row(&t).unwrap_or(SEARCH + 1);
    let row_allowed = t.couples.len().saturating_sub(off_row).min(drawn.couples);
    Measured {
        name: f.name.clone(),
        row_allowed,
        side_allowed: most_side_by_side(&t).min(row_allowed),
        drawn,
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        100.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// Draws every family and fails naming each one below the thresholds.
fn assert_together(families: Vec<Family>) {
    let mut failures = Vec::new();
    for f in &families {
        let m = measure(f);
        let (row, side) = (
            percent(m.drawn.on_one_row, m.row_allowed),
            percent(m.drawn.adjacent, m.side_allowed),
        );
        println!(
            "{}: {} couples, {} on one row ({row:.1} % of {} allowed), {} side by side ({side:.1} % of {} allowed)",
            m.name,
            m.drawn.couples,
            m.drawn.on_one_row,
            m.row_allowed,
            m.drawn.adjacent,
            m.side_allowed
        );
        if row < 95.0 || side < 90.0 {
            failures.push(format!(
                "{}: {row:.1} % of couples on one row, {side:.1} % side by side",
                m.name
            ));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn golden_cases_keep_partners_together() {
    assert_together(families::golden());
}

#[test]
fn the_examples_keep_partners_together() {
    assert_together(families::examples());
}

#[test]
fn gedcom_families_keep_partners_together() {
    assert_together(families::gedcom());
}

#[test]
fn generated_families_keep_partners_together() {
    assert_together(families::generated(Mix::REALISTIC, "generated", 12, 300));
}

#[test]
fn generated_hard_families_keep_partners_together() {
    assert_together(families::generated(Mix::HARD, "generated hard", 8, 600));
}
