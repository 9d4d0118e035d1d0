//! GEDCOM lines into records: one level-0 record at a time, with CONC/CONT joined and `@@`
//! unescaped, each line keeping its line and column.
//!
//! Records are handed out one by one so a large file is never held as one big tree.

use crate::diagnostic::{Diagnostic, Location};

/// One GEDCOM line and the lines under it.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Node {
    pub level: usize,
    /// The record's own cross-reference id (`@I1@` on a level-0 line), without the `@`s.
    pub xref: Option<String>,
    /// Upper case.
    pub tag: String,
    /// The value, with continuation lines joined and escapes undone. For a pointer, the id
    /// without the `@`s (see `pointer`).
    pub value: String,
    /// True when the value is a pointer to a record (`@F1@`).
    pub pointer: bool,
    /// Where the line starts.
    pub at: Location,
    /// Where the value starts (the line start when there is no value).
    pub value_at: Location,
    pub children: Vec<Node>,
}

impl Node {
    /// The first child with this tag.
    pub fn child(&self, tag: &str) -> Option<&Node> {
        self.children.iter().find(|c| c.tag == tag)
    }

    /// The value of the first child with this tag, trimmed; `None` when absent or empty.
    pub fn child_value(&self, tag: &str) -> Option<&str> {
        self.child(tag)
            .map(|c| c.value.trim())
            .filter(|v| !v.is_empty())
    }
}

/// Which GEDCOM, since escapes and continuation differ.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Version {
    #[default]
    V5,
    V7,
}

/// Reads records from decoded text. Problems with lines go to `diagnostics`.
pub struct Records<'a> {
    lines: Lines<'a>,
    stack: Vec<Node>,
    pub version: Version,
    pub diagnostics: Vec<Diagnostic>,
    done: bool,
}

impl<'a> Records<'a> {
    pub fn new(text: &'a str) -> Records<'a> {
        Records {
            lines: Lines::new(text),
            stack: Vec::new(),
            version: Version::V5,
            diagnostics: Vec::new(),
            done: false,
        }
    }

    fn finish_to(&mut self, depth: usize) {
        while self.stack.len() > depth.max(1) {
            let node = self.stack.pop().expect("stack is not empty");
            if let Some(parent) = self.stack.last_mut() {
                parent.children.push(node);
            }
        }
    }
}

impl Iterator for Records<'_> {
    type Item = Node;

    fn next(&mut self) -> Option<Node> {
        if self.done {
            return None;
        }
        loop {
            let Some((number, line)) = self.lines.next() else {
                self.done = true;
                self.finish_to(1);
                return self.stack.pop();
            };
            let Some(parsed) = parse_line(line, number, self.version) else {
                if line.trim().is_empty() {
                    continue;
                }
                self.diagnostics.push(
                    Diagnostic::problem(
                        Location {
                            line: number,
                            column: 1,
                        },
                        "This line is not a GEDCOM line: it should start with a level number \
                         and a tag, such as \"1 NAME\".",
                    )
                    .with_help("Check the file is a GEDCOM file and has not been edited by hand."),
                );
                continue;
            };
            if parsed.level == 0 {
                self.finish_to(1);
                let finished = self.stack.pop();
                self.stack.push(parsed);
                if let Some(record) = finished {
                    if record.tag == "HEAD" {
                        self.version = version_of(&record);
                    }
                    return Some(record);
                }
                continue;
            }
            if self.stack.is_empty() {
                self.diagnostics.push(Diagnostic::problem(
                    parsed.at,
                    "The file must start with a level 0 line (\"0 HEAD\").",
                ));
                continue;
            }
            let mut level = parsed.level;
            if level > self.stack.len() {
                self.diagnostics.push(Diagnostic::note(
                    parsed.at,
                    format!(
                        "This line is at level {level} but the line before is at level {}; \
                         it was read as one level below that line.",
                        self.stack.len() - 1
                    ),
                ));
                level = self.stack.len();
            }
            if parsed.tag == "CONC" || parsed.tag == "CONT" {
                self.finish_to(level);
                if let Some(parent) = self.stack.last_mut() {
                    if parsed.tag == "CONT" {
                        parent.value.push('\n');
                    }
                    parent.value.push_str(&parsed.value);
                    parent.pointer = false;
                }
                continue;
            }
            self.finish_to(level);
            self.stack.push(Node { level, ..parsed });
        }
    }
}

/// The version from a header record: 7.x is GEDCOM 7, anything else 5.
fn version_of(head: &Node) -> Version {
    match head.child("GEDC").and_then(|g| g.child_value("VERS")) {
        Some(v) if v.starts_with('7') => Version::V7,
        _ => Version::V5,
    }
}

/// Lines of text, numbered from 1, split at CR, LF, CR LF or LF CR.
struct Lines<'a> {
    text: &'a str,
    position: usize,
    number: usize,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Lines<'a> {
        Lines {
            text: text.strip_prefix('\u{FEFF}').unwrap_or(text),
            position: 0,
            number: 0,
        }
    }
}

impl<'a> Iterator for Lines<'a> {
    type Item = (usize, &'a str);

    fn next(&mut self) -> Option<(usize, &'a str)> {
        let rest = &self.text[self.position..];
        if rest.is_empty() {
            return None;
        }
        self.number += 1;
        let bytes = rest.as_bytes();
        match bytes.iter().position(|&b| b == b'\n' || b == b'\r') {
            None => {
                self.position = self.text.len();
                Some((self.number, rest))
            }
            Some(end) => {
                let pair = matches!(
                    (bytes[end], bytes.get(end + 1)),
                    (b'\r', Some(b'\n')) | (b'\n', Some(b'\r'))
                );
                self.position += end + if pair { 2 } else { 1 };
                Some((self.number, &rest[..end]))
            }
        }
    }
}

/// `level [@xref@] TAG [value]`. `None` when the line has no level and tag.
fn parse_line(line: &str, number: usize, version: Version) -> Option<Node> {
    let indent = line.len() - line.trim_start().len();
    let body = &line[indent..];
    let digits = body.bytes().take_while(u8::is_ascii_digit).count();
    if digits == 0 || digits > 2 {
        return None;
    }
    let level: usize = body[..digits].parse().ok()?;
    let mut rest = body[digits..].strip_prefix([' ', '\t'])?.trim_start();
    let mut xref = None;
    if let Some(after) = rest.strip_prefix('@') {
        let end = after.find('@')?;
        xref = Some(after[..end].to_string());
        rest = after[end + 1..].trim_start();
    }
    let tag_len = rest.find([' ', '\t']).unwrap_or(rest.len());
    let tag = &rest[..tag_len];
    if tag.is_empty() || !tag.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
        return None;
    }
    let raw_value = rest[tag_len..]
        .strip_prefix([' ', '\t'])
        .unwrap_or(&rest[tag_len..]);
    let value_offset = line.len() - raw_value.len();
    let column = |byte: usize| line[..byte].chars().count() + 1;
    let (value, pointer) = value_of(raw_value, version);
    Some(Node {
        level,
        xref,
        tag: tag.to_ascii_uppercase(),
        value,
        pointer,
        at: Location {
            line: number,
            column: indent + 1,
        },
        value_at: Location {
            line: number,
            column: if raw_value.is_empty() {
                indent + 1
            } else {
                column(value_offset)
            },
        },
        children: Vec::new(),
    })
}

/// A pointer (`@I1@`) or text with its escapes undone: in 5.5.1 every `@@` is one `@`; in 7
/// only a leading `@@` is escaped.
fn value_of(raw: &str, version: Version) -> (String, bool) {
    if let Some(inner) = raw
        .strip_prefix('@')
        .and_then(|r| r.strip_suffix('@'))
        .filter(|inner| !inner.is_empty() && !inner.contains('@') && !inner.starts_with('#'))
    {
        return (inner.to_string(), true);
    }
    let text = match version {
        Version::V5 => raw.replace("@@", "@"),
        Version::V7 => match raw.strip_prefix("@@") {
            Some(rest) => format!("@{rest}"),
            None => raw.to_string(),
        },
    };
    (text, false)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn records(text: &str) -> (Vec<Node>, Vec<Diagnostic>) {
        let mut reader = Records::new(text);
        let list: Vec<Node> = reader.by_ref().collect();
        (list, reader.diagnostics)
    }

    #[test]
    fn builds_records_with_continuations_and_places() {
        let (list, diagnostics) = records(
            "0 HEAD\r\n1 GEDC\r\n2 VERS 5.5.1\r\n0 @I1@ INDI\r\n1 NAME Ann /Lee/\r\n\
             1 NOTE one@@two\r\n2 CONC  three\r\n2 CONT four\r\n0 TRLR\r\n",
        );
        assert!(diagnostics.is_empty());
        assert_eq!(list.len(), 3);
        let person = &list[1];
        assert_eq!(person.xref.as_deref(), Some("I1"));
        assert_eq!(person.at.line, 4);
        let note = person.child("NOTE").unwrap();
        assert_eq!(note.value, "one@two three\nfour");
        assert_eq!(note.value_at, Location { line: 6, column: 8 });
    }

    #[test]
    fn pointers_are_not_text() {
        let (list, _) = records("0 HEAD\n0 @F1@ FAM\n1 CHIL @I2@\n1 NOTE @@ at\n");
        let family = &list[1];
        assert!(family.children[0].pointer);
        assert_eq!(family.children[0].value, "I2");
        assert_eq!(family.children[1].value, "@ at");
    }

    #[test]
    fn lines_that_are_not_gedcom_are_problems_with_their_line() {
        let (_, diagnostics) = records("0 HEAD\nhello there\n1 NAME x\n");
        assert_eq!(diagnostics.len(), 1);
        assert_eq!(diagnostics[0].line, 2);
        assert!(diagnostics[0].is_problem());
    }

    /// The `@@` escapes file of the maintainers' suite, in both versions.
    #[test]
    fn the_suite_s_at_signs_are_unescaped() {
        for version in ["5", "7"] {
            for (short, bytes) in super::super::fixtures::suite(version) {
                if short == "atsign.ged" {
                    atsign(&format!("{version}/{short}"), &bytes);
                }
            }
        }
    }

    /// `@@` escapes: every `@@` in 5.5.1, only a leading one in 7.
    fn atsign(name: &str, bytes: &[u8]) {
        let decoded = super::super::charset::decode(bytes);
        let notes: Vec<(String, String)> = Records::new(&decoded.text)
            .filter(|r| r.tag == "NOTE" || r.tag == "SNOTE")
            .map(|r| (r.xref.clone().unwrap_or_default(), r.value.clone()))
            .collect();
        let note = |id: &str| {
            notes
                .iter()
                .find(|(x, _)| x == id)
                .map(|(_, v)| v.as_str())
                .unwrap_or_else(|| panic!("{name}: no note {id}"))
        };
        assert_eq!(note("N03"), "@ two leading", "{name}");
        assert_eq!(note("N04"), "@two leading no space", "{name}");
        if name.starts_with('5') {
            assert_eq!(note("N05"), "doubled @ internal");
            assert_eq!(note("N07"), "single @ internal");
            assert_eq!(
                note("N19"),
                "@ at at front and @ at after CONC and \n@ at after CONT and @ inside CONT too."
            );
        } else {
            assert_eq!(note("N05"), "doubled @ internal");
            assert_eq!(note("N18"), "@all in @one@thing WITH_DATES , etc");
            assert_eq!(
                note("N19"),
                "@ at at front and @ at after CONC and \n@ at after CONT and @ inside CONT too."
            );
        }
    }
}
