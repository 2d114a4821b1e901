//! Runs the code blocks of a Markdown page the way a reader would, following the page's
//! `<!-- doc-test: ... -->` directives, so that a page's examples cannot drift from what
//! `mentor` really does.
//!
//! A directive applies to the next fenced block, and every fenced block has one:
//! - `append FILE`: add the block to FILE (after a blank line when FILE is not empty);
//! - `write FILE`: FILE holds exactly the block;
//! - `same as FILE`: the block must equal FILE as the page has built it so far;
//! - `edit FILE "OLD" "NEW"`: for the next `run` only, FILE has its first OLD replaced by NEW;
//! - `run [COMMAND]`: run COMMAND (or the command of the block before, marked `command`, or
//!   the block's first line, `$ mentor ...`) in the page's folder, and compare what it
//!   printed (stdout and stderr together) with the block. A line `...` in the block stands
//!   for any number of lines, and `...` in a line for any text;
//! - `command`: the block is a command (`mentor ...`) whose output the next block shows;
//! - `succeeds [COMMAND]`: COMMAND (with the files the page has written so far) succeeds;
//!   without one, every line of the block is a command (`mentor ...`, a `# ...` after it is
//!   a comment) that succeeds;
//! - `parses`: the block, as a policy on its own, has no syntax error (its names need not be
//!   declared);
//! - `check CODE...`: the block, as a policy on its own, is reported with each CODE;
//! - `case POLICY`: the block is a case file that `mentor next POLICY` reads without error;
//! - `excerpt of FILE`: the block's lines are lines of FILE (a file of the repository, such
//!   as a policy or a snapshot that a test pins), in the same order;
//! - `skip: REASON`: the block is not run, for the reason given (it installs software,
//!   needs a server or a store, shows part of a file).
//!
//! The page's folder starts with copies of the repository's `policies/` and `examples/`. At
//! the end every `.mentor` file the page wrote must already be formatted.
#![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Runs every directive of `page` (its text) in a fresh folder; returns the problems found.
pub fn run_page(name: &str, page: &str) -> Vec<String> {
    let dir = std::env::temp_dir().join(format!(
        "mentor-doc-{}-{}",
        std::process::id(),
        name.replace(['/', '.'], "_")
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    for folder in ["policies", "examples"] {
        copy_folder(&workspace().join(folder), &dir.join(folder));
    }
    let mut files: BTreeMap<String, String> = BTreeMap::new();
    let mut command_before: Option<Vec<String>> = None;
    let mut edits: Vec<(String, String, String)> = Vec::new();
    let mut problems = Vec::new();
    let mut pending: Vec<String> = Vec::new();
    let mut lines = page.lines().enumerate();
    while let Some((number, line)) = lines.next() {
        if let Some(directive) = line
            .trim()
            .strip_prefix("<!-- doc-test:")
            .and_then(|d| d.strip_suffix("-->"))
        {
            pending.push(directive.trim().to_string());
            continue;
        }
        if !line.starts_with("```") {
            continue;
        }
        let mut block = String::new();
        for (_, inner) in lines.by_ref() {
            if inner.starts_with("```") {
                break;
            }
            block.push_str(inner);
            block.push('\n');
        }
        let at = format!("{name}:{}", number + 1);
        if pending.is_empty() {
            problems.push(format!(
                "{at}: this block is not run or checked, nor marked `<!-- doc-test: skip: REASON -->`"
            ));
        }
        for directive in std::mem::take(&mut pending) {
            let words = split_words(&directive);
            match words
                .iter()
                .map(String::as_str)
                .collect::<Vec<_>>()
                .as_slice()
            {
                ["append", file] => {
                    let text = files.entry((*file).to_string()).or_default();
                    if !text.is_empty() {
                        text.push('\n');
                    }
                    text.push_str(&block);
                }
                ["write", file] => {
                    files.insert((*file).to_string(), block.clone());
                }
                ["same", "as", file] => {
                    if files.get(*file) != Some(&block) {
                        problems.push(format!(
                            "{at}: this block is not the {file} the page has built step by step"
                        ));
                    }
                }
                ["edit", file, old, new] => {
                    edits.push(((*file).to_string(), (*old).to_string(), (*new).to_string()))
                }
                ["command"] => {
                    let line = block.lines().next().unwrap_or("");
                    command_before = Some(split_words(line.strip_prefix("$ ").unwrap_or(line)));
                }
                ["succeeds", command @ ..] if !command.is_empty() => {
                    write_files(&dir, &files, &[], &mut problems, &at);
                    let command: Vec<String> = command.iter().map(|w| (*w).to_string()).collect();
                    let (printed, ok) = run_status(&dir, &command);
                    if !ok {
                        problems.push(format!("{at}: `{}` failed:\n{printed}", command.join(" ")));
                    }
                }
                ["succeeds"] => {
                    for line in block.lines() {
                        let line = line.split(" #").next().unwrap_or("").trim();
                        if line.is_empty() {
                            continue;
                        }
                        let (printed, ok) = run_status(&dir, &split_words(line));
                        if !ok {
                            problems.push(format!("{at}: `{line}` failed:\n{printed}"));
                        }
                    }
                }
                ["parses"] => {
                    let codes = checked_codes(&dir, &block);
                    if let Some(code) = codes.iter().find(|c| c.starts_with("M01")) {
                        problems.push(format!("{at}: this policy does not read ({code})"));
                    }
                }
                ["check", expected @ ..] => {
                    let codes = checked_codes(&dir, &block);
                    for code in expected {
                        if !codes.iter().any(|c| c == code) {
                            problems.push(format!(
                                "{at}: `mentor check` does not report {code} here, only {codes:?}"
                            ));
                        }
                    }
                }
                ["case", policy] => {
                    std::fs::write(dir.join("doc-case.json"), &block).unwrap();
                    let command = ["mentor", "next", policy, "doc-case.json"].map(String::from);
                    let (printed, ok) = run_status(&dir, &command);
                    if !ok {
                        problems.push(format!("{at}: this case does not load:\n{printed}"));
                    }
                }
                ["excerpt", "of", file] => {
                    let whole = std::fs::read_to_string(workspace().join(file)).unwrap_or_default();
                    if let Some(line) = not_in_order(&block, &whole) {
                        problems.push(format!("{at}: `{line}` is not (in this order) in {file}"));
                    }
                }
                [skip, ..] if skip.starts_with("skip:") => {
                    if directive.trim_start_matches("skip:").trim().is_empty() {
                        problems.push(format!("{at}: `skip:` needs the reason"));
                    }
                }
                ["run", command @ ..] => {
                    let (command, expected) = if let Some(before) = command_before.take() {
                        (before, block.clone())
                    } else if command.is_empty() {
                        let Some((first, rest)) = block.split_once('\n') else {
                            problems.push(format!("{at}: `run` needs a `$ mentor ...` line"));
                            continue;
                        };
                        let Some(command) = first.strip_prefix("$ ") else {
                            problems.push(format!("{at}: `run` needs a `$ mentor ...` line"));
                            continue;
                        };
                        (split_words(command), rest.to_string())
                    } else {
                        (
                            command.iter().map(|w| (*w).to_string()).collect(),
                            block.clone(),
                        )
                    };
                    write_files(
                        &dir,
                        &files,
                        &std::mem::take(&mut edits),
                        &mut problems,
                        &at,
                    );
                    let printed = run(&dir, &command);
                    if let Some(problem) = compare(&expected, &printed) {
                        problems.push(format!(
                            "{at}: `{}` printed something else ({problem}):\n{printed}",
                            command.join(" ")
                        ));
                    }
                }
                _ => problems.push(format!("{at}: unknown directive `{directive}`")),
            }
        }
    }
    write_files(&dir, &files, &[], &mut problems, name);
    let policies: Vec<&String> = files.keys().filter(|f| f.ends_with(".mentor")).collect();
    if !policies.is_empty() {
        let mut command = vec!["mentor".to_string(), "fmt".into(), "--check".into()];
        command.extend(policies.iter().map(|f| (*f).clone()));
        let printed = run(&dir, &command);
        if !printed.trim().is_empty() {
            problems.push(format!(
                "{name}: the page's policies are not laid out as `mentor fmt` lays them out:\n{printed}"
            ));
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    problems
}

fn write_files(
    dir: &Path,
    files: &BTreeMap<String, String>,
    edits: &[(String, String, String)],
    problems: &mut Vec<String>,
    at: &str,
) {
    for (file, text) in files {
        let mut text = text.clone();
        for (_, old, new) in edits.iter().filter(|(f, _, _)| f == file) {
            if !text.contains(old.as_str()) {
                problems.push(format!(
                    "{at}: `{old}` is not in {file}, so it cannot be edited"
                ));
            }
            text = text.replacen(old.as_str(), new, 1);
        }
        std::fs::write(dir.join(file), text).unwrap();
    }
}

/// The repository's folder.
fn workspace() -> PathBuf {
    crate::support::workspace()
}

/// Copies a folder of the repository, with everything in it.
fn copy_folder(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let path = entry.unwrap().path();
        let target = to.join(path.file_name().unwrap());
        if path.is_dir() {
            copy_folder(&path, &target);
        } else {
            std::fs::copy(&path, &target).unwrap();
        }
    }
}

/// The codes `mentor check` reports for `policy`, written to a file of its own.
fn checked_codes(dir: &Path, policy: &str) -> Vec<String> {
    std::fs::write(dir.join("doc-check.mentor"), policy).unwrap();
    let command = ["mentor", "check", "--format", "json", "doc-check.mentor"].map(String::from);
    let (printed, _) = run_status(dir, &command);
    printed
        .split("\"code\":")
        .skip(1)
        .filter_map(|rest| rest.trim_start().strip_prefix('"')?.split('"').next())
        .map(str::to_string)
        .collect()
}

/// The first line of `block` that is not a line of `whole` after the lines before it (a
/// line `...` stands for lines left out).
fn not_in_order<'a>(block: &'a str, whole: &str) -> Option<&'a str> {
    let mut lines = whole.lines().map(str::trim_end);
    block
        .lines()
        .map(str::trim_end)
        .filter(|wanted| wanted.trim() != "...")
        .find(|wanted| !lines.any(|line| line == *wanted))
}

/// Runs a command as [`run`] does; also whether it succeeded.
fn run_status(dir: &Path, command: &[String]) -> (String, bool) {
    let out = mentor_command(dir, command).output().unwrap();
    (String::from_utf8(out.stdout).unwrap(), out.status.success())
}

/// `mentor ...` (the first word is replaced by the binary under test) in `dir`, with stderr
/// and stdout interleaved as a terminal would show them.
fn mentor_command(dir: &Path, command: &[String]) -> Command {
    assert_eq!(
        command.first().map(String::as_str),
        Some("mentor"),
        "{command:?}"
    );
    let mut sh = Command::new("sh");
    sh.arg("-c")
        .arg("exec \"$@\" 2>&1")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_mentor"))
        .args(&command[1..])
        .current_dir(dir)
        .env("NO_COLOR", "1");
    sh
}

/// Runs `mentor ...` (the first word is replaced by the binary under test) in `dir`, with
/// stderr and stdout interleaved as a terminal would show them.
fn run(dir: &Path, command: &[String]) -> String {
    run_status(dir, command).0
}

/// Whether `printed` matches `expected`, where an `...` line matches any lines; `None` when
/// it does, else the first expected line that was not found.
fn compare(expected: &str, printed: &str) -> Option<String> {
    let want: Vec<&str> = expected.lines().map(str::trim_end).collect();
    let got: Vec<&str> = printed.lines().map(str::trim_end).collect();
    if matches(&want, &got) {
        return None;
    }
    let first_missing = want
        .iter()
        .find(|w| w.trim() != "..." && !got.iter().any(|g| line_matches(w, g)))
        .map_or("the lines are in another order".to_string(), |w| {
            format!("no line `{w}`")
        });
    Some(first_missing)
}

fn matches(want: &[&str], got: &[&str]) -> bool {
    match want.split_first() {
        None => got.is_empty(),
        Some((w, rest)) if w.trim() == "..." => {
            (0..=got.len()).any(|skip| matches(rest, &got[skip..]))
        }
        Some((w, rest)) => got
            .split_first()
            .is_some_and(|(g, more)| line_matches(w, g) && matches(rest, more)),
    }
}

/// Whether a printed line is the line the page shows, where `...` inside a line stands for
/// any text (a long line shortened for the page).
fn line_matches(want: &str, got: &str) -> bool {
    if want == got {
        return true;
    }
    let pieces: Vec<&str> = want.split("...").collect();
    let [first, middle @ .., last] = pieces.as_slice() else {
        return false;
    };
    let Some(mut rest) = got.strip_prefix(first) else {
        return false;
    };
    for piece in middle {
        match rest.find(piece) {
            Some(at) => rest = &rest[at + piece.len()..],
            None => return false,
        }
    }
    rest.ends_with(last)
}

/// Splits a command line into words; double quotes group words (no escapes).
fn split_words(line: &str) -> Vec<String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut quoted = false;
    let mut started = false;
    for c in line.chars() {
        match c {
            '"' => {
                quoted = !quoted;
                started = true;
            }
            c if c.is_whitespace() && !quoted => {
                if started {
                    words.push(std::mem::take(&mut word));
                    started = false;
                }
            }
            c => {
                word.push(c);
                started = true;
            }
        }
    }
    if started {
        words.push(word);
    }
    words
}
