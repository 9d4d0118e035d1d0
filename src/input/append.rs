//! New chronology entries added to an existing case file, as text: the file's own lines, its
//! comments and its order are kept byte for byte, and the new entries are inserted after its
//! last entry (`genochron import new.csv --into case.yaml`).
//!
//! Editing the text rather than writing the case file out again is the point: the case file is
//! the practitioner's document, with their comments and layout, and rewriting it would lose
//! them. Only YAML case files with entries written as a block list (or no entries yet) can be
//! added to; the caller checks the result before writing it.

use crate::diagnostic::{Diagnostic, Location};
use crate::input::case_file::{CaseFile, EntryInput, ImpactInput, InvolvementInput, Text};

/// What adding entries made.
#[derive(Debug)]
pub struct Appended {
    /// The case file's text with the new entries in it.
    pub text: String,
    /// How many entries were added.
    pub added: usize,
    /// Notes and problems about the rows, at their places in the spreadsheet.
    pub diagnostics: Vec<Diagnostic>,
}

/// Adds `new` entries to the case file `case_text` (already read as `case`). People named in the
/// entries are matched to the case's people by id or by name; a row already in the case (same
/// date and event) is reported and not added again. `Err` says why the file cannot be added to
/// at all.
pub fn entries(case_text: &str, case: &CaseFile, new: &CaseFile) -> Result<Appended, String> {
    let mut diagnostics = Vec::new();
    let numbered = case.entries.iter().any(|e| e.number.is_some());
    let mut next = case
        .entries
        .iter()
        .filter_map(|e| e.number.as_ref()?.value.trim().parse::<u32>().ok())
        .max()
        .unwrap_or(case.entries.len() as u32)
        + 1;
    let mut kept = Vec::new();
    for entry in &new.entries {
        if let Some(same) = already_present(case, entry) {
            diagnostics.push(Diagnostic::note(
                entry.at,
                format!(
                    "This row is already in the case file ({same}), so it was not added again."
                ),
            ));
            continue;
        }
        let mut entry = entry.clone();
        match_people(&mut entry, case, &mut diagnostics);
        entry.number = numbered.then(|| Text::new(next.to_string(), entry.at));
        next += 1;
        kept.push(entry);
    }
    let added = kept.len();
    if added == 0 {
        return Ok(Appended {
            text: case_text.to_string(),
            added,
            diagnostics,
        });
    }
    let text = insert(case_text, &kept)?;
    Ok(Appended {
        text,
        added,
        diagnostics,
    })
}

/// Words compared without case or spacing differences.
fn same_words(a: &str, b: &str) -> bool {
    let words = |t: &str| {
        t.split_whitespace()
            .collect::<Vec<_>>()
            .join(" ")
            .to_lowercase()
    };
    words(a) == words(b)
}

/// The existing entry with the same date and event, described ("entry 12").
fn already_present(case: &CaseFile, entry: &EntryInput) -> Option<String> {
    let value = |t: &Option<Text>| t.as_ref().map(|t| t.value.clone()).unwrap_or_default();
    let (date, event) = (value(&entry.date), value(&entry.event));
    case.entries
        .iter()
        .enumerate()
        .find(|(_, e)| same_words(&value(&e.date), &date) && same_words(&value(&e.event), &event))
        .map(|(i, e)| match &e.number {
            Some(n) => format!("entry {}", n.value),
            None => format!("the {} entry", ordinal(i + 1)),
        })
}

fn ordinal(n: usize) -> String {
    let suffix = match (n % 10, n % 100) {
        (1, x) if x != 11 => "st",
        (2, x) if x != 12 => "nd",
        (3, x) if x != 13 => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

/// Every person an entry names, by id or name, as the case's id; a name that fits no one or
/// more than one person is a problem at its cell.
fn match_people(entry: &mut EntryInput, case: &CaseFile, diagnostics: &mut Vec<Diagnostic>) {
    let mut fix = |text: &mut Text| {
        if let Some(id) = person_id(&text.value, case, text.at, diagnostics) {
            text.value = id;
        }
    };
    entry.children.iter_mut().for_each(&mut fix);
    for involvement in &mut entry.people {
        match involvement {
            InvolvementInput::Plain(text) => fix(text),
            InvolvementInput::WithRole(role) => role.person.iter_mut().for_each(&mut fix),
        }
    }
    if let Some(ImpactInput::PerChild(list)) = &mut entry.impact {
        for impact in list {
            impact.child.iter_mut().for_each(&mut fix);
        }
    }
}

/// The id of the one person `said` names: their id, their full name, or a first name or
/// "known as" name no one else shares. `None` (with a problem) when none or several fit.
fn person_id(
    said: &str,
    case: &CaseFile,
    at: Location,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<String> {
    let said = said.trim();
    let key = |t: &str| t.trim().to_lowercase().replace(['-', '_'], " ");
    let ids: Vec<&str> = case
        .people
        .iter()
        .filter_map(|p| Some(p.id.as_ref()?.value.as_str()))
        .collect();
    if let Some(id) = ids.iter().find(|id| key(id) == key(said)) {
        return Some(id.to_string());
    }
    let fits = |whole: bool| -> Vec<&str> {
        case.people
            .iter()
            .filter(|p| {
                [&p.name, &p.known_as].into_iter().flatten().any(|name| {
                    let name = key(&name.value);
                    if whole {
                        name == key(said)
                    } else {
                        name.split_whitespace().next() == Some(key(said).as_str())
                    }
                })
            })
            .filter_map(|p| Some(p.id.as_ref()?.value.as_str()))
            .collect()
    };
    let mut found = fits(true);
    if found.is_empty() {
        found = fits(false);
    }
    found.dedup();
    match found.as_slice() {
        [id] => Some(id.to_string()),
        [] => {
            diagnostics.push(
                Diagnostic::problem(
                    at,
                    format!("\"{said}\" is not the id or name of anyone in the case file."),
                )
                .with_help(format!(
                    "Use the id of a person in the case file ({}), or add the person first.",
                    ids.join(", ")
                )),
            );
            None
        }
        several => {
            diagnostics.push(
                Diagnostic::problem(
                    at,
                    format!(
                        "\"{said}\" could be any of {} in the case file.",
                        several.join(", ")
                    ),
                )
                .with_help("Write the person's id instead, so genochron knows who is meant."),
            );
            None
        }
    }
}

/// The case file's text with `entries` written after its last entry, in its indentation.
fn insert(case_text: &str, entries: &[EntryInput]) -> Result<String, String> {
    let lines: Vec<&str> = case_text.split_inclusive('\n').collect();
    let top_level = |line: &str| {
        line.chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '#' && c != '-')
    };
    let start = lines.iter().position(|l| {
        l.starts_with("entries:") || l.starts_with("\"entries\":") || l.starts_with("'entries':")
    });
    let Some(start) = start else {
        // No entries yet: a new section at the end.
        let mut text = case_text.to_string();
        if !text.is_empty() && !text.ends_with('\n') {
            text.push('\n');
        }
        text.push_str("\nentries:\n");
        text.push_str(&new_items(entries, 2, false));
        return Ok(text);
    };
    if !lines[start].trim_end().ends_with(':') || lines[start].contains('[') {
        return Err(
            "The case file's entries are written on one line (entries: [...]), so new entries \
             cannot be added below them. Write them as a list, one \"- \" item per entry."
                .into(),
        );
    }
    let end = lines[start + 1..]
        .iter()
        .position(|l| top_level(l))
        .map_or(lines.len(), |p| start + 1 + p);
    // The last line that belongs to an entry: comments and blank lines after it belong to
    // what follows.
    let last = (start + 1..end)
        .rev()
        .find(|&i| !lines[i].trim().is_empty() && !lines[i].starts_with('#'))
        .unwrap_or(start);
    let items: Vec<usize> = (start + 1..=last)
        .filter(|&i| lines[i].trim_start().starts_with("- ") || lines[i].trim() == "-")
        .collect();
    let indent = items
        .first()
        .map_or(2, |&i| lines[i].len() - lines[i].trim_start().len());
    // Entries separated by a blank line get one before each new entry too.
    let gap = items
        .last()
        .is_some_and(|&i| i > start + 1 && lines[i - 1].trim().is_empty());
    let mut text: String = lines[..=last].concat();
    if !text.ends_with('\n') {
        text.push('\n');
    }
    text.push_str(&new_items(entries, indent, gap));
    text.push_str(&lines[last + 1..].concat());
    Ok(text)
}

/// The new entries as YAML list items at `indent`, each after a blank line when `gap`.
fn new_items(entries: &[EntryInput], indent: usize, gap: bool) -> String {
    let file = CaseFile {
        entries: entries.to_vec(),
        ..CaseFile::default()
    };
    let written = super::write::yaml(&file);
    let list = written
        .split_once("\nentries:\n")
        .map(|(_, list)| list)
        .unwrap_or("");
    let written_indent = list.len() - list.trim_start_matches(' ').len();
    let mut out = String::new();
    for line in list.lines() {
        if gap
            && line.trim_start().starts_with("- ")
            && line.len() - line.trim_start().len() == written_indent
        {
            out.push('\n');
        }
        if !line.is_empty() {
            let rest = line.get(written_indent.min(line.len() - line.trim_start().len())..);
            out.push_str(&" ".repeat(indent));
            out.push_str(rest.unwrap_or(line));
        }
        out.push('\n');
    }
    out
}
