//! `mentor verify`: checks that the log is whole and unchanged.

use super::{StoreArg, fail};
use crate::Outcome;

#[derive(clap::Args)]
pub struct Args {
    #[command(flatten)]
    store: StoreArg,
}

pub fn run(args: &Args) -> Outcome {
    let mut store = match args.store.open() {
        Ok(s) => s,
        Err(o) => return o,
    };
    let v = match store.verify() {
        Ok(v) => v,
        Err(e) => return fail(&e),
    };
    if v.is_intact() {
        outln!(
            "the log is intact: {} entries; the last is entry {} with hash {}",
            v.entries,
            v.last,
            v.last_hash
        );
        return Outcome::Ok;
    }
    for p in &v.problems {
        if p.entry > 0 {
            outln!("entry {}: {}", p.entry, p.problem);
        } else {
            outln!("{}", p.problem);
        }
    }
    eprintln!(
        "error: the log has been tampered with ({} found in {} entries); restore it from a backup and compare",
        super::problems(v.problems.len()),
        v.entries
    );
    Outcome::Problems
}
