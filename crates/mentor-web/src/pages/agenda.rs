//! The agenda page: the bands of `mentor agenda` (overdue first), filtered by person, role
//! and band, a page of rows at a time; each row links to its case. Bands are shown by
//! colour and by their name in words.

use super::{Nav, case_path, encode, render};
use crate::error::PageError;
use crate::session::SignedIn;
use crate::snapshot::{self, Counts};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use mentor_agenda::render::when;
use mentor_agenda::{Agenda, Band};
use serde::Deserialize;

/// Rows on one page.
pub const PAGE_SIZE: usize = 100;

/// The filters of the agenda, as in its address.
#[derive(Debug, Clone, Default, Deserialize)]
pub struct Filters {
    #[serde(default)]
    pub party: String,
    #[serde(default)]
    pub role: String,
    #[serde(default)]
    pub band: String,
    #[serde(default)]
    pub page: Option<usize>,
}

impl Filters {
    /// The query mentor-agenda filters by; a band name that is not one is an error.
    pub fn query(&self, day: chrono::NaiveDate) -> Result<mentor_agenda::Query, PageError> {
        let mut q = mentor_agenda::Query::on(day);
        let party = self.party.trim();
        if !party.is_empty() {
            q.parties.push(party.to_string());
        }
        let role = self.role.trim();
        if !role.is_empty() {
            q.roles.push(role.to_string());
        }
        let band = self.band.trim();
        if !band.is_empty() {
            let b = Band::parse(band).ok_or_else(|| {
                PageError::new(
                    axum::http::StatusCode::BAD_REQUEST,
                    format!("`{band}` is not a band; choose one from the list"),
                )
            })?;
            q.bands.push(b);
        }
        Ok(q)
    }

    /// The address of this agenda on another page.
    fn with_page(&self, page: usize) -> String {
        format!(
            "/agenda?party={}&role={}&band={}&page={page}",
            encode(self.party.trim()),
            encode(self.role.trim()),
            encode(self.band.trim())
        )
    }

    fn is_empty(&self) -> bool {
        self.party.trim().is_empty() && self.role.trim().is_empty() && self.band.trim().is_empty()
    }
}

pub struct RowView {
    pub case: String,
    pub href: String,
    pub band: &'static str,
    pub band_title: &'static str,
    pub party: String,
    pub what: String,
    pub due: String,
    pub when: String,
    pub warning: Option<&'static str>,
    pub because: String,
}

pub struct Section {
    pub key: &'static str,
    pub title: &'static str,
    pub rows: Vec<RowView>,
}

pub struct BandCount {
    pub key: &'static str,
    pub title: &'static str,
    pub count: usize,
}

pub struct Choice {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

#[derive(Template)]
#[template(path = "agenda.html")]
struct AgendaPage {
    title: String,
    nav: Option<Nav>,
    day: String,
    party: String,
    roles: Vec<Choice>,
    bands: Vec<Choice>,
    counts: Vec<BandCount>,
    summary: String,
    sections: Vec<Section>,
    errors: Vec<(String, String)>,
    previous: Option<String>,
    next: Option<String>,
    page_note: String,
}

/// `GET /`: the agenda.
pub async fn home(_user: SignedIn) -> Redirect {
    Redirect::to("/agenda")
}

fn row_view(row: &mentor_agenda::Row, as_of: chrono::NaiveDate) -> RowView {
    let d = &row.duty;
    RowView {
        case: d.case.clone(),
        href: case_path(&d.case),
        band: row.band.as_str(),
        band_title: row.band.title(),
        party: d
            .party
            .clone()
            .unwrap_or_else(|| format!("(nobody in the case is the {})", d.role)),
        what: d.what.clone(),
        due: d.due.map(|d| d.to_string()).unwrap_or_default(),
        when: when(d.due, as_of),
        warning: row.warning.map(|w| w.describe()),
        because: d.because.clone(),
    }
}

/// `GET /agenda?party=&role=&band=&page=`
pub async fn page(
    State(state): State<AppState>,
    user: SignedIn,
    Query(filters): Query<Filters>,
) -> Result<Response, PageError> {
    let snapshot = snapshot::current(&state).await?;
    let query = filters.query(snapshot.day)?;
    let filtered;
    let (agenda, counts): (&Agenda, Counts) = if filters.is_empty() {
        (&snapshot.agenda, snapshot.counts.clone())
    } else {
        filtered = snapshot.filtered(query);
        let counts = Counts::of(&filtered);
        (&filtered, counts)
    };
    let as_of = snapshot.day;
    let total = agenda.rows.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = filters.page.unwrap_or(1).clamp(1, pages);
    let start = (page - 1) * PAGE_SIZE;
    let shown = agenda.rows.iter().skip(start).take(PAGE_SIZE);
    let mut sections: Vec<Section> = Vec::new();
    for row in shown {
        let key = row.band.as_str();
        if sections.last().is_none_or(|s| s.key != key) {
            sections.push(Section {
                key,
                title: row.band.title(),
                rows: Vec::new(),
            });
        }
        if let Some(s) = sections.last_mut() {
            s.rows.push(row_view(row, as_of));
        }
    }
    let band_counts = Band::ALL
        .iter()
        .zip(&counts.bands)
        .map(|(b, n)| BandCount {
            key: b.as_str(),
            title: b.title(),
            count: *n,
        })
        .collect();
    let summary = format!(
        "{} open {} in {} of {} cases",
        total,
        if total == 1 { "duty" } else { "duties" },
        counts.cases_with_duties,
        agenda.cases
    );
    let page_note = if pages > 1 {
        format!(
            "rows {} to {} of {total} (page {page} of {pages})",
            start + 1,
            (start + PAGE_SIZE).min(total)
        )
    } else {
        String::new()
    };
    let roles = std::iter::once(Choice {
        value: String::new(),
        label: "any role".to_string(),
        selected: filters.role.trim().is_empty(),
    })
    .chain(snapshot.roles.iter().map(|r| Choice {
        value: r.clone(),
        label: r.clone(),
        selected: filters.role.trim() == r,
    }))
    .collect();
    let chosen_band = Band::parse(&filters.band);
    let bands = std::iter::once(Choice {
        value: String::new(),
        label: "any band".to_string(),
        selected: chosen_band.is_none(),
    })
    .chain(Band::ALL.iter().map(|b| Choice {
        value: b.as_str().to_string(),
        label: b.title().to_string(),
        selected: chosen_band == Some(*b),
    }))
    .collect();
    let body = AgendaPage {
        title: "Agenda".to_string(),
        nav: Some(Nav::of(&user)),
        day: as_of.to_string(),
        party: filters.party.trim().to_string(),
        roles,
        bands,
        counts: band_counts,
        summary,
        sections,
        errors: agenda
            .errors
            .iter()
            .map(|e| (e.case.clone(), e.message.clone()))
            .collect(),
        previous: (page > 1).then(|| filters.with_page(page - 1)),
        next: (page < pages).then(|| filters.with_page(page + 1)),
        page_note,
    };
    Ok(render(&body).into_response())
}
