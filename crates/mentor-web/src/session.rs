//! Signing in: the session cookie (HttpOnly, SameSite=Strict, Secure behind TLS), the
//! signed-in person as an extractor, and the CSRF token every state-changing form carries.

use crate::error::PageError;
use crate::state::AppState;
use crate::token;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use mentor_store::Role;

/// The session cookie's name (with `__Host-` when cookies are Secure, so that only this
/// host over HTTPS can set it).
pub fn session_cookie(secure: bool) -> &'static str {
    if secure {
        "__Host-mentor_session"
    } else {
        "mentor_session"
    }
}

/// The cookie that carries the sign-in form's CSRF token (before there is a session).
pub fn login_cookie(secure: bool) -> &'static str {
    if secure {
        "__Host-mentor_login"
    } else {
        "mentor_login"
    }
}

/// A `Set-Cookie` value: HttpOnly, SameSite=Strict, for the whole site; `max_age` 0 removes it.
pub fn set_cookie(name: &str, value: &str, max_age: i64, secure: bool) -> String {
    let secure = if secure { "; Secure" } else { "" };
    format!("{name}={value}; Path=/; Max-Age={max_age}; HttpOnly; SameSite=Strict{secure}")
}

/// The value of a cookie of the request.
pub fn cookie(parts: &Parts, name: &str) -> Option<String> {
    parts
        .headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|pair| pair.trim().split_once('='))
        .find(|(n, _)| *n == name)
        .map(|(_, v)| v.trim().to_string())
}

/// The person signed in.
#[derive(Debug, Clone)]
pub struct SignedIn {
    pub account: String,
    pub role: Role,
    pub csrf: String,
    /// The SHA-256 of the session's token (to end it).
    pub token_sha256: String,
}

impl SignedIn {
    /// Refuses anyone who may not record.
    pub fn must_record(&self) -> Result<(), PageError> {
        if self.role.may_record() {
            Ok(())
        } else {
            Err(PageError::forbidden(format!(
                "`{}` is a viewer: viewers can read cases but not record events; ask a coordinator",
                self.account
            )))
        }
    }

    /// Refuses a form whose CSRF token is missing or not this session's.
    pub fn check_csrf(&self, given: Option<&str>) -> Result<(), PageError> {
        match given {
            Some(t) if token::same(t, &self.csrf) => Ok(()),
            _ => Err(PageError::csrf()),
        }
    }
}

/// Not signed in: to the sign-in page.
pub struct SignInFirst;

impl IntoResponse for SignInFirst {
    fn into_response(self) -> Response {
        Redirect::to("/login").into_response()
    }
}

impl FromRequestParts<AppState> for SignedIn {
    type Rejection = Response;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, Response> {
        let secure = state.config.secure_cookies;
        let Some(value) =
            cookie(parts, session_cookie(secure)).filter(|v| token::looks_like_token(v))
        else {
            return Err(SignInFirst.into_response());
        };
        let hash = token::sha256(&value);
        let now = state.now_text();
        let lookup = hash.clone();
        let session = state
            .pool
            .run(move |store| store.session(&lookup, &now))
            .await
            .map_err(IntoResponse::into_response)?
            .map_err(|e| PageError::store(e).into_response())?;
        match session {
            Some(s) => Ok(SignedIn {
                account: s.account,
                role: s.role,
                csrf: s.csrf,
                token_sha256: hash,
            }),
            None => Err(SignInFirst.into_response()),
        }
    }
}

/// A form's fields, in order, as sent (`name=value` pairs; a name may repeat).
pub type Fields = Vec<(String, String)>;

/// The first value of a field.
pub fn field<'a>(fields: &'a Fields, name: &str) -> Option<&'a str> {
    fields
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}
