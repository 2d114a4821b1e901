//! Every diagnostic mentor writes, worded once: one constructor per kind of problem, grouped
//! by family of codes, as rust-analyzer keeps one module per diagnostic and Ruff one
//! `message()` per rule.
//!
//! The checker, the case loader, the policy tests, the store and the language server all
//! build their diagnostics here, from plain data (names, spans, the names a close match is
//! looked for among); nothing else can build one (the builders are private to this crate),
//! and a test keeps each code in exactly one of these modules. Front ends render and
//! convert what these functions return; they never re-word it.

pub mod case;
pub mod case_values;
pub mod meaning;
pub mod names;
pub mod policy_tests;
pub mod store;
pub mod syntax;
pub mod warnings;

/// "`a`, `b`, `c`": names in backticks, all of them, separated by commas.
fn ticked<'a>(names: impl IntoIterator<Item = &'a str>) -> String {
    names
        .into_iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

/// "`a`, `b` or `c`" (all of them), or "no role" when there are none: the roles that may do
/// or receive an event.
fn roles_or(names: &[&str]) -> String {
    match names {
        [] => "no role".to_string(),
        [one] => format!("`{one}`"),
        [init @ .., last] => format!("{} or `{last}`", ticked(init.iter().copied())),
    }
}
