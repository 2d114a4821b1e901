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
use mentor_check::model::{EventId, Figure, RoleId, RuleDef, RuleId, WindowDef};
use mentor_check::types::Value;

impl Rule for LimitRule {
    fn run(&self, ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef) {
        run(ctx, id, rule, self)
    }
}

fn run(ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef, this: &LimitRule) {
    let case = ctx.case;
    let matching = ctx.matching(&this.event);
    for &p in case.with_role(this.role) {
        let windows = match this.window.as_ref() {
            Some(w) => windows(ctx, w, p),
            None => vec![Window::default()],
        };
        // Found once for the participant; each window takes its part of them.
        let involving: Vec<u32> = matching
            .iter()
            .copied()
            .filter(|&i| ctx.event(i).is_some_and(|e| e.involves(p)))
            .collect();
        let raising = if this.max.is_some() {
            raising(ctx, this, p)
        } else {
            Vec::new()
        };
        for window in windows {
            let counted = window.part_of(ctx, &involving);
            let counting = Counting {
                id,
                rule,
                this,
                p,
                window,
                raising: &raising,
            };
            counting.count(ctx, counted);
        }
    }
}

/// The raising events (`plus EVENT.field`) involving participant `p`, in time order, with
/// the amount each adds.
fn raising(ctx: &Ctx<'_>, this: &LimitRule, p: u32) -> Vec<(u32, u32)> {
    let mut raising: Vec<(u32, u32)> = Vec::new();
    for &(event, field) in &this.raises {
        for &i in ctx.occurrences(event) {
            let Some(e) = ctx.event(i) else { continue };
            if let (true, Some(Some(Value::Int(n)))) = (e.involves(p), e.data.get(field as usize)) {
                raising.push((i, u32::try_from((*n).max(0)).unwrap_or(u32::MAX)));
            }
        }
    }
    raising.sort_unstable();
    raising
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
    /// The events of `involving` (in time order) that fall in this window: after the anchor,
    /// before the next one, up to the end date.
    fn part_of<'e>(&self, ctx: &Ctx<'_>, involving: &'e [u32]) -> &'e [u32] {
        let from = self
            .anchor
            .map_or(0, |a| involving.partition_point(|&i| i <= a));
        let to = self
            .until
            .map_or(involving.len(), |n| involving.partition_point(|&i| i < n));
        let part = involving.get(from..to.max(from)).unwrap_or_default();
        match self.end {
            Some(end) => {
                let within = part.partition_point(|&i| ctx.event(i).is_some_and(|e| e.date <= end));
                part.get(..within).unwrap_or_default()
            }
            None => part,
        }
    }
}

/// The windows for participant `p`, one per anchor involving them (and, until the first of
/// those, one per anchor in the case; with `first`, only the first of each), in time order. A later anchor starts a new window;
/// an earlier window keeps what was counted (and found) in it.
fn windows(ctx: &mut Ctx<'_>, w: &WindowDef, p: u32) -> Vec<Window> {
    // An anchor counts for `p` when it involves them, or when none that involves them has
    // happened yet (then the case's own anchors stand in). Decided as of each anchor, so a
    // later anchor never changes which windows an earlier day had.
    let mut chosen: Vec<u32> = Vec::new();
    let mut theirs_yet = false;
    for &a in ctx.matching_all(&w.after).iter() {
        let involves = ctx.event(a).is_some_and(|e| e.involves(p));
        theirs_yet |= involves;
        if !involves && theirs_yet {
            continue;
        }
        // with `first`: the first anchor, and then the first that involves them
        if w.after.first
            && chosen
                .iter()
                .any(|&c| ctx.event(c).is_some_and(|e| e.involves(p)) || !involves)
        {
            continue;
        }
        chosen.push(a);
    }
    let mut out: Vec<Window> = Vec::with_capacity(chosen.len());
    for (k, &anchor) in chosen.iter().enumerate() {
        let start = ctx.date_of(anchor);
        let end = match &w.within {
            Some(f) => match ctx.add_figure(start, f, Some(anchor)) {
                Some(end) => Some(end),
                None => continue,
            },
            None => None,
        };
        let until = chosen.get(k + 1).copied();
        let replaced = until.is_some_and(|n| end.is_none_or(|end| ctx.date_of(n) <= end));
        out.push(Window {
            anchor: Some(anchor),
            start: Some(start),
            end,
            until,
            replaced,
        });
    }
    out
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
    let by_roles: Vec<RoleId> = ctx
        .model
        .event(event)
        .map(|e| e.by.clone())
        .unwrap_or_default();
    if by_roles.contains(&role) {
        return (Some(p), role);
    }
    let mut candidates: Vec<u32> = counted
        .iter()
        .filter_map(|&i| ctx.event(i).map(|e| e.by))
        .collect();
    candidates.extend(ctx.involved(&anchor.into_iter().collect::<Vec<_>>()));
    for c in candidates {
        if let Some(r) = ctx.role_of(c)
            && by_roles.contains(&r)
        {
            return (Some(c), r);
        }
    }
    for &r in &by_roles {
        if let Some(&c) = ctx.case.with_role(r).first() {
            return (Some(c), r);
        }
    }
    (None, by_roles.first().copied().unwrap_or(role))
}

fn first_date(ctx: &Ctx<'_>) -> NaiveDate {
    ctx.case.events.first().map_or(ctx.as_of, |e| e.date)
}
