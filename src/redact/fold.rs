//! Text as the redaction check compares it: words folded so that every way of writing a name
//! is the same word.
//!
//! Folding undoes compatibility forms and accents (Unicode NFKD, then combining marks
//! dropped: "Zoë", "Zoe\u{308}" and "ZOE" are all "zoe"), lowers case, and ignores invisible
//! characters (zero-width spaces, soft hyphens, direction controls) so that one inside a name
//! does not split it. Words are runs of letters or of digits; anything else, line breaks
//! included, only separates words, so "Leanne's" is "leanne" + "s" and a name folded across
//! two lines of YAML is still two neighbouring words.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;
use unicode_properties::{GeneralCategory, UnicodeGeneralCategory};

/// One word of a text, folded, with the bytes of the original it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Word {
    pub folded: String,
    pub start: usize,
    pub end: usize,
}

/// Characters that show nothing but can change how text reads or splits: format characters
/// (Unicode category Cf: zero-width spaces and joiners, soft hyphen, direction marks and
/// overrides, the byte-order mark) and the other default-ignorable ones (variation selectors,
/// the combining grapheme joiner, Hangul fillers).
pub(crate) fn is_invisible(c: char) -> bool {
    c.general_category() == GeneralCategory::Format
        || matches!(c,
            '\u{034F}' | '\u{115F}' | '\u{1160}' | '\u{17B4}' | '\u{17B5}' | '\u{3164}'
            | '\u{FFA0}' | '\u{180B}'..='\u{180F}' | '\u{FE00}'..='\u{FE0F}'
            | '\u{E0100}'..='\u{E01EF}')
}

/// The text without its invisible characters, and how many were removed.
pub(crate) fn strip_invisible(text: &str) -> (String, usize) {
    let kept: String = text.chars().filter(|c| !is_invisible(*c)).collect();
    let removed = text.chars().count() - kept.chars().count();
    (kept, removed)
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Letter,
    Digit,
}

/// The words of a text, folded.
pub fn words(text: &str) -> Vec<Word> {
    let mut out: Vec<Word> = Vec::new();
    let mut current: Option<(Word, Class)> = None;
    for (i, c) in text.char_indices() {
        if is_invisible(c) {
            continue;
        }
        let end = i + c.len_utf8();
        let mut any = false;
        for folded in std::iter::once(c).nfkd().filter(|d| !is_combining_mark(*d)) {
            for lower in folded.to_lowercase() {
                let class = if lower.is_numeric() {
                    Some(Class::Digit)
                } else if lower.is_alphabetic() {
                    Some(Class::Letter)
                } else {
                    None
                };
                match (class, current.as_mut()) {
                    (Some(class), Some((word, kind))) if *kind == class => {
                        word.folded.push(lower);
                        word.end = end;
                    }
                    (Some(class), _) => {
                        if let Some((word, _)) = current.take() {
                            out.push(word);
                        }
                        current = Some((
                            Word {
                                folded: lower.to_string(),
                                start: i,
                                end,
                            },
                            class,
                        ));
                    }
                    (None, _) => {
                        if let Some((word, _)) = current.take() {
                            out.push(word);
                        }
                    }
                }
                any = true;
            }
        }
        // A character that folds to nothing visible (a lone combining mark) joins nothing.
        if !any && let Some((word, _)) = current.as_mut() {
            word.end = end;
        }
    }
    if let Some((word, _)) = current {
        out.push(word);
    }
    out
}

/// The folded words of a text, for comparing two short texts ("Northdale" accepted).
pub fn key(text: &str) -> Vec<String> {
    words(text).into_iter().map(|w| w.folded).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn folded(text: &str) -> Vec<String> {
        key(text)
    }

    #[test]
    fn folds_case_accents_and_compatibility_forms() {
        assert_eq!(folded("ZOË"), vec!["zoe"]);
        assert_eq!(folded("Zoe\u{308}"), vec!["zoe"]);
        assert_eq!(folded("ｊｏａｎ"), vec!["joan"]);
        assert_eq!(folded("Łukasz"), vec!["łukasz"]);
    }

    #[test]
    fn invisible_characters_do_not_split_a_word() {
        for text in [
            "Jo\u{200B}an",
            "Jo\u{00AD}an",
            "J\u{202E}oan",
            "Jo\u{2060}an",
            "\u{FEFF}Joan",
        ] {
            assert_eq!(folded(text), vec!["joan"], "{text:?}");
        }
        assert!(is_invisible('\u{202E}') && is_invisible('\u{200D}'));
        assert!(!is_invisible('a') && !is_invisible(' '));
    }

    #[test]
    fn splits_on_punctuation_line_breaks_and_between_letters_and_digits() {
        assert_eq!(folded("Leanne's\nMensah"), vec!["leanne", "s", "mensah"]);
        assert_eq!(folded("NE34RT"), vec!["ne", "34", "rt"]);
        assert_eq!(folded("Smith-Jones"), vec!["smith", "jones"]);
    }

    #[test]
    fn words_point_back_to_their_bytes() {
        let text = "Mr  Zoë's";
        let w = words(text);
        assert_eq!(&text[w[1].start..w[1].end], "Zoë");
    }
}
