//! The commands as a user or CI runs them: what they print and how they exit.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod store;
mod support;

use support::{mentor, workspace};

#[test]
fn check_passes_on_the_seed_policies() {
    let run = mentor(&["check", "policies/"]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stderr.contains("0 errors and 0 warnings"),
        "{}",
        run.stderr
    );
}

#[test]
fn check_reports_errors_with_exit_1() {
    let run = mentor(&[
        "check",
        "tests/check/multiple/three_independent_mistakes.mentor",
    ]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(
        "check_human",
        format!("{}--- stderr\n{}", run.stdout, run.stderr)
    );
}

#[test]
fn check_json_has_one_object_per_diagnostic() {
    let run = mentor(&[
        "check",
        "--format",
        "json",
        "tests/check/multiple/three_independent_mistakes.mentor",
    ]);
    assert_eq!(run.code, 1);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    let items = value.as_array().unwrap();
    assert_eq!(items.len(), 3);
    for item in items {
        for key in [
            "file",
            "line",
            "column",
            "end_line",
            "end_column",
            "severity",
            "code",
            "message",
            "help",
        ] {
            assert!(item.get(key).is_some(), "missing {key} in {item}");
        }
    }
    insta::assert_snapshot!("check_json", run.stdout);
}

#[test]
fn check_sarif_for_code_scanning() {
    let run = mentor(&[
        "check",
        "--format",
        "sarif",
        "tests/check/invalid/unknown_event_typo.mentor",
    ]);
    assert_eq!(run.code, 1);
    let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
    assert_eq!(value["version"], "2.1.0");
    assert_eq!(value["runs"][0]["results"][0]["ruleId"], "M0202");
    insta::assert_snapshot!("check_sarif", run.stdout);
}

#[test]
fn deny_warnings_turns_warnings_into_errors() {
    let file = "tests/check/warnings/unused_role.mentor";
    assert_eq!(mentor(&["check", file]).code, 0);
    let denied = mentor(&["check", "--deny", "warnings", file]);
    assert_eq!(denied.code, 1);
    assert!(denied.stdout.contains("M0401"), "{}", denied.stdout);
}

#[test]
fn missing_files_and_bad_usage_exit_2() {
    let missing = mentor(&["check", "no/such/policy.mentor"]);
    assert_eq!(missing.code, 2);
    assert!(
        missing
            .stderr
            .contains("no/such/policy.mentor does not exist"),
        "{}",
        missing.stderr
    );
    let usage = mentor(&["next", "policies/supportt.mentor"]);
    assert_eq!(usage.code, 2);
    let bad_date = mentor(&[
        "next",
        "policies/supportt.mentor",
        "examples/supportt/awaiting-response.json",
        "--at",
        "22/12/2026",
    ]);
    assert_eq!(bad_date.code, 2);
    assert!(
        bad_date.stderr.contains("write it as YYYY-MM-DD"),
        "{}",
        bad_date.stderr
    );
}

#[test]
fn fmt_check_lists_unformatted_files_and_exits_1() {
    let run = mentor(&["fmt", "--check", "tests/cli/unformatted.mentor"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!(
        "fmt_check",
        format!("{}--- stderr\n{}", run.stdout, run.stderr)
    );
    assert_eq!(
        mentor(&["fmt", "--check", "policies/", "tests/semantics/"]).code,
        0
    );
}

#[test]
fn fmt_rewrites_a_file_in_place() {
    let dir = std::env::temp_dir().join(format!("mentor-fmt-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let file = dir.join("policy.mentor");
    std::fs::copy(workspace().join("tests/cli/unformatted.mentor"), &file).unwrap();
    let run = mentor(&["fmt", file.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let formatted = std::fs::read_to_string(&file).unwrap();
    insta::assert_snapshot!("fmt_result", formatted);
    assert!(formatted.contains("# a comment stays"));
    assert_eq!(mentor(&["fmt", "--check", file.to_str().unwrap()]).code, 0);
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn test_passes_on_the_seed_policies_with_full_coverage() {
    let run = mentor(&[
        "test",
        "policies/",
        "tests/semantics/",
        "--min-coverage",
        "100",
    ]);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
    assert!(run.stdout.contains(" 0 failed"), "{}", run.stdout);
    for policy in ["esu", "mentorconnect", "mphp", "supportt"] {
        assert!(
            run.stdout.contains(&format!("policies/{policy}.mentor: ")),
            "{}",
            run.stdout
        );
    }
    assert!(
        !run.stdout.contains("not triggered by any test"),
        "{}",
        run.stdout
    );
}

#[test]
fn a_failing_test_says_what_was_expected_and_exits_1() {
    let run = mentor(&["test", "tests/cli/failing.test.mentor"]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("test_failure", run.stdout);
}

#[test]
fn junit_for_ci_systems() {
    let run = mentor(&["test", "--format", "junit", "tests/cli/failing.test.mentor"]);
    assert_eq!(run.code, 1);
    assert!(run.stdout.starts_with("<?xml"), "{}", run.stdout);
    assert!(run.stdout.contains("<failure"), "{}", run.stdout);
    assert!(run.stderr.contains("0 passed, 1 failed"), "{}", run.stderr);
}

#[test]
fn a_broken_case_file_is_reported_with_exit_1() {
    let run = mentor(&[
        "next",
        "policies/supportt.mentor",
        "tests/cases/bad/supportt__unknown_event.json",
        "--at",
        "2027-01-01",
    ]);
    assert_eq!(run.code, 1);
    insta::assert_snapshot!("next_bad_case", run.stderr);
}

#[test]
fn a_broken_policy_stops_next_with_exit_1() {
    let run = mentor(&[
        "next",
        "tests/check/invalid/unknown_calendar.mentor",
        "examples/supportt/awaiting-response.json",
        "--at",
        "2027-01-01",
    ]);
    assert_eq!(run.code, 1);
    assert!(run.stderr.contains("M0206"), "{}", run.stderr);
}

#[test]
fn dates_outside_the_calendar_are_errors_not_guesses() {
    let dir = std::env::temp_dir().join(format!("mentor-cal-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let case = dir.join("late.json");
    std::fs::write(
        &case,
        r#"{"case": "late", "participants": [{"id": "a", "role": "mentee"}, {"id": "b", "role": "mentor"}],
            "events": [{"at": "2032-12-30", "event": "mentoring_requested", "by": "a", "to": "b"}]}"#,
    )
    .unwrap();
    let run = mentor(&[
        "next",
        "policies/supportt.mentor",
        case.to_str().unwrap(),
        "--at",
        "2032-12-31",
    ]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("only knows the years 2018 to 2032"),
        "{}",
        run.stdout
    );
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn times_with_an_offset_are_converted_to_the_programme_time_zone() {
    // Due 2027-01-11. 20:00 in New York is 01:00 on the 12th in London: one day late.
    // 00:30 at UTC+1 is 23:30 on the 11th in London: on time.
    let dir = std::env::temp_dir().join(format!("mentor-zone-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    for (name, answered, late) in [
        ("late", "2027-01-11T20:00:00-05:00", true),
        ("on_time", "2027-01-12T00:30:00+01:00", false),
    ] {
        let case = dir.join(format!("{name}.json"));
        std::fs::write(
            &case,
            format!(
                r#"{{"case": "{name}", "participants": [{{"id": "a", "role": "mentee"}}, {{"id": "b", "role": "mentor"}}],
                    "events": [{{"at": "2027-01-04", "event": "mentoring_requested", "by": "a", "to": "b"}},
                               {{"at": "{answered}", "event": "mentor_responded", "by": "b", "to": "a"}}]}}"#
            ),
        )
        .unwrap();
        let run = mentor(&[
            "next",
            "policies/supportt.mentor",
            case.to_str().unwrap(),
            "--at",
            "2027-01-20",
            "--format",
            "json",
        ]);
        assert_eq!(run.code, 0, "{}", run.stderr);
        let value: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
        let respond_broken = value["violations"]
            .as_array()
            .unwrap()
            .iter()
            .any(|v| v["rule"] == "respond");
        assert_eq!(respond_broken, late, "{name}: {}", run.stdout);
    }
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn a_test_whose_dates_cannot_be_worked_out_fails() {
    let run = mentor(&["test", "tests/cli/past_calendar.test.mentor"]);
    assert_eq!(run.code, 1, "{}", run.stdout);
    assert!(
        run.stdout.contains("only knows the years 2018 to 2032"),
        "{}",
        run.stdout
    );
}

#[test]
fn coverage_lists_the_rules_no_test_triggers() {
    let run = mentor(&["test", "tests/cli/partial_coverage.mentor", "--coverage"]);
    assert_eq!(run.code, 0, "{}", run.stdout);
    insta::assert_snapshot!("test_coverage", run.stdout);
    let strict = mentor(&[
        "test",
        "tests/cli/partial_coverage.mentor",
        "--min-coverage",
        "100",
    ]);
    assert_eq!(strict.code, 1);
    assert!(
        strict
            .stderr
            .contains("the tests trigger 1 of 2 rules, below the required 100%"),
        "{}",
        strict.stderr
    );
}

#[test]
fn junit_report_shape() {
    let run = mentor(&[
        "test",
        "--format",
        "junit",
        "tests/cli/failing.test.mentor",
        "tests/cli/partial_coverage.mentor",
    ]);
    insta::assert_snapshot!("test_junit", run.stdout);
}
