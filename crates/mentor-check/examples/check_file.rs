//! Prints the diagnostics of policy files (a debugging aid; `mentor check` is the real command).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let analysis = mentor_check::analyze(&text);
        let diags = analysis.diagnostics();
        print!(
            "{}",
            mentor_diagnostics::render::human(
                &path,
                &text,
                &diags,
                mentor_diagnostics::render::Style::Plain
            )
        );
        println!(
            "{path}: {} rules, {} diagnostics",
            analysis.checked.model.rules.len(),
            diags.len()
        );
    }
}
