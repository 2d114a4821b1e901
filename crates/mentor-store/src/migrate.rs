//! Versioned migrations: each is applied once, in order, inside one transaction, and noted
//! in `schema_migrations`. A store written by a newer mentor is refused, not damaged. A
//! migration is SQL, and sometimes code run after it (to convert what SQL cannot).

use crate::error::StoreError;
use crate::sql::{Conn, Mode, Param, Tx};

/// Code a migration runs after its SQL, in the same transaction.
type Convert = fn(&mut Tx<'_>) -> Result<(), StoreError>;

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
    /// Run after the SQL, in the same transaction.
    then: Option<Convert>,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "log",
        sqlite: include_str!("../sql/sqlite/0001_log.sql"),
        postgres: include_str!("../sql/postgres/0001_log.sql"),
        then: None,
    },
    Migration {
        version: 2,
        name: "access",
        sqlite: include_str!("../sql/sqlite/0002_access.sql"),
        postgres: include_str!("../sql/postgres/0002_access.sql"),
        then: None,
    },
    Migration {
        version: 3,
        name: "packed duties",
        sqlite: include_str!("../sql/sqlite/0003_packed_duties.sql"),
        postgres: include_str!("../sql/postgres/0003_packed_duties.sql"),
        then: Some(pack_duties),
    },
];

/// The newest schema this version of mentor knows.
pub const LATEST: i64 = 3;

const CREATE: &str = "CREATE TABLE IF NOT EXISTS schema_migrations (
    version    BIGINT PRIMARY KEY,
    name       TEXT   NOT NULL,
    applied_at TEXT   NOT NULL
)";

/// Whether the database already holds a store.
pub(crate) fn has_store(tx: &mut Tx<'_>) -> Result<bool, StoreError> {
    let sql = if tx.is_postgres() {
        "SELECT CASE WHEN to_regclass('schema_migrations') IS NULL THEN 0 ELSE 1 END::BIGINT"
    } else {
        "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"
    };
    Ok(tx.first(sql, &[], |r| r.req_int(0))?.unwrap_or(0) > 0)
}

/// The newest migration applied (0 for none).
fn applied(tx: &mut Tx<'_>) -> Result<i64, StoreError> {
    Ok(tx
        .first("SELECT max(version) FROM schema_migrations", &[], |r| {
            r.int(0)
        })?
        .flatten()
        .unwrap_or(0))
}

/// Applies every migration not yet applied. A store already up to date is only read.
pub(crate) fn migrate(conn: &mut Conn, now: &str) -> Result<(), StoreError> {
    let postgres = conn.is_postgres();
    {
        let mut tx = conn.begin(Mode::Read)?;
        if has_store(&mut tx)? {
            let version = applied(&mut tx)?;
            if version > LATEST {
                return Err(StoreError::NewerSchema {
                    found: version,
                    known: LATEST,
                });
            }
            if version == LATEST {
                return Ok(());
            }
        }
    }
    let mut tx = conn.begin(Mode::Write)?;
    tx.batch(CREATE)?;
    let applied = applied(&mut tx)?;
    if applied > LATEST {
        return Err(StoreError::NewerSchema {
            found: applied,
            known: LATEST,
        });
    }
    for m in MIGRATIONS.iter().filter(|m| m.version > applied) {
        tx.batch(if postgres { m.postgres } else { m.sqlite })?;
        if let Some(then) = m.then {
            then(&mut tx)?;
        }
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            &[m.version.into(), m.name.into(), now.into()],
        )?;
    }
    tx.commit()
}

/// How many kept duties are converted at a time.
const CHUNK: i64 = 5000;

/// One kept duty of the old table: its key and columns, and the duty as JSON.
struct OldDuty {
    case: String,
    n: i64,
    due: Option<String>,
    party: Option<String>,
    role: String,
    rule: String,
    item: String,
}

/// Migration 3: every kept duty packed into `duties_packed`, which then replaces `duties`.
/// The duties are an answer kept ready, not the log: a case whose kept duty cannot be read
/// is marked to be evaluated again instead of stopping the migration.
fn pack_duties(tx: &mut Tx<'_>) -> Result<(), StoreError> {
    // Every key comes after ("", -1): numbers start at 0.
    let mut after: (String, i64) = (String::new(), -1);
    loop {
        let chunk: Vec<OldDuty> = tx.collect(
            "SELECT case_id, n, due, party, role, rule, item FROM duties
             WHERE case_id > ?1 OR (case_id = ?1 AND n > ?2)
             ORDER BY case_id, n LIMIT ?3",
            &[after.0.as_str().into(), after.1.into(), CHUNK.into()],
            |r| {
                Ok(OldDuty {
                    case: r.req_text(0)?,
                    n: r.req_int(1)?,
                    due: r.text(2)?,
                    party: r.text(3)?,
                    role: r.req_text(4)?,
                    rule: r.req_text(5)?,
                    item: r.req_text(6)?,
                })
            },
        )?;
        let Some(last) = chunk.last() else {
            break;
        };
        after = (last.case.clone(), last.n);
        for old in &chunk {
            match serde_json::from_str::<mentor_agenda::Duty>(&old.item) {
                Ok(duty) => {
                    tx.execute(
                        "INSERT INTO duties_packed (case_id, n, due, due_day, party, role, rule, item)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                        &[
                            old.case.as_str().into(),
                            old.n.into(),
                            old.due.as_deref().into(),
                            Param::Int(duty.due.map(crate::packed::day_number)),
                            old.party.as_deref().into(),
                            old.role.as_str().into(),
                            old.rule.as_str().into(),
                            Param::Bytes(&crate::packed::pack(&duty)),
                        ],
                    )?;
                }
                Err(_) => {
                    tx.execute(
                        "UPDATE cases SET policy_version = NULL WHERE case_id = ?1",
                        &[old.case.as_str().into()],
                    )?;
                }
            }
        }
    }
    tx.batch(
        "DROP TABLE duties;
         ALTER TABLE duties_packed RENAME TO duties;
         CREATE INDEX duties_by_due ON duties (due_day);",
    )
}
