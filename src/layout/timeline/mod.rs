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

mod axes;
mod bands;
mod crossings;
mod entries;
mod gaps;
mod key;
mod lanes;
mod measure;
mod pages;
mod review;
mod rows;
mod scale;
mod select;
mod style;
mod summary;
mod title;
mod words;

pub(crate) use pages::fit_width;
pub use pages::{SMALLEST_TEXT, paged};
pub use scale::Duration;
pub(crate) use select::category_key;
pub use select::{Filter, Focus, Lanes, LeftOut, Selection, select};

use crate::layout::scene::{Item, Scene};
use crate::model::Case;
use chrono::{Datelike, NaiveDate};
use key::Key;
use lanes::Lane;
use measure::Measure;
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
    /// What a review marks as new or changed, and the review period to shade.
    pub marks: crate::layout::marks::Marks,
    /// The whole timeline, or one sheet of it cut into pages (see [`paged`]).
    pub sheet: Sheet,
}

/// Which drawing of the timeline to make.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Sheet {
    /// Everything on one drawing.
    #[default]
    Whole,
    /// The whole span at a glance: the count of entries in each category over time, with
    /// no entry's words, bands or ages (the period pages carry those).
    Overview,
    /// One period of a timeline cut into pages: the focus window is the period, with no
    /// columns for what lies outside it (the other pages show that), and of the bands only
    /// legal status.
    Period,
}

impl Default for TimelineOptions {
    fn default() -> Self {
        TimelineOptions {
            lanes: Lanes::Category,
            focus: Focus::default(),
            filter: Filter::default(),
            gap: Duration::Months(6),
            plot_width: 1200.0,
            marks: crate::layout::marks::Marks::default(),
            sheet: Sheet::Whole,
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

/// Draws the case's chronology as a timeline.
pub fn timeline(case: &Case, options: &TimelineOptions) -> Scene {
    let selection = select(case, &options.focus, &options.filter);
    Builder::new(case, options, &selection).build()
}

struct Builder<'a> {
    case: &'a Case,
    options: &'a TimelineOptions,
    selection: &'a Selection<'a>,
    measure: Measure,
    back: Vec<Item>,
    front: Vec<Item>,
    keys: BTreeSet<Key>,
    /// The key's entries, as [`Scene::legend`] records them.
    legend: Vec<crate::layout::scene::LegendEntry>,
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
        let plot_width = options.plot_width.max(200.0);
        let mut x = MARGIN + LABEL_W;
        let outside = !selection.before.is_empty() || options.focus.from.is_some();
        let summary_x = (outside && options.sheet != Sheet::Period).then(|| {
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
        // As on the left: a window that ends before the case's "as at" date has a column for
        // what comes after it, where a row's later bands are named even when no entry does.
        let ends_early = options.focus.to.is_some_and(|to| to < case.details.as_at);
        let outside_after = !selection.after.is_empty() || ends_early;
        let after_x = (outside_after && options.sheet != Sheet::Period).then(|| {
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
            legend: Vec::new(),
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

    /// The timeline from top to bottom. `breaks` collects the places a page may be cut between
    /// the parts: above and below the axes, above each lane, below the lanes and the strip.
    fn build(mut self) -> Scene {
        let lanes = self.lanes();
        let title_index = self.front.len();
        // The title block needs the final width, so it is measured now and placed at the end.
        let title_lines = self.title_lines(&lanes);
        let title_height = 24.0 + title_lines.len() as f64 * 14.0 + 10.0;
        self.y += title_height;
        let mut breaks = Vec::new();
        let axis_top = self.top_axes(&mut breaks);
        self.band_section();
        let gaps = match self.options.sheet {
            Sheet::Overview => Vec::new(),
            _ => self.gaps(),
        };
        self.gap_labels(&gaps);
        let (lanes_top, lanes_bottom) = self.lane_section(&lanes, &mut breaks);
        self.around_lanes(&gaps, axis_top, lanes_top, lanes_bottom);
        self.bottom_axis(&mut breaks);
        self.legend();
        let width = self.content_right() + MARGIN;
        self.title(title_index, &title_lines, width);
        let metrics = [("lanes", lanes.len()), ("gaps", gaps.len())];
        self.into_scene(width, breaks, metrics)
    }

    /// The calendar axis above the lanes and, but on the overview, each child's age axis;
    /// returns the axes' top.
    fn top_axes(&mut self, breaks: &mut Vec<f64>) -> f64 {
        let axis_top = self.y;
        breaks.push(axis_top - 2.0);
        self.calendar_axis("axis-top", false);
        if self.options.sheet != Sheet::Overview {
            for child in self.selection.children.clone() {
                self.age_axis(&child);
            }
        }
        self.y += 6.0;
        breaks.push(self.y);
        axis_top
    }

    /// The lanes, none on the overview; returns their top and bottom.
    fn lane_section(&mut self, lanes: &[Lane<'a>], breaks: &mut Vec<f64>) -> (f64, f64) {
        let lanes_top = self.y + 4.0;
        self.y = lanes_top;
        if self.options.sheet != Sheet::Overview {
            for (i, lane) in lanes.iter().enumerate() {
                breaks.push(self.y);
                self.lane(lane, i);
            }
        }
        let lanes_bottom = self.y;
        breaks.push(lanes_bottom + 1.0);
        (lanes_top, lanes_bottom)
    }

    /// What needs the lanes' height: the shading behind them, the gaps, the grid and the heads
    /// of the summary columns.
    fn around_lanes(
        &mut self,
        gaps: &[(NaiveDate, NaiveDate)],
        axis_top: f64,
        lanes_top: f64,
        lanes_bottom: f64,
    ) {
        if self.options.sheet != Sheet::Overview {
            self.status_shading(lanes_top, lanes_bottom);
        }
        self.review_shading(lanes_top, lanes_bottom);
        self.draw_gaps(gaps, lanes_top, lanes_bottom);
        self.grid(axis_top + 22.0, lanes_bottom);
        self.summary_heads(axis_top, lanes_top, lanes_bottom);
    }

    /// The calendar axis below the lanes, and the pattern strip but on a period's page.
    fn bottom_axis(&mut self, breaks: &mut Vec<f64>) {
        self.y += 4.0;
        self.calendar_axis("axis-bottom", true);
        breaks.push(self.y + 2.0);
        if self.options.sheet != Sheet::Period {
            self.pattern_strip();
            breaks.push(self.y + 2.0);
        }
    }

    /// The scene of what was drawn, its page breaks and its measures (with `counts` of the
    /// lanes and gaps), review marks on top.
    fn into_scene(mut self, width: f64, mut breaks: Vec<f64>, counts: [(&str, usize); 2]) -> Scene {
        let mut scene = Scene::with_size(self.scene_title(), width, self.y + MARGIN);
        breaks.retain(|b| *b > 0.0 && *b < scene.height);
        breaks.dedup_by(|a, b| (*a - *b).abs() < 1.0);
        scene.breaks = breaks
            .into_iter()
            .map(crate::layout::scene::round)
            .collect();
        scene.items = std::mem::take(&mut self.back);
        scene.items.append(&mut self.front);
        scene.legend = std::mem::take(&mut self.legend);
        let s = self.selection;
        let shown = [
            ("entries-shown", s.shown.len()),
            ("entries-summarised", s.before.len() + s.after.len()),
            ("entries-left-out", s.left_out.len()),
        ];
        for (name, count) in shown.into_iter().chain(counts) {
            scene.metrics.insert(name.into(), count as f64);
        }
        scene.metrics.insert(
            "crossings".into(),
            crossings::crossings(&scene.items) as f64,
        );
        crate::layout::marks::apply(&mut scene, &self.options.marks);
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

    // ----- title, axes, bands -----
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
