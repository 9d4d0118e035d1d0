//! Plain names in free text, found so they can be written as mentions.
//!
//! A word written with a capital that is part of someone's name is a *plain name*. It is
//! turned into a mention only when that is certain to say the same thing in the whole case's
//! documents: exactly one person has that name, and the mention shows exactly the words
//! written (`@id` the short name, `@@id` the full name). Everything else — a name two people
//! share, a family name alone, a first name where the person goes by another, a name after
//! "Mr" or "Nana" — is listed for the author with its line and column, never guessed.

use crate::diagnostic::Location;
use crate::model::{Case, Person, PersonKind, TextKey};
use crate::redact::{fold, place, short_name};
use std::collections::{BTreeMap, BTreeSet};

/// A plain name in a free text, and what becomes of it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PlainName {
    /// Where it is in the case file (the start of its text when it cannot be pinned down).
    pub at: Location,
    /// The words as written.
    pub written: String,
    pub outcome: Outcome,
    /// Bytes of the case file to replace, for a rewrite.
    source: Option<(usize, usize)>,
    /// The name is the first thing in its text's value in the file (no quote before it).
    starts_value: bool,
    /// The text it is in, and its bytes there.
    key: TextKey,
    span: (usize, usize),
}

/// What becomes of a plain name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// It can be written as this mention ("@kayleigh", "@@arthur").
    Mention(String),
    /// It stays as written: why, and what the author can do.
    Left { why: String, help: String },
}

/// Kinship words and titles: "Nana Joan" or "Mr Smith" written as "Nana @joan" would read
/// "Nana the maternal grandmother" in a version that shows her by role.
const BEFORE_A_NAME: &[&str] = &[
    "nana", "nan", "nanna", "gran", "granny", "grandma", "grandad", "grandpa", "auntie", "aunty",
    "aunt", "uncle", "mum", "mummy", "mam", "dad", "daddy", "papa", "mr", "mrs", "ms", "miss",
    "mx", "dr", "cousin", "sister", "brother",
];

/// Days of the week, which are names as often as they are days (months are taken from the
/// date reader's list).
const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Who has each name, folded: whole names (two words or more) and single words.
struct Names<'a> {
    people: Vec<&'a Person>,
    /// Folded words of a whole name, known-as name or other name → people.
    whole: BTreeMap<Vec<String>, BTreeSet<usize>>,
    /// One folded word → people with it anywhere in a name.
    part: BTreeMap<String, BTreeSet<usize>>,
    longest: usize,
}

impl<'a> Names<'a> {
    fn new(case: &'a Case) -> Names<'a> {
        let people: Vec<&Person> = case
            .people
            .iter()
            .filter(|p| p.kind == PersonKind::Individual && !p.name.trim().is_empty())
            .collect();
        let mut names = Names {
            people,
            whole: BTreeMap::new(),
            part: BTreeMap::new(),
            longest: 1,
        };
        for (i, person) in names.people.iter().enumerate() {
            let texts = std::iter::once(&person.name)
                .chain(person.known_as.iter())
                .chain(person.aliases.iter());
            for text in texts {
                let words = fold::key(text);
                for word in &words {
                    names.part.entry(word.clone()).or_default().insert(i);
                }
                if words.len() > 1 {
                    names.longest = names.longest.max(words.len());
                    names.whole.entry(words).or_default().insert(i);
                }
            }
        }
        names
    }
}

/// Every plain name in the case's free texts, in file order. `source` is the case file's
/// text, for lines and columns.
pub fn find(case: &Case, source: &str) -> Vec<PlainName> {
    let names = Names::new(case);
    let mut out = Vec::new();
    for (key, written) in crate::redact::free_texts(case) {
        let value_at = case.places.get(&key);
        for (span, outcome) in in_text(case, &names, &written) {
            let word = value_at.and_then(|at| {
                let first = place::word_in_source(source, at, &written, span.0)?;
                let last_start = fold::words(&written[..span.1]).last()?.start;
                let last = place::word_in_source(source, at, &written, last_start)?;
                Some((first, last))
            });
            let starts_value = match (word, value_at) {
                // A block text (`>-`, `|`) starts on a line of its own; a plain one
                // follows its key or its `-` on the same line.
                (Some((first, _)), Some(at)) => {
                    let line_start = source[..first.start].rfind('\n').map_or(0, |i| i + 1);
                    byte_of(source, at) == Some(first.start)
                        && !source[line_start..first.start].trim().is_empty()
                }
                _ => false,
            };
            let at = word
                .map(|(first, _)| first.at)
                .or(value_at)
                .unwrap_or(Location { line: 0, column: 0 });
            let source_range = word.map(|(first, last)| (first.start, last.end));
            let outcome = match (outcome, source_range) {
                (Outcome::Mention(m), Some((a, b)))
                    if source_says(source, a, b, &written[span.0..span.1]) =>
                {
                    Outcome::Mention(m)
                }
                (Outcome::Mention(m), _) => not_in_place(&m),
                (left, _) => left,
            };
            out.push(PlainName {
                at,
                written: written[span.0..span.1].to_string(),
                outcome,
                source: source_range,
                starts_value,
                key: key.clone(),
                span,
            });
        }
    }
    out.sort_by_key(|p| (p.at.line, p.at.column));
    out
}

/// The plain names in one text: their bytes and what becomes of them.
fn in_text(case: &Case, names: &Names, text: &str) -> Vec<((usize, usize), Outcome)> {
    let is_id = |id: &str| {
        case.person(&crate::model::PersonId(id.to_string()))
            .is_some()
    };
    let mentioned: Vec<std::ops::Range<usize>> = super::find(text, is_id)
        .into_iter()
        .map(|m| m.span)
        .collect();
    let words: Vec<fold::Word> = fold::words(text)
        .into_iter()
        .filter(|w| {
            !mentioned
                .iter()
                .any(|m| m.start <= w.start && w.start < m.end)
        })
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let capital = text[words[i].start..]
            .chars()
            .next()
            .is_some_and(char::is_uppercase);
        if !capital || !names.part.contains_key(&words[i].folded) {
            i += 1;
            continue;
        }
        let (len, owners) = longest_name(names, text, &words[i..]);
        let span = (words[i].start, words[i + len - 1].end);
        if let Some(outcome) = outcome(names, text, &words, i, len, &owners) {
            out.push((span, outcome));
        }
        i += len;
    }
    out
}

/// The longest whole name starting at the first word (its words next to each other), else
/// the one word: how many words, and whose name it is.
fn longest_name(names: &Names, text: &str, words: &[fold::Word]) -> (usize, BTreeSet<usize>) {
    let adjacent = |a: &fold::Word, b: &fold::Word| joined(&text[a.end..b.start]);
    for len in (2..=names.longest.min(words.len())).rev() {
        if !words[..len].windows(2).all(|w| adjacent(&w[0], &w[1])) {
            continue;
        }
        let key: Vec<String> = words[..len].iter().map(|w| w.folded.clone()).collect();
        if let Some(owners) = names.whole.get(&key) {
            return (len, owners.clone());
        }
    }
    (1, names.part[&words[0].folded].clone())
}

/// True when what stands between two words joins them into one name: white space (a line
/// break too), or one hyphen or apostrophe ("Fitzgerald-Walsh", "Shiv's Nails").
fn joined(between: &str) -> bool {
    let visible: String = between
        .chars()
        .filter(|c| !fold::is_invisible(*c))
        .collect();
    visible.chars().all(char::is_whitespace) || matches!(visible.as_str(), "-" | "'" | "\u{2019}")
}

/// What becomes of the name of `len` words at `i`: a mention when it is certain, else why
/// not. `None` for a word that is not a name here (a month beside a number, an e-mail).
fn outcome(
    names: &Names,
    text: &str,
    words: &[fold::Word],
    i: usize,
    len: usize,
    owners: &BTreeSet<usize>,
) -> Option<Outcome> {
    let (start, end) = (words[i].start, words[i + len - 1].end);
    let written = &text[start..end];
    if not_a_name_here(text, words, i, start, end) {
        return None;
    }
    let who = |i: &usize| {
        let p = names.people[*i];
        format!("{} (@{})", p.name, p.id)
    };
    if owners.len() > 1 {
        let all: Vec<String> = owners.iter().map(who).collect();
        return Some(left(
            format!(
                "could be any of {}: a name shared by more than one person is never guessed",
                list(&all)
            ),
            "Write the @id of the one it means.".into(),
        ));
    }
    let person = names.people[*owners.iter().next()?];
    let id = &person.id;
    if previous_word(text, words, i, start)
        .is_some_and(|w| matches!(w.folded.as_str(), "st" | "saint"))
    {
        // "St Mary's": a church, a school, a hospital.
        return None;
    }
    if let Some(doubt) = neighbour_doubt(text, words, i, len, person) {
        return Some(doubt);
    }
    let short = short_name(person);
    if written == short {
        return Some(Outcome::Mention(format!("@{id}")));
    }
    if written == person.name {
        return Some(Outcome::Mention(format!("@@{id}")));
    }
    Some(left(
        format!(
            "names {} (@{id}), but neither @{id} (\u{201c}{short}\u{201d}) nor @@{id} (\u{201c}{}\u{201d}) shows these words",
            person.name, person.name
        ),
        format!(
            "If it means {}, write @{id} or @@{id}: each version then shows what its audience may see.",
            person.name
        ),
    ))
}

/// Whether the words at `i` (from byte `start` to `end`) are not a name in this text: part of
/// an e-mail address, a file name or a web address, or a month beside a number.
fn not_a_name_here(text: &str, words: &[fold::Word], i: usize, start: usize, end: usize) -> bool {
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    // Part of an e-mail address, a file name or a web address.
    if before.is_some_and(|c| c == '@' || c == '.' || c == '_' || c.is_alphanumeric())
        || after.is_some_and(|c| c == '@' || c == '_')
        || (after == Some('.')
            && text[end + 1..]
                .chars()
                .next()
                .is_some_and(char::is_alphanumeric))
    {
        return true;
    }
    let folded = &words[i].folded;
    if words[i].end == end && is_calendar_word(folded) {
        let beside_number = [i.checked_sub(1), Some(i + 1)]
            .into_iter()
            .flatten()
            .filter_map(|j| words.get(j))
            .any(|w| w.folded.chars().all(|c| c.is_ascii_digit()));
        if beside_number {
            return true;
        }
    }
    false
}

/// The word just before the one at `i` (which starts at byte `start`), if only space is
/// between them.
fn previous_word<'a>(
    text: &str,
    words: &'a [fold::Word],
    i: usize,
    start: usize,
) -> Option<&'a fold::Word> {
    i.checked_sub(1)
        .map(|j| &words[j])
        .filter(|w| text[w.end..start].chars().all(char::is_whitespace))
}

/// Why a name beside other words may not mean the person it names: it follows a word that
/// would stay beside whatever each version shows, or a capitalised word, or is followed by one.
fn neighbour_doubt(
    text: &str,
    words: &[fold::Word],
    i: usize,
    len: usize,
    person: &Person,
) -> Option<Outcome> {
    let (start, end) = (words[i].start, words[i + len - 1].end);
    let id = &person.id;
    let previous = previous_word(text, words, i, start);
    if let Some(previous) = previous {
        let word = &text[previous.start..previous.end];
        let capital = word.chars().next().is_some_and(char::is_uppercase);
        let sentence_start = text[..previous.start]
            .trim_end()
            .ends_with(['.', '!', '?', ':', ';', '"', '\u{201c}'])
            || text[..previous.start].trim().is_empty();
        if BEFORE_A_NAME.contains(&previous.folded.as_str()) {
            return Some(left(
                format!(
                    "follows \u{201c}{word}\u{201d}, which would stay beside whatever each version shows of {}",
                    person.name
                ),
                format!(
                    "Write @{id} alone (\u{201c}@{id}\u{201d} or \u{201c}@@{id}\u{201d}), rewording the sentence, if it means {}.",
                    person.name
                ),
            ));
        }
        if capital && !sentence_start {
            return Some(left(
                format!(
                    "follows \u{201c}{word}\u{201d}: it may be part of another name (a place, a business)"
                ),
                format!("If it means {}, write @{id}.", person.name),
            ));
        }
    }
    let next = words.get(i + len).filter(|w| joined(&text[end..w.start]));
    if let Some(next) = next {
        let word = &text[next.start..next.end];
        if word.chars().next().is_some_and(char::is_uppercase) {
            return Some(left(
                format!(
                    "is followed by \u{201c}{word}\u{201d}: it may be part of a longer name (someone else's, a place, a business)"
                ),
                format!("If it means {}, write @{id} or @@{id}.", person.name),
            ));
        }
    }
    None
}

fn left(why: String, help: String) -> Outcome {
    Outcome::Left { why, help }
}

/// "a, b and c".
fn list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// The case file's text with every certain plain name written as its mention, and the names
/// so written. Only bytes of those names change; a YAML text that would then start with `@`
/// (which YAML keeps for itself) is put in quotes.
pub(crate) fn rewrite(source: &str, found: &[PlainName]) -> (String, Vec<PlainName>) {
    let mut edits: Vec<(usize, usize, String, &PlainName)> = found
        .iter()
        .filter_map(|p| match (&p.outcome, p.source) {
            (Outcome::Mention(m), Some((a, b))) if source_says(source, a, b, &p.written) => {
                Some((a, b, m.clone(), p))
            }
            _ => None,
        })
        .collect();
    edits.sort_by_key(|e| e.0);
    edits.dedup_by_key(|e| e.0);
    let mut out = source.to_string();
    let mut done = Vec::new();
    for (a, b, mention, plain) in edits.into_iter().rev() {
        match plain.starts_value.then(|| plain_scalar_end(&out, a)) {
            Some(line_end) => {
                let value = format!("{mention}{}", &out[b..line_end]);
                let quoted = match value.contains(['"', '\\']) {
                    true => format!("'{}'", value.replace('\'', "''")),
                    false => format!("\"{value}\""),
                };
                out.replace_range(a..line_end, &quoted);
            }
            None => out.replace_range(a..b, &mention),
        }
        done.push(plain.clone());
    }
    done.reverse();
    (out, done)
}

/// True when the file's bytes say the same words as the text (so nothing else is replaced).
fn source_says(source: &str, a: usize, b: usize, written: &str) -> bool {
    a < b && b <= source.len() && fold::key(&source[a..b]) == fold::key(written)
}

/// The byte of a line and column in the file.
fn byte_of(source: &str, at: Location) -> Option<usize> {
    let line_start = match at.line {
        0 => return None,
        1 => 0,
        n => source.match_indices('\n').nth(n - 2)?.0 + 1,
    };
    let line = &source[line_start..];
    let column = line
        .char_indices()
        .nth(at.column.checked_sub(1)?)
        .map(|(i, _)| i)?;
    Some(line_start + column)
}

/// The end of a plain (unquoted) YAML text that starts at `at`, on its line: the end of the
/// line, where a comment starts, or in a `[ … ]` list the next comma or bracket.
fn plain_scalar_end(source: &str, at: usize) -> usize {
    let line_start = source[..at].rfind('\n').map_or(0, |i| i + 1);
    let before = source[line_start..at].trim_end();
    let flow = before.ends_with('[') || before.ends_with(',');
    let line_end = source[at..].find('\n').map_or(source.len(), |i| at + i);
    let line = &source[at..line_end];
    let mut end = line.find(" #").unwrap_or(line.len());
    if flow {
        end = end.min(line.find([',', ']', '}']).unwrap_or(line.len()));
    }
    at + line[..end].trim_end().len()
}

fn not_in_place(mention: &str) -> Outcome {
    left(
        "could not be rewritten in place: the file writes it in a way (escapes, quotes over \
         several lines) that genochron does not change by itself"
            .into(),
        format!("Write {mention} here by hand."),
    )
}

/// A case file with its certain plain names written as mentions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fixed {
    /// The new text of the file.
    pub text: String,
    /// The names rewritten, at their places in the old text.
    pub rewritten: Vec<PlainName>,
    /// The names left for the author, at their places in the new text.
    pub left: Vec<PlainName>,
}

/// Why a case file was not rewritten.
#[derive(Debug, Clone, PartialEq)]
pub enum FixError {
    /// The file has problems: `genochron check` lists them.
    Problems(Vec<crate::diagnostic::Diagnostic>),
}

/// Rewrites every certain plain name in the case file `source` (called `name`) as its
/// mention. Each rewrite is checked by reading the new file back: it must check, every
/// document of the whole case must say exactly what it said before, and each text must differ
/// only by the mentions written into it. A text whose rewrite fails that is left as it was,
/// its names listed.
pub fn fix(name: &str, source: &str) -> Result<Fixed, FixError> {
    let loaded = crate::load(name, source.as_bytes());
    let Some(case) = loaded.case else {
        return Err(FixError::Problems(loaded.diagnostics));
    };
    let found = find(&case, source);
    let certain: Vec<PlainName> = found
        .iter()
        .filter(|p| matches!(p.outcome, Outcome::Mention(_)))
        .cloned()
        .collect();
    let mut kept = certain.clone();
    if !says_the_same(name, &case, source, &kept) {
        // Find the texts whose rewrite goes wrong, one text at a time.
        let mut by_text: BTreeMap<TextKey, Vec<PlainName>> = BTreeMap::new();
        for plain in &certain {
            by_text
                .entry(plain.key.clone())
                .or_default()
                .push(plain.clone());
        }
        kept = by_text
            .into_values()
            .filter(|group| says_the_same(name, &case, source, group))
            .flatten()
            .collect();
        if !says_the_same(name, &case, source, &kept) {
            kept.clear();
        }
    }
    let (text, rewritten) = rewrite(source, &kept);
    let left = match crate::load(name, text.as_bytes()).case {
        Some(new) => find(&new, &text)
            .into_iter()
            .map(|mut p| {
                if let Outcome::Mention(m) = &p.outcome {
                    p.outcome = not_in_place(m);
                }
                p
            })
            .collect(),
        None => Vec::new(),
    };
    Ok(Fixed {
        text,
        rewritten,
        left,
    })
}

/// True when rewriting `plain` in `source` gives a file that checks, whose whole-case
/// documents say exactly what the old one's say, and whose texts differ from the old ones
/// only by those mentions.
fn says_the_same(name: &str, case: &Case, source: &str, plain: &[PlainName]) -> bool {
    let (text, done) = rewrite(source, plain);
    if done.len() != plain.len() {
        return false;
    }
    let Some(new) = crate::load(name, text.as_bytes()).case else {
        return false;
    };
    let shown = |case: &Case| {
        let mut shown = crate::redact::full(case).case().clone();
        shown.details.source_hash.clear();
        shown
    };
    if shown(case) != shown(&new) {
        return false;
    }
    let mut expected: BTreeMap<TextKey, String> =
        crate::redact::free_texts(case).into_iter().collect();
    let mut in_order: Vec<&PlainName> = plain.iter().collect();
    in_order.sort_by(|a, b| (&a.key, a.span).cmp(&(&b.key, b.span)));
    for p in in_order.into_iter().rev() {
        let (Some(text), Outcome::Mention(m)) = (expected.get_mut(&p.key), &p.outcome) else {
            return false;
        };
        text.replace_range(p.span.0..p.span.1, m);
    }
    let now: BTreeMap<TextKey, String> = crate::redact::free_texts(&new).into_iter().collect();
    expected == now
}

/// Words that are names as often as they are dates: "May", "August", "Monday".
fn is_calendar_word(folded: &str) -> bool {
    crate::redact::dates::MONTHS.contains(&folded) || WEEKDAYS.contains(&folded)
}
