//! `mentor export` writes back what `mentor import` read: the same cases, answering the same.

use super::backend::{TestStore, stores};

#[test]
fn import_then_export_round_trips() {
    for store in stores() {
        store.init("policies/supportt.mentor");
        let run = store.mentor(&["import", &TestStore::file("examples/supportt")]);
        assert_eq!(run.code, 0, "{}", run.both());
        let first = store.dir.path().join("first");
        let run = store.mentor(&["export", "--out", first.to_str().unwrap()]);
        assert_eq!(run.code, 0, "{}", run.both());
        // Each exported case answers exactly as the file it came from.
        for (original, exported) in [
            ("examples/supportt/awaiting-response.json", "S-0001.json"),
            (
                "examples/supportt/sessions-and-extension.json",
                "S-0002.json",
            ),
            (
                "examples/supportt/easter-request.events.csv",
                "easter-request.json",
            ),
        ] {
            let policy = TestStore::file("policies/supportt.mentor");
            let ask = |case: &str| {
                let run = store.mentor(&[
                    "next",
                    &policy,
                    case,
                    "--at",
                    "2027-06-01",
                    "--format",
                    "json",
                ]);
                assert_eq!(run.code, 0, "{}", run.both());
                run.stdout
            };
            let exported = first.join(exported);
            assert!(
                exported.is_file(),
                "{} was not exported",
                exported.display()
            );
            assert_eq!(
                ask(&TestStore::file(original)),
                ask(exported.to_str().unwrap()),
                "{original}"
            );
        }
        // Imported again into a fresh store, the export is the same, file for file.
        let again = tempfile::tempdir().unwrap();
        let second_store = TestStore::file("policies/supportt.mentor");
        let init = store.mentor_in(again.path(), &["init", ".", "--policy", &second_store]);
        assert_eq!(init.code, 0, "{}", init.both());
        let mut cmd = store.command(again.path(), &["import", first.to_str().unwrap()]);
        cmd.env_remove("MENTOR_STORE");
        assert!(cmd.status().unwrap().success());
        let second = store.dir.path().join("second");
        let mut cmd = store.command(again.path(), &["export", "--out", second.to_str().unwrap()]);
        cmd.env_remove("MENTOR_STORE");
        assert!(cmd.status().unwrap().success());
        let mut names: Vec<_> = std::fs::read_dir(&first)
            .unwrap()
            .map(|e| e.unwrap().file_name())
            .collect();
        names.sort();
        assert_eq!(names.len(), 3);
        for name in names {
            assert_eq!(
                std::fs::read_to_string(first.join(&name)).unwrap(),
                std::fs::read_to_string(second.join(&name)).unwrap(),
                "{name:?}"
            );
        }
    }
}
