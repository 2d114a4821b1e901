//! Where a test file's policy and case files are: path rules, and reading case files.
//!
//! The one place in this crate that touches the disk: [`read_case_file`] is what the
//! command line and the language server pass to [`crate::prepare`] as its reader.

// The exception to the pure core (ARCHITECTURE.md): the reader the front ends share.
#![allow(clippy::disallowed_methods)]

use crate::CaseFile;
use mentor_diagnostics::{Code, Diagnostic, Span};
use mentor_syntax::ast;
use std::path::{Path, PathBuf};

/// The policy a file's tests are for: its `policy "..."` line (relative to the file), the
/// file itself when it is a policy with tests at the end, or `x.mentor` beside `x.test.mentor`.
pub fn policy_for(path: &Path, file: &ast::Policy) -> Option<PathBuf> {
    if let Some(named) = crate::policy_path(file) {
        return Some(path.parent().unwrap_or(Path::new("")).join(&named.value));
    }
    if !crate::is_test_file(file) {
        return Some(path.to_path_buf());
    }
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".test.mentor")?;
    Some(path.with_file_name(format!("{stem}.mentor")))
}

/// Reads a case file named by a test, relative to the test file's folder `dir`: a JSON
/// file, or the events file of a CSV pair (`x.events.csv` with `x.participants.csv`).
pub fn read_case_file(dir: &Path, relative: &str) -> Result<CaseFile, String> {
    let path = dir.join(relative);
    let read = |p: &Path| {
        std::fs::read_to_string(p).map_err(|e| format!("cannot read the case file {relative}: {e}"))
    };
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        let Some(participants) = participants_file(&path) else {
            return Err(format!(
                "{relative} should be the events file of a CSV pair (its name containing `events`)"
            ));
        };
        return Ok(CaseFile::Csv(read(&path)?, read(&participants)?));
    }
    Ok(CaseFile::Json(read(&path)?))
}

/// The participants file beside a CSV events file: `x.events.csv` -> `x.participants.csv`,
/// `events.csv` -> `participants.csv` (the last `events` in the name is the one replaced).
pub fn participants_file(events: &Path) -> Option<PathBuf> {
    let name = events.file_name()?.to_str()?;
    let at = name.rfind("events")?;
    let renamed = format!(
        "{}participants{}",
        name.get(..at)?,
        name.get(at + "events".len()..)?
    );
    Some(events.with_file_name(renamed))
}

/// Problems in the `test` items of the file at `path` (already analysed), checked against
/// the policy they test and the case files they name: what `mentor check` and the language
/// server report. `open_policy` gives the policy's text when the caller holds an unsaved
/// copy; otherwise it is read from disk. A policy with errors of its own is left to be
/// reported on its own.
pub fn test_problems(
    path: &Path,
    analysis: &mentor_check::Analysis,
    open_policy: &dyn Fn(&Path) -> Option<String>,
) -> Vec<Diagnostic> {
    let file = &analysis.parsed.policy;
    if !file
        .items
        .iter()
        .any(|i| matches!(i.kind, ast::ItemKind::Test(_)))
    {
        return Vec::new();
    }
    let Some(policy_path) = policy_for(path, file) else {
        return Vec::new();
    };
    let other;
    let policy = if policy_path == path {
        analysis
    } else {
        let text = match open_policy(&policy_path)
            .map(Ok)
            .unwrap_or_else(|| std::fs::read_to_string(&policy_path))
        {
            Ok(text) => text,
            Err(e) => {
                let span = crate::policy_path(file).map_or(Span::at(0), |p| p.span);
                let shown = crate::policy_path(file)
                    .map_or_else(|| policy_path.display().to_string(), |p| p.value.clone());
                return vec![
                    Diagnostic::new(Code::TestInvalid, span, format!("cannot read the policy these tests are for, `{shown}`: {e}"))
                        .help("write the policy's path relative to this file: `policy \"supportt.mentor\"`"),
                ];
            }
        };
        other = mentor_check::analyze(&text);
        &other
    };
    if policy.has_errors() {
        return Vec::new();
    }
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let read = |relative: &str| read_case_file(&dir, relative);
    crate::prepare(file, &policy.checked.model, &read).1
}
