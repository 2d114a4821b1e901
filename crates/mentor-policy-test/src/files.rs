//! Where a test file's policy and case files are: path rules, and reading case files.
//!
//! The one place in this crate that touches the disk: [`read_case_file`] is what the
//! command line and the language server pass to [`crate::prepare`] as its reader.

use crate::CaseFile;
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
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if !name.contains("events") {
            return Err(format!(
                "{relative} should be the events file of a CSV pair (its name containing `events`)"
            ));
        }
        let participants = path.with_file_name(name.replacen("events", "participants", 1));
        return Ok(CaseFile::Csv(read(&path)?, read(&participants)?));
    }
    Ok(CaseFile::Json(read(&path)?))
}
