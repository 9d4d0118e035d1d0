//! `genochron genogram`: draws the family as a genogram SVG, and optionally its layout as JSON.

use crate::common::{self, CaseArgs, Exit};
use genochron::layout::genogram::{DeceasedStyle, Focus, GenogramOptions};
use genochron::model::{PersonId, View};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    pub case: CaseArgs,
    /// Where to write the SVG, or a PNG when the name ends in .png (standard output when not
    /// given).
    #[arg(short, long)]
    pub output: Option<PathBuf>,
    #[command(flatten)]
    pub picture: common::PictureArgs,
    /// Also write the placed layout as JSON (items with boxes and lines, and metrics).
    #[arg(long, value_name = "FILE")]
    pub layout_json: Option<PathBuf>,
    /// Draw only the family around this person (their id in the case file).
    #[arg(long, value_name = "ID")]
    pub focus: Option<String>,
    /// With --focus: how many generations of ancestors to include.
    #[arg(long, default_value_t = 2, requires = "focus")]
    pub up: u32,
    /// With --focus: how many generations below the person to include.
    #[arg(long, default_value_t = 2, requires = "focus")]
    pub down: u32,
    /// Make the version for this audience (declared under `audiences` in the case file):
    /// people shown by initials or role, hidden details left out, refused if the check finds
    /// anything the audience may not see.
    #[arg(long, value_name = "NAME")]
    pub audience: Option<String>,
    /// How to mark people who have died: an X through the symbol, or one slash.
    #[arg(long, value_enum, default_value = "cross")]
    pub deceased: Deceased,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Deceased {
    Cross,
    Slash,
}

pub fn run(args: &Args) -> Exit {
    let picture = match common::picture_for(args.output.as_deref(), "The genogram") {
        Ok(picture) => picture,
        Err(exit) => return exit,
    };
    let case = match common::load_as_at(&args.case, "The genogram") {
        Ok(case) => case,
        Err(exit) => return exit,
    };
    // The focus is named by the case file's id, which a version for an audience replaces.
    let focus_position = args
        .focus
        .as_ref()
        .map(|id| case.people.position(&PersonId(id.clone())));
    let case = match common::version(
        case,
        args.audience.as_deref(),
        &args.case.case,
        "The genogram",
    ) {
        Ok(case) => case,
        Err(exit) => return exit,
    };
    if let Err(exit) = common::require_view(&case, View::Genogram, "The genogram") {
        return exit;
    }
    let focus = match (&args.focus, focus_position) {
        (Some(id), Some(position)) => {
            let person = match position.and_then(|i| case.people.iter().nth(i)) {
                Some(person) => person.id.clone(),
                None => PersonId(id.clone()),
            };
            if position.is_none() {
                eprintln!(
                    "There is no one with the id \"{id}\" in {}, so the genogram cannot focus on them. Nothing was written.",
                    common::display_name(&args.case.case)
                );
                return Exit::Problems;
            }
            Some(Focus {
                person,
                up: args.up,
                down: args.down,
            })
        }
        _ => None,
    };
    let options = GenogramOptions {
        as_at: None,
        focus,
        deceased: match args.deceased {
            Deceased::Cross => DeceasedStyle::Cross,
            Deceased::Slash => DeceasedStyle::Slash,
        },
        ..GenogramOptions::default()
    };
    let scene = genochron::layout::genogram::genogram(&case, &options);
    if let Some(path) = &args.layout_json {
        let exit = common::write_output(Some(path), scene.to_json().as_bytes(), "The layout");
        if exit != Exit::Done {
            return exit;
        }
    }
    let bytes = match common::picture_bytes(&scene, picture, &args.picture, "The genogram") {
        Ok(bytes) => bytes,
        Err(exit) => return exit,
    };
    common::write_output(args.output.as_deref(), &bytes, "The genogram")
}
