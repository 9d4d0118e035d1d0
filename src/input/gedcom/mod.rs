//! GEDCOM 5.5.1 and 7.0 family trees into a case file.
//!
//! The reader is our own and line-based: the bytes are decoded once ([`charset`]), lines are
//! grouped into one record at a time ([`tree`]), and each record is boiled down to the little
//! the case file holds about a person or a family before the next is read. Links between
//! records are resolved at the end through sorted maps, so the work grows with the file, not
//! with its square.
//!
//! Every value keeps the GEDCOM line it came from, so problems found later by `check` point
//! into the GEDCOM file. Whatever the case file cannot hold is reported as a note saying what
//! was left out and on which lines: nothing is dropped silently.

pub mod age;
pub mod ansel;
pub mod charset;
pub mod consistency;
pub mod date;
pub mod ids;
pub mod tree;

use crate::diagnostic::{self, Diagnostic, Location};
use crate::input::case_file::{
    CaseFile, CaseSection, OtherParentsInput, PartnershipInput, PersonInput, StateInput, Text,
};
use crate::model::PartialDate;
use chrono::NaiveDate;
use std::collections::BTreeMap;
use tree::{Node, Records, Version};

/// Reads a GEDCOM file. Returns the case file unless there are problems, and every problem
/// and note, sorted by line.
pub fn read(bytes: &[u8]) -> (Option<CaseFile>, Vec<Diagnostic>) {
    let decoded = charset::decode(bytes);
    let mut importer = Importer::default();
    if let Some(remark) = decoded.remark {
        importer
            .diagnostics
            .push(Diagnostic::note(Location { line: 1, column: 1 }, remark));
    }
    let mut records = Records::new(&decoded.text);
    let mut first = true;
    while let Some(record) = records.next() {
        if first && record.tag != "HEAD" {
            importer.diagnostics.push(
                Diagnostic::problem(
                    record.at,
                    "This is not a GEDCOM file: a GEDCOM file starts with the line \"0 HEAD\".",
                )
                .with_help("Export the family tree again as GEDCOM from the genealogy program."),
            );
            importer.diagnostics.append(&mut records.diagnostics);
            return (None, diagnostic::sorted(importer.diagnostics));
        }
        first = false;
        importer.version = records.version;
        importer.record(record);
    }
    if first {
        importer.diagnostics.push(Diagnostic::problem(
            Location { line: 1, column: 1 },
            "The file is empty: a GEDCOM file starts with the line \"0 HEAD\".",
        ));
    }
    importer.diagnostics.append(&mut records.diagnostics);
    let file = importer.finish();
    let diagnostics = diagnostic::sorted(file.1);
    if diagnostics.iter().any(Diagnostic::is_problem) {
        (None, diagnostics)
    } else {
        (Some(file.0), diagnostics)
    }
}

/// The longest note imported as a line under a person's name.
pub const LONG_NOTE_CHARS: usize = 120;

fn text(value: impl Into<String>, at: Location) -> Text {
    Text::new(value.into(), at)
}

/// A person as far as the case file cares.
#[derive(Debug, Default)]
struct Individual {
    xref: String,
    at: Location,
    name: Option<Text>,
    gender: Option<Text>,
    born: Option<Text>,
    died: Option<Text>,
    deceased: Option<Location>,
    /// A christening or baptism date, used as "born before" when there is no birth date.
    christened: Option<(PartialDate, Location)>,
    /// A burial or cremation date, used as "died before" when there is no death date.
    buried: Option<(PartialDate, Location)>,
    notes: Vec<NoteRef>,
    /// Families the person is a child of, with the GEDCOM pedigree kind.
    families: Vec<ChildOf>,
}

#[derive(Debug)]
enum NoteRef {
    Text(Text),
    Pointer(String, Location),
}

/// A child's link to a family: which family, and how (`PEDI`).
#[derive(Debug, Clone)]
struct ChildOf {
    family: String,
    pedigree: Pedigree,
    at: Location,
}

/// GEDCOM's pedigree kinds.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Pedigree {
    /// Not said: birth is assumed, as GEDCOM does.
    Unstated,
    Birth,
    Adopted,
    Foster,
    /// A Latter-day Saint sealing, or another kind genochron has no link for.
    Other(String),
}

impl Pedigree {
    fn parse(value: &str) -> Pedigree {
        match value.trim().to_ascii_lowercase().as_str() {
            "" => Pedigree::Unstated,
            "birth" | "natural" | "biological" => Pedigree::Birth,
            "adopted" | "adoptive" => Pedigree::Adopted,
            "foster" => Pedigree::Foster,
            other => Pedigree::Other(other.to_string()),
        }
    }

    /// The case file's link; `None` for biological (the default, left unwritten).
    fn link(&self) -> Option<&'static str> {
        match self {
            Pedigree::Adopted => Some("adopted"),
            Pedigree::Foster => Some("foster"),
            _ => None,
        }
    }

    fn is_birth(&self) -> bool {
        matches!(self, Pedigree::Unstated | Pedigree::Birth)
    }
}

/// A family: a couple (or one parent) and their children.
#[derive(Debug, Default)]
struct Family {
    at: Location,
    husband: Option<(String, Location)>,
    wife: Option<(String, Location)>,
    children: Vec<ChildOf>,
    states: Vec<FamilyState>,
}

#[derive(Debug)]
struct FamilyState {
    status: &'static str,
    /// Orders undated states the way a partnership moves through them.
    rank: u8,
    from: Option<Text>,
    at: Location,
}

/// What was left out, by kind, with where.
#[derive(Debug, Default)]
struct Dropped {
    count: usize,
    lines: Vec<usize>,
    first: Location,
}

#[derive(Default)]
struct Importer {
    version: Version,
    header_date: Option<(PartialDate, Location)>,
    submitter: Option<String>,
    submitters: BTreeMap<String, String>,
    people: Vec<Individual>,
    families: BTreeMap<String, Family>,
    family_order: Vec<String>,
    /// Note records by key: the text, where the record is, and whether a person uses it.
    notes: BTreeMap<String, (String, Location, bool)>,
    defined: BTreeMap<String, Location>,
    dropped: BTreeMap<String, Dropped>,
    latest: Option<NaiveDate>,
    trailer: bool,
    diagnostics: Vec<Diagnostic>,
}

impl Importer {
    /// The key a cross-reference is found by: GEDCOM 5.5.1 ids are matched without regard to
    /// case (the maintainers' test `xref-case` links `@test@` to `@TEST@`); GEDCOM 7 ids are
    /// upper case by rule and matched exactly.
    fn key(&self, xref: &str) -> String {
        match self.version {
            Version::V5 => xref.to_ascii_uppercase(),
            Version::V7 => xref.to_string(),
        }
    }

    fn drop(&mut self, what: String, at: Location) {
        let entry = self.dropped.entry(what).or_insert_with(|| Dropped {
            first: at,
            ..Dropped::default()
        });
        entry.count += 1;
        if entry.lines.len() < 5 {
            entry.lines.push(at.line);
        }
    }

    fn drop_tag(&mut self, node: &Node) {
        self.drop(describe(&node.tag), node.at);
    }

    fn note(&mut self, at: Location, message: impl Into<String>) {
        self.diagnostics.push(Diagnostic::note(at, message));
    }

    fn record(&mut self, record: Node) {
        if self.trailer {
            self.note(
                record.at,
                "There are lines after the end of the file (\"0 TRLR\"); they were read anyway.",
            );
            self.trailer = false;
        }
        if let Some(xref) = &record.xref {
            let key = self.key(xref);
            if let Some(first) = self.defined.get(&key) {
                let line = first.line;
                self.note(
                    record.at,
                    format!(
                        "A second record has the id @{xref}@ (the first is on line {line}); \
                         links to that id go to the first."
                    ),
                );
                self.drop("records with a repeated id".to_string(), record.at);
                return;
            }
            self.defined.insert(key, record.at);
        }
        self.check_ages(&record);
        match record.tag.as_str() {
            "HEAD" => self.header(record),
            "INDI" => self.individual(record),
            "FAM" => self.family(record),
            "NOTE" | "SNOTE" => {
                if let Some(xref) = &record.xref {
                    let key = self.key(xref);
                    self.notes
                        .insert(key, (one_line(&record.value), record.at, false));
                }
            }
            "SUBM" => {
                if let (Some(xref), Some(name)) = (&record.xref, record.child_value("NAME")) {
                    let key = self.key(xref);
                    self.submitters.insert(key, name.to_string());
                }
            }
            "TRLR" => self.trailer = true,
            _ => {
                let what = format!("{} records ({})", record_kind(&record.tag), record.tag);
                self.drop(what, record.at);
            }
        }
    }

    /// Ages (`AGE`) are not imported, but one that is not a GEDCOM age is a sign of a broken
    /// export, so it is pointed out wherever it is.
    fn check_ages(&mut self, node: &Node) {
        for child in &node.children {
            if child.tag == "AGE" {
                let value = child.value.trim();
                let empty_with_phrase = value.is_empty() && child.child("PHRASE").is_some();
                if !empty_with_phrase && !age::valid(value, self.version) {
                    self.note(
                        child.value_at,
                        format!(
                            "The age \"{value}\" is not written the GEDCOM way (such as \
                             \"{}\"); it was not imported.",
                            match self.version {
                                Version::V5 => "<8y 2m",
                                Version::V7 => "< 8y 2m",
                            }
                        ),
                    );
                }
            }
            self.check_ages(child);
        }
    }

    fn header(&mut self, head: Node) {
        for child in &head.children {
            match child.tag.as_str() {
                "DATE" => {
                    let converted = date::convert(&child.value);
                    if let Some(parsed) = converted.date.and_then(|d| PartialDate::parse(&d).ok()) {
                        self.header_date = Some((parsed, child.value_at));
                    }
                }
                "NOTE" => self.drop("notes in the header (NOTE)".into(), child.at),
                "SUBM" if child.pointer => self.submitter = Some(child.value.clone()),
                _ => {}
            }
        }
        if self.version == Version::V5
            && let Some(vers) = head.child("GEDC").and_then(|g| g.child_value("VERS"))
            && !vers.starts_with('5')
            && !vers.starts_with('4')
        {
            self.note(
                head.at,
                format!("The file says it is GEDCOM version \"{vers}\"; it was read as 5.5.1."),
            );
        }
    }

    fn individual(&mut self, record: Node) {
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
                "DEAT" => {
                    person.deceased.get_or_insert(child.at);
                    let value = child.value.trim();
                    if !value.is_empty() && !value.eq_ignore_ascii_case("Y") {
                        self.drop("death descriptions (DEAT)".to_string(), child.value_at);
                    }
                    let date = self.event_date(child, "death");
                    if person.died.is_none() {
                        person.died = date;
                    } else {
                        self.drop("other death events (DEAT)".to_string(), child.at);
                    }
                }
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
                "ADOP" => {
                    // An adoption event names the adoptive family: the child's link to it is
                    // an adoption even when the FAMC line does not say so.
                    if let Some(family) = child.child("FAMC").filter(|f| f.pointer) {
                        let key = self.key(&family.value);
                        adopted_by.push((key, family.value_at));
                    }
                    for piece in &child.children {
                        if piece.tag != "FAMC" {
                            self.drop_tag(piece);
                        }
                    }
                }
                "FAMS" => {
                    // The family's own HUSB and WIFE lines say the same, and are what is read.
                    self.unused_children(child, &[]);
                }
                "NOTE" | "SNOTE" => {
                    if let Some(note) = self.note_ref(child) {
                        person.notes.push(note);
                    }
                }
                "OCCU" => {
                    // An occupation is the kind of fact a genogram shows under a name.
                    let value = one_line(&child.value);
                    if !value.is_empty() {
                        person
                            .notes
                            .push(NoteRef::Text(text(value, child.value_at)));
                    }
                    self.unused_children(child, &[]);
                }
                "ASSO" => self.association(child),
                "CHAN" | "RIN" | "REFN" | "_UID" | "UID" | "EXID" | "AFN" | "SUBM" => self.drop(
                    "record-keeping details (change dates, record numbers)".into(),
                    child.at,
                ),
                _ => self.drop_tag(child),
            }
        }
        for (family, at) in adopted_by {
            match person.families.iter_mut().find(|l| l.family == family) {
                Some(link) if link.pedigree == Pedigree::Unstated => {
                    link.pedigree = Pedigree::Adopted
                }
                Some(_) => {}
                None => person.families.push(ChildOf {
                    family,
                    pedigree: Pedigree::Adopted,
                    at,
                }),
            }
        }
        if person.born.is_none()
            && let Some((christened, at)) = person.christened
        {
            let born = christened.qualified(crate::model::Qualifier::Before);
            self.note(
                at,
                format!(
                    "There is no birth date, so the christening or baptism date was used: the \
                     birth date was imported as \"{}\".",
                    born.to_case_text()
                ),
            );
            person.born = Some(text(born.to_case_text(), at));
        }
        if person.died.is_none()
            && let Some((buried, at)) = person.buried
        {
            let died = buried.qualified(crate::model::Qualifier::Before);
            self.note(
                at,
                format!(
                    "There is no death date, so the burial or cremation date was used: the \
                     death date was imported as \"{}\".",
                    died.to_case_text()
                ),
            );
            person.died = Some(text(died.to_case_text(), at));
        }
        self.people.push(person);
    }

    /// `NAME Patrick Branwell /Brontë/` → "Patrick Branwell Brontë". Name pieces (`NSFX`,
    /// `NICK`, ...) that the name itself does not already contain are reported.
    fn name(&mut self, node: &Node) -> Option<Text> {
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

    fn sex(&mut self, node: &Node) -> Option<Text> {
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
    fn event_date(&mut self, event: &Node, what: &str) -> Option<Text> {
        self.unused_children(event, &["DATE"]);
        let node = event.child("DATE")?;
        self.date(node, &format!("{what} date"))
    }

    /// A GEDCOM date as a case file date, with a note when it was simplified or dropped.
    fn date(&mut self, node: &Node, what: &str) -> Option<Text> {
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
    fn bound_date(&mut self, event: &Node) -> Option<(PartialDate, Location)> {
        let node = event.child("DATE")?;
        let converted = date::convert(&node.value).date?;
        let parsed = PartialDate::parse(&converted).ok()?;
        (parsed.qualifier() == crate::model::Qualifier::Exact).then_some((parsed, node.value_at))
    }

    fn seen(&mut self, date: PartialDate) {
        let end = date.end();
        if self.latest.is_none_or(|latest| end > latest) {
            self.latest = Some(end);
        }
    }

    /// Reports every line under `node` except the tags listed.
    fn unused_children(&mut self, node: &Node, used: &[&str]) {
        for child in &node.children {
            if !used.contains(&child.tag.as_str()) {
                self.drop_tag(child);
            }
        }
    }

    /// `FAMC @F1@` with its `PEDI`.
    fn child_of(&mut self, node: &Node) -> Option<ChildOf> {
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

    fn note_ref(&mut self, node: &Node) -> Option<NoteRef> {
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
    fn association(&mut self, node: &Node) {
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

    fn family(&mut self, record: Node) {
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

    fn family_state(&mut self, family: &mut Family, event: &Node, status: &'static str, rank: u8) {
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

    /// Resolves links and writes the case file.
    fn finish(mut self) -> (CaseFile, Vec<Diagnostic>) {
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
    fn short_note(&mut self, note: Text, notes: &mut Vec<Text>) {
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
    fn take_note(&mut self, key: &str) -> Option<String> {
        let (value, _, used) = self.notes.get_mut(key)?;
        *used = true;
        Some(value.clone())
    }

    fn missing(&mut self, key: &str, at: Location, kind: &str) {
        self.note(
            at,
            format!("This refers to the {kind} @{key}@, which is not in the file; the link was not imported."),
        );
    }

    fn case_section(&mut self) -> CaseSection {
        let head = Location { line: 1, column: 1 };
        // The header's FILE is a path on the machine that wrote the tree, so it names nothing
        // here: without a submitter the title comes from the file's own name.
        let title = match &self.submitter {
            Some(submitter) => {
                let key = self.key(submitter);
                self.submitters
                    .get(&key)
                    .map(|name| format!("Family tree from {name}"))
            }
            None => None,
        };
        let as_at = match self.header_date {
            Some((date, at)) => {
                self.note(
                    at,
                    format!(
                        "The case's \"as at\" date was set to {}, the date the file was made.",
                        date.end()
                    ),
                );
                text(date.end().to_string(), at)
            }
            None => match self.latest {
                Some(latest) => {
                    self.note(
                        head,
                        format!(
                            "The file has no date of its own, so the case's \"as at\" date was set \
                             to {latest}, the end of the latest date in the file."
                        ),
                    );
                    text(latest.to_string(), head)
                }
                None => {
                    self.note(
                        head,
                        "The file has no date genochron can use, so the case's \"as at\" date was set to \
                         2000-01-01. Change it to the date the genogram should show.",
                    );
                    text("2000-01-01", head)
                }
            },
        };
        CaseSection {
            title: title.map(|t| text(t, head)),
            as_at: Some(as_at),
            at: head,
            ..CaseSection::default()
        }
    }

    fn report_dropped(&mut self) {
        let dropped = std::mem::take(&mut self.dropped);
        for (what, item) in dropped {
            let mut lines: Vec<String> = item.lines.iter().map(|l| l.to_string()).collect();
            let more = item.count - item.lines.len();
            let place = if more > 0 {
                format!("lines {} and {more} more", lines.join(", "))
            } else if lines.len() == 1 {
                format!("line {}", lines.remove(0))
            } else {
                let last = lines.pop().unwrap_or_default();
                format!("lines {} and {last}", lines.join(", "))
            };
            let count = if item.count > 1 {
                format!(", {} of them", item.count)
            } else {
                String::new()
            };
            self.note(
                item.first,
                format!(
                    "Not imported: {what}{count}, on {place}. A case file has no place for them."
                ),
            );
        }
    }
}

/// A partnership's states in the order they happened: by date when every state has one,
/// otherwise in the order a partnership moves through them.
fn family_states(states: &[FamilyState]) -> Vec<StateInput> {
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

/// Continuation lines joined with spaces: a note is shown as lines under a name, where the
/// file's own line breaks (often only wrapping) mean nothing.
fn one_line(value: &str) -> String {
    value.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// What a kind of record is, for "Not imported" notes.
fn record_kind(tag: &str) -> &'static str {
    match tag {
        "SOUR" => "source",
        "REPO" => "repository",
        "OBJE" => "media",
        "SUBN" => "submission",
        _ => "other",
    }
}

/// What a tag holds, in words, for "Not imported" notes.
fn describe(tag: &str) -> String {
    let words = match tag {
        "PLAC" => "places",
        "SOUR" => "source citations",
        "OCCU" => "occupations",
        "RESI" => "residences",
        "CHR" | "BAPM" => "christening and baptism details",
        "BURI" | "CREM" => "burial and cremation details",
        "OBJE" => "media links",
        "TITL" => "titles",
        "EDUC" => "education details",
        "RELI" => "religions",
        "NATI" => "nationalities",
        "EVEN" => "other events",
        "FACT" => "other facts",
        "CENS" => "census entries",
        "IMMI" | "EMIG" | "NATU" => "migrations and naturalisations",
        "PROB" | "WILL" => "wills and probates",
        "GRAD" | "RETI" => "graduations and retirements",
        "ADDR" | "PHON" | "EMAIL" | "WWW" | "FAX" => "contact details",
        "NCHI" | "NMR" => "counts of children or marriages",
        "DSCR" => "physical descriptions",
        "ENDL" | "BAPL" | "CONL" | "SLGC" | "SLGS" | "INIL" => "Latter-day Saint ordinances",
        "ALIA" => "alias links",
        "ANCI" | "DESI" => "research interests",
        "ASSO" => "associations",
        "NOTE" | "SNOTE" => "notes on events and details",
        "AGE" => "ages at events",
        "TYPE" => "event types",
        "TIME" => "times",
        "ADOP" => "adoption events",
        "CONF" | "FCOM" | "ORDN" | "BARM" | "BASM" | "BLES" | "CHRA" => "religious events",
        "MARB" | "MARC" | "MARL" | "MARS" => "marriage banns, contracts, licences and settlements",
        "NICK" => "nicknames",
        "NSFX" | "NPFX" | "SPFX" | "GIVN" | "SURN" => "name parts not in the name",
        "FAMS" => "links to own families",
        "PEDI" => "pedigree kinds",
        "QUAY" => "source quality ratings",
        "PAGE" | "DATA" | "TEXT" => "source details",
        "CAUS" => "causes",
        "AGNC" => "agencies",
        "LATI" | "LONG" | "MAP" => "map positions",
        "SSN" | "IDNO" => "identity numbers",
        "PROP" => "possessions",
        "CAST" => "castes",
        "RESN" => "restriction notices",
        "LANG" => "languages",
        "SEX" => "further sex lines",
        "DATE" => "dates of details",
        "PHRASE" => "phrases",
        _ if tag.starts_with('_') => return format!("program-specific details ({tag})"),
        _ => return format!("details tagged {tag}"),
    };
    format!("{words} ({tag})")
}
