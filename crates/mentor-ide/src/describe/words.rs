//! The small phrases that rule meanings are built from: figures, events, duties, deadlines.

use super::condition::{Scope, condition};
use mentor_check::Model;
use mentor_check::model::{AnchorDef, DeadlineDef, DutyDef, EventId, EventMatch, FactRef, Figure};
use mentor_check::phrase::Tense;
use mentor_check::types::{Quantity, Unit};

/// `5 working days (england_and_wales calendar)`, `18 months`, `4`.
pub(crate) fn quantity(model: &Model, q: Quantity) -> String {
    match q.unit {
        Some(Unit::WorkingDays(c)) => {
            let calendar = model.calendar(c).map_or("?", |c| c.name.as_str());
            format!(
                "{} {} ({calendar} calendar)",
                q.value,
                Unit::WorkingDays(c).word(q.value)
            )
        }
        Some(unit) => format!("{} {}", q.value, unit.word(q.value)),
        None => q.value.to_string(),
    }
}

/// A figure with the dates it changes on: `36 months, becoming 60 months from 2028-01-01`.
pub(crate) fn figure(model: &Model, f: &Figure) -> String {
    let mut out = quantity(model, f.base);
    for (date, value) in &f.changes {
        out.push_str(&format!(
            ", becoming {} from {date}",
            quantity(model, *value)
        ));
    }
    out
}

/// An event's phrase with roles in place of people: `reply to the mentee's request`;
/// `None` when the policy gives the event no phrase.
pub(crate) fn phrase(model: &Model, id: EventId, tense: Tense) -> Option<String> {
    let e = model.event(id)?;
    let phrase = e.phrase.as_ref()?;
    Some(phrase.render(tense, |name| {
        if name == "to" {
            let to: Vec<&str> = e.to.iter().map(|r| model.role_name(*r)).collect();
            if to.is_empty() {
                "someone".to_string()
            } else {
                format!("the {}", either(&to))
            }
        } else {
            format!("the {name}")
        }
    }))
}

/// `session_held`, or with a phrase `session_held (the mentor held a session with the mentee)`.
pub(crate) fn event(model: &Model, id: EventId) -> String {
    let name = model.event_name(id);
    match (phrase(model, id, Tense::Past), model.event(id)) {
        (Some(words), Some(e)) => {
            let by: Vec<&str> = e.by.iter().map(|r| model.role_name(*r)).collect();
            format!("{name} (the {} {words})", either(&by))
        }
        _ => name.to_string(),
    }
}

/// `the first session_held where minutes is 90`.
pub(crate) fn event_match(model: &Model, m: &EventMatch) -> String {
    let mut out = String::new();
    if m.first {
        out.push_str("the first ");
    }
    out.push_str(&event(model, m.event));
    if let Some(filter) = &m.filter {
        out.push_str(" where ");
        out.push_str(&condition(model, filter, Scope::Event(m.event)));
    }
    out
}

/// `the mentor's start_date`, or the bare fact name for the participant being judged.
pub(crate) fn fact(model: &Model, f: FactRef) -> String {
    let name = model
        .role(f.owner)
        .and_then(|r| r.facts.get(f.fact as usize))
        .map_or("?", |d| d.name.as_str());
    match f.role {
        Some(role) => format!("the {}'s {name}", model.role_name(role)),
        None => name.to_string(),
    }
}

/// What a deadline counts from.
pub(crate) fn anchor(model: &Model, a: &AnchorDef) -> String {
    match a {
        AnchorDef::Event(m) => event_match(model, m),
        AnchorDef::LaterOf(x, y) => format!(
            "the later of {} and {}",
            event_match(model, x),
            event_match(model, y)
        ),
        AnchorDef::EarlierOf(x, y) => format!(
            "the earlier of {} and {}",
            event_match(model, x),
            event_match(model, y)
        ),
        AnchorDef::Date(d) => d.to_string(),
        AnchorDef::Fact(f) => {
            let owner = model.role_name(f.owner);
            let name = model
                .role(f.owner)
                .and_then(|r| r.facts.get(f.fact as usize))
                .map_or("?", |d| d.name.as_str());
            format!("the {owner}'s {name}")
        }
    }
}

/// `the mentor must do mentor_responded or mentor_declined to the mentee`; with phrases
/// `the mentor must reply to the mentee's request or decline the mentee's request
/// (mentor_responded or mentor_declined)`.
pub(crate) fn duty(model: &Model, d: &DutyDef) -> String {
    let actions: Vec<&str> = d.actions.iter().map(|e| model.event_name(*e)).collect();
    let phrases: Option<Vec<String>> = d
        .actions
        .iter()
        .map(|e| phrase(model, *e, Tense::Present))
        .collect();
    let mut out = match phrases {
        Some(phrases) => {
            let phrases: Vec<&str> = phrases.iter().map(String::as_str).collect();
            format!(
                "the {} {} {} ({})",
                model.role_name(d.role),
                d.modality.as_str(),
                either(&phrases),
                either(&actions)
            )
        }
        None => format!(
            "the {} {} do {}",
            model.role_name(d.role),
            d.modality.as_str(),
            either(&actions)
        ),
    };
    if let Some(to) = d.to {
        out.push_str(&format!(" to the {}", model.role_name(to)));
    }
    out
}

/// `within 5 working days`, `by 2027-03-31`.
pub(crate) fn deadline(model: &Model, d: &DeadlineDef) -> String {
    match d {
        DeadlineDef::Within(f) => format!("within {}", figure(model, f)),
        DeadlineDef::By(date) => format!("by {date}"),
    }
}

/// `a`, `a or b`, `a, b or c`.
pub(crate) fn either(items: &[&str]) -> String {
    joined(items, "or")
}

/// `a`, `a and b`, `a, b and c`.
pub(crate) fn both(items: &[&str]) -> String {
    joined(items, "and")
}

fn joined(items: &[&str], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} {word} {last}", init.join(", ")),
    }
}
