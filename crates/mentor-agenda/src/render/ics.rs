//! The agenda as an iCalendar file (RFC 5545): one all-day event per duty with a due date,
//! on its due date, with the why in its description. Each event's UID is made from what
//! identifies the duty ([`Duty::key`](crate::Duty::key)), so importing a newer file updates
//! the events instead of adding copies; a duty whose date moves keeps its UID.

use super::when;
use crate::agenda::{Agenda, Row};
use crate::band::Band;
use chrono::{Days, NaiveDate};
use std::fmt::Write;

/// What names the calendar and its events.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Calendar<'a> {
    /// The programme's name (from the policy), which prefixes every UID.
    pub programme: &'a str,
    /// The policy file as shown in descriptions.
    pub policy_file: &'a str,
}

/// Escapes a TEXT value: backslash, semicolon, comma and line ends (RFC 5545, 3.3.11).
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() != Some(&'\n') {
                    out.push_str("\\n");
                }
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Writes one content line, folded so that no line is longer than 75 octets (RFC 5545,
/// 3.1): the rest continues on the next line after a space. A character is never split.
pub fn fold(out: &mut String, line: &str) {
    let mut used = 0;
    for c in line.chars() {
        let len = c.len_utf8();
        if used + len > 75 {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += len;
    }
    out.push_str("\r\n");
}

/// A UID part: letters, digits, `-`, `_` and `.` as they are, anything else as `%XX`.
fn uid_part(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.') {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

/// The UID of a duty's event: stable across runs, dates and policy versions.
pub fn uid(programme: &str, row: &Row) -> String {
    let d = &row.duty;
    let parts = [
        programme,
        &d.case,
        &d.rule,
        d.party.as_deref().unwrap_or(""),
        d.to.as_deref().unwrap_or(""),
        &d.since.to_string(),
    ];
    let joined: Vec<String> = parts.iter().map(|p| uid_part(p)).collect();
    format!("{}@mentor", joined.join("/"))
}

fn date(d: NaiveDate) -> String {
    d.format("%Y%m%d").to_string()
}

/// The start of the file, up to the first event.
pub fn begin(calendar: Calendar) -> String {
    let mut out = String::new();
    for line in [
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//mentor//agenda//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!(
            "X-WR-CALNAME:{}",
            escape(&format!("{}: agenda", calendar.programme))
        ),
    ] {
        fold(&mut out, &line);
    }
    out
}

/// The end of the file.
pub fn end() -> String {
    "END:VCALENDAR\r\n".to_string()
}

/// One duty's all-day event on its due date; nothing for a duty without one.
pub fn event(row: &Row, calendar: Calendar, as_of: NaiveDate) -> String {
    let mut out = String::new();
    let d = &row.duty;
    let Some(due) = d.due else {
        return out;
    };
    let party = d
        .party
        .clone()
        .unwrap_or_else(|| format!("(nobody in the case is the {})", d.role));
    let overdue = if row.band == Band::Overdue {
        "OVERDUE: "
    } else {
        ""
    };
    let summary = format!("{overdue}{party} {} ({})", d.what, d.case);
    let mut description = format!(
        "Case {}: {party} {}.\nDue {} ({} as of {as_of}).\nWhy: {}\nIf missed: {}",
        d.case,
        d.what,
        due,
        when(Some(due), as_of),
        d.because,
        d.if_missed
    );
    if let Some(w) = row.warning {
        let _ = write!(description, "\nWarning: {}.", w.describe());
    }
    let _ = write!(
        description,
        "\nRule `{}`, {}:{}.",
        d.rule, calendar.policy_file, d.line
    );
    let end = due.checked_add_days(Days::new(1)).unwrap_or(due);
    // Days since 1970 of the agenda's date: a newer file has a higher sequence, so
    // calendars take its version of an event.
    let sequence = (as_of - NaiveDate::default()).num_days().max(0);
    for line in [
        "BEGIN:VEVENT".to_string(),
        format!("UID:{}", uid(calendar.programme, row)),
        format!("DTSTAMP:{}T000000Z", date(as_of)),
        format!("SEQUENCE:{sequence}"),
        format!("DTSTART;VALUE=DATE:{}", date(due)),
        format!("DTEND;VALUE=DATE:{}", date(end)),
        format!("SUMMARY:{}", escape(&summary)),
        format!("DESCRIPTION:{}", escape(&description)),
        format!("CATEGORIES:{}", escape(row.band.title())),
        "TRANSP:TRANSPARENT".to_string(),
        "END:VEVENT".to_string(),
    ] {
        fold(&mut out, &line);
    }
    out
}

/// Renders the agenda's duties that have a due date as an iCalendar file.
pub fn render(agenda: &Agenda, calendar: Calendar) -> String {
    let mut out = begin(calendar);
    for row in &agenda.rows {
        out.push_str(&event(row, calendar, agenda.query.as_of));
    }
    out.push_str(&end());
    out
}
