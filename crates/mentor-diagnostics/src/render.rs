//! Rendering diagnostics for people (miette's graphical report) and for machines (JSON lines).
//!
//! The only place where a diagnostic becomes text.

use crate::{Diagnostic, LineIndex, Severity};
use miette::{
    GraphicalReportHandler, GraphicalTheme, LabeledSpan, MietteError, MietteSpanContents,
    SourceCode, SourceSpan, SpanContents,
};
use serde::Serialize;
use std::fmt;

/// How human output looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Unicode boxes, no colour: for snapshots, files and pipes.
    Plain,
    /// Colours for a terminal.
    Colour,
}

struct Report<'a> {
    diagnostic: &'a Diagnostic,
    source: Excerpt,
}

/// A file's text, or a part of it that starts on a later line (one case of a stream), so
/// that the line numbers shown are the file's.
struct Excerpt {
    name: String,
    text: std::sync::Arc<String>,
    /// How many lines of the file come before the text.
    lines_before: usize,
}

impl SourceCode for Excerpt {
    fn read_span<'a>(
        &'a self,
        span: &SourceSpan,
        context_lines_before: usize,
        context_lines_after: usize,
    ) -> Result<Box<dyn SpanContents<'a> + 'a>, MietteError> {
        let inner = self
            .text
            .read_span(span, context_lines_before, context_lines_after)?;
        Ok(Box::new(MietteSpanContents::new_named(
            self.name.clone(),
            inner.data(),
            *inner.span(),
            inner.line() + self.lines_before,
            inner.column(),
            inner.line_count(),
        )))
    }
}

impl fmt::Debug for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl fmt::Display for Report<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.diagnostic.message)
    }
}

impl std::error::Error for Report<'_> {}

fn source_span(span: crate::Span, text_len: usize) -> SourceSpan {
    let start = span.start().min(text_len);
    let end = span.end().min(text_len).max(start);
    SourceSpan::new(start.into(), end - start)
}

impl miette::Diagnostic for Report<'_> {
    fn code<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        Some(Box::new(self.diagnostic.code.as_str()))
    }

    fn severity(&self) -> Option<miette::Severity> {
        Some(match self.diagnostic.severity {
            Severity::Error => miette::Severity::Error,
            Severity::Warning => miette::Severity::Warning,
        })
    }

    fn help<'a>(&'a self) -> Option<Box<dyn fmt::Display + 'a>> {
        self.diagnostic
            .help
            .as_ref()
            .map(|h| Box::new(h.as_str()) as Box<dyn fmt::Display + 'a>)
    }

    fn source_code(&self) -> Option<&dyn miette::SourceCode> {
        Some(&self.source)
    }

    fn labels(&self) -> Option<Box<dyn Iterator<Item = LabeledSpan> + '_>> {
        let len = self.source.text.len();
        let primary = &self.diagnostic.primary;
        let label = (!primary.message.is_empty()).then(|| primary.message.clone());
        let mut spans = vec![LabeledSpan::new_primary_with_span(
            label,
            source_span(primary.span, len),
        )];
        for secondary in &self.diagnostic.secondary {
            spans.push(LabeledSpan::new_with_span(
                Some(secondary.message.clone()),
                source_span(secondary.span, len),
            ));
        }
        Some(Box::new(spans.into_iter()))
    }
}

/// How many diagnostics of one file are drawn in full; the rest are counted.
const MAX_DRAWN: usize = 200;

/// Lines longer than this are not drawn (a minified case file, say): the diagnostic is
/// printed as one located line instead.
const MAX_DRAWN_LINE: usize = 2_000;

/// The human rendering of diagnostics found in one file.
pub fn human(file: &str, text: &str, diagnostics: &[Diagnostic], style: Style) -> String {
    human_at(file, text, 0, diagnostics, style)
}

/// The human rendering of diagnostics found in a part of a file that starts after
/// `lines_before` lines of it (one case of a stream): lines are numbered as in the file.
pub fn human_at(
    file: &str,
    text: &str,
    lines_before: u32,
    diagnostics: &[Diagnostic],
    style: Style,
) -> String {
    let theme = match style {
        Style::Plain => GraphicalTheme::unicode_nocolor(),
        Style::Colour => GraphicalTheme::unicode(),
    };
    let handler = GraphicalReportHandler::new_themed(theme)
        .with_width(100)
        .with_links(false);
    let index = LineIndex::new(text);
    let source = std::sync::Arc::new(text.to_string());
    let mut out = String::new();
    for (diagnostic, repeats) in grouped(diagnostics).into_iter().take(MAX_DRAWN) {
        let more = more_places(text, &index, lines_before, &repeats);
        if spans_long_line(text, &index, diagnostic) {
            out.push_str(&located_line(file, text, &index, lines_before, diagnostic));
            out.push_str(&more);
            out.push('\n');
            continue;
        }
        let report = Report {
            diagnostic,
            source: Excerpt {
                name: file.to_string(),
                text: source.clone(),
                lines_before: lines_before as usize,
            },
        };
        if handler.render_report(&mut out, &report).is_err() {
            out.push_str(&located_line(file, text, &index, lines_before, diagnostic));
        }
        out.push_str(&more);
        out.push('\n');
    }
    let drawn = grouped(diagnostics).len();
    if drawn > MAX_DRAWN {
        out.push_str(&format!(
            "... and {} more in {file} (`--format json` lists them all)\n",
            drawn - MAX_DRAWN
        ));
    }
    out
}

/// The diagnostics to draw, each with the later ones that say exactly the same thing
/// elsewhere (the same misspelt name used ten times is one problem, drawn once).
fn grouped(diagnostics: &[Diagnostic]) -> Vec<(&Diagnostic, Vec<&Diagnostic>)> {
    let mut groups: Vec<(&Diagnostic, Vec<&Diagnostic>)> = Vec::new();
    let mut first_of: std::collections::HashMap<(crate::Code, &str), usize> =
        std::collections::HashMap::new();
    for diagnostic in diagnostics {
        let key = (diagnostic.code, diagnostic.message.as_str());
        match first_of.get(&key).and_then(|&i| groups.get_mut(i)) {
            Some((_, repeats)) => repeats.push(diagnostic),
            None => {
                first_of.insert(key, groups.len());
                groups.push((diagnostic, Vec::new()));
            }
        }
    }
    groups
}

/// How many lines a "more places" note names before it only counts.
const MAX_PLACES_NAMED: usize = 10;

/// `  and 9 more places: lines 12, 14, ...`, or nothing.
fn more_places(
    text: &str,
    index: &LineIndex,
    lines_before: u32,
    repeats: &[&Diagnostic],
) -> String {
    if repeats.is_empty() {
        return String::new();
    }
    let mut lines: Vec<String> = Vec::new();
    for d in repeats {
        let line = index.line_col(text, d.primary.span.start()).line + lines_before;
        let line = line.to_string();
        if !lines.contains(&line) {
            lines.push(line);
        }
    }
    let named = if lines.len() > MAX_PLACES_NAMED {
        format!(
            "{}, ...",
            lines.get(..MAX_PLACES_NAMED).unwrap_or_default().join(", ")
        )
    } else {
        crate::words::plain_list(&lines, "and")
    };
    let places = if repeats.len() == 1 {
        "place"
    } else {
        "places"
    };
    let word = if lines.len() == 1 { "line" } else { "lines" };
    format!("  and {} more {places}: {word} {named}\n", repeats.len())
}

/// Whether a label of the diagnostic sits on a line too long to draw.
fn spans_long_line(text: &str, index: &LineIndex, diagnostic: &Diagnostic) -> bool {
    std::iter::once(&diagnostic.primary)
        .chain(&diagnostic.secondary)
        .any(|label| {
            let line = index.line_col(text, label.span.start()).line;
            index
                .line_span(text, line)
                .is_some_and(|(start, end)| end - start > MAX_DRAWN_LINE)
        })
}

/// `file:line:column: error[M0101]: message`, then the help.
fn located_line(
    file: &str,
    text: &str,
    index: &LineIndex,
    lines_before: u32,
    diagnostic: &Diagnostic,
) -> String {
    let mut line = short_at(file, text, index, lines_before, diagnostic);
    if let Some(help) = &diagnostic.help {
        line.push_str(&format!("\n  help: {help}"));
    }
    line.push('\n');
    line
}

/// One diagnostic as the JSON printed by `mentor check --format json`.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct JsonDiagnostic {
    pub file: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub severity: Severity,
    pub code: String,
    pub message: String,
    pub help: Option<String>,
    /// Edits that would fix it, as an editor offers them.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub fixes: Vec<JsonFix>,
}

/// A fix in `--format json`: replace the text between the two positions.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct JsonFix {
    pub title: String,
    pub line: u32,
    pub column: u32,
    pub end_line: u32,
    pub end_column: u32,
    pub replacement: String,
}

impl JsonDiagnostic {
    pub fn new(file: &str, text: &str, index: &LineIndex, diagnostic: &Diagnostic) -> Self {
        let start = index.line_col(text, diagnostic.primary.span.start());
        let end = index.line_col(text, diagnostic.primary.span.end());
        JsonDiagnostic {
            file: file.to_string(),
            line: start.line,
            column: start.column,
            end_line: end.line,
            end_column: end.column,
            severity: diagnostic.severity,
            code: diagnostic.code.as_str().to_string(),
            message: diagnostic.message.clone(),
            help: diagnostic.help.clone(),
            fixes: diagnostic
                .fixes()
                .iter()
                .map(|fix| {
                    let start = index.line_col(text, fix.span.start());
                    let end = index.line_col(text, fix.span.end());
                    JsonFix {
                        title: fix.title.clone(),
                        line: start.line,
                        column: start.column,
                        end_line: end.line,
                        end_column: end.column,
                        replacement: fix.replacement.clone(),
                    }
                })
                .collect(),
        }
    }
}

/// Diagnostics of one file as JSON objects.
pub fn json(file: &str, text: &str, diagnostics: &[Diagnostic]) -> Vec<JsonDiagnostic> {
    let index = LineIndex::new(text);
    diagnostics
        .iter()
        .map(|d| JsonDiagnostic::new(file, text, &index, d))
        .collect()
}

/// A one-line summary: `file:line:column: error[M0101]: message`.
pub fn short(file: &str, text: &str, index: &LineIndex, diagnostic: &Diagnostic) -> String {
    short_at(file, text, index, 0, diagnostic)
}

/// [`short`] for a part of a file that starts after `lines_before` lines of it.
pub fn short_at(
    file: &str,
    text: &str,
    index: &LineIndex,
    lines_before: u32,
    diagnostic: &Diagnostic,
) -> String {
    let at = index.line_col(text, diagnostic.primary.span.start());
    format!(
        "{file}:{}:{}: {}[{}]: {}",
        at.line + lines_before,
        at.column,
        diagnostic.severity.as_str(),
        diagnostic.code,
        diagnostic.message
    )
}

/// Diagnostics of several files as one SARIF 2.1.0 log, for code-scanning tools.
pub fn sarif(files: &[(String, String, Vec<Diagnostic>)], version: &str) -> serde_json::Value {
    let mut used: Vec<crate::Code> = files
        .iter()
        .flat_map(|(_, _, d)| d.iter().map(|d| d.code))
        .collect();
    used.sort();
    used.dedup();
    let rules: Vec<serde_json::Value> = used
        .iter()
        .map(|code| {
            serde_json::json!({
                "id": code.as_str(),
                "name": code.title(),
                "shortDescription": { "text": code.title() },
                "help": { "text": format!("see docs/diagnostics.md, section {}", code.as_str()) },
                "defaultConfiguration": { "level": level(code.severity()) },
            })
        })
        .collect();
    let mut results = Vec::new();
    for (file, text, diagnostics) in files {
        let index = LineIndex::new(text);
        for d in diagnostics {
            let start = index.line_col(text, d.primary.span.start());
            let end = index.line_col(text, d.primary.span.end());
            let message = match &d.help {
                Some(help) => format!("{}\nhelp: {help}", d.message),
                None => d.message.clone(),
            };
            results.push(serde_json::json!({
                "ruleId": d.code.as_str(),
                "level": level(d.severity),
                "message": { "text": message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": file.replace('\\', "/") },
                        "region": {
                            "startLine": start.line,
                            "startColumn": start.column,
                            "endLine": end.line,
                            "endColumn": end.column,
                        }
                    }
                }],
            }));
        }
    }
    serde_json::json!({
        "version": "2.1.0",
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "runs": [{
            "tool": { "driver": { "name": "mentor", "version": version, "rules": rules } },
            "results": results,
        }],
    })
}

fn level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Code, Span};

    #[test]
    fn a_very_long_line_is_reported_as_one_located_line() {
        let text = format!("programme p \"{}\" !", "a".repeat(70_000));
        let at = text.len() - 1;
        let d = Diagnostic::new(
            Code::Unexpected,
            Span::new(at, at + 1),
            "expected the end of the item, found `!`",
        );
        let out = human("long.mentor", &text, &[d], Style::Plain);
        assert!(
            out.starts_with("long.mentor:1:70016: error[M0101]: expected"),
            "{out}"
        );
    }

    #[test]
    fn many_diagnostics_are_counted_after_the_first_two_hundred() {
        let text = "x\n".repeat(300);
        let ds: Vec<Diagnostic> = (0..300)
            .map(|i| {
                Diagnostic::new(
                    Code::UnknownItem,
                    Span::new(i * 2, i * 2 + 1),
                    format!("`x{i}` does not start an item"),
                )
            })
            .collect();
        let out = human("many.mentor", &text, &ds, Style::Plain);
        assert!(
            out.ends_with("... and 100 more in many.mentor (`--format json` lists them all)\n"),
            "{out}"
        );
        assert_eq!(out.matches("M0102").count(), 200);
    }

    #[test]
    fn the_same_problem_in_many_places_is_drawn_once() {
        let text = "x\n".repeat(30);
        let ds: Vec<Diagnostic> = (0..30)
            .map(|i| {
                Diagnostic::new(
                    Code::UnknownItem,
                    Span::new(i * 2, i * 2 + 1),
                    "`x` does not start an item",
                )
            })
            .collect();
        let out = human("same.mentor", &text, &ds, Style::Plain);
        assert_eq!(out.matches("M0102").count(), 1, "{out}");
        assert!(
            out.contains("  and 29 more places: lines 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, ...\n"),
            "{out}"
        );
        let two = human(
            "same.mentor",
            &text,
            ds.get(..2).unwrap_or_default(),
            Style::Plain,
        );
        assert!(two.contains("  and 1 more place: line 2\n"), "{two}");
    }
}
