//! The agenda for people and for tools: text, JSON, CSV and iCalendar, each a pure function
//! from an [`Agenda`](crate::Agenda) to a string. The comparison of two policies is rendered
//! by [`changes`].

pub mod changes;
pub mod csv;
pub mod ics;
pub mod json;
pub mod text;

use chrono::NaiveDate;

/// `today`, `in 3 days`, `2 days late`, or empty without a due date.
pub fn when(due: Option<NaiveDate>, as_of: NaiveDate) -> String {
    let Some(due) = due else {
        return String::new();
    };
    match (due - as_of).num_days() {
        0 => "today".to_string(),
        1 => "tomorrow".to_string(),
        d if d > 1 => format!("in {d} days"),
        -1 => "1 day late".to_string(),
        d => format!("{} days late", -d),
    }
}

/// "1 duty", "2 duties".
pub(crate) fn count(n: usize, one: &str, many: &str) -> String {
    if n == 1 {
        format!("1 {one}")
    } else {
        format!("{n} {many}")
    }
}
