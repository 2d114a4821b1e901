//! Static warnings: things that are allowed but probably not meant.

use crate::Model;
use crate::index::{Def, Index};
use crate::model::{EventId, RoleId};
use mentor_diagnostics::{Code, Diagnostic};
use mentor_syntax::ast;

/// Every warning for a policy that parsed without errors.
pub fn find(_policy: &ast::Policy, model: &Model, index: &Index) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    unused(model, index, &mut out);
    out
}

/// Roles, facts and events that no rule uses (unless marked `recorded`).
fn unused(model: &Model, index: &Index, out: &mut Vec<Diagnostic>) {
    for (i, role) in model.roles.iter().enumerate() {
        let id = RoleId(i as u32);
        if index.uses(Def::Role(id)) == 0 {
            out.push(
                Diagnostic::new(
                    Code::UnusedDeclaration,
                    role.span,
                    format!("the role `{}` is declared but never used", role.name),
                )
                .label("no event or rule mentions it")
                .help("remove it, or name it in an event's `by` or `to`"),
            );
        }
        for (f, fact) in role.facts.iter().enumerate() {
            if !fact.recorded && index.uses(Def::Fact(id, f as u32)) == 0 {
                out.push(
                    Diagnostic::new(
                        Code::UnusedDeclaration,
                        fact.span,
                        format!("the fact `{}` of `{}` is never used", fact.name, role.name),
                    )
                    .label("no rule reads it")
                    .help(format!(
                        "use it in a rule, remove it, or mark it `recorded` if the programme only keeps it on file: `{}: ... recorded`",
                        fact.name
                    )),
                );
            }
        }
    }
    for (i, event) in model.events.iter().enumerate() {
        let id = EventId(i as u32);
        if !event.recorded && index.uses(Def::Event(id)) == 0 {
            out.push(
                Diagnostic::new(Code::UnusedDeclaration, event.span, format!("the event `{}` is never used", event.name))
                    .label("no rule mentions it")
                    .help("use it in a rule, remove it, or end its line with `recorded` if the programme only keeps it on file"),
            );
        }
        for (f, field) in event.fields.iter().enumerate() {
            if !field.recorded && index.uses(Def::Field(id, f as u32)) == 0 && !event.recorded {
                out.push(
                    Diagnostic::new(
                        Code::UnusedDeclaration,
                        field.span,
                        format!(
                            "the field `{}` of `{}` is never used",
                            field.name, event.name
                        ),
                    )
                    .label("no rule reads it")
                    .help(format!(
                        "use it in a rule, remove it, or mark it `recorded`: `{}: ... recorded`",
                        field.name
                    )),
                );
            }
        }
    }
}
