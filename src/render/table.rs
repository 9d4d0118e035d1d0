//! The chronology as a table for courts and spreadsheets: Markdown, CSV and HTML.
//!
//! The court's headings come first (No., Date, Event, Source / reference, as Practice
//! Direction 12A asks), then the child-impact columns: each subject child's age and the impact
//! on each child, the action taken, the significance and the status. Numbers are the entries'
//! own serial numbers, so they never change when an entry is added. Dates are shown only to
//! the precision they were recorded with. Tables read the checked case, not a scene.

use super::escape::markdown as md;
use crate::chronology::{Chronology, Filter, Row, chronology};
use crate::model::Case;
use crate::vocabulary::{ENTRY_STATUSES, SIGNIFICANCES, case_word, category_name, valence_word};

/// Which entries go in the table.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct TableOptions {
    pub filter: Filter,
}

fn headings(table: &Chronology) -> Vec<String> {
    let mut h: Vec<String> = ["No.", "Date", "Event", "Source / reference"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let one = table.children.len() == 1;
    for child in &table.children {
        h.push(if one {
            "Child's age".to_string()
        } else {
            format!("Age: {}", child.name)
        });
    }
    for child in &table.children {
        h.push(if one {
            "Impact on the child".to_string()
        } else {
            format!("Impact on {}", child.name)
        });
    }
    h.extend(
        ["Action", "Significance", "Status"]
            .iter()
            .map(|s| s.to_string()),
    );
    h
}

/// A row's cells, in the order of [`headings`].
fn cells(row: &Row) -> Vec<String> {
    let mut c = vec![
        row.number.to_string(),
        row.date.clone(),
        row.event_text(),
        row.source_text(),
    ];
    c.extend(row.children.iter().map(|k| k.age.clone()));
    c.extend(row.children.iter().map(|k| k.impact.clone()));
    c.extend([
        row.action.clone(),
        row.significance_word.clone(),
        row.status_text(),
    ]);
    c
}

/// The lines above the table: what it is, the case, when it was prepared, the hearing.
fn front_matter(case: &Case, table: &Chronology) -> Vec<String> {
    let selection = &table.selection;
    let d = &case.details;
    let mut lines = Vec::new();
    if !d.reference.is_empty() {
        lines.push(format!("Case reference: {}", d.reference));
    }
    let people: Vec<String> = table
        .children
        .iter()
        .map(|c| {
            match case
                .person(&c.id)
                .and_then(|p| Some((p.born?, p.born_word())))
            {
                Some((born, word)) => format!("{} ({word} {born})", c.name),
                None => c.name.clone(),
            }
        })
        .collect();
    if !people.is_empty() {
        lines.push(format!("Children: {}", people.join("; ")));
    }
    if let Some(author) = &d.author {
        lines.push(format!("Prepared by: {author}"));
    }
    if let Some(prepared) = d.prepared {
        lines.push(format!(
            "Date prepared: {}",
            crate::model::PartialDate::day(prepared)
        ));
    }
    if let Some(hearing) = d.hearing {
        lines.push(format!(
            "Hearing date: {}",
            crate::model::PartialDate::day(hearing)
        ));
    }
    lines.push(format!(
        "Ages are worked out from dates of birth, as at the date of each entry. Information as at {}.",
        crate::model::PartialDate::day(d.as_at)
    ));
    if let Some(sentence) = d.cut.as_ref().and_then(|c| c.sentence()) {
        lines.push(sentence);
    }
    if !selection.left_out.is_empty() {
        let numbers: Vec<String> = selection
            .left_out
            .iter()
            .map(|(e, _)| e.number.to_string())
            .collect();
        lines.push(format!(
            "Entries not included in this version: {} (Nos. {}).",
            selection.left_out.len(),
            numbers.join(", ")
        ));
    }
    if !d.source_name.is_empty() {
        lines.push(format!(
            "Source file: {} ({})",
            d.source_name, d.source_hash
        ));
    }
    lines
}

fn title(case: &Case) -> String {
    if case.details.title.is_empty() {
        "Chronology".to_string()
    } else {
        format!("Chronology: {}", case.details.title)
    }
}

/// The chronology as a Markdown document with one table.
pub fn markdown(case: &Case, options: &TableOptions) -> String {
    let table = chronology(case, &options.filter);
    let mut out = format!("# {}\n\n", md(&title(case)));
    for line in front_matter(case, &table) {
        out.push_str(&md(&line));
        out.push_str("  \n");
    }
    out.push('\n');
    let heads = headings(&table);
    out.push_str(&format!(
        "| {} |\n",
        heads.iter().map(|h| md(h)).collect::<Vec<_>>().join(" | ")
    ));
    out.push_str(&format!(
        "|{}|\n",
        heads
            .iter()
            .enumerate()
            .map(|(i, _)| if i == 0 { "---:" } else { "---" })
            .collect::<Vec<_>>()
            .join("|")
    ));
    for row in &table.rows {
        let c = cells(row);
        out.push_str(&format!(
            "| {} |\n",
            c.iter().map(|s| md(s)).collect::<Vec<_>>().join(" | ")
        ));
    }
    out
}

/// The chronology as CSV, one entry per line, with headers that `genochron import` and
/// `genochron timeline` read back: dates in the case file's own form, and per-child columns
/// named by the child's id.
pub fn csv(case: &Case, options: &TableOptions) -> String {
    let table = chronology(case, &options.filter);
    let heads = csv_headings(&table);
    let mut writer = ::csv::WriterBuilder::new()
        .terminator(::csv::Terminator::CRLF)
        .from_writer(Vec::new());
    // Writing to memory cannot fail; a failed record would only lose that record's bytes.
    let _ = writer.write_record(heads.iter().map(|cell| spreadsheet_safe(cell)));
    for (entry, row) in table.selection.shown.iter().zip(&table.rows) {
        let c = csv_cells(entry, row, &table);
        // Every cell, whatever its column: a child's id or a person's role is text from the
        // case like any other.
        let _ = writer.write_record(c.iter().map(|cell| spreadsheet_safe(cell)));
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The CSV's column headings: the case file's entry fields, with a column for each child's
/// age, impact and valence, as `import` reads them back.
fn csv_headings(table: &Chronology) -> Vec<String> {
    let mut heads: Vec<String> = [
        "No.",
        "Date",
        "End date",
        "Time",
        "Event",
        "Category",
        "Source",
        "Reference",
    ]
    .iter()
    .map(|s| s.to_string())
    .collect();
    for child in &table.children {
        heads.push(format!("Age ({})", child.id));
    }
    for child in &table.children {
        let id = &child.id;
        heads.push(format!("Impact ({id})"));
        heads.push(format!("Valence ({id})"));
    }
    heads.extend(
        [
            "Action",
            "Significance",
            "Status",
            "Status note",
            "Children",
            "People",
            "Factors",
            "Voice",
            "Audience",
        ]
        .iter()
        .map(|s| s.to_string()),
    );
    heads
}

/// One entry's cells, in the order of [`csv_headings`].
fn csv_cells(entry: &crate::model::Entry, row: &Row, table: &Chronology) -> Vec<String> {
    let mut c = vec![
        entry.number.to_string(),
        entry.date.to_case_text(),
        entry.end.map(|e| e.to_case_text()).unwrap_or_default(),
        entry
            .time
            .map(|(h, m)| format!("{h:02}:{m:02}"))
            .unwrap_or_default(),
        entry.event.clone(),
        entry.category.clone(),
        entry.source.clone(),
        entry.reference.as_deref().unwrap_or("").to_string(),
    ];
    c.extend(row.children.iter().map(|k| k.age.clone()));
    for child in &table.children {
        // The impact text and its valence in separate columns, as `import` reads them.
        let impact = entry
            .impacts
            .iter()
            .find(|i| i.child.as_ref() == Some(&child.id))
            .or_else(|| entry.impacts.iter().find(|i| i.child.is_none()))
            .filter(|_| entry.children.contains(&child.id));
        c.push(impact.map(|i| i.text.clone()).unwrap_or_default());
        c.push(
            impact
                .and_then(|i| i.valence)
                .map(valence_word)
                .unwrap_or("")
                .to_string(),
        );
    }
    let people: Vec<String> = entry
        .people
        .iter()
        .map(|i| match &i.role {
            Some(role) => format!("{}: {role}", i.person),
            None => i.person.to_string(),
        })
        .collect();
    c.extend([
        entry.action.as_deref().unwrap_or("").to_string(),
        entry
            .significance
            .map(|s| case_word(SIGNIFICANCES, s))
            .unwrap_or("")
            .to_string(),
        case_word(ENTRY_STATUSES, entry.status).to_string(),
        entry.status_note.as_deref().unwrap_or("").to_string(),
        entry
            .children
            .iter()
            .map(|c| c.to_string())
            .collect::<Vec<_>>()
            .join("; "),
        people.join("; "),
        entry.factors.join("; "),
        entry.voice.as_deref().unwrap_or("").to_string(),
        entry.audiences.join("; "),
    ]);
    c
}

/// Spreadsheets run a cell starting with = + - @ as a formula (some also after spaces, and
/// some read the full-width signs ＝ ＋ － ＠ of East Asian keyboards as the same); a leading
/// apostrophe keeps it text (the usual defence against formula injection). Dates like "-"
/// never start so.
fn spreadsheet_safe(text: &str) -> String {
    const SIGNS: [char; 10] = ['=', '+', '-', '@', '\t', '\r', '＝', '＋', '－', '＠'];
    if text.starts_with(SIGNS) || text.trim_start().starts_with(SIGNS) {
        format!("'{text}")
    } else {
        text.to_string()
    }
}

const HTML_STYLE: &str = "\
@page { size: A4 landscape; margin: 15mm; }
body { font-family: Arial, 'Liberation Sans', Helvetica, sans-serif; font-size: 12pt; line-height: 1.4; color: #111; margin: 2em; }
h1 { font-size: 16pt; margin: 0 0 0.5em; }
.front p { margin: 0.15em 0; }
table { border-collapse: collapse; width: 100%; margin-top: 1em; }
th, td { border: 1px solid #888; padding: 4px 6px; vertical-align: top; text-align: left; }
thead th { background: #e8e8e8; }
thead { display: table-header-group; }
tr { page-break-inside: avoid; }
td.no { text-align: right; white-space: nowrap; }
td.date { white-space: nowrap; }
td.high { font-weight: bold; }
td.high::before { content: '\\25C6  '; color: #c0272d; }
td.medium::before { content: '\\25B2  '; color: #e69f00; }
td.low::before { content: '\\25CF  '; color: #2e8b57; }
";

/// The chronology as one self-contained HTML page (no scripts, no outside files), printable
/// on A4 landscape with the headings repeated on every page.
pub fn html(case: &Case, options: &TableOptions) -> String {
    let table = chronology(case, &options.filter);
    let heads = headings(&table);
    let t = super::escape::html(&title(case));
    let mut out = String::new();
    out.push_str("<!DOCTYPE html>\n<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\"/>\n");
    out.push_str(&format!(
        "<title>{t}</title>\n<style>\n{HTML_STYLE}</style>\n</head>\n<body>\n"
    ));
    out.push_str(&format!("<h1>{t}</h1>\n<div class=\"front\">\n"));
    for line in front_matter(case, &table) {
        out.push_str(&format!("<p>{}</p>\n", super::escape::html(&line)));
    }
    out.push_str("</div>\n<table>\n<thead>\n<tr>");
    for h in &heads {
        out.push_str(&format!(
            "<th scope=\"col\">{}</th>",
            super::escape::html(h)
        ));
    }
    out.push_str("</tr>\n</thead>\n<tbody>\n");
    let n_kids = table.children.len();
    for row in &table.rows {
        let c = cells(row);
        out.push_str(&format!("<tr id=\"entry-{}\">", row.number));
        let sig_class = row.significance_word.to_lowercase();
        for (i, cell) in c.iter().enumerate() {
            let class = match i {
                0 => "no",
                1 => "date",
                _ if i == 4 + 2 * n_kids + 1 => sig_class.as_str(),
                _ => "",
            };
            if class.is_empty() {
                out.push_str(&format!("<td>{}</td>", super::escape::html(cell)));
            } else {
                out.push_str(&format!(
                    "<td class=\"{class}\">{}</td>",
                    super::escape::html(cell)
                ));
            }
        }
        out.push_str("</tr>\n");
    }
    out.push_str("</tbody>\n</table>\n");
    out.push_str(&format!(
        "<p>{} entries. Categories: {}.</p>\n",
        table.rows.len(),
        super::escape::html(&categories(&table))
    ));
    out.push_str("</body>\n</html>\n");
    out
}

fn categories(table: &Chronology) -> String {
    let mut seen: Vec<String> = Vec::new();
    for entry in &table.selection.shown {
        let name = category_name(&entry.category);
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen.join(", ")
}
