//! Family records (`FAM`): the partners, the children, and the partnership's states.

use super::individuals::ChildOf;
use super::tree::{Node, Version};
use super::{Importer, text};
use crate::diagnostic::Location;
use crate::input::case_file::{StateInput, Text};
use crate::model::PartialDate;
use chrono::NaiveDate;

/// A family: a couple (or one parent) and their children.
#[derive(Debug, Default)]
pub(super) struct Family {
    pub(super) at: Location,
    pub(super) husband: Option<(String, Location)>,
    pub(super) wife: Option<(String, Location)>,
    pub(super) children: Vec<ChildOf>,
    pub(super) states: Vec<FamilyState>,
}

#[derive(Debug)]
pub(super) struct FamilyState {
    pub(super) status: &'static str,
    /// Orders undated states the way a partnership moves through them.
    pub(super) rank: u8,
    pub(super) from: Option<Text>,
    pub(super) at: Location,
}

impl Importer {
    pub(super) fn family(&mut self, record: Node) {
        let mut family = Family {
            at: record.at,
            ..Family::default()
        };
        for child in &record.children {
            match child.tag.as_str() {
                "HUSB" | "WIFE" => {
                    self.unused_children(child, &[]);
                    if !child.pointer || (child.value == "VOID" && self.version == Version::V7) {
                        continue;
                    }
                    let partner = (self.key(&child.value), child.value_at);
                    let slot = if child.tag == "HUSB" {
                        &mut family.husband
                    } else {
                        &mut family.wife
                    };
                    if slot.is_none() {
                        *slot = Some(partner);
                    } else {
                        self.note(
                            child.at,
                            "This family has a second partner on the same side; only the first \
                             was imported.",
                        );
                    }
                }
                "CHIL" => {
                    if let Some(link) = self.child_of(child) {
                        // CHIL points at a person; the family is this record.
                        family.children.push(ChildOf {
                            family: link.family,
                            pedigree: link.pedigree,
                            at: link.at,
                        });
                    }
                }
                "ENGA" => self.family_state(&mut family, child, "engaged", 0),
                "MARR" => self.family_state(&mut family, child, "married", 1),
                "DIVF" => self.family_state(&mut family, child, "separated", 2),
                "DIV" => self.family_state(&mut family, child, "divorced", 3),
                "ANUL" => {
                    self.note(
                        child.at,
                        "The annulment was imported as \"divorced\": genochron has no \
                         \"annulled\" state.",
                    );
                    self.family_state(&mut family, child, "divorced", 3)
                }
                "CHAN" | "RIN" | "REFN" | "_UID" | "UID" | "EXID" | "SUBM" => self.drop(
                    "record-keeping details (change dates, record numbers)".into(),
                    child.at,
                ),
                _ => self.drop_tag(child),
            }
        }
        let Some(xref) = record.xref else {
            self.note(
                record.at,
                "This family has no id (\"0 @F1@ FAM\"); it was read from its own lines only.",
            );
            self.family_order.push(format!("#{}", record.at.line));
            self.families.insert(format!("#{}", record.at.line), family);
            return;
        };
        let key = self.key(&xref);
        self.family_order.push(key.clone());
        self.families.insert(key, family);
    }

    pub(super) fn family_state(
        &mut self,
        family: &mut Family,
        event: &Node,
        status: &'static str,
        rank: u8,
    ) {
        let what = match status {
            "engaged" => "engagement date",
            "married" => "marriage date",
            "separated" => "divorce filing date",
            _ => "divorce date",
        };
        let value = event.value.trim();
        if value.eq_ignore_ascii_case("N") {
            // "MARR N": the file says it did not happen.
            self.unused_children(event, &[]);
            return;
        }
        let from = match event.child("DATE") {
            Some(node) => self.date(node, what),
            None => None,
        };
        self.unused_children(event, &["DATE"]);
        family.states.push(FamilyState {
            status,
            rank,
            from,
            at: event.at,
        });
    }
}

/// A partnership's states in the order they happened: by date when every state has one,
/// otherwise in the order a partnership moves through them.
pub(super) fn family_states(states: &[FamilyState]) -> Vec<StateInput> {
    let mut ordered: Vec<&FamilyState> = states.iter().collect();
    let dates: Option<Vec<NaiveDate>> = ordered
        .iter()
        .map(|s| {
            s.from
                .as_ref()
                .and_then(|d| PartialDate::parse(&d.value).ok())
                .map(|d| d.sort_key())
        })
        .collect();
    match dates {
        Some(_) => ordered.sort_by_key(|s| {
            s.from
                .as_ref()
                .and_then(|d| PartialDate::parse(&d.value).ok())
                .map(|d| d.sort_key())
        }),
        None => ordered.sort_by_key(|s| s.rank),
    }
    ordered
        .into_iter()
        .map(|s| StateInput {
            status: Some(text(s.status, s.at)),
            from: s.from.clone(),
            at: s.at,
        })
        .collect()
}
