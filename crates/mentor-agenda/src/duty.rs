//! Duties and findings of one case as plain data: what the agenda, the calendar feed and a
//! case store keep, built once from an evaluation and worded by mentor-eval's `explain`.

use crate::agenda::Query;
use chrono::NaiveDate;
use mentor_check::Model;
use mentor_check::model::RuleId;
use mentor_diagnostics::LineIndex;
use mentor_eval::Case;
use mentor_eval::explain::Words;
use mentor_eval::outcome::{Evaluation, Obligation, Violation};
use mentor_eval::report::EventRef;
use mentor_syntax::ast::ModalityKind;
use serde::{Deserialize, Serialize};

/// How binding a duty or a finding is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Must,
    Should,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Must => "must",
            Severity::Should => "should",
        }
    }
}

impl From<ModalityKind> for Severity {
    fn from(kind: ModalityKind) -> Self {
        match kind {
            ModalityKind::Must => Severity::Must,
            ModalityKind::Should => Severity::Should,
        }
    }
}

/// One open duty of one case: someone owes an action, maybe by a date.
///
/// The fields are those of a `next` item (`../shared/cases-contract.md`) plus `case` and
/// `what`; `overdue` and the band are not stored, since they depend on the day it is read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Duty {
    /// The case's name.
    pub case: String,
    /// The rule's name in the policy.
    pub rule: String,
    /// The participant id who must act; `None` when nobody in the case holds the role.
    pub party: Option<String>,
    /// The role who must act.
    pub role: String,
    /// The event names that would meet it.
    pub actions: Vec<String>,
    /// The participant the action concerns, when known.
    pub to: Option<String>,
    /// The last day on which acting is on time; `None` when the rule sets no deadline.
    pub due: Option<NaiveDate>,
    /// The day it was triggered: the start of its window.
    pub since: NaiveDate,
    pub severity: Severity,
    /// What is owed, after the party's name: `must mentor_responded or mentor_declined to amara`.
    pub what: String,
    /// Why it is owed, for a coordinator.
    pub because: String,
    /// What happens if it is missed.
    pub if_missed: String,
    /// The events that triggered it.
    pub events: Vec<EventRef>,
    /// The line of the rule in the policy file.
    pub line: u32,
}

impl Duty {
    /// What makes this duty the same duty from one day (or one policy) to the next: the
    /// case, the rule, who owes it, to whom, and the day it started. Its due date is not
    /// part of it, so a duty whose date moves keeps its identity (and its calendar entry).
    pub fn key(&self) -> String {
        format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.case,
            self.rule,
            self.party.as_deref().unwrap_or(""),
            self.to.as_deref().unwrap_or(""),
            self.since
        )
    }

    /// Whether the duty is past its due date on `as_of`.
    pub fn overdue(&self, as_of: NaiveDate) -> bool {
        self.due.is_some_and(|d| as_of > d)
    }
}

/// A broken rule of one case: a `violations` item of `next`, with the case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    pub case: String,
    pub rule: String,
    pub party: Option<String>,
    pub severity: Severity,
    /// The day it broke.
    pub at: NaiveDate,
    pub message: String,
    pub events: Vec<EventRef>,
    pub line: u32,
}

impl Finding {
    /// What makes this finding the same from one policy to the next.
    pub fn key(&self) -> String {
        format!(
            "{}\u{1f}{}\u{1f}{}\u{1f}{}",
            self.case,
            self.rule,
            self.party.as_deref().unwrap_or(""),
            self.at
        )
    }
}

/// Whether a participant of a case may take part in their role.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Eligibility {
    pub case: String,
    pub participant: String,
    pub role: String,
    /// `None` when it cannot be told (a fact the criteria need was never recorded).
    pub eligible: Option<bool>,
    pub because: String,
}

/// Everything the agenda needs of one case on one date.
#[derive(Debug, Clone, PartialEq, Default, Serialize, Deserialize)]
pub struct Answer {
    pub case: String,
    /// Open duties, in the order `next` lists them (by due date, undated last).
    pub duties: Vec<Duty>,
    /// Every broken rule up to the date.
    pub findings: Vec<Finding>,
    pub eligibility: Vec<Eligibility>,
    /// Dates that could not be worked out: the answer is incomplete.
    pub errors: Vec<String>,
}

/// A checked policy ready to answer many cases: the model, its text (to quote conditions)
/// and the line of each rule, worked out once.
pub struct Policy<'a> {
    pub model: &'a Model,
    pub text: &'a str,
    lines: Vec<u32>,
}

impl<'a> Policy<'a> {
    pub fn new(model: &'a Model, text: &'a str) -> Self {
        let index = LineIndex::new(text);
        let lines = model
            .rules
            .iter()
            .map(|r| index.line_col(text, r.span.start()).line)
            .collect();
        Policy { model, text, lines }
    }

    fn line(&self, rule: RuleId) -> u32 {
        self.lines.get(rule.index()).copied().unwrap_or(0)
    }

    fn rule_name(&self, rule: RuleId) -> String {
        self.model
            .rule(rule)
            .map_or_else(String::new, |r| r.name.clone())
    }

    fn words<'c>(&'c self, case: &'c Case) -> Words<'c> {
        Words {
            model: self.model,
            case,
            policy_text: self.text,
        }
    }

    fn event_ref(&self, case: &Case, index: u32) -> Option<EventRef> {
        let e = case.event(index)?;
        Some(EventRef {
            event: self.model.event_name(e.event).to_string(),
            at: if e.has_time {
                e.at.format("%Y-%m-%dT%H:%M:%S").to_string()
            } else {
                e.date.to_string()
            },
            by: case.id_of(e.by).to_string(),
            to: e.to.map(|t| case.id_of(t).to_string()),
        })
    }

    /// One open obligation as a duty.
    pub fn duty(&self, case: &Case, o: &Obligation) -> Duty {
        let words = self.words(case);
        Duty {
            case: case.id.clone(),
            rule: self.rule_name(o.rule),
            party: o.party.map(|p| case.id_of(p).to_string()),
            role: self.model.role_name(o.role).to_string(),
            actions: o
                .actions
                .iter()
                .map(|a| self.model.event_name(*a).to_string())
                .collect(),
            to: o.counterpart.map(|c| case.id_of(c).to_string()),
            due: o.due,
            since: o.since,
            severity: o.severity.into(),
            what: words.owes(o),
            because: words.because(o),
            if_missed: words.if_missed(o),
            events: o
                .events
                .iter()
                .filter_map(|&i| self.event_ref(case, i))
                .collect(),
            line: self.line(o.rule),
        }
    }

    /// The open duties of an evaluated case, in the order `next` lists them.
    pub fn duties(&self, case: &Case, evaluation: &Evaluation) -> Vec<Duty> {
        evaluation
            .next()
            .into_iter()
            .map(|o| self.duty(case, o))
            .collect()
    }

    fn finding(&self, case: &Case, words: &Words, v: &Violation) -> Finding {
        Finding {
            case: case.id.clone(),
            rule: self.rule_name(v.rule),
            party: v.party.map(|p| case.id_of(p).to_string()),
            severity: v.severity.into(),
            at: v.at,
            message: words.message(v),
            events: v
                .events
                .iter()
                .filter_map(|&i| self.event_ref(case, i))
                .collect(),
            line: self.line(v.rule),
        }
    }

    /// The broken rules of an evaluated case.
    pub fn findings(&self, case: &Case, evaluation: &Evaluation) -> Vec<Finding> {
        let words = self.words(case);
        evaluation
            .violations
            .iter()
            .map(|v| self.finding(case, &words, v))
            .collect()
    }

    /// What a query shows of an evaluated case: only those duties and findings are worded
    /// (wording is most of the cost of a case), and eligibility is left out.
    pub fn answer_for(&self, query: &Query, case: &Case, evaluation: &Evaluation) -> Answer {
        let words = self.words(case);
        let party = |p: Option<u32>| p.map(|p| case.id_of(p));
        let duties = evaluation
            .next()
            .into_iter()
            .filter(|o| {
                query.wants(
                    &case.id,
                    party(o.party),
                    self.model.role_name(o.role),
                    o.due,
                )
            })
            .map(|o| self.duty(case, o))
            .collect();
        let findings = evaluation
            .violations
            .iter()
            .filter(|v| query.wants_finding(&case.id, party(v.party), v.at))
            .map(|v| self.finding(case, &words, v))
            .collect();
        Answer {
            case: case.id.clone(),
            duties,
            findings,
            eligibility: Vec::new(),
            errors: self.errors(case, evaluation),
        }
    }

    fn errors(&self, case: &Case, evaluation: &Evaluation) -> Vec<String> {
        let words = self.words(case);
        evaluation
            .errors
            .iter()
            .map(|e| match e.event.map(|i| words.event(i)) {
                Some(event) => format!("{} (counting from {event})", e.message()),
                None => e.message(),
            })
            .collect()
    }

    /// Everything the agenda needs of an evaluated case.
    pub fn answer(&self, case: &Case, evaluation: &Evaluation) -> Answer {
        let errors = self.errors(case, evaluation);
        let words = self.words(case);
        Answer {
            case: case.id.clone(),
            duties: self.duties(case, evaluation),
            findings: self.findings(case, evaluation),
            eligibility: evaluation
                .eligibility
                .iter()
                .map(|e| Eligibility {
                    case: case.id.clone(),
                    participant: case.id_of(e.participant).to_string(),
                    role: self.model.role_name(e.role).to_string(),
                    eligible: e.eligible,
                    because: words.eligibility(e, evaluation.as_of),
                })
                .collect(),
            errors,
        }
    }
}
