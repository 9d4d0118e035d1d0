//! Page furniture: fonts, page sizes, lines and text, the running heading and footer.

use super::*;

pub(super) struct Fonts {
    pub(super) regular: Font,
    pub(super) bold: Font,
}

impl Fonts {
    pub(super) fn new() -> Result<Fonts, RenderError> {
        let load = |bytes: &'static [u8]| {
            Font::new(bytes.into(), 0)
                .ok_or_else(|| RenderError::new("The bundled font could not be read."))
        };
        Ok(Fonts {
            regular: load(text::REGULAR_FONT)?,
            bold: load(text::BOLD_FONT)?,
        })
    }
}

pub(super) fn portrait() -> (f64, f64) {
    (A4_SHORT, A4_LONG)
}

pub(super) fn landscape() -> (f64, f64) {
    (A4_LONG, A4_SHORT)
}

/// "Case LA-2024-17" for the footer; the reference is an identifier, not personal data.
pub(super) fn case_heading(case: &Case) -> String {
    if case.details.reference.is_empty() {
        String::new()
    } else {
        format!("Case {}", case.details.reference)
    }
}

pub(super) fn fill(surface: &mut Surface, c: rgb::Color) {
    surface.set_fill(Some(Fill {
        paint: c.into(),
        opacity: NormalizedF32::ONE,
        rule: FillRule::NonZero,
    }));
    surface.set_stroke(None);
}

pub(super) fn draw_line_of_text(
    surface: &mut Surface,
    font: &Font,
    size: f64,
    x: f64,
    baseline: f64,
    text: &str,
    c: rgb::Color,
) {
    if text.is_empty() {
        return;
    }
    fill(surface, c);
    surface.draw_text(
        Point::from_xy(x as f32, baseline as f32),
        font.clone(),
        size as f32,
        text,
        false,
        TextDirection::Auto,
    );
}

pub(super) fn rect_path(x: f64, y: f64, w: f64, h: f64) -> Option<krilla::geom::Path> {
    let mut pb = PathBuilder::new();
    let r = krilla::geom::Rect::from_xywh(x as f32, y as f32, w as f32, h as f32)?;
    pb.push_rect(r);
    pb.finish()
}

pub(super) fn fill_rect(surface: &mut Surface, x: f64, y: f64, w: f64, h: f64, c: rgb::Color) {
    if let Some(path) = rect_path(x, y, w, h) {
        fill(surface, c);
        surface.draw_path(&path);
    }
}

pub(super) fn line(
    surface: &mut Surface,
    from: (f64, f64),
    to: (f64, f64),
    width: f64,
    c: rgb::Color,
) {
    let mut pb = PathBuilder::new();
    pb.move_to(from.0 as f32, from.1 as f32);
    pb.line_to(to.0 as f32, to.1 as f32);
    if let Some(path) = pb.finish() {
        surface.set_fill(None);
        surface.set_stroke(Some(Stroke {
            paint: c.into(),
            width: width as f32,
            ..Stroke::default()
        }));
        surface.draw_path(&path);
        surface.set_stroke(None);
    }
}

pub(super) fn heading(surface: &mut Surface, fonts: &Fonts, title: &str) {
    draw_line_of_text(
        surface,
        &fonts.bold,
        16.0,
        MARGIN,
        MARGIN + 14.0,
        title,
        rgb::Color::black(),
    );
}

pub(super) fn footer(
    surface: &mut Surface,
    fonts: &Fonts,
    (width, height): (f64, f64),
    case: &str,
    label: &str,
) {
    let baseline = height - MARGIN + 8.0;
    let grey = rgb::Color::new(60, 60, 60);
    line(
        surface,
        (MARGIN, baseline - 16.0),
        (width - MARGIN, baseline - 16.0),
        0.5,
        rgb::Color::new(150, 150, 150),
    );
    draw_line_of_text(surface, &fonts.regular, 10.0, MARGIN, baseline, case, grey);
    let w = text::width(label, 12.0, crate::layout::scene::Weight::Bold);
    draw_line_of_text(
        surface,
        &fonts.bold,
        12.0,
        width - MARGIN - w,
        baseline,
        label,
        rgb::Color::black(),
    );
}
