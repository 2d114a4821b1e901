//! Plain-English wording of obligations and violations for coordinators.

use crate::case::Case;
use crate::outcome::{Detail, Obligation, Violation, ViolationKind};
use chrono::NaiveDate;
use mentor_check::Model;
use mentor_check::model::{EventId, RuleKind};
use mentor_syntax::ast::ModalityKind;

/// What the wording needs: the policy, its text (to quote conditions) and the case.
pub struct Words<'a> {
    pub model: &'a Model,
    pub case: &'a Case,
    pub policy_text: &'a str,
}

impl Words<'_> {
    fn who(&self, p: Option<u32>) -> String {
        p.map_or_else(
            || "nobody in the case".to_string(),
            |p| self.case.id_of(p).to_string(),
        )
    }

    fn event_name(&self, e: EventId) -> &str {
        self.model.event_name(e)
    }

    /// `mentoring_requested by amara to ben on 2026-12-18`
    pub fn event(&self, index: u32) -> String {
        let Some(e) = self.case.event(index) else {
            return "an event".to_string();
        };
        let mut s = format!("{} by {}", self.event_name(e.event), self.case.id_of(e.by));
        if let Some(t) = e.to {
            s.push_str(&format!(" to {}", self.case.id_of(t)));
        }
        s.push_str(&format!(" on {}", e.date));
        s
    }

    fn events(&self, events: &[u32]) -> String {
        let parts: Vec<String> = events.iter().map(|&i| self.event(i)).collect();
        and_list(&parts)
    }

    fn actions(&self, actions: &[EventId]) -> String {
        let names: Vec<String> = actions
            .iter()
            .map(|a| self.event_name(*a).to_string())
            .collect();
        or_list(&names)
    }

    fn rule_name(&self, o_rule: mentor_check::model::RuleId) -> &str {
        self.model.rule(o_rule).map_or("?", |r| r.name.as_str())
    }

    /// What an obligation asks, after the party's name: `must mentor_responded or
    /// mentor_declined to amara` (the agenda's "owes" column).
    pub fn owes(&self, o: &Obligation) -> String {
        let names: Vec<String> = o
            .actions
            .iter()
            .map(|a| self.event_name(*a).to_string())
            .collect();
        let mut s = format!("{} {}", o.severity.as_str(), names.join(" or "));
        if let Some(c) = o.counterpart {
            s.push_str(&format!(" to {}", self.case.id_of(c)));
        }
        s
    }

    /// Why an obligation exists.
    pub fn because(&self, o: &Obligation) -> String {
        match &o.detail {
            Detail::Deadline { within } => {
                let trigger = if o.events.is_empty() {
                    format!("from {}", o.since)
                } else {
                    self.events(&o.events)
                };
                let later = if o.events.len() > 1 {
                    " (counted from the later)"
                } else {
                    ""
                };
                match (within, o.due) {
                    (Some(q), _) => format!("{trigger}; within {}{later}", q.describe(self.model)),
                    (None, Some(due)) => format!("{trigger}; due by {due}"),
                    (None, None) => format!("{trigger}; no deadline is set"),
                }
            }
            Detail::Monthly { month } => {
                let start = if o.events.is_empty() {
                    String::new()
                } else {
                    format!(" since {}", self.events(&o.events))
                };
                format!("a monthly duty for {}{start}", month.format("%B %Y"))
            }
            Detail::AtLeast { count, min } => {
                let what = self.actions(&o.actions);
                let mut s = format!("{count} of at least {min} {what} so far");
                if let Some(&anchor) = o.events.first() {
                    s.push_str(&format!(", counted from {}", self.event(anchor)));
                }
                if let Some(due) = o.due {
                    s.push_str(&format!("; the window ends on {due}"));
                }
                s
            }
            Detail::LadderStep {
                step,
                steps,
                made,
                of,
                target,
            } => {
                let role = self.model.role_name(o.role);
                format!(
                    "{} has not been reached: {made} of {of} attempts by the {role} so far (step {} of {steps} of `{}`)",
                    self.case.id_of(*target),
                    step + 1,
                    self.rule_name(o.rule)
                )
            }
            Detail::LadderOutcome { target } => {
                let label = self
                    .model
                    .rule(o.rule)
                    .and_then(|r| match &r.kind {
                        RuleKind::Ladder { outcome, .. } => outcome.label.clone(),
                        _ => None,
                    })
                    .unwrap_or_else(|| "every step failed".to_string());
                let last = o
                    .events
                    .last()
                    .map(|&i| format!("; last attempt: {}", self.event(i)))
                    .unwrap_or_default();
                format!(
                    "{} could not be reached at any step: {label}{last}",
                    self.case.id_of(*target)
                )
            }
            Detail::AfterTermination => {
                format!(
                    "{} ended the relationship (termination path `{}`)",
                    self.events(&o.events),
                    self.rule_name(o.rule)
                )
            }
            Detail::PhaseEnd {
                phase_start,
                earliest,
            } => {
                let due = o.due.map(|d| d.to_string()).unwrap_or_default();
                format!(
                    "phase `{}` started on {phase_start}; it should end between {earliest} and {due}",
                    self.rule_name(o.rule)
                )
            }
        }
    }

    /// What happens if an obligation is missed.
    pub fn if_missed(&self, o: &Obligation) -> String {
        let base = match (o.severity, o.due) {
            (ModalityKind::Must, Some(_)) => "a must violation",
            (ModalityKind::Should, Some(_)) => "a should finding (advice, not binding)",
            (ModalityKind::Must, None) => {
                "no deadline is set, so it is never late, but it stays owed until it is done"
            }
            (ModalityKind::Should, None) => {
                "advice with no deadline: it stays on the list until it is done"
            }
        };
        match self.model.rule(o.rule).and_then(|r| r.if_missed.as_deref()) {
            Some(consequence) => format!("{base}; {}", self.fill(consequence, o)),
            None => base.to_string(),
        }
    }

    /// Replaces `{role}` in a policy's text by the participant of that role in the obligation.
    fn fill(&self, text: &str, o: &Obligation) -> String {
        let mut out = text.to_string();
        for (role_index, role) in self.model.roles.iter().enumerate() {
            let placeholder = format!("{{{}}}", role.name);
            if !out.contains(&placeholder) {
                continue;
            }
            let who = [o.counterpart, o.party]
                .into_iter()
                .flatten()
                .find(|&p| {
                    self.case
                        .participant(p)
                        .is_some_and(|x| x.role.index() == role_index)
                })
                .map_or_else(
                    || format!("the {}", role.name),
                    |p| self.case.id_of(p).to_string(),
                );
            out = out.replace(&placeholder, &who);
        }
        out
    }

    /// What a violation is, in one sentence.
    pub fn message(&self, v: &Violation) -> String {
        let party = self.who(v.party);
        let first = v.events.first().copied();
        let last = v.events.last().copied();
        let name_of = |i: Option<u32>| {
            i.and_then(|i| self.case.event(i))
                .map_or("?".to_string(), |e| self.event_name(e.event).to_string())
        };
        match &v.kind {
            ViolationKind::Missed { due, actions } => {
                let trigger = if v.events.is_empty() {
                    String::new()
                } else {
                    format!(" after {}", self.events(&v.events))
                };
                format!(
                    "no {} from {party} by {due}, the due date{trigger}",
                    self.actions(actions)
                )
            }
            ViolationKind::Late { due, done } => {
                let days = (*done - *due).num_days();
                format!(
                    "{} on {done}, {} after it was due on {due}",
                    name_of(last),
                    plural(days, "day")
                )
            }
            ViolationKind::OverLimit {
                count,
                limit,
                raised,
            } => {
                let what = name_of(last);
                let raise_words = self.raise_words(v.rule, *raised);
                format!(
                    "a {} {what}, but the limit is {limit}{raise_words}",
                    ordinal(*count)
                )
            }
            ViolationKind::UnderLimit {
                count,
                min,
                window_end,
                whose,
            } => {
                let what = self.limit_event(v.rule).unwrap_or_default();
                format!(
                    "only {count} {what} for {} by the end of the window on {window_end}; at least {min} were expected",
                    self.case.id_of(*whose)
                )
            }
            ViolationKind::Condition => {
                let condition = self.condition_text(v.rule);
                format!(
                    "{} does not meet `{condition}`{}",
                    self.events(&v.events),
                    self.condition_values(v)
                )
            }
            ViolationKind::OutsideWindow { anchor, last_day } => format!(
                "{} is after {last_day}, the end of the window that started with {} on {anchor}",
                self.event(last.unwrap_or(0)),
                name_of(first)
            ),
            ViolationKind::DuringPause { paused: _ } => format!(
                "{} came while {} had not ended",
                self.event(last.unwrap_or(0)),
                self.event(first.unwrap_or(0))
            ),
            ViolationKind::DisclosedBeforeConsent => {
                let consent = self.consent_events(v.rule).0.unwrap_or_default();
                format!(
                    "{} came before any {consent}",
                    self.event(last.unwrap_or(0))
                )
            }
            ViolationKind::DisclosedAfterWithdrawal { withdrawn } => {
                let withdrawal = self.consent_events(v.rule).1.unwrap_or_default();
                format!(
                    "{} came after the {withdrawal} on {withdrawn}",
                    self.event(last.unwrap_or(0))
                )
            }
            ViolationKind::DisclosedFields { fields, allowed } => format!(
                "{} shared {}, which may not be shared (only {})",
                self.event(last.unwrap_or(0)),
                and_list(&fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>()),
                and_list(&allowed.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>())
            ),
            ViolationKind::PhaseTooShort {
                started,
                ended,
                earliest,
            } => format!(
                "phase `{}` ran from {started} to {ended}, shorter than it should (it could end from {earliest})",
                self.rule_name(v.rule)
            ),
            ViolationKind::PhaseTooLong { started, latest } => format!(
                "phase `{}` started on {started} and should have ended by {latest}",
                self.rule_name(v.rule)
            ),
        }
    }

    fn raise_words(&self, rule: mentor_check::model::RuleId, raised: u32) -> String {
        let Some(RuleKind::Limit { raises, .. }) = self.model.rule(rule).map(|r| &r.kind) else {
            return String::new();
        };
        let Some(&(event, _)) = raises.first() else {
            return String::new();
        };
        let name = self.event_name(event);
        if raised == 0 {
            format!(" and no {name} raised it")
        } else {
            format!(" (including {raised} from {name})")
        }
    }

    fn limit_event(&self, rule: mentor_check::model::RuleId) -> Option<String> {
        match &self.model.rule(rule)?.kind {
            RuleKind::Limit { event, .. } => Some(self.event_name(event.event).to_string()),
            _ => None,
        }
    }

    fn consent_events(
        &self,
        rule: mentor_check::model::RuleId,
    ) -> (Option<String>, Option<String>) {
        match self.model.rule(rule).map(|r| &r.kind) {
            Some(RuleKind::Disclosure { after, until, .. }) => (
                after.map(|a| self.event_name(a).to_string()),
                until.map(|u| self.event_name(u).to_string()),
            ),
            _ => (None, None),
        }
    }

    fn condition_text(&self, rule: mentor_check::model::RuleId) -> String {
        let Some(RuleKind::EachHave { condition, .. }) = self.model.rule(rule).map(|r| &r.kind)
        else {
            return String::new();
        };
        let span = match condition {
            mentor_check::model::Expr::Compare { span, .. }
            | mentor_check::model::Expr::Since { span, .. }
            | mentor_check::model::Expr::In { span, .. }
            | mentor_check::model::Expr::Similar { span, .. } => Some(*span),
            _ => None,
        };
        span.and_then(|s| self.policy_text.get(s.start()..s.end()))
            .map_or_else(
                || "its condition".to_string(),
                |t| t.split_whitespace().collect::<Vec<_>>().join(" "),
            )
    }

    fn condition_values(&self, v: &Violation) -> String {
        let Some(e) = v.events.last().and_then(|&i| self.case.event(i)) else {
            return String::new();
        };
        let Some(def) = self.model.event(e.event) else {
            return String::new();
        };
        let shown: Vec<String> = def
            .fields
            .iter()
            .zip(&e.data)
            .filter_map(|(f, value)| {
                value
                    .as_ref()
                    .map(|v| format!("{} is {}", f.name, show_value(self.model, f.ty, v)))
            })
            .collect();
        if shown.is_empty() {
            String::new()
        } else {
            format!(" ({})", shown.join(", "))
        }
    }
}

/// A value as explanations show it (`90`, `true`, `2027-01-05`, a choice by its name).
pub fn show_value(
    model: &Model,
    ty: mentor_check::types::Ty,
    v: &mentor_check::types::Value,
) -> String {
    use mentor_check::types::{Ty, Value};
    match (ty, v) {
        (Ty::Symbol(set), Value::Symbol(s)) => model.symbol_name(set, *s).to_string(),
        (_, Value::Bool(b)) => b.to_string(),
        (_, Value::Int(n)) => n.to_string(),
        (_, Value::Text(t)) => format!("\"{t}\""),
        (_, Value::Date(d)) => d.to_string(),
        (_, Value::DateTime(dt)) => dt.format("%Y-%m-%dT%H:%M").to_string(),
        (_, Value::Duration(q)) => q.describe(model),
        (_, Value::Symbol(s)) => s.to_string(),
    }
}

fn plural(n: i64, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}

pub(crate) fn ordinal(n: u32) -> String {
    let suffix = match (n % 10, n % 100) {
        (_, 11..=13) => "th",
        (1, _) => "st",
        (2, _) => "nd",
        (3, _) => "rd",
        _ => "th",
    };
    format!("{n}{suffix}")
}

pub(crate) fn and_list(items: &[String]) -> String {
    join_list(items, "and")
}

pub(crate) fn or_list(items: &[String]) -> String {
    join_list(items, "or")
}

fn join_list(items: &[String], word: &str) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [rest @ .., last] => format!("{} {word} {last}", rest.join(", ")),
    }
}

/// `Tuesday 29 December 2026`
pub fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}
