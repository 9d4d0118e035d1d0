//! An import request: what the `genochron import` command makes from its arguments. A family
//! tree (GEDCOM), a pedigree table or a spreadsheet of entries is read ([`read`]) into a case
//! file, which is written as YAML only when it checks as it would be written ([`yaml`]).

use crate::diagnostic::{self, Diagnostic, Places};
use crate::input::case_file::{CaseFile, Text};
use crate::input::entries_csv::{self, ReadOptions};
use crate::input::pedigree::{self, PedigreeKind};
use crate::input::{self, entries_xlsx, gedcom, write};
use std::path::Path;

pub use crate::input::empty;

/// The kinds of file an import reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ImportFormat {
    /// A GEDCOM 5.5.1 or 7.0 family tree.
    Gedcom,
    /// A LINKAGE/PLINK pedigree table: family, id, father, mother, sex, phenotype.
    Ped,
    /// A CSV pedigree table with a header row: id,father,mother,sex.
    PedigreeCsv,
    /// A CSV of chronology entries.
    EntriesCsv,
    /// An Excel workbook (.xlsx) of chronology entries.
    EntriesXlsx,
}

impl ImportFormat {
    /// The format from the file's name, or from its first bytes.
    pub fn guess(path: &Path, bytes: &[u8]) -> ImportFormat {
        let extension = path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default();
        match extension.as_str() {
            "ged" | "gedcom" => ImportFormat::Gedcom,
            "ped" | "pedigree" | "fam" => ImportFormat::Ped,
            "xlsx" | "xlsm" => ImportFormat::EntriesXlsx,
            "csv" if input::csv_holds_entries(bytes) => ImportFormat::EntriesCsv,
            "csv" => ImportFormat::PedigreeCsv,
            _ => {
                let start = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]).into_owned();
                let start = start.trim_start_matches('\u{FEFF}').replace('\0', "");
                if start.trim_start().starts_with("0 HEAD") {
                    ImportFormat::Gedcom
                } else {
                    ImportFormat::Ped
                }
            }
        }
    }

    /// True for a spreadsheet of entries, the only kind read with [`ReadOptions`].
    pub fn is_entries(self) -> bool {
        matches!(self, ImportFormat::EntriesCsv | ImportFormat::EntriesXlsx)
    }
}

/// A file read for import.
#[derive(Debug, Clone)]
pub struct Imported {
    pub format: ImportFormat,
    /// The case file read. A spreadsheet's comes with its problems, so that they can all be
    /// reported.
    pub file: Option<CaseFile>,
    /// Problems and notes, with the places of the file read.
    pub diagnostics: Vec<Diagnostic>,
    /// How the places are named: lines, or an Excel sheet's cells.
    pub places: Places,
}

impl Imported {
    /// True when any diagnostic is a problem.
    pub fn has_problems(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_problem)
    }

    /// What was read as a new case file: a spreadsheet's entries with the case details a
    /// drawing needs (and no file on any problem), a title from the file's `name` when it
    /// has none.
    pub fn new_case_file(mut self, name: &str) -> Imported {
        if self.format.is_entries() {
            if let Some(file) = &mut self.file {
                self.diagnostics.extend(entries_csv::complete(file));
            }
            if self.has_problems() {
                self.file = None;
            }
        }
        if let Some(file) = &mut self.file
            && file.case.title.is_none()
        {
            let title = input::default_title(file, name);
            file.case.title = Some(Text::new(title, file.case.at));
        }
        self
    }
}

/// Reads `bytes` as `format`; a spreadsheet of entries with `options`.
pub fn read(format: ImportFormat, bytes: &[u8], options: &ReadOptions) -> Imported {
    let mut places = Places::Lines;
    let (file, diagnostics) = match format {
        ImportFormat::Gedcom => gedcom::read(bytes),
        ImportFormat::Ped => pedigree::read(bytes, PedigreeKind::Ped),
        ImportFormat::PedigreeCsv => pedigree::read(bytes, PedigreeKind::Csv),
        ImportFormat::EntriesCsv => entries_csv::read_with(bytes, options),
        ImportFormat::EntriesXlsx => {
            if let Some(sheet) = entries_xlsx::sheet_name(bytes, options) {
                places = Places::Cells { sheet };
            }
            entries_xlsx::read(bytes, options)
        }
    };
    Imported {
        format,
        file,
        diagnostics,
        places,
    }
}

/// The case file imported from `name` as YAML, under a header saying where it came from and
/// what to check. It is checked first, so that an import never writes a file `genochron
/// check` then refuses (a date that does not exist, say): the imported case, whose problems
/// point at lines of the source file, then the YAML exactly as written, whose problems are
/// given without its lines, which mean nothing to the user. The error is those problems.
pub fn yaml(file: &CaseFile, name: &str) -> Result<String, Vec<Diagnostic>> {
    let header = [
        format!(
            "Imported from {name} by genochron import: {}.",
            summary(file)
        ),
        "Check it: add the subject children under case: children, and read the notes the \
         import printed."
            .to_string(),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let yaml = write::yaml_with_header(file, &header);
    let (_, found) = crate::check::case(file, &crate::source(name, yaml.as_bytes()));
    let mut problems: Vec<Diagnostic> = found.into_iter().filter(|d| d.is_problem()).collect();
    if problems.is_empty() {
        let written = crate::load("imported.yaml", yaml.as_bytes());
        problems = written
            .diagnostics
            .into_iter()
            .filter(|d| d.is_problem())
            .map(|d| Diagnostic {
                line: 0,
                column: 0,
                ..d
            })
            .collect();
    }
    if problems.is_empty() {
        Ok(yaml)
    } else {
        Err(diagnostic::sorted(problems))
    }
}

/// What a case file holds, for the user: "12 entries", or "5 people, 2 partnerships".
pub fn summary(file: &CaseFile) -> String {
    if !file.entries.is_empty() {
        let entries = file.entries.len();
        return format!(
            "{entries} {}",
            if entries == 1 { "entry" } else { "entries" }
        );
    }
    let people = file.people.len();
    let partnerships = file.partnerships.len();
    format!(
        "{people} {}, {partnerships} {}",
        if people == 1 { "person" } else { "people" },
        if partnerships == 1 {
            "partnership"
        } else {
            "partnerships"
        }
    )
}
