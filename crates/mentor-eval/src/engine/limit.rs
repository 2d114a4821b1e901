//! Limits: `ROLE must have at most / at least / between N and M EVENT [plus E.field] [within D after A]`.
//!
//! Counted per participant of the role: the events they do or receive, inside each window
//! when there is one (one per anchor event that involves them, or else per anchor in the
//! case; a new anchor starts a new window). An event beyond the upper limit is a violation
//! on its day; too few events by the window's end is one violation the day after; until
//! then the missing events are an obligation of whoever does them (after it, they can no
//! longer be on time, so they are no longer listed as owed). A window that a new anchor
//! replaces before it closes asks nothing more; what was found in a closed one stays.

use super::{Ctx, Rule, day_after};
use crate::outcome::{Detail, Obligation, State, Violation, ViolationKind};
use chrono::NaiveDate;
use mentor_check::model::LimitRule;
use mentor_check::model::{EventId, EventMatch, Figure, RoleId, RuleDef, RuleId, WindowDef};
use mentor_check::types::Value;
use smallvec::SmallVec;

impl Rule for LimitRule {
    fn run(&self, ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef) {
        run(ctx, id, rule, self)
    }
}

/// Event indices a limit works with, kept inline when there are few (nothing is allocated
/// for a case of ordinary size).
type Events = SmallVec<[u32; 32]>;

fn run(ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef, this: &LimitRule) {
    let case = ctx.case;
    let mut involving = Events::new();
    let mut raising = SmallVec::new();
    let mut anchors = Events::new();
    for &p in case.with_role(this.role) {
        // Found once for the participant; each window takes its part of them.
        involving_events(ctx, &this.event, p, &mut involving);
        raising.clear();
        if this.max.is_some() {
            raising_events(ctx, this, p, &mut raising);
        }
        let Some(w) = this.window.as_ref() else {
            let counting = Counting {
                id,
                rule,
                this,
                p,
                window: Window::default(),
                raising: &raising,
            };
            counting.count(ctx, &involving);
            continue;
        };
        chosen_anchors(ctx, w, p, &mut anchors);
        let mut counting = Counting {
            id,
            rule,
            this,
            p,
            window: Window::default(),
            raising: &raising,
        };
        // Windows come in time order: none of the events before the last anchor counts in
        // the windows still to come, so each window reads on from there.
        let mut read = 0;
        for (k, &anchor) in anchors.iter().enumerate() {
            let Some(window) = Window::new(ctx, w, anchor, anchors.get(k + 1).copied()) else {
                continue;
            };
            if window.replaced && this.max.is_none() {
                // Replaced before it closed, with no upper limit: it asks nothing, and its
                // events need not be read.
                ctx.trigger(id);
                continue;
            }
            let (skipped, counted) = window.part_of(ctx, involving.get(read..).unwrap_or_default());
            read += skipped;
            counting.window = window;
            counting.count(ctx, counted);
        }
    }
}

/// The events of the pattern `m` that involve participant `p`, in time order, into `out`.
fn involving_events(ctx: &Ctx<'_>, m: &EventMatch, p: u32, out: &mut Events) {
    out.clear();
    let involves = |i: u32| ctx.event(i).is_some_and(|e| e.involves(p));
    if m.first {
        // the pattern's first event in the case, if it involves them
        out.extend(ctx.matching(m).iter().copied().filter(|&i| involves(i)));
        return;
    }
    // Occurrences are of the pattern's event: only its filter is left to test.
    for &i in ctx.occurrences(m.event) {
        let Some(e) = ctx.event(i) else { continue };
        let fits = |f| super::expr::on_event(ctx, f, e) == Some(true);
        if e.involves(p) && m.filter.as_ref().is_none_or(fits) {
            out.push(i);
        }
    }
}

/// Raising events (`plus EVENT.field`), in time order, with the amount each adds.
type Raising = SmallVec<[(u32, u32); 8]>;

/// The raising events involving participant `p`, in time order, with the amount each adds,
/// into `out`.
fn raising_events(ctx: &Ctx<'_>, this: &LimitRule, p: u32, out: &mut Raising) {
    for &(event, field) in &this.raises {
        for &i in ctx.occurrences(event) {
            let Some(e) = ctx.event(i) else { continue };
            if let (true, Some(Some(Value::Int(n)))) = (e.involves(p), e.data.get(field as usize)) {
                out.push((i, u32::try_from((*n).max(0)).unwrap_or(u32::MAX)));
            }
        }
    }
    out.sort_unstable();
}

/// A window a participant's events are counted in: after the anchor event, up to `end` and
/// before the next anchor (`until`); no anchor: every event counts.
#[derive(Clone, Copy, Default)]
struct Window {
    anchor: Option<u32>,
    start: Option<NaiveDate>,
    end: Option<NaiveDate>,
    /// The next anchor, which starts the next window.
    until: Option<u32>,
    /// The next anchor came before this window closed, so it replaced this one.
    replaced: bool,
}

impl Window {
    /// The window `anchor` starts, up to the next anchor `until` (`None`: its end date cannot
    /// be worked out; the error is recorded).
    fn new(ctx: &mut Ctx<'_>, w: &WindowDef, anchor: u32, until: Option<u32>) -> Option<Self> {
        let start = ctx.date_of(anchor);
        let end = match &w.within {
            Some(f) => Some(ctx.add_figure(start, f, Some(anchor))?),
            None => None,
        };
        let replaced = until.is_some_and(|n| end.is_none_or(|end| ctx.date_of(n) <= end));
        Some(Window {
            anchor: Some(anchor),
            start: Some(start),
            end,
            until,
            replaced,
        })
    }

    /// The events of `involving` (in time order) that fall in this window: after the anchor,
    /// before the next one, up to the end date; with how many events come before it. Read
    /// in order: the windows of one participant do not overlap, so, each reading on from the
    /// last anchor, they read each event at most twice in all (a binary search per window
    /// would cost more for the few events a window has).
    fn part_of<'e>(&self, ctx: &Ctx<'_>, involving: &'e [u32]) -> (usize, &'e [u32]) {
        let from = self
            .anchor
            .map_or(0, |a| involving.iter().take_while(|&&i| i <= a).count());
        let rest = involving.get(from..).unwrap_or_default();
        let to = self
            .until
            .map_or(rest.len(), |n| rest.iter().take_while(|&&i| i < n).count());
        let part = rest.get(..to).unwrap_or_default();
        let within = match self.end {
            Some(end) => part
                .iter()
                .take_while(|&&i| ctx.event(i).is_some_and(|e| e.date <= end))
                .count(),
            None => part.len(),
        };
        (from, part.get(..within).unwrap_or_default())
    }
}

/// The anchors of participant `p`'s windows, into `out`: one per anchor involving them (and,
/// until the first of those, one per anchor in the case; with `first`, only the first of
/// each), in time order. A later anchor starts a new window; an earlier window keeps what was
/// counted (and found) in it.
fn chosen_anchors(ctx: &Ctx<'_>, w: &WindowDef, p: u32, out: &mut Events) {
    out.clear();
    // An anchor counts for `p` when it involves them, or when none that involves them has
    // happened yet (then the case's own anchors stand in). Decided as of each anchor, so a
    // later anchor never changes which windows an earlier day had.
    let mut theirs_yet = false;
    for a in ctx.matching_after(&w.after, None) {
        let involves = ctx.event(a).is_some_and(|e| e.involves(p));
        theirs_yet |= involves;
        if !involves && theirs_yet {
            continue;
        }
        // with `first`: the first anchor, and then the first that involves them
        if w.after.first
            && out
                .iter()
                .any(|&c| ctx.event(c).is_some_and(|e| e.involves(p)) || !involves)
        {
            continue;
        }
        out.push(a);
    }
}

/// One participant's count under a limit, in one window.
struct Counting<'r> {
    id: RuleId,
    rule: &'r RuleDef,
    this: &'r LimitRule,
    p: u32,
    window: Window,
    /// The raising events involving the participant, in time order, with their amounts.
    raising: &'r [(u32, u32)],
}

impl Counting<'_> {
    /// The events `counted` in the window, over and under the limits.
    fn count(&self, ctx: &mut Ctx<'_>, counted: &[u32]) {
        if self.window.anchor.is_none() && counted.is_empty() && self.this.min.is_none() {
            return;
        }
        ctx.trigger(self.id);
        if let Some(max) = &self.this.max {
            self.over(ctx, max, counted);
        }
        // A window that a new anchor replaced before it closed asks nothing more; one that
        // closed first keeps its shortfall, as history.
        if let Some(min) = &self.this.min
            && !self.window.replaced
        {
            self.under(ctx, min, counted);
        }
    }

    /// Each event beyond the upper limit (raised by the raising events so far) is a violation.
    fn over(&self, ctx: &mut Ctx<'_>, max: &Figure, counted: &[u32]) {
        // The raising events up to each counted one, added up as we go.
        let raising = self.raising;
        let mut next_raise = 0;
        let mut raised: u32 = 0;
        for (k, &i) in counted.iter().enumerate() {
            while let Some(&(r, amount)) = raising.get(next_raise)
                && r <= i
            {
                raised = raised.saturating_add(amount);
                next_raise += 1;
            }
            let Some(e) = ctx.event(i) else { continue };
            let limit = max.at(e.date).value.saturating_add(raised);
            let count = k as u32 + 1;
            if count > limit {
                ctx.push_violation(Violation {
                    rule: self.id,
                    severity: self.rule.severity,
                    party: Some(e.by),
                    at: e.date,
                    events: smallvec::smallvec![i],
                    kind: ViolationKind::OverLimit {
                        count,
                        limit,
                        raised,
                    },
                });
            }
        }
    }

    /// Too few events: owed until the window closes, a violation the day after.
    fn under(&self, ctx: &mut Ctx<'_>, min: &Figure, counted: &[u32]) {
        let (
            p,
            Window {
                anchor, start, end, ..
            },
        ) = (self.p, self.window);
        let need = min.at(start.unwrap_or(ctx.as_of)).value;
        let count = counted.len() as u32;
        if count >= need {
            return;
        }
        let (party, party_role) = actor(
            ctx,
            self.this.event.event,
            self.this.role,
            p,
            counted,
            anchor,
        );
        // Ended by a termination before the window closed: nothing more is owed.
        let since = start.unwrap_or_else(|| first_date(ctx));
        let ended = ctx.termination_after(anchor, since, [party, Some(p)]);
        if ended.is_some_and(|t| end.is_none_or(|end| ctx.date_of(t) <= end)) {
            return;
        }
        let events: crate::outcome::EventList =
            anchor.into_iter().chain(counted.iter().copied()).collect();
        if let Some(end) = end.filter(|end| ctx.as_of > *end) {
            // The window has closed: the shortfall is a finding, and nothing is owed.
            ctx.push_violation(Violation {
                rule: self.id,
                severity: self.rule.severity,
                party,
                at: day_after(end),
                events,
                kind: ViolationKind::UnderLimit {
                    count,
                    min: need,
                    window_end: end,
                    whose: p,
                },
            });
            return;
        }
        ctx.push(Obligation {
            rule: self.id,
            severity: self.rule.severity,
            party,
            role: party_role,
            actions: smallvec::smallvec![self.this.event.event],
            counterpart: if party == Some(p) { None } else { Some(p) },
            due: end,
            since,
            events,
            state: State::Open,
            detail: Detail::AtLeast { count, min: need },
        });
    }
}

/// Who does the events a participant still needs: the participant, if their role does the
/// event; else whoever did such events with them (or started the window); else anyone able to.
fn actor(
    ctx: &Ctx<'_>,
    event: EventId,
    role: RoleId,
    p: u32,
    counted: &[u32],
    anchor: Option<u32>,
) -> (Option<u32>, RoleId) {
    let by_roles: &[RoleId] = ctx.model.event(event).map_or(&[], |e| &e.by[..]);
    if by_roles.contains(&role) {
        return (Some(p), role);
    }
    let doers = counted.iter().filter_map(|&i| ctx.event(i).map(|e| e.by));
    let anchor_people = anchor
        .and_then(|a| ctx.event(a))
        .into_iter()
        .flat_map(|e| std::iter::once(e.by).chain(e.to));
    for c in doers.chain(anchor_people) {
        if let Some(r) = ctx.role_of(c)
            && by_roles.contains(&r)
        {
            return (Some(c), r);
        }
    }
    for &r in by_roles {
        if let Some(&c) = ctx.case.with_role(r).first() {
            return (Some(c), r);
        }
    }
    (None, by_roles.first().copied().unwrap_or(role))
}

fn first_date(ctx: &Ctx<'_>) -> NaiveDate {
    ctx.case.events.first().map_or(ctx.as_of, |e| e.date)
}
