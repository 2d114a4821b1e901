//! `mentor record CASE EVENT --by ID [--to ID] [--at WHEN] [--set field=value]`: one event
//! appended to a stored case, checked with the case exactly as a case file is.

use super::{AuthorArg, CommandLine, StoreArg, parse_setting, print_case_error, today};
use crate::{Outcome, files};
use mentor_store::{Field, NewEvent, Recorded};

#[derive(clap::Args)]
pub struct Args {
    /// The case (`S-0001`)
    case: String,
    /// The event, as the policy names it (`session_held`)
    event: String,
    /// The participant who did it
    #[arg(long, value_name = "ID")]
    by: String,
    /// The participant it went to
    #[arg(long, value_name = "ID")]
    to: Option<String>,
    /// When: a date (2027-01-05) or a date and time (2027-01-05T09:30). Default: today
    #[arg(long, value_name = "WHEN")]
    at: Option<String>,
    /// A field of the event's data, as name=value (`--set minutes=90`); may be repeated
    #[arg(long = "set", value_name = "FIELD=VALUE", value_parser = parse_setting)]
    set: Vec<(String, String)>,
    /// Print the recorded entry as JSON
    #[arg(long)]
    json: bool,
    #[command(flatten)]
    store: StoreArg,
    #[command(flatten)]
    author: AuthorArg,
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
    let day = today();
    let event = NewEvent {
        event: args.event.clone(),
        by: args.by.clone(),
        to: args.to.clone(),
        at: args.at.clone().unwrap_or_else(|| day.to_string()),
        data: args.set.clone(),
    };
    let mut command = CommandLine::new(&["record", &args.case]);
    command.value(Field::Event, &args.event);
    command.option("--by", Field::By, &args.by);
    if let Some(to) = &args.to {
        command.option("--to", Field::To, to);
    }
    if let Some(at) = &args.at {
        command.option("--at", Field::At, at);
    }
    for (name, value) in &args.set {
        command.option(
            "--set",
            Field::Data(name.clone()),
            &format!("{name}={value}"),
        );
    }
    match store.record(&args.case, &event, &author, day) {
        Ok(recorded) => report(&recorded, &args.case, args.json),
        Err(e) => print_case_error(&e, &command),
    }
}

/// Says what was recorded and what the case owes now.
pub fn report(recorded: &Recorded, case: &str, json: bool) -> Outcome {
    if json {
        return match serde_json::to_string_pretty(&recorded.entry) {
            Ok(s) => {
                outln!("{s}");
                Outcome::Ok
            }
            Err(e) => {
                files::trouble(&format!("cannot write JSON: {e}"));
                Outcome::Trouble
            }
        };
    }
    outln!("recorded entry {} in case {case}", recorded.entry.seq);
    if let Some(answer) = &recorded.answer {
        let n = answer.duties.len();
        let owed = match n {
            0 => "no open duties".to_string(),
            1 => "1 open duty".to_string(),
            n => format!("{n} open duties"),
        };
        outln!("case {case} now has {owed}; see `mentor next {case}`");
    }
    Outcome::Ok
}
