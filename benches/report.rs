//! How long the court documents take for the example case: redaction, both layouts and every
//! output format.
//!
//! `cargo bench --bench report`. The budget is under one second for all formats
//! together; see BENCHMARKS.md for measured numbers.

use criterion::{Criterion, criterion_group, criterion_main};
use genochron::layout::{genogram, timeline};
use genochron::render::{html, pdf, png};
use std::path::Path;

fn example() -> genochron::model::Case {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/mensah-family.yaml");
    genochron::load_file(&path)
        .expect("the example reads")
        .case
        .expect("the example checks")
}

fn report(c: &mut Criterion) {
    let case = example();
    let mut group = c.benchmark_group("report");
    group.sample_size(10);
    group.bench_function("redact-family", |b| {
        b.iter(|| genochron::redact::for_audience(&case, "family").unwrap())
    });
    let whole = genochron::redact::full(&case);
    let g = genogram::genogram(&whole, &genogram::GenogramOptions::default());
    let t = timeline::timeline(&whole, &timeline::TimelineOptions::default());
    group.bench_function("pdf", |b| {
        b.iter(|| pdf::report(&whole, &g, &t, &pdf::Options::default()).unwrap())
    });
    group.bench_function("html", |b| {
        b.iter(|| html::report(&whole, &g, &t, &html::Options::default()))
    });
    group.bench_function("png-genogram-150dpi", |b| {
        b.iter(|| png::png(&g, 150).unwrap())
    });
    group.bench_function("png-timeline-150dpi", |b| {
        b.iter(|| png::png(&t, 150).unwrap())
    });
    group.bench_function("all-formats-from-case", |b| {
        b.iter(|| {
            let case = genochron::redact::for_audience(&case, "family").unwrap();
            let g = genogram::genogram(&case, &genogram::GenogramOptions::default());
            let t = timeline::timeline(&case, &timeline::TimelineOptions::default());
            let _ = pdf::report(&case, &g, &t, &pdf::Options::default()).unwrap();
            let _ = html::report(&case, &g, &t, &html::Options::default());
            let _ = png::png(&g, 150).unwrap();
            let _ = png::png(&t, 150).unwrap();
        })
    });
    group.finish();
}

criterion_group!(benches, report);
criterion_main!(benches);
