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
    /// Every compiled condition's steps, one after the other; `And` and `Or` name the end
    /// of their parts by its index here.
    steps: Vec<Step<'m>>,
    /// Where each item's steps start, role by role (in the policy's order of items).
    items: Vec<u32>,
    /// For each role, its first item in `items`; one more entry at the end: the items of
    /// role `r` are `items[roles[r]..roles[r + 1]]`.
    roles: Vec<u32>,
    /// For each role, the steps of its verdict alone: the parts that must all hold (its
    /// items, an item that is an `and` by its parts), one after the other.
    verdicts: Vec<(u32, u32)>,
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
            items: Vec::with_capacity(model.eligibility.len()),
            roles: Vec::with_capacity(model.roles.len() + 1),
            verdicts: Vec::with_capacity(model.roles.len()),
        };
        let of_role = |r: usize| {
            model
                .eligibility
                .iter()
                .filter(move |e| e.role.index() == r)
        };
        for role in 0..model.roles.len() {
            out.roles.push(out.items.len() as u32);
            for item in of_role(role) {
                out.items.push(out.steps.len() as u32);
                out.compile(&item.condition);
            }
        }
        out.roles.push(out.items.len() as u32);
        for role in 0..model.roles.len() {
            let from = out.steps.len() as u32;
            for item in of_role(role) {
                match &item.condition {
                    Expr::And(parts) => parts.iter().for_each(|p| out.compile(p)),
                    other => out.compile(other),
                }
            }
            out.verdicts.push((from, out.steps.len() as u32));
        }
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

    /// The items of `role`: where each one's steps start.
    fn items(&self, role: RoleId) -> &[u32] {
        let r = role.index();
        match (self.roles.get(r), self.roles.get(r + 1)) {
            (Some(&a), Some(&b)) => self.items.get(a as usize..b as usize).unwrap_or(&[]),
            _ => &[],
        }
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
        for &at in self.items(role) {
            let v = nested(&self.steps, at as usize, facts, written).0;
            criteria.push(v);
            value = super::expr::both(value, v);
        }
        (!criteria.is_empty()).then_some((value, criteria))
    }

    /// Whether `role` has eligibility items.
    pub(crate) fn has_items(&self, role: RoleId) -> bool {
        !self.items(role).is_empty()
    }

    /// Only the verdict of [`Conditions::judge`], which stops at the first part that fails.
    pub(crate) fn verdict(
        &self,
        role: RoleId,
        facts: &[Option<Value>],
        written: &impl Fn(&Expr) -> Option<bool>,
    ) -> Option<bool> {
        if self.items(role).is_empty() {
            return None;
        }
        let &(from, to) = self.verdicts.get(role.index())?;
        let (mut next, to, mut unknown) = (from as usize, to as usize, false);
        while let Some(part) = self.steps.get(next).filter(|_| next < to) {
            let v = match part {
                Step::And { .. } | Step::Or { .. } | Step::Not => {
                    let (v, after) = nested(&self.steps, next, facts, written);
                    next = after;
                    v
                }
                single => {
                    next += 1;
                    atom(single, facts, written)
                }
            };
            match v {
                Some(false) => return Some(false),
                None => unknown = true,
                Some(true) => {}
            }
        }
        if unknown { None } else { Some(true) }
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

/// The value of the condition starting at step `at`, and the step after it.
fn nested(
    steps: &[Step<'_>],
    at: usize,
    facts: &[Option<Value>],
    written: &impl Fn(&Expr) -> Option<bool>,
) -> (Option<bool>, usize) {
    let (stop, end) = match steps.get(at) {
        Some(Step::And { end }) => (false, *end as usize),
        Some(Step::Or { end }) => (true, *end as usize),
        Some(Step::Not) => {
            let (v, after) = nested(steps, at + 1, facts, written);
            return (v.map(|b| !b), after);
        }
        Some(single) => return (atom(single, facts, written), at + 1),
        None => return (None, at + 1),
    };
    // `and` stops at the first part that fails, `or` at the first that holds.
    let (mut next, mut unknown) = (at + 1, false);
    while let Some(part) = steps.get(next).filter(|_| next < end) {
        let v = match part {
            Step::And { .. } | Step::Or { .. } | Step::Not => {
                let (v, after) = nested(steps, next, facts, written);
                next = after;
                v
            }
            single => {
                next += 1;
                atom(single, facts, written)
            }
        };
        match v {
            Some(v) if v == stop => return (Some(stop), end),
            None => unknown = true,
            Some(_) => {}
        }
    }
    (if unknown { None } else { Some(!stop) }, end)
}

/// The value of a step that is not `and`, `or` or `not`.
#[inline(always)]
fn atom(
    step: &Step<'_>,
    facts: &[Option<Value>],
    written: &impl Fn(&Expr) -> Option<bool>,
) -> Option<bool> {
    let fact = |i: u32| facts.get(i as usize).and_then(Option::as_ref);
    match step {
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
        Step::Known(v) => *v,
        Step::Compare { left, op, right } => compare(*left, *op, *right, facts),
        Step::Written(expr) => as_written(expr, written),
        Step::And { .. } | Step::Or { .. } | Step::Not => None,
    }
}

/// A condition that is not compiled, evaluated as written: rare, so kept out of the way.
#[cold]
#[inline(never)]
fn as_written(expr: &Expr, written: &impl Fn(&Expr) -> Option<bool>) -> Option<bool> {
    written(expr)
}

/// A comparison of two slots; `None` when a fact is not given or they cannot be compared.
#[inline(never)]
fn compare(left: Slot<'_>, op: CmpOp, right: Slot<'_>, facts: &[Option<Value>]) -> Option<bool> {
    match (read(left, facts), read(right, facts)) {
        (Some(l), Some(r)) => super::expr::compare_values(l, op, r),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::Conditions;
    use crate::case::{Case, Participant};
    use crate::engine::{Ctx, eligibility, expr};
    use chrono::NaiveDate;
    use mentor_check::Model;
    use mentor_check::model::{Expr, RoleId};
    use mentor_check::types::{Ty, Value};

    /// Conditions of every shape the compiled form handles, and some it leaves as written.
    const SHAPES: &str = r#"programme p "P"
role mentee {
  profession: doctor | dentist | nurse
  stage: core | higher
  trainee: bool
  away: count
  started: date
  note: text
}
role mentor { willing: bool  profession: doctor | dentist | nurse  since: date  sessions: int }
similarity close { doctor ~ dentist }
eligibility mentee_first
  mentee is eligible when trainee or not (away > 3 and profession not in {nurse})
eligibility mentee_second
  mentee is eligible when any of (stage == higher, all of (away >= 1, away <= 4), note == "yes") and started <= 2026-06-01
eligibility mentee_third
  mentee is eligible when not trainee or profession != mentor.profession
eligibility mentor_first
  mentor is eligible when willing and (sessions >= 2 or time since since >= 6 months)
eligibility mentor_second
  mentor is eligible when profession similar to mentee.profession or not willing
"#;

    fn models() -> Vec<(&'static str, Model)> {
        [
            ("shapes", SHAPES),
            (
                "supportt",
                include_str!("../../../../policies/supportt.mentor"),
            ),
            ("mphp", include_str!("../../../../policies/mphp.mentor")),
            ("esu", include_str!("../../../../policies/esu.mentor")),
            (
                "mentorconnect",
                include_str!("../../../../policies/mentorconnect.mentor"),
            ),
        ]
        .into_iter()
        .map(|(name, text)| {
            let analysis = mentor_check::analyze(text);
            assert!(
                !analysis.has_errors(),
                "{name}: {:?}",
                analysis.diagnostics()
            );
            (name, analysis.checked.model)
        })
        .collect()
    }

    /// A deterministic generator of facts: each one sometimes not recorded.
    struct Facts(u64);

    impl Facts {
        fn below(&mut self, n: u64) -> u64 {
            self.0 = self
                .0
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            (self.0 >> 33) % n
        }

        fn value(&mut self, model: &Model, ty: Ty) -> Option<Value> {
            if self.below(6) == 0 {
                return None;
            }
            let day =
                |n: u64| NaiveDate::from_ymd_opt(2026, 1, 1).map(|d| d + chrono::Days::new(n * 40));
            Some(match ty {
                Ty::Bool => Value::Bool(self.below(2) == 0),
                Ty::Int | Ty::Count => Value::Int(self.below(7) as i64),
                Ty::Symbol(set) => {
                    let n = model.set(set).map_or(1, |s| s.symbols.len() as u64);
                    Value::Symbol(self.below(n) as u32)
                }
                Ty::Text => Value::Text(["yes", "no"][self.below(2) as usize].to_string()),
                Ty::Date => Value::Date(day(self.below(12))?),
                Ty::DateTime => Value::DateTime(day(self.below(12))?.and_hms_opt(9, 0, 0)?),
                Ty::Duration | Ty::Unknown => return None,
            })
        }
    }

    /// A case of `n` participants of each role, with generated facts.
    fn case(model: &Model, n: usize, facts: &mut Facts) -> Case {
        let mut people = Vec::new();
        for (r, role) in model.roles.iter().enumerate() {
            for i in 0..n {
                people.push(Participant {
                    id: format!("{}{i}", role.name),
                    role: RoleId(r as u32),
                    facts: role
                        .facts
                        .iter()
                        .map(|f| facts.value(model, f.ty))
                        .collect(),
                    span: Default::default(),
                });
            }
        }
        Case::new(
            "c".into(),
            people,
            Vec::new(),
            model.roles.len(),
            model.events.len(),
        )
    }

    #[test]
    fn compiled_conditions_give_the_values_of_the_conditions_as_written() {
        let mut facts = Facts(7);
        let mut judged = 0;
        for (name, model) in models() {
            let conditions = Conditions::new(&model);
            for round in 0..40 {
                // Cases of one, two and three people per role: other roles' facts bind to
                // each of them.
                let case = case(&model, 1 + round % 3, &mut facts);
                for date in ["2026-03-01", "2027-01-04", "2029-02-01"] {
                    let date: NaiveDate = date.parse().unwrap();
                    let ctx = Ctx::for_words(&model, &case, date);
                    for (p, person) in case.participants.iter().enumerate() {
                        let p = p as u32;
                        let written = |e: &Expr| expr::on_participant_at(&ctx, e, p, date);
                        let compiled = conditions.judge(person.role, &person.facts, &written);
                        let tree = eligibility::judge(&ctx, person.role, p, date);
                        assert_eq!(compiled, tree, "{name}: {:?}", person.facts);
                        let verdict = conditions.verdict(person.role, &person.facts, &written);
                        assert_eq!(
                            verdict,
                            tree.and_then(|t| t.0),
                            "{name}: {:?}",
                            person.facts
                        );
                        judged += usize::from(tree.is_some());
                    }
                }
            }
        }
        assert!(judged > 1000, "{judged}");
    }
}
