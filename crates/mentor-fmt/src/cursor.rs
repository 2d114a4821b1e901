//! Where each written token was in the source, so that comments go back next to it.
//!
//! Names, texts, dates and paths carry spans in the syntax tree; keywords and signs do not.
//! The cursor walks the source alongside the formatter: a token with a span moves it to the
//! span's end, and a keyword is looked for right after the cursor (past blanks, comments and
//! commas the layout drops).

use mentor_diagnostics::Span;
use mentor_syntax::lex;

pub(crate) struct Cursor<'a> {
    text: &'a str,
    pos: usize,
}

impl<'a> Cursor<'a> {
    pub(crate) fn new(text: &'a str, pos: usize) -> Self {
        Cursor { text, pos }
    }

    /// The source text.
    pub(crate) fn source(&self) -> &'a str {
        self.text
    }

    /// The position of a token that has a span.
    pub(crate) fn at(&mut self, span: Span) -> usize {
        self.pos = self.pos.max(span.end());
        span.start()
    }

    /// The position of a keyword or sign written next: where the next lexeme starts. The
    /// cursor moves past that lexeme when it is the same kind of thing as `word` (a word, or
    /// the same sign), so `days` finds `day` and `7` finds `07`; a comma the source did not
    /// have is placed where the next lexeme starts.
    pub(crate) fn word(&mut self, word: &str) -> usize {
        let start = self.skip(word != ",");
        let rest = self.text.get(start..).unwrap_or("");
        let len = lexeme_len(rest);
        let lexeme = rest.get(..len).unwrap_or("");
        let same = lexeme == word || (is_wordlike(lexeme) && is_wordlike(word));
        if same && len > 0 {
            self.pos = start + len;
        }
        start
    }

    /// Skips blanks and comments (and stray commas when `commas`); returns the new offset.
    fn skip(&self, commas: bool) -> usize {
        let mut i = self.pos;
        loop {
            let rest = self.text.get(i..).unwrap_or("");
            let Some(c) = rest.chars().next() else {
                return i;
            };
            if c.is_whitespace() || c == '\u{feff}' || (commas && c == ',') {
                i += c.len_utf8();
            } else if lex::starts_with_comment(rest) {
                i += lex::pieces(rest).next().map_or(rest.len(), |p| p.end);
            } else {
                return i;
            }
        }
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || c == '_'
}

fn is_wordlike(s: &str) -> bool {
    s.chars().next().is_some_and(is_word_char)
}

/// The length of the lexeme at the start of `rest`: a quoted text, a word (with the dots,
/// dashes and colons of paths, dates and times), a two-character comparison or one sign.
fn lexeme_len(rest: &str) -> usize {
    let Some(first) = rest.chars().next() else {
        return 0;
    };
    if let Some(text) = lex::pieces(rest).next().filter(|p| p.is_text()) {
        return text.end;
    }
    if is_word_char(first) {
        return rest
            .char_indices()
            .find(|&(_, c)| !(is_word_char(c) || matches!(c, '.' | '-' | ':')))
            .map_or(rest.len(), |(i, _)| i);
    }
    for op in [">=", "<=", "==", "!="] {
        if rest.starts_with(op) {
            return 2;
        }
    }
    first.len_utf8()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_keywords_past_comments_and_stray_commas() {
        let text = "after x, # note\n  mentor must y within 5 day";
        let mut c = Cursor::new(text, 0);
        assert_eq!(c.word("after"), 0);
        assert_eq!(c.at(Span::new(6, 7)), 6);
        assert_eq!(c.word(","), 7);
        assert_eq!(c.word("mentor"), 18);
        c.word("must");
        c.word("y");
        assert_eq!(c.word("within"), 32);
        assert_eq!(c.word("5"), 39);
        assert_eq!(c.word("days"), 41);
    }

    #[test]
    fn a_missing_comma_does_not_move_the_cursor() {
        let text = "after x mentor";
        let mut c = Cursor::new(text, 7);
        assert_eq!(c.word(","), 8);
        assert_eq!(c.word("mentor"), 8);
    }
}
