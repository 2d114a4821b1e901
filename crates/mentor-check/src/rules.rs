//! The second pass: eligibility, rules, ladders, termination paths, disclosure and phases.

use crate::Checker;
use crate::conditions::Scope;
use crate::figures::FigureUse;
use crate::index::Def;
use crate::model::{
    AnchorDef, DeadlineDef, DutyDef, EligibilityDef, EventId, EventMatch, Expr, FactRef, MonthDay,
    OutcomeDef, RoleId, RuleDef, RuleId, RuleKind, StepDef, WindowDef,
};
use crate::model::{
    DeadlineRule, DisclosureRule, EachHaveRule, EachOutsideRule, EachWithinRule, LadderRule,
    LimitRule, PhaseRule, RecurringRule, TerminationRule,
};
use crate::types::Ty;
use mentor_diagnostics::catalog::meaning::{self, DateWanted, UnitsMixed};
use mentor_diagnostics::catalog::{names, syntax};
use mentor_syntax::ast::{self, ItemKind, ModalityKind};

impl Checker {
    pub(crate) fn check_items(&mut self, policy: &ast::Policy) {
        // Rule names first, so a phase can point at the next one and references resolve.
        let mut phases: Vec<RuleId> = Vec::new();
        for item in &policy.items {
            match &item.kind {
                ItemKind::Ladder(l) => {
                    self.ladder_names.insert(l.name.text.clone());
                }
                ItemKind::Eligibility(e) => {
                    self.roles_with_eligibility.insert(e.role.text.clone());
                }
                _ => {}
            }
        }
        let mut until_ladders: Vec<(RuleId, ast::Name)> = Vec::new();
        for item in &policy.items {
            match &item.kind {
                ItemKind::Eligibility(e) => self.eligibility(e, item.span),
                ItemKind::Rule(ast::Rule {
                    body:
                        ast::RuleBody::Recurring {
                            until: Some(until), ..
                        },
                    ..
                }) if self.names_a_ladder(until) => {
                    let before = self.model.rules.len();
                    if let ItemKind::Rule(r) = &item.kind {
                        self.rule(r, item.span);
                    }
                    if self.model.rules.len() > before {
                        until_ladders.push((RuleId(before as u32), until.event.clone()));
                    }
                }
                ItemKind::Rule(r) => self.rule(r, item.span),
                ItemKind::Ladder(l) => self.ladder(l, item.span),
                ItemKind::Termination(t) => self.termination(t, item.span),
                ItemKind::Disclosure(d) => self.disclosure(d, item.span),
                ItemKind::Phase(p) => {
                    if let Some(id) = self.phase(p, item.span) {
                        phases.push(id);
                    }
                }
                _ => {}
            }
        }
        for pair in phases.windows(2) {
            if let [this, next] = pair
                && let Some(RuleDef {
                    kind: RuleKind::Phase(PhaseRule { next: slot, .. }),
                    ..
                }) = self.model.rules.get_mut(this.index())
            {
                *slot = Some(*next);
            }
        }
        for (rule, name) in until_ladders {
            let ladder = self
                .model
                .rules
                .iter()
                .position(|r| r.name == name.text && matches!(r.kind, RuleKind::Ladder { .. }));
            if let Some(ladder) = ladder {
                let ladder = RuleId(ladder as u32);
                self.index.refer(name.span, Def::Rule(ladder));
                if let Some(RuleDef {
                    kind: RuleKind::Recurring(RecurringRule { until_ladder, .. }),
                    ..
                }) = self.model.rules.get_mut(rule.index())
                {
                    *until_ladder = Some(ladder);
                }
            }
        }
    }

    /// Whether a monthly duty's `until` names a ladder (and no event of that name exists).
    fn names_a_ladder(&self, until: &ast::EventPattern) -> bool {
        until.filter.is_none()
            && until.first.is_none()
            && !self.event_names.contains_key(&until.event.text)
            && self.ladder_names.contains(&until.event.text)
    }

    fn push_rule(
        &mut self,
        name: &ast::Name,
        severity: ModalityKind,
        kind: RuleKind,
        sources: &[ast::Text],
        if_missed: Option<&ast::Text>,
        span: mentor_diagnostics::Span,
    ) -> RuleId {
        if let Some(text) = if_missed {
            self.placeholders(text);
        }
        let id = RuleId(self.model.rules.len() as u32);
        self.model.rules.push(RuleDef {
            name: name.text.clone(),
            severity,
            kind,
            sources: sources.iter().map(|s| s.value.clone()).collect(),
            if_missed: if_missed.map(|t| t.value.clone()),
            span,
            name_span: name.span,
        });
        self.index.declare(name.span, Def::Rule(id));
        id
    }

    /// `{mentee}` in an `if missed` text must name a role: it is replaced by that participant.
    fn placeholders(&mut self, text: &ast::Text) {
        let mut rest = text.value.as_str();
        while let Some(open) = rest.find('{') {
            let after = rest.get(open + 1..).unwrap_or("");
            let Some(close) = after.find('}') else { break };
            let name = after.get(..close).unwrap_or("");
            if !self.role_names.contains_key(name) {
                let candidates: Vec<String> = self.role_names.keys().cloned().collect();
                self.error(names::unknown_placeholder(
                    text.span,
                    name,
                    names::Placeholder::IfMissed,
                    candidates.iter().map(String::as_str),
                ));
            }
            rest = after.get(close + 1..).unwrap_or("");
        }
    }

    fn eligibility(&mut self, e: &ast::Eligibility, span: mentor_diagnostics::Span) {
        let Some(role) = self.role(&e.role) else {
            return;
        };
        let condition = self.condition(&e.condition, Scope::Participant(role));
        let id = self.model.eligibility.len() as u32;
        self.index.declare(e.name.span, Def::Eligibility(id));
        self.model.eligibility.push(EligibilityDef {
            name: e.name.text.clone(),
            role,
            condition,
            sources: e.sources.iter().map(|s| s.value.clone()).collect(),
            span,
        });
    }

    /// An event pattern: the event, `first`, and its `where` filter.
    pub(crate) fn event_match(&mut self, pattern: &ast::EventPattern) -> Option<EventMatch> {
        let event = self.event(&pattern.event)?;
        let filter = pattern
            .filter
            .as_ref()
            .map(|f| self.condition(f, Scope::Event(event)));
        if matches!(filter, Some(Expr::Invalid)) {
            return None;
        }
        Some(EventMatch {
            event,
            first: pattern.first.is_some(),
            up_to: None,
            filter,
            span: pattern.span,
        })
    }

    fn anchor(&mut self, anchor: &ast::Anchor) -> Option<AnchorDef> {
        Some(match anchor {
            ast::Anchor::Event(p) => AnchorDef::Event(self.event_match(p)?),
            ast::Anchor::LaterOf(a, b, _) => {
                let (a, b) = (self.event_match(a), self.event_match(b));
                AnchorDef::LaterOf(a?, b?)
            }
            ast::Anchor::EarlierOf(a, b, _) => {
                let (a, b) = (self.event_match(a), self.event_match(b));
                AnchorDef::EarlierOf(a?, b?)
            }
            ast::Anchor::Date(d) => AnchorDef::Date(self.date(d)?),
            ast::Anchor::Fact(path) => {
                let role = self.role(&path.first)?;
                let fact_name = path.second.as_ref()?;
                let def = self.model.role(role)?;
                let found = def
                    .fact(&fact_name.text)
                    .and_then(|i| def.facts.get(i as usize).map(|f| (i, f.ty)));
                match found {
                    Some((fact, Ty::Date | Ty::DateTime)) => {
                        self.index.refer(fact_name.span, Def::Fact(role, fact));
                        AnchorDef::Fact(FactRef {
                            role: Some(role),
                            owner: role,
                            fact,
                        })
                    }
                    Some((_, ty)) => {
                        let what = ty.describe(&self.model);
                        self.error(meaning::not_a_date(
                            fact_name.span,
                            &fact_name.text,
                            &what,
                            DateWanted::DeadlineFrom,
                        ));
                        return None;
                    }
                    None => {
                        self.unknown_fact(role, fact_name, Some(Ty::Date), true);
                        return None;
                    }
                }
            }
        })
    }

    /// `role must a or b [to role]`: every action may be done by the role (and sent to `to`).
    fn duty(&mut self, duty: &ast::Duty) -> Option<DutyDef> {
        let role = self.role(&duty.role);
        let to = duty.to.as_ref().and_then(|t| self.role(t));
        let mut actions = Vec::new();
        let mut ok = role.is_some() && (duty.to.is_none() || to.is_some());
        for action in &duty.actions {
            let Some(event) = self.event(action) else {
                ok = false;
                continue;
            };
            if let Some(role) = role
                && !self.may_do(role, event)
            {
                self.actor_not_allowed(&duty.role, action, event);
                ok = false;
            }
            if let (Some(to), Some(to_name)) = (to, &duty.to)
                && !self.may_receive(to, event)
            {
                self.recipient_not_allowed(to_name, action, event);
                ok = false;
            }
            actions.push(event);
        }
        if !ok {
            return None;
        }
        Some(DutyDef {
            role: role?,
            modality: duty.modality.kind,
            actions,
            to,
            span: duty.span,
        })
    }

    fn may_do(&self, role: RoleId, event: EventId) -> bool {
        self.model
            .event(event)
            .is_some_and(|e| e.by.contains(&role))
    }

    fn may_receive(&self, role: RoleId, event: EventId) -> bool {
        self.model
            .event(event)
            .is_some_and(|e| e.to.contains(&role))
    }

    fn takes_part(&self, role: RoleId, event: EventId) -> bool {
        self.may_do(role, event) || self.may_receive(role, event)
    }

    fn role_names(&self, roles: &[RoleId]) -> Vec<String> {
        roles
            .iter()
            .map(|r| self.model.role_name(*r).to_string())
            .collect()
    }

    /// A ladder step whose role may not make the ladder's attempts.
    fn step_cannot_attempt(&mut self, role: &ast::Name, attempt: &ast::Name, event: EventId) {
        let Some(def) = self.model.event(event) else {
            return;
        };
        let by = self.role_names(&def.by);
        let by: Vec<&str> = by.iter().map(String::as_str).collect();
        self.error(meaning::step_cannot_attempt(
            role.span,
            &role.text,
            attempt.span,
            &attempt.text,
            &by,
        ));
    }

    fn actor_not_allowed(&mut self, role: &ast::Name, action: &ast::Name, event: EventId) {
        let Some(def) = self.model.event(event) else {
            return;
        };
        let by = self.role_names(&def.by);
        let by: Vec<&str> = by.iter().map(String::as_str).collect();
        self.error(meaning::actor_not_allowed(
            role.span,
            &role.text,
            action.span,
            &action.text,
            def.span,
            &by,
        ));
    }

    fn recipient_not_allowed(&mut self, to: &ast::Name, action: &ast::Name, event: EventId) {
        let Some(def) = self.model.event(event) else {
            return;
        };
        let targets = self.role_names(&def.to);
        let targets: Vec<&str> = targets.iter().map(String::as_str).collect();
        self.error(meaning::recipient_not_allowed(
            to.span,
            &to.text,
            &action.text,
            def.span,
            &targets,
        ));
    }

    fn deadline(&mut self, deadline: &ast::Deadline) -> Option<DeadlineDef> {
        Some(match deadline {
            ast::Deadline::Within(f) => DeadlineDef::Within(self.figure(f, FigureUse::Duration)?),
            ast::Deadline::By(d) => DeadlineDef::By(self.date(d)?),
        })
    }

    fn optional_deadline(
        &mut self,
        deadline: Option<&ast::Deadline>,
    ) -> Option<Option<DeadlineDef>> {
        match deadline {
            Some(d) => Some(Some(self.deadline(d)?)),
            None => Some(None),
        }
    }

    fn rule(&mut self, rule: &ast::Rule, span: mentor_diagnostics::Span) {
        let severity = rule.body.modality().kind;
        let kind = match &rule.body {
            ast::RuleBody::Deadline {
                anchor,
                duty,
                deadline,
                ..
            } => {
                let anchor = self.anchor(anchor);
                let duty = self.duty(duty);
                let deadline = self.optional_deadline(deadline.as_ref());
                match (anchor, duty, deadline) {
                    (Some(anchor), Some(duty), Some(deadline)) => {
                        Some(RuleKind::Deadline(DeadlineRule {
                            anchor,
                            duty,
                            deadline,
                        }))
                    }
                    _ => None,
                }
            }
            ast::RuleBody::Recurring {
                from,
                until,
                duty,
                by,
                ..
            } => {
                let from_m = from.as_ref().map(|f| self.event_match(f));
                // `until LADDER` is resolved once every ladder is known (see `check_items`).
                let until_m = until
                    .as_ref()
                    .filter(|u| !self.names_a_ladder(u))
                    .map(|u| self.event_match(u));
                let duty = self.duty(duty);
                let day = match by {
                    ast::MonthDay::Day(n, s) => {
                        if (1..=31).contains(n) {
                            Some(MonthDay::Day(*n))
                        } else {
                            self.error(meaning::no_day_of_month(*s, *n));
                            None
                        }
                    }
                    ast::MonthDay::End(_) => Some(MonthDay::End),
                };
                match (from_m, until_m, duty, day) {
                    (Some(None), _, _, _) | (_, Some(None), _, _) => None,
                    (from, until, Some(duty), Some(day)) => {
                        Some(RuleKind::Recurring(RecurringRule {
                            from: from.flatten(),
                            until: until.flatten(),
                            until_ladder: None,
                            duty,
                            day,
                        }))
                    }
                    _ => None,
                }
            }
            ast::RuleBody::Each {
                first,
                event,
                requirement,
                ..
            } => {
                let event_m = self.event_match(event).map(|m| EventMatch {
                    up_to: first.as_ref().map(|n| n.value),
                    ..m
                });
                if let (Some(n), ast::EachRequirement::Outside { .. }) = (first, requirement) {
                    self.error(syntax::first_with_outside(n.span));
                    return;
                }
                if first.as_ref().is_some_and(|n| n.value == 0) {
                    self.error(meaning::first_zero(
                        first.as_ref().map_or(event.span, |n| n.span),
                    ));
                    return;
                }
                match requirement {
                    ast::EachRequirement::Have(cond) => {
                        let condition = event_m
                            .as_ref()
                            .map(|e| self.condition(cond, Scope::Event(e.event)));
                        match (event_m, condition) {
                            (Some(event), Some(condition)) if condition != Expr::Invalid => {
                                Some(RuleKind::EachHave(EachHaveRule { event, condition }))
                            }
                            _ => None,
                        }
                    }
                    ast::EachRequirement::Within { figure, after } => {
                        let figure = self.figure(figure, FigureUse::Duration);
                        let after = self.event_match(after);
                        match (event_m, figure, after) {
                            (Some(event), Some(figure), Some(after)) => {
                                Some(RuleKind::EachWithin(EachWithinRule {
                                    event,
                                    figure,
                                    after,
                                }))
                            }
                            _ => None,
                        }
                    }
                    ast::EachRequirement::Outside { from, until } => {
                        let from = self.event_match(from);
                        let until = self.event_match(until);
                        match (event_m, from, until) {
                            (Some(event), Some(from), Some(until)) => {
                                Some(RuleKind::EachOutside(EachOutsideRule {
                                    event,
                                    from,
                                    until,
                                }))
                            }
                            _ => None,
                        }
                    }
                }
            }
            ast::RuleBody::Limit {
                role,
                bound,
                event,
                raises,
                window,
                ..
            } => self.limit(role, bound, event, raises, window.as_ref()),
        };
        if let Some(kind) = kind {
            self.push_rule(
                &rule.name,
                severity,
                kind,
                &rule.sources,
                rule.if_missed.as_ref(),
                span,
            );
        }
    }

    fn limit(
        &mut self,
        role_name: &ast::Name,
        bound: &ast::Bound,
        event: &ast::EventPattern,
        raises: &[ast::Path],
        window: Option<&ast::Window>,
    ) -> Option<RuleKind> {
        let role = self.role(role_name);
        let event_m = self.event_match(event);
        let (min, max) = match bound {
            ast::Bound::AtMost(f) => (None, self.figure(f, FigureUse::Count).map(Some)),
            ast::Bound::AtLeast(f) => (self.figure(f, FigureUse::Count).map(Some), None),
            ast::Bound::Between(a, b) => {
                let (a, b) = (
                    self.figure(a, FigureUse::Count),
                    self.figure(b, FigureUse::Count),
                );
                if let (Some(lo), Some(hi)) = (&a, &b)
                    && lo.base.value > hi.base.value
                {
                    self.error(meaning::range_upside_down(
                        hi.span,
                        lo.base.value,
                        hi.base.value,
                    ));
                    return None;
                }
                (a.map(Some), b.map(Some))
            }
        };
        let (Some(min), Some(max)) = (min.or(Some(None)), max.or(Some(None))) else {
            return None;
        };
        if matches!(bound, ast::Bound::AtMost(_)) && max.is_none()
            || matches!(bound, ast::Bound::AtLeast(_)) && min.is_none()
        {
            return None;
        }
        if matches!(bound, ast::Bound::Between(..)) && (min.is_none() || max.is_none()) {
            return None;
        }
        let mut raise_defs = Vec::new();
        for raise in raises {
            let Some(field_name) = &raise.second else {
                self.error(meaning::raise_needs_field(raise.span));
                return None;
            };
            let raise_event = self.event(&raise.first)?;
            let def = self.model.event(raise_event)?;
            let event_text = def.name.clone();
            match def.field(&field_name.text) {
                Some(i) if def.fields.get(i as usize).is_some_and(|f| f.ty.is_number()) => {
                    self.index
                        .refer(field_name.span, Def::Field(raise_event, i));
                    raise_defs.push((raise_event, i));
                }
                Some(i) => {
                    self.index
                        .refer(field_name.span, Def::Field(raise_event, i));
                    self.error(meaning::raise_not_a_number(
                        field_name.span,
                        &event_text,
                        &field_name.text,
                    ));
                    return None;
                }
                None => {
                    let fields: Vec<&str> = def.fields.iter().map(|f| f.name.as_str()).collect();
                    let diagnostic = names::unknown_field(
                        field_name.span,
                        &event_text,
                        &field_name.text,
                        &fields,
                        false,
                    );
                    self.error(diagnostic);
                    return None;
                }
            }
        }
        let window = match window {
            Some(w) => {
                let within = match &w.within {
                    Some(f) => Some(self.figure(f, FigureUse::Duration)?),
                    None => None,
                };
                let after = self.event_match(&w.after)?;
                Some(WindowDef { within, after })
            }
            None => None,
        };
        let (role, event) = (role?, event_m?);
        if !self.takes_part(role, event.event) {
            let event_text = self.model.event_name(event.event).to_string();
            self.error(meaning::never_takes_part(
                role_name.span,
                &role_name.text,
                &event_text,
            ));
            return None;
        }
        Some(RuleKind::Limit(LimitRule {
            role,
            min,
            max,
            event,
            raises: raise_defs,
            window,
        }))
    }

    fn ladder(&mut self, ladder: &ast::Ladder, span: mentor_diagnostics::Span) {
        let reach = self.role(&ladder.reach);
        let start = ladder.start.as_ref().map(|s| self.event_match(s));
        let attempt = self.event(&ladder.attempt);
        let success: Vec<Option<EventId>> = ladder.success.iter().map(|s| self.event(s)).collect();
        let mut ok = reach.is_some()
            && attempt.is_some()
            && success.iter().all(Option::is_some)
            && !matches!(start, Some(None));
        if let (Some(reach), Some(attempt)) = (reach, attempt)
            && !self.may_receive(reach, attempt)
        {
            self.recipient_not_allowed(&ladder.reach, &ladder.attempt, attempt);
            ok = false;
        }
        let mut steps = Vec::new();
        for step in &ladder.steps {
            let role = self.role(&step.role);
            let attempts = self.figure(&step.attempts, FigureUse::Count);
            let within = match &step.within {
                Some(f) => self.figure(f, FigureUse::Duration).map(Some),
                None => Some(None),
            };
            if let (Some(role), Some(attempt)) = (role, attempt)
                && !self.may_do(role, attempt)
            {
                self.step_cannot_attempt(&step.role, &ladder.attempt, attempt);
                ok = false;
            }
            if let Some(a) = &attempts
                && a.base.value == 0
            {
                self.error(meaning::step_without_attempts(step.attempts.span));
                ok = false;
            }
            match (role, attempts, within) {
                (Some(role), Some(attempts), Some(within)) => steps.push(StepDef {
                    role,
                    attempts,
                    within,
                    span: step.span,
                }),
                _ => ok = false,
            }
        }
        let duty = self.duty(&ladder.outcome.duty);
        let deadline = self.optional_deadline(ladder.outcome.deadline.as_ref());
        let (Some(duty), Some(deadline), true) = (duty, deadline, ok) else {
            return;
        };
        let (Some(reach), Some(attempt)) = (reach, attempt) else {
            return;
        };
        let kind = RuleKind::Ladder(LadderRule {
            reach,
            start: start.flatten(),
            attempt,
            success: success.into_iter().flatten().collect(),
            steps,
            outcome: OutcomeDef {
                label: ladder.outcome.label.as_ref().map(|l| l.value.clone()),
                duty,
                deadline,
            },
        });
        let severity = ladder.outcome.duty.modality.kind;
        self.push_rule(
            &ladder.name,
            severity,
            kind,
            &ladder.sources,
            ladder.if_missed.as_ref(),
            span,
        );
    }

    fn termination(&mut self, t: &ast::Termination, span: mentor_diagnostics::Span) {
        let when = self.event_match(&t.when);
        let mut requirements = Vec::new();
        let mut ok = when.is_some();
        let between = match &t.between {
            Some(b) => match (self.role(&b.first), self.role(&b.second)) {
                (Some(x), Some(y)) => Some((x, y)),
                _ => {
                    ok = false;
                    None
                }
            },
            None => None,
        };
        let mut severity = ModalityKind::Should;
        for req in &t.requirements {
            if req.duty.modality.kind == ModalityKind::Must {
                severity = ModalityKind::Must;
            }
            let duty = self.duty(&req.duty);
            let deadline = self.optional_deadline(req.deadline.as_ref());
            match (duty, deadline) {
                (Some(duty), Some(deadline)) => requirements.push((duty, deadline)),
                _ => ok = false,
            }
        }
        if let (Some(when), true) = (when, ok) {
            self.push_rule(
                &t.name,
                severity,
                RuleKind::Termination(TerminationRule {
                    when,
                    requirements,
                    between,
                }),
                &t.sources,
                None,
                span,
            );
        }
    }

    fn disclosure(&mut self, d: &ast::Disclosure, span: mentor_diagnostics::Span) {
        let sharer = self.role(&d.sharer);
        let subject = self.role(&d.subject);
        let recipient = self.role(&d.recipient);
        let through = self.event(&d.through);
        let mut ok =
            sharer.is_some() && subject.is_some() && recipient.is_some() && through.is_some();
        let mut facts = Vec::new();
        if let Some(subject) = subject {
            for fact in &d.facts {
                let found = self.model.role(subject).and_then(|r| r.fact(&fact.text));
                match found {
                    Some(i) => {
                        self.index.refer(fact.span, Def::Fact(subject, i));
                        facts.push(i);
                    }
                    None => {
                        self.unknown_fact(subject, fact, None, false);
                        ok = false;
                    }
                }
            }
        }
        if let (Some(sharer), Some(through)) = (sharer, through)
            && !self.may_do(sharer, through)
        {
            self.actor_not_allowed(&d.sharer, &d.through, through);
            ok = false;
        }
        if let (Some(recipient), Some(through)) = (recipient, through)
            && !self.may_receive(recipient, through)
        {
            self.recipient_not_allowed(&d.recipient, &d.through, through);
            ok = false;
        }
        let mut listing = None;
        if let (Some(name), Some(through)) = (&d.listing, through) {
            let def = self.model.event(through);
            let event_text = def.map(|e| e.name.clone()).unwrap_or_default();
            match def.and_then(|e| {
                e.field(&name.text)
                    .map(|i| (i, e.fields.get(i as usize).map(|f| f.ty)))
            }) {
                Some((i, Some(Ty::Text))) => {
                    self.index.refer(name.span, Def::Field(through, i));
                    listing = Some(i);
                }
                Some((i, ty)) => {
                    let what = ty.map(|t| t.describe(&self.model));
                    self.index.refer(name.span, Def::Field(through, i));
                    self.error(meaning::listing_not_text(
                        name.span,
                        &event_text,
                        &name.text,
                        what.as_deref(),
                    ));
                    ok = false;
                }
                None => {
                    let fields: Vec<&str> = def
                        .map(|e| e.fields.iter().map(|f| f.name.as_str()).collect())
                        .unwrap_or_default();
                    let diagnostic =
                        names::unknown_field(name.span, &event_text, &name.text, &fields, false);
                    self.error(diagnostic);
                    ok = false;
                }
            }
        }
        let after = d.after.as_ref().map(|a| self.event(a));
        let until = d.until.as_ref().map(|u| self.event(u));
        if matches!(after, Some(None)) || matches!(until, Some(None)) {
            ok = false;
        }
        if let (true, Some(sharer), Some(subject), Some(recipient), Some(through)) =
            (ok, sharer, subject, recipient, through)
        {
            let kind = RuleKind::Disclosure(DisclosureRule {
                sharer,
                subject,
                facts,
                recipient,
                through,
                listing,
                only: d.only.is_some(),
                after: after.flatten(),
                until: until.flatten(),
            });
            self.push_rule(&d.name, d.modality.kind, kind, &d.sources, None, span);
        }
    }

    fn phase(&mut self, p: &ast::Phase, span: mentor_diagnostics::Span) -> Option<RuleId> {
        let starts = self.event_match(&p.starts);
        let ends = p.ends.as_ref().map(|e| self.event_match(e));
        // `3 to 6 months`: a lower bound without a unit takes the upper bound's unit.
        let mut min_ast = p.min.clone();
        if min_ast.base.unit.is_none() {
            min_ast.base.unit = p.max.base.unit.clone();
        }
        if p.max.base.unit.is_none() {
            self.error(meaning::phase_needs_unit(
                p.min.span.cover(p.max.span),
                p.min.base.value,
                p.max.base.value,
            ));
            return None;
        }
        let min = self.figure(&min_ast, FigureUse::Duration);
        let max = self.figure(&p.max, FigureUse::Duration);
        if let (Some(lo), Some(hi)) = (&min, &max) {
            if !crate::figures::same_family(lo.base.unit, hi.base.unit) {
                self.error(crate::figures::unit_mismatch(
                    lo.span,
                    lo.base,
                    hi.span,
                    hi.base,
                    UnitsMixed::PhaseLengths,
                ));
                return None;
            }
            if lo.base.in_base() > hi.base.in_base() {
                self.error(meaning::phase_lengths_reversed(
                    p.min.span.cover(p.max.span),
                ));
                return None;
            }
        }
        match (starts, ends, min, max) {
            (Some(starts), ends, Some(min), Some(max)) if !matches!(ends, Some(None)) => {
                Some(self.push_rule(
                    &p.name,
                    p.modality.kind,
                    RuleKind::Phase(PhaseRule {
                        starts,
                        ends: ends.flatten(),
                        min,
                        max,
                        next: None,
                    }),
                    &p.sources,
                    None,
                    span,
                ))
            }
            _ => None,
        }
    }
}
