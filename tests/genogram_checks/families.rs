//! Every family the geometry promises are checked on: the golden cases, the bundled
//! examples, the GEDCOM fixtures and published samples, and generated families.
//!
//! Generated families use a fresh random seed on every run, except under CI, which fixes
//! it (`PROPTEST_RNG_SEED` in `.ci/run`, as for the property tests); `GEN_SEED=..` replays a
//! local run (its first seed is printed), and a failure names each family's size and seed for
//! `GEN_SIZE=.. GEN_SEED=.. cargo test --test genogram_properties draw_one -- --ignored`.

use genochron::layout::genogram::generate::{self, Mix};
use genochron::layout::genogram::{GenogramOptions, genogram};
use genochron::model::Case;
use std::path::{Path, PathBuf};

use super::geometry;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn load(path: &Path) -> Option<Case> {
    let bytes = std::fs::read(path).ok()?;
    let name = path.file_name()?.to_string_lossy().into_owned();
    genochron::load(&name, &bytes).case
}

fn files(dir: &Path, extension: &str) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == extension))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// A family to draw, with the options to draw it with.
pub struct Family {
    pub name: String,
    pub case: Case,
    pub options: GenogramOptions,
}

pub fn golden() -> Vec<Family> {
    let mut dirs: Vec<PathBuf> = std::fs::read_dir(root().join("tests/cases/genogram"))
        .expect("the golden cases")
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("case.yaml").exists())
        .collect();
    dirs.sort();
    let out: Vec<Family> = dirs
        .iter()
        .map(|dir| {
            let case = load(&dir.join("case.yaml")).expect("a golden case loads");
            Family {
                name: dir.file_name().unwrap().to_string_lossy().into_owned(),
                options: crate::support::genogram_options(dir, &case),
                case,
            }
        })
        .collect();
    assert!(out.len() >= 20, "only {} golden cases", out.len());
    out
}

pub fn examples() -> Vec<Family> {
    let out: Vec<Family> = files(&root().join("examples"), "yaml")
        .iter()
        .map(|path| Family {
            name: path.file_name().unwrap().to_string_lossy().into_owned(),
            case: load(path).expect("an example loads"),
            options: GenogramOptions::default(),
        })
        .collect();
    assert!(out.len() >= 2, "the bundled examples are missing");
    out
}

/// GEDCOM files in the fixtures, and the published samples beside the project when they are
/// there. Fixtures that test the reader with files holding no family draw nothing.
pub fn gedcom() -> Vec<Family> {
    let mut paths = files(&root().join("fixtures/gedcom"), "ged");
    for dir in [
        root().join("../shared/data/gedcom/samples"),
        PathBuf::from("/work/shared/data/gedcom/samples"),
    ] {
        if dir.is_dir() {
            paths.extend(files(&dir, "ged"));
            break;
        }
    }
    let out: Vec<Family> = paths
        .iter()
        .filter_map(|path| {
            let case = load(path)?;
            (!case.people.is_empty()).then(|| Family {
                name: path.file_name().unwrap().to_string_lossy().into_owned(),
                case,
                options: GenogramOptions::default(),
            })
        })
        .collect();
    assert!(out.len() >= 2, "only {} GEDCOM families", out.len());
    out
}

/// A fixed seed under CI, so a red build can be replayed; a fresh one everywhere else, so
/// every local run tries new families.
pub fn seed() -> u64 {
    for name in ["GEN_SEED", "PROPTEST_RNG_SEED"] {
        if let Some(seed) = std::env::var(name).ok().and_then(|v| v.parse().ok()) {
            return seed;
        }
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        return 0x67e0_c4e0;
    }
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
}

/// A cheap, well-mixed sequence from one seed (splitmix64).
fn next(state: &mut u64) -> u64 {
    *state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
    let mut z = *state;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// `count` generated families of up to `max_size` people.
pub fn generated(mix: Mix, label: &str, count: usize, max_size: u64) -> Vec<Family> {
    let state = seed();
    println!("{label}: GEN_SEED={state}");
    generated_from(state, mix, label, count, max_size)
}

/// The families `generated` makes from one seed (`GEN_SEED`), to pin a run once reported.
pub fn generated_from(
    mut state: u64,
    mix: Mix,
    label: &str,
    count: usize,
    max_size: u64,
) -> Vec<Family> {
    (0..count)
        .map(|_| {
            let size = 2 + (next(&mut state) % max_size) as usize;
            let seed = next(&mut state);
            Family {
                name: format!("{label} size {size} seed {seed}"),
                case: generate::family_with(size, seed, mix),
                options: GenogramOptions::default(),
            }
        })
        .collect()
}

/// Which promises a test holds the drawings to.
#[derive(Clone, Copy)]
pub enum Promises {
    /// Children's lines, shared paths, lines through people (`geometry::broken_lines`).
    Lines,
    /// Lines on the sheet and a truthful key (`geometry::broken_sheet`).
    Sheet,
}

/// Draws every family and fails with every broken promise, named by family (at most six
/// per family, so one bad family does not bury the rest).
pub fn assert_kept(families: Vec<Family>, promises: Promises) {
    let mut failures = Vec::new();
    for f in &families {
        let scene = genogram(&f.case, &f.options);
        let json = scene.to_json();
        let found = match promises {
            Promises::Lines => geometry::broken_lines(&f.case, &json),
            Promises::Sheet => {
                geometry::broken_sheet(&json, &genochron::render::svg::scene(&scene))
            }
        };
        failures.extend(
            found
                .into_iter()
                .take(6)
                .map(|b| format!("{}: {b}", f.name)),
        );
    }
    assert!(
        failures.is_empty(),
        "{} broken:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
