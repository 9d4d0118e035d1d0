//! The genogram layout: generations on rows, couples as blocks, sibships in birth order.
//!
//! The stages: the family graph gives generations ([`crate::graph`]); [`order`] puts people
//! into blocks and orders each row to keep crossings down; [`place`] gives coordinates, with
//! room for every label reserved up front so nothing is moved afterwards; this module draws
//! symbols, lines, labels, the overlay of emotional relationships and households, and
//! [`sheet`] adds the title block and the legend.

mod bars;
mod detour;
mod draw;
mod focus;
#[doc(hidden)]
#[cfg(feature = "generate")]
pub mod generate;
mod households;
mod look;
mod metrics;
mod order;
mod overlay;
mod partners;
mod place;
mod route;
mod rows;
mod sheet;
mod sweeps;
mod ties;

use crate::graph::{Couple, Family};
use crate::layout::scene::{Item, Rect, Scene};
use crate::model::{Case, ChildLink, Person};
use bars::{Bars, Twins};
use chrono::NaiveDate;
use look::Look;
use order::Arrangement;
use partners::PartnerState;
use place::{Placement, TRACK};
use rows::{Arch, RowY};
use sheet::Key;
use std::collections::{BTreeMap, BTreeSet};

pub use focus::{Focus, people_left_out};
pub use metrics::polyline_crossings;

/// How a deceased person is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Default)]
pub enum DeceasedStyle {
    /// An X through the symbol (the genogram convention).
    #[default]
    Cross,
    /// One slash from lower left to upper right (the pedigree convention).
    Slash,
}

/// What to draw and how.
#[derive(Debug, Clone, Default)]
pub struct GenogramOptions {
    /// Draw as at this date instead of the case's own "as at" date.
    pub as_at: Option<NaiveDate>,
    /// Draw only the part of the family around one person.
    pub focus: Option<Focus>,
    pub deceased: DeceasedStyle,
    /// What a review marks as new, changed or ended (see `layout::marks`).
    pub marks: super::marks::Marks,
}

/// Half the size of a person's symbol.
const R: f64 = 18.0;
const SYMBOL: f64 = 2.0 * R;
const NAME_SIZE: f64 = 12.0;
const DETAIL_SIZE: f64 = 10.0;
const INSIDE_SIZE: f64 = 11.0;
const LABEL_WIDTH: f64 = 104.0;
/// The widest a label grows to hold one long word.
const LABEL_WIDTH_MAX: f64 = 150.0;
/// From the top of the symbol band to the top of the labels: room for brackets and outlines.
const LABEL_OFFSET: f64 = SYMBOL + 9.0;
const PARTNER_GAP: f64 = 26.0;
const ARCH_STEP: f64 = 17.0;
const MARGIN: f64 = 24.0;
const DATE_SIZE: f64 = 9.5;
/// The widest a partnership's dates may run before wrapping.
const DATE_WRAP: f64 = 110.0;
/// The white outline under names and dates: overlay and family lines pass behind labels,
/// and the outline keeps them off the letters.
const LABEL_HALO: f64 = 3.0;

/// Everything decided before anything is drawn: who sits on which row and where, how big
/// each person is, and where every row and sibship bar lies.
struct Frame<'a> {
    case: &'a Case,
    as_at: NaiveDate,
    people: Vec<&'a Person>,
    family: Family,
    couples: Vec<Couple>,
    arrangement: Arrangement,
    looks: Vec<Look>,
    states: Vec<PartnerState>,
    placement: Placement,
    twins: Twins,
    arches: Vec<Arch>,
    bars: Bars,
    row_y: Vec<RowY>,
    /// The kind of each child's link to the parents it is drawn under.
    link_of: BTreeMap<usize, ChildLink>,
    /// The bottom of the diagram.
    bottom: f64,
}

impl Frame<'_> {
    /// The height of a sibship's bar.
    fn bar_y(&self, s: usize) -> f64 {
        self.row_y[self.arrangement.sibships[s].row].channel + self.bars.track_of[s] as f64 * TRACK
    }
}

/// What drawing stages collect besides their items: the legend keys used, the boxes overlay
/// lines keep off, and the labels (drawn last, over everything).
struct Drawn {
    keys: BTreeSet<Key>,
    obstacles: Vec<(Rect, f64, f64)>,
    labels: Vec<Item>,
}

/// Lays out and draws the genogram of a case.
pub fn genogram(case: &Case, options: &GenogramOptions) -> Scene {
    let focused;
    let (case, left_out) = match &options.focus {
        Some(f) => {
            let (c, left_out) = focus::around(case, f);
            focused = c;
            (&focused, left_out)
        }
        None => (case, 0),
    };
    let as_at = options.as_at.unwrap_or(case.details.as_at);
    let title = sheet::title_block(case, as_at, left_out, &options.focus);
    let frame = frame(case, as_at, MARGIN + title.height + 30.0);
    let mut scene = Scene::new(format!("Genogram: {}", case.details.title));
    let mut drawn = Drawn {
        keys: BTreeSet::new(),
        obstacles: Vec::new(),
        labels: Vec::new(),
    };
    scene.items = households::household_items(&frame, &options.marks, &mut drawn.keys);
    let (on_row, adjacent) = partners::partnership_lines(&frame, &mut scene.items, &mut drawn);
    scene.items.extend(route::child_lines(&frame, &mut drawn));
    let mut router = overlay::Router {
        obstacles: std::mem::take(&mut drawn.obstacles),
        routed: Vec::new(),
        bends: BTreeMap::new(),
        bounds: drawing_area(&frame, title.height),
    };
    overlay::keep_off_family_lines(&mut router.obstacles, &scene.items, title.height);
    let people_items = look::people_items(
        &frame,
        options.deceased,
        &mut drawn.keys,
        &mut router.obstacles,
        &mut drawn.labels,
    );
    let mut overlay =
        overlay::other_parent_lines(&frame, &scene.items, &mut router, &mut drawn.keys);
    overlay.extend(overlay::emotional_lines(
        &frame,
        &mut router,
        &mut drawn.keys,
    ));
    // The overlay goes under the symbols and the writing: a line may pass behind a name,
    // but never hides it.
    scene.items.append(&mut overlay);
    scene.items.extend(people_items);
    scene.items.append(&mut drawn.labels);
    metrics::record(&mut scene, &frame, left_out, on_row, adjacent);
    finish_sheet(&mut scene, &frame, title, &drawn.keys);
    super::marks::apply(&mut scene, &options.marks);
    page_breaks(&mut scene);
    scene
}

/// Where the genogram may be cut across pages: between rows, never between a symbol and its
/// name, through a household's outline or a partnership's dates, nor within the title or a
/// line of the key. Lines between rows may be cut; they are drawn on both pages.
fn page_breaks(scene: &mut Scene) {
    use crate::layout::scene::ItemKind;
    let names: BTreeMap<&str, Rect> = scene
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Label)
        .filter_map(|i| Some((i.id.strip_prefix("label-")?, i.bbox)))
        .collect();
    let blocks: Vec<(f64, f64)> = scene
        .items
        .iter()
        .filter(|i| {
            matches!(
                i.kind,
                ItemKind::Person
                    | ItemKind::Label
                    | ItemKind::Household
                    | ItemKind::Title
                    | ItemKind::Legend
            )
        })
        .map(|item| {
            let name = item
                .id
                .strip_prefix("person-")
                .filter(|_| item.kind == ItemKind::Person)
                .and_then(|person| names.get(person));
            let bbox = name.map_or(item.bbox, |name| item.bbox.union(name));
            (bbox.y - 2.0, bbox.bottom() + 2.0)
        })
        .collect();
    scene.break_between(blocks);
}

/// Rows, order, sizes and positions of everything, before anything is drawn.
fn frame(case: &Case, as_at: NaiveDate, top: f64) -> Frame<'_> {
    let people: Vec<&Person> = case.people.iter().collect();
    let family = Family::new(case);
    let couples = family.couples(case);
    let mut ranks = family.generations(&couples);
    let companions = rows::companions(case, &family, &mut ranks, as_at);
    let arrangement = order::arrange(case, &family, &couples, &ranks, &companions);
    let looks = look::looks(case, &people, &family, as_at);
    let states: Vec<PartnerState> = couples
        .iter()
        .map(|c| partners::partner_state(case, c, as_at))
        .collect();

    let couple_of_pair = couples_by_slot_pair(&arrangement, &couples);
    let sizes = place::sizes(&arrangement, &looks, &states, &couple_of_pair);
    let mut placement = place::place(&arrangement, &sizes);
    for x in placement.x.iter_mut() {
        *x += MARGIN;
    }
    for l in placement.left.iter_mut() {
        *l += MARGIN;
    }

    let arches = rows::arches(&arrangement, &couple_of_pair);
    let twins = bars::twin_groups(case, &family, &arrangement);
    let bars = bars::sibship_bars(&arrangement, &sizes, &placement, &looks, &twins);
    let (row_y, bottom) = rows::row_positions(
        &arrangement,
        &couples,
        &looks,
        &states,
        &arches,
        &bars.track_count,
        top,
    );
    let link_of = child_links(case, &family);
    Frame {
        case,
        as_at,
        people,
        family,
        couples,
        arrangement,
        looks,
        states,
        placement,
        twins,
        arches,
        bars,
        row_y,
        link_of,
        bottom,
    }
}

/// Couples by the pair of slots side by side, to find the gaps between partners and the
/// arches over them. A couple on different rows is a pair twice: each partner with the tie
/// end beside them.
fn couples_by_slot_pair(
    arrangement: &Arrangement,
    couples: &[Couple],
) -> BTreeMap<(usize, usize), usize> {
    let mut couple_of_pair: BTreeMap<(usize, usize), usize> = BTreeMap::new();
    for (k, c) in couples.iter().enumerate() {
        let (a, b) = (
            arrangement.slot_of[c.partners[0]],
            arrangement.slot_of[c.partners[1]],
        );
        let pairs = match arrangement.ties[k] {
            Some(t) => {
                let (up, low) = if arrangement.slots[a].row < arrangement.slots[b].row {
                    (a, b)
                } else {
                    (b, a)
                };
                vec![(up, t.upper), (low, t.lower)]
            }
            None => vec![(a, b)],
        };
        for (a, b) in pairs {
            couple_of_pair.entry((a.min(b), a.max(b))).or_insert(k);
        }
    }
    couple_of_pair
}

/// The kind of each child's link to the parents it is drawn under.
fn child_links(case: &Case, family: &Family) -> BTreeMap<usize, ChildLink> {
    case.parentage
        .iter()
        .filter(|p| p.primary)
        .filter_map(|p| family.position(&p.child).map(|c| (c, p.link)))
        .collect()
}

/// The right edge of the diagram: its widest row and the margin.
fn diagram_width(placement: &Placement) -> f64 {
    placement
        .left
        .iter()
        .zip(&placement.width)
        .map(|(l, w)| l + w)
        .fold(0.0, f64::max)
        + MARGIN
}

/// Where overlay lines may run: between the title block and the key, inside the margins.
fn drawing_area(frame: &Frame, title_height: f64) -> Rect {
    let top = MARGIN + title_height + 4.0;
    let right = diagram_width(&frame.placement) - MARGIN / 2.0;
    Rect::new(
        MARGIN / 2.0,
        top,
        (right - MARGIN / 2.0).max(0.0),
        (frame.bottom - top).max(0.0),
    )
}

/// The title block and the legend round the diagram, and the size of the sheet.
fn finish_sheet(scene: &mut Scene, frame: &Frame, title: sheet::Block, keys: &BTreeSet<Key>) {
    let (case, as_at, placement) = (frame.case, frame.as_at, &frame.placement);
    let diagram_width = diagram_width(placement);
    let diagram_bottom = frame.bottom;
    let legend = sheet::legend(
        keys,
        case,
        as_at,
        diagram_width.max(title.width + 2.0 * MARGIN),
        diagram_bottom + 8.0,
    );
    let width = diagram_width
        .max(title.width + 2.0 * MARGIN)
        .max(legend.width + 2.0 * MARGIN);
    let height = legend.bottom + MARGIN;
    let mut title_items = title.items;
    scene.items.append(&mut title_items);
    scene.items.extend(legend.items);
    scene.legend = legend.legend;
    scene.width = width;
    scene.height = height;
}
