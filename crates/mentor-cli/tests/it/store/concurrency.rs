//! Several writers at once: no entry lost or doubled, and a clear error when two
//! corrections of the same entry race.

use super::backend::with_a_case;
use std::thread;

#[test]
fn two_processes_recording_at_once_lose_nothing() {
    const EACH: usize = 12;
    for store in with_a_case() {
        let before = store.entries();
        thread::scope(|scope| {
            for writer in ["ann", "bo"] {
                let store = &store;
                scope.spawn(move || {
                    for i in 0..EACH {
                        let minutes = format!("minutes={}", i + 1);
                        let run = store.mentor(&[
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
                            &minutes,
                            "--as",
                            writer,
                        ]);
                        assert_eq!(run.code, 0, "{writer}: {}", run.both());
                    }
                });
            }
        });
        assert_eq!(
            store.entries(),
            before + 2 * EACH as i64,
            "{}",
            store.backend
        );
        let history = store.mentor(&["history", "S-0001"]).stdout;
        for writer in ["ann", "bo"] {
            for i in 0..EACH {
                let line = format!(
                    "event 2027-01-05 session_held by ben to amara (minutes={})",
                    i + 1
                );
                assert_eq!(
                    history
                        .lines()
                        .filter(
                            |l| l.split_whitespace().nth(2) == Some(writer) && l.ends_with(&line)
                        )
                        .count(),
                    1,
                    "{}: {line}\n{history}",
                    store.backend
                );
            }
        }
    }
}

#[test]
fn two_corrections_of_one_entry_at_once_one_wins() {
    for store in with_a_case() {
        let history = store.mentor(&["history", "S-0001"]).stdout;
        let event = history
            .lines()
            .find(|l| l.contains("mentoring_requested"))
            .and_then(|l| l.split_whitespace().next())
            .unwrap()
            .to_string();
        let outcomes: Vec<(i32, String)> = thread::scope(|scope| {
            let handles: Vec<_> = ["2026-12-16", "2026-12-17"]
                .into_iter()
                .map(|day| {
                    let store = &store;
                    let event = event.clone();
                    scope.spawn(move || {
                        let run = store.mentor(&[
                            "correct",
                            "S-0001",
                            &event,
                            "--at",
                            day,
                            "--reason",
                            "the right day",
                        ]);
                        (run.code, run.stderr)
                    })
                })
                .collect();
            handles.into_iter().map(|h| h.join().unwrap()).collect()
        });
        let won = outcomes.iter().filter(|(code, _)| *code == 0).count();
        assert_eq!(won, 1, "{}: {outcomes:?}", store.backend);
        let lost = outcomes.iter().find(|(code, _)| *code != 0).unwrap();
        assert_eq!(lost.0, 1);
        assert!(
            lost.1.contains("was already corrected by entry"),
            "{}",
            lost.1
        );
        assert_eq!(store.mentor(&["verify"]).code, 0);
    }
}
