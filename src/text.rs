//! Text measurement with the bundled font, so the layout and every drawing agree on widths.
//!
//! genochron bundles Liberation Sans, which has the same metrics as Arial (the font court
//! bundles name). Widths come from shaping with rustybuzz, kerning included, so a label
//! measured here is the width it is drawn at in the PNG, the PDF and, where Arial or Liberation
//! Sans is installed, in a browser.

use std::sync::OnceLock;

/// The family name the drawings ask for, best match first.
pub(crate) const FONT_FAMILY: &str = "'Liberation Sans', Arial, Helvetica, sans-serif";

/// The two faces of the bundled font.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Weight {
    #[default]
    Regular,
    Bold,
}

/// The bundled regular face's bytes (SIL Open Font License; see `assets/fonts`).
pub(crate) const REGULAR_FONT: &[u8] = include_bytes!("../assets/fonts/LiberationSans-Regular.ttf");
/// The bundled bold face's bytes.
pub(crate) const BOLD_FONT: &[u8] = include_bytes!("../assets/fonts/LiberationSans-Bold.ttf");

fn face(weight: Weight) -> &'static rustybuzz::Face<'static> {
    static REGULAR: OnceLock<rustybuzz::Face<'static>> = OnceLock::new();
    static BOLD: OnceLock<rustybuzz::Face<'static>> = OnceLock::new();
    let (cell, bytes) = match weight {
        Weight::Regular => (&REGULAR, REGULAR_FONT),
        Weight::Bold => (&BOLD, BOLD_FONT),
    };
    cell.get_or_init(|| rustybuzz::Face::from_slice(bytes, 0).expect("the bundled font parses"))
}

type PlanKey = (bool, bool, u32);

/// Lets the width cache be looked up by `(bool, &str)` without allocating a `String`.
trait WidthKey {
    fn key(&self) -> (bool, &str);
}

impl WidthKey for (bool, String) {
    fn key(&self) -> (bool, &str) {
        (self.0, self.1.as_str())
    }
}

impl WidthKey for (bool, &str) {
    fn key(&self) -> (bool, &str) {
        (self.0, self.1)
    }
}

impl<'a> std::borrow::Borrow<dyn WidthKey + 'a> for (bool, String) {
    fn borrow(&self) -> &(dyn WidthKey + 'a) {
        self
    }
}

impl PartialEq for dyn WidthKey + '_ {
    fn eq(&self, other: &Self) -> bool {
        self.key() == other.key()
    }
}

impl Eq for dyn WidthKey + '_ {}

impl std::hash::Hash for dyn WidthKey + '_ {
    fn hash<H: std::hash::Hasher>(&self, state: &mut H) {
        self.key().hash(state)
    }
}

thread_local! {
    static WIDTHS: std::cell::RefCell<crate::lookup::Lookup<(bool, String), f64>> =
        std::cell::RefCell::new(crate::lookup::Lookup::default());
    static PLANS: std::cell::RefCell<Vec<(PlanKey, rustybuzz::ShapePlan)>> =
        const { std::cell::RefCell::new(Vec::new()) };
}

/// The advance width of `text` at `size` user units.
pub fn width(text: &str, size: f64, weight: Weight) -> f64 {
    if text.is_empty() {
        return 0.0;
    }
    // Labels repeat ("b. 1985", roles, surnames): shaping each distinct text once per run
    // keeps measuring a large family cheap.
    let key = (weight == Weight::Bold, text);
    if let Some(units) = WIDTHS.with(|w| w.borrow().get(&key as &dyn WidthKey).copied()) {
        return units * size;
    }
    let units = shaped_units(text, weight);
    WIDTHS.with(|w| {
        w.borrow_mut()
            .insert((weight == Weight::Bold, text.to_string()), units)
    });
    units * size
}

/// Width at size 1, by shaping.
fn shaped_units(text: &str, weight: Weight) -> f64 {
    let face = face(weight);
    let mut buffer = rustybuzz::UnicodeBuffer::new();
    buffer.push_str(text);
    buffer.guess_segment_properties();
    // Building a shaping plan costs more than shaping a short label, so plans are kept per
    // face, direction and script (a handful per run).
    let key = (
        weight == Weight::Bold,
        buffer.direction() == rustybuzz::Direction::RightToLeft,
        u32::from_be_bytes(buffer.script().tag().to_bytes()),
    );
    let glyphs = PLANS.with(|plans| {
        let mut plans = plans.borrow_mut();
        let index = match plans.iter().position(|(k, _)| *k == key) {
            Some(i) => i,
            None => {
                let plan = rustybuzz::ShapePlan::new(
                    face,
                    buffer.direction(),
                    Some(buffer.script()),
                    None,
                    &[],
                );
                plans.push((key, plan));
                plans.len() - 1
            }
        };
        rustybuzz::shape_with_plan(face, &plans[index].1, buffer)
    });
    let units: i64 = glyphs
        .glyph_positions()
        .iter()
        .map(|p| p.x_advance as i64)
        .sum();
    units as f64 / face.units_per_em() as f64
}

/// Breaks `text` into lines no wider than `max_width`, at spaces where it can and inside a
/// word only when one word alone is too wide. Nothing is ever cut off or dropped.
pub fn wrap(text: &str, size: f64, weight: Weight, max_width: f64) -> Vec<String> {
    let mut lines = Vec::new();
    for paragraph in text.split('\n') {
        let mut line = String::new();
        for word in paragraph.split_whitespace() {
            let candidate = if line.is_empty() {
                word.to_string()
            } else {
                format!("{line} {word}")
            };
            if width(&candidate, size, weight) <= max_width {
                line = candidate;
                continue;
            }
            if !line.is_empty() {
                lines.push(std::mem::take(&mut line));
            }
            if width(word, size, weight) <= max_width {
                line = word.to_string();
            } else {
                let mut pieces = break_word(word, size, weight, max_width);
                line = pieces.pop().unwrap_or_default();
                lines.extend(pieces);
            }
        }
        lines.push(line);
    }
    lines
}

/// Splits a word too wide for a line into pieces that fit, at character boundaries.
fn break_word(word: &str, size: f64, weight: Weight, max_width: f64) -> Vec<String> {
    let mut pieces = Vec::new();
    let mut piece = String::new();
    for c in word.chars() {
        piece.push(c);
        if piece.chars().count() > 1 && width(&piece, size, weight) > max_width {
            piece.pop();
            pieces.push(std::mem::take(&mut piece));
            piece.push(c);
        }
    }
    pieces.push(piece);
    pieces
}

/// The width of the widest of several lines.
pub(crate) fn widest(lines: &[String], size: f64, weight: Weight) -> f64 {
    lines
        .iter()
        .map(|l| width(l, size, weight))
        .fold(0.0, f64::max)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn measures_with_kerning_and_scales_with_size() {
        let small = width("Amy Mensah", 10.0, Weight::Regular);
        let large = width("Amy Mensah", 20.0, Weight::Regular);
        assert!(small > 40.0 && small < 60.0, "{small}");
        assert!((large - 2.0 * small).abs() < 1e-9);
        assert!(width("Amy", 12.0, Weight::Bold) > width("Amy", 12.0, Weight::Regular));
        // "AV" is kerned tighter than its two letters side by side.
        let pair = width("AV", 12.0, Weight::Regular);
        let apart = width("A", 12.0, Weight::Regular) + width("V", 12.0, Weight::Regular);
        assert!(pair < apart);
    }

    #[test]
    fn wraps_at_spaces_and_never_drops_text() {
        let text = "Kwabena Mensah-Appiah Junior";
        let lines = wrap(text, 12.0, Weight::Regular, 90.0);
        assert!(lines.len() > 1);
        assert!(
            lines
                .iter()
                .all(|l| width(l, 12.0, Weight::Regular) <= 90.0)
        );
        assert_eq!(lines.join(" "), text);
    }

    #[test]
    fn breaks_a_word_that_is_too_long_for_any_line() {
        let word = "Supercalifragilisticexpialidocious";
        let lines = wrap(word, 12.0, Weight::Regular, 50.0);
        assert!(lines.len() > 2);
        assert_eq!(lines.concat(), word);
    }
}
