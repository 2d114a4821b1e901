//! Duties made by hand, and real answers from the seed policies.

use chrono::NaiveDate;
use mentor_agenda::{Answer, Duty, Policy, Severity};
use std::path::{Path, PathBuf};

pub fn day(text: &str) -> NaiveDate {
    NaiveDate::parse_from_str(text, "%Y-%m-%d").unwrap()
}

pub fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// A duty of `case` owed by `party`, started on `since` and due on `due`.
pub fn duty(case: &str, party: &str, since: &str, due: Option<&str>) -> Duty {
    Duty {
        case: case.to_string(),
        rule: "respond".to_string(),
        party: Some(party.to_string()),
        role: "mentor".to_string(),
        actions: vec![
            "mentor_responded".to_string(),
            "mentor_declined".to_string(),
        ],
        to: Some("amara".to_string()),
        due: due.map(day),
        since: day(since),
        severity: Severity::Must,
        what: "must mentor_responded or mentor_declined to amara".to_string(),
        because: "mentoring_requested by amara to ben; within 5 working days".to_string(),
        if_missed: "a must violation".to_string(),
        events: Vec::new(),
        line: 53,
    }
}

/// The answer for a case file under a policy's text, on a date.
pub fn answer(policy_text: &str, case_file: &str, as_of: &str) -> Answer {
    let analysis = mentor_check::analyze(policy_text);
    assert!(!analysis.has_errors(), "the policy has errors");
    let model = &analysis.checked.model;
    let case_text = std::fs::read_to_string(workspace().join(case_file)).unwrap();
    let case = mentor_eval::load::load_json(model, &case_text, "case").unwrap();
    let evaluation = mentor_eval::evaluate(model, &case, day(as_of));
    Policy::new(model, policy_text).answer(&case, &evaluation)
}

pub fn policy_text(name: &str) -> String {
    std::fs::read_to_string(workspace().join("policies").join(format!("{name}.mentor"))).unwrap()
}
