//! Control characters (Unicode category Cc: U+0000 to U+001F, U+007F to U+009F) in any field.
//!
//! They are invisible in an editor, are not allowed in SVG or XML at all, and break the PNG
//! and PDF made from them, so every field is searched, whatever the file was read from. Tabs
//! and line breaks are allowed only in the fields that hold running text (an event, an
//! impact, what the child said), where they are part of the writing.

use super::Checker;
use crate::diagnostic::clip;
use crate::input::case_file::*;

/// Whether a field holds running text, where a tab or a line break is part of the writing.
#[derive(Clone, Copy, PartialEq)]
enum Kind {
    Line,
    Block,
}

impl Checker {
    /// Reports every field holding a control character, at the field's line and column, with
    /// the character's position in the value.
    pub(crate) fn control_characters(&mut self, file: &CaseFile) {
        for (text, field, kind) in fields(file) {
            self.control_character(text, field, kind);
        }
    }

    fn control_character(&mut self, text: &Text, field: &str, kind: Kind) {
        // Spaces, tabs and line breaks around a value are trimmed away everywhere else.
        let value = text.value.trim();
        let mut chars = value.chars().enumerate().peekable();
        while let Some((index, c)) = chars.next() {
            let allowed = kind == Kind::Block
                && (c == '\t'
                    || c == '\n'
                    || (c == '\r' && chars.peek().map(|p| p.1) == Some('\n')));
            if !c.is_control() || allowed {
                continue;
            }
            let visible: String = value
                .chars()
                .map(|c| if c.is_control() { ' ' } else { c })
                .collect();
            self.problem(
                text.at,
                format!(
                    "The {field} \"{}\" holds an invisible control character ({}) at \
                     character {}.",
                    clip(visible.trim()),
                    describe(c),
                    index + 1
                ),
                if kind == Kind::Line && (c == '\n' || c == '\t') {
                    format!("Write the {field} on one line, with spaces instead.")
                } else {
                    "Delete it and retype the text around it: it usually comes from copying text \
                     out of another program."
                        .to_string()
                },
            );
            return;
        }
    }
}

/// The character's code and, for the common ones, its name.
fn describe(c: char) -> String {
    let name = match c {
        '\0' => Some("a null byte"),
        '\t' => Some("a tab"),
        '\n' => Some("a line break"),
        '\r' => Some("a carriage return"),
        '\u{b}' => Some("a vertical tab"),
        '\u{c}' => Some("a page break"),
        '\u{1b}' => Some("an escape"),
        '\u{7f}' => Some("a delete"),
        '\u{85}' => Some("a next-line character"),
        _ => None,
    };
    let code = format!("U+{:04X}", c as u32);
    match name {
        Some(name) => format!("{code}, {name}"),
        None => code,
    }
}

/// Every text field of the file, with its name for messages and its kind.
fn fields(file: &CaseFile) -> Vec<(&Text, &'static str, Kind)> {
    let mut all = Fields::default();
    let case = &file.case;
    all.one(&case.reference, "case reference", Kind::Line);
    all.one(&case.title, "case title", Kind::Line);
    all.many(&case.children, "subject child", Kind::Line);
    all.one(&case.as_at, "as-at date", Kind::Line);
    all.one(&case.author, "author", Kind::Line);
    all.one(&case.prepared, "date prepared", Kind::Line);
    all.one(&case.hearing, "hearing date", Kind::Line);
    if let Some(statement) = &case.statement {
        all.one(&statement.text, "statement of truth", Kind::Block);
        all.one(
            &statement.name,
            "name of who signs the statement",
            Kind::Line,
        );
        all.one(
            &statement.role,
            "role of who signs the statement",
            Kind::Line,
        );
        all.one(&statement.date, "date of the statement", Kind::Line);
    }
    for person in &file.people {
        all.person(person);
    }
    for partnership in &file.partnerships {
        all.one(&partnership.id, "partnership id", Kind::Line);
        all.many(&partnership.partners, "partner", Kind::Line);
        all.one(&partnership.status, "partnership status", Kind::Line);
        all.one(&partnership.from, "partnership date", Kind::Line);
        for state in &partnership.states {
            all.one(&state.status, "partnership status", Kind::Line);
            all.one(&state.from, "partnership date", Kind::Line);
        }
    }
    for twins in &file.twins {
        all.many(&twins.children, "twin", Kind::Line);
        all.one(&twins.zygosity, "zygosity", Kind::Line);
    }
    for relationship in &file.relationships {
        all.many(
            &relationship.between,
            "person in a relationship",
            Kind::Line,
        );
        all.one(&relationship.kind, "relationship kind", Kind::Line);
        all.one(&relationship.by, "relationship's `by`", Kind::Line);
        all.one(&relationship.from, "relationship date", Kind::Line);
        all.one(&relationship.to, "relationship date", Kind::Line);
        all.one(&relationship.note, "relationship note", Kind::Block);
    }
    for household in &file.households {
        all.household(household);
    }
    for entry in &file.entries {
        all.entry(entry);
    }
    for period in &file.periods {
        all.one(&period.kind, "period kind", Kind::Line);
        all.one(&period.detail, "period detail", Kind::Line);
        all.many(&period.children, "child of a period", Kind::Line);
        all.one(&period.from, "period date", Kind::Line);
        all.one(&period.to, "period date", Kind::Line);
    }
    for audience in &file.audiences {
        all.audience(audience);
    }
    all.0
}

#[derive(Default)]
struct Fields<'a>(Vec<(&'a Text, &'static str, Kind)>);

impl<'a> Fields<'a> {
    fn one(&mut self, text: &'a Option<Text>, field: &'static str, kind: Kind) {
        if let Some(text) = text {
            self.0.push((text, field, kind));
        }
    }

    fn many(&mut self, texts: &'a [Text], field: &'static str, kind: Kind) {
        self.0.extend(texts.iter().map(|t| (t, field, kind)));
    }

    fn person(&mut self, person: &'a PersonInput) {
        self.one(&person.id, "id", Kind::Line);
        self.one(&person.name, "name", Kind::Line);
        self.one(&person.known_as, "known-as name", Kind::Line);
        self.one(&person.gender, "gender", Kind::Line);
        self.one(&person.sex_at_birth, "sex at birth", Kind::Line);
        self.one(&person.born, "birth date", Kind::Line);
        self.one(&person.died, "date of death", Kind::Line);
        self.one(&person.deceased, "deceased", Kind::Line);
        self.one(&person.unknown, "unknown", Kind::Line);
        self.one(&person.pregnancy, "pregnancy", Kind::Line);
        self.one(&person.loss, "loss", Kind::Line);
        self.one(&person.count, "count", Kind::Line);
        for note in &person.notes {
            self.0.push((&note.text, "note", Kind::Block));
            self.one(&note.from, "start of the note", Kind::Line);
            self.one(&note.to, "end of the note", Kind::Line);
        }
        if let Some(role) = &person.role {
            self.0.push((&role.text, "role", Kind::Line));
            self.one(&role.from, "start of the role", Kind::Line);
            self.one(&role.to, "end of the role", Kind::Line);
        }
        self.one(&person.address, "address", Kind::Block);
        self.one(&person.school, "school", Kind::Line);
        self.many(&person.parents, "parent", Kind::Line);
        self.one(&person.link, "link", Kind::Line);
        for other in &person.other_parents {
            self.many(&other.parents, "parent", Kind::Line);
            self.one(&other.link, "link", Kind::Line);
            self.one(&other.from, "parenting date", Kind::Line);
            self.one(&other.to, "parenting date", Kind::Line);
        }
    }

    fn household(&mut self, household: &'a HouseholdInput) {
        self.one(&household.id, "household id", Kind::Line);
        self.one(&household.name, "household name", Kind::Line);
        for member in &household.members {
            match member {
                MemberInput::Throughout(id) => self.0.push((id, "household member", Kind::Line)),
                MemberInput::Dated(dated) => {
                    self.one(&dated.person, "household member", Kind::Line);
                    self.one(&dated.from, "household date", Kind::Line);
                    self.one(&dated.to, "household date", Kind::Line);
                }
            }
        }
    }

    fn entry(&mut self, entry: &'a EntryInput) {
        self.one(&entry.number, "entry number", Kind::Line);
        self.one(&entry.date, "entry date", Kind::Line);
        self.one(&entry.end, "entry end date", Kind::Line);
        self.one(&entry.time, "time", Kind::Line);
        self.many(&entry.children, "child of an entry", Kind::Line);
        self.one(&entry.event, "event", Kind::Block);
        self.one(&entry.category, "category", Kind::Line);
        self.many(&entry.factors, "factor", Kind::Line);
        self.one(&entry.source, "source", Kind::Block);
        self.one(&entry.reference, "reference", Kind::Line);
        match &entry.impact {
            Some(ImpactInput::ForAll(text)) => self.0.push((text, "impact", Kind::Block)),
            Some(ImpactInput::PerChild(list)) => {
                for impact in list {
                    self.one(&impact.child, "child of an impact", Kind::Line);
                    self.one(&impact.text, "impact", Kind::Block);
                    self.one(&impact.valence, "valence", Kind::Line);
                }
            }
            None => {}
        }
        self.one(&entry.valence, "valence", Kind::Line);
        if let Some(action) = entry.action.as_ref().and_then(|a| a.text()) {
            self.0.push((action, "action", Kind::Block));
        }
        self.one(&entry.significance, "significance", Kind::Line);
        self.one(&entry.status, "status", Kind::Line);
        self.one(&entry.status_note, "status note", Kind::Block);
        for involved in &entry.people {
            match involved {
                InvolvementInput::Plain(id) => self.0.push((id, "person involved", Kind::Line)),
                InvolvementInput::WithRole(role) => {
                    self.one(&role.person, "person involved", Kind::Line);
                    self.one(&role.role, "role", Kind::Line);
                }
            }
        }
        self.one(&entry.voice, "child's words", Kind::Block);
        self.many(&entry.audience, "audience", Kind::Line);
    }

    fn audience(&mut self, audience: &'a AudienceInput) {
        self.one(&audience.name, "audience name", Kind::Line);
        self.many(&audience.hide, "hidden field", Kind::Line);
        for disclosure in &audience.people {
            self.one(&disclosure.person, "person shown", Kind::Line);
            self.one(&disclosure.show, "way of showing", Kind::Line);
            self.one(&disclosure.role, "role shown", Kind::Line);
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::diagnostic::Diagnostic;

    fn problems(text: &str) -> Vec<Diagnostic> {
        crate::load("c.yaml", text.as_bytes())
            .diagnostics
            .into_iter()
            .filter(|d| d.is_problem())
            .collect()
    }

    const HEAD: &str = "case:\n  as-at: 2024-01-01\npeople:\n  - id: amy\n";

    #[test]
    fn a_vertical_tab_in_a_name_is_refused_at_its_place() {
        let found = problems(&format!("{HEAD}    name: \"Amy\\vJones\"\n"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert_eq!((found[0].line, found[0].column), (5, 11));
        assert!(
            found[0].message.contains("U+000B, a vertical tab"),
            "{}",
            found[0].message
        );
        assert!(
            found[0].message.contains("character 4"),
            "{}",
            found[0].message
        );
    }

    #[test]
    fn line_breaks_belong_in_running_text_only() {
        let entry = "entries:\n  - date: 2023-01-01\n    source: Police\n    event: |\n      \
                     Line one.\n      \tLine two.\n";
        assert!(problems(&format!("{HEAD}{entry}")).is_empty());
        let found = problems(&format!("{HEAD}    name: \"Amy\\nJones\"\n"));
        assert_eq!(found.len(), 1, "{found:#?}");
        assert!(found[0].help.as_deref().unwrap().contains("one line"));
    }

    #[test]
    fn c1_controls_and_delete_are_control_characters_too() {
        for escape in ["\\x85", "\\x7F", "\\x01", "\\0"] {
            let found = problems(&format!("{HEAD}    role: \"Au{escape}nt\"\n"));
            assert_eq!(found.len(), 1, "{escape}: {found:#?}");
        }
    }
}
