//! Review marks: what is new, changed or ended since an earlier date, drawn over a laid-out
//! diagram.
//!
//! The layout knows nothing of how changes are found; it is handed a set of case ids, each
//! with a mark, and draws them the same way on both diagrams: something new gets a solid
//! outline, something changed a dashed one, and something that ended or was removed is drawn
//! faded. Every marked item also carries a class (`review-added`, `review-edited`,
//! `review-removed`) so other programs can find it, and the marks used are explained in a
//! key of their own under the diagram.

use super::scene::{
    Anchor, Colour, Item, ItemKind, LegendEntry, Paint, Point, Rect, Scene, Shape, Weight,
};
use crate::model::PersonId;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// How something is marked.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Mark {
    /// New in the period: a solid outline.
    Added,
    /// Changed in the period: a dashed outline.
    Edited,
    /// Ended or removed in the period: drawn faded.
    Removed,
}

impl Mark {
    /// The SVG class other programs look for.
    pub fn class(self) -> &'static str {
        match self {
            Mark::Added => "review-added",
            Mark::Edited => "review-edited",
            Mark::Removed => "review-removed",
        }
    }

    fn key_text(self) -> &'static str {
        match self {
            Mark::Added => "New in the review period (solid outline)",
            Mark::Edited => "Changed in the review period (dashed outline)",
            Mark::Removed => "Ended in the review period (faded)",
        }
    }

    fn words(self) -> &'static str {
        match self {
            Mark::Added => "new in the review period",
            Mark::Edited => "changed in the review period",
            Mark::Removed => "ended in the review period",
        }
    }
}

/// What to mark, by case id. Empty marks leave a diagram exactly as it was.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Marks {
    pub people: BTreeMap<PersonId, Mark>,
    /// By partnership id.
    pub partnerships: BTreeMap<String, Mark>,
    /// By household id.
    pub households: BTreeMap<String, Mark>,
    /// By position in the case's list of relationships.
    pub relationships: BTreeMap<usize, Mark>,
    /// By entry number.
    pub entries: BTreeMap<u32, Mark>,
    /// The review period, first and last day: shaded on the timeline.
    pub period: Option<(NaiveDate, NaiveDate)>,
}

impl Marks {
    pub fn is_empty(&self) -> bool {
        self.people.is_empty()
            && self.partnerships.is_empty()
            && self.households.is_empty()
            && self.relationships.is_empty()
            && self.entries.is_empty()
            && self.period.is_none()
    }

    /// The mark of a drawn item, from the ids the layouts give their items.
    fn of(&self, item: &Item) -> Option<Mark> {
        match item.kind {
            ItemKind::Person => self.person(item.id.strip_prefix("person-")?),
            ItemKind::Label => self.person(item.id.strip_prefix("label-")?),
            ItemKind::Partnership => self
                .partnerships
                .get(item.id.strip_prefix("partnership-")?)
                .copied(),
            ItemKind::Household => self
                .households
                .iter()
                .find(|(id, _)| {
                    let base = household_item_id(id);
                    item.id == base
                        || item
                            .id
                            .strip_prefix(&base)
                            .is_some_and(|rest| rest.starts_with("-part-"))
                })
                .map(|(_, mark)| *mark),
            ItemKind::Emotional => {
                let n: usize = item.id.rsplit('-').next()?.parse().ok()?;
                self.relationships.get(&n.checked_sub(1)?).copied()
            }
            ItemKind::Entry | ItemKind::EntryLabel => item
                .entries
                .iter()
                .filter_map(|n| self.entries.get(n))
                .min()
                .copied(),
            _ => None,
        }
    }

    fn person(&self, id: &str) -> Option<Mark> {
        self.people.get(&PersonId(id.to_string())).copied()
    }
}

/// The element id of a household's outline: the household id, with "household-" in front
/// unless it already starts so.
pub(crate) fn household_item_id(id: &str) -> String {
    if id.starts_with("household") {
        id.to_string()
    } else {
        format!("household-{id}")
    }
}

const ADDED: Colour = Colour(0, 120, 60);
const EDITED: Colour = Colour(176, 96, 0);
const HIGHLIGHT_ADDED: Colour = Colour(180, 228, 196);
const HIGHLIGHT_EDITED: Colour = Colour(250, 214, 160);
const REVIEW_PERIOD: Colour = Colour(255, 236, 150);
const INK: Colour = Colour(34, 34, 34);
/// How far faded colours go towards white.
const FADE: f64 = 0.65;

/// Draws the marks over a laid-out diagram and adds their key at the bottom. Items keep their
/// ids and places; only classes, shapes and the drawing's height change.
pub fn apply(scene: &mut Scene, marks: &Marks) {
    if marks.is_empty() {
        return;
    }
    let mut used = BTreeSet::new();
    for item in &mut scene.items {
        let Some(mark) = marks.of(item) else {
            continue;
        };
        item.classes.push(mark.class().to_string());
        if let Some(title) = &mut item.title {
            title.push_str(&format!(" ({})", mark.words()));
        }
        match mark {
            Mark::Removed => fade(item),
            Mark::Added | Mark::Edited => outline(item, mark),
        }
        if item.kind != ItemKind::Label && item.kind != ItemKind::EntryLabel {
            used.insert(mark);
        }
    }
    let period = scene.items.iter().any(|i| i.id == REVIEW_PERIOD_ID);
    key(scene, &used, period);
}

/// The id of the timeline's review period band.
pub(crate) const REVIEW_PERIOD_ID: &str = "review-period";

/// The review period's band behind a timeline's lanes, from `x0` to `x1`, with its name above.
pub(crate) fn period_band(x0: f64, x1: f64, top: f64, bottom: f64, title: String) -> Item {
    let mut item = Item::new(ItemKind::Band, REVIEW_PERIOD_ID);
    item.classes.push("review-period".into());
    item.bbox = Rect::new(x0, top, (x1 - x0).max(1.0), bottom - top);
    item.shapes.push(Shape::Rect {
        rect: item.bbox,
        corner: 0.0,
        paint: Paint::fill(REVIEW_PERIOD).with_opacity(0.45),
    });
    // A tick above each end says where the period starts and ends without relying on the
    // colour; ticks, not lines down the lanes, so no entry's words are crossed.
    item.shapes.extend(end_ticks(x0, x1, top));
    item.bbox = Rect::new(
        x0 - 1.0,
        top - TICK,
        (x1 - x0).max(1.0) + 2.0,
        bottom - top + TICK,
    );
    item.title = Some(title);
    item
}

/// How far the ticks at the ends of the review period stand above it.
const TICK: f64 = 7.0;

fn end_ticks(x0: f64, x1: f64, top: f64) -> Vec<Shape> {
    [x0, x1]
        .into_iter()
        .map(|x| Shape::Polyline {
            points: vec![Point::new(x, top - TICK), Point::new(x, top)],
            paint: Paint::line(EDITED, 2.0),
        })
        .collect()
}

fn outline(item: &mut Item, mark: Mark) {
    let (colour, light, dash): (Colour, Colour, &[f64]) = match mark {
        Mark::Added => (ADDED, HIGHLIGHT_ADDED, &[]),
        _ => (EDITED, HIGHLIGHT_EDITED, &[6.0, 3.0]),
    };
    match item.kind {
        // Symbols get a box around them.
        ItemKind::Person | ItemKind::Entry => {
            // Close to the symbol: a timeline's label starts a few units to its right.
            let (margin, width) = if item.kind == ItemKind::Entry {
                (1.5, 1.6)
            } else {
                (4.0, 2.2)
            };
            let rect = item.bbox.inflate(margin);
            item.shapes.push(Shape::Rect {
                rect,
                corner: 3.0,
                paint: Paint::line(colour, width).dashed(dash),
            });
            item.bbox = item.bbox.union(&rect);
        }
        // Labels carry the class only: the symbol beside them is outlined.
        ItemKind::Label | ItemKind::EntryLabel => {}
        // Lines and household outlines get a highlighter stroke underneath.
        _ => {
            let mut under = Vec::new();
            for shape in &item.shapes {
                if let Some(shape) = highlighter(shape, light, dash) {
                    under.push(shape);
                }
            }
            under.append(&mut item.shapes);
            item.shapes = under;
            item.bbox = item.bbox.inflate(4.0);
        }
    }
}

/// A wide, light copy of a line drawn under it.
fn highlighter(shape: &Shape, colour: Colour, dash: &[f64]) -> Option<Shape> {
    let paint = |width: f64| {
        let dash: Vec<f64> = dash.iter().map(|d| d * 2.0).collect();
        Paint::line(colour, width + 7.0).dashed(&dash)
    };
    match shape {
        Shape::Polyline { points, paint: p } if p.stroke.is_some() => Some(Shape::Polyline {
            points: points.clone(),
            paint: paint(p.stroke_width),
        }),
        Shape::Path { steps, paint: p } if p.stroke.is_some() => Some(Shape::Path {
            steps: steps.clone(),
            paint: Paint {
                fill: None,
                ..paint(p.stroke_width)
            },
        }),
        Shape::Rect {
            rect,
            corner,
            paint: p,
        } if p.stroke.is_some() => Some(Shape::Rect {
            rect: *rect,
            corner: *corner,
            paint: paint(p.stroke_width),
        }),
        _ => None,
    }
}

fn faded(colour: Colour) -> Colour {
    let towards = |c: u8| (f64::from(c) + (255.0 - f64::from(c)) * FADE).round() as u8;
    Colour(towards(colour.0), towards(colour.1), towards(colour.2))
}

fn fade_paint(paint: &mut Paint) {
    paint.stroke = paint.stroke.map(faded);
    paint.fill = paint.fill.map(faded);
}

fn fade(item: &mut Item) {
    for shape in &mut item.shapes {
        match shape {
            Shape::Rect { paint, .. }
            | Shape::Circle { paint, .. }
            | Shape::Polygon { paint, .. }
            | Shape::Polyline { paint, .. }
            | Shape::Path { paint, .. } => fade_paint(paint),
            Shape::Text { colour, .. } => *colour = faded(*colour),
        }
    }
}

/// The key to the marks used, under everything else, so the diagram's legend stays true.
fn key(scene: &mut Scene, used: &BTreeSet<Mark>, period: bool) {
    if used.is_empty() && !period {
        return;
    }
    let left = 24.0;
    let top = scene.height + 4.0;
    let mut item = Item::new(ItemKind::Legend, "legend-review");
    item.classes.push("review-key".into());
    item.shapes.push(text(
        Point::new(left, top + 11.0),
        "Review marks".into(),
        11.0,
        Weight::Bold,
    ));
    let mut entries: Vec<Vec<Shape>> = vec![item.shapes.clone()];
    let mut y = top + 20.0;
    let mut widest: f64 = 100.0;
    if period {
        let swatch = Rect::new(left, y + 4.0, 24.0, 10.0);
        let mut entry = vec![Shape::Rect {
            rect: swatch,
            corner: 0.0,
            paint: Paint::fill(REVIEW_PERIOD).with_opacity(0.45),
        }];
        entry.extend(end_ticks(swatch.x, swatch.right(), swatch.y + 4.0));
        let words = "The review period (shaded, with a tick at each end)";
        entry.push(text(
            Point::new(left + 34.0, y + 11.0),
            words.into(),
            10.0,
            Weight::Regular,
        ));
        entries.push(entry);
        widest = widest.max(34.0 + crate::text::width(words, 10.0, Weight::Regular));
        y += 20.0;
    }
    for &mark in used {
        let mut sample = Item::new(ItemKind::Person, "sample");
        sample.bbox = Rect::new(left + 4.0, y + 2.0, 16.0, 10.0);
        sample.shapes.push(Shape::Rect {
            rect: sample.bbox,
            corner: 0.0,
            paint: Paint::line(INK, 1.2).filled(Colour::WHITE),
        });
        match mark {
            Mark::Removed => fade(&mut sample),
            _ => outline(&mut sample, mark),
        }
        sample.shapes.push(text(
            Point::new(left + 34.0, y + 11.0),
            mark.key_text().into(),
            10.0,
            Weight::Regular,
        ));
        entries.push(sample.shapes);
        widest = widest.max(34.0 + crate::text::width(mark.key_text(), 10.0, Weight::Regular));
        y += 20.0;
    }
    item.shapes = entries.iter().flatten().cloned().collect();
    scene.legend.extend(
        entries
            .into_iter()
            .enumerate()
            .filter_map(|(n, shapes)| LegendEntry::new(shapes, n == 0)),
    );
    item.bbox = Rect::new(left - 4.0, top, widest + 8.0, y - top);
    item.title = Some("Key to the review marks".into());
    scene.height = scene.height.max(item.bbox.bottom() + 20.0);
    scene.width = scene.width.max(item.bbox.right() + 24.0);
    scene.items.push(item);
}

fn text(origin: Point, line: String, size: f64, weight: Weight) -> Shape {
    Shape::Text {
        origin,
        lines: vec![line],
        size,
        line_height: size * 1.2,
        anchor: Anchor::Start,
        weight,
        colour: INK,
        halo: 0.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn item(kind: ItemKind, id: &str) -> Item {
        let mut item = Item::new(kind, id);
        item.bbox = Rect::new(10.0, 10.0, 20.0, 20.0);
        item.shapes.push(Shape::Polyline {
            points: vec![Point::new(10.0, 10.0), Point::new(30.0, 30.0)],
            paint: Paint::line(Colour(0, 0, 0), 1.5),
        });
        item
    }

    fn scene(items: Vec<Item>) -> Scene {
        let mut scene = Scene::new("test");
        scene.items = items;
        scene.width = 400.0;
        scene.height = 300.0;
        scene
    }

    #[test]
    fn marks_items_by_the_ids_the_layouts_give_them() {
        let mut entry = item(ItemKind::Entry, "entry-47");
        entry.entries = vec![47];
        let mut scene = scene(vec![
            item(ItemKind::Person, "person-amy"),
            item(ItemKind::Label, "label-amy"),
            item(ItemKind::Partnership, "partnership-sarah--kofi"),
            item(ItemKind::Household, "household-elm-road-part-2"),
            item(ItemKind::Emotional, "emotional-amy--kofi-3"),
            entry,
            item(ItemKind::Person, "person-ben"),
        ]);
        let mut marks = Marks::default();
        marks.people.insert(PersonId("amy".into()), Mark::Added);
        marks
            .partnerships
            .insert("sarah--kofi".into(), Mark::Removed);
        marks.households.insert("elm-road".into(), Mark::Edited);
        marks.relationships.insert(2, Mark::Edited);
        marks.entries.insert(47, Mark::Added);
        apply(&mut scene, &marks);
        let classes = |id: &str| {
            scene
                .items
                .iter()
                .find(|i| i.id == id)
                .unwrap()
                .classes
                .clone()
        };
        assert_eq!(classes("person-amy"), ["review-added"]);
        assert_eq!(classes("label-amy"), ["review-added"]);
        assert_eq!(classes("partnership-sarah--kofi"), ["review-removed"]);
        assert_eq!(classes("household-elm-road-part-2"), ["review-edited"]);
        assert_eq!(classes("emotional-amy--kofi-3"), ["review-edited"]);
        assert_eq!(classes("entry-47"), ["review-added"]);
        assert!(classes("person-ben").is_empty());
        // The key lists exactly the three marks used, and the drawing grew to hold it.
        let key = scene
            .items
            .iter()
            .find(|i| i.id == "legend-review")
            .unwrap();
        let words = key.words();
        assert_eq!(words.len(), 4, "{words:?}");
        assert!(key.bbox.bottom() <= scene.height);
    }

    #[test]
    fn ended_things_are_faded_and_new_ones_outlined() {
        let mut scene = scene(vec![
            item(ItemKind::Person, "person-amy"),
            item(ItemKind::Partnership, "partnership-a--b"),
        ]);
        let mut marks = Marks::default();
        marks.people.insert(PersonId("amy".into()), Mark::Added);
        marks.partnerships.insert("a--b".into(), Mark::Removed);
        apply(&mut scene, &marks);
        let person = &scene.items[0];
        assert!(person.shapes.iter().any(|s| matches!(
            s,
            Shape::Rect { paint, .. } if paint.stroke == Some(ADDED) && paint.dash.is_empty()
        )));
        let Shape::Polyline { paint, .. } = &scene.items[1].shapes[0] else {
            panic!("the line is still a line");
        };
        assert_eq!(paint.stroke, Some(faded(Colour(0, 0, 0))));
        assert_ne!(paint.stroke, Some(Colour(0, 0, 0)));
    }

    #[test]
    fn no_marks_change_nothing() {
        let mut marked = scene(vec![item(ItemKind::Person, "person-amy")]);
        let before = marked.clone();
        apply(&mut marked, &Marks::default());
        assert_eq!(marked, before);
    }
}
