//! What a termination ends: one relationship (`between mentee and mentor`) or the whole case.
//!
//! A relationship is a pair of participants of the two roles named by `between` who share an
//! event (either one does it to the other), or the case's only such pair when it has one
//! participant of each role. A termination done by one side ends that participant's
//! relationships; one recorded by anyone else (the programme's staff) ends the relationship of
//! the participant it names with `to`, or, when it names nobody of either side, every
//! relationship of the case (its only one, in the usual case).
//!
//! A duty ends with a termination when it is between the two people of an ended relationship
//! (or between the one who ended it and anyone); a duty that concerns one of them only (their
//! own, or the staff's towards them) ends when they have no relationship left; a duty that
//! concerns neither side (a phase, a report between staff) ends when the case has no
//! relationship left. A path without `between` ends everything.

use super::{Ctx, People, expr};
use mentor_check::model::TerminationRule;
use mentor_check::model::{EventMatch, RoleId, RuleKind};
use smallvec::SmallVec;

/// Two participants in a relationship, the smaller index first.
type Pair = (u32, u32);

/// A pair, the last event they shared and the last termination that ended them.
type PairState = (Pair, Option<u32>, Option<u32>);

/// The two roles of the relationships a termination path ends.
type Sides = (RoleId, RoleId);

/// Relationships, kept inline when there are few (a case has one or two).
type Pairs = SmallVec<[Pair; 2]>;

/// Every visible termination event, in time order, with what each one ends ([`Ending`]);
/// the relationships they ended or left going on are kept together, beside them, so that
/// an ending is a few numbers (nothing to free when the list is emptied for the next case).
#[derive(Debug, Default)]
pub(crate) struct Endings {
    list: Vec<Ending>,
    pairs: Vec<Pair>,
}

impl std::ops::Deref for Endings {
    type Target = [Ending];

    fn deref(&self) -> &[Ending] {
        &self.list
    }
}

impl Endings {
    pub fn clear(&mut self) {
        self.list.clear();
        self.pairs.clear();
    }

    /// Records an ending of the case's only relationship (`only`, when it was going on), or
    /// of nothing; none is left going on after it.
    fn push(
        &mut self,
        event: u32,
        paths: u32,
        sides: Option<Sides>,
        ender: Option<u32>,
        only: Option<Pair>,
    ) {
        self.list.push(Ending {
            event,
            paths,
            sides,
            ender,
            pairs: Ended::Only(only),
        });
    }

    /// Records an ending: the relationships it ended, then those still going on after it.
    fn push_pairs(
        &mut self,
        event: u32,
        paths: u32,
        sides: Option<Sides>,
        ender: Option<u32>,
        ended: &[Pair],
        remaining: &[Pair],
    ) {
        let start = self.pairs.len() as u32;
        self.pairs.extend_from_slice(ended);
        let mid = self.pairs.len() as u32;
        self.pairs.extend_from_slice(remaining);
        self.list.push(Ending {
            event,
            paths,
            sides,
            ender,
            pairs: Ended::Kept([start, mid, self.pairs.len() as u32]),
        });
    }
}

/// A termination event and what it ends.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ending {
    pub event: u32,
    /// The termination paths whose `when` it matched: bit `k` for the policy's `k`-th path
    /// (the first 32 of them; a later path finds its events itself).
    pub paths: u32,
    /// The two roles of the relationships it ends; `None`: it ends the whole case.
    sides: Option<(RoleId, RoleId)>,
    /// Who ended their relationships (one side's participant), when it is known.
    ender: Option<u32>,
    /// The relationships it ended, and those still going on after it.
    pairs: Ended,
}

/// The relationships an ending ended, and those still going on after it.
#[derive(Debug, Clone, Copy)]
enum Ended {
    /// The case's only one, or none; none is left.
    Only(Option<Pair>),
    /// Where, in [`Endings`]'s pairs, those it ended start, where those still going on
    /// start, and where they stop.
    Kept([u32; 3]),
}

impl Ending {
    /// The relationships it ended, and those still going on after it.
    fn pairs<'c>(&'c self, ctx: &'c Ctx<'_>) -> (&'c [Pair], &'c [Pair]) {
        match &self.pairs {
            Ended::Only(only) => (only.as_slice(), &[]),
            Ended::Kept(at) => {
                let all = &ctx.endings.pairs;
                let [start, mid, end] = at.map(|k| k as usize);
                (
                    all.get(start..mid).unwrap_or(&[]),
                    all.get(mid..end).unwrap_or(&[]),
                )
            }
        }
    }

    /// Whether a duty between these participants (who owes it, whom it concerns) ends here.
    pub fn ends(&self, ctx: &Ctx<'_>, people: [Option<u32>; 2]) -> bool {
        let Some((a, b)) = self.sides else {
            return true;
        };
        let (ended, remaining) = self.pairs(ctx);
        // The usual question, answered without looking up roles: the two people of a pair
        // it ended (both are then on a side).
        if let [Some(x), Some(y)] = people
            && x != y
            && ended.contains(&pair(x, y))
        {
            return true;
        }
        let on_a_side = |p: &u32| ctx.role_of(*p).is_some_and(|r| r == a || r == b);
        let [first, second] = people.map(|p| p.filter(on_a_side));
        let ender = |p: u32| self.ender == Some(p);
        let touched = |p: u32| ender(p) || ended.iter().any(|&(x, y)| x == p || y == p);
        let alone = |p: u32| !remaining.iter().any(|&(x, y)| x == p || y == p);
        match (first, second) {
            (Some(x), Some(y)) if x != y => ender(x) || ender(y) || ended.contains(&pair(x, y)),
            (Some(x), _) | (None, Some(x)) => touched(x) && alone(x),
            (None, None) => (!ended.is_empty() || self.ender.is_some()) && remaining.is_empty(),
        }
    }

    /// The participants whose relationship ended here (none named, for the whole case).
    pub fn people(&self, ctx: &Ctx<'_>) -> People {
        let (ended, _) = self.pairs(ctx);
        // The usual ending: one pair, ended by one of the two (a pair is two different
        // people, the smaller index first).
        if let [(x, y)] = *ended
            && self.ender.is_none_or(|p| p == x || p == y)
        {
            return People::from_buf_and_len([x, y, 0, 0], 2);
        }
        let mut out: People = self.ender.into_iter().collect();
        for &(x, y) in ended {
            out.extend([x, y]);
        }
        out.sort_unstable();
        out.dedup();
        out
    }
}

fn pair(x: u32, y: u32) -> (u32, u32) {
    (x.min(y), x.max(y))
}

/// Every visible termination event, in time order, with what it ends. The termination paths'
/// events are merged as they are read, and the relationships going on are brought up to date
/// at each termination from the events since the one before: nothing is allocated.
pub(crate) fn endings(ctx: &Ctx<'_>, out: &mut Endings) {
    out.clear();
    let mut paths: SmallVec<[Path<'_>; 4]> = SmallVec::new();
    for rule in &ctx.model.rules {
        if let RuleKind::Termination(TerminationRule { when, between, .. }) = &rule.kind {
            paths.push(Path::new(ctx, when, *between));
        }
    }
    if paths.iter().all(|p| p.next.is_none()) {
        return; // no termination
    }
    // A first evaluation: room for every event the paths may still match, at once (not
    // again each time the list fills up).
    if out.list.capacity() == 0 {
        let most: usize = paths
            .iter()
            .map(|p| usize::from(p.next.is_some()) + p.rest.len())
            .sum();
        out.list.reserve(most.min(ctx.case.events.len()));
    }
    if let Some(only) = only_pair(ctx, &paths) {
        return one_pair(ctx, &mut paths, only, out);
    }
    let mut sides: SmallVec<[Relationships; 2]> = SmallVec::new();
    // The last termination that ended the whole case.
    let mut case_ended: Option<u32> = None;
    // Events from here on have not been read yet.
    let mut unread = 0;
    while let Some((event, side, matched)) = next_termination(ctx, &mut paths) {
        if sides.is_empty() {
            for s in paths.iter().filter_map(|p| p.sides) {
                if !sides.iter().any(|r| r.sides == s) {
                    sides.push(Relationships::new(ctx, s));
                }
            }
        }
        for r in &mut sides {
            r.read(ctx, unread, event);
        }
        unread = event.saturating_add(1);
        let Some((a, b)) = side else {
            case_ended = Some(event);
            out.push(event, matched, None, None, None);
            continue;
        };
        // Every path's sides were gathered above: always found.
        let Some(r) = sides.iter_mut().find(|r| r.sides == (a, b)) else {
            continue;
        };
        let on_a_side = |p: u32| ctx.role_of(p).is_some_and(|x| x == a || x == b);
        let ender = ctx.event(event).and_then(|e| match e.to {
            _ if on_a_side(e.by) => Some(e.by),
            Some(t) if on_a_side(t) => Some(t),
            _ => None,
        });
        let (mut ended, mut remaining) = (Pairs::new(), Pairs::new());
        for (x, y) in r.live(case_ended) {
            if ender.is_none_or(|p| p == x || p == y) {
                ended.push((x, y));
            } else {
                remaining.push((x, y));
            }
        }
        r.end(&ended, event);
        out.push_pairs(event, matched, side, ender, &ended, &remaining);
    }
}

/// The case's only relationship, when every path ends relationships between the same two
/// roles and the case has one participant of each.
fn only_pair(ctx: &Ctx<'_>, paths: &[Path<'_>]) -> Option<Pair> {
    let (a, b) = paths.first()?.sides?;
    if a == b || paths.iter().any(|p| p.sides != Some((a, b))) {
        return None;
    }
    match (ctx.case.with_role(a), ctx.case.with_role(b)) {
        ([x], [y]) if x != y => Some(pair(*x, *y)),
        _ => None,
    }
}

/// [`endings`] for a case with one relationship (`only`), the usual case: an ending ends it
/// when it is going on (never ended, or taken up again by an event between the two since it
/// last ended), whoever recorded it.
fn one_pair(ctx: &Ctx<'_>, paths: &mut [Path<'_>], only: Pair, out: &mut Endings) {
    let (x, y) = only;
    let between = |i: &u32| {
        ctx.event(*i)
            .and_then(|e| e.to.map(|t| pair(e.by, t)))
            .is_some_and(|p| p == only)
    };
    // The last event the two shared and the last ending that ended them, as read so far.
    let (mut shared, mut ended_at): (Option<u32>, Option<u32>) = (None, None);
    let mut unread = 0;
    while let Some((event, sides, matched)) = next_termination(ctx, paths) {
        if let Some(last) = (unread..event).rev().find(between) {
            shared = Some(last);
        }
        unread = event.saturating_add(1);
        // One of the two, who did it or to whom; else staff, who end it all the same.
        let one_of_them = |p: u32| p == x || p == y;
        let ender = ctx.event(event).and_then(|e| match e.to {
            _ if one_of_them(e.by) => Some(e.by),
            Some(t) if one_of_them(t) => Some(t),
            _ => None,
        });
        // Never ended, or taken up again (an event between the two) since it last was.
        let going_on = ended_at.is_none_or(|t| shared.is_some_and(|l| l >= t));
        if going_on {
            ended_at = Some(event);
        }
        out.push(event, matched, sides, ender, going_on.then_some(only));
    }
}

/// One termination path's visible events, read one at a time.
struct Path<'a> {
    when: &'a EventMatch,
    /// The roles of the relationships it ends (`None`: the whole case).
    sides: Option<(RoleId, RoleId)>,
    /// Its next event, not yet taken.
    next: Option<u32>,
    /// Occurrences after `next`, not yet tested.
    rest: &'a [u32],
}

impl<'a> Path<'a> {
    fn new(ctx: &Ctx<'a>, when: &'a EventMatch, sides: Option<(RoleId, RoleId)>) -> Self {
        let mut path = Path {
            when,
            sides,
            next: None,
            rest: ctx.occurrences(when.event),
        };
        path.advance(ctx);
        path
    }

    /// Moves `next` to the following occurrence that matches (none after the first with
    /// `first`).
    fn advance(&mut self, ctx: &Ctx<'_>) {
        self.next = None;
        while let Some((&i, rest)) = self.rest.split_first() {
            self.rest = rest;
            // Occurrences are of the path's event: only its filter is left to test.
            let fits = |f| {
                ctx.event(i)
                    .is_some_and(|e| expr::on_event(ctx, f, e) == Some(true))
            };
            if self.when.filter.as_ref().is_none_or(fits) {
                self.next = Some(i);
                if self.when.first {
                    self.rest = &[];
                }
                return;
            }
        }
    }
}

/// The next termination event of any path, once, with the roles of the relationships it ends
/// (a path without `between` wins, since it ends more, else the first path in the policy) and
/// the paths it matched (bit `k` for the `k`-th).
fn next_termination(ctx: &Ctx<'_>, paths: &mut [Path<'_>]) -> Option<(u32, Option<Sides>, u32)> {
    let event = paths.iter().filter_map(|p| p.next).min()?;
    let (mut first, mut sides, mut matched) = (true, None, 0);
    for (k, p) in paths.iter_mut().enumerate() {
        if p.next != Some(event) {
            continue;
        }
        if first || p.sides.is_none() {
            sides = p.sides;
        }
        first = false;
        matched |= 1u32.checked_shl(k as u32).unwrap_or(0);
        p.advance(ctx);
    }
    Some((event, sides, matched))
}

/// The relationships between participants of two roles, as the timeline is read: the last
/// event each pair shared (`None` for the case's only pair, which needs none) and the last
/// termination that ended it.
struct Relationships {
    sides: (RoleId, RoleId),
    pairs: SmallVec<[PairState; 2]>,
    /// The case has one participant of each side: their pair is the only one there can be.
    only: bool,
}

impl Relationships {
    fn new(ctx: &Ctx<'_>, (a, b): (RoleId, RoleId)) -> Relationships {
        let mut pairs = SmallVec::new();
        let (xs, ys) = (ctx.case.with_role(a), ctx.case.with_role(b));
        if let ([x], [y]) = (xs, ys)
            && fits(ctx, (a, b), *x, *y)
        {
            pairs.push((pair(*x, *y), None, None));
        }
        Relationships {
            sides: (a, b),
            pairs,
            only: xs.len() == 1 && ys.len() == 1,
        }
    }

    /// Reads the events from `from` up to `to` (neither of them a termination): the pairs they
    /// are between shared them. The case's only pair needs only the last one between the two,
    /// found from the end.
    fn read(&mut self, ctx: &Ctx<'_>, from: u32, to: u32) {
        if self.only {
            // No role to look up: an event between the two is theirs, and no other can fit.
            if let Some(slot) = self.pairs.first_mut() {
                let between = |i: &u32| {
                    ctx.event(*i)
                        .and_then(|e| e.to.map(|t| pair(e.by, t)))
                        .is_some_and(|p| p == slot.0)
                };
                if let Some(last) = (from..to).rev().find(between) {
                    slot.1 = Some(last);
                }
            }
            return;
        }
        for i in from..to {
            self.shared(ctx, i);
        }
    }

    /// Event `i` (not a termination): the pair it is between, if any, shared it.
    fn shared(&mut self, ctx: &Ctx<'_>, i: u32) {
        let Some(e) = ctx.event(i) else { return };
        let Some(to) = e.to else { return };
        if !fits(ctx, self.sides, e.by, to) {
            return;
        }
        let key = pair(e.by, to);
        match self.pairs.iter_mut().find(|(p, _, _)| *p == key) {
            Some(slot) => slot.1 = Some(i),
            None => self.pairs.push((key, Some(i), None)),
        }
    }

    /// The pairs going on: never ended, or taken up again since they last ended (by a
    /// termination of theirs or, `case_ended`, of the whole case).
    fn live(&self, case_ended: Option<u32>) -> impl Iterator<Item = Pair> + '_ {
        self.pairs
            .iter()
            .filter(move |(_, last, ended)| {
                let ended = match (*ended, case_ended) {
                    (Some(x), Some(y)) => Some(x.max(y)),
                    (x, y) => x.or(y),
                };
                !ended.is_some_and(|t| last.is_none_or(|l| l < t))
            })
            .map(|(p, _, _)| *p)
    }

    fn end(&mut self, ended: &[Pair], event: u32) {
        for slot in &mut self.pairs {
            if ended.contains(&slot.0) {
                slot.2 = Some(event);
            }
        }
    }
}

/// Whether two different participants are one of each of the two roles.
fn fits(ctx: &Ctx<'_>, (a, b): (RoleId, RoleId), x: u32, y: u32) -> bool {
    x != y
        && match (ctx.role_of(x), ctx.role_of(y)) {
            (Some(rx), Some(ry)) => (rx == a && ry == b) || (rx == b && ry == a),
            _ => false,
        }
}
