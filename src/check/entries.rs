//! Chronology entries: dates, times, the children they concern, impacts and the people
//! involved.

use super::Checker;
use super::values::*;
use crate::diagnostic::{Location, clip};
use crate::input::case_file::*;
use crate::model::*;
use std::collections::BTreeMap;

impl Checker {
    pub(super) fn entries(
        &mut self,
        file: &CaseFile,
        details: &CaseDetails,
        audiences: &[Audience],
    ) -> Vec<Entry> {
        let mut numbers: BTreeMap<u32, Location> = BTreeMap::new();
        let mut entries = Vec::new();
        let mut unnumbered = Vec::new();
        for input in &file.entries {
            let number = input
                .number
                .as_ref()
                .and_then(|n| match n.value.trim().parse::<u32>() {
                    Ok(number) if number > 0 => {
                        if let Some(first) = numbers.get(&number) {
                            self.problem(
                                n.at,
                                format!(
                                    "Entry number {number} is also used on line {}.",
                                    first.line
                                ),
                                "Give each entry its own number.",
                            );
                        } else {
                            numbers.insert(number, n.at);
                        }
                        Some(number)
                    }
                    _ => {
                        self.problem(
                            n.at,
                            format!(
                                "The entry number \"{}\" is not a whole number from 1 up.",
                                clip(&n.value)
                            ),
                            "Write the serial number, such as `number: 47`.",
                        );
                        None
                    }
                });
            if let Some(entry) = self.entry(input, details, audiences) {
                if number.is_none() {
                    unnumbered.push(entries.len());
                }
                entries.push(Entry {
                    number: number.unwrap_or(0),
                    numbered: number.is_some(),
                    ..entry
                });
            }
        }
        // Entries without numbers follow the highest number given, in file order.
        let mut next = numbers.keys().next_back().copied().unwrap_or(0);
        for index in unnumbered {
            next += 1;
            entries[index].number = next;
        }
        entries
    }

    /// Every field of an entry, in the case file's order: the list of what an entry may hold
    /// and what is said when a field is wrong.
    pub(super) fn entry(
        &mut self,
        input: &EntryInput,
        details: &CaseDetails,
        audiences: &[Audience],
    ) -> Option<Entry> {
        let (date, end) = self.entry_dates(input);
        let event = self.text(&input.event, "event");
        if event.is_none() {
            self.missing(
                input.at,
                "entry",
                "event",
                "Add `event:` with a short factual headline of what happened.",
            );
        }
        let source = self.text(&input.source, "source");
        if source.is_none() && event.is_some() {
            self.note(input.at, "This entry has no `source`.".into(), "Courts expect every entry to say who recorded it: add `source:` (agency and record).");
        }
        let time = input.time.as_ref().and_then(|t| self.time(t));
        let children = self.entry_children(&input.children, details);
        let impacts = self.impacts(input, &children);
        if let Some(date) = date {
            self.before_conception(input, date, &children, &impacts);
        }
        let people = self.involvements(&input.people);
        let entry_audiences = self.entry_audiences(input, audiences);
        let action_text = input.action.as_ref().and_then(|a| a.text()).cloned();
        let action = self.text(&action_text, "action");
        let action_progress = input
            .action
            .as_ref()
            .and_then(|a| self.action_progress(a, action.is_some()));
        Some(Entry {
            number: 0,
            numbered: false,
            date: date?,
            end,
            time,
            children,
            event: event?,
            category: self.category(&input.category),
            factors: input
                .factors
                .iter()
                .filter_map(|f| self.text(&Some(f.clone()), "factor"))
                .collect(),
            source: source.unwrap_or_default(),
            reference: self.text(&input.reference, "reference"),
            impacts,
            action,
            action_progress,
            significance: input
                .significance
                .as_ref()
                .and_then(|s| self.choice(s, "significance", SIGNIFICANCES)),
            status: input
                .status
                .as_ref()
                .and_then(|s| self.choice(s, "status", ENTRY_STATUSES))
                .unwrap_or(EntryStatus::Agreed),
            status_note: self.text(&input.status_note, "status note"),
            people,
            voice: self.text(&input.voice, "child's voice"),
            audiences: entry_audiences,
            wordings: self.wordings(input, audiences),
        })
    }

    /// An entry's date, which it must have, and its end, which must not come before it.
    fn entry_dates(&mut self, input: &EntryInput) -> (Option<PartialDate>, Option<PartialDate>) {
        let date = match &input.date {
            Some(_) => self.date(&input.date, "entry date"),
            None => {
                self.missing(
                    input.at,
                    "entry",
                    "date",
                    "Add `date:`; if only the year is known write `date: 2019`, or `about 2019`.",
                );
                None
            }
        };
        let end = self.date(&input.end, "end of the entry");
        if let (Some(start), Some(end), Some(end_text)) = (date, end, &input.end)
            && end.end() < start.start()
        {
            self.problem(
                end_text.at,
                format!("This entry ends ({end}) before it starts ({start})."),
                "Check the two dates: one of them is probably mistyped.",
            );
        }
        (date, end)
    }

    /// The audiences an entry is for, each of which must be in `audiences`.
    fn entry_audiences(&mut self, input: &EntryInput, audiences: &[Audience]) -> Vec<String> {
        let mut entry_audiences = Vec::new();
        for name in &input.audience {
            let name_text = name.value.trim().to_string();
            if !audiences.is_empty() && !audiences.iter().any(|a| a.name == name_text) {
                let known: Vec<&str> = audiences.iter().map(|a| a.name.as_str()).collect();
                let help = match crate::diagnostic::nearest(&name_text, &known) {
                    Some(close) => format!("Did you mean \"{close}\"?"),
                    None => format!("The audiences in this file are: {}.", known.join(", ")),
                };
                self.problem(
                    name.at,
                    format!(
                        "This entry is for the audience \"{}\", which is not in `audiences`.",
                        clip(&name_text)
                    ),
                    help,
                );
            } else {
                entry_audiences.push(name_text);
            }
        }
        entry_audiences
    }

    pub(super) fn time(&mut self, text: &Text) -> Option<(u32, u32)> {
        let parsed = text.value.trim().split_once(':').and_then(|(h, m)| {
            let (h, m) = (h.parse::<u32>().ok()?, m.parse::<u32>().ok()?);
            (h < 24 && m < 60).then_some((h, m))
        });
        if parsed.is_none() {
            self.problem(
                text.at,
                format!("The time \"{}\" is not a time of day.", clip(&text.value)),
                "Write it as 23:40, in quotes: `time: \"23:40\"`.",
            );
        }
        parsed
    }

    /// The children an entry concerns: the ones it names, which must be subject children, or
    /// all subject children.
    /// An entry that names a child (in its `children`, or with an impact of its own) but is
    /// dated before that child was conceived, as when a row's impact was copied from an older
    /// brother's or sister's. Entries about all the subject children by default are not
    /// reported: the family's history before a child's birth is part of their story.
    fn before_conception(
        &mut self,
        input: &EntryInput,
        date: PartialDate,
        children: &[PersonId],
        impacts: &[Impact],
    ) {
        let named: Vec<&PersonId> = if input.children.is_empty() {
            impacts.iter().filter_map(|i| i.child.as_ref()).collect()
        } else {
            children.iter().collect()
        };
        for child in named {
            let Some(born) = self.births.get(&child.0).copied() else {
                continue;
            };
            // Conception is about 38 weeks before birth; ten months leaves room for a birth
            // after term and for a birth date known only to the month.
            let conceived = born.start().checked_sub_months(chrono::Months::new(10));
            if conceived.is_some_and(|conceived| date.end() < conceived) {
                self.note(
                    input.date.as_ref().map_or(input.at, |d| d.at),
                    format!(
                        "This entry ({date}) is about {}, but it is dated before they were \
                         conceived (born {born}).",
                        self.name_of(&child.0)
                    ),
                    "Check the date, and which child the entry and its impact are about: an \
                     impact copied from another child's row is a common slip.",
                );
            }
        }
    }

    /// The category as a key (`Legal status` → `legal-status`), with a note when it is not one
    /// of the usual categories but is close to one (`legal` for `legal-status`).
    fn category(&mut self, text: &Option<Text>) -> String {
        let Some(category) = self.text(text, "category").map(|c| category_key(&c)) else {
            return "other".into();
        };
        if !USUAL_CATEGORIES.contains(&category.as_str())
            && let Some(close) = crate::diagnostic::nearest(&category, &USUAL_CATEGORIES)
            && let Some(text) = text
        {
            self.note(
                text.at,
                format!(
                    "The category \"{}\" is not one of the usual categories, so it gets a lane \
                     of its own.",
                    clip(&category)
                ),
                format!("Did you mean \"{close}\"? If not, leave it as it is."),
            );
        }
        category
    }

    pub(super) fn entry_children(
        &mut self,
        texts: &[Text],
        details: &CaseDetails,
    ) -> Vec<PersonId> {
        if texts.is_empty() {
            return details.subjects.clone();
        }
        let mut children = Vec::new();
        for text in texts {
            let Some(id) = self.person_ref(text, "child") else {
                continue;
            };
            if !self.subjects.contains(&id.0) {
                self.problem(
                    text.at,
                    format!("This entry is about {}, who is not one of the case's subject children.", self.name_of(&id.0)),
                    "Add them to `children` in the `case` section, or name them in the entry's `people` instead.",
                );
                continue;
            }
            children.push(id);
        }
        children
    }

    pub(super) fn impacts(&mut self, input: &EntryInput, children: &[PersonId]) -> Vec<Impact> {
        let valence = input
            .valence
            .as_ref()
            .and_then(|v| self.choice(v, "valence", VALENCES));
        match &input.impact {
            // A valence without impact text is still the worker's finding: kept, and shown
            // as "impact not described".
            None => valence
                .map(|valence| {
                    vec![Impact {
                        child: None,
                        text: String::new(),
                        valence: Some(valence),
                    }]
                })
                .unwrap_or_default(),
            Some(ImpactInput::ForAll(text)) => self
                .text(&Some(text.clone()), "impact")
                .map(|text| {
                    vec![Impact {
                        child: None,
                        text,
                        valence,
                    }]
                })
                .unwrap_or_default(),
            Some(ImpactInput::PerChild(list)) => list
                .iter()
                .filter_map(|item| {
                    let child = item
                        .child
                        .as_ref()
                        .and_then(|c| self.person_ref(c, "child"));
                    if let (Some(child), Some(text)) = (&child, &item.child)
                        && !children.contains(child)
                    {
                        self.problem(
                            text.at,
                            format!(
                                "This impact is on {}, but the entry is not about them.",
                                self.name_of(&child.0)
                            ),
                            "Add them to the entry's `children`, or correct the id.",
                        );
                    }
                    let text = self.text(&item.text, "impact");
                    if text.is_none() {
                        self.missing(
                            item.at,
                            "impact",
                            "text",
                            "Add `text:` saying what the impact on the child was.",
                        );
                    }
                    let valence = item
                        .valence
                        .as_ref()
                        .and_then(|v| self.choice(v, "valence", VALENCES))
                        .or(valence);
                    Some(Impact {
                        child: Some(child?),
                        text: text?,
                        valence,
                    })
                })
                .collect(),
        }
    }

    pub(super) fn involvements(&mut self, list: &[InvolvementInput]) -> Vec<Involvement> {
        list.iter()
            .filter_map(|item| match item {
                InvolvementInput::Plain(text) => self
                    .person_ref(text, "person")
                    .map(|person| Involvement { person, role: None }),
                InvolvementInput::WithRole(with_role) => {
                    let Some(person) = &with_role.person else {
                        self.problem(
                            with_role.at,
                            "This person in the entry has no `person` id.".into(),
                            "Add `person:` with their id.",
                        );
                        return None;
                    };
                    let person = self.person_ref(person, "person")?;
                    Some(Involvement {
                        person,
                        role: self.text(&with_role.role, "role"),
                    })
                }
            })
            .collect()
    }
}
