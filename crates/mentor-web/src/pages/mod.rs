//! The pages: one module each, each a thin handler that asks the store, shapes what it got
//! for a template, and renders it.

pub mod agenda;
pub mod assets;
pub mod calendar;
pub mod case;
pub mod history;
pub mod login;
pub mod record;

use crate::error::PageError;
use crate::session::SignedIn;
use askama::Template;
use axum::response::{Html, IntoResponse, Response};

/// What the header of every signed-in page shows.
#[derive(Debug, Clone)]
pub struct Nav {
    pub account: String,
    pub role: &'static str,
    pub may_record: bool,
    pub csrf: String,
}

impl Nav {
    pub fn of(user: &SignedIn) -> Self {
        Nav {
            account: user.account.clone(),
            role: user.role.as_str(),
            may_record: user.role.may_record(),
            csrf: user.csrf.clone(),
        }
    }
}

/// Renders a template as a page.
pub fn render(page: &impl Template) -> Response {
    match page.render() {
        Ok(html) => Html(html).into_response(),
        Err(_) => PageError::internal().into_response(),
    }
}

/// A path to a case's page (the id percent-encoded).
pub fn case_path(case: &str) -> String {
    format!("/cases/{}", encode(case))
}

/// Percent-encodes a path segment or a query value.
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

pub async fn not_found() -> PageError {
    PageError::not_found("there is no such page")
}
