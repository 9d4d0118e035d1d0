//! `genochron review`: a supervision review of a case since a date or an earlier version of
//! its file, as Markdown, HTML, PDF or JSON, optionally redacted for an audience.

use crate::common::{self, CaseArgs, Exit};
use genochron::layout::timeline::Duration;
use genochron::model::{Case, PartialDate};
use genochron::redact::Version;
use genochron::report::review::{Period, ReviewDiagram, ReviewFormat, ReviewReport, aligned};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Md,
    Html,
    Pdf,
    Json,
    /// One of the review's drawings as a picture (choose it with --diagram).
    Png,
}

/// The review's drawings, for a picture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Diagram {
    Genogram,
    Timeline,
    Scores,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
    /// Review from this date (included) to the case's "as at" date.
    #[arg(long, value_name = "DATE")]
    pub since: Option<String>,
    /// An earlier version of the same case file: the review lists what changed since it, and
    /// starts the day after its "as at" date unless --since says otherwise.
    #[arg(long, value_name = "EARLIER")]
    pub against: Option<PathBuf>,
    /// Where to write: review.html, review.pdf, review.md or review.json (standard output
    /// when not given).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// The kind of document; by default taken from the output file's name, else Markdown.
    #[arg(long, value_enum)]
    pub format: Option<Format>,
    /// Make the version for this audience (declared under `audiences` in the case file).
    #[arg(long, value_name = "NAME")]
    pub audience: Option<String>,
    /// Flag stretches with no recorded agency involvement longer than this (default 4w).
    #[arg(long, value_name = "LENGTH", default_value = "4w")]
    pub gap: String,
    /// Which drawing a .png shows: the genogram or timeline with the review marks, or the
    /// chart of scaling scores.
    #[arg(long, value_enum)]
    pub diagram: Option<Diagram>,
    /// For a PNG: the width of the page it goes on, in cm, mm or in (default 16cm, the text
    /// width of an A4 page). Refused when the diagram's text would be too small to read there.
    #[arg(long, value_name = "LENGTH", default_value = "16cm", value_parser = crate::common::print_width)]
    pub width: f64,
    /// Resolution of a PNG, in dots per inch (at most 300).
    #[arg(long, default_value_t = genochron::render::png::DEFAULT_DPI)]
    pub dpi: u32,
    /// Put the case title in the document's metadata. Off by default: titles usually name
    /// the child.
    #[arg(long)]
    pub title_in_metadata: bool,
}

pub fn run(args: &Args) -> Exit {
    let what = "The review";
    let format = match format(args) {
        Ok(format) => format,
        Err(message) => {
            eprintln!("{message}\nNothing was written.");
            return Exit::CouldNotRun;
        }
    };
    let Some(quiet) = Duration::parse(&args.gap) else {
        eprintln!(
            "--gap \"{}\" is not a length of time. Write it as 4w, 30d or 2m.\nNothing was written.",
            args.gap
        );
        return Exit::CouldNotRun;
    };
    let (full, earlier_full) = match load_both(args, what) {
        Ok(both) => both,
        Err(exit) => return exit,
    };
    let period = match period(args, &full, earlier_full.as_ref()) {
        Ok(period) => period,
        Err(message) => {
            eprintln!("{message}\n{what} was not made. Nothing was written.");
            return Exit::CouldNotRun;
        }
    };
    let version = match common::version(
        full.clone(),
        args.audience.as_deref(),
        &args.case.case,
        what,
    ) {
        Ok(version) => version,
        Err(exit) => return exit,
    };
    let earlier = match earlier_for(args, &full, &version, earlier_full) {
        Ok(earlier) => earlier,
        Err(exit) => return exit,
    };
    let earlier_name = args
        .against
        .as_ref()
        .map(|p| common::display_name(p))
        .unwrap_or_default();
    let request = ReviewReport {
        format,
        period,
        quiet,
        audience: args.audience.clone(),
        width: args.width,
        dpi: args.dpi,
        title_in_metadata: args.title_in_metadata,
    };
    match request.make(
        version.case(),
        earlier.as_ref().map(|e| (e, earlier_name.as_str())),
    ) {
        Ok(bytes) => common::write_output(args.output.as_deref(), &bytes, what),
        Err(message) => {
            eprintln!("{message}\n{what} was not made. Nothing was written.");
            Exit::CouldNotRun
        }
    }
}

/// The case, and the earlier version when --against names one.
fn load_both(args: &Args, what: &str) -> Result<(Case, Option<Case>), Exit> {
    let full = common::load_case(&args.case, what)?;
    let earlier = match &args.against {
        Some(path) => {
            let earlier_args = CaseArgs {
                case: path.clone(),
                as_at: None,
            };
            Some(common::load_case(&earlier_args, what)?)
        }
        None => None,
    };
    Ok((full, earlier))
}

/// The earlier version as the review compares it: for an audience, redacted by the rules the
/// case has now (they apply to the whole review) and lined up with `version`.
fn earlier_for(
    args: &Args,
    full: &Case,
    version: &Version,
    earlier_full: Option<Case>,
) -> Result<Option<Case>, Exit> {
    match (earlier_full, &args.audience, &args.against) {
        (Some(earlier_full), Some(audience), Some(path)) => {
            let mut ruled = earlier_full.clone();
            ruled.audiences = full.audiences.clone();
            let earlier_version = common::version(ruled, Some(audience), path, "The review")?;
            Ok(Some(aligned(
                &earlier_full,
                &earlier_version,
                full,
                version,
            )))
        }
        (earlier, _, _) => Ok(earlier),
    }
}

fn format(args: &Args) -> Result<ReviewFormat, String> {
    let diagram = args.diagram.map(|diagram| match diagram {
        Diagram::Genogram => ReviewDiagram::Genogram,
        Diagram::Timeline => ReviewDiagram::Timeline,
        Diagram::Scores => ReviewDiagram::Scores,
    });
    match args.format {
        None => ReviewFormat::from_name(args.output.as_deref(), diagram),
        Some(Format::Md) => Ok(ReviewFormat::Markdown),
        Some(Format::Html) => Ok(ReviewFormat::Html),
        Some(Format::Pdf) => Ok(ReviewFormat::Pdf),
        Some(Format::Json) => Ok(ReviewFormat::Json),
        // Without --diagram, a picture shows the scaling scores.
        Some(Format::Png) => Ok(ReviewFormat::Png(diagram.unwrap_or(ReviewDiagram::Scores))),
    }
}

fn day(text: &str, option: &str) -> Result<chrono::NaiveDate, String> {
    match PartialDate::parse(text) {
        Ok(date) if !date.is_uncertain() => Ok(date.start()),
        _ => Err(format!(
            "The {option} date \"{text}\" is not a whole, exact date. Write it as 2026-09-01."
        )),
    }
}

/// From --since, else the day after the earlier version's "as at" date, else the day after
/// the last review; to the case's "as at" date.
fn period(args: &Args, case: &Case, earlier: Option<&Case>) -> Result<Period, String> {
    let to = case.details.as_at;
    let next_day = |d: chrono::NaiveDate| d.succ_opt().unwrap_or(d);
    let from = match (&args.since, earlier) {
        (Some(text), _) => day(text, "--since")?,
        (None, Some(earlier)) => next_day(earlier.details.as_at),
        (None, None) => match case.reviews.iter().rfind(|r| r.date < to) {
            Some(last) => next_day(last.date),
            None => {
                return Err(
                    "Which period should the review cover? Add --since DATE, or --against \
                     EARLIER.yaml with an earlier version of the case file, or record the last \
                     review under `reviews` in the case file."
                        .into(),
                );
            }
        },
    };
    Period::new(from, to).ok_or_else(|| {
        format!(
            "The review would start on {from}, after the case's \"as at\" date ({to}). Give an \
             earlier --since date, or a later --as-at date."
        )
    })
}
