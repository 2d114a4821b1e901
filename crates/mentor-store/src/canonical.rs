//! What the log keeps of a participant or an event: the case-file JSON of it, written in one
//! canonical way from the values the policy accepted (keys in case-file order, facts and
//! fields in declaration order, `yes` written `true`, times in the programme's clock).
//!
//! A case rebuilt from these texts loads exactly as the case that was recorded.

use chrono::NaiveDateTime;
use mentor_check::Model;
use mentor_check::types::{Unit, Value};
use mentor_eval::{Case, CaseEvent, Participant};

/// A JSON object written key by key, in the order given.
pub(crate) struct Object {
    text: String,
}

impl Object {
    pub fn new() -> Self {
        Object {
            text: String::from("{"),
        }
    }

    fn key(&mut self, key: &str) {
        if self.text.len() > 1 {
            self.text.push_str(", ");
        }
        self.text.push_str(&quote(key));
        self.text.push_str(": ");
    }

    /// Adds an entry whose value is already JSON.
    pub fn raw(&mut self, key: &str, json: &str) {
        self.key(key);
        self.text.push_str(json);
    }

    pub fn string(&mut self, key: &str, value: &str) {
        self.raw(key, &quote(value));
    }

    /// Writes `key` and returns where its entry starts (for a value written next).
    pub fn key_start(&mut self, key: &str) -> usize {
        let before = self.text.len();
        self.key(key);
        if before > 1 { before + 2 } else { before }
    }

    /// Appends raw JSON (after [`Object::key_start`]).
    pub fn push_raw(&mut self, json: &str) {
        self.text.push_str(json);
    }

    pub fn len(&self) -> usize {
        self.text.len()
    }

    pub fn finish(mut self) -> String {
        self.text.push('}');
        self.text
    }
}

/// A JSON string literal.
pub(crate) fn quote(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

/// A value as a case file writes it.
pub(crate) fn value(model: &Model, set_of: Option<mentor_check::types::Ty>, v: &Value) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Int(i) => i.to_string(),
        Value::Text(s) => quote(s),
        Value::Date(d) => quote(&d.to_string()),
        Value::DateTime(t) => quote(&date_time(t)),
        Value::Duration(q) => {
            let unit = match q.unit {
                Some(Unit::Weeks) => "weeks",
                Some(Unit::Months) => "months",
                Some(Unit::Years) => "years",
                _ => "days",
            };
            quote(&format!("{} {unit}", q.value))
        }
        Value::Symbol(i) => match set_of {
            Some(mentor_check::types::Ty::Symbol(set)) => quote(model.symbol_name(set, *i)),
            _ => quote(&i.to_string()),
        },
    }
}

/// `2026-12-21T09:30:00`, with fractions of a second only when there are some.
pub(crate) fn date_time(t: &NaiveDateTime) -> String {
    use chrono::Timelike;
    if t.nanosecond() == 0 {
        t.format("%Y-%m-%dT%H:%M:%S").to_string()
    } else {
        t.format("%Y-%m-%dT%H:%M:%S%.f").to_string()
    }
}

/// A participant as the log keeps it.
pub(crate) fn participant(model: &Model, p: &Participant) -> String {
    let mut o = Object::new();
    o.string("id", &p.id);
    o.string("role", model.role_name(p.role));
    if let Some(def) = model.role(p.role) {
        let facts = fields(model, &def.facts, &p.facts);
        if let Some(facts) = facts {
            o.raw("facts", &facts);
        }
    }
    o.finish()
}

/// An event as the log keeps it.
pub(crate) fn event(model: &Model, case: &Case, e: &CaseEvent) -> String {
    let mut o = Object::new();
    let at = if e.has_time {
        date_time(&e.at)
    } else {
        e.date.to_string()
    };
    o.string("at", &at);
    o.string("event", model.event_name(e.event));
    o.string("by", case.id_of(e.by));
    if let Some(to) = e.to {
        o.string("to", case.id_of(to));
    }
    if let Some(def) = model.event(e.event)
        && let Some(data) = fields(model, &def.fields, &e.data)
    {
        o.raw("data", &data);
    }
    o.finish()
}

/// The given facts or fields as an object in declaration order; `None` when none is given.
fn fields(
    model: &Model,
    defs: &[mentor_check::model::FieldDef],
    values: &[Option<Value>],
) -> Option<String> {
    let mut o = Object::new();
    let mut any = false;
    for (def, v) in defs.iter().zip(values) {
        if let Some(v) = v {
            o.raw(&def.name, &value(model, Some(def.ty), v));
            any = true;
        }
    }
    any.then(|| o.finish())
}

/// Every participant and event of a loaded case as the log keeps them: participants in
/// their order, events in the order they were written (ties keep it).
pub(crate) fn case_items(model: &Model, case: &Case) -> (Vec<String>, Vec<String>) {
    let participants = case
        .participants
        .iter()
        .map(|p| participant(model, p))
        .collect();
    let mut events: Vec<&CaseEvent> = case.events.iter().collect();
    events.sort_by_key(|e| e.order);
    let events = events.into_iter().map(|e| event(model, case, e)).collect();
    (participants, events)
}
