//! A spreadsheet's own codes for a field's values (`--values "significance: 1=low"`).

use super::*;

/// A spreadsheet's own codes for one field's values: `significance: 1=low, 2=medium, 3=high`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValueCodes {
    field: Field,
    /// The code as written in the spreadsheet, and the value it stands for.
    codes: Vec<(String, String)>,
}

impl ValueCodes {
    /// A per-child valence column takes the codes given for `valence`.
    pub(super) fn applies_to(&self, field: &Field) -> bool {
        match field {
            Field::ChildValence(_) => self.field == Field::Valence,
            other => *other == self.field,
        }
    }

    /// The value a cell's code stands for; case and surrounding space do not matter. A cell
    /// that is not one of the codes is read as written, so the checker can say what is wrong
    /// with it and suggest the nearest word.
    pub(super) fn value_of(&self, cell: &str) -> Option<&str> {
        self.codes
            .iter()
            .find(|(code, _)| normal(code) == normal(cell))
            .map(|(_, value)| value.as_str())
    }
}

/// The words a field allows, when it has a fixed set, for checking `--values`.
pub(super) fn allowed_words(field: &Field) -> Option<Vec<&'static str>> {
    use crate::vocabulary::{ENTRY_STATUSES, SIGNIFICANCES, VALENCES};
    fn names<T>(list: &[(&'static str, T)]) -> Vec<&'static str> {
        list.iter().map(|(n, _)| *n).collect()
    }
    match field {
        Field::Significance => Some(names(SIGNIFICANCES)),
        Field::Status => Some(names(ENTRY_STATUSES)),
        Field::Valence | Field::ChildValence(_) => Some(names(VALENCES)),
        _ => None,
    }
}

/// Reads `--values` text, `field: code=value, code=value`, checking the field exists and, for
/// fields with a fixed set of words, that every value is one of them.
pub fn parse_values(text: &str) -> Result<ValueCodes, String> {
    let example = "--values \"significance: 1=low, 2=medium, 3=high\"";
    let Some((name, list)) = text.split_once(':') else {
        return Err(format!(
            "--values \"{text}\" needs the field first, then a colon, then the codes, like \
             {example}."
        ));
    };
    let field = match field(name) {
        Some(f) if f != Field::Ignored => f,
        _ => {
            return Err(format!(
                "--values \"{text}\": \"{}\" is not an entry field. Use one of {}.",
                name.trim(),
                FIELD_NAMES.join(", ")
            ));
        }
    };
    let allowed = allowed_words(&field);
    let mut codes = Vec::new();
    let separator = if list.contains(';') { ';' } else { ',' };
    for pair in list.split(separator).filter(|p| !p.trim().is_empty()) {
        let Some((code, value)) = pair.split_once('=') else {
            return Err(format!(
                "--values \"{text}\": \"{}\" needs an = between the code and its value, like \
                 {example}.",
                pair.trim()
            ));
        };
        let (code, value) = (code.trim(), value.trim());
        if code.is_empty() || value.is_empty() {
            return Err(format!(
                "--values \"{text}\": \"{}\" needs a code before the = and a value after it.",
                pair.trim()
            ));
        }
        if let Some(words) = &allowed {
            let word = value.to_lowercase().replace(['_', ' '], "-");
            if !words.contains(&word.as_str()) {
                let close = crate::diagnostic::nearest(&word, words)
                    .map(|w| format!("Did you mean \"{w}\"? "))
                    .unwrap_or_default();
                return Err(format!(
                    "--values \"{text}\": \"{value}\" is not a {} genochron knows. {close}The \
                     choices are: {}.",
                    name.trim(),
                    words.join(", ")
                ));
            }
        }
        codes.push((code.to_string(), value.to_string()));
    }
    if codes.is_empty() {
        return Err(format!(
            "--values \"{text}\" gives no codes. Write them like {example}."
        ));
    }
    Ok(ValueCodes { field, codes })
}
