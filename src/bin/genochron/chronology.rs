//! `genochron chronology`: the chronology as a table (Markdown, CSV, HTML or a Word document)
//! for court bundles and spreadsheets.

use crate::common::{self, CaseArgs, Exit, FilterArgs};
use genochron::model::View;
use genochron::render::docx;
use genochron::render::table::{self, TableOptions};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    Markdown,
    Csv,
    Html,
    Docx,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
    /// Where to write the table: .md, .csv, .html or .docx (standard output when not given).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The format, when the output's extension does not say (default Markdown).
    #[arg(long, value_enum)]
    pub format: Option<TableFormat>,
    #[command(flatten)]
    pub filters: FilterArgs,
}

fn format_of(args: &Args) -> Result<TableFormat, String> {
    if let Some(format) = args.format {
        return Ok(format);
    }
    let extension = args
        .output
        .as_ref()
        .and_then(|p| p.extension())
        .map(|e| e.to_string_lossy().to_ascii_lowercase());
    match extension.as_deref() {
        None | Some("md" | "markdown" | "txt") => Ok(TableFormat::Markdown),
        Some("csv") => Ok(TableFormat::Csv),
        Some("html" | "htm") => Ok(TableFormat::Html),
        Some("docx") => Ok(TableFormat::Docx),
        Some(other) => Err(format!(
            "genochron cannot write a chronology as .{other}. Use .md, .csv, .html or .docx, or \
             give --format."
        )),
    }
}

pub fn run(args: &Args) -> Exit {
    let format = match format_of(args) {
        Ok(format) => format,
        Err(message) => {
            eprintln!("{message}");
            return Exit::CouldNotRun;
        }
    };
    let case = match args
        .filters
        .load(&args.case, View::Chronology, "The chronology")
    {
        Ok(case) => case,
        Err(exit) => return exit,
    };
    let filter = match args.filters.arguments().filter(&case) {
        Ok(filter) => filter,
        Err(message) => {
            eprintln!("{message}\nNothing was written.");
            return Exit::CouldNotRun;
        }
    };
    let options = TableOptions { filter };
    let selection = genochron::chronology::select(&case, &Default::default(), &options.filter);
    for (reason, n) in selection.left_out_counts() {
        eprintln!(
            "{n} entr{} left out by the {} filter.",
            if n == 1 { "y was" } else { "ies were" },
            reason.name()
        );
    }
    let bytes = match format {
        TableFormat::Markdown => table::markdown(&case, &options).into_bytes(),
        TableFormat::Csv => table::csv(&case, &options).into_bytes(),
        TableFormat::Html => table::html(&case, &options).into_bytes(),
        TableFormat::Docx => {
            if args.output.is_none() {
                eprintln!(
                    "A Word document is not text to print: give the file to write with -o \
                     chronology.docx. Nothing was written."
                );
                return Exit::CouldNotRun;
            }
            match docx::chronology_docx(&case, &options) {
                Ok(bytes) => bytes,
                Err(error) => {
                    eprintln!("{error}\nThe chronology was not made. Nothing was written.");
                    return Exit::CouldNotRun;
                }
            }
        }
    };
    common::write_output(args.output.as_deref(), &bytes, "The chronology")
}
