//! Cases written inside a test: `participant` lines and `on DATE who EVENT` lines.

use chrono::NaiveDateTime;
use mentor_check::Model;
use mentor_check::types::Value;
use mentor_diagnostics::catalog::policy_tests::{self as tests, DateIn, Party, ValueOf};
use mentor_diagnostics::{Diagnostic, Span};
use mentor_eval::{Case, CaseEvent, Participant};
use mentor_syntax::ast::{self, TestClause};

pub(crate) fn case(
    test: &ast::TestDecl,
    model: &Model,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Case> {
    let before = diagnostics.len();
    let mut participants: Vec<Participant> = Vec::new();
    for clause in &test.clauses {
        let TestClause::Participant {
            id,
            role,
            values,
            span,
        } = clause
        else {
            continue;
        };
        if participants.iter().any(|p| p.id == id.text) {
            diagnostics.push(tests::participant_twice(id.span, &id.text));
            continue;
        }
        let Some(role_id) = model.role_by_name(&role.text) else {
            let names: Vec<&str> = model.roles.iter().map(|r| r.name.as_str()).collect();
            diagnostics.push(tests::unknown_role(role.span, &role.text, &names));
            continue;
        };
        let facts_decl = model
            .role(role_id)
            .map(|r| r.facts.clone())
            .unwrap_or_default();
        let mut facts: Vec<Option<Value>> = vec![None; facts_decl.len()];
        for entry in values {
            let Some(i) = facts_decl.iter().position(|f| f.name == entry.name.text) else {
                let names: Vec<&str> = facts_decl.iter().map(|f| f.name.as_str()).collect();
                diagnostics.push(tests::unknown_fact(
                    entry.name.span,
                    &role.text,
                    &entry.name.text,
                    &names,
                ));
                continue;
            };
            let ty = facts_decl.get(i).map(|f| f.ty);
            match ty.map(|ty| mentor_eval::load::parse_value(model, ty, &entry.value.text)) {
                Some(Ok(v)) => {
                    if let Some(slot) = facts.get_mut(i) {
                        *slot = Some(v);
                    }
                }
                Some(Err(expected)) => diagnostics.push(tests::bad_value(
                    entry.value.span,
                    &entry.name.text,
                    &expected,
                    ValueOf::Fact,
                )),
                None => {}
            }
        }
        participants.push(Participant {
            id: id.text.clone(),
            role: role_id,
            facts,
            span: *span,
        });
    }
    let mut events = Vec::new();
    for (order, clause) in test.clauses.iter().enumerate() {
        let TestClause::Event {
            at,
            by,
            event,
            to,
            values,
            span,
        } = clause
        else {
            continue;
        };
        if let Some(e) = event_of(
            model,
            &participants,
            at,
            by,
            event,
            to.as_ref(),
            values,
            *span,
            order as u32,
            diagnostics,
        ) {
            events.push(e);
        }
    }
    if diagnostics.len() > before {
        return None;
    }
    Some(Case::new(
        test.name.text.clone(),
        participants,
        events,
        model.roles.len(),
        model.events.len(),
    ))
}

fn participant(
    participants: &[Participant],
    name: &ast::Name,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<u32> {
    if let Some(i) = participants.iter().position(|p| p.id == name.text) {
        return Some(i as u32);
    }
    let ids: Vec<&str> = participants.iter().map(|p| p.id.as_str()).collect();
    diagnostics.push(tests::unknown_participant(name.span, &name.text, &ids));
    None
}

#[allow(clippy::too_many_arguments)]
fn event_of(
    model: &Model,
    participants: &[Participant],
    at: &ast::DateLit,
    by: &ast::Name,
    event: &ast::Name,
    to: Option<&ast::Name>,
    values: &[ast::ValueEntry],
    span: Span,
    order: u32,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<CaseEvent> {
    let date_time = match at.text.len() {
        19 => NaiveDateTime::parse_from_str(&at.text, "%Y-%m-%dT%H:%M:%S").ok(),
        16 => NaiveDateTime::parse_from_str(&at.text, "%Y-%m-%dT%H:%M").ok(),
        _ => None,
    };
    if let Some(why) = date_time
        .map(|dt| dt.date())
        .or_else(|| crate::strict_date(&at.text))
        .and_then(mentor_calendar::years::outside)
    {
        diagnostics.push(tests::date_outside_years(
            at.span,
            &why,
            mentor_calendar::years::HELP,
        ));
        return None;
    }
    let (when, has_time) = match date_time.ok_or(()) {
        Ok(dt) => (dt, true),
        Err(()) => match crate::strict_date(&at.text).and_then(|d| d.and_hms_opt(0, 0, 0)) {
            Some(dt) => (dt, false),
            None => {
                diagnostics.push(tests::not_a_date(at.span, &at.text, DateIn::Event));
                return None;
            }
        },
    };
    let Some(event_id) = model.event_by_name(&event.text) else {
        let names: Vec<&str> = model.events.iter().map(|e| e.name.as_str()).collect();
        diagnostics.push(tests::unknown_event(event.span, &event.text, &names));
        return None;
    };
    let def = model.event(event_id)?;
    let by_index = participant(participants, by, diagnostics)?;
    let by_role = participants.get(by_index as usize).map(|p| p.role)?;
    if !def.by.contains(&by_role) {
        let allowed: Vec<&str> = def.by.iter().map(|r| model.role_name(*r)).collect();
        diagnostics.push(tests::party_not_allowed(
            by.span,
            &by.text,
            model.role_name(by_role),
            &event.text,
            Party::By,
            &allowed,
        ));
        return None;
    }
    let to_index = match to {
        Some(name) => {
            let i = participant(participants, name, diagnostics)?;
            let role = participants.get(i as usize).map(|p| p.role)?;
            // As in case files: an event sent to nobody may still name who it concerned.
            if !def.to.is_empty() && !def.to.contains(&role) {
                let allowed: Vec<&str> = def.to.iter().map(|r| model.role_name(*r)).collect();
                diagnostics.push(tests::party_not_allowed(
                    name.span,
                    &name.text,
                    model.role_name(role),
                    &event.text,
                    Party::To,
                    &allowed,
                ));
                return None;
            }
            Some(i)
        }
        None => None,
    };
    let mut data: Vec<Option<Value>> = vec![None; def.fields.len()];
    for entry in values {
        let Some(i) = def.field(&entry.name.text) else {
            let names: Vec<&str> = def.fields.iter().map(|f| f.name.as_str()).collect();
            diagnostics.push(tests::unknown_field(
                entry.name.span,
                &event.text,
                &entry.name.text,
                &names,
            ));
            continue;
        };
        let Some(ty) = def.fields.get(i as usize).map(|f| f.ty) else {
            continue;
        };
        match mentor_eval::load::parse_value(model, ty, &entry.value.text) {
            Ok(v) => {
                if let Some(slot) = data.get_mut(i as usize) {
                    *slot = Some(v);
                }
            }
            Err(expected) => diagnostics.push(tests::bad_value(
                entry.value.span,
                &entry.name.text,
                &expected,
                ValueOf::Field,
            )),
        }
    }
    Some(CaseEvent {
        at: when,
        date: when.date(),
        has_time,
        event: event_id,
        by: by_index,
        to: to_index,
        data,
        order,
        span,
    })
}
