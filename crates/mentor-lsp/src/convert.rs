//! Between the analysis (byte offsets, spans, `mentor-ide` values) and the protocol (lines
//! and UTF-16 columns, `ls_types`). Every position the server sends or reads goes through
//! [`range`] or `Document::offset`, which use [`LineIndex`], the one place columns are
//! counted.

use mentor_diagnostics::{Code, LineIndex, Severity, Span};
use mentor_ide::{CompletionKind, FoldKind, SymbolKind as IdeSymbolKind};
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, CompletionItem, CompletionItemKind, Diagnostic,
    DiagnosticRelatedInformation, DiagnosticSeverity, DiagnosticTag, DocumentSymbol, FoldingRange,
    FoldingRangeKind, Location, NumberOrString, Position, Range, SymbolKind, TextEdit, Uri,
    WorkspaceEdit,
};

/// The protocol range of a byte span.
pub fn range(text: &str, lines: &LineIndex, span: Span) -> Range {
    Range {
        start: position(text, lines, span.start()),
        end: position(text, lines, span.end()),
    }
}

fn position(text: &str, lines: &LineIndex, offset: usize) -> Position {
    let (line, character) = lines.utf16_position(text, offset);
    Position { line, character }
}

/// A diagnostic as the editor shows it: the same code and message as `mentor check`, the
/// help on a line of its own, and the secondary labels as related locations.
pub fn diagnostic(
    uri: &Uri,
    text: &str,
    lines: &LineIndex,
    d: &mentor_diagnostics::Diagnostic,
) -> Diagnostic {
    let mut message = d.message.clone();
    if let Some(help) = &d.help {
        message.push_str("\nhelp: ");
        message.push_str(help);
    }
    let related: Vec<DiagnosticRelatedInformation> = d
        .secondary
        .iter()
        .map(|label| DiagnosticRelatedInformation {
            location: Location {
                uri: uri.clone(),
                range: range(text, lines, label.span),
            },
            message: label.message.clone(),
        })
        .collect();
    Diagnostic {
        range: range(text, lines, d.primary.span),
        severity: Some(match d.severity {
            Severity::Error => DiagnosticSeverity::ERROR,
            Severity::Warning => DiagnosticSeverity::WARNING,
        }),
        code: Some(NumberOrString::String(d.code.as_str().to_string())),
        code_description: None,
        source: Some("mentor".to_string()),
        message,
        related_information: (!related.is_empty()).then_some(related),
        tags: (d.code == Code::UnusedDeclaration).then(|| vec![DiagnosticTag::UNNECESSARY]),
        data: None,
    }
}

pub fn completion(c: mentor_ide::Completion) -> CompletionItem {
    let kind = match c.kind {
        CompletionKind::Keyword => CompletionItemKind::KEYWORD,
        CompletionKind::Role => CompletionItemKind::CLASS,
        CompletionKind::Fact | CompletionKind::Field => CompletionItemKind::FIELD,
        CompletionKind::Event => CompletionItemKind::EVENT,
        CompletionKind::Choice => CompletionItemKind::ENUM_MEMBER,
        CompletionKind::Calendar => CompletionItemKind::CONSTANT,
        CompletionKind::Type => CompletionItemKind::TYPE_PARAMETER,
        CompletionKind::Unit => CompletionItemKind::UNIT,
        CompletionKind::Similarity => CompletionItemKind::REFERENCE,
    };
    CompletionItem {
        label: c.label,
        kind: Some(kind),
        detail: c.detail,
        ..CompletionItem::default()
    }
}

pub fn symbol(text: &str, lines: &LineIndex, s: mentor_ide::Symbol) -> DocumentSymbol {
    let kind = match s.kind {
        IdeSymbolKind::Programme => SymbolKind::PACKAGE,
        IdeSymbolKind::Calendar => SymbolKind::CONSTANT,
        IdeSymbolKind::Type => SymbolKind::ENUM,
        IdeSymbolKind::Role => SymbolKind::CLASS,
        IdeSymbolKind::Fact | IdeSymbolKind::Field => SymbolKind::FIELD,
        IdeSymbolKind::Event => SymbolKind::EVENT,
        IdeSymbolKind::Similarity => SymbolKind::OBJECT,
        IdeSymbolKind::Eligibility => SymbolKind::INTERFACE,
        IdeSymbolKind::Rule
        | IdeSymbolKind::Ladder
        | IdeSymbolKind::Termination
        | IdeSymbolKind::Disclosure
        | IdeSymbolKind::Phase => SymbolKind::FUNCTION,
        IdeSymbolKind::Test => SymbolKind::METHOD,
    };
    let children: Vec<DocumentSymbol> = s
        .children
        .into_iter()
        .map(|c| symbol(text, lines, c))
        .collect();
    #[allow(deprecated)]
    DocumentSymbol {
        name: s.name,
        detail: s.detail,
        kind,
        tags: None,
        deprecated: None,
        range: range(text, lines, s.span),
        selection_range: range(text, lines, s.name_span),
        children: (!children.is_empty()).then_some(children),
    }
}

/// A fold, when it still covers more than one line.
pub fn fold(text: &str, lines: &LineIndex, f: mentor_ide::Fold) -> Option<FoldingRange> {
    let r = range(text, lines, f.span);
    (r.end.line > r.start.line).then_some(FoldingRange {
        start_line: r.start.line,
        start_character: None,
        end_line: r.end.line,
        end_character: None,
        kind: Some(match f.kind {
            FoldKind::Region => FoldingRangeKind::Region,
            FoldKind::Comment => FoldingRangeKind::Comment,
        }),
        collapsed_text: None,
    })
}

/// The span from the start of a text to its end.
pub fn whole(text: &str) -> Span {
    Span::new(0, text.len())
}

/// A diagnostic's fix as a quick fix the editor can apply.
pub fn quick_fix(
    uri: &Uri,
    text: &str,
    lines: &LineIndex,
    d: &mentor_diagnostics::Diagnostic,
    fix: &mentor_diagnostics::Fix,
) -> CodeAction {
    let edit = TextEdit {
        range: range(text, lines, fix.span),
        new_text: fix.replacement.clone(),
    };
    CodeAction {
        title: fix.title.clone(),
        kind: Some(CodeActionKind::QUICKFIX),
        diagnostics: Some(vec![diagnostic(uri, text, lines, d)]),
        edit: Some(WorkspaceEdit {
            changes: Some(std::iter::once((uri.clone(), vec![edit])).collect()),
            ..WorkspaceEdit::default()
        }),
        is_preferred: Some(true),
        ..CodeAction::default()
    }
}
