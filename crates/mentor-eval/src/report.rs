//! The JSON that `mentor next` and `mentor run` print: the one definition of its shape.
//!
//! The fields of `../shared/cases-contract.md` are kept exactly; every extra field is
//! optional for readers (`role`, `to`, `what`, `month`, `since`, `events`, `line`,
//! `to` and `if_missed` on violations, `cannot_tell` on eligibility, and `rules` and `ended`
//! for `run`).

use crate::case::Case;
use crate::explain::Words;
use crate::outcome::{
    Detail, Eligibility, Evaluation, Obligation, RuleStatus, State, Violation, ViolationKind,
};
use chrono::NaiveDate;
use mentor_check::Model;
use mentor_check::model::{KindOfRule, RuleId, RuleKind};
use mentor_diagnostics::LineIndex;
use mentor_syntax::ast::ModalityKind;
use serde::{Deserialize, Serialize};

/// `must` or `should`: how binding a duty or a broken rule is.
pub type Severity = ModalityKind;

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
    #[serde(with = "as_words::severity")]
    pub severity: Severity,
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
    #[serde(with = "as_words::severity")]
    pub severity: Severity,
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
    #[serde(with = "as_words::kind")]
    pub kind: KindOfRule,
    #[serde(with = "as_words::severity")]
    pub severity: Severity,
    /// met, pending, overdue, violated or not triggered.
    pub status: RuleStatus,
    pub line: u32,
}

/// Typed fields written as the words the contract names (`"must"`, `"escalation ladder"`).
mod as_words {
    macro_rules! words {
        ($name:ident, $ty:ty, $from:path) => {
            pub mod $name {
                use serde::de::Error;
                use serde::{Deserialize, Deserializer, Serializer};

                pub fn serialize<S: Serializer>(value: &$ty, s: S) -> Result<S::Ok, S::Error> {
                    s.serialize_str(value.as_str())
                }

                pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<$ty, D::Error> {
                    let word = String::deserialize(d)?;
                    $from(&word).ok_or_else(|| D::Error::custom(format!("unknown word `{word}`")))
                }
            }
        };
    }

    words!(
        severity,
        crate::report::Severity,
        crate::report::Severity::from_word
    );
    words!(
        kind,
        mentor_check::model::KindOfRule,
        mentor_check::model::KindOfRule::from_words
    );
}

/// Builds the report of an evaluation. `with_rules` adds every rule's status (`mentor run`).
pub fn build(
    model: &Model,
    case: &Case,
    evaluation: &Evaluation,
    policy_text: &str,
    with_rules: bool,
) -> Report {
    let shape = Shape {
        model,
        case,
        evaluation,
        policy_text,
        words: Words {
            model,
            case,
            policy_text,
        },
        index: LineIndex::new(policy_text),
    };
    Report {
        case: case.id.clone(),
        as_of: evaluation.as_of,
        next: evaluation
            .next()
            .into_iter()
            .map(|o| shape.next(o))
            .collect(),
        violations: evaluation
            .violations
            .iter()
            .map(|v| shape.violation(v))
            .collect(),
        eligibility: evaluation
            .eligibility
            .iter()
            .map(|e| shape.eligibility(e))
            .collect(),
        rules: with_rules.then(|| shape.rules()),
        ended: with_rules.then(|| shape.ended()),
        errors: shape.errors(),
    }
}

/// What the report's items are made from: the evaluation, and the words for it.
struct Shape<'a> {
    model: &'a Model,
    case: &'a Case,
    evaluation: &'a Evaluation,
    policy_text: &'a str,
    words: Words<'a>,
    index: LineIndex,
}

impl Shape<'_> {
    fn line_of(&self, rule: RuleId) -> u32 {
        self.model.rule(rule).map_or(0, |r| {
            self.index.line_col(self.policy_text, r.span.start()).line
        })
    }

    fn rule_name(&self, rule: RuleId) -> String {
        self.model
            .rule(rule)
            .map_or_else(String::new, |r| r.name.clone())
    }

    fn id_of(&self, p: Option<u32>) -> Option<String> {
        p.map(|p| self.case.id_of(p).to_string())
    }

    fn event_ref(&self, i: u32) -> Option<EventRef> {
        let (model, case) = (self.model, self.case);
        case.event(i).map(|e| EventRef {
            event: model.event_name(e.event).to_string(),
            at: if e.has_time {
                e.at.format("%Y-%m-%dT%H:%M:%S").to_string()
            } else {
                e.date.to_string()
            },
            by: case.id_of(e.by).to_string(),
            to: e.to.map(|t| case.id_of(t).to_string()),
        })
    }

    fn event_refs(&self, events: &[u32]) -> Vec<EventRef> {
        events.iter().filter_map(|&i| self.event_ref(i)).collect()
    }

    fn next(&self, o: &Obligation) -> NextItem {
        NextItem {
            rule: self.rule_name(o.rule),
            party: self.id_of(o.party),
            actions: o
                .actions
                .iter()
                .map(|a| self.model.event_name(*a).to_string())
                .collect(),
            due: o.due,
            overdue: o.due.is_some_and(|d| self.evaluation.as_of > d),
            severity: o.severity,
            because: self.words.because(o),
            if_missed: self.words.if_missed(o),
            role: self.model.role_name(o.role).to_string(),
            to: self.id_of(o.counterpart),
            what: self.words.to_do(&o.actions, o.party, o.counterpart),
            month: match o.detail {
                Detail::Monthly { month } => Some(month.format("%Y-%m").to_string()),
                _ => None,
            },
            since: o.since,
            events: self.event_refs(&o.events),
            line: self.line_of(o.rule),
        }
    }

    fn violation(&self, v: &Violation) -> ViolationItem {
        let monthly = matches!(
            self.model.rule(v.rule).map(|r| &r.kind),
            Some(RuleKind::Recurring { .. })
        );
        ViolationItem {
            rule: self.rule_name(v.rule),
            party: self.id_of(v.party),
            severity: v.severity,
            at: v.at,
            message: self.words.message(v),
            to: match &v.kind {
                ViolationKind::Missed { counterpart, .. } => self.id_of(*counterpart),
                _ => None,
            },
            if_missed: self.words.consequence(v),
            month: match &v.kind {
                ViolationKind::Missed { due, .. } if monthly => {
                    Some(due.format("%Y-%m").to_string())
                }
                _ => None,
            },
            events: self.event_refs(&v.events),
            line: self.line_of(v.rule),
        }
    }

    fn eligibility(&self, e: &Eligibility) -> EligibilityItem {
        EligibilityItem {
            participant: self.case.id_of(e.participant).to_string(),
            role: self.model.role_name(e.role).to_string(),
            eligible: e.eligible == Some(true),
            cannot_tell: e.eligible.is_none(),
            because: self.words.eligibility(e, self.evaluation.as_of),
        }
    }

    fn rules(&self) -> Vec<RuleItem> {
        let rules = self.model.rules.iter().enumerate();
        rules
            .map(|(i, r)| {
                let id = RuleId(i as u32);
                RuleItem {
                    rule: r.name.clone(),
                    kind: r.kind.kind(),
                    severity: r.severity,
                    status: self.evaluation.status(id),
                    line: self.line_of(id),
                }
            })
            .collect()
    }

    fn ended(&self) -> Vec<EndedItem> {
        let obligations = self.evaluation.obligations.iter();
        obligations
            .filter_map(|o| match o.state {
                State::Closed { by, why } => Some(EndedItem {
                    rule: self.rule_name(o.rule),
                    party: self.id_of(o.party),
                    what: self.words.to_do(&o.actions, o.party, o.counterpart),
                    at: self
                        .case
                        .event(by)
                        .map_or(self.evaluation.as_of, |e| e.date),
                    because: self.words.ended(why, by, o.rule),
                    line: self.line_of(o.rule),
                }),
                _ => None,
            })
            .collect()
    }

    fn errors(&self) -> Vec<String> {
        let errors = self.evaluation.errors.iter();
        errors
            .map(|e| match e.event.and_then(|i| self.event_ref(i)) {
                Some(ev) => format!(
                    "{} (counting from {} by {} on {})",
                    e.message(),
                    ev.event,
                    ev.by,
                    ev.at
                ),
                None => e.message(),
            })
            .collect()
    }
}
