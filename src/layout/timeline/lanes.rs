//! Lanes: which entries go in which lane, and where each entry's mark and label go in
//! the lane's rows, so nothing touches; the list of numbered entries beside a crowded lane.

use super::entries::extent;
use super::key::Key;
use super::rows::{Claim, Overflow, Rows};
use super::style::{INK, LANE_TINT, MUTED, RULE, baseline, text_shape};
use super::words::{
    age_short, category_name, category_order, entry_date_text, name_of, slug, status_text,
};
use super::{
    Builder, FONT, GAP, LABEL_MAX_W, LABEL_W, LABEL_WIDE_W, LANE_PAD, LIST_W, Lanes, MARGIN,
    MAX_FULL_ROWS, OVERHANG, R, ROW_H, SMALL, SUMMARY_W,
};
use crate::layout::scene::{Anchor, Item, ItemKind, Paint, Point, Rect, Shape, Weight};
use crate::model::{Age, Entry, PersonId};
use std::collections::BTreeMap;

/// One lane: its key, its label and its entries in date order.
pub(super) struct Lane<'a> {
    pub(super) id: String,
    pub(super) label: String,
    /// The child whose age the labels show, in lanes by child.
    pub(super) child: Option<PersonId>,
    pub(super) entries: Vec<&'a Entry>,
    pub(super) before: usize,
    pub(super) after: usize,
}

/// How an entry was placed in its lane.
pub(super) struct Placed<'a> {
    pub(super) entry: &'a Entry,
    pub(super) id: String,
    pub(super) row: usize,
    /// The full label and where it starts, or `None` when only the number is shown.
    pub(super) label: Option<PlacedLabel>,
}

/// Where an entry's mark is, for placing its label.
#[derive(Clone, Copy)]
pub(super) struct LabelShape {
    pub(super) is_period: bool,
    pub(super) x: f64,
    pub(super) left: f64,
    pub(super) mark_right: f64,
    pub(super) bar_right: f64,
    pub(super) limit: f64,
    pub(super) x0: f64,
}

pub(super) struct PlacedLabel {
    pub(super) header: Vec<String>,
    pub(super) body: Vec<String>,
    pub(super) x: f64,
    pub(super) width: f64,
    pub(super) anchor: Anchor,
    /// Rows below the entry's row where the label starts (1 under a period bar).
    pub(super) offset: usize,
}

impl<'a> Builder<'a> {
    pub(super) fn lanes(&self) -> Vec<Lane<'a>> {
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
    pub(super) fn lane_keys(
        &self,
        entry: &Entry,
    ) -> Vec<((usize, String), String, Option<PersonId>)> {
        let s = self.selection;
        match self.options.lanes {
            Lanes::Category => {
                let (order, key) = category_order(&entry.category);
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

    pub(super) fn next_id(&mut self, number: u32) -> String {
        let seen = self.ids.entry(number).or_insert(0);
        *seen += 1;
        if *seen == 1 {
            format!("entry-{number}")
        } else {
            format!("entry-{number}-{seen}")
        }
    }

    /// The bold first lines of a label: number, date and the children's ages.
    pub(super) fn header(&self, entry: &Entry, lane: &Lane) -> String {
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
                // The chronology's words, where a partial or approximate date leaves the age
                // uncertain ("c. 1y", "4–5y"); the short stage of pregnancy before birth.
                let between = crate::chronology::age_between(born, &entry.date);
                let age = match between.starts_with("pre-birth") {
                    true => age_short(&Age::at(born, entry.date.start())),
                    false => between,
                };
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
    pub(super) fn short_name(&self, child: &PersonId) -> String {
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
    pub(super) fn compact_row(
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
    pub(super) fn full_label(
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
        // A period's label goes in the rows under its bar; an event's in the mark's own rows.
        let (claims, label_x, offset) = if is_period {
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
            (claims, lx, 1)
        } else {
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
            (claims, lx, 0)
        };
        let label = PlacedLabel {
            header: header_lines,
            body: body_lines,
            x: label_x,
            width,
            anchor: Anchor::Start,
            offset,
        };
        Some((claims, label))
    }

    /// One lane: its entries placed in rows, its label and tint, the summaries of history
    /// outside the focus window in its row, and the list of entries shown by number only.
    pub(super) fn lane(&mut self, lane: &Lane<'a>, index: usize) {
        let top = self.y;
        let (placed, used) = self.place_entries(lane);
        let rows_top = top + LANE_PAD;
        let mut height = used as f64 * ROW_H + 2.0 * LANE_PAD;
        let label_lines = self
            .measure
            .wrap(&lane.label, 11.0, Weight::Bold, LABEL_W - 16.0);
        let label_height = label_lines.len() as f64 * 13.75 + 13.0 + 2.0 * LANE_PAD;
        height = height.max(label_height);
        let (list_items, list_bottom) = self.numbered_list(&placed, rows_top);
        if let Some(bottom) = list_bottom {
            height = height.max(bottom - top + LANE_PAD);
        }
        self.lane_background(lane, index, top, height, label_lines);
        self.lane_summaries(lane, top);
        for p in placed {
            self.entry_items(p, rows_top);
        }
        self.front.extend(list_items);
        self.y = top + height;
    }

    /// Every entry of a lane placed in the lane's rows, and how many rows they use.
    fn place_entries(&mut self, lane: &Lane<'a>) -> (Vec<Placed<'a>>, usize) {
        let mut rows = Rows::default();
        let mut overflow = Overflow::default();
        let mut placed: Vec<Placed<'a>> = Vec::with_capacity(lane.entries.len());
        for entry in &lane.entries {
            let id = self.next_id(entry.number);
            let (row, label) = self.place_entry(entry, lane, &mut rows, &mut overflow);
            placed.push(Placed {
                entry,
                id,
                row,
                label,
            });
        }
        let used = if overflow.used() > 0 {
            MAX_FULL_ROWS + overflow.used()
        } else {
            rows.used()
        };
        (placed, used)
    }

    /// The row of one entry, with its full label where one fits, else `None` (the mark then
    /// carries its number and the entry is listed beside the lane).
    fn place_entry(
        &mut self,
        entry: &Entry,
        lane: &Lane,
        rows: &mut Rows,
        overflow: &mut Overflow,
    ) -> (usize, Option<PlacedLabel>) {
        let scale = self.scale;
        let x = scale.x_clamped(entry.date.start());
        let (left, mark_right) = extent(&scale, entry);
        let is_period = entry.end.is_some();
        // In a saturated lane, find out cheaply whether a label could fit at all before
        // writing and wrapping it: the number and date on one line above one line of text,
        // on either side of the mark. (A wrong guess here only numbers an entry that might
        // have had a label; it never lets anything overlap.)
        if !is_period {
            let prefix = format!("{} \u{00b7} {}", entry.number, entry_date_text(entry));
            let pw = self.measure.width(&prefix, FONT, Weight::Bold).min(100.0);
            if !fits_beside(rows, left, mark_right, pw, 2) {
                return (self.compact_row(entry, x, mark_right, rows, overflow), None);
            }
        }
        let header = self.header(entry, lane);
        let header_lines = self.measure.wrap(&header, FONT, Weight::Bold, LABEL_MAX_W);
        // Then whether the header and one line could fit, before wrapping the whole event
        // text: a box that small must fit on one side of the mark for any full label to.
        if !is_period {
            let hw = self.measure.widest(&header_lines, FONT, Weight::Bold);
            if !fits_beside(rows, left, mark_right, hw, header_lines.len() + 1) {
                return (self.compact_row(entry, x, mark_right, rows, overflow), None);
            }
        }
        let mut body_text = entry.event.clone();
        if let Some(status) = status_text(entry) {
            body_text.push_str(&format!(" [{status}]"));
        }
        let shape = LabelShape {
            is_period,
            x,
            left,
            mark_right,
            bar_right: mark_right,
            limit: scale.right() + OVERHANG - 4.0,
            x0: scale.x0,
        };
        // The usual width first; a wider, shorter label next, which often fits between
        // the labels of a busy stretch.
        for wrap_width in [LABEL_MAX_W, LABEL_WIDE_W] {
            let header_lines = if wrap_width == LABEL_MAX_W {
                header_lines.clone()
            } else {
                self.measure.wrap(&header, FONT, Weight::Bold, wrap_width)
            };
            let body_lines = self
                .measure
                .wrap(&body_text, FONT, Weight::Regular, wrap_width);
            let Some((claims, label)) = self.full_label(&shape, header_lines, body_lines) else {
                continue;
            };
            if let Some(row) = rows.place(&claims, GAP, MAX_FULL_ROWS) {
                return (row, Some(label));
            }
        }
        // A dense cluster: the mark carries its number and the entry is listed.
        (self.compact_row(entry, x, mark_right, rows, overflow), None)
    }

    /// The list of a lane's entries shown by number only, beside the lane from `top`, and
    /// where the list ends (`None` when there is none).
    fn numbered_list(&mut self, placed: &[Placed], top: f64) -> (Vec<Item>, Option<f64>) {
        let numbered: Vec<&Placed> = placed.iter().filter(|p| p.label.is_none()).collect();
        if numbered.is_empty() {
            return (Vec::new(), None);
        }
        self.list_used = true;
        self.keys.insert(Key::Numbered);
        let mut list_items = Vec::new();
        let mut ly = top;
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
        (list_items, Some(ly))
    }

    /// The lane's background: alternate tints so lanes read as rows across the page, a rule
    /// above, and the lane's name and count of entries.
    fn lane_background(
        &mut self,
        lane: &Lane,
        index: usize,
        top: f64,
        height: f64,
        label_lines: Vec<String>,
    ) {
        let count = lane.entries.len();
        let count_line = format!("{count} entr{}", if count == 1 { "y" } else { "ies" });
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
        let count_top = top + LANE_PAD + label_lines.len() as f64 * 13.75;
        background.shapes.push(text_shape(
            Point::new(MARGIN + 6.0, baseline(top + LANE_PAD, 11.0)),
            label_lines,
            11.0,
            Anchor::Start,
            Weight::Bold,
            INK,
        ));
        background.shapes.push(text_shape(
            Point::new(MARGIN + 6.0, baseline(count_top, SMALL)),
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
    }

    /// The summary of history outside the focus window, in this lane's row.
    fn lane_summaries(&mut self, lane: &Lane, top: f64) {
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
    }
}
/// Whether a box `width` wide and `depth` rows deep fits beside a mark, on either side, in
/// the lane's first rows.
fn fits_beside(rows: &Rows, left: f64, mark_right: f64, width: f64, depth: usize) -> bool {
    let side = |l: f64, r: f64| -> Vec<Claim> {
        (0..depth)
            .map(|o| Claim {
                offset: o,
                left: l,
                right: r,
            })
            .collect()
    };
    let start = mark_right + 3.0;
    rows.can_place(&side(left, start + width), GAP, MAX_FULL_ROWS)
        || rows.can_place(&side(left - 3.0 - width, mark_right), GAP, MAX_FULL_ROWS)
}
