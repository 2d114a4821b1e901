//! Keeps the editors' grammar and the completion keyword list in step with the parsing grammar.
//!
//! The keywords of the language are the literals of the `kw_*` rules in `grammar/mentor.pest`.
//! Each must be coloured by the VS Code (TextMate) grammar, `editors/vscode/syntaxes/
//! mentor.tmLanguage.json`, and `mentor_syntax::keywords::ALL_KEYWORDS` must list exactly them.

use std::collections::BTreeSet;
use std::path::PathBuf;

use mentor_syntax::keywords::{ALL_KEYWORDS, ITEM_KEYWORDS};

fn repo_file(relative: &str) -> (PathBuf, String) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .join(relative);
    let text = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    (path, text)
}

/// The string literals of every `kw_*` rule of the pest grammar.
fn grammar_keywords() -> BTreeSet<String> {
    let (path, text) = repo_file("grammar/mentor.pest");
    let mut keywords = BTreeSet::new();
    let mut rules = 0;
    let mut rest = text.as_str();
    while let Some(start) = find_rule_start(rest, "kw_") {
        let rule = &rest[start..];
        let open = rule.find('{').expect("a kw_ rule has a body in braces");
        let close = rule.find('}').expect("a kw_ rule's body is closed");
        let body = &rule[open + 1..close];
        let literals = string_literals(body);
        assert!(
            !literals.is_empty(),
            "kw_ rule without a literal in {}: {}",
            path.display(),
            &rule[..=close]
        );
        keywords.extend(literals);
        rules += 1;
        rest = &rule[close + 1..];
    }
    assert!(
        rules > 20,
        "found only {rules} kw_ rules in {}",
        path.display()
    );
    keywords
}

/// Where the next rule whose name starts with `prefix` begins (at the start of a line).
fn find_rule_start(text: &str, prefix: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let name_end = line
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
            .unwrap_or(line.len());
        if line.starts_with(prefix) && line[name_end..].trim_start().starts_with('=') {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

/// The double-quoted literals of a pest rule body.
fn string_literals(body: &str) -> Vec<String> {
    let mut literals = Vec::new();
    let mut chars = body.chars();
    while let Some(c) = chars.next() {
        if c == '"' {
            let mut literal = String::new();
            loop {
                match chars.next().expect("unterminated literal in a kw_ rule") {
                    '"' => break,
                    '\\' => literal.push(chars.next().expect("escape at end of rule")),
                    other => literal.push(other),
                }
            }
            literals.push(literal);
        }
    }
    literals
}

/// The decoded values of every `"match"` and `"begin"` member of a JSON document.
fn json_patterns(json: &str) -> Vec<String> {
    let mut patterns = Vec::new();
    let mut chars = json.char_indices().peekable();
    let mut pending_key: Option<String> = None;
    while let Some((_, c)) = chars.next() {
        match c {
            '"' => {
                let mut value = String::new();
                loop {
                    let (_, c) = chars.next().expect("unterminated JSON string");
                    match c {
                        '"' => break,
                        '\\' => {
                            let (_, escaped) = chars.next().expect("escape at end of JSON");
                            match escaped {
                                'n' => value.push('\n'),
                                't' => value.push('\t'),
                                'r' => value.push('\r'),
                                'b' => value.push('\u{8}'),
                                'f' => value.push('\u{c}'),
                                'u' => {
                                    let hex: String =
                                        (0..4).map(|_| chars.next().unwrap().1).collect();
                                    let code = u32::from_str_radix(&hex, 16).unwrap();
                                    value.push(char::from_u32(code).unwrap_or('\u{fffd}'));
                                }
                                other => value.push(other),
                            }
                        }
                        other => value.push(other),
                    }
                }
                // A string followed by ':' is a member name; the next string may be its value.
                while chars.peek().is_some_and(|(_, c)| c.is_whitespace()) {
                    chars.next();
                }
                if chars.peek().is_some_and(|(_, c)| *c == ':') {
                    pending_key = Some(value);
                } else if pending_key
                    .take()
                    .is_some_and(|key| key == "match" || key == "begin")
                {
                    patterns.push(value);
                }
            }
            '{' | '[' | ',' => pending_key = None,
            _ => {}
        }
    }
    patterns
}

/// The words of a regular expression: runs of letters and `_` once escapes (`\b`, `\s`, `\w`,
/// ...) are removed, so `\b(after|all)\b` gives `after` and `all`.
fn pattern_words(pattern: &str) -> BTreeSet<String> {
    let mut without_escapes = String::new();
    let mut chars = pattern.chars();
    while let Some(c) = chars.next() {
        if c == '\\' {
            chars.next();
            without_escapes.push(' ');
        } else {
            without_escapes.push(c);
        }
    }
    without_escapes
        .split(|c: char| !(c.is_alphabetic() || c == '_'))
        .filter(|w| !w.is_empty())
        .map(str::to_owned)
        .collect()
}

fn tm_grammar_patterns() -> Vec<String> {
    let (path, text) = repo_file("editors/vscode/syntaxes/mentor.tmLanguage.json");
    let patterns = json_patterns(&text);
    assert!(
        !patterns.is_empty(),
        "no match or begin patterns in {}",
        path.display()
    );
    patterns
}

#[test]
fn every_keyword_is_coloured_by_the_editor_grammar() {
    let words: BTreeSet<String> = tm_grammar_patterns()
        .iter()
        .flat_map(|p| pattern_words(p))
        .collect();
    let missing: Vec<String> = grammar_keywords().difference(&words).cloned().collect();
    assert!(
        missing.is_empty(),
        "keywords of grammar/mentor.pest that editors/vscode/syntaxes/mentor.tmLanguage.json \
         does not colour (add them to a match pattern): {missing:?}"
    );
}

#[test]
fn item_keywords_are_declarations_at_line_start() {
    let line_start_words: BTreeSet<String> = tm_grammar_patterns()
        .iter()
        .filter(|p| p.starts_with('^'))
        .flat_map(|p| pattern_words(p))
        .collect();
    let keywords = grammar_keywords();
    for item in ITEM_KEYWORDS {
        assert!(
            keywords.contains(*item),
            "item keyword `{item}` has no kw_ rule in grammar/mentor.pest"
        );
        assert!(
            line_start_words.contains(*item),
            "item keyword `{item}` is not in a line-start (`^`) pattern of mentor.tmLanguage.json"
        );
    }
}

#[test]
fn all_keywords_lists_exactly_the_grammar_keywords() {
    let grammar = grammar_keywords();
    let listed: BTreeSet<String> = ALL_KEYWORDS.iter().map(|k| (*k).to_owned()).collect();
    let missing: Vec<&String> = grammar.difference(&listed).collect();
    let extra: Vec<&String> = listed.difference(&grammar).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "mentor_syntax::keywords::ALL_KEYWORDS differs from the kw_ rules of grammar/mentor.pest: \
         missing {missing:?}, not keywords {extra:?}"
    );
}

#[test]
fn all_keywords_are_sorted_and_unique() {
    for pair in ALL_KEYWORDS.windows(2) {
        assert!(
            pair[0] < pair[1],
            "ALL_KEYWORDS must be in alphabetical order without repeats: `{}` then `{}`",
            pair[0],
            pair[1]
        );
    }
}

#[test]
fn the_helpers_read_what_they_should() {
    assert_eq!(
        string_literals(r#"@{ ("attempts" | "attempt") ~ !XID_CONTINUE }"#),
        ["attempts", "attempt"]
    );
    assert_eq!(
        json_patterns(r#"{"match": "\\b(a\"b|c)\\b", "name": "match", "begin": "x"}"#),
        [r#"\b(a"b|c)\b"#, "x"]
    );
    let words = pattern_words(r"(?<![\w.])(working)\s+(days|day)(?!\w)");
    assert_eq!(
        words.into_iter().collect::<Vec<_>>(),
        ["day", "days", "working"]
    );
}
