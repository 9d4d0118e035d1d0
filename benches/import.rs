//! How long importing a GEDCOM family tree takes, at the scale the import issue names
//! (5,000 people), from the bytes to a checked case.
//!
//! `cargo bench --bench import`. The tree is generated here without randomness, so every
//! run measures the same input.

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use genochron::input::gedcom;
use genochron::layout::genogram::{GenogramOptions, genogram};
use genochron::{Source, check};
use std::fmt::Write;

/// A GEDCOM 5.5.1 tree of about `people` people over several generations: couples with three
/// children each, the children partnered across families, with the places, sources, notes and
/// record-keeping lines real exports carry.
pub fn tree(people: usize) -> String {
    let mut text = String::from(
        "0 HEAD\n1 SOUR generated\n1 GEDC\n2 VERS 5.5.1\n2 FORM LINEAGE-LINKED\n1 CHAR UTF-8\n1 DATE 1 NOV 2024\n",
    );
    let mut individuals = String::new();
    let mut families = String::new();
    let next_person = std::cell::Cell::new(0usize);
    let mut next_family = 0usize;
    let person = |individuals: &mut String, sex: char, born: i32, famc: Option<usize>| {
        next_person.set(next_person.get() + 1);
        let i = next_person.get();
        let _ = write!(
            individuals,
            "0 @I{i}@ INDI\n1 NAME Person{} /Family{}/\n2 GIVN Person{}\n2 SURN Family{}\n1 SEX {sex}\n\
             1 BIRT\n2 DATE {} {} {born}\n2 PLAC Town {}, County\n2 SOUR @S1@\n",
            i % 97,
            i % 89,
            i % 97,
            i % 89,
            1 + i % 28,
            [
                "JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"
            ][i % 12],
            i % 50
        );
        if born < 1940 {
            let _ = write!(
                individuals,
                "1 DEAT\n2 DATE ABT {}\n",
                born + 60 + (i % 20) as i32
            );
        }
        if i.is_multiple_of(7) {
            let _ = write!(
                individuals,
                "1 NOTE Worked on the farm and later\n2 CONT in the mill.\n1 OCCU Miller\n"
            );
        }
        if let Some(f) = famc {
            let _ = writeln!(individuals, "1 FAMC @F{f}@");
        }
        let _ = write!(individuals, "1 CHAN\n2 DATE 1 JAN 2020\n");
        i
    };
    // The founding couples.
    let mut couples: Vec<(usize, usize, i32)> = (0..people / 25)
        .map(|_| {
            let husband = person(&mut individuals, 'M', 1850, None);
            let wife = person(&mut individuals, 'F', 1852, None);
            (husband, wife, 1850)
        })
        .collect();
    while next_person.get() < people {
        let mut children: Vec<(usize, char, i32)> = Vec::new();
        for &(husband, wife, born) in &couples {
            next_family += 1;
            let f = next_family;
            let _ = write!(
                families,
                "0 @F{f}@ FAM\n1 HUSB @I{husband}@\n1 WIFE @I{wife}@\n1 MARR\n2 DATE {}\n",
                born + 22
            );
            for k in 0..3 {
                if next_person.get() >= people {
                    break;
                }
                let sex = if k % 2 == 0 { 'M' } else { 'F' };
                let child_born = born + 24 + 2 * k;
                let c = person(&mut individuals, sex, child_born, Some(f));
                let _ = writeln!(families, "1 CHIL @I{c}@");
                children.push((c, sex, child_born));
            }
        }
        let sons: Vec<&(usize, char, i32)> = children.iter().filter(|c| c.1 == 'M').collect();
        let daughters: Vec<&(usize, char, i32)> = children.iter().filter(|c| c.1 == 'F').collect();
        // Each son with a daughter of a later family: cousins never, siblings never.
        couples = sons
            .iter()
            .zip(daughters.iter().cycle().skip(1))
            .map(|(s, d)| (s.0, d.0, s.2))
            .collect();
        if couples.is_empty() {
            break;
        }
    }
    text.push_str(&individuals);
    text.push_str(&families);
    text.push_str("0 @S1@ SOUR\n1 TITL Parish registers\n0 TRLR\n");
    text
}

fn import(c: &mut Criterion) {
    let mut group = c.benchmark_group("import");
    group.sample_size(10);
    let source = Source {
        name: "generated.ged".into(),
        hash: "000000".into(),
    };
    for people in [1_000, 5_000, 20_000] {
        let text = tree(people);
        // Measure only a tree that imports and checks cleanly, with every person in it.
        let (file, _) = gedcom::read(text.as_bytes());
        let file = file.expect("the generated tree imports");
        assert_eq!(file.people.len(), people);
        let (case, diagnostics) = check(&file, &source);
        assert!(
            case.is_some(),
            "{:?}",
            diagnostics.iter().find(|d| d.is_problem())
        );
        group.bench_with_input(BenchmarkId::new("gedcom", people), &text, |b, text| {
            b.iter(|| gedcom::read(text.as_bytes()))
        });
        group.bench_with_input(
            BenchmarkId::new("gedcom+check", people),
            &text,
            |b, text| {
                b.iter(|| {
                    let (file, _) = gedcom::read(text.as_bytes());
                    check(&file.expect("imports"), &source)
                })
            },
        );
        if people > 5_000 {
            // The measure is import and genogram of 5,000 people.
            continue;
        }
        group.bench_with_input(
            BenchmarkId::new("gedcom+check+genogram", people),
            &text,
            |b, text| {
                b.iter(|| {
                    let (file, _) = gedcom::read(text.as_bytes());
                    let (case, _) = check(&file.expect("imports"), &source);
                    genogram(&case.expect("checks"), &GenogramOptions::default())
                })
            },
        );
    }
    group.finish();
}

criterion_group!(benches, import);
criterion_main!(benches);
