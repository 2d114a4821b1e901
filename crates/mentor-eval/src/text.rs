//! The text of `mentor next` and `mentor run` for a person: the same content as the JSON.

use crate::explain::long_date;
use crate::report::{NextItem, Report, Severity, ViolationItem};
use chrono::NaiveDate;
use mentor_syntax::lex;
use std::fmt::Write;

/// Runs of missed monthly duties at least this long are shown as one entry.
const COLLAPSE_MONTHS: usize = 3;

/// How the text looks.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Options {
    /// Colour for a terminal: what is overdue in red, what is due within a week in yellow.
    pub colour: bool,
}

/// Days ahead within which a due date is shown as "due soon" (in yellow, in colour).
const SOON_DAYS: i64 = 7;

/// What a coloured line says at a glance.
#[derive(Clone, Copy)]
enum Tone {
    /// Past its due date: bold red.
    Overdue,
    /// Due within [`SOON_DAYS`]: yellow.
    Soon,
}

impl Options {
    /// `line` in the colour of `tone` when colour is on, else unchanged.
    fn paint(self, line: String, tone: Tone) -> String {
        if !self.colour {
            return line;
        }
        let style = match tone {
            Tone::Overdue => anstyle::Style::new()
                .bold()
                .fg_color(Some(anstyle::AnsiColor::Red.into())),
            Tone::Soon => anstyle::Style::new().fg_color(Some(anstyle::AnsiColor::Yellow.into())),
        };
        format!("{style}{line}{style:#}")
    }
}

/// Renders a report without colour. `policy_file` and `policy_text` let each item quote its
/// rule.
///
/// Binding duties come before advice (the JSON keeps the contract's order, by due date), and a
/// long run of missed months of one monthly duty is shown as one entry.
pub fn render(report: &Report, policy_file: &str, policy_text: &str) -> String {
    render_with(report, policy_file, policy_text, Options::default())
}

/// Like [`render`], with options (colour).
pub fn render_with(
    report: &Report,
    policy_file: &str,
    policy_text: &str,
    options: Options,
) -> String {
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
    next(&mut out, report, policy_file, policy_text, options);
    broken(&mut out, report, policy_file, policy_text);
    ended(&mut out, report);
    eligibility(&mut out, report);
    every_rule(&mut out, report, policy_file);
    out
}

/// What happens next: binding duties first, long runs of missed months as one entry.
fn next(out: &mut String, report: &Report, policy_file: &str, policy_text: &str, options: Options) {
    let _ = writeln!(out, "What happens next");
    if report.next.is_empty() && report.errors.is_empty() {
        let _ = writeln!(out, "  Nothing is owed on this date.");
    }
    let mut ordered: Vec<&NextItem> = report.next.iter().collect();
    ordered.sort_by_key(|item| item.severity != Severity::Must);
    let groups = runs(&ordered, |a, b| {
        a.overdue
            && b.overdue
            && a.rule == b.rule
            && a.party == b.party
            && a.to == b.to
            && next_month(a.month.as_deref()) == b.month
    });
    for (n, group) in groups.iter().enumerate() {
        let Some(item) = group.first() else { continue };
        let who = item
            .party
            .clone()
            .unwrap_or_else(|| format!("(nobody in the case is the {})", item.role));
        let _ = writeln!(out, "  {}. {who} {} {}", n + 1, item.severity, item.what);
        match (group.last(), item.due) {
            (Some(last), _) if group.len() > 1 => {
                let line = format!(
                    "     due:       missed every month {} (OVERDUE)",
                    month_span(item.month.as_deref(), last.month.as_deref(), group.len())
                );
                let _ = writeln!(out, "{}", options.paint(line, Tone::Overdue));
            }
            (_, Some(due)) => {
                let days = (due - report.as_of).num_days();
                let when = match days {
                    0 => "today".to_string(),
                    1 => "tomorrow".to_string(),
                    d if d > 1 => format!("in {d} days"),
                    -1 => "OVERDUE by 1 day".to_string(),
                    d => format!("OVERDUE by {} days", -d),
                };
                let line = format!("     due:       {} ({when})", long_date(due));
                let line = match days {
                    d if d < 0 => options.paint(line, Tone::Overdue),
                    d if d <= SOON_DAYS => options.paint(line, Tone::Soon),
                    _ => line,
                };
                let _ = writeln!(out, "{line}");
            }
            (_, None) => {
                let _ = writeln!(out, "     due:       no deadline");
            }
        }
        let _ = writeln!(out, "     why:       {}", item.because);
        let _ = writeln!(out, "     if missed: {}", item.if_missed);
        quote_rule(out, &item.rule, item.line, policy_file, policy_text);
    }
}

/// The broken rules, long runs of missed months as one entry.
fn broken(out: &mut String, report: &Report, policy_file: &str, policy_text: &str) {
    let _ = writeln!(out);
    let _ = writeln!(out, "Broken rules");
    if report.violations.is_empty() {
        let _ = writeln!(out, "  None.");
    }
    let violations: Vec<&ViolationItem> = report.violations.iter().collect();
    let groups = runs(&violations, |a, b| {
        a.rule == b.rule
            && a.party == b.party
            && a.to == b.to
            && a.severity == b.severity
            && next_month(a.month.as_deref()) == b.month
    });
    for group in &groups {
        let (Some(v), Some(last)) = (group.first(), group.last()) else {
            continue;
        };
        let who = v
            .party
            .clone()
            .unwrap_or_else(|| "nobody in particular".to_string());
        if group.len() > 1 {
            let _ = writeln!(
                out,
                "  - {} to {}: missed every month {} ({}, {who})",
                long_date(v.at),
                long_date(last.at),
                month_span(v.month.as_deref(), last.month.as_deref(), group.len()),
                v.severity
            );
            let _ = writeln!(out, "     first:     {}", v.message);
        } else {
            let _ = writeln!(
                out,
                "  - {}: {} ({}, {who})",
                long_date(v.at),
                v.message,
                v.severity
            );
        }
        if let Some(consequence) = &v.if_missed {
            let _ = writeln!(out, "     if missed: {consequence}");
        }
        quote_rule(out, &v.rule, v.line, policy_file, policy_text);
    }
}

/// What stopped being owed before it was done (`mentor run`).
fn ended(out: &mut String, report: &Report) {
    if let Some(ended) = report.ended.as_ref().filter(|e| !e.is_empty()) {
        let _ = writeln!(out);
        let _ = writeln!(out, "No longer owed");
        for e in ended {
            let who = e
                .party
                .clone()
                .unwrap_or_else(|| "nobody in the case".to_string());
            let _ = writeln!(out, "  - {who}: {} (`{}`)", e.what, e.rule);
            let _ = writeln!(out, "     since:     {}", long_date(e.at));
            let _ = writeln!(out, "     why:       {}", e.because);
        }
    }
}

fn eligibility(out: &mut String, report: &Report) {
    if !report.eligibility.is_empty() {
        let _ = writeln!(out);
        let _ = writeln!(out, "Eligibility");
        for e in &report.eligibility {
            let verdict = match (e.eligible, e.cannot_tell) {
                (true, _) => "eligible;",
                (false, true) => "cannot tell:",
                (false, false) => "NOT eligible;",
            };
            let _ = writeln!(
                out,
                "  {} ({}): {verdict} {}",
                e.participant, e.role, e.because
            );
        }
    }
}

/// Every rule's status (`mentor run`).
fn every_rule(out: &mut String, report: &Report, policy_file: &str) {
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
}

/// The items in order, each run that `follows` links (item after item) of at least
/// `COLLAPSE_MONTHS` kept together; the rest one by one. A run may be spread among other
/// items: it is shown where its first item is.
fn runs<'a, T>(items: &[&'a T], follows: impl Fn(&T, &T) -> bool) -> Vec<Vec<&'a T>> {
    let mut taken = vec![false; items.len()];
    let mut out = Vec::new();
    for i in 0..items.len() {
        if taken.get(i).copied().unwrap_or(true) {
            continue;
        }
        let Some(&first) = items.get(i) else { continue };
        let mut chain = vec![(i, first)];
        let mut last = first;
        for (j, &item) in items.iter().enumerate().skip(i + 1) {
            if !taken.get(j).copied().unwrap_or(true) && follows(last, item) {
                chain.push((j, item));
                last = item;
            }
        }
        if chain.len() < COLLAPSE_MONTHS {
            chain.truncate(1);
        }
        for (j, _) in &chain {
            if let Some(t) = taken.get_mut(*j) {
                *t = true;
            }
        }
        out.push(chain.into_iter().map(|(_, item)| item).collect());
    }
    out
}

/// The month after `2027-03` (`2027-04`), for telling whether months follow each other.
fn next_month(month: Option<&str>) -> Option<String> {
    let (year, month) = month?.split_once('-')?;
    let (year, month): (i32, u32) = (year.parse().ok()?, month.parse().ok()?);
    let (year, month) = if month >= 12 {
        (year + 1, 1)
    } else {
        (year, month + 1)
    };
    Some(format!("{year:04}-{month:02}"))
}

/// `from March 2027 to June 2031, 52 months`.
fn month_span(first: Option<&str>, last: Option<&str>, count: usize) -> String {
    let name = |m: Option<&str>| {
        m.and_then(|m| NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d").ok())
            .map_or_else(|| "?".to_string(), |d| d.format("%B %Y").to_string())
    };
    format!("from {} to {}, {count} months", name(first), name(last))
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
        let starts_item = !lex::starts_with_comment(text)
            && text
                .chars()
                .next()
                .is_some_and(|c| !c.is_whitespace() && c != '}');
        if starts_item || shown >= 4 {
            break;
        }
        let trimmed = text.trim_start();
        if trimmed.is_empty()
            || lex::is_comment_line(trimmed)
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
    use crate::outcome::RuleStatus;
    use crate::report::{Report, RuleItem, Severity};
    use mentor_check::model::KindOfRule;

    #[test]
    fn a_very_long_rule_name_does_not_break_the_table() {
        let name = format!("act_on_risk{}", "_".repeat(70_000));
        let report = Report {
            case: "c".to_string(),
            as_of: chrono::NaiveDate::from_ymd_opt(2027, 1, 1).unwrap(),
            next: Vec::new(),
            violations: Vec::new(),
            eligibility: Vec::new(),
            ended: None,
            rules: Some(vec![RuleItem {
                rule: name.clone(),
                kind: KindOfRule::Deadline,
                severity: Severity::Must,
                status: RuleStatus::Met,
                line: 1,
            }]),
            errors: Vec::new(),
        };
        let out = render(&report, "p.mentor", "");
        assert!(out.contains(&name));
        assert!(out.contains("p.mentor:1"));
    }
}
