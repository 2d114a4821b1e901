//! A page that could not be shown: its status and what to tell the person, as an HTML page.
//! Nothing here is written to the process's output.

use askama::Template;
use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use mentor_store::StoreError;

#[derive(Debug, Clone)]
pub struct PageError {
    pub status: StatusCode,
    pub message: String,
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage<'a> {
    title: &'a str,
    message: &'a str,
}

impl PageError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> Self {
        PageError {
            status,
            message: message.into(),
        }
    }

    pub fn not_found(message: impl Into<String>) -> Self {
        Self::new(StatusCode::NOT_FOUND, message)
    }

    pub fn forbidden(message: impl Into<String>) -> Self {
        Self::new(StatusCode::FORBIDDEN, message)
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "something went wrong on the server; try again",
        )
    }

    /// A problem with the store, worded as the command line words it.
    pub fn store(e: StoreError) -> Self {
        let status = match &e {
            StoreError::UnknownCase { .. } | StoreError::UnknownEntry { .. } => {
                StatusCode::NOT_FOUND
            }
            StoreError::Busy => StatusCode::SERVICE_UNAVAILABLE,
            StoreError::Conflict { .. } | StoreError::AlreadyCorrected { .. } => {
                StatusCode::CONFLICT
            }
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        Self::new(status, e.to_string())
    }

    /// The CSRF token was missing or wrong.
    pub fn csrf() -> Self {
        Self::forbidden(
            "this form is out of date or did not come from this site; go back, reload the page and try again",
        )
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let title = self
            .status
            .canonical_reason()
            .unwrap_or("Error")
            .to_string();
        let page = ErrorPage {
            title: &title,
            message: &self.message,
        };
        match page.render() {
            Ok(html) => (self.status, Html(html)).into_response(),
            Err(_) => (self.status, self.message).into_response(),
        }
    }
}
