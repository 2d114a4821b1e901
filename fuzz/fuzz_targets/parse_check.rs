//! Any text, parsed and checked: never a panic, every diagnostic inside the text, and the
//! rendering (for people and as JSON) never fails.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mentor_diagnostics::render::{self, Style};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let analysis = mentor_check::analyze(text);
    let diagnostics = analysis.diagnostics();
    mentor_fuzz::check_diagnostics(text, &diagnostics);
    let _ = render::human("fuzz.mentor", text, &diagnostics, Style::Plain);
    let _ = render::json("fuzz.mentor", text, &diagnostics);
});
