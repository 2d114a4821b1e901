//! Names and types: turns a syntax tree into a checked [`Model`] and diagnostics.
//!
//! The checker resolves every name (roles, facts, events, fields, calendars, choices,
//! similarities), checks types and units, and records every reference in an [`Index`]
//! that the language server uses for go to definition, references and rename. It always
//! returns a model, even for a policy with errors; evaluate it only when
//! [`Checked::has_errors`] is false. It does no I/O.

mod closure_files;
mod conditions;
mod declarations;
mod figures;
pub mod index;
pub mod model;
pub mod phrase;
mod rules;
pub mod types;
pub mod warnings;

pub use closure_files::{
    ClosureFiles, Written as ClosureDaysWritten, named as closure_files_named,
    written_in as closure_days_written_in,
};
use index::Index;
use mentor_diagnostics::Diagnostic;
use mentor_syntax::ast;
pub use model::Model;
use std::collections::{HashMap, HashSet};

/// The result of checking a policy.
#[derive(Debug, Clone, Default)]
pub struct Checked {
    pub model: Model,
    pub index: Index,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    pub fn has_errors(&self) -> bool {
        self.diagnostics.iter().any(Diagnostic::is_error)
    }
}

/// A parsed and checked policy: the one analysis shared by the CLI and the language server.
#[derive(Debug, Clone, Default)]
pub struct Analysis {
    pub parsed: mentor_syntax::Parsed,
    pub checked: Checked,
}

impl Analysis {
    /// Every diagnostic, syntax first, in source order within each group.
    pub fn diagnostics(&self) -> Vec<Diagnostic> {
        let mut all = self.parsed.diagnostics.clone();
        all.extend(self.checked.diagnostics.iter().cloned());
        all.sort_by_key(|d| (d.span().start, d.code));
        all
    }

    pub fn has_errors(&self) -> bool {
        self.parsed.diagnostics.iter().any(Diagnostic::is_error) || self.checked.has_errors()
    }
}

/// Parses and checks a policy text.
pub fn analyze(text: &str) -> Analysis {
    analyze_with(text, &ClosureFiles::none())
}

/// Like [`analyze`], with the closure files the policy names, as a front end read them.
pub fn analyze_with(text: &str, files: &ClosureFiles) -> Analysis {
    let parsed = mentor_syntax::parse(text);
    let checked = check_with(&parsed.policy, files);
    Analysis { parsed, checked }
}

/// Checks a parsed policy.
pub fn check(policy: &ast::Policy) -> Checked {
    check_with(policy, &ClosureFiles::none())
}

/// Checks a parsed policy, with the closure files it names.
pub fn check_with(policy: &ast::Policy, files: &ClosureFiles) -> Checked {
    let mut checker = Checker {
        closure_files: files.clone(),
        ..Checker::default()
    };
    checker.declare(policy);
    checker.check_items(policy);
    // Warnings only make sense for a policy that says what it means: with errors around,
    // a declaration may look unused only because its use is misspelt.
    let clean = !policy
        .items
        .iter()
        .any(|i| matches!(i.kind, ast::ItemKind::Error(_)))
        && !checker.diagnostics.iter().any(Diagnostic::is_error);
    if clean {
        let warnings = warnings::find(policy, &checker.model, &checker.index);
        checker.diagnostics.extend(warnings);
    }
    Checked {
        model: checker.model,
        index: checker.index,
        diagnostics: checker.diagnostics,
    }
}

#[derive(Default)]
pub(crate) struct Checker {
    pub(crate) model: Model,
    pub(crate) index: Index,
    pub(crate) diagnostics: Vec<Diagnostic>,
    /// Names declared by items that did not parse: references to them are not reported.
    pub(crate) broken: HashSet<String>,
    pub(crate) role_names: HashMap<String, model::RoleId>,
    pub(crate) event_names: HashMap<String, model::EventId>,
    pub(crate) type_names: HashMap<String, model::TypeId>,
    pub(crate) calendar_names: HashMap<String, model::CalendarId>,
    pub(crate) similarity_names: HashMap<String, model::SimilarityId>,
    /// Built-in type names someone tried to declare again: facts using them have no known type.
    pub(crate) shadowed_builtins: HashSet<String>,
    /// A calendar declaration failed: working days are not reported as lacking a calendar.
    pub(crate) broken_calendar: bool,
    /// A similarity declaration failed: `similar to` is not reported as lacking one.
    pub(crate) broken_similarity: bool,
    /// The names of the policy's ladders, which a monthly duty's `until` may name.
    pub(crate) ladder_names: HashSet<String>,
    /// Roles that have an eligibility item, which `ROLE is eligible` may name.
    pub(crate) roles_with_eligibility: HashSet<String>,
    /// The closure files the policy names, as the front end read them.
    pub(crate) closure_files: ClosureFiles,
}

impl Checker {
    pub(crate) fn error(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }
}
