//! `mentor backup FILE`: a consistent copy of an SQLite store while it is in use.

use super::{StoreArg, fail};
use crate::{Outcome, files};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    /// The file to write (it must not exist yet)
    file: PathBuf,
    #[command(flatten)]
    store: StoreArg,
}

pub fn run(args: &Args) -> Outcome {
    let mut store = match args.store.open() {
        Ok(s) => s,
        Err(o) => return o,
    };
    match store.backup(&args.file) {
        Ok(()) => {
            eprintln!("backed up the store to {}", files::display(&args.file));
            Outcome::Ok
        }
        Err(e) => fail(&e),
    }
}
