//! Prints the syntax tree and syntax errors of a policy file (a debugging aid).
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::disallowed_methods,
    clippy::disallowed_macros
)]
fn main() {
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let parsed = mentor_syntax::parse(&text);
        if std::env::var("TREE").is_ok() {
            println!("{:#?}", parsed.policy);
        }
        print!(
            "{}",
            mentor_diagnostics::render::human(
                &path,
                &text,
                &parsed.diagnostics,
                mentor_diagnostics::render::Style::Plain
            )
        );
        println!(
            "{path}: {} items, {} diagnostics",
            parsed.policy.items.len(),
            parsed.diagnostics.len()
        );
    }
}
