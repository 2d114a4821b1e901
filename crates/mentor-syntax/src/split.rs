//! Item boundaries: where each top-level item of a policy starts and ends.
//!
//! An item starts at a line that begins (in its first column) with a letter or `_`; the
//! lines after it that are indented, blank, comments or closing braces belong to it. This is
//! what lets the parser recover: each chunk is parsed on its own.

use mentor_diagnostics::Span;

/// The text of one item and where it sits in the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ItemChunk<'a> {
    pub text: &'a str,
    pub span: Span,
}

fn starts_item(line: &str) -> bool {
    line.chars()
        .next()
        .is_some_and(|c| c.is_alphabetic() || c == '_')
}

/// Splits a policy into item chunks. Text before the first item (other than blank lines and
/// comments) becomes a chunk of its own, so that it is reported rather than ignored.
pub fn split_items(text: &str) -> Vec<ItemChunk<'_>> {
    let mut starts = Vec::new();
    let mut offset = 0;
    let mut leading_junk = None;
    for line in text.split_inclusive('\n') {
        if starts_item(line) {
            starts.push(offset);
        } else if starts.is_empty() && leading_junk.is_none() {
            let trimmed = line.trim_start_matches(['\u{feff}', ' ', '\t', '\r', '\n']);
            if !trimmed.is_empty() && !crate::lex::starts_with_comment(trimmed) {
                leading_junk = Some(offset + (line.len() - trimmed.len()));
            }
        }
        offset += line.len();
    }
    if let Some(junk) = leading_junk {
        starts.insert(0, junk);
    }
    let mut chunks = Vec::with_capacity(starts.len());
    for (i, &start) in starts.iter().enumerate() {
        let end = starts.get(i + 1).copied().unwrap_or(text.len());
        let Some(chunk) = text.get(start..end) else {
            continue;
        };
        let trimmed_len = trim_trailing(chunk).len();
        let chunk = chunk.get(..trimmed_len).unwrap_or(chunk);
        chunks.push(ItemChunk {
            text: chunk,
            span: Span::new(start, start + chunk.len()),
        });
    }
    chunks
}

/// The chunk without trailing blank lines and whole-line comments (they belong to the next item).
fn trim_trailing(chunk: &str) -> &str {
    let mut end = chunk.len();
    loop {
        let body = chunk.get(..end).unwrap_or("");
        let body_trimmed = body.trim_end();
        let Some(last_line_start) = body_trimmed.rfind('\n').map(|i| i + 1) else {
            return body_trimmed;
        };
        let last_line = body_trimmed.get(last_line_start..).unwrap_or("");
        if crate::lex::is_comment_line(last_line) {
            end = last_line_start;
        } else {
            return body_trimmed;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_at_unindented_lines() {
        let text = "role a\n\nrule r\n  after x\n  # note\n\n# about b\nrole b { }\n";
        let chunks: Vec<&str> = split_items(text).iter().map(|c| c.text).collect();
        assert_eq!(chunks, vec!["role a", "rule r\n  after x", "role b { }"]);
    }

    #[test]
    fn closing_braces_stay_with_their_item() {
        let text = "role a {\n  x: int\n}\nrole b\n";
        let chunks: Vec<&str> = split_items(text).iter().map(|c| c.text).collect();
        assert_eq!(chunks, vec!["role a {\n  x: int\n}", "role b"]);
    }

    #[test]
    fn leading_junk_is_its_own_chunk() {
        let text = "  ??\nrole a\n";
        let chunks: Vec<&str> = split_items(text).iter().map(|c| c.text).collect();
        assert_eq!(chunks, vec!["??", "role a"]);
    }
}
