//! The outside tools some tests use (poppler-utils, qpdf, Chromium, LibreOffice), and Word
//! documents taken apart.

use super::scratch;
use std::path::PathBuf;
use std::process::Command;

/// Whether an outside tool is on the PATH.
pub fn installed(name: &str) -> bool {
    std::env::var_os("PATH")
        .is_some_and(|path| std::env::split_paths(&path).any(|folder| folder.join(name).is_file()))
}

/// Fails the test unless every one of these outside tools is installed. Tests that need them
/// are marked ignored, with the reason, when `build.rs` finds a tool missing (so `cargo test`
/// counts them as ignored); under CI nothing is ignored, and a missing tool fails here.
pub fn require(names: &[&str]) {
    for name in names {
        assert!(
            installed(name),
            "{name} is needed for this test and is not installed \
             (apt-get install poppler-utils qpdf chromium libreoffice-writer)"
        );
    }
}

/// Runs a tool and returns its standard output; panics with its error output on failure.
pub fn run(program: &str, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .output()
        .unwrap_or_else(|e| panic!("{program} could not run: {e}"));
    assert!(
        out.status.success(),
        "{program} {args:?} failed: {}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// A PDF's pages as text (`pdftotext -layout`), each with its runs of spaces made one.
pub fn pdf_pages_text(path: &str) -> Vec<String> {
    run("pdftotext", &["-layout", path, "-"])
        .split('\u{c}')
        .map(|page| page.split_whitespace().collect::<Vec<_>>().join(" "))
        .collect()
}

/// A PDF's first page as text (`pdftotext`), its runs of spaces made one.
pub fn pdf_front_page(path: &str) -> String {
    run("pdftotext", &["-f", "1", "-l", "1", path, "-"])
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Checks the promise a split diagram's pages make about its key, on the pages (from
/// [`pdf_pages_text`]) whose heading starts with `heading`: at least two pages; exactly one of
/// them shows the key (has the text `marker`, a line of the key); and every other one says
/// "Key: page N", where N is the number printed in the key page's footer. Returns that page.
pub fn assert_key_once(pages: &[String], heading: &str, marker: &str) -> usize {
    let of: Vec<(usize, &String)> = pages
        .iter()
        .enumerate()
        .filter(|(_, text)| {
            text.starts_with(&format!("{heading},")) || text.starts_with(&format!("{heading}:"))
        })
        .collect();
    assert!(of.len() > 1, "{heading} is not split: {} pages", of.len());
    let with_key: Vec<usize> = of
        .iter()
        .filter(|(_, text)| text.contains(marker))
        .map(|(i, _)| *i)
        .collect();
    assert_eq!(
        with_key.len(),
        1,
        "{heading}: the key (\"{marker}\") should be on exactly one page, is on pages {:?}",
        with_key.iter().map(|i| i + 1).collect::<Vec<_>>()
    );
    let key = with_key[0];
    // The number the reader sees on the key page: its footer's, the last "Page N" on it.
    let printed = pages[key]
        .rsplit("Page ")
        .next()
        .and_then(|rest| rest.split_whitespace().next())
        .and_then(|n| n.parse::<usize>().ok())
        .unwrap_or_else(|| panic!("no page number on the key page: {}", pages[key]));
    assert_eq!(printed, key + 1, "the key page's footer is not its place");
    for (i, text) in &of {
        if *i != key {
            assert!(
                text.contains(&format!("Key: page {printed}")),
                "{heading}: page {} does not say where the key is (page {printed}): {text}",
                i + 1
            );
        }
        assert_eq!(
            text.matches("Key: page").count(),
            usize::from(*i != key),
            "{heading}: page {} names the key's page wrongly: {text}",
            i + 1
        );
    }
    printed
}

/// The parts of a Word document (a ZIP package), by name, in the order they are stored.
pub fn docx_parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    use std::io::Read;
    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a Word document is a ZIP file");
    (0..archive.len())
        .map(|i| {
            let mut file = archive.by_index(i).expect("a readable part");
            let mut data = Vec::new();
            file.read_to_end(&mut data).expect("a readable part");
            let name = file.name().map(|n| n.to_string()).expect("a part name");
            (name, data)
        })
        .collect()
}

/// One part of a Word document as text (`word/document.xml`).
pub fn docx_part(bytes: &[u8], name: &str) -> String {
    let (_, data) = docx_parts(bytes)
        .into_iter()
        .find(|(n, _)| n == name)
        .unwrap_or_else(|| panic!("the Word document has no {name}"));
    String::from_utf8(data).expect("XML parts are UTF-8")
}

/// Converts a Word document to PDF with headless LibreOffice, as a reader's word processor
/// would open it, and returns the PDF's path. Each conversion has its own LibreOffice profile,
/// so tests running at once do not wait for each other's lock.
pub fn docx_to_pdf(docx: &std::path::Path) -> PathBuf {
    let stem = docx.file_stem().unwrap().to_string_lossy().into_owned();
    let out = scratch(&format!("{stem}-converted"));
    let profile = scratch(&format!("{stem}-libreoffice-profile"));
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(&out).unwrap();
    let profile = format!("-env:UserInstallation=file://{}", profile.display());
    run(
        "soffice",
        &[
            &profile,
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            &out.to_string_lossy(),
            &docx.to_string_lossy(),
        ],
    );
    let pdf = out.join(format!("{stem}.pdf"));
    assert!(
        pdf.is_file(),
        "LibreOffice made no PDF of {}",
        docx.display()
    );
    pdf
}
