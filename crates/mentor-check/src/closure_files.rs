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
