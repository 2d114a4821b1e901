//! Static warnings: things that are allowed but probably not meant.

use crate::Model;
use crate::index::{Def, Index};
use crate::model::{
    AnchorDef, DeadlineDef, DutyDef, EventId, EventMatch, Expr, Figure, Operand, RoleId, RuleDef,
    RuleKind, WindowDef,
};
use crate::model::{
    DeadlineRule, EachHaveRule, EachOutsideRule, EachWithinRule, LadderRule, LimitRule, PhaseRule,
    RecurringRule, TerminationRule,
};
use crate::types::{Unit, UnitFamily, Value};
use mentor_diagnostics::Diagnostic;
use mentor_diagnostics::catalog::warnings::{
    self as words, Contradiction, NeverApplies, ShorterWindow,
};
use mentor_syntax::ast;
use mentor_syntax::ast::{CmpOp, ModalityKind};
use std::collections::HashMap;
use std::hash::Hash;

/// Every warning for a policy that parsed without errors.
pub fn find(policy: &ast::Policy, model: &Model, index: &Index) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    unused(model, index, &mut out);
    duplicate_rule_names(policy, &mut out);
    never_triggers(model, &mut out);
    unreachable_steps(policy, model, &mut out);
    should_contradicts_must(model, &mut out);
    window_shorter_than_deadline(model, &mut out);
    out.sort_by_key(|d| (d.span().start, d.code));
    out
}

/// Rules, eligibility items, ladders, terminations, disclosures and phases share one set of
/// names: findings point at rules by name, so two with the same name are ambiguous.
fn duplicate_rule_names(policy: &ast::Policy, out: &mut Vec<Diagnostic>) {
    // Rules and tests are separate sets of names.
    let mut seen: std::collections::HashMap<(bool, &str), &ast::Name> =
        std::collections::HashMap::new();
    for item in &policy.items {
        let is_test = matches!(item.kind, ast::ItemKind::Test(_));
        let named = is_test
            || matches!(
                item.kind,
                ast::ItemKind::Eligibility(_)
                    | ast::ItemKind::Rule(_)
                    | ast::ItemKind::Ladder(_)
                    | ast::ItemKind::Termination(_)
                    | ast::ItemKind::Disclosure(_)
                    | ast::ItemKind::Phase(_)
            );
        let Some(name) = item.name().filter(|_| named) else {
            continue;
        };
        match seen.get(&(is_test, name.text.as_str())) {
            Some(first) => out.push(words::name_used_twice(name.span, &name.text, first.span)),
            None => {
                seen.insert((is_test, name.text.as_str()), name);
            }
        }
    }
}

/// Whether two events can ever share a participant (some role takes part in both).
fn can_share(model: &Model, a: EventId, b: EventId) -> bool {
    let roles = |e: EventId| -> Vec<RoleId> {
        model
            .event(e)
            .map(|d| d.by.iter().chain(d.to.iter()).copied().collect())
            .unwrap_or_default()
    };
    let (ra, rb) = (roles(a), roles(b));
    ra.iter().any(|r| rb.contains(r))
}

/// A filter that asks one field to equal two different choices at once.
fn contradictory(expr: &Expr) -> bool {
    let Expr::And(parts) = expr else { return false };
    // the first choice asked of each field: a later different one contradicts it
    let mut wanted: HashMap<u32, &Value> = HashMap::new();
    for part in parts {
        if let Expr::Compare {
            left: Operand::Field(f),
            op: CmpOp::Eq,
            right: Operand::Const(v),
            ..
        } = part
            && *wanted.entry(*f).or_insert(v) != v
        {
            return true;
        }
    }
    false
}

fn never_triggers(model: &Model, out: &mut Vec<Diagnostic>) {
    for rule in &model.rules {
        let mut reasons: Vec<NeverApplies> = Vec::new();
        let mut filters: Vec<&EventMatch> = Vec::new();
        match &rule.kind {
            RuleKind::Deadline(DeadlineRule { anchor, .. }) => match anchor {
                AnchorDef::Event(m) => filters.push(m),
                AnchorDef::LaterOf(a, b) | AnchorDef::EarlierOf(a, b) => {
                    filters.push(a);
                    filters.push(b);
                }
                _ => {}
            },
            RuleKind::EachWithin(EachWithinRule { event, after, .. }) => {
                filters.push(event);
                filters.push(after);
                if event.event != after.event && !can_share(model, event.event, after.event) {
                    reasons.push(NeverApplies::WindowUnshared {
                        event: model.event_name(event.event).to_string(),
                        after: model.event_name(after.event).to_string(),
                    });
                }
            }
            RuleKind::EachOutside(EachOutsideRule { event, from, until }) => {
                filters.push(event);
                if !can_share(model, event.event, from.event) {
                    reasons.push(NeverApplies::PauseUnshared {
                        event: model.event_name(event.event).to_string(),
                        from: model.event_name(from.event).to_string(),
                    });
                }
                let _ = until;
            }
            RuleKind::EachHave(EachHaveRule { event, .. })
            | RuleKind::Termination(TerminationRule { when: event, .. }) => filters.push(event),
            RuleKind::Limit(LimitRule { event, window, .. }) => {
                filters.push(event);
                if let Some(w) = window {
                    filters.push(&w.after);
                }
            }
            RuleKind::Recurring(RecurringRule { from, .. }) => filters.extend(from.iter()),
            RuleKind::Phase(PhaseRule {
                starts, ends, next, ..
            }) => {
                filters.push(starts);
                if ends.is_none() && next.is_none() {
                    reasons.push(NeverApplies::LastPhaseUnmeasured);
                }
            }
            RuleKind::Ladder(LadderRule { start, .. }) => filters.extend(start.iter()),
            RuleKind::Disclosure { .. } => {}
        }
        for m in filters {
            if m.filter.as_ref().is_some_and(contradictory) {
                reasons.push(NeverApplies::ContradictoryFilter {
                    event: model.event_name(m.event).to_string(),
                });
            }
        }
        if let Some(reason) = reasons.first() {
            out.push(words::never_triggers(rule.name_span, &rule.name, reason));
        }
    }
}

fn unreachable_steps(policy: &ast::Policy, model: &Model, out: &mut Vec<Diagnostic>) {
    for rule in &model.rules {
        let RuleKind::Ladder(LadderRule {
            attempt,
            success,
            steps,
            ..
        }) = &rule.kind
        else {
            continue;
        };
        if !success.contains(attempt) || steps.len() < 2 {
            continue;
        }
        let Some(second) = steps.get(1) else { continue };
        let _ = policy;
        out.push(words::unreachable_step(
            second.span,
            model.event_name(*attempt),
            rule.name_span,
        ));
    }
}

/// The anchor event of a deadline rule, when it is a single event without a filter.
fn plain_anchor(kind: &RuleKind) -> Option<(EventId, &DutyDef, &Figure)> {
    match kind {
        RuleKind::Deadline(DeadlineRule {
            anchor: AnchorDef::Event(m),
            duty,
            deadline: Some(DeadlineDef::Within(f)),
        }) if m.filter.is_none() => Some((m.event, duty, f)),
        _ => None,
    }
}

fn same_family(a: &Figure, b: &Figure) -> bool {
    a.base.unit.map(Unit::family) == b.base.unit.map(Unit::family)
}

/// Each piece of advice (`should`) that a binding rule (`must`) contradicts, named with the
/// first such binding rule in the file. Binding rules are grouped by what they are about, so
/// the pass takes n log n steps in the number of rules rather than comparing every pair.
fn should_contradicts_must(model: &Model, out: &mut Vec<Diagnostic>) {
    // the lowest `at most` of binding limits, the highest `at least`, the shortest deadline
    let mut most: Lowest<(RoleId, EventId)> = Lowest::default();
    let mut least: Lowest<(RoleId, EventId)> = Lowest::default();
    let mut within: Lowest<(EventId, RoleId, EventId, Option<UnitFamily>)> = Lowest::default();
    for (i, must) in model.rules.iter().enumerate() {
        if must.severity != ModalityKind::Must {
            continue;
        }
        if let Some((role, event, min, max)) = plain_limit(&must.kind) {
            if let Some(max) = max {
                most.add((role, event), i, u64::from(max.base.value));
            }
            if let Some(min) = min {
                least.add((role, event), i, above(u64::from(min.base.value)));
            }
        }
        if let Some((anchor, duty, figure)) = plain_anchor(&must.kind) {
            for action in &duty.actions {
                let key = (anchor, duty.role, *action, family(figure));
                within.add(key, i, figure.base.in_base());
            }
        }
    }
    for should in &model.rules {
        if should.severity != ModalityKind::Should {
            continue;
        }
        let mut first: Option<usize> = None;
        let mut consider = |found: Option<usize>| {
            if let Some(i) = found {
                first = Some(first.map_or(i, |f| f.min(i)));
            }
        };
        if let Some((role, event, min, max)) = plain_limit(&should.kind) {
            if let Some(min) = min {
                consider(most.first_below(&(role, event), u64::from(min.base.value)));
            }
            if let Some(max) = max {
                consider(least.first_below(&(role, event), above(u64::from(max.base.value))));
            }
        }
        if let Some((anchor, duty, figure)) = plain_anchor(&should.kind) {
            for action in &duty.actions {
                let key = (anchor, duty.role, *action, family(figure));
                consider(within.first_below(&key, figure.base.in_base()));
            }
        }
        let Some(must) = first.and_then(|i| model.rules.get(i)) else {
            continue;
        };
        if let Some(how) = contradiction(model, should, must) {
            out.push(words::should_contradicts_must(
                should.name_span,
                must.name_span,
                &how,
            ));
        }
    }
}

/// A limit without filters: its role, event and figures.
fn plain_limit(kind: &RuleKind) -> Option<(RoleId, EventId, Option<&Figure>, Option<&Figure>)> {
    match kind {
        RuleKind::Limit(LimitRule {
            role,
            event,
            min,
            max,
            ..
        }) if event.filter.is_none() => Some((*role, event.event, min.as_ref(), max.as_ref())),
        _ => None,
    }
}

fn family(figure: &Figure) -> Option<UnitFamily> {
    figure.base.unit.map(Unit::family)
}

/// Turns "the first figure above a bound" into "the first figure below one", for [`Lowest`].
fn above(figure: u64) -> u64 {
    u64::MAX - figure
}

/// Rules grouped by what they are about, in file order, each with a figure: finds the first
/// rule of a group whose figure is below a bound in log n steps.
struct Lowest<K> {
    /// Per group: each rule's index with the lowest figure of the group up to that rule.
    groups: HashMap<K, Vec<(usize, u64)>>,
}

impl<K> Default for Lowest<K> {
    fn default() -> Self {
        Lowest {
            groups: HashMap::new(),
        }
    }
}

impl<K: Hash + Eq> Lowest<K> {
    fn add(&mut self, key: K, rule: usize, figure: u64) {
        let group = self.groups.entry(key).or_default();
        let lowest = group.last().map_or(figure, |&(_, l)| l.min(figure));
        group.push((rule, lowest));
    }

    /// The first rule of the group (in file order) whose figure is below `bound`: where the
    /// lowest figure so far first drops below it.
    fn first_below(&self, key: &K, bound: u64) -> Option<usize> {
        let group = self.groups.get(key)?;
        let at = group.partition_point(|&(_, lowest)| lowest >= bound);
        group.get(at).map(|&(rule, _)| rule)
    }
}

fn contradiction(model: &Model, should: &RuleDef, must: &RuleDef) -> Option<Contradiction> {
    match (&should.kind, &must.kind) {
        (
            RuleKind::Limit(LimitRule {
                role: r1,
                event: e1,
                min: Some(smin),
                ..
            }),
            RuleKind::Limit(LimitRule {
                role: r2,
                event: e2,
                max: Some(mmax),
                ..
            }),
        ) if r1 == r2
            && e1.event == e2.event
            && e1.filter.is_none()
            && e2.filter.is_none()
            && smin.base.value > mmax.base.value =>
        {
            Some(Contradiction::AtLeastAboveAtMost {
                should: should.name.clone(),
                least: smin.base.value,
                event: model.event_name(e1.event).to_string(),
                must: must.name.clone(),
                most: mmax.base.value,
            })
        }
        (
            RuleKind::Limit(LimitRule {
                role: r1,
                event: e1,
                max: Some(smax),
                ..
            }),
            RuleKind::Limit(LimitRule {
                role: r2,
                event: e2,
                min: Some(mmin),
                ..
            }),
        ) if r1 == r2
            && e1.event == e2.event
            && e1.filter.is_none()
            && e2.filter.is_none()
            && smax.base.value < mmin.base.value =>
        {
            Some(Contradiction::AtMostBelowAtLeast {
                should: should.name.clone(),
                most: smax.base.value,
                event: model.event_name(e1.event).to_string(),
                must: must.name.clone(),
                least: mmin.base.value,
            })
        }
        _ => {
            let (sa, sduty, sfig) = plain_anchor(&should.kind)?;
            let (ma, mduty, mfig) = plain_anchor(&must.kind)?;
            let same_actions = sduty.actions.iter().any(|a| mduty.actions.contains(a));
            if sa == ma
                && sduty.role == mduty.role
                && same_actions
                && same_family(sfig, mfig)
                && sfig.base.in_base() > mfig.base.in_base()
            {
                Some(Contradiction::LaterThanRequired {
                    should: should.name.clone(),
                    advised: sfig.base.describe(model),
                    after: model.event_name(sa).to_string(),
                    must: must.name.clone(),
                    required: mfig.base.describe(model),
                })
            } else {
                None
            }
        }
    }
}

/// Each window shorter than a deadline for the same event after the same anchor, named with
/// the first such deadline in the file (deadlines grouped by anchor and event: n log n).
fn window_shorter_than_deadline(model: &Model, out: &mut Vec<Diagnostic>) {
    let mut longer: Lowest<(EventId, EventId, Option<UnitFamily>)> = Lowest::default();
    for (i, deadline) in model.rules.iter().enumerate() {
        if let Some((anchor, duty, within)) = plain_anchor(&deadline.kind) {
            for action in &duty.actions {
                let key = (anchor, *action, family(within));
                longer.add(key, i, above(within.base.in_base()));
            }
        }
    }
    for windowed in &model.rules {
        let (event, anchor, window) = match &windowed.kind {
            RuleKind::EachWithin(EachWithinRule {
                event,
                figure,
                after,
            }) if after.filter.is_none() => (event.event, after.event, figure),
            RuleKind::Limit(LimitRule {
                event,
                window:
                    Some(WindowDef {
                        within: Some(w),
                        after,
                    }),
                ..
            }) if after.filter.is_none() => (event.event, after.event, w),
            _ => continue,
        };
        let key = (anchor, event, family(window));
        let Some(deadline) = longer
            .first_below(&key, above(window.base.in_base()))
            .and_then(|i| model.rules.get(i))
        else {
            continue;
        };
        let Some((_, _, within)) = plain_anchor(&deadline.kind) else {
            continue;
        };
        let (window, within) = (window.base.describe(model), within.base.describe(model));
        out.push(words::window_shorter_than_deadline(&ShorterWindow {
            rule: &windowed.name,
            span: windowed.name_span,
            window: &window,
            anchor: model.event_name(anchor),
            deadline: &deadline.name,
            deadline_span: deadline.name_span,
            within: &within,
            event: model.event_name(event),
        }));
    }
}

/// Roles, facts and events that no rule uses (unless marked `recorded`).
fn unused(model: &Model, index: &Index, out: &mut Vec<Diagnostic>) {
    // Count every use once: looking each declaration up in the index would be quadratic.
    let mut used: std::collections::HashSet<Def> = std::collections::HashSet::new();
    for o in &index.occurrences {
        if !o.declaration {
            used.insert(o.def);
        }
    }
    let uses = |def: Def| usize::from(used.contains(&def));
    for (i, role) in model.roles.iter().enumerate() {
        let id = RoleId(i as u32);
        if uses(Def::Role(id)) == 0 {
            out.push(words::unused_role(role.span, &role.name));
        }
        for (f, fact) in role.facts.iter().enumerate() {
            if !fact.recorded && uses(Def::Fact(id, f as u32)) == 0 {
                out.push(words::unused_fact(fact.span, &fact.name, &role.name));
            }
        }
    }
    for (i, event) in model.events.iter().enumerate() {
        let id = EventId(i as u32);
        if !event.recorded && uses(Def::Event(id)) == 0 {
            out.push(words::unused_event(event.span, &event.name));
        }
        for (f, field) in event.fields.iter().enumerate() {
            if !field.recorded && uses(Def::Field(id, f as u32)) == 0 && !event.recorded {
                out.push(words::unused_field(field.span, &field.name, &event.name));
            }
        }
    }
}
