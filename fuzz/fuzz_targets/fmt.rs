//! The formatter on any text: it never fails its own safety net (a change of meaning or a
//! lost comment), formatting twice changes nothing, and the checker says the same things
//! about the formatted policy as about the original.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mentor_fmt::FormatError;

/// What the checker says, without where: codes, severities and words.
fn said(text: &str) -> Vec<(String, String)> {
    mentor_check::analyze(text)
        .diagnostics()
        .into_iter()
        .map(|d| (d.code.as_str().to_string(), d.message))
        .collect()
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let formatted = match mentor_fmt::format(text) {
        Ok(formatted) => formatted,
        Err(FormatError::Syntax(_)) => return,
        Err(FormatError::Internal(why)) => panic!("the formatter broke its safety net: {why}"),
    };
    assert_eq!(
        mentor_fmt::format(&formatted).as_deref(),
        Ok(formatted.as_str()),
        "formatting is not idempotent"
    );
    let (mut before, mut after) = (said(text), said(&formatted));
    before.sort();
    after.sort();
    assert_eq!(before, after, "the formatted policy means something else");
});
