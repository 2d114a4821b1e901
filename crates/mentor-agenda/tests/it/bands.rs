//! Bands, the 50% and 75% warnings, filters and the order of the agenda.

use crate::support::{day, duty};
use mentor_agenda::agenda::build;
use mentor_agenda::{Band, Query, Warning};

#[test]
fn every_band_in_order_soonest_first() {
    let duties = vec![
        duty("later", "ben", "2027-01-01", Some("2027-02-01")),
        duty("none", "ben", "2027-01-01", None),
        duty("week-b", "ben", "2027-01-05", Some("2027-01-17")),
        duty("today", "ben", "2027-01-05", Some("2027-01-10")),
        duty("overdue", "ben", "2027-01-01", Some("2027-01-09")),
        duty("week-a", "ben", "2027-01-09", Some("2027-01-11")),
        duty("overdue-more", "ben", "2026-12-01", Some("2026-12-08")),
    ];
    let agenda = build(Query::on(day("2027-01-10")), duties, Vec::new());
    let seen: Vec<(&str, Band)> = agenda
        .rows
        .iter()
        .map(|r| (r.duty.case.as_str(), r.band))
        .collect();
    assert_eq!(
        seen,
        [
            ("overdue-more", Band::Overdue),
            ("overdue", Band::Overdue),
            ("today", Band::Today),
            ("week-a", Band::Week),
            ("week-b", Band::Week),
            ("later", Band::Later),
            ("none", Band::NoDeadline),
        ]
    );
}

#[test]
fn a_warning_once_half_and_three_quarters_of_the_time_has_passed() {
    let as_of = day("2027-01-10");
    let warning_of = |since: &str, due: &str| {
        let agenda = build(
            Query::on(as_of),
            vec![duty("c", "ben", since, Some(due))],
            Vec::new(),
        );
        agenda.rows[0].warning
    };
    // 9 of 20 days gone; 10 of 20; 15 of 20.
    assert_eq!(warning_of("2027-01-01", "2027-01-21"), None);
    assert_eq!(warning_of("2026-12-31", "2027-01-20"), Some(Warning::Half));
    assert_eq!(
        warning_of("2026-12-26", "2027-01-15"),
        Some(Warning::ThreeQuarters)
    );
}

#[test]
fn filters_by_party_role_case_band_and_days_ahead() {
    let duties = || {
        vec![
            duty("A", "ben", "2027-01-01", Some("2027-01-09")),
            duty("B", "cara", "2027-01-01", Some("2027-01-12")),
            duty("C", "ben", "2027-01-01", Some("2027-01-30")),
            duty("D", "ben", "2027-01-01", None),
        ]
    };
    let cases = |query: Query| -> Vec<String> {
        build(query, duties(), Vec::new())
            .rows
            .into_iter()
            .map(|r| r.duty.case)
            .collect()
    };
    let on = || Query::on(day("2027-01-10"));
    assert_eq!(
        cases(Query {
            parties: vec!["ben".into()],
            ..on()
        }),
        ["A", "C", "D"]
    );
    assert_eq!(
        cases(Query {
            roles: vec!["mentee".into()],
            ..on()
        }),
        Vec::<String>::new()
    );
    assert_eq!(
        cases(Query {
            cases: vec!["B".into(), "D".into()],
            ..on()
        }),
        ["B", "D"]
    );
    assert_eq!(
        cases(Query {
            bands: vec![Band::Overdue, Band::Later],
            ..on()
        }),
        ["A", "C"]
    );
    assert_eq!(
        cases(Query {
            within: Some(14),
            ..on()
        }),
        ["A", "B"],
        "within 14 days: overdue included, later and undated left out"
    );
}

#[test]
fn findings_since_a_date_in_their_own_section() {
    use mentor_agenda::{Finding, Severity};
    let finding = |case: &str, at: &str| Finding {
        case: case.to_string(),
        rule: "respond".to_string(),
        party: Some("ben".to_string()),
        severity: Severity::Must,
        at: day(at),
        message: "no mentor_responded".to_string(),
        events: Vec::new(),
        line: 1,
    };
    let findings = vec![
        finding("late", "2027-01-08"),
        finding("old", "2026-12-01"),
        finding("early", "2027-01-02"),
    ];
    let none = build(Query::on(day("2027-01-10")), Vec::new(), findings.clone());
    assert!(none.findings.is_empty(), "no `since`, no findings");
    let agenda = build(
        Query {
            since: Some(day("2027-01-01")),
            ..Query::on(day("2027-01-10"))
        },
        Vec::new(),
        findings,
    );
    let cases: Vec<&str> = agenda.findings.iter().map(|f| f.case.as_str()).collect();
    assert_eq!(cases, ["early", "late"]);
}
