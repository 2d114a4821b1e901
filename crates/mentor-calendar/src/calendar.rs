//! Owns the `Calendar` type: which days are working days in one calendar,
//! and fast working-day arithmetic over a precomputed dense table.

use std::fmt;

use chrono::{Datelike, Days, NaiveDate, Weekday};

use crate::data::{RawCalendar, language_name};
use crate::error::CalendarError;

/// A holiday calendar covering the whole years `first_year..=last_year`.
///
/// A working day is Monday to Friday and neither a holiday nor one of the
/// calendar's extra closure days. Every question about a date outside the
/// covered years is answered with [`CalendarError::OutOfRange`], never a
/// guess.
///
/// Working-day arithmetic is O(1): the calendar keeps, for every day in its
/// range, the running count of working days, and the list of working days in
/// order.
#[derive(Clone)]
pub struct Calendar {
    /// Language name, e.g. `england_and_wales`, or a policy's own name.
    name: String,
    /// Name of the built-in calendar this one was derived from (its own name
    /// for a built-in).
    base: String,
    title: String,
    source: String,
    first_year: i32,
    last_year: i32,
    /// 1 January of `first_year`.
    first_day: NaiveDate,
    /// 31 December of `last_year`.
    last_day: NaiveDate,
    /// `first_day.num_days_from_ce()`, so a date's day index is a subtraction.
    first_ce: i32,
    /// Holidays sorted by date, one per date.
    holidays: Vec<(NaiveDate, String)>,
    /// Extra closure days, sorted and without duplicates.
    closures: Vec<NaiveDate>,
    /// `cumulative[i]` is the number of working days among day indices
    /// `0..i`; its length is the number of days in range plus one.
    cumulative: Vec<u32>,
    /// `working[k]` is the day index of the `k`-th working day (from 0).
    working: Vec<u32>,
}

impl fmt::Debug for Calendar {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Calendar")
            .field("name", &self.name)
            .field("base", &self.base)
            .field("first_year", &self.first_year)
            .field("last_year", &self.last_year)
            .field("holidays", &self.holidays.len())
            .field("closures", &self.closures)
            .finish_non_exhaustive()
    }
}

impl Calendar {
    /// Builds a calendar from parsed data; `None` if its years make no sense.
    pub(crate) fn from_raw(raw: RawCalendar) -> Option<Calendar> {
        let first_day = NaiveDate::from_ymd_opt(raw.first_year, 1, 1)?;
        let last_day = NaiveDate::from_ymd_opt(raw.last_year, 12, 31)?;
        if last_day < first_day {
            return None;
        }
        let mut holidays: Vec<(NaiveDate, String)> =
            raw.days.into_iter().map(|d| (d.date, d.name)).collect();
        holidays.sort_by_key(|(date, _)| *date);
        holidays.dedup_by_key(|(date, _)| *date);
        let name = language_name(&raw.calendar);
        let mut cal = Calendar {
            base: name.clone(),
            name,
            title: raw.title,
            source: raw.source,
            first_year: raw.first_year,
            last_year: raw.last_year,
            first_day,
            last_day,
            first_ce: first_day.num_days_from_ce(),
            holidays,
            closures: Vec::new(),
            cumulative: Vec::new(),
            working: Vec::new(),
        };
        cal.rebuild_tables();
        Some(cal)
    }

    /// A new calendar named `name`: this one plus the `extra` closure days
    /// (a policy's own calendar). Closure days already in this calendar are
    /// kept; weekend days and days outside the covered years change nothing.
    pub fn with_closures(&self, name: &str, extra: &[NaiveDate]) -> Calendar {
        let mut closures = self.closures.clone();
        closures.extend_from_slice(extra);
        closures.sort_unstable();
        closures.dedup();
        let mut cal = Calendar {
            name: name.to_owned(),
            base: self.base.clone(),
            title: self.title.clone(),
            source: self.source.clone(),
            first_year: self.first_year,
            last_year: self.last_year,
            first_day: self.first_day,
            last_day: self.last_day,
            first_ce: self.first_ce,
            holidays: self.holidays.clone(),
            closures,
            cumulative: Vec::new(),
            working: Vec::new(),
        };
        cal.rebuild_tables();
        cal
    }

    /// Recomputes `cumulative` and `working` from the holidays and closures.
    fn rebuild_tables(&mut self) {
        let mut cumulative = Vec::with_capacity(5500);
        let mut working = Vec::with_capacity(4000);
        let mut count: u32 = 0;
        cumulative.push(count);
        let days = self
            .first_day
            .iter_days()
            .take_while(|d| *d <= self.last_day);
        for (index, day) in (0u32..).zip(days) {
            if self.is_working_unchecked(day) {
                working.push(index);
                count = count.saturating_add(1);
            }
            cumulative.push(count);
        }
        self.cumulative = cumulative;
        self.working = working;
    }

    /// Whether `day` is a working day, looked up without the table.
    fn is_working_unchecked(&self, day: NaiveDate) -> bool {
        !matches!(day.weekday(), Weekday::Sat | Weekday::Sun)
            && self.holiday(day).is_none()
            && !self.is_closure(day)
    }

    /// The language name: `england_and_wales`, `united_states_federal`, or
    /// the name given to [`Calendar::with_closures`].
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The name of the built-in calendar this one is (or was derived from).
    pub fn base_name(&self) -> &str {
        &self.base
    }

    /// A human title, e.g. "Bank holidays in England and Wales".
    pub fn title(&self) -> &str {
        &self.title
    }

    /// Where the holiday data comes from, in words.
    pub fn source(&self) -> &str {
        &self.source
    }

    /// The first year the calendar knows.
    pub fn first_year(&self) -> i32 {
        self.first_year
    }

    /// The last year the calendar knows.
    pub fn last_year(&self) -> i32 {
        self.last_year
    }

    /// 1 January of [`Calendar::first_year`].
    pub fn first_day(&self) -> NaiveDate {
        self.first_day
    }

    /// 31 December of [`Calendar::last_year`].
    pub fn last_day(&self) -> NaiveDate {
        self.last_day
    }

    /// Whether `date` lies within the covered years.
    pub fn contains(&self, date: NaiveDate) -> bool {
        self.first_day <= date && date <= self.last_day
    }

    /// The holiday's name if `date` is a holiday (on the day it is taken
    /// off), else `None`. Extra closure days are not holidays; see
    /// [`Calendar::is_closure`].
    pub fn holiday(&self, date: NaiveDate) -> Option<&str> {
        self.holidays
            .binary_search_by_key(&date, |(d, _)| *d)
            .ok()
            .and_then(|i| self.holidays.get(i))
            .map(|(_, name)| name.as_str())
    }

    /// All holidays in date order.
    pub fn holidays(&self) -> impl Iterator<Item = (NaiveDate, &str)> + '_ {
        self.holidays.iter().map(|(d, name)| (*d, name.as_str()))
    }

    /// Whether `date` is one of the extra closure days.
    pub fn is_closure(&self, date: NaiveDate) -> bool {
        self.closures.binary_search(&date).is_ok()
    }

    /// The extra closure days, sorted.
    pub fn closures(&self) -> &[NaiveDate] {
        &self.closures
    }

    /// Whether `date` is a working day: Monday to Friday, not a holiday and
    /// not a closure day.
    pub fn is_working_day(&self, date: NaiveDate) -> Result<bool, CalendarError> {
        let i = self.index(date)?;
        Ok(self.count_through(i)? > self.count_before(i)?)
    }

    /// The `n`-th working day strictly after `start`. `start` itself need not
    /// be a working day; `n = 0` returns `start` (which must still be within
    /// the covered years).
    pub fn add_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let i = self.index(start)?;
        if n == 0 {
            return Ok(start);
        }
        // Working days up to and including `start`; the answer is the
        // (through + n)-th working day, at 0-based position through + n - 1.
        let through = self.count_through(i)?;
        let position = usize::try_from(u64::from(through) + u64::from(n) - 1).ok();
        match position.and_then(|k| self.working.get(k)) {
            Some(&day) => self.date_at(day),
            None => Err(self.out_of_range(self.last_day.succ_opt().unwrap_or(self.last_day))),
        }
    }

    /// The `n`-th working day strictly before `start`. `n = 0` returns
    /// `start` (which must still be within the covered years).
    pub fn sub_working_days(&self, start: NaiveDate, n: u32) -> Result<NaiveDate, CalendarError> {
        let i = self.index(start)?;
        if n == 0 {
            return Ok(start);
        }
        let before = self.count_before(i)?;
        let position = before.checked_sub(n).and_then(|k| usize::try_from(k).ok());
        match position.and_then(|k| self.working.get(k)) {
            Some(&day) => self.date_at(day),
            None => Err(self.out_of_range(self.first_day.pred_opt().unwrap_or(self.first_day))),
        }
    }

    /// The number of working days in `(a, b]`. If `b` is before `a` the
    /// answer is negative: minus the number of working days in `(b, a]`.
    pub fn working_days_between(&self, a: NaiveDate, b: NaiveDate) -> Result<i64, CalendarError> {
        let ia = self.index(a)?;
        let ib = self.index(b)?;
        Ok(i64::from(self.count_through(ib)?) - i64::from(self.count_through(ia)?))
    }

    /// The day index of `date`, or the out-of-range error.
    fn index(&self, date: NaiveDate) -> Result<usize, CalendarError> {
        let offset = i64::from(date.num_days_from_ce()) - i64::from(self.first_ce);
        usize::try_from(offset)
            .ok()
            .filter(|&i| i < self.cumulative.len().saturating_sub(1))
            .ok_or_else(|| self.out_of_range(date))
    }

    /// Working days among day indices `0..i`.
    fn count_before(&self, i: usize) -> Result<u32, CalendarError> {
        self.cumulative
            .get(i)
            .copied()
            .ok_or_else(|| self.out_of_range(self.last_day))
    }

    /// Working days among day indices `0..=i`.
    fn count_through(&self, i: usize) -> Result<u32, CalendarError> {
        self.count_before(i.saturating_add(1))
    }

    /// The date at a day index from the table.
    fn date_at(&self, index: u32) -> Result<NaiveDate, CalendarError> {
        self.first_day
            .checked_add_days(Days::new(u64::from(index)))
            .ok_or_else(|| self.out_of_range(self.last_day))
    }

    fn out_of_range(&self, date: NaiveDate) -> CalendarError {
        CalendarError::OutOfRange {
            calendar: self.name.clone(),
            date,
            first_year: self.first_year,
            last_year: self.last_year,
        }
    }
}
