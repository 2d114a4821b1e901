//! Completion knows where it is: one row per place, with labels that must and must not come.

use crate::common;

use mentor_ide::CompletionKind;

/// (text appended to the fixture, with the cursor `‸`; labels expected; labels not expected)
const CASES: &[(&str, &[&str], &[&str])] = &[
    // item keywords at the start of a line
    (
        "\n‸",
        &["rule", "role", "event", "eligibility", "ladder", "phase"],
        &["mentee", "after"],
    ),
    ("\nru‸", &["rule"], &["mentee"]),
    // after the name of a rule
    (
        "\nrule r\n  ‸",
        &["source", "after", "every month", "each", "mentee"],
        &["rule", "days"],
    ),
    // where an event is expected
    (
        "\nrule r\n  after ‸",
        &["mentoring_requested", "later of", "first"],
        &["rule", "days"],
    ),
    (
        "\nrule r\n  after later of ‸",
        &["session_held"],
        &["mentee"],
    ),
    (
        "\nrule r\n  after mentoring_requested, mentor must ‸",
        &["mentor_responded", "session_held"],
        &["mentee", "have"],
    ),
    (
        "\nrule r\n  after mentoring_requested, mentor must mentor_responded or ‸",
        &["mentor_declined"],
        &["mentee"],
    ),
    (
        "\nrule r\n  each ‸",
        &["session_held", "first"],
        &["mentee"],
    ),
    (
        "\nrule r\n  each session_held should ‸",
        &["have", "fall within", "fall outside"],
        &["session_held"],
    ),
    (
        "\nrule r\n  each session_held should fall outside ‸",
        &["capacity_paused"],
        &["mentee"],
    ),
    (
        "\nrule r\n  mentee must have at most 4 ‸",
        &["session_held"],
        &["mentee"],
    ),
    (
        "\nrule r\n  mentee must have at most 4 session_held plus ‸",
        &["extension_approved"],
        &["mentee"],
    ),
    (
        "\nrule r\n  mentee must have ‸",
        &["at most", "at least", "between"],
        &["session_held"],
    ),
    (
        "\nladder l\n  reach mentor\n  attempt ‸",
        &["contact_attempted"],
        &["mentor"],
    ),
    (
        "\nladder l\n  reach mentor\n  attempt contact_attempted\n  success contact_made or ‸",
        &["contact_attempted"],
        &["mentor"],
    ),
    (
        "\ntermination t\n  when ‸",
        &["relationship_ended"],
        &["mentee"],
    ),
    (
        "\ndisclosure d\n  coordinator must share only mentee first_name with mentor\n    through ‸",
        &["details_disclosed"],
        &["mentor"],
    ),
    ("\nphase p\n  starts at ‸", &["phase_started"], &["mentee"]),
    (
        "\nrule r\n  every month from ‸",
        &["coordinator_assigned"],
        &["mentee"],
    ),
    // roles
    (
        "\nevent e by ‸",
        &["mentee", "mentor", "admin"],
        &["session_held", "bool"],
    ),
    ("\nevent e by mentee to ‸", &["mentor"], &["session_held"]),
    ("\nevent e by mentee or ‸", &["mentor"], &["session_held"]),
    ("\nevent e ‸", &["by"], &["mentee"]),
    (
        "\nrule r\n  after mentoring_requested, ‸",
        &["mentor", "coordinator"],
        &["session_held"],
    ),
    (
        "\ntermination t\n  when withdrawn\n  then ‸",
        &["mentee"],
        &["session_held"],
    ),
    (
        "\nladder l\n  reach mentor\n  attempt contact_attempted\n  success contact_made\n  step ‸",
        &["coordinator"],
        &["contact_made"],
    ),
    (
        "\ndisclosure d\n  coordinator must share only mentee first_name with ‸",
        &["mentor"],
        &["first_name"],
    ),
    // a role's facts after `role.`, an event's fields after `event.`
    (
        "\neligibility e\n  mentor is eligible when mentee.‸",
        &["profession", "out_of_training", "first_name"],
        &["willing", "and"],
    ),
    (
        "\nrule r\n  mentee must have at most 4 session_held plus extension_approved.‸",
        &["sessions"],
        &["minutes"],
    ),
    (
        "\ndisclosure d\n  coordinator must share only mentee ‸",
        &["first_name", "profession"],
        &["willing"],
    ),
    (
        "\ndisclosure d\n  coordinator must share mentee first_name with mentor\n    through details_disclosed listing ‸",
        &["fields"],
        &["first_name"],
    ),
    // unit words after a number
    (
        "\nrule r\n  after mentoring_requested, mentor must mentor_responded within 5 ‸",
        &["days", "working days", "weeks", "months"],
        &["session_held", "mentee"],
    ),
    (
        "\nphase p\n  starts at phase_started\n  should last 3 ‸",
        &["months"],
        &["session_held"],
    ),
    (
        "\nrule r\n  after mentoring_requested, mentor must mentor_responded within 5 working ‸",
        &["days"],
        &["months"],
    ),
    (
        "\nladder l\n  reach mentor\n  attempt contact_attempted\n  success contact_made\n  step coordinator 2 ‸",
        &["attempts"],
        &["days"],
    ),
    // eligibility conditions: facts, connectives, `any of`, `time since`
    (
        "\neligibility e\n  mentor is eligible when ‸",
        &[
            "willing",
            "recovery_since",
            "not",
            "any of",
            "time since",
            "mentee",
        ],
        &["session_held", "first_name"],
    ),
    (
        "\neligibility e\n  mentor is eligible when willing and ‸",
        &["course_sessions_attended", "any of"],
        &["session_held"],
    ),
    (
        "\neligibility e\n  mentor is eligible when willing ‸",
        &["and", "or"],
        &["willing"],
    ),
    (
        "\neligibility e\n  mentor is eligible when any of (willing, ‸",
        &["recovery_since"],
        &["session_held"],
    ),
    (
        "\neligibility e\n  mentor is eligible when time since ‸",
        &["recovery_since"],
        &["and"],
    ),
    (
        "\neligibility e\n  mentor is eligible when profession similar to mentee.profession by ‸",
        &["related"],
        &["willing"],
    ),
    ("\neligibility e\n  mentor ‸", &["is"], &["willing"]),
    // choices after `==` and inside `in {`
    (
        "\neligibility e\n  mentee is eligible when profession == ‸",
        &["doctor", "dentist", "nurse", "other"],
        &["willing", "mutual"],
    ),
    (
        "\neligibility e\n  mentee is eligible when profession in {‸",
        &["doctor", "dentist"],
        &["mutual"],
    ),
    (
        "\neligibility e\n  mentee is eligible when profession not in {doctor, ‸",
        &["dentist"],
        &["mutual"],
    ),
    (
        "\neligibility e\n  mentor is eligible when mentee.profession == ‸",
        &["doctor"],
        &["mutual"],
    ),
    (
        "\nrule r\n  after relationship_ended where path == ‸",
        &["mutual", "via_coordinator"],
        &["doctor"],
    ),
    // conditions on an event: its fields and `at`
    (
        "\nrule r\n  each session_held should have ‸",
        &["minutes", "at"],
        &["sessions", "willing"],
    ),
    (
        "\nrule r\n  after relationship_ended where ‸",
        &["path"],
        &["minutes"],
    ),
    // after a closed `where` filter, back to the rule
    (
        "\nrule r\n  after relationship_ended where path == mutual, ‸",
        &["mentee"],
        &["mutual"],
    ),
    // calendars and types
    (
        "\nrule r\n  after mentoring_requested, mentor must mentor_responded within 5 working days in ‸",
        &["england_and_wales", "office"],
        &["days"],
    ),
    ("\ncalendar c = ‸", &["england_and_wales"], &["office"]),
    (
        "\nrole r {\n  x: ‸",
        &["bool", "int", "date", "profession"],
        &["mentee"],
    ),
    (
        "\nsimilarity s { doctor ~ ‸",
        &["dentist", "mutual"],
        &["mentee"],
    ),
    // recurring duties
    ("\nrule r\n  every ‸", &["month"], &["mentee"]),
    (
        "\nrule r\n  every month from coordinator_assigned, coordinator should contact_made by ‸",
        &["day", "end of month"],
        &["mentee"],
    ),
    (
        "\nrule r\n  after mentoring_requested, mentor must mentor_responded within 5 days\n  if ‸",
        &["missed"],
        &["mentee"],
    ),
];

/// Places where nothing is proposed.
const NOTHING: &[&str] = &[
    "\n# after ‸",
    "\nrule r\n  source \"after ‸",
    "\nrule r # after ‸",
    "\nprogramme ‸",
    "\nrule ‸",
];

fn labels(appended: &str) -> Vec<String> {
    let (text, offset) = common::cursor(&format!("{}{appended}", common::EVERYTHING));
    let analysis = mentor_check::analyze(&text);
    mentor_ide::completion(&text, &analysis, offset)
        .into_iter()
        .map(|c| c.label)
        .collect()
}

#[test]
fn completion_fits_the_place() {
    let mut failures = Vec::new();
    for (appended, expected, unexpected) in CASES {
        let got = labels(appended);
        let missing: Vec<&&str> = expected
            .iter()
            .filter(|e| !got.iter().any(|g| g == *e))
            .collect();
        let wrong: Vec<&&str> = unexpected
            .iter()
            .filter(|u| got.iter().any(|g| g == *u))
            .collect();
        if !missing.is_empty() || !wrong.is_empty() {
            failures.push(format!(
                "{appended:?}: missing {missing:?}, unexpected {wrong:?}, got {got:?}"
            ));
        }
    }
    assert!(failures.is_empty(), "\n{}", failures.join("\n"));
}

#[test]
fn nothing_is_proposed_in_comments_quotes_and_new_names() {
    for appended in NOTHING {
        assert_eq!(labels(appended), Vec::<String>::new(), "{appended:?}");
    }
}

#[test]
fn completions_say_what_they_are() {
    let (text, offset) = common::cursor(&format!(
        "{}\nrule r\n  after mentoring_requested, mentor must ‸",
        common::EVERYTHING
    ));
    let analysis = mentor_check::analyze(&text);
    let found = mentor_ide::completion(&text, &analysis, offset);
    let responded = found
        .iter()
        .find(|c| c.label == "mentor_responded")
        .unwrap();
    assert_eq!(responded.kind, CompletionKind::Event);
    assert_eq!(
        responded.detail.as_deref(),
        Some("event by mentor to mentee")
    );
}

#[test]
fn completion_never_panics_anywhere_in_the_real_policies() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../policies");
    for entry in std::fs::read_dir(dir).unwrap() {
        let text = std::fs::read_to_string(entry.unwrap().path()).unwrap();
        let analysis = mentor_check::analyze(&text);
        for offset in (0..=text.len() + 2).step_by(7) {
            let _ = mentor_ide::completion(&text, &analysis, offset);
            let _ = mentor_ide::hover(&text, &analysis, offset);
        }
    }
}
