//! What every command shares: exit codes, loading a case with its messages, writing output.

use std::path::PathBuf;

/// The exit codes: 0 done, 1 problems in the input, 2 could not run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Exit {
    Done = 0,
    Problems = 1,
    CouldNotRun = 2,
}

#[derive(clap::Args)]
pub struct CheckArgs {
    /// The case file.
    pub case: PathBuf,
}

pub fn check(_args: &CheckArgs) -> Exit {
    Exit::CouldNotRun
}

pub fn schema() -> Exit {
    Exit::CouldNotRun
}
