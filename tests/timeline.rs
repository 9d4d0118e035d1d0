//! The timeline's promises on particular cases and on generated chronologies. The golden
//! cases under `tests/cases/timeline/` (each drawn by the binary with its `args.txt` and
//! compared with its expected files) are trials of `tests/golden_cases.rs`; every one of
//! them, and every chronology here, keeps the promises in `timeline_checks`.

mod support;
mod timeline_checks;

use genochron::layout::scene::{ItemKind, Scene};
use genochron::layout::timeline::{self, TimelineOptions};
use genochron::model::{Case, Significance};
use std::path::Path;

#[test]
fn focus_summarises_older_history_instead_of_dropping_it() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/timeline/focus-last-two-years");
    let case = support::load_case(&dir);
    let options = support::timeline_options(&dir, &case);
    let selection = timeline::select(&case, &options.focus, &options.filter);
    assert!(selection.before.len() > 10, "{}", selection.before.len());
    let scene = timeline::timeline(&case, &options);
    let summary = scene
        .items
        .iter()
        .find(|i| i.id == "summary-before")
        .expect("a summary band");
    let mut numbers: Vec<u32> = selection.before.iter().map(|e| e.number).collect();
    numbers.sort();
    let mut summarised = summary.entries.clone();
    summarised.sort();
    assert_eq!(summarised, numbers);
    // The window starts two years before the "as at" date.
    let from = options.focus.from.unwrap();
    assert_eq!(from, chrono::NaiveDate::from_ymd_opt(2022, 11, 1).unwrap());
    for entry in &selection.shown {
        assert!(entry.end.unwrap_or(entry.date).end() >= from);
    }
}

#[test]
fn filters_report_every_entry_they_leave_out() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/timeline/filters");
    let case = support::load_case(&dir);
    let options = support::timeline_options(&dir, &case);
    let selection = timeline::select(&case, &options.focus, &options.filter);
    assert!(!selection.left_out.is_empty());
    for (entry, reason) in &selection.left_out {
        match reason {
            timeline::LeftOut::Category => {
                assert!(!["police", "domestic-abuse"].contains(&entry.category.as_str()))
            }
            timeline::LeftOut::Significance => {
                assert_eq!(entry.significance, Some(Significance::Low))
            }
            other => panic!("unexpected reason {other:?}"),
        }
    }
    let scene = timeline::timeline(&case, &options);
    let title = scene.items.iter().find(|i| i.id == "title").unwrap();
    let svg = genochron::render::svg::scene(&scene);
    assert!(svg.contains(&format!(
        "Not drawn because of the filters chosen: {} entries",
        selection.left_out.len()
    )));
    assert!(title.bbox.width > 0.0);
    assert_eq!(
        scene.metrics["entries-left-out"] as usize,
        selection.left_out.len()
    );
}

#[test]
fn ages_follow_each_child_and_pregnancy_is_shown_before_birth() {
    let dir =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/cases/timeline/several-subject-children");
    let case = support::load_case(&dir);
    let scene = timeline::timeline(&case, &TimelineOptions::default());
    let svg = genochron::render::svg::scene(&scene);
    // Entry 1 (20 Jan 2019): Amy 6y 10m, Ben 3y 4m; Cara not yet conceived, so no age.
    let first = label_text(&scene, "entry-1-label");
    assert!(
        first.starts_with("1 \u{b7} 20 Jan 2019 \u{b7} Amy 6y 10m, Ben 3y 4m "),
        "{first}"
    );
    // Entry 2 (1 Oct 2020): Cara is 26 weeks into the pregnancy.
    let second = label_text(&scene, "entry-2-label");
    assert!(second.contains("Cara pre-birth 26w"), "{second}");
    for child in ["amy", "ben", "cara"] {
        assert!(scene.items.iter().any(|i| i.id == format!("age-{child}")));
    }
    // Amy and Ben share the plan; Cara's child-in-need period is her own.
    assert!(svg.contains("Legal status: Amy, Ben"));
    assert!(svg.contains("Legal status: Cara"));
}

/// The words of a label item, its lines joined by spaces.
fn label_text(scene: &Scene, id: &str) -> String {
    let item = scene.items.iter().find(|i| i.id == id).expect(id);
    item.words().join(" ")
}

mod generated {
    //! The promises over generated chronologies: any dates, precisions, periods, lengths of
    //! text, lanes, widths and focus windows.
    use crate::timeline_checks::check_promises;
    use chrono::NaiveDate;
    use genochron::layout::timeline::{self, Lanes, TimelineOptions};
    use genochron::model::{
        Case, CaseDetails, Entry, EntryStatus, Impact, Involvement, PartialDate, People, Person,
        PersonId, Qualifier, Significance, Valence,
    };
    use proptest::prelude::*;

    fn person(id: &str, born: Option<PartialDate>) -> Person {
        Person {
            born,
            ..Person::new(id, format!("{id} Test"), genochron::model::Gender::Unknown)
        }
    }

    const WORDS: [&str; 12] = [
        "police",
        "attended",
        "the",
        "home",
        "after",
        "a",
        "report",
        "of",
        "shouting;",
        "Amy",
        "was",
        "Supercalifragilisticexpialidociously-long-word",
    ];

    /// One entry from a tuple of choices, so proptest can shrink it.
    fn entry(i: usize, choice: (u32, u8, u8, u8, u16, u8, u8, u8)) -> Entry {
        let (day, precision, qualifier, end, words, category, significance, status) = choice;
        let start = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap() + chrono::Days::new(day as u64);
        let mut date = match precision % 3 {
            0 => PartialDate::day(start),
            1 => PartialDate::month(start.year_ce().1 as i32, start.month0() + 1).unwrap(),
            _ => PartialDate::year(start.year_ce().1 as i32).unwrap(),
        };
        date = date.qualified(match qualifier % 6 {
            0 => Qualifier::About,
            1 => Qualifier::Before,
            2 => Qualifier::After,
            _ => Qualifier::Exact,
        });
        let end = (end % 5 == 0).then(|| {
            let e = date.end() + chrono::Days::new(1 + (day as u64 * 7) % 900);
            let e = PartialDate::day(e);
            if end % 10 == 0 {
                e.qualified(Qualifier::About)
            } else {
                e
            }
        });
        let event: Vec<&str> = (0..1 + words % 40)
            .map(|w| WORDS[(w as usize * 7 + i) % WORDS.len()])
            .collect();
        Entry {
            number: i as u32 + 1,
            numbered: true,
            date,
            end,
            time: None,
            children: vec![],
            event: event.join(" "),
            category: ["police", "health", "education", "domestic-abuse", "contact"]
                [category as usize % 5]
                .into(),
            factors: vec![],
            source: "Agency".into(),
            reference: None,
            impacts: if significance % 2 == 0 {
                vec![Impact {
                    child: None,
                    text: "Upset".into(),
                    valence: Some(
                        [Valence::Negative, Valence::Positive, Valence::Neutral]
                            [significance as usize % 3],
                    ),
                }]
            } else {
                vec![]
            },
            action: None,
            action_progress: None,
            significance: [
                None,
                Some(Significance::Low),
                Some(Significance::Medium),
                Some(Significance::High),
            ][significance as usize % 4],
            status: [
                EntryStatus::Agreed,
                EntryStatus::Disputed,
                EntryStatus::Alleged,
            ][status as usize % 3],
            status_note: None,
            people: vec![Involvement {
                person: PersonId(["amy", "ben", "mum"][i % 3].into()),
                role: None,
            }],
            voice: None,
            audiences: vec![],
            wordings: vec![],
        }
    }

    use chrono::Datelike;

    fn case(entries: Vec<Entry>) -> Case {
        Case {
            details: CaseDetails {
                title: "Generated".into(),
                subjects: vec![PersonId("amy".into()), PersonId("ben".into())],
                as_at: NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                ..CaseDetails::default()
            },
            people: People::new(vec![
                person(
                    "amy",
                    Some(PartialDate::day(
                        NaiveDate::from_ymd_opt(2011, 3, 4).unwrap(),
                    )),
                ),
                person("ben", PartialDate::month(2016, 7)),
                person("mum", None),
            ]),
            entries,
            ..Case::default()
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(24))]
        #[test]
        fn no_overlaps_nothing_lost_nothing_cut_off(
            choices in proptest::collection::vec(
                (0u32..5400, any::<u8>(), any::<u8>(), any::<u8>(), any::<u16>(), any::<u8>(), any::<u8>(), any::<u8>()),
                0..160,
            ),
            lanes in 0u8..3,
            width in 300.0f64..1800.0,
            focus in proptest::option::of(0u32..5000),
        ) {
            let entries = choices.into_iter().enumerate().map(|(i, c)| entry(i, c)).collect();
            let case = case(entries);
            let mut options = TimelineOptions {
                lanes: [Lanes::Category, Lanes::Person, Lanes::Child][lanes as usize],
                plot_width: width,
                ..TimelineOptions::default()
            };
            if let Some(days) = focus {
                options.focus.from = Some(NaiveDate::from_ymd_opt(2010, 6, 1).unwrap() + chrono::Days::new(days as u64));
            }
            let scene = timeline::timeline(&case, &options);
            check_promises(&case, &options, &scene);
        }
    }

    #[test]
    fn thousands_of_entries_at_several_widths() {
        let entries: Vec<Entry> = (0..3000)
            .map(|i| {
                let n = i as u32;
                entry(
                    i,
                    (
                        n * 37 % 5400,
                        (n % 7) as u8,
                        (n % 11) as u8,
                        (n % 13) as u8,
                        (n % 29) as u16,
                        (n % 5) as u8,
                        (n % 4) as u8,
                        (n % 9) as u8,
                    ),
                )
            })
            .collect();
        let case = case(entries);
        for width in [400.0, 1200.0, 3000.0] {
            let options = TimelineOptions {
                plot_width: width,
                ..TimelineOptions::default()
            };
            let scene = timeline::timeline(&case, &options);
            check_promises(&case, &options, &scene);
        }
    }
}

#[test]
fn an_empty_case_draws_an_empty_timeline() {
    let case = Case::default();
    let scene = timeline::timeline(&case, &TimelineOptions::default());
    let svg = genochron::render::svg::scene(&scene);
    roxmltree::Document::parse(&svg).expect("well-formed");
    assert_eq!(scene.metrics["entries-shown"], 0.0);
    assert!(scene.items.iter().any(|i| i.kind == ItemKind::Legend));
}
