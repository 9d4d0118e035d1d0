//! Imported family trees drawn as genograms keep the genogram's promises: everyone drawn
//! once, nothing overlapping, siblings in birth order, a legend that matches, sound SVG.

#[path = "genogram_checks/mod.rs"]
mod genogram_checks;
mod support;

use genochron::layout::genogram::{Focus, GenogramOptions, genogram};
use genochron::layout::scene::ItemKind;
use genochron::model::{Case, PersonId};
use std::path::{Path, PathBuf};

fn load(name: &str, bytes: &[u8]) -> Case {
    let loaded = genochron::load(name, bytes);
    loaded
        .case
        .unwrap_or_else(|| panic!("{name}: {:#?}", loaded.diagnostics))
}

/// The GEDCOM samples and the maintainers' test suite, kept in the repository (with their
/// licences) so that every test runs from a fresh clone.
fn gedcom_data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/gedcom")
}

fn assert_promises(name: &str, case: &Case, options: &GenogramOptions) {
    let scene = genogram(case, options);
    let svg = genochron::render::svg::scene(&scene);
    roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name}: SVG does not parse: {e}"));
    let broken = genogram_checks::broken_promises(case, &scene, &svg);
    assert!(broken.is_empty(), "{name}: {broken:#?}");
}

/// The promises of a drawing of part of the family: nobody twice, no overlaps, a matching
/// legend, sound SVG, and the people left out counted in the title block.
fn assert_focused_promises(name: &str, case: &Case, options: &GenogramOptions) {
    let scene = genogram(case, options);
    let svg = genochron::render::svg::scene(&scene);
    roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{name}: SVG does not parse: {e}"));
    let mut broken = genogram_checks::overlaps(&scene);
    broken.extend(genogram_checks::legend_matches(&scene));
    let mut drawn = std::collections::BTreeSet::new();
    for item in scene.items.iter().filter(|i| i.kind == ItemKind::Person) {
        if !drawn.insert(item.id.clone()) {
            broken.push(format!("{} drawn twice", item.id));
        }
    }
    assert!(broken.is_empty(), "{name}: {broken:#?}");
    let left_out = case.people.len() - drawn.len();
    assert!(
        left_out == 0 || svg.contains(&format!("{left_out} people not shown")),
        "{name}: the {left_out} people left out are not counted"
    );
}

fn focus(person: &str) -> GenogramOptions {
    GenogramOptions {
        focus: Some(Focus {
            person: PersonId(person.to_string()),
            up: 2,
            down: 2,
        }),
        ..GenogramOptions::default()
    }
}

#[test]
fn fixtures_draw_with_every_promise_kept() {
    for name in ["bronte.ged", "okafor-blended-family.ged"] {
        let path = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("fixtures/gedcom")
            .join(name);
        let case = load(name, &std::fs::read(path).unwrap());
        assert_promises(name, &case, &GenogramOptions::default());
    }
}

#[test]
fn real_family_trees_draw_whole_and_around_a_person() {
    let shared = gedcom_data();
    for (name, person) in [
        ("bronte.ged", "charlotte-bronte"),
        ("shakespeare.ged", "william-shakespeare"),
        ("kennedy.ged", "john-fitzgerald-kennedy"),
        ("washington.ged", "george-washington"),
    ] {
        let bytes = std::fs::read(shared.join("samples").join(name)).unwrap();
        let case = load(name, &bytes);
        assert_promises(name, &case, &GenogramOptions::default());
        assert!(
            case.person(&PersonId(person.to_string())).is_some(),
            "{name}: {person}"
        );
        assert_focused_promises(&format!("{name} around {person}"), &case, &focus(person));
    }
}
