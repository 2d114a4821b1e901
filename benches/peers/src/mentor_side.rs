//! mentor: the SuppoRTT policy as written in `policies/supportt.mentor`, cases built from
//! typed values (`CaseBuilder`) or loaded from JSON.

use crate::data::{Mentee, PROFESSIONS, Request};
use chrono::NaiveDate;
use mentor_check::Model;
use mentor_check::model::RuleId;
use mentor_check::types::Value;
use mentor_eval::{Case, CaseBuilder, Evaluator};

pub const POLICY: &str = include_str!("../../../policies/supportt.mentor");

pub fn model() -> Model {
    let analysis = mentor_check::analyze(POLICY);
    assert!(
        !analysis.has_errors(),
        "policies/supportt.mentor has errors"
    );
    analysis.checked.model
}

/// One case holding every mentee (a roster), built from typed values.
pub fn roster(model: &Model, mentees: &[Mentee]) -> Case {
    let mut b = CaseBuilder::new(model, "roster");
    for (i, m) in mentees.iter().enumerate() {
        add_mentee(&mut b, i, m);
    }
    b.build()
}

fn add_mentee(b: &mut CaseBuilder<'_>, i: usize, m: &Mentee) {
    let p = b.participant(format!("p{i}"), "mentee").unwrap();
    if let Some(prof) = m.profession {
        let v = b
            .symbol("mentee", "profession", PROFESSIONS[prof as usize])
            .unwrap();
        b.fact(p, "profession", v).unwrap();
    }
    for (name, value) in [
        ("postgraduate_trainee", m.postgraduate_trainee),
        ("out_of_training", m.out_of_training),
        ("returning_to_training", m.returning_to_training),
    ] {
        if let Some(v) = value {
            b.fact(p, name, Value::Bool(v)).unwrap();
        }
    }
}

/// A case of one mentee, built from typed values.
pub fn mentee_case(model: &Model, i: usize, m: &Mentee) -> Case {
    let mut b = CaseBuilder::new(model, format!("m{i}"));
    add_mentee(&mut b, i, m);
    b.build()
}

/// A case file of one mentee, as JSON.
pub fn mentee_case_json(i: usize, facts_json: &str) -> String {
    format!(
        r#"{{"case": "m{i}", "participants": [{{"id": "p{i}", "role": "mentee", "facts": {facts_json}}}], "events": []}}"#
    )
}

/// A case with a mentee, a mentor and the mentee's request, built from typed values.
pub fn request_case(model: &Model, i: usize, r: &Request) -> Case {
    let mut b = CaseBuilder::new(model, format!("r{i}"));
    let mentee = b.participant("amara", "mentee").unwrap();
    let mentor = b.participant("ben", "mentor").unwrap();
    b.event(r.requested, "mentoring_requested", mentee, Some(mentor))
        .unwrap();
    b.build()
}

pub fn request_case_json(i: usize, r: &Request) -> String {
    format!(
        r#"{{"case": "r{i}", "participants": [{{"id": "amara", "role": "mentee"}}, {{"id": "ben", "role": "mentor"}}], "events": [{{"at": "{}", "event": "mentoring_requested", "by": "amara", "to": "ben"}}]}}"#,
        r.requested
    )
}

/// Eligibility of the case's only participant, as of a day.
pub fn eligible(evaluator: &Evaluator<'_>, case: &Case, as_of: NaiveDate) -> Option<bool> {
    evaluator.eligible(case, 0, as_of)
}

/// The response's due date: the `respond` rule evaluated on the day of the request (with
/// what the policy's termination paths end), and its duty's due date read.
pub fn due(evaluator: &mut Evaluator<'_>, respond: RuleId, case: &Case) -> Option<NaiveDate> {
    let day = case.events.first()?.date;
    let evaluation = evaluator.rule(case, day, respond);
    evaluation
        .obligations
        .iter()
        .find(|o| o.rule == respond)
        .and_then(|o| o.due)
}
