//! The front page: the case, what the document holds and where each part starts.

use super::*;
use crate::layout::scene::Weight;

pub(super) fn front_page(
    surface: &mut Surface,
    fonts: &Fonts,
    version: &crate::redact::Version,
    shows: &[(String, String)],
    contents: &[(&str, String)],
) -> bool {
    let case: &Case = version;
    let (width, _) = portrait();
    let text_width = width - 2.0 * MARGIN;
    // A statement of truth and its signature block need the room the title's top margin
    // would otherwise take.
    let mut y = match version.details.statement {
        Some(_) => MARGIN + 30.0,
        None => MARGIN + 90.0,
    };
    let title = crate::render::front_page_title(case);
    for l in text::wrap(title, 22.0, Weight::Bold, text_width) {
        draw_line_of_text(
            surface,
            &fonts.bold,
            22.0,
            MARGIN,
            y,
            &l,
            rgb::Color::black(),
        );
        y += 28.0;
    }
    draw_line_of_text(
        surface,
        &fonts.regular,
        14.0,
        MARGIN,
        y + 4.0,
        "Genogram and child-impact chronology",
        rgb::Color::new(60, 60, 60),
    );
    y += 44.0;

    let fields = crate::render::version_front_page_facts(version);
    let label_width = 170.0;
    y = facts(surface, fonts, &fields, y, label_width);
    if !shows.is_empty() {
        y = section_heading(surface, fonts, "What this version shows", y + 16.0);
        let shows: Vec<(&str, String)> = shows
            .iter()
            .map(|(label, value)| (label.as_str(), value.clone()))
            .collect();
        y = facts(surface, fonts, &shows, y, label_width);
    }
    match crate::render::statement_block(version) {
        None => contents_list(surface, fonts, contents, y) <= FRONT_BOTTOM,
        Some((words, block)) => {
            // The contents on one line, to leave room for the signature block.
            let line: Vec<String> = contents
                .iter()
                .map(|(part, page)| format!("{part}: {}", page.to_lowercase()))
                .collect();
            let contents = [("Contents", line.join("   \u{00b7}   "))];
            let y = facts(surface, fonts, &contents, y + 16.0, label_width);
            statement(surface, fonts, &words, &block, y) <= FRONT_BOTTOM
        }
    }
}

/// The lowest a line of the front page may stand, clear of the footer.
const FRONT_BOTTOM: f64 = A4_LONG - MARGIN - 22.0;

/// A heading of the front page with its baseline at `y`; returns where the next line goes.
fn section_heading(surface: &mut Surface, fonts: &Fonts, title: &str, y: f64) -> f64 {
    draw_line_of_text(
        surface,
        &fonts.bold,
        14.0,
        MARGIN,
        y,
        title,
        rgb::Color::black(),
    );
    y + 24.0
}

/// The statement of truth and the signature block, after the contents.
fn statement(
    surface: &mut Surface,
    fonts: &Fonts,
    words: &str,
    block: &[(&str, String)],
    mut y: f64,
) -> f64 {
    let text_width = portrait().0 - 2.0 * MARGIN;
    y = section_heading(surface, fonts, "Statement of truth", y + 24.0);
    for line in text::wrap(words, BODY_SIZE, Weight::Regular, text_width) {
        draw_body_text(surface, &fonts.regular, MARGIN, y, &line);
        y += LINE;
    }
    y += 12.0;
    facts(surface, fonts, block, y, 120.0)
}

/// Label and value lines from `y`; returns where the next line goes.
fn facts(
    surface: &mut Surface,
    fonts: &Fonts,
    fields: &[(&str, String)],
    mut y: f64,
    label_width: f64,
) -> f64 {
    let text_width = portrait().0 - 2.0 * MARGIN;
    for (label, value) in fields {
        draw_body_text(surface, &fonts.bold, MARGIN, y, label);
        let lines = text::wrap(value, BODY_SIZE, Weight::Regular, text_width - label_width);
        for l in &lines {
            draw_body_text(surface, &fonts.regular, MARGIN + label_width, y, l);
            y += LINE;
        }
        y += 8.0;
    }
    y
}

fn contents_list(
    surface: &mut Surface,
    fonts: &Fonts,
    contents: &[(&str, String)],
    mut y: f64,
) -> f64 {
    y = section_heading(surface, fonts, "Contents", y + 24.0);
    for (part, label) in contents {
        draw_body_text(surface, &fonts.regular, MARGIN, y, part);
        let w = text::width(label, BODY_SIZE, Weight::Regular);
        draw_body_text(surface, &fonts.regular, MARGIN + 300.0 - w, y, label);
        y += LINE + 4.0;
    }
    y
}
