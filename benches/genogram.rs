//! How long the whole genogram command takes (read, check, lay out, write SVG) on generated
//! families of 1,000 and 10,000 people, and a one-off report that also times 100,000 people
//! and Graphviz `dot` on the same families (when `dot` is installed), with crossings and
//! couples side by side counted the same way for both.
//!
//! Both the bundled generator's usual families and families of the harder shape of large
//! published trees (`generate::Mix::HARD`) are timed.
//!
//! `cargo bench --bench genogram`. Set `GENOCHRON_BENCH_DOT=10000` to also run `dot` at
//! 10,000 people (it takes minutes).

use criterion::{Criterion, criterion_group, criterion_main};
use genochron::layout::genogram::generate;
use genochron::layout::genogram::{GenogramOptions, genogram};
use genochron::layout::scene::{ItemKind, Scene};
use std::collections::BTreeMap;
use std::hint::black_box;
use std::time::{Duration, Instant};

/// The whole command on a case file's bytes: what `genochron genogram` does between reading
/// the file and writing the SVG.
fn command(yaml: &[u8]) -> String {
    let loaded = genochron::load("family.yaml", yaml);
    let case = loaded.case.expect("a generated family has no problems");
    let scene = genogram(&case, &GenogramOptions::default());
    genochron::render::svg::scene(&scene)
}

/// Where each person's symbol is centred, by id.
type Centres = BTreeMap<String, (f64, f64)>;
/// Drawn lines, each a polyline.
type Lines = Vec<Vec<(f64, f64)>>;

fn centres(scene: &Scene) -> Centres {
    scene
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Person)
        .map(|i| {
            (
                i.people[0].clone(),
                (
                    i.bbox.x + i.bbox.width / 2.0,
                    i.bbox.y + i.bbox.height / 2.0,
                ),
            )
        })
        .collect()
}

/// The family lines of our drawing: child links (and partnerships, `with_partners`) as
/// drawn.
fn our_lines(scene: &Scene, with_partners: bool) -> Lines {
    scene
        .items
        .iter()
        .filter(|i| {
            i.kind == ItemKind::ChildLink || (with_partners && i.kind == ItemKind::Partnership)
        })
        .filter(|i| !i.classes.iter().any(|c| c == "other-parent"))
        .filter_map(|i| i.points.as_ref())
        .map(|points| points.iter().map(|p| (p.x, p.y)).collect())
        .collect()
}

/// Runs `dot -Tplain` and reads back where it put each person and the edges it drew (as
/// their control polygons).
fn graphviz(dot: &str) -> Option<(Duration, Centres, Lines, Lines)> {
    use std::io::Write;
    let start = Instant::now();
    let mut child = std::process::Command::new("dot")
        .arg("-Tplain")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(dot.as_bytes()).ok()?;
    let output = child.wait_with_output().ok()?;
    let elapsed = start.elapsed();
    let text = String::from_utf8_lossy(&output.stdout);
    let mut centres = BTreeMap::new();
    let mut edges = Vec::new();
    let mut child_edges = Vec::new();
    for line in text.lines() {
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.first() == Some(&"edge") && parts.len() > 4 {
            let n: usize = parts[3].parse().ok()?;
            let mut points = Vec::with_capacity(n);
            for k in 0..n {
                let x: f64 = parts.get(4 + 2 * k)?.parse().ok()?;
                let y: f64 = parts.get(5 + 2 * k)?.parse().ok()?;
                points.push((x, -y));
            }
            // Partner edges are drawn without arrow heads ("dir=none" is not in the plain
            // output, but their style is the same); tell them apart by rank: a child edge
            // goes down.
            let goes_down = points
                .first()
                .zip(points.last())
                .is_some_and(|(a, b)| b.1 > a.1 + 1.0);
            if goes_down {
                child_edges.push(points.clone());
            }
            edges.push(points);
        }
        let parts: Vec<&str> = line.split_whitespace().collect();
        if parts.first() == Some(&"node") && parts.len() > 3 {
            let name = parts[1].trim_matches('"').to_string();
            let x: f64 = parts[2].parse().ok()?;
            // dot's y grows upwards.
            let y: f64 = -parts[3].parse::<f64>().ok()?;
            centres.insert(name, (x, y));
        }
    }
    Some((elapsed, centres, edges, child_edges))
}

fn report() {
    let dot_large: usize = std::env::var("GENOCHRON_BENCH_DOT")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1000);
    let dir = std::path::PathBuf::from(env!("CARGO_TARGET_TMPDIR"));
    println!(
        "\npeople | genochron (whole command) | dot -Tplain | dot / ours | all lines crossing as drawn, ours / dot | child lines only, ours / dot | straight parent-child crossings, ours / dot | couples side by side, ours / dot"
    );
    for (shape, size) in [
        ("", 1_000usize),
        ("", 10_000),
        ("", 100_000),
        ("hard ", 1_000),
        ("hard ", 10_000),
    ] {
        let case = family(shape, size);
        println!("{shape}{size}: {:?}", generate::shape(&case));
        let yaml = generate::to_yaml(&case);
        let path = dir.join(format!("family-{}{size}.yaml", shape.replace(' ', "-")));
        let _ = std::fs::write(&path, &yaml);
        let _ = std::fs::write(path.with_extension("dot"), generate::to_dot(&case));
        let start = Instant::now();
        let svg = command(yaml.as_bytes());
        let ours = start.elapsed();
        black_box(svg);
        let scene = genogram(&case, &GenogramOptions::default());
        let ours_centres = centres(&scene);
        let ours_crossings = generate::straight_crossings(&case, &ours_centres);
        let ours_couples = generate::couples_side_by_side(&case, &ours_centres);
        let ours_drawn = generate::polyline_crossings(&our_lines(&scene, true));
        let ours_child = generate::polyline_crossings(&our_lines(&scene, false));
        let couples = case.partnerships.len();
        let theirs = if size <= dot_large {
            graphviz(&generate::to_dot(&case))
        } else {
            None
        };
        match theirs {
            Some((time, centres, edges, child_edges)) => {
                let crossings = generate::straight_crossings(&case, &centres);
                let side = generate::couples_side_by_side(&case, &centres);
                let drawn = generate::polyline_crossings(&edges);
                let child = generate::polyline_crossings(&child_edges);
                println!(
                    "{size} | {:.3} s | {:.3} s | {:.1}x | {ours_drawn} / {drawn} | {ours_child} / {child} | {ours_crossings} / {crossings} | {ours_couples} / {side} of {couples}",
                    ours.as_secs_f64(),
                    time.as_secs_f64(),
                    time.as_secs_f64() / ours.as_secs_f64()
                );
            }
            None => println!(
                "{size} | {:.3} s | not run | | {ours_drawn} / - | {ours_child} / - | {ours_crossings} / - | {ours_couples} / - of {couples}",
                ours.as_secs_f64()
            ),
        }
        println!(
            "    (layout metrics: crossings drawn {}, couples adjacent {} of {}; case file {})",
            scene.metrics["crossings"],
            scene.metrics["couples_adjacent"],
            scene.metrics["couples"],
            path.display()
        );
    }
}

/// The published GEDCOM samples against `dot` on the same graph: crossings as drawn and on
/// straight parent-to-child segments, and couples kept together, on each family.
fn gedcom_report() {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures/gedcom/samples");
    let mut paths: Vec<_> = std::fs::read_dir(&dir)
        .map(|d| d.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    paths.retain(|p: &std::path::PathBuf| p.extension().is_some_and(|e| e == "ged"));
    paths.sort();
    println!(
        "\nfamily | people | couples | on one row | side by side (dot) | lines crossing as drawn, ours / dot | straight parent-child crossings, ours / dot"
    );
    for path in paths {
        let bytes = std::fs::read(&path).unwrap_or_default();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let Some(case) = genochron::load(&name, &bytes).case else {
            continue;
        };
        let scene = genogram(&case, &GenogramOptions::default());
        let ours = centres(&scene);
        let m = |k: &str| scene.metrics.get(k).copied().unwrap_or(0.0);
        let theirs = graphviz(&generate::to_dot(&case));
        let (dot_drawn, dot_straight, dot_side) = match &theirs {
            Some((_, centres, edges, _)) => (
                generate::polyline_crossings(edges).to_string(),
                generate::straight_crossings(&case, centres).to_string(),
                generate::couples_side_by_side(&case, centres).to_string(),
            ),
            None => ("-".into(), "-".into(), "-".into()),
        };
        println!(
            "{name} | {} | {} | {} | {} ({dot_side}) | {} / {dot_drawn} | {} / {dot_straight}",
            case.people.len(),
            m("couples"),
            m("couples_on_one_row"),
            m("couples_adjacent"),
            m("crossings"),
            generate::straight_crossings(&case, &ours),
        );
    }
}

/// A generated family: the bundled generator's usual shape, or (`"hard "`) the shape of
/// large published trees (`Mix::HARD`: eight generations, many partnerships, cousins).
fn family(shape: &str, size: usize) -> genochron::model::Case {
    if shape.is_empty() {
        generate::family(size, 42)
    } else {
        generate::family_with(size, 42, generate::Mix::HARD)
    }
}

fn bench(c: &mut Criterion) {
    gedcom_report();
    report();
    let mut group = c.benchmark_group("genogram command");
    group.sample_size(10);
    for (shape, size) in [
        ("", 1_000usize),
        ("", 10_000),
        ("hard ", 1_000),
        ("hard ", 10_000),
    ] {
        let yaml = generate::to_yaml(&family(shape, size));
        group.bench_function(format!("{shape}{size} people"), |b| {
            b.iter(|| command(black_box(yaml.as_bytes())))
        });
    }
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
