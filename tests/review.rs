//! `genochron review` on the bundled examples with an earlier version of each (kept under
//! fixtures/review/): exactly the changes written into the earlier version, flags that follow
//! from the entries, overdue actions, the last review, marks on both diagrams, the JSON, the
//! audience's version and byte-identical output.

mod support;
use support::*;

use serde_json::Value;
use std::collections::BTreeSet;
use std::process::Command;

const MENSAH: [&str; 4] = [
    "review",
    "fixtures/review/mensah-now.yaml",
    "--against",
    "fixtures/review/mensah-earlier.yaml",
];

fn json(args: &[&str]) -> Value {
    let mut all = args.to_vec();
    all.extend(["--format", "json"]);
    serde_json::from_str(&stdout(&all)).expect("the review is JSON")
}

/// (kind, change, id) of every change.
fn changes(review: &Value) -> BTreeSet<(String, String, String)> {
    review["changes"]
        .as_array()
        .expect("a list of changes")
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_string(),
                c["change"].as_str().unwrap().to_string(),
                match &c["id"] {
                    Value::Number(n) => n.to_string(),
                    other => other.as_str().unwrap().to_string(),
                },
            )
        })
        .collect()
}

fn set(list: &[(&str, &str, &str)]) -> BTreeSet<(String, String, String)> {
    list.iter()
        .map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string()))
        .collect()
}

fn change<'a>(review: &'a Value, kind: &str, id: &str) -> &'a Value {
    review["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| {
            c["kind"] == kind
                && (c["id"] == id || c["id"].as_u64().map(|n| n.to_string()).as_deref() == Some(id))
        })
        .unwrap_or_else(|| panic!("no change to {kind} {id}"))
}

fn flags(review: &Value, rule: &str) -> Vec<Value> {
    review["flags"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["rule"] == rule)
        .cloned()
        .collect()
}

#[test]
fn mensah_against_its_earlier_version_lists_exactly_the_changes_made() {
    let review = json(&MENSAH);
    assert_eq!(review["period"]["from"], "2026-10-17");
    assert_eq!(review["period"]["to"], "2026-11-16");
    assert_eq!(review["period"]["previous"]["from"], "2026-09-16");
    assert_eq!(
        changes(&review),
        set(&[
            ("entry", "edited", "50"),
            ("entry", "edited", "51"),
            ("entry", "added", "53"),
            ("entry", "added", "54"),
            ("entry", "added", "55"),
            ("entry", "added", "56"),
            ("entry", "added", "57"),
            ("entry", "removed", "58"),
            ("person", "added", "sophie"),
            ("household", "ended", "jordan-flat"),
            ("relationship", "added", "dean--leanne"),
        ])
    );
    // Each edited field, old and new.
    let kai = change(&review, "entry", "51");
    let fields: Vec<(&str, &str, &str)> = kai["fields"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["field"].as_str().unwrap(),
                f["old"].as_str().unwrap(),
                f["new"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        fields,
        [
            (
                "event",
                "Kai was discharged from CAMHS.",
                "Kai was discharged from the child and adolescent mental health service; his outbursts had stopped."
            ),
            ("significance", "low", "medium"),
        ]
    );
    let contact = change(&review, "entry", "50");
    assert_eq!(contact["fields"][0]["field"], "end");
    assert_eq!(contact["fields"][0]["old"], Value::Null);
    assert_eq!(contact["fields"][0]["new"], "14 Nov 2026");
    let flat = change(&review, "household", "jordan-flat");
    assert_eq!(flat["date"], "2026-11-02");
    // Entries with numbers in both versions are matched by number: nothing says otherwise.
    assert!(
        review["changes"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|c| c["kind"] == "entry")
            .all(|c| c.get("matched").is_none())
    );
}

#[test]
fn mensah_flags_follow_from_the_entries() {
    let review = json(&MENSAH);
    let rising = flags(&review, "rising");
    assert_eq!(rising.len(), 1, "{rising:?}");
    assert_eq!(rising[0]["entries"], serde_json::json!([54, 56, 57]));
    assert!(
        rising[0]["text"]
            .as_str()
            .unwrap()
            .starts_with("3 police entries in this period; 0 in the previous 31 days")
    );
    let repeated = flags(&review, "repeated");
    assert_eq!(repeated.len(), 1);
    assert_eq!(repeated[0]["entries"], serde_json::json!([54, 56, 57]));
    // Seen on 20 October, the last visit: ten working days later was 3 November.
    let not_seen = flags(&review, "not-seen");
    let children: Vec<&str> = not_seen
        .iter()
        .map(|f| f["child"].as_str().unwrap())
        .collect();
    assert_eq!(children, ["ama", "kai", "lily"]);
    for flag in &not_seen {
        assert_eq!(flag["entries"], serde_json::json!([53]));
        assert!(
            flag["text"].as_str().unwrap().contains("19 working days"),
            "{flag}"
        );
    }
    // A special guardianship order is in force throughout: no stretch without involvement.
    assert!(flags(&review, "no-involvement").is_empty());
    // Counts against the previous 31 days.
    let police = review["counts"]["categories"]
        .as_array()
        .unwrap()
        .iter()
        .find(|c| c["category"] == "police")
        .unwrap()
        .clone();
    assert_eq!(
        (police["now"].as_u64(), police["before"].as_u64()),
        (Some(3), Some(0))
    );
    let ama = &review["counts"]["children"][0];
    assert_eq!(ama["child"], "ama");
    assert_eq!(ama["negative"], serde_json::json!([3, 0]));
    assert_eq!(review["counts"]["high"], serde_json::json!([54, 56]));
}

#[test]
fn mensah_overdue_action_and_last_review() {
    let review = json(&MENSAH);
    let actions = review["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["entry"], 55);
    assert_eq!(actions[0]["due"], "2026-11-06");
    assert_eq!(actions[0]["days-overdue"], 10);
    assert_eq!(actions[0]["who"], "Hannah Brightwell, social worker");
    let last = &review["last-review"];
    assert_eq!(last["date"], "2026-10-16");
    assert_eq!(last["next-overdue"], true);
    assert_eq!(last["decisions"].as_array().unwrap().len(), 3);
    let scores: Vec<u64> = review["scores"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s["score"].as_u64().unwrap())
        .collect();
    assert_eq!(scores, [5, 6, 6]);
}

#[test]
fn since_a_date_the_changes_are_what_the_case_dates_in_the_period() {
    let review = json(&[
        "review",
        "fixtures/review/mensah-now.yaml",
        "--since",
        "2026-10-17",
    ]);
    assert_eq!(review["period"]["compared-with"], "dates");
    assert_eq!(
        changes(&review),
        set(&[
            ("entry", "added", "53"),
            ("entry", "added", "54"),
            ("entry", "added", "55"),
            ("entry", "added", "56"),
            ("entry", "added", "57"),
            ("household", "ended", "jordan-flat"),
            ("relationship", "added", "dean--leanne"),
        ])
    );
    // The flags and actions do not depend on how changes were found.
    assert_eq!(review["flags"], json(&MENSAH)["flags"]);
    assert_eq!(review["actions"], json(&MENSAH)["actions"]);
}

#[test]
fn the_period_defaults_to_the_day_after_the_last_review() {
    let review = json(&["review", "fixtures/review/mensah-now.yaml"]);
    assert_eq!(review["period"]["from"], "2026-10-17");
    let output = genochron(&["review", "fixtures/minimal.yaml"]);
    assert_eq!(output.status.code(), Some(2));
    let text = String::from_utf8_lossy(&output.stderr);
    assert!(text.contains("Add --since DATE"), "{text}");
}

fn html(args: &[&str]) -> String {
    let mut all = args.to_vec();
    all.extend(["--format", "html"]);
    stdout(&all)
}

/// The opening tag of the element with this id.
fn tag<'a>(page: &'a str, id: &str) -> &'a str {
    let at = page
        .find(&format!("id=\"{id}\""))
        .unwrap_or_else(|| panic!("no element {id}"));
    let start = page[..at].rfind('<').unwrap();
    let end = at + page[at..].find('>').unwrap();
    &page[start..end]
}

#[test]
fn both_diagrams_carry_the_marks_and_their_key() {
    let page = html(&MENSAH);
    assert!(tag(&page, "person-sophie").contains("review-added"));
    assert!(tag(&page, "household-jordan-flat").contains("review-removed"));
    assert!(tag(&page, "partnership-leanne--dean").contains("class=\"partnership"));
    assert!(!tag(&page, "partnership-leanne--dean").contains("review-"));
    let emotional = page
        .match_indices("class=\"emotional conflict review-added\"")
        .count();
    assert_eq!(emotional, 1);
    assert!(tag(&page, "entry-54").contains("review-added"));
    assert!(tag(&page, "entry-51").contains("review-edited"));
    assert!(!tag(&page, "entry-49").contains("review-"));
    assert!(tag(&page, "review-period").contains("review-period"));
    // One key of review marks on each diagram.
    assert_eq!(page.matches("id=\"legend-review\"").count(), 2);
    assert!(page.contains("New in the review period (solid outline)"));
    assert!(page.contains("Ended in the review period (faded)"));
    assert!(page.contains("The review period (shaded, with a tick at each end)"));
    // The scaling scores chart is drawn, and nothing is fetched or run.
    assert!(page.contains("id=\"score-3\""));
    assert!(!page.contains("<script"));
    assert!(!page.contains("http://") && !page.contains("https://"));
}

#[test]
fn a_review_for_an_audience_is_redacted_and_still_lines_up() {
    let full = json(&MENSAH);
    let mut args = MENSAH.to_vec();
    args.extend(["--audience", "family"]);
    let family = json(&args);
    // The same changes, under neutral ids: redaction must not make everyone look changed.
    let kinds = |r: &Value| -> Vec<(String, String)> {
        changes(r).into_iter().map(|(k, c, _)| (k, c)).collect()
    };
    assert_eq!(kinds(&family), kinds(&full));
    assert!(!serde_json::to_string(&family).unwrap().contains("sophie"));
    let page = html(&args);
    assert!(
        !page.contains("Rowan Close"),
        "the grandmother's address is hidden"
    );
    assert!(page.contains("for the audience &quot;family&quot;"));
}

#[test]
fn the_same_review_twice_is_the_same_bytes() {
    assert_eq!(html(&MENSAH), html(&MENSAH));
    let mut md = MENSAH.to_vec();
    md.extend(["--format", "md"]);
    assert_eq!(stdout(&md), stdout(&md));
}

#[test]
fn the_markdown_leads_with_changes_and_ends_with_the_last_review() {
    let mut args = MENSAH.to_vec();
    args.extend(["--format", "md"]);
    let text = stdout(&args);
    let order: Vec<usize> = [
        "## What changed",
        "## What the children said",
        "## What it adds up to",
        "## What is overdue",
        "## The last review",
    ]
    .iter()
    .map(|h| text.find(h).unwrap_or_else(|| panic!("{h} missing")))
    .collect();
    assert!(order.windows(2).all(|w| w[0] < w[1]));
    assert!(text.contains("| Edited | No. 51 |"));
    assert!(text.contains("significance: low → medium"));
    assert!(text.contains("| Decided on 16 Oct 2026 | What happened since |"));
}

#[test]
fn a_long_quiet_stretch_is_flagged_with_the_entries_either_side() {
    let dir = std::env::temp_dir().join(format!("genochron-review-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("quiet.yaml");
    std::fs::write(
        &path,
        "case:\n  title: Quiet\n  children: [amy]\n  as-at: 2026-03-31\n\
         people:\n  - id: amy\n    name: Amy\n    gender: female\n    born: 2015-01-01\n\
         entries:\n  - number: 1\n    date: 2026-01-05\n    event: Home visit.\n    category: visit\n    source: SW\n\
         \x20 - number: 2\n    date: 2026-03-20\n    event: School meeting.\n    category: education\n    source: School\n",
    )
    .unwrap();
    let path_text = path.to_str().unwrap();
    let review = json(&["review", path_text, "--since", "2026-01-01"]);
    let quiet = flags(&review, "no-involvement");
    assert_eq!(quiet.len(), 1, "{quiet:?}");
    // 1 to 5 January before the first entry is too short; 5 January to 20 March is not.
    assert_eq!(quiet[0]["entries"], serde_json::json!([1, 2]));
    assert!(
        quiet[0]["text"].as_str().unwrap().contains("74 days"),
        "{}",
        quiet[0]
    );
    // 20 March to the end of the period: 11 days, flagged only with a shorter --gap.
    let short = json(&["review", path_text, "--since", "2026-01-01", "--gap", "1w"]);
    assert!(flags(&short, "no-involvement").len() > quiet.len());
    std::fs::remove_dir_all(&dir).ok();
}

const WHITFIELD: [&str; 4] = [
    "review",
    "fixtures/review/whitfield-now.yaml",
    "--against",
    "fixtures/review/whitfield-earlier.yaml",
];

#[test]
fn whitfield_against_its_earlier_version() {
    let review = json(&WHITFIELD);
    assert_eq!(review["period"]["from"], "2026-10-06");
    assert_eq!(review["period"]["to"], "2026-11-02");
    assert_eq!(
        changes(&review),
        set(&[
            ("entry", "edited", "17"),
            ("entry", "edited", "18"),
            ("entry", "added", "19"),
            ("entry", "added", "21"),
            ("entry", "added", "22"),
            ("entry", "added", "23"),
            ("entry", "removed", "24"),
            ("entry", "added", "25"),
            ("person", "added", "anita"),
            ("household", "ended", "household-6"),
            ("household", "edited", "household-7"),
        ])
    );
    // A household change names only the member who joined, not the whole list.
    let home = change(&review, "household", "household-7");
    assert_eq!(
        home["fields"],
        serde_json::json!([{"field": "member anita", "old": null, "new": "from 12 Oct 2026"}])
    );
    let rising = flags(&review, "rising");
    assert_eq!(rising.len(), 1);
    assert_eq!(rising[0]["entries"], serde_json::json!([21, 22, 23]));
    assert_eq!(flags(&review, "repeated").len(), 1);
    // Seen on 10 September and next on 29 October: more than six weeks.
    let not_seen = flags(&review, "not-seen");
    assert_eq!(not_seen.len(), 2);
    for flag in &not_seen {
        assert_eq!(flag["entries"], serde_json::json!([20, 25]));
        assert!(flag["text"].as_str().unwrap().contains("49 days"), "{flag}");
    }
    let actions = review["actions"].as_array().unwrap();
    assert_eq!(actions.len(), 1);
    assert_eq!(actions[0]["entry"], 23);
    assert_eq!(actions[0]["days-overdue"], 5);
    assert_eq!(review["last-review"]["date"], "2026-10-05");
    assert_eq!(review["last-review"]["next-overdue"], false);
    let page = html(&WHITFIELD);
    assert!(tag(&page, "person-anita").contains("review-added"));
    assert!(tag(&page, "household-6").contains("review-removed"));
    assert!(tag(&page, "household-7-part-1").contains("review-edited"));
    assert!(tag(&page, "entry-17").contains("review-edited"));
    assert!(tag(&page, "entry-23").contains("review-added"));
}

#[test]
fn problems_in_the_review_fields_are_reported_with_their_lines() {
    let dir = std::env::temp_dir().join(format!("genochron-review-bad-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("bad.yaml");
    std::fs::write(
        &path,
        "case:\n  title: Bad\n  children: [amy]\n  as-at: 2026-03-31\n\
         people:\n  - id: amy\n    name: Amy\n    gender: female\n\
         entries:\n  - date: 2026-01-05\n    event: Meeting.\n    source: SW\n    action:\n      who: SW\n      due: soon\n\
         visits:\n  category: visit\n  every: fortnightly\n\
         reviews:\n  - date: 2026-02-01\n    score: 11\n    next: 2026-01-01\n",
    )
    .unwrap();
    let output = genochron(&["check", path.to_str().unwrap()]);
    std::fs::remove_dir_all(&dir).ok();
    assert_eq!(output.status.code(), Some(1));
    let text = String::from_utf8_lossy(&output.stderr);
    for expected in [
        "line 14, column 7",
        "This action has no `text`.",
        "The action's due date \"soon\"",
        "line 18",
        "\"fortnightly\" is not a length of time",
        "line 21",
        "The scaling score \"11\" is not a whole number from 0 to 10.",
        "line 22",
        "The next review (2026-01-01) is before this review (2026-02-01).",
    ] {
        assert!(text.contains(expected), "{expected} missing from:\n{text}");
    }
}

/// The review as a PDF, written under the target folder.
fn pdf(args: &[&str], name: &str) -> (String, Vec<u8>) {
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("review-tests");
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(name).to_string_lossy().into_owned();
    let mut all = args.to_vec();
    all.extend(["-o", &path]);
    stdout(&all);
    let bytes = std::fs::read(&path).expect("the PDF was written");
    (path, bytes)
}

fn tool(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} is needed for this test and could not run: {e}"));
    assert!(out.status.success(), "{program} {args:?} failed");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// The words of a text, without Markdown's marks.
fn words(text: &str) -> BTreeSet<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_pdf_is_the_same_bytes_every_time() {
    let (_, first) = pdf(&MENSAH, "mensah-1.pdf");
    let (_, second) = pdf(&MENSAH, "mensah-2.pdf");
    assert!(first.starts_with(b"%PDF-"));
    assert_eq!(first, second);
}

#[test]
#[cfg_attr(
    not(all(has_qpdf, has_poppler)),
    ignore = "needs qpdf and poppler-utils (pdftotext, pdfinfo), not installed"
)]
fn the_pdf_says_what_the_markdown_says_in_the_same_order() {
    for (args, name) in [
        (&MENSAH[..], "mensah.pdf"),
        (&WHITFIELD[..], "whitfield.pdf"),
    ] {
        let (path, _) = pdf(args, name);
        tool("qpdf", &["--check", &path]);
        let text = tool("pdftotext", &["-raw", &path, "-"]);
        let mut md_args = args.to_vec();
        md_args.extend(["--format", "md"]);
        let markdown = stdout(&md_args);
        // Every word of the Markdown is in the PDF, except the line telling a Markdown reader
        // where to find the drawings.
        let written: String = markdown
            .lines()
            .filter(|l| !l.starts_with('*'))
            .collect::<Vec<_>>()
            .join("\n");
        let missing: Vec<String> = words(&written).difference(&words(&text)).cloned().collect();
        assert!(missing.is_empty(), "{name}: not in the PDF: {missing:?}");
        // The sections come in the Markdown's order.
        let headings: Vec<&str> = markdown
            .lines()
            .filter_map(|l| l.strip_prefix("## "))
            .collect();
        let places: Vec<usize> = headings
            .iter()
            .map(|h| {
                text.find(h)
                    .unwrap_or_else(|| panic!("{name}: {h} missing"))
            })
            .collect();
        assert!(
            places.windows(2).all(|w| w[0] < w[1]),
            "{name}: {headings:?}"
        );
        let info = tool("pdfinfo", &[&path]);
        assert!(
            info.contains("Title:           Supervision review"),
            "{info}"
        );
    }
}

#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs poppler-utils (pdftotext), not installed"
)]
fn the_pdf_for_an_audience_is_redacted() {
    // The foster carer is named in the full review and shown by role to the family.
    let (full_path, _) = pdf(&MENSAH, "mensah-full.pdf");
    let full = tool("pdftotext", &["-raw", &full_path, "-"]);
    let mut args = MENSAH.to_vec();
    args.extend(["--audience", "family"]);
    let (path, _) = pdf(&args, "mensah-family.pdf");
    let family = tool("pdftotext", &["-raw", &path, "-"]);
    assert!(family.contains("for the audience \"family\""));
    for hidden in ["Janet", "Reeve"] {
        assert!(full.contains(hidden), "control: {hidden} in the full PDF");
        assert!(!family.contains(hidden), "{hidden} in the family's PDF");
    }
}
