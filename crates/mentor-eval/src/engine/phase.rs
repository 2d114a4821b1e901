//! Phases with a length range: `phase p  starts at E  should last 3 to 6 months`.
//!
//! A phase runs from its first start event to its `ends` event, or else to the start of the
//! next phase declared after it. Ending before the shortest length is a violation on the
//! day it ends; running past the longest, a violation the day after. While it runs, ending
//! it (or starting the next phase) is an obligation due on its last allowed day.

use super::{Ctx, Rule, day_after};
use crate::outcome::{Detail, Obligation, State, Violation, ViolationKind};
use chrono::NaiveDate;
use mentor_check::model::{EventId, PhaseRule, RoleId, RuleDef, RuleId, RuleKind};

impl Rule for PhaseRule {
    fn run(&self, ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef) {
        run(ctx, id, rule, self)
    }
}

fn run(ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef, this: &PhaseRule) {
    let Some(start) = ctx.matching_after(&this.starts, None).next() else {
        return;
    };
    let model = ctx.model;
    let end_pattern = match &this.ends {
        Some(e) => Some(e),
        None => this
            .next
            .and_then(|n| model.rule(n))
            .and_then(|r| match &r.kind {
                RuleKind::Phase(PhaseRule { starts, .. }) => Some(starts),
                _ => None,
            }),
    };
    ctx.trigger(id);
    let Some(end_pattern) = end_pattern else {
        return;
    };
    let started = ctx.date_of(start);
    let (Some(earliest), Some(latest)) = (
        ctx.add_figure(started, &this.min, Some(start)),
        ctx.add_figure(started, &this.max, Some(start)),
    ) else {
        return;
    };
    // A termination that ends the case (or its relationships) ends the phase too: an end
    // event after it belongs to something new.
    let starter = ctx.event(start).map(|e| e.by);
    let terminated = ctx.termination_after(Some(start), started, [starter, None]);
    let end = ctx
        .matching_after(end_pattern, Some(start))
        .next()
        .filter(|&i| terminated.is_none_or(|t| i < t));
    // Who owes the end while it runs: running past the longest length is theirs whoever
    // ends the phase later, as the breach happened while they owed it (a record does not
    // change hands).
    let owing_role = model
        .event(end_pattern.event)
        .and_then(|e| e.by.first().copied());
    let involved = ctx.involved(&[start]);
    let owing = owing_role.and_then(|r| ctx.parties(r, &involved).into_iter().next().flatten());
    let phase = Phase {
        id,
        rule,
        start,
        started,
        earliest,
        latest,
        owing,
    };
    match (end, terminated) {
        (Some(e), _) => phase.ended(ctx, e),
        // Ended by the termination: only running past its longest length is a finding.
        (None, Some(t)) => {
            if ctx.date_of(t) > latest {
                phase.too_long(ctx, smallvec::smallvec![start, t]);
            }
        }
        (None, None) => phase.running(ctx, end_pattern.event, owing_role),
    }
}

/// A phase that started (event `start` on `started`) and should end between `earliest` and
/// `latest`.
struct Phase<'r> {
    id: RuleId,
    rule: &'r RuleDef,
    start: u32,
    started: NaiveDate,
    earliest: NaiveDate,
    latest: NaiveDate,
    /// Who owes the end while it runs.
    owing: Option<u32>,
}

impl Phase<'_> {
    /// It ended at event `e`: too soon or too late is a violation.
    fn ended(&self, ctx: &mut Ctx<'_>, e: u32) {
        let ended = ctx.date_of(e);
        let party = ctx.event(e).map(|x| x.by);
        if ended < self.earliest {
            ctx.push_violation(Violation {
                rule: self.id,
                severity: self.rule.severity,
                party,
                at: ended,
                events: smallvec::smallvec![self.start, e],
                kind: ViolationKind::PhaseTooShort {
                    started: self.started,
                    ended,
                    earliest: self.earliest,
                },
            });
        } else if ended > self.latest {
            self.too_long(ctx, smallvec::smallvec![self.start, e]);
        }
    }

    /// It ran past its longest length: a violation of whoever owed the end, the day after.
    fn too_long(&self, ctx: &mut Ctx<'_>, events: crate::outcome::EventList) {
        ctx.push_violation(Violation {
            rule: self.id,
            severity: self.rule.severity,
            party: self.owing,
            at: day_after(self.latest),
            events,
            kind: ViolationKind::PhaseTooLong {
                started: self.started,
                latest: self.latest,
            },
        });
    }

    /// Still running: ending it (`end_event`) is owed by its last allowed day, and running
    /// past that is a violation.
    fn running(&self, ctx: &mut Ctx<'_>, end_event: EventId, role: Option<RoleId>) {
        let party = self.owing;
        if ctx.as_of > self.latest {
            self.too_long(ctx, smallvec::smallvec![self.start]);
        }
        let Some(role) = role else { return };
        ctx.push(Obligation {
            rule: self.id,
            severity: self.rule.severity,
            party,
            role,
            actions: smallvec::smallvec![end_event],
            counterpart: None,
            due: Some(self.latest),
            since: self.started,
            events: smallvec::smallvec![self.start],
            state: State::Open,
            detail: Detail::PhaseEnd {
                phase_start: self.started,
                earliest: self.earliest,
            },
        });
    }
}
