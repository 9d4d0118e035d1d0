//! Escaping text from the case for each language documents are written in: one function per
//! language, used by every writer of that language.
//!
//! - XML (SVG and the parts of a Word document written by hand): [`xml_text`] for element
//!   content, [`xml_attribute`] for double-quoted attribute values.
//! - HTML (the report page, the chronology table, the supervision review): [`html`], for both
//!   element content and quoted attribute values.
//! - Markdown tables: [`markdown`].
//!
//! CSV goes through the `csv` crate, JSON through `serde_json`, and PDF and Word text through
//! their libraries, which escape for themselves.

/// Appends `text` with each character `reference` names replaced by its reference.
fn push_escaped(out: &mut String, text: &str, reference: impl Fn(char) -> Option<&'static str>) {
    for c in text.chars() {
        match reference(c) {
            Some(r) => out.push_str(r),
            None => out.push(c),
        }
    }
}

/// The references every markup language here shares: `&`, `<` and `>`.
fn markup(c: char) -> Option<&'static str> {
    match c {
        '&' => Some("&amp;"),
        '<' => Some("&lt;"),
        '>' => Some("&gt;"),
        _ => None,
    }
}

/// Appends `text` as XML element content: `&`, `<` and `>` escaped.
pub(crate) fn xml_text(out: &mut String, text: &str) {
    push_escaped(out, text, markup);
}

/// Appends `text` as a double-quoted XML attribute value: the five XML entities, and line
/// breaks and tabs as character references (a reader would otherwise turn them into spaces).
pub(crate) fn xml_attribute(out: &mut String, text: &str) {
    push_escaped(out, text, |c| match c {
        '"' => Some("&quot;"),
        '\'' => Some("&apos;"),
        '\n' => Some("&#10;"),
        '\r' => Some("&#13;"),
        '\t' => Some("&#9;"),
        _ => markup(c),
    });
}

/// `text` as a double-quoted XML attribute value (see [`xml_attribute`]).
pub(crate) fn xml_attribute_value(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    xml_attribute(&mut out, text);
    out
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text, |c| match c {
        '"' => Some("&quot;"),
        '\'' => Some("&#39;"),
        _ => markup(c),
    });
    out
}

/// Markdown escaping: table pipes, emphasis and link characters, and angle brackets (so no
/// HTML passes through a Markdown renderer). Line breaks become spaces inside a cell.
pub(crate) fn markdown(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    push_escaped(&mut out, text, |c| match c {
        '\\' => Some("\\\\"),
        '|' => Some("\\|"),
        '*' => Some("\\*"),
        '_' => Some("\\_"),
        '`' => Some("\\`"),
        '[' => Some("\\["),
        ']' => Some("\\]"),
        '#' => Some("\\#"),
        '\n' | '\r' => Some(" "),
        _ => markup(c),
    });
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every character XML 1.0 allows, in order (the checker refuses the control characters
    /// it does not, so they never reach a writer).
    fn every_xml_character() -> String {
        (0..=0x10FFFFu32)
            .filter_map(char::from_u32)
            .filter(|&c| {
                matches!(c, '\t' | '\n' | '\r')
                    || (c >= ' ' && !matches!(c, '\u{FFFE}' | '\u{FFFF}'))
            })
            .collect()
    }

    #[test]
    fn every_character_comes_back_from_an_xml_reader_as_it_was_written() {
        let all = every_xml_character();
        let mut doc = String::from("<a b=\"");
        xml_attribute(&mut doc, &all);
        doc.push_str("\">");
        xml_text(&mut doc, &all);
        doc.push_str("</a>");
        let tree = roxmltree::Document::parse(&doc).expect("well-formed XML");
        let root = tree.root_element();
        assert_eq!(root.attribute("b"), Some(all.as_str()));
        // Element content keeps every character but a lone carriage return, which any XML
        // reader turns into a line feed.
        assert_eq!(root.text(), Some(all.replace('\r', "\n").as_str()));
    }

    /// Reads back the references the HTML escaper writes.
    fn unescape_html(text: &str) -> String {
        text.replace("&lt;", "<")
            .replace("&gt;", ">")
            .replace("&quot;", "\"")
            .replace("&#39;", "'")
            .replace("&amp;", "&")
    }

    #[test]
    fn html_leaves_no_markup_character_bare_and_loses_nothing() {
        let all: String = (0..=0x10FFFFu32).filter_map(char::from_u32).collect();
        let escaped = html(&all);
        assert!(!escaped.contains(['<', '>', '"', '\'']));
        // Every & starts one of the references written.
        for (at, _) in escaped.match_indices('&') {
            let rest = &escaped[at..];
            assert!(
                ["&amp;", "&lt;", "&gt;", "&quot;", "&#39;"]
                    .iter()
                    .any(|r| rest.starts_with(r)),
                "bare & at {at}"
            );
        }
        assert_eq!(unescape_html(&escaped), all);
    }

    #[test]
    fn markdown_leaves_no_markup_character_unescaped() {
        let all: String = (0..=0x2FFFu32).filter_map(char::from_u32).collect();
        let escaped = markdown(&all);
        assert!(!escaped.contains(['<', '>', '\n', '\r']));
        let mut chars = escaped.chars();
        while let Some(c) = chars.next() {
            if c == '\\' {
                let next = chars.next().expect("an escaped character");
                assert!("\\|*_`[]#".contains(next), "\\{next}");
            } else {
                assert!(!"|*_`[]#".contains(c), "bare {c}");
            }
        }
    }
}
