//! The redaction check: every text an audience would see, searched for what it may not see.
//!
//! Nothing is replaced here. A name or hidden value found in a text is a *hit*: the version is
//! refused and the author is told where, what and why, and how to write it so that each
//! version shows the right thing (a mention, or a wording for the audience). Guessing would
//! be worse than refusing: a first name shared by a hidden and a visible person cannot be
//! replaced without risking a false statement about the wrong one.

use super::build::{Seen, SeenKind, initials};
use super::{dates, fold, place};
use crate::diagnostic::{Diagnostic, Location};
use crate::model::*;
use std::collections::BTreeMap;

/// Something the audience may not see, in the form the check looks for it.
#[derive(Debug, Clone)]
pub(crate) struct Needle {
    kind: NeedleKind,
    /// Why it is protected, to finish the sentence "… is …".
    why: String,
    /// What to do about a hit.
    help: String,
    /// A family name: looked for even in the names of people the audience sees, since a
    /// shared surname gives a relation away.
    family_name: bool,
    /// The person whose name it is, if it is a name.
    person: Option<PersonId>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum NeedleKind {
    /// Folded words, in order.
    Words(Vec<String>),
    /// Letters and digits run together ("ne34rt"), for postcodes and house numbers written
    /// with or without spaces.
    Compact(String),
    /// Digits only, for phone numbers written with or without spaces.
    Digits(String),
    /// A birth date, to the day when known.
    Birth {
        year: i32,
        month: u32,
        day: Option<u32>,
    },
}

/// One place where a text shows what the audience may not see.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hit {
    pub key: TextKey,
    /// Where the text starts in the case file, when known.
    pub value_at: Option<Location>,
    /// The text as written (invisible characters removed), and where in it the match starts.
    pub written: String,
    pub offset: usize,
    /// What matched, as the audience would see it.
    pub matched: String,
    pub why: String,
    pub help: String,
}

impl Hit {
    /// The line and column of the match, found in the case file's text: the value's own place
    /// when the match cannot be pinned down (a value written over several lines and folded).
    pub fn location(&self, source: Option<&str>) -> Location {
        let start = self.value_at.unwrap_or(Location { line: 1, column: 1 });
        source
            .and_then(|source| place::word_in_source(source, start, &self.written, self.offset))
            .map_or(start, |word| word.at)
    }

    /// The hit as a problem message at its line and column.
    pub fn diagnostic(&self, source: Option<&str>) -> Diagnostic {
        Diagnostic::problem(
            self.location(source),
            format!("\u{201c}{}\u{201d} {}", self.matched, self.why),
        )
        .with_help(self.help.clone())
    }
}

/// Words in names too common in kinship terms to say who is meant ("Nana Joan").
const KIN_WORDS: &[&str] = &[
    "nana", "nan", "nanna", "gran", "granny", "grandma", "grandad", "grandpa", "auntie", "aunty",
    "aunt", "uncle", "mum", "mummy", "mam", "dad", "daddy", "papa", "mr", "mrs", "ms", "miss",
];

/// Words in school names that say nothing of which school it is.
const SCHOOL_WORDS: &[&str] = &[
    "school",
    "primary",
    "secondary",
    "junior",
    "infant",
    "infants",
    "nursery",
    "academy",
    "college",
    "high",
    "community",
    "church",
    "of",
    "england",
    "c",
    "e",
    "ce",
    "rc",
    "catholic",
    "the",
    "st",
    "saint",
    "s",
    "and",
    "free",
    "trust",
    "federation",
    "first",
    "middle",
    "upper",
    "lower",
    "grammar",
    "special",
];

/// Words of a file name that are not a family's name.
const FILE_WORDS: &[&str] = &[
    "case",
    "family",
    "chronology",
    "genogram",
    "file",
    "example",
    "draft",
    "final",
    "v",
    "yaml",
    "yml",
    "json",
    "toml",
    "csv",
];

fn words(text: &str) -> Vec<String> {
    fold::key(text)
}

/// Every needle for one audience.
pub(crate) fn needles(case: &Case, rules: &Audience) -> Vec<Needle> {
    let mut out = Vec::new();
    let disclosed: BTreeMap<&PersonId, &Disclosure> =
        rules.disclose.iter().map(|(id, d)| (id, d)).collect();
    let audience = &rules.name;
    for person in case.people.iter() {
        let hidden = |field| rules.hide.contains(&field) || disclosed.contains_key(&person.id);
        if let Some(disclosure) = disclosed.get(&person.id) {
            name_needles(&mut out, person, disclosure, audience);
        }
        let whose = if person.name.is_empty() {
            person.id.to_string()
        } else {
            person.name.clone()
        };
        if hidden(HiddenField::Address)
            && let Some(address) = &person.address
        {
            address_needles(&mut out, address, &whose, audience);
        }
        if hidden(HiddenField::School)
            && let Some(school) = &person.school
        {
            school_needles(&mut out, school, &whose, audience);
        }
        if hidden(HiddenField::Notes) {
            for note in &person.notes {
                let why = format!("is a note about {whose} hidden from \u{201c}{audience}\u{201d}");
                push_words(&mut out, words(&note.text), &why, &value_help(audience));
                digits_needles(&mut out, &note.text, &why, audience);
            }
        }
        if hidden(HiddenField::BirthDate)
            && let Some(born) = person.born
            && born.precision() != Precision::Year
        {
            out.push(Needle {
                kind: NeedleKind::Birth {
                    year: born.year_number(),
                    month: chrono::Datelike::month(&born.start()),
                    day: (born.precision() == Precision::Day)
                        .then(|| chrono::Datelike::day(&born.start())),
                },
                why: format!(
                    "gives away the birth date of {whose} ({}), which \u{201c}{audience}\u{201d} may not see",
                    born
                ),
                help: value_help(audience),
                family_name: false,
                person: None,
            });
        }
    }
    let stem = case
        .details
        .source_name
        .rsplit_once('.')
        .map_or(case.details.source_name.as_str(), |(stem, _)| stem);
    let stem_words = words(stem);
    if stem_words
        .iter()
        .any(|w| !FILE_WORDS.contains(&w.as_str()) && w.chars().any(char::is_alphabetic))
    {
        push_words(
            &mut out,
            stem_words,
            &format!(
                "is the case file's name ({}), never shown in a redacted version",
                case.details.source_name
            ),
            &value_help(audience),
        );
    }
    out
}

fn value_help(audience: &str) -> String {
    format!(
        "Take it out of this text, or give the entry a `wording` for \u{201c}{audience}\u{201d}. If it is safe for \u{201c}{audience}\u{201d} to see, add it under the audience's `accept:` with a `reason`."
    )
}

fn push_words(out: &mut Vec<Needle>, words: Vec<String>, why: &str, help: &str) {
    if words.is_empty() || words.concat().chars().count() < 2 {
        return;
    }
    out.push(Needle {
        kind: NeedleKind::Words(words),
        why: why.to_string(),
        help: help.to_string(),
        family_name: false,
        person: None,
    });
}

fn name_needles(out: &mut Vec<Needle>, person: &Person, disclosure: &Disclosure, audience: &str) {
    let shown = match disclosure {
        Disclosure::Initials => initials(person),
        Disclosure::Role(role) => role.clone(),
    };
    let id = &person.id;
    let family: Vec<String> = person
        .name
        .split_whitespace()
        .last()
        .map(words)
        .unwrap_or_default();
    let mut push = |w: Vec<String>, part: &str, is_family: bool| {
        if w.is_empty() || w.concat().chars().count() < 2 {
            return;
        }
        out.push(Needle {
            kind: NeedleKind::Words(w),
            why: format!(
                "is {part} of {}, whom \u{201c}{audience}\u{201d} knows only as \u{201c}{shown}\u{201d}",
                person.name
            ),
            help: format!(
                "If this means {}, write @{id} so that each version shows what its audience may see; \
                 if it means someone else, write their @id. A child's own words are never reworded: \
                 give the entry a `wording` for \u{201c}{audience}\u{201d} or leave it out of that audience.",
                person.name
            ),
            family_name: is_family,
            person: Some(id.clone()),
        });
    };
    let name = words(&person.name);
    push(name.clone(), "the name", false);
    for word in &name {
        let is_family = family.contains(word);
        let part = if is_family {
            "the family name"
        } else {
            "a first or middle name"
        };
        push(vec![word.clone()], part, is_family);
    }
    for (text, part) in person
        .known_as
        .iter()
        .map(|k| (k, "the known-as name"))
        .chain(person.aliases.iter().map(|a| (a, "another name")))
    {
        let w = words(text);
        push(w.clone(), part, false);
        for word in w {
            if word.chars().count() >= 3
                && !KIN_WORDS.contains(&word.as_str())
                && !name.contains(&word)
            {
                push(vec![word], &format!("part of {part}"), false);
            }
        }
    }
}

fn address_needles(out: &mut Vec<Needle>, address: &str, whose: &str, audience: &str) {
    let why = format!("is part of the address of {whose}, hidden from \u{201c}{audience}\u{201d}");
    let help = value_help(audience);
    let parts: Vec<&str> = address
        .split([',', '\n', ';'])
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .collect();
    let numbered = |p: &str| p.chars().any(|c| c.is_ascii_digit());
    let last_numbered = parts.iter().rposition(|p| numbered(p));
    for (i, part) in parts.iter().enumerate() {
        let w = words(part);
        // The town after the street (and the county) say where, not which house: they stay
        // visible unless the author lists them. With no number at all, every part but the
        // last is kept back.
        let protected = match last_numbered {
            Some(last) => i <= last || numbered(part),
            None => i + 1 < parts.len() || parts.len() == 1,
        };
        if !protected {
            continue;
        }
        push_words(out, w.clone(), &why, &help);
        if numbered(part) {
            let compact: String = w.concat();
            if compact.chars().count() >= 5 {
                out.push(Needle {
                    kind: NeedleKind::Compact(compact),
                    why: why.clone(),
                    help: help.clone(),
                    family_name: false,
                    person: None,
                });
            }
            // The street without its number.
            let street: Vec<String> = w
                .iter()
                .skip_while(|x| x.chars().all(|c| c.is_ascii_digit()) || x.chars().count() == 1)
                .cloned()
                .collect();
            if street.len() < w.len() && street.iter().any(|x| x.chars().count() >= 3) {
                push_words(out, street, &why, &help);
            }
        }
    }
    digits_needles(out, address, &why, audience);
}

fn digits_needles(out: &mut Vec<Needle>, text: &str, why: &str, audience: &str) {
    for run in digit_runs(text, &fold::words(text)) {
        if run.0.len() >= 7 {
            out.push(Needle {
                kind: NeedleKind::Digits(run.0),
                why: why.to_string(),
                help: value_help(audience),
                family_name: false,
                person: None,
            });
        }
    }
}

fn school_needles(out: &mut Vec<Needle>, school: &str, whose: &str, audience: &str) {
    let why = format!("names the school of {whose}, hidden from \u{201c}{audience}\u{201d}");
    let help = value_help(audience);
    let w = words(school);
    push_words(out, w.clone(), &why, &help);
    let distinctive: Vec<String> = w
        .iter()
        .filter(|x| !SCHOOL_WORDS.contains(&x.as_str()))
        .cloned()
        .collect();
    if !distinctive.is_empty() && distinctive.len() < w.len() {
        for word in distinctive.iter().filter(|x| x.chars().count() >= 3) {
            push_words(
                out,
                vec![word.clone()],
                &format!("{why} (its short name)"),
                &help,
            );
        }
    }
}

/// Runs of digits written with spaces, dashes, dots or brackets between them, run together,
/// with the index of their first and last word.
fn digit_runs(text: &str, words: &[fold::Word]) -> Vec<(String, usize, usize)> {
    let mut runs = Vec::new();
    let mut i = 0;
    while i < words.len() {
        if !words[i].folded.chars().all(|c| c.is_ascii_digit()) {
            i += 1;
            continue;
        }
        let mut digits = words[i].folded.clone();
        let mut j = i;
        while j + 1 < words.len()
            && words[j + 1].folded.chars().all(|c| c.is_ascii_digit())
            && text[words[j].end..words[j + 1].start]
                .chars()
                .all(|c| matches!(c, ' ' | '-' | '.' | '(' | ')' | '+'))
            && text[words[j].end..words[j + 1].start].chars().count() <= 3
        {
            j += 1;
            digits.push_str(&words[j].folded);
        }
        runs.push((digits, i, j));
        i = j + 1;
    }
    runs
}

/// A match in a shown text: the bytes of the shown text, and the needle.
struct Found<'n> {
    start: usize,
    end: usize,
    needle: &'n Needle,
}

/// Every hit in every text the audience sees, with reviewed matches released.
pub(crate) fn scan(case: &Case, rules: &Audience, seen: &[Seen]) -> Vec<Hit> {
    let needles = needles(case, rules);
    let mut by_first: BTreeMap<&str, Vec<&Needle>> = BTreeMap::new();
    for needle in &needles {
        if let NeedleKind::Words(w) = &needle.kind {
            by_first.entry(w[0].as_str()).or_default().push(needle);
        }
    }
    let accepted: Vec<Vec<String>> = rules.accept.iter().map(|a| words(&a.text)).collect();
    let mut hits = Vec::new();
    for text in seen {
        let mut found = matches(text, &needles, &by_first);
        found.sort_by_key(|f| (f.start, std::cmp::Reverse(f.end)));
        // One hit per place: the longest match starting there.
        found.dedup_by_key(|f| f.start);
        for f in found {
            let piece = text.pieces.iter().find(|p| {
                p.rendered.start <= f.start && f.start < p.rendered.end.max(p.rendered.start + 1)
            });
            let mention = piece.and_then(|p| p.mention.as_deref());
            let own_name = text.kind == SeenKind::OwnName || mention.is_some();
            if own_name && !f.needle.family_name {
                continue;
            }
            if mention.is_some_and(|m| f.needle.person.as_ref().is_some_and(|p| p.as_str() == m)) {
                continue;
            }
            let matched = text.shown[f.start..f.end].to_string();
            if accepted.contains(&words(&matched)) {
                continue;
            }
            let offset = match piece {
                Some(p) if p.mention.is_none() => p.original.start + (f.start - p.rendered.start),
                Some(p) => p.original.start,
                None => 0,
            };
            hits.push(Hit {
                key: text.key.clone(),
                value_at: case.places.get(&text.key),
                written: text.written.clone(),
                offset: offset.min(text.written.len()),
                matched,
                why: f.needle.why.clone(),
                help: f.needle.help.clone(),
            });
        }
        quotation_hits(case, rules, text, &mut hits);
        unresolved_mentions(case, rules, text, &accepted, &mut hits);
    }
    hits
}

/// "@kayleih": a mention of no one is shown as written, and an id is usually made from a
/// name, so a version for an audience refuses it until it is corrected or accepted.
fn unresolved_mentions(
    case: &Case,
    rules: &Audience,
    text: &Seen,
    accepted: &[Vec<String>],
    hits: &mut Vec<Hit>,
) {
    let is_id = |id: &str| case.person(&PersonId(id.to_string())).is_some();
    for mention in crate::mentions::find(&text.written, is_id) {
        let matched = text.written[mention.span.clone()].to_string();
        if mention.resolved || accepted.contains(&words(&matched)) {
            continue;
        }
        hits.push(Hit {
            key: text.key.clone(),
            value_at: case.places.get(&text.key),
            written: text.written.clone(),
            offset: mention.span.start,
            matched,
            why: format!(
                "looks like a mention, but no one has the id \u{201c}{}\u{201d}; written as it is, it may show a name \u{201c}{}\u{201d} may not see",
                mention.id, rules.name
            ),
            help: "Correct the id (see `genochron check` for the closest one), or put a space after the @ if it is not a mention.".into(),
        });
    }
}

/// The bytes of a text inside quotation marks ("…" or “…”); an opening mark with no closing
/// one runs to the end of the text.
fn quoted(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut open: Option<(usize, char)> = None;
    for (i, c) in text.char_indices() {
        match (open, c) {
            (None, '"') => open = Some((i, '"')),
            (None, '\u{201c}') => open = Some((i, '\u{201d}')),
            (Some((start, close)), c) if c == close => {
                out.push(start..i + c.len_utf8());
                open = None;
            }
            _ => {}
        }
    }
    if let Some((start, _)) = open {
        out.push(start..text.len());
    }
    out
}

/// Someone's own words — the child's voice, or a quotation in any text — name a person this
/// audience may know only by initials or role: writing that out would put words in their
/// mouth, so the version is refused until the entry has a wording for the audience.
fn quotation_hits(case: &Case, rules: &Audience, text: &Seen, hits: &mut Vec<Hit>) {
    let voice = text.kind == SeenKind::Voice;
    let quotes: Vec<std::ops::Range<usize>> = match voice {
        true => std::iter::once(0..text.written.len()).collect(),
        false => quoted(&text.written),
    };
    for piece in &text.pieces {
        let Some(id) = &piece.mention else { continue };
        if !rules.disclose.iter().any(|(p, _)| p.as_str() == id)
            || !quotes.iter().any(|q| q.contains(&piece.original.start))
        {
            continue;
        }
        let whose = match voice {
            true => "the child's own words, which are never reworded",
            false => "a quotation, which is never reworded",
        };
        hits.push(Hit {
            key: text.key.clone(),
            value_at: case.places.get(&text.key),
            written: text.written.clone(),
            offset: piece.original.start,
            matched: text.written[piece.original.clone()].to_string(),
            why: format!(
                "is in {whose}, and \u{201c}{}\u{201d} may not know this person by name",
                rules.name
            ),
            help: format!(
                "Give the entry a `wording` for \u{201c}{}\u{201d} with the words this audience may read, or leave the entry out of it with `audience:`.",
                rules.name
            ),
        });
    }
}

fn matches<'n>(
    text: &Seen,
    needles: &'n [Needle],
    by_first: &BTreeMap<&str, Vec<&'n Needle>>,
) -> Vec<Found<'n>> {
    let shown = &text.shown;
    let w = fold::words(shown);
    let mut found = Vec::new();
    for (i, word) in w.iter().enumerate() {
        for needle in by_first.get(word.folded.as_str()).into_iter().flatten() {
            let NeedleKind::Words(n) = &needle.kind else {
                continue;
            };
            if i + n.len() <= w.len()
                && w[i..i + n.len()].iter().zip(n).all(|(a, b)| &a.folded == b)
            {
                found.push(Found {
                    start: word.start,
                    end: w[i + n.len() - 1].end,
                    needle,
                });
            }
        }
    }
    // Letters and digits run together, matched from the start of a word to the end of one.
    let mut compact = String::new();
    let mut starts = BTreeMap::new();
    let mut ends = BTreeMap::new();
    for (i, word) in w.iter().enumerate() {
        starts.insert(compact.len(), i);
        compact.push_str(&word.folded);
        ends.insert(compact.len(), i);
    }
    let runs = digit_runs(shown, &w);
    let written_dates = dates::find(shown, &w);
    for needle in needles {
        match &needle.kind {
            NeedleKind::Words(_) => {}
            NeedleKind::Compact(c) => {
                for (at, _) in compact.match_indices(c.as_str()) {
                    if let (Some(&a), Some(&b)) = (starts.get(&at), ends.get(&(at + c.len()))) {
                        found.push(Found {
                            start: w[a].start,
                            end: w[b].end,
                            needle,
                        });
                    }
                }
            }
            NeedleKind::Digits(d) => {
                for (digits, a, b) in &runs {
                    if digits.contains(d.as_str()) {
                        found.push(Found {
                            start: w[*a].start,
                            end: w[*b].end,
                            needle,
                        });
                    }
                }
            }
            NeedleKind::Birth { year, month, day } => {
                for written in &written_dates {
                    let same_day = match (day, written.day) {
                        (Some(a), Some(b)) => *a == b,
                        _ => true,
                    };
                    if written.year == *year && written.month == *month && same_day {
                        found.push(Found {
                            start: written.start,
                            end: written.end,
                            needle,
                        });
                    }
                }
            }
        }
    }
    found
}
