//! genochron turns one structured case file into the two diagrams a child's social work file
//! needs: a genogram (who is in the child's family and network, who lives with whom, how they
//! get on) and a child-impact chronology (what the child has lived through, in date order).
//!
//! Data flows one way: [`input`] reads a file into a [`input::case_file::CaseFile`],
//! [`check()`] resolves it into a [`model::Case`] and reports problems, [`layout`] places
//! shapes in a [`layout::scene::Scene`], and [`render`] writes documents.
//!
//! The steps a caller takes, each one function:
//!
//! - load and check: [`load`] (bytes) or [`load_file`] (a path), giving the checked case and
//!   every problem and note with its line ([`diagnostic`]); [`check()`] for a case file
//!   already read;
//! - the case as at its date: [`as_at()`] (what the file dates later left out and counted);
//! - a version for an audience: [`redact::version`] (the whole case, or what one audience may
//!   see; nothing after it can leak what was left out);
//! - lay out: [`layout::genogram::genogram`] and [`layout::timeline::timeline`], each a
//!   [`layout::scene::Scene`], with options a caller may build from the command line's words
//!   ([`arguments`]);
//! - render: [`render::svg::scene`], [`render::png::png`], [`render::pdf::report`],
//!   [`render::html::report`], [`render::docx::report`], and the chronology tables in
//!   [`render::table`].
//! - or all of that for one document, a request the command line only fills from its
//!   arguments: a [`report::Report`] (format, views, numbering) whose [`report::Report::make`]
//!   gives the bytes and the notes for its author; a supervision review,
//!   [`report::review::ReviewReport`]; an [`import`] of a family tree, pedigree or
//!   spreadsheet of entries as a case file.
//!
//! The checker, the family graph, the review's and the mentions' workings, text measurement,
//! the vocabulary of choices, escaping and the internals of each reader are private to the
//! crate.
//!
//! ```
//! let text = br#"
//! case:
//!   title: Amy
//!   children: [amy]
//!   as-at: 2024-11-01
//! people:
//!   - id: amy
//!     name: Amy Mensah
//!     gender: female
//!     born: 2015-06-02
//! "#;
//! let loaded = genochron::load("amy.yaml", text);
//! let case = loaded.case.expect("no problems");
//! let amy = case.person(&case.details.subjects[0]).unwrap();
//! assert_eq!(amy.age_at(case.details.as_at).unwrap().to_string(), "9y 4m");
//! ```

pub mod arguments;
pub(crate) mod as_at;
pub(crate) mod check;
pub mod chronology;
pub mod diagnostic;
pub mod graph;
pub mod import;
pub mod input;
pub mod layout;
mod lookup;
pub mod mentions;
pub mod model;
pub mod redact;
pub mod render;
pub mod report;
pub(crate) mod review;
pub(crate) mod text;
pub(crate) mod vocabulary;

pub use as_at::cut as as_at;
pub use check::Source;

use diagnostic::Diagnostic;
use input::case_file::CaseFile;
use model::Case;
use sha2::{Digest, Sha256};
use std::path::Path;

/// A case file read and checked.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The checked case; `None` when there is any problem.
    pub case: Option<model::Case>,
    /// Problems and notes, sorted by line.
    pub diagnostics: Vec<Diagnostic>,
    /// How the diagnostics' places are named (lines, or a sheet's cells).
    pub places: diagnostic::Places,
}

impl Loaded {
    pub fn problems(&self) -> usize {
        self.diagnostics.iter().filter(|d| d.is_problem()).count()
    }

    pub fn notes(&self) -> usize {
        self.diagnostics.len() - self.problems()
    }
}

/// Reads and checks a case file given as bytes. `name` is the file's name, used to tell the
/// format by its extension and in the title block.
pub fn load(name: &str, bytes: &[u8]) -> Loaded {
    load_with_mapping(name, bytes, &[])
}

/// [`load`], with column headings of a spreadsheet of entries renamed by `mapping`
/// (`("Date of event", "date")`).
pub fn load_with_mapping(name: &str, bytes: &[u8], mapping: &[(String, String)]) -> Loaded {
    load_with_options(
        name,
        bytes,
        &input::entries_csv::ReadOptions::headings(mapping),
    )
}

/// [`load`], with the headings, value codes and sheet of a spreadsheet of entries.
pub fn load_with_options(
    name: &str,
    bytes: &[u8],
    options: &input::entries_csv::ReadOptions,
) -> Loaded {
    let (file, mut diagnostics) = input::case_file_with_options(name, bytes, options);
    let case = file.and_then(|file| {
        let (case, found) = check::case(&file, &source(name, bytes));
        diagnostics.extend(found);
        case
    });
    let diagnostics = diagnostic::sorted(diagnostics);
    let case = case.filter(|_| !diagnostics.iter().any(Diagnostic::is_problem));
    let places = input::places(name, bytes, options);
    Loaded {
        case,
        diagnostics,
        places,
    }
}

/// Reads and checks a case file from disk. This is the only place the library reads a file.
pub fn load_file(path: &Path) -> std::io::Result<Loaded> {
    load_file_with_mapping(path, &[])
}

/// [`load_file`], with spreadsheet headings renamed by `mapping`.
pub fn load_file_with_mapping(
    path: &Path,
    mapping: &[(String, String)],
) -> std::io::Result<Loaded> {
    load_file_with_options(path, &input::entries_csv::ReadOptions::headings(mapping))
}

/// [`load_file`], with the headings, value codes and sheet of a spreadsheet of entries.
pub fn load_file_with_options(
    path: &Path,
    options: &input::entries_csv::ReadOptions,
) -> std::io::Result<Loaded> {
    let bytes = std::fs::read(path)?;
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(load_with_options(&name, &bytes, options))
}

/// Checks a case file already read (an import's, say) as [`load`] does: the checked case and
/// every problem and note. `source` names the file in the title block ([`source`]).
pub fn check(file: &CaseFile, source: &Source) -> (Option<Case>, Vec<Diagnostic>) {
    check::case(file, source)
}

/// The name and short hash that let a printed copy be matched to its case file.
pub fn source(name: &str, bytes: &[u8]) -> Source {
    let digest = Sha256::digest(bytes);
    let hash: String = digest.iter().take(6).map(|b| format!("{b:02x}")).collect();
    Source {
        name: name.to_string(),
        hash,
    }
}
