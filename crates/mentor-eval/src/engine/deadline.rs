//! Deadlines: `after ANCHOR, ROLE must ACTIONS within D`.
//!
//! Each occurrence of the anchor triggers an obligation for the party; while it is open, a
//! repeated trigger does not start another (the first deadline stands). `later of A and B`
//! triggers when both have happened, at the later one; while the duty is open, a new
//! occurrence of either moves it to that later day, unless its due date has already passed:
//! then the missed duty stays missed (a violation is history) and a new one starts beside it.
//! Once met, it starts again only when both have happened again. `earlier of A and B`
//! triggers once, at the first of either.

use super::straight::Straight;
use super::{Ctx, People, Rule};
use crate::outcome::{Closure, Detail, EventList, Obligation, State};
use chrono::NaiveDate;
use mentor_check::model::{AnchorDef, DeadlineDef, DutyDef, EventMatch, FactRef, RuleId};
use mentor_check::model::{DeadlineRule, RuleDef};
use mentor_check::types::Value;
use smallvec::smallvec;
use std::borrow::Cow;

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
    LaterOf::new(ctx, a, b)
        .map(|(other, i)| Trigger {
            at: Some(i),
            since: ctx.date_of(i),
            events: smallvec![other, i],
            people: People::new(),
        })
        .collect()
}

/// `later of A and B`, read as the two events' occurrences are merged in time order: each
/// occurrence of one after the other has happened, with the other's latest (`(other, i)`).
/// On one event matching both, B's comes first.
struct LaterOf<'a> {
    xs: Cow<'a, [u32]>,
    ys: Cow<'a, [u32]>,
    /// How many of each have been read.
    read: (usize, usize),
    /// The latest of each read so far.
    last: (Option<u32>, Option<u32>),
}

impl<'a> LaterOf<'a> {
    fn new(ctx: &Ctx<'a>, a: &EventMatch, b: &EventMatch) -> Self {
        LaterOf {
            xs: ctx.matching(a),
            ys: ctx.matching(b),
            read: (0, 0),
            last: (None, None),
        }
    }
}

impl Iterator for LaterOf<'_> {
    type Item = (u32, u32);

    fn next(&mut self) -> Option<(u32, u32)> {
        loop {
            let (x, y) = (self.xs.get(self.read.0), self.ys.get(self.read.1));
            let (i, other) = match (x, y) {
                (Some(&x), Some(&y)) if x < y => (x, self.take_a(x)),
                (Some(&x), None) => (x, self.take_a(x)),
                (_, Some(&y)) => (y, self.take_b(y)),
                (None, None) => return None,
            };
            if let Some(other) = other {
                return Some((other, i));
            }
        }
    }
}

impl LaterOf<'_> {
    /// Reads A's occurrence `i`: B's latest, if any.
    fn take_a(&mut self, i: u32) -> Option<u32> {
        self.read.0 += 1;
        self.last.0 = Some(i);
        self.last.1
    }

    /// Reads B's occurrence `i`: A's latest, if any.
    fn take_b(&mut self, i: u32) -> Option<u32> {
        self.read.1 += 1;
        self.last.1 = Some(i);
        self.last.0
    }
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
    /// Where the running rule remembers this duty ([`Ctx::memory`]), when it may: none of the
    /// rule's other duties is owed by the same role with the same actions. Only places the
    /// rule asked for ([`Ctx::remember`]) are used.
    pub memory: Option<usize>,
}

/// Opens (and settles) the obligations a trigger creates for a duty, one per party.
#[inline(always)]
pub(crate) fn open(ctx: &mut Ctx<'_>, id: RuleId, trigger: &Trigger, opening: &Opening<'_>) {
    // Who owes it and whom it concerns depend only on the duty and on who did the trigger's
    // events to whom: a trigger like one of the duty's last two (as a rule's triggers nearly
    // always are) owes what it owed.
    let remembered = opening.memory.filter(|&m| m < ctx.memory.len());
    let involved = remembered.and_then(|_| Involved::of(ctx, trigger));
    if let (Some(m), Some(now)) = (remembered, &involved)
        && let Some(owed) = ctx.memory.get(m).and_then(|memory| memory.owing(now))
    {
        if opening.closed_by.is_none() {
            let now = Moment {
                at: trigger.at,
                since: trigger.since,
                events: &trigger.events,
            };
            if let Quick::Done = quick(ctx, id, opening, m, now, owed) {
                return;
            }
        }
        open_for(ctx, id, trigger, opening, owed);
        return;
    }
    open_parties(ctx, id, trigger, opening, remembered.zip(involved));
}

/// Works out who owes a duty (and whom it concerns) and opens it for each party; remembers
/// who did in `memory` when one party did.
#[inline(never)]
fn open_parties(
    ctx: &mut Ctx<'_>,
    id: RuleId,
    trigger: &Trigger,
    opening: &Opening<'_>,
    memory: Option<(usize, Involved)>,
) {
    let duty = opening.duty;
    let parties = ctx.parties_of(duty.role, &trigger.events, &trigger.people);
    for &party in parties.iter() {
        let counterpart = counterpart(ctx, duty, trigger, party);
        let owed = Owed { party, counterpart };
        if let (Some((m, now)), [_]) = (memory, &parties[..])
            && let Some(memory) = ctx.memory.get_mut(m)
        {
            memory.owes(now, owed);
            // Remembered: opened as the triggers like it will be.
            let moment = Moment {
                at: trigger.at,
                since: trigger.since,
                events: &trigger.events,
            };
            if opening.closed_by.is_none()
                && let Quick::Done = quick(ctx, id, opening, m, moment, owed)
            {
                continue;
            }
        }
        open_for(ctx, id, trigger, opening, owed);
    }
}

/// Who owes a duty (`None`: nobody in its role) and whom it concerns, when known.
#[derive(Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Owed {
    pub(super) party: Option<u32>,
    pub(super) counterpart: Option<u32>,
}

/// Who did a trigger's events to whom, and who else it involves, for a trigger of up to two
/// events and two more people (`u32::MAX`: nobody).
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) struct Involved([u32; 6]);

impl Involved {
    /// A one-event trigger by `by` to `to`.
    fn one(by: u32, to: Option<u32>) -> Involved {
        const NOBODY: u32 = u32::MAX;
        Involved([by, to.unwrap_or(NOBODY), NOBODY, NOBODY, NOBODY, NOBODY])
    }

    /// A two-event trigger: `e`, then `f`.
    pub(super) fn two(e: &crate::case::CaseEvent, f: &crate::case::CaseEvent) -> Involved {
        const NOBODY: u32 = u32::MAX;
        let to = |x: &crate::case::CaseEvent| x.to.unwrap_or(NOBODY);
        Involved([e.by, to(e), f.by, to(f), NOBODY, NOBODY])
    }

    /// A one-event trigger, with `people` beyond those in it (none, or two).
    #[inline]
    pub(super) fn by_to(e: &crate::case::CaseEvent, people: &[u32]) -> Option<Involved> {
        const NOBODY: u32 = u32::MAX;
        let to = e.to.unwrap_or(NOBODY);
        match *people {
            [] => Some(Involved([e.by, to, NOBODY, NOBODY, NOBODY, NOBODY])),
            [x, y] => Some(Involved([e.by, to, NOBODY, NOBODY, x, y])),
            _ => None,
        }
    }

    #[inline]
    fn of(ctx: &Ctx<'_>, trigger: &Trigger) -> Option<Involved> {
        const NOBODY: u32 = u32::MAX;
        let to = |e: &crate::case::CaseEvent| e.to.unwrap_or(NOBODY);
        let key = match (&trigger.events[..], &trigger.people[..]) {
            ([i], []) => {
                let e = ctx.event(*i)?;
                [e.by, to(e), NOBODY, NOBODY, NOBODY, NOBODY]
            }
            ([i], [x, y]) => {
                let e = ctx.event(*i)?;
                [e.by, to(e), NOBODY, NOBODY, *x, *y]
            }
            ([i, j], []) => return Some(Involved::two(ctx.event(*i)?, ctx.event(*j)?)),
            _ => return None,
        };
        Some(Involved(key))
    }
}

/// What the running rule remembers of one of its duties: who owed its last two kinds of
/// trigger (when one party did; `later of A and B` alternates between two), and its latest
/// obligation.
#[derive(Clone, Copy, Default)]
pub(crate) struct Memory {
    owing: [Option<(Involved, Owed)>; 2],
    pub latest: Latest,
}

impl Memory {
    /// Who owed a trigger like `now`, when one like it came before.
    #[inline]
    fn owing(&self, now: &Involved) -> Option<Owed> {
        self.owing
            .iter()
            .flatten()
            .find(|(last, _)| last == now)
            .map(|&(_, owed)| owed)
    }

    /// Remembers who owed a trigger like `now`, in place of the older of the two.
    fn owes(&mut self, now: Involved, owed: Owed) {
        let [newer, older] = &mut self.owing;
        *older = newer.replace((now, owed));
    }
}

/// A duty's latest obligation in the running rule.
#[derive(Clone, Copy, Default)]
pub(crate) enum Latest {
    /// It has recorded none.
    #[default]
    None,
    /// Its latest, at this index, was owed this (one for someone else may have followed).
    At(Owed, usize),
    /// Not known: the rule's obligations tell.
    Unknown,
}

impl Latest {
    /// The index of the latest obligation when it is known to have been owed `owed` (by
    /// someone: two duties of one role and the same actions could both be owed by nobody).
    #[inline]
    fn of(self, owed: Owed) -> Option<Option<usize>> {
        owed.party?;
        match self {
            Latest::None => Some(None),
            Latest::At(o, index) if o == owed => Some(Some(index)),
            _ => None,
        }
    }

    /// After the obligation at `index` was taken back.
    pub fn withdrawn(self, index: usize) -> Latest {
        match self {
            Latest::At(_, i) if i == index => Latest::Unknown,
            Latest::At(o, i) if i > index => Latest::At(o, i - 1),
            other => other,
        }
    }
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
    let now = Moment {
        at: trigger.at,
        since: trigger.since,
        events: &trigger.events,
    };
    let detail = detail(opening, trigger.since);
    let obligation = obligation(id, duty, owed, now, due, detail, State::Open);
    ctx.settle_ending(obligation, duty.to, trigger.at, None, opening.closed_by);
    let index = ctx.out.obligations.len().saturating_sub(1);
    if let Some(m) = opening.memory.and_then(|m| ctx.memory.get_mut(m)) {
        m.latest = Latest::At(owed, index);
    }
}

/// The usual deadline, `after E, ROLE must A`: each occurrence of `E` (`found`) in turn. A
/// trigger like the last one (done by and to the same people), whose latest duty is known, is
/// opened and settled here in one step; any other goes through [`open`].
fn each_occurrence(ctx: &mut Ctx<'_>, id: RuleId, opening: &Opening<'_>, found: &[u32]) {
    if let Some(mut straight) = Straight::new(ctx, opening) {
        if !found.is_empty() {
            ctx.trigger(id);
        }
        for &i in found {
            straight.take(ctx, id, opening, i, &[]);
        }
        return;
    }
    // Nothing to remember for one occurrence.
    if found.len() > 1 {
        ctx.remember(1);
    }
    // Who did the last trigger to whom, and who owed it.
    let mut last: Option<((u32, Option<u32>), Owed)> = None;
    if !found.is_empty() {
        ctx.trigger(id);
    }
    for &i in found {
        let Some(e) = ctx.event(i) else { continue };
        let now = Moment {
            at: Some(i),
            since: e.date,
            events: &[i],
        };
        if let Some((key, owed)) = last
            && key == (e.by, e.to)
            && let Quick::Done = quick(ctx, id, opening, 0, now, owed)
        {
            continue;
        }
        let trigger = Trigger {
            at: Some(i),
            since: e.date,
            events: smallvec![i],
            people: People::new(),
        };
        open(ctx, id, &trigger, opening);
        last = ctx
            .memory
            .first()
            .and_then(|m| m.owing(&Involved::one(e.by, e.to)))
            .map(|owed| ((e.by, e.to), owed));
    }
}

/// `later of A and B`: each occurrence in turn, as the two events are merged. A trigger like
/// one of the last two (its two events done by and to the same people), whose latest duty is
/// known, is opened and settled here in one step; any other goes through [`open`].
fn each_later(
    ctx: &mut Ctx<'_>,
    id: RuleId,
    opening: &Opening<'_>,
    a: &EventMatch,
    b: &EventMatch,
) {
    if let Some(mut straight) = Straight::new(ctx, opening) {
        let mut triggered = false;
        for (other, i) in LaterOf::new(ctx, a, b) {
            if !triggered {
                ctx.trigger(id);
                triggered = true;
            }
            straight.take_later(ctx, id, opening, other, i);
        }
        return;
    }
    ctx.remember(1);
    // Who did the last two kinds of trigger to whom (they alternate), and who owed them.
    let mut last: [Option<(Involved, Owed)>; 2] = [None, None];
    let mut triggered = false;
    for (other, i) in LaterOf::new(ctx, a, b) {
        if !triggered {
            ctx.trigger(id);
            triggered = true;
        }
        let (Some(x), Some(e)) = (ctx.event(other), ctx.event(i)) else {
            continue;
        };
        let key = Involved::two(x, e);
        let events = [other, i];
        let now = Moment {
            at: Some(i),
            since: e.date,
            events: &events,
        };
        let known = last.iter().flatten().find(|(k, _)| *k == key);
        if let Some(&(_, owed)) = known
            && let Quick::Done = quick(ctx, id, opening, 0, now, owed)
        {
            continue;
        }
        let trigger = Trigger {
            at: Some(i),
            since: e.date,
            events: smallvec![other, i],
            people: People::new(),
        };
        open(ctx, id, &trigger, opening);
        if known.is_none()
            && let Some(owed) = ctx.memory.first().and_then(|m| m.owing(&key))
        {
            let [newer, older] = &mut last;
            *older = newer.replace((key, owed));
        }
    }
}

/// Whether [`quick`] settled the trigger.
enum Quick {
    Done,
    Slow,
}

/// A trigger as a duty is opened from it: the event that completed it (if one did), its day,
/// and its events.
#[derive(Clone, Copy)]
pub(super) struct Moment<'t> {
    pub(super) at: Option<u32>,
    pub(super) since: NaiveDate,
    pub(super) events: &'t [u32],
}

/// Opens and settles the duty (remembered in place `m`) that a trigger creates for `owed`,
/// when its latest duty for them is known and needs no moving; else leaves it to
/// [`open_for`].
#[inline(always)]
fn quick(
    ctx: &mut Ctx<'_>,
    id: RuleId,
    opening: &Opening<'_>,
    m: usize,
    now: Moment<'_>,
    owed: Owed,
) -> Quick {
    let duty = opening.duty;
    let Moment { at, since, .. } = now;
    let Some(at) = at else {
        return Quick::Slow; // a date's trigger
    };
    let latest = match ctx.memory.get(m).map(|memory| memory.latest.of(owed)) {
        Some(Some(latest)) => latest,
        _ => return Quick::Slow,
    };
    if let Some((previous, open)) = latest.and_then(|l| ctx.open_at(l, Some(at), since)) {
        match (open, opening.later_of) {
            (true, false) => return Quick::Done, // the latest duty like it still stands
            (true, true) => return Quick::Slow,  // it moves
            (false, true) if !later_of_again(ctx, now.events, previous) => return Quick::Done,
            (false, _) => {}
        }
    }
    let due = match opening.deadline {
        Some(DeadlineDef::Within(figure)) => match ctx.add_figure(since, figure, Some(at)) {
            Some(due) => Some(due),
            None => return Quick::Done, // reported as an evaluation error
        },
        Some(DeadlineDef::By(date)) => Some(*date),
        None => None,
    };
    let detail = detail(opening, since);
    let wanted = super::Wanted {
        party: owed.party,
        role: duty.role,
        counterpart: owed.counterpart,
        since,
        to_role: duty.to,
        after: Some(at),
        last_day: None,
    };
    let met = ctx.first_met(&duty.actions, &wanted);
    let people = [owed.party, owed.counterpart];
    let end = ctx.terminated(&detail, Some(at), since, people, met);
    let (state, breach) = ctx.decide(met, end, due);
    ctx.record(obligation(id, duty, owed, now, due, detail, state), breach);
    let index = ctx.out.obligations.len().saturating_sub(1);
    if let Some(memory) = ctx.memory.get_mut(m) {
        memory.latest = Latest::At(owed, index);
    }
    Quick::Done
}

/// What explanations need of a duty opened on `since`: with `within`, the duration in force.
pub(super) fn detail(opening: &Opening<'_>, since: NaiveDate) -> Detail {
    match (&opening.detail, opening.deadline) {
        (Detail::Deadline { .. }, Some(DeadlineDef::Within(f))) => Detail::Deadline {
            within: Some(f.at(since)),
        },
        (detail, _) => detail.clone(),
    }
}

/// The obligation a trigger (`now`) opens for `owed`, in a state.
#[inline(always)]
pub(super) fn obligation(
    id: RuleId,
    duty: &DutyDef,
    owed: Owed,
    now: Moment<'_>,
    due: Option<NaiveDate>,
    detail: Detail,
    state: State,
) -> Obligation {
    Obligation {
        rule: id,
        severity: duty.modality,
        party: owed.party,
        role: duty.role,
        actions: crate::outcome::actions(&duty.actions),
        counterpart: owed.counterpart,
        due,
        since: now.since,
        events: crate::outcome::event_list(now.events),
        state,
        detail,
    }
}

/// Whom a duty concerns: someone involved whose role receives its actions, else the case's
/// only participant of its `to` role.
pub(super) fn counterpart(
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
    let known = opening
        .memory
        .and_then(|m| ctx.memory.get(m)?.latest.of(owed));
    let found = match known {
        Some(index) => index.and_then(|i| ctx.open_at(i, trigger.at, trigger.since)),
        None => ctx.latest_obligation(
            id,
            &duty.actions,
            owed.party,
            owed.counterpart,
            trigger.at,
            trigger.since,
        ),
    };
    let Some((previous, open)) = found else {
        return true;
    };
    if opening.later_of {
        later_of_reopens(ctx, trigger, opening, previous, open)
    } else {
        !open
    }
}

/// With `later of`, whether a trigger (its `events`) starts again a duty whose latest one
/// (at `previous`) was met or ended: only when both events are new since.
#[inline]
fn later_of_again(ctx: &Ctx<'_>, events: &[u32], previous: usize) -> bool {
    let earlier = ctx.out.obligations.get(previous);
    let done = earlier.and_then(|o| o.events.iter().max().copied());
    let oldest_new = events.iter().min().copied();
    done.is_none_or(|d| oldest_new.is_some_and(|n| n > d))
}

/// With `later of`, whether a trigger opens a new duty given the latest one like it
/// (`previous`, still `open` or not), which it moves or closes.
#[inline(never)]
pub(super) fn later_of_reopens(
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
        false => later_of_again(ctx, &trigger.events, previous),
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
        memory: Some(0),
    };
    if let AnchorDef::Event(m) = anchor {
        // The usual anchor: each occurrence in turn, without gathering them first.
        let found = ctx.matching(m);
        return each_occurrence(ctx, id, &opening, &found);
    }
    if let AnchorDef::LaterOf(a, b) = anchor {
        return each_later(ctx, id, &opening, a, b);
    }
    ctx.remember(1);
    for trigger in triggers(ctx, anchor) {
        ctx.trigger(id);
        open(ctx, id, &trigger, &opening);
    }
}
