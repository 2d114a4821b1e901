//! How fast a policy evaluates a case: generated cases of 10, 100 and 10,000 events for each
//! seed policy, against a baseline (one pass over the same events) measured in the same run;
//! the same with an `Evaluator` reused from case to case; and the words of a whole `next`
//! answer, rendered from an evaluation.
//!
//! Run: `cargo bench -p mentor-eval --bench evaluate`. Results go in BENCHMARKS.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]

use chrono::{Duration, NaiveDate};
use criterion::{BenchmarkId, Criterion, Throughput, criterion_group, criterion_main};
use mentor_check::Model;
use mentor_check::model::{EventId, RoleId};
use mentor_check::types::{Ty, Value};
use mentor_eval::{Case, CaseEvent, Participant};
use std::hint::black_box;

const POLICIES: &[&str] = &["supportt", "mphp", "mentorconnect", "esu"];

/// A seed policy's model and its text.
fn model(name: &str) -> (Model, String) {
    let path = format!(
        "{}/../../policies/{name}.mentor",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(path).unwrap();
    let analysis = mentor_check::analyze(&text);
    assert!(!analysis.has_errors(), "{name} has errors");
    (analysis.checked.model, text)
}

fn value(model: &Model, ty: Ty, i: usize) -> Value {
    match ty {
        Ty::Bool => Value::Bool(true),
        Ty::Int | Ty::Count => Value::Int(90),
        Ty::Text => Value::Text("first_name,phone".to_string()),
        Ty::Date => Value::Date(NaiveDate::from_ymd_opt(2020, 1, 1).unwrap()),
        Ty::DateTime => Value::DateTime(
            NaiveDate::from_ymd_opt(2020, 1, 1)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        ),
        Ty::Duration => Value::Duration(mentor_check::types::Quantity::count(1)),
        Ty::Symbol(set) => Value::Symbol((i % model.set(set).unwrap().symbols.len()) as u32),
        Ty::Unknown => Value::Bool(false),
    }
}

/// A case with one participant per role and `n` events, one an hour from 2026-01-05,
/// cycling through the policy's events with participants whose roles may do them.
fn generate(model: &Model, n: usize) -> Case {
    let participants: Vec<Participant> = model
        .roles
        .iter()
        .enumerate()
        .map(|(r, role)| Participant {
            id: format!("{}-1", role.name),
            role: RoleId(r as u32),
            facts: role
                .facts
                .iter()
                .enumerate()
                .map(|(i, f)| Some(value(model, f.ty, i)))
                .collect(),
            span: Default::default(),
        })
        .collect();
    let start = NaiveDate::from_ymd_opt(2026, 1, 5)
        .unwrap()
        .and_hms_opt(8, 0, 0)
        .unwrap();
    let mut events = Vec::with_capacity(n);
    for i in 0..n {
        let e = i % model.events.len();
        let def = &model.events[e];
        let at = start + Duration::hours(i as i64 * 3);
        events.push(CaseEvent {
            at,
            date: at.date(),
            has_time: true,
            event: EventId(e as u32),
            by: def.by[0].0,
            to: def.to.first().map(|r| r.0),
            data: def
                .fields
                .iter()
                .enumerate()
                .map(|(k, f)| Some(value(model, f.ty, i + k)))
                .collect(),
            order: i as u32,
            span: Default::default(),
        });
    }
    Case::new(
        "bench".to_string(),
        participants,
        events,
        model.roles.len(),
        model.events.len(),
    )
}

/// The baseline: one pass over the events that touches each one.
fn one_pass(case: &Case) -> u64 {
    case.events
        .iter()
        .map(|e| u64::from(e.event.0) + u64::from(e.by) + e.date.to_string().len() as u64)
        .sum()
}

fn bench(c: &mut Criterion) {
    for &name in POLICIES {
        let (model, text) = model(name);
        let mut group = c.benchmark_group(name);
        for n in [10usize, 100, 10_000] {
            let case = generate(&model, n);
            let as_of = case.events.last().unwrap().date;
            group.throughput(Throughput::Elements(1));
            group.bench_with_input(BenchmarkId::new("evaluate", n), &case, |b, case| {
                b.iter(|| black_box(mentor_eval::evaluate(&model, black_box(case), as_of)))
            });
            // The same, with an evaluator that keeps its buffers from one case to the next.
            let mut evaluator = mentor_eval::Evaluator::new(&model);
            group.bench_with_input(BenchmarkId::new("evaluator", n), &case, |b, case| {
                b.iter(|| black_box(evaluator.evaluate(black_box(case), as_of).obligations.len()))
            });
            // Words, on demand: the whole `next` answer (every item's why, what and if
            // missed, every violation's message, every eligibility reason) from an evaluation.
            let evaluation = mentor_eval::evaluate(&model, &case, as_of);
            group.bench_with_input(BenchmarkId::new("explain_next", n), &case, |b, case| {
                b.iter(|| {
                    black_box(mentor_eval::report::build(
                        &model,
                        black_box(case),
                        &evaluation,
                        &text,
                        false,
                    ))
                })
            });
            group.bench_with_input(
                BenchmarkId::new("baseline_one_pass", n),
                &case,
                |b, case| b.iter(|| black_box(one_pass(black_box(case)))),
            );
        }
        group.finish();
    }
}

criterion_group! {
    name = benches;
    config = Criterion::default().sample_size(20).warm_up_time(std::time::Duration::from_millis(500)).measurement_time(std::time::Duration::from_secs(2));
    targets = bench
}
criterion_main!(benches);
