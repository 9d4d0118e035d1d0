//! The `genochron` command: the only place that knows the terminal, clap and exit codes.

mod chronology;
mod common;
mod genogram;
mod import;
mod into;
mod mentions;
mod report;
mod review;
mod timeline;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Genograms and child-impact chronologies from one case file.
#[derive(Parser)]
#[command(name = "genochron", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Notes of one kind are printed once, with a count and where the others are; `all`
    /// prints each.
    #[arg(long, global = true, value_enum, default_value = "grouped")]
    notes: common::Notes,
}

#[derive(Subcommand)]
enum Command {
    /// Check a case file and report every problem in it.
    Check(common::CheckArgs),
    /// Print the JSON Schema of the case file format, for editors.
    Schema,
    /// Draw the family as a genogram.
    Genogram(genogram::Args),
    /// Draw the chronology as a timeline.
    Timeline(timeline::Args),
    /// Write the chronology as a table (Markdown, CSV or HTML).
    Chronology(chronology::Args),
    /// Write a court-ready document (PDF, HTML, PNG).
    Report(report::Args),
    /// A supervision review: what changed since a date or an earlier version of the case
    /// file, what it adds up to, and what is overdue.
    Review(review::Args),
    /// List names written plainly in free text; with --fix, write those that can only mean
    /// one person as @mentions.
    Mentions(mentions::Args),
    /// Import a family (GEDCOM, pedigree table) or entries (CSV, Excel) as a case file, or add
    /// entries to one (--into).
    Import(import::Args),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    common::set_notes(cli.notes);
    let exit = match cli.command {
        Command::Check(args) => common::check(&args),
        Command::Schema => common::schema(),
        Command::Genogram(args) => genogram::run(&args),
        Command::Timeline(args) => timeline::run(&args),
        Command::Chronology(args) => chronology::run(&args),
        Command::Report(args) => report::run(&args),
        Command::Review(args) => review::run(&args),
        Command::Mentions(args) => mentions::run(&args),
        Command::Import(args) => import::run(&args),
    };
    ExitCode::from(exit as u8)
}
