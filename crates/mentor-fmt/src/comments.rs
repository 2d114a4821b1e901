//! Putting the comments back into the laid-out items, and the blank lines between items.
//!
//! Every token of the output knows where it was in the source, so each comment goes next to
//! the tokens it was between: an own-line comment on its own line before the first token that
//! followed it, a trailing comment at the end of the output line holding the last token before
//! it. Where that token is not at the end of its line (or the following one at the start of
//! its line), the line is split there, so that formatting again reads every comment back in
//! the same place and gives the same layout.

use crate::printer::OutLine;
use mentor_syntax::Comment;

/// One item laid out in lines, with where it was in the source.
pub(crate) struct Laid {
    pub lines: Vec<OutLine>,
    pub keyword: String,
    pub start: usize,
    pub end: usize,
}

/// The whole output text: items, comments and blank lines.
pub(crate) fn assemble(source: &str, items: &[Laid], comments: &[Comment]) -> String {
    let places = place(items, comments);
    let mut out = Out::default();
    let mut gap_start = 0;
    for (k, item) in items.iter().enumerate() {
        let gap = places.gaps.get(k).map_or(&[][..], Vec::as_slice);
        let (tail, lead) = split_tail(source, gap_start, k > 0, gap, comments);
        for &c in tail {
            out.comment(2, comments.get(c));
        }
        let prev = k.checked_sub(1).and_then(|p| items.get(p));
        let required = prev.is_some_and(|p| {
            !(p.keyword == item.keyword
                && p.lines.len() == 1
                && item.lines.len() == 1
                && !blank_between(source, p.end, item.start))
        });
        let after_tail = tail
            .last()
            .and_then(|&c| comments.get(c))
            .map_or(gap_start, |c| c.span.end());
        out.lead(source, after_tail, lead, comments, item.start, required);
        emit_item(&mut out, item, k, &places, comments);
        gap_start = item.end;
    }
    let gap = places.gaps.get(items.len()).map_or(&[][..], Vec::as_slice);
    let (tail, rest) = split_tail(source, gap_start, !items.is_empty(), gap, comments);
    for &c in tail {
        out.comment(2, comments.get(c));
    }
    let mut prev_end = tail
        .last()
        .and_then(|&c| comments.get(c))
        .map_or(gap_start, |c| c.span.end());
    for &c in rest {
        let Some(comment) = comments.get(c) else {
            continue;
        };
        if blank_between(source, prev_end, comment.span.start()) {
            out.blank();
        }
        out.comment(0, Some(comment));
        prev_end = comment.span.end();
    }
    out.finish()
}

/// Where each comment goes.
struct Places {
    /// Own-line comments before item `k` (index `items.len()` for the end of the file).
    gaps: Vec<Vec<usize>>,
    /// For each token (numbered through all items' lines): own-line comments before it, and
    /// trailing comments after it.
    leading: Vec<Vec<usize>>,
    trailing: Vec<Vec<usize>>,
    /// The number of each item's first token.
    offsets: Vec<usize>,
}

fn place(items: &[Laid], comments: &[Comment]) -> Places {
    // Every token: (position in the source, item, whether it starts the item).
    let mut toks: Vec<(usize, usize, bool)> = Vec::new();
    let mut offsets = Vec::with_capacity(items.len());
    for (k, item) in items.iter().enumerate() {
        offsets.push(toks.len());
        for (l, line) in item.lines.iter().enumerate() {
            for (j, tok) in line.toks.iter().enumerate() {
                toks.push((tok.pos, k, l == 0 && j == 0));
            }
        }
    }
    let mut places = Places {
        gaps: vec![Vec::new(); items.len() + 1],
        leading: vec![Vec::new(); toks.len()],
        trailing: vec![Vec::new(); toks.len()],
        offsets,
    };
    // The last own-line comment so far: a trailing comment after it (one that followed a
    // comma the layout drops) cannot go back before it, so it goes on its own line too.
    let mut last_own_line = None;
    for (ci, comment) in comments.iter().enumerate() {
        let at = comment.span.start();
        let before = toks.iter().rposition(|&(pos, _, _)| pos < at);
        let after_own_line = |t: usize| {
            let pos = toks.get(t).map_or(0, |x| x.0);
            last_own_line.is_some_and(|own| own > pos)
        };
        match before {
            Some(t) if !comment.own_line && !after_own_line(t) => {
                if let Some(list) = places.trailing.get_mut(t) {
                    list.push(ci);
                }
            }
            _ => {
                let after = toks.iter().position(|&(pos, _, _)| pos > at);
                let slot = match after.and_then(|t| toks.get(t).map(|x| (t, *x))) {
                    None => places.gaps.get_mut(items.len()),
                    Some((_, (_, k, true))) => places.gaps.get_mut(k),
                    Some((t, _)) => places.leading.get_mut(t),
                };
                if let Some(list) = slot {
                    list.push(ci);
                }
                last_own_line = Some(at);
            }
        }
    }
    places
}

/// Splits the comments between two items into those that stay at the end of the item before
/// (indented, with no blank line before them) and those that go before the next item.
fn split_tail<'g>(
    source: &str,
    mut prev_end: usize,
    has_prev: bool,
    gap: &'g [usize],
    comments: &[Comment],
) -> (&'g [usize], &'g [usize]) {
    let mut n = 0;
    if has_prev {
        for &c in gap {
            let Some(comment) = comments.get(c) else {
                break;
            };
            let start = comment.span.start();
            if !indented(source, start) || blank_between(source, prev_end, start) {
                break;
            }
            prev_end = comment.span.end();
            n += 1;
        }
    }
    gap.split_at(n.min(gap.len()))
}

/// Whether the comment starting at `at` is indented on its line.
fn indented(source: &str, at: usize) -> bool {
    let before = source.get(..at).unwrap_or("");
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    before.len() > line_start
}

/// Whether a blank line lies between offsets `a` and `b` of the source.
fn blank_between(source: &str, a: usize, b: usize) -> bool {
    let Some(between) = source.get(a..b.max(a)) else {
        return false;
    };
    let pieces: Vec<&str> = between.split('\n').collect();
    let inner = pieces.len().saturating_sub(1);
    pieces
        .iter()
        .take(inner)
        .skip(1)
        .any(|line| line.trim().is_empty())
}

fn emit_item(out: &mut Out, item: &Laid, k: usize, places: &Places, comments: &[Comment]) {
    let mut t = places_offset(places, k);
    for line in &item.lines {
        let mut seg = Segment::new(line.indent);
        for (j, tok) in line.toks.iter().enumerate() {
            let leading = places.leading.get(t).map_or(&[][..], Vec::as_slice);
            if !leading.is_empty() {
                if j == 0 {
                    let indent = comment_indent(line.indent, &tok.text);
                    for &c in leading {
                        out.comment(indent, comments.get(c));
                    }
                } else {
                    let indent = line.indent + 2;
                    seg.flush(out, comments);
                    for &c in leading {
                        out.comment(indent, comments.get(c));
                    }
                    seg = Segment::new(indent);
                }
            }
            if seg.text.is_empty() {
                seg.first = tok.text.clone();
            }
            if tok.space && !seg.text.is_empty() {
                seg.text.push(' ');
            }
            seg.text.push_str(&tok.text);
            if let Some(trailing) = places.trailing.get(t) {
                seg.trailing.extend(trailing.iter().copied());
            }
            t += 1;
            // A trailing comment ends the line right after the word it followed (or the comma
            // after that word), so that it is read back in the same place.
            let next = line.toks.get(j + 1);
            if !seg.trailing.is_empty() && next.is_some_and(|n| n.text != ",") {
                seg.flush(out, comments);
                seg = Segment::new(line.indent + 2);
            }
        }
        seg.flush(out, comments);
    }
}

/// The number of the first token of item `k`, counting through all items before it.
fn places_offset(places: &Places, k: usize) -> usize {
    places.offsets.get(k).copied().unwrap_or(0)
}

/// The indentation of a comment on its own line before a line: the line's, or 2 more before a
/// closing bracket (so that it stays inside the brackets).
fn comment_indent(indent: usize, first_token: &str) -> usize {
    if first_token == "}" || first_token == ")" {
        indent + 2
    } else {
        indent
    }
}

/// One output line being written, with the trailing comments that end it.
struct Segment {
    indent: usize,
    /// The first token of the line.
    first: String,
    text: String,
    trailing: Vec<usize>,
}

impl Segment {
    fn new(indent: usize) -> Self {
        Segment {
            indent,
            first: String::new(),
            text: String::new(),
            trailing: Vec::new(),
        }
    }

    /// Writes the line; when several trailing comments end up on it, all but the last go on
    /// their own lines before it.
    fn flush(&mut self, out: &mut Out, comments: &[Comment]) {
        if self.text.is_empty() && self.trailing.is_empty() {
            return;
        }
        let last = self.trailing.pop();
        let indent = comment_indent(self.indent, &self.first);
        for &c in &self.trailing {
            out.comment(indent, comments.get(c));
        }
        let mut line = " ".repeat(self.indent);
        line.push_str(&self.text);
        if let Some(c) = last.and_then(|c| comments.get(c)) {
            line.push_str("  ");
            line.push_str(&c.text);
        }
        out.lines.push(line);
        self.text.clear();
        self.trailing.clear();
    }
}

/// The output lines; a blank line is an empty string.
#[derive(Default)]
struct Out {
    lines: Vec<String>,
}

impl Out {
    fn blank(&mut self) {
        if self.lines.last().is_some_and(|l| !l.is_empty()) {
            self.lines.push(String::new());
        }
    }

    fn comment(&mut self, indent: usize, comment: Option<&Comment>) {
        if let Some(c) = comment {
            self.lines.push(format!("{}{}", " ".repeat(indent), c.text));
        }
    }

    /// The comments before an item, then the item's separation: blank lines where the source
    /// had them, and one before the first comment when the items must be apart.
    fn lead(
        &mut self,
        source: &str,
        mut prev_end: usize,
        lead: &[usize],
        comments: &[Comment],
        item_start: usize,
        required: bool,
    ) {
        let mut first = true;
        for &c in lead {
            let Some(comment) = comments.get(c) else {
                continue;
            };
            if blank_between(source, prev_end, comment.span.start()) || (first && required) {
                self.blank();
            }
            first = false;
            self.comment(0, Some(comment));
            prev_end = comment.span.end();
        }
        if blank_between(source, prev_end, item_start) || (first && required) {
            self.blank();
        }
    }

    fn finish(self) -> String {
        let mut text = String::new();
        let lines = &self.lines;
        let start = lines
            .iter()
            .position(|l| !l.is_empty())
            .unwrap_or(lines.len());
        let end = lines
            .iter()
            .rposition(|l| !l.is_empty())
            .map_or(0, |i| i + 1);
        for line in lines.get(start..end).unwrap_or(&[]) {
            text.push_str(line);
            text.push('\n');
        }
        text
    }
}
