//! The documents stay true to the code: policy line references in docs/coverage.md point
//! at the items they name, and every `source` quote of a policy appears in docs/coverage.md.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

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
