//! Two coordinators recording into the same case at the same moment: both are kept.

use crate::support::{TestApp, backends, events_in};
use axum::http::StatusCode;

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_clients_recording_into_one_case_at_once_lose_nothing() {
    for backend in backends() {
        let app = TestApp::new(backend);
        let ann = app.signed_in("ann").await;
        let other = app.signed_in("ann").await;
        let (a, b) = (ann.csrf().await, other.csrf().await);
        const EACH: usize = 8;
        let write = |client: crate::support::Client, csrf: String, day: u32| async move {
            let mut codes = Vec::new();
            for i in 0..EACH {
                let at = format!("2027-01-{:02}", day + (i as u32 % 2));
                let minutes = (30 + i).to_string();
                let page = client
                    .post(
                        "/cases/S-0001/record/session_held",
                        &[
                            ("csrf", &csrf),
                            ("by", "ben"),
                            ("to", "amara"),
                            ("at", &at),
                            ("data.minutes", &minutes),
                        ],
                    )
                    .await;
                codes.push(page.status);
            }
            codes
        };
        let (first, second) = tokio::join!(
            tokio::spawn(write(ann.clone(), a, 2)),
            tokio::spawn(write(other.clone(), b, 4))
        );
        for code in first.unwrap().into_iter().chain(second.unwrap()) {
            assert_eq!(code, StatusCode::SEE_OTHER, "{backend}");
        }
        assert_eq!(events_in(&app, "S-0001"), 1 + 2 * EACH, "{backend}");
        let verified = app.with_store(|s| s.verify().unwrap());
        assert!(
            verified.problems.is_empty(),
            "{backend}: {:?}",
            verified.problems
        );
    }
}
