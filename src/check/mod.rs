//! Checks a case file and resolves it into the model, reporting every problem in one run.
//!
//! After this stage every id resolves, every date is parsed and every choice is an enum, so
//! no later stage can meet a problem the user must fix. Problems refuse the drawing; notes
//! let it go ahead but flag something unusual (a parent aged 11).

mod audiences;
mod control;
mod details;
mod entries;
mod family;
mod households;
mod links;
mod people;
mod periods;
mod redaction;
mod supervision;
mod values;

use crate::diagnostic::{Diagnostic, Location, clip};
use crate::input::case_file::*;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};

/// What the case was read from, for the title block.
#[derive(Debug, Clone, Default)]
pub struct Source {
    /// The file's name without folders.
    pub name: String,
    /// A short hash of the file's bytes.
    pub hash: String,
}

/// The longest text genochron accepts in one field. Longer text is almost always a pasted
/// document, and would make drawings unreadable.
pub(crate) const MAX_TEXT_CHARS: usize = 10_000;

/// The longest person id: ids are short names, and they appear in every drawing's element ids.
pub(crate) const MAX_ID_CHARS: usize = 100;

/// Checks a case file. The case is `None` when there is any problem; notes leave it drawn.
pub fn case(file: &CaseFile, source: &Source) -> (Option<Case>, Vec<Diagnostic>) {
    let mut checker = Checker::new(file);
    let case = checker.run(file, source);
    let has_problems = checker.diagnostics.iter().any(Diagnostic::is_problem);
    let case = if has_problems { None } else { Some(case) };
    (case, checker.diagnostics)
}

pub(crate) struct Checker {
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Each person's id and where it is defined, in file order.
    ids: BTreeMap<String, Location>,
    /// Names for messages, by id.
    names: BTreeMap<String, String>,
    subjects: BTreeSet<String>,
    /// Birth dates that parse, by id, for checks across people and entries.
    births: BTreeMap<String, PartialDate>,
    suggestions_left: usize,
}

impl Checker {
    fn new(file: &CaseFile) -> Checker {
        let mut ids = BTreeMap::new();
        let mut names = BTreeMap::new();
        let mut births = BTreeMap::new();
        for person in &file.people {
            if let Some(id) = &person.id {
                let id_text = id.value.trim().to_string();
                ids.entry(id_text.clone()).or_insert(id.at);
                if let Some(born) = person
                    .born
                    .as_ref()
                    .and_then(|b| PartialDate::parse(&b.value).ok())
                {
                    births.entry(id_text.clone()).or_insert(born);
                }
                let name = person
                    .name
                    .as_ref()
                    .map(|n| n.value.trim().to_string())
                    .filter(|n| !n.is_empty())
                    .unwrap_or_else(|| id_text.clone());
                names.entry(id_text).or_insert(name);
            }
        }
        Checker {
            diagnostics: Vec::new(),
            ids,
            names,
            subjects: BTreeSet::new(),
            births,
            suggestions_left: 100,
        }
    }

    pub(crate) fn problem(&mut self, at: Location, message: String, help: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::problem(at, message).with_help(help));
    }

    /// A problem for a field a record must have: "This <record> has no `<field>`."
    pub(crate) fn missing(
        &mut self,
        at: Location,
        record: &str,
        field: &str,
        help: impl Into<String>,
    ) {
        self.problem(at, format!("This {record} has no `{field}`."), help);
    }

    pub(crate) fn note(&mut self, at: Location, message: String, help: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::note(at, message).with_help(help));
    }

    /// The name of a person for messages: their name as the file gives it, or their id.
    pub(crate) fn name_of(&self, id: &str) -> String {
        self.names
            .get(id)
            .cloned()
            .unwrap_or_else(|| id.to_string())
    }

    fn run(&mut self, file: &CaseFile, source: &Source) -> Case {
        self.control_characters(file);
        let details = self.details(file, source);
        let people = self.people(file, &details);
        let parentage = self.parentage(file);
        let partnerships = self.partnerships(file);
        let multiple_births = self.twins(file);
        let relationships = self.relationships(file);
        let households = self.households(file);
        let audiences = self.audiences(file);
        let entries = self.entries(file, &details, &audiences);
        let periods = self.periods(file, &details);
        let visits = self.visits(file, &details);
        let reviews = self.reviews(file);
        let people = People::new(people);
        family::check(self, file, &people, &parentage, &multiple_births);
        redaction::check(self, file);
        Case {
            details,
            people,
            parentage,
            partnerships,
            multiple_births,
            relationships,
            households,
            audiences,
            entries,
            periods,
            visits,
            reviews,
            places: redaction::places(file),
        }
    }

    /// Resolves a reference to a person, reporting an unknown id with the closest one.
    pub(crate) fn person_ref(&mut self, text: &Text, role: &str) -> Option<PersonId> {
        let id = text.value.trim();
        if self.ids.contains_key(id) {
            return Some(PersonId(id.to_string()));
        }
        let help = self.closest_id(id, role);
        self.problem(
            text.at,
            format!(
                "The {role} \"{}\" is not the id of anyone in the file.",
                clip(id)
            ),
            help,
        );
        None
    }

    /// The help for an unknown id: the closest id of the right kind, when one is close enough
    /// to be a likely slip. Bounded: ids are at most [`MAX_ID_CHARS`] long, so a longer text is
    /// not compared at all, and only the first 100 unknown ids get a search.
    fn closest_id(&mut self, id: &str, role: &str) -> String {
        let add_person = "Check the spelling, or add this person to `people`.".to_string();
        let length = id.chars().count();
        if length > MAX_ID_CHARS {
            return format!(
                "Ids are at most {MAX_ID_CHARS} characters and this is {length}, so it is not \
                 an id: write the id of someone in `people` here."
            );
        }
        if self.suggestions_left == 0 {
            return add_person;
        }
        self.suggestions_left -= 1;
        // A parent or partner is not one of the subject children.
        let adult_role = role.contains("parent") || role.contains("partner");
        let lower = id.to_lowercase();
        let best = self
            .ids
            .iter()
            .filter(|(known, _)| !(adult_role && self.subjects.contains(*known)))
            .filter_map(|(known, at)| {
                let distance = id_distance(&lower, &known.to_lowercase())?;
                Some((distance, known, at))
            })
            .min_by_key(|(distance, _, _)| *distance);
        match best {
            Some((_, known, at)) => {
                let name = self.name_of(known);
                let who = if &name == known {
                    String::new()
                } else {
                    format!("{name}, ")
                };
                format!("Did you mean \"{known}\" ({who}line {})?", at.line)
            }
            None => add_person,
        }
    }

    /// Text that must not be empty or absurdly long.
    pub(crate) fn text(&mut self, text: &Option<Text>, field: &str) -> Option<String> {
        let text = text.as_ref()?;
        let value = text.value.trim();
        let length = value.chars().count();
        if length > MAX_TEXT_CHARS {
            self.problem(
                text.at,
                format!(
                    "The {field} here is {length} characters long; genochron accepts at most \
                     {MAX_TEXT_CHARS} in one field."
                ),
                "Shorten it: a drawing or chronology needs a summary, not a whole document.",
            );
            return None;
        }
        (!value.is_empty()).then(|| value.to_string())
    }

    pub(crate) fn date(&mut self, text: &Option<Text>, field: &str) -> Option<PartialDate> {
        let text = text.as_ref()?;
        match PartialDate::parse(&text.value) {
            Ok(date) => Some(date),
            Err(error) => {
                let help = match error {
                    DateError::NoSuchDay { .. } | DateError::NoSuchMonth(_) => {
                        "Correct the date; if only the month or year is known, write just that \
                         (2019-02 or 2019)."
                    }
                    _ => {
                        "Write dates as 2019-03-14, 2019-03 or 2019, with \"about\", \"before\" \
                          or \"after\" in front if they are not exact."
                    }
                };
                self.problem(
                    text.at,
                    format!("The {field} \"{}\" {error}.", clip(text.value.trim())),
                    help,
                );
                None
            }
        }
    }

    /// A date that must be a single day (the case's own dates).
    fn day(&mut self, text: &Option<Text>, field: &str) -> Option<chrono::NaiveDate> {
        let date = self.date(text, field)?;
        if date.is_uncertain() {
            let at = text.as_ref().map(|t| t.at).unwrap_or_default();
            self.problem(
                at,
                format!("The {field} must be a whole, exact date, but it is \"{date}\"."),
                "Write it as 2024-11-01.",
            );
            return None;
        }
        Some(date.start())
    }

    /// A role or note with the time it holds; `None` when its text is empty or too long.
    pub(crate) fn dated_text(
        &mut self,
        input: &crate::input::case_file::DatedText,
        field: &str,
    ) -> Option<crate::model::DatedText> {
        let text = self.text(&Some(input.text.clone()), field)?;
        let span = self.span(&input.from, &input.to, field);
        Some(crate::model::DatedText { text, span })
    }

    /// A span from two optional dates, reporting an end before the start.
    pub(crate) fn span(&mut self, from: &Option<Text>, to: &Option<Text>, what: &str) -> Span {
        let from_date = self.date(from, &format!("start of the {what}"));
        let to_date = self.date(to, &format!("end of the {what}"));
        if let (Some(start), Some(end), Some(to_text)) = (from_date, to_date, to)
            && end.end() < start.start()
        {
            self.problem(
                to_text.at,
                format!("The {what} ends ({end}) before it starts ({start})."),
                "Check the two dates: one of them is probably mistyped.",
            );
        }
        Span {
            from: from_date,
            to: to_date,
        }
    }
}

/// How far an unknown id is from a known one, when it is close enough to be a slip: a first
/// name alone ("kwabena" for "kwabena-mensah", distance 0), a longer form of a known id, or a
/// typo of at most one letter in
/// four. Three-letter ids differ from each other by one letter as a rule ("nan", "dan"), so a
/// short id needs a Jaro-Winkler similarity of 0.9 as well.
fn id_distance(unknown: &str, known: &str) -> Option<usize> {
    if known.starts_with(unknown) && known[unknown.len()..].starts_with('-') {
        return Some(0);
    }
    let distance = strsim::damerau_levenshtein(unknown, known);
    // A longer form of a known id ("danny" for "dan").
    if known.chars().count() >= 3 && unknown.starts_with(known) {
        return Some(distance);
    }
    let longest = unknown.chars().count().max(known.chars().count());
    let close = if longest >= 6 {
        distance <= longest / 4
    } else {
        distance <= 1 && strsim::jaro_winkler(unknown, known) >= 0.9
    };
    close.then_some(distance)
}
