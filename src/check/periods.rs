//! Periods of legal status, placement and school.

use super::Checker;
use super::values::*;
use crate::input::case_file::*;
use crate::model::*;

impl Checker {
    pub(super) fn periods(&mut self, file: &CaseFile, details: &CaseDetails) -> Vec<StatusPeriod> {
        let mut periods = Vec::new();
        for input in &file.periods {
            let Some(kind_text) = &input.kind else {
                self.missing(
                    input.at,
                    "period",
                    "kind",
                    "Add `kind:` (child-protection-plan, placement, school …).",
                );
                continue;
            };
            let kind = self.choice(kind_text, "period kind", PERIOD_KINDS);
            if input.from.is_none() {
                self.problem(
                    input.at,
                    "This period has no `from` date.".into(),
                    "Add `from:` with the date it started (2019, 2019-03 or 2019-03-14).",
                );
            }
            let span = self.span(&input.from, &input.to, "period");
            let children = self.entry_children(&input.children, details);
            let (Some(kind), Some(start)) = (kind, span.from) else {
                continue;
            };
            periods.push(StatusPeriod {
                kind,
                detail: self.text(&input.detail, "detail"),
                children,
                period: Period {
                    start,
                    end: span.to,
                },
            });
        }
        periods
    }
}
