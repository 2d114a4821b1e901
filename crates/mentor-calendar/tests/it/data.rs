//! The embedded holiday data itself: every listed day is a weekday within the
//! years, and the loaded calendars agree with the JSON files.

use chrono::{Datelike, NaiveDate, Weekday};
use mentor_calendar::builtin;
use serde_json::Value;

const FILES: [(&str, &str); 4] = [
    (
        "england_and_wales",
        include_str!("../../data/england-and-wales.json"),
    ),
    ("scotland", include_str!("../../data/scotland.json")),
    (
        "northern_ireland",
        include_str!("../../data/northern-ireland.json"),
    ),
    (
        "united_states_federal",
        include_str!("../../data/united-states-federal.json"),
    ),
];

#[test]
fn every_holiday_is_a_weekday_within_the_years_and_loaded() {
    for (name, text) in FILES {
        let json: Value = serde_json::from_str(text).unwrap();
        assert_eq!(json["calendar"].as_str().unwrap().replace('-', "_"), name);
        let first = i32::try_from(json["first_year"].as_i64().unwrap()).unwrap();
        let last = i32::try_from(json["last_year"].as_i64().unwrap()).unwrap();
        let days = json["days"].as_array().unwrap();
        assert!(days.len() > 100, "{name}: only {} days", days.len());

        let cal = builtin(name).unwrap();
        assert_eq!((cal.first_year(), cal.last_year()), (first, last));
        assert_eq!(
            cal.holidays().count(),
            days.len(),
            "{name}: duplicate dates?"
        );

        for day in days {
            let date: NaiveDate = day["date"].as_str().unwrap().parse().unwrap();
            let holiday = day["name"].as_str().unwrap();
            assert!(
                !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
                "{name}: {date} {holiday} is on a weekend"
            );
            assert!(
                (first..=last).contains(&date.year()),
                "{name}: {date} is outside {first}..={last}"
            );
            assert_eq!(cal.holiday(date), Some(holiday), "{name}: {date}");
            assert!(!cal.is_working_day(date).unwrap(), "{name}: {date}");
        }
    }
}

#[test]
fn holiday_counts_per_year_are_plausible() {
    // England and Wales: 8 a year, plus the one-off days (2020 moved a day,
    // so still 8; 2022 had 10; 2023 had 9).
    let ew = builtin("england_and_wales").unwrap();
    let count = |year: i32| ew.holidays().filter(|(d, _)| d.year() == year).count();
    assert_eq!(count(2019), 8);
    assert_eq!(count(2022), 10);
    assert_eq!(count(2023), 9);
    assert_eq!(count(2026), 8);

    let us = builtin("united_states_federal").unwrap();
    let names = |year: i32| {
        us.holidays()
            .filter(|(d, _)| d.year() == year)
            .map(|(_, n)| n.to_owned())
            .collect::<Vec<_>>()
    };
    assert!(!names(2020).iter().any(|n| n.starts_with("Juneteenth")));
    assert!(names(2021).iter().any(|n| n.starts_with("Juneteenth")));
}

/// The published GOV.UK days for Scotland and Northern Ireland in years whose
/// substitute days are easy to get wrong.
#[test]
fn scotland_and_northern_ireland_match_the_published_days() {
    let days = |name: &str, year: i32| {
        builtin(name)
            .unwrap()
            .holidays()
            .filter(|(d, _)| d.year() == year)
            .map(|(d, _)| d.format("%m-%d").to_string())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // 2022: New Year's Day and 2 January both fell at the weekend; the Jubilee
    // and the State Funeral were added.
    assert_eq!(
        days("scotland", 2022),
        "01-03 01-04 04-15 05-02 06-02 06-03 08-01 09-19 11-30 12-26 12-27"
    );
    // 2024: St Andrew's Day on a Saturday moves to Monday 2 December.
    assert_eq!(
        days("scotland", 2024),
        "01-01 01-02 03-29 05-06 05-27 08-05 12-02 12-25 12-26"
    );
    // 2024: St Patrick's Day on a Sunday moves to Monday 18 March.
    assert_eq!(
        days("northern_ireland", 2024),
        "01-01 03-18 03-29 04-01 05-06 05-27 07-12 08-26 12-25 12-26"
    );
    // 2025: the Twelfth on a Saturday moves to Monday 14 July.
    assert_eq!(
        days("northern_ireland", 2025),
        "01-01 03-17 04-18 04-21 05-05 05-26 07-14 08-25 12-25 12-26"
    );
}
