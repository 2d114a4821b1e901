//! The commands that work on a programme's case store: finding and opening it, who is
//! recording, and showing what the store refused.

pub mod agenda;
pub mod backup;
pub mod correct;
pub mod export;
pub mod history;
pub mod import;
pub mod init;
pub mod join;
pub mod next;
pub mod policy;
pub mod record;
pub mod verify;

use crate::{Outcome, files};
use mentor_diagnostics::render::{self, Style};
use mentor_diagnostics::{Diagnostic, Span};
use mentor_store::{Author, Field, Location, Rejected, Store, StoreError};

/// Where the store is.
#[derive(clap::Args, Debug, Clone)]
pub struct StoreArg {
    /// The store: a programme folder, its `mentor.sqlite`, or a `postgres://` URL.
    /// Default: `$MENTOR_STORE`, else the programme folder this folder is in
    #[arg(long, value_name = "STORE")]
    pub store: Option<String>,
}

impl StoreArg {
    /// The store named, or found from the current folder upwards.
    pub fn location(&self) -> Result<Location, StoreError> {
        if let Some(s) = &self.store {
            return Ok(Location::parse(s));
        }
        if let Some(s) = std::env::var_os(mentor_store::location::ENV_VAR)
            && !s.is_empty()
        {
            return Ok(Location::parse(&s.to_string_lossy()));
        }
        let here = std::env::current_dir().map_err(|e| StoreError::Io {
            place: "the current folder".to_string(),
            reason: e.to_string(),
        })?;
        Location::discover(&here).ok_or_else(|| StoreError::NotFound {
            searched: here.display().to_string(),
        })
    }

    /// Opens the store, printing why not.
    pub fn open(&self) -> Result<Store, Outcome> {
        let location = self.location().map_err(|e| fail(&e))?;
        Store::open(&location).map_err(|e| fail(&e))
    }
}

/// Who records.
#[derive(clap::Args, Debug, Clone)]
pub struct AuthorArg {
    /// Who is recording (kept in the log). Default: your login name
    #[arg(long = "as", value_name = "NAME")]
    pub name: Option<String>,
}

impl AuthorArg {
    /// The author, recording now; an error when nobody can be named.
    pub fn author(&self) -> Result<Author, Outcome> {
        let name = self
            .name
            .clone()
            .filter(|n| !n.trim().is_empty())
            .or_else(|| {
                ["USER", "LOGNAME", "USERNAME"]
                    .iter()
                    .filter_map(|v| std::env::var(v).ok())
                    .find(|n| !n.trim().is_empty())
            });
        match name {
            Some(name) => Ok(Author::new(name.trim(), chrono::Utc::now())),
            None => {
                files::trouble(
                    "cannot tell who is recording; say it with `--as NAME` (it is kept in the log)",
                );
                Err(Outcome::Trouble)
            }
        }
    }
}

/// Today, in the machine's time zone.
pub fn today() -> chrono::NaiveDate {
    chrono::Local::now().date_naive()
}

/// Prints a store problem and says how the command ended.
pub fn fail(e: &StoreError) -> Outcome {
    files::trouble(&e.to_string());
    match e {
        StoreError::UnknownCase { .. }
        | StoreError::UnknownEntry { .. }
        | StoreError::AlreadyCorrected { .. }
        | StoreError::Conflict { .. }
        | StoreError::CaseEntryReplaced { .. }
        | StoreError::NotCorrectable { .. }
        | StoreError::PolicyHasErrors { .. } => Outcome::Problems,
        _ => Outcome::Trouble,
    }
}

pub fn style() -> Style {
    crate::colour::stderr_style()
}

/// A command line as typed, with where each option's value is (to show problems there).
#[derive(Debug, Default)]
pub struct CommandLine {
    text: String,
    places: Vec<(Field, Span)>,
}

impl CommandLine {
    pub fn new(words: &[&str]) -> Self {
        let mut c = CommandLine::default();
        c.text.push_str("mentor");
        for w in words {
            c.word(w);
        }
        c
    }

    fn word(&mut self, w: &str) -> Span {
        self.text.push(' ');
        let start = self.text.len();
        if w.is_empty() || w.contains(char::is_whitespace) || w.contains('\'') {
            self.text.push_str(&format!("{w:?}"));
        } else {
            self.text.push_str(w);
        }
        Span::new(start, self.text.len())
    }

    /// A value standing for `field`: a positional word.
    pub fn value(&mut self, field: Field, value: &str) {
        let span = self.word(value);
        self.places.push((field, span));
    }

    /// An option and its value, standing for `field`.
    pub fn option(&mut self, flag: &str, field: Field, value: &str) {
        self.word(flag);
        self.value(field, value);
    }

    /// The last value also stands for `field`.
    pub fn places_also(&mut self, field: Field) {
        if let Some((_, span)) = self.places.last() {
            let span = *span;
            self.places.push((field, span));
        }
    }

    pub fn plain(&mut self, w: &str) {
        self.word(w);
    }

    fn place(&self, field: &Field) -> Option<Span> {
        self.places
            .iter()
            .find(|(f, _)| f == field)
            .map(|(_, s)| *s)
    }
}

/// Prints what the store refused: problems with what was typed under the command line,
/// the others under the case as a case file. Returns how many there were.
pub fn print_rejected(rejected: &Rejected, command: &CommandLine) -> usize {
    let mut typed = Vec::new();
    let mut in_case = Vec::new();
    for p in &rejected.problems {
        match p.field.as_ref().and_then(|f| command.place(f)) {
            Some(span) => typed.push(moved(&p.diagnostic, span)),
            None => in_case.push(p.diagnostic.clone()),
        }
    }
    if !typed.is_empty() {
        eprint!(
            "{}",
            render::human("command line", &command.text, &typed, style())
        );
    }
    if !in_case.is_empty() {
        let name = format!("case {} (as stored, with the change)", rejected.case);
        eprint!(
            "{}",
            render::human(&name, &rejected.document, &in_case, style())
        );
    }
    rejected.problems.len()
}

/// The diagnostic shown at `span` of the command line; notes about other places of the
/// case are dropped.
fn moved(d: &Diagnostic, span: Span) -> Diagnostic {
    let mut d = d.clone();
    d.primary.span = span;
    d.secondary.clear();
    d
}

/// "1 problem", "3 problems".
pub fn problems(n: usize) -> String {
    if n == 1 {
        "1 problem".to_string()
    } else {
        format!("{n} problems")
    }
}

/// "1 case", "3 cases".
pub fn cases(n: usize) -> String {
    if n == 1 {
        "1 case".to_string()
    } else {
        format!("{n} cases")
    }
}

/// Parses `name=value` (for `--set`).
pub fn parse_setting(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((name, value)) if !name.trim().is_empty() => {
            Ok((name.trim().to_string(), value.trim().to_string()))
        }
        _ => Err(format!(
            "`{text}` is not a setting; write it as name=value, such as minutes=90"
        )),
    }
}

/// Writes a store problem for a command that may also work on files.
pub fn print_case_error(e: &mentor_store::CaseError, command: &CommandLine) -> Outcome {
    match e {
        mentor_store::CaseError::Store(e) => fail(e),
        mentor_store::CaseError::Invalid(rejected) => {
            let n = print_rejected(rejected, command);
            eprintln!("{}; nothing was recorded", problems(n));
            Outcome::Problems
        }
    }
}

/// The policy text a case store keeps for the policy at `path`, checked: a store keeps each
/// version's text alone, so the days of the closure files it names are written into it
/// (`closed "closures.ics"` becomes `closed 2026-12-24, ...`), as they were when it was set.
/// `Err` holds the outcome when the policy cannot be kept (its problems were written).
pub(crate) fn policy_to_keep(path: &std::path::Path, doing: &str) -> Result<Kept, Outcome> {
    let text = match files::read(path) {
        Ok(t) => t,
        Err(e) => {
            files::trouble(&e);
            return Err(Outcome::Trouble);
        }
    };
    let name = files::display(path);
    let (analysis, closure_files) = files::analyze_with_files(path, &text);
    if analysis.has_errors() {
        files::print_policy_errors(&name, &text, &analysis, style());
        eprintln!("the policy has errors; fix them (see `mentor check {name}`) before {doing}");
        return Err(Outcome::Problems);
    }
    let Some(written) =
        mentor_check::closure_days_written_in(&text, &analysis.parsed.policy, &closure_files)
    else {
        return Ok(Kept {
            text,
            notes: Vec::new(),
        });
    };
    // The text kept must mean what the policy with its files means.
    let kept = mentor_check::analyze(&written.text);
    let closures = |m: &mentor_check::Model| -> Vec<(String, Vec<chrono::NaiveDate>)> {
        m.calendars
            .iter()
            .map(|c| (c.name.clone(), c.calendar.closures().to_vec()))
            .collect()
    };
    if kept.has_errors() || closures(&kept.checked.model) != closures(&analysis.checked.model) {
        files::trouble(&format!(
            "the closure days of {name} could not be written into the policy the store keeps; write the days in the policy (`closed 2026-12-24, 2026-12-31`) to use it with a store"
        ));
        return Err(Outcome::Trouble);
    }
    let notes = written
        .files
        .iter()
        .map(|(file, days)| {
            let days = match days {
                1 => "1 day".to_string(),
                n => format!("{n} days"),
            };
            format!(
                "the closure days of `{file}` ({days}) are written into the policy the store keeps; set the policy again when the file changes"
            )
        })
        .collect();
    Ok(Kept {
        text: written.text,
        notes,
    })
}

/// A policy's text as a store keeps it, and what to tell the user once it is kept.
pub(crate) struct Kept {
    pub text: String,
    pub notes: Vec<String>,
}

impl Kept {
    /// Says how the closure files were kept (once the policy was).
    pub fn tell(&self) {
        for note in &self.notes {
            eprintln!("{note}");
        }
    }
}
