//! Where a word of a free text was written in the case file.
//!
//! The model keeps where each text starts (its key's value); a word further in is found again
//! by reading the value's own lines in the file and counting the same folded word, so it is
//! found in a quoted, folded or block text alike, with invisible characters inside it.

use super::fold;
use crate::diagnostic::Location;

/// A word of a text as it stands in the case file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct SourceWord {
    /// Its line and column (1-based, columns in characters).
    pub at: Location,
    /// Its bytes in the file.
    pub start: usize,
    pub end: usize,
}

/// The word that starts at byte `offset` of `written` (a text as the model holds it, which
/// starts at `value_at` in `source`), found in `source`. `None` when the value's lines do
/// not hold it (a text written with escapes, or a file that has changed).
pub(crate) fn word_in_source(
    source: &str,
    value_at: Location,
    written: &str,
    offset: usize,
) -> Option<SourceWord> {
    let first = fold::words(written.get(offset..)?).into_iter().next()?;
    let mut skip = fold::words(&written[..offset])
        .iter()
        .filter(|w| w.folded == first.folded)
        .count();
    let indent = |line: &str| line.len() - line.trim_start().len();
    let mut lines: Vec<(usize, &str)> = Vec::new();
    let mut at = 0;
    for line in source.split_inclusive('\n') {
        lines.push((at, line.trim_end_matches(['\n', '\r'])));
        at += line.len();
    }
    let (_, first_line) = lines.get(value_at.line.checked_sub(1)?)?;
    // The value's own lines: the first, and those indented deeper than its key; a block
    // scalar's text starts a line of its own, and its lines are indented alike.
    let block = value_at.column.saturating_sub(1) == indent(first_line);
    let own_indent = indent(first_line) - usize::from(block && indent(first_line) > 0);
    let value_lines =
        lines
            .iter()
            .enumerate()
            .skip(value_at.line - 1)
            .take_while(|(n, (_, line))| {
                *n + 1 == value_at.line || line.trim().is_empty() || indent(line) > own_indent
            });
    for (n, (line_start, line)) in value_lines {
        let from = if n + 1 == value_at.line {
            line.char_indices()
                .nth(value_at.column.saturating_sub(1))
                .map_or(line.len(), |(i, _)| i)
        } else {
            0
        };
        for word in fold::words(&line[from..]) {
            if word.folded != first.folded {
                continue;
            }
            if skip == 0 {
                let column = line[..from + word.start].chars().count() + 1;
                return Some(SourceWord {
                    at: Location {
                        line: n + 1,
                        column,
                    },
                    start: line_start + from + word.start,
                    end: line_start + from + word.end,
                });
            }
            skip -= 1;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(line: usize, column: usize) -> Location {
        Location { line, column }
    }

    #[test]
    fn finds_the_nth_same_word_on_the_values_own_lines() {
        let source = "a:\n  event: \"Amy met Amy\"  # Amy\n  b: Amy\n";
        let written = "Amy met Amy";
        let second = word_in_source(source, at(2, 10), written, 8).unwrap();
        assert_eq!(second.at, at(2, 19));
        assert_eq!(&source[second.start..second.end], "Amy");
        let first = word_in_source(source, at(2, 10), written, 0).unwrap();
        assert_eq!(first.at, at(2, 11));
    }

    #[test]
    fn follows_a_folded_value_onto_its_next_lines() {
        let source = "x:\n  event: >-\n    Seen with\n    Zo\u{200B}e today.\n  next: Zoe\n";
        let written = "Seen with Zoe today.";
        let word = word_in_source(source, at(3, 5), written, 10).unwrap();
        assert_eq!(word.at, at(4, 5));
        assert_eq!(&source[word.start..word.end], "Zo\u{200B}e");
    }

    #[test]
    fn a_word_the_value_does_not_hold_is_not_found() {
        let source = "event: \"Zo\\u00eb\"\n";
        assert_eq!(word_in_source(source, at(1, 8), "Zoë", 0), None);
    }
}
