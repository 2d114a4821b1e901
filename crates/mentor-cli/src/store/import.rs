//! `mentor import FILES...`: cases from case files (JSON, or CSV pairs; folders of them) into
//! the store, all or nothing. Every problem of every file is reported, and nothing is written
//! unless the whole import is valid.

use super::{AuthorArg, StoreArg, fail, problems, style, today};
use crate::{Outcome, files};
use mentor_diagnostics::render;
use mentor_diagnostics::{Code, Diagnostic, Span};
use mentor_eval::Case;
use mentor_eval::load::{self, CsvFile};
use mentor_store::{Clash, Import};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Case files (`S-0001.json`), CSV events files (with their participants file beside
    /// them), or folders of them
    #[arg(required = true)]
    files: Vec<PathBuf>,
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    author: AuthorArg,
}

/// One case to read: a JSON file, or a CSV pair.
enum Source {
    Json(PathBuf),
    Csv {
        events: PathBuf,
        participants: PathBuf,
    },
}

fn is_ext(path: &Path, ext: &str) -> bool {
    path.extension()
        .is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

fn is_participants(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.contains("participants"))
}

/// The cases named: files as given, folders searched (sorted) for case files.
fn sources(paths: &[PathBuf]) -> Result<Vec<Source>, String> {
    let mut found = Vec::new();
    for path in paths {
        if path.is_dir() {
            collect(path, &mut found)
                .map_err(|e| format!("cannot read the folder {}: {e}", files::display(path)))?;
        } else if path.exists() {
            found.push(path.clone());
        } else {
            return Err(format!("{} does not exist", files::display(path)));
        }
    }
    let mut out = Vec::new();
    for path in found {
        if is_ext(&path, "csv") {
            if is_participants(&path) {
                continue;
            }
            let participants = mentor_policy_test::files::participants_file(&path).ok_or_else(|| {
                format!(
                    "{} is a CSV events file, but its participants file cannot be named from it; call them `NAME.events.csv` and `NAME.participants.csv`",
                    files::display(&path)
                )
            })?;
            out.push(Source::Csv {
                events: path,
                participants,
            });
        } else {
            out.push(Source::Json(path));
        }
    }
    Ok(out)
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden {
            continue;
        }
        if path.is_dir() {
            collect(&path, out)?;
        } else if is_ext(&path, "json") || is_ext(&path, "csv") {
            out.push(path);
        }
    }
    Ok(())
}

/// `s-0001.events.csv` -> `s-0001`; `s-0001.json` -> `s-0001`.
fn stem(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("case");
    let name = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    name.strip_suffix(".events")
        .or_else(|| name.strip_suffix("_events"))
        .unwrap_or(name)
        .to_string()
}

/// Where a JSON case file names its case: the value of its `"case"` key, when it has one.
fn case_key_span(text: &str) -> Option<Span> {
    let key = text.find("\"case\"")?;
    let rest = text.get(key + 6..)?;
    let quote = rest.find('"')?;
    let start = key + 6 + quote;
    let len = rest.get(quote + 1..)?.find('"')? + 2;
    Some(Span::new(start, start + len))
}

/// The problem of a case whose id is taken.
fn clash(id: &str, clash: Clash, span: Option<Span>) -> Diagnostic {
    let (message, help) = match clash {
        Clash::InStore => (
            format!("case `{id}` is already in the store"),
            format!(
                "record new events with `mentor record {id} ...`, or give this case another id"
            ),
        ),
        Clash::InImport => (
            format!("case `{id}` comes twice in this import"),
            "give each case its own id, or import only one of the two".to_string(),
        ),
    };
    let (span, label) = match span {
        Some(s) => (s, "this case id is taken"),
        None => (Span::at(0), "the case is named after the file"),
    };
    Diagnostic::new(Code::CaseInStore, span, message)
        .label(label)
        .help(help)
}

pub fn run(args: &Args) -> Outcome {
    let sources = match sources(&args.files) {
        Ok(s) => s,
        Err(e) => {
            files::trouble(&e);
            return Outcome::Trouble;
        }
    };
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
    let mut found = 0usize;
    let mut bad_files = 0usize;
    for source in &sources {
        match read_case(&mut import, source) {
            Ok(n) if n > 0 => {
                found += n;
                bad_files += 1;
            }
            Ok(_) => {}
            Err(outcome) => return outcome,
        }
    }
    if found > 0 {
        drop(import);
        eprintln!(
            "nothing was imported: {} in {} of {} files",
            problems(found),
            bad_files,
            sources.len()
        );
        return Outcome::Problems;
    }
    match import.commit() {
        Ok(n) => {
            eprintln!("imported {n} cases");
            Outcome::Ok
        }
        Err(e) => fail(&e),
    }
}

/// Reads one case, reports its problems, and adds it when there were none so far.
/// Returns how many problems it had.
fn read_case(import: &mut Import<'_>, source: &Source) -> Result<usize, Outcome> {
    let policy = import.policy();
    let model = policy.model();
    let read = |path: &Path| {
        files::read(path).map_err(|e| {
            files::trouble(&e);
            Outcome::Trouble
        })
    };
    let (case, shown, text, id_span): (Case, String, String, Option<Span>) = match source {
        Source::Json(path) => {
            let text = read(path)?;
            let shown = files::display(path);
            match load::load_json(model, &text, &stem(path)) {
                Ok(case) => {
                    let span = case_key_span(&text);
                    (case, shown, text, span)
                }
                Err(diagnostics) => {
                    eprint!("{}", render::human(&shown, &text, &diagnostics, style()));
                    return Ok(diagnostics.len());
                }
            }
        }
        Source::Csv {
            events,
            participants,
        } => {
            let events_text = read(events)?;
            let participants_text = read(participants)?;
            let events_name = files::display(events);
            let participants_name = files::display(participants);
            match load::load_csv(model, &events_text, &participants_text, &stem(events)) {
                Ok(case) => (case, events_name, events_text, None),
                Err(found) => {
                    let n = found.len();
                    for (file, d) in found {
                        let (name, text) = match file {
                            CsvFile::Events => (&events_name, &events_text),
                            CsvFile::Participants => (&participants_name, &participants_text),
                        };
                        eprint!(
                            "{}",
                            render::human(name, text, std::slice::from_ref(&d), style())
                        );
                    }
                    return Ok(n);
                }
            }
        }
    };
    match import.clash(&case.id) {
        Ok(Some(c)) => {
            let d = clash(&case.id, c, id_span);
            eprint!("{}", render::human(&shown, &text, &[d], style()));
            Ok(1)
        }
        Ok(None) => import.add(&case).map(|_| 0).map_err(|e| fail(&e)),
        Err(e) => Err(fail(&e)),
    }
}
