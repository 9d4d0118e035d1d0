//! `genochron import`: a family tree (GEDCOM), a pedigree table or a spreadsheet of entries as
//! a case file. The arguments become a `genochron::import` request; the library reads, checks
//! and writes the case file.

use crate::common::{Exit, SpreadsheetArgs, print_diagnostics_in};
use genochron::import::{ImportFormat, Imported};
use std::path::PathBuf;

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

impl From<Format> for ImportFormat {
    fn from(format: Format) -> Self {
        match format {
            Format::Gedcom => ImportFormat::Gedcom,
            Format::Ped => ImportFormat::Ped,
            Format::PedigreeCsv => ImportFormat::PedigreeCsv,
            Format::EntriesCsv => ImportFormat::EntriesCsv,
            Format::EntriesXlsx => ImportFormat::EntriesXlsx,
        }
    }
}

pub fn run(args: &Args) -> Exit {
    let name = crate::common::display_name(&args.file);
    let imported = match read(args, &name) {
        Ok(imported) => imported,
        Err(exit) => return exit,
    };
    if let Some(into) = &args.into
        && imported.format.is_entries()
    {
        return crate::into::run(into, &name, imported, args);
    }
    let spreadsheet = &args.spreadsheet;
    let options_given = !spreadsheet.map.is_empty()
        || !spreadsheet.values.is_empty()
        || spreadsheet.sheet.is_some();
    if options_given && !imported.format.is_entries() {
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
    write(args, &name, imported.new_case_file(&name))
}

/// The file read as its format (the one given, or the one its name or first bytes tell).
fn read(args: &Args, name: &str) -> Result<Imported, Exit> {
    let bytes = match std::fs::read(&args.file) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!("Could not read {}: {error}.", args.file.display());
            return Err(Exit::CouldNotRun);
        }
    };
    if let Some(problem) = genochron::import::empty(&bytes) {
        crate::common::print_diagnostics(name, &[problem]);
        eprintln!("\n{name} was not imported. Nothing was written.");
        return Err(Exit::Problems);
    }
    let format = args
        .format
        .map(ImportFormat::from)
        .unwrap_or_else(|| ImportFormat::guess(&args.file, &bytes));
    let options = if format.is_entries() {
        args.spreadsheet.options().map_err(|message| {
            eprintln!("{message}");
            Exit::CouldNotRun
        })?
    } else {
        Default::default()
    };
    Ok(genochron::import::read(format, &bytes, &options))
}

/// Writes the new case file, when it has no problems and checks as written.
fn write(args: &Args, name: &str, imported: Imported) -> Exit {
    print_diagnostics_in(name, &imported.places, &imported.diagnostics);
    let problems = imported
        .diagnostics
        .iter()
        .filter(|d| d.is_problem())
        .count();
    let Some(file) = imported.file else {
        eprintln!(
            "\n{name} was not imported because of {problems} problem{}. Nothing was written.",
            if problems == 1 { "" } else { "s" }
        );
        return Exit::Problems;
    };
    let yaml = match genochron::import::yaml(&file, name) {
        Ok(yaml) => yaml,
        Err(problems) => {
            print_diagnostics_in(name, &imported.places, &problems);
            eprintln!(
                "\n{name} was not imported: the case file made from it would have {}. Correct \
                 {name} and import it again. Nothing was written.",
                if problems.len() == 1 {
                    "1 problem".to_string()
                } else {
                    format!("{} problems", problems.len())
                }
            );
            return Exit::Problems;
        }
    };
    let exit =
        crate::common::write_output(args.output.as_deref(), yaml.as_bytes(), "The case file");
    if exit == Exit::Done && args.output.is_some() {
        eprintln!(
            "Imported {} from {name}.",
            genochron::import::summary(&file)
        );
    }
    exit
}
