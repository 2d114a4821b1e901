//! Hover, go to definition, find references and rename on the fixture policy.

use crate::common::{EVERYTHING, offset_of, texts};

fn analysis() -> mentor_check::Analysis {
    mentor_check::analyze(EVERYTHING)
}

fn hover_at(needle: &str, nth: usize) -> String {
    let offset = offset_of(EVERYTHING, needle, nth) + 1;
    mentor_ide::hover(EVERYTHING, &analysis(), offset)
        .unwrap_or_else(|| panic!("no hover on `{needle}`"))
        .markdown
}

#[test]
fn hover_on_a_rule_name_gives_its_meaning_modality_and_sources() {
    let text = hover_at("respond\n", 0);
    assert!(
        text.starts_with("**rule** `respond` (deadline, must)"),
        "{text}"
    );
    assert!(text.contains(
        "the mentor must do mentor_responded or mentor_declined within 5 working days \
         (england_and_wales calendar) after mentoring_requested"
    ));
    assert!(text.contains("if missed: the mentee may choose another mentor"));
    assert!(text.contains("> Peer Mentors will respond to mentee requests within 5 working days."));
}

#[test]
fn hover_on_references_summarises_the_declaration() {
    let cases: &[(&str, usize, &[&str])] = &[
        // a role, used in an event line
        (
            "mentee to mentor",
            0,
            &[
                "**role** `mentee`",
                "- `profession`: one of doctor | dentist | nurse | other",
                "does: `mentoring_requested`",
            ],
        ),
        // an event, used in a rule
        (
            "mentoring_requested,",
            0,
            &[
                "**event** `mentoring_requested`",
                "done by the mentee, to the mentor",
            ],
        ),
        // a fact, used in a condition
        (
            "out_of_training\n\n",
            0,
            &[
                "**fact** `out_of_training` of the role `mentee`",
                "yes or no (bool)",
            ],
        ),
        // a field, used in a `plus`
        (
            "sessions\n",
            0,
            &[
                "**field** `sessions` of the event `extension_approved`",
                "a number (int)",
            ],
        ),
        // a calendar, its title and years
        (
            "england_and_wales\n  if",
            0,
            &["**calendar** `england_and_wales`", "England and Wales"],
        ),
        // a calendar with closure days
        (
            "office\n",
            0,
            &[
                "**calendar** `office`",
                "based on `england_and_wales`",
                "2 extra closure days",
            ],
        ),
        // a type
        (
            "profession\n  out",
            0,
            &["**type** `profession` = doctor | dentist | nurse | other"],
        ),
        // a choice, in a condition
        (
            "dentist}",
            0,
            &[
                "**choice** `dentist`",
                "`mentee.profession`",
                "the type `profession`",
            ],
        ),
        // a similarity
        (
            "related\n",
            0,
            &["**similarity** `related`", "doctor ~ dentist"],
        ),
        // an eligibility item
        (
            "mentee_eligible",
            0,
            &[
                "**eligibility** `mentee_eligible`",
                "a mentee is eligible when",
                "> Open to doctors",
            ],
        ),
        // a ladder, a phase
        (
            "mentor_unreachable",
            0,
            &[
                "**ladder** `mentor_unreachable` (escalation ladder, must)",
                "step 2: the admin makes 1 attempt",
            ],
        ),
        (
            "foundations\n  starts",
            0,
            &["**phase** `foundations` (phase, should)"],
        ),
        // the programme
        (
            "everything \"",
            0,
            &["**programme** `everything`", "Every kind of item"],
        ),
    ];
    for (needle, nth, expected) in cases {
        let text = hover_at(needle, *nth);
        for part in *expected {
            assert!(
                text.contains(part),
                "hover on `{needle}`: {part:?} not in\n{text}"
            );
        }
    }
}

#[test]
fn hover_over_nothing_is_none() {
    let a = analysis();
    assert_eq!(mentor_ide::hover(EVERYTHING, &a, 0), None);
    assert_eq!(
        mentor_ide::hover(EVERYTHING, &a, EVERYTHING.len() + 10),
        None
    );
}

#[test]
fn definition_of_a_reference_is_its_declaration() {
    let a = analysis();
    let use_site = offset_of(EVERYTHING, "mentoring_requested,", 0);
    let span = mentor_ide::definition(EVERYTHING, &a, use_site).unwrap();
    assert_eq!(
        span.start(),
        offset_of(EVERYTHING, "event mentoring_requested", 0) + 6
    );
    assert_eq!(&EVERYTHING[span.start()..span.end()], "mentoring_requested");
    // a fact through `role.fact`
    let fact_use = offset_of(EVERYTHING, "mentee.profession", 0) + "mentee.".len();
    let span = mentor_ide::definition(EVERYTHING, &a, fact_use).unwrap();
    assert_eq!(
        span.start(),
        offset_of(EVERYTHING, "profession: profession", 0)
    );
}

#[test]
fn references_with_and_without_the_declaration() {
    let a = analysis();
    let at = offset_of(EVERYTHING, "session_held", 1);
    let all = mentor_ide::references(EVERYTHING, &a, at, true);
    let uses = mentor_ide::references(EVERYTHING, &a, at, false);
    assert_eq!(all.len(), 6, "{all:?}");
    assert_eq!(uses.len(), 5);
    assert!(texts(EVERYTHING, &all).iter().all(|t| *t == "session_held"));
    assert_eq!(all[0].start(), offset_of(EVERYTHING, "session_held", 0));
    assert!(mentor_ide::references(EVERYTHING, &a, 0, true).is_empty());
}

#[test]
fn rename_changes_every_occurrence() {
    let a = analysis();
    let at = offset_of(EVERYTHING, "session_held", 2);
    let edits = mentor_ide::rename(EVERYTHING, &a, at, "meeting_held").unwrap();
    assert_eq!(edits.len(), 6);
    let mut renamed = EVERYTHING.to_string();
    for (span, new) in edits.iter().rev() {
        renamed.replace_range(span.start()..span.end(), new);
    }
    assert!(!renamed.contains("session_held"));
    assert_eq!(mentor_check::analyze(&renamed).diagnostics(), vec![]);
}

#[test]
fn rename_refuses_bad_names_with_a_plain_message() {
    let a = analysis();
    let at = offset_of(EVERYTHING, "session_held", 2);
    let fact = offset_of(EVERYTHING, "out_of_training", 0);
    let cases: &[(usize, &str, &str)] = &[
        (
            at,
            "mentor_responded",
            "there is already an event called `mentor_responded`",
        ),
        (
            at,
            "2nd_session",
            "`2nd_session` is not a valid name: a name starts with a letter or `_`",
        ),
        (at, "session-held", "`-` cannot be part of a name"),
        (
            at,
            "after",
            "`after` is a word of the language and cannot be used as a name",
        ),
        (at, "and", "`and` is a word of the language"),
        (at, "", "a name cannot be empty"),
        (
            fact,
            "profession",
            "there is already a fact of the role `mentee` called `profession`",
        ),
        (0, "x", "there is no declared name here to rename"),
        (
            offset_of(EVERYTHING, "england_and_wales", 0),
            "uk",
            "`england_and_wales` is the name of a built-in calendar; to call it `uk`, write `calendar uk = england_and_wales`",
        ),
    ];
    for (offset, new_name, message) in cases {
        let err = mentor_ide::rename(EVERYTHING, &a, *offset, new_name).unwrap_err();
        assert!(err.contains(message), "rename to {new_name:?}: {err}");
    }
    // a fact of another role may take the name; a calendar of the policy's own may be renamed
    assert!(mentor_ide::rename(EVERYTHING, &a, fact, "willing").is_ok());
    let office = offset_of(EVERYTHING, "office", 0);
    assert_eq!(
        mentor_ide::rename(EVERYTHING, &a, office, "branch")
            .unwrap()
            .len(),
        2
    );
}

#[test]
fn prepare_rename_gives_the_name_span() {
    let a = analysis();
    let at = offset_of(EVERYTHING, "session_held", 2) + 3;
    let span = mentor_ide::prepare_rename(EVERYTHING, &a, at).unwrap();
    assert_eq!(&EVERYTHING[span.start()..span.end()], "session_held");
    assert!(mentor_ide::prepare_rename(EVERYTHING, &a, 0).is_err());
}
