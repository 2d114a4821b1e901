//! Every policy test's case (the seed policies' tests and the semantics files), evaluated by
//! one `Evaluator` kept across a file's cases, as a batch, an agenda or the web page does
//! (with its compiled conditions and the results it keeps from one event to the next),
//! gives what one evaluation of the case alone gives, and what taking every duty the general
//! way (without the shortcut for a role's only participant) gives.

use mentor_policy_test::files::{Project, policy_for, read_case_file};
use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// The `.mentor` files of a folder of the repository that hold tests, in name order.
fn files_with_tests(folder: &str) -> Vec<PathBuf> {
    let mut found: Vec<PathBuf> = std::fs::read_dir(workspace().join(folder))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "mentor"))
        .filter(|p| std::fs::read_to_string(p).unwrap().contains("\ntest "))
        .collect();
    found.sort();
    found
}

#[test]
fn an_evaluator_answers_every_policy_test_as_one_evaluation_does() {
    let mut cases = 0;
    for path in [
        files_with_tests("policies"),
        files_with_tests("tests/semantics"),
    ]
    .concat()
    {
        let text = std::fs::read_to_string(&path).unwrap();
        let parsed = mentor_syntax::parse(&text);
        let dir = path.parent().unwrap().to_path_buf();
        let policy_path = policy_for(&path, &parsed.policy).unwrap();
        let policy_text = std::fs::read_to_string(&policy_path).unwrap();
        let project = Project::for_command_line(&workspace(), &path);
        let analysis =
            mentor_policy_test::files::analyze_policy(&project, &policy_path, &policy_text);
        assert!(!analysis.has_errors(), "{}", policy_path.display());
        let model = &analysis.checked.model;
        let read_case = |relative: &str, span| read_case_file(&project, &dir, relative, span);
        let (tests, problems) = mentor_policy_test::prepare(&parsed.policy, model, &read_case);
        assert!(
            problems.is_empty(),
            "{}: {:?}",
            path.display(),
            problems.first().map(|d| &d.message)
        );
        let mut evaluator = mentor_eval::Evaluator::new(model);
        let mut general = mentor_eval::Evaluator::new(model).by_the_general_path();
        for test in &tests {
            let alone = mentor_eval::evaluate(model, &test.case, test.as_of);
            let kept = evaluator.evaluate(&test.case, test.as_of);
            assert_eq!(*kept, alone, "{}: {}", path.display(), test.name);
            let general = general.evaluate(&test.case, test.as_of);
            assert_eq!(
                *general,
                alone,
                "{}: {} (the general way)",
                path.display(),
                test.name
            );
            cases += 1;
        }
    }
    // The seed policies' tests and the semantics files' own.
    assert!(cases > 150, "only {cases} tests found");
}
