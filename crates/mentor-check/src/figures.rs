//! Dates, numbers, units and figures that change on dates.

use crate::Checker;
use crate::index::Def;
use crate::model::{CalendarId, Figure};
use crate::types::{Quantity, Unit, UnitFamily};
use chrono::{NaiveDate, NaiveDateTime};
use mentor_diagnostics::{Code, Diagnostic, Span};
use mentor_syntax::ast::{self, UnitKind};

/// What a figure is used for, which decides the units it may have.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FigureUse {
    /// A deadline or window: days, weeks, months, years or working days.
    Duration,
    /// A count of events or attempts: no unit.
    Count,
    /// A value in a comparison: anything.
    Any,
}

impl Checker {
    /// A date as written, or an error when it does not exist.
    pub(crate) fn date(&mut self, lit: &ast::DateLit) -> Option<NaiveDate> {
        match NaiveDate::parse_from_str(&lit.text, "%Y-%m-%d") {
            Ok(date) if lit.text.len() == 10 => self.within_years(lit, date),
            Ok(_) => {
                self.error(
                    Diagnostic::new(
                        Code::InvalidDate,
                        lit.span,
                        format!("`{}` is not written as YYYY-MM-DD", lit.text),
                    )
                    .help("write the month and day with two digits, such as `2027-01-05`"),
                );
                None
            }
            Err(_) => {
                self.error(
                    Diagnostic::new(
                        Code::InvalidDate,
                        lit.span,
                        format!("`{}` is not a date", lit.text),
                    )
                    .label("no such day")
                    .help(no_such_day(&lit.text)),
                );
                None
            }
        }
    }

    /// The date, when its year is one mentor works with; else an error.
    fn within_years(&mut self, lit: &ast::DateLit, date: NaiveDate) -> Option<NaiveDate> {
        let Some(why) = mentor_calendar::years::outside(date) else {
            return Some(date);
        };
        self.error(
            Diagnostic::new(Code::InvalidDate, lit.span, why)
                .label("outside the years")
                .help(mentor_calendar::years::HELP),
        );
        None
    }

    pub(crate) fn datetime(&mut self, lit: &ast::DateLit) -> Option<NaiveDateTime> {
        let parsed = NaiveDateTime::parse_from_str(&lit.text, "%Y-%m-%dT%H:%M:%S")
            .or_else(|_| NaiveDateTime::parse_from_str(&lit.text, "%Y-%m-%dT%H:%M"));
        match parsed {
            Ok(dt) => self.within_years(lit, dt.date()).map(|_| dt),
            Err(_) => {
                self.error(
                    Diagnostic::new(
                        Code::InvalidDate,
                        lit.span,
                        format!("`{}` is not a date and time", lit.text),
                    )
                    .help("write a date and time as YYYY-MM-DDTHH:MM, such as `2027-01-05T09:30`"),
                );
                None
            }
        }
    }

    fn calendar_for(&mut self, unit: &ast::Unit) -> Option<CalendarId> {
        if let Some(name) = &unit.calendar {
            if let Some(&id) = self.calendar_names.get(&name.text) {
                self.index.refer(name.span, Def::Calendar(id));
                return Some(id);
            }
            if self.broken.contains(&name.text) {
                return None;
            }
            let candidates: Vec<String> = self
                .calendar_names
                .keys()
                .cloned()
                .chain(
                    mentor_calendar::builtin_names()
                        .iter()
                        .map(|s| s.to_string()),
                )
                .collect();
            let builtin = mentor_calendar::builtin(&name.text).is_some();
            let help = if builtin {
                format!("declare it first with `calendar {}`", name.text)
            } else {
                format!(
                    "declare a calendar with `calendar {} = england_and_wales` (or `united_states_federal`)",
                    name.text
                )
            };
            self.error(
                Diagnostic::new(
                    Code::UnknownCalendar,
                    name.span,
                    format!("the calendar `{}` is not declared", name.text),
                )
                .suggest(&name.text, candidates.iter().map(String::as_str))
                .label("unknown calendar")
                .help(help),
            );
            return None;
        }
        match self.model.calendars.len() {
            1 => Some(CalendarId(0)),
            0 if self.broken_calendar => None,
            0 => {
                self.error(
                    Diagnostic::new(Code::NoCalendar, unit.span, "working days need a calendar of holidays")
                        .label("which days are working days?")
                        .help("declare one at the top of the policy, such as `calendar england_and_wales` or `calendar united_states_federal`"),
                );
                None
            }
            _ => {
                let names: Vec<String> = self
                    .model
                    .calendars
                    .iter()
                    .map(|c| format!("`{}`", c.name))
                    .collect();
                self.error(
                    Diagnostic::new(
                        Code::NoCalendar,
                        unit.span,
                        "this policy declares several calendars; say which one counts here",
                    )
                    .label("which calendar?")
                    .help(format!(
                        "write `working days in NAME`, where NAME is one of {}",
                        names.join(", ")
                    )),
                );
                None
            }
        }
    }

    pub(crate) fn quantity(&mut self, q: &ast::Quantity) -> Option<Quantity> {
        let unit = match &q.unit {
            None => None,
            Some(u) => Some(match u.kind {
                UnitKind::Days => Unit::Days,
                UnitKind::Weeks => Unit::Weeks,
                UnitKind::Months => Unit::Months,
                UnitKind::Years => Unit::Years,
                UnitKind::Hours => Unit::Hours,
                UnitKind::Minutes => Unit::Minutes,
                UnitKind::WorkingDays => Unit::WorkingDays(self.calendar_for(u)?),
            }),
        };
        Some(Quantity {
            value: q.value,
            unit,
        })
    }

    /// A figure, checked for its use: units present or absent, one unit family, dates in order.
    pub(crate) fn figure(&mut self, f: &ast::Figure, usage: FigureUse) -> Option<Figure> {
        let base = self.quantity(&f.base)?;
        let mut changes = Vec::new();
        let mut last_date: Option<NaiveDate> = None;
        let mut ok = true;
        for change in &f.changes {
            let Some(value) = self.quantity(&change.value) else {
                ok = false;
                continue;
            };
            let Some(date) = self.date(&change.from) else {
                ok = false;
                continue;
            };
            if value.unit.map(Unit::family) != base.unit.map(Unit::family) {
                self.error(unit_mismatch(
                    f.base.span,
                    base,
                    change.value.span,
                    value,
                    "a figure changes to a value of another kind",
                ));
                ok = false;
            }
            if let Some(last) = last_date
                && date <= last
            {
                self.error(
                    Diagnostic::new(
                        Code::BadRange,
                        change.from.span,
                        format!("{date} is not after the previous change ({last})"),
                    )
                    .help("list the changes of a figure in date order"),
                );
                ok = false;
            }
            last_date = Some(date);
            changes.push((date, value));
        }
        if !ok {
            return None;
        }
        let figure = Figure {
            base,
            changes,
            span: f.span,
        };
        match usage {
            FigureUse::Duration => match base.unit {
                None => {
                    self.error(
                        Diagnostic::new(Code::MissingUnit, f.span, format!("`{}` needs a unit", base.value))
                            .label("days? weeks? months?")
                            .help(format!(
                                "write `{0} days`, `{0} weeks`, `{0} months`, `{0} years` or `{0} working days`",
                                base.value
                            )),
                    );
                    None
                }
                Some(Unit::Hours | Unit::Minutes) => {
                    self.error(
                        Diagnostic::new(
                            Code::UnitNotAllowed,
                            f.span,
                            "deadlines and windows are counted in whole days",
                        )
                        .help("use days, weeks, months, years or working days"),
                    );
                    None
                }
                Some(_) => Some(figure),
            },
            FigureUse::Count => match base.unit {
                Some(unit) => {
                    self.error(
                        Diagnostic::new(
                            Code::UnitNotAllowed,
                            f.span,
                            format!(
                                "a count of events is a plain number, not `{} {}`",
                                base.value,
                                unit.word(base.value)
                            ),
                        )
                        .help(format!("write `{}`", base.value)),
                    );
                    None
                }
                None => Some(figure),
            },
            FigureUse::Any => Some(figure),
        }
    }
}

/// Two quantities whose units cannot be mixed.
pub(crate) fn unit_mismatch(
    a_span: Span,
    a: Quantity,
    b_span: Span,
    b: Quantity,
    message: &str,
) -> Diagnostic {
    let describe = |q: Quantity| {
        q.unit.map_or("a plain number".to_string(), |u| {
            u.family().describe().to_string()
        })
    };
    Diagnostic::new(Code::UnitMismatch, b_span, message.to_string())
        .label(format!("this is {}", describe(b)))
        .secondary(a_span, format!("this is {}", describe(a)))
        .help("months and days have no fixed ratio; use the same kind of unit on both sides")
}

/// Whether two units may be compared.
pub(crate) fn same_family(a: Option<Unit>, b: Option<Unit>) -> bool {
    a.map(Unit::family) == b.map(Unit::family)
}

#[allow(dead_code)]
pub(crate) fn family(q: Quantity) -> Option<UnitFamily> {
    q.unit.map(Unit::family)
}

/// Why a date written as YYYY-MM-DD does not exist, in words.
fn no_such_day(text: &str) -> String {
    let parts: Vec<u32> = text.split('-').filter_map(|p| p.parse().ok()).collect();
    if let [year, month, day] = parts.as_slice() {
        if !(1..=12).contains(month) {
            return format!("there is no month {month}; months go from 01 to 12");
        }
        let next = if *month == 12 {
            (year + 1, 1)
        } else {
            (*year, month + 1)
        };
        let last = i32::try_from(next.0)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, next.1, 1))
            .and_then(|d| d.pred_opt())
            .map(|d| chrono::Datelike::day(&d));
        let first = i32::try_from(*year)
            .ok()
            .and_then(|y| NaiveDate::from_ymd_opt(y, *month, 1));
        if let (Some(last), Some(first)) = (last, first) {
            return format!(
                "{} has {last} days, so there is no day {day}",
                first.format("%B %Y")
            );
        }
    }
    "write dates as YYYY-MM-DD, such as `2027-01-05`".to_string()
}
