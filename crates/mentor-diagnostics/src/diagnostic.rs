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

/// The longest piece of input (a name or value in backticks) a message repeats whole: the
/// longest name a policy may declare. Anything longer cannot be a name and is shown as an
/// excerpt of its first [`EXCERPT_CHARS`] characters.
pub const ECHOED_CHARS: usize = 128;

/// How much of an over-long piece of input a message shows.
pub const EXCERPT_CHARS: usize = 40;

/// The longest message, in characters: far more than any message mentor writes, so only one
/// that repeats long input reaches it.
pub const MAX_MESSAGE_CHARS: usize = 800;

/// A message with every backticked piece longer than [`ECHOED_CHARS`] cut to an excerpt, so
/// that no message repeats a long input (a five-megabyte name) whole. A message that is
/// still too long (the input held backticks of its own) has every long piece cut, and is
/// cut at [`MAX_MESSAGE_CHARS`] as a last resort.
fn excerpted(message: String) -> String {
    let too_long = message.chars().count() > MAX_MESSAGE_CHARS;
    let long_quote = message
        .split('`')
        .skip(1)
        .step_by(2)
        .any(|quoted| quoted.chars().count() > ECHOED_CHARS);
    if !long_quote && !too_long {
        return message;
    }
    let mut out = String::with_capacity(ECHOED_CHARS * 2);
    for (i, piece) in message.split('`').enumerate() {
        if i > 0 {
            out.push('`');
        }
        let quoted = i % 2 == 1;
        if (quoted || too_long) && piece.chars().count() > ECHOED_CHARS {
            out.extend(piece.chars().take(EXCERPT_CHARS));
            out.push_str("...");
        } else {
            out.push_str(piece);
        }
    }
    if out.chars().count() > MAX_MESSAGE_CHARS {
        out = out.chars().take(MAX_MESSAGE_CHARS).collect();
        out.push_str("...");
    }
    out
}

// Building a diagnostic is the catalogue's alone (`crate::catalog`): every message is
// worded there, once, so the builders are not public.
impl Diagnostic {
    /// A diagnostic with the code's usual severity.
    pub(crate) fn new(code: Code, span: Span, message: impl Into<String>) -> Self {
        Diagnostic {
            code,
            severity: code.severity(),
            message: excerpted(message.into()),
            primary: Label::new(span, ""),
            secondary: Vec::new(),
            help: None,
            fixes: None,
        }
    }

    /// A quick fix: replacing `span` with `replacement` would solve the problem.
    pub(crate) fn fix(
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
    pub(crate) fn label(mut self, message: impl Into<String>) -> Self {
        self.primary.message = excerpted(message.into());
        self
    }

    /// Another place that explains the problem.
    pub(crate) fn secondary(mut self, span: Span, message: impl Into<String>) -> Self {
        self.secondary
            .push(Label::new(span, excerpted(message.into())));
        self
    }

    pub(crate) fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(excerpted(help.into()));
        self
    }

    /// Adds "did you mean `x`?" to the message when a close name exists.
    pub(crate) fn suggest<'a, I>(self, name: &str, candidates: I) -> Self
    where
        I: IntoIterator<Item = &'a str>,
    {
        self.suggesting(crate::Suggestion::among(name, candidates))
    }

    /// Adds a suggestion found some other way to the message.
    pub(crate) fn suggesting(mut self, suggestion: crate::Suggestion<'_>) -> Self {
        if suggestion.name().is_some() {
            // the suggested name is input too (a participant id, say): excerpted like the rest
            self.message = excerpted(format!("{}{suggestion}", self.message));
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

#[cfg(test)]
mod tests {
    use super::{Code, Diagnostic, Span};

    #[test]
    fn a_long_suggested_name_is_shown_as_an_excerpt() {
        let long = format!("coord{}", " ".repeat(5_000));
        let d = Diagnostic::new(
            Code::CaseUnknownParticipant,
            Span::at(0),
            "`coord` is unknown",
        )
        .suggest("coord", [long.as_str()]);
        assert!(d.message.contains("did you mean `coord"), "{}", d.message);
        assert!(
            d.message.chars().count() <= super::MAX_MESSAGE_CHARS + 3,
            "{}",
            d.message.len()
        );
    }

    #[test]
    fn a_long_input_is_shown_as_an_excerpt_and_a_name_whole() {
        let long = "x".repeat(5_000);
        let name = "y".repeat(super::ECHOED_CHARS);
        let d = Diagnostic::new(
            Code::CaseUnknownEvent,
            Span::at(0),
            format!("`{long}` is not an event of this policy; did you mean `{name}`?"),
        )
        .help(format!("add `{long}`"));
        assert_eq!(
            d.message,
            format!(
                "`{}...` is not an event of this policy; did you mean `{name}`?",
                "x".repeat(40)
            )
        );
        assert_eq!(
            d.help.as_deref(),
            Some(&*format!("add `{}...`", "x".repeat(40)))
        );
    }

    #[test]
    fn backticks_inside_the_input_do_not_let_it_through() {
        let long = format!(
            "{}`{}`{}",
            "x".repeat(3_000),
            "`".repeat(500),
            "y".repeat(3_000)
        );
        let d = Diagnostic::new(
            Code::CaseUnknownEvent,
            Span::at(0),
            format!("`{long}` is not an event of this policy"),
        );
        assert!(
            d.message.chars().count() <= super::MAX_MESSAGE_CHARS + 3,
            "{}",
            d.message
        );
        assert!(
            d.message.starts_with(&format!("`{}...`", "x".repeat(40))),
            "{}",
            d.message
        );
    }
}
