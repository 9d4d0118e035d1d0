//! Checks a case file and resolves it into the model, reporting every problem in one run.
//!
//! After this stage every id resolves, every date is parsed and every choice is an enum, so
//! no later stage can meet a problem the user must fix. Problems refuse the drawing; notes
//! let it go ahead but flag something unusual (a parent aged 11).

mod family;
pub(crate) mod values;

use crate::diagnostic::{Diagnostic, Location, clip};
use crate::input::case_file::*;
use crate::model::*;
use std::collections::{BTreeMap, BTreeSet};
use values::*;

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
pub const MAX_TEXT_CHARS: usize = 10_000;

/// The longest person id: ids are short names, and they appear in every drawing's element ids.
pub const MAX_ID_CHARS: usize = 100;

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
    suggestions_left: usize,
}

impl Checker {
    fn new(file: &CaseFile) -> Checker {
        let mut ids = BTreeMap::new();
        let mut names = BTreeMap::new();
        for person in &file.people {
            if let Some(id) = &person.id {
                let id_text = id.value.trim().to_string();
                ids.entry(id_text.clone()).or_insert(id.at);
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
            suggestions_left: 100,
        }
    }

    pub(crate) fn problem(&mut self, at: Location, message: String, help: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::problem(at, message).with_help(help));
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
        let people = People::new(people);
        family::check(self, file, &people, &parentage, &multiple_births);
        Case {
            details,
            people,
            partnerships,
            parentage,
            multiple_births,
            relationships,
            households,
            entries,
            periods,
            audiences,
        }
    }

    /// Resolves a reference to a person, reporting an unknown id with the closest one.
    pub(crate) fn person_ref(&mut self, text: &Text, role: &str) -> Option<PersonId> {
        let id = text.value.trim();
        if self.ids.contains_key(id) {
            return Some(PersonId(id.to_string()));
        }
        let help = self.closest_id(id);
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

    fn closest_id(&mut self, id: &str) -> String {
        let add_person = "Check the spelling, or add this person to `people`.".to_string();
        if self.suggestions_left == 0 {
            return add_person;
        }
        self.suggestions_left -= 1;
        let lower = id.to_lowercase();
        let best = self
            .ids
            .iter()
            .map(|(known, at)| {
                let known_lower = known.to_lowercase();
                let distance = strsim::damerau_levenshtein(&lower, &known_lower);
                // A first name alone ("kwabena" for "kwabena-mensah") is a likely slip too.
                let prefix = known_lower.starts_with(&format!("{lower}-"));
                let close = prefix
                    || distance <= (known.len() / 3).max(1)
                    || strsim::jaro_winkler(&lower, &known_lower) >= 0.88;
                (close, if prefix { 0 } else { distance }, known, at)
            })
            .filter(|(close, _, _, _)| *close)
            .min_by_key(|(_, distance, _, _)| *distance);
        match best {
            Some((_, _, known, at)) => {
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

    fn details(&mut self, file: &CaseFile, source: &Source) -> CaseDetails {
        let section = &file.case;
        let prepared = self.day(&section.prepared, "date prepared");
        let as_at = match (&section.as_at, prepared) {
            (Some(_), _) => self.day(&section.as_at, "as-at date"),
            (None, Some(prepared)) => Some(prepared),
            (None, None) => {
                self.problem(
                    section.at,
                    "The case has no `as-at` date, so ages and households cannot be drawn."
                        .to_string(),
                    "Add `as-at: 2024-11-01` (the date the drawings describe) to the `case` \
                     section.",
                );
                None
            }
        };
        let mut subjects = Vec::new();
        for child in &section.children {
            if let Some(id) = self.person_ref(child, "subject child") {
                if subjects.contains(&id) {
                    self.note(
                        child.at,
                        format!(
                            "{} is listed twice as a subject child.",
                            self.name_of(&id.0)
                        ),
                        "Remove the second mention.",
                    );
                } else {
                    subjects.push(id);
                }
            }
        }
        self.subjects = subjects.iter().map(|id| id.0.clone()).collect();
        CaseDetails {
            reference: self
                .text(&section.reference, "case reference")
                .unwrap_or_default(),
            title: self.text(&section.title, "case title").unwrap_or_default(),
            subjects,
            as_at: as_at.unwrap_or_default(),
            author: self.text(&section.author, "author"),
            prepared,
            hearing: self.day(&section.hearing, "hearing date"),
            source_hash: source.hash.clone(),
            source_name: source.name.clone(),
        }
    }

    fn people(&mut self, file: &CaseFile, details: &CaseDetails) -> Vec<Person> {
        let mut seen: BTreeMap<String, Location> = BTreeMap::new();
        let mut people = Vec::new();
        for input in &file.people {
            let Some(id_text) = &input.id else {
                let name = input
                    .name
                    .as_ref()
                    .map(|n| format!(" ({})", clip(&n.value)));
                self.problem(
                    input.at,
                    format!("This person{} has no id.", name.unwrap_or_default()),
                    "Add `id:` with a short name to refer to them by, such as `id: amy`.",
                );
                continue;
            };
            let id = id_text.value.trim().to_string();
            if id.is_empty() {
                self.problem(
                    id_text.at,
                    "This person's id is empty.".into(),
                    "Give them a short id, such as `id: amy`.",
                );
                continue;
            }
            if id.chars().count() > MAX_ID_CHARS {
                self.problem(
                    id_text.at,
                    format!(
                        "This person's id \"{}\" is longer than {MAX_ID_CHARS} characters.",
                        clip(&id)
                    ),
                    "Ids are short names to refer to people by, such as `amy` or `kwabena-mensah`.",
                );
                continue;
            }
            if let Some(first) = seen.get(&id) {
                self.problem(
                    id_text.at,
                    format!(
                        "The id \"{}\" is used for two people (the first on line {}).",
                        clip(&id),
                        first.line
                    ),
                    "Give each person their own id, for example by adding a number or surname.",
                );
                continue;
            }
            seen.insert(id.clone(), id_text.at);
            let person = self.person(input, id);
            self.dates_against_as_at(&person, input, details);
            people.push(person);
        }
        people
    }

    fn person(&mut self, input: &PersonInput, id: String) -> Person {
        let name = self.text(&input.name, "name").unwrap_or_default();
        let gender = input
            .gender
            .as_ref()
            .and_then(|g| self.choice(g, "gender", GENDERS))
            .unwrap_or(Gender::Unknown);
        let sex_at_birth = input
            .sex_at_birth
            .as_ref()
            .and_then(|s| self.choice(s, "sex at birth", SEXES));
        let born = self.date(&input.born, "birth date");
        let died = self.date(&input.died, "date of death");
        if let (Some(born), Some(died), Some(died_text)) = (born, died, &input.died)
            && died.end() < born.start()
        {
            self.problem(
                died_text.at,
                format!(
                    "{} died ({died}) before they were born ({born}).",
                    display(&name, &id)
                ),
                "Check both dates: one of them is probably mistyped.",
            );
        }
        let deceased_flag = input
            .deceased
            .as_ref()
            .and_then(|d| self.yes_no(d, "deceased"));
        let kind = self.person_kind(input, &name, &id);
        Person {
            name,
            known_as: self.text(&input.known_as, "known-as name"),
            gender,
            sex_at_birth,
            kind,
            born,
            deceased: died.is_some() || deceased_flag == Some(true),
            died,
            unknown: input
                .unknown
                .as_ref()
                .and_then(|u| self.yes_no(u, "unknown"))
                .unwrap_or(false),
            notes: input
                .notes
                .iter()
                .filter_map(|n| self.text(&Some(n.clone()), "note"))
                .collect(),
            role: self.text(&input.role, "role"),
            address: self.text(&input.address, "address"),
            school: self.text(&input.school, "school"),
            id: PersonId(id),
        }
    }

    /// Notes for dates that make ages or the drawing surprising on the as-at date.
    fn dates_against_as_at(&mut self, person: &Person, input: &PersonInput, details: &CaseDetails) {
        let name = person.display_name().to_string();
        let as_at = details.as_at;
        match (person.kind.clone(), person.born) {
            (PersonKind::Pregnancy, Some(due)) if due.end() < as_at => self.note(
                input.born.as_ref().map_or(input.at, |b| b.at),
                format!("{name} is recorded as a pregnancy due {due}, before the as-at date."),
                "If the baby has been born, remove `pregnancy` and give the birth date.",
            ),
            (PersonKind::Individual, Some(born)) if born.start() > as_at => self.note(
                input.born.as_ref().map_or(input.at, |b| b.at),
                format!("{name} is born ({born}) after the as-at date, so is not drawn as born yet."),
                "Check the birth date, or record an expected baby with `pregnancy: true`.",
            ),
            (PersonKind::Individual, None)
                if input.born.is_none() && details.subjects.contains(&person.id) =>
            {
                self.note(
                input.at,
                format!("{name} is a subject child with no birth date, so their age cannot be shown."),
                    "Add `born:`; if only the month or year is known, write just that.",
                )
            }
            _ => {}
        }
    }

    fn person_kind(&mut self, input: &PersonInput, name: &str, id: &str) -> PersonKind {
        let pregnancy = input
            .pregnancy
            .as_ref()
            .and_then(|p| self.yes_no(p, "pregnancy"))
            .unwrap_or(false);
        let loss = input
            .loss
            .as_ref()
            .and_then(|l| self.choice(l, "loss", LOSSES));
        let count = input
            .count
            .as_ref()
            .and_then(|c| match c.value.trim().parse::<u32>() {
                Ok(n) if (2..=999).contains(&n) => Some(n),
                _ => {
                    self.problem(
                        c.at,
                        format!(
                            "The count \"{}\" is not a number of people from 2 to 999.",
                            clip(&c.value)
                        ),
                        "Write how many people the symbol stands for, such as `count: 3`.",
                    );
                    None
                }
            });
        let kinds = [pregnancy, loss.is_some(), count.is_some()];
        if kinds.iter().filter(|k| **k).count() > 1 {
            self.problem(
                input.at,
                format!(
                    "{} is marked as more than one of: pregnancy, loss, group (count).",
                    display(name, id)
                ),
                "Keep only the one that applies.",
            );
        }
        match (pregnancy, loss, count) {
            (true, _, _) => PersonKind::Pregnancy,
            (_, Some(loss), _) => PersonKind::Loss(loss),
            (_, _, Some(count)) => PersonKind::Group { count },
            _ => PersonKind::Individual,
        }
    }

    /// Every child's parentage: the parents it is drawn under, then its other parents.
    fn parentage(&mut self, file: &CaseFile) -> Vec<Parentage> {
        let mut all = Vec::new();
        for input in &file.people {
            let Some(child) = input
                .id
                .as_ref()
                .map(|id| PersonId(id.value.trim().to_string()))
            else {
                continue;
            };
            if !input.parents.is_empty() {
                let link = input
                    .link
                    .as_ref()
                    .and_then(|l| self.choice(l, "link", LINKS))
                    .unwrap_or(ChildLink::Biological);
                if let Some(parents) = self.parent_list(&input.parents, &child) {
                    all.push(Parentage {
                        child: child.clone(),
                        parents,
                        link,
                        primary: true,
                        span: Span::ALWAYS,
                    });
                }
            } else if let Some(link) = &input.link {
                self.problem(
                    link.at,
                    format!("{} has a `link` but no `parents`.", self.name_of(&child.0)),
                    "Add `parents:`, or remove `link`.",
                );
            }
            for other in &input.other_parents {
                let link = other
                    .link
                    .as_ref()
                    .and_then(|l| self.choice(l, "link", LINKS))
                    .unwrap_or(ChildLink::Biological);
                let span = self.span(&other.from, &other.to, "parenting");
                if other.parents.is_empty() {
                    self.problem(
                        other.at,
                        "These other parents list no one.".into(),
                        "Add `parents: [id]`.",
                    );
                    continue;
                }
                if let Some(parents) = self.parent_list(&other.parents, &child) {
                    let primary = input.parents.is_empty()
                        && !all.iter().any(|p: &Parentage| p.child == child);
                    all.push(Parentage {
                        child: child.clone(),
                        parents,
                        link,
                        primary,
                        span,
                    });
                }
            }
        }
        all
    }

    fn parent_list(&mut self, texts: &[Text], child: &PersonId) -> Option<Vec<PersonId>> {
        if texts.len() > 2 {
            self.problem(
                texts[2].at,
                format!(
                    "{} has {} parents in one list; a list holds one or two.",
                    self.name_of(&child.0),
                    texts.len()
                ),
                "Keep the two parents the child is drawn under in `parents`, and put any others in \
                 `other-parents` with their link (step, foster, kinship-care …).",
            );
            return None;
        }
        let mut parents = Vec::new();
        for text in texts {
            let parent = self.person_ref(text, "parent")?;
            if &parent == child {
                self.problem(
                    text.at,
                    format!("{} is listed as their own parent.", self.name_of(&child.0)),
                    "Remove them from their own `parents`.",
                );
                return None;
            }
            if parents.contains(&parent) {
                self.problem(
                    text.at,
                    format!("{} is listed twice as a parent.", self.name_of(&parent.0)),
                    "Remove the second mention.",
                );
                return None;
            }
            parents.push(parent);
        }
        Some(parents)
    }

    fn partnerships(&mut self, file: &CaseFile) -> Vec<Partnership> {
        let mut ids: BTreeMap<String, Location> = BTreeMap::new();
        let mut partnerships = Vec::new();
        for input in &file.partnerships {
            let Some(partners) = self.pair(&input.partners, input.at, "partnership", "partners")
            else {
                continue;
            };
            let id = match &input.id {
                Some(id) => id.value.trim().to_string(),
                None => format!("{}--{}", partners[0], partners[1]),
            };
            if let Some(first) = ids.get(&id) {
                self.problem(
                    input.id.as_ref().map_or(input.at, |i| i.at),
                    format!("A partnership with the id \"{}\" is already on line {}.", clip(&id), first.line),
                    "Give the partnership an `id` of its own, or merge the two into one with several `states`.",
                );
                continue;
            }
            ids.insert(id.clone(), input.at);
            let mut states = Vec::new();
            if let Some(status) = &input.status {
                if let Some(status) = self.choice(status, "partnership status", STATUSES) {
                    states.push(PartnershipState {
                        status,
                        from: self.date(&input.from, "partnership date"),
                    });
                }
            } else if input.from.is_some() && input.states.is_empty() {
                self.problem(
                    input.at,
                    "This partnership has a `from` date but no `status`.".into(),
                    "Add `status:` (married, cohabiting …).",
                );
            }
            for state in &input.states {
                let Some(status_text) = &state.status else {
                    self.problem(
                        state.at,
                        "This partnership state has no `status`.".into(),
                        "Add `status:` (married, cohabiting …).",
                    );
                    continue;
                };
                if let Some(status) = self.choice(status_text, "partnership status", STATUSES) {
                    states.push(PartnershipState {
                        status,
                        from: self.date(&state.from, "partnership date"),
                    });
                }
            }
            if input.status.is_none() && input.states.is_empty() {
                // Nothing is invented: the genogram draws it as "relationship not recorded".
                self.note(
                    input.at,
                    format!(
                        "The partnership of {} and {} has no status; it is drawn as \"relationship not recorded\".",
                        self.name_of(&partners[0].0),
                        self.name_of(&partners[1].0)
                    ),
                    "Add `status:` (married, cohabiting, dating …) if it is known.",
                );
            }
            self.check_state_order(&states, input);
            partnerships.push(Partnership {
                id,
                partners,
                states,
            });
        }
        partnerships
    }

    fn check_state_order(&mut self, states: &[PartnershipState], input: &PartnershipInput) {
        let mut previous: Option<PartialDate> = None;
        for (state, input_state) in states.iter().zip(input.states.iter()) {
            if let (Some(before), Some(from)) = (previous, state.from)
                && from.end() < before.start()
            {
                self.problem(
                        input_state.from.as_ref().map_or(input_state.at, |f| f.at),
                        format!("This partnership state ({from}) is dated before the state above it ({before})."),
                        "List the states in the order they happened, or correct the date.",
                    );
            }
            previous = state.from.or(previous);
        }
    }

    /// Two different people, for partnerships and relationships.
    fn pair(
        &mut self,
        texts: &[Text],
        at: Location,
        what: &str,
        field: &str,
    ) -> Option<[PersonId; 2]> {
        if texts.len() != 2 {
            self.problem(
                texts.first().map_or(at, |t| t.at),
                format!(
                    "A {what} needs exactly two people in `{field}`, but this one has {}.",
                    texts.len()
                ),
                format!("Write `{field}: [first-id, second-id]`."),
            );
            return None;
        }
        let first = self.person_ref(&texts[0], "person");
        let second = self.person_ref(&texts[1], "person");
        let (first, second) = (first?, second?);
        if first == second {
            self.problem(
                texts[1].at,
                format!("This {what} names {} twice.", self.name_of(&first.0)),
                "Name the two different people it is between.",
            );
            return None;
        }
        Some([first, second])
    }

    fn twins(&mut self, file: &CaseFile) -> Vec<MultipleBirth> {
        let mut births = Vec::new();
        for input in &file.twins {
            if input.children.len() < 2 {
                self.problem(
                    input.at,
                    "Twins need at least two children in `children`.".into(),
                    "List every child of the birth: `children: [ben, cal]`.",
                );
                continue;
            }
            let children: Option<Vec<PersonId>> = input
                .children
                .iter()
                .map(|c| self.person_ref(c, "twin"))
                .collect();
            let zygosity = input
                .zygosity
                .as_ref()
                .and_then(|z| self.choice(z, "zygosity", ZYGOSITIES))
                .unwrap_or(Zygosity::Unknown);
            if let Some(children) = children {
                births.push(MultipleBirth { children, zygosity });
            }
        }
        births
    }

    fn relationships(&mut self, file: &CaseFile) -> Vec<Relationship> {
        let mut relationships = Vec::new();
        for input in &file.relationships {
            let pair = self.pair(&input.between, input.at, "relationship", "between");
            let Some(kind_text) = &input.kind else {
                self.problem(
                    input.at,
                    "This relationship has no `kind`.".into(),
                    "Add `kind:` (close, conflict, domestic-abuse …).",
                );
                continue;
            };
            let kind = self.choice(kind_text, "relationship kind", RELATIONSHIP_KINDS);
            let span = self.span(&input.from, &input.to, "relationship");
            let (Some(mut between), Some(kind)) = (pair, kind) else {
                continue;
            };
            if let Some(by) = &input.by {
                if !kind.is_directed() {
                    self.note(
                        by.at,
                        format!(
                            "A \"{}\" relationship has no direction, so `by` is not used.",
                            kind_text.value.trim()
                        ),
                        "Remove `by`, or choose a kind with a direction.",
                    );
                }
                match self.person_ref(by, "person in `by`") {
                    Some(id) if id == between[1] => between.swap(0, 1),
                    Some(id) if id == between[0] => {}
                    Some(id) => self.problem(
                        by.at,
                        format!(
                            "`by` names {}, who is not one of the two people in `between`.",
                            self.name_of(&id.0)
                        ),
                        "Name one of the two people the relationship is between.",
                    ),
                    None => {}
                }
            }
            relationships.push(Relationship {
                between,
                kind,
                directed: kind.is_directed(),
                span,
                note: self.text(&input.note, "note"),
            });
        }
        relationships
    }

    fn households(&mut self, file: &CaseFile) -> Vec<Household> {
        let mut households = Vec::new();
        let mut ids = BTreeSet::new();
        for (i, input) in file.households.iter().enumerate() {
            let name = self
                .text(&input.name, "household name")
                .unwrap_or_else(|| format!("Household {}", i + 1));
            let mut id = input
                .id
                .as_ref()
                .map(|t| t.value.trim().to_string())
                .unwrap_or_else(|| format!("household-{}", i + 1));
            while !ids.insert(id.clone()) {
                id.push('+');
            }
            let mut members = Vec::new();
            for member in &input.members {
                let (person, span, at) = match member {
                    MemberInput::Throughout(text) => (Some(text), Span::ALWAYS, text.at),
                    MemberInput::Dated(dated) => (
                        dated.person.as_ref(),
                        self.span(&dated.from, &dated.to, "household membership"),
                        dated.at,
                    ),
                };
                let Some(person) = person else {
                    self.problem(
                        at,
                        "This household member has no `person`.".into(),
                        "Add `person:` with the id of the member.",
                    );
                    continue;
                };
                if let Some(person) = self.member_ref(person, &name) {
                    members.push(Membership { person, span });
                }
            }
            households.push(Household { id, name, members });
        }
        households
    }

    /// A household member must be a person in the file.
    fn member_ref(&mut self, text: &Text, household: &str) -> Option<PersonId> {
        let id = text.value.trim();
        if self.ids.contains_key(id) {
            return Some(PersonId(id.to_string()));
        }
        let help = self.closest_id(id);
        self.problem(
            text.at,
            format!("The household \"{}\" lists \"{}\" as a member, but they are not a person in the file.", clip(household), clip(id)),
            help,
        );
        None
    }

    fn audiences(&mut self, file: &CaseFile) -> Vec<Audience> {
        let mut audiences: Vec<Audience> = Vec::new();
        for input in &file.audiences {
            let Some(name) = self.text(&input.name, "audience name") else {
                self.problem(
                    input.at,
                    "This audience has no `name`.".into(),
                    "Add `name:` such as court, family or life-story.",
                );
                continue;
            };
            if audiences.iter().any(|a| a.name == name) {
                self.problem(
                    input.at,
                    format!("There are two audiences named \"{}\".", clip(&name)),
                    "Merge them into one.",
                );
                continue;
            }
            let mut disclose = Vec::new();
            for person in &input.people {
                let Some(id) = person
                    .person
                    .as_ref()
                    .and_then(|p| self.person_ref(p, "person"))
                else {
                    if person.person.is_none() {
                        self.problem(
                            person.at,
                            "This entry of the audience has no `person`.".into(),
                            "Add `person:` with an id.",
                        );
                    }
                    continue;
                };
                let show = person
                    .show
                    .as_ref()
                    .and_then(|s| self.choice(s, "way to show a person", SHOWS));
                let disclosure = match show {
                    Some(Show::Initials) => Disclosure::Initials,
                    Some(Show::Role) | None => match self.text(&person.role, "role") {
                        Some(role) => Disclosure::Role(role),
                        None => {
                            self.problem(
                                person.at,
                                format!("{} is to be shown by role to \"{}\", but no `role` is given.", self.name_of(&id.0), clip(&name)),
                                "Add `role:` (for example `role: Foster carer`), or write `show: initials`.",
                            );
                            continue;
                        }
                    },
                };
                disclose.push((id, disclosure));
            }
            let hide = input
                .hide
                .iter()
                .filter_map(|h| self.choice(h, "field to hide", HIDDEN_FIELDS))
                .collect();
            audiences.push(Audience {
                name,
                disclose,
                hide,
            });
        }
        audiences
    }

    fn entries(
        &mut self,
        file: &CaseFile,
        details: &CaseDetails,
        audiences: &[Audience],
    ) -> Vec<Entry> {
        let mut numbers: BTreeMap<u32, Location> = BTreeMap::new();
        let mut entries = Vec::new();
        let mut unnumbered = Vec::new();
        for input in &file.entries {
            let number = input
                .number
                .as_ref()
                .and_then(|n| match n.value.trim().parse::<u32>() {
                    Ok(number) if number > 0 => {
                        if let Some(first) = numbers.get(&number) {
                            self.problem(
                                n.at,
                                format!(
                                    "Entry number {number} is also used on line {}.",
                                    first.line
                                ),
                                "Give each entry its own number.",
                            );
                        } else {
                            numbers.insert(number, n.at);
                        }
                        Some(number)
                    }
                    _ => {
                        self.problem(
                            n.at,
                            format!(
                                "The entry number \"{}\" is not a whole number from 1 up.",
                                clip(&n.value)
                            ),
                            "Write the serial number, such as `number: 47`.",
                        );
                        None
                    }
                });
            if let Some(entry) = self.entry(input, details, audiences) {
                if number.is_none() {
                    unnumbered.push(entries.len());
                }
                entries.push(Entry {
                    number: number.unwrap_or(0),
                    ..entry
                });
            }
        }
        // Entries without numbers follow the highest number given, in file order.
        let mut next = numbers.keys().next_back().copied().unwrap_or(0);
        for index in unnumbered {
            next += 1;
            entries[index].number = next;
        }
        entries
    }

    fn entry(
        &mut self,
        input: &EntryInput,
        details: &CaseDetails,
        audiences: &[Audience],
    ) -> Option<Entry> {
        let date = match &input.date {
            Some(_) => self.date(&input.date, "entry date"),
            None => {
                self.problem(
                    input.at,
                    "This entry has no `date`.".into(),
                    "Add `date:`; if only the year is known write `date: 2019`, or `about 2019`.",
                );
                None
            }
        };
        let end = self.date(&input.end, "end of the entry");
        if let (Some(start), Some(end), Some(end_text)) = (date, end, &input.end)
            && end.end() < start.start()
        {
            self.problem(
                end_text.at,
                format!("This entry ends ({end}) before it starts ({start})."),
                "Check the two dates: one of them is probably mistyped.",
            );
        }
        let event = self.text(&input.event, "event");
        if event.is_none() {
            self.problem(
                input.at,
                "This entry has no `event`.".into(),
                "Add `event:` with a short factual headline of what happened.",
            );
        }
        let source = self.text(&input.source, "source");
        if source.is_none() && event.is_some() {
            self.note(input.at, "This entry has no `source`.".into(), "Courts expect every entry to say who recorded it: add `source:` (agency and record).");
        }
        let time = input.time.as_ref().and_then(|t| self.time(t));
        let children = self.entry_children(&input.children, details);
        let impacts = self.impacts(input, &children);
        let people = self.involvements(&input.people);
        let mut entry_audiences = Vec::new();
        for name in &input.audience {
            let name_text = name.value.trim().to_string();
            if !audiences.is_empty() && !audiences.iter().any(|a| a.name == name_text) {
                let known: Vec<&str> = audiences.iter().map(|a| a.name.as_str()).collect();
                let help = match crate::input::read::nearest(&name_text, &known) {
                    Some(close) => format!("Did you mean \"{close}\"?"),
                    None => format!("The audiences in this file are: {}.", known.join(", ")),
                };
                self.problem(
                    name.at,
                    format!(
                        "This entry is for the audience \"{}\", which is not in `audiences`.",
                        clip(&name_text)
                    ),
                    help,
                );
            } else {
                entry_audiences.push(name_text);
            }
        }
        Some(Entry {
            number: 0,
            date: date?,
            end,
            time,
            children,
            event: event?,
            category: self
                .text(&input.category, "category")
                .map(|c| category_key(&c))
                .unwrap_or_else(|| "other".into()),
            factors: input
                .factors
                .iter()
                .filter_map(|f| self.text(&Some(f.clone()), "factor"))
                .collect(),
            source: source.unwrap_or_default(),
            reference: self.text(&input.reference, "reference"),
            impacts,
            action: self.text(&input.action, "action"),
            significance: input
                .significance
                .as_ref()
                .and_then(|s| self.choice(s, "significance", SIGNIFICANCES)),
            status: input
                .status
                .as_ref()
                .and_then(|s| self.choice(s, "status", ENTRY_STATUSES))
                .unwrap_or(EntryStatus::Agreed),
            status_note: self.text(&input.status_note, "status note"),
            people,
            voice: self.text(&input.voice, "child's voice"),
            audiences: entry_audiences,
        })
    }

    fn time(&mut self, text: &Text) -> Option<(u32, u32)> {
        let parsed = text.value.trim().split_once(':').and_then(|(h, m)| {
            let (h, m) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
            (h < 24 && m < 60).then_some((h, m))
        });
        if parsed.is_none() {
            self.problem(
                text.at,
                format!("The time \"{}\" is not a time of day.", clip(&text.value)),
                "Write it as 23:40, in quotes: `time: \"23:40\"`.",
            );
        }
        parsed
    }

    /// The children an entry concerns: the ones it names, which must be subject children, or
    /// all subject children.
    fn entry_children(&mut self, texts: &[Text], details: &CaseDetails) -> Vec<PersonId> {
        if texts.is_empty() {
            return details.subjects.clone();
        }
        let mut children = Vec::new();
        for text in texts {
            let Some(id) = self.person_ref(text, "child") else {
                continue;
            };
            if !self.subjects.contains(&id.0) {
                self.problem(
                    text.at,
                    format!("This entry is about {}, who is not one of the case's subject children.", self.name_of(&id.0)),
                    "Add them to `children` in the `case` section, or name them in the entry's `people` instead.",
                );
                continue;
            }
            children.push(id);
        }
        children
    }

    fn impacts(&mut self, input: &EntryInput, children: &[PersonId]) -> Vec<Impact> {
        let valence = input
            .valence
            .as_ref()
            .and_then(|v| self.choice(v, "valence", VALENCES))
            .unwrap_or(Valence::Neutral);
        match &input.impact {
            None => Vec::new(),
            Some(ImpactInput::ForAll(text)) => self
                .text(&Some(text.clone()), "impact")
                .map(|text| {
                    vec![Impact {
                        child: None,
                        text,
                        valence,
                    }]
                })
                .unwrap_or_default(),
            Some(ImpactInput::PerChild(list)) => list
                .iter()
                .filter_map(|item| {
                    let child = item
                        .child
                        .as_ref()
                        .and_then(|c| self.person_ref(c, "child"));
                    if let (Some(child), Some(text)) = (&child, &item.child)
                        && !children.contains(child)
                    {
                        self.problem(
                            text.at,
                            format!(
                                "This impact is on {}, but the entry is not about them.",
                                self.name_of(&child.0)
                            ),
                            "Add them to the entry's `children`, or correct the id.",
                        );
                    }
                    let text = self.text(&item.text, "impact");
                    if text.is_none() {
                        self.problem(
                            item.at,
                            "This impact has no `text`.".into(),
                            "Add `text:` saying what the impact on the child was.",
                        );
                    }
                    let valence = item
                        .valence
                        .as_ref()
                        .and_then(|v| self.choice(v, "valence", VALENCES))
                        .unwrap_or(valence);
                    Some(Impact {
                        child: Some(child?),
                        text: text?,
                        valence,
                    })
                })
                .collect(),
        }
    }

    fn involvements(&mut self, list: &[InvolvementInput]) -> Vec<Involvement> {
        list.iter()
            .filter_map(|item| match item {
                InvolvementInput::Plain(text) => self
                    .person_ref(text, "person")
                    .map(|person| Involvement { person, role: None }),
                InvolvementInput::WithRole(with_role) => {
                    let Some(person) = &with_role.person else {
                        self.problem(
                            with_role.at,
                            "This person in the entry has no `person` id.".into(),
                            "Add `person:` with their id.",
                        );
                        return None;
                    };
                    let person = self.person_ref(person, "person")?;
                    Some(Involvement {
                        person,
                        role: self.text(&with_role.role, "role"),
                    })
                }
            })
            .collect()
    }

    fn periods(&mut self, file: &CaseFile, details: &CaseDetails) -> Vec<StatusPeriod> {
        let mut periods = Vec::new();
        for input in &file.periods {
            let Some(kind_text) = &input.kind else {
                self.problem(
                    input.at,
                    "This period has no `kind`.".into(),
                    "Add `kind:` (child-protection-plan, placement, school …).",
                );
                continue;
            };
            let kind = self.choice(kind_text, "period kind", PERIOD_KINDS);
            if input.from.is_none() {
                self.problem(
                    input.at,
                    "This period has no `from` date.".into(),
                    "Add `from:` with the date it started (2019, 2019-03 or 2019-03-14).",
                );
            }
            let span = self.span(&input.from, &input.to, "period");
            let children = self.entry_children(&input.children, details);
            let (Some(kind), Some(start)) = (kind, span.from) else {
                continue;
            };
            periods.push(StatusPeriod {
                kind,
                detail: self.text(&input.detail, "detail"),
                children,
                period: Period {
                    start,
                    end: span.to,
                },
            });
        }
        periods
    }
}

/// A person's name for messages: their name, or their id when they have none.
fn display(name: &str, id: &str) -> String {
    if name.is_empty() {
        id.to_string()
    } else {
        name.to_string()
    }
}
