//! What a policy change would change, case by case, as text and as JSON.

use super::count;
use crate::compare::{CaseChange, Change};
use crate::duty::{Duty, Eligibility};
use chrono::NaiveDate;
use mentor_eval::explain::long_date;
use serde::Serialize;
use std::fmt::Write;

/// The two policies compared and the day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Versions<'a> {
    pub old: &'a str,
    pub new: &'a str,
    pub as_of: NaiveDate,
}

fn due(d: &Duty) -> String {
    d.due
        .map_or_else(|| "no deadline".to_string(), |x| format!("due {x}"))
}

fn owes(d: &Duty) -> String {
    let party = d
        .party
        .clone()
        .unwrap_or_else(|| format!("(no {})", d.role));
    format!("{party} {}", d.what)
}

fn verdict(e: &Option<Eligibility>) -> &'static str {
    match e {
        Some(e) if e.eligible => "eligible",
        Some(_) => "NOT eligible",
        None => "not judged",
    }
}

/// Renders the changes for a person. `cases` is how many cases were compared.
pub fn text(changes: &[CaseChange], cases: usize, versions: Versions) -> String {
    let mut out = String::new();
    let changed: Vec<&CaseChange> = changes.iter().filter(|c| !c.changes.is_empty()).collect();
    let _ = writeln!(
        out,
        "What would change from {} to {}, as of {}: {} of {} would change",
        versions.old,
        versions.new,
        long_date(versions.as_of),
        changed.len(),
        count(cases, "case", "cases"),
    );
    for case in changed {
        let _ = writeln!(out);
        let _ = writeln!(out, "Case {}", case.case);
        for change in &case.changes {
            let _ = match change {
                Change::NewDuty { duty } => writeln!(
                    out,
                    "  + new duty:        {}, {}; {}",
                    owes(duty),
                    due(duty),
                    duty.because
                ),
                Change::GoneDuty { duty } => {
                    writeln!(out, "  - no longer owed:  {}, {}", owes(duty), due(duty))
                }
                Change::MovedDuty { old, new } => writeln!(
                    out,
                    "  ~ moved:           {}, {} instead of {}; {}",
                    owes(new),
                    due(new),
                    due(old).trim_start_matches("due "),
                    new.because
                ),
                Change::NewFinding { finding } => writeln!(
                    out,
                    "  + new finding:     {}: {} ({}, rule `{}`)",
                    finding.at,
                    finding.message,
                    finding.severity.as_str(),
                    finding.rule
                ),
                Change::GoneFinding { finding } => writeln!(
                    out,
                    "  - finding gone:    {}: {} ({}, rule `{}`)",
                    finding.at,
                    finding.message,
                    finding.severity.as_str(),
                    finding.rule
                ),
                Change::Eligibility { old, new } => {
                    let who = new.as_ref().or(old.as_ref());
                    let (name, role) =
                        who.map_or(("?", "?"), |e| (e.participant.as_str(), e.role.as_str()));
                    let because = new
                        .as_ref()
                        .map(|e| format!("; {}", e.because))
                        .unwrap_or_default();
                    writeln!(
                        out,
                        "  ~ eligibility:     {name} ({role}): {} instead of {}{because}",
                        verdict(new),
                        verdict(old)
                    )
                }
            };
        }
    }
    out
}

#[derive(Serialize)]
struct Document<'a> {
    old: &'a str,
    new: &'a str,
    as_of: NaiveDate,
    cases: usize,
    changes: Vec<&'a CaseChange>,
}

/// Renders the changes as JSON: the cases that change, each with its list of changes.
pub fn json(changes: &[CaseChange], cases: usize, versions: Versions) -> String {
    let document = Document {
        old: versions.old,
        new: versions.new,
        as_of: versions.as_of,
        cases,
        changes: changes.iter().filter(|c| !c.changes.is_empty()).collect(),
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}
