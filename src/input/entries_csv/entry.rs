//! One row of cells into an entry of the case file.

use super::*;

/// A list in one cell: "amy; ben", "amy, ben".
pub(super) fn list(value: &str, at: Location) -> Vec<Text> {
    let separator = if value.contains(';') { ';' } else { ',' };
    value
        .split(separator)
        .map(str::trim)
        .filter(|v| !v.is_empty())
        .map(|v| Text::new(v.to_string(), at))
        .collect()
}

/// One row's cells into an entry, each cell to the field its column holds, through the
/// spreadsheet's own value codes: one table, an arm per field, so where each column goes
/// reads in one place.
pub(super) fn entry(
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
        let Some(cell) = cells.get(i).map(|raw| cell_text(raw)) else {
            continue;
        };
        if cell.is_empty() {
            continue;
        }
        let value = options
            .values
            .iter()
            .find(|codes| codes.applies_to(field))
            .and_then(|codes| codes.value_of(&cell))
            .unwrap_or(&cell);
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
            Field::Status => status(&mut entry, value, at),
            Field::StatusNote => entry.status_note = text(),
            Field::People => entry.people = people(value, at),
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
    per_child_impacts(&mut entry, per_child, child_valences, diagnostics);
    entry
}

/// A cell's text: trimmed, without the leading apostrophe spreadsheets use to keep text from
/// becoming a formula, and with curly quotes made straight.
fn cell_text(raw: &str) -> String {
    let value = raw.trim().strip_prefix('\'').unwrap_or(raw.trim()).trim();
    crate::input::read::without_curly_quotes(value)
}

/// The status cell: "disputed: father denies" holds the status and its note in one cell.
fn status(entry: &mut EntryInput, value: &str, at: Location) {
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

/// The people cell: ids, each with its role after a colon ("mum: carer").
fn people(value: &str, at: Location) -> Vec<InvolvementInput> {
    list(value, at)
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

/// The per-child impact columns, with their valences, as the entry's impact; a valence with
/// no impact, or impacts per child beside one for all, is a problem.
fn per_child_impacts(
    entry: &mut EntryInput,
    mut per_child: Vec<ChildImpactInput>,
    child_valences: Vec<(String, Text)>,
    diagnostics: &mut Vec<Diagnostic>,
) {
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
}
