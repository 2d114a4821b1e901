//! `mentor next POLICY CASE` and `mentor run POLICY CASE`: what happens next for a case.

use crate::answer::{self, FailOn};
use crate::cases::{self, Loaded};
use crate::{Outcome, files, what_if};
use chrono::NaiveDate;
use mentor_diagnostics::render::Style;
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
    /// Answer as if an event had happened (nothing is recorded):
    /// `--with 'session_held --by ben --to amara --at 2027-01-10'`; repeat for several
    #[arg(long = "with", value_name = "'EVENT --by ID [--to ID] --at DATE'")]
    with: Vec<String>,
    #[command(flatten)]
    store: crate::store::StoreArg,
    /// With a store: evaluate under this earlier policy version (to explain an old answer)
    #[arg(long, value_name = "N")]
    policy_version: Option<i64>,
    /// End with exit code 1 when something is overdue, or a rule has been broken (for
    /// scripts); repeat for both
    #[arg(long, value_enum, value_name = "WHAT")]
    fail_on: Vec<FailOn>,
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
    let date = NaiveDate::parse_from_str(text, "%Y-%m-%d").map_err(|_| problem())?;
    match mentor_calendar::years::outside(date) {
        Some(why) => Err(format!("`{text}`: {why}")),
        None => Ok(date),
    }
}

fn style() -> Style {
    crate::colour::stderr_style()
}

pub fn run(args: &Args, with_rules: bool) -> Outcome {
    let Some(case_path) = &args.case else {
        return crate::store::next::run(&crate::store::next::Ask {
            case: &args.policy.to_string_lossy(),
            store: &args.store,
            version: args.policy_version,
            at: args.at,
            json: args.format == Format::Json,
            with_rules,
            fail_on: &args.fail_on,
        });
    };
    let command = if with_rules { "run" } else { "next" };
    if files::swapped(command, &args.policy, std::slice::from_ref(case_path)) {
        return Outcome::Trouble;
    }
    let policy_text = match files::read(&args.policy) {
        Ok(t) => t,
        Err(e) => {
            files::trouble(&e);
            return Outcome::Trouble;
        }
    };
    let policy_name = files::display(&args.policy);
    let analysis = files::analyze(&args.policy, &policy_text);
    if analysis.has_errors() {
        files::print_policy_errors(&policy_name, &policy_text, &analysis, style());
        eprintln!(
            "the policy has errors; fix them (see `mentor check {policy_name}`) before running cases"
        );
        return Outcome::Problems;
    }
    let model = &analysis.checked.model;
    let mut case = match load_case(args, case_path, model) {
        Ok(case) => case,
        Err(outcome) => return outcome,
    };
    let mut what_ifs = Vec::new();
    for spec in &args.with {
        match what_if::apply(model, &case, spec, style()) {
            Ok((changed, said)) => {
                case = changed;
                what_ifs.push(said);
            }
            Err(message) => {
                eprintln!("{message}");
                return Outcome::Trouble;
            }
        }
    }
    let as_of = args.at.unwrap_or_else(|| chrono::Local::now().date_naive());
    answer::print(
        model,
        &case,
        as_of,
        &answer::How {
            json: args.format == Format::Json,
            with_rules,
            policy_name: &policy_name,
            policy_text: &policy_text,
            at_given: args.at.is_some(),
            fail_on: &args.fail_on,
            assumed: &what_ifs,
        },
    )
}

fn load_case(
    args: &Args,
    case_path: &Path,
    model: &mentor_check::Model,
) -> Result<mentor_eval::Case, Outcome> {
    let sources = cases::Sources {
        paths: vec![case_path.to_path_buf()],
        participants: args.participants.clone(),
        style: style(),
    };
    if case_path.is_dir() {
        files::trouble(&format!(
            "{} is a folder; `mentor next` answers for one case (use `mentor agenda` for many)",
            files::display(case_path)
        ));
        return Err(Outcome::Trouble);
    }
    let mut units = Vec::new();
    cases::read_all(&sources, &mut |unit| {
        units.push(unit);
        true
    });
    let mut found = None;
    for unit in &units {
        if found.is_some() && !matches!(unit, cases::Unit::Note(_)) {
            files::trouble(&format!(
                "{} holds several cases; `mentor next` answers for one (use `mentor agenda`)",
                files::display(case_path)
            ));
            return Err(Outcome::Trouble);
        }
        match cases::load(unit, model, style()) {
            Loaded::Case(case, notes) => {
                eprint!("{notes}");
                found = Some(*case);
            }
            Loaded::Answered(notes) => eprint!("{notes}"),
            Loaded::Said(text, bad) => {
                eprint!("{text}");
                if bad {
                    return Err(Outcome::Problems);
                }
            }
            Loaded::Failed(report, summary) => {
                eprint!("{report}");
                if !summary.is_empty() {
                    eprintln!("{summary}; nothing was evaluated");
                }
                return Err(Outcome::Problems);
            }
            Loaded::Trouble(message) => {
                files::trouble(&message);
                return Err(Outcome::Trouble);
            }
        }
    }
    found.ok_or_else(|| {
        files::trouble(&format!("{} holds no case", files::display(case_path)));
        Outcome::Trouble
    })
}
