//! Hover: what the name under the cursor is, and for a rule what it means.

use crate::summary::summary;
use mentor_check::Analysis;
use mentor_diagnostics::Span;

/// The text shown over a name, in Markdown, and the span of the name it is about.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Hover {
    pub markdown: String,
    pub span: Span,
}

/// The hover at a byte offset: a declaration's summary, a rule's meaning and its sources.
pub fn hover(_text: &str, analysis: &Analysis, offset: usize) -> Option<Hover> {
    let occurrence = analysis.checked.index.at(offset)?;
    let markdown = summary(analysis, occurrence.def)?;
    Some(Hover {
        markdown,
        span: occurrence.span,
    })
}
