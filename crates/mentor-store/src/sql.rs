//! The two databases behind one small interface: statements with numbered parameters
//! (`?1`, written `$1` for PostgreSQL), rows of whole numbers and text, and transactions.
//!
//! Writers are serialised: SQLite's `BEGIN IMMEDIATE` takes the database's write lock (other
//! writers wait up to [`BUSY_WAIT`]); PostgreSQL takes a transaction-scoped advisory lock
//! for the store's schema. The hash chain needs exactly this: each entry is appended after
//! the one before it, by one writer at a time.

use crate::error::StoreError;
use std::time::Duration;

/// How long a writer waits for another writer to finish before giving up.
pub const BUSY_WAIT: Duration = Duration::from_secs(30);

/// An open connection to a store's database.
pub(crate) enum Conn {
    Sqlite(rusqlite::Connection),
    Postgres(Box<postgres::Client>),
}

/// A parameter of a statement.
#[derive(Debug, Clone, Copy)]
pub(crate) enum Param<'a> {
    Int(Option<i64>),
    Text(Option<&'a str>),
    Bytes(&'a [u8]),
}

impl<'a> From<i64> for Param<'a> {
    fn from(v: i64) -> Self {
        Param::Int(Some(v))
    }
}

impl<'a> From<&'a str> for Param<'a> {
    fn from(v: &'a str) -> Self {
        Param::Text(Some(v))
    }
}

impl<'a> From<&'a String> for Param<'a> {
    fn from(v: &'a String) -> Self {
        Param::Text(Some(v.as_str()))
    }
}

impl<'a> From<Option<&'a str>> for Param<'a> {
    fn from(v: Option<&'a str>) -> Self {
        Param::Text(v)
    }
}

impl<'a> From<Option<i64>> for Param<'a> {
    fn from(v: Option<i64>) -> Self {
        Param::Int(v)
    }
}

impl rusqlite::ToSql for Param<'_> {
    fn to_sql(&self) -> rusqlite::Result<rusqlite::types::ToSqlOutput<'_>> {
        use rusqlite::types::{ToSqlOutput, Value, ValueRef};
        Ok(match *self {
            Param::Int(Some(v)) => ToSqlOutput::Owned(Value::Integer(v)),
            Param::Text(Some(s)) => ToSqlOutput::Borrowed(ValueRef::Text(s.as_bytes())),
            Param::Bytes(b) => ToSqlOutput::Borrowed(ValueRef::Blob(b)),
            Param::Int(None) | Param::Text(None) => ToSqlOutput::Owned(Value::Null),
        })
    }
}

/// `?1` -> `$1`: the store's statements are written for SQLite and converted once here.
fn for_postgres(sql: &str) -> String {
    sql.replace('?', "$")
}

fn pg_params<'p>(params: &'p [Param<'p>]) -> Vec<Box<dyn postgres::types::ToSql + Sync + 'p>> {
    params
        .iter()
        .map(|p| -> Box<dyn postgres::types::ToSql + Sync + 'p> {
            match *p {
                Param::Int(v) => Box::new(v),
                Param::Text(v) => Box::new(v),
                Param::Bytes(b) => Box::new(b),
            }
        })
        .collect()
}

fn pg_refs<'a>(
    boxed: &'a [Box<dyn postgres::types::ToSql + Sync + 'a>],
) -> Vec<&'a (dyn postgres::types::ToSql + Sync)> {
    boxed.iter().map(|b| b.as_ref()).collect()
}

impl From<rusqlite::Error> for StoreError {
    fn from(e: rusqlite::Error) -> Self {
        if let rusqlite::Error::SqliteFailure(code, _) = &e
            && matches!(
                code.code,
                rusqlite::ErrorCode::DatabaseBusy | rusqlite::ErrorCode::DatabaseLocked
            )
        {
            return StoreError::Busy;
        }
        StoreError::Database(e.to_string())
    }
}

impl From<postgres::Error> for StoreError {
    fn from(e: postgres::Error) -> Self {
        // The server's own words (a trigger's refusal, say) are more useful than the
        // driver's summary.
        match e.as_db_error() {
            Some(db) if *db.code() == postgres::error::SqlState::LOCK_NOT_AVAILABLE => {
                StoreError::Busy
            }
            Some(db) => StoreError::Database(db.message().to_string()),
            None => StoreError::Database(e.to_string()),
        }
    }
}

/// Whether a transaction writes (and so waits for other writers) or only reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Mode {
    Read,
    Write,
}

impl Conn {
    pub fn open_sqlite(path: &std::path::Path, create: bool) -> Result<Conn, StoreError> {
        use rusqlite::OpenFlags;
        let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        if create {
            flags |= OpenFlags::SQLITE_OPEN_CREATE;
        }
        let conn = rusqlite::Connection::open_with_flags(path, flags)?;
        conn.busy_timeout(BUSY_WAIT)?;
        // WAL lets readers go on while one writer appends; FULL makes each commit durable.
        // Sorting and temporary tables stay in memory: no case data in temporary files.
        // Reads go through a memory map and a 64 MB page cache.
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             PRAGMA foreign_keys = ON;
             PRAGMA temp_store = MEMORY;
             PRAGMA cache_size = -65536;
             PRAGMA mmap_size = 1073741824;",
        )?;
        Ok(Conn::Sqlite(conn))
    }

    pub fn open_postgres(url: &str) -> Result<Conn, StoreError> {
        let client = postgres::Client::connect(url, postgres::NoTls)?;
        Ok(Conn::Postgres(Box::new(client)))
    }

    pub fn is_postgres(&self) -> bool {
        matches!(self, Conn::Postgres(_))
    }

    /// Starts a transaction; a writing one waits until no other writer holds the store.
    pub fn begin(&mut self, mode: Mode) -> Result<Tx<'_>, StoreError> {
        match self {
            Conn::Sqlite(conn) => {
                let behavior = match mode {
                    Mode::Read => rusqlite::TransactionBehavior::Deferred,
                    Mode::Write => rusqlite::TransactionBehavior::Immediate,
                };
                Ok(Tx::Sqlite(conn.transaction_with_behavior(behavior)?))
            }
            Conn::Postgres(client) => {
                let mut tx = match mode {
                    // One consistent view for everything a read does.
                    Mode::Read => client
                        .build_transaction()
                        .isolation_level(postgres::IsolationLevel::RepeatableRead)
                        .read_only(true)
                        .start()?,
                    Mode::Write => client.transaction()?,
                };
                if mode == Mode::Write {
                    // One writer per store (per schema) at a time; released at commit. A
                    // writer waits as long as SQLite's do, then gives up.
                    tx.batch_execute(&format!(
                        "SET LOCAL lock_timeout = '{}s'",
                        BUSY_WAIT.as_secs()
                    ))?;
                    tx.execute(
                        "SELECT pg_advisory_xact_lock(7256, hashtext(current_schema()))",
                        &[],
                    )?;
                }
                Ok(Tx::Postgres(tx))
            }
        }
    }

    /// The SQLite connection, for its online backup.
    pub fn sqlite(&self) -> Option<&rusqlite::Connection> {
        match self {
            Conn::Sqlite(c) => Some(c),
            Conn::Postgres(_) => None,
        }
    }
}

/// An open transaction. Dropped without [`Tx::commit`], it rolls back: nothing is written.
pub(crate) enum Tx<'c> {
    Sqlite(rusqlite::Transaction<'c>),
    Postgres(postgres::Transaction<'c>),
}

fn unreadable(e: rusqlite::types::FromSqlError) -> StoreError {
    StoreError::Database(e.to_string())
}

/// One row of a result.
pub(crate) enum Row<'r, 's> {
    Sqlite(&'r rusqlite::Row<'s>),
    Postgres(&'r postgres::Row),
}

impl Row<'_, '_> {
    pub fn int(&self, i: usize) -> Result<Option<i64>, StoreError> {
        Ok(match self {
            Row::Sqlite(r) => r.get(i)?,
            Row::Postgres(r) => r.try_get(i)?,
        })
    }

    pub fn text(&self, i: usize) -> Result<Option<String>, StoreError> {
        Ok(match self {
            Row::Sqlite(r) => r.get(i)?,
            Row::Postgres(r) => r.try_get(i)?,
        })
    }

    /// A text column that may not be null, without copying it.
    pub fn str_ref(&self, i: usize) -> Result<&str, StoreError> {
        Ok(match self {
            Row::Sqlite(r) => r.get_ref(i)?.as_str().map_err(unreadable)?,
            Row::Postgres(r) => r.try_get(i)?,
        })
    }

    /// A column of bytes that may not be null, without copying it.
    pub fn bytes_ref(&self, i: usize) -> Result<&[u8], StoreError> {
        Ok(match self {
            Row::Sqlite(r) => r.get_ref(i)?.as_blob().map_err(unreadable)?,
            Row::Postgres(r) => r.try_get(i)?,
        })
    }

    /// A column that may not be null.
    pub fn req_int(&self, i: usize) -> Result<i64, StoreError> {
        self.int(i)?
            .ok_or_else(|| StoreError::Database(format!("column {i} is unexpectedly empty")))
    }

    /// A column that may not be null.
    pub fn req_text(&self, i: usize) -> Result<String, StoreError> {
        self.text(i)?
            .ok_or_else(|| StoreError::Database(format!("column {i} is unexpectedly empty")))
    }
}

impl Tx<'_> {
    pub fn is_postgres(&self) -> bool {
        matches!(self, Tx::Postgres(_))
    }

    /// Runs a statement; the number of rows it changed.
    pub fn execute(&mut self, sql: &str, params: &[Param<'_>]) -> Result<u64, StoreError> {
        match self {
            Tx::Sqlite(tx) => {
                let mut stmt = tx.prepare_cached(sql)?;
                Ok(stmt.execute(rusqlite::params_from_iter(params.iter()))? as u64)
            }
            Tx::Postgres(tx) => {
                let boxed = pg_params(params);
                Ok(tx.execute(for_postgres(sql).as_str(), &pg_refs(&boxed))?)
            }
        }
    }

    /// Runs several statements without parameters.
    pub fn batch(&mut self, sql: &str) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => Ok(tx.execute_batch(sql)?),
            Tx::Postgres(tx) => Ok(tx.batch_execute(sql)?),
        }
    }

    /// Calls `each` for every row of a query, in order.
    pub fn rows(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        mut each: impl FnMut(&Row<'_, '_>) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => {
                let mut stmt = tx.prepare_cached(sql)?;
                let mut rows = stmt.query(rusqlite::params_from_iter(params.iter()))?;
                while let Some(row) = rows.next()? {
                    each(&Row::Sqlite(row))?;
                }
                Ok(())
            }
            Tx::Postgres(tx) => {
                let boxed = pg_params(params);
                let refs = pg_refs(&boxed);
                let stmt = tx.prepare(for_postgres(sql).as_str())?;
                let mut rows = tx.query_raw(&stmt, refs)?;
                use postgres::fallible_iterator::FallibleIterator;
                while let Some(row) = rows.next()? {
                    each(&Row::Postgres(&row))?;
                }
                Ok(())
            }
        }
    }

    /// The rows of a query, each read by `read`.
    pub fn collect<T>(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        mut read: impl FnMut(&Row<'_, '_>) -> Result<T, StoreError>,
    ) -> Result<Vec<T>, StoreError> {
        let mut out = Vec::new();
        self.rows(sql, params, |row| {
            out.push(read(row)?);
            Ok(())
        })?;
        Ok(out)
    }

    /// The first row of a query, read by `read`, if there is one.
    pub fn first<T>(
        &mut self,
        sql: &str,
        params: &[Param<'_>],
        read: impl FnMut(&Row<'_, '_>) -> Result<T, StoreError>,
    ) -> Result<Option<T>, StoreError> {
        Ok(self.collect(sql, params, read)?.into_iter().next())
    }

    pub fn commit(self) -> Result<(), StoreError> {
        match self {
            Tx::Sqlite(tx) => Ok(tx.commit()?),
            Tx::Postgres(tx) => Ok(tx.commit()?),
        }
    }
}
