//! The agenda as JSON: `next` items of the contract plus `case`, `band` and `warning`, and
//! the findings as `violations` items plus `case` (documented in docs/cases.md).

use crate::agenda::{Agenda, CaseError, Row};
use crate::band::{Band, Warning};
use crate::duty::{Finding, Severity};
use chrono::NaiveDate;
use mentor_eval::report::EventRef;
use serde::Serialize;

/// One duty: the fields of a `next` item, in the contract's order, then the agenda's own.
#[derive(Debug, Serialize)]
pub struct Item<'a> {
    pub case: &'a str,
    pub band: Band,
    pub rule: &'a str,
    pub party: Option<&'a str>,
    pub actions: &'a [String],
    pub due: Option<NaiveDate>,
    pub overdue: bool,
    pub severity: Severity,
    pub because: &'a str,
    pub if_missed: &'a str,
    pub role: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub to: Option<&'a str>,
    pub since: NaiveDate,
    pub events: &'a [EventRef],
    pub line: u32,
    /// `50%` or `75%` once that much of the duty's time has passed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub warning: Option<Warning>,
    /// Who owes what, after the party's name.
    pub what: &'a str,
}

impl<'a> Item<'a> {
    pub fn new(row: &'a Row, as_of: NaiveDate) -> Self {
        let d = &row.duty;
        Item {
            case: &d.case,
            band: row.band,
            rule: &d.rule,
            party: d.party.as_deref(),
            actions: &d.actions,
            due: d.due,
            overdue: d.overdue(as_of),
            severity: d.severity,
            because: &d.because,
            if_missed: &d.if_missed,
            role: &d.role,
            to: d.to.as_deref(),
            since: d.since,
            events: &d.events,
            line: d.line,
            warning: row.warning,
            what: &d.what,
        }
    }
}

#[derive(Debug, Serialize)]
struct Document<'a> {
    as_of: NaiveDate,
    /// How many cases were looked at.
    cases: usize,
    next: Vec<Item<'a>>,
    /// Present when findings were asked for (`--since`).
    #[serde(skip_serializing_if = "Option::is_none")]
    since: Option<NaiveDate>,
    #[serde(skip_serializing_if = "Option::is_none")]
    violations: Option<&'a [Finding]>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    errors: &'a [CaseError],
}

/// Renders the agenda as one pretty-printed JSON object.
pub fn render(agenda: &Agenda) -> String {
    let as_of = agenda.query.as_of;
    let document = Document {
        as_of,
        cases: agenda.cases,
        next: agenda.rows.iter().map(|r| Item::new(r, as_of)).collect(),
        since: agenda.query.since,
        violations: agenda.query.since.map(|_| agenda.findings.as_slice()),
        errors: &agenda.errors,
    };
    let mut text = serde_json::to_string_pretty(&document).unwrap_or_else(|_| "{}".to_string());
    text.push('\n');
    text
}

/// One duty as a line of JSON (for a stream of JSON lines).
pub fn duty_line(row: &Row, as_of: NaiveDate) -> String {
    let mut line = serde_json::to_string(&Item::new(row, as_of)).unwrap_or_default();
    line.push('\n');
    line
}

/// One finding as a line of JSON: a `violations` item with its `case`.
pub fn finding_line(finding: &Finding) -> String {
    let mut line = serde_json::to_string(finding).unwrap_or_default();
    line.push('\n');
    line
}
