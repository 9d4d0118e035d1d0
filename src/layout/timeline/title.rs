//! The title block: what is shown, the focus window, and what the filters left out.

use super::lanes::Lane;
use super::style::{INK, MUTED, baseline, text_shape};
use super::words::{entries_text, name_of};
use super::{Builder, Lanes, MARGIN, OVERHANG, scale};
use crate::layout::scene::{Anchor, Item, ItemKind, Point, Rect, Shape, Weight};

impl Builder<'_> {
    pub(super) fn title_lines(&mut self, lanes: &[Lane]) -> Vec<String> {
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
        if let Some(sentence) = d.cut.as_ref().and_then(|c| c.sentence()) {
            lines.push(sentence);
        }
        if self.options.sheet == super::Sheet::Overview {
            lines.push(
                "Overview: how many entries each category has in each stretch of time. The \
                 entries themselves follow, period by period, on pages with the same lanes."
                    .to_string(),
            );
        }
        if self.options.sheet == super::Sheet::Period {
            lines.push(format!(
                "This page: {} to {}. Earlier and later entries are on the other pages of \
                 the timeline; the overview shows the whole span.",
                scale::day_label(self.scale.start),
                scale::day_label(self.scale.end),
            ));
        } else if let Some(from) = self.options.focus.from {
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
        lines.extend(self.left_out_line());
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

    /// The entries the filters left out, counted by filter and listed by number.
    fn left_out_line(&self) -> Option<String> {
        let s = self.selection;
        if s.left_out.is_empty() {
            return None;
        }
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
        Some(format!(
            "Not drawn because of the filters chosen: {} entr{} ({}): Nos. {}.",
            s.left_out.len(),
            if s.left_out.len() == 1 { "y" } else { "ies" },
            reasons.join(", "),
            numbers.join(", ")
        ))
    }

    pub(super) fn title(&mut self, index: usize, lines: &[String], width: f64) {
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
}
