//! `genochron report`: the court-ready PDF, the same document for Word, the self-contained
//! HTML page, or one diagram as a PNG, optionally redacted for an audience.

use crate::common::{self, CaseArgs, Exit, FilterArgs};
use crate::{genogram, timeline};
use genochron::layout::genogram::GenogramOptions;
use genochron::layout::scene::Scene;
use genochron::layout::timeline::TimelineOptions;
use genochron::model::View;
use genochron::redact::Version;
use genochron::render::{docx, html, pdf, png};
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Diagram {
    Genogram,
    Timeline,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
    /// Where to write: report.pdf, report.docx, report.html, or genogram.png / timeline.png.
    #[arg(short, long, value_name = "FILE")]
    pub output: PathBuf,
    /// The filters, as for `timeline` and `chronology`: they choose the entries of the
    /// timeline and the chronology table alike.
    #[command(flatten)]
    pub filters: FilterArgs,
    /// The part of the family the genogram draws, as for `genogram`.
    #[command(flatten)]
    pub genogram: genogram::ViewArgs,
    /// The timeline's lanes and the stretch it draws in full, as for `timeline`.
    #[command(flatten)]
    pub window: timeline::WindowArgs,
    /// A summary chronology that fits this many pages of the court document's table (10 is
    /// the usual limit): the most significant entries, the latest first within a level. The
    /// front page states the rule and lists every entry left out by number.
    #[arg(long, value_name = "PAGES", value_parser = clap::value_parser!(u32).range(1..=500))]
    pub fit_pages: Option<u32>,
    /// The court bundle section letter printed before page numbers (C gives C45, C46 …).
    #[arg(long, value_name = "LETTER")]
    pub bundle_section: Option<String>,
    /// The number of the document's first page (PDF or Word).
    #[arg(long, value_name = "NUMBER", default_value_t = 1)]
    pub start_page: u32,
    /// For a PNG: the width of the page it goes on, in cm, mm or in (default 16cm, the text
    /// width of an A4 page). Refused when the diagram's text would be too small to read there.
    #[arg(long, value_name = "LENGTH", default_value = "16cm", value_parser = crate::common::print_width)]
    pub width: f64,
    /// Resolution of a PNG, in dots per inch (at most 300).
    #[arg(long, default_value_t = png::DEFAULT_DPI)]
    pub dpi: u32,
    /// Which diagram a PNG shows; by default taken from the file name.
    #[arg(long, value_enum)]
    pub diagram: Option<Diagram>,
    /// Put the case title in the document's metadata (the PDF's title, the HTML page's
    /// title). Off by default, because titles usually name the child.
    #[arg(long)]
    pub title_in_metadata: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Format {
    Pdf,
    Docx,
    Html,
    Png(Diagram),
}

pub fn run(args: &Args) -> Exit {
    let format = match format(args) {
        Ok(format) => format,
        Err(message) => {
            eprintln!("{message}\nNothing was written.");
            return Exit::CouldNotRun;
        }
    };
    let what = match format {
        Format::Pdf => "The PDF report",
        Format::Docx => "The Word report",
        Format::Html => "The HTML report",
        Format::Png(Diagram::Genogram) => "The genogram picture",
        Format::Png(Diagram::Timeline) => "The timeline picture",
    };
    let (file_case, case) = match args.filters.load_both(&args.case, what) {
        Ok(both) => both,
        Err(exit) => return exit,
    };
    // A report leaves out the views its audience does not get (its front page says which);
    // a picture of one diagram is that view or nothing; the Word document needs all three.
    if format == Format::Docx {
        for view in [View::Genogram, View::Timeline, View::Chronology] {
            if let Err(exit) = common::require_view(&case, view, what) {
                return exit;
            }
        }
    }
    let required = match format {
        Format::Pdf | Format::Html | Format::Docx => {
            let parts = [View::Genogram, View::Timeline, View::Chronology];
            match parts.iter().find(|v| case.includes(**v)) {
                Some(view) => Ok(*view),
                None => Err(View::Chronology),
            }
        }
        Format::Png(Diagram::Genogram) => Err(View::Genogram),
        Format::Png(Diagram::Timeline) => Err(View::Timeline),
    };
    if let Err(view) = required
        && let Err(exit) = common::require_view(&case, view, what)
    {
        return exit;
    }
    let views = match views(args, &file_case, &case) {
        Ok(views) => views,
        Err(exit) => return exit,
    };
    let bytes = match render(&case, format, args, &views) {
        Ok(bytes) => bytes,
        Err(message) => {
            eprintln!("{message}\n{what} was not made. Nothing was written.");
            return Exit::CouldNotRun;
        }
    };
    common::write_output(Some(&args.output), &bytes, what)
}

fn format(args: &Args) -> Result<Format, String> {
    let extension = args
        .output
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    match extension.as_deref() {
        Some("pdf") => Ok(Format::Pdf),
        Some("docx") => Ok(Format::Docx),
        Some("html" | "htm") => Ok(Format::Html),
        Some("png") => match args.diagram.or_else(|| diagram_from_name(&args.output)) {
            Some(diagram) => Ok(Format::Png(diagram)),
            None => Err(format!(
                "Which diagram should {} show? Add --diagram genogram or --diagram timeline.",
                common::display_name(&args.output)
            )),
        },
        _ => Err(format!(
            "genochron report writes .pdf, .docx, .html or .png files; {} is none of these.",
            common::display_name(&args.output)
        )),
    }
}

fn diagram_from_name(path: &Path) -> Option<Diagram> {
    let name = path.file_stem()?.to_string_lossy().to_lowercase();
    match (name.contains("genogram"), name.contains("timeline")) {
        (true, false) => Some(Diagram::Genogram),
        (false, true) => Some(Diagram::Timeline),
        _ => None,
    }
}

/// The views the report draws, as the options say, and what each shows in words.
struct Views {
    genogram: GenogramOptions,
    timeline: TimelineOptions,
    /// The entries of the chronology table: the timeline's, or a summary that fits.
    table: genochron::chronology::Filter,
    shows: Vec<(String, String)>,
}

fn views(args: &Args, file_case: &genochron::model::Case, case: &Version) -> Result<Views, Exit> {
    let genogram = args.genogram.options(file_case, case, &args.case.case)?;
    let timeline = timeline::options(
        &args.window,
        &args.filters,
        case,
        TimelineOptions::default().plot_width,
    )
    .map_err(|message| {
        eprintln!("{message}\nThe report was not made. Nothing was written.");
        Exit::CouldNotRun
    })?;
    let mut table_filter = timeline.filter.clone();
    let mut fit_words = None;
    if let Some(pages) = args.fit_pages {
        let fit = genochron::chronology::fit(case, &timeline.filter, pages as usize, |filter| {
            genochron::render::pdf::chronology_pages(case, filter)
        });
        eprintln!(
            "{} {} left out of the table (Nos. {}).",
            fit.rule,
            genochron::diagnostic::count(fit.left_out.len(), "entry was", "entries were"),
            fit.left_out
                .iter()
                .map(u32::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        );
        table_filter = fit.filter;
        fit_words = Some(fit.rule);
    }
    let mut shows = Vec::new();
    if case.includes(View::Genogram) {
        shows.push(("Genogram".into(), genogram::shows(case, &genogram)));
    }
    if case.includes(View::Timeline) {
        shows.push(("Timeline".into(), timeline::shows(case, &timeline)));
    }
    if case.includes(View::Chronology) {
        let table = genochron::chronology::chronology(case, &table_filter);
        let mut words = format!(
            "{} of {} in the table.",
            table.rows.len(),
            genochron::diagnostic::count(case.entries.len(), "entry", "entries")
        );
        if let Some(rule) = &fit_words {
            words = format!("{words} {rule}");
        }
        if let Some(left_out) = common::left_out_words(&table.selection, true) {
            words = format!("{words} {left_out}");
        }
        shows.push(("Chronology table".into(), words));
    }
    Ok(Views {
        genogram,
        timeline,
        table: table_filter,
        shows,
    })
}

fn render(case: &Version, format: Format, args: &Args, views: &Views) -> Result<Vec<u8>, String> {
    let genogram_scene =
        |case: &Version| -> Scene { genochron::layout::genogram::genogram(case, &views.genogram) };
    let timeline_scene =
        |case: &Version| -> Scene { genochron::layout::timeline::timeline(case, &views.timeline) };
    let filter = views.table.clone();
    match format {
        Format::Png(diagram) => {
            let scene = match diagram {
                Diagram::Genogram => genogram_scene(case),
                Diagram::Timeline => common::timeline_for_page(case, &views.timeline, args.width),
            };
            png::png_for_width(&scene, args.width, args.dpi).map_err(|e| e.to_string())
        }
        Format::Html => {
            let options = html::Options {
                title_in_metadata: args.title_in_metadata,
                filter,
                shows: views.shows.clone(),
            };
            let page = html::report(case, &genogram_scene(case), &timeline_scene(case), &options);
            Ok(page.into_bytes())
        }
        Format::Pdf => {
            let options = pdf::Options {
                bundle_section: args.bundle_section.clone(),
                start_page: args.start_page,
                title_in_metadata: args.title_in_metadata,
                filter,
                shows: views.shows.clone(),
            };
            // A timeline too long for a page is cut into an overview and periods that each
            // fit a page with their text at a readable size.
            let (width, height) = pdf::diagram_page(genochron::layout::timeline::SMALLEST_TEXT);
            let timeline = genochron::layout::timeline::paged(case, &views.timeline, width, height);
            let document = pdf::report(case, &genogram_scene(case), &timeline, &options)
                .map_err(|e| e.to_string())?;
            for warning in &document.warnings {
                eprintln!("Note: {warning}");
            }
            Ok(document.bytes)
        }
        Format::Docx => {
            let options = docx::Options {
                bundle_section: args.bundle_section.clone(),
                start_page: args.start_page,
                filter,
                shows: views.shows.clone(),
                ..docx::Options::default()
            };
            // A long timeline is an overview and a picture a period, each fitting a page.
            let (width, height) = docx::picture_page();
            let timeline = genochron::layout::timeline::paged(case, &views.timeline, width, height);
            let document = docx::report(case, &genogram_scene(case), &timeline, &options)
                .map_err(|e| e.to_string())?;
            for warning in &document.warnings {
                eprintln!("Note: {warning}");
            }
            Ok(document.bytes)
        }
    }
}
