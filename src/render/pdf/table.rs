//! The chronology table: rows from the shared row model, set at 12 pt, split over pages
//! between rows (a row taller than a page between lines).

use super::*;

// ---------------------------------------------------------------------------------------
// The chronology table

/// One entry's cells for the five court columns, from the shared row model.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct TableRow {
    pub number: u32,
    pub high: bool,
    pub cells: [Vec<Paragraph>; 5],
}

/// The table's rows, in date order, from the one chronology every format prints.
pub(super) fn table_rows(table: &Chronology) -> Vec<TableRow> {
    table
        .rows
        .iter()
        .map(|row| TableRow {
            number: row.number,
            high: row.significance == Some(Significance::High),
            cells: table.court_cells(row),
        })
        .collect()
}

/// Column widths in points, filling the landscape body.
pub(super) fn column_widths() -> [f64; 5] {
    let total = A4_LONG - 2.0 * MARGIN;
    // The first column holds the number and its significance ("Medium" at 12 pt).
    let fixed = [56.0, 104.0, 0.0, 0.0, 108.0];
    let rest = total - fixed.iter().sum::<f64>();
    [fixed[0], fixed[1], rest * 0.53, rest * 0.47, fixed[4]]
}

/// One line of a cell: an optional bold label start, then regular text.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct CellLine {
    bold: String,
    regular: String,
    /// The line starts a paragraph after the first, with a [`GAP`] above it.
    gap: bool,
}

impl CellLine {
    pub(super) fn height(&self) -> f64 {
        if self.gap { LINE + GAP } else { LINE }
    }
}

/// The height of lines `from..to` of the tallest cell, a paragraph gap at the top of a
/// piece not counted.
pub(super) fn span_height(cells: &[Vec<CellLine>], from: usize, to: usize) -> f64 {
    cells
        .iter()
        .map(|cell| {
            cell.iter()
                .enumerate()
                .skip(from)
                .take(to.saturating_sub(from))
                .map(|(i, l)| if i == from { LINE } else { l.height() })
                .sum::<f64>()
        })
        .fold(0.0, f64::max)
}

pub(super) fn cell_lines(paragraphs: &[Paragraph], width: f64) -> Vec<CellLine> {
    use crate::layout::scene::Weight;
    let mut out = Vec::new();
    for (n, p) in paragraphs.iter().enumerate() {
        let first = out.len();
        match &p.label {
            None => out.extend(
                text::wrap(&p.text, BODY_SIZE, Weight::Regular, width)
                    .into_iter()
                    .map(|l| CellLine {
                        bold: String::new(),
                        regular: l,
                        gap: false,
                    }),
            ),
            Some(label) => {
                // Wrap as one text, narrowed by what the bold label adds, then draw the
                // label's words in bold.
                let extra = text::width(label, BODY_SIZE, Weight::Bold)
                    - text::width(label, BODY_SIZE, Weight::Regular);
                let whole = format!("{label} {}", p.text);
                let lines = text::wrap(&whole, BODY_SIZE, Weight::Regular, width - extra.max(0.0));
                let mut label_words = label.split_whitespace().count();
                for l in lines {
                    let words: Vec<&str> = l.split(' ').collect();
                    let take = label_words.min(words.len());
                    label_words -= take;
                    out.push(CellLine {
                        bold: words[..take].join(" "),
                        regular: words[take..].join(" "),
                        gap: false,
                    });
                }
            }
        }
        if n > 0
            && let Some(line) = out.get_mut(first)
        {
            line.gap = true;
        }
    }
    out
}

/// Each row's cells as lines. High significance is bold as well as the rule beside the
/// row: never colour alone, never one cue.
pub(super) fn row_cells(row: &TableRow) -> [Vec<CellLine>; 5] {
    let w = column_widths().map(|w| w - 2.0 * CELL_PAD);
    let mut cells: [Vec<CellLine>; 5] = Default::default();
    for (n, paragraphs) in row.cells.iter().enumerate() {
        cells[n] = cell_lines(paragraphs, w[n]);
    }
    if row.high
        && let Some(word) = cells[0].get_mut(1)
    {
        word.bold = std::mem::take(&mut word.regular);
    }
    cells
}

/// Part of a row on one page: lines `from..to` of every cell.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Piece {
    pub(super) row: usize,
    from: usize,
    to: usize,
    /// This piece continues a row begun on the previous page.
    continued: bool,
}

pub(super) fn header_height() -> f64 {
    let w = column_widths();
    let lines = COURT_COLUMNS
        .iter()
        .zip(w)
        .map(|(t, w)| {
            text::wrap(
                t,
                BODY_SIZE,
                crate::layout::scene::Weight::Bold,
                w - 2.0 * CELL_PAD,
            )
            .len()
        })
        .max()
        .unwrap_or(1);
    lines as f64 * LINE + 2.0 * CELL_PAD
}

pub(super) fn table_body_height() -> f64 {
    let (_, height) = landscape();
    height - HEAD - FOOT - 8.0 - header_height()
}

/// Splits rows over pages: whole rows where they fit, and only a row taller than a page is
/// split (between lines).
pub(super) fn paginate(rows: &[TableRow]) -> Vec<Vec<Piece>> {
    let available = table_body_height();
    let mut pages: Vec<Vec<Piece>> = Vec::new();
    let mut page: Vec<Piece> = Vec::new();
    let mut used = 0.0;
    for (index, row) in rows.iter().enumerate() {
        let cells = row_cells(row);
        let lines = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        let height = span_height(&cells, 0, lines) + 2.0 * CELL_PAD;
        if used + height <= available {
            page.push(Piece {
                row: index,
                from: 0,
                to: lines,
                continued: false,
            });
            used += height;
            continue;
        }
        if height <= available {
            pages.push(std::mem::take(&mut page));
            page.push(Piece {
                row: index,
                from: 0,
                to: lines,
                continued: false,
            });
            used = height;
            continue;
        }
        // Taller than a page: fill what is left of this one (if a few lines fit), then
        // whole pages, then the rest.
        let mut from = 0;
        while from < lines {
            let mut to = from;
            while to < lines
                && used + span_height(&cells, from, to + 1) + 2.0 * CELL_PAD <= available
            {
                to += 1;
            }
            if to - from < 3.min(lines - from) {
                // Too little room left here: start a fresh page.
                if page.is_empty() {
                    to = (from + 1).max(to);
                } else {
                    pages.push(std::mem::take(&mut page));
                    used = 0.0;
                    continue;
                }
            }
            page.push(Piece {
                row: index,
                from,
                to,
                continued: from > 0,
            });
            used += span_height(&cells, from, to) + 2.0 * CELL_PAD;
            from = to;
            if from < lines {
                pages.push(std::mem::take(&mut page));
                used = 0.0;
            }
        }
    }
    if !page.is_empty() {
        pages.push(page);
    }
    pages
}

/// The chronology's pages, headed "Chronology (page 2 of 5)" when there are several: `count`
/// of them, one saying so when the version has no entries.
pub(super) fn draw_chronology(
    pages: &mut PageWriter,
    fonts: &Fonts,
    rows: &[TableRow],
    table_pages: &[Vec<Piece>],
    count: usize,
) {
    let no_entries_page =
        std::iter::once(&[][..]).take(usize::from(count > 0 && table_pages.is_empty()));
    for (i, pieces) in table_pages
        .iter()
        .map(|p| p.as_slice())
        .chain(no_entries_page)
        .enumerate()
    {
        pages.page(landscape(), |surface| {
            let title = if count > 1 {
                format!("Chronology (page {} of {count})", i + 1)
            } else {
                "Chronology".to_string()
            };
            if rows.is_empty() {
                let empty = "There are no chronology entries for this version of the case.";
                nothing_to_show(surface, fonts, &title, empty);
            } else {
                heading(surface, fonts, &title);
                draw_table_page(surface, fonts, rows, pieces);
            }
        });
    }
}

pub(super) fn draw_table_page(
    surface: &mut Surface,
    fonts: &Fonts,
    rows: &[TableRow],
    pieces: &[Piece],
) {
    let widths = column_widths();
    let left = MARGIN;
    let total_width: f64 = widths.iter().sum();
    let rule = rgb::Color::new(90, 90, 90);
    let mut y = draw_header_row(surface, fonts, &widths, HEAD);

    for piece in pieces {
        let row = &rows[piece.row];
        let cells = row_cells(row);
        let lines = piece.to - piece.from;
        let height = span_height(&cells, piece.from, piece.to) + 2.0 * CELL_PAD;
        // High significance gets a heavier rule down its left side as well as the word in
        // the event cell: never colour alone.
        if row.high {
            fill_rect(surface, left, y, 3.0, height, rgb::Color::black());
        }
        let mut x = left;
        for (c, (cell, w)) in cells.iter().zip(widths).enumerate() {
            draw_cell(
                surface,
                fonts,
                cell.iter().skip(piece.from).take(lines),
                x,
                y,
            );
            if c == 0 && piece.continued {
                draw_line_of_text(
                    surface,
                    &fonts.regular,
                    9.0,
                    x + CELL_PAD,
                    y + CELL_PAD + BODY_SIZE + LINE,
                    "(cont.)",
                    rgb::Color::new(60, 60, 60),
                );
            }
            x += w;
        }
        // Column rules for this row.
        let mut x = left;
        for w in widths {
            line(surface, (x, y), (x, y + height), 0.5, rule);
            x += w;
        }
        line(surface, (x, y), (x, y + height), 0.5, rule);
        y += height;
        line(surface, (left, y), (left + total_width, y), 0.5, rule);
    }
}

/// The header row, repeated on every page, from `y`; returns the y below it.
fn draw_header_row(surface: &mut Surface, fonts: &Fonts, widths: &[f64; 5], y: f64) -> f64 {
    use crate::layout::scene::Weight;
    let header_h = header_height();
    let left = MARGIN;
    let total_width: f64 = widths.iter().sum();
    let rule = rgb::Color::new(90, 90, 90);
    let mut y = y;
    fill_rect(
        surface,
        left,
        y,
        total_width,
        header_h,
        rgb::Color::new(225, 225, 225),
    );
    let mut x = left;
    for (title, w) in COURT_COLUMNS.iter().zip(widths.iter().copied()) {
        for (n, l) in text::wrap(title, BODY_SIZE, Weight::Bold, w - 2.0 * CELL_PAD)
            .iter()
            .enumerate()
        {
            draw_body_text(
                surface,
                &fonts.bold,
                x + CELL_PAD,
                y + CELL_PAD + BODY_SIZE + n as f64 * LINE - 1.0,
                l,
            );
        }
        x += w;
    }
    line(surface, (left, y), (left + total_width, y), 1.0, rule);
    y += header_h;
    line(surface, (left, y), (left + total_width, y), 1.0, rule);
    y
}

/// The lines of one cell shown on this page, in the column at `x`, from the row's top `y`:
/// a bold lead-in where the line has one, then its text.
fn draw_cell<'a>(
    surface: &mut Surface,
    fonts: &Fonts,
    shown: impl Iterator<Item = &'a CellLine>,
    x: f64,
    y: f64,
) {
    use crate::layout::scene::Weight;
    let mut top = y + CELL_PAD;
    for (n, l) in shown.enumerate() {
        if n > 0 && l.gap {
            top += GAP;
        }
        let baseline = top + BODY_SIZE - 1.0;
        top += LINE;
        let mut lx = x + CELL_PAD;
        if !l.bold.is_empty() {
            draw_body_text(surface, &fonts.bold, lx, baseline, &l.bold);
            lx += text::width(&format!("{} ", l.bold), BODY_SIZE, Weight::Bold);
        }
        draw_body_text(surface, &fonts.regular, lx, baseline, &l.regular);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels_wrap_with_their_text() {
        let lines = cell_lines(
            &[Paragraph::labelled(
                "Impact on Amy:",
                "Amy was present and hid upstairs; school reported her tired and withdrawn.",
            )],
            150.0,
        );
        assert!(lines.len() > 2);
        assert_eq!(lines[0].bold, "Impact on Amy:");
        let all: Vec<String> = lines
            .iter()
            .map(|l| format!("{} {}", l.bold, l.regular).trim().to_string())
            .collect();
        assert_eq!(
            all.join(" "),
            "Impact on Amy: Amy was present and hid upstairs; school reported her tired and withdrawn."
        );
    }
}
