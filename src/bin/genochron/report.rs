//! `genochron report`: the court-ready PDF, the same document for Word, the self-contained
//! HTML page, or one diagram as a PNG, optionally redacted for an audience. The arguments
//! become a `genochron::report::Report`; the library makes the document.

use crate::common::{self, CaseArgs, Exit, FilterArgs};
use crate::{genogram, timeline};
use genochron::arguments::TimelineArguments;
use genochron::report::{Format, Report};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Diagram {
    Genogram,
    Timeline,
}

impl From<Diagram> for genochron::report::Diagram {
    fn from(diagram: Diagram) -> Self {
        match diagram {
            Diagram::Genogram => genochron::report::Diagram::Genogram,
            Diagram::Timeline => genochron::report::Diagram::Timeline,
        }
    }
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
    #[arg(long, default_value_t = genochron::render::png::DEFAULT_DPI)]
    pub dpi: u32,
    /// Which diagram a PNG shows; by default taken from the file name.
    #[arg(long, value_enum)]
    pub diagram: Option<Diagram>,
    /// Put the case title in the document's metadata (the PDF's title, the HTML page's
    /// title). Off by default, because titles usually name the child.
    #[arg(long)]
    pub title_in_metadata: bool,
}

pub fn run(args: &Args) -> Exit {
    let format = match Format::from_name(&args.output, args.diagram.map(Into::into)) {
        Ok(format) => format,
        Err(message) => {
            eprintln!("{message}\nNothing was written.");
            return Exit::CouldNotRun;
        }
    };
    let what = format.what();
    let (file_case, case) = match args.filters.load_both(&args.case, what) {
        Ok(both) => both,
        Err(exit) => return exit,
    };
    // A report leaves out the views its audience does not get (its front page says which);
    // a picture of one diagram is that view or nothing; the Word document needs all three.
    if let Some(view) = format.missing_view(&case)
        && let Err(exit) = common::require_view(&case, view, what)
    {
        return exit;
    }
    let genogram = match args.genogram.options(&file_case, &case, &args.case.case) {
        Ok(options) => options,
        Err(exit) => return exit,
    };
    let plot_width = TimelineArguments::default().plot_width;
    let timeline =
        match args
            .window
            .options(&args.filters, plot_width, &case, "The report was not made")
        {
            Ok(options) => options,
            Err(exit) => return exit,
        };
    let request = Report {
        format,
        genogram,
        timeline,
        fit_pages: args.fit_pages,
        bundle_section: args.bundle_section.clone(),
        start_page: args.start_page,
        width: args.width,
        dpi: args.dpi,
        title_in_metadata: args.title_in_metadata,
    };
    match request.make(&case) {
        Ok(written) => {
            if let Some(left_out) = &written.left_out {
                eprintln!("{left_out}");
            }
            for note in &written.notes {
                eprintln!("Note: {note}");
            }
            common::write_output(Some(&args.output), &written.bytes, what)
        }
        Err(error) => {
            if let Some(left_out) = &error.left_out {
                eprintln!("{left_out}");
            }
            eprintln!("{error}\n{what} was not made. Nothing was written.");
            Exit::CouldNotRun
        }
    }
}
