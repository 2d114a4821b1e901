//! The answer of `mentor next` and `mentor run` for one case, from a file or from a store:
//! evaluated, printed as text or JSON, with a note about events after the date, and the
//! exit code that `--fail-on` asks for.

use crate::Outcome;
use chrono::NaiveDate;
use mentor_eval::Case;
use mentor_eval::report::Report;

/// What makes `next`, `run` or `agenda` end with exit code 1, for scripts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum FailOn {
    /// Something owed is past its due date
    Overdue,
    /// A rule has been broken
    Violations,
}

/// How to print one answer.
pub struct How<'a> {
    pub json: bool,
    pub with_rules: bool,
    /// Named in the text's quotes of rules: the policy file, or `policy version N`.
    pub policy_name: &'a str,
    pub policy_text: &'a str,
    /// The date was given with `--at` (the note about later events says how to move it).
    pub at_given: bool,
    pub fail_on: &'a [FailOn],
    /// What `--with` assumed, said before the answer.
    pub assumed: &'a [String],
}

/// Evaluates `case` on `as_of` and prints the answer.
pub fn print(model: &mentor_check::Model, case: &Case, as_of: NaiveDate, how: &How<'_>) -> Outcome {
    let evaluation = mentor_eval::evaluate(model, case, as_of);
    let mut outcome = Outcome::Ok;
    if !evaluation.errors.is_empty() {
        eprintln!(
            "error: some dates could not be worked out; the answer is incomplete (see `errors`)"
        );
        outcome = Outcome::Problems;
    }
    let report =
        mentor_eval::report::build(model, case, &evaluation, how.policy_text, how.with_rules);
    if how.json {
        for said in how.assumed {
            eprintln!("{said}");
        }
        match serde_json::to_string_pretty(&report) {
            Ok(s) => outln!("{s}"),
            Err(e) => {
                crate::files::trouble(&format!("cannot write JSON: {e}"));
                return Outcome::Trouble;
            }
        }
    } else {
        for said in how.assumed {
            outln!("{said}");
        }
        if !how.assumed.is_empty() {
            outln!();
        }
        let options = mentor_eval::text::Options {
            colour: crate::colour::stdout(),
        };
        out!(
            "{}",
            mentor_eval::text::render_with(&report, how.policy_name, how.policy_text, options)
        );
    }
    note_later_events(case, as_of, how.at_given);
    match failed(&report, how.fail_on) {
        Some(why) => {
            eprintln!("{why}");
            Outcome::Problems
        }
        None => outcome,
    }
}

/// Says on standard error how many events are dated after `as_of`: they are not counted,
/// and a coordinator who forgot `--at` would otherwise read "nothing is owed".
fn note_later_events(case: &Case, as_of: NaiveDate, at_given: bool) {
    let later: Vec<NaiveDate> = case
        .events
        .iter()
        .map(|e| e.date)
        .filter(|&d| d > as_of)
        .collect();
    let Some(last) = later.iter().max() else {
        return;
    };
    let (count, verb, them) = match later.len() {
        1 => ("1 event is".to_string(), "was", "it"),
        n => (format!("{n} events are"), "were", "them"),
    };
    let on = mentor_eval::explain::long_date(as_of);
    let when = if at_given { "" } else { " (today)" };
    eprintln!(
        "note: {count} dated after {on}{when} and {verb} not counted; give `--at {last}` to include {them}"
    );
}

/// Why `--fail-on` fails this answer, if it does.
fn failed(report: &Report, fail_on: &[FailOn]) -> Option<String> {
    verdict(
        Found {
            overdue: report.next.iter().filter(|i| i.overdue).count(),
            broken: report.violations.len(),
        },
        fail_on,
    )
}

/// What an answer or an agenda holds that `--fail-on` may fail on.
#[derive(Clone, Copy, Debug, Default)]
pub struct Found {
    /// Duties past their due date.
    pub overdue: usize,
    /// Broken rules (findings) listed.
    pub broken: usize,
}

impl std::ops::AddAssign for Found {
    fn add_assign(&mut self, other: Found) {
        self.overdue += other.overdue;
        self.broken += other.broken;
    }
}

/// Why `--fail-on` fails, worded for standard error (`--fail-on: 2 overdue duties`), or
/// `None` when nothing it names was found.
pub fn verdict(found: Found, fail_on: &[FailOn]) -> Option<String> {
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("1 {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut why = Vec::new();
    if fail_on.contains(&FailOn::Overdue) && found.overdue > 0 {
        why.push(plural(found.overdue, "overdue duty", "overdue duties"));
    }
    if fail_on.contains(&FailOn::Violations) && found.broken > 0 {
        why.push(plural(found.broken, "broken rule", "broken rules"));
    }
    if why.is_empty() {
        None
    } else {
        Some(format!("--fail-on: {}", why.join(", ")))
    }
}
