//! Comments: `#` to the end of the line, found outside quoted text (by [`crate::lex`]).
//!
//! The grammar skips comments; the formatter and the language server get them from here.

use mentor_diagnostics::Span;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Comment {
    /// The comment's text including the `#`, without the line break.
    pub text: String,
    pub span: Span,
    /// Whether the comment is alone on its line (not after code).
    pub own_line: bool,
}

/// Every comment in `text`, in order.
pub fn comments(text: &str) -> Vec<Comment> {
    crate::lex::pieces(text)
        .filter(|p| p.is_comment())
        .map(|p| {
            let line_start = text
                .get(..p.start)
                .and_then(|t| t.rfind('\n'))
                .map_or(0, |n| n + 1);
            Comment {
                text: p.text(text).to_string(),
                span: Span::new(p.start, p.end),
                own_line: text
                    .get(line_start..p.start)
                    .is_some_and(|before| before.trim().is_empty()),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_comments_but_not_hashes_in_quotes() {
        let text = "# top\nrole a # after\n  source \"a # b\" # tail\n";
        let all = comments(text);
        let found: Vec<(&str, bool)> = all.iter().map(|c| (c.text.as_str(), c.own_line)).collect();
        assert_eq!(
            found,
            vec![("# top", true), ("# after", false), ("# tail", false)]
        );
    }
}
