//! A supervision review request: what the `genochron review` command makes from its
//! arguments. A [`ReviewReport`] names the document ([`ReviewFormat`], usually told by the
//! output file's name), the period and the audience; [`ReviewReport::make`] reviews the case
//! (against an earlier version, if there is one) and writes the document.

use crate::layout::genogram::{self, GenogramOptions};
use crate::layout::scene::Scene;
use crate::layout::scores;
use crate::layout::timeline::{self, Duration, TimelineOptions};
use crate::model::Case;
use crate::render::review::{self as document, Drawings};
use crate::render::{pdf, png};
use crate::review::{self, Review, ReviewOptions};
use std::path::Path;

pub use crate::review::Period;
pub use crate::review::align::aligned;

/// The drawing a review's picture shows.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewDiagram {
    /// The genogram with the review's marks.
    Genogram,
    /// The timeline with the review's marks.
    Timeline,
    /// The chart of scaling scores.
    Scores,
}

/// The document a review request makes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReviewFormat {
    Markdown,
    Html,
    Pdf,
    Json,
    /// One of the review's drawings as a PNG for a page.
    Png(ReviewDiagram),
}

impl ReviewFormat {
    /// The format an output file's name asks for (`.md`, `.html`, `.pdf`, `.json`, or `.png`
    /// with a `diagram`); Markdown when there is no file. The error is a sentence for the user.
    pub fn from_name(
        path: Option<&Path>,
        diagram: Option<ReviewDiagram>,
    ) -> Result<ReviewFormat, String> {
        let Some(path) = path else {
            return Ok(ReviewFormat::Markdown);
        };
        match super::extension(path).as_deref() {
            Some("md" | "markdown") => Ok(ReviewFormat::Markdown),
            Some("html" | "htm") => Ok(ReviewFormat::Html),
            Some("pdf") => Ok(ReviewFormat::Pdf),
            Some("json") => Ok(ReviewFormat::Json),
            Some("png") => match diagram {
                Some(diagram) => Ok(ReviewFormat::Png(diagram)),
                None => Err(format!(
                    "Which drawing should {} show? Add --diagram genogram, timeline or scores.",
                    super::file_name(path)
                )),
            },
            _ => Err(format!(
                "genochron review writes .html, .pdf, .md, .json or .png files; {} is none of these.",
                super::file_name(path)
            )),
        }
    }
}

/// A supervision review to write: the document, the period and how it is drawn.
#[derive(Debug, Clone, PartialEq)]
pub struct ReviewReport {
    pub format: ReviewFormat,
    pub period: Period,
    /// Stretches with no recorded agency involvement longer than this are flagged.
    pub quiet: Duration,
    /// The audience the case was redacted for, named in the document.
    pub audience: Option<String>,
    /// For a PNG: the width of the page it goes on, in points.
    pub width: f64,
    /// For a PNG: dots per inch.
    pub dpi: u32,
    /// Put the case title in the document's metadata (titles usually name the child).
    pub title_in_metadata: bool,
}

impl ReviewReport {
    /// The review of `case` (the audience's version, if any) in the period, against
    /// `earlier` (an earlier version, lined up with this one, and its file's name), written
    /// as the format says. The error is a sentence for the user.
    pub fn make(&self, case: &Case, earlier: Option<(&Case, &str)>) -> Result<Vec<u8>, String> {
        let options = ReviewOptions {
            period: self.period,
            quiet_days: self.quiet.days(),
        };
        let result = review::review(case, earlier, &options);
        if self.format == ReviewFormat::Json {
            return Ok(document::json(&result).into_bytes());
        }
        let blocks = document::blocks(&result, case, self.audience.as_deref());
        if self.format == ReviewFormat::Markdown {
            return Ok(document::markdown(&blocks).into_bytes());
        }
        let drawn = self.drawings(&result, case);
        let drawings = Drawings {
            genogram: &drawn.genogram,
            timeline: &drawn.timeline,
            scores: &drawn.scores,
        };
        let title = self
            .title_in_metadata
            .then_some(case.details.title.as_str())
            .filter(|t| !t.is_empty());
        match self.format {
            ReviewFormat::Png(diagram) => {
                let scene = match diagram {
                    ReviewDiagram::Genogram => &drawn.genogram,
                    ReviewDiagram::Timeline => &drawn.timeline,
                    ReviewDiagram::Scores if drawn.scores.items.is_empty() => {
                        return Err(
                            "The case file records no scaling scores under `reviews`.".into()
                        );
                    }
                    ReviewDiagram::Scores => &drawn.scores,
                };
                png::png_for_width(scene, self.width, self.dpi).map_err(|e| e.to_string())
            }
            ReviewFormat::Pdf => {
                pdf::review(&blocks, &drawings, case, title).map_err(|e| e.to_string())
            }
            _ => Ok(document::html(&blocks, &drawings, title).into_bytes()),
        }
    }

    /// The review's three drawings: both diagrams with its marks, and the scores' chart.
    fn drawings(&self, result: &Review, case: &Case) -> ReviewDrawings {
        let marks = result.marks();
        let genogram = genogram::genogram(
            case,
            &GenogramOptions {
                marks: marks.clone(),
                ..GenogramOptions::default()
            },
        );
        let mut timeline_options = TimelineOptions {
            gap: self.quiet,
            marks,
            ..TimelineOptions::default()
        };
        // The year before the period in full, for context; older history is summarised.
        timeline_options.focus.from = Some(Duration::Years(1).before(result.period.from));
        ReviewDrawings {
            genogram,
            timeline: timeline::timeline(case, &timeline_options),
            scores: scores::chart(&result.scores),
        }
    }
}

struct ReviewDrawings {
    genogram: Scene,
    timeline: Scene,
    scores: Scene,
}
