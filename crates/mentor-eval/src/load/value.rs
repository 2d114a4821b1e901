//! Values as written in a case: yes-or-no, whole numbers, text, dates and times, durations
//! and choices, checked against the type the policy declares.

// A bad value carries the whole message; it is built once per mistake in a case file, so its
// size does not matter.
#![allow(clippy::result_large_err)]

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use mentor_check::model::Model;
use mentor_check::types::{Quantity, Ty, Unit, Value};
pub(crate) use mentor_diagnostics::catalog::case_values::BadValue;
use mentor_diagnostics::catalog::case_values::{
    DateHint, Expected, Malformed, NoDay, NotWhole, TimePart,
};
use mentor_diagnostics::words::quote;

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

/// Gives `given` the type `ty`.
pub(crate) fn convert(model: &Model, ty: Ty, given: &Given) -> Result<Value, BadValue> {
    let shown = || given.shown();
    match ty {
        Ty::Bool => convert_bool(given),
        Ty::Int => convert_int(given),
        Ty::Count => convert_count(given),
        Ty::Text => match given.text() {
            Some(s) => Ok(Value::Text(s.to_string())),
            None => Err(BadValue::not_text(&shown())),
        },
        Ty::Date => {
            let Some(s) = given.text() else {
                return Err(BadValue::unquoted(
                    Expected::Date,
                    &shown(),
                    "\"2026-12-18\"",
                ));
            };
            match parse_date_time(s) {
                Ok((date, None)) => Ok(Value::Date(date)),
                Ok((_, Some(_))) => Err(BadValue::date_with_time(&shown())),
                Err(problem) => Err(problem.into_bad(Expected::Date, given)),
            }
        }
        Ty::DateTime => {
            let Some(s) = given.text() else {
                return Err(BadValue::unquoted(
                    Expected::DateTime,
                    &shown(),
                    "\"2026-12-21T09:30\"",
                ));
            };
            match parse_date_time(s) {
                Ok((date, Some(time))) => Ok(Value::DateTime(date.and_time(time))),
                Ok((_, None)) => Err(BadValue::time_missing(&shown())),
                Err(problem) => Err(problem.into_bad(Expected::DateTime, given)),
            }
        }
        Ty::Duration => convert_duration(given),
        Ty::Unknown => Err(BadValue::unreadable_type(&shown())),
        Ty::Symbol(set) => {
            let symbols: &[String] = model.set(set).map_or(&[], |s| s.symbols.as_slice());
            let Some(s) = given.text() else {
                return Err(BadValue::choice_unquoted(symbols, &shown()));
            };
            if let Some(i) = symbols.iter().position(|sym| sym == s) {
                return Ok(Value::Symbol(u32::try_from(i).unwrap_or(u32::MAX)));
            }
            Err(BadValue::unknown_choice(symbols, s, &shown()))
        }
    }
}

fn convert_bool(given: &Given) -> Result<Value, BadValue> {
    match given {
        Given::Bool(b) => Ok(Value::Bool(*b)),
        Given::Cell(s) => match s.to_ascii_lowercase().as_str() {
            "true" | "yes" => Ok(Value::Bool(true)),
            "false" | "no" => Ok(Value::Bool(false)),
            _ => Err(BadValue::not_yes_or_no(&given.shown())),
        },
        Given::Str(s) => {
            let meant = match s.to_ascii_lowercase().as_str() {
                "true" | "yes" => Some(true),
                "false" | "no" => Some(false),
                _ => None,
            };
            Err(BadValue::not_true_or_false(&given.shown(), meant))
        }
        Given::Number(_) | Given::Other(_) => {
            Err(BadValue::not_true_or_false(&given.shown(), None))
        }
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
    let bad = |how: NotWhole| BadValue::not_whole(&given.shown(), &how);
    match given {
        Given::Number(n) | Given::Cell(n) => match parse_int(n) {
            Some(i) => Ok(Value::Int(i)),
            None if n.contains(['.', 'e', 'E']) => {
                let how = match n.parse::<f64>() {
                    Ok(x) if x.is_finite() && x.abs() < 1e15 && x.fract() != 0.0 => {
                        NotWhole::Fraction {
                            floor: x.floor(),
                            ceil: x.ceil(),
                        }
                    }
                    Ok(x) if x.is_finite() && x.abs() < 1e15 => NotWhole::Written { as_whole: x },
                    _ => NotWhole::TooLarge,
                };
                Err(bad(how))
            }
            None => Err(bad(NotWhole::Other)),
        },
        Given::Str(s) if parse_int(s.trim()).is_some() => Err(bad(NotWhole::Quoted {
            number: s.trim().to_string(),
        })),
        _ => Err(bad(NotWhole::NotANumber)),
    }
}

/// A count: a whole number that is not negative (`sessions: -3` is refused, not read as 0).
fn convert_count(given: &Given) -> Result<Value, BadValue> {
    match convert_int(given) {
        Ok(Value::Int(n)) if n < 0 => Err(BadValue::negative_count(&given.shown())),
        other => other,
    }
}

fn convert_duration(given: &Given) -> Result<Value, BadValue> {
    let Some(s) = given.text() else {
        return Err(BadValue::unquoted(
            Expected::Duration,
            &given.shown(),
            "\"6 months\"",
        ));
    };
    let bad = || BadValue::not_duration(&given.shown());
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
        Err(problem) => Err(problem.into_bad(Expected::DateOrTime, &given)),
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
    /// Not written as expected.
    Malformed(Malformed),
    /// Written correctly, but no such day: "there is no 30 February 2027".
    NoSuchDay(NoDay),
    /// Written correctly, but no such time of day (`time` as written).
    NoSuchTime { time: String, part: TimePart },
    /// A real day, in a year mentor does not work with.
    OutsideYears { why: String },
}

impl DateProblem {
    fn into_bad(self, expected: Expected, given: &Given) -> BadValue {
        match self {
            DateProblem::Malformed(how) => BadValue::malformed(expected, &given.shown(), &how),
            DateProblem::NoSuchDay(why) => BadValue::no_such_day(expected, why),
            DateProblem::NoSuchTime { time, part } => BadValue::no_such_time(expected, &time, part),
            DateProblem::OutsideYears { why } => {
                BadValue::outside_years(expected, &why, mentor_calendar::years::HELP)
            }
        }
    }
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
    let malformed = || DateProblem::Malformed(Malformed::Date(date_hint(s)));
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
    // Spreadsheets write a space where ISO 8601 writes `T`: both are read.
    let Some(time) = rest.strip_prefix(['T', ' ']) else {
        return Err(DateProblem::Malformed(Malformed::Time));
    };
    parse_time(time)
        .map(|t| (date, Some(t)))
        .map_err(|problem| problem.unwrap_or(DateProblem::Malformed(Malformed::Time)))
}

fn days_in_month(year: i32, month: u32) -> u32 {
    (28..=31)
        .rev()
        .find(|&d| NaiveDate::from_ymd_opt(year, month, d).is_some())
        .unwrap_or(28)
}

fn real_date(year: i32, month: u32, day: u32) -> Result<NaiveDate, DateProblem> {
    if let Some(date) = NaiveDate::from_ymd_opt(year, month, day) {
        return match mentor_calendar::years::outside(date) {
            Some(why) => Err(DateProblem::OutsideYears { why }),
            None => Ok(date),
        };
    }
    if !(1..=12).contains(&month) {
        return Err(DateProblem::NoSuchDay(NoDay::Month(month)));
    }
    Err(DateProblem::NoSuchDay(NoDay::Day {
        day,
        month,
        year,
        days: days_in_month(year, month),
    }))
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
        return Err(Some(DateProblem::Malformed(Malformed::Offset)));
    }
    let time = s.get(..5).unwrap_or(s).to_string();
    if hour > 23 {
        return Err(Some(DateProblem::NoSuchTime {
            time,
            part: TimePart::Hour,
        }));
    }
    if minute > 59 {
        return Err(Some(DateProblem::NoSuchTime {
            time,
            part: TimePart::Minute,
        }));
    }
    if second > 59 {
        return Err(Some(DateProblem::NoSuchTime {
            time: s.get(..8).unwrap_or(s).to_string(),
            part: TimePart::Second,
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
fn date_hint(s: &str) -> DateHint {
    let date_part = s.split(['T', ' ']).next().unwrap_or(s);
    let parts: Vec<&str> = date_part.split(['/', '.', '-']).collect();
    let [a, b, c] = parts.as_slice() else {
        return DateHint::General;
    };
    let all_digits =
        |p: &str| !p.is_empty() && p.len() <= 4 && p.bytes().all(|b| b.is_ascii_digit());
    if !(all_digits(a) && all_digits(b) && all_digits(c)) {
        return DateHint::General;
    }
    let (Ok(a_n), Ok(b_n), Ok(c_n)) = (a.parse::<u32>(), b.parse::<u32>(), c.parse::<u32>()) else {
        return DateHint::General;
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
            Some(written) => DateHint::Hyphens { written },
            None => DateHint::General,
        };
    }
    if c.len() != 4 {
        return DateHint::General;
    }
    match (a_n > 12, b_n > 12) {
        (true, false) => match iso(c_n, b_n, a_n) {
            Some(written) => DateHint::DayFirst {
                day: a_n,
                month: b_n,
                year: c_n,
                written,
            },
            None => DateHint::General,
        },
        (false, true) => match iso(c_n, a_n, b_n) {
            Some(written) => DateHint::MonthFirst {
                month: a_n,
                day: b_n,
                year: c_n,
                written,
            },
            None => DateHint::General,
        },
        (false, false) => match (iso(c_n, b_n, a_n), iso(c_n, a_n, b_n)) {
            (Some(day_first), Some(month_first)) if day_first != month_first => DateHint::Either {
                day_first,
                month_first,
            },
            (Some(written), _) => DateHint::Reordered { written },
            _ => DateHint::General,
        },
        (true, true) => DateHint::General,
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
            assert!(matches!(dt(s), Err(DateProblem::Malformed(_))), "{s}");
        }
        assert!(matches!(dt("2027-02-30"), Err(DateProblem::NoSuchDay(_))));
        assert!(matches!(dt("2027-13-01"), Err(DateProblem::NoSuchDay(_))));
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
        let help = |s: &str| date_hint(s).help();
        assert_eq!(
            help("18/12/2026"),
            "if this is 18 December 2026, write `2026-12-18`"
        );
        assert_eq!(
            help("12/18/2026"),
            "if this is December 18, 2026, write `2026-12-18`"
        );
        assert!(help("03/04/2026").contains("`2026-04-03` if the day comes first"));
        assert!(help("2026-1-5").contains("`2026-01-05`"));
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
