//! The documents stay true to the code: policy line references in docs/coverage.md point
//! at the items they name, every `source` quote of a policy appears in docs/coverage.md,
//! and the tutorial's files and commands give exactly what the page shows.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod doc_test;
mod support;

use support::read;

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
fn the_tutorial_works_exactly_as_shown() {
    let problems = doc_test::run_page("docs/language.md", &read("docs/language.md"));
    assert!(problems.is_empty(), "{}", problems.join("\n\n"));
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
