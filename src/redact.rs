//! Redaction: the version of a case one audience may see, made before anything is laid out.
//!
//! Redaction works on the model, not on drawings, so that no later stage can leak what it never
//! received: not a label, a tooltip, an element id, a bookmark or document metadata. The
//! redacted case differs from the original in these ways:
//!
//! - people the audience may know only by initials or by role carry that as their name, and
//!   their names (full name, known-as name, first name, and a surname no one else shown by
//!   name shares) are replaced in every piece of free text in the case; their address,
//!   birth date, school and notes go too, as any of them could identify them;
//! - hidden fields (address, birth date, school, notes) are removed from every person, and the
//!   removed values are also replaced wherever they were copied into free text;
//! - entries whose `audience` list does not name the audience are left out;
//! - person and household ids become neutral (`p1`, `p2`, … and `h1`, … in file order), because
//!   case-file ids are usually made from names and end up in element ids.
//!
//! The source hash stays, so a redacted copy can still be matched to its case file.

use crate::model::{
    Audience, Case, Disclosure, HiddenField, PartialDate, Person, PersonId, Precision, Span,
};
use chrono::Datelike;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;

/// Why a redacted version could not be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RedactError {
    /// The audience is not declared in the case file and no entry names it.
    UnknownAudience {
        name: String,
        /// The audiences the case does know, sorted.
        known: Vec<String>,
    },
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
        }
    }
}

impl std::error::Error for RedactError {}

/// The words put in place of removed values found inside free text.
const ADDRESS_WITHHELD: &str = "[address withheld]";
const SCHOOL_WITHHELD: &str = "[school withheld]";
const BIRTH_DATE_WITHHELD: &str = "[date of birth withheld]";
const NOTE_WITHHELD: &str = "[withheld]";
/// The source file name shown when the real one would give a name away.
const NEUTRAL_SOURCE_NAME: &str = "case file";

/// The case as `audience` may see it. See the module documentation for what changes.
///
/// An audience is known when the case declares it under `audiences` or any entry names it in
/// its `audience` list; an entry-only audience withholds entries but discloses every person.
pub fn redact(case: &Case, audience: &str) -> Result<Case, RedactError> {
    let declared = case.audiences.iter().find(|a| a.name == audience);
    let named_by_entry = case
        .entries
        .iter()
        .any(|e| e.audiences.iter().any(|a| a == audience));
    let rules = match declared {
        Some(rules) => rules.clone(),
        None if named_by_entry => Audience {
            name: audience.to_string(),
            disclose: Vec::new(),
            hide: Vec::new(),
        },
        None => {
            let known: BTreeSet<String> = case
                .audiences
                .iter()
                .map(|a| a.name.clone())
                .chain(
                    case.entries
                        .iter()
                        .flat_map(|e| e.audiences.iter().cloned()),
                )
                .collect();
            return Err(RedactError::UnknownAudience {
                name: audience.to_string(),
                known: known.into_iter().collect(),
            });
        }
    };
    Ok(Redaction::new(case, &rules).apply(case))
}

/// What one audience's rules mean for one case, worked out once.
struct Redaction {
    /// Old person id → neutral id.
    ids: BTreeMap<PersonId, PersonId>,
    /// Old household id → neutral id.
    households: BTreeMap<String, String>,
    /// How each disclosed person is shown, by old id.
    shown_as: BTreeMap<PersonId, String>,
    hide: BTreeSet<HiddenField>,
    /// Text to find in free text and what replaces it, longest first.
    replacements: Vec<(String, String)>,
    /// Birth dates known to the day that the audience may not see.
    hidden_birth_dates: BTreeSet<chrono::NaiveDate>,
    audience: String,
}

impl Redaction {
    fn new(case: &Case, rules: &Audience) -> Redaction {
        let ids = case
            .people
            .iter()
            .enumerate()
            .map(|(i, p)| (p.id.clone(), PersonId(format!("p{}", i + 1))))
            .collect();
        let households = case
            .households
            .iter()
            .enumerate()
            .map(|(i, h)| (h.id.clone(), format!("h{}", i + 1)))
            .collect();
        let hide: BTreeSet<HiddenField> = rules.hide.iter().copied().collect();

        let mut shown_as = BTreeMap::new();
        for (id, disclosure) in &rules.disclose {
            let Some(person) = case.person(id) else {
                continue;
            };
            let label = match disclosure {
                Disclosure::Initials => initials(person),
                Disclosure::Role(role) => role.clone(),
            };
            shown_as.insert(id.clone(), label);
        }

        let mut replacements: BTreeMap<String, String> = BTreeMap::new();
        // Surnames shared with someone still shown by name are left alone: replacing them
        // would garble that person's name without hiding anyone.
        let open_words: BTreeSet<&str> = case
            .people
            .iter()
            .filter(|p| !shown_as.contains_key(&p.id))
            .flat_map(|p| p.name.split_whitespace())
            .collect();
        for person in case.people.iter() {
            let Some(label) = shown_as.get(&person.id) else {
                continue;
            };
            for needle in name_forms(person, &open_words) {
                replacements.entry(needle).or_insert_with(|| label.clone());
            }
        }
        let mut hidden_birth_dates = BTreeSet::new();
        for person in case.people.iter() {
            let disclosed = shown_as.contains_key(&person.id);
            if let Some(address) = &person.address
                && (disclosed || hide.contains(&HiddenField::Address))
            {
                add_value(&mut replacements, address, ADDRESS_WITHHELD);
            }
            if let Some(school) = &person.school
                && (disclosed || hide.contains(&HiddenField::School))
            {
                add_value(&mut replacements, school, SCHOOL_WITHHELD);
            }
            if disclosed || hide.contains(&HiddenField::Notes) {
                for note in &person.notes {
                    add_value(&mut replacements, note, NOTE_WITHHELD);
                }
            }
            if let Some(born) = &person.born
                && (disclosed || hide.contains(&HiddenField::BirthDate))
            {
                add_value(&mut replacements, &born.to_case_text(), BIRTH_DATE_WITHHELD);
                add_value(&mut replacements, &born.to_string(), BIRTH_DATE_WITHHELD);
                if born.precision() == Precision::Day {
                    let day = born.start();
                    hidden_birth_dates.insert(day);
                    for written in [
                        day.format("%d/%m/%Y").to_string(),
                        day.format("%-d %B %Y").to_string(),
                        day.format("%-d %b %Y").to_string(),
                    ] {
                        add_value(&mut replacements, &written, BIRTH_DATE_WITHHELD);
                    }
                }
            }
        }
        let mut replacements: Vec<(String, String)> = replacements.into_iter().collect();
        // Longest first, so "Joan Smith" wins over "Joan"; then by text for a stable order.
        replacements.sort_by(|a, b| b.0.len().cmp(&a.0.len()).then_with(|| a.0.cmp(&b.0)));

        Redaction {
            ids,
            households,
            shown_as,
            hide,
            replacements,
            hidden_birth_dates,
            audience: rules.name.clone(),
        }
    }

    fn id(&self, id: &PersonId) -> PersonId {
        // Every id in a checked case resolves; an id that does not still must not leak.
        self.ids
            .get(id)
            .cloned()
            .unwrap_or_else(|| PersonId("unknown".to_string()))
    }

    fn text(&self, text: &str) -> String {
        replace_all(text, &self.replacements)
    }

    fn optional(&self, text: &Option<String>) -> Option<String> {
        text.as_ref().map(|t| self.text(t))
    }

    /// A birth date hidden from the audience must not be readable from an entry dated that
    /// day either ("Amy was born"), so such dates are shown to the month only.
    fn date(&self, date: PartialDate) -> PartialDate {
        if date.precision() != Precision::Day || !self.hidden_birth_dates.contains(&date.start()) {
            return date;
        }
        let day = date.start();
        PartialDate::month(day.year(), day.month())
            .map(|d| d.qualified(date.qualifier()))
            .unwrap_or(date)
    }

    fn span(&self, span: &Span) -> Span {
        Span {
            from: span.from.map(|d| self.date(d)),
            to: span.to.map(|d| self.date(d)),
        }
    }

    fn person(&self, person: &Person) -> Person {
        let disclosed = self.shown_as.get(&person.id);
        let hidden = |field| disclosed.is_some() || self.hide.contains(&field);
        let mut out = person.clone();
        out.id = self.id(&person.id);
        if let Some(label) = disclosed {
            out.name = label.clone();
            out.known_as = None;
        } else {
            out.name = self.text(&person.name);
            out.known_as = self.optional(&person.known_as);
        }
        out.role = self.optional(&person.role);
        if hidden(HiddenField::BirthDate) {
            out.born = None;
        }
        out.died = person.died.map(|d| self.date(d));
        out.address = if hidden(HiddenField::Address) {
            None
        } else {
            self.optional(&person.address)
        };
        out.school = if hidden(HiddenField::School) {
            None
        } else {
            self.optional(&person.school)
        };
        out.notes = if hidden(HiddenField::Notes) {
            Vec::new()
        } else {
            person.notes.iter().map(|n| self.text(n)).collect()
        };
        out
    }

    fn apply(&self, case: &Case) -> Case {
        let mut out = case.clone();
        let details = &mut out.details;
        details.title = self.text(&case.details.title);
        details.reference = self.text(&case.details.reference);
        details.author = self.optional(&case.details.author);
        details.subjects = case.details.subjects.iter().map(|s| self.id(s)).collect();
        if self.text(&case.details.source_name) != case.details.source_name
            || self.names_in_lowercase(&case.details.source_name)
        {
            details.source_name = NEUTRAL_SOURCE_NAME.to_string();
        }

        out.people =
            crate::model::People::new(case.people.iter().map(|p| self.person(p)).collect());

        let mut partnership_ids = BTreeSet::new();
        for partnership in &mut out.partnerships {
            partnership.partners = [
                self.id(&partnership.partners[0]),
                self.id(&partnership.partners[1]),
            ];
            let base = format!("{}--{}", partnership.partners[0], partnership.partners[1]);
            let mut id = base.clone();
            let mut n = 2;
            while !partnership_ids.insert(id.clone()) {
                id = format!("{base}-{n}");
                n += 1;
            }
            partnership.id = id;
            for state in &mut partnership.states {
                state.from = state.from.map(|d| self.date(d));
            }
        }
        for parentage in &mut out.parentage {
            parentage.child = self.id(&parentage.child);
            parentage.parents = parentage.parents.iter().map(|p| self.id(p)).collect();
            parentage.span = self.span(&parentage.span);
        }
        for birth in &mut out.multiple_births {
            birth.children = birth.children.iter().map(|c| self.id(c)).collect();
        }
        for relationship in &mut out.relationships {
            relationship.between = [
                self.id(&relationship.between[0]),
                self.id(&relationship.between[1]),
            ];
            relationship.span = self.span(&relationship.span);
            relationship.note = self.optional(&relationship.note);
        }
        for household in &mut out.households {
            household.id = self
                .households
                .get(&household.id)
                .cloned()
                .unwrap_or_else(|| "household".to_string());
            household.name = self.text(&household.name);
            for member in &mut household.members {
                member.person = self.id(&member.person);
                member.span = self.span(&member.span);
            }
        }

        out.entries = case
            .entries
            .iter()
            .filter(|e| e.audiences.is_empty() || e.audiences.contains(&self.audience))
            .map(|entry| {
                let mut e = entry.clone();
                e.date = self.date(entry.date);
                e.end = entry.end.map(|d| self.date(d));
                e.children = entry.children.iter().map(|c| self.id(c)).collect();
                e.event = self.text(&entry.event);
                e.category = self.text(&entry.category);
                e.factors = entry.factors.iter().map(|f| self.text(f)).collect();
                e.source = self.text(&entry.source);
                e.reference = self.optional(&entry.reference);
                for impact in &mut e.impacts {
                    impact.child = impact.child.as_ref().map(|c| self.id(c));
                    impact.text = self.text(&impact.text);
                }
                e.action = self.optional(&entry.action);
                e.status_note = self.optional(&entry.status_note);
                for involvement in &mut e.people {
                    involvement.person = self.id(&involvement.person);
                    involvement.role = self.optional(&involvement.role);
                }
                e.voice = self.optional(&entry.voice);
                e.audiences = vec![self.audience.clone()];
                e
            })
            .collect();

        for period in &mut out.periods {
            period.children = period.children.iter().map(|c| self.id(c)).collect();
            period.detail = if period.kind == crate::model::PeriodKind::School
                && self.hide.contains(&HiddenField::School)
            {
                None
            } else {
                self.optional(&period.detail)
            };
            period.period.start = self.date(period.period.start);
            period.period.end = period.period.end.map(|d| self.date(d));
        }
        // Other audiences' rules are of no use downstream and name who is being protected.
        out.audiences = Vec::new();
        out
    }

    /// True if a disclosed person's name appears in `text` in any letter case, for file
    /// names such as `smith-family.yaml` where the usual word match is too strict.
    fn names_in_lowercase(&self, text: &str) -> bool {
        let text = text.to_lowercase();
        self.replacements
            .iter()
            .filter(|(_, replacement)| !replacement.starts_with('['))
            .any(|(needle, _)| {
                needle
                    .split_whitespace()
                    .any(|word| text.contains(&word.to_lowercase()))
            })
    }
}

/// "J. S." for Joan Smith; the known-as name's initials when there is no name.
fn initials(person: &Person) -> String {
    let source = if person.name.trim().is_empty() {
        person.known_as.as_deref().unwrap_or("")
    } else {
        person.name.as_str()
    };
    let letters: Vec<String> = source
        .split_whitespace()
        .filter_map(|word| word.chars().find(|c| c.is_alphanumeric()))
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect();
    if letters.is_empty() {
        "Unknown".to_string()
    } else {
        letters.join(" ")
    }
}

/// The ways free text may name a person: the full name, the known-as name, the first name,
/// and the surname when no one still shown by name has it.
fn name_forms(person: &Person, open_words: &BTreeSet<&str>) -> Vec<String> {
    let mut forms = Vec::new();
    let name = person.name.split_whitespace().collect::<Vec<_>>();
    if !name.is_empty() {
        forms.push(name.join(" "));
        forms.push(name[0].to_string());
        if name.len() > 1 {
            let surname = name[name.len() - 1];
            if !open_words.contains(surname) {
                forms.push(surname.to_string());
            }
        }
    }
    if let Some(known_as) = &person.known_as {
        let known_as = known_as.split_whitespace().collect::<Vec<_>>().join(" ");
        if !known_as.is_empty() {
            forms.push(known_as);
        }
    }
    // A one-letter "name" would eat every "A" in the text; initials are not secret.
    forms.retain(|f| f.chars().filter(|c| c.is_alphanumeric()).count() > 1);
    forms
}

fn add_value(replacements: &mut BTreeMap<String, String>, value: &str, replacement: &str) {
    let value = value.trim();
    if value.chars().filter(|c| c.is_alphanumeric()).count() > 1 {
        replacements
            .entry(value.to_string())
            .or_insert_with(|| replacement.to_string());
    }
}

/// Replaces every whole-word occurrence of each needle (as written, or in capitals) in one
/// pass, so replacement text is never searched again. `replacements` is longest first.
pub(crate) fn replace_all(text: &str, replacements: &[(String, String)]) -> String {
    if replacements.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    let mut previous: Option<char> = None;
    'scan: while let Some(c) = rest.chars().next() {
        let at_word_start = previous.is_none_or(|p| !is_word_char(p));
        if at_word_start {
            for (needle, replacement) in replacements {
                if let Some(len) = match_at(rest, needle)
                    && rest[len..].chars().next().is_none_or(|n| !is_word_char(n))
                {
                    out.push_str(replacement);
                    previous = rest[..len].chars().last();
                    rest = &rest[len..];
                    continue 'scan;
                }
            }
        }
        out.push(c);
        previous = Some(c);
        rest = &rest[c.len_utf8()..];
    }
    out
}

/// The byte length of `needle` at the start of `text` if it is there as written or in
/// capitals, with any run of white space in the text matching one space of the needle.
fn match_at(text: &str, needle: &str) -> Option<usize> {
    let exact = match_with(text, needle, |a, b| a == b);
    exact.or_else(|| {
        match_with(text, needle, |a, b| {
            a == b || b.to_uppercase().eq(std::iter::once(a))
        })
    })
}

fn match_with(text: &str, needle: &str, same: impl Fn(char, char) -> bool) -> Option<usize> {
    let mut t = text.char_indices().peekable();
    let mut n = needle.chars().peekable();
    while let Some(nc) = n.next() {
        if nc.is_whitespace() {
            while n.peek().is_some_and(|c| c.is_whitespace()) {
                n.next();
            }
            let (_, tc) = t.next()?;
            if !tc.is_whitespace() {
                return None;
            }
            while t.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                t.next();
            }
            continue;
        }
        let (_, tc) = t.next()?;
        if !same(tc, nc) {
            return None;
        }
    }
    Some(t.peek().map_or(text.len(), |(i, _)| *i))
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::*;
    use chrono::NaiveDate;

    fn day(y: i32, m: u32, d: u32) -> PartialDate {
        PartialDate::day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    fn person(id: &str, name: &str) -> Person {
        Person::new(id, name, Gender::Female)
    }

    fn entry(number: u32, event: &str, audiences: &[&str]) -> Entry {
        Entry {
            number,
            date: day(2020, 5, 1),
            end: None,
            time: None,
            children: vec![PersonId("amy".into())],
            event: event.into(),
            category: "placement".into(),
            factors: Vec::new(),
            source: "Children's services record".into(),
            reference: None,
            impacts: vec![Impact {
                child: Some(PersonId("amy".into())),
                text: "Amy settled well with Nana Joan.".into(),
                valence: Some(Valence::Positive),
            }],
            action: None,
            significance: None,
            status: EntryStatus::Agreed,
            status_note: None,
            people: vec![Involvement {
                person: PersonId("joan-smith".into()),
                role: Some("carer".into()),
            }],
            voice: Some("I like living with JOAN.".into()),
            audiences: audiences.iter().map(|a| a.to_string()).collect(),
        }
    }

    fn case() -> Case {
        let mut amy = person("amy", "Amy Mensah");
        amy.born = Some(day(2015, 3, 14));
        amy.school = Some("Oakfield Primary".into());
        amy.address = Some("12 Elm Road, Leeds".into());
        let mut joan = person("joan-smith", "Joan Smith");
        joan.born = Some(day(1961, 2, 9));
        joan.known_as = Some("Nana Joan".into());
        joan.address = Some("4 Birch Close, Otley".into());
        joan.notes = vec!["works at the bakery".into()];
        let sarah = person("sarah", "Sarah Mensah");
        Case {
            details: CaseDetails {
                reference: "LA-2024-17".into(),
                title: "Amy's placement with Joan Smith".into(),
                subjects: vec![PersonId("amy".into())],
                as_at: NaiveDate::from_ymd_opt(2024, 1, 1).unwrap(),
                source_hash: "abc123".into(),
                source_name: "smith-mensah.yaml".into(),
                ..Default::default()
            },
            people: People::new(vec![amy, joan, sarah]),
            partnerships: Vec::new(),
            parentage: vec![Parentage {
                child: PersonId("amy".into()),
                parents: vec![PersonId("sarah".into())],
                link: ChildLink::Biological,
                primary: true,
                span: Span::ALWAYS,
            }],
            multiple_births: Vec::new(),
            relationships: vec![Relationship {
                between: [PersonId("joan-smith".into()), PersonId("amy".into())],
                kind: RelationshipKind::Close,
                directed: false,
                span: Span::ALWAYS,
                note: Some("Joan collects Amy from Oakfield Primary".into()),
            }],
            households: vec![Household {
                id: "smith-home".into(),
                name: "Joan's home".into(),
                members: vec![Membership {
                    person: PersonId("amy".into()),
                    span: Span {
                        from: Some(day(2015, 3, 14)),
                        to: None,
                    },
                }],
            }],
            entries: vec![
                entry(1, "Amy moved to Joan Smith at 4 Birch Close, Otley.", &[]),
                entry(2, "Court only: Joan's assessment.", &["court"]),
                {
                    let mut born = entry(3, "Amy was born on 14/03/2015.", &[]);
                    born.date = day(2015, 3, 14);
                    born
                },
            ],
            periods: vec![StatusPeriod {
                kind: PeriodKind::School,
                detail: Some("Oakfield Primary".into()),
                children: vec![PersonId("amy".into())],
                period: Period {
                    start: day(2019, 9, 1),
                    end: None,
                },
            }],
            audiences: vec![Audience {
                name: "family".into(),
                disclose: vec![(
                    PersonId("joan-smith".into()),
                    Disclosure::Role("Kinship carer".into()),
                )],
                hide: vec![
                    HiddenField::Address,
                    HiddenField::BirthDate,
                    HiddenField::School,
                ],
            }],
        }
    }

    /// Every string in the redacted case, as one text to search.
    fn all_text(case: &Case) -> String {
        format!("{case:?}")
    }

    #[test]
    fn replaces_a_disclosed_persons_names_everywhere() {
        let out = redact(&case(), "family").unwrap();
        let text = all_text(&out);
        for secret in ["Joan", "JOAN", "Smith", "smith", "joan-smith"] {
            assert!(!text.contains(secret), "{secret} leaked: {text}");
        }
        let joan = out.people.iter().nth(1).unwrap();
        assert_eq!(joan.name, "Kinship carer");
        assert_eq!(
            (&joan.address, &joan.notes, joan.born),
            (&None, &vec![], None)
        );
        assert_eq!(
            out.entries[0].event,
            "Amy moved to Kinship carer at [address withheld]."
        );
        assert_eq!(
            out.entries[0].voice.as_deref(),
            Some("I like living with Kinship carer.")
        );
        assert_eq!(out.households[0].name, "Kinship carer's home");
        assert_eq!(out.details.title, "Amy's placement with Kinship carer");
        // Names shown to this audience stay: Amy and Sarah share "Mensah", never replaced.
        assert!(text.contains("Amy Mensah") && text.contains("Sarah Mensah"));
        assert_eq!(out.details.source_hash, "abc123");
    }

    #[test]
    fn hides_fields_and_their_copies_in_free_text() {
        let out = redact(&case(), "family").unwrap();
        let text = all_text(&out);
        for secret in [
            "Oakfield",
            "Elm Road",
            "Birch Close",
            "bakery",
            "2015-03-14",
            "14/03/2015",
        ] {
            assert!(!text.contains(secret), "{secret} leaked");
        }
        let amy = out.people.iter().next().unwrap();
        assert_eq!((amy.born, &amy.school, &amy.address), (None, &None, &None));
        assert_eq!(out.periods[0].detail, None);
        // The birth entry keeps its place in the chronology, dated only to the month.
        let born = out.entries.iter().find(|e| e.number == 3).unwrap();
        assert_eq!(born.date.to_string(), "Mar 2015");
        assert_eq!(born.event, "Amy was born on [date of birth withheld].");
        assert_eq!(
            out.households[0].members[0].span.from.unwrap().to_string(),
            "Mar 2015"
        );
    }

    #[test]
    fn withholds_entries_for_other_audiences() {
        let family = redact(&case(), "family").unwrap();
        let numbers: Vec<u32> = family.entries.iter().map(|e| e.number).collect();
        assert_eq!(numbers, vec![1, 3]);
        // "court" is named only by an entry: it sees that entry and every name.
        let court = redact(&case(), "court").unwrap();
        assert_eq!(court.entries.len(), 3);
        assert!(all_text(&court).contains("Joan Smith"));
    }

    #[test]
    fn makes_ids_neutral_and_keeps_references_whole() {
        let out = redact(&case(), "court").unwrap();
        let ids: Vec<&str> = out.people.iter().map(|p| p.id.as_str()).collect();
        assert_eq!(ids, vec!["p1", "p2", "p3"]);
        assert_eq!(out.details.subjects, vec![PersonId("p1".into())]);
        assert_eq!(out.parentage[0].parents, vec![PersonId("p3".into())]);
        assert_eq!(out.relationships[0].between[0], PersonId("p2".into()));
        assert_eq!(out.entries[0].people[0].person, PersonId("p2".into()));
        assert_eq!(out.entries[0].impacts[0].child, Some(PersonId("p1".into())));
        assert_eq!(out.households[0].id, "h1");
        assert!(out.audiences.is_empty());
        for id in out.people.iter().map(|p| &p.id) {
            assert!(out.person(id).is_some());
        }
    }

    #[test]
    fn refuses_an_unknown_audience_and_names_the_known_ones() {
        let error = redact(&case(), "press").unwrap_err();
        let message = error.to_string();
        assert!(message.contains("\"press\""), "{message}");
        assert!(message.contains("court, family"), "{message}");
    }

    #[test]
    fn initials_and_word_boundaries() {
        let mut c = case();
        c.audiences[0].disclose[0].1 = Disclosure::Initials;
        c.entries[0].event = "Joanna met Joan; JOAN'S sister Smithson called.".into();
        let out = redact(&c, "family").unwrap();
        assert_eq!(out.people.iter().nth(1).unwrap().name, "J. S.");
        assert_eq!(
            out.entries[0].event,
            "Joanna met J. S.; J. S.'S sister Smithson called."
        );
        assert_eq!(out.details.source_name, "case file");
    }

    proptest::proptest! {
        /// However the names are punctuated or capitalised in the text, no whole-word
        /// occurrence survives, and text without them is left exactly as it was.
        #[test]
        fn no_disclosed_name_survives_in_free_text(
            words in proptest::collection::vec(
                proptest::sample::select(vec![
                    "Joan", "JOAN", "Joan's", "(Joan)", "Joan.", "Smith", "Smith,", "Joan Smith",
                    "Joan\nSmith", "Nana Joan", "Nana", "Joanna", "Smithson", "saw", "with", "-",
                    "Amy", "Mensah", "4 Birch Close, Otley", "Oakfield Primary", "14/03/2015",
                ]),
                0..30,
            ),
            separator in proptest::sample::select(vec![" ", "  ", "\n", ", ", "; "]),
        ) {
            let mut c = case();
            let text = words.join(separator);
            c.entries[0].event = text.clone();
            let out = redact(&c, "family").unwrap();
            let event = &out.entries[0].event;
            for secret in ["Joan", "JOAN", "Smith", "Birch Close", "Oakfield", "14/03/2015"] {
                let whole_word = event.match_indices(secret).any(|(i, _)| {
                    let before = event[..i].chars().last();
                    let after = event[i + secret.len()..].chars().next();
                    before.is_none_or(|c| !is_word_char(c)) && after.is_none_or(|c| !is_word_char(c))
                });
                proptest::prop_assert!(!whole_word, "{secret} survived in {event:?} (from {text:?})");
            }
            let untouched = !["Joan", "JOAN", "Smith", "Birch", "Oakfield", "14/03"]
                .iter()
                .any(|s| text.contains(s));
            if untouched {
                proptest::prop_assert_eq!(event, &text);
            }
        }
    }
}
