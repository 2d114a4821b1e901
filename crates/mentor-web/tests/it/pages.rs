//! What the pages show and do: the agenda's bands and filters, a case's duties and why,
//! recording through the form (with its errors beside the fields), the history.

use crate::support::{TestApp, backends, events_in};
use axum::http::StatusCode;

#[tokio::test]
async fn the_agenda_lists_overdue_first_and_filters() {
    let app = TestApp::new("sqlite");
    let ann = app.signed_in("ann").await;
    let page = ann.get("/agenda").await;
    assert_eq!(page.status, StatusCode::OK);
    let overdue = page
        .body
        .find("<span class=\"badge\">Overdue</span></h2>")
        .unwrap();
    let week = page
        .body
        .find("<span class=\"badge\">Due in the next 7 days</span></h2>")
        .unwrap();
    let first_case = page.body.find("S-0001").unwrap();
    assert!(
        overdue < first_case && first_case < week,
        "S-0001 is overdue and listed first"
    );
    assert!(
        page.body.contains("2 open duties in 2 of 2 cases"),
        "{}",
        page.body
    );
    // By role and band, and a band name that is not one.
    let admin = ann.get("/agenda?role=admin").await;
    assert!(admin.body.contains("0 open duties"), "{}", admin.body);
    let week = ann.get("/agenda?band=week").await;
    assert!(!week.body.contains("S-0001") && week.body.contains("S-0009"));
    let ben = ann.get("/agenda?party=ben&band=overdue").await;
    assert!(ben.body.contains("S-0001") && !ben.body.contains("S-0009\""));
    assert_eq!(
        ann.get("/agenda?band=soonish").await.status,
        StatusCode::BAD_REQUEST
    );
}

#[tokio::test]
async fn a_case_shows_each_duty_with_its_rule_source_and_why() {
    let app = TestApp::new("sqlite");
    let ann = app.signed_in("ann").await;
    let page = ann.get("/cases/S-0001").await;
    let body = &page.body;
    assert!(body.contains("open and overdue"));
    assert!(
        body.contains("must reply to amara&#39;s request or decline amara&#39;s request"),
        "{body}"
    );
    assert!(
        body.contains(
            "amara asked ben for peer mentoring on 18 December 2026; within 5 working days"
        ),
        "{body}"
    );
    assert!(body.contains("<blockquote>Peer Mentors will respond to mentee requests within 5 working days.</blockquote>"));
    assert!(body.contains("a must violation; amara may choose an alternative mentor"));
    assert!(body.contains("eligible"));
    assert!(
        body.contains("Record: reply to amara&#39;s request"),
        "{body}"
    );
    assert!(
        body.contains("/cases/S-0001/record/mentor_responded?by=ben&amp;to=amara")
            || body.contains("/cases/S-0001/record/mentor_responded?by=ben&#38;to=amara"),
        "{body}"
    );
    assert_eq!(ann.get("/cases/S-0002").await.status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn the_form_offers_only_what_the_policy_allows() {
    let app = TestApp::new("sqlite");
    let ann = app.signed_in("ann").await;
    let choose = ann.get("/cases/S-0001/record").await;
    assert!(
        choose.body.contains(">session_held</a>")
            && choose.body.contains(">extension_approved</a>")
    );
    let form = ann
        .get("/cases/S-0001/record/session_held?by=ben&to=amara")
        .await;
    let body = &form.body;
    // Only the mentor may hold a session; only the mentee receives it.
    let by = &body[body.find("id=\"by\"").unwrap()..body.find("id=\"to\"").unwrap()];
    assert!(
        by.contains("value=\"ben\" selected") && !by.contains("amara"),
        "{by}"
    );
    assert!(body.contains("name=\"data.minutes\" type=\"number\""));
    assert!(
        body.contains("name=\"at\" type=\"date\" value=\"2027-01-05\""),
        "the date defaults to today"
    );
    assert_eq!(
        ann.get("/cases/S-0001/record/session_hled").await.status,
        StatusCode::NOT_FOUND
    );
    assert!(
        ann.get("/cases/S-0001/record/session_hled")
            .await
            .body
            .contains("did you mean `session_held`?")
    );
}

#[tokio::test]
async fn recording_through_the_form_changes_the_case_and_the_agenda() {
    for backend in backends() {
        let app = TestApp::new(backend);
        let ann = app.signed_in("ann").await;
        assert!(ann.get("/agenda").await.body.contains("S-0001"));
        let csrf = ann.csrf().await;
        let page = ann
            .post(
                "/cases/S-0001/record/mentor_responded",
                &[
                    ("csrf", &csrf),
                    ("by", "ben"),
                    ("to", "amara"),
                    ("at", "2027-01-05"),
                    ("time", ""),
                ],
            )
            .await;
        assert_eq!(
            page.status,
            StatusCode::SEE_OTHER,
            "{backend}: {}",
            page.body
        );
        let location = page.header("location");
        assert!(
            location.starts_with("/cases/S-0001?recorded="),
            "{location}"
        );
        let case = ann.get(&location).await;
        assert!(case.body.contains("Recorded as entry"));
        assert!(case.body.contains("Nothing is owed in this case."));
        assert!(
            case.body
                .contains("met late by ben replied to amara&#39;s request on 5 January 2027")
        );
        let agenda = ann.get("/agenda").await;
        assert!(
            !agenda.body.contains("S-0001"),
            "{backend}: the duty left the agenda"
        );
        let history = ann.get("/cases/S-0001/history").await;
        assert!(
            history
                .body
                .contains("mentor_responded by ben to amara on 2027-01-05")
        );
        assert!(history.body.contains("<td>ann</td>"));
    }
}

#[tokio::test]
async fn a_problem_is_shown_beside_its_field_and_nothing_typed_is_lost() {
    let app = TestApp::new("sqlite");
    let ann = app.signed_in("ann").await;
    let csrf = ann.csrf().await;
    let page = ann
        .post(
            "/cases/S-0001/record/session_held",
            &[
                ("csrf", &csrf),
                ("by", "ben"),
                ("to", "amara"),
                ("at", "2027-13-45"),
                ("data.minutes", "ninety"),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::UNPROCESSABLE_ENTITY);
    let body = &page.body;
    assert!(body.contains("id=\"at-error\""), "{body}");
    assert!(body.contains("id=\"data-minutes-error\""), "{body}");
    assert!(
        body.contains("value=\"2027-13-45\"") && body.contains("value=\"ninety\""),
        "kept"
    );
    assert_eq!(events_in(&app, "S-0001"), 1, "nothing recorded");
}
