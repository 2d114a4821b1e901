//! `mentor record` and `mentor join`: checked with the case exactly as a case file is.

use super::backend::{stable, with_a_case};

#[test]
fn a_recorded_event_is_checked_like_a_case_file() {
    let mut seen: Option<String> = None;
    for store in with_a_case() {
        let before = store.entries();
        let run = store.mentor(&[
            "record",
            "S-0001",
            "mentor_respnded",
            "--by",
            "bem",
            "--to",
            "amara",
            "--at",
            "2026-12-21",
        ]);
        assert_eq!(run.code, 1, "{}", run.both());
        let wrong_value = store.mentor(&[
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
            "minutes=ninety",
        ]);
        assert_eq!(wrong_value.code, 1);
        let wrong_actor = store.mentor(&[
            "record",
            "S-0001",
            "mentor_responded",
            "--by",
            "amara",
            "--to",
            "ben",
        ]);
        assert_eq!(wrong_actor.code, 1);
        assert_eq!(store.entries(), before, "nothing may be written");
        let shown = stable(
            &format!("{}{}{}", run.both(), wrong_value.both(), wrong_actor.both()),
            store.dir.path(),
        );
        match &seen {
            None => seen = Some(shown),
            Some(first) => assert_eq!(first, &shown, "the backends differ"),
        }
    }
    insta::assert_snapshot!(seen.unwrap());
}

#[test]
fn a_recorded_event_changes_the_answer() {
    for store in with_a_case() {
        let next = |at: &str| store.mentor(&["next", "S-0001", "--at", at, "--format", "json"]);
        let before: serde_json::Value = serde_json::from_str(&next("2026-12-22").stdout).unwrap();
        assert_eq!(before["next"][0]["rule"], "respond");
        let run = store.mentor(&[
            "record",
            "S-0001",
            "mentor_responded",
            "--by",
            "ben",
            "--to",
            "amara",
            "--at",
            "2026-12-21T09:30",
        ]);
        assert_eq!(run.code, 0, "{}", run.both());
        assert!(
            run.stdout.contains("now has no open duties"),
            "{}",
            run.stdout
        );
        let after: serde_json::Value = serde_json::from_str(&next("2026-12-22").stdout).unwrap();
        assert_eq!(after["next"], serde_json::json!([]));
        // A participant joins; an event of theirs is then accepted.
        let join = store.mentor(&[
            "join",
            "S-0001",
            "cleo",
            "--role",
            "mentor",
            "--set",
            "course_sessions_attended=2",
        ]);
        assert_eq!(join.code, 0, "{}", join.both());
        let by_cleo = store.mentor(&[
            "record",
            "S-0001",
            "mentor_declined",
            "--by",
            "cleo",
            "--to",
            "amara",
        ]);
        assert_eq!(by_cleo.code, 0, "{}", by_cleo.both());
    }
}

#[test]
fn a_case_that_is_not_there_is_named_with_a_suggestion() {
    for store in with_a_case() {
        let run = store.mentor(&["record", "S-001", "mentor_responded", "--by", "ben"]);
        assert_eq!(run.code, 1, "{}", run.both());
        assert!(
            run.stderr
                .contains("there is no case `S-001` in the store; did you mean `S-0001`?"),
            "{}",
            run.stderr
        );
    }
}
