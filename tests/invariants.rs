//! The invariants ARCHITECTURE.md promises that can be read from the source itself: each test
//! here fails when a change breaks one. (Escaping every character is checked in
//! `render::escape`, rounding every number written in `render::svg`, the same bytes twice in
//! every golden test.)

use std::path::{Path, PathBuf};

/// Every Rust source file under `src/`, as (path from the crate's folder, code): comments and
/// the unit tests at the end of a file (`#[cfg(test)]`) left out, since they never run in a
/// user's hands.
fn library_sources() -> Vec<(String, String)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    collect(&root.join("src"), &mut files);
    files.sort();
    assert!(files.len() > 50, "only {} source files found", files.len());
    files
        .into_iter()
        .map(|path| {
            let text = std::fs::read_to_string(&path).expect("a source file");
            let name = path
                .strip_prefix(root)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            (name, code(&text))
        })
        .collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("a source folder") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            collect(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// The code of a file without comments and without its unit tests.
fn code(text: &str) -> String {
    let mut out = String::new();
    for line in text.lines() {
        if line.trim_start().starts_with("#[cfg(test)]") && !line.starts_with(' ') {
            break;
        }
        let code = match line.find("//") {
            Some(at) => &line[..at],
            None => line,
        };
        out.push_str(code);
        out.push('\n');
    }
    out
}

/// Where any of `words` appears in the library's code outside the files `allowed` lets
/// through, as "file:line: word".
fn uses(words: &[&str], allowed: impl Fn(&str) -> bool) -> Vec<String> {
    let mut found = Vec::new();
    for (name, code) in library_sources() {
        if allowed(&name) {
            continue;
        }
        for (n, line) in code.lines().enumerate() {
            for word in words {
                if contains_word(line, word) {
                    found.push(format!("{name}:{}: {word}", n + 1));
                    break;
                }
            }
        }
    }
    found
}

/// Whether `word` stands in `line` on its own: not the tail of a longer name (`File::` in
/// `CaseFile::`).
fn contains_word(line: &str, word: &str) -> bool {
    line.match_indices(word).any(|(at, _)| {
        !line[..at]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || c == '_')
    })
}

fn in_binary(name: &str) -> bool {
    name.starts_with("src/bin/")
}

#[test]
fn the_library_never_prints_and_never_exits() {
    let found = uses(
        &[
            "print!",
            "println!",
            "eprint!",
            "eprintln!",
            "dbg!",
            "io::stdout",
            "io::stderr",
            "process::exit",
            "process::abort",
            "panic::set_hook",
        ],
        in_binary,
    );
    assert!(
        found.is_empty(),
        "only the binary talks to the terminal and ends the process:\n{}",
        found.join("\n")
    );
}

#[test]
fn only_the_binary_knows_clap() {
    let found = uses(&["clap"], in_binary);
    assert!(found.is_empty(), "{}", found.join("\n"));
}

#[test]
fn the_library_reads_files_only_in_load_file() {
    let found = uses(
        &["std::fs", "fs::", "File::", "read_dir", "OpenOptions"],
        in_binary,
    );
    assert!(
        found.len() == 1 && found[0].starts_with("src/lib.rs:"),
        "files are read once, by load_file in src/lib.rs: {found:#?}"
    );
    let lib =
        std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/lib.rs")).unwrap();
    let at = lib
        .find("std::fs::read(")
        .expect("load_file reads the file");
    let function = lib[..at].rfind("pub fn ").expect("inside a function");
    assert!(
        lib[function..].starts_with("pub fn load_file"),
        "the file is read in a load_file function"
    );
}

#[test]
fn no_hash_map_order_can_reach_output() {
    // The one HashMap is inside `Lookup`, which has no way to be walked.
    let found = uses(&["HashMap", "HashSet", "hash_map", "hash_set"], |name| {
        name == "src/lookup.rs"
    });
    assert!(
        found.is_empty(),
        "use BTreeMap/BTreeSet, or crate::lookup::Lookup for a cache that is only looked \
         up:\n{}",
        found.join("\n")
    );
    let lookup = library_sources()
        .into_iter()
        .find(|(name, _)| name == "src/lookup.rs")
        .expect("src/lookup.rs")
        .1;
    for walk in [
        "iter",
        "keys",
        "values",
        "drain",
        "retain",
        "IntoIterator",
        "Deref",
    ] {
        assert!(
            !lookup.contains(walk),
            "Lookup must not offer a way to walk the map ({walk})"
        );
    }
}

#[test]
fn no_wall_clock_reaches_the_library() {
    let found = uses(
        &[
            "SystemTime",
            "Instant::now",
            "Local::now",
            "Utc::now",
            "today(",
        ],
        in_binary,
    );
    assert!(
        found.is_empty(),
        "dates come from the case (its \"as at\" date), never the clock:\n{}",
        found.join("\n")
    );
}

#[test]
fn layout_knows_nothing_of_documents_and_renderers_nothing_of_input() {
    let layout = uses(
        &["crate::render", "svg::", "krilla", "docx_rs", "resvg"],
        |name| !name.starts_with("src/layout/"),
    );
    assert!(
        layout.is_empty(),
        "the layout hands renderers a scene:\n{}",
        layout.join("\n")
    );
    let render = uses(&["crate::input", "saphyr", "calamine"], |name| {
        !name.starts_with("src/render/")
    });
    assert!(
        render.is_empty(),
        "renderers read the scene or the checked case, never the input:\n{}",
        render.join("\n")
    );
}

#[test]
fn lower_layers_never_reach_up() {
    // The model, the diagnostics and text measurement serve every stage and know none of them.
    let shared = |name: &str| {
        name == "src/text.rs" || name == "src/diagnostic.rs" || name.starts_with("src/model/")
    };
    let found = uses(
        &[
            "crate::layout",
            "crate::render",
            "crate::check",
            "crate::redact",
        ],
        |name| !shared(name),
    );
    assert!(found.is_empty(), "{}", found.join("\n"));
    // The checker reads the case file's types, not how a file is read.
    let found = uses(&["input::read", "input::tree", "saphyr"], |name| {
        !name.starts_with("src/check/")
    });
    assert!(found.is_empty(), "{}", found.join("\n"));
}
