//! How the checker's work grows with what a policy holds: "did you mean" over long misspelt
//! names, and the warnings pass over many rules, each against a baseline (parsing the same
//! text) measured in the same run.
//!
//! Run: `cargo bench -p mentor-check --bench check`. Results go in BENCHMARKS.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};
use std::fmt::Write as _;
use std::hint::black_box;

/// A small deterministic generator (xorshift), so every run checks the same text.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// About 80 KB: 40 events with names of 400 letters, then rules that each name one of them
/// misspelt in the middle (a letter changed), so every rule asks for a suggestion.
fn long_misspelt_names() -> String {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut name = || -> String {
        (0..400)
            .map(|_| char::from(b'a' + rng.below(16) as u8))
            .collect()
    };
    let events: Vec<String> = (0..40).map(|_| name()).collect();
    let mut text = String::from("programme p \"long names\"\n\nrole mentee\nrole mentor\n\n");
    for e in &events {
        writeln!(text, "event {e} by mentor to mentee").unwrap();
    }
    let mut i = 0;
    while text.len() < 80_000 {
        let e = &events[i % events.len()];
        let misspelt = format!("{}z{}", &e[..200], &e[201..]);
        write!(
            text,
            "\nrule r{i}\n  after {e}, mentor must {misspelt} within 5 days\n"
        )
        .unwrap();
        i += 1;
    }
    text
}

/// `n` rules that the warnings pass compares: binding and advisory deadlines on the same
/// events, limits on the same event both ways, and windows after the same anchor.
fn many_rules(n: usize) -> String {
    let mut text = String::from(
        "programme p \"many rules\"\n\nrole mentee\nrole mentor\n\n\
         event asked by mentee to mentor\nevent answered by mentor to mentee\n\
         event met by mentor to mentee\n",
    );
    for i in 0..n {
        let must = (i / 3) % 2 == 0;
        let modality = if must { "must" } else { "should" };
        let bound = if must { "at most" } else { "at least" };
        let days = 10 + i % 50;
        let rule = match i % 3 {
            0 => format!("after asked, mentor {modality} answered within {days} days"),
            1 => format!("mentee {modality} have {bound} {days} met"),
            _ => format!("each answered should fall within {days} days after asked"),
        };
        write!(text, "\nrule r{i}\n  {rule}\n").unwrap();
    }
    text
}

fn did_you_mean(c: &mut Criterion) {
    let text = long_misspelt_names();
    let analysis = mentor_check::analyze(&text);
    let suggestions = analysis
        .diagnostics()
        .iter()
        .filter(|d| d.message.contains("did you mean"))
        .count();
    let rules = text.matches("\nrule ").count();
    assert_eq!(suggestions, rules, "every rule gets a suggestion");
    let mut group = c.benchmark_group("long_misspelt_names_80kb");
    group.sample_size(10);
    group.bench_function("parse_only", |b| {
        b.iter(|| mentor_syntax::parse(black_box(&text)))
    });
    group.bench_function("analyze", |b| {
        b.iter(|| mentor_check::analyze(black_box(&text)))
    });
    group.finish();
}

fn warnings(c: &mut Criterion) {
    let mut group = c.benchmark_group("warnings");
    group.sample_size(10);
    for n in [8_000, 32_000] {
        let text = many_rules(n);
        let analysis = mentor_check::analyze(&text);
        assert!(!analysis.has_errors(), "the generated policy is clean");
        let policy = &analysis.parsed.policy;
        let checked = &analysis.checked;
        group.bench_with_input(BenchmarkId::new("parse_only", n), &text, |b, text| {
            b.iter(|| mentor_syntax::parse(black_box(text)))
        });
        group.bench_with_input(BenchmarkId::new("warnings_pass", n), &n, |b, _| {
            b.iter(|| mentor_check::warnings::find(policy, &checked.model, &checked.index))
        });
    }
    group.finish();
}

criterion_group!(benches, did_you_mean, warnings);
criterion_main!(benches);
