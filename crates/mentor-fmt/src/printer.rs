//! A small line writer: documents of tokens, break points and groups, laid out in lines.
//!
//! An item is first described as a [`Doc`]: tokens, places where a line may break, and groups
//! that are either written on one line (flat) or broken at every break point they own. The
//! writer then lays it out in [`OutLine`]s, keeping with every token where it was in the
//! source, so that comments can be put back next to it afterwards.

/// Lines are kept within this many columns wherever the layout allows a break.
pub(crate) const WIDTH: usize = 100;

/// One word or sign of the output, with the byte offset in the source it came from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Tok {
    pub text: String,
    pub pos: usize,
    /// Written right after the previous token, without a space (`,`, `)`, `:`).
    pub glue: bool,
}

#[derive(Debug, Clone)]
pub(crate) enum Doc {
    Tok(Tok),
    /// A break point: nothing when its group is flat, a new line when the group is broken.
    Line,
    /// A break point that breaks only when what follows it, up to the next break point, would
    /// not fit on the line (used to fill lines with dates or choices).
    FillLine,
    /// Always a new line.
    HardLine,
    /// No space before the next token.
    Glue,
    /// Written only when the enclosing group is flat.
    FlatOnly(Box<Doc>),
    /// The lines started inside are indented two more columns.
    Indent(Vec<Doc>),
    Seq(Vec<Doc>),
    Group(Group),
}

#[derive(Debug, Clone)]
pub(crate) struct Group {
    pub docs: Vec<Doc>,
    /// Always broken: by a layout rule, or because a comment sits inside.
    pub force: bool,
}

impl Doc {
    pub(crate) fn group(docs: Vec<Doc>) -> Doc {
        Doc::Group(Group { docs, force: false })
    }

    pub(crate) fn forced_group(docs: Vec<Doc>, force: bool) -> Doc {
        Doc::Group(Group { docs, force })
    }

    /// Breaks every group that has a comment strictly inside it (between its first and last
    /// token), so that the comment can keep its line. Returns the source range of the tokens.
    pub(crate) fn break_around(&mut self, comments: &[usize]) -> Option<(usize, usize)> {
        match self {
            Doc::Tok(t) => Some((t.pos, t.pos)),
            Doc::Line | Doc::FillLine | Doc::HardLine | Doc::Glue => None,
            Doc::FlatOnly(d) => d.break_around(comments),
            Doc::Indent(docs) | Doc::Seq(docs) => range_of(docs, comments),
            Doc::Group(g) => {
                let range = range_of(&mut g.docs, comments);
                if let Some((first, last)) = range
                    && comments.iter().any(|&c| first < c && c < last)
                {
                    g.force = true;
                }
                range
            }
        }
    }
}

fn range_of(docs: &mut [Doc], comments: &[usize]) -> Option<(usize, usize)> {
    let mut range: Option<(usize, usize)> = None;
    for doc in docs {
        if let Some((a, b)) = doc.break_around(comments) {
            range = Some(match range {
                Some((x, y)) => (x.min(a), y.max(b)),
                None => (a, b),
            });
        }
    }
    range
}

/// A token as laid out: whether a space separates it from the one before on its line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct OutTok {
    pub text: String,
    pub pos: usize,
    pub space: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub(crate) struct OutLine {
    pub indent: usize,
    pub toks: Vec<OutTok>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mode {
    Flat,
    Break,
}

type Cmd<'d> = (usize, Mode, &'d Doc);

fn width(text: &str) -> usize {
    text.chars().count()
}

/// Lays a document out in lines, starting at column 0.
pub(crate) fn render(doc: &Doc) -> Vec<OutLine> {
    let mut w = Writer {
        lines: vec![OutLine::default()],
        col: 0,
        space: false,
    };
    let mut stack: Vec<Cmd<'_>> = vec![(0, Mode::Break, doc)];
    while let Some((indent, mode, doc)) = stack.pop() {
        match doc {
            Doc::Tok(t) => w.token(t),
            Doc::Line => {
                if mode == Mode::Break {
                    w.newline(indent);
                }
            }
            Doc::FillLine => {
                if mode == Mode::Break && !fits(None, &stack, WIDTH.saturating_sub(w.col), true) {
                    w.newline(indent);
                }
            }
            Doc::HardLine => w.newline(indent),
            Doc::Glue => w.space = false,
            Doc::FlatOnly(d) => {
                if mode == Mode::Flat {
                    stack.push((indent, mode, d));
                }
            }
            Doc::Indent(docs) => push_all(&mut stack, indent + 2, mode, docs),
            Doc::Seq(docs) => push_all(&mut stack, indent, mode, docs),
            Doc::Group(g) => {
                let mode = if mode == Mode::Flat {
                    Mode::Flat
                } else if g.force {
                    Mode::Break
                } else if fits(Some(doc), &stack, WIDTH.saturating_sub(w.col), w.space) {
                    Mode::Flat
                } else {
                    Mode::Break
                };
                push_all(&mut stack, indent, mode, &g.docs);
            }
        }
    }
    w.lines.retain(|l| !l.toks.is_empty());
    w.lines
}

fn push_all<'d>(stack: &mut Vec<Cmd<'d>>, indent: usize, mode: Mode, docs: &'d [Doc]) {
    for d in docs.iter().rev() {
        stack.push((indent, mode, d));
    }
}

/// Whether `first` written flat, then what follows it up to the next line break, fits in
/// `room` columns. With no `first`, measures what follows a fill point.
fn fits(first: Option<&Doc>, rest: &[Cmd<'_>], room: usize, space: bool) -> bool {
    let mut room = isize::try_from(room).unwrap_or(isize::MAX);
    let mut space = space;
    let mut local: Vec<(Mode, &Doc)> = first.map(|d| (Mode::Flat, d)).into_iter().collect();
    let mut rest = rest.iter().rev();
    let from_fill = first.is_none();
    let mut seen_token = false;
    loop {
        let (mode, doc) = match local.pop() {
            Some(x) => x,
            None => match rest.next() {
                Some(&(_, mode, doc)) => (mode, doc),
                None => return true,
            },
        };
        match doc {
            Doc::Tok(t) => {
                let w = isize::try_from(width(&t.text)).unwrap_or(isize::MAX);
                room -= w + isize::from(space && !t.glue);
                space = true;
                seen_token = true;
                if room < 0 {
                    return false;
                }
            }
            Doc::Line => {
                if mode == Mode::Break {
                    return true;
                }
            }
            Doc::FillLine => {
                if (from_fill && seen_token) || (!from_fill && mode == Mode::Break) {
                    return true;
                }
            }
            Doc::HardLine => return mode == Mode::Break,
            Doc::Glue => space = false,
            Doc::FlatOnly(d) => {
                if mode == Mode::Flat {
                    local.push((mode, d));
                }
            }
            Doc::Indent(docs) | Doc::Seq(docs) => {
                for d in docs.iter().rev() {
                    local.push((mode, d));
                }
            }
            Doc::Group(g) => {
                if g.force && mode == Mode::Flat && !from_fill {
                    return false;
                }
                let inner = if g.force { Mode::Break } else { Mode::Flat };
                for d in g.docs.iter().rev() {
                    local.push((inner, d));
                }
            }
        }
    }
}

struct Writer {
    lines: Vec<OutLine>,
    col: usize,
    space: bool,
}

impl Writer {
    fn token(&mut self, t: &Tok) {
        let Some(line) = self.lines.last_mut() else {
            return;
        };
        let space = self.space && !t.glue && !line.toks.is_empty();
        self.col += width(&t.text) + usize::from(space);
        line.toks.push(OutTok {
            text: t.text.clone(),
            pos: t.pos,
            space,
        });
        self.space = true;
    }

    fn newline(&mut self, indent: usize) {
        match self.lines.last_mut() {
            Some(line) if line.toks.is_empty() => line.indent = indent,
            _ => self.lines.push(OutLine {
                indent,
                toks: Vec::new(),
            }),
        }
        self.col = indent;
        self.space = false;
    }
}

#[cfg(test)]
impl OutLine {
    /// The line's text without its indentation.
    pub(crate) fn text(&self) -> String {
        let mut s = String::new();
        for t in &self.toks {
            if t.space {
                s.push(' ');
            }
            s.push_str(&t.text);
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(text: &str) -> Doc {
        Doc::Tok(Tok {
            text: text.to_string(),
            pos: 0,
            glue: false,
        })
    }

    fn g(text: &str) -> Doc {
        Doc::Tok(Tok {
            text: text.to_string(),
            pos: 0,
            glue: true,
        })
    }

    fn show(doc: &Doc) -> String {
        render(doc)
            .iter()
            .map(|l| format!("{}{}\n", " ".repeat(l.indent), l.text()))
            .collect()
    }

    #[test]
    fn a_group_that_fits_stays_flat() {
        let doc = Doc::group(vec![
            t("{"),
            Doc::Glue,
            Doc::Indent(vec![Doc::Line, t("a"), g(","), Doc::Line, t("b")]),
            Doc::Line,
            g("}"),
        ]);
        assert_eq!(show(&doc), "{a, b}\n");
    }

    #[test]
    fn a_group_that_does_not_fit_breaks_everywhere() {
        let long = "x".repeat(60);
        let doc = Doc::group(vec![
            t("("),
            Doc::Glue,
            Doc::Indent(vec![Doc::Line, t(&long), g(","), Doc::Line, t(&long)]),
            Doc::Line,
            g(")"),
        ]);
        assert_eq!(show(&doc), format!("(\n  {long},\n  {long}\n)\n"));
    }

    #[test]
    fn fill_lines_break_only_when_needed() {
        let word = "y".repeat(30);
        let mut docs = vec![t(&word)];
        for _ in 0..4 {
            docs.push(Doc::FillLine);
            docs.push(t(&word));
        }
        let doc = Doc::Indent(vec![Doc::Seq(docs)]);
        let out = show(&doc);
        assert_eq!(out.lines().count(), 2, "{out}");
    }
}
