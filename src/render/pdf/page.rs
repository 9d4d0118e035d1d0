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

/// One line of black text at the body size, the most common line a page draws.
pub(super) fn draw_body_text(
    surface: &mut Surface,
    font: &Font,
    x: f64,
    baseline: f64,
    text: &str,
) {
    draw_line_of_text(
        surface,
        font,
        BODY_SIZE,
        x,
        baseline,
        text,
        rgb::Color::black(),
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

/// A page with its heading and one line saying why it has nothing else.
pub(super) fn nothing_to_show(surface: &mut Surface, fonts: &Fonts, title: &str, why: &str) {
    heading(surface, fonts, title);
    draw_body_text(surface, &fonts.regular, MARGIN, HEAD + 30.0, why);
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

/// A document written page by page, every page with the footer: the case's reference and
/// the page's label.
pub(super) struct PageWriter<'a> {
    document: Document,
    fonts: &'a Fonts,
    numbering: &'a Numbering,
    case: String,
    /// The footers say "Page 3 of 9" (a document with no bundle numbering) rather than the
    /// numbering's own label.
    out_of: Option<usize>,
    /// Pages written so far.
    written: usize,
}

impl<'a> PageWriter<'a> {
    pub(super) fn new(fonts: &'a Fonts, numbering: &'a Numbering, case: &Case) -> PageWriter<'a> {
        PageWriter {
            document: Document::new(),
            fonts,
            numbering,
            case: case_heading(case),
            out_of: None,
            written: 0,
        }
    }

    /// Footers that count the pages: "Page 3 of 9".
    pub(super) fn out_of(self, total: usize) -> PageWriter<'a> {
        PageWriter {
            out_of: Some(total),
            ..self
        }
    }

    pub(super) fn written(&self) -> usize {
        self.written
    }

    /// Adds a page of `size`: `draw` fills it, then the footer goes at its foot.
    pub(super) fn page<T>(&mut self, size: (f64, f64), draw: impl FnOnce(&mut Surface) -> T) -> T {
        let label = match self.out_of {
            Some(total) => format!("Page {} of {total}", self.written + 1),
            None => self.numbering.label(self.written),
        };
        let settings = self.numbering.settings(self.written, size);
        let mut page = self.document.start_page_with(settings);
        let mut surface = page.surface();
        let drawn = draw(&mut surface);
        footer(&mut surface, self.fonts, size, &self.case, &label);
        surface.finish();
        page.finish();
        self.written += 1;
        drawn
    }

    /// The finished document, with its bookmarks, its title, its language and the program
    /// that wrote it (no date: the same case gives the same bytes).
    pub(super) fn finish(
        mut self,
        outline: Outline,
        title: String,
    ) -> Result<Vec<u8>, RenderError> {
        self.document.set_outline(outline);
        self.document.set_metadata(
            Metadata::new()
                .title(title)
                .language("en-GB".to_string())
                .creator(format!("genochron {}", env!("CARGO_PKG_VERSION"))),
        );
        self.document
            .finish()
            .map_err(|e| RenderError::new(format!("The PDF could not be written: {e:?}.")))
    }
}
