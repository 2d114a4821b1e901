//! Formatting twice changes nothing: for every example, every policy and every test input
//! of the workspace that parses.

use std::path::{Path, PathBuf};

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn mentor_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut entries: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            mentor_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "mentor") {
            out.push(path);
        }
    }
}

#[test]
fn formatting_is_idempotent() {
    let mut files = Vec::new();
    mentor_files(&workspace().join("tests"), &mut files);
    mentor_files(&workspace().join("policies"), &mut files);
    let mut checked = 0;
    for path in &files {
        let text = std::fs::read_to_string(path).unwrap();
        if !mentor_syntax::parse(&text).diagnostics.is_empty() {
            continue;
        }
        let once = mentor_fmt::format(&text)
            .unwrap_or_else(|e| panic!("{} did not format: {e:?}", path.display()));
        let twice = mentor_fmt::format(&once)
            .unwrap_or_else(|e| panic!("{} did not format again: {e:?}", path.display()));
        assert_eq!(
            once,
            twice,
            "{} changed when formatted again",
            path.display()
        );
        assert!(
            once.ends_with('\n') && !once.ends_with("\n\n"),
            "{}",
            path.display()
        );
        checked += 1;
    }
    assert!(checked >= 15, "only {checked} files checked");
}
