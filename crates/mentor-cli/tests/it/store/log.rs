//! The log: corrections, history, append-only, tampering found, discovery and backups.

use super::backend::{stable, stores, with_a_case};

/// The number of the last entry of a case's history.
fn last_entry(history: &str) -> String {
    history
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .rfind(|w| w.chars().all(|c| c.is_ascii_digit()))
        .unwrap()
        .to_string()
}

#[test]
fn history_shows_corrections_with_who_when_and_why() {
    let mut seen: Option<String> = None;
    for store in with_a_case() {
        let rec = |args: &[&str]| {
            let run = store.mentor(args);
            assert_eq!(run.code, 0, "{}", run.both());
        };
        rec(&[
            "record",
            "S-0001",
            "mentor_responded",
            "--by",
            "ben",
            "--to",
            "amara",
            "--at",
            "2026-12-21",
            "--as",
            "bob",
        ]);
        rec(&[
            "record",
            "S-0001",
            "session_held",
            "--by",
            "ben",
            "--to",
            "amara",
            "--at",
            "2027-01-05",
            "--set",
            "minutes=90",
            "--as",
            "bob",
        ]);
        let history = store.mentor(&["history", "S-0001"]).stdout;
        let session = last_entry(&history);
        rec(&[
            "correct",
            "S-0001",
            &session,
            "--at",
            "2027-01-06",
            "--set",
            "minutes=75",
            "--reason",
            "the session was on the 6th, for 75 minutes",
            "--as",
            "carol",
        ]);
        let history = store.mentor(&["history", "S-0001"]).stdout;
        let replacement = last_entry(&history);
        rec(&[
            "correct",
            "S-0001",
            &replacement,
            "--void",
            "--reason",
            "recorded in the wrong case",
            "--as",
            "carol",
        ]);
        let run = store.mentor(&["history", "S-0001"]);
        assert_eq!(run.code, 0);
        assert!(run.stdout.contains("[replaced by entry"), "{}", run.stdout);
        assert!(run.stdout.contains("[voided by entry"), "{}", run.stdout);
        // The voided session no longer counts.
        let next = store.mentor(&["next", "S-0001", "--at", "2027-01-10", "--format", "json"]);
        assert!(!next.stdout.contains("session_held"), "{}", next.stdout);
        let shown = stable(&run.stdout, store.dir.path());
        match &seen {
            None => seen = Some(shown),
            Some(first) => assert_eq!(first, &shown, "the backends differ"),
        }
        assert_eq!(store.mentor(&["verify"]).code, 0);
    }
    insta::assert_snapshot!(seen.unwrap());
}

#[test]
fn an_entry_is_corrected_once_and_a_stale_correction_is_refused() {
    for store in with_a_case() {
        let history = store.mentor(&["history", "S-0001"]).stdout;
        let event = last_entry(&history);
        let first = store.mentor(&[
            "correct",
            "S-0001",
            &event,
            "--at",
            "2026-12-17",
            "--reason",
            "a day earlier",
        ]);
        assert_eq!(first.code, 0, "{}", first.both());
        let again = store.mentor(&["correct", "S-0001", &event, "--void", "--reason", "late"]);
        assert_eq!(again.code, 1, "{}", again.both());
        assert!(
            again.stderr.contains("was already corrected by entry"),
            "{}",
            again.stderr
        );
        let stale = store.mentor(&[
            "correct",
            "S-0001",
            "3",
            "--set",
            "training_stage=core",
            "--reason",
            "x",
            "--expect-last",
            &event,
        ]);
        assert_eq!(stale.code, 1, "{}", stale.both());
        assert!(
            stale
                .stderr
                .contains("changed while this correction was being made"),
            "{}",
            stale.stderr
        );
    }
}

#[test]
fn updates_and_deletes_of_the_log_are_refused_by_the_database() {
    for store in with_a_case() {
        let before = store.entries();
        for statement in [
            "UPDATE entries SET recorded_by = 'mallory' WHERE seq = 2",
            "DELETE FROM entries WHERE seq = 3",
            "UPDATE policies SET text = 'programme x' WHERE version = 1",
        ] {
            let refused = store.sql(statement).expect_err(statement);
            assert!(
                refused.contains("append-only") || refused.contains("kept as they were set"),
                "{}: {refused}",
                store.backend
            );
        }
        assert_eq!(store.entries(), before);
    }
}

#[test]
fn verify_finds_an_entry_changed_behind_the_triggers() {
    for store in with_a_case() {
        store.sql(store.drop_triggers()).unwrap();
        store
            .sql("UPDATE entries SET payload = replace(payload, '2026-12-18', '2026-12-28') WHERE kind = 'event'")
            .unwrap();
        let run = store.mentor(&["verify"]);
        assert_eq!(run.code, 1, "{}", run.both());
        assert!(
            run.stdout.contains("its content does not match its hash"),
            "{}",
            run.stdout
        );
        // Forging the hash too breaks the chain at the next entry... or at the changed one
        // when it is the last: either way it is found.
        store
            .sql("UPDATE entries SET hash = 'forged' WHERE kind = 'event'")
            .unwrap();
        let run = store.mentor(&["verify"]);
        assert_eq!(run.code, 1, "{}", run.both());
        store.sql("DELETE FROM entries WHERE seq = 3").ok();
        let run = store.mentor(&["verify"]);
        assert_eq!(run.code, 1, "{}", run.both());
        assert!(run.stderr.contains("tampered"), "{}", run.stderr);
    }
}

#[test]
fn the_store_is_found_from_a_subfolder_and_missing_stores_are_named() {
    for store in stores() {
        if store.url.is_some() {
            continue;
        }
        let none = store.mentor(&["verify"]);
        assert_eq!(none.code, 2, "{}", none.both());
        assert!(
            none.stderr.contains("no case store here"),
            "{}",
            none.stderr
        );
        store.init("policies/supportt.mentor");
        let sub = store.dir.path().join("letters/2026");
        std::fs::create_dir_all(&sub).unwrap();
        let found = store.mentor_in(&sub, &["verify"]);
        assert_eq!(found.code, 0, "{}", found.both());
        let twice = store.mentor(&[
            "init",
            ".",
            "--policy",
            &super::backend::TestStore::file("policies/supportt.mentor"),
        ]);
        assert_eq!(twice.code, 2, "{}", twice.both());
        assert!(
            twice.stderr.contains("already holds a case store"),
            "{}",
            twice.stderr
        );
    }
}

#[test]
fn a_backup_is_a_working_store() {
    for store in with_a_case() {
        let copy = store.dir.path().join("copy/mentor.sqlite");
        std::fs::create_dir_all(copy.parent().unwrap()).unwrap();
        let run = store.mentor(&["backup", copy.to_str().unwrap()]);
        if store.url.is_some() {
            assert_eq!(run.code, 2);
            assert!(run.stderr.contains("pg_dump"), "{}", run.stderr);
            continue;
        }
        assert_eq!(run.code, 0, "{}", run.both());
        let verified = store.mentor_in(copy.parent().unwrap(), &["verify"]);
        assert_eq!(verified.code, 0, "{}", verified.both());
        assert_eq!(
            store.mentor_in(copy.parent().unwrap(), &["export"]).stdout,
            store.mentor(&["export"]).stdout
        );
    }
}
