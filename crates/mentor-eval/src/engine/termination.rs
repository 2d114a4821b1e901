//! Termination paths: a named way a relationship (or the case) ends, and what it then requires.
//!
//! The end itself (closing what was still open) is applied by every other rule through
//! [`super::Ctx::termination_after`] (what it ends is worked out in `relationships`); here the
//! path's own requirements are opened, for the participants whose relationship ended.

use super::deadline::{Opening, Trigger, open};
use super::straight::Straight;
use super::{Ctx, People, Rule};
use crate::outcome::Detail;
use mentor_check::model::RuleId;
use mentor_check::model::{DeadlineDef, DutyDef, RuleDef, RuleKind, TerminationRule};
use smallvec::SmallVec;

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
    // Each requirement owed by its role's only participant is taken in time order on its own;
    // the others are remembered when there are several endings.
    let mut straight: SmallVec<[Option<Straight<'_>>; 4]> = SmallVec::new();
    if distinct(this) {
        for (duty, deadline) in &this.requirements {
            straight.push(Straight::new(ctx, &opening(duty, deadline.as_ref(), None)));
        }
    }
    if straight.len() < this.requirements.len() || straight.iter().any(Option::is_none) {
        remember(ctx);
    }
    let mut n = 0;
    while let Some(ending) = ctx.endings.get(n) {
        n += 1;
        if ending.paths & bit == 0 {
            continue;
        }
        let (i, people) = (ending.event, ending.people(ctx));
        fire(ctx, id, this, i, people, &mut straight);
    }
}

/// What a requirement opens, remembered in place `memory` when given.
fn opening<'r>(
    duty: &'r DutyDef,
    deadline: Option<&'r DeadlineDef>,
    memory: Option<usize>,
) -> Opening<'r> {
    Opening {
        duty,
        deadline,
        detail: Detail::AfterTermination,
        later_of: false,
        closed_by: None,
        memory,
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
        fire(ctx, id, this, i, people, &mut []);
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
/// are opened, through `straight` for those it holds.
#[inline]
fn fire<'a>(
    ctx: &mut Ctx<'a>,
    id: RuleId,
    this: &TerminationRule,
    i: u32,
    people: People,
    straight: &mut [Option<Straight<'a>>],
) {
    let remember = !ctx.memory.is_empty();
    ctx.trigger(id);
    let mut trigger: Option<Trigger> = None;
    for (k, (duty, deadline)) in this.requirements.iter().enumerate() {
        let opening = opening(duty, deadline.as_ref(), remember.then_some(k));
        if let Some(Some(straight)) = straight.get_mut(k) {
            straight.take(ctx, id, &opening, i, &people);
            continue;
        }
        let trigger = trigger.get_or_insert_with(|| Trigger {
            at: Some(i),
            since: ctx.date_of(i),
            events: smallvec::smallvec![i],
            people: people.clone(),
        });
        open(ctx, id, trigger, &opening);
    }
}
