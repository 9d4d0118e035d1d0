//! Problems and notes about an input file, in the practitioner's words.
//!
//! A *problem* stops the drawing; a *note* lets it go ahead but flags something unusual.
//! Every stage that reads input reports through this type, so the binary can print them all
//! together, sorted by line.

use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file must be changed before anything is drawn.
    Problem,
    /// Drawn, but worth a look.
    Note,
}

/// One thing to tell the user about their file.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Diagnostic {
    /// 1-based; 0 when the diagnostic is about the whole file.
    pub line: usize,
    /// 1-based; 0 when not known.
    pub column: usize,
    pub severity: Severity,
    /// What is wrong, in full sentences, quoting only the field at fault.
    pub message: String,
    /// What to do about it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub help: Option<String>,
}

/// A place in a file: 1-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Location {
    pub line: usize,
    pub column: usize,
}

impl Diagnostic {
    pub fn problem(at: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            line: at.line,
            column: at.column,
            severity: Severity::Problem,
            message: message.into(),
            help: None,
        }
    }

    pub fn note(at: Location, message: impl Into<String>) -> Diagnostic {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::problem(at, message)
        }
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_problem(&self) -> bool {
        self.severity == Severity::Problem
    }
}

/// Quotes at most 60 characters of a value in a message: messages quote only the field at
/// fault, never a whole pasted paragraph (case files hold sensitive personal data).
pub fn clip(text: &str) -> String {
    if text.chars().count() <= 60 {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(60).collect::<String>())
    }
}

/// Diagnostics in the order the user reads them: by line, then column, problems first.
pub fn sorted(mut diagnostics: Vec<Diagnostic>) -> Vec<Diagnostic> {
    diagnostics.sort_by(|a, b| {
        (a.line, a.column, a.severity, &a.message).cmp(&(b.line, b.column, b.severity, &b.message))
    });
    diagnostics.dedup();
    diagnostics
}

/// Diagnostics as the command line prints them: what kind, where, what is wrong, what to do.
///
/// ```text
/// Problem in mensah-family.yaml, line 18, column 7:
///   The parent "kwabena" is not the id of anyone in the file.
///   Did you mean "kwabena-mensah" (line 6)?
/// ```
pub fn to_text(file: &str, diagnostics: &[Diagnostic]) -> String {
    to_text_in(file, &Places::Lines, diagnostics)
}

/// How a file's places are named in messages.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub enum Places {
    /// Line and column of a text file.
    #[default]
    Lines,
    /// Cells of a workbook's sheet, as spreadsheet programs name them: `Sheet1!C14` (the
    /// line is the row number, the column counts from A = 1).
    Cells { sheet: String },
}

impl Places {
    /// ", line 3, column 2", or ", Sheet1!B3" (", Sheet1 row 3" for a whole row).
    pub fn describe(&self, line: usize, column: usize) -> String {
        match (self, line, column) {
            (_, 0, _) => String::new(),
            (Places::Lines, line, 0) => format!(", line {line}"),
            (Places::Lines, line, column) => format!(", line {line}, column {column}"),
            (Places::Cells { sheet }, row, 0) => format!(", {} row {row}", sheet_reference(sheet)),
            (Places::Cells { sheet }, row, column) => format!(
                ", {}!{}{row}",
                sheet_reference(sheet),
                crate::input::entries_csv::column_letters(column)
            ),
        }
    }
}

/// A sheet's name as a cell reference writes it: quoted when it has spaces or punctuation.
fn sheet_reference(sheet: &str) -> String {
    if sheet.chars().all(|c| c.is_alphanumeric() || c == '_') {
        sheet.to_string()
    } else {
        format!("'{}'", sheet.replace('\'', "''"))
    }
}

/// [`to_text`] for a file whose places are named by `places`.
pub fn to_text_in(file: &str, places: &Places, diagnostics: &[Diagnostic]) -> String {
    let mut text = String::new();
    for d in diagnostics {
        let kind = match d.severity {
            Severity::Problem => "Problem",
            Severity::Note => "Note",
        };
        let place = places.describe(d.line, d.column);
        text.push_str(&format!("{kind} in {file}{place}:\n  {}\n", d.message));
        if let Some(help) = &d.help {
            text.push_str(&format!("  {help}\n"));
        }
        text.push('\n');
    }
    text
}
