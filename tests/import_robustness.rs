//! Whatever bytes arrive, the importers answer with a case file or problems, never a panic;
//! and an imported case file always passes through the checker and the YAML writer.

use genochron::input::pedigree::{self, PedigreeKind};
use genochron::input::{gedcom, write};
use genochron::{Source, check};
use proptest::prelude::*;

const FIXTURE: &str = include_str!("../fixtures/gedcom/okafor-blended-family.ged");

fn through_everything(bytes: &[u8]) {
    let (file, diagnostics) = gedcom::read(bytes);
    checks_and_writes(file, &diagnostics, bytes);
    for kind in [PedigreeKind::Ped, PedigreeKind::Csv] {
        let (file, diagnostics) = pedigree::read(bytes, kind);
        checks_and_writes(file, &diagnostics, bytes);
    }
}

fn checks_and_writes(
    file: Option<genochron::input::case_file::CaseFile>,
    diagnostics: &[genochron::diagnostic::Diagnostic],
    bytes: &[u8],
) {
    if let Some(file) = file {
        assert!(!diagnostics.iter().any(|d| d.is_problem()));
        let source = Source {
            name: "fuzz.ged".into(),
            hash: "000000".into(),
        };
        let (_, found) = check(&file, &source);
        // Control characters are passed through as read, for the checker to refuse at their
        // line: the one problem an import may leave, and only when the bytes hold one (C0,
        // DEL, or a byte a single-byte character set reads as a C1 control).
        let has_controls = bytes
            .iter()
            .any(|b| matches!(b, 0..=8 | 11 | 12 | 14..=31 | 127..=159));
        let problems: Vec<_> = found
            .iter()
            .filter(|d| d.is_problem())
            .filter(|d| !(has_controls && d.message.contains("control character")))
            .collect();
        assert!(
            problems.is_empty(),
            "the checker refused an import: {problems:#?}\n{}",
            String::from_utf8_lossy(bytes)
        );
        let yaml = write::yaml(&file);
        let (read, _) = genochron::input::case_file("fuzz.yaml", yaml.as_bytes());
        assert!(read.is_some(), "{yaml}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_pedigree_tables_never_panic(
        rows in proptest::collection::vec(("[AB]", 1u8..9, 0u8..9, 0u8..9, 0u8..3, 0u8..3, "(19[5-9][0-9])?"), 1..12)
    ) {
        let ped: String = rows.iter().map(|(f, i, fa, mo, sex, ph, _)| format!("{f} {i} {fa} {mo} {sex} {ph}\n")).collect();
        through_everything(ped.as_bytes());
        let mut csv = String::from("id,father,mother,sex,born\n");
        for (_, i, fa, mo, sex, _, born) in &rows {
            csv.push_str(&format!("p{i},p{fa},p{mo},{sex},{born}\n"));
        }
        through_everything(csv.as_bytes());
    }

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..400)) {
        through_everything(&bytes);
        let mut with_head = b"0 HEAD\n".to_vec();
        with_head.extend(&bytes);
        through_everything(&with_head);
    }

    #[test]
    fn mangled_family_trees_never_panic(
        edits in proptest::collection::vec((0usize..80, 0usize..6, "[ -~éü@/\t]{0,12}"), 1..8)
    ) {
        let mut lines: Vec<String> = FIXTURE.lines().map(str::to_string).collect();
        for (at, kind, text) in edits {
            let at = at % lines.len();
            match kind {
                0 => lines[at] = text,
                1 => lines[at].push_str(&text),
                2 => { lines.remove(at); if lines.is_empty() { lines.push(String::new()); } }
                3 => lines.insert(at, text),
                4 => { let l = lines[at].clone(); lines.insert(at, l); }
                _ => lines[at] = lines[at].replacen(|c: char| c.is_ascii_digit(), &text, 1),
            }
        }
        through_everything(lines.join("\n").as_bytes());
        through_everything(lines.join("\r").as_bytes());
    }
}
