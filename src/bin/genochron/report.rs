//! `genochron report`.

use crate::common::Exit;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The case file.
    pub case: PathBuf,
    /// Where to write the output.
    #[arg(short, long)]
    pub output: Option<PathBuf>,
}

pub fn run(_args: &Args) -> Exit {
    eprintln!("genochron report is not built yet.");
    Exit::CouldNotRun
}
