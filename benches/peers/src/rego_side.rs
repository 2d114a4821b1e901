//! regorus (Rego): eligibility and the due date, with the bank holidays as data.

use crate::data::{Mentee, PROFESSIONS, Request};
use chrono::NaiveDate;
use regorus::{Engine, Value};

pub const POLICY: &str = r#"
package supportt

import rego.v1

default eligible := false

eligible if {
	input.profession in {"doctor", "dentist"}
	input.postgraduate_trainee == true
	input.out_of_training == true
	input.returning_to_training == true
}

working_day(ns) if {
	not time.weekday(ns) in {"Saturday", "Sunday"}
	not data.holidays[substring(time.format(ns), 0, 10)]
}

due := day if {
	start := time.parse_rfc3339_ns(concat("", [input.requested, "T00:00:00Z"]))
	days := [ns | some k in numbers.range(1, 20); ns := time.add_date(start, 0, 0, k); working_day(ns)]
	day := substring(time.format(days[4]), 0, 10)
}
"#;

pub fn engine(holidays: impl IntoIterator<Item = NaiveDate>) -> Engine {
    let mut engine = Engine::new();
    engine
        .add_policy("supportt.rego".to_string(), POLICY.to_string())
        .unwrap();
    let days: Vec<String> = holidays
        .into_iter()
        .map(|d| format!(r#""{d}": true"#))
        .collect();
    engine
        .add_data_json(&format!(r#"{{"holidays": {{{}}}}}"#, days.join(", ")))
        .unwrap();
    engine
}

/// A mentee's facts as a Rego value, built from typed values.
pub fn typed_input(m: &Mentee) -> Value {
    let mut input = Value::new_object();
    let object = input.as_object_mut().unwrap();
    if let Some(p) = m.profession {
        object.insert(
            Value::from("profession"),
            Value::from(PROFESSIONS[p as usize]),
        );
    }
    for (name, value) in [
        ("postgraduate_trainee", m.postgraduate_trainee),
        ("out_of_training", m.out_of_training),
        ("returning_to_training", m.returning_to_training),
    ] {
        if let Some(v) = value {
            object.insert(Value::from(name), Value::from(v));
        }
    }
    input
}

pub fn request_input(r: &Request) -> Value {
    let mut input = Value::new_object();
    let object = input.as_object_mut().unwrap();
    object.insert(
        Value::from("requested"),
        Value::from(r.requested.to_string().as_str()),
    );
    input
}

pub fn request_json(r: &Request) -> String {
    format!(r#"{{"requested": "{}"}}"#, r.requested)
}

pub fn eligible(engine: &mut Engine, input: Value) -> bool {
    engine.set_input(input);
    engine
        .eval_rule("data.supportt.eligible".to_string())
        .unwrap()
        == Value::from(true)
}

pub fn eligible_json(engine: &mut Engine, json: &str) -> bool {
    engine.set_input_json(json).unwrap();
    engine
        .eval_rule("data.supportt.eligible".to_string())
        .unwrap()
        == Value::from(true)
}

pub fn due(engine: &mut Engine, input: Value) -> Option<NaiveDate> {
    engine.set_input(input);
    let day = engine.eval_rule("data.supportt.due".to_string()).ok()?;
    NaiveDate::parse_from_str(day.as_string().ok()?, "%Y-%m-%d").ok()
}

pub fn due_json(engine: &mut Engine, json: &str) -> Option<NaiveDate> {
    engine.set_input_json(json).unwrap();
    let day = engine.eval_rule("data.supportt.due".to_string()).ok()?;
    NaiveDate::parse_from_str(day.as_string().ok()?, "%Y-%m-%d").ok()
}
