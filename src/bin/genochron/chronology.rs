//! `genochron chronology`: the chronology as a table (Markdown, CSV or HTML) for court bundles
//! and spreadsheets.

use crate::common::{self, CaseArgs, Exit};
use genochron::layout::timeline::Filter;
use genochron::model::{PersonId, Significance};
use genochron::render::table::{self, TableOptions};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum TableFormat {
    Markdown,
    Csv,
    Html,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
    /// Where to write the table: .md, .csv or .html (standard output when not given).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    /// The format, when the output's extension does not say (default Markdown).
    #[arg(long, value_enum)]
    pub format: Option<TableFormat>,
    /// Only these categories (repeat, or separate with commas).
    #[arg(long, value_delimiter = ',')]
    pub category: Vec<String>,
    /// Only entries about these subject children (their ids).
    #[arg(long, value_delimiter = ',')]
    pub child: Vec<String>,
    /// Only these significance levels: high, medium, low.
    #[arg(long, value_delimiter = ',')]
    pub significance: Vec<String>,
    /// Make the version for this audience (declared under `audiences`): people shown by
    /// initials or role, hidden details and withheld entries left out.
    #[arg(long)]
    pub audience: Option<String>,
    /// For a spreadsheet of entries (.csv): which field a column holds, e.g. "Date of event=date".
    #[arg(long, value_name = "HEADING=FIELD")]
    pub map: Vec<String>,
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
        Some(other) => Err(format!(
            "genochron cannot write a chronology as .{other}. Use .md, .csv or .html, or give --format."
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
    let case = match crate::common::load_case_mapped(&args.case, &args.map, "The chronology")
        .and_then(|case| {
            crate::common::for_audience(case, args.audience.as_deref(), "The chronology")
        }) {
        Ok(case) => case,
        Err(exit) => return exit,
    };
    let mut significance = Vec::new();
    for text in &args.significance {
        significance.push(match text.trim().to_lowercase().as_str() {
            "high" => Significance::High,
            "medium" => Significance::Medium,
            "low" => Significance::Low,
            _ => {
                eprintln!("--significance \"{text}\" is not a level. Use high, medium or low.");
                return Exit::CouldNotRun;
            }
        });
    }
    let mut children = Vec::new();
    for id in &args.child {
        let id = PersonId(id.trim().to_string());
        if !case.details.subjects.contains(&id) {
            eprintln!("--child \"{id}\" is not one of the subject children.");
            return Exit::CouldNotRun;
        }
        children.push(id);
    }
    let options = TableOptions {
        filter: Filter {
            categories: args.category.clone(),
            children,
            significance,
            audience: args.audience.clone(),
        },
    };
    let selection = table::entries(&case, &options);
    for (reason, n) in selection.left_out_counts() {
        eprintln!(
            "{n} entr{} left out by the {} filter.",
            if n == 1 { "y was" } else { "ies were" },
            reason.name()
        );
    }
    let text = match format {
        TableFormat::Markdown => table::markdown(&case, &options),
        TableFormat::Csv => table::csv(&case, &options),
        TableFormat::Html => table::html(&case, &options),
    };
    common::write_output(args.output.as_deref(), text.as_bytes(), "The chronology")
}
