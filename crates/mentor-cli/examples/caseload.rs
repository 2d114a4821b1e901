//! Writes a generated caseload as JSON lines to standard output, for the end-to-end
//! measure of `mentor agenda` in BENCHMARKS.md:
//!
//! `cargo run --release -p mentor-cli --example caseload -- 1000000 supportt > target/caseload.jsonl`
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::expect_used)]

#[path = "../benches/generate/mod.rs"]
mod generate;

use std::io::Write;

fn main() {
    let mut args = std::env::args().skip(1);
    let count: u64 = args.next().and_then(|n| n.parse().ok()).unwrap_or(1000);
    let policy = args.next().unwrap_or_else(|| "supportt".to_string());
    let (analysis, _) = generate::seed_policy(&policy);
    assert!(
        !analysis.has_errors(),
        "policies/{policy}.mentor has errors"
    );
    let model = &analysis.checked.model;
    let mut random = generate::Random::new(2026);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 20, stdout.lock());
    let mut line = String::new();
    for n in 0..count {
        generate::case_line(model, n, &mut random, &mut line);
        out.write_all(line.as_bytes()).unwrap();
        out.write_all(b"\n").unwrap();
    }
    out.flush().unwrap();
}
