//! Mentions: free text that names a person by their id, so each version of a document can
//! show them the way its audience may know them.
//!
//! `@leanne` is the person with the id `leanne`, shown by their short name (their known-as
//! name, else their first name); `@@leanne` is their full name. An audience that knows them
//! only by initials or by role sees those instead ("L. M.", "the foster carer"). An `@` after
//! a letter or digit (an e-mail address) is not a mention.

pub mod plain;

use std::ops::Range;

/// One mention in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// The bytes of the whole mention, `@` included.
    pub span: Range<usize>,
    /// The id as written (a person's id when it resolves).
    pub id: String,
    /// `@@id`: the full name is wanted.
    pub full: bool,
    /// The id names a person (`is_id` said so).
    pub resolved: bool,
}

fn is_id_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_' || c == '.'
}

/// Every mention in `text`. An id runs over letters, digits, `-`, `_` and `.`; the longest
/// part of that run which is a person's id (ending where a `-`, `_` or `.` follows) is taken,
/// so `@kai's` and `@kai.` are Kai. A run that names no one is returned unresolved.
pub fn find(text: &str, is_id: impl Fn(&str) -> bool) -> Vec<Mention> {
    let mut out = Vec::new();
    let mut previous: Option<char> = None;
    let mut indices = text.char_indices().peekable();
    while let Some((i, c)) = indices.next() {
        let starts = c == '@' && previous.is_none_or(|p| !p.is_alphanumeric() && p != '@');
        previous = Some(c);
        if !starts {
            continue;
        }
        let mut at = i + 1;
        let full = text[at..].starts_with('@');
        if full {
            at += 1;
        }
        let run_len: usize = text[at..]
            .chars()
            .take_while(|c| is_id_char(*c))
            .map(char::len_utf8)
            .sum();
        let run = &text[at..at + run_len];
        if !run.chars().next().is_some_and(char::is_alphanumeric) {
            continue;
        }
        let mut ends: Vec<usize> = run
            .char_indices()
            .filter(|(_, c)| matches!(c, '-' | '_' | '.'))
            .map(|(j, _)| j)
            .collect();
        ends.push(run.len());
        let best = ends.iter().rev().find(|&&end| is_id(&run[..end]));
        let (id, len) = match best {
            Some(&end) => (&run[..end], end),
            None => (run.trim_end_matches(['-', '_', '.']), run.len()),
        };
        let span = i..at + len;
        out.push(Mention {
            span: span.clone(),
            id: id.to_string(),
            full,
            resolved: best.is_some(),
        });
        // Skip what was taken.
        while indices.peek().is_some_and(|(j, _)| *j < span.end) {
            let (_, c) = indices.next().unwrap_or((0, ' '));
            previous = Some(c);
        }
    }
    out
}

/// How a mentioned person is shown in one version.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Shown {
    /// By name: the short form for `@id`, the full form for `@@id`.
    Name { short: String, full: String },
    /// By initials ("L. M.").
    Initials(String),
    /// By role ("foster carer"): written "the foster carer", with a capital at the start of
    /// a sentence.
    Role(String),
}

/// A piece of a rendered text: written by the author, or put in place of a mention.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Piece {
    /// Bytes of the rendered text.
    pub rendered: Range<usize>,
    /// Bytes of the original text this piece came from.
    pub original: Range<usize>,
    /// The person a mention named, for a piece put in place of one.
    pub mention: Option<String>,
}

/// A text with its mentions written out, and which pieces came from where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Rendered {
    pub text: String,
    pub pieces: Vec<Piece>,
}

/// Writes out every mention in `text` as `shown` says. A mention of no one (which `check`
/// refuses) is left as written.
pub(crate) fn render(
    text: &str,
    is_id: impl Fn(&str) -> bool,
    shown: impl Fn(&str) -> Option<Shown>,
) -> Rendered {
    let mut out = String::with_capacity(text.len());
    let mut pieces = Vec::new();
    let mut last = 0;
    for mention in find(text, is_id) {
        let Some(how) = mention.resolved.then(|| shown(&mention.id)).flatten() else {
            continue;
        };
        if mention.span.start > last {
            let start = out.len();
            out.push_str(&text[last..mention.span.start]);
            pieces.push(Piece {
                rendered: start..out.len(),
                original: last..mention.span.start,
                mention: None,
            });
        }
        let sentence_start = at_sentence_start(&text[..mention.span.start]);
        let words = match how {
            Shown::Name { short, full } => {
                if mention.full {
                    full
                } else {
                    short
                }
            }
            Shown::Initials(initials) => initials,
            Shown::Role(role) => role_phrase(&role, sentence_start),
        };
        let start = out.len();
        out.push_str(&words);
        pieces.push(Piece {
            rendered: start..out.len(),
            original: mention.span.clone(),
            mention: Some(mention.id.clone()),
        });
        last = mention.span.end;
    }
    if last < text.len() {
        let start = out.len();
        out.push_str(&text[last..]);
        pieces.push(Piece {
            rendered: start..out.len(),
            original: last..text.len(),
            mention: None,
        });
    }
    Rendered { text: out, pieces }
}

/// True when nothing but white space, quotes or brackets follows the end of a sentence (or
/// the start of the text) before this point.
fn at_sentence_start(before: &str) -> bool {
    let trimmed = before.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '\u{201c}' | '\u{2018}' | '(' | '[' | '\'')
    });
    trimmed.is_empty() || trimmed.ends_with(['.', '!', '?'])
}

/// "the foster carer", or "The foster carer" at the start of a sentence. A role that begins
/// with a capital only because it was written at the start of a field ("Foster carer") is
/// lowered; one in capitals ("GP") is kept.
fn role_phrase(role: &str, sentence_start: bool) -> String {
    let mut chars = role.chars();
    let lowered = match (chars.next(), chars.next()) {
        (Some(first), Some(second)) if first.is_uppercase() && !second.is_uppercase() => {
            first.to_lowercase().collect::<String>() + &role[first.len_utf8()..]
        }
        _ => role.to_string(),
    };
    if sentence_start {
        format!("The {lowered}")
    } else {
        format!("the {lowered}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(id: &str) -> bool {
        matches!(id, "kai" | "leanne" | "kwabena-mensah" | "janet")
    }

    fn shown(id: &str) -> Option<Shown> {
        match id {
            "janet" => Some(Shown::Role("Local authority foster carer".into())),
            "leanne" => Some(Shown::Initials("L. M.".into())),
            other => Some(Shown::Name {
                short: format!("{}short", other),
                full: format!("{}full", other),
            }),
        }
    }

    #[test]
    fn finds_ids_with_possessives_punctuation_and_hyphens() {
        let found = find(
            "@kai's mum @leanne. @kwabena-mensah-said @nobody e@mail.com @ 3pm @@kai",
            ids,
        );
        let ids: Vec<(&str, bool, bool)> = found
            .iter()
            .map(|m| (m.id.as_str(), m.resolved, m.full))
            .collect();
        assert_eq!(
            ids,
            vec![
                ("kai", true, false),
                ("leanne", true, false),
                ("kwabena-mensah", true, false),
                ("nobody", false, false),
                ("kai", true, true),
            ]
        );
    }

    #[test]
    fn renders_roles_as_phrases_that_read_in_a_sentence() {
        let out = render(
            "@janet collected @kai. Then @leanne met @janet's manager.",
            ids,
            shown,
        );
        assert_eq!(
            out.text,
            "The local authority foster carer collected kaishort. Then L. M. met the local \
             authority foster carer's manager."
        );
        // The pieces cover the rendered text without a hole and point back to the original.
        let mut at = 0;
        for piece in &out.pieces {
            assert_eq!(piece.rendered.start, at);
            at = piece.rendered.end;
        }
        assert_eq!(at, out.text.len());
        assert_eq!(out.pieces[0].mention.as_deref(), Some("janet"));
        assert_eq!(out.pieces[0].original, 0..6);
    }

    #[test]
    fn text_without_mentions_is_unchanged() {
        let text = "Seen at 10:00 by the GP; e-mail gp@example.org.";
        assert_eq!(render(text, ids, shown).text, text);
    }

    #[test]
    fn keeps_capitals_of_an_abbreviated_role() {
        assert_eq!(role_phrase("GP", false), "the GP");
        assert_eq!(role_phrase("Foster carer", true), "The foster carer");
    }
}
