//! Resolving the links between records at the end of the file, and writing the case file.

use super::families::{Family, family_states};
use super::individuals::{ChildOf, Individual, NoteRef, Pedigree};
use super::{Importer, LONG_NOTE_CHARS, consistency, ids, text};
use crate::diagnostic::{Diagnostic, Location};
use crate::input::case_file::{
    CaseFile, DatedText, OtherParentsInput, PartnershipInput, PersonInput, Text,
};
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
        let people = std::mem::take(&mut self.people);
        let (mut case_people, index) = self.person_inputs(&people);
        self.note_unnamed(&case_people);
        let family_order = std::mem::take(&mut self.family_order);
        let families = std::mem::take(&mut self.families);
        let mut resolved = Resolved {
            child_links: vec![Vec::new(); people.len()],
            ..Resolved::default()
        };
        for key in &family_order {
            if let Some(family) = families.get(key) {
                self.resolve_family(key, family, &index, &case_people, &mut resolved);
            }
        }
        self.note_unrecorded(&resolved.unrecorded);
        let mut partnerships = resolved.partnerships;
        for partnership in &mut partnerships {
            one_state_on_one_line(partnership);
        }
        for (i, person) in people.iter().enumerate() {
            let links = self.family_links(person, &resolved.child_links[i], &families);
            self.attach_parents(&mut case_people[i], links, &resolved.family_parents);
        }
        self.drop_unused_notes();
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

    /// Each individual as a person of the case file, with a readable id and their notes; and
    /// each person's place in the list by their GEDCOM key.
    fn person_inputs(
        &mut self,
        people: &[Individual],
    ) -> (Vec<PersonInput>, BTreeMap<String, usize>) {
        let mut ids = ids::Ids::default();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        let mut case_people: Vec<PersonInput> = Vec::with_capacity(people.len());
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
                notes: notes.into_iter().map(DatedText::plain).collect(),
                at: person.at,
                ..PersonInput::default()
            });
        }
        (case_people, index)
    }

    /// One note for all the people with no name, at the first.
    fn note_unnamed(&mut self, case_people: &[PersonInput]) {
        let count = case_people.iter().filter(|p| p.unknown.is_some()).count();
        let Some(first) = case_people.iter().find(|p| p.unknown.is_some()) else {
            return;
        };
        self.note(
            first.at,
            format!(
                "{count} person(s) have no name; they are drawn as unknown (\"?\"). The \
                 first is here."
            ),
        );
    }

    /// A family's parents, the links of its children to it, and its partnership.
    fn resolve_family(
        &mut self,
        key: &str,
        family: &Family,
        index: &BTreeMap<String, usize>,
        case_people: &[PersonInput],
        resolved: &mut Resolved,
    ) {
        let parents = self.family_parents(family, index, case_people);
        for child in &family.children {
            match index.get(&child.family) {
                Some(&i) => resolved.child_links[i].push(ChildOf {
                    family: key.to_string(),
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
            resolved.unrecorded.push(family.at);
        } else if parents.len() == 2 {
            self.add_partnership(family, &parents, resolved);
        } else if !family.states.is_empty() {
            let at = family.states[0].at;
            self.drop(
                "marriage and divorce events of families with one partner".into(),
                at,
            );
        }
        resolved.family_parents.insert(key.to_string(), parents);
    }

    /// A family's partners as ids of the case file, each once.
    fn family_parents(
        &mut self,
        family: &Family,
        index: &BTreeMap<String, usize>,
        case_people: &[PersonInput],
    ) -> Vec<Text> {
        let mut parents: Vec<Text> = Vec::new();
        for (partner, at) in [&family.husband, &family.wife].into_iter().flatten() {
            match index.get(partner) {
                Some(&i) => {
                    let id = case_people[i]
                        .id
                        .as_ref()
                        .map(|t| t.value.clone())
                        .unwrap_or_default();
                    parents.push(text(id, *at));
                }
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
        parents
    }

    /// The partnership of a family's two partners, joined to an earlier family's when the
    /// same two people are partners there too.
    fn add_partnership(&mut self, family: &Family, parents: &[Text], resolved: &mut Resolved) {
        let mut states = family_states(&family.states);
        let pair = if parents[0].value <= parents[1].value {
            (parents[0].value.clone(), parents[1].value.clone())
        } else {
            (parents[1].value.clone(), parents[0].value.clone())
        };
        match resolved.pair_index.get(&pair) {
            Some(&existing) => {
                self.note(
                    family.at,
                    "These two people are partners in an earlier family too; the two \
                     families were imported as one partnership.",
                );
                resolved.partnerships[existing].states.append(&mut states);
            }
            None => {
                resolved
                    .pair_index
                    .insert(pair, resolved.partnerships.len());
                resolved.partnerships.push(PartnershipInput {
                    partners: parents.to_vec(),
                    states,
                    at: family.at,
                    ..PartnershipInput::default()
                });
            }
        }
    }

    /// One note for every family with children whose parents have no event recorded.
    fn note_unrecorded(&mut self, unrecorded: &[Location]) {
        let Some(&first) = unrecorded.first() else {
            return;
        };
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

    /// A child's families: those the child names (with their pedigree) first, then those
    /// that name the child; each once, and only families in the file.
    fn family_links(
        &mut self,
        person: &Individual,
        named_by_family: &[ChildOf],
        families: &BTreeMap<String, Family>,
    ) -> Vec<ChildOf> {
        let mut links: Vec<ChildOf> = Vec::new();
        for link in person.families.iter().chain(named_by_family.iter()) {
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
        links
    }

    /// A child's parents from its families: the first birth family (else adoptive, else
    /// any with a link) as the parents it is drawn under, adoptive and foster families as
    /// other parents.
    fn attach_parents(
        &mut self,
        person_input: &mut PersonInput,
        links: Vec<ChildOf>,
        family_parents: &BTreeMap<String, Vec<Text>>,
    ) {
        let own = person_input.id.clone().map(|t| t.value).unwrap_or_default();
        let with_parents = self.links_with_parents(links, family_parents, &own);
        let primary = primary_family(&with_parents);
        for (n, (link, parents)) in with_parents.into_iter().enumerate() {
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

    /// Each family link with the family's parents, leaving out families with no parents and
    /// a person listed as a child of their own family.
    fn links_with_parents(
        &mut self,
        links: Vec<ChildOf>,
        family_parents: &BTreeMap<String, Vec<Text>>,
        own: &str,
    ) -> Vec<(ChildOf, Vec<Text>)> {
        links
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
            .collect()
    }

    /// Note records no person refers to are reported as left out.
    fn drop_unused_notes(&mut self) {
        let unused: Vec<Location> = self
            .notes
            .values()
            .filter(|(_, _, used)| !used)
            .map(|(_, at, _)| *at)
            .collect();
        for at in unused {
            self.drop("note records no person refers to (NOTE)".into(), at);
        }
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

/// What resolving the families gives: each family's parents, the partnerships (with the
/// pair of partners each belongs to), each person's links from families that name them,
/// and the families with children but no event.
#[derive(Default)]
struct Resolved {
    family_parents: BTreeMap<String, Vec<Text>>,
    partnerships: Vec<PartnershipInput>,
    pair_index: BTreeMap<(String, String), usize>,
    child_links: Vec<Vec<ChildOf>>,
    unrecorded: Vec<Location>,
}

/// The family a child is drawn under: the first birth family, else the first adoptive
/// family (adoptive parents are the legal parents, drawn before foster carers), else the
/// first with a link, else the first.
fn primary_family(with_parents: &[(ChildOf, Vec<Text>)]) -> usize {
    with_parents
        .iter()
        .position(|(link, _)| link.pedigree.is_birth())
        .or_else(|| {
            with_parents
                .iter()
                .position(|(link, _)| link.pedigree == Pedigree::Adopted)
        })
        .or_else(|| {
            with_parents
                .iter()
                .position(|(link, _)| link.pedigree.link().is_some())
        })
        .unwrap_or(0)
}

/// One state reads best on one line: `status: married` / `from: 1850`.
fn one_state_on_one_line(partnership: &mut PartnershipInput) {
    if partnership.states.len() == 1 && partnership.states[0].from.is_some() {
        let state = partnership.states.remove(0);
        partnership.status = state.status;
        partnership.from = state.from;
    } else if partnership.states.len() == 1 {
        let state = partnership.states.remove(0);
        partnership.status = state.status;
    }
}
