//! The documents stay true to the code: policy line references in docs/coverage.md point
//! at the items they name, every `source` quote of a policy appears in docs/coverage.md,
//! every code block of README.md and docs/ is run or checked as its `doc-test` directive
//! says (or marked as not run, with the reason), every Rust module says in its first line
//! what it is, every dependency a crate declares is used, each diagnostic code is built in
//! one catalogue module, and every snapshot belongs to a test.

use crate::doc_test;

use crate::support::{self, read};

#[test]
fn coverage_line_references_point_at_their_items() {
    let doc = read("docs/coverage.md");
    let mut checked = 0;
    let mut wrong = Vec::new();
    // `rule first_call` (mphp.mentor:78; source :79)
    for (i, _) in doc.match_indices("` (") {
        let before = &doc[..i];
        let Some(open) = before.rfind('`') else {
            continue;
        };
        let item = &before[open + 1..];
        let rest = &doc[i + 3..];
        let Some(close) = rest.find(')') else {
            continue;
        };
        let reference = &rest[..close];
        let Some((file, lines)) = reference.split_once(':') else {
            continue;
        };
        if !file.ends_with(".mentor") {
            continue;
        }
        let policy = read(&format!("policies/{file}"));
        let policy_lines: Vec<&str> = policy.lines().collect();
        let mut parts = lines.split("; source :");
        let first = parts.next().unwrap();
        let digits: String = first
            .trim()
            .chars()
            .take_while(char::is_ascii_digit)
            .collect();
        let line: usize = digits.parse().unwrap();
        if !policy_lines
            .get(line - 1)
            .is_some_and(|l| l.starts_with(item))
        {
            wrong.push(format!("`{item}` is not on line {line} of {file}"));
        }
        if let Some(source) = parts.next() {
            let source: usize = source.trim().parse().unwrap();
            if !policy_lines
                .get(source - 1)
                .is_some_and(|l| l.trim_start().starts_with("source "))
            {
                wrong.push(format!(
                    "line {source} of {file} is not a `source` line (for `{item}`)"
                ));
            }
        }
        checked += 1;
    }
    assert!(checked > 40, "only {checked} references found");
    assert!(
        wrong.is_empty(),
        "docs/coverage.md is out of date:\n{}",
        wrong.join("\n")
    );
}

#[test]
fn every_source_quote_is_in_the_coverage_map() {
    let doc = read("docs/coverage.md");
    let flat: String = doc.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut missing = Vec::new();
    for policy in ["supportt", "mphp", "mentorconnect", "esu"] {
        let text = read(&format!("policies/{policy}.mentor"));
        for line in text.lines() {
            let Some(quote) = line.trim_start().strip_prefix("source \"") else {
                continue;
            };
            let quote = quote.trim_end().trim_end_matches('"').replace("\\\"", "\"");
            let start: String = quote.chars().take(40).collect();
            if !flat.contains(&start) {
                missing.push(format!("{policy}: {quote}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "quotes not mapped in docs/coverage.md:\n{}",
        missing.join("\n")
    );
}

#[test]
fn every_page_works_as_shown() {
    let mut pages = vec!["README.md".to_string()];
    for entry in std::fs::read_dir(support::workspace().join("docs")).unwrap() {
        let name = entry.unwrap().file_name().to_string_lossy().into_owned();
        if name.ends_with(".md") {
            pages.push(format!("docs/{name}"));
        }
    }
    pages.sort();
    assert!(pages.len() > 8, "{pages:?}");
    let problems: Vec<String> = pages
        .iter()
        .flat_map(|page| doc_test::run_page(page, &read(page)))
        .collect();
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
}

#[test]
fn a_block_that_is_neither_run_nor_marked_is_caught() {
    let page = "Some text.\n\n```sh\nmentor check p.mentor\n```\n\n\
<!-- doc-test: skip: -->\n```\nanything\n```\n";
    let problems = doc_test::run_page("unmarked.md", page);
    assert_eq!(problems.len(), 2, "{problems:?}");
    assert!(
        problems[0].contains("unmarked.md:3: this block is not run"),
        "{problems:?}"
    );
    assert!(problems[1].contains("needs the reason"), "{problems:?}");
    let marked = page
        .replace(
            "Some text.\n",
            "<!-- doc-test: skip: shows a command only -->\n",
        )
        .replace("skip: -->", "skip: shows anything -->");
    assert_eq!(
        doc_test::run_page("marked.md", &marked),
        Vec::<String>::new()
    );
}

#[test]
fn a_page_whose_output_drifted_is_caught() {
    let page = "<!-- doc-test: write p.mentor -->\n```mentor\nprogramme p \"P\"\n```\n\n\
<!-- doc-test: run -->\n```text\n$ mentor check p.mentor\nchecked 1 policy file: 0 errors and 1 warning\n```\n";
    let problems = doc_test::run_page("drift.md", page);
    assert_eq!(problems.len(), 1, "{problems:?}");
    assert!(
        problems[0].contains("no line `checked 1 policy file: 0 errors and 1 warning`"),
        "{problems:?}"
    );
    let fixed = page.replace("and 1 warning", "and 0 warnings");
    assert_eq!(doc_test::run_page("fixed.md", &fixed), Vec::<String>::new());
}

/// Every Rust file of the workspace starts with a `//!` line that says what it is.
#[test]
fn every_module_says_what_it_is() {
    fn walk(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if path.is_dir() {
                if !matches!(name.as_str(), "target" | "node_modules" | "snapshots") {
                    walk(&path, out);
                }
            } else if name.ends_with(".rs") {
                out.push(path);
            }
        }
    }
    let root = support::workspace();
    let mut files = Vec::new();
    walk(&root.join("crates"), &mut files);
    assert!(files.len() > 100, "only {} Rust files found", files.len());
    let missing: Vec<String> = files
        .iter()
        .filter(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            !text.trim_start().starts_with("//!")
        })
        .map(|f| f.strip_prefix(&root).unwrap().display().to_string())
        .collect();
    assert!(
        missing.is_empty(),
        "these files do not start with a `//!` line saying what they are:\n{}",
        missing.join("\n")
    );
}

/// Every dependency a crate declares is used: `[dependencies]` in its `src/`, and
/// `[dev-dependencies]` in its tests, benchmarks or examples (or `src/`).
#[test]
fn every_declared_dependency_is_used() {
    fn rust_text(dir: &std::path::Path, out: &mut String) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries {
            let path = entry.unwrap().path();
            if path.is_dir() {
                rust_text(&path, out);
            } else if path.extension().is_some_and(|e| e == "rs") {
                out.push_str(&std::fs::read_to_string(&path).unwrap());
            }
        }
    }
    /// The names declared in one `[section]` of a Cargo.toml.
    fn declared(manifest: &str, section: &str) -> Vec<String> {
        let mut names = Vec::new();
        let mut inside = false;
        for line in manifest.lines() {
            if line.starts_with('[') {
                inside = line.trim() == section;
            } else if inside {
                let name = line.split(['=', '.', ' ']).next().unwrap_or("").trim();
                if !name.is_empty() && !name.starts_with('#') {
                    names.push(name.to_string());
                }
            }
        }
        names
    }
    let root = support::workspace();
    let mut unused = Vec::new();
    for entry in std::fs::read_dir(root.join("crates")).unwrap() {
        let krate = entry.unwrap().path();
        let Ok(manifest) = std::fs::read_to_string(krate.join("Cargo.toml")) else {
            continue;
        };
        let mut src = String::new();
        rust_text(&krate.join("src"), &mut src);
        let mut other = src.clone();
        for dir in ["tests", "benches", "examples"] {
            rust_text(&krate.join(dir), &mut other);
        }
        let uses = |text: &str, name: &str| {
            let ident = name.replace('-', "_");
            text.match_indices(&ident).any(|(i, _)| {
                let before = text[..i].chars().next_back();
                let after = text[i + ident.len()..].chars().next();
                !before.is_some_and(|c| c.is_alphanumeric() || c == '_')
                    && !after.is_some_and(|c| c.is_alphanumeric() || c == '_')
            })
        };
        let name = krate.file_name().unwrap().to_string_lossy().into_owned();
        for dep in declared(&manifest, "[dependencies]") {
            if !uses(&src, &dep) {
                unused.push(format!("{name}: `{dep}` is never used in src/"));
            }
        }
        for dep in declared(&manifest, "[dev-dependencies]") {
            if !uses(&other, &dep) {
                unused.push(format!("{name}: the dev-dependency `{dep}` is never used"));
            }
        }
    }
    assert!(
        unused.is_empty(),
        "remove these from Cargo.toml (or use them):\n{}",
        unused.join("\n")
    );
}

#[test]
fn coverage_source_references_quote_their_row() {
    // In each programme's section (`→ `policies/x.mentor``), a row's `source :N` must be a
    // line of that policy whose quotation is the row's sentence.
    let doc = read("docs/coverage.md");
    let flat = |t: &str| t.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut policy: Option<Vec<String>> = None;
    let (mut checked, mut wrong) = (0, Vec::new());
    for line in doc.lines() {
        if line.starts_with("## ") {
            policy = None;
        }
        if let Some(start) = line.find("→ `policies/") {
            let rest = &line[start + "→ `".len()..];
            let file = &rest[..rest.find('`').unwrap()];
            policy = Some(read(file).lines().map(str::to_string).collect());
        }
        let (Some(lines), true) = (&policy, line.starts_with("| ")) else {
            continue;
        };
        for (i, _) in line.match_indices("source :") {
            let digits: String = line[i + "source :".len()..]
                .chars()
                .take_while(char::is_ascii_digit)
                .collect();
            let n: usize = digits.parse().unwrap();
            let quote = lines[n - 1]
                .trim_start()
                .strip_prefix("source \"")
                .and_then(|q| q.strip_suffix('"'));
            match quote {
                Some(q) if flat(line).contains(&flat(q)) => checked += 1,
                _ => wrong.push(format!(
                    "`source :{n}` does not quote the row: {}",
                    line.chars().take(60).collect::<String>()
                )),
            }
        }
    }
    assert!(checked > 60, "only {checked} source references found");
    assert!(wrong.is_empty(), "docs/coverage.md:\n{}", wrong.join("\n"));
}

/// The Rust source files under `dir` (not `target`), each with its text up to its first
/// `#[cfg(test)]`: the code that ships, without its unit tests.
fn shipped_sources(dir: &std::path::Path) -> Vec<(std::path::PathBuf, String)> {
    let mut out = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "rs") {
                let text = std::fs::read_to_string(&path).unwrap();
                let shipped = text.split("#[cfg(test)]").next().unwrap_or("").to_string();
                out.push((path, shipped));
            }
        }
    }
    out.sort();
    out
}

/// Each diagnostic is worded once: every code is named by exactly one module of the
/// catalogue (`crates/mentor-diagnostics/src/catalog/`), where its constructors are, and
/// anywhere else only compared with (`d.code == Code::X`); "did you mean" is worded only by
/// `Suggestion`. (Building a diagnostic anywhere but the catalogue does not compile.)
#[test]
fn every_code_is_worded_in_one_catalogue_module() {
    let root = support::workspace();
    let catalogue = root.join("crates/mentor-diagnostics/src/catalog");
    // `    UnknownFact = "M0203", Error, "unknown fact";`
    let variants: Vec<String> = read("crates/mentor-diagnostics/src/code.rs")
        .lines()
        .filter_map(|l| {
            let (name, rest) = l.trim().split_once(" = \"M")?;
            rest.starts_with(char::is_numeric).then(|| name.to_string())
        })
        .collect();
    assert!(variants.len() > 50, "only {} codes found", variants.len());
    let mut named_in: std::collections::BTreeMap<&str, Vec<String>> = Default::default();
    let mut elsewhere = Vec::new();
    let mut worded = Vec::new();
    let mut files = shipped_sources(&root.join("crates"));
    files.retain(|(path, _)| path.components().any(|c| c.as_os_str() == "src"));
    for (path, text) in &files {
        let shown = path.strip_prefix(&root).unwrap().display().to_string();
        let in_catalogue = path.starts_with(&catalogue);
        for (at, _) in text.match_indices("Code::") {
            let before = text[..at].chars().next_back();
            if before.is_some_and(|c| c.is_alphanumeric() || c == '_') {
                continue; // StatusCode::OK, ExitCode::SUCCESS
            }
            let name: String = text[at + "Code::".len()..]
                .chars()
                .take_while(|c| c.is_alphanumeric())
                .collect();
            let Some(variant) = variants.iter().find(|v| **v == name) else {
                continue;
            };
            if in_catalogue {
                let files = named_in.entry(variant).or_default();
                if !files.contains(&shown) {
                    files.push(shown.clone());
                }
            } else if !text[..at].trim_end().ends_with(['=', '!']) {
                let line = text[..at].lines().count();
                elsewhere.push(format!("{shown}:{line}: `Code::{name}`"));
            }
        }
        if !shown.ends_with("mentor-diagnostics/src/suggest.rs") && text.contains("did you mean `{")
        {
            worded.push(shown.clone());
        }
    }
    // A failed expectation is reported as a test result, not as a diagnostic.
    let never_built = ["TestFailed"];
    let mut wrong = Vec::new();
    for variant in &variants {
        match named_in.get(variant.as_str()).map(Vec::as_slice) {
            Some([_]) => {}
            None if never_built.contains(&variant.as_str()) => {}
            None => wrong.push(format!(
                "`Code::{variant}` has no constructor in the catalogue"
            )),
            Some(several) => wrong.push(format!(
                "`Code::{variant}` is built in several modules: {}",
                several.join(", ")
            )),
        }
    }
    assert!(
        wrong.is_empty() && elsewhere.is_empty() && worded.is_empty(),
        "each code is built in one module of crates/mentor-diagnostics/src/catalog/:\n{}\n\
         codes used outside the catalogue (other than compared with):\n{}\n\
         \"did you mean\" worded outside `Suggestion`:\n{}",
        wrong.join("\n"),
        elsewhere.join("\n"),
        worded.join("\n")
    );
}

/// Every snapshot file under `crates/`, relative to the repository.
fn snapshot_files() -> Vec<std::path::PathBuf> {
    let root = support::workspace();
    let mut out = Vec::new();
    let mut dirs = vec![root.join("crates")];
    while let Some(dir) = dirs.pop() {
        for entry in std::fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "snap") {
                out.push(path.strip_prefix(&root).unwrap().to_path_buf());
            }
        }
    }
    out.sort();
    out
}

/// The module a snapshot's test is in, as insta names it in the snapshot's file name:
/// `crates/x/tests/it/store/import.rs` is `it__store__import`, `crates/mentor-x/src/a.rs`
/// is `mentor_x__a`.
fn snapshot_module(source: &str) -> Option<String> {
    let (krate, inside) = source.strip_prefix("crates/")?.split_once('/')?;
    let mut parts: Vec<String> = match inside.split_once('/')? {
        ("tests", rest) => rest.split('/').map(str::to_string).collect(),
        ("src", rest) => std::iter::once(krate.replace('-', "_"))
            .chain(rest.split('/').map(str::to_string))
            .collect(),
        _ => return None,
    };
    let last = parts.pop()?;
    let stem = last.strip_suffix(".rs")?;
    if !matches!(stem, "mod" | "lib" | "main") || parts.is_empty() {
        parts.push(stem.to_string());
    }
    Some(parts.join("__"))
}

/// Each snapshot says which test file wrote it (`source:`), and from which input (`input_file:`,
/// for a test that makes one snapshot per file): both must still be there, and the snapshot's
/// name must be the one that test's module gives it. A snapshot left behind when a test, its
/// module or its input file went away fails here.
#[test]
fn every_snapshot_belongs_to_a_test() {
    let root = support::workspace();
    let snapshots = snapshot_files();
    assert!(
        snapshots.len() > 200,
        "only {} snapshots found",
        snapshots.len()
    );
    let mut wrong = Vec::new();
    for snapshot in &snapshots {
        let text = std::fs::read_to_string(root.join(snapshot)).unwrap();
        let header = text
            .strip_prefix("---\n")
            .and_then(|t| t.split_once("\n---\n"))
            .map_or("", |(h, _)| h);
        let field = |name: &str| {
            header
                .lines()
                .find_map(|l| l.strip_prefix(name)?.strip_prefix(": "))
                .map(|v| v.trim_matches('"').to_string())
        };
        let shown = snapshot.display();
        let Some(source) = field("source") else {
            wrong.push(format!("{shown}: no `source:` line"));
            continue;
        };
        if !root.join(&source).is_file() {
            wrong.push(format!("{shown}: its test file {source} is gone"));
        }
        let name = snapshot.file_name().unwrap().to_string_lossy();
        match snapshot_module(&source) {
            Some(module) if name.starts_with(&format!("{module}__")) => {}
            _ => wrong.push(format!(
                "{shown}: not a name the tests of {source} give a snapshot"
            )),
        }
        if let Some(input) = field("input_file") {
            let file = std::path::Path::new(&input).file_name().unwrap();
            if !root.join(&input).is_file() {
                wrong.push(format!("{shown}: its input file {input} is gone"));
            } else if !name.contains(&format!("@{}.snap", file.to_string_lossy())) {
                wrong.push(format!("{shown}: not the snapshot of {input}"));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "delete these snapshots (or restore their test):\n{}",
        wrong.join("\n")
    );
}

/// Every snapshot is asserted by some test: insta lists each snapshot it asserts in the file
/// `INSTA_SNAPSHOT_REFERENCES_FILE` names, and `.ci/run` runs the whole workspace's tests
/// with it, then this test on that list (`MENTOR_SNAPSHOT_REFERENCES`). A snapshot no test
/// asserts any more fails here.
#[test]
#[ignore = "needs the list of snapshots a whole test run asserted: .ci/run gives it"]
fn every_snapshot_is_asserted() {
    let root = support::workspace();
    let list = std::env::var("MENTOR_SNAPSHOT_REFERENCES")
        .expect("MENTOR_SNAPSHOT_REFERENCES names the list insta wrote");
    let asserted: std::collections::BTreeSet<std::path::PathBuf> = std::fs::read_to_string(list)
        .unwrap()
        .lines()
        .map(|l| {
            let path = std::path::Path::new(l);
            path.strip_prefix(&root).unwrap_or(path).to_path_buf()
        })
        .collect();
    let unasserted: Vec<String> = snapshot_files()
        .into_iter()
        .filter(|s| !asserted.contains(s))
        .map(|s| s.display().to_string())
        .collect();
    assert!(
        unasserted.is_empty(),
        "no test asserts these snapshots; delete them:\n{}",
        unasserted.join("\n")
    );
}
