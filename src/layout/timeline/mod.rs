//! The timeline layout: calendar and age axes, lanes, bands, and labels that never overlap.
//!
//! Top to bottom: a title block that says what is shown and what is not; the calendar axis;
//! an age axis for each subject child; background bands (legal status, who the child lived
//! with, placements, schools) for each child; gaps with no agency involvement; the lanes of
//! entries; the calendar axis again; a pattern strip of counts; and the key. Left to right: lane
//! labels, the summary of history before the focus window, the plot, the summary of anything
//! after it, and the numbered list of entries from dense clusters.
//!
//! Each lane packs its entries into rows ([`rows`]), so a mark and its label never touch
//! another's; where a full label does not fit the mark carries only its number and the entry is
//! listed beside the lane. Placement is linear in the number of entries apart from an
//! O(log n) fallback for the densest clusters.

mod measure;
mod rows;
mod scale;
mod select;

pub use scale::Duration;
pub use select::{Filter, Focus, Lanes, LeftOut, Selection, category_key, select};

use crate::layout::scene::{
    Anchor, Colour, Item, ItemKind, Paint, PathStep, Point, Rect, Scene, Shape, Weight,
};
use crate::model::{
    Age, Case, Entry, EntryStatus, PartialDate, PeriodKind, PersonId, Qualifier, Significance,
    Valence,
};
use chrono::{Datelike, Months, NaiveDate};
use measure::Measure;
use rows::{Claim, Overflow, Rows};
use scale::Scale;
use std::collections::{BTreeMap, BTreeSet};

/// What to draw and how.
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineOptions {
    pub lanes: Lanes,
    pub focus: Focus,
    pub filter: Filter,
    /// Stretches without any recorded agency involvement longer than this are marked.
    pub gap: Duration,
    /// The width of the time plot in user units (the drawing is wider: labels, lists).
    pub plot_width: f64,
}

impl Default for TimelineOptions {
    fn default() -> Self {
        TimelineOptions {
            lanes: Lanes::Category,
            focus: Focus::default(),
            filter: Filter::default(),
            gap: Duration::Months(6),
            plot_width: 1200.0,
        }
    }
}

const MARGIN: f64 = 20.0;
const LABEL_W: f64 = 170.0;
const SUMMARY_W: f64 = 150.0;
/// Room right of the last date for numbers and labels that start there.
const OVERHANG: f64 = 230.0;
const LIST_W: f64 = 340.0;
const FONT: f64 = 10.0;
const SMALL: f64 = 9.0;
const ROW_H: f64 = 12.5;
const LABEL_MAX_W: f64 = 210.0;
/// The wider label tried when the usual one does not fit.
const LABEL_WIDE_W: f64 = 330.0;
const MAX_FULL_ROWS: usize = 24;
/// Half the width of the largest mark.
const R: f64 = 6.5;
const SIGN_W: f64 = 9.0;
const GAP: f64 = 5.0;
const LANE_PAD: f64 = 6.0;
const BAND_H: f64 = 16.0;

const INK: Colour = Colour(33, 33, 33);
const MUTED: Colour = Colour(90, 90, 90);
const RULE: Colour = Colour(200, 200, 200);
const HIGH: Colour = Colour(192, 39, 45);
const MEDIUM: Colour = Colour(230, 159, 0);
const LOW: Colour = Colour(46, 139, 87);
const UNRATED: Colour = Colour(120, 120, 120);
const LANE_TINT: Colour = Colour(246, 246, 246);
const SUMMARY_TINT: Colour = Colour(236, 236, 236);
const GAP_INK: Colour = Colour(175, 175, 175);

/// Draws the case's chronology as a timeline.
pub fn timeline(case: &Case, options: &TimelineOptions) -> Scene {
    let selection = select(case, &options.focus, &options.filter);
    Builder::new(case, options, &selection).build()
}

/// Everything the key can explain, in the order the key lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
enum Key {
    Significance(Option<Significance>),
    Negative,
    Positive,
    Disputed,
    Alleged,
    PeriodBar,
    UncertainDate,
    UncertainEnd,
    Continues,
    Numbered,
    PreBirth,
    Band(BandKind),
    Shading,
    Gap,
    Summary,
    Pattern,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum BandKind {
    Period(PeriodKind),
    Household,
}

impl BandKind {
    fn name(self) -> &'static str {
        match self {
            BandKind::Household => "Lived with (household)",
            BandKind::Period(kind) => period_name(kind),
        }
    }

    fn short(self) -> &'static str {
        match self {
            BandKind::Household => "",
            BandKind::Period(kind) => match kind {
                PeriodKind::EarlyHelp => "EH",
                PeriodKind::ChildArrangementsOrder => "CAO",
                PeriodKind::EmergencyProtectionOrder => "EPO",
                PeriodKind::PoliceProtection => "PP",
                PeriodKind::ChildInNeed => "CIN",
                PeriodKind::ChildProtectionPlan => "CP",
                PeriodKind::Section20 => "s20",
                PeriodKind::InterimCareOrder => "ICO",
                PeriodKind::CareOrder => "CO",
                PeriodKind::PlacementOrder => "PO",
                PeriodKind::SupervisionOrder => "SO",
                PeriodKind::SpecialGuardianshipOrder => "SGO",
                PeriodKind::Placement | PeriodKind::School => "",
            },
        }
    }

    fn class(self) -> &'static str {
        match self {
            BandKind::Household => "household",
            BandKind::Period(kind) => match kind {
                PeriodKind::EarlyHelp => "early-help",
                PeriodKind::ChildArrangementsOrder => "child-arrangements-order",
                PeriodKind::EmergencyProtectionOrder => "emergency-protection-order",
                PeriodKind::PoliceProtection => "police-protection",
                PeriodKind::ChildInNeed => "child-in-need",
                PeriodKind::ChildProtectionPlan => "child-protection-plan",
                PeriodKind::Section20 => "section-20",
                PeriodKind::InterimCareOrder => "interim-care-order",
                PeriodKind::CareOrder => "care-order",
                PeriodKind::PlacementOrder => "placement-order",
                PeriodKind::SupervisionOrder => "supervision-order",
                PeriodKind::SpecialGuardianshipOrder => "special-guardianship-order",
                PeriodKind::Placement => "placement",
                PeriodKind::School => "school",
            },
        }
    }

    /// Light fills, so band text stays readable; each band is also labelled in words, so the
    /// colour is never the only signal.
    fn fill(self) -> Colour {
        match self {
            BandKind::Household => Colour(214, 226, 240),
            BandKind::Period(kind) => match kind {
                PeriodKind::EarlyHelp => Colour(224, 240, 250),
                PeriodKind::ChildArrangementsOrder => Colour(230, 220, 200),
                PeriodKind::EmergencyProtectionOrder => Colour(245, 170, 170),
                PeriodKind::PoliceProtection => Colour(205, 205, 230),
                PeriodKind::ChildInNeed => Colour(204, 229, 255),
                PeriodKind::ChildProtectionPlan => Colour(255, 214, 170),
                PeriodKind::Section20 => Colour(221, 208, 240),
                PeriodKind::InterimCareOrder => Colour(250, 200, 210),
                PeriodKind::CareOrder => Colour(235, 160, 175),
                PeriodKind::PlacementOrder => Colour(210, 180, 200),
                PeriodKind::SupervisionOrder => Colour(255, 236, 179),
                PeriodKind::SpecialGuardianshipOrder => Colour(200, 230, 201),
                PeriodKind::Placement => Colour(200, 235, 215),
                PeriodKind::School => Colour(255, 245, 200),
            },
        }
    }
}

fn period_name(kind: PeriodKind) -> &'static str {
    match kind {
        PeriodKind::EarlyHelp => "Early help",
        PeriodKind::ChildArrangementsOrder => "Child arrangements order",
        PeriodKind::EmergencyProtectionOrder => "Emergency protection order",
        PeriodKind::PoliceProtection => "Police protection",
        PeriodKind::ChildInNeed => "Child in need",
        PeriodKind::ChildProtectionPlan => "Child protection plan",
        PeriodKind::Section20 => "Section 20 accommodation",
        PeriodKind::InterimCareOrder => "Interim care order",
        PeriodKind::CareOrder => "Care order",
        PeriodKind::PlacementOrder => "Placement order",
        PeriodKind::SupervisionOrder => "Supervision order",
        PeriodKind::SpecialGuardianshipOrder => "Special guardianship order",
        PeriodKind::Placement => "Placement",
        PeriodKind::School => "School",
    }
}

/// "domestic-abuse" → "Domestic abuse".
pub fn category_name(category: &str) -> String {
    let words = category_key(category).replace('-', " ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => "Uncategorised".to_string(),
    }
}

/// The usual categories in reading order: states and moves first, then harms, then help and
/// strengths. Others follow alphabetically.
const CATEGORY_ORDER: [&str; 14] = [
    "legal-status",
    "household-change",
    "placement",
    "domestic-abuse",
    "police",
    "neglect",
    "substance-use",
    "mental-health",
    "health",
    "education",
    "housing",
    "professional-intervention",
    "contact",
    "achievement",
];

fn significance_colour(s: Option<Significance>) -> Colour {
    match s {
        Some(Significance::High) => HIGH,
        Some(Significance::Medium) => MEDIUM,
        Some(Significance::Low) => LOW,
        None => UNRATED,
    }
}

fn significance_name(s: Option<Significance>) -> &'static str {
    match s {
        Some(Significance::High) => "high",
        Some(Significance::Medium) => "medium",
        Some(Significance::Low) => "low",
        None => "not rated",
    }
}

/// The mark for an entry: shape by significance (diamond, triangle, circle, hollow circle),
/// colour by significance, dashed and pale when disputed or alleged.
fn mark(centre: Point, significance: Option<Significance>, status: EntryStatus) -> Shape {
    let colour = significance_colour(significance);
    let uncertain = status != EntryStatus::Agreed;
    let mut paint = Paint::line(INK, 1.0).filled(colour);
    if significance.is_none() {
        paint = Paint::line(UNRATED, 1.3).filled(Colour::WHITE);
    }
    if uncertain {
        paint = Paint::line(colour, 1.4)
            .filled(colour)
            .with_opacity(0.3)
            .dashed(&[2.0, 1.5]);
    }
    let (x, y) = (centre.x, centre.y);
    match significance {
        Some(Significance::High) => Shape::Polygon {
            points: vec![
                Point::new(x, y - R),
                Point::new(x + R, y),
                Point::new(x, y + R),
                Point::new(x - R, y),
            ],
            paint,
        },
        Some(Significance::Medium) => Shape::Polygon {
            points: vec![
                Point::new(x, y - 5.5),
                Point::new(x + 5.5, y + 4.5),
                Point::new(x - 5.5, y + 4.5),
            ],
            paint,
        },
        _ => Shape::Circle {
            centre,
            radius: 4.0,
            paint,
        },
    }
}

/// A small round sign beside a mark: a filled disc with a minus for harm, an open disc with a
/// plus for a good change. Black and white, so it survives greyscale printing.
fn sign(centre: Point, valence: Valence) -> Vec<Shape> {
    let (x, y) = (centre.x, centre.y);
    let bar = |a: Point, b: Point, colour| Shape::Polyline {
        points: vec![a, b],
        paint: Paint::line(colour, 1.2),
    };
    match valence {
        Valence::Negative => vec![
            Shape::Circle {
                centre,
                radius: 3.6,
                paint: Paint::fill(INK),
            },
            bar(
                Point::new(x - 2.0, y),
                Point::new(x + 2.0, y),
                Colour::WHITE,
            ),
        ],
        Valence::Positive => vec![
            Shape::Circle {
                centre,
                radius: 3.6,
                paint: Paint::line(INK, 1.0).filled(Colour::WHITE),
            },
            bar(Point::new(x - 2.0, y), Point::new(x + 2.0, y), INK),
            bar(Point::new(x, y - 2.0), Point::new(x, y + 2.0), INK),
        ],
        Valence::Neutral => Vec::new(),
    }
}

/// The non-neutral valences of an entry's impacts: harm first.
fn valences(entry: &Entry) -> Vec<Valence> {
    let mut out = Vec::new();
    for v in [Valence::Negative, Valence::Positive] {
        if entry.impacts.iter().any(|i| i.valence == v) {
            out.push(v);
        }
    }
    out
}

fn text_shape(
    origin: Point,
    lines: Vec<String>,
    size: f64,
    anchor: Anchor,
    weight: Weight,
    colour: Colour,
) -> Shape {
    Shape::Text {
        origin,
        lines,
        size,
        line_height: size * 1.25,
        anchor,
        weight,
        colour,
        halo: 0.0,
    }
}

/// The baseline of text at `size` whose line box starts at `top`.
fn baseline(top: f64, size: f64) -> f64 {
    top + size * 0.95
}

/// The status line of a disputed or alleged entry.
fn status_text(entry: &Entry) -> Option<String> {
    let word = match entry.status {
        EntryStatus::Agreed => return None,
        EntryStatus::Disputed => "Disputed",
        EntryStatus::Alleged => "Alleged",
    };
    Some(match &entry.status_note {
        Some(note) => format!("{word}: {note}"),
        None => word.to_string(),
    })
}

/// The date or period of an entry as shown: "14 Mar 2019", "Feb 2020 to c. Sep 2021".
pub fn entry_date_text(entry: &Entry) -> String {
    let mut text = entry.date.to_string();
    if let Some(end) = &entry.end {
        text.push_str(" to ");
        text.push_str(&end.to_string());
    }
    text
}

/// Everything about an entry in one paragraph: the mark's tooltip and screen-reader text.
pub fn entry_text(case: &Case, entry: &Entry) -> String {
    let mut parts = vec![format!("No. {}, {}", entry.number, entry_date_text(entry))];
    if let Some((h, m)) = entry.time {
        parts[0].push_str(&format!(", {h:02}:{m:02}"));
    }
    parts.push(entry.event.clone());
    let ages: Vec<String> = entry
        .children
        .iter()
        .map(|c| match case.person(c) {
            Some(p) => match p.born {
                Some(born) => format!(
                    "{} ({})",
                    p.display_name(),
                    Age::at(&born, entry.date.start())
                ),
                None => p.display_name().to_string(),
            },
            None => c.to_string(),
        })
        .collect();
    if !ages.is_empty() {
        parts.push(format!("Children: {}", ages.join(", ")));
    }
    parts.push(format!("Category: {}", category_name(&entry.category)));
    for impact in &entry.impacts {
        let who = impact
            .child
            .as_ref()
            .map(|c| format!(" on {}", name_of(case, c)))
            .unwrap_or_default();
        let valence = match impact.valence {
            Valence::Negative => " (negative)",
            Valence::Positive => " (positive)",
            Valence::Neutral => "",
        };
        parts.push(format!("Impact{who}: {}{valence}", impact.text));
    }
    if let Some(voice) = &entry.voice {
        parts.push(format!("Child's voice: \u{201c}{voice}\u{201d}"));
    }
    if let Some(action) = &entry.action {
        parts.push(format!("Action: {action}"));
    }
    let mut source = format!("Source: {}", entry.source);
    if let Some(reference) = &entry.reference {
        source.push_str(&format!(", reference {reference}"));
    }
    parts.push(source);
    parts.push(format!(
        "Significance: {}",
        significance_name(entry.significance)
    ));
    if let Some(status) = status_text(entry) {
        parts.push(format!("Status: {status}"));
    }
    if !entry.people.is_empty() {
        let people: Vec<String> = entry
            .people
            .iter()
            .map(|i| match &i.role {
                Some(role) => format!("{} ({role})", name_of(case, &i.person)),
                None => name_of(case, &i.person),
            })
            .collect();
        parts.push(format!("People: {}", people.join(", ")));
    }
    if !entry.factors.is_empty() {
        parts.push(format!("Factors: {}", entry.factors.join(", ")));
    }
    let mut text = String::new();
    for part in parts {
        if !text.is_empty() {
            text.push_str(if text.ends_with(['.', '!', '?']) {
                " "
            } else {
                ". "
            });
        }
        text.push_str(part.trim());
    }
    text
}

fn name_of(case: &Case, id: &PersonId) -> String {
    case.person(id)
        .map(|p| p.display_name().to_string())
        .unwrap_or_else(|| id.to_string())
}

/// One lane: its key, its label and its entries in date order.
struct Lane<'a> {
    id: String,
    label: String,
    /// The child whose age the labels show, in lanes by child.
    child: Option<PersonId>,
    entries: Vec<&'a Entry>,
    before: usize,
    after: usize,
}

/// How an entry was placed in its lane.
struct Placed<'a> {
    entry: &'a Entry,
    id: String,
    row: usize,
    /// The full label and where it starts, or `None` when only the number is shown.
    label: Option<PlacedLabel>,
}

/// Where an entry's mark is, for placing its label.
#[derive(Clone, Copy)]
struct LabelShape {
    is_period: bool,
    x: f64,
    left: f64,
    mark_right: f64,
    bar_right: f64,
    limit: f64,
    x0: f64,
}

struct PlacedLabel {
    header: Vec<String>,
    body: Vec<String>,
    x: f64,
    width: f64,
    anchor: Anchor,
    /// Rows below the entry's row where the label starts (1 under a period bar).
    offset: usize,
}

struct Builder<'a> {
    case: &'a Case,
    options: &'a TimelineOptions,
    selection: &'a Selection<'a>,
    measure: Measure,
    back: Vec<Item>,
    front: Vec<Item>,
    keys: BTreeSet<Key>,
    scale: Scale,
    /// Left edge of the lane label column, of the summary column, of the list column.
    summary_x: Option<f64>,
    after_x: Option<f64>,
    list_x: f64,
    list_used: bool,
    /// Entry ids handed out so far, so repeats in several lanes stay unique.
    ids: BTreeMap<u32, usize>,
    y: f64,
}

impl<'a> Builder<'a> {
    fn new(case: &'a Case, options: &'a TimelineOptions, selection: &'a Selection<'a>) -> Self {
        let (start, end) = range(case, options, selection);
        let plot_width = options.plot_width.max(300.0);
        let mut x = MARGIN + LABEL_W;
        let summary_x = (!selection.before.is_empty() || options.focus.from.is_some()).then(|| {
            let at = x;
            x += SUMMARY_W + 10.0;
            at
        });
        let scale = Scale {
            start,
            end,
            x0: x + R + 2.0,
            width: plot_width,
        };
        let mut right = scale.right() + OVERHANG;
        let after_x = (!selection.after.is_empty()).then(|| {
            let at = right;
            right += SUMMARY_W + 10.0;
            at
        });
        Builder {
            case,
            options,
            selection,
            measure: Measure::default(),
            back: Vec::new(),
            front: Vec::new(),
            keys: BTreeSet::new(),
            scale,
            summary_x,
            after_x,
            list_x: right + 10.0,
            list_used: false,
            ids: BTreeMap::new(),
            y: MARGIN,
        }
    }

    fn content_right(&self) -> f64 {
        if self.list_used {
            self.list_x + LIST_W
        } else {
            self.list_x - 10.0
        }
    }

    fn build(mut self) -> Scene {
        let lanes = self.lanes();
        let title_index = self.front.len();
        // The title block needs the final width, so it is measured now and placed at the end.
        let title_lines = self.title_lines(&lanes);
        let title_height = 24.0 + title_lines.len() as f64 * 14.0 + 10.0;
        self.y += title_height;
        let axis_top = self.y;
        self.calendar_axis("axis-top", false);
        for child in self.selection.children.clone() {
            self.age_axis(&child);
        }
        self.y += 6.0;
        self.band_section();
        let gaps = self.gaps();
        self.gap_labels(&gaps);
        let lanes_top = self.y + 4.0;
        self.y = lanes_top;
        for (i, lane) in lanes.iter().enumerate() {
            self.lane(lane, i);
        }
        let lanes_bottom = self.y;
        self.status_shading(lanes_top, lanes_bottom);
        self.draw_gaps(&gaps, lanes_top, lanes_bottom);
        self.grid(axis_top + 22.0, lanes_bottom);
        self.summary_heads(axis_top, lanes_top, lanes_bottom);
        self.y += 4.0;
        self.calendar_axis("axis-bottom", true);
        self.pattern_strip();
        self.legend();
        let width = self.content_right() + MARGIN;
        self.title(title_index, &title_lines, width);
        let mut scene = Scene::new(self.scene_title());
        scene.width = width;
        scene.height = self.y + MARGIN;
        scene.items = std::mem::take(&mut self.back);
        scene.items.append(&mut self.front);
        let s = self.selection;
        scene
            .metrics
            .insert("entries-shown".into(), s.shown.len() as f64);
        scene.metrics.insert(
            "entries-summarised".into(),
            (s.before.len() + s.after.len()) as f64,
        );
        scene
            .metrics
            .insert("entries-left-out".into(), s.left_out.len() as f64);
        scene.metrics.insert("lanes".into(), lanes.len() as f64);
        scene.metrics.insert("gaps".into(), gaps.len() as f64);
        scene.metrics.insert("crossings".into(), 0.0);
        scene
    }

    fn scene_title(&self) -> String {
        let title = &self.case.details.title;
        if title.is_empty() {
            "Chronology timeline".to_string()
        } else {
            format!("{title}: chronology timeline")
        }
    }

    // ----- lanes -----

    fn lanes(&self) -> Vec<Lane<'a>> {
        let s = self.selection;
        let mut lanes: BTreeMap<(usize, String), Lane<'a>> = BTreeMap::new();
        let groups: [(&Vec<&'a Entry>, u8); 3] = [(&s.shown, 0), (&s.before, 1), (&s.after, 2)];
        for (list, which) in groups {
            for entry in list.iter() {
                for (order, label, child) in self.lane_keys(entry) {
                    let lane = lanes.entry(order.clone()).or_insert_with(|| Lane {
                        id: format!("lane-{}", slug(&order.1)),
                        label,
                        child,
                        entries: Vec::new(),
                        before: 0,
                        after: 0,
                    });
                    match which {
                        0 => lane.entries.push(entry),
                        1 => lane.before += 1,
                        _ => lane.after += 1,
                    }
                }
            }
        }
        lanes.into_values().collect()
    }

    /// The lanes an entry belongs in, each with a key that sorts lanes, a label, and the
    /// child whose age the lane shows.
    fn lane_keys(&self, entry: &Entry) -> Vec<((usize, String), String, Option<PersonId>)> {
        let s = self.selection;
        match self.options.lanes {
            Lanes::Category => {
                let key = category_key(&entry.category);
                let order = CATEGORY_ORDER
                    .iter()
                    .position(|c| *c == key)
                    .unwrap_or(CATEGORY_ORDER.len());
                vec![((order, key.clone()), category_name(&key), None)]
            }
            Lanes::Person => {
                if entry.people.is_empty() {
                    return vec![(
                        (usize::MAX, "no-one-named".into()),
                        "No one named".into(),
                        None,
                    )];
                }
                let mut out: Vec<((usize, String), String, Option<PersonId>)> = Vec::new();
                for involvement in &entry.people {
                    let id = &involvement.person;
                    let position = self.case.people.position(id).unwrap_or(usize::MAX / 4);
                    let order = if self.case.is_subject(id) {
                        position
                    } else {
                        self.case.people.len() + position
                    };
                    let key = (order, format!("person-{id}"));
                    if !out.iter().any(|k| k.0 == key) {
                        out.push((key, name_of(self.case, id), None));
                    }
                }
                out
            }
            Lanes::Child => {
                let children: Vec<&PersonId> = if entry.children.is_empty() {
                    s.children.iter().collect()
                } else {
                    entry
                        .children
                        .iter()
                        .filter(|c| s.children.contains(c))
                        .collect()
                };
                if children.is_empty() {
                    return vec![(
                        (usize::MAX, "no-child".into()),
                        "No subject child named".into(),
                        None,
                    )];
                }
                children
                    .into_iter()
                    .map(|c| {
                        let order = s.children.iter().position(|x| x == c).unwrap_or(0);
                        (
                            (order, format!("child-{c}")),
                            name_of(self.case, c),
                            Some(c.clone()),
                        )
                    })
                    .collect()
            }
        }
    }

    fn next_id(&mut self, number: u32) -> String {
        let seen = self.ids.entry(number).or_insert(0);
        *seen += 1;
        if *seen == 1 {
            format!("entry-{number}")
        } else {
            format!("entry-{number}-{seen}")
        }
    }

    /// The bold first lines of a label: number, date and the children's ages.
    fn header(&self, entry: &Entry, lane: &Lane) -> String {
        let mut text = format!("{} \u{00b7} {}", entry.number, entry_date_text(entry));
        let children: Vec<&PersonId> = match &lane.child {
            Some(child) => vec![child],
            None => entry
                .children
                .iter()
                .filter(|c| self.selection.children.contains(c))
                .collect(),
        };
        let mut ages = Vec::new();
        for child in children {
            if let Some(person) = self.case.person(child)
                && let Some(born) = &person.born
            {
                // Before the pregnancy there is no age to show.
                if entry.date.start() < born.start() - chrono::Days::new(280) {
                    continue;
                }
                let age = age_short(&Age::at(born, entry.date.start()));
                if lane.child.is_some() || self.selection.children.len() == 1 {
                    ages.push(age);
                } else {
                    ages.push(format!("{} {age}", self.short_name(child)));
                }
            }
        }
        if !ages.is_empty() {
            text.push_str(" \u{00b7} ");
            text.push_str(&ages.join(", "));
        }
        text
    }

    /// A subject child's first name, or their whole name when another child shares it.
    fn short_name(&self, child: &PersonId) -> String {
        let name = name_of(self.case, child);
        let first = name.split_whitespace().next().unwrap_or(&name).to_string();
        let shared = self
            .case
            .details
            .subjects
            .iter()
            .filter(|c| *c != child)
            .any(|c| name_of(self.case, c).split_whitespace().next() == Some(first.as_str()));
        if shared { name } else { first }
    }

    /// The row for an entry shown by its number only: in the lane's first rows if there is
    /// room, else in the unbounded rows below.
    fn compact_row(
        &mut self,
        entry: &Entry,
        x: f64,
        right_of_mark: f64,
        rows: &mut Rows,
        overflow: &mut Overflow,
    ) -> usize {
        let number_w = self
            .measure
            .width(&entry.number.to_string(), SMALL, Weight::Bold);
        let right = right_of_mark + 2.0 + number_w;
        // The same left for every entry (the widest a mark reaches left of its date), so the
        // overflow rows see lefts in order.
        let compact = [Claim {
            offset: 0,
            left: x - R - 10.5,
            right,
        }];
        match rows.place(&compact, GAP, MAX_FULL_ROWS) {
            Some(row) => row,
            None => MAX_FULL_ROWS + overflow.place(x - R - 10.5, right, GAP),
        }
    }

    /// Where a full label goes and the rows it claims: beside the mark for an event (to the
    /// left near the right edge), under the bar for a period.
    fn full_label(
        &mut self,
        shape: &LabelShape,
        header_lines: Vec<String>,
        body_lines: Vec<String>,
    ) -> Option<(Vec<Claim>, PlacedLabel)> {
        let width = self
            .measure
            .widest(&header_lines, FONT, Weight::Bold)
            .max(self.measure.widest(&body_lines, FONT, Weight::Regular))
            + 2.0;
        let depth = header_lines.len() + body_lines.len();
        let LabelShape {
            is_period,
            x,
            left,
            mark_right,
            bar_right,
            limit,
            x0,
        } = *shape;
        if is_period {
            let lx = x.min(limit - width).max(x0 - R);
            if lx + width > limit {
                return None;
            }
            let mut claims = vec![Claim {
                offset: 0,
                left,
                right: bar_right,
            }];
            claims.extend((0..depth).map(|o| Claim {
                offset: o + 1,
                left: lx,
                right: lx + width,
            }));
            let label = PlacedLabel {
                header: header_lines,
                body: body_lines,
                x: lx,
                width,
                anchor: Anchor::Start,
                offset: 1,
            };
            return Some((claims, label));
        }
        let start = mark_right + 3.0;
        let (l, r, lx) = if start + width <= limit {
            (left, start + width, start)
        } else {
            // Near the right edge the label goes to the left of the mark, if there is room
            // before the plot's left edge.
            let end = left - 3.0;
            if end - width < x0 - R - 10.5 {
                return None;
            }
            (end - width, mark_right, end - width)
        };
        let claims = (0..depth)
            .map(|o| Claim {
                offset: o,
                left: l,
                right: r,
            })
            .collect();
        let label = PlacedLabel {
            header: header_lines,
            body: body_lines,
            x: lx,
            width,
            anchor: Anchor::Start,
            offset: 0,
        };
        Some((claims, label))
    }

    fn lane(&mut self, lane: &Lane<'a>, index: usize) {
        let top = self.y;
        let scale = self.scale;
        let limit = scale.right() + OVERHANG - 4.0;
        let mut rows = Rows::default();
        let mut overflow = Overflow::default();
        let mut placed: Vec<Placed<'a>> = Vec::with_capacity(lane.entries.len());
        for entry in &lane.entries {
            let id = self.next_id(entry.number);
            let x = scale.x_clamped(entry.date.start());
            let (left, mark_right) = extent(&scale, entry);
            let bar_right = mark_right;
            let is_period = entry.end.is_some();
            // In a saturated lane, find out cheaply whether a label could fit at all before
            // writing and wrapping it: the number and date on one line above one line of text,
            // on either side of the mark. (A wrong guess here only numbers an entry that might
            // have had a label; it never lets anything overlap.)
            if !is_period {
                let prefix = format!("{} \u{00b7} {}", entry.number, entry_date_text(entry));
                let pw = self.measure.width(&prefix, FONT, Weight::Bold).min(100.0);
                let start = mark_right + 3.0;
                let two = |l: f64, r: f64| {
                    [0, 1].map(|o| Claim {
                        offset: o,
                        left: l,
                        right: r,
                    })
                };
                if !rows.can_place(&two(left, start + pw), GAP, MAX_FULL_ROWS)
                    && !rows.can_place(&two(left - 3.0 - pw, mark_right), GAP, MAX_FULL_ROWS)
                {
                    let row = self.compact_row(entry, x, mark_right, &mut rows, &mut overflow);
                    placed.push(Placed {
                        entry,
                        id,
                        row,
                        label: None,
                    });
                    continue;
                }
            }
            let header = self.header(entry, lane);
            let header_lines = self.measure.wrap(&header, FONT, Weight::Bold, LABEL_MAX_W);
            // Then whether the header and one line could fit, before wrapping the whole event
            // text: a box that small must fit on one side of the mark for any full label to.
            if !is_period {
                let hw = self.measure.widest(&header_lines, FONT, Weight::Bold);
                let rows_needed = header_lines.len() + 1;
                let start = mark_right + 3.0;
                let side = |l: f64, r: f64| -> Vec<Claim> {
                    (0..rows_needed)
                        .map(|o| Claim {
                            offset: o,
                            left: l,
                            right: r,
                        })
                        .collect()
                };
                let right_side = side(left, start + hw);
                let left_side = side(left - 3.0 - hw, mark_right);
                if !rows.can_place(&right_side, GAP, MAX_FULL_ROWS)
                    && !rows.can_place(&left_side, GAP, MAX_FULL_ROWS)
                {
                    let row = self.compact_row(entry, x, mark_right, &mut rows, &mut overflow);
                    placed.push(Placed {
                        entry,
                        id,
                        row,
                        label: None,
                    });
                    continue;
                }
            }
            let mut body_text = entry.event.clone();
            if let Some(status) = status_text(entry) {
                body_text.push_str(&format!(" [{status}]"));
            }
            // The usual width first; a wider, shorter label next, which often fits between
            // the labels of a busy stretch.
            let mut label_placed = false;
            for wrap_width in [LABEL_MAX_W, LABEL_WIDE_W] {
                let header_lines = if wrap_width == LABEL_MAX_W {
                    header_lines.clone()
                } else {
                    self.measure.wrap(&header, FONT, Weight::Bold, wrap_width)
                };
                let body_lines = self
                    .measure
                    .wrap(&body_text, FONT, Weight::Regular, wrap_width);
                let shape = LabelShape {
                    is_period,
                    x,
                    left,
                    mark_right,
                    bar_right,
                    limit,
                    x0: scale.x0,
                };
                let Some((claims, label)) = self.full_label(&shape, header_lines, body_lines)
                else {
                    continue;
                };
                if let Some(row) = rows.place(&claims, GAP, MAX_FULL_ROWS) {
                    placed.push(Placed {
                        entry,
                        id: id.clone(),
                        row,
                        label: Some(label),
                    });
                    label_placed = true;
                    break;
                }
            }
            if label_placed {
                continue;
            }
            // A dense cluster: the mark carries its number and the entry is listed.
            let row = self.compact_row(entry, x, bar_right, &mut rows, &mut overflow);
            placed.push(Placed {
                entry,
                id,
                row,
                label: None,
            });
        }
        let used = if overflow.used() > 0 {
            MAX_FULL_ROWS + overflow.used()
        } else {
            rows.used()
        };
        let rows_top = top + LANE_PAD;
        let mut height = used as f64 * ROW_H + 2.0 * LANE_PAD;
        // The lane label.
        let label_lines = self
            .measure
            .wrap(&lane.label, 11.0, Weight::Bold, LABEL_W - 16.0);
        let count = lane.entries.len();
        let count_line = format!("{count} entr{}", if count == 1 { "y" } else { "ies" });
        let label_height = label_lines.len() as f64 * 13.75 + 13.0 + 2.0 * LANE_PAD;
        height = height.max(label_height);
        // The list of numbered entries beside the lane.
        let numbered: Vec<&Placed> = placed.iter().filter(|p| p.label.is_none()).collect();
        let mut list_items = Vec::new();
        if !numbered.is_empty() {
            self.list_used = true;
            self.keys.insert(Key::Numbered);
            let mut ly = rows_top;
            for p in &numbered {
                let text = format!(
                    "{}  {}  {}{}",
                    p.entry.number,
                    entry_date_text(p.entry),
                    p.entry.event,
                    status_text(p.entry)
                        .map(|s| format!(" [{s}]"))
                        .unwrap_or_default()
                );
                let lines = self
                    .measure
                    .wrap(&text, SMALL, Weight::Regular, LIST_W - 8.0);
                let h = lines.len() as f64 * SMALL * 1.25;
                let w = self.measure.widest(&lines, SMALL, Weight::Regular);
                let mut item = Item::new(ItemKind::EntryLabel, format!("{}-listed", p.id));
                item.entries = vec![p.entry.number];
                item.classes = vec!["listed".into()];
                item.bbox = Rect::new(self.list_x, ly, w.max(1.0), h);
                item.shapes.push(text_shape(
                    Point::new(self.list_x, baseline(ly, SMALL)),
                    lines,
                    SMALL,
                    Anchor::Start,
                    Weight::Regular,
                    INK,
                ));
                list_items.push(item);
                ly += h + 2.0;
            }
            height = height.max(ly - top + LANE_PAD);
        }
        // Background: alternate tints so lanes read as rows across the page.
        let right = self
            .content_right()
            .max(self.list_x + if self.list_used { LIST_W } else { 0.0 });
        let mut background = Item::new(ItemKind::Lane, lane.id.clone());
        background.bbox = Rect::new(MARGIN, top, right - MARGIN, height);
        if index.is_multiple_of(2) {
            background.shapes.push(Shape::Rect {
                rect: background.bbox,
                corner: 0.0,
                paint: Paint::fill(LANE_TINT),
            });
        }
        background.shapes.push(Shape::Polyline {
            points: vec![Point::new(MARGIN, top), Point::new(right, top)],
            paint: Paint::line(RULE, 0.6),
        });
        background.shapes.push(text_shape(
            Point::new(MARGIN + 6.0, baseline(top + LANE_PAD, 11.0)),
            label_lines.clone(),
            11.0,
            Anchor::Start,
            Weight::Bold,
            INK,
        ));
        background.shapes.push(text_shape(
            Point::new(
                MARGIN + 6.0,
                baseline(top + LANE_PAD + label_lines.len() as f64 * 13.75, SMALL),
            ),
            vec![count_line],
            SMALL,
            Anchor::Start,
            Weight::Regular,
            MUTED,
        ));
        background.title = Some(format!(
            "{}: {count} entr{}",
            lane.label,
            if count == 1 { "y" } else { "ies" }
        ));
        self.back.push(background);
        // The summary of history outside the focus window, in this lane's row.
        for (x, n, word) in [
            (self.summary_x, lane.before, "earlier"),
            (self.after_x, lane.after, "later"),
        ] {
            if let Some(x) = x
                && n > 0
            {
                let text = format!("{n} {word} entr{}", if n == 1 { "y" } else { "ies" });
                let lines = self
                    .measure
                    .wrap(&text, FONT, Weight::Regular, SUMMARY_W - 12.0);
                let mut item = Item::new(
                    ItemKind::Summary,
                    format!("summary-{word}-{}", slug(&lane.id)),
                );
                let w = self.measure.widest(&lines, FONT, Weight::Regular);
                item.bbox = Rect::new(x + 6.0, top + LANE_PAD, w, lines.len() as f64 * 12.5);
                item.shapes.push(text_shape(
                    Point::new(x + 6.0, baseline(top + LANE_PAD, FONT)),
                    lines,
                    FONT,
                    Anchor::Start,
                    Weight::Regular,
                    INK,
                ));
                item.title = Some(format!("{}: {text}", lane.label));
                self.front.push(item);
            }
        }
        for p in placed {
            self.entry_items(p, rows_top);
        }
        self.front.extend(list_items);
        self.y = top + height;
    }

    fn entry_items(&mut self, p: Placed<'a>, rows_top: f64) {
        let entry = p.entry;
        let scale = self.scale;
        let y = rows_top + p.row as f64 * ROW_H + ROW_H / 2.0;
        let x = scale.x_clamped(entry.date.start());
        let mut item = Item::new(ItemKind::Entry, p.id.clone());
        item.entries = vec![entry.number];
        item.people = entry.people.iter().map(|i| i.person.to_string()).collect();
        item.title = Some(entry_text(self.case, entry));
        item.classes
            .push(significance_name(entry.significance).replace(' ', "-"));
        self.keys.insert(Key::Significance(entry.significance));
        match entry.status {
            EntryStatus::Agreed => {}
            EntryStatus::Disputed => {
                item.classes.push("disputed".into());
                self.keys.insert(Key::Disputed);
            }
            EntryStatus::Alleged => {
                item.classes.push("alleged".into());
                self.keys.insert(Key::Alleged);
            }
        }
        let colour = significance_colour(entry.significance);
        let (left, right) = extent(&scale, entry);
        if let Some(end) = &entry.end {
            item.classes.push("period".into());
            self.keys.insert(Key::PeriodBar);
            let certain_end = if end.is_uncertain() {
                end.start()
            } else {
                end.end()
            };
            let xs = x;
            let xm = scale.x_clamped(certain_end).max(xs);
            let xe = scale.x_clamped(end.end()).max(xm);
            let bar = Paint::fill(colour).with_opacity(0.55);
            item.shapes.push(Shape::Rect {
                rect: Rect::new(xs, y - 2.5, (xm - xs).max(0.5), 5.0),
                corner: 0.0,
                paint: bar,
            });
            if end.is_uncertain() {
                // The uncertain end fades out in a dashed outline.
                self.keys.insert(Key::UncertainEnd);
                item.classes.push("uncertain-end".into());
                item.shapes.push(Shape::Rect {
                    rect: Rect::new(xm, y - 2.5, (xe - xm).max(6.0), 5.0),
                    corner: 0.0,
                    paint: Paint::line(colour, 0.8)
                        .filled(colour)
                        .with_opacity(0.15)
                        .dashed(&[2.0, 2.0]),
                });
            }
            if end.end() > scale.end {
                self.keys.insert(Key::Continues);
                item.shapes
                    .push(chevron(Point::new(scale.right() + 1.0, y), 1.0));
            }
        } else if entry.date.is_uncertain() {
            // A date known only to a month or year, or approximate: a whisker over the
            // whole period it could be, and an arrow for "before" or "after".
            self.keys.insert(Key::UncertainDate);
            item.classes.push("uncertain-date".into());
            let xe = whisker_right(&scale, &entry.date);
            let dash: &[f64] = if entry.date.qualifier() == Qualifier::About {
                &[2.0, 2.0]
            } else {
                &[]
            };
            item.shapes.push(Shape::Polyline {
                points: vec![Point::new(x, y), Point::new(xe, y)],
                paint: Paint::line(colour, 1.2).dashed(dash),
            });
            item.shapes.push(Shape::Polyline {
                points: vec![Point::new(xe, y - 3.0), Point::new(xe, y + 3.0)],
                paint: Paint::line(colour, 1.2),
            });
            match entry.date.qualifier() {
                Qualifier::Before => {
                    item.shapes.push(Shape::Polyline {
                        points: vec![
                            Point::new(x - 6.0, y - 3.0),
                            Point::new(x - 10.0, y),
                            Point::new(x - 6.0, y + 3.0),
                        ],
                        paint: Paint::line(colour, 1.2),
                    });
                    item.shapes.push(Shape::Polyline {
                        points: vec![Point::new(x - 10.0, y), Point::new(x, y)],
                        paint: Paint::line(colour, 1.2),
                    });
                }
                Qualifier::After => {
                    item.shapes.push(Shape::Polyline {
                        points: vec![
                            Point::new(xe + 6.0, y - 3.0),
                            Point::new(xe + 10.0, y),
                            Point::new(xe + 6.0, y + 3.0),
                        ],
                        paint: Paint::line(colour, 1.2),
                    });
                }
                _ => {}
            }
        }
        if entry.date.start() < scale.start {
            self.keys.insert(Key::Continues);
            item.shapes
                .push(chevron(Point::new(scale.x0 - 1.0, y), -1.0));
        }
        item.shapes
            .push(mark(Point::new(x, y), entry.significance, entry.status));
        let mut sx = x + R + SIGN_W / 2.0;
        for v in valences(entry) {
            self.keys.insert(if v == Valence::Negative {
                Key::Negative
            } else {
                Key::Positive
            });
            item.classes.push(
                match v {
                    Valence::Negative => "negative",
                    _ => "positive",
                }
                .into(),
            );
            item.shapes.extend(sign(Point::new(sx, y), v));
            sx += SIGN_W;
        }
        match p.label {
            None => {
                item.classes.push("numbered".into());
                let text = entry.number.to_string();
                let w = self.measure.width(&text, SMALL, Weight::Bold);
                let tx = right + 2.0;
                let mut label = Item::new(ItemKind::EntryLabel, format!("{}-label", p.id));
                label.entries = vec![entry.number];
                label.classes = vec!["number".into()];
                label.bbox = Rect::new(tx, y - ROW_H / 2.0, w, ROW_H);
                label.shapes.push(text_shape(
                    Point::new(tx, y + SMALL * 0.35),
                    vec![text],
                    SMALL,
                    Anchor::Start,
                    Weight::Bold,
                    INK,
                ));
                item.bbox = Rect::new(left, y - ROW_H / 2.0, right - left, ROW_H);
                self.front.push(item);
                self.front.push(label);
            }
            Some(l) => {
                let top = y - ROW_H / 2.0 + l.offset as f64 * ROW_H;
                let lines = l.header.len() + l.body.len();
                let bx = match l.anchor {
                    Anchor::End => l.x - l.width,
                    _ => l.x,
                };
                let mut label = Item::new(ItemKind::EntryLabel, format!("{}-label", p.id));
                label.entries = vec![entry.number];
                label.bbox = Rect::new(bx, top, l.width, lines as f64 * ROW_H);
                let hb = l.header.len() as f64;
                label.shapes.push(Shape::Text {
                    origin: Point::new(l.x, baseline(top + 1.0, FONT)),
                    lines: l.header,
                    size: FONT,
                    line_height: ROW_H,
                    anchor: l.anchor,
                    weight: Weight::Bold,
                    colour: INK,
                    halo: 0.0,
                });
                label.shapes.push(Shape::Text {
                    origin: Point::new(l.x, baseline(top + 1.0 + hb * ROW_H, FONT)),
                    lines: l.body,
                    size: FONT,
                    line_height: ROW_H,
                    anchor: l.anchor,
                    weight: Weight::Regular,
                    colour: INK,
                    halo: 0.0,
                });
                item.bbox = Rect::new(left, y - ROW_H / 2.0, right - left, ROW_H);
                self.front.push(item);
                self.front.push(label);
            }
        }
    }

    // ----- title, axes, bands -----

    fn title_lines(&mut self, lanes: &[Lane]) -> Vec<String> {
        let s = self.selection;
        let d = &self.case.details;
        let mut first = Vec::new();
        if !d.reference.is_empty() {
            first.push(format!("Reference {}", d.reference));
        }
        first.push(format!("As at {}", scale::day_label(d.as_at)));
        let lanes_by = match self.options.lanes {
            Lanes::Category => "category",
            Lanes::Person => "person",
            Lanes::Child => "child",
        };
        first.push(format!("{} lanes by {lanes_by}", lanes.len()));
        first.push(format!(
            "{} of {} entries drawn",
            s.shown.len(),
            self.case.entries.len()
        ));
        let mut lines = vec![first.join("  \u{00b7}  ")];
        if let Some(from) = self.options.focus.from {
            let to = self.options.focus.to.unwrap_or(self.scale.end);
            lines.push(format!(
                "Focus: {} to {}. {} earlier entr{} summarised in the grey column{}.",
                scale::day_label(from),
                scale::day_label(to),
                s.before.len(),
                if s.before.len() == 1 {
                    "y is"
                } else {
                    "ies are"
                },
                if s.after.is_empty() {
                    String::new()
                } else {
                    format!("; {} on the right", entries_text(s.after.len(), "later"))
                }
            ));
        } else if let Some(to) = self.options.focus.to {
            lines.push(format!(
                "Focus: up to {}. {} summarised on the right.",
                scale::day_label(to),
                entries_text(s.after.len(), "later")
            ));
        }
        if !s.left_out.is_empty() {
            let reasons: Vec<String> = s
                .left_out_counts()
                .iter()
                .map(|(r, n)| format!("{n} by {}", r.name()))
                .collect();
            let mut numbers: Vec<String> = s
                .left_out
                .iter()
                .take(30)
                .map(|(e, _)| e.number.to_string())
                .collect();
            if s.left_out.len() > 30 {
                numbers.push(format!("and {} more", s.left_out.len() - 30));
            }
            lines.push(format!(
                "Not drawn because of the filters chosen: {} entr{} ({}): Nos. {}.",
                s.left_out.len(),
                if s.left_out.len() == 1 { "y" } else { "ies" },
                reasons.join(", "),
                numbers.join(", ")
            ));
        }
        if s.children.len() < self.case.details.subjects.len() {
            let names: Vec<String> = s.children.iter().map(|c| name_of(self.case, c)).collect();
            lines.push(format!("Showing {} only.", names.join(" and ")));
        }
        let width = self.scale.right() + OVERHANG - MARGIN;
        let mut out = Vec::new();
        for line in lines {
            out.extend(self.measure.wrap(&line, 11.0, Weight::Regular, width));
        }
        out
    }

    fn title(&mut self, index: usize, lines: &[String], width: f64) {
        let mut item = Item::new(ItemKind::Title, "title");
        let height = 24.0 + lines.len() as f64 * 14.0;
        item.bbox = Rect::new(MARGIN, MARGIN, width - 2.0 * MARGIN, height);
        item.shapes.push(text_shape(
            Point::new(MARGIN, baseline(MARGIN, 17.0)),
            vec![self.scene_title()],
            17.0,
            Anchor::Start,
            Weight::Bold,
            INK,
        ));
        item.shapes.push(Shape::Text {
            origin: Point::new(MARGIN, baseline(MARGIN + 24.0, 11.0)),
            lines: lines.to_vec(),
            size: 11.0,
            line_height: 14.0,
            anchor: Anchor::Start,
            weight: Weight::Regular,
            colour: MUTED,
            halo: 0.0,
        });
        self.front.insert(index, item);
    }

    fn tick_steps(&mut self) -> (u32, Option<u32>) {
        let per_month = self.scale.per_month();
        let mut major = *scale::STEPS.last().unwrap_or(&600);
        for step in scale::STEPS {
            let label = if step % 12 == 0 { "2024" } else { "Mar 2024" };
            let w = self.measure.width(label, FONT, Weight::Regular);
            if step as f64 * per_month >= w + 18.0 {
                major = step;
                break;
            }
        }
        let minor = scale::STEPS
            .iter()
            .copied()
            .find(|s| *s < major && major.is_multiple_of(*s) && *s as f64 * per_month >= 7.0);
        (major, minor)
    }

    fn calendar_axis(&mut self, id: &str, below: bool) {
        let (major, minor) = self.tick_steps();
        let scale = self.scale;
        let top = self.y;
        let line_y = if below { top } else { top + 20.0 };
        let mut item = Item::new(ItemKind::Axis, id);
        item.shapes.push(Shape::Polyline {
            points: vec![
                Point::new(scale.x0, line_y),
                Point::new(scale.right(), line_y),
            ],
            paint: Paint::line(INK, 1.0),
        });
        let dir = if below { 1.0 } else { -1.0 };
        if let Some(minor) = minor {
            for day in scale::ticks(scale.start, scale.end, minor) {
                let x = scale.x(day);
                item.shapes.push(Shape::Polyline {
                    points: vec![Point::new(x, line_y), Point::new(x, line_y + dir * 3.0)],
                    paint: Paint::line(INK, 0.6),
                });
            }
        }
        let mut last_right = f64::NEG_INFINITY;
        for day in scale::ticks(scale.start, scale.end, major) {
            let x = scale.x(day);
            item.shapes.push(Shape::Polyline {
                points: vec![Point::new(x, line_y), Point::new(x, line_y + dir * 6.0)],
                paint: Paint::line(INK, 1.0),
            });
            let label = scale::tick_label(day, major);
            let w = self.measure.width(&label, FONT, Weight::Regular);
            // A label centred on its tick, held inside the plot.
            let lx = (x - w / 2.0)
                .max(scale.x0 - R)
                .min(scale.right() + OVERHANG - w);
            if lx < last_right + 4.0 {
                continue;
            }
            last_right = lx + w;
            let ty = if below {
                line_y + 8.0
            } else {
                line_y - 8.0 - 12.5
            };
            item.shapes.push(text_shape(
                Point::new(lx, baseline(ty, FONT)),
                vec![label],
                FONT,
                Anchor::Start,
                Weight::Regular,
                INK,
            ));
        }
        item.bbox = Rect::new(scale.x0, top, scale.width, 22.0);
        item.title = Some(format!(
            "Calendar, {} to {}",
            scale::day_label(scale.start),
            scale::day_label(scale.end)
        ));
        self.front.push(item);
        self.y = top + 24.0;
    }

    fn grid(&mut self, top: f64, bottom: f64) {
        let (major, _) = self.tick_steps();
        let scale = self.scale;
        let mut item = Item::new(ItemKind::Axis, "axis-grid");
        for day in scale::ticks(scale.start, scale.end, major) {
            let x = scale.x(day);
            item.shapes.push(Shape::Polyline {
                points: vec![Point::new(x, top), Point::new(x, bottom)],
                paint: Paint::line(Colour(215, 215, 215), 0.6),
            });
        }
        item.bbox = Rect::new(scale.x0, top, scale.width, bottom - top);
        // Drawn behind the lanes' entries but over their tints.
        let at = self.back.len();
        self.back.insert(at, item);
    }

    fn age_axis(&mut self, child: &PersonId) {
        let scale = self.scale;
        let top = self.y;
        let Some(person) = self.case.person(child) else {
            return;
        };
        let name = person.display_name().to_string();
        let mut item = Item::new(ItemKind::Axis, format!("age-{}", slug(child.as_str())));
        item.people = vec![child.to_string()];
        let line_y = top + 6.0;
        let mut head = vec![format!("{name}'s age")];
        match person.born {
            None => {
                // A birth date left out of this version is "withheld": "not recorded" would
                // be a false statement about the record.
                let why = match person.birth_date_withheld {
                    true => "withheld from this version",
                    false => "not recorded",
                };
                item.shapes.push(text_shape(
                    Point::new(scale.x0, baseline(top + 2.0, FONT)),
                    vec![format!("Birth date {why}: ages cannot be shown")],
                    FONT,
                    Anchor::Start,
                    Weight::Regular,
                    MUTED,
                ));
                item.title = Some(format!("{name}: birth date {why}"));
            }
            Some(born) => {
                head.push(format!("born {born}"));
                let birth = born.start();
                let approx = born.is_uncertain();
                item.title = Some(format!("{name}'s age, born {born}"));
                item.shapes.push(Shape::Polyline {
                    points: vec![
                        Point::new(scale.x_clamped(birth), line_y),
                        Point::new(scale.right(), line_y),
                    ],
                    paint: Paint::line(MUTED, 1.0),
                });
                // Pregnancy: the 40 weeks before birth, hatched.
                let conceived = birth - chrono::Days::new(280);
                if birth > scale.start && conceived < scale.end {
                    let x0 = scale.x_clamped(conceived);
                    let x1 = scale.x_clamped(birth);
                    self.keys.insert(Key::PreBirth);
                    item.shapes.push(Shape::Rect {
                        rect: Rect::new(x0, line_y - 4.0, (x1 - x0).max(1.0), 8.0),
                        corner: 0.0,
                        paint: Paint::line(MUTED, 0.6)
                            .filled(Colour(230, 230, 230))
                            .dashed(&[2.0, 2.0]),
                    });
                    let w = self.measure.width("pre-birth", SMALL, Weight::Regular);
                    // With room, the stage of pregnancy in weeks (counted, as midwives do,
                    // from 40 weeks before the birth), for a birth date known to the day.
                    let exact = born.precision() == crate::model::Precision::Day
                        && born.qualifier() == Qualifier::Exact;
                    let weeks_room = (x1 - x0) >= 200.0 && exact;
                    if weeks_room {
                        item.shapes.push(text_shape(
                            Point::new(x0 + 2.0, line_y + 14.0),
                            vec!["pre-birth".into()],
                            SMALL,
                            Anchor::Start,
                            Weight::Regular,
                            MUTED,
                        ));
                        let mut last_right = x0 + 2.0 + w;
                        for week in [12u64, 20, 28, 36] {
                            let day = conceived + chrono::Days::new(week * 7);
                            if day < scale.start || day > scale.end {
                                continue;
                            }
                            let x = scale.x(day);
                            item.shapes.push(Shape::Polyline {
                                points: vec![
                                    Point::new(x, line_y - 4.0),
                                    Point::new(x, line_y + 4.0),
                                ],
                                paint: Paint::line(MUTED, 0.6),
                            });
                            let label = format!("{week}w");
                            let lw = self.measure.width(&label, SMALL, Weight::Regular);
                            if x - lw / 2.0 > last_right + 4.0 && x + lw / 2.0 < x1 - 4.0 {
                                last_right = x + lw / 2.0;
                                item.shapes.push(text_shape(
                                    Point::new(x, line_y + 14.0),
                                    vec![label],
                                    SMALL,
                                    Anchor::Middle,
                                    Weight::Regular,
                                    MUTED,
                                ));
                            }
                        }
                    } else if x1 - x0 >= w + 4.0 {
                        item.shapes.push(text_shape(
                            Point::new((x0 + x1) / 2.0, line_y + 14.0),
                            vec!["pre-birth".into()],
                            SMALL,
                            Anchor::Middle,
                            Weight::Regular,
                            MUTED,
                        ));
                    }
                }
                let per_month = scale.per_month();
                let step = [1u32, 3, 6, 12, 24, 60, 120]
                    .into_iter()
                    .find(|s| *s as f64 * per_month >= 56.0)
                    .unwrap_or(120);
                let mut months = 0u32;
                let mut last_right = f64::NEG_INFINITY;
                while let Some(day) = birth.checked_add_months(Months::new(months)) {
                    if day > scale.end {
                        break;
                    }
                    if day >= scale.start {
                        let x = scale.x(day);
                        item.shapes.push(Shape::Polyline {
                            points: vec![Point::new(x, line_y - 3.0), Point::new(x, line_y + 3.0)],
                            paint: Paint::line(INK, 0.8),
                        });
                        let label = age_label(months, approx);
                        let w = self.measure.width(&label, SMALL, Weight::Regular);
                        let lx = (x - w / 2.0).max(scale.x0 - R);
                        if lx > last_right + 4.0 {
                            last_right = lx + w;
                            item.shapes.push(text_shape(
                                Point::new(lx, line_y + 14.0),
                                vec![label],
                                SMALL,
                                Anchor::Start,
                                Weight::Regular,
                                INK,
                            ));
                        }
                    }
                    months += step;
                }
            }
        }
        item.shapes.push(Shape::Text {
            origin: Point::new(MARGIN + 6.0, baseline(top, FONT)),
            lines: head,
            size: FONT,
            line_height: 11.5,
            anchor: Anchor::Start,
            weight: Weight::Regular,
            colour: INK,
            halo: 0.0,
        });
        item.bbox = Rect::new(MARGIN, top, scale.right() - MARGIN, 26.0);
        self.front.push(item);
        self.y = top + 30.0;
    }

    /// A child's bands in four groups: legal status, lived with, placement, school.
    fn bands_of(&self, child: &PersonId) -> [Vec<Band>; 4] {
        let case = self.case;
        let concerns = |children: &[PersonId]| children.is_empty() || children.contains(child);
        let mut groups: [Vec<Band>; 4] = Default::default();
        for (i, period) in case.periods.iter().enumerate() {
            if !concerns(&period.children) {
                continue;
            }
            let group = match period.kind {
                PeriodKind::Placement => 2,
                PeriodKind::School => 3,
                _ => 0,
            };
            let mut label = period_name(period.kind).to_string();
            if let Some(detail) = &period.detail {
                if period.kind == PeriodKind::Placement || period.kind == PeriodKind::School {
                    label = detail.clone();
                } else {
                    label.push_str(": ");
                    label.push_str(detail);
                }
            }
            groups[group].push(Band {
                id: format!("period-{}", i + 1),
                kind: BandKind::Period(period.kind),
                label,
                start: Some(period.period.start),
                end: period.period.end,
            });
        }
        for household in &case.households {
            for (j, m) in household.members.iter().enumerate() {
                if &m.person != child {
                    continue;
                }
                groups[1].push(Band {
                    id: format!("household-{}-{}", slug(&household.id), j + 1),
                    kind: BandKind::Household,
                    label: household.name.clone(),
                    start: m.span.from,
                    end: m.span.to,
                });
            }
        }
        groups
    }

    /// Band rows group by group; children whose bands are the same share one row, so a
    /// sibling group on one plan reads as one.
    fn band_section(&mut self) {
        const TITLES: [&str; 4] = ["Legal status", "Lived with", "Placement", "School"];
        let children = self.selection.children.clone();
        let all: Vec<[Vec<Band>; 4]> = children.iter().map(|c| self.bands_of(c)).collect();
        for (g, title) in TITLES.iter().enumerate() {
            let mut rows: Vec<(Vec<PersonId>, &Vec<Band>)> = Vec::new();
            for (child, groups) in children.iter().zip(&all) {
                let bands = &groups[g];
                if bands.is_empty() {
                    continue;
                }
                let same = |other: &Vec<Band>| {
                    other.len() == bands.len()
                        && other.iter().zip(bands.iter()).all(|(a, b)| {
                            (a.kind, &a.label, a.start, a.end) == (b.kind, &b.label, b.start, b.end)
                        })
                };
                match rows.iter_mut().find(|(_, other)| same(other)) {
                    Some((who, _)) => who.push(child.clone()),
                    None => rows.push((vec![child.clone()], bands)),
                }
            }
            for (who, bands) in rows {
                let label = if self.case.details.subjects.len() > 1 {
                    let names: Vec<String> = who.iter().map(|c| self.short_name(c)).collect();
                    format!("{title}: {}", names.join(", "))
                } else {
                    title.to_string()
                };
                self.band_row(&label, &who, bands.clone());
            }
        }
    }

    fn band_row(&mut self, row_label: &str, who: &[PersonId], mut bands: Vec<Band>) {
        let child = &who[0];
        let people: Vec<String> = who.iter().map(|c| c.to_string()).collect();
        let scale = self.scale;
        let top = self.y;
        bands.sort_by_key(|b| b.start.map(|d| d.start()));
        let mut strips = Overflow::default();
        let mut labels = Rows::default();
        let mut earlier: Vec<String> = Vec::new();
        let mut items = Vec::new();
        let mut placed = Vec::new();
        for band in &bands {
            // No one lives anywhere before they are born: an open start begins at birth.
            let born = self
                .case
                .person(child)
                .and_then(|p| p.born)
                .map(|b| b.start());
            let start = band
                .start
                .map(|d| d.start())
                .or(born)
                .unwrap_or(scale.start)
                .max(born.unwrap_or(NaiveDate::MIN));
            let end = band
                .end
                .map(|d| d.end())
                .unwrap_or(self.case.details.as_at.max(start));
            if end < scale.start {
                earlier.push(band.label.clone());
                continue;
            }
            if start > scale.end {
                earlier.push(format!("later: {}", band.label));
                continue;
            }
            let x0 = scale.x_clamped(start);
            let x1 = scale.x_clamped(end).max(x0 + 1.0);
            let strip = strips.place(x0, x1, 0.0);
            placed.push((band, start, end, x0, x1, strip));
        }
        let strip_count = strips.used().max(1);
        let label_top = top + strip_count as f64 * (BAND_H + 2.0);
        for (band, start, end, x0, x1, strip) in placed {
            self.keys.insert(Key::Band(band.kind));
            let y = top + strip as f64 * (BAND_H + 2.0);
            let band_id = format!("band-{}-{}", slug(child.as_str()), band.id);
            let mut item = Item::new(ItemKind::Band, band_id.clone());
            item.people = people.clone();
            item.classes = vec![band.kind.class().into()];
            let fill = band.kind.fill();
            let uncertain_end = band.end.is_some_and(|e| e.is_uncertain());
            let open = band.end.is_none();
            let xm = if uncertain_end {
                band.end
                    .map(|e| scale.x_clamped(e.start()))
                    .unwrap_or(x1)
                    .clamp(x0, x1)
            } else {
                x1
            };
            item.shapes.push(Shape::Rect {
                rect: Rect::new(x0, y, (xm - x0).max(1.0), BAND_H),
                corner: 0.0,
                paint: Paint::line(Colour(120, 120, 120), 0.6).filled(fill),
            });
            if uncertain_end {
                self.keys.insert(Key::UncertainEnd);
                item.shapes.push(Shape::Rect {
                    rect: Rect::new(xm, y, (x1 - xm).max(6.0), BAND_H),
                    corner: 0.0,
                    paint: Paint::line(Colour(120, 120, 120), 0.6)
                        .filled(fill)
                        .with_opacity(0.35)
                        .dashed(&[2.0, 2.0]),
                });
            }
            if open || end > scale.end {
                self.keys.insert(Key::Continues);
                item.shapes
                    .push(chevron(Point::new(x1 + 1.0, y + BAND_H / 2.0), 1.0));
            }
            if start < scale.start {
                self.keys.insert(Key::Continues);
                item.shapes
                    .push(chevron(Point::new(x0 - 1.0, y + BAND_H / 2.0), -1.0));
            }
            let dates = match (band.start, band.end) {
                (Some(s), Some(e)) => format!("{s} to {e}"),
                (Some(s), None) => format!("from {s}, continuing"),
                (None, Some(e)) => format!("until {e}"),
                (None, None) => "throughout".to_string(),
            };
            item.title = Some(format!(
                "{}: {}, {}",
                self.case
                    .person(child)
                    .map(|p| p.display_name())
                    .unwrap_or(child.as_str()),
                if band.kind == BandKind::Household {
                    format!("lived with {}", band.label)
                } else {
                    band.label.clone()
                },
                dates
            ));
            item.bbox = Rect::new(x0 - 7.0, y, x1 - x0 + 14.0, BAND_H);
            // Name inside the band when it fits, else its short form, else below it.
            let inner = x1 - x0 - 6.0;
            let w = self.measure.width(&band.label, SMALL, Weight::Regular);
            let short = band.kind.short();
            let sw = self.measure.width(short, SMALL, Weight::Bold);
            let inside = if w <= inner {
                Some((band.label.clone(), Weight::Regular))
            } else if !short.is_empty() && sw <= inner {
                Some((short.to_string(), Weight::Bold))
            } else {
                None
            };
            if let Some((text, weight)) = &inside {
                item.shapes.push(text_shape(
                    Point::new(x0 + 3.0, y + BAND_H / 2.0 + SMALL * 0.35),
                    vec![text.clone()],
                    SMALL,
                    Anchor::Start,
                    *weight,
                    INK,
                ));
            }
            if inside.as_ref().is_none_or(|(t, _)| *t != band.label) {
                // The full name under the band row, with a swatch of its colour.
                let lw = w + 12.0;
                let lx = x0.min(scale.right() + OVERHANG - lw).max(scale.x0 - R);
                let claim = [Claim {
                    offset: 0,
                    left: lx,
                    right: lx + lw,
                }];
                let row = labels
                    .place(&claim, 6.0, 40)
                    .unwrap_or_else(|| labels.used());
                if row == labels.used() {
                    labels.place(&claim, 6.0, row + 1);
                }
                let ly = label_top + row as f64 * ROW_H;
                let mut label = Item::new(ItemKind::Label, format!("{band_id}-label"));
                label.people = people.clone();
                label.bbox = Rect::new(lx, ly, lw, ROW_H);
                label.shapes.push(Shape::Rect {
                    rect: Rect::new(lx, ly + 2.5, 8.0, 8.0),
                    corner: 0.0,
                    paint: Paint::line(Colour(120, 120, 120), 0.6).filled(fill),
                });
                label.shapes.push(text_shape(
                    Point::new(lx + 11.0, baseline(ly + 1.5, SMALL)),
                    vec![band.label.clone()],
                    SMALL,
                    Anchor::Start,
                    Weight::Regular,
                    INK,
                ));
                items.push(label);
            }
            self.front.push(item);
        }
        self.front.extend(items);
        let mut bottom = label_top + labels.used() as f64 * ROW_H;
        // The row's name, and anything that ended before the focus window.
        let lines = self
            .measure
            .wrap(row_label, FONT, Weight::Regular, LABEL_W - 12.0);
        let mut head = Item::new(
            ItemKind::Label,
            format!("band-row-{}-{}", slug(child.as_str()), slug(row_label)),
        );
        head.bbox = Rect::new(MARGIN + 6.0, top, LABEL_W - 12.0, lines.len() as f64 * 12.5);
        head.shapes.push(Shape::Text {
            origin: Point::new(MARGIN + 6.0, baseline(top + 2.0, FONT)),
            lines: lines.clone(),
            size: FONT,
            line_height: 12.5,
            anchor: Anchor::Start,
            weight: Weight::Regular,
            colour: INK,
            halo: 0.0,
        });
        bottom = bottom.max(top + lines.len() as f64 * 12.5);
        self.front.push(head);
        if !earlier.is_empty() {
            let x = self.summary_x.unwrap_or(MARGIN + LABEL_W);
            let text = format!("Earlier: {}", earlier.join("; "));
            let lines = self
                .measure
                .wrap(&text, SMALL, Weight::Regular, SUMMARY_W - 12.0);
            let h = lines.len() as f64 * SMALL * 1.25;
            let mut item = Item::new(
                ItemKind::Summary,
                format!("summary-band-{}-{}", slug(child.as_str()), slug(row_label)),
            );
            item.bbox = Rect::new(x + 6.0, top, SUMMARY_W - 12.0, h);
            item.shapes.push(text_shape(
                Point::new(x + 6.0, baseline(top + 2.0, SMALL)),
                lines,
                SMALL,
                Anchor::Start,
                Weight::Regular,
                INK,
            ));
            bottom = bottom.max(top + h + 2.0);
            self.front.push(item);
        }
        self.y = bottom + 6.0;
    }

    // ----- gaps, summary, pattern, legend -----

    /// Stretches inside the plot longer than the chosen length with no entry and no legal
    /// status or placement: no agency was recorded as involved.
    fn gaps(&self) -> Vec<(NaiveDate, NaiveDate)> {
        let scale = self.scale;
        let mut spans: Vec<(NaiveDate, NaiveDate)> = Vec::new();
        // Every entry about the children drawn counts, even one a category or significance
        // filter hides: a gap means nothing was recorded, not that nothing is shown.
        let children = &self.selection.children;
        for entry in &self.case.entries {
            let concerns =
                entry.children.is_empty() || entry.children.iter().any(|c| children.contains(c));
            if !concerns {
                continue;
            }
            let end = entry.end.as_ref().unwrap_or(&entry.date).end();
            spans.push((entry.date.start(), end));
        }
        for period in &self.case.periods {
            if period.kind == PeriodKind::School {
                continue;
            }
            let concerns = period.children.is_empty()
                || period
                    .children
                    .iter()
                    .any(|c| self.selection.children.contains(c));
            if concerns {
                let end = period
                    .period
                    .end
                    .map(|e| e.end())
                    .unwrap_or(self.case.details.as_at);
                spans.push((period.period.start.start(), end));
            }
        }
        // What a redacted version leaves out still happened: a gap is claimed only where
        // the whole record has none.
        spans.extend(self.case.details.withheld_spans.iter().copied());
        if spans.is_empty() {
            return Vec::new();
        }
        spans.sort();
        let threshold = self.options.gap.days();
        let mut gaps = Vec::new();
        let mut covered = spans[0].1;
        for (start, end) in spans.iter().skip(1) {
            if *start > covered && (*start - covered).num_days() > threshold {
                gaps.push((covered, *start));
            }
            covered = covered.max(*end);
        }
        let as_at = self.case.details.as_at.min(scale.end);
        if as_at > covered && (as_at - covered).num_days() > threshold {
            gaps.push((covered, as_at));
        }
        gaps.retain(|(a, b)| *b > scale.start && *a < scale.end);
        gaps
    }

    /// The legal statuses every child drawn shared, shaded faintly behind the lanes, so each
    /// entry is seen under the plan or order in force when it happened.
    fn status_shading(&mut self, top: f64, bottom: f64) {
        let scale = self.scale;
        let children = &self.selection.children;
        for (i, period) in self.case.periods.iter().enumerate() {
            let shared =
                period.children.is_empty() || children.iter().all(|c| period.children.contains(c));
            if !period.kind.is_legal_status() || !shared || children.is_empty() {
                continue;
            }
            let start = period.period.start.start();
            let end = period
                .period
                .end
                .map(|e| e.end())
                .unwrap_or(self.case.details.as_at.max(start));
            if end < scale.start || start > scale.end {
                continue;
            }
            let x0 = scale.x_clamped(start);
            let x1 = scale.x_clamped(end).max(x0 + 1.0);
            let kind = BandKind::Period(period.kind);
            let mut item = Item::new(ItemKind::Band, format!("shading-period-{}", i + 1));
            item.classes = vec![kind.class().into(), "shading".into()];
            item.bbox = Rect::new(x0, top, x1 - x0, bottom - top);
            item.shapes.push(Shape::Rect {
                rect: item.bbox,
                corner: 0.0,
                paint: Paint::fill(kind.fill()).with_opacity(0.3),
            });
            self.back.push(item);
            self.keys.insert(Key::Shading);
        }
    }

    /// The gaps' words, in a strip above the lanes where no entry label can be.
    fn gap_labels(&mut self, gaps: &[(NaiveDate, NaiveDate)]) {
        let scale = self.scale;
        let top = self.y + 2.0;
        let mut rows = Rows::default();
        for (i, (a, b)) in gaps.iter().enumerate() {
            let x0 = scale.x_clamped(*a);
            let months = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
            let text = format!(
                "No agency involvement recorded: {}",
                months_text(months.max(0) as u32)
            );
            let w = self.measure.width(&text, SMALL, Weight::Regular) + 14.0;
            let lx = (x0 + 2.0).min(scale.right() + OVERHANG - w);
            let claim = [Claim {
                offset: 0,
                left: lx,
                right: lx + w,
            }];
            let row = match rows.place(&claim, 6.0, 40) {
                Some(row) => row,
                None => {
                    let row = rows.used();
                    rows.place(&claim, 6.0, row + 1);
                    row
                }
            };
            let y = top + row as f64 * ROW_H;
            let mut item = Item::new(ItemKind::Gap, format!("gap-{}-label", i + 1));
            item.bbox = Rect::new(lx, y, w, ROW_H);
            item.shapes.extend(hatch(Rect::new(lx, y + 2.0, 10.0, 9.0)));
            item.shapes.push(text_shape(
                Point::new(lx + 14.0, baseline(y + 1.5, SMALL)),
                vec![text],
                SMALL,
                Anchor::Start,
                Weight::Regular,
                MUTED,
            ));
            self.front.push(item);
        }
        if rows.used() > 0 {
            self.y = top + rows.used() as f64 * ROW_H + 2.0;
        }
    }

    fn draw_gaps(&mut self, gaps: &[(NaiveDate, NaiveDate)], top: f64, bottom: f64) {
        if gaps.is_empty() {
            return;
        }
        self.keys.insert(Key::Gap);
        let scale = self.scale;
        for (i, (a, b)) in gaps.iter().enumerate() {
            let x0 = scale.x_clamped(*a);
            let x1 = scale.x_clamped(*b);
            let months = (b.year() - a.year()) * 12 + b.month() as i32 - a.month() as i32;
            let text = format!(
                "No agency involvement recorded for {} ({} to {})",
                months_text(months.max(0) as u32),
                scale::day_label(*a),
                scale::day_label(*b)
            );
            let mut item = Item::new(ItemKind::Gap, format!("gap-{}", i + 1));
            item.bbox = Rect::new(x0, top, x1 - x0, bottom - top);
            item.shapes
                .extend(hatch(Rect::new(x0, top, x1 - x0, bottom - top)));
            item.title = Some(text.clone());
            self.back.push(item);
        }
    }

    fn summary_heads(&mut self, head_top: f64, top: f64, bottom: f64) {
        let s = self.selection;
        for (x, list, word, id) in [
            (self.summary_x, &s.before, "Before", "summary-before"),
            (self.after_x, &s.after, "After", "summary-after"),
        ] {
            let Some(x) = x else { continue };
            self.keys.insert(Key::Summary);
            let edge = if word == "Before" {
                self.scale.start
            } else {
                self.scale.end
            };
            let high = list
                .iter()
                .filter(|e| e.significance == Some(Significance::High))
                .count();
            let mut item = Item::new(ItemKind::Summary, id);
            item.entries = list.iter().map(|e| e.number).collect();
            item.bbox = Rect::new(x, top, SUMMARY_W, bottom - top);
            item.shapes.push(Shape::Rect {
                rect: item.bbox,
                corner: 0.0,
                paint: Paint::fill(SUMMARY_TINT).with_opacity(0.8),
            });
            let text = format!(
                "{word} {}: {} entr{}, {high} of high significance",
                scale::day_label(edge),
                list.len(),
                if list.len() == 1 { "y" } else { "ies" }
            );
            item.title = Some(text);
            self.back.push(item);
            // The heading sits above the lanes, in the axis area.
            let head_lines = self.measure.wrap(
                &format!(
                    "{word} {}: {}",
                    scale::day_label(edge),
                    entries_text(list.len(), "")
                ),
                SMALL,
                Weight::Bold,
                SUMMARY_W - 8.0,
            );
            let mut head = Item::new(ItemKind::Summary, format!("{id}-heading"));
            let h = head_lines.len() as f64 * SMALL * 1.25;
            head.bbox = Rect::new(x + 4.0, head_top, SUMMARY_W - 8.0, h);
            head.shapes.push(text_shape(
                Point::new(x + 4.0, baseline(head_top, SMALL)),
                head_lines,
                SMALL,
                Anchor::Start,
                Weight::Bold,
                INK,
            ));
            self.front.push(head);
        }
    }

    fn pattern_strip(&mut self) {
        let s = self.selection;
        if s.shown.is_empty() {
            return;
        }
        let scale = self.scale;
        let mut counts: BTreeMap<(usize, String), BTreeMap<NaiveDate, u32>> = BTreeMap::new();
        let mut before: BTreeMap<(usize, String), u32> = BTreeMap::new();
        let order = |c: &str| {
            let key = category_key(c);
            let at = CATEGORY_ORDER
                .iter()
                .position(|x| *x == key)
                .unwrap_or(CATEGORY_ORDER.len());
            (at, key)
        };
        let max_count = s.shown.len();
        let digits = self
            .measure
            .width(&max_count.to_string(), SMALL, Weight::Regular);
        let per_month = scale.per_month();
        let step = [3u32, 12, 24, 60, 120, 240, 600]
            .into_iter()
            .find(|st| *st as f64 * per_month >= (digits + 8.0).max(22.0))
            .unwrap_or(600);
        for entry in &s.shown {
            let bucket = scale::floor(entry.date.start().max(scale.start), step);
            *counts
                .entry(order(&entry.category))
                .or_default()
                .entry(bucket)
                .or_insert(0) += 1;
        }
        for entry in &s.before {
            *before.entry(order(&entry.category)).or_insert(0) += 1;
        }
        self.keys.insert(Key::Pattern);
        let top = self.y + 8.0;
        let unit = match step {
            3 => "quarter",
            12 => "year",
            n => {
                let years = n / 12;
                if years == 1 { "year" } else { "period" }
            }
        };
        let heading = format!(
            "Pattern: entries per category per {}",
            if step > 12 {
                format!("{} years", step / 12)
            } else {
                unit.to_string()
            }
        );
        let mut head = Item::new(ItemKind::Pattern, "pattern-heading");
        head.bbox = Rect::new(MARGIN + 6.0, top, LABEL_W + 200.0, 14.0);
        head.shapes.push(text_shape(
            Point::new(MARGIN + 6.0, baseline(top, 11.0)),
            vec![heading],
            11.0,
            Anchor::Start,
            Weight::Bold,
            INK,
        ));
        self.front.push(head);
        let mut y = top + 18.0;
        let max = counts
            .values()
            .flat_map(|m| m.values())
            .copied()
            .max()
            .unwrap_or(1)
            .max(1);
        let mut keys: Vec<(usize, String)> = counts.keys().cloned().collect();
        for k in before.keys() {
            if !keys.contains(k) {
                keys.push(k.clone());
            }
        }
        keys.sort();
        for key in keys {
            let row = counts.get(&key).cloned().unwrap_or_default();
            let mut item = Item::new(ItemKind::Pattern, format!("pattern-{}", slug(&key.1)));
            let name = category_name(&key.1);
            item.shapes.push(text_shape(
                Point::new(MARGIN + 6.0, baseline(y + 1.0, SMALL)),
                vec![name.clone()],
                SMALL,
                Anchor::Start,
                Weight::Regular,
                INK,
            ));
            let mut parts = Vec::new();
            for (bucket, n) in &row {
                let next = bucket
                    .checked_add_months(Months::new(step))
                    .unwrap_or(scale.end);
                let x0 = scale.x_clamped(*bucket);
                let x1 = scale.x_clamped(next);
                let level = *n as f64 / max as f64;
                let grey = (235.0 - level * 175.0) as u8;
                item.shapes.push(Shape::Rect {
                    rect: Rect::new(x0 + 0.5, y, (x1 - x0 - 1.0).max(1.0), 13.0),
                    corner: 0.0,
                    paint: Paint::fill(Colour(grey, grey, grey)),
                });
                let text_colour = if grey < 140 { Colour::WHITE } else { INK };
                item.shapes.push(text_shape(
                    Point::new((x0 + x1) / 2.0, baseline(y + 1.5, SMALL)),
                    vec![n.to_string()],
                    SMALL,
                    Anchor::Middle,
                    Weight::Regular,
                    text_colour,
                ));
                parts.push(format!("{}: {n}", scale::tick_label(*bucket, step)));
            }
            if let (Some(x), Some(n)) = (self.summary_x, before.get(&key)) {
                item.shapes.push(text_shape(
                    Point::new(x + SUMMARY_W / 2.0, baseline(y + 1.5, SMALL)),
                    vec![format!("{n} earlier")],
                    SMALL,
                    Anchor::Middle,
                    Weight::Regular,
                    INK,
                ));
                parts.insert(0, format!("earlier: {n}"));
            }
            item.title = Some(format!("{name}: {}", parts.join(", ")));
            item.bbox = Rect::new(MARGIN, y, scale.right() - MARGIN, 13.0);
            self.front.push(item);
            y += 15.0;
        }
        self.y = y + 4.0;
    }

    fn legend(&mut self) {
        let keys: Vec<Key> = self.keys.iter().cloned().collect();
        let top = self.y + 10.0;
        let mut item = Item::new(ItemKind::Legend, "legend");
        item.shapes.push(text_shape(
            Point::new(MARGIN + 6.0, baseline(top, 11.0)),
            vec!["Key".into()],
            11.0,
            Anchor::Start,
            Weight::Bold,
            INK,
        ));
        let right = self.content_right().max(self.scale.right() + OVERHANG);
        let (mut x, mut y) = (MARGIN + 6.0, top + 18.0);
        for key in keys {
            let text = key_text(&key);
            let w = 30.0 + self.measure.width(&text, FONT, Weight::Regular) + 18.0;
            if x + w > right && x > MARGIN + 6.0 {
                x = MARGIN + 6.0;
                y += 18.0;
            }
            let c = Point::new(x + 12.0, y + 7.0);
            item.shapes.extend(key_swatch(&key, c));
            item.shapes.push(text_shape(
                Point::new(x + 28.0, baseline(y + 1.5, FONT)),
                vec![text],
                FONT,
                Anchor::Start,
                Weight::Regular,
                INK,
            ));
            x += w;
        }
        item.bbox = Rect::new(MARGIN, top, right - MARGIN, y + 16.0 - top);
        item.title = Some("Key to the symbols used".into());
        self.front.push(item);
        self.y = y + 18.0;
    }
}

#[derive(Debug, Clone)]
struct Band {
    id: String,
    kind: BandKind,
    label: String,
    start: Option<PartialDate>,
    end: Option<PartialDate>,
}

fn key_text(key: &Key) -> String {
    match key {
        Key::Significance(s) => match s {
            Some(Significance::High) => "High significance".into(),
            Some(Significance::Medium) => "Medium significance".into(),
            Some(Significance::Low) => "Low significance".into(),
            None => "Significance not rated".into(),
        },
        Key::Negative => "Harmful impact on the child".into(),
        Key::Positive => "Positive impact on the child".into(),
        Key::Disputed => "Disputed (pale, dashed)".into(),
        Key::Alleged => "Alleged (pale, dashed)".into(),
        Key::PeriodBar => "Lasted a while (bar)".into(),
        Key::UncertainDate => "Date known only to month or year (line over the period)".into(),
        Key::UncertainEnd => "End date approximate (faded end)".into(),
        Key::Continues => "Continues beyond the window".into(),
        Key::Numbered => "Dense cluster: numbered, listed on the right".into(),
        Key::PreBirth => "Pregnancy (40 weeks before birth)".into(),
        Key::Band(kind) => kind.name().into(),
        Key::Shading => "Legal status of all the children, shaded behind the entries".into(),
        Key::Gap => "No agency involvement recorded".into(),
        Key::Summary => "History outside the focus window, summarised".into(),
        Key::Pattern => "Pattern strip: darker = more entries".into(),
    }
}

fn key_swatch(key: &Key, c: Point) -> Vec<Shape> {
    match key {
        Key::Significance(s) => vec![mark(c, *s, EntryStatus::Agreed)],
        Key::Negative => sign(c, Valence::Negative),
        Key::Positive => sign(c, Valence::Positive),
        Key::Disputed | Key::Alleged => {
            vec![mark(c, Some(Significance::Medium), EntryStatus::Disputed)]
        }
        Key::PeriodBar => vec![Shape::Rect {
            rect: Rect::new(c.x - 11.0, c.y - 2.5, 22.0, 5.0),
            corner: 0.0,
            paint: Paint::fill(UNRATED).with_opacity(0.55),
        }],
        Key::UncertainDate => vec![
            Shape::Polyline {
                points: vec![Point::new(c.x - 11.0, c.y), Point::new(c.x + 11.0, c.y)],
                paint: Paint::line(UNRATED, 1.2),
            },
            Shape::Polyline {
                points: vec![
                    Point::new(c.x + 11.0, c.y - 3.0),
                    Point::new(c.x + 11.0, c.y + 3.0),
                ],
                paint: Paint::line(UNRATED, 1.2),
            },
            mark(
                Point::new(c.x - 8.0, c.y),
                Some(Significance::Low),
                EntryStatus::Agreed,
            ),
        ],
        Key::UncertainEnd => vec![
            Shape::Rect {
                rect: Rect::new(c.x - 11.0, c.y - 2.5, 11.0, 5.0),
                corner: 0.0,
                paint: Paint::fill(UNRATED).with_opacity(0.55),
            },
            Shape::Rect {
                rect: Rect::new(c.x, c.y - 2.5, 11.0, 5.0),
                corner: 0.0,
                paint: Paint::line(UNRATED, 0.8)
                    .filled(UNRATED)
                    .with_opacity(0.15)
                    .dashed(&[2.0, 2.0]),
            },
        ],
        Key::Continues => vec![chevron(Point::new(c.x, c.y), 1.0)],
        Key::Numbered => vec![
            mark(
                Point::new(c.x - 6.0, c.y),
                Some(Significance::Low),
                EntryStatus::Agreed,
            ),
            text_shape(
                Point::new(c.x, c.y + 3.2),
                vec!["12".into()],
                SMALL,
                Anchor::Start,
                Weight::Bold,
                INK,
            ),
        ],
        Key::PreBirth => vec![Shape::Rect {
            rect: Rect::new(c.x - 11.0, c.y - 4.0, 22.0, 8.0),
            corner: 0.0,
            paint: Paint::line(MUTED, 0.6)
                .filled(Colour(230, 230, 230))
                .dashed(&[2.0, 2.0]),
        }],
        Key::Band(kind) => vec![Shape::Rect {
            rect: Rect::new(c.x - 11.0, c.y - 6.0, 22.0, 12.0),
            corner: 0.0,
            paint: Paint::line(Colour(120, 120, 120), 0.6).filled(kind.fill()),
        }],
        Key::Shading => vec![
            Shape::Rect {
                rect: Rect::new(c.x - 11.0, c.y - 6.0, 11.0, 12.0),
                corner: 0.0,
                paint: Paint::fill(BandKind::Period(PeriodKind::ChildProtectionPlan).fill())
                    .with_opacity(0.3),
            },
            Shape::Rect {
                rect: Rect::new(c.x, c.y - 6.0, 11.0, 12.0),
                corner: 0.0,
                paint: Paint::fill(BandKind::Period(PeriodKind::CareOrder).fill())
                    .with_opacity(0.3),
            },
        ],
        Key::Gap => hatch(Rect::new(c.x - 11.0, c.y - 6.0, 22.0, 12.0)),
        Key::Summary => vec![Shape::Rect {
            rect: Rect::new(c.x - 11.0, c.y - 6.0, 22.0, 12.0),
            corner: 0.0,
            paint: Paint::fill(SUMMARY_TINT),
        }],
        Key::Pattern => vec![
            Shape::Rect {
                rect: Rect::new(c.x - 11.0, c.y - 6.0, 11.0, 12.0),
                corner: 0.0,
                paint: Paint::fill(Colour(225, 225, 225)),
            },
            Shape::Rect {
                rect: Rect::new(c.x, c.y - 6.0, 11.0, 12.0),
                corner: 0.0,
                paint: Paint::fill(Colour(80, 80, 80)),
            },
        ],
    }
}

/// Diagonal hatching inside a box: a gap in involvement, distinct from any tint in greyscale.
fn hatch(rect: Rect) -> Vec<Shape> {
    let mut steps = Vec::new();
    let spacing = 10.0;
    let mut d = spacing;
    // Lines of slope 1 from the bottom-left, clipped to the box by hand.
    while d < rect.width + rect.height {
        let (mut x0, mut y0) = (rect.x + d, rect.bottom());
        if d > rect.width {
            x0 = rect.right();
            y0 = rect.bottom() - (d - rect.width);
        }
        let (mut x1, mut y1) = (rect.x, rect.bottom() - d);
        if d > rect.height {
            x1 = rect.x + (d - rect.height);
            y1 = rect.y;
        }
        steps.push(PathStep::MoveTo(Point::new(x0, y0)));
        steps.push(PathStep::LineTo(Point::new(x1, y1)));
        d += spacing;
    }
    vec![
        Shape::Rect {
            rect,
            corner: 0.0,
            paint: Paint::fill(Colour::WHITE).with_opacity(0.7),
        },
        Shape::Path {
            steps,
            paint: Paint::line(GAP_INK, 0.6),
        },
        Shape::Rect {
            rect,
            corner: 0.0,
            paint: Paint::line(GAP_INK, 0.6).dashed(&[3.0, 3.0]),
        },
    ]
}

/// A small arrowhead pointing right (`dir` 1) or left (-1): the thing goes on beyond the plot.
fn chevron(at: Point, dir: f64) -> Shape {
    Shape::Polyline {
        points: vec![
            Point::new(at.x, at.y - 4.0),
            Point::new(at.x + dir * 5.0, at.y),
            Point::new(at.x, at.y + 4.0),
        ],
        paint: Paint::line(INK, 1.3),
    }
}

/// How far an entry's drawing on its own row reaches left and right: the mark, its signs,
/// the line over an uncertain date and its arrows, a period's bar, the arrows at the edges.
fn extent(scale: &Scale, entry: &Entry) -> (f64, f64) {
    let x = scale.x_clamped(entry.date.start());
    let mut left = x - R;
    let mut right = x + R + valences(entry).len() as f64 * SIGN_W;
    if let Some(end) = &entry.end {
        let xe = scale.x_clamped(end.end()).max(x);
        let certain = if end.is_uncertain() {
            end.start()
        } else {
            end.end()
        };
        let xm = scale.x_clamped(certain).max(x);
        right = right.max(xe).max(if end.is_uncertain() {
            xm + 6.0
        } else {
            xm + 0.5
        });
        if end.end() > scale.end {
            right = right.max(scale.right() + 6.5);
        }
    } else if entry.date.is_uncertain() {
        let xe = whisker_right(scale, &entry.date);
        right = right.max(xe + 1.0);
        match entry.date.qualifier() {
            Qualifier::Before => left = x - 10.5,
            Qualifier::After => right = right.max(xe + 10.5),
            _ => {}
        }
    }
    if entry.date.start() < scale.start {
        left = left.min(scale.x0 - 7.0);
    }
    (left, right)
}

/// The right end of the line over an uncertain date's possible period.
fn whisker_right(scale: &Scale, date: &PartialDate) -> f64 {
    let x = scale.x_clamped(date.start());
    let xe = scale.x_clamped(date.end());
    let xe = if date.qualifier() == Qualifier::About
        && date.precision() == crate::model::Precision::Day
    {
        x + 8.0
    } else {
        xe
    };
    xe.max(x + 8.0)
}

fn age_short(age: &Age) -> String {
    match age {
        Age::PreBirth { weeks: Some(w) } => format!("pre-birth {w}w"),
        Age::PreBirth { weeks: None } => "pre-birth".to_string(),
        other => other.to_string(),
    }
}

/// "4y", "4y 6m", "6m", "birth", with "c." for approximate birth dates.
fn age_label(months: u32, approximate: bool) -> String {
    let text = match (months / 12, months % 12) {
        (0, 0) => return "birth".to_string(),
        (0, m) => format!("{m}m"),
        (y, 0) => format!("{y}y"),
        (y, m) => format!("{y}y {m}m"),
    };
    if approximate {
        format!("c. {text}")
    } else {
        text
    }
}

/// "1 entry", "3 later entries".
fn entries_text(n: usize, adjective: &str) -> String {
    let noun = if n == 1 { "entry" } else { "entries" };
    if adjective.is_empty() {
        format!("{n} {noun}")
    } else {
        format!("{n} {adjective} {noun}")
    }
}

fn months_text(months: u32) -> String {
    match (months / 12, months % 12) {
        (0, 1) => "1 month".into(),
        (0, m) => format!("{m} months"),
        (1, 0) => "1 year".into(),
        (y, 0) => format!("{y} years"),
        (y, m) => format!(
            "{y} year{} {m} month{}",
            if y == 1 { "" } else { "s" },
            if m == 1 { "" } else { "s" }
        ),
    }
}

/// An id-safe form of a case id or name: lower case letters, digits and hyphens.
fn slug(text: &str) -> String {
    let mut out = String::new();
    for c in text.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c.to_ascii_lowercase());
        } else if !out.ends_with('-') {
            out.push('-');
        }
    }
    out.trim_matches('-').to_string()
}

/// The span drawn: the focus window, or everything the case dates (entries, bands, the
/// children's lives) out to the "as at" date, rounded out to calendar boundaries.
fn range(case: &Case, options: &TimelineOptions, selection: &Selection) -> (NaiveDate, NaiveDate) {
    let as_at = case.details.as_at;
    let mut lo: Option<NaiveDate> = None;
    let mut hi: Option<NaiveDate> = Some(as_at);
    let mut widen = |a: NaiveDate, b: NaiveDate| {
        lo = Some(lo.map_or(a, |l| l.min(a)));
        hi = Some(hi.map_or(b, |h| h.max(b)));
    };
    for entry in &selection.shown {
        widen(
            entry.date.start(),
            entry.end.as_ref().unwrap_or(&entry.date).end(),
        );
    }
    for period in &case.periods {
        let concerns = period.children.is_empty()
            || period
                .children
                .iter()
                .any(|c| selection.children.contains(c));
        if concerns {
            let end = period.period.end.map(|e| e.end()).unwrap_or(as_at);
            widen(period.period.start.start(), end);
        }
    }
    for child in &selection.children {
        if let Some(born) = case.person(child).and_then(|p| p.born) {
            widen(born.start() - chrono::Days::new(280), born.start());
        }
        for household in &case.households {
            for m in household.members.iter().filter(|m| &m.person == child) {
                if let Some(from) = m.span.from {
                    widen(from.start(), from.start());
                }
            }
        }
    }
    let from = options.focus.from;
    let to = options.focus.to;
    let start = from.or(lo).unwrap_or(as_at - chrono::Days::new(365));
    let mut end = to.unwrap_or_else(|| hi.unwrap_or(as_at));
    if end <= start {
        end = start + chrono::Days::new(30);
    }
    // Round out to months (or quarters for long spans) when the user did not fix the ends.
    let months = (end.year() - start.year()) * 12 + end.month() as i32 - start.month() as i32;
    let step = if months > 240 {
        12
    } else if months > 12 {
        3
    } else {
        1
    };
    let start = if from.is_some() {
        start
    } else {
        scale::floor(start, step)
    };
    let end = if to.is_some() {
        end
    } else {
        scale::ceil(end.succ_opt().unwrap_or(end), step)
    };
    (start, end)
}
