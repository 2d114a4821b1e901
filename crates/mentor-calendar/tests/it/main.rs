//! The calendars' integration tests: the embedded holiday data, calendar-month arithmetic
//! and working days.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod data;
mod months;
mod working_days;
