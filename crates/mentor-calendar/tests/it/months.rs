//! Calendar-month arithmetic: month ends and leap days.

use chrono::NaiveDate;
use mentor_calendar::months::{
    add_days, add_months, add_weeks, add_years, sub_days, sub_months, sub_weeks, sub_years,
};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

#[test]
fn months_clamp_to_the_month_end() {
    assert_eq!(add_months(d(2026, 1, 31), 1), Some(d(2026, 2, 28)));
    assert_eq!(add_months(d(2028, 1, 31), 1), Some(d(2028, 2, 29)));
    assert_eq!(add_months(d(2026, 3, 31), 1), Some(d(2026, 4, 30)));
    assert_eq!(add_months(d(2026, 1, 31), 2), Some(d(2026, 3, 31)));
    // Clamping is not remembered between steps.
    let once = add_months(d(2026, 1, 31), 1).unwrap();
    assert_eq!(add_months(once, 1), Some(d(2026, 3, 28)));
    assert_eq!(add_months(d(2026, 1, 15), 1), Some(d(2026, 2, 15)));
    assert_eq!(add_months(d(2026, 12, 15), 1), Some(d(2027, 1, 15)));
    assert_eq!(add_months(d(2026, 11, 30), 14), Some(d(2028, 1, 30)));
    assert_eq!(add_months(d(2026, 5, 17), 0), Some(d(2026, 5, 17)));
    assert_eq!(sub_months(d(2026, 3, 31), 1), Some(d(2026, 2, 28)));
    assert_eq!(sub_months(d(2028, 3, 31), 1), Some(d(2028, 2, 29)));
    assert_eq!(sub_months(d(2027, 1, 10), 2), Some(d(2026, 11, 10)));
}

#[test]
fn years_and_leap_days() {
    assert_eq!(add_years(d(2028, 2, 29), 1), Some(d(2029, 2, 28)));
    assert_eq!(add_years(d(2028, 2, 29), 4), Some(d(2032, 2, 29)));
    assert_eq!(add_years(d(2096, 2, 29), 4), Some(d(2100, 2, 28))); // 2100 is not leap
    assert_eq!(add_years(d(2026, 7, 1), 2), Some(d(2028, 7, 1)));
    assert_eq!(sub_years(d(2028, 2, 29), 1), Some(d(2027, 2, 28)));
    assert_eq!(add_days(d(2028, 2, 28), 1), Some(d(2028, 2, 29)));
    assert_eq!(add_days(d(2027, 2, 28), 1), Some(d(2027, 3, 1)));
}

#[test]
fn days_and_weeks() {
    assert_eq!(add_days(d(2026, 12, 30), 3), Some(d(2027, 1, 2)));
    assert_eq!(sub_days(d(2027, 1, 2), 3), Some(d(2026, 12, 30)));
    assert_eq!(add_weeks(d(2026, 12, 18), 2), Some(d(2027, 1, 1)));
    assert_eq!(sub_weeks(d(2027, 1, 1), 2), Some(d(2026, 12, 18)));
    assert_eq!(add_days(d(2026, 1, 1), 0), Some(d(2026, 1, 1)));
}

#[test]
fn overflow_is_none_not_a_panic() {
    assert_eq!(add_days(NaiveDate::MAX, 1), None);
    assert_eq!(add_months(NaiveDate::MAX, 1), None);
    assert_eq!(add_years(d(2026, 1, 1), u32::MAX), None);
    assert_eq!(add_weeks(d(2026, 1, 1), u32::MAX), None);
    assert_eq!(sub_months(NaiveDate::MIN, 1), None);
}
