//! Text measurement for the timeline with a word cache, so thousands of labels wrap in linear time.
//!
//! [`crate::text::wrap`] shapes every candidate line, which is right for a few dozen genogram
//! names but quadratic in a label's length. A chronology repeats its words (dates, names,
//! agencies), so here each word is shaped once at unit size and lines are measured as sums of
//! words and spaces. Kerning across a space is ignored; labels keep a small margin for it.

use crate::layout::scene::Weight;
use crate::lookup::Lookup;
use crate::text;

/// Widths of words at size 1, by weight.
#[derive(Default)]
pub(crate) struct Measure {
    regular: Lookup<String, f64>,
    bold: Lookup<String, f64>,
}

impl Measure {
    fn word(&mut self, word: &str, weight: Weight) -> f64 {
        let cache = match weight {
            Weight::Regular => &mut self.regular,
            Weight::Bold => &mut self.bold,
        };
        if let Some(w) = cache.get(word) {
            return *w;
        }
        // Numbers (entry numbers, days, years) are mostly unique, so they are measured digit by
        // digit: the digits share one advance, and kerning ("11") only ever makes a number
        // narrower, so the sum is a safe upper bound for placing labels.
        let w = if word.len() > 1 && word.bytes().all(|b| b.is_ascii_digit()) {
            let digit = self.word("0", weight);
            return digit * word.len() as f64;
        } else {
            text::width(word, 1.0, weight)
        };
        cache.insert(word.to_string(), w);
        w
    }

    /// The width of one line of text at `size`.
    pub(crate) fn width(&mut self, line: &str, size: f64, weight: Weight) -> f64 {
        let space = self.word(" ", weight);
        let mut total = 0.0;
        for (i, word) in line.split(' ').enumerate() {
            if i > 0 {
                total += space;
            }
            if !word.is_empty() {
                total += self.word(word, weight);
            }
        }
        total * size
    }

    /// Breaks `text` into lines no wider than `max_width`, at spaces where it can and inside
    /// a word only when the word alone is too wide. Nothing is dropped.
    pub(crate) fn wrap(&mut self, text: &str, size: f64, weight: Weight, max: f64) -> Vec<String> {
        let space = self.word(" ", weight) * size;
        let mut lines = Vec::new();
        for paragraph in text.split('\n') {
            let mut line = String::new();
            let mut line_width = 0.0;
            for word in paragraph.split_whitespace() {
                let w = self.word(word, weight) * size;
                if !line.is_empty() && line_width + space + w <= max {
                    line.push(' ');
                    line.push_str(word);
                    line_width += space + w;
                    continue;
                }
                // The word starts a new line, broken where it is wider than a whole line.
                if !line.is_empty() {
                    lines.push(std::mem::take(&mut line));
                }
                if w <= max {
                    line.push_str(word);
                    line_width = w;
                } else {
                    let mut pieces = text::wrap(word, size, weight, max);
                    line = pieces.pop().unwrap_or_default();
                    line_width = text::width(&line, size, weight);
                    lines.extend(pieces);
                }
            }
            if !line.is_empty() || lines.is_empty() {
                lines.push(line);
            }
        }
        lines
    }

    /// The width of the widest line.
    pub(crate) fn widest(&mut self, lines: &[String], size: f64, weight: Weight) -> f64 {
        lines
            .iter()
            .map(|l| self.width(l, size, weight))
            .fold(0.0, f64::max)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn agrees_with_shaped_widths_within_a_small_margin() {
        let mut m = Measure::default();
        for text in [
            "Police attended after a neighbour reported shouting",
            "14 Mar 2019",
        ] {
            let fast = m.width(text, 10.0, Weight::Regular);
            let shaped = text::width(text, 10.0, Weight::Regular);
            assert!(
                (fast - shaped).abs() < shaped * 0.02 + 0.5,
                "{fast} {shaped}"
            );
        }
    }

    #[test]
    fn numbers_measure_as_their_digits() {
        let mut m = Measure::default();
        for number in ["12", "4711", "100000", "2019"] {
            let fast = m.width(number, 10.0, Weight::Bold);
            let shaped = text::width(number, 10.0, Weight::Bold);
            assert!(
                fast >= shaped && fast <= shaped * 1.05,
                "{number}: {fast} {shaped}"
            );
        }
    }

    #[test]
    fn wraps_within_the_width_and_keeps_every_word() {
        let mut m = Measure::default();
        let text = "Amy hid upstairs; school reported her tired and withdrawn the next day.";
        let lines = m.wrap(text, 10.0, Weight::Regular, 90.0);
        assert!(lines.len() > 2);
        assert!(
            lines
                .iter()
                .all(|l| m.width(l, 10.0, Weight::Regular) <= 90.0)
        );
        assert_eq!(lines.join(" "), text);
        let long = m.wrap(
            "Supercalifragilisticexpialidocious",
            10.0,
            Weight::Regular,
            40.0,
        );
        assert_eq!(long.concat(), "Supercalifragilisticexpialidocious");
    }
}
