//! A report request: what the `genochron report` command makes from its arguments, for any
//! caller. A [`Report`] names the document ([`Format`], usually told by the output file's
//! name), the views it draws and how it is numbered; [`Report::make`] lays out and renders
//! the audience's version of the case (see [`crate::redact::version`]) into bytes, with the
//! notes its author should read.
//!
//! Which views an audience gets is the caller's to check (the document's front page says
//! which are left out); a request only draws what the version includes.
//!
//! ```
//! use genochron::report::{Format, Report};
//! let text = br#"
//! case:
//!   title: Amy
//!   children: [amy]
//!   as-at: 2024-11-01
//! people:
//!   - id: amy
//!     name: Amy Mensah
//!     gender: female
//!     born: 2015-06-02
//! entries:
//!   - number: 1
//!     date: 2020-03-01
//!     children: [amy]
//!     event: Amy was in hospital for a week.
//!     category: health
//!     source: Hospital discharge letter
//!     impact: Amy missed a week of school.
//!     significance: medium
//! "#;
//! let case = genochron::load("amy.yaml", text).case.expect("no problems");
//! let version = genochron::redact::version(&case, None).expect("the whole case");
//! let format = Format::from_name(std::path::Path::new("amy.html"), None).unwrap();
//! let written = Report::new(format).make(&version).unwrap();
//! assert!(String::from_utf8(written.bytes).unwrap().contains("Amy was in hospital for a week."));
//! ```

pub mod review;

use crate::chronology::{self, Filter, LeftOut, Selection};
use crate::diagnostic::count;
use crate::layout::genogram::{GenogramOptions, people_left_out};
use crate::layout::scene::Scene;
use crate::layout::timeline::{self, Lanes, TimelineOptions};
use crate::model::{Case, View};
use crate::redact::Version;
use crate::render::{docx, html, pdf, png};
use std::path::Path;

/// The diagram a picture shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Diagram {
    Genogram,
    Timeline,
}

/// The document a request makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// The court-ready PDF.
    Pdf,
    /// The same document for Word.
    Docx,
    /// One self-contained HTML page.
    Html,
    /// One diagram as a PNG for a page.
    Png(Diagram),
}

impl Format {
    /// The format an output file's name asks for (`.pdf`, `.docx`, `.html`/`.htm`, `.png`);
    /// a PNG shows `diagram`, or the diagram its name says ("genogram.png"). The error is a
    /// sentence for the user.
    pub fn from_name(path: &Path, diagram: Option<Diagram>) -> Result<Format, String> {
        match extension(path).as_deref() {
            Some("pdf") => Ok(Format::Pdf),
            Some("docx") => Ok(Format::Docx),
            Some("html" | "htm") => Ok(Format::Html),
            Some("png") => match diagram.or_else(|| diagram_from_name(path)) {
                Some(diagram) => Ok(Format::Png(diagram)),
                None => Err(format!(
                    "Which diagram should {} show? Add --diagram genogram or --diagram timeline.",
                    file_name(path)
                )),
            },
            _ => Err(format!(
                "genochron report writes .pdf, .docx, .html or .png files; {} is none of these.",
                file_name(path)
            )),
        }
    }

    /// What the document is called in messages: "The PDF report".
    pub fn what(self) -> &'static str {
        match self {
            Format::Pdf => "The PDF report",
            Format::Docx => "The Word report",
            Format::Html => "The HTML report",
            Format::Png(Diagram::Genogram) => "The genogram picture",
            Format::Png(Diagram::Timeline) => "The timeline picture",
        }
    }

    /// The view a version lacks for this document to be made, if any: the Word document
    /// needs all three (its sections are fixed), the PDF and HTML at least one (the front
    /// page says which are left out), a picture its own view.
    pub fn missing_view(self, version: &Version) -> Option<View> {
        let all = [View::Genogram, View::Timeline, View::Chronology];
        match self {
            Format::Docx => all.into_iter().find(|v| !version.includes(*v)),
            Format::Pdf | Format::Html => {
                (!all.iter().any(|v| version.includes(*v))).then_some(View::Chronology)
            }
            Format::Png(Diagram::Genogram) => {
                (!version.includes(View::Genogram)).then_some(View::Genogram)
            }
            Format::Png(Diagram::Timeline) => {
                (!version.includes(View::Timeline)).then_some(View::Timeline)
            }
        }
    }
}

fn diagram_from_name(path: &Path) -> Option<Diagram> {
    let name = path.file_stem()?.to_string_lossy().to_lowercase();
    match (name.contains("genogram"), name.contains("timeline")) {
        (true, false) => Some(Diagram::Genogram),
        (false, true) => Some(Diagram::Timeline),
        _ => None,
    }
}

/// A file name's extension in lower case, as the documents' formats are chosen by.
fn extension(path: &Path) -> Option<String> {
    path.extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase)
}

/// A path's file name, as messages name the file.
fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| path.display().to_string())
}

/// A request for one document.
#[derive(Debug, Clone)]
pub struct Report {
    pub format: Format,
    /// The part of the family the genogram draws, and how.
    pub genogram: GenogramOptions,
    /// The timeline's lanes, window and filters; its filter also chooses the chronology
    /// table's entries.
    pub timeline: TimelineOptions,
    /// A summary chronology that fits this many pages of the PDF's table: the most
    /// significant entries; the front page states the rule and lists those left out.
    pub fit_pages: Option<u32>,
    /// The court bundle section letter printed before page numbers (PDF, Word).
    pub bundle_section: Option<String>,
    /// The number of the document's first page (PDF, Word).
    pub start_page: u32,
    /// For a PNG: the width of the page it goes on, in points.
    pub width: f64,
    /// For a PNG: resolution in dots per inch.
    pub dpi: u32,
    /// Put the case title in the document's metadata (off: titles usually name the child).
    pub title_in_metadata: bool,
}

impl Report {
    /// A request with the usual choices: the whole family, the whole chronology, pages from 1,
    /// a PNG 16 cm wide at the usual resolution.
    pub fn new(format: Format) -> Report {
        Report {
            format,
            genogram: GenogramOptions::default(),
            timeline: TimelineOptions::default(),
            fit_pages: None,
            bundle_section: None,
            start_page: 1,
            width: 16.0 * 72.0 / 2.54,
            dpi: png::DEFAULT_DPI,
            title_in_metadata: false,
        }
    }
}

/// A document made: its bytes and what its author should be told (never part of it).
#[derive(Debug, Clone)]
pub struct Written {
    pub bytes: Vec<u8>,
    /// What a summary chronology left out, when `fit_pages` asked for one.
    pub left_out: Option<String>,
    /// Notes from the renderer (a diagram drawn small, …).
    pub notes: Vec<String>,
}

/// A document that could not be made: why, and what a summary left out before it failed.
#[derive(Debug, Clone)]
pub struct ReportError {
    pub message: String,
    pub left_out: Option<String>,
}

impl std::fmt::Display for ReportError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for ReportError {}

/// The entries of the chronology table and what each view shows, in words.
struct Views {
    table: Filter,
    shows: Vec<(String, String)>,
    left_out: Option<String>,
}

impl Report {
    /// Lays out and renders the version of the case as the request says.
    pub fn make(&self, case: &Version) -> Result<Written, ReportError> {
        let views = self.views(case);
        let fail = |message: String| ReportError {
            message,
            left_out: views.left_out.clone(),
        };
        let (bytes, notes) = self.render(case, &views).map_err(fail)?;
        Ok(Written {
            bytes,
            left_out: views.left_out,
            notes,
        })
    }

    fn views(&self, case: &Version) -> Views {
        let mut table = self.timeline.filter.clone();
        let mut fit_words = None;
        let mut left_out = None;
        if let Some(pages) = self.fit_pages {
            let fit = chronology::fit(case, &self.timeline.filter, pages as usize, |filter| {
                pdf::chronology_pages(case, filter)
            });
            left_out = Some(format!(
                "{} {} left out of the table (Nos. {}).",
                fit.rule,
                count(fit.left_out.len(), "entry was", "entries were"),
                fit.left_out
                    .iter()
                    .map(u32::to_string)
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
            table = fit.filter;
            fit_words = Some(fit.rule);
        }
        let mut shows = Vec::new();
        if case.includes(View::Genogram) {
            shows.push(("Genogram".into(), genogram_shows(case, &self.genogram)));
        }
        if case.includes(View::Timeline) {
            shows.push(("Timeline".into(), timeline_shows(case, &self.timeline)));
        }
        if case.includes(View::Chronology) {
            let rows = chronology::chronology(case, &table);
            let mut words = format!(
                "{} of {} in the table.",
                rows.rows.len(),
                count(case.entries.len(), "entry", "entries")
            );
            if let Some(rule) = &fit_words {
                words = format!("{words} {rule}");
            }
            if let Some(left_out) = left_out_words(&rows.selection, true) {
                words = format!("{words} {left_out}");
            }
            shows.push(("Chronology table".into(), words));
        }
        Views {
            table,
            shows,
            left_out,
        }
    }

    fn render(&self, case: &Version, views: &Views) -> Result<(Vec<u8>, Vec<String>), String> {
        let genogram = || crate::layout::genogram::genogram(case, &self.genogram);
        let filter = views.table.clone();
        match self.format {
            Format::Png(diagram) => {
                let scene: Scene = match diagram {
                    Diagram::Genogram => genogram(),
                    Diagram::Timeline => timeline_for_page(case, &self.timeline, self.width),
                };
                let bytes =
                    png::png_for_width(&scene, self.width, self.dpi).map_err(|e| e.to_string())?;
                Ok((bytes, Vec::new()))
            }
            Format::Html => {
                let options = html::Options {
                    title_in_metadata: self.title_in_metadata,
                    filter,
                    shows: views.shows.clone(),
                };
                let timeline = timeline::timeline(case, &self.timeline);
                let page = html::report(case, &genogram(), &timeline, &options);
                Ok((page.into_bytes(), Vec::new()))
            }
            Format::Pdf => {
                let options = pdf::Options {
                    bundle_section: self.bundle_section.clone(),
                    start_page: self.start_page,
                    title_in_metadata: self.title_in_metadata,
                    filter,
                    shows: views.shows.clone(),
                };
                // A timeline too long for a page is cut into an overview and periods that
                // each fit a page with their text at a readable size.
                let (width, height) = pdf::diagram_page(timeline::SMALLEST_TEXT);
                let timeline = timeline::paged(case, &self.timeline, width, height);
                let document = pdf::report(case, &genogram(), &timeline, &options)
                    .map_err(|e| e.to_string())?;
                Ok((document.bytes, document.warnings))
            }
            Format::Docx => {
                let options = docx::Options {
                    bundle_section: self.bundle_section.clone(),
                    start_page: self.start_page,
                    filter,
                    shows: views.shows.clone(),
                    ..docx::Options::default()
                };
                // A long timeline is an overview and a picture a period, each fitting a page.
                let (width, height) = docx::picture_page();
                let timeline = timeline::paged(case, &self.timeline, width, height);
                let document = docx::report(case, &genogram(), &timeline, &options)
                    .map_err(|e| e.to_string())?;
                Ok((document.bytes, document.warnings))
            }
        }
    }
}

/// The size, in points, a PNG for a page prints the timeline's smallest text at when its
/// time axis is fitted to the page.
const PRINTED_TEXT: f64 = 6.5;

/// The timeline for a picture on a page `width` points wide: its time axis as long as the
/// page allows with its text still readable there.
pub fn timeline_for_page(case: &Case, options: &TimelineOptions, width: f64) -> Scene {
    timeline::fit_width(
        case,
        options,
        width / (PRINTED_TEXT / timeline::SMALLEST_TEXT),
    )
}

/// What a genogram drawn with these options shows, in words for a front page.
pub(crate) fn genogram_shows(version: &Version, options: &GenogramOptions) -> String {
    match &options.focus {
        None => format!(
            "The whole family: {}.",
            count(version.people.len(), "person", "people")
        ),
        Some(focus) => {
            let name = version
                .person(&focus.person)
                .map(|p| p.display_name().to_string())
                .unwrap_or_else(|| focus.person.to_string());
            let left_out = people_left_out(version, focus);
            format!(
                "The part of the family around {name}: {} up and {} down; {} of {} shown.",
                count(focus.up as usize, "generation", "generations"),
                focus.down,
                version.people.len() - left_out,
                count(version.people.len(), "person", "people"),
            )
        }
    }
}

/// What a timeline drawn with these options shows, in words for a front page.
pub(crate) fn timeline_shows(case: &Case, options: &TimelineOptions) -> String {
    let selection = timeline::select(case, &options.focus, &options.filter);
    let lanes = match options.lanes {
        Lanes::Category => "lanes by category",
        Lanes::Person => "lanes by person",
        Lanes::Child => "lanes by child",
    };
    let date = |d: chrono::NaiveDate| d.format("%-d %B %Y").to_string();
    let mut words = match (options.focus.from, options.focus.to) {
        (None, None) => format!(
            "The whole chronology, {lanes}: {} of {} drawn.",
            selection.shown.len(),
            count(case.entries.len(), "entry", "entries")
        ),
        (from, to) => format!(
            "Drawn in full {}{}, {lanes}: {} of {} drawn; {} earlier and {} later summarised.",
            from.map(|d| format!("from {}", date(d)))
                .unwrap_or_default(),
            to.map(|d| format!(" to {}", date(d))).unwrap_or_default(),
            selection.shown.len(),
            count(case.entries.len(), "entry", "entries"),
            selection.before.len(),
            selection.after.len(),
        ),
    };
    if let Some(left_out) = left_out_words(&selection, false) {
        words.push(' ');
        words.push_str(&left_out);
    }
    words.trim_start().to_string()
}

/// What the filters left out, in words: "19 entries left out by the significance filter
/// (Nos. 1, 3, …)."; `None` when they left out nothing. Without `numbers`, the counts only.
fn left_out_words(selection: &Selection, numbers: bool) -> Option<String> {
    if selection.left_out.is_empty() {
        return None;
    }
    let reasons: Vec<String> = selection
        .left_out_counts()
        .iter()
        .map(|(reason, n)| match reason {
            LeftOut::PageLimit => format!("{n} to fit the pages"),
            _ => format!("{n} by the {} filter", reason.name()),
        })
        .collect();
    let list: Vec<String> = selection
        .left_out
        .iter()
        .map(|(e, _)| e.number.to_string())
        .collect();
    let list = match numbers {
        true => format!(": Nos. {}", list.join(", ")),
        false => String::new(),
    };
    Some(format!(
        "{} left out ({}){list}.",
        count(selection.left_out.len(), "entry", "entries"),
        reasons.join(", "),
    ))
}
