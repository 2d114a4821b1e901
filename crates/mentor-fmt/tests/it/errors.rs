//! A policy with syntax errors is never formatted.

use mentor_fmt::FormatError;

#[test]
fn syntax_errors_are_reported_and_nothing_is_formatted() {
    let text = "role   mentor\nrule broken\n  after x mentor must\nevent   e by mentor\n";
    let copy = text.to_string();
    match mentor_fmt::format(text) {
        Err(FormatError::Syntax(diagnostics)) => assert!(!diagnostics.is_empty()),
        other => panic!("expected a syntax error, got {other:?}"),
    }
    assert_eq!(text, copy);
    assert!(matches!(
        mentor_fmt::is_formatted(text),
        Err(FormatError::Syntax(_))
    ));
}

#[test]
fn junk_before_the_first_item_is_a_syntax_error() {
    let result = mentor_fmt::format("  ???\nrole mentor\n");
    assert!(matches!(result, Err(FormatError::Syntax(_))));
}

#[test]
fn empty_and_comment_only_files() {
    assert_eq!(mentor_fmt::format("").unwrap(), "");
    assert_eq!(mentor_fmt::format("\n\n  \n").unwrap(), "");
    assert_eq!(
        mentor_fmt::format("\n# one\n\n\n# two\n").unwrap(),
        "# one\n\n# two\n"
    );
}

#[test]
fn output_ends_with_one_newline() {
    assert_eq!(mentor_fmt::format("role a").unwrap(), "role a\n");
    assert_eq!(mentor_fmt::format("role a\n\n\n").unwrap(), "role a\n");
    assert!(mentor_fmt::is_formatted("role a\n").unwrap());
    assert!(!mentor_fmt::is_formatted("role  a\n").unwrap());
}
