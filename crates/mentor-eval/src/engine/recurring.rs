//! Monthly duties: `every month from E, ROLE must ACTIONS by day N` (or `by end of month`).
//!
//! The first month is the month of the first `from` event (or of the case's first event),
//! unless its due day has already passed by then; months stop after an `until` event, after a
//! termination that ends the duty (see `relationships`), and, with `until LADDER`, once the
//! ladder's outcome is done for the person it concerns. Each month, only events of that month
//! (from its start) count.

use super::{Ctx, Parties, Rule};
use crate::outcome::{Detail, Obligation, State};
use chrono::{Datelike, NaiveDate};
use mentor_check::model::{LadderRule, MonthDay, RuleId, RuleKind};
use mentor_check::model::{RecurringRule, RuleDef};

impl Rule for RecurringRule {
    fn run(&self, ctx: &mut Ctx<'_>, id: RuleId, _rule: &RuleDef) {
        run(ctx, id, self)
    }
}

fn run(ctx: &mut Ctx<'_>, id: RuleId, this: &RecurringRule) {
    let (from, until, until_ladder) = (this.from.as_ref(), this.until.as_ref(), this.until_ladder);
    let duty = &this.duty;
    let start_event = match from {
        Some(m) => match ctx.matching_after(m, None).next() {
            Some(i) => Some(i),
            None => return,
        },
        None => None,
    };
    let start = match start_event {
        Some(i) => ctx.date_of(i),
        None => match ctx.case.events.first() {
            Some(e) if (0 < ctx.cutoff) => e.date,
            _ => return,
        },
    };
    let until_stop = until
        .and_then(|m| {
            // With `first`, only the first one counts, and only if it comes after the start.
            let after = if m.first { None } else { start_event };
            ctx.matching_after(m, after)
                .next()
                .filter(|&i| start_event.is_none_or(|s| i > s))
        })
        .map(|i| ctx.date_of(i));
    let involved = start_event.map(|i| ctx.involved(&[i])).unwrap_or_default();
    let parties = ctx.parties(duty.role, &involved);
    let mut targets: Parties = match duty.to {
        Some(role) => ctx.case.with_role(role).iter().map(|&p| Some(p)).collect(),
        None => Parties::new(),
    };
    if targets.is_empty() {
        targets.push(None);
    }
    for (&party, &target) in parties
        .iter()
        .flat_map(|p| targets.iter().map(move |t| (p, t)))
    {
        let ended = ctx
            .termination_after(start_event, start, [party, target])
            .map(|i| ctx.date_of(i));
        let ladder_done = until_ladder.and_then(|l| ladder_done(ctx, l, target));
        let stop = [until_stop, ended, ladder_done].into_iter().flatten().min();
        let run = Run {
            start,
            start_event,
            stop,
        };
        months_of(ctx, id, this, &run, (party, target));
    }
}

/// The day a ladder's outcome was done for the person a duty concerns (or, for a duty that
/// concerns nobody the ladder tries to reach, for everyone it tries to reach).
fn ladder_done(ctx: &Ctx<'_>, ladder: RuleId, target: Option<u32>) -> Option<NaiveDate> {
    let reach = match ctx.model.rule(ladder).map(|r| &r.kind) {
        Some(RuleKind::Ladder(LadderRule { reach, .. })) => *reach,
        _ => return None,
    };
    let all = &ctx.out.obligations[..];
    let ladders = all.get(..ctx.ladders_end).unwrap_or(all);
    let done_for = |person: u32| {
        ladders
            .iter()
            .find_map(|o| match (o.detail.clone(), o.state) {
                (Detail::LadderOutcome { target }, State::Met { event, .. })
                    if o.rule == ladder && target == person =>
                {
                    Some(ctx.date_of(event))
                }
                _ => None,
            })
    };
    match target.filter(|&t| ctx.role_of(t) == Some(reach)) {
        Some(t) => done_for(t),
        None => {
            // The last of their days, once it is done for every one of them.
            let mut last = None;
            for &p in ctx.case.with_role(reach) {
                last = last.max(Some(done_for(p)?));
            }
            last
        }
    }
}

/// When a monthly duty runs: from `start` (the day of `start_event`, when there is one)
/// until `stop`, if it stops.
#[derive(Clone, Copy)]
struct Run {
    start: NaiveDate,
    start_event: Option<u32>,
    stop: Option<NaiveDate>,
}

/// The months of one party's duty towards one target (`people`), while it runs.
fn months_of(
    ctx: &mut Ctx<'_>,
    id: RuleId,
    this: &RecurringRule,
    run: &Run,
    (party, target): (Option<u32>, Option<u32>),
) {
    let (duty, day) = (&this.duty, this.day);
    let Run {
        start,
        start_event,
        stop,
    } = *run;
    let Some(mut month) = NaiveDate::from_ymd_opt(start.year(), start.month(), 1) else {
        return;
    };
    // Ends at the evaluation date (or when a month cannot be counted any further).
    loop {
        let Some(next) = month_after(month) else {
            return;
        };
        let Some(month_end) = next.pred_opt() else {
            return;
        };
        let due = match day {
            MonthDay::End => month_end,
            MonthDay::Day(n) => {
                NaiveDate::from_ymd_opt(month.year(), month.month(), n).unwrap_or(month_end)
            }
        };
        let window_start = month.max(start);
        if window_start > ctx.as_of || stop.is_some_and(|s| s < window_start) {
            return;
        }
        // A month whose duty stops (at `until` or a termination) before it is due asks nothing.
        let stopped_before_due = stop.is_some_and(|s| s <= due);
        if due >= start && !stopped_before_due {
            ctx.trigger(id);
            let obligation = Obligation {
                rule: id,
                severity: duty.modality,
                party,
                role: duty.role,
                actions: crate::outcome::actions(&duty.actions),
                counterpart: target,
                due: Some(due),
                since: window_start,
                events: start_event.into_iter().collect(),
                state: State::Open,
                detail: Detail::Monthly { month },
            };
            ctx.settle(obligation, duty.to, None, Some(month_end));
        }
        month = next;
    }
}

/// The first day of the month after the month that starts on `first`.
fn month_after(first: NaiveDate) -> Option<NaiveDate> {
    let (year, month) = match first.month() {
        12 => (first.year().checked_add(1)?, 1),
        m => (first.year(), m + 1),
    };
    NaiveDate::from_ymd_opt(year, month, 1)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    #[test]
    fn the_month_after_a_month_starts_on_its_first_day_across_a_year_and_stops_at_the_last_date() {
        let first = |y, m| NaiveDate::from_ymd_opt(y, m, 1).unwrap();
        assert_eq!(month_after(first(2026, 1)), Some(first(2026, 2)));
        assert_eq!(month_after(first(2026, 12)), Some(first(2027, 1)));
        assert_eq!(month_after(first(2028, 2)), Some(first(2028, 3)));
        let last_month = first(NaiveDate::MAX.year(), NaiveDate::MAX.month());
        assert_eq!(month_after(last_month), None);
    }
}
