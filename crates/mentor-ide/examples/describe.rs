//! Prints the diagnostics and the plain-English meaning of every rule of the policies given
//! as arguments: `cargo run -p mentor-ide --example describe -- policies/*.mentor`.
#![allow(clippy::disallowed_methods, clippy::disallowed_macros)]

fn main() {
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("cannot read {path}");
            continue;
        };
        let analysis = mentor_check::analyze(&text);
        let model = &analysis.checked.model;
        println!("## {path}");
        let index = mentor_diagnostics::LineIndex::new(&text);
        for d in analysis.diagnostics() {
            println!(
                "{}",
                mentor_diagnostics::render::short(&path, &text, &index, &d)
            );
        }
        for e in &model.eligibility {
            println!(
                "- {}: {}",
                e.name,
                mentor_ide::describe_eligibility(model, e)
            );
        }
        for r in &model.rules {
            println!("- {}: {}", r.name, mentor_ide::describe_rule(model, r));
        }
    }
}
