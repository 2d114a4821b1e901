//! Where cases come from: case files, folders of them, and caseload streams (JSON lines, one
//! case per line, from a file or standard input; or a CSV pair with a `case` column). Read
//! one case at a time ([`Unit`]), in a fixed order, and loaded against a policy with the
//! notes and problems of each, drawn with the file's own line numbers.

use crate::files;
use mentor_check::Model;
use mentor_diagnostics::Diagnostic;
use mentor_diagnostics::render::{self, Style};
use mentor_eval::Case;
use mentor_eval::load::caseload::{self, CsvCaseload};
use mentor_eval::load::{self, CsvFile};
use std::io::BufRead;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A CSV caseload read whole: both texts and where each case's rows are.
pub struct Caseload {
    pub events_file: String,
    pub participants_file: String,
    pub events: String,
    pub participants: String,
    pub split: CsvCaseload,
}

/// One thing to answer, in the order the cases were given.
pub enum Unit {
    /// A JSON case: a file, or one line of a JSON-lines stream (after `lines_before` lines).
    Json {
        file: Arc<str>,
        text: String,
        lines_before: u32,
        default_id: String,
    },
    /// A case as a CSV pair.
    CsvPair {
        events_file: Arc<str>,
        participants_file: Arc<str>,
        events: String,
        participants: String,
        id: String,
    },
    /// The columns of a CSV caseload, checked once before its cases.
    CaseloadColumns(Arc<Caseload>),
    /// One case of a CSV caseload.
    CaseloadCase(Arc<Caseload>, usize),
    /// A note about a file (the encoding assumed), printed as it comes.
    Note(String),
    /// A file that could not be read or split: already worded, with whether it is an I/O
    /// problem (exit code 2) or a problem in the input (exit code 1).
    Problem { message: String, io: bool },
}

/// What loading a unit gave.
pub enum Loaded {
    /// A case, and the notes to print about it (already drawn).
    Case(Box<Case>, String),
    /// A case that was loaded and answered (and dropped where it was answered), with the
    /// notes to print about it.
    Answered(String),
    /// The unit's problems, drawn, and what has them (`the case file has 2 problems`);
    /// both empty when already reported once for a whole file.
    Failed(String, String),
    /// Nothing to answer: a note or the check of a caseload's columns (drawn), and whether
    /// it found errors.
    Said(String, bool),
    /// A file that could not be read: exit code 2.
    Trouble(String),
}

fn problems(n: usize) -> String {
    if n == 1 {
        "1 problem".to_string()
    } else {
        format!("{n} problems")
    }
}

/// Reads a file, decoding a spreadsheet's Windows-1252 when it is not UTF-8: the text and
/// the drawn note, if any.
pub fn read_text(path: &Path, style: Style) -> Result<(String, Option<String>), String> {
    let bytes = files::read_case_bytes(path)?;
    let (text, note) = load::decode(&bytes);
    let text = text.into_owned();
    let drawn = note.map(|n| render::human(&files::display(path), &text, &[n], style));
    Ok((text, drawn))
}

/// `s-0001.events.csv` -> `s-0001`; `s-0001.json` -> `s-0001`.
pub fn case_stem(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("case");
    let name = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    name.strip_suffix(".events")
        .or_else(|| name.strip_suffix("_events"))
        .unwrap_or(name)
        .to_string()
}

fn extension(path: &Path) -> String {
    path.extension()
        .and_then(|e| e.to_str())
        .unwrap_or("")
        .to_ascii_lowercase()
}

fn is_participants(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_some_and(|n| n.to_ascii_lowercase().contains("participants"))
}

/// The case files in a folder and its subfolders, sorted by name: JSON files, JSON-lines
/// streams and CSV events files (participants files are found beside them).
fn folder(dir: &Path, out: &mut Vec<PathBuf>) -> std::io::Result<()> {
    let mut entries: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("");
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            folder(&path, out)?;
        } else if matches!(extension(&path).as_str(), "json" | "jsonl" | "ndjson")
            || (extension(&path) == "csv" && !is_participants(&path))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// Where the cases are: what was named on the command line. `-` is standard input.
pub struct Sources {
    pub paths: Vec<PathBuf>,
    /// The participants file of a CSV events file or caseload (`--participants`).
    pub participants: Option<PathBuf>,
    pub style: Style,
}

/// Reads every case, one [`Unit`] at a time, in order, into `send`; stops early when
/// `send` returns false.
pub fn read_all(sources: &Sources, send: &mut dyn FnMut(Unit) -> bool) {
    for path in &sources.paths {
        if path.as_os_str() == "-" {
            let stdin = std::io::stdin();
            if !json_lines(
                Arc::from("standard input"),
                stdin.lock(),
                sources.style,
                send,
            ) {
                return;
            }
            continue;
        }
        let mut found = Vec::new();
        if path.is_dir() {
            if let Err(e) = folder(path, &mut found) {
                let message = format!("cannot read the folder {}: {e}", files::display(path));
                if !send(Unit::Problem { message, io: true }) {
                    return;
                }
            }
        } else if path.exists() {
            found.push(path.clone());
        } else {
            let message = format!("{} does not exist", files::display(path));
            if !send(Unit::Problem { message, io: true }) {
                return;
            }
        }
        for file in found {
            if !one_file(&file, sources, send) {
                return;
            }
        }
    }
}

fn one_file(path: &Path, sources: &Sources, send: &mut dyn FnMut(Unit) -> bool) -> bool {
    let name: Arc<str> = Arc::from(files::display(path));
    match extension(path).as_str() {
        "jsonl" | "ndjson" => match std::fs::File::open(path) {
            Ok(file) => json_lines(
                name,
                std::io::BufReader::with_capacity(1 << 16, file),
                sources.style,
                send,
            ),
            Err(e) => send(Unit::Problem {
                message: format!("cannot read {name}: {e}"),
                io: true,
            }),
        },
        "csv" => csv_file(path, name, sources, send),
        _ => match read_text(path, sources.style) {
            Ok((text, note)) => {
                if let Some(note) = note
                    && !send(Unit::Note(note))
                {
                    return false;
                }
                send(Unit::Json {
                    file: name,
                    text,
                    lines_before: 0,
                    default_id: case_stem(path),
                })
            }
            Err(message) => send(Unit::Problem { message, io: true }),
        },
    }
}

/// A JSON-lines stream: one case per line; blank lines are skipped.
fn json_lines(
    name: Arc<str>,
    mut reader: impl BufRead,
    style: Style,
    send: &mut dyn FnMut(Unit) -> bool,
) -> bool {
    let mut buffer = Vec::new();
    let mut line: u32 = 0;
    let mut noted = false;
    loop {
        buffer.clear();
        match reader.read_until(b'\n', &mut buffer) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) => {
                return send(Unit::Problem {
                    message: format!("cannot read {name}: {e}"),
                    io: true,
                });
            }
        }
        line = line.saturating_add(1);
        let (text, note) = load::decode(&buffer);
        if let Some(note) = note
            && !noted
        {
            noted = true;
            let drawn = render::human_at(&name, &text, line - 1, &[note], style);
            if !send(Unit::Note(drawn)) {
                return false;
            }
        }
        if text.trim().is_empty() {
            continue;
        }
        let unit = Unit::Json {
            file: name.clone(),
            text: text.trim_end_matches(['\n', '\r']).to_string(),
            lines_before: line - 1,
            default_id: format!("line {line}"),
        };
        if !send(unit) {
            return false;
        }
    }
}

fn csv_file(
    path: &Path,
    name: Arc<str>,
    sources: &Sources,
    send: &mut dyn FnMut(Unit) -> bool,
) -> bool {
    let participants_path = match &sources.participants {
        Some(p) => p.clone(),
        None => match mentor_policy_test::files::participants_file(path) {
            Some(p) => p,
            None => {
                return send(Unit::Problem {
                    message: format!(
                        "{name} is a CSV events file; name its participants file with `--participants FILE`"
                    ),
                    io: true,
                });
            }
        },
    };
    let participants_name: Arc<str> = Arc::from(files::display(&participants_path));
    if sources.participants.is_none() && !participants_path.exists() {
        return send(Unit::Problem {
            message: format!(
                "{name} is a CSV events file and its participants file {participants_name} does not exist; name the participants file with `--participants FILE`"
            ),
            io: true,
        });
    }
    let read = |p: &Path| read_text(p, sources.style);
    let ((events, events_note), (participants, participants_note)) =
        match (read(path), read(&participants_path)) {
            (Ok(e), Ok(p)) => (e, p),
            (Err(message), _) | (_, Err(message)) => {
                return send(Unit::Problem { message, io: true });
            }
        };
    for note in [events_note, participants_note].into_iter().flatten() {
        if !send(Unit::Note(note)) {
            return false;
        }
    }
    if !caseload::is_caseload(&events) {
        return send(Unit::CsvPair {
            events_file: name,
            participants_file: participants_name,
            events,
            participants,
            id: case_stem(path),
        });
    }
    match caseload::split_caseload(&events, &participants) {
        Ok(split) => {
            let count = split.cases.len();
            let load = Arc::new(Caseload {
                events_file: name.to_string(),
                participants_file: participants_name.to_string(),
                events,
                participants,
                split,
            });
            if !send(Unit::CaseloadColumns(load.clone())) {
                return false;
            }
            (0..count).all(|i| send(Unit::CaseloadCase(load.clone(), i)))
        }
        Err(found) => {
            let mut message = String::new();
            for (file, d) in &found {
                let (n, t) = match file {
                    CsvFile::Events => (&*name, &events),
                    CsvFile::Participants => (&*participants_name, &participants),
                };
                message.push_str(&render::human(n, t, std::slice::from_ref(d), sources.style));
            }
            message.push_str(&format!(
                "the caseload has {}; none of its cases was read\n",
                problems(found.len())
            ));
            send(Unit::Problem { message, io: false })
        }
    }
}

/// Draws the diagnostics of a CSV pair, each in its file.
fn draw_csv(
    found: &[(CsvFile, Diagnostic)],
    events: (&str, &str),
    participants: (&str, &str),
    style: Style,
) -> String {
    let mut out = String::new();
    for (file, d) in found {
        let (name, text) = match file {
            CsvFile::Events => events,
            CsvFile::Participants => participants,
        };
        out.push_str(&render::human(name, text, std::slice::from_ref(d), style));
    }
    out
}

/// Loads a unit against a policy's model.
pub fn load(unit: &Unit, model: &Model, style: Style) -> Loaded {
    match unit {
        Unit::Json {
            file,
            text,
            lines_before,
            default_id,
        } => {
            if let Some(case) = load::load_json_quick(model, text, default_id) {
                return Loaded::Case(Box::new(case), String::new());
            }
            match load::load_json(model, text, default_id) {
                Ok(case) => Loaded::Case(Box::new(case), String::new()),
                Err(found) => {
                    let out = render::human_at(file, text, *lines_before, &found, style);
                    let what = if *lines_before > 0 || file.as_ref() == "standard input" {
                        format!("the case on line {} of {file} has", lines_before + 1)
                    } else {
                        "the case file has".to_string()
                    };
                    Loaded::Failed(out, format!("{what} {}", problems(found.len())))
                }
            }
        }
        Unit::CsvPair {
            events_file,
            participants_file,
            events,
            participants,
            id,
        } => {
            let files = (
                (&**events_file, &**events),
                (&**participants_file, &**participants),
            );
            match load::load_csv_noted(model, events, participants, id) {
                Ok((case, notes)) => {
                    Loaded::Case(Box::new(case), draw_csv(&notes, files.0, files.1, style))
                }
                Err(found) => {
                    let out = draw_csv(&found, files.0, files.1, style);
                    let errors = found.iter().filter(|(_, d)| d.is_error()).count();
                    Loaded::Failed(out, format!("the case files have {}", problems(errors)))
                }
            }
        }
        Unit::CaseloadColumns(c) => {
            let (e, p) = c.split.header_lengths();
            let events = c.events.get(..e).unwrap_or("");
            let participants = c.participants.get(..p).unwrap_or("");
            let files = (
                (c.events_file.as_str(), events),
                (c.participants_file.as_str(), participants),
            );
            match load::load_csv_noted(model, events, participants, "") {
                Ok((_, notes)) => Loaded::Said(draw_csv(&notes, files.0, files.1, style), false),
                Err(found) => {
                    let mut out = draw_csv(&found, files.0, files.1, style);
                    out.push_str(
                        "the caseload's columns have problems; none of its cases can be read\n",
                    );
                    Loaded::Said(out, true)
                }
            }
        }
        Unit::CaseloadCase(c, index) => caseload_case(c, *index, model, style),
        Unit::Note(note) => Loaded::Said(note.clone(), false),
        Unit::Problem { message, io } => {
            if *io {
                Loaded::Trouble(message.clone())
            } else {
                Loaded::Said(message.clone(), true)
            }
        }
    }
}

fn caseload_case(c: &Caseload, index: usize, model: &Model, style: Style) -> Loaded {
    let Some(rows) = c.split.cases.get(index) else {
        return Loaded::Failed(String::new(), String::new());
    };
    let (events, participants) = c.split.texts(&c.events, &c.participants, rows, false);
    let (e_header, p_header) = c.split.header_lengths();
    // What lies in the first lines was said once, for the whole caseload.
    let own = |(file, d): &(CsvFile, Diagnostic)| match file {
        CsvFile::Events => d.span().start() >= e_header,
        CsvFile::Participants => d.span().start() >= p_header,
    };
    match load::load_csv_noted(model, &events, &participants, &rows.id) {
        Ok((case, notes)) if !notes.iter().any(own) => Loaded::Case(Box::new(case), String::new()),
        outcome => {
            // Read again with each row on its line of the file, to show where.
            let (events, participants) = c.split.texts(&c.events, &c.participants, rows, true);
            let again = load::load_csv_noted(model, &events, &participants, &rows.id);
            let files = (
                (c.events_file.as_str(), events.as_str()),
                (c.participants_file.as_str(), participants.as_str()),
            );
            let (found, case) = match again {
                Ok((case, notes)) => (notes, Some(case)),
                Err(found) => (found, None),
            };
            let own_found: Vec<(CsvFile, Diagnostic)> = found.into_iter().filter(own).collect();
            let out = draw_csv(&own_found, files.0, files.1, style);
            match (case, outcome) {
                (Some(case), Ok(_)) => Loaded::Case(Box::new(case), out),
                _ => {
                    let errors = own_found.iter().filter(|(_, d)| d.is_error()).count();
                    let summary = if errors > 0 {
                        format!(
                            "case `{}` (from line {}) has {}",
                            rows.id,
                            rows.first_line(),
                            problems(errors)
                        )
                    } else {
                        String::new()
                    };
                    Loaded::Failed(out, summary)
                }
            }
        }
    }
}
