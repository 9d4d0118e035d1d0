//! Renderers: read only a scene (or, for tables, a checked case) and write a document.

pub mod docx;
pub(crate) mod escape;
pub mod html;
pub mod pdf;
pub mod png;
pub(crate) mod review;
pub mod svg;
pub mod table;

use crate::model::Case;
use std::fmt;

/// The facts on a document's front page, as label and value: the case reference, subject
/// children, dates, author, the audience of a redacted version, and the case file with its
/// hash. Missing values read "not given".
pub(crate) fn version_front_page_facts(
    version: &crate::redact::Version,
) -> Vec<(&'static str, String)> {
    let mut facts = front_page_facts(version, version.audience());
    let left_out: Vec<&str> = [
        (crate::model::View::Genogram, "the genogram"),
        (crate::model::View::Timeline, "the timeline"),
        (crate::model::View::Chronology, "the chronology table"),
    ]
    .into_iter()
    .filter(|(view, _)| !version.includes(*view))
    .map(|(_, words)| words)
    .collect();
    if !left_out.is_empty() {
        // After the "Version" line, before the case file.
        let at = facts.len().saturating_sub(1);
        facts.insert(
            at,
            (
                "Left out",
                format!(
                    "{}: this audience does not receive {}",
                    capitalised(&list_words(&left_out)),
                    if left_out.len() == 1 { "it" } else { "them" }
                ),
            ),
        );
    }
    facts
}

/// [`version_front_page_facts`] for a case and the name of its audience, without what the
/// version leaves out.
pub(crate) fn front_page_facts(case: &Case, audience: Option<&str>) -> Vec<(&'static str, String)> {
    let date = |d: Option<chrono::NaiveDate>| match d {
        Some(d) => d.format("%-d %B %Y").to_string(),
        None => String::new(),
    };
    let subjects: Vec<String> = case
        .details
        .subjects
        .iter()
        .filter_map(|id| case.person(id))
        .map(|p| match &p.born {
            Some(born) => format!("{} ({} {born})", p.display_name(), p.born_word()),
            None => p.display_name().to_string(),
        })
        .collect();
    let mut facts = vec![
        ("Case reference", case.details.reference.clone()),
        (
            if subjects.len() == 1 {
                "Subject child"
            } else {
                "Subject children"
            },
            subjects.join("; "),
        ),
        ("Date prepared", date(case.details.prepared)),
        ("Hearing date", date(case.details.hearing)),
        ("Author", case.details.author.clone().unwrap_or_default()),
        ("Ages and households as at", date(Some(case.details.as_at))),
    ];
    if let Some(sentence) = case.details.cut.as_ref().and_then(|c| c.sentence()) {
        facts.push(("Later than that date", sentence));
    }
    if let Some(audience) = audience {
        facts.push((
            "Version",
            format!("Redacted for the \u{201c}{audience}\u{201d} audience"),
        ));
    }
    let source = if case.details.source_name.is_empty() {
        case.details.source_hash.clone()
    } else {
        format!(
            "{} (hash {})",
            case.details.source_name, case.details.source_hash
        )
    };
    facts.push(("Case file", source));
    for (_, value) in &mut facts {
        if value.trim().is_empty() {
            *value = "not given".to_string();
        }
    }
    facts
}

/// The title a document's front page prints: the case's, or what the document is when the
/// case has none.
pub(crate) fn front_page_title(case: &Case) -> &str {
    if case.details.title.is_empty() {
        UNTITLED
    } else {
        &case.details.title
    }
}

/// The title a document's metadata carries: the case's only when the caller asks for it,
/// since titles usually name the child and metadata travels further than the pages do.
pub(crate) fn metadata_title(case: &Case, title_in_metadata: bool) -> String {
    if title_in_metadata {
        front_page_title(case).to_string()
    } else {
        UNTITLED.to_string()
    }
}

const UNTITLED: &str = "Genogram and chronology";

/// Where a signature or a date is written by hand.
pub(crate) const SIGN_HERE: &str = "________________________________";

/// The statement of truth as a front page prints it: its words, then the signature block as
/// label and value ("Signed", "Name", "Role", "Date"); a date not given is left to be
/// written by hand. `None` when the case file gives no statement.
pub(crate) fn statement_block(case: &Case) -> Option<(String, Vec<(&'static str, String)>)> {
    let statement = case.details.statement.as_ref()?;
    let mut block = vec![
        ("Signed", SIGN_HERE.to_string()),
        ("Name", statement.name.clone()),
    ];
    if let Some(role) = &statement.role {
        block.push(("Role", role.clone()));
    }
    block.push((
        "Date",
        match statement.date {
            Some(d) => d.format("%-d %B %Y").to_string(),
            None => SIGN_HERE.to_string(),
        },
    ));
    Some((statement.text.clone(), block))
}

/// "a, b and c".
fn list_words(items: &[&str]) -> String {
    match items {
        [] => String::new(),
        [one] => one.to_string(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// A document could not be made. Never caused by the case file (a checked case always
/// draws); the message says what to try instead.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RenderError {
    pub message: String,
}

impl RenderError {
    pub fn new(message: impl Into<String>) -> RenderError {
        RenderError {
            message: message.into(),
        }
    }
}

impl fmt::Display for RenderError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for RenderError {}
