//! The commands as a user or CI runs them: what they print and how they exit.

use crate::support::{self, mentor, workspace};

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
    for far in ["9999-12-31", "0001-01-01", "1899-12-31", "2200-01-01"] {
        let run = mentor(&[
            "next",
            "policies/mentorconnect.mentor",
            "examples/mentorconnect/problem-follow-up.json",
            "--at",
            far,
        ]);
        assert_eq!(run.code, 2, "{far}: {}", run.stderr);
        assert!(
            run.stderr
                .contains("is outside the years mentor works with (1900 to 2199)"),
            "{far}: {}",
            run.stderr
        );
        assert!(run.stdout.is_empty(), "{far}: {}", run.stdout);
    }
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
            "events": [{"at": "2035-12-28", "event": "mentoring_requested", "by": "a", "to": "b"}]}"#,
    )
    .unwrap();
    let run = mentor(&[
        "next",
        "policies/supportt.mentor",
        case.to_str().unwrap(),
        "--at",
        "2035-12-31",
    ]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    assert!(
        run.stdout.contains("only knows the years 2018 to 2035"),
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
        run.stdout.contains("only knows the years 2018 to 2035"),
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
fn a_policy_without_tests_counts_as_not_covered() {
    let run = mentor(&["test", "tests/cli/untested.mentor", "--min-coverage", "100"]);
    assert_eq!(run.code, 1, "{}{}", run.stdout, run.stderr);
    insta::assert_snapshot!(
        "test_untested",
        format!("{}--- stderr\n{}", run.stdout, run.stderr)
    );
    // Any minimum above zero fails; zero asks for nothing.
    let one = mentor(&["test", "tests/cli/untested.mentor", "--min-coverage", "1"]);
    assert_eq!(one.code, 1, "{}", one.stderr);
    let zero = mentor(&["test", "tests/cli/untested.mentor", "--min-coverage", "0"]);
    assert_eq!(zero.code, 0, "{}", zero.stderr);
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

/// `mentor agenda` on one programme's folder of examples, as the README walks through it.
#[test]
fn agenda_of_each_programme_folder() {
    for (programme, date) in [
        ("supportt", "2027-04-06"),
        ("mphp", "2026-11-23"),
        ("mentorconnect", "2026-11-12"),
        ("esu", "2026-11-23"),
    ] {
        let policy = format!("policies/{programme}.mentor");
        let folder = format!("examples/{programme}");
        let run = mentor(&[
            "agenda",
            &policy,
            &folder,
            "--at",
            date,
            "--since",
            "2026-01-01",
        ]);
        assert_eq!(run.code, 0, "{programme}: {}", run.stderr);
        insta::assert_snapshot!(
            format!("agenda_{programme}"),
            run.stdout,
            &format!("mentor agenda {policy} {folder} --at {date} --since 2026-01-01")
        );
    }
}

#[test]
fn agenda_stream_with_one_bad_case_answers_the_others() {
    let run = mentor(&[
        "agenda",
        "policies/supportt.mentor",
        "tests/cli/agenda/caseload.jsonl",
        "--at",
        "2026-12-22",
    ]);
    assert_eq!(run.code, 1, "a case had problems");
    assert!(run.stderr.contains("caseload.jsonl:3:"), "{}", run.stderr);
    for case in ["S-0101", "S-0104"] {
        assert!(run.stdout.contains(case), "{case} is answered");
    }
    assert!(!run.stdout.contains("S-0103"));
    insta::assert_snapshot!(
        "agenda_stream_with_a_bad_case",
        format!("{}--- stderr\n{}", run.stdout, run.stderr)
    );
}

#[test]
fn agenda_reads_a_stream_from_standard_input() {
    let input = support::read("tests/cli/agenda/caseload.jsonl");
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_mentor"))
        .args([
            "agenda",
            "policies/supportt.mentor",
            "-",
            "--at",
            "2026-12-22",
            "--format",
            "json",
        ])
        .current_dir(workspace())
        .env("NO_COLOR", "1")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .and_then(|mut child| {
            use std::io::Write;
            child.stdin.take().unwrap().write_all(input.as_bytes())?;
            child.wait_with_output()
        })
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("standard input:3:"), "{stderr}");
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let cases: Vec<&str> = value["next"]
        .as_array()
        .unwrap()
        .iter()
        .map(|i| i["case"].as_str().unwrap())
        .collect();
    assert_eq!(cases, ["S-0104", "S-0101"]);
}

#[test]
fn agenda_of_a_csv_caseload_reports_a_bad_row_by_its_line() {
    let run = mentor(&[
        "agenda",
        "policies/supportt.mentor",
        "tests/cli/agenda/caseload.events.csv",
        "--at",
        "2026-12-22",
    ]);
    assert_eq!(run.code, 1);
    assert!(
        run.stderr.contains("caseload.events.csv:6:"),
        "{}",
        run.stderr
    );
    insta::assert_snapshot!(
        "agenda_csv_caseload",
        format!("{}--- stderr\n{}", run.stdout, run.stderr)
    );
}

#[test]
fn agenda_filters_and_formats() {
    let args = |extra: &[&str]| {
        let mut all = vec![
            "agenda",
            "policies/supportt.mentor",
            "tests/cli/agenda/caseload.jsonl",
            "--at",
            "2026-12-22",
        ];
        all.extend_from_slice(extra);
        mentor(&all)
    };
    let overdue = args(&["--band", "overdue", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(overdue.stdout.as_bytes());
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), 1);
    assert_eq!(&rows[0][0], "overdue");
    assert_eq!(&rows[0][3], "S-0104");
    let within = args(&["--within", "3d", "--format", "json"]);
    let value: serde_json::Value = serde_json::from_str(&within.stdout).unwrap();
    assert_eq!(
        value["next"].as_array().unwrap().len(),
        1,
        "due in 7 days is left out"
    );
    let party = args(&["--party", "nobody"]);
    assert!(party.stdout.contains("0 open duties"), "{}", party.stdout);
    let ics = args(&["--format", "ics"]);
    assert!(ics.stdout.starts_with("BEGIN:VCALENDAR\r\n"));
    assert_eq!(ics.stdout.matches("BEGIN:VEVENT").count(), 2);
    let bad_role = args(&["--role", "mentr"]);
    assert_eq!(bad_role.code, 2);
    assert!(
        bad_role.stderr.contains("did you mean `mentor`?"),
        "{}",
        bad_role.stderr
    );
    let bad_band = args(&["--band", "soon"]);
    assert_eq!(bad_band.code, 2);
}

#[test]
fn agenda_compare_lists_what_a_policy_change_changes() {
    let run = mentor(&[
        "agenda",
        "tests/cli/agenda/supportt-10-days.mentor",
        "tests/cli/agenda/caseload.jsonl",
        "--compare",
        "policies/supportt.mentor",
        "--at",
        "2026-12-22",
    ]);
    assert_eq!(run.code, 1, "the bad case is still reported");
    insta::assert_snapshot!("agenda_compare", run.stdout);
    let json = mentor(&[
        "agenda",
        "tests/cli/agenda/supportt-10-days.mentor",
        "tests/cli/agenda/caseload.jsonl",
        "--compare",
        "policies/supportt.mentor",
        "--at",
        "2026-12-22",
        "--format",
        "json",
    ]);
    let value: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    let changes = value["changes"].as_array().unwrap();
    assert_eq!(changes.len(), 2, "two cases wait for a response");
    assert_eq!(changes[0]["changes"][0]["change"], "moved_duty");
}

#[test]
fn next_with_a_what_if_event() {
    let run = mentor(&[
        "next",
        "policies/supportt.mentor",
        "examples/supportt/awaiting-response.json",
        "--at",
        "2026-12-22",
        "--with",
        "mentor_declined --by ben --to amara --at 2026-12-21",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    insta::assert_snapshot!("next_with", run.stdout);
    let bad = mentor(&[
        "next",
        "policies/supportt.mentor",
        "examples/supportt/awaiting-response.json",
        "--with",
        "session_held --by amara --to ben --at 2026-12-21 --set minuts=90",
    ]);
    assert_eq!(bad.code, 2);
    insta::assert_snapshot!("next_with_bad_event", bad.stderr);
}

#[test]
fn next_reads_a_windows_1252_export_with_a_note() {
    let run = mentor(&[
        "next",
        "policies/supportt.mentor",
        "tests/cases/spreadsheet/windows_1252.events.csv",
        "--at",
        "2027-01-10",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stderr.contains("read as Windows-1252"),
        "{}",
        run.stderr
    );
    assert!(run.stderr.contains("M0520"), "{}", run.stderr);
    assert!(run.stdout.contains("Case S-0001") || run.stdout.contains("Case windows_1252"));
}

/// The README's what-if: MPHP's planned five years of recovery instead of three. The
/// variant differs from the policy in that one figure only.
#[test]
fn agenda_compare_of_mphps_planned_change() {
    let policy = support::read("policies/mphp.mentor");
    let variant = support::read("examples/what-if/mphp-5-years.mentor");
    let differing: Vec<(&str, &str)> = policy
        .lines()
        .zip(variant.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(
        differing,
        [(
            "      time since recovery_since >= 36 months,",
            "      time since recovery_since >= 60 months,"
        )]
    );
    assert_eq!(policy.lines().count(), variant.lines().count());
    let run = mentor(&[
        "agenda",
        "examples/what-if/mphp-5-years.mentor",
        "examples/mphp",
        "--compare",
        "policies/mphp.mentor",
        "--at",
        "2026-11-23",
    ]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        run.stdout
            .contains("vic (mentor): NOT eligible instead of eligible")
    );
    insta::assert_snapshot!("agenda_compare_mphp_five_years", run.stdout);
}

/// `--stream` prints the same rows as the sorted agenda, in the order of the cases.
#[test]
fn agenda_stream_prints_the_same_rows_in_case_order() {
    let run = |extra: &[&str]| {
        let mut all = vec![
            "agenda",
            "policies/mphp.mentor",
            "examples/mphp",
            "--at",
            "2026-11-23",
            "--since",
            "2026-01-01",
        ];
        all.extend_from_slice(extra);
        mentor(&all)
    };
    let rows = |text: &str| -> Vec<Vec<String>> {
        csv::Reader::from_reader(text.as_bytes())
            .records()
            .map(|r| r.unwrap().iter().map(String::from).collect())
            .collect()
    };
    let sorted = rows(&run(&["--format", "csv"]).stdout);
    let streamed = rows(&run(&["--format", "csv", "--stream"]).stdout);
    let mut a = sorted.clone();
    let mut b = streamed.clone();
    a.sort();
    b.sort();
    assert_eq!(a, b, "the same rows");
    let cases: Vec<&str> = streamed.iter().map(|r| r[3].as_str()).collect();
    let mut order = cases.clone();
    order.dedup();
    assert_eq!(
        order,
        ["M-0112", "ended-mutually", "M-0121", "M-0107"],
        "files in name order: {cases:?}"
    );
    let json = run(&["--format", "json", "--stream"]);
    for line in json.stdout.lines() {
        let value: serde_json::Value = serde_json::from_str(line).unwrap();
        assert!(value.get("case").is_some());
    }
    assert_eq!(json.stdout.lines().count(), sorted.len());
}

/// A project (it holds `.git`) with the SuppoRTT policy and a test file whose test reads
/// `case`, and a folder outside it with a good case file; returns the temporary folder
/// holding both.
fn project_with_test_reading(case: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    let outside = dir.path().join("outside");
    for folder in [&project.join(".git"), &outside] {
        std::fs::create_dir_all(folder).unwrap();
    }
    let good = workspace().join("tests/cases/good/supportt_contract_example.json");
    std::fs::copy(
        workspace().join("policies/supportt.mentor"),
        project.join("supportt.mentor"),
    )
    .unwrap();
    std::fs::copy(&good, project.join("case.json")).unwrap();
    std::fs::copy(&good, outside.join("case.json")).unwrap();
    #[cfg(unix)]
    {
        std::os::unix::fs::symlink(outside.join("case.json"), project.join("link.json")).unwrap();
        let made = std::process::Command::new("mkfifo")
            .arg(project.join("pipe.json"))
            .status()
            .unwrap();
        assert!(made.success());
    }
    std::fs::write(
        project.join("reads.test.mentor"),
        format!("policy \"supportt.mentor\"\n\ntest reads\n  case \"{case}\"\n  at 2027-01-06\n  expect respond is met\n"),
    )
    .unwrap();
    dir
}

#[test]
fn a_test_file_reads_only_regular_files_inside_its_project() {
    let patience = std::time::Duration::from_secs(20);
    let mut cases = vec!["../outside/case.json"];
    if cfg!(unix) {
        cases.extend(["link.json", "pipe.json", "/dev/zero", "/dev/stdin"]);
    }
    for case in cases {
        let dir = project_with_test_reading(case);
        let project = dir.path().join("project");
        for command in ["check", "test"] {
            let run = support::mentor_in(&project, &[command, "reads.test.mentor"], patience);
            assert_eq!(
                run.code, 1,
                "{command} {case}: {}{}",
                run.stdout, run.stderr
            );
            let output = format!("{}{}", run.stdout, run.stderr);
            assert!(output.contains("M0603"), "{command} {case}: {output}");
            assert!(
                output.contains("reads.test.mentor:4:8"),
                "{command} {case}: located at the case line: {output}"
            );
        }
    }
    // the same test reading the case inside the project passes
    let dir = project_with_test_reading("case.json");
    let run = support::mentor_in(&dir.path().join("project"), &["test", "."], patience);
    assert_eq!(run.code, 0, "{}{}", run.stdout, run.stderr);
}

#[test]
fn oversize_files_are_refused_without_reading_them() {
    let dir = tempfile::tempdir().unwrap();
    let policy = dir.path().join("big.mentor");
    std::fs::File::create(&policy)
        .unwrap()
        .set_len(mentor_syntax::limits::MAX_POLICY_BYTES as u64 + 1)
        .unwrap();
    let run = mentor(&["check", policy.to_str().unwrap()]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("is larger than 4 MB, the most it may be"),
        "{}",
        run.stderr
    );
    let case = dir.path().join("big.json");
    std::fs::File::create(&case)
        .unwrap()
        .set_len(mentor_eval::load::MAX_CASE_BYTES as u64 + 1)
        .unwrap();
    let run = mentor(&[
        "next",
        "policies/supportt.mentor",
        case.to_str().unwrap(),
        "--at",
        "2027-01-01",
    ]);
    assert_eq!(run.code, 2, "{}", run.stderr);
    assert!(
        run.stderr
            .contains("is larger than 16 MB, the most it may be"),
        "{}",
        run.stderr
    );
}

#[cfg(unix)]
#[test]
fn fmt_through_a_link_formats_the_target_keeps_the_link_and_the_permissions() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().unwrap();
    let real = dir.path().join("real");
    std::fs::create_dir_all(real.join("sub")).unwrap();
    let target = real.join("policy.mentor");
    std::fs::copy(workspace().join("tests/cli/unformatted.mentor"), &target).unwrap();
    std::fs::set_permissions(&target, std::fs::Permissions::from_mode(0o600)).unwrap();
    let link = dir.path().join("link.mentor");
    std::os::unix::fs::symlink(&target, &link).unwrap();
    // a loop: real/sub/up leads back to real
    std::os::unix::fs::symlink(&real, real.join("sub/up")).unwrap();

    let run = mentor(&["fmt", link.to_str().unwrap()]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(
        std::fs::symlink_metadata(&link)
            .unwrap()
            .file_type()
            .is_symlink(),
        "the link is still a link"
    );
    let formatted = std::fs::read_to_string(&target).unwrap();
    assert_eq!(formatted, mentor_fmt::format(&formatted).unwrap());
    assert!(formatted.contains("# a comment stays"));
    let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
    assert_eq!(mode, 0o600, "{mode:o}");
    let leftovers: Vec<_> = std::fs::read_dir(&real)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .filter(|n| n.to_string_lossy().contains("mentor-fmt"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");

    // the folder with a loop is searched once; the file through the link counts once
    std::fs::copy(workspace().join("tests/cli/unformatted.mentor"), &target).unwrap();
    let run = support::mentor_in(
        dir.path(),
        &["fmt", "real", "link.mentor"],
        std::time::Duration::from_secs(20),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(
        run.stdout, "formatted real/policy.mentor\n",
        "{}",
        run.stderr
    );
    let run = support::mentor_in(
        dir.path(),
        &["check", "real"],
        std::time::Duration::from_secs(20),
    );
    assert!(
        run.stderr.contains("checked 1 policy file"),
        "{}",
        run.stderr
    );
}

/// `mentor next ... | head`: when the reader goes away, mentor stops quietly.
#[test]
fn a_closed_pipe_ends_the_command_quietly() {
    for args in [
        &[
            "next",
            "policies/supportt.mentor",
            "examples/supportt/awaiting-response.json",
            "--at",
            "2026-12-22",
        ][..],
        &["check", "--format", "json", "policies/"][..],
        &["test", "policies/"][..],
    ] {
        let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_mentor"))
            .args(args)
            .current_dir(workspace())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped())
            .spawn()
            .unwrap();
        drop(child.stdout.take());
        let out = child.wait_with_output().unwrap();
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(!stderr.contains("panicked"), "{args:?}: {stderr}");
        assert_eq!(out.status.code(), Some(0), "{args:?}: {stderr}");
    }
}
