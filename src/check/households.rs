//! Households and who lived in them, when.

use super::Checker;
use crate::diagnostic::clip;
use crate::input::case_file::*;
use crate::model::*;
use std::collections::BTreeSet;

impl Checker {
    pub(super) fn households(&mut self, file: &CaseFile) -> Vec<Household> {
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
                    self.missing(
                        at,
                        "household member",
                        "person",
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
    pub(super) fn member_ref(&mut self, text: &Text, household: &str) -> Option<PersonId> {
        let id = text.value.trim();
        if self.ids.contains_key(id) {
            return Some(PersonId(id.to_string()));
        }
        let help = self.closest_id(id, "household member");
        self.problem(
            text.at,
            format!("The household \"{}\" lists \"{}\" as a member, but they are not a person in the file.", clip(household), clip(id)),
            help,
        );
        None
    }
}
