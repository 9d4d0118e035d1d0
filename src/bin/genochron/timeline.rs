//! `genochron timeline`: the chronology drawn as a timeline (SVG), with focus and filters.

use crate::common::{self, Exit, FilterArgs};
use genochron::arguments::TimelineArguments;
use genochron::layout::timeline::{self, Lanes, TimelineOptions, select};
use genochron::model::{Case, View};
use std::path::PathBuf;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum LaneChoice {
    /// One lane per category (the default).
    Category,
    /// One lane per person named in the entries.
    Person,
    /// One lane per subject child.
    Child,
}

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub drawing: common::DrawingArgs,
    #[command(flatten)]
    pub window: WindowArgs,
    #[command(flatten)]
    pub filters: FilterArgs,
    /// Width of the time axis in pixels (default 1200; for a PNG, as long as the page
    /// width allows).
    #[arg(long, value_name = "PIXELS")]
    pub plot_width: Option<f64>,
    #[command(flatten)]
    pub picture: common::PictureArgs,
    /// Also write the placed layout as JSON (for tests and other tools).
    #[arg(long, value_name = "FILE")]
    pub layout_json: Option<PathBuf>,
}

/// How the timeline is drawn: its lanes, the stretch drawn in full and the gaps marked.
/// Shared by `timeline` and `report`.
#[derive(clap::Args, Debug, Clone)]
pub struct WindowArgs {
    /// How to group entries into lanes.
    #[arg(long, value_enum, default_value = "category")]
    pub lanes: LaneChoice,
    /// Draw in full from this date; earlier entries are summarised in one band.
    #[arg(long, value_name = "DATE")]
    pub from: Option<String>,
    /// Draw in full up to this date; later entries are summarised.
    #[arg(long, value_name = "DATE")]
    pub to: Option<String>,
    /// Draw in full only the last stretch before the "as at" date, e.g. 2y or 18m.
    #[arg(long, value_name = "LENGTH", conflicts_with = "from")]
    pub last: Option<String>,
    /// Mark stretches with no agency involvement longer than this (default 6m).
    #[arg(long, value_name = "LENGTH", default_value = "6m")]
    pub gap: String,
}

impl WindowArgs {
    /// The arguments as the library reads them, with a time axis `plot_width` wide.
    pub fn arguments(&self, plot_width: f64) -> TimelineArguments {
        TimelineArguments {
            lanes: match self.lanes {
                LaneChoice::Category => Lanes::Category,
                LaneChoice::Person => Lanes::Person,
                LaneChoice::Child => Lanes::Child,
            },
            from: self.from.clone(),
            to: self.to.clone(),
            last: self.last.clone(),
            gap: self.gap.clone(),
            plot_width,
        }
    }

    /// The timeline's options for `case` with the `filters`, or the exit when the arguments
    /// are wrong, after saying so and that `what` (e.g. "The timeline was not drawn") holds.
    pub fn options(
        &self,
        filters: &FilterArgs,
        plot_width: f64,
        case: &Case,
        what: &str,
    ) -> Result<TimelineOptions, Exit> {
        self.arguments(plot_width)
            .options(&filters.arguments(), case)
            .map_err(|message| {
                eprintln!("{message}\n{what}. Nothing was written.");
                Exit::CouldNotRun
            })
    }
}

pub fn run(args: &Args) -> Exit {
    let picture = match common::picture_for(args.drawing.output.as_deref(), "The timeline") {
        Ok(picture) => picture,
        Err(exit) => return exit,
    };
    let version = match args
        .filters
        .load(&args.drawing.case, View::Timeline, "The timeline")
    {
        Ok(version) => version,
        Err(exit) => return exit,
    };
    let plot_width = args
        .plot_width
        .unwrap_or(TimelineArguments::default().plot_width);
    let options = match args.window.options(
        &args.filters,
        plot_width,
        &version,
        "The timeline was not drawn",
    ) {
        Ok(options) => options,
        Err(exit) => return exit,
    };
    let selection = select(&version, &options.focus, &options.filter);
    report(&selection);
    let scene = match (picture, args.plot_width) {
        // A picture for a page: the time axis as long as the page allows with the text at a
        // size that reads there.
        (common::Picture::Png, None) => {
            genochron::report::timeline_for_page(&version, &options, args.picture.width)
        }
        _ => timeline::timeline(&version, &options),
    };
    common::write_drawing(
        scene,
        version,
        picture,
        &args.picture,
        args.drawing.output.as_deref(),
        args.layout_json.as_deref(),
        "The timeline",
    )
}

/// Tells the user what the focus and filters left out of the drawing.
fn report(selection: &timeline::Selection) {
    let summarised = selection.before.len() + selection.after.len();
    if summarised > 0 {
        eprintln!(
            "{summarised} entr{} outside the focus window {} summarised, not drawn one by one.",
            if summarised == 1 { "y" } else { "ies" },
            if summarised == 1 { "is" } else { "are" },
        );
    }
    for (reason, n) in selection.left_out_counts() {
        let numbers: Vec<String> = selection
            .left_out
            .iter()
            .filter(|(_, r)| *r == reason)
            .take(20)
            .map(|(e, _)| e.number.to_string())
            .collect();
        eprintln!(
            "{n} entr{} left out by the {} filter (Nos. {}{}).",
            if n == 1 { "y was" } else { "ies were" },
            reason.name(),
            numbers.join(", "),
            if n > 20 { ", ..." } else { "" }
        );
    }
}
