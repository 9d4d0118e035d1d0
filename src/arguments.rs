//! The diagrams' options as the command line words them: the text of each view argument
//! (`--focus`, `--lanes`, `--last`, `--significance` …) read into layout options, once. The
//! binary fills these from clap and the golden tests from a case's `args.txt`, so the two
//! cannot read a word differently. The defaults here are the command line's defaults.

use crate::layout::genogram::{DeceasedStyle, Focus as GenogramFocus, GenogramOptions};
use crate::layout::timeline::{Duration, Filter, Focus, Lanes, TimelineOptions};
use crate::model::{Case, PartialDate, PersonId, Significance};

/// Which part of the family the genogram draws, and how (`genogram` and `report`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GenogramArguments {
    /// `--focus`: the id, as the case file has it, of the person to draw the family around.
    pub focus: Option<String>,
    /// `--up`: with a focus, how many generations of ancestors to include.
    pub up: u32,
    /// `--down`: with a focus, how many generations below the person to include.
    pub down: u32,
    /// `--deceased`: how to mark people who have died.
    pub deceased: DeceasedStyle,
}

impl Default for GenogramArguments {
    fn default() -> Self {
        GenogramArguments {
            focus: None,
            up: 2,
            down: 2,
            deceased: DeceasedStyle::Cross,
        }
    }
}

impl GenogramArguments {
    /// The genogram's options for a version of `case`. The focus is named by the case file's
    /// id, which a version for an audience replaces, so it is found in the case as the file
    /// has it and then in the version at the same place. An id that names no one in the case
    /// is returned as the error.
    pub fn options(&self, case: &Case, version: &Case) -> Result<GenogramOptions, PersonId> {
        let focus = match &self.focus {
            None => None,
            Some(id) => {
                let id = PersonId(id.clone());
                let position = case.people.position(&id).ok_or_else(|| id.clone())?;
                let person = match version.people.iter().nth(position) {
                    Some(person) => person.id.clone(),
                    None => id,
                };
                Some(GenogramFocus {
                    person,
                    up: self.up,
                    down: self.down,
                })
            }
        };
        Ok(GenogramOptions {
            as_at: None,
            focus,
            deceased: self.deceased,
            ..GenogramOptions::default()
        })
    }
}

/// The filters on the chronology's entries (`timeline`, `chronology` and `report`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct FilterArguments {
    /// `--category`: only these categories.
    pub categories: Vec<String>,
    /// `--child`: only entries about these subject children (their ids).
    pub children: Vec<String>,
    /// `--significance`: only these levels, as the user wrote them (high, medium, low).
    pub significance: Vec<String>,
    /// `--audience`: only entries this audience may see.
    pub audience: Option<String>,
}

impl FilterArguments {
    /// The filter for a case, or what is wrong with the arguments, in the user's words.
    pub fn filter(&self, case: &Case) -> Result<Filter, String> {
        let mut significance = Vec::new();
        for text in &self.significance {
            significance.push(match text.trim().to_lowercase().as_str() {
                "high" => Significance::High,
                "medium" => Significance::Medium,
                "low" => Significance::Low,
                _ => {
                    return Err(format!(
                        "--significance \"{text}\" is not a level. Use high, medium or low."
                    ));
                }
            });
        }
        let mut children = Vec::new();
        for id in &self.children {
            let id = PersonId(id.trim().to_string());
            if !case.details.subjects.contains(&id) {
                let known: Vec<&str> = case.details.subjects.iter().map(|c| c.as_str()).collect();
                return Err(format!(
                    "--child \"{id}\" is not one of the subject children ({}).",
                    known.join(", ")
                ));
            }
            children.push(id);
        }
        Ok(Filter {
            categories: self.categories.clone(),
            children,
            significance,
            audience: self.audience.clone(),
            only: None,
        })
    }
}

/// How the timeline is drawn: its lanes, the stretch drawn in full, the gaps marked and the
/// width of its time axis (`timeline` and `report`).
#[derive(Debug, Clone, PartialEq)]
pub struct TimelineArguments {
    /// `--lanes`: how entries are grouped into lanes.
    pub lanes: Lanes,
    /// `--from`: draw in full from this date.
    pub from: Option<String>,
    /// `--to`: draw in full up to this date.
    pub to: Option<String>,
    /// `--last`: draw in full only this stretch before the "as at" date (or `--to`).
    pub last: Option<String>,
    /// `--gap`: mark stretches with no agency involvement longer than this.
    pub gap: String,
    /// `--plot-width`: the width of the time axis.
    pub plot_width: f64,
}

impl Default for TimelineArguments {
    fn default() -> Self {
        TimelineArguments {
            lanes: Lanes::Category,
            from: None,
            to: None,
            last: None,
            gap: "6m".into(),
            plot_width: TimelineOptions::default().plot_width,
        }
    }
}

impl TimelineArguments {
    /// The timeline's options for a case with these filters, or what is wrong with the
    /// arguments, in the user's words.
    pub fn options(
        &self,
        filters: &FilterArguments,
        case: &Case,
    ) -> Result<TimelineOptions, String> {
        let focus = self.focus(case)?;
        let gap = Duration::parse(&self.gap).ok_or_else(|| {
            format!(
                "--gap \"{}\" is not a length of time. Write it as 6m or 1y.",
                self.gap
            )
        })?;
        let filter = filters.filter(case)?;
        if !self.plot_width.is_finite() || !(300.0..=20000.0).contains(&self.plot_width) {
            return Err("--plot-width must be between 300 and 20000.".into());
        }
        Ok(TimelineOptions {
            lanes: self.lanes,
            focus,
            filter,
            gap,
            plot_width: self.plot_width,
            ..TimelineOptions::default()
        })
    }

    /// The stretch drawn in full: `--from` its first day, `--to` its last, `--last` the
    /// length before `--to` or the case's "as at" date.
    fn focus(&self, case: &Case) -> Result<Focus, String> {
        let mut focus = Focus::default();
        if let Some(text) = &self.from {
            focus.from = Some(date(text, "--from")?.start());
        }
        if let Some(text) = &self.to {
            focus.to = Some(date(text, "--to")?.end());
        }
        if let Some(text) = &self.last {
            let length = Duration::parse(text).ok_or_else(|| {
                format!("--last \"{text}\" is not a length of time. Write it as 2y, 18m or 26w.")
            })?;
            let end = focus.to.unwrap_or(case.details.as_at);
            focus.from = Some(length.before(end));
            focus.to = Some(end);
        }
        if let (Some(from), Some(to)) = (focus.from, focus.to)
            && from > to
        {
            return Err("The --from date is after the --to date.".into());
        }
        Ok(focus)
    }
}

fn date(text: &str, flag: &str) -> Result<PartialDate, String> {
    PartialDate::parse(text).map_err(|error| format!("The {flag} date \"{text}\" {error}."))
}
