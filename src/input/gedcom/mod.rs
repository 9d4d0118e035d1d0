//! GEDCOM 5.5.1 and 7.0 family trees into a case file.
//!
//! The reader is our own and line-based: the bytes are decoded once ([`charset`]), lines are
//! grouped into one record at a time ([`tree`]), and each record is boiled down to the little
//! the case file holds about a person or a family before the next is read. Links between
//! records are resolved at the end through sorted maps, so the work grows with the file, not
//! with its square.
//!
//! Every value keeps the GEDCOM line it came from, so problems found later by `check` point
//! into the GEDCOM file. Whatever the case file cannot hold is reported as a note saying what
//! was left out and on which lines: nothing is dropped silently.

pub(crate) mod age;
pub(crate) mod ansel;
pub(crate) mod charset;
pub(crate) mod consistency;
pub(crate) mod date;
mod dropped;
mod families;
mod header;
pub(crate) mod ids;
mod individuals;
mod resolve;
pub(crate) mod tree;

use crate::diagnostic::{self, Diagnostic, Location};
use crate::input::case_file::{CaseFile, Text};
use crate::model::PartialDate;
use chrono::NaiveDate;
use dropped::{Dropped, record_kind};
use families::Family;
use individuals::{Individual, one_line};
use std::collections::BTreeMap;
use tree::{Node, Records, Version};

/// Reads a GEDCOM file. Returns the case file unless there are problems, and every problem
/// and note, sorted by line.
pub fn read(bytes: &[u8]) -> (Option<CaseFile>, Vec<Diagnostic>) {
    let decoded = charset::decode(bytes);
    let mut importer = Importer::default();
    if let Some(remark) = decoded.remark {
        importer
            .diagnostics
            .push(Diagnostic::note(Location { line: 1, column: 1 }, remark));
    }
    let (text, invisible) = super::without_invisible_characters(&decoded.text);
    importer.diagnostics.extend(invisible);
    let mut records = Records::new(&text);
    let mut first = true;
    while let Some(record) = records.next() {
        if first && record.tag != "HEAD" {
            importer.diagnostics.push(
                Diagnostic::problem(
                    record.at,
                    "This is not a GEDCOM file: a GEDCOM file starts with the line \"0 HEAD\".",
                )
                .with_help("Export the family tree again as GEDCOM from the genealogy program."),
            );
            importer.diagnostics.append(&mut records.diagnostics);
            return (None, diagnostic::sorted(importer.diagnostics));
        }
        first = false;
        importer.version = records.version;
        importer.record(record);
    }
    if first {
        importer.diagnostics.push(Diagnostic::problem(
            Location { line: 1, column: 1 },
            "The file is empty: a GEDCOM file starts with the line \"0 HEAD\".",
        ));
    }
    importer.diagnostics.append(&mut records.diagnostics);
    let file = importer.finish();
    let diagnostics = diagnostic::sorted(file.1);
    if diagnostics.iter().any(Diagnostic::is_problem) {
        (None, diagnostics)
    } else {
        (Some(file.0), diagnostics)
    }
}

/// The longest note imported as a line under a person's name.
pub(crate) const LONG_NOTE_CHARS: usize = 120;

fn text(value: impl Into<String>, at: Location) -> Text {
    Text::new(value.into(), at)
}

#[derive(Default)]
struct Importer {
    version: Version,
    header_date: Option<(PartialDate, Location)>,
    submitter: Option<String>,
    submitters: BTreeMap<String, String>,
    people: Vec<Individual>,
    families: BTreeMap<String, Family>,
    family_order: Vec<String>,
    /// Note records by key: the text, where the record is, and whether a person uses it.
    notes: BTreeMap<String, (String, Location, bool)>,
    defined: BTreeMap<String, Location>,
    dropped: BTreeMap<String, Dropped>,
    latest: Option<NaiveDate>,
    trailer: bool,
    diagnostics: Vec<Diagnostic>,
}

impl Importer {
    /// The key a cross-reference is found by: GEDCOM 5.5.1 ids are matched without regard to
    /// case (the maintainers' test `xref-case` links `@test@` to `@TEST@`); GEDCOM 7 ids are
    /// upper case by rule and matched exactly.
    fn key(&self, xref: &str) -> String {
        match self.version {
            Version::V5 => xref.to_ascii_uppercase(),
            Version::V7 => xref.to_string(),
        }
    }

    fn note(&mut self, at: Location, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::note(at, message));
    }

    fn record(&mut self, record: Node) {
        if self.trailer {
            self.note(
                record.at,
                "There are lines after the end of the file (\"0 TRLR\"); they were read anyway.",
            );
            self.trailer = false;
        }
        if let Some(xref) = &record.xref {
            let key = self.key(xref);
            if let Some(first) = self.defined.get(&key) {
                let line = first.line;
                self.note(
                    record.at,
                    format!(
                        "A second record has the id @{xref}@ (the first is on line {line}); \
                         links to that id go to the first."
                    ),
                );
                self.drop("records with a repeated id".to_string(), record.at);
                return;
            }
            self.defined.insert(key, record.at);
        }
        self.check_ages(&record);
        match record.tag.as_str() {
            "HEAD" => self.header(record),
            "INDI" => self.individual(record),
            "FAM" => self.family(record),
            "NOTE" | "SNOTE" => {
                if let Some(xref) = &record.xref {
                    let key = self.key(xref);
                    self.notes
                        .insert(key, (one_line(&record.value), record.at, false));
                }
            }
            "SUBM" => {
                if let (Some(xref), Some(name)) = (&record.xref, record.child_value("NAME")) {
                    let key = self.key(xref);
                    self.submitters.insert(key, name.to_string());
                }
            }
            "TRLR" => self.trailer = true,
            _ => {
                let what = format!("{} records ({})", record_kind(&record.tag), record.tag);
                self.drop(what, record.at);
            }
        }
    }

    /// Ages (`AGE`) are not imported, but one that is not a GEDCOM age is a sign of a broken
    /// export, so it is pointed out wherever it is.
    fn check_ages(&mut self, node: &Node) {
        for child in &node.children {
            if child.tag == "AGE" {
                let value = child.value.trim();
                let empty_with_phrase = value.is_empty() && child.child("PHRASE").is_some();
                if !empty_with_phrase && !age::valid(value, self.version) {
                    self.note(
                        child.value_at,
                        format!(
                            "The age \"{value}\" is not written the GEDCOM way (such as \
                             \"{}\"); it was not imported.",
                            match self.version {
                                Version::V5 => "<8y 2m",
                                Version::V7 => "< 8y 2m",
                            }
                        ),
                    );
                }
            }
            self.check_ages(child);
        }
    }
}

/// The GEDCOM test files kept with their licences under `fixtures/gedcom`, for the unit tests
/// of each reader: the maintainers' suite for a version ("5" or "7"), each file's name and
/// bytes in name order, and single fixtures by name.
#[cfg(test)]
mod fixtures {
    use std::path::{Path, PathBuf};

    fn folder() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/gedcom")
    }

    pub(crate) fn suite(version: &str) -> Vec<(String, Vec<u8>)> {
        let folder = folder().join("spec-tests").join(version);
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&folder)
            .unwrap_or_else(|e| panic!("{}: {e}", folder.display()))
            .map(|e| e.unwrap().path())
            .filter(|p| p.extension().is_some_and(|e| e == "ged"))
            .collect();
        paths.sort();
        paths
            .into_iter()
            .map(|p| {
                let name = p.file_name().unwrap().to_string_lossy().into_owned();
                (name, std::fs::read(&p).unwrap())
            })
            .collect()
    }

    pub(crate) fn fixture(name: &str) -> Vec<u8> {
        let path = folder().join(name);
        std::fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
    }
}
