//! Runs the code blocks of a Markdown page the way a reader would, following the page's
//! `<!-- doc-test: ... -->` directives, so that a page's examples cannot drift from what
//! `mentor` really does.
//!
//! A directive applies to the next fenced block:
//! - `append FILE`: add the block to FILE (after a blank line when FILE is not empty);
//! - `write FILE`: FILE holds exactly the block;
//! - `same as FILE`: the block must equal FILE as the page has built it so far;
//! - `edit FILE "OLD" "NEW"`: for the next `run` only, FILE has its first OLD replaced by NEW;
//! - `run [COMMAND]`: run COMMAND (or the block's first line, `$ mentor ...`) in the page's
//!   folder, and compare what it printed (stdout and stderr together) with the block. A
//!   line `...` in the block stands for any number of lines.
//!
//! At the end every `.mentor` file the page wrote must already be formatted.
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
    let mut files: BTreeMap<String, String> = BTreeMap::new();
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
        if !line.starts_with("```") || pending.is_empty() {
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
                ["run", command @ ..] => {
                    let (command, expected) = if command.is_empty() {
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

/// Runs `mentor ...` (the first word is replaced by the binary under test) in `dir`, with
/// stderr and stdout interleaved as a terminal would show them.
fn run(dir: &PathBuf, command: &[String]) -> String {
    assert_eq!(
        command.first().map(String::as_str),
        Some("mentor"),
        "{command:?}"
    );
    let out = Command::new("sh")
        .arg("-c")
        .arg("exec \"$@\" 2>&1")
        .arg("sh")
        .arg(env!("CARGO_BIN_EXE_mentor"))
        .args(&command[1..])
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    String::from_utf8(out.stdout).unwrap()
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
        .find(|w| w.trim() != "..." && !got.contains(w))
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
            .is_some_and(|(g, more)| g == w && matches(rest, more)),
    }
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
