//! A case file written back out as YAML, in the form a practitioner would write it.
//!
//! The case file types already say, through serde, which fields exist, in which order and
//! under which names; the writer reuses that (through JSON, whose writer keeps field order)
//! and lays the result out by hand: block style, a blank line between sections, short id
//! lists on one line, and quotes only where YAML would otherwise read something else
//! (`deceased: true` stays a flag, a name "Yes" or "1066" is quoted).

use crate::input::case_file::CaseFile;
use serde::de::{Deserialize, Deserializer, MapAccess, SeqAccess, Visitor};
use std::fmt::{self, Write as _};

/// The case file as YAML, with a short comment at the top.
pub fn yaml(file: &CaseFile) -> String {
    yaml_with_header(file, &[])
}

/// The case file as YAML, after the given comment lines (written with `# `).
pub(crate) fn yaml_with_header(file: &CaseFile, header: &[&str]) -> String {
    let mut out = String::new();
    out.push_str("# genochron case file. The format is described in docs/case-file.md.\n");
    for line in header {
        for part in line.lines() {
            out.push_str("# ");
            out.push_str(&part.replace(|c: char| c.is_control(), " "));
            out.push('\n');
        }
    }
    let tree = match serde_json::to_string(file)
        .ok()
        .and_then(|json| serde_json::from_str::<Tree>(&json).ok())
    {
        Some(tree) => tree,
        // The case file types always serialise; an empty file is the honest fallback.
        None => return out,
    };
    if let Tree::Map(sections) = tree {
        for (key, value) in &sections {
            if value.is_empty() {
                continue;
            }
            out.push('\n');
            write_entry(&mut out, 0, key, value);
        }
    }
    out
}

/// A serialised value with map order kept.
#[derive(Debug, Clone, PartialEq)]
enum Tree {
    Null,
    Scalar(String),
    Seq(Vec<Tree>),
    Map(Vec<(String, Tree)>),
}

impl Tree {
    fn is_empty(&self) -> bool {
        match self {
            Tree::Null => true,
            Tree::Scalar(_) => false,
            Tree::Seq(items) => items.is_empty(),
            Tree::Map(entries) => entries.iter().all(|(_, v)| v.is_empty()),
        }
    }
}

impl<'de> Deserialize<'de> for Tree {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Tree, D::Error> {
        struct TreeVisitor;
        impl<'de> Visitor<'de> for TreeVisitor {
            type Value = Tree;
            fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
                f.write_str("any value")
            }
            fn visit_unit<E>(self) -> Result<Tree, E> {
                Ok(Tree::Null)
            }
            fn visit_none<E>(self) -> Result<Tree, E> {
                Ok(Tree::Null)
            }
            fn visit_bool<E>(self, v: bool) -> Result<Tree, E> {
                Ok(Tree::Scalar(v.to_string()))
            }
            fn visit_i64<E>(self, v: i64) -> Result<Tree, E> {
                Ok(Tree::Scalar(v.to_string()))
            }
            fn visit_u64<E>(self, v: u64) -> Result<Tree, E> {
                Ok(Tree::Scalar(v.to_string()))
            }
            fn visit_f64<E>(self, v: f64) -> Result<Tree, E> {
                Ok(Tree::Scalar(v.to_string()))
            }
            fn visit_str<E>(self, v: &str) -> Result<Tree, E> {
                Ok(Tree::Scalar(v.to_string()))
            }
            fn visit_string<E>(self, v: String) -> Result<Tree, E> {
                Ok(Tree::Scalar(v))
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Tree, A::Error> {
                let mut items = Vec::new();
                while let Some(item) = seq.next_element()? {
                    items.push(item);
                }
                Ok(Tree::Seq(items))
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Tree, A::Error> {
                let mut entries = Vec::new();
                while let Some((key, value)) = map.next_entry::<String, Tree>()? {
                    entries.push((key, value));
                }
                Ok(Tree::Map(entries))
            }
        }
        deserializer.deserialize_any(TreeVisitor)
    }
}

const INDENT: usize = 2;

/// `key: value`, or `key:` and the value on the lines below, at `indent`.
fn write_entry(out: &mut String, indent: usize, key: &str, value: &Tree) {
    pad(out, indent);
    out.push_str(key);
    out.push(':');
    write_value_after_key(out, indent, key, value);
}

fn write_value_after_key(out: &mut String, indent: usize, key: &str, value: &Tree) {
    match value {
        Tree::Null => out.push('\n'),
        Tree::Scalar(s) => {
            out.push(' ');
            out.push_str(&scalar(key, s));
            out.push('\n');
        }
        Tree::Seq(items) => {
            if let Some(flow) = flow_list(key, items) {
                out.push(' ');
                out.push_str(&flow);
                out.push('\n');
                return;
            }
            out.push('\n');
            for item in items {
                write_item(out, indent + INDENT, key, item);
            }
        }
        Tree::Map(entries) => {
            out.push('\n');
            for (k, v) in entries.iter().filter(|(_, v)| !v.is_empty()) {
                write_entry(out, indent + INDENT, k, v);
            }
        }
    }
}

/// One `- ` item of a list under `key`.
fn write_item(out: &mut String, indent: usize, key: &str, item: &Tree) {
    pad(out, indent);
    out.push('-');
    match item {
        Tree::Null | Tree::Scalar(_) => write_value_after_key(out, indent, key, item),
        Tree::Seq(items) => {
            out.push('\n');
            for inner in items {
                write_item(out, indent + INDENT, key, inner);
            }
        }
        Tree::Map(entries) => {
            let mut first = true;
            for (k, v) in entries.iter().filter(|(_, v)| !v.is_empty()) {
                if first {
                    out.push(' ');
                    out.push_str(k);
                    out.push(':');
                    write_value_after_key(out, indent + INDENT, k, v);
                    first = false;
                } else {
                    write_entry(out, indent + INDENT, k, v);
                }
            }
            if first {
                out.push_str(" {}\n");
            }
        }
    }
}

/// A short list of plain scalars on one line: `[amy, ben]`.
fn flow_list(key: &str, items: &[Tree]) -> Option<String> {
    let mut parts = Vec::with_capacity(items.len());
    for item in items {
        match item {
            Tree::Scalar(s) if plain_in_flow(s) && !resolves_to_other_type(key, s) => {
                parts.push(s.as_str())
            }
            _ => return None,
        }
    }
    let line = format!("[{}]", parts.join(", "));
    (line.len() <= 60).then_some(line)
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// The value as YAML: plain when YAML reads it back as the same text, else double-quoted.
pub(crate) fn scalar(key: &str, value: &str) -> String {
    if plain_in_block(value) && !resolves_to_other_type(key, value) {
        value.to_string()
    } else {
        quoted(value)
    }
}

/// Fields whose values are meant to be read as flags, numbers or dates, and are written plain.
fn typed_field(key: &str, value: &str) -> bool {
    match key {
        "deceased" | "unknown" | "pregnancy" => value == "true" || value == "false",
        "count" | "number" => !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()),
        "born" | "died" | "from" | "to" | "as-at" | "prepared" | "hearing" | "date" | "end" => {
            is_case_date(value)
        }
        _ => false,
    }
}

/// `2019-03-14`, `2019-03`, `2019`, with `about`, `before` or `after` in front.
fn is_case_date(value: &str) -> bool {
    let body = ["about ", "before ", "after "]
        .iter()
        .find_map(|p| value.strip_prefix(p))
        .unwrap_or(value);
    let parts: Vec<&str> = body.split('-').collect();
    let lengths: Vec<usize> = parts.iter().map(|p| p.len()).collect();
    parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()))
        && matches!(lengths.as_slice(), [4] | [4, 2] | [4, 2, 2])
}

/// True when a plain scalar would be read as something other than this text: a flag, a null,
/// a number, a date or time (YAML 1.1 readers too).
fn resolves_to_other_type(key: &str, value: &str) -> bool {
    if typed_field(key, value) {
        return false;
    }
    let lower = value.to_ascii_lowercase();
    if matches!(
        lower.as_str(),
        "true" | "false" | "yes" | "no" | "on" | "off" | "y" | "n" | "null" | "~" | ""
    ) {
        return true;
    }
    let first = value.chars().next().unwrap_or(' ');
    // Numbers, dates, times and sexagesimals all start with a digit, a sign or a dot.
    first.is_ascii_digit()
        || ((first == '+' || first == '-' || first == '.')
            && value
                .chars()
                .nth(1)
                .is_some_and(|c| c.is_ascii_digit() || c == '.'))
        || matches!(lower.as_str(), ".inf" | "-.inf" | "+.inf" | ".nan")
}

/// True when `value` can be written as a plain scalar in block context.
fn plain_in_block(value: &str) -> bool {
    let Some(first) = value.chars().next() else {
        return false;
    };
    if "-?:,[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if value.starts_with(char::is_whitespace) || value.ends_with(char::is_whitespace) {
        return false;
    }
    if value.ends_with(':') || value.contains(": ") || value.contains(" #") {
        return false;
    }
    !value
        .chars()
        .any(|c| c.is_control() || c == '\u{FEFF}' || c == '\u{2028}' || c == '\u{2029}')
}

/// True when `value` can be written plain inside `[ ]`.
fn plain_in_flow(value: &str) -> bool {
    // "[phenotype -]": the YAML reader takes a dash before the closing bracket as the start
    // of a new item, so a dash after a space is quoted.
    plain_in_block(value) && !value.contains([',', '[', ']', '{', '}']) && !value.contains(" -")
}

/// A double-quoted scalar with every character that needs it escaped.
pub fn quoted(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if c.is_control() || matches!(c, '\u{FEFF}' | '\u{2028}' | '\u{2029}') => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Location;
    use crate::input::case_file::{CaseSection, DatedText, PartnershipInput, PersonInput, Text};

    fn t(value: &str) -> Text {
        Text::new(value.to_string(), Location::default())
    }

    #[test]
    fn quotes_only_what_yaml_would_misread() {
        assert_eq!(scalar("name", "Patrick Brontë"), "Patrick Brontë");
        assert_eq!(scalar("name", "Yes"), "\"Yes\"");
        assert_eq!(scalar("name", "1066"), "\"1066\"");
        assert_eq!(scalar("name", "- dash"), "\"- dash\"");
        assert_eq!(scalar("name", "a: b"), "\"a: b\"");
        assert_eq!(scalar("name", "a #b"), "\"a #b\"");
        assert_eq!(scalar("name", "say \"hi\"\n"), "\"say \\\"hi\\\"\\n\"");
        assert_eq!(scalar("born", "1850"), "1850");
        assert_eq!(scalar("born", "about 1850-03"), "about 1850-03");
        assert_eq!(scalar("deceased", "true"), "true");
        assert_eq!(scalar("note", "true"), "\"true\"");
        assert_eq!(scalar("time", "23:40"), "\"23:40\"");
        assert_eq!(scalar("name", ""), "\"\"");
    }

    #[test]
    fn writes_block_style_with_short_lists_inline() {
        let file = CaseFile {
            case: CaseSection {
                title: Some(t("Family tree: Brontë")),
                as_at: Some(t("1861-06-07")),
                ..CaseSection::default()
            },
            people: vec![
                PersonInput {
                    id: Some(t("anne")),
                    name: Some(t("Anne Brontë")),
                    deceased: Some(t("true")),
                    parents: vec![t("patrick"), t("maria")],
                    notes: vec![
                        DatedText::plain(t("Wrote: Agnes Grey")),
                        DatedText::plain(t("true")),
                    ],
                    ..PersonInput::default()
                },
                PersonInput {
                    id: Some(t("patrick")),
                    ..PersonInput::default()
                },
            ],
            partnerships: vec![PartnershipInput {
                partners: vec![t("patrick"), t("maria")],
                status: Some(t("married")),
                from: Some(t("1812-12-29")),
                ..PartnershipInput::default()
            }],
            ..CaseFile::default()
        };
        let text = yaml(&file);
        let expected = "\
# genochron case file. The format is described in docs/case-file.md.

case:
  title: \"Family tree: Brontë\"
  as-at: 1861-06-07

people:
  - id: anne
    name: Anne Brontë
    deceased: true
    notes:
      - \"Wrote: Agnes Grey\"
      - \"true\"
    parents: [patrick, maria]
  - id: patrick

partnerships:
  - partners: [patrick, maria]
    status: married
    from: 1812-12-29
";
        assert_eq!(text, expected);
    }
}
