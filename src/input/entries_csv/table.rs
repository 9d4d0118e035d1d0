//! The table of text cells every spreadsheet reader makes, and the CSV reader that makes one.

use super::*;

/// A spreadsheet as rows of text cells, whatever program wrote it: the CSV reader and the
/// Excel reader both make one, and `from_table` turns it into entries, so both give the same
/// fields and the same messages.
#[derive(Debug, Clone, Default)]
pub struct Table {
    /// The rows in order, the column headings first. Rows the file's reader could not read are
    /// left out (and reported by it).
    pub rows: Vec<Row>,
    /// Columns are named by letter (A, B, … AA), as spreadsheet programs show them, rather than
    /// by number.
    pub lettered: bool,
}

/// One row of a [`Table`].
#[derive(Debug, Clone, Default)]
pub struct Row {
    /// The line of the file (CSV) or the row number of the sheet, for messages.
    pub line: usize,
    pub cells: Vec<String>,
}

impl Table {
    /// How messages name column `number` (counted from 1).
    pub(super) fn column(&self, number: usize) -> String {
        if self.lettered {
            column_letters(number)
        } else {
            number.to_string()
        }
    }
}

/// A spreadsheet column's letters: 1 → A, 27 → AA.
pub(crate) fn column_letters(number: usize) -> String {
    let mut letters = Vec::new();
    let mut n = number;
    while n > 0 {
        let rest = (n - 1) % 26;
        letters.push(b'A' + rest as u8);
        n = (n - 1) / 26;
    }
    letters.reverse();
    String::from_utf8(letters).unwrap_or_default()
}

/// The CSV's rows as a [`Table`], or `None` when not even the headings could be read. Rows
/// that cannot be read are reported and left out.
pub(super) fn csv_table(bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> Option<Table> {
    let whole = Location { line: 0, column: 0 };
    let text = csv_text(bytes, diagnostics);
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic::problem(
            whole,
            "The file is empty: there are no entries to read.",
        ));
        return None;
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(text.lines().next().unwrap_or("")))
        .from_reader(text.as_bytes());
    let mut records = reader.records();
    let header = match records.next() {
        Some(Ok(record)) => record,
        Some(Err(error)) => {
            diagnostics.push(Diagnostic::problem(
                Location { line: 1, column: 0 },
                format!(
                    "The first row (the column headings) could not be read: {}.",
                    plain(&error)
                ),
            ));
            return None;
        }
        None => {
            diagnostics.push(Diagnostic::problem(whole, "The file has no rows."));
            return None;
        }
    };
    let mut table = Table {
        rows: vec![Row {
            line: 1,
            cells: header.iter().map(str::to_string).collect(),
        }],
        lettered: false,
    };
    add_rows(&mut table, records.collect(), text, diagnostics);
    Some(table)
}

/// The file as text with line feeds only: UTF-8, or else Windows-1252 with a note.
fn csv_text(bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> String {
    let whole = Location { line: 0, column: 0 };
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text.to_string(),
        Err(_) => {
            diagnostics.push(
                Diagnostic::note(
                    whole,
                    "The file is not in UTF-8, so it was read as Windows-1252 (Excel's usual \
                     \"CSV\" encoding).",
                )
                .with_help(
                    "If letters look wrong, save the spreadsheet as \"CSV UTF-8\" and import again.",
                ),
            );
            crate::input::windows_1252(bytes)
        }
    };
    // The CSV reader counts a Windows line ending (CR LF) as the end of a row and then an
    // empty one, which puts every position after it one line early; with plain line feeds
    // the lines are right. Line breaks inside quoted cells become line feeds too.
    text.replace("\r\n", "\n")
}

/// The separator the first line uses most: Excel in many European settings separates with
/// semicolons; tabs come from copying a table. Commas when none is used.
fn delimiter(first_line: &str) -> u8 {
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first_line.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',')
}

/// The rows after the headings into the table; a row that cannot be read, or whose quotation
/// mark is not closed, is reported and left out.
fn add_rows(
    table: &mut Table,
    rows: Vec<Result<csv::StringRecord, csv::Error>>,
    text: &str,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let starts: Vec<usize> = rows
        .iter()
        .map(|r| match r {
            Ok(record) => record.position().map_or(0, |p| p.byte() as usize),
            Err(error) => error.position().map_or(0, |p| p.byte() as usize),
        })
        .collect();
    for (i, record) in rows.into_iter().enumerate() {
        // A quotation mark left open swallows the rest of the file into one cell without any
        // error from the reader: an odd number of quotes in a row's text gives it away.
        let end = starts
            .get(i + 1)
            .copied()
            .unwrap_or(text.len())
            .min(text.len());
        let raw = text.get(starts[i].min(end)..end).unwrap_or("");
        if raw.bytes().filter(|b| *b == b'"').count() % 2 == 1 {
            let line = text.get(..starts[i]).unwrap_or(text).matches('\n').count() + 1;
            diagnostics.push(
                Diagnostic::problem(
                    Location { line, column: 0 },
                    "A quotation mark in this row is not closed, so everything after it was read \
                     as one cell.",
                )
                .with_help("Close the quotation mark, or remove it."),
            );
            continue;
        }
        match record {
            Ok(record) => table.rows.push(Row {
                line: record.position().map(|p| p.line() as usize).unwrap_or(0),
                cells: record.iter().map(str::to_string).collect(),
            }),
            Err(error) => {
                let line = error.position().map(|p| p.line() as usize).unwrap_or(0);
                diagnostics.push(Diagnostic::problem(
                    Location { line, column: 0 },
                    format!("This row could not be read: {}.", plain(&error)),
                ));
            }
        }
    }
}

pub(super) fn plain(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "some of its letters are not in a known encoding".into(),
        _ => "a quotation mark is not closed, or the row is broken".into(),
    }
}
