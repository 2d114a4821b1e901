//! Where a test file's policy and case files are, and reading them without risk: a test
//! file reads only regular files inside its project, of a bounded size, and never waits on
//! a pipe or a device.
//!
//! The one place in this crate that touches the disk: [`read_case_file`] is what the
//! command line and the language server pass to [`crate::prepare`] as its reader, and
//! [`read_bounded`] is how the command line reads the files it is given.

// The exception to the pure core (ARCHITECTURE.md): the reader the front ends share.
#![allow(clippy::disallowed_methods)]

use crate::CaseFile;
pub use mentor_diagnostics::catalog::policy_tests::TestFile;
use mentor_diagnostics::catalog::policy_tests::{self, FileProblem};
use mentor_diagnostics::{Diagnostic, Span};
use mentor_syntax::ast;
use mentor_syntax::limits::{MAX_POLICY_BYTES, size_in_words};
use std::io::Read;
use std::path::{Path, PathBuf};

pub use mentor_eval::load::MAX_CASE_BYTES;

/// The folders a test file may read from: its project.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Project {
    /// Canonical folders; a file is in the project when it is inside one of them.
    roots: Vec<PathBuf>,
}

impl Project {
    /// The project of a command-line run: the folder `mentor` was started in (`cwd`) and
    /// the nearest folder above the test file that holds `.git`; when the test file is in
    /// neither, its own folder.
    pub fn for_command_line(cwd: &Path, test_file: &Path) -> Project {
        let mut roots: Vec<PathBuf> = canonical(cwd).into_iter().collect();
        roots.extend(repository_of(test_file));
        let mut project = Project { roots };
        project.add_own_folder_if_outside(test_file);
        project
    }

    /// The project of an editor: the workspace folders it opened; with none, the nearest
    /// folder above the test file that holds `.git`, or else the test file's own folder.
    pub fn for_workspace(folders: &[PathBuf], test_file: &Path) -> Project {
        let mut roots: Vec<PathBuf> = folders.iter().filter_map(|f| canonical(f)).collect();
        if roots.is_empty() {
            roots.extend(repository_of(test_file));
        }
        let mut project = Project { roots };
        if project.roots.is_empty() {
            project.add_own_folder_if_outside(test_file);
        }
        project
    }

    /// Whether a canonical path is inside the project.
    pub fn contains(&self, path: &Path) -> bool {
        self.roots.iter().any(|root| path.starts_with(root))
    }

    fn add_own_folder_if_outside(&mut self, test_file: &Path) {
        let own = canonical(test_file.parent().unwrap_or(Path::new(".")));
        if let Some(own) = own
            && !self.contains(&own)
        {
            self.roots.push(own);
        }
    }
}

fn canonical(path: &Path) -> Option<PathBuf> {
    let path = if path.as_os_str().is_empty() {
        Path::new(".")
    } else {
        path
    };
    std::fs::canonicalize(path).ok()
}

/// The nearest folder above `file` (its own folder included) that holds `.git`.
fn repository_of(file: &Path) -> Option<PathBuf> {
    let start = canonical(file.parent().unwrap_or(Path::new(".")))?;
    start
        .ancestors()
        .find(|dir| dir.join(".git").exists())
        .map(Path::to_path_buf)
}

/// Why a file was not read.
#[derive(Debug)]
pub enum ReadProblem {
    /// It does not exist or cannot be opened or read: the system's reason.
    Io(std::io::Error),
    /// It is outside the project (perhaps through a symbolic link).
    Outside,
    /// It is a folder, a device, a pipe or a socket, not a regular file.
    NotAFile,
    /// It is larger than `limit` bytes.
    TooLarge { limit: usize },
    /// It is not UTF-8 text.
    NotText,
}

impl ReadProblem {
    /// The problem as the catalogue words it.
    pub fn words(&self) -> FileProblem {
        match self {
            ReadProblem::Io(e) => FileProblem::Unreadable {
                reason: e.to_string(),
            },
            ReadProblem::Outside => FileProblem::Outside,
            ReadProblem::NotAFile => FileProblem::NotAFile,
            ReadProblem::TooLarge { limit } => FileProblem::TooLarge {
                limit: size_in_words(*limit),
            },
            ReadProblem::NotText => FileProblem::NotText,
        }
    }

    /// The problem in words, naming the file as `shown` and what it is for (`the case file`).
    pub fn describe(&self, what: &str, shown: &str) -> String {
        self.words().message(what, shown)
    }

    /// The diagnostic at `span` (where the test names the file).
    pub fn diagnostic(&self, span: Span, file: TestFile, shown: &str) -> Diagnostic {
        policy_tests::file_not_read(span, &self.words(), file, shown)
    }
}

/// Reads at most `limit` bytes of text from a file the user named, whatever it is (the
/// command line reads `/dev/stdin` when asked to): never more than `limit` + 1 bytes.
pub fn read_bounded(path: &Path, limit: usize) -> Result<String, ReadProblem> {
    let file = std::fs::File::open(path).map_err(ReadProblem::Io)?;
    read_at_most(file, limit)
}

/// Like [`read_bounded`], as bytes (for files that may not be UTF-8, such as spreadsheet
/// exports in Windows-1252).
pub fn read_bytes_bounded(path: &Path, limit: usize) -> Result<Vec<u8>, ReadProblem> {
    let file = std::fs::File::open(path).map_err(ReadProblem::Io)?;
    bytes_at_most(file, limit)
}

fn bytes_at_most(file: std::fs::File, limit: usize) -> Result<Vec<u8>, ReadProblem> {
    let mut bytes = Vec::new();
    file.take(limit as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(ReadProblem::Io)?;
    if bytes.len() > limit {
        return Err(ReadProblem::TooLarge { limit });
    }
    Ok(bytes)
}

fn read_at_most(file: std::fs::File, limit: usize) -> Result<String, ReadProblem> {
    String::from_utf8(bytes_at_most(file, limit)?).map_err(|_| ReadProblem::NotText)
}

/// Reads a regular file inside the project, of at most `limit` bytes. Anything else is
/// refused before it is opened (a pipe or a device is never waited on), and checked again
/// once open, in case it changed in between.
pub fn read_in_project(
    project: &Project,
    path: &Path,
    limit: usize,
) -> Result<String, ReadProblem> {
    let real = match std::fs::canonicalize(path) {
        Ok(real) => real,
        Err(_) if !project.contains(&lexical(path)) => return Err(ReadProblem::Outside),
        // something is there, but it leads nowhere a file can be (`/dev/stdin` on a pipe)
        Err(_) if std::fs::symlink_metadata(path).is_ok() => return Err(ReadProblem::NotAFile),
        Err(e) => return Err(ReadProblem::Io(e)),
    };
    if !project.contains(&real) {
        return Err(ReadProblem::Outside);
    }
    let metadata = std::fs::metadata(&real).map_err(ReadProblem::Io)?;
    if !metadata.is_file() {
        return Err(ReadProblem::NotAFile);
    }
    if metadata.len() > limit as u64 {
        return Err(ReadProblem::TooLarge { limit });
    }
    let file = open_without_waiting(&real).map_err(ReadProblem::Io)?;
    if !file.metadata().map_err(ReadProblem::Io)?.is_file() {
        return Err(ReadProblem::NotAFile);
    }
    read_at_most(file, limit)
}

/// A path made absolute and without `.` and `..`, without asking the disk.
fn lexical(path: &Path) -> PathBuf {
    use std::path::Component;
    let absolute = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let mut out = PathBuf::new();
    for part in absolute.components() {
        match part {
            Component::ParentDir => {
                out.pop();
            }
            Component::CurDir => {}
            other => out.push(other),
        }
    }
    out
}

/// Opens for reading without waiting, should the path have become a pipe since it was looked at.
fn open_without_waiting(path: &Path) -> std::io::Result<std::fs::File> {
    let mut options = std::fs::OpenOptions::new();
    options.read(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::OpenOptionsExt;
        options.custom_flags(libc::O_NONBLOCK);
    }
    options.open(path)
}

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

/// Reads the policy a test file names (see [`policy_for`]), inside the project.
pub fn read_policy(project: &Project, path: &Path) -> Result<String, ReadProblem> {
    read_in_project(project, path, MAX_POLICY_BYTES)
}

/// Analyses the policy at `path` (its text already read), with the closure files it names
/// (`calendar trust = england_and_wales closed "closures.ics"`) read beside it, inside
/// `project`: what the command line and the language server check and evaluate.
pub fn analyze_policy(project: &Project, path: &Path, text: &str) -> mentor_check::Analysis {
    analyze_policy_with_files(project, path, text).0
}

/// As [`analyze_policy`], with the closure files as read (what a case store writes into the
/// policy version it keeps).
pub fn analyze_policy_with_files(
    project: &Project,
    path: &Path,
    text: &str,
) -> (mentor_check::Analysis, mentor_check::ClosureFiles) {
    let parsed = mentor_syntax::parse(text);
    let named = mentor_check::closure_files_named(&parsed.policy);
    let mut files = mentor_check::ClosureFiles::none();
    let dir = path.parent().unwrap_or(Path::new(""));
    for name in &named {
        let read = read_in_project(project, &dir.join(name), MAX_CLOSURE_FILE_BYTES)
            .map_err(|problem| problem.words());
        files.insert(name, read);
    }
    let checked = mentor_check::check_with(&parsed.policy, &files);
    (mentor_check::Analysis { parsed, checked }, files)
}

/// The largest closure file read (docs/limits.md).
pub const MAX_CLOSURE_FILE_BYTES: usize = 1024 * 1024;

/// Reads a case file named by a test, relative to the test file's folder `dir`, inside the
/// project: a JSON file, or the events file of a CSV pair (`x.events.csv` with
/// `x.participants.csv`). The error is the diagnostic to show at `span`, where the test
/// names the file.
pub fn read_case_file(
    project: &Project,
    dir: &Path,
    relative: &str,
    span: Span,
) -> Result<CaseFile, Diagnostic> {
    let path = dir.join(relative);
    let read = |p: &Path, shown: &str| {
        read_in_project(project, p, MAX_CASE_BYTES)
            .map_err(|problem| problem.diagnostic(span, TestFile::Case, shown))
    };
    if path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"))
    {
        let Some(participants) = participants_file(&path) else {
            return Err(policy_tests::not_an_events_file(span, relative));
        };
        let shown = participants
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        return Ok(CaseFile::Csv(
            read(&path, relative)?,
            read(&participants, &shown)?,
        ));
    }
    Ok(CaseFile::Json(read(&path, relative)?))
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
/// copy; otherwise it is read from disk, inside `project`. A policy with errors of its own
/// is left to be reported on its own.
pub fn test_problems(
    path: &Path,
    analysis: &mentor_check::Analysis,
    open_policy: &dyn Fn(&Path) -> Option<String>,
    project: &Project,
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
            .unwrap_or_else(|| read_policy(project, &policy_path))
        {
            Ok(text) => text,
            Err(problem) => {
                let span = crate::policy_path(file).map_or(Span::at(0), |p| p.span);
                let shown = crate::policy_path(file)
                    .map_or_else(|| policy_path.display().to_string(), |p| p.value.clone());
                return vec![problem.diagnostic(span, TestFile::Policy, &shown)];
            }
        };
        other = analyze_policy(project, &policy_path, &text);
        &other
    };
    if policy.has_errors() {
        return Vec::new();
    }
    let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
    let read = |relative: &str, span: Span| read_case_file(project, &dir, relative, span);
    crate::prepare(file, &policy.checked.model, &read).1
}
