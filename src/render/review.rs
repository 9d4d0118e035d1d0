//! The supervision review as a document: Markdown, a self-contained HTML page, and JSON.
//!
//! The content is built once as a list of blocks (headings, paragraphs, lists, tables,
//! drawings) in the order a supervision session goes: what changed and what the children
//! said, what it adds up to, what is overdue, and what the last review decided. Each writer
//! only formats the blocks, so the versions never say different things.

use crate::layout::scene::Scene;
use crate::model::Case;
use crate::review::changes::ChangeId;
use crate::review::{Basis, ChangeKind, ChangeType, Review};
use std::fmt::Write;

/// One piece of the document.
#[derive(Debug, Clone, PartialEq)]
pub enum Block {
    Heading(u8, String),
    Paragraph(String),
    List(Vec<String>),
    Table {
        headers: Vec<String>,
        rows: Vec<Vec<String>>,
    },
    /// A drawing: shown in HTML and PDF; Markdown says where to find it.
    Drawing {
        id: &'static str,
        title: String,
    },
}

/// The drawings a review shows.
pub struct Drawings<'a> {
    pub genogram: &'a Scene,
    pub timeline: &'a Scene,
    pub scores: &'a Scene,
}

impl<'a> Drawings<'a> {
    /// The drawing a review's `Block::Drawing` names: "genogram", "timeline", or the scores.
    pub(crate) fn by_id(&self, id: &str) -> &'a Scene {
        match id {
            "genogram" => self.genogram,
            "timeline" => self.timeline,
            _ => self.scores,
        }
    }
}

fn day(date: chrono::NaiveDate) -> String {
    date.format("%-d %b %Y").to_string()
}

/// A date as the case file writes it, in words for the document ("6 Nov 2026").
fn shown(text: &str) -> String {
    crate::model::PartialDate::parse(text)
        .map(|d| d.to_string())
        .unwrap_or_else(|_| text.to_string())
}

fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}

fn numbers(list: &[u32]) -> String {
    let list: Vec<String> = list.iter().map(|n| format!("No. {n}")).collect();
    list.join(", ")
}

/// The whole document as blocks.
pub fn blocks(review: &Review, case: &Case, audience: Option<&str>) -> Vec<Block> {
    let mut out = Vec::new();
    let title = if case.details.title.is_empty() {
        "Supervision review".to_string()
    } else {
        format!("Supervision review: {}", case.details.title)
    };
    out.push(Block::Heading(1, title));
    let p = review.period;
    let mut facts = vec![format!(
        "Review period: {} to {} ({} days), compared with the {} days before ({} to {}).",
        day(p.from),
        day(p.to),
        p.days(),
        review.previous.days(),
        day(review.previous.from),
        day(review.previous.to)
    )];
    facts.push(match &review.basis {
        Basis::EarlierVersion { file } => format!(
            "Changes are between the earlier version of the case file ({file}) and this one."
        ),
        Basis::Dates => "No earlier version of the case file was given, so the changes are what \
                         the case file dates in the period: entries, births, moves, partnerships, \
                         relationships, legal statuses and placements. Edits and removals cannot \
                         be seen this way."
            .to_string(),
    });
    if !case.details.reference.is_empty() {
        facts.push(format!("Case reference: {}.", case.details.reference));
    }
    if let Some(audience) = audience {
        facts.push(format!(
            "This version is for the audience \"{audience}\": some people are shown by role or \
             initials and some details and entries are left out."
        ));
    }
    out.extend(facts.into_iter().map(Block::Paragraph));
    changes(&mut out, review);
    voice(&mut out, review, case);
    adds_up(&mut out, review);
    overdue(&mut out, review);
    last_review(&mut out, review, case);
    out.push(Block::Heading(2, "The diagrams".into()));
    out.push(Block::Paragraph(
        "On both diagrams, what is new in the period has a solid outline, what changed a \
         dashed outline, and what ended is faded. The timeline shades the review period, with a tick above each end."
            .into(),
    ));
    out.push(Block::Drawing {
        id: "genogram",
        title: "Genogram".into(),
    });
    out.push(Block::Drawing {
        id: "timeline",
        title: "Timeline".into(),
    });
    out
}

fn change_word(change: ChangeType) -> &'static str {
    match change {
        ChangeType::Added => "Added",
        ChangeType::Edited => "Edited",
        ChangeType::Ended => "Ended",
        ChangeType::Removed => "Removed",
    }
}

fn changes(out: &mut Vec<Block>, review: &Review) {
    out.push(Block::Heading(2, "What changed".into()));
    if review.changes.is_empty() {
        out.push(Block::Paragraph("Nothing changed in the period.".into()));
        return;
    }
    let kinds = [
        (ChangeKind::Entry, "Chronology entries"),
        (ChangeKind::Person, "People"),
        (ChangeKind::Partnership, "Partnerships"),
        (ChangeKind::Household, "Households"),
        (ChangeKind::Relationship, "Relationships"),
        (ChangeKind::LegalStatus, "Legal statuses"),
        (ChangeKind::Placement, "Placements"),
        (ChangeKind::School, "Schools"),
    ];
    for (kind, heading) in kinds {
        let list: Vec<_> = review.changes.iter().filter(|c| c.kind == kind).collect();
        if list.is_empty() {
            continue;
        }
        out.push(Block::Heading(3, heading.into()));
        let rows = list
            .iter()
            .map(|c| {
                let id = match &c.id {
                    ChangeId::Number(n) => format!("No. {n}"),
                    ChangeId::Text(t) => t.clone(),
                };
                let mut details: Vec<String> = c
                    .fields
                    .iter()
                    .map(|f| {
                        format!(
                            "{}: {} → {}",
                            f.field,
                            f.old.as_deref().unwrap_or("(none)"),
                            f.new.as_deref().unwrap_or("(removed)")
                        )
                    })
                    .collect();
                if let Some(how) = &c.matched {
                    details.push(format!("({how})"));
                }
                vec![
                    change_word(c.change).to_string(),
                    id,
                    c.what.clone(),
                    c.date.as_deref().map(shown).unwrap_or_default(),
                    details.join("; "),
                ]
            })
            .collect();
        out.push(Block::Table {
            headers: ["Change", "Number or id", "What", "When", "Details"]
                .map(String::from)
                .to_vec(),
            rows,
        });
    }
}

fn voice(out: &mut Vec<Block>, review: &Review, case: &Case) {
    out.push(Block::Heading(2, "What the children said".into()));
    if review.voice.is_empty() {
        out.push(Block::Paragraph(
            "No entry in the period records what the children said or showed.".into(),
        ));
        return;
    }
    out.push(Block::List(
        review
            .voice
            .iter()
            .map(|v| {
                let names: Vec<String> = v
                    .children
                    .iter()
                    .map(|c| {
                        case.person(&crate::model::PersonId(c.clone()))
                            .map(|p| p.display_name().to_string())
                            .unwrap_or_else(|| c.clone())
                    })
                    .collect();
                format!(
                    "No. {}, {} ({}): “{}”",
                    v.entry,
                    shown(&v.date),
                    names.join(", "),
                    v.words
                )
            })
            .collect(),
    ));
}

fn adds_up(out: &mut Vec<Block>, review: &Review) {
    out.push(Block::Heading(2, "What it adds up to".into()));
    let counts = &review.counts;
    if counts.categories.is_empty() {
        out.push(Block::Paragraph(
            "No entries are dated in the period or the one before.".into(),
        ));
    } else {
        out.push(Block::Table {
            headers: ["Category", "This period", "Previous period"]
                .map(String::from)
                .to_vec(),
            rows: counts
                .categories
                .iter()
                .map(|c| {
                    vec![
                        c.category.replace('-', " "),
                        c.now.to_string(),
                        c.before.to_string(),
                    ]
                })
                .collect(),
        });
    }
    if !counts.children.is_empty() {
        out.push(Block::Table {
            headers: [
                "Child",
                "Entries (previous)",
                "Harmful impacts (previous)",
                "Positive impacts (previous)",
            ]
            .map(String::from)
            .to_vec(),
            rows: counts
                .children
                .iter()
                .map(|c| {
                    let pair = |(now, before): (usize, usize)| format!("{now} ({before})");
                    vec![
                        c.name.clone(),
                        pair(c.entries),
                        pair(c.negative),
                        pair(c.positive),
                    ]
                })
                .collect(),
        });
    }
    out.push(Block::Paragraph(if counts.high.is_empty() {
        format!(
            "No high-significance entries in the period ({} in the previous period).",
            counts.high_before
        )
    } else {
        format!(
            "High-significance entries in the period: {} ({} in the previous period).",
            numbers(&counts.high),
            counts.high_before
        )
    }));
    flags(out, review);
}

/// The flags the review raised, each with its rule and entries, or that there are none.
fn flags(out: &mut Vec<Block>, review: &Review) {
    out.push(Block::Heading(3, "Flags".into()));
    if review.flags.is_empty() {
        out.push(Block::Paragraph(
            "No flags: no category at least twice as frequent, none with three or more \
             incidents, no child unseen for longer than the case allows, and no stretch without \
             agency involvement."
                .into(),
        ));
    } else {
        out.push(Block::List(
            review
                .flags
                .iter()
                .map(|f| {
                    let entries = if f.entries.is_empty() {
                        String::new()
                    } else {
                        format!(" Entries: {}.", numbers(&f.entries))
                    };
                    format!("{}: {}{entries}", capitalise(f.rule.name()), f.text)
                })
                .collect(),
        ));
        out.push(Block::Paragraph(
            "A flag names its rule and the entries behind it; what it means for the child is \
             for the practitioner and supervisor to judge."
                .into(),
        ));
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn overdue(out: &mut Vec<Block>, review: &Review) {
    out.push(Block::Heading(2, "What is overdue".into()));
    if review.actions.is_empty() {
        out.push(Block::Paragraph(format!(
            "No action with a due date on or before {} is waiting to be done.",
            day(review.period.to)
        )));
        return;
    }
    out.push(Block::Table {
        headers: ["Due", "Action", "Who", "Entry", "Overdue by"]
            .map(String::from)
            .to_vec(),
        rows: review
            .actions
            .iter()
            .map(|a| {
                let mut late = count(a.days_overdue.max(0) as usize, "day", "days");
                if let Some(done) = &a.done_later {
                    late.push_str(&format!(" (done {})", shown(done)));
                }
                vec![
                    shown(&a.due),
                    a.action.clone(),
                    a.who.clone().unwrap_or_else(|| "not recorded".into()),
                    format!("No. {}", a.entry),
                    late,
                ]
            })
            .collect(),
    });
}

fn last_review(out: &mut Vec<Block>, review: &Review, case: &Case) {
    out.push(Block::Heading(2, "The last review".into()));
    let Some(last) = &review.last_review else {
        out.push(Block::Paragraph(
            "The case file records no earlier review (add them under `reviews`).".into(),
        ));
        return;
    };
    let mut facts = format!("Held on {}", day(last.date));
    if let Some(who) = &last.who {
        facts.push_str(&format!(" by {who}"));
    }
    facts.push('.');
    if let Some(score) = last.score {
        facts.push_str(&format!(" Scaling score then: {score} out of 10."));
    }
    if let Some(next) = last.next {
        facts.push_str(&format!(" Next review set for {}", day(next)));
        facts.push_str(if last.next_overdue {
            ", which has passed."
        } else {
            "."
        });
    }
    out.push(Block::Paragraph(facts));
    let since: Vec<String> = case
        .entries_in_date_order()
        .into_iter()
        .filter(|e| e.date.start() > last.date && e.date.start() <= review.period.to)
        .map(|e| format!("No. {}, {}: {}", e.number, e.date, e.event))
        .chain(review.actions.iter().map(|a| {
            format!(
                "Not done: {} (No. {}, due {})",
                a.action,
                a.entry,
                shown(&a.due)
            )
        }))
        .collect();
    let rows = (0..last.decisions.len().max(since.len()).max(1))
        .map(|i| {
            vec![
                last.decisions.get(i).cloned().unwrap_or_default(),
                since.get(i).cloned().unwrap_or_default(),
            ]
        })
        .collect();
    out.push(Block::Table {
        headers: vec![
            format!("Decided on {}", day(last.date)),
            "What happened since".into(),
        ],
        rows,
    });
    if !review.scores.is_empty() {
        out.push(Block::Heading(3, "Scaling scores".into()));
        out.push(Block::Drawing {
            id: "scores",
            title: "Scaling scores at each review".into(),
        });
        out.push(Block::Table {
            headers: vec!["Review".into(), "Score (0 to 10)".into()],
            rows: review
                .scores
                .iter()
                .map(|(date, score)| vec![day(*date), score.to_string()])
                .collect(),
        });
    }
}

/// The review as Markdown. Drawings are named, with a pointer to the HTML or PDF version.
pub fn markdown(blocks: &[Block]) -> String {
    use crate::render::escape::markdown as md;
    let mut out = String::new();
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let _ = writeln!(out, "{} {}\n", "#".repeat(*level as usize), md(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "{}\n", md(text));
            }
            Block::List(items) => {
                for item in items {
                    let _ = writeln!(out, "- {}", md(item));
                }
                out.push('\n');
            }
            Block::Table { headers, rows } => {
                let cells =
                    |row: &[String]| row.iter().map(|c| md(c)).collect::<Vec<_>>().join(" | ");
                let _ = writeln!(out, "| {} |", cells(headers));
                let _ = writeln!(out, "|{}", "---|".repeat(headers.len()));
                for row in rows {
                    let _ = writeln!(out, "| {} |", cells(row));
                }
                out.push('\n');
            }
            Block::Drawing { id, title } => {
                let where_ = if *id == "scores" {
                    "the scores are listed below"
                } else {
                    "make the review as .html to see it with the review marks, or as .png with --diagram"
                };
                let _ = writeln!(out, "*{}: {where_}.*\n", md(title));
            }
        }
    }
    out
}

/// The review as one self-contained HTML page: no script, nothing fetched.
pub fn html(blocks: &[Block], drawings: &Drawings<'_>, title_in_metadata: Option<&str>) -> String {
    use crate::render::escape::html as esc;
    let mut out = String::with_capacity(64 * 1024);
    // No script at all, so the policy names none.
    let policy = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; \
                  base-uri 'none'; form-action 'none'";
    let title = title_in_metadata.unwrap_or("Supervision review");
    crate::render::html::page_head(&mut out, policy, title, STYLE);
    for block in blocks {
        match block {
            Block::Heading(level, text) => {
                let _ = writeln!(out, "<h{level}>{}</h{level}>", esc(text));
            }
            Block::Paragraph(text) => {
                let _ = writeln!(out, "<p>{}</p>", esc(text));
            }
            Block::List(items) => {
                out.push_str("<ul>\n");
                for item in items {
                    let _ = writeln!(out, "<li>{}</li>", esc(item));
                }
                out.push_str("</ul>\n");
            }
            Block::Table { headers, rows } => {
                out.push_str("<table>\n<thead><tr>");
                for h in headers {
                    let _ = write!(out, "<th scope=\"col\">{}</th>", esc(h));
                }
                out.push_str("</tr></thead>\n<tbody>\n");
                for row in rows {
                    out.push_str("<tr>");
                    for cell in row {
                        let _ = write!(out, "<td>{}</td>", esc(cell));
                    }
                    out.push_str("</tr>\n");
                }
                out.push_str("</tbody>\n</table>\n");
            }
            Block::Drawing { id, title } => {
                let scene = drawings.by_id(id);
                let svg = crate::render::svg::inline(scene);
                let _ = writeln!(
                    out,
                    "<figure id=\"{id}\" class=\"{id}\">\n<figcaption>{}</figcaption>\n{svg}\n</figure>",
                    esc(title)
                );
            }
        }
    }
    out.push_str("</body>\n</html>\n");
    out
}

const STYLE: &str = concat!(
    crate::render::html::page_style!(),
    r#"h1 { font-size: 1.7rem; margin: 0 0 0.6rem; }
h2 { font-size: 1.35rem; margin: 1.8rem 0 0.6rem; border-bottom: 1px solid #888; }
h3 { font-size: 1.1rem; margin: 1.2rem 0 0.4rem; }
table { border-collapse: collapse; width: 100%; margin: 0 0 0.8rem; }
th, td { border: 1px solid #555; padding: 0.3rem 0.4rem; vertical-align: top; text-align: left; }
thead th { background: #e1e1e1; }
figure { margin: 0.8rem 0; border: 1px solid #888; padding: 0.4rem; }
figure.scores { max-width: 40rem; }
figcaption { font-weight: bold; margin: 0 0 0.3rem; }
figure svg { display: block; max-width: 100%; height: auto; }
@media print {
  body { max-width: none; padding: 0; }
  figure { break-inside: avoid; border: none; }
  figure svg { max-height: 240mm; width: auto; }
  tr { break-inside: avoid; }
  @page { size: A4; margin: 15mm; }
}
"#
);

/// The review as JSON for other programs: the period, the changes (entries by number,
/// everything else by id), the counts, the flags with their entries, and the overdue actions.
pub fn json(review: &Review) -> String {
    let period = serde_json::json!({
        "from": review.period.from.to_string(),
        "to": review.period.to.to_string(),
        "days": review.period.days(),
        "previous": {
            "from": review.previous.from.to_string(),
            "to": review.previous.to.to_string(),
        },
        "compared-with": match &review.basis {
            Basis::EarlierVersion { file } => serde_json::json!({"earlier-version": file}),
            Basis::Dates => serde_json::json!("dates"),
        },
    });
    let last = review.last_review.as_ref().map(|last| {
        serde_json::json!({
            "date": last.date.to_string(),
            "who": last.who,
            "decisions": last.decisions,
            "next": last.next.map(|d| d.to_string()),
            "next-overdue": last.next_overdue,
            "score": last.score,
        })
    });
    let value = serde_json::json!({
        "period": period,
        "changes": review.changes,
        "voice": review.voice,
        "counts": review.counts,
        "flags": review.flags,
        "actions": review.actions,
        "last-review": last,
        "scores": review
            .scores
            .iter()
            .map(|(date, score)| serde_json::json!({"date": date.to_string(), "score": score}))
            .collect::<Vec<_>>(),
    });
    let mut text = serde_json::to_string_pretty(&value).expect("a review always serialises");
    text.push('\n');
    text
}
