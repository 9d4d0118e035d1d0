//! Reads a value tree into a [`CaseFile`], reporting every misplaced or misspelt field.
//!
//! This stage checks only the shape of the file: which fields exist, which hold one value
//! and which a list. What the values mean (dates, ids, kinds) is for `check`.

use super::case_file::*;
use super::tree::{Key, Node, Value};
use crate::diagnostic::nearest;
use crate::diagnostic::{Diagnostic, Location, clip};

/// Reads the whole file. Returns the case file read so far even when there are problems, so
/// that `check` can report its own problems in the same run.
pub fn case_file(root: &Node, diagnostics: &mut Vec<Diagnostic>) -> CaseFile {
    let mut reader = Reader { diagnostics };
    let Some(mut fields) = reader.fields(root, "file", TOP_HELP) else {
        return CaseFile::default();
    };
    let case_node = fields.node("case");
    let case = match case_node {
        Some(node) => reader.case_section(node),
        None => {
            reader.problem(
                root.at,
                "The file has no `case` section.",
                "Add a `case:` section with the reference, title, subject `children` and \
                 `as-at` date (see docs/case-file.md).",
            );
            CaseSection::default()
        }
    };
    let file = CaseFile {
        at: case_node.map_or(root.at, |n| n.at),
        case,
        people: reader.list(&mut fields, "people", Reader::person),
        partnerships: reader.list(&mut fields, "partnerships", Reader::partnership),
        twins: reader.list(&mut fields, "twins", Reader::twins),
        relationships: reader.list(&mut fields, "relationships", Reader::relationship),
        households: reader.list(&mut fields, "households", Reader::household),
        entries: reader.list(&mut fields, "entries", Reader::entry),
        periods: reader.list(&mut fields, "periods", Reader::period),
        audiences: reader.list(&mut fields, "audiences", Reader::audience),
        visits: reader.one_or_list(&mut fields, "visits", Reader::visits),
        reviews: reader.list(&mut fields, "reviews", Reader::review),
    };
    reader.finish(fields);
    file
}

const TOP_HELP: &str = "A case file is a set of sections: case, people, partnerships, twins, \
                        relationships, households, entries, periods, audiences, visits, reviews.";

struct Reader<'d> {
    diagnostics: &'d mut Vec<Diagnostic>,
}

/// The fields of one group (a person, an entry), tracking which were read so that the rest
/// can be reported as unknown.
struct Fields<'a> {
    entries: &'a [(Key, Node)],
    read: Vec<&'static str>,
    what: &'static str,
}

impl<'a> Fields<'a> {
    /// The value of a field, if present and not empty.
    fn node(&mut self, name: &'static str) -> Option<&'a Node> {
        self.read.push(name);
        self.entries
            .iter()
            .find(|(key, _)| key.name == name)
            .map(|(_, node)| node)
            .filter(|node| node.value != Value::Null)
    }
}

impl Reader<'_> {
    fn problem(&mut self, at: Location, message: impl Into<String>, help: impl Into<String>) {
        self.diagnostics
            .push(Diagnostic::problem(at, message).with_help(help));
    }

    /// The fields of a group, or a problem when the value is not a group of fields.
    fn fields<'a>(&mut self, node: &'a Node, what: &'static str, help: &str) -> Option<Fields<'a>> {
        match &node.value {
            Value::Map(entries) => {
                self.report_repeated_fields(entries, what);
                Some(Fields {
                    entries,
                    read: Vec::new(),
                    what,
                })
            }
            Value::Null if what == "file" => {
                self.problem(
                    node.at,
                    "The file has no fields in it, only comments or blank lines.",
                    help,
                );
                None
            }
            _ => {
                self.problem(
                    node.at,
                    format!("Each {what} should be a group of fields, but this is a single value or a list."),
                    help,
                );
                None
            }
        }
    }

    fn report_repeated_fields(&mut self, entries: &[(Key, Node)], what: &str) {
        for (i, (key, _)) in entries.iter().enumerate() {
            if let Some((first, _)) = entries[..i].iter().find(|(k, _)| k.name == key.name) {
                self.problem(
                    key.at,
                    format!(
                        "The field `{}` is written twice in this {what} (first on line {}).",
                        key.name, first.at.line
                    ),
                    "Keep one of them: only the first is used.",
                );
            }
        }
    }

    /// Reports every field that was not read, suggesting the nearest known name.
    fn finish(&mut self, fields: Fields<'_>) {
        for (key, _) in fields.entries {
            if fields.read.contains(&key.name.as_str()) {
                continue;
            }
            let suggestion = nearest(&key.name, &fields.read);
            let help = match suggestion {
                Some(name) => format!("Did you mean `{name}`?"),
                None => format!(
                    "The fields {} can have are: {}.",
                    crate::diagnostic::a(fields.what),
                    fields.read.join(", ")
                ),
            };
            self.problem(
                key.at,
                format!(
                    "This {} has a field `{}` that genochron does not know.",
                    fields.what,
                    clip(&key.name)
                ),
                help,
            );
        }
    }

    /// A single value as text. Lists and groups are reported.
    fn text(&mut self, fields: &mut Fields<'_>, name: &'static str) -> Option<Text> {
        let node = fields.node(name)?;
        match &node.value {
            Value::Scalar(text) => Some(Spanned::new(without_curly_quotes(text), node.at)),
            _ => {
                self.problem(
                    node.at,
                    format!(
                        "The `{name}` of this {} should be a single value, not a list or a group.",
                        fields.what
                    ),
                    format!("Write it on one line: `{name}: ...`."),
                );
                None
            }
        }
    }

    /// A list of single values. One value alone is taken as a list of one.
    fn texts(&mut self, fields: &mut Fields<'_>, name: &'static str) -> Vec<Text> {
        let Some(node) = fields.node(name) else {
            return Vec::new();
        };
        match &node.value {
            Value::Scalar(text) => vec![Spanned::new(without_curly_quotes(text), node.at)],
            Value::List(items) => items
                .iter()
                .filter_map(|item| match &item.value {
                    Value::Scalar(text) => Some(Spanned::new(without_curly_quotes(text), item.at)),
                    Value::Null => None,
                    _ => {
                        self.problem(
                            item.at,
                            format!("Each item of `{name}` should be a single value."),
                            format!("Write `{name}` as a list of single values: `{name}: [a, b]`."),
                        );
                        None
                    }
                })
                .collect(),
            _ => {
                self.problem(
                    node.at,
                    format!("The `{name}` of this {} should be a list.", fields.what),
                    format!("Write it as `{name}: [a, b]`."),
                );
                Vec::new()
            }
        }
    }

    /// A role or note: a single value, or `text:` with `from:` and `to:`.
    fn dated_text(&mut self, fields: &mut Fields<'_>, name: &'static str) -> Option<DatedText> {
        let node = fields.node(name)?;
        self.dated_item(node, name)
    }

    /// A list of notes, each a single value or `text:` with `from:` and `to:`. One alone is
    /// taken as a list of one.
    fn dated_texts(&mut self, fields: &mut Fields<'_>, name: &'static str) -> Vec<DatedText> {
        let Some(node) = fields.node(name) else {
            return Vec::new();
        };
        match &node.value {
            Value::List(items) => items
                .iter()
                .filter(|item| !matches!(item.value, Value::Null))
                .filter_map(|item| self.dated_item(item, name))
                .collect(),
            _ => self.dated_item(node, name).into_iter().collect(),
        }
    }

    fn dated_item(&mut self, node: &Node, name: &'static str) -> Option<DatedText> {
        if let Value::Scalar(text) = &node.value {
            return Some(DatedText::plain(Spanned::new(
                without_curly_quotes(text),
                node.at,
            )));
        }
        let what = if name == "role" { "role" } else { "note" };
        let mut f = self.fields(
            node,
            what,
            "Write it as text, or as `text: ...` with `from:` and `to:` dates under it.",
        )?;
        let text = self.text(&mut f, "text");
        let from = self.text(&mut f, "from");
        let to = self.text(&mut f, "to");
        self.finish(f);
        let Some(text) = text else {
            self.problem(
                node.at,
                format!("This {what} has dates but no `text`."),
                format!("Add `text:` with the {what} itself, e.g. `text: kinship carer`."),
            );
            return None;
        };
        Some(DatedText {
            text,
            from,
            to,
            at: node.at,
        })
    }

    /// A list of groups, each read by `item`.
    fn list<T>(
        &mut self,
        fields: &mut Fields<'_>,
        name: &'static str,
        item: fn(&mut Self, &Node) -> Option<T>,
    ) -> Vec<T> {
        let Some(node) = fields.node(name) else {
            return Vec::new();
        };
        match &node.value {
            Value::List(items) => items.iter().filter_map(|n| item(self, n)).collect(),
            _ => {
                self.problem(
                    node.at,
                    format!("`{name}` should be a list, with each item starting with `- `."),
                    "See docs/case-file.md for an example.",
                );
                Vec::new()
            }
        }
    }

    /// One group, or a list of groups, each read by `item`.
    fn one_or_list<T>(
        &mut self,
        fields: &mut Fields<'_>,
        name: &'static str,
        item: fn(&mut Self, &Node) -> Option<T>,
    ) -> Vec<T> {
        match fields.node(name) {
            Some(node) if matches!(node.value, Value::Map(_)) => {
                item(self, node).into_iter().collect()
            }
            Some(_) => {
                // Read again as a list, so that a wrong shape is reported the usual way.
                fields.read.pop();
                self.list(fields, name, item)
            }
            None => Vec::new(),
        }
    }

    fn case_section(&mut self, node: &Node) -> CaseSection {
        let Some(mut f) = self.fields(
            node,
            "case section",
            "Write `case:` with fields under it: reference, title, children, as-at.",
        ) else {
            return CaseSection::default();
        };
        let section = CaseSection {
            reference: self.text(&mut f, "reference"),
            title: self.text(&mut f, "title"),
            children: self.texts(&mut f, "children"),
            as_at: self.text(&mut f, "as-at"),
            author: self.text(&mut f, "author"),
            prepared: self.text(&mut f, "prepared"),
            hearing: self.text(&mut f, "hearing"),
            statement: f.node("statement").and_then(|node| self.statement(node)),
            at: node.at,
        };
        self.finish(f);
        section
    }

    fn statement(&mut self, node: &Node) -> Option<StatementInput> {
        let mut f = self.fields(
            node,
            "statement of truth",
            "Write `statement:` with `text:`, `name:`, `role:` and `date:` under it.",
        )?;
        let statement = StatementInput {
            text: self.text(&mut f, "text"),
            name: self.text(&mut f, "name"),
            role: self.text(&mut f, "role"),
            date: self.text(&mut f, "date"),
            at: node.at,
        };
        self.finish(f);
        Some(statement)
    }

    fn person(&mut self, node: &Node) -> Option<PersonInput> {
        let mut f = self.fields(
            node,
            "person",
            "Write each person as `- id: ...` with their fields under it.",
        )?;
        let person = PersonInput {
            id: self.text(&mut f, "id"),
            name: self.text(&mut f, "name"),
            known_as: self.text(&mut f, "known-as"),
            aliases: self.texts(&mut f, "aliases"),
            gender: self.text(&mut f, "gender"),
            sex_at_birth: self.text(&mut f, "sex-at-birth"),
            born: self.text(&mut f, "born"),
            died: self.text(&mut f, "died"),
            deceased: self.text(&mut f, "deceased"),
            unknown: self.text(&mut f, "unknown"),
            pregnancy: self.text(&mut f, "pregnancy"),
            loss: self.text(&mut f, "loss"),
            count: self.text(&mut f, "count"),
            notes: self.dated_texts(&mut f, "notes"),
            role: self.dated_text(&mut f, "role"),
            address: self.text(&mut f, "address"),
            school: self.text(&mut f, "school"),
            parents: self.texts(&mut f, "parents"),
            link: self.text(&mut f, "link"),
            other_parents: self.list(&mut f, "other-parents", Reader::other_parents),
            at: node.at,
        };
        self.finish(f);
        Some(person)
    }

    fn other_parents(&mut self, node: &Node) -> Option<OtherParentsInput> {
        let mut f = self.fields(
            node,
            "set of other parents",
            "Write `- parents: [a, b]` with `link:` under it.",
        )?;
        let other = OtherParentsInput {
            parents: self.texts(&mut f, "parents"),
            link: self.text(&mut f, "link"),
            from: self.text(&mut f, "from"),
            to: self.text(&mut f, "to"),
            at: node.at,
        };
        self.finish(f);
        Some(other)
    }

    fn partnership(&mut self, node: &Node) -> Option<PartnershipInput> {
        let mut f = self.fields(
            node,
            "partnership",
            "Write each partnership as `- partners: [a, b]` with its status under it.",
        )?;
        let partnership = PartnershipInput {
            id: self.text(&mut f, "id"),
            partners: self.texts(&mut f, "partners"),
            status: self.text(&mut f, "status"),
            from: self.text(&mut f, "from"),
            states: self.list(&mut f, "states", Reader::state),
            at: node.at,
        };
        self.finish(f);
        Some(partnership)
    }

    fn state(&mut self, node: &Node) -> Option<StateInput> {
        let mut f = self.fields(
            node,
            "partnership state",
            "Write each state as `- status: married` with `from:` under it.",
        )?;
        let state = StateInput {
            status: self.text(&mut f, "status"),
            from: self.text(&mut f, "from"),
            at: node.at,
        };
        self.finish(f);
        Some(state)
    }

    fn twins(&mut self, node: &Node) -> Option<TwinsInput> {
        let mut f = self.fields(
            node,
            "set of twins",
            "Write `- children: [a, b]` with `zygosity:` under it.",
        )?;
        let twins = TwinsInput {
            children: self.texts(&mut f, "children"),
            zygosity: self.text(&mut f, "zygosity"),
            at: node.at,
        };
        self.finish(f);
        Some(twins)
    }

    fn relationship(&mut self, node: &Node) -> Option<RelationshipInput> {
        let mut f = self.fields(
            node,
            "relationship",
            "Write `- between: [a, b]` with `kind:` under it.",
        )?;
        let relationship = RelationshipInput {
            between: self.texts(&mut f, "between"),
            kind: self.text(&mut f, "kind"),
            by: self.text(&mut f, "by"),
            from: self.text(&mut f, "from"),
            to: self.text(&mut f, "to"),
            note: self.text(&mut f, "note"),
            at: node.at,
        };
        self.finish(f);
        Some(relationship)
    }

    fn household(&mut self, node: &Node) -> Option<HouseholdInput> {
        let mut f = self.fields(
            node,
            "household",
            "Write `- name: ...` with `members:` under it.",
        )?;
        let household = HouseholdInput {
            id: self.text(&mut f, "id"),
            name: self.text(&mut f, "name"),
            members: self.list(&mut f, "members", Reader::member),
            at: node.at,
        };
        self.finish(f);
        Some(household)
    }

    fn member(&mut self, node: &Node) -> Option<MemberInput> {
        if let Value::Scalar(id) = &node.value {
            return Some(MemberInput::Throughout(Spanned::new(id.clone(), node.at)));
        }
        let mut f = self.fields(
            node,
            "household member",
            "Write a member as an id, or as `- person: id` with `from:` and `to:`.",
        )?;
        let member = DatedMemberInput {
            person: self.text(&mut f, "person"),
            from: self.text(&mut f, "from"),
            to: self.text(&mut f, "to"),
            at: node.at,
        };
        self.finish(f);
        Some(MemberInput::Dated(member))
    }

    fn entry(&mut self, node: &Node) -> Option<EntryInput> {
        let mut f = self.fields(
            node,
            "entry",
            "Write each entry as `- date: ...` with its fields under it.",
        )?;
        let entry = EntryInput {
            number: self.text(&mut f, "number"),
            date: self.text(&mut f, "date"),
            end: self.text(&mut f, "end"),
            time: self.text(&mut f, "time"),
            children: self.texts(&mut f, "children"),
            event: self.text(&mut f, "event"),
            category: self.text(&mut f, "category"),
            factors: self.texts(&mut f, "factors"),
            source: self.text(&mut f, "source"),
            reference: self.text(&mut f, "reference"),
            impact: self.impact(&mut f),
            valence: self.text(&mut f, "valence"),
            action: self.action(&mut f),
            significance: self.text(&mut f, "significance"),
            status: self.text(&mut f, "status"),
            status_note: self.text(&mut f, "status-note"),
            people: self.list(&mut f, "people", Reader::involvement),
            voice: self.text(&mut f, "voice"),
            audience: self.texts(&mut f, "audience"),
            wording: self.list(&mut f, "wording", Reader::wording),
            at: node.at,
        };
        self.finish(f);
        Some(entry)
    }

    fn action(&mut self, f: &mut Fields<'_>) -> Option<ActionInput> {
        let node = f.node("action")?;
        match &node.value {
            Value::Scalar(text) => Some(ActionInput::Text(Spanned::new(text.clone(), node.at))),
            Value::Map(_) => {
                let mut fields = self.fields(node, "action", "")?;
                let action = TrackedActionInput {
                    text: self.text(&mut fields, "text"),
                    who: self.text(&mut fields, "who"),
                    due: self.text(&mut fields, "due"),
                    done: self.text(&mut fields, "done"),
                    at: node.at,
                };
                self.finish(fields);
                Some(ActionInput::Tracked(action))
            }
            _ => {
                self.problem(
                    node.at,
                    "The `action` of this entry should be text, or a group of fields.",
                    "Write `action: ...`, or `action:` followed by `text:`, `who:`, `due:` and `done:`.",
                );
                None
            }
        }
    }

    fn visits(&mut self, node: &Node) -> Option<VisitsInput> {
        let mut f = self.fields(
            node,
            "visits rule",
            "Write `visits:` with `category:` and `every:` under it.",
        )?;
        let visits = VisitsInput {
            category: self.texts(&mut f, "category"),
            every: self.text(&mut f, "every"),
            children: self.texts(&mut f, "children"),
            bank_holidays: self.texts(&mut f, "bank-holidays"),
            at: node.at,
        };
        self.finish(f);
        Some(visits)
    }

    fn review(&mut self, node: &Node) -> Option<ReviewInput> {
        let mut f = self.fields(
            node,
            "review",
            "Write each review as `- date: ...` with `who:`, `decisions:`, `next:` and `score:` under it.",
        )?;
        let review = ReviewInput {
            date: self.text(&mut f, "date"),
            who: self.text(&mut f, "who"),
            decisions: self.texts(&mut f, "decisions"),
            next: self.text(&mut f, "next"),
            score: self.text(&mut f, "score"),
            at: node.at,
        };
        self.finish(f);
        Some(review)
    }

    fn impact(&mut self, f: &mut Fields<'_>) -> Option<ImpactInput> {
        let node = f.node("impact")?;
        match &node.value {
            Value::Scalar(text) => Some(ImpactInput::ForAll(Spanned::new(
                without_curly_quotes(text),
                node.at,
            ))),
            Value::List(items) => Some(ImpactInput::PerChild(
                items.iter().filter_map(|n| self.child_impact(n)).collect(),
            )),
            _ => {
                self.problem(
                    node.at,
                    "The `impact` of this entry should be text, or a list with one item per child.",
                    "Write `impact: ...`, or `impact:` followed by `- child: amy` and `text: ...` for each child.",
                );
                None
            }
        }
    }

    fn child_impact(&mut self, node: &Node) -> Option<ChildImpactInput> {
        let mut f = self.fields(
            node,
            "impact on a child",
            "Write `- child: amy` with `text:` and `valence:` under it.",
        )?;
        let impact = ChildImpactInput {
            child: self.text(&mut f, "child"),
            text: self.text(&mut f, "text"),
            valence: self.text(&mut f, "valence"),
            at: node.at,
        };
        self.finish(f);
        Some(impact)
    }

    fn involvement(&mut self, node: &Node) -> Option<InvolvementInput> {
        if let Value::Scalar(id) = &node.value {
            return Some(InvolvementInput::Plain(Spanned::new(id.clone(), node.at)));
        }
        let mut f = self.fields(
            node,
            "person in an entry",
            "Write an id, or `- person: id` with `role:` under it.",
        )?;
        let involvement = RoleInput {
            person: self.text(&mut f, "person"),
            role: self.text(&mut f, "role"),
            at: node.at,
        };
        self.finish(f);
        Some(InvolvementInput::WithRole(involvement))
    }

    fn period(&mut self, node: &Node) -> Option<PeriodInput> {
        let mut f = self.fields(
            node,
            "period",
            "Write each period as `- kind: ...` with `from:` and `to:` under it.",
        )?;
        let period = PeriodInput {
            kind: self.text(&mut f, "kind"),
            detail: self.text(&mut f, "detail"),
            children: self.texts(&mut f, "children"),
            from: self.text(&mut f, "from"),
            to: self.text(&mut f, "to"),
            at: node.at,
        };
        self.finish(f);
        Some(period)
    }

    fn audience(&mut self, node: &Node) -> Option<AudienceInput> {
        let mut f = self.fields(
            node,
            "audience",
            "Write each audience as `- name: ...` with `people:` and `hide:` under it.",
        )?;
        let audience = AudienceInput {
            name: self.text(&mut f, "name"),
            people: self.list(&mut f, "people", Reader::disclosure),
            hide: self.texts(&mut f, "hide"),
            views: self.texts(&mut f, "views"),
            categories: self.texts(&mut f, "categories"),
            accept: self.list(&mut f, "accept", Reader::accept),
            at: node.at,
        };
        self.finish(f);
        Some(audience)
    }

    fn wording(&mut self, node: &Node) -> Option<WordingInput> {
        let mut f = self.fields(
            node,
            "wording for an audience",
            "Write `- audience: name` with `event:`, `impact:`, `action:` or `voice:` under it.",
        )?;
        let wording = WordingInput {
            audience: self.text(&mut f, "audience"),
            event: self.text(&mut f, "event"),
            impact: self.text(&mut f, "impact"),
            action: self.text(&mut f, "action"),
            voice: self.text(&mut f, "voice"),
            at: node.at,
        };
        self.finish(f);
        Some(wording)
    }

    fn accept(&mut self, node: &Node) -> Option<AcceptInput> {
        let mut f = self.fields(
            node,
            "accepted match",
            "Write `- text: ...` with `reason:` under it.",
        )?;
        let accept = AcceptInput {
            text: self.text(&mut f, "text"),
            reason: self.text(&mut f, "reason"),
            at: node.at,
        };
        self.finish(f);
        Some(accept)
    }

    fn disclosure(&mut self, node: &Node) -> Option<DisclosureInput> {
        let mut f = self.fields(
            node,
            "person in an audience",
            "Write `- person: id` with `show: role` or `show: initials` under it.",
        )?;
        let disclosure = DisclosureInput {
            person: self.text(&mut f, "person"),
            show: self.text(&mut f, "show"),
            role: self.text(&mut f, "role"),
            at: node.at,
        };
        self.finish(f);
        Some(disclosure)
    }
}

/// A value wholly inside curly quotation marks (“22:40”, as a word processor types "22:40"),
/// without them: the meaning is plain, and they would otherwise stay in the value, doubling
/// the quotes a drawing puts around a child's words. Quotes inside a text are kept.
pub(crate) fn without_curly_quotes(text: &str) -> String {
    let trimmed = text.trim();
    for (open, close) in [('“', '”'), ('‘', '’'), ('„', '“'), ('”', '”')] {
        if let Some(inner) = trimmed
            .strip_prefix(open)
            .and_then(|rest| rest.strip_suffix(close))
            && !inner.contains([open, close])
        {
            return inner.to_string();
        }
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::input::tree;

    fn read(text: &str) -> (CaseFile, Vec<Diagnostic>) {
        let mut diagnostics = Vec::new();
        let root = tree::yaml(text).unwrap();
        let file = case_file(&root, &mut diagnostics);
        (file, diagnostics)
    }

    #[test]
    fn reports_every_unknown_field_with_a_suggestion() {
        let (_, diagnostics) = read(
            "case:\n  title: A\npeople:\n  - id: amy\n    nmae: Amy\n  - id: ben\n    borm: 2019\n",
        );
        assert_eq!(diagnostics.len(), 2);
        assert_eq!(diagnostics[0].line, 5);
        assert!(diagnostics[0].message.contains("`nmae`"));
        assert_eq!(diagnostics[0].help.as_deref(), Some("Did you mean `name`?"));
        assert_eq!(diagnostics[1].help.as_deref(), Some("Did you mean `born`?"));
    }

    #[test]
    fn accepts_both_forms_of_members_and_impacts() {
        let (file, diagnostics) = read(
            "case: {title: A}\nhouseholds:\n  - name: Home\n    members: [amy, {person: ben, from: 2019}]\n\
             entries:\n  - date: 2020\n    impact:\n      - child: amy\n        text: Upset\n",
        );
        assert!(diagnostics.is_empty(), "{diagnostics:?}");
        assert!(matches!(
            file.households[0].members[1],
            MemberInput::Dated(_)
        ));
        assert!(matches!(
            file.entries[0].impact,
            Some(ImpactInput::PerChild(_))
        ));
    }

    #[test]
    fn curly_quotes_around_a_whole_value_are_dropped() {
        assert_eq!(without_curly_quotes("“22:40”"), "22:40");
        assert_eq!(without_curly_quotes("‘I was scared’"), "I was scared");
        assert_eq!(
            without_curly_quotes("“No,” she said, “never.”"),
            "“No,” she said, “never.”"
        );
        assert_eq!(without_curly_quotes("Amy"), "Amy");
    }
}
