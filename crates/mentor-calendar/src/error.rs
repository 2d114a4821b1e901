//! Owns the calendar error type and its plain-language messages.

use chrono::NaiveDate;

/// Something a calendar cannot answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CalendarError {
    /// A date (the start, or any date the computation would have to pass
    /// through) lies outside the years the calendar's data covers. The
    /// calendar never guesses about years it does not know.
    #[error(
        "the {calendar} calendar only knows the years {first_year} to {last_year}; {date} is outside them"
    )]
    OutOfRange {
        /// The calendar's language name, e.g. `england_and_wales`.
        calendar: String,
        /// The first date that fell outside the known years.
        date: NaiveDate,
        /// First year the calendar knows.
        first_year: i32,
        /// Last year the calendar knows.
        last_year: i32,
    },
}
