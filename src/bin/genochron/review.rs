//! `genochron review`: a supervision review of a case since a date or an earlier version of
//! its file, as Markdown, HTML, PDF or JSON, optionally redacted for an audience.

use crate::common::{self, CaseArgs, Exit};
use genochron::layout::genogram::{self, GenogramOptions};
use genochron::layout::timeline::{self, Duration, TimelineOptions};
use genochron::model::{Case, PartialDate};
use genochron::render::review::{self as document, Drawings};
use genochron::review::{self, Period, ReviewOptions};
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
    let full = match common::load_case(&args.case, what) {
        Ok(case) => case,
        Err(exit) => return exit,
    };
    let earlier_full = match &args.against {
        Some(path) => {
            let earlier_args = CaseArgs {
                case: path.clone(),
                as_at: None,
            };
            match common::load_case(&earlier_args, what) {
                Ok(case) => Some(case),
                Err(exit) => return exit,
            }
        }
        None => None,
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
    let case = version.case().clone();
    let earlier = match (&earlier_full, &args.audience, &args.against) {
        (Some(earlier_full), Some(audience), Some(path)) => {
            // The audience's rules in the case now apply to the whole review.
            let mut ruled = earlier_full.clone();
            ruled.audiences = full.audiences.clone();
            match common::version(ruled, Some(audience), path, what) {
                Ok(earlier_version) => {
                    let mut redacted = earlier_version.case().clone();
                    let numbers = review::align::entry_numbers(
                        earlier_version.numbering(),
                        version.numbering(),
                    );
                    review::align::align(earlier_full, &mut redacted, &full, &case);
                    review::align::renumber(&mut redacted, &numbers);
                    Some(redacted)
                }
                Err(exit) => return exit,
            }
        }
        (earlier, _, _) => earlier.clone(),
    };
    let earlier_name = args
        .against
        .as_ref()
        .map(|p| common::display_name(p))
        .unwrap_or_default();
    let options = ReviewOptions {
        period,
        quiet_days: quiet.days(),
    };
    let result = review::review(
        &case,
        earlier.as_ref().map(|e| (e, earlier_name.as_str())),
        &options,
    );
    let bytes = match render(&result, &case, format, args, quiet) {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("{message}\n{what} was not made. Nothing was written.");
            return Exit::CouldNotRun;
        }
    };
    common::write_output(args.output.as_deref(), &bytes, what)
}

fn format(args: &Args) -> Result<Format, String> {
    if let Some(format) = args.format {
        return Ok(format);
    }
    let Some(path) = &args.output else {
        return Ok(Format::Md);
    };
    let extension = path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("md" | "markdown") => Ok(Format::Md),
        Some("html" | "htm") => Ok(Format::Html),
        Some("pdf") => Ok(Format::Pdf),
        Some("json") => Ok(Format::Json),
        Some("png") if args.diagram.is_some() => Ok(Format::Png),
        Some("png") => Err(format!(
            "Which drawing should {} show? Add --diagram genogram, timeline or scores.",
            common::display_name(path)
        )),
        _ => Err(format!(
            "genochron review writes .html, .pdf, .md, .json or .png files; {} is none of these.",
            common::display_name(path)
        )),
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

fn render(
    result: &review::Review,
    case: &Case,
    format: Format,
    args: &Args,
    quiet: Duration,
) -> Result<Vec<u8>, String> {
    if format == Format::Json {
        return Ok(document::json(result).into_bytes());
    }
    let blocks = document::blocks(result, case, args.audience.as_deref());
    if format == Format::Md {
        return Ok(document::markdown(&blocks).into_bytes());
    }
    let marks = result.marks();
    let genogram = genogram::genogram(
        case,
        &GenogramOptions {
            marks: marks.clone(),
            ..GenogramOptions::default()
        },
    );
    let mut timeline_options = TimelineOptions {
        gap: quiet,
        marks,
        ..TimelineOptions::default()
    };
    // The year before the period in full, for context; older history is summarised.
    timeline_options.focus.from = Some(Duration::Years(1).before(result.period.from));
    let timeline = timeline::timeline(case, &timeline_options);
    let scores = genochron::layout::scores::chart(&result.scores);
    let drawings = Drawings {
        genogram: &genogram,
        timeline: &timeline,
        scores: &scores,
    };
    let title = args
        .title_in_metadata
        .then_some(case.details.title.as_str())
        .filter(|t| !t.is_empty());
    if format == Format::Png {
        let scene = match args.diagram {
            Some(Diagram::Genogram) => &genogram,
            Some(Diagram::Timeline) => &timeline,
            _ if scores.items.is_empty() => {
                return Err("The case file records no scaling scores under `reviews`.".into());
            }
            _ => &scores,
        };
        return genochron::render::png::png_for_width(scene, args.width, args.dpi)
            .map_err(|e| e.to_string());
    }
    if format == Format::Pdf {
        return genochron::render::pdf::review(&blocks, &drawings, case, title)
            .map_err(|e| e.to_string());
    }
    Ok(document::html(&blocks, &drawings, title).into_bytes())
}
