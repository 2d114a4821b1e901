//! Folding ranges: items that take several lines, role and event blocks, runs of comments.

use mentor_check::Analysis;
use mentor_diagnostics::Span;
use mentor_syntax::ast::ItemKind;

/// What a fold hides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldKind {
    /// An item or a `{ ... }` block.
    Region,
    /// Consecutive comment lines.
    Comment,
}

/// A span that may be folded. Only spans that cover more than one line are returned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fold {
    pub span: Span,
    pub kind: FoldKind,
}

/// Every foldable part of a policy, in source order.
pub fn folding_ranges(text: &str, analysis: &Analysis) -> Vec<Fold> {
    let multi_line = |span: Span| {
        text.get(span.start()..span.end())
            .is_some_and(|s| s.trim_end().contains('\n'))
    };
    let mut folds = Vec::new();
    for item in &analysis.parsed.policy.items {
        if multi_line(item.span) {
            folds.push(Fold {
                span: item.span,
                kind: FoldKind::Region,
            });
        }
        let block = match &item.kind {
            ItemKind::Role(r) => r.fields.as_ref(),
            ItemKind::Event(e) => e.fields.as_ref(),
            _ => None,
        };
        if let Some(block) = block
            && multi_line(block.span)
            && block.span != item.span
        {
            folds.push(Fold {
                span: block.span,
                kind: FoldKind::Region,
            });
        }
    }
    folds.extend(comment_runs(text));
    folds.sort_by_key(|f| (f.span.start, std::cmp::Reverse(f.span.end)));
    folds
}

/// Runs of two or more comment lines.
fn comment_runs(text: &str) -> Vec<Fold> {
    let mut runs = Vec::new();
    let mut current: Option<(Span, usize)> = None;
    let (mut line, mut counted) = (0usize, 0usize);
    for comment in mentor_syntax::comments(text) {
        if !comment.own_line {
            continue;
        }
        line += text
            .get(counted..comment.span.start())
            .map_or(0, |s| s.matches('\n').count());
        counted = comment.span.start();
        let line_before = line;
        current = match current {
            Some((span, last_line)) if last_line + 1 == line_before => {
                Some((span.cover(comment.span), line_before))
            }
            Some((span, _)) => {
                push_run(&mut runs, text, span);
                Some((comment.span, line_before))
            }
            None => Some((comment.span, line_before)),
        };
    }
    if let Some((span, _)) = current {
        push_run(&mut runs, text, span);
    }
    runs
}

fn push_run(runs: &mut Vec<Fold>, text: &str, span: Span) {
    if text
        .get(span.start()..span.end())
        .is_some_and(|s| s.contains('\n'))
    {
        runs.push(Fold {
            span,
            kind: FoldKind::Comment,
        });
    }
}
