//! Deadlines: `after ANCHOR, ROLE must ACTIONS within D`.
//!
//! Each occurrence of the anchor triggers an obligation for the party; while it is open, a
//! repeated trigger does not start another (the first deadline stands). `later of A and B`
//! triggers when both have happened, at the later one; while the duty is open, a new
//! occurrence of either moves it to that later day, unless its due date has already passed:
//! then the missed duty stays missed (a violation is history) and a new one starts beside it.
//! Once met, it starts again only when both have happened again. `earlier of A and B`
//! triggers once, at the first of either.

use super::Ctx;
use crate::outcome::{Closure, Detail, Obligation, State};
use chrono::NaiveDate;
use mentor_check::model::{AnchorDef, DeadlineDef, DutyDef, RuleId};
use mentor_check::types::Value;

/// One moment the anchor fired.
pub(crate) struct Trigger {
    /// The event that completed the anchor, when there is one.
    pub at: Option<u32>,
    pub since: NaiveDate,
    pub events: Vec<u32>,
    /// Participants involved beyond those in `events` (a date fact's holder).
    pub people: Vec<u32>,
}

pub(crate) fn triggers(ctx: &Ctx<'_>, anchor: &AnchorDef) -> Vec<Trigger> {
    match anchor {
        AnchorDef::Event(m) => ctx
            .matching(m)
            .into_iter()
            .map(|i| Trigger {
                at: Some(i),
                since: ctx.date_of(i),
                events: vec![i],
                people: Vec::new(),
            })
            .collect(),
        AnchorDef::LaterOf(a, b) => {
            let (xs, ys) = (ctx.matching(a), ctx.matching(b));
            let mut all: Vec<(u32, bool)> = xs
                .iter()
                .map(|&i| (i, true))
                .chain(ys.iter().map(|&i| (i, false)))
                .collect();
            all.sort_unstable();
            let mut out = Vec::new();
            let (mut last_a, mut last_b) = (None, None);
            for (i, from_a) in all {
                if let Some(other) = if from_a { last_b } else { last_a } {
                    out.push(Trigger {
                        at: Some(i),
                        since: ctx.date_of(i),
                        events: vec![other, i],
                        people: Vec::new(),
                    });
                }
                if from_a {
                    last_a = Some(i);
                } else {
                    last_b = Some(i);
                }
            }
            out
        }
        AnchorDef::EarlierOf(a, b) => {
            let first = ctx.matching(a).into_iter().chain(ctx.matching(b)).min();
            first
                .map(|i| Trigger {
                    at: Some(i),
                    since: ctx.date_of(i),
                    events: vec![i],
                    people: Vec::new(),
                })
                .into_iter()
                .collect()
        }
        AnchorDef::Date(d) => {
            if *d <= ctx.as_of {
                vec![Trigger {
                    at: None,
                    since: *d,
                    events: Vec::new(),
                    people: Vec::new(),
                }]
            } else {
                Vec::new()
            }
        }
        AnchorDef::Fact(fact) => {
            let mut out = Vec::new();
            for &p in ctx.case.with_role(fact.owner) {
                let value = ctx
                    .case
                    .participant(p)
                    .and_then(|x| x.facts.get(fact.fact as usize))
                    .and_then(Option::as_ref);
                let date = match value {
                    Some(Value::Date(d)) => *d,
                    Some(Value::DateTime(dt)) => dt.date(),
                    _ => continue,
                };
                if date <= ctx.as_of {
                    out.push(Trigger {
                        at: None,
                        since: date,
                        events: Vec::new(),
                        people: vec![p],
                    });
                }
            }
            out.sort_by_key(|t| t.since);
            out
        }
    }
}

/// Opens (and settles) the obligations a trigger creates for a duty. `closed_by` is an event
/// after which they are no longer owed, besides a termination (a ladder's person reached).
#[allow(clippy::too_many_arguments)]
pub(crate) fn open(
    ctx: &mut Ctx<'_>,
    id: RuleId,
    trigger: &Trigger,
    duty: &DutyDef,
    deadline: Option<&DeadlineDef>,
    detail: Detail,
    later_of: bool,
    closed_by: Option<(u32, Closure)>,
) {
    let mut involved = ctx.involved(&trigger.events);
    involved.extend(trigger.people.iter().copied());
    let to_roles: Vec<mentor_check::model::RoleId> = match duty.to {
        Some(r) => vec![r],
        None => duty
            .actions
            .iter()
            .filter_map(|a| ctx.model.event(*a))
            .flat_map(|e| e.to.iter().copied())
            .collect(),
    };
    for party in ctx.parties(duty.role, &involved) {
        let counterpart = involved
            .iter()
            .copied()
            .find(|&p| Some(p) != party && ctx.role_of(p).is_some_and(|r| to_roles.contains(&r)))
            .or_else(|| {
                // `to ROLE` with one such participant in the case: that is who it is for.
                let people = ctx.case.with_role(duty.to?);
                if people.len() == 1 {
                    people.first().copied()
                } else {
                    None
                }
            });
        if let Some((previous, open)) = ctx.latest_obligation(
            id,
            &duty.actions,
            party,
            counterpart,
            trigger.at,
            trigger.since,
        ) {
            match (open, later_of) {
                // A repeated trigger does not restart the clock: the first deadline stands.
                (true, false) => continue,
                // `later of`: a later occurrence of either event moves the anchor, unless the
                // duty was already missed: that breach stays, closed by the new anchor.
                (true, true) => {
                    let missed = ctx
                        .out
                        .obligations
                        .get(previous)
                        .and_then(|o| o.due)
                        .is_some_and(|due| due < trigger.since);
                    if let Some(mut old) = ctx.withdraw(previous)
                        && let (true, Some(at)) = (missed, trigger.at)
                    {
                        old.state = State::Open;
                        let after = old.events.iter().max().copied();
                        ctx.settle_ending(old, duty.to, after, None, Some((at, Closure::Replaced)));
                    }
                }
                // Met already: `later of` starts again only when both events are new.
                (false, true) => {
                    let done = ctx
                        .out
                        .obligations
                        .get(previous)
                        .and_then(|o| o.events.iter().max().copied());
                    let oldest_new = trigger.events.iter().min().copied();
                    if done.is_some_and(|d| oldest_new.is_none_or(|n| n <= d)) {
                        continue;
                    }
                }
                (false, false) => {}
            }
        }
        let due = match deadline {
            Some(DeadlineDef::Within(figure)) => ctx.add_figure(trigger.since, figure, trigger.at),
            Some(DeadlineDef::By(date)) => Some(*date),
            None => None,
        };
        if deadline.is_some() && due.is_none() {
            continue; // the date could not be computed; reported as an evaluation error
        }
        let detail = match (&detail, deadline) {
            (Detail::Deadline { .. }, Some(DeadlineDef::Within(f))) => Detail::Deadline {
                within: Some(f.at(trigger.since)),
            },
            _ => detail.clone(),
        };
        let obligation = Obligation {
            rule: id,
            severity: duty.modality,
            party,
            role: duty.role,
            actions: duty.actions.clone(),
            counterpart,
            due,
            since: trigger.since,
            events: trigger.events.clone(),
            state: State::Open,
            detail,
        };
        ctx.settle_ending(obligation, duty.to, trigger.at, None, closed_by);
    }
}

pub(crate) fn run(
    ctx: &mut Ctx<'_>,
    id: RuleId,
    anchor: &AnchorDef,
    duty: &DutyDef,
    deadline: Option<&DeadlineDef>,
) {
    for trigger in triggers(ctx, anchor) {
        ctx.trigger(id);
        open(
            ctx,
            id,
            &trigger,
            duty,
            deadline,
            Detail::Deadline { within: None },
            matches!(anchor, AnchorDef::LaterOf(..)),
            None,
        );
    }
}
