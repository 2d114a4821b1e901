//! A bounded load test of `mentor serve` on loopback: a store of generated cases (10,000 by
//! default), a coordinator signed in, and the agenda page fetched by 50 clients at once,
//! each on its own kept-alive connection. Prints the latency percentiles; fails when any
//! request fails. The figures in BENCHMARKS.md come from a release build:
//!
//!   cargo run --release -p mentor-web --example load -- [CASES] [CLIENTS] [REQUESTS_PER_CLIENT]
//!
//! Only 127.0.0.1 is ever contacted, and every loop is bounded.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::{Days, NaiveDate, Utc};
use http_body_util::{BodyExt, Full};
use hyper::body::Bytes;
use hyper::{Request, StatusCode};
use hyper_util::rt::TokioIo;
use mentor_store::{Author, Location, Role, Store};
use mentor_web::{AppState, Config};
use std::time::{Duration, Instant};

const PASSWORD: &str = "load test password";

/// A small deterministic generator (no dependency, same cases every run).
struct Lcg(u64);
impl Lcg {
    fn next(&mut self, n: u64) -> u64 {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        (self.0 >> 33) % n
    }
}

/// A supportt case: a request some days before `day`, maybe answered, maybe with sessions.
fn case(i: usize, day: NaiveDate, rng: &mut Lcg) -> String {
    let requested = day.checked_sub_days(Days::new(rng.next(200))).unwrap();
    let mut events = vec![format!(
        r#"{{"at": "{requested}", "event": "mentoring_requested", "by": "mentee{i}", "to": "mentor{i}"}}"#
    )];
    if rng.next(3) > 0 {
        let answered = requested
            .checked_add_days(Days::new(1 + rng.next(9)))
            .unwrap()
            .min(day);
        events.push(format!(
            r#"{{"at": "{answered}", "event": "mentor_responded", "by": "mentor{i}", "to": "mentee{i}"}}"#
        ));
        let mut at = answered;
        for _ in 0..rng.next(4) {
            at = at.checked_add_days(Days::new(7 + rng.next(30))).unwrap();
            if at > day {
                break;
            }
            events.push(format!(
                r#"{{"at": "{at}", "event": "session_held", "by": "mentor{i}", "to": "mentee{i}", "data": {{"minutes": {}}}}}"#,
                30 + rng.next(60)
            ));
        }
    }
    format!(
        r#"{{"case": "L-{i:05}", "participants": [
          {{"id": "mentee{i}", "role": "mentee", "facts": {{"profession": "doctor", "postgraduate_trainee": true, "out_of_training": true, "returning_to_training": true}}}},
          {{"id": "mentor{i}", "role": "mentor", "facts": {{"course_sessions_attended": 2, "biography_submitted": true}}}},
          {{"id": "admin", "role": "admin"}}],
          "events": [{}]}}"#,
        events.join(", ")
    )
}

fn make_store(dir: &std::path::Path, cases: usize, day: NaiveDate) -> Location {
    let location = Location::Sqlite(dir.join("mentor.sqlite"));
    let policy = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../policies/supportt.mentor"),
    )
    .unwrap();
    let author = Author::new("load", Utc::now());
    let mut store = Store::create(&location, &policy, &author).unwrap();
    let mut rng = Lcg(7);
    let mut import = store.import(&author, day).unwrap();
    let policy = import.policy();
    for i in 0..cases {
        let text = case(i, day, &mut rng);
        let loaded = mentor_eval::load::load_json(policy.model(), &text, "generated").unwrap();
        import.add(&loaded).unwrap();
    }
    import.commit().unwrap();
    let hash = mentor_web::password::hash(PASSWORD).unwrap();
    store
        .add_account("load", Role::Coordinator, &hash, &Utc::now().to_rfc3339())
        .unwrap();
    location
}

type Sender = hyper::client::conn::http1::SendRequest<Full<Bytes>>;

async fn connect(address: std::net::SocketAddr) -> Sender {
    let stream = tokio::net::TcpStream::connect(address).await.unwrap();
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .unwrap();
    tokio::spawn(connection);
    sender
}

async fn send(
    sender: &mut Sender,
    request: Request<Full<Bytes>>,
) -> (StatusCode, hyper::HeaderMap, Bytes) {
    let response = sender.send_request(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let body = response.into_body().collect().await.unwrap().to_bytes();
    (status, headers, body)
}

fn cookie_of(headers: &hyper::HeaderMap, name: &str) -> String {
    headers
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.starts_with(&format!("{name}=")))
        .and_then(|v| v.split(';').next())
        .unwrap()
        .to_string()
}

/// Signs in through the form; the session cookie.
async fn sign_in(address: std::net::SocketAddr) -> String {
    let mut sender = connect(address).await;
    let get = Request::get("/login")
        .header("host", "127.0.0.1")
        .body(Full::new(Bytes::new()))
        .unwrap();
    let (_, headers, body) = send(&mut sender, get).await;
    let login = cookie_of(&headers, "mentor_login");
    let page = String::from_utf8_lossy(&body);
    let at = page.find("name=\"csrf\" value=\"").unwrap() + 19;
    let csrf = &page[at..at + 64];
    let form = format!(
        "csrf={csrf}&name=load&password={}",
        PASSWORD.replace(' ', "+")
    );
    let post = Request::post("/login")
        .header("host", "127.0.0.1")
        .header("cookie", login)
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Full::new(Bytes::from(form)))
        .unwrap();
    let (status, headers, _) = send(&mut sender, post).await;
    assert_eq!(status, StatusCode::SEE_OTHER, "signing in failed");
    cookie_of(&headers, "mentor_session")
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

fn ms(d: Duration) -> String {
    format!("{:.1} ms", d.as_secs_f64() * 1000.0)
}

fn main() {
    let mut args = std::env::args()
        .skip(1)
        .map(|a| a.parse::<usize>().expect("numbers only"));
    let cases = args.next().unwrap_or(10_000);
    let clients = args.next().unwrap_or(50);
    let per_client = args.next().unwrap_or(40);
    let day = NaiveDate::from_ymd_opt(2027, 6, 1).unwrap();
    let dir = tempfile::tempdir().unwrap();

    let started = Instant::now();
    let location = make_store(dir.path(), cases, day);
    println!(
        "store: {cases} generated cases, made in {:.1} s",
        started.elapsed().as_secs_f64()
    );

    let mut config = Config::new(location);
    config.at = Some(day);
    let state = AppState::open(config).unwrap();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .unwrap();
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        tokio::spawn(mentor_web::serve(listener, state));
        let session = sign_in(address).await;

        // The first request builds the agenda kept ready; measured apart.
        let mut sender = connect(address).await;
        let first = Instant::now();
        let get = || {
            Request::get("/agenda")
                .header("host", "127.0.0.1")
                .header("cookie", session.clone())
                .body(Full::new(Bytes::new()))
                .unwrap()
        };
        let (status, _, body) = send(&mut sender, get()).await;
        assert_eq!(status, StatusCode::OK);
        let page = String::from_utf8_lossy(&body);
        let summary = page
            .split("<p class=\"summary\">")
            .nth(1)
            .and_then(|s| s.split('<').next())
            .unwrap_or("?")
            .to_string();
        println!("first agenda (builds the kept agenda): {} ({summary})", ms(first.elapsed()));

        let run = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..clients {
            let session = session.clone();
            tasks.push(tokio::spawn(async move {
                let mut sender = connect(address).await;
                let mut times = Vec::with_capacity(per_client);
                for _ in 0..per_client {
                    let request = Request::get("/agenda")
                        .header("host", "127.0.0.1")
                        .header("cookie", session.clone())
                        .body(Full::new(Bytes::new()))
                        .unwrap();
                    let t = Instant::now();
                    let (status, _, body) = send(&mut sender, request).await;
                    times.push(t.elapsed());
                    assert_eq!(status, StatusCode::OK, "a request failed");
                    assert!(body.len() > 1000, "an agenda came back empty");
                }
                times
            }));
        }
        let mut times = Vec::new();
        for t in tasks {
            times.extend(t.await.unwrap());
        }
        let wall = run.elapsed();
        times.sort_unstable();
        println!(
            "agenda page, {clients} clients x {per_client} requests = {} requests in {:.2} s ({:.0} requests/s)",
            times.len(),
            wall.as_secs_f64(),
            times.len() as f64 / wall.as_secs_f64()
        );
        println!(
            "latency: p50 {}  p90 {}  p99 {}  max {}",
            ms(percentile(&times, 0.50)),
            ms(percentile(&times, 0.90)),
            ms(percentile(&times, 0.99)),
            ms(percentile(&times, 1.0))
        );
    });
}
