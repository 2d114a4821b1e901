//! Closure files: `calendar trust = england_and_wales closed "closures.ics"` names a file of
//! closure days (iCalendar or CSV). The checker reads no files: a front end reads each named
//! file (inside the project, beside the policy) and hands its text over in [`ClosureFiles`];
//! the days are parsed here, and every problem is reported at the file's name in the policy,
//! with its line and column in the file.

use mentor_calendar::closures::{self, ClosureFormat, ClosureProblem};
use mentor_diagnostics::{Code, Diagnostic, Span};
use mentor_syntax::ast;
use std::collections::HashMap;

/// The text of the closure files a policy names, by the name written in the policy, as a
/// front end read them (or why it could not).
#[derive(Debug, Clone, Default)]
pub struct ClosureFiles {
    texts: HashMap<String, Result<String, NotRead>>,
}

/// Why a front end did not read a closure file, in words for the policy's author.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotRead {
    /// What went wrong (`cannot read \`closures.ics\`: No such file or directory`).
    pub message: String,
    /// What to do about it.
    pub help: String,
}

impl ClosureFiles {
    /// No files: a policy that names one gets an error saying it was not read.
    pub fn none() -> ClosureFiles {
        ClosureFiles::default()
    }

    /// Records what reading `name` (as written in the policy) gave.
    pub fn insert(&mut self, name: &str, text: Result<String, NotRead>) {
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
        return Err(vec![unknown_format(file)]);
    };
    let text = match files.texts.get(name) {
        Some(Ok(text)) => text,
        Some(Err(not_read)) => return Err(vec![not_read_here(file.span, not_read)]),
        None => {
            return Err(vec![not_read_here(
                file.span,
                &NotRead {
                    message: format!("the closure file `{name}` was not read here"),
                    help: "closure files are read by `mentor check`, `next`, `agenda`, `test` and the language server, from the policy's folder".to_string(),
                },
            )]);
        }
    };
    closures::parse(text, format)
        .map(|days| days.into_iter().map(|d| d.date).collect())
        .map_err(|problems| problems.iter().map(|p| mistake(file, p)).collect())
}

/// M0314: the file could not be read (or was refused).
fn not_read_here(span: Span, not_read: &NotRead) -> Diagnostic {
    Diagnostic::new(Code::ClosureFileNotRead, span, not_read.message.clone())
        .label("not read")
        .help(not_read.help.clone())
}

/// M0314: a file that is neither iCalendar nor CSV by its name.
fn unknown_format(file: &ast::Text) -> Diagnostic {
    Diagnostic::new(
        Code::ClosureFileNotRead,
        file.span,
        format!(
            "`{}` is not a closure file mentor can read: name an iCalendar (`.ics`) or CSV (`.csv`) file",
            file.value
        ),
    )
    .label("not .ics or .csv")
    .help("export the closure days from your calendar program as an `.ics` file, or list them in a `.csv` file with a `date` column")
}

/// M0315: a mistake inside the file, at its line and column there.
fn mistake(file: &ast::Text, problem: &ClosureProblem) -> Diagnostic {
    Diagnostic::new(
        Code::ClosureFileMistake,
        file.span,
        format!(
            "{}, line {}, column {}: {}",
            file.value, problem.line, problem.column, problem.message
        ),
    )
    .label("in this file")
    .help("correct the closure file; each day must be a date (YYYY-MM-DD in CSV, DTSTART in iCalendar)")
}
