//! What is overdue: actions agreed in entries, due by the end of the period and not done by
//! then, oldest first.

use super::Period;
use crate::model::Case;
use chrono::NaiveDate;
use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub struct OverdueAction {
    /// The entry that agreed it.
    pub entry: u32,
    pub action: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub who: Option<String>,
    /// As the case file writes dates (2026-11-06).
    pub due: String,
    /// Days from the due date (its last day, for a month or a year) to the period's end.
    pub days_overdue: i64,
    /// When it was done, if after the period.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub done_later: Option<String>,
}

/// Actions due on or before the period's last day and not done by then, oldest first
/// (ties by entry number).
pub fn overdue(case: &Case, period: Period) -> Vec<OverdueAction> {
    let mut list: Vec<(NaiveDate, OverdueAction)> = case
        .entries
        .iter()
        .filter_map(|entry| {
            let progress = entry.action_progress.as_ref()?;
            let due = progress.due?;
            if due.end() > period.to {
                return None;
            }
            let done_by_then = progress.done.is_some_and(|d| d.start() <= period.to);
            if done_by_then {
                return None;
            }
            Some((
                due.end(),
                OverdueAction {
                    entry: entry.number,
                    action: entry.action.clone().unwrap_or_default(),
                    who: progress.who.clone(),
                    due: due.to_case_text(),
                    days_overdue: (period.to - due.end()).num_days(),
                    done_later: progress.done.map(|d| d.to_case_text()),
                },
            ))
        })
        .collect();
    list.sort_by_key(|(due, action)| (*due, action.entry));
    list.into_iter().map(|(_, action)| action).collect()
}
