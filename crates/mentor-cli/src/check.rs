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
    let style = if std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Style::Colour
    } else {
        Style::Plain
    };
    for (path, text) in &files_read {
        let name = files::display(path);
        let analysis = mentor_check::analyze(text);
        let mut diagnostics: Vec<Diagnostic> = analysis.diagnostics();
        diagnostics.extend(test_problems(path, &analysis));
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
            Format::Human => print!("{}", render::human(&name, text, &diagnostics, style)),
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
        Ok(Some(s)) => println!("{s}"),
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

/// Problems in the `test` items of a file, checked against the policy they test: unknown
/// roles, events, participants and rules, bad values, unreadable case files.
fn test_problems(path: &std::path::Path, analysis: &mentor_check::Analysis) -> Vec<Diagnostic> {
    let file = &analysis.parsed.policy;
    if !file
        .items
        .iter()
        .any(|i| matches!(i.kind, mentor_syntax::ast::ItemKind::Test(_)))
    {
        return Vec::new();
    }
    let Some(policy_path) = crate::policy_tests::policy_of(path, file) else {
        return Vec::new();
    };
    let own = policy_path == path;
    let (policy_text, policy) = if own {
        (None, None)
    } else {
        match std::fs::read_to_string(&policy_path) {
            Ok(text) => {
                let policy = mentor_check::analyze(&text);
                (Some(text), Some(policy))
            }
            Err(e) => {
                let span = mentor_policy_test::policy_path(file)
                    .map_or(mentor_diagnostics::Span::at(0), |p| p.span);
                return vec![Diagnostic::new(
                    mentor_diagnostics::Code::TestInvalid,
                    span,
                    format!("cannot read the policy these tests are for ({}): {e}", files::display(&policy_path)),
                )
                .help("write the policy's path relative to this file: `policy \"supportt.mentor\"`")];
            }
        }
    };
    let _ = policy_text;
    let model = match &policy {
        Some(p) if p.has_errors() => return Vec::new(),
        Some(p) => &p.checked.model,
        None if analysis.has_errors() => return Vec::new(),
        None => &analysis.checked.model,
    };
    let dir = path
        .parent()
        .map(std::path::Path::to_path_buf)
        .unwrap_or_default();
    let read_case = |relative: &str| crate::policy_tests::read_case_file(&dir, relative);
    mentor_policy_test::prepare(file, model, &read_case).1
}
