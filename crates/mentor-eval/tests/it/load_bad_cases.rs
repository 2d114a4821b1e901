//! Malformed case files (`tests/cases/bad/`): each must fail to load, and the rendered
//! diagnostics are snapshots. The policy a case is checked against is named at the start of
//! its file name: `supportt__unknown_event.json`, `csv_mphp__bad_cell.events.csv` (with
//! `csv_mphp__bad_cell.participants.csv` next to it).

use mentor_check::model::Model;
use mentor_diagnostics::render::{Style, human};
use mentor_eval::load::{CsvFile, load_csv, load_json};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The model of `policies/<name>.mentor`, which must check without errors.
fn policy(name: &str) -> Model {
    let path = workspace().join("policies").join(format!("{name}.mentor"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let analysis = mentor_check::analyze(&text);
    let errors: Vec<_> = analysis
        .diagnostics()
        .into_iter()
        .filter(|d| d.is_error())
        .collect();
    assert!(
        errors.is_empty(),
        "policies/{name}.mentor has errors: {errors:?}"
    );
    analysis.checked.model
}

/// The policy named before `__` in a file name (after `csv_` for CSV pairs).
fn policy_of(file_name: &str) -> Model {
    let name = file_name.strip_prefix("csv_").unwrap_or(file_name);
    let (policy_name, _) = name
        .split_once("__")
        .unwrap_or_else(|| panic!("{file_name}: name the policy first: `supportt__...`"));
    policy(policy_name)
}

fn relative(path: &Path) -> String {
    let name = path.file_name().unwrap().to_string_lossy();
    format!("tests/cases/bad/{name}")
}

#[test]
fn bad_json_cases() {
    insta::glob!("../../../../tests/cases/bad", "*.json", |path| {
        let file_name = path.file_name().unwrap().to_string_lossy().to_string();
        let model = policy_of(&file_name);
        let text = std::fs::read_to_string(path).unwrap();
        let stem = file_name.trim_end_matches(".json");
        let diags = match load_json(&model, &text, stem) {
            Ok(case) => panic!("{file_name} loaded, but it should not: {case:?}"),
            Err(diags) => diags,
        };
        // The quick reader (no positions) gives up on every bad file, so that the full
        // reader can say where the problem is.
        assert!(
            mentor_eval::load::load_json_quick(&model, &text, stem).is_none(),
            "{file_name}: the quick reader accepted a bad case"
        );
        assert!(
            !diags.is_empty(),
            "{file_name}: an error without diagnostics"
        );
        insta::assert_snapshot!(human(&relative(path), &text, &diags, Style::Plain));
    });
}

#[test]
fn bad_csv_cases() {
    insta::glob!("../../../../tests/cases/bad", "*.events.csv", |path| {
        let file_name = path.file_name().unwrap().to_string_lossy().to_string();
        let stem = file_name.trim_end_matches(".events.csv");
        let model = policy_of(stem);
        let participants_path = path.with_file_name(format!("{stem}.participants.csv"));
        let events = std::fs::read_to_string(path).unwrap();
        let participants = std::fs::read_to_string(&participants_path)
            .unwrap_or_else(|e| panic!("{}: {e}", participants_path.display()));
        let problems = match load_csv(&model, &events, &participants, stem) {
            Ok(case) => panic!("{file_name} loaded, but it should not: {case:?}"),
            Err(problems) => problems,
        };
        assert!(
            !problems.is_empty(),
            "{file_name}: an error without diagnostics"
        );
        let of = |file: CsvFile| -> Vec<_> {
            problems
                .iter()
                .filter(|(f, _)| *f == file)
                .map(|(_, d)| d.clone())
                .collect()
        };
        let mut rendered = String::new();
        for (file, path, text) in [
            (
                CsvFile::Participants,
                participants_path.as_path(),
                &participants,
            ),
            (CsvFile::Events, path, &events),
        ] {
            let diags = of(file);
            if !diags.is_empty() {
                rendered.push_str(&human(&relative(path), text, &diags, Style::Plain));
            }
        }
        insta::assert_snapshot!(rendered);
    });
}

/// Every CSV pair is complete, so that a missing half does not pass unnoticed.
#[test]
fn csv_pairs_are_complete() {
    let dir = workspace().join("tests/cases/bad");
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        if let Some(stem) = name.strip_suffix(".participants.csv") {
            assert!(
                dir.join(format!("{stem}.events.csv")).exists(),
                "{name} has no events file"
            );
        }
    }
}

/// The same CSV pair with Windows line ends (`\r\n`) on every line, or on every other line:
/// each problem is found at the same line and column as with `\n` alone, and with the same
/// message (which may name a line).
#[test]
fn csv_positions_are_the_same_with_windows_and_mixed_line_ends() {
    use mentor_diagnostics::LineIndex;
    let dir = workspace().join("tests/cases/bad");
    let mut pairs = 0;
    for entry in std::fs::read_dir(&dir).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().to_string();
        let Some(stem) = name.strip_suffix(".events.csv") else {
            continue;
        };
        let model = policy_of(stem);
        let read = |suffix: &str| {
            std::fs::read_to_string(dir.join(format!("{stem}.{suffix}.csv")))
                .unwrap()
                .replace("\r\n", "\n")
        };
        let (events, participants) = (read("events"), read("participants"));
        // where each problem is, as (file, line, column, message)
        let located = |events: &str, participants: &str| -> Vec<(CsvFile, u32, u32, String)> {
            let problems = load_csv(&model, events, participants, stem).unwrap_err();
            problems
                .into_iter()
                .map(|(file, d)| {
                    let text = match file {
                        CsvFile::Events => events,
                        CsvFile::Participants => participants,
                    };
                    let at = LineIndex::new(text).line_col(text, d.span().start());
                    (file, at.line, at.column, d.message)
                })
                .collect()
        };
        let expected = located(&events, &participants);
        let windows = |text: &str| text.replace('\n', "\r\n");
        let mixed = |text: &str| {
            text.split_inclusive('\n')
                .enumerate()
                .map(|(i, line)| {
                    if i % 2 == 1 {
                        line.replace('\n', "\r\n")
                    } else {
                        line.to_string()
                    }
                })
                .collect::<String>()
        };
        assert_eq!(
            located(&windows(&events), &windows(&participants)),
            expected,
            "{name} with \\r\\n"
        );
        assert_eq!(
            located(&mixed(&events), &mixed(&participants)),
            expected,
            "{name} with mixed line ends"
        );
        pairs += 1;
    }
    assert!(pairs > 5, "only {pairs} CSV pairs");
}
