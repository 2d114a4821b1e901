//! Owns calendar arithmetic on dates that ignores holidays: adding days,
//! weeks, months and years.
//!
//! Semantics:
//!
//! - [`add_days`] and [`add_weeks`] count calendar days (a week is 7 days);
//!   weekends and holidays are not skipped.
//! - [`add_months`] moves to the same day of the month `n` months later. When
//!   that month is too short the result is clamped to its last day: 31 January
//!   plus one month is 28 February (29 February in a leap year), 31 March plus
//!   one month is 30 April.
//! - [`add_years`] is [`add_months`] with 12 months a year, so 29 February
//!   2028 plus one year is 28 February 2029, and plus four years is
//!   29 February 2032.
//! - Clamping is not remembered: adding one month twice to 31 January gives
//!   28 March, while adding two months at once gives 31 March. Always add the
//!   whole interval to the original date.
//! - The `sub_*` functions go backwards with the same rules (31 March minus
//!   one month is 28 or 29 February).
//! - Every function returns `None` only when the result is beyond the dates
//!   `chrono` can represent.

use chrono::{Days, Months, NaiveDate};

/// `d` plus `n` calendar days.
pub fn add_days(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_add_days(Days::new(u64::from(n)))
}

/// `d` minus `n` calendar days.
pub fn sub_days(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_sub_days(Days::new(u64::from(n)))
}

/// `d` plus `n` weeks of 7 calendar days.
pub fn add_weeks(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_add_days(Days::new(u64::from(n).checked_mul(7)?))
}

/// `d` minus `n` weeks of 7 calendar days.
pub fn sub_weeks(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_sub_days(Days::new(u64::from(n).checked_mul(7)?))
}

/// `d` plus `n` calendar months, clamped to the end of a shorter month.
pub fn add_months(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_add_months(Months::new(n))
}

/// `d` minus `n` calendar months, clamped to the end of a shorter month.
pub fn sub_months(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    d.checked_sub_months(Months::new(n))
}

/// `d` plus `n` years (12 months each), clamped to the end of a shorter
/// month (29 February becomes 28 February outside leap years).
pub fn add_years(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    add_months(d, n.checked_mul(12)?)
}

/// `d` minus `n` years (12 months each), clamped like [`add_years`].
pub fn sub_years(d: NaiveDate, n: u32) -> Option<NaiveDate> {
    sub_months(d, n.checked_mul(12)?)
}
