//! A case for the seed policy the first byte picks (a JSON case file, or a compact script of
//! events that always loads: `mentor_fuzz::scripted_case`), evaluated on every day of two
//! years from its first event. Two properties of records as history:
//!
//! - events after the evaluation date change nothing: the answer on a day is the same for
//!   the whole case and for the case cut at that day;
//! - a violation once reported never disappears: a rule broken by someone on some day is
//!   still reported as broken (that rule, that person, that day) on every later day.
//!
//! And the shortcut for a duty owed by a role's only participant decides what the general
//! path decides (checked on the last day).
//!
//! `MENTOR_FUZZ_SHOW=1` prints the case a failing input makes (as a JSON case file).
#![no_main]

use chrono::{Days, NaiveDate};
use libfuzzer_sys::fuzz_target;
use mentor_eval::Case;
use mentor_eval::outcome::Evaluation;

/// A violation as a fact of history: which rule, who, on which day.
fn violations(evaluation: &Evaluation) -> Vec<(u32, Option<u32>, NaiveDate)> {
    evaluation
        .violations
        .iter()
        .map(|v| (v.rule.0, v.party, v.at))
        .collect()
}

/// Whether `MENTOR_FUZZ_ALLOW_VANISHING_VIOLATIONS` is set: the second property is not
/// checked. The evaluator still lets a later event erase a violation it reported (see
/// `fuzz/findings/README.md`); CI sets this until it no longer does.
fn vanishing_allowed() -> bool {
    static ALLOWED: std::sync::OnceLock<bool> = std::sync::OnceLock::new();
    *ALLOWED.get_or_init(|| std::env::var_os("MENTOR_FUZZ_ALLOW_VANISHING_VIOLATIONS").is_some())
}

fuzz_target!(|data: &[u8]| {
    let Some((selector, rest)) = data.split_first() else {
        return;
    };
    let model = &mentor_fuzz::policy(*selector).checked.model;
    // a case file (the seeds), or a compact script that always makes a case
    let text = match rest.first() {
        Some(b'{') => match std::str::from_utf8(rest) {
            Ok(text) => text.to_string(),
            Err(_) => return,
        },
        _ => mentor_fuzz::scripted_case(model, rest),
    };
    if std::env::var_os("MENTOR_FUZZ_SHOW").is_some() {
        eprintln!("{text}");
    }
    let case = match mentor_eval::load::load_json(model, &text, "fuzz") {
        Ok(case) => case,
        Err(problems) if rest.first() == Some(&b'{') => {
            let _ = problems;
            return;
        }
        Err(problems) => panic!("a scripted case does not load: {problems:?}\n{text}"),
    };
    let Some(first) = case.events.first().map(|e| e.date) else {
        return;
    };
    let roles = model.roles.len();
    let kinds = model.events.len();
    if let Some(last) = case.events.last().map(|e| e.date) {
        let mut general = mentor_eval::Evaluator::new(model).by_the_general_path();
        assert_eq!(
            *general.evaluate(&case, last),
            mentor_eval::evaluate(model, &case, last),
            "the general path and the shortcut differ on {last}"
        );
    }
    let mut reported: Vec<(u32, Option<u32>, NaiveDate)> = Vec::new();
    for day in 0..731 {
        let Some(as_of) = first.checked_add_days(Days::new(day)) else {
            return;
        };
        let evaluation = mentor_eval::evaluate(model, &case, as_of);
        let until_then: Vec<_> = case
            .events
            .iter()
            .filter(|e| e.date <= as_of)
            .cloned()
            .collect();
        let cut = Case::new(
            case.id.clone(),
            case.participants.clone(),
            until_then,
            roles,
            kinds,
        );
        assert_eq!(
            mentor_eval::evaluate(model, &cut, as_of),
            evaluation,
            "events after {as_of} changed the answer on {as_of}"
        );
        let now = violations(&evaluation);
        for old in reported.iter().filter(|_| !vanishing_allowed()) {
            assert!(
                now.contains(old),
                "the violation of rule {} by {:?} on {} was reported, and is gone on {as_of}",
                old.0,
                old.1,
                old.2
            );
        }
        reported = now;
    }
});
