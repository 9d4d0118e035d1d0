//! Promises every timeline keeps, whatever the case and options: every entry drawn,
//! summarised or reported as left out; no line through a label; no label overlapping another
//! label or a mark; nothing left of the plot or outside the drawing; every id unique.

use genochron::layout::scene::{ItemKind, Rect, Scene};
use genochron::layout::timeline::{self, TimelineOptions};
use genochron::model::Case;

/// Pairs of boxes that overlap, by a sweep over x: near-linear for a page of labels.
fn overlapping(boxes: &[(String, Rect)]) -> Vec<(String, String)> {
    let mut order: Vec<usize> = (0..boxes.len()).collect();
    order.sort_by(|a, b| boxes[*a].1.x.total_cmp(&boxes[*b].1.x));
    let mut found = Vec::new();
    for (i, &a) in order.iter().enumerate() {
        let ra = boxes[a].1.inflate(-0.01);
        for &b in &order[i + 1..] {
            if boxes[b].1.x >= ra.right() {
                break;
            }
            if ra.overlaps(&boxes[b].1.inflate(-0.01)) {
                found.push((boxes[a].0.clone(), boxes[b].0.clone()));
            }
        }
    }
    found
}

/// The promises every timeline keeps, whatever the case.
pub fn check_promises(case: &Case, options: &TimelineOptions, scene: &Scene) {
    let selection = timeline::select(case, &options.focus, &options.filter);
    assert_eq!(
        selection.shown.len()
            + selection.before.len()
            + selection.after.len()
            + selection.left_out.len(),
        case.entries.len(),
        "every entry is drawn, summarised or reported as left out"
    );
    // No whisker, arrow or period bar of one entry runs through another entry's label.
    assert_eq!(scene.metrics["crossings"], 0.0, "lines through labels");
    // Every shown entry has its mark, with its full text as the title.
    for entry in &selection.shown {
        let id = format!("entry-{}", entry.number);
        let item = scene
            .items
            .iter()
            .find(|i| i.id == id)
            .unwrap_or_else(|| panic!("{id} is not drawn"));
        assert_eq!(item.kind, ItemKind::Entry);
        let title = item.title.as_deref().unwrap_or_default();
        assert!(title.contains(entry.event.trim()), "{id} title: {title}");
        // And a label: its text beside the mark, or its number and a line in the list.
        assert!(
            scene
                .items
                .iter()
                .any(|i| i.kind == ItemKind::EntryLabel && i.entries == vec![entry.number]),
            "{id} has no label"
        );
    }
    // No label overlaps another label or a mark, and marks do not overlap each other.
    let boxes: Vec<(String, Rect)> = scene
        .items
        .iter()
        .filter(|i| matches!(i.kind, ItemKind::Entry | ItemKind::EntryLabel))
        .map(|i| (i.id.clone(), i.bbox))
        .collect();
    let clashes = overlapping(&boxes);
    assert!(
        clashes.is_empty(),
        "overlaps: {:?}",
        &clashes[..clashes.len().min(5)]
    );
    // Other words (band names, gap notes, summaries, headings) do not overlap each other.
    let words: Vec<(String, Rect)> = scene
        .items
        .iter()
        .filter(|i| {
            matches!(i.kind, ItemKind::Label | ItemKind::Summary)
                || (i.kind == ItemKind::Gap && i.id.ends_with("-label"))
        })
        .filter(|i| !(i.id == "summary-before" || i.id == "summary-after"))
        .map(|i| (i.id.clone(), i.bbox))
        .collect();
    let clashes = overlapping(&words);
    assert!(clashes.is_empty(), "overlapping words: {clashes:?}");
    // Marks and labels stay right of the lane names and the summary column: the plot starts
    // where the calendar axis does, and a mark reaches at most 17 units left of its date.
    let plot_left = scene
        .items
        .iter()
        .find(|i| i.id == "axis-top")
        .expect("a calendar axis")
        .bbox
        .x;
    for item in &scene.items {
        if matches!(item.kind, ItemKind::Entry | ItemKind::EntryLabel) {
            assert!(
                item.bbox.x >= plot_left - 17.01,
                "{} at {:?} is left of the plot ({plot_left})",
                item.id,
                item.bbox
            );
        }
    }
    // Every element id is unique, so tooltips and links find the right thing.
    let mut ids: Vec<&str> = scene.items.iter().map(|i| i.id.as_str()).collect();
    ids.sort_unstable();
    for pair in ids.windows(2) {
        assert_ne!(pair[0], pair[1], "two items share an id");
    }
    // Nothing is cut off at the edges of the drawing.
    for item in &scene.items {
        let b = item.bbox;
        assert!(
            b.x >= -0.01
                && b.y >= -0.01
                && b.right() <= scene.width + 0.01
                && b.bottom() <= scene.height + 0.01,
            "{} at {:?} is outside the {}x{} drawing",
            item.id,
            b,
            scene.width,
            scene.height
        );
    }
}
