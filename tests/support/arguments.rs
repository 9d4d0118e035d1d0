//! A golden case's options: `args.txt` beside its input, one command-line argument a line,
//! the words that follow `genochron genogram case.yaml`, `genochron timeline case.yaml` or
//! `genochron import entries.csv` (`--lanes` then `person` on the next line). The golden test runs the binary with them, so
//! the command line's own parser reads them; the checks that need the options as values read
//! the same words here into the library's arguments, which become options by the function
//! the binary uses. The golden test also requires the library's drawing with these options to
//! be the binary's, byte for byte, so this reading cannot drift from the command line's.

use genochron::arguments::{FilterArguments, GenogramArguments, TimelineArguments};
use genochron::input::entries_csv::parse_mapping;
use genochron::layout::genogram::{DeceasedStyle, GenogramOptions};
use genochron::layout::timeline::{Lanes, TimelineOptions};
use genochron::model::Case;
use std::path::Path;

/// The file of a case's command-line words, in every area that has options.
pub const ARGS: &str = "args.txt";

/// A case folder's command-line words (none when it has no `args.txt`).
pub fn case_words(dir: &Path) -> Vec<String> {
    std::fs::read_to_string(dir.join(ARGS))
        .unwrap_or_default()
        .lines()
        .filter(|line| !line.is_empty())
        .map(String::from)
        .collect()
}

/// A case folder's words as options and their values (`--name value` or `--name=value`):
/// every option a case may have takes a value.
pub fn case_options(dir: &Path) -> Vec<(String, String)> {
    let words = case_words(dir);
    let mut out = Vec::new();
    let mut words = words.iter();
    while let Some(word) = words.next() {
        let (name, value) = match word.split_once('=') {
            Some((name, value)) => (name.to_string(), value.to_string()),
            None => {
                let value = words
                    .next()
                    .unwrap_or_else(|| panic!("{word} has no value"));
                (word.clone(), value.clone())
            }
        };
        assert!(name.starts_with("--"), "{ARGS}: {name} is not an option");
        out.push((name, value));
    }
    out
}

/// A list option's values: comma-separated, as the command line splits them.
fn list(value: &str) -> Vec<String> {
    value.split(',').map(String::from).collect()
}

/// The headings a spreadsheet case maps (`--map`, the one option those cases take), each
/// read by the command line's own function.
pub fn heading_mapping(dir: &Path) -> Vec<(String, String)> {
    case_options(dir)
        .into_iter()
        .map(|(name, value)| {
            assert_eq!(name, "--map", "{ARGS}: a spreadsheet case takes only --map");
            parse_mapping(&value).unwrap_or_else(|message| panic!("{ARGS}: {message}"))
        })
        .collect()
}

/// The genogram's options from a case folder's words.
pub fn genogram_options(dir: &Path, case: &Case) -> GenogramOptions {
    let mut arguments = GenogramArguments::default();
    for (name, value) in case_options(dir) {
        match name.as_str() {
            "--focus" => arguments.focus = Some(value),
            "--up" => arguments.up = value.parse().expect("--up is a number"),
            "--down" => arguments.down = value.parse().expect("--down is a number"),
            "--deceased" => {
                arguments.deceased = match value.as_str() {
                    "cross" => DeceasedStyle::Cross,
                    "slash" => DeceasedStyle::Slash,
                    other => panic!("--deceased {other} is not a style"),
                }
            }
            other => panic!("{ARGS}: {other} is not a genogram option read here"),
        }
    }
    arguments
        .options(case, case)
        .unwrap_or_else(|id| panic!("{ARGS}: there is no one with the id {id}"))
}

/// The timeline's options from a case folder's words.
pub fn timeline_options(dir: &Path, case: &Case) -> TimelineOptions {
    let mut window = TimelineArguments::default();
    let mut filters = FilterArguments::default();
    for (name, value) in case_options(dir) {
        match name.as_str() {
            "--lanes" => {
                window.lanes = match value.as_str() {
                    "category" => Lanes::Category,
                    "person" => Lanes::Person,
                    "child" => Lanes::Child,
                    other => panic!("--lanes {other} is not a choice"),
                }
            }
            "--from" => window.from = Some(value),
            "--to" => window.to = Some(value),
            "--last" => window.last = Some(value),
            "--gap" => window.gap = value,
            "--plot-width" => window.plot_width = value.parse().expect("--plot-width"),
            "--category" => filters.categories.extend(list(&value)),
            "--child" => filters.children.extend(list(&value)),
            "--significance" => filters.significance.extend(list(&value)),
            other => panic!("{ARGS}: {other} is not a timeline option read here"),
        }
    }
    window
        .options(&filters, case)
        .unwrap_or_else(|message| panic!("{ARGS}: {message}"))
}
