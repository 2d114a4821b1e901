//! Finding and reading files: the only place the CLI touches the file system for input.

use std::path::{Path, PathBuf};

/// The policy files named on the command line: files as given, folders searched for
/// `*.mentor`. Links are followed, but each real folder is searched once (a link back up
/// the tree is not a loop) and each real file is listed once.
pub fn policy_files(paths: &[PathBuf]) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut seen = Seen::default();
    for path in paths {
        if path.is_dir() {
            collect(path, &mut out, &mut seen)
                .map_err(|e| format!("cannot read the folder {}: {e}", path.display()))?;
        } else if path.exists() {
            if seen.first_time(path) {
                out.push(path.clone());
            }
        } else {
            return Err(format!("{} does not exist", path.display()));
        }
    }
    Ok(out)
}

/// The real (canonical) folders and files already met.
#[derive(Default)]
struct Seen(std::collections::HashSet<PathBuf>);

impl Seen {
    fn first_time(&mut self, path: &Path) -> bool {
        let real = std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf());
        self.0.insert(real)
    }
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>, seen: &mut Seen) -> std::io::Result<()> {
    if !seen.first_time(dir) {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') || name == "target" || name == "node_modules" {
            continue;
        }
        if path.is_dir() {
            collect(&path, out, seen)?;
        } else if name.ends_with(".mentor") && seen.first_time(&path) {
            out.push(path);
        }
    }
    Ok(())
}

/// Reads a policy file (at most `mentor_syntax::limits::MAX_POLICY_BYTES`), with an error
/// message that names it.
pub fn read(path: &Path) -> Result<String, String> {
    read_at_most(path, mentor_syntax::limits::MAX_POLICY_BYTES, "the policy")
}

/// Reads a case file's bytes (at most `mentor_eval::load::MAX_CASE_BYTES`; a spreadsheet
/// export may not be UTF-8).
pub fn read_case_bytes(path: &Path) -> Result<Vec<u8>, String> {
    mentor_policy_test::files::read_bytes_bounded(path, mentor_eval::load::MAX_CASE_BYTES)
        .map_err(|problem| said(problem, path, "the case file"))
}

/// Reads at most `limit` bytes of text: a larger file is refused without being read whole.
fn read_at_most(path: &Path, limit: usize, what: &str) -> Result<String, String> {
    mentor_policy_test::files::read_bounded(path, limit)
        .map_err(|problem| said(problem, path, what))
}

fn said(problem: mentor_policy_test::files::ReadProblem, path: &Path, what: &str) -> String {
    match problem {
        mentor_policy_test::files::ReadProblem::Io(e) => {
            format!("cannot read {}: {e}", display(path))
        }
        other => other.describe(what, &display(path)),
    }
}

/// A path as shown in messages: relative to the current folder when possible.
pub fn display(path: &Path) -> String {
    let cwd = std::env::current_dir().ok();
    let shown = cwd
        .as_deref()
        .and_then(|c| path.strip_prefix(c).ok())
        .unwrap_or(path);
    normalise(shown).display().to_string()
}

/// `tests/cli/../../policies/x.mentor` -> `policies/x.mentor`, without touching the disk.
fn normalise(path: &Path) -> PathBuf {
    use std::path::Component;
    let mut out = PathBuf::new();
    for part in path.components() {
        match part {
            Component::CurDir => {}
            Component::ParentDir => {
                let last_is_normal =
                    matches!(out.components().next_back(), Some(Component::Normal(_)));
                if last_is_normal {
                    out.pop();
                } else {
                    out.push("..");
                }
            }
            other => out.push(other),
        }
    }
    out
}

/// Prints a usage or I/O problem.
pub fn trouble(message: &str) {
    eprintln!("error: {message}");
}

/// The policy files named on the command line, with their texts. A problem is printed and
/// `None` returned: the caller stops with exit code 2.
pub fn read_policies(paths: &[PathBuf]) -> Option<Vec<(PathBuf, String)>> {
    let found = policy_files(paths).map_err(|e| trouble(&e)).ok()?;
    let mut out = Vec::with_capacity(found.len());
    for path in found {
        let text = read(&path).map_err(|e| trouble(&e)).ok()?;
        out.push((path, text));
    }
    Some(out)
}

/// Prints a policy's errors (not its warnings) to stderr.
pub fn print_policy_errors(
    name: &str,
    text: &str,
    analysis: &mentor_check::Analysis,
    style: mentor_diagnostics::render::Style,
) {
    let errors: Vec<mentor_diagnostics::Diagnostic> = analysis
        .diagnostics()
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    eprint!(
        "{}",
        mentor_diagnostics::render::human(name, text, &errors, style)
    );
}

/// The project a test file may read from: the folder `mentor` runs in and the repository
/// the test file is in (see `mentor_policy_test::files::Project::for_command_line`).
/// Analyses the policy at `path` (its text already read), with the closure files it names,
/// read beside it inside its project.
pub fn analyze(path: &Path, text: &str) -> mentor_check::Analysis {
    mentor_policy_test::files::analyze_policy(&project_of(path), path, text)
}

/// As [`analyze`], with the closure files as read.
pub fn analyze_with_files(
    path: &Path,
    text: &str,
) -> (mentor_check::Analysis, mentor_check::ClosureFiles) {
    mentor_policy_test::files::analyze_policy_with_files(&project_of(path), path, text)
}

pub fn project_of(test_file: &Path) -> mentor_policy_test::files::Project {
    let cwd = std::env::current_dir().unwrap_or_default();
    mentor_policy_test::files::Project::for_command_line(&cwd, test_file)
}

/// The policy and the cases given the wrong way round (`mentor next case.json policy.mentor`):
/// says so with the command to type, rather than reporting a case file as policy syntax
/// errors. True when it said so.
pub fn swapped(command: &str, policy: &Path, cases: &[PathBuf]) -> bool {
    let extension = |p: &Path| {
        p.extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .unwrap_or_default()
    };
    let case_like = ["json", "jsonl", "csv"].contains(&extension(policy).as_str());
    let Some(real_policy) = cases.iter().find(|c| extension(c) == "mentor") else {
        return false;
    };
    if !case_like {
        return false;
    }
    let rest: Vec<String> = std::iter::once(display(policy))
        .chain(
            cases
                .iter()
                .filter(|c| *c != real_policy)
                .map(|c| display(c)),
        )
        .collect();
    trouble(&format!(
        "the policy comes first, then the case: `{}` looks like a case and `{}` like a policy; write `mentor {command} {} {}`",
        display(policy),
        display(real_policy),
        display(real_policy),
        rest.join(" ")
    ));
    true
}
