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
    let name = files::display(&args.policy);
    let kept = match super::policy_to_keep(&args.policy, "creating a store") {
        Ok(kept) => kept,
        Err(outcome) => return outcome,
    };
    let author = match args.author.author() {
        Ok(a) => a,
        Err(o) => return o,
    };
    match Store::create(&location, &kept.text, &author) {
        Ok(_) => {
            kept.tell();
            eprintln!(
                "created a case store at {} with {name} as policy version 1",
                location.describe()
            );
            let elsewhere = |d: &&std::path::Path| !matches!(files::display(d).as_str(), "" | ".");
            if let Some(dir) = location.folder().filter(elsewhere) {
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
