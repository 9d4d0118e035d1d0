//! The genogram and the timeline as pictures in a Word document: PNG at print resolution,
//! each on a page of its own in the orientation that shows it larger, never drawn larger than
//! its natural size, with alt text for screen readers.

use super::{HEADING, Options, Orientation, escape_attribute, footer, heading, section};
use crate::layout::scene::{ItemKind, Scene};
use crate::model::Case;
use crate::render::RenderError;
use docx_rs::{Paragraph, Pic, Run, Section};

/// How docx-rs writes every picture's name and id; [`Picture::properties_xml`] replaces it.
pub(super) const DOCX_RS_PICTURE_NAME: &str = r#"<wp:docPr id="1" name="Figure" />"#;

/// Scene units are CSS pixels: three quarters of a point at natural size.
const POINTS_PER_UNIT: f64 = 0.75;
/// English Metric Units, Word's unit for pictures, to the point.
const EMU_PER_POINT: f64 = 12700.0;
/// Room on a picture's page for its heading and a line below it, in points.
const HEADING_ROOM: f64 = 48.0;
const NOTE_ROOM: f64 = 36.0;

/// A diagram drawn for the document.
#[derive(Debug, Clone, PartialEq)]
pub struct Picture {
    /// "Genogram", "Timeline", "Timeline, 2014 to 2017".
    pub name: String,
    /// Its relationship id in the document ("rIdTimeline").
    pub id: String,
    /// The picture's number in the document, from 1.
    pub number: usize,
    /// The PNG and its size in pixels; `None` when the diagram has nothing to draw.
    pub png: Option<(Vec<u8>, u32, u32)>,
    /// The printed size in points.
    pub width: f64,
    pub height: f64,
    pub orientation: Orientation,
    /// The printed size as a share of the natural size (1 at most).
    pub scale: f64,
    /// The smallest share at which the diagram's smallest text still prints at 6 pt.
    pub readable: f64,
    /// What the picture shows, for people who cannot see it.
    pub alt: String,
}

impl Picture {
    /// Draws `scene` to fit a page, in whichever orientation shows it larger (landscape when
    /// both show it whole).
    pub fn of(
        name: &str,
        id: &str,
        scene: &Scene,
        number: usize,
        dpi: u32,
    ) -> Result<Picture, RenderError> {
        let fit = |orientation: Orientation| {
            let width = orientation.text_width();
            let height = orientation.text_height() - HEADING_ROOM - NOTE_ROOM;
            (width / (scene.width * POINTS_PER_UNIT))
                .min(height / (scene.height * POINTS_PER_UNIT))
                .min(1.0)
        };
        let drawable = !scene.items.is_empty() && scene.width > 0.0 && scene.height > 0.0;
        let (orientation, scale) = if !drawable {
            (Orientation::Landscape, 1.0)
        } else if fit(Orientation::Landscape) >= fit(Orientation::Portrait) {
            (Orientation::Landscape, fit(Orientation::Landscape))
        } else {
            (Orientation::Portrait, fit(Orientation::Portrait))
        };
        let png = if drawable {
            let png = crate::render::png::png_for_print(scene, scale, dpi)?;
            let (width, height) = pixel_size(&png)
                .ok_or_else(|| RenderError::new("The picture could not be made."))?;
            Some((png, width, height))
        } else {
            None
        };
        Ok(Picture {
            name: name.to_string(),
            id: format!("rId{id}"),
            number,
            png,
            width: scene.width * POINTS_PER_UNIT * scale,
            height: scene.height * POINTS_PER_UNIT * scale,
            orientation,
            scale,
            // A picture, like any PNG for a document, reads down to 6 pt.
            readable: scene.smallest_text().map_or(0.0, |size| {
                crate::render::png::SMALLEST_PRINTED_TEXT / (size * POINTS_PER_UNIT)
            }),
            alt: alt_text(name, scene),
        })
    }

    /// Shrunk below the size its text reads at.
    pub fn too_small(&self) -> bool {
        self.png.is_some() && self.scale < self.readable
    }

    /// What to tell the user about this picture, if anything.
    pub fn warning(&self) -> Option<String> {
        self.too_small().then(|| {
            format!(
                "The {} is too large for one page at a readable size, so the Word document \
                 shows it at {}% of its size. The PDF report splits it across pages instead.",
                self.name.to_lowercase(),
                (self.scale * 100.0).round()
            )
        })
    }

    /// The picture's name, id and alt text in the document, in place of docx-rs's own.
    pub fn properties_xml(&self) -> String {
        format!(
            r#"<wp:docPr id="{}" name="{}" descr="{}" />"#,
            self.number,
            self.name,
            escape_attribute(&self.alt)
        )
    }

    /// The picture as docx-rs places it: inline, at its printed size.
    fn pic(&self) -> Option<Pic> {
        let (png, width, height) = self.png.as_ref()?;
        let emu = |points: f64| (points * EMU_PER_POINT).round() as u32;
        Some(
            Pic::new_with_dimensions(png.clone(), *width, *height)
                .size(emu(self.width), emu(self.height))
                .id(self.id.clone()),
        )
    }
}

/// The room for a picture on a landscape page, in scene units at natural size: what a
/// layout cut into parts (such as [`crate::layout::timeline::paged`]) should fit each part to.
pub(crate) fn picture_page() -> (f64, f64) {
    let landscape = Orientation::Landscape;
    (
        landscape.text_width() / POINTS_PER_UNIT,
        (landscape.text_height() - HEADING_ROOM - NOTE_ROOM) / POINTS_PER_UNIT,
    )
}

/// A PNG's width and height in pixels, from its header.
fn pixel_size(png: &[u8]) -> Option<(u32, u32)> {
    if png.get(12..16)? != b"IHDR" {
        return None;
    }
    let number = |at: usize| Some(u32::from_be_bytes(png.get(at..at + 4)?.try_into().ok()?));
    Some((number(16)?, number(20)?))
}

/// The alt text: the drawing's own title, how much it shows, and where its words are.
fn alt_text(name: &str, scene: &Scene) -> String {
    let count = |kind: ItemKind| scene.items.iter().filter(|i| i.kind == kind).count();
    let what = match name.split(',').next().unwrap_or(name) {
        "Genogram" => {
            let people = count(ItemKind::Person);
            format!(
                "A family diagram of {} and their relationships",
                crate::diagnostic::count(people, "person", "people")
            )
        }
        _ => {
            let entries = count(ItemKind::Entry);
            format!(
                "A timeline of {} along the children's ages, in lanes by category",
                crate::diagnostic::count(entries, "chronology entry", "chronology entries")
            )
        }
    };
    format!(
        "{}. {what}. The legend in the picture explains every symbol and line; the chronology \
         table in this document gives the entries in words.",
        scene.title
    )
}

/// A section holding one picture on its own page, with its heading and, when it had to be
/// shrunk below a readable size, a line saying so.
pub(super) fn picture_section(picture: &Picture, case: &Case, options: &Options) -> Section {
    let mut section = section(picture.orientation).add_paragraph(heading(&picture.name, HEADING));
    let body = match picture.pic() {
        Some(pic) => Paragraph::new().add_run(Run::new().add_image(pic)),
        None => Paragraph::new().add_run(Run::new().add_text(format!(
            "The {} has nothing to draw for this version of the case.",
            picture.name.to_lowercase()
        ))),
    };
    section = section.add_paragraph(body);
    if picture.too_small() {
        section = section.add_paragraph(Paragraph::new().add_run(Run::new().add_text(format!(
            "Shown at {}% of its size to fit the page; its smallest text may be hard to read. \
             The PDF report splits it across pages at a readable size.",
            (picture.scale * 100.0).round()
        ))));
    }
    section.footer(footer(case, picture.orientation, options))
}
