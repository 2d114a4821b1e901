//! The JSON that `mentor next` and `mentor run` print: the one definition of its shape.
//!
//! The fields of `../shared/cases-contract.md` are kept exactly; every extra field is
//! optional for readers (`role`, `to`, `what`, `month`, `since`, `events`, `line`,
//! `to` and `if_missed` on violations, `cannot_tell` on eligibility, and `rules` and `ended`
//! for `run`).

use crate::case::Case;
use crate::explain::Words;
use crate::outcome::{Detail, Evaluation, State, ViolationKind};
use chrono::NaiveDate;
use mentor_check::Model;
use mentor_check::model::RuleId;
use mentor_diagnostics::LineIndex;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Report {
    pub case: String,
    pub as_of: NaiveDate,
    pub next: Vec<NextItem>,
    pub violations: Vec<ViolationItem>,
    pub eligibility: Vec<EligibilityItem>,
    /// Every rule's status; printed by `mentor run` only.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub rules: Option<Vec<RuleItem>>,
    /// What stopped being owed before it was done, and why; printed by `mentor run` only.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub ended: Option<Vec<EndedItem>>,
    /// Dates that could not be computed (a calendar's years exceeded): the answer is incomplete.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub errors: Vec<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NextItem {
    pub rule: String,
    /// The participant id who must act; null when nobody in the case holds the role.
    pub party: Option<String>,
    pub actions: Vec<String>,
    pub due: Option<NaiveDate>,
    pub overdue: bool,
    pub severity: String,
    pub because: String,
    pub if_missed: String,
    /// The role who must act.
    pub role: String,
    /// The participant the action concerns, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub to: Option<String>,
    /// What the party must or should do, in words: `reply to amara's request`.
    #[serde(default)]
    pub what: String,
    /// For a monthly duty, the month it is for: `2026-11`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub month: Option<String>,
    /// The day it was triggered.
    pub since: NaiveDate,
    /// The events that triggered it.
    pub events: Vec<EventRef>,
    /// The line of the rule in the policy file.
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ViolationItem {
    pub rule: String,
    pub party: Option<String>,
    pub severity: String,
    pub at: NaiveDate,
    pub message: String,
    /// For a duty missed, the participant it concerned, when known.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub to: Option<String>,
    /// What the policy says follows (its `if missed`), when it says.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub if_missed: Option<String>,
    /// For a monthly duty missed, the month it was for: `2026-11`.
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub month: Option<String>,
    pub events: Vec<EventRef>,
    pub line: u32,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EligibilityItem {
    pub participant: String,
    pub role: String,
    /// True only when the criteria are met; false when they are not, or cannot be told.
    pub eligible: bool,
    /// True when it cannot be told, since a fact it depends on is not recorded.
    #[serde(skip_serializing_if = "std::ops::Not::not", default)]
    pub cannot_tell: bool,
    pub because: String,
}

/// Something that stopped being owed before it was done (`mentor run`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EndedItem {
    pub rule: String,
    pub party: Option<String>,
    /// What was owed, in words.
    pub what: String,
    /// The day it stopped being owed.
    pub at: NaiveDate,
    /// Why, in words.
    pub because: String,
    pub line: u32,
}

/// An event of the case, as written there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EventRef {
    pub event: String,
    pub at: String,
    pub by: String,
    #[serde(skip_serializing_if = "Option::is_none", default)]
    pub to: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct RuleItem {
    pub rule: String,
    pub kind: String,
    pub severity: String,
    /// met, pending, overdue, violated or not triggered.
    pub status: String,
    pub line: u32,
}

/// Builds the report of an evaluation. `with_rules` adds every rule's status (`mentor run`).
pub fn build(
    model: &Model,
    case: &Case,
    evaluation: &Evaluation,
    policy_text: &str,
    with_rules: bool,
) -> Report {
    let words = Words {
        model,
        case,
        policy_text,
    };
    let index = LineIndex::new(policy_text);
    let line_of = |rule: RuleId| {
        model
            .rule(rule)
            .map_or(0, |r| index.line_col(policy_text, r.span.start()).line)
    };
    let event_ref = |i: &u32| {
        case.event(*i).map(|e| EventRef {
            event: model.event_name(e.event).to_string(),
            at: if e.has_time {
                e.at.format("%Y-%m-%dT%H:%M:%S").to_string()
            } else {
                e.date.to_string()
            },
            by: case.id_of(e.by).to_string(),
            to: e.to.map(|t| case.id_of(t).to_string()),
        })
    };
    let rule_name = |rule: RuleId| {
        model
            .rule(rule)
            .map_or_else(String::new, |r| r.name.clone())
    };
    let month_of = |d: &Detail| match d {
        Detail::Monthly { month } => Some(month.format("%Y-%m").to_string()),
        _ => None,
    };
    let next = evaluation
        .next()
        .into_iter()
        .map(|o| NextItem {
            rule: rule_name(o.rule),
            party: o.party.map(|p| case.id_of(p).to_string()),
            actions: o
                .actions
                .iter()
                .map(|a| model.event_name(*a).to_string())
                .collect(),
            due: o.due,
            overdue: o.due.is_some_and(|d| evaluation.as_of > d),
            severity: o.severity.as_str().to_string(),
            because: words.because(o),
            if_missed: words.if_missed(o),
            role: model.role_name(o.role).to_string(),
            to: o.counterpart.map(|c| case.id_of(c).to_string()),
            what: words.to_do(&o.actions, o.party, o.counterpart),
            month: month_of(&o.detail),
            since: o.since,
            events: o.events.iter().filter_map(event_ref).collect(),
            line: line_of(o.rule),
        })
        .collect();
    let violations = evaluation
        .violations
        .iter()
        .map(|v| ViolationItem {
            rule: rule_name(v.rule),
            party: v.party.map(|p| case.id_of(p).to_string()),
            severity: v.severity.as_str().to_string(),
            at: v.at,
            message: words.message(v),
            to: match &v.kind {
                ViolationKind::Missed {
                    counterpart: Some(c),
                    ..
                } => Some(case.id_of(*c).to_string()),
                _ => None,
            },
            if_missed: words.consequence(v),
            month: match (&v.kind, model.rule(v.rule).map(|r| &r.kind)) {
                (
                    ViolationKind::Missed { due, .. },
                    Some(mentor_check::model::RuleKind::Recurring { .. }),
                ) => Some(due.format("%Y-%m").to_string()),
                _ => None,
            },
            events: v.events.iter().filter_map(event_ref).collect(),
            line: line_of(v.rule),
        })
        .collect();
    let eligibility = evaluation
        .eligibility
        .iter()
        .map(|e| EligibilityItem {
            participant: case.id_of(e.participant).to_string(),
            role: model.role_name(e.role).to_string(),
            eligible: e.eligible == Some(true),
            cannot_tell: e.eligible.is_none(),
            because: e.because.clone(),
        })
        .collect();
    let rules = with_rules.then(|| {
        model
            .rules
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let id = RuleId(i as u32);
                RuleItem {
                    rule: r.name.clone(),
                    kind: r.kind.describe().to_string(),
                    severity: r.severity.as_str().to_string(),
                    status: evaluation.status(id).as_str().to_string(),
                    line: line_of(id),
                }
            })
            .collect()
    });
    let ended = with_rules.then(|| {
        evaluation
            .obligations
            .iter()
            .filter_map(|o| match o.state {
                State::Closed { by, why } => Some(EndedItem {
                    rule: rule_name(o.rule),
                    party: o.party.map(|p| case.id_of(p).to_string()),
                    what: words.to_do(&o.actions, o.party, o.counterpart),
                    at: case.event(by).map_or(evaluation.as_of, |e| e.date),
                    because: words.ended(why, by, o.rule),
                    line: line_of(o.rule),
                }),
                _ => None,
            })
            .collect()
    });
    let errors = evaluation
        .errors
        .iter()
        .map(|e| match e.event.and_then(|i| event_ref(&i)) {
            Some(ev) => format!(
                "{} (counting from {} by {} on {})",
                e.message, ev.event, ev.by, ev.at
            ),
            None => e.message.clone(),
        })
        .collect();
    Report {
        case: case.id.clone(),
        as_of: evaluation.as_of,
        next,
        violations,
        eligibility,
        rules,
        ended,
        errors,
    }
}
