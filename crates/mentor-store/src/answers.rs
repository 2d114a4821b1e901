//! The answers kept ready for each case: its open duties and its findings as of a day, the
//! policy version they were computed under, and the first day on which they may differ.
//!
//! Duties change with new entries, and also with time alone: a future-dated event becomes
//! visible on its day, a missed due date becomes a finding the day after, a monthly duty
//! starts each month. So an answer computed on day D is kept with `valid_until`, the first
//! day it may differ, and is used for any day from D up to the day before; after that the
//! case is evaluated again when it is next asked for. `valid_until` is the earliest of: the
//! next future-dated event, the day after each open duty's due date, the first of next month
//! when the policy has monthly duties, and a year after D. As a safety net the answer is also
//! computed on the day before that date; when it differs, the first day it differs is found
//! by bisection and used instead. Whether a duty is overdue, its band and its warning are not
//! part of the kept answer: the agenda works them out from the due date on the day asked.

use chrono::{Datelike, Days, NaiveDate};
use mentor_agenda::{Duty, Finding};
use mentor_check::Model;
use mentor_check::model::RuleKind;
use mentor_eval::Case;

/// A case's answer as of a day, and how long it holds.
#[derive(Debug, Clone, PartialEq)]
pub struct Answer {
    /// Open duties, in `next` order (whether one is overdue depends on the day it is read).
    pub duties: Vec<Duty>,
    /// Broken rules up to the day.
    pub findings: Vec<Finding>,
    /// Dates that could not be worked out (the answer is incomplete).
    pub errors: Vec<String>,
    pub evaluated_on: NaiveDate,
    /// The first day on which the answer may differ.
    pub valid_until: NaiveDate,
}

impl Answer {
    /// The answer as the agenda takes it.
    pub fn for_agenda(&self, case: &str) -> mentor_agenda::Answer {
        mentor_agenda::Answer {
            case: case.to_string(),
            duties: self.duties.clone(),
            findings: self.findings.clone(),
            eligibility: Vec::new(),
            errors: self.errors.clone(),
        }
    }
}

/// Computes a case's answer on `day`, and how long it holds.
pub fn compute(model: &Model, case: &Case, policy_text: &str, day: NaiveDate) -> Answer {
    let words = mentor_agenda::Policy::new(model, policy_text);
    let project = |on: NaiveDate| {
        let evaluation = mentor_eval::evaluate(model, case, on);
        let mut answer = words.answer(case, &evaluation);
        answer.eligibility.clear();
        answer
    };
    let first = project(day);
    let year_on = day.checked_add_days(Days::new(366)).unwrap_or(day);
    let mut until = year_on;
    if let Some(e) = case.events.iter().find(|e| e.date > day) {
        until = until.min(e.date);
    }
    for d in &first.duties {
        if let Some(due) = d.due
            && due >= day
        {
            until = until.min(due.succ_opt().unwrap_or(due));
        }
    }
    if model
        .rules
        .iter()
        .any(|r| matches!(r.kind, RuleKind::Recurring { .. }))
    {
        until = until.min(first_of_next_month(day));
    }
    // The safety net: nothing may change before `until`.
    let same = |on: NaiveDate| {
        let other = project(on);
        other.duties == first.duties && other.findings == first.findings
    };
    if let Some(last) = until.pred_opt().filter(|l| *l > day)
        && !same(last)
    {
        let (mut lo, mut hi) = (day, last);
        while (hi - lo).num_days() > 1 {
            let mid = lo
                .checked_add_days(Days::new(((hi - lo).num_days() / 2) as u64))
                .unwrap_or(hi);
            if same(mid) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        until = hi;
    }
    Answer {
        duties: first.duties,
        findings: first.findings,
        errors: first.errors,
        evaluated_on: day,
        valid_until: until.max(day.succ_opt().unwrap_or(day)),
    }
}

fn first_of_next_month(day: NaiveDate) -> NaiveDate {
    let (y, m) = if day.month() == 12 {
        (day.year() + 1, 1)
    } else {
        (day.year(), day.month() + 1)
    };
    NaiveDate::from_ymd_opt(y, m, 1).unwrap_or(day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn next_month_starts_on_the_first() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap_or_default();
        assert_eq!(first_of_next_month(d("2026-12-22")), d("2027-01-01"));
        assert_eq!(first_of_next_month(d("2027-01-31")), d("2027-02-01"));
    }
}
