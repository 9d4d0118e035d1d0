//! Reading a choice from the case file; the words themselves are in `crate::vocabulary`.

use super::Checker;
use crate::diagnostic::clip;
use crate::input::case_file::Text;
pub use crate::vocabulary::*;

impl Checker {
    /// One of a fixed set of words. Case, spaces and underscores do not matter; a misspelling
    /// gets a suggestion and the list of words allowed.
    pub fn choice<T: Copy + PartialEq>(
        &mut self,
        text: &Text,
        field: &str,
        options: &[(&'static str, T)],
    ) -> Option<T> {
        let word = text.value.trim().to_lowercase().replace(['_', ' '], "-");
        if let Some((_, value)) = options.iter().find(|(name, _)| *name == word) {
            return Some(*value);
        }
        let main_names = schema_words(options);
        let all_names: Vec<&str> = options.iter().map(|(n, _)| *n).collect();
        let help = match crate::diagnostic::nearest(&word, &all_names) {
            Some(close) => format!(
                "Did you mean \"{close}\"? The choices are: {}.",
                main_names.join(", ")
            ),
            None => format!("The choices are: {}.", main_names.join(", ")),
        };
        self.problem(
            text.at,
            format!(
                "\"{}\" is not {} genochron knows.",
                clip(text.value.trim()),
                crate::diagnostic::a(field)
            ),
            help,
        );
        None
    }

    pub fn yes_no(&mut self, text: &Text, field: &str) -> Option<bool> {
        let word = text.value.trim().to_lowercase();
        if let Some((_, value)) = YES_NO.iter().find(|(name, _)| *name == word) {
            return Some(*value);
        }
        self.problem(
            text.at,
            format!(
                "`{field}` should be true or false, but it is \"{}\".",
                clip(text.value.trim())
            ),
            format!("Write `{field}: true`, or leave it out."),
        );
        None
    }
}
