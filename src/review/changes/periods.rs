//! Legal statuses, placements and schools, matched by kind, children and start date.

use super::*;

pub(super) fn period_kind(kind: PeriodKind) -> ChangeKind {
    match kind {
        PeriodKind::Placement => ChangeKind::Placement,
        PeriodKind::School => ChangeKind::School,
        _ => ChangeKind::LegalStatus,
    }
}

pub(super) fn period_fields(status: &StatusPeriod) -> Vec<(&'static str, String)> {
    vec![
        ("kind", kind_name(status.kind)),
        ("detail", status.detail.clone().unwrap_or_default()),
        ("children", ids(&status.children)),
        ("from", status.period.start.to_string()),
        ("to", date_text(status.period.end)),
    ]
}

/// A period's id: its kind, children and start, as nothing else names it.
pub(super) fn period_id(status: &StatusPeriod) -> String {
    let mut id = format!(
        "{} from {}",
        kind_name(status.kind),
        status.period.start.to_case_text()
    );
    if !status.children.is_empty() {
        id.push_str(&format!(" ({})", ids(&status.children)));
    }
    id
}

pub(super) fn period_change(status: &StatusPeriod, change: ChangeType) -> Change {
    let what = match &status.detail {
        Some(detail) => format!("{}: {detail}", kind_name(status.kind)),
        None => kind_name(status.kind),
    };
    Change::new(
        period_kind(status.kind),
        change,
        ChangeId::Text(period_id(status)),
        what,
    )
}

pub(super) fn period_dated(
    status: &StatusPeriod,
    period: Period,
    edited: Option<Vec<FieldChange>>,
) -> Option<Change> {
    let began = period.contains(status.period.start.start());
    let ended = status.period.end.filter(|e| period.contains(e.start()));
    let change = match (began, ended) {
        (true, _) => ChangeType::Added,
        (false, Some(_)) => ChangeType::Ended,
        (false, None) => return None,
    };
    let mut out = period_change(status, change);
    out.date = Some(match ended {
        Some(end) if change == ChangeType::Ended => end.to_case_text(),
        _ => status.period.start.to_case_text(),
    });
    out.fields = edited.unwrap_or_default();
    Some(out)
}

pub(super) fn periods_between(earlier: &Case, now: &Case, period: Period) -> Vec<Change> {
    let how = "matched by kind, children and start date";
    let mut changes = Vec::new();
    for status in &now.periods {
        let id = period_id(status);
        match earlier.periods.iter().find(|p| period_id(p) == id) {
            None => changes.push(period_change(status, ChangeType::Added)),
            Some(before) => {
                let fields = differences(&period_fields(before), &period_fields(status));
                let ended = period_dated(status, period, Some(fields.clone()))
                    .filter(|c| c.change == ChangeType::Ended);
                let change = match ended {
                    Some(change) => Some(change),
                    None if !fields.is_empty() => {
                        let mut change = period_change(status, ChangeType::Edited);
                        change.fields = fields;
                        Some(change)
                    }
                    None => None,
                };
                if let Some(mut change) = change {
                    change.matched = Some(how.into());
                    changes.push(change);
                }
            }
        }
    }
    for status in &earlier.periods {
        let id = period_id(status);
        if !now.periods.iter().any(|p| period_id(p) == id) {
            changes.push(period_change(status, ChangeType::Removed));
        }
    }
    changes
}
