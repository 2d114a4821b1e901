//! `mentor fmt [--check] PATH...`: rewrite policies in the canonical layout.

use crate::{Outcome, files};
use mentor_diagnostics::render::{self, Style};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Policy files, or folders to search for `*.mentor` files
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Change nothing; list the files that are not formatted and exit with 1 if there are any
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
            println!("{name}");
            unformatted.push(name);
        } else if let Err(e) = write_atomically(path, &formatted) {
            files::trouble(&format!("cannot write {name}: {e}"));
            return Outcome::Trouble;
        } else {
            println!("formatted {name}");
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

/// Writes through a temporary file in the same folder and renames it over the original,
/// so a crash never leaves half a policy behind.
fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .and_then(|n| n.to_str())
        .unwrap_or("policy");
    let temp = dir.join(format!(".{name}.mentor-fmt-{}", std::process::id()));
    std::fs::write(&temp, contents)?;
    if let Ok(meta) = std::fs::metadata(path) {
        let _ = std::fs::set_permissions(&temp, meta.permissions());
    }
    std::fs::rename(&temp, path).inspect_err(|_| {
        let _ = std::fs::remove_file(&temp);
    })
}
