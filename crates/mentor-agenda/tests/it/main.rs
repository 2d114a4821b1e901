//! The agenda's behaviour: bands and warnings, each output format read back by a real
//! reader (an iCalendar parser, a CSV reader, a JSON parser), and the what-if comparison.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod bands;
mod compare;
mod formats;
mod support;
