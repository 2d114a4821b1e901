//! M07xx: what goes into a programme's case store.

use crate::{Code, Diagnostic, Span};

// ---- M0701 case already in the store

/// Where the case id an import brings is already taken.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Taken {
    /// By a case in the store.
    InStore,
    /// By another case of the same import.
    InImport,
}

/// A case whose id is taken. `span` is where the file names the case, when it does;
/// otherwise the case is named by its file.
pub fn case_id_taken(id: &str, taken: Taken, span: Option<Span>) -> Diagnostic {
    let (message, help) = match taken {
        Taken::InStore => (
            format!("case `{id}` is already in the store"),
            format!(
                "record new events with `mentor record {id} ...`, or give this case another id"
            ),
        ),
        Taken::InImport => (
            format!("case `{id}` comes twice in this import"),
            "give each case its own id, or import only one of the two".to_string(),
        ),
    };
    let (span, label) = match span {
        Some(s) => (s, "this case id is taken"),
        None => (Span::at(0), "the case is named here or after the file"),
    };
    Diagnostic::new(Code::CaseInStore, span, message)
        .label(label)
        .help(help)
}
