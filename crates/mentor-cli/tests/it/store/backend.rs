//! A fresh store for a test, on each backend: SQLite in a temporary programme folder, and
//! PostgreSQL in a schema of its own in the database `MENTOR_TEST_POSTGRES` names (`.ci/run`
//! starts one). With `CI=true` and no PostgreSQL, the store tests fail rather than skip.

use crate::support::workspace;
use std::path::Path;
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};

pub const POSTGRES_VAR: &str = "MENTOR_TEST_POSTGRES";

/// What a run of `mentor` printed and how it ended.
pub struct Run {
    pub stdout: String,
    pub stderr: String,
    pub code: i32,
}

impl Run {
    pub fn both(&self) -> String {
        format!("{}--- stderr\n{}", self.stdout, self.stderr)
    }
}

/// A store for one test.
pub struct TestStore {
    /// `sqlite` or `postgres`.
    pub backend: &'static str,
    /// A programme folder the commands run in (for PostgreSQL, a folder without a store).
    pub dir: tempfile::TempDir,
    /// What `--store` is given (a PostgreSQL URL), or `None` for the folder's own store.
    pub url: Option<String>,
    schema: Option<String>,
}

impl TestStore {
    /// Runs `mentor ARGS` in the programme folder, with `--store` for PostgreSQL.
    pub fn mentor(&self, args: &[&str]) -> Run {
        self.mentor_in(self.dir.path(), args)
    }

    pub fn mentor_in(&self, dir: &Path, args: &[&str]) -> Run {
        let out = self.command(dir, args).output().unwrap();
        Run {
            stdout: String::from_utf8(out.stdout).unwrap(),
            stderr: String::from_utf8(out.stderr).unwrap(),
            code: out.status.code().unwrap_or(-1),
        }
    }

    /// The command, not yet started.
    pub fn command(&self, dir: &Path, args: &[&str]) -> Command {
        let mut c = Command::new(env!("CARGO_BIN_EXE_mentor"));
        c.args(args)
            .current_dir(dir)
            .env("NO_COLOR", "1")
            .env_remove("MENTOR_STORE")
            .env("USER", "tester");
        if let Some(url) = &self.url {
            c.env("MENTOR_STORE", url);
        }
        c
    }

    /// `mentor init` with a policy of the workspace (`policies/supportt.mentor`).
    pub fn init(&self, policy: &str) {
        let policy = workspace().join(policy);
        let policy = policy.to_str().unwrap();
        let run = match &self.url {
            Some(url) => self.mentor(&["init", "--store", url, "--policy", policy]),
            None => self.mentor(&["init", ".", "--policy", policy]),
        };
        assert_eq!(run.code, 0, "{}", run.both());
    }

    /// A file of the workspace, as an argument.
    pub fn file(rel: &str) -> String {
        workspace().join(rel).to_str().unwrap().to_string()
    }

    /// Runs SQL straight on the database, bypassing mentor; the error's text if refused.
    pub fn sql(&self, statement: &str) -> Result<(), String> {
        match (&self.url, &self.schema) {
            (Some(url), Some(_)) => {
                let mut client = postgres::Client::connect(url, postgres::NoTls).unwrap();
                client.batch_execute(statement).map_err(|e| {
                    e.as_db_error()
                        .map_or(e.to_string(), |d| d.message().to_string())
                })
            }
            _ => {
                let conn =
                    rusqlite::Connection::open(self.dir.path().join("mentor.sqlite")).unwrap();
                conn.execute_batch(statement).map_err(|e| e.to_string())
            }
        }
    }

    /// The number of entries in the log.
    pub fn entries(&self) -> i64 {
        let run = self.mentor(&["verify"]);
        assert_eq!(run.code, 0, "{}", run.both());
        run.stdout
            .split_whitespace()
            .skip_while(|w| *w != "intact:")
            .nth(1)
            .and_then(|n| n.parse().ok())
            .unwrap()
    }

    /// The SQL that drops the triggers guarding the log (to tamper with it in a test).
    pub fn drop_triggers(&self) -> &'static str {
        if self.url.is_some() {
            "DROP TRIGGER entries_append_only ON entries;"
        } else {
            "DROP TRIGGER entries_no_update; DROP TRIGGER entries_no_delete;"
        }
    }
}

impl Drop for TestStore {
    fn drop(&mut self) {
        if let (Some(schema), Ok(base)) = (&self.schema, std::env::var(POSTGRES_VAR))
            && let Ok(mut client) = postgres::Client::connect(&base, postgres::NoTls)
        {
            let _ = client.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A fresh store on every backend available: SQLite always, PostgreSQL when
/// `MENTOR_TEST_POSTGRES` is set (required when `CI=true`).
pub fn stores() -> Vec<TestStore> {
    let mut out = vec![TestStore {
        backend: "sqlite",
        dir: tempfile::tempdir().unwrap(),
        url: None,
        schema: None,
    }];
    match std::env::var(POSTGRES_VAR) {
        Ok(base) if !base.is_empty() => {
            let schema = format!(
                "mentor_test_{}_{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::SeqCst)
            );
            let mut client = postgres::Client::connect(&base, postgres::NoTls)
                .unwrap_or_else(|e| panic!("cannot reach PostgreSQL at {base}: {e}"));
            client
                .batch_execute(&format!(
                    "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
                ))
                .unwrap();
            let sep = if base.contains('?') { '&' } else { '?' };
            let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");
            out.push(TestStore {
                backend: "postgres",
                dir: tempfile::tempdir().unwrap(),
                url: Some(url),
                schema: Some(schema),
            });
        }
        _ => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "{POSTGRES_VAR} is not set: in CI every store test runs on PostgreSQL too (`.ci/run` starts one)"
            );
        }
    }
    out
}

/// Each store initialised with the supportt policy and the case S-0001 imported.
pub fn with_a_case() -> Vec<TestStore> {
    let stores = stores();
    for s in &stores {
        s.init("policies/supportt.mentor");
        let run = s.mentor(&[
            "import",
            &TestStore::file("examples/supportt/awaiting-response.json"),
        ]);
        assert_eq!(run.code, 0, "{}", run.both());
    }
    stores
}

/// The text with the parts that change from run to run (times, hashes, folders) replaced.
pub fn stable(text: &str, dir: &Path) -> String {
    let mut out = text.replace(dir.to_str().unwrap_or("?"), "[dir]");
    out = out.replace(workspace().to_str().unwrap_or("?"), "[workspace]");
    let mut result = String::new();
    let mut rest = out.as_str();
    // 2026-11-28T09:36:49Z -> [time]
    while let Some(i) = rest.find('T').filter(|_| !rest.is_empty()) {
        let start = i.saturating_sub(10);
        let candidate = rest.get(start..(i + 10).min(rest.len())).unwrap_or("");
        if candidate.len() == 20
            && candidate.ends_with('Z')
            && candidate.as_bytes().get(4) == Some(&b'-')
        {
            result.push_str(rest.get(..start).unwrap_or(""));
            result.push_str("[time]");
            rest = rest.get(i + 10..).unwrap_or("");
        } else {
            result.push_str(rest.get(..=i).unwrap_or(""));
            rest = rest.get(i + 1..).unwrap_or("");
        }
    }
    result.push_str(rest);
    result
}
