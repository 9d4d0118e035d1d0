//! Pedigree tables (LINKAGE/PLINK .ped, and id,father,mother,sex CSV) into a case file.
//!
//! Genetics clinics and pedigree software exchange families as one row per person: the
//! person's id, their father's and mother's ids (0 when not known) and sex. A `.ped` file
//! has a family id first and a phenotype after, separated by spaces or tabs; the CSV form has
//! a header row naming its columns.

use crate::diagnostic::{self, Diagnostic, Location};
use crate::input::case_file::{CaseFile, CaseSection, DatedText, PersonInput, Text};
use crate::input::gedcom::ids::Ids;
use std::collections::BTreeMap;

/// Which kind of pedigree table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PedigreeKind {
    /// LINKAGE/PLINK `.ped`: family, id, father, mother, sex (1 male, 2 female, 0 unknown),
    /// phenotype (1 unaffected, 2 affected, 0 or -9 missing), then genotypes.
    Ped,
    /// CSV with a header row: `id,father,mother,sex`, and optionally `name`, `born`, `died`,
    /// `affected`.
    Csv,
}

/// One row, as text with its place.
#[derive(Debug, Default)]
struct Row {
    family: Option<String>,
    id: Text,
    father: Option<Text>,
    mother: Option<Text>,
    sex: Option<Text>,
    name: Option<Text>,
    born: Option<Text>,
    died: Option<Text>,
    phenotype: Option<Text>,
    at: Location,
}

/// Reads a pedigree table. Returns the case file unless there are problems, and every problem
/// and note, sorted by line.
pub fn read(bytes: &[u8], kind: PedigreeKind) -> (Option<CaseFile>, Vec<Diagnostic>) {
    let text = match std::str::from_utf8(bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes)) {
        Ok(text) => text.to_string(),
        Err(_) => crate::input::windows_1252(bytes),
    };
    let (text, invisible) = super::without_invisible_characters(&text);
    let mut diagnostics: Vec<Diagnostic> = invisible.into_iter().collect();
    let rows = match kind {
        PedigreeKind::Ped => ped_rows(&text, &mut diagnostics),
        PedigreeKind::Csv => csv_rows(&text, &mut diagnostics),
    };
    if rows.is_empty() && !diagnostics.iter().any(Diagnostic::is_problem) {
        diagnostics.push(Diagnostic::problem(
            Location { line: 1, column: 1 },
            "The pedigree table has no people in it.",
        ));
    }
    let file = build(rows, &mut diagnostics);
    let diagnostics = diagnostic::sorted(diagnostics);
    if diagnostics.iter().any(Diagnostic::is_problem) {
        (None, diagnostics)
    } else {
        (Some(file), diagnostics)
    }
}

fn text(value: impl Into<String>, at: Location) -> Text {
    Text::new(value.into(), at)
}

/// An id column: `0` (and empty, `.`, `-9`) means not known.
fn known(value: Text) -> Option<Text> {
    let v = value.value.trim();
    (!matches!(v, "" | "0" | "." | "-9" | "NA")).then_some(value)
}

fn ped_rows(source: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut extra_columns: Option<(usize, Location)> = None;
    for (index, line) in source.lines().enumerate() {
        let number = index + 1;
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        // Each field with the column it starts at.
        let mut fields: Vec<(usize, &str)> = Vec::new();
        let mut start = None;
        for (i, c) in line
            .char_indices()
            .chain(std::iter::once((line.len(), ' ')))
        {
            match (c.is_whitespace(), start) {
                (false, None) => start = Some(i),
                (true, Some(s)) => {
                    fields.push((line[..s].chars().count() + 1, &line[s..i]));
                    start = None;
                }
                _ => {}
            }
        }
        let at = Location {
            line: number,
            column: 1,
        };
        if fields.len() < 5 {
            diagnostics.push(
                Diagnostic::problem(
                    at,
                    format!(
                        "This row has {} column(s); a pedigree (.ped) row needs at least 5: \
                         family, person, father, mother and sex.",
                        fields.len()
                    ),
                )
                .with_help("Separate the columns with spaces or tabs, and write 0 for a parent who is not known."),
            );
            continue;
        }
        let field = |i: usize| {
            text(
                fields[i].1,
                Location {
                    line: number,
                    column: fields[i].0,
                },
            )
        };
        if fields.len() > 6 && extra_columns.is_none() {
            extra_columns = Some((fields.len() - 6, at));
        }
        rows.push(Row {
            family: Some(fields[0].1.to_string()),
            id: field(1),
            father: known(field(2)),
            mother: known(field(3)),
            sex: Some(field(4)),
            phenotype: (fields.len() > 5).then(|| field(5)),
            at,
            ..Row::default()
        });
    }
    if let Some((count, at)) = extra_columns {
        diagnostics.push(Diagnostic::note(
            at,
            format!(
                "Not imported: the genotype columns after the phenotype ({count} on this row \
                 and the rows like it). A case file has no place for them."
            ),
        ));
    }
    rows
}

/// Where each column a pedigree CSV may have stands, by its heading.
struct Columns {
    id: usize,
    father: Option<usize>,
    mother: Option<usize>,
    sex: Option<usize>,
    name: Option<usize>,
    born: Option<usize>,
    died: Option<usize>,
    phenotype: Option<usize>,
    family: Option<usize>,
}

impl Columns {
    /// The columns the headings name, with a note for those not imported; `None`, with a
    /// problem, when there is no id column.
    fn find(headers: &csv::StringRecord, diagnostics: &mut Vec<Diagnostic>) -> Option<Columns> {
        let column = |names: &[&str]| {
            headers.iter().position(|h| {
                let h = h.trim().to_ascii_lowercase().replace([' ', '_'], "-");
                names.contains(&h.as_str())
            })
        };
        let Some(id) = column(&["id", "individual", "person", "iid", "individual-id"]) else {
            diagnostics.push(
                Diagnostic::problem(
                    Location { line: 1, column: 1 },
                    "The CSV file has no \"id\" column, so its people cannot be told apart.",
                )
                .with_help("The first row should name the columns: id,father,mother,sex."),
            );
            return None;
        };
        let columns = Columns {
            id,
            father: column(&["father", "father-id", "fid", "pid", "dad", "paternal-id"]),
            mother: column(&["mother", "mother-id", "mid", "mum", "mom", "maternal-id"]),
            sex: column(&["sex", "gender"]),
            name: column(&["name", "full-name"]),
            born: column(&["born", "birth", "birth-date", "dob", "date-of-birth"]),
            died: column(&["died", "death", "death-date", "dod", "date-of-death"]),
            phenotype: column(&["affected", "phenotype", "status"]),
            family: column(&["family", "family-id", "fam", "famid", "pedigree"]),
        };
        let used = [
            Some(columns.id),
            columns.father,
            columns.mother,
            columns.sex,
            columns.name,
            columns.born,
            columns.died,
            columns.phenotype,
            columns.family,
        ];
        let unused: Vec<&str> = headers
            .iter()
            .enumerate()
            .filter(|(i, h)| !used.contains(&Some(*i)) && !h.is_empty())
            .map(|(_, h)| h)
            .collect();
        if !unused.is_empty() {
            diagnostics.push(Diagnostic::note(
                Location { line: 1, column: 1 },
                format!(
                    "Not imported: the column(s) {}. genochron reads id, father, mother, sex, \
                     name, born, died, affected and family.",
                    unused
                        .iter()
                        .map(|h| format!("\"{h}\""))
                        .collect::<Vec<_>>()
                        .join(", ")
                ),
            ));
        }
        Some(columns)
    }
}

fn csv_rows(source: &str, diagnostics: &mut Vec<Diagnostic>) -> Vec<Row> {
    let mut reader = csv::ReaderBuilder::new()
        .flexible(true)
        .trim(csv::Trim::All)
        .from_reader(source.as_bytes());
    let headers = match reader.headers() {
        Ok(h) => h.clone(),
        Err(e) => {
            diagnostics.push(Diagnostic::problem(
                Location { line: 1, column: 1 },
                format!("The first row of the CSV file could not be read: {e}."),
            ));
            return Vec::new();
        }
    };
    let Some(columns) = Columns::find(&headers, diagnostics) else {
        return Vec::new();
    };
    let mut rows = Vec::new();
    for record in reader.records() {
        match record {
            Ok(record) => rows.extend(csv_row(&record, &columns, diagnostics)),
            Err(e) => {
                let line = e.position().map(|p| p.line() as usize).unwrap_or(0);
                diagnostics.push(Diagnostic::problem(
                    Location { line, column: 1 },
                    "This row of the CSV file could not be read (check its quotes).",
                ));
            }
        }
    }
    rows
}

/// One CSV record as a row of the table: none for a blank row, or one with no id.
fn csv_row(
    record: &csv::StringRecord,
    columns: &Columns,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Row> {
    let &Columns {
        id: id_col,
        father: father_col,
        mother: mother_col,
        sex: sex_col,
        name: name_col,
        born: born_col,
        died: died_col,
        phenotype: phenotype_col,
        family: family_col,
    } = columns;
    let line = record.position().map(|p| p.line() as usize).unwrap_or(0);
    let field = |col: Option<usize>| -> Option<Text> {
        let col = col?;
        let value = record.get(col)?.trim();
        (!value.is_empty()).then(|| {
            text(
                value,
                Location {
                    line,
                    column: col + 1,
                },
            )
        })
    };
    if record.iter().all(|f| f.trim().is_empty()) {
        return None;
    }
    let Some(id) = field(Some(id_col)) else {
        diagnostics.push(Diagnostic::problem(
            Location { line, column: 1 },
            "This row has no id.",
        ));
        return None;
    };
    Some(Row {
        family: field(family_col).map(|t| t.value),
        id,
        father: field(father_col).and_then(known),
        mother: field(mother_col).and_then(known),
        sex: field(sex_col),
        name: field(name_col),
        born: field(born_col),
        died: field(died_col),
        phenotype: field(phenotype_col),
        at: Location { line, column: 1 },
    })
}

/// The people, with parents resolved within their family.
fn build(rows: Vec<Row>, diagnostics: &mut Vec<Diagnostic>) -> CaseFile {
    let families: std::collections::BTreeSet<&str> =
        rows.iter().filter_map(|r| r.family.as_deref()).collect();
    let several = families.len() > 1;
    let mut ids = Ids::default();
    let mut index: BTreeMap<(String, String), String> = BTreeMap::new();
    let mut people = Vec::with_capacity(rows.len());
    for row in &rows {
        let family = row.family.clone().unwrap_or_default();
        let key = (family.clone(), row.id.value.clone());
        if index.contains_key(&key) {
            diagnostics.push(Diagnostic::problem(
                row.id.at,
                format!(
                    "The id \"{}\" is used by an earlier row of the same family.",
                    row.id.value
                ),
            ));
            continue;
        }
        let readable = if several {
            format!("{family} {}", row.id.value)
        } else {
            row.id.value.clone()
        };
        let id = ids.make(&readable, "person");
        index.insert(key, id.clone());
        people.push(PersonInput {
            id: Some(text(id, row.id.at)),
            name: Some(match &row.name {
                Some(name) => name.clone(),
                None => row.id.clone(),
            }),
            gender: row.sex.as_ref().map(|s| gender(s, diagnostics)),
            born: row.born.clone(),
            died: row.died.clone(),
            notes: row
                .phenotype
                .as_ref()
                .and_then(phenotype)
                .into_iter()
                .map(DatedText::plain)
                .collect(),
            at: row.at,
            ..PersonInput::default()
        });
    }
    let mut person = 0;
    for row in &rows {
        let family = row.family.clone().unwrap_or_default();
        if index
            .get(&(family.clone(), row.id.value.clone()))
            .map(String::as_str)
            != people
                .get(person)
                .and_then(|p| p.id.as_ref())
                .map(|t| t.value.as_str())
        {
            continue;
        }
        let own = people[person].id.as_ref().map(|t| t.value.clone());
        let parents = parents_of(row, &family, &index, own.as_deref(), several, diagnostics);
        people[person].parents = parents;
        person += 1;
    }
    crate::input::gedcom::consistency::break_cycles(&mut people, diagnostics);
    crate::input::gedcom::consistency::settle(&mut people, diagnostics);
    let head = Location { line: 1, column: 1 };
    let as_at = as_at(&people, diagnostics);
    CaseFile {
        case: CaseSection {
            as_at: Some(text(as_at, head)),
            at: head,
            ..CaseSection::default()
        },
        people,
        at: head,
        ..CaseFile::default()
    }
}

/// A row's parents as the ids given to them, with a note or problem for a parent who has no
/// row, who is the person themselves, or who is named twice. `own` is the person's own id.
fn parents_of(
    row: &Row,
    family: &str,
    index: &BTreeMap<(String, String), String>,
    own: Option<&str>,
    several: bool,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Text> {
    let mut parents = Vec::new();
    for parent in [&row.father, &row.mother].into_iter().flatten() {
        match index.get(&(family.to_string(), parent.value.clone())) {
            Some(id) if parents.iter().any(|p: &Text| &p.value == id) => {
                diagnostics.push(Diagnostic::note(
                    parent.at,
                    "The father and the mother are the same person; they were imported \
                     as one parent.",
                ))
            }
            Some(id) if Some(id.as_str()) != own => parents.push(text(id.clone(), parent.at)),
            Some(_) => diagnostics.push(Diagnostic::problem(
                parent.at,
                "This person is listed as their own parent.",
            )),
            None => diagnostics.push(Diagnostic::note(
                parent.at,
                format!(
                    "The parent \"{}\" has no row of their own{}; the link was not \
                     imported. Add a row for them to draw them.",
                    parent.value,
                    if several { " in this family" } else { "" }
                ),
            )),
        }
    }
    parents
}

/// The case's "as at" date: the latest date in the table, or 2000-01-01 with a note.
fn as_at(people: &[PersonInput], diagnostics: &mut Vec<Diagnostic>) -> String {
    let head = Location { line: 1, column: 1 };
    let latest = people
        .iter()
        .flat_map(|p| [&p.born, &p.died])
        .flatten()
        .filter_map(|d| crate::model::PartialDate::parse(&d.value).ok())
        .map(|d| d.end())
        .max();
    match latest {
        Some(day) => day.to_string(),
        None => {
            diagnostics.push(Diagnostic::note(
                head,
                "The table has no dates, so the case's \"as at\" date was set to 2000-01-01. \
                 Change it to the date the genogram should show.",
            ));
            "2000-01-01".to_string()
        }
    }
}

/// 1/M/male → male, 2/F/female → female, anything else unknown.
fn gender(sex: &Text, diagnostics: &mut Vec<Diagnostic>) -> Text {
    let value = match sex.value.trim().to_ascii_lowercase().as_str() {
        "1" | "m" | "male" => "male",
        "2" | "f" | "female" => "female",
        "0" | "" | "u" | "unknown" | "-9" | "other" | "." => "unknown",
        _ => {
            diagnostics.push(Diagnostic::note(
                sex.at,
                format!(
                    "Sex \"{}\" is not 1 (male), 2 (female) or 0 (unknown); gender was left \
                     unknown.",
                    sex.value
                ),
            ));
            "unknown"
        }
    };
    Text::new(value.to_string(), sex.at)
}

/// A phenotype worth a line under the name: "affected", or a measured value.
fn phenotype(value: &Text) -> Option<Text> {
    let v = value.value.trim();
    let line = match v.to_ascii_lowercase().as_str() {
        "2" | "affected" | "yes" | "y" | "true" => "affected".to_string(),
        "1" | "0" | "-9" | "" | "." | "na" | "unaffected" | "no" | "n" | "false" => return None,
        _ => format!("phenotype {v}"),
    };
    Some(Text::new(line, value.at))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn values(list: &[Text]) -> Vec<&str> {
        list.iter().map(|t| t.value.as_str()).collect()
    }

    #[test]
    fn ped_rows_link_parents_and_keep_phenotypes() {
        let ped =
            "# a family\nFAM1 1 0 0 1 1\nFAM1 2 0 0 2 1\nFAM1 3 1 2 2 2 A A\nFAM1 4 1 0 0 -9\n";
        let (file, diagnostics) = read(ped.as_bytes(), PedigreeKind::Ped);
        let file = file.expect("imports");
        assert_eq!(file.people.len(), 4);
        let child = &file.people[2];
        assert_eq!(values(&child.parents), ["person-1", "person-2"]);
        assert_eq!(child.parents[0].at, Location { line: 4, column: 8 });
        assert_eq!(values(&DatedText::texts(&child.notes)), ["affected"]);
        assert_eq!(child.gender.as_ref().unwrap().value, "female");
        assert_eq!(values(&file.people[3].parents), ["person-1"]);
        assert_eq!(file.people[3].gender.as_ref().unwrap().value, "unknown");
        assert!(diagnostics.iter().any(|d| d.message.contains("genotype")));
    }

    #[test]
    fn ids_repeat_across_families_without_clashing() {
        let ped = "A 1 0 0 1 0\nA 2 1 0 2 0\nB 1 0 0 2 0\nB 2 0 1 1 0\n";
        let (file, _) = read(ped.as_bytes(), PedigreeKind::Ped);
        let file = file.unwrap();
        let ids: Vec<&str> = file
            .people
            .iter()
            .map(|p| p.id.as_ref().unwrap().value.as_str())
            .collect();
        assert_eq!(ids, ["a-1", "a-2", "b-1", "b-2"]);
        assert_eq!(values(&file.people[3].parents), ["b-1"]);
    }

    #[test]
    fn a_loop_of_parents_is_broken_with_a_note() {
        let (file, diagnostics) = read(b"A 1 2 0 1 0\nA 2 1 0 1 0\n", PedigreeKind::Ped);
        let file = file.unwrap();
        assert_eq!(
            file.people.iter().map(|p| p.parents.len()).sum::<usize>(),
            1
        );
        assert!(diagnostics.iter().any(|d| d.message.contains("descendant")));
    }

    #[test]
    fn short_rows_are_problems_with_their_line() {
        let (file, diagnostics) = read(b"A 1 0 0 1\nA 2 1\n", PedigreeKind::Ped);
        assert!(file.is_none());
        let problems: Vec<&Diagnostic> = diagnostics.iter().filter(|d| d.is_problem()).collect();
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 2);
    }

    #[test]
    fn csv_reads_named_columns_and_reports_the_rest() {
        let csv = "id,father,mother,sex,name,born,eye colour\nann,0,0,F,Ann Lee,1950,blue\nbob,,,M,,,\ncat,bob,ann,2,,1980-05,\ndan,zed,0,1,,,\n";
        let (file, diagnostics) = read(csv.as_bytes(), PedigreeKind::Csv);
        let file = file.unwrap();
        assert_eq!(file.people.len(), 4);
        assert_eq!(file.people[0].name.as_ref().unwrap().value, "Ann Lee");
        assert_eq!(values(&file.people[2].parents), ["bob", "ann"]);
        assert_eq!(file.people[2].parents[0].at.line, 4);
        assert!(file.people[3].parents.is_empty());
        assert_eq!(file.case.as_at.as_ref().unwrap().value, "1980-05-31");
        assert!(diagnostics.iter().any(|d| d.message.contains("eye colour")));
        assert!(
            diagnostics
                .iter()
                .any(|d| d.line == 5 && d.message.contains("zed"))
        );
    }
}
