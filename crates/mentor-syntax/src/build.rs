//! From pest's parse pairs to the typed syntax tree, with spans relative to the whole file.

use crate::ast::{
    Anchor, Between, Bound, CalendarDecl, Closed, CmpOp, Cond, Count, DateLit, Deadline,
    Disclosure, Duty, EachRequirement, Eligibility, EventDecl, EventPattern, EventPhrase,
    Expectation, FieldDecl, FieldList, Figure, FigureChange, ItemKind, Ladder, LadderStep, Literal,
    LiteralKind, Modality, ModalityKind, MonthDay, Name, Operand, Outcome, Path, Phase, PolicyRef,
    Programme, Quantity, Requirement, RoleDecl, RuleBody, SimilarGroup, SimilarityDecl, StatusWord,
    Termination, TestClause, TestDecl, Text, TypeDecl, TypeExpr, Unit, UnitKind, ValueEntry,
    Window,
};
use crate::parser::Rule;
use mentor_diagnostics::catalog::syntax;
use mentor_diagnostics::{Diagnostic, Span};
use pest::iterators::Pair;

type P<'i> = Pair<'i, Rule>;

/// Walks the children of a pair in order.
struct Cursor<'i> {
    pairs: Vec<P<'i>>,
    pos: usize,
}

impl<'i> Cursor<'i> {
    fn new(pair: P<'i>) -> Self {
        Cursor {
            pairs: pair.into_inner().collect(),
            pos: 0,
        }
    }

    /// The next child with this rule, skipping the children before it.
    fn find(&mut self, rule: Rule) -> Option<P<'i>> {
        let index = self
            .pairs
            .get(self.pos..)?
            .iter()
            .position(|p| p.as_rule() == rule)?;
        self.pos += index + 1;
        self.pairs.get(self.pos - 1).cloned()
    }

    /// The next child if it has one of these rules.
    fn next_if(&mut self, rules: &[Rule]) -> Option<P<'i>> {
        let pair = self.pairs.get(self.pos)?;
        if rules.contains(&pair.as_rule()) {
            self.pos += 1;
            Some(pair.clone())
        } else {
            None
        }
    }

    /// The next child, whatever it is.
    fn next(&mut self) -> Option<P<'i>> {
        let pair = self.pairs.get(self.pos)?.clone();
        self.pos += 1;
        Some(pair)
    }

    /// All remaining children with this rule.
    fn all(&mut self, rule: Rule) -> Vec<P<'i>> {
        let mut out = Vec::new();
        while let Some(p) = self.next_if(&[rule]) {
            out.push(p);
        }
        out
    }

    /// Whether a child with this rule remains.
    fn has(&self, rule: Rule) -> bool {
        self.pairs
            .get(self.pos..)
            .is_some_and(|rest| rest.iter().any(|p| p.as_rule() == rule))
    }
}

pub(crate) struct Builder<'d> {
    offset: usize,
    diagnostics: &'d mut Vec<Diagnostic>,
}

impl<'d> Builder<'d> {
    pub(crate) fn new(offset: usize, diagnostics: &'d mut Vec<Diagnostic>) -> Self {
        Builder {
            offset,
            diagnostics,
        }
    }

    /// The pair's span, without the spaces pest may have skipped after its last part.
    fn span(&self, pair: &P<'_>) -> Span {
        let s = pair.as_span();
        let trimmed = pair.as_str().trim_end().len();
        Span::new(self.offset + s.start(), self.offset + s.start() + trimmed)
    }

    fn name(&self, pair: P<'_>) -> Name {
        Name {
            text: crate::unicode::nfc(pair.as_str()).into_owned(),
            span: self.span(&pair),
        }
    }

    fn names(&self, pair: P<'_>) -> Vec<Name> {
        pair.into_inner()
            .filter(|p| p.as_rule() == Rule::ident)
            .map(|p| self.name(p))
            .collect()
    }

    fn text(&self, pair: P<'_>) -> Text {
        let span = self.span(&pair);
        let raw = pair.into_inner().next().map(|p| p.as_str()).unwrap_or("");
        Text {
            value: crate::lex::unescape(raw),
            span,
        }
    }

    fn date(&self, pair: P<'_>) -> DateLit {
        DateLit {
            text: pair.as_str().to_string(),
            span: self.span(&pair),
        }
    }

    fn int(&mut self, pair: P<'_>) -> u32 {
        let span = self.span(&pair);
        match pair.as_str().parse::<u32>() {
            Ok(n) if n <= 1_000_000 => n,
            _ => {
                self.diagnostics
                    .push(syntax::number_too_large(span, pair.as_str(), 1_000_000));
                // The largest allowed, so that no second error follows from a made-up 0.
                1_000_000
            }
        }
    }

    pub(crate) fn item(&mut self, pair: P<'_>) -> Option<ItemKind> {
        Some(match pair.as_rule() {
            Rule::programme_decl => ItemKind::Programme(self.programme(pair)?),
            Rule::calendar_decl => ItemKind::Calendar(self.calendar(pair)?),
            Rule::type_decl => ItemKind::Type(self.type_decl(pair)?),
            Rule::role_decl => ItemKind::Role(self.role(pair)?),
            Rule::event_decl => ItemKind::Event(self.event(pair)?),
            Rule::similarity_decl => ItemKind::Similarity(self.similarity(pair)?),
            Rule::eligibility_decl => ItemKind::Eligibility(self.eligibility(pair)?),
            Rule::rule_decl => ItemKind::Rule(self.rule(pair)?),
            Rule::ladder_decl => ItemKind::Ladder(self.ladder(pair)?),
            Rule::termination_decl => ItemKind::Termination(self.termination(pair)?),
            Rule::disclosure_decl => ItemKind::Disclosure(self.disclosure(pair)?),
            Rule::phase_decl => ItemKind::Phase(self.phase(pair)?),
            Rule::policy_ref => {
                let path = self.text(pair.into_inner().find(|p| p.as_rule() == Rule::string)?);
                ItemKind::PolicyRef(PolicyRef { path })
            }
            Rule::test_decl => ItemKind::Test(self.test(pair)?),
            _ => return None,
        })
    }

    fn programme(&mut self, pair: P<'_>) -> Option<Programme> {
        let mut c = Cursor::new(pair);
        let name = self.name(c.find(Rule::ident)?);
        let title = c.next_if(&[Rule::string]).map(|p| self.text(p));
        let time_zone = c
            .find(Rule::time_zone)
            .and_then(|z| z.into_inner().find(|p| p.as_rule() == Rule::string))
            .map(|p| self.text(p));
        Some(Programme {
            name,
            title,
            time_zone,
        })
    }

    fn calendar(&mut self, pair: P<'_>) -> Option<CalendarDecl> {
        let mut c = Cursor::new(pair);
        let name = self.name(c.find(Rule::ident)?);
        let base = c.find(Rule::ident).map(|p| self.name(p));
        let closed = match c.find(Rule::closed_days) {
            Some(days) => days
                .into_inner()
                .filter_map(|p| match p.as_rule() {
                    Rule::date => Some(Closed::Day(self.date(p))),
                    Rule::string => Some(Closed::File(self.text(p))),
                    _ => None,
                })
                .collect(),
            None => Vec::new(),
        };
        Some(CalendarDecl { name, base, closed })
    }

    fn type_expr(&self, pair: P<'_>) -> TypeExpr {
        let span = self.span(&pair);
        TypeExpr {
            names: self.names(pair),
            span,
        }
    }

    fn type_decl(&mut self, pair: P<'_>) -> Option<TypeDecl> {
        let mut c = Cursor::new(pair);
        let name = self.name(c.find(Rule::ident)?);
        let ty = self.type_expr(c.find(Rule::type_expr)?);
        Some(TypeDecl { name, ty })
    }

    fn field_list(&self, pair: P<'_>) -> FieldList {
        let span = self.span(&pair);
        let fields = pair
            .into_inner()
            .filter(|p| p.as_rule() == Rule::field_decl)
            .filter_map(|p| {
                let span = self.span(&p);
                let mut c = Cursor::new(p);
                let name = self.name(c.find(Rule::ident)?);
                let ty = self.type_expr(c.find(Rule::type_expr)?);
                let recorded = c.find(Rule::kw_recorded).map(|p| self.span(&p));
                Some(FieldDecl {
                    name,
                    ty,
                    recorded,
                    span,
                })
            })
            .collect();
        FieldList { fields, span }
    }

    fn role(&mut self, pair: P<'_>) -> Option<RoleDecl> {
        let mut c = Cursor::new(pair);
        let name = self.name(c.find(Rule::ident)?);
        let fields = c.find(Rule::field_list).map(|p| self.field_list(p));
        Some(RoleDecl { name, fields })
    }

    fn event(&mut self, pair: P<'_>) -> Option<EventDecl> {
        let mut c = Cursor::new(pair);
        let name = self.name(c.find(Rule::ident)?);
        let by = self.names(c.find(Rule::role_list)?);
        let to = if c.has(Rule::kw_to) {
            c.find(Rule::kw_to);
            c.find(Rule::role_list)
                .map(|p| self.names(p))
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let phrase = c.next_if(&[Rule::event_phrase]).map(|p| {
            let mut texts = p
                .into_inner()
                .filter(|t| t.as_rule() == Rule::string)
                .map(|t| self.text(t));
            let present = texts.next().unwrap_or(Text {
                value: String::new(),
                span: Span::at(0),
            });
            EventPhrase {
                present,
                past: texts.next(),
            }
        });
        let fields = c.find(Rule::field_list).map(|p| self.field_list(p));
        let recorded = c.find(Rule::kw_recorded).map(|p| self.span(&p));
        Some(EventDecl {
            name,
            by,
            to,
            phrase,
            fields,
            recorded,
        })
    }

    fn similarity(&mut self, pair: P<'_>) -> Option<SimilarityDecl> {
        let mut c = Cursor::new(pair);
        let name = self.name(c.find(Rule::ident)?);
        let groups = c
            .all_remaining(Rule::similar_group)
            .into_iter()
            .map(|g| {
                let span = self.span(&g);
                SimilarGroup {
                    symbols: self.names(g),
                    span,
                }
            })
            .collect();
        Some(SimilarityDecl { name, groups })
    }

    fn sources(&self, c: &mut Cursor<'_>) -> Vec<Text> {
        c.all(Rule::source)
            .into_iter()
            .filter_map(|s| s.into_inner().find(|p| p.as_rule() == Rule::string))
            .map(|s| self.text(s))
            .collect()
    }

    fn eligibility(&mut self, pair: P<'_>) -> Option<Eligibility> {
        let mut c = Cursor::new(pair);
        let name = self.name(c.find(Rule::ident)?);
        let sources = self.sources(&mut c);
        let role = self.name(c.find(Rule::ident)?);
        let condition = self.cond(c.find(Rule::cond)?)?;
        Some(Eligibility {
            name,
            sources,
            role,
            condition,
        })
    }

    // ------------------------------------------------------------ conditions

    fn cond(&mut self, pair: P<'_>) -> Option<Cond> {
        let span = self.span(&pair);
        match pair.as_rule() {
            Rule::cond | Rule::conj => {
                let is_or = pair.as_rule() == Rule::cond;
                let parts: Vec<P<'_>> = pair
                    .into_inner()
                    .filter(|p| !matches!(p.as_rule(), Rule::kw_or | Rule::kw_and))
                    .collect();
                let mut conds = Vec::with_capacity(parts.len());
                for p in parts {
                    conds.push(self.cond(p)?);
                }
                if conds.len() == 1 {
                    return conds.pop();
                }
                Some(if is_or {
                    Cond::Or(conds, span)
                } else {
                    Cond::And(conds, span)
                })
            }
            Rule::negation => {
                let inner = pair.into_inner().find(|p| p.as_rule() != Rule::kw_not)?;
                Some(Cond::Not(Box::new(self.cond(inner)?), span))
            }
            Rule::group => {
                let inner = pair.into_inner().find(|p| p.as_rule() == Rule::cond)?;
                Some(Cond::Group(Box::new(self.cond(inner)?), span))
            }
            Rule::quantified => {
                let mut c = Cursor::new(pair);
                let all = c.next_if(&[Rule::kw_any, Rule::kw_all])?.as_rule() == Rule::kw_all;
                let mut conds = Vec::new();
                for p in c.all_remaining(Rule::cond) {
                    conds.push(self.cond(p)?);
                }
                Some(if all {
                    Cond::All(conds, span)
                } else {
                    Cond::Any(conds, span)
                })
            }
            Rule::comparison => {
                let mut c = Cursor::new(pair);
                let left = self.operand(c.next()?)?;
                let op_pair = c.find(Rule::cmp_op)?;
                let op_span = self.span(&op_pair);
                let op = match op_pair.as_str() {
                    ">=" => CmpOp::Ge,
                    "<=" => CmpOp::Le,
                    "==" => CmpOp::Eq,
                    "!=" => CmpOp::Ne,
                    ">" => CmpOp::Gt,
                    _ => CmpOp::Lt,
                };
                let right = self.operand(c.next()?)?;
                Some(Cond::Compare {
                    left,
                    op,
                    op_span,
                    right,
                    span,
                })
            }
            Rule::membership => {
                let mut c = Cursor::new(pair);
                let operand = self.operand(c.next()?)?;
                let negated = c.has(Rule::kw_not);
                let set = self.names(c.find(Rule::set_literal)?);
                Some(Cond::In {
                    operand,
                    negated,
                    set,
                    span,
                })
            }
            Rule::is_eligible => {
                let role = pair.into_inner().find(|p| p.as_rule() == Rule::ident)?;
                Some(Cond::Eligible(self.name(role), span))
            }
            Rule::similar => {
                let mut c = Cursor::new(pair);
                let left = self.operand(c.next()?)?;
                c.find(Rule::kw_to)?;
                let right = self.operand(c.next()?)?;
                let by = if c.find(Rule::kw_by).is_some() {
                    c.find(Rule::ident).map(|p| self.name(p))
                } else {
                    None
                };
                Some(Cond::Similar {
                    left,
                    right,
                    by,
                    span,
                })
            }
            _ => Some(Cond::Value(self.operand(pair)?)),
        }
    }

    fn operand(&mut self, pair: P<'_>) -> Option<Operand> {
        let span = self.span(&pair);
        Some(match pair.as_rule() {
            Rule::time_since => {
                let path = self.path(pair.into_inner().find(|p| p.as_rule() == Rule::path)?)?;
                Operand::TimeSince(path, span)
            }
            Rule::datetime => Operand::DateTime(self.date(pair)),
            Rule::date => Operand::Date(self.date(pair)),
            Rule::figure => Operand::Figure(self.figure(pair)?),
            Rule::bool_lit => Operand::Bool(pair.as_str() == "true", span),
            Rule::string => Operand::Text(self.text(pair)),
            Rule::path => Operand::Path(self.path(pair)?),
            _ => return None,
        })
    }

    fn path(&self, pair: P<'_>) -> Option<Path> {
        let span = self.span(&pair);
        let mut names = pair
            .into_inner()
            .filter(|p| p.as_rule() == Rule::ident)
            .map(|p| self.name(p));
        let first = names.next()?;
        let second = names.next();
        Some(Path {
            first,
            second,
            span,
        })
    }

    // ------------------------------------------------------------ figures

    fn figure(&mut self, pair: P<'_>) -> Option<Figure> {
        let span = self.span(&pair);
        let mut c = Cursor::new(pair);
        let base = self.quantity(c.find(Rule::quantity)?)?;
        let mut changes = Vec::new();
        while let Some(becoming) = c.find(Rule::kw_becoming) {
            let value = self.quantity(c.find(Rule::quantity)?)?;
            let from = self.date(c.find(Rule::date)?);
            let change_span = self.span(&becoming).cover(from.span);
            changes.push(FigureChange {
                value,
                from,
                span: change_span,
            });
        }
        Some(Figure {
            base,
            changes,
            span,
        })
    }

    fn quantity(&mut self, pair: P<'_>) -> Option<Quantity> {
        let span = self.span(&pair);
        let mut c = Cursor::new(pair);
        let value = self.int(c.find(Rule::int)?);
        let unit = match c.find(Rule::unit) {
            Some(unit) => Some(self.unit(unit)?),
            None => None,
        };
        Some(Quantity { value, unit, span })
    }

    fn unit(&self, pair: P<'_>) -> Option<Unit> {
        let span = self.span(&pair);
        let inner = pair.into_inner().next()?;
        Some(match inner.as_rule() {
            Rule::working_days => {
                let calendar = inner
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::ident)
                    .map(|p| self.name(p))
                    .next();
                Unit {
                    kind: UnitKind::WorkingDays,
                    calendar,
                    span,
                }
            }
            _ => {
                let kind = match inner.as_str().trim_end_matches('s') {
                    "day" => UnitKind::Days,
                    "week" => UnitKind::Weeks,
                    "month" => UnitKind::Months,
                    "year" => UnitKind::Years,
                    "hour" => UnitKind::Hours,
                    _ => UnitKind::Minutes,
                };
                Unit {
                    kind,
                    calendar: None,
                    span,
                }
            }
        })
    }

    // ------------------------------------------------------------ events and duties

    fn event_pattern(&mut self, pair: P<'_>) -> Option<EventPattern> {
        let span = self.span(&pair);
        let mut c = Cursor::new(pair);
        let first = c.next_if(&[Rule::kw_first]).map(|p| self.span(&p));
        let event = self.name(c.find(Rule::ident)?);
        let filter = match c.find(Rule::where_clause) {
            Some(w) => {
                let inner = w.into_inner().find(|p| p.as_rule() != Rule::kw_where)?;
                Some(self.cond(inner)?)
            }
            None => None,
        };
        Some(EventPattern {
            first,
            event,
            filter,
            span,
        })
    }

    fn anchor(&mut self, pair: P<'_>) -> Option<Anchor> {
        let inner = pair.into_inner().next()?;
        let span = self.span(&inner);
        Some(match inner.as_rule() {
            Rule::later_of | Rule::earlier_of => {
                let later = inner.as_rule() == Rule::later_of;
                let patterns: Vec<P<'_>> = inner
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::event_pattern)
                    .collect();
                let mut it = patterns.into_iter();
                let a = self.event_pattern(it.next()?)?;
                let b = self.event_pattern(it.next()?)?;
                if later {
                    Anchor::LaterOf(a, b, span)
                } else {
                    Anchor::EarlierOf(a, b, span)
                }
            }
            Rule::date => Anchor::Date(self.date(inner)),
            Rule::fact_anchor => {
                let mut names = inner.into_inner().map(|p| self.name(p));
                let first = names.next()?;
                let second = names.next();
                Anchor::Fact(Path {
                    first,
                    second,
                    span,
                })
            }
            _ => Anchor::Event(self.event_pattern(inner)?),
        })
    }

    fn modality(&self, pair: P<'_>) -> Modality {
        let span = self.span(&pair);
        let kind = if pair.as_str() == "must" {
            ModalityKind::Must
        } else {
            ModalityKind::Should
        };
        Modality { kind, span }
    }

    fn duty(&mut self, pair: P<'_>) -> Option<Duty> {
        let span = self.span(&pair);
        let mut c = Cursor::new(pair);
        let role = self.name(c.find(Rule::ident)?);
        let modality = self.modality(c.find(Rule::modality)?);
        let actions = self.names(c.find(Rule::action_list)?);
        let to = c.find(Rule::ident).map(|p| self.name(p));
        Some(Duty {
            role,
            modality,
            actions,
            to,
            span,
        })
    }

    fn deadline(&mut self, pair: P<'_>) -> Option<Deadline> {
        let inner = pair
            .into_inner()
            .find(|p| matches!(p.as_rule(), Rule::figure | Rule::date))?;
        if inner.as_rule() == Rule::figure {
            Some(Deadline::Within(self.figure(inner)?))
        } else {
            Some(Deadline::By(self.date(inner)))
        }
    }

    fn optional_deadline(&mut self, c: &mut Cursor<'_>) -> Option<Option<Deadline>> {
        match c.find(Rule::deadline) {
            Some(d) => Some(Some(self.deadline(d)?)),
            None => Some(None),
        }
    }

    // ------------------------------------------------------------ rules

    fn rule(&mut self, pair: P<'_>) -> Option<Rule_> {
        let mut c = Cursor::new(pair);
        let name = self.name(c.find(Rule::ident)?);
        let sources = self.sources(&mut c);
        let body_pair = c.next_if(&[
            Rule::deadline_rule,
            Rule::recurring_rule,
            Rule::each_rule,
            Rule::limit_rule,
        ])?;
        let body = self.rule_body(body_pair)?;
        let if_missed = self.if_missed(&mut c);
        Some(Rule_ {
            name,
            sources,
            body,
            if_missed,
        })
    }

    fn if_missed(&self, c: &mut Cursor<'_>) -> Option<Text> {
        c.find(Rule::if_missed)
            .and_then(|p| p.into_inner().find(|p| p.as_rule() == Rule::string))
            .map(|p| self.text(p))
    }

    fn rule_body(&mut self, pair: P<'_>) -> Option<RuleBody> {
        let span = self.span(&pair);
        let rule = pair.as_rule();
        let mut c = Cursor::new(pair);
        Some(match rule {
            Rule::deadline_rule => {
                let anchor = self.anchor(c.find(Rule::anchor)?)?;
                let duty = self.duty(c.find(Rule::duty)?)?;
                let deadline = self.optional_deadline(&mut c)?;
                RuleBody::Deadline {
                    anchor,
                    duty,
                    deadline,
                    span,
                }
            }
            Rule::recurring_rule => {
                let mut from = None;
                let mut until = None;
                while let Some(p) = c.next_if(&[
                    Rule::kw_every,
                    Rule::kw_month,
                    Rule::kw_from,
                    Rule::kw_until,
                ]) {
                    match p.as_rule() {
                        Rule::kw_from => {
                            from = Some(self.event_pattern(c.find(Rule::event_pattern)?)?)
                        }
                        Rule::kw_until => {
                            until = Some(self.event_pattern(c.find(Rule::event_pattern)?)?)
                        }
                        _ => {}
                    }
                }
                let duty = self.duty(c.find(Rule::duty)?)?;
                let day = c.find(Rule::month_day)?;
                let day_span = self.span(&day);
                let by = match day.into_inner().find(|p| p.as_rule() == Rule::int) {
                    Some(n) => MonthDay::Day(self.int(n), day_span),
                    None => MonthDay::End(day_span),
                };
                RuleBody::Recurring {
                    from,
                    until,
                    duty,
                    by,
                    span,
                }
            }
            Rule::each_rule => {
                let first = match c.find(Rule::each_first) {
                    Some(p) => {
                        let n = p.into_inner().find(|p| p.as_rule() == Rule::int)?;
                        let span = self.span(&n);
                        Some(Count {
                            value: self.int(n),
                            span,
                        })
                    }
                    None => None,
                };
                let event = self.event_pattern(c.find(Rule::event_pattern)?)?;
                let modality = self.modality(c.find(Rule::modality)?);
                let req = c.next_if(&[Rule::each_have, Rule::each_within, Rule::each_outside])?;
                let req_rule = req.as_rule();
                let mut r = Cursor::new(req);
                let requirement = match req_rule {
                    Rule::each_have => EachRequirement::Have(self.cond(r.find(Rule::cond)?)?),
                    Rule::each_within => {
                        let figure = self.figure(r.find(Rule::figure)?)?;
                        let after = self.event_pattern(r.find(Rule::event_pattern)?)?;
                        EachRequirement::Within { figure, after }
                    }
                    _ => {
                        let from = self.event_pattern(r.find(Rule::event_pattern)?)?;
                        let until = self.event_pattern(r.find(Rule::event_pattern)?)?;
                        EachRequirement::Outside { from, until }
                    }
                };
                RuleBody::Each {
                    first,
                    event,
                    modality,
                    requirement,
                    span,
                }
            }
            _ => {
                let role = self.name(c.find(Rule::ident)?);
                let modality = self.modality(c.find(Rule::modality)?);
                let bound_pair = c.find(Rule::bound)?.into_inner().next()?;
                let bound_rule = bound_pair.as_rule();
                let mut figures = Vec::new();
                for f in bound_pair
                    .into_inner()
                    .filter(|p| p.as_rule() == Rule::figure)
                {
                    figures.push(self.figure(f)?);
                }
                let mut figures = figures.into_iter();
                let bound = match bound_rule {
                    Rule::at_most => Bound::AtMost(figures.next()?),
                    Rule::at_least => Bound::AtLeast(figures.next()?),
                    _ => Bound::Between(figures.next()?, figures.next()?),
                };
                let event = self.event_pattern(c.find(Rule::event_pattern)?)?;
                let mut raises = Vec::new();
                for raise in c.all(Rule::raise) {
                    raises
                        .push(self.path(raise.into_inner().find(|p| p.as_rule() == Rule::path)?)?);
                }
                let window = match c.find(Rule::window) {
                    Some(w) => {
                        let wspan = self.span(&w);
                        let mut wc = Cursor::new(w);
                        let within = match wc.find(Rule::figure) {
                            Some(f) => Some(self.figure(f)?),
                            None => None,
                        };
                        let after = self.event_pattern(wc.find(Rule::event_pattern)?)?;
                        Some(Window {
                            within,
                            after,
                            span: wspan,
                        })
                    }
                    None => None,
                };
                RuleBody::Limit {
                    role,
                    modality,
                    bound,
                    event,
                    raises,
                    window,
                    span,
                }
            }
        })
    }

    // ------------------------------------------------------------ ladders, terminations, disclosure, phases

    fn ladder(&mut self, pair: P<'_>) -> Option<Ladder> {
        let mut c = Cursor::new(pair);
        let name = self.name(c.find(Rule::ident)?);
        let sources = self.sources(&mut c);
        let reach = self.name(
            c.find(Rule::ladder_reach)?
                .into_inner()
                .find(|p| p.as_rule() == Rule::ident)?,
        );
        let start = match c.next_if(&[Rule::ladder_start]) {
            Some(s) => Some(
                self.event_pattern(
                    s.into_inner()
                        .find(|p| p.as_rule() == Rule::event_pattern)?,
                )?,
            ),
            None => None,
        };
        let attempt = self.name(
            c.find(Rule::ladder_attempt)?
                .into_inner()
                .find(|p| p.as_rule() == Rule::ident)?,
        );
        let success = self.names(c.find(Rule::ladder_success)?);
        let mut steps = Vec::new();
        for step in c.all(Rule::ladder_step) {
            let span = self.span(&step);
            let mut s = Cursor::new(step);
            let role = self.name(s.find(Rule::ident)?);
            let attempts = self.figure(s.find(Rule::figure)?)?;
            let within = match s.find(Rule::figure) {
                Some(f) => Some(self.figure(f)?),
                None => None,
            };
            steps.push(LadderStep {
                role,
                attempts,
                within,
                span,
            });
        }
        let outcome_pair = c.find(Rule::ladder_outcome)?;
        let outcome_span = self.span(&outcome_pair);
        let mut o = Cursor::new(outcome_pair);
        let label = o.find(Rule::string).map(|p| self.text(p));
        o.pos = 0;
        let duty = self.duty(o.find(Rule::duty)?)?;
        let deadline = self.optional_deadline(&mut o)?;
        let outcome = Outcome {
            label,
            duty,
            deadline,
            span: outcome_span,
        };
        let if_missed = self.if_missed(&mut c);
        Some(Ladder {
            name,
            sources,
            reach,
            start,
            attempt,
            success,
            steps,
            outcome,
            if_missed,
        })
    }

    fn termination(&mut self, pair: P<'_>) -> Option<Termination> {
        let mut c = Cursor::new(pair);
        let name = self.name(c.find(Rule::ident)?);
        let sources = self.sources(&mut c);
        let when = self.event_pattern(c.find(Rule::event_pattern)?)?;
        let between = match c.next_if(&[Rule::relationship]) {
            Some(p) => {
                let span = self.span(&p);
                let mut roles = p.into_inner().filter(|p| p.as_rule() == Rule::ident);
                let first = self.name(roles.next()?);
                let second = self.name(roles.next()?);
                Some(Between {
                    first,
                    second,
                    span,
                })
            }
            None => None,
        };
        let mut requirements = Vec::new();
        for req in c.all(Rule::requirement) {
            let span = self.span(&req);
            let mut r = Cursor::new(req);
            let duty = self.duty(r.find(Rule::duty)?)?;
            let deadline = self.optional_deadline(&mut r)?;
            requirements.push(Requirement {
                duty,
                deadline,
                span,
            });
        }
        Some(Termination {
            name,
            sources,
            when,
            between,
            requirements,
        })
    }

    fn disclosure(&mut self, pair: P<'_>) -> Option<Disclosure> {
        let mut c = Cursor::new(pair);
        let name = self.name(c.find(Rule::ident)?);
        let sources = self.sources(&mut c);
        let sharer = self.name(c.find(Rule::ident)?);
        let modality = self.modality(c.find(Rule::modality)?);
        c.find(Rule::kw_share)?;
        let only = c.next_if(&[Rule::kw_only]).map(|p| self.span(&p));
        let subject = self.name(c.find(Rule::ident)?);
        let facts = self.names(c.find(Rule::fact_names)?);
        c.find(Rule::kw_with)?;
        let recipient = self.name(c.find(Rule::ident)?);
        c.find(Rule::kw_through)?;
        let through = self.name(c.find(Rule::ident)?);
        let mut listing = None;
        let mut after = None;
        let mut until = None;
        while let Some(kw) = c.next_if(&[Rule::kw_listing, Rule::kw_after, Rule::kw_until]) {
            let value = c.find(Rule::ident).map(|p| self.name(p));
            match kw.as_rule() {
                Rule::kw_listing => listing = value,
                Rule::kw_after => after = value,
                _ => until = value,
            }
        }
        Some(Disclosure {
            name,
            sources,
            sharer,
            modality,
            only,
            subject,
            facts,
            recipient,
            through,
            listing,
            after,
            until,
        })
    }

    fn phase(&mut self, pair: P<'_>) -> Option<Phase> {
        let mut c = Cursor::new(pair);
        let name = self.name(c.find(Rule::ident)?);
        let sources = self.sources(&mut c);
        let starts = self.event_pattern(c.find(Rule::event_pattern)?)?;
        let ends = if c.next_if(&[Rule::kw_ends]).is_some() {
            Some(self.event_pattern(c.find(Rule::event_pattern)?)?)
        } else {
            None
        };
        let modality = self.modality(c.find(Rule::modality)?);
        let min = self.figure(c.find(Rule::figure)?)?;
        let max = self.figure(c.find(Rule::figure)?)?;
        Some(Phase {
            name,
            sources,
            starts,
            ends,
            modality,
            min,
            max,
        })
    }
}

type Rule_ = crate::ast::Rule;

impl Builder<'_> {
    fn test(&mut self, pair: P<'_>) -> Option<TestDecl> {
        let mut c = Cursor::new(pair);
        let name = self.name(c.find(Rule::ident)?);
        let title = c.next_if(&[Rule::string]).map(|p| self.text(p));
        let mut clauses = Vec::new();
        while let Some(clause) = c.next() {
            let span = self.span(&clause);
            let rule = clause.as_rule();
            let mut k = Cursor::new(clause);
            clauses.push(match rule {
                Rule::test_case => TestClause::Case(self.text(k.find(Rule::string)?)),
                Rule::test_at => TestClause::At(self.date(k.find(Rule::date)?)),
                Rule::test_participant => {
                    let id = self.name(k.find(Rule::participant_id)?);
                    let role = self.name(k.find(Rule::ident)?);
                    let values = k
                        .find(Rule::value_block)
                        .map(|b| self.values(b))
                        .unwrap_or_default();
                    TestClause::Participant {
                        id,
                        role,
                        values,
                        span,
                    }
                }
                Rule::test_event => {
                    k.find(Rule::kw_on)?;
                    let at = self.date(k.next_if(&[Rule::date, Rule::datetime])?);
                    let by = self.name(k.find(Rule::participant_id)?);
                    let event = self.name(k.find(Rule::ident)?);
                    let to = if k.next_if(&[Rule::kw_to]).is_some() {
                        Some(self.name(k.find(Rule::participant_id)?))
                    } else {
                        None
                    };
                    let values = k
                        .find(Rule::value_block)
                        .map(|b| self.values(b))
                        .unwrap_or_default();
                    TestClause::Event {
                        at,
                        by,
                        event,
                        to,
                        values,
                        span,
                    }
                }
                Rule::test_expect => {
                    let inner = k.pairs.get(1)?.clone();
                    TestClause::Expect(self.expectation(inner)?, span)
                }
                _ => continue,
            });
        }
        Some(TestDecl {
            name,
            title,
            clauses,
        })
    }

    fn values(&self, block: P<'_>) -> Vec<ValueEntry> {
        block
            .into_inner()
            .filter(|p| p.as_rule() == Rule::value_entry)
            .filter_map(|entry| {
                let span = self.span(&entry);
                let mut c = Cursor::new(entry);
                let name = self.name(c.find(Rule::ident)?);
                let literal = c.find(Rule::literal)?;
                let lspan = self.span(&literal);
                let inner = literal.into_inner().next()?;
                let (kind, text) = match inner.as_rule() {
                    Rule::date => (LiteralKind::Date, inner.as_str().to_string()),
                    Rule::datetime => (LiteralKind::DateTime, inner.as_str().to_string()),
                    Rule::quantity => (
                        LiteralKind::Number,
                        // The number and its unit's words, without spaces or comments in between.
                        inner
                            .clone()
                            .into_inner()
                            .flat_map(|p| {
                                let words: Vec<String> = match p.as_rule() {
                                    Rule::unit => p
                                        .into_inner()
                                        .flat_map(|u| {
                                            let parts: Vec<String> =
                                                if u.as_rule() == Rule::working_days {
                                                    u.into_inner()
                                                        .map(|w| w.as_str().to_string())
                                                        .collect()
                                                } else {
                                                    vec![u.as_str().to_string()]
                                                };
                                            parts
                                        })
                                        .collect(),
                                    _ => vec![p.as_str().to_string()],
                                };
                                words
                            })
                            .collect::<Vec<_>>()
                            .join(" "),
                    ),
                    Rule::bool_lit => (LiteralKind::Bool, inner.as_str().to_string()),
                    Rule::string => (LiteralKind::Text, self.text(inner).value),
                    _ => (LiteralKind::Name, inner.as_str().to_string()),
                };
                Some(ValueEntry {
                    name,
                    value: Literal {
                        text,
                        kind,
                        span: lspan,
                    },
                    span,
                })
            })
            .collect()
    }

    fn expectation(&mut self, pair: P<'_>) -> Option<Expectation> {
        let rule = pair.as_rule();
        let mut c = Cursor::new(pair);
        Some(match rule {
            Rule::expect_no => {
                let what = c.next_if(&[Rule::kw_no]).and_then(|_| c.next())?;
                let name = c.find(Rule::ident).map(|p| self.name(p));
                if what.as_rule() == Rule::kw_next {
                    Expectation::NoNext(name)
                } else {
                    Expectation::NoViolation(name)
                }
            }
            Rule::expect_next => {
                let rule_name = self.name(c.find(Rule::ident)?);
                let mut party = None;
                let mut due = None;
                let mut overdue = false;
                while let Some(p) = c.next() {
                    match p.as_rule() {
                        Rule::kw_for => party = c.find(Rule::participant_id).map(|p| self.name(p)),
                        Rule::kw_due => {
                            let value = c.next()?;
                            due = Some(if value.as_rule() == Rule::date {
                                Some(self.date(value))
                            } else {
                                None
                            });
                        }
                        Rule::kw_overdue => overdue = true,
                        _ => {}
                    }
                }
                Expectation::Next {
                    rule: rule_name,
                    party,
                    due,
                    overdue,
                }
            }
            Rule::expect_violation => {
                let rule_name = self.name(c.find(Rule::ident)?);
                let mut party = None;
                let mut on = None;
                while let Some(p) = c.next() {
                    match p.as_rule() {
                        Rule::kw_by => party = c.find(Rule::participant_id).map(|p| self.name(p)),
                        Rule::kw_on => on = c.find(Rule::date).map(|p| self.date(p)),
                        _ => {}
                    }
                }
                Expectation::Violation {
                    rule: rule_name,
                    party,
                    on,
                }
            }
            Rule::expect_eligible => {
                let negated = c.next_if(&[Rule::kw_not]).is_some();
                let participant = self.name(c.find(Rule::participant_id)?);
                Expectation::Eligible {
                    negated,
                    participant,
                }
            }
            _ => {
                let rule_name = self.name(c.find(Rule::ident)?);
                let word = c.find(Rule::status_word)?;
                let status = match word.as_str().split_whitespace().next().unwrap_or("") {
                    "met" => StatusWord::Met,
                    "pending" => StatusWord::Pending,
                    "overdue" => StatusWord::Overdue,
                    "violated" => StatusWord::Violated,
                    _ => StatusWord::NotTriggered,
                };
                Expectation::Status {
                    rule: rule_name,
                    status,
                }
            }
        })
    }
}

impl<'i> Cursor<'i> {
    /// All remaining children with this rule, wherever they are.
    fn all_remaining(&mut self, rule: Rule) -> Vec<P<'i>> {
        let rest = self.pairs.get(self.pos..).unwrap_or(&[]);
        let out = rest
            .iter()
            .filter(|p| p.as_rule() == rule)
            .cloned()
            .collect();
        self.pos = self.pairs.len();
        out
    }
}
