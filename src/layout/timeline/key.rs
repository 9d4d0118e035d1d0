//! The key: every symbol, line kind and band drawn, explained.

use super::bands::{BAND_EDGE, BandKind};
use super::style::{
    INK, MUTED, SUMMARY_TINT, UNRATED, baseline, block, chevron, hatch, mark, sign, text_shape,
};
use super::{Builder, FONT, MARGIN, OVERHANG, SMALL};
use crate::layout::scene::{
    Anchor, Colour, Item, ItemKind, LegendEntry, Paint, Point, Rect, Shape, Weight,
};
use crate::model::{EntryStatus, PeriodKind, Significance, Valence};

/// Everything the key can explain, in the order the key lists it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Key {
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

impl Builder<'_> {
    pub(super) fn legend(&mut self) {
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
        self.legend
            .extend(LegendEntry::new(item.shapes.clone(), true));
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
            let mut entry = key_swatch(&key, c);
            entry.push(text_shape(
                Point::new(x + 28.0, baseline(y + 1.5, FONT)),
                vec![text],
                FONT,
                Anchor::Start,
                Weight::Regular,
                INK,
            ));
            item.shapes.extend(entry.iter().cloned());
            self.legend.extend(LegendEntry::new(entry, false));
            x += w;
        }
        item.bbox = Rect::new(MARGIN, top, right - MARGIN, y + 16.0 - top);
        item.title = Some("Key to the symbols used".into());
        self.front.push(item);
        self.y = y + 18.0;
    }
}

pub(super) fn key_text(key: &Key) -> String {
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

/// The sample drawn beside each key entry, centred on `c`: one table, an arm per kind of key,
/// so the samples can be compared at a glance with what the timeline draws.
pub(super) fn key_swatch(key: &Key, c: Point) -> Vec<Shape> {
    let faded_bar = Paint::fill(UNRATED).with_opacity(0.55);
    let band_fill = |kind: PeriodKind| Paint::fill(BandKind::Period(kind).fill()).with_opacity(0.3);
    match key {
        Key::Significance(s) => vec![mark(c, *s, EntryStatus::Agreed)],
        Key::Negative => sign(c, Valence::Negative),
        Key::Positive => sign(c, Valence::Positive),
        Key::Disputed | Key::Alleged => {
            vec![mark(c, Some(Significance::Medium), EntryStatus::Disputed)]
        }
        Key::PeriodBar => vec![block(c.x - 11.0, c.y - 2.5, 22.0, 5.0, faded_bar)],
        Key::UncertainDate => vec![
            line(c.x - 11.0, c.y, c.x + 11.0, c.y),
            line(c.x + 11.0, c.y - 3.0, c.x + 11.0, c.y + 3.0),
            mark(
                Point::new(c.x - 8.0, c.y),
                Some(Significance::Low),
                EntryStatus::Agreed,
            ),
        ],
        Key::UncertainEnd => vec![
            block(c.x - 11.0, c.y - 2.5, 11.0, 5.0, faded_bar),
            block(
                c.x,
                c.y - 2.5,
                11.0,
                5.0,
                Paint::line(UNRATED, 0.8)
                    .filled(UNRATED)
                    .with_opacity(0.15)
                    .dashed(&[2.0, 2.0]),
            ),
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
        Key::PreBirth => vec![block(
            c.x - 11.0,
            c.y - 4.0,
            22.0,
            8.0,
            Paint::line(MUTED, 0.6)
                .filled(Colour(230, 230, 230))
                .dashed(&[2.0, 2.0]),
        )],
        Key::Band(kind) => vec![swatch(c, Paint::line(BAND_EDGE, 0.6).filled(kind.fill()))],
        Key::Shading => halves(
            c,
            band_fill(PeriodKind::ChildProtectionPlan),
            band_fill(PeriodKind::CareOrder),
        ),
        Key::Gap => hatch(Rect::new(c.x - 11.0, c.y - 6.0, 22.0, 12.0)),
        Key::Summary => vec![swatch(c, Paint::fill(SUMMARY_TINT))],
        Key::Pattern => halves(
            c,
            Paint::fill(Colour(225, 225, 225)),
            Paint::fill(Colour(80, 80, 80)),
        ),
    }
}

/// A sample of a band's colour: a box 22 by 12 centred on `c`.
fn swatch(c: Point, paint: Paint) -> Shape {
    block(c.x - 11.0, c.y - 6.0, 22.0, 12.0, paint)
}

/// A band sample in two halves, left and right, to show a change of shade.
fn halves(c: Point, left: Paint, right: Paint) -> Vec<Shape> {
    vec![
        block(c.x - 11.0, c.y - 6.0, 11.0, 12.0, left),
        block(c.x, c.y - 6.0, 11.0, 12.0, right),
    ]
}

/// A thin line in the colour of an unrated entry.
fn line(x0: f64, y0: f64, x1: f64, y1: f64) -> Shape {
    Shape::Polyline {
        points: vec![Point::new(x0, y0), Point::new(x1, y1)],
        paint: Paint::line(UNRATED, 1.2),
    }
}
