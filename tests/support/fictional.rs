//! Fictional cases and hand-made scenes shared by the report and redaction tests.

use chrono::NaiveDate;
use genochron::layout::scene::{
    Anchor, Colour, Item, ItemKind, Paint, Point, Rect, Scene, Shape, Weight,
};
use genochron::model::*;

pub fn day(y: i32, m: u32, d: u32) -> PartialDate {
    PartialDate::day(NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

pub fn person(id: &str, name: &str, gender: Gender) -> Person {
    Person::new(id, name, gender)
}

/// A fictional family: Amy (subject), her mother Sarah, and Joan, a kinship carer whose name
/// and address the family must not see.
pub fn case(entries: usize) -> Case {
    let mut amy = person("amy-okafor", "Amy Okafor", Gender::Female);
    amy.born = Some(day(2016, 3, 14));
    amy.school = Some("Larkfield Primary".into());
    amy.address = Some("12 Elm Road, Dunmore".into());
    let mut sarah = person("sarah-okafor", "Sarah Okafor", Gender::Female);
    sarah.born = Some(day(1994, 7, 2));
    sarah.notes = vec!["Cleaner at the leisure centre".into()];
    let mut joan = person("joan-whitby", "Joan Whitby", Gender::Female);
    joan.known_as = Some("Nana Jo".into());
    joan.address = Some("4 Birch Close, Otterbury".into());
    joan.role = Some("Kinship carer".into());
    let texts = [
        "Police attended after a neighbour reported shouting; Sarah had a cut lip and the \
         father was arrested.",
        "Health visitor found the flat cold and without food; Sarah said the money had run out.",
        "Amy moved to live with Joan Whitby at 4 Birch Close, Otterbury under a kinship \
         arrangement.",
        "School reported Amy tired and withdrawn; Nana Jo collected her early.",
    ];
    let entries = (0..entries)
        .map(|n| {
            let number = n as u32 + 1;
            Entry {
                number,
                numbered: true,
                date: day(2019 + (n / 12) as i32, (n % 12) as u32 + 1, 10),
                end: None,
                time: None,
                children: vec![PersonId("amy-okafor".into())],
                event: format!("{} (entry {number})", texts[n % texts.len()]),
                category: "domestic-abuse".into(),
                factors: Vec::new(),
                source: "Police notification (Northshire)".into(),
                reference: Some(format!("C{}", 100 + n)),
                impacts: vec![Impact {
                    child: Some(PersonId("amy-okafor".into())),
                    text: "Amy was present and hid upstairs; she told her teacher she was \
                           scared of the noise and asked to stay with Joan."
                        .into(),
                    valence: Some(Valence::Negative),
                }],
                action: Some("Strategy discussion; section 47 enquiry started.".into()),
                action_progress: None,
                significance: Some(if n % 3 == 0 {
                    Significance::High
                } else {
                    Significance::Medium
                }),
                status: if n % 5 == 0 {
                    EntryStatus::Disputed
                } else {
                    EntryStatus::Agreed
                },
                status_note: (n % 5 == 0).then(|| "father denies".to_string()),
                people: vec![Involvement {
                    person: PersonId("joan-whitby".into()),
                    role: Some("protective".into()),
                }],
                voice: (n % 2 == 0).then(|| "I hid under the bed with Teddy.".to_string()),
                audiences: if n % 4 == 3 {
                    vec!["court".to_string()]
                } else {
                    Vec::new()
                },
                wordings: Vec::new(),
            }
        })
        .collect();
    Case {
        details: CaseDetails {
            reference: "NS-2024-0117".into(),
            title: "Amy Okafor: genogram and chronology".into(),
            subjects: vec![PersonId("amy-okafor".into())],
            as_at: NaiveDate::from_ymd_opt(2024, 6, 1).unwrap(),
            author: Some("R. Patel, social worker".into()),
            prepared: NaiveDate::from_ymd_opt(2024, 5, 20),
            hearing: NaiveDate::from_ymd_opt(2024, 6, 12),
            source_hash: "9f2c1a7e".into(),
            source_name: "okafor.yaml".into(),
            withheld_spans: Vec::new(),
            statement: None,
            cut: None,
        },
        people: People::new(vec![amy, sarah, joan]),
        partnerships: Vec::new(),
        parentage: vec![Parentage {
            child: PersonId("amy-okafor".into()),
            parents: vec![PersonId("sarah-okafor".into())],
            link: ChildLink::Biological,
            primary: true,
            span: Span::ALWAYS,
        }],
        multiple_births: Vec::new(),
        relationships: Vec::new(),
        households: Vec::new(),
        entries,
        periods: Vec::new(),
        audiences: vec![Audience {
            name: "family".into(),
            disclose: vec![(
                PersonId("joan-whitby".into()),
                Disclosure::Role("Kinship carer".into()),
            )],
            hide: vec![
                HiddenField::Address,
                HiddenField::BirthDate,
                HiddenField::School,
                HiddenField::Notes,
            ],
            views: View::ALL.into_iter().collect(),
            categories: Categories::All,
            accept: Vec::new(),
        }],
        places: Places::default(),
        ..Case::default()
    }
}

/// A scene of `columns` × `rows` labelled boxes, one per person of the case in turn, with
/// a legend: a stand-in for a layout, so renderers can be tested on any size of drawing.
pub fn grid_scene(case: &Case, title: &str, columns: usize, rows: usize) -> Scene {
    let mut scene = Scene::new(title);
    let people: Vec<&Person> = case.people.iter().collect();
    let cell = 160.0;
    for r in 0..rows {
        for c in 0..columns {
            let n = r * columns + c;
            let p = people[n % people.len()];
            let mut item = Item::new(ItemKind::Person, format!("person-{}-{n}", p.id));
            item.people = vec![p.id.0.clone()];
            let (x, y) = (20.0 + c as f64 * cell, 60.0 + r as f64 * cell);
            item.bbox = Rect::new(x, y, 140.0, 80.0);
            item.title = Some(p.display_name().to_string());
            item.shapes.push(Shape::Rect {
                rect: Rect::new(x + 50.0, y, 40.0, 40.0),
                corner: 0.0,
                paint: Paint::line(Colour::BLACK, 2.0),
            });
            item.shapes.push(Shape::Text {
                origin: Point::new(x + 70.0, y + 58.0),
                lines: vec![p.display_name().to_string()],
                size: 13.0,
                line_height: 15.0,
                anchor: Anchor::Middle,
                weight: Weight::Regular,
                colour: Colour::BLACK,
                halo: 0.0,
            });
            scene.items.push(item);
        }
    }
    let width = 40.0 + columns as f64 * cell;
    let height = 60.0 + rows as f64 * cell + 80.0;
    let mut legend = Item::new(ItemKind::Legend, "legend");
    legend.bbox = Rect::new(20.0, height - 70.0, 220.0, 60.0);
    legend.shapes.push(Shape::Rect {
        rect: legend.bbox,
        corner: 0.0,
        paint: Paint::line(Colour::GREY, 1.0),
    });
    legend.shapes.push(Shape::Rect {
        rect: Rect::new(30.0, height - 60.0, 20.0, 20.0),
        corner: 0.0,
        paint: Paint::line(Colour::BLACK, 2.0),
    });
    legend.shapes.push(Shape::Text {
        origin: Point::new(60.0, height - 45.0),
        lines: vec!["Square: male".into()],
        size: 12.0,
        line_height: 14.0,
        anchor: Anchor::Start,
        weight: Weight::Regular,
        colour: Colour::BLACK,
        halo: 0.0,
    });
    scene.items.push(legend);
    scene.width = width;
    scene.height = height;
    scene
}
