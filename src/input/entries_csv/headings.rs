//! Column headings: which entry field each names (the case file's names, the chronology
//! tables' headings, or the user's `--map`), and a guess for a heading that names none.

use super::*;

/// Where a column's values go.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Field {
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
pub(crate) const FIELD_NAMES: [&str; 19] = [
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
pub(super) fn normal(text: &str) -> String {
    text.trim()
        .trim_end_matches([':', '.'])
        .to_lowercase()
        .replace(['_', '-'], " ")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// A field from a heading or a `--map` target, or `None` when it is not one.
pub(super) fn field(heading: &str) -> Option<Field> {
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
pub(super) fn unknown_column(
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
pub(super) fn guess(heading: &str, cells: &[&str], fields: &[Field]) -> Option<&'static str> {
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
pub(super) fn fits(field: &str, cells: &[&str], part: usize, whole: usize) -> bool {
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
pub(super) fn looks_like_date(cell: &str) -> bool {
    let numeric = |c: &str| {
        let parts: Vec<&str> = c.split(['/', '.', '-']).collect();
        parts.len() == 3
            && parts
                .iter()
                .all(|p| (1..=4).contains(&p.len()) && p.chars().all(|c| c.is_ascii_digit()))
    };
    crate::model::PartialDate::parse(cell).is_ok() || numeric(cell)
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

/// The fields a table's headings name, with a note or problem for every column that is not
/// read. The flag is false when a heading problem means no entries can be made.
pub(super) fn header_fields(
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
    header_ok &= required_fields(header, &fields, diagnostics);
    // A column's content decides what it is suggested to hold, so the unknown ones are
    // reported once every heading is known.
    for i in unknown_columns {
        diagnostics.push(unknown_column_in(table, header, rows, i, &fields));
    }
    (fields, header_ok)
}

/// Whether columns hold the two fields every entry needs, with a problem for each missing.
fn required_fields(header: &Row, fields: &[Field], diagnostics: &mut Vec<Diagnostic>) -> bool {
    let mut ok = true;
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
            ok = false;
        }
    }
    ok
}

/// The problem for column `i`, whose heading names no field, with a guess from its cells.
fn unknown_column_in(
    table: &Table,
    header: &Row,
    rows: &[Row],
    i: usize,
    fields: &[Field],
) -> Diagnostic {
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
    unknown_column(at, &table.column(i + 1), &header.cells[i], &cells, fields)
}
