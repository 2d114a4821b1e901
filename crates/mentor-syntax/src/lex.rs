//! The one scanner of quoted texts and comments: everything that needs to know whether a
//! place in a policy is code, inside a quoted text or inside a comment asks here (the
//! parser's own rules are `string` and `COMMENT` in `grammar/mentor.pest`, and a test keeps
//! the two in step).
//!
//! - A quoted text starts at `"` and ends after the next `"` that no `\` escapes. A `\`
//!   escapes the character after it, unless that is a line break. A quoted text never goes
//!   past the end of its line: one that is not closed there is unterminated, and ends before
//!   the line break.
//! - A comment starts at `#` outside a quoted text and runs to the end of its line; the line
//!   break (and any `\r` just before it) is not part of it.
//! - Everything else is code, line breaks included.
//!
//! [`pieces`] cuts a text into these; [`unescape`] and [`quote`] read and write what is
//! between the quotes.

/// What a piece of policy text is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Anything outside quoted texts and comments, line breaks included.
    Code,
    /// A quoted text with its quotes; `closed` is false when its line (or the text) ended
    /// first.
    Text { closed: bool },
    /// A comment, from its `#` to the end of its line.
    Comment,
}

/// A piece of a text: its kind and its byte range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Piece {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

impl Piece {
    /// The piece's text in the text it was cut from.
    pub fn text(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    pub fn is_code(self) -> bool {
        self.kind == Kind::Code
    }

    pub fn is_comment(self) -> bool {
        self.kind == Kind::Comment
    }

    pub fn is_text(self) -> bool {
        matches!(self.kind, Kind::Text { .. })
    }
}

/// The pieces of `text`, in order, without gaps: code, quoted texts and comments.
pub fn pieces(text: &str) -> Pieces<'_> {
    Pieces { text, at: 0 }
}

/// The iterator of [`pieces`].
#[derive(Debug, Clone)]
pub struct Pieces<'a> {
    text: &'a str,
    at: usize,
}

impl Iterator for Pieces<'_> {
    type Item = Piece;

    fn next(&mut self) -> Option<Piece> {
        let start = self.at;
        let rest = self.text.get(start..).filter(|r| !r.is_empty())?;
        let (kind, len) = match rest.as_bytes().first() {
            Some(b'"') => text_len(rest),
            Some(b'#') => (Kind::Comment, comment_len(rest)),
            _ => (Kind::Code, rest.find(['"', '#']).unwrap_or(rest.len())),
        };
        // A piece is never empty: a comment of only `#` is one byte long.
        let len = len.max(1).min(rest.len());
        self.at = start + len;
        Some(Piece {
            kind,
            start,
            end: start + len,
        })
    }
}

/// The length of the quoted text at the start of `rest` (which starts with `"`).
fn text_len(rest: &str) -> (Kind, usize) {
    let bytes = rest.as_bytes();
    let mut i = 1;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => return (Kind::Text { closed: true }, i + 1),
            b'\n' => break,
            // An escape takes the next character, unless it is a line break.
            b'\\' if bytes.get(i + 1).is_some_and(|&n| n != b'\n') => {
                i += 1 + rest
                    .get(i + 1..)
                    .and_then(|r| r.chars().next())
                    .map_or(1, char::len_utf8);
            }
            _ => i += 1,
        }
    }
    (Kind::Text { closed: false }, i.min(rest.len()))
}

/// The length of the comment at the start of `rest`: to its line break, without the `\r`s
/// before it.
fn comment_len(rest: &str) -> usize {
    let line = rest
        .find('\n')
        .map_or(rest, |n| rest.get(..n).unwrap_or(rest));
    line.trim_end_matches('\r').len()
}

/// Whether `text` starts with a comment.
pub fn starts_with_comment(text: &str) -> bool {
    pieces(text).next().is_some_and(Piece::is_comment)
}

/// Whether a line holds only a comment (after blanks).
pub fn is_comment_line(line: &str) -> bool {
    starts_with_comment(line.trim_start())
}

/// `text` without its comments: its code and quoted texts, with each comment left out.
pub fn without_comments(text: &str) -> String {
    pieces(text)
        .filter(|p| !p.is_comment())
        .map(|p| p.text(text))
        .collect()
}

/// What a quoted text stands for, from what is between its quotes: `\n` and `\t` are a line
/// break and a tab, and any other escaped character stands for itself (`\"`, `\\`).
pub fn unescape(inside: &str) -> String {
    let mut out = String::with_capacity(inside.len());
    let mut chars = inside.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some(other) => out.push(other),
                None => {}
            }
        } else {
            out.push(c);
        }
    }
    out
}

/// A value written as a quoted text: in quotes, with `\` and `"` escaped and line breaks
/// and tabs written `\n` and `\t`. [`unescape`] reads it back.
pub fn quote(value: &str) -> String {
    let mut out = String::with_capacity(value.len() + 2);
    out.push('"');
    for c in value.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '"' => out.push_str("\\\""),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::indexing_slicing)]
    use super::*;
    use crate::parser::{MentorParser, Rule};
    use pest::Parser as _;

    /// The pieces of `text`, shown as `code`, `"text"` (closed), `"text…` (not closed) and
    /// `#comment`, each in brackets.
    fn shown(text: &str) -> String {
        pieces(text)
            .map(|p| {
                let t = p.text(text);
                match p.kind {
                    Kind::Code => format!("[{t}]"),
                    Kind::Text { closed: true } => format!("<{t}>"),
                    Kind::Text { closed: false } => format!("<{t}…>"),
                    Kind::Comment => format!("{{{t}}}"),
                }
            })
            .collect()
    }

    #[test]
    fn cuts_code_texts_and_comments() {
        let cases = [
            ("role a", "[role a]"),
            ("source \"a # b\" # tail", "[source ]<\"a # b\">[ ]{# tail}"),
            ("# only", "{# only}"),
            ("a # c\nb", "[a ]{# c}[\nb]"),
            ("a # c\r\nb", "[a ]{# c}[\r\nb]"),
            ("\"say \\\"hi\\\"\" x", "<\"say \\\"hi\\\"\">[ x]"),
            ("\"back\\\\\" # c", "<\"back\\\\\">[ ]{# c}"),
            ("\"open\nnext", "<\"open…>[\nnext]"),
            ("\"open \\\nnext", "<\"open \\…>[\nnext]"),
            ("\"at the end", "<\"at the end…>"),
            ("\"ends in \\", "<\"ends in \\…>"),
            ("\"é # ü\"#", "<\"é # ü\">{#}"),
            ("\"\"\"\"", "<\"\"><\"\">"),
            ("", ""),
        ];
        for (text, expected) in cases {
            assert_eq!(shown(text), expected, "{text:?}");
        }
    }

    #[test]
    fn pieces_cover_the_text_without_gaps() {
        let text = "rule r # a\n  source \"x \\\" # y\" # z\n  \"open\n";
        let mut at = 0;
        for p in pieces(text) {
            assert_eq!(p.start, at);
            assert!(p.end > p.start);
            at = p.end;
        }
        assert_eq!(at, text.len());
    }

    /// The scanner reads quoted texts exactly as the grammar's `string` rule does.
    #[test]
    fn quoted_texts_end_where_the_grammar_ends_them() {
        let texts = [
            "\"plain\" rest",
            "\"with \\\" quote\" rest",
            "\"with \\\\\" rest",
            "\"tab \\t and \\n\"",
            "\"unclosed",
            "\"unclosed\nnext\"",
            "\"escaped line \\\nnext\"",
            "\"ends with \\",
            "\"\"",
            "\"carriage \r return\"",
            "\"accents é “ü”\" x",
        ];
        for text in texts {
            let grammar = MentorParser::parse(Rule::string, text)
                .ok()
                .and_then(|mut pairs| pairs.next())
                .map(|pair| pair.as_span().end());
            let first = pieces(text).next().unwrap();
            let scanner = match first.kind {
                Kind::Text { closed: true } => Some(first.end),
                _ => None,
            };
            assert_eq!(scanner, grammar, "{text:?}");
        }
    }

    #[test]
    fn comment_lines() {
        assert!(is_comment_line("  # note"));
        assert!(starts_with_comment("# note"));
        assert!(!starts_with_comment(" # note"));
        assert!(!is_comment_line("role a # note"));
        assert!(!is_comment_line("  \"# not a comment\""));
        assert!(!is_comment_line("   "));
        assert_eq!(without_comments("5 # five\ndays"), "5 \ndays");
    }

    #[test]
    fn quote_and_unescape_are_inverse() {
        for value in [
            "plain",
            "a \"b\" c",
            "back\\slash",
            "two\nlines\tand tab",
            "",
        ] {
            let quoted = quote(value);
            let inside = &quoted[1..quoted.len() - 1];
            assert_eq!(unescape(inside), value);
            assert_eq!(pieces(&quoted).count(), 1, "{quoted}");
        }
        assert_eq!(unescape("\\q"), "q");
    }
}
