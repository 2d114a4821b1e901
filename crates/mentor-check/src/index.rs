//! Every place a declared name is written: declarations and references, for the IDE.

use crate::model::{CalendarId, EventId, RoleId, RuleId, SetId, SimilarityId, TypeId};
use mentor_diagnostics::Span;

/// Something a name can refer to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Def {
    Programme,
    Calendar(CalendarId),
    Type(TypeId),
    Role(RoleId),
    /// A fact of a role.
    Fact(RoleId, u32),
    Event(EventId),
    /// A data field of an event.
    Field(EventId, u32),
    Similarity(SimilarityId),
    Rule(RuleId),
    /// An eligibility item, by its position in the model.
    Eligibility(u32),
    /// A choice of a set.
    Symbol(SetId, u32),
}

/// One occurrence of a name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Occurrence {
    pub span: Span,
    pub def: Def,
    pub declaration: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Index {
    pub occurrences: Vec<Occurrence>,
}

impl Index {
    pub(crate) fn declare(&mut self, span: Span, def: Def) {
        self.occurrences.push(Occurrence {
            span,
            def,
            declaration: true,
        });
    }

    pub(crate) fn refer(&mut self, span: Span, def: Def) {
        self.occurrences.push(Occurrence {
            span,
            def,
            declaration: false,
        });
    }

    /// The occurrence under a byte offset (the cursor may be just after the name).
    pub fn at(&self, offset: usize) -> Option<&Occurrence> {
        self.occurrences
            .iter()
            .filter(|o| o.span.touches(offset))
            .min_by_key(|o| o.span.len())
    }

    /// Where `def` is declared.
    pub fn declaration(&self, def: Def) -> Option<Span> {
        self.occurrences
            .iter()
            .find(|o| o.def == def && o.declaration)
            .map(|o| o.span)
    }

    /// Every occurrence of `def`, declaration included, in source order.
    pub fn all(&self, def: Def) -> Vec<Span> {
        let mut spans: Vec<Span> = self
            .occurrences
            .iter()
            .filter(|o| o.def == def)
            .map(|o| o.span)
            .collect();
        spans.sort();
        spans.dedup();
        spans
    }

    /// How many times `def` is used (declarations not counted).
    pub fn uses(&self, def: Def) -> usize {
        self.occurrences
            .iter()
            .filter(|o| o.def == def && !o.declaration)
            .count()
    }
}
