//! The resolved case: every id refers to someone, every date is parsed, every choice is an enum.
//!
//! `check` builds a [`Case`] from a case file; nothing after `check` can meet a problem the
//! user must fix. Later stages read the case and never change it (redaction makes a new one).

pub(crate) mod age;
pub(crate) mod date;
pub(crate) mod supervision;

use chrono::NaiveDate;
use std::collections::BTreeMap;
use std::fmt;

pub use crate::as_at::Cut;
pub use age::Age;
pub use date::{DateError, PartialDate, Period, Precision, Qualifier, Span};
pub use supervision::{ActionProgress, Interval, Review, VisitRule};

/// The case file's own short id for a person ("amy", "kwabena-mensah").
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct PersonId(pub String);

impl fmt::Display for PersonId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl PersonId {
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

/// A whole case: the family and network, their households, and the child's chronology.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Case {
    pub details: CaseDetails,
    pub people: People,
    pub partnerships: Vec<Partnership>,
    /// Each child's links to its parents; a child's `primary` parentage is the one it is
    /// drawn under. In file order.
    pub parentage: Vec<Parentage>,
    pub multiple_births: Vec<MultipleBirth>,
    pub relationships: Vec<Relationship>,
    pub households: Vec<Household>,
    /// In file order; sort with [`Case::entries_in_date_order`].
    pub entries: Vec<Entry>,
    pub periods: Vec<StatusPeriod>,
    pub audiences: Vec<Audience>,
    /// How often the subject children should be seen.
    pub visits: Vec<VisitRule>,
    /// Supervision reviews, by date.
    pub reviews: Vec<Review>,
    /// Where each free text came from in the case file, for the redaction check's messages.
    pub places: Places,
}

/// Which free text of a case a [`Places`] key names: the same key is made by `check` (from the
/// file) and by redaction (from the model), so a match found in a text can be reported at its
/// line and column.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum TextKey {
    Title,
    Reference,
    Author,
    /// A field of the statement of truth ("text", "name", "role").
    Statement(&'static str),
    /// A person's field ("name", "known-as", "role", "address", "school", "aliases", "notes")
    /// and its position in a list.
    Person(PersonId, &'static str, usize),
    Relationship(usize),
    Household(usize),
    Period(usize),
    /// An entry by its position in file order, a field and its position in a list (impacts,
    /// factors, people's roles).
    Entry(usize, &'static str, usize),
    /// An entry's wording for an audience: entry position, wording position, field.
    Wording(usize, usize, &'static str),
    /// A role an audience shows a person by: audience position, person position.
    AudienceRole(usize, usize),
    /// A supervision review by its position in date order, a field ("who", "decisions")
    /// and its position in a list.
    Review(usize, &'static str, usize),
}

/// Where the free texts of a case were written.
#[derive(Debug, Clone, Default)]
pub struct Places(pub BTreeMap<TextKey, crate::diagnostic::Location>);

/// Two cases are the same when they say the same things: the same case written as YAML, JSON
/// or TOML, or written back out and read again, is the same case though its lines differ.
impl PartialEq for Places {
    fn eq(&self, _: &Places) -> bool {
        true
    }
}

impl Places {
    pub fn get(&self, key: &TextKey) -> Option<crate::diagnostic::Location> {
        self.0.get(key).copied()
    }
}

/// The case's title block.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CaseDetails {
    pub reference: String,
    pub title: String,
    /// The subject children, in the order the case lists them.
    pub subjects: Vec<PersonId>,
    /// The date everything is drawn "as at": ages, partnership states, households.
    pub as_at: NaiveDate,
    pub author: Option<String>,
    pub prepared: Option<NaiveDate>,
    pub hearing: Option<NaiveDate>,
    /// A short hash of the case file's bytes, so a printed copy can be matched to its file.
    pub source_hash: String,
    /// The case file's name (without folders), for messages and the title block.
    pub source_name: String,
    /// In an audience's version: the dates of entries and periods the version leaves out, so
    /// that a gap in involvement is claimed only where the whole record has one.
    pub withheld_spans: Vec<(NaiveDate, NaiveDate)>,
    /// The statement of truth and who signs it, when the case file gives one.
    pub statement: Option<Statement>,
    /// What the "as at" cut left out as later than `as_at` (see `crate::as_at`); `None` until
    /// the cut is made.
    pub cut: Option<Cut>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Gender {
    Male,
    Female,
    NonBinary,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SexAtBirth {
    /// Assigned male at birth.
    Amab,
    /// Assigned female at birth.
    Afab,
    /// Unassigned at birth.
    Uaab,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum LossKind {
    Miscarriage,
    Termination,
    Stillbirth,
}

/// What kind of symbol a person is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PersonKind {
    /// A person, known or not by name.
    Individual,
    /// An ongoing pregnancy; the person's `born` is the expected date.
    Pregnancy,
    /// A pregnancy that ended; the person's `born` is when.
    Loss(LossKind),
    /// Several people of one kind drawn as one symbol ("3 siblings, details unknown").
    Group { count: u32 },
}

#[derive(Debug, Clone, PartialEq)]
pub struct Person {
    pub id: PersonId,
    /// The name as the file gives it; empty when not known.
    pub name: String,
    pub known_as: Option<String>,
    /// Other names (maiden name, nickname): never drawn, searched for by redaction.
    pub aliases: Vec<String>,
    pub gender: Gender,
    pub sex_at_birth: Option<SexAtBirth>,
    pub kind: PersonKind,
    pub born: Option<PartialDate>,
    pub died: Option<PartialDate>,
    /// True when the person has died, with or without a known date.
    pub deceased: bool,
    /// The identity of this person is not known (an unnamed father): drawn with "?".
    pub unknown: bool,
    /// Extra lines under the name (occupation, "lives in Leeds", health, substance use), each
    /// with the time it holds.
    pub notes: Vec<DatedText>,
    /// A role in the child's life ("maternal grandmother", "foster carer"), with the time it
    /// holds.
    pub role: Option<DatedText>,
    pub address: Option<String>,
    pub school: Option<String>,
    /// The birth date is known but withheld from this version: shown as "withheld", never as
    /// "not recorded".
    pub birth_date_withheld: bool,
}

impl Person {
    /// A person known only by id, name and gender; every other detail empty. For building
    /// cases in code (tests, generated families); `check` builds people from case files.
    pub fn new(id: impl Into<String>, name: impl Into<String>, gender: Gender) -> Person {
        Person {
            id: PersonId(id.into()),
            name: name.into(),
            known_as: None,
            aliases: Vec::new(),
            gender,
            sex_at_birth: None,
            kind: PersonKind::Individual,
            born: None,
            died: None,
            deceased: false,
            unknown: false,
            notes: Vec::new(),
            role: None,
            address: None,
            school: None,
            birth_date_withheld: false,
        }
    }

    /// The name to show: the known-as name when given, else the name, else "Unknown".
    pub fn display_name(&self) -> &str {
        match (&self.known_as, self.name.is_empty()) {
            (Some(known_as), _) => known_as,
            (None, false) => &self.name,
            (None, true) => "Unknown",
        }
    }

    /// The word before the birth date: "due" for a pregnancy (whose birth date is the date it
    /// is expected, as in a case drawn as at a day before a subject child's birth), else "born".
    pub fn born_word(&self) -> &'static str {
        match self.kind {
            PersonKind::Pregnancy => "due",
            _ => "born",
        }
    }

    /// The age on a day, when the birth date is known and the person was alive then.
    /// A deceased person's age is their age at death; unknown when the death date is.
    pub fn age_at(&self, day: NaiveDate) -> Option<Age> {
        let born = self.born.as_ref()?;
        if self.deceased && self.died.is_none() {
            return None;
        }
        let day = match &self.died {
            Some(died) if died.start() < day => died.start(),
            _ => day,
        };
        Some(Age::at(born, day))
    }

    /// Whole years for inside a symbol, as [`age::years_text`] gives them: "57–58" for a
    /// person born in 1968, on a day in January 2026. A deceased person's age at death.
    pub fn years_text_at(&self, day: NaiveDate) -> Option<String> {
        let born = self.born.as_ref()?;
        if self.deceased && self.died.is_none() {
            return None;
        }
        let day = match &self.died {
            Some(died) if died.start() < day => died.start(),
            _ => day,
        };
        age::years_text(born, day)
    }
}

/// A statement of truth and its signature block.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub text: String,
    pub name: String,
    pub role: Option<String>,
    /// The day it is signed; `None` to be dated by hand.
    pub date: Option<NaiveDate>,
}

/// A role or note and the time it holds: open ends when the case file gives no dates.
#[derive(Debug, Clone, PartialEq)]
pub struct DatedText {
    pub text: String,
    pub span: Span,
}

impl From<&str> for DatedText {
    fn from(text: &str) -> DatedText {
        DatedText::always(text)
    }
}

impl From<String> for DatedText {
    fn from(text: String) -> DatedText {
        DatedText::always(text)
    }
}

impl DatedText {
    /// Text that holds throughout.
    pub fn always(text: impl Into<String>) -> DatedText {
        DatedText {
            text: text.into(),
            span: Span::ALWAYS,
        }
    }
}

/// The kinds of partnership, in the order a relationship usually moves through them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PartnershipStatus {
    Dating,
    Affair,
    Cohabiting,
    Engaged,
    Married,
    CivilPartnership,
    Separated,
    Divorced,
    Dissolved,
    Reconciled,
    Widowed,
}

/// One state of a partnership from a date on.
#[derive(Debug, Clone, PartialEq)]
pub struct PartnershipState {
    pub status: PartnershipStatus,
    /// When the state began; `None` when not known (the state then counts from the start).
    pub from: Option<PartialDate>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Partnership {
    /// From the file, or made from the partners' ids ("sarah--kwabena").
    pub id: String,
    pub partners: [PersonId; 2],
    /// In date order (unknown dates first, then file order).
    pub states: Vec<PartnershipState>,
}

impl Partnership {
    /// The state on a day: the last state that had begun by then. Before any dated state,
    /// the first state. `None` only when the partnership had not begun on that day.
    pub fn state_at(&self, day: NaiveDate) -> Option<&PartnershipState> {
        let mut current = None;
        for state in &self.states {
            match &state.from {
                Some(from) if from.start() > day => break,
                _ => current = Some(state),
            }
        }
        current
    }
}

/// How a child is linked to the parents it hangs from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ChildLink {
    Biological,
    Adopted,
    Foster,
    Step,
    KinshipCare,
    SpecialGuardianship,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Parentage {
    pub child: PersonId,
    /// One or two parents, of any gender.
    pub parents: Vec<PersonId>,
    pub link: ChildLink,
    /// The parentage the child is drawn under. Every child with parents has exactly one.
    pub primary: bool,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Zygosity {
    Identical,
    Fraternal,
    Unknown,
}

/// Twins, triplets and other children of one birth.
#[derive(Debug, Clone, PartialEq)]
pub struct MultipleBirth {
    pub children: Vec<PersonId>,
    pub zygosity: Zygosity,
}

/// The kinds of emotional relationship, drawn over the family structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationshipKind {
    Close,
    VeryClose,
    Distant,
    Conflict,
    Hostile,
    CloseHostile,
    CutOff,
    Repaired,
    FocusedOn,
    PhysicalAbuse,
    EmotionalAbuse,
    SexualAbuse,
    Neglect,
    DomesticAbuse,
    CoerciveControl,
}

impl RelationshipKind {
    /// Kinds drawn with an arrow from one person to the other.
    pub fn is_directed(self) -> bool {
        matches!(
            self,
            RelationshipKind::FocusedOn
                | RelationshipKind::PhysicalAbuse
                | RelationshipKind::EmotionalAbuse
                | RelationshipKind::SexualAbuse
                | RelationshipKind::Neglect
                | RelationshipKind::DomesticAbuse
                | RelationshipKind::CoerciveControl
        )
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Relationship {
    pub between: [PersonId; 2],
    pub kind: RelationshipKind,
    /// For directed kinds: `between[0]` is the one who harms or focuses, `between[1]` the one
    /// harmed or focused on.
    pub directed: bool,
    pub span: Span,
    pub note: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Membership {
    pub person: PersonId,
    pub span: Span,
}

/// People who live together, related or not.
#[derive(Debug, Clone, PartialEq)]
pub struct Household {
    pub id: String,
    pub name: String,
    pub members: Vec<Membership>,
}

impl Household {
    /// The members on a day, in file order.
    pub fn members_at(&self, day: NaiveDate) -> impl Iterator<Item = &PersonId> {
        self.members
            .iter()
            .filter(move |m| m.span.contains(day))
            .map(|m| &m.person)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Significance {
    Low,
    Medium,
    High,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Valence {
    Positive,
    Neutral,
    Negative,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum EntryStatus {
    Agreed,
    Disputed,
    Alleged,
}

/// The impact of an entry on one child (or on every child it concerns, when `child` is
/// `None`).
#[derive(Debug, Clone, PartialEq)]
pub struct Impact {
    pub child: Option<PersonId>,
    /// Empty when the worker gave only a valence.
    pub text: String,
    /// `None` when the worker did not rate it: never shown as "neutral".
    pub valence: Option<Valence>,
}

/// A person involved in an entry, with their role in it.
#[derive(Debug, Clone, PartialEq)]
pub struct Involvement {
    pub person: PersonId,
    pub role: Option<String>,
}

/// One chronology entry.
#[derive(Debug, Clone, PartialEq)]
pub struct Entry {
    /// The stable serial number cited from statements.
    pub number: u32,
    /// True when the case file wrote the number; false when it was given in file order.
    pub numbered: bool,
    pub date: PartialDate,
    /// For periods: the end, if it has one.
    pub end: Option<PartialDate>,
    /// Orders entries within a day ("23:40").
    pub time: Option<(u32, u32)>,
    /// The subject children it concerns.
    pub children: Vec<PersonId>,
    pub event: String,
    /// Lower-case, hyphenated ("domestic-abuse"); drives lanes and colours.
    pub category: String,
    pub factors: Vec<String>,
    pub source: String,
    pub reference: Option<String>,
    pub impacts: Vec<Impact>,
    pub action: Option<String>,
    /// Who does the action and by when, when the case file says.
    pub action_progress: Option<ActionProgress>,
    pub significance: Option<Significance>,
    pub status: EntryStatus,
    pub status_note: Option<String>,
    pub people: Vec<Involvement>,
    /// What the child said, in their words.
    pub voice: Option<String>,
    /// The audiences whose outputs include it; empty means every audience.
    pub audiences: Vec<String>,
    /// Other wordings for named audiences.
    pub wordings: Vec<Wording>,
}

/// An entry's wording for one audience: each field given replaces the entry's own.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Wording {
    pub audience: String,
    pub event: Option<String>,
    pub impact: Option<String>,
    pub action: Option<String>,
    pub voice: Option<String>,
}

/// The usual form of a category: "Domestic Abuse" and "domestic_abuse" are both
/// "domestic-abuse".
/// The usual categories of entries (docs/case-file.md), in the order the timeline draws their
/// lanes: states and moves first, then harms, then help and strengths. Others are allowed.
pub(crate) const USUAL_CATEGORIES: [&str; 14] = [
    "legal-status",
    "household-change",
    "placement",
    "domestic-abuse",
    "police",
    "neglect",
    "substance-use",
    "mental-health",
    "health",
    "education",
    "housing",
    "professional-intervention",
    "contact",
    "achievement",
];

pub(crate) fn category_key(text: &str) -> String {
    text.trim()
        .to_lowercase()
        .split(|c: char| c.is_whitespace() || c == '_' || c == '-')
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join("-")
}

/// The kinds of state drawn as bands behind a timeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum PeriodKind {
    EarlyHelp,
    ChildInNeed,
    ChildProtectionPlan,
    Section20,
    InterimCareOrder,
    CareOrder,
    PlacementOrder,
    SupervisionOrder,
    SpecialGuardianshipOrder,
    ChildArrangementsOrder,
    EmergencyProtectionOrder,
    PoliceProtection,
    Placement,
    School,
}

impl PeriodKind {
    /// Legal statuses, as against placements and schools.
    pub fn is_legal_status(self) -> bool {
        !matches!(self, PeriodKind::Placement | PeriodKind::School)
    }
}

/// A state the child was in for a while: a legal status, a placement, a school.
#[derive(Debug, Clone, PartialEq)]
pub struct StatusPeriod {
    pub kind: PeriodKind,
    /// The plan's category, the placement's or school's name.
    pub detail: Option<String>,
    pub children: Vec<PersonId>,
    pub period: Period,
}

/// How a person is shown to an audience that may not know who they are.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Disclosure {
    /// Initials only ("J. S.").
    Initials,
    /// A role instead of the name ("Local Authority Foster Carer").
    Role(String),
}

/// Details of a person an audience may not see.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HiddenField {
    Address,
    BirthDate,
    School,
    Notes,
}

/// A version of the outputs for one readership, and what it may not see.
#[derive(Debug, Clone, PartialEq)]
pub struct Audience {
    pub name: String,
    /// People shown only by initials or role.
    pub disclose: Vec<(PersonId, Disclosure)>,
    /// Fields hidden for everyone.
    pub hide: Vec<HiddenField>,
    /// The parts of the outputs it gets; anything else is left out.
    pub views: std::collections::BTreeSet<View>,
    /// The categories of entry it gets.
    pub categories: Categories,
    /// Matches of the redaction check the author has reviewed and released.
    pub accept: Vec<Acceptance>,
}

/// A part of the outputs an audience may be given.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum View {
    Genogram,
    /// The emotional relationships drawn over the genogram.
    Relationships,
    Households,
    LegalStatus,
    Placements,
    Schools,
    Timeline,
    Chronology,
}

impl View {
    pub const ALL: [View; 8] = [
        View::Genogram,
        View::Relationships,
        View::Households,
        View::LegalStatus,
        View::Placements,
        View::Schools,
        View::Timeline,
        View::Chronology,
    ];

    /// The word the case file uses.
    pub fn word(self) -> &'static str {
        match self {
            View::Genogram => "genogram",
            View::Relationships => "relationships",
            View::Households => "households",
            View::LegalStatus => "legal-status",
            View::Placements => "placements",
            View::Schools => "schools",
            View::Timeline => "timeline",
            View::Chronology => "chronology",
        }
    }
}

/// The categories of entry an audience gets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Categories {
    All,
    /// These category keys only.
    Only(std::collections::BTreeSet<String>),
}

impl Categories {
    pub fn includes(&self, category: &str) -> bool {
        match self {
            Categories::All => true,
            Categories::Only(keys) => keys.contains(category),
        }
    }
}

/// A reviewed match of the redaction check, released for one audience.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Acceptance {
    pub text: String,
    pub reason: String,
}

impl Case {
    /// The person with this id. Every id in a checked case resolves.
    pub fn person(&self, id: &PersonId) -> Option<&Person> {
        self.people.get(id)
    }

    /// Entries by date, then time, with equal dates kept in file order.
    pub fn entries_in_date_order(&self) -> Vec<&Entry> {
        let mut entries: Vec<&Entry> = self.entries.iter().collect();
        entries.sort_by_key(|e| (e.date.sort_key(), e.time));
        entries
    }

    /// The primary parentage of a child, if it has parents in the case.
    pub fn primary_parentage(&self, child: &PersonId) -> Option<&Parentage> {
        self.parentage
            .iter()
            .find(|p| p.primary && &p.child == child)
    }

    pub fn is_subject(&self, id: &PersonId) -> bool {
        self.details.subjects.contains(id)
    }
}

/// The people of a case in file order, found by id in logarithmic time.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct People {
    list: Vec<Person>,
    index: BTreeMap<PersonId, usize>,
}

impl People {
    /// Later people with an id already seen are kept in the list but not in the index;
    /// `check` refuses duplicate ids before a case is built.
    pub fn new(list: Vec<Person>) -> People {
        let mut index = BTreeMap::new();
        for (i, person) in list.iter().enumerate() {
            index.entry(person.id.clone()).or_insert(i);
        }
        People { list, index }
    }

    pub fn get(&self, id: &PersonId) -> Option<&Person> {
        self.index.get(id).map(|&i| &self.list[i])
    }

    /// The position of a person in file order.
    pub fn position(&self, id: &PersonId) -> Option<usize> {
        self.index.get(id).copied()
    }

    pub fn iter(&self) -> std::slice::Iter<'_, Person> {
        self.list.iter()
    }

    pub fn len(&self) -> usize {
        self.list.len()
    }

    pub fn is_empty(&self) -> bool {
        self.list.is_empty()
    }

    pub fn into_vec(self) -> Vec<Person> {
        self.list
    }
}

impl<'a> IntoIterator for &'a People {
    type Item = &'a Person;
    type IntoIter = std::slice::Iter<'a, Person>;
    fn into_iter(self) -> Self::IntoIter {
        self.list.iter()
    }
}
