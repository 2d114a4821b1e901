//! Versioned migrations: each is applied once, in order, inside one transaction, and noted
//! in `schema_migrations`. A store written by a newer mentor is refused, not damaged.

use crate::error::StoreError;
use crate::sql::{Conn, Mode, Tx};

struct Migration {
    version: i64,
    name: &'static str,
    sqlite: &'static str,
    postgres: &'static str,
}

const MIGRATIONS: &[Migration] = &[
    Migration {
        version: 1,
        name: "log",
        sqlite: include_str!("../sql/sqlite/0001_log.sql"),
        postgres: include_str!("../sql/postgres/0001_log.sql"),
    },
    Migration {
        version: 2,
        name: "access",
        sqlite: include_str!("../sql/sqlite/0002_access.sql"),
        postgres: include_str!("../sql/postgres/0002_access.sql"),
    },
];

/// The newest schema this version of mentor knows.
pub const LATEST: i64 = 2;

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
        tx.execute(
            "INSERT INTO schema_migrations (version, name, applied_at) VALUES (?1, ?2, ?3)",
            &[m.version.into(), m.name.into(), now.into()],
        )?;
    }
    tx.commit()
}
