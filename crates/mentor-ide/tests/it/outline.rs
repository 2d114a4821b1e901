//! The outline (document symbols) and folding ranges of the fixture policy.

use crate::common::EVERYTHING;
use mentor_ide::{FoldKind, SymbolKind};

#[test]
fn the_outline_lists_items_with_facts_and_fields_under_them() {
    let analysis = mentor_check::analyze(EVERYTHING);
    let symbols = mentor_ide::document_symbols(EVERYTHING, &analysis);
    let names: Vec<(&str, SymbolKind)> =
        symbols.iter().map(|s| (s.name.as_str(), s.kind)).collect();
    assert_eq!(names.len(), 40, "{names:?}");
    assert_eq!(names[0], ("everything", SymbolKind::Programme));
    assert!(names.contains(&("respond", SymbolKind::Rule)));
    assert!(names.contains(&("mentor_unreachable", SymbolKind::Ladder)));
    assert!(names.contains(&("mutual", SymbolKind::Termination)));
    assert!(names.contains(&("details", SymbolKind::Disclosure)));
    assert!(names.contains(&("review", SymbolKind::Phase)));
    assert!(names.contains(&("mentee_eligible", SymbolKind::Eligibility)));
    assert!(names.contains(&("related", SymbolKind::Similarity)));
    assert!(names.contains(&("office", SymbolKind::Calendar)));
    assert!(names.contains(&("profession", SymbolKind::Type)));

    let mentee = symbols.iter().find(|s| s.name == "mentee").unwrap();
    assert_eq!(mentee.kind, SymbolKind::Role);
    let facts: Vec<(&str, Option<&str>)> = mentee
        .children
        .iter()
        .map(|c| (c.name.as_str(), c.detail.as_deref()))
        .collect();
    assert_eq!(
        facts,
        vec![
            ("profession", Some("profession")),
            ("out_of_training", Some("bool")),
            ("first_name", Some("text")),
        ]
    );
    assert!(mentee.children.iter().all(|c| c.kind == SymbolKind::Fact));

    let session = symbols.iter().find(|s| s.name == "session_held").unwrap();
    assert_eq!(session.detail.as_deref(), Some("by mentor to mentee"));
    assert_eq!(session.children[0].name, "minutes");
    assert_eq!(session.children[0].kind, SymbolKind::Field);

    let respond = symbols.iter().find(|s| s.name == "respond").unwrap();
    assert_eq!(respond.detail.as_deref(), Some("deadline, must"));
    let item = &EVERYTHING[respond.span.start()..respond.span.end()];
    assert!(
        item.starts_with("rule respond") && item.ends_with("another mentor\""),
        "{item}"
    );
    assert_eq!(
        &EVERYTHING[respond.name_span.start()..respond.name_span.end()],
        "respond"
    );
}

#[test]
fn the_outline_keeps_named_items_that_did_not_parse() {
    let text = "programme p\nrole a\nrule broken\n  after after after\nevent e by a\n";
    let analysis = mentor_check::analyze(text);
    let names: Vec<String> = mentor_ide::document_symbols(text, &analysis)
        .into_iter()
        .map(|s| s.name)
        .collect();
    assert_eq!(names, vec!["p", "a", "broken", "e"]);
}

#[test]
fn folds_cover_multi_line_items_blocks_and_comment_runs() {
    let analysis = mentor_check::analyze(EVERYTHING);
    let folds = mentor_ide::folding_ranges(EVERYTHING, &analysis);
    let first_lines: Vec<(&str, FoldKind)> = folds
        .iter()
        .map(|f| {
            let text = &EVERYTHING[f.span.start()..f.span.end()];
            (text.lines().next().unwrap(), f.kind)
        })
        .collect();
    // the two comment lines at the top
    assert_eq!(first_lines[0].1, FoldKind::Comment);
    assert!(first_lines.contains(&("role mentee {", FoldKind::Region)));
    assert!(first_lines.contains(&("{", FoldKind::Region)));
    assert!(first_lines.contains(&("rule respond", FoldKind::Region)));
    assert!(first_lines.contains(&("ladder mentor_unreachable", FoldKind::Region)));
    // one-line items do not fold
    assert!(
        !first_lines
            .iter()
            .any(|(l, _)| l.starts_with("event session_held"))
    );
    assert!(
        folds
            .iter()
            .all(|f| EVERYTHING[f.span.start()..f.span.end()].contains('\n'))
    );
}
