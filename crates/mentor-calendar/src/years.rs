//! The years mentor works with, 1900 to 2199: a date outside them is refused wherever it is
//! written (a policy, a case, a policy test, `--at`), so that no date can make a monthly
//! duty list every month since the year 1. Holiday calendars cover fewer years still.

use chrono::{Datelike, NaiveDate};

/// The first year mentor works with.
pub const FIRST_YEAR: i32 = 1900;

/// The last year mentor works with.
pub const LAST_YEAR: i32 = 2199;

/// Whether mentor works with this date's year.
pub fn covers(date: NaiveDate) -> bool {
    (FIRST_YEAR..=LAST_YEAR).contains(&date.year())
}

/// Why a date is refused, in words, when its year is outside [`FIRST_YEAR`]..=[`LAST_YEAR`].
pub fn outside(date: NaiveDate) -> Option<String> {
    (!covers(date)).then(|| {
        format!(
            "the year {:04} is outside the years mentor works with ({FIRST_YEAR} to {LAST_YEAR})",
            date.year()
        )
    })
}

/// What to do about a date outside the years.
pub const HELP: &str = "check the date; mentor works with dates from 1900-01-01 to 2199-12-31";

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]

    use chrono::NaiveDate;

    #[test]
    fn the_first_and_last_days_are_covered_and_the_days_around_them_are_not() {
        let day = |y, m, d| NaiveDate::from_ymd_opt(y, m, d).unwrap();
        assert!(super::covers(day(1900, 1, 1)));
        assert!(super::covers(day(2199, 12, 31)));
        assert_eq!(
            super::outside(day(1899, 12, 31)).as_deref(),
            Some("the year 1899 is outside the years mentor works with (1900 to 2199)")
        );
        assert_eq!(
            super::outside(day(1, 1, 1)).as_deref(),
            Some("the year 0001 is outside the years mentor works with (1900 to 2199)")
        );
        assert!(super::outside(day(2200, 1, 1)).is_some());
    }
}
