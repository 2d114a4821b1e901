//! Escalation ladders: steps owned by roles, each with a number of attempts to reach someone.
//!
//! Per person to reach: the ladder starts at its `start` event (or at the first attempt by
//! the first step's role); each attempt to them by the current step's role counts; when a
//! step's attempts are used up the next step's role takes over; a success (the event going
//! to them, or them answering one of the steps' roles) ends the ladder;
//! when the last step's attempts are used up, the outcome's duty is triggered; a success after
//! that still ends the ladder, and the outcome's duty is then no longer owed (what was already
//! done or missed stays in the record). A step `within` a duration restarts its count when an
//! attempt comes later than that after the step's first attempt. A termination that ends the
//! person's relationships stops the ladder.

use super::deadline::{Opening, Trigger, open};
use super::{Ctx, Rule};
use crate::outcome::{Closure, Detail, Obligation, State};
use chrono::NaiveDate;
use mentor_check::model::LadderRule;
use mentor_check::model::{RoleId, RuleDef, RuleId};

struct Climb {
    step: usize,
    made: u32,
    first_attempt: Option<NaiveDate>,
    since: NaiveDate,
    events: crate::outcome::EventList,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Happening {
    Start,
    Attempt,
    Success,
    End,
}

impl Rule for LadderRule {
    fn run(&self, ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef) {
        run(ctx, id, rule, self)
    }
}

fn run(ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef, this: &LadderRule) {
    let case = ctx.case;
    for &t in case.with_role(this.reach) {
        let timeline = timeline(ctx, this, t);
        let mut climb: Option<Climb> = None;
        for (k, &(i, happening)) in timeline.iter().enumerate() {
            let date = ctx.date_of(i);
            match happening {
                Happening::Success | Happening::End => {
                    if climb.take().is_some() {
                        ctx.trigger(id);
                    }
                }
                Happening::Start => {
                    if climb.is_none() {
                        ctx.trigger(id);
                        climb = Some(Climb::new(date, smallvec::smallvec![i]));
                    }
                }
                Happening::Attempt => {
                    let mut ladder = Ladder {
                        ctx: &mut *ctx,
                        id,
                        this,
                        target: t,
                    };
                    let later = timeline.get(k + 1..).unwrap_or_default();
                    ladder.attempt(&mut climb, i, date, later);
                }
            }
        }
        if let Some(c) = climb {
            still_climbing(ctx, id, rule, this, t, c);
        }
    }
}

impl Climb {
    fn new(since: NaiveDate, events: crate::outcome::EventList) -> Climb {
        Climb {
            step: 0,
            made: 0,
            first_attempt: None,
            since,
            events,
        }
    }
}

/// Everything that happens on the ladder for the person `t` it tries to reach, in order.
/// One event can be several things (a start and an attempt, an attempt and a success): each
/// counts, in the order start, attempt, success, end.
fn timeline(ctx: &Ctx<'_>, this: &LadderRule, t: u32) -> Vec<(u32, Happening)> {
    let reach = this.reach;
    let starts = this
        .start
        .as_ref()
        .map(|s| ctx.matching(s))
        .unwrap_or_default();
    let attempts = ctx.occurrences(this.attempt);
    let succeeding = |s: &mentor_check::model::EventId| ctx.occurrences(*s).len();
    let at_most = starts.len()
        + attempts.len()
        + this.success.iter().map(succeeding).sum::<usize>()
        + ctx.endings.len();
    let mut timeline: Vec<(u32, Happening)> = Vec::with_capacity(at_most);
    for &i in starts.iter() {
        let applies = ctx.event(i).is_some_and(|e| {
            e.involves(t)
                || ![Some(e.by), e.to]
                    .into_iter()
                    .flatten()
                    .any(|p| ctx.role_of(p) == Some(reach))
        });
        if applies {
            timeline.push((i, Happening::Start));
        }
    }
    for &i in attempts {
        if ctx.event(i).is_some_and(|e| e.to == Some(t)) {
            timeline.push((i, Happening::Attempt));
        }
    }
    // Success: someone reached the person (it went to them), or they answered one of
    // the people trying to reach them; their contact with anyone else does not count.
    let step_roles: smallvec::SmallVec<[RoleId; 4]> = this.steps.iter().map(|s| s.role).collect();
    for &s in &this.success {
        for &i in ctx.occurrences(s) {
            let reached = ctx.event(i).is_some_and(|e| {
                e.to == Some(t)
                    || (e.by == t
                        && e.to
                            .and_then(|x| ctx.role_of(x))
                            .is_some_and(|r| step_roles.contains(&r)))
            });
            if reached {
                timeline.push((i, Happening::Success));
            }
        }
    }
    for ending in ctx.endings.iter() {
        if ending.ends(ctx, [Some(t), None]) {
            timeline.push((ending.event, Happening::End));
        }
    }
    // A few runs already in order, one after the other: a stable sort merges them (equal
    // items are identical, so the order is the same as any sort's).
    timeline.sort();
    timeline.dedup();
    timeline
}

/// One ladder, for one person to reach, while its timeline is walked.
struct Ladder<'c, 'a, 'r> {
    ctx: &'c mut Ctx<'a>,
    id: RuleId,
    this: &'r LadderRule,
    target: u32,
}

impl Ladder<'_, '_, '_> {
    /// An attempt (event `i` on `date`): counted for the current step when its role made it;
    /// the last step's last attempt opens the outcome's duty. `later`: what happens after it.
    fn attempt(
        &mut self,
        climb: &mut Option<Climb>,
        i: u32,
        date: NaiveDate,
        later: &[(u32, Happening)],
    ) {
        let (ctx, steps) = (&mut *self.ctx, &self.this.steps);
        let Some(by_role) = ctx.event(i).and_then(|e| ctx.role_of(e.by)) else {
            return;
        };
        if climb.is_none()
            && self.this.start.is_none()
            && steps.first().is_some_and(|s| s.role == by_role)
        {
            ctx.trigger(self.id);
            *climb = Some(Climb::new(date, crate::outcome::EventList::new()));
        }
        let Some(c) = climb.as_mut() else { return };
        let Some(step) = steps.get(c.step) else {
            return;
        };
        if step.role != by_role {
            return;
        }
        if let (Some(within), Some(first)) = (&step.within, c.first_attempt) {
            // A date that cannot be worked out is reported, and the count kept.
            let window_end = ctx.add_figure(first, within, Some(i)).unwrap_or(date);
            if date > window_end {
                c.made = 0;
                c.first_attempt = None;
            }
        }
        if c.made == 0 {
            c.first_attempt = Some(date);
        }
        c.made += 1;
        c.events.push(i);
        if c.made < step.attempts.at(date).value {
            return;
        }
        c.step += 1;
        c.made = 0;
        c.first_attempt = None;
        if c.step >= steps.len() {
            let events = std::mem::take(&mut c.events);
            *climb = None;
            self.outcome(i, date, events, later);
        }
    }

    /// Every step failed at event `i`: the outcome's duty, no longer owed once the person is
    /// reached after all.
    fn outcome(
        &mut self,
        i: u32,
        date: NaiveDate,
        events: crate::outcome::EventList,
        later: &[(u32, Happening)],
    ) {
        let t = self.target;
        let trigger = Trigger {
            at: Some(i),
            since: date,
            events,
            people: smallvec::smallvec![t],
        };
        let reached = later
            .iter()
            .find(|&&(s, h)| h == Happening::Success && s > i)
            .map(|&(s, _)| s);
        let outcome = &self.this.outcome;
        let opening = Opening {
            duty: &outcome.duty,
            deadline: outcome.deadline.as_ref(),
            detail: Detail::LadderOutcome { target: t },
            later_of: false,
            closed_by: reached.map(|s| (s, Closure::Reached)),
            memory: None,
        };
        open(self.ctx, self.id, &trigger, &opening);
    }
}

/// The ladder is still being climbed: the current step's role owes its next attempt.
fn still_climbing(
    ctx: &mut Ctx<'_>,
    id: RuleId,
    rule: &RuleDef,
    this: &LadderRule,
    t: u32,
    c: Climb,
) {
    let Some(step) = this.steps.get(c.step) else {
        return;
    };
    let involved = ctx.involved(&c.events);
    let party = ctx
        .parties(step.role, &involved)
        .into_iter()
        .next()
        .flatten();
    let mut actions: crate::outcome::Actions = smallvec::smallvec![this.attempt];
    actions.extend(this.success.iter().copied().filter(|s| *s != this.attempt));
    let of = step.attempts.at(c.since).value;
    ctx.push(Obligation {
        rule: id,
        severity: rule.severity,
        party,
        role: step.role,
        actions,
        counterpart: Some(t),
        due: None,
        since: c.since,
        events: c.events,
        state: State::Open,
        detail: Detail::LadderStep {
            step: u32::try_from(c.step).unwrap_or(u32::MAX),
            steps: u32::try_from(this.steps.len()).unwrap_or(u32::MAX),
            made: c.made,
            of,
            target: t,
        },
    });
}
