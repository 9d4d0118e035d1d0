//! Timeline speed: a generated case file of 1,000 to 100,000 entries read, checked, laid out
//! and written as SVG (everything `genochron timeline` does but opening files), and the layout
//! alone. Run with `cargo bench --bench timeline`.

use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use genochron::layout::timeline::{TimelineOptions, timeline};
use std::hint::black_box;
use std::time::Duration;

/// A fictional case file with `n` entries over fifteen years: two children, a plan, a
/// household, entries of every usual category with some periods, partial dates and impacts.
/// The same `n` always gives the same file (a fixed linear congruential sequence).
fn case_file(n: usize) -> String {
    const CATEGORIES: [&str; 10] = [
        "domestic-abuse",
        "health",
        "education",
        "police",
        "legal-status",
        "household-change",
        "placement",
        "professional-intervention",
        "neglect",
        "contact",
    ];
    const WORDS: [&str; 24] = [
        "police",
        "attended",
        "after",
        "a",
        "neighbour",
        "reported",
        "shouting",
        "mother",
        "had",
        "a",
        "cut",
        "lip",
        "school",
        "said",
        "the",
        "child",
        "was",
        "tired",
        "and",
        "withdrawn",
        "health",
        "visitor",
        "noted",
        "missed",
    ];
    let mut seed: u64 = 42;
    let mut next = |m: u64| {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (seed >> 33) % m
    };
    let mut out = String::from(
        "case:\n  title: Generated family\n  children: [amy, ben]\n  as-at: 2024-11-01\n\
         people:\n  - id: amy\n    name: Amy Test\n    born: 2010-06-02\n\
         \x20 - id: ben\n    name: Ben Test\n    born: 2013-02-11\n  - id: mum\n    name: Mum Test\n\
         households:\n  - name: Mother's home\n    members: [mum, amy, ben]\n\
         periods:\n  - kind: child-protection-plan\n    detail: neglect\n    from: 2015-05-01\n    to: 2017-01-01\n\
         entries:\n",
    );
    for i in 0..n {
        let year = 2010 + next(15);
        let month = 1 + next(12);
        let day = 1 + next(28);
        let date = if next(7) == 0 {
            format!("{year}-{month:02}")
        } else {
            format!("{year}-{month:02}-{day:02}")
        };
        let length = 6 + next(12) as usize;
        let mut event: Vec<&str> = (0..length).map(|_| WORDS[next(24) as usize]).collect();
        event[0] = "Recorded";
        out.push_str(&format!(
            "  - number: {}\n    date: {date}\n    event: {}.\n    category: {}\n    source: Agency record\n    significance: {}\n",
            i + 1,
            event.join(" "),
            CATEGORIES[next(10) as usize],
            ["high", "medium", "low"][next(3) as usize]
        ));
        if next(20) == 0 {
            out.push_str(&format!("    end: {}-12-31\n", year.min(2023) + 1));
        }
        if next(3) == 0 {
            out.push_str("    impact: The child was upset.\n    valence: negative\n");
        }
    }
    out
}

fn whole_command(c: &mut Criterion) {
    let mut group = c.benchmark_group("timeline: read, check, lay out, write SVG");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(8));
    for n in [1_000usize, 10_000, 100_000] {
        let file = case_file(n);
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &file, |b, file| {
            b.iter(|| {
                let loaded = genochron::load("generated.yaml", black_box(file.as_bytes()));
                let case = loaded.case.expect("the generated case has no problems");
                let scene = timeline(&case, &TimelineOptions::default());
                genochron::render::svg::scene(&scene).len()
            })
        });
    }
    group.finish();
}

fn layout_only(c: &mut Criterion) {
    let mut group = c.benchmark_group("timeline: lay out only");
    group
        .sample_size(10)
        .measurement_time(Duration::from_secs(6));
    for n in [1_000usize, 10_000, 100_000] {
        let case = genochron::load("generated.yaml", case_file(n).as_bytes())
            .case
            .expect("the generated case has no problems");
        group.throughput(Throughput::Elements(n as u64));
        group.bench_with_input(BenchmarkId::from_parameter(n), &case, |b, case| {
            b.iter(|| {
                timeline(black_box(case), &TimelineOptions::default())
                    .items
                    .len()
            })
        });
    }
    group.finish();
}

criterion_group!(benches, whole_command, layout_only);
criterion_main!(benches);
