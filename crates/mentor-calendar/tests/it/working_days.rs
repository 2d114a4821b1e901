//! Working-day arithmetic against the embedded holiday data.

use chrono::NaiveDate;
use mentor_calendar::{Calendar, CalendarError, builtin, builtin_names};

fn d(y: i32, m: u32, day: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, day).unwrap()
}

fn ew() -> &'static Calendar {
    builtin("england_and_wales").unwrap()
}

fn us() -> &'static Calendar {
    builtin("united_states_federal").unwrap()
}

#[test]
fn builtins_are_listed_and_found() {
    assert_eq!(
        builtin_names(),
        &[
            "england_and_wales",
            "scotland",
            "northern_ireland",
            "united_states_federal"
        ]
    );
    for name in builtin_names() {
        let cal = builtin(name).unwrap();
        assert_eq!(cal.name(), *name);
        assert_eq!(cal.base_name(), *name);
        assert_eq!(cal.first_year(), 2018);
        assert_eq!(cal.last_year(), 2035);
    }
    assert_eq!(ew().title(), "Bank holidays in England and Wales");
    assert_eq!(
        us().title(),
        "United States federal holidays (observed days)"
    );
    // The language uses underscores; the data's hyphenated names are not names.
    assert!(builtin("england-and-wales").is_none());
    assert!(builtin("northern-ireland").is_none());
}

#[test]
fn christmas_and_new_year_england_and_wales_2026() {
    let cal = ew();
    assert_eq!(cal.holiday(d(2026, 12, 25)), Some("Christmas Day"));
    assert_eq!(cal.holiday(d(2026, 12, 28)), Some("Boxing Day (observed)"));
    assert_eq!(cal.holiday(d(2026, 12, 26)), None); // Saturday, not taken off
    assert_eq!(cal.holiday(d(2027, 1, 1)), Some("New Year's Day"));
    assert!(!cal.is_working_day(d(2026, 12, 25)).unwrap());
    assert!(!cal.is_working_day(d(2026, 12, 26)).unwrap());
    assert!(!cal.is_working_day(d(2026, 12, 28)).unwrap());
    assert!(cal.is_working_day(d(2026, 12, 29)).unwrap());

    // Friday 18 Dec: 21, 22, 23, 24, (25, 26, 27, 28 off), 29.
    assert_eq!(
        cal.add_working_days(d(2026, 12, 18), 5).unwrap(),
        d(2026, 12, 29)
    );
    assert_eq!(
        cal.add_working_days(d(2026, 12, 18), 4).unwrap(),
        d(2026, 12, 24)
    );
    assert_eq!(
        cal.add_working_days(d(2026, 12, 24), 1).unwrap(),
        d(2026, 12, 29)
    );
    // Thursday 31 Dec -> (1 Jan off, weekend) -> Monday 4 Jan.
    assert_eq!(
        cal.add_working_days(d(2026, 12, 31), 1).unwrap(),
        d(2027, 1, 4)
    );
    // Starting on a non-working day counts from the next working day.
    assert_eq!(
        cal.add_working_days(d(2026, 12, 25), 1).unwrap(),
        d(2026, 12, 29)
    );
    // n = 0 returns the start, even on a holiday.
    assert_eq!(
        cal.add_working_days(d(2026, 12, 25), 0).unwrap(),
        d(2026, 12, 25)
    );

    // (18 Dec, 4 Jan]: 21, 22, 23, 24, 29, 30, 31, 4.
    assert_eq!(
        cal.working_days_between(d(2026, 12, 18), d(2027, 1, 4))
            .unwrap(),
        8
    );
    assert_eq!(
        cal.working_days_between(d(2027, 1, 4), d(2026, 12, 18))
            .unwrap(),
        -8
    );
    assert_eq!(
        cal.working_days_between(d(2026, 12, 24), d(2026, 12, 28))
            .unwrap(),
        0
    );
    assert_eq!(
        cal.working_days_between(d(2026, 12, 29), d(2026, 12, 29))
            .unwrap(),
        0
    );

    assert_eq!(
        cal.sub_working_days(d(2026, 12, 29), 1).unwrap(),
        d(2026, 12, 24)
    );
    assert_eq!(
        cal.sub_working_days(d(2027, 1, 4), 8).unwrap(),
        d(2026, 12, 18)
    );
}

#[test]
fn the_us_calendar_has_no_boxing_day() {
    let cal = us();
    // 25 Dec 2026 (Friday) is off; Monday 28 Dec is not.
    assert_eq!(
        cal.add_working_days(d(2026, 12, 24), 1).unwrap(),
        d(2026, 12, 28)
    );
    assert_eq!(
        cal.add_working_days(d(2026, 12, 18), 5).unwrap(),
        d(2026, 12, 28)
    );
}

#[test]
fn easter_2027() {
    let cal = ew();
    assert_eq!(cal.holiday(d(2027, 3, 26)), Some("Good Friday"));
    assert_eq!(cal.holiday(d(2027, 3, 29)), Some("Easter Monday"));
    // Thursday 25 March -> (Good Friday, weekend, Easter Monday) -> Tuesday 30.
    assert_eq!(
        cal.add_working_days(d(2027, 3, 25), 1).unwrap(),
        d(2027, 3, 30)
    );
    assert_eq!(
        cal.working_days_between(d(2027, 3, 25), d(2027, 3, 30))
            .unwrap(),
        1
    );
    // Easter is not a US federal holiday.
    assert_eq!(us().holiday(d(2027, 3, 26)), None);
    assert_eq!(
        us().add_working_days(d(2027, 3, 25), 1).unwrap(),
        d(2027, 3, 26)
    );
}

#[test]
fn us_thanksgiving_2026() {
    let cal = us();
    assert_eq!(cal.holiday(d(2026, 11, 26)), Some("Thanksgiving Day"));
    // Wednesday 25 Nov -> (Thursday off) -> Friday 27, Monday 30, Tuesday 1 Dec.
    assert_eq!(
        cal.add_working_days(d(2026, 11, 25), 1).unwrap(),
        d(2026, 11, 27)
    );
    assert_eq!(
        cal.add_working_days(d(2026, 11, 25), 3).unwrap(),
        d(2026, 12, 1)
    );
    assert_eq!(
        cal.working_days_between(d(2026, 11, 20), d(2026, 11, 30))
            .unwrap(),
        5
    );
    // Not a bank holiday in England and Wales.
    assert!(ew().is_working_day(d(2026, 11, 26)).unwrap());
}

#[test]
fn us_new_year_2022_observed_on_31_december_2021() {
    let cal = us();
    assert_eq!(
        cal.holiday(d(2021, 12, 31)),
        Some("New Year's Day (observed)")
    );
    assert_eq!(cal.holiday(d(2022, 1, 1)), None);
    assert!(!cal.is_working_day(d(2021, 12, 31)).unwrap());
    // Thursday 30 Dec 2021 -> (31 Dec off, weekend) -> Monday 3 Jan 2022.
    assert_eq!(
        cal.add_working_days(d(2021, 12, 30), 1).unwrap(),
        d(2022, 1, 3)
    );
    // In England and Wales the substitute is Monday 3 Jan 2022 instead.
    assert!(ew().is_working_day(d(2021, 12, 31)).unwrap());
    assert_eq!(
        ew().add_working_days(d(2021, 12, 31), 1).unwrap(),
        d(2022, 1, 4)
    );
}

fn out_of_range(err: CalendarError) -> (String, NaiveDate) {
    match err {
        CalendarError::OutOfRange {
            calendar,
            date,
            first_year,
            last_year,
        } => {
            assert_eq!((first_year, last_year), (2018, 2035));
            (calendar, date)
        }
    }
}

#[test]
fn dates_outside_the_years_are_errors() {
    let cal = ew();
    let err = cal.add_working_days(d(2017, 12, 29), 1).unwrap_err();
    assert_eq!(
        err.to_string(),
        "the england_and_wales calendar only knows the years 2018 to 2035; 2017-12-29 is outside them"
    );
    assert_eq!(
        out_of_range(err),
        ("england_and_wales".to_owned(), d(2017, 12, 29))
    );
    // Even n = 0 checks the start.
    assert!(cal.add_working_days(d(2017, 12, 29), 0).is_err());
    assert!(cal.is_working_day(d(2017, 12, 29)).is_err());
    assert!(cal.is_working_day(d(2036, 1, 1)).is_err());
    assert!(
        cal.working_days_between(d(2018, 1, 2), d(2036, 1, 3))
            .is_err()
    );
    assert!(
        cal.working_days_between(d(2017, 12, 31), d(2018, 1, 3))
            .is_err()
    );

    // The edges themselves are known.
    assert!(!cal.is_working_day(d(2018, 1, 1)).unwrap()); // New Year's Day
    assert!(cal.is_working_day(d(2035, 12, 31)).unwrap()); // a Monday
    assert_eq!(
        cal.add_working_days(d(2035, 12, 28), 1).unwrap(),
        d(2035, 12, 31)
    );

    // Monday 31 Dec 2035 + 5 working days would cross into 2036.
    let err = cal.add_working_days(d(2035, 12, 31), 5).unwrap_err();
    assert_eq!(out_of_range(err.clone()).1, d(2036, 1, 1));
    assert_eq!(
        err.to_string(),
        "the england_and_wales calendar only knows the years 2018 to 2035; 2036-01-01 is outside them"
    );
    // In the US, 24 Dec 2035 is a Monday and Christmas a Tuesday: four working days
    // from the 24th is the 31st, a fifth would need 2036.
    assert_eq!(
        us().add_working_days(d(2035, 12, 24), 4).unwrap(),
        d(2035, 12, 31)
    );
    assert!(us().add_working_days(d(2035, 12, 24), 5).is_err());

    // Going backwards from 2 Jan 2018 passes the New Year holiday into 2017.
    let err = cal.sub_working_days(d(2018, 1, 2), 1).unwrap_err();
    assert_eq!(out_of_range(err).1, d(2017, 12, 31));
    assert_eq!(
        cal.sub_working_days(d(2018, 1, 3), 1).unwrap(),
        d(2018, 1, 2)
    );
}

#[test]
fn with_closures_adds_days_and_leaves_the_builtin_alone() {
    let base = ew();
    let office = base.with_closures("acme_office", &[d(2026, 12, 24), d(2026, 12, 24)]);
    assert_eq!(office.name(), "acme_office");
    assert_eq!(office.base_name(), "england_and_wales");
    assert_eq!(office.closures(), &[d(2026, 12, 24)]);
    assert!(office.is_closure(d(2026, 12, 24)));
    assert_eq!(office.holiday(d(2026, 12, 24)), None);
    assert!(!office.is_working_day(d(2026, 12, 24)).unwrap());
    assert_eq!(
        office.add_working_days(d(2026, 12, 18), 5).unwrap(),
        d(2026, 12, 30)
    );
    assert_eq!(
        office
            .working_days_between(d(2026, 12, 18), d(2027, 1, 4))
            .unwrap(),
        7
    );
    // The builtin is unchanged.
    assert!(base.is_working_day(d(2026, 12, 24)).unwrap());
    assert_eq!(
        base.add_working_days(d(2026, 12, 18), 5).unwrap(),
        d(2026, 12, 29)
    );

    // Closures accumulate; weekend and out-of-range closures are harmless.
    let more = office.with_closures(
        "acme_office",
        &[d(2026, 12, 29), d(2026, 12, 26), d(2040, 1, 2)],
    );
    assert_eq!(
        more.add_working_days(d(2026, 12, 18), 5).unwrap(),
        d(2026, 12, 31)
    );
    assert!(more.add_working_days(d(2040, 1, 1), 1).is_err());
    let err = more.add_working_days(d(2036, 1, 3), 1).unwrap_err();
    assert!(err.to_string().starts_with("the acme_office calendar"));
}

#[test]
fn table_agrees_with_a_day_by_day_walk() {
    // A slow reference: step one day at a time using only weekday + holiday().
    for name in builtin_names() {
        let cal = builtin(name).unwrap();
        let office = cal.with_closures("x", &[d(2024, 3, 5), d(2031, 7, 16)]);
        let slow_is_working = |day: NaiveDate| {
            use chrono::Datelike;
            day.weekday().number_from_monday() <= 5
                && office.holiday(day).is_none()
                && !office.is_closure(day)
        };
        let mut day = d(2018, 1, 1);
        while day < d(2035, 11, 1) {
            assert_eq!(
                office.is_working_day(day).unwrap(),
                slow_is_working(day),
                "{day}"
            );
            for n in [1u32, 2, 7, 30] {
                let mut expected = day;
                let mut left = n;
                while left > 0 {
                    expected = expected.succ_opt().unwrap();
                    if slow_is_working(expected) {
                        left -= 1;
                    }
                }
                assert_eq!(
                    office.add_working_days(day, n).unwrap(),
                    expected,
                    "{day} + {n}"
                );
                assert_eq!(
                    office.working_days_between(day, expected).unwrap(),
                    i64::from(n)
                );
                // Walking back n working days from `expected`: the last working
                // day on or before `day`, or an error if that is before 2018.
                let mut back = expected;
                let mut left = n;
                while left > 0 && back >= d(2018, 1, 1) {
                    back = back.pred_opt().unwrap();
                    if slow_is_working(back) {
                        left -= 1;
                    }
                }
                match office.sub_working_days(expected, n) {
                    Ok(got) => {
                        assert_eq!(got, back, "{expected} - {n}");
                        assert!(got <= day);
                    }
                    Err(_) => assert!(back < d(2018, 1, 1), "{expected} - {n}"),
                }
            }
            day = day.succ_opt().unwrap();
        }
    }
}
