//! The chronology as a Word table: the five court columns of the PDF, with the same words in
//! the same paragraphs, sized to their content.

use super::{Orientation, TWIPS, clean, spaced, text_run};
use crate::chronology::{COURT_COLUMNS, Chronology, Paragraph as Cell};
use crate::layout::scene::Weight;
use crate::model::Significance;
use docx_rs::{
    Paragraph, Run, Shading, Table, TableCell, TableLayoutType, TableRow, VAlignType, WidthType,
};

/// How docx-rs writes the properties of a row marked `cantSplit`. Only the heading row is
/// marked so, and [`super::pack`] adds the mark that repeats it on every page.
pub(super) const HEADING_ROW_MARK: &str = "<w:trPr><w:cantSplit /></w:trPr>";

/// The text size the widths are measured at, in points.
const SIZE: f64 = 12.0;
/// Word's default cell margins (0.19 cm each side), and a little room for rounding.
const CELL_PADDING: f64 = 2.0 * 5.4 + 2.0;
/// The most each fitted column may take of the width: number, date and source. Event and
/// impact share the rest.
const MOST: [f64; 5] = [0.12, 0.20, 0.0, 0.0, 0.20];

/// The paragraphs that go before the table: which entries a filter left out, or that there
/// are none at all.
pub(super) fn chronology_body(rows: &Chronology) -> Vec<Paragraph> {
    let mut paragraphs = Vec::new();
    let left_out = &rows.selection.left_out;
    if !left_out.is_empty() {
        let numbers: Vec<String> = left_out.iter().map(|(e, _)| e.number.to_string()).collect();
        paragraphs.push(spaced(Paragraph::new().add_run(text_run(&format!(
            "Entries not included in this version: {} (Nos. {}).",
            left_out.len(),
            numbers.join(", ")
        )))));
    }
    if rows.rows.is_empty() {
        paragraphs.push(spaced(Paragraph::new().add_run(text_run(
            "There are no chronology entries for this version of the case.",
        ))));
    }
    paragraphs
}

/// The table, or `None` when there are no rows.
pub(super) fn chronology_table(rows: &Chronology, orientation: Orientation) -> Option<Table> {
    if rows.rows.is_empty() {
        return None;
    }
    let cells: Vec<[Vec<Cell>; 5]> = rows.rows.iter().map(|r| rows.court_cells(r)).collect();
    let widths = column_widths(&cells, orientation.text_width());
    let mut table_rows = vec![heading_row(&widths)];
    for (row, cells) in rows.rows.iter().zip(&cells) {
        let high = row.significance == Some(Significance::High);
        table_rows.push(TableRow::new(
            cells
                .iter()
                .zip(widths)
                .enumerate()
                // The number cell holds the significance word: bold when high, as in the
                // HTML table, so the weight of an entry never rests on colour.
                .map(|(i, (paragraphs, width))| cell(paragraphs, width, i == 0 && high))
                .collect(),
        ));
    }
    Some(
        Table::new(table_rows)
            .set_grid(widths.to_vec())
            .layout(TableLayoutType::Fixed)
            .width(widths.iter().sum(), WidthType::Dxa),
    )
}

/// The heading row: bold on light grey, never split, repeated on every page.
fn heading_row(widths: &[usize; 5]) -> TableRow {
    TableRow::new(
        COURT_COLUMNS
            .iter()
            .zip(widths)
            .map(|(heading, width)| {
                cell(&[Cell::plain(*heading)], *width, true)
                    .shading(Shading::new().fill("E6E6E6"))
                    .vertical_align(VAlignType::Bottom)
            })
            .collect(),
    )
    .cant_split()
}

/// A table cell of paragraphs; a paragraph's label ("Action:") in bold.
fn cell(paragraphs: &[Cell], width: usize, bold: bool) -> TableCell {
    let mut cell = TableCell::new().width(width, WidthType::Dxa);
    for paragraph in paragraphs {
        let mut p = Paragraph::new();
        if let Some(label) = &paragraph.label {
            p = p.add_run(Run::new().add_text(clean(&format!("{label} "))).bold());
        }
        let run = text_run(&paragraph.text);
        p = p.add_run(if bold { run.bold() } else { run });
        cell = cell.add_paragraph(p);
    }
    cell
}

/// Column widths in twips that fill `total` points: the number, date and source columns as
/// wide as their longest line (never narrower than their longest word, never wider than
/// their share in [`MOST`]), the event and impact columns the rest, shared by how much they
/// hold.
fn column_widths(rows: &[[Vec<Cell>; 5]], total: f64) -> [usize; 5] {
    let mut longest_line = [0.0f64; 5];
    let mut longest_word = [0.0f64; 5];
    for (i, heading) in COURT_COLUMNS.iter().enumerate() {
        longest_line[i] = crate::text::width(heading, SIZE, Weight::Bold);
        longest_word[i] = widest_word(heading, Weight::Bold);
    }
    let mut amount = [0.0f64; 5];
    for row in rows {
        for (i, paragraphs) in row.iter().enumerate() {
            for p in paragraphs {
                let text = match &p.label {
                    Some(label) => format!("{label} {}", p.text),
                    None => p.text.clone(),
                };
                let width = crate::text::width(&text, SIZE, Weight::Bold);
                longest_line[i] = longest_line[i].max(width);
                longest_word[i] = longest_word[i].max(widest_word(&text, Weight::Bold));
                amount[i] += width;
            }
        }
    }
    let mut points = [0.0f64; 5];
    for i in [0, 1, 4] {
        let most = MOST[i] * total;
        points[i] = (longest_line[i] + CELL_PADDING)
            .min(most)
            .max((longest_word[i] + CELL_PADDING).min(most));
    }
    let rest = total - points[0] - points[1] - points[4];
    // The event column takes between two fifths and three fifths of the rest.
    let share = if amount[2] + amount[3] > 0.0 {
        (amount[2] / (amount[2] + amount[3])).clamp(0.4, 0.6)
    } else {
        0.5
    };
    points[2] = rest * share;
    points[3] = rest - points[2];
    let mut twips = points.map(|p| (p * TWIPS).floor() as usize);
    // Rounding down leaves a few twips: the event column takes them, so the table fills the
    // width exactly.
    let filled: usize = twips.iter().sum();
    twips[2] += (total * TWIPS).floor() as usize - filled;
    twips
}

/// The width of the longest word of a text, in points.
fn widest_word(text: &str, weight: Weight) -> f64 {
    text.split_whitespace()
        .map(|w| crate::text::width(w, SIZE, weight))
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(number: &str, date: &str, event: &str, impact: &str, source: &str) -> [Vec<Cell>; 5] {
        [number, date, event, impact, source].map(|t| vec![Cell::plain(t)])
    }

    #[test]
    fn widths_fill_the_page_and_fit_the_short_columns() {
        let rows = vec![
            row(
                "12",
                "14 Mar 2019",
                "Police called",
                "Amy frightened",
                "Police log",
            ),
            row(
                "Disputed",
                "Feb 2020 to c. Sep 2021",
                "A long account of what happened over many words",
                "Short",
                "Health visitor, Riverside Health Centre",
            ),
        ];
        let widths = column_widths(&rows, 728.5);
        assert_eq!(widths.iter().sum::<usize>(), 14570);
        let points = widths.map(|w| w as f64 / TWIPS);
        // The date column holds its longest date on one line.
        let date = crate::text::width("Feb 2020 to c. Sep 2021", SIZE, Weight::Bold);
        assert!(points[1] >= date + 10.0, "{points:?}");
        // The number column is narrow, and holds "Disputed" whole.
        let word = crate::text::width("Disputed", SIZE, Weight::Bold);
        assert!(points[0] >= word && points[0] <= 0.12 * 728.5, "{points:?}");
        // The source column is capped; the event column, holding the most, is the widest.
        assert!(points[4] <= 0.2 * 728.5 + 0.1, "{points:?}");
        assert!(points[2] > points[3], "{points:?}");
    }

    #[test]
    fn a_word_longer_than_a_column_s_share_is_capped() {
        let long = "x".repeat(300);
        let rows = vec![row("1", "2019", "Event", "Impact", &long)];
        let widths = column_widths(&rows, 728.5);
        assert!(widths[4] as f64 <= 0.2 * 728.5 * TWIPS + 1.0);
        assert_eq!(widths.iter().sum::<usize>(), 14570);
    }
}
