//! Gaps: stretches with no agency involvement recorded, hatched behind the lanes and named
//! above them.

use super::key::Key;
use super::rows::{Claim, Rows};
use super::style::{MUTED, baseline, hatch, text_shape};
use super::words::months_text;
use super::{Builder, OVERHANG, ROW_H, SMALL, scale};
use crate::layout::scene::{Anchor, Item, ItemKind, Point, Rect, Weight};
use crate::model::PeriodKind;
use chrono::{Datelike, NaiveDate};

impl Builder<'_> {
    /// Stretches inside the plot longer than the chosen length with no entry and no legal
    /// status or placement: no agency was recorded as involved.
    pub(super) fn gaps(&self) -> Vec<(NaiveDate, NaiveDate)> {
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

    /// The gaps' words, in a strip above the lanes where no entry label can be.
    pub(super) fn gap_labels(&mut self, gaps: &[(NaiveDate, NaiveDate)]) {
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

    pub(super) fn draw_gaps(&mut self, gaps: &[(NaiveDate, NaiveDate)], top: f64, bottom: f64) {
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
}
