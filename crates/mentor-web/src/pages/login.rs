//! Signing in and out. The sign-in form carries a CSRF token that must match a cookie set
//! with the form; failed attempts are counted per account and per address and slow down;
//! every attempt, good or bad, is written to the audit log.

use super::render;
use crate::address;
use crate::error::PageError;
use crate::password;
use crate::session::{Fields, SignedIn, cookie, field, login_cookie, session_cookie, set_cookie};
use crate::state::AppState;
use crate::throttle;
use crate::token;
use askama::Template;
use axum::extract::{Form, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use chrono::TimeDelta;
use mentor_store::AuditRecord;

#[derive(Template)]
#[template(path = "login.html")]
struct LoginPage<'a> {
    title: &'a str,
    nav: Option<super::Nav>,
    csrf: &'a str,
    name: &'a str,
    error: Option<String>,
}

fn page(state: &AppState, status: StatusCode, name: &str, error: Option<String>) -> Response {
    let csrf = match token::new_token() {
        Ok(t) => t,
        Err(_) => return PageError::internal().into_response(),
    };
    let secure = state.config.secure_cookies;
    let body = render(&LoginPage {
        title: "Sign in",
        nav: None,
        csrf: &csrf,
        name,
        error,
    });
    (
        status,
        [(
            header::SET_COOKIE,
            set_cookie(login_cookie(secure), &csrf, 3600, secure),
        )],
        body,
    )
        .into_response()
}

/// `GET /login`
pub async fn form(State(state): State<AppState>) -> Response {
    page(&state, StatusCode::OK, "", None)
}

/// Writes a line to the audit log; a failure to write it is reported, not hidden.
pub async fn audit(
    state: &AppState,
    kind: &str,
    account: &str,
    address: &str,
    detail: String,
) -> Result<(), PageError> {
    let record = AuditRecord {
        seq: 0,
        at: state.now_text(),
        kind: kind.to_string(),
        account: account.to_string(),
        address: address.to_string(),
        detail,
    };
    state
        .pool
        .run(move |store| store.audit(&record))
        .await?
        .map(|_| ())
        .map_err(PageError::store)
}

/// `POST /login`
pub async fn submit(
    State(state): State<AppState>,
    parts: Parts,
    Form(fields): Form<Fields>,
) -> Response {
    match sign_in(&state, &parts, &fields).await {
        Ok(r) | Err(r) => r,
    }
}

async fn sign_in(state: &AppState, parts: &Parts, fields: &Fields) -> Result<Response, Response> {
    let secure = state.config.secure_cookies;
    let name = field(fields, "name").unwrap_or("").trim().to_string();
    let given = field(fields, "password").unwrap_or("").to_string();
    let csrf_ok = match (field(fields, "csrf"), cookie(parts, login_cookie(secure))) {
        (Some(f), Some(c)) => token::same(f, &c),
        _ => false,
    };
    if !csrf_ok {
        return Err(PageError::csrf().into_response());
    }
    let from = address::of(parts, state.config.trust_forwarded);
    let keys = throttle::keys(&name, &from);
    let now = state.now();
    let wait = state.throttle.lock().ok().and_then(|t| t.wait(&keys, now));
    if let Some(seconds) = wait {
        audit(
            state,
            "login_refused",
            &name,
            &from,
            format!("too many failed attempts; {seconds} s to wait"),
        )
        .await
        .map_err(IntoResponse::into_response)?;
        let message = format!(
            "too many failed sign-ins for this account or from this place; wait {seconds} seconds and try again"
        );
        let mut r = page(state, StatusCode::TOO_MANY_REQUESTS, &name, Some(message));
        if let Ok(v) = seconds.to_string().parse() {
            r.headers_mut().insert(header::RETRY_AFTER, v);
        }
        return Err(r);
    }
    let lookup = name.clone();
    let account = state
        .pool
        .run(move |store| store.account(&lookup))
        .await
        .map_err(IntoResponse::into_response)?
        .map_err(|e| PageError::store(e).into_response())?;
    let hash = account.as_ref().filter(|a| !a.disabled).map_or_else(
        || password::decoy().to_string(),
        |a| a.password_hash.clone(),
    );
    let matches = tokio::task::spawn_blocking(move || password::verify(&given, &hash))
        .await
        .unwrap_or(false);
    let account = account.filter(|a| matches && !a.disabled);
    let Some(account) = account else {
        if let Ok(mut t) = state.throttle.lock() {
            t.failed(&keys, now);
        }
        audit(
            state,
            "login_failed",
            &name,
            &from,
            "wrong name or password".to_string(),
        )
        .await
        .map_err(IntoResponse::into_response)?;
        return Err(page(
            state,
            StatusCode::UNAUTHORIZED,
            &name,
            Some("the name or the password is not right".to_string()),
        ));
    };
    if let Ok(mut t) = state.throttle.lock() {
        t.succeeded(&keys);
    }
    let (session, csrf) = match (token::new_token(), token::new_token()) {
        (Ok(s), Ok(c)) => (s, c),
        _ => return Err(PageError::internal().into_response()),
    };
    let hours = state.config.session_hours;
    let created = state.now_text();
    let expires =
        (now + TimeDelta::hours(hours)).to_rfc3339_opts(chrono::SecondsFormat::Secs, true);
    let hash = token::sha256(&session);
    let who = account.name.clone();
    state
        .pool
        .run(move |store| store.start_session(&hash, &who, &csrf, &created, &expires))
        .await
        .map_err(IntoResponse::into_response)?
        .map_err(|e| PageError::store(e).into_response())?;
    audit(
        state,
        "login",
        &account.name,
        &from,
        format!("signed in as {}", account.role.as_str()),
    )
    .await
    .map_err(IntoResponse::into_response)?;
    let mut response = Redirect::to("/agenda").into_response();
    let headers = response.headers_mut();
    for value in [
        set_cookie(session_cookie(secure), &session, hours * 3600, secure),
        set_cookie(login_cookie(secure), "", 0, secure),
    ] {
        if let Ok(v) = value.parse() {
            headers.append(header::SET_COOKIE, v);
        }
    }
    Ok(response)
}

/// `POST /logout`
pub async fn logout(
    State(state): State<AppState>,
    user: SignedIn,
    parts: Parts,
    Form(fields): Form<Fields>,
) -> Result<Response, PageError> {
    user.check_csrf(field(&fields, "csrf"))?;
    let hash = user.token_sha256.clone();
    state
        .pool
        .run(move |store| store.end_session(&hash))
        .await?
        .map_err(PageError::store)?;
    let from = address::of(&parts, state.config.trust_forwarded);
    audit(
        &state,
        "logout",
        &user.account,
        &from,
        "signed out".to_string(),
    )
    .await?;
    let secure = state.config.secure_cookies;
    Ok((
        [(
            header::SET_COOKIE,
            set_cookie(session_cookie(secure), "", 0, secure),
        )],
        Redirect::to("/login"),
    )
        .into_response())
}
