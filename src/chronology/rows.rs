//! One row per entry, already in words: number, date, event, each subject child's age and the
//! impact on them, action, status, significance and source.
//!
//! The words follow what the worker recorded and nothing more: a child the entry does not
//! concern gets an empty cell (not "not concerned", which reads as a finding), an impact nobody
//! wrote says "not recorded", a valence the worker did not give is not printed, and an age
//! worked out from a partial or approximate date says so ("c. 1y", "57–58y").

use super::select::{Filter, Focus, Selection, select};
use crate::model::{Case, Entry, PartialDate, PersonId, Precision, Qualifier, Significance};
use crate::vocabulary::{
    AGE_NOT_KNOWN, AGE_WITHHELD, IMPACT_NOT_RECORDED, NOT_YET_BORN, significance_word, status_word,
    valence_word,
};
use chrono::{Datelike, NaiveDate};

/// A subject child with a column (or a label) in the table.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildColumn {
    pub id: PersonId,
    /// The name as the case shows it ("Ama Mensah", or initials in a redacted version).
    pub name: String,
    /// The name short enough for a label beside an age ("Ama").
    pub short: String,
}

/// One child's cells in a row.
#[derive(Debug, Clone, PartialEq)]
pub struct ChildCells {
    /// The entry is about this child.
    pub concerned: bool,
    /// Empty when the entry is not about the child.
    pub age: String,
    /// Empty when the entry is not about the child; "not recorded" when it is and no
    /// impact was written.
    pub impact: String,
}

/// One entry in words.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub number: u32,
    /// "14 Mar 2019", "Feb 2020 to c. Sep 2021", "14 Mar 2019, 23:40".
    pub date: String,
    pub event: String,
    /// In the order of [`Chronology::children`].
    pub children: Vec<ChildCells>,
    /// The child's own words, with the label naming whose they are.
    pub voice: Option<(String, String)>,
    /// Empty when none was recorded.
    pub action: String,
    /// "Agreed", "Disputed", "Alleged".
    pub status: String,
    pub status_note: Option<String>,
    pub significance: Option<Significance>,
    /// "High", "Medium", "Low", or empty when not rated.
    pub significance_word: String,
    pub source: String,
    /// Empty when none was recorded.
    pub reference: String,
    /// The case ids of the children and people it concerns (for linking in the HTML page).
    pub people: Vec<String>,
}

impl Row {
    /// The status with its note: "Disputed: mother denies this".
    pub fn status_text(&self) -> String {
        match &self.status_note {
            Some(note) => format!("{}: {note}", self.status),
            None => self.status.clone(),
        }
    }

    /// The event with the child's words after it, as one cell.
    pub fn event_text(&self) -> String {
        match &self.voice {
            Some((label, words)) => format!("{} {label} {words}", self.event),
            None => self.event.clone(),
        }
    }

    /// The source with its reference, as one cell: "Police log; PL/2019/114".
    pub fn source_text(&self) -> String {
        if self.reference.is_empty() {
            self.source.clone()
        } else if self.source.is_empty() {
            self.reference.clone()
        } else {
            format!("{}; {}", self.source, self.reference)
        }
    }
}

/// The chronology of a version of a case: its child columns, its rows in date order, and
/// what the filters left out.
#[derive(Debug, Clone)]
pub struct Chronology<'a> {
    pub children: Vec<ChildColumn>,
    pub rows: Vec<Row>,
    pub selection: Selection<'a>,
}

impl Chronology<'_> {
    /// More than one child column: ages and words must name their child.
    pub fn several_children(&self) -> bool {
        self.children.len() > 1
    }
}

/// The rows for a case, chosen by `filter` (the whole chronology for the default filter).
pub fn chronology<'a>(case: &'a Case, filter: &Filter) -> Chronology<'a> {
    let selection = select(case, &Focus::default(), filter);
    let children: Vec<ChildColumn> = selection
        .children
        .iter()
        .map(|id| ChildColumn {
            id: id.clone(),
            name: case
                .person(id)
                .map(|p| p.display_name().to_string())
                .unwrap_or_else(|| id.to_string()),
            short: short_name(case, id),
        })
        .collect();
    let rows = selection
        .shown
        .iter()
        .map(|entry| row(case, entry, &children))
        .collect();
    Chronology {
        children,
        rows,
        selection,
    }
}

fn row(case: &Case, entry: &Entry, children: &[ChildColumn]) -> Row {
    let mut date = super::entry_date_text(entry);
    if let Some((h, m)) = entry.time {
        date.push_str(&format!(", {h:02}:{m:02}"));
    }
    let cells: Vec<ChildCells> = children
        .iter()
        .map(|c| child_cells(case, entry, &c.id))
        .collect();
    let mut people: Vec<String> = entry.children.iter().map(|c| c.0.clone()).collect();
    for involvement in &entry.people {
        if !people.contains(&involvement.person.0) {
            people.push(involvement.person.0.clone());
        }
    }
    Row {
        number: entry.number,
        date,
        event: entry.event.clone(),
        voice: entry.voice.as_ref().map(|words| {
            (
                voice_label(entry, children),
                format!("\u{201c}{words}\u{201d}"),
            )
        }),
        children: cells,
        action: entry.action.clone().unwrap_or_default(),
        status: status_word(entry.status).to_string(),
        status_note: entry.status_note.clone(),
        significance: entry.significance,
        significance_word: entry
            .significance
            .map(significance_word)
            .unwrap_or_default()
            .to_string(),
        source: entry.source.clone(),
        reference: entry.reference.clone().unwrap_or_default(),
        people,
    }
}

/// Whose words these are: "Child's words:" in a case about one child; the child's name when
/// the entry is about one of several; and a plain statement when the file does not say which
/// of several children spoke.
fn voice_label(entry: &Entry, children: &[ChildColumn]) -> String {
    if children.len() <= 1 {
        return "Child's words:".to_string();
    }
    let concerned: Vec<&ChildColumn> = children.iter().filter(|c| concerns(entry, &c.id)).collect();
    match concerned.as_slice() {
        [one] => format!("{}'s words:", one.short),
        _ => "A child's words (the record does not say which child):".to_string(),
    }
}

fn concerns(entry: &Entry, child: &PersonId) -> bool {
    entry.children.is_empty() || entry.children.contains(child)
}

fn child_cells(case: &Case, entry: &Entry, child: &PersonId) -> ChildCells {
    if !concerns(entry, child) {
        return ChildCells {
            concerned: false,
            age: String::new(),
            impact: String::new(),
        };
    }
    let person = case.person(child);
    let age = match person.and_then(|p| p.born) {
        Some(born) => {
            // A child who has died is aged at their death.
            let died = person
                .and_then(|p| p.died)
                .filter(|d| d.start() < entry.date.start());
            age_between(&born, &died.unwrap_or(entry.date))
        }
        // "not known" would be false of a birth date the record has but this version
        // withholds.
        None if person.is_some_and(|p| p.birth_date_withheld) => AGE_WITHHELD.to_string(),
        None => AGE_NOT_KNOWN.to_string(),
    };
    let mut impact = impact_text(entry, child);
    if age == NOT_YET_BORN && impact == IMPACT_NOT_RECORDED {
        // Nobody records an impact on a child not yet conceived: an empty cell, not a gap.
        impact.clear();
    }
    ChildCells {
        concerned: true,
        age,
        impact,
    }
}

/// The impact on one child: their own impact if written, else the impact for all children;
/// the valence only when the worker gave one.
fn impact_text(entry: &Entry, child: &PersonId) -> String {
    let impact = entry
        .impacts
        .iter()
        .find(|i| i.child.as_ref() == Some(child))
        .or_else(|| entry.impacts.iter().find(|i| i.child.is_none()));
    match impact {
        None => IMPACT_NOT_RECORDED.to_string(),
        Some(impact) => match (impact.text.is_empty(), impact.valence) {
            (false, Some(v)) => format!("{} ({})", impact.text, valence_word(v)),
            (false, None) => impact.text.clone(),
            (true, Some(v)) => format!("{} (impact not described)", capitalised(valence_word(v))),
            (true, None) => IMPACT_NOT_RECORDED.to_string(),
        },
    }
}

fn capitalised(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().collect::<String>() + chars.as_str(),
        None => String::new(),
    }
}

/// Age at an entry, to the precision the two dates allow: "7y 3m" when both are known to
/// the day; "c. 1y" when either is approximate; "57–58y" when a partial date leaves two
/// possible years; "not yet born" before the pregnancy, or before birth when a date is not
/// known to the day; the stage of pregnancy when both are.
pub(crate) fn age_between(birth: &PartialDate, when: &PartialDate) -> String {
    let exact =
        |d: &PartialDate| d.precision() == Precision::Day && d.qualifier() == Qualifier::Exact;
    // Before the pregnancy there is no age, not even a stage of pregnancy.
    if when.end() < birth.start() - chrono::Days::new(280) {
        return NOT_YET_BORN.to_string();
    }
    if exact(birth) && exact(when) {
        return crate::model::Age::at(birth, when.start()).to_string();
    }
    // The youngest the child can have been, and the oldest.
    let youngest = months_between(birth.end(), when.start());
    let oldest = months_between(birth.start(), when.end());
    if oldest < 0 {
        // The stage of pregnancy needs both days; without them, only that it was before.
        return NOT_YET_BORN.to_string();
    }
    let youngest = youngest.max(0);
    let bounds_only = |d: &PartialDate| d.qualifier() == Qualifier::Exact;
    if !bounds_only(birth) || !bounds_only(when) {
        return format!("c. {}", months_text((youngest + oldest) / 2, false));
    }
    let (young_years, old_years) = (youngest / 12, oldest / 12);
    if youngest == oldest {
        months_text(youngest, true)
    } else if young_years == old_years {
        if young_years == 0 {
            format!("{youngest}\u{2013}{oldest}m")
        } else {
            format!("{young_years}y")
        }
    } else {
        format!("{young_years}\u{2013}{old_years}y")
    }
}

/// Whole months completed between two days; negative before `from`.
fn months_between(from: NaiveDate, to: NaiveDate) -> i32 {
    let mut months = (to.year() - from.year()) * 12 + to.month() as i32 - from.month() as i32;
    if to.day() < from.day() {
        months -= 1;
    }
    if to < from { months.min(-1) } else { months }
}

/// "7y 3m", "10m", "7y"; years only when `with_months` is false and the child is over one.
fn months_text(months: i32, with_months: bool) -> String {
    let (years, rest) = (months / 12, months % 12);
    match (years, rest) {
        (0, m) => format!("{m}m"),
        (y, 0) => format!("{y}y"),
        (y, _) if !with_months => format!("{y}y"),
        (y, m) => format!("{y}y {m}m"),
    }
}

/// A subject child's name short enough for a label: the known-as name, or the first name
/// when the name is a plain first name and surname ("Ama" for Ama Mensah), else in full
/// (initials and roles of a redacted version are kept whole).
pub(crate) fn short_name(case: &Case, id: &PersonId) -> String {
    let Some(person) = case.person(id) else {
        return id.to_string();
    };
    if let Some(known_as) = &person.known_as {
        return known_as.clone();
    }
    let words: Vec<&str> = person.name.split_whitespace().collect();
    match words.first() {
        Some(first) if words.len() > 1 && first.chars().count() > 2 && !first.ends_with('.') => {
            first.to_string()
        }
        _ => person.display_name().to_string(),
    }
}

/// A paragraph of a court-table cell: an optional bold label ("Action:") and its text.
#[derive(Debug, Clone, PartialEq)]
pub struct Paragraph {
    pub label: Option<String>,
    pub text: String,
}

impl Paragraph {
    pub fn plain(text: impl Into<String>) -> Paragraph {
        Paragraph {
            label: None,
            text: text.into(),
        }
    }

    pub fn labelled(label: impl Into<String>, text: impl Into<String>) -> Paragraph {
        Paragraph {
            label: Some(label.into()),
            text: text.into(),
        }
    }
}

/// The label of a status note in the court table (the status itself is under the number).
pub(crate) const STATUS_NOTE_LABEL: &str = "Status note:";

/// The five columns of the court document's table (the PDF and the HTML page): the same
/// cells as the Markdown table, grouped so that a landscape page holds them at 12 pt.
pub const COURT_COLUMNS: [&str; 5] = [
    "No.",
    "Date and age",
    "Event, action and status",
    "Impact on the child",
    "Source and reference",
];

impl Chronology<'_> {
    /// A row's cells for the five court columns, in paragraphs. Labels name the child when
    /// there is more than one, and say what a line is ("Action:", "Ref:").
    pub fn court_cells(&self, row: &Row) -> [Vec<Paragraph>; 5] {
        let several = self.several_children();
        let mut number = vec![Paragraph::plain(row.number.to_string())];
        if !row.significance_word.is_empty() {
            number.push(Paragraph::plain(row.significance_word.clone()));
        }
        number.push(Paragraph::plain(row.status.clone()));
        let mut date = vec![Paragraph::plain(row.date.clone())];
        let mut impact = Vec::new();
        for (child, cells) in self.children.iter().zip(&row.children) {
            if !cells.concerned {
                continue;
            }
            if several {
                date.push(Paragraph::labelled(
                    format!("{}:", child.short),
                    cells.age.clone(),
                ));
                impact.push(Paragraph::labelled(
                    format!("{}:", child.short),
                    cells.impact.clone(),
                ));
            } else {
                date.push(Paragraph::plain(cells.age.clone()));
                impact.push(Paragraph::plain(cells.impact.clone()));
            }
        }
        if let Some((label, words)) = &row.voice {
            impact.push(Paragraph::labelled(label.clone(), words.clone()));
        }
        let mut event = vec![Paragraph::plain(row.event.clone())];
        if !row.action.is_empty() {
            event.push(Paragraph::labelled("Action:", row.action.clone()));
        }
        if let Some(note) = &row.status_note {
            event.push(Paragraph::labelled(STATUS_NOTE_LABEL, note.clone()));
        }
        let mut source = vec![Paragraph::plain(row.source.clone())];
        if !row.reference.is_empty() {
            source.push(Paragraph::labelled("Ref:", row.reference.clone()));
        }
        [number, date, event, impact, source]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date(text: &str) -> PartialDate {
        PartialDate::parse(text).unwrap()
    }

    #[test]
    fn exact_dates_give_exact_ages() {
        assert_eq!(
            age_between(&date("2015-06-02"), &date("2022-09-02")),
            "7y 3m"
        );
        assert_eq!(age_between(&date("2015-06-02"), &date("2016-04-20")), "10m");
    }

    #[test]
    fn approximate_entry_dates_give_approximate_ages() {
        assert_eq!(
            age_between(&date("2013-01-10"), &date("about 2014")),
            "c. 1y"
        );
    }

    #[test]
    fn a_year_of_birth_gives_two_possible_years() {
        assert_eq!(
            age_between(&date("1968"), &date("2026-01-15")),
            "57\u{2013}58y"
        );
        assert_eq!(age_between(&date("2015-06-02"), &date("2019-08")), "4y");
    }

    #[test]
    fn before_the_pregnancy_a_child_is_not_yet_born() {
        assert_eq!(
            age_between(&date("2015-06-02"), &date("2013-05")),
            "not yet born"
        );
        assert_eq!(
            age_between(&date("2015-06-02"), &date("2015-03-31")),
            "pre-birth, about 31 weeks"
        );
    }
}
