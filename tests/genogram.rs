//! The genogram's promises on particular family situations: the golden cases under
//! `tests/cases/genogram/`, drawn with their `args.txt`, read here for what each one is
//! there to show. Each case's expected files, and the promises in `genogram_checks` that
//! every genogram keeps, are checked by its trial in `tests/golden_cases.rs`.

mod support;
use support::*;

mod genogram_checks;

use genochron::layout::genogram::{DeceasedStyle, Focus, GenogramOptions, genogram};
use genochron::layout::scene::{ItemKind, Scene};
use genochron::model::{Case, PersonId};
use std::path::{Path, PathBuf};

fn cases() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/genogram")
}

fn load(path: &Path) -> Case {
    let bytes = std::fs::read(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    let loaded = genochron::load(&name, &bytes);
    loaded
        .case
        .unwrap_or_else(|| panic!("{}: {:?}", path.display(), loaded.diagnostics))
}

fn case(name: &str) -> Case {
    load(&cases().join(name).join("case.yaml"))
}

fn draw(name: &str) -> (Case, Scene, String) {
    let dir = cases().join(name);
    let case = load(&dir.join("case.yaml"));
    let scene = genogram(&case, &genogram_options(&dir, &case));
    let svg = genochron::render::svg::scene(&scene);
    (case, scene, svg)
}

fn item<'a>(scene: &'a Scene, id: &str) -> &'a genochron::layout::scene::Item {
    scene
        .items
        .iter()
        .find(|i| i.id == id)
        .unwrap_or_else(|| panic!("no item {id}"))
}

fn x_of(scene: &Scene, person: &str) -> f64 {
    let b = item(scene, &format!("person-{person}")).bbox;
    b.x + b.width / 2.0
}

fn y_of(scene: &Scene, person: &str) -> f64 {
    let b = item(scene, &format!("person-{person}")).bbox;
    b.y + b.height / 2.0
}

fn has_class(scene: &Scene, id: &str, class: &str) -> bool {
    item(scene, id).classes.iter().any(|c| c == class)
}

/// A child's own line starts on its sibship's bar, inside the bar's span.
fn hangs_from(scene: &Scene, child: &str, sibship: &str) -> bool {
    let own = item(scene, &format!("child-link-{child}"));
    let bar = item(scene, &format!("child-link-{sibship}"));
    let start = own.points.as_ref().unwrap()[0];
    let bar_y = bar.points.as_ref().unwrap().last().unwrap().y;
    (start.y - bar_y).abs() < 0.01
        && start.x >= bar.bbox.x - 0.01
        && start.x <= bar.bbox.x + bar.bbox.width + 0.01
}

#[test]
fn half_siblings_hang_from_their_own_parents_partnership() {
    let (_, scene, _) = draw("half-siblings");
    for child in ["ava", "cara"] {
        assert!(hangs_from(&scene, child, "lisa--mark"), "{child}");
        assert!(!hangs_from(&scene, child, "lisa--paul"), "{child}");
    }
    for child in ["dan", "eve"] {
        assert!(hangs_from(&scene, child, "lisa--paul"), "{child}");
    }
    // Lisa sits between her two partners.
    let (m, l, p) = (
        x_of(&scene, "mark"),
        x_of(&scene, "lisa"),
        x_of(&scene, "paul"),
    );
    assert!((m < l && l < p) || (p < l && l < m));
    assert_eq!(scene.metrics["crossings"], 0.0);
}

#[test]
fn a_person_with_three_partners_has_the_latest_nearest_and_the_earliest_furthest_out() {
    let (_, scene, _) = draw("three-partners");
    let gail = x_of(&scene, "gail");
    let d = |p: &str| (x_of(&scene, p) - gail).abs();
    assert!(d("p3") < d("p1") && d("p2") < d("p1"));
    assert!((x_of(&scene, "p2") - gail).signum() != (x_of(&scene, "p3") - gail).signum());
    assert!(hangs_from(&scene, "a", "gail--p1"));
    assert!(hangs_from(&scene, "b", "gail--p2"));
    assert!(hangs_from(&scene, "zoe", "gail--p3"));
}

#[test]
fn cousins_who_partner_get_a_double_line_without_declaring_it() {
    let (_, scene, _) = draw("cousins-partnering");
    assert!(has_class(&scene, "partnership-c1--c2", "blood-relatives"));
    assert!(!has_class(&scene, "partnership-s1--s1p", "blood-relatives"));
    assert!(hangs_from(&scene, "kit", "c1--c2"));
}

#[test]
fn a_man_with_children_by_two_sisters_sits_between_them() {
    let (_, scene, _) = draw("children-by-two-sisters");
    let (a, m, b) = (
        x_of(&scene, "sis1"),
        x_of(&scene, "man"),
        x_of(&scene, "sis2"),
    );
    assert!((a < m && m < b) || (b < m && m < a));
    assert!(hangs_from(&scene, "nat", "man--sis1"));
    assert!(hangs_from(&scene, "ola", "man--sis2"));
}

#[test]
fn partners_from_different_generations_share_a_row_and_their_child_is_below() {
    let (_, scene, _) = draw("partners-from-different-generations");
    assert!((y_of(&scene, "mo") - y_of(&scene, "jade")).abs() < 0.5);
    assert!(y_of(&scene, "finn") > y_of(&scene, "mo"));
    assert!(y_of(&scene, "tina") < y_of(&scene, "jade"));
    assert!(hangs_from(&scene, "finn", "mo--jade"));
}

#[test]
fn twins_share_a_point_and_show_their_zygosity() {
    let (_, scene, svg) = draw("twins-identical-fraternal-unknown");
    assert!(has_class(&scene, "child-link-twins-t1", "identical"));
    assert!(has_class(&scene, "child-link-twins-t3", "fraternal"));
    assert!(has_class(&scene, "child-link-twins-t5", "unknown"));
    for (a, b) in [("t1", "t2"), ("t3", "t4"), ("t5", "t6")] {
        let pa = item(&scene, &format!("child-link-{a}"))
            .points
            .as_ref()
            .unwrap()[0];
        let pb = item(&scene, &format!("child-link-{b}"))
            .points
            .as_ref()
            .unwrap()[0];
        assert_eq!(pa, pb, "{a} and {b} leave the bar at one point");
    }
    let older = item(&scene, "child-link-older").points.as_ref().unwrap()[0];
    assert!(older.x < item(&scene, "child-link-t1").points.as_ref().unwrap()[0].x);
    assert!(svg.contains(">?</tspan>"));
}

#[test]
fn adoption_is_dashed_with_brackets() {
    let (_, scene, _) = draw("adoption-with-brackets");
    assert!(has_class(&scene, "person-leo", "adopted"));
    assert!(has_class(&scene, "child-link-leo", "adopted"));
    assert!(!has_class(&scene, "person-bio", "adopted"));
    let leo = item(&scene, "person-leo").bbox;
    assert!(leo.width > leo.height, "brackets widen the symbol");
}

#[test]
fn foster_kinship_and_special_guardianship_links_each_have_their_own_line() {
    let (_, scene, _) = draw("foster-kinship-special-guardianship");
    // Ivy's foster carers are a couple: one line from the middle of their partnership line.
    assert!(has_class(&scene, "child-link-ivy-other-1", "foster"));
    let foster = item(&scene, "child-link-ivy-other-1");
    assert_eq!(foster.people, vec!["ivy", "fc1", "fc2"]);
    assert!(scene.items.iter().all(|i| i.id != "child-link-ivy-other-2"));
    let start = foster.points.as_ref().unwrap()[0];
    let between = (x_of(&scene, "fc1") + x_of(&scene, "fc2")) / 2.0;
    assert!((start.x - between).abs() < 1.0 && (start.y - y_of(&scene, "fc1")).abs() < 1.0);
    assert!(has_class(&scene, "child-link-jay-other-1", "kinship-care"));
    assert!(has_class(
        &scene,
        "child-link-kai-other-1",
        "special-guardianship"
    ));
    assert!(has_class(&scene, "child-link-step", "step"));
    // Each other-parent line joins the two people it names.
    let link = item(&scene, "child-link-jay-other-1");
    assert_eq!(link.people, vec!["jay".to_string(), "nan".to_string()]);
}

#[test]
fn pregnancy_and_losses_have_their_own_symbols() {
    let (_, scene, svg) = draw("pregnancy-and-losses");
    assert!(has_class(&scene, "person-preg", "pregnancy"));
    assert!(has_class(&scene, "person-m1", "miscarriage"));
    assert!(has_class(&scene, "person-t1", "termination"));
    assert!(has_class(&scene, "person-sb", "stillbirth"));
    assert!(svg.contains("due 1 Mar 2025"));
    assert!(svg.contains("SB 9 Sep 2020"));
    // Losses and the pregnancy stand in birth order with the living child.
    assert!(x_of(&scene, "m1") < x_of(&scene, "una"));
    assert!(x_of(&scene, "una") < x_of(&scene, "t1"));
    assert!(x_of(&scene, "sb") < x_of(&scene, "preg"));
}

#[test]
fn a_group_shows_its_number_and_an_unknown_father_a_question_mark() {
    let (_, scene, svg) = draw("group-of-people");
    assert!(has_class(&scene, "person-sibs", "group"));
    assert!(svg.contains(">3</tspan>"));
    let (_, scene, svg) = draw("unknown-father");
    assert!(has_class(&scene, "person-father", "unknown"));
    assert!(svg.contains(">?</tspan>"));
    assert!(hangs_from(&scene, "pia", "mum--father"));
}

#[test]
fn the_deceased_are_crossed_with_their_age_at_death() {
    let (_, scene, svg) = draw("deceased-with-age");
    assert!(has_class(&scene, "person-mum", "deceased"));
    assert!(has_class(&scene, "person-gran", "deceased"));
    assert!(!has_class(&scene, "person-dad", "deceased"));
    // Born 3 Mar 1982, died 7 Jul 2021: 39 at death, not her age today.
    let mum = item(&scene, "person-mum");
    assert!(mum.title.as_deref().unwrap().contains("age 39"));
    assert!(svg.contains(">39</tspan>"));
    // The slash style, as an option.
    let options = GenogramOptions {
        deceased: DeceasedStyle::Slash,
        ..GenogramOptions::default()
    };
    let slashed = genogram(&case("deceased-with-age"), &options);
    let crossed = item(&scene, "person-mum").shapes.len();
    assert_eq!(item(&slashed, "person-mum").shapes.len() + 1, crossed);
}

#[test]
fn households_never_hold_a_non_member() {
    let (case, scene, _) = draw("households");
    let boundaries: Vec<_> = scene
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Household)
        .collect();
    assert!(boundaries.len() >= 3);
    for boundary in &boundaries {
        for person in case.people.iter() {
            let id = person.id.0.clone();
            let b = item(&scene, &format!("person-{id}")).bbox;
            let inside = boundary.bbox.overlaps(&b);
            assert_eq!(
                inside,
                boundary.people.contains(&id),
                "{} and {id}",
                boundary.id
            );
        }
    }
    // Bo lives with his grandparents, not his mother: two households as at the date.
    let bo_home: Vec<_> = boundaries
        .iter()
        .filter(|b| b.people.contains(&"bo".to_string()))
        .collect();
    assert_eq!(bo_home.len(), 1);
    assert!(
        bo_home[0]
            .title
            .as_deref()
            .unwrap()
            .contains("Grandparents")
    );
}

#[test]
fn abuse_is_drawn_with_an_arrow_to_the_person_harmed() {
    let (_, scene, _) = draw("emotional-overlay");
    let abuse = scene
        .items
        .iter()
        .find(|i| i.kind == ItemKind::Emotional && i.classes.contains(&"physical-abuse".into()))
        .expect("the physical abuse line");
    assert_eq!(abuse.people, vec!["new".to_string(), "ria".to_string()]);
    let points = abuse.points.as_ref().unwrap();
    let end = points.last().unwrap();
    let (rx, ry) = (x_of(&scene, "ria"), y_of(&scene, "ria"));
    assert!(
        (end.x - rx).hypot(end.y - ry) < 30.0,
        "the line ends at Ria"
    );
    assert!(
        abuse
            .title
            .as_deref()
            .unwrap()
            .contains("Vince Cope → Ria Holt")
    );
    // The overlay never moves the family: the same case without relationships places
    // everyone at the same spot.
    let mut plain = case("emotional-overlay");
    plain.relationships.clear();
    let without = genogram(&plain, &GenogramOptions::default());
    for person in ["ria", "sib", "mum", "dad", "gran", "new"] {
        let id = format!("person-{person}");
        assert_eq!(item(&scene, &id).bbox, item(&without, &id).bbox);
    }
}

#[test]
fn subject_children_have_a_double_outline() {
    let (_, scene, _) = draw("subject-children-double-outline");
    for s in ["a1", "a2", "a3"] {
        assert!(has_class(&scene, &format!("person-{s}"), "subject"));
    }
    assert!(!has_class(&scene, "person-a0", "subject"));
    assert!(hangs_from(&scene, "a0", "mum"));
}

#[test]
fn long_names_wrap_and_are_never_cut() {
    let (case, scene, _) = draw("long-names-wrap");
    for person in case.people.iter() {
        let label = item(&scene, &format!("label-{}", person.id));
        assert!(
            label.bbox.width <= 151.0,
            "{} is {} wide",
            label.id,
            label.bbox.width
        );
        let all = label.words().join(" ").replace("- ", "-");
        for word in person.name.split_whitespace() {
            assert!(
                all.contains(word) || all.replace(' ', "").contains(word),
                "{word} in {all}"
            );
        }
    }
}

#[test]
fn a_plain_tree_has_no_crossings_and_centres_children_under_parents() {
    let (_, scene, _) = draw("plain-tree-no-crossings");
    assert_eq!(scene.metrics["crossings"], 0.0);
    assert_eq!(scene.metrics["couples_adjacent"], scene.metrics["couples"]);
}

#[test]
fn partnership_states_are_drawn_as_at_the_date() {
    let (_, scene, svg) = draw("partnership-states");
    assert!(has_class(&scene, "partnership-a--b", "divorced"));
    assert!(has_class(&scene, "partnership-b--e", "separated"));
    assert!(has_class(&scene, "partnership-a--c", "dating"));
    assert!(has_class(&scene, "partnership-a--d", "engaged"));
    assert!(svg.contains("m. 2010  d. 2019"));
    // As at 2015: still married, and the later partnerships had not begun.
    let options = GenogramOptions {
        as_at: Some("2015-06-01".parse().unwrap()),
        ..GenogramOptions::default()
    };
    let earlier = genogram(&case("partnership-states"), &options);
    assert!(has_class(&earlier, "partnership-a--b", "married"));
    assert!(!has_class(&earlier, "partnership-a--b", "divorced"));
    assert!(!earlier.items.iter().any(|i| i.id == "partnership-a--c"));
    // Ages follow the date too.
    assert!(
        item(&earlier, "person-kid")
            .title
            .as_deref()
            .unwrap()
            .contains("age c. 0")
    );
}

#[test]
fn a_single_parent_line_comes_out_beside_the_label() {
    let (_, scene, _) = draw("single-parent");
    let line = item(&scene, "child-link-sarah");
    let sarah = item(&scene, "person-sarah").bbox;
    let label = item(&scene, "label-sarah").bbox;
    let drop = line.points.as_ref().unwrap()[1];
    assert!(drop.x > sarah.x + sarah.width && drop.x > label.x + label.width);
    assert!(hangs_from(&scene, "amy", "sarah") && hangs_from(&scene, "ben", "sarah"));
}

#[test]
fn the_title_block_and_layout_dump_have_what_a_court_copy_needs() {
    let (case, scene, svg) = draw("childless-couple");
    let title = item(&scene, "title").title.clone().unwrap();
    assert!(title.contains("TEST/G"));
    assert!(title.contains("Tom Reed"));
    assert!(title.contains("1 Nov 2024"));
    assert!(title.contains("Jo Smith"));
    assert!(title.contains(&case.details.source_hash));
    let json: serde_json::Value = serde_json::from_str(&scene.to_json()).unwrap();
    for key in ["crossings", "width", "height", "couples_adjacent"] {
        assert!(json["metrics"][key].is_number(), "{key}");
    }
    let first = &json["items"][0];
    for key in ["id", "kind", "people", "bbox"] {
        assert!(!first[key].is_null(), "{key}");
    }
    assert!(svg.contains("id=\"partnership-kate--sam\""));
}

#[test]
fn focus_draws_the_family_around_one_person_and_says_how_many_are_left_out() {
    let family = genochron::layout::genogram::generate::family(400, 7);
    let person = family.people.iter().nth(200).unwrap().id.clone();
    let options = GenogramOptions {
        focus: Some(Focus {
            person: person.clone(),
            up: 1,
            down: 1,
        }),
        ..GenogramOptions::default()
    };
    let scene = genogram(&family, &options);
    let drawn = scene
        .items
        .iter()
        .filter(|i| i.kind == ItemKind::Person)
        .count();
    assert!(drawn < 400 && drawn > 1, "{drawn}");
    assert_eq!(
        scene.metrics["people_left_out"] as usize + drawn,
        family.people.len()
    );
    assert!(
        scene
            .items
            .iter()
            .any(|i| i.id == format!("person-{person}"))
    );
}

#[test]
fn the_example_cases_keep_every_promise() {
    let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples");
    let Ok(entries) = std::fs::read_dir(&examples) else {
        return;
    };
    let mut failures = Vec::new();
    for entry in entries {
        let path = entry.unwrap().path();
        if path.extension().is_some_and(|e| e == "yaml") {
            let case = load(&path);
            let scene = genogram(&case, &GenogramOptions::default());
            let svg = genochron::render::svg::scene(&scene);
            for broken in genogram_checks::broken_promises(&case, &scene, &svg) {
                failures.push(format!("{}: {broken}", path.display()));
            }
            for broken in genogram_checks::overlay_clears_symbols(&scene) {
                failures.push(format!("{}: {broken}", path.display()));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn a_partner_who_is_also_a_descendant_is_drawn_not_refused() {
    let (_, scene, _) = draw("partner-ring-and-descendant-partner");
    // Bob is Kit's father and, later, her partner: they stay on their own generations, the
    // partner line joins them, routed between the rows, and their child hangs from that
    // line beside Kit, as from any couple's.
    assert!(y_of(&scene, "b") < y_of(&scene, "k"));
    assert!(hangs_from(&scene, "gk", "k--b"));
    assert_eq!(
        item(&scene, "child-link-k--b").people,
        vec!["k".to_string(), "b".to_string()]
    );
    let line = item(&scene, "partnership-k--b").points.clone().unwrap();
    let bar_top = item(&scene, "child-link-k--b").points.as_ref().unwrap()[0];
    assert!(
        line.windows(2).any(|w| (w[0].y - bar_top.y).abs() < 0.01
            && (w[1].y - bar_top.y).abs() < 0.01
            && bar_top.x > w[0].x.min(w[1].x)
            && bar_top.x < w[0].x.max(w[1].x)),
        "the children's line starts on the partnership line"
    );
    assert!(has_class(&scene, "partnership-k--b", "blood-relatives"));
    // Three people partnered in a ring are all drawn, on one row.
    for (x, y) in [("a", "b"), ("b", "c"), ("c", "a")] {
        assert!((y_of(&scene, x) - y_of(&scene, y)).abs() < 0.5);
    }
}

/// A child two rows below her parents (she sits beside a partner from a later generation).
const COUSINS_ACROSS_GENERATIONS: &str = "case:
  reference: TEST/LT
  title: Cousins once removed as partners
  as-at: 2024-11-01
people:
  - {id: a, name: Ann, gender: female, born: 1930}
  - {id: a2, name: Abe, gender: male, born: 1929}
  - {id: b, name: Bea, gender: female, born: 1950, parents: [a, a2]}
  - {id: b2, name: Ben, gender: male, born: 1949}
  - {id: c, name: Cy, gender: male, born: 1952, parents: [a, a2]}
  - {id: c2, name: Cas, gender: female, born: 1953}
  - {id: d, name: Dot, gender: female, born: 1990, parents: [b, b2]}
  - {id: e, name: Eli, gender: male, born: 1972, parents: [c, c2]}
  - {id: e2, name: Eve, gender: female, born: 1973}
  - {id: f, name: Fin, gender: male, born: 1992, parents: [e, e2]}
  - {id: g, name: Gil, gender: male, born: 2015, parents: [d, f]}
partnerships:
  - {partners: [a, a2], status: married}
  - {partners: [b, b2], status: married}
  - {partners: [c, c2], status: married}
  - {partners: [e, e2], status: married}
  - {partners: [d, f], status: cohabiting}
";

#[test]
fn a_child_rows_below_her_parents_has_one_unbroken_line_to_their_bar() {
    let loaded = genochron::load("case.yaml", COUSINS_ACROSS_GENERATIONS.as_bytes());
    let case = loaded.case.expect("case");
    let scene = genogram(&case, &GenogramOptions::default());
    assert!(
        y_of(&scene, "d") - y_of(&scene, "b") > 200.0,
        "Dot sits two rows below her parents"
    );
    assert!(
        !scene
            .items
            .iter()
            .any(|i| i.id.contains("-through-") || i.id.contains("-row-")),
        "no line in pieces"
    );
    let tie = item(&scene, "child-link-d");
    assert!(has_class(&scene, "child-link-d", "long-tie"));
    assert_eq!(tie.people, ["d", "b", "b2"]);
    let points = tie.points.as_ref().expect("points");
    assert!(
        points.len() >= 4,
        "down, along its own track, down: {points:?}"
    );
    for w in points.windows(2) {
        assert!(
            (w[0].x - w[1].x).abs() < 0.01 || (w[0].y - w[1].y).abs() < 0.01,
            "orthogonal: {points:?}"
        );
    }
    // It starts on Bea and Ben's bar...
    let bar = item(&scene, "child-link-b--b2")
        .points
        .clone()
        .expect("bar");
    let start = points[0];
    assert!(bar.windows(2).any(|w| {
        (w[0].y - start.y).abs() < 0.01
            && (w[1].y - start.y).abs() < 0.01
            && start.x >= w[0].x.min(w[1].x) - 0.01
            && start.x <= w[0].x.max(w[1].x) + 0.01
    }));
    // ...and ends on the top of Dot's symbol.
    let end = points[points.len() - 1];
    let dot = item(&scene, "person-d").bbox;
    assert!((end.x - x_of(&scene, "d")).abs() < 0.01);
    assert!((end.y - dot.y).abs() < 1.0, "{end:?} {dot:?}");
}

#[test]
fn focus_keeps_an_unknown_father_so_his_child_hangs_from_the_right_couple() {
    // Pia's father is not known; her mother Gemma later married Rob, and they have Ava.
    let family = case("unknown-father-beside-a-partner");
    let options = GenogramOptions {
        focus: Some(Focus {
            person: PersonId("ava".into()),
            up: 1,
            down: 1,
        }),
        ..GenogramOptions::default()
    };
    let scene = genogram(&family, &options);
    let drawn = |id: &str| scene.items.iter().any(|i| i.id == format!("person-{id}"));
    // Gemma's parents are outside the part drawn; Pia's unknown father is kept, because
    // without him Pia would hang from Gemma alone or from Gemma and Rob's line.
    assert!(!drawn("gm") && !drawn("gf"));
    assert!(drawn("pia") && drawn("father"));
    assert_eq!(scene.metrics["people_left_out"], 2.0);
    assert!(hangs_from(&scene, "pia", "mum--father"));
    assert!(hangs_from(&scene, "ava", "mum--rob") || hangs_from(&scene, "ava", "rob--mum"));
    let lines = genogram_checks::geometry::broken_lines(&family, &scene.to_json());
    assert!(lines.is_empty(), "{lines:#?}");
}
