//! The case's own details: title, reference, the "as at" date and the subject children.

use super::{Checker, Source};
use crate::input::case_file::*;
use crate::model::*;

impl Checker {
    pub(super) fn details(&mut self, file: &CaseFile, source: &Source) -> CaseDetails {
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
            withheld_spans: Vec::new(),
            statement: section.statement.as_ref().and_then(|s| self.statement(s)),
            cut: None,
        }
    }

    /// The statement of truth: its words and the name of who signs it are needed; a date,
    /// when given, is a whole day.
    fn statement(&mut self, input: &StatementInput) -> Option<Statement> {
        let text = self.text(&input.text, "statement of truth");
        let name = self.text(&input.name, "name of who signs the statement");
        let role = self.text(&input.role, "role of who signs the statement");
        let date = input
            .date
            .as_ref()
            .and_then(|_| self.day(&input.date, "date of the statement"));
        if text.is_none() {
            self.problem(
                input.at,
                "The statement of truth has no `text`.".to_string(),
                "Add `text:` with the words of the statement as the court's rules give them.",
            );
        }
        if name.is_none() {
            self.problem(
                input.at,
                "The statement of truth does not say who signs it.".to_string(),
                "Add `name:` with the name of the person signing it.",
            );
        }
        Some(Statement {
            text: text?,
            name: name?,
            role,
            date,
        })
    }
}
