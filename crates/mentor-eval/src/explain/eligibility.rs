//! Why a participant is (or is not) eligible, in words, from the verdict evaluation recorded.
//!
//! Evaluation records only which of a role's items held, failed or could not be told
//! ([`crate::outcome::Criteria`]); here the conditions are walked again, on demand, to say
//! which facts decide it: "`profession` is nurse, not doctor or dentist".

use super::{Words, or_list};
use crate::engine::Ctx;
use crate::engine::expr::{self, Bindings, Subject};
use crate::outcome::Eligibility;
use chrono::NaiveDate;
use mentor_check::model::{Expr, FactRef, Figure, Operand, RoleId};
use mentor_check::types::{Quantity, Ty, Unit, Value};
use mentor_syntax::ast::CmpOp;

/// The words for a fact that has no value in the case.
const NOT_RECORDED: &str = "is not recorded";

/// A missing value, as shown inside a sentence.
const NOT_GIVEN: &str = "not recorded";

/// One reason, as data until it is written out: what is so (`` `minutes` is 60 ``), what it
/// falls short of (`, not at least 90`), and whether it is a fact that is not recorded.
struct Reason {
    statement: String,
    contrast: Option<String>,
    missing: bool,
}

impl Reason {
    fn plain(statement: String) -> Reason {
        Reason {
            statement,
            contrast: None,
            missing: false,
        }
    }

    fn missing(name: &str) -> Reason {
        Reason {
            statement: format!("{name} {NOT_RECORDED}"),
            contrast: None,
            missing: true,
        }
    }

    fn contrasted(statement: String, contrast: String) -> Reason {
        Reason {
            statement,
            contrast: Some(contrast),
            missing: false,
        }
    }

    fn text(self) -> String {
        match self.contrast {
            Some(c) => self.statement + &c,
            None => self.statement,
        }
    }
}

impl Words<'_> {
    /// Why an eligibility verdict is what it is, judged on `on` (the evaluation's date):
    /// the reasons that decide it, or, when it cannot be told, the facts that are missing.
    pub fn eligibility(&self, e: &Eligibility, on: NaiveDate) -> String {
        self.eligibility_of(e.participant, e.role, on)
    }

    /// As [`Words::eligibility`], for participant `p` in `role` on `on`.
    pub fn eligibility_of(&self, p: u32, role: RoleId, on: NaiveDate) -> String {
        let ctx = Ctx::for_words(self.model, self.case, on);
        let mut value = Some(true);
        let mut reasons = Vec::new();
        for item in self.model.eligibility.iter().filter(|e| e.role == role) {
            let v = expr::on_participant_at(&ctx, &item.condition, p, on);
            reasons.extend(explain(&ctx, &item.condition, p, v, on));
            value = expr::both(value, v);
        }
        if value.is_none() && reasons.iter().any(|r| r.missing) {
            // Cannot tell: say which facts are missing, rather than what is known.
            reasons.retain(|r| r.missing);
        }
        if reasons.is_empty() {
            return "no criteria apply".to_string();
        }
        let texts: Vec<String> = reasons.into_iter().map(Reason::text).collect();
        texts.join("; ")
    }
}

/// The reasons that decide a condition's value.
fn explain(
    ctx: &Ctx<'_>,
    expr: &Expr,
    p: u32,
    value: Option<bool>,
    date: NaiveDate,
) -> Vec<Reason> {
    let value_of = |e: &Expr| expr::on_participant_at(ctx, e, p, date);
    match expr {
        Expr::And(parts) => parts
            .iter()
            .map(|e| (e, value_of(e)))
            // True: every part; false or unknown: the parts that are not true.
            .filter(|(_, v)| value == Some(true) || *v != Some(true))
            .flat_map(|(e, v)| explain(ctx, e, p, v, date))
            .collect(),
        Expr::Or(parts) => {
            let values = parts.iter().map(|e| (e, value_of(e)));
            match value {
                Some(true) => values
                    .clone()
                    .find(|(_, v)| *v == Some(true))
                    .map(|(e, v)| explain(ctx, e, p, v, date))
                    .unwrap_or_default(),
                // Cannot tell: the parts that are not known decide it.
                None => values
                    .filter(|(_, v)| v.is_none())
                    .flat_map(|(e, v)| explain(ctx, e, p, v, date))
                    .collect(),
                Some(false) => {
                    let inner: Vec<String> = values
                        .flat_map(|(e, v)| explain(ctx, e, p, v, date))
                        .map(|r| format!("[{}]", r.text()))
                        .collect();
                    vec![Reason::plain(format!(
                        "none of these holds: {}",
                        inner.join(" ")
                    ))]
                }
            }
        }
        Expr::Not(inner) => {
            // State the facts; the inner wording of why they fail would read as a double negative.
            explain(ctx, inner, p, value_of(inner), date)
                .into_iter()
                .map(|r| match value {
                    _ if r.missing => r,
                    Some(true) => Reason::plain(format!("{}, as required", r.statement)),
                    _ => Reason::plain(format!("{}, which is excluded", r.statement)),
                })
                .collect()
        }
        Expr::Invalid | Expr::Eligible { .. } => vec![Reason::plain(
            "a criterion that could not be checked".to_string(),
        )],
        atom => {
            // With several participants in another role, a failing criterion is explained by
            // the ones it fails for.
            let mut out = Vec::new();
            let subject = Subject::Participant(p);
            expr::for_each_binding(ctx, atom, subject, |ctx, bindings| {
                let holds = expr::atom_value(ctx, atom, subject, bindings, date);
                if value != Some(false) || holds != Some(true) {
                    out.push(describe_atom(ctx, atom, p, bindings, date));
                }
                Some(true)
            });
            if out.is_empty() {
                out.push(Reason::plain(describe_missing_role(ctx, atom)));
            }
            out
        }
    }
}

fn describe_missing_role(ctx: &Ctx<'_>, atom: &Expr) -> String {
    let mut role = None;
    expr::visit_operands(atom, |op| {
        if let Operand::Fact(FactRef { role: Some(r), .. }) = op {
            role = Some(*r);
        }
    });
    match role {
        Some(r) => format!("the case has no {}", ctx.model.role_name(r)),
        None => "a criterion that could not be checked".to_string(),
    }
}

fn fact_name(ctx: &Ctx<'_>, fact: &FactRef, bindings: &Bindings) -> String {
    let name = ctx
        .model
        .role(fact.owner)
        .and_then(|r| r.facts.get(fact.fact as usize))
        .map_or("?", |f| f.name.as_str());
    match fact.role {
        None => format!("`{name}`"),
        Some(role) => {
            let who = bindings
                .iter()
                .flatten()
                .find(|(r, _)| *r == role)
                .map_or("?", |(_, p)| ctx.case.id_of(*p));
            format!("{} {who}'s `{name}`", ctx.model.role_name(role))
        }
    }
}

/// A value as written in explanations, choices by name (the fact's set when known).
fn show_value(ctx: &Ctx<'_>, v: &Value, fact: Option<&FactRef>) -> String {
    let ty = fact
        .and_then(|f| ctx.model.role(f.owner)?.facts.get(f.fact as usize))
        .map_or(Ty::Text, |f| f.ty);
    super::show_value(ctx.model, ty, v)
}

fn fact_of(op: &Operand) -> Option<&FactRef> {
    if let Operand::Fact(f) = op {
        Some(f)
    } else {
        None
    }
}

/// What one atom says about a participant, under one binding of the other roles.
struct Atom<'c, 'a> {
    ctx: &'c Ctx<'a>,
    atom: &'c Expr,
    p: u32,
    bindings: &'c Bindings,
    date: NaiveDate,
}

impl Atom<'_, '_> {
    fn value(&self, op: &Operand) -> Option<Value> {
        expr::value(
            self.ctx,
            op,
            Subject::Participant(self.p),
            self.bindings,
            self.date,
        )
        .map(std::borrow::Cow::into_owned)
    }

    fn holds(&self) -> bool {
        expr::atom_value(
            self.ctx,
            self.atom,
            Subject::Participant(self.p),
            self.bindings,
            self.date,
        ) == Some(true)
    }

    /// An operand's value in words, `None` when it is not recorded.
    fn shown(&self, op: &Operand, fact: Option<&FactRef>) -> Option<String> {
        self.value(op).map(|v| show_value(self.ctx, &v, fact))
    }

    /// An operand as named in a sentence: a fact by its name, anything else by its value.
    fn named(&self, op: &Operand, other_fact: Option<&FactRef>) -> String {
        match op {
            Operand::Fact(f) => fact_name(self.ctx, f, self.bindings),
            other => self
                .shown(other, other_fact)
                .unwrap_or_else(|| "?".to_string()),
        }
    }
}

fn describe_atom(
    ctx: &Ctx<'_>,
    atom: &Expr,
    p: u32,
    bindings: &Bindings,
    date: NaiveDate,
) -> Reason {
    let a = Atom {
        ctx,
        atom,
        p,
        bindings,
        date,
    };
    match atom {
        Expr::Truthy(op) => {
            let name = a.named(op, None);
            match a.value(op) {
                Some(Value::Bool(true)) => Reason::plain(format!("{name} is true")),
                Some(Value::Bool(false)) => Reason::plain(format!("{name} is false")),
                _ => Reason::missing(&name),
            }
        }
        Expr::Compare {
            left, op, right, ..
        } => compare(&a, left, *op, right),
        Expr::Since {
            fact, op, figure, ..
        } => since(&a, fact, *op, figure),
        Expr::In {
            operand,
            symbols,
            negated,
            ..
        } => in_set(&a, operand, symbols, *negated),
        Expr::Similar { left, right, .. } => {
            let side = |op: &Operand| {
                format!(
                    "{} ({})",
                    a.named(op, None),
                    a.shown(op, fact_of(op))
                        .unwrap_or_else(|| NOT_GIVEN.to_string())
                )
            };
            let (l, r) = (side(left), side(right));
            if a.holds() {
                Reason::plain(format!("{l} is the same as or similar to {r}"))
            } else {
                Reason::plain(format!("{l} is not similar to {r}"))
            }
        }
        _ => Reason::plain(String::new()),
    }
}

/// `` 5 months since `returned` (2026-06-01), not at least 6 months ``.
fn since(a: &Atom<'_, '_>, fact: &FactRef, op: CmpOp, figure: &Figure) -> Reason {
    let (ctx, p, bindings, date) = (a.ctx, a.p, a.bindings, a.date);
    let name = fact_name(ctx, fact, bindings);
    let start = match expr::fact_value(ctx, Subject::Participant(p), fact, bindings) {
        None => return Reason::missing(&name),
        Some(Value::Date(d)) => *d,
        Some(Value::DateTime(dt)) => dt.date(),
        Some(_) => return Reason::plain(format!("{name} is not a date")),
    };
    let want = figure.at(date);
    let Some(unit) = want.unit else {
        return Reason::plain(format!("{name} is {start}"));
    };
    let elapsed = expr::elapsed(ctx, start, date, unit).unwrap_or(0);
    let held = Quantity {
        value: u32::try_from(elapsed.max(0)).unwrap_or(0),
        unit: Some(base_unit(unit)),
    }
    .describe(ctx.model);
    if a.holds() {
        Reason::plain(format!("{held} since {name} ({start})"))
    } else {
        Reason::contrasted(
            format!("only {held} since {name} ({start})"),
            format!(", not {} {}", op.words(), want.describe(ctx.model)),
        )
    }
}

/// `` `profession` is nurse, not doctor or dentist ``.
fn in_set(a: &Atom<'_, '_>, operand: &Operand, symbols: &[u32], negated: bool) -> Reason {
    let ctx = a.ctx;
    let f = fact_of(operand);
    let name = a.named(operand, None);
    let Some(value) = a.shown(operand, f) else {
        return Reason::missing(&name);
    };
    let set = f.and_then(
        |f| match ctx.model.role(f.owner)?.facts.get(f.fact as usize)?.ty {
            Ty::Symbol(set) => Some(set),
            _ => None,
        },
    );
    let choices: Vec<String> = symbols
        .iter()
        .map(|s| {
            set.map_or(s.to_string(), |set| {
                ctx.model.symbol_name(set, *s).to_string()
            })
        })
        .collect();
    let statement = format!("{name} is {value}");
    if a.holds() {
        Reason::plain(statement)
    } else if negated {
        Reason::contrasted(
            statement,
            format!(", one of the excluded {}", or_list(&choices)),
        )
    } else {
        Reason::contrasted(statement, format!(", not {}", or_list(&choices)))
    }
}

/// `` `course_sessions_attended` is 1, not at least 2 ``, with the fact first whichever side
/// it is written on.
fn compare(a: &Atom<'_, '_>, left: &Operand, op: CmpOp, right: &Operand) -> Reason {
    let (fact, other, op_words) = match (fact_of(left), fact_of(right)) {
        (Some(f), _) => (Some((left, f)), right, op.words()),
        (None, Some(f)) => (Some((right, f)), left, flip(op).words()),
        _ => (None, right, op.words()),
    };
    let Some((fact_op, f)) = fact else {
        let shown = |op: &Operand| a.shown(op, None).unwrap_or_else(|| NOT_GIVEN.to_string());
        return Reason::plain(format!("{} {} {}", shown(left), op.as_str(), shown(right)));
    };
    let name = fact_name(a.ctx, f, a.bindings);
    let Some(value) = a.shown(fact_op, Some(f)) else {
        return Reason::missing(&name);
    };
    let statement = format!("{name} is {value}");
    if a.holds() {
        Reason::plain(statement)
    } else {
        let want = a.named(other, Some(f));
        Reason::contrasted(statement, format!(", not {op_words} {want}"))
    }
}

fn base_unit(unit: Unit) -> Unit {
    match unit {
        Unit::Weeks => Unit::Days,
        Unit::Years => Unit::Months,
        Unit::Hours => Unit::Minutes,
        other => other,
    }
}

fn flip(op: CmpOp) -> CmpOp {
    match op {
        CmpOp::Ge => CmpOp::Le,
        CmpOp::Le => CmpOp::Ge,
        CmpOp::Gt => CmpOp::Lt,
        CmpOp::Lt => CmpOp::Gt,
        other => other,
    }
}
