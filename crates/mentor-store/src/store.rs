//! The store: opening and creating it, its policy, and reading cases from it.

use crate::answers::{self, Answer};
use crate::document::{Folded, Rejected};
use crate::entry::{Author, Entry, Kind, sha256};
use crate::error::StoreError;
use crate::location::Location;
use crate::log;
use crate::migrate;
use crate::sql::{Conn, Mode, Tx};
use chrono::NaiveDate;
use mentor_check::{Analysis, Model};
use mentor_eval::Case;
use std::sync::Arc;

/// A version of the programme's policy, checked.
pub struct Policy {
    pub version: i64,
    pub text: String,
    pub sha256: String,
    analysis: Analysis,
}

impl Policy {
    pub(crate) fn new(version: i64, text: String) -> Policy {
        let analysis = mentor_check::analyze(&text);
        Policy {
            version,
            sha256: sha256(&text),
            text,
            analysis,
        }
    }

    pub fn model(&self) -> &Model {
        &self.analysis.checked.model
    }

    pub fn analysis(&self) -> &Analysis {
        &self.analysis
    }

    pub fn has_errors(&self) -> bool {
        self.analysis.has_errors()
    }

    /// Loads a case file written from the log under this policy.
    pub(crate) fn load(
        &self,
        id: &str,
        text: &str,
    ) -> Result<Case, Vec<mentor_diagnostics::Diagnostic>> {
        mentor_eval::load::load_json(self.model(), text, id)
    }

    /// The answer for a case on a day.
    pub(crate) fn answer(&self, case: &Case, day: NaiveDate) -> Answer {
        answers::compute(self.model(), case, &self.text, day)
    }
}

impl std::fmt::Debug for Policy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Policy")
            .field("version", &self.version)
            .field("sha256", &self.sha256)
            .finish_non_exhaustive()
    }
}

/// A case read from the store, as it stands.
#[derive(Debug, Clone)]
pub struct StoredCase {
    pub id: String,
    /// The case as a case file (one participant or event per line).
    pub document: String,
    pub case: Case,
    /// The policy it was loaded under.
    pub policy: Arc<Policy>,
    /// Its latest entry (for optimistic concurrency: see [`crate::Correction::expected_last`]).
    pub last_entry: i64,
}

/// A case's entry in its history, with the correction that voided or replaced it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct HistoryItem {
    #[serde(flatten)]
    pub entry: Entry,
    pub corrected_by: Option<i64>,
}

/// A problem with a case: with the store, or with what the case says.
#[derive(Debug, Clone, PartialEq)]
pub enum CaseError {
    Store(StoreError),
    /// The case (with the change asked for) does not load under the policy.
    Invalid(Rejected),
}

impl From<StoreError> for CaseError {
    fn from(e: StoreError) -> Self {
        CaseError::Store(e)
    }
}

impl std::fmt::Display for CaseError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            CaseError::Store(e) => e.fmt(f),
            CaseError::Invalid(r) => write!(
                f,
                "case `{}` does not load under the policy ({} problems)",
                r.case,
                r.problems.len()
            ),
        }
    }
}

impl std::error::Error for CaseError {}

/// A programme's case store.
///
/// Every method runs in one transaction. The API is synchronous: from async code (a web
/// server on tokio), call it inside `tokio::task::spawn_blocking`, with one `Store` per
/// task or behind a mutex. Several processes may use the same store at once.
pub struct Store {
    pub(crate) conn: Conn,
    location: Location,
    pub(crate) policy: Option<Arc<Policy>>,
}

impl std::fmt::Debug for Store {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Store")
            .field("location", &self.location)
            .finish_non_exhaustive()
    }
}

fn connect(location: &Location, create: bool) -> Result<Conn, StoreError> {
    let cannot = |reason: String| StoreError::CannotOpen {
        place: location.describe(),
        reason,
    };
    match location {
        Location::Sqlite(path) => {
            if !create && !path.is_file() {
                return Err(StoreError::NotFound {
                    searched: location.describe(),
                });
            }
            Conn::open_sqlite(path, create).map_err(|e| cannot(e.to_string()))
        }
        Location::Postgres(url) => Conn::open_postgres(url).map_err(|e| match e {
            StoreError::Database(reason) => cannot(reason),
            other => other,
        }),
    }
}

impl Store {
    /// Creates a store with its first policy. `policy_text` must have no errors.
    pub fn create(
        location: &Location,
        policy_text: &str,
        author: &Author,
    ) -> Result<Store, StoreError> {
        let policy = Policy::new(1, policy_text.to_string());
        if policy.has_errors() {
            return Err(StoreError::PolicyHasErrors { version: 1 });
        }
        if let Location::Sqlite(path) = location {
            if path.exists() {
                return Err(StoreError::AlreadyExists {
                    place: location.describe(),
                });
            }
            if let Some(dir) = path.parent()
                && !dir.as_os_str().is_empty()
            {
                std::fs::create_dir_all(dir).map_err(|e| StoreError::Io {
                    place: dir.display().to_string(),
                    reason: e.to_string(),
                })?;
            }
        }
        let mut conn = connect(location, true)?;
        {
            let mut tx = conn.begin(Mode::Read)?;
            if migrate::has_store(&mut tx)? {
                return Err(StoreError::AlreadyExists {
                    place: location.describe(),
                });
            }
        }
        migrate::migrate(&mut conn, &author.at)?;
        let mut store = Store {
            conn,
            location: location.clone(),
            policy: None,
        };
        {
            let mut tx = store.conn.begin(Mode::Write)?;
            if log::current_version(&mut tx)? > 0 {
                return Err(StoreError::AlreadyExists {
                    place: location.describe(),
                });
            }
            let mut head = log::head(&mut tx)?;
            crate::policy_change::append_policy(&mut tx, &mut head, &policy, None, None, author)?;
            tx.commit()?;
        }
        store.policy = Some(Arc::new(policy));
        Ok(store)
    }

    /// Opens an existing store, applying any migrations it lacks.
    pub fn open(location: &Location) -> Result<Store, StoreError> {
        let mut conn = connect(location, false)?;
        {
            let mut tx = conn.begin(Mode::Read)?;
            if !migrate::has_store(&mut tx)? {
                return Err(StoreError::NotAStore {
                    place: location.describe(),
                });
            }
        }
        let now = chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
        migrate::migrate(&mut conn, &now)?;
        Ok(Store {
            conn,
            location: location.clone(),
            policy: None,
        })
    }

    pub fn location(&self) -> &Location {
        &self.location
    }

    /// The current policy (cached while its version stays current).
    pub fn policy(&mut self) -> Result<Arc<Policy>, StoreError> {
        let mut tx = self.conn.begin(Mode::Read)?;
        let policy = current_policy(&mut tx, &mut self.policy)?;
        tx.commit()?;
        Ok(policy)
    }

    /// A version of the policy, current or earlier.
    pub fn policy_version(&mut self, version: i64) -> Result<Arc<Policy>, StoreError> {
        if let Some(p) = self.policy.as_ref().filter(|p| p.version == version) {
            return Ok(p.clone());
        }
        let mut tx = self.conn.begin(Mode::Read)?;
        let text = tx
            .first(
                "SELECT text FROM policies WHERE version = ?1",
                &[version.into()],
                |r| r.req_text(0),
            )?
            .ok_or(StoreError::UnknownPolicyVersion { version })?;
        tx.commit()?;
        Ok(Arc::new(Policy::new(version, text)))
    }

    /// Every policy version: its number and the log entry that set it.
    pub fn policy_entries(&mut self) -> Result<Vec<Entry>, StoreError> {
        let mut tx = self.conn.begin(Mode::Read)?;
        let entries = tx.collect(
            &format!(
                "SELECT {} FROM entries WHERE kind = 'policy' ORDER BY seq",
                log::ENTRY_COLUMNS
            ),
            &[],
            log::read_entry,
        )?;
        tx.commit()?;
        Ok(entries)
    }

    /// The ids of the cases in the store (withdrawn ones left out), in order.
    pub fn case_ids(&mut self) -> Result<Vec<String>, StoreError> {
        let mut tx = self.conn.begin(Mode::Read)?;
        let ids = tx.collect(
            "SELECT case_id FROM cases WHERE withdrawn = 0 ORDER BY case_id",
            &[],
            |r| r.req_text(0),
        )?;
        tx.commit()?;
        Ok(ids)
    }

    /// A case as it stands, loaded under the current policy or under `version`.
    pub fn case(&mut self, id: &str, version: Option<i64>) -> Result<StoredCase, CaseError> {
        let policy = match version {
            Some(v) => self.policy_version(v)?,
            None => self.policy()?,
        };
        let mut tx = self.conn.begin(Mode::Read)?;
        let folded = fold_case(&mut tx, id)?;
        tx.commit()?;
        let doc = folded.document();
        match policy.load(id, &doc.text) {
            Ok(case) => Ok(StoredCase {
                id: id.to_string(),
                document: doc.text,
                case,
                policy,
                last_entry: folded.last,
            }),
            Err(diags) => Err(CaseError::Invalid(doc.rejected(id, diags))),
        }
    }

    /// A case's log, corrections included, each entry with the one that corrected it.
    pub fn history(&mut self, id: &str) -> Result<Vec<HistoryItem>, StoreError> {
        let mut tx = self.conn.begin(Mode::Read)?;
        let entries = log::case_entries(&mut tx, id)?;
        if entries.is_empty() {
            return Err(unknown_case(&mut tx, id)?);
        }
        tx.commit()?;
        let items = entries
            .iter()
            .map(|e| HistoryItem {
                entry: e.clone(),
                corrected_by: entries
                    .iter()
                    .find(|c| c.corrects == Some(e.seq))
                    .map(|c| c.seq),
            })
            .collect();
        Ok(items)
    }

    /// Calls `each` with every case (withdrawn ones left out) as a case file, in order of
    /// case id: the id and the case file's participants and events, as the log keeps them.
    pub fn for_each_case(
        &mut self,
        mut each: impl FnMut(&str, &[String], &[String]) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let mut tx = self.conn.begin(Mode::Read)?;
        let mut current: Option<Folded> = None;
        let mut emit = |folded: Folded| -> Result<(), StoreError> {
            if folded.withdrawn || folded.opened == 0 {
                return Ok(());
            }
            let participants: Vec<String> =
                folded.participants().map(|i| i.payload.clone()).collect();
            let events: Vec<String> = folded.events().map(|i| i.payload.clone()).collect();
            each(&folded.id, &participants, &events)
        };
        tx.rows(
            &format!(
                "SELECT {} FROM entries WHERE case_id IS NOT NULL ORDER BY case_id, seq",
                log::ENTRY_COLUMNS
            ),
            &[],
            |row| {
                let entry = log::read_entry(row)?;
                let id = entry.case.clone().unwrap_or_default();
                if current.as_ref().is_some_and(|f| f.id != id)
                    && let Some(done) = current.take()
                {
                    emit(done)?;
                }
                current
                    .get_or_insert_with(|| Folded {
                        id,
                        ..Folded::default()
                    })
                    .apply(&entry);
                Ok(())
            },
        )?;
        if let Some(done) = current.take() {
            emit(done)?;
        }
        tx.commit()
    }

    /// Copies an SQLite store, while it is in use, to `to` (SQLite's online backup).
    pub fn backup(&mut self, to: &std::path::Path) -> Result<(), StoreError> {
        let Some(conn) = self.conn.sqlite() else {
            return Err(StoreError::Unsupported(
                "backups of a PostgreSQL store are made with PostgreSQL's own tools (`pg_dump`)"
                    .to_string(),
            ));
        };
        if to.exists() {
            return Err(StoreError::AlreadyExists {
                place: to.display().to_string(),
            });
        }
        conn.backup(rusqlite::MAIN_DB, to, None)
            .map_err(|e| StoreError::Io {
                place: to.display().to_string(),
                reason: e.to_string(),
            })
    }
}

/// The current policy, from the cache when its version is still the latest.
pub(crate) fn current_policy(
    tx: &mut Tx<'_>,
    cache: &mut Option<Arc<Policy>>,
) -> Result<Arc<Policy>, StoreError> {
    let version = log::current_version(tx)?;
    if let Some(p) = cache.as_ref().filter(|p| p.version == version) {
        return Ok(p.clone());
    }
    let (version, text, _) =
        log::current_policy(tx)?.ok_or(StoreError::UnknownPolicyVersion { version: 1 })?;
    let policy = Arc::new(Policy::new(version, text));
    *cache = Some(policy.clone());
    Ok(policy)
}

/// A case's log, folded; an error naming a close id when there is no such case.
pub(crate) fn fold_case(tx: &mut Tx<'_>, id: &str) -> Result<Folded, StoreError> {
    let entries = log::case_entries(tx, id)?;
    if entries.is_empty() || !entries.iter().any(|e| e.kind == Kind::Case) {
        return Err(unknown_case(tx, id)?);
    }
    let folded = Folded::new(id, &entries);
    if folded.withdrawn {
        return Err(StoreError::UnknownCase {
            case: id.to_string(),
            suggestion: None,
        });
    }
    Ok(folded)
}

pub(crate) fn unknown_case(tx: &mut Tx<'_>, id: &str) -> Result<StoreError, StoreError> {
    let ids = tx.collect("SELECT case_id FROM cases WHERE withdrawn = 0", &[], |r| {
        r.req_text(0)
    })?;
    let suggestion =
        mentor_diagnostics::did_you_mean(id, ids.iter().map(String::as_str)).map(str::to_string);
    Ok(StoreError::UnknownCase {
        case: id.to_string(),
        suggestion,
    })
}
