//! Redaction across every example case, every audience and every output format: nothing an
//! audience may not see survives anywhere, in the model or in the bytes written.
//!
//! The strings searched for are worked out here from the original case and the audience's
//! rules, independently of `redact`, so a mistake there cannot hide itself.

mod support;

use genochron::model::{Case, Disclosure, HiddenField, Precision};
use genochron::redact::{for_audience as redact, full};
use genochron::render::{html, pdf, png};
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
            out.extend(person.notes.iter().cloned());
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
