//! What a policy change would change: a changed figure moves a due date and changes an
//! eligibility; a removed rule takes its duties and findings with it.

use crate::support::{answer, policy_text};
use mentor_agenda::Change;
use mentor_agenda::compare::compare;

#[test]
fn a_changed_figure_moves_the_due_date() {
    let old = policy_text("supportt");
    let new = old.replace(
        "mentor must mentor_responded or mentor_declined within 5 working days",
        "mentor must mentor_responded or mentor_declined within 10 working days",
    );
    assert_ne!(old, new, "the policy still says 5 working days");
    let case = "examples/supportt/awaiting-response.json";
    let change = compare(
        &answer(&old, case, "2026-12-22"),
        &answer(&new, case, "2026-12-22"),
    );
    assert_eq!(change.changes.len(), 1, "{:#?}", change.changes);
    let Change::MovedDuty { old, new } = &change.changes[0] else {
        panic!("{:#?}", change.changes);
    };
    assert_eq!(old.due.unwrap().to_string(), "2026-12-29");
    assert_eq!(new.due.unwrap().to_string(), "2027-01-06");
}

#[test]
fn a_longer_recovery_makes_a_mentor_ineligible() {
    // MPHP's planned change: 5 years of recovery instead of 3.
    let old = policy_text("mphp");
    let new = old.replace(
        "time since recovery_since >= 36 months",
        "time since recovery_since >= 60 months",
    );
    assert_ne!(old, new);
    let case = "examples/mphp/waiting-for-call.json";
    let before = answer(&old, case, "2026-11-23");
    let after = answer(&new, case, "2026-11-23");
    let change = compare(&before, &after);
    let eligibility: Vec<&Change> = change
        .changes
        .iter()
        .filter(|c| matches!(c, Change::Eligibility { .. }))
        .collect();
    // Whether a mentor's eligibility changes depends on their facts; the comparison must
    // say exactly what differs.
    for c in &eligibility {
        let Change::Eligibility {
            old: Some(o),
            new: Some(n),
        } = c
        else {
            panic!("{c:#?}")
        };
        assert_ne!(o.eligible, n.eligible);
    }
    let differs = before.eligibility != after.eligibility;
    assert_eq!(!eligibility.is_empty(), differs);
}

#[test]
fn a_removed_rule_takes_its_duties_and_findings_with_it() {
    let old = policy_text("supportt");
    let start = old.find("\nrule respond").expect("the rule `respond`");
    let end = old[start + 1..]
        .find("\nrule ")
        .map_or(old.len(), |e| start + 1 + e);
    let new = format!("{}{}", &old[..start], &old[end..]);
    let case = "examples/supportt/awaiting-response.json";
    let as_of = "2027-01-20";
    let change = compare(&answer(&old, case, as_of), &answer(&new, case, as_of));
    let gone_duties = change
        .changes
        .iter()
        .filter(|c| matches!(c, Change::GoneDuty { duty } if duty.rule == "respond"))
        .count();
    let gone_findings = change
        .changes
        .iter()
        .filter(|c| matches!(c, Change::GoneFinding { finding } if finding.rule == "respond"))
        .count();
    assert_eq!(
        gone_duties + gone_findings,
        change.changes.len(),
        "{:#?}",
        change.changes
    );
    assert_eq!(gone_duties, 1, "the overdue response is no longer owed");
    assert_eq!(gone_findings, 1, "the missed response no longer counts");
    assert!(
        change
            .changes
            .iter()
            .all(|c| !matches!(c, Change::NewDuty { .. })),
        "nothing new is owed"
    );
}
