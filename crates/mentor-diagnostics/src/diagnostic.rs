//! The diagnostic value itself: code, severity, message, labelled spans and help.

use crate::Code;
use serde::Serialize;

/// A byte range in one source text.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, PartialOrd, Ord, Serialize)]
pub struct Span {
    pub start: u32,
    pub end: u32,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        let start = u32::try_from(start).unwrap_or(u32::MAX);
        let end = u32::try_from(end).unwrap_or(u32::MAX).max(start);
        Span { start, end }
    }

    /// An empty span at `offset`.
    pub fn at(offset: usize) -> Self {
        Span::new(offset, offset)
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    pub fn len(self) -> usize {
        self.end.saturating_sub(self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }

    /// Whether `offset` lies inside the span or just at its end.
    pub fn touches(self, offset: usize) -> bool {
        self.start() <= offset && offset <= self.end()
    }

    /// The same span moved `by` bytes to the right.
    pub fn shifted(self, by: usize) -> Span {
        Span::new(self.start() + by, self.end() + by)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Error,
    Warning,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// A span with a short note shown under it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Label {
    pub span: Span,
    pub message: String,
}

impl Label {
    pub fn new(span: Span, message: impl Into<String>) -> Self {
        Label {
            span,
            message: message.into(),
        }
    }
}

/// A change to the text that would fix a problem, offered by editors as a quick fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Fix {
    /// What the fix does, for a menu: "remove the indentation".
    pub title: String,
    /// The text to replace.
    pub span: Span,
    pub replacement: String,
}

/// One problem found in a policy or a case file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Diagnostic {
    pub code: Code,
    pub severity: Severity,
    /// One line, lowercase, no final period; names from the input in backticks.
    pub message: String,
    /// Where the problem is.
    pub primary: Label,
    /// Other places that explain it (the declaration a name refers to, the other half of a conflict).
    pub secondary: Vec<Label>,
    /// What to do about it.
    pub help: Option<String>,
    /// Edits that would fix it (quick fixes in an editor); see [`Diagnostic::fixes`]. Behind
    /// one thin pointer, so that a diagnostic stays small: most have none.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[allow(clippy::box_collection)]
    // one pointer instead of three: most diagnostics have no fix
    fixes: Option<Box<Vec<Fix>>>,
}

impl Diagnostic {
    /// A diagnostic with the code's usual severity.
    pub fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: message.into(),
            primary: Label::new(span, ""),
            secondary: Vec::new(),
            help: None,
            fixes: None,
        }
    }

    /// A quick fix: replacing `span` with `replacement` would solve the problem.
    pub fn fix(
        mut self,
        title: impl Into<String>,
        span: Span,
        replacement: impl Into<String>,
    ) -> Self {
        self.fixes.get_or_insert_default().push(Fix {
            title: title.into(),
            span,
            replacement: replacement.into(),
        });
        self
    }

    /// Edits that would fix the problem (quick fixes in an editor).
    pub fn fixes(&self) -> &[Fix] {
        self.fixes.as_deref().map_or(&[], Vec::as_slice)
    }

    /// The note shown under the primary span.
    pub fn label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = message.into();
        self
    }

    /// Another place that explains the problem.
    pub fn secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary.push(Label::new(span, message));
        self
    }

    pub fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Adds "did you mean `x`?" to the message when a close name exists.
    pub fn suggest<'a, I>(mut self, name: &str, candidates: I) -> Self
    where
        I: IntoIterator<Item = &'a str>,
    {
        if let Some(close) = crate::did_you_mean(name, candidates) {
            self.message = format!("{}; did you mean `{close}`?", self.message);
        }
        self
    }

    pub fn with_severity(mut self, severity: Severity) -> Self {
        self.severity = severity;
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    pub fn span(&self) -> Span {
        self.primary.span
    }
}
