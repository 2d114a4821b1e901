//! The sizes a policy may have, checked before parsing so that no input can exhaust the
//! parser: the whole text, one quoted text, one word, and how deeply brackets nest.
//!
//! `docs/limits.md` lists these for users; every limit here has its line there.

use crate::errors;
use mentor_diagnostics::{Diagnostic, Span};

/// The largest policy, in bytes (4 MiB): hundreds of times the seed policies.
pub const MAX_POLICY_BYTES: usize = 4 * 1024 * 1024;

/// The longest quoted text, in characters: a title, a source quote, a path.
pub const MAX_TEXT_CHARS: usize = 4_000;

/// The longest word (a name or a number), in characters.
pub const MAX_WORD_CHARS: usize = 128;

/// How deeply brackets may nest in one item: far more than any policy needs, and few enough
/// that parsing and checking (which recurse) stay well within the stack.
pub const MAX_NESTING: usize = 48;

/// The diagnostic for a policy larger than [`MAX_POLICY_BYTES`], or `None`.
pub fn policy_too_large(text: &str) -> Option<Diagnostic> {
    (text.len() > MAX_POLICY_BYTES).then(|| errors::policy_too_large(text.len()))
}

/// The first place in an item (starting at byte `offset` of the file) where a quoted text
/// or a word is too long, or brackets (or `not`s in a row) nest too deep, outside comments.
pub(crate) fn item_problem(text: &str, offset: usize) -> Option<Diagnostic> {
    let (mut depth, mut in_comment) = (0usize, false);
    // the quoted text being read: where it opened, its length so far, an escape pending
    let mut quote: Option<(usize, usize)> = None;
    let mut escaped = false;
    let (mut word_start, mut word_chars, mut nots) = (None::<usize>, 0usize, 0usize);
    let span = |from: usize, to: usize| Span::new(offset + from, offset + to);
    for (i, c) in text.char_indices() {
        if let Some((start, chars)) = quote {
            let closed = match c {
                '\\' if !escaped => {
                    escaped = true;
                    false
                }
                '"' if !escaped => true,
                '\n' => true,
                _ => {
                    escaped = false;
                    false
                }
            };
            quote = (!closed).then_some((start, chars + 1));
            if chars + 1 > MAX_TEXT_CHARS {
                let end = text
                    .get(start..)
                    .and_then(|t| t.find('\n'))
                    .map_or(text.len(), |n| start + n);
                return Some(errors::text_too_long(span(start, end)));
            }
            continue;
        }
        if in_comment {
            in_comment = c != '\n';
            continue;
        }
        if c.is_alphanumeric() || c == '_' {
            word_start.get_or_insert(i);
            word_chars += 1;
            if word_chars > MAX_WORD_CHARS {
                let start = word_start.unwrap_or(i);
                let end = text
                    .get(start..)
                    .and_then(|t| t.find(|c: char| !(c.is_alphanumeric() || c == '_')))
                    .map_or(text.len(), |n| start + n);
                return Some(errors::word_too_long(span(start, end)));
            }
            continue;
        }
        if let Some(start) = word_start.take() {
            if text.get(start..i) == Some("not") {
                nots += 1;
                if nots > MAX_NESTING {
                    return Some(errors::too_deep(span(start, start + 1), MAX_NESTING));
                }
            } else {
                nots = 0;
            }
            word_chars = 0;
        }
        match c {
            '#' => in_comment = true,
            '"' => {
                quote = Some((i, 0));
                escaped = false;
            }
            '(' | '{' => {
                depth += 1;
                if depth > MAX_NESTING {
                    return Some(errors::too_deep(span(i, i + 1), MAX_NESTING));
                }
            }
            ')' | '}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    None
}

/// `4 MB`, `512 KB`, `300 bytes`: a size for people (1 KB = 1,024 bytes).
pub fn size_in_words(bytes: usize) -> String {
    const KB: usize = 1024;
    const MB: usize = 1024 * KB;
    if bytes >= MB {
        let tenths = bytes * 10 / MB;
        if tenths.is_multiple_of(10) {
            format!("{} MB", tenths / 10)
        } else {
            format!("{}.{} MB", tenths / 10, tenths % 10)
        }
    } else if bytes >= KB {
        format!("{} KB", bytes / KB)
    } else {
        format!("{bytes} bytes")
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]

    use crate::parse;
    use mentor_diagnostics::Code;

    /// The codes and messages of a parse; no message is longer than a short excerpt.
    fn problems(text: &str) -> Vec<(Code, String)> {
        let parsed = parse(text);
        for d in &parsed.diagnostics {
            assert!(d.message.len() < 200, "a long message: {}", d.message.len());
        }
        parsed
            .diagnostics
            .into_iter()
            .map(|d| (d.code, d.message))
            .collect()
    }

    #[test]
    fn a_five_megabyte_string_is_refused_up_front_in_one_short_message() {
        let text = format!("programme p \"{}\"\n\nrole mentee\n", "a".repeat(5_000_000));
        assert_eq!(
            problems(&text),
            vec![(
                Code::OverLimit,
                "this policy is 4.7 MB, more than the 4 MB a policy may be".to_string()
            )]
        );
    }

    #[test]
    fn a_long_quoted_text_or_word_is_refused_and_the_other_items_still_read() {
        let text = format!(
            "programme p \"{}\"\n\nrole m{}\n\nrole mentor x\n",
            "a".repeat(super::MAX_TEXT_CHARS + 1),
            "b".repeat(super::MAX_WORD_CHARS)
        );
        let found = problems(&text);
        assert_eq!(found.len(), 3, "{found:?}");
        assert_eq!(found[0].0, Code::OverLimit);
        assert_eq!(found[1].0, Code::OverLimit);
        // the third item parses on its own and reports its own mistake, in a short message
        assert_eq!(found[2].0, Code::Unexpected);
        let at_limit = format!(
            "programme p \"{}\"\n\nrole m{}\n",
            "a".repeat(super::MAX_TEXT_CHARS - 1),
            "b".repeat(super::MAX_WORD_CHARS - 1)
        );
        assert_eq!(problems(&at_limit), vec![]);
    }

    #[test]
    fn an_unexpected_long_word_is_echoed_as_an_excerpt() {
        let word = "x".repeat(super::MAX_WORD_CHARS);
        let found = problems(&format!("programme p\n\nrole mentee {word}\n"));
        assert_eq!(found.len(), 1, "{found:?}");
        assert!(
            found[0]
                .1
                .ends_with(&format!("found `{}...`", "x".repeat(40))),
            "{}",
            found[0].1
        );
    }

    #[test]
    fn an_item_too_complex_to_read_is_refused_in_words() {
        let text = format!(
            "programme p\n\nrole mentee {{\n  ok: bool\n}}\n\neligibility e\n  mentee is eligible when ok{}\n",
            " and ok".repeat(300_000)
        );
        assert_eq!(
            problems(&text),
            vec![(
                Code::OverLimit,
                "this item is too long or too complex to read".to_string()
            )]
        );
    }

    #[test]
    fn sizes_in_words() {
        assert_eq!(super::size_in_words(300), "300 bytes");
        assert_eq!(super::size_in_words(2048), "2 KB");
        assert_eq!(super::size_in_words(4 * 1024 * 1024), "4 MB");
        assert_eq!(super::size_in_words(5_000_000), "4.7 MB");
    }
}
