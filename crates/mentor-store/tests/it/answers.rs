//! Kept answers: read back as computed, and computed again when time alone changes them
//! (a future-dated event becomes visible, a due date passes).

use super::backend::{author, stores};
use chrono::NaiveDate;
use mentor_store::{NewEvent, Store};

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

const CASE: &str = r#"{"case": "S-1", "participants": [
  {"id": "amara", "role": "mentee"}, {"id": "ben", "role": "mentor"}],
  "events": [{"at": "2026-12-18", "event": "mentoring_requested", "by": "amara", "to": "ben"}]}"#;

fn import(store: &mut Store, today: NaiveDate) {
    let mut import = store.import(&author(), today).unwrap();
    let policy = import.policy();
    let case = mentor_eval::load::load_json(policy.model(), CASE, "S-1").unwrap();
    import.add(&case).unwrap();
    import.commit().unwrap();
}

fn duties(store: &mut Store, on: &str) -> Vec<(String, Option<NaiveDate>)> {
    let ready = store.ready(day(on), true, None).unwrap();
    ready
        .answers
        .iter()
        .flat_map(|a| a.duties.iter().map(|d| (d.rule.clone(), d.due)))
        .collect()
}

#[test]
fn the_store_can_move_to_another_thread() {
    fn send<T: Send>() {}
    send::<Store>();
}

#[test]
fn a_kept_answer_is_used_until_time_changes_it() {
    for (place, mut store) in stores("supportt") {
        import(&mut store, day("2026-12-01"));
        // On 1 December the request (18 December) is still in the future: nothing is owed.
        assert_eq!(
            duties(&mut store, "2026-12-01"),
            vec![],
            "{}",
            place.backend
        );
        assert_eq!(
            store
                .ready(day("2026-12-10"), true, None)
                .unwrap()
                .refreshed,
            0,
            "still holds"
        );
        // On the day of the request the kept answer no longer holds; it is computed again.
        let on_the_day = store.ready(day("2026-12-18"), true, None).unwrap();
        assert_eq!(on_the_day.refreshed, 1, "{}", place.backend);
        assert_eq!(
            duties(&mut store, "2026-12-18"),
            vec![("respond".to_string(), Some(day("2026-12-29")))]
        );
        // Kept again: the next days use it without evaluating.
        assert_eq!(
            store
                .ready(day("2026-12-20"), true, None)
                .unwrap()
                .refreshed,
            0
        );
        // After the due date the finding appears, so the answer is computed again.
        let late = store
            .ready(day("2026-12-30"), true, Some(day("2026-12-01")))
            .unwrap();
        assert_eq!(late.refreshed, 1, "{}", place.backend);
        assert_eq!(late.answers[0].findings.len(), 1);
    }
}

#[test]
fn recording_refreshes_the_kept_answer_at_once() {
    for (place, mut store) in stores("supportt") {
        import(&mut store, day("2026-12-20"));
        assert_eq!(
            duties(&mut store, "2026-12-20").len(),
            1,
            "{}",
            place.backend
        );
        let event = NewEvent {
            event: "mentor_responded".into(),
            by: "ben".into(),
            to: Some("amara".into()),
            at: "2026-12-21".into(),
            data: vec![],
        };
        let recorded = store
            .record("S-1", &event, &author(), day("2026-12-21"))
            .unwrap();
        assert!(recorded.answer.unwrap().duties.is_empty());
        let ready = store.ready(day("2026-12-21"), true, None).unwrap();
        assert_eq!(
            ready.refreshed, 0,
            "{}: the record kept the new answer",
            place.backend
        );
        assert_eq!(ready.cases, 1);
        assert!(ready.answers.iter().all(|a| a.duties.is_empty()));
    }
}
