//! The timeline cut into pages: an overview of the whole span, then the span cut into
//! periods of whole years, each drawn again to the page's width with the same lanes, axes
//! and key, so every page reads at the size it is printed.

use super::{LABEL_W, MARGIN, OVERHANG, R, Sheet, TimelineOptions, range, select, timeline};
use crate::layout::scene::Scene;
use crate::model::Case;
use chrono::{Datelike, NaiveDate};

/// The smallest text any timeline draws, in scene units: a renderer that must print text at
/// a given size in points works out from this how wide a page is in scene units.
pub const SMALLEST_TEXT: f64 = super::SMALL;

/// The lengths of period tried, in years.
const PERIOD_YEARS: [i32; 9] = [1, 2, 3, 4, 5, 6, 8, 10, 15];

/// The whole timeline, with [`Scene::parts`] holding its pages: the overview, then one drawing
/// per period. Each is laid out to be at most `width` scene units wide; the length of the
/// periods is the one that needs the fewest pages `height` units high (ties go to longer
/// periods, which break the story less often). A timeline that fits one page has no parts.
pub fn paged(case: &Case, options: &TimelineOptions, width: f64, height: f64) -> Scene {
    let mut whole = timeline(case, options);
    let fitted = |sheet: Sheet, from: Option<NaiveDate>, to: Option<NaiveDate>| {
        fitted(case, options, sheet, (from, to), width, NARROWEST_PAGE)
    };
    if whole.width <= width && whole.height <= height {
        return whole;
    }
    let selection = select(case, &options.focus, &options.filter);
    let (start, end) = range(case, options, &selection);
    let years = (end.year() - start.year()).max(1);
    let mut best: Option<(usize, Vec<(String, Scene)>)> = None;
    for length in PERIOD_YEARS.iter().copied().filter(|l| *l < years) {
        let parts: Vec<(String, Scene)> = periods(start, end, length)
            .into_iter()
            .map(|(from, to)| {
                (
                    period_name(from, to),
                    fitted(Sheet::Period, Some(from), Some(to)),
                )
            })
            .collect();
        let pages: usize = parts.iter().map(|(_, s)| pages_for(s, width, height)).sum();
        if best.as_ref().is_none_or(|(least, _)| pages <= *least) {
            best = Some((pages, parts));
        }
    }
    let Some((_, periods)) = best else {
        return whole;
    };
    let overview = fitted(Sheet::Overview, options.focus.from, options.focus.to);
    whole.parts = std::iter::once(("overview".to_string(), overview))
        .chain(periods)
        .collect();
    whole
}

/// The timeline laid out with its time axis as long as a drawing `width` units wide allows
/// (at least 200 units, so a very narrow width gives a wider drawing).
pub(crate) fn fit_width(case: &Case, options: &TimelineOptions, width: f64) -> Scene {
    let (from, to) = (options.focus.from, options.focus.to);
    let sheet = options.sheet;
    fitted(case, options, sheet, (from, to), width, NARROWEST_PICTURE)
}

/// The shortest time axis of a timeline fitted to a picture's width, and of a page's.
const NARROWEST_PICTURE: f64 = 200.0;
const NARROWEST_PAGE: f64 = 300.0;

/// A sheet laid out with its plot as wide as `width` allows.
fn fitted(
    case: &Case,
    options: &TimelineOptions,
    sheet: Sheet,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
    width: f64,
    narrowest: f64,
) -> Scene {
    let mut options = options.clone();
    options.sheet = sheet;
    options.focus.from = from;
    options.focus.to = to;
    options.plot_width = (width - 2.0 * MARGIN - LABEL_W - R - 2.0 - OVERHANG).max(narrowest);
    let scene = timeline(case, &options);
    // Columns beside the plot (a numbered list, summaries) take room the plot gave up.
    let over = scene.width - width;
    if over > 0.5 && options.plot_width > narrowest {
        options.plot_width = (options.plot_width - over).max(narrowest);
        return timeline(case, &options);
    }
    scene
}

/// About how many pages `width` by `height` a drawing needs, cut at its breaks.
fn pages_for(scene: &Scene, width: f64, height: f64) -> usize {
    let across = (scene.width / width).ceil().max(1.0) as usize;
    let mut pages = 1;
    let mut start = 0.0;
    while scene.height - start > height {
        let next = scene
            .breaks
            .iter()
            .rev()
            .find(|b| **b <= start + height && **b > start + height * 0.25)
            .copied()
            .unwrap_or(start + height);
        start = next;
        pages += 1;
    }
    pages * across
}

/// `start..end` cut into periods `years` long on calendar years, the first from `start`;
/// each as its first and last day.
fn periods(start: NaiveDate, end: NaiveDate, years: i32) -> Vec<(NaiveDate, NaiveDate)> {
    let mut out = Vec::new();
    let mut from = start;
    while from < end {
        let next = NaiveDate::from_ymd_opt(from.year() + years, 1, 1)
            .unwrap_or(end)
            .min(end);
        let last = next.pred_opt().unwrap_or(next).max(from);
        out.push((from, last));
        from = next;
    }
    out
}

/// "2014 to 2017", or "2014" for one year.
fn period_name(from: NaiveDate, to: NaiveDate) -> String {
    if from.year() == to.year() {
        from.year().to_string()
    } else {
        format!("{} to {}", from.year(), to.year())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn periods_cover_the_span_on_calendar_years_without_overlap() {
        let cut = periods(day(2013, 10, 1), day(2027, 1, 1), 4);
        assert_eq!(cut.first().unwrap().0, day(2013, 10, 1));
        assert_eq!(cut[0].1, day(2016, 12, 31));
        assert_eq!(cut[1].0, day(2017, 1, 1));
        assert_eq!(cut.last().unwrap().1, day(2026, 12, 31));
        for pair in cut.windows(2) {
            assert_eq!(pair[0].1.succ_opt().unwrap(), pair[1].0);
        }
        assert_eq!(period_name(cut[1].0, cut[1].1), "2017 to 2020");
    }
}
