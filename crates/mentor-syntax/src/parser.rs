//! The entry point: text in, syntax tree and diagnostics out, item by item.

use crate::ast::{ErrorItem, Item, ItemKind, Name, Policy};
use crate::{build, errors, limits, split};
use mentor_diagnostics::{Diagnostic, Span};
use pest::Parser as _;

#[derive(pest_derive::Parser)]
#[grammar = "../../../grammar/mentor.pest"]
pub(crate) struct MentorParser;

/// A parsed policy: always a tree, plus what went wrong.
#[derive(Debug, Clone, Default)]
pub struct Parsed {
    pub policy: Policy,
    pub diagnostics: Vec<Diagnostic>,
}

/// Guards against runaway backtracking on pathological input.
const CALL_LIMIT: usize = 5_000_000;

/// Parses a whole policy, recovering at every item.
pub fn parse(text: &str) -> Parsed {
    pest::set_call_limit(std::num::NonZeroUsize::new(CALL_LIMIT));
    let mut parsed = Parsed::default();
    if let Some(too_large) = limits::policy_too_large(text) {
        // Not parsed at all: one broken item, so that nothing else is reported.
        parsed.diagnostics.push(too_large);
        parsed.policy.items.push(error_item(split::ItemChunk {
            text,
            span: Span::new(0, text.len()),
        }));
        return parsed;
    }
    for chunk in split::split_items(text) {
        let item = parse_item(chunk, &mut parsed.diagnostics);
        parsed.policy.items.push(item);
    }
    parsed
}

fn parse_item(chunk: split::ItemChunk<'_>, diagnostics: &mut Vec<Diagnostic>) -> Item {
    let offset = chunk.span.start();
    if let Some(problem) = limits::item_problem(chunk.text, offset) {
        diagnostics.push(problem);
        return error_item(chunk);
    }
    match MentorParser::parse(Rule::item_chunk, chunk.text) {
        Ok(mut pairs) => {
            let item = pairs
                .next()
                .and_then(|chunk_pair| chunk_pair.into_inner().find(|p| p.as_rule() != Rule::EOI));
            let mut builder = build::Builder::new(offset, diagnostics);
            match item.and_then(|pair| builder.item(pair)) {
                Some(kind) => Item {
                    kind,
                    span: chunk.span,
                },
                None => {
                    diagnostics.push(errors::internal(chunk.span));
                    error_item(chunk)
                }
            }
        }
        Err(error) => {
            diagnostics.push(errors::from_pest(&error, chunk.text, offset));
            error_item(chunk)
        }
    }
}

/// What can be read of an item that did not parse: its keyword and its name.
fn error_item(chunk: split::ItemChunk<'_>) -> Item {
    let mut words = chunk.text.split_whitespace();
    let keyword = words.next().map(str::to_string);
    let name = words.next().and_then(|word| {
        let valid = word.chars().count() <= limits::MAX_WORD_CHARS
            && word
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic() || c == '_')
            && word.chars().all(|c| c.is_alphanumeric() || c == '_');
        let start = chunk.text.find(word)?;
        valid.then(|| Name {
            text: word.to_string(),
            span: Span::new(
                chunk.span.start() + start,
                chunk.span.start() + start + word.len(),
            ),
        })
    });
    Item {
        kind: ItemKind::Error(ErrorItem { keyword, name }),
        span: chunk.span,
    }
}
