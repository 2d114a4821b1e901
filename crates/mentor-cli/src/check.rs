//! `mentor check PATH...`: parse and check policies, report every problem.

use crate::{Outcome, files};
use mentor_diagnostics::render;
use mentor_diagnostics::{Diagnostic, Severity};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Policy files, or folders to search for `*.mentor` files
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output for people, or for tools
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// Treat warnings as errors (`--deny warnings`)
    #[arg(long, value_name = "warnings")]
    deny: Option<Deny>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Json,
    /// SARIF 2.1.0, for code-scanning tools
    Sarif,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Deny {
    Warnings,
}

pub fn run(args: &Args) -> Outcome {
    let Some(files_read) = files::read_policies(&args.paths) else {
        return Outcome::Trouble;
    };
    let mut errors = 0usize;
    let mut warnings = 0usize;
    let mut json = Vec::new();
    let mut sarif = Vec::new();
    let style = crate::colour::stdout_style();
    for (path, text) in &files_read {
        let name = files::display(path);
        let analysis = files::analyze(path, text);
        let mut diagnostics: Vec<Diagnostic> = analysis.diagnostics();
        let project = files::project_of(path);
        diagnostics.extend(mentor_policy_test::files::test_problems(
            path,
            &analysis,
            &|_| None,
            &project,
        ));
        if args.deny == Some(Deny::Warnings) {
            for d in &mut diagnostics {
                d.severity = Severity::Error;
            }
        }
        errors += diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Error)
            .count();
        warnings += diagnostics
            .iter()
            .filter(|d| d.severity == Severity::Warning)
            .count();
        match args.format {
            Format::Human => out!("{}", render::human(&name, text, &diagnostics, style)),
            Format::Json => json.extend(render::json(&name, text, &diagnostics)),
            Format::Sarif => sarif.push((name, text.clone(), diagnostics)),
        }
    }
    let printed = match args.format {
        Format::Json => serde_json::to_string_pretty(&json).map(Some),
        Format::Sarif => {
            serde_json::to_string_pretty(&render::sarif(&sarif, env!("CARGO_PKG_VERSION")))
                .map(Some)
        }
        Format::Human => Ok(None),
    };
    match printed {
        Ok(Some(s)) => outln!("{s}"),
        Ok(None) => {
            let files_word = if files_read.len() == 1 {
                "file"
            } else {
                "files"
            };
            eprintln!(
                "checked {} policy {files_word}: {} and {}",
                files_read.len(),
                count(errors, "error"),
                count(warnings, "warning")
            );
        }
        Err(e) => {
            files::trouble(&format!("cannot write JSON: {e}"));
            return Outcome::Trouble;
        }
    }
    if errors > 0 {
        Outcome::Problems
    } else {
        Outcome::Ok
    }
}

fn count(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else {
        format!("{n} {word}s")
    }
}
