//! Conditions: eligibility criteria, event filters and conditions on each event.

use crate::Checker;
use crate::figures::{FigureUse, same_family, unit_mismatch};
use crate::index::Def;
use crate::model::{EventId, Expr, FactRef, Operand, RoleId, SetId};
use crate::types::{Ty, Value};
use mentor_diagnostics::Span;
use mentor_diagnostics::catalog::meaning::{self, Compared, DateWanted, UnitsMixed};
use mentor_diagnostics::catalog::names;
use mentor_syntax::ast::{self, CmpOp, Cond};

/// What bare names in a condition refer to.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Scope {
    /// The facts of the participant being judged; `role.fact` for another participant.
    Participant(RoleId),
    /// The data fields of an event; `at` for its date and time.
    Event(EventId),
}

/// An operand before its partner in a comparison is known.
enum Resolved {
    Typed(Operand, Ty, Span),
    /// `time since FACT`
    Since(FactRef, Span),
    /// A bare name that is no fact or field: maybe a choice, decided by the other side.
    Bare(ast::Name),
    Failed,
}

impl Checker {
    pub(crate) fn condition(&mut self, cond: &Cond, scope: Scope) -> Expr {
        match cond {
            Cond::Or(parts, _) => {
                Expr::Or(parts.iter().map(|c| self.condition(c, scope)).collect())
            }
            Cond::And(parts, _) => {
                Expr::And(parts.iter().map(|c| self.condition(c, scope)).collect())
            }
            Cond::Any(parts, _) => {
                Expr::Or(parts.iter().map(|c| self.condition(c, scope)).collect())
            }
            Cond::All(parts, _) => {
                Expr::And(parts.iter().map(|c| self.condition(c, scope)).collect())
            }
            Cond::Not(inner, _) => Expr::Not(Box::new(self.condition(inner, scope))),
            Cond::Group(inner, _) => self.condition(inner, scope),
            Cond::Compare {
                left,
                op,
                op_span,
                right,
                span,
            } => self.comparison(left, *op, *op_span, right, *span, scope),
            Cond::In {
                operand,
                negated,
                set,
                span,
            } => self.membership(operand, *negated, set, *span, scope),
            Cond::Similar {
                left,
                right,
                by,
                span,
            } => self.similar(left, right, by.as_ref(), *span, scope),
            Cond::Eligible(name, span) => self.eligible(name, *span, scope),
            Cond::Value(operand) => match self.operand(operand, scope) {
                Resolved::Typed(op, Ty::Bool, _) => Expr::Truthy(op),
                Resolved::Typed(_, Ty::Unknown, _) => Expr::Invalid,
                Resolved::Typed(_, ty, span) => {
                    let what = ty.describe(&self.model);
                    self.error(meaning::not_yes_or_no(span, &text_of(operand), &what));
                    Expr::Invalid
                }
                Resolved::Since(_, span) => {
                    self.error(meaning::since_is_not_a_condition(span));
                    Expr::Invalid
                }
                Resolved::Bare(name) => {
                    self.unknown_name(&name, scope, Some(Ty::Bool));
                    Expr::Invalid
                }
                Resolved::Failed => Expr::Invalid,
            },
        }
    }

    /// `mentor is eligible`, about an event: whether its participant of that role meets the
    /// role's eligibility items on the event's day.
    fn eligible(&mut self, name: &ast::Name, span: Span, scope: Scope) -> Expr {
        let Some(role) = self.role(name) else {
            return Expr::Invalid;
        };
        if let Scope::Participant(_) = scope {
            self.error(meaning::eligible_in_eligibility(span, &name.text));
            return Expr::Invalid;
        }
        if !self.roles_with_eligibility.contains(&name.text) {
            self.error(meaning::no_eligibility_item(span, &name.text));
            return Expr::Invalid;
        }
        Expr::Eligible { role, span }
    }

    fn operand(&mut self, operand: &ast::Operand, scope: Scope) -> Resolved {
        match operand {
            ast::Operand::Bool(b, span) => {
                Resolved::Typed(Operand::Const(Value::Bool(*b)), Ty::Bool, *span)
            }
            ast::Operand::Text(t) => Resolved::Typed(
                Operand::Const(Value::Text(t.value.clone())),
                Ty::Text,
                t.span,
            ),
            ast::Operand::Date(d) => match self.date(d) {
                Some(date) => Resolved::Typed(Operand::Const(Value::Date(date)), Ty::Date, d.span),
                None => Resolved::Failed,
            },
            ast::Operand::DateTime(d) => match self.datetime(d) {
                Some(dt) => {
                    Resolved::Typed(Operand::Const(Value::DateTime(dt)), Ty::DateTime, d.span)
                }
                None => Resolved::Failed,
            },
            ast::Operand::Figure(f) => match self.figure(f, FigureUse::Any) {
                Some(figure) => {
                    let ty = if figure.base.unit.is_some() {
                        Ty::Duration
                    } else {
                        Ty::Int
                    };
                    Resolved::Typed(Operand::Figure(figure), ty, f.span)
                }
                None => Resolved::Failed,
            },
            ast::Operand::TimeSince(path, span) => match self.path(path, scope) {
                Resolved::Typed(Operand::Fact(fact), Ty::Date | Ty::DateTime, _) => {
                    Resolved::Since(fact, *span)
                }
                Resolved::Typed(_, Ty::Unknown, _) => Resolved::Failed,
                Resolved::Typed(_, ty, pspan) => {
                    let what = ty.describe(&self.model);
                    self.error(meaning::not_a_date(
                        pspan,
                        &path_text(path),
                        &what,
                        DateWanted::TimeSince,
                    ));
                    Resolved::Failed
                }
                Resolved::Bare(name) => {
                    self.unknown_name(&name, scope, Some(Ty::Date));
                    Resolved::Failed
                }
                _ => Resolved::Failed,
            },
            ast::Operand::Path(path) => self.path(path, scope),
        }
    }

    fn path(&mut self, path: &ast::Path, scope: Scope) -> Resolved {
        match (&path.second, scope) {
            (None, Scope::Participant(role)) => match self.fact_of(role, &path.first.text) {
                Some((fact, ty)) => {
                    self.index.refer(path.first.span, Def::Fact(role, fact));
                    Resolved::Typed(
                        Operand::Fact(FactRef {
                            role: None,
                            owner: role,
                            fact,
                        }),
                        ty,
                        path.span,
                    )
                }
                None => Resolved::Bare(path.first.clone()),
            },
            (None, Scope::Event(event)) => {
                let field = self
                    .model
                    .event(event)
                    .and_then(|e| e.field(&path.first.text));
                match field {
                    Some(i) => {
                        let ty = self
                            .model
                            .event(event)
                            .and_then(|e| e.fields.get(i as usize))
                            .map_or(Ty::Text, |f| f.ty);
                        self.index.refer(path.first.span, Def::Field(event, i));
                        Resolved::Typed(Operand::Field(i), ty, path.span)
                    }
                    None if path.first.text == "at" => {
                        Resolved::Typed(Operand::EventTime, Ty::DateTime, path.span)
                    }
                    None => Resolved::Bare(path.first.clone()),
                }
            }
            (Some(fact_name), Scope::Participant(subject)) => {
                let Some(role) = self.role(&path.first) else {
                    return Resolved::Failed;
                };
                match self.fact_of(role, &fact_name.text) {
                    Some((fact, ty)) => {
                        self.index.refer(fact_name.span, Def::Fact(role, fact));
                        let other = if role == subject { None } else { Some(role) };
                        Resolved::Typed(
                            Operand::Fact(FactRef {
                                role: other,
                                owner: role,
                                fact,
                            }),
                            ty,
                            path.span,
                        )
                    }
                    None => {
                        self.unknown_fact(role, fact_name, None, true);
                        Resolved::Failed
                    }
                }
            }
            (Some(_), Scope::Event(event)) => {
                let event_name = self.model.event_name(event).to_string();
                let fields: Vec<String> = self
                    .model
                    .event(event)
                    .map(|e| e.fields.iter().map(|f| f.name.clone()).collect())
                    .unwrap_or_default();
                let fields: Vec<&str> = fields.iter().map(String::as_str).collect();
                self.error(names::fact_in_event_condition(
                    path.span,
                    &event_name,
                    &fields,
                ));
                Resolved::Failed
            }
        }
    }

    fn fact_of(&self, role: RoleId, name: &str) -> Option<(u32, Ty)> {
        let def = self.model.role(role)?;
        let i = def.fact(name)?;
        Some((i, def.facts.get(i as usize)?.ty))
    }

    /// A fact `role` does not have. `want` is the type wanted there, when known: a close
    /// name is looked for among the facts of that type first. When `role.fact` may be
    /// written there (`qualified`), another role's fact of that name is pointed out.
    pub(crate) fn unknown_fact(
        &mut self,
        role: RoleId,
        name: &ast::Name,
        want: Option<Ty>,
        qualified: bool,
    ) {
        let Some(def) = self.model.role(role) else {
            return;
        };
        let candidates: Vec<&str> = def
            .facts
            .iter()
            .filter(|f| want.is_none_or(|w| f.ty == w || (w == Ty::Date && f.ty == Ty::DateTime)))
            .map(|f| f.name.as_str())
            .collect();
        let all: Vec<&str> = def.facts.iter().map(|f| f.name.as_str()).collect();
        let suggestions = if candidates.is_empty() {
            all.clone()
        } else {
            candidates
        };
        let elsewhere = self
            .model
            .roles
            .iter()
            .filter(|_| qualified)
            .find(|r| r.name != def.name && r.fact(&name.text).is_some())
            .map(|r| r.name.as_str());
        let diagnostic = names::unknown_fact(
            name.span,
            &def.name,
            &name.text,
            &all,
            suggestions,
            elsewhere,
        );
        self.error(diagnostic);
    }

    fn unknown_name(&mut self, name: &ast::Name, scope: Scope, want: Option<Ty>) {
        match scope {
            Scope::Participant(role) => self.unknown_fact(role, name, want, true),
            Scope::Event(event) => {
                let Some(def) = self.model.event(event) else {
                    return;
                };
                let fields: Vec<&str> = def.fields.iter().map(|f| f.name.as_str()).collect();
                let diagnostic =
                    names::unknown_field(name.span, &def.name, &name.text, &fields, true);
                self.error(diagnostic);
            }
        }
    }

    /// A bare name as a choice of `set`, or an error.
    fn symbol(&mut self, name: &ast::Name, set: SetId, other: &str) -> Option<u32> {
        let def = self.model.set(set)?;
        if let Some(i) = def.position(&name.text) {
            self.index.refer(name.span, Def::Symbol(set, i));
            return Some(i);
        }
        let choices: Vec<&str> = def.symbols.iter().map(String::as_str).collect();
        let diagnostic = names::unknown_choice(name.span, &name.text, other, &choices);
        self.error(diagnostic);
        None
    }

    fn comparison(
        &mut self,
        left_ast: &ast::Operand,
        op: CmpOp,
        op_span: Span,
        right_ast: &ast::Operand,
        span: Span,
        scope: Scope,
    ) -> Expr {
        let left = self.operand(left_ast, scope);
        let right = self.operand(right_ast, scope);
        match (left, right) {
            (Resolved::Failed, _) | (_, Resolved::Failed) => Expr::Invalid,
            (Resolved::Typed(_, Ty::Unknown, _), _) | (_, Resolved::Typed(_, Ty::Unknown, _)) => {
                Expr::Invalid
            }
            (
                Resolved::Since(fact, _),
                Resolved::Typed(Operand::Figure(figure), Ty::Duration, _),
            ) => Expr::Since {
                fact,
                op,
                figure,
                span,
            },
            (
                Resolved::Typed(Operand::Figure(figure), Ty::Duration, _),
                Resolved::Since(fact, _),
            ) => Expr::Since {
                fact,
                op: flip(op),
                figure,
                span,
            },
            (Resolved::Since(_, s), other) | (other, Resolved::Since(_, s)) => {
                let other_span = match &other {
                    Resolved::Typed(_, _, sp) => *sp,
                    Resolved::Bare(n) => n.span,
                    _ => span,
                };
                self.error(meaning::since_needs_duration(other_span, s));
                Expr::Invalid
            }
            (Resolved::Typed(l, Ty::Symbol(set), _), Resolved::Bare(name)) => {
                self.check_symbol_op(op, op_span);
                match self.symbol(&name, set, &text_of(left_ast)) {
                    Some(s) => Expr::Compare {
                        left: l,
                        op,
                        right: Operand::Const(Value::Symbol(s)),
                        span,
                    },
                    None => Expr::Invalid,
                }
            }
            (Resolved::Bare(name), Resolved::Typed(r, Ty::Symbol(set), _)) => {
                self.check_symbol_op(op, op_span);
                match self.symbol(&name, set, &text_of(right_ast)) {
                    Some(s) => Expr::Compare {
                        left: Operand::Const(Value::Symbol(s)),
                        op,
                        right: r,
                        span,
                    },
                    None => Expr::Invalid,
                }
            }
            (Resolved::Bare(name), other) => {
                let want = if let Resolved::Typed(_, ty, _) = other {
                    Some(ty)
                } else {
                    None
                };
                self.unknown_name(&name, scope, want);
                Expr::Invalid
            }
            (Resolved::Typed(_, ty, _), Resolved::Bare(name)) => {
                self.unknown_name(&name, scope, Some(ty));
                Expr::Invalid
            }
            (Resolved::Typed(l, lt, ls), Resolved::Typed(r, rt, rs)) => {
                if !self.compatible(&l, lt, ls, &r, rt, rs, op, op_span) {
                    return Expr::Invalid;
                }
                Expr::Compare {
                    left: l,
                    op,
                    right: r,
                    span,
                }
            }
        }
    }

    fn check_symbol_op(&mut self, op: CmpOp, op_span: Span) {
        if !matches!(op, CmpOp::Eq | CmpOp::Ne) {
            self.error(meaning::choices_have_no_order(op_span, op.as_str()));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn compatible(
        &mut self,
        l: &Operand,
        lt: Ty,
        ls: Span,
        r: &Operand,
        rt: Ty,
        rs: Span,
        op: CmpOp,
        op_span: Span,
    ) -> bool {
        let ordered = matches!(op, CmpOp::Ge | CmpOp::Le | CmpOp::Gt | CmpOp::Lt);
        let same = match (lt, rt) {
            (Ty::Date | Ty::DateTime, Ty::Date | Ty::DateTime) => true,
            (a, b) if a.is_number() && b.is_number() => true,
            (a, b) => a == b,
        };
        if !same {
            let (lw, rw) = (lt.describe(&self.model), rt.describe(&self.model));
            let kinds = match (lt, rt) {
                (Ty::Int | Ty::Count, Ty::Duration) | (Ty::Duration, Ty::Int | Ty::Count) => {
                    Compared::NumberAndDuration
                }
                (Ty::Date | Ty::DateTime, Ty::Duration)
                | (Ty::Duration, Ty::Date | Ty::DateTime) => Compared::DateAndDuration,
                (Ty::Int | Ty::Count, Ty::Text) => Compared::NumberWithText,
                (Ty::Text, Ty::Int | Ty::Count) => Compared::TextWithNumber,
                _ => Compared::Other,
            };
            self.error(meaning::cannot_compare(ls, &lw, rs, &rw, kinds));
            return false;
        }
        if let (Operand::Figure(a), Operand::Figure(b)) = (l, r)
            && !same_family(a.base.unit, b.base.unit)
        {
            self.error(unit_mismatch(ls, a.base, rs, b.base, UnitsMixed::Compared));
            return false;
        }
        if ordered && matches!(lt, Ty::Bool | Ty::Text | Ty::Symbol(_)) {
            let what = lt.describe(&self.model);
            self.error(meaning::no_order(op_span, &what, op.as_str()));
            return false;
        }
        if let (Ty::Symbol(a), Ty::Symbol(b)) = (lt, rt)
            && a != b
        {
            self.error(meaning::different_choices_compared(ls, rs));
            return false;
        }
        true
    }

    fn membership(
        &mut self,
        operand: &ast::Operand,
        negated: bool,
        set: &[ast::Name],
        span: Span,
        scope: Scope,
    ) -> Expr {
        match self.operand(operand, scope) {
            Resolved::Typed(_, Ty::Unknown, _) => Expr::Invalid,
            Resolved::Typed(op, Ty::Symbol(set_id), _) => {
                let mut symbols = Vec::new();
                let mut ok = true;
                for name in set {
                    match self.symbol(name, set_id, &text_of(operand)) {
                        Some(s) => symbols.push(s),
                        None => ok = false,
                    }
                }
                if !ok {
                    return Expr::Invalid;
                }
                Expr::In {
                    operand: op,
                    symbols,
                    negated,
                    span,
                }
            }
            Resolved::Typed(_, ty, s) => {
                let what = ty.describe(&self.model);
                self.error(meaning::not_in_choices(s, &text_of(operand), &what));
                Expr::Invalid
            }
            Resolved::Bare(name) => {
                self.unknown_name(&name, scope, None);
                Expr::Invalid
            }
            _ => Expr::Invalid,
        }
    }

    fn similar(
        &mut self,
        left_ast: &ast::Operand,
        right_ast: &ast::Operand,
        by: Option<&ast::Name>,
        span: Span,
        scope: Scope,
    ) -> Expr {
        let left = self.operand(left_ast, scope);
        let right = self.operand(right_ast, scope);
        let (l, set, r) = match (left, right) {
            (Resolved::Typed(l, Ty::Symbol(a), _), Resolved::Typed(r, Ty::Symbol(b), rs)) => {
                if a != b {
                    self.error(meaning::different_choices_similar(rs));
                    return Expr::Invalid;
                }
                (l, a, r)
            }
            (Resolved::Typed(_, Ty::Unknown, _), _) | (_, Resolved::Typed(_, Ty::Unknown, _)) => {
                return Expr::Invalid;
            }
            (Resolved::Bare(name), _) | (_, Resolved::Bare(name)) => {
                self.unknown_name(&name, scope, None);
                return Expr::Invalid;
            }
            (Resolved::Typed(_, ty, s), _) | (_, Resolved::Typed(_, ty, s))
                if !matches!(ty, Ty::Symbol(_)) =>
            {
                let what = ty.describe(&self.model);
                self.error(meaning::only_choices_similar(s, &what));
                return Expr::Invalid;
            }
            _ => return Expr::Invalid,
        };
        let symbols = self
            .model
            .set(set)
            .map(|s| s.symbols.clone())
            .unwrap_or_default();
        let fits = |groups: &Vec<Vec<String>>| groups.iter().flatten().all(|n| symbols.contains(n));
        let id = match by {
            Some(name) => match self.similarity_names.get(&name.text) {
                Some(&id) => {
                    self.index.refer(name.span, Def::Similarity(id));
                    id
                }
                None => {
                    if !self.broken.contains(&name.text) {
                        let candidates: Vec<String> =
                            self.similarity_names.keys().cloned().collect();
                        self.error(names::unknown_similarity(
                            name.span,
                            &name.text,
                            candidates.iter().map(String::as_str),
                        ));
                    }
                    return Expr::Invalid;
                }
            },
            None => {
                let fitting: Vec<usize> = self
                    .model
                    .similarities
                    .iter()
                    .enumerate()
                    .filter(|(_, s)| fits(&s.groups))
                    .map(|(i, _)| i)
                    .collect();
                match fitting.as_slice() {
                    [one] => crate::model::SimilarityId(*one as u32),
                    [] if self.broken_similarity => return Expr::Invalid,
                    [] => {
                        self.error(names::no_similarity(span));
                        return Expr::Invalid;
                    }
                    several => {
                        let similarities: Vec<&str> = several
                            .iter()
                            .filter_map(|i| {
                                self.model.similarities.get(*i).map(|s| s.name.as_str())
                            })
                            .collect();
                        let diagnostic = meaning::ambiguous_similarity(span, &similarities);
                        self.error(diagnostic);
                        return Expr::Invalid;
                    }
                }
            }
        };
        let Some(similarity) = self.model.similarities.get(id.index()) else {
            return Expr::Invalid;
        };
        if !fits(&similarity.groups) {
            let diagnostic = names::similarity_does_not_fit(span, &similarity.name);
            self.error(diagnostic);
            return Expr::Invalid;
        }
        let set_def = self.model.set(set);
        let groups: Vec<Vec<u32>> = similarity
            .groups
            .iter()
            .map(|g| {
                g.iter()
                    .filter_map(|n| set_def.and_then(|s| s.position(n)))
                    .collect()
            })
            .collect();
        Expr::Similar {
            left: l,
            right: r,
            similarity: id,
            groups,
            span,
        }
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

fn path_text(path: &ast::Path) -> String {
    match &path.second {
        Some(second) => format!("{}.{}", path.first.text, second.text),
        None => path.first.text.clone(),
    }
}

fn text_of(operand: &ast::Operand) -> String {
    match operand {
        ast::Operand::Path(p) => path_text(p),
        ast::Operand::TimeSince(p, _) => format!("time since {}", path_text(p)),
        ast::Operand::Date(d) | ast::Operand::DateTime(d) => d.text.clone(),
        ast::Operand::Figure(f) => f.base.value.to_string(),
        ast::Operand::Bool(b, _) => b.to_string(),
        ast::Operand::Text(t) => format!("\"{}\"", t.value),
    }
}
