//! The plain-English meaning of every kind of rule, on a policy that has them all.

use crate::common;

/// (item name, expected meaning): one row per rule and eligibility item of the fixture.
const MEANINGS: &[(&str, &str)] = &[
    (
        "mentee_eligible",
        "a mentee is eligible when profession is doctor or dentist and out_of_training",
    ),
    (
        "mentor_eligible",
        "a mentor is eligible when willing and (course_sessions_attended is at least 2 or the \
         time since recovery_since is at least 36 months or profession is similar to the \
         mentee's profession (by related))",
    ),
    (
        "respond",
        "the mentor must do mentor_responded or mentor_declined within 5 working days \
         (england_and_wales calendar) after mentoring_requested",
    ),
    (
        "session_limit",
        "the mentee must have at most 4 session_held, plus the sessions of each extension_approved",
    ),
    (
        "sessions_in_time",
        "the mentee should have between 4 and 6 session_held within 18 months after \
         mentoring_requested",
    ),
    (
        "six_month_window",
        "each session_held should happen within 6 months after the first session_held",
    ),
    (
        "not_while_paused",
        "no mentoring_requested should happen between capacity_paused and the next \
         capacity_resumed",
    ),
    (
        "long_sessions",
        "each session_held should meet the condition: minutes is at least 60",
    ),
    (
        "monthly_contact",
        "every month from coordinator_assigned, the coordinator should do contact_made to the \
         mentor by day 7 of the month",
    ),
    (
        "mentor_unreachable",
        "to reach the mentor, starting at coordinator_assigned, each contact_attempted counts \
         as an attempt and contact_made as success; step 1: the coordinator makes 2 attempts \
         within 1 month; step 2: the admin makes 1 attempt; if the mentor is still not reached \
         (the mentor is unreachable), the admin must do rematch_notice_sent to the mentee \
         within 5 working days (office calendar)",
    ),
    (
        "mutual",
        "the whole case ends when relationship_ended where path is mutual happens; then the \
         mentee should do release_rescinded within 2 weeks",
    ),
    (
        "details",
        "the coordinator must share only the mentee's first_name with the mentor, recording \
         each disclosure as details_disclosed (the facts shared listed in fields); nothing else \
         may be shared; only after release_signed, and no longer once release_rescinded happens",
    ),
    (
        "foundations",
        "the phase foundations starts at phase_started where phase is foundations and ends \
         when the phase review starts; it should last 3 to 6 months",
    ),
    (
        "review",
        "the phase review starts at phase_started where phase is review and ends at \
         review_held; it should last 1 to 2 months",
    ),
];

#[test]
fn the_fixture_is_a_correct_policy() {
    let analysis = mentor_check::analyze(common::EVERYTHING);
    assert_eq!(analysis.diagnostics(), vec![]);
}

#[test]
fn every_rule_and_eligibility_item_is_described() {
    let analysis = mentor_check::analyze(common::EVERYTHING);
    let model = &analysis.checked.model;
    let mut described: Vec<(String, String)> = model
        .eligibility
        .iter()
        .map(|e| (e.name.clone(), mentor_ide::describe_eligibility(model, e)))
        .collect();
    described.extend(
        model
            .rules
            .iter()
            .map(|r| (r.name.clone(), mentor_ide::describe_rule(model, r))),
    );
    let expected: Vec<(String, String)> = MEANINGS
        .iter()
        .map(|(n, m)| (n.to_string(), m.to_string()))
        .collect();
    assert_eq!(described, expected);
}

#[test]
fn the_real_policies_are_described_without_question_marks() {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../policies");
    let mut count = 0;
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.extension().is_none_or(|e| e != "mentor") {
            continue;
        }
        let text = std::fs::read_to_string(&path).unwrap();
        let analysis = mentor_check::analyze(&text);
        let model = &analysis.checked.model;
        for rule in &model.rules {
            let meaning = mentor_ide::describe_rule(model, rule);
            assert!(!meaning.contains('?'), "{}: {meaning}", rule.name);
            count += 1;
        }
    }
    assert!(count > 20, "only {count} rules found in {dir}");
}

/// A policy whose events have plain-English phrases, as the seed policies do.
const WITH_PHRASES: &str = r#"programme p "P"
role mentee
role mentor
role admin
event mentoring_requested by mentee to mentor "ask {to} for peer mentoring"
event mentor_responded by mentor to mentee "reply to {to}'s request"
event mentor_declined by mentor to mentee "decline {to}'s request"
event withdrawn by mentor or mentee to admin "withdraw, through {to}"
rule respond
  after mentoring_requested, mentor must mentor_responded or mentor_declined within 5 days
termination withdrawal
  when withdrawn between mentee and mentor
"#;

#[test]
fn meanings_and_hovers_use_the_events_phrases() {
    let analysis = mentor_check::analyze(WITH_PHRASES);
    assert_eq!(analysis.diagnostics(), vec![]);
    let model = &analysis.checked.model;
    let described: Vec<String> = model
        .rules
        .iter()
        .map(|r| mentor_ide::describe_rule(model, r))
        .collect();
    assert_eq!(
        described,
        [
            "the mentor must reply to the mentee's request or decline the mentee's request \
             (mentor_responded or mentor_declined) within 5 days after mentoring_requested (the \
             mentee asked the mentor for peer mentoring)",
            "the relationship between a mentee and a mentor ends (only theirs: other \
             relationships in the case go on) when withdrawn (the mentor or mentee withdrew, \
             through the admin) happens; nothing more is required",
        ]
    );
    let offset = common::offset_of(WITH_PHRASES, "mentor_responded by", 0);
    let hover = mentor_ide::hover(WITH_PHRASES, &analysis, offset).unwrap();
    assert!(
        hover.markdown.contains(
            "in words: the mentor must *reply to the mentee's request*; once done: the mentor \
             *replied to the mentee's request*"
        ),
        "{}",
        hover.markdown
    );
}
