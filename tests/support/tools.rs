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
