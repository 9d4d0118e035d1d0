//! What redacted versions rely on: audiences that say what they get, wordings for named
//! audiences, mentions that name someone, names and ids with no invisible characters, and the
//! place of every free text (so the redaction check can point at a line and column).

use super::Checker;
use crate::diagnostic::{Location, clip};
use crate::input::case_file::*;
use crate::model::*;
use crate::redact::fold::is_invisible;
use std::collections::BTreeSet;

const VIEW_WORDS: &[(&str, View)] = &[
    ("genogram", View::Genogram),
    ("relationships", View::Relationships),
    ("households", View::Households),
    ("legal-status", View::LegalStatus),
    ("placements", View::Placements),
    ("schools", View::Schools),
    ("timeline", View::Timeline),
    ("chronology", View::Chronology),
    ("relationship-overlay", View::Relationships),
    ("legal-statuses", View::LegalStatus),
    ("placement", View::Placements),
    ("school", View::Schools),
    ("household", View::Households),
];

impl Checker {
    /// The views an audience lists. An audience that lists none would get nothing, which is
    /// never what was meant: it is refused with the words to write.
    pub(super) fn audience_views(&mut self, input: &AudienceInput, name: &str) -> BTreeSet<View> {
        if input.views.is_empty() {
            self.problem(
                input.at,
                format!("The audience \u{201c}{}\u{201d} does not say which views it gets.", clip(name)),
                "Add `views:` with the parts it may see, from: genogram, relationships, households, \
                 legal-status, placements, schools, timeline, chronology; or `views: all`. \
                 Anything not listed is left out of its version.",
            );
            return BTreeSet::new();
        }
        if input
            .views
            .iter()
            .any(|v| v.value.trim().eq_ignore_ascii_case("all"))
        {
            return View::ALL.into_iter().collect();
        }
        input
            .views
            .iter()
            .filter_map(|v| self.choice(v, "view", VIEW_WORDS))
            .collect()
    }

    /// The categories of entry an audience lists.
    pub(super) fn audience_categories(&mut self, input: &AudienceInput, name: &str) -> Categories {
        if input.categories.is_empty() {
            self.problem(
                input.at,
                format!(
                    "The audience \u{201c}{}\u{201d} does not say which categories of entry it gets.",
                    clip(name)
                ),
                "Add `categories:` with the categories it may see (such as `categories: [education, health]`), \
                 or `categories: all`. An entry of a category not listed is left out of its version.",
            );
            return Categories::Only(BTreeSet::new());
        }
        if input
            .categories
            .iter()
            .any(|c| c.value.trim().eq_ignore_ascii_case("all"))
        {
            return Categories::All;
        }
        Categories::Only(
            input
                .categories
                .iter()
                .map(|c| category_key(&c.value))
                .filter(|c| !c.is_empty())
                .collect(),
        )
    }

    /// Reviewed matches the author releases; each needs a reason.
    pub(super) fn acceptances(&mut self, input: &AudienceInput) -> Vec<Acceptance> {
        let mut out = Vec::new();
        for accept in &input.accept {
            let text = self.text(&accept.text, "accepted text");
            let reason = self.text(&accept.reason, "reason");
            match (text, reason) {
                (Some(text), Some(reason)) => out.push(Acceptance { text, reason }),
                (None, _) => self.missing(
                    accept.at,
                    "accepted match",
                    "text",
                    "Write the text the redaction check reported, as `text: ...`.",
                ),
                (Some(text), None) => self.problem(
                    accept.at,
                    format!("\u{201c}{}\u{201d} is accepted without a `reason`.", clip(&text)),
                    "Add `reason:` saying why this audience may see it; the reason is what a reviewer reads.",
                ),
            }
        }
        out
    }

    /// An entry's wordings for named audiences; each names an audience of the file.
    pub(super) fn wordings(&mut self, input: &EntryInput, audiences: &[Audience]) -> Vec<Wording> {
        let mut out = Vec::new();
        for wording in &input.wording {
            let Some(name) = self.text(&wording.audience, "audience") else {
                self.problem(
                    wording.at,
                    "This wording does not say which audience it is for.".into(),
                    "Add `audience:` with the name of one of the file's audiences.",
                );
                continue;
            };
            if !audiences.iter().any(|a| a.name == name) {
                self.problem(
                    wording.at,
                    format!("This wording is for the audience \u{201c}{}\u{201d}, which is not in `audiences`.", clip(&name)),
                    format!(
                        "The audiences in this file are: {}.",
                        audiences.iter().map(|a| a.name.as_str()).collect::<Vec<_>>().join(", ")
                    ),
                );
                continue;
            }
            out.push(Wording {
                audience: name,
                event: self.text(&wording.event, "event"),
                impact: self.text(&wording.impact, "impact"),
                action: self.text(&wording.action, "action"),
                voice: self.text(&wording.voice, "child's voice"),
            });
        }
        out
    }
}

/// Every free text of the file with the key the model gives it.
pub(crate) fn free_texts(file: &CaseFile) -> Vec<(TextKey, &Text)> {
    let mut out: Vec<(TextKey, &Text)> = Vec::new();
    let case = &file.case;
    out.extend(case.title.iter().map(|t| (TextKey::Title, t)));
    out.extend(case.reference.iter().map(|t| (TextKey::Reference, t)));
    out.extend(case.author.iter().map(|t| (TextKey::Author, t)));
    if let Some(statement) = &case.statement {
        for (field, text) in [
            ("text", &statement.text),
            ("name", &statement.name),
            ("role", &statement.role),
        ] {
            out.extend(text.iter().map(|t| (TextKey::Statement(field), t)));
        }
    }
    for person in &file.people {
        let Some(id) = &person.id else { continue };
        let id = PersonId(id.value.trim().to_string());
        let key = |field| TextKey::Person(id.clone(), field, 0);
        for (field, text) in [
            ("name", &person.name),
            ("known-as", &person.known_as),
            ("address", &person.address),
            ("school", &person.school),
        ] {
            out.extend(text.iter().map(|t| (key(field), t)));
        }
        if let Some(role) = &person.role {
            out.push((key("role"), &role.text));
        }
        for (i, note) in person.notes.iter().enumerate() {
            out.push((TextKey::Person(id.clone(), "notes", i), &note.text));
        }
        for (i, alias) in person.aliases.iter().enumerate() {
            out.push((TextKey::Person(id.clone(), "aliases", i), alias));
        }
    }
    for (i, r) in file.relationships.iter().enumerate() {
        out.extend(r.note.iter().map(|t| (TextKey::Relationship(i), t)));
    }
    for (i, h) in file.households.iter().enumerate() {
        out.extend(h.name.iter().map(|t| (TextKey::Household(i), t)));
    }
    for (i, p) in file.periods.iter().enumerate() {
        out.extend(p.detail.iter().map(|t| (TextKey::Period(i), t)));
    }
    for (i, entry) in file.entries.iter().enumerate() {
        entry_texts(&mut out, i, entry);
    }
    // Reviews are kept in date order (equal dates in file order), and keyed so.
    let mut reviews: Vec<_> = file.reviews.iter().collect();
    reviews.sort_by_key(|r| {
        r.date
            .as_ref()
            .and_then(|d| crate::model::PartialDate::parse(d.value.trim()).ok())
            .map(|d| d.start())
    });
    for (i, review) in reviews.into_iter().enumerate() {
        out.extend(review.who.iter().map(|t| (TextKey::Review(i, "who", 0), t)));
        for (n, decision) in review.decisions.iter().enumerate() {
            out.push((TextKey::Review(i, "decisions", n), decision));
        }
    }
    out
}

fn entry_texts<'f>(out: &mut Vec<(TextKey, &'f Text)>, i: usize, entry: &'f EntryInput) {
    let key = |field, n| TextKey::Entry(i, field, n);
    for (field, text) in [
        ("event", &entry.event),
        ("category", &entry.category),
        ("source", &entry.source),
        ("reference", &entry.reference),
        ("status-note", &entry.status_note),
        ("voice", &entry.voice),
    ] {
        out.extend(text.iter().map(|t| (key(field, 0), t)));
    }
    if let Some(action) = entry.action.as_ref().and_then(|a| a.text()) {
        out.push((key("action", 0), action));
    }
    if let Some(ActionInput::Tracked(tracked)) = &entry.action {
        out.extend(tracked.who.iter().map(|t| (key("action-who", 0), t)));
    }
    for (n, factor) in entry.factors.iter().enumerate() {
        out.push((key("factors", n), factor));
    }
    match &entry.impact {
        Some(ImpactInput::ForAll(text)) => out.push((key("impact", 0), text)),
        Some(ImpactInput::PerChild(list)) => {
            for (n, item) in list.iter().enumerate() {
                out.extend(item.text.iter().map(|t| (key("impact", n), t)));
            }
        }
        None => {}
    }
    for (n, person) in entry.people.iter().enumerate() {
        if let InvolvementInput::WithRole(role) = person {
            out.extend(role.role.iter().map(|t| (key("people", n), t)));
        }
    }
    for (w, wording) in entry.wording.iter().enumerate() {
        for (field, text) in [
            ("event", &wording.event),
            ("impact", &wording.impact),
            ("action", &wording.action),
            ("voice", &wording.voice),
        ] {
            out.extend(text.iter().map(|t| (TextKey::Wording(i, w, field), t)));
        }
    }
}

/// Where each free text starts in the file.
pub(crate) fn places(file: &CaseFile) -> Places {
    Places(
        free_texts(file)
            .into_iter()
            .map(|(key, text)| (key, text.at))
            .collect(),
    )
}

/// The place of a character in a text that starts at `at`: exact on the text's first line,
/// the start of the text after a line break (YAML folds and quotes move later lines).
fn place_in(text: &Text, byte: usize) -> Location {
    let before = &text.value[..byte];
    if before.contains('\n') {
        return text.at;
    }
    Location {
        line: text.at.line,
        column: text.at.column + before.chars().count(),
    }
}

/// A text over the length limit is already a problem (see `Checker::text`); looking through
/// megabytes of it again would only slow the answer down.
fn too_long(text: &Text) -> bool {
    text.value.len() > 4 * super::MAX_TEXT_CHARS
}

/// The names of invisible characters, for messages.
fn invisible_names(text: &str) -> String {
    let mut seen: Vec<String> = Vec::new();
    for c in text.chars().filter(|c| is_invisible(*c)) {
        let name = format!("U+{:04X}", c as u32);
        if !seen.contains(&name) {
            seen.push(name);
        }
    }
    seen.join(", ")
}

/// Refuses invisible characters in names and ids, notes them in free text (they are taken out
/// of every output), and refuses mentions of no one.
pub(super) fn check(checker: &mut Checker, file: &CaseFile) {
    format_characters(checker, file);
    let ids: BTreeSet<&str> = file
        .people
        .iter()
        .filter_map(|p| p.id.as_ref())
        .map(|id| id.value.trim())
        .collect();
    for (key, text) in free_texts(file) {
        if too_long(text) {
            continue;
        }
        for mention in crate::mentions::find(&text.value, |id| ids.contains(id)) {
            if mention.resolved {
                continue;
            }
            let help = match crate::diagnostic::nearest(
                &mention.id,
                &ids.iter().copied().collect::<Vec<_>>(),
            ) {
                Some(close) => format!("Did you mean @{close}? A mention is @ and a person's id."),
                None => {
                    "A mention is @ and the id of someone under `people`. To write an @ that is \
                         not a mention, put a space after it."
                        .to_string()
                }
            };
            // A note, not a problem: imported text (GEDCOM's "@N1@") has @ signs that were
            // never meant as mentions. A redacted version still refuses it (see redact).
            checker.note(
                place_in(text, mention.span.start),
                format!(
                    "\u{201c}@{}\u{201d} looks like a mention, but no one has the id \u{201c}{}\u{201d}. It is shown as written.",
                    clip(&mention.id),
                    clip(&mention.id)
                ),
                help,
            );
        }
        let is_identity = matches!(key, TextKey::Person(_, "name" | "known-as" | "aliases", _));
        if !is_identity && text.value.chars().any(is_invisible) {
            checker.note(
                text.at,
                format!(
                    "This text has invisible characters ({}), which can hide or reverse what a reader sees.",
                    invisible_names(&text.value)
                ),
                "They are taken out of every output; delete them from the file to silence this note.",
            );
        }
    }
}

/// Names and ids are what people are known and found by: an invisible character in one makes
/// two people look the same, or one name read backwards.
fn format_characters(checker: &mut Checker, file: &CaseFile) {
    let mut identity: Vec<(&Text, &str)> = Vec::new();
    for person in &file.people {
        identity.extend(person.id.iter().map(|t| (t, "id")));
        identity.extend(person.name.iter().map(|t| (t, "name")));
        identity.extend(person.known_as.iter().map(|t| (t, "known-as name")));
        identity.extend(person.aliases.iter().map(|t| (t, "other name")));
    }
    for household in &file.households {
        identity.extend(household.id.iter().map(|t| (t, "household id")));
    }
    for partnership in &file.partnerships {
        identity.extend(partnership.id.iter().map(|t| (t, "partnership id")));
    }
    for audience in &file.audiences {
        identity.extend(audience.name.iter().map(|t| (t, "audience name")));
    }
    for (text, what) in identity {
        if !too_long(text) && text.value.chars().any(is_invisible) {
            checker.problem(
                text.at,
                format!(
                    "The {what} \u{201c}{}\u{201d} has invisible characters ({}).",
                    clip(&text.value.chars().filter(|c| !is_invisible(*c)).collect::<String>()),
                    invisible_names(&text.value)
                ),
                "Retype it: an invisible character can make two names look the same, or show one reversed.",
            );
        }
    }
}
