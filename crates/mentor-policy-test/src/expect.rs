//! Expectations: checking what a test expects against what the evaluation found.

use chrono::NaiveDate;
use mentor_check::Model;
use mentor_diagnostics::catalog::policy_tests as tests;
use mentor_diagnostics::{Diagnostic, Span};
use mentor_eval::Case;
use mentor_eval::outcome::{Evaluation, RuleStatus};
use mentor_eval::report::Report;
use mentor_syntax::ast::{Expectation, StatusWord};

/// One expectation that did not hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub span: Span,
    pub expected: String,
    pub actual: String,
}

/// Reports rule and participant names in an expectation that the policy or case lacks.
pub(crate) fn check_names(
    e: &Expectation,
    model: &Model,
    case: Option<&Case>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let rule = match e {
        Expectation::NoNext(r) | Expectation::NoViolation(r) => r.as_ref(),
        Expectation::Next { rule, .. }
        | Expectation::Violation { rule, .. }
        | Expectation::Status { rule, .. } => Some(rule),
        Expectation::Eligible { .. } => None,
    };
    if let Some(rule) = rule
        && model.rule_by_name(&rule.text).is_none()
    {
        let names: Vec<&str> = model.rules.iter().map(|r| r.name.as_str()).collect();
        diagnostics.push(tests::unknown_rule(rule.span, &rule.text, &names));
    }
    let Some(case) = case else { return };
    let person = match e {
        Expectation::Next { party, .. } | Expectation::Violation { party, .. } => party.as_ref(),
        Expectation::Eligible { participant, .. } => Some(participant),
        _ => None,
    };
    if let Some(person) = person
        && !case.participants.iter().any(|p| p.id == person.text)
    {
        let ids: Vec<&str> = case.participants.iter().map(|p| p.id.as_str()).collect();
        diagnostics.push(tests::not_in_case(person.span, &person.text, &ids));
    }
}

fn next_list(report: &Report, rule: Option<&str>) -> String {
    let items: Vec<String> = report
        .next
        .iter()
        .filter(|n| rule.is_none_or(|r| n.rule == r))
        .map(|n| {
            let due = n
                .due
                .map_or("no due date".to_string(), |d| format!("due {d}"));
            format!(
                "{} for {} {due}{}",
                n.rule,
                n.party.as_deref().unwrap_or("nobody"),
                if n.overdue { " (overdue)" } else { "" }
            )
        })
        .collect();
    if items.is_empty() {
        "nothing is next".to_string()
    } else {
        format!("next: {}", items.join("; "))
    }
}

fn violation_list(report: &Report, rule: Option<&str>) -> String {
    let items: Vec<String> = report
        .violations
        .iter()
        .filter(|v| rule.is_none_or(|r| v.rule == r))
        .map(|v| {
            format!(
                "{} by {} on {}: {}",
                v.rule,
                v.party.as_deref().unwrap_or("nobody"),
                v.at,
                v.message
            )
        })
        .collect();
    if items.is_empty() {
        "no violations".to_string()
    } else {
        format!("violations: {}", items.join("; "))
    }
}

fn date(text: &str) -> Option<NaiveDate> {
    crate::strict_date(text)
}

/// `None` when the expectation holds; otherwise what was expected and what happened.
pub(crate) fn check(
    e: &Expectation,
    span: Span,
    model: &Model,
    evaluation: &Evaluation,
    report: &Report,
) -> Option<Failure> {
    let fail = |expected: String, actual: String| {
        Some(Failure {
            span,
            expected,
            actual,
        })
    };
    match e {
        Expectation::NoNext(rule) => {
            let rule = rule.as_ref().map(|r| r.text.as_str());
            if report.next.iter().any(|n| rule.is_none_or(|r| n.rule == r)) {
                let what = rule.map_or("nothing next".to_string(), |r| {
                    format!("nothing next for `{r}`")
                });
                return fail(what, next_list(report, rule));
            }
            None
        }
        Expectation::NoViolation(rule) => {
            let rule = rule.as_ref().map(|r| r.text.as_str());
            if report
                .violations
                .iter()
                .any(|v| rule.is_none_or(|r| v.rule == r))
            {
                let what = rule.map_or("no violations".to_string(), |r| {
                    format!("no violation of `{r}`")
                });
                return fail(what, violation_list(report, rule));
            }
            None
        }
        Expectation::Next {
            rule,
            party,
            due,
            overdue,
        } => {
            let wanted_due: Option<Option<NaiveDate>> =
                due.as_ref().map(|d| d.as_ref().and_then(|d| date(&d.text)));
            let found = report.next.iter().any(|n| {
                n.rule == rule.text
                    && party
                        .as_ref()
                        .is_none_or(|p| n.party.as_deref() == Some(p.text.as_str()))
                    && wanted_due.is_none_or(|d| n.due == d)
                    && (!*overdue || n.overdue)
            });
            if found {
                return None;
            }
            let mut expected = format!("next: {}", rule.text);
            if let Some(p) = party {
                expected.push_str(&format!(" for {}", p.text));
            }
            match wanted_due {
                Some(Some(d)) => expected.push_str(&format!(" due {d}")),
                Some(None) => expected.push_str(" with no due date"),
                None => {}
            }
            if *overdue {
                expected.push_str(" (overdue)");
            }
            fail(expected, next_list(report, Some(&rule.text)))
        }
        Expectation::Violation { rule, party, on } => {
            let wanted_on = on.as_ref().and_then(|d| date(&d.text));
            let found = report.violations.iter().any(|v| {
                v.rule == rule.text
                    && party
                        .as_ref()
                        .is_none_or(|p| v.party.as_deref() == Some(p.text.as_str()))
                    && wanted_on.is_none_or(|d| v.at == d)
            });
            if found {
                return None;
            }
            let mut expected = format!("a violation of {}", rule.text);
            if let Some(p) = party {
                expected.push_str(&format!(" by {}", p.text));
            }
            if let Some(d) = wanted_on {
                expected.push_str(&format!(" on {d}"));
            }
            fail(expected, violation_list(report, Some(&rule.text)))
        }
        Expectation::Eligible {
            negated,
            participant,
        } => {
            let entry = report
                .eligibility
                .iter()
                .find(|e| e.participant == participant.text);
            let Some(entry) = entry else {
                return fail(
                    format!(
                        "{} {}eligible",
                        participant.text,
                        if *negated { "not " } else { "" }
                    ),
                    format!(
                        "the policy has no eligibility rule for {}'s role",
                        participant.text
                    ),
                );
            };
            if entry.eligible == *negated {
                let verdict = if entry.eligible {
                    "eligible"
                } else {
                    "not eligible"
                };
                return fail(
                    format!(
                        "{} {}eligible",
                        participant.text,
                        if *negated { "not " } else { "" }
                    ),
                    format!("{verdict}: {}", entry.because),
                );
            }
            None
        }
        Expectation::Status { rule, status } => {
            let id = model.rule_by_name(&rule.text)?;
            let actual = evaluation.status(id);
            if actual != expected_status(*status) {
                return fail(
                    format!("{} is {}", rule.text, status.as_str()),
                    format!("{} is {actual}", rule.text),
                );
            }
            None
        }
    }
}

/// The status a test names.
fn expected_status(word: StatusWord) -> RuleStatus {
    match word {
        StatusWord::Met => RuleStatus::Met,
        StatusWord::Pending => RuleStatus::Pending,
        StatusWord::Overdue => RuleStatus::Overdue,
        StatusWord::Violated => RuleStatus::Violated,
        StatusWord::NotTriggered => RuleStatus::NotTriggered,
    }
}
