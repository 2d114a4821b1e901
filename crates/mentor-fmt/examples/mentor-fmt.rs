//! Formats the policy files named on the command line (or standard input) to standard output.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

use std::io::Read as _;
use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    let mut texts = Vec::new();
    if paths.is_empty() {
        let mut text = String::new();
        if let Err(e) = std::io::stdin().read_to_string(&mut text) {
            eprintln!("cannot read standard input: {e}");
            return ExitCode::FAILURE;
        }
        texts.push(("<stdin>".to_string(), text));
    }
    for path in paths {
        match std::fs::read_to_string(&path) {
            Ok(text) => texts.push((path, text)),
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
        }
    }
    let mut status = ExitCode::SUCCESS;
    for (path, text) in texts {
        match mentor_fmt::format(&text) {
            Ok(out) => print!("{out}"),
            Err(mentor_fmt::FormatError::Syntax(diagnostics)) => {
                for d in diagnostics {
                    eprintln!("{path}:{}: {}", d.span().start(), d.message);
                }
                status = ExitCode::FAILURE;
            }
            Err(e) => {
                eprintln!("{path}: {e}");
                status = ExitCode::FAILURE;
            }
        }
    }
    status
}
