//! The outline of a policy: its items, with a role's facts and an event's fields under them.

use mentor_check::Analysis;
use mentor_diagnostics::Span;
use mentor_syntax::ast::{FieldList, Item, ItemKind};

/// What an outline entry is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SymbolKind {
    Programme,
    Calendar,
    Type,
    Role,
    Fact,
    Event,
    Field,
    Similarity,
    Eligibility,
    Rule,
    Ladder,
    Termination,
    Disclosure,
    Phase,
    /// A policy test.
    Test,
}

/// One entry of the outline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Symbol {
    pub name: String,
    pub kind: SymbolKind,
    /// A short note shown beside the name: a fact's type, an event's roles, a rule's kind.
    pub detail: Option<String>,
    /// The whole item (or field declaration).
    pub span: Span,
    /// The name.
    pub name_span: Span,
    pub children: Vec<Symbol>,
}

/// The outline of a policy, in source order. Items that could not be parsed are listed when
/// their keyword and name could be read.
pub fn document_symbols(text: &str, analysis: &Analysis) -> Vec<Symbol> {
    analysis
        .parsed
        .policy
        .items
        .iter()
        .filter_map(|item| symbol(text, analysis, item))
        .collect()
}

fn kind_of(keyword: &str) -> Option<SymbolKind> {
    Some(match keyword {
        "programme" => SymbolKind::Programme,
        "calendar" => SymbolKind::Calendar,
        "type" => SymbolKind::Type,
        "role" => SymbolKind::Role,
        "event" => SymbolKind::Event,
        "similarity" => SymbolKind::Similarity,
        "eligibility" => SymbolKind::Eligibility,
        "rule" => SymbolKind::Rule,
        "ladder" => SymbolKind::Ladder,
        "termination" => SymbolKind::Termination,
        "disclosure" => SymbolKind::Disclosure,
        "phase" => SymbolKind::Phase,
        "test" => SymbolKind::Test,
        _ => return None,
    })
}

fn symbol(text: &str, analysis: &Analysis, item: &Item) -> Option<Symbol> {
    let name = item.name()?;
    let kind = kind_of(item.keyword())?;
    let slice = |span: Span| text.get(span.start()..span.end()).unwrap_or_default();
    let (detail, children) = match &item.kind {
        ItemKind::Programme(p) => (p.title.as_ref().map(|t| t.value.clone()), Vec::new()),
        ItemKind::Type(t) => (Some(slice(t.ty.span).trim().to_string()), Vec::new()),
        ItemKind::Role(r) => (None, fields(text, r.fields.as_ref(), SymbolKind::Fact)),
        ItemKind::Event(e) => {
            let by: Vec<&str> = e.by.iter().map(|n| n.text.as_str()).collect();
            let to: Vec<&str> = e.to.iter().map(|n| n.text.as_str()).collect();
            let mut detail = format!("by {}", by.join(" or "));
            if !to.is_empty() {
                detail.push_str(&format!(" to {}", to.join(" or ")));
            }
            (
                Some(detail),
                fields(text, e.fields.as_ref(), SymbolKind::Field),
            )
        }
        ItemKind::Eligibility(e) => (
            Some(format!("{} is eligible when", e.role.text)),
            Vec::new(),
        ),
        ItemKind::Rule(_)
        | ItemKind::Ladder(_)
        | ItemKind::Termination(_)
        | ItemKind::Disclosure(_)
        | ItemKind::Phase(_) => {
            let model = &analysis.checked.model;
            let detail = model
                .rules
                .iter()
                .find(|r| r.name_span == name.span)
                .map(|r| format!("{}, {}", r.kind.describe(), r.severity.as_str()));
            (detail, Vec::new())
        }
        ItemKind::Test(t) => (t.title.as_ref().map(|t| t.value.clone()), Vec::new()),
        _ => (None, Vec::new()),
    };
    Some(Symbol {
        name: name.text.clone(),
        kind,
        detail,
        span: item.span.cover(name.span),
        name_span: name.span,
        children,
    })
}

fn fields(text: &str, list: Option<&FieldList>, kind: SymbolKind) -> Vec<Symbol> {
    list.map(|l| l.fields.as_slice())
        .unwrap_or_default()
        .iter()
        .map(|f| Symbol {
            name: f.name.text.clone(),
            kind,
            detail: text
                .get(f.ty.span.start()..f.ty.span.end())
                .map(|t| t.trim().to_string()),
            span: f.span.cover(f.name.span),
            name_span: f.name.span,
            children: Vec::new(),
        })
        .collect()
}
