//! Kept answers: read back as computed, and computed again when time alone changes them
//! (a future-dated event becomes visible, a due date passes).

use super::backend::{author, stores};
use chrono::NaiveDate;
use mentor_agenda::Query;
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
        // A day before the kept answer was computed: it does not hold, and is not kept.
        let earlier = store.ready(day("2026-12-05"), false, None).unwrap();
        assert_eq!(earlier.refreshed, 1, "{}", place.backend);
        assert!(earlier.answers.iter().all(|a| a.duties.is_empty()));
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

fn case(id: &str, mentor: &str, requested: &str) -> String {
    format!(
        r#"{{"case": "{id}", "participants": [
  {{"id": "amara", "role": "mentee"}}, {{"id": "{mentor}", "role": "mentor"}}],
  "events": [{{"at": "{requested}", "event": "mentoring_requested", "by": "amara", "to": "{mentor}"}}]}}"#
    )
}

/// The agenda of a query built from what the store gives for it, as `mentor agenda` does.
fn agenda_of(ready: &mentor_store::Ready, query: &Query) -> mentor_agenda::Agenda {
    let mut builder = mentor_agenda::Builder::new(query.clone());
    for answer in &ready.answers {
        builder.add_answer(answer.clone());
    }
    for _ in ready.answers.len()..ready.cases {
        builder.count_case();
    }
    builder.finish()
}

#[test]
fn a_filtered_agenda_reads_only_the_duties_it_shows_and_shows_the_same() {
    use mentor_agenda::Band;
    let today = day("2026-12-21");
    for (place, mut store) in stores("supportt") {
        let mut import = store.import(&author(), today).unwrap();
        let policy = import.policy();
        let cases = [
            ("S-1", "ben", "2026-11-30"),
            ("S-2", "chidi", "2026-12-14"),
            ("S-3", "ben", "2026-12-15"),
            ("S-4", "dana", "2026-12-18"),
            ("S-5", "ben", "2026-12-21"),
        ];
        for (id, mentor, at) in cases {
            let text = case(id, mentor, at);
            let loaded = mentor_eval::load::load_json(policy.model(), &text, id).unwrap();
            import.add(&loaded).unwrap();
        }
        import.commit().unwrap();
        let all = store.ready(today, true, None).unwrap();
        let everything = agenda_of(&all, &Query::on(today));
        let bands: std::collections::BTreeSet<_> = everything.rows.iter().map(|r| r.band).collect();
        assert!(bands.len() >= 3, "{}: {bands:?}", place.backend);
        let mut queries = vec![Query::on(today)];
        let on = |f: &dyn Fn(&mut Query)| {
            let mut q = Query::on(today);
            f(&mut q);
            q
        };
        for band in Band::ALL {
            queries.push(on(&|q| q.bands = vec![band]));
        }
        queries.push(on(&|q| q.bands = vec![Band::Overdue, Band::Later]));
        for days in [0, 1, 7, 30] {
            queries.push(on(&|q| q.within = Some(days)));
        }
        queries.push(on(&|q| q.parties = vec!["ben".into()]));
        queries.push(on(&|q| q.parties = vec!["chidi".into(), "dana".into()]));
        queries.push(on(&|q| q.parties = vec!["amara".into()]));
        queries.push(on(&|q| q.roles = vec!["mentor".into()]));
        queries.push(on(&|q| q.roles = vec!["mentee".into()]));
        queries.push(on(&|q| q.cases = vec!["S-3".into(), "S-4".into()]));
        queries.push(on(&|q| {
            q.parties = vec!["ben".into()];
            q.within = Some(7);
            q.bands = vec![Band::Week, Band::Today, Band::Overdue];
        }));
        for query in queries {
            let ready = store.ready_for(&query, true).unwrap();
            assert_eq!(ready.cases, all.cases, "{}", place.backend);
            let read: Vec<_> = ready.answers.iter().flat_map(|a| &a.duties).collect();
            assert!(
                read.iter()
                    .all(|d| query.wants(&d.case, d.party.as_deref(), &d.role, d.due)),
                "{}: {query:?} read a duty it does not show",
                place.backend
            );
            assert_eq!(
                agenda_of(&ready, &query),
                agenda_of(&all, &query),
                "{}: {query:?}",
                place.backend
            );
        }
    }
}
