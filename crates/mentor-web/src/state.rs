//! What every request shares: the configuration, the pool of store connections, the clock,
//! the sign-in throttle and the agenda kept ready.

use crate::pool::Pool;
use crate::snapshot::Snapshot;
use crate::throttle::Throttle;
use chrono::{DateTime, NaiveDate, Utc};
use mentor_store::Location;
use std::sync::{Arc, Mutex};

/// How the server was started.
#[derive(Debug, Clone)]
pub struct Config {
    pub location: Location,
    /// Send cookies with `Secure` (only over HTTPS): set it behind a TLS reverse proxy.
    pub secure_cookies: bool,
    /// Take the client's address from `X-Forwarded-For` (set it behind a reverse proxy).
    pub trust_forwarded: bool,
    /// Show the pages as of this day instead of today (for demonstrations and tests).
    pub at: Option<NaiveDate>,
    /// How long a session lasts, in hours.
    pub session_hours: i64,
}

impl Config {
    pub fn new(location: Location) -> Self {
        Config {
            location,
            secure_cookies: false,
            trust_forwarded: false,
            at: None,
            session_hours: 12,
        }
    }
}

/// The time now (a function, so that tests can move it).
pub type Clock = Arc<dyn Fn() -> DateTime<Utc> + Send + Sync>;

pub struct Inner {
    pub config: Config,
    pub pool: Arc<Pool>,
    pub clock: Clock,
    pub throttle: Mutex<Throttle>,
    pub snapshot: Mutex<Option<Arc<Snapshot>>>,
}

/// The application's shared state.
#[derive(Clone)]
pub struct AppState(pub Arc<Inner>);

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// The state for a store; opens one connection to check that the store is there.
    pub fn open(config: Config) -> Result<AppState, mentor_store::StoreError> {
        Self::with_clock(config, Arc::new(Utc::now))
    }

    pub fn with_clock(config: Config, clock: Clock) -> Result<AppState, mentor_store::StoreError> {
        let pool = Pool::new(config.location.clone());
        pool.check()?;
        Ok(AppState(Arc::new(Inner {
            config,
            pool: Arc::new(pool),
            clock,
            throttle: Mutex::new(Throttle::default()),
            snapshot: Mutex::new(None),
        })))
    }

    pub fn now(&self) -> DateTime<Utc> {
        (self.clock)()
    }

    /// Now in UTC as the store keeps times (RFC 3339, whole seconds).
    pub fn now_text(&self) -> String {
        self.now()
            .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
    }

    /// The day the pages are for: `--at`, else today in the machine's time zone (as the
    /// command line takes it).
    pub fn today(&self) -> NaiveDate {
        self.config
            .at
            .unwrap_or_else(|| self.now().with_timezone(&chrono::Local).date_naive())
    }
}
