//! Where a request came from: the peer's address, or, behind a reverse proxy that says so
//! (`--forwarded`), the last address of its `X-Forwarded-For` header (the one the proxy
//! added; anything else there could have come from the client).

use axum::extract::ConnectInfo;
use axum::extract::connect_info::MockConnectInfo;
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
            .next_back()
            .filter(|v| v.parse::<std::net::IpAddr>().is_ok())
    {
        return last.to_string();
    }
    let peer = parts
        .extensions
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0)
        // What tests put in place of a connection.
        .or_else(|| {
            parts
                .extensions
                .get::<MockConnectInfo<SocketAddr>>()
                .map(|c| c.0)
        });
    peer.map_or_else(|| "unknown".to_string(), |p| p.ip().to_string())
}
