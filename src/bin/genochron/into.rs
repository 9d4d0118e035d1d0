//! `genochron import new.csv --into case.yaml`: new entries added to an existing case file,
//! which is written only when the result checks cleanly.

use crate::common::{Exit, display_name, print_diagnostics_in};
use genochron::diagnostic::{Diagnostic, Places};
use genochron::input::append;
use genochron::input::case_file::CaseFile;
use std::path::Path;

/// Adds `new` (read from the spreadsheet `source`, whose messages so far are `diagnostics`) to
/// the case file at `into`.
pub fn run(
    into: &Path,
    source: &str,
    places: &Places,
    new: CaseFile,
    mut diagnostics: Vec<Diagnostic>,
    args: &crate::import::Args,
) -> Exit {
    let case_name = display_name(into);
    let is_yaml = into
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if !is_yaml {
        eprintln!(
            "--into adds entries to a YAML case file (.yaml); {case_name} is not one. Nothing was \
             written."
        );
        return Exit::CouldNotRun;
    }
    let text = match std::fs::read(into).map(String::from_utf8) {
        Ok(Ok(text)) => text,
        Ok(Err(_)) => {
            eprintln!("{case_name} is not saved as UTF-8 text. Nothing was written.");
            return Exit::CouldNotRun;
        }
        Err(error) => {
            eprintln!(
                "Could not read {}: {error}. Nothing was written.",
                into.display()
            );
            return Exit::CouldNotRun;
        }
    };
    let (case, case_diagnostics) = genochron::input::case_file(&case_name, text.as_bytes());
    let Some(case) = case else {
        print_diagnostics_in(&case_name, &Places::Lines, &case_diagnostics);
        eprintln!("{case_name} could not be read, so nothing was added. Nothing was written.");
        return Exit::Problems;
    };
    let appended = match append::entries(&text, &case, &new) {
        Ok(appended) => appended,
        Err(message) => {
            eprintln!("{message}\nNothing was written.");
            return Exit::CouldNotRun;
        }
    };
    diagnostics.extend(appended.diagnostics);
    let diagnostics = genochron::diagnostic::sorted(diagnostics);
    print_diagnostics_in(source, places, &diagnostics);
    if diagnostics.iter().any(Diagnostic::is_problem) {
        eprintln!(
            "\nNo entries were added to {case_name} because of these problems. Nothing was written."
        );
        return Exit::Problems;
    }
    if appended.added == 0 {
        eprintln!("Every row of {source} is already in {case_name}: nothing was added.");
        return Exit::Done;
    }
    let loaded = genochron::load(&case_name, appended.text.as_bytes());
    if loaded.problems() > 0 {
        let problems: Vec<Diagnostic> = loaded
            .diagnostics
            .into_iter()
            .filter(Diagnostic::is_problem)
            .collect();
        print_diagnostics_in(
            &format!("{case_name} with the new entries"),
            &Places::Lines,
            &problems,
        );
        eprintln!(
            "{case_name} would not check with the new entries (the lines above are those of the \
             file as it would be). Nothing was written. Correct the rows (or the case file) and \
             add them again."
        );
        return Exit::Problems;
    }
    let target = args.output.as_deref().unwrap_or(into);
    let exit = crate::common::write_output(Some(target), appended.text.as_bytes(), "The case file");
    if exit == Exit::Done {
        eprintln!(
            "Added {} {} from {source} to {case_name}.",
            appended.added,
            if appended.added == 1 {
                "entry"
            } else {
                "entries"
            }
        );
    }
    exit
}
