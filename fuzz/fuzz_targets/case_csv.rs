//! A CSV case (events and participants files) for one of the seed policies: the first byte
//! picks the policy, the rest is the events file, then a byte 0, then the participants
//! file. Loading never panics and every problem is located inside the file it names.
#![no_main]

use libfuzzer_sys::fuzz_target;
use mentor_eval::load::CsvFile;

fuzz_target!(|data: &[u8]| {
    let Some((analysis, text)) = mentor_fuzz::case_input(data) else {
        return;
    };
    let (events, participants) = text.split_once('\0').unwrap_or((text, "id,role\n"));
    let model = &analysis.checked.model;
    if let Err(problems) = mentor_eval::load::load_csv(model, events, participants, "fuzz") {
        assert!(!problems.is_empty(), "refused without a reason");
        for (file, d) in &problems {
            let text = match file {
                CsvFile::Events => events,
                CsvFile::Participants => participants,
            };
            mentor_fuzz::check_diagnostics(text, std::slice::from_ref(d));
        }
    }
});
