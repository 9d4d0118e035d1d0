//! History outside the focus window, summarised in grey columns, and the pattern strip of
//! counts per category.

use super::key::Key;
use super::style::{INK, SUMMARY_TINT, baseline, text_shape};
use super::words::{category_name, category_order, entries_text, slug};
use super::{Builder, LABEL_W, MARGIN, SMALL, SUMMARY_W, scale};
use crate::layout::scene::{Anchor, Colour, Item, ItemKind, Paint, Point, Rect, Shape, Weight};
use crate::model::Significance;
use chrono::{Months, NaiveDate};
use std::collections::BTreeMap;

impl Builder<'_> {
    pub(super) fn summary_heads(&mut self, head_top: f64, top: f64, bottom: f64) {
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

    pub(super) fn pattern_strip(&mut self) {
        let s = self.selection;
        if s.shown.is_empty() {
            return;
        }
        let scale = self.scale;
        let mut counts: BTreeMap<(usize, String), BTreeMap<NaiveDate, u32>> = BTreeMap::new();
        let mut before: BTreeMap<(usize, String), u32> = BTreeMap::new();
        let step = self.pattern_step();
        for entry in &s.shown {
            let bucket = scale::floor(entry.date.start().max(scale.start), step);
            *counts
                .entry(category_order(&entry.category))
                .or_default()
                .entry(bucket)
                .or_insert(0) += 1;
        }
        for entry in &s.before {
            *before.entry(category_order(&entry.category)).or_insert(0) += 1;
        }
        self.keys.insert(Key::Pattern);
        let top = self.y + 8.0;
        self.pattern_heading(top, step);
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
            let mut parts = pattern_cells(&mut item, &row, &scale, step, max, y);
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

    /// How many months each cell of the pattern strip counts: the shortest of a quarter, a
    /// year or some years whose cell is wide enough for the largest count.
    fn pattern_step(&mut self) -> u32 {
        let max_count = self.selection.shown.len();
        let digits = self
            .measure
            .width(&max_count.to_string(), SMALL, Weight::Regular);
        let per_month = self.scale.per_month();
        [3u32, 12, 24, 60, 120, 240, 600]
            .into_iter()
            .find(|st| *st as f64 * per_month >= (digits + 8.0).max(22.0))
            .unwrap_or(600)
    }

    /// The strip's heading, naming the length of a cell.
    fn pattern_heading(&mut self, top: f64, step: u32) {
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
    }
}

/// One category's cells of the pattern strip, shaded by count, into `item`; their words for
/// the item's title.
fn pattern_cells(
    item: &mut Item,
    row: &BTreeMap<NaiveDate, u32>,
    scale: &scale::Scale,
    step: u32,
    max: u32,
    y: f64,
) -> Vec<String> {
    let mut parts = Vec::new();
    for (bucket, n) in row {
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
    parts
}
