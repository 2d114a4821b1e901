//! Owns the embedded holiday data: the JSON files in `data/`, their serde
//! shape, and the one-time parse into the built-in calendars.

use std::sync::OnceLock;

use chrono::NaiveDate;
use serde::Deserialize;

use crate::calendar::Calendar;

/// The embedded JSON sources, in the order of [`BUILTIN_NAMES`].
const SOURCES: [&str; 4] = [
    include_str!("../data/england-and-wales.json"),
    include_str!("../data/scotland.json"),
    include_str!("../data/northern-ireland.json"),
    include_str!("../data/united-states-federal.json"),
];

/// Language names of the built-in calendars.
pub(crate) const BUILTIN_NAMES: &[&str] = &[
    "england_and_wales",
    "scotland",
    "northern_ireland",
    "united_states_federal",
];

/// One holiday file as stored on disk.
#[derive(Debug, Deserialize)]
pub(crate) struct RawCalendar {
    /// Hyphenated data name, e.g. `england-and-wales`.
    pub calendar: String,
    pub title: String,
    pub first_year: i32,
    pub last_year: i32,
    pub source: String,
    pub days: Vec<RawDay>,
}

/// One day off in a holiday file.
#[derive(Debug, Deserialize)]
pub(crate) struct RawDay {
    pub date: NaiveDate,
    pub name: String,
}

/// Converts a data name (`england-and-wales`) to its language name
/// (`england_and_wales`).
pub(crate) fn language_name(data_name: &str) -> String {
    data_name.replace('-', "_")
}

/// The built-in calendars, parsed on first use. A file that fails to parse
/// (the embedded data is trusted, so this does not happen) is left out rather
/// than causing a panic.
pub(crate) fn builtins() -> &'static [Calendar] {
    static BUILTINS: OnceLock<Vec<Calendar>> = OnceLock::new();
    BUILTINS.get_or_init(|| {
        SOURCES
            .iter()
            .filter_map(|text| serde_json::from_str::<RawCalendar>(text).ok())
            .filter_map(Calendar::from_raw)
            .collect()
    })
}
