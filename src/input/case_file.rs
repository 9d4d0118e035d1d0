//! The case file as written: every value still text, every value with the place it came from.
//!
//! These types mirror `docs/case-file.md` field for field. Readers (YAML, JSON, TOML, GEDCOM,
//! pedigree tables, CSV entries) produce them; `check` turns them into the model; `write`
//! turns them back into YAML. Values stay text here so that `check` can say exactly what is
//! wrong with each one, with its line.
//!
//! A record leaves its empty optional fields out when written (`skip_serializing_none`);
//! `#[serialize_always]` marks the fields a record needs, written (as null) even when missing.
//! Each record's `at` is `#[serde(skip)]`, which keeps it out of the schema too.

use crate::diagnostic::Location;
use crate::vocabulary;
use schemars::JsonSchema;
use serde::{Serialize, Serializer};
use std::borrow::Cow;

/// A value and where it was written. Serialises as the bare value.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Spanned<T> {
    pub value: T,
    pub at: Location,
}

impl<T> Spanned<T> {
    pub fn new(value: T, at: Location) -> Spanned<T> {
        Spanned { value, at }
    }
}

impl Spanned<String> {
    pub fn as_str(&self) -> &str {
        &self.value
    }
}

impl<T: Serialize> Serialize for Spanned<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

/// Every value in a case file is read as text, so `born: 2015` and `deceased: true` are as
/// good as `born: "2015"`: the schema accepts any single value where the reader does.
impl JsonSchema for Spanned<String> {
    fn schema_name() -> Cow<'static, str> {
        "Value".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({ "type": ["string", "number", "boolean"] })
    }

    fn inline_schema() -> bool {
        true
    }
}

/// Text from the file, with its place.
pub type Text = Spanned<String>;

/// A whole case file.
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
#[schemars(title = "genochron case file")]
pub struct CaseFile {
    /// The title block: reference, title, subject children, "as at" date.
    pub case: CaseSection,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub people: Vec<PersonInput>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub partnerships: Vec<PartnershipInput>,
    /// Twins, triplets and other children of one birth.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub twins: Vec<TwinsInput>,
    /// How people get on: drawn over the family.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub relationships: Vec<RelationshipInput>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub households: Vec<HouseholdInput>,
    /// The chronology.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub entries: Vec<EntryInput>,
    /// Legal statuses, placements and schools, drawn as bands.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub periods: Vec<PeriodInput>,
    /// Redacted versions of the outputs.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub audiences: Vec<AudienceInput>,
    /// How often a subject child should be seen: one rule, or a list of rules. A review
    /// flags a longer time than this with no entry of the rule's category about the child.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    #[schemars(with = "OneOrMany<VisitsInput>")]
    pub visits: Vec<VisitsInput>,
    /// Supervision reviews held on the case, in any order.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub reviews: Vec<ReviewInput>,
    /// Where the `case` section starts (line 1 when there is none).
    #[serde(skip)]
    pub at: Location,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct CaseSection {
    pub reference: Option<Text>,
    pub title: Option<Text>,
    /// The subject children: ids of people.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub children: Vec<Text>,
    /// Ages, partnerships and households are drawn as at this date. Defaults to `prepared`.
    pub as_at: Option<Text>,
    pub author: Option<Text>,
    /// The date the document was prepared.
    pub prepared: Option<Text>,
    /// The hearing date, if there is one.
    pub hearing: Option<Text>,
    /// The statement of truth and who signs it, printed on the front page of a report.
    pub statement: Option<StatementInput>,
    #[serde(skip)]
    pub at: Location,
}

/// A statement of truth and its signature block.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct StatementInput {
    /// The statement's words, as the court's rules give them.
    #[serialize_always]
    pub text: Option<Text>,
    /// Who signs it.
    #[serialize_always]
    pub name: Option<Text>,
    /// Their role or position ("Social Worker, Westvale Children's Services").
    pub role: Option<Text>,
    /// The day it is signed; leave out to sign by hand.
    pub date: Option<Text>,
    #[serde(skip)]
    pub at: Location,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PersonInput {
    /// A short id used everywhere else in the file.
    #[serialize_always]
    pub id: Option<Text>,
    pub name: Option<Text>,
    pub known_as: Option<Text>,
    /// Other names the person is or was known by (a maiden name, a nickname, a business
    /// named after them). Never drawn; a redacted version refuses to show any of them.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub aliases: Vec<Text>,
    /// male, female, non-binary or unknown.
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::GENDERS))))]
    pub gender: Option<Text>,
    /// amab, afab or uaab.
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::SEXES))))]
    pub sex_at_birth: Option<Text>,
    pub born: Option<Text>,
    pub died: Option<Text>,
    /// true when the person has died and the date is not known.
    pub deceased: Option<Text>,
    /// true for someone whose identity is not known: drawn with "?".
    pub unknown: Option<Text>,
    /// true for an ongoing pregnancy; `born` is the expected date.
    pub pregnancy: Option<Text>,
    /// miscarriage, termination or stillbirth; `born` is the date.
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::LOSSES))))]
    pub loss: Option<Text>,
    /// Several people drawn as one symbol.
    pub count: Option<Text>,
    /// Extra lines under the name: each a text, or `{text, from, to}` when it holds only
    /// for a while ("Year 8", "on probation").
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub notes: Vec<DatedText>,
    /// A role in the child's life: a text, or `{text, from, to}` ("kinship carer" from 2025-10).
    pub role: Option<DatedText>,
    pub address: Option<Text>,
    pub school: Option<Text>,
    /// One or two parents the child is drawn under.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub parents: Vec<Text>,
    /// biological (the default), adopted, foster, step, kinship-care or special-guardianship.
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::LINKS))))]
    pub link: Option<Text>,
    /// Other parent figures, each with its own link and dates.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub other_parents: Vec<OtherParentsInput>,
    #[serde(skip)]
    pub at: Location,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct OtherParentsInput {
    pub parents: Vec<Text>,
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::LINKS))))]
    #[serialize_always]
    pub link: Option<Text>,
    pub from: Option<Text>,
    pub to: Option<Text>,
    #[serde(skip)]
    pub at: Location,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PartnershipInput {
    pub id: Option<Text>,
    pub partners: Vec<Text>,
    /// A single state, written on one line with `from`.
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::STATUSES))))]
    pub status: Option<Text>,
    pub from: Option<Text>,
    /// The states in the order they happened.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub states: Vec<StateInput>,
    #[serde(skip)]
    pub at: Location,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct StateInput {
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::STATUSES))))]
    #[serialize_always]
    pub status: Option<Text>,
    pub from: Option<Text>,
    #[serde(skip)]
    pub at: Location,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct TwinsInput {
    pub children: Vec<Text>,
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::ZYGOSITIES))))]
    pub zygosity: Option<Text>,
    #[serde(skip)]
    pub at: Location,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct RelationshipInput {
    pub between: Vec<Text>,
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::RELATIONSHIP_KINDS))))]
    #[serialize_always]
    pub kind: Option<Text>,
    /// For kinds with a direction: who harms, or who focuses.
    pub by: Option<Text>,
    pub from: Option<Text>,
    pub to: Option<Text>,
    pub note: Option<Text>,
    #[serde(skip)]
    pub at: Location,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct HouseholdInput {
    pub id: Option<Text>,
    #[serialize_always]
    pub name: Option<Text>,
    pub members: Vec<MemberInput>,
    #[serde(skip)]
    pub at: Location,
}

/// A household member: an id (a member throughout), or a person with dates.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum MemberInput {
    Throughout(Text),
    Dated(DatedMemberInput),
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct DatedMemberInput {
    #[serialize_always]
    pub person: Option<Text>,
    pub from: Option<Text>,
    pub to: Option<Text>,
    #[serde(skip)]
    pub at: Location,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct EntryInput {
    /// The serial number cited from statements.
    pub number: Option<Text>,
    #[serialize_always]
    pub date: Option<Text>,
    /// For periods: the end.
    pub end: Option<Text>,
    /// "23:40": orders entries on the same day.
    pub time: Option<Text>,
    /// The subject children it concerns (default: all).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub children: Vec<Text>,
    /// A factual headline in plain, non-judgemental English.
    #[serialize_always]
    pub event: Option<Text>,
    pub category: Option<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub factors: Vec<Text>,
    /// Who recorded it: agency and record.
    #[serialize_always]
    pub source: Option<Text>,
    pub reference: Option<Text>,
    /// The impact on the child: text for all children, or a list per child.
    pub impact: Option<ImpactInput>,
    /// positive, neutral or negative, for an impact written as text.
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::VALENCES))))]
    pub valence: Option<Text>,
    /// What was agreed: text, or a group with `text`, `who`, `due` and `done`.
    pub action: Option<ActionInput>,
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::SIGNIFICANCES))))]
    pub significance: Option<Text>,
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::ENTRY_STATUSES))))]
    pub status: Option<Text>,
    pub status_note: Option<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub people: Vec<InvolvementInput>,
    /// What the child said, in their words.
    pub voice: Option<Text>,
    /// Only these audiences' outputs include it.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub audience: Vec<Text>,
    /// Other wordings of this entry for named audiences (the child's words are never
    /// reworded by the program: a version that may not show them as written needs its own).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub wording: Vec<WordingInput>,
    #[serde(skip)]
    pub at: Location,
}

#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ImpactInput {
    ForAll(Text),
    PerChild(Vec<ChildImpactInput>),
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ChildImpactInput {
    #[serialize_always]
    pub child: Option<Text>,
    #[serialize_always]
    pub text: Option<Text>,
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::VALENCES))))]
    pub valence: Option<Text>,
    #[serde(skip)]
    pub at: Location,
}

/// A person involved in an entry: an id, or a person with a role.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum InvolvementInput {
    Plain(Text),
    WithRole(RoleInput),
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct RoleInput {
    #[serialize_always]
    pub person: Option<Text>,
    pub role: Option<Text>,
    #[serde(skip)]
    pub at: Location,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct PeriodInput {
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::PERIOD_KINDS))))]
    #[serialize_always]
    pub kind: Option<Text>,
    /// The plan's category, or the placement's or school's name.
    pub detail: Option<Text>,
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub children: Vec<Text>,
    #[serialize_always]
    pub from: Option<Text>,
    pub to: Option<Text>,
    #[serde(skip)]
    pub at: Location,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct AudienceInput {
    #[serialize_always]
    pub name: Option<Text>,
    /// People shown only by role or initials.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub people: Vec<DisclosureInput>,
    /// Fields hidden from this audience: address, birth-date, school, notes.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub hide: Vec<Text>,
    /// The parts of the outputs this audience gets: genogram, relationships, households,
    /// legal-status, placements, schools, timeline, chronology, or all. Anything not listed
    /// is left out.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub views: Vec<Text>,
    /// The categories of entry this audience gets (`all` for every category). An entry of a
    /// category not listed is left out.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub categories: Vec<Text>,
    /// Matches of the redaction check the author has reviewed and releases for this audience.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub accept: Vec<AcceptInput>,
    #[serde(skip)]
    pub at: Location,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct DisclosureInput {
    #[serialize_always]
    pub person: Option<Text>,
    /// role or initials.
    #[schemars(extend("enum" = (vocabulary::schema_words(vocabulary::SHOWS))))]
    #[serialize_always]
    pub show: Option<Text>,
    pub role: Option<Text>,
    #[serde(skip)]
    pub at: Location,
}

/// An action agreed in an entry: the text alone, or with who does it and by when.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum ActionInput {
    Text(Text),
    Tracked(TrackedActionInput),
}

impl ActionInput {
    /// The action's text, in either form.
    pub fn text(&self) -> Option<&Text> {
        match self {
            ActionInput::Text(text) => Some(text),
            ActionInput::Tracked(tracked) => tracked.text.as_ref(),
        }
    }
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct TrackedActionInput {
    #[serialize_always]
    pub text: Option<Text>,
    /// Who is to do it: a name, a role or an agency.
    pub who: Option<Text>,
    /// When it is due.
    pub due: Option<Text>,
    /// When it was done; leave out while it is not done.
    pub done: Option<Text>,
    #[serde(skip)]
    pub at: Location,
}

/// A role or note that may hold only for a while: written as plain text (it holds
/// throughout), or as `{text, from, to}`. Serialises back the way it can be written: plain
/// text when it has no dates.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct DatedText {
    pub text: Text,
    pub from: Option<Text>,
    pub to: Option<Text>,
    pub at: Location,
}

impl DatedText {
    /// The texts of a list of roles or notes, without their dates.
    pub fn texts(list: &[DatedText]) -> Vec<Text> {
        list.iter().map(|d| d.text.clone()).collect()
    }

    /// Text that holds throughout.
    pub fn plain(text: Text) -> DatedText {
        let at = text.at;
        DatedText {
            text,
            from: None,
            to: None,
            at,
        }
    }
}

impl Serialize for DatedText {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        if self.from.is_none() && self.to.is_none() {
            return self.text.serialize(serializer);
        }
        let mut map = serializer.serialize_map(None)?;
        map.serialize_entry("text", &self.text)?;
        if let Some(from) = &self.from {
            map.serialize_entry("from", from)?;
        }
        if let Some(to) = &self.to {
            map.serialize_entry("to", to)?;
        }
        map.end()
    }
}

impl JsonSchema for DatedText {
    fn schema_name() -> Cow<'static, str> {
        "DatedText".into()
    }

    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "anyOf": [
                { "type": ["string", "number", "boolean"] },
                {
                    "type": "object",
                    "properties": {
                        "text": { "type": ["string", "number", "boolean"] },
                        "from": {
                            "description": "The first day it holds.",
                            "type": ["string", "number"]
                        },
                        "to": {
                            "description": "The last day it holds.",
                            "type": ["string", "number"]
                        }
                    },
                    "required": ["text"],
                    "additionalProperties": false
                }
            ]
        })
    }
}

/// One value or a list of them, for the schema of fields that take either.
#[derive(JsonSchema)]
#[serde(untagged)]
#[allow(dead_code)]
enum OneOrMany<T> {
    One(T),
    Many(Vec<T>),
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct VisitsInput {
    /// The entry categories that count as seeing the child ("visit", "direct-work").
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub category: Vec<Text>,
    /// The longest time allowed between them: "10 working days", "14 days", "6 weeks".
    #[serialize_always]
    pub every: Option<Text>,
    /// The subject children the rule is for (default: all).
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub children: Vec<Text>,
    /// Bank holidays, not counted as working days.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub bank_holidays: Vec<Text>,
    #[serde(skip)]
    pub at: Location,
}

#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct ReviewInput {
    /// The day of the review.
    #[serialize_always]
    pub date: Option<Text>,
    /// Who took part.
    pub who: Option<Text>,
    /// What was decided, one item each.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub decisions: Vec<Text>,
    /// The date of the next review.
    pub next: Option<Text>,
    /// A scaling score from 0 to 10 (Signs of Safety).
    pub score: Option<Text>,
    #[serde(skip)]
    pub at: Location,
}

/// One entry's wording for one audience: the fields given replace the entry's own.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct WordingInput {
    #[serialize_always]
    pub audience: Option<Text>,
    pub event: Option<Text>,
    /// Replaces the impact text of every child.
    pub impact: Option<Text>,
    pub action: Option<Text>,
    /// The child's words as this audience may read them.
    pub voice: Option<Text>,
    #[serde(skip)]
    pub at: Location,
}

/// A match of the redaction check released by the author after review.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Default, Serialize, JsonSchema)]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub struct AcceptInput {
    /// The text the check matched, as it reported it.
    #[serialize_always]
    pub text: Option<Text>,
    /// Why showing it to this audience is safe.
    #[serialize_always]
    pub reason: Option<Text>,
    #[serde(skip)]
    pub at: Location,
}
