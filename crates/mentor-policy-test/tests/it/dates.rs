//! A policy test's dates (`at`, and `on` of its events) lie in the years mentor works with:
//! others are refused on the date, before anything is evaluated.

use mentor_diagnostics::Code;

const POLICY: &str = include_str!("../../../../policies/mentorconnect.mentor");

fn problems(test: &str) -> Vec<(Code, String, String)> {
    let analysis = mentor_check::analyze(POLICY);
    assert!(!analysis.has_errors());
    let file = mentor_syntax::parse(test).policy;
    let never =
        |_: &str, _| -> Result<mentor_policy_test::CaseFile, mentor_diagnostics::Diagnostic> {
            panic!("no case file is read")
        };
    let (tests, found) = mentor_policy_test::prepare(&file, &analysis.checked.model, &never);
    assert!(tests.is_empty(), "the test is not run");
    found
        .into_iter()
        .map(|d| {
            let at = test
                .get(d.span().start()..d.span().end())
                .unwrap_or_default()
                .to_string();
            (d.code, d.message, at)
        })
        .collect()
}

#[test]
fn dates_outside_the_years_are_refused_where_they_are_written() {
    let found = problems(
        "test far\n  participant kai mentor\n  participant nia mwo_coordinator\n  on 0001-01-01 nia mentor_approved to kai\n  at 9999-12-31\n",
    );
    assert_eq!(
        found,
        vec![
            (
                Code::TestInvalid,
                "the year 9999 is outside the years mentor works with (1900 to 2199)".to_string(),
                "9999-12-31".to_string()
            ),
            (
                Code::TestInvalid,
                "the year 0001 is outside the years mentor works with (1900 to 2199)".to_string(),
                "0001-01-01".to_string()
            ),
        ]
    );
}
