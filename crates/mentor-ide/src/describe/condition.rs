//! Conditions in words: `willing and (compliant_program_graduate or the time since
//! recovery_since is at least 36 months)`.

use super::words::{both, either, fact, figure, quantity};
use mentor_check::Model;
use mentor_check::model::{EventId, Expr, Operand, SetId};
use mentor_check::types::{Ty, Value};
use mentor_syntax::ast::CmpOp;

/// What the bare names of a condition refer to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope {
    /// The facts of the participant being judged.
    Participant,
    /// The data fields of this event.
    Event(EventId),
}

/// A condition in words.
pub(crate) fn condition(model: &Model, expr: &Expr, scope: Scope) -> String {
    match expr {
        Expr::And(parts) => parts
            .iter()
            .map(|p| nested(model, p, scope))
            .collect::<Vec<_>>()
            .join(" and "),
        Expr::Or(parts) => parts
            .iter()
            .map(|p| nested(model, p, scope))
            .collect::<Vec<_>>()
            .join(" or "),
        Expr::Not(inner) => format!("not {}", nested(model, inner, scope)),
        Expr::Compare {
            left, op, right, ..
        } => {
            let set = symbol_set(model, left, scope).or_else(|| symbol_set(model, right, scope));
            let dates = is_date(model, left, scope) || is_date(model, right, scope);
            format!(
                "{} is {}{}",
                operand(model, left, scope, set),
                comparison(*op, dates),
                operand(model, right, scope, set)
            )
        }
        Expr::Since {
            fact: f,
            op,
            figure: fig,
            ..
        } => format!(
            "the time since {} is {}{}",
            fact(model, *f),
            comparison(*op, false),
            figure(model, fig)
        ),
        Expr::In {
            operand: o,
            symbols,
            negated,
            ..
        } => {
            let set = symbol_set(model, o, scope);
            let names: Vec<&str> = symbols
                .iter()
                .map(|s| set.map_or("?", |set| model.symbol_name(set, *s)))
                .collect();
            let choices = match (negated, names.as_slice()) {
                (false, _) => either(&names),
                (true, [one]) => format!("not {one}"),
                (true, _) => format!("none of {}", both(&names)),
            };
            format!("{} is {choices}", operand(model, o, scope, set))
        }
        Expr::Similar {
            left,
            right,
            similarity,
            ..
        } => {
            let by = model
                .similarities
                .get(similarity.index())
                .map_or("?", |s| s.name.as_str());
            format!(
                "{} is similar to {} (by {by})",
                operand(model, left, scope, None),
                operand(model, right, scope, None)
            )
        }
        Expr::Truthy(o) => operand(model, o, scope, None),
        Expr::Eligible { role, .. } => format!("the {} is eligible", model.role_name(*role)),
        Expr::Invalid => "(a condition with mistakes)".to_string(),
    }
}

/// A part of a larger condition: `and`s and `or`s inside get parentheses.
fn nested(model: &Model, expr: &Expr, scope: Scope) -> String {
    let text = condition(model, expr, scope);
    match expr {
        Expr::And(parts) | Expr::Or(parts) if parts.len() > 1 => format!("({text})"),
        _ => text,
    }
}

/// `at least `, `equal to `... for numbers; `on or after `... for dates; empty for "is".
fn comparison(op: CmpOp, dates: bool) -> &'static str {
    match (op, dates) {
        (CmpOp::Eq, _) => "",
        (CmpOp::Ne, _) => "not ",
        (CmpOp::Ge, true) => "on or after ",
        (CmpOp::Le, true) => "on or before ",
        (CmpOp::Gt, true) => "after ",
        (CmpOp::Lt, true) => "before ",
        (CmpOp::Ge, false) => "at least ",
        (CmpOp::Le, false) => "at most ",
        (CmpOp::Gt, false) => "more than ",
        (CmpOp::Lt, false) => "less than ",
    }
}

fn operand(model: &Model, o: &Operand, scope: Scope, set: Option<SetId>) -> String {
    match o {
        Operand::Const(v) => value(model, v, set),
        Operand::Figure(f) => figure(model, f),
        Operand::Fact(f) => fact(model, *f),
        Operand::Field(i) => field_name(model, scope, *i).to_string(),
        Operand::EventTime => "the time of the event".to_string(),
    }
}

fn value(model: &Model, v: &Value, set: Option<SetId>) -> String {
    match v {
        Value::Bool(b) => b.to_string(),
        Value::Int(n) => n.to_string(),
        Value::Text(t) => format!("\"{t}\""),
        Value::Date(d) => d.to_string(),
        Value::DateTime(d) => d.format("%Y-%m-%dT%H:%M").to_string(),
        Value::Duration(q) => quantity(model, *q),
        Value::Symbol(s) => set
            .map_or("?", |set| model.symbol_name(set, *s))
            .to_string(),
    }
}

fn field_name(model: &Model, scope: Scope, i: u32) -> &str {
    match scope {
        Scope::Event(e) => model
            .event(e)
            .and_then(|e| e.fields.get(i as usize))
            .map_or("?", |f| f.name.as_str()),
        Scope::Participant => "?",
    }
}

fn operand_type(model: &Model, o: &Operand, scope: Scope) -> Option<Ty> {
    match o {
        Operand::Fact(f) => model
            .role(f.owner)
            .and_then(|r| r.facts.get(f.fact as usize))
            .map(|d| d.ty),
        Operand::Field(i) => match scope {
            Scope::Event(e) => model
                .event(e)
                .and_then(|e| e.fields.get(*i as usize))
                .map(|f| f.ty),
            Scope::Participant => None,
        },
        Operand::EventTime => Some(Ty::DateTime),
        Operand::Const(Value::Date(_)) => Some(Ty::Date),
        Operand::Const(Value::DateTime(_)) => Some(Ty::DateTime),
        _ => None,
    }
}

fn symbol_set(model: &Model, o: &Operand, scope: Scope) -> Option<SetId> {
    match operand_type(model, o, scope) {
        Some(Ty::Symbol(set)) => Some(set),
        _ => None,
    }
}

fn is_date(model: &Model, o: &Operand, scope: Scope) -> bool {
    matches!(operand_type(model, o, scope), Some(Ty::Date | Ty::DateTime))
}
