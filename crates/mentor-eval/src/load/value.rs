//! Values as written in a case: yes-or-no, whole numbers, text, dates and times, durations
//! and choices, checked against the type the policy declares.

// A bad value carries the whole message; it is built once per mistake in a case file, so its
// size does not matter.
#![allow(clippy::result_large_err)]

use super::words::{list, quote};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use mentor_check::model::Model;
use mentor_check::types::{Quantity, Ty, Unit, Value};
use mentor_diagnostics::{Code, did_you_mean};

/// A value as it appears in the file, before it is given its declared type.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Given {
    /// A JSON string (its content).
    Str(String),
    /// A JSON `true` or `false`.
    Bool(bool),
    /// A JSON number, as written.
    Number(String),
    /// A JSON object or array, described for a person.
    Other(&'static str),
    /// A CSV cell, trimmed and not empty.
    Cell(String),
}

impl Given {
    /// The value as shown in a message.
    pub(crate) fn shown(&self) -> String {
        let shown = match self {
            Given::Str(s) | Given::Cell(s) => quote(s),
            Given::Bool(b) => b.to_string(),
            Given::Number(n) => n.clone(),
            Given::Other(what) => (*what).to_string(),
        };
        // A pasted paragraph or a 5,000-digit number is shown by its start.
        if shown.chars().count() > 60 {
            format!("{}...", shown.chars().take(57).collect::<String>())
        } else {
            shown
        }
    }

    fn text(&self) -> Option<&str> {
        match self {
            Given::Str(s) | Given::Cell(s) => Some(s),
            _ => None,
        }
    }
}

/// Why a value does not fit its type: the pieces of a diagnostic, without the place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct BadValue {
    pub code: Code,
    /// What was expected: `a date (YYYY-MM-DD)`.
    pub expected: String,
    /// What follows the name in the message: `is a date (YYYY-MM-DD), not "18/12/2026"`.
    pub what: String,
    pub label: Option<String>,
    pub help: Option<String>,
    /// A close choice, for "did you mean".
    pub suggestion: Option<String>,
}

impl BadValue {
    fn new(code: Code, expected: impl Into<String>, given: &Given) -> Self {
        let expected = expected.into();
        BadValue {
            code,
            what: format!("is {expected}, not {}", given.shown()),
            expected,
            label: None,
            help: None,
            suggestion: None,
        }
    }

    fn help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// The whole message for a value named `name`.
    pub(crate) fn message(&self, name: &str) -> String {
        let mut message = format!("`{name}` {}", self.what);
        if let Some(close) = &self.suggestion {
            message.push_str(&format!("; did you mean `{close}`?"));
        }
        message
    }
}

const DATE: &str = "a date (YYYY-MM-DD)";
const DATE_TIME: &str = "a date and time (YYYY-MM-DDTHH:MM)";
const DATE_OR_TIME: &str = "a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)";
const DURATION: &str = "a duration in days, weeks, months or years, such as \"6 months\"";

/// Gives `given` the type `ty`.
pub(crate) fn convert(model: &Model, ty: Ty, given: &Given) -> Result<Value, BadValue> {
    match ty {
        Ty::Bool => convert_bool(given),
        Ty::Int => convert_int(given),
        Ty::Text => match given.text() {
            Some(s) => Ok(Value::Text(s.to_string())),
            None => Err(
                BadValue::new(Code::CaseBadValue, "text in double quotes", given)
                    .help("put the value in double quotes"),
            ),
        },
        Ty::Date => {
            let Some(s) = given.text() else {
                return Err(not_text(DATE, given, "\"2026-12-18\""));
            };
            match parse_date_time(s) {
                Ok((date, None)) => Ok(Value::Date(date)),
                Ok((_, Some(_))) => Err(BadValue::new(Code::CaseBadDate, DATE, given)
                    .label("a date without a time")
                    .help("write only the day, such as `2026-12-18`")),
                Err(problem) => Err(problem.into_bad(DATE, given)),
            }
        }
        Ty::DateTime => {
            let Some(s) = given.text() else {
                return Err(not_text(DATE_TIME, given, "\"2026-12-21T09:30\""));
            };
            match parse_date_time(s) {
                Ok((date, Some(time))) => Ok(Value::DateTime(date.and_time(time))),
                Ok((_, None)) => Err(BadValue::new(Code::CaseBadDate, DATE_TIME, given)
                    .label("the time of day is missing")
                    .help("add the time after a `T`, such as `2026-12-21T09:30`")),
                Err(problem) => Err(problem.into_bad(DATE_TIME, given)),
            }
        }
        Ty::Duration => convert_duration(given),
        Ty::Unknown => Err(BadValue::new(
            Code::CaseBadValue,
            "a value of a type the policy could not read",
            given,
        )
        .help("fix the policy's errors first (`mentor check`)")),
        Ty::Symbol(set) => {
            let symbols: &[String] = model.set(set).map_or(&[], |s| s.symbols.as_slice());
            let choices = symbols.join(" | ");
            let expected = format!("one of {choices}");
            let Some(s) = given.text() else {
                return Err(BadValue::new(Code::CaseBadValue, expected, given)
                    .help("write the choice in double quotes"));
            };
            if let Some(i) = symbols.iter().position(|sym| sym == s) {
                return Ok(Value::Symbol(u32::try_from(i).unwrap_or(u32::MAX)));
            }
            let mut bad = BadValue::new(Code::CaseBadValue, expected, given).help(format!(
                "use one of the choices the policy declares: {}",
                list(symbols.iter().map(String::as_str), "or")
            ));
            bad.suggestion =
                did_you_mean(s, symbols.iter().map(String::as_str)).map(str::to_string);
            Err(bad)
        }
    }
}

fn not_text(expected: &str, given: &Given, example: &str) -> BadValue {
    BadValue::new(
        Code::CaseBadValue,
        format!("{expected} in double quotes"),
        given,
    )
    .help(format!("write it in double quotes, such as {example}"))
}

fn convert_bool(given: &Given) -> Result<Value, BadValue> {
    match given {
        Given::Bool(b) => Ok(Value::Bool(*b)),
        Given::Cell(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" => Ok(Value::Bool(true)),
            "false" | "no" => Ok(Value::Bool(false)),
            _ => Err(BadValue::new(Code::CaseBadValue, "yes or no (true, false, yes or no)", given)
                .help("write `true` or `false` (or `yes` or `no`), or leave the cell empty if it is not known")),
        },
        Given::Str(s) => {
            let bad = BadValue::new(Code::CaseBadValue, "true or false", given);
            Err(match s.to_ascii_lowercase().as_str() {
                "true" | "yes" => bad.help("write true without quotes"),
                "false" | "no" => bad.help("write false without quotes"),
                _ => bad.help("write true or false without quotes"),
            })
        }
        Given::Number(_) | Given::Other(_) => Err(BadValue::new(
            Code::CaseBadValue,
            "true or false",
            given,
        )
        .help("write true or false without quotes")),
    }
}

/// A whole number: an optional `-` and digits only.
fn parse_int(s: &str) -> Option<i64> {
    let digits = s.strip_prefix('-').unwrap_or(s);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

fn convert_int(given: &Given) -> Result<Value, BadValue> {
    let bad = || BadValue::new(Code::CaseBadValue, "a whole number", given);
    match given {
        Given::Number(n) | Given::Cell(n) => match parse_int(n) {
            Some(i) => Ok(Value::Int(i)),
            None if n.contains(['.', 'e', 'E']) => {
                let help = match n.parse::<f64>() {
                    Ok(x) if x.is_finite() && x.abs() < 1e15 && x.fract() != 0.0 => format!(
                        "only whole numbers are counted here: write `{}` or `{}`",
                        x.floor(),
                        x.ceil()
                    ),
                    Ok(x) if x.is_finite() && x.abs() < 1e15 => format!("write it as `{x}`"),
                    _ => "only whole numbers are counted here; write one such as `2`".to_string(),
                };
                Err(bad().help(help))
            }

            None => Err(bad().help("write a whole number, such as `90`")),
        },
        Given::Str(s) if parse_int(s.trim()).is_some() => {
            Err(bad().help(format!("write the number without quotes: {}", s.trim())))
        }
        _ => Err(bad().help("write a whole number without quotes, such as 90")),
    }
}

fn convert_duration(given: &Given) -> Result<Value, BadValue> {
    let Some(s) = given.text() else {
        return Err(not_text(DURATION, given, "\"6 months\""));
    };
    let bad = || {
        BadValue::new(Code::CaseBadValue, DURATION, given)
            .help("durations in case files are days, weeks, months or years, such as `6 months`")
    };
    let mut parts = s.split_whitespace();
    let (Some(number), Some(unit)) = (parts.next(), parts.next()) else {
        return Err(bad());
    };
    let rest: Vec<&str> = parts.collect();
    if !rest.is_empty() || !number.bytes().all(|b| b.is_ascii_digit()) {
        return Err(bad());
    }
    let Ok(value) = number.parse::<u32>() else {
        return Err(bad());
    };
    let unit = match unit.to_ascii_lowercase().as_str() {
        "day" | "days" => Unit::Days,
        "week" | "weeks" => Unit::Weeks,
        "month" | "months" => Unit::Months,
        "year" | "years" => Unit::Years,
        _ => return Err(bad()),
    };
    Ok(Value::Duration(Quantity {
        value,
        unit: Some(unit),
    }))
}

/// Parses an event's `at`: a date, or a date and time. Returns the moment and whether a
/// time was given (midnight when not). A time with an offset from UTC (`Z`, `+01:00`) is
/// converted to the programme's time zone when the policy declares one; otherwise it is
/// read as written.
pub(crate) fn parse_at(
    s: &str,
    zone: Option<chrono_tz::Tz>,
) -> Result<(NaiveDateTime, bool), BadValue> {
    let given = Given::Str(s.to_string());
    match parse_date_time(s) {
        Ok((date, Some(time))) => {
            let written = date.and_time(time);
            match (zone, offset_minutes(s)) {
                (Some(zone), Some(offset)) => {
                    let utc = written - chrono::TimeDelta::minutes(offset);
                    Ok((
                        chrono::TimeZone::from_utc_datetime(&zone, &utc).naive_local(),
                        true,
                    ))
                }
                _ => Ok((written, true)),
            }
        }
        Ok((date, None)) => Ok((date.and_time(NaiveTime::MIN), false)),
        Err(problem) => Err(problem.into_bad(DATE_OR_TIME, &given)),
    }
}

/// The offset from UTC at the end of a date and time, in minutes: `Z` is 0, `-05:00` is -300;
/// `None` when there is none.
fn offset_minutes(s: &str) -> Option<i64> {
    let time = s.get(11..)?;
    if time.ends_with(['Z', 'z']) {
        return Some(0);
    }
    let sign_at = time.rfind(['+', '-'])?;
    let sign = if time.get(sign_at..=sign_at) == Some("-") {
        -1
    } else {
        1
    };
    let digits: String = time
        .get(sign_at + 1..)?
        .chars()
        .filter(char::is_ascii_digit)
        .collect();
    let hours: i64 = digits.get(0..2)?.parse().ok()?;
    let minutes: i64 = digits.get(2..4).map_or(Some(0), |m| m.parse().ok())?;
    Some(sign * (hours * 60 + minutes))
}

/// Why a date or time could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
enum DateProblem {
    /// Not written as expected; the help says how to write it.
    Malformed { help: String },
    /// Written correctly, but no such day: "there is no 30 February 2027".
    NoSuchDay { what: String, label: String },
    /// Written correctly, but no such time of day.
    NoSuchTime { what: String, label: String },
}

impl DateProblem {
    fn into_bad(self, expected: &str, given: &Given) -> BadValue {
        match self {
            DateProblem::Malformed { help } => {
                BadValue::new(Code::CaseBadDate, expected, given).help(help)
            }
            DateProblem::NoSuchDay { what, label } => BadValue {
                code: Code::CaseBadDate,
                expected: expected.to_string(),
                what: format!("is not a real date: {what}"),
                label: Some(label),
                help: Some("check the date in the records".to_string()),
                suggestion: None,
            },
            DateProblem::NoSuchTime { what, label } => BadValue {
                code: Code::CaseBadDate,
                expected: expected.to_string(),
                what: format!("has a time that does not exist: {what}"),
                label: Some(label),
                help: Some(
                    "write the time on a 24-hour clock, such as `09:30` or `17:45`".to_string(),
                ),
                suggestion: None,
            },
        }
    }
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i as usize))
        .copied()
        .unwrap_or("?")
}

/// Exactly `n` ASCII digits.
fn digits(s: Option<&str>, n: usize) -> Option<u32> {
    let s = s?;
    if s.len() == n && s.bytes().all(|b| b.is_ascii_digit()) {
        s.parse().ok()
    } else {
        None
    }
}

/// `YYYY-MM-DD`, optionally followed by `THH:MM[:SS[.fff]]` (or a space instead of the
/// `T`, as spreadsheets write) and an offset.
fn parse_date_time(s: &str) -> Result<(NaiveDate, Option<NaiveTime>), DateProblem> {
    let malformed = || DateProblem::Malformed { help: date_help(s) };
    let year = digits(s.get(0..4), 4).ok_or_else(malformed)?;
    let month = digits(s.get(5..7), 2).ok_or_else(malformed)?;
    let day = digits(s.get(8..10), 2).ok_or_else(malformed)?;
    if s.get(4..5) != Some("-") || s.get(7..8) != Some("-") {
        return Err(malformed());
    }
    let year = i32::try_from(year).map_err(|_| malformed())?;
    let date = real_date(year, month, day)?;
    let rest = s.get(10..).unwrap_or("");
    if rest.is_empty() {
        return Ok((date, None));
    }
    let time_help = "write the time after a `T`, such as `2026-12-21T09:30`";
    // Spreadsheets write a space where ISO 8601 writes `T`: both are read.
    let Some(time) = rest.strip_prefix(['T', ' ']) else {
        return Err(DateProblem::Malformed {
            help: time_help.to_string(),
        });
    };
    parse_time(time)
        .map(|t| (date, Some(t)))
        .map_err(|problem| match problem {
            Some(p) => p,
            None => DateProblem::Malformed {
                help: time_help.to_string(),
            },
        })
}

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28)
}

fn real_date(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateProblem> {
    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
        return Ok(date);
    }
    if !(1..=12).contains(&month) {
        return Err(DateProblem::NoSuchDay {
            what: format!("there is no month {month}"),
            label: "months run from 01 to 12".to_string(),
        });
    }
    let name = month_name(month);
    Err(DateProblem::NoSuchDay {
        what: format!("there is no {day} {name} {year}"),
        label: format!("{name} {year} has {} days", days_in_month(year, month)),
    })
}

/// `HH:MM[:SS[.fff]]` and an optional offset (`Z`, `+01:00`, `+0100`, `+01`), which is
/// dropped. `Err(None)`: not written as a time.
fn parse_time(s: &str) -> Result<NaiveTime, Option<DateProblem>> {
    let hour = digits(s.get(0..2), 2).ok_or(None)?;
    let minute = digits(s.get(3..5), 2).ok_or(None)?;
    if s.get(2..3) != Some(":") {
        return Err(None);
    }
    let mut rest = s.get(5..).unwrap_or("");
    let mut second = 0;
    let mut nano = 0;
    if let Some(after) = rest.strip_prefix(':') {
        second = digits(after.get(0..2), 2).ok_or(None)?;
        rest = after.get(2..).unwrap_or("");
        if let Some(after) = rest.strip_prefix('.') {
            let len = after.bytes().take_while(u8::is_ascii_digit).count();
            if len == 0 {
                return Err(None);
            }
            let fraction = after.get(..len).unwrap_or("");
            let padded: String = fraction
                .chars()
                .chain(std::iter::repeat('0'))
                .take(9)
                .collect();
            nano = padded.parse().map_err(|_| None)?;
            rest = after.get(len..).unwrap_or("");
        }
    }
    if !valid_offset(rest) {
        if !rest.starts_with(['+', '-']) {
            return Err(None);
        }
        return Err(Some(DateProblem::Malformed {
            help: "write the offset from UTC as `Z` or as hours and minutes, such as `+01:00` or `-05:00`, or leave it out"
                .to_string(),
        }));
    }
    let time = s.get(..5).unwrap_or(s).to_string();
    if hour > 23 {
        return Err(Some(DateProblem::NoSuchTime {
            what: time,
            label: "hours run from 00 to 23".to_string(),
        }));
    }
    if minute > 59 {
        return Err(Some(DateProblem::NoSuchTime {
            what: time,
            label: "minutes run from 00 to 59".to_string(),
        }));
    }
    if second > 59 {
        return Err(Some(DateProblem::NoSuchTime {
            what: s.get(..8).unwrap_or(s).to_string(),
            label: "seconds run from 00 to 59".to_string(),
        }));
    }
    NaiveTime::from_hms_nano_opt(hour, minute, second, nano).ok_or(None)
}

fn valid_offset(s: &str) -> bool {
    if s.is_empty() || s == "Z" || s == "z" {
        return true;
    }
    let Some(rest) = s.strip_prefix('+').or_else(|| s.strip_prefix('-')) else {
        return false;
    };
    let (hours, minutes) = match rest.len() {
        2 => (digits(Some(rest), 2), Some(0)),
        4 => (digits(rest.get(0..2), 2), digits(rest.get(2..4), 2)),
        5 if rest.get(2..3) == Some(":") => (digits(rest.get(0..2), 2), digits(rest.get(3..5), 2)),
        _ => (None, None),
    };
    matches!((hours, minutes), (Some(h), Some(m)) if h <= 23 && m <= 59)
}

/// How to write a date that was written some other way.
fn date_help(s: &str) -> String {
    let general = "write dates as year-month-day, such as `2026-12-18`".to_string();
    let date_part = s.split(['T', ' ']).next().unwrap_or(s);
    let parts: Vec<&str> = date_part.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return general;
    };
    let all_digits =
        |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(a) && all_digits(b) && all_digits(c)) {
        return general;
    }
    let (Ok(a_n), Ok(b_n), Ok(c_n)) = (a.parse::<u32>(), b.parse::<u32>(), c.parse::<u32>()) else {
        return general;
    };
    let iso = |y: u32, m: u32, d: u32| {
        i32::try_from(y)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, m, d))
            .map(|date| date.format("%Y-%m-%d").to_string())
    };
    if a.len() == 4 {
        // Year first, but with other separators or one-digit months or days.
        return match iso(a_n, b_n, c_n) {
            Some(written) => {
                format!("write it with hyphens and two-digit months and days: `{written}`")
            }
            None => general,
        };
    }
    if c.len() != 4 {
        return general;
    }
    match (a_n > 12, b_n > 12) {
        (true, false) => match iso(c_n, b_n, a_n) {
            Some(written) => format!(
                "if this is {a_n} {} {c_n}, write `{written}`",
                month_name(b_n)
            ),
            None => general,
        },
        (false, true) => match iso(c_n, a_n, b_n) {
            Some(written) => format!(
                "if this is {} {b_n}, {c_n}, write `{written}`",
                month_name(a_n)
            ),
            None => general,
        },
        (false, false) => match (iso(c_n, b_n, a_n), iso(c_n, a_n, b_n)) {
            (Some(day_first), Some(month_first)) if day_first != month_first => format!(
                "write it as year-month-day: `{day_first}` if the day comes first, `{month_first}` if the month does"
            ),
            (Some(written), _) => format!("write it as year-month-day: `{written}`"),
            _ => general,
        },
        (true, true) => general,
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn dt(s: &str) -> Result<(NaiveDate, Option<NaiveTime>), DateProblem> {
        parse_date_time(s)
    }

    #[test]
    fn reads_dates_and_times() {
        let d = NaiveDate::from_ymd_opt(2026, 12, 21).unwrap();
        assert_eq!(dt("2026-12-21"), Ok((d, None)));
        let t = NaiveTime::from_hms_opt(9, 30, 0).unwrap();
        for s in [
            "2026-12-21T09:30",
            "2026-12-21T09:30:00",
            "2026-12-21T09:30:00Z",
            "2026-12-21T09:30+01:00",
            "2026-12-21T09:30:00.000-0500",
            "2026-12-21T09:30:00+05",
            "2026-12-21 09:30",
            "2026-12-21 09:30:00",
        ] {
            assert_eq!(dt(s), Ok((d, Some(t))), "{s}");
        }
    }

    #[test]
    fn rejects_what_is_not_iso() {
        for s in [
            "18/12/2026",
            "2026-1-5",
            "2026/12/18",
            "2026-12-18  09:30",
            "2026-12-18T9:30",
            "2026-12-18T09:30+1",
            "2026-12-18T09:30:00.",
            "",
            "2026-12-18x",
            "２０２６-12-18",
        ] {
            assert!(matches!(dt(s), Err(DateProblem::Malformed { .. })), "{s}");
        }
        assert!(matches!(
            dt("2027-02-30"),
            Err(DateProblem::NoSuchDay { .. })
        ));
        assert!(matches!(
            dt("2027-13-01"),
            Err(DateProblem::NoSuchDay { .. })
        ));
        assert!(matches!(
            dt("2027-01-01T24:00"),
            Err(DateProblem::NoSuchTime { .. })
        ));
        assert!(matches!(
            dt("2027-01-01T10:60"),
            Err(DateProblem::NoSuchTime { .. })
        ));
    }

    #[test]
    fn suggests_the_iso_form() {
        assert_eq!(
            date_help("18/12/2026"),
            "if this is 18 December 2026, write `2026-12-18`"
        );
        assert_eq!(
            date_help("12/18/2026"),
            "if this is December 18, 2026, write `2026-12-18`"
        );
        assert!(date_help("03/04/2026").contains("`2026-04-03` if the day comes first"));
        assert!(date_help("2026-1-5").contains("`2026-01-05`"));
    }

    #[test]
    fn reads_cells() {
        let model = Model::default();
        let cell = |s: &str| Given::Cell(s.to_string());
        assert_eq!(
            convert(&model, Ty::Bool, &cell("Yes")),
            Ok(Value::Bool(true))
        );
        assert_eq!(
            convert(&model, Ty::Bool, &cell("FALSE")),
            Ok(Value::Bool(false))
        );
        assert!(convert(&model, Ty::Bool, &cell("y")).is_err());
        assert_eq!(convert(&model, Ty::Int, &cell("-3")), Ok(Value::Int(-3)));
        assert!(convert(&model, Ty::Int, &cell("2.5")).is_err());
        assert!(convert(&model, Ty::Int, &cell("+3")).is_err());
        assert!(convert(&model, Ty::Int, &cell("99999999999999999999")).is_err());
        assert_eq!(
            convert(&model, Ty::Duration, &cell("6 Months")),
            Ok(Value::Duration(Quantity {
                value: 6,
                unit: Some(Unit::Months)
            }))
        );
        assert!(convert(&model, Ty::Duration, &cell("5 working days")).is_err());
        assert!(convert(&model, Ty::Duration, &cell("3 hours")).is_err());
    }
}
