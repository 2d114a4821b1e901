//! Disclosure: which facts of whom may reach which role, after which consent and until
//! which withdrawal. Each disclosure event is checked on its day.
//!
//! A consent or a withdrawal counts for a disclosure when it concerns the person whose facts
//! are shared or the one who receives them, and names no other person of the recipient's
//! role: a match with one mentor lets details go to that mentor, not to another one.

use super::Ctx;
use crate::outcome::{Violation, ViolationKind};
use mentor_check::model::{EventId, RoleId, RuleDef, RuleId};
use mentor_check::types::Value;

#[allow(clippy::too_many_arguments)]
pub(crate) fn run(
    ctx: &mut Ctx<'_>,
    id: RuleId,
    rule: &RuleDef,
    subject: RoleId,
    recipient: RoleId,
    facts: &[u32],
    through: EventId,
    listing: Option<u32>,
    after: Option<EventId>,
    until: Option<EventId>,
) {
    let allowed: Vec<String> = ctx
        .model
        .role(subject)
        .map(|r| {
            facts
                .iter()
                .filter_map(|f| r.facts.get(*f as usize).map(|d| d.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    let subjects: Vec<u32> = ctx.case.with_role(subject).to_vec();
    for &i in ctx.occurrences(through) {
        ctx.trigger(id);
        let Some(e) = ctx.event(i) else { continue };
        let direct: Vec<u32> = ctx
            .involved(&[i])
            .into_iter()
            .filter(|&p| ctx.role_of(p) == Some(subject))
            .collect();
        let whose = if direct.is_empty() {
            subjects.clone()
        } else {
            direct
        };
        let receiver = e.to.filter(|&t| ctx.role_of(t) == Some(recipient));
        let about = |ctx: &Ctx<'_>, j: u32| {
            ctx.event(j).is_some_and(|x| {
                let concerns =
                    whose.iter().any(|&p| x.involves(p)) || receiver.is_some_and(|r| x.involves(r));
                let someone_else = receiver.is_some_and(|r| {
                    [Some(x.by), x.to]
                        .into_iter()
                        .flatten()
                        .any(|p| p != r && ctx.role_of(p) == Some(recipient))
                });
                concerns && !someone_else
            })
        };
        let mut problems: Vec<(ViolationKind, Vec<u32>)> = Vec::new();
        if let Some(after) = after {
            let consents = ctx.occurrences(after);
            let before = consents.partition_point(|&j| j < i);
            let consent = consents
                .get(..before)
                .unwrap_or(&[])
                .iter()
                .rev()
                .copied()
                .find(|&j| about(ctx, j));
            match consent {
                None => problems.push((ViolationKind::DisclosedBeforeConsent, vec![i])),
                Some(c) => {
                    let withdrawn = until.and_then(|u| {
                        let all = ctx.occurrences(u);
                        let from = all.partition_point(|&j| j <= c);
                        let to = all.partition_point(|&j| j < i);
                        all.get(from..to.max(from))
                            .unwrap_or(&[])
                            .iter()
                            .copied()
                            .find(|&j| about(ctx, j))
                    });
                    if let Some(w) = withdrawn {
                        problems.push((
                            ViolationKind::DisclosedAfterWithdrawal {
                                withdrawn: ctx.date_of(w),
                            },
                            vec![c, w, i],
                        ));
                    }
                }
            }
        }
        if let Some(field) = listing
            && let Some(Some(Value::Text(list))) = e.data.get(field as usize)
        {
            let extra: Vec<String> = list
                .split([',', ';'])
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty() && !allowed.contains(s))
                .collect();
            if !extra.is_empty() {
                problems.push((
                    ViolationKind::DisclosedFields {
                        fields: extra,
                        allowed: allowed.clone(),
                    },
                    vec![i],
                ));
            }
        }
        for (kind, events) in problems {
            ctx.push_violation(Violation {
                rule: id,
                severity: rule.severity,
                party: Some(e.by),
                at: e.date,
                events,
                kind,
            });
        }
    }
}
