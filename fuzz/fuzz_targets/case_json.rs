//! A JSON case file for one of the seed policies (the first byte picks which): loading never
//! panics, every problem is located inside the file, and a case that loads is evaluated
//! and explained (JSON report and text) without a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((analysis, text)) = mentor_fuzz::case_input(data) else {
        return;
    };
    let model = &analysis.checked.model;
    match mentor_eval::load::load_json(model, text, "fuzz") {
        Err(problems) => {
            assert!(!problems.is_empty(), "refused without a reason");
            mentor_fuzz::check_diagnostics(text, &problems);
        }
        Ok(case) => {
            let Some(as_of) = chrono::NaiveDate::from_ymd_opt(2027, 6, 30) else {
                return;
            };
            let evaluation = mentor_eval::evaluate(model, &case, as_of);
            let report = mentor_eval::report::build(model, &case, &evaluation, "", true);
            let _ = serde_json::to_string(&report);
            let _ = mentor_eval::text::render(&report, "fuzz.mentor", "");
        }
    }
});
