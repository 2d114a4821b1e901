//! A forgiving tokenizer for the text of one item up to the cursor, for completion.
//!
//! It never fails: half-typed text gives the tokens it can, and tells whether the cursor is
//! inside a comment or a quoted text (where nothing is completed); which is which is
//! `mentor_syntax::lex`'s to say.

/// One token. Only words keep their text; completion decides from words and punctuation.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Tok<'a> {
    Word(&'a str),
    Number,
    Date,
    Text,
    Punct(&'a str),
}

impl Tok<'_> {
    pub(crate) fn is(self, word: &str) -> bool {
        matches!(self, Tok::Word(w) | Tok::Punct(w) if w == word)
    }
}

/// The tokens of `text`, and whether `text` ends inside a comment or a quoted text.
pub(crate) fn lex(text: &str) -> (Vec<Tok<'_>>, bool) {
    use mentor_syntax::lex::{Kind, pieces};
    let mut tokens = Vec::new();
    let mut inside = false;
    for piece in pieces(text) {
        // the cursor is inside a comment or a quoted text when it runs to the end
        let to_the_end = !text.get(piece.end..).unwrap_or("").contains('\n');
        inside = match piece.kind {
            Kind::Code => {
                code_tokens(piece.text(text), &mut tokens);
                false
            }
            Kind::Comment => to_the_end,
            Kind::Text { closed: false } if piece.end == text.len() => true,
            Kind::Text { .. } => {
                tokens.push(Tok::Text);
                false
            }
        };
    }
    (tokens, inside)
}

/// The tokens of a stretch of code (no quoted text or comment in it).
fn code_tokens<'a>(text: &'a str, tokens: &mut Vec<Tok<'a>>) {
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_ascii_digit() {
            let mut date = false;
            while let Some(&(_, d)) = chars.peek() {
                if d.is_ascii_digit() || d == '-' || d == ':' || d == 'T' {
                    date |= !d.is_ascii_digit();
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(if date { Tok::Date } else { Tok::Number });
            continue;
        }
        if c.is_alphabetic() || c == '_' {
            while let Some(&(i, d)) = chars.peek() {
                if d.is_alphanumeric() || d == '_' {
                    end = i + d.len_utf8();
                    chars.next();
                } else {
                    break;
                }
            }
            tokens.push(Tok::Word(text.get(start..end).unwrap_or_default()));
            continue;
        }
        if matches!(c, '>' | '<' | '=' | '!')
            && let Some(&(i, '=')) = chars.peek()
        {
            end = i + 1;
            chars.next();
        }
        tokens.push(Tok::Punct(text.get(start..end).unwrap_or_default()));
    }
}

#[cfg(test)]
mod tests {
    #![allow(
        clippy::unwrap_used,
        clippy::expect_used,
        clippy::indexing_slicing,
        clippy::panic
    )]
    use super::*;

    #[test]
    fn words_numbers_dates_and_operators() {
        let (tokens, inside) =
            lex("rule r\n  source \"a “b” c\"\n  each x must have a >= 2026-01-02 and n == 5");
        assert!(!inside);
        assert_eq!(
            tokens,
            vec![
                Tok::Word("rule"),
                Tok::Word("r"),
                Tok::Word("source"),
                Tok::Text,
                Tok::Word("each"),
                Tok::Word("x"),
                Tok::Word("must"),
                Tok::Word("have"),
                Tok::Word("a"),
                Tok::Punct(">="),
                Tok::Date,
                Tok::Word("and"),
                Tok::Word("n"),
                Tok::Punct("=="),
                Tok::Number,
            ]
        );
    }

    #[test]
    fn knows_when_it_ends_in_a_comment_or_a_quote() {
        assert!(lex("rule r # a comment").1);
        assert!(lex("rule r\n  source \"half typed").1);
        assert!(!lex("rule r # done\n  ").1);
        assert!(!lex("rule r\n  source \"done\" ").1);
    }
}
