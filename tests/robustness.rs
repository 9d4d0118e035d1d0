//! No input makes genochron panic, hang or use unbounded memory: it answers with a problem.
//!
//! `mutated_files_never_panic` is a deterministic mutation fuzzer: it takes every case file
//! in the repository, mutates it (flipped bytes, YAML punctuation, control characters,
//! impossible dates, long values, cut and spliced pieces) and loads the result; every result
//! that still checks is drawn as a genogram and a timeline (as well-formed SVG) and redacted
//! for each of its audiences. It runs
//! `GENOCHRON_FUZZ_INPUTS` inputs (10,000 by default; CI runs a million in release mode). The
//! property tests generate structurally valid cases with random families and dates.

use proptest::prelude::*;
use std::path::{Path, PathBuf};

/// Every case file in the repository, as seeds for mutation.
fn seeds() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    for folder in ["examples", "fixtures", "tests/cases"] {
        collect(&root.join(folder), &mut files);
    }
    files.sort();
    let seeds: Vec<(String, Vec<u8>)> = files
        .into_iter()
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("yaml" | "yml" | "json" | "toml")
            )
        })
        .filter_map(|p| {
            let name = p.file_name()?.to_string_lossy().into_owned();
            Some((name, std::fs::read(&p).ok()?))
        })
        .collect();
    assert!(!seeds.is_empty(), "no case files to start from");
    seeds
}

fn collect(dir: &Path, files: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect(&path, files);
        } else {
            files.push(path);
        }
    }
}

/// A small, seeded generator so every run tries the same inputs.
struct Random(u64);

impl Random {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Pieces that reach deep into the reader and checker when dropped into a file.
const TOKENS: &[&str] = &[
    ":",
    "- ",
    "[",
    "]",
    "{",
    "}",
    ",",
    "\n",
    "  ",
    "\t",
    "&a ",
    "*a",
    "&b [*a, *a, *a]",
    "'",
    "\"",
    "|\n",
    ">\n",
    "---\n",
    "...\n",
    "~",
    "null",
    "true",
    "2019-02-30",
    "about 2012",
    "before 2020-01-15",
    "0000",
    "9999-99-99",
    "parents: [",
    "children: [",
    "id: x\n",
    "people:\n  - id: ",
    "\u{feff}",
    "\u{0}",
    "é",
    "👪",
    "<script>",
    "&amp;",
    "%YAML 1.2\n",
    "!!binary ",
    "? ",
    "#",
    "-1",
    "1e999",
    "count: 0",
    "link: step",
    "status: divorced",
    // Control characters, raw and as YAML escapes: refused by the checker, never drawn.
    "\u{1}",
    "\u{b}",
    "\u{1b}",
    "\u{7f}",
    "\u{85}",
    "\"a\\vb\"",
    "\"\\x1b[31m\"",
    "\"\\u0000\"",
];

fn mutate(random: &mut Random, seeds: &[(String, Vec<u8>)]) -> (String, Vec<u8>) {
    let (name, seed) = &seeds[random.below(seeds.len())];
    let mut bytes = seed.clone();
    for _ in 0..=random.below(4) {
        let at = random.below(bytes.len() + 1);
        match random.below(8) {
            0 if !bytes.is_empty() => {
                let i = random.below(bytes.len());
                bytes[i] ^= 1 << random.below(8);
            }
            1 | 2 => {
                let token = TOKENS[random.below(TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
            }
            3 => {
                let end = (at + random.below(64)).min(bytes.len());
                bytes.drain(at..end);
            }
            4 => {
                let end = (at + random.below(256)).min(bytes.len());
                let piece = bytes[at..end].to_vec();
                let to = random.below(bytes.len() + 1);
                bytes.splice(to..to, piece);
            }
            5 => bytes.truncate(at),
            // A long reference or value, where ids and names are written: the checks on it
            // must stay linear (a did-you-mean search over it once took quadratic time).
            6 if random.below(4) == 0 => {
                let long = b"x".repeat(100 + random.below(4_000));
                bytes.splice(at..at, long);
            }
            _ => {
                let (_, other) = &seeds[random.below(seeds.len())];
                let from = random.below(other.len() + 1);
                let end = (from + random.below(512)).min(other.len());
                bytes.splice(at..at, other[from..end].iter().copied());
            }
        }
    }
    (name.clone(), bytes)
}

#[test]
fn mutated_files_never_panic() {
    let inputs: usize = std::env::var("GENOCHRON_FUZZ_INPUTS")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(10_000);
    let seeds = seeds();
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut drawn = 0usize;
    for _ in 0..inputs {
        let (name, bytes) = mutate(&mut random, &seeds);
        let loaded = std::panic::catch_unwind(|| genochron::load(&name, &bytes));
        match loaded {
            Ok(loaded) => {
                assert_eq!(loaded.case.is_some(), loaded.problems() == 0);
                if let Some(case) = loaded.case {
                    drawn += 1;
                    draw_everything(&name, &bytes, &case);
                }
            }
            Err(_) => {
                let path = std::env::temp_dir().join("genochron-fuzz-panic.yaml");
                let _ = std::fs::write(&path, &bytes);
                panic!(
                    "loading a mutated {name} panicked; the input is in {}",
                    path.display()
                );
            }
        }
    }
    println!(
        "fuzz: {inputs} mutated inputs loaded without a panic; the {drawn} that still checked \
         were drawn as genogram and timeline, and redacted for every audience, without a panic"
    );
}

/// A case that checks must draw: the genogram, the timeline, and every audience's version.
fn draw_everything(name: &str, bytes: &[u8], case: &genochron::model::Case) {
    let drawn = std::panic::catch_unwind(|| {
        // What checks draws as well-formed SVG (a control character once checked clean and
        // broke it).
        for scene in [
            genochron::layout::genogram::genogram(case, &Default::default()),
            genochron::layout::timeline::timeline(case, &Default::default()),
        ] {
            let svg = genochron::render::svg::scene(&scene);
            if let Err(error) = roxmltree::Document::parse(&svg) {
                panic!("not well-formed SVG: {error}");
            }
        }
        for audience in &case.audiences {
            // A mutated file may well show an audience what it may not see: then the version
            // is refused, with every place listed, and never drawn.
            match genochron::redact::for_audience(case, &audience.name) {
                Ok(redacted) => {
                    genochron::layout::genogram::genogram(&redacted, &Default::default());
                }
                Err(refused) => {
                    let source = String::from_utf8_lossy(bytes);
                    assert!(!refused.diagnostics(Some(&source)).is_empty(), "{refused}");
                }
            }
        }
    });
    if drawn.is_err() {
        let path = std::env::temp_dir().join("genochron-fuzz-panic.yaml");
        let _ = std::fs::write(&path, bytes);
        panic!(
            "drawing a mutated {name} panicked; the input is in {}",
            path.display()
        );
    }
}

#[test]
fn hostile_files_get_a_problem_not_a_crash() {
    let huge_name = format!(
        "case: {{title: T, as-at: 2024-01-01}}\npeople:\n  - id: a\n    name: {}\n",
        "x".repeat(10 * 1024 * 1024)
    );
    let alias_bomb = {
        let mut text = String::from("a: &a [x, x, x, x, x, x, x, x, x, x]\n");
        for (previous, name) in ('a'..='y').zip('b'..='z') {
            let refs = vec![format!("*{previous}"); 10].join(", ");
            text.push_str(&format!("{name}: &{name} [{refs}]\n"));
        }
        text
    };
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("binary.yaml", vec![0, 159, 146, 150, 0, 1, 2]),
        ("truncated.yaml", b"case:\n  title: \"Amy".to_vec()),
        ("deep.yaml", "[".repeat(100_000).into_bytes()),
        ("deep-map.yaml", "a: ".repeat(50_000).into_bytes()),
        ("bomb.yaml", alias_bomb.into_bytes()),
        ("huge-name.yaml", huge_name.into_bytes()),
        ("latin1.yaml", b"case:\n  title: Ren\xe9e\n".to_vec()),
        ("empty.yaml", Vec::new()),
        ("list.yaml", b"- 1\n- 2\n".to_vec()),
        ("bad.toml", b"[case\ntitle = 1".to_vec()),
        ("bad.json", b"{\"case\": ".to_vec()),
    ];
    for (name, bytes) in cases {
        let start = std::time::Instant::now();
        let loaded = genochron::load(name, &bytes);
        assert!(loaded.problems() > 0, "{name}: no problem reported");
        assert!(loaded.case.is_none(), "{name}");
        // Not a benchmark: a guard against a hang turning into a very slow test.
        assert!(
            start.elapsed().as_secs() < 60,
            "{name} took {:?}",
            start.elapsed()
        );
    }
}

/// A generated case: a few people with random dates and parents drawn from a small pool of
/// ids, some of which do not exist.
fn generated_case() -> impl Strategy<Value = String> {
    let ids = ["amy", "ben", "cal", "dee", "eve", "fin", "gus", "ghost"];
    let date = prop_oneof![
        (1900..2030i32, 1..13u32, 1..32u32).prop_map(|(y, m, d)| format!("{y}-{m:02}-{d:02}")),
        (1900..2030i32).prop_map(|y| format!("about {y}")),
        Just("2019-02-30".to_string()),
        Just(String::new()),
    ];
    let person = (
        0..7usize,
        date.clone(),
        date.clone(),
        proptest::collection::vec(0..8usize, 0..3),
        0..4usize,
    );
    (
        proptest::collection::vec(person, 0..12),
        proptest::collection::vec((0..8usize, 0..8usize, 0..4usize), 0..6),
        proptest::collection::vec((date.clone(), date, 0..8usize), 0..10),
    )
        .prop_map(move |(people, partnerships, entries)| {
            let mut text =
                String::from("case:\n  title: Generated\n  children: [amy, ben]\n  as-at: 2024-11-01\npeople:\n");
            for (id, born, died, parents, gender) in &people {
                let parents: Vec<&str> = parents.iter().map(|p| ids[*p]).collect();
                let gender = ["male", "female", "non-binary", "unknown"][*gender];
                text.push_str(&format!(
                    "  - id: {}\n    gender: {gender}\n    born: \"{born}\"\n    died: \"{died}\"\n    parents: [{}]\n",
                    ids[*id],
                    parents.join(", ")
                ));
            }
            text.push_str("partnerships:\n");
            for (a, b, status) in &partnerships {
                let status = ["married", "divorced", "cohabiting", "separated"][*status];
                text.push_str(&format!("  - partners: [{}, {}]\n    status: {status}\n", ids[*a], ids[*b]));
            }
            text.push_str("entries:\n");
            for (date, end, child) in &entries {
                text.push_str(&format!(
                    "  - date: \"{date}\"\n    end: \"{end}\"\n    children: [{}]\n    event: Something happened.\n    source: Test\n",
                    ids[*child]
                ));
            }
            text
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2_000, ..ProptestConfig::default() })]

    #[test]
    fn generated_cases_never_panic_and_resolve_when_drawn(text in generated_case()) {
        let loaded = genochron::load("generated.yaml", text.as_bytes());
        prop_assert_eq!(loaded.case.is_some(), loaded.problems() == 0);
        if let Some(case) = loaded.case {
            for p in &case.parentage {
                prop_assert!(case.person(&p.child).is_some());
                for parent in &p.parents {
                    prop_assert!(case.person(parent).is_some());
                }
            }
            let numbers: std::collections::BTreeSet<u32> = case.entries.iter().map(|e| e.number).collect();
            prop_assert_eq!(numbers.len(), case.entries.len(), "entry numbers are unique");
        }
    }

    #[test]
    fn arbitrary_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let loaded = genochron::load("arbitrary.yaml", &bytes);
        prop_assert_eq!(loaded.case.is_some(), loaded.problems() == 0);
    }
}
