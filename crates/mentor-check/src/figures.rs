//! Dates, numbers, units and figures that change on dates.

use crate::Checker;
use crate::index::Def;
use crate::model::{CalendarId, Figure};
use crate::types::{Quantity, Unit, UnitFamily};
use chrono::{NaiveDate, NaiveDateTime};
use mentor_diagnostics::catalog::meaning::{self, UnitsMixed};
use mentor_diagnostics::catalog::names;
use mentor_diagnostics::catalog::syntax::{self, NoSuchDay};
use mentor_diagnostics::{Diagnostic, Span};
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
                self.error(syntax::date_not_iso(lit.span, &lit.text));
                None
            }
            Err(_) => {
                self.error(syntax::not_a_date(
                    lit.span,
                    &lit.text,
                    no_such_day(&lit.text),
                ));
                None
            }
        }
    }

    /// The date, when its year is one mentor works with; else an error.
    fn within_years(&mut self, lit: &ast::DateLit, date: NaiveDate) -> Option<NaiveDate> {
        let Some(why) = mentor_calendar::years::outside(date) else {
            return Some(date);
        };
        self.error(syntax::date_outside_years(
            lit.span,
            &why,
            mentor_calendar::years::HELP,
        ));
        None
    }

    pub(crate) fn datetime(&mut self, lit: &ast::DateLit) -> Option<NaiveDateTime> {
        let parsed = NaiveDateTime::parse_from_str(&lit.text, "%Y-%m-%dT%H:%M:%S")
            .or_else(|_| NaiveDateTime::parse_from_str(&lit.text, "%Y-%m-%dT%H:%M"));
        match parsed {
            Ok(dt) => self.within_years(lit, dt.date()).map(|_| dt),
            Err(_) => {
                self.error(syntax::not_a_date_time(lit.span, &lit.text));
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
            self.error(names::undeclared_calendar(
                name.span,
                &name.text,
                builtin,
                candidates.iter().map(String::as_str),
            ));
            return None;
        }
        match self.model.calendars.len() {
            1 => Some(CalendarId(0)),
            0 if self.broken_calendar => None,
            0 => {
                self.error(meaning::no_calendar(unit.span));
                None
            }
            _ => {
                let calendars: Vec<&str> = self
                    .model
                    .calendars
                    .iter()
                    .map(|c| c.name.as_str())
                    .collect();
                let diagnostic = meaning::which_calendar(unit.span, &calendars);
                self.error(diagnostic);
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
                    UnitsMixed::Change,
                ));
                ok = false;
            }
            if let Some(last) = last_date
                && date <= last
            {
                self.error(meaning::change_out_of_order(
                    change.from.span,
                    &date.to_string(),
                    &last.to_string(),
                ));
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
                    self.error(meaning::needs_unit(f.span, base.value));
                    None
                }
                Some(Unit::Hours | Unit::Minutes) => {
                    self.error(meaning::whole_days_only(f.span));
                    None
                }
                Some(_) => Some(figure),
            },
            FigureUse::Count => match base.unit {
                Some(unit) => {
                    self.error(meaning::count_with_unit(
                        f.span,
                        base.value,
                        unit.word(base.value),
                    ));
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
    place: UnitsMixed,
) -> Diagnostic {
    let kind = |q: Quantity| q.unit.map(|u| u.family().describe());
    meaning::units_mixed(a_span, kind(a), b_span, kind(b), place)
}

/// Whether two units may be compared.
pub(crate) fn same_family(a: Option<Unit>, b: Option<Unit>) -> bool {
    a.map(Unit::family) == b.map(Unit::family)
}

#[allow(dead_code)]
pub(crate) fn family(q: Quantity) -> Option<UnitFamily> {
    q.unit.map(Unit::family)
}

/// Why a date written as YYYY-MM-DD does not exist.
fn no_such_day(text: &str) -> NoSuchDay {
    let parts: Vec<u32> = text.split('-').filter_map(|p| p.parse().ok()).collect();
    if let [year, month, day] = parts.as_slice() {
        if !(1..=12).contains(month) {
            return NoSuchDay::Month(*month);
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
        if let (Some(days), Some(first)) = (last, first) {
            return NoSuchDay::Day {
                year: chrono::Datelike::year(&first),
                month: *month,
                day: *day,
                days,
            };
        }
    }
    NoSuchDay::Unreadable
}
