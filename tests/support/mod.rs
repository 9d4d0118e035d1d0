//! Helpers every test file shares: running the binary (and making a report with it), scratch
//! files, golden files and a golden case's options, the fictional case and scenes, and the
//! outside tools. A test file says `mod support;` and
//! `use support::*;`, and uses what it needs.
#![allow(dead_code, unused_imports)]

mod arguments;
mod fictional;
mod golden;
mod tools;

pub use arguments::*;
pub use fictional::*;
pub use golden::*;
pub use tools::*;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// Runs the genochron binary from the crate's folder, so fixture paths are relative to it.
pub fn genochron(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_genochron"))
        .args(args)
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .output()
        .expect("the binary runs")
}

/// Runs the binary and returns its standard output, failing the test unless it exits with 0.
pub fn stdout(args: &[&str]) -> String {
    let output = genochron(args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    String::from_utf8(output.stdout).expect("UTF-8")
}

/// Makes a document with `genochron report <case> -o <file> <extra>`, the file a scratch
/// file, failing the test unless the command succeeds; returns the file's path and what the
/// command said.
pub fn make_report(case: &str, file: &str, extra: &[&str]) -> (String, String) {
    let path = scratch(file).to_string_lossy().into_owned();
    let mut args = vec!["report", case, "-o", &path];
    args.extend_from_slice(extra);
    let output = genochron(&args);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    (path, stderr(&output))
}

/// A run's error output (where every message goes) as text.
pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// A scratch file under the target directory, in a folder of this test file's own.
pub fn scratch(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(env!("CARGO_CRATE_NAME"));
    std::fs::create_dir_all(&dir).unwrap();
    dir.join(name)
}

/// Writes a scratch file and returns its path as an argument for the binary.
pub fn write(name: &str, bytes: &[u8]) -> String {
    let path = scratch(name);
    std::fs::write(&path, bytes).unwrap();
    path.to_string_lossy().into_owned()
}
