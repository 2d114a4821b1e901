//! Phases with a length range: `phase p  starts at E  should last 3 to 6 months`.
//!
//! A phase runs from its first start event to its `ends` event, or else to the start of the
//! next phase declared after it. Ending before the shortest length is a violation on the
//! day it ends; running past the longest, a violation the day after. While it runs, ending
//! it (or starting the next phase) is an obligation due on its last allowed day.

use super::{Ctx, day_after};
use crate::outcome::{Detail, Obligation, State, Violation, ViolationKind};
use mentor_check::model::{EventMatch, Figure, RuleDef, RuleId, RuleKind};

#[allow(clippy::too_many_arguments)]
pub(crate) fn run(
    ctx: &mut Ctx<'_>,
    id: RuleId,
    rule: &RuleDef,
    starts: &EventMatch,
    ends: Option<&EventMatch>,
    min: &Figure,
    max: &Figure,
    next: Option<RuleId>,
) {
    let Some(&start_idx) = ctx.matching(starts).first() else {
        return;
    };
    let end_pattern = match ends {
        Some(e) => Some(e.clone()),
        None => next
            .and_then(|n| ctx.model.rule(n))
            .and_then(|r| match &r.kind {
                RuleKind::Phase { starts, .. } => Some(starts.clone()),
                _ => None,
            }),
    };
    ctx.trigger(id);
    let Some(end_pattern) = end_pattern else {
        return;
    };
    let started = ctx.date_of(start_idx);
    let (Some(earliest), Some(latest)) = (
        ctx.add_figure(started, min, Some(start_idx)),
        ctx.add_figure(started, max, Some(start_idx)),
    ) else {
        return;
    };
    let end_matches = ctx.matching(&EventMatch {
        first: false,
        ..end_pattern.clone()
    });
    // A termination that ends the case (or its relationships) ends the phase too: an end
    // event after it belongs to something new.
    let starter = ctx.event(start_idx).map(|e| e.by);
    let terminated = ctx.termination_after(Some(start_idx), started, [starter, None]);
    let end_idx = end_matches
        .into_iter()
        .find(|&i| i > start_idx && terminated.is_none_or(|t| i < t));
    let by_roles: Vec<mentor_check::model::RoleId> = ctx
        .model
        .event(end_pattern.event)
        .map(|e| e.by.clone())
        .unwrap_or_default();
    match end_idx {
        Some(e) => {
            let ended = ctx.date_of(e);
            let party = ctx.event(e).map(|x| x.by);
            if ended < earliest {
                ctx.push_violation(Violation {
                    rule: id,
                    severity: rule.severity,
                    party,
                    at: ended,
                    events: vec![start_idx, e],
                    kind: ViolationKind::PhaseTooShort {
                        started,
                        ended,
                        earliest,
                    },
                });
            } else if ended > latest {
                ctx.push_violation(Violation {
                    rule: id,
                    severity: rule.severity,
                    party,
                    at: day_after(latest),
                    events: vec![start_idx, e],
                    kind: ViolationKind::PhaseTooLong { started, latest },
                });
            }
        }
        None => {
            if let Some(t) = terminated {
                // Ended by the termination: only running past its longest length is a finding.
                let ended = ctx.date_of(t);
                if ended > latest {
                    ctx.push_violation(Violation {
                        rule: id,
                        severity: rule.severity,
                        party: ctx.event(t).map(|x| x.by),
                        at: day_after(latest),
                        events: vec![start_idx, t],
                        kind: ViolationKind::PhaseTooLong { started, latest },
                    });
                }
                return;
            }
            let involved = ctx.involved(&[start_idx]);
            let role = by_roles.first().copied();
            let party = role.and_then(|r| ctx.parties(r, &involved).into_iter().next().flatten());
            if ctx.as_of > latest {
                ctx.push_violation(Violation {
                    rule: id,
                    severity: rule.severity,
                    party,
                    at: day_after(latest),
                    events: vec![start_idx],
                    kind: ViolationKind::PhaseTooLong { started, latest },
                });
            }
            if let Some(role) = role {
                ctx.push(Obligation {
                    rule: id,
                    severity: rule.severity,
                    party,
                    role,
                    actions: vec![end_pattern.event],
                    counterpart: None,
                    due: Some(latest),
                    since: started,
                    events: vec![start_idx],
                    state: State::Open,
                    detail: Detail::PhaseEnd {
                        phase_start: started,
                        earliest,
                    },
                });
            }
        }
    }
}
