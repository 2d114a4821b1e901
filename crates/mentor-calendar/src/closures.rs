//! Reads a programme's own closure days from the text of a file its policy names: an
//! iCalendar file (`.ics`, as calendar programs export) or a CSV file (a `date` column).
//!
//! Only text comes in; the front end reads the file. Every problem is reported with its
//! line and column, and all of them at once.

use chrono::{Days, NaiveDate};

/// The kinds of closure file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClosureFormat {
    /// iCalendar (RFC 5545): each `VEVENT` closes the days from its `DTSTART` up to (not
    /// including) its `DTEND`, or its one day when it has no `DTEND`.
    Ics,
    /// Comma-separated: a header row with a `date` column (any case), then one day a row.
    Csv,
}

impl ClosureFormat {
    /// The format for a file name, by its extension (`.ics` or `.csv`, any case).
    pub fn for_path(path: &str) -> Option<ClosureFormat> {
        let (_, extension) = path.rsplit_once('.')?;
        match extension.to_ascii_lowercase().as_str() {
            "ics" | "ical" | "ifb" | "icalendar" => Some(ClosureFormat::Ics),
            "csv" => Some(ClosureFormat::Csv),
            _ => None,
        }
    }
}

/// One closure day, with where the file says it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosureDay {
    pub date: NaiveDate,
    /// 1-based line of the entry that closes the day.
    pub line: u32,
}

/// Something wrong in a closure file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClosureProblem {
    /// 1-based line and column.
    pub line: u32,
    pub column: u32,
    pub message: String,
}

/// The most days one event may close (a longer run is almost certainly a mistake).
pub const MAX_DAYS_PER_EVENT: u64 = 366;

/// The closure days in a file's text, or every problem found in it.
pub fn parse(text: &str, format: ClosureFormat) -> Result<Vec<ClosureDay>, Vec<ClosureProblem>> {
    let (days, problems) = match format {
        ClosureFormat::Ics => ics(text),
        ClosureFormat::Csv => csv(text),
    };
    if problems.is_empty() {
        Ok(days)
    } else {
        Err(problems)
    }
}

fn problem(line: u32, column: u32, message: impl Into<String>) -> ClosureProblem {
    ClosureProblem {
        line,
        column,
        message: message.into(),
    }
}

/// An iCalendar content line after unfolding: its first physical line, and its text.
struct ContentLine {
    line: u32,
    text: String,
}

/// Unfolds continuation lines (a line starting with a space or tab continues the one before).
fn content_lines(text: &str) -> Vec<ContentLine> {
    let mut out: Vec<ContentLine> = Vec::new();
    for (index, raw) in text.lines().enumerate() {
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
        match (raw.strip_prefix([' ', '\t']), out.last_mut()) {
            (Some(rest), Some(last)) => last.text.push_str(rest),
            _ => out.push(ContentLine {
                line,
                text: raw.to_string(),
            }),
        }
    }
    out
}

/// What a `VEVENT` has said so far.
#[derive(Default)]
struct Event {
    start: Option<(NaiveDate, u32, u32)>,
    end: Option<(NaiveDate, u32, u32)>,
    begin_line: u32,
    /// A date line was there but could not be read (already reported).
    unreadable: bool,
}

fn ics(text: &str) -> (Vec<ClosureDay>, Vec<ClosureProblem>) {
    let mut days = Vec::new();
    let mut problems = Vec::new();
    let mut event: Option<Event> = None;
    let mut saw_calendar = false;
    for ContentLine { line, text } in content_lines(text) {
        let Some((head, value)) = text.split_once(':') else {
            if !text.trim().is_empty() {
                problems.push(problem(
                    line,
                    1,
                    "expected `NAME:VALUE`, as in `DTSTART;VALUE=DATE:20261224`",
                ));
            }
            continue;
        };
        let name = head.split(';').next().unwrap_or("").to_ascii_uppercase();
        let value_column = u32::try_from(head.chars().count() + 2).unwrap_or(u32::MAX);
        match (name.as_str(), value.to_ascii_uppercase().as_str()) {
            ("BEGIN", "VCALENDAR") => saw_calendar = true,
            ("BEGIN", "VEVENT") => {
                event = Some(Event {
                    begin_line: line,
                    ..Event::default()
                })
            }
            ("END", "VEVENT") => {
                if let Some(done) = event.take() {
                    close_event(done, &mut days, &mut problems);
                }
            }
            ("DTSTART" | "DTEND", _) if event.is_some() => match ics_date(value) {
                Some(date) => {
                    if let Some(e) = event.as_mut() {
                        let slot = if name == "DTSTART" {
                            &mut e.start
                        } else {
                            &mut e.end
                        };
                        *slot = Some((date, line, value_column));
                    }
                }
                None => {
                    if let Some(e) = event.as_mut() {
                        e.unreadable = true;
                    }
                    problems.push(problem(
                        line,
                        value_column,
                        format!(
                            "`{}` is not a date; write it as YYYYMMDD, such as 20261224",
                            short(value)
                        ),
                    ))
                }
            },
            ("RRULE" | "RDATE", _) if event.is_some() => problems.push(problem(
                line,
                1,
                "repeating events are not read; list each closure day as its own event",
            )),
            _ => {}
        }
    }
    if !saw_calendar {
        // Not an iCalendar file at all: one problem says so, rather than one per line.
        return (
            Vec::new(),
            vec![problem(
                1,
                1,
                "this is not an iCalendar file: it has no `BEGIN:VCALENDAR` line",
            )],
        );
    }
    if let Some(open) = event {
        problems.push(problem(
            open.begin_line,
            1,
            "this event has no `END:VEVENT` line",
        ));
    }
    (days, problems)
}

/// The days an event closes: `DTSTART` up to (not including) `DTEND`.
fn close_event(event: Event, days: &mut Vec<ClosureDay>, problems: &mut Vec<ClosureProblem>) {
    if event.unreadable {
        return;
    }
    let Some((start, line, _)) = event.start else {
        problems.push(problem(
            event.begin_line,
            1,
            "this event has no `DTSTART` line, so it closes no day",
        ));
        return;
    };
    let end = match event.end {
        Some((end, end_line, end_column)) if end <= start => {
            problems.push(problem(
                end_line,
                end_column,
                "the event ends before it starts",
            ));
            return;
        }
        Some((end, ..)) => end,
        None => start.checked_add_days(Days::new(1)).unwrap_or(start),
    };
    let length = u64::try_from((end - start).num_days()).unwrap_or(u64::MAX);
    if length > MAX_DAYS_PER_EVENT {
        problems.push(problem(
            line,
            1,
            format!("this event closes {length} days; at most {MAX_DAYS_PER_EVENT} are read from one event"),
        ));
        return;
    }
    let mut day = start;
    while day < end {
        days.push(ClosureDay { date: day, line });
        match day.checked_add_days(Days::new(1)) {
            Some(next) => day = next,
            None => break,
        }
    }
}

/// `20261224`, or `20261224T090000` (with an optional `Z`): the date part.
fn ics_date(value: &str) -> Option<NaiveDate> {
    let digits = value.trim().get(..8)?;
    if !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let rest = value.trim().get(8..)?;
    if !(rest.is_empty() || rest.starts_with('T')) {
        return None;
    }
    NaiveDate::parse_from_str(digits, "%Y%m%d").ok()
}

fn csv(text: &str) -> (Vec<ClosureDay>, Vec<ClosureProblem>) {
    let mut days = Vec::new();
    let mut problems = Vec::new();
    let mut lines = text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((header_index, header)) = lines.next() else {
        return (
            days,
            vec![problem(
                1,
                1,
                "the file is empty; expected a header row with a `date` column",
            )],
        );
    };
    let separator = if header.contains(';') && !header.contains(',') {
        ';'
    } else {
        ','
    };
    let columns: Vec<String> = header
        .trim_start_matches('\u{feff}')
        .split(separator)
        .map(|c| c.trim().trim_matches('"').to_ascii_lowercase())
        .collect();
    let Some(date_column) = columns.iter().position(|c| c == "date") else {
        return (
            days,
            vec![problem(
                u32::try_from(header_index + 1).unwrap_or(u32::MAX),
                1,
                "the header row has no `date` column; name the column of closure days `date`",
            )],
        );
    };
    for (index, row) in lines {
        let line = u32::try_from(index + 1).unwrap_or(u32::MAX);
        let row = row.strip_suffix('\r').unwrap_or(row);
        let mut column = 1u32;
        let mut cell = None;
        for (i, field) in row.split(separator).enumerate() {
            if i == date_column {
                cell = Some((field, column));
                break;
            }
            column =
                column.saturating_add(u32::try_from(field.chars().count() + 1).unwrap_or(u32::MAX));
        }
        let Some((field, column)) = cell else {
            problems.push(problem(
                line,
                1,
                "this row has no date in the `date` column",
            ));
            continue;
        };
        let value = field.trim().trim_matches('"');
        match NaiveDate::parse_from_str(value, "%Y-%m-%d") {
            Ok(date) if value.len() == 10 => days.push(ClosureDay { date, line }),
            _ => problems.push(problem(
                line,
                column,
                format!(
                    "`{}` is not a date; write it as YYYY-MM-DD, such as 2026-12-24",
                    short(value)
                ),
            )),
        }
    }
    (days, problems)
}

/// At most 40 characters of a value, for a message.
fn short(value: &str) -> String {
    let shown: String = value.chars().take(40).collect();
    if shown.len() < value.len() {
        format!("{shown}…")
    } else {
        shown
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap_or_default()
    }

    fn dates(days: &[ClosureDay]) -> Vec<NaiveDate> {
        days.iter().map(|c| c.date).collect()
    }

    #[test]
    fn an_exported_calendar_closes_its_all_day_events() {
        let text = "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nSUMMARY:Christmas closure,\r\n  folded\r\nDTSTART;VALUE=DATE:20261224\r\nDTEND;VALUE=DATE:20261226\r\nEND:VEVENT\r\nBEGIN:VEVENT\r\nDTSTART:20261231T090000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
        let days = parse(text, ClosureFormat::Ics).unwrap_or_default();
        assert_eq!(
            dates(&days),
            vec![d(2026, 12, 24), d(2026, 12, 25), d(2026, 12, 31)]
        );
        assert_eq!(days.first().map(|c| c.line), Some(6));
    }

    #[test]
    fn ics_problems_are_located() {
        let text = "BEGIN:VCALENDAR\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:2026-12-24\nEND:VEVENT\nBEGIN:VEVENT\nDTSTART;VALUE=DATE:20270101\nRRULE:FREQ=YEARLY\nEND:VEVENT\nBEGIN:VEVENT\nSUMMARY:no start\nEND:VEVENT\nEND:VCALENDAR\n";
        let problems = parse(text, ClosureFormat::Ics).err().unwrap_or_default();
        let at: Vec<(u32, u32)> = problems.iter().map(|p| (p.line, p.column)).collect();
        assert_eq!(at, vec![(3, 20), (7, 1), (9, 1)], "{problems:?}");
        assert!(
            problems
                .iter()
                .any(|p| p.message.contains("repeating events"))
        );
        let not_ics = parse("date\n2026-12-24\n", ClosureFormat::Ics)
            .err()
            .unwrap_or_default();
        assert!(
            not_ics
                .iter()
                .any(|p| p.message.contains("BEGIN:VCALENDAR"))
        );
    }

    #[test]
    fn a_spreadsheet_column_of_dates() {
        let text = "\u{feff}Name;Date\nChristmas Eve;2026-12-24\nNew Year's Eve;2026-12-31\n";
        let days = parse(text, ClosureFormat::Csv).unwrap_or_default();
        assert_eq!(dates(&days), vec![d(2026, 12, 24), d(2026, 12, 31)]);
        let bad = parse("name,date\nx,24/12/2026\n", ClosureFormat::Csv)
            .err()
            .unwrap_or_default();
        assert_eq!(bad.first().map(|p| (p.line, p.column)), Some((2, 3)));
        let no_column = parse("day\n2026-12-24\n", ClosureFormat::Csv)
            .err()
            .unwrap_or_default();
        assert!(
            no_column
                .iter()
                .any(|p| p.message.contains("no `date` column"))
        );
    }

    #[test]
    fn formats_come_from_the_extension() {
        assert_eq!(
            ClosureFormat::for_path("closures/2027.ICS"),
            Some(ClosureFormat::Ics)
        );
        assert_eq!(
            ClosureFormat::for_path("days.csv"),
            Some(ClosureFormat::Csv)
        );
        assert_eq!(ClosureFormat::for_path("days.txt"), None);
    }
}
