//! Conditions, evaluated with three values: true, false, or unknown (a fact not given).

use super::Ctx;
use crate::case::CaseEvent;
use chrono::{Datelike, NaiveDate};
use mentor_calendar::months;
use mentor_check::model::{Expr, FactRef, Operand, compare};
use mentor_check::types::{Quantity, Unit, UnitFamily, Value};
use mentor_syntax::ast::CmpOp;
use std::borrow::Cow;

/// Where a condition is evaluated: about a participant, or about an event.
#[derive(Clone, Copy)]
pub(crate) enum Subject<'e> {
    Participant(u32),
    Event(&'e CaseEvent),
}

/// A condition on an event's data (a `where` filter or an `each ... have` rule).
#[inline(always)]
pub(crate) fn on_event(ctx: &Ctx<'_>, expr: &Expr, event: &CaseEvent) -> Option<bool> {
    // The usual conditions on an event (`path == mutual`, `scheduled_for >= at`,
    // `minutes == 90`), read without walking the condition.
    match expr {
        Expr::Compare {
            left: Operand::Field(field),
            op,
            right: Operand::Const(constant),
            ..
        } => {
            let value = event.data.get(*field as usize)?.as_ref()?;
            match (value, op, constant) {
                (Value::Symbol(a), CmpOp::Eq, Value::Symbol(b)) => Some(a == b),
                (Value::Bool(a), CmpOp::Eq, Value::Bool(b)) => Some(a == b),
                _ => compare_values(value, *op, constant),
            }
        }
        Expr::Compare {
            left: Operand::Field(field),
            op,
            right: Operand::EventTime,
            ..
        } => {
            let value = event.data.get(*field as usize)?.as_ref()?;
            match (value, event.has_time) {
                (Value::DateTime(a), true) => Some(compare(a, *op, &event.at)),
                (Value::Date(a), true) => Some(compare(a, *op, &event.at.date())),
                (Value::Date(a), false) => Some(compare(a, *op, &event.date)),
                (Value::DateTime(a), false) => Some(compare(&a.date(), *op, &event.date)),
                _ => None,
            }
        }
        Expr::Compare {
            left: Operand::Field(field),
            op,
            right: Operand::Figure(figure),
            ..
        } => {
            let value = event.data.get(*field as usize)?.as_ref()?;
            let q = figure.at(event.date);
            match (value, q.unit) {
                (Value::Int(a), None) => Some(compare(a, *op, &i64::from(q.value))),
                _ => eval(ctx, expr, Subject::Event(event), event.date),
            }
        }
        _ => eval(ctx, expr, Subject::Event(event), event.date),
    }
}

/// A condition about a participant, as of a date.
pub(crate) fn on_participant_at(
    ctx: &Ctx<'_>,
    expr: &Expr,
    participant: u32,
    date: NaiveDate,
) -> Option<bool> {
    eval(ctx, expr, Subject::Participant(participant), date)
}

fn eval(ctx: &Ctx<'_>, expr: &Expr, subject: Subject<'_>, date: NaiveDate) -> Option<bool> {
    match expr {
        Expr::And(parts) => {
            let mut unknown = false;
            for p in parts {
                match eval(ctx, p, subject, date) {
                    Some(false) => return Some(false),
                    None => unknown = true,
                    Some(true) => {}
                }
            }
            if unknown { None } else { Some(true) }
        }
        Expr::Or(parts) => {
            let mut unknown = false;
            for p in parts {
                match eval(ctx, p, subject, date) {
                    Some(true) => return Some(true),
                    None => unknown = true,
                    Some(false) => {}
                }
            }
            if unknown { None } else { Some(false) }
        }
        Expr::Not(inner) => eval(ctx, inner, subject, date).map(|b| !b),
        Expr::Invalid => Some(false),
        Expr::Eligible { role, .. } => {
            ctx.dated.set(true);
            eligible(ctx, *role, subject, date)
        }
        // The usual `where` filter: one of the event's fields against a constant.
        Expr::Compare {
            left: Operand::Field(field),
            op,
            right: Operand::Const(constant),
            ..
        } => match subject {
            Subject::Event(e) => {
                compare_values(e.data.get(*field as usize)?.as_ref()?, *op, constant)
            }
            Subject::Participant(_) => None,
        },
        // A yes-or-no fact of the participant's own (`willing`), read at once.
        Expr::Truthy(Operand::Fact(fact)) if fact.role.is_none() => {
            match fact_value(ctx, subject, fact, &[None, None])? {
                Value::Bool(b) => Some(*b),
                _ => None,
            }
        }
        // Most atoms name only the participant's (or the event's) own facts: no binding.
        atom if !names_other_role(atom) => atom_value(ctx, atom, subject, &[None, None], date),
        atom => {
            ctx.dated.set(true);
            for_each_binding(ctx, atom, subject, |ctx, bindings| {
                atom_value(ctx, atom, subject, bindings, date)
            })
        }
    }
}

/// Whether an atom reads a fact of another role's participants (`mentee.profession`).
fn names_other_role(atom: &Expr) -> bool {
    let other = |op: &Operand| matches!(op, Operand::Fact(FactRef { role: Some(_), .. }));
    match atom {
        Expr::Compare { left, right, .. } | Expr::Similar { left, right, .. } => {
            other(left) || other(right)
        }
        Expr::In { operand, .. } | Expr::Truthy(operand) => other(operand),
        Expr::Since { fact, .. } => fact.role.is_some(),
        _ => false,
    }
}

/// `ROLE is eligible` about an event: its participants of that role (or, when it has none,
/// everyone in the case with the role) meet the role's eligibility items on `date`.
pub(crate) fn eligible(
    ctx: &Ctx<'_>,
    role: mentor_check::model::RoleId,
    subject: Subject<'_>,
    date: NaiveDate,
) -> Option<bool> {
    eligible_keeping(ctx, role, subject, date, &mut Verdicts::default())
}

/// Verdicts that hold on any day: those reached without a condition read as written (only
/// those read a date or another participant), by participant. A rule that judges many events
/// keeps them from one to the next.
#[derive(Default)]
pub(crate) struct Verdicts {
    by_participant: smallvec::SmallVec<[(u32, Option<bool>); 4]>,
    /// The last event's, by who did it and to whom, when every verdict it needed holds on any
    /// day (events between the same people nearly always follow one another).
    last_event: Option<(ByTo, Option<bool>)>,
}

/// Who did an event, and to whom.
type ByTo = (u32, Option<u32>);

impl Verdicts {
    fn get(&self, participant: u32) -> Option<Option<bool>> {
        self.by_participant
            .iter()
            .find(|(p, _)| *p == participant)
            .map(|&(_, v)| v)
    }
}

/// As [`eligible`], with the verdicts that hold on any day kept in `known`.
pub(crate) fn eligible_keeping(
    ctx: &Ctx<'_>,
    role: mentor_check::model::RoleId,
    subject: Subject<'_>,
    date: NaiveDate,
    known: &mut Verdicts,
) -> Option<bool> {
    let Subject::Event(e) = subject else {
        return None;
    };
    if let Some((last, v)) = known.last_event
        && last == (e.by, e.to)
    {
        return v;
    }
    let has_role = |p: &u32| ctx.role_of(*p) == Some(role);
    // Who did it and whom it went to, when of the role; else everyone with the role.
    let (by, to) = (Some(e.by).filter(has_role), e.to.filter(has_role));
    let everyone = ctx.case.with_role(role);
    if by.is_none() && to.is_none() && everyone.is_empty() {
        return None;
    }
    if ctx.conditions.is_some_and(|c| !c.has_items(role)) {
        return Some(true);
    }
    // Whether every verdict this event needed holds on any day.
    let mut fixed = true;
    let mut one = |p: u32| {
        if let Some(v) = known.get(p) {
            return v;
        }
        ctx.dated.set(false);
        let v = match ctx.conditions {
            Some(compiled) => {
                let facts = ctx.case.participant(p).map_or(&[][..], |x| &x.facts[..]);
                let written = |e: &Expr| {
                    ctx.dated.set(true);
                    eval(ctx, e, Subject::Participant(p), date)
                };
                compiled.verdict(role, facts, &written)
            }
            None => super::eligibility::as_written(ctx, role, p, date),
        };
        if ctx.dated.get() {
            fixed = false;
        } else {
            known.by_participant.push((p, v));
        }
        v
    };
    let verdict = match (by, to) {
        // The usual event: one participant of the role, judged alone.
        (Some(p), None) | (None, Some(p)) => one(p),
        (Some(p), Some(q)) => match one(p) {
            Some(false) => Some(false),
            first => both(first, one(q)),
        },
        (None, None) => all_of(everyone.iter().map(|&p| one(p))),
    };
    known.last_event = fixed.then_some(((e.by, e.to), verdict));
    verdict
}

/// Which participant stands for each other role mentioned in an atom.
pub(crate) type Bindings = [Option<(mentor_check::model::RoleId, u32)>; 2];

/// An atom that mentions another role's fact (`mentee.profession`) holds when it holds for
/// every participant of that role in the case; with nobody in that role it is unknown.
pub(crate) fn for_each_binding(
    ctx: &Ctx<'_>,
    atom: &Expr,
    _subject: Subject<'_>,
    mut f: impl FnMut(&Ctx<'_>, &Bindings) -> Option<bool>,
) -> Option<bool> {
    let mut roles: Vec<mentor_check::model::RoleId> = Vec::new();
    visit_operands(atom, |op| {
        if let Operand::Fact(FactRef { role: Some(r), .. }) = op
            && !roles.contains(r)
        {
            roles.push(*r);
        }
    });
    if let Expr::Since {
        fact: FactRef { role: Some(r), .. },
        ..
    } = atom
        && !roles.contains(r)
    {
        roles.push(*r);
    }
    match roles.as_slice() {
        [] => f(ctx, &[None, None]),
        [r] => {
            let people = ctx.case.with_role(*r);
            if people.is_empty() {
                return None;
            }
            all_of(people.iter().map(|&p| f(ctx, &[Some((*r, p)), None])))
        }
        [r1, r2, ..] => {
            let (a, b) = (ctx.case.with_role(*r1), ctx.case.with_role(*r2));
            if a.is_empty() || b.is_empty() {
                return None;
            }
            all_of(
                a.iter()
                    .flat_map(|&p| b.iter().map(move |&q| (p, q)))
                    .map(|(p, q)| f(ctx, &[Some((*r1, p)), Some((*r2, q))])),
            )
        }
    }
}

/// Both of two values with three values: false if either is, else unknown if either is.
pub(crate) fn both(a: Option<bool>, b: Option<bool>) -> Option<bool> {
    match (a, b) {
        (Some(false), _) | (_, Some(false)) => Some(false),
        (None, _) | (_, None) => None,
        _ => Some(true),
    }
}

fn all_of(values: impl Iterator<Item = Option<bool>>) -> Option<bool> {
    let mut unknown = false;
    for v in values {
        match v {
            Some(false) => return Some(false),
            None => unknown = true,
            Some(true) => {}
        }
    }
    if unknown { None } else { Some(true) }
}

pub(crate) fn visit_operands(expr: &Expr, mut f: impl FnMut(&Operand)) {
    match expr {
        Expr::Compare { left, right, .. } | Expr::Similar { left, right, .. } => {
            f(left);
            f(right);
        }
        Expr::In { operand, .. } | Expr::Truthy(operand) => f(operand),
        _ => {}
    }
}

/// The participant a fact reference reads from.
pub(crate) fn fact_holder(
    subject: Subject<'_>,
    fact: &FactRef,
    bindings: &Bindings,
) -> Option<u32> {
    match fact.role {
        None => match subject {
            Subject::Participant(p) => Some(p),
            Subject::Event(_) => None,
        },
        Some(role) => bindings
            .iter()
            .flatten()
            .find(|(r, _)| *r == role)
            .map(|(_, p)| *p),
    }
}

pub(crate) fn fact_value<'c>(
    ctx: &Ctx<'c>,
    subject: Subject<'_>,
    fact: &FactRef,
    bindings: &Bindings,
) -> Option<&'c Value> {
    let holder = fact_holder(subject, fact, bindings)?;
    ctx.case
        .participant(holder)?
        .facts
        .get(fact.fact as usize)?
        .as_ref()
}

/// The value of an operand; `None` when not given. Facts, fields and constants are
/// borrowed, not copied.
pub(crate) fn value<'x>(
    ctx: &Ctx<'x>,
    op: &'x Operand,
    subject: Subject<'x>,
    bindings: &Bindings,
    date: NaiveDate,
) -> Option<Cow<'x, Value>> {
    match op {
        Operand::Const(v) => Some(Cow::Borrowed(v)),
        Operand::Figure(f) => {
            ctx.dated.set(true);
            let q = f.at(date);
            Some(Cow::Owned(if q.unit.is_some() {
                Value::Duration(q)
            } else {
                Value::Int(i64::from(q.value))
            }))
        }
        Operand::Fact(fact) => fact_value(ctx, subject, fact, bindings).map(Cow::Borrowed),
        Operand::Field(i) => match subject {
            Subject::Event(e) => e.data.get(*i as usize)?.as_ref().map(Cow::Borrowed),
            Subject::Participant(_) => None,
        },
        Operand::EventTime => match subject {
            Subject::Event(e) => Some(Cow::Owned(if e.has_time {
                Value::DateTime(e.at)
            } else {
                Value::Date(e.date)
            })),
            Subject::Participant(_) => None,
        },
    }
}

pub(crate) fn atom_value<'x>(
    ctx: &Ctx<'x>,
    atom: &'x Expr,
    subject: Subject<'x>,
    bindings: &Bindings,
    date: NaiveDate,
) -> Option<bool> {
    match atom {
        Expr::Compare {
            left, op, right, ..
        } => {
            let l = value(ctx, left, subject, bindings, date)?;
            let r = value(ctx, right, subject, bindings, date)?;
            compare_values(l.as_ref(), *op, r.as_ref())
        }
        Expr::Since {
            fact, op, figure, ..
        } => {
            ctx.dated.set(true);
            let start = match fact_value(ctx, subject, fact, bindings)? {
                Value::Date(d) => *d,
                Value::DateTime(dt) => dt.date(),
                _ => return None,
            };
            let want = figure.at(date);
            let elapsed = elapsed(ctx, start, date, want.unit?)?;
            Some(compare(elapsed, *op, want.in_base() as i64))
        }
        Expr::In {
            operand,
            symbols,
            negated,
            ..
        } => match value(ctx, operand, subject, bindings, date)?.as_ref() {
            Value::Symbol(s) => Some(symbols.contains(s) != *negated),
            _ => None,
        },
        Expr::Similar {
            left,
            right,
            groups,
            ..
        } => {
            let (l, r) = (
                value(ctx, left, subject, bindings, date)?,
                value(ctx, right, subject, bindings, date)?,
            );
            let (&Value::Symbol(a), &Value::Symbol(b)) = (l.as_ref(), r.as_ref()) else {
                return None;
            };
            Some(a == b || groups.iter().any(|g| g.contains(&a) && g.contains(&b)))
        }
        Expr::Truthy(op) => match value(ctx, op, subject, bindings, date)?.as_ref() {
            Value::Bool(b) => Some(*b),
            _ => None,
        },
        _ => None,
    }
}

/// Time from `start` to `end` in the base unit of `unit`'s family (days, whole months,
/// minutes or working days).
pub(crate) fn elapsed(ctx: &Ctx<'_>, start: NaiveDate, end: NaiveDate, unit: Unit) -> Option<i64> {
    match unit.family() {
        UnitFamily::Days => Some((end - start).num_days()),
        UnitFamily::Minutes => Some((end - start).num_minutes()),
        UnitFamily::Months => Some(whole_months(start, end)),
        UnitFamily::WorkingDays(c) => ctx
            .model
            .calendar(c)?
            .calendar
            .working_days_between(start, end)
            .ok(),
    }
}

/// Whole months from `start` to `end`: the largest n with start + n months <= end.
pub(crate) fn whole_months(start: NaiveDate, end: NaiveDate) -> i64 {
    if end < start {
        return -whole_months(end, start);
    }
    let mut n = i64::from(end.year() - start.year()) * 12 + i64::from(end.month())
        - i64::from(start.month());
    while n > 0 && months::add_months(start, n as u32).is_none_or(|d| d > end) {
        n -= 1;
    }
    n.max(0)
}

pub(crate) fn compare_values(l: &Value, op: CmpOp, r: &Value) -> Option<bool> {
    Some(match (l, r) {
        (Value::Int(a), Value::Int(b)) => compare(a, op, b),
        (Value::Bool(a), Value::Bool(b)) => compare(a, op, b),
        (Value::Text(a), Value::Text(b)) => compare(a, op, b),
        (Value::Symbol(a), Value::Symbol(b)) => compare(a, op, b),
        (Value::Date(a), Value::Date(b)) => compare(a, op, b),
        (Value::DateTime(a), Value::DateTime(b)) => compare(a, op, b),
        (Value::Date(a), Value::DateTime(b)) => compare(a, op, &b.date()),
        (Value::DateTime(a), Value::Date(b)) => compare(&a.date(), op, b),
        (Value::Duration(a), Value::Duration(b)) => {
            if family(*a) != family(*b) {
                return None;
            }
            compare(a.in_base(), op, b.in_base())
        }
        _ => return None,
    })
}

fn family(q: Quantity) -> Option<UnitFamily> {
    q.unit.map(Unit::family)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::case::{Case, Participant};
    use mentor_check::model::{EachHaveRule, EventId, RoleId, RuleKind};

    /// Every comparison shape an event's condition takes, with each operator and kind of value.
    const CONDITIONS: &str = r#"programme t "T"
type colour = red | green | blue
role mentee
event noted by mentee "note" { c: colour, flag: bool, n: int, d: date, when: datetime, s: text }
rule r1
  each noted must have c == green
rule r2
  each noted must have c != blue
rule r3
  each noted must have flag == true
rule r4
  each noted must have flag != false
rule r5
  each noted must have n >= 3
rule r6
  each noted must have n < 3
rule r7
  each noted must have when >= at
rule r8
  each noted must have d < at
rule r9
  each noted must have d == at
rule r10
  each noted must have s == "yes"
rule r11
  each noted must have when <= at
rule r12
  each noted must have d >= 2026-02-01
rule r13
  each noted must have n == 2
rule r14
  each noted must have n > 2
"#;

    /// Events with every combination of values (each field sometimes not given), on days
    /// and at times around the dates they hold, with and without a time of day.
    fn events() -> Vec<CaseEvent> {
        let day = |n: u32| {
            NaiveDate::from_ymd_opt(2026, 1, 30).unwrap() + chrono::Days::new(u64::from(n))
        };
        let mut out = Vec::new();
        for k in 0..400u32 {
            let given = |slot: u32| !(k / 7 + slot).is_multiple_of(5);
            let field = |slot: u32, v: Value| given(slot).then_some(v);
            let on = day(k % 4);
            let at = on.and_hms_opt(8 + k % 3, 0, 0).unwrap();
            out.push(CaseEvent {
                at,
                date: on,
                has_time: k % 2 == 0,
                event: EventId(0),
                by: 0,
                to: None,
                data: vec![
                    field(0, Value::Symbol(k % 3)),
                    field(1, Value::Bool(k % 2 == 1)),
                    field(2, Value::Int(i64::from(k % 6))),
                    field(3, Value::Date(day((k / 2) % 4))),
                    field(
                        4,
                        Value::DateTime(day((k / 3) % 4).and_hms_opt(9, 0, 0).unwrap()),
                    ),
                    field(5, Value::Text(["yes", "no"][(k % 2) as usize].to_string())),
                ],
                order: k,
                span: Default::default(),
            });
        }
        out
    }

    #[test]
    fn an_event_condition_read_directly_has_the_value_of_the_condition_walked() {
        let analysis = mentor_check::analyze(CONDITIONS);
        assert!(!analysis.has_errors(), "{:?}", analysis.diagnostics());
        let model = &analysis.checked.model;
        let person = Participant {
            id: "m".into(),
            role: RoleId(0),
            facts: Vec::new(),
            span: Default::default(),
        };
        let events = events();
        let case = Case::new("c".into(), vec![person], events, 1, 1);
        let as_of = NaiveDate::from_ymd_opt(2026, 3, 1).unwrap();
        let ctx = Ctx::for_words(model, &case, as_of);
        let (mut compared, mut seen) = (0, [0usize; 3]);
        for rule in &model.rules {
            let RuleKind::EachHave(EachHaveRule { condition, .. }) = &rule.kind else {
                continue;
            };
            for e in &case.events {
                let walked = atom_value(&ctx, condition, Subject::Event(e), &[None, None], e.date);
                assert_eq!(on_event(&ctx, condition, e), walked, "{}: {e:?}", rule.name);
                assert_eq!(
                    eval(&ctx, condition, Subject::Event(e), e.date),
                    walked,
                    "{}: {e:?}",
                    rule.name
                );
                seen[match walked {
                    Some(true) => 0,
                    Some(false) => 1,
                    None => 2,
                }] += 1;
                compared += 1;
            }
        }
        assert_eq!(compared, 14 * 400);
        assert!(seen.iter().all(|&n| n > 300), "{seen:?}");
    }
}
