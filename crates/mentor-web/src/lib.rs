//! `mentor serve`: the coordinator's pages over a programme's case store.
//!
//! Server-rendered HTML that works without JavaScript: the agenda ([`pages::agenda`]), a
//! case with its duties and why ([`pages::case`]), a form to record an event
//! ([`pages::record`]), the case's log ([`pages::history`]) and calendar feeds
//! ([`pages::calendar`]). Handlers are thin: they call the store and mentor-agenda as the
//! command line does, and the words come from mentor-eval's `explain` and mentor-agenda, so
//! nothing is explained twice.
//!
//! Health data: every page is sent with a strict Content-Security-Policy and no caching
//! ([`headers`]); sessions live in HttpOnly, SameSite=Strict cookies ([`session`]); every
//! state-changing request carries a CSRF token; repeated failed sign-ins slow down
//! ([`throttle`]); nothing of a case is written to the process's output; the server makes
//! no outgoing connections.

pub mod address;
pub mod error;
pub mod headers;
pub mod pages;
pub mod password;
pub mod pool;
pub mod session;
pub mod snapshot;
pub mod state;
pub mod throttle;
pub mod token;

pub use state::{AppState, Config};

use axum::Router;
use axum::routing::{get, post};

/// The largest request body accepted (a form), in bytes.
pub const BODY_LIMIT: usize = 64 * 1024;

/// Every page of the application.
pub fn router(state: AppState) -> Router {
    Router::new()
        .route("/", get(pages::agenda::home))
        .route("/style.css", get(pages::assets::style))
        .route("/login", get(pages::login::form).post(pages::login::submit))
        .route("/logout", post(pages::login::logout))
        .route("/agenda", get(pages::agenda::page))
        .route("/cases/{case}", get(pages::case::page))
        .route("/cases/{case}/history", get(pages::history::page))
        .route("/cases/{case}/record", get(pages::record::choose))
        .route(
            "/cases/{case}/record/{event}",
            get(pages::record::form).post(pages::record::submit),
        )
        .route(
            "/calendar",
            get(pages::calendar::page).post(pages::calendar::create),
        )
        .route("/calendar/{id}/revoke", post(pages::calendar::revoke))
        .route("/feeds/{file}", get(pages::calendar::feed))
        .fallback(pages::not_found)
        .layer(axum::extract::DefaultBodyLimit::max(BODY_LIMIT))
        .layer(axum::middleware::from_fn(headers::secure))
        .with_state(state)
}

/// Serves the pages on `listener` until the process is stopped (Ctrl-C).
pub async fn serve(listener: tokio::net::TcpListener, state: AppState) -> std::io::Result<()> {
    let app = router(state).into_make_service_with_connect_info::<std::net::SocketAddr>();
    axum::serve(listener, app)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await
}

/// Starts the server on `address` and serves until Ctrl-C; `ready` is told the address it
/// listens on (useful with port 0). For front ends without a runtime of their own.
pub fn run(
    config: Config,
    address: std::net::SocketAddr,
    ready: impl FnOnce(std::net::SocketAddr),
) -> Result<(), String> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| format!("cannot start the server: {e}"))?;
    // Outside the runtime: a PostgreSQL store's client blocks.
    let state = AppState::open(config).map_err(|e| e.to_string())?;
    runtime.block_on(async {
        let listener = tokio::net::TcpListener::bind(address)
            .await
            .map_err(|e| format!("cannot listen on {address}: {e}"))?;
        let bound = listener
            .local_addr()
            .map_err(|e| format!("cannot listen on {address}: {e}"))?;
        ready(bound);
        serve(listener, state)
            .await
            .map_err(|e| format!("the server stopped: {e}"))
    })
}
