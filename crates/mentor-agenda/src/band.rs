//! Bands (overdue, due today, the next 7 days, later, no deadline) and the warning given
//! once half, then three quarters, of a duty's window has passed.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

/// Where a duty falls on the agenda, in the order the agenda lists them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Band {
    /// The due date has passed.
    Overdue,
    /// Due today.
    Today,
    /// Due in the next 7 days (tomorrow to a week from today).
    Week,
    /// Due later than that.
    Later,
    /// The rule sets no deadline.
    NoDeadline,
}

impl Band {
    /// Every band, in the order the agenda lists them.
    pub const ALL: [Band; 5] = [
        Band::Overdue,
        Band::Today,
        Band::Week,
        Band::Later,
        Band::NoDeadline,
    ];

    /// The band of a duty due on `due`, read on `as_of`.
    pub fn of(due: Option<NaiveDate>, as_of: NaiveDate) -> Band {
        let Some(due) = due else {
            return Band::NoDeadline;
        };
        match (due - as_of).num_days() {
            d if d < 0 => Band::Overdue,
            0 => Band::Today,
            1..=7 => Band::Week,
            _ => Band::Later,
        }
    }

    /// The name used on the command line and in JSON and CSV: `overdue`, `today`, `week`,
    /// `later`, `no_deadline`.
    pub fn as_str(self) -> &'static str {
        match self {
            Band::Overdue => "overdue",
            Band::Today => "today",
            Band::Week => "week",
            Band::Later => "later",
            Band::NoDeadline => "no_deadline",
        }
    }

    /// The band's heading for a person.
    pub fn title(self) -> &'static str {
        match self {
            Band::Overdue => "Overdue",
            Band::Today => "Due today",
            Band::Week => "Due in the next 7 days",
            Band::Later => "Due later",
            Band::NoDeadline => "No deadline",
        }
    }

    /// Reads a band's name as written on the command line.
    pub fn parse(text: &str) -> Option<Band> {
        let text = text.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        Band::ALL
            .into_iter()
            .find(|b| b.as_str() == text)
            .or(match text.as_str() {
                "due_today" => Some(Band::Today),
                "next_7_days" | "this_week" => Some(Band::Week),
                "none" => Some(Band::NoDeadline),
                _ => None,
            })
    }
}

/// How much of a duty's window (from the day it started to its due date) has passed, for
/// duties not yet due today or overdue: SLA tools warn at half and at three quarters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Warning {
    /// Half of the window or more has passed.
    #[serde(rename = "50%")]
    Half,
    /// Three quarters of the window or more has passed.
    #[serde(rename = "75%")]
    ThreeQuarters,
}

impl Warning {
    /// The warning for a window from `since` to `due`, read on `as_of`; `None` before half
    /// of it has passed, and for duties due today, overdue or without a due date (their
    /// band says more than a warning would).
    pub fn of(since: NaiveDate, due: Option<NaiveDate>, as_of: NaiveDate) -> Option<Warning> {
        let due = due?;
        if !matches!(Band::of(Some(due), as_of), Band::Week | Band::Later) {
            return None;
        }
        let length = (due - since).num_days();
        let passed = (as_of - since).num_days();
        if length <= 0 || passed <= 0 {
            return None;
        }
        // Whole days, compared without rounding: passed / length >= 3/4, or >= 1/2.
        if passed * 4 >= length * 3 {
            Some(Warning::ThreeQuarters)
        } else if passed * 2 >= length {
            Some(Warning::Half)
        } else {
            None
        }
    }

    /// `50%` or `75%`.
    pub fn as_str(self) -> &'static str {
        match self {
            Warning::Half => "50%",
            Warning::ThreeQuarters => "75%",
        }
    }

    /// The warning for a person.
    pub fn describe(self) -> &'static str {
        match self {
            Warning::Half => "half of its time has passed",
            Warning::ThreeQuarters => "three quarters of its time has passed",
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used)]
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2027, 1, d).unwrap()
    }

    #[test]
    fn each_band_by_its_due_date() {
        let as_of = day(10);
        assert_eq!(Band::of(Some(day(9)), as_of), Band::Overdue);
        assert_eq!(Band::of(Some(day(10)), as_of), Band::Today);
        assert_eq!(Band::of(Some(day(11)), as_of), Band::Week);
        assert_eq!(Band::of(Some(day(17)), as_of), Band::Week);
        assert_eq!(Band::of(Some(day(18)), as_of), Band::Later);
        assert_eq!(Band::of(None, as_of), Band::NoDeadline);
    }

    #[test]
    fn warnings_at_half_and_three_quarters_of_the_window() {
        // A window of 20 days from the 1st: due on the 21st.
        let w = |as_of| Warning::of(day(1), Some(day(21)), day(as_of));
        assert_eq!(w(10), None);
        assert_eq!(w(11), Some(Warning::Half));
        assert_eq!(w(15), Some(Warning::Half));
        assert_eq!(w(16), Some(Warning::ThreeQuarters));
        assert_eq!(w(20), Some(Warning::ThreeQuarters));
        assert_eq!(w(21), None, "due today: the band says it");
        assert_eq!(w(22), None, "overdue: the band says it");
        assert_eq!(Warning::of(day(1), None, day(20)), None);
    }

    #[test]
    fn band_names_read_back() {
        for band in Band::ALL {
            assert_eq!(Band::parse(band.as_str()), Some(band));
        }
        assert_eq!(Band::parse("No-Deadline"), Some(Band::NoDeadline));
        assert_eq!(Band::parse("soon"), None);
    }
}
