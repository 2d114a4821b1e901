//! The sizes a policy may have, checked before parsing so that no input can exhaust the
//! parser: the whole text, one quoted text, one word, and how deeply brackets nest.
//!
//! `docs/limits.md` lists these for users; every limit here has its line there.

use crate::{errors, lex};
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
    let span = |from: usize, to: usize| Span::new(offset + from, offset + to);
    let mut code = CodeLimits::default();
    for piece in lex::pieces(text) {
        match piece.kind {
            lex::Kind::Code => {
                if let Some(problem) = code.read(text, piece.start, piece.end) {
                    return Some(problem.diagnostic(text, span));
                }
            }
            lex::Kind::Text { closed } => {
                if let Some(problem) = code.end_word(text, piece.start) {
                    return Some(problem.diagnostic(text, span));
                }
                // the characters between the quotes, as written
                let quotes = if closed { 2 } else { 1 };
                let inside = piece.text(text).chars().count().saturating_sub(quotes);
                if inside > MAX_TEXT_CHARS {
                    let end = text
                        .get(piece.start..)
                        .and_then(|t| t.find('\n'))
                        .map_or(text.len(), |n| piece.start + n);
                    return Some(errors::text_too_long(span(piece.start, end)));
                }
            }
            lex::Kind::Comment => {
                if let Some(problem) = code.end_word(text, piece.start) {
                    return Some(problem.diagnostic(text, span));
                }
            }
        }
    }
    None
}

/// What is counted in the code of an item: bracket depth, the word being read, and how
/// many `not`s came in a row.
#[derive(Default)]
struct CodeLimits {
    depth: usize,
    word_start: Option<usize>,
    word_chars: usize,
    nots: usize,
}

/// A limit passed in code, and where.
enum CodeProblem {
    WordTooLong(usize),
    TooDeep(usize),
}

impl CodeProblem {
    fn diagnostic(self, text: &str, span: impl Fn(usize, usize) -> Span) -> Diagnostic {
        match self {
            CodeProblem::WordTooLong(start) => {
                let end = text
                    .get(start..)
                    .and_then(|t| t.find(|c: char| !(c.is_alphanumeric() || c == '_')))
                    .map_or(text.len(), |n| start + n);
                errors::word_too_long(span(start, end))
            }
            CodeProblem::TooDeep(at) => errors::too_deep(span(at, at + 1), MAX_NESTING),
        }
    }
}

impl CodeLimits {
    /// Reads the code from `start` to `end` of `text`.
    fn read(&mut self, text: &str, start: usize, end: usize) -> Option<CodeProblem> {
        for (i, c) in text.get(start..end).unwrap_or("").char_indices() {
            let i = start + i;
            if c.is_alphanumeric() || c == '_' {
                self.word_start.get_or_insert(i);
                self.word_chars += 1;
                if self.word_chars > MAX_WORD_CHARS {
                    return Some(CodeProblem::WordTooLong(self.word_start.unwrap_or(i)));
                }
                continue;
            }
            if let Some(problem) = self.end_word(text, i) {
                return Some(problem);
            }
            match c {
                '(' | '{' => {
                    self.depth += 1;
                    if self.depth > MAX_NESTING {
                        return Some(CodeProblem::TooDeep(i));
                    }
                }
                ')' | '}' => self.depth = self.depth.saturating_sub(1),
                _ => {}
            }
        }
        None
    }

    /// Ends the word being read at `end` (a sign, a quoted text or a comment follows it).
    fn end_word(&mut self, text: &str, end: usize) -> Option<CodeProblem> {
        let start = self.word_start.take()?;
        let word = text.get(start..end);
        self.word_chars = 0;
        if word == Some("not") {
            self.nots += 1;
            if self.nots > MAX_NESTING {
                return Some(CodeProblem::TooDeep(start));
            }
        } else {
            self.nots = 0;
        }
        None
    }
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
            "a".repeat(super::MAX_TEXT_CHARS),
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
