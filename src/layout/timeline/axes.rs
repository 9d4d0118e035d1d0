//! The calendar axes, the grid, and each subject child's age axis.

use super::key::Key;
use super::style::{INK, MUTED, baseline, text_shape};
use super::words::{age_label, slug};
use super::{Builder, FONT, MARGIN, OVERHANG, R, SMALL, scale};
use crate::layout::scene::{Anchor, Colour, Item, ItemKind, Paint, Point, Rect, Shape, Weight};
use crate::model::{PartialDate, PersonId, Precision, Qualifier};
use chrono::Months;

impl Builder<'_> {
    pub(super) fn tick_steps(&mut self) -> (u32, Option<u32>) {
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

    pub(super) fn calendar_axis(&mut self, id: &str, below: bool) {
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

    pub(super) fn grid(&mut self, top: f64, bottom: f64) {
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

    /// A subject child's age axis: a line from birth with ages at steps that fit, and the
    /// pregnancy before it.
    pub(super) fn age_axis(&mut self, child: &PersonId) {
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
                let word = person.born_word();
                head.push(format!("{word} {born}"));
                item.title = Some(format!("{name}'s age, {word} {born}"));
                item.shapes.push(Shape::Polyline {
                    points: vec![
                        Point::new(scale.x_clamped(born.start()), line_y),
                        Point::new(scale.right(), line_y),
                    ],
                    paint: Paint::line(MUTED, 1.0),
                });
                self.pregnancy(&mut item, &born, line_y);
                self.age_ticks(&mut item, &born, line_y);
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

    /// Pregnancy: the 40 weeks before birth, hatched, named, and with room the weeks marked.
    fn pregnancy(&mut self, item: &mut Item, born: &PartialDate, line_y: f64) {
        let scale = self.scale;
        let birth = born.start();
        let conceived = birth - chrono::Days::new(280);
        if birth <= scale.start || conceived >= scale.end {
            return;
        }
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
        // The age axis names the birth itself at x1, centred: pregnancy's words stop short of it.
        let birth_w = self
            .measure
            .width(&age_label(0, false), SMALL, Weight::Regular);
        let room_end = x1 - birth_w / 2.0 - 4.0;
        // With room, the stage of pregnancy in weeks (counted, as midwives do, from 40 weeks
        // before the birth), for a birth date known to the day.
        let exact = born.precision() == Precision::Day && born.qualifier() == Qualifier::Exact;
        let small_text = |text: String, x: f64, anchor: Anchor| {
            text_shape(
                Point::new(x, line_y + 14.0),
                vec![text],
                SMALL,
                anchor,
                Weight::Regular,
                MUTED,
            )
        };
        if (x1 - x0) >= 200.0 && exact {
            item.shapes
                .push(small_text("pre-birth".into(), x0 + 2.0, Anchor::Start));
            let mut last_right = x0 + 2.0 + w;
            for week in [12u64, 20, 28, 36] {
                let day = conceived + chrono::Days::new(week * 7);
                if day < scale.start || day > scale.end {
                    continue;
                }
                let x = scale.x(day);
                item.shapes.push(Shape::Polyline {
                    points: vec![Point::new(x, line_y - 4.0), Point::new(x, line_y + 4.0)],
                    paint: Paint::line(MUTED, 0.6),
                });
                let label = format!("{week}w");
                let lw = self.measure.width(&label, SMALL, Weight::Regular);
                if x - lw / 2.0 > last_right + 4.0 && x + lw / 2.0 < room_end {
                    last_right = x + lw / 2.0;
                    item.shapes.push(small_text(label, x, Anchor::Middle));
                }
            }
        } else if room_end - x0 >= w + 4.0 {
            item.shapes.push(small_text(
                "pre-birth".into(),
                (x0 + room_end) / 2.0,
                Anchor::Middle,
            ));
        }
    }

    /// Ticks and ages from birth, at the smallest step whose labels fit.
    fn age_ticks(&mut self, item: &mut Item, born: &PartialDate, line_y: f64) {
        let scale = self.scale;
        let birth = born.start();
        let approx = born.is_uncertain();
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

#[cfg(test)]
mod tests {
    use crate::layout::scene::{Anchor, Item, Shape};
    use crate::layout::timeline::{TimelineOptions, timeline};
    use crate::model::Case;

    /// Amy, born in the middle of the drawing, with one entry on each side of her birth.
    fn case() -> Case {
        let text = "case: {reference: T/1, title: Amy, children: [amy], as-at: 2024-01-01}\n\
            people:\n  - {id: amy, name: Amy Test, gender: female, born: 2018-06-02}\n\
            entries:\n  - {date: 2012-01-01, event: Before., category: health}\n  \
            - {date: 2023-01-01, event: After., category: health}\n";
        crate::load("amy.yaml", text.as_bytes())
            .case
            .expect("a case with no problems")
    }

    /// Left and right of every line of text an item writes.
    fn extents(item: &Item) -> Vec<(f64, f64, String)> {
        let mut spans = Vec::new();
        for shape in &item.shapes {
            if let Shape::Text {
                origin,
                lines,
                size,
                anchor,
                weight,
                ..
            } = shape
            {
                for line in lines {
                    let w = crate::text::width(line, *size, *weight);
                    let left = match anchor {
                        Anchor::Start => origin.x,
                        Anchor::Middle => origin.x - w / 2.0,
                        Anchor::End => origin.x - w,
                    };
                    spans.push((left, left + w, line.clone()));
                }
            }
        }
        spans
    }

    #[test]
    fn pregnancy_words_never_run_into_the_birth() {
        let case = case();
        // At some widths the 40 weeks are just wide enough for "pre-birth", which then ran
        // into "birth" below the birth tick.
        for width in (200..=1600).step_by(7) {
            let options = TimelineOptions {
                plot_width: width as f64,
                ..TimelineOptions::default()
            };
            let scene = timeline(&case, &options);
            let axis = scene.items.iter().find(|i| i.id == "age-amy").unwrap();
            let mut spans = extents(axis);
            // The heading ("Amy Test's age", "born …") is in the label column, left of it all.
            spans.retain(|(_, _, text)| !text.contains("age") && !text.starts_with("born"));
            spans.sort_by(|a, b| a.0.total_cmp(&b.0));
            for pair in spans.windows(2) {
                assert!(
                    pair[0].1 <= pair[1].0,
                    "at width {width}: {:?} runs into {:?}",
                    pair[0].2,
                    pair[1].2
                );
            }
        }
    }
}
