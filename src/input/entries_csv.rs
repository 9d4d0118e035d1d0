//! Chronology entries from a spreadsheet (CSV) into a case file.
//!
//! Practitioners keep chronologies in Excel and Word. The first row names the columns: by
//! default the case file's own entry field names (`date`, `event`, `source`, ...), the headings
//! genochron's own chronology tables use ("No.", "Date", "Impact (amy)"), or any heading the
//! user maps (`Date of event=date`). Every value keeps its place (line = the CSV line, column =
//! the spreadsheet column number), so the checker points at the cell at fault. Nothing is
//! skipped silently: every row or column that is not read is reported.

use crate::diagnostic::{Diagnostic, Location, clip};
use crate::input::case_file::{
    ActionInput, CaseFile, ChildImpactInput, EntryInput, ImpactInput, InvolvementInput,
    PersonInput, RoleInput, Text,
};
use crate::model::PartialDate;

/// Where a column's values go.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Field {
    Number,
    Date,
    End,
    Time,
    Children,
    Event,
    Category,
    Factors,
    Source,
    Reference,
    Impact,
    Valence,
    Action,
    Significance,
    Status,
    StatusNote,
    People,
    Voice,
    Audience,
    /// The impact on one child: `Impact (amy)`.
    ChildImpact(String),
    /// The valence of the impact on one child: `Valence (amy)`.
    ChildValence(String),
    /// Worked out by genochron (a child's age), or ignored by the user's choice.
    Ignored,
}

/// The case file's entry field names, as the `--map` option and default headers use them.
pub const FIELD_NAMES: [&str; 19] = [
    "number",
    "date",
    "end",
    "time",
    "children",
    "event",
    "category",
    "factors",
    "source",
    "reference",
    "impact",
    "valence",
    "action",
    "significance",
    "status",
    "status-note",
    "people",
    "voice",
    "audience",
];

/// Lower case, single spaces, no surrounding space or punctuation that headings vary by.
fn normal(text: &str) -> String {
    text.trim()
        .trim_end_matches([':', '.'])
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A field from a heading or a `--map` target, or `None` when it is not one.
fn field(heading: &str) -> Option<Field> {
    let h = normal(heading);
    // "Impact (amy)", "Impact on amy", "Valence (amy)", "Age (amy)".
    for (prefix, make) in [
        ("impact", Field::ChildImpact as fn(String) -> Field),
        ("valence", Field::ChildValence as fn(String) -> Field),
    ] {
        if let Some(rest) = h.strip_prefix(prefix) {
            let rest = rest.trim();
            let child = rest
                .strip_prefix('(')
                .and_then(|r| r.strip_suffix(')'))
                .or_else(|| rest.strip_prefix("on "))
                .or_else(|| rest.strip_prefix(": "));
            if let Some(child) = child {
                let id = child.trim().replace(' ', "-");
                if !id.is_empty() && id != "the-child" {
                    return Some(make(id));
                }
            }
        }
    }
    if h == "age"
        || h.starts_with("age (")
        || h.starts_with("age: ")
        || h.starts_with("age of ")
        || h == "child's age"
    {
        return Some(Field::Ignored);
    }
    Some(match h.as_str() {
        "number" | "no" | "no." | "serial number" | "serial" | "#" => Field::Number,
        "date" | "start" | "start date" | "from" => Field::Date,
        "end" | "end date" | "to" | "until" => Field::End,
        "time" => Field::Time,
        "children" | "child" => Field::Children,
        "event" | "events" | "what happened" => Field::Event,
        "category" => Field::Category,
        "factors" => Field::Factors,
        "source" | "recorded by" => Field::Source,
        "reference" | "ref" | "document reference" | "bundle reference" => Field::Reference,
        "impact" | "impact on the child" | "impact on child" => Field::Impact,
        "valence" => Field::Valence,
        "action" | "action taken" => Field::Action,
        "significance" => Field::Significance,
        "status" => Field::Status,
        "status note" => Field::StatusNote,
        "people" => Field::People,
        "voice" | "child's voice" | "childs voice" | "child's words" => Field::Voice,
        "audience" | "audiences" => Field::Audience,
        "ignore" => Field::Ignored,
        _ => return None,
    })
}

/// A column whose heading is not an entry field, with a `--map` suggestion only when the
/// column's content fits the field suggested (a column of initials is not an event).
fn unknown_column(
    at: Location,
    column: &str,
    heading: &str,
    cells: &[&str],
    fields: &[Field],
) -> Diagnostic {
    let heading = heading.trim();
    let suggestion = match guess(heading, cells, fields) {
        Some(field) => format!("It looks like the {field}: --map \"{heading}={field}\". Or say "),
        None => "Say ".to_string(),
    };
    Diagnostic::problem(
        at,
        format!(
            "Column {column} is headed \"{}\", which is not an entry field.",
            clip(heading)
        ),
    )
    .with_help(format!(
        "{suggestion}which field it is with --map \"{heading}=FIELD\" (fields: {}), or \
         --map \"{heading}=ignore\" to leave it out.",
        FIELD_NAMES.join(", "),
    ))
}

/// The field a column probably holds: by the words of its heading, else by its content,
/// offered only when the content fits that field.
fn guess(heading: &str, cells: &[&str], fields: &[Field]) -> Option<&'static str> {
    let h = normal(heading);
    let words: [(&str, &str); 12] = [
        ("date", "date"),
        ("when", "date"),
        ("impact", "impact"),
        ("action", "action"),
        ("agency", "source"),
        ("source", "source"),
        ("ref", "reference"),
        ("signific", "significance"),
        ("status", "status"),
        ("child", "children"),
        ("categ", "category"),
        ("type", "category"),
    ];
    let by_heading = words
        .iter()
        .find(|(word, _)| h.contains(word))
        .map(|(_, field)| *field);
    // A heading that names the field needs only half its cells to fit (a spreadsheet has its
    // typos); content alone must fit four cells in five.
    if let Some(field) = by_heading {
        return fits(field, cells, 1, 2).then_some(field);
    }
    if fits("date", cells, 4, 5) && !fields.contains(&Field::Date) {
        Some("date")
    } else if fits("event", cells, 4, 5) && !fields.contains(&Field::Event) {
        Some("event")
    } else {
        None
    }
}

/// Whether at least `part` in `whole` of a column's cells could be values of `field`: dates
/// for a date, sentences for an event, impact or action; anything for the rest.
fn fits(field: &str, cells: &[&str], part: usize, whole: usize) -> bool {
    if cells.is_empty() {
        return false;
    }
    let most = |test: &dyn Fn(&str) -> bool| {
        cells.iter().filter(|c| test(c)).count() * whole >= cells.len() * part
    };
    match field {
        "date" => most(&looks_like_date),
        "event" | "impact" | "action" => most(&|c| c.split_whitespace().count() >= 2),
        "children" => most(&|c| c.chars().count() <= 60),
        _ => true,
    }
}

/// A date as genochron writes it, or as spreadsheets do (31/01/2026, 1.2.26).
fn looks_like_date(cell: &str) -> bool {
    let numeric = |c: &str| {
        let parts: Vec<&str> = c.split(['/', '.', '-']).collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
    };
    crate::model::PartialDate::parse(cell).is_ok() || numeric(cell)
}

/// A spreadsheet's own codes for one field's values: `significance: 1=low, 2=medium, 3=high`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueCodes {
    field: Field,
    /// The code as written in the spreadsheet, and the value it stands for.
    codes: Vec<(String, String)>,
}

impl ValueCodes {
    /// A per-child valence column takes the codes given for `valence`.
    fn applies_to(&self, field: &Field) -> bool {
        match field {
            Field::ChildValence(_) => self.field == Field::Valence,
            other => *other == self.field,
        }
    }

    /// The value a cell's code stands for; case and surrounding space do not matter. A cell
    /// that is not one of the codes is read as written, so the checker can say what is wrong
    /// with it and suggest the nearest word.
    fn value_of(&self, cell: &str) -> Option<&str> {
        self.codes
            .iter()
            .find(|(code, _)| normal(code) == normal(cell))
            .map(|(_, value)| value.as_str())
    }
}

/// The words a field allows, when it has a fixed set, for checking `--values`.
fn allowed_words(field: &Field) -> Option<Vec<&'static str>> {
    use crate::vocabulary::{ENTRY_STATUSES, SIGNIFICANCES, VALENCES};
    fn names<T>(list: &[(&'static str, T)]) -> Vec<&'static str> {
        list.iter().map(|(n, _)| *n).collect()
    }
    match field {
        Field::Significance => Some(names(SIGNIFICANCES)),
        Field::Status => Some(names(ENTRY_STATUSES)),
        Field::Valence | Field::ChildValence(_) => Some(names(VALENCES)),
        _ => None,
    }
}

/// Reads `--values` text, `field: code=value, code=value`, checking the field exists and, for
/// fields with a fixed set of words, that every value is one of them.
pub fn parse_values(text: &str) -> Result<ValueCodes, String> {
    let example = "--values \"significance: 1=low, 2=medium, 3=high\"";
    let Some((name, list)) = text.split_once(':') else {
        return Err(format!(
            "--values \"{text}\" needs the field first, then a colon, then the codes, like \
             {example}."
        ));
    };
    let field = match field(name) {
        Some(f) if f != Field::Ignored => f,
        _ => {
            return Err(format!(
                "--values \"{text}\": \"{}\" is not an entry field. Use one of {}.",
                name.trim(),
                FIELD_NAMES.join(", ")
            ));
        }
    };
    let allowed = allowed_words(&field);
    let mut codes = Vec::new();
    let separator = if list.contains(';') { ';' } else { ',' };
    for pair in list.split(separator).filter(|p| !p.trim().is_empty()) {
        let Some((code, value)) = pair.split_once('=') else {
            return Err(format!(
                "--values \"{text}\": \"{}\" needs an = between the code and its value, like \
                 {example}.",
                pair.trim()
            ));
        };
        let (code, value) = (code.trim(), value.trim());
        if code.is_empty() || value.is_empty() {
            return Err(format!(
                "--values \"{text}\": \"{}\" needs a code before the = and a value after it.",
                pair.trim()
            ));
        }
        if let Some(words) = &allowed {
            let word = value.to_lowercase().replace(['_', ' '], "-");
            if !words.contains(&word.as_str()) {
                let close = crate::input::read::nearest(&word, words)
                    .map(|w| format!("Did you mean \"{w}\"? "))
                    .unwrap_or_default();
                return Err(format!(
                    "--values \"{text}\": \"{value}\" is not a {} genochron knows. {close}The \
                     choices are: {}.",
                    name.trim(),
                    words.join(", ")
                ));
            }
        }
        codes.push((code.to_string(), value.to_string()));
    }
    if codes.is_empty() {
        return Err(format!(
            "--values \"{text}\" gives no codes. Write them like {example}."
        ));
    }
    Ok(ValueCodes { field, codes })
}

/// Reads `--map` text, `Heading=field`, checking the field exists.
pub fn parse_mapping(text: &str) -> Result<(String, String), String> {
    let Some((heading, target)) = text.rsplit_once('=') else {
        return Err(format!(
            "--map \"{text}\" needs an = between the column heading and the field, like \
             --map \"Date of event=date\"."
        ));
    };
    if heading.trim().is_empty() || field(target).is_none() {
        return Err(format!(
            "--map \"{text}\": \"{}\" is not an entry field. Use one of {}, \"impact (child id)\", \
             or \"ignore\".",
            target.trim(),
            FIELD_NAMES.join(", ")
        ));
    }
    Ok((heading.trim().to_string(), target.trim().to_string()))
}

/// A spreadsheet as rows of text cells, whatever program wrote it: the CSV reader and the
/// Excel reader both make one, and [`from_table`] turns it into entries, so both give the same
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
    fn column(&self, number: usize) -> String {
        if self.lettered {
            column_letters(number)
        } else {
            number.to_string()
        }
    }
}

/// A spreadsheet column's letters: 1 → A, 27 → AA.
pub fn column_letters(number: usize) -> String {
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
pub fn read_with(bytes: &[u8], options: &ReadOptions) -> (Option<CaseFile>, Vec<Diagnostic>) {
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

/// The CSV's rows as a [`Table`], or `None` when not even the headings could be read. Rows
/// that cannot be read are reported and left out.
fn csv_table(bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> Option<Table> {
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
            super::windows_1252(bytes)
        }
    };
    // The CSV reader counts a Windows line ending (CR LF) as the end of a row and then an
    // empty one, which puts every position after it one line early; with plain line feeds
    // the lines are right. Line breaks inside quoted cells become line feeds too.
    let text = text.replace("\r\n", "\n");
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    if text.trim().is_empty() {
        diagnostics.push(Diagnostic::problem(
            whole,
            "The file is empty: there are no entries to read.",
        ));
        return None;
    }
    // Excel in many European settings separates with semicolons; tabs come from copying a table.
    let first_line = text.lines().next().unwrap_or("");
    let delimiter = [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first_line.bytes().filter(|b| b == d).count(), *d == b','))
        .unwrap_or(b',');
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter)
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
    let rows: Vec<Result<csv::StringRecord, csv::Error>> = records.collect();
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
    Some(table)
}

/// The fields a table's headings name, with a note or problem for every column that is not
/// read. The flag is false when a heading problem means no entries can be made.
fn header_fields(
    table: &Table,
    header: &Row,
    rows: &[Row],
    options: &ReadOptions,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Field>, bool) {
    let mut fields: Vec<Field> = Vec::new();
    let mut unknown_columns = Vec::new();
    let mut header_ok = true;
    for (i, heading) in header.cells.iter().enumerate() {
        let at = Location {
            line: header.line,
            column: i + 1,
        };
        let column = table.column(i + 1);
        let mapped = options
            .headings
            .iter()
            .find(|(from, _)| normal(from) == normal(heading))
            .map(|(_, to)| to.as_str());
        let found = match mapped {
            Some(target) => field(target),
            None => field(heading),
        };
        match found {
            Some(Field::Ignored) => {
                let why = if mapped.is_some() {
                    "as you asked"
                } else {
                    "because genochron works it out from the dates of birth"
                };
                diagnostics.push(Diagnostic::note(
                    at,
                    format!(
                        "Column {column} (\"{}\") was not read, {why}.",
                        heading.trim()
                    ),
                ));
                fields.push(Field::Ignored);
            }
            Some(f) => {
                if fields.contains(&f) {
                    diagnostics.push(
                        Diagnostic::problem(
                            at,
                            format!(
                                "Column {column} (\"{}\") fills the same field as an earlier column.",
                                heading.trim()
                            ),
                        )
                        .with_help(
                            "Map one of the two columns to another field, or to \"ignore\".",
                        ),
                    );
                    header_ok = false;
                }
                fields.push(f);
            }
            None if heading.trim().is_empty() => {
                fields.push(Field::Ignored);
            }
            None => {
                unknown_columns.push(i);
                fields.push(Field::Ignored);
                header_ok = false;
            }
        }
    }
    for (need, name) in [(Field::Date, "date"), (Field::Event, "event")] {
        if !fields.contains(&need) {
            diagnostics.push(
                Diagnostic::problem(
                    Location {
                        line: header.line,
                        column: 0,
                    },
                    format!("No column holds the {name} of each entry."),
                )
                .with_help(format!(
                    "Head a column \"{name}\", or map one with --map \"Your heading={name}\"."
                )),
            );
            header_ok = false;
        }
    }
    // A column's content decides what it is suggested to hold, so the unknown ones are
    // reported once every heading is known.
    for i in unknown_columns {
        let cells: Vec<&str> = rows
            .iter()
            .filter_map(|row| row.cells.get(i))
            .map(|cell| cell.trim())
            .filter(|cell| !cell.is_empty())
            .take(200)
            .collect();
        let at = Location {
            line: header.line,
            column: i + 1,
        };
        let column = table.column(i + 1);
        diagnostics.push(unknown_column(
            at,
            &column,
            &header.cells[i],
            &cells,
            &fields,
        ));
    }
    (fields, header_ok)
}

/// Entries from a table whose first row holds the column headings. The case file is returned
/// whenever the headings could be read, so every problem in the rows is reported in one run.
pub fn from_table(table: &Table, options: &ReadOptions) -> (Option<CaseFile>, Vec<Diagnostic>) {
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
        if row.cells.len() > fields.len() {
            let extra = row
                .cells
                .iter()
                .skip(fields.len())
                .position(|c| !c.trim().is_empty());
            if let Some(extra) = extra {
                diagnostics.push(
                    Diagnostic::problem(
                        Location {
                            line,
                            column: fields.len() + extra + 1,
                        },
                        format!(
                            "This row has a value in column {}, but the first row has headings for \
                         only {} columns.",
                            table.column(fields.len() + extra + 1),
                            fields.len()
                        ),
                    )
                    .with_help(
                        "Add a heading for the column, or move the value into a headed column.",
                    ),
                );
                continue;
            }
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

fn plain(error: &csv::Error) -> String {
    match error.kind() {
        csv::ErrorKind::Utf8 { .. } => "some of its letters are not in a known encoding".into(),
        _ => "a quotation mark is not closed, or the row is broken".into(),
    }
}

/// A list in one cell: "amy; ben", "amy, ben".
fn list(value: &str, at: Location) -> Vec<Text> {
    let separator = if value.contains(';') { ';' } else { ',' };
    value
        .split(separator)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| Text::new(v.to_string(), at))
        .collect()
}

fn entry(
    cells: &[String],
    fields: &[Field],
    options: &ReadOptions,
    line: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> EntryInput {
    let mut entry = EntryInput {
        at: Location { line, column: 1 },
        ..EntryInput::default()
    };
    let mut per_child: Vec<ChildImpactInput> = Vec::new();
    let mut child_valences: Vec<(String, Text)> = Vec::new();
    for (i, field) in fields.iter().enumerate() {
        let Some(raw) = cells.get(i) else { continue };
        // A leading apostrophe is how spreadsheets keep text from becoming a formula.
        let value = raw.trim().strip_prefix('\'').unwrap_or(raw.trim()).trim();
        let value = crate::input::read::without_curly_quotes(value);
        let value = value.as_str();
        if value.is_empty() {
            continue;
        }
        let value = options
            .values
            .iter()
            .find(|codes| codes.applies_to(field))
            .and_then(|codes| codes.value_of(value))
            .unwrap_or(value);
        let at = Location {
            line,
            column: i + 1,
        };
        let text = || Some(Text::new(value.to_string(), at));
        match field {
            Field::Number => entry.number = text(),
            Field::Date => entry.date = text(),
            Field::End => entry.end = text(),
            Field::Time => entry.time = text(),
            Field::Children => entry.children = list(value, at),
            Field::Event => entry.event = text(),
            Field::Category => entry.category = text(),
            Field::Factors => entry.factors = list(value, at),
            Field::Source => entry.source = text(),
            Field::Reference => entry.reference = text(),
            Field::Impact => {
                entry.impact = Some(ImpactInput::ForAll(Text::new(value.to_string(), at)))
            }
            Field::Valence => entry.valence = text(),
            Field::Action => entry.action = text().map(ActionInput::Text),
            Field::Significance => entry.significance = text(),
            Field::Status => {
                // "disputed: father denies" holds the status and its note in one cell.
                match value.split_once(':') {
                    Some((status, note)) if !note.trim().is_empty() => {
                        entry.status = Some(Text::new(status.trim().to_lowercase(), at));
                        if entry.status_note.is_none() {
                            entry.status_note = Some(Text::new(note.trim().to_string(), at));
                        }
                    }
                    _ => entry.status = Some(Text::new(value.to_lowercase(), at)),
                }
            }
            Field::StatusNote => entry.status_note = text(),
            Field::People => {
                entry.people = list(value, at)
                    .into_iter()
                    .map(|t| match t.value.split_once(':') {
                        Some((person, role)) => InvolvementInput::WithRole(RoleInput {
                            person: Some(Text::new(person.trim().to_string(), at)),
                            role: Some(Text::new(role.trim().to_string(), at)),
                            at,
                        }),
                        None => InvolvementInput::Plain(t),
                    })
                    .collect()
            }
            Field::Voice => entry.voice = text(),
            Field::Audience => entry.audience = list(value, at),
            Field::ChildImpact(child) => per_child.push(ChildImpactInput {
                child: Some(Text::new(child.clone(), at)),
                text: Some(Text::new(value.to_string(), at)),
                valence: None,
                at,
            }),
            Field::ChildValence(child) => {
                child_valences.push((child.clone(), Text::new(value.to_lowercase(), at)))
            }
            Field::Ignored => {}
        }
    }
    for (child, valence) in child_valences {
        match per_child
            .iter_mut()
            .find(|p| p.child.as_ref().is_some_and(|c| c.value == child))
        {
            Some(impact) => impact.valence = Some(valence),
            None => diagnostics.push(
                Diagnostic::problem(
                    valence.at,
                    format!("This row gives a valence for {child} but no impact on {child}."),
                )
                .with_help(format!(
                    "Write the impact on {child} in its column, or clear the valence."
                )),
            ),
        }
    }
    if !per_child.is_empty() {
        if let Some(ImpactInput::ForAll(all)) = &entry.impact {
            diagnostics.push(
                Diagnostic::problem(
                    all.at,
                    "This row has an impact for all the children and impacts per child; genochron \
                 cannot tell which to use.",
                )
                .with_help("Keep one: either the impact column or the per-child impact columns."),
            );
        }
        entry.impact = Some(ImpactInput::PerChild(per_child));
    }
    entry
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
