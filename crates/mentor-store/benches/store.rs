//! The case store at scale: `record` (one event appended, the case's open duties computed
//! again and kept) and the agenda (every case's kept answer, gathered, put in bands and
//! rendered as text) on an SQLite store of 100,000 generated cases, each against a baseline
//! measured in the same run.
//!
//! Run: `cargo bench -p mentor-store --bench store`. The store is generated once into
//! `target/bench-store-100k/` (about a minute) and reused; delete it to generate it again.
//! Cases (supportt): a mentee, a mentor and an admin, 5 to 30 events from 2026 (a request,
//! usually a response, sessions, sometimes an extension). Results go in BENCHMARKS.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::{Days, NaiveDate};
use criterion::{Criterion, criterion_group, criterion_main};
use mentor_store::{Author, Location, NewEvent, Store};
use std::hint::black_box;
use std::path::PathBuf;

/// The allocator `mentor` itself uses, so that what is measured is what a command does.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CASES: usize = 100_000;

fn day(s: &str) -> NaiveDate {
    NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
}

/// A small deterministic generator (no dependency needed for this).
struct Lcg(u64);

impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// One generated case file.
fn case(i: usize, rng: &mut Lcg) -> String {
    let start = day("2026-01-05")
        .checked_add_days(Days::new(rng.next(330)))
        .unwrap();
    let at = |d: u64| start.checked_add_days(Days::new(d)).unwrap().to_string();
    let mut events = vec![format!(
        r#"{{"at": "{}", "event": "mentoring_requested", "by": "m", "to": "b"}}"#,
        at(0)
    )];
    let total = 5 + rng.next(26) as usize;
    if rng.next(4) > 0 {
        events.push(format!(
            r#"{{"at": "{}", "event": "mentor_responded", "by": "b", "to": "m"}}"#,
            at(1 + rng.next(9))
        ));
    }
    let mut d = 10;
    while events.len() < total {
        d += 3 + rng.next(20);
        if rng.next(12) == 0 {
            events.push(format!(
                r#"{{"at": "{}", "event": "extension_approved", "by": "a", "to": "m", "data": {{"sessions": 2}}}}"#,
                at(d)
            ));
        } else {
            events.push(format!(
                r#"{{"at": "{}", "event": "session_held", "by": "b", "to": "m", "data": {{"minutes": {}}}}}"#,
                at(d),
                30 + rng.next(90)
            ));
        }
    }
    format!(
        r#"{{"case": "C-{i:06}", "participants": [
  {{"id": "m", "role": "mentee", "facts": {{"profession": "doctor", "postgraduate_trainee": true, "out_of_training": true, "returning_to_training": true}}}},
  {{"id": "b", "role": "mentor", "facts": {{"course_sessions_attended": 2, "biography_submitted": true}}}},
  {{"id": "a", "role": "admin"}}],
 "events": [{}]}}"#,
        events.join(", ")
    )
}

fn policy() -> String {
    std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../policies/supportt.mentor"
    ))
    .unwrap()
}

fn author() -> Author {
    Author::new("bench", chrono::Utc::now())
}

/// The 100,000-case store, generated once.
fn store_path() -> Location {
    let dir = PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../target/bench-store-100k"
    ));
    let file = dir.join("mentor.sqlite");
    if file.is_file() {
        return Location::Sqlite(file);
    }
    let partial = dir.join("building");
    let _ = std::fs::remove_dir_all(&partial);
    std::fs::create_dir_all(&partial).unwrap();
    let building = Location::Sqlite(partial.join("mentor.sqlite"));
    let mut store = Store::create(&building, &policy(), &author()).unwrap();
    let mut rng = Lcg(7);
    let today = day("2027-01-15");
    let mut import = store.import(&author(), today).unwrap();
    let p = import.policy();
    for i in 0..CASES {
        let text = case(i, &mut rng);
        let loaded = mentor_eval::load::load_json(p.model(), &text, "case").unwrap();
        import.add(&loaded).unwrap();
    }
    import.commit().unwrap();
    drop(store);
    for suffix in ["", "-wal", "-shm"] {
        let from = partial.join(format!("mentor.sqlite{suffix}"));
        if from.exists() {
            std::fs::rename(from, dir.join(format!("mentor.sqlite{suffix}"))).unwrap();
        }
    }
    let _ = std::fs::remove_dir_all(&partial);
    Location::Sqlite(file)
}

fn record(c: &mut Criterion) {
    let location = store_path();
    let today = day("2027-01-15");
    let mut group = c.benchmark_group("record, 100,000 cases");
    group.sample_size(30);
    let mut n = 0usize;
    group.bench_function(
        "open the store, record one event, keep the case's new duties",
        |b| {
            b.iter(|| {
                n += 1;
                let mut store = Store::open(&location).unwrap();
                let event = NewEvent {
                    event: "session_held".into(),
                    by: "b".into(),
                    to: Some("m".into()),
                    at: "2027-01-14".into(),
                    data: vec![("minutes".into(), "60".into())],
                };
                let case = format!("C-{:06}", (n * 7919) % CASES);
                black_box(store.record(&case, &event, &author(), today).unwrap());
            })
        },
    );
    // Baseline: the same store opened, and one durable one-row write.
    group.bench_function("baseline: open the store, one durable write", |b| {
        b.iter(|| {
            let Location::Sqlite(file) = &location else {
                unreachable!()
            };
            let conn = rusqlite::Connection::open(file).unwrap();
            conn.execute_batch(
                "PRAGMA synchronous = FULL; CREATE TABLE IF NOT EXISTS bench_scratch (x INTEGER);
                 INSERT INTO bench_scratch VALUES (1);",
            )
            .unwrap();
        })
    });
    group.finish();
}

fn agenda(c: &mut Criterion) {
    let location = store_path();
    let today = day("2027-01-15");
    // Bring every kept answer up to the day once (as the first agenda of a day does).
    let mut store = Store::open(&location).unwrap();
    store.ready(today, true, None).unwrap();
    let mut group = c.benchmark_group("agenda, 100,000 cases");
    group.sample_size(10);
    group.bench_function("open the store, every kept answer, bands, text", |b| {
        b.iter(|| {
            let mut store = Store::open(&location).unwrap();
            let ready = store.ready(today, true, None).unwrap();
            let mut builder = mentor_agenda::Builder::new(mentor_agenda::Query::on(today));
            let with_answers = ready.answers.len();
            for answer in ready.answers {
                builder.add_answer(answer);
            }
            for _ in with_answers..ready.cases {
                builder.count_case();
            }
            let agenda = builder.finish();
            black_box(mentor_agenda::render::text::render(
                &agenda,
                mentor_agenda::render::text::Options { colour: false },
            ));
        })
    });
    // Baseline: reading the kept duties' rows, without making anything of them.
    group.bench_function("baseline: read every kept duty's row", |b| {
        b.iter(|| {
            let Location::Sqlite(file) = &location else {
                unreachable!()
            };
            let conn = rusqlite::Connection::open(file).unwrap();
            let mut stmt = conn.prepare("SELECT case_id, item FROM duties").unwrap();
            let mut rows = stmt.query([]).unwrap();
            let mut bytes = 0usize;
            while let Some(row) = rows.next().unwrap() {
                bytes += row.get_ref(1).unwrap().as_bytes().unwrap().len();
            }
            black_box(bytes);
        })
    });
    group.finish();
}

criterion_group!(benches, record, agenda);
criterion_main!(benches);
