//! M03xx: a policy that reads but does not make sense: types, units, calendars, who may do
//! what, ranges and dates.
//!
//! Kinds of value are passed in as the checker words them ("a number", "a date", "one of
//! the choices of `profession`").

use super::policy_tests::FileProblem;
use super::{roles_or, ticked};
use crate::{Code, Diagnostic, Span, Suggestion};

// ---- M0301 values of different types compared

/// `time since FACT` compared with something that is not a duration.
pub fn since_needs_duration(span: Span, since: Span) -> Diagnostic {
    Diagnostic::new(
        Code::TypeMismatch,
        span,
        "a time since a date compares with a duration",
    )
    .label("not a duration")
    .secondary(since, "a duration")
    .help("write a duration with its unit, such as `36 months`")
}

/// `<` or `>` between choices (`op` as written).
pub fn choices_have_no_order(span: Span, op: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TypeMismatch,
        span,
        format!("choices have no order, so `{op}` cannot compare them"),
    )
    .help("use `==`, `!=`, or `in {a, b}`")
}

/// The kinds of two values compared, for the help line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Compared {
    /// A number and a duration, either way round.
    NumberAndDuration,
    /// A date and a duration, either way round.
    DateAndDuration,
    /// A number on the left, text on the right.
    NumberWithText,
    /// Text on the left, a number on the right.
    TextWithNumber,
    /// Anything else.
    Other,
}

/// Two values of different kinds compared (`left` and `right` as the checker words them).
pub fn cannot_compare(
    left_span: Span,
    left: &str,
    right_span: Span,
    right: &str,
    kinds: Compared,
) -> Diagnostic {
    let help = match kinds {
        Compared::NumberAndDuration => {
            "a number compares with a plain number: drop the unit, or use a duration fact"
        }
        Compared::DateAndDuration => {
            "to measure the time since a date, write `time since` before the fact, such as `time since recovery_since >= 36 months`"
        }
        Compared::NumberWithText => "write numbers without quotes, such as `90`",
        Compared::TextWithNumber => "put text in double quotes",
        Compared::Other => "compare values of the same kind",
    };
    Diagnostic::new(
        Code::TypeMismatch,
        right_span,
        format!("cannot compare {left} with {right}"),
    )
    .label(format!("this is {right}"))
    .secondary(left_span, format!("this is {left}"))
    .help(help)
}

/// `<` or `>` on a kind of value without an order (`what`: "yes or no", "text").
pub fn no_order(span: Span, what: &str, op: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TypeMismatch,
        span,
        format!("{what} has no order, so `{op}` cannot compare it"),
    )
    .help("use `==` or `!=`")
}

/// Two facts of different sets of choices compared.
pub fn different_choices_compared(left_span: Span, right_span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::TypeMismatch,
        right_span,
        "these facts have different choices, so they cannot be compared",
    )
    .secondary(left_span, "this one")
    .help("declare both facts with the same `type`")
}

/// `x in {a, b}` where `x` is not a fact of choices.
pub fn not_in_choices(span: Span, operand: &str, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TypeMismatch,
        span,
        format!("`{operand}` is {what}, so it cannot be `in` a set of choices"),
    )
    .help(
        "`in {a, b}` works on facts declared with choices, such as `profession: doctor | dentist`",
    )
}

/// Two facts of different sets of choices said to be similar.
pub fn different_choices_similar(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::TypeMismatch,
        span,
        "these facts have different choices, so they cannot be similar",
    )
    .help("declare both facts with the same `type`")
}

/// `similar to` on something other than choices.
pub fn only_choices_similar(span: Span, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::TypeMismatch,
        span,
        format!("only choices can be similar; this is {what}"),
    )
    .help("`similar to` compares facts declared with choices, such as `profession`")
}

/// A disclosure's listing field that is not text (`what`: its kind, when known).
pub fn listing_not_text(span: Span, event: &str, field: &str, what: Option<&str>) -> Diagnostic {
    let it_is = what.map_or_else(String::new, |w| format!(", it is {w}"));
    Diagnostic::new(
        Code::TypeMismatch,
        span,
        format!("`{event}.{field}` is not text{it_is}"),
    )
    .help("the listing field holds the names of the facts shared, as text such as \"first_name,phone\"")
}

// ---- M0302 durations of different units mixed

/// Where two figures of different kinds of unit meet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnitsMixed {
    /// Compared in a condition.
    Compared,
    /// A figure and one of its later values.
    Change,
    /// A phase's shortest and longest lengths.
    PhaseLengths,
}

/// Two figures of different kinds of unit, each described as the checker words its kind
/// ("months", "days"), or `None` for a plain number.
pub fn units_mixed(
    a_span: Span,
    a: Option<&str>,
    b_span: Span,
    b: Option<&str>,
    place: UnitsMixed,
) -> Diagnostic {
    let message = match place {
        UnitsMixed::Compared => "durations of different kinds are compared",
        UnitsMixed::Change => "a figure changes to a value of another kind",
        UnitsMixed::PhaseLengths => {
            "a phase's shortest and longest lengths use different kinds of unit"
        }
    };
    let describe = |kind: Option<&str>| kind.unwrap_or("a plain number").to_string();
    Diagnostic::new(Code::UnitMismatch, b_span, message)
        .label(format!("this is {}", describe(b)))
        .secondary(a_span, format!("this is {}", describe(a)))
        .help("months and days have no fixed ratio; use the same kind of unit on both sides")
}

// ---- M0303 working days without a calendar

/// Working days in a policy that declares no calendar.
pub fn no_calendar(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::NoCalendar,
        span,
        "working days need a calendar of holidays",
    )
    .label("which days are working days?")
    .help("declare one at the top of the policy, such as `calendar england_and_wales` or `calendar united_states_federal`")
}

/// Working days without `in NAME` in a policy that declares several calendars.
pub fn which_calendar(span: Span, calendars: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::NoCalendar,
        span,
        "this policy declares several calendars; say which one counts here",
    )
    .label("which calendar?")
    .help(format!(
        "write `working days in NAME`, where NAME is one of {}",
        ticked(calendars.iter().copied())
    ))
}

// ---- M0304 not a yes-or-no condition

/// A value used as a condition that is not yes or no.
pub fn not_yes_or_no(span: Span, operand: &str, what: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NotACondition,
        span,
        format!("`{operand}` is {what}, not yes or no"),
    )
    .label("not a condition")
    .help("compare it with something, such as `course_sessions_attended >= 2`")
}

/// `time since FACT` used as a condition on its own.
pub fn since_is_not_a_condition(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::NotACondition,
        span,
        "a time since a date is a duration, not yes or no",
    )
    .help("compare it, such as `time since recovery_since >= 36 months`")
}

/// `ROLE is eligible` inside an eligibility item.
pub fn eligible_in_eligibility(span: Span, role: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NotACondition,
        span,
        format!("`{role} is eligible` cannot be part of an eligibility item"),
    )
    .label("not here")
    .help("use it about an event, such as `each match_made must have mentor is eligible`; in an eligibility item, write the criteria themselves")
}

/// `ROLE is eligible` for a role without an eligibility item.
pub fn no_eligibility_item(span: Span, role: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NotACondition,
        span,
        format!("the role `{role}` has no eligibility item, so it cannot be eligible or not"),
    )
    .label("no criteria to meet")
    .help(format!(
        "add `eligibility ... {role} is eligible when ...`, or remove this condition"
    ))
}

// ---- M0305 role may not do this event

/// A ladder step whose role may not make the ladder's attempts. `by` are the roles that may.
pub fn step_cannot_attempt(
    span: Span,
    role: &str,
    attempt_span: Span,
    attempt: &str,
    by: &[&str],
) -> Diagnostic {
    Diagnostic::new(
        Code::ActorNotAllowed,
        span,
        format!("`{role}` may not make the attempts of this ladder"),
    )
    .label(format!("`{attempt}` is done by {}", roles_or(by)))
    .secondary(attempt_span, "the ladder's attempts")
    .help(format!(
        "name a role that does `{attempt}` in this step, or add `{role}` to the event's `by` list"
    ))
}

/// A role made to do an event it may not do. `declared` is the event's declaration, `by`
/// the roles that may do it.
pub fn actor_not_allowed(
    role_span: Span,
    role: &str,
    span: Span,
    action: &str,
    declared: Span,
    by: &[&str],
) -> Diagnostic {
    Diagnostic::new(
        Code::ActorNotAllowed,
        span,
        format!("`{role}` may not do `{action}`"),
    )
    .label(format!("done by {}", roles_or(by)))
    .secondary(declared, "the event says who may do it")
    .secondary(role_span, "this role")
    .help(format!(
        "name a role that does `{action}`, or add `{role}` to its `by` list"
    ))
}

/// A limit on a role that never does or receives the event it counts.
pub fn never_takes_part(span: Span, role: &str, event: &str) -> Diagnostic {
    Diagnostic::new(
        Code::ActorNotAllowed,
        span,
        format!("`{role}` never takes part in `{event}`"),
    )
    .help(format!(
        "a limit counts the `{event}` events that a participant does or receives; name a role in its `by` or `to` list"
    ))
}

// ---- M0306 a number was expected

/// `plus EVENT` without a field.
pub fn raise_needs_field(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::NotANumber,
        span,
        "`plus` needs an event's number field, such as `extension_approved.sessions`",
    )
    .help("write `plus EVENT.FIELD`")
}

/// `plus EVENT.FIELD` with a field that is not a number.
pub fn raise_not_a_number(span: Span, event: &str, field: &str) -> Diagnostic {
    Diagnostic::new(
        Code::NotANumber,
        span,
        format!("`{event}.{field}` is not a number"),
    )
    .help("a limit is raised by a number field (`int`) of an event")
}

// ---- M0307 a duration needs a unit

/// A phase's lengths without a unit.
pub fn phase_needs_unit(span: Span, min: u32, max: u32) -> Diagnostic {
    Diagnostic::new(Code::MissingUnit, span, "a phase's length needs a unit")
        .label("days? weeks? months?")
        .help(format!(
            "write `{min} to {max} months` (or weeks, days, years)"
        ))
}

/// A duration written as a plain number.
pub fn needs_unit(span: Span, value: u32) -> Diagnostic {
    Diagnostic::new(Code::MissingUnit, span, format!("`{value}` needs a unit"))
        .label("days? weeks? months?")
        .help(format!(
            "write `{value} days`, `{value} weeks`, `{value} months`, `{value} years` or `{value} working days`"
        ))
}

// ---- M0308 range or dates out of order

/// A closure day outside the years its calendar knows.
pub fn closure_outside_calendar(
    span: Span,
    date: &str,
    calendar: &str,
    first_year: i32,
    last_year: i32,
) -> Diagnostic {
    Diagnostic::new(
        Code::BadRange,
        span,
        format!("{date} is outside the years the calendar knows"),
    )
    .label("outside the calendar")
    .help(format!(
        "`{calendar}` knows the years {first_year} to {last_year}; remove this day or give one inside them"
    ))
}

/// `day N` past any month's end.
pub fn no_day_of_month(span: Span, day: u32) -> Diagnostic {
    Diagnostic::new(Code::BadRange, span, format!("a month has no day {day}"))
        .help("write a day from 1 to 31 (it counts as the month's last day in shorter months), or `end of month`")
}

/// `of the first 0`.
pub fn first_zero(span: Span) -> Diagnostic {
    Diagnostic::new(Code::BadRange, span, "`of the first 0` judges nothing")
        .help("write how many of the first occurrences are judged, 1 or more")
}

/// `between 5 and 2`.
pub fn range_upside_down(span: Span, low: u32, high: u32) -> Diagnostic {
    Diagnostic::new(
        Code::BadRange,
        span,
        format!("the range {low} to {high} is upside down"),
    )
    .help("write the smaller number first")
}

/// A ladder step of no attempts.
pub fn step_without_attempts(span: Span) -> Diagnostic {
    Diagnostic::new(Code::BadRange, span, "a step needs at least one attempt")
        .help("write `1 attempt` or more, or remove the step")
}

/// A phase whose shortest length is longer than its longest.
pub fn phase_lengths_reversed(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::BadRange,
        span,
        "the shortest length is longer than the longest",
    )
    .help("write the shorter length first: `should last 3 to 6 months`")
}

/// A figure's change dated on or before the one before it.
pub fn change_out_of_order(span: Span, date: &str, previous: &str) -> Diagnostic {
    Diagnostic::new(
        Code::BadRange,
        span,
        format!("{date} is not after the previous change ({previous})"),
    )
    .help("list the changes of a figure in date order")
}

// ---- M0309 a date was expected

/// What a date was wanted for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DateWanted {
    /// `time since FACT`.
    TimeSince,
    /// A deadline counted from a fact.
    DeadlineFrom,
}

/// A fact or value that is not a date where one is needed (`what`: what it is).
pub fn not_a_date(span: Span, name: &str, what: &str, wanted: DateWanted) -> Diagnostic {
    let d = Diagnostic::new(
        Code::NotADate,
        span,
        format!("`{name}` is {what}, not a date"),
    );
    match wanted {
        DateWanted::TimeSince => d
            .label("time since needs a date fact")
            .help("`time since` counts from a date fact of the participant, such as `time since recovery_since`"),
        DateWanted::DeadlineFrom => d.help(
            "a deadline counts from an event, the later or earlier of two events, a date, or a date fact",
        ),
    }
}

// ---- M0310 event may not go to this role

/// An event sent to a role it never goes to. `declared` is the event's declaration, `to`
/// the roles it goes to.
pub fn recipient_not_allowed(
    span: Span,
    recipient: &str,
    action: &str,
    declared: Span,
    to: &[&str],
) -> Diagnostic {
    Diagnostic::new(
        Code::RecipientNotAllowed,
        span,
        format!("`{action}` is never sent to `{recipient}`"),
    )
    .label(format!("`{action}` goes to {}", roles_or(to)))
    .secondary(declared, "the event says to whom it goes")
    .help(format!(
        "name a role `{action}` goes to, or add `{recipient}` to its `to` list"
    ))
}

// ---- M0311 several similarities could apply

/// `similar to` without `by NAME` where several similarities fit.
pub fn ambiguous_similarity(span: Span, similarities: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::AmbiguousSimilarity,
        span,
        "several similarities could apply here",
    )
    .help(format!(
        "say which: `... similar to ... by NAME`, with NAME one of {}",
        ticked(similarities.iter().copied())
    ))
}

// ---- M0312 unit not allowed here

/// A deadline or window in hours or minutes.
pub fn whole_days_only(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::UnitNotAllowed,
        span,
        "deadlines and windows are counted in whole days",
    )
    .help("use days, weeks, months, years or working days")
}

/// A count of events written with a unit (`unit` as written for the value: "days").
pub fn count_with_unit(span: Span, value: u32, unit: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnitNotAllowed,
        span,
        format!("a count of events is a plain number, not `{value} {unit}`"),
    )
    .help(format!("write `{value}`"))
}

// ---- M0313 unknown time zone

/// A time zone that is not in the IANA list. `close` is a zone found for it (the same city
/// in another case), else one is looked for among `zones`.
pub fn unknown_time_zone<'a>(
    span: Span,
    zone: &str,
    close: Option<&str>,
    zones: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let suggestion = match close {
        Some(_) => Suggestion::of(close),
        None => Suggestion::among(zone, zones),
    };
    Diagnostic::new(
        Code::UnknownTimeZone,
        span,
        format!("`{zone}` is not a time zone"),
    )
    .label("unknown time zone")
    .help("write a zone of the IANA list as Region/City, such as \"Europe/London\" or \"America/New_York\"")
    .suggesting(suggestion)
}

// ---- M0314 closure file not read

/// A closure file the front end could not read, or refused (`problem`, worded as for the
/// files a test names).
pub fn closure_file_not_read(span: Span, name: &str, problem: &FileProblem) -> Diagnostic {
    let help = match problem {
        FileProblem::Unreadable { .. } => {
            "write the file's path relative to the policy's folder: `closed \"closures.ics\"`"
        }
        FileProblem::Outside => {
            "keep closure files inside the project (the repository or the folder mentor runs in); see docs/limits.md"
        }
        FileProblem::TooLarge { .. } => {
            "a closure file lists days: keep only the closure days in it; see docs/limits.md"
        }
        FileProblem::NotAFile => "name a file saved in the project",
        FileProblem::NotText => "save the file as UTF-8 text",
    };
    Diagnostic::new(
        Code::ClosureFileNotRead,
        span,
        problem.message("the closure file", name),
    )
    .label("not read")
    .help(help)
}

/// A closure file nobody read: the policy was checked on its own, without its files.
pub fn closure_file_not_given(span: Span, name: &str) -> Diagnostic {
    Diagnostic::new(
        Code::ClosureFileNotRead,
        span,
        format!("the closure file `{name}` was not read here"),
    )
    .label("not read")
    .help("closure files are read by `mentor check`, `next`, `agenda`, `test` and the language server, from the policy's folder")
}

/// A closure file whose name ends neither in `.ics` nor in `.csv`.
pub fn closure_file_of_unknown_kind(span: Span, name: &str) -> Diagnostic {
    Diagnostic::new(
        Code::ClosureFileNotRead,
        span,
        format!(
            "`{name}` is not a closure file mentor can read: name an iCalendar (`.ics`) or CSV (`.csv`) file"
        ),
    )
    .label("not .ics or .csv")
    .help("export the closure days from your calendar program as an `.ics` file, or list them in a `.csv` file with a `date` column")
}

// ---- M0315 mistake in a closure file

/// A mistake inside closure file `name`, at `line` and `column` there (`span` is where the
/// policy names the file).
pub fn closure_file_mistake(
    span: Span,
    name: &str,
    line: u32,
    column: u32,
    what: &str,
) -> Diagnostic {
    Diagnostic::new(
        Code::ClosureFileMistake,
        span,
        format!("{name}, line {line}, column {column}: {what}"),
    )
    .label("in this file")
    .help("correct the closure file; each day must be a date (YYYY-MM-DD in CSV, DTSTART in iCalendar)")
}
