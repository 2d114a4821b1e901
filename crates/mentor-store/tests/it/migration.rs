//! A store written before the open duties were kept packed (schema 2, duties as JSON) is
//! migrated when it is opened: its log untouched (`verify` holds), its kept answers read back
//! as they were without evaluating any case again, and a kept duty that cannot be read makes
//! its case be evaluated again instead of failing.

use super::backend::{Fresh, author, stores};
use chrono::NaiveDate;
use mentor_store::{Location, Store};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

fn case(id: &str, requested: &str) -> String {
    format!(
        r#"{{"case": "{id}", "participants": [
  {{"id": "amara", "role": "mentee"}}, {{"id": "ben", "role": "mentor"}}],
  "events": [{{"at": "{requested}", "event": "mentoring_requested", "by": "amara", "to": "ben"}}]}}"#
    )
}

/// The statements that take the duties table back to schema 2 (`integer`: the database's
/// name for a 64-bit integer).
fn back_to_schema_2(integer: &str) -> String {
    format!(
        "DROP TABLE duties;
         DROP INDEX cases_by_evaluation;
         CREATE TABLE duties (case_id TEXT NOT NULL, n {integer} NOT NULL, due TEXT,
           party TEXT, role TEXT NOT NULL, rule TEXT NOT NULL, item TEXT NOT NULL,
           PRIMARY KEY (case_id, n));
         CREATE INDEX duties_by_due ON duties (due);
         DELETE FROM schema_migrations WHERE version = 3;"
    )
}

/// The store taken back to schema 2: the duties kept as JSON, as that version wrote them.
fn as_schema_2(place: &Fresh, duties: &[(String, usize, mentor_agenda::Duty)], damaged: &str) {
    let json = |id: &str, d: &mentor_agenda::Duty| {
        if id == damaged {
            "{\"case\": \"cut off".to_string()
        } else {
            serde_json::to_string(d).unwrap()
        }
    };
    match &place.location {
        Location::Sqlite(file) => {
            let conn = rusqlite::Connection::open(file).unwrap();
            conn.execute_batch(&back_to_schema_2("INTEGER")).unwrap();
            for (id, n, d) in duties {
                conn.execute(
                    "INSERT INTO duties VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                    rusqlite::params![
                        id,
                        *n as i64,
                        d.due.map(|d| d.to_string()),
                        d.party,
                        d.role,
                        d.rule,
                        json(id, d)
                    ],
                )
                .unwrap();
            }
        }
        Location::Postgres(url) => {
            let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
            c.batch_execute(&back_to_schema_2("BIGINT")).unwrap();
            for (id, n, d) in duties {
                c.execute(
                    "INSERT INTO duties VALUES ($1, $2, $3, $4, $5, $6, $7)",
                    &[
                        id,
                        &(*n as i64),
                        &d.due.map(|d| d.to_string()),
                        &d.party,
                        &d.role,
                        &d.rule,
                        &json(id, d),
                    ],
                )
                .unwrap();
            }
        }
    }
}

#[test]
fn a_store_of_schema_2_migrates_with_its_kept_answers() {
    for (place, mut store) in stores("supportt") {
        let today = day("2026-12-21");
        let mut import = store.import(&author(), today).unwrap();
        let policy = import.policy();
        for (id, at) in [
            ("S-1", "2026-12-18"),
            ("S-2", "2026-12-14"),
            ("S-3", "2026-12-20"),
        ] {
            let loaded = mentor_eval::load::load_json(policy.model(), &case(id, at), id).unwrap();
            import.add(&loaded).unwrap();
        }
        import.commit().unwrap();
        let before = store.ready(today, false, None).unwrap();
        assert_eq!(before.answers.len(), 3, "{}", place.backend);
        let duties: Vec<_> = before
            .answers
            .iter()
            .flat_map(|a| {
                a.duties
                    .iter()
                    .enumerate()
                    .map(|(n, d)| (a.case.clone(), n, d.clone()))
            })
            .collect();
        drop(store);

        // Every kept duty readable: nothing is evaluated again.
        as_schema_2(&place, &duties, "");
        let mut store = Store::open(&place.location).unwrap();
        let after = store.ready(today, false, None).unwrap();
        assert_eq!(after.refreshed, 0, "{}", place.backend);
        assert_eq!(after.answers, before.answers, "{}", place.backend);
        assert!(store.verify().unwrap().is_intact(), "{}", place.backend);
        drop(store);

        // One kept duty unreadable: that case alone is evaluated again, with the same answer.
        as_schema_2(&place, &duties, "S-2");
        let mut store = Store::open(&place.location).unwrap();
        let after = store.ready(today, true, None).unwrap();
        assert_eq!(after.refreshed, 1, "{}", place.backend);
        assert_eq!(after.answers, before.answers, "{}", place.backend);
        // Kept again, packed: the next agenda evaluates nothing.
        let next = store.ready(today, true, None).unwrap();
        assert_eq!(next.refreshed, 0, "{}", place.backend);
        assert_eq!(next.answers, before.answers, "{}", place.backend);
        assert!(store.verify().unwrap().is_intact(), "{}", place.backend);
    }
}
