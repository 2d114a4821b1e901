//! A store with cases and accounts for a test, the application over it with a clock the
//! test moves, and a browser-like client that keeps its cookies.

use axum::Router;
use axum::body::Body;
use axum::extract::connect_info::MockConnectInfo;
use axum::http::{Request, Response, StatusCode, header};
use chrono::{NaiveDate, TimeDelta, Utc};
use mentor_store::{Author, Location, Role, Store};
use mentor_web::{AppState, Config};
use std::net::SocketAddr;
use std::path::Path;
use std::sync::atomic::{AtomicI64, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use tower::ServiceExt;

pub const PASSWORD: &str = "a long enough password";
pub const SCRIPT: &str = "<script>alert(1)</script>";

/// The day the pages are shown on: S-0001's response (requested 2026-12-18) is overdue.
pub fn day() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 5).unwrap()
}

fn workspace() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap()
        .parent()
        .unwrap()
}

/// A case whose mentee's name is markup.
fn hostile_case() -> String {
    format!(
        r#"{{"case": "S-0009", "participants": [
            {{"id": "{}", "role": "mentee", "facts": {{"profession": "doctor"}}}},
            {{"id": "ben", "role": "mentor"}}],
          "events": [{{"at": "2027-01-04", "event": "mentoring_requested", "by": "{}", "to": "ben"}}]}}"#,
        SCRIPT.replace('"', "\\\""),
        SCRIPT.replace('"', "\\\"")
    )
}

pub struct TestApp {
    pub router: Router,
    pub location: Location,
    /// Seconds added to the clock.
    pub offset: Arc<AtomicI64>,
    _dir: tempfile::TempDir,
    schema: Option<(String, String)>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some((base, schema)) = &self.schema {
            blocking(|| {
                if let Ok(mut client) = postgres_client(base) {
                    let _ =
                        client.batch_execute(&format!("DROP SCHEMA IF EXISTS {schema} CASCADE"));
                }
            });
        }
    }
}

fn postgres_client(url: &str) -> Result<postgres::Client, postgres::Error> {
    postgres::Client::connect(url, postgres::NoTls)
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

/// Where test stores go: SQLite always; PostgreSQL too when `MENTOR_TEST_POSTGRES` is set
/// (required when `CI=true`).
pub fn backends() -> Vec<&'static str> {
    match std::env::var("MENTOR_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => vec!["sqlite", "postgres"],
        _ => {
            assert!(
                std::env::var("CI").as_deref() != Ok("true"),
                "MENTOR_TEST_POSTGRES is not set: in CI the web tests run on PostgreSQL too"
            );
            vec!["sqlite"]
        }
    }
}

impl TestApp {
    /// A store with the supportt policy, S-0001 and S-0009, a coordinator `ann` and a
    /// viewer `val`.
    pub fn new(backend: &str) -> TestApp {
        Self::with_config(backend, |_| {})
    }

    pub fn with_config(backend: &str, configure: impl FnOnce(&mut Config) + Send) -> TestApp {
        blocking(|| Self::make(backend, configure))
    }

    fn make(backend: &str, configure: impl FnOnce(&mut Config)) -> TestApp {
        let dir = tempfile::tempdir().unwrap();
        let (location, schema) = match backend {
            "postgres" => {
                let base = std::env::var("MENTOR_TEST_POSTGRES").unwrap();
                let schema = format!(
                    "mentor_web_{}_{}",
                    std::process::id(),
                    NEXT.fetch_add(1, Ordering::SeqCst)
                );
                let mut client = postgres_client(&base).unwrap();
                client
                    .batch_execute(&format!(
                        "DROP SCHEMA IF EXISTS {schema} CASCADE; CREATE SCHEMA {schema}"
                    ))
                    .unwrap();
                let sep = if base.contains('?') { '&' } else { '?' };
                let url = format!("{base}{sep}options=-c%20search_path%3D{schema}");
                (Location::Postgres(url), Some((base, schema)))
            }
            _ => (Location::Sqlite(dir.path().join("mentor.sqlite")), None),
        };
        let policy = std::fs::read_to_string(workspace().join("policies/supportt.mentor")).unwrap();
        let author = Author::new("setup", Utc::now());
        let mut store = Store::create(&location, &policy, &author).unwrap();
        let first =
            std::fs::read_to_string(workspace().join("examples/supportt/awaiting-response.json"))
                .unwrap();
        {
            let mut import = store.import(&author, day()).unwrap();
            let model = import.policy();
            for (name, text) in [
                ("awaiting-response.json", first),
                ("hostile.json", hostile_case()),
            ] {
                let case = mentor_eval::load::load_json(model.model(), &text, name).unwrap();
                import.add(&case).unwrap();
            }
            import.commit().unwrap();
        }
        let at = Utc::now().to_rfc3339();
        for (name, role) in [("ann", Role::Coordinator), ("val", Role::Viewer)] {
            let hash = mentor_web::password::hash(PASSWORD).unwrap();
            store.add_account(name, role, &hash, &at).unwrap();
        }
        drop(store);
        let mut config = Config::new(location.clone());
        config.at = Some(day());
        configure(&mut config);
        let offset = Arc::new(AtomicI64::new(0));
        let moved = offset.clone();
        let start = Utc::now();
        let clock = Arc::new(move || start + TimeDelta::seconds(moved.load(Ordering::SeqCst)));
        let state = AppState::with_clock(config, clock).unwrap();
        let router = mentor_web::router(state.clone())
            .layer(MockConnectInfo(SocketAddr::from(([10, 0, 0, 7], 5000))));
        TestApp {
            router,
            location,
            offset,
            _dir: dir,
            schema,
        }
    }

    /// Moves the clock on.
    pub fn wait(&self, seconds: i64) {
        self.offset.fetch_add(seconds, Ordering::SeqCst);
    }

    /// Runs `job` on the store, off the async runtime (a PostgreSQL client blocks).
    pub fn with_store<T: Send>(&self, job: impl FnOnce(&mut Store) -> T + Send) -> T {
        blocking(|| job(&mut Store::open(&self.location).unwrap()))
    }

    pub fn client(&self) -> Client {
        Client {
            router: self.router.clone(),
            cookies: Arc::new(Mutex::new(Vec::new())),
        }
    }

    /// A client signed in as `name`.
    pub async fn signed_in(&self, name: &str) -> Client {
        let client = self.client();
        let r = client.sign_in(name, PASSWORD).await;
        assert_eq!(r.status, StatusCode::SEE_OTHER, "{}", r.body);
        client
    }
}

/// A response, read whole.
pub struct Page {
    pub status: StatusCode,
    pub headers: axum::http::HeaderMap,
    pub body: String,
}

impl Page {
    pub fn header(&self, name: &str) -> String {
        self.headers
            .get_all(name)
            .iter()
            .map(|v| v.to_str().unwrap().to_string())
            .collect::<Vec<_>>()
            .join("\n")
    }

    /// The value of the first `<input name="NAME" ... value="...">` of the page.
    pub fn input(&self, name: &str) -> Option<String> {
        let at = self.body.find(&format!("name=\"{name}\""))?;
        let rest = &self.body[at..];
        let v = rest.find("value=\"")? + 7;
        let end = rest[v..].find('"')?;
        Some(rest[v..v + end].to_string())
    }
}

/// Sends requests as a browser would: keeps the cookies it is given.
#[derive(Clone)]
pub struct Client {
    router: Router,
    cookies: Arc<Mutex<Vec<(String, String)>>>,
}

impl Client {
    pub async fn send(&self, request: Request<Body>) -> Page {
        let response: Response<Body> = self.router.clone().oneshot(request).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        for set in headers.get_all(header::SET_COOKIE) {
            let set = set.to_str().unwrap();
            let (pair, attributes) = set.split_once(';').unwrap_or((set, ""));
            let (name, value) = pair.split_once('=').unwrap();
            let mut jar = self.cookies.lock().unwrap();
            jar.retain(|(n, _)| n != name);
            if !value.is_empty() && !attributes.contains("Max-Age=0") {
                jar.push((name.to_string(), value.to_string()));
            }
        }
        let bytes = axum::body::to_bytes(response.into_body(), usize::MAX)
            .await
            .unwrap();
        Page {
            status,
            headers,
            body: String::from_utf8_lossy(&bytes).into_owned(),
        }
    }

    fn cookie_header(&self) -> String {
        self.cookies
            .lock()
            .unwrap()
            .iter()
            .map(|(n, v)| format!("{n}={v}"))
            .collect::<Vec<_>>()
            .join("; ")
    }

    pub async fn get(&self, path: &str) -> Page {
        let request = Request::get(path)
            .header(header::COOKIE, self.cookie_header())
            .body(Body::empty())
            .unwrap();
        self.send(request).await
    }

    pub async fn post(&self, path: &str, form: &[(&str, &str)]) -> Page {
        let body = form
            .iter()
            .map(|(k, v)| format!("{}={}", encode(k), encode(v)))
            .collect::<Vec<_>>()
            .join("&");
        let request = Request::post(path)
            .header(header::COOKIE, self.cookie_header())
            .header(header::CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(Body::from(body))
            .unwrap();
        self.send(request).await
    }

    /// Signs in through the form, as a person would.
    pub async fn sign_in(&self, name: &str, password: &str) -> Page {
        let form = self.get("/login").await;
        let csrf = form.input("csrf").unwrap();
        self.post(
            "/login",
            &[("csrf", &csrf), ("name", name), ("password", password)],
        )
        .await
    }

    /// The CSRF token of the session (from the sign-out form of any page).
    pub async fn csrf(&self) -> String {
        let page = self.get("/agenda").await;
        page.input("csrf").unwrap_or_else(|| {
            panic!(
                "no CSRF token on the agenda ({}): {}",
                page.status, page.body
            )
        })
    }
}

pub fn encode(text: &str) -> String {
    let mut out = String::new();
    for b in text.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// How many events case `id` holds now.
pub fn events_in(app: &TestApp, id: &str) -> usize {
    app.with_store(|s| {
        s.history(id)
            .unwrap()
            .iter()
            .filter(|h| h.entry.kind == mentor_store::Kind::Event)
            .count()
    })
}

/// Runs blocking work (the store's synchronous API) on a thread of its own.
pub fn blocking<T: Send>(job: impl FnOnce() -> T + Send) -> T {
    std::thread::scope(|s| s.spawn(job).join().unwrap())
}
