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

use super::Ctx;
use super::deadline::{Trigger, open};
use crate::outcome::{Closure, Detail, Obligation, State};
use chrono::NaiveDate;
use mentor_check::model::{EventId, EventMatch, OutcomeDef, RoleId, RuleDef, RuleId, StepDef};

struct Climb {
    step: usize,
    made: u32,
    first_attempt: Option<NaiveDate>,
    since: NaiveDate,
    events: Vec<u32>,
}

#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Happening {
    Start,
    Attempt,
    Success,
    End,
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn run(
    ctx: &mut Ctx<'_>,
    id: RuleId,
    rule: &RuleDef,
    reach: RoleId,
    start: Option<&EventMatch>,
    attempt: EventId,
    success: &[EventId],
    steps: &[StepDef],
    outcome: &OutcomeDef,
) {
    let targets: Vec<u32> = ctx.case.with_role(reach).to_vec();
    for t in targets {
        let mut timeline: Vec<(u32, Happening)> = Vec::new();
        if let Some(start) = start {
            for i in ctx.matching(start) {
                let applies = ctx.event(i).is_some_and(|e| {
                    e.involves(t)
                        || !ctx
                            .involved(&[i])
                            .iter()
                            .any(|&p| ctx.role_of(p) == Some(reach))
                });
                if applies {
                    timeline.push((i, Happening::Start));
                }
            }
        }
        for &i in ctx.occurrences(attempt) {
            if ctx.event(i).is_some_and(|e| e.to == Some(t)) {
                timeline.push((i, Happening::Attempt));
            }
        }
        // Success: someone reached the person (it went to them), or they answered one of
        // the people trying to reach them; their contact with anyone else does not count.
        let step_roles: Vec<RoleId> = steps.iter().map(|s| s.role).collect();
        for &s in success {
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
        for ending in &ctx.endings {
            if ending.ends(ctx, [Some(t), None]) {
                timeline.push((ending.event, Happening::End));
            }
        }
        // One event can be several things (a start and an attempt, an attempt and a
        // success): each counts, in the order start, attempt, success, end.
        timeline.sort_unstable();
        timeline.dedup();
        let successes: Vec<u32> = timeline
            .iter()
            .filter(|(_, h)| *h == Happening::Success)
            .map(|(i, _)| *i)
            .collect();

        let mut climb: Option<Climb> = None;
        for (i, happening) in timeline {
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
                        climb = Some(Climb {
                            step: 0,
                            made: 0,
                            first_attempt: None,
                            since: date,
                            events: vec![i],
                        });
                    }
                }
                Happening::Attempt => {
                    let Some(by_role) = ctx.event(i).and_then(|e| ctx.role_of(e.by)) else {
                        continue;
                    };
                    if climb.is_none()
                        && start.is_none()
                        && steps.first().is_some_and(|s| s.role == by_role)
                    {
                        ctx.trigger(id);
                        climb = Some(Climb {
                            step: 0,
                            made: 0,
                            first_attempt: None,
                            since: date,
                            events: Vec::new(),
                        });
                    }
                    let Some(c) = climb.as_mut() else { continue };
                    let Some(step) = steps.get(c.step) else {
                        continue;
                    };
                    if step.role != by_role {
                        continue;
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
                    if c.made >= step.attempts.at(date).value {
                        c.step += 1;
                        c.made = 0;
                        c.first_attempt = None;
                        if c.step >= steps.len() {
                            let events = std::mem::take(&mut c.events);
                            climb = None;
                            let trigger = Trigger {
                                at: Some(i),
                                since: date,
                                events,
                                people: vec![t],
                            };
                            // Reached after all: the outcome is no longer owed from then on.
                            let reached = successes.iter().find(|&&s| s > i).copied();
                            open(
                                ctx,
                                id,
                                &trigger,
                                &outcome.duty,
                                outcome.deadline.as_ref(),
                                Detail::LadderOutcome { target: t },
                                false,
                                reached.map(|s| (s, Closure::Reached)),
                            );
                        }
                    }
                }
            }
        }
        if let Some(c) = climb
            && let Some(step) = steps.get(c.step)
        {
            let involved = ctx.involved(&c.events);
            let party = ctx
                .parties(step.role, &involved)
                .into_iter()
                .next()
                .flatten();
            let mut actions = vec![attempt];
            actions.extend(success.iter().copied().filter(|s| *s != attempt));
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
                    step: c.step,
                    steps: steps.len(),
                    made: c.made,
                    of,
                    target: t,
                },
            });
        }
    }
}
