//! The agenda as CSV, one duty per row (and one finding per row after them when findings
//! were asked for), for spreadsheets.

use super::when;
use crate::agenda::Agenda;
use crate::band::Band;

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

/// Renders the agenda as CSV (UTF-8, comma-separated, a header line first).
///
/// `section` is the band (`overdue`, `today`, `week`, `later`, `no_deadline`) or `broken`
/// for a finding; `date` is the due date, or the day a rule broke.
pub fn render(agenda: &Agenda) -> String {
    let mut writer = csv::WriterBuilder::new()
        .terminator(csv::Terminator::CRLF)
        .from_writer(Vec::new());
    let _ = writer.write_record(COLUMNS);
    let as_of = agenda.query.as_of;
    for row in &agenda.rows {
        let d = &row.duty;
        let record = [
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
        ];
        let _ = writer.write_record(&record);
    }
    for f in &agenda.findings {
        let record = [
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
        ];
        let _ = writer.write_record(&record);
    }
    let bytes = writer.into_inner().unwrap_or_default();
    String::from_utf8(bytes).unwrap_or_default()
}

/// The band named in a `section` cell, `None` for findings.
pub fn section_band(section: &str) -> Option<Band> {
    Band::parse(section)
}
