//! Types and values: what a fact or field may hold, and durations with their units.

use crate::model::{CalendarId, Model, SetId};
use chrono::{NaiveDate, NaiveDateTime};
use mentor_calendar::{CalendarError, months};

/// The type of a fact, a field or a value in a condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Ty {
    Bool,
    Int,
    /// A whole number of 0 or more: how many of something.
    Count,
    Text,
    Date,
    DateTime,
    Duration,
    /// One of a closed set of choices.
    Symbol(SetId),
    /// A type that could not be read (already reported); never compared, never reported again.
    Unknown,
}

impl Ty {
    /// How the type is named to a programme designer.
    pub fn describe(self, model: &Model) -> String {
        match self {
            Ty::Bool => "yes or no (bool)".to_string(),
            Ty::Int => "a number (int)".to_string(),
            Ty::Count => "a count (a whole number, 0 or more)".to_string(),
            Ty::Text => "text".to_string(),
            Ty::Date => "a date".to_string(),
            Ty::DateTime => "a date and time".to_string(),
            Ty::Duration => "a duration".to_string(),
            Ty::Symbol(set) => match model.set(set) {
                Some(s) if s.symbols.len() <= 6 => format!("one of {}", s.symbols.join(" | ")),
                Some(s) => format!(
                    "one of {} | ...",
                    s.symbols
                        .iter()
                        .take(5)
                        .cloned()
                        .collect::<Vec<_>>()
                        .join(" | ")
                ),
                None => "a choice".to_string(),
            },
            Ty::Unknown => "of a type that could not be read".to_string(),
        }
    }

    /// Whether values of the type are whole numbers (`int` or `count`), which compare with
    /// each other and with plain numbers.
    pub fn is_number(self) -> bool {
        matches!(self, Ty::Int | Ty::Count)
    }

    /// The type as written in a policy.
    pub fn written(self, model: &Model) -> String {
        match self {
            Ty::Bool => "bool".to_string(),
            Ty::Int => "int".to_string(),
            Ty::Count => "count".to_string(),
            Ty::Text => "text".to_string(),
            Ty::Date => "date".to_string(),
            Ty::DateTime => "datetime".to_string(),
            Ty::Duration => "duration".to_string(),
            Ty::Symbol(set) => model
                .set(set)
                .map_or_else(String::new, |s| s.symbols.join(" | ")),
            Ty::Unknown => "?".to_string(),
        }
    }
}

/// A value of a fact, a field or a constant.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    Bool(bool),
    Int(i64),
    Text(String),
    Date(NaiveDate),
    DateTime(NaiveDateTime),
    Duration(Quantity),
    /// Index of a symbol in its set.
    Symbol(u32),
}

/// A unit of time. Working days carry the calendar they are counted in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Unit {
    Days,
    Weeks,
    Months,
    Years,
    Hours,
    Minutes,
    WorkingDays(CalendarId),
}

/// Units that can be compared with each other.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitFamily {
    /// days and weeks
    Days,
    /// months and years
    Months,
    /// hours and minutes
    Minutes,
    WorkingDays(CalendarId),
}

impl Unit {
    pub fn family(self) -> UnitFamily {
        match self {
            Unit::Days | Unit::Weeks => UnitFamily::Days,
            Unit::Months | Unit::Years => UnitFamily::Months,
            Unit::Hours | Unit::Minutes => UnitFamily::Minutes,
            Unit::WorkingDays(c) => UnitFamily::WorkingDays(c),
        }
    }

    /// How many of the family's base unit one of this unit is.
    pub fn factor(self) -> u64 {
        match self {
            Unit::Weeks => 7,
            Unit::Years => 12,
            Unit::Hours => 60,
            _ => 1,
        }
    }

    pub fn word(self, n: u32) -> &'static str {
        self.kind().word(n)
    }

    /// The unit as written in a policy.
    pub fn kind(self) -> mentor_syntax::ast::UnitKind {
        use mentor_syntax::ast::UnitKind;
        match self {
            Unit::Days => UnitKind::Days,
            Unit::Weeks => UnitKind::Weeks,
            Unit::Months => UnitKind::Months,
            Unit::Years => UnitKind::Years,
            Unit::Hours => UnitKind::Hours,
            Unit::Minutes => UnitKind::Minutes,
            Unit::WorkingDays(_) => UnitKind::WorkingDays,
        }
    }
}

impl UnitFamily {
    pub fn describe(self) -> &'static str {
        match self {
            UnitFamily::Days => "days or weeks",
            UnitFamily::Months => "months or years",
            UnitFamily::Minutes => "hours or minutes",
            UnitFamily::WorkingDays(_) => "working days",
        }
    }
}

/// A number with an optional unit: `5 working days`, `4`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Quantity {
    pub value: u32,
    pub unit: Option<Unit>,
}

impl Quantity {
    pub fn count(value: u32) -> Self {
        Quantity { value, unit: None }
    }

    /// The amount in the family's base unit (days, months, minutes or working days).
    pub fn in_base(self) -> u64 {
        u64::from(self.value) * self.unit.map_or(1, Unit::factor)
    }

    /// `5 working days in england_and_wales`, `18 months`, `4`.
    pub fn describe(self, model: &Model) -> String {
        match self.unit {
            Some(Unit::WorkingDays(c)) => {
                let cal = model.calendar(c).map_or("?", |c| c.name.as_str());
                format!(
                    "{} {} in {cal}",
                    self.value,
                    Unit::WorkingDays(c).word(self.value)
                )
            }
            Some(unit) => format!("{} {}", self.value, unit.word(self.value)),
            None => self.value.to_string(),
        }
    }

    /// The date `self` after `date`: calendar days and weeks, months and years clamped to the
    /// month's end, the n-th working day after `date`. Hours and minutes round up to whole days.
    pub fn after(self, date: NaiveDate, model: &Model) -> Result<NaiveDate, DateError> {
        let n = self.value;
        let result = match self.unit {
            None | Some(Unit::Days) => months::add_days(date, n),
            Some(Unit::Weeks) => months::add_weeks(date, n),
            Some(Unit::Months) => months::add_months(date, n),
            Some(Unit::Years) => months::add_years(date, n),
            Some(Unit::Hours) => months::add_days(date, n.div_ceil(24)),
            Some(Unit::Minutes) => months::add_days(date, n.div_ceil(24 * 60)),
            Some(Unit::WorkingDays(c)) => {
                let calendar = model.calendar(c).ok_or(DateError::Overflow)?;
                return calendar
                    .calendar
                    .add_working_days(date, n)
                    .map_err(DateError::Calendar);
            }
        };
        result.ok_or(DateError::Overflow)
    }
}

/// Why a date could not be computed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DateError {
    Calendar(CalendarError),
    Overflow,
}

impl std::fmt::Display for DateError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            DateError::Calendar(e) => write!(f, "{e}"),
            DateError::Overflow => f.write_str("the date is too far in the future"),
        }
    }
}
