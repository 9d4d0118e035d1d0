//! Redaction across every example case, every audience and every output format: nothing an
//! audience may not see survives anywhere, in the model or in the bytes written.
//!
//! The strings searched for are worked out here from the original case and the audience's
//! rules, independently of `redact`, so a mistake there cannot hide itself.

mod support;

use genochron::model::{Case, Disclosure, HiddenField, Precision};
use genochron::redact::{for_audience as redact, full};
use genochron::render::table::TableOptions;
use genochron::render::{docx, html, pdf, png};
use std::collections::BTreeSet;
use std::path::PathBuf;
use support::*;

/// Every example case file, loaded and checked.
fn examples() -> Vec<(String, Case)> {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("examples");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("examples folder")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "json" | "toml")
            )
        })
        .collect();
    paths.sort();
    assert!(!paths.is_empty(), "no example cases found");
    paths
        .into_iter()
        .map(|path| {
            let loaded = genochron::load_file(&path).expect("readable example");
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let case = loaded
                .case
                .unwrap_or_else(|| panic!("{name} has problems: {:?}", loaded.diagnostics));
            (name, case)
        })
        .collect()
}

/// What `audience` may not see of `case`, as text that must not appear in any output.
fn secrets(case: &Case, audience: &str) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    let Some(rules) = case.audiences.iter().find(|a| a.name == audience) else {
        return out;
    };
    let hidden = |f: HiddenField| rules.hide.contains(&f);
    let disclosed: Vec<_> = rules.disclose.iter().map(|(id, _)| id.clone()).collect();
    for person in case.people.iter() {
        let is_disclosed = disclosed.contains(&person.id);
        if is_disclosed {
            let words: Vec<&str> = person.name.split_whitespace().collect();
            out.insert(person.name.clone());
            if let Some(first) = words.first() {
                out.insert(first.to_string());
            }
            if let Some(known_as) = &person.known_as {
                out.insert(known_as.clone());
            }
            out.insert(format!("\"{}\"", person.id));
            out.insert(format!("person-{}", person.id));
        }
        if is_disclosed || hidden(HiddenField::Address) {
            out.extend(person.address.clone());
        }
        if is_disclosed || hidden(HiddenField::School) {
            out.extend(person.school.clone());
        }
        if is_disclosed || hidden(HiddenField::Notes) {
            out.extend(person.notes.iter().map(|n| n.text.clone()));
        }
        if (is_disclosed || hidden(HiddenField::BirthDate))
            && let Some(born) = &person.born
        {
            out.insert(born.to_case_text());
            if born.precision() == Precision::Day {
                out.insert(born.to_string());
            }
        }
    }
    // A disclosure shown by initials leaves the initials; one shown by role leaves the role.
    for (_, disclosure) in &rules.disclose {
        if let Disclosure::Role(role) = disclosure {
            out.retain(|s| !role.contains(s.as_str()));
        }
    }
    let kept: Vec<String> = case
        .entries
        .iter()
        .filter(|e| e.audiences.is_empty() || e.audiences.iter().any(|a| a == audience))
        .flat_map(|e| {
            let mut t = vec![e.event.clone()];
            t.extend(e.impacts.iter().map(|i| i.text.clone()));
            t.extend(e.voice.clone());
            t.extend(e.action.clone());
            t
        })
        .collect();
    for entry in &case.entries {
        if entry.audiences.is_empty() || entry.audiences.iter().any(|a| a == audience) {
            continue;
        }
        let mut texts = vec![entry.event.clone()];
        texts.extend(entry.impacts.iter().map(|i| i.text.clone()));
        texts.extend(entry.voice.clone());
        texts.extend(entry.action.clone());
        for text in texts {
            if !kept.iter().any(|k| k.contains(&text)) {
                out.insert(text);
            }
        }
    }
    out.retain(|s| s.chars().filter(|c| c.is_alphanumeric()).count() > 2);
    // What the author reviewed and released for this audience (with a reason) is not secret.
    let released: Vec<String> = rules.accept.iter().map(|a| a.text.to_lowercase()).collect();
    out.retain(|s| !released.contains(&s.to_lowercase()));
    out
}

fn every_audience(case: &Case) -> Vec<String> {
    let mut names: BTreeSet<String> = case.audiences.iter().map(|a| a.name.clone()).collect();
    names.extend(
        case.entries
            .iter()
            .flat_map(|e| e.audiences.iter().cloned()),
    );
    names.into_iter().collect()
}

fn assert_clean(what: &str, text: &str, secrets: &BTreeSet<String>) {
    // Text is compared as written and with XML/HTML escapes undone.
    let unescaped = text
        .replace("&apos;", "'")
        .replace("&#39;", "'")
        .replace("&quot;", "\"")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&");
    for secret in secrets {
        assert!(
            !text.contains(secret.as_str()) && !unescaped.contains(secret.as_str()),
            "{what} contains the redacted text {secret:?}"
        );
    }
}

#[test]
fn the_examples_declare_audiences_with_something_to_hide() {
    let hiding: usize = examples()
        .iter()
        .flat_map(|(_, case)| {
            every_audience(case)
                .into_iter()
                .map(move |a| secrets(case, &a).len())
        })
        .sum();
    assert!(
        hiding > 10,
        "the redaction tests would prove little: {hiding} secrets"
    );
}

#[test]
fn a_redacted_model_holds_nothing_its_audience_may_not_see() {
    for (name, case) in examples() {
        for audience in every_audience(&case) {
            let secrets = secrets(&case, &audience);
            let redacted = redact(&case, &audience).unwrap();
            assert_clean(
                &format!("{name} for {audience} (model)"),
                &format!("{redacted:?}"),
                &secrets,
            );
            assert_eq!(redacted.details.source_hash, case.details.source_hash);
            for (n, person) in redacted.people.iter().enumerate() {
                assert_eq!(person.id.as_str(), format!("p{}", n + 1));
            }
        }
    }
}

#[test]
fn every_format_for_every_audience_holds_nothing_redacted() {
    for (name, case) in examples() {
        for audience in every_audience(&case) {
            let secrets = secrets(&case, &audience);
            let redacted = redact(&case, &audience).unwrap();
            let (genogram, timeline) = scenes(&redacted);
            let label = format!("{name} for {audience}");

            for (part, scene) in [("genogram", &genogram), ("timeline", &timeline)] {
                let svg = genochron::render::svg::scene(scene);
                roxmltree::Document::parse(&svg).expect("well-formed SVG");
                assert_clean(&format!("{label}: {part} SVG"), &svg, &secrets);
                assert_clean(
                    &format!("{label}: {part} layout"),
                    &scene.to_json(),
                    &secrets,
                );
                let picture = png::png(scene, 72).unwrap();
                assert_clean(
                    &format!("{label}: {part} PNG"),
                    &String::from_utf8_lossy(&picture),
                    &secrets,
                );
            }

            let page = html::report(&redacted, &genogram, &timeline, &html::Options::default());
            assert_clean(&format!("{label}: HTML"), &page, &secrets);

            let document =
                pdf::report(&redacted, &genogram, &timeline, &pdf::Options::default()).unwrap();
            assert_clean(
                &format!("{label}: PDF bytes"),
                &String::from_utf8_lossy(&document.bytes),
                &secrets,
            );

            let options = TableOptions::default();
            let word = [
                docx::report(&redacted, &genogram, &timeline, &low_resolution_docx())
                    .unwrap()
                    .bytes,
                docx::chronology_docx(&redacted, &options).unwrap(),
            ];
            for (what, bytes) in ["report", "chronology"].iter().zip(word) {
                for (part, data) in docx_parts(&bytes) {
                    let text = unescape(&String::from_utf8_lossy(&data));
                    assert_clean(&format!("{label}: {what}.docx {part}"), &text, &secrets);
                }
            }
        }
    }
}

/// The PDF as a reader sees it: its extracted text and its metadata.
#[test]
#[cfg_attr(
    not(has_poppler),
    ignore = "needs poppler-utils (pdftotext, pdfinfo), not installed"
)]
fn every_audiences_pdf_text_and_metadata_hold_nothing_redacted() {
    require(&["pdftotext", "pdfinfo"]);
    for (name, case) in examples() {
        for audience in every_audience(&case) {
            let secrets = secrets(&case, &audience);
            let redacted = redact(&case, &audience).unwrap();
            let (genogram, timeline) = scenes(&redacted);
            let label = format!("{name} for {audience}");
            let document =
                pdf::report(&redacted, &genogram, &timeline, &pdf::Options::default()).unwrap();
            let path = scratch(&format!("redacted-{name}-{audience}.pdf"));
            std::fs::write(&path, &document.bytes).unwrap();
            let path = path.to_string_lossy();
            // Extracted text, joined across line breaks so a wrapped name is still found.
            let text = run("pdftotext", &["-raw", &path, "-"]);
            let joined = text.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_clean(&format!("{label}: PDF text"), &joined, &secrets);
            assert_clean(&format!("{label}: PDF text"), &text, &secrets);
            let info = run("pdfinfo", &[&path]);
            assert_clean(&format!("{label}: PDF metadata"), &info, &secrets);
        }
    }
}

/// The two diagrams of a case, as the report command draws them.
fn scenes(
    case: &Case,
) -> (
    genochron::layout::scene::Scene,
    genochron::layout::scene::Scene,
) {
    use genochron::layout::{genogram, timeline};
    (
        genogram::genogram(case, &genogram::GenogramOptions::default()),
        timeline::timeline(case, &timeline::TimelineOptions::default()),
    )
}

#[test]
fn the_search_does_find_secrets_in_unredacted_output() {
    // A control: the same search over the full version must find what the audience may not
    // see, or the tests above would pass for want of looking.
    let mut found = 0;
    for (_, case) in examples() {
        for audience in every_audience(&case) {
            let secrets = secrets(&case, &audience);
            let case = full(&case);
            let (genogram, timeline) = scenes(&case);
            let page = html::report(&case, &genogram, &timeline, &html::Options::default());
            found += secrets.iter().filter(|s| page.contains(s.as_str())).count();
        }
    }
    assert!(
        found > 10,
        "only {found} secrets found in the full versions"
    );
}

// ----- The adversarial case: every trick, every audience, every format -----

const ADVERSARIAL: &str = include_str!("../fixtures/redaction/adversarial.yaml");

/// The case with its tricks reaching every audience: the `# trick` lines (which keep them for
/// the court only) taken out.
fn with_tricks() -> String {
    ADVERSARIAL
        .lines()
        .filter(|l| !l.trim_end().ends_with("# trick"))
        .map(|l| format!("{l}\n"))
        .collect()
}

#[test]
fn the_adversarial_case_is_refused_at_every_trick_and_nowhere_else() {
    let text = with_tricks();
    let case = genochron::load("adversarial.yaml", text.as_bytes())
        .case
        .expect("the case checks");
    let error = redact(&case, "family").expect_err("the tricks must refuse the version");
    let hits: BTreeSet<usize> = error
        .diagnostics(Some(&text))
        .iter()
        .map(|d| d.line)
        .collect();
    // A trick is marked `# hit` on its line (a folded text on the line of its key).
    let marked: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim_start().starts_with('#') && l.contains("# hit"))
        .map(|(n, _)| n + 1)
        .collect();
    assert!(marked.len() >= 15, "{marked:?}");
    for line in &marked {
        assert!(
            (*line..=line + 2).any(|l| hits.contains(&l)),
            "no problem reported for the trick on line {line}; problems on {hits:?}"
        );
    }
    for line in &hits {
        assert!(
            marked.iter().any(|m| (*m..=m + 2).contains(line)),
            "a problem on line {line}, where there is no trick"
        );
    }
    // Each problem says what matched, why, and what to do.
    for d in error.diagnostics(Some(&text)) {
        assert!(d.column > 0 && d.message.starts_with('\u{201c}'), "{d:?}");
        assert!(d.help.as_deref().is_some_and(|h| h.len() > 20), "{d:?}");
    }
    // The court sees every name and detail; only the mention of no one is still refused.
    let court = redact(&case, "court").expect_err("a mention of no one");
    let court: Vec<String> = court
        .diagnostics(None)
        .into_iter()
        .map(|d| d.message)
        .collect();
    assert!(
        court.len() == 1 && court[0].contains("@siobahn"),
        "{court:?}"
    );
}

/// What each audience may not see of the adversarial case, written out by hand (not worked
/// out by the code under test).
fn adversarial_secrets(audience: &str) -> Vec<&'static str> {
    let carer_and_worker = [
        "Siobhán",
        "Siobhan",
        "Fitzgerald",
        "Walsh",
        "Shiv",
        "Shiv's Nails",
        "Hartley",
        "Zee",
        "Willow Cottage",
        "Mill Race",
        "EY2 7QP",
        "07700 900123",
        "07700900123",
        "19 May 1987",
        "May 19, 1987",
        "fitzgerald-walsh",
    ];
    let mut out: Vec<&str> = carer_and_worker.to_vec();
    out.extend([
        "Hollin Lane",
        "NE3 4RT",
        "NE34RT",
        "Rosemount House",
        "Year 8",
    ]);
    out.extend([
        "27.02.2013",
        "27/2/2013",
        "27 Feb 2013",
        "4 Nov 1989",
        "4th November 1989",
    ]);
    if audience == "family" {
        out.extend(["St Aidan"]);
    }
    if audience == "school" {
        out.extend([
            "Dean",
            "Marsh",
            "emotional abuse",
            "Police notification",
            "Health visitor",
        ]);
    }
    out
}

/// Text as a reader could find it: HTML and XML escapes undone.
fn unescape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(at) = rest.find('&') {
        out.push_str(&rest[..at]);
        rest = &rest[at..];
        let end = rest.find(';').filter(|e| *e < 12);
        let decoded = end.and_then(|e| {
            let name = &rest[1..e];
            match name {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                _ => name
                    .strip_prefix("#x")
                    .and_then(|h| u32::from_str_radix(h, 16).ok())
                    .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                    .and_then(char::from_u32),
            }
        });
        match (decoded, end) {
            (Some(c), Some(e)) => {
                out.push(c);
                rest = &rest[e + 1..];
            }
            _ => {
                out.push('&');
                rest = &rest[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// Folds a text the way a determined reader would search it: accents, case, invisible
/// characters and line breaks ignored, digit groups joined.
fn folded(text: &str) -> String {
    use unicode_normalization::UnicodeNormalization;
    let mut out = String::new();
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c)
            || matches!(
                c,
                '\u{200b}'..='\u{200f}' | '\u{00ad}' | '\u{2060}' | '\u{feff}'
            )
        {
            continue;
        }
        for l in c.to_lowercase() {
            out.push(if l.is_alphanumeric() { l } else { ' ' });
        }
    }
    let words: Vec<&str> = out.split_whitespace().collect();
    let mut joined = words.join(" ");
    // "07700 900123" and "07700900123" alike.
    let digits: Vec<String> = words
        .windows(2)
        .filter(|w| w.iter().all(|x| x.chars().all(|c| c.is_ascii_digit())))
        .map(|w| w.concat())
        .collect();
    joined.push(' ');
    joined.push_str(&digits.join(" "));
    joined
}

/// The places in `haystack` (in every form) where any secret is found.
fn leaks(haystack: &str, secrets: &[&str]) -> Vec<String> {
    let plain = unescape(haystack);
    let fold = folded(&plain);
    secrets
        .iter()
        .filter(|s| {
            plain.contains(**s) || {
                let f = folded(s);
                let f = f.trim();
                !f.is_empty() && format!(" {fold} ").contains(&format!(" {f} "))
            }
        })
        .map(|s| s.to_string())
        .collect()
}

/// The text of every PNG chunk that can carry words (tEXt, iTXt); a compressed text chunk
/// would hide words from a byte search, so there must be none.
fn png_text(bytes: &[u8]) -> String {
    let mut out = String::new();
    let mut at = 8;
    while at + 8 <= bytes.len() {
        let len = u32::from_be_bytes(bytes[at..at + 4].try_into().unwrap()) as usize;
        let kind = &bytes[at + 4..at + 8];
        assert_ne!(kind, b"zTXt", "a compressed text chunk");
        if kind == b"tEXt" || kind == b"iTXt" {
            out.push_str(&String::from_utf8_lossy(&bytes[at + 8..at + 8 + len]));
        }
        at += 12 + len;
    }
    out
}

/// The bytes with compressed data (from each `open` marker to the next `close`) taken out:
/// compressed bytes spell short words by chance. What they hold is searched uncompressed
/// (the PDF's objects expanded by qpdf, the PNG's pixels hold no text).
fn without_streams(bytes: &[u8], open: &[u8], close: &[u8]) -> Vec<u8> {
    let find = |from: usize, what: &[u8]| {
        bytes[from..]
            .windows(what.len())
            .position(|w| w == what)
            .map(|i| from + i)
    };
    let mut out = Vec::with_capacity(bytes.len());
    let mut at = 0;
    while let Some(start) = find(at, open) {
        let data = start + open.len();
        out.extend_from_slice(&bytes[at..data]);
        match find(data, close) {
            Some(end) => {
                out.extend_from_slice(close);
                at = end + close.len();
            }
            None => return out,
        }
    }
    out.extend_from_slice(&bytes[at..]);
    out
}

/// Every output the audience's version can be made into, by name, as searchable text.
fn every_output(version: &genochron::redact::Version, label: &str) -> Vec<(String, String)> {
    use genochron::model::View;
    use genochron::render::table::{self, TableOptions};
    let mut out = Vec::new();
    let options = TableOptions::default();
    if version.includes(View::Chronology) {
        out.push(("chronology.md".into(), table::markdown(version, &options)));
        out.push(("chronology.csv".into(), table::csv(version, &options)));
        out.push(("chronology.html".into(), table::html(version, &options)));
    }
    let (genogram, timeline) = scenes(version);
    for (name, scene, view) in [
        ("genogram", &genogram, View::Genogram),
        ("timeline", &timeline, View::Timeline),
    ] {
        if !version.includes(view) {
            continue;
        }
        out.push((format!("{name}.svg"), genochron::render::svg::scene(scene)));
        out.push((format!("{name}.json"), scene.to_json()));
        let picture = png::png(scene, 72).unwrap();
        out.push((
            format!("{name}.png bytes"),
            String::from_utf8_lossy(&without_streams(&picture, b"IDAT", b"IEND")).into(),
        ));
        out.push((format!("{name}.png text"), png_text(&picture)));
    }
    // A report leaves out the views its audience does not get, so every audience that gets
    // any part of one gets a report.
    let whole = [View::Genogram, View::Timeline, View::Chronology];
    if whole.iter().any(|v| version.includes(*v)) {
        out.push((
            "report.html".into(),
            html::report(version, &genogram, &timeline, &html::Options::default()),
        ));
        let pdf = pdf::report(version, &genogram, &timeline, &pdf::Options::default()).unwrap();
        out.push((
            "report.pdf bytes".into(),
            String::from_utf8_lossy(&without_streams(&pdf.bytes, b"stream", b"endstream")).into(),
        ));
        out.extend(pdf_as_read(&pdf.bytes, label));
        let word = docx::report(version, &genogram, &timeline, &low_resolution_docx())
            .unwrap()
            .bytes;
        out.extend(docx_as_read(&word, "report.docx"));
    }
    if version.includes(View::Chronology) {
        let word = docx::chronology_docx(version, &options).unwrap();
        out.extend(docx_as_read(&word, "chronology.docx"));
    }
    out
}

/// Word documents with pictures at screen resolution: the pictures' words are checked as
/// PNG above, and print resolution only makes the search slower.
fn low_resolution_docx() -> docx::Options {
    docx::Options {
        dpi: 72,
        ..docx::Options::default()
    }
}

/// A Word document's parts as text, escapes undone; its pictures by the text they show.
fn docx_as_read(bytes: &[u8], name: &str) -> Vec<(String, String)> {
    docx_parts(bytes)
        .into_iter()
        .map(|(part, data)| {
            let text = if part.ends_with(".png") {
                png_text(&data)
            } else {
                unescape(&String::from_utf8_lossy(&data))
            };
            (format!("{name} {part}"), text)
        })
        .collect()
}

/// A PDF as its reader, its viewer and its metadata show it: extracted text, document
/// information, and every object uncompressed with its strings decoded (XMP, bookmarks).
fn pdf_as_read(bytes: &[u8], label: &str) -> Vec<(String, String)> {
    require(&["pdftotext", "pdfinfo", "qpdf"]);
    let path = scratch(&format!("adversarial-{label}.pdf"));
    std::fs::write(&path, bytes).unwrap();
    let path = path.to_string_lossy().into_owned();
    let text = run("pdftotext", &["-raw", &path, "-"]);
    let info = run("pdfinfo", &["-meta", &path]);
    let qdf = format!("{path}.qdf");
    let status = std::process::Command::new("qpdf")
        .args(["--qdf", "--object-streams=disable", &path, &qdf])
        .status()
        .unwrap();
    assert!(status.success(), "qpdf could not expand {path}");
    let expanded = String::from_utf8_lossy(&std::fs::read(&qdf).unwrap()).into_owned();
    vec![
        ("report.pdf text".into(), text),
        ("report.pdf info and XMP".into(), info),
        ("report.pdf objects".into(), decode_pdf_strings(&expanded)),
    ]
}

/// PDF strings in hexadecimal (bookmarks are often UTF-16) written out as text, after the
/// objects themselves.
fn decode_pdf_strings(pdf: &str) -> String {
    let mut out = pdf.to_string();
    for piece in pdf.split('<').skip(1) {
        let Some(hex) = piece.split('>').next() else {
            continue;
        };
        if hex.is_empty() || hex.len() % 2 != 0 || !hex.chars().all(|c| c.is_ascii_hexdigit()) {
            continue;
        }
        let bytes: Vec<u8> = (0..hex.len())
            .step_by(2)
            .filter_map(|i| u8::from_str_radix(&hex[i..i + 2], 16).ok())
            .collect();
        out.push(' ');
        if bytes.starts_with(&[0xfe, 0xff]) {
            let units: Vec<u16> = bytes[2..]
                .chunks(2)
                .filter(|c| c.len() == 2)
                .map(|c| u16::from_be_bytes([c[0], c[1]]))
                .collect();
            out.push_str(&String::from_utf16_lossy(&units));
        } else {
            out.push_str(&String::from_utf8_lossy(&bytes));
        }
    }
    out
}

/// Direction overrides and isolates, zero-width characters, the byte-order mark: the
/// adversarial case hides each in a text every audience gets.
const FORMAT_CHARACTERS: &[char] = &[
    '\u{202E}', '\u{202B}', '\u{202C}', '\u{2066}', '\u{2069}', '\u{200B}', '\u{200D}', '\u{FEFF}',
];

#[test]
#[cfg_attr(
    not(all(has_qpdf, has_poppler)),
    ignore = "needs qpdf and poppler-utils (pdftotext, pdfinfo), not installed"
)]
fn the_adversarial_case_leaks_nothing_to_any_audience_in_any_format() {
    // Loaded under a file name that names the carer: it must not reach any version.
    let case = genochron::load("fitzgerald-walsh.yaml", ADVERSARIAL.as_bytes())
        .case
        .expect("the case checks");
    let court = full(&case);
    let control: String = every_output(&court, "whole")
        .into_iter()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join("\n");
    for audience in ["family", "school"] {
        let secrets = adversarial_secrets(audience);
        // Control: every secret is in the whole case's outputs, so not finding it below
        // means it was kept out, not that the search could not see it.
        let unseen: Vec<&&str> = secrets
            .iter()
            .filter(|s| leaks(&control, &[s]).is_empty())
            .collect();
        assert!(
            unseen.is_empty(),
            "the control does not find {unseen:?} in the whole case"
        );
        let version = redact(&case, audience).unwrap_or_else(|e| panic!("{audience}: {e}"));
        let outputs = every_output(&version, audience);
        assert!(outputs.len() >= 10, "{audience}: {} outputs", outputs.len());
        for (name, text) in outputs {
            let found = leaks(&text, &secrets);
            assert!(found.is_empty(), "{audience} {name} shows {found:?}");
            // The XMP packet's own header opens with a byte-order mark, as XMP requires.
            let hidden: Vec<String> = unescape(&text)
                .replace("begin=\"\u{FEFF}\"", "")
                .chars()
                .filter(|c| FORMAT_CHARACTERS.contains(c))
                .map(|c| format!("U+{:04X}", c as u32))
                .collect();
            assert!(
                name.ends_with("png bytes") || hidden.is_empty(),
                "{audience} {name} holds {hidden:?}"
            );
        }
        assert!(
            version.invisible_removed() >= 8,
            "{audience}: {}",
            version.invisible_removed()
        );
    }
    // Control: the case as read holds every one of them, in an entry every audience gets.
    let written: String = case
        .entries
        .iter()
        .map(|e| e.event.clone() + &e.source)
        .collect();
    for c in FORMAT_CHARACTERS {
        assert!(
            written.contains(*c),
            "the case does not hold U+{:04X}",
            *c as u32
        );
    }
}

#[test]
fn a_school_gets_only_what_it_lists() {
    use genochron::model::{PeriodKind, View};
    let case = genochron::load("adversarial.yaml", ADVERSARIAL.as_bytes())
        .case
        .unwrap();
    let school = redact(&case, "school").unwrap();
    assert!(!school.includes(View::Genogram) && school.includes(View::Chronology));
    assert!(school.relationships.is_empty() && school.households.is_empty());
    assert!(school.periods.iter().all(|p| p.kind == PeriodKind::School));
    assert!(school.entries.iter().all(|e| e.category == "education"));
    // Numbered 1, 2, 3 … with no holes that would count what was withheld.
    let numbers: Vec<u32> = school.entries.iter().map(|e| e.number).collect();
    assert_eq!(numbers, (1..=numbers.len() as u32).collect::<Vec<_>>());
    assert_eq!(school.numbering().first(), Some(&(1, 1)));
    assert_eq!(school.numbering()[1], (6, 2));
    // A stretch full of police and health entries is no gap in involvement, though the
    // school does not see them.
    let (_, timeline) = scenes(&school);
    let svg = genochron::render::svg::scene(&timeline);
    let (_, whole) = scenes(&full(&case));
    let whole_gaps = genochron::render::svg::scene(&whole)
        .matches("No agency involvement")
        .count();
    assert_eq!(svg.matches("No agency involvement").count(), whole_gaps);
    // Its report leaves the genogram out, and says so on the front page.
    let (genogram, _) = scenes(&school);
    let page = html::report(&school, &genogram, &timeline, &html::Options::default());
    assert!(
        page.contains("<dt>Left out</dt><dd>The genogram: this audience does not receive it</dd>"),
        "{page}"
    );
    assert!(!page.contains("id=\"genogram\"") && page.contains("id=\"timeline\""));
    let pdf = pdf::report(&school, &genogram, &timeline, &pdf::Options::default()).unwrap();
    let whole_pdf = {
        let whole = full(&case);
        let (g, t) = scenes(&whole);
        pdf::report(&whole, &g, &t, &pdf::Options::default()).unwrap()
    };
    assert!(
        pdf.pages < whole_pdf.pages,
        "{} / {}",
        pdf.pages,
        whole_pdf.pages
    );
    // A birth date withheld reads "withheld", never "not recorded".
    assert!(
        svg.contains("withheld") && !svg.contains("Birth date not recorded"),
        "{svg}"
    );
}

#[test]
fn mentions_read_naturally_in_each_version() {
    let case = genochron::load("adversarial.yaml", ADVERSARIAL.as_bytes())
        .case
        .unwrap();
    let event = |v: &genochron::redact::Version, n: usize| v.entries[n].event.clone();
    let whole = full(&case);
    let family = redact(&case, "family").unwrap();
    assert_eq!(
        event(&whole, 1),
        "Zee reported that Zoë said Dean pushed her."
    );
    assert_eq!(
        event(&family, 1),
        "The refuge worker reported that Zoë said Dean pushed her."
    );
    assert_eq!(
        event(&whole, 4),
        "Kayleigh moved to live with Siobhán Mary Fitzgerald-Walsh in a foster placement."
    );
    assert_eq!(
        event(&family, 5),
        "Kayleigh won the art prize; the foster carer and Zoë came to the assembly."
    );
    // The child's words are never reworded: the family reads the wording written for it.
    assert_eq!(
        family.entries[4].voice.as_deref(),
        Some("My carer makes me pancakes.")
    );
    assert_eq!(
        whole.entries[4].voice.as_deref(),
        Some("Shiv makes me pancakes.")
    );
}

#[test]
fn review_texts_and_who_does_an_action_are_checked_like_any_other_text() {
    let text = format!(
        "{ADVERSARIAL}\
reviews:
  - date: 2024-05-01
    who: Team manager, social worker and Shiv
    decisions:
      - \"@kayleigh stays with @siobhan; review contact in June.\"
      - Ask Fitzgerald-Walsh about school holidays.
"
    );
    let text = text.replacen(
        "    event: Child protection plan started under the category of emotional abuse.\n",
        "    event: Child protection plan started under the category of emotional abuse.\n    \
         action:\n      text: Core group to meet monthly.\n      who: Zee from the refuge\n      \
         due: 2021-02-10\n",
        1,
    );
    let case = genochron::load("adversarial.yaml", text.as_bytes())
        .case
        .expect("the case checks");
    let error = redact(&case, "family").expect_err("names in review texts refuse the version");
    let found: Vec<(usize, String)> = error
        .diagnostics(Some(&text))
        .into_iter()
        .map(|d| (d.line, d.message))
        .collect();
    let line_of = |needle: &str| text.lines().position(|l| l.contains(needle)).unwrap() + 1;
    for (needle, word) in [
        ("who: Team manager", "Shiv"),
        ("Ask Fitzgerald-Walsh", "Fitzgerald"),
        ("who: Zee from", "Zee"),
    ] {
        let line = line_of(needle);
        assert!(
            found
                .iter()
                .any(|(l, m)| *l == line && m.contains(&format!("\u{201c}{word}"))),
            "nothing on line {line} ({needle}): {found:?}"
        );
    }
    // The mention in a decision is written out for each version, and is no hit.
    let decision_line = line_of("review contact in June");
    assert!(!found.iter().any(|(l, _)| *l == decision_line), "{found:?}");
    let whole = full(&case);
    assert_eq!(
        whole.reviews[0].decisions[0],
        "Kayleigh stays with Shiv; review contact in June."
    );
    // With the names taken out, the family's version shows the review's texts as written
    // for it.
    let clean = text
        .replace("social worker and Shiv", "social worker and foster carer")
        .replace("Ask Fitzgerald-Walsh about", "Ask @siobhan about")
        .replace("who: Zee from the refuge", "who: \"@zoe-hartley\"");
    let case = genochron::load("adversarial.yaml", clean.as_bytes())
        .case
        .expect("the case checks");
    let family = redact(&case, "family").expect("nothing left to refuse");
    assert_eq!(
        family.reviews[0].decisions,
        vec![
            "Kayleigh stays with the foster carer; review contact in June.".to_string(),
            "Ask the foster carer about school holidays.".to_string(),
        ]
    );
    let action = family
        .entries
        .iter()
        .find_map(|e| e.action_progress.as_ref())
        .unwrap();
    assert_eq!(action.who.as_deref(), Some("The refuge worker"));
}
