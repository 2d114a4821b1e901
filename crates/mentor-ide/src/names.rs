//! What makes a valid name, and which names are already taken in each namespace.

use mentor_check::Analysis;
use mentor_check::index::Def;
use mentor_check::types::Ty;
use mentor_syntax::keywords::{ALL_KEYWORDS, BUILTIN_TYPES, RESERVED, UNITS};

/// Why `name` cannot be used as a name, or `None` when it can.
pub fn invalid_name(name: &str) -> Option<String> {
    let mut chars = name.chars();
    let Some(first) = chars.next() else {
        return Some("a name cannot be empty".to_string());
    };
    if !(first.is_alphabetic() || first == '_') {
        return Some(format!(
            "`{name}` is not a valid name: a name starts with a letter or `_`"
        ));
    }
    if let Some(bad) = chars.find(|c| !(c.is_alphanumeric() || *c == '_')) {
        return Some(format!(
            "`{name}` is not a valid name: `{bad}` cannot be part of a name; use letters, digits and `_`"
        ));
    }
    if RESERVED.contains(&name) || ALL_KEYWORDS.contains(&name) {
        return Some(format!(
            "`{name}` is a word of the language and cannot be used as a name"
        ));
    }
    if UNITS.contains(&name) {
        return Some(format!(
            "`{name}` is a unit of time and cannot be used as a name"
        ));
    }
    if BUILTIN_TYPES.contains(&name) {
        return Some(format!(
            "`{name}` is a built-in type and cannot be used as a name"
        ));
    }
    None
}

/// The names declared in the same namespace as `def` (itself included).
pub(crate) fn namespace(analysis: &Analysis, def: Def) -> Vec<String> {
    let model = &analysis.checked.model;
    match def {
        Def::Programme => model.programme.iter().map(|p| p.name.clone()).collect(),
        Def::Calendar(_) => model.calendars.iter().map(|c| c.name.clone()).collect(),
        Def::Type(_) => model.types.iter().map(|t| t.name.clone()).collect(),
        Def::Role(_) => model.roles.iter().map(|r| r.name.clone()).collect(),
        Def::Event(_) => model.events.iter().map(|e| e.name.clone()).collect(),
        Def::Similarity(_) => model.similarities.iter().map(|s| s.name.clone()).collect(),
        Def::Fact(role, _) => model
            .role(role)
            .map(|r| r.facts.iter().map(|f| f.name.clone()).collect())
            .unwrap_or_default(),
        Def::Field(event, _) => model
            .event(event)
            .map(|e| e.fields.iter().map(|f| f.name.clone()).collect())
            .unwrap_or_default(),
        Def::Symbol(set, _) => model
            .set(set)
            .map(|s| s.symbols.clone())
            .unwrap_or_default(),
        // Rules, ladders, terminations, disclosures, phases and eligibility items share one
        // namespace: the names of items that are not declarations.
        Def::Rule(_) | Def::Eligibility(_) => analysis
            .parsed
            .policy
            .items
            .iter()
            .filter(|i| is_rule_like(i.keyword()))
            .filter_map(|i| i.name().map(|n| n.text.clone()))
            .collect(),
    }
}

fn is_rule_like(keyword: &str) -> bool {
    matches!(
        keyword,
        "eligibility" | "rule" | "ladder" | "termination" | "disclosure" | "phase"
    )
}

/// How a kind of name is called in messages: `event`, `fact of mentee`...
pub(crate) fn what(analysis: &Analysis, def: Def) -> String {
    let model = &analysis.checked.model;
    match def {
        Def::Programme => "programme".to_string(),
        Def::Calendar(_) => "calendar".to_string(),
        Def::Type(_) => "type".to_string(),
        Def::Role(_) => "role".to_string(),
        Def::Fact(role, _) => format!("fact of the role `{}`", model.role_name(role)),
        Def::Event(_) => "event".to_string(),
        Def::Field(event, _) => format!("field of the event `{}`", model.event_name(event)),
        Def::Similarity(_) => "similarity".to_string(),
        Def::Rule(_) | Def::Eligibility(_) => "rule".to_string(),
        Def::Symbol(set, _) => match model.set(set) {
            Some(s) => format!("choice among {}", s.symbols.join(" | ")),
            None => "choice".to_string(),
        },
    }
}

/// Whether a type is one of choices (for completion after `==`).
pub(crate) fn choices(analysis: &Analysis, ty: Ty) -> Vec<String> {
    match ty {
        Ty::Symbol(set) => analysis
            .checked
            .model
            .set(set)
            .map(|s| s.symbols.clone())
            .unwrap_or_default(),
        _ => Vec::new(),
    }
}
