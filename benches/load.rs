//! How long reading and checking a case file takes, at the scales the issues name.
//!
//! `cargo bench --bench load`. The files are generated here, seeded, so every run measures
//! the same input.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::fmt::Write;

/// A case with `people` people in families of two parents and up to three children, and
/// `entries` chronology entries.
fn case_file(people: usize, entries: usize) -> String {
    let mut text =
        String::from("case:\n  title: Generated\n  children: [p0]\n  as-at: 2024-11-01\npeople:\n");
    for i in 0..people {
        let family = i / 5;
        let role = i % 5;
        let born = if role < 2 {
            1970 + family % 20
        } else {
            1995 + family % 20
        };
        let _ = write!(
            text,
            "  - id: p{i}\n    name: Person {i}\n    gender: {}\n    born: {born}-0{}-1{}\n",
            if i % 2 == 0 { "female" } else { "male" },
            1 + i % 9,
            i % 9
        );
        if role >= 2 {
            let _ = writeln!(text, "    parents: [p{}, p{}]", family * 5, family * 5 + 1);
        }
    }
    text.push_str("entries:\n");
    for i in 0..entries {
        let _ = write!(
            text,
            "  - number: {}\n    date: {}-{:02}-{:02}\n    event: Event {i} was recorded by the school.\n    category: education\n    source: School\n    impact: The child was upset.\n    significance: medium\n",
            i + 1,
            2010 + i % 14,
            1 + i % 12,
            1 + i % 28
        );
    }
    text
}

fn load(c: &mut Criterion) {
    let mut group = c.benchmark_group("load");
    group.sample_size(10);
    for (people, entries) in [(1_000, 1_000), (10_000, 10_000), (100_000, 100_000)] {
        let text = case_file(people, entries);
        group.bench_with_input(
            BenchmarkId::from_parameter(format!("{people} people + {entries} entries")),
            &text,
            |b, text| b.iter(|| genochron::load("bench.yaml", text.as_bytes())),
        );
    }
    group.finish();
}

criterion_group!(benches, load);
criterion_main!(benches);
