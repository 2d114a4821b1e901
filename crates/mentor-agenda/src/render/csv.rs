//! The agenda as CSV, one duty per row (and one finding per row after them when findings
//! were asked for), for spreadsheets.

use super::when;
use crate::agenda::{Agenda, Row};
use crate::band::Band;
use crate::duty::Finding;
use chrono::NaiveDate;

/// The columns, in order.
pub const COLUMNS: &[&str] = &[
    "section",
    "date",
    "when",
    "case",
    "party",
    "role",
    "what",
    "to",
    "warning",
    "severity",
    "why",
    "if_missed",
    "actions",
    "since",
    "rule",
    "line",
];

/// The `section` of findings.
pub const BROKEN: &str = "broken";

fn record(cells: &[String]) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = writer.write_record(cells);
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The header line.
pub fn header() -> String {
    record(&COLUMNS.iter().map(|c| c.to_string()).collect::<Vec<_>>())
}

/// One duty's line.
pub fn duty_line(row: &Row, as_of: NaiveDate) -> String {
    let d = &row.duty;
    record(&[
        row.band.as_str().to_string(),
        d.due.map(|x| x.to_string()).unwrap_or_default(),
        when(d.due, as_of),
        d.case.clone(),
        d.party.clone().unwrap_or_default(),
        d.role.clone(),
        d.what.clone(),
        d.to.clone().unwrap_or_default(),
        row.warning
            .map(|w| w.as_str().to_string())
            .unwrap_or_default(),
        d.severity.as_str().to_string(),
        d.because.clone(),
        d.if_missed.clone(),
        d.actions.join(" "),
        d.since.to_string(),
        d.rule.clone(),
        d.line.to_string(),
    ])
}

/// One finding's line.
pub fn finding_line(f: &Finding) -> String {
    record(&[
        BROKEN.to_string(),
        f.at.to_string(),
        String::new(),
        f.case.clone(),
        f.party.clone().unwrap_or_default(),
        String::new(),
        String::new(),
        String::new(),
        String::new(),
        f.severity.as_str().to_string(),
        f.message.clone(),
        String::new(),
        String::new(),
        String::new(),
        f.rule.clone(),
        f.line.to_string(),
    ])
}

/// Renders the agenda as CSV (UTF-8, comma-separated, a header line first).
///
/// `section` is the band (`overdue`, `today`, `week`, `later`, `no_deadline`) or `broken`
/// for a finding; `date` is the due date, or the day a rule broke.
pub fn render(agenda: &Agenda) -> String {
    let mut out = header();
    for row in &agenda.rows {
        out.push_str(&duty_line(row, agenda.query.as_of));
    }
    for f in &agenda.findings {
        out.push_str(&finding_line(f));
    }
    out
}

/// The band named in a `section` cell, `None` for findings.
pub fn section_band(section: &str) -> Option<Band> {
    Band::parse(section)
}
