//! The supervision review as an A4 PDF: the same blocks as its Markdown and HTML versions
//! (see [`crate::render::review`]), so the three never say different things. Text and tables
//! flow down portrait pages at 12 pt, a table's heading row repeats on each page it runs onto,
//! a heading never ends a page, and each drawing goes where its block is: in the flow when it
//! fits the page width at a readable size (the scores chart), else on pages of its own planned
//! like the court document's diagrams.

use super::*;
use crate::layout::scene::Weight;
use crate::render::review::{Block, Drawings};

/// The top and bottom of the flowing text, in points from the top of a portrait page.
const FLOW_TOP: f64 = HEAD;
const FLOW_BOTTOM: f64 = A4_LONG - FOOT - 8.0;
const FLOW_WIDTH: f64 = A4_SHORT - 2.0 * MARGIN;
/// Room kept under a heading: a heading is moved to the next page rather than end one.
const KEEP_WITH_HEADING: f64 = 3.0 * LINE;
const BULLET_INDENT: f64 = 14.0;
const RULE_GREY: (u8, u8, u8) = (85, 85, 85);
const HEADER_SHADE: (u8, u8, u8) = (225, 225, 225);

/// Something placed on a flowing page.
enum Mark<'a> {
    Text {
        x: f64,
        baseline: f64,
        size: f64,
        weight: Weight,
        text: String,
    },
    Rule {
        from: (f64, f64),
        to: (f64, f64),
    },
    Shade {
        x: f64,
        y: f64,
        width: f64,
        height: f64,
    },
    Drawing {
        scene: &'a Scene,
        at: (f64, f64),
        scale: f64,
    },
}

enum PagePlan<'a> {
    Flow(Vec<Mark<'a>>),
    Diagram {
        name: String,
        scene: &'a Scene,
        plan: Box<DiagramPlan>,
        tile: usize,
        first: usize,
    },
}

/// Where each bookmark points: its title, its level (1 or 2) and its page.
struct Bookmark {
    title: String,
    level: u8,
    page: usize,
}

/// The pages being filled, and the place the next line goes on the current one.
struct Flow<'a> {
    pages: Vec<PagePlan<'a>>,
    marks: Vec<Mark<'a>>,
    y: f64,
    bookmarks: Vec<Bookmark>,
}

impl<'a> Flow<'a> {
    fn new() -> Flow<'a> {
        Flow {
            pages: Vec::new(),
            marks: Vec::new(),
            y: FLOW_TOP,
            bookmarks: Vec::new(),
        }
    }

    fn page_index(&self) -> usize {
        self.pages.len()
    }

    fn break_page(&mut self) {
        let marks = std::mem::take(&mut self.marks);
        self.pages.push(PagePlan::Flow(marks));
        self.y = FLOW_TOP;
    }

    /// Starts a new page unless `height` still fits on this one (or this page is empty, where
    /// waiting would not help).
    fn make_room(&mut self, height: f64) {
        if self.y + height > FLOW_BOTTOM && !self.marks.is_empty() {
            self.break_page();
        }
    }

    fn line(&mut self, x: f64, text: String, size: f64, weight: Weight) {
        let height = size * LINE / BODY_SIZE;
        self.make_room(height);
        self.marks.push(Mark::Text {
            x,
            baseline: self.y + size,
            size,
            weight,
            text,
        });
        self.y += height;
    }

    fn heading(&mut self, level: u8, text: &str) {
        let size = match level {
            1 => 18.0,
            2 => 14.0,
            _ => BODY_SIZE,
        };
        let lines = text::wrap(text, size, Weight::Bold, FLOW_WIDTH);
        let height = lines.len() as f64 * size * LINE / BODY_SIZE;
        self.y += if level == 1 { 0.0 } else { 10.0 };
        self.make_room(height + KEEP_WITH_HEADING);
        if level <= 2 {
            self.bookmarks.push(Bookmark {
                title: text.to_string(),
                level,
                page: self.page_index(),
            });
        }
        for line in lines {
            self.line(MARGIN, line, size, Weight::Bold);
        }
        self.y += 4.0;
    }

    fn paragraph(&mut self, x: f64, width: f64, text: &str) {
        for line in text::wrap(text, BODY_SIZE, Weight::Regular, width) {
            self.line(x, line, BODY_SIZE, Weight::Regular);
        }
    }

    fn list(&mut self, items: &[String]) {
        for item in items {
            self.make_room(LINE);
            self.marks.push(Mark::Text {
                x: MARGIN + 3.0,
                baseline: self.y + BODY_SIZE,
                size: BODY_SIZE,
                weight: Weight::Regular,
                text: "•".into(),
            });
            self.paragraph(MARGIN + BULLET_INDENT, FLOW_WIDTH - BULLET_INDENT, item);
            self.y += 2.0;
        }
        self.y += 6.0;
    }

    /// A drawing in the flow when it fits the page width at a readable size and the page
    /// height, else on pages of its own.
    fn drawing(&mut self, title: &str, scene: &'a Scene) {
        let scale = largest_scale(scene).min(FLOW_WIDTH / scene.width.max(1.0));
        let height = scene.height * scale;
        let fits = scale >= readable_scale(scene) && height + LINE * 2.0 < FLOW_BOTTOM - FLOW_TOP;
        if fits && !scene.items.is_empty() {
            self.make_room(height + 2.0 * LINE);
            self.line(MARGIN, title.to_string(), BODY_SIZE, Weight::Bold);
            self.y += 4.0;
            self.marks.push(Mark::Drawing {
                scene,
                at: (MARGIN, self.y),
                scale,
            });
            self.y += height + 10.0;
            return;
        }
        if !self.marks.is_empty() {
            self.break_page();
        }
        let plan = plan_diagram(scene);
        let first = self.page_index();
        self.bookmarks.push(Bookmark {
            title: title.to_string(),
            level: 2,
            page: first,
        });
        for tile in 0..plan.pages() {
            self.pages.push(PagePlan::Diagram {
                name: title.to_string(),
                scene,
                plan: Box::new(plan.clone()),
                tile,
                first,
            });
        }
    }

    fn finish(mut self) -> (Vec<PagePlan<'a>>, Vec<Bookmark>) {
        if !self.marks.is_empty() || self.pages.is_empty() {
            self.break_page();
        }
        (self.pages, self.bookmarks)
    }
}

/// Column widths that fit the page: each column gets its longest word, and what is left is
/// shared in proportion to how much more each column's longest cell would like.
fn column_widths(headers: &[String], rows: &[Vec<String>]) -> Vec<f64> {
    let pad = 2.0 * CELL_PAD;
    let columns = headers.len();
    let mut least = vec![0.0f64; columns];
    let mut most = vec![0.0f64; columns];
    for row in std::iter::once(headers).chain(rows.iter().map(Vec::as_slice)) {
        for (i, cell) in row.iter().enumerate().take(columns) {
            let longest_word = cell
                .split_whitespace()
                .map(|w| text::width(w, BODY_SIZE, Weight::Bold))
                .fold(0.0, f64::max);
            least[i] = least[i].max(longest_word.min(FLOW_WIDTH / columns as f64) + pad);
            most[i] = most[i].max(text::width(cell, BODY_SIZE, Weight::Bold) + pad);
        }
    }
    let (least_sum, most_sum): (f64, f64) = (least.iter().sum(), most.iter().sum());
    if most_sum <= FLOW_WIDTH {
        return most.iter().map(|w| w * FLOW_WIDTH / most_sum).collect();
    }
    let spare = (FLOW_WIDTH - least_sum).max(0.0);
    let wanted = (most_sum - least_sum).max(f64::EPSILON);
    let widths: Vec<f64> = least
        .iter()
        .zip(&most)
        .map(|(l, m)| l + spare * (m - l) / wanted)
        .collect();
    let total: f64 = widths.iter().sum();
    widths.iter().map(|w| w * FLOW_WIDTH / total).collect()
}

impl Flow<'_> {
    fn table(&mut self, headers: &[String], rows: &[Vec<String>]) {
        let widths = column_widths(headers, rows);
        let wrap = |row: &[String], weight| -> Vec<Vec<String>> {
            widths
                .iter()
                .enumerate()
                .map(|(i, w)| {
                    let cell = row.get(i).map(String::as_str).unwrap_or("");
                    text::wrap(cell, BODY_SIZE, weight, w - 2.0 * CELL_PAD)
                })
                .collect()
        };
        let header = wrap(headers, Weight::Bold);
        let header_height = row_height(&header);
        self.make_room(header_height + row_height(&wrap(&rows[0], Weight::Regular)));
        self.heading_row(&widths, &header);
        let page_room = FLOW_BOTTOM - FLOW_TOP - header_height;
        for row in rows {
            let cells = wrap(row, Weight::Regular);
            let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
            // A row that fits on a page is never split: it moves to the next page whole. A
            // longer one continues under the heading row on the next page.
            let height = row_height(&cells);
            if height <= page_room && self.y + height > FLOW_BOTTOM {
                self.continue_table(&widths, &header);
            }
            let mut start = 0;
            while start < lines {
                let fit = ((FLOW_BOTTOM - self.y - 2.0 * CELL_PAD) / LINE).floor() as usize;
                if fit > 0 {
                    start += self.draw_cells(&widths, &cells, start, fit, Weight::Regular);
                }
                if start < lines {
                    self.continue_table(&widths, &header);
                }
            }
        }
        self.y += 10.0;
    }

    /// The shaded heading row, at the top of the table and of each page it continues on.
    fn heading_row(&mut self, widths: &[f64], cells: &[Vec<String>]) {
        self.marks.push(Mark::Shade {
            x: MARGIN,
            y: self.y,
            width: FLOW_WIDTH,
            height: row_height(cells),
        });
        self.draw_cells(widths, cells, 0, usize::MAX, Weight::Bold);
    }

    fn continue_table(&mut self, widths: &[f64], header: &[Vec<String>]) {
        self.break_page();
        self.heading_row(widths, header);
    }

    /// Draws lines `start..start + count` of a row's cells; returns how many it drew.
    fn draw_cells(
        &mut self,
        widths: &[f64],
        cells: &[Vec<String>],
        start: usize,
        count: usize,
        weight: Weight,
    ) -> usize {
        let lines = cells.iter().map(Vec::len).max().unwrap_or(0).max(1);
        let drawn = lines.saturating_sub(start).min(count);
        let height = drawn as f64 * LINE + 2.0 * CELL_PAD;
        let top = self.y;
        let mut x = MARGIN;
        for (cell, width) in cells.iter().zip(widths) {
            for (n, text) in cell.iter().skip(start).take(drawn).enumerate() {
                self.marks.push(Mark::Text {
                    x: x + CELL_PAD,
                    baseline: top + CELL_PAD + n as f64 * LINE + BODY_SIZE - 1.0,
                    size: BODY_SIZE,
                    weight,
                    text: text.clone(),
                });
            }
            self.marks.push(Mark::Rule {
                from: (x, top),
                to: (x, top + height),
            });
            x += width;
        }
        self.marks.push(Mark::Rule {
            from: (x, top),
            to: (x, top + height),
        });
        for y in [top, top + height] {
            self.marks.push(Mark::Rule {
                from: (MARGIN, y),
                to: (MARGIN + FLOW_WIDTH, y),
            });
        }
        self.y = top + height;
        drawn
    }
}

fn row_height(cells: &[Vec<String>]) -> f64 {
    cells.iter().map(Vec::len).max().unwrap_or(0).max(1) as f64 * LINE + 2.0 * CELL_PAD
}

/// The review document as an A4 PDF, the case reference in every page's footer. The title
/// goes in the metadata only when given (titles usually name the child).
pub fn review(
    blocks: &[Block],
    drawings: &Drawings<'_>,
    case: &Case,
    title_in_metadata: Option<&str>,
) -> Result<Vec<u8>, RenderError> {
    let fonts = Fonts::new()?;
    let mut flow = Flow::new();
    for block in blocks {
        match block {
            Block::Heading(level, text) => flow.heading(*level, text),
            Block::Paragraph(text) => {
                flow.paragraph(MARGIN, FLOW_WIDTH, text);
                flow.y += 6.0;
            }
            Block::List(items) => flow.list(items),
            Block::Table { headers, rows } if !rows.is_empty() => flow.table(headers, rows),
            Block::Table { .. } => {}
            Block::Drawing { id, title } => {
                let scene = drawings.by_id(id);
                flow.drawing(title, scene);
            }
        }
    }
    let (pages, bookmarks) = flow.finish();
    let numbering = Numbering::new(&Options::default());
    let mut writer = PageWriter::new(&fonts, &numbering, case).out_of(pages.len());
    for plan in &pages {
        let size = match plan {
            PagePlan::Flow(_) => portrait(),
            PagePlan::Diagram { plan, .. } => plan.page_size(),
        };
        writer.page(size, |surface| draw_page(surface, &fonts, plan, &numbering))?;
    }
    let title = title_in_metadata
        .unwrap_or("Supervision review")
        .to_string();
    writer.finish(outline(&bookmarks), title)
}

/// One planned page: the flowing text's marks, or a page of a diagram.
fn draw_page(
    surface: &mut Surface,
    fonts: &Fonts,
    plan: &PagePlan,
    numbering: &Numbering,
) -> Result<(), RenderError> {
    match plan {
        PagePlan::Flow(marks) => draw_marks(surface, fonts, marks),
        PagePlan::Diagram {
            name,
            scene,
            plan,
            tile,
            first,
        } => {
            let sheet = Sheet {
                name: name.clone(),
                scene,
                plan: (**plan).clone(),
            };
            let place = Place {
                tile: *tile,
                first: *first,
                numbering,
            };
            draw_diagram_page(surface, fonts, &sheet, &place)
        }
    }
}

fn draw_marks(surface: &mut Surface, fonts: &Fonts, marks: &[Mark<'_>]) -> Result<(), RenderError> {
    let colour = |(r, g, b): (u8, u8, u8)| rgb::Color::new(r, g, b);
    for mark in marks {
        match mark {
            Mark::Text {
                x,
                baseline,
                size,
                weight,
                text,
            } => {
                let font = if *weight == Weight::Bold {
                    &fonts.bold
                } else {
                    &fonts.regular
                };
                draw_line_of_text(
                    surface,
                    font,
                    *size,
                    *x,
                    *baseline,
                    text,
                    rgb::Color::black(),
                );
            }
            Mark::Rule { from, to } => line(surface, *from, *to, 0.6, colour(RULE_GREY)),
            Mark::Shade {
                x,
                y,
                width,
                height,
            } => fill_rect(surface, *x, *y, *width, *height, colour(HEADER_SHADE)),
            Mark::Drawing { scene, at, scale } => {
                let view = Rect::new(0.0, 0.0, scene.width, scene.height);
                draw_scene_area(surface, scene, view, *at, *scale)?;
            }
        }
    }
    Ok(())
}

/// Bookmarks: the document's parts, with the sections under each.
fn outline(bookmarks: &[Bookmark]) -> Outline {
    let destination = |page: usize| XyzDestination::new(page, Point::from_xy(0.0, 0.0));
    let mut outline = Outline::new();
    let mut part: Option<OutlineNode> = None;
    for mark in bookmarks {
        let node = OutlineNode::new(mark.title.clone(), destination(mark.page));
        if mark.level == 1 {
            if let Some(done) = part.replace(node) {
                outline.push_child(done);
            }
        } else if let Some(parent) = part.as_mut() {
            parent.push_child(node);
        } else {
            outline.push_child(node);
        }
    }
    if let Some(done) = part {
        outline.push_child(done);
    }
    outline
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cells(texts: &[&str]) -> Vec<String> {
        texts.iter().map(|t| t.to_string()).collect()
    }

    #[test]
    fn columns_fill_the_width_and_give_each_its_longest_word() {
        let headers = cells(&["No.", "What changed"]);
        let rows = vec![cells(&[
            "51",
            "significance: low → medium, and a long explanation that must wrap over lines",
        ])];
        let widths = column_widths(&headers, &rows);
        let total: f64 = widths.iter().sum();
        assert!((total - FLOW_WIDTH).abs() < 0.01);
        assert!(widths[0] >= text::width("No.", BODY_SIZE, Weight::Bold) + 2.0 * CELL_PAD);
        assert!(widths[1] > widths[0]);
    }

    #[test]
    fn a_heading_never_ends_a_page() {
        let mut flow = Flow::new();
        while flow.y + LINE < FLOW_BOTTOM - LINE {
            flow.paragraph(MARGIN, FLOW_WIDTH, "A line of text.");
        }
        flow.heading(2, "What is overdue");
        let (pages, bookmarks) = flow.finish();
        assert_eq!(pages.len(), 2);
        assert_eq!(bookmarks[0].page, 1, "the heading moved to the next page");
    }

    #[test]
    fn a_long_table_repeats_its_heading_row_on_every_page() {
        let headers = cells(&["Change", "What"]);
        let rows: Vec<Vec<String>> = (0..120)
            .map(|n| cells(&["Added", &format!("Entry No. {n}")]))
            .collect();
        let mut flow = Flow::new();
        flow.table(&headers, &rows);
        let (pages, _) = flow.finish();
        assert!(pages.len() >= 3);
        for page in &pages {
            let PagePlan::Flow(marks) = page else {
                panic!("only text pages")
            };
            let first_text = marks.iter().find_map(|m| match m {
                Mark::Text { text, weight, .. } => Some((text.as_str(), *weight)),
                _ => None,
            });
            assert_eq!(first_text, Some(("Change", Weight::Bold)));
            for mark in marks {
                if let Mark::Text { baseline, .. } = mark {
                    assert!(*baseline <= FLOW_BOTTOM, "text below the footer line");
                }
            }
        }
    }
}
