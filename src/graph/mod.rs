//! The family as a graph (petgraph): who is whose child and partner, generations, blood ties.
//!
//! People are numbered by their position in the case file; that number is the only handle
//! this module gives out. petgraph's `NodeIndex` stays inside: callers never see it, so the
//! graph representation can change without touching the layout.

use crate::model::{Case, ChildLink, Parentage, PersonId};
use petgraph::Direction;
use petgraph::graph::{DiGraph, NodeIndex};
use petgraph::visit::EdgeRef;
use std::collections::{BTreeMap, BTreeSet};

mod rank;

/// What joins two people.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tie {
    /// From a parent to a child, through the child's primary parentage (the one it is drawn
    /// under). `blood` when the link is biological.
    Parent { blood: bool },
    /// From the first partner to the second, for the partnership at this position.
    Partner { partnership: usize },
}

/// How far back blood relatives are looked for: six generations finds fifth cousins, more
/// than any case file records, and keeps the search bounded on very large families.
const ANCESTOR_DEPTH: usize = 6;

/// The family of one case as a graph.
pub struct Family {
    graph: DiGraph<usize, Tie>,
    /// Birth-order key of each person: birth date (unknown last), then file order.
    birth_keys: Vec<(chrono::NaiveDate, usize)>,
    index: BTreeMap<PersonId, usize>,
}

/// A partnership as the layout sees it: two people, and where it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Couple {
    pub partners: [usize; 2],
    /// The position of the partnership in the case, or `None` for two parents the case names
    /// together without recording a partnership between them.
    pub partnership: Option<usize>,
}

impl Family {
    pub fn new(case: &Case) -> Family {
        let mut graph = DiGraph::with_capacity(case.people.len(), case.people.len() * 2);
        let mut index = BTreeMap::new();
        for (i, person) in case.people.iter().enumerate() {
            graph.add_node(i);
            index.entry(person.id.clone()).or_insert(i);
        }
        let node = |i: usize| NodeIndex::new(i);
        for parentage in case.parentage.iter().filter(|p| p.primary) {
            let Some(&child) = index.get(&parentage.child) else {
                continue;
            };
            for parent in &parentage.parents {
                if let Some(&p) = index.get(parent)
                    && p != child
                {
                    let blood = parentage.link == ChildLink::Biological;
                    graph.add_edge(node(p), node(child), Tie::Parent { blood });
                }
            }
        }
        for (k, partnership) in case.partnerships.iter().enumerate() {
            let [a, b] = &partnership.partners;
            if let (Some(&a), Some(&b)) = (index.get(a), index.get(b))
                && a != b
            {
                graph.add_edge(node(a), node(b), Tie::Partner { partnership: k });
            }
        }
        let birth_keys = case
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let date = p
                    .born
                    .map(|d| d.sort_key())
                    .unwrap_or(chrono::NaiveDate::MAX);
                (date, i)
            })
            .collect();
        Family {
            graph,
            birth_keys,
            index,
        }
    }

    /// How many people.
    pub fn len(&self) -> usize {
        self.graph.node_count()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The position of a person in the case file.
    pub fn position(&self, id: &PersonId) -> Option<usize> {
        self.index.get(id).copied()
    }

    /// A parentage's child and the parents it names, by position, leaving out anyone the
    /// family does not hold; `None` when the child is not in it.
    pub fn child_and_parents(&self, parentage: &Parentage) -> Option<(usize, Vec<usize>)> {
        let child = self.position(&parentage.child)?;
        let parents = parentage
            .parents
            .iter()
            .filter_map(|parent| self.position(parent))
            .collect();
        Some((child, parents))
    }

    /// The sort key for birth order: birth date, unknown dates last, then file order.
    pub fn birth_key(&self, person: usize) -> (chrono::NaiveDate, usize) {
        self.birth_keys[person]
    }

    /// The parents a person is drawn under, in file order.
    pub fn parents(&self, person: usize) -> Vec<usize> {
        let mut parents = self.parent_ties(person, Direction::Incoming);
        parents.sort_unstable();
        parents.dedup();
        parents
    }

    /// The children drawn under a person, oldest first (file order when birth dates are
    /// not known).
    pub fn children(&self, person: usize) -> Vec<usize> {
        let mut children = self.parent_ties(person, Direction::Outgoing);
        children.sort_unstable_by_key(|&c| self.birth_keys[c]);
        children.dedup();
        children
    }

    /// The people at the other end of a person's parent ties: their parents (incoming) or
    /// their children (outgoing), in the graph's order.
    fn parent_ties(&self, person: usize, direction: Direction) -> Vec<usize> {
        self.graph
            .edges_directed(NodeIndex::new(person), direction)
            .filter(|e| matches!(e.weight(), Tie::Parent { .. }))
            .map(|e| match direction {
                Direction::Incoming => e.source().index(),
                Direction::Outgoing => e.target().index(),
            })
            .collect()
    }

    /// A person's partnerships as (partnership position, partner), in file order.
    pub fn partners(&self, person: usize) -> Vec<(usize, usize)> {
        let n = NodeIndex::new(person);
        let mut partners: Vec<(usize, usize)> = self
            .graph
            .edges_directed(n, Direction::Outgoing)
            .chain(self.graph.edges_directed(n, Direction::Incoming))
            .filter_map(|e| match e.weight() {
                Tie::Partner { partnership } => {
                    let other = if e.source() == n {
                        e.target()
                    } else {
                        e.source()
                    };
                    Some((*partnership, other.index()))
                }
                Tie::Parent { .. } => None,
            })
            .collect();
        partners.sort_unstable();
        partners
    }

    /// Every couple: each recorded partnership, then each pair of parents the case names
    /// together without a partnership, in the order their first child appears.
    pub fn couples(&self, case: &Case) -> Vec<Couple> {
        let mut couples = Vec::new();
        let mut seen = BTreeSet::new();
        for (k, partnership) in case.partnerships.iter().enumerate() {
            let [a, b] = &partnership.partners;
            if let (Some(&a), Some(&b)) = (self.index.get(a), self.index.get(b))
                && a != b
            {
                seen.insert((a.min(b), a.max(b)));
                couples.push(Couple {
                    partners: [a, b],
                    partnership: Some(k),
                });
            }
        }
        for child in 0..self.len() {
            if let [a, b] = self.parents(child)[..]
                && seen.insert((a, b))
            {
                couples.push(Couple {
                    partners: [a, b],
                    partnership: None,
                });
            }
        }
        couples
    }

    /// True when two people share an ancestor through biological parentage (or one is the
    /// other's ancestor): partners who are blood relatives are drawn with a double line.
    pub fn blood_relatives(&self, a: usize, b: usize) -> bool {
        let ours = self.ancestors(a);
        if ours.contains(&b) {
            return true;
        }
        let theirs = self.ancestors(b);
        theirs.contains(&a) || ours.intersection(&theirs).next().is_some()
    }

    /// Blood ancestors of a person, up to [`ANCESTOR_DEPTH`] generations.
    fn ancestors(&self, person: usize) -> BTreeSet<usize> {
        let mut found = BTreeSet::new();
        let mut frontier = vec![person];
        for _ in 0..ANCESTOR_DEPTH {
            let mut next = Vec::new();
            for p in frontier {
                for e in self
                    .graph
                    .edges_directed(NodeIndex::new(p), Direction::Incoming)
                {
                    if let Tie::Parent { blood: true } = e.weight() {
                        let parent = e.source().index();
                        if found.insert(parent) {
                            next.push(parent);
                        }
                    }
                }
            }
            if next.is_empty() {
                break;
            }
            frontier = next;
        }
        found
    }
}

#[cfg(test)]
pub(super) mod tests {
    use super::*;
    use crate::model::{Gender, Parentage, Partnership, People, Person, Span};

    fn person(id: &str) -> Person {
        Person::new(id, id, Gender::Unknown)
    }

    pub(super) fn case(
        people: &[&str],
        children: &[(&str, &[&str])],
        partners: &[(&str, &str)],
    ) -> Case {
        Case {
            people: People::new(people.iter().map(|p| person(p)).collect()),
            parentage: children
                .iter()
                .map(|(child, parents)| Parentage {
                    child: PersonId((*child).into()),
                    parents: parents.iter().map(|p| PersonId((*p).into())).collect(),
                    link: ChildLink::Biological,
                    primary: true,
                    span: Span::ALWAYS,
                })
                .collect(),
            partnerships: partners
                .iter()
                .map(|(a, b)| Partnership {
                    id: format!("{a}--{b}"),
                    partners: [PersonId((*a).into()), PersonId((*b).into())],
                    states: Vec::new(),
                })
                .collect(),
            ..Case::default()
        }
    }

    #[test]
    fn someone_who_marries_in_shares_their_partners_generation() {
        let c = case(
            &["gm", "gf", "mum", "dad", "kid"],
            &[("mum", &["gm", "gf"]), ("kid", &["mum", "dad"])],
            &[("gm", "gf"), ("mum", "dad")],
        );
        let family = Family::new(&c);
        let ranks = family.generations(&family.couples(&c));
        assert_eq!(ranks, vec![0, 0, 1, 1, 2]);
    }

    #[test]
    fn cousins_are_blood_relatives_and_spouses_are_not() {
        let c = case(
            &["g", "a", "b", "x", "y", "c1", "c2"],
            &[
                ("a", &["g"]),
                ("b", &["g"]),
                ("c1", &["a", "x"]),
                ("c2", &["b", "y"]),
            ],
            &[("a", "x"), ("b", "y"), ("c1", "c2")],
        );
        let family = Family::new(&c);
        let p = |id: &str| family.position(&PersonId(id.into())).unwrap();
        assert!(family.blood_relatives(p("c1"), p("c2")));
        assert!(!family.blood_relatives(p("a"), p("x")));
        assert!(family.blood_relatives(p("g"), p("c1")));
    }

    #[test]
    fn parents_named_together_without_a_partnership_are_still_a_couple() {
        let c = case(&["m", "f", "k"], &[("k", &["m", "f"])], &[]);
        let family = Family::new(&c);
        let couples = family.couples(&c);
        assert_eq!(couples.len(), 1);
        assert_eq!(couples[0].partnership, None);
    }

    #[test]
    fn children_come_oldest_first_then_in_file_order() {
        let mut c = case(&["m", "b", "a"], &[("b", &["m"]), ("a", &["m"])], &[]);
        let mut people = c.people.clone().into_vec();
        people[2].born = crate::model::PartialDate::year(2000);
        c.people = People::new(people);
        let family = Family::new(&c);
        // "a" has a birth date, "b" has none: the known date comes first.
        assert_eq!(family.children(0), vec![2, 1]);
    }
}
