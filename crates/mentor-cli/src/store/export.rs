//! `mentor export`: the stored cases written back out as case files, as they stand (every
//! correction applied): one JSON case per line, or one file per case.

use super::{StoreArg, fail};
use crate::{Outcome, files};
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// Only these cases (default: every case)
    cases: Vec<String>,
    /// Write one case file per case (`CASE.json`) into this folder instead of JSON lines
    /// to standard output
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    #[command(flatten)]
    store: StoreArg,
}

/// A case file's text: one participant or event per line.
fn case_file(id: &str, participants: &[String], events: &[String]) -> String {
    let list = |items: &[String]| {
        if items.is_empty() {
            "[]".to_string()
        } else {
            format!("[\n    {}\n  ]", items.join(",\n    "))
        }
    };
    format!(
        "{{\n  \"case\": {},\n  \"participants\": {},\n  \"events\": {}\n}}\n",
        serde_json::Value::String(id.to_string()),
        list(participants),
        list(events)
    )
}

/// One line of a JSON lines stream.
fn case_line(id: &str, participants: &[String], events: &[String]) -> String {
    format!(
        "{{\"case\": {}, \"participants\": [{}], \"events\": [{}]}}\n",
        serde_json::Value::String(id.to_string()),
        participants.join(", "),
        events.join(", ")
    )
}

/// Whether a case id can be a file name as it is.
fn safe_file_name(id: &str) -> bool {
    !id.is_empty()
        && !id.starts_with('.')
        && id
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '-' | '_' | '.'))
}

pub fn run(args: &Args) -> Outcome {
    let mut store = match args.store.open() {
        Ok(s) => s,
        Err(o) => return o,
    };
    if let Some(dir) = &args.out
        && let Err(e) = std::fs::create_dir_all(dir)
    {
        files::trouble(&format!("cannot create {}: {e}", files::display(dir)));
        return Outcome::Trouble;
    }
    let known = match store.case_ids() {
        Ok(ids) => ids,
        Err(e) => return fail(&e),
    };
    for wanted in &args.cases {
        if !known.contains(wanted) {
            let suggestion =
                mentor_diagnostics::did_you_mean(wanted, known.iter().map(String::as_str));
            return fail(&mentor_store::StoreError::UnknownCase {
                case: wanted.clone(),
                suggestion: suggestion.map(str::to_string),
            });
        }
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut written = 0usize;
    let mut trouble: Option<String> = None;
    let result = store.for_each_case(|id, participants, events| {
        if !args.cases.is_empty() && !args.cases.iter().any(|c| c == id) {
            return Ok(());
        }
        let outcome = match &args.out {
            None => out.write_all(case_line(id, participants, events).as_bytes()).map_err(|e| e.to_string()),
            Some(dir) if safe_file_name(id) => {
                let path = dir.join(format!("{id}.json"));
                std::fs::write(&path, case_file(id, participants, events))
                    .map_err(|e| format!("cannot write {}: {e}", files::display(&path)))
            }
            Some(_) => Err(format!(
                "case `{id}` cannot be a file name as it is; export it as JSON lines (without `--out`)"
            )),
        };
        match outcome {
            Ok(()) => written += 1,
            Err(e) if trouble.is_none() => trouble = Some(e),
            Err(_) => {}
        }
        Ok(())
    });
    if let Err(e) = result {
        return fail(&e);
    }
    if let Err(e) = out.flush() {
        trouble.get_or_insert(e.to_string());
    }
    if let Some(t) = trouble {
        files::trouble(&t);
        return Outcome::Trouble;
    }
    match &args.out {
        Some(dir) => eprintln!(
            "exported {} to {}",
            super::cases(written),
            files::display(dir)
        ),
        None => eprintln!("exported {}", super::cases(written)),
    }
    Outcome::Ok
}
