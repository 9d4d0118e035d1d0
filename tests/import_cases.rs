//! Import golden cases: each folder under `tests/cases/import/` has an input file and the
//! case file (`expected.yaml`) and messages (`expected.txt`) the import gives. Refresh them
//! with `GENOCHRON_ACCEPT=1 cargo test --test import_cases` (never under CI).

mod support;
use support::*;

use genochron::diagnostic;
use genochron::input::pedigree::{self, PedigreeKind};
use genochron::input::{gedcom, write};
use std::path::{Path, PathBuf};

#[test]
fn every_import_case_gives_its_expected_case_file_and_messages() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/import");
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .expect("the import cases")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    assert!(dirs.len() >= 6);
    let mut failures = Vec::new();
    for dir in dirs {
        let name = dir.file_name().unwrap().to_string_lossy().into_owned();
        let input = std::fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .find(|p| p.file_stem().is_some_and(|s| s == "input"))
            .unwrap_or_else(|| panic!("{name}: no input file"));
        let bytes = std::fs::read(&input).unwrap();
        let (file, diagnostics) = match input.extension().and_then(|e| e.to_str()) {
            Some("ged") => gedcom::read(&bytes),
            Some("ped") => pedigree::read(&bytes, PedigreeKind::Ped),
            Some("csv") => pedigree::read(&bytes, PedigreeKind::Csv),
            other => panic!("{name}: no importer for {other:?}"),
        };
        let input_name = input.file_name().unwrap().to_string_lossy().into_owned();
        let outputs = [
            ("expected.yaml", file.as_ref().map(write::yaml)),
            (
                "expected.txt",
                Some(diagnostic::to_text(&input_name, &diagnostics)),
            ),
        ];
        for (expected_name, actual) in outputs {
            let path = dir.join(expected_name);
            match actual {
                None if !path.exists() => {}
                None => failures.push(format!("{name}: refused, but {expected_name} exists")),
                Some(actual) => failures.extend(differs(&path, &actual)),
            }
        }
    }
    assert!(failures.is_empty(), "{failures:#?}");
}
