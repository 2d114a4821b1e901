//! Termination paths: a named way a relationship (or the case) ends, and what it then requires.
//!
//! The end itself (closing what was still open) is applied by every other rule through
//! [`super::Ctx::termination_after`] (what it ends is worked out in `relationships`); here the
//! path's own requirements are opened, for the participants whose relationship ended.

use super::deadline::{Opening, Trigger, open};
use super::{Ctx, People, Rule};
use crate::outcome::Detail;
use mentor_check::model::RuleId;
use mentor_check::model::{RuleDef, RuleKind, TerminationRule};

impl Rule for TerminationRule {
    fn run(&self, ctx: &mut Ctx<'_>, id: RuleId, _rule: &RuleDef) {
        run(ctx, id, self)
    }
}

fn run(ctx: &mut Ctx<'_>, id: RuleId, this: &TerminationRule) {
    // Nothing to remember for one termination, or for a path that requires nothing.
    let remember = |ctx: &mut Ctx<'_>| {
        if ctx.endings.len() > 1 && !this.requirements.is_empty() && distinct(this) {
            ctx.remember(this.requirements.len());
        }
    };
    // The path's events were found with what they end (`relationships`): the `k`-th path's
    // carry bit `k`. A path past the 32nd finds its own.
    let k = ctx
        .model
        .rules
        .iter()
        .take(id.index())
        .filter(|r| matches!(r.kind, RuleKind::Termination(_)))
        .count();
    let Some(bit) = 1u32.checked_shl(k as u32) else {
        remember(ctx);
        return run_matching(ctx, id, this);
    };
    // A path never taken requires nothing; one that requires nothing only notes it was taken.
    if !ctx.endings.iter().any(|ending| ending.paths & bit != 0) {
        return;
    }
    if this.requirements.is_empty() {
        return ctx.trigger(id);
    }
    remember(ctx);
    let mut n = 0;
    while let Some(ending) = ctx.endings.get(n) {
        n += 1;
        if ending.paths & bit == 0 {
            continue;
        }
        let (i, people) = (ending.event, ending.people(ctx));
        fire(ctx, id, this, i, people);
    }
}

/// The path's events found by testing its `when` again, with what each one ended.
fn run_matching(ctx: &mut Ctx<'_>, id: RuleId, this: &TerminationRule) {
    for &i in ctx.matching(&this.when).iter() {
        // Endings are in time order: found by binary search.
        let people = ctx
            .endings
            .binary_search_by_key(&i, |t| t.event)
            .ok()
            .and_then(|k| ctx.endings.get(k))
            .map(|t| t.people(ctx))
            .unwrap_or_default();
        fire(ctx, id, this, i, people);
    }
}

/// Whether no two of the path's requirements are owed by the same role with the same actions:
/// each is then remembered in its own place ([`Ctx::memory`]).
fn distinct(this: &TerminationRule) -> bool {
    let reqs = &this.requirements;
    reqs.iter().enumerate().all(|(k, (duty, _))| {
        reqs.iter()
            .take(k)
            .all(|(other, _)| other.role != duty.role || other.actions != duty.actions)
    })
}

/// The path ended relationships at event `i` (the participants `people`): its requirements
/// are opened.
#[inline]
fn fire(ctx: &mut Ctx<'_>, id: RuleId, this: &TerminationRule, i: u32, people: People) {
    let remember = !ctx.memory.is_empty();
    ctx.trigger(id);
    let trigger = Trigger {
        at: Some(i),
        since: ctx.date_of(i),
        events: smallvec::smallvec![i],
        people,
    };
    for (k, (duty, deadline)) in this.requirements.iter().enumerate() {
        let opening = Opening {
            duty,
            deadline: deadline.as_ref(),
            detail: Detail::AfterTermination,
            later_of: false,
            closed_by: None,
            memory: remember.then_some(k),
        };
        open(ctx, id, &trigger, &opening);
    }
}
