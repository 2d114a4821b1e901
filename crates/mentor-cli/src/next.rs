//! `mentor next POLICY CASE` and `mentor run POLICY CASE`: what happens next for a case.

use crate::{Outcome, files};
use chrono::NaiveDate;
use mentor_diagnostics::render::{self, Style};
use mentor_eval::load::{self, CsvFile};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// The policy file (`policies/supportt.mentor`); in a programme folder with a case
    /// store, the case id alone (`mentor next S-0001`)
    policy: PathBuf,
    /// The case: a JSON file, or the events file of a CSV pair (`case.events.csv`)
    case: Option<PathBuf>,
    /// The date to evaluate on (YYYY-MM-DD); events after it are ignored. Default: today
    #[arg(long, value_name = "DATE", value_parser = parse_date)]
    at: Option<NaiveDate>,
    /// Output for people (`text`) or for tools (`json`)
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// For a CSV case: the participants file (default: the events file's name with
    /// `events` replaced by `participants`)
    #[arg(long, value_name = "FILE")]
    participants: Option<PathBuf>,
    #[command(flatten)]
    store: crate::store::StoreArg,
    /// With a store: evaluate under this earlier policy version (to explain an old answer)
    #[arg(long, value_name = "N")]
    policy_version: Option<i64>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Text,
    Json,
}

pub(crate) fn parse_date(text: &str) -> Result<NaiveDate, String> {
    let problem = || format!("`{text}` is not a date; write it as YYYY-MM-DD, such as 2026-12-22");
    if text.len() != 10 {
        return Err(problem());
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| problem())
}

fn style() -> Style {
    if std::io::stderr().is_terminal() && std::env::var_os("NO_COLOR").is_none() {
        Style::Colour
    } else {
        Style::Plain
    }
}

pub fn run(args: &Args, with_rules: bool) -> Outcome {
    let Some(case) = &args.case else {
        return crate::store::next::run(&crate::store::next::Ask {
            case: &args.policy.to_string_lossy(),
            store: &args.store,
            version: args.policy_version,
            at: args.at,
            json: args.format == Format::Json,
            with_rules,
        });
    };
    let policy_text = match files::read(&args.policy) {
        Ok(t) => t,
        Err(e) => {
            files::trouble(&e);
            return Outcome::Trouble;
        }
    };
    let policy_name = files::display(&args.policy);
    let analysis = mentor_check::analyze(&policy_text);
    if analysis.has_errors() {
        files::print_policy_errors(&policy_name, &policy_text, &analysis, style());
        eprintln!(
            "the policy has errors; fix them (see `mentor check {policy_name}`) before running cases"
        );
        return Outcome::Problems;
    }
    let model = &analysis.checked.model;
    let case = match load_case(args, case, model) {
        Ok(case) => case,
        Err(outcome) => return outcome,
    };
    let as_of = args.at.unwrap_or_else(|| chrono::Local::now().date_naive());
    let evaluation = mentor_eval::evaluate(model, &case, as_of);
    let mut outcome = Outcome::Ok;
    if !evaluation.errors.is_empty() {
        eprintln!(
            "error: some dates could not be worked out; the answer is incomplete (see `errors`)"
        );
        outcome = Outcome::Problems;
    }
    let report = mentor_eval::report::build(model, &case, &evaluation, &policy_text, with_rules);
    match args.format {
        Format::Json => match serde_json::to_string_pretty(&report) {
            Ok(s) => println!("{s}"),
            Err(e) => {
                files::trouble(&format!("cannot write JSON: {e}"));
                return Outcome::Trouble;
            }
        },
        Format::Text => print!(
            "{}",
            mentor_eval::text::render(&report, &policy_name, &policy_text)
        ),
    }
    outcome
}

fn load_case(
    args: &Args,
    case_path: &Path,
    model: &mentor_check::Model,
) -> Result<mentor_eval::Case, Outcome> {
    let case_name = files::display(case_path);
    let case_text = files::read(case_path).map_err(|e| {
        files::trouble(&e);
        Outcome::Trouble
    })?;
    let stem = case_stem(case_path);
    let is_csv = case_path
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("csv"));
    if !is_csv {
        return load::load_json(model, &case_text, &stem).map_err(|diagnostics| {
            eprint!(
                "{}",
                render::human(&case_name, &case_text, &diagnostics, style())
            );
            eprintln!(
                "the case file has {}; nothing was evaluated",
                problems(diagnostics.len())
            );
            Outcome::Problems
        });
    }
    let participants_path = match &args.participants {
        Some(p) => p.clone(),
        None => match mentor_policy_test::files::participants_file(case_path) {
            Some(p) => p,
            None => {
                files::trouble(&format!(
                    "{case_name} is a CSV events file; name its participants file with `--participants FILE`"
                ));
                return Err(Outcome::Trouble);
            }
        },
    };
    let participants_name = files::display(&participants_path);
    let participants_text = files::read(&participants_path).map_err(|e| {
        files::trouble(&e);
        Outcome::Trouble
    })?;
    load::load_csv(model, &case_text, &participants_text, &stem).map_err(|problems_found| {
        let count = problems_found.len();
        for (file, diagnostic) in problems_found {
            let (name, text) = match file {
                CsvFile::Events => (&case_name, &case_text),
                CsvFile::Participants => (&participants_name, &participants_text),
            };
            eprint!(
                "{}",
                render::human(name, text, std::slice::from_ref(&diagnostic), style())
            );
        }
        eprintln!(
            "the case files have {}; nothing was evaluated",
            problems(count)
        );
        Outcome::Problems
    })
}

fn problems(n: usize) -> String {
    if n == 1 {
        "1 problem".to_string()
    } else {
        format!("{n} problems")
    }
}

/// `s-0001.events.csv` -> `s-0001`; `s-0001.json` -> `s-0001`.
fn case_stem(path: &Path) -> String {
    let name = path.file_name().and_then(|n| n.to_str()).unwrap_or("case");
    let name = name.rsplit_once('.').map_or(name, |(stem, _)| stem);
    name.strip_suffix(".events")
        .or_else(|| name.strip_suffix("_events"))
        .unwrap_or(name)
        .to_string()
}
