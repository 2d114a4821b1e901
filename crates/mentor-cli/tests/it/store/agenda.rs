//! `mentor agenda` on a store: the same agenda as on the case files it was imported from.

use super::backend::{TestStore, stores};

#[test]
fn the_agenda_of_a_store_is_the_agenda_of_its_case_files() {
    for store in stores() {
        store.init("policies/supportt.mentor");
        let run = store.mentor(&["import", &TestStore::file("examples/supportt")]);
        assert_eq!(run.code, 0, "{}", run.both());
        for format in ["text", "json", "csv", "ics"] {
            let from_files = store.mentor(&[
                "agenda",
                &TestStore::file("policies/supportt.mentor"),
                &TestStore::file("examples/supportt"),
                "--at",
                "2027-01-10",
                "--since",
                "2026-01-01",
                "--format",
                format,
            ]);
            assert_eq!(from_files.code, 0, "{}", from_files.both());
            let from_store = store.mentor(&[
                "agenda",
                "--at",
                "2027-01-10",
                "--since",
                "2026-01-01",
                "--format",
                format,
            ]);
            assert_eq!(from_store.code, 0, "{}", from_store.both());
            let policy_name = TestStore::file("policies/supportt.mentor");
            let same = |s: &str| {
                s.replace(&policy_name, "policy version 1")
                    .replace("policies/supportt.mentor", "policy version 1")
            };
            assert_eq!(
                same(&from_files.stdout),
                same(&from_store.stdout),
                "{} {format}",
                store.backend
            );
            assert!(
                from_store.stdout.contains("S-0001"),
                "{}",
                from_store.stdout
            );
        }
        // Filters work on the store as on files.
        let overdue = store.mentor(&[
            "agenda",
            "--at",
            "2027-01-10",
            "--band",
            "overdue",
            "--format",
            "json",
        ]);
        assert_eq!(overdue.code, 0, "{}", overdue.both());
        let rows: serde_json::Value = serde_json::from_str(&overdue.stdout).unwrap();
        assert!(overdue.stdout.contains("overdue"), "{rows}");
        // `--stream` prints each case's rows as the case files' stream does (the store's
        // order of cases aside), and `--fail-on overdue` fails on what is overdue.
        for format in ["text", "json", "csv"] {
            let args = |from_files: bool| {
                let mut args = vec!["agenda".to_string()];
                if from_files {
                    args.push(TestStore::file("policies/supportt.mentor"));
                    args.push(TestStore::file("examples/supportt"));
                }
                for a in ["--at", "2027-01-10", "--stream", "--fail-on", "overdue"] {
                    args.push(a.to_string());
                }
                args.extend(["--format".to_string(), format.to_string()]);
                args
            };
            let lines = |run: &super::backend::Run| {
                let mut lines: Vec<String> = run
                    .stdout
                    .replace(
                        &TestStore::file("policies/supportt.mentor"),
                        "policy version 1",
                    )
                    .lines()
                    .map(str::to_string)
                    .collect();
                lines.sort();
                lines
            };
            let files_args = args(true);
            let from_files =
                store.mentor(&files_args.iter().map(String::as_str).collect::<Vec<_>>());
            let store_args = args(false);
            let from_store =
                store.mentor(&store_args.iter().map(String::as_str).collect::<Vec<_>>());
            assert_eq!(from_files.code, 1, "{}", from_files.both());
            assert_eq!(from_store.code, 1, "{}", from_store.both());
            assert!(
                from_store.stderr.contains("--fail-on: "),
                "{}",
                from_store.both()
            );
            assert_eq!(
                lines(&from_files),
                lines(&from_store),
                "{} {format}",
                store.backend
            );
        }
    }
}
