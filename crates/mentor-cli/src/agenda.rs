//! `mentor agenda POLICY CASES...`: what is due across a caseload, in bands, as text, JSON,
//! CSV or a calendar; with `--compare OLD.mentor`, what a policy change would change.
//!
//! Cases are read one at a time by one thread and answered in batches on every core
//! (rayon); answers are gathered in the order the cases were given, so the output does
//! not depend on the number of cores.

use crate::answer::{self, FailOn, Found};
use crate::cases::{self, Loaded, Sources, Unit};
use crate::{Outcome, files};
use chrono::NaiveDate;
use mentor_agenda::compare::compare;
use mentor_agenda::render::{self, changes, ics, text};
use mentor_agenda::{Band, Builder, CaseChange, Policy, Query};
use mentor_check::Model;
use mentor_diagnostics::render::Style;
use rayon::prelude::*;
use std::io::Write;
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The policy file (`policies/supportt.mentor`); leave it and the cases out to use the
    /// programme's case store (found from the current folder, or `--store`)
    policy: Option<PathBuf>,
    /// The cases: case files, folders of them, JSON-lines streams (`.jsonl`, or `-` for
    /// standard input), or a CSV caseload (an events file with a `case` column)
    #[arg(value_name = "CASES")]
    cases: Vec<PathBuf>,
    /// The day the agenda is for (YYYY-MM-DD); events after it are ignored. Default: today
    #[arg(long, value_name = "DATE", value_parser = crate::next::parse_date)]
    at: Option<NaiveDate>,
    /// Text for people, JSON for tools, CSV for spreadsheets, ICS for calendars
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Also list the rules broken on or since this day (YYYY-MM-DD)
    #[arg(long, value_name = "DATE", value_parser = crate::next::parse_date)]
    since: Option<NaiveDate>,
    /// Only what this participant owes (repeat for several)
    #[arg(long, value_name = "ID")]
    party: Vec<String>,
    /// Only what participants of this role owe (repeat for several)
    #[arg(long, value_name = "ROLE")]
    role: Vec<String>,
    /// Only this case (repeat for several)
    #[arg(long = "case", value_name = "CASE")]
    case: Vec<String>,
    /// Only this band: overdue, today, week, later or no_deadline (repeat for several)
    #[arg(long, value_name = "BAND", value_parser = parse_band)]
    band: Vec<Band>,
    /// Only what is due within this many days (`14d`, `2w`), overdue included
    #[arg(long, value_name = "DAYS", value_parser = parse_within)]
    within: Option<u32>,
    /// For a CSV events file or caseload: its participants file (default: the events
    /// file's name with `events` replaced by `participants`)
    #[arg(long, value_name = "FILE")]
    participants: Option<PathBuf>,
    /// Compare with an older version of the policy: what would change, case by case
    #[arg(long, value_name = "OLD.mentor")]
    compare: Option<PathBuf>,
    /// Print each case's duties as soon as it is answered, in the order of the cases,
    /// instead of sorting them into bands: memory stays the same for any number of cases
    /// (JSON becomes JSON lines, one duty or finding per line)
    #[arg(long)]
    stream: bool,
    /// End with exit code 1 when something listed is overdue, or (with `--since`) a rule
    /// has been broken (for scripts); repeat for both
    #[arg(long, value_enum, value_name = "WHAT")]
    fail_on: Vec<FailOn>,
    #[command(flatten)]
    store: crate::store::StoreArg,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
    Csv,
    Ics,
}

/// How many cases are read before they are answered together.
const BATCH: usize = 1024;

fn parse_band(text: &str) -> Result<Band, String> {
    Band::parse(text).ok_or_else(|| {
        format!("`{text}` is not a band; use overdue, today, week, later or no_deadline")
    })
}

/// `14d`, `14`, `14 days`, `2w`, `2 weeks`: a number of days.
fn parse_within(text: &str) -> Result<u32, String> {
    let problem = || format!("`{text}` is not a number of days; write it as `14d` or `2w`");
    let t = text.trim().to_ascii_lowercase();
    let digits: String = t.chars().take_while(char::is_ascii_digit).collect();
    let unit = t.get(digits.len()..).unwrap_or("").trim();
    let n: u32 = digits.parse().map_err(|_| problem())?;
    let factor = match unit {
        "" | "d" | "day" | "days" => 1,
        "w" | "week" | "weeks" => 7,
        _ => return Err(problem()),
    };
    n.checked_mul(factor).ok_or_else(problem)
}

fn diagnostic_style() -> Style {
    crate::colour::stderr_style()
}

/// A policy read and checked; `None` (after printing why) when it cannot be used.
struct Checked {
    name: String,
    text: String,
    analysis: mentor_check::Analysis,
}

fn checked(path: &std::path::Path, style: Style) -> Result<Checked, Outcome> {
    let text = files::read(path).map_err(|e| {
        files::trouble(&e);
        Outcome::Trouble
    })?;
    let name = files::display(path);
    let analysis = files::analyze(path, &text);
    if analysis.has_errors() {
        files::print_policy_errors(&name, &text, &analysis, style);
        eprintln!(
            "the policy has errors; fix them (see `mentor check {name}`) before running cases"
        );
        return Err(Outcome::Problems);
    }
    Ok(Checked {
        name,
        text,
        analysis,
    })
}

/// Checks `--role` names against the policy, with "did you mean".
pub(crate) fn check_roles(model: &Model, roles: &[String]) -> Result<(), String> {
    let names: Vec<&str> = model.roles.iter().map(|r| r.name.as_str()).collect();
    for role in roles {
        if !names.contains(&role.as_str()) {
            let close = mentor_diagnostics::Suggestion::among(role, names.iter().copied());
            let hint = match close.name() {
                Some(_) => close.to_string(),
                None => format!("; the roles are {}", names.join(", ")),
            };
            return Err(format!("`{role}` is not a role of this policy{hint}"));
        }
    }
    Ok(())
}

/// Reads every case and answers it on all cores; `consume` gets the answers in order.
fn answer_all<R: Send>(
    sources: &Sources,
    work: &(dyn Fn(&Unit) -> R + Sync),
    consume: &mut dyn FnMut(R),
) {
    let (sender, receiver) = std::sync::mpsc::sync_channel::<Vec<Unit>>(2);
    std::thread::scope(|scope| {
        scope.spawn(move || {
            let mut batch = Vec::with_capacity(BATCH);
            cases::read_all(sources, &mut |unit| {
                batch.push(unit);
                if batch.len() < BATCH {
                    return true;
                }
                sender.send(std::mem::take(&mut batch)).is_ok()
            });
            if !batch.is_empty() {
                let _ = sender.send(batch);
            }
        });
        for batch in receiver {
            let answers: Vec<R> = batch.par_iter().map(work).collect();
            for answer in answers {
                consume(answer);
            }
        }
    });
}

/// What happened to each unit, and what it says.
#[derive(Default)]
struct Tally {
    failed: usize,
    incomplete: bool,
    trouble: bool,
    problems: bool,
}

impl Tally {
    /// Prints what a unit says; true when it gave a case to use.
    fn note(&mut self, loaded: &Loaded) {
        match loaded {
            Loaded::Case(_, notes) | Loaded::Answered(notes) => eprint!("{notes}"),
            Loaded::Failed(report, summary) => {
                eprint!("{report}");
                if !summary.is_empty() {
                    eprintln!("{summary}; it was left out");
                }
                self.failed += 1;
            }
            Loaded::Said(text, bad) => {
                eprint!("{text}");
                self.problems |= *bad;
            }
            Loaded::Trouble(message) => {
                files::trouble(message);
                self.trouble = true;
            }
        }
    }

    fn outcome(&self) -> Outcome {
        if self.trouble {
            Outcome::Trouble
        } else if self.failed > 0 || self.problems || self.incomplete {
            Outcome::Problems
        } else {
            Outcome::Ok
        }
    }

    fn summary(&self, cases: usize) {
        if self.failed > 0 {
            eprintln!(
                "{} of {} could not be read and {} left out",
                self.failed,
                if cases == 1 {
                    "1 case".to_string()
                } else {
                    format!("{cases} cases")
                },
                if self.failed == 1 { "is" } else { "are" }
            );
        }
    }
}

pub fn run(args: &Args) -> Outcome {
    if args.fail_on.contains(&FailOn::Violations) && args.since.is_none() {
        files::trouble(
            "`--fail-on violations` counts the rules broken since a day; give `--since DATE` as well",
        );
        return Outcome::Trouble;
    }
    let style = diagnostic_style();
    let Some(policy_path) = args.policy.as_deref() else {
        return run_store(args);
    };
    if args.cases.is_empty() {
        files::trouble(
            "name the cases after the policy, or leave both out to use the programme's case store",
        );
        return Outcome::Trouble;
    }
    if files::swapped("agenda", policy_path, &args.cases) {
        return Outcome::Trouble;
    }
    let policy = match checked(policy_path, style) {
        Ok(p) => p,
        Err(outcome) => return outcome,
    };
    let model = &policy.analysis.checked.model;
    if let Err(message) = check_roles(model, &args.role) {
        files::trouble(&message);
        return Outcome::Trouble;
    }
    let as_of = args.at.unwrap_or_else(|| chrono::Local::now().date_naive());
    let sources = Sources {
        paths: args.cases.clone(),
        participants: args.participants.clone(),
        style,
    };
    if let Some(old_path) = &args.compare {
        return run_compare(args, &sources, &policy, old_path, as_of, style);
    }
    let query = Query {
        as_of,
        parties: composed(&args.party),
        roles: args.role.clone(),
        cases: composed(&args.case),
        bands: args.band.clone(),
        within: args.within,
        since: args.since,
    };
    let words = Policy::new(model, &policy.text);
    // The case is dropped on the thread that answered it: freeing its many small parts
    // on another thread costs more.
    let work = |unit: &Unit| match cases::load(unit, model, style) {
        Loaded::Case(case, notes) => {
            let evaluation = mentor_eval::evaluate(model, &case, as_of);
            let answer = words.answer_for(&query, &case, &evaluation);
            (Loaded::Answered(notes), Some(answer))
        }
        other => (other, None),
    };
    let programme = model
        .programme
        .as_ref()
        .map_or_else(|| cases::case_stem(policy_path), |p| p.name.clone());
    let calendar = ics::Calendar {
        programme: &programme,
        policy_file: &policy.name,
    };
    if args.stream {
        return stream(
            args.format,
            &sources,
            &work,
            &query,
            calendar,
            &args.fail_on,
        );
    }
    let mut builder = Builder::new(query.clone());
    let mut tally = Tally::default();
    let mut seen = 0;
    answer_all(&sources, &work, &mut |(loaded, answer)| {
        tally.note(&loaded);
        if matches!(
            loaded,
            Loaded::Case(..) | Loaded::Answered(_) | Loaded::Failed(..)
        ) {
            seen += 1;
        }
        if let Some(answer) = answer {
            tally.incomplete |= !answer.errors.is_empty();
            builder.add_answer(answer);
        }
    });
    let agenda = builder.finish();
    let output = match args.format {
        Format::Text => text::render(
            &agenda,
            text::Options {
                colour: crate::colour::stdout(),
            },
        ),
        Format::Json => render::json::render(&agenda),
        Format::Csv => render::csv::render(&agenda),
        Format::Ics => ics::render(&agenda, calendar),
    };
    if let Err(e) = std::io::stdout().lock().write_all(output.as_bytes())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        files::trouble(&format!("cannot write the agenda: {e}"));
        return Outcome::Trouble;
    }
    tally.summary(seen);
    if !agenda.errors.is_empty() {
        eprintln!("error: some dates could not be worked out; the agenda is incomplete");
    }
    fail_on(tally.outcome(), found_in(&agenda), &args.fail_on)
}

/// What `--fail-on` counts in a sorted agenda.
fn found_in(agenda: &mentor_agenda::Agenda) -> Found {
    Found {
        overdue: agenda.band(Band::Overdue).count(),
        broken: agenda.findings.len(),
    }
}

/// `outcome`, or exit code 1 when `--fail-on` finds what it names (said on standard error).
fn fail_on(outcome: Outcome, found: Found, fail_on: &[FailOn]) -> Outcome {
    match (outcome, answer::verdict(found, fail_on)) {
        (Outcome::Ok, Some(why)) => {
            eprintln!("{why}");
            Outcome::Problems
        }
        (outcome, _) => outcome,
    }
}

/// One case's rows and findings as `--stream` prints them, the messages about dates that
/// could not be worked out, and what `--fail-on` counts.
fn streamed(
    format: Format,
    answer: mentor_agenda::Answer,
    query: &Query,
    calendar: ics::Calendar,
) -> (String, Vec<String>, Found) {
    let as_of = query.as_of;
    let mut text = String::new();
    let mut found = Found::default();
    for duty in answer.duties {
        let Some(row) = query.row(duty) else { continue };
        found.overdue += usize::from(row.band == Band::Overdue);
        text.push_str(&match format {
            Format::Csv => render::csv::duty_line(&row, as_of),
            Format::Json => render::json::duty_line(&row, as_of),
            Format::Ics => ics::event(&row, calendar, as_of),
            Format::Text => text::duty_line(&row, as_of),
        });
    }
    for finding in answer.findings.iter().filter(|f| query.keeps(f)) {
        found.broken += 1;
        text.push_str(&match format {
            Format::Csv => render::csv::finding_line(finding),
            Format::Json => render::json::finding_line(finding),
            Format::Ics => String::new(),
            Format::Text => text::finding_line(finding),
        });
    }
    let errors: Vec<String> = answer
        .errors
        .iter()
        .map(|message| {
            format!(
                "Could not work out a date in case {}: {message}; its duties may be incomplete",
                answer.case
            )
        })
        .collect();
    (text, errors, found)
}

/// What `--stream` prints before the first case.
fn stream_header(format: Format, as_of: NaiveDate, calendar: ics::Calendar) -> String {
    match format {
        Format::Csv => render::csv::header(),
        Format::Ics => ics::begin(calendar),
        Format::Text => format!(
            "# Agenda for {as_of}, in the order of the cases: band, due, when, case, who owes what, why\n"
        ),
        Format::Json => String::new(),
    }
}

/// `--stream`: each case's rows printed as it is answered, nothing kept.
fn stream(
    format: Format,
    sources: &Sources,
    work: &(dyn Fn(&Unit) -> (Loaded, Option<mentor_agenda::Answer>) + Sync),
    query: &Query,
    calendar: ics::Calendar,
    fail_on: &[FailOn],
) -> Outcome {
    let as_of = query.as_of;
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let mut failed_write: Option<std::io::Error> = None;
    let mut write = |text: &str, out: &mut std::io::BufWriter<std::io::StdoutLock>| {
        if failed_write.is_none()
            && let Err(e) = out.write_all(text.as_bytes())
        {
            failed_write = Some(e);
        }
    };
    write(&stream_header(format, as_of, calendar), &mut out);
    // Each case's lines are made on the thread that answered it.
    let lines = |unit: &Unit| {
        let (loaded, answer) = work(unit);
        let Some(answer) = answer else {
            return (loaded, String::new(), Vec::new(), Found::default());
        };
        let (text, errors, found) = streamed(format, answer, query, calendar);
        (loaded, text, errors, found)
    };
    let mut tally = Tally::default();
    let mut seen = 0;
    let mut found = Found::default();
    answer_all(sources, &lines, &mut |(loaded, text, errors, in_case)| {
        found += in_case;
        tally.note(&loaded);
        if matches!(
            loaded,
            Loaded::Case(..) | Loaded::Answered(_) | Loaded::Failed(..)
        ) {
            seen += 1;
        }
        for message in &errors {
            eprintln!("{message}");
            tally.incomplete = true;
        }
        write(&text, &mut out);
    });
    if format == Format::Ics {
        write(&ics::end(), &mut out);
    }
    if let Err(e) = out.flush() {
        failed_write.get_or_insert(e);
    }
    tally.summary(seen);
    match failed_write {
        Some(e) if e.kind() != std::io::ErrorKind::BrokenPipe => {
            files::trouble(&format!("cannot write the agenda: {e}"));
            Outcome::Trouble
        }
        _ => self::fail_on(tally.outcome(), found, fail_on),
    }
}

fn run_compare(
    args: &Args,
    sources: &Sources,
    new: &Checked,
    old_path: &std::path::Path,
    as_of: NaiveDate,
    style: Style,
) -> Outcome {
    if matches!(args.format, Format::Csv | Format::Ics) {
        files::trouble("`--compare` prints text or JSON (`--format text` or `--format json`)");
        return Outcome::Trouble;
    }
    let old = match checked(old_path, style) {
        Ok(p) => p,
        Err(outcome) => return outcome,
    };
    let new_model = &new.analysis.checked.model;
    let old_model = &old.analysis.checked.model;
    let new_words = Policy::new(new_model, &new.text);
    let old_words = Policy::new(old_model, &old.text);
    let work = |unit: &Unit| {
        let loaded = cases::load(unit, new_model, style);
        let change = match &loaded {
            Loaded::Case(case, _) => match cases::load(unit, old_model, Style::Plain) {
                Loaded::Case(old_case, _) => {
                    let before = old_words.answer(
                        &old_case,
                        &mentor_eval::evaluate(old_model, &old_case, as_of),
                    );
                    let after =
                        new_words.answer(case, &mentor_eval::evaluate(new_model, case, as_of));
                    Ok(compare(&before, &after))
                }
                _ => Err(format!(
                    "case `{}` cannot be read under {} (it can under {}); it was compared with nothing\n",
                    case.id, old.name, new.name
                )),
            },
            _ => Err(String::new()),
        };
        (loaded, change)
    };
    let mut tally = Tally::default();
    let mut all: Vec<CaseChange> = Vec::new();
    let mut seen = 0;
    answer_all(sources, &work, &mut |(loaded, change)| {
        tally.note(&loaded);
        if matches!(
            loaded,
            Loaded::Case(..) | Loaded::Answered(_) | Loaded::Failed(..)
        ) {
            seen += 1;
        }
        match change {
            Ok(change) => all.push(change),
            Err(message) if !message.is_empty() => {
                eprint!("{message}");
                tally.problems = true;
            }
            Err(_) => {}
        }
    });
    let versions = changes::Versions {
        old: &old.name,
        new: &new.name,
        as_of,
    };
    let compared = all.len();
    let output = match args.format {
        Format::Json => changes::json(&all, compared, versions),
        _ => changes::text(&all, compared, versions),
    };
    let _ = std::io::stdout().lock().write_all(output.as_bytes());
    tally.summary(seen);
    tally.outcome()
}

/// The agenda of the programme's case store: its kept answers (computed again only for
/// the cases whose answer no longer holds on the day asked).
fn run_store(args: &Args) -> Outcome {
    if args.compare.is_some() {
        files::trouble(
            "with a case store, see what a new policy would change with `mentor policy set NEW.mentor`",
        );
        return Outcome::Trouble;
    }
    let as_of = args.at.unwrap_or_else(|| chrono::Local::now().date_naive());
    let query = Query {
        as_of,
        parties: composed(&args.party),
        roles: args.role.clone(),
        cases: composed(&args.case),
        bands: args.band.clone(),
        within: args.within,
        since: args.since,
    };
    let found = match crate::store::agenda::answers(&args.store, &query, &args.role) {
        Ok(found) => found,
        Err(outcome) => return outcome,
    };
    if args.stream {
        return stream_store(args.format, found, &query, &args.fail_on);
    }
    let mut builder = Builder::new(query);
    let with_answers = found.answers.len();
    for answer in found.answers {
        builder.add_answer(answer);
    }
    for _ in with_answers..found.cases {
        builder.count_case();
    }
    let agenda = builder.finish();
    let output = match args.format {
        Format::Text => text::render(
            &agenda,
            text::Options {
                colour: crate::colour::stdout(),
            },
        ),
        Format::Json => render::json::render(&agenda),
        Format::Csv => render::csv::render(&agenda),
        Format::Ics => ics::render(
            &agenda,
            ics::Calendar {
                programme: &found.programme,
                policy_file: &found.policy_name,
            },
        ),
    };
    if let Err(e) = std::io::stdout().lock().write_all(output.as_bytes())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        files::trouble(&format!("cannot write the agenda: {e}"));
        return Outcome::Trouble;
    }
    if !agenda.errors.is_empty() {
        eprintln!("error: some dates could not be worked out; the agenda is incomplete");
        return Outcome::Problems;
    }
    fail_on(Outcome::Ok, found_in(&agenda), &args.fail_on)
}

/// Names from the command line in NFC, as names in policies and case files are compared.
fn composed(names: &[String]) -> Vec<String> {
    names
        .iter()
        .map(|n| mentor_syntax::unicode::nfc(n).into_owned())
        .collect()
}

/// `--stream` on a store: each case's rows in the order the store keeps the cases, without
/// sorting them into bands (the answers are already kept, one per case).
fn stream_store(
    format: Format,
    found: crate::store::agenda::Found,
    query: &Query,
    fail_on: &[FailOn],
) -> Outcome {
    let calendar = ics::Calendar {
        programme: &found.programme,
        policy_file: &found.policy_name,
    };
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout().lock());
    let mut text = stream_header(format, query.as_of, calendar);
    let mut counted = Found::default();
    let mut incomplete = false;
    for answer in found.answers {
        let (lines, errors, in_case) = streamed(format, answer, query, calendar);
        text.push_str(&lines);
        counted += in_case;
        for message in &errors {
            eprintln!("{message}");
            incomplete = true;
        }
    }
    if format == Format::Ics {
        text.push_str(&ics::end());
    }
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush())
        && e.kind() != std::io::ErrorKind::BrokenPipe
    {
        files::trouble(&format!("cannot write the agenda: {e}"));
        return Outcome::Trouble;
    }
    if incomplete {
        eprintln!("error: some dates could not be worked out; the agenda is incomplete");
        return Outcome::Problems;
    }
    self::fail_on(Outcome::Ok, counted, fail_on)
}
