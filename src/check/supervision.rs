//! Checks what supervision adds to a case file: tracked actions, visit rules and reviews.

use super::Checker;
use crate::diagnostic::clip;
use crate::input::case_file::{ActionInput, CaseFile};
use crate::model::{ActionProgress, CaseDetails, Interval, Review, VisitRule, category_key};

impl Checker {
    /// Who does an entry's action and by when. `None` for an action written as text.
    pub(super) fn action_progress(
        &mut self,
        input: &ActionInput,
        has_text: bool,
    ) -> Option<ActionProgress> {
        let ActionInput::Tracked(tracked) = input else {
            return None;
        };
        if !has_text {
            self.missing(
                tracked.at,
                "action",
                "text",
                "Add `text:` saying what was agreed, under `action:`.",
            );
        }
        let due = self.date(&tracked.due, "action's due date");
        let done = self.date(&tracked.done, "date the action was done");
        if tracked.due.is_none() && tracked.done.is_none() && tracked.who.is_none() {
            return None;
        }
        Some(ActionProgress {
            who: self.text(&tracked.who, "person responsible for the action"),
            due,
            done,
        })
    }

    pub(super) fn visits(&mut self, file: &CaseFile, details: &CaseDetails) -> Vec<VisitRule> {
        let mut rules = Vec::new();
        for input in &file.visits {
            let categories: Vec<String> = input
                .category
                .iter()
                .map(|c| category_key(&c.value))
                .filter(|c| !c.is_empty())
                .collect();
            if categories.is_empty() {
                self.missing(
                    input.at,
                    "visits rule",
                    "category",
                    "Add `category:` with the entry category that records seeing the child, \
                     such as `category: visit`.",
                );
            }
            let every = match &input.every {
                None => {
                    self.missing(
                        input.at,
                        "visits rule",
                        "every",
                        "Add `every:` with the longest time allowed between visits, such as \
                         `every: 10 working days`.",
                    );
                    None
                }
                Some(text) => {
                    let every = Interval::parse(&text.value);
                    if every.is_none() {
                        self.problem(
                            text.at,
                            format!(
                                "\"{}\" is not a length of time genochron can read.",
                                clip(text.value.trim())
                            ),
                            "Write a number and a unit: `10 working days`, `14 days`, \
                             `6 weeks` or `3 months`.",
                        );
                    }
                    every
                }
            };
            let children = if input.children.is_empty() {
                Vec::new()
            } else {
                self.entry_children(&input.children, details)
            };
            let bank_holidays = input
                .bank_holidays
                .iter()
                .filter_map(|d| self.day(&Some(d.clone()), "bank holiday"))
                .collect();
            if let Some(every) = every
                && !categories.is_empty()
            {
                rules.push(VisitRule {
                    categories,
                    every,
                    children,
                    bank_holidays,
                });
            }
        }
        rules
    }

    /// The reviews, in date order (equal dates in file order).
    pub(super) fn reviews(&mut self, file: &CaseFile) -> Vec<Review> {
        let mut reviews = Vec::new();
        for input in &file.reviews {
            if input.date.is_none() {
                self.missing(
                    input.at,
                    "review",
                    "date",
                    "Add `date:` with the day the review was held, such as 2026-09-01.",
                );
            }
            let date = self.day(&input.date, "review date");
            let next = self.day(&input.next, "next review date");
            if let (Some(date), Some(next), Some(text)) = (date, next, &input.next)
                && next < date
            {
                self.problem(
                    text.at,
                    format!("The next review ({next}) is before this review ({date})."),
                    "Check the two dates: one of them is probably mistyped.",
                );
            }
            let score = input.score.as_ref().and_then(|text| {
                let score = text.value.trim().parse::<u8>().ok().filter(|&s| s <= 10);
                if score.is_none() {
                    self.problem(
                        text.at,
                        format!(
                            "The scaling score \"{}\" is not a whole number from 0 to 10.",
                            clip(text.value.trim())
                        ),
                        "Write the score agreed at the review, such as `score: 4`.",
                    );
                }
                score
            });
            let decisions = input
                .decisions
                .iter()
                .filter_map(|d| self.text(&Some(d.clone()), "decision"))
                .collect();
            if let Some(date) = date {
                reviews.push(Review {
                    date,
                    who: self.text(&input.who, "who took part"),
                    decisions,
                    next,
                    score,
                });
            }
        }
        reviews.sort_by_key(|r| r.date);
        reviews
    }
}
