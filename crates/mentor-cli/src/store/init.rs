//! `mentor init DIR --policy POLICY`: a programme folder with its case store.

use super::{AuthorArg, fail};
use crate::{Outcome, files};
use mentor_store::{Location, Store};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The programme folder to create (or fill); not needed with `--store postgres://...`
    dir: Option<PathBuf>,
    /// The programme's policy; it becomes version 1 of the store's policy
    #[arg(long, value_name = "POLICY")]
    policy: PathBuf,
    /// Create the store in this PostgreSQL database instead (`postgres://...`)
    #[arg(long, value_name = "URL")]
    store: Option<String>,
    #[command(flatten)]
    author: AuthorArg,
}

pub fn run(args: &Args) -> Outcome {
    let location = match (&args.store, &args.dir) {
        (Some(url), _) if url.starts_with("postgres://") || url.starts_with("postgresql://") => {
            Location::Postgres(url.clone())
        }
        (Some(other), _) => Location::parse(other),
        (None, Some(dir)) => Location::Sqlite(dir.join(mentor_store::location::FILE_NAME)),
        (None, None) => {
            files::trouble(
                "name the programme folder to create, such as `mentor init my-programme --policy policy.mentor`",
            );
            return Outcome::Trouble;
        }
    };
    let text = match files::read(&args.policy) {
        Ok(t) => t,
        Err(e) => {
            files::trouble(&e);
            return Outcome::Trouble;
        }
    };
    let name = files::display(&args.policy);
    let analysis = files::analyze(&args.policy, &text);
    if analysis.has_errors() {
        files::print_policy_errors(&name, &text, &analysis, super::style());
        eprintln!(
            "the policy has errors; fix them (see `mentor check {name}`) before creating a store"
        );
        return Outcome::Problems;
    }
    if super::refuses_closure_files(&name, &analysis) {
        return Outcome::Trouble;
    }
    let author = match args.author.author() {
        Ok(a) => a,
        Err(o) => return o,
    };
    match Store::create(&location, &text, &author) {
        Ok(_) => {
            eprintln!(
                "created a case store at {} with {name} as policy version 1",
                location.describe()
            );
            if let Some(dir) = location.folder() {
                eprintln!(
                    "next: `cd {}` and `mentor import CASES...`, or `mentor record CASE EVENT --by ID`",
                    files::display(dir)
                );
            }
            Outcome::Ok
        }
        Err(e) => fail(&e),
    }
}
