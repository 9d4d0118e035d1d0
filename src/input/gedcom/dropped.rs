//! What was left out: every line the case file has no place for, counted by kind and
//! reported once with where it is.

use super::Importer;
use super::tree::Node;
use crate::diagnostic::Location;

/// What was left out, by kind, with where.
#[derive(Debug, Default)]
pub(super) struct Dropped {
    pub(super) count: usize,
    pub(super) lines: Vec<usize>,
    pub(super) first: Location,
}

impl Importer {
    pub(super) fn drop(&mut self, what: String, at: Location) {
        let entry = self.dropped.entry(what).or_insert_with(|| Dropped {
            first: at,
            ..Dropped::default()
        });
        entry.count += 1;
        if entry.lines.len() < 5 {
            entry.lines.push(at.line);
        }
    }

    pub(super) fn drop_tag(&mut self, node: &Node) {
        self.drop(describe(&node.tag), node.at);
    }

    /// Reports every line under `node` except the tags listed.
    pub(super) fn unused_children(&mut self, node: &Node, used: &[&str]) {
        for child in &node.children {
            if !used.contains(&child.tag.as_str()) {
                self.drop_tag(child);
            }
        }
    }

    pub(super) fn report_dropped(&mut self) {
        let dropped = std::mem::take(&mut self.dropped);
        for (what, item) in dropped {
            let mut lines: Vec<String> = item.lines.iter().map(|l| l.to_string()).collect();
            let more = item.count - item.lines.len();
            let place = if more > 0 {
                format!("lines {} and {more} more", lines.join(", "))
            } else if lines.len() == 1 {
                format!("line {}", lines.remove(0))
            } else {
                let last = lines.pop().unwrap_or_default();
                format!("lines {} and {last}", lines.join(", "))
            };
            let count = if item.count > 1 {
                format!(", {} of them", item.count)
            } else {
                String::new()
            };
            self.note(
                item.first,
                format!(
                    "Not imported: {what}{count}, on {place}. A case file has no place for them."
                ),
            );
        }
    }
}

/// What a kind of record is, for "Not imported" notes.
pub(super) fn record_kind(tag: &str) -> &'static str {
    match tag {
        "SOUR" => "source",
        "REPO" => "repository",
        "OBJE" => "media",
        "SUBN" => "submission",
        _ => "other",
    }
}

/// What a tag holds, in words, for "Not imported" notes.
pub(super) fn describe(tag: &str) -> String {
    let words = match tag {
        "PLAC" => "places",
        "SOUR" => "source citations",
        "OCCU" => "occupations",
        "RESI" => "residences",
        "CHR" | "BAPM" => "christening and baptism details",
        "BURI" | "CREM" => "burial and cremation details",
        "OBJE" => "media links",
        "TITL" => "titles",
        "EDUC" => "education details",
        "RELI" => "religions",
        "NATI" => "nationalities",
        "EVEN" => "other events",
        "FACT" => "other facts",
        "CENS" => "census entries",
        "IMMI" | "EMIG" | "NATU" => "migrations and naturalisations",
        "PROB" | "WILL" => "wills and probates",
        "GRAD" | "RETI" => "graduations and retirements",
        "ADDR" | "PHON" | "EMAIL" | "WWW" | "FAX" => "contact details",
        "NCHI" | "NMR" => "counts of children or marriages",
        "DSCR" => "physical descriptions",
        "ENDL" | "BAPL" | "CONL" | "SLGC" | "SLGS" | "INIL" => "Latter-day Saint ordinances",
        "ALIA" => "alias links",
        "ANCI" | "DESI" => "research interests",
        "ASSO" => "associations",
        "NOTE" | "SNOTE" => "notes on events and details",
        "AGE" => "ages at events",
        "TYPE" => "event types",
        "TIME" => "times",
        "ADOP" => "adoption events",
        "CONF" | "FCOM" | "ORDN" | "BARM" | "BASM" | "BLES" | "CHRA" => "religious events",
        "MARB" | "MARC" | "MARL" | "MARS" => "marriage banns, contracts, licences and settlements",
        "NICK" => "nicknames",
        "NSFX" | "NPFX" | "SPFX" | "GIVN" | "SURN" => "name parts not in the name",
        "FAMS" => "links to own families",
        "PEDI" => "pedigree kinds",
        "QUAY" => "source quality ratings",
        "PAGE" | "DATA" | "TEXT" => "source details",
        "CAUS" => "causes",
        "AGNC" => "agencies",
        "LATI" | "LONG" | "MAP" => "map positions",
        "SSN" | "IDNO" => "identity numbers",
        "PROP" => "possessions",
        "CAST" => "castes",
        "RESN" => "restriction notices",
        "LANG" => "languages",
        "SEX" => "further sex lines",
        "DATE" => "dates of details",
        "PHRASE" => "phrases",
        _ if tag.starts_with('_') => return format!("program-specific details ({tag})"),
        _ => return format!("details tagged {tag}"),
    };
    format!("{words} ({tag})")
}
