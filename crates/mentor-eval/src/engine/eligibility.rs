//! Eligibility: whether each participant meets their role's criteria, and why.
//!
//! When a fact the answer depends on is not recorded, the answer is "cannot tell" rather than
//! "not eligible": the reasons then name the facts that are missing.

use super::Ctx;
use super::expr::{self, Bindings, Subject};
use crate::case::CaseEvent;
use crate::outcome::{Eligibility, ViolationKind};
use chrono::NaiveDate;
use mentor_check::model::{Expr, FactRef, Operand, RoleId};
use mentor_check::types::Value;

pub(crate) fn run(ctx: &mut Ctx<'_>) {
    for (p, participant) in ctx.case.participants.iter().enumerate() {
        let p = p as u32;
        if let Some((value, because)) = judge(ctx, participant.role, p, ctx.as_of) {
            ctx.out.eligibility.push(Eligibility {
                participant: p,
                role: participant.role,
                eligible: value,
                because,
            });
        }
    }
}

/// Whether participant `p` meets the eligibility items of `role` on `date` (`None`: cannot
/// tell), and the reasons that decide it; `None` when the role has no eligibility item.
pub(crate) fn judge(
    ctx: &Ctx<'_>,
    role: RoleId,
    p: u32,
    date: NaiveDate,
) -> Option<(Option<bool>, String)> {
    let rules: Vec<&Expr> = ctx
        .model
        .eligibility
        .iter()
        .filter(|e| e.role == role)
        .map(|e| &e.condition)
        .collect();
    if rules.is_empty() {
        return None;
    }
    let mut value = Some(true);
    let mut reasons = Vec::new();
    for rule in &rules {
        let v = expr::on_participant_at(ctx, rule, p, date);
        reasons.extend(explain(ctx, rule, p, v, date));
        value = match (value, v) {
            (Some(false), _) | (_, Some(false)) => Some(false),
            (None, _) | (_, None) => None,
            _ => Some(true),
        };
    }
    if value.is_none() {
        // Cannot tell: say which facts are missing, rather than what is known.
        let missing: Vec<String> = reasons
            .iter()
            .filter(|r| r.ends_with(NOT_RECORDED))
            .cloned()
            .collect();
        if !missing.is_empty() {
            reasons = missing;
        }
    }
    // Show only the reasons that decide the outcome.
    let because = if reasons.is_empty() {
        "no criteria apply".to_string()
    } else {
        reasons.join("; ")
    };
    Some((value, because))
}

/// The words for a fact that has no value in the case.
const NOT_RECORDED: &str = "is not recorded";

/// A missing value, as shown inside a sentence.
const NOT_GIVEN: &str = "not recorded";

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
            Some((Some(false), because)) => Some(ViolationKind::NotEligible { whose: p, because }),
            _ => None,
        })
}

/// The reasons that decide a condition's value, in plain words.
fn explain(
    ctx: &Ctx<'_>,
    expr: &Expr,
    p: u32,
    value: Option<bool>,
    date: NaiveDate,
) -> Vec<String> {
    match expr {
        Expr::And(parts) => {
            let values: Vec<Option<bool>> = parts
                .iter()
                .map(|e| expr::on_participant_at(ctx, e, p, date))
                .collect();
            // True: every part; false or unknown: the parts that are not true.
            parts
                .iter()
                .zip(values)
                .filter(|(_, v)| value == Some(true) || *v != Some(true))
                .flat_map(|(e, v)| explain(ctx, e, p, v, date))
                .collect()
        }
        Expr::Or(parts) => {
            let values: Vec<Option<bool>> = parts
                .iter()
                .map(|e| expr::on_participant_at(ctx, e, p, date))
                .collect();
            if value == Some(true) {
                parts
                    .iter()
                    .zip(values)
                    .find(|(_, v)| *v == Some(true))
                    .map(|(e, v)| explain(ctx, e, p, v, date))
                    .unwrap_or_default()
            } else if value.is_none() {
                // Cannot tell: the parts that are not known decide it.
                parts
                    .iter()
                    .zip(values)
                    .filter(|(_, v)| v.is_none())
                    .flat_map(|(e, v)| explain(ctx, e, p, v, date))
                    .collect()
            } else {
                let inner: Vec<String> = parts
                    .iter()
                    .zip(values)
                    .flat_map(|(e, v)| explain(ctx, e, p, v, date))
                    .collect();
                vec![format!(
                    "none of these holds: {}",
                    inner
                        .iter()
                        .map(|r| format!("[{r}]"))
                        .collect::<Vec<_>>()
                        .join(" ")
                )]
            }
        }
        Expr::Not(inner) => {
            let v = expr::on_participant_at(ctx, inner, p, date);
            // State the facts; the inner wording of why they fail would read as a double negative.
            explain(ctx, inner, p, v, date)
                .into_iter()
                .map(|r| {
                    let fact = r
                        .split(", not ")
                        .next()
                        .unwrap_or(&r)
                        .split(", one of")
                        .next()
                        .unwrap_or(&r)
                        .to_string();
                    match value {
                        _ if fact.ends_with(NOT_RECORDED) => fact,
                        Some(true) => format!("{fact}, as required"),
                        _ => format!("{fact}, which is excluded"),
                    }
                })
                .collect()
        }
        Expr::Invalid | Expr::Eligible { .. } => {
            vec!["a criterion that could not be checked".to_string()]
        }
        atom => {
            // With several participants in another role, a failing criterion is explained by
            // the ones it fails for.
            let mut out = Vec::new();
            expr::for_each_binding(ctx, atom, Subject::Participant(p), |ctx, bindings| {
                let holds = expr::atom_value(ctx, atom, Subject::Participant(p), bindings, date);
                if value != Some(false) || holds != Some(true) {
                    out.push(describe_atom(ctx, atom, p, bindings, date));
                }
                Some(true)
            });
            if out.is_empty() {
                out.push(describe_missing_role(ctx, atom));
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
pub(crate) fn show_value(ctx: &Ctx<'_>, v: &Value, set_of: Option<(RoleId, u32)>) -> String {
    let ty = set_of
        .and_then(|(role, fact)| ctx.model.role(role)?.facts.get(fact as usize).map(|f| f.ty))
        .unwrap_or(mentor_check::types::Ty::Text);
    crate::explain::show_value(ctx.model, ty, v)
}

fn operand_text(
    ctx: &Ctx<'_>,
    op: &Operand,
    p: u32,
    bindings: &Bindings,
    other_fact: Option<&FactRef>,
    date: NaiveDate,
) -> String {
    match op {
        Operand::Fact(f) => fact_name(ctx, f, bindings),
        other => {
            let set = other_fact.map(|f| (f.owner, f.fact));
            expr::value(ctx, other, Subject::Participant(p), bindings, date)
                .map_or("?".to_string(), |v| show_value(ctx, &v, set))
        }
    }
}

fn fact_of(op: &Operand) -> Option<&FactRef> {
    if let Operand::Fact(f) = op {
        Some(f)
    } else {
        None
    }
}

fn describe_atom(
    ctx: &Ctx<'_>,
    atom: &Expr,
    p: u32,
    bindings: &Bindings,
    date: NaiveDate,
) -> String {
    let subject = Subject::Participant(p);
    let shown = |op: &Operand, fact: Option<&FactRef>| -> String {
        match expr::value(ctx, op, subject, bindings, date) {
            Some(v) => show_value(ctx, &v, fact.map(|f| (f.owner, f.fact))),
            None => NOT_GIVEN.to_string(),
        }
    };
    match atom {
        Expr::Truthy(op) => {
            let name = operand_text(ctx, op, p, bindings, None, date);
            match expr::value(ctx, op, subject, bindings, date) {
                Some(Value::Bool(true)) => format!("{name} is true"),
                Some(Value::Bool(false)) => format!("{name} is false"),
                _ => format!("{name} {NOT_RECORDED}"),
            }
        }
        Expr::Compare {
            left, op, right, ..
        } => {
            let (fact, other, op_words) = match (fact_of(left), fact_of(right)) {
                (Some(f), _) => (Some((left, f)), right, op.words()),
                (None, Some(f)) => (Some((right, f)), left, flip_words(*op)),
                _ => (None, right, op.words()),
            };
            match fact {
                Some((fact_op, f)) => {
                    let value = shown(fact_op, Some(f));
                    let want = operand_text(ctx, other, p, bindings, Some(f), date);
                    let holds = expr::value(ctx, fact_op, subject, bindings, date).is_some()
                        && atom_holds(ctx, atom, p, bindings, date);
                    let name = fact_name(ctx, f, bindings);
                    if holds {
                        format!("{name} is {value}")
                    } else if value == NOT_GIVEN {
                        format!("{name} {NOT_RECORDED}")
                    } else {
                        format!("{name} is {value}, not {op_words} {want}")
                    }
                }
                None => format!(
                    "{} {} {}",
                    shown(left, None),
                    op.as_str(),
                    shown(right, None)
                ),
            }
        }
        Expr::Since {
            fact, op, figure, ..
        } => {
            let name = fact_name(ctx, fact, bindings);
            let Some(value) = expr::fact_value(ctx, subject, fact, bindings) else {
                return format!("{name} {NOT_RECORDED}");
            };
            let start = match value {
                Value::Date(d) => *d,
                Value::DateTime(dt) => dt.date(),
                _ => return format!("{name} is not a date"),
            };
            let want = figure.at(date);
            let Some(unit) = want.unit else {
                return format!("{name} is {start}");
            };
            let elapsed = expr::elapsed(ctx, start, date, unit).unwrap_or(0);
            let base = mentor_check::types::Quantity {
                value: u32::try_from(elapsed.max(0)).unwrap_or(0),
                unit: Some(base_unit(unit)),
            };
            let held = base.describe(ctx.model);
            if atom_holds(ctx, atom, p, bindings, date) {
                format!("{held} since {name} ({start})")
            } else {
                format!(
                    "only {held} since {name} ({start}), not {} {}",
                    op.words(),
                    want.describe(ctx.model)
                )
            }
        }
        Expr::In {
            operand,
            symbols,
            negated,
            ..
        } => {
            let f = fact_of(operand);
            let name = operand_text(ctx, operand, p, bindings, None, date);
            let value = shown(operand, f);
            let set =
                f.and_then(
                    |f| match ctx.model.role(f.owner)?.facts.get(f.fact as usize)?.ty {
                        mentor_check::types::Ty::Symbol(set) => Some(set),
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
            if value == NOT_GIVEN {
                format!("{name} {NOT_RECORDED}")
            } else if atom_holds(ctx, atom, p, bindings, date) {
                format!("{name} is {value}")
            } else if *negated {
                format!(
                    "{name} is {value}, one of the excluded {}",
                    crate::explain::or_list(&choices)
                )
            } else {
                format!(
                    "{name} is {value}, not {}",
                    crate::explain::or_list(&choices)
                )
            }
        }
        Expr::Similar { left, right, .. } => {
            let (lf, rf) = (fact_of(left), fact_of(right));
            let l = format!(
                "{} ({})",
                operand_text(ctx, left, p, bindings, None, date),
                shown(left, lf)
            );
            let r = format!(
                "{} ({})",
                operand_text(ctx, right, p, bindings, None, date),
                shown(right, rf)
            );
            if atom_holds(ctx, atom, p, bindings, date) {
                format!("{l} is the same as or similar to {r}")
            } else {
                format!("{l} is not similar to {r}")
            }
        }
        _ => String::new(),
    }
}

fn base_unit(unit: mentor_check::types::Unit) -> mentor_check::types::Unit {
    use mentor_check::types::Unit;
    match unit {
        Unit::Weeks => Unit::Days,
        Unit::Years => Unit::Months,
        Unit::Hours => Unit::Minutes,
        other => other,
    }
}

fn atom_holds(ctx: &Ctx<'_>, atom: &Expr, p: u32, bindings: &Bindings, date: NaiveDate) -> bool {
    expr::atom_value(ctx, atom, Subject::Participant(p), bindings, date) == Some(true)
}

fn flip_words(op: mentor_syntax::ast::CmpOp) -> &'static str {
    use mentor_syntax::ast::CmpOp;
    match op {
        CmpOp::Ge => CmpOp::Le.words(),
        CmpOp::Le => CmpOp::Ge.words(),
        CmpOp::Gt => CmpOp::Lt.words(),
        CmpOp::Lt => CmpOp::Gt.words(),
        other => other.words(),
    }
}
