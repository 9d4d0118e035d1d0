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
pub(crate) fn clip(text: &str) -> String {
    if text.chars().count() <= 60 {
        text.to_string()
    } else {
        format!("{}…", text.chars().take(60).collect::<String>())
    }
}

/// A word with its indefinite article: "a person", "an audience", "an entry".
pub(crate) fn a(word: &str) -> String {
    let vowel = word
        .chars()
        .next()
        .is_some_and(|c| "aeiouAEIOU".contains(c));
    let exception = ["one", "unique", "use", "user", "unit"]
        .iter()
        .any(|w| word.starts_with(w));
    if vowel && !exception {
        format!("an {word}")
    } else {
        format!("a {word}")
    }
}

/// A count with its noun: "1 row", "3 rows".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{} {many}", thousands(n))
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

/// How many places a grouped note lists before it only counts the rest.
pub(crate) const PLACES_LISTED: usize = 5;

/// Notes of one kind folded into the first of them, with a count and the first few places of
/// the others, so that a large import's notes fit on a screen. Notes are of one kind when they
/// give the same advice (or, without advice, say the same thing). Problems are never folded:
/// each must be fixed where it is. Expects [`sorted`] diagnostics, and keeps their order.
/// `places` names the other places: lines, or a sheet's rows.
pub fn group_notes_in(places: &Places, diagnostics: &[Diagnostic]) -> Vec<Diagnostic> {
    // For each kind: the index of its first note, and the places of the others.
    let mut kinds: std::collections::BTreeMap<&str, (usize, Vec<Location>)> = Default::default();
    for (i, d) in diagnostics
        .iter()
        .enumerate()
        .filter(|(_, d)| !d.is_problem())
    {
        let kind = d.help.as_deref().unwrap_or(&d.message);
        let (first, others) = kinds.entry(kind).or_insert((i, Vec::new()));
        if *first != i {
            others.push(Location {
                line: d.line,
                column: d.column,
            });
        }
    }
    let firsts: std::collections::BTreeMap<usize, &[Location]> = kinds
        .values()
        .map(|(first, others)| (*first, others.as_slice()))
        .collect();
    let mut grouped = Vec::new();
    for (i, d) in diagnostics.iter().enumerate() {
        if d.is_problem() {
            grouped.push(d.clone());
        } else if let Some(others) = firsts.get(&i) {
            let mut d = d.clone();
            if !others.is_empty() {
                let more = more_like_this(places, others);
                d.help = Some(match d.help {
                    Some(help) => format!("{help}\n  {more}"),
                    None => more,
                });
            }
            grouped.push(d);
        }
    }
    grouped
}

/// "3 more notes like this one, at lines 12, 40 and 77." and so on.
fn more_like_this(file_places: &Places, places: &[Location]) -> String {
    let (line_word, lines_word) = match file_places {
        Places::Lines => ("line", "lines"),
        Places::Cells { .. } => ("row", "rows"),
    };
    let lines: Vec<String> = places
        .iter()
        .take(PLACES_LISTED)
        .filter(|p| p.line > 0)
        .map(|p| p.line.to_string())
        .collect();
    let count = places.len();
    let notes = if count == 1 {
        "1 more note like this one".to_string()
    } else {
        format!("{} more notes like this one", thousands(count))
    };
    let rest = count.saturating_sub(lines.len());
    let at = match (lines.len(), rest) {
        (0, _) => String::new(),
        (1, 0) => format!(", at {line_word} {}", lines[0]),
        (n, 0) => format!(
            ", at {lines_word} {} and {}",
            lines[..n - 1].join(", "),
            lines[n - 1]
        ),
        (_, rest) => format!(
            ", at {lines_word} {} and {} more",
            lines.join(", "),
            thousands(rest)
        ),
    };
    format!("{notes}{at} (`--notes all` shows each).")
}

/// A count with thousands separated: 1,194.
pub(crate) fn thousands(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
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

/// The longest word compared with known names: the search costs the product of the two
/// lengths, and no field name or choice is longer than this.
const MAX_COMPARED_CHARS: usize = 40;

/// The known name closest to a misspelt one, if any is close enough to be a likely typo, or
/// the one it is the start of (`legal` for `legal-status`).
pub(crate) fn nearest<'a>(name: &str, known: &[&'a str]) -> Option<&'a str> {
    if name.chars().count() > MAX_COMPARED_CHARS {
        return None;
    }
    let name = name.to_lowercase().replace('_', "-");
    known
        .iter()
        .filter_map(|k| {
            let distance = strsim::damerau_levenshtein(&name, k);
            let typo = distance <= (k.len() / 3).max(2)
                || name.replace(['-', ' '], "") == k.replace('-', "");
            let start = name.len() >= 3 && k.starts_with(&format!("{name}-"));
            (typo || start).then_some((if start { 1 } else { distance }, *k))
        })
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggests_only_close_names() {
        assert_eq!(nearest("as_at", &["as-at", "author"]), Some("as-at"));
        assert_eq!(nearest("colour", &["name", "born"]), None);
        assert_eq!(
            nearest("legal", &["legal-status", "health"]),
            Some("legal-status")
        );
        assert_eq!(nearest(&"x".repeat(10_000), &["name"]), None);
    }

    fn note(line: usize, message: &str, help: &str) -> Diagnostic {
        Diagnostic::note(Location { line, column: 1 }, message).with_help(help)
    }

    #[test]
    fn notes_of_one_kind_become_one_with_a_count_and_places() {
        let mut all: Vec<Diagnostic> = (1..=400)
            .map(|i| {
                note(
                    i * 3,
                    &format!("Partnership {i} has no status."),
                    "Add `status:`.",
                )
            })
            .collect();
        all.push(note(2, "The file has no date.", "Add `as-at:`."));
        all.push(Diagnostic::problem(
            Location { line: 5, column: 1 },
            "Broken.",
        ));
        all.push(Diagnostic::problem(
            Location { line: 8, column: 1 },
            "Broken.",
        ));
        let grouped = group_notes_in(&Places::Lines, &sorted(all));
        assert_eq!(grouped.len(), 4, "{grouped:#?}");
        let partnership = grouped
            .iter()
            .find(|d| d.message.starts_with("Partnership 1 "))
            .unwrap();
        assert_eq!(
            partnership.help.as_deref(),
            Some(
                "Add `status:`.\n  399 more notes like this one, at lines 6, 9, 12, 15, 18 and \
                 394 more (`--notes all` shows each)."
            )
        );
        assert_eq!(grouped.iter().filter(|d| d.is_problem()).count(), 2);
        let date = grouped.iter().find(|d| d.line == 2).unwrap();
        assert_eq!(date.help.as_deref(), Some("Add `as-at:`."));
    }

    #[test]
    fn articles_and_plurals_read_as_english() {
        assert_eq!(a("audience"), "an audience");
        assert_eq!(a("entry"), "an entry");
        assert_eq!(a("person"), "a person");
        assert_eq!(a("use"), "a use");
        assert_eq!(count(1, "row", "rows"), "1 row");
        assert_eq!(count(2_000, "row", "rows"), "2,000 rows");
    }

    #[test]
    fn counts_read_as_english() {
        assert_eq!(
            more_like_this(&Places::Lines, &[Location { line: 4, column: 1 }]),
            "1 more note like this one, at line 4 (`--notes all` shows each)."
        );
        // A workbook's notes are on rows of a sheet, not lines of a file.
        let sheet = Places::Cells {
            sheet: "Sheet1".to_string(),
        };
        let rows = [
            Location { line: 4, column: 1 },
            Location { line: 9, column: 1 },
        ];
        assert_eq!(
            more_like_this(&sheet, &rows),
            "2 more notes like this one, at rows 4 and 9 (`--notes all` shows each)."
        );
        assert_eq!(thousands(1_234_567), "1,234,567");
        assert_eq!(thousands(999), "999");
    }
}
