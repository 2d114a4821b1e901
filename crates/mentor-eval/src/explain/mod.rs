//! Plain-English wording of obligations and violations for coordinators.
//!
//! Events are worded with the phrase their policy gives them (`event mentor_responded ...
//! "reply to {to}'s request"`): "ben must reply to amara's request", "amara asked ben for
//! mentoring on 18 December 2026". An event without a phrase is named as the policy names it,
//! in backticks.
//!
//! This is where decisions become words: evaluation hands over typed outcomes (statuses,
//! severities, the rule, the parties, the dates and the events that caused each item), and
//! nothing is worded until something prints it (text, JSON `because`/`message`).

mod eligibility;

use crate::case::Case;
use crate::outcome::{Closure, Detail, Obligation, Violation, ViolationKind};
use chrono::NaiveDate;
use mentor_check::Model;
use mentor_check::model::{
    DeadlineRule, DisclosureRule, EachHaveRule, EachOutsideRule, LadderRule, LimitRule,
    RecurringRule, TerminationRule,
};
use mentor_check::model::{EventId, Expr, Operand, RoleId, RuleId, RuleKind};
use mentor_check::phrase::Tense;
use mentor_check::types::{Quantity, Ty, Unit, Value};
use mentor_syntax::ast::{CmpOp, ModalityKind};

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

    fn rule_name(&self, rule: RuleId) -> &str {
        self.model.rule(rule).map_or("?", |r| r.name.as_str())
    }

    /// An event's phrase in a tense, about a doer and a recipient; `None` without a phrase.
    fn phrase(
        &self,
        event: EventId,
        tense: Tense,
        by: Option<u32>,
        to: Option<u32>,
    ) -> Option<String> {
        let def = self.model.event(event)?;
        let phrase = def.phrase.as_ref()?;
        Some(phrase.render(tense, |name| {
            if name == "to" {
                return to.map_or_else(
                    || self.the_roles(&def.to),
                    |t| self.case.id_of(t).to_string(),
                );
            }
            [to, by]
                .into_iter()
                .flatten()
                .find(|&p| {
                    self.case
                        .participant(p)
                        .is_some_and(|x| self.model.role_name(x.role) == name)
                })
                .map_or_else(|| format!("the {name}"), |p| self.case.id_of(p).to_string())
        }))
    }

    /// `the mentee`, `the mentor or mentee`, `someone`.
    fn the_roles(&self, roles: &[RoleId]) -> String {
        let names: Vec<String> = roles
            .iter()
            .map(|r| self.model.role_name(*r).to_string())
            .collect();
        if names.is_empty() {
            "someone".to_string()
        } else {
            format!("the {}", or_list(&names))
        }
    }

    /// Whether an event's phrase names the one it goes to (`{to}` or the recipient's role).
    fn phrase_names_recipient(&self, event: EventId, to: Option<u32>) -> bool {
        let Some(phrase) = self.model.event(event).and_then(|d| d.phrase.as_ref()) else {
            return false;
        };
        let role = to
            .and_then(|t| self.case.participant(t))
            .map(|p| self.model.role_name(p.role));
        mentor_check::phrase::placeholders(&phrase.present)
            .iter()
            .any(|&name| name == "to" || Some(name) == role)
    }

    /// What happened: `amara asked ben for mentoring on 18 December 2026`, or, for an event
    /// without a phrase, `` `mentoring_requested` by amara to ben on 18 December 2026 ``.
    pub fn event(&self, index: u32) -> String {
        let Some(e) = self.case.event(index) else {
            return "an event".to_string();
        };
        format!("{} on {}", self.happened(index), day(e.date))
    }

    /// What happened, without its date: `amara asked ben for peer mentoring`.
    pub fn happened(&self, index: u32) -> String {
        let Some(e) = self.case.event(index) else {
            return "an event".to_string();
        };
        let by = self.case.id_of(e.by);
        match self.phrase(e.event, Tense::Past, Some(e.by), e.to) {
            Some(words) => format!("{by} {words}"),
            None => {
                let mut s = format!("`{}` by {by}", self.model.event_name(e.event));
                if let Some(t) = e.to {
                    s.push_str(&format!(" to {}", self.case.id_of(t)));
                }
                s
            }
        }
    }

    fn events(&self, events: &[u32]) -> String {
        let parts: Vec<String> = events.iter().map(|&i| self.event(i)).collect();
        and_list(&parts)
    }

    /// What someone must do, after "must": `reply to amara's request or decline amara's
    /// request`; `` do `mentor_responded` `` for an event without a phrase. The person it
    /// concerns is added, `(for amara)`, when no phrase names them.
    pub fn to_do(
        &self,
        actions: &[EventId],
        party: Option<u32>,
        counterpart: Option<u32>,
    ) -> String {
        let parts: Vec<String> = actions
            .iter()
            .map(|&a| {
                self.phrase(a, Tense::Present, party, counterpart)
                    .unwrap_or_else(|| format!("do `{}`", self.model.event_name(a)))
            })
            .collect();
        let mut out = or_list(&parts);
        if let Some(c) = counterpart
            && Some(c) != party
            && !actions
                .iter()
                .any(|&a| self.phrase_names_recipient(a, Some(c)))
        {
            out.push_str(&format!(" (for {})", self.case.id_of(c)));
        }
        out
    }

    /// What an obligation asks, after the party's name, in the policy's words: `must reply
    /// to amara's request or decline amara's request` (the agenda's "owes" column).
    pub fn owes(&self, o: &Obligation) -> String {
        format!(
            "{} {}",
            o.severity.as_str(),
            self.to_do(&o.actions, o.party, o.counterpart)
        )
    }

    /// Why an obligation exists.
    pub fn because(&self, o: &Obligation) -> String {
        match &o.detail {
            Detail::Deadline { within } => self.deadline_because(o, *within),
            Detail::Monthly { .. } => {
                if o.events.is_empty() {
                    "every month".to_string()
                } else {
                    format!("every month since {}", self.events(&o.events))
                }
            }
            Detail::AtLeast { count, min } => self.at_least_because(o, *count, *min),
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
                        RuleKind::Ladder(LadderRule { outcome, .. }) => outcome.label.clone(),
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
                    "{} (termination path `{}`)",
                    self.events(&o.events),
                    self.rule_name(o.rule)
                )
            }
            Detail::PhaseEnd {
                phase_start,
                earliest,
            } => {
                let due = o.due.map(day).unwrap_or_default();
                format!(
                    "phase `{}` started on {}; it should end between {} and {due}",
                    self.rule_name(o.rule),
                    day(*phase_start),
                    day(*earliest)
                )
            }
        }
    }

    /// Why a deadline is owed: the events that started it, and its length.
    fn deadline_because(&self, o: &Obligation, within: Option<Quantity>) -> String {
        let trigger = if o.events.is_empty() {
            format!("from {}", day(o.since))
        } else {
            self.events(&o.events)
        };
        let later = if o.events.len() > 1 {
            " (counted from the later)"
        } else {
            ""
        };
        match (within, o.due) {
            (Some(q), _) => format!("{trigger}; within {}{later}", self.quantity(q)),
            (None, Some(due)) => format!("{trigger}; due by {}", day(due)),
            (None, None) => format!("{trigger}; no deadline is set"),
        }
    }

    /// Why more events are owed under an `at least` limit.
    fn at_least_because(&self, o: &Obligation, count: u32, min: u32) -> String {
        let mut s = match (count, o.actions.first()) {
            (0, _) | (_, None) => format!("none so far; at least {min} expected"),
            (n, Some(&action)) => {
                let done = match self.phrase(action, Tense::Past, o.party, o.counterpart) {
                    Some(words) => format!("{} {words}", self.who(o.party)),
                    None => format!("`{}`", self.model.event_name(action)),
                };
                format!("{done} {} so far; at least {min} expected", times(n))
            }
        };
        if let Some(&anchor) = o.events.first() {
            s.push_str(&format!(", counting from when {}", self.event(anchor)));
        }
        if let Some(due) = o.due {
            s.push_str(&format!("; the window ends on {}", day(due)));
        }
        s
    }

    /// `5 working days (not counting weekends or bank holidays in England and Wales)`.
    fn quantity(&self, q: Quantity) -> String {
        match q.unit {
            Some(Unit::WorkingDays(c)) => {
                let Some(cal) = self.model.calendar(c) else {
                    return q.describe(self.model);
                };
                let title = lower_first(cal.calendar.title());
                let closures = if cal.calendar.closures().is_empty() {
                    ""
                } else {
                    " or its closure days"
                };
                format!(
                    "{} {} (not counting weekends or {title}{closures})",
                    q.value,
                    Unit::WorkingDays(c).word(q.value)
                )
            }
            _ => q.describe(self.model),
        }
    }

    /// Why something stopped being owed at event `by`.
    pub fn ended(&self, why: Closure, by: u32, rule: RuleId) -> String {
        let event = self.event(by);
        match why {
            Closure::Termination => {
                let path = self.case.event(by).and_then(|e| {
                    self.model.rules.iter().find_map(|r| match &r.kind {
                        RuleKind::Termination(TerminationRule { when, .. })
                            if when.event == e.event =>
                        {
                            Some(r.name.as_str())
                        }
                        _ => None,
                    })
                });
                match path {
                    Some(path) => format!("{event}, which ended it (termination path `{path}`)"),
                    None => format!("{event}, which ended it"),
                }
            }
            Closure::Reached => {
                let target = self.case.event(by).and_then(|e| e.to).map_or_else(
                    || "the person".to_string(),
                    |t| self.case.id_of(t).to_string(),
                );
                let ladder = self.rule_name(rule);
                format!("{event}: {target} was reached after all, which ends the ladder `{ladder}`")
            }
            Closure::Replaced => format!(
                "{event}: a new duty starts from it; the one before was already missed and stays a violation"
            ),
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
            Some(consequence) => format!(
                "{base}; {}",
                self.fill(consequence, &[o.counterpart, o.party])
            ),
            None => base.to_string(),
        }
    }

    /// What the policy says follows from a broken rule (its `if missed`), when it says.
    pub fn consequence(&self, v: &Violation) -> Option<String> {
        let text = self.model.rule(v.rule)?.if_missed.as_deref()?;
        let mut people = vec![v.party];
        for &i in &v.events {
            if let Some(e) = self.case.event(i) {
                people.extend([e.to, Some(e.by)]);
            }
        }
        Some(self.fill(text, &people))
    }

    /// Replaces `{role}` in a policy's text by the first of `people` with that role.
    fn fill(&self, text: &str, people: &[Option<u32>]) -> String {
        mentor_check::phrase::fill_placeholders(text, |name| {
            people
                .iter()
                .flatten()
                .find(|&&p| {
                    self.case
                        .participant(p)
                        .is_some_and(|x| self.model.role_name(x.role) == name)
                })
                .map_or_else(
                    || format!("the {name}"),
                    |&p| self.case.id_of(p).to_string(),
                )
        })
    }

    /// What a violation is, in one sentence.
    pub fn message(&self, v: &Violation) -> String {
        let first = v.events.first().copied();
        let last = v.events.last().copied().unwrap_or(0);
        match &v.kind {
            ViolationKind::Missed {
                due,
                actions,
                counterpart,
            } => self.missed(v, *due, actions, *counterpart),
            ViolationKind::Late { due, done } => {
                let days = (*done - *due).num_days();
                format!(
                    "{}, {} after it was due on {}",
                    self.event(last),
                    plural(days, "day"),
                    day(*due)
                )
            }
            ViolationKind::OverLimit {
                count,
                limit,
                raised,
            } => self.over_limit(v, *count, *limit, *raised),
            ViolationKind::UnderLimit {
                count,
                min,
                window_end,
                whose,
            } => self.under_limit(v, *count, *min, *window_end, *whose),
            ViolationKind::Condition => {
                let Some(e) = self.case.event(last) else {
                    return String::new();
                };
                let condition = self.condition_words(v.rule, e.event);
                format!(
                    "{}{}; {condition}",
                    self.event(last),
                    self.condition_values(v)
                )
            }
            ViolationKind::NotEligible { whose, .. } => {
                let because = match self.case.participant(*whose) {
                    Some(p) => self.eligibility_of(*whose, p.role, v.at),
                    None => "no criteria apply".to_string(),
                };
                format!(
                    "{}, but {} was not eligible on that day: {because}",
                    self.event(last),
                    self.case.id_of(*whose)
                )
            }
            ViolationKind::OutsideWindow {
                anchor: _,
                last_day,
            } => format!(
                "{}; the window that began when {} ended on {}",
                self.event(last),
                first.map_or_else(|| "it started".to_string(), |f| self.event(f)),
                day(*last_day)
            ),
            ViolationKind::DuringPause { paused: _ } => {
                let Some(pause) = first.and_then(|f| self.case.event(f)) else {
                    return self.event(last);
                };
                let resume = self.resume_words(v.rule, pause.by);
                format!(
                    "{}, during a pause: {} and did not {resume} before it",
                    self.event(last),
                    self.event(first.unwrap_or(0)),
                )
            }
            ViolationKind::DisclosedBeforeConsent
            | ViolationKind::DisclosedAfterWithdrawal { .. }
            | ViolationKind::DisclosedFields { .. } => self.disclosed(v),
            ViolationKind::PhaseTooShort { .. } | ViolationKind::PhaseTooLong { .. } => {
                self.phase(v)
            }
        }
    }

    /// A disclosure before consent, after its withdrawal, or of facts that may not be shared.
    fn disclosed(&self, v: &Violation) -> String {
        let last = v.events.last().copied().unwrap_or(0);
        match &v.kind {
            ViolationKind::DisclosedBeforeConsent => {
                let consent = self.consent_words(v, last);
                format!("{}, but before it {consent}", self.event(last))
            }
            ViolationKind::DisclosedAfterWithdrawal { withdrawn: _ } => {
                let withdrawal = v.events.get(1).copied().unwrap_or(last);
                format!("{}, after {}", self.event(last), self.event(withdrawal))
            }
            ViolationKind::DisclosedFields { fields, allowed } => format!(
                "{} and shared {}, which may not be shared (only {})",
                self.event(last),
                and_list(&fields.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>()),
                and_list(&allowed.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>())
            ),
            _ => String::new(),
        }
    }

    /// A phase that ended too soon or ran too long.
    fn phase(&self, v: &Violation) -> String {
        match &v.kind {
            ViolationKind::PhaseTooShort {
                started,
                ended,
                earliest,
            } => format!(
                "phase `{}` ran from {} to {}, shorter than it should (it could end from {})",
                self.rule_name(v.rule),
                day(*started),
                day(*ended),
                day(*earliest)
            ),
            ViolationKind::PhaseTooLong { started, latest } => format!(
                "phase `{}` started on {} and should have ended by {}",
                self.rule_name(v.rule),
                day(*started),
                day(*latest)
            ),
            _ => String::new(),
        }
    }

    /// A duty missed: who did not do what, by when.
    fn missed(
        &self,
        v: &Violation,
        due: NaiveDate,
        actions: &[EventId],
        counterpart: Option<u32>,
    ) -> String {
        let party = self.who(v.party);
        let counterpart = counterpart.or_else(|| self.counterpart_of(v));
        let what = self.to_do(actions, v.party, counterpart);
        let when = match self.model.rule(v.rule).map(|r| &r.kind) {
            Some(RuleKind::Recurring { .. }) => {
                format!("in {} (due by {})", due.format("%B %Y"), day(due))
            }
            _ if v.events.is_empty() => format!("by {}, the due date", day(due)),
            _ => format!(
                "by {}, the due date after {}",
                day(due),
                self.events(&v.events)
            ),
        };
        format!("{party} did not {what} {when}")
    }

    /// The event beyond a limit.
    fn over_limit(&self, v: &Violation, count: u32, limit: u32, raised: u32) -> String {
        let last = v.events.last().copied().unwrap_or(0);
        let raise_words = self.raise_words(v.rule, raised, last);
        let Some(e) = self.case.event(last) else {
            return String::new();
        };
        match self.phrase(e.event, Tense::Past, Some(e.by), e.to) {
            Some(words) => format!(
                "{} {words} for the {} time on {}, but the limit is {limit}{raise_words}",
                self.case.id_of(e.by),
                ordinal(count),
                day(e.date)
            ),
            None => format!(
                "{} {} {}, but the limit is {limit}{raise_words}",
                a_or_an(&ordinal(count)),
                ordinal(count),
                self.event(last)
            ),
        }
    }

    /// Too few events by the end of a window.
    fn under_limit(
        &self,
        v: &Violation,
        count: u32,
        min: u32,
        window_end: NaiveDate,
        whose: u32,
    ) -> String {
        let party = self.who(v.party);
        let event = self.limit_event(v.rule);
        let whose_id = Some(whose).filter(|&w| Some(w) != v.party);
        let did = match event.and_then(|ev| {
            let tense = if count == 0 {
                Tense::Present
            } else {
                Tense::Past
            };
            self.phrase(ev, tense, v.party, whose_id.or(Some(whose)))
        }) {
            Some(words) if count == 0 => format!("{party} did not {words} at all"),
            Some(words) => format!("{party} {words} only {}", times(count)),
            None => format!(
                "only {count} `{}` for {}",
                event.map_or("?", |e| self.model.event_name(e)),
                self.case.id_of(whose)
            ),
        };
        format!(
            "{did} by the end of the window on {}; at least {min} were expected",
            day(window_end)
        )
    }

    /// The participant a missed duty concerned: the one its trigger went to or came from
    /// that is not the party.
    fn counterpart_of(&self, v: &Violation) -> Option<u32> {
        let to_role = match self.model.rule(v.rule).map(|r| &r.kind) {
            Some(RuleKind::Recurring(RecurringRule { duty, .. }))
            | Some(RuleKind::Deadline(DeadlineRule { duty, .. })) => duty.to,
            _ => None,
        };
        let roles: Vec<RoleId> = match (&v.kind, to_role) {
            (_, Some(r)) => vec![r],
            (ViolationKind::Missed { actions, .. }, None) => actions
                .iter()
                .filter_map(|a| self.model.event(*a))
                .flat_map(|e| e.to.iter().copied())
                .collect(),
            _ => Vec::new(),
        };
        let involved: Vec<u32> = v
            .events
            .iter()
            .filter_map(|&i| self.case.event(i))
            .flat_map(|e| [Some(e.by), e.to])
            .flatten()
            .collect();
        involved
            .iter()
            .copied()
            .find(|&p| {
                Some(p) != v.party
                    && self
                        .case
                        .participant(p)
                        .is_some_and(|x| roles.contains(&x.role))
            })
            .or_else(|| match to_role.map(|r| self.case.with_role(r)) {
                Some([only]) => Some(*only),
                _ => None,
            })
    }

    /// `and nobody approved extra sessions for amara`, or `, including 2 more after the admin
    /// approved extra sessions for amara`.
    fn raise_words(&self, rule: RuleId, raised: u32, event: u32) -> String {
        let Some(RuleKind::Limit(LimitRule { raises, .. })) =
            self.model.rule(rule).map(|r| &r.kind)
        else {
            return String::new();
        };
        let Some(&(raise, _)) = raises.first() else {
            return String::new();
        };
        let whose = self.case.event(event).and_then(|e| e.to);
        let doer = self
            .model
            .event(raise)
            .map(|d| self.the_roles(&d.by))
            .unwrap_or_default();
        match self.phrase(raise, Tense::Past, None, whose) {
            Some(words) if raised == 0 => format!(" and nobody {words}"),
            Some(words) => format!(", including {raised} more after {doer} {words}"),
            None if raised == 0 => format!(" and no `{}` raised it", self.model.event_name(raise)),
            None => format!(
                " (including {raised} from `{}`)",
                self.model.event_name(raise)
            ),
        }
    }

    fn limit_event(&self, rule: RuleId) -> Option<EventId> {
        match &self.model.rule(rule)?.kind {
            RuleKind::Limit(LimitRule { event, .. }) => Some(event.event),
            _ => None,
        }
    }

    /// `resume mentoring` (after "did not"), from the pause rule's `until`.
    fn resume_words(&self, rule: RuleId, by: u32) -> String {
        let Some(RuleKind::EachOutside(EachOutsideRule { until, .. })) =
            self.model.rule(rule).map(|r| &r.kind)
        else {
            return "end it".to_string();
        };
        self.phrase(until.event, Tense::Present, Some(by), None)
            .unwrap_or_else(|| format!("record `{}`", self.model.event_name(until.event)))
    }

    /// `pat never signed the release of information` for a disclosure without its consent.
    fn consent_words(&self, v: &Violation, disclosure: u32) -> String {
        let Some(RuleKind::Disclosure(DisclosureRule {
            after: Some(consent),
            subject,
            ..
        })) = self.model.rule(v.rule).map(|r| &r.kind)
        else {
            return "there was no consent".to_string();
        };
        let e = self.case.event(disclosure);
        let recipient = e.and_then(|e| e.to);
        let Some(def) = self.model.event(*consent) else {
            return "there was no consent".to_string();
        };
        // The one who gives the consent: someone of its role among those involved.
        let mut candidates: Vec<u32> = e.map(|e| vec![e.by]).unwrap_or_default();
        candidates.extend(recipient);
        candidates.extend(self.case.with_role(*subject).iter().copied());
        let doer = candidates.into_iter().find(|&p| {
            self.case
                .participant(p)
                .is_some_and(|x| def.by.contains(&x.role))
        });
        let doer_words = doer.map_or_else(
            || self.the_roles(&def.by),
            |d| self.case.id_of(d).to_string(),
        );
        match self.phrase(*consent, Tense::Past, doer, recipient) {
            Some(words) => format!("{doer_words} never {words}"),
            None => format!("there was no `{}`", self.model.event_name(*consent)),
        }
    }

    /// A rule's condition on each event, in words: `` `minutes` should be 90 ``.
    fn condition_words(&self, rule: RuleId, event: EventId) -> String {
        let Some(RuleKind::EachHave(EachHaveRule { condition, .. })) =
            self.model.rule(rule).map(|r| &r.kind)
        else {
            return "it does not meet its condition".to_string();
        };
        let severity = self
            .model
            .rule(rule)
            .map_or("should", |r| r.severity.as_str());
        self.condition_in_words(condition, event, severity)
    }

    fn condition_in_words(&self, expr: &Expr, event: EventId, modal: &str) -> String {
        match expr {
            Expr::And(parts) => and_list(
                &parts
                    .iter()
                    .map(|p| self.condition_in_words(p, event, modal))
                    .collect::<Vec<_>>(),
            ),
            Expr::Or(parts) => or_list(
                &parts
                    .iter()
                    .map(|p| self.condition_in_words(p, event, modal))
                    .collect::<Vec<_>>(),
            ),
            Expr::Compare {
                left,
                op,
                right,
                span,
            } => {
                let (subject, op, other) = match (left, right) {
                    (Operand::Const(_) | Operand::Figure(_), _) => (right, flip(*op), left),
                    _ => (left, *op, right),
                };
                let dates = matches!(
                    self.operand_type(subject, event),
                    Some(Ty::Date | Ty::DateTime)
                );
                let set = match self.operand_type(subject, event) {
                    Some(Ty::Symbol(set)) => Some(set),
                    _ => None,
                };
                match (
                    self.operand_words(subject, event, None),
                    self.operand_words(other, event, set),
                ) {
                    (Some(a), Some(b)) => format!("{a} {modal} be {}{b}", comparison(op, dates)),
                    _ => self.quoted(*span),
                }
            }
            Expr::In {
                operand,
                symbols,
                negated,
                span,
            } => {
                let set = match self.operand_type(operand, event) {
                    Some(Ty::Symbol(set)) => Some(set),
                    _ => None,
                };
                let (Some(subject), Some(set)) = (self.operand_words(operand, event, None), set)
                else {
                    return self.quoted(*span);
                };
                let names: Vec<String> = symbols
                    .iter()
                    .map(|s| self.model.symbol_name(set, *s).to_string())
                    .collect();
                let not = if *negated { "not " } else { "" };
                format!("{subject} {modal} {not}be {}", or_list(&names))
            }
            Expr::Truthy(operand) => match self.operand_words(operand, event, None) {
                Some(subject) => format!("{subject} {modal} be true"),
                None => "its condition".to_string(),
            },
            Expr::Not(inner) => format!(
                "it {modal} not be so that {}",
                self.condition_in_words(inner, event, "would")
            ),
            Expr::Since { span, .. } | Expr::Similar { span, .. } => self.quoted(*span),
            Expr::Eligible { role, .. } => {
                format!("the {} {modal} be eligible", self.model.role_name(*role))
            }
            Expr::Invalid => "its condition".to_string(),
        }
    }

    /// A part of the policy, as written (without its comments), in backticks.
    fn quoted(&self, span: mentor_diagnostics::Span) -> String {
        self.policy_text.get(span.start()..span.end()).map_or_else(
            || "its condition".to_string(),
            |t| {
                format!(
                    "`{}` should hold",
                    mentor_syntax::lex::without_comments(t)
                        .split_whitespace()
                        .collect::<Vec<_>>()
                        .join(" ")
                )
            },
        )
    }

    fn operand_type(&self, op: &Operand, event: EventId) -> Option<Ty> {
        match op {
            Operand::Field(i) => self
                .model
                .event(event)
                .and_then(|e| e.fields.get(*i as usize))
                .map(|f| f.ty),
            Operand::EventTime => Some(Ty::Date),
            Operand::Const(Value::Date(_)) => Some(Ty::Date),
            Operand::Fact(f) => self
                .model
                .role(f.owner)
                .and_then(|r| r.facts.get(f.fact as usize))
                .map(|d| d.ty),
            _ => None,
        }
    }

    fn operand_words(
        &self,
        op: &Operand,
        event: EventId,
        set: Option<mentor_check::model::SetId>,
    ) -> Option<String> {
        Some(match op {
            Operand::Field(i) => format!(
                "`{}`",
                self.model.event(event)?.fields.get(*i as usize)?.name
            ),
            Operand::EventTime => "the day it was recorded".to_string(),
            Operand::Fact(f) => {
                let name = &self.model.role(f.owner)?.facts.get(f.fact as usize)?.name;
                match f.role {
                    Some(r) => format!("the {}'s `{name}`", self.model.role_name(r)),
                    None => format!("`{name}`"),
                }
            }
            Operand::Figure(f) => f.base.describe(self.model),
            Operand::Const(v) => {
                let ty = set.map_or(Ty::Text, Ty::Symbol);
                show_value(self.model, ty, v)
            }
        })
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
                    .map(|v| format!("`{}` is {}", f.name, show_value(self.model, f.ty, v)))
            })
            .collect();
        if shown.is_empty() {
            String::new()
        } else {
            format!(" ({})", shown.join(", "))
        }
    }
}

fn flip(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Ge => CmpOp::Le,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Lt => CmpOp::Gt,
        other => other,
    }
}

/// `at least `, `on or after `... ; empty for "equal".
fn comparison(op: CmpOp, dates: bool) -> &'static str {
    match (op, dates) {
        (CmpOp::Eq, _) => "",
        (CmpOp::Ne, _) => "other than ",
        (CmpOp::Ge, true) => "on or after ",
        (CmpOp::Le, true) => "on or before ",
        (CmpOp::Gt, true) => "after ",
        (CmpOp::Lt, true) => "before ",
        (CmpOp::Ge, false) => "at least ",
        (CmpOp::Le, false) => "at most ",
        (CmpOp::Gt, false) => "more than ",
        (CmpOp::Lt, false) => "less than ",
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

/// `once`, `twice`, `3 times`.
fn times(n: u32) -> String {
    match n {
        1 => "once".to_string(),
        2 => "twice".to_string(),
        n => format!("{n} times"),
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

/// `a` or `an` before a number written in figures, by how it is said: an 8th, an 11th,
/// an 18th, an 80th, an 800th; a 5th, a 1st.
pub(crate) fn a_or_an(figures: &str) -> &'static str {
    let digits: String = figures.chars().take_while(char::is_ascii_digit).collect();
    let said_with_vowel = digits.starts_with('8')
        || ((digits.len() == 2 || digits.len() == 5) && digits.starts_with("18"))
        || ((digits.len() == 2 || digits.len() == 5) && digits.starts_with("11"));
    if said_with_vowel { "an" } else { "a" }
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

fn lower_first(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// `Tuesday 29 December 2026`
pub fn long_date(d: NaiveDate) -> String {
    d.format("%A %-d %B %Y").to_string()
}

/// `29 December 2026`, as dates read inside a sentence.
pub fn day(d: NaiveDate) -> String {
    d.format("%-d %B %Y").to_string()
}

#[cfg(test)]
mod tests {
    use super::{a_or_an, ordinal};
    use crate::report::{Report, build};

    /// The report of a case (JSON text) under a policy (its text), as of a date.
    fn report(policy: &str, case: &str, as_of: &str) -> Report {
        let analysis = mentor_check::analyze(policy);
        assert!(
            !analysis.diagnostics().iter().any(|d| d.is_error()),
            "{:?}",
            analysis.diagnostics()
        );
        let model = &analysis.checked.model;
        let case = crate::load::load_json(model, case, "c").unwrap();
        let as_of = chrono::NaiveDate::parse_from_str(as_of, "%Y-%m-%d").unwrap();
        let evaluation = crate::evaluate(model, &case, as_of);
        build(model, &case, &evaluation, policy, false)
    }

    const SESSIONS: &str = r#"programme p "P"
role mentee
role mentor { willing: bool }
event session_held by mentor to mentee "hold a session with {to}" { minutes: int }
event extra by mentor to mentee { minutes: int }
eligibility willing_mentor
  mentor is eligible when willing
rule length
  each session_held should have minutes == 90
rule extra_length
  each extra should have minutes >= 30 and minutes <= 120
rule at_most_seven
  mentee must have at most 7 extra
"#;

    #[test]
    fn a_condition_is_worded_not_written_as_code() {
        let r = report(
            SESSIONS,
            r#"{"participants": [{"id": "amy", "role": "mentee"}, {"id": "ann", "role": "mentor"}],
                "events": [{"at": "2027-01-10", "event": "session_held", "by": "ann", "to": "amy", "data": {"minutes": 60}},
                           {"at": "2027-01-11", "event": "extra", "by": "ann", "to": "amy", "data": {"minutes": 150}}]}"#,
            "2027-01-12",
        );
        let messages: Vec<&str> = r.violations.iter().map(|v| v.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "ann held a session with amy on 10 January 2027 (`minutes` is 60); `minutes` should be 90",
                "`extra` by ann to amy on 11 January 2027 (`minutes` is 150); `minutes` should be at least 30 and `minutes` should be at most 120",
            ]
        );
        assert!(
            messages
                .iter()
                .all(|m| !m.contains("==") && !m.contains(">="))
        );
    }

    #[test]
    fn an_8th_is_not_a_8th() {
        let events: Vec<String> = (1..=8)
            .map(|d| {
                format!(r#"{{"at": "2027-01-{d:02}", "event": "extra", "by": "ann", "to": "amy", "data": {{"minutes": 60}}}}"#)
            })
            .collect();
        let r = report(
            SESSIONS,
            &format!(
                r#"{{"participants": [{{"id": "amy", "role": "mentee"}}, {{"id": "ann", "role": "mentor"}}], "events": [{}]}}"#,
                events.join(",")
            ),
            "2027-01-20",
        );
        assert_eq!(
            r.violations.first().map(|v| v.message.as_str()),
            Some("an 8th `extra` by ann to amy on 8 January 2027, but the limit is 7")
        );
    }

    #[test]
    fn a_fact_not_recorded_means_cannot_tell() {
        let r = report(
            SESSIONS,
            r#"{"participants": [{"id": "ann", "role": "mentor"}, {"id": "bo", "role": "mentor", "facts": {"willing": false}}], "events": []}"#,
            "2027-01-12",
        );
        let ann = r.eligibility.first().unwrap();
        assert!(!ann.eligible && ann.cannot_tell);
        assert_eq!(ann.because, "`willing` is not recorded");
        let bo = r.eligibility.get(1).unwrap();
        assert!(!bo.eligible && !bo.cannot_tell);
        assert_eq!(bo.because, "`willing` is false");
    }

    #[test]
    fn an_8th_and_a_5th() {
        for (n, article) in [
            (1, "a"),
            (5, "a"),
            (8, "an"),
            (11, "an"),
            (18, "an"),
            (21, "a"),
            (80, "an"),
            (81, "an"),
            (111, "a"),
            (118, "a"),
            (800, "an"),
            (11_000, "an"),
            (18_000, "an"),
        ] {
            assert_eq!(a_or_an(&ordinal(n)), article, "{n}");
        }
    }
}
