//! Audiences: who a redacted version is for, and what they may not see.

use super::Checker;
use super::values::*;
use crate::diagnostic::clip;
use crate::input::case_file::*;
use crate::model::*;

impl Checker {
    pub(super) fn audiences(&mut self, file: &CaseFile) -> Vec<Audience> {
        let mut audiences: Vec<Audience> = Vec::new();
        for input in &file.audiences {
            let Some(name) = self.text(&input.name, "audience name") else {
                self.missing(
                    input.at,
                    "audience",
                    "name",
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
                        self.missing(
                            person.at,
                            "entry of the audience",
                            "person",
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
            let views = self.audience_views(input, &name);
            let categories = self.audience_categories(input, &name);
            let accept = self.acceptances(input);
            audiences.push(Audience {
                name,
                disclose,
                hide,
                views,
                categories,
                accept,
            });
        }
        audiences
    }
}
