//! `mentor join CASE ID --role ROLE [--set fact=value]`: a participant added to a stored
//! case, checked with the case exactly as a case file is.

use super::{AuthorArg, CommandLine, StoreArg, parse_setting, print_case_error, today};
use crate::Outcome;
use mentor_store::{Field, NewParticipant};

#[derive(clap::Args)]
pub struct Args {
    /// The case (`S-0001`)
    case: String,
    /// The participant's id, used in `--by` and `--to` (`ben`)
    id: String,
    /// Their role, as the policy names it (`mentor`)
    #[arg(long, value_name = "ROLE")]
    role: String,
    /// A fact about them, as name=value (`--set biography_submitted=yes`); may be repeated
    #[arg(long = "set", value_name = "FACT=VALUE", value_parser = parse_setting)]
    set: Vec<(String, String)>,
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
    let participant = NewParticipant {
        id: args.id.clone(),
        role: args.role.clone(),
        facts: args.set.clone(),
    };
    let mut command = CommandLine::new(&["join", &args.case]);
    command.value(Field::Id, &args.id);
    command.option("--role", Field::Role, &args.role);
    for (name, value) in &args.set {
        command.option(
            "--set",
            Field::Fact(name.clone()),
            &format!("{name}={value}"),
        );
    }
    match store.add_participant(&args.case, &participant, &author, today()) {
        Ok(recorded) => super::record::report(&recorded, &args.case, false),
        Err(e) => print_case_error(&e, &command),
    }
}
