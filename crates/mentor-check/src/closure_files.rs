//! Closure files: `calendar trust = england_and_wales closed "closures.ics"` names a file of
//! closure days (iCalendar or CSV). The checker reads no files: a front end reads each named
//! file (inside the project, beside the policy) and hands its text over in [`ClosureFiles`];
//! the days are parsed here, and every problem is reported at the file's name in the policy,
//! with its line and column in the file.

use mentor_calendar::closures::{self, ClosureFormat, ClosureProblem};
use mentor_diagnostics::Diagnostic;
use mentor_diagnostics::catalog::meaning;
use mentor_diagnostics::catalog::policy_tests::FileProblem;
use mentor_syntax::ast;
use std::collections::HashMap;

/// The text of the closure files a policy names, by the name written in the policy, as a
/// front end read them (or why it could not).
#[derive(Debug, Clone, Default)]
pub struct ClosureFiles {
    texts: HashMap<String, Result<String, FileProblem>>,
}

impl ClosureFiles {
    /// No files: a policy that names one gets an error saying it was not read.
    pub fn none() -> ClosureFiles {
        ClosureFiles::default()
    }

    /// Records what reading `name` (as written in the policy) gave.
    pub fn insert(&mut self, name: &str, text: Result<String, FileProblem>) {
        self.texts.insert(name.to_string(), text);
    }
}

/// The closure files a policy names, in the order written, each once.
pub fn named(policy: &ast::Policy) -> Vec<String> {
    let mut out: Vec<String> = Vec::new();
    for item in &policy.items {
        if let ast::ItemKind::Calendar(c) = &item.kind {
            for entry in &c.closed {
                if let ast::Closed::File(file) = entry
                    && !out.contains(&file.value)
                {
                    out.push(file.value.clone());
                }
            }
        }
    }
    out
}

/// The days a closure file closes, or the diagnostics that say why it cannot be used
/// (`file` is where the policy names it).
pub(crate) fn days(
    files: &ClosureFiles,
    file: &ast::Text,
) -> Result<Vec<chrono::NaiveDate>, Vec<Diagnostic>> {
    let name = file.value.as_str();
    let Some(format) = ClosureFormat::for_path(name) else {
        return Err(vec![meaning::closure_file_of_unknown_kind(file.span, name)]);
    };
    let text = match files.texts.get(name) {
        Some(Ok(text)) => text,
        Some(Err(problem)) => {
            return Err(vec![meaning::closure_file_not_read(
                file.span, name, problem,
            )]);
        }
        None => return Err(vec![meaning::closure_file_not_given(file.span, name)]),
    };
    closures::parse(text, format)
        .map(|days| days.into_iter().map(|d| d.date).collect())
        .map_err(|problems| {
            problems
                .iter()
                .map(|p: &ClosureProblem| {
                    meaning::closure_file_mistake(file.span, name, p.line, p.column, &p.message)
                })
                .collect()
        })
}

/// The policy's text with each closure file it names replaced by the days the file closes
/// (`closed "closures.ics", 2027-01-15` becomes `closed 2026-12-24, 2026-12-31, 2027-01-15`):
/// a text that needs no file to mean the same, as a case store keeps a policy version. `None`
/// when the policy names no closure file, or when a file cannot be used (the analysis with
/// `files` then has errors that say why).
pub fn written_in(text: &str, policy: &ast::Policy, files: &ClosureFiles) -> Option<Written> {
    let mut edits: Vec<(usize, usize, String)> = Vec::new();
    let mut days_from_files = Vec::new();
    for item in &policy.items {
        let ast::ItemKind::Calendar(c) = &item.kind else {
            continue;
        };
        if !c.closed.iter().any(|e| matches!(e, ast::Closed::File(_))) {
            continue;
        }
        let (first, last) = (c.closed.first()?, c.closed.last()?);
        let mut days: Vec<String> = Vec::new();
        for entry in &c.closed {
            match entry {
                ast::Closed::Day(d) => days.push(d.text.clone()),
                ast::Closed::File(file) => {
                    let read = self::days(files, file).ok()?;
                    days_from_files.push((file.value.clone(), read.len()));
                    days.extend(read.iter().map(|d| d.format("%Y-%m-%d").to_string()));
                }
            }
        }
        let (start, end) = (
            entry_span(first).start as usize,
            entry_span(last).end as usize,
        );
        if days.is_empty() {
            // Nothing is closed after all: `closed` goes too.
            let before = text.get(..start)?;
            let keyword = before.trim_end().strip_suffix("closed")?;
            edits.push((keyword.trim_end().len(), end, String::new()));
        } else {
            edits.push((start, end, days.join(", ")));
        }
    }
    if edits.is_empty() {
        return None;
    }
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for (start, end, with) in edits {
        out.push_str(text.get(at..start)?);
        out.push_str(&with);
        at = end;
    }
    out.push_str(text.get(at..)?);
    Some(Written {
        text: out,
        files: days_from_files,
    })
}

/// A policy's text with its closure files' days written in, and how many days each file gave.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Written {
    pub text: String,
    pub files: Vec<(String, usize)>,
}

fn entry_span(entry: &ast::Closed) -> mentor_syntax::Span {
    match entry {
        ast::Closed::Day(d) => d.span,
        ast::Closed::File(f) => f.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn written(text: &str, files: &[(&str, &str)]) -> Option<String> {
        let mut given = ClosureFiles::none();
        for (name, body) in files {
            given.insert(name, Ok(body.to_string()));
        }
        let parsed = mentor_syntax::parse(text);
        written_in(text, &parsed.policy, &given).map(|w| w.text)
    }

    #[test]
    fn each_file_becomes_its_days_among_the_days_written() {
        let text = "programme p\ncalendar trust = england_and_wales closed \"a.csv\", 2027-01-15\nrole mentee\n";
        assert_eq!(
            written(text, &[("a.csv", "date\n2027-01-11\n2027-01-12\n")]).as_deref(),
            Some(
                "programme p\ncalendar trust = england_and_wales closed 2027-01-11, 2027-01-12, 2027-01-15\nrole mentee\n"
            )
        );
    }

    #[test]
    fn a_file_with_no_day_leaves_no_closed_list() {
        let text =
            "programme p\ncalendar trust = england_and_wales closed \"a.csv\"\nrole mentee\n";
        assert_eq!(
            written(text, &[("a.csv", "date\n")]).as_deref(),
            Some("programme p\ncalendar trust = england_and_wales\nrole mentee\n")
        );
    }

    #[test]
    fn nothing_is_written_without_a_file_or_when_a_file_cannot_be_used() {
        let days_only = "programme p\ncalendar trust = england_and_wales closed 2027-01-15\n";
        assert_eq!(written(days_only, &[]), None);
        let unread = "programme p\ncalendar trust = england_and_wales closed \"a.csv\"\n";
        assert_eq!(written(unread, &[]), None);
        assert_eq!(written(unread, &[("a.csv", "date\nnot a date\n")]), None);
    }
}
