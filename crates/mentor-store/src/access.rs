//! Who may use the programme's web pages: accounts with a role and a password hash,
//! their sessions and calendar feeds, and the audit log of sign-ins and of what was recorded
//! through the pages.
//!
//! The store keeps what it is given: password hashes are made by the web front end
//! (Argon2id), and of a session's or a feed's secret token only its SHA-256 is kept, so a
//! copy of the database does not let anyone sign in or read a feed. The audit log is
//! append-only, as the case log is (the database refuses updates and deletes).

use crate::error::StoreError;
use crate::sql::{Mode, Param, Row};
use crate::store::Store;
use serde::Serialize;

/// What an account may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// Reads everything and records events.
    Coordinator,
    /// Reads everything, records nothing.
    Viewer,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Coordinator => "coordinator",
            Role::Viewer => "viewer",
        }
    }

    pub fn parse(text: &str) -> Option<Role> {
        match text.trim().to_ascii_lowercase().as_str() {
            "coordinator" => Some(Role::Coordinator),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }

    /// Whether the role may record events and change what the store holds.
    pub fn may_record(self) -> bool {
        self == Role::Coordinator
    }
}

/// An account of the web pages.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Account {
    pub name: String,
    pub role: Role,
    #[serde(skip)]
    pub password_hash: String,
    pub disabled: bool,
    pub created_at: String,
}

/// A signed-in session, as found from its token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub account: String,
    pub role: Role,
    /// The token every form of the session must carry back.
    pub csrf: String,
    pub expires_at: String,
}

/// A calendar feed: an account's agenda, with the filters it was made with, at a secret URL.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Feed {
    pub id: i64,
    pub account: String,
    pub label: String,
    /// The agenda's filters, as JSON (the web front end's to read).
    pub query: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    /// Its place in the audit log (0 for a record not yet written).
    pub seq: i64,
    /// In UTC, RFC 3339.
    pub at: String,
    /// `login`, `login_failed`, `login_refused`, `logout`, `recorded`, `feed_created`,
    /// `feed_revoked`, `account_added`, `account_disabled`, `account_enabled`.
    pub kind: String,
    /// The account (for a failed sign-in, the name that was given).
    pub account: String,
    /// Where the request came from (`127.0.0.1`, or `command line`).
    pub address: String,
    pub detail: String,
}

/// Why an account could not be added or changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AccountError {
    Store(StoreError),
    /// There already is an account of that name.
    Exists {
        name: String,
    },
    /// There is no account of that name.
    Unknown {
        name: String,
        suggestion: Option<String>,
    },
    /// A name that cannot be an account's.
    BadName {
        name: String,
    },
}

impl From<StoreError> for AccountError {
    fn from(e: StoreError) -> Self {
        AccountError::Store(e)
    }
}

impl std::fmt::Display for AccountError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            AccountError::Store(e) => e.fmt(f),
            AccountError::Exists { name } => write!(
                f,
                "there already is an account `{name}`; choose another name, or set its password with `mentor user password {name}`"
            ),
            AccountError::Unknown { name, suggestion } => {
                write!(f, "there is no account `{name}`")?;
                match suggestion {
                    Some(s) => write!(f, "{}", mentor_diagnostics::Suggestion::of(Some(s))),
                    None => write!(f, "; see `mentor user list`"),
                }
            }
            AccountError::BadName { name } => write!(
                f,
                "`{name}` cannot be an account name; use letters, digits, `.`, `_`, `-` or `@` (at most 64)"
            ),
        }
    }
}

impl std::error::Error for AccountError {}

/// Whether a name may be an account's: 1 to 64 letters, digits, `.`, `_`, `-` or `@`.
pub fn valid_account_name(name: &str) -> bool {
    !name.is_empty()
        && name.chars().count() <= 64
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
}

fn read_account(r: &Row<'_, '_>) -> Result<Account, StoreError> {
    let role = r.req_text(1)?;
    Ok(Account {
        name: r.req_text(0)?,
        role: Role::parse(&role)
            .ok_or_else(|| StoreError::Database(format!("unknown role `{role}`")))?,
        password_hash: r.req_text(2)?,
        disabled: r.req_int(3)? != 0,
        created_at: r.req_text(4)?,
    })
}

fn read_feed(r: &Row<'_, '_>) -> Result<Feed, StoreError> {
    Ok(Feed {
        id: r.req_int(0)?,
        account: r.req_text(1)?,
        label: r.req_text(2)?,
        query: r.req_text(3)?,
        created_at: r.req_text(4)?,
        revoked_at: r.text(5)?,
    })
}

const ACCOUNT_COLUMNS: &str = "name, role, password_hash, disabled, created_at";
const FEED_COLUMNS: &str = "id, account, label, query, created_at, revoked_at";

impl Store {
    /// Adds an account. `password_hash` is the PHC string of an Argon2 hash.
    pub fn add_account(
        &mut self,
        name: &str,
        role: Role,
        password_hash: &str,
        at: &str,
    ) -> Result<Account, AccountError> {
        if !valid_account_name(name) {
            return Err(AccountError::BadName {
                name: name.to_string(),
            });
        }
        let mut tx = self.conn.begin(Mode::Write)?;
        let exists = tx
            .first(
                "SELECT name FROM accounts WHERE name = ?1",
                &[name.into()],
                |r| r.req_text(0),
            )?
            .is_some();
        if exists {
            return Err(AccountError::Exists {
                name: name.to_string(),
            });
        }
        tx.execute(
            "INSERT INTO accounts (name, role, password_hash, disabled, created_at) VALUES (?1, ?2, ?3, 0, ?4)",
            &[name.into(), role.as_str().into(), password_hash.into(), at.into()],
        )?;
        tx.commit()?;
        Ok(Account {
            name: name.to_string(),
            role,
            password_hash: password_hash.to_string(),
            disabled: false,
            created_at: at.to_string(),
        })
    }

    /// An account by name, disabled or not.
    pub fn account(&mut self, name: &str) -> Result<Option<Account>, StoreError> {
        let mut tx = self.conn.begin(Mode::Read)?;
        let account = tx.first(
            &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE name = ?1"),
            &[name.into()],
            read_account,
        )?;
        tx.commit()?;
        Ok(account)
    }

    /// Every account, by name.
    pub fn accounts(&mut self) -> Result<Vec<Account>, StoreError> {
        let mut tx = self.conn.begin(Mode::Read)?;
        let accounts = tx.collect(
            &format!("SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY name"),
            &[],
            read_account,
        )?;
        tx.commit()?;
        Ok(accounts)
    }

    fn unknown_account(&mut self, name: &str) -> AccountError {
        let names: Vec<String> = self
            .accounts()
            .map(|a| a.into_iter().map(|a| a.name).collect())
            .unwrap_or_default();
        AccountError::Unknown {
            name: name.to_string(),
            suggestion: mentor_diagnostics::did_you_mean(name, names.iter().map(String::as_str))
                .map(str::to_string),
        }
    }

    /// Disables an account (its sessions end and its feeds stop answering) or enables it
    /// again.
    pub fn set_account_disabled(&mut self, name: &str, disabled: bool) -> Result<(), AccountError> {
        let mut tx = self.conn.begin(Mode::Write)?;
        let changed = tx.execute(
            "UPDATE accounts SET disabled = ?2 WHERE name = ?1",
            &[name.into(), i64::from(disabled).into()],
        )?;
        if changed == 0 {
            drop(tx);
            return Err(self.unknown_account(name));
        }
        if disabled {
            tx.execute("DELETE FROM sessions WHERE account = ?1", &[name.into()])?;
        }
        tx.commit()?;
        Ok(())
    }

    /// Sets a new password hash for an account; its sessions end.
    pub fn set_password_hash(
        &mut self,
        name: &str,
        password_hash: &str,
    ) -> Result<(), AccountError> {
        let mut tx = self.conn.begin(Mode::Write)?;
        let changed = tx.execute(
            "UPDATE accounts SET password_hash = ?2 WHERE name = ?1",
            &[name.into(), password_hash.into()],
        )?;
        if changed == 0 {
            drop(tx);
            return Err(self.unknown_account(name));
        }
        tx.execute("DELETE FROM sessions WHERE account = ?1", &[name.into()])?;
        tx.commit()?;
        Ok(())
    }

    /// Starts a session for an account, known by the SHA-256 of its token.
    pub fn start_session(
        &mut self,
        token_sha256: &str,
        account: &str,
        csrf: &str,
        created_at: &str,
        expires_at: &str,
    ) -> Result<(), StoreError> {
        let mut tx = self.conn.begin(Mode::Write)?;
        // Sessions past their time are removed as new ones start.
        tx.execute(
            "DELETE FROM sessions WHERE expires_at <= ?1",
            &[created_at.into()],
        )?;
        tx.execute(
            "INSERT INTO sessions (token_sha256, account, csrf, created_at, expires_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            &[
                token_sha256.into(),
                account.into(),
                csrf.into(),
                created_at.into(),
                expires_at.into(),
            ],
        )?;
        tx.commit()
    }

    /// The session of a token, while it lasts and its account is enabled.
    pub fn session(
        &mut self,
        token_sha256: &str,
        now: &str,
    ) -> Result<Option<Session>, StoreError> {
        let mut tx = self.conn.begin(Mode::Read)?;
        let session = tx.first(
            "SELECT s.account, a.role, s.csrf, s.expires_at FROM sessions s
             JOIN accounts a ON a.name = s.account
             WHERE s.token_sha256 = ?1 AND s.expires_at > ?2 AND a.disabled = 0",
            &[token_sha256.into(), now.into()],
            |r| {
                let role = r.req_text(1)?;
                Ok(Session {
                    account: r.req_text(0)?,
                    role: Role::parse(&role)
                        .ok_or_else(|| StoreError::Database(format!("unknown role `{role}`")))?,
                    csrf: r.req_text(2)?,
                    expires_at: r.req_text(3)?,
                })
            },
        )?;
        tx.commit()?;
        Ok(session)
    }

    /// Ends a session (signing out).
    pub fn end_session(&mut self, token_sha256: &str) -> Result<(), StoreError> {
        let mut tx = self.conn.begin(Mode::Write)?;
        tx.execute(
            "DELETE FROM sessions WHERE token_sha256 = ?1",
            &[token_sha256.into()],
        )?;
        tx.commit()
    }

    /// Adds a calendar feed for an account, known by the SHA-256 of its token.
    pub fn add_feed(
        &mut self,
        token_sha256: &str,
        account: &str,
        label: &str,
        query: &str,
        at: &str,
    ) -> Result<Feed, StoreError> {
        let mut tx = self.conn.begin(Mode::Write)?;
        tx.execute(
            "INSERT INTO feeds (token_sha256, account, label, query, created_at) VALUES (?1, ?2, ?3, ?4, ?5)",
            &[token_sha256.into(), account.into(), label.into(), query.into(), at.into()],
        )?;
        let feed = tx
            .first(
                &format!("SELECT {FEED_COLUMNS} FROM feeds WHERE token_sha256 = ?1"),
                &[token_sha256.into()],
                read_feed,
            )?
            .ok_or_else(|| StoreError::Database("the new feed went missing".to_string()))?;
        tx.commit()?;
        Ok(feed)
    }

    /// The feed of a token, unless it was revoked or its account is disabled.
    pub fn feed(&mut self, token_sha256: &str) -> Result<Option<Feed>, StoreError> {
        let mut tx = self.conn.begin(Mode::Read)?;
        let feed = tx.first(
            "SELECT f.id, f.account, f.label, f.query, f.created_at, f.revoked_at FROM feeds f
             JOIN accounts a ON a.name = f.account
             WHERE f.token_sha256 = ?1 AND f.revoked_at IS NULL AND a.disabled = 0",
            &[token_sha256.into()],
            read_feed,
        )?;
        tx.commit()?;
        Ok(feed)
    }

    /// The feeds of one account, or of all, revoked ones included, oldest first.
    pub fn feeds(&mut self, account: Option<&str>) -> Result<Vec<Feed>, StoreError> {
        let mut tx = self.conn.begin(Mode::Read)?;
        let feeds = tx.collect(
            &format!(
                "SELECT {FEED_COLUMNS} FROM feeds WHERE CAST(?1 AS TEXT) IS NULL OR account = ?1 ORDER BY id"
            ),
            &[Param::Text(account)],
            read_feed,
        )?;
        tx.commit()?;
        Ok(feeds)
    }

    /// Revokes a feed: its URL stops answering. With `account`, only that account's feed.
    /// Whether a feed was revoked (false when there is none such, or it already was).
    pub fn revoke_feed(
        &mut self,
        id: i64,
        account: Option<&str>,
        at: &str,
    ) -> Result<bool, StoreError> {
        let mut tx = self.conn.begin(Mode::Write)?;
        let changed = tx.execute(
            "UPDATE feeds SET revoked_at = ?3
             WHERE id = ?1 AND (CAST(?2 AS TEXT) IS NULL OR account = ?2) AND revoked_at IS NULL",
            &[id.into(), Param::Text(account), at.into()],
        )?;
        tx.commit()?;
        Ok(changed > 0)
    }

    /// Adds a line to the audit log; its number.
    pub fn audit(&mut self, record: &AuditRecord) -> Result<i64, StoreError> {
        let mut tx = self.conn.begin(Mode::Write)?;
        tx.execute(
            "INSERT INTO audit (at, kind, account, address, detail) VALUES (?1, ?2, ?3, ?4, ?5)",
            &[
                record.at.as_str().into(),
                record.kind.as_str().into(),
                record.account.as_str().into(),
                record.address.as_str().into(),
                record.detail.as_str().into(),
            ],
        )?;
        let seq = tx
            .first("SELECT max(seq) FROM audit", &[], |r| r.req_int(0))?
            .unwrap_or(0);
        tx.commit()?;
        Ok(seq)
    }

    /// The last `limit` lines of the audit log, newest first.
    pub fn audit_log(&mut self, limit: i64) -> Result<Vec<AuditRecord>, StoreError> {
        let mut tx = self.conn.begin(Mode::Read)?;
        let records = tx.collect(
            "SELECT seq, at, kind, account, address, detail FROM audit ORDER BY seq DESC LIMIT ?1",
            &[limit.into()],
            |r| {
                Ok(AuditRecord {
                    seq: r.req_int(0)?,
                    at: r.req_text(1)?,
                    kind: r.req_text(2)?,
                    account: r.req_text(3)?,
                    address: r.req_text(4)?,
                    detail: r.req_text(5)?,
                })
            },
        )?;
        tx.commit()?;
        Ok(records)
    }

    /// The number of the log's last entry (0 when empty): it changes whenever anything is
    /// recorded, by any process, so a front end can tell when what it shows is stale.
    pub fn last_entry(&mut self) -> Result<i64, StoreError> {
        let mut tx = self.conn.begin(Mode::Read)?;
        let seq = tx
            .first("SELECT max(seq) FROM entries", &[], |r| r.int(0))?
            .flatten()
            .unwrap_or(0);
        tx.commit()?;
        Ok(seq)
    }
}
