//! Conditions on each event: `each E must have COND`, `... fall within D after A`,
//! `... fall outside P until R`.
//!
//! An anchor or a pause counts for an event when it concerns the person the event is about
//! (the one it goes to, or the one who did it when it goes to nobody); a resumption counts
//! when the one who paused does it. `each of the first N` judges only the first N
//! occurrences about each person. An event during a pause is charged to the one the pause
//! was reported to (who keeps the paused person from being asked), not to the one who paused.

use super::{Ctx, Rule};
use super::{eligibility, expr};
use crate::outcome::{Violation, ViolationKind};
use mentor_check::model::{EachHaveRule, EachOutsideRule, EachWithinRule};
use mentor_check::model::{EventMatch, Expr, RuleDef, RuleId};
use std::borrow::Cow;

/// The occurrences an `each` rule judges: those of the pattern, and with `of the first N`
/// only the first N about each person (an occurrence is about the one it goes to, or the
/// one who did it when it goes to nobody; earlier occurrences count when they involve them).
fn judged<'a>(ctx: &Ctx<'a>, event: &EventMatch) -> Cow<'a, [u32]> {
    let all = ctx.matching(event);
    let Some(n) = event.up_to else {
        return all;
    };
    // How many occurrences so far involve each participant.
    let mut seen: smallvec::SmallVec<[usize; 8]> =
        smallvec::smallvec![0; ctx.case.participants.len()];
    let mut out: Vec<u32> = Vec::with_capacity(all.len().min(n as usize * seen.len()));
    for &i in all.iter() {
        let Some(e) = ctx.event(i) else { continue };
        let about = e.to.unwrap_or(e.by) as usize;
        if seen.get(about).copied().unwrap_or(0) < n as usize {
            out.push(i);
        }
        for p in [Some(e.by), e.to.filter(|&t| t != e.by)]
            .into_iter()
            .flatten()
        {
            if let Some(count) = seen.get_mut(p as usize) {
                *count += 1;
            }
        }
    }
    Cow::Owned(out)
}

impl Rule for EachHaveRule {
    fn run(&self, ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef) {
        have(ctx, id, rule, self)
    }
}

fn have(ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef, this: &EachHaveRule) {
    let (event, condition) = (&this.event, &this.condition);
    let mut known = expr::Verdicts::default();
    let judged = judged(ctx, event);
    if !judged.is_empty() {
        ctx.trigger(id);
    }
    for &i in judged.iter() {
        let Some(e) = ctx.event(i) else { continue };
        let holds = match condition {
            // The usual condition, `ROLE is eligible`, judged without walking the condition.
            Expr::Eligible { role, .. } => {
                expr::eligible_keeping(ctx, *role, expr::Subject::Event(e), e.date, &mut known)
            }
            _ => expr::on_event(ctx, condition, e),
        };
        if holds == Some(false) {
            let kind = match condition {
                Expr::Eligible { role, .. } => eligibility::not_eligible(ctx, *role, e),
                _ => None,
            }
            .unwrap_or(ViolationKind::Condition);
            ctx.push_violation(Violation {
                rule: id,
                severity: rule.severity,
                party: Some(e.by),
                at: e.date,
                events: smallvec::smallvec![i],
                kind,
            });
        }
    }
}

impl Rule for EachWithinRule {
    fn run(&self, ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef) {
        within(ctx, id, rule, self)
    }
}

fn within(ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef, this: &EachWithinRule) {
    let (event, figure, after) = (&this.event, &this.figure, &this.after);
    let anchors = ctx.matching_all(after);
    for &i in judged(ctx, event).iter() {
        let Some(e) = ctx.event(i) else { continue };
        let related = |a: &&u32| ctx.event(**a).is_some_and(|x| e.about_same_person(x));
        let anchor = if after.first {
            anchors.iter().find(related).copied().filter(|&a| a <= i)
        } else {
            let upto = anchors.partition_point(|&a| a <= i);
            anchors
                .get(..upto)
                .unwrap_or(&[])
                .iter()
                .rev()
                .find(related)
                .copied()
        };
        let Some(anchor) = anchor else { continue };
        ctx.trigger(id);
        let anchor_date = ctx.date_of(anchor);
        let Some(last_day) = ctx.add_figure(anchor_date, figure, Some(anchor)) else {
            continue;
        };
        if e.date > last_day {
            ctx.push_violation(Violation {
                rule: id,
                severity: rule.severity,
                party: Some(e.by),
                at: e.date,
                events: smallvec::smallvec![anchor, i],
                kind: ViolationKind::OutsideWindow {
                    anchor: anchor_date,
                    last_day,
                },
            });
        }
    }
}

impl Rule for EachOutsideRule {
    fn run(&self, ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef) {
        outside(ctx, id, rule, self)
    }
}

fn outside(ctx: &mut Ctx<'_>, id: RuleId, rule: &RuleDef, this: &EachOutsideRule) {
    let (event, from, until) = (&this.event, &this.from, &this.until);
    let pauses = ctx.matching_all(from);
    if pauses.is_empty() {
        return;
    }
    let resumes = ctx.matching_all(until);
    for &i in ctx.matching(event).iter() {
        let Some(e) = ctx.event(i) else { continue };
        let upto = pauses.partition_point(|&p| p < i);
        let Some(&pause) = pauses
            .get(..upto)
            .unwrap_or(&[])
            .iter()
            .rev()
            .find(|&&p| ctx.event(p).is_some_and(|x| e.about_same_person(x)))
        else {
            continue;
        };
        let Some(paused) = ctx.event(pause) else {
            continue;
        };
        ctx.trigger(id);
        let (from, to) = (
            resumes.partition_point(|&r| r <= pause),
            resumes.partition_point(|&r| r < i),
        );
        let resumed = resumes
            .get(from..to.max(from))
            .unwrap_or(&[])
            .iter()
            .any(|&r| ctx.event(r).is_some_and(|x| x.by == paused.by));
        if !resumed {
            // The one told of the pause (named by it, or the only one of the role it goes to);
            // a pause told to nobody leaves it with whoever did the event.
            let told = paused.to.or_else(|| {
                let roles = ctx.model.event(paused.event).map(|d| d.to.clone())?;
                roles
                    .iter()
                    .flat_map(|r| ctx.case.with_role(*r).iter().copied())
                    .next()
            });
            let declared_to = ctx
                .model
                .event(paused.event)
                .is_some_and(|d| !d.to.is_empty());
            let party = match (told, declared_to) {
                (Some(t), _) => Some(t),
                (None, true) => None,
                (None, false) => Some(e.by),
            };
            ctx.push_violation(Violation {
                rule: id,
                severity: rule.severity,
                party,
                at: e.date,
                events: smallvec::smallvec![pause, i],
                kind: ViolationKind::DuringPause {
                    paused: paused.date,
                },
            });
        }
    }
}
