//! The hand-written Rust functions: what a programmer would write for this one programme.

use crate::data::{Mentee, Request};
use chrono::{Datelike, NaiveDate, Weekday};
use std::collections::HashSet;

/// Eligible as a SuppoRTT mentee: a doctor or dentist, a postgraduate trainee, out of
/// training and returning to it. `None`: cannot tell (a fact it needs is not recorded).
pub fn eligible(m: &Mentee) -> Option<bool> {
    let facts = [
        m.profession.map(|p| p <= 1),
        m.postgraduate_trainee,
        m.out_of_training,
        m.returning_to_training,
    ];
    if facts.contains(&Some(false)) {
        Some(false)
    } else if facts.contains(&None) {
        None
    } else {
        Some(true)
    }
}

/// Bank holidays in England and Wales.
pub struct Holidays(HashSet<NaiveDate>);

impl Holidays {
    pub fn new(days: impl IntoIterator<Item = NaiveDate>) -> Self {
        Holidays(days.into_iter().collect())
    }
}

/// The last day to respond: 5 working days after the request (weekends and bank holidays
/// in England and Wales do not count).
pub fn due(r: &Request, holidays: &Holidays) -> NaiveDate {
    let mut day = r.requested;
    let mut left = 5;
    while left > 0 {
        day = day.succ_opt().unwrap_or(day);
        if !matches!(day.weekday(), Weekday::Sat | Weekday::Sun) && !holidays.0.contains(&day) {
            left -= 1;
        }
    }
    day
}
