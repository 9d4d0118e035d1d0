//! Versions of a case: the whole case, or what one audience may see, made before anything is
//! laid out.
//!
//! Every document is drawn from a [`Version`], and a `Version` can only be made here: a
//! renderer cannot print "redacted for …" on a case that was never redacted, and no stage after
//! this one ever holds what the audience may not see.
//!
//! A version for an audience is built field by field (`build`): people it may know only by
//! initials or role carry those as their names; hidden fields (address, birth date, school,
//! notes) are left out; views and categories of entry it does not list are left out; its
//! entries are numbered 1, 2, 3 … and ids become neutral. Free text is never rewritten, except
//! that mentions (`@id`, see [`crate::mentions`]) are written out as the audience may see the
//! person, and invisible characters are taken out. Then every text the audience would see is
//! checked (`scan`): any name or hidden value still in it refuses the version, with the place
//! and a way to fix it.

mod build;
pub(crate) mod dates;
pub(crate) mod fold;
pub(crate) mod place;
mod scan;

pub use build::initials;
pub(crate) use build::short_name;
pub(crate) use scan::Hit;

use crate::diagnostic::Diagnostic;
use crate::model::{Audience, Case, View};
use std::collections::BTreeSet;
use std::fmt;

/// A case as one version of the documents shows it. Read it as a [`Case`] (it derefs to
/// one); make it with [`full`] or [`for_audience`].
#[derive(Debug, Clone, PartialEq)]
pub struct Version {
    case: Case,
    audience: Option<String>,
    views: BTreeSet<View>,
    numbering: Vec<(u32, u32)>,
    invisible_removed: usize,
}

impl std::ops::Deref for Version {
    type Target = Case;
    fn deref(&self) -> &Case {
        &self.case
    }
}

impl Version {
    /// The audience this version was made for; `None` for the whole case.
    pub fn audience(&self) -> Option<&str> {
        self.audience.as_deref()
    }

    /// The case as this version shows it.
    pub fn case(&self) -> &Case {
        &self.case
    }

    /// True when this version includes the view.
    pub fn includes(&self, view: View) -> bool {
        self.views.contains(&view)
    }

    /// Master entry number → this version's number, for every entry kept (empty for the whole
    /// case, which keeps the master numbers). For the author only: never part of an output.
    pub fn numbering(&self) -> &[(u32, u32)] {
        &self.numbering
    }

    /// How many invisible characters (zero-width spaces, direction controls …) were taken
    /// out of the text.
    pub fn invisible_removed(&self) -> usize {
        self.invisible_removed
    }

    /// The private mapping file: master number, this version's number, one pair a line.
    pub fn numbering_csv(&self) -> String {
        let audience = self.audience.as_deref().unwrap_or("whole case");
        let mut out = format!("master number,number in the \"{audience}\" version\n");
        for (master, number) in &self.numbering {
            out.push_str(&format!("{master},{number}\n"));
        }
        out
    }
}

/// Why a version could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedactError {
    /// The audience is not declared in the case file.
    UnknownAudience {
        name: String,
        /// The audiences the case declares, in file order.
        known: Vec<String>,
    },
    /// The check found what the audience may not see.
    Refused { audience: String, hits: Vec<Hit> },
}

impl RedactError {
    /// The hits as problems at their lines and columns in the case file's text (when given).
    pub fn diagnostics(&self, source: Option<&str>) -> Vec<Diagnostic> {
        match self {
            RedactError::UnknownAudience { .. } => Vec::new(),
            RedactError::Refused { hits, .. } => {
                crate::diagnostic::sorted(hits.iter().map(|h| h.diagnostic(source)).collect())
            }
        }
    }
}

impl fmt::Display for RedactError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            RedactError::UnknownAudience { name, known } if known.is_empty() => write!(
                f,
                "The case file has no audience called \"{name}\": it declares no audiences. \
                 Add one under `audiences`, or leave out --audience for the full version."
            ),
            RedactError::UnknownAudience { name, known } => write!(
                f,
                "The case file has no audience called \"{name}\". The audiences it names are: {}.",
                known.join(", ")
            ),
            RedactError::Refused { audience, hits } => write!(
                f,
                "The \u{201c}{audience}\u{201d} version would show what its audience may not see, in {} {}.",
                hits.len(),
                if hits.len() == 1 { "place" } else { "places" }
            ),
        }
    }
}

impl std::error::Error for RedactError {}

/// The whole case, as every document shows it: mentions written out by name, invisible
/// characters taken out, nothing hidden.
pub fn full(case: &Case) -> Version {
    let mut builder = build::Builder::new(case, None);
    let out = builder.case();
    Version {
        case: out,
        audience: None,
        views: View::ALL.into_iter().collect(),
        numbering: Vec::new(),
        invisible_removed: builder.invisible_removed,
    }
}

/// The version `audience` may see, or every place where it would see what it may not.
pub fn for_audience(case: &Case, audience: &str) -> Result<Version, RedactError> {
    let Some(rules) = case.audiences.iter().find(|a| a.name == audience) else {
        return Err(RedactError::UnknownAudience {
            name: audience.to_string(),
            known: case.audiences.iter().map(|a| a.name.clone()).collect(),
        });
    };
    let mut builder = build::Builder::new(case, Some(rules));
    let out = builder.case();
    let hits = scan::scan(case, rules, &builder.seen);
    if !hits.is_empty() {
        return Err(RedactError::Refused {
            audience: audience.to_string(),
            hits,
        });
    }
    Ok(Version {
        case: out,
        audience: Some(audience.to_string()),
        views: rules.views.clone(),
        numbering: builder.numbering,
        invisible_removed: builder.invisible_removed,
    })
}

/// [`full`] when no audience is named, else [`for_audience`].
pub fn version(case: &Case, audience: Option<&str>) -> Result<Version, RedactError> {
    match audience {
        None => Ok(full(case)),
        Some(name) => for_audience(case, name),
    }
}

/// The rules of an audience, for callers that want to list them.
pub fn rules<'a>(case: &'a Case, audience: &str) -> Option<&'a Audience> {
    case.audiences.iter().find(|a| a.name == audience)
}

/// Every free text some version of the case shows, as written (invisible characters taken
/// out), by where it was written: the whole case's texts and each audience's wordings. Names
/// of people are not among them.
pub(crate) fn free_texts(case: &Case) -> Vec<(crate::model::TextKey, String)> {
    let mut out: std::collections::BTreeMap<crate::model::TextKey, String> = Default::default();
    let versions = std::iter::once(None).chain(case.audiences.iter().map(Some));
    for rules in versions {
        let mut builder = build::Builder::new(case, rules);
        builder.case();
        for seen in builder.seen {
            if seen.kind != build::SeenKind::OwnName {
                out.entry(seen.key).or_insert(seen.written);
            }
        }
    }
    out.into_iter().collect()
}
