//! `genochron import`: a family tree (GEDCOM), a pedigree table or a spreadsheet of entries as
//! a case file.

use crate::common::{Exit, SpreadsheetArgs};
use genochron::diagnostic::{Diagnostic, Places};
use genochron::input::case_file::{CaseFile, Text};
use genochron::input::pedigree::PedigreeKind;
use genochron::input::{entries_csv, entries_xlsx, gedcom, pedigree, write};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// The file to import: a GEDCOM file (.ged), a pedigree table (.ped), a CSV file or an Excel
    /// workbook of entries (.xlsx).
    pub file: PathBuf,
    /// Where to write the case file (YAML). Without it, the case file is printed.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The kind of file, when its name does not say.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    #[command(flatten)]
    pub spreadsheet: SpreadsheetArgs,
    /// For a spreadsheet of entries: add its entries to this case file (YAML) instead of making
    /// a new one. Nothing else in the file changes; rows already in it are not added again.
    #[arg(long, value_name = "CASE")]
    pub into: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
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

impl Format {
    fn is_entries(self) -> bool {
        matches!(self, Format::EntriesCsv | Format::EntriesXlsx)
    }
}

pub fn run(args: &Args) -> Exit {
    let name = crate::common::display_name(&args.file);
    let bytes = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("Could not read {}: {error}.", args.file.display());
            return Exit::CouldNotRun;
        }
    };
    if let Some(problem) = genochron::input::empty(&bytes) {
        crate::common::print_diagnostics(&name, &[problem]);
        eprintln!("\n{name} was not imported. Nothing was written.");
        return Exit::Problems;
    }
    let format = args.format.unwrap_or_else(|| guess(&args.file, &bytes));
    let mut places = Places::Lines;
    let (file, diagnostics) = match format {
        Format::Gedcom => gedcom::read(&bytes),
        Format::Ped => pedigree::read(&bytes, PedigreeKind::Ped),
        Format::PedigreeCsv => pedigree::read(&bytes, PedigreeKind::Csv),
        Format::EntriesCsv | Format::EntriesXlsx => {
            let options = match args.spreadsheet.options() {
                Ok(options) => options,
                Err(message) => {
                    eprintln!("{message}");
                    return Exit::CouldNotRun;
                }
            };
            if format == Format::EntriesXlsx
                && let Some(sheet) = entries_xlsx::sheet_name(&bytes, &options)
            {
                places = Places::Cells { sheet };
            }
            let (mut file, mut diagnostics) = if format == Format::EntriesXlsx {
                entries_xlsx::read(&bytes, &options)
            } else {
                entries_csv::read_with(&bytes, &options)
            };
            if let Some(into) = &args.into {
                return match file.filter(|_| !diagnostics.iter().any(|d| d.is_problem())) {
                    Some(file) => crate::into::run(into, &name, &places, file, diagnostics, args),
                    None => {
                        crate::common::print_diagnostics_in(&name, &places, &diagnostics);
                        eprintln!(
                            "\n{name} was not read because of problems. Nothing was written."
                        );
                        Exit::Problems
                    }
                };
            }
            if let Some(file) = &mut file {
                diagnostics.extend(entries_csv::complete(file));
            }
            // The entries reader returns the file with its problems so they can all be
            // reported; an import writes nothing when there are any.
            let file = file.filter(|_| !diagnostics.iter().any(|d| d.is_problem()));
            (file, diagnostics)
        }
    };
    let spreadsheet = &args.spreadsheet;
    let options_given = !spreadsheet.map.is_empty()
        || !spreadsheet.values.is_empty()
        || spreadsheet.sheet.is_some();
    if options_given && !format.is_entries() {
        eprintln!(
            "Note: --map, --values and --sheet are only used for a spreadsheet of entries; they \
             were ignored."
        );
    }
    if args.into.is_some() {
        eprintln!(
            "--into adds a spreadsheet of entries (.csv, .xlsx) to a case file; {name} is not one."
        );
        return Exit::CouldNotRun;
    }
    crate::common::print_diagnostics_in(&name, &places, &diagnostics);
    let problems = diagnostics.iter().filter(|d| d.is_problem()).count();
    let Some(mut file) = file else {
        eprintln!(
            "\n{name} was not imported because of {problems} problem{}. Nothing was written.",
            if problems == 1 { "" } else { "s" }
        );
        return Exit::Problems;
    };
    if file.case.title.is_none() {
        let title = genochron::input::default_title(&file, &name);
        file.case.title = Some(Text::new(title, file.case.at));
    }
    let summary = summary(&file);
    let header = [
        format!("Imported from {name} by genochron import: {summary}."),
        "Check it: add the subject children under case: children, and read the notes the \
         import printed."
            .to_string(),
    ];
    let header: Vec<&str> = header.iter().map(String::as_str).collect();
    let yaml = write::yaml_with_header(&file, &header);
    if let Err(exit) = check_written(&name, &places, &file, &yaml) {
        return exit;
    }
    let exit =
        crate::common::write_output(args.output.as_deref(), yaml.as_bytes(), "The case file");
    if exit == Exit::Done && args.output.is_some() {
        eprintln!("Imported {summary} from {name}.");
    }
    exit
}

/// Checks what the import would write, so that it never writes a file that `genochron check`
/// then refuses (a date that does not exist, say): first the imported case, whose problems
/// point at lines of the source file, then the YAML exactly as it would be written. On
/// problems prints them and writes nothing.
fn check_written(name: &str, places: &Places, file: &CaseFile, yaml: &str) -> Result<(), Exit> {
    let source = genochron::source(name, yaml.as_bytes());
    let (_, found) = genochron::check::case(file, &source);
    let mut problems: Vec<Diagnostic> = found.into_iter().filter(|d| d.is_problem()).collect();
    if problems.is_empty() {
        // The YAML's own lines mean nothing to the user, so these are reported without them.
        let written = genochron::load("imported.yaml", yaml.as_bytes());
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
        return Ok(());
    }
    let problems = genochron::diagnostic::sorted(problems);
    crate::common::print_diagnostics_in(name, places, &problems);
    eprintln!(
        "\n{name} was not imported: the case file made from it would have {}. Correct {name} \
         and import it again. Nothing was written.",
        if problems.len() == 1 {
            "1 problem".to_string()
        } else {
            format!("{} problems", problems.len())
        }
    );
    Err(Exit::Problems)
}

fn summary(file: &CaseFile) -> String {
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

/// The format from the file's name, or from its first bytes.
fn guess(path: &Path, bytes: &[u8]) -> Format {
    let extension = path
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
        .unwrap_or_default();
    match extension.as_str() {
        "ged" | "gedcom" => Format::Gedcom,
        "ped" | "pedigree" | "fam" => Format::Ped,
        "xlsx" | "xlsm" => Format::EntriesXlsx,
        "csv" => {
            if genochron::input::csv_holds_entries(bytes) {
                Format::EntriesCsv
            } else {
                Format::PedigreeCsv
            }
        }
        _ => {
            let start = String::from_utf8_lossy(&bytes[..bytes.len().min(64)]).into_owned();
            let start = start.trim_start_matches('\u{FEFF}').replace('\0', "");
            if start.trim_start().starts_with("0 HEAD") {
                Format::Gedcom
            } else {
                Format::Ped
            }
        }
    }
}
