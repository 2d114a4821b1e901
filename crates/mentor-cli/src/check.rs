//! `mentor check PATH...`: parse and check policies, report every problem.

use crate::{Outcome, files};
use mentor_diagnostics::render::{self, Style};
use mentor_diagnostics::{Diagnostic, Severity};
use std::io::IsTerminal;
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
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Deny {
    Warnings,
}

pub fn run(args: &Args) -> Outcome {
    let paths = match files::policy_files(&args.paths) {
        Ok(p) => p,
        Err(e) => {
            files::trouble(&e);
            return Outcome::Trouble;
        }
    };
    let mut errors = 0usize;
    let mut warnings = 0usize;
    let mut json = Vec::new();
    let style = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Style::Colour
    } else {
        Style::Plain
    };
    for path in &paths {
        let text = match files::read(path) {
            Ok(t) => t,
            Err(e) => {
                files::trouble(&e);
                return Outcome::Trouble;
            }
        };
        let name = files::display(path);
        let mut diagnostics: Vec<Diagnostic> = mentor_check::analyze(&text).diagnostics();
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
            Format::Human => print!("{}", render::human(&name, &text, &diagnostics, style)),
            Format::Json => json.extend(render::json(&name, &text, &diagnostics)),
        }
    }
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&json) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                files::trouble(&format!("cannot write JSON: {e}"));
                return Outcome::Trouble;
            }
        },
        Format::Human => {
            let files_word = if paths.len() == 1 { "file" } else { "files" };
            eprintln!(
                "checked {} policy {files_word}: {} and {}",
                paths.len(),
                count(errors, "error"),
                count(warnings, "warning")
            );
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
