//! `genochron genogram` as a user meets it: the SVG and layout files, the options, the exit
//! codes and the messages.

mod support;
use support::*;

use std::path::Path;

fn out_dir(name: &str) -> std::path::PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

#[test]
fn draws_the_svg_and_the_layout_and_says_where() {
    let dir = out_dir("genogram-cli-draws");
    let svg = dir.join("g.svg");
    let json = dir.join("g.json");
    let output = genochron(&[
        "genogram",
        "tests/cases/genogram/half-siblings/case.yaml",
        "-o",
        svg.to_str().unwrap(),
        "--layout-json",
        json.to_str().unwrap(),
    ]);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_eq!(output.status.code(), Some(0), "{stderr}");
    assert!(stderr.contains("The genogram was written to"), "{stderr}");
    let text = std::fs::read_to_string(&svg).unwrap();
    roxmltree::Document::parse(&text).expect("the SVG parses");
    assert!(text.contains("id=\"person-dan\""));
    let layout: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    assert!(layout["metrics"]["crossings"].is_number());
    assert!(
        layout["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|i| i["kind"] == "partnership")
    );
}

#[test]
fn as_at_and_slash_options_change_the_drawing() {
    let plain = genochron(&[
        "genogram",
        "tests/cases/genogram/deceased-with-age/case.yaml",
    ]);
    let slash = genochron(&[
        "genogram",
        "tests/cases/genogram/deceased-with-age/case.yaml",
        "--deceased",
        "slash",
        "--as-at",
        "2015-01-01",
    ]);
    assert_eq!(plain.status.code(), Some(0));
    assert_eq!(slash.status.code(), Some(0));
    let (a, b) = (
        String::from_utf8_lossy(&plain.stdout),
        String::from_utf8_lossy(&slash.stdout),
    );
    assert!(a.contains("Drawn as at 1 Nov 2024"));
    assert!(b.contains("Drawn as at 1 Jan 2015"));
    assert_ne!(a, b);
}

#[test]
fn focus_on_someone_not_in_the_file_is_a_problem_and_writes_nothing() {
    let dir = out_dir("genogram-cli-focus");
    let svg = dir.join("none.svg");
    let _ = std::fs::remove_file(&svg);
    let output = genochron(&[
        "genogram",
        "tests/cases/genogram/half-siblings/case.yaml",
        "--focus",
        "nobody",
        "-o",
        svg.to_str().unwrap(),
    ]);
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("\"nobody\""), "{stderr}");
    assert!(stderr.contains("Nothing was written"), "{stderr}");
    assert!(!svg.exists());
}

#[test]
fn focus_draws_part_of_the_family() {
    let output = genochron(&[
        "genogram",
        "tests/cases/genogram/cousins-partnering/case.yaml",
        "--focus",
        "s1",
        "--up",
        "0",
        "--down",
        "1",
    ]);
    assert_eq!(output.status.code(), Some(0));
    let svg = String::from_utf8_lossy(&output.stdout);
    assert!(svg.contains("id=\"person-s1\""));
    assert!(svg.contains("id=\"person-c1\""));
    assert!(
        !svg.contains("id=\"person-gma\""),
        "grandparents are above the focus"
    );
    assert!(svg.contains("people not shown"));
}

#[test]
fn a_file_with_problems_is_not_drawn() {
    let output = genochron(&["genogram", "fixtures/problems-mixed.yaml"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(output.stdout.is_empty());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("The genogram was not drawn"), "{stderr}");
}

#[test]
fn the_output_format_follows_the_file_name() {
    let dir = out_dir("genogram-cli-formats");
    let case = "tests/cases/genogram/half-siblings/case.yaml";
    for command in ["genogram", "timeline"] {
        let png = dir.join(format!("{command}.png"));
        let output = genochron(&[command, case, "-o", png.to_str().unwrap()]);
        assert_eq!(
            output.status.code(),
            Some(0),
            "{}",
            String::from_utf8_lossy(&output.stderr)
        );
        let bytes = std::fs::read(&png).unwrap();
        assert!(
            bytes.starts_with(b"\x89PNG\r\n\x1a\n"),
            "{command}: a .png file holds a PNG"
        );

        // A name the command cannot write is refused before anything is drawn.
        let pdf = dir.join(format!("{command}.pdf"));
        let output = genochron(&[command, case, "-o", pdf.to_str().unwrap()]);
        let stderr = String::from_utf8_lossy(&output.stderr);
        assert_eq!(output.status.code(), Some(2), "{stderr}");
        assert!(stderr.contains("not .pdf"), "{stderr}");
        assert!(stderr.contains("Nothing was written."), "{stderr}");
        assert!(!pdf.exists(), "{command}: nothing written to the .pdf");
    }
}
