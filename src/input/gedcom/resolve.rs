//! Resolving the links between records at the end of the file, and writing the case file.

use super::families::family_states;
use super::individuals::{ChildOf, NoteRef, Pedigree};
use super::{Importer, LONG_NOTE_CHARS, consistency, ids, text};
use crate::diagnostic::{Diagnostic, Location};
use crate::input::case_file::{CaseFile, OtherParentsInput, PartnershipInput, PersonInput, Text};
use chrono::NaiveDate;
use std::collections::BTreeMap;

impl Importer {
    /// Resolves links and writes the case file.
    pub(super) fn finish(mut self) -> (CaseFile, Vec<Diagnostic>) {
        if !self.trailer && !self.people.is_empty() {
            self.note(
                Location { line: 0, column: 0 },
                "The file does not end with \"0 TRLR\"; it may have been cut short.",
            );
        }
        let mut ids = ids::Ids::default();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut case_people: Vec<PersonInput> = Vec::with_capacity(self.people.len());
        let people = std::mem::take(&mut self.people);
        for (i, person) in people.iter().enumerate() {
            let name = person.name.as_ref().map(|n| n.value.as_str()).unwrap_or("");
            let id = ids.make(name, &person.xref);
            if !person.xref.is_empty() {
                index.entry(self.key(&person.xref)).or_insert(i);
            }
            let mut notes = Vec::new();
            for note in &person.notes {
                match note {
                    NoteRef::Text(t) => self.short_note(t.clone(), &mut notes),
                    NoteRef::Pointer(key, at) => match self.take_note(key) {
                        Some(value) if !value.is_empty() => {
                            self.short_note(text(value, *at), &mut notes)
                        }
                        Some(_) => {}
                        None => self.missing(key, *at, "note"),
                    },
                }
            }
            case_people.push(PersonInput {
                id: Some(text(id, person.at)),
                name: person.name.clone(),
                gender: person.gender.clone(),
                born: person.born.clone(),
                deceased: match (&person.died, person.deceased) {
                    (None, Some(at)) => Some(text("true", at)),
                    _ => None,
                },
                died: person.died.clone(),
                unknown: person.name.is_none().then(|| text("true", person.at)),
                notes,
                at: person.at,
                ..PersonInput::default()
            });
        }
        if case_people.iter().any(|p| p.unknown.is_some()) {
            let count = case_people.iter().filter(|p| p.unknown.is_some()).count();
            let first = case_people
                .iter()
                .find(|p| p.unknown.is_some())
                .map(|p| p.at)
                .unwrap_or_default();
            self.note(
                first,
                format!(
                    "{count} person(s) have no name; they are drawn as unknown (\"?\"). The \
                     first is here."
                ),
            );
        }
        let id_of = |i: usize, at: Location, people: &[PersonInput]| -> Text {
            let id = people[i]
                .id
                .as_ref()
                .map(|t| t.value.clone())
                .unwrap_or_default();
            text(id, at)
        };

        // Parents of each family, and the partnerships.
        let mut family_parents: BTreeMap<String, Vec<Text>> = BTreeMap::new();
        let mut partnerships: Vec<PartnershipInput> = Vec::new();
        let mut pair_index: BTreeMap<(String, String), usize> = BTreeMap::new();
        let mut child_links: Vec<Vec<ChildOf>> = vec![Vec::new(); people.len()];
        let family_order = std::mem::take(&mut self.family_order);
        let families = std::mem::take(&mut self.families);
        let mut unrecorded: Vec<Location> = Vec::new();
        for key in &family_order {
            let Some(family) = families.get(key) else {
                continue;
            };
            let mut parents: Vec<Text> = Vec::new();
            for (partner, at) in [&family.husband, &family.wife].into_iter().flatten() {
                match index.get(partner) {
                    Some(&i) => parents.push(id_of(i, *at, &case_people)),
                    None => self.missing(partner, *at, "person"),
                }
            }
            if parents.len() == 2 && parents[0].value == parents[1].value {
                self.note(
                    family.at,
                    "This family names the same person as both partners; they were imported \
                     once.",
                );
                parents.pop();
            }
            for child in &family.children {
                match index.get(&child.family) {
                    Some(&i) => child_links[i].push(ChildOf {
                        family: key.clone(),
                        pedigree: child.pedigree.clone(),
                        at: child.at,
                    }),
                    None => self.missing(&child.family, child.at, "person"),
                }
            }
            let resolved_children = family
                .children
                .iter()
                .filter(|c| index.contains_key(&c.family))
                .count();
            if parents.len() == 2 && family.states.is_empty() && resolved_children > 0 {
                // Parents with nothing recorded about their relationship: the genogram draws
                // them as parents whose relationship is not recorded, rather than inventing
                // one. A couple with no children needs a partnership to be drawn at all.
                unrecorded.push(family.at);
            } else if parents.len() == 2 {
                let mut states = family_states(&family.states);
                let pair = if parents[0].value <= parents[1].value {
                    (parents[0].value.clone(), parents[1].value.clone())
                } else {
                    (parents[1].value.clone(), parents[0].value.clone())
                };
                match pair_index.get(&pair) {
                    Some(&existing) => {
                        self.note(
                            family.at,
                            "These two people are partners in an earlier family too; the two \
                             families were imported as one partnership.",
                        );
                        partnerships[existing].states.append(&mut states);
                    }
                    None => {
                        pair_index.insert(pair, partnerships.len());
                        partnerships.push(PartnershipInput {
                            partners: parents.clone(),
                            states,
                            at: family.at,
                            ..PartnershipInput::default()
                        });
                    }
                }
            } else if !family.states.is_empty() {
                let at = family.states[0].at;
                self.drop(
                    "marriage and divorce events of families with one partner".into(),
                    at,
                );
            }
            family_parents.insert(key.clone(), parents);
        }
        if let Some(&first) = unrecorded.first() {
            let count = unrecorded.len();
            let lines: Vec<String> = unrecorded
                .iter()
                .take(5)
                .map(|a| a.line.to_string())
                .collect();
            let more = if count > 5 {
                format!(" and {} more", count - 5)
            } else {
                String::new()
            };
            self.note(
                first,
                format!(
                    "{count} {} no marriage or other event recorded; {} drawn \
                     as parents whose relationship is not recorded (lines {}{more}). Add a \
                     partnership with its status if it is known.",
                    if count == 1 {
                        "family with children has"
                    } else {
                        "families with children have"
                    },
                    if count == 1 { "it is" } else { "they are" },
                    lines.join(", ")
                ),
            );
        }
        for partnership in &mut partnerships {
            if partnership.states.len() == 1 && partnership.states[0].from.is_some() {
                // One state reads best on one line: `status: married` / `from: 1850`.
                let state = partnership.states.remove(0);
                partnership.status = state.status;
                partnership.from = state.from;
            } else if partnership.states.len() == 1 {
                let state = partnership.states.remove(0);
                partnership.status = state.status;
            }
        }

        // Each child's families: those the child names (with their pedigree) first, then those
        // that name the child.
        for (i, person) in people.iter().enumerate() {
            let mut links: Vec<ChildOf> = Vec::new();
            for link in person.families.iter().chain(child_links[i].iter()) {
                if let Some(existing) = links.iter_mut().find(|l| l.family == link.family) {
                    if existing.pedigree == Pedigree::Unstated {
                        existing.pedigree = link.pedigree.clone();
                    }
                    continue;
                }
                if !families.contains_key(&link.family) {
                    self.missing(&link.family, link.at, "family");
                    continue;
                }
                links.push(link.clone());
            }
            let own = case_people[i]
                .id
                .clone()
                .map(|t| t.value)
                .unwrap_or_default();
            let with_parents: Vec<(ChildOf, Vec<Text>)> = links
                .into_iter()
                .filter_map(|link| {
                    let parents: Vec<Text> = family_parents
                        .get(&link.family)
                        .cloned()
                        .unwrap_or_default()
                        .into_iter()
                        .map(|p| text(p.value, link.at))
                        .collect();
                    if parents.is_empty() {
                        self.drop("links to families with no parents".into(), link.at);
                        return None;
                    }
                    if parents.iter().any(|p| p.value == own) {
                        self.note(
                            link.at,
                            "This person is listed as a child of their own family; the link \
                             was not imported.",
                        );
                        return None;
                    }
                    Some((link, parents))
                })
                .collect();
            let primary = with_parents
                .iter()
                .position(|(link, _)| link.pedigree.is_birth())
                .or_else(|| {
                    // Adoptive parents are the legal parents: the child is drawn under them
                    // before foster carers.
                    with_parents
                        .iter()
                        .position(|(link, _)| link.pedigree == Pedigree::Adopted)
                })
                .or_else(|| {
                    with_parents
                        .iter()
                        .position(|(link, _)| link.pedigree.link().is_some())
                })
                .unwrap_or(0);
            for (n, (link, parents)) in with_parents.into_iter().enumerate() {
                let person_input = &mut case_people[i];
                if n == primary {
                    person_input.link = link.pedigree.link().map(|l| text(l, link.at));
                    person_input.parents = parents;
                    continue;
                }
                let link_text = match &link.pedigree {
                    Pedigree::Adopted | Pedigree::Foster => link.pedigree.link(),
                    Pedigree::Unstated | Pedigree::Birth => {
                        // A child has at most two birth parents: a second birth family is a
                        // conflict in the tree that only its owner can settle.
                        self.note(
                            link.at,
                            "This person is also listed as a birth child of this family, but \
                             already has birth parents from the family the file names first; \
                             this link was not imported. Check which parents are right.",
                        );
                        None
                    }
                    Pedigree::Other(_) => {
                        self.drop(
                            "links to further families of a kind genochron has no line for".into(),
                            link.at,
                        );
                        None
                    }
                };
                if let Some(kind) = link_text {
                    person_input.other_parents.push(OtherParentsInput {
                        parents,
                        link: Some(text(kind, link.at)),
                        at: link.at,
                        ..OtherParentsInput::default()
                    });
                }
            }
        }

        let unused: Vec<Location> = self
            .notes
            .values()
            .filter(|(_, _, used)| !used)
            .map(|(_, at, _)| *at)
            .collect();
        for at in unused {
            self.drop("note records no person refers to (NOTE)".into(), at);
        }
        consistency::break_cycles(&mut case_people, &mut self.diagnostics);
        consistency::settle(&mut case_people, &mut self.diagnostics);
        let case = self.case_section();
        if let Some(as_at) = case
            .as_at
            .as_ref()
            .and_then(|d| NaiveDate::parse_from_str(&d.value, "%Y-%m-%d").ok())
        {
            consistency::presume_deaths(&mut case_people, as_at, &mut self.diagnostics);
        }
        self.report_dropped();
        let file = CaseFile {
            case,
            people: case_people,
            partnerships,
            at: Location { line: 1, column: 1 },
            ..CaseFile::default()
        };
        (file, self.diagnostics)
    }

    /// Notes are drawn as lines under a person's name, where a fact ("Worked as a miller")
    /// helps and a biography buries the drawing. Longer notes are reported, not imported.
    pub(super) fn short_note(&mut self, note: Text, notes: &mut Vec<Text>) {
        if note.value.chars().count() <= LONG_NOTE_CHARS {
            notes.push(note);
        } else {
            self.drop(
                format!(
                    "notes longer than {LONG_NOTE_CHARS} characters, too long to show under a \
                     name (NOTE)"
                ),
                note.at,
            );
        }
    }

    /// A note record's text, marked as used.
    pub(super) fn take_note(&mut self, key: &str) -> Option<String> {
        let (value, _, used) = self.notes.get_mut(key)?;
        *used = true;
        Some(value.clone())
    }

    pub(super) fn missing(&mut self, key: &str, at: Location, kind: &str) {
        self.note(
            at,
            format!("This refers to the {kind} @{key}@, which is not in the file; the link was not imported."),
        );
    }
}
