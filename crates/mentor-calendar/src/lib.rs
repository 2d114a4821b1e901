//! Holiday calendars and date arithmetic for mentor deadlines: the embedded
//! public-holiday data, working-day arithmetic over it, and calendar-month
//! arithmetic (see [`months`]). The crate does no I/O.
//!
//! ```
//! use chrono::NaiveDate;
//! let cal = mentor_calendar::builtin("england_and_wales").unwrap();
//! let friday = NaiveDate::from_ymd_opt(2026, 12, 18).unwrap();
//! // 25 and 28 December 2026 are bank holidays.
//! assert_eq!(
//!     cal.add_working_days(friday, 5).unwrap(),
//!     NaiveDate::from_ymd_opt(2026, 12, 29).unwrap()
//! );
//! ```

mod calendar;
pub mod closures;
mod data;
mod error;
pub mod months;
pub mod years;

pub use calendar::Calendar;
pub use error::CalendarError;

/// The built-in calendar with this language name (`england_and_wales`, `scotland`,
/// `northern_ireland` or `united_states_federal`), or `None` for any other name.
pub fn builtin(name: &str) -> Option<&'static Calendar> {
    data::builtins().iter().find(|cal| cal.name() == name)
}

/// The language names of all built-in calendars, in a fixed order.
pub fn builtin_names() -> &'static [&'static str] {
    data::BUILTIN_NAMES
}
