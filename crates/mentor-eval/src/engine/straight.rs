//! A duty owed by the case's only participant in its role, its triggers taken in time order.
//!
//! The usual deadline (`after E, ROLE must A within D`, `later of A and B` too) and a
//! termination's requirements are owed, in nearly every case, by the one participant of a
//! role. Their triggers then come in time order, so the first occurrence of the action after
//! a trigger and the first ending after it only move forward, and the latest duty for each
//! counterpart is kept here rather than looked for among the rule's obligations. What is
//! decided is what [`super::deadline`]'s general path decides.

use super::Ctx;
use super::deadline::{
    Involved, Moment, Opening, Owed, Trigger, counterpart, detail, later_of_reopens, obligation,
};
use crate::outcome::{Closure, Detail, State};
use mentor_check::model::{DeadlineDef, RuleId};
use smallvec::SmallVec;

/// The latest duty for one counterpart.
#[derive(Clone, Copy)]
struct Latest {
    counterpart: Option<u32>,
    /// The event that met or ended it (`None`: still open).
    until: Option<u32>,
    /// Where it is among the evaluation's obligations.
    index: usize,
    /// The latest of the events that triggered it.
    newest: u32,
}

impl Latest {
    /// Whether it was still owed at the moment of the event `i`.
    fn open_at(&self, i: u32) -> bool {
        self.until.is_none_or(|u| u > i)
    }
}

/// A duty owed by the case's only participant in its role, for one action.
pub(crate) struct Straight<'a> {
    party: u32,
    /// The action's visible occurrences.
    actions: &'a [u32],
    /// The first occurrence of the action after the last trigger, and the first ending.
    next_action: usize,
    next_ending: usize,
    /// Who the last two kinds of trigger involved, and whom they concerned (`later of A and
    /// B` alternates between two).
    last: [Option<(Involved, Option<u32>)>; 2],
    /// The latest duty, and the latest for each other counterpart when there were others.
    latest: Option<Latest>,
    others: SmallVec<[Latest; 2]>,
}

impl<'a> Straight<'a> {
    /// `None`: not such a duty (or one an event closes), or the evaluation takes every duty
    /// the general way.
    pub fn new(ctx: &Ctx<'a>, opening: &Opening<'_>) -> Option<Self> {
        let duty = opening.duty;
        let (&[party], &[action]) = (ctx.case.with_role(duty.role), &duty.actions[..]) else {
            return None;
        };
        if opening.closed_by.is_some() || ctx.general {
            return None;
        }
        Some(Straight {
            party,
            actions: ctx.occurrences(action),
            next_action: 0,
            next_ending: 0,
            last: [None, None],
            latest: None,
            others: SmallVec::new(),
        })
    }

    /// Opens and settles the duty that the event `i` (with `people` beyond those in it)
    /// triggers, unless the latest like it still stands. Triggers come in time order.
    #[inline(always)]
    pub fn take(
        &mut self,
        ctx: &mut Ctx<'a>,
        id: RuleId,
        opening: &Opening<'_>,
        i: u32,
        people: &[u32],
    ) {
        if let Some(e) = ctx.event(i) {
            let now = Involved::by_to(e, people);
            self.take_as(ctx, id, opening, &[i], (e, now), people);
        }
    }

    /// As [`Straight::take`], for `later of A and B`: the event `i` completed it, after
    /// `other`. While the latest duty like it is still open, it moves to this trigger.
    #[inline(always)]
    pub fn take_later(
        &mut self,
        ctx: &mut Ctx<'a>,
        id: RuleId,
        opening: &Opening<'_>,
        other: u32,
        i: u32,
    ) {
        if let (Some(x), Some(e)) = (ctx.event(other), ctx.event(i)) {
            let now = Some(Involved::two(x, e));
            self.take_as(ctx, id, opening, &[other, i], (e, now), &[]);
        }
    }

    /// A trigger (its `events`, the last one `e`, who they involve `now`, and `people`
    /// beyond them) opens and settles a duty.
    #[inline(always)]
    fn take_as(
        &mut self,
        ctx: &mut Ctx<'a>,
        id: RuleId,
        opening: &Opening<'_>,
        events: &[u32],
        (e, now): (&crate::case::CaseEvent, Option<Involved>),
        people: &[u32],
    ) {
        let (duty, party) = (opening.duty, self.party);
        let (i, since) = (events.last().copied().unwrap_or_default(), e.date);
        let counterpart = match &self.last {
            [Some((k, c)), _] | [_, Some((k, c))] if Some(k) == now.as_ref() => *c,
            _ => {
                let trigger = self.trigger(i, since, events, people);
                let c = counterpart(ctx, duty, &trigger, Some(party));
                if let Some(now) = now {
                    let [newer, older] = &mut self.last;
                    *older = newer.replace((now, c));
                }
                c
            }
        };
        // The latest duty like it still stands: a repeated trigger does not restart it.
        let known = match self.latest {
            Some(l) if l.counterpart == counterpart => Some(l),
            _ => self
                .others
                .iter()
                .find(|o| o.counterpart == counterpart)
                .copied(),
        };
        if let Some(l) = known {
            match (l.open_at(i), opening.later_of) {
                (true, false) => return,
                // It moves to this trigger (one already missed stays missed, closed by it).
                (true, true) => self.moved(ctx, opening, l, i, since, events, people),
                // Met or ended: it starts again only when both events are new.
                (false, true) if events.iter().min().is_none_or(|&o| o <= l.newest) => return,
                (false, _) => {}
            }
        }
        let due = match opening.deadline {
            Some(DeadlineDef::Within(figure)) => match ctx.add_figure(since, figure, Some(i)) {
                Some(due) => Some(due),
                None => return, // reported as an evaluation error
            },
            Some(DeadlineDef::By(date)) => Some(*date),
            None => None,
        };
        let actions = self.actions;
        while actions.get(self.next_action).is_some_and(|&a| a <= i) {
            self.next_action += 1;
        }
        let wanted = super::Wanted {
            party: Some(party),
            role: duty.role,
            counterpart,
            since,
            to_role: duty.to,
            after: Some(i),
            last_day: None,
        };
        let rest = actions.get(self.next_action..).unwrap_or(&[]);
        let met = ctx.first_fitting(rest, &wanted, None);
        // A duty a termination requires is not ended by one.
        let end = match opening.detail {
            Detail::AfterTermination => None,
            _ => {
                while ctx
                    .endings
                    .get(self.next_ending)
                    .is_some_and(|x| x.event <= i)
                {
                    self.next_ending += 1;
                }
                ctx.first_ending(self.next_ending, [Some(party), counterpart], met)
                    .map(|x| (x, Closure::Termination))
            }
        };
        let (state, breach) = ctx.decide(met, end, due);
        let owed = Owed {
            party: Some(party),
            counterpart,
        };
        let now = Moment {
            at: Some(i),
            since,
            events,
        };
        let detail = detail(opening, since);
        ctx.record(obligation(id, duty, owed, now, due, detail, state), breach);
        let until = match state {
            State::Open => None,
            State::Met { event, .. } | State::Closed { by: event, .. } => Some(event),
        };
        let latest = Latest {
            counterpart,
            until,
            index: ctx.out.obligations.len().saturating_sub(1),
            newest: match *events {
                [a, b] => a.max(b),
                _ => i,
            },
        };
        if let Some(previous) = self.latest.replace(latest)
            && previous.counterpart != counterpart
        {
            match self
                .others
                .iter_mut()
                .find(|o| o.counterpart == previous.counterpart)
            {
                Some(slot) => *slot = previous,
                None => self.others.push(previous),
            }
        }
    }

    /// With `later of`, a trigger while the latest duty like it (`l`) is still open: it is
    /// taken back (and, already missed, recorded again closed by this trigger), and the
    /// obligations after it have moved.
    #[cold]
    #[allow(clippy::too_many_arguments)]
    fn moved(
        &mut self,
        ctx: &mut Ctx<'a>,
        opening: &Opening<'_>,
        l: Latest,
        i: u32,
        since: chrono::NaiveDate,
        events: &[u32],
        people: &[u32],
    ) {
        let trigger = self.trigger(i, since, events, people);
        later_of_reopens(ctx, &trigger, opening, l.index, true);
        for other in self.latest.iter_mut().chain(self.others.iter_mut()) {
            if other.index > l.index {
                other.index -= 1;
            }
        }
    }

    /// The trigger as the general path sees it.
    fn trigger(&self, i: u32, since: chrono::NaiveDate, events: &[u32], people: &[u32]) -> Trigger {
        Trigger {
            at: Some(i),
            since,
            events: crate::outcome::event_list(events),
            people: super::People::from_slice(people),
        }
    }
}
