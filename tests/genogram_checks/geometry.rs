//! Promises about what a genogram's lines say, read from the drawing alone: the layout JSON
//! (`--layout-json`, i.e. `Scene::to_json`) and the SVG. Nothing here calls the layout code,
//! so the checks judge the drawing as a reader sees it; the case file says only who is
//! whose child, which is the truth the lines must tell.
//!
//! - *Connected*: each child's line is one connected set of segments from the top of her
//!   symbol to her own parents (their partnership line, or a lone parent's symbol), joined
//!   only where one segment ends on another, never where two merely cross.
//! - *Unmistakable*: that connected set reaches no other couple's line and no other
//!   person's symbol than her parents and her full siblings; no two lines of different
//!   families run along each other anywhere (a person's parent line and her own overhead
//!   partnership bracket included).
//! - *Clear of people*: no family or overlay line passes through a symbol or a label of
//!   someone it does not join, nor through the title block or the key, nor off the sheet.
//! - *Legend truthful* (with the SVG): every line style and symbol drawn is in the key
//!   exactly as drawn, and no two meanings share one style.

use genochron::model::Case;
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How close (in drawing units) an end must be to a line to join it: within a third of the
/// ink's width (1.6) the two read as one joined line.
const JOIN: f64 = 0.5;
/// How close an end must come to a symbol to read as attached to it: partnership brackets
/// over the top stop a few units above the symbols they join.
const REACH: f64 = 4.5;
/// Lines closer than this, side by side, read as one line (the ink is 1.6 wide).
const ALONG: f64 = 1.2;
/// How long two lines must share a path before a reader sees them as one.
const SHARED: f64 = 1.0;

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Pt {
    pub x: f64,
    pub y: f64,
}

#[derive(Debug, Clone, Copy)]
pub struct Bx {
    pub x: f64,
    pub y: f64,
    pub w: f64,
    pub h: f64,
}

impl Bx {
    fn grow(&self, m: f64) -> Bx {
        Bx {
            x: self.x - m,
            y: self.y - m,
            w: self.w + 2.0 * m,
            h: self.h + 2.0 * m,
        }
    }
    fn contains(&self, p: Pt) -> bool {
        p.x >= self.x && p.x <= self.x + self.w && p.y >= self.y && p.y <= self.y + self.h
    }
    /// True if the segment enters the box's inside (touching its edge does not count).
    fn crossed_by(&self, a: Pt, b: Pt) -> bool {
        if self.w <= 0.0 || self.h <= 0.0 {
            return false;
        }
        // Liang-Barsky clipping: the part of the segment inside the box, as a range of t.
        let (dx, dy) = (b.x - a.x, b.y - a.y);
        let (mut t0, mut t1) = (0.0f64, 1.0f64);
        for (p, q) in [
            (-dx, a.x - self.x),
            (dx, self.x + self.w - a.x),
            (-dy, a.y - self.y),
            (dy, self.y + self.h - a.y),
        ] {
            if p.abs() < 1e-12 {
                if q <= 0.0 {
                    return false;
                }
            } else {
                let t = q / p;
                if p < 0.0 {
                    t0 = t0.max(t);
                } else {
                    t1 = t1.min(t);
                }
            }
        }
        let length = dx.hypot(dy);
        t1 - t0 > 1e-9 && (t1 - t0) * length > 0.5
    }
}

/// One drawn item, as the layout JSON describes it.
#[derive(Debug, Clone)]
pub struct Drawn {
    pub id: String,
    pub kind: String,
    pub people: Vec<String>,
    pub classes: Vec<String>,
    pub bbox: Bx,
    pub points: Vec<Pt>,
}

impl Drawn {
    fn has(&self, class: &str) -> bool {
        self.classes.iter().any(|c| c == class)
    }
    /// A line of the family structure: partnerships and children's lines (not the overlay
    /// curves to other parent figures).
    fn is_family_line(&self) -> bool {
        (self.kind == "partnership" || self.kind == "child-link")
            && !self.has("other-parent")
            && self.points.len() >= 2
    }
    fn is_overlay(&self) -> bool {
        (self.kind == "emotional" || self.has("other-parent")) && self.points.len() >= 2
    }
}

/// The layout JSON, parsed.
pub struct Layout {
    pub items: Vec<Drawn>,
    pub width: f64,
    pub height: f64,
}

fn point(v: &Value) -> Option<Pt> {
    Some(Pt {
        x: v.get(0)?.as_f64()?,
        y: v.get(1)?.as_f64()?,
    })
}

fn strings(v: &Value) -> Vec<String> {
    v.as_array()
        .map(|a| {
            a.iter()
                .filter_map(|s| s.as_str().map(String::from))
                .collect()
        })
        .unwrap_or_default()
}

impl Layout {
    pub fn parse(json: &str) -> Layout {
        let value: Value = serde_json::from_str(json).expect("the layout JSON parses");
        let items = value["items"]
            .as_array()
            .expect("the layout has items")
            .iter()
            .map(|i| {
                let b = &i["bbox"];
                let n = |k: usize| b.get(k).and_then(|v| v.as_f64()).unwrap_or(0.0);
                Drawn {
                    id: i["id"].as_str().unwrap_or("").to_string(),
                    kind: i["kind"].as_str().unwrap_or("").to_string(),
                    people: strings(&i["people"]),
                    classes: strings(&i["classes"]),
                    bbox: Bx {
                        x: n(0),
                        y: n(1),
                        w: n(2),
                        h: n(3),
                    },
                    points: i["points"]
                        .as_array()
                        .map(|a| a.iter().filter_map(point).collect())
                        .unwrap_or_default(),
                }
            })
            .collect();
        Layout {
            items,
            width: value["metrics"]["width"].as_f64().unwrap_or(0.0),
            height: value["metrics"]["height"].as_f64().unwrap_or(0.0),
        }
    }

    fn symbols(&self) -> BTreeMap<&str, Bx> {
        self.items
            .iter()
            .filter(|i| i.kind == "person" && !i.people.is_empty())
            .map(|i| (i.people[0].as_str(), i.bbox))
            .collect()
    }
}

/// The promises of the lines, on one drawing: every child joined to her own parents and no
/// one else, nothing in mid-air, no two families on one path, lines clear of people.
pub fn broken_lines(case: &Case, json: &str) -> Vec<String> {
    let layout = Layout::parse(json);
    let mut broken = Vec::new();
    broken.extend(children_joined_to_their_own_parents(case, &layout));
    broken.extend(no_line_ends_in_mid_air(&layout));
    broken.extend(no_two_families_share_a_path(&layout));
    broken.extend(lines_clear_of_people(&layout));
    broken
}

/// The promises of the sheet, on one drawing: every line on it, and a key that shows what
/// is drawn as drawn, one style per meaning.
pub fn broken_sheet(json: &str, svg: &str) -> Vec<String> {
    let layout = Layout::parse(json);
    let mut broken = Vec::new();
    broken.extend(lines_on_the_sheet(&layout));
    broken.extend(key_shows_what_is_drawn(&layout, svg));
    broken.extend(no_two_meanings_share_a_style(&layout, svg));
    broken
}

// ---------------------------------------------------------------------------------------
// Segments, a grid to find them quickly, and joins.

#[derive(Debug, Clone, Copy)]
struct Seg {
    item: usize,
    a: Pt,
    b: Pt,
}

fn distance_to_segment(p: Pt, a: Pt, b: Pt) -> f64 {
    let (dx, dy) = (b.x - a.x, b.y - a.y);
    let len2 = dx * dx + dy * dy;
    let t = if len2 < 1e-12 {
        0.0
    } else {
        (((p.x - a.x) * dx + (p.y - a.y) * dy) / len2).clamp(0.0, 1.0)
    };
    (p.x - a.x - t * dx).hypot(p.y - a.y - t * dy)
}

const CELL: f64 = 64.0;

/// Segments by the grid cells their bounding boxes cover.
struct Grid {
    cells: HashMap<(i64, i64), Vec<usize>>,
}

fn cell_range(lo: f64, hi: f64) -> std::ops::RangeInclusive<i64> {
    ((lo / CELL).floor() as i64)..=((hi / CELL).floor() as i64)
}

impl Grid {
    fn of_boxes(boxes: impl Iterator<Item = (usize, Bx)>) -> Grid {
        let mut cells: HashMap<(i64, i64), Vec<usize>> = HashMap::new();
        for (n, b) in boxes {
            for cx in cell_range(b.x, b.x + b.w) {
                for cy in cell_range(b.y, b.y + b.h) {
                    cells.entry((cx, cy)).or_default().push(n);
                }
            }
        }
        Grid { cells }
    }

    fn of_segments(segs: &[Seg], margin: f64) -> Grid {
        Grid::of_boxes(segs.iter().enumerate().map(|(n, s)| {
            (
                n,
                Bx {
                    x: s.a.x.min(s.b.x),
                    y: s.a.y.min(s.b.y),
                    w: (s.a.x - s.b.x).abs(),
                    h: (s.a.y - s.b.y).abs(),
                }
                .grow(margin),
            )
        }))
    }

    fn near(&self, p: Pt) -> &[usize] {
        let key = ((p.x / CELL).floor() as i64, (p.y / CELL).floor() as i64);
        self.cells.get(&key).map(|v| v.as_slice()).unwrap_or(&[])
    }

    /// Everything in the cells a segment passes over (by its bounding box), once each.
    fn along(&self, a: Pt, b: Pt) -> Vec<usize> {
        let mut out = BTreeSet::new();
        for cx in cell_range(a.x.min(b.x), a.x.max(b.x)) {
            for cy in cell_range(a.y.min(b.y), a.y.max(b.y)) {
                if let Some(v) = self.cells.get(&(cx, cy)) {
                    out.extend(v.iter().copied());
                }
            }
        }
        out.into_iter().collect()
    }
}

fn segments(layout: &Layout, keep: impl Fn(&Drawn) -> bool) -> Vec<Seg> {
    let mut out = Vec::new();
    for (n, item) in layout.items.iter().enumerate().filter(|(_, i)| keep(i)) {
        for w in item.points.windows(2) {
            if (w[0].x - w[1].x).hypot(w[0].y - w[1].y) > 1e-9 {
                out.push(Seg {
                    item: n,
                    a: w[0],
                    b: w[1],
                });
            }
        }
    }
    out
}

struct Joins {
    parent: Vec<usize>,
}

impl Joins {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.parent[r] != r {
            r = self.parent[r];
        }
        let mut y = x;
        while self.parent[y] != r {
            let next = self.parent[y];
            self.parent[y] = r;
            y = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.parent[ra.max(rb)] = ra.min(rb);
        }
    }
}

/// The family lines' segments grouped into connected sets: two segments are joined when an
/// end of one lies on the other. Crossings join nothing.
fn connected_sets(segs: &[Seg]) -> Joins {
    let grid = Grid::of_segments(segs, JOIN);
    let mut joins = Joins {
        parent: (0..segs.len()).collect(),
    };
    for (n, s) in segs.iter().enumerate() {
        for end in [s.a, s.b] {
            for &m in grid.near(end) {
                if m != n && distance_to_segment(end, segs[m].a, segs[m].b) <= JOIN {
                    joins.union(n, m);
                }
            }
        }
    }
    joins
}

// ---------------------------------------------------------------------------------------
// Connected and unmistakable: a child's line reaches her parents and no one else.

/// Each child's primary parents, as the case records them.
fn parents_of(case: &Case) -> BTreeMap<String, BTreeSet<String>> {
    case.parentage
        .iter()
        .filter(|p| p.primary)
        .map(|p| {
            (
                p.child.0.clone(),
                p.parents.iter().map(|x| x.0.clone()).collect(),
            )
        })
        .collect()
}

/// What one connected set of family lines touches: the couples whose lines are in it, and
/// the people whose symbols its segments end on.
#[derive(Default)]
struct Reach {
    couples: BTreeSet<Vec<String>>,
    symbols: BTreeSet<String>,
}

pub fn children_joined_to_their_own_parents(case: &Case, layout: &Layout) -> Vec<String> {
    let symbols = layout.symbols();
    let names: Vec<&str> = symbols.keys().copied().collect();
    let symbol_grid = Grid::of_boxes(
        names
            .iter()
            .enumerate()
            .map(|(n, p)| (n, symbols[p].grow(REACH))),
    );
    let segs = segments(layout, Drawn::is_family_line);
    let mut joins = connected_sets(&segs);
    let mut reach: HashMap<usize, Reach> = HashMap::new();
    for (n, s) in segs.iter().enumerate() {
        let root = joins.find(n);
        let r = reach.entry(root).or_default();
        let item = &layout.items[s.item];
        if item.kind == "partnership" {
            let mut couple = item.people.clone();
            couple.sort();
            r.couples.insert(couple);
        }
        for end in [s.a, s.b] {
            for &k in symbol_grid.near(end) {
                if symbols[names[k]].grow(REACH).contains(end) {
                    r.symbols.insert(names[k].to_string());
                }
            }
        }
    }
    let parents = parents_of(case);
    let mut sibship: BTreeMap<&BTreeSet<String>, BTreeSet<&str>> = BTreeMap::new();
    for (child, p) in &parents {
        sibship.entry(p).or_default().insert(child.as_str());
    }
    let mut broken = Vec::new();
    for (child, own) in &parents {
        let Some(symbol) = symbols.get(child.as_str()) else {
            continue;
        };
        let drawn: BTreeSet<String> = own
            .iter()
            .filter(|p| symbols.contains_key(p.as_str()))
            .cloned()
            .collect();
        if drawn.is_empty() {
            continue;
        }
        // The segments that come down onto the top of the child's symbol.
        let top = symbol.y + symbol.h * 0.3;
        let roots: BTreeSet<usize> = segs
            .iter()
            .enumerate()
            .filter(|(_, s)| {
                let (upper, lower) = if s.a.y < s.b.y {
                    (s.a, s.b)
                } else {
                    (s.b, s.a)
                };
                lower.y - upper.y > 0.5 && lower.y <= top && symbol.grow(1.5).contains(lower)
            })
            .map(|(n, _)| n)
            .collect::<Vec<_>>()
            .into_iter()
            .map(|n| joins.find(n))
            .collect();
        if roots.is_empty() {
            broken.push(format!("{child}: no line comes down to the symbol"));
            continue;
        }
        let mut couples = BTreeSet::new();
        let mut touched = BTreeSet::new();
        for r in &roots {
            if let Some(r) = reach.get(r) {
                couples.extend(r.couples.iter().cloned());
                touched.extend(r.symbols.iter().cloned());
            }
        }
        let wanted: Vec<String> = drawn.iter().cloned().collect();
        let reached = if wanted.len() >= 2 {
            couples.contains(&wanted)
        } else {
            touched.contains(&wanted[0])
        };
        if !reached {
            broken.push(format!(
                "{child}: the line does not reach the parents' {} ({}); it stops short or \
                 ends elsewhere",
                if wanted.len() >= 2 { "line" } else { "symbol" },
                wanted.join(" and ")
            ));
        }
        let siblings = sibship.get(own).cloned().unwrap_or_default();
        let wrong_couples: Vec<String> = couples
            .iter()
            .filter(|c| **c != wanted)
            .map(|c| c.join(" and "))
            .collect();
        let wrong_people: Vec<&str> = touched
            .iter()
            .map(|p| p.as_str())
            .filter(|p| *p != child && !own.contains(*p) && !siblings.contains(p))
            .collect();
        if !wrong_couples.is_empty() || !wrong_people.is_empty() {
            broken.push(format!(
                "{child}: the line also joins {}{}{}, so {child} reads as someone else's child",
                some("the line of ", &wrong_couples),
                if wrong_couples.is_empty() || wrong_people.is_empty() {
                    ""
                } else {
                    "; "
                },
                some(
                    "the symbol of ",
                    &wrong_people
                        .iter()
                        .map(|p| p.to_string())
                        .collect::<Vec<_>>()
                ),
            ));
        }
    }
    broken
}

/// A short list for a message: the first three, and how many more.
fn some(what: &str, names: &[String]) -> String {
    match names.len() {
        0 => String::new(),
        n if n <= 3 => format!("{what}{}", names.join(", ")),
        n => format!("{what}{} and {} more", names[..3].join(", "), n - 3),
    }
}

/// Every end of a family line lies on another line or on a symbol: nothing stops in mid-air.
pub fn no_line_ends_in_mid_air(layout: &Layout) -> Vec<String> {
    let segs = segments(layout, Drawn::is_family_line);
    let grid = Grid::of_segments(&segs, JOIN);
    let boxes: Vec<Bx> = layout
        .items
        .iter()
        .filter(|i| i.kind == "person")
        .map(|i| i.bbox.grow(REACH))
        .collect();
    let box_grid = Grid::of_boxes(boxes.iter().copied().enumerate());
    let mut broken = Vec::new();
    for (n, item) in layout.items.iter().enumerate() {
        if !item.is_family_line() {
            continue;
        }
        let last = item.points.len() - 1;
        for (at, end) in [(0, item.points[0]), (last, item.points[last])] {
            let on_symbol = box_grid.near(end).iter().any(|&k| boxes[k].contains(end));
            // On another line, or on a part of its own line that does not end here (a
            // sibship bar that ends on its own drop).
            let on_line = grid.near(end).iter().any(|&m| {
                let s = &segs[m];
                let incident = s.item == n
                    && ((at == 0 && s.a == item.points[0] && s.b == item.points[1])
                        || (at == last && s.a == item.points[last - 1] && s.b == end));
                !incident && distance_to_segment(end, s.a, s.b) <= JOIN
            });
            if !on_symbol && !on_line {
                broken.push(format!(
                    "{} ends in mid-air at ({}, {})",
                    item.id, end.x, end.y
                ));
            }
        }
    }
    broken
}

/// Which family a line speaks for, to tell whether two lines on one path mislead.
#[derive(Debug, Clone, PartialEq)]
enum Family {
    /// A partnership line: the couple.
    Couple(BTreeSet<String>),
    /// A child's line, a sibship bar or a single parent's line: the people it joins.
    Descent(BTreeSet<String>),
    /// An overlay line: only itself.
    Own(usize),
}

fn family(layout: &Layout, n: usize) -> Family {
    let item = &layout.items[n];
    let people: BTreeSet<String> = item.people.iter().cloned().collect();
    if item.kind == "partnership" {
        Family::Couple(people)
    } else if item.is_family_line() {
        Family::Descent(people)
    } else {
        Family::Own(n)
    }
}

/// Lines of one family may share a path: a couple's line and the line down to their
/// children; a child's pieces and her sibship's bar.
fn same_family(a: &Family, b: &Family) -> bool {
    match (a, b) {
        (Family::Couple(s), Family::Couple(t)) => s == t,
        (Family::Couple(s), Family::Descent(t)) | (Family::Descent(t), Family::Couple(s)) => {
            s.is_subset(t)
        }
        (Family::Descent(s), Family::Descent(t)) => s.is_subset(t) || t.is_subset(s),
        (Family::Own(x), Family::Own(y)) => x == y,
        _ => false,
    }
}

/// How far two segments run along each other (side by side within `ALONG`), or 0.
fn shared_length(s: &Seg, t: &Seg) -> f64 {
    let (dx, dy) = (s.b.x - s.a.x, s.b.y - s.a.y);
    let len = dx.hypot(dy);
    let (ex, ey) = (t.b.x - t.a.x, t.b.y - t.a.y);
    let len_t = ex.hypot(ey);
    if len < 1e-9 || len_t < 1e-9 {
        return 0.0;
    }
    let (ux, uy) = (dx / len, dy / len);
    // Parallel, and t lies on s's line.
    if (ux * ey - uy * ex).abs() / len_t > 0.02 {
        return 0.0;
    }
    let off = |p: Pt| ((p.x - s.a.x) * uy - (p.y - s.a.y) * ux).abs();
    if off(t.a) > ALONG || off(t.b) > ALONG {
        return 0.0;
    }
    let along = |p: Pt| (p.x - s.a.x) * ux + (p.y - s.a.y) * uy;
    let (t0, t1) = (along(t.a).min(along(t.b)), along(t.a).max(along(t.b)));
    (t1.min(len) - t0.max(0.0)).max(0.0)
}

/// No two lines of different families run along each other.
pub fn no_two_families_share_a_path(layout: &Layout) -> Vec<String> {
    let segs = segments(layout, |i| i.is_family_line() || i.is_overlay());
    let grid = Grid::of_segments(&segs, ALONG);
    let families: Vec<Family> = (0..layout.items.len()).map(|n| family(layout, n)).collect();
    let mut found: BTreeSet<(String, String)> = BTreeSet::new();
    for (n, s) in segs.iter().enumerate() {
        for m in grid.along(s.a, s.b) {
            let t = &segs[m];
            if m <= n || t.item == s.item {
                continue;
            }
            if same_family(&families[s.item], &families[t.item]) {
                continue;
            }
            if shared_length(s, t) > SHARED {
                let (a, b) = (&layout.items[s.item].id, &layout.items[t.item].id);
                found.insert((a.min(b).clone(), a.max(b).clone()));
            }
        }
    }
    found
        .into_iter()
        .map(|(a, b)| format!("{a} and {b} run along the same path"))
        .collect()
}

// ---------------------------------------------------------------------------------------
// Clear of people, and on the sheet.

/// No family or overlay line passes through the symbol or label of someone it does not
/// join, or through the title block or the key; no overlay line crosses a household of
/// which it joins no member (a carer's curve through another home reads as belonging to it).
pub fn lines_clear_of_people(layout: &Layout) -> Vec<String> {
    let obstacles: Vec<&Drawn> = layout
        .items
        .iter()
        .filter(|i| {
            matches!(
                i.kind.as_str(),
                "person" | "label" | "title" | "legend" | "household"
            )
        })
        .filter(|i| i.bbox.w > 0.0 && i.bbox.h > 0.0)
        .collect();
    let grid = Grid::of_boxes(obstacles.iter().map(|o| o.bbox).enumerate());
    let mut found: BTreeSet<(String, String)> = BTreeSet::new();
    for line in layout
        .items
        .iter()
        .filter(|i| i.is_family_line() || i.is_overlay())
    {
        for w in line.points.windows(2) {
            for k in grid.along(w[0], w[1]) {
                let o = obstacles[k];
                let own = matches!(o.kind.as_str(), "person" | "label")
                    && !o.people.is_empty()
                    && o.people.iter().all(|p| line.people.contains(p));
                // Family lines run through homes as the family's shape needs; an overlay
                // may cross a home only if it joins someone living there.
                let household = o.kind == "household"
                    && (!line.is_overlay() || o.people.iter().any(|p| line.people.contains(p)));
                if own || household {
                    continue;
                }
                let inner = if o.kind == "person" {
                    o.bbox.grow(-1.0)
                } else {
                    o.bbox
                };
                if inner.crossed_by(w[0], w[1]) {
                    found.insert((line.id.clone(), o.id.clone()));
                }
            }
        }
    }
    found
        .into_iter()
        .map(|(l, o)| format!("{l} passes through {o}"))
        .collect()
}

/// Every line stays on the sheet.
pub fn lines_on_the_sheet(layout: &Layout) -> Vec<String> {
    let mut broken = Vec::new();
    for line in layout
        .items
        .iter()
        .filter(|i| i.is_family_line() || i.is_overlay())
    {
        if let Some(p) = line
            .points
            .iter()
            .find(|p| p.x < 0.0 || p.y < 0.0 || p.x > layout.width || p.y > layout.height)
        {
            broken.push(format!(
                "{} goes off the sheet at ({}, {})",
                line.id, p.x, p.y
            ));
        }
    }
    broken
}

// ---------------------------------------------------------------------------------------
// The key: what the SVG draws for each item and for each key entry.

/// One stroked or filled shape of an SVG group.
#[derive(Debug, Clone)]
struct Mark {
    tag: String,
    points: Vec<Pt>,
    curved: bool,
    dash: Vec<f64>,
    width: f64,
    stroke: Option<(u8, u8, u8)>,
    filled: bool,
}

impl Mark {
    fn length(&self) -> f64 {
        self.points
            .windows(2)
            .map(|w| (w[1].x - w[0].x).hypot(w[1].y - w[0].y))
            .sum()
    }
    fn is_line(&self) -> bool {
        matches!(self.tag.as_str(), "polyline" | "path" | "line")
    }
}

fn colour(text: &str) -> Option<(u8, u8, u8)> {
    let h = text.strip_prefix('#')?;
    if h.len() != 6 {
        return None;
    }
    let c = |i: usize| u8::from_str_radix(&h[i..i + 2], 16).ok();
    Some((c(0)?, c(2)?, c(4)?))
}

fn numbers(text: &str) -> Vec<f64> {
    text.split(|c: char| !(c.is_ascii_digit() || c == '.' || c == '-'))
        .filter_map(|s| s.parse().ok())
        .collect()
}

fn pairs(values: &[f64]) -> Vec<Pt> {
    values
        .chunks(2)
        .filter(|c| c.len() == 2)
        .map(|c| Pt { x: c[0], y: c[1] })
        .collect()
}

/// The marks of every SVG group with an id.
fn svg_marks(svg: &str) -> HashMap<String, Vec<Mark>> {
    let document = roxmltree::Document::parse(svg).expect("the SVG parses");
    let mut out = HashMap::new();
    for g in document
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("id").is_some())
    {
        let marks = g
            .children()
            .filter(|n| n.is_element())
            .filter(|n| {
                matches!(
                    n.tag_name().name(),
                    "polyline" | "polygon" | "path" | "circle" | "rect" | "line"
                )
            })
            .map(|n| {
                let tag = n.tag_name().name().to_string();
                let (points, curved) = match tag.as_str() {
                    "polyline" | "polygon" => {
                        (pairs(&numbers(n.attribute("points").unwrap_or(""))), false)
                    }
                    "path" => {
                        let d = n.attribute("d").unwrap_or("");
                        (pairs(&numbers(d)), d.contains('Q') || d.contains('C'))
                    }
                    "line" => (
                        ["x1", "y1", "x2", "y2"]
                            .iter()
                            .map(|a| n.attribute(*a).and_then(|v| v.parse().ok()).unwrap_or(0.0))
                            .collect::<Vec<f64>>()
                            .chunks(2)
                            .map(|c| Pt { x: c[0], y: c[1] })
                            .collect(),
                        false,
                    ),
                    _ => (Vec::new(), false),
                };
                Mark {
                    tag,
                    points,
                    curved,
                    dash: numbers(n.attribute("stroke-dasharray").unwrap_or("")),
                    width: n
                        .attribute("stroke-width")
                        .and_then(|w| w.parse().ok())
                        .unwrap_or(0.0),
                    stroke: n.attribute("stroke").and_then(colour),
                    filled: n
                        .attribute("fill")
                        .is_some_and(|f| f != "none" && f != "#ffffff"),
                }
            })
            .collect();
        out.insert(g.attribute("id").unwrap_or("").to_string(), marks);
    }
    out
}

/// The key entries an item's classes call for (the slugs after `legend-`).
pub fn key_entries(kind: &str, classes: &[String]) -> Vec<String> {
    let has = |c: &str| classes.iter().any(|x| x == c);
    let mut out = Vec::new();
    match kind {
        "person" => {
            let special = ["pregnancy", "miscarriage", "termination", "stillbirth"];
            if let Some(s) = special.iter().find(|s| has(s)) {
                out.push(s.to_string());
            } else {
                for (class, slug) in [
                    ("male", "male"),
                    ("female", "female"),
                    ("non-binary", "gender-unknown"),
                    ("gender-unknown", "gender-unknown"),
                ] {
                    if has(class) {
                        out.push(slug.into());
                    }
                }
            }
        }
        "partnership" => {
            for c in ["married", "cohabiting", "dating", "engaged", "unrecorded"] {
                if has(c) {
                    out.push(format!("partners-{c}"));
                }
            }
            for c in ["separated", "divorced", "reconciled", "blood-relatives"] {
                if has(c) {
                    out.push(c.into());
                }
            }
        }
        "child-link" => {
            for c in [
                "biological",
                "adopted",
                "foster",
                "step",
                "kinship-care",
                "special-guardianship",
            ] {
                if has(c) {
                    out.push(format!("child-{c}"));
                }
            }
        }
        "emotional" => out.extend(classes.iter().filter(|c| *c != "ended").cloned()),
        "household" => out.extend(classes.iter().cloned()),
        _ => {}
    }
    out
}

/// The outline of a symbol: the first closed shape of its group, named by its form.
fn form_of(marks: &[Mark]) -> Option<&'static str> {
    let m = marks
        .iter()
        .find(|m| matches!(m.tag.as_str(), "circle" | "polygon" | "rect"))?;
    Some(match (m.tag.as_str(), m.points.len()) {
        ("circle", _) => "circle",
        ("rect", _) => "square",
        (_, 3) => "triangle",
        (_, 4) => {
            let axis = m
                .points
                .windows(2)
                .all(|w| (w[0].x - w[1].x).abs() < 0.01 || (w[0].y - w[1].y).abs() < 0.01);
            if axis { "square" } else { "diamond" }
        }
        _ => "polygon",
    })
}

/// How a stroke looks in print: its dash pattern, width and grey level.
fn looks_alike(a: &Mark, b: &Mark) -> bool {
    let grey = |c: Option<(u8, u8, u8)>| {
        c.map(|(r, g, b)| 0.299 * r as f64 + 0.587 * g as f64 + 0.114 * b as f64)
            .unwrap_or(0.0)
    };
    a.dash.len() == b.dash.len()
        && a.dash
            .iter()
            .zip(&b.dash)
            .all(|(x, y)| (x - y).abs() < 0.01)
        && (a.width - b.width).abs() <= 0.25
        && (grey(a.stroke) - grey(b.stroke)).abs() <= 80.0
        && a.stroke.is_some() == b.stroke.is_some()
}

/// Every line style and symbol drawn is in the key as drawn.
pub fn key_shows_what_is_drawn(layout: &Layout, svg: &str) -> Vec<String> {
    let marks = svg_marks(svg);
    let empty = Vec::new();
    let mut broken = BTreeSet::new();
    for item in &layout.items {
        let entries = key_entries(&item.kind, &item.classes);
        if entries.is_empty() {
            continue;
        }
        let drawn = marks.get(&item.id).unwrap_or(&empty);
        let keyed: Vec<&Mark> = entries
            .iter()
            .flat_map(|e| marks.get(&format!("legend-{e}")).unwrap_or(&empty))
            .collect();
        if keyed.is_empty() {
            broken.insert(format!(
                "{} is drawn but not in the key",
                entries.join(", ")
            ));
            continue;
        }
        if item.kind == "person" {
            let (Some(form), Some(key_form)) = (
                form_of(drawn),
                form_of(&keyed.iter().map(|m| (*m).clone()).collect::<Vec<_>>()),
            ) else {
                continue;
            };
            let special = ["pregnancy", "miscarriage", "termination", "stillbirth"];
            let slug = &entries[0];
            if special.contains(&slug.as_str()) && form != key_form {
                broken.insert(format!(
                    "{slug} is drawn as a {form} (e.g. {}) but the key shows a {key_form}",
                    item.id
                ));
            }
            continue;
        }
        for m in drawn.iter().filter(|m| m.is_line() && m.stroke.is_some()) {
            if !keyed.iter().any(|k| k.is_line() && looks_alike(m, k)) {
                broken.insert(format!(
                    "{} is drawn with dashes {:?}, width {}, colour {:?}, which its key \
                     entry ({}) does not show",
                    item.id,
                    m.dash,
                    m.width,
                    m.stroke,
                    entries.join(", ")
                ));
            }
        }
    }
    broken.into_iter().collect()
}

/// What a reader can tell apart in greyscale: each dash as a dot, a dash or a long dash,
/// the pattern read from its smallest rotation since it repeats, and whether the gaps are
/// wide (sparse dots read differently from dense ones).
fn dash_kind(dash: &[f64]) -> String {
    if dash.is_empty() {
        return "solid".into();
    }
    let gaps: Vec<f64> = dash.iter().skip(1).step_by(2).copied().collect();
    let wide = !gaps.is_empty() && gaps.iter().sum::<f64>() / gaps.len() as f64 > 4.5;
    format!("{}{}", dash_shapes(dash), if wide { " wide" } else { "" })
}

fn dash_shapes(dash: &[f64]) -> String {
    let dashes: Vec<&str> = if !dash.len().is_multiple_of(2) {
        // An odd list repeats twice over, so each value is a dash once and a gap once.
        dash.iter()
            .chain(dash.iter())
            .step_by(2)
            .map(|d| dash_word(*d))
            .collect()
    } else {
        dash.iter().step_by(2).map(|d| dash_word(*d)).collect()
    };
    // The shortest repeating unit, then its smallest rotation.
    let n = dashes.len();
    let unit = (1..=n)
        .find(|u| n.is_multiple_of(*u) && (0..n).all(|i| dashes[i] == dashes[i % u]))
        .unwrap_or(n);
    let base = &dashes[..unit];
    (0..unit)
        .map(|r| {
            (0..unit)
                .map(|i| base[(i + r) % unit])
                .collect::<Vec<_>>()
                .join("-")
        })
        .min()
        .unwrap_or_default()
}

fn dash_word(d: f64) -> &'static str {
    if d <= 2.5 {
        "dot"
    } else if d <= 7.0 {
        "dash"
    } else {
        "long"
    }
}

/// A zig-zag turns left and right in turn; a curve or a bend turns one way.
fn zigzag(points: &[Pt]) -> bool {
    let turns: Vec<f64> = points
        .windows(3)
        .map(|w| (w[1].x - w[0].x) * (w[2].y - w[1].y) - (w[1].y - w[0].y) * (w[2].x - w[1].x))
        .filter(|t| t.abs() > 1e-6)
        .collect();
    turns.len() >= 4
        && turns.windows(2).filter(|w| w[0] * w[1] < 0.0).count() * 4 >= turns.len() * 3
}

/// The look of a line item in print, colour aside: its strokes by pattern and dash, short
/// marks across it, and arrow heads.
fn style(marks: &[Mark]) -> Vec<String> {
    let mut out: Vec<String> = marks
        .iter()
        .filter(|m| m.is_line())
        .map(|m| {
            if m.length() < 16.0 {
                "mark".to_string()
            } else {
                let shape = if m.curved {
                    "wave"
                } else if zigzag(&m.points) {
                    "zigzag"
                } else {
                    "line"
                };
                let weight = if m.width > 2.3 {
                    " heavy"
                } else if m.width > 1.8 {
                    " bold"
                } else {
                    ""
                };
                format!("{shape} {}{weight}", dash_kind(&m.dash))
            }
        })
        .collect();
    if marks.iter().any(|m| m.tag == "polygon" && m.filled) {
        out.push("arrow".into());
    }
    out.sort();
    out
}

/// No two meanings share a style. Lines that join two people directly (partnerships,
/// overlays to other parent figures, emotional relationships) are compared with each other;
/// children's lines down from a sibship bar with each other. A single plain solid line is
/// the base of both conventions (married partners, a birth child) and is read by where it
/// runs, so it is the one style two meanings may share.
pub fn no_two_meanings_share_a_style(layout: &Layout, svg: &str) -> Vec<String> {
    let marks = svg_marks(svg);
    let empty = Vec::new();
    let mut by_style: BTreeMap<(&str, Vec<String>), BTreeSet<String>> = BTreeMap::new();
    for item in &layout.items {
        let role = match item.kind.as_str() {
            "partnership" | "emotional" => "tie",
            "child-link" if item.has("other-parent") => "tie",
            "child-link" if item.points.len() >= 2 => "descent",
            _ => continue,
        };
        let meaning = key_entries(&item.kind, &item.classes);
        if meaning.is_empty() {
            continue;
        }
        let look = style(marks.get(&item.id).unwrap_or(&empty));
        if look == ["line solid"] || look.is_empty() {
            continue;
        }
        by_style
            .entry((role, look))
            .or_default()
            .insert(meaning.join(" + "));
    }
    by_style
        .into_iter()
        .filter(|(_, meanings)| meanings.len() > 1)
        .map(|((role, look), meanings)| {
            format!(
                "{} share one style ({role} line: {})",
                meanings.into_iter().collect::<Vec<_>>().join(" and "),
                look.join(", ")
            )
        })
        .collect()
}

/// People whose lines are checked; for reports.
pub fn count_children(case: &Case) -> usize {
    parents_of(case).len()
}
