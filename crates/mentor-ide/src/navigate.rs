//! Go to definition and find references, from the checker's index of every name.

use mentor_check::Analysis;
use mentor_diagnostics::Span;

/// Where the name under the cursor is declared.
pub fn definition(_text: &str, analysis: &Analysis, offset: usize) -> Option<Span> {
    let index = &analysis.checked.index;
    let occurrence = index.at(offset)?;
    index.declaration(occurrence.def)
}

/// Every place the name under the cursor is written, in source order; its declaration
/// too when `include_declaration` is set.
pub fn references(
    _text: &str,
    analysis: &Analysis,
    offset: usize,
    include_declaration: bool,
) -> Vec<Span> {
    let index = &analysis.checked.index;
    let Some(occurrence) = index.at(offset) else {
        return Vec::new();
    };
    let def = occurrence.def;
    let mut spans: Vec<Span> = index
        .occurrences
        .iter()
        .filter(|o| o.def == def && (include_declaration || !o.declaration))
        .map(|o| o.span)
        .collect();
    spans.sort();
    spans.dedup();
    spans
}
