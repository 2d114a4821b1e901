//! Every example case's answer, pinned: `mentor next` as text and as JSON, and `mentor run`.
//! The examples and their dates are listed in `examples/as_of.txt`.

use crate::support::{self, mentor, workspace};

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

/// The event names a policy declares (`event NAME by ...`).
fn event_names(policy: &str) -> Vec<String> {
    support::read(policy)
        .lines()
        .filter_map(|l| l.strip_prefix("event "))
        .filter_map(|rest| rest.split_whitespace().next())
        .map(str::to_string)
        .collect()
}

/// The numbered lines of `mentor next` text: `  1. ben must reply to amara's request`.
fn numbered_lines(text: &str) -> Vec<&str> {
    text.lines()
        .filter(|l| {
            let t = l.trim_start();
            let digits = t.chars().take_while(char::is_ascii_digit).count();
            digits > 0 && t[digits..].starts_with(". ")
        })
        .collect()
}

#[test]
fn numbered_lines_say_what_to_do_in_words_not_event_names() {
    for e in examples() {
        let names = event_names(&e.policy);
        assert!(!names.is_empty(), "{} declares no events", e.policy);
        let run = mentor(&["next", &e.policy, &e.case, "--at", &e.date]);
        assert_eq!(run.code, 0, "{}: {}", e.case, run.stderr);
        for line in numbered_lines(&run.stdout) {
            let words: Vec<&str> = line
                .split(|c: char| !(c.is_alphanumeric() || c == '_'))
                .collect();
            for name in &names {
                assert!(
                    !words.contains(&name.as_str()),
                    "{}: `{name}` in the numbered line `{line}`",
                    e.case
                );
            }
        }
    }
}

#[test]
fn binding_duties_come_before_advice_in_the_text() {
    let mut seen_a_must_after_a_should = Vec::new();
    let mut musts = 0;
    for e in examples() {
        let run = mentor(&["next", &e.policy, &e.case, "--at", &e.date]);
        let mut advice_seen = false;
        for line in numbered_lines(&run.stdout) {
            if line.contains(" should ") {
                advice_seen = true;
            } else if line.contains(" must ") {
                musts += 1;
                if advice_seen {
                    seen_a_must_after_a_should.push(format!("{}: {line}", e.case));
                }
            }
        }
    }
    assert!(musts > 0);
    assert!(
        seen_a_must_after_a_should.is_empty(),
        "{seen_a_must_after_a_should:?}"
    );
}

#[test]
fn a_limit_broken_says_what_the_policy_says_follows() {
    let run = mentor(&[
        "next",
        "policies/supportt.mentor",
        "examples/supportt/sessions-and-extension.json",
        "--at",
        "2027-09-10",
        "--format",
        "json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let violation = value["violations"]
        .as_array()
        .unwrap()
        .iter()
        .find(|v| v["rule"] == "session_limit")
        .expect("a session_limit violation");
    assert_eq!(
        violation["if_missed"],
        "ask the SuppoRTT admin team to approve more sessions"
    );
}

#[test]
fn a_long_run_of_missed_months_is_one_entry() {
    let run = mentor(&[
        "next",
        "policies/mentorconnect.mentor",
        "tests/cases/good/mentorconnect_many_months.json",
        "--at",
        "2031-07-15",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("many_missed_months__next_text", run.stdout);
    assert!(
        run.stdout
            .contains("missed every month from March 2027 to June 2031, 52 months")
    );
    // One run per mentor: hal was reached in March, gwen never.
    assert!(
        run.stdout.contains(
            "missed every month from April 2027 to June 2031, 51 months (should, ivo)\n     \
             first:     ivo did not make contact with hal in April 2027"
        ),
        "{}",
        run.stdout
    );
    assert!(run.stdout.lines().count() < 120, "{}", run.stdout);
    // The JSON keeps one entry per month, as the contract says.
    let json = mentor(&[
        "next",
        "policies/mentorconnect.mentor",
        "tests/cases/good/mentorconnect_many_months.json",
        "--at",
        "2031-07-15",
        "--format",
        "json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let check_ins = value["violations"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|v| v["rule"] == "monthly_check_in")
        .count();
    assert_eq!(check_ins, 52 + 51);
}

#[test]
fn run_says_why_a_rematch_notice_is_no_longer_owed() {
    let args = [
        "run",
        "policies/mentorconnect.mentor",
        "tests/cases/good/mentorconnect_reached_after_all.json",
        "--at",
        "2026-11-12",
    ];
    let run = mentor(&args);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout.contains("Nothing is owed on this date."),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout.contains(
            "  - jo: tell hana that a new match is needed (`mentor_non_responsive`)\n     \
             since:     Tuesday 10 November 2026\n     \
             why:       jo made contact with gwen on 10 November 2026: gwen was reached after \
             all, which ends the ladder `mentor_non_responsive`"
        ),
        "{}",
        run.stdout
    );
    let json = mentor(&[
        args[0], args[1], args[2], args[3], args[4], "--format", "json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(value["ended"][0]["rule"], "mentor_non_responsive");
    assert_eq!(value["ended"][0]["at"], "2026-11-10");
}

#[test]
fn every_event_of_the_seed_policies_has_a_phrase() {
    for policy in ["esu", "mentorconnect", "mphp", "supportt"] {
        let file = format!("policies/{policy}.mentor");
        let events: Vec<String> = support::read(&file)
            .lines()
            .filter(|l| l.starts_with("event "))
            .map(str::to_string)
            .collect();
        assert!(events.len() >= 10, "{file}: {} events", events.len());
        for line in events {
            assert!(line.contains(" \""), "{file}: no phrase in `{line}`");
        }
    }
}
