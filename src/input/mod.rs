//! Input: reads case files (YAML, JSON, TOML) and imports (GEDCOM, pedigree tables, CSV and
//! Excel entries) into [`case_file::CaseFile`], keeping the line and column of every value.

pub mod append;
pub mod case_file;
pub mod entries_csv;
pub mod entries_xlsx;
pub mod gedcom;
pub mod pedigree;
pub(crate) mod read;
pub(crate) mod tree;
pub mod write;
mod yaml_errors;

use crate::diagnostic::{Diagnostic, Location, Places};
use case_file::CaseFile;
use entries_csv::ReadOptions;

/// Text in Windows-1252, the "ANSI" of files written on Windows: GEDCOM 5.5 files that say
/// so (or claim UTF-8 and are not), and Excel's "CSV" on most UK machines. Every byte is a
/// character, so nothing is lost; the five bytes the code page leaves unassigned become the
/// control characters of the same number.
pub(crate) fn windows_1252(bytes: &[u8]) -> String {
    encoding_rs::WINDOWS_1252
        .decode_without_bom_handling(bytes)
        .0
        .into_owned()
}

/// The file formats genochron reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Format {
    Yaml,
    Json,
    Toml,
}

impl Format {
    /// The format from the file name's extension, or else from the content: a file starting
    /// with `{` is JSON, one with a `[table]` line is TOML, anything else YAML.
    pub fn detect(name: &str, text: &str) -> Format {
        let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
        match extension.as_deref() {
            Some("json") => Format::Json,
            Some("toml") => Format::Toml,
            Some("yaml" | "yml") => Format::Yaml,
            _ => {
                let start = text.trim_start();
                if start.starts_with('{') {
                    Format::Json
                } else if start.lines().any(|l| l.trim_start().starts_with("[case]")) {
                    Format::Toml
                } else {
                    Format::Yaml
                }
            }
        }
    }
}

/// Reads a case file's bytes. The case file is returned even with problems, so that `check`
/// can add its own problems in the same run; it is `None` only when the file could not be
/// read as a case file at all.
pub fn case_file(name: &str, bytes: &[u8]) -> (Option<CaseFile>, Vec<Diagnostic>) {
    case_file_with_mapping(name, bytes, &[])
}

/// [`case_file`], with `mapping` renaming the column headings of a spreadsheet of entries
/// (`"Date of event"` → `date`); other formats ignore it.
pub(crate) fn case_file_with_mapping(
    name: &str,
    bytes: &[u8],
    mapping: &[(String, String)],
) -> (Option<CaseFile>, Vec<Diagnostic>) {
    case_file_with_options(name, bytes, &ReadOptions::headings(mapping))
}

/// [`case_file`], with the headings, value codes and sheet of a spreadsheet of entries as the
/// user gave them (`--map`, `--values`, `--sheet`); other formats ignore them.
pub(crate) fn case_file_with_options(
    name: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> (Option<CaseFile>, Vec<Diagnostic>) {
    if let Some(problem) = empty(bytes) {
        return (None, vec![problem]);
    }
    if let Some(import) = import(name, bytes, options) {
        return import;
    }
    let text = match text(bytes) {
        Ok(text) => text,
        Err(problem) => return (None, vec![problem]),
    };
    let tree = match Format::detect(name, text) {
        Format::Yaml | Format::Json => tree::yaml(text),
        Format::Toml => tree::toml(text),
    };
    match tree {
        Ok(root) => {
            let mut diagnostics = Vec::new();
            let file = read::case_file(&root, &mut diagnostics);
            // A file that is not a group of fields at all has nothing for `check` to add to.
            let is_fields = matches!(root.value, tree::Value::Map(_));
            (is_fields.then_some(file), diagnostics)
        }
        Err(problem) => (None, vec![problem]),
    }
}

/// A file with nothing in it (or only spaces and blank lines): said plainly, whatever its
/// format, instead of being read as an empty case or an empty table.
pub fn empty(bytes: &[u8]) -> Option<Diagnostic> {
    let text = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    text.iter().all(u8::is_ascii_whitespace).then(|| {
        Diagnostic::problem(Location { line: 0, column: 0 }, "The file is empty.").with_help(
            "Check that this is the file you meant; if it was just saved, save it again and \
             make sure the save finished.",
        )
    })
}

/// The file as UTF-8 text, without a byte-order mark.
fn text(bytes: &[u8]) -> Result<&str, Diagnostic> {
    let whole_file = Location { line: 0, column: 0 };
    if bytes.len() > tree::MAX_FILE_BYTES {
        return Err(Diagnostic::problem(
            whole_file,
            format!(
                "The file is {} MB; genochron reads case files up to {} MB.",
                bytes.len() / (1024 * 1024),
                tree::MAX_FILE_BYTES / (1024 * 1024)
            ),
        )
        .with_help("Check that this is the case file you meant."));
    }
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if let Some(zero) = bytes.iter().position(|b| *b == 0) {
        return Err(Diagnostic::problem(
            place_of_byte(bytes, zero),
            "The file is not a text file: it holds binary data (a zero byte) here.",
        )
        .with_help(
            "Open the case file you meant (a .yaml, .json or .toml file); if it is, the file \
             was damaged: use a saved copy.",
        ));
    }
    std::str::from_utf8(bytes).map_err(|error| {
        Diagnostic::problem(
            place_of_byte(bytes, error.valid_up_to()),
            "The file is not saved as UTF-8 text: this line has a character genochron cannot read.",
        )
        .with_help(
            "Save the file as UTF-8 (most editors offer this under \"Save as\" or \"Encoding\").",
        )
    })
}

/// The line and column (in characters) of a byte, counting only the valid text before it.
fn place_of_byte(bytes: &[u8], offset: usize) -> Location {
    let before = &bytes[..offset];
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    Location {
        line: before.iter().filter(|b| **b == b'\n').count() + 1,
        column: String::from_utf8_lossy(&before[line_start..])
            .chars()
            .count()
            + 1,
    }
}

/// An imported family tree's text without invisible characters (zero-width spaces, direction
/// controls), with a note when there were any: `check` refuses them in names and ids, and an
/// import from another program is not the user's own typing to correct.
pub(crate) fn without_invisible_characters(text: &str) -> (String, Option<Diagnostic>) {
    let (clean, removed) = crate::redact::fold::strip_invisible(text);
    let note = (removed > 0).then(|| {
        Diagnostic::note(
            Location { line: 1, column: 1 },
            format!(
                "{removed} invisible character{} (zero-width spaces, direction controls) \
                 {} taken out of the imported text.",
                if removed == 1 { "" } else { "s" },
                if removed == 1 { "was" } else { "were" }
            ),
        )
    });
    (clean, note)
}

/// Family trees and pedigree tables, read directly by their file name's extension, so that
/// `genochron genogram family.ged` draws without a separate import.
fn import(
    name: &str,
    bytes: &[u8],
    options: &ReadOptions,
) -> Option<(Option<CaseFile>, Vec<Diagnostic>)> {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    let (mut file, diagnostics) = match extension.as_deref() {
        Some("ged" | "gedcom") => gedcom::read(bytes),
        Some("ped" | "pedigree" | "fam") => pedigree::read(bytes, pedigree::PedigreeKind::Ped),
        Some("csv") if !options.is_empty() || csv_holds_entries(bytes) => {
            completed(entries_csv::read_with(bytes, options))
        }
        Some("xlsx" | "xlsm") => completed(entries_xlsx::read(bytes, options)),
        Some("csv") => pedigree::read(bytes, pedigree::PedigreeKind::Csv),
        _ => return None,
    };
    if let Some(file) = &mut file
        && file.case.title.is_none()
    {
        let at = file.case.at;
        file.case.title = Some(case_file::Text::new(default_title(file, name), at));
    }
    Some((file, diagnostics))
}

/// Entries read from a spreadsheet, with the case details a drawing needs added.
fn completed(
    (mut file, mut diagnostics): (Option<CaseFile>, Vec<Diagnostic>),
) -> (Option<CaseFile>, Vec<Diagnostic>) {
    if let Some(file) = &mut file {
        diagnostics.extend(entries_csv::complete(file));
    }
    (file, diagnostics)
}

/// How messages about a file name their places: lines of a text file, or cells of the sheet
/// a workbook is read from.
pub(crate) fn places(name: &str, bytes: &[u8], options: &ReadOptions) -> Places {
    let extension = name.rsplit_once('.').map(|(_, e)| e.to_ascii_lowercase());
    match extension.as_deref() {
        Some("xlsx" | "xlsm") => entries_xlsx::sheet_name(bytes, options)
            .map_or(Places::Lines, |sheet| Places::Cells { sheet }),
        _ => Places::Lines,
    }
}

/// The title of an imported file that has none of its own: what it holds, and the file's own
/// name without its folders ("Chronology from new-entries.csv", "Family tree from tree.ged").
pub(crate) fn default_title(file: &CaseFile, name: &str) -> String {
    let own_name = name.rsplit(['/', '\\']).next().unwrap_or(name);
    // A spreadsheet of entries names the children and people it mentions too, so the
    // entries decide: a file with any is a chronology.
    let what = if !file.entries.is_empty() {
        "Chronology"
    } else {
        "Family tree"
    };
    format!("{what} from {own_name}")
}

/// A spreadsheet of entries names dates and events in its header; a pedigree table names
/// fathers and mothers.
pub(crate) fn csv_holds_entries(bytes: &[u8]) -> bool {
    let header = String::from_utf8_lossy(bytes)
        .lines()
        .next()
        .unwrap_or("")
        .to_ascii_lowercase();
    let pedigree = ["father", "mother"].iter().any(|w| header.contains(w));
    let entries = ["date", "event", "source"]
        .iter()
        .any(|w| header.contains(w));
    entries && !pedigree
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first_problem(bytes: &[u8]) -> Diagnostic {
        case_file("case.yaml", bytes).1.remove(0)
    }

    #[test]
    fn windows_1252_gives_one_character_for_every_byte() {
        let every: Vec<u8> = (0..=255).collect();
        let text = windows_1252(&every);
        assert_eq!(text.chars().count(), 256);
        let at = |b: usize| text.chars().nth(b).unwrap();
        assert_eq!(
            (at(0x41), at(0x80), at(0x92), at(0x9f)),
            ('A', '€', '’', 'Ÿ')
        );
        assert_eq!((at(0x81), at(0xa0), at(0xe9)), ('\u{81}', '\u{a0}', 'é'));
    }

    #[test]
    fn an_empty_file_is_called_empty_in_every_format() {
        for name in [
            "case.yaml",
            "case.json",
            "case.toml",
            "entries.csv",
            "tree.ged",
            "a.ped",
        ] {
            for bytes in [&b""[..], b"\xEF\xBB\xBF", b"  \r\n\n"] {
                let (file, problems) = case_file(name, bytes);
                assert!(file.is_none(), "{name}");
                assert_eq!(problems.len(), 1, "{name}: {problems:?}");
                assert_eq!(problems[0].message, "The file is empty.", "{name}");
            }
        }
    }

    #[test]
    fn binary_data_is_reported_at_its_first_byte() {
        let problem = first_problem(b"case:\n  title: Amy\n  ref\0: x\n");
        assert_eq!((problem.line, problem.column), (3, 6), "{problem:?}");
        assert!(problem.message.contains("binary data"));
    }

    #[test]
    fn a_flipped_byte_is_reported_at_its_line_and_column() {
        let mut bytes = b"case:\n  title: Zo\xc3\xab A".to_vec();
        bytes.push(0xff);
        let problem = first_problem(&bytes);
        assert_eq!((problem.line, problem.column), (2, 15), "{problem:?}");
        assert!(problem.message.contains("UTF-8"), "{problem:?}");
    }
}
