//! The audience's case, built field by field.
//!
//! Every record is taken apart with a pattern that names all its fields, and the new record is
//! written out field by field: a field added to the model does not compile here until someone
//! decides what each audience sees of it. Every text the audience will see is recorded on the
//! way (as written and as shown), for the check in `scan`.

use super::fold;
use crate::mentions::{self, Piece, Shown};
use crate::model::*;
use chrono::NaiveDate;
use std::collections::{BTreeMap, BTreeSet};

/// What kind of text the audience sees, which decides what the check looks for in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum SeenKind {
    /// Written by the author: every protected name and value is looked for.
    Free,
    /// The child's own words: never reworded, so a mention of someone the audience may not
    /// know by name cannot be written out in them.
    Voice,
    /// A shown person's own name: only family names of hidden people are looked for (a first
    /// name shared with a hidden person names the person shown, not the hidden one).
    OwnName,
}

/// One text as the audience sees it, and where it came from.
#[derive(Debug, Clone)]
pub struct Seen {
    pub key: TextKey,
    /// As written in the case file (invisible characters removed).
    pub written: String,
    /// As shown, mentions written out.
    pub shown: String,
    pub pieces: Vec<Piece>,
    pub kind: SeenKind,
}

/// The rules one version follows: the whole case (`None`), or a declared audience.
pub(crate) struct Builder<'a> {
    case: &'a Case,
    rules: Option<&'a Audience>,
    disclosed: BTreeMap<PersonId, &'a Disclosure>,
    ids: BTreeMap<PersonId, PersonId>,
    households: BTreeMap<String, String>,
    hidden_birth_days: BTreeSet<NaiveDate>,
    pub seen: Vec<Seen>,
    pub withheld_spans: Vec<(NaiveDate, NaiveDate)>,
    /// How many invisible characters were taken out of free text.
    pub invisible_removed: usize,
    /// Audience number by master number, for the entries kept.
    pub numbering: Vec<(u32, u32)>,
}

impl<'a> Builder<'a> {
    pub fn new(case: &'a Case, rules: Option<&'a Audience>) -> Builder<'a> {
        let disclosed: BTreeMap<PersonId, &Disclosure> = rules
            .map(|r| r.disclose.iter().map(|(id, d)| (id.clone(), d)).collect())
            .unwrap_or_default();
        // Case-file ids are usually made from names and end up in element ids, so a version
        // for an audience numbers people and households instead.
        let (ids, households) = match rules {
            None => (
                case.people
                    .iter()
                    .map(|p| (p.id.clone(), p.id.clone()))
                    .collect(),
                case.households
                    .iter()
                    .map(|h| (h.id.clone(), h.id.clone()))
                    .collect(),
            ),
            Some(_) => (
                case.people
                    .iter()
                    .enumerate()
                    .map(|(i, p)| (p.id.clone(), PersonId(format!("p{}", i + 1))))
                    .collect(),
                case.households
                    .iter()
                    .enumerate()
                    .map(|(i, h)| (h.id.clone(), format!("h{}", i + 1)))
                    .collect(),
            ),
        };
        let mut builder = Builder {
            case,
            rules,
            disclosed,
            ids,
            households,
            hidden_birth_days: BTreeSet::new(),
            seen: Vec::new(),
            withheld_spans: Vec::new(),
            invisible_removed: 0,
            numbering: Vec::new(),
        };
        builder.hidden_birth_days = case
            .people
            .iter()
            .filter(|p| builder.hides(p, HiddenField::BirthDate))
            .filter_map(|p| p.born)
            .filter(|b| b.precision() == Precision::Day)
            .map(|b| b.start())
            .collect();
        builder
    }

    /// True when this version may not show `field` of `person`: hidden for everyone, or the
    /// person is shown only by initials or role.
    pub fn hides(&self, person: &Person, field: HiddenField) -> bool {
        self.rules.is_some_and(|r| r.hide.contains(&field))
            || self.disclosed.contains_key(&person.id)
    }

    fn includes(&self, view: View) -> bool {
        self.rules.is_none_or(|r| r.views.contains(&view))
    }

    fn id(&self, id: &PersonId) -> PersonId {
        // Every id in a checked case resolves; one that does not still must not leak.
        self.ids
            .get(id)
            .cloned()
            .unwrap_or_else(|| PersonId("unknown".into()))
    }

    fn ids(&self, ids: &[PersonId]) -> Vec<PersonId> {
        ids.iter().map(|id| self.id(id)).collect()
    }

    /// How a mentioned person is shown in this version.
    fn shown(&self, id: &str) -> Option<Shown> {
        let person = self.case.person(&PersonId(id.to_string()))?;
        Some(match self.disclosed.get(&person.id) {
            Some(Disclosure::Initials) => Shown::Initials(initials(person)),
            Some(Disclosure::Role(role)) => Shown::Role(role.clone()),
            None => Shown::Name {
                short: short_name(person),
                full: match person.name.is_empty() {
                    true => person.display_name().to_string(),
                    false => person.name.clone(),
                },
            },
        })
    }

    /// A text the audience sees, as it sees it: invisible characters out, mentions written
    /// out. Recorded for the check.
    fn text(&mut self, key: TextKey, text: &str, kind: SeenKind) -> String {
        let (written, removed) = fold::strip_invisible(text);
        self.invisible_removed += removed;
        let case = self.case;
        let rendered = mentions::render(
            &written,
            |id| case.person(&PersonId(id.to_string())).is_some(),
            |id| self.shown(id),
        );
        let shown = rendered.text.clone();
        self.seen.push(Seen {
            key,
            written,
            shown: rendered.text,
            pieces: rendered.pieces,
            kind,
        });
        shown
    }

    fn optional(&mut self, key: TextKey, text: &Option<String>) -> Option<String> {
        text.as_ref().map(|t| self.text(key, t, SeenKind::Free))
    }

    /// A date that falls on a hidden birth date is shown to the year only: "Ama was born"
    /// dated to the day or month would give the birth date away.
    fn date(&self, date: PartialDate) -> PartialDate {
        let (start, end) = (date.start(), date.end());
        if date.precision() == Precision::Year
            || !self
                .hidden_birth_days
                .iter()
                .any(|d| start <= *d && *d <= end)
        {
            return date;
        }
        PartialDate::year(date.year_number())
            .map(|d| d.qualified(date.qualifier()))
            .unwrap_or(date)
    }

    fn span(&self, span: &Span) -> Span {
        let Span { from, to } = span;
        Span {
            from: from.map(|d| self.date(d)),
            to: to.map(|d| self.date(d)),
        }
    }

    /// The whole case as this version shows it.
    pub fn case(&mut self) -> Case {
        let case = self.case;
        let Case {
            details,
            people,
            partnerships,
            parentage,
            multiple_births,
            relationships,
            households,
            entries,
            periods,
            audiences: _,
            places: _,
            visits,
            reviews,
        } = case;
        Case {
            people: People::new(people.iter().map(|p| self.person(p)).collect()),
            partnerships: self.partnerships(partnerships),
            parentage: parentage.iter().map(|p| self.parentage(p)).collect(),
            multiple_births: multiple_births
                .iter()
                .map(|MultipleBirth { children, zygosity }| MultipleBirth {
                    children: self.ids(children),
                    zygosity: *zygosity,
                })
                .collect(),
            relationships: self.in_view(View::Relationships, relationships, Self::relationship),
            households: self.in_view(View::Households, households, Self::household),
            entries: self.entries(entries),
            periods: self.periods(periods),
            details: self.details(details),
            // A version carries no rules and no places: nothing after this needs them.
            audiences: Vec::new(),
            places: Places::default(),
            visits: visits
                .iter()
                .map(|rule| crate::model::VisitRule {
                    children: self.ids(&rule.children),
                    ..rule.clone()
                })
                .collect(),
            reviews: self.reviews(reviews),
        }
    }

    /// The items of a part of the case the audience gets, each built by `build`; none of a
    /// part it does not get.
    fn in_view<T>(
        &mut self,
        view: View,
        items: &[T],
        build: fn(&mut Self, usize, &T) -> T,
    ) -> Vec<T> {
        if !self.includes(view) {
            return Vec::new();
        }
        items
            .iter()
            .enumerate()
            .map(|(i, item)| build(self, i, item))
            .collect()
    }

    /// Who took part in a review and what it decided are free text like any other: each
    /// version shows them with mentions written out, and the check reads them.
    fn reviews(&mut self, reviews: &[crate::model::Review]) -> Vec<crate::model::Review> {
        let mut out = Vec::new();
        for (i, review) in reviews.iter().enumerate() {
            let crate::model::Review {
                date,
                who,
                decisions,
                next,
                score,
            } = review;
            let decisions = decisions
                .iter()
                .enumerate()
                .map(|(n, d)| self.text(TextKey::Review(i, "decisions", n), d, SeenKind::Free))
                .collect();
            out.push(crate::model::Review {
                date: *date,
                who: self.optional(TextKey::Review(i, "who", 0), who),
                decisions,
                next: *next,
                score: *score,
            });
        }
        out
    }

    fn details(&mut self, details: &CaseDetails) -> CaseDetails {
        let CaseDetails {
            reference,
            title,
            subjects,
            as_at,
            author,
            prepared,
            hearing,
            source_hash,
            source_name,
            withheld_spans: _,
            statement,
            cut,
        } = details;
        CaseDetails {
            reference: self.text(TextKey::Reference, reference, SeenKind::Free),
            title: self.text(TextKey::Title, title, SeenKind::Free),
            subjects: self.ids(subjects),
            as_at: *as_at,
            author: self.optional(TextKey::Author, author),
            prepared: *prepared,
            hearing: *hearing,
            // The hash still matches a printed copy to its file; the file's name is often
            // the family's, so a version for an audience never shows it.
            source_hash: source_hash.clone(),
            source_name: match self.rules {
                None => source_name.clone(),
                Some(_) => String::new(),
            },
            withheld_spans: self.withheld_spans.clone(),
            statement: statement.as_ref().map(|s| Statement {
                text: self.text(TextKey::Statement("text"), &s.text, SeenKind::Free),
                name: self.text(TextKey::Statement("name"), &s.name, SeenKind::Free),
                role: s
                    .role
                    .as_ref()
                    .map(|r| self.text(TextKey::Statement("role"), r, SeenKind::Free)),
                date: s.date,
            }),
            // Counts only: what the "as at" cut left out, never what it was.
            cut: *cut,
        }
    }

    /// A person built field by field: it destructures every field, so a field added to
    /// `Person` does not compile until its redaction rule is written here.
    fn person(&mut self, person: &Person) -> Person {
        let Person {
            id,
            name,
            known_as,
            aliases: _,
            gender,
            sex_at_birth,
            kind,
            born,
            died,
            deceased,
            unknown,
            notes,
            role,
            address,
            school,
            birth_date_withheld,
        } = person;
        let key = |field| TextKey::Person(id.clone(), field, 0);
        let (name, known_as) = self.names(person, name, known_as);
        let hides = |field| self.hides(person, field);
        let (hide_birth, hide_notes, hide_address, hide_school) = (
            hides(HiddenField::BirthDate),
            hides(HiddenField::Notes),
            hides(HiddenField::Address),
            hides(HiddenField::School),
        );
        let notes = match hide_notes {
            true => Vec::new(),
            false => self.notes(id, notes),
        };
        Person {
            id: self.id(id),
            name,
            known_as,
            // Other names are for the check only; no output draws them.
            aliases: Vec::new(),
            gender: *gender,
            sex_at_birth: *sex_at_birth,
            kind: kind.clone(),
            born: if hide_birth { None } else { *born },
            died: died.map(|d| self.date(d)),
            deceased: *deceased,
            unknown: *unknown,
            notes,
            role: role.as_ref().map(|r| crate::model::DatedText {
                text: self.text(key("role"), &r.text, SeenKind::Free),
                span: r.span,
            }),
            address: match hide_address {
                true => None,
                false => self.optional(key("address"), address),
            },
            school: match hide_school {
                true => None,
                false => self.optional(key("school"), school),
            },
            birth_date_withheld: *birth_date_withheld || (hide_birth && born.is_some()),
        }
    }

    /// The name and known-as name a person is shown by: their initials or role alone when
    /// the audience knows them only so.
    fn names(
        &mut self,
        person: &Person,
        name: &str,
        known_as: &Option<String>,
    ) -> (String, Option<String>) {
        let key = |field| TextKey::Person(person.id.clone(), field, 0);
        match self.disclosed.get(&person.id) {
            Some(Disclosure::Initials) => (initials(person), None),
            Some(Disclosure::Role(role)) => (role.clone(), None),
            None => (
                self.text(key("name"), name, SeenKind::OwnName),
                known_as
                    .as_ref()
                    .map(|k| self.text(key("known-as"), k, SeenKind::OwnName)),
            ),
        }
    }

    fn notes(
        &mut self,
        id: &PersonId,
        notes: &[crate::model::DatedText],
    ) -> Vec<crate::model::DatedText> {
        notes
            .iter()
            .enumerate()
            .map(|(i, n)| crate::model::DatedText {
                text: self.text(
                    TextKey::Person(id.clone(), "notes", i),
                    &n.text,
                    SeenKind::Free,
                ),
                span: n.span,
            })
            .collect()
    }

    fn partnerships(&mut self, partnerships: &[Partnership]) -> Vec<Partnership> {
        let mut used = BTreeSet::new();
        let mut out = Vec::new();
        for Partnership {
            id,
            partners,
            states,
        } in partnerships
        {
            let partners = [self.id(&partners[0]), self.id(&partners[1])];
            let id = match self.rules {
                None => id.clone(),
                Some(_) => {
                    let base = format!("{}--{}", partners[0], partners[1]);
                    let mut id = base.clone();
                    let mut n = 2;
                    while used.contains(&id) {
                        id = format!("{base}-{n}");
                        n += 1;
                    }
                    id
                }
            };
            used.insert(id.clone());
            let states = states
                .iter()
                .map(|PartnershipState { status, from }| PartnershipState {
                    status: *status,
                    from: from.map(|d| self.date(d)),
                })
                .collect();
            out.push(Partnership {
                id,
                partners,
                states,
            });
        }
        out
    }

    fn parentage(&self, parentage: &Parentage) -> Parentage {
        let Parentage {
            child,
            parents,
            link,
            primary,
            span,
        } = parentage;
        Parentage {
            child: self.id(child),
            parents: self.ids(parents),
            link: *link,
            primary: *primary,
            span: self.span(span),
        }
    }

    fn relationship(&mut self, i: usize, relationship: &Relationship) -> Relationship {
        let Relationship {
            between,
            kind,
            directed,
            span,
            note,
        } = relationship;
        Relationship {
            between: [self.id(&between[0]), self.id(&between[1])],
            kind: *kind,
            directed: *directed,
            span: self.span(span),
            note: self.optional(TextKey::Relationship(i), note),
        }
    }

    fn household(&mut self, i: usize, household: &Household) -> Household {
        let Household { id, name, members } = household;
        Household {
            id: self
                .households
                .get(id)
                .cloned()
                .unwrap_or_else(|| "household".into()),
            name: self.text(TextKey::Household(i), name, SeenKind::Free),
            members: members
                .iter()
                .map(|Membership { person, span }| Membership {
                    person: self.id(person),
                    span: self.span(span),
                })
                .collect(),
        }
    }

    /// True when the audience gets this entry: its views include the chronology or the
    /// timeline, its categories include the entry's, and the entry's own `audience` list (if
    /// any) names it.
    fn keeps(&self, entry: &Entry) -> bool {
        let Some(rules) = self.rules else {
            return true;
        };
        (rules.views.contains(&View::Chronology) || rules.views.contains(&View::Timeline))
            && rules.categories.includes(&entry.category)
            && (entry.audiences.is_empty() || entry.audiences.contains(&rules.name))
    }

    fn entries(&mut self, entries: &[Entry]) -> Vec<Entry> {
        let mut kept: Vec<(usize, &Entry)> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            if self.keeps(entry) {
                kept.push((i, entry));
            } else {
                let end = entry.end.unwrap_or(entry.date).end();
                self.withheld_spans.push((entry.date.start(), end));
            }
        }
        // A version numbers its entries 1, 2, 3 … with no holes that would count what is
        // withheld; the whole case keeps the numbers cited from statements.
        let mut by_number: Vec<u32> = kept.iter().map(|(_, e)| e.number).collect();
        by_number.sort_unstable();
        let renumber: BTreeMap<u32, u32> = by_number
            .iter()
            .enumerate()
            .map(|(i, n)| (*n, i as u32 + 1))
            .collect();
        if self.rules.is_some() {
            self.numbering = renumber.iter().map(|(a, b)| (*a, *b)).collect();
        }
        kept.into_iter()
            .map(|(i, entry)| {
                let number = match self.rules {
                    None => entry.number,
                    Some(_) => renumber.get(&entry.number).copied().unwrap_or(0),
                };
                self.entry(i, entry, number)
            })
            .collect()
    }

    /// An entry built field by field: it destructures every field, so a field added to
    /// `Entry` does not compile until its redaction rule is written here.
    fn entry(&mut self, i: usize, entry: &Entry, number: u32) -> Entry {
        let Entry {
            number: _,
            numbered: _,
            action_progress,
            date,
            end,
            time,
            children,
            event,
            category,
            factors,
            source,
            reference,
            impacts,
            action,
            significance,
            status,
            status_note,
            people,
            voice,
            audiences: _,
            wordings,
        } = entry;
        let wording = self.rules.and_then(|r| {
            wordings
                .iter()
                .enumerate()
                .find(|(_, w)| w.audience == r.name)
        });
        let key = |field, n| TextKey::Entry(i, field, n);
        let event = self
            .reworded(i, wording, "event", |w| &w.event, SeenKind::Free)
            .unwrap_or_else(|| self.text(key("event", 0), event, SeenKind::Free));
        let impacts = self.impacts(i, wording, impacts);
        let action = self
            .reworded(i, wording, "action", |w| &w.action, SeenKind::Free)
            .or_else(|| self.optional(key("action", 0), action));
        let voice = self
            .reworded(i, wording, "voice", |w| &w.voice, SeenKind::Voice)
            .or_else(|| {
                voice
                    .as_ref()
                    .map(|v| self.text(key("voice", 0), v, SeenKind::Voice))
            });
        let action_progress = action_progress.as_ref().map(|p| self.action_progress(i, p));
        Entry {
            number,
            numbered: true,
            action_progress,
            date: self.date(*date),
            end: end.map(|d| self.date(d)),
            time: *time,
            children: self.ids(children),
            event,
            category: self.text(key("category", 0), category, SeenKind::Free),
            factors: factors
                .iter()
                .enumerate()
                .map(|(n, f)| self.text(key("factors", n), f, SeenKind::Free))
                .collect(),
            source: self.text(key("source", 0), source, SeenKind::Free),
            reference: self.optional(key("reference", 0), reference),
            impacts,
            action,
            significance: *significance,
            status: *status,
            status_note: self.optional(key("status-note", 0), status_note),
            people: self.involvements(i, people),
            voice,
            // Which other audiences see an entry is not this audience's business.
            audiences: Vec::new(),
            wordings: Vec::new(),
        }
    }

    /// A field of an entry as the audience's own wording has it, if that wording gives it.
    fn reworded(
        &mut self,
        i: usize,
        wording: Option<(usize, &Wording)>,
        field: &'static str,
        pick: fn(&Wording) -> &Option<String>,
        kind: SeenKind,
    ) -> Option<String> {
        let (w, words) = wording?;
        let text = pick(words).as_ref()?;
        Some(self.text(TextKey::Wording(i, w, field), text, kind))
    }

    /// An entry's impacts, each child's replaced by the audience's wording of the impact
    /// when there is one.
    fn impacts(
        &mut self,
        i: usize,
        wording: Option<(usize, &Wording)>,
        impacts: &[Impact],
    ) -> Vec<Impact> {
        let impact_wording = wording.and_then(|(w, words)| {
            words
                .impact
                .as_ref()
                .map(|t| (TextKey::Wording(i, w, "impact"), t))
        });
        impacts
            .iter()
            .enumerate()
            .map(
                |(
                    n,
                    Impact {
                        child,
                        text,
                        valence,
                    },
                )| Impact {
                    child: child.as_ref().map(|c| self.id(c)),
                    text: match &impact_wording {
                        Some((k, t)) => self.text(k.clone(), t, SeenKind::Free),
                        None => self.text(TextKey::Entry(i, "impact", n), text, SeenKind::Free),
                    },
                    valence: *valence,
                },
            )
            .collect()
    }

    /// The people an entry involves, each with the role it gives them.
    fn involvements(&mut self, i: usize, people: &[Involvement]) -> Vec<Involvement> {
        people
            .iter()
            .enumerate()
            .map(|(n, Involvement { person, role })| Involvement {
                person: self.id(person),
                role: self.optional(TextKey::Entry(i, "people", n), role),
            })
            .collect()
    }

    /// Who is to do an action is free text, read by the check like any other.
    fn action_progress(
        &mut self,
        i: usize,
        progress: &crate::model::ActionProgress,
    ) -> crate::model::ActionProgress {
        let crate::model::ActionProgress { who, due, done } = progress;
        crate::model::ActionProgress {
            who: self.optional(TextKey::Entry(i, "action-who", 0), who),
            due: due.map(|d| self.date(d)),
            done: done.map(|d| self.date(d)),
        }
    }

    fn periods(&mut self, periods: &[StatusPeriod]) -> Vec<StatusPeriod> {
        let mut out = Vec::new();
        for (i, period) in periods.iter().enumerate() {
            let StatusPeriod {
                kind,
                detail,
                children,
                period: span,
            } = period;
            let view = match kind {
                PeriodKind::Placement => View::Placements,
                PeriodKind::School => View::Schools,
                _ => View::LegalStatus,
            };
            if !self.includes(view) {
                let end = span.end.map(|e| e.end()).unwrap_or(self.case.details.as_at);
                self.withheld_spans
                    .push((span.start.start(), end.max(span.start.start())));
                continue;
            }
            // A school's name is a school field of the child: hidden with it.
            let whose = match children.is_empty() {
                true => &self.case.details.subjects,
                false => children,
            };
            let school_hidden = *kind == PeriodKind::School
                && whose
                    .iter()
                    .filter_map(|c| self.case.person(c))
                    .any(|c| self.hides(c, HiddenField::School));
            let detail = match school_hidden {
                true => None,
                false => self.optional(TextKey::Period(i), detail),
            };
            let Period { start, end } = span;
            out.push(StatusPeriod {
                kind: *kind,
                detail,
                children: self.ids(children),
                period: Period {
                    start: self.date(*start),
                    end: end.map(|d| self.date(d)),
                },
            });
        }
        out
    }
}

/// "J. S.": the first letter of each part of the name.
pub fn initials(person: &Person) -> String {
    let source = match person.name.trim().is_empty() {
        true => person.known_as.as_deref().unwrap_or(""),
        false => person.name.as_str(),
    };
    let letters: Vec<String> = source
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|w| w.chars().find(|c| c.is_alphabetic()))
        .map(|c| format!("{}.", c.to_uppercase()))
        .collect();
    if letters.is_empty() {
        "Unknown".to_string()
    } else {
        letters.join(" ")
    }
}

/// The name a mention `@id` shows: the known-as name, else the first name.
pub(crate) fn short_name(person: &Person) -> String {
    match (&person.known_as, person.name.split_whitespace().next()) {
        (Some(known_as), _) => known_as.clone(),
        (None, Some(first)) => first.to_string(),
        (None, None) => person.display_name().to_string(),
    }
}
