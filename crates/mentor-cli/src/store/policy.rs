//! `mentor policy show|set|history`: the store's policy, versioned. Setting a new version
//! shows what it would change first (the what-if of `mentor agenda --compare`), keeps the
//! old versions, records the change in the log and evaluates every case again.

use super::{AuthorArg, StoreArg, fail, style, today};
use crate::{Outcome, files};
use mentor_agenda::compare::compare;
use mentor_agenda::render::changes::{self, Versions};
use mentor_store::{PolicyRefused, Store};
use std::path::PathBuf;

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: Command,
}

#[derive(clap::Subcommand)]
enum Command {
    /// Print the current policy (or an earlier version)
    Show {
        /// The version to print (default: the current one)
        #[arg(value_name = "VERSION")]
        number: Option<i64>,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Show what a new policy would change, and with `--yes` make it the current version
    Set {
        /// The new policy
        policy: PathBuf,
        /// Why the policy changes (kept in the log)
        #[arg(long, value_name = "WHY")]
        reason: Option<String>,
        /// Make the change (without it, only what would change is shown)
        #[arg(long)]
        yes: bool,
        /// The day to show what would change on (YYYY-MM-DD). Default: today
        #[arg(long, value_name = "DATE", value_parser = crate::next::parse_date)]
        at: Option<chrono::NaiveDate>,
        #[command(flatten)]
        store: StoreArg,
        #[command(flatten)]
        author: AuthorArg,
    },
    /// List the policy versions: when each was set, by whom, and why
    History {
        #[command(flatten)]
        store: StoreArg,
    },
}

pub fn run(args: &Args) -> Outcome {
    match &args.command {
        Command::Show { number, store } => show(store, *number),
        Command::Set {
            policy,
            reason,
            yes,
            at,
            store,
            author,
        } => set(
            store,
            author,
            policy,
            reason.as_deref(),
            *yes,
            at.unwrap_or_else(today),
        ),
        Command::History { store } => history(store),
    }
}

fn show(store: &StoreArg, version: Option<i64>) -> Outcome {
    let mut store = match store.open() {
        Ok(s) => s,
        Err(o) => return o,
    };
    let policy = match version {
        Some(v) => store.policy_version(v),
        None => store.policy(),
    };
    match policy {
        Ok(p) => {
            out!("{}", p.text);
            Outcome::Ok
        }
        Err(e) => fail(&e),
    }
}

fn history(store: &StoreArg) -> Outcome {
    let mut store = match store.open() {
        Ok(s) => s,
        Err(o) => return o,
    };
    let entries = match store.policy_entries() {
        Ok(e) => e,
        Err(e) => return fail(&e),
    };
    for e in &entries {
        let json = e.json();
        let version = json.get("version").and_then(|v| v.as_i64()).unwrap_or(0);
        let sha = json.get("sha256").and_then(|v| v.as_str()).unwrap_or("");
        let short = sha.get(..12).unwrap_or(sha);
        out!(
            "version {version}  entry {}  {}  {}  sha256 {short}",
            e.seq,
            e.recorded_at,
            e.recorded_by
        );
        if let Some(r) = json.get("reason").and_then(|v| v.as_str()) {
            out!("  reason: {r}");
        }
        outln!();
    }
    Outcome::Ok
}

/// What the new policy would change, case by case, on `day`.
fn what_if(
    store: &mut Store,
    text: &str,
    new_name: &str,
    day: chrono::NaiveDate,
) -> Result<(String, usize), Outcome> {
    let mut changed = Vec::new();
    let mut cases = 0usize;
    // The current version, also when the store has no case yet.
    let mut old_version = match store.policy() {
        Ok(p) => p.version,
        Err(e) => return Err(fail(&e)),
    };
    let result = store.compare_policy(text, |old, new, compared| {
        old_version = old.version;
        cases += 1;
        if let (Some(old_case), Ok(new_case)) = (&compared.old, &compared.new) {
            let before = mentor_store::answers::compute(old.model(), old_case, &old.text, day);
            let after = mentor_store::answers::compute(new.model(), new_case, &new.text, day);
            changed.push(compare(
                &before.for_agenda(&compared.id),
                &after.for_agenda(&compared.id),
            ));
        }
        Ok(())
    });
    if let Err(e) = result {
        return Err(fail(&e));
    }
    let old_name = format!("policy version {old_version}");
    let rendered = changes::text(
        &changed,
        cases,
        Versions {
            old: &old_name,
            new: new_name,
            as_of: day,
        },
    );
    Ok((
        rendered,
        changed.iter().filter(|c| !c.changes.is_empty()).count(),
    ))
}

fn set(
    store: &StoreArg,
    author: &AuthorArg,
    path: &std::path::Path,
    reason: Option<&str>,
    yes: bool,
    day: chrono::NaiveDate,
) -> Outcome {
    let name = files::display(path);
    let kept = match super::policy_to_keep(path, "setting it") {
        Ok(kept) => kept,
        Err(outcome) => return outcome,
    };
    let text = &kept.text;
    let author = match author.author() {
        Ok(a) => a,
        Err(o) => return o,
    };
    let mut store = match store.open() {
        Ok(s) => s,
        Err(o) => return o,
    };
    let (rendered, _) = match what_if(&mut store, text, &name, day) {
        Ok(r) => r,
        Err(o) => return o,
    };
    out!("{rendered}");
    if !yes {
        eprintln!("nothing was changed; run again with `--yes` to make {name} the current policy");
        return Outcome::Ok;
    }
    match store.set_policy(text, reason, &author, today()) {
        Ok(set) => {
            kept.tell();
            eprintln!(
                "{name} is now policy version {} (entry {}); {} evaluated again",
                set.version,
                set.entry.seq,
                super::cases(set.cases)
            );
            Outcome::Ok
        }
        Err(PolicyRefused::Store(e)) => fail(&e),
        Err(PolicyRefused::PolicyErrors) => {
            eprintln!(
                "the policy has errors; fix them (see `mentor check {name}`) before setting it"
            );
            Outcome::Problems
        }
        Err(PolicyRefused::Unchanged { version }) => {
            eprintln!(
                "{name} is already the current policy (version {version}); nothing was changed"
            );
            Outcome::Ok
        }
        Err(PolicyRefused::Cases(rejected)) => {
            let mut n = 0;
            for r in &rejected {
                let shown = format!("case {} (as stored)", r.case);
                let diags: Vec<_> = r.problems.iter().map(|p| p.diagnostic.clone()).collect();
                n += diags.len();
                eprint!(
                    "{}",
                    mentor_diagnostics::render::human(&shown, &r.document, &diags, style())
                );
            }
            eprintln!(
                "{} stored cases do not load under {name} ({}); nothing was changed. Correct those cases first, or keep what the policy accepts",
                rejected.len(),
                super::problems(n)
            );
            Outcome::Problems
        }
    }
}
