//! The header: the file's date, name and submitter, which give the case its title and
//! "as at" date.

use super::tree::{Node, Version};
use super::{Importer, date, text};
use crate::diagnostic::Location;
use crate::input::case_file::CaseSection;
use crate::model::PartialDate;

impl Importer {
    pub(super) fn header(&mut self, head: Node) {
        for child in &head.children {
            match child.tag.as_str() {
                "DATE" => {
                    let converted = date::convert(&child.value);
                    if let Some(parsed) = converted.date.and_then(|d| PartialDate::parse(&d).ok()) {
                        self.header_date = Some((parsed, child.value_at));
                    }
                }
                "NOTE" => self.drop("notes in the header (NOTE)".into(), child.at),
                "SUBM" if child.pointer => self.submitter = Some(child.value.clone()),
                _ => {}
            }
        }
        if self.version == Version::V5
            && let Some(vers) = head.child("GEDC").and_then(|g| g.child_value("VERS"))
            && !vers.starts_with('5')
            && !vers.starts_with('4')
        {
            self.note(
                head.at,
                format!("The file says it is GEDCOM version \"{vers}\"; it was read as 5.5.1."),
            );
        }
    }

    pub(super) fn case_section(&mut self) -> CaseSection {
        let head = Location { line: 1, column: 1 };
        // The header's FILE is a path on the machine that wrote the tree, so it names nothing
        // here: without a submitter the title comes from the file's own name.
        let title = match &self.submitter {
            Some(submitter) => {
                let key = self.key(submitter);
                self.submitters
                    .get(&key)
                    .map(|name| format!("Family tree from {name}"))
            }
            None => None,
        };
        let as_at = match self.header_date {
            Some((date, at)) => {
                self.note(
                    at,
                    format!(
                        "The case's \"as at\" date was set to {}, the date the file was made.",
                        date.end()
                    ),
                );
                text(date.end().to_string(), at)
            }
            None => match self.latest {
                Some(latest) => {
                    self.note(
                        head,
                        format!(
                            "The file has no date of its own, so the case's \"as at\" date was set \
                             to {latest}, the end of the latest date in the file."
                        ),
                    );
                    text(latest.to_string(), head)
                }
                None => {
                    self.note(
                        head,
                        "The file has no date genochron can use, so the case's \"as at\" date was set to \
                         2000-01-01. Change it to the date the genogram should show.",
                    );
                    text("2000-01-01", head)
                }
            },
        };
        CaseSection {
            title: title.map(|t| text(t, head)),
            as_at: Some(as_at),
            at: head,
            ..CaseSection::default()
        }
    }
}
