//! M0507, M0508 and M0511: a value in a case (a fact, a field, an event's `at`) that does
//! not fit its type, a date or time that does not exist, and a date outside the years.
//!
//! The case loader finds what is wrong with a value and says so with a [`BadValue`]; the
//! diagnostic is built when the value's name and place are known ([`bad_value`]).

use super::super::words::{list, month_name};
use crate::{Code, Diagnostic, Span, Suggestion};

/// What a value should have been, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Expected {
    /// Text in double quotes.
    Text,
    /// A date (YYYY-MM-DD).
    Date,
    /// A date and time.
    DateTime,
    /// A date, or a date and time (an event's `at`).
    DateOrTime,
    /// A duration in days, weeks, months or years.
    Duration,
    /// A value of a type the policy could not read.
    Unreadable,
    /// One of these choices.
    Choice(Vec<String>),
    /// Yes or no, as a spreadsheet cell may say it.
    YesOrNo,
    /// `true` or `false`, as JSON writes it.
    TrueOrFalse,
    /// A whole number.
    WholeNumber,
    /// A count.
    Count,
}

impl Expected {
    /// What was expected, for a message: "a date (YYYY-MM-DD)".
    pub fn words(&self) -> String {
        match self {
            Expected::Text => "text in double quotes".to_string(),
            Expected::Date => "a date (YYYY-MM-DD)".to_string(),
            Expected::DateTime => "a date and time (YYYY-MM-DDTHH:MM)".to_string(),
            Expected::DateOrTime => {
                "a date (YYYY-MM-DD) or a date and time (YYYY-MM-DDTHH:MM)".to_string()
            }
            Expected::Duration => {
                "a duration in days, weeks, months or years, such as \"6 months\"".to_string()
            }
            Expected::Unreadable => "a value of a type the policy could not read".to_string(),
            Expected::Choice(choices) => format!("one of {}", choices.join(" | ")),
            Expected::YesOrNo => "yes or no (true, false, yes or no)".to_string(),
            Expected::TrueOrFalse => "true or false".to_string(),
            Expected::WholeNumber => "a whole number".to_string(),
            Expected::Count => "a count (a whole number, 0 or more)".to_string(),
        }
    }
}

/// How a date written some other way would be written as year-month-day.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateHint {
    /// Nothing better than the general rule.
    General,
    /// Year first, with other separators or one-digit parts: `written` is the right form.
    Hyphens { written: String },
    /// Day first (the first number is over 12).
    DayFirst {
        day: u32,
        month: u32,
        year: u32,
        written: String,
    },
    /// Month first (the second number is over 12).
    MonthFirst {
        month: u32,
        day: u32,
        year: u32,
        written: String,
    },
    /// Either could be meant.
    Either {
        day_first: String,
        month_first: String,
    },
    /// Both readings give the same day.
    Reordered { written: String },
}

impl DateHint {
    /// The help line.
    pub fn help(&self) -> String {
        match self {
            DateHint::General => "write dates as year-month-day, such as `2026-12-18`".to_string(),
            DateHint::Hyphens { written } => {
                format!("write it with hyphens and two-digit months and days: `{written}`")
            }
            DateHint::DayFirst {
                day,
                month,
                year,
                written,
            } => format!(
                "if this is {day} {} {year}, write `{written}`",
                month_name(*month)
            ),
            DateHint::MonthFirst {
                month,
                day,
                year,
                written,
            } => format!(
                "if this is {} {day}, {year}, write `{written}`",
                month_name(*month)
            ),
            DateHint::Either {
                day_first,
                month_first,
            } => format!(
                "write it as year-month-day: `{day_first}` if the day comes first, `{month_first}` if the month does"
            ),
            DateHint::Reordered { written } => {
                format!("write it as year-month-day: `{written}`")
            }
        }
    }
}

/// How a date or time is not written as expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Malformed {
    /// The date part.
    Date(DateHint),
    /// The time part.
    Time,
    /// The offset from UTC after the time.
    Offset,
}

/// Why a date written as YYYY-MM-DD is no day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoDay {
    /// A month outside 1 to 12.
    Month(u32),
    /// A day past the month's end (`days` in that month).
    Day {
        day: u32,
        month: u32,
        year: i32,
        days: u32,
    },
}

/// The part of a time of day that is out of range.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TimePart {
    Hour,
    Minute,
    Second,
}

/// Why a value does not fit its type: a diagnostic without its name and place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BadValue {
    code: Code,
    expected: Expected,
    /// What follows the name in the message: `is a date (YYYY-MM-DD), not "18/12/2026"`.
    what: String,
    label: Option<String>,
    help: String,
    /// A close choice, for "did you mean".
    suggestion: Option<String>,
}

impl BadValue {
    fn wrong(code: Code, expected: Expected, shown: &str, help: impl Into<String>) -> Self {
        BadValue {
            code,
            what: format!("is {}, not {shown}", expected.words()),
            expected,
            label: None,
            help: help.into(),
            suggestion: None,
        }
    }

    fn label(mut self, label: impl Into<String>) -> Self {
        self.label = Some(label.into());
        self
    }

    /// What was expected.
    pub fn expected(&self) -> &Expected {
        &self.expected
    }

    /// Text wanted; `shown` is the value as given.
    pub fn not_text(shown: &str) -> Self {
        BadValue::wrong(
            Code::CaseBadValue,
            Expected::Text,
            shown,
            "put the value in double quotes",
        )
    }

    /// A date, a date and time or a duration given as something other than text. The
    /// message says what was expected "in double quotes"; `example` is one, quoted.
    pub fn unquoted(expected: Expected, shown: &str, example: &str) -> Self {
        let words = format!("{} in double quotes", expected.words());
        BadValue {
            code: Code::CaseBadValue,
            what: format!("is {words}, not {shown}"),
            expected,
            label: None,
            help: format!("write it in double quotes, such as {example}"),
            suggestion: None,
        }
    }

    /// A date given with a time of day.
    pub fn date_with_time(shown: &str) -> Self {
        BadValue::wrong(
            Code::CaseBadDate,
            Expected::Date,
            shown,
            "write only the day, such as `2026-12-18`",
        )
        .label("a date without a time")
    }

    /// A date and time given without the time.
    pub fn time_missing(shown: &str) -> Self {
        BadValue::wrong(
            Code::CaseBadDate,
            Expected::DateTime,
            shown,
            "add the time after a `T`, such as `2026-12-21T09:30`",
        )
        .label("the time of day is missing")
    }

    /// A date or time not written as expected.
    pub fn malformed(expected: Expected, shown: &str, how: &Malformed) -> Self {
        let help = match how {
            Malformed::Date(hint) => hint.help(),
            Malformed::Time => "write the time after a `T`, such as `2026-12-21T09:30`".to_string(),
            Malformed::Offset => "write the offset from UTC as `Z` or as hours and minutes, such as `+01:00` or `-05:00`, or leave it out".to_string(),
        };
        BadValue::wrong(Code::CaseBadDate, expected, shown, help)
    }

    /// A date written correctly that is no day.
    pub fn no_such_day(expected: Expected, why: NoDay) -> Self {
        let (what, label) = match why {
            NoDay::Month(month) => (
                format!("there is no month {month}"),
                "months run from 01 to 12".to_string(),
            ),
            NoDay::Day {
                day,
                month,
                year,
                days,
            } => {
                let name = month_name(month);
                (
                    format!("there is no {day} {name} {year}"),
                    format!("{name} {year} has {days} days"),
                )
            }
        };
        BadValue {
            code: Code::CaseBadDate,
            expected,
            what: format!("is not a real date: {what}"),
            label: Some(label),
            help: "check the date in the records".to_string(),
            suggestion: None,
        }
    }

    /// A time written correctly that is no time of day (`time` as written).
    pub fn no_such_time(expected: Expected, time: &str, part: TimePart) -> Self {
        let label = match part {
            TimePart::Hour => "hours run from 00 to 23",
            TimePart::Minute => "minutes run from 00 to 59",
            TimePart::Second => "seconds run from 00 to 59",
        };
        BadValue {
            code: Code::CaseBadDate,
            expected,
            what: format!("has a time that does not exist: {time}"),
            label: Some(label.to_string()),
            help: "write the time on a 24-hour clock, such as `09:30` or `17:45`".to_string(),
            suggestion: None,
        }
    }

    /// A real day in a year mentor does not work with: `why` and `help` are the calendar's
    /// words for that (`mentor_calendar::years`).
    pub fn outside_years(expected: Expected, why: &str, help: &str) -> Self {
        BadValue {
            code: Code::CaseOutOfCalendar,
            expected,
            what: format!("is refused: {why}"),
            label: Some("outside the years".to_string()),
            help: help.to_string(),
            suggestion: None,
        }
    }

    /// A value of a type the policy could not read.
    pub fn unreadable_type(shown: &str) -> Self {
        BadValue::wrong(
            Code::CaseBadValue,
            Expected::Unreadable,
            shown,
            "fix the policy's errors first (`mentor check`)",
        )
    }

    /// A choice given as something other than text.
    pub fn choice_unquoted(choices: &[String], shown: &str) -> Self {
        BadValue::wrong(
            Code::CaseBadValue,
            Expected::Choice(choices.to_vec()),
            shown,
            "write the choice in double quotes",
        )
    }

    /// Text that is none of the choices (`given`: the text itself, for "did you mean").
    pub fn unknown_choice(choices: &[String], given: &str, shown: &str) -> Self {
        let mut bad = BadValue::wrong(
            Code::CaseBadValue,
            Expected::Choice(choices.to_vec()),
            shown,
            format!(
                "use one of the choices the policy declares: {}",
                list(choices.iter().map(String::as_str), "or")
            ),
        );
        bad.suggestion = Suggestion::among(given, choices.iter().map(String::as_str))
            .name()
            .map(str::to_string);
        bad
    }

    /// A spreadsheet cell that is not yes or no.
    pub fn not_yes_or_no(shown: &str) -> Self {
        BadValue::wrong(
            Code::CaseBadValue,
            Expected::YesOrNo,
            shown,
            "write `true` or `false` (or `yes` or `no`), or leave the cell empty if it is not known",
        )
    }

    /// Not `true` or `false`. `quoted` is what quoted text meant, when it meant one of them.
    pub fn not_true_or_false(shown: &str, quoted: Option<bool>) -> Self {
        let help = match quoted {
            Some(true) => "write true without quotes",
            Some(false) => "write false without quotes",
            None => "write true or false without quotes",
        };
        BadValue::wrong(Code::CaseBadValue, Expected::TrueOrFalse, shown, help)
    }

    /// Not a whole number; `how` says what it is instead.
    pub fn not_whole(shown: &str, how: &NotWhole) -> Self {
        let help = match how {
            NotWhole::Fraction { floor, ceil } => {
                format!("only whole numbers are counted here: write `{floor}` or `{ceil}`")
            }
            NotWhole::Written { as_whole } => format!("write it as `{as_whole}`"),
            NotWhole::TooLarge => {
                "only whole numbers are counted here; write one such as `2`".to_string()
            }
            NotWhole::Other => "write a whole number, such as `90`".to_string(),
            NotWhole::Quoted { number } => {
                format!("write the number without quotes: {number}")
            }
            NotWhole::NotANumber => "write a whole number without quotes, such as 90".to_string(),
        };
        BadValue::wrong(Code::CaseBadValue, Expected::WholeNumber, shown, help)
    }

    /// A count below zero.
    pub fn negative_count(shown: &str) -> Self {
        BadValue::wrong(
            Code::CaseBadValue,
            Expected::Count,
            shown,
            "a count cannot be negative; write 0 or more",
        )
    }

    /// Text that is not a duration mentor reads in a case.
    pub fn not_duration(shown: &str) -> Self {
        BadValue::wrong(
            Code::CaseBadValue,
            Expected::Duration,
            shown,
            "durations in case files are days, weeks, months or years, such as `6 months`",
        )
    }
}

/// What a number that is not a whole number is.
#[derive(Debug, Clone, PartialEq)]
pub enum NotWhole {
    /// A number with a fraction, between two whole numbers.
    Fraction { floor: f64, ceil: f64 },
    /// A whole number written another way (`1e3`, `2.0`).
    Written { as_whole: f64 },
    /// A number too large to be counted.
    TooLarge,
    /// Not a number as written.
    Other,
    /// A whole number in quotes.
    Quoted { number: String },
    /// Something else in its place.
    NotANumber,
}

/// A value named `name` at `span` that does not fit its type.
pub fn bad_value(span: Span, name: &str, bad: &BadValue) -> Diagnostic {
    let d = Diagnostic::new(bad.code, span, format!("`{name}` {}", bad.what))
        .suggesting(Suggestion::of(bad.suggestion.as_deref()));
    let d = match &bad.label {
        Some(label) => d.label(label.clone()),
        None => d,
    };
    d.help(bad.help.clone())
}

/// An event dated outside the years a calendar of the policy knows.
pub fn outside_calendar(
    span: Span,
    date: &str,
    calendar: &str,
    first_year: i32,
    last_year: i32,
) -> Diagnostic {
    Diagnostic::new(
        Code::CaseOutOfCalendar,
        span,
        format!(
            "`{date}` is outside the years the `{calendar}` calendar knows ({first_year} to {last_year})"
        ),
    )
    .label("working days cannot be counted in this year")
    .help("check the date; if it is right, the policy's calendar needs holidays for that year")
}
