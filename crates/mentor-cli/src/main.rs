//! The `mentor` command line: one binary, one subcommand per job.
//!
//! Exit codes: 0 when all is well, 1 when a policy, case or test has errors, 2 for usage
//! or I/O problems (a file that cannot be read or written).

#[macro_use]
mod out;

mod agenda;
mod answer;
mod cases;
mod check;
mod colour;
mod files;
mod format;
mod next;
mod policy_tests;
mod serve;
mod store;
mod user;
mod what_if;

use clap::{Parser, Subcommand};

/// mimalloc: many small allocations, made on one thread and freed on another when cases
/// are answered on every core, cost half the time with the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;
use std::process::ExitCode;

#[derive(Parser)]
#[command(
    name = "mentor",
    version,
    about = "Executable rules for mentoring programmes",
    propagate_version = true
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// Colour the output: `auto` (on a terminal, unless NO_COLOR is set), `always`, `never`
    #[arg(long, global = true, value_enum, default_value_t = colour::Choice::Auto, value_name = "WHEN")]
    color: colour::Choice,
}

#[derive(Subcommand)]
enum Command {
    /// Check policies for errors and warnings
    Check(check::Args),
    /// Lay out policies in the one canonical way
    Fmt(format::Args),
    /// What happens next for a case: dated actions, who owes them, why
    Next(next::Args),
    /// Like `next`, plus the status of every rule
    Run(next::Args),
    /// What is due across many cases: overdue, today, this week, later (text, JSON, CSV, ICS)
    Agenda(agenda::Args),
    /// Run policy tests (`*.test.mentor`)
    Test(policy_tests::Args),
    /// Start the language server (for editors), speaking over stdin and stdout
    Lsp(LspArgs),
    /// Create a programme folder with a case store
    Init(store::init::Args),
    /// Add cases to the store from case files, all or nothing
    Import(store::import::Args),
    /// Record an event in a stored case
    Record(store::record::Args),
    /// Add a participant to a stored case
    Join(store::join::Args),
    /// Correct an earlier entry of a stored case (void it, or replace what it says)
    Correct(store::correct::Args),
    /// Show a stored case's log, corrections included
    History(store::history::Args),
    /// Check that the store's log is whole and unchanged
    Verify(store::verify::Args),
    /// Write the stored cases out as case files
    Export(store::export::Args),
    /// Show, change or list the store's policy versions
    Policy(store::policy::Args),
    /// Copy an SQLite store while it is in use
    Backup(store::backup::Args),
    /// Serve the coordinator's pages in a browser (on 127.0.0.1 unless told otherwise)
    Serve(serve::Args),
    /// Manage the accounts of the web pages and their calendar feeds
    User(user::Args),
}

#[derive(clap::Args)]
struct LspArgs {
    /// Accepted for editors that pass it; the server always uses stdin and stdout
    #[arg(long)]
    stdio: bool,
}

/// How a command ended.
pub enum Outcome {
    Ok,
    /// The input has errors (a policy, a case, a failing test).
    Problems,
    /// Bad usage or I/O.
    Trouble,
}

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(e) => {
            let _ = e.print();
            return match e.kind() {
                clap::error::ErrorKind::DisplayHelp | clap::error::ErrorKind::DisplayVersion => {
                    ExitCode::SUCCESS
                }
                _ => ExitCode::from(2),
            };
        }
    };
    colour::choose(cli.color);
    let outcome = match cli.command {
        Command::Check(args) => check::run(&args),
        Command::Fmt(args) => format::run(&args),
        Command::Next(args) => next::run(&args, false),
        Command::Run(args) => next::run(&args, true),
        Command::Agenda(args) => agenda::run(&args),
        Command::Test(args) => policy_tests::run(&args),
        Command::Init(args) => store::init::run(&args),
        Command::Import(args) => store::import::run(&args),
        Command::Record(args) => store::record::run(&args),
        Command::Join(args) => store::join::run(&args),
        Command::Correct(args) => store::correct::run(&args),
        Command::History(args) => store::history::run(&args),
        Command::Verify(args) => store::verify::run(&args),
        Command::Export(args) => store::export::run(&args),
        Command::Policy(args) => store::policy::run(&args),
        Command::Backup(args) => store::backup::run(&args),
        Command::Serve(args) => serve::run(&args),
        Command::User(args) => user::run(&args),
        Command::Lsp(_) => match mentor_lsp::run_stdio() {
            Ok(()) => Outcome::Ok,
            Err(e) => {
                files::trouble(&format!("the language server stopped: {e}"));
                Outcome::Trouble
            }
        },
    };
    match outcome {
        Outcome::Ok => ExitCode::SUCCESS,
        Outcome::Problems => ExitCode::from(1),
        Outcome::Trouble => ExitCode::from(2),
    }
}
