//! What one case of a caseload costs in `mentor agenda`, step by step, on generated cases
//! (2 to 4 participants, 5 to 30 events, `benches/generate`): reading JSON with positions
//! (the full reader) and without (the quick reader), evaluating, and turning the answer into
//! duties and findings; against a baseline measured in the same run (parsing the same line
//! into a `serde_json::Value`, which is what reading JSON at all costs).
//!
//! Run: `cargo bench -p mentor-cli --bench agenda`. The end-to-end measure over 1,000,000
//! cases (`examples/caseload.rs`) and the figures are in BENCHMARKS.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod generate;

use chrono::NaiveDate;
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use mentor_agenda::Policy;
use std::hint::black_box;

const CASES: u64 = 1_000;

fn bench(c: &mut Criterion) {
    let (analysis, text) = generate::seed_policy("supportt");
    assert!(!analysis.has_errors());
    let model = &analysis.checked.model;
    let mut random = generate::Random::new(2026);
    let mut line = String::new();
    let lines: Vec<String> = (0..CASES)
        .map(|n| {
            generate::case_line(model, n, &mut random, &mut line);
            line.clone()
        })
        .collect();
    let as_of = NaiveDate::from_ymd_opt(2026, 6, 1).unwrap();
    let cases: Vec<mentor_eval::Case> = lines
        .iter()
        .map(|l| mentor_eval::load::load_json_quick(model, l, "c").expect("a valid case"))
        .collect();
    let words = Policy::new(model, &text);
    let mut group = c.benchmark_group("agenda_per_1000_cases");
    group.throughput(Throughput::Elements(CASES));
    group.sample_size(20);
    group.bench_function("baseline_json_value", |b| {
        b.iter(|| {
            for l in &lines {
                black_box(serde_json::from_str::<serde_json::Value>(l).unwrap());
            }
        })
    });
    group.bench_function("load_full_with_positions", |b| {
        b.iter(|| {
            for l in &lines {
                black_box(mentor_eval::load::load_json(model, l, "c").unwrap());
            }
        })
    });
    group.bench_function("load_quick", |b| {
        b.iter(|| {
            for l in &lines {
                black_box(mentor_eval::load::load_json_quick(model, l, "c").unwrap());
            }
        })
    });
    group.bench_function("evaluate", |b| {
        b.iter(|| {
            for case in &cases {
                black_box(mentor_eval::evaluate(model, case, as_of));
            }
        })
    });
    let evaluations: Vec<_> = cases
        .iter()
        .map(|case| mentor_eval::evaluate(model, case, as_of))
        .collect();
    group.bench_function("answer_words", |b| {
        b.iter(|| {
            for (case, evaluation) in cases.iter().zip(&evaluations) {
                black_box(words.answer(case, evaluation));
            }
        })
    });
    group.bench_function("whole_case_quick", |b| {
        b.iter(|| {
            for l in &lines {
                let case = mentor_eval::load::load_json_quick(model, l, "c").unwrap();
                let evaluation = mentor_eval::evaluate(model, &case, as_of);
                black_box(words.answer(&case, &evaluation));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
