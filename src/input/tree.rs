//! A value tree with the line and column of every value, read from YAML, JSON or TOML.
//!
//! Reading into this tree first, rather than straight into typed structs, lets genochron
//! report every problem in a file in one run, with its line, instead of stopping at the
//! first. The readers here enforce the limits that keep hostile files harmless: nesting
//! depth, total size after YAML aliases are expanded, and file size.

use crate::diagnostic::{Diagnostic, Location};
use saphyr_parser::{Event, Parser, ScalarStyle};

/// The largest file genochron reads (a case of 100,000 entries is about 40 MB).
pub(crate) const MAX_FILE_BYTES: usize = 256 * 1024 * 1024;
/// The deepest nesting a case file can need is about 6; anything much deeper is not a case.
pub(crate) const MAX_DEPTH: usize = 64;
/// Values in the whole tree.
pub(crate) const MAX_VALUES: usize = 20_000_000;
/// Values copied by YAML aliases (`*name`). Case files rarely use aliases at all; the limit
/// stops an "alias bomb" (a few lines that expand to billions of values) before it is built.
pub(crate) const MAX_ALIAS_VALUES: usize = 100_000;

#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// Empty, `null` or `~`.
    Null,
    /// Any scalar, as written: numbers and booleans are text too.
    Scalar(String),
    List(Vec<Node>),
    /// Keys in file order, duplicates kept so the reader can report them.
    Map(Vec<(Key, Node)>),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    pub value: Value,
    pub at: Location,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Key {
    pub name: String,
    pub at: Location,
}

impl Node {
    /// How many values this node holds, itself included.
    fn size(&self) -> usize {
        match &self.value {
            Value::Null | Value::Scalar(_) => 1,
            Value::List(items) => 1 + items.iter().map(Node::size).sum::<usize>(),
            Value::Map(entries) => 1 + entries.iter().map(|(_, v)| v.size()).sum::<usize>(),
        }
    }
}

/// Reads YAML (and JSON, which YAML 1.2 reads as flow style) into a tree.
pub fn yaml(text: &str) -> Result<Node, Diagnostic> {
    if let Some(problem) = super::yaml_errors::odd_indentation(text) {
        return Err(problem);
    }
    let mut builder = YamlBuilder::default();
    for result in Parser::new_from_str(text) {
        let (event, span) = result.map_err(|error| {
            let marker = error.marker();
            let at = Location {
                line: marker.line(),
                column: marker.col() + 1,
            };
            super::yaml_errors::problem(text, at, error.info())
        })?;
        let at = Location {
            line: span.start.line(),
            column: span.start.col() + 1,
        };
        if builder.event(event, at)? == Flow::Stop {
            break;
        }
    }
    Ok(builder.root.unwrap_or(Node {
        value: Value::Null,
        at: Location { line: 1, column: 1 },
    }))
}

#[derive(PartialEq)]
enum Flow {
    Continue,
    Stop,
}

/// A container being filled, with the key waiting for its value when it is a map.
enum Open {
    List(Node, usize),
    Map(Node, Option<Key>, usize),
}

#[derive(Default)]
struct YamlBuilder {
    stack: Vec<Open>,
    anchors: Vec<(usize, Node, usize)>,
    root: Option<Node>,
    values: usize,
    alias_values: usize,
    documents: usize,
}

impl YamlBuilder {
    fn event(&mut self, event: Event<'_>, at: Location) -> Result<Flow, Diagnostic> {
        match event {
            Event::DocumentStart(_) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err(Diagnostic::problem(
                        at,
                        "The file holds more than one YAML document (a second `---`).",
                    )
                    .with_help("Put the whole case in one document and remove the extra `---`."));
                }
            }
            Event::Scalar(text, style, anchor, _) => {
                let value = if style == ScalarStyle::Plain && is_null(&text) {
                    Value::Null
                } else {
                    Value::Scalar(text.into_owned())
                };
                self.count(1, at)?;
                self.finish(Node { value, at }, anchor)?;
            }
            Event::SequenceStart(anchor, _) => {
                self.open(at)?;
                let node = Node {
                    value: Value::List(Vec::new()),
                    at,
                };
                self.stack.push(Open::List(node, anchor));
            }
            Event::MappingStart(anchor, _) => {
                self.open(at)?;
                let node = Node {
                    value: Value::Map(Vec::new()),
                    at,
                };
                self.stack.push(Open::Map(node, None, anchor));
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let (node, anchor) = match self.stack.pop() {
                    Some(Open::List(node, anchor)) | Some(Open::Map(node, _, anchor)) => {
                        (node, anchor)
                    }
                    None => return Ok(Flow::Continue),
                };
                self.finish(node, anchor)?;
            }
            Event::Alias(id) => {
                let Some(index) = self.anchors.iter().position(|(a, _, _)| *a == id) else {
                    return Err(Diagnostic::problem(
                        at,
                        "This YAML alias (`*name`) refers to an anchor that is not defined.",
                    ));
                };
                // Count before copying, so an alias bomb is refused before it is built.
                let size = self.anchors[index].2;
                self.alias_values = self.alias_values.saturating_add(size);
                if self.alias_values > MAX_ALIAS_VALUES {
                    return Err(Diagnostic::problem(
                        at,
                        format!(
                            "The file's YAML aliases (`*name`) repeat more than \
                             {MAX_ALIAS_VALUES} values, far more than any case needs."
                        ),
                    )
                    .with_help("Write the repeated parts out, or remove the aliases."));
                }
                self.count(size, at)?;
                let node = self.anchors[index].1.clone();
                self.finish(Node { at, ..node }, 0)?;
            }
            Event::DocumentEnd | Event::StreamEnd if self.root.is_some() => {
                return Ok(Flow::Stop);
            }
            _ => {}
        }
        Ok(Flow::Continue)
    }

    fn open(&mut self, at: Location) -> Result<(), Diagnostic> {
        self.count(1, at)?;
        if self.stack.len() >= MAX_DEPTH {
            return Err(Diagnostic::problem(
                at,
                format!(
                    "The file is nested more than {MAX_DEPTH} levels deep here; a case file \
                     never needs more than a few."
                ),
            )
            .with_help("Check that this part of the file is a case file."));
        }
        Ok(())
    }

    fn count(&mut self, values: usize, at: Location) -> Result<(), Diagnostic> {
        self.values = self.values.saturating_add(values);
        if self.values > MAX_VALUES {
            return Err(Diagnostic::problem(
                at,
                format!(
                    "The file holds more than {MAX_VALUES} values, far more than any case needs."
                ),
            )
            .with_help("Split the case into smaller files."));
        }
        Ok(())
    }

    /// Places a finished value into its parent (or as the root), remembering its anchor.
    fn finish(&mut self, node: Node, anchor: usize) -> Result<(), Diagnostic> {
        if anchor != 0 {
            let size = node.size();
            self.anchors.retain(|(a, _, _)| *a != anchor);
            self.anchors.push((anchor, node.clone(), size));
        }
        match self.stack.last_mut() {
            None => self.root = Some(node),
            Some(Open::List(list, _)) => {
                if let Value::List(items) = &mut list.value {
                    items.push(node);
                }
            }
            Some(Open::Map(map, pending, _)) => match pending.take() {
                Some(key) => {
                    if let Value::Map(entries) = &mut map.value {
                        entries.push((key, node));
                    }
                }
                None => {
                    let name = match node.value {
                        Value::Scalar(text) => text,
                        Value::Null => String::new(),
                        _ => {
                            return Err(Diagnostic::problem(
                                node.at,
                                "A field name here is a list or a group of fields; field \
                                 names are single words.",
                            ));
                        }
                    };
                    *pending = Some(Key { name, at: node.at });
                }
            },
        }
        Ok(())
    }
}

fn is_null(text: &str) -> bool {
    matches!(text, "" | "~" | "null" | "Null" | "NULL")
}

/// Reads TOML into a tree. Tables keep the order of the file.
pub fn toml(text: &str) -> Result<Node, Diagnostic> {
    let lines = LineIndex::new(text);
    let document = toml::de::DeTable::parse(text).map_err(|error| {
        let at = error
            .span()
            .map(|span| lines.locate(span.start))
            .unwrap_or_default();
        let (message, help) = toml_words(error.message());
        Diagnostic::problem(at, message).with_help(help)
    })?;
    let at = lines.locate(document.span().start);
    Ok(toml_table(document.get_ref(), at, &lines, 0))
}

/// The TOML reader's error in the user's words.
fn toml_words(parser_message: &str) -> (String, String) {
    let m = parser_message;
    let (message, help) = if m.contains("duplicate key") {
        (
            "This field is written twice in the same table.",
            "Keep one of them.",
        )
    } else if m.contains("unclosed table") || m.contains("unclosed array") {
        (
            "A [ on this line is not closed.",
            "Close it with ]: a table heading is `[case]`, a list `[a, b]`.",
        )
    } else if m.contains("string") {
        (
            "A text value on this line is not in straight quotes, or its quotes are not closed.",
            "Write text in straight double quotes: title = \"Amy\" (curly quotes “ ” from a word \
             processor are not quotes to TOML).",
        )
    } else if m.contains("expected `=`") {
        (
            "A field on this line has no = between its name and its value.",
            "Write each field as name = value.",
        )
    } else if m.contains("key") {
        (
            "A field name on this line has a character TOML does not allow in names (a space, \
             or a non-breaking space pasted from a document).",
            "Use only letters, numbers and hyphens in field names, with ordinary spaces around.",
        )
    } else {
        (
            "The punctuation on this line cannot be read as TOML.",
            "Check it against docs/case-file.md: tables are `[case]`, lists `[[people]]`, fields \
             name = \"value\".",
        )
    };
    (message.to_string(), help.to_string())
}

fn toml_table(
    table: &toml::de::DeTable<'_>,
    at: Location,
    lines: &LineIndex,
    depth: usize,
) -> Node {
    let mut entries: Vec<(usize, Key, Node)> = table
        .iter()
        .map(|(key, value)| {
            let key_at = lines.locate(key.span().start);
            let name = key.get_ref().to_string();
            let node = toml_value(value, lines, depth + 1);
            (key.span().start, Key { name, at: key_at }, node)
        })
        .collect();
    entries.sort_by_key(|(start, _, _)| *start);
    Node {
        value: Value::Map(entries.into_iter().map(|(_, k, v)| (k, v)).collect()),
        at,
    }
}

fn toml_value(
    value: &toml::Spanned<toml::de::DeValue<'_>>,
    lines: &LineIndex,
    depth: usize,
) -> Node {
    use toml::de::DeValue;
    let at = lines.locate(value.span().start);
    if depth > MAX_DEPTH {
        return Node {
            value: Value::Null,
            at,
        };
    }
    let value = match value.get_ref() {
        DeValue::String(s) => Value::Scalar(s.to_string()),
        DeValue::Integer(i) => Value::Scalar(i.as_str().to_string()),
        DeValue::Float(f) => Value::Scalar(f.as_str().to_string()),
        DeValue::Boolean(b) => Value::Scalar(b.to_string()),
        DeValue::Datetime(d) => Value::Scalar(d.to_string()),
        DeValue::Array(items) => Value::List(
            items
                .iter()
                .map(|item| toml_value(item, lines, depth + 1))
                .collect(),
        ),
        DeValue::Table(table) => return toml_table(table, at, lines, depth + 1),
    };
    Node { value, at }
}

/// Turns byte offsets into lines and columns.
pub(crate) struct LineIndex<'a> {
    text: &'a str,
    starts: Vec<usize>,
}

impl<'a> LineIndex<'a> {
    pub fn new(text: &'a str) -> LineIndex<'a> {
        let mut starts = vec![0];
        starts.extend(text.match_indices('\n').map(|(i, _)| i + 1));
        LineIndex { text, starts }
    }

    pub fn locate(&self, offset: usize) -> Location {
        let line = self.starts.partition_point(|&s| s <= offset).max(1);
        let start = self.starts[line - 1];
        let column = self
            .text
            .get(start..offset.min(self.text.len()))
            .map_or(1, |s| s.chars().count() + 1);
        Location { line, column }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scalar(node: &Node) -> &str {
        match &node.value {
            Value::Scalar(s) => s,
            other => panic!("not a scalar: {other:?}"),
        }
    }

    fn map(node: &Node) -> &[(Key, Node)] {
        match &node.value {
            Value::Map(entries) => entries,
            other => panic!("not a map: {other:?}"),
        }
    }

    #[test]
    fn yaml_keeps_lines_and_columns() {
        let tree = yaml("case:\n  title: Amy\npeople:\n  - id: amy\n").unwrap();
        let top = map(&tree);
        assert_eq!(top[0].0.name, "case");
        let title = &map(&top[0].1)[0];
        assert_eq!(title.0.at, Location { line: 2, column: 3 });
        assert_eq!(scalar(&title.1), "Amy");
        assert_eq!(title.1.at.line, 2);
        assert_eq!(top[1].1.at.line, 4);
    }

    #[test]
    fn json_reads_through_the_yaml_reader() {
        let tree =
            yaml("{\n\t\"case\": {\"title\": \"Amy\"},\n\t\"people\": [{\"id\": \"amy\"}]\n}")
                .unwrap();
        let top = map(&tree);
        assert_eq!(top[1].0.name, "people");
        assert_eq!(top[1].0.at.line, 3);
    }

    #[test]
    fn toml_keeps_file_order_and_lines() {
        let tree =
            toml("[case]\ntitle = \"Amy\"\nas-at = 2024-01-01\n\n[[people]]\nid = \"amy\"\n")
                .unwrap();
        let top = map(&tree);
        assert_eq!(top[0].0.name, "case");
        let case = map(&top[0].1);
        assert_eq!(case[1].0.name, "as-at");
        assert_eq!(scalar(&case[1].1), "2024-01-01");
        assert_eq!(case[1].1.at.line, 3);
        assert_eq!(top[1].0.name, "people");
    }

    #[test]
    fn toml_errors_are_in_plain_words() {
        for (bad, words) in [
            ("[case\ntitle = 1", "not closed"),
            ("[case]\na=1\na=2", "written twice"),
            ("[case]\ntitle = “x”", "straight quotes"),
            ("[case]\ntitle 1", "no ="),
        ] {
            let problem = toml(bad).unwrap_err();
            assert!(
                problem.message.contains(words),
                "{bad}: {}",
                problem.message
            );
            assert!(!problem.message.contains("expected"), "{}", problem.message);
        }
    }

    #[test]
    fn alias_bombs_are_refused_not_expanded() {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        let mut previous = 'a';
        for name in 'b'..='k' {
            text.push_str(&format!(
                "{name}: &{name} [*{previous}, *{previous}, *{previous}, *{previous}, \
                 *{previous}, *{previous}, *{previous}, *{previous}, *{previous}, *{previous}]\n"
            ));
            previous = name;
        }
        let error = yaml(&text).unwrap_err();
        assert!(error.message.contains("aliases"), "{}", error.message);
    }

    #[test]
    fn deep_nesting_is_refused() {
        let text = "[".repeat(10_000);
        assert!(yaml(&text).is_err());
        let text = format!("{}{}", "- ".repeat(200), "x");
        assert!(yaml(&text).unwrap_err().message.contains("nested"));
    }
}
