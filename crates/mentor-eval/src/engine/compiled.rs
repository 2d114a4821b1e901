//! Eligibility conditions compiled once per policy: a flat list of steps per role that reads
//! a participant's facts by index, so judging one participant walks no tree and allocates
//! nothing.
//!
//! A condition about the participant's own facts (`postgraduate_trainee`, `profession in
//! {doctor, dentist}`, `course_sessions_attended >= 2`), and any `and`, `or` and `not` of
//! them, becomes steps. Anything else (a figure that changes on a date, `time since`, another
//! role's fact) stays a condition that is evaluated as written, by `expr`, with the same
//! three values.

use crate::outcome::Criteria;
use mentor_check::Model;
use mentor_check::model::{Expr, FactRef, Operand, RoleId};
use mentor_check::types::Value;
use mentor_syntax::ast::CmpOp;

/// Every role's eligibility items, compiled.
pub(crate) struct Conditions<'m> {
    /// Every item's steps, one item after the other.
    steps: Vec<Step<'m>>,
    /// Where each item's steps start in `steps`, by role (in the policy's order of items),
    /// with one more entry at the end: the items of role `r` are
    /// `starts[roles[r]..roles[r + 1]]`.
    starts: Vec<u32>,
    /// For each role, the first of its items in `starts`; one more entry at the end.
    roles: Vec<u32>,
}

/// One step of a compiled condition, in prefix order: `And`, `Or` and `Not` come before the
/// steps of their parts.
enum Step<'m> {
    /// All the parts up to step `end` (exclusive) hold.
    And { end: u32 },
    /// One of the parts up to step `end` (exclusive) holds.
    Or { end: u32 },
    /// The next condition does not hold.
    Not,
    /// A value known without the case (a condition that could not be checked: false).
    Known(Option<bool>),
    /// A yes-or-no fact of the participant.
    Flag { fact: u32 },
    /// A fact of the participant is one of a set of symbols (each below 64: one bit each).
    InSet {
        fact: u32,
        symbols: u64,
        negated: bool,
    },
    /// A fact of the participant compared with another or with a constant.
    Compare {
        left: Slot<'m>,
        op: CmpOp,
        right: Slot<'m>,
    },
    /// Evaluated as written.
    Written(&'m Expr),
}

/// Where a compared value comes from.
#[derive(Clone, Copy)]
enum Slot<'m> {
    Fact(u32),
    Const(&'m Value),
}

impl<'m> Conditions<'m> {
    pub(crate) fn new(model: &'m Model) -> Self {
        let mut out = Conditions {
            steps: Vec::new(),
            starts: Vec::with_capacity(model.eligibility.len() + 1),
            roles: Vec::with_capacity(model.roles.len() + 1),
        };
        for role in 0..model.roles.len() {
            out.roles.push(out.starts.len() as u32);
            for item in model.eligibility.iter().filter(|e| e.role.index() == role) {
                out.starts.push(out.steps.len() as u32);
                out.compile(&item.condition);
            }
        }
        out.roles.push(out.starts.len() as u32);
        out.starts.push(out.steps.len() as u32);
        out
    }

    fn compile(&mut self, expr: &'m Expr) {
        let nested = |parts: &'m [Expr], this: &mut Self, step: fn(u32) -> Step<'m>| {
            let at = this.steps.len();
            this.steps.push(step(0));
            for p in parts {
                this.compile(p);
            }
            let end = this.steps.len() as u32;
            if let Some(s) = this.steps.get_mut(at) {
                *s = step(end);
            }
        };
        match expr {
            Expr::And(parts) => nested(parts, self, |end| Step::And { end }),
            Expr::Or(parts) => nested(parts, self, |end| Step::Or { end }),
            Expr::Not(inner) => {
                self.steps.push(Step::Not);
                self.compile(inner);
            }
            atom => self.steps.push(atom_step(atom)),
        }
    }

    /// The steps of each of `role`'s items, in order.
    fn items(&self, role: RoleId) -> impl Iterator<Item = &[Step<'m>]> {
        let r = role.index();
        let (from, to) = match (self.roles.get(r), self.roles.get(r + 1)) {
            (Some(&a), Some(&b)) => (a as usize, b as usize),
            _ => (0, 0),
        };
        let starts = self.starts.get(from..=to).unwrap_or(&[]);
        starts
            .windows(2)
            .map(|w| self.steps.get(w[0] as usize..w[1] as usize).unwrap_or(&[]))
    }

    /// Whether a participant of `role` with `facts` meets the role's items (`None`: cannot
    /// tell), with each item's value; `None` when the role has no item. `written` evaluates
    /// a condition that is not compiled.
    pub(crate) fn judge(
        &self,
        role: RoleId,
        facts: &[Option<Value>],
        written: &impl Fn(&Expr) -> Option<bool>,
    ) -> Option<(Option<bool>, Criteria)> {
        let mut criteria = Criteria::default();
        let mut value = Some(true);
        for item in self.items(role) {
            let v = run(item, facts, written);
            criteria.push(v);
            value = match (value, v) {
                (Some(false), _) | (_, Some(false)) => Some(false),
                (None, _) | (_, None) => None,
                _ => Some(true),
            };
        }
        (!criteria.is_empty()).then_some((value, criteria))
    }

    /// Only the verdict of [`Conditions::judge`]: it stops at the first item that fails.
    pub(crate) fn verdict(
        &self,
        role: RoleId,
        facts: &[Option<Value>],
        written: &impl Fn(&Expr) -> Option<bool>,
    ) -> Option<bool> {
        let mut items = self.items(role).peekable();
        items.peek()?;
        let mut value = Some(true);
        for item in items {
            match run(item, facts, written) {
                Some(false) => return Some(false),
                None => value = None,
                Some(true) => {}
            }
        }
        value
    }
}

/// The step for a condition that is not `and`, `or` or `not`.
fn atom_step(atom: &Expr) -> Step<'_> {
    let step = match atom {
        Expr::Invalid => Some(Step::Known(Some(false))),
        Expr::Truthy(Operand::Const(Value::Bool(b))) => Some(Step::Known(Some(*b))),
        Expr::Truthy(op) => own(op).map(|fact| Step::Flag { fact }),
        Expr::In {
            operand,
            symbols,
            negated,
            ..
        } => own(operand).and_then(|fact| {
            let mut bits = 0u64;
            for s in symbols {
                bits |= 1u64.checked_shl(*s)?;
            }
            Some(Step::InSet {
                fact,
                symbols: bits,
                negated: *negated,
            })
        }),
        Expr::Compare {
            left, op, right, ..
        } => match (slot(left), slot(right)) {
            (Some(left), Some(right)) => Some(Step::Compare {
                left,
                op: *op,
                right,
            }),
            _ => None,
        },
        _ => None,
    };
    step.unwrap_or(Step::Written(atom))
}

/// The index of a fact of the participant being judged, when `op` is one.
fn own(op: &Operand) -> Option<u32> {
    match op {
        Operand::Fact(FactRef {
            role: None, fact, ..
        }) => Some(*fact),
        _ => None,
    }
}

/// Where an operand's value comes from, when it is a constant or the participant's fact.
fn slot(op: &Operand) -> Option<Slot<'_>> {
    match op {
        Operand::Const(v) => Some(Slot::Const(v)),
        other => own(other).map(Slot::Fact),
    }
}

/// The value in a slot; `None` when the fact is not given.
fn read<'a>(slot: Slot<'a>, facts: &'a [Option<Value>]) -> Option<&'a Value> {
    match slot {
        Slot::Fact(f) => facts.get(f as usize).and_then(Option::as_ref),
        Slot::Const(v) => Some(v),
    }
}

/// The value of the condition whose steps are `steps`.
fn run(
    steps: &[Step<'_>],
    facts: &[Option<Value>],
    written: &impl Fn(&Expr) -> Option<bool>,
) -> Option<bool> {
    step(steps, 0, facts, written).0
}

/// The value of the condition starting at step `at`, and the step after it.
fn step(
    steps: &[Step<'_>],
    at: usize,
    facts: &[Option<Value>],
    written: &impl Fn(&Expr) -> Option<bool>,
) -> (Option<bool>, usize) {
    let fact = |i: u32| facts.get(i as usize).and_then(Option::as_ref);
    let Some(s) = steps.get(at) else {
        return (None, at + 1);
    };
    let value = match s {
        Step::And { end } | Step::Or { end } => {
            // `and` stops at the first part that fails, `or` at the first that holds.
            let stop = matches!(s, Step::Or { .. });
            let (end, mut next, mut unknown) = (*end as usize, at + 1, false);
            while next < end {
                let (v, after) = step(steps, next, facts, written);
                match v {
                    Some(v) if v == stop => return (Some(stop), end),
                    None => unknown = true,
                    Some(_) => {}
                }
                next = after;
            }
            return (if unknown { None } else { Some(!stop) }, end);
        }
        Step::Not => {
            let (v, after) = step(steps, at + 1, facts, written);
            return (v.map(|b| !b), after);
        }
        Step::Known(v) => *v,
        Step::Flag { fact: f } => match fact(*f) {
            Some(Value::Bool(b)) => Some(*b),
            _ => None,
        },
        Step::InSet {
            fact: f,
            symbols,
            negated,
        } => match fact(*f) {
            Some(Value::Symbol(s)) => {
                let held = 1u64.checked_shl(*s).is_some_and(|bit| symbols & bit != 0);
                Some(held != *negated)
            }
            _ => None,
        },
        Step::Compare { left, op, right } => match (read(*left, facts), read(*right, facts)) {
            (Some(l), Some(r)) => super::expr::compare_values(l, *op, r),
            _ => None,
        },
        Step::Written(expr) => written(expr),
    };
    (value, at + 1)
}
