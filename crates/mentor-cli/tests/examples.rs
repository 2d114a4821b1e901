//! Every example case's answer, pinned: `mentor next` as text and as JSON, and `mentor run`.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]
//! The examples and their dates are listed in `examples/as_of.txt`.

mod support;

use support::{mentor, workspace};

struct Example {
    case: String,
    policy: String,
    date: String,
}

fn examples() -> Vec<Example> {
    let list = std::fs::read_to_string(workspace().join("examples/as_of.txt")).unwrap();
    list.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| {
            let parts: Vec<&str> = l.split_whitespace().collect();
            assert_eq!(
                parts.len(),
                3,
                "examples/as_of.txt: `{l}` should be `case policy date`"
            );
            Example {
                case: format!("examples/{}", parts[0]),
                policy: parts[1].to_string(),
                date: parts[2].to_string(),
            }
        })
        .collect()
}

fn snapshot_name(case: &str, suffix: &str) -> String {
    let stem = case
        .trim_start_matches("examples/")
        .replace(['/', '.'], "_");
    format!("{stem}__{suffix}")
}

#[test]
fn every_example_file_is_listed() {
    let listed: Vec<String> = examples().into_iter().map(|e| e.case).collect();
    for dir in std::fs::read_dir(workspace().join("examples")).unwrap() {
        let dir = dir.unwrap().path();
        if !dir.is_dir() || dir.ends_with("ci") {
            continue;
        }
        for file in std::fs::read_dir(&dir).unwrap() {
            let name = file.unwrap().file_name().into_string().unwrap();
            if name.ends_with(".json") || name.ends_with(".events.csv") {
                let rel = format!(
                    "examples/{}/{name}",
                    dir.file_name().unwrap().to_str().unwrap()
                );
                assert!(
                    listed.contains(&rel),
                    "{rel} is not listed in examples/as_of.txt"
                );
            }
        }
    }
    assert!(
        listed.len() >= 12,
        "at least three examples per seed policy"
    );
}

#[test]
fn next_text_json_and_run_for_every_example() {
    for e in examples() {
        let support::Run {
            stdout: text,
            stderr: err,
            code,
        } = mentor(&["next", &e.policy, &e.case, "--at", &e.date]);
        assert_eq!(code, 0, "{} failed: {err}", e.case);
        insta::assert_snapshot!(
            snapshot_name(&e.case, "next_text"),
            text,
            &format!("mentor next {} {} --at {}", e.policy, e.case, e.date)
        );

        let support::Run {
            stdout: json,
            stderr: err,
            code,
        } = mentor(&[
            "next", &e.policy, &e.case, "--at", &e.date, "--format", "json",
        ]);
        assert_eq!(code, 0, "{} failed: {err}", e.case);
        let value: serde_json::Value = serde_json::from_str(&json).unwrap();
        for key in ["case", "as_of", "next", "violations", "eligibility"] {
            assert!(
                value.get(key).is_some(),
                "{}: the JSON has no `{key}`",
                e.case
            );
        }
        insta::assert_snapshot!(
            snapshot_name(&e.case, "next_json"),
            json,
            &format!(
                "mentor next {} {} --at {} --format json",
                e.policy, e.case, e.date
            )
        );

        let support::Run {
            stdout: run,
            stderr: err,
            code,
        } = mentor(&["run", &e.policy, &e.case, "--at", &e.date]);
        assert_eq!(code, 0, "{} failed: {err}", e.case);
        insta::assert_snapshot!(
            snapshot_name(&e.case, "run_text"),
            run,
            &format!("mentor run {} {} --at {}", e.policy, e.case, e.date)
        );
    }
}
