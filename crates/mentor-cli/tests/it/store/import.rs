//! `mentor import`: every problem of every file reported, nothing written unless all is valid.

use super::backend::{TestStore, stable, with_a_case};

/// One file per kind of bad row, imported together with a good case: every problem is
/// reported, and nothing (not even the good case) is written.
#[test]
fn an_import_with_a_bad_row_writes_nothing() {
    insta::glob!("../../../../../tests/store/import-bad", "*.*", |path| {
        let name = path.file_name().unwrap().to_str().unwrap();
        if name.contains(".participants.") {
            return;
        }
        let mut seen: Option<String> = None;
        for store in with_a_case() {
            let before = store.entries();
            let exported = store.mentor(&["export"]).stdout;
            let run = store.mentor(&[
                "import",
                &TestStore::file("tests/store/import-good/S-0100.json"),
                path.to_str().unwrap(),
            ]);
            assert_eq!(run.code, 1, "{}: {}", store.backend, run.both());
            assert!(
                run.stderr.contains("nothing was imported"),
                "{}",
                run.stderr
            );
            assert_eq!(
                store.entries(),
                before,
                "{}: something was written",
                store.backend
            );
            assert_eq!(store.mentor(&["export"]).stdout, exported);
            let shown = stable(&run.stderr, store.dir.path());
            match &seen {
                None => seen = Some(shown),
                Some(first) => assert_eq!(first, &shown, "the backends differ"),
            }
        }
        insta::assert_snapshot!(seen.unwrap());
    });
}

#[test]
fn a_valid_import_adds_every_case() {
    for store in with_a_case() {
        let run = store.mentor(&[
            "import",
            &TestStore::file("tests/store/import-good/S-0100.json"),
            &TestStore::file("examples/supportt/easter-request.events.csv"),
        ]);
        assert_eq!(run.code, 0, "{}", run.both());
        assert!(run.stderr.contains("imported 2 cases"), "{}", run.stderr);
        let exported = store.mentor(&["export"]).stdout;
        assert_eq!(exported.lines().count(), 3, "{exported}");
    }
}

/// All the bad files at once: every problem of every file is reported, the good case is
/// checked too, and nothing is written.
#[test]
fn every_problem_of_every_file_is_reported() {
    for store in with_a_case() {
        let before = store.entries();
        let run = store.mentor(&[
            "import",
            &TestStore::file("tests/store/import-good"),
            &TestStore::file("tests/store/import-bad"),
        ]);
        assert_eq!(run.code, 1, "{}", run.both());
        for code in [
            "M0501", "M0503", "M0504", "M0505", "M0506", "M0507", "M0508", "M0509", "M0510",
            "M0511", "M0701",
        ] {
            assert!(run.stderr.contains(code), "{code} missing: {}", run.stderr);
        }
        assert!(
            run.stderr
                .contains("nothing was imported: 13 of 14 cases had problems"),
            "{}",
            run.stderr
        );
        assert_eq!(store.entries(), before);
    }
}
