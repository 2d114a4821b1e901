//! Each format read back by a real reader: iCalendar by the `icalendar` crate's parser, CSV
//! by the `csv` crate, JSON by serde_json; the text is pinned by a snapshot.

use crate::support::{day, duty};
use icalendar::{Calendar, CalendarComponent, Component, DatePerhapsTime};
use mentor_agenda::agenda::{Agenda, build};
use mentor_agenda::render::{csv, ics, json, text};
use mentor_agenda::{Duty, Finding, Query, Severity};

/// Duties in every band, one with text that needs escaping and folding.
fn duties() -> Vec<Duty> {
    let mut tricky = duty("S-0003", "zoë", "2027-01-01", Some("2027-01-15"));
    tricky.because = "requested on 2027-01-01; within 10 days, a long reason with commas, semicolons; a backslash \\ and\na second line, long enough to be folded twice over the 75-octet limit of iCalendar lines".to_string();
    vec![
        duty("S-0001", "ben", "2027-01-01", Some("2027-01-08")),
        duty("S-0002", "ben", "2027-01-05", Some("2027-01-10")),
        tricky,
        duty("S-0004", "cara", "2027-01-01", Some("2027-03-01")),
        duty("S-0005", "cara", "2027-01-01", None),
    ]
}

fn agenda_on(as_of: &str, duties: Vec<Duty>) -> Agenda {
    let finding = Finding {
        case: "S-0001".to_string(),
        rule: "respond".to_string(),
        party: Some("ben".to_string()),
        severity: Severity::Must,
        at: day("2027-01-09"),
        message: "no mentor_responded or mentor_declined from ben by 2027-01-08".to_string(),
        events: Vec::new(),
        line: 53,
    };
    build(
        Query {
            since: Some(day("2027-01-01")),
            ..Query::on(day(as_of))
        },
        duties,
        vec![finding],
    )
}

fn calendar() -> ics::Calendar<'static> {
    ics::Calendar {
        programme: "SuppoRTT",
        policy_file: "policies/supportt.mentor",
    }
}

/// An event read back: uid, summary, description, start, end.
type Read = (
    String,
    String,
    String,
    Option<DatePerhapsTime>,
    Option<DatePerhapsTime>,
);

/// The calendar's events, read back by the parser.
fn events(text: &str) -> Vec<Read> {
    let parsed: Calendar = text.parse().unwrap();
    parsed
        .components
        .iter()
        .filter_map(|c| match c {
            CalendarComponent::Event(e) => Some((
                e.get_uid().unwrap().to_string(),
                e.get_summary().unwrap().to_string(),
                e.get_description().unwrap().to_string(),
                e.get_start(),
                e.get_end(),
            )),
            _ => None,
        })
        .collect()
}

#[test]
fn ics_has_one_all_day_event_per_dated_duty_and_reads_back() {
    let agenda = agenda_on("2027-01-10", duties());
    let text = ics::render(&agenda, calendar());
    let found = events(&text);
    assert_eq!(found.len(), 4, "the duty without a deadline has no event");
    for ((uid, summary, description, start, end), row) in found.iter().zip(&agenda.rows) {
        let due = row.duty.due.unwrap();
        assert_eq!(*start, Some(DatePerhapsTime::Date(due)), "{uid}");
        assert_eq!(
            *end,
            Some(DatePerhapsTime::Date(due.succ_opt().unwrap())),
            "{uid}"
        );
        assert!(summary.contains(&row.duty.case), "{summary}");
        assert!(
            description.contains(&format!("Why: {}", row.duty.because)),
            "the why reads back exactly: {description:?}"
        );
    }
    assert!(
        found[0].1.starts_with("OVERDUE: ben must"),
        "{}",
        found[0].1
    );
    let uids: std::collections::HashSet<&String> = found.iter().map(|e| &e.0).collect();
    assert_eq!(uids.len(), found.len(), "every UID is different");
}

#[test]
fn ics_lines_are_folded_at_75_octets_with_crlf() {
    let text = ics::render(&agenda_on("2027-01-10", duties()), calendar());
    assert!(text.ends_with("END:VCALENDAR\r\n"));
    for line in text.split("\r\n") {
        assert!(line.len() <= 75, "{} octets: {line:?}", line.len());
        assert!(!line.contains('\n'), "a bare line feed in {line:?}");
    }
    assert!(text.contains("\r\n "), "long descriptions are folded");
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains("commas\\, semicolons\\; a backslash \\\\ and\\na second"));
}

#[test]
fn a_duty_keeps_its_uid_when_its_date_moves_or_the_day_changes() {
    let before = events(&ics::render(&agenda_on("2027-01-10", duties()), calendar()));
    let mut moved = duties();
    moved[0].due = Some(day("2027-01-20"));
    let after = events(&ics::render(&agenda_on("2027-01-12", moved), calendar()));
    let uid = &before[0].0;
    let again = after.iter().find(|e| &e.0 == uid).expect("same UID");
    assert_eq!(again.3, Some(DatePerhapsTime::Date(day("2027-01-20"))));
    let before_uids: Vec<&String> = before.iter().map(|e| &e.0).collect();
    let mut after_uids: Vec<&String> = after.iter().map(|e| &e.0).collect();
    after_uids.sort();
    let mut sorted = before_uids.clone();
    sorted.sort();
    assert_eq!(sorted, after_uids, "re-importing updates the same events");
}

#[test]
fn csv_reads_back_with_one_row_per_duty_then_the_findings() {
    let agenda = agenda_on("2027-01-10", duties());
    let text = csv::render(&agenda);
    let mut reader = ::csv::Reader::from_reader(text.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(String::from).collect();
    assert_eq!(header, csv::COLUMNS);
    let rows: Vec<::csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), agenda.rows.len() + 1);
    let column = |name: &str| csv::COLUMNS.iter().position(|c| *c == name).unwrap();
    for (record, row) in rows.iter().zip(&agenda.rows) {
        assert_eq!(&record[column("section")], row.band.as_str());
        assert_eq!(&record[column("case")], row.duty.case);
        assert_eq!(
            record[column("date")].to_string(),
            row.duty.due.map(|d| d.to_string()).unwrap_or_default()
        );
        assert_eq!(
            &record[column("why")],
            row.duty.because,
            "quotes and line breaks survive"
        );
    }
    let last = rows.last().unwrap();
    assert_eq!(&last[column("section")], csv::BROKEN);
    assert_eq!(&last[column("date")], "2027-01-09");
}

#[test]
fn json_items_are_next_items_with_case_and_band() {
    let agenda = agenda_on("2027-01-10", duties());
    let value: serde_json::Value = serde_json::from_str(&json::render(&agenda)).unwrap();
    assert_eq!(value["as_of"], "2027-01-10");
    let items = value["next"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    for key in [
        "case",
        "band",
        "rule",
        "party",
        "actions",
        "due",
        "overdue",
        "severity",
        "because",
        "if_missed",
    ] {
        assert!(items[0].get(key).is_some(), "no `{key}` in {}", items[0]);
    }
    assert_eq!(items[0]["band"], "overdue");
    assert_eq!(items[0]["overdue"], true);
    assert_eq!(items[4]["due"], serde_json::Value::Null);
    assert_eq!(value["violations"][0]["case"], "S-0001");
}

#[test]
fn text_is_aligned_in_bands_and_coloured_only_when_asked() {
    let agenda = agenda_on("2027-01-10", duties());
    let plain = text::render(&agenda, text::Options { colour: false });
    assert!(!plain.contains('\u{1b}'));
    let coloured = text::render(&agenda, text::Options { colour: true });
    assert!(coloured.contains("\u{1b}["), "band headings are coloured");
    insta::assert_snapshot!(plain);
}
