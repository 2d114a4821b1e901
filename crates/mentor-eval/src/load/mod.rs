//! Loading case files: a participant's timeline, as JSON or as a pair of CSV files, checked
//! against a policy's model and turned into a [`Case`].
//!
//! Both formats go through the same steps: the front end (`json` or `table`) reads the
//! file's shape and reports what is missing or malformed there; `resolve` then looks every
//! name up in the model (roles, facts, events, fields, participant ids), converts values to
//! their declared types (`value`) and checks who may do and receive each event. Every
//! problem of a case is reported, not only the first, sorted by position; a case is returned
//! only when there are none.
//!
//! # Values as written in a case
//!
//! | type       | JSON                                   | CSV cell                               |
//! |------------|----------------------------------------|----------------------------------------|
//! | `bool`     | `true` or `false`                      | `true`, `false`, `yes`, `no` (any case) |
//! | `int`      | a whole number: `90`, `-1` (not `2.5`, not `"2"`) | `90`                        |
//! | `count`    | a whole number of 0 or more: `90` (not `-1`) | `90`                             |
//! | `text`     | a string                               | the cell                               |
//! | `date`     | `"2026-12-18"`                         | `2026-12-18`                           |
//! | `datetime` | `"2026-12-21T09:30"` or `"...T09:30:00"`, optionally with `.fff` and an offset (`Z`, `+01:00`, `+0100`); the offset is dropped and the wall-clock time kept as written | the same |
//! | `duration` | `"6 months"`: a whole number and `day(s)`, `week(s)`, `month(s)` or `year(s)` | the same |
//! | a choice   | one of the set's names, exactly        | the same                               |
//!
//! An event's `at` is a date or a date and time, as above. In JSON, `null` stands for "not
//! given" wherever something may be left out (`to`, `facts`, `data`, a fact, a field); an
//! empty CSV cell means the same. CSV cells are trimmed of surrounding spaces; a CSV file may
//! start with a byte-order mark. An event's date must lie within the years of every calendar
//! the policy declares (working days cannot be counted outside them).

pub mod caseload;
mod encoding;
mod json;
mod quick;
mod resolve;
mod table;
mod value;

use crate::case::Case;
pub use encoding::decode;
use mentor_check::model::Model;
use mentor_check::types::{Ty, Value};
use mentor_diagnostics::Diagnostic;
use mentor_diagnostics::catalog::case;
use mentor_syntax::limits::size_in_words;
pub use quick::load_json_quick;

/// Which of the two CSV files a problem is in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum CsvFile {
    Events,
    Participants,
}

/// The largest case file, in bytes (16 MiB; each of the two files of a CSV pair): far more
/// than years of events. Front ends refuse larger files before reading them.
pub const MAX_CASE_BYTES: usize = 16 * 1024 * 1024;

/// The diagnostic for a case file over [`MAX_CASE_BYTES`].
fn too_large(text: &str) -> Option<Diagnostic> {
    (text.len() > MAX_CASE_BYTES)
        .then(|| case::case_too_large(&size_in_words(text.len()), &size_in_words(MAX_CASE_BYTES)))
}

/// Loads a case written as JSON. `default_id` names the case when the file has no `case`
/// (usually the file name without its extension).
///
/// Errors are every problem found in the file, in order of position.
pub fn load_json(model: &Model, text: &str, default_id: &str) -> Result<Case, Vec<Diagnostic>> {
    if let Some(d) = too_large(text) {
        return Err(vec![d]);
    }
    let (raw, diags) = json::read(text, default_id);
    let tagged = diags.into_iter().map(|d| (CsvFile::Events, d)).collect();
    resolve::resolve(model, raw, tagged)
        .map(|(case, _)| case)
        .map_err(|all| all.into_iter().map(|(_, d)| d).collect())
}

/// Loads a case written as two CSV files: the events (`at,event,by,to`, then one column per
/// data field) and the participants (`id,role`, then one column per fact).
///
/// Errors are every problem found, each with the file it is in: the participants file's
/// first, then the events file's, each in order of position.
pub fn load_csv(
    model: &Model,
    events_csv: &str,
    participants_csv: &str,
    case_id: &str,
) -> Result<Case, Vec<(CsvFile, Diagnostic)>> {
    load_csv_noted(model, events_csv, participants_csv, case_id).map(|(case, _)| case)
}

/// A case and the notes about how it was read (columns left out), each with its file.
pub type NotedCase = (Case, Vec<(CsvFile, Diagnostic)>);

/// Like [`load_csv`], with the notes about the files (warnings such as a column left out,
/// M0520) beside the case. On failure the notes are among the problems.
pub fn load_csv_noted(
    model: &Model,
    events_csv: &str,
    participants_csv: &str,
    case_id: &str,
) -> Result<NotedCase, Vec<(CsvFile, Diagnostic)>> {
    let mut diags = Vec::new();
    for (file, text) in [
        (CsvFile::Participants, participants_csv),
        (CsvFile::Events, events_csv),
    ] {
        diags.extend(too_large(text).map(|d| (file, d)));
    }
    if !diags.is_empty() {
        return Err(diags);
    }
    let participants = table::read_participants(model, participants_csv, &mut diags);
    let events = table::read_events(model, events_csv, &mut diags);
    let raw = resolve::Raw {
        id: case_id.to_string(),
        participants,
        events,
        csv: true,
    };
    resolve::resolve(model, raw, diags)
}

/// A part of an added event as written, and where it is in the text that gave it (such as
/// the command line's `--with`), for messages.
pub type Written = (String, mentor_diagnostics::Span);

/// An event to add to a loaded case: what if it had happened?
#[derive(Debug, Clone, PartialEq)]
pub struct AddedEvent {
    pub at: Written,
    pub event: Written,
    pub by: Written,
    pub to: Option<Written>,
    /// Data fields: name and value.
    pub data: Vec<(Written, Written)>,
    /// The whole of it.
    pub span: mentor_diagnostics::Span,
}

/// The case with one more event, checked as an event of a case file is (names, who may do
/// it, values, the calendar's years); or its problems, with spans into the text it came
/// from. On its day it comes after the case's own events.
pub fn add_event(model: &Model, case: &Case, added: &AddedEvent) -> Result<Case, Vec<Diagnostic>> {
    let text = |w: &Written| resolve::Text {
        text: w.0.clone(),
        span: w.1,
    };
    let raw = resolve::RawEvent {
        at: Some(text(&added.at)),
        event: Some(text(&added.event)),
        by: Some(text(&added.by)),
        to: added.to.as_ref().map(text),
        data: added
            .data
            .iter()
            .map(|(name, value)| resolve::Item {
                name: text(name),
                value: value::Given::Cell(value.0.trim().to_string()),
                span: value.1,
            })
            .collect(),
        span: added.span,
        file: CsvFile::Events,
        order: 0,
    };
    resolve::add_event(model, case, raw)
}

/// Parses a value of a fact or field type from text as written in a case (a CSV cell, or the
/// inside of a JSON string): see the table in the [module documentation](self).
///
/// The error says what was expected, for a message: `"a date (YYYY-MM-DD)"`.
pub fn parse_value(model: &Model, ty: Ty, text: &str) -> Result<Value, String> {
    value::convert(model, ty, &value::Given::Cell(text.trim().to_string()))
        .map_err(|bad| bad.expected().words())
}
