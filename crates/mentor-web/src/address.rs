//! Where a request came from: the peer's address, or, behind a reverse proxy that says so
//! (`--forwarded`), the last address of its `X-Forwarded-For` header.

use axum::extract::ConnectInfo;
use axum::http::request::Parts;
use std::net::SocketAddr;

/// The client's address, as text (`127.0.0.1`), or `unknown`.
pub fn of(parts: &Parts, trust_forwarded: bool) -> String {
    if trust_forwarded
        && let Some(last) = parts
            .headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .map(str::trim)
            .filter(|v| v.parse::<std::net::IpAddr>().is_ok())
            .last()
    {
        return last.to_string();
    }
    parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map_or_else(|| "unknown".to_string(), |c| c.0.ip().to_string())
}
