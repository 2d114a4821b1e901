//! The data-driven corpus of the checker, one policy per file under `tests/check/`:
//!
//! - `invalid/*.mentor`: one mistake each; the first diagnostic must have the code of the
//!   file's `# expect: M0xxx description` header, and the rendered diagnostics are
//!   snapshotted after the source;
//! - `warnings/*.mentor`: the same for warnings (and no errors);
//! - `valid/*.mentor` and `policies/*.mentor`: no diagnostics at all, warnings included;
//! - `multiple/three_independent_mistakes.mentor`: three broken items, exactly three errors.
//!
//! Adding a test case is adding a file. Other tests here keep the corpus and
//! `docs/diagnostics.md` in step with `Code::ALL`.

use mentor_diagnostics::render::{self, Style};
use mentor_diagnostics::{Code, Severity};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Codes from M0101 to M0406 that no policy can produce today, so no `# expect:` header
/// names them. Remove a code from here when its check is built and a test file added.
const NOT_PRODUCIBLE: &[(Code, &str)] = &[];

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// `tests/check/invalid/x.mentor`: the path as shown in snapshots, never absolute.
fn relative(path: &Path) -> String {
    let path = path.canonicalize().unwrap();
    path.strip_prefix(workspace())
        .unwrap_or_else(|_| panic!("{} is outside the workspace", path.display()))
        .to_string_lossy()
        .replace('\\', "/")
}

/// The `.mentor` files of a folder of the workspace, sorted.
fn files(folder: &str) -> Vec<PathBuf> {
    let dir = workspace().join(folder);
    let mut out: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "mentor"))
        .collect();
    out.sort();
    assert!(!out.is_empty(), "no .mentor files in {folder}");
    out
}

/// The header `# expect: M0202 M0307 what the file shows`: its codes and its description.
struct Expect {
    codes: Vec<Code>,
    description: String,
}

fn expect(path: &Path, source: &str) -> Expect {
    let first = source.lines().next().unwrap_or("");
    let rest = first.strip_prefix("# expect:").unwrap_or_else(|| {
        panic!(
            "{} must start with `# expect: M0xxx description`",
            relative(path)
        )
    });
    let mut codes = Vec::new();
    let mut words = rest.split_whitespace().peekable();
    while let Some(word) = words.peek() {
        let Some(code) = word.starts_with('M').then(|| Code::parse(word)).flatten() else {
            break;
        };
        codes.push(code);
        words.next();
    }
    let description = words.collect::<Vec<_>>().join(" ");
    assert!(
        !codes.is_empty(),
        "{}: `# expect:` names no known code",
        relative(path)
    );
    assert!(
        !description.is_empty(),
        "{}: `# expect:` needs a short description after the code",
        relative(path)
    );
    Expect { codes, description }
}

/// The closure files a corpus policy names, read from beside it as a front end would (a
/// file that is not there is left out, so the checker reports it as not read).
fn closure_files_beside(path: &Path, source: &str) -> mentor_check::ClosureFiles {
    let parsed = mentor_syntax::parse(source);
    let mut files = mentor_check::ClosureFiles::none();
    for name in mentor_check::closure_files_named(&parsed.policy) {
        if let Ok(text) = std::fs::read_to_string(path.with_file_name(&name)) {
            files.insert(&name, Ok(text));
        }
    }
    files
}

/// Checks one corpus file and snapshots its source and rendered diagnostics.
fn check_one(path: &Path, severity: Severity, mismatches: &mut Vec<String>) {
    let source = std::fs::read_to_string(path).unwrap();
    let name = relative(path);
    let expected = expect(path, &source);
    assert_eq!(
        expected.codes.len(),
        1,
        "{name}: one mistake per file, so one code in `# expect:`"
    );
    let code = expected.codes[0];
    assert_eq!(
        code.severity(),
        severity,
        "{name}: `{code}` does not belong in this folder"
    );
    let analysis = mentor_check::analyze_with(&source, &closure_files_beside(path, &source));
    let diagnostics = analysis.diagnostics();
    let mut wrong = Vec::new();
    match diagnostics.first() {
        Some(first) if first.code == code => {}
        Some(first) => wrong.push(format!(
            "{name}: expected {code} ({}), first diagnostic is {}: {}",
            expected.description, first.code, first.message
        )),
        None => wrong.push(format!(
            "{name}: expected {code} ({}), got no diagnostic",
            expected.description
        )),
    }
    if severity == Severity::Warning && analysis.has_errors() {
        wrong.push(format!("{name}: a warning test must have no errors"));
    }
    // Shown at once too: when the snapshot of this file also fails, the glob panics
    // before the mismatches are asserted.
    for problem in &wrong {
        eprintln!("{problem}");
    }
    mismatches.extend(wrong);
    let rendered = render::human(&name, &source, &diagnostics, Style::Plain);
    let snapshot = format!("{source}\n---\n{rendered}");
    let snapshot_name = match severity {
        Severity::Error => "invalid",
        Severity::Warning => "warning",
    };
    insta::with_settings!({
        description => "the policy, then what `mentor check` says about it",
        omit_expression => true,
    }, {
        insta::assert_snapshot!(snapshot_name, snapshot);
    });
}

#[test]
fn invalid_policies_report_the_expected_error() {
    let mut mismatches = Vec::new();
    insta::glob!("../../../../tests/check", "invalid/*.mentor", |path| {
        check_one(path, Severity::Error, &mut mismatches);
    });
    assert!(mismatches.is_empty(), "\n{}", mismatches.join("\n"));
}

#[test]
fn warning_policies_report_the_expected_warning() {
    let mut mismatches = Vec::new();
    insta::glob!("../../../../tests/check", "warnings/*.mentor", |path| {
        check_one(path, Severity::Warning, &mut mismatches);
    });
    assert!(mismatches.is_empty(), "\n{}", mismatches.join("\n"));
}

#[test]
fn valid_policies_and_real_policies_check_clean() {
    let mut problems = Vec::new();
    let valid = files("tests/check/valid");
    assert!(
        valid.len() >= 10,
        "expected at least 10 valid policies, found {}",
        valid.len()
    );
    for path in valid.iter().chain(files("policies").iter()) {
        let source = std::fs::read_to_string(path).unwrap();
        let name = relative(path);
        let diagnostics = mentor_check::analyze(&source).diagnostics();
        if !diagnostics.is_empty() {
            problems.push(render::human(&name, &source, &diagnostics, Style::Plain));
        }
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}

#[test]
fn three_broken_items_give_exactly_three_errors() {
    let path = workspace().join("tests/check/multiple/three_independent_mistakes.mentor");
    let source = std::fs::read_to_string(&path).unwrap();
    let expected = expect(&path, &source);
    let diagnostics = mentor_check::analyze(&source).diagnostics();
    let found: Vec<Code> = diagnostics.iter().map(|d| d.code).collect();
    let shown = render::human(&relative(&path), &source, &diagnostics, Style::Plain);
    assert_eq!(found.len(), 3, "{}\n{shown}", expected.description);
    assert!(diagnostics.iter().all(|d| d.is_error()), "{shown}");
    assert_eq!(
        found,
        [Code::Unexpected, Code::UnknownEvent, Code::MissingUnit],
        "{shown}"
    );
    assert_eq!(
        found, expected.codes,
        "the file's `# expect:` header is out of date"
    );
}

/// The codes a corpus test is needed for: M0101 to M0406.
fn checker_codes() -> impl Iterator<Item = Code> {
    Code::ALL
        .iter()
        .copied()
        .filter(|c| ("M0101"..="M0406").contains(&c.as_str()))
}

#[test]
fn every_checker_code_has_a_test_file() {
    let mut covered = BTreeSet::new();
    for folder in [
        "tests/check/invalid",
        "tests/check/warnings",
        "tests/check/multiple",
    ] {
        for path in files(folder) {
            let source = std::fs::read_to_string(&path).unwrap();
            covered.extend(expect(&path, &source).codes);
        }
    }
    let not_producible: BTreeSet<Code> = NOT_PRODUCIBLE.iter().map(|(c, _)| *c).collect();
    let missing: Vec<String> = checker_codes()
        .filter(|c| !covered.contains(c) && !not_producible.contains(c))
        .map(|c| format!("{c} {}", c.title()))
        .collect();
    assert!(
        missing.is_empty(),
        "no test file expects these codes; add one to tests/check/invalid or tests/check/warnings: {}",
        missing.join(", ")
    );
    let stale: Vec<&str> = NOT_PRODUCIBLE
        .iter()
        .filter(|(c, _)| covered.contains(c))
        .map(|(c, _)| c.as_str())
        .collect();
    assert!(
        stale.is_empty(),
        "these codes now have tests; remove them from NOT_PRODUCIBLE: {}",
        stale.join(", ")
    );
}

#[test]
fn every_code_is_documented_with_its_title() {
    let path = workspace().join("docs/diagnostics.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let headings: Vec<(&str, &str)> = text
        .lines()
        .filter_map(|line| line.strip_prefix("## "))
        .filter_map(|heading| heading.split_once(' '))
        .filter(|(code, _)| code.starts_with('M'))
        .collect();
    let mut problems = Vec::new();
    for code in Code::ALL {
        match headings.iter().find(|(c, _)| *c == code.as_str()) {
            None => problems.push(format!(
                "missing `## {code} {}` in docs/diagnostics.md",
                code.title()
            )),
            Some((_, title)) if *title != code.title() => problems.push(format!(
                "`## {code} {title}` should be `## {code} {}`",
                code.title()
            )),
            Some(_) => {}
        }
    }
    for (code, _) in &headings {
        if Code::parse(code).is_none() {
            problems.push(format!(
                "docs/diagnostics.md documents `{code}`, which is not a code"
            ));
        }
    }
    let order: Vec<&str> = headings.iter().map(|(c, _)| *c).collect();
    let mut sorted = order.clone();
    sorted.sort_unstable();
    sorted.dedup();
    if order != sorted {
        problems.push("docs/diagnostics.md lists each code once, in order".to_string());
    }
    assert!(problems.is_empty(), "\n{}", problems.join("\n"));
}
