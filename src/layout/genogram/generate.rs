//! Seeded, realistic generated families for benchmarks and property tests: several
//! generations, remarriages with half-siblings, twins, adoptions, single parents and cousins
//! who partner. The same seed always gives the same family.

use crate::model::{
    Case, CaseDetails, ChildLink, Gender, MultipleBirth, Parentage, PartialDate, Partnership,
    PartnershipState, PartnershipStatus, People, Person, PersonId, Span, Zygosity,
};
use chrono::NaiveDate;

/// A small, fast, seeded random source (SplitMix64); no outside crate, same numbers on every
/// machine.
pub struct Random(u64);

impl Random {
    pub fn new(seed: u64) -> Random {
        Random(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n`.
    pub fn below(&mut self, n: u64) -> u64 {
        if n == 0 { 0 } else { self.next_u64() % n }
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64 * 1.0 < p
    }
}

const FIRST_MALE: [&str; 12] = [
    "James", "Kwabena", "Tom", "Ravi", "Liam", "Daniel", "Owen", "Marek", "Samuel", "Hassan",
    "Peter", "Callum",
];
const FIRST_FEMALE: [&str; 12] = [
    "Amy", "Sarah", "Joan", "Priya", "Grace", "Ellen", "Fatima", "Zofia", "Chloe", "Ruth", "Megan",
    "Aisha",
];
const SURNAMES: [&str; 12] = [
    "Mensah", "Smith", "Patel", "Kowalski", "Jones", "Okafor", "Murphy", "Khan", "Evans", "Brown",
    "Taylor", "Wright",
];

/// A family as it is generated, and what generating it still has to do.
struct Builder {
    people: Vec<Person>,
    partnerships: Vec<Partnership>,
    parentage: Vec<Parentage>,
    births: Vec<MultipleBirth>,
    /// Each child's first parent, so siblings are never picked to partner each other.
    first_parent: Vec<Option<usize>>,
    random: Random,
    mix: Mix,
    /// How many people the family is to have.
    size: usize,
    /// Parents waiting to have children, first come first served.
    queue: std::collections::VecDeque<Waiting>,
    /// Unpartnered adults by birth year and family tree, for cousins who partner.
    single_pool: Vec<(usize, i32, usize)>,
    /// How many family trees (founder couples) there are.
    trees: usize,
}

/// A parent (with the other parent, if any) waiting to have children.
#[derive(Clone, Copy)]
struct Waiting {
    parent: usize,
    other: Option<usize>,
    /// The year the parent was born, about.
    born: i32,
    /// The family tree they belong to.
    tree: usize,
}

impl Builder {
    fn person(&mut self, gender: Gender, surname: &str, born: i32) -> usize {
        let i = self.people.len();
        self.first_parent.push(None);
        let first = match gender {
            Gender::Male => FIRST_MALE[self.random.below(12) as usize],
            _ => FIRST_FEMALE[self.random.below(12) as usize],
        };
        let month = 1 + self.random.below(12) as u32;
        let day = 1 + self.random.below(28) as u32;
        let born =
            NaiveDate::from_ymd_opt(born.clamp(1000, 2990), month, day).map(PartialDate::day);
        self.people.push(Person {
            born,
            ..Person::new(format!("p{i}"), format!("{first} {surname}"), gender)
        });
        i
    }

    fn partnership(&mut self, a: usize, b: usize, year: i32, ended: bool) {
        let mut states = vec![PartnershipState {
            status: PartnershipStatus::Married,
            from: PartialDate::year(year.clamp(1000, 2990)),
        }];
        if ended {
            states.push(PartnershipState {
                status: PartnershipStatus::Divorced,
                from: PartialDate::year((year + 8).clamp(1000, 2990)),
            });
        }
        self.partnerships.push(Partnership {
            id: format!("p{a}--p{b}"),
            partners: [self.people[a].id.clone(), self.people[b].id.clone()],
            states,
        });
    }
}

/// How often the things that make families hard happen.
#[derive(Debug, Clone, Copy)]
pub struct Mix {
    /// Chance that someone who partners does so with an unpartnered relative of their age.
    pub cousins: f64,
    /// Chance that someone partners a second time, with half-siblings from each partnership.
    pub remarriage: f64,
    /// One founder couple per this many people: fewer founders make deeper families.
    pub people_per_founder: usize,
}

impl Mix {
    /// Rates seen in real case files: some remarriage, now and then cousins.
    pub const REALISTIC: Mix = Mix {
        cousins: 0.04,
        remarriage: 0.14,
        people_per_founder: 500,
    };
    /// A plain tree: everyone partners once, with someone from outside the family.
    pub const TREE: Mix = Mix {
        cousins: 0.0,
        remarriage: 0.0,
        people_per_founder: 500,
    };
    /// The shape of large published family trees, harder than case files: about eight
    /// generations, four to five partnerships for every ten people, about one person in eight with
    /// more than one partner, cousins who partner across the family, twins and adoptions.
    pub const HARD: Mix = Mix {
        cousins: 0.015,
        remarriage: 0.3,
        people_per_founder: 1400,
    };
}

/// What makes a generated family hard to draw, counted: for benchmarks and their records.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shape {
    pub people: usize,
    pub generations: usize,
    pub partnerships: usize,
    /// People with more than one partner.
    pub several_partners: usize,
    /// Partnerships between two people who share an ancestor.
    pub cousin_unions: usize,
    pub twin_births: usize,
    pub adopted: usize,
}

/// Counts the shape of a family (generated or not).
pub fn shape(case: &Case) -> Shape {
    let family = crate::graph::Family::new(case);
    let mut depth: Vec<Option<usize>> = vec![None; family.len()];
    fn depth_of(f: &crate::graph::Family, p: usize, memo: &mut Vec<Option<usize>>) -> usize {
        if let Some(d) = memo[p] {
            return d;
        }
        // Generated families have no cycles; the guard keeps a bad file from recursing.
        memo[p] = Some(0);
        let d = f
            .parents(p)
            .into_iter()
            .map(|q| depth_of(f, q, memo) + 1)
            .max()
            .unwrap_or(0);
        memo[p] = Some(d);
        d
    }
    let generations = (0..family.len())
        .map(|p| depth_of(&family, p, &mut depth) + 1)
        .max()
        .unwrap_or(0);
    let mut partners: std::collections::BTreeMap<&PersonId, usize> = Default::default();
    for p in &case.partnerships {
        for q in &p.partners {
            *partners.entry(q).or_default() += 1;
        }
    }
    let cousin_unions = case
        .partnerships
        .iter()
        .filter(|p| {
            match (
                family.position(&p.partners[0]),
                family.position(&p.partners[1]),
            ) {
                (Some(a), Some(b)) => family.blood_relatives(a, b),
                _ => false,
            }
        })
        .count();
    Shape {
        people: case.people.len(),
        generations,
        partnerships: case.partnerships.len(),
        several_partners: partners.values().filter(|&&n| n > 1).count(),
        cousin_unions,
        twin_births: case.multiple_births.len(),
        adopted: case
            .parentage
            .iter()
            .filter(|p| p.link == ChildLink::Adopted)
            .count(),
    }
}

/// A family of about `size` people (never fewer), from a seed.
pub fn family(size: usize, seed: u64) -> Case {
    family_with(size, seed, Mix::REALISTIC)
}

/// A family with a chosen mix of remarriages and cousins.
pub fn family_with(size: usize, seed: u64, mix: Mix) -> Case {
    let mut b = Builder {
        people: Vec::with_capacity(size + 16),
        partnerships: Vec::new(),
        parentage: Vec::new(),
        births: Vec::new(),
        first_parent: Vec::new(),
        random: Random::new(seed),
        mix,
        size,
        queue: std::collections::VecDeque::new(),
        single_pool: Vec::new(),
        trees: 0,
    };
    let founders = (size / mix.people_per_founder.max(1)).max(1);
    for f in 0..founders {
        b.found([SURNAMES[f % SURNAMES.len()], SURNAMES[(f + 5) % 12]], 2);
    }
    while b.people.len() < size {
        match b.queue.pop_front() {
            Some(parents) => b.have_children(parents),
            // Every line ended childless: start another founder couple.
            None => b.found(["Evans", "Wright"], 0),
        }
    }
    b.into_case(seed)
}

impl Builder {
    /// A founder couple, starting a family tree of their own: the woman born `younger`
    /// years after the man, married at 24.
    fn found(&mut self, surnames: [&str; 2], younger: i32) {
        let year = 1700 + self.random.below(20) as i32;
        let man = self.person(Gender::Male, surnames[0], year);
        let woman = self.person(Gender::Female, surnames[1], year + younger);
        self.partnership(man, woman, year + 24, false);
        self.queue.push_back(Waiting {
            parent: man,
            other: Some(woman),
            born: year,
            tree: self.trees,
        });
        self.trees += 1;
    }

    /// Up to five children (twins now and then), a year or more apart, born to parents in
    /// their twenties or later.
    fn have_children(&mut self, parents: Waiting) {
        let count = [0, 1, 2, 2, 2, 3, 3, 4, 5][self.random.below(9) as usize];
        let surname = self.people[parents.parent]
            .name
            .split(' ')
            .nth(1)
            .unwrap_or("Smith")
            .to_string();
        let mut child_year = parents.born + 22 + self.random.below(8) as i32;
        let mut k = 0;
        while k < count && self.people.len() < self.size {
            self.birth(parents, &surname, child_year);
            child_year += 1 + self.random.below(4) as i32;
            k += 1;
        }
    }

    /// One birth: a child, or twins who share a birthday.
    fn birth(&mut self, parents: Waiting, surname: &str, year: i32) {
        let twins = self.random.chance(0.03);
        let n = if twins { 2 } else { 1 };
        let mut born_together: Vec<usize> = Vec::new();
        for _ in 0..n {
            let gender = if self.random.chance(0.5) {
                Gender::Male
            } else {
                Gender::Female
            };
            let c = self.person(gender, surname, year);
            if twins && let Some(&first) = born_together.first() {
                self.people[c].born = self.people[first].born;
            }
            born_together.push(c);
            self.child_of(c, parents);
            self.grow_up(c, gender, year, parents.tree);
        }
        if twins && born_together.len() == 2 {
            let children = born_together
                .iter()
                .map(|&c| self.people[c].id.clone())
                .collect();
            self.births.push(MultipleBirth {
                children,
                zygosity: [Zygosity::Identical, Zygosity::Fraternal, Zygosity::Unknown]
                    [self.random.below(3) as usize],
            });
        }
    }

    /// Records `c` as the child of the waiting parents (now and then adopted).
    fn child_of(&mut self, c: usize, parents: Waiting) {
        let link = if self.random.chance(0.02) {
            ChildLink::Adopted
        } else {
            ChildLink::Biological
        };
        let mut ids = vec![self.people[parents.parent].id.clone()];
        if let Some(q) = parents.other {
            ids.push(self.people[q].id.clone());
        }
        self.first_parent[c] = Some(parents.parent);
        self.parentage.push(Parentage {
            child: self.people[c].id.clone(),
            parents: ids,
            link,
            primary: true,
            span: Span::ALWAYS,
        });
    }

    /// What a grown-up child does: mostly partner, some become single parents, the rest
    /// stay single (and may partner a cousin later).
    fn grow_up(&mut self, c: usize, gender: Gender, year: i32, tree: usize) {
        if self.random.chance(0.72) {
            self.partner(c, gender, year, tree);
        } else if self.random.chance(0.25) {
            self.queue.push_back(Waiting {
                parent: c,
                other: None,
                born: year,
                tree,
            });
        } else {
            self.single_pool.push((c, year, tree));
        }
    }

    /// Grown-up children partner: mostly someone from outside the family, now and then a
    /// cousin; some partner twice, with half-siblings from each partnership.
    fn partner(&mut self, c: usize, gender: Gender, year: i32, tree: usize) {
        let opposite = if gender == Gender::Male {
            Gender::Female
        } else {
            Gender::Male
        };
        let spouse_gender = if self.random.chance(0.93) {
            opposite
        } else {
            gender
        };
        let spouse = match self.cousin_for(c, year, tree) {
            Some(i) => self.single_pool.swap_remove(i).0,
            None => {
                let surname = SURNAMES[self.random.below(12) as usize];
                let born = year + self.random.below(5) as i32 - 2;
                self.person(spouse_gender, surname, born)
            }
        };
        let second = self.random.chance(self.mix.remarriage);
        let couple = |other: usize| {
            if gender == Gender::Male {
                (c, other)
            } else {
                (other, c)
            }
        };
        let (husband, wife) = couple(spouse);
        self.partnership(husband, wife, year + 25, second);
        self.queue.push_back(Waiting {
            parent: c,
            other: Some(spouse),
            born: year,
            tree,
        });
        if second {
            let surname = SURNAMES[self.random.below(12) as usize];
            let other = self.person(spouse_gender, surname, year + 3);
            let (h, w) = couple(other);
            self.partnership(h, w, year + 34, false);
            self.queue.push_back(Waiting {
                parent: c,
                other: Some(other),
                born: year + 9,
                tree,
            });
        }
    }

    /// Now and then (by the mix), an unpartnered relative of `c`'s age in the same tree who
    /// is not `c`'s sibling: their place in the pool.
    fn cousin_for(&mut self, c: usize, year: i32, tree: usize) -> Option<usize> {
        if !self.random.chance(self.mix.cousins) {
            return None;
        }
        self.single_pool.iter().position(|&(s, y, t)| {
            t == tree
                && (y - year).abs() < 10
                && s != c
                && self.first_parent.get(s) != self.first_parent.get(c)
        })
    }

    /// The case: everyone born more than 95 years before the drawing date has died, and the
    /// last person born is the subject.
    fn into_case(mut self, seed: u64) -> Case {
        let size = self.size;
        for p in &mut self.people {
            if p.born.is_some_and(|d| d.year_number() < 1930) {
                p.deceased = true;
            }
        }
        let subjects = self
            .people
            .last()
            .map(|p| vec![p.id.clone()])
            .unwrap_or_default();
        Case {
            details: CaseDetails {
                reference: format!("GEN/{size}/{seed}"),
                title: format!("Generated family of {size}"),
                subjects,
                as_at: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap_or_default(),
                author: None,
                prepared: None,
                hearing: None,
                source_hash: format!("{seed:08x}"),
                source_name: String::new(),
                withheld_spans: Vec::new(),
                statement: None,
                cut: None,
            },
            people: People::new(self.people),
            partnerships: self.partnerships,
            parentage: self.parentage,
            multiple_births: self.births,
            ..Case::default()
        }
    }
}

/// The case as a case file (YAML), so a benchmark can time the whole command: read, check,
/// lay out and draw. Covers what [`family`] produces.
pub fn to_yaml(case: &Case) -> String {
    use std::fmt::Write;
    let mut out = String::with_capacity(case.people.len() * 96);
    let d = &case.details;
    let subjects: Vec<&str> = d.subjects.iter().map(|s| s.as_str()).collect();
    let _ = writeln!(
        out,
        "case:\n  reference: {}\n  title: {}\n  children: [{}]\n  as-at: {}\npeople:",
        d.reference,
        d.title,
        subjects.join(", "),
        d.as_at.format("%Y-%m-%d")
    );
    let parents: std::collections::BTreeMap<&PersonId, &Parentage> = case
        .parentage
        .iter()
        .filter(|p| p.primary)
        .map(|p| (&p.child, p))
        .collect();
    for p in case.people.iter() {
        write_person(&mut out, p, parents.get(&p.id).copied());
    }
    if !case.partnerships.is_empty() {
        out.push_str("partnerships:\n");
        for p in &case.partnerships {
            write_partnership(&mut out, p);
        }
    }
    if !case.multiple_births.is_empty() {
        out.push_str("twins:\n");
        for b in &case.multiple_births {
            let z = match b.zygosity {
                Zygosity::Identical => "identical",
                Zygosity::Fraternal => "fraternal",
                Zygosity::Unknown => "unknown",
            };
            let ids: Vec<&str> = b.children.iter().map(|c| c.as_str()).collect();
            let _ = writeln!(out, "  - {{children: [{}], zygosity: {z}}}", ids.join(", "));
        }
    }
    out
}

/// One person's line in the case file, with the parents they are drawn under.
fn write_person(out: &mut String, p: &Person, parents: Option<&Parentage>) {
    use std::fmt::Write;
    let gender = match p.gender {
        Gender::Male => "male",
        Gender::Female => "female",
        Gender::NonBinary => "non-binary",
        Gender::Unknown => "unknown",
    };
    let _ = write!(
        out,
        "  - {{id: {}, name: {}, gender: {gender}",
        p.id, p.name
    );
    if let Some(born) = &p.born {
        let _ = write!(out, ", born: {}", born.to_case_text());
    }
    if p.deceased {
        out.push_str(", deceased: true");
    }
    if let Some(pa) = parents {
        let list: Vec<&str> = pa.parents.iter().map(|x| x.as_str()).collect();
        let _ = write!(out, ", parents: [{}]", list.join(", "));
        if pa.link == ChildLink::Adopted {
            out.push_str(", link: adopted");
        }
    }
    out.push_str("}\n");
}

/// One partnership's line in the case file (generated partnerships are marriages, some
/// ended in divorce).
fn write_partnership(out: &mut String, p: &Partnership) {
    use std::fmt::Write;
    let states: Vec<String> = p
        .states
        .iter()
        .map(|s| {
            let status = match s.status {
                PartnershipStatus::Divorced => "divorced",
                _ => "married",
            };
            match &s.from {
                Some(f) => format!("{{status: {status}, from: {}}}", f.to_case_text()),
                None => format!("{{status: {status}}}"),
            }
        })
        .collect();
    let _ = writeln!(
        out,
        "  - {{partners: [{}, {}], states: [{}]}}",
        p.partners[0],
        p.partners[1],
        states.join(", ")
    );
}

/// The same family as a Graphviz graph, the way a generic tool draws it: one box per person,
/// an edge from each parent to each child, an edge between partners.
pub fn to_dot(case: &Case) -> String {
    use std::fmt::Write;
    let mut out = String::from("digraph family {\n  node [shape=box];\n");
    for p in case.people.iter() {
        let name = p.name.replace('\\', "\\\\").replace('"', "\\\"");
        let _ = writeln!(out, "  \"{}\" [label=\"{name}\"];", p.id);
    }
    for pa in case.parentage.iter().filter(|p| p.primary) {
        for parent in &pa.parents {
            let _ = writeln!(out, "  \"{}\" -> \"{}\";", parent, pa.child);
        }
    }
    // Partners joined by an edge that does not rank them. (Putting each couple in a
    // `rank=same` subgraph made dot 2.43 crash on 10,000 people.)
    for p in &case.partnerships {
        let _ = writeln!(
            out,
            "  \"{}\" -> \"{}\" [dir=none, constraint=false];",
            p.partners[0], p.partners[1]
        );
    }
    out.push_str("}\n");
    out
}

/// Crossings between straight parent-to-child lines, counted the same way for any drawing
/// given where it put each person (centre x, y): lines between the same two rows cross when
/// their ends are in opposite orders. Used to compare our layout with other tools fairly.
pub fn straight_crossings(
    case: &Case,
    centres: &std::collections::BTreeMap<String, (f64, f64)>,
) -> u64 {
    let mut groups: std::collections::BTreeMap<(i64, i64), Vec<(f64, f64)>> =
        std::collections::BTreeMap::new();
    for pa in case.parentage.iter().filter(|p| p.primary) {
        let Some(&(cx, cy)) = centres.get(pa.child.as_str()) else {
            continue;
        };
        for parent in &pa.parents {
            if let Some(&(px, py)) = centres.get(parent.as_str()) {
                groups
                    .entry((py.round() as i64, cy.round() as i64))
                    .or_default()
                    .push((px, cx));
            }
        }
    }
    groups
        .into_values()
        .map(super::sweeps::count_inversions)
        .sum()
}

/// How many partnerships have both partners on one row with no one between them.
pub fn couples_side_by_side(
    case: &Case,
    centres: &std::collections::BTreeMap<String, (f64, f64)>,
) -> usize {
    let mut rows: std::collections::BTreeMap<i64, Vec<f64>> = std::collections::BTreeMap::new();
    for &(x, y) in centres.values() {
        rows.entry(y.round() as i64).or_default().push(x);
    }
    for xs in rows.values_mut() {
        xs.sort_by(f64::total_cmp);
    }
    case.partnerships
        .iter()
        .filter(|p| {
            let (Some(&(ax, ay)), Some(&(bx, by))) = (
                centres.get(p.partners[0].as_str()),
                centres.get(p.partners[1].as_str()),
            ) else {
                return false;
            };
            if ay.round() != by.round() {
                return false;
            }
            let (lo, hi) = (ax.min(bx), ax.max(bx));
            let xs = &rows[&(ay.round() as i64)];
            let between = xs.partition_point(|&x| x < hi) - xs.partition_point(|&x| x <= lo);
            between == 0
        })
        .count()
}

pub use super::polyline_crossings;
