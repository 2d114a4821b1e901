//! The first pass: programme, calendars, types, roles, events and similarities.

use crate::Checker;
use crate::index::Def;
use crate::model::{
    CalendarDef, CalendarId, EventDef, EventId, FieldDef, ProgrammeDef, RoleDef, RoleId, SetId,
    SimilarityDef, SimilarityId, SymbolSet, TypeDef, TypeId,
};
use crate::phrase::{Phrase, placeholders};
use crate::types::Ty;
use mentor_diagnostics::Span;
use mentor_diagnostics::catalog::{meaning, names};
use mentor_syntax::ast::{self, ItemKind};
use mentor_syntax::keywords::BUILTIN_TYPES;

impl Checker {
    pub(crate) fn declare(&mut self, policy: &ast::Policy) {
        for item in &policy.items {
            if let ItemKind::Error(e) = &item.kind
                && let Some(name) = &e.name
            {
                self.broken.insert(name.text.clone());
            }
        }
        self.declare_programme(policy);
        // Names first, so that declarations may refer to each other in any order.
        for item in &policy.items {
            match &item.kind {
                ItemKind::Calendar(c) => self.declare_calendar(c),
                ItemKind::Type(t) => self.declare_type_name(t),
                ItemKind::Role(r) => self.declare_role_name(r),
                ItemKind::Event(e) => self.declare_event_name(e),
                _ => {}
            }
        }
        for item in &policy.items {
            if let ItemKind::Type(t) = &item.kind {
                self.define_type(t);
            }
        }
        for item in &policy.items {
            match &item.kind {
                ItemKind::Role(r) => self.define_role(r),
                ItemKind::Event(e) => self.define_event(e),
                _ => {}
            }
        }
        for item in &policy.items {
            if let ItemKind::Similarity(s) = &item.kind {
                self.declare_similarity(s);
            }
        }
    }

    fn declare_programme(&mut self, policy: &ast::Policy) {
        let programmes: Vec<&ast::Programme> = policy
            .items
            .iter()
            .filter_map(|i| {
                if let ItemKind::Programme(p) = &i.kind {
                    Some(p)
                } else {
                    None
                }
            })
            .collect();
        let broken_programme = policy.items.iter().any(|i| i.keyword() == "programme");
        // A file of tests (`x.test.mentor`) names the policy it tests instead of a programme.
        let tests_only = policy
            .items
            .iter()
            .all(|i| matches!(i.keyword(), "test" | "policy"));
        if programmes.is_empty() && tests_only && !policy.items.is_empty() {
            return;
        }
        match programmes.as_slice() {
            [] if !broken_programme => self.error(names::no_programme()),
            [] => {}
            [first, rest @ ..] => {
                let time_zone = first
                    .time_zone
                    .as_ref()
                    .and_then(|zone| self.time_zone(zone));
                self.model.programme = Some(ProgrammeDef {
                    name: first.name.text.clone(),
                    title: first.title.as_ref().map(|t| t.value.clone()),
                    time_zone,
                    span: first.name.span,
                });
                self.index.declare(first.name.span, Def::Programme);
                for other in rest {
                    self.error(names::second_programme(other.name.span, first.name.span));
                }
            }
        }
    }

    /// An IANA time zone name such as `Europe/London`.
    fn time_zone(&mut self, zone: &ast::Text) -> Option<chrono_tz::Tz> {
        if let Ok(tz) = zone.value.parse::<chrono_tz::Tz>() {
            return Some(tz);
        }
        let names: Vec<&str> = chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect();
        let city = zone.value.trim().replace(' ', "_");
        let close = names
            .iter()
            .copied()
            .find(|n| n.eq_ignore_ascii_case(&city))
            .or_else(|| {
                names.iter().copied().find(|n| {
                    n.rsplit('/')
                        .next()
                        .is_some_and(|last| last.eq_ignore_ascii_case(&city))
                })
            });
        self.error(meaning::unknown_time_zone(
            zone.span,
            &zone.value,
            close,
            names.iter().copied(),
        ));
        None
    }

    fn duplicate(&mut self, what: &str, name: &ast::Name, first: Option<Span>) -> bool {
        let Some(first) = first else { return false };
        self.error(names::declared_twice(name.span, what, &name.text, first));
        true
    }

    fn declare_calendar(&mut self, decl: &ast::CalendarDecl) {
        let existing = self
            .calendar_names
            .get(&decl.name.text)
            .and_then(|id| self.model.calendar(*id))
            .map(|c| c.span);
        if self.duplicate("calendar", &decl.name, existing) {
            return;
        }
        let base_name = decl.base.as_ref().unwrap_or(&decl.name);
        let Some(base) = mentor_calendar::builtin(&base_name.text) else {
            let known = mentor_calendar::builtin_names();
            self.error(names::unknown_builtin_calendar(
                base_name.span,
                &base_name.text,
                &decl.name.text,
                known,
            ));
            self.broken.insert(decl.name.text.clone());
            self.broken_calendar = true;
            return;
        };
        let mut closed = Vec::new();
        for entry in &decl.closed {
            let day = match entry {
                ast::Closed::Day(day) => day,
                ast::Closed::File(file) => {
                    match crate::closure_files::days(&self.closure_files, file) {
                        Ok(days) => closed.extend(days.into_iter().filter(|d| base.contains(*d))),
                        Err(diagnostics) => diagnostics.into_iter().for_each(|d| self.error(d)),
                    }
                    continue;
                }
            };
            if let Some(date) = self.date(day) {
                if !base.contains(date) {
                    self.error(meaning::closure_outside_calendar(
                        day.span,
                        &date.to_string(),
                        base.name(),
                        base.first_year(),
                        base.last_year(),
                    ));
                }
                closed.push(date);
            }
        }
        let calendar = if closed.is_empty() && decl.base.is_none() {
            base.clone()
        } else {
            base.with_closures(&decl.name.text, &closed)
        };
        let id = CalendarId(self.model.calendars.len() as u32);
        self.model.calendars.push(CalendarDef {
            name: decl.name.text.clone(),
            calendar,
            span: decl.name.span,
        });
        self.calendar_names.insert(decl.name.text.clone(), id);
        self.index.declare(decl.name.span, Def::Calendar(id));
    }

    fn declare_type_name(&mut self, decl: &ast::TypeDecl) {
        let existing = self
            .type_names
            .get(&decl.name.text)
            .and_then(|id| self.model.types.get(id.index()))
            .map(|t| t.span);
        if self.duplicate("type", &decl.name, existing) {
            return;
        }
        if BUILTIN_TYPES.contains(&decl.name.text.as_str()) {
            self.shadowed_builtins.insert(decl.name.text.clone());
            self.error(names::builtin_type_declared(
                decl.name.span,
                &decl.name.text,
            ));
            return;
        }
        let id = TypeId(self.model.types.len() as u32);
        // The type is filled in by `define_type`; until then it is a placeholder.
        self.model.types.push(TypeDef {
            name: decl.name.text.clone(),
            ty: Ty::Text,
            span: decl.name.span,
        });
        self.type_names.insert(decl.name.text.clone(), id);
        self.index.declare(decl.name.span, Def::Type(id));
    }

    fn define_type(&mut self, decl: &ast::TypeDecl) {
        let Some(&id) = self.type_names.get(&decl.name.text) else {
            return;
        };
        if self
            .model
            .types
            .get(id.index())
            .is_some_and(|t| t.span != decl.name.span)
        {
            return; // a duplicate
        }
        if decl.ty.names.len() == 1
            && decl
                .ty
                .names
                .first()
                .is_some_and(|n| n.text == decl.name.text)
        {
            self.error(names::type_defined_as_itself(decl.ty.span, &decl.name.text));
            return;
        }
        if let Some(ty) = self.type_expr(&decl.ty)
            && let Some(def) = self.model.types.get_mut(id.index())
        {
            def.ty = ty;
        }
    }

    /// The type written in a fact or field declaration.
    pub(crate) fn type_expr(&mut self, expr: &ast::TypeExpr) -> Option<Ty> {
        match expr.names.as_slice() {
            [single] => {
                if self.shadowed_builtins.contains(&single.text) {
                    return Some(Ty::Unknown);
                }
                let ty = match single.text.as_str() {
                    "bool" => Some(Ty::Bool),
                    "int" => Some(Ty::Int),
                    "count" => Some(Ty::Count),
                    "text" => Some(Ty::Text),
                    "date" => Some(Ty::Date),
                    "datetime" => Some(Ty::DateTime),
                    "duration" => Some(Ty::Duration),
                    _ => None,
                };
                if ty.is_some() {
                    return ty;
                }
                if let Some(&id) = self.type_names.get(&single.text) {
                    self.index.refer(single.span, Def::Type(id));
                    return self.model.types.get(id.index()).map(|t| t.ty);
                }
                if self.broken.contains(&single.text) {
                    return None;
                }
                let candidates: Vec<String> = BUILTIN_TYPES
                    .iter()
                    .map(|s| s.to_string())
                    .chain(self.type_names.keys().cloned())
                    .collect();
                self.error(names::unknown_type(
                    single.span,
                    &single.text,
                    candidates.iter().map(String::as_str),
                ));
                None
            }
            symbols => {
                let mut names: Vec<String> = Vec::with_capacity(symbols.len());
                for symbol in symbols {
                    if names.contains(&symbol.text) {
                        self.error(names::choice_listed_twice(symbol.span, &symbol.text));
                    } else {
                        names.push(symbol.text.clone());
                    }
                }
                let set = self.intern_set(names);
                for symbol in symbols {
                    if let Some(i) = self.model.set(set).and_then(|s| s.position(&symbol.text)) {
                        self.index
                            .declare(symbol.span, crate::index::Def::Symbol(set, i));
                    }
                }
                Some(Ty::Symbol(set))
            }
        }
    }

    fn intern_set(&mut self, symbols: Vec<String>) -> SetId {
        if let Some(i) = self.model.sets.iter().position(|s| s.symbols == symbols) {
            return SetId(i as u32);
        }
        self.model.sets.push(SymbolSet { symbols });
        SetId(self.model.sets.len() as u32 - 1)
    }

    fn declare_role_name(&mut self, decl: &ast::RoleDecl) {
        let existing = self
            .role_names
            .get(&decl.name.text)
            .and_then(|id| self.model.role(*id))
            .map(|r| r.span);
        if self.duplicate("role", &decl.name, existing) {
            return;
        }
        let id = RoleId(self.model.roles.len() as u32);
        self.model.roles.push(RoleDef {
            name: decl.name.text.clone(),
            facts: Vec::new(),
            span: decl.name.span,
        });
        self.role_names.insert(decl.name.text.clone(), id);
        self.index.declare(decl.name.span, Def::Role(id));
    }

    fn fields(&mut self, list: Option<&ast::FieldList>, what: &str) -> Vec<FieldDef> {
        let mut out: Vec<FieldDef> = Vec::new();
        for field in list.map(|l| l.fields.as_slice()).unwrap_or(&[]) {
            if let Some(first) = out.iter().find(|f| f.name == field.name.text) {
                let first_span = first.span;
                self.duplicate(what, &field.name, Some(first_span));
                continue;
            }
            let ty = self.type_expr(&field.ty).unwrap_or(Ty::Unknown);
            out.push(FieldDef {
                name: field.name.text.clone(),
                ty,
                recorded: field.recorded.is_some(),
                span: field.name.span,
            });
        }
        out
    }

    fn define_role(&mut self, decl: &ast::RoleDecl) {
        let Some(&id) = self.role_names.get(&decl.name.text) else {
            return;
        };
        if self
            .model
            .role(id)
            .is_some_and(|r| r.span != decl.name.span)
        {
            return;
        }
        let facts = self.fields(decl.fields.as_ref(), "fact");
        for (i, fact) in facts.iter().enumerate() {
            self.index.declare(fact.span, Def::Fact(id, i as u32));
        }
        if let Some(role) = self.model.roles.get_mut(id.index()) {
            role.facts = facts;
        }
    }

    /// Resolves a role name, reporting it when unknown.
    pub(crate) fn role(&mut self, name: &ast::Name) -> Option<RoleId> {
        if let Some(&id) = self.role_names.get(&name.text) {
            self.index.refer(name.span, Def::Role(id));
            return Some(id);
        }
        if !self.broken.contains(&name.text) {
            let candidates: Vec<String> = self.role_names.keys().cloned().collect();
            self.error(names::unknown_role(
                name.span,
                &name.text,
                candidates.iter().map(String::as_str),
            ));
        }
        None
    }

    fn declare_event_name(&mut self, decl: &ast::EventDecl) {
        let existing = self
            .event_names
            .get(&decl.name.text)
            .and_then(|id| self.model.event(*id))
            .map(|e| e.span);
        if self.duplicate("event", &decl.name, existing) {
            return;
        }
        let id = EventId(self.model.events.len() as u32);
        self.model.events.push(EventDef {
            name: decl.name.text.clone(),
            by: Vec::new(),
            to: Vec::new(),
            fields: Vec::new(),
            recorded: decl.recorded.is_some(),
            phrase: None,
            span: decl.name.span,
        });
        self.event_names.insert(decl.name.text.clone(), id);
        self.index.declare(decl.name.span, Def::Event(id));
    }

    fn define_event(&mut self, decl: &ast::EventDecl) {
        let Some(&id) = self.event_names.get(&decl.name.text) else {
            return;
        };
        if self
            .model
            .event(id)
            .is_some_and(|e| e.span != decl.name.span)
        {
            return;
        }
        let by: Vec<RoleId> = decl.by.iter().filter_map(|r| self.role(r)).collect();
        let to: Vec<RoleId> = decl.to.iter().filter_map(|r| self.role(r)).collect();
        let fields = self.fields(decl.fields.as_ref(), "field");
        for (i, field) in fields.iter().enumerate() {
            self.index.declare(field.span, Def::Field(id, i as u32));
        }
        let phrase = decl.phrase.as_ref().map(|p| {
            self.phrase_placeholders(&p.present);
            if let Some(past) = &p.past {
                self.phrase_placeholders(past);
            }
            Phrase::new(&p.present.value, p.past.as_ref().map(|t| t.value.as_str()))
        });
        if let Some(event) = self.model.events.get_mut(id.index()) {
            event.by = by;
            event.to = to;
            event.fields = fields;
            event.phrase = phrase;
        }
    }

    /// `{to}` in an event's phrase is the one the event goes to; `{role}` the participant of
    /// that role among those it concerns. Anything else in braces is a mistake.
    fn phrase_placeholders(&mut self, text: &ast::Text) {
        for name in placeholders(&text.value) {
            if name == "to" || self.role_names.contains_key(name) {
                continue;
            }
            let mut candidates: Vec<String> = self.role_names.keys().cloned().collect();
            candidates.push("to".to_string());
            self.error(names::unknown_placeholder(
                text.span,
                name,
                names::Placeholder::Phrase,
                candidates.iter().map(String::as_str),
            ));
        }
    }

    /// Resolves an event name, reporting it when unknown.
    pub(crate) fn event(&mut self, name: &ast::Name) -> Option<EventId> {
        if let Some(&id) = self.event_names.get(&name.text) {
            self.index.refer(name.span, Def::Event(id));
            return Some(id);
        }
        if !self.broken.contains(&name.text) {
            let candidates: Vec<String> = self.event_names.keys().cloned().collect();
            self.error(names::unknown_event(
                name.span,
                &name.text,
                candidates.iter().map(String::as_str),
            ));
        }
        None
    }

    fn declare_similarity(&mut self, decl: &ast::SimilarityDecl) {
        let existing = self
            .similarity_names
            .get(&decl.name.text)
            .and_then(|id| self.model.similarities.get(id.index()))
            .map(|s| s.span);
        if self.duplicate("similarity", &decl.name, existing) {
            return;
        }
        let mut groups = Vec::new();
        let mut ok = true;
        for group in &decl.groups {
            let mut names = Vec::new();
            for symbol in &group.symbols {
                let known = self
                    .model
                    .sets
                    .iter()
                    .any(|s| s.position(&symbol.text).is_some());
                if !known {
                    ok = false;
                    let candidates: Vec<String> = self
                        .model
                        .sets
                        .iter()
                        .flat_map(|s| s.symbols.iter().cloned())
                        .collect();
                    self.error(names::similar_unknown_choice(
                        symbol.span,
                        &symbol.text,
                        candidates.iter().map(String::as_str),
                    ));
                }
                for (set_index, set) in self.model.sets.iter().enumerate() {
                    if let Some(i) = set.position(&symbol.text) {
                        self.index
                            .refer(symbol.span, Def::Symbol(SetId(set_index as u32), i));
                    }
                }
                names.push(symbol.text.clone());
            }
            groups.push(names);
        }
        if !ok {
            self.broken.insert(decl.name.text.clone());
            self.broken_similarity = true;
            return;
        }
        let id = SimilarityId(self.model.similarities.len() as u32);
        self.model.similarities.push(SimilarityDef {
            name: decl.name.text.clone(),
            groups,
            span: decl.name.span,
        });
        self.similarity_names.insert(decl.name.text.clone(), id);
        self.index.declare(decl.name.span, Def::Similarity(id));
    }
}
