//! Golden files: one folder per case under `tests/cases/<area>/`, with the expected outputs
//! beside the input. `GENOCHRON_ACCEPT=1 cargo test` rewrites them (never under CI).

use genochron::model::Case;
use std::path::{Path, PathBuf};

/// The case folders of one area (`tests/cases/timeline`), sorted.
pub fn case_dirs(area: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cases")
        .join(area);
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(&root)
        .unwrap_or_else(|_| panic!("{} exists", root.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_dir())
        .collect();
    dirs.sort();
    dirs
}

/// The checked case in a folder's `case.yaml`.
pub fn load_case(dir: &Path) -> Case {
    let bytes = std::fs::read(dir.join("case.yaml")).expect("case.yaml");
    let loaded = genochron::load("case.yaml", &bytes);
    loaded
        .case
        .unwrap_or_else(|| panic!("{}: {:?}", dir.display(), loaded.diagnostics))
}

/// True when golden files are to be rewritten rather than compared.
pub fn accept() -> bool {
    std::env::var("GENOCHRON_ACCEPT").is_ok_and(|v| v == "1")
        && !std::env::var("CI").is_ok_and(|v| v == "true")
}

/// Compares output with its golden file, naming the first line that differs; fails the test
/// if it differs. When accepting, writes the output as the golden file instead.
pub fn compare(path: &Path, actual: &str) {
    if let Some(difference) = differs(path, actual) {
        panic!("{difference}");
    }
}

/// What differs between output and its golden file (the first line that differs), or `None`
/// when they match. When accepting, writes the output as the golden file and returns `None`:
/// for tests that gather every case's differences before failing.
pub fn differs(path: &Path, actual: &str) -> Option<String> {
    if accept() {
        std::fs::write(path, actual).expect("write expected output");
        return None;
    }
    let Ok(expected) = std::fs::read_to_string(path) else {
        return Some(format!(
            "{} is missing: run with GENOCHRON_ACCEPT=1",
            path.display()
        ));
    };
    if expected == actual {
        return None;
    }
    let line = expected
        .lines()
        .zip(actual.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(expected.lines().count().min(actual.lines().count()));
    Some(format!(
        "{} differs from the output from line {} (GENOCHRON_ACCEPT=1 to accept): expected \
         {:?}, got {:?}",
        path.display(),
        line + 1,
        expected.lines().nth(line),
        actual.lines().nth(line)
    ))
}
