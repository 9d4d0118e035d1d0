//! Chronology entries from a spreadsheet (CSV) into a case file.
//!
//! Practitioners keep chronologies in Excel and Word. The first row names the columns: by
//! default the case file's own entry field names (`date`, `event`, `source`, ...), the headings
//! genochron's own chronology tables use ("No.", "Date", "Impact (amy)"), or any heading the
//! user maps (`Date of event=date`). Every value keeps its place (line = the CSV line, column =
//! the spreadsheet column number), so the checker points at the cell at fault. Nothing is
//! skipped silently: every row or column that is not read is reported.

mod entry;
mod headings;
mod table;
mod values;

pub(crate) use headings::FIELD_NAMES;
pub use headings::parse_mapping;
pub(crate) use table::column_letters;
pub use table::{Row, Table};
pub use values::{ValueCodes, parse_values};

use crate::diagnostic::{Diagnostic, Location, clip};
use crate::input::case_file::{
    ActionInput, CaseFile, ChildImpactInput, EntryInput, ImpactInput, InvolvementInput,
    PersonInput, RoleInput, Text,
};
use crate::model::PartialDate;
use entry::entry;
use headings::{Field, field, header_fields, normal};
use table::csv_table;

/// How a spreadsheet's columns and values are read.
#[derive(Debug, Clone, Default)]
pub struct ReadOptions {
    /// Column headings (as written, any case) paired with entry field names (`--map`).
    pub headings: Vec<(String, String)>,
    /// The spreadsheet's own codes for a field's values (`--values "significance: 1=low"`).
    pub values: Vec<ValueCodes>,
    /// The sheet of a workbook to read; the first when not given.
    pub sheet: Option<String>,
}

impl ReadOptions {
    /// Options with headings only.
    pub fn headings(mapping: &[(String, String)]) -> ReadOptions {
        ReadOptions {
            headings: mapping.to_vec(),
            ..ReadOptions::default()
        }
    }

    /// True when the user asked for anything a spreadsheet of entries needs.
    pub fn is_empty(&self) -> bool {
        self.headings.is_empty() && self.values.is_empty() && self.sheet.is_none()
    }
}

/// Reads a CSV of entries. `mapping` pairs column headings (as written, any case) with entry
/// field names. The case file is returned whenever the header could be read, so every problem
/// in the rows is reported in one run.
pub fn read(bytes: &[u8], mapping: &[(String, String)]) -> (Option<CaseFile>, Vec<Diagnostic>) {
    read_with(bytes, &ReadOptions::headings(mapping))
}

/// [`read`] with the spreadsheet's own codes for values as well as headings.
pub(crate) fn read_with(
    bytes: &[u8],
    options: &ReadOptions,
) -> (Option<CaseFile>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    match csv_table(bytes, &mut diagnostics) {
        Some(table) => {
            let (file, found) = from_table(&table, options);
            // Messages in the order of the file: about the whole file first, then row by row
            // (the rows the CSV reader could not read among the others), then what the rows
            // add up to.
            let (whole, mut rows): (Vec<Diagnostic>, Vec<Diagnostic>) =
                diagnostics.into_iter().partition(|d| d.line == 0);
            let (ends, by_row): (Vec<Diagnostic>, Vec<Diagnostic>) =
                found.into_iter().partition(|d| d.line == 0);
            rows.extend(by_row);
            rows.sort_by_key(|d| d.line);
            (file, whole.into_iter().chain(rows).chain(ends).collect())
        }
        None => (None, diagnostics),
    }
}

/// Entries from a table whose first row holds the column headings. The case file is returned
/// whenever the headings could be read, so every problem in the rows is reported in one run.
pub(crate) fn from_table(
    table: &Table,
    options: &ReadOptions,
) -> (Option<CaseFile>, Vec<Diagnostic>) {
    let mut diagnostics = Vec::new();
    let whole = Location { line: 0, column: 0 };
    let Some((header, rows)) = table.rows.split_first() else {
        diagnostics.push(Diagnostic::problem(whole, "The file has no rows."));
        return (None, diagnostics);
    };
    let (fields, header_ok) = header_fields(table, header, rows, options, &mut diagnostics);
    let headed_blank: Vec<usize> = header
        .cells
        .iter()
        .enumerate()
        .filter(|(_, h)| h.trim().is_empty())
        .map(|(i, _)| i)
        .collect();
    let mut file = CaseFile {
        at: Location {
            line: header.line,
            column: 1,
        },
        ..CaseFile::default()
    };
    for row in rows {
        let line = row.line;
        if row.cells.iter().all(|c| c.trim().is_empty()) {
            diagnostics.push(Diagnostic::note(
                Location { line, column: 0 },
                "This row is empty and was skipped.",
            ));
            continue;
        }
        if let Some(problem) = value_past_headings(table, row, fields.len()) {
            diagnostics.push(problem);
            continue;
        }
        for &i in &headed_blank {
            if row.cells.get(i).is_some_and(|c| !c.trim().is_empty()) {
                diagnostics.push(Diagnostic::problem(
                    Location { line, column: i + 1 },
                    format!("Column {} has a value but no heading, so genochron cannot tell which field it is.", table.column(i + 1)),
                ).with_help("Give the column a heading, or map it with --map."));
            }
        }
        file.entries
            .push(entry(&row.cells, &fields, options, line, &mut diagnostics));
    }
    if file.entries.is_empty() && header_ok {
        diagnostics.push(Diagnostic::problem(
            whole,
            "The file has column headings but no entries under them.",
        ));
    }
    (header_ok.then_some(file), diagnostics)
}

/// The problem for a row with a value to the right of the last headed column, if it has one.
fn value_past_headings(table: &Table, row: &Row, headed: usize) -> Option<Diagnostic> {
    let extra = row
        .cells
        .iter()
        .skip(headed)
        .position(|c| !c.trim().is_empty())?;
    let column = headed + extra + 1;
    Some(
        Diagnostic::problem(
            Location {
                line: row.line,
                column,
            },
            format!(
                "This row has a value in column {}, but the first row has headings for only {} \
                 columns.",
                table.column(column),
                headed
            ),
        )
        .with_help("Add a heading for the column, or move the value into a headed column."),
    )
}

/// Gives entries read from a spreadsheet the case details a drawing needs, so that
/// `genochron timeline entries.csv` draws directly: the children and people the entries name
/// (by id, without names or birth dates), and an "as at" date that is the latest date in the
/// file. Says what it assumed in a note. A case file with its own `case` section is left alone.
pub fn complete(file: &mut CaseFile) -> Vec<Diagnostic> {
    let mut notes = Vec::new();
    if file.case.as_at.is_some() || file.case.prepared.is_some() || !file.people.is_empty() {
        return notes;
    }
    let whole = Location { line: 0, column: 0 };
    let mut latest: Option<(chrono::NaiveDate, PartialDate)> = None;
    let mut children: Vec<String> = Vec::new();
    let mut people: Vec<String> = Vec::new();
    for entry in &file.entries {
        for text in [&entry.date, &entry.end].into_iter().flatten() {
            if let Ok(date) = PartialDate::parse(&text.value)
                && latest.is_none_or(|(day, _)| date.end() > day)
            {
                latest = Some((date.end(), date));
            }
        }
        for child in &entry.children {
            if !children.contains(&child.value) {
                children.push(child.value.clone());
            }
        }
        if let Some(ImpactInput::PerChild(list)) = &entry.impact {
            for impact in list {
                if let Some(child) = &impact.child
                    && !children.contains(&child.value)
                {
                    children.push(child.value.clone());
                }
            }
        }
        for involvement in &entry.people {
            let id = match involvement {
                InvolvementInput::Plain(t) => Some(t),
                InvolvementInput::WithRole(r) => r.person.as_ref(),
            };
            if let Some(id) = id
                && !people.contains(&id.value)
            {
                people.push(id.value.clone());
            }
        }
    }
    let Some((day, _)) = latest else {
        return notes;
    };
    let day_text = PartialDate::day(day);
    file.case.as_at = Some(Text::new(day_text.to_case_text(), whole));
    file.case.children = children
        .iter()
        .map(|c| Text::new(c.clone(), whole))
        .collect();
    for id in children
        .iter()
        .chain(people.iter().filter(|p| !children.contains(p)))
    {
        // The id stands in for the name, so messages and lanes can say who is meant.
        file.people.push(PersonInput {
            id: Some(Text::new(id.clone(), whole)),
            name: Some(Text::new(id.clone(), whole)),
            at: whole,
            ..PersonInput::default()
        });
    }
    notes.push(
        Diagnostic::note(
            whole,
            format!(
                "The spreadsheet has no case details, so it is drawn as at {day_text}, its latest \
                 date, and without ages (it has no dates of birth)."
            ),
        )
        .with_help(
            "Import it into a case file (genochron import) and add the children's dates of birth \
             for ages and bands.",
        ),
    );
    notes
}

#[cfg(test)]
mod tests {
    use super::*;

    fn no_problems(diagnostics: &[Diagnostic]) {
        assert!(
            diagnostics.iter().all(|d| !d.is_problem()),
            "{diagnostics:?}"
        );
    }

    #[test]
    fn reads_the_case_file_field_names_with_places() {
        let csv = "number,date,event,source,children,people,status\n\
                   12,2019-03-14,\"Police attended; mother had a cut lip.\",Police,amy; ben,\"dad: alleged perpetrator; gran\",disputed: father denies\n";
        let (file, diagnostics) = read(csv.as_bytes(), &[]);
        no_problems(&diagnostics);
        let file = file.unwrap();
        assert_eq!(file.entries.len(), 1);
        let e = &file.entries[0];
        assert_eq!(e.number.as_ref().unwrap().value, "12");
        let date = e.date.as_ref().unwrap();
        assert_eq!(
            (date.value.as_str(), date.at.line, date.at.column),
            ("2019-03-14", 2, 2)
        );
        assert_eq!(
            e.event.as_ref().unwrap().value,
            "Police attended; mother had a cut lip."
        );
        assert_eq!(e.children.len(), 2);
        assert_eq!(e.status.as_ref().unwrap().value, "disputed");
        assert_eq!(e.status_note.as_ref().unwrap().value, "father denies");
        match &e.people[0] {
            InvolvementInput::WithRole(r) => {
                assert_eq!(r.role.as_ref().unwrap().value, "alleged perpetrator")
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn maps_other_headings_and_reports_unknown_columns() {
        let csv = "Date of event,What happened,Agency,Worker\n2020-01-02,Visit,School,JS\n";
        let (file, diagnostics) = read(csv.as_bytes(), &[]);
        assert!(file.is_none());
        let problems: Vec<Diagnostic> = crate::diagnostic::sorted(diagnostics)
            .into_iter()
            .filter(|d| d.is_problem())
            .collect();
        assert_eq!(problems.len(), 4, "{problems:#?}");
        let column = |n: usize| problems.iter().find(|p| p.column == n).unwrap();
        let help = |n: usize| column(n).help.clone().unwrap();
        assert!(
            help(1).contains("--map \"Date of event=date\"."),
            "{}",
            help(1)
        );
        assert!(help(3).contains("--map \"Agency=source\"."), "{}", help(3));
        // A column of initials fits no field, so none is suggested.
        assert!(help(4).starts_with("Say which field"), "{}", help(4));
        let mapping = vec![
            parse_mapping("Date of event=date").unwrap(),
            parse_mapping("Agency=source").unwrap(),
            parse_mapping("worker=ignore").unwrap(),
        ];
        let (file, diagnostics) = read(csv.as_bytes(), &mapping);
        no_problems(&diagnostics);
        assert_eq!(diagnostics.len(), 1, "the ignored column is reported");
        let file = file.unwrap();
        assert_eq!(file.entries[0].source.as_ref().unwrap().value, "School");
        assert!(parse_mapping("Date=when").is_err());
        assert!(parse_mapping("no equals").is_err());
    }

    #[test]
    fn reports_every_unreadable_row_by_line_and_column() {
        let csv =
            "date,event\n2020-01-01,One\n,\n2020-01-03,Three,surplus\n2020-01-04,\"unclosed\n";
        let (_, diagnostics) = read(csv.as_bytes(), &[]);
        let lines: Vec<(usize, usize, bool)> = diagnostics
            .iter()
            .map(|d| (d.line, d.column, d.is_problem()))
            .collect();
        assert!(lines.contains(&(3, 0, false)), "empty row noted: {lines:?}");
        assert!(lines.contains(&(4, 3, true)), "surplus cell: {lines:?}");
    }

    #[test]
    fn reads_its_own_chronology_export_back() {
        let csv = "No.,Date,End date,Time,Event,Category,Source,Reference,Age (amy),Impact (amy),Valence (amy),Action,Significance,Status,Status note\r\n\
                   3,about 2012,,,Moved in,household-change,Mother,C4,c. 2y,Amy was unsettled,negative,,low,agreed,\r\n";
        let (file, diagnostics) = read(csv.as_bytes(), &[]);
        no_problems(&diagnostics);
        let e = &file.unwrap().entries[0];
        assert_eq!(e.date.as_ref().unwrap().value, "about 2012");
        match e.impact.as_ref().unwrap() {
            ImpactInput::PerChild(list) => {
                assert_eq!(list[0].child.as_ref().unwrap().value, "amy");
                assert_eq!(list[0].valence.as_ref().unwrap().value, "negative");
            }
            other => panic!("{other:?}"),
        }
        // The age column is reported as not read.
        assert!(diagnostics.iter().any(|d| d.column == 9));
    }

    #[test]
    fn a_spreadsheet_alone_gets_the_case_details_a_drawing_needs() {
        let csv = "date,end,event,source,children,people\n\
                   2020-01-01,,One,School,amy,dad: father\n\
                   2021-03,about 2022-06,Two,School,amy; ben,\n";
        let (file, _) = read(csv.as_bytes(), &[]);
        let mut file = file.unwrap();
        let notes = complete(&mut file);
        assert_eq!(notes.len(), 1);
        assert_eq!(file.case.as_at.as_ref().unwrap().value, "2022-06-30");
        let ids: Vec<&str> = file
            .people
            .iter()
            .map(|p| p.id.as_ref().unwrap().value.as_str())
            .collect();
        assert_eq!(ids, ["amy", "ben", "dad"]);
        assert_eq!(file.case.children.len(), 2);
        // A second call changes nothing.
        assert!(complete(&mut file).is_empty());
    }

    #[test]
    fn reads_semicolons_and_excel_encodings() {
        let mut bytes = b"date;event;source\n2020-01-01;Caf".to_vec();
        bytes.push(0xe9); // "é" in Windows-1252
        bytes.extend_from_slice(b" visit;School\n");
        let (file, diagnostics) = read(&bytes, &[]);
        assert!(diagnostics.iter().all(|d| !d.is_problem()));
        assert_eq!(
            file.unwrap().entries[0].event.as_ref().unwrap().value,
            "Café visit"
        );
    }
}
