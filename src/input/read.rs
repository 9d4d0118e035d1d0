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

    /// A group of fields read by `read`, then every field it did not read reported.
    fn group<T>(
        &mut self,
        node: &Node,
        what: &'static str,
        help: &str,
        read: impl FnOnce(&mut Self, &mut Fields<'_>) -> T,
    ) -> Option<T> {
        let mut fields = self.fields(node, what, help)?;
        let value = read(self, &mut fields);
        self.finish(fields);
        Some(value)
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
        let (text, from, to) = self.group(
            node,
            what,
            "Write it as text, or as `text: ...` with `from:` and `to:` dates under it.",
            |r, f| (r.text(f, "text"), r.text(f, "from"), r.text(f, "to")),
        )?;
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
        self.group(
            node,
            "case section",
            "Write `case:` with fields under it: reference, title, children, as-at.",
            |r, f| CaseSection {
                reference: r.text(f, "reference"),
                title: r.text(f, "title"),
                children: r.texts(f, "children"),
                as_at: r.text(f, "as-at"),
                author: r.text(f, "author"),
                prepared: r.text(f, "prepared"),
                hearing: r.text(f, "hearing"),
                statement: f.node("statement").and_then(|node| r.statement(node)),
                at: node.at,
            },
        )
        .unwrap_or_default()
    }

    fn statement(&mut self, node: &Node) -> Option<StatementInput> {
        self.group(
            node,
            "statement of truth",
            "Write `statement:` with `text:`, `name:`, `role:` and `date:` under it.",
            |r, f| StatementInput {
                text: r.text(f, "text"),
                name: r.text(f, "name"),
                role: r.text(f, "role"),
                date: r.text(f, "date"),
                at: node.at,
            },
        )
    }

    fn person(&mut self, node: &Node) -> Option<PersonInput> {
        self.group(
            node,
            "person",
            "Write each person as `- id: ...` with their fields under it.",
            |r, f| PersonInput {
                id: r.text(f, "id"),
                name: r.text(f, "name"),
                known_as: r.text(f, "known-as"),
                aliases: r.texts(f, "aliases"),
                gender: r.text(f, "gender"),
                sex_at_birth: r.text(f, "sex-at-birth"),
                born: r.text(f, "born"),
                died: r.text(f, "died"),
                deceased: r.text(f, "deceased"),
                unknown: r.text(f, "unknown"),
                pregnancy: r.text(f, "pregnancy"),
                loss: r.text(f, "loss"),
                count: r.text(f, "count"),
                notes: r.dated_texts(f, "notes"),
                role: r.dated_text(f, "role"),
                address: r.text(f, "address"),
                school: r.text(f, "school"),
                parents: r.texts(f, "parents"),
                link: r.text(f, "link"),
                other_parents: r.list(f, "other-parents", Reader::other_parents),
                at: node.at,
            },
        )
    }

    fn other_parents(&mut self, node: &Node) -> Option<OtherParentsInput> {
        self.group(
            node,
            "set of other parents",
            "Write `- parents: [a, b]` with `link:` under it.",
            |r, f| OtherParentsInput {
                parents: r.texts(f, "parents"),
                link: r.text(f, "link"),
                from: r.text(f, "from"),
                to: r.text(f, "to"),
                at: node.at,
            },
        )
    }

    fn partnership(&mut self, node: &Node) -> Option<PartnershipInput> {
        self.group(
            node,
            "partnership",
            "Write each partnership as `- partners: [a, b]` with its status under it.",
            |r, f| PartnershipInput {
                id: r.text(f, "id"),
                partners: r.texts(f, "partners"),
                status: r.text(f, "status"),
                from: r.text(f, "from"),
                states: r.list(f, "states", Reader::state),
                at: node.at,
            },
        )
    }

    fn state(&mut self, node: &Node) -> Option<StateInput> {
        self.group(
            node,
            "partnership state",
            "Write each state as `- status: married` with `from:` under it.",
            |r, f| StateInput {
                status: r.text(f, "status"),
                from: r.text(f, "from"),
                at: node.at,
            },
        )
    }

    fn twins(&mut self, node: &Node) -> Option<TwinsInput> {
        self.group(
            node,
            "set of twins",
            "Write `- children: [a, b]` with `zygosity:` under it.",
            |r, f| TwinsInput {
                children: r.texts(f, "children"),
                zygosity: r.text(f, "zygosity"),
                at: node.at,
            },
        )
    }

    fn relationship(&mut self, node: &Node) -> Option<RelationshipInput> {
        self.group(
            node,
            "relationship",
            "Write `- between: [a, b]` with `kind:` under it.",
            |r, f| RelationshipInput {
                between: r.texts(f, "between"),
                kind: r.text(f, "kind"),
                by: r.text(f, "by"),
                from: r.text(f, "from"),
                to: r.text(f, "to"),
                note: r.text(f, "note"),
                at: node.at,
            },
        )
    }

    fn household(&mut self, node: &Node) -> Option<HouseholdInput> {
        self.group(
            node,
            "household",
            "Write `- name: ...` with `members:` under it.",
            |r, f| HouseholdInput {
                id: r.text(f, "id"),
                name: r.text(f, "name"),
                members: r.list(f, "members", Reader::member),
                at: node.at,
            },
        )
    }

    fn member(&mut self, node: &Node) -> Option<MemberInput> {
        if let Value::Scalar(id) = &node.value {
            return Some(MemberInput::Throughout(Spanned::new(id.clone(), node.at)));
        }
        self.group(
            node,
            "household member",
            "Write a member as an id, or as `- person: id` with `from:` and `to:`.",
            |r, f| DatedMemberInput {
                person: r.text(f, "person"),
                from: r.text(f, "from"),
                to: r.text(f, "to"),
                at: node.at,
            },
        )
        .map(MemberInput::Dated)
    }

    fn entry(&mut self, node: &Node) -> Option<EntryInput> {
        self.group(
            node,
            "entry",
            "Write each entry as `- date: ...` with its fields under it.",
            |r, f| EntryInput {
                number: r.text(f, "number"),
                date: r.text(f, "date"),
                end: r.text(f, "end"),
                time: r.text(f, "time"),
                children: r.texts(f, "children"),
                event: r.text(f, "event"),
                category: r.text(f, "category"),
                factors: r.texts(f, "factors"),
                source: r.text(f, "source"),
                reference: r.text(f, "reference"),
                impact: r.impact(f),
                valence: r.text(f, "valence"),
                action: r.action(f),
                significance: r.text(f, "significance"),
                status: r.text(f, "status"),
                status_note: r.text(f, "status-note"),
                people: r.list(f, "people", Reader::involvement),
                voice: r.text(f, "voice"),
                audience: r.texts(f, "audience"),
                wording: r.list(f, "wording", Reader::wording),
                at: node.at,
            },
        )
    }

    fn action(&mut self, f: &mut Fields<'_>) -> Option<ActionInput> {
        let node = f.node("action")?;
        match &node.value {
            Value::Scalar(text) => Some(ActionInput::Text(Spanned::new(text.clone(), node.at))),
            Value::Map(_) => {
                let action = self.group(node, "action", "", |r, f| TrackedActionInput {
                    text: r.text(f, "text"),
                    who: r.text(f, "who"),
                    due: r.text(f, "due"),
                    done: r.text(f, "done"),
                    at: node.at,
                });
                action.map(ActionInput::Tracked)
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
        self.group(
            node,
            "visits rule",
            "Write `visits:` with `category:` and `every:` under it.",
            |r, f| VisitsInput {
                category: r.texts(f, "category"),
                every: r.text(f, "every"),
                children: r.texts(f, "children"),
                bank_holidays: r.texts(f, "bank-holidays"),
                at: node.at,
            },
        )
    }

    fn review(&mut self, node: &Node) -> Option<ReviewInput> {
        self.group(
            node,
            "review",
            "Write each review as `- date: ...` with `who:`, `decisions:`, `next:` and `score:` under it.",
            |r, f| ReviewInput {
                date: r.text(f, "date"),
                who: r.text(f, "who"),
                decisions: r.texts(f, "decisions"),
                next: r.text(f, "next"),
                score: r.text(f, "score"),
                at: node.at,
            },
        )
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
        self.group(
            node,
            "impact on a child",
            "Write `- child: amy` with `text:` and `valence:` under it.",
            |r, f| ChildImpactInput {
                child: r.text(f, "child"),
                text: r.text(f, "text"),
                valence: r.text(f, "valence"),
                at: node.at,
            },
        )
    }

    fn involvement(&mut self, node: &Node) -> Option<InvolvementInput> {
        if let Value::Scalar(id) = &node.value {
            return Some(InvolvementInput::Plain(Spanned::new(id.clone(), node.at)));
        }
        self.group(
            node,
            "person in an entry",
            "Write an id, or `- person: id` with `role:` under it.",
            |r, f| RoleInput {
                person: r.text(f, "person"),
                role: r.text(f, "role"),
                at: node.at,
            },
        )
        .map(InvolvementInput::WithRole)
    }

    fn period(&mut self, node: &Node) -> Option<PeriodInput> {
        self.group(
            node,
            "period",
            "Write each period as `- kind: ...` with `from:` and `to:` under it.",
            |r, f| PeriodInput {
                kind: r.text(f, "kind"),
                detail: r.text(f, "detail"),
                children: r.texts(f, "children"),
                from: r.text(f, "from"),
                to: r.text(f, "to"),
                at: node.at,
            },
        )
    }

    fn audience(&mut self, node: &Node) -> Option<AudienceInput> {
        self.group(
            node,
            "audience",
            "Write each audience as `- name: ...` with `people:` and `hide:` under it.",
            |r, f| AudienceInput {
                name: r.text(f, "name"),
                people: r.list(f, "people", Reader::disclosure),
                hide: r.texts(f, "hide"),
                views: r.texts(f, "views"),
                categories: r.texts(f, "categories"),
                accept: r.list(f, "accept", Reader::accept),
                at: node.at,
            },
        )
    }

    fn wording(&mut self, node: &Node) -> Option<WordingInput> {
        self.group(
            node,
            "wording for an audience",
            "Write `- audience: name` with `event:`, `impact:`, `action:` or `voice:` under it.",
            |r, f| WordingInput {
                audience: r.text(f, "audience"),
                event: r.text(f, "event"),
                impact: r.text(f, "impact"),
                action: r.text(f, "action"),
                voice: r.text(f, "voice"),
                at: node.at,
            },
        )
    }

    fn accept(&mut self, node: &Node) -> Option<AcceptInput> {
        self.group(
            node,
            "accepted match",
            "Write `- text: ...` with `reason:` under it.",
            |r, f| AcceptInput {
                text: r.text(f, "text"),
                reason: r.text(f, "reason"),
                at: node.at,
            },
        )
    }

    fn disclosure(&mut self, node: &Node) -> Option<DisclosureInput> {
        self.group(
            node,
            "person in an audience",
            "Write `- person: id` with `show: role` or `show: initials` under it.",
            |r, f| DisclosureInput {
                person: r.text(f, "person"),
                show: r.text(f, "show"),
                role: r.text(f, "role"),
                at: node.at,
            },
        )
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
