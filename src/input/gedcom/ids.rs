//! Readable, unique, deterministic person ids made from names ("charlotte-bronte",
//! "charlotte-bronte-2").

use super::ansel;
use std::collections::{BTreeMap, BTreeSet};

/// The longest id made from a name, before any "-2".
const MAX_BASE: usize = 40;

/// Hands out ids in the order asked, each unique.
#[derive(Debug, Default)]
pub(crate) struct Ids {
    used: BTreeSet<String>,
    /// The next number to try for each base, so many people of one name stay linear.
    next: BTreeMap<String, usize>,
}

impl Ids {
    /// A unique id made from `name`, or from `fallback` when the name gives nothing usable.
    pub fn make(&mut self, name: &str, fallback: &str) -> String {
        let mut base = slug(name);
        if base.is_empty() {
            base = slug(fallback);
        }
        if base.is_empty() {
            base = "person".to_string();
        }
        if !base.starts_with(|c: char| c.is_ascii_lowercase()) {
            base = format!("person-{base}");
        }
        // Ids are typed by hand elsewhere in the file: keep them short, ending on a whole word.
        if base.len() > MAX_BASE {
            let cut = base[..MAX_BASE].rfind('-').unwrap_or(MAX_BASE);
            base.truncate(cut);
        }
        if self.used.insert(base.clone()) {
            return base;
        }
        let mut number = self.next.get(&base).copied().unwrap_or(2);
        loop {
            let candidate = format!("{base}-{number}");
            number += 1;
            if self.used.insert(candidate.clone()) {
                self.next.insert(base, number);
                return candidate;
            }
        }
    }
}

/// Lower-case ASCII letters and digits joined by single hyphens; accents dropped ("Brontë"
/// → "bronte"), letters with no ASCII form spelt out where usual ("ß" → "ss").
pub fn slug(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut gap = false;
    for c in text.chars() {
        let folded: Option<&str> = match c {
            'ß' => Some("ss"),
            'æ' | 'Æ' => Some("ae"),
            'œ' | 'Œ' => Some("oe"),
            'ø' | 'Ø' => Some("o"),
            'ł' | 'Ł' => Some("l"),
            'đ' | 'Đ' | 'ð' | 'Ð' => Some("d"),
            'þ' | 'Þ' => Some("th"),
            'ı' => Some("i"),
            _ => None,
        };
        let mut push = |s: &str, out: &mut String| {
            if gap && !out.is_empty() {
                out.push('-');
            }
            gap = false;
            out.push_str(s);
        };
        if let Some(s) = folded {
            push(s, &mut out);
        } else if c.is_ascii_alphanumeric() {
            push(&c.to_ascii_lowercase().to_string(), &mut out);
        } else if let Some(base) = ansel::base_letter(c) {
            push(&base.to_ascii_lowercase().to_string(), &mut out);
        } else if c == '\'' || c == '’' || ('\u{0300}'..='\u{036F}').contains(&c) {
            // "O'Brien" → "obrien"; a stray combining mark adds nothing.
        } else {
            gap = true;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_readable_and_unique_in_order() {
        let mut ids = Ids::default();
        assert_eq!(ids.make("Charlotte Brontë", "I1"), "charlotte-bronte");
        assert_eq!(ids.make("Charlotte  BRONTË", "I2"), "charlotte-bronte-2");
        assert_eq!(ids.make("charlotte-bronte-3", "I3"), "charlotte-bronte-3");
        assert_eq!(ids.make("Charlotte Brontë", "I4"), "charlotte-bronte-4");
        assert_eq!(ids.make("", "I0001"), "i0001");
        assert_eq!(ids.make("李小龍", "@"), "person");
        assert_eq!(ids.make("1st Baron", "x"), "person-1st-baron");
        assert_eq!(
            ids.make("Seán O'Brien-Ó Dálaigh", "x"),
            "sean-obrien-o-dalaigh"
        );
    }
}
