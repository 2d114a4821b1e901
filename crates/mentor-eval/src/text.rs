//! The text of `mentor next` and `mentor run` for a person: the same content as the JSON.

use crate::explain::long_date;
use crate::report::{EventRef, Report};
use std::fmt::Write;

/// Renders a report. `policy_file` and `policy_text` let each item quote its rule.
pub fn render(report: &Report, policy_file: &str, policy_text: &str) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "Case {}, as of {}",
        report.case,
        long_date(report.as_of)
    );
    let _ = writeln!(out);
    for error in &report.errors {
        let _ = writeln!(out, "Could not work out a date: {error}");
        let _ = writeln!(out, "The answer below is incomplete.");
        let _ = writeln!(out);
    }
    let _ = writeln!(out, "What happens next");
    if report.next.is_empty() && report.errors.is_empty() {
        let _ = writeln!(out, "  Nothing is owed on this date.");
    }
    for (n, item) in report.next.iter().enumerate() {
        let who = item
            .party
            .clone()
            .unwrap_or_else(|| format!("(nobody in the case is the {})", item.role));
        let to = item
            .to
            .as_ref()
            .map(|t| format!(" to {t}"))
            .unwrap_or_default();
        let _ = writeln!(
            out,
            "  {}. {who} {} {}{to}",
            n + 1,
            item.severity,
            item.actions.join(" or ")
        );
        match item.due {
            Some(due) => {
                let days = (due - report.as_of).num_days();
                let when = match days {
                    0 => "today".to_string(),
                    1 => "tomorrow".to_string(),
                    d if d > 1 => format!("in {d} days"),
                    -1 => "OVERDUE by 1 day".to_string(),
                    d => format!("OVERDUE by {} days", -d),
                };
                let _ = writeln!(out, "     due:       {} ({when})", long_date(due));
            }
            None => {
                let _ = writeln!(out, "     due:       no deadline");
            }
        }
        let _ = writeln!(out, "     why:       {}", item.because);
        let _ = writeln!(out, "     if missed: {}", item.if_missed);
        quote_rule(&mut out, &item.rule, item.line, policy_file, policy_text);
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "Broken rules");
    if report.violations.is_empty() {
        let _ = writeln!(out, "  None.");
    }
    for v in &report.violations {
        let who = v
            .party
            .clone()
            .unwrap_or_else(|| "nobody in particular".to_string());
        let _ = writeln!(
            out,
            "  - {}: {} ({}, {who})",
            long_date(v.at),
            v.message,
            v.severity
        );
        if !v.events.is_empty() {
            let _ = writeln!(out, "     events:    {}", events_text(&v.events));
        }
        quote_rule(&mut out, &v.rule, v.line, policy_file, policy_text);
    }
    if !report.eligibility.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Eligibility");
        for e in &report.eligibility {
            let verdict = if e.eligible {
                "eligible"
            } else {
                "NOT eligible"
            };
            let _ = writeln!(
                out,
                "  {} ({}): {verdict}; {}",
                e.participant, e.role, e.because
            );
        }
    }
    if let Some(rules) = &report.rules {
        let _ = writeln!(out);
        let _ = writeln!(out, "Every rule");
        // Names longer than 40 characters push their row out rather than widen the table.
        let width = rules
            .iter()
            .map(|r| r.rule.chars().count())
            .max()
            .unwrap_or(0)
            .min(40);
        for r in rules {
            let _ = writeln!(
                out,
                "  {:width$}  {:<13}  {:<6}  {:<24}  {policy_file}:{}",
                r.rule, r.status, r.severity, r.kind, r.line
            );
        }
    }
    out
}

fn events_text(events: &[EventRef]) -> String {
    events
        .iter()
        .map(|e| {
            let to =
                e.to.as_ref()
                    .map(|t| format!(" to {t}"))
                    .unwrap_or_default();
            format!("{} by {}{to} on {}", e.event, e.by, e.at)
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// `rule respond, policies/supportt.mentor:52` and the rule's lines (without its quotes).
fn quote_rule(out: &mut String, rule: &str, line: u32, policy_file: &str, policy_text: &str) {
    let _ = writeln!(out, "     rule:      `{rule}`, {policy_file}:{line}");
    let lines: Vec<&str> = policy_text
        .lines()
        .skip(line.saturating_sub(1) as usize)
        .collect();
    let mut shown = 0;
    for (i, text) in lines.iter().enumerate().skip(1) {
        let starts_item = text
            .chars()
            .next()
            .is_some_and(|c| !c.is_whitespace() && c != '#' && c != '}');
        if starts_item || shown >= 4 {
            break;
        }
        let trimmed = text.trim_start();
        if trimmed.is_empty()
            || trimmed.starts_with('#')
            || trimmed.starts_with("source ")
            || trimmed.starts_with("if missed")
        {
            continue;
        }
        let _ = writeln!(out, "     {:>5} | {}", line as usize + i, text.trim_end());
        shown += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::render;
    use crate::report::{Report, RuleItem};

    #[test]
    fn a_very_long_rule_name_does_not_break_the_table() {
        let name = format!("act_on_risk{}", "_".repeat(70_000));
        let report = Report {
            case: "c".to_string(),
            as_of: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            next: Vec::new(),
            violations: Vec::new(),
            eligibility: Vec::new(),
            rules: Some(vec![RuleItem {
                rule: name.clone(),
                kind: "deadline".to_string(),
                severity: "must".to_string(),
                status: "met".to_string(),
                line: 1,
            }]),
            errors: Vec::new(),
        };
        let out = render(&report, "p.mentor", "");
        assert!(out.contains(&name));
        assert!(out.contains("p.mentor:1"));
    }
}
