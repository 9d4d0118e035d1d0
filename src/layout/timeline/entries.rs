//! One entry drawn in its lane: the mark, a period's bar, the line over an uncertain date,
//! the impact signs, and its label or number.

use super::key::Key;
use super::lanes::{Placed, PlacedLabel};
use super::measure::Measure;
use super::scale::Scale;
use super::style::{INK, baseline, chevron, mark, sign, significance_colour, text_shape, valences};
use super::words::{entry_text, significance_name};
use super::{Builder, FONT, R, ROW_H, SIGN_W, SMALL};
use crate::layout::scene::{Anchor, Colour, Item, ItemKind, Paint, Point, Rect, Shape, Weight};
use crate::model::{Entry, EntryStatus, PartialDate, Qualifier, Valence};

impl<'a> Builder<'a> {
    /// An entry's mark (with its bar or uncertain-date line, arrows and signs) and its
    /// label or number.
    pub(super) fn entry_items(&mut self, p: Placed<'a>, rows_top: f64) {
        let entry = p.entry;
        let scale = self.scale;
        let y = rows_top + p.row as f64 * ROW_H + ROW_H / 2.0;
        let x = scale.x_clamped(entry.date.start());
        let mut item = self.entry_item(entry, &p.id);
        let colour = significance_colour(entry.significance);
        let (left, right) = extent(&scale, entry);
        if let Some(end) = &entry.end {
            self.period_bar(&mut item, end, Point::new(x, y), colour);
        } else if entry.date.is_uncertain() {
            self.uncertain_date(&mut item, &entry.date, Point::new(x, y), colour);
        }
        if entry.date.start() < scale.start {
            self.keys.insert(Key::Continues);
            item.shapes
                .push(chevron(Point::new(scale.x0 - 1.0, y), -1.0));
        }
        item.shapes
            .push(mark(Point::new(x, y), entry.significance, entry.status));
        self.signs(&mut item, entry, Point::new(x + R + SIGN_W / 2.0, y));
        item.bbox = Rect::new(left, y - ROW_H / 2.0, right - left, ROW_H);
        let label = match p.label {
            None => {
                item.classes.push("numbered".into());
                number_label(&mut self.measure, entry, &p.id, right, y)
            }
            Some(l) => full_label_item(entry, &p.id, l, y),
        };
        self.front.push(item);
        self.front.push(label);
    }

    /// The entry's item, with its tooltip, people, and classes for significance and status.
    fn entry_item(&mut self, entry: &Entry, id: &str) -> Item {
        let mut item = Item::new(ItemKind::Entry, id);
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
        item
    }

    /// A period's bar from its start to its certain end, fading out over an uncertain end,
    /// with an arrow when it goes on past the window.
    fn period_bar(&mut self, item: &mut Item, end: &PartialDate, at: Point, colour: Colour) {
        let scale = self.scale;
        let (xs, y) = (at.x, at.y);
        item.classes.push("period".into());
        self.keys.insert(Key::PeriodBar);
        let certain_end = if end.is_uncertain() {
            end.start()
        } else {
            end.end()
        };
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
    }

    /// A date known only to a month or year, or approximate: a whisker over the whole period
    /// it could be, and an arrow for "before" or "after".
    fn uncertain_date(&mut self, item: &mut Item, date: &PartialDate, at: Point, colour: Colour) {
        let (x, y) = (at.x, at.y);
        self.keys.insert(Key::UncertainDate);
        item.classes.push("uncertain-date".into());
        let xe = whisker_right(&self.scale, date);
        let dash: &[f64] = if date.qualifier() == Qualifier::About {
            &[2.0, 2.0]
        } else {
            &[]
        };
        let line = |points: Vec<Point>| Shape::Polyline {
            points,
            paint: Paint::line(colour, 1.2),
        };
        item.shapes.push(Shape::Polyline {
            points: vec![Point::new(x, y), Point::new(xe, y)],
            paint: Paint::line(colour, 1.2).dashed(dash),
        });
        item.shapes
            .push(line(vec![Point::new(xe, y - 3.0), Point::new(xe, y + 3.0)]));
        match date.qualifier() {
            Qualifier::Before => {
                item.shapes.push(line(vec![
                    Point::new(x - 6.0, y - 3.0),
                    Point::new(x - 10.0, y),
                    Point::new(x - 6.0, y + 3.0),
                ]));
                item.shapes
                    .push(line(vec![Point::new(x - 10.0, y), Point::new(x, y)]));
            }
            Qualifier::After => {
                item.shapes.push(line(vec![
                    Point::new(xe + 6.0, y - 3.0),
                    Point::new(xe + 10.0, y),
                    Point::new(xe + 6.0, y + 3.0),
                ]));
            }
            _ => {}
        }
    }

    /// The signs of an entry's harmful and positive impacts, in a row from `at`.
    fn signs(&mut self, item: &mut Item, entry: &Entry, at: Point) {
        let mut sx = at.x;
        for v in valences(entry) {
            let (key, class) = match v {
                Valence::Negative => (Key::Negative, "negative"),
                _ => (Key::Positive, "positive"),
            };
            self.keys.insert(key);
            item.classes.push(class.into());
            item.shapes.extend(sign(Point::new(sx, at.y), v));
            sx += SIGN_W;
        }
    }
}

/// The number beside the mark of an entry listed beside its lane.
fn number_label(measure: &mut Measure, entry: &Entry, id: &str, right: f64, y: f64) -> Item {
    let text = entry.number.to_string();
    let w = measure.width(&text, SMALL, Weight::Bold);
    let tx = right + 2.0;
    let mut label = Item::new(ItemKind::EntryLabel, format!("{id}-label"));
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
    label
}

/// A full label: the bold header lines (number, date, ages) over the event's text.
fn full_label_item(entry: &Entry, id: &str, l: PlacedLabel, y: f64) -> Item {
    let top = y - ROW_H / 2.0 + l.offset as f64 * ROW_H;
    let lines = l.header.len() + l.body.len();
    let bx = match l.anchor {
        Anchor::End => l.x - l.width,
        _ => l.x,
    };
    let mut label = Item::new(ItemKind::EntryLabel, format!("{id}-label"));
    label.entries = vec![entry.number];
    label.bbox = Rect::new(bx, top, l.width, lines as f64 * ROW_H);
    let hb = l.header.len() as f64;
    for (origin_top, lines, weight) in [
        (top + 1.0, l.header, Weight::Bold),
        (top + 1.0 + hb * ROW_H, l.body, Weight::Regular),
    ] {
        label.shapes.push(Shape::Text {
            origin: Point::new(l.x, baseline(origin_top, FONT)),
            lines,
            size: FONT,
            line_height: ROW_H,
            anchor: l.anchor,
            weight,
            colour: INK,
            halo: 0.0,
        });
    }
    label
}

/// How far an entry's drawing on its own row reaches left and right: the mark, its signs,
/// the line over an uncertain date and its arrows, a period's bar, the arrows at the edges.
pub(super) fn extent(scale: &Scale, entry: &Entry) -> (f64, f64) {
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
pub(super) fn whisker_right(scale: &Scale, date: &PartialDate) -> f64 {
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
