//! JUnit XML for CI systems: one test suite per test file, one test case per test.

use crate::TestResult;
use quick_junit::{NonSuccessKind, Report, TestCase, TestCaseStatus, TestSuite};

/// The JUnit XML report of test files and their results.
pub fn render(files: &[(String, Vec<TestResult>)]) -> Result<String, String> {
    let mut report = Report::new("mentor test");
    for (file, results) in files {
        let mut suite = TestSuite::new(file.as_str());
        for result in results {
            let status = if result.passed() {
                TestCaseStatus::success()
            } else {
                let mut status = TestCaseStatus::non_success(NonSuccessKind::Failure);
                let text: Vec<String> = result
                    .failures
                    .iter()
                    .map(|f| format!("expected {}\nactual   {}", f.expected, f.actual))
                    .collect();
                status.set_description(text.join("\n\n"));
                status.set_message(format!(
                    "{} expectation(s) did not hold",
                    result.failures.len()
                ));
                status
            };
            let mut case = TestCase::new(result.name.as_str(), status);
            case.set_classname(file.as_str());
            suite.add_test_case(case);
        }
        report.add_test_suite(suite);
    }
    report.to_string().map_err(|e| e.to_string())
}
