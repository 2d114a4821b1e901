//! A case's history: the append-only log, each entry with who recorded it and when, and
//! corrections with their reasons (as `mentor history` shows it).

use super::{Nav, case_path, render};
use crate::error::PageError;
use crate::session::SignedIn;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, State};
use axum::response::Response;
use mentor_store::{HistoryItem, Kind};

pub struct EntryView {
    pub seq: i64,
    pub kind: &'static str,
    pub what: String,
    pub recorded_by: String,
    pub recorded_at: String,
    pub corrects: Option<i64>,
    pub reason: String,
    pub corrected_by: Option<i64>,
}

#[derive(Template)]
#[template(path = "history.html")]
struct HistoryPage {
    title: String,
    nav: Option<Nav>,
    case: String,
    path: String,
    entries: Vec<EntryView>,
}

/// What an entry records, in a line: the case file's own words for it.
fn what(item: &HistoryItem) -> String {
    let json = item.entry.json();
    let text = |key: &str| {
        json.get(key)
            .and_then(|v| v.as_str())
            .unwrap_or("")
            .to_string()
    };
    match item.entry.kind {
        Kind::Case => "case opened".to_string(),
        Kind::Participant => format!("participant {} ({})", text("id"), text("role")),
        Kind::Event => {
            let mut s = format!("{} by {}", text("event"), text("by"));
            if let Some(to) = json.get("to").and_then(|v| v.as_str()) {
                s.push_str(&format!(" to {to}"));
            }
            s.push_str(&format!(" on {}", text("at")));
            if let Some(data) = json.get("data").and_then(|v| v.as_object()) {
                let fields: Vec<String> = data.iter().map(|(k, v)| format!("{k} {v}")).collect();
                s.push_str(&format!(" ({})", fields.join(", ")));
            }
            s
        }
        Kind::Correction => {
            let action = text("action");
            let target = item
                .entry
                .corrects
                .map(|c| c.to_string())
                .unwrap_or_default();
            match json.get("with") {
                Some(with) if action == "replace" => format!("replaces entry {target} with {with}"),
                _ => format!("voids entry {target}"),
            }
        }
        Kind::Policy => format!(
            "policy version {}",
            json.get("version")
                .map(|v| v.to_string())
                .unwrap_or_default()
        ),
    }
}

/// `GET /cases/{case}/history`
pub async fn page(
    State(state): State<AppState>,
    user: SignedIn,
    Path(case): Path<String>,
) -> Result<Response, PageError> {
    let id = case.clone();
    let items = state
        .pool
        .run(move |store| store.history(&id))
        .await?
        .map_err(PageError::store)?;
    let entries = items
        .iter()
        .map(|item| EntryView {
            seq: item.entry.seq,
            kind: item.entry.kind.as_str(),
            what: what(item),
            recorded_by: item.entry.recorded_by.clone(),
            recorded_at: item.entry.recorded_at.clone(),
            corrects: item.entry.corrects,
            reason: item
                .entry
                .json()
                .get("reason")
                .and_then(|v| v.as_str())
                .unwrap_or("")
                .to_string(),
            corrected_by: item.corrected_by,
        })
        .collect();
    Ok(render(&HistoryPage {
        title: format!("History of case {case}"),
        nav: Some(Nav::of(&user)),
        path: case_path(&case),
        case,
        entries,
    }))
}
