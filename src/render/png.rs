//! Writes a scene as a PNG picture at a chosen resolution, for pasting into Word documents.
//!
//! The scene goes through the SVG writer and resvg. Only the bundled Liberation Sans is ever
//! loaded, with every generic family mapped to it: system fonts differ between machines
//! (and a missing one makes text vanish silently), so using them would break both the
//! measured label widths and byte-identical output. The PNG records its resolution, so a
//! word processor pastes it at its true size.

use crate::layout::scene::Scene;
use crate::render::RenderError;
use crate::text::{BOLD_FONT, REGULAR_FONT};
use resvg::tiny_skia;
use resvg::usvg;
use std::sync::{Arc, OnceLock};

/// The highest resolution offered: enough for print, and a diagram stays a sensible size.
pub(crate) const MAX_DPI: u32 = 300;
/// The resolution used when none is asked for.
pub const DEFAULT_DPI: u32 = 150;
/// Scene units are CSS pixels: 96 to the inch.
const SCENE_DPI: f64 = 96.0;
/// The largest picture made, in pixels (about 400 MB of memory while drawing).
const MAX_PIXELS: u64 = 100_000_000;

/// The family the drawings are set in, as the bundled font names itself.
pub(crate) const FAMILY: &str = "Liberation Sans";

/// The scene as PNG bytes at `dpi` dots per inch (1 to 300).
pub fn png(scene: &Scene, dpi: u32) -> Result<Vec<u8>, RenderError> {
    if dpi == 0 || dpi > MAX_DPI {
        return Err(RenderError::new(format!(
            "The resolution must be between 1 and {MAX_DPI} dots per inch; {dpi} was asked for."
        )));
    }
    drawn(scene, dpi as f64 / SCENE_DPI, dpi)
}

/// The scene as PNG bytes for a picture printed at `scale` times its natural size (1 scene
/// unit = 1/96 inch) with `dpi` dots to the printed inch, as a Word document places it.
pub(crate) fn png_for_print(scene: &Scene, scale: f64, dpi: u32) -> Result<Vec<u8>, RenderError> {
    if !(scale > 0.0 && scale <= 1.0) || dpi == 0 || dpi > MAX_DPI {
        return Err(RenderError::new(format!(
            "A picture for print is drawn at most at its natural size and {MAX_DPI} dots per \
             inch; {scale} times at {dpi} dots per inch was asked for."
        )));
    }
    drawn(scene, scale * dpi as f64 / SCENE_DPI, dpi)
}

/// The smallest text, in points, a picture for a document may print: below it a diagram
/// is refused rather than pasted unreadable.
pub(crate) const SMALLEST_PRINTED_TEXT: f64 = 6.0;
/// Scene units are CSS pixels: three quarters of a point at natural size.
const POINTS_PER_UNIT: f64 = 0.75;

/// The scene as a picture for a document page `width` points wide: printed at that width (or
/// at its natural size, if that is narrower) with `dpi` dots to the printed inch, its
/// resolution recorded so a word processor pastes it at that size. Refused, saying what to
/// do instead, when its smallest text would print under 6 pt.
pub fn png_for_width(scene: &Scene, width: f64, dpi: u32) -> Result<Vec<u8>, RenderError> {
    if dpi == 0 || dpi > MAX_DPI {
        return Err(RenderError::new(format!(
            "The resolution must be between 1 and {MAX_DPI} dots per inch; {dpi} was asked for."
        )));
    }
    let natural = scene.width.max(1.0) * POINTS_PER_UNIT;
    if !(width.is_finite() && width > 0.0) {
        return Err(RenderError::new(
            "A picture's width must be more than nothing.",
        ));
    }
    let share = (width / natural).min(1.0);
    if let Some(smallest) = scene.smallest_text() {
        let printed = smallest * POINTS_PER_UNIT * share;
        if printed < SMALLEST_PRINTED_TEXT {
            let wanted = SMALLEST_PRINTED_TEXT / (smallest * POINTS_PER_UNIT) * natural;
            return Err(RenderError::new(format!(
                "At {} wide the drawing's smallest text would print at {printed:.1} pt, too \
                 small to read ({SMALLEST_PRINTED_TEXT} pt at least; this drawing needs {}). \
                 Draw less of it (a timeline with --last 2y or --from and --to, a genogram \
                 with --focus PERSON), give a wider --width (an A4 landscape page's text is \
                 24.7 cm wide), or use the PDF report, which splits a large diagram across \
                 pages.",
                centimetres(width),
                centimetres(wanted),
            )));
        }
    }
    png_for_print(scene, share, dpi)
}

/// "16 cm", "12.5 cm".
fn centimetres(points: f64) -> String {
    let cm = (points / 72.0 * 2.54 * 10.0).round() / 10.0;
    format!("{cm} cm")
}

/// The scene drawn at `scale` pixels per scene unit, recording `dpi` as its resolution.
fn drawn(scene: &Scene, scale: f64, dpi: u32) -> Result<Vec<u8>, RenderError> {
    let svg = crate::render::svg::scene(scene);
    let tree = svg_tree(&svg)?;
    let width = (tree.size().width() as f64 * scale).ceil().max(1.0);
    let height = (tree.size().height() as f64 * scale).ceil().max(1.0);
    if (width as u64) * (height as u64) > MAX_PIXELS {
        return Err(RenderError::new(format!(
            "The picture would be {width} by {height} pixels at {dpi} dots per inch, too large \
             to make. Choose a lower resolution with --dpi, or use the PDF, which splits a large \
             diagram across pages."
        )));
    }
    let mut pixmap = tiny_skia::Pixmap::new(width as u32, height as u32)
        .ok_or_else(|| RenderError::new("The picture could not be made at this size."))?;
    pixmap.fill(tiny_skia::Color::WHITE);
    resvg::render(
        &tree,
        tiny_skia::Transform::from_scale(scale as f32, scale as f32),
        &mut pixmap.as_mut(),
    );
    encoded(pixmap, dpi)
        .map_err(|e| RenderError::new(format!("The picture could not be encoded: {e}.")))
}

/// The drawn pixels as PNG, with a `pHYs` chunk giving the resolution so a word processor
/// places the picture at its true size.
fn encoded(pixmap: tiny_skia::Pixmap, dpi: u32) -> Result<Vec<u8>, png::EncodingError> {
    let (width, height) = (pixmap.width(), pixmap.height());
    let per_metre = (dpi as f64 / 0.0254).round() as u32;
    let mut bytes = Vec::new();
    let mut encoder = png::Encoder::new(&mut bytes, width, height);
    encoder.set_color(png::ColorType::Rgba);
    encoder.set_depth(png::BitDepth::Eight);
    encoder.set_pixel_dims(Some(png::PixelDimensions {
        xppu: per_metre,
        yppu: per_metre,
        unit: png::Unit::Meter,
    }));
    let mut writer = encoder.write_header()?;
    writer.write_image_data(&pixmap.take_demultiplied())?;
    writer.finish()?;
    Ok(bytes)
}

/// The fonts every drawing may use: the bundled faces and nothing else.
pub(crate) fn fonts() -> Arc<usvg::fontdb::Database> {
    static FONTS: OnceLock<Arc<usvg::fontdb::Database>> = OnceLock::new();
    FONTS
        .get_or_init(|| {
            let mut db = usvg::fontdb::Database::new();
            db.load_font_data(REGULAR_FONT.to_vec());
            db.load_font_data(BOLD_FONT.to_vec());
            db.set_serif_family(FAMILY);
            db.set_sans_serif_family(FAMILY);
            db.set_monospace_family(FAMILY);
            db.set_cursive_family(FAMILY);
            db.set_fantasy_family(FAMILY);
            Arc::new(db)
        })
        .clone()
}

/// Parses SVG made by our writer with the bundled fonts only and no access to files.
pub(crate) fn svg_tree(svg: &str) -> Result<usvg::Tree, RenderError> {
    let options = usvg::Options {
        font_family: FAMILY.to_string(),
        fontdb: fonts(),
        resources_dir: None,
        image_href_resolver: usvg::ImageHrefResolver {
            resolve_data: usvg::ImageHrefResolver::default_data_resolver(),
            resolve_string: Box::new(|_, _| None),
        },
        ..usvg::Options::default()
    };
    usvg::Tree::from_str(svg, &options)
        .map_err(|e| RenderError::new(format!("The drawing could not be read back: {e}.")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::layout::scene::{Anchor, Colour, Item, ItemKind, Paint, Point, Rect, Shape, Weight};

    pub(crate) fn sample_scene() -> Scene {
        let mut scene = Scene::with_size("Sample", 200.0, 100.0);
        let mut item = Item::new(ItemKind::Person, "person-p1");
        item.bbox = Rect::new(10.0, 10.0, 180.0, 80.0);
        item.shapes.push(Shape::Rect {
            rect: Rect::new(20.0, 20.0, 40.0, 40.0),
            corner: 0.0,
            paint: Paint::line(Colour::BLACK, 2.0),
        });
        item.shapes.push(Shape::Text {
            origin: Point::new(70.0, 45.0),
            lines: vec!["Amy Mensah".into()],
            size: 14.0,
            line_height: 16.0,
            anchor: Anchor::Start,
            weight: Weight::Bold,
            colour: Colour::BLACK,
            halo: 0.0,
        });
        scene.items.push(item);
        scene
    }

    fn decode(png: &[u8]) -> tiny_skia::Pixmap {
        tiny_skia::Pixmap::decode_png(png).expect("a valid PNG")
    }

    #[test]
    fn draws_at_the_asked_resolution_and_records_it() {
        let png = png(&sample_scene(), 192).unwrap();
        let pixmap = decode(&png);
        assert_eq!((pixmap.width(), pixmap.height()), (400, 200));
        // 192 dpi is 7559 dots per metre.
        let phys = png.windows(4).position(|w| w == b"pHYs").unwrap();
        assert_eq!(&png[phys + 4..phys + 8], &7559u32.to_be_bytes());
        // A strict reader (every chunk's checksum checked) finds the same resolution.
        let reader = ::png::Decoder::new(std::io::Cursor::new(&png))
            .read_info()
            .expect("a valid PNG");
        let dims = reader.info().pixel_dims.expect("a pHYs chunk");
        assert_eq!(
            (dims.xppu, dims.yppu, dims.unit),
            (7559, 7559, ::png::Unit::Meter)
        );
    }

    #[test]
    fn a_picture_for_print_has_the_pixels_of_its_printed_size() {
        // Half its natural size (200 by 100 units of 1/96 inch) at 300 dots per inch.
        let png = png_for_print(&sample_scene(), 0.5, 300).unwrap();
        let pixmap = decode(&png);
        assert_eq!((pixmap.width(), pixmap.height()), (313, 157));
        let phys = png.windows(4).position(|w| w == b"pHYs").unwrap();
        assert_eq!(&png[phys + 4..phys + 8], &11811u32.to_be_bytes());
        assert!(png_for_print(&sample_scene(), 1.5, 300).is_err());
        assert!(png_for_print(&sample_scene(), 0.5, 301).is_err());
    }

    #[test]
    fn draws_text_with_the_bundled_font() {
        // A PNG of the text alone differs from one without it: text was not dropped for want
        // of a font.
        let with_text = decode(&png(&sample_scene(), 96).unwrap());
        let mut no_text = sample_scene();
        no_text.items[0].shapes.pop();
        let without = decode(&png(&no_text, 96).unwrap());
        let dark = |p: &tiny_skia::Pixmap| p.pixels().iter().filter(|c| c.red() < 128).count();
        assert!(dark(&with_text) > dark(&without) + 100);
    }

    #[test]
    fn is_byte_identical_across_runs_and_refuses_silly_resolutions() {
        assert_eq!(
            png(&sample_scene(), 150).unwrap(),
            png(&sample_scene(), 150).unwrap()
        );
        assert!(png(&sample_scene(), 301).is_err());
        assert!(png(&sample_scene(), 0).is_err());
    }

    #[test]
    fn a_picture_for_a_page_is_that_wide_or_refused_when_its_text_would_not_read() {
        // 200 units are 150 pt at natural size; on a page 75 pt wide it prints at half size,
        // its 14-unit text at 5.25 pt: refused, saying what would do.
        let wide = sample_scene();
        let error = png_for_width(&wide, 75.0, 144).unwrap_err().to_string();
        assert!(
            error.contains("5.2 pt") || error.contains("5.3 pt"),
            "{error}"
        );
        assert!(
            error.contains("--last 2y") && error.contains("--focus"),
            "{error}"
        );
        assert!(error.contains("2.6 cm wide"), "{error}");
        // At 100 pt wide its text is 7 pt: made, 100 pt at 144 dpi is 200 pixels wide.
        let pixmap = decode(&png_for_width(&wide, 100.0, 144).unwrap());
        assert_eq!(pixmap.width(), 200);
        // A page wider than the drawing (16 cm, an A4 page's text width) gets it at its
        // natural size, not blown up.
        let pixmap = decode(&png_for_width(&wide, 16.0 / 2.54 * 72.0, 96).unwrap());
        assert_eq!(pixmap.width(), 200);
    }
}
