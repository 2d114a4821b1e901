//! Calendar feeds: each account makes feeds of its agenda (with the filters it is viewing)
//! at a secret address a calendar program can subscribe to, and revokes them. The feed is
//! mentor-agenda's iCalendar, as `mentor agenda --format ics` writes it.

use super::agenda::Filters;
use super::{Nav, render};
use crate::address;
use crate::error::PageError;
use crate::pages::login::audit;
use crate::session::{Fields, SignedIn, field};
use crate::snapshot;
use crate::state::AppState;
use crate::token;
use askama::Template;
use axum::extract::{Form, Path, State};
use axum::http::request::Parts;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use mentor_agenda::render::ics;
use mentor_store::Feed;

pub struct FeedView {
    pub id: i64,
    pub label: String,
    pub filters: String,
    pub created_at: String,
    pub revoked_at: Option<String>,
}

#[derive(Template)]
#[template(path = "calendar.html")]
struct CalendarPage {
    title: String,
    nav: Option<Nav>,
    feeds: Vec<FeedView>,
    /// The address of a feed just made: shown once, never again.
    new_url: Option<String>,
}

fn describe(filters: &Filters) -> String {
    let mut parts = Vec::new();
    if !filters.party.is_empty() {
        parts.push(format!("person {}", filters.party));
    }
    if !filters.role.is_empty() {
        parts.push(format!("role {}", filters.role));
    }
    if !filters.band.is_empty() {
        parts.push(format!("band {}", filters.band));
    }
    if parts.is_empty() {
        "the whole agenda".to_string()
    } else {
        parts.join(", ")
    }
}

fn filters_of(feed: &Feed) -> Filters {
    serde_json::from_str::<serde_json::Value>(&feed.query)
        .ok()
        .map(|v| {
            let text = |k: &str| v.get(k).and_then(|x| x.as_str()).unwrap_or("").to_string();
            Filters {
                party: text("party"),
                role: text("role"),
                band: text("band"),
                page: None,
            }
        })
        .unwrap_or_default()
}

async fn show(
    state: &AppState,
    user: &SignedIn,
    new_url: Option<String>,
) -> Result<Response, PageError> {
    let account = user.account.clone();
    let feeds = state
        .pool
        .run(move |store| store.feeds(Some(&account)))
        .await?
        .map_err(PageError::store)?;
    let feeds = feeds
        .iter()
        .map(|f| FeedView {
            id: f.id,
            label: f.label.clone(),
            filters: describe(&filters_of(f)),
            created_at: f.created_at.clone(),
            revoked_at: f.revoked_at.clone(),
        })
        .collect();
    Ok(render(&CalendarPage {
        title: "Calendar feeds".to_string(),
        nav: Some(Nav::of(user)),
        feeds,
        new_url,
    }))
}

/// `GET /calendar`
pub async fn page(State(state): State<AppState>, user: SignedIn) -> Result<Response, PageError> {
    show(&state, &user, None).await
}

/// `POST /calendar`: a new feed of the agenda with the filters given.
pub async fn create(
    State(state): State<AppState>,
    user: SignedIn,
    parts: Parts,
    Form(fields): Form<Fields>,
) -> Result<Response, PageError> {
    user.check_csrf(field(&fields, "csrf"))?;
    let filters = Filters {
        party: field(&fields, "party").unwrap_or("").trim().to_string(),
        role: field(&fields, "role").unwrap_or("").trim().to_string(),
        band: field(&fields, "band").unwrap_or("").trim().to_string(),
        page: None,
    };
    filters.query(state.today())?;
    let label = field(&fields, "label")
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map_or_else(|| describe(&filters), |l| l.chars().take(100).collect());
    let query =
        serde_json::json!({"party": filters.party, "role": filters.role, "band": filters.band})
            .to_string();
    let secret = token::new_token().map_err(|_| PageError::internal())?;
    let hash = token::sha256(&secret);
    let account = user.account.clone();
    let at = state.now_text();
    let feed = state
        .pool
        .run(move |store| store.add_feed(&hash, &account, &label, &query, &at))
        .await?
        .map_err(PageError::store)?;
    let from = address::of(&parts, state.config.trust_forwarded);
    audit(
        &state,
        "feed_created",
        &user.account,
        &from,
        format!("feed {}", feed.id),
    )
    .await?;
    let host = parts
        .headers
        .get(header::HOST)
        .and_then(|h| h.to_str().ok())
        .filter(|h| {
            h.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | ':' | '-' | '[' | ']'))
        })
        .unwrap_or("localhost");
    let scheme = if state.config.secure_cookies {
        "https"
    } else {
        "http"
    };
    show(
        &state,
        &user,
        Some(format!("{scheme}://{host}/feeds/{secret}.ics")),
    )
    .await
}

/// `POST /calendar/{id}/revoke`
pub async fn revoke(
    State(state): State<AppState>,
    user: SignedIn,
    Path(id): Path<i64>,
    parts: Parts,
    Form(fields): Form<Fields>,
) -> Result<Response, PageError> {
    user.check_csrf(field(&fields, "csrf"))?;
    let account = user.account.clone();
    let at = state.now_text();
    let revoked = state
        .pool
        .run(move |store| store.revoke_feed(id, Some(&account), &at))
        .await?
        .map_err(PageError::store)?;
    if !revoked {
        return Err(PageError::not_found(format!(
            "you have no feed {id} to revoke"
        )));
    }
    let from = address::of(&parts, state.config.trust_forwarded);
    audit(
        &state,
        "feed_revoked",
        &user.account,
        &from,
        format!("feed {id}"),
    )
    .await?;
    Ok(Redirect::to("/calendar").into_response())
}

/// `GET /feeds/{token}.ics`: the feed, for a calendar program (no session: the address is
/// the secret).
pub async fn feed(
    State(state): State<AppState>,
    Path(file): Path<String>,
) -> Result<Response, PageError> {
    let secret = file.strip_suffix(".ics").unwrap_or(&file);
    let gone = || PageError::not_found("there is no such calendar feed (it may have been revoked)");
    if !token::looks_like_token(secret) {
        return Err(gone());
    }
    let hash = token::sha256(secret);
    let feed = state
        .pool
        .run(move |store| store.feed(&hash))
        .await?
        .map_err(PageError::store)?
        .ok_or_else(gone)?;
    let snapshot = snapshot::current(&state).await?;
    let filters = filters_of(&feed);
    let agenda = snapshot.filtered(filters.query(snapshot.day)?);
    let policy_file = format!("policy version {}", snapshot.policy_version);
    let body = ics::render(
        &agenda,
        ics::Calendar {
            programme: &snapshot.programme,
            policy_file: &policy_file,
        },
    );
    Ok((
        StatusCode::OK,
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "inline; filename=\"agenda.ics\"",
            ),
        ],
        body,
    )
        .into_response())
}
