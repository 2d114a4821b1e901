//! A fresh store on each backend, with a policy of the workspace.

use mentor_store::{Author, Location, Store};
use std::sync::atomic::{AtomicUsize, Ordering};

pub struct Fresh {
    pub backend: &'static str,
    pub location: Location,
    _dir: tempfile::TempDir,
    schema: Option<String>,
}

impl Drop for Fresh {
    fn drop(&mut self) {
        if let (Some(schema), Ok(base)) = (&self.schema, std::env::var("MENTOR_TEST_POSTGRES"))
            && let Ok(mut c) = postgres::Client::connect(&base, postgres::NoTls)
        {
            let _ = c.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
        }
    }
}

pub fn author() -> Author {
    Author::new("tester", chrono::Utc::now())
}

pub fn policy(name: &str) -> String {
    std::fs::read_to_string(format!(
        "{}/../../policies/{name}.mentor",
        env!("CARGO_MANIFEST_DIR")
    ))
    .unwrap()
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// A store with `policy` on every backend available.
pub fn stores(policy_name: &str) -> Vec<(Fresh, Store)> {
    let text = policy(policy_name);
    let dir = tempfile::tempdir().unwrap();
    let mut places = vec![Fresh {
        backend: "sqlite",
        location: Location::Sqlite(dir.path().join("mentor.sqlite")),
        _dir: dir,
        schema: None,
    }];
    match std::env::var("MENTOR_TEST_POSTGRES") {
        Ok(base) if !base.is_empty() => {
            let schema = format!(
                "mentor_lib_{}_{}",
                std::process::id(),
                NEXT.fetch_add(1, Ordering::SeqCst)
            );
            let mut c = postgres::Client::connect(&base, postgres::NoTls).unwrap();
            c.batch_execute(&format!("CREATE SCHEMA {schema}")).unwrap();
            let sep = if base.contains('?') { '&' } else { '?' };
            places.push(Fresh {
                backend: "postgres",
                location: Location::Postgres(format!(
                    "{base}{sep}options=-c%20search_path%3D{schema}"
                )),
                _dir: tempfile::tempdir().unwrap(),
                schema: Some(schema),
            });
        }
        _ => assert!(
            std::env::var("CI").as_deref() != Ok("true"),
            "MENTOR_TEST_POSTGRES is not set: in CI every store test runs on PostgreSQL too"
        ),
    }
    places
        .into_iter()
        .map(|f| {
            let store = Store::create(&f.location, &text, &author()).unwrap();
            (f, store)
        })
        .collect()
}
