//! `genochron genogram`: draws the family as a genogram SVG, and optionally its layout as JSON.

use crate::common::{self, Exit};
use genochron::arguments::GenogramArguments;
use genochron::layout::genogram::{DeceasedStyle, GenogramOptions};
use genochron::model::{Case, View};
use genochron::redact::Version;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub drawing: common::DrawingArgs,
    #[command(flatten)]
    pub picture: common::PictureArgs,
    /// Also write the placed layout as JSON (items with boxes and lines, and metrics).
    #[arg(long, value_name = "FILE")]
    pub layout_json: Option<PathBuf>,
    #[command(flatten)]
    pub view: ViewArgs,
    /// Make the version for this audience (declared under `audiences` in the case file):
    /// people shown by initials or role, hidden details left out, refused if the check finds
    /// anything the audience may not see.
    #[arg(long, value_name = "NAME")]
    pub audience: Option<String>,
}

/// Which part of the family the genogram draws, and how: shared by `genogram` and `report`.
#[derive(clap::Args, Debug, Clone)]
pub struct ViewArgs {
    /// Draw only the family around this person (their id in the case file).
    #[arg(long, value_name = "ID")]
    pub focus: Option<String>,
    /// With --focus: how many generations of ancestors to include.
    #[arg(long, default_value_t = GenogramArguments::default().up, requires = "focus")]
    pub up: u32,
    /// With --focus: how many generations below the person to include.
    #[arg(long, default_value_t = GenogramArguments::default().down, requires = "focus")]
    pub down: u32,
    /// How to mark people who have died: an X through the symbol, or one slash.
    #[arg(long, value_enum, default_value = "cross")]
    pub deceased: Deceased,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deceased {
    Cross,
    Slash,
}

impl ViewArgs {
    /// The arguments as the library reads them.
    pub fn arguments(&self) -> GenogramArguments {
        GenogramArguments {
            focus: self.focus.clone(),
            up: self.up,
            down: self.down,
            deceased: match self.deceased {
                Deceased::Cross => DeceasedStyle::Cross,
                Deceased::Slash => DeceasedStyle::Slash,
            },
        }
    }

    /// The genogram's options for a version of `case` (see [`GenogramArguments::options`]).
    /// An unknown focus id is a problem (exit 1).
    pub fn options(
        &self,
        case: &Case,
        version: &Version,
        file: &Path,
    ) -> Result<GenogramOptions, Exit> {
        self.arguments().options(case, version).map_err(|id| {
            eprintln!(
                "There is no one with the id \"{id}\" in {}, so the genogram cannot \
                 focus on them. Nothing was written.",
                common::display_name(file)
            );
            Exit::Problems
        })
    }
}

pub fn run(args: &Args) -> Exit {
    let picture = match common::picture_for(args.drawing.output.as_deref(), "The genogram") {
        Ok(picture) => picture,
        Err(exit) => return exit,
    };
    let case = match common::load_as_at(&args.drawing.case, "The genogram") {
        Ok(case) => case,
        Err(exit) => return exit,
    };
    let version = match common::version(
        case.clone(),
        args.audience.as_deref(),
        &args.drawing.case.case,
        "The genogram",
    ) {
        Ok(version) => version,
        Err(exit) => return exit,
    };
    if let Err(exit) = common::require_view(&version, View::Genogram, "The genogram") {
        return exit;
    }
    let options = match args.view.options(&case, &version, &args.drawing.case.case) {
        Ok(options) => options,
        Err(exit) => return exit,
    };
    let scene = genochron::layout::genogram::genogram(&version, &options);
    common::write_drawing(
        scene,
        case,
        picture,
        &args.picture,
        args.drawing.output.as_deref(),
        args.layout_json.as_deref(),
        "The genogram",
    )
}
