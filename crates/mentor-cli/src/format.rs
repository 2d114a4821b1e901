//! `mentor fmt [--check] PATH...`: rewrite policies in the canonical layout.

use crate::{Outcome, files};
use mentor_diagnostics::render::{self, Style};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Policy files, or folders to search for `*.mentor` files
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Change nothing; show how each file that is not formatted would change (a unified
    /// diff) and exit with 1 if there are any
    #[arg(long)]
    check: bool,
}

pub fn run(args: &Args) -> Outcome {
    let Some(files_read) = files::read_policies(&args.paths) else {
        return Outcome::Trouble;
    };
    let mut unformatted = Vec::new();
    let mut broken = 0usize;
    for (path, text) in &files_read {
        let name = files::display(path);
        let formatted = match mentor_fmt::format(text) {
            Ok(f) => f,
            Err(mentor_fmt::FormatError::Syntax(diagnostics)) => {
                eprint!("{}", render::human(&name, text, &diagnostics, Style::Plain));
                eprintln!("{name}: not formatted, because it has syntax errors");
                broken += 1;
                continue;
            }
            Err(e) => {
                eprintln!("error: {name}: {e}");
                broken += 1;
                continue;
            }
        };
        if formatted == *text {
            continue;
        }
        if args.check {
            out!("{}", diff(&name, text, &formatted, crate::colour::stdout()));
            unformatted.push(name);
        } else if let Err(e) = write_atomically(path, &formatted) {
            files::trouble(&format!("cannot write {name}: {e}"));
            return Outcome::Trouble;
        } else {
            outln!("formatted {name}");
        }
    }
    if args.check && !unformatted.is_empty() {
        let what = if unformatted.len() == 1 {
            "1 file is"
        } else {
            "these files are"
        };
        eprintln!(
            "{what} not formatted; run `mentor fmt` on {}",
            if unformatted.len() == 1 { "it" } else { "them" }
        );
        return Outcome::Problems;
    }
    if broken > 0 {
        Outcome::Problems
    } else {
        Outcome::Ok
    }
}

/// How formatting would change a file, as a unified diff (`--- NAME`, `+++ NAME`, hunks
/// with three lines of context), as `rustfmt --check` and `ruff format --diff` show it;
/// removed lines in red and added lines in green when `colour`.
fn diff(name: &str, old: &str, new: &str, colour: bool) -> String {
    use similar::ChangeTag;
    use std::fmt::Write;
    let paint = |line: String, colour_of: Option<anstyle::AnsiColor>| match colour_of {
        Some(c) if colour => {
            let style = anstyle::Style::new().fg_color(Some(c.into()));
            format!("{style}{line}{style:#}")
        }
        _ => line,
    };
    let lines = similar::TextDiff::from_lines(old, new);
    let mut out = format!("--- {name}\n+++ {name}\n");
    for hunk in lines.unified_diff().context_radius(3).iter_hunks() {
        let _ = writeln!(
            out,
            "{}",
            paint(hunk.header().to_string(), Some(anstyle::AnsiColor::Cyan))
        );
        for change in hunk.iter_changes() {
            let (sign, colour_of) = match change.tag() {
                ChangeTag::Delete => ('-', Some(anstyle::AnsiColor::Red)),
                ChangeTag::Insert => ('+', Some(anstyle::AnsiColor::Green)),
                ChangeTag::Equal => (' ', None),
            };
            let text = change.value().trim_end_matches(['\n', '\r']);
            let _ = writeln!(out, "{}", paint(format!("{sign}{text}"), colour_of));
            if change.missing_newline() {
                let _ = writeln!(out, "\\ No newline at end of file");
            }
        }
    }
    out
}

/// Writes through a temporary file beside the real file and renames it over it, so a crash
/// never leaves half a policy behind. A symbolic link is kept: the file it points to is the
/// one rewritten. The temporary file has the original's permissions from its creation (a
/// private policy is never readable by others, even for a moment) and is flushed to disk
/// before the rename.
fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let real = std::fs::canonicalize(path)?;
    let dir = real.parent().unwrap_or(Path::new("."));
    let name = real
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("policy");
    let permissions = std::fs::metadata(&real)?.permissions();
    let (mut file, temp) = create_beside(dir, name, &permissions)?;
    let written = (|| {
        use std::io::Write;
        file.write_all(contents.as_bytes())?;
        // the creation mode is narrowed by the umask: now give back exactly the original's
        file.set_permissions(permissions)?;
        file.sync_all()?;
        drop(file);
        std::fs::rename(&temp, &real)?;
        // the rename itself is on disk once the folder is
        if let Ok(folder) = std::fs::File::open(dir) {
            let _ = folder.sync_all();
        }
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// A new temporary file in `dir`, created with at most the permissions `like` has.
fn create_beside(
    dir: &Path,
    name: &str,
    like: &std::fs::Permissions,
) -> std::io::Result<(std::fs::File, PathBuf)> {
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    {
        use std::os::unix::fs::{OpenOptionsExt, PermissionsExt};
        options.mode(like.mode() & 0o7777);
    }
    #[cfg(not(unix))]
    let _ = like;
    let mut attempt = 0;
    loop {
        let temp = dir.join(format!(
            ".{name}.mentor-fmt-{}-{attempt}",
            std::process::id()
        ));
        match options.open(&temp) {
            Ok(file) => return Ok((file, temp)),
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(e) => return Err(e),
        }
    }
}

#[cfg(all(test, unix))]
mod tests {
    #![allow(clippy::unwrap_used)]

    use std::os::unix::fs::PermissionsExt;

    #[test]
    fn the_temporary_file_is_private_from_its_creation() {
        let dir = tempfile::tempdir().unwrap();
        let private = std::fs::Permissions::from_mode(0o600);
        let (file, temp) = super::create_beside(dir.path(), "p.mentor", &private).unwrap();
        // nothing written yet, and already no one else may read it
        let mode = std::fs::metadata(&temp).unwrap().permissions().mode() & 0o777;
        assert_eq!(mode & 0o077, 0, "{mode:o}");
        drop(file);
    }
}
