//! The entry point: text in, syntax tree and diagnostics out, item by item.

use crate::ast::{ErrorItem, Item, ItemKind, Name, Policy};
use crate::{build, errors, split};
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
    for chunk in split::split_items(text) {
        let item = parse_item(chunk, &mut parsed.diagnostics);
        parsed.policy.items.push(item);
    }
    parsed
}

/// How deeply brackets may nest in one item: far more than any policy needs, and few enough
/// that parsing and checking (which recurse) stay well within the stack.
const MAX_NESTING: usize = 48;

/// Where brackets (or `not`s in a row) first nest deeper than [`MAX_NESTING`], outside
/// quoted text and comments.
fn too_deep(text: &str) -> Option<usize> {
    let (mut depth, mut in_string, mut in_comment, mut escaped) = (0usize, false, false, false);
    let (mut word_start, mut nots) = (None::<usize>, 0usize);
    for (i, c) in text.char_indices() {
        let in_word = !in_string && !in_comment && (c.is_alphanumeric() || c == '_');
        if in_word {
            word_start.get_or_insert(i);
            continue;
        }
        if let Some(start) = word_start.take() {
            if text.get(start..i) == Some("not") {
                nots += 1;
                if nots > MAX_NESTING {
                    return Some(start);
                }
            } else {
                nots = 0;
            }
        }
        if in_comment {
            in_comment = c != '\n';
        } else if in_string {
            match c {
                '\\' if !escaped => escaped = true,
                '"' if !escaped => in_string = false,
                '\n' => in_string = false,
                _ => escaped = false,
            }
        } else {
            match c {
                '#' => in_comment = true,
                '"' => in_string = true,
                '(' | '{' => {
                    depth += 1;
                    if depth > MAX_NESTING {
                        return Some(i);
                    }
                }
                ')' | '}' => depth = depth.saturating_sub(1),
                _ => {}
            }
        }
    }
    None
}

fn parse_item(chunk: split::ItemChunk<'_>, diagnostics: &mut Vec<Diagnostic>) -> Item {
    let offset = chunk.span.start();
    if let Some(at) = too_deep(chunk.text) {
        diagnostics.push(errors::too_deep(
            Span::new(offset + at, offset + at + 1),
            MAX_NESTING,
        ));
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
        let valid = word
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
