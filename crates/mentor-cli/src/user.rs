//! `mentor user`: the accounts of the web pages (`mentor serve`), and their calendar feeds.
//! Passwords are asked for on the terminal, or read from standard input (its first line)
//! when that is not a terminal; they are hashed with Argon2 and never shown.

use crate::store::{StoreArg, fail};
use crate::{Outcome, files};
use mentor_store::{AccountError, AuditRecord, Role, Store};
use std::io::{BufRead, IsTerminal};

#[derive(clap::Args)]
pub struct Args {
    #[command(subcommand)]
    command: UserCommand,
}

#[derive(clap::Subcommand)]
enum UserCommand {
    /// Add an account (the password is asked for, or read from standard input)
    Add {
        /// The account's name (what they sign in with)
        name: String,
        /// coordinator (reads and records) or viewer (reads only)
        #[arg(long, value_parser = parse_role)]
        role: Role,
        #[command(flatten)]
        store: StoreArg,
    },
    /// List the accounts
    List {
        #[command(flatten)]
        store: StoreArg,
    },
    /// Disable an account: it can no longer sign in, its sessions end, its feeds stop
    Disable {
        name: String,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Enable a disabled account again
    Enable {
        name: String,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Set a new password (asked for, or read from standard input); sessions end
    Password {
        name: String,
        #[command(flatten)]
        store: StoreArg,
    },
    /// List the calendar feeds (of one account, or of all)
    Feeds {
        name: Option<String>,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Revoke a calendar feed by its number (see `mentor user feeds`)
    RevokeFeed {
        id: i64,
        #[command(flatten)]
        store: StoreArg,
    },
    /// Show the audit log: sign-ins (good and bad), events recorded through the pages,
    /// feeds and account changes, newest last
    Audit {
        /// How many of the latest lines to show
        #[arg(long, default_value_t = 50)]
        last: i64,
        #[command(flatten)]
        store: StoreArg,
    },
}

fn parse_role(text: &str) -> Result<Role, String> {
    Role::parse(text).ok_or_else(|| {
        format!("`{text}` is not a role of the web pages; use `coordinator` or `viewer`")
    })
}

fn now() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// The password, from the terminal (asked twice) or the first line of standard input.
fn read_password(name: &str) -> Result<String, String> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password(format!("password for `{name}`: "))
            .map_err(|e| format!("cannot read the password: {e}"))?;
        let again = rpassword::prompt_password("the same password again: ")
            .map_err(|e| format!("cannot read the password: {e}"))?;
        if first != again {
            return Err("the two passwords differ; nothing was changed".to_string());
        }
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .map_err(|e| format!("cannot read the password from standard input: {e}"))?;
        line.trim_end_matches(['\r', '\n']).to_string()
    };
    if let Some(weak) = mentor_web::password::weakness(&password) {
        return Err(weak);
    }
    mentor_web::password::hash(&password)
}

fn account_problem(e: &AccountError) -> Outcome {
    match e {
        AccountError::Store(e) => fail(e),
        other => {
            files::trouble(&other.to_string());
            Outcome::Problems
        }
    }
}

fn audit(store: &mut Store, kind: &str, name: &str, detail: String) -> Result<(), Outcome> {
    let record = AuditRecord {
        seq: 0,
        at: now(),
        kind: kind.to_string(),
        account: name.to_string(),
        address: "command line".to_string(),
        detail,
    };
    store.audit(&record).map(|_| ()).map_err(|e| fail(&e))
}

pub fn run(args: &Args) -> Outcome {
    match run_command(&args.command) {
        Ok(o) | Err(o) => o,
    }
}

fn run_command(command: &UserCommand) -> Result<Outcome, Outcome> {
    match command {
        UserCommand::Add { name, role, store } => {
            let mut store = store.open()?;
            if !mentor_store::access::valid_account_name(name) {
                return Err(account_problem(&AccountError::BadName {
                    name: name.clone(),
                }));
            }
            if store.account(name).map_err(|e| fail(&e))?.is_some() {
                return Err(account_problem(&AccountError::Exists {
                    name: name.clone(),
                }));
            }
            let hash = read_password(name).map_err(|e| {
                files::trouble(&e);
                Outcome::Trouble
            })?;
            store
                .add_account(name, *role, &hash, &now())
                .map_err(|e| account_problem(&e))?;
            audit(
                &mut store,
                "account_added",
                name,
                format!("as {}", role.as_str()),
            )?;
            outln!("added account `{name}` ({})", role.as_str());
        }
        UserCommand::List { store } => {
            let mut store = store.open()?;
            let accounts = store.accounts().map_err(|e| fail(&e))?;
            if accounts.is_empty() {
                outln!("no accounts yet; add one with `mentor user add NAME --role coordinator`");
            }
            for a in accounts {
                let state = if a.disabled { "disabled" } else { "enabled" };
                outln!(
                    "{:<24} {:<12} {:<9} added {}",
                    a.name,
                    a.role.as_str(),
                    state,
                    a.created_at
                );
            }
        }
        UserCommand::Disable { name, store } | UserCommand::Enable { name, store } => {
            let disable = matches!(command, UserCommand::Disable { .. });
            let mut store = store.open()?;
            store
                .set_account_disabled(name, disable)
                .map_err(|e| account_problem(&e))?;
            let kind = if disable {
                "account_disabled"
            } else {
                "account_enabled"
            };
            audit(&mut store, kind, name, String::new())?;
            if disable {
                outln!(
                    "disabled account `{name}`: it cannot sign in, its sessions ended and its calendar feeds stopped"
                );
            } else {
                outln!("enabled account `{name}`");
            }
        }
        UserCommand::Password { name, store } => {
            let mut store = store.open()?;
            if store.account(name).map_err(|e| fail(&e))?.is_none() {
                return Err(account_problem(&AccountError::Unknown {
                    name: name.clone(),
                    suggestion: None,
                }));
            }
            let hash = read_password(name).map_err(|e| {
                files::trouble(&e);
                Outcome::Trouble
            })?;
            store
                .set_password_hash(name, &hash)
                .map_err(|e| account_problem(&e))?;
            audit(&mut store, "password_set", name, String::new())?;
            outln!("set a new password for `{name}`; its sessions ended");
        }
        UserCommand::Feeds { name, store } => {
            let mut store = store.open()?;
            let feeds = store.feeds(name.as_deref()).map_err(|e| fail(&e))?;
            if feeds.is_empty() {
                outln!("no calendar feeds");
            }
            for f in feeds {
                let state = f
                    .revoked_at
                    .as_ref()
                    .map_or_else(|| "active".to_string(), |r| format!("revoked {r}"));
                outln!(
                    "{:>4}  {:<20} {:<30} made {}  {state}",
                    f.id,
                    f.account,
                    f.label,
                    f.created_at
                );
            }
        }
        UserCommand::RevokeFeed { id, store } => {
            let mut store = store.open()?;
            let revoked = store.revoke_feed(*id, None, &now()).map_err(|e| fail(&e))?;
            if !revoked {
                files::trouble(&format!(
                    "there is no active calendar feed {id}; see `mentor user feeds`"
                ));
                return Err(Outcome::Problems);
            }
            audit(&mut store, "feed_revoked", "", format!("feed {id}"))?;
            outln!("revoked calendar feed {id}: its address no longer answers");
        }
        UserCommand::Audit { last, store } => {
            let mut store = store.open()?;
            let mut lines = store.audit_log(*last).map_err(|e| fail(&e))?;
            lines.reverse();
            if lines.is_empty() {
                outln!("the audit log is empty");
            }
            for r in lines {
                let account = if r.account.is_empty() {
                    "-"
                } else {
                    &r.account
                };
                let line = format!(
                    "{:>6}  {}  {:<16} {:<16} {:<15} {}",
                    r.seq, r.at, r.kind, account, r.address, r.detail
                );
                outln!("{}", line.trim_end());
            }
        }
    }
    Ok(Outcome::Ok)
}
