//! Chronology entries from an Excel workbook (`.xlsx`), read as the CSV reader reads them.
//!
//! Practitioners keep chronologies in Excel and should not have to save them as CSV first. The
//! sheet is turned into a [`Table`] of text cells and read by `entries_csv::from_table`, so
//! headings, `--map`, `--values` and every message are the same as for CSV; places are the
//! sheet's own (row number, column letter), so a message can say "Sheet1!C14". What only a
//! workbook has is handled here: dates stored as serial numbers, title rows above the headings,
//! headings merged across several columns over a row of sub-headings ("Impact" over "Amy" and
//! "Ben"), cells merged down several rows, and cells showing a formula error.

use crate::diagnostic::{Diagnostic, Location};
use crate::input::case_file::CaseFile;
use crate::input::entries_csv::{self, ReadOptions, Row, Table};
use calamine::{Data, Dimensions, Reader, Xlsx};
use std::io::Cursor;

/// Reads the entries on the chosen sheet (the first unless `options.sheet` names one).
pub fn read(bytes: &[u8], options: &ReadOptions) -> (Option<CaseFile>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let Some(table) = table(bytes, options, &mut diagnostics) else {
        return (None, diagnostics);
    };
    let (file, found) = entries_csv::from_table(&table, options);
    diagnostics.extend(found);
    (file, diagnostics)
}

/// The name of the sheet [`read`] reads, for naming places ("Sheet1!C14"); `None` when the
/// workbook cannot be opened or has no such sheet.
pub(crate) fn sheet_name(bytes: &[u8], options: &ReadOptions) -> Option<String> {
    let workbook: Xlsx<_> = Xlsx::new(Cursor::new(bytes)).ok()?;
    chosen_sheet(&workbook.sheet_names(), options).ok()
}

/// The sheet asked for (case does not matter), or the first; or what is wrong.
fn chosen_sheet(names: &[String], options: &ReadOptions) -> Result<String, Diagnostic> {
    let whole = Location { line: 0, column: 0 };
    let Some(wanted) = &options.sheet else {
        return names.first().cloned().ok_or_else(|| {
            Diagnostic::problem(whole, "The workbook has no sheets, so it has no entries.")
        });
    };
    if let Some(name) = names
        .iter()
        .find(|n| n.trim().eq_ignore_ascii_case(wanted.trim()))
    {
        return Ok(name.clone());
    }
    let lower: Vec<String> = names.iter().map(|n| n.to_lowercase()).collect();
    let known: Vec<&str> = lower.iter().map(String::as_str).collect();
    let close = crate::diagnostic::nearest(&wanted.to_lowercase(), &known)
        .and_then(|l| names.iter().find(|n| n.to_lowercase() == l))
        .map(|n| format!("Did you mean \"{n}\"? "))
        .unwrap_or_default();
    Err(Diagnostic::problem(
        whole,
        format!("The workbook has no sheet called \"{}\".", wanted.trim()),
    )
    .with_help(format!(
        "{close}Its sheets are: {}. Name one with --sheet.",
        names
            .iter()
            .map(|n| format!("\"{n}\""))
            .collect::<Vec<_>>()
            .join(", ")
    )))
}

/// The sheet as a table: the column headings first (sub-headings under merged headings joined
/// to them), then the rows under them, every cell as text at its place in the sheet.
fn table(bytes: &[u8], options: &ReadOptions, diagnostics: &mut Vec<Diagnostic>) -> Option<Table> {
    let whole = Location { line: 0, column: 0 };
    let mut workbook: Xlsx<_> = match Xlsx::new(Cursor::new(bytes)) {
        Ok(workbook) => workbook,
        Err(error) => {
            diagnostics.push(
                Diagnostic::problem(
                    whole,
                    format!("The file could not be read as an Excel workbook ({error})."),
                )
                .with_help(
                    "Open it in Excel or LibreOffice and save it again as an Excel workbook \
                     (.xlsx), or as CSV UTF-8.",
                ),
            );
            return None;
        }
    };
    let sheet = match chosen_sheet(&workbook.sheet_names(), options) {
        Ok(sheet) => sheet,
        Err(problem) => {
            diagnostics.push(problem);
            return None;
        }
    };
    let range = match workbook.worksheet_range(&sheet) {
        Ok(range) => range,
        Err(error) => {
            diagnostics.push(Diagnostic::problem(
                whole,
                format!("The sheet \"{sheet}\" could not be read ({error})."),
            ));
            return None;
        }
    };
    let merges = workbook
        .merge_cells_by_sheet_name(&sheet)
        .unwrap_or_default();
    let mut grid = Grid::from_range(&range, diagnostics);
    grid.fill_merged_down(&merges);
    let Some(header) = grid.header_row(&merges, diagnostics) else {
        diagnostics.push(Diagnostic::problem(
            whole,
            format!("The sheet \"{sheet}\" is empty: there are no entries to read."),
        ));
        return None;
    };
    let (headings, first_data) = grid.headings(header, &merges);
    let mut rows = vec![Row {
        line: header + 1,
        cells: headings,
    }];
    // Rows below the last value are only formatting Excel keeps; they are not reported.
    let last = grid
        .cells
        .iter()
        .rposition(|row| row.iter().any(|c| !c.trim().is_empty()))
        .unwrap_or(0);
    for (r, cells) in grid
        .cells
        .iter()
        .enumerate()
        .take(last + 1)
        .skip(first_data)
    {
        rows.push(Row {
            line: r + 1,
            cells: cells.clone(),
        });
    }
    Some(Table {
        rows,
        lettered: true,
    })
}

/// The sheet's cells as text, by row and column counted from A1 (so places match the sheet).
struct Grid {
    cells: Vec<Vec<String>>,
}

impl Grid {
    fn from_range(range: &calamine::Range<Data>, diagnostics: &mut Vec<Diagnostic>) -> Grid {
        let (Some(start), Some(end)) = (range.start(), range.end()) else {
            return Grid { cells: Vec::new() };
        };
        let width = end.1 as usize + 1;
        let mut cells = vec![vec![String::new(); width]; end.0 as usize + 1];
        for (r, row) in range.rows().enumerate() {
            for (c, value) in row.iter().enumerate() {
                let (row, column) = (start.0 as usize + r, start.1 as usize + c);
                let at = Location {
                    line: row + 1,
                    column: column + 1,
                };
                cells[row][column] = cell_text(value, at, diagnostics);
            }
        }
        Grid { cells }
    }

    fn get(&self, row: usize, column: usize) -> &str {
        self.cells
            .get(row)
            .and_then(|r| r.get(column))
            .map_or("", String::as_str)
    }

    /// A value in cells merged down several rows (one date for two events) belongs to every
    /// row it covers; Excel keeps it in the top cell only.
    fn fill_merged_down(&mut self, merges: &[Dimensions]) {
        for merge in merges {
            if merge.start.1 != merge.end.1 || merge.start.0 == merge.end.0 {
                continue;
            }
            let column = merge.start.1 as usize;
            let value = self.get(merge.start.0 as usize, column).to_string();
            for row in merge.start.0 as usize + 1..=merge.end.0 as usize {
                if let Some(cell) = self.cells.get_mut(row).and_then(|r| r.get_mut(column)) {
                    *cell = value.clone();
                }
            }
        }
    }

    /// The row (counted from 0) holding the column headings: the first with two or more
    /// values. A title above it ("Chronology for Amy", often merged across the sheet) is
    /// noted as not read.
    fn header_row(
        &self,
        merges: &[Dimensions],
        diagnostics: &mut Vec<Diagnostic>,
    ) -> Option<usize> {
        for (r, row) in self.cells.iter().enumerate() {
            let values: Vec<&String> = row.iter().filter(|c| !c.trim().is_empty()).collect();
            if values.len() >= 2 {
                return Some(r);
            }
            // A heading merged down from the row above fills this row too; that is not a title.
            if let Some(title) = values.first()
                && !merges
                    .iter()
                    .any(|m| m.start.0 < r as u32 && m.end.0 >= r as u32)
            {
                diagnostics.push(Diagnostic::note(
                    Location {
                        line: r + 1,
                        column: 0,
                    },
                    format!(
                        "\"{}\" was read as a title above the column headings, not as an entry.",
                        crate::diagnostic::clip(title.trim())
                    ),
                ));
            }
        }
        None
    }

    /// The heading of every column, and the row the entries start on. A heading merged across
    /// several columns with sub-headings under it ("Impact" over "Amy", "Ben") heads each
    /// column as "Impact (Amy)", "Impact (Ben)"; headings merged down over the sub-heading row
    /// head their column alone.
    fn headings(&self, header: usize, merges: &[Dimensions]) -> (Vec<String>, usize) {
        let width = self.cells.first().map_or(0, Vec::len);
        let across: Vec<&Dimensions> = merges
            .iter()
            .filter(|m| m.start.0 as usize == header && m.end.1 > m.start.1)
            .collect();
        let group = |column: usize| {
            across
                .iter()
                .find(|m| (m.start.1 as usize..=m.end.1 as usize).contains(&column))
        };
        let below = header + 1;
        let has_sub_headings = !across.is_empty()
            && (0..width).all(|c| {
                self.get(below, c).trim().is_empty()
                    || group(c).is_some()
                    || merges.iter().any(|m| {
                        m.start.0 as usize == header
                            && m.end.0 as usize >= below
                            && (m.start.1 as usize..=m.end.1 as usize).contains(&c)
                    })
            })
            && (0..width).any(|c| group(c).is_some() && !self.get(below, c).trim().is_empty());
        if !has_sub_headings {
            let headings = (0..width)
                .map(|c| self.get(header, c).to_string())
                .collect();
            return (headings, below);
        }
        let headings = (0..width)
            .map(|c| {
                let sub = self.get(below, c).trim();
                match group(c) {
                    Some(m) => {
                        let main = self.get(header, m.start.1 as usize).trim();
                        if sub.is_empty() {
                            main.to_string()
                        } else {
                            format!("{main} ({sub})")
                        }
                    }
                    None => self.get(header, c).to_string(),
                }
            })
            .collect();
        (headings, below + 1)
    }
}

/// A cell's value as the text a practitioner would type: dates as `2019-03-14` (Excel keeps
/// them as serial numbers), times as `14:30`, whole numbers without a decimal point. A cell
/// showing an error is reported and read as empty.
fn cell_text(value: &Data, at: Location, diagnostics: &mut Vec<Diagnostic>) -> String {
    match value {
        Data::Empty => String::new(),
        Data::String(text) => text.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => f.to_string(),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(serial) => {
            let (year, month, day, hour, minute, second, _) = serial.to_ymd_hms_milli();
            if serial.is_duration() || serial.as_f64() < 1.0 {
                return format!("{hour:02}:{minute:02}");
            }
            if (hour, minute, second) != (0, 0, 0) {
                diagnostics.push(
                    Diagnostic::note(
                        at,
                        format!(
                            "This cell holds a time ({hour:02}:{minute:02}) as well as a date; \
                             only the date was read."
                        ),
                    )
                    .with_help("Put the time in a column headed \"time\" to keep it."),
                );
            }
            format!("{year:04}-{month:02}-{day:02}")
        }
        Data::DateTimeIso(text) => text.split('T').next().unwrap_or(text).to_string(),
        Data::DurationIso(text) => text.clone(),
        Data::Error(error) => {
            diagnostics.push(
                Diagnostic::problem(
                    at,
                    format!("This cell shows the error {error} instead of a value."),
                )
                .with_help("Correct the formula in the spreadsheet, or type the value in."),
            );
            String::new()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_the_sheet_asked_for_whatever_its_case_and_suggests_a_near_one() {
        let names = vec!["Chronology".to_string(), "Notes".to_string()];
        let ask = |sheet: &str| ReadOptions {
            sheet: Some(sheet.to_string()),
            ..ReadOptions::default()
        };
        assert_eq!(
            chosen_sheet(&names, &ReadOptions::default()).unwrap(),
            "Chronology"
        );
        assert_eq!(chosen_sheet(&names, &ask("notes")).unwrap(), "Notes");
        let problem = chosen_sheet(&names, &ask("Chronolgy")).unwrap_err();
        assert!(
            problem
                .help
                .unwrap()
                .contains("Did you mean \"Chronology\"?")
        );
    }

    #[test]
    fn cells_read_as_typed() {
        use calamine::{ExcelDateTime, ExcelDateTimeType};
        let mut diagnostics = Vec::new();
        let at = Location { line: 3, column: 2 };
        let date = |v| Data::DateTime(ExcelDateTime::new(v, ExcelDateTimeType::DateTime, false));
        // 43538 is 2019-03-14 in Excel's 1900 calendar.
        assert_eq!(
            cell_text(&date(43538.0), at, &mut diagnostics),
            "2019-03-14"
        );
        assert!(diagnostics.is_empty());
        assert_eq!(cell_text(&date(0.6041666), at, &mut diagnostics), "14:29");
        assert_eq!(
            cell_text(&date(43538.5), at, &mut diagnostics),
            "2019-03-14"
        );
        assert_eq!(diagnostics.len(), 1, "the time left out is said");
        assert_eq!(cell_text(&Data::Float(12.0), at, &mut diagnostics), "12");
        assert_eq!(cell_text(&Data::Float(2.5), at, &mut diagnostics), "2.5");
        let error = Data::Error(calamine::CellErrorType::Ref);
        assert_eq!(cell_text(&error, at, &mut diagnostics), "");
        assert!(diagnostics[1].is_problem());
        assert_eq!((diagnostics[1].line, diagnostics[1].column), (3, 2));
    }
}
