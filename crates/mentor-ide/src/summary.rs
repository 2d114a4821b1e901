//! What a declared name is, in a few lines of Markdown: the body of a hover.

use crate::describe::{describe_eligibility, describe_rule};
use mentor_check::Analysis;
use mentor_check::Model;
use mentor_check::index::Def;
use mentor_check::model::{FieldDef, RoleId, RuleDef, SetId};
use mentor_check::types::Ty;

/// The Markdown summary of a declaration, or `None` when the model does not know it.
pub(crate) fn summary(analysis: &Analysis, def: Def) -> Option<String> {
    let model = &analysis.checked.model;
    match def {
        Def::Programme => {
            let p = model.programme.as_ref()?;
            Some(match &p.title {
                Some(title) => format!("**programme** `{}`\n\n{title}", p.name),
                None => format!("**programme** `{}`", p.name),
            })
        }
        Def::Calendar(id) => {
            let c = model.calendar(id)?;
            let cal = &c.calendar;
            let mut out = format!(
                "**calendar** `{}`\n\n{}, {} to {}",
                c.name,
                cal.title(),
                cal.first_year(),
                cal.last_year()
            );
            if cal.base_name() != c.name {
                out.push_str(&format!("\n\nbased on `{}`", cal.base_name()));
            }
            let closures = cal.closures().len();
            if closures > 0 {
                let days = if closures == 1 { "day" } else { "days" };
                out.push_str(&format!(", with {closures} extra closure {days}"));
            }
            Some(out)
        }
        Def::Type(id) => {
            let t = model.types.get(id.index())?;
            Some(format!(
                "**type** `{}` = {}\n\n{}",
                t.name,
                t.ty.written(model),
                t.ty.describe(model)
            ))
        }
        Def::Role(id) => Some(role(model, id)),
        Def::Fact(role_id, i) => {
            let f = model.role(role_id)?.facts.get(i as usize)?;
            Some(format!(
                "**fact** `{}` of the role `{}`\n\n{}",
                f.name,
                model.role_name(role_id),
                field_type(model, f)
            ))
        }
        Def::Event(id) => event(model, id),
        Def::Field(event_id, i) => {
            let f = model.event(event_id)?.fields.get(i as usize)?;
            Some(format!(
                "**field** `{}` of the event `{}`\n\n{}",
                f.name,
                model.event_name(event_id),
                field_type(model, f)
            ))
        }
        Def::Similarity(id) => {
            let s = model.similarities.get(id.index())?;
            let groups: Vec<String> = s.groups.iter().map(|g| g.join(" ~ ")).collect();
            Some(format!(
                "**similarity** `{}`\n\nsimilar choices: {}",
                s.name,
                groups.join("; ")
            ))
        }
        Def::Rule(id) => Some(rule(analysis, model.rule(id)?)),
        Def::Eligibility(i) => {
            let e = model.eligibility.get(i as usize)?;
            let mut out = format!(
                "**eligibility** `{}`\n\n{}",
                e.name,
                describe_eligibility(model, e)
            );
            push_sources(&mut out, &e.sources);
            Some(out)
        }
        Def::Symbol(set, i) => Some(choice(model, set, i)),
    }
}

fn role(model: &Model, id: RoleId) -> String {
    let name = model.role_name(id);
    let mut out = format!("**role** `{name}`");
    match model.role(id).map(|r| r.facts.as_slice()) {
        Some([]) | None => out.push_str("\n\nno facts"),
        Some(facts) => {
            out.push_str("\n\nfacts:");
            for f in facts {
                out.push_str(&format!("\n- `{}`: {}", f.name, field_type(model, f)));
            }
        }
    }
    let does: Vec<String> = model
        .events
        .iter()
        .filter(|e| e.by.contains(&id))
        .map(|e| format!("`{}`", e.name))
        .collect();
    if !does.is_empty() {
        out.push_str(&format!("\n\ndoes: {}", does.join(", ")));
    }
    out
}

fn event(model: &Model, id: mentor_check::model::EventId) -> Option<String> {
    let e = model.event(id)?;
    let by: Vec<&str> = e.by.iter().map(|r| model.role_name(*r)).collect();
    let to: Vec<&str> = e.to.iter().map(|r| model.role_name(*r)).collect();
    let mut out = format!(
        "**event** `{}`\n\ndone by the {}",
        e.name,
        crate::describe::either(&by)
    );
    if !to.is_empty() {
        out.push_str(&format!(", to the {}", crate::describe::either(&to)));
    }
    if let (Some(now), Some(then)) = (
        crate::describe::phrase(model, id, mentor_check::phrase::Tense::Present),
        crate::describe::phrase(model, id, mentor_check::phrase::Tense::Past),
    ) {
        let doers = format!("the {}", crate::describe::either(&by));
        out.push_str(&format!(
            "\n\nin words: {doers} must *{now}*; once done: {doers} *{then}*"
        ));
    }
    if e.recorded {
        out.push_str("\n\nrecorded: kept in the record; no rule needs it");
    }
    if !e.fields.is_empty() {
        out.push_str("\n\nfields:");
        for f in &e.fields {
            out.push_str(&format!("\n- `{}`: {}", f.name, field_type(model, f)));
        }
    }
    Some(out)
}

fn field_type(model: &Model, f: &FieldDef) -> String {
    let mut out = f.ty.describe(model);
    if f.recorded {
        out.push_str(" (recorded: kept in the record; no rule needs it)");
    }
    out
}

fn rule(analysis: &Analysis, rule: &RuleDef) -> String {
    let model = &analysis.checked.model;
    let keyword = analysis
        .parsed
        .policy
        .items
        .iter()
        .find(|i| i.name().is_some_and(|n| n.span == rule.name_span))
        .map_or("rule", |i| i.keyword());
    let mut out = format!(
        "**{keyword}** `{}` ({}, {})\n\n{}",
        rule.name,
        rule.kind.describe(),
        rule.severity.as_str(),
        describe_rule(model, rule)
    );
    if let Some(missed) = &rule.if_missed {
        out.push_str(&format!("\n\nif missed: {missed}"));
    }
    push_sources(&mut out, &rule.sources);
    out
}

fn push_sources(out: &mut String, sources: &[String]) {
    for source in sources {
        out.push_str("\n\n> ");
        out.push_str(&source.replace('\n', "\n> "));
    }
}

fn choice(model: &Model, set: SetId, i: u32) -> String {
    let name = model.symbol_name(set, i);
    let mut out = format!("**choice** `{name}`");
    if let Some(s) = model.set(set) {
        out.push_str(&format!("\n\none of {}", s.symbols.join(" | ")));
    }
    let mut owners: Vec<String> = Vec::new();
    for r in &model.roles {
        for f in &r.facts {
            if f.ty == Ty::Symbol(set) {
                owners.push(format!("`{}.{}`", r.name, f.name));
            }
        }
    }
    for e in &model.events {
        for f in &e.fields {
            if f.ty == Ty::Symbol(set) {
                owners.push(format!("`{}.{}`", e.name, f.name));
            }
        }
    }
    for t in &model.types {
        if t.ty == Ty::Symbol(set) {
            owners.push(format!("the type `{}`", t.name));
        }
    }
    if !owners.is_empty() {
        out.push_str(&format!("\n\nused by {}", owners.join(", ")));
    }
    out
}
