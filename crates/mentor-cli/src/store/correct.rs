//! `mentor correct CASE ENTRY --reason WHY (--void | --at/--event/--by/--to/--role/--set)`:
//! a new entry that voids or replaces an earlier one. Nothing is changed in place.

use super::{AuthorArg, CommandLine, StoreArg, parse_setting, print_case_error, today};
use crate::{Outcome, files};
use mentor_store::{Action, Changes, Correction, Field};

#[derive(clap::Args)]
pub struct Args {
    /// The case (`S-0001`)
    case: String,
    /// The entry to correct: its number in `mentor history CASE`
    entry: i64,
    /// Why the entry is corrected (kept in the log)
    #[arg(long, value_name = "WHY")]
    reason: String,
    /// The entry no longer counts (voiding the entry that opened a case withdraws the case)
    #[arg(long, conflicts_with_all = ["at", "event", "by", "to", "role", "set"])]
    void: bool,
    /// The right date or date and time
    #[arg(long, value_name = "WHEN")]
    at: Option<String>,
    /// The right event
    #[arg(long, value_name = "EVENT")]
    event: Option<String>,
    /// Who really did it
    #[arg(long, value_name = "ID")]
    by: Option<String>,
    /// Who it really went to (`--to ""` for nobody)
    #[arg(long, value_name = "ID")]
    to: Option<String>,
    /// A participant's right role
    #[arg(long, value_name = "ROLE")]
    role: Option<String>,
    /// A field or fact's right value, as name=value (`name=` removes it); may be repeated
    #[arg(long = "set", value_name = "NAME=VALUE", value_parser = parse_setting)]
    set: Vec<(String, String)>,
    /// Refuse if the case's last entry is no longer this one (someone else recorded since)
    #[arg(long, value_name = "ENTRY")]
    expect_last: Option<i64>,
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    author: AuthorArg,
}

pub fn run(args: &Args) -> Outcome {
    if args.reason.trim().is_empty() {
        files::trouble("say why the entry is corrected with `--reason`; it is kept in the log");
        return Outcome::Trouble;
    }
    let changes = Changes {
        at: args.at.clone(),
        event: args.event.clone(),
        by: args.by.clone(),
        to: args.to.clone(),
        role: args.role.clone(),
        set: args.set.clone(),
    };
    if !args.void && changes.is_empty() {
        files::trouble(
            "say what is wrong: `--void`, or the right values with `--at`, `--event`, `--by`, `--to`, `--role` or `--set`",
        );
        return Outcome::Trouble;
    }
    let author = match args.author.author() {
        Ok(a) => a,
        Err(o) => return o,
    };
    let mut store = match args.store.open() {
        Ok(s) => s,
        Err(o) => return o,
    };
    let entry = args.entry.to_string();
    let mut command = CommandLine::new(&["correct", &args.case, &entry]);
    for (flag, field, value) in [
        ("--at", Field::At, &args.at),
        ("--event", Field::Event, &args.event),
        ("--by", Field::By, &args.by),
        ("--to", Field::To, &args.to),
        ("--role", Field::Role, &args.role),
    ] {
        if let Some(v) = value {
            command.option(flag, field, v);
        }
    }
    for (name, value) in &args.set {
        // The same name may be a field (events) or a fact (participants).
        command.option(
            "--set",
            Field::Data(name.clone()),
            &format!("{name}={value}"),
        );
        command.places_also(Field::Fact(name.clone()));
    }
    command.plain("--reason");
    command.plain(&args.reason);
    let correction = Correction {
        entry: args.entry,
        action: if args.void {
            Action::Void
        } else {
            Action::Replace(changes)
        },
        reason: args.reason.trim().to_string(),
        expected_last: args.expect_last,
    };
    match store.correct(&args.case, &correction, &author, today()) {
        Ok(recorded) => {
            let what = if args.void { "voids" } else { "replaces" };
            outln!(
                "recorded entry {}, which {what} entry {} of case {}",
                recorded.entry.seq,
                args.entry,
                args.case
            );
            match &recorded.answer {
                Some(a) => outln!(
                    "case {} now has {}; see `mentor next {}`",
                    args.case,
                    match a.duties.len() {
                        0 => "no open duties".to_string(),
                        1 => "1 open duty".to_string(),
                        n => format!("{n} open duties"),
                    },
                    args.case
                ),
                None => outln!("case {} is withdrawn", args.case),
            }
            Outcome::Ok
        }
        Err(e) => print_case_error(&e, &command),
    }
}
