//! What a person types to record or correct something (on the command line or in a form),
//! written as case-file JSON so that the case loader checks it exactly as it checks a file.
//!
//! Values given as text are converted to the type the policy declares when they fit (a CSV
//! cell's rules: `yes` for true, `90` for a number); when they do not fit, or the field is
//! unknown, they go in as text and the loader says what is wrong with them.

use crate::canonical::{quote, value};
use crate::document::{Built, Field, Part};
use mentor_check::Model;
use mentor_check::model::FieldDef;

/// An event to record.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewEvent {
    pub event: String,
    pub by: String,
    pub to: Option<String>,
    /// A date (`2027-01-05`) or a date and time (`2027-01-05T09:30`).
    pub at: String,
    /// Data fields as typed: name and value.
    pub data: Vec<(String, String)>,
}

/// A participant to add to a case.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct NewParticipant {
    pub id: String,
    pub role: String,
    /// Facts as typed: name and value.
    pub facts: Vec<(String, String)>,
}

/// What a replacing correction changes; everything not given stays as it was.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Changes {
    pub at: Option<String>,
    pub event: Option<String>,
    pub by: Option<String>,
    /// `Some("")` removes the recipient.
    pub to: Option<String>,
    pub role: Option<String>,
    /// Fields or facts to set; an empty value removes one.
    pub set: Vec<(String, String)>,
}

impl Changes {
    pub fn is_empty(&self) -> bool {
        self == &Changes::default()
    }
}

/// A typed value as JSON: converted when the declared type accepts it, else as text.
fn typed(model: &Model, defs: &[FieldDef], name: &str, text: &str) -> String {
    defs.iter()
        .find(|f| f.name == name)
        .and_then(|f| {
            mentor_eval::load::parse_value(model, f.ty, text)
                .ok()
                .map(|v| value(model, Some(f.ty), &v))
        })
        .unwrap_or_else(|| quote(text))
}

fn fields_part(
    model: &Model,
    defs: &[FieldDef],
    given: &[(String, String)],
    field: fn(String) -> Field,
) -> Part {
    Part::Object(
        given
            .iter()
            .map(|(name, text)| {
                (
                    name.clone(),
                    Some(field(name.clone())),
                    Part::Json(typed(model, defs, name, text)),
                )
            })
            .collect(),
    )
}

pub(crate) fn build_event(model: &Model, e: &NewEvent) -> Built {
    let defs: &[FieldDef] = model
        .event_by_name(&e.event)
        .and_then(|id| model.event(id))
        .map_or(&[], |d| d.fields.as_slice());
    let mut parts = vec![
        ("at".to_string(), Some(Field::At), Part::Json(quote(&e.at))),
        (
            "event".to_string(),
            Some(Field::Event),
            Part::Json(quote(&e.event)),
        ),
        ("by".to_string(), Some(Field::By), Part::Json(quote(&e.by))),
    ];
    if let Some(to) = e.to.as_deref().filter(|t| !t.is_empty()) {
        parts.push(("to".to_string(), Some(Field::To), Part::Json(quote(to))));
    }
    let data: Vec<(String, String)> = e
        .data
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .cloned()
        .collect();
    if !data.is_empty() {
        parts.push((
            "data".to_string(),
            None,
            fields_part(model, defs, &data, Field::Data),
        ));
    }
    Built::object(&parts)
}

pub(crate) fn build_participant(model: &Model, p: &NewParticipant) -> Built {
    let defs: &[FieldDef] = model
        .role_by_name(&p.role)
        .and_then(|id| model.role(id))
        .map_or(&[], |d| d.facts.as_slice());
    let mut parts = vec![
        ("id".to_string(), Some(Field::Id), Part::Json(quote(&p.id))),
        (
            "role".to_string(),
            Some(Field::Role),
            Part::Json(quote(&p.role)),
        ),
    ];
    let facts: Vec<(String, String)> = p
        .facts
        .iter()
        .filter(|(_, v)| !v.trim().is_empty())
        .cloned()
        .collect();
    if !facts.is_empty() {
        parts.push((
            "facts".to_string(),
            None,
            fields_part(model, defs, &facts, Field::Fact),
        ));
    }
    Built::object(&parts)
}

/// A JSON value as typed text again (`90`, `true`, `2027-01-05`).
fn as_typed(v: &serde_json::Value) -> String {
    match v {
        serde_json::Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn pairs(v: Option<&serde_json::Value>) -> Vec<(String, String)> {
    v.and_then(|v| v.as_object())
        .map(|o| o.iter().map(|(k, v)| (k.clone(), as_typed(v))).collect())
        .unwrap_or_default()
}

/// Applies changes to what `name`/`value` pairs say: changed ones in place, new ones after.
fn merge(mut old: Vec<(String, String)>, set: &[(String, String)]) -> Vec<(String, String)> {
    for (name, value) in set {
        match old.iter_mut().find(|(n, _)| n == name) {
            Some(slot) => slot.1 = value.clone(),
            None => old.push((name.clone(), value.clone())),
        }
    }
    old.retain(|(_, v)| !v.trim().is_empty());
    old
}

/// An event as it would read with `changes` applied to what `payload` says.
pub(crate) fn changed_event(payload: &serde_json::Value, changes: &Changes) -> NewEvent {
    let text = |key: &str| {
        payload
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    NewEvent {
        at: changes.at.clone().unwrap_or_else(|| text("at")),
        event: changes.event.clone().unwrap_or_else(|| text("event")),
        by: changes.by.clone().unwrap_or_else(|| text("by")),
        to: match &changes.to {
            Some(t) => Some(t.clone()),
            None => payload
                .get("to")
                .and_then(|v| v.as_str())
                .map(str::to_string),
        },
        data: merge(pairs(payload.get("data")), &changes.set),
    }
}

/// A participant as it would read with `changes` applied to what `payload` says.
pub(crate) fn changed_participant(
    payload: &serde_json::Value,
    changes: &Changes,
) -> NewParticipant {
    let text = |key: &str| {
        payload
            .get(key)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    NewParticipant {
        id: text("id"),
        role: changes.role.clone().unwrap_or_else(|| text("role")),
        facts: merge(pairs(payload.get("facts")), &changes.set),
    }
}
