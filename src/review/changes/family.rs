//! The family: people and partnerships by id, households by id with their members, and
//! relationships by the two people and their order among that pair's relationships.

use super::*;

pub(super) fn person_fields(case: &Case, person: &Person) -> Vec<(&'static str, String)> {
    let parents = case
        .parentage
        .iter()
        .filter(|p| p.child == person.id)
        .map(|p| format!("{} ({:?})", ids(&p.parents), p.link).to_lowercase())
        .collect::<Vec<_>>()
        .join("; ");
    let kind = match &person.kind {
        PersonKind::Individual => String::new(),
        PersonKind::Pregnancy => "pregnancy".into(),
        PersonKind::Loss(loss) => format!("{loss:?}").to_lowercase(),
        PersonKind::Group { count } => format!("group of {count}"),
    };
    vec![
        ("name", person.name.clone()),
        ("known-as", person.known_as.clone().unwrap_or_default()),
        ("gender", format!("{:?}", person.gender).to_lowercase()),
        ("kind", kind),
        ("born", date_text(person.born)),
        ("died", date_text(person.died)),
        (
            "deceased",
            if person.deceased { "yes" } else { "" }.to_string(),
        ),
        (
            "role",
            person
                .role
                .as_ref()
                .map(|r| r.text.clone())
                .unwrap_or_default(),
        ),
        ("address", person.address.clone().unwrap_or_default()),
        ("school", person.school.clone().unwrap_or_default()),
        (
            "notes",
            person
                .notes
                .iter()
                .map(|n| n.text.as_str())
                .collect::<Vec<_>>()
                .join("; "),
        ),
        ("parents", parents),
    ]
}

pub(super) fn person_change(person: &Person, change: ChangeType) -> Change {
    Change::new(
        ChangeKind::Person,
        change,
        ChangeId::Text(person.id.0.clone()),
        person.display_name().to_string(),
    )
}

pub(super) fn people_between(earlier: &Case, now: &Case) -> Vec<Change> {
    let mut changes = Vec::new();
    for person in &now.people {
        match earlier.person(&person.id) {
            None => changes.push(person_change(person, ChangeType::Added)),
            Some(before) => {
                let fields =
                    differences(&person_fields(earlier, before), &person_fields(now, person));
                if !fields.is_empty() {
                    let mut change = person_change(person, ChangeType::Edited);
                    change.fields = fields;
                    changes.push(change);
                }
            }
        }
    }
    for person in &earlier.people {
        if now.person(&person.id).is_none() {
            changes.push(person_change(person, ChangeType::Removed));
        }
    }
    changes
}

pub(super) fn is_ending(status: PartnershipStatus) -> bool {
    matches!(
        status,
        PartnershipStatus::Separated
            | PartnershipStatus::Divorced
            | PartnershipStatus::Dissolved
            | PartnershipStatus::Widowed
    )
}

pub(super) fn name_of(case: &Case, id: &crate::model::PersonId) -> String {
    case.person(id)
        .map(|p| p.display_name().to_string())
        .unwrap_or_else(|| id.0.clone())
}

pub(super) fn partnership_fields(partnership: &Partnership) -> Vec<(&'static str, String)> {
    let states = partnership
        .states
        .iter()
        .map(|s| match &s.from {
            Some(from) => format!("{} from {from}", kind_name(s.status)),
            None => kind_name(s.status),
        })
        .collect::<Vec<_>>()
        .join("; ");
    vec![("partners", ids(&partnership.partners)), ("states", states)]
}

pub(super) fn partnership_change(
    case: &Case,
    partnership: &Partnership,
    change: ChangeType,
) -> Change {
    Change::new(
        ChangeKind::Partnership,
        change,
        ChangeId::Text(partnership.id.clone()),
        format!(
            "{} and {}",
            name_of(case, &partnership.partners[0]),
            name_of(case, &partnership.partners[1])
        ),
    )
}

/// A partnership that began, changed state or ended in the period. `edited` carries the
/// field changes found against an earlier version, if any.
pub(super) fn partnership_dated(
    case: &Case,
    partnership: &Partnership,
    period: Period,
    edited: Option<Vec<FieldChange>>,
) -> Option<Change> {
    let in_period: Vec<_> = partnership
        .states
        .iter()
        .enumerate()
        .filter(|(_, s)| s.from.is_some_and(|f| period.contains(f.start())))
        .collect();
    let (first_index, _) = *in_period.first()?;
    let (_, last) = *in_period.last()?;
    let change = if first_index == 0 {
        ChangeType::Added
    } else if is_ending(last.status) {
        ChangeType::Ended
    } else {
        ChangeType::Edited
    };
    let mut out = partnership_change(case, partnership, change);
    out.date = last.from.map(|d| d.to_case_text());
    out.fields = match edited {
        Some(fields) => fields,
        None if first_index > 0 => vec![field(
            "state",
            Some(kind_name(partnership.states[first_index - 1].status)),
            Some(kind_name(last.status)),
        )],
        None => Vec::new(),
    };
    Some(out)
}

pub(super) fn partnerships_between(earlier: &Case, now: &Case, period: Period) -> Vec<Change> {
    let mut changes = Vec::new();
    for partnership in &now.partnerships {
        match earlier.partnerships.iter().find(|p| p.id == partnership.id) {
            None => changes.push(partnership_change(now, partnership, ChangeType::Added)),
            Some(before) => {
                let fields = differences(
                    &partnership_fields(before),
                    &partnership_fields(partnership),
                );
                if let Some(change) =
                    partnership_dated(now, partnership, period, Some(fields.clone()))
                        .filter(|c| c.change == ChangeType::Ended)
                {
                    changes.push(change);
                } else if !fields.is_empty() {
                    let mut change = partnership_change(now, partnership, ChangeType::Edited);
                    change.fields = fields;
                    changes.push(change);
                }
            }
        }
    }
    for partnership in &earlier.partnerships {
        if !now.partnerships.iter().any(|p| p.id == partnership.id) {
            changes.push(partnership_change(
                earlier,
                partnership,
                ChangeType::Removed,
            ));
        }
    }
    changes
}

pub(super) fn span_text(span: &crate::model::Span) -> String {
    match (&span.from, &span.to) {
        (None, None) => String::new(),
        (Some(from), None) => format!("from {from}"),
        (None, Some(to)) => format!("to {to}"),
        (Some(from), Some(to)) => format!("{from} to {to}"),
    }
}

/// A household's name and one field per member ("member amy"), so a change names only the
/// members who joined, left or moved dates. A member's empty span reads "throughout".
pub(super) fn household_fields(household: &Household) -> Vec<(String, String)> {
    let mut fields = vec![("name".to_string(), household.name.clone())];
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    for member in &household.members {
        let n = seen.entry(member.person.as_str()).or_insert(0);
        *n += 1;
        let name = match *n {
            1 => format!("member {}", member.person),
            n => format!("member {} ({n})", member.person),
        };
        let span = match span_text(&member.span) {
            text if text.is_empty() => "throughout".to_string(),
            text => text,
        };
        fields.push((name, span));
    }
    fields
}

pub(super) fn household_change(household: &Household, change: ChangeType) -> Change {
    Change::new(
        ChangeKind::Household,
        change,
        ChangeId::Text(household.id.clone()),
        household.name.clone(),
    )
}

/// A household whose members joined or left in the period; ended when the last member left
/// in it.
pub(super) fn household_dated(
    case: &Case,
    household: &Household,
    period: Period,
    edited: Option<Vec<FieldChange>>,
) -> Option<Change> {
    let joined: Vec<_> = household
        .members
        .iter()
        .filter(|m| m.span.from.is_some_and(|f| period.contains(f.start())))
        .collect();
    let left: Vec<_> = household
        .members
        .iter()
        .filter(|m| m.span.to.is_some_and(|t| period.contains(t.start())))
        .collect();
    if joined.is_empty() && left.is_empty() {
        return None;
    }
    let all_left = household.members.iter().all(|m| m.span.to.is_some());
    let all_joined = joined.len() == household.members.len();
    let change = if all_left && !left.is_empty() {
        ChangeType::Ended
    } else if all_joined {
        ChangeType::Added
    } else {
        ChangeType::Edited
    };
    let mut out = household_change(household, change);
    out.date = left
        .iter()
        .chain(joined.iter())
        .filter_map(|m| m.span.to.or(m.span.from))
        .max_by_key(|d| d.start())
        .map(|d| d.to_case_text());
    out.fields = edited.unwrap_or_else(|| {
        let names = |list: &[&crate::model::Membership]| {
            list.iter()
                .map(|m| name_of(case, &m.person))
                .collect::<Vec<_>>()
                .join(", ")
        };
        let mut fields = Vec::new();
        if !joined.is_empty() {
            fields.push(field("joined", None, Some(names(&joined))));
        }
        if !left.is_empty() {
            fields.push(field("left", None, Some(names(&left))));
        }
        fields
    });
    Some(out)
}

pub(super) fn households_between(earlier: &Case, now: &Case, period: Period) -> Vec<Change> {
    let mut changes = Vec::new();
    for household in &now.households {
        match earlier.households.iter().find(|h| h.id == household.id) {
            None => changes.push(household_change(household, ChangeType::Added)),
            Some(before) => {
                let fields = differences(&household_fields(before), &household_fields(household));
                if let Some(change) = household_dated(now, household, period, Some(fields.clone()))
                    .filter(|c| c.change == ChangeType::Ended)
                {
                    changes.push(change);
                } else if !fields.is_empty() {
                    let mut change = household_change(household, ChangeType::Edited);
                    change.fields = fields;
                    changes.push(change);
                }
            }
        }
    }
    for household in &earlier.households {
        if !now.households.iter().any(|h| h.id == household.id) {
            changes.push(household_change(household, ChangeType::Removed));
        }
    }
    changes
}

pub(super) fn relationship_fields(relationship: &Relationship) -> Vec<(&'static str, String)> {
    vec![
        ("kind", kind_name(relationship.kind)),
        (
            "by",
            if relationship.directed {
                relationship.between[0].0.clone()
            } else {
                String::new()
            },
        ),
        ("from", date_text(relationship.span.from)),
        ("to", date_text(relationship.span.to)),
        ("note", relationship.note.clone().unwrap_or_default()),
    ]
}

/// The unordered pair a relationship is between, as an id: "amy--kofi".
pub(super) fn pair_id(relationship: &Relationship) -> String {
    let mut pair = [
        relationship.between[0].0.as_str(),
        relationship.between[1].0.as_str(),
    ];
    pair.sort();
    format!("{}--{}", pair[0], pair[1])
}

/// Relationships keyed by their pair and their place among that pair's relationships.
pub(super) fn relationship_keys(case: &Case) -> Vec<(String, usize)> {
    let mut seen: BTreeMap<String, usize> = BTreeMap::new();
    case.relationships
        .iter()
        .map(|r| {
            let pair = pair_id(r);
            let n = seen.entry(pair.clone()).or_insert(0);
            *n += 1;
            (pair, *n)
        })
        .collect()
}

pub(super) fn relationship_change(
    case: &Case,
    relationship: &Relationship,
    key: &(String, usize),
    change: ChangeType,
) -> Change {
    let id = if key.1 == 1 {
        key.0.clone()
    } else {
        format!("{}-{}", key.0, key.1)
    };
    Change::new(
        ChangeKind::Relationship,
        change,
        ChangeId::Text(id),
        format!(
            "{} and {}: {}",
            name_of(case, &relationship.between[0]),
            name_of(case, &relationship.between[1]),
            kind_name(relationship.kind)
        ),
    )
}

pub(super) fn relationship_dated(
    case: &Case,
    relationship: &Relationship,
    index: usize,
    period: Period,
    edited: Option<Vec<FieldChange>>,
) -> Option<Change> {
    let began = relationship
        .span
        .from
        .filter(|f| period.contains(f.start()));
    let ended = relationship.span.to.filter(|t| period.contains(t.start()));
    let change = match (began, ended) {
        (_, Some(_)) => ChangeType::Ended,
        (Some(_), None) => ChangeType::Added,
        (None, None) => return None,
    };
    let key = &relationship_keys(case)[index];
    let mut out = relationship_change(case, relationship, key, change);
    out.index = Some(index);
    out.date = ended.or(began).map(|d| d.to_case_text());
    out.fields = edited.unwrap_or_default();
    Some(out)
}

pub(super) fn relationships_between(earlier: &Case, now: &Case, period: Period) -> Vec<Change> {
    let (old_keys, new_keys) = (relationship_keys(earlier), relationship_keys(now));
    let how = "matched by the two people and its place among their relationships";
    let mut changes = Vec::new();
    for (index, relationship) in now.relationships.iter().enumerate() {
        let key = &new_keys[index];
        match old_keys.iter().position(|k| k == key) {
            None => {
                let mut change = relationship_change(now, relationship, key, ChangeType::Added);
                change.index = Some(index);
                changes.push(change);
            }
            Some(i) => {
                let fields = differences(
                    &relationship_fields(&earlier.relationships[i]),
                    &relationship_fields(relationship),
                );
                let ended =
                    relationship_dated(now, relationship, index, period, Some(fields.clone()))
                        .filter(|c| c.change == ChangeType::Ended);
                let change = match ended {
                    Some(change) => Some(change),
                    None if !fields.is_empty() => {
                        let mut change =
                            relationship_change(now, relationship, key, ChangeType::Edited);
                        change.fields = fields;
                        change.index = Some(index);
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
    for (i, relationship) in earlier.relationships.iter().enumerate() {
        if !new_keys.contains(&old_keys[i]) {
            changes.push(relationship_change(
                earlier,
                relationship,
                &old_keys[i],
                ChangeType::Removed,
            ));
        }
    }
    changes
}
