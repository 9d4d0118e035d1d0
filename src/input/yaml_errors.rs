//! The YAML reader's errors in the user's words.
//!
//! The parser says what its grammar expected ("mapping values are not allowed in this
//! context"); a social worker needs to know what on the line is wrong and how to fix it. The
//! commonest causes are looked for on the line itself first: quotation marks a word processor
//! curled, a non-breaking space or a tab in the indentation. Otherwise the parser's message is
//! matched to a plain explanation; it is never shown raw.

use crate::diagnostic::{Diagnostic, Location};

/// Quotation marks that word processors put in for straight ones.
pub(crate) const CURLY_QUOTES: [char; 6] = ['“', '”', '‘', '’', '„', '‚'];

/// Spaces that look like spaces but are not ones YAML indents with.
const ODD_SPACES: [(char, &str); 4] = [
    ('\u{a0}', "a non-breaking space"),
    ('\u{2007}', "a figure space"),
    ('\u{202f}', "a narrow non-breaking space"),
    ('\u{3000}', "an ideographic space"),
];

/// A line indented with a space YAML does not read as one (a non-breaking space pasted from a
/// document). Looked for before parsing: such a line may parse without error, silently
/// joined to the text above it.
pub(crate) fn odd_indentation(text: &str) -> Option<Diagnostic> {
    text.lines().enumerate().find_map(|(i, line)| {
        let (message, help) = on_the_line(line)?;
        let spaces = line.chars().take_while(|c| c.is_whitespace()).count();
        let odd = ODD_SPACES
            .iter()
            .any(|(c, _)| line.chars().take(spaces).any(|s| s == *c));
        odd.then(|| {
            let column = line
                .chars()
                .position(|c| ODD_SPACES.iter().any(|(o, _)| *o == c));
            Diagnostic::problem(
                Location {
                    line: i + 1,
                    column: column.unwrap_or(0) + 1,
                },
                message,
            )
            .with_help(help)
        })
    })
}

/// A problem for a YAML error at `at` (1-based line and column) in `text`.
pub fn problem(text: &str, at: Location, parser_message: &str) -> Diagnostic {
    let line = text.lines().nth(at.line.saturating_sub(1)).unwrap_or("");
    let unclosed = parser_message.contains("quoted scalar") || parser_message.contains("eof");
    let in_brackets = ["':'", "flow", "bracket"]
        .iter()
        .any(|w| parser_message.contains(w));
    let (message, help) = on_the_line(line)
        .or_else(|| unclosed.then(|| lines_before(text, at.line)).flatten())
        .or_else(|| in_brackets.then(|| bracket_before(text, at.line)).flatten())
        .unwrap_or_else(|| explain(parser_message));
    Diagnostic::problem(at, message).with_help(help)
}

/// A cause that can be seen on the line: curly quotes, odd spaces or a tab in the indentation.
fn on_the_line(line: &str) -> Option<(String, String)> {
    let indentation: String = line.chars().take_while(|c| c.is_whitespace()).collect();
    if let Some((_, name)) = ODD_SPACES.iter().find(|(c, _)| indentation.contains(*c)) {
        return Some((
            format!(
                "This line is indented with {name}, which looks like a space but is not one \
                 YAML reads."
            ),
            "Delete the spaces before the text on this line and type them again with the space \
             bar (this often happens when text is copied from a document or an email)."
                .into(),
        ));
    }
    if indentation.contains('\t') {
        return Some((
            "This line is indented with a tab; YAML indents with spaces only.".into(),
            "Replace the tab at the start of the line with spaces, lined up with the fields \
             around it."
                .into(),
        ));
    }
    if line.contains(CURLY_QUOTES) {
        return Some((
            "This line has curly quotation marks (“ ” or ‘ ’), which word processors put in; \
             YAML reads only straight ones (\" and ')."
                .into(),
            "Replace them with straight quotes (\"…\"). Text that holds a colon followed by a \
             space must be in straight quotes, like: event: \"Visit: mother at home\"."
                .into(),
        ));
    }
    None
}

/// An opened quotation mark runs on to later lines, so the parser stops far below it: the
/// last line up to `line` with an odd number of straight double quotes is where it opened.
fn lines_before(text: &str, line: usize) -> Option<(String, String)> {
    let opened = text
        .lines()
        .take(line.max(1))
        .enumerate()
        .filter(|(_, l)| l.matches('"').count() % 2 == 1)
        .last()?;
    Some((
        format!(
            "A quotation mark opened on line {} is not closed, so the lines after it are read \
             as one text.",
            opened.0 + 1
        ),
        format!(
            "Close the quotation mark on line {}, or remove it.",
            opened.0 + 1
        ),
    ))
}

/// A list in `[ ]` or a group in `{ }` left open runs on to later lines, so the parser stops
/// below it: the last line up to `line` that opens more brackets than it closes.
fn bracket_before(text: &str, line: usize) -> Option<(String, String)> {
    let opened = text
        .lines()
        .take(line.max(1))
        .enumerate()
        .filter(|(_, l)| {
            let count = |c: char| l.matches(c).count();
            count('[') + count('{') > count(']') + count('}')
        })
        .last()?;
    Some((
        format!(
            "A list in [ ] or a group in {{ }} opened on line {} is not closed.",
            opened.0 + 1
        ),
        format!(
            "Close it on line {} with ] or }}, with commas between the items.",
            opened.0 + 1
        ),
    ))
}

/// The parser's message, explained.
fn explain(parser_message: &str) -> (String, String) {
    let m = parser_message;
    let indentation = (
        "This line is not indented like the lines around it.".to_string(),
        "Line it up with the other fields of the same group: each level of a case file is \
         indented by two more spaces than the one above."
            .to_string(),
    );
    if m.contains("mapping values are not allowed") {
        (
            "There is a colon followed by a space in a value on this line, which YAML reads \
             as the start of a new field."
                .into(),
            "Put the whole value in straight quotes, like: event: \"Visit: mother at home\"."
                .into(),
        )
    } else if m.contains("did not find expected key")
        || m.contains("did not find expected '-' indicator")
        || m.contains("invalid indentation")
        || m.contains("block sequence entries are not allowed")
    {
        indentation
    } else if m.contains("quoted scalar") || m.contains("unexpected eof") {
        (
            "A quotation mark here is not closed, or a backslash in quoted text is not one \
             YAML knows."
                .into(),
            "Close the quotation mark; write a backslash in quoted text as \\\\.".into(),
        )
    } else if m.contains("simple key") {
        (
            "A field name on this line has no colon after it, or is too long to be a field name."
                .into(),
            "Write each field as `name: value`, with a colon and a space.".into(),
        )
    } else if m.contains("flow sequence") || m.contains("flow mapping") || m.contains("bracket") {
        (
            "A list in [ ] or a group in { } here is not closed, or misses a comma.".into(),
            "Check that every [ has its ] and every { its }, with commas between the items.".into(),
        )
    } else if m.contains("tab") {
        (
            "This line has a tab where YAML allows only spaces.".into(),
            "Replace the tab with spaces.".into(),
        )
    } else if m.contains("unprintable") {
        (
            "This line holds an invisible control character.".into(),
            "Delete it and retype the text around it.".into(),
        )
    } else if m.contains("anchor") || m.contains("alias") || m.contains("tag") {
        (
            "A YAML anchor (&name), alias (*name) or tag (!name) here cannot be read.".into(),
            "Case files need none of these: remove the &, * or ! and write the value out.".into(),
        )
    } else {
        (
            "The punctuation on this line (colons, dashes, quotes or brackets) cannot be read."
                .into(),
            "Check this line and the one before against docs/case-file.md: each field is \
             `name: value`, each list item starts with `- `."
                .into(),
        )
    }
}

#[cfg(test)]
mod tests {
    use crate::input::tree::yaml;

    fn message(text: &str) -> (usize, String) {
        let problem = yaml(text).unwrap_err();
        (
            problem.line,
            format!("{} {}", problem.message, problem.help.unwrap()),
        )
    }

    #[test]
    fn curly_quotes_around_a_text_with_a_colon_are_named() {
        let (line, text) = message("case:\n  title: “Visit: at home”\n  as-at: 2024-01-01\n");
        assert_eq!(line, 2);
        assert!(text.contains("curly quotation marks"), "{text}");
    }

    #[test]
    fn a_non_breaking_space_in_the_indentation_is_named() {
        let (line, text) = message("case:\n  title: A\n\u{a0} as-at: 2024-01-01\n");
        assert_eq!(line, 3, "{text}");
        assert!(text.contains("non-breaking space"), "{text}");
    }

    #[test]
    fn no_raw_parser_words_reach_the_user() {
        for bad in [
            "case:\n  title: Visit: at home\n",
            "case:\n  title: A\n    as-at: 2024\n",
            "case:\n  title: \"A\n",
            "people: [a, b\n",
            "case:\n  - a\n  b: c\n",
        ] {
            let (_, text) = message(bad);
            for raw in ["mapping values", "expected", "scalar", "context", "token"] {
                assert!(!text.contains(raw), "{bad:?}: {text}");
            }
        }
    }
}
