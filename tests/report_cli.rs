//! `genochron report` as a user meets it: every format, byte-identical across runs, bundle
//! numbering, audiences, and clear refusals.

mod support;

use support::*;

const CASE: &str = "examples/mensah-family.yaml";

/// Makes `file` twice and returns the bytes, checking both runs gave the same.
fn make_twice(file: &str, extra: &[&str]) -> Vec<u8> {
    let mut results = Vec::new();
    for run in 0..2 {
        let (path, _) = make_report(CASE, &format!("cli-{run}-{file}"), extra);
        results.push(std::fs::read(path).unwrap());
    }
    assert!(results[0] == results[1], "{file} differs between two runs");
    results.pop().unwrap()
}

#[test]
fn every_format_is_byte_identical_across_runs() {
    let pdf = make_twice(
        "report.pdf",
        &["--bundle-section", "C", "--start-page", "45"],
    );
    assert!(pdf.starts_with(b"%PDF-"));
    let html = make_twice("report.html", &[]);
    assert!(html.starts_with(b"<!DOCTYPE html>"));
    for file in ["genogram.png", "timeline.png"] {
        let png = make_twice(file, &["--dpi", "96", "--width", "30cm"]);
        assert!(png.starts_with(b"\x89PNG"));
    }
    let family = make_twice("family.html", &["--audience", "family"]);
    let path = scratch("cli-family-note.html");
    let output = genochron(&[
        "report",
        CASE,
        "-o",
        &path.to_string_lossy(),
        "--audience",
        "family",
    ]);
    assert!(
        stderr(&output).contains("4 entries are left out of the \"family\" version"),
        "{}",
        stderr(&output)
    );
    let family = String::from_utf8(family).unwrap();
    assert!(!family.contains("Janet Reeve") && family.contains("Local authority foster carer"));
}

/// The example's court PDF, numbered from C45, made by the command line; returns where it
/// is and what the command said.
fn bundle_pdf(name: &str) -> (String, String) {
    let (path, messages) =
        make_report(CASE, name, &["--bundle-section", "C", "--start-page", "45"]);
    assert!(messages.contains("was written to"), "{messages}");
    (path, messages)
}

#[test]
fn the_pdf_warns_of_a_long_chronology() {
    // The example's 51 entries run past the ten pages courts allow.
    let (_, messages) = bundle_pdf("cli-long.pdf");
    assert!(messages.contains("Practice Direction 27A"), "{messages}");
}

#[test]
#[cfg_attr(
    not(all(has_qpdf, has_poppler)),
    ignore = "needs qpdf and poppler-utils (pdftotext), not installed"
)]
fn the_pdf_carries_bundle_numbers() {
    let (path_text, _) = bundle_pdf("cli-bundle.pdf");
    require(&["pdftotext", "qpdf"]);
    run("qpdf", &["--check", &path_text]);
    let text = run("pdftotext", &["-layout", &path_text, "-"]);
    assert!(text.contains("C45") && text.contains("C46"));
    assert!(text.contains("Hearing date") && text.contains("12 January 2027"));
}

#[test]
fn refusals_say_what_to_do_and_write_nothing() {
    let path = scratch("cli-refused.pdf");
    let _ = std::fs::remove_file(&path);
    let path_text = path.to_string_lossy().into_owned();
    let output = genochron(&["report", CASE, "-o", &path_text, "--audience", "press"]);
    assert_eq!(output.status.code(), Some(2));
    let text = stderr(&output);
    assert!(text.contains("no audience called \"press\""), "{text}");
    assert!(text.contains("court, family, life-story"), "{text}");
    assert!(!path.exists());

    let output = genochron(&["report", CASE, "-o", "report.odt"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains(".pdf, .docx, .html or .png"));

    let output = genochron(&["report", CASE, "-o", "picture.png"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("--diagram genogram"));

    let png = scratch("cli-dpi-genogram.png");
    let output = genochron(&["report", CASE, "-o", &png.to_string_lossy(), "--dpi", "600"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(
        stderr(&output).contains("between 1 and 300"),
        "{}",
        stderr(&output)
    );
}

#[test]
fn a_case_with_problems_is_not_drawn() {
    let output = genochron(&["report", "fixtures/problems-mixed.yaml", "-o", "x.pdf"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(
        stderr(&output).contains("Nothing was written"),
        "{}",
        stderr(&output)
    );
}

/// A PNG's width in pixels and its resolution in dots per inch, from its header and `pHYs`.
fn png_size(png: &[u8]) -> (u32, u32) {
    let number = |at: usize| u32::from_be_bytes(png[at..at + 4].try_into().unwrap());
    let phys = png
        .windows(4)
        .position(|w| w == b"pHYs")
        .expect("a resolution");
    let per_metre = number(phys + 4);
    (number(16), (per_metre as f64 * 0.0254).round() as u32)
}

#[test]
fn a_picture_for_word_is_made_for_the_page_width_or_refused_with_a_way_out() {
    // The whole bundled timeline cannot be read at the width of an A4 page's text: refused,
    // saying what would do, and nothing written.
    for (command, diagram) in [("timeline", "timeline"), ("genogram", "genogram")] {
        let png = scratch(&format!("width-refused-{command}.png"));
        let output = genochron(&[command, CASE, "-o", &png.to_string_lossy()]);
        let message = stderr(&output);
        assert_eq!(output.status.code(), Some(2), "{message}");
        assert!(message.contains("At 16 cm wide"), "{message}");
        assert!(message.contains("too small to read"), "{message}");
        assert!(
            message.contains("--last 2y") && message.contains("--focus"),
            "{message}"
        );
        assert!(
            message.contains(&format!("The {diagram} was not made")),
            "{message}"
        );
        assert!(!png.exists(), "{command}: nothing is written");
    }
    // The last two years on a landscape page: the time axis is fitted to the page, and the
    // picture is that wide at the resolution it records, so Word pastes it at 24.7 cm.
    let png = scratch("width-timeline-landscape.png");
    let output = genochron(&[
        "timeline",
        CASE,
        "--last",
        "2y",
        "--width",
        "247mm",
        "--dpi",
        "200",
        "-o",
        &png.to_string_lossy(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let (pixels, dpi) = png_size(&std::fs::read(&png).unwrap());
    assert_eq!(dpi, 200);
    let printed_cm = pixels as f64 / dpi as f64 * 2.54;
    assert!((printed_cm - 24.7).abs() < 0.05, "{printed_cm} cm");
    // A drawing narrower than the page is pasted at its natural size, never blown up.
    let png = scratch("width-genogram-landscape.png");
    let output = genochron(&[
        "genogram",
        CASE,
        "--width",
        "10in",
        "-o",
        &png.to_string_lossy(),
    ]);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let (pixels, dpi) = png_size(&std::fs::read(&png).unwrap());
    assert!(
        pixels as f64 / dpi as f64 <= 10.0,
        "{pixels} pixels at {dpi} dpi"
    );
    // A width without its unit is refused as a usage error.
    let output = genochron(&["genogram", CASE, "--width", "16", "-o", "x.png"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("16cm, 160mm or 6.3in"));
}
