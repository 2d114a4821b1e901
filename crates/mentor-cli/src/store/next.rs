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
    pub fail_on: &'a [crate::answer::FailOn],
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
    let name = format!("policy version {}", policy.version);
    crate::answer::print(
        policy.model(),
        &stored.case,
        as_of,
        &crate::answer::How {
            json: ask.json,
            with_rules: ask.with_rules,
            policy_name: &name,
            policy_text: &policy.text,
            at_given: ask.at.is_some(),
            fail_on: ask.fail_on,
            assumed: &[],
        },
    )
}
