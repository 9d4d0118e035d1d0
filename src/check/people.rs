//! People: ids, names, kinds, and their dates against each other and the "as at" date.

use super::values::*;
use super::{Checker, MAX_ID_CHARS};
use crate::diagnostic::{Location, clip};
use crate::input::case_file::*;
use crate::model::*;
use std::collections::BTreeMap;

impl Checker {
    pub(super) fn people(&mut self, file: &CaseFile, details: &CaseDetails) -> Vec<Person> {
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

    pub(super) fn person(&mut self, input: &PersonInput, id: String) -> Person {
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
            aliases: input
                .aliases
                .iter()
                .filter_map(|a| self.text(&Some(a.clone()), "alias"))
                .collect(),
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
                .filter_map(|n| self.dated_text(n, "note"))
                .collect(),
            role: input.role.as_ref().and_then(|r| self.dated_text(r, "role")),
            address: self.text(&input.address, "address"),
            school: self.text(&input.school, "school"),
            birth_date_withheld: false,
            id: PersonId(id),
        }
    }

    /// Notes for dates that make ages or the drawing surprising on the as-at date.
    pub(super) fn dates_against_as_at(
        &mut self,
        person: &Person,
        input: &PersonInput,
        details: &CaseDetails,
    ) {
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

    pub(super) fn person_kind(&mut self, input: &PersonInput, name: &str, id: &str) -> PersonKind {
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
}

/// A person's name for messages: their name, or their id when they have none.
pub(super) fn display(name: &str, id: &str) -> String {
    if name.is_empty() {
        id.to_string()
    } else {
        name.to_string()
    }
}
