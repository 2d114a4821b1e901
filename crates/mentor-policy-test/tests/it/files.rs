//! A test file reads only regular files inside its project, of a bounded size: a pipe, a
//! device, standard input, a path outside the project or a link out of it is refused with a
//! located error, at once, and never read.

use mentor_diagnostics::Code;
use mentor_policy_test::files::{self, Project};
use std::path::{Path, PathBuf};
use std::sync::mpsc;
use std::time::Duration;

const POLICY: &str = include_str!("../../../../policies/supportt.mentor");
const CASE: &str = include_str!("../../../../tests/cases/good/supportt_contract_example.json");

/// A project folder (it holds `.git`) with the SuppoRTT policy and a good case, and a
/// folder beside it, outside the project, with another copy of the case.
struct Fixture {
    _dir: tempfile::TempDir,
    project: PathBuf,
    outside: PathBuf,
}

fn fixture() -> Fixture {
    let dir = tempfile::tempdir().unwrap();
    let project = dir.path().join("project");
    let outside = dir.path().join("outside");
    for folder in [&project, &project.join(".git"), &outside] {
        std::fs::create_dir_all(folder).unwrap();
    }
    std::fs::write(project.join("supportt.mentor"), POLICY).unwrap();
    std::fs::write(project.join("case.json"), CASE).unwrap();
    std::fs::write(outside.join("case.json"), CASE).unwrap();
    Fixture {
        _dir: dir,
        project,
        outside,
    }
}

/// The problems `mentor check` and the language server report for a test file in the
/// project whose test reads `case`, with `project` as the folders it may read. Fails
/// (rather than hanging) when reading takes more than ten seconds.
fn problems_with_case(fixture: &Fixture, case: &str, project: Project) -> Vec<(Code, String)> {
    let text = format!(
        "policy \"supportt.mentor\"\n\ntest reads\n  case \"{case}\"\n  at 2027-01-06\n  expect respond is met\n"
    );
    let path = fixture.project.join("reads.test.mentor");
    std::fs::write(&path, &text).unwrap();
    let (done, answer) = mpsc::channel();
    let quoted = format!("\"{case}\"");
    std::thread::spawn(move || {
        let analysis = mentor_check::analyze(&text);
        let found = files::test_problems(&path, &analysis, &|_| None, &project);
        let at_case_line = found
            .iter()
            .all(|d| text.get(d.span().start()..d.span().end()) == Some(quoted.as_str()));
        let _ = done.send((found, at_case_line));
    });
    let (found, at_case_line) = answer
        .recv_timeout(Duration::from_secs(10))
        .expect("the test's files are read (or refused) at once");
    assert!(
        at_case_line,
        "every problem points at the `case` line: {found:?}"
    );
    found.into_iter().map(|d| (d.code, d.message)).collect()
}

fn refused(fixture: &Fixture, case: &str) -> String {
    let project = Project::for_workspace(
        std::slice::from_ref(&fixture.project),
        &fixture.project.join("x"),
    );
    let found = problems_with_case(fixture, case, project);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].0, Code::TestFileRefused, "{found:?}");
    found[0].1.clone()
}

#[test]
fn a_case_file_inside_the_project_is_read() {
    let f = fixture();
    let project = Project::for_workspace(std::slice::from_ref(&f.project), &f.project.join("x"));
    assert_eq!(problems_with_case(&f, "case.json", project), vec![]);
}

#[test]
fn a_path_outside_the_project_is_refused() {
    let f = fixture();
    let message = refused(&f, "../outside/case.json");
    assert_eq!(
        message,
        "the case file `../outside/case.json` is outside this project, so it is not read"
    );
    let absolute = f.outside.join("case.json");
    refused(&f, absolute.to_str().unwrap());
}

#[cfg(unix)]
#[test]
fn a_link_out_of_the_project_is_refused_and_a_link_inside_it_is_followed() {
    let f = fixture();
    std::os::unix::fs::symlink(f.outside.join("case.json"), f.project.join("out.json")).unwrap();
    std::os::unix::fs::symlink(f.project.join("case.json"), f.project.join("in.json")).unwrap();
    refused(&f, "out.json");
    let project = Project::for_workspace(std::slice::from_ref(&f.project), &f.project.join("x"));
    assert_eq!(problems_with_case(&f, "in.json", project), vec![]);
}

#[cfg(unix)]
#[test]
fn a_pipe_is_refused_without_waiting_for_a_writer() {
    let f = fixture();
    let fifo = f.project.join("pipe.json");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let message = refused(&f, "pipe.json");
    assert!(message.contains("is not a regular file"), "{message}");
}

#[cfg(unix)]
#[test]
fn devices_and_standard_input_are_refused() {
    let f = fixture();
    // inside the project through links, and by their own names outside it
    std::os::unix::fs::symlink("/dev/zero", f.project.join("zero.json")).unwrap();
    std::os::unix::fs::symlink("/dev/stdin", f.project.join("stdin.json")).unwrap();
    let everywhere = || Project::for_workspace(&[PathBuf::from("/")], Path::new("/x"));
    for case in ["/dev/zero", "/dev/stdin", "/dev/null"] {
        let found = problems_with_case(&f, case, everywhere());
        assert_eq!(found.len(), 1, "{case}: {found:?}");
        assert!(
            matches!(found[0].0, Code::TestFileRefused | Code::TestInvalid),
            "{case}: {found:?}"
        );
    }
    for case in ["zero.json", "stdin.json"] {
        refused(&f, case);
    }
}

#[test]
fn a_case_file_over_the_limit_is_refused_unread() {
    let f = fixture();
    let big = std::fs::File::create(f.project.join("big.json")).unwrap();
    big.set_len(files::MAX_CASE_BYTES as u64 + 1).unwrap();
    let message = refused(&f, "big.json");
    assert_eq!(
        message,
        "the case file `big.json` is larger than 16 MB, the most it may be"
    );
}

#[test]
fn the_policy_a_test_names_is_read_only_inside_the_project() {
    let f = fixture();
    std::fs::write(f.outside.join("supportt.mentor"), POLICY).unwrap();
    let text =
        "policy \"../outside/supportt.mentor\"\n\ntest t\n  case \"case.json\"\n  at 2027-01-06\n";
    let path = f.project.join("t.test.mentor");
    let analysis = mentor_check::analyze(text);
    let project = Project::for_command_line(&f.project, &path);
    let found = files::test_problems(&path, &analysis, &|_| None, &project);
    assert_eq!(found.len(), 1, "{found:?}");
    assert_eq!(found[0].code, Code::TestFileRefused);
    assert_eq!(
        found[0].message,
        "the policy `../outside/supportt.mentor` is outside this project, so it is not read"
    );
}

#[test]
fn the_command_line_project_is_the_repository_and_the_folder_it_runs_in() {
    let f = fixture();
    let nested = f.project.join("policies/deep");
    std::fs::create_dir_all(&nested).unwrap();
    let test_file = nested.join("t.test.mentor");
    // run from the outside folder: the repository of the test file and that folder
    let project = Project::for_command_line(&f.outside, &test_file);
    let real = |p: &Path| p.canonicalize().unwrap();
    assert!(project.contains(&real(&f.project.join("case.json"))));
    assert!(project.contains(&real(&f.outside.join("case.json"))));
    assert!(!project.contains(&real(f.project.parent().unwrap())));
}
