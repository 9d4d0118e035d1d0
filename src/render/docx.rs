//! The chronology as a Word document (`.docx`): the case details, then the court table as a
//! real Word table, for practitioners who file statements from their council's Word template.
//!
//! The rows are the chronology's own ([`crate::chronology::chronology`] and its five court
//! columns), so the Word table says exactly what the PDF and the HTML page say. A4 landscape,
//! 12 pt, the heading row repeated on every page, significance and status in words.

use crate::chronology::{COURT_COLUMNS, Paragraph as Cell, chronology};
use crate::model::Case;
use crate::render::table::TableOptions;
use docx_rs::{
    Docx, PageMargin, PageOrientationType, Paragraph, Run, RunFonts, Table, TableCell,
    TableLayoutType, TableRow, WidthType,
};

/// A4 landscape, in twentieths of a point.
const PAGE: (u32, u32) = (16838, 11906);
/// 2 cm margins.
const MARGIN: i32 = 1134;
/// Column widths (twentieths of a point) of the five court columns: they fill the width
/// between the margins, the event and impact widest.
const WIDTHS: [usize; 5] = [1250, 2300, 5020, 4000, 2000];
/// 12 pt, in half points.
const SIZE: usize = 24;

/// The chronology as a `.docx` file. `audience` names a redacted version on the case details.
pub fn chronology_docx(case: &Case, options: &TableOptions, audience: Option<&str>) -> Vec<u8> {
    let rows = chronology(case, &options.filter);
    let title = format!("Chronology: {}", case.details.title);
    let mut doc = Docx::new()
        .page_size(PAGE.0, PAGE.1)
        .page_orient(PageOrientationType::Landscape)
        .page_margin(
            PageMargin::new()
                .top(MARGIN)
                .bottom(MARGIN)
                .left(MARGIN)
                .right(MARGIN),
        )
        .default_size(SIZE)
        .default_fonts(RunFonts::new().ascii("Arial").hi_ansi("Arial").cs("Arial"))
        .add_paragraph(Paragraph::new().add_run(Run::new().add_text(&title).bold().size(32)));
    for (label, value) in crate::render::front_page_facts(case, audience) {
        doc = doc.add_paragraph(
            Paragraph::new()
                .add_run(Run::new().add_text(format!("{label}: ")).bold())
                .add_run(Run::new().add_text(value)),
        );
    }
    let mut table_rows = vec![header_row()];
    for row in &rows.rows {
        let cells = rows.court_cells(row);
        table_rows.push(TableRow::new(
            cells
                .iter()
                .zip(WIDTHS)
                .map(|(paragraphs, width)| cell(paragraphs, width, false))
                .collect(),
        ));
    }
    if rows.rows.is_empty() {
        doc = doc.add_paragraph(Paragraph::new().add_run(Run::new().add_text(
            "No entries: the chronology has none, or the filters left them all out.",
        )));
    }
    let table = Table::new(table_rows)
        .set_grid(WIDTHS.to_vec())
        .layout(TableLayoutType::Fixed)
        .width(WIDTHS.iter().sum(), WidthType::Dxa);
    let doc = doc
        .add_paragraph(Paragraph::new())
        .add_table(table);
    pack(doc)
}

/// The heading row, marked to repeat at the top of every page.
fn header_row() -> TableRow {
    TableRow::new(
        COURT_COLUMNS
            .iter()
            .zip(WIDTHS)
            .map(|(heading, width)| cell(&[Cell::plain(*heading)], width, true))
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
            p = p.add_run(Run::new().add_text(format!("{label} ")).bold());
        }
        let run = Run::new().add_text(&paragraph.text);
        p = p.add_run(if bold { run.bold() } else { run });
        cell = cell.add_paragraph(p);
    }
    cell
}

/// The document as `.docx` bytes. docx-rs has no setting for a repeating heading row, so the
/// one mark Word needs (`w:tblHeader`) is added to the heading row's properties, which this
/// writer alone marks `cantSplit`.
fn pack(doc: Docx) -> Vec<u8> {
    let mut xml = doc.build();
    let document = String::from_utf8_lossy(&xml.document).into_owned();
    let marked = document.replacen(
        "<w:trPr><w:cantSplit /></w:trPr>",
        "<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>",
        1,
    );
    xml.document = marked.into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    // Writing to memory cannot fail for lack of space or permission.
    let _ = xml.pack(&mut out);
    out.into_inner()
}
