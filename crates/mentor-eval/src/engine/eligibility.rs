//! Eligibility: whether each participant meets their role's criteria, as data.
//!
//! Each of the role's items is judged with three values: held, failed, or unknown (a fact it
//! depends on is not recorded, so the answer is "cannot tell" rather than "not eligible").
//! The words saying why are written on demand by `explain::eligibility`.

use super::Ctx;
use super::expr;
use crate::case::CaseEvent;
use crate::outcome::{Criteria, Eligibility, ViolationKind};
use chrono::NaiveDate;
use mentor_check::model::{Expr, RoleId};

/// Records every participant's eligibility, judged by the policy's compiled conditions
/// (or, without them, by its conditions as written).
pub(crate) fn run(ctx: &mut Ctx<'_>) {
    let conditions = ctx.conditions;
    for (p, participant) in ctx.case.participants.iter().enumerate() {
        let p = p as u32;
        let written = |e: &Expr| expr::on_participant_at(ctx, e, p, ctx.as_of);
        let judged = match conditions {
            Some(c) => c.judge(participant.role, &participant.facts, &written),
            None => judge(ctx, participant.role, p, ctx.as_of),
        };
        if let Some((eligible, criteria)) = judged {
            ctx.out.eligibility.push(Eligibility {
                participant: p,
                role: participant.role,
                eligible,
                criteria,
            });
        }
    }
}

/// Whether participant `p` meets the eligibility items of `role` on `date` (`None`: cannot
/// tell), with each item's value; `None` when the role has no eligibility item.
pub(crate) fn judge(
    ctx: &Ctx<'_>,
    role: RoleId,
    p: u32,
    date: NaiveDate,
) -> Option<(Option<bool>, Criteria)> {
    let mut criteria = Criteria::default();
    let mut value = Some(true);
    for item in ctx.model.eligibility.iter().filter(|e| e.role == role) {
        let v = expr::on_participant_at(ctx, &item.condition, p, date);
        criteria.push(v);
        value = expr::both(value, v);
    }
    (!criteria.is_empty()).then_some((value, criteria))
}

/// Whether participant `p` meets the items of `role` on `date`, read as written (`ROLE is
/// eligible` without compiled conditions); the first item that fails ends it.
pub(crate) fn as_written(ctx: &Ctx<'_>, role: RoleId, p: u32, date: NaiveDate) -> Option<bool> {
    let mut value = Some(true);
    for item in ctx.model.eligibility.iter().filter(|e| e.role == role) {
        value = expr::both(
            value,
            expr::on_participant_at(ctx, &item.condition, p, date),
        );
        if value == Some(false) {
            break;
        }
    }
    value
}

/// Why the participant of `role` in event `e` was not eligible on its day, when that is so.
pub(crate) fn not_eligible(ctx: &Ctx<'_>, role: RoleId, e: &CaseEvent) -> Option<ViolationKind> {
    let mut whose: Vec<u32> = [Some(e.by), e.to]
        .into_iter()
        .flatten()
        .filter(|&p| ctx.role_of(p) == Some(role))
        .collect();
    if whose.is_empty() {
        whose = ctx.case.with_role(role).to_vec();
    }
    whose
        .into_iter()
        .find_map(|p| match judge(ctx, role, p, e.date) {
            Some((Some(false), criteria)) => {
                Some(ViolationKind::NotEligible { whose: p, criteria })
            }
            _ => None,
        })
}
