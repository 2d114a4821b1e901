//! Deadlines: `after ANCHOR, ROLE must ACTIONS within D`.
//!
//! Each occurrence of the anchor triggers an obligation for the party; while it is open, a
//! repeated trigger does not start another (the first deadline stands). `later of A and B`
//! triggers when both have happened, at the later one; while the duty is open, a new
//! occurrence of either moves it to that later day, unless its due date has already passed:
//! then the missed duty stays missed (a violation is history) and a new one starts beside it.
//! Once met, it starts again only when both have happened again. `earlier of A and B`
//! triggers once, at the first of either.

use super::{Ctx, People, Rule};
use crate::outcome::{Closure, Detail, EventList, Obligation, State};
use chrono::NaiveDate;
use mentor_check::model::{AnchorDef, DeadlineDef, DutyDef, EventMatch, FactRef, RuleId};
use mentor_check::model::{DeadlineRule, RuleDef};
use mentor_check::types::Value;
use smallvec::smallvec;

/// One moment the anchor fired.
pub(crate) struct Trigger {
    /// The event that completed the anchor, when there is one.
    pub at: Option<u32>,
    pub since: NaiveDate,
    pub events: EventList,
    /// Participants involved beyond those in `events` (a date fact's holder).
    pub people: People,
}

pub(crate) fn triggers(ctx: &Ctx<'_>, anchor: &AnchorDef) -> Vec<Trigger> {
    match anchor {
        AnchorDef::Event(m) => ctx
            .matching(m)
            .iter()
            .map(|&i| Trigger {
                at: Some(i),
                since: ctx.date_of(i),
                events: smallvec![i],
                people: People::new(),
            })
            .collect(),
        AnchorDef::LaterOf(a, b) => later_of(ctx, a, b),
        AnchorDef::EarlierOf(a, b) => {
            let first = ctx
                .matching(a)
                .iter()
                .chain(ctx.matching(b).iter())
                .min()
                .copied();
            first
                .map(|i| Trigger {
                    at: Some(i),
                    since: ctx.date_of(i),
                    events: smallvec![i],
                    people: People::new(),
                })
                .into_iter()
                .collect()
        }
        AnchorDef::Date(d) => {
            if *d <= ctx.as_of {
                vec![Trigger {
                    at: None,
                    since: *d,
                    events: EventList::new(),
                    people: People::new(),
                }]
            } else {
                Vec::new()
            }
        }
        AnchorDef::Fact(fact) => from_fact(ctx, fact),
    }
}

/// `later of A and B`: each occurrence of one after the other has happened, at the later.
fn later_of(ctx: &Ctx<'_>, a: &EventMatch, b: &EventMatch) -> Vec<Trigger> {
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
                events: smallvec![other, i],
                people: People::new(),
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

/// A date fact of each participant who holds one, once the date has come.
fn from_fact(ctx: &Ctx<'_>, fact: &FactRef) -> Vec<Trigger> {
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
                events: EventList::new(),
                people: smallvec![p],
            });
        }
    }
    out.sort_by_key(|t| t.since);
    out
}

/// A duty a trigger opens: what is owed, by when, and how it may end.
pub(crate) struct Opening<'r> {
    pub duty: &'r DutyDef,
    pub deadline: Option<&'r DeadlineDef>,
    pub detail: Detail,
    /// `later of A and B`: a later occurrence of either moves the anchor.
    pub later_of: bool,
    /// An event after which it is no longer owed, besides a termination (a ladder's person
    /// reached).
    pub closed_by: Option<(u32, Closure)>,
}

/// Opens (and settles) the obligations a trigger creates for a duty, one per party.
pub(crate) fn open(ctx: &mut Ctx<'_>, id: RuleId, trigger: &Trigger, opening: &Opening<'_>) {
    let duty = opening.duty;
    // Who owes it and whom it concerns depend only on the duty and on who did the trigger's
    // one event to whom: a trigger like the last one (as a rule's triggers nearly always
    // are) owes what it owed.
    let like = match (&trigger.events[..], trigger.people.is_empty()) {
        ([i], true) => ctx.event(*i).map(|e| LastOwing {
            duty: std::ptr::from_ref(duty) as usize,
            by: e.by,
            to: e.to,
            owed: Owed::default(),
        }),
        _ => None,
    };
    if let (Some(like), Some(last)) = (like, ctx.last_owing)
        && (like.duty, like.by, like.to) == (last.duty, last.by, last.to)
    {
        open_for(ctx, id, trigger, opening, last.owed);
        return;
    }
    let parties = ctx.parties_of(duty.role, &trigger.events, &trigger.people);
    for &party in parties.iter() {
        let counterpart = counterpart(ctx, duty, trigger, party);
        let owed = Owed { party, counterpart };
        if let (Some(like), [_]) = (like, &parties[..]) {
            ctx.last_owing = Some(LastOwing { owed, ..like });
        }
        open_for(ctx, id, trigger, opening, owed);
    }
}

/// Who owes a duty (`None`: nobody in its role) and whom it concerns, when known.
#[derive(Clone, Copy, Default)]
pub(crate) struct Owed {
    party: Option<u32>,
    counterpart: Option<u32>,
}

/// Who owed the duty the running rule's last one-event trigger opened, when one party did.
#[derive(Clone, Copy)]
pub(crate) struct LastOwing {
    /// The duty (its place in the policy).
    duty: usize,
    by: u32,
    to: Option<u32>,
    owed: Owed,
}

/// Opens (and settles) the obligation a trigger creates for one party, unless the latest one
/// like it still stands.
#[inline(never)]
fn open_for(ctx: &mut Ctx<'_>, id: RuleId, trigger: &Trigger, opening: &Opening<'_>, owed: Owed) {
    let duty = opening.duty;
    if !still_to_open(ctx, id, trigger, opening, owed) {
        return;
    }
    let due = match opening.deadline {
        Some(DeadlineDef::Within(figure)) => ctx.add_figure(trigger.since, figure, trigger.at),
        Some(DeadlineDef::By(date)) => Some(*date),
        None => None,
    };
    if opening.deadline.is_some() && due.is_none() {
        return; // the date could not be computed; reported as an evaluation error
    }
    let detail = match (&opening.detail, opening.deadline) {
        (Detail::Deadline { .. }, Some(DeadlineDef::Within(f))) => Detail::Deadline {
            within: Some(f.at(trigger.since)),
        },
        (detail, _) => detail.clone(),
    };
    let obligation = Obligation {
        rule: id,
        severity: duty.modality,
        party: owed.party,
        role: duty.role,
        actions: crate::outcome::actions(&duty.actions),
        counterpart: owed.counterpart,
        due,
        since: trigger.since,
        events: crate::outcome::event_list(&trigger.events),
        state: State::Open,
        detail,
    };
    ctx.settle_ending(obligation, duty.to, trigger.at, None, opening.closed_by);
}

/// Whom a duty concerns: someone involved whose role receives its actions, else the case's
/// only participant of its `to` role.
fn counterpart(
    ctx: &Ctx<'_>,
    duty: &DutyDef,
    trigger: &Trigger,
    party: Option<u32>,
) -> Option<u32> {
    let model = ctx.model;
    let receives = |r: mentor_check::model::RoleId| match duty.to {
        Some(to) => to == r,
        None => duty
            .actions
            .iter()
            .filter_map(|a| model.event(*a))
            .any(|e| e.to.contains(&r)),
    };
    let fits = |p: u32| Some(p) != party && ctx.role_of(p).is_some_and(receives);
    let mut involved = trigger.events.iter().filter_map(|&i| ctx.event(i));
    let in_events = involved.find_map(|e| match e.to {
        _ if fits(e.by) => Some(e.by),
        Some(t) if fits(t) => Some(t),
        _ => None,
    });
    in_events
        .or_else(|| trigger.people.iter().copied().find(|&p| fits(p)))
        .or_else(|| match ctx.case.with_role(duty.to?) {
            [only] => Some(*only),
            _ => None,
        })
}

/// Whether a trigger opens a new duty for this party, given the latest one like it: a
/// repeated trigger does not restart the clock (the first deadline stands); with `later of`,
/// a later occurrence of either event moves the anchor of an open duty (one already missed
/// stays a violation, closed by the new anchor) and starts a met one again only when both
/// events are new.
fn still_to_open(
    ctx: &mut Ctx<'_>,
    id: RuleId,
    trigger: &Trigger,
    opening: &Opening<'_>,
    owed: Owed,
) -> bool {
    let duty = opening.duty;
    let Some((previous, open)) = ctx.latest_obligation(
        id,
        &duty.actions,
        owed.party,
        owed.counterpart,
        trigger.at,
        trigger.since,
    ) else {
        return true;
    };
    if opening.later_of {
        later_of_reopens(ctx, trigger, opening, previous, open)
    } else {
        !open
    }
}

/// With `later of`, whether a trigger opens a new duty given the latest one like it
/// (`previous`, still `open` or not), which it moves or closes.
#[inline(never)]
fn later_of_reopens(
    ctx: &mut Ctx<'_>,
    trigger: &Trigger,
    opening: &Opening<'_>,
    previous: usize,
    open: bool,
) -> bool {
    let duty = opening.duty;
    let earlier = ctx.out.obligations.get(previous);
    match open {
        true => {
            let missed = earlier
                .and_then(|o| o.due)
                .is_some_and(|due| due < trigger.since);
            if let Some(mut old) = ctx.withdraw(previous)
                && let (true, Some(at)) = (missed, trigger.at)
            {
                old.state = State::Open;
                let after = old.events.iter().max().copied();
                ctx.settle_ending(old, duty.to, after, None, Some((at, Closure::Replaced)));
            }
            true
        }
        false => {
            let done = earlier.and_then(|o| o.events.iter().max().copied());
            let oldest_new = trigger.events.iter().min().copied();
            done.is_none_or(|d| oldest_new.is_some_and(|n| n > d))
        }
    }
}

impl Rule for DeadlineRule {
    fn run(&self, ctx: &mut Ctx<'_>, id: RuleId, _rule: &RuleDef) {
        run(ctx, id, self)
    }
}

fn run(ctx: &mut Ctx<'_>, id: RuleId, this: &DeadlineRule) {
    let (anchor, duty, deadline) = (&this.anchor, &this.duty, this.deadline.as_ref());
    let opening = Opening {
        duty,
        deadline,
        detail: Detail::Deadline { within: None },
        later_of: matches!(anchor, AnchorDef::LaterOf(..)),
        closed_by: None,
    };
    if let AnchorDef::Event(m) = anchor {
        // The usual anchor: each occurrence in turn, without gathering them first.
        let found = ctx.matching(m);
        for &i in found.iter() {
            let trigger = Trigger {
                at: Some(i),
                since: ctx.date_of(i),
                events: smallvec![i],
                people: People::new(),
            };
            ctx.trigger(id);
            open(ctx, id, &trigger, &opening);
        }
        return;
    }
    for trigger in triggers(ctx, anchor) {
        ctx.trigger(id);
        open(ctx, id, &trigger, &opening);
    }
}
