//! `mentor test PATH...`: run policy tests, explain failures, report coverage.

use crate::{Outcome, files};
use mentor_diagnostics::LineIndex;
use mentor_diagnostics::render::{self, Style};
use mentor_policy_test::TestResult;
use mentor_policy_test::files as test_files;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub struct Args {
    /// Test files (`*.test.mentor`), policies with tests in them, or folders to search
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Output for people, or JUnit XML for CI systems
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// List, per policy, the rules no test triggered and the share that some test did
    #[arg(long)]
    coverage: bool,
    /// Fail when a policy's rule coverage is below this percentage (implies --coverage)
    #[arg(long, value_name = "PERCENT", value_parser = clap::value_parser!(u8).range(0..=100))]
    min_coverage: Option<u8>,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Format {
    Human,
    Junit,
}

/// What the tests of one policy covered.
#[derive(Default)]
struct Coverage {
    rules: Vec<String>,
    lines: Vec<u32>,
    triggered: Vec<bool>,
    /// No test in the run is for this policy: it counts as 0% covered.
    untested: bool,
}

impl Coverage {
    fn of(policy_text: &str, model: &mentor_check::Model, untested: bool) -> Coverage {
        let index = LineIndex::new(policy_text);
        Coverage {
            rules: model.rules.iter().map(|r| r.name.clone()).collect(),
            lines: model
                .rules
                .iter()
                .map(|r| index.line_col(policy_text, r.span.start()).line)
                .collect(),
            triggered: vec![false; model.rules.len()],
            untested,
        }
    }

    fn hit(&self) -> usize {
        self.triggered.iter().filter(|t| **t).count()
    }

    /// The share of rules some test triggered, in percent; an untested policy has 0.
    fn percent(&self) -> f64 {
        match self.rules.len() {
            _ if self.untested => 0.0,
            0 => 100.0,
            total => self.hit() as f64 * 100.0 / total as f64,
        }
    }
}

pub fn run(args: &Args) -> Outcome {
    let Some(files_read) = files::read_policies(&args.paths) else {
        return Outcome::Trouble;
    };
    let mut passed = 0usize;
    let mut failed = 0usize;
    let mut junit: Vec<(String, Vec<TestResult>)> = Vec::new();
    let mut coverage: BTreeMap<String, Coverage> = BTreeMap::new();
    let human = args.format == Format::Human;
    for (path, text) in &files_read {
        let parsed = mentor_syntax::parse(text);
        let has_tests = parsed.policy.items.iter().any(|i| i.keyword() == "test");
        if !has_tests {
            continue;
        }
        let name = files::display(path);
        let Some(policy_path) = test_files::policy_for(path, &parsed.policy) else {
            eprintln!(
                "error: {name}: cannot tell which policy these tests are for; add `policy \"file.mentor\"`"
            );
            failed += 1;
            continue;
        };
        let policy_name = files::display(&policy_path);
        let project = files::project_of(path);
        let read_policy = if &policy_path == path {
            Ok(text.clone())
        } else {
            test_files::read_policy(&project, &policy_path)
        };
        let policy_text = match read_policy {
            Ok(t) => t,
            Err(problem) => {
                let shown = mentor_policy_test::policy_path(&parsed.policy)
                    .map_or_else(|| policy_name.clone(), |p| p.value.clone());
                let span = mentor_policy_test::policy_path(&parsed.policy)
                    .map_or(mentor_diagnostics::Span::at(0), |p| p.span);
                let diagnostic = problem.diagnostic(span, test_files::TestFile::Policy, &shown);
                eprint!(
                    "{}",
                    render::human(&name, text, &[diagnostic], Style::Plain)
                );
                failed += 1;
                continue;
            }
        };
        let analysis = files::analyze(&policy_path, &policy_text);
        if analysis.has_errors() {
            files::print_policy_errors(&policy_name, &policy_text, &analysis, Style::Plain);
            eprintln!(
                "error: {name}: the policy {policy_name} has errors, so its tests cannot run"
            );
            failed += 1;
            continue;
        }
        let model = &analysis.checked.model;
        let dir = path.parent().map(Path::to_path_buf).unwrap_or_default();
        let read_case =
            |relative: &str, span| test_files::read_case_file(&project, &dir, relative, span);
        let (tests, problems) = mentor_policy_test::prepare(&parsed.policy, model, &read_case);
        let mut problems = problems;
        problems.extend(parsed.diagnostics.iter().cloned());
        if !problems.is_empty() {
            eprint!("{}", render::human(&name, text, &problems, Style::Plain));
            failed += problems.len();
        }
        let index = LineIndex::new(text);
        let entry = coverage
            .entry(policy_name.clone())
            .or_insert_with(|| Coverage::of(&policy_text, model, false));
        let mut results = Vec::new();
        if human && !tests.is_empty() {
            outln!("{name} (testing {policy_name})");
        }
        for test in &tests {
            let result = mentor_policy_test::run(test, model, &policy_text);
            for (slot, hit) in entry.triggered.iter_mut().zip(&result.triggered) {
                *slot |= *hit;
            }
            if result.passed() {
                passed += 1;
                if human {
                    outln!("  ok      {}", result.name);
                }
            } else {
                failed += 1;
                if human {
                    let line = index.line_col(text, result.span.start()).line;
                    outln!("  FAILED  {}  ({name}:{line})", result.name);
                    for failure in &result.failures {
                        let at = index.line_col(text, failure.span.start()).line;
                        outln!("          line {at}: expected {}", failure.expected);
                        outln!(
                            "          {:width$}actual   {}",
                            "",
                            failure.actual,
                            width = format!("line {at}: ").len()
                        );
                    }
                }
            }
            results.push(result);
        }
        junit.push((name, results));
    }
    // A policy named on the command line that no test in the run is for.
    for (path, text) in &files_read {
        let name = files::display(path);
        let parsed = mentor_syntax::parse(text);
        let is_tests = parsed.policy.items.iter().any(|i| i.keyword() == "test")
            || mentor_policy_test::is_test_file(&parsed.policy);
        if is_tests || coverage.contains_key(&name) {
            continue;
        }
        let analysis = files::analyze(path, text);
        coverage.insert(name, Coverage::of(text, &analysis.checked.model, true));
    }
    if args.format == Format::Junit {
        match mentor_policy_test::junit::render(&junit) {
            Ok(xml) => outln!("{xml}"),
            Err(e) => {
                files::trouble(&format!("cannot write JUnit XML: {e}"));
                return Outcome::Trouble;
            }
        }
    }
    if args.coverage || args.min_coverage.is_some() {
        let out = coverage_text(&coverage);
        if human {
            out!("{out}")
        } else {
            eprint!("{out}")
        }
    }
    if let Some(min) = args.min_coverage {
        for (policy, c) in &coverage {
            let total = c.rules.len();
            let hit = c.hit();
            if c.untested && min > 0 {
                eprintln!(
                    "error: {policy}: no test is for this policy, so it counts as 0% covered, below the required {min}%; add a `test` to it, or tests in {} beside it",
                    test_file_name(policy)
                );
                failed += 1;
            } else if c.percent() < f64::from(min) {
                eprintln!(
                    "error: {policy}: the tests trigger {hit} of {total} rules, below the required {min}%; add tests for the rules listed above"
                );
                failed += 1;
            }
        }
    }
    if passed + failed == 0 && junit.is_empty() {
        eprintln!(
            "note: none of these files holds a test; tests are `test` items in a policy or in a `*.test.mentor` file beside it"
        );
    }
    let summary = format!("{passed} passed, {failed} failed");
    if human {
        outln!("{summary}")
    } else {
        eprintln!("{summary}")
    }
    if failed > 0 {
        Outcome::Problems
    } else {
        Outcome::Ok
    }
}

/// `policies/x.mentor` -> `x.test.mentor`, the name of a test file beside it.
fn test_file_name(policy: &str) -> String {
    let file = policy.rsplit(['/', '\\']).next().unwrap_or(policy);
    let stem = file.strip_suffix(".mentor").unwrap_or(file);
    format!("`{stem}.test.mentor`")
}

fn coverage_text(coverage: &BTreeMap<String, Coverage>) -> String {
    let mut out = String::from("\nRule coverage\n");
    for (policy, c) in coverage {
        let total = c.rules.len();
        let hit = c.hit();
        let share = c.percent();
        let untested = if c.untested { ", no tests" } else { "" };
        out.push_str(&format!(
            "  {policy}: {hit} of {total} rules triggered ({share:.0}%{untested})\n"
        ));
        for ((rule, line), triggered) in c.rules.iter().zip(&c.lines).zip(&c.triggered) {
            if !triggered {
                out.push_str(&format!(
                    "    not triggered by any test: `{rule}` ({policy}:{line})\n"
                ));
            }
        }
    }
    out
}
