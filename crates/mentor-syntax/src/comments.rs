//! Comments: `#` to the end of the line, found outside quoted text.
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
    let mut out = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let mut in_string = false;
        let mut escaped = false;
        for (i, c) in line.char_indices() {
            if in_string {
                if escaped {
                    escaped = false;
                } else if c == '\\' {
                    escaped = true;
                } else if c == '"' {
                    in_string = false;
                }
                continue;
            }
            if c == '"' {
                in_string = true;
            } else if c == '#' {
                let body = line.get(i..).unwrap_or("").trim_end_matches(['\n', '\r']);
                let own_line = line.get(..i).is_some_and(|before| before.trim().is_empty());
                out.push(Comment {
                    text: body.to_string(),
                    span: Span::new(offset + i, offset + i + body.len()),
                    own_line,
                });
                break;
            }
        }
        offset += line.len();
    }
    out
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
