//! Individual records (`INDI`): names, sex, dates, notes, and the families a person is a
//! child of.

use super::tree::{Node, Version};
use super::{Importer, date, text};
use crate::diagnostic::Location;
use crate::input::case_file::Text;
use crate::model::PartialDate;

/// A person as far as the case file cares.
#[derive(Debug, Default)]
pub(super) struct Individual {
    pub(super) xref: String,
    pub(super) at: Location,
    pub(super) name: Option<Text>,
    pub(super) gender: Option<Text>,
    pub(super) born: Option<Text>,
    pub(super) died: Option<Text>,
    pub(super) deceased: Option<Location>,
    /// A christening or baptism date, used as "born before" when there is no birth date.
    pub(super) christened: Option<(PartialDate, Location)>,
    /// A burial or cremation date, used as "died before" when there is no death date.
    pub(super) buried: Option<(PartialDate, Location)>,
    pub(super) notes: Vec<NoteRef>,
    /// Families the person is a child of, with the GEDCOM pedigree kind.
    pub(super) families: Vec<ChildOf>,
}

#[derive(Debug)]
pub(super) enum NoteRef {
    Text(Text),
    Pointer(String, Location),
}

/// A child's link to a family: which family, and how (`PEDI`).
#[derive(Debug, Clone)]
pub(super) struct ChildOf {
    pub(super) family: String,
    pub(super) pedigree: Pedigree,
    pub(super) at: Location,
}

/// GEDCOM's pedigree kinds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) enum Pedigree {
    /// Not said: birth is assumed, as GEDCOM does.
    Unstated,
    Birth,
    Adopted,
    Foster,
    /// A Latter-day Saint sealing, or another kind genochron has no link for.
    Other(String),
}

impl Pedigree {
    pub(super) fn parse(value: &str) -> Pedigree {
        match value.trim().to_ascii_lowercase().as_str() {
            "" => Pedigree::Unstated,
            "birth" | "natural" | "biological" => Pedigree::Birth,
            "adopted" | "adoptive" => Pedigree::Adopted,
            "foster" => Pedigree::Foster,
            other => Pedigree::Other(other.to_string()),
        }
    }

    /// The case file's link; `None` for biological (the default, left unwritten).
    pub(super) fn link(&self) -> Option<&'static str> {
        match self {
            Pedigree::Adopted => Some("adopted"),
            Pedigree::Foster => Some("foster"),
            _ => None,
        }
    }

    pub(super) fn is_birth(&self) -> bool {
        matches!(self, Pedigree::Unstated | Pedigree::Birth)
    }
}

/// Marks the links to families an adoption event names as adoptions (adding a link where the
/// record has no FAMC line for that family).
fn adopted_into(families: &mut Vec<ChildOf>, adopted_by: Vec<(String, Location)>) {
    for (family, at) in adopted_by {
        match families.iter_mut().find(|l| l.family == family) {
            Some(link) if link.pedigree == Pedigree::Unstated => link.pedigree = Pedigree::Adopted,
            Some(_) => {}
            None => families.push(ChildOf {
                family,
                pedigree: Pedigree::Adopted,
                at,
            }),
        }
    }
}

impl Importer {
    /// One INDI record into a person: one table, an arm per tag an individual record may
    /// hold, each read or reported as dropped, so what happens to a tag reads in one place.
    pub(super) fn individual(&mut self, record: Node) {
        let mut person = Individual {
            xref: record.xref.clone().unwrap_or_default(),
            at: record.at,
            ..Individual::default()
        };
        if record.xref.is_none() {
            self.note(
                record.at,
                "This person has no id (\"0 @I1@ INDI\"), so no family can refer to them.",
            );
        }
        let mut adopted_by: Vec<(String, Location)> = Vec::new();
        for child in &record.children {
            match child.tag.as_str() {
                "NAME" if person.name.is_none() => person.name = self.name(child),
                "NAME" => self.drop("other names (NAME)".to_string(), child.at),
                "SEX" => person.gender = self.sex(child),
                "BIRT" => {
                    let date = self.event_date(child, "birth");
                    if person.born.is_none() {
                        person.born = date;
                    } else {
                        self.drop("other birth events (BIRT)".to_string(), child.at);
                    }
                }
                "DEAT" => self.death(&mut person, child),
                "CHR" | "BAPM" => {
                    let bound = self.bound_date(child);
                    if person.christened.is_none() {
                        person.christened = bound;
                    }
                    self.drop_tag(child);
                }
                "BURI" | "CREM" => {
                    person.deceased.get_or_insert(child.at);
                    let bound = self.bound_date(child);
                    if person.buried.is_none() {
                        person.buried = bound;
                    }
                    self.drop_tag(child);
                }
                "FAMC" => {
                    if let Some(link) = self.child_of(child) {
                        person.families.push(link);
                    }
                }
                "ADOP" => adopted_by.extend(self.adoption(child)),
                "FAMS" => {
                    // The family's own HUSB and WIFE lines say the same, and are what is read.
                    self.unused_children(child, &[]);
                }
                "NOTE" | "SNOTE" => {
                    if let Some(note) = self.note_ref(child) {
                        person.notes.push(note);
                    }
                }
                "OCCU" => self.occupation(&mut person, child),
                "ASSO" => self.association(child),
                "CHAN" | "RIN" | "REFN" | "_UID" | "UID" | "EXID" | "AFN" | "SUBM" => self.drop(
                    "record-keeping details (change dates, record numbers)".into(),
                    child.at,
                ),
                _ => self.drop_tag(child),
            }
        }
        adopted_into(&mut person.families, adopted_by);
        if person.born.is_none() {
            person.born = self.date_from(person.christened, "birth", "christening or baptism");
        }
        if person.died.is_none() {
            person.died = self.date_from(person.buried, "death", "burial or cremation");
        }
        self.people.push(person);
    }

    /// A DEAT event: the person is deceased, with the first death event's date.
    fn death(&mut self, person: &mut Individual, event: &Node) {
        person.deceased.get_or_insert(event.at);
        let value = event.value.trim();
        if !value.is_empty() && !value.eq_ignore_ascii_case("Y") {
            self.drop("death descriptions (DEAT)".to_string(), event.value_at);
        }
        let date = self.event_date(event, "death");
        if person.died.is_none() {
            person.died = date;
        } else {
            self.drop("other death events (DEAT)".to_string(), event.at);
        }
    }

    /// An adoption event names the adoptive family: the child's link to it is an adoption
    /// even when the FAMC line does not say so. The family's key and place, if it names one.
    fn adoption(&mut self, event: &Node) -> Option<(String, Location)> {
        let adopted_by = event
            .child("FAMC")
            .filter(|f| f.pointer)
            .map(|family| (self.key(&family.value), family.value_at));
        for piece in &event.children {
            if piece.tag != "FAMC" {
                self.drop_tag(piece);
            }
        }
        adopted_by
    }

    /// An occupation is the kind of fact a genogram shows under a name: a note.
    fn occupation(&mut self, person: &mut Individual, occupation: &Node) {
        let value = one_line(&occupation.value);
        if !value.is_empty() {
            person
                .notes
                .push(NoteRef::Text(text(value, occupation.value_at)));
        }
        self.unused_children(occupation, &[]);
    }

    /// For a person with no date of `event` (birth, death), the date of a later `ceremony`
    /// (christening, burial) as "before" it, with a note saying so.
    fn date_from(
        &mut self,
        ceremony: Option<(PartialDate, Location)>,
        event: &str,
        ceremony_words: &str,
    ) -> Option<Text> {
        let (date, at) = ceremony?;
        let before = date.qualified(crate::model::Qualifier::Before);
        self.note(
            at,
            format!(
                "There is no {event} date, so the {ceremony_words} date was used: the {event} \
                 date was imported as \"{}\".",
                before.to_case_text()
            ),
        );
        Some(text(before.to_case_text(), at))
    }

    /// `NAME Patrick Branwell /Brontë/` → "Patrick Branwell Brontë". Name pieces (`NSFX`,
    /// `NICK`, ...) that the name itself does not already contain are reported.
    pub(super) fn name(&mut self, node: &Node) -> Option<Text> {
        let written = node.value.replace('/', " ");
        let name = written.split_whitespace().collect::<Vec<_>>().join(" ");
        // Name pieces are comma-separated lists, often in another case than the name.
        let words = |text: &str| -> Vec<String> {
            text.to_lowercase()
                .split(|c: char| c.is_whitespace() || c == ',' || c == '/')
                .filter(|w| !w.is_empty())
                .map(str::to_string)
                .collect()
        };
        let name_words = words(&name);
        for piece in &node.children {
            match piece.tag.as_str() {
                "GIVN" | "SURN" | "NPFX" | "NSFX" | "SPFX" | "NICK" => {
                    if words(&piece.value).iter().any(|w| !name_words.contains(w)) {
                        self.drop_tag(piece);
                    }
                }
                _ => self.drop_tag(piece),
            }
        }
        (!name.is_empty()).then(|| text(name, node.value_at))
    }

    pub(super) fn sex(&mut self, node: &Node) -> Option<Text> {
        let value = node.value.trim().to_ascii_uppercase();
        let gender = match value.as_str() {
            "M" => "male",
            "F" => "female",
            "U" | "" => "unknown",
            "X" => {
                self.note(
                    node.value_at,
                    "Sex \"X\" (neither only male nor only female) was imported as gender \
                     \"unknown\"; set the person's gender if it is known.",
                );
                "unknown"
            }
            _ => {
                self.note(
                    node.value_at,
                    format!(
                        "Sex \"{}\" is not a GEDCOM sex (M, F, U or X); gender was left unknown.",
                        node.value.trim()
                    ),
                );
                "unknown"
            }
        };
        self.unused_children(node, &[]);
        Some(text(gender, node.value_at))
    }

    /// The date of a birth or death, reported when simplified or dropped. Everything else
    /// under the event is reported as left out.
    pub(super) fn event_date(&mut self, event: &Node, what: &str) -> Option<Text> {
        self.unused_children(event, &["DATE"]);
        let node = event.child("DATE")?;
        self.date(node, &format!("{what} date"))
    }

    /// A GEDCOM date as a case file date, with a note when it was simplified or dropped.
    pub(super) fn date(&mut self, node: &Node, what: &str) -> Option<Text> {
        let converted = date::convert(&node.value);
        let mut remark = converted.remark.clone();
        for piece in &node.children {
            match piece.tag.as_str() {
                "PHRASE" => {
                    let phrase = one_line(&piece.value);
                    let said = format!("the file describes it as \"{phrase}\"");
                    remark = Some(match remark {
                        Some(r) => format!("{r}; {said}"),
                        None => said,
                    });
                }
                _ => self.drop_tag(piece),
            }
        }
        let written = node.value.trim();
        match (&converted.date, remark) {
            (Some(date), Some(remark)) => self.note(
                node.value_at,
                format!("The {what} \"{written}\" was imported as \"{date}\": {remark}."),
            ),
            (None, Some(remark)) => self.note(
                node.value_at,
                format!("The {what} \"{written}\" was not imported: {remark}."),
            ),
            _ => {}
        }
        let date = converted.date?;
        if let Ok(parsed) = PartialDate::parse(&date) {
            self.seen(parsed);
        }
        Some(text(date, node.value_at))
    }

    /// An exactly dated christening or burial, as a bound for a missing birth or death.
    pub(super) fn bound_date(&mut self, event: &Node) -> Option<(PartialDate, Location)> {
        let node = event.child("DATE")?;
        let converted = date::convert(&node.value).date?;
        let parsed = PartialDate::parse(&converted).ok()?;
        (parsed.qualifier() == crate::model::Qualifier::Exact).then_some((parsed, node.value_at))
    }

    pub(super) fn seen(&mut self, date: PartialDate) {
        let end = date.end();
        if self.latest.is_none_or(|latest| end > latest) {
            self.latest = Some(end);
        }
    }

    /// `FAMC @F1@` with its `PEDI`.
    pub(super) fn child_of(&mut self, node: &Node) -> Option<ChildOf> {
        let mut pedigree = Pedigree::Unstated;
        for piece in &node.children {
            match piece.tag.as_str() {
                "PEDI" => {
                    pedigree = Pedigree::parse(&piece.value);
                    if let Pedigree::Other(kind) = &pedigree {
                        let phrase = piece
                            .child_value("PHRASE")
                            .map(|p| format!(" (\"{p}\")"))
                            .unwrap_or_default();
                        self.note(
                            piece.value_at,
                            format!(
                                "The child's link to this family is \"{kind}\"{phrase}, which \
                                 genochron has no line for; see how the child was placed."
                            ),
                        );
                    }
                }
                "_FREL" | "_MREL" => {
                    let kind = Pedigree::parse(&piece.value);
                    if pedigree == Pedigree::Unstated && kind != Pedigree::Unstated {
                        pedigree = kind;
                    }
                }
                _ => self.drop_tag(piece),
            }
        }
        if !node.pointer {
            self.note(
                node.value_at,
                "This link to a family has no family id (\"@F1@\"), so it was not imported.",
            );
            return None;
        }
        if node.value == "VOID" && self.version == Version::V7 {
            return None;
        }
        Some(ChildOf {
            family: self.key(&node.value),
            pedigree,
            at: node.value_at,
        })
    }

    pub(super) fn note_ref(&mut self, node: &Node) -> Option<NoteRef> {
        self.unused_children(node, &[]);
        if node.pointer {
            let key = self.key(&node.value);
            return Some(NoteRef::Pointer(key, node.value_at));
        }
        let value = one_line(&node.value);
        (!value.is_empty()).then(|| NoteRef::Text(text(value, node.value_at)))
    }

    /// `ASSO` links people who are not family (godparents, witnesses, neighbours). The case
    /// file's relationships say how people get on, which these do not, so they are reported.
    pub(super) fn association(&mut self, node: &Node) {
        let role = node
            .child_value("RELA")
            .or_else(|| node.child("ROLE").and_then(|r| r.child_value("PHRASE")))
            .or_else(|| node.child_value("ROLE"))
            .map(|r| format!(" (\"{r}\")"))
            .unwrap_or_default();
        self.note(
            node.at,
            format!(
                "The association{role} was not imported: genochron's relationships say how \
                 people get on, not how they are associated. Add it as a relationship or a \
                 note if it matters."
            ),
        );
    }
}

/// Continuation lines joined with spaces: a note is shown as lines under a name, where the
/// file's own line breaks (often only wrapping) mean nothing.
pub(super) fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}
