//! `mentor import FILES...`: cases from everything `mentor next` and `mentor agenda` read
//! (case files, CSV pairs, folders of them, JSON-lines streams, CSV caseloads) into the
//! store, all or nothing. Every problem of every case is reported, and nothing is written
//! unless the whole import is valid.

use super::{AuthorArg, StoreArg, fail, style, today};
use crate::cases::{self, Loaded, Sources, Unit};
use crate::{Outcome, files};
use mentor_diagnostics::catalog::store::case_id_taken;
use mentor_diagnostics::render;
use mentor_diagnostics::{Diagnostic, Span};
use mentor_store::Clash;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Case files (`S-0001.json`), CSV events files (with their participants file beside
    /// them), JSON-lines streams (`.jsonl`, or `-` for standard input), CSV caseloads (an
    /// events file with a `case` column), or folders of them
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// For a CSV events file or caseload: its participants file (default: the events
    /// file's name with `events` replaced by `participants`)
    #[arg(long, value_name = "FILE")]
    participants: Option<PathBuf>,
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    author: AuthorArg,
}

/// Where a JSON case names its case: the value of its `"case"` key, when it has one.
fn case_key_span(text: &str) -> Option<Span> {
    let key = text.find("\"case\"")?;
    let rest = text.get(key + 6..)?;
    let quote = rest.find('"')?;
    let start = key + 6 + quote;
    let len = rest.get(quote + 1..)?.find('"')? + 2;
    Some(Span::new(start, start + len))
}

/// Draws a case whose id is taken where the case came from: at its `"case"` in a JSON file.
fn draw_clash(unit: &Unit, id: &str, clash: Clash) -> String {
    let span = match unit {
        Unit::Json { text, .. } => case_key_span(text),
        _ => None,
    };
    let d: Diagnostic = case_id_taken(id, clash, span);
    match unit {
        Unit::Json {
            file,
            text,
            lines_before,
            ..
        } => render::human_at(file, text, *lines_before, &[d], style()),
        Unit::CsvPair {
            events_file,
            events,
            ..
        } => render::human(events_file, events, &[d], style()),
        Unit::CaseloadCase(c, _) => render::human(&c.events_file, &c.events, &[d], style()),
        _ => format!("error[{}]: {}\n", d.code, d.message),
    }
}

pub fn run(args: &Args) -> Outcome {
    let author = match args.author.author() {
        Ok(a) => a,
        Err(o) => return o,
    };
    let mut store = match args.store.open() {
        Ok(s) => s,
        Err(o) => return o,
    };
    let mut import = match store.import(&author, today()) {
        Ok(i) => i,
        Err(e) => return fail(&e),
    };
    let policy = import.policy();
    let model = policy.model();
    let sources = Sources {
        paths: args.files.clone(),
        participants: args.participants.clone(),
        style: style(),
    };
    let mut bad_cases = 0usize;
    let mut cases_read = 0usize;
    let mut bad_input = false;
    let mut trouble: Option<Outcome> = None;
    cases::read_all(&sources, &mut |unit| {
        let loaded = match &unit {
            Unit::Problem { message, io } => {
                if *io {
                    files::trouble(message);
                    trouble = Some(Outcome::Trouble);
                    return false;
                }
                eprint!("{message}");
                bad_input = true;
                return true;
            }
            Unit::Note(note) => {
                eprint!("{note}");
                return true;
            }
            unit => cases::load(unit, model, style()),
        };
        match loaded {
            Loaded::Case(case, notes) => {
                eprint!("{notes}");
                cases_read += 1;
                match import.clash(&case.id) {
                    Ok(Some(c)) => {
                        eprint!("{}", draw_clash(&unit, &case.id, c));
                        bad_cases += 1;
                    }
                    Ok(None) if bad_cases == 0 && !bad_input => {
                        if let Err(e) = import.add(&case) {
                            trouble = Some(fail(&e));
                            return false;
                        }
                    }
                    // After a problem nothing will be written: the rest is only checked.
                    Ok(None) => {}
                    Err(e) => {
                        trouble = Some(fail(&e));
                        return false;
                    }
                }
            }
            Loaded::Failed(report, summary) => {
                eprint!("{report}");
                if !summary.is_empty() {
                    eprintln!("{summary}");
                }
                cases_read += 1;
                bad_cases += 1;
            }
            // Only an agenda answers cases as it loads them.
            Loaded::Answered(notes) => eprint!("{notes}"),
            Loaded::Said(text, bad) => {
                eprint!("{text}");
                bad_input |= bad;
            }
            Loaded::Trouble(message) => {
                files::trouble(&message);
                trouble = Some(Outcome::Trouble);
                return false;
            }
        }
        true
    });
    if let Some(outcome) = trouble {
        drop(import);
        eprintln!("nothing was imported");
        return outcome;
    }
    if bad_cases > 0 || bad_input {
        drop(import);
        eprintln!(
            "nothing was imported: {} of {} had problems",
            bad_cases,
            super::cases(cases_read)
        );
        return Outcome::Problems;
    }
    match import.commit() {
        Ok(n) => {
            eprintln!("imported {}", super::cases(n));
            Outcome::Ok
        }
        Err(e) => fail(&e),
    }
}
