//! `mentor next CASE` and `mentor run CASE` on a store: the case as it stands, evaluated
//! under the current policy (or an earlier version, to explain an old answer).

use super::{CommandLine, StoreArg, print_case_error};
use crate::Outcome;
use mentor_store::CaseError;

/// What to print for one stored case.
pub struct Ask<'a> {
    pub case: &'a str,
    pub store: &'a StoreArg,
    pub version: Option<i64>,
    pub at: Option<chrono::NaiveDate>,
    pub json: bool,
    pub with_rules: bool,
}

pub fn run(ask: &Ask<'_>) -> Outcome {
    let mut store = match ask.store.open() {
        Ok(s) => s,
        Err(o) => return o,
    };
    let stored = match store.case(ask.case, ask.version) {
        Ok(s) => s,
        Err(CaseError::Invalid(rejected)) => {
            let n = super::print_rejected(&rejected, &CommandLine::new(&["next", ask.case]));
            eprintln!(
                "the stored case does not load under policy version {}: {}",
                ask.version
                    .map_or_else(|| "(current)".to_string(), |v| v.to_string()),
                super::problems(n)
            );
            return Outcome::Problems;
        }
        Err(e) => return print_case_error(&e, &CommandLine::new(&["next", ask.case])),
    };
    let policy = &stored.policy;
    let as_of = ask.at.unwrap_or_else(super::today);
    let evaluation = mentor_eval::evaluate(policy.model(), &stored.case, as_of);
    let mut outcome = Outcome::Ok;
    if !evaluation.errors.is_empty() {
        eprintln!(
            "error: some dates could not be worked out; the answer is incomplete (see `errors`)"
        );
        outcome = Outcome::Problems;
    }
    let report = mentor_eval::report::build(
        policy.model(),
        &stored.case,
        &evaluation,
        &policy.text,
        ask.with_rules,
    );
    if ask.json {
        match serde_json::to_string_pretty(&report) {
            Ok(s) => outln!("{s}"),
            Err(e) => {
                crate::files::trouble(&format!("cannot write JSON: {e}"));
                return Outcome::Trouble;
            }
        }
    } else {
        let name = format!("policy version {}", policy.version);
        out!(
            "{}",
            mentor_eval::text::render(&report, &name, &policy.text)
        );
    }
    outcome
}
