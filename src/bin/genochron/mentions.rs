//! `genochron mentions`: names written plainly in the case file's free text, listed with
//! their lines and columns, and with `--fix` written as `@id` mentions where that is certain.

use crate::common::{self, Exit};
use genochron::diagnostic::{Diagnostic, to_text};
use genochron::mentions::plain::{self, FixError, Outcome, PlainName};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The case file (.yaml, .json or .toml).
    pub case: PathBuf,
    /// Write every name that can only mean one person as its mention (`@kayleigh`), in the
    /// case file itself (or in --output), keeping every other line and comment as it is.
    #[arg(long)]
    pub fix: bool,
    /// With --fix: write the new case file here instead of over the old one.
    #[arg(short, long, value_name = "FILE", requires = "fix")]
    pub output: Option<PathBuf>,
}

pub fn run(args: &Args) -> Exit {
    let name = common::display_name(&args.case);
    let bytes = match std::fs::read(&args.case) {
        Ok(bytes) => bytes,
        Err(error) => {
            eprintln!(
                "genochron could not open {}: {}.",
                args.case.display(),
                common::plain_io_error(&error)
            );
            return Exit::CouldNotRun;
        }
    };
    let is_case_file = args
        .case
        .extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| {
            ["yaml", "yml", "json", "toml"].contains(&e.to_ascii_lowercase().as_str())
        });
    let Some(source) = std::str::from_utf8(&bytes).ok().filter(|_| is_case_file) else {
        eprintln!(
            "{name} is not a case file genochron can rewrite: mentions reads case files written \
             as YAML, JSON or TOML in UTF-8. Import other files first with `genochron import`."
        );
        return Exit::CouldNotRun;
    };
    if args.fix {
        fix(args, &name, source)
    } else {
        list(&name, source)
    }
}

fn list(name: &str, source: &str) -> Exit {
    let loaded = genochron::load(name, source.as_bytes());
    let Some(case) = loaded.case else {
        return refuse(name, &loaded.diagnostics);
    };
    let found = plain::find(&case, source);
    let certain = found
        .iter()
        .filter(|p| matches!(p.outcome, Outcome::Mention(_)))
        .count();
    print!("{}", to_text(name, &notes(&found, false)));
    eprintln!(
        "{name}: {} can be written as mentions (`genochron mentions {name} --fix` does it); {} \
         for you to decide.",
        count(certain, "name", "names"),
        count(found.len() - certain, "is left", "are left"),
    );
    Exit::Done
}

fn fix(args: &Args, name: &str, source: &str) -> Exit {
    let fixed = match plain::fix(name, source) {
        Ok(fixed) => fixed,
        Err(FixError::Problems(diagnostics)) => return refuse(name, &diagnostics),
    };
    let target = args.output.as_deref().unwrap_or(&args.case);
    if !fixed.rewritten.is_empty() || args.output.is_some() {
        let exit = common::write_output(Some(target), fixed.text.as_bytes(), "The case file");
        if exit != Exit::Done {
            return exit;
        }
    }
    print!("{}", to_text(name, &notes(&fixed.rewritten, true)));
    print!(
        "{}",
        to_text(&common::display_name(target), &notes(&fixed.left, false))
    );
    eprintln!(
        "{name}: {} written as mentions; {} for you to decide.",
        count(fixed.rewritten.len(), "name", "names"),
        count(fixed.left.len(), "is left", "are left"),
    );
    Exit::Done
}

fn refuse(name: &str, diagnostics: &[Diagnostic]) -> Exit {
    common::print_diagnostics(name, diagnostics);
    eprintln!(
        "{name} has problems to fix first (`genochron check {name}` lists them). Nothing was \
         changed."
    );
    Exit::Problems
}

/// Each name as a note at its line and column.
fn notes(found: &[PlainName], done: bool) -> Vec<Diagnostic> {
    found
        .iter()
        .map(|p| match &p.outcome {
            Outcome::Mention(mention) if done => Diagnostic::note(
                p.at,
                format!("\u{201c}{}\u{201d} is now {mention}.", p.written),
            ),
            Outcome::Mention(mention) => Diagnostic::note(
                p.at,
                format!(
                    "\u{201c}{}\u{201d} can only mean one person: it can be written {mention}.",
                    p.written
                ),
            )
            .with_help("`genochron mentions --fix` writes it."),
            Outcome::Left { why, help } => {
                Diagnostic::note(p.at, format!("\u{201c}{}\u{201d} {why}.", p.written))
                    .with_help(help.clone())
            }
        })
        .collect()
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
