//! Helpers shared by the editor-feature tests: the fixture policy and cursor markers.
#![allow(dead_code)]

/// A policy with every kind of item (also used by the language server's tests).
pub const EVERYTHING: &str = include_str!("../../../../../tests/lsp/everything.mentor");

/// The marker for the cursor in test texts.
pub const CURSOR: &str = "‸";

/// The text without its cursor marker, and the marker's byte offset.
pub fn cursor(marked: &str) -> (String, usize) {
    let offset = marked.find(CURSOR).expect("a cursor marker ‸");
    (marked.replacen(CURSOR, "", 1), offset)
}

/// The byte offset of the `nth` (from 0) occurrence of `needle` in `text`, plus `plus`.
pub fn offset_of(text: &str, needle: &str, nth: usize) -> usize {
    text.match_indices(needle)
        .nth(nth)
        .unwrap_or_else(|| panic!("`{needle}` occurs fewer than {} times", nth + 1))
        .0
}

/// The text of every span, for readable assertions.
pub fn texts<'a>(text: &'a str, spans: &[mentor_diagnostics::Span]) -> Vec<&'a str> {
    spans.iter().map(|s| &text[s.start()..s.end()]).collect()
}
