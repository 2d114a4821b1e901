//! `mentor policy set`: the what-if first, then a new version kept beside the old one, the
//! change in the log, and old answers still explainable under the old version.

use super::backend::with_a_case;

#[test]
fn a_policy_change_is_recorded_and_old_answers_stay_explainable() {
    for store in with_a_case() {
        let next = |extra: &[&str]| {
            let mut args = vec!["next", "S-0001", "--at", "2026-12-22", "--format", "json"];
            args.extend_from_slice(extra);
            let run = store.mentor(&args);
            assert_eq!(run.code, 0, "{}", run.both());
            serde_json::from_str::<serde_json::Value>(&run.stdout).unwrap()
        };
        let old = next(&[]);
        assert_eq!(old["next"][0]["due"], "2026-12-29");
        // The programme allows 10 working days instead of 5.
        let text =
            std::fs::read_to_string(super::backend::TestStore::file("policies/supportt.mentor"))
                .unwrap();
        let changed = text.replace("within 5 working days", "within 10 working days");
        assert_ne!(changed, text);
        let new_policy = store.dir.path().join("supportt-v2.mentor");
        std::fs::write(&new_policy, changed).unwrap();
        let new_policy = new_policy.to_str().unwrap();

        let preview = store.mentor(&["policy", "set", new_policy, "--at", "2026-12-22"]);
        assert_eq!(preview.code, 0, "{}", preview.both());
        assert!(preview.stdout.contains("Case S-0001"), "{}", preview.stdout);
        assert!(preview.stdout.contains("2026-12-29"), "{}", preview.stdout);
        assert!(
            preview.stderr.contains("nothing was changed"),
            "{}",
            preview.stderr
        );
        assert_eq!(next(&[]), old, "a preview changes nothing");

        let set = store.mentor(&[
            "policy",
            "set",
            new_policy,
            "--yes",
            "--reason",
            "the board allows 10 working days",
            "--as",
            "dana",
        ]);
        assert_eq!(set.code, 0, "{}", set.both());
        assert!(
            set.stderr.contains("is now policy version 2"),
            "{}",
            set.stderr
        );

        let new = next(&[]);
        assert_ne!(new["next"][0]["due"], old["next"][0]["due"]);
        assert_eq!(
            next(&["--policy-version", "1"]),
            old,
            "the old answer, explained again"
        );

        let versions = store.mentor(&["policy", "history"]);
        assert!(versions.stdout.contains("version 1"), "{}", versions.stdout);
        assert!(
            versions.stdout.contains("version 2")
                && versions.stdout.contains("dana")
                && versions.stdout.contains("the board allows 10 working days"),
            "{}",
            versions.stdout
        );
        let shown = store.mentor(&["policy", "show", "1"]);
        assert_eq!(shown.stdout, text);
        assert_eq!(store.mentor(&["verify"]).code, 0);
    }
}

#[test]
fn a_policy_that_stored_cases_do_not_fit_is_refused() {
    for store in with_a_case() {
        let text =
            std::fs::read_to_string(super::backend::TestStore::file("policies/supportt.mentor"))
                .unwrap();
        // The mentee's facts lose a choice that S-0001 uses.
        let changed = text.replace("parental_leave | ", "");
        assert_ne!(changed, text);
        let new_policy = store.dir.path().join("narrower.mentor");
        std::fs::write(&new_policy, changed).unwrap();
        let run = store.mentor(&["policy", "set", new_policy.to_str().unwrap(), "--yes"]);
        assert_eq!(run.code, 1, "{}", run.both());
        assert!(run.stderr.contains("do not load under"), "{}", run.stderr);
        assert!(run.stderr.contains("parental_leave"), "{}", run.stderr);
        let versions = store.mentor(&["policy", "history"]);
        assert!(
            !versions.stdout.contains("version 2"),
            "{}",
            versions.stdout
        );
    }
}

#[test]
fn a_policy_that_reads_closure_files_is_kept_with_their_days_written_in() {
    let mut seen: Option<String> = None;
    for store in super::backend::stores() {
        let dir = store.dir.path();
        for file in ["trust.mentor", "trust-closures.ics", "extra-closures.csv"] {
            std::fs::copy(
                super::backend::TestStore::file(&format!("tests/cli/closures/{file}")),
                dir.join(file),
            )
            .unwrap();
        }
        let init = match &store.url {
            Some(url) => store.mentor(&["init", "--store", url, "--policy", "trust.mentor"]),
            None => store.mentor(&["init", ".", "--policy", "trust.mentor"]),
        };
        assert_eq!(init.code, 0, "{}", init.both());
        assert!(
            init.stderr.contains(
                "the closure days of `trust-closures.ics` (2 days) are written into the policy the store keeps"
            ) && init.stderr.contains("`extra-closures.csv` (1 day)"),
            "{}",
            init.stderr
        );
        let shown = store.mentor(&["policy", "show"]);
        assert!(
            shown
                .stdout
                .contains("closed 2027-01-11, 2027-01-12, 2027-01-14, 2027-01-15")
                && !shown.stdout.contains(".ics"),
            "{}",
            shown.both()
        );
        std::fs::write(
            dir.join("t-1.json"),
            r#"{"case": "T-1", "participants": [{"id": "amy", "role": "mentee"}, {"id": "bo", "role": "mentor"}],
                "events": [{"at": "2027-01-08", "event": "requested", "by": "amy", "to": "bo"}]}"#,
        )
        .unwrap();
        let import = store.mentor(&["import", "t-1.json"]);
        assert_eq!(import.code, 0, "{}", import.both());
        let due = || {
            let run = store.mentor(&["next", "T-1", "--at", "2027-01-08", "--format", "json"]);
            assert_eq!(run.code, 0, "{}", run.both());
            let json: serde_json::Value = serde_json::from_str(&run.stdout).unwrap();
            json["next"][0]["due"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        };
        // Two working days after Friday 8 January: 11, 12 (the iCalendar file), 14 (the CSV)
        // and 15 (the policy) are closed.
        assert_eq!(due(), "2027-01-18");
        // The file changes: the store keeps the days it was set with until it is set again.
        std::fs::write(
            dir.join("extra-closures.csv"),
            "date,why\n2027-01-14,office move\n2027-01-18,boiler repair\n",
        )
        .unwrap();
        assert_eq!(due(), "2027-01-18");
        let set = store.mentor(&["policy", "set", "trust.mentor", "--yes"]);
        assert_eq!(set.code, 0, "{}", set.both());
        assert!(
            set.stderr.contains("`extra-closures.csv` (2 days)"),
            "{}",
            set.stderr
        );
        assert_eq!(due(), "2027-01-19");
        // What is said about the files (where the store is differs between the backends).
        let shown = super::backend::stable(&format!("{}{}", init.stderr, set.stderr), dir)
            .lines()
            .filter(|l| !l.starts_with("created a case store at"))
            .collect::<Vec<_>>()
            .join("\n");
        match &seen {
            None => seen = Some(shown),
            Some(first) => assert_eq!(first, &shown, "the backends differ"),
        }
    }
    insta::assert_snapshot!(seen.unwrap());
}
