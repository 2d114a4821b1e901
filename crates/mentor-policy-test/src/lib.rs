//! Policy tests: a case, a date and the expected outcomes, checked against a policy.
//!
//! A test file (`x.test.mentor`) holds `test` items; [`prepare`] reads them against the
//! policy's model (every unknown name is a diagnostic), [`run`] evaluates each test and
//! compares what happened with what was expected. Reading case files is left to the
//! caller (a closure); `files` holds the reader the front ends pass in, the only code here
//! that touches the disk, which reads only regular files inside the test's project.

mod expect;
pub mod files;
mod inline;
pub mod junit;

use chrono::NaiveDate;
use mentor_check::Model;
use mentor_diagnostics::catalog::policy_tests::{self as tests, DateIn};
use mentor_diagnostics::{Diagnostic, Span};
use mentor_eval::Case;
use mentor_syntax::ast::{self, Expectation, ItemKind, TestClause};

pub use expect::Failure;

/// A test ready to run.
#[derive(Debug, Clone)]
pub struct PreparedTest {
    pub name: String,
    pub title: Option<String>,
    pub span: Span,
    pub case: Case,
    pub as_of: NaiveDate,
    pub expectations: Vec<(Expectation, Span)>,
}

/// The result of one test.
#[derive(Debug, Clone)]
pub struct TestResult {
    pub name: String,
    pub title: Option<String>,
    pub span: Span,
    pub failures: Vec<Failure>,
    /// For each rule of the policy, whether this test's case triggered it.
    pub triggered: Vec<bool>,
}

impl TestResult {
    pub fn passed(&self) -> bool {
        self.failures.is_empty()
    }
}

/// Whether a parsed file holds tests (and nothing a policy would).
pub fn is_test_file(policy: &ast::Policy) -> bool {
    let mut tests = false;
    for item in &policy.items {
        match &item.kind {
            ItemKind::Test(_) | ItemKind::PolicyRef(_) => tests = true,
            ItemKind::Error(e) if matches!(e.keyword.as_deref(), Some("test" | "policy")) => {
                tests = true
            }
            _ => {}
        }
    }
    tests
        && !policy
            .items
            .iter()
            .any(|i| matches!(i.kind, ItemKind::Programme(_)))
}

/// The `policy "..."` path a test file names, if any.
pub fn policy_path(file: &ast::Policy) -> Option<&ast::Text> {
    file.items.iter().find_map(|i| {
        if let ItemKind::PolicyRef(p) = &i.kind {
            Some(&p.path)
        } else {
            None
        }
    })
}

/// Reads the tests of a file. `read_case(path, span)` returns a case file's text, or the
/// diagnostic to show at `span`, where the test names the file ([`files::read_case_file`]).
/// Returns the tests that could be prepared and a diagnostic for each problem.
pub fn prepare(
    file: &ast::Policy,
    model: &Model,
    read_case: &dyn Fn(&str, Span) -> Result<CaseFile, Diagnostic>,
) -> (Vec<PreparedTest>, Vec<Diagnostic>) {
    let mut tests = Vec::new();
    let mut diagnostics = Vec::new();
    for item in &file.items {
        let ItemKind::Test(test) = &item.kind else {
            continue;
        };
        match prepare_one(test, item.span, model, read_case) {
            Ok(t) => tests.push(t),
            Err(mut d) => diagnostics.append(&mut d),
        }
    }
    (tests, diagnostics)
}

/// A case file's contents as the caller read them.
pub enum CaseFile {
    Json(String),
    /// Events and participants files.
    Csv(String, String),
}

fn prepare_one(
    test: &ast::TestDecl,
    span: Span,
    model: &Model,
    read_case: &dyn Fn(&str, Span) -> Result<CaseFile, Diagnostic>,
) -> Result<PreparedTest, Vec<Diagnostic>> {
    let mut diagnostics = Vec::new();
    let mut as_of = None;
    let mut case_file: Option<&ast::Text> = None;
    let mut expectations = Vec::new();
    for clause in &test.clauses {
        match clause {
            TestClause::At(date) => match strict_date(&date.text) {
                Some(d) if !mentor_calendar::years::covers(d) => {
                    diagnostics.push(tests::date_outside_years(
                        date.span,
                        &mentor_calendar::years::outside(d).unwrap_or_default(),
                        mentor_calendar::years::HELP,
                    ));
                }
                Some(d) => as_of = Some(d),
                None => diagnostics.push(tests::not_a_date(date.span, &date.text, DateIn::At)),
            },
            TestClause::Case(path) => case_file = Some(path),
            TestClause::Expect(e, s) => expectations.push((e.clone(), *s)),
            TestClause::Participant { .. } | TestClause::Event { .. } => {}
        }
    }
    let has_inline = test
        .clauses
        .iter()
        .any(|c| matches!(c, TestClause::Participant { .. } | TestClause::Event { .. }));
    let case = match (case_file, has_inline) {
        (Some(path), true) => {
            diagnostics.push(tests::two_cases(path.span));
            None
        }
        (Some(path), false) => match read_case(&path.value, path.span) {
            Ok(CaseFile::Json(text)) => {
                match mentor_eval::load::load_json(model, &text, &test.name.text) {
                    Ok(case) => Some(case),
                    Err(problems) => {
                        diagnostics.push(case_problems(path, &problems));
                        None
                    }
                }
            }
            Ok(CaseFile::Csv(events, participants)) => {
                match mentor_eval::load::load_csv(model, &events, &participants, &test.name.text) {
                    Ok(case) => Some(case),
                    Err(problems) => {
                        let only: Vec<Diagnostic> = problems.into_iter().map(|(_, d)| d).collect();
                        diagnostics.push(case_problems(path, &only));
                        None
                    }
                }
            }
            Err(problem) => {
                diagnostics.push(problem);
                None
            }
        },
        (None, _) => inline::case(test, model, &mut diagnostics),
    };
    let wrote_at = test.clauses.iter().any(|c| matches!(c, TestClause::At(_)));
    if !wrote_at {
        diagnostics.push(tests::no_day(test.name.span, &test.name.text));
    }
    for (e, _) in &expectations {
        expect::check_names(e, model, case.as_ref(), &mut diagnostics);
    }
    match (case, as_of, diagnostics.is_empty()) {
        (Some(case), Some(as_of), true) => Ok(PreparedTest {
            name: test.name.text.clone(),
            title: test.title.as_ref().map(|t| t.value.clone()),
            span,
            case,
            as_of,
            expectations,
        }),
        _ => Err(diagnostics),
    }
}

fn case_problems(path: &ast::Text, problems: &[Diagnostic]) -> Diagnostic {
    let first = problems.first().map_or("", |d| d.message.as_str());
    tests::case_file_problems(
        path.span,
        &path.value,
        first,
        problems.len().saturating_sub(1),
    )
}

/// Runs a prepared test against the policy.
pub fn run(test: &PreparedTest, model: &Model, policy_text: &str) -> TestResult {
    let evaluation = mentor_eval::evaluate(model, &test.case, test.as_of);
    let report = mentor_eval::report::build(model, &test.case, &evaluation, policy_text, true);
    let mut failures: Vec<Failure> = test
        .expectations
        .iter()
        .filter_map(|(e, span)| expect::check(e, *span, model, &evaluation, &report))
        .collect();
    // An answer with dates that could not be worked out is incomplete: never a pass.
    if !report.errors.is_empty() {
        failures.push(Failure {
            span: test.span,
            expected: "every date of the case can be worked out".to_string(),
            actual: report.errors.join("; "),
        });
    }
    TestResult {
        name: test.name.clone(),
        title: test.title.clone(),
        span: test.span,
        failures,
        triggered: evaluation.triggered.clone(),
    }
}

/// A date written exactly as YYYY-MM-DD (`2027-1-5` is refused), as everywhere in mentor.
pub(crate) fn strict_date(text: &str) -> Option<NaiveDate> {
    if text.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
}
