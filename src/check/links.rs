//! Links between people: parents, partnerships and their states, multiple births, and
//! other relationships.

use super::Checker;
use super::values::*;
use crate::diagnostic::{Location, clip};
use crate::input::case_file::*;
use crate::model::*;
use std::collections::BTreeMap;

impl Checker {
    /// Every child's parentage: the parents it is drawn under, then its other parents.
    pub(super) fn parentage(&mut self, file: &CaseFile) -> Vec<Parentage> {
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

    pub(super) fn parent_list(
        &mut self,
        texts: &[Text],
        child: &PersonId,
    ) -> Option<Vec<PersonId>> {
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

    pub(super) fn partnerships(&mut self, file: &CaseFile) -> Vec<Partnership> {
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
                    self.missing(
                        state.at,
                        "partnership state",
                        "status",
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

    pub(super) fn check_state_order(
        &mut self,
        states: &[PartnershipState],
        input: &PartnershipInput,
    ) {
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
    pub(super) fn pair(
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

    pub(super) fn twins(&mut self, file: &CaseFile) -> Vec<MultipleBirth> {
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

    pub(super) fn relationships(&mut self, file: &CaseFile) -> Vec<Relationship> {
        let mut relationships = Vec::new();
        for input in &file.relationships {
            let pair = self.pair(&input.between, input.at, "relationship", "between");
            let Some(kind_text) = &input.kind else {
                self.missing(
                    input.at,
                    "relationship",
                    "kind",
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
}
