//! The security properties of the pages, each tried: headers, cookies, sessions, roles,
//! CSRF, escaping, the sign-in throttle, the audit log and calendar-feed tokens.

use crate::support::{PASSWORD, SCRIPT, TestApp, backends, blocking, events_in};
use axum::http::StatusCode;

const CSP: &str = "default-src 'self'; script-src 'none'";

#[tokio::test]
async fn every_response_carries_the_security_headers() {
    let app = TestApp::new("sqlite");
    let ann = app.signed_in("ann").await;
    for path in [
        "/login",
        "/agenda",
        "/cases/S-0001",
        "/cases/S-0001/history",
        "/calendar",
        "/nowhere",
        "/style.css",
    ] {
        let page = if path == "/login" {
            app.client().get(path).await
        } else {
            ann.get(path).await
        };
        assert!(
            page.header("content-security-policy").starts_with(CSP),
            "{path}"
        );
        assert!(
            page.header("content-security-policy")
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert_eq!(page.header("x-frame-options"), "DENY", "{path}");
        assert_eq!(page.header("cache-control"), "no-store", "{path}");
        assert_eq!(page.header("x-content-type-options"), "nosniff", "{path}");
        assert_eq!(page.header("referrer-policy"), "no-referrer", "{path}");
    }
    // No page carries a script, inline or not, nor anything from another site.
    for path in [
        "/agenda",
        "/cases/S-0001",
        "/cases/S-0001/record/mentor_responded",
        "/calendar",
    ] {
        let body = ann.get(path).await.body;
        assert!(!body.contains("<script"), "{path}");
        assert!(
            !body.contains("http://") && !body.contains("https://"),
            "{path}"
        );
    }
}

#[tokio::test]
async fn pages_need_a_session_and_sign_out_ends_it() {
    let app = TestApp::new("sqlite");
    let anonymous = app.client();
    for path in [
        "/agenda",
        "/cases/S-0001",
        "/cases/S-0001/history",
        "/calendar",
        "/",
    ] {
        let page = anonymous.get(path).await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{path}");
        assert_eq!(page.header("location"), "/login", "{path}");
    }
    let ann = app.signed_in("ann").await;
    assert_eq!(ann.get("/agenda").await.status, StatusCode::OK);
    let csrf = ann.csrf().await;
    let out = ann.post("/logout", &[("csrf", &csrf)]).await;
    assert_eq!(out.status, StatusCode::SEE_OTHER);
    assert_eq!(
        ann.get("/agenda").await.status,
        StatusCode::SEE_OTHER,
        "the session ended"
    );
}

#[tokio::test]
async fn session_cookies_are_http_only_and_same_site_strict() {
    let app = TestApp::new("sqlite");
    let client = app.client();
    let form = client.get("/login").await;
    assert!(
        form.header("set-cookie")
            .contains("HttpOnly; SameSite=Strict")
    );
    let signed = client.sign_in("ann", PASSWORD).await;
    let cookie = signed.header("set-cookie");
    let session = cookie
        .lines()
        .find(|c| c.starts_with("mentor_session="))
        .unwrap();
    assert!(
        session.contains("HttpOnly") && session.contains("SameSite=Strict"),
        "{session}"
    );
    assert!(
        !session.contains("Secure"),
        "plain HTTP on loopback: {session}"
    );

    let behind_tls = TestApp::with_config("sqlite", |c| c.secure_cookies = true);
    let client = behind_tls.client();
    let signed = client.sign_in("ann", PASSWORD).await;
    let cookie = signed.header("set-cookie");
    let session = cookie
        .lines()
        .find(|c| c.starts_with("__Host-mentor_session="))
        .unwrap();
    assert!(
        session.contains("; Secure")
            && session.contains("HttpOnly")
            && session.contains("SameSite=Strict"),
        "{session}"
    );
    assert_eq!(client.get("/agenda").await.status, StatusCode::OK);
}

#[tokio::test]
async fn sign_in_needs_its_csrf_token() {
    let app = TestApp::new("sqlite");
    let client = app.client();
    client.get("/login").await;
    let page = client
        .post("/login", &[("name", "ann"), ("password", PASSWORD)])
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    let page = client
        .post(
            "/login",
            &[
                ("csrf", &"0".repeat(64)),
                ("name", "ann"),
                ("password", PASSWORD),
            ],
        )
        .await;
    assert_eq!(page.status, StatusCode::FORBIDDEN);
    assert_eq!(client.get("/agenda").await.status, StatusCode::SEE_OTHER);
}

#[tokio::test]
async fn state_changing_requests_without_the_csrf_token_are_refused() {
    for backend in backends() {
        let app = TestApp::new(backend);
        let ann = app.signed_in("ann").await;
        let before = events_in(&app, "S-0001");
        let form = [("by", "ben"), ("to", "amara"), ("at", "2027-01-05")];
        let page = ann
            .post("/cases/S-0001/record/mentor_responded", &form)
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{backend}");
        let mut wrong = form.to_vec();
        let other = "f".repeat(64);
        wrong.push(("csrf", &other));
        let page = ann
            .post("/cases/S-0001/record/mentor_responded", &wrong)
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{backend}");
        assert_eq!(
            events_in(&app, "S-0001"),
            before,
            "{backend}: nothing recorded"
        );
        assert_eq!(
            ann.post("/calendar", &[]).await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(ann.post("/logout", &[]).await.status, StatusCode::FORBIDDEN);
        assert_eq!(
            ann.get("/agenda").await.status,
            StatusCode::OK,
            "still signed in"
        );
        // Another session's token does not do either.
        let val = app.signed_in("val").await;
        let theirs = val.csrf().await;
        let mut borrowed = form.to_vec();
        borrowed.push(("csrf", &theirs));
        let page = ann
            .post("/cases/S-0001/record/mentor_responded", &borrowed)
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{backend}");
    }
}

#[tokio::test]
async fn a_viewer_reads_but_cannot_record() {
    for backend in backends() {
        let app = TestApp::new(backend);
        let val = app.signed_in("val").await;
        let case = val.get("/cases/S-0001").await;
        assert_eq!(case.status, StatusCode::OK);
        assert!(case.body.contains("amara"));
        assert!(!case.body.contains("Record"), "no way to record is offered");
        assert_eq!(
            val.get("/cases/S-0001/record").await.status,
            StatusCode::FORBIDDEN
        );
        assert_eq!(
            val.get("/cases/S-0001/record/mentor_responded")
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let csrf = val.csrf().await;
        let page = val
            .post(
                "/cases/S-0001/record/mentor_responded",
                &[
                    ("csrf", &csrf),
                    ("by", "ben"),
                    ("to", "amara"),
                    ("at", "2027-01-05"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::FORBIDDEN, "{backend}");
        assert!(
            page.body
                .contains("viewers can read cases but not record events")
        );
        assert_eq!(events_in(&app, "S-0001"), 1, "{backend}");
    }
}

#[tokio::test]
async fn case_text_is_escaped_everywhere() {
    let app = TestApp::new("sqlite");
    let ann = app.signed_in("ann").await;
    let escaped = "&#60;script&#62;alert(1)&#60;/script&#62;";
    for path in [
        "/agenda",
        "/cases/S-0009",
        "/cases/S-0009/history",
        "/cases/S-0009/record/mentor_responded",
    ] {
        let page = ann.get(path).await;
        assert_eq!(page.status, StatusCode::OK, "{path}");
        assert!(!page.body.contains(SCRIPT), "{path} holds the raw name");
        assert!(
            page.body.contains(escaped) || page.body.contains("&lt;script&gt;"),
            "{path} does not show the name"
        );
    }
    // A case id in the address is escaped in the error page too.
    let page = ann.get("/cases/%3Cb%3Eno%3C%2Fb%3E").await;
    assert_eq!(page.status, StatusCode::NOT_FOUND);
    assert!(!page.body.contains("<b>no</b>"));
}

#[tokio::test]
async fn repeated_failed_sign_ins_slow_down_per_account_and_per_address() {
    let app = TestApp::new("sqlite");
    let client = app.client();
    for _ in 0..mentor_web::throttle::ACCOUNT_FREE {
        let page = client.sign_in("ann", "wrong password").await;
        assert_eq!(page.status, StatusCode::UNAUTHORIZED);
    }
    // Now even the right password must wait, and says how long.
    let page = client.sign_in("ann", PASSWORD).await;
    assert_eq!(page.status, StatusCode::TOO_MANY_REQUESTS);
    assert!(page.body.contains("wait 1 seconds"), "{}", page.body);
    assert_eq!(page.header("retry-after"), "1");
    // Another account from the same address is not held back yet.
    assert_eq!(
        client.sign_in("val", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );
    app.wait(2);
    assert_eq!(
        client.sign_in("ann", PASSWORD).await.status,
        StatusCode::SEE_OTHER
    );

    // An address that tries many names is held back for every name.
    let app = TestApp::new("sqlite");
    let client = app.client();
    for i in 0..mentor_web::throttle::ADDRESS_FREE {
        client.sign_in(&format!("guess{i}"), "wrong password").await;
    }
    assert_eq!(
        client.sign_in("ann", PASSWORD).await.status,
        StatusCode::TOO_MANY_REQUESTS
    );
}

#[tokio::test]
async fn the_audit_log_keeps_sign_ins_and_recorded_events() {
    for backend in backends() {
        let app = TestApp::new(backend);
        let client = app.client();
        client.sign_in("ann", "wrong password").await;
        client.sign_in("nobody", "wrong password").await;
        let ann = app.signed_in("ann").await;
        let csrf = ann.csrf().await;
        let page = ann
            .post(
                "/cases/S-0001/record/mentor_responded",
                &[
                    ("csrf", &csrf),
                    ("by", "ben"),
                    ("to", "amara"),
                    ("at", "2027-01-05"),
                ],
            )
            .await;
        assert_eq!(page.status, StatusCode::SEE_OTHER, "{}", page.body);
        let log = app.with_store(|s| s.audit_log(100).unwrap());
        let lines: Vec<String> = log
            .iter()
            .rev()
            .map(|r| format!("{} {} {} {}", r.kind, r.account, r.address, r.detail))
            .collect();
        let seq = app.with_store(|s| s.last_entry().unwrap());
        assert_eq!(
            lines,
            vec![
                "login_failed ann 10.0.0.7 wrong name or password".to_string(),
                "login_failed nobody 10.0.0.7 wrong name or password".to_string(),
                "login ann 10.0.0.7 signed in as coordinator".to_string(),
                format!("recorded ann 10.0.0.7 entry {seq} (mentor_responded) in case S-0001"),
            ],
            "{backend}"
        );
        // The audit log is append-only.
        let refused = blocking(|| match &app.location {
            mentor_store::Location::Sqlite(path) => rusqlite_refuses(path),
            mentor_store::Location::Postgres(url) => {
                let mut c = postgres::Client::connect(url, postgres::NoTls).unwrap();
                c.batch_execute("DELETE FROM audit").is_err()
                    && c.batch_execute("UPDATE audit SET kind = 'x'").is_err()
            }
        });
        assert!(refused, "{backend}: the audit log could be changed");
    }
}

/// Whether SQLite itself refuses to change or delete audit lines.
fn rusqlite_refuses(path: &std::path::Path) -> bool {
    let conn = rusqlite::Connection::open(path).unwrap();
    conn.execute_batch("DELETE FROM audit").is_err()
        && conn.execute_batch("UPDATE audit SET kind = 'x'").is_err()
}

#[tokio::test]
async fn a_calendar_feed_answers_until_it_is_revoked() {
    for backend in backends() {
        let app = TestApp::new(backend);
        let ann = app.signed_in("ann").await;
        let csrf = ann.csrf().await;
        let made = ann
            .post("/calendar", &[("csrf", &csrf), ("party", "ben")])
            .await;
        assert_eq!(made.status, StatusCode::OK);
        let start = made.body.find("/feeds/").unwrap();
        let end = made.body[start..].find(".ics").unwrap();
        let path = format!("{}.ics", &made.body[start..start + end]);
        // The feed needs no session: its address is the secret.
        let feed = app.client().get(&path).await;
        assert_eq!(feed.status, StatusCode::OK, "{backend}");
        assert!(feed.header("content-type").starts_with("text/calendar"));
        assert_eq!(feed.header("cache-control"), "no-store");
        assert!(feed.body.starts_with("BEGIN:VCALENDAR\r\n"));
        let unfolded = feed.body.replace("\r\n ", "");
        assert!(
            unfolded.contains(
                "SUMMARY:OVERDUE: ben must reply to amara's request or decline amara's request (S-0001)"
            ),
            "{unfolded}"
        );
        // Only the SHA-256 of the token is kept.
        let token = &path["/feeds/".len()..path.len() - 4];
        let feeds = app.with_store(|s| s.feeds(Some("ann")).unwrap());
        assert_eq!(feeds.len(), 1);
        assert!(!format!("{feeds:?}").contains(token));
        // A wrong token, and then the revoked one, find nothing.
        assert_eq!(
            app.client()
                .get(&format!("/feeds/{}.ics", "a".repeat(64)))
                .await
                .status,
            StatusCode::NOT_FOUND
        );
        let id = feeds[0].id;
        assert_eq!(
            ann.post(&format!("/calendar/{id}/revoke"), &[])
                .await
                .status,
            StatusCode::FORBIDDEN
        );
        let revoked = ann
            .post(&format!("/calendar/{id}/revoke"), &[("csrf", &csrf)])
            .await;
        assert_eq!(revoked.status, StatusCode::SEE_OTHER);
        assert_eq!(
            app.client().get(&path).await.status,
            StatusCode::NOT_FOUND,
            "{backend}"
        );
        // Another account cannot revoke ann's feeds.
        let made = ann.post("/calendar", &[("csrf", &csrf)]).await;
        assert_eq!(made.status, StatusCode::OK);
        let second = app.with_store(|s| s.feeds(Some("ann")).unwrap()[1].id);
        let val = app.signed_in("val").await;
        let theirs = val.csrf().await;
        let page = val
            .post(&format!("/calendar/{second}/revoke"), &[("csrf", &theirs)])
            .await;
        assert_eq!(page.status, StatusCode::NOT_FOUND);
    }
}

#[tokio::test]
async fn a_disabled_account_loses_its_session_and_cannot_sign_in() {
    let app = TestApp::new("sqlite");
    let ann = app.signed_in("ann").await;
    app.with_store(|s| s.set_account_disabled("ann", true).unwrap());
    assert_eq!(ann.get("/agenda").await.status, StatusCode::SEE_OTHER);
    assert_eq!(
        app.client().sign_in("ann", PASSWORD).await.status,
        StatusCode::UNAUTHORIZED
    );
}

#[tokio::test]
async fn sessions_end_after_their_time() {
    let app = TestApp::new("sqlite");
    let ann = app.signed_in("ann").await;
    app.wait(11 * 3600);
    assert_eq!(ann.get("/agenda").await.status, StatusCode::OK);
    app.wait(2 * 3600);
    assert_eq!(ann.get("/agenda").await.status, StatusCode::SEE_OTHER);
}
