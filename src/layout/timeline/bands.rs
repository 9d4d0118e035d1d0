//! Background bands: legal status, who the child lived with, placements and schools, and
//! the shading of legal status behind the lanes.

use super::key::Key;
use super::rows::{Claim, Overflow, Rows};
use super::style::{INK, baseline, chevron, text_shape};
use super::words::{period_name, slug};
use super::{BAND_H, Builder, FONT, LABEL_W, MARGIN, OVERHANG, R, ROW_H, SMALL, SUMMARY_W};
use crate::layout::scene::{Anchor, Colour, Item, ItemKind, Paint, Point, Rect, Shape, Weight};
use crate::model::{PartialDate, PeriodKind, PersonId};
use chrono::NaiveDate;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum BandKind {
    Period(PeriodKind),
    Household,
}

impl BandKind {
    pub(super) fn name(self) -> &'static str {
        match self {
            BandKind::Household => "Lived with (household)",
            BandKind::Period(kind) => period_name(kind),
        }
    }

    pub(super) fn short(self) -> &'static str {
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

    pub(super) fn class(self) -> &'static str {
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
    pub(super) fn fill(self) -> Colour {
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

#[derive(Debug, Clone)]
pub(super) struct Band {
    pub(super) id: String,
    pub(super) kind: BandKind,
    pub(super) label: String,
    pub(super) start: Option<PartialDate>,
    pub(super) end: Option<PartialDate>,
}

/// A band placed on its row: its dates within the child's life, its span across the plot,
/// and how far below the row's top its strip is.
/// The names of a row's bands wholly outside the window, on each side.
#[derive(Default)]
struct OutsideBands {
    earlier: Vec<String>,
    later: Vec<String>,
}

struct PlacedBand<'b> {
    band: &'b Band,
    start: NaiveDate,
    end: NaiveDate,
    x0: f64,
    x1: f64,
    y: f64,
}

/// The outline of a band and of its swatch.
pub(super) const BAND_EDGE: Colour = Colour(120, 120, 120);

impl Builder<'_> {
    /// A child's bands in four groups: legal status, lived with, placement, school.
    pub(super) fn bands_of(&self, child: &PersonId) -> [Vec<Band>; 4] {
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
    pub(super) fn band_section(&mut self) {
        const TITLES: [&str; 4] = ["Legal status", "Lived with", "Placement", "School"];
        let children = self.selection.children.clone();
        let all: Vec<[Vec<Band>; 4]> = children.iter().map(|c| self.bands_of(c)).collect();
        // A timeline cut into pages shows legal status only, on its periods' pages, to leave
        // room for the entries; its overview is the pattern of entries over time.
        let groups = match self.options.sheet {
            super::Sheet::Whole => TITLES.len(),
            super::Sheet::Overview => 0,
            super::Sheet::Period => 1,
        };
        for (g, title) in TITLES.iter().enumerate().take(groups) {
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

    /// One row of bands for the children in `who` (whose bands are the same): the bands in
    /// as few strips as they fit, the names that do not fit inside them below, the row's
    /// name, and anything that ended before the window.
    pub(super) fn band_row(&mut self, row_label: &str, who: &[PersonId], mut bands: Vec<Band>) {
        let child = &who[0];
        let people: Vec<String> = who.iter().map(|c| c.to_string()).collect();
        let top = self.y;
        bands.sort_by_key(|b| b.start.map(|d| d.start()));
        let (placed, strip_count, outside) = self.place_bands(child, &bands);
        let label_top = top + strip_count as f64 * (BAND_H + 2.0);
        let mut labels = Rows::default();
        let mut items = Vec::new();
        for band in placed {
            let band_id = format!("band-{}-{}", slug(child.as_str()), band.band.id);
            let item = self.band_item(child, &people, &band, top, &band_id);
            if let Some(label) =
                self.band_name_below(&band, &people, &band_id, label_top, &mut labels)
            {
                items.push(label);
            }
            self.front.push(item);
        }
        self.front.extend(items);
        let mut bottom = label_top + labels.used() as f64 * ROW_H;
        bottom = bottom.max(self.band_row_head(child, row_label, top));
        let columns = [
            (
                self.summary_x,
                ("Earlier", "summary-band"),
                &outside.earlier,
            ),
            (
                self.after_x,
                ("Later", "summary-band-later"),
                &outside.later,
            ),
        ];
        for (column, (when, id), names) in columns {
            // A period page has no side columns: the other pages draw those bands.
            if let (Some(x), false) = (column, names.is_empty()) {
                let end = self.bands_outside(child, row_label, (x, when, id), names, top);
                bottom = bottom.max(end);
            }
        }
        self.y = bottom + 6.0;
    }

    /// Where each band of a row goes, in strips so none overlaps another; how many strips;
    /// and the names of bands wholly outside the window.
    fn place_bands<'b>(
        &self,
        child: &PersonId,
        bands: &'b [Band],
    ) -> (Vec<PlacedBand<'b>>, usize, OutsideBands) {
        let scale = self.scale;
        let mut strips = Overflow::default();
        let mut outside = OutsideBands::default();
        let mut placed = Vec::new();
        // No one lives anywhere before they are born: an open start begins at birth.
        let born = self
            .case
            .person(child)
            .and_then(|p| p.born)
            .map(|b| b.start());
        for band in bands {
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
                outside.earlier.push(band.label.clone());
                continue;
            }
            if start > scale.end {
                outside.later.push(band.label.clone());
                continue;
            }
            let x0 = scale.x_clamped(start);
            let x1 = scale.x_clamped(end).max(x0 + 1.0);
            let strip = strips.place(x0, x1, 0.0);
            placed.push(PlacedBand {
                band,
                start,
                end,
                x0,
                x1,
                y: strip as f64 * (BAND_H + 2.0),
            });
        }
        (placed, strips.used().max(1), outside)
    }

    /// A band drawn: its fill, a faded end when the end is uncertain, arrows where it goes on
    /// past the window, and its name inside when it fits.
    fn band_item(
        &mut self,
        child: &PersonId,
        people: &[String],
        placed: &PlacedBand,
        top: f64,
        band_id: &str,
    ) -> Item {
        let scale = self.scale;
        let PlacedBand {
            band,
            start,
            end,
            x0,
            x1,
            ..
        } = *placed;
        let y = top + placed.y;
        self.keys.insert(Key::Band(band.kind));
        let mut item = Item::new(ItemKind::Band, band_id);
        item.people = people.to_vec();
        item.classes = vec![band.kind.class().into()];
        let fill = band.kind.fill();
        let uncertain_end = band.end.is_some_and(|e| e.is_uncertain());
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
            paint: Paint::line(BAND_EDGE, 0.6).filled(fill),
        });
        if uncertain_end {
            self.keys.insert(Key::UncertainEnd);
            item.shapes.push(Shape::Rect {
                rect: Rect::new(xm, y, (x1 - xm).max(6.0), BAND_H),
                corner: 0.0,
                paint: Paint::line(BAND_EDGE, 0.6)
                    .filled(fill)
                    .with_opacity(0.35)
                    .dashed(&[2.0, 2.0]),
            });
        }
        if band.end.is_none() || end > scale.end {
            self.keys.insert(Key::Continues);
            item.shapes
                .push(chevron(Point::new(x1 + 1.0, y + BAND_H / 2.0), 1.0));
        }
        if start < scale.start {
            self.keys.insert(Key::Continues);
            item.shapes
                .push(chevron(Point::new(x0 - 1.0, y + BAND_H / 2.0), -1.0));
        }
        item.title = Some(self.band_title(child, band));
        item.bbox = Rect::new(x0 - 7.0, y, x1 - x0 + 14.0, BAND_H);
        if let Some((text, weight)) = self.band_name_inside(band, x1 - x0 - 6.0) {
            item.shapes.push(text_shape(
                Point::new(x0 + 3.0, y + BAND_H / 2.0 + SMALL * 0.35),
                vec![text],
                SMALL,
                Anchor::Start,
                weight,
                INK,
            ));
        }
        item
    }

    /// The band's tooltip: whose it is, what it is, and its dates.
    fn band_title(&self, child: &PersonId, band: &Band) -> String {
        let dates = match (band.start, band.end) {
            (Some(s), Some(e)) => format!("{s} to {e}"),
            (Some(s), None) => format!("from {s}, continuing"),
            (None, Some(e)) => format!("until {e}"),
            (None, None) => "throughout".to_string(),
        };
        format!(
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
        )
    }

    /// The name shown inside a band `inner` wide: the full name when it fits, else its short
    /// form in bold, else nothing.
    fn band_name_inside(&mut self, band: &Band, inner: f64) -> Option<(String, Weight)> {
        let w = self.measure.width(&band.label, SMALL, Weight::Regular);
        let short = band.kind.short();
        let sw = self.measure.width(short, SMALL, Weight::Bold);
        if w <= inner {
            Some((band.label.clone(), Weight::Regular))
        } else if !short.is_empty() && sw <= inner {
            Some((short.to_string(), Weight::Bold))
        } else {
            None
        }
    }

    /// A band's full name under the band row, with a swatch of its colour, when the band
    /// cannot show it inside.
    fn band_name_below(
        &mut self,
        placed: &PlacedBand,
        people: &[String],
        band_id: &str,
        label_top: f64,
        labels: &mut Rows,
    ) -> Option<Item> {
        let scale = self.scale;
        let band = placed.band;
        let inside = self.band_name_inside(band, placed.x1 - placed.x0 - 6.0);
        if inside.as_ref().is_some_and(|(t, _)| *t == band.label) {
            return None;
        }
        let w = self.measure.width(&band.label, SMALL, Weight::Regular);
        let lw = w + 12.0;
        let lx = placed
            .x0
            .min(scale.right() + OVERHANG - lw)
            .max(scale.x0 - R);
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
        label.people = people.to_vec();
        label.bbox = Rect::new(lx, ly, lw, ROW_H);
        label.shapes.push(Shape::Rect {
            rect: Rect::new(lx, ly + 2.5, 8.0, 8.0),
            corner: 0.0,
            paint: Paint::line(BAND_EDGE, 0.6).filled(band.kind.fill()),
        });
        label.shapes.push(text_shape(
            Point::new(lx + 11.0, baseline(ly + 1.5, SMALL)),
            vec![band.label.clone()],
            SMALL,
            Anchor::Start,
            Weight::Regular,
            INK,
        ));
        Some(label)
    }

    /// The band row's name in the label column; returns where it ends.
    fn band_row_head(&mut self, child: &PersonId, row_label: &str, top: f64) -> f64 {
        let lines = self
            .measure
            .wrap(row_label, FONT, Weight::Regular, LABEL_W - 12.0);
        let mut head = Item::new(
            ItemKind::Label,
            format!("band-row-{}-{}", slug(child.as_str()), slug(row_label)),
        );
        head.bbox = Rect::new(MARGIN + 6.0, top, LABEL_W - 12.0, lines.len() as f64 * 12.5);
        let bottom = top + lines.len() as f64 * 12.5;
        head.shapes.push(Shape::Text {
            origin: Point::new(MARGIN + 6.0, baseline(top + 2.0, FONT)),
            lines,
            size: FONT,
            line_height: 12.5,
            anchor: Anchor::Start,
            weight: Weight::Regular,
            colour: INK,
            halo: 0.0,
        });
        self.front.push(head);
        bottom
    }

    /// The bands of a row wholly before or after the window, named in the side column at `x`
    /// under `when` ("Earlier", "Later"), its item's id starting `id`; returns where the text
    /// ends.
    fn bands_outside(
        &mut self,
        child: &PersonId,
        row_label: &str,
        (x, when, id): (f64, &str, &str),
        names: &[String],
        top: f64,
    ) -> f64 {
        let text = format!("{when}: {}", names.join("; "));
        let lines = self
            .measure
            .wrap(&text, SMALL, Weight::Regular, SUMMARY_W - 12.0);
        let h = lines.len() as f64 * SMALL * 1.25;
        let mut item = Item::new(
            ItemKind::Summary,
            format!("{id}-{}-{}", slug(child.as_str()), slug(row_label)),
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
        self.front.push(item);
        top + h + 2.0
    }

    /// The legal statuses every child drawn shared, shaded faintly behind the lanes, so each
    /// entry is seen under the plan or order in force when it happened.
    pub(super) fn status_shading(&mut self, top: f64, bottom: f64) {
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
}

#[cfg(test)]
mod tests {
    use crate::chronology::select::Focus;
    use crate::layout::timeline::{TimelineOptions, timeline};
    use chrono::NaiveDate;

    #[test]
    fn bands_outside_a_window_are_named_on_their_own_side() {
        let text = "case: {reference: T/1, title: Amy, children: [amy], as-at: 2024-01-01}\n\
            people:\n  - {id: amy, name: Amy Test, gender: female, born: 2010-06-02}\n\
            periods:\n  - {kind: child-in-need, children: [amy], from: 2011-01, to: 2012-01}\n  \
            - {kind: interim-care-order, children: [amy], from: 2020-01}\n\
            entries:\n  - {date: 2011-01-01, event: Early., category: health}\n  \
            - {date: 2016-01-01, event: Middle., category: health}\n  \
            - {date: 2023-01-01, event: Late., category: health}\n";
        let loaded = crate::load("amy.yaml", text.as_bytes());
        let case = loaded
            .case
            .clone()
            .unwrap_or_else(|| panic!("{:?}", loaded.diagnostics));
        let day = |y| NaiveDate::from_ymd_opt(y, 1, 1);
        let options = TimelineOptions {
            focus: Focus {
                from: day(2014),
                to: day(2018),
            },
            ..TimelineOptions::default()
        };
        let scene = timeline(&case, &options);
        let words = |id: &str| {
            let item = scene.items.iter().find(|i| i.id == id).expect(id);
            (item.bbox, item.words().join(" "))
        };
        let plot = scene
            .items
            .iter()
            .find(|i| i.id == "axis-grid")
            .unwrap()
            .bbox;
        let (before, earlier) = words("summary-band-amy-legal-status");
        let (after, later) = words("summary-band-later-amy-legal-status");
        assert_eq!(earlier, "Earlier: Child in need");
        assert_eq!(later, "Later: Interim care order");
        assert!(before.right() <= plot.x, "{before:?} left of {plot:?}");
        assert!(after.x >= plot.right(), "{after:?} right of {plot:?}");
    }
}
