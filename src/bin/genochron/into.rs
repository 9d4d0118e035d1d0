//! `genochron import new.csv --into case.yaml`: new entries added to an existing case file,
//! which is written only when the result checks cleanly.

use crate::common::{Exit, display_name, print_diagnostics_in};
use genochron::diagnostic::{Diagnostic, Places};
use genochron::import::Imported;
use genochron::input::append;
use std::path::Path;

/// Adds the entries of the spreadsheet `source`, as `imported`, to the case file at `into`.
pub fn run(into: &Path, source: &str, imported: Imported, args: &crate::import::Args) -> Exit {
    let Imported {
        file,
        mut diagnostics,
        places,
        ..
    } = imported;
    let Some(new) = file.filter(|_| !diagnostics.iter().any(Diagnostic::is_problem)) else {
        print_diagnostics_in(source, &places, &diagnostics);
        eprintln!("\n{source} was not read because of problems. Nothing was written.");
        return Exit::Problems;
    };
    let case_name = display_name(into);
    let text = match read_case(into, &case_name) {
        Ok(text) => text,
        Err(exit) => return exit,
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
    print_diagnostics_in(source, &places, &diagnostics);
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
    if let Err(exit) = check_appended(&case_name, &appended.text) {
        return exit;
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

/// The case file's text, which must be YAML in UTF-8.
fn read_case(into: &Path, case_name: &str) -> Result<String, Exit> {
    let is_yaml = into
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("yaml") || e.eq_ignore_ascii_case("yml"));
    if !is_yaml {
        eprintln!(
            "--into adds entries to a YAML case file (.yaml); {case_name} is not one. Nothing was \
             written."
        );
        return Err(Exit::CouldNotRun);
    }
    match std::fs::read(into).map(String::from_utf8) {
        Ok(Ok(text)) => Ok(text),
        Ok(Err(_)) => {
            eprintln!("{case_name} is not saved as UTF-8 text. Nothing was written.");
            Err(Exit::CouldNotRun)
        }
        Err(error) => {
            eprintln!(
                "Could not read {}: {error}. Nothing was written.",
                into.display()
            );
            Err(Exit::CouldNotRun)
        }
    }
}

/// Refuses the case file with the new entries when it would not check.
fn check_appended(case_name: &str, text: &str) -> Result<(), Exit> {
    let loaded = genochron::load(case_name, text.as_bytes());
    if loaded.problems() == 0 {
        return Ok(());
    }
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
    Err(Exit::Problems)
}
