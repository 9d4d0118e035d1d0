//! Word documents (`.docx`): the chronology as a real Word table, and the whole court
//! document with the genogram and timeline as pictures, for practitioners who file from their
//! council's Word template.
//!
//! Everything a reader sees comes from the same places as the PDF: the rows and their words
//! from [`crate::chronology`], the case details from `render::front_page_facts`, the
//! drawings from the scenes (as PNG at print resolution). A4, 12 pt Arial (Liberation Sans
//! where Arial is missing), the table's heading row repeated on every page, significance and
//! status in words. docx-rs writes the package; it has no setting for a repeating heading row
//! or a picture's alt text, so those two marks are added to its XML (see [`pack`]). Nothing
//! here reads a clock: docx-rs dates the document 1970-01-01 and the ZIP entries 1980-01-01,
//! so the same case gives the same bytes.

mod pictures;
mod table;

use crate::chronology::chronology;
use crate::layout::scene::Scene;
use crate::model::Case;
use crate::render::RenderError;
use crate::render::table::TableOptions;
use docx_rs::{
    BreakType, Docx, Footer, PageMargin, PageNum, PageNumType, PageOrientationType, PageSize,
    Paragraph, Run, RunFonts, Section, Tab, TabValueType,
};
pub(crate) use pictures::Picture;
pub(crate) use pictures::picture_page;

/// The short and long sides of A4, in twentieths of a point ("twips").
const A4_SHORT: u32 = 11906;
const A4_LONG: u32 = 16838;
/// 2 cm margins; headers and footers 1 cm from the edge.
const MARGIN: u32 = 1134;
const FOOTER_DISTANCE: u32 = 567;
/// Twips to the point.
const TWIPS: f64 = 20.0;
/// The body text, 12 pt, in half points as Word counts font sizes.
const BODY: usize = 24;
const TITLE: usize = 44;
const HEADING: usize = 32;
const FONT: &str = "Arial";

/// Choices for the whole document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Options {
    /// The court bundle section letter ("C"), printed before page numbers.
    pub bundle_section: Option<String>,
    /// The number of the first page.
    pub start_page: u32,
    /// Dots to the printed inch of the pictures: 300 unless a smaller document
    /// matters more than print.
    pub dpi: u32,
    /// The entries of the chronology table.
    pub filter: crate::chronology::Filter,
    /// What each part of this version shows, in the caller's words, listed on the front page.
    pub shows: Vec<(String, String)>,
}

/// Print resolution, in dots per inch.
pub(crate) const PRINT_DPI: u32 = 300;

impl Default for Options {
    fn default() -> Options {
        Options {
            bundle_section: None,
            start_page: 1,
            dpi: PRINT_DPI,
            filter: crate::chronology::Filter::default(),
            shows: Vec::new(),
        }
    }
}

/// A finished document and what the caller should tell the user.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub bytes: Vec<u8>,
    /// Things to tell the user, in full sentences: a diagram shrunk below a readable size.
    pub warnings: Vec<String>,
}

/// A page's orientation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Orientation {
    Portrait,
    Landscape,
}

impl Orientation {
    /// (width, height) in twips.
    fn size(self) -> (u32, u32) {
        match self {
            Orientation::Portrait => (A4_SHORT, A4_LONG),
            Orientation::Landscape => (A4_LONG, A4_SHORT),
        }
    }

    /// The width between the margins, in points.
    pub(crate) fn text_width(self) -> f64 {
        f64::from(self.size().0 - 2 * MARGIN) / TWIPS
    }

    /// The height between the margins, in points.
    pub(crate) fn text_height(self) -> f64 {
        f64::from(self.size().1 - 2 * MARGIN) / TWIPS
    }

    fn page_size(self) -> PageSize {
        let (width, height) = self.size();
        let orient = match self {
            Orientation::Portrait => PageOrientationType::Portrait,
            Orientation::Landscape => PageOrientationType::Landscape,
        };
        PageSize::new().size(width, height).orient(orient)
    }
}

fn margins() -> PageMargin {
    let m = MARGIN as i32;
    PageMargin::new()
        .top(m)
        .bottom(m)
        .left(m)
        .right(m)
        .header(FOOTER_DISTANCE as i32)
        .footer(FOOTER_DISTANCE as i32)
}

/// The chronology of one version of a case (see [`crate::redact`]) as a `.docx` file: the
/// case details, naming the audience of a redacted version, then the table on A4 landscape
/// pages. Taking the version, not a label, means no document can claim a redaction that
/// was never made.
pub fn chronology_docx(
    version: &crate::redact::Version,
    options: &TableOptions,
) -> Result<Vec<u8>, RenderError> {
    on_fresh_thread(|| chronology_document(version, version.audience(), options))
}

fn chronology_document(
    case: &Case,
    audience: Option<&str>,
    options: &TableOptions,
) -> Result<Vec<u8>, RenderError> {
    let rows = chronology(case, &options.filter);
    let title = if case.details.title.is_empty() {
        "Chronology".to_string()
    } else {
        format!("Chronology: {}", case.details.title)
    };
    let mut doc = base()
        .add_paragraph(heading(&title, TITLE))
        .add_paragraph(spaced(Paragraph::new()));
    for paragraph in case_details(case, audience) {
        doc = doc.add_paragraph(paragraph);
    }
    for paragraph in table::chronology_body(&rows) {
        doc = doc.add_paragraph(paragraph);
    }
    let doc = match table::chronology_table(&rows, Orientation::Landscape) {
        Some(table) => doc.add_table(table),
        None => doc,
    };
    let doc = final_section(doc, Orientation::Landscape, case, &Options::default());
    pack(doc, &[])
}

/// The whole court document for one version of a case (see [`crate::redact`]): a front page
/// with the case details, the genogram and the timeline each on its own page as a picture,
/// then the chronology table. The case details name the audience of a redacted version.
pub fn report(
    version: &crate::redact::Version,
    genogram: &Scene,
    timeline: &Scene,
    options: &Options,
) -> Result<Document, RenderError> {
    on_fresh_thread(|| report_document(version, genogram, timeline, options))
}

fn report_document(
    version: &crate::redact::Version,
    genogram: &Scene,
    timeline: &Scene,
    options: &Options,
) -> Result<Document, RenderError> {
    let case: &Case = version;
    let mut warnings = Vec::new();
    let mut pictures = Vec::new();
    let mut doc = base().add_section(front_page(case, version.audience(), options, timeline));
    // A timeline the layout cut into parts (an overview and periods) is a picture a part.
    let mut drawings = vec![("Genogram".to_string(), "Genogram".to_string(), genogram)];
    if timeline.parts.is_empty() {
        drawings.push(("Timeline".into(), "Timeline".into(), timeline));
    }
    for (i, (part, scene)) in timeline.parts.iter().enumerate() {
        drawings.push((
            format!("Timeline, {part}"),
            format!("Timeline{}", i + 1),
            scene,
        ));
    }
    for (name, id, scene) in drawings {
        let picture = pictures::Picture::of(&name, &id, scene, pictures.len() + 1, options.dpi)?;
        if let Some(warning) = picture.warning() {
            warnings.push(warning);
        }
        doc = doc.add_section(pictures::picture_section(&picture, case, options));
        pictures.push(picture);
    }
    let rows = chronology(case, &options.filter);
    doc = doc.add_paragraph(heading("Chronology", HEADING));
    for paragraph in table::chronology_body(&rows) {
        doc = doc.add_paragraph(paragraph);
    }
    if let Some(table) = table::chronology_table(&rows, Orientation::Landscape) {
        doc = doc.add_table(table);
    }
    let doc = final_section(doc, Orientation::Landscape, case, options);
    let bytes = pack(doc, &pictures)?;
    Ok(Document { bytes, warnings })
}

/// Makes a document on a thread of its own. docx-rs numbers paragraphs from a counter per
/// thread that nothing outside it can reset, so a second document made on one thread would
/// be numbered on from the first; a fresh thread starts from 1, and the same case always
/// gives the same bytes.
fn on_fresh_thread<T: Send>(
    make: impl FnOnce() -> Result<T, RenderError> + Send,
) -> Result<T, RenderError> {
    let failed = || RenderError::new("The Word document could not be made.");
    std::thread::scope(|scope| {
        // The main thread's stack size: drawing a large diagram recurses deeply.
        std::thread::Builder::new()
            .stack_size(8 * 1024 * 1024)
            .spawn_scoped(scope, make)
            .map_err(|_| failed())?
            .join()
            .unwrap_or_else(|_| Err(failed()))
    })
}

/// A document in the house style: Arial 12 pt.
fn base() -> Docx {
    Docx::new()
        .default_size(BODY)
        .default_fonts(RunFonts::new().ascii(FONT).hi_ansi(FONT).cs(FONT))
}

/// The page settings of the last section, which docx-rs keeps on the document itself.
fn final_section(doc: Docx, orientation: Orientation, case: &Case, options: &Options) -> Docx {
    let (width, height) = orientation.size();
    let orient = match orientation {
        Orientation::Portrait => PageOrientationType::Portrait,
        Orientation::Landscape => PageOrientationType::Landscape,
    };
    doc.page_size(width, height)
        .page_orient(orient)
        .page_margin(margins())
        .footer(footer(case, orientation, options))
}

/// A section of its own pages (it ends with a page break into the next).
fn section(orientation: Orientation) -> Section {
    Section::new()
        .page_size(orientation.page_size())
        .page_margin(margins())
}

/// The front page: title, what the document is, the case details and the contents.
fn front_page(case: &Case, audience: Option<&str>, options: &Options, timeline: &Scene) -> Section {
    let title = super::front_page_title(case);
    // Page numbers start at --start-page here; the later sections continue them.
    let mut front = section(Orientation::Portrait)
        .page_num_type(PageNumType::new().start(options.start_page.max(1)))
        .add_paragraph(heading(title, TITLE))
        .add_paragraph(spaced(
            Paragraph::new().add_run(
                Run::new()
                    .add_text("Genogram and child-impact chronology")
                    .size(28),
            ),
        ));
    for paragraph in case_details(case, audience) {
        front = front.add_paragraph(paragraph);
    }
    if !options.shows.is_empty() {
        front = front.add_paragraph(heading("What this version shows", 28));
        for (label, value) in &options.shows {
            front = front.add_paragraph(spaced(
                Paragraph::new()
                    .add_run(Run::new().add_text(format!("{label}: ")).bold())
                    .add_run(text_run(value)),
            ));
        }
    }
    front = front.add_paragraph(heading("Contents", 28));
    let timeline = match timeline.parts.len() {
        0 => "Timeline (a picture, with its legend)".to_string(),
        n => format!(
            "Timeline (an overview, then {} by period, each with its legend)",
            crate::diagnostic::count(n - 1, "picture", "pictures")
        ),
    };
    for part in [
        "Genogram (a picture, with its legend)",
        &timeline,
        "Chronology (a table)",
    ] {
        front = front.add_paragraph(plain(part));
    }
    if let Some((words, block)) = crate::render::statement_block(case) {
        front = front
            .add_paragraph(heading("Statement of truth", 28))
            .add_paragraph(spaced(Paragraph::new().add_run(text_run(&words))));
        for (label, value) in block {
            front = front.add_paragraph(spaced(
                Paragraph::new()
                    .add_run(Run::new().add_text(format!("{label}: ")).bold())
                    .add_run(text_run(&value)),
            ));
        }
    }
    front.footer(footer(case, Orientation::Portrait, options))
}

/// The case details as "Label: value" paragraphs, the label in bold.
fn case_details(case: &Case, audience: Option<&str>) -> Vec<Paragraph> {
    crate::render::front_page_facts(case, audience)
        .into_iter()
        .map(|(label, value)| {
            spaced(
                Paragraph::new()
                    .add_run(Run::new().add_text(format!("{label}: ")).bold())
                    .add_run(text_run(&value)),
            )
        })
        .collect()
}

/// The footer of every page: the case reference, and the page number at the right margin
/// ("C45" with a bundle section, else "Page 3").
fn footer(case: &Case, orientation: Orientation, options: &Options) -> Footer {
    let reference = if case.details.reference.is_empty() {
        String::new()
    } else {
        format!("Case {}", case.details.reference)
    };
    let prefix = match options
        .bundle_section
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
        Some(section) => section.to_string(),
        None => "Page ".to_string(),
    };
    let right = (orientation.text_width() * TWIPS) as usize;
    Footer::new().add_paragraph(
        Paragraph::new()
            .add_tab(Tab::new().val(TabValueType::Right).pos(right))
            .add_run(text_run(&reference).size(20))
            .add_run(Run::new().add_tab().add_text(clean(&prefix)).bold())
            .add_page_num(PageNum::new()),
    )
}

fn heading(text: &str, size: usize) -> Paragraph {
    spaced(Paragraph::new().add_run(text_run(text).bold().size(size))).keep_next(true)
}

fn plain(text: &str) -> Paragraph {
    spaced(Paragraph::new().add_run(text_run(text)))
}

/// Space after a paragraph (6 pt), so lines of details read as separate.
fn spaced(paragraph: Paragraph) -> Paragraph {
    paragraph.line_spacing(docx_rs::LineSpacing::new().after(120))
}

/// A run of the user's text: characters XML cannot hold taken out, and each line break in
/// the text a line break in the document (docx-rs escapes the rest).
fn text_run(text: &str) -> Run {
    let mut run = Run::new();
    for (i, line) in clean(text).split('\n').enumerate() {
        if i > 0 {
            run = run.add_break(BreakType::TextWrapping);
        }
        run = run.add_text(line);
    }
    run
}

/// Text without the control characters XML 1.0 does not allow (a document holding one does
/// not open); the check refuses them in a case file, so this only guards.
fn clean(text: &str) -> String {
    text.replace("\r\n", "\n")
        .chars()
        .filter(|&c| {
            matches!(c, '\t' | '\n')
                || !(c.is_control() && (c as u32) < 0x20) && c != '\u{FFFE}' && c != '\u{FFFF}'
        })
        .collect()
}

/// The document as `.docx` bytes, with the two marks docx-rs cannot write: the chronology's
/// heading row marked to repeat on every page (`w:tblHeader`; only that row is marked
/// `cantSplit`, see [`table`]), and each picture's own id, name and alt text (docx-rs names
/// every picture "Figure" with id 1).
fn pack(doc: Docx, pictures: &[Picture]) -> Result<Vec<u8>, RenderError> {
    let mut xml = doc.build();
    let mut document = String::from_utf8(xml.document)
        .map_err(|_| RenderError::new("The Word document's text could not be written."))?;
    document = document.replace(
        table::HEADING_ROW_MARK,
        "<w:trPr><w:cantSplit /><w:tblHeader /></w:trPr>",
    );
    for picture in pictures {
        document = document.replacen(pictures::DOCX_RS_PICTURE_NAME, &picture.properties_xml(), 1);
    }
    xml.document = document.into_bytes();
    let mut out = std::io::Cursor::new(Vec::new());
    xml.pack(&mut out)
        .map_err(|e| RenderError::new(format!("The Word document could not be written: {e}.")))?;
    Ok(out.into_inner())
}

/// Escapes text for an XML attribute value, without the characters XML cannot hold.
fn escape_attribute(text: &str) -> String {
    crate::render::escape::xml_attribute_value(&clean(text))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_loses_only_what_xml_cannot_hold() {
        assert_eq!(clean("a\u{1}b\u{7}c\td\ne\u{FFFF}"), "abc\td\ne");
        assert_eq!(clean("Zoë – “quoted” <b>"), "Zoë – “quoted” <b>");
        assert_eq!(
            escape_attribute("a \"b\" & <c>"),
            "a &quot;b&quot; &amp; &lt;c&gt;"
        );
    }

    #[test]
    fn pages_are_a4_with_two_centimetre_margins() {
        // 297 mm less 2 × 20 mm is 257 mm, 728.5 pt; 210 mm less 40 mm is 170 mm, 481.9 pt.
        assert!((Orientation::Landscape.text_width() - 728.5).abs() < 0.1);
        assert!((Orientation::Portrait.text_width() - 481.9).abs() < 0.1);
        assert!((Orientation::Landscape.text_height() - 481.9).abs() < 0.1);
    }
}
