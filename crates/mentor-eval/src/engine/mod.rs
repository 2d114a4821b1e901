//! The evaluator: runs every rule of a checked policy over a case, as of a date.
//!
//! Pure and deterministic: the same model, case and date always give the same evaluation.
//! Each kind of rule lives in its own module; they share the [`Ctx`] below.

mod deadline;
mod each;
mod eligibility;
mod expr;
mod ladder;
mod limit;
mod phase;
mod recurring;
mod relationships;
mod sharing;
mod termination;

use crate::case::{Case, CaseEvent};
use crate::outcome::{
    Closure, Detail, EvalError, Evaluation, Obligation, State, Violation, ViolationKind,
};
use chrono::NaiveDate;
use mentor_check::Model;
use mentor_check::model::{EventId, EventMatch, Figure, RoleId, RuleId, RuleKind};
use mentor_check::types::{DateError, Quantity};
use relationships::Ending;

/// Evaluates a policy on a case as of a date. Events after `as_of` are ignored.
pub fn evaluate(model: &Model, case: &Case, as_of: NaiveDate) -> Evaluation {
    let mut ctx = Ctx::new(model, case, as_of);
    eligibility::run(&mut ctx);
    // Ladders first: a monthly duty may stop `until` a ladder's outcome is done.
    let ladders_first = model
        .rules
        .iter()
        .enumerate()
        .filter(|(_, r)| matches!(r.kind, RuleKind::Ladder { .. }))
        .chain(
            model
                .rules
                .iter()
                .enumerate()
                .filter(|(_, r)| !matches!(r.kind, RuleKind::Ladder { .. })),
        );
    for (i, rule) in ladders_first {
        let id = RuleId(i as u32);
        match &rule.kind {
            RuleKind::Deadline {
                anchor,
                duty,
                deadline,
            } => deadline::run(&mut ctx, id, anchor, duty, deadline.as_ref()),
            RuleKind::Recurring {
                from,
                until,
                until_ladder,
                duty,
                day,
            } => recurring::run(
                &mut ctx,
                id,
                from.as_ref(),
                until.as_ref(),
                *until_ladder,
                duty,
                *day,
            ),
            RuleKind::EachHave { event, condition } => {
                each::have(&mut ctx, id, rule, event, condition)
            }
            RuleKind::EachWithin {
                event,
                figure,
                after,
            } => each::within(&mut ctx, id, rule, event, figure, after),
            RuleKind::EachOutside { event, from, until } => {
                each::outside(&mut ctx, id, rule, event, from, until)
            }
            RuleKind::Limit {
                role,
                min,
                max,
                event,
                raises,
                window,
            } => limit::run(
                &mut ctx,
                id,
                rule,
                *role,
                min.as_ref(),
                max.as_ref(),
                event,
                raises,
                window.as_ref(),
            ),
            RuleKind::Ladder {
                reach,
                start,
                attempt,
                success,
                steps,
                outcome,
            } => ladder::run(
                &mut ctx,
                id,
                rule,
                *reach,
                start.as_ref(),
                *attempt,
                success,
                steps,
                outcome,
            ),
            RuleKind::Termination {
                when, requirements, ..
            } => termination::run(&mut ctx, id, when, requirements),
            RuleKind::Disclosure {
                subject,
                recipient,
                facts,
                through,
                listing,
                only,
                after,
                until,
                ..
            } => sharing::run(
                &mut ctx,
                id,
                rule,
                *subject,
                *recipient,
                facts,
                *through,
                listing.filter(|_| *only),
                *after,
                *until,
            ),
            RuleKind::Phase {
                starts,
                ends,
                min,
                max,
                next,
            } => phase::run(&mut ctx, id, rule, starts, ends.as_ref(), min, max, *next),
        }
    }
    ctx.out.violations.sort_by_key(|v| (v.at, v.rule, v.party));
    ctx.out
}

pub(crate) struct Ctx<'a> {
    pub model: &'a Model,
    pub case: &'a Case,
    pub as_of: NaiveDate,
    /// How many events (in time order) happen on or before `as_of`.
    pub cutoff: usize,
    /// Events of a termination path, in time order, with what each one ends.
    pub endings: Vec<Ending>,
    pub out: Evaluation,
}

impl<'a> Ctx<'a> {
    fn new(model: &'a Model, case: &'a Case, as_of: NaiveDate) -> Self {
        let cutoff = case.cutoff(as_of);
        let mut ctx = Ctx {
            model,
            case,
            as_of,
            cutoff,
            endings: Vec::new(),
            out: Evaluation {
                as_of,
                obligations: Vec::new(),
                violations: Vec::new(),
                eligibility: Vec::new(),
                triggered: vec![false; model.rules.len()],
                errors: Vec::new(),
            },
        };
        ctx.endings = relationships::endings(&ctx);
        ctx
    }

    pub fn event(&self, index: u32) -> Option<&'a CaseEvent> {
        self.case.event(index)
    }

    pub fn date_of(&self, index: u32) -> NaiveDate {
        self.event(index).map_or(self.as_of, |e| e.date)
    }

    /// Visible occurrences of an event.
    pub fn occurrences(&self, event: mentor_check::model::EventId) -> &'a [u32] {
        let all = self.case.occurrences(event);
        let visible = all.partition_point(|&i| (i as usize) < self.cutoff);
        all.get(..visible).unwrap_or(&[])
    }

    /// Whether the event at `index` matches an event pattern (ignoring `first`).
    pub fn matches(&self, index: u32, m: &EventMatch) -> bool {
        let Some(e) = self.event(index) else {
            return false;
        };
        e.event == m.event
            && m.filter
                .as_ref()
                .is_none_or(|f| expr::on_event(self, f, e) == Some(true))
    }

    /// Visible occurrences matching a pattern; only the first one when the pattern says `first`.
    pub fn matching(&self, m: &EventMatch) -> Vec<u32> {
        let mut out = Vec::new();
        for &i in self.occurrences(m.event) {
            if self.matches(i, m) {
                out.push(i);
                if m.first {
                    break;
                }
            }
        }
        out
    }

    /// The date `q` after `date`, or an error recorded against `event`.
    pub fn add(&mut self, date: NaiveDate, q: Quantity, event: Option<u32>) -> Option<NaiveDate> {
        match q.after(date, self.model) {
            Ok(d) => Some(d),
            Err(e) => {
                self.date_error(e, event);
                None
            }
        }
    }

    /// The date a figure (in force on `date`) after `date`.
    pub fn add_figure(
        &mut self,
        date: NaiveDate,
        figure: &Figure,
        event: Option<u32>,
    ) -> Option<NaiveDate> {
        self.add(date, figure.at(date), event)
    }

    fn date_error(&mut self, error: DateError, event: Option<u32>) {
        let message = error.to_string();
        if !self
            .out
            .errors
            .iter()
            .any(|e| e.message == message && e.event == event)
        {
            self.out.errors.push(EvalError { message, event });
        }
    }

    /// Participants who must act for `role`: those of the role among `involved`, else
    /// everyone in the case with the role, else nobody (`None`).
    pub fn parties(&self, role: RoleId, involved: &[u32]) -> Vec<Option<u32>> {
        let mut direct: Vec<Option<u32>> = Vec::new();
        for &p in involved {
            if self.case.participant(p).is_some_and(|x| x.role == role)
                && !direct.contains(&Some(p))
            {
                direct.push(Some(p));
            }
        }
        if !direct.is_empty() {
            return direct;
        }
        let all: Vec<Option<u32>> = self.case.with_role(role).iter().map(|&p| Some(p)).collect();
        if all.is_empty() { vec![None] } else { all }
    }

    /// The participants of some events.
    pub fn involved(&self, events: &[u32]) -> Vec<u32> {
        let mut out = Vec::new();
        for &i in events {
            if let Some(e) = self.event(i) {
                out.push(e.by);
                if let Some(t) = e.to {
                    out.push(t);
                }
            }
        }
        out
    }

    pub fn trigger(&mut self, rule: RuleId) {
        if let Some(t) = self.out.triggered.get_mut(rule.index()) {
            *t = true;
        }
    }

    /// The first termination after the event `after` (or on or after `since` when there is
    /// no triggering event) that ends a duty between these participants (the one who owes
    /// it and the one it concerns): the moment it stopped being owed, if it did.
    pub fn termination_after(
        &self,
        after: Option<u32>,
        since: NaiveDate,
        people: [Option<u32>; 2],
    ) -> Option<u32> {
        let from = match after {
            Some(a) => self.endings.partition_point(|t| t.event <= a),
            None => self
                .endings
                .partition_point(|t| self.date_of(t.event) < since),
        };
        self.endings
            .get(from..)?
            .iter()
            .find(|t| t.ends(self, people))
            .map(|t| t.event)
    }

    pub fn role_of(&self, participant: u32) -> Option<RoleId> {
        self.case.participant(participant).map(|p| p.role)
    }

    /// The first visible event that meets an obligation: one of its actions, after the
    /// triggering event (or on or after the day it was triggered), done by its party (or
    /// by someone in its role), to its counterpart or to someone in `to_role` when known.
    pub fn first_action(
        &self,
        o: &Obligation,
        to_role: Option<RoleId>,
        after: Option<u32>,
        last_day: Option<NaiveDate>,
    ) -> Option<u32> {
        let mut best: Option<u32> = None;
        for &action in &o.actions {
            let all = self.occurrences(action);
            let from = match after {
                Some(a) => all.partition_point(|&i| i <= a),
                None => all.partition_point(|&i| self.event(i).is_some_and(|e| e.date < o.since)),
            };
            for &i in all.get(from..).unwrap_or(&[]) {
                if best.is_some_and(|b| i >= b) {
                    break;
                }
                let Some(e) = self.event(i) else { continue };
                if e.date < o.since {
                    continue;
                }
                if last_day.is_some_and(|last| e.date > last) {
                    break;
                }
                let by_ok = match o.party {
                    Some(p) => e.by == p,
                    None => self.role_of(e.by) == Some(o.role),
                };
                let to_ok = match (o.counterpart, e.to) {
                    (Some(c), Some(t)) => t == c,
                    _ => true,
                } && match (to_role, e.to) {
                    (Some(r), Some(t)) => self.role_of(t) == Some(r),
                    _ => true,
                };
                if by_ok && to_ok {
                    best = Some(i);
                    break;
                }
            }
        }
        best
    }

    /// Settles a triggered obligation and records it: met on time or late, ended by a
    /// termination, overdue (a violation the day after its due date) or still open.
    /// Only events up to `last_day` can meet it, when given (a monthly duty's month).
    pub fn settle(
        &mut self,
        o: Obligation,
        to_role: Option<RoleId>,
        after: Option<u32>,
        last_day: Option<NaiveDate>,
    ) {
        self.settle_ending(o, to_role, after, last_day, None);
    }

    /// As [`Ctx::settle`], with one more way for it to stop being owed: `closed_by`, an event
    /// after which it is no longer owed (a ladder's person reached, an anchor replaced).
    pub fn settle_ending(
        &mut self,
        mut o: Obligation,
        to_role: Option<RoleId>,
        after: Option<u32>,
        last_day: Option<NaiveDate>,
        closed_by: Option<(u32, Closure)>,
    ) {
        let met = self.first_action(&o, to_role, after, last_day);
        let terminated = if matches!(o.detail, Detail::AfterTermination) {
            None
        } else {
            self.termination_after(after, o.since, [o.party, o.counterpart])
                .map(|t| (t, Closure::Termination))
        };
        let end = match (terminated, closed_by) {
            (Some(a), Some(b)) => Some(if a.0 <= b.0 { a } else { b }),
            (a, b) => a.or(b),
        };
        let mut events = o.events.clone();
        match (met, end.map(|(t, _)| t)) {
            (Some(m), e) if e.is_none_or(|t| m < t) => {
                let done = self.date_of(m);
                let late = o.due.is_some_and(|d| done > d);
                o.state = State::Met { event: m, late };
                if let (true, Some(due)) = (late, o.due) {
                    events.push(m);
                    self.violation(
                        &o,
                        day_after(due),
                        events,
                        ViolationKind::Late { due, done },
                    );
                }
            }
            // Not met: missed if the due date passed before the relationship ended (closed)
            // or before the evaluation date (still open).
            (_, _) => {
                let until = match end {
                    Some((t, why)) => {
                        o.state = State::Closed { by: t, why };
                        self.date_of(t)
                    }
                    None => self.as_of,
                };
                if let Some(due) = o.due
                    && until > due
                {
                    let actions = o.actions.clone();
                    self.violation(
                        &o,
                        day_after(due),
                        events,
                        ViolationKind::Missed {
                            due,
                            actions,
                            counterpart: o.counterpart,
                        },
                    );
                }
            }
        }
        self.out.obligations.push(o);
    }

    fn violation(&mut self, o: &Obligation, at: NaiveDate, events: Vec<u32>, kind: ViolationKind) {
        self.out.violations.push(Violation {
            rule: o.rule,
            severity: o.severity,
            party: o.party,
            at,
            events,
            kind,
        });
    }

    /// Records an obligation whose state is already known.
    pub fn push(&mut self, obligation: Obligation) {
        self.out.obligations.push(obligation);
    }

    pub fn push_violation(&mut self, violation: Violation) {
        self.out.violations.push(violation);
    }

    /// The latest obligation of `rule` with these actions for this party and counterpart
    /// (obligations are recorded in trigger order), and whether it was still open at the
    /// moment of event `at` (or on day `since`).
    pub fn latest_obligation(
        &self,
        rule: RuleId,
        actions: &[EventId],
        party: Option<u32>,
        counterpart: Option<u32>,
        at: Option<u32>,
        since: NaiveDate,
    ) -> Option<(usize, bool)> {
        let (index, o) = self
            .out
            .obligations
            .iter()
            .enumerate()
            .rev()
            .find(|(_, o)| {
                o.rule == rule
                    && o.party == party
                    && o.counterpart == counterpart
                    && o.actions == actions
            })?;
        let open = match o.state {
            State::Open => true,
            State::Met { event, .. } | State::Closed { by: event, .. } => match at {
                Some(a) => event > a,
                None => self.date_of(event) > since,
            },
        };
        Some((index, open))
    }

    /// Takes back an obligation that a later trigger replaces, with the violations it caused.
    pub fn withdraw(&mut self, index: usize) -> Option<Obligation> {
        if index >= self.out.obligations.len() {
            return None;
        }
        let o = self.out.obligations.remove(index);
        self.out.violations.retain(|v| {
            !(v.rule == o.rule
                && v.party == o.party
                && matches!(
                    v.kind,
                    ViolationKind::Missed { .. } | ViolationKind::Late { .. }
                )
                && v.events.starts_with(&o.events))
        });
        Some(o)
    }
}

/// The day after `date` (the day a missed deadline becomes a violation).
pub(crate) fn day_after(date: NaiveDate) -> NaiveDate {
    date.succ_opt().unwrap_or(date)
}
