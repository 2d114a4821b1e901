//! Completion that knows where it is: item keywords at the start of a line, a role's facts
//! after `role.`, roles after `by` and `to`, events where an event is expected, unit words
//! after a number, facts and choices inside conditions, and the keywords that fit.

mod condition;
mod context;
mod items;
mod tokens;

use context::Want;
use mentor_check::Analysis;
use mentor_check::Model;
use mentor_check::model::FieldDef;
use mentor_syntax::keywords::{BUILTIN_TYPES, UNITS};

/// What a completion proposes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CompletionKind {
    Keyword,
    Role,
    Fact,
    Event,
    Field,
    Choice,
    Calendar,
    Type,
    Unit,
    Similarity,
}

/// One proposal: the text to insert, what it is, and a short note.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Completion {
    pub label: String,
    pub kind: CompletionKind,
    pub detail: Option<String>,
}

/// The completions at a byte offset of `text`. Editors filter them by the word being typed.
pub fn completion(text: &str, analysis: &Analysis, offset: usize) -> Vec<Completion> {
    let mut out: Vec<Completion> = Vec::new();
    for want in context::wants(text, analysis, offset) {
        for c in candidates(&analysis.checked.model, want) {
            if !out.iter().any(|o| o.label == c.label) {
                out.push(c);
            }
        }
    }
    out
}

fn item(label: &str, kind: CompletionKind, detail: Option<String>) -> Completion {
    Completion {
        label: label.to_string(),
        kind,
        detail,
    }
}

fn field(model: &Model, f: &FieldDef, kind: CompletionKind) -> Completion {
    item(&f.name, kind, Some(f.ty.written(model)))
}

fn candidates(model: &Model, want: Want) -> Vec<Completion> {
    use CompletionKind as K;
    match want {
        Want::Keywords(words) => words.iter().map(|w| item(w, K::Keyword, None)).collect(),
        Want::Roles => model
            .roles
            .iter()
            .map(|r| item(&r.name, K::Role, Some("role".to_string())))
            .collect(),
        Want::Events => model
            .events
            .iter()
            .map(|e| {
                let by: Vec<&str> = e.by.iter().map(|r| model.role_name(*r)).collect();
                let to: Vec<&str> = e.to.iter().map(|r| model.role_name(*r)).collect();
                let mut detail = format!("event by {}", by.join(" or "));
                if !to.is_empty() {
                    detail.push_str(&format!(" to {}", to.join(" or ")));
                }
                item(&e.name, K::Event, Some(detail))
            })
            .collect(),
        Want::Facts(role) => model
            .role(role)
            .map(|r| r.facts.iter().map(|f| field(model, f, K::Fact)).collect())
            .unwrap_or_default(),
        Want::Fields(event) => model
            .event(event)
            .map(|e| e.fields.iter().map(|f| field(model, f, K::Field)).collect())
            .unwrap_or_default(),
        Want::Choices(names) => names.iter().map(|n| item(n, K::Choice, None)).collect(),
        Want::AllChoices => model
            .sets
            .iter()
            .flat_map(|s| s.symbols.iter())
            .map(|n| item(n, K::Choice, None))
            .collect(),
        Want::Calendars => model
            .calendars
            .iter()
            .map(|c| item(&c.name, K::Calendar, Some(c.calendar.title().to_string())))
            .collect(),
        Want::BuiltinCalendars => mentor_calendar::builtin_names()
            .iter()
            .map(|n| {
                let title = mentor_calendar::builtin(n).map(|c| c.title().to_string());
                item(n, K::Calendar, title)
            })
            .collect(),
        Want::Types => BUILTIN_TYPES
            .iter()
            .map(|t| item(t, K::Type, Some("built-in type".to_string())))
            .chain(
                model
                    .types
                    .iter()
                    .map(|t| item(&t.name, K::Type, Some(t.ty.written(model)))),
            )
            .collect(),
        Want::Units => UNITS
            .iter()
            .map(|u| item(u, K::Unit, Some("unit".to_string())))
            .collect(),
        Want::Similarities => model
            .similarities
            .iter()
            .map(|s| item(&s.name, K::Similarity, Some("similarity".to_string())))
            .collect(),
    }
}
