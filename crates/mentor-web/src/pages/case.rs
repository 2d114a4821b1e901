//! A case's page: its participants and their eligibility, every duty (open first) with the
//! event that started it, its due date, the event that met or broke it, the rule with its
//! `source` quotes and the plain-English why, the findings, and a timeline of its events.
//! The words come from mentor-eval's `explain` (the same as `mentor next`).

use super::{Nav, case_path, encode, render};
use crate::error::PageError;
use crate::session::SignedIn;
use crate::state::AppState;
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use mentor_eval::explain::{Words, show_value};
use mentor_eval::outcome::{Obligation, State as DutyState, Violation, ViolationKind};
use mentor_store::{CaseError, StoredCase};
use serde::Deserialize;

pub struct Link {
    pub label: String,
    pub href: String,
}

pub struct DutyView {
    /// `overdue`, `open`, `met`, `late` or `closed`: the colour.
    pub class: &'static str,
    /// The same in words.
    pub status: String,
    pub rule: String,
    pub kind: String,
    pub line: u32,
    pub sources: Vec<String>,
    pub party: String,
    pub what: String,
    pub started: String,
    pub due: String,
    pub outcome: String,
    pub broken: Vec<String>,
    pub because: String,
    pub if_missed: String,
    pub record: Vec<Link>,
}

pub struct ParticipantView {
    pub id: String,
    pub role: String,
    pub facts: Vec<(String, String)>,
    /// (badge class, verdict, because) for each eligibility rule of the participant.
    pub eligibility: Vec<(&'static str, &'static str, String)>,
}

pub struct EventView {
    pub at: String,
    /// What happened, in the policy's words: `amara asked ben for peer mentoring`.
    pub said: String,
    pub event: String,
    pub by: String,
    pub to: String,
    pub data: Vec<(String, String)>,
}

pub struct FindingView {
    pub at: String,
    pub severity: &'static str,
    pub rule: String,
    pub message: String,
}

#[derive(Template)]
#[template(path = "case.html")]
struct CasePage {
    title: String,
    nav: Option<Nav>,
    case: String,
    path: String,
    day: String,
    policy_version: i64,
    notice: Option<String>,
    participants: Vec<ParticipantView>,
    open: Vec<DutyView>,
    done: Vec<DutyView>,
    findings: Vec<FindingView>,
    events: Vec<EventView>,
    errors: Vec<String>,
}

#[derive(Debug, Default, Deserialize)]
pub struct Shown {
    /// The entry just recorded, to say so.
    pub recorded: Option<i64>,
}

/// Loads a stored case, or says why not.
pub async fn load(state: &AppState, case: &str) -> Result<StoredCase, PageError> {
    let id = case.to_string();
    match state.pool.run(move |store| store.case(&id, None)).await? {
        Ok(c) => Ok(c),
        Err(CaseError::Store(e)) => Err(PageError::store(e)),
        Err(CaseError::Invalid(r)) => Err(PageError::new(
            axum::http::StatusCode::CONFLICT,
            format!(
                "case `{}` does not load under the current policy ({} problems); see `mentor next {}`",
                r.case,
                r.problems.len(),
                r.case
            ),
        )),
    }
}

fn matches(v: &Violation, o: &Obligation) -> bool {
    v.rule == o.rule
        && v.party == o.party
        && match &v.kind {
            ViolationKind::Missed { due, .. } | ViolationKind::Late { due, .. } => {
                o.due == Some(*due)
            }
            _ => true,
        }
}

fn duty_view(
    words: &Words<'_>,
    stored: &StoredCase,
    o: &Obligation,
    violations: &[Violation],
    as_of: chrono::NaiveDate,
    may_record: bool,
) -> DutyView {
    let model = stored.policy.model();
    let case = &stored.case;
    let rule = model.rule(o.rule);
    let overdue = o.due.is_some_and(|d| as_of > d);
    let (class, status, outcome) = match o.state {
        DutyState::Open if overdue => (
            "overdue",
            "open and overdue".to_string(),
            "not done yet".to_string(),
        ),
        DutyState::Open => ("open", "open".to_string(), "not done yet".to_string()),
        DutyState::Met { event, late: false } => (
            "met",
            "met".to_string(),
            format!("met by {}", words.event(event)),
        ),
        DutyState::Met { event, late: true } => (
            "late",
            "met late".to_string(),
            format!("met late by {}", words.event(event)),
        ),
        DutyState::Closed { by, why } => (
            "closed",
            "no longer owed".to_string(),
            words.ended(why, by, o.rule),
        ),
    };
    let party = o.party.map_or_else(
        || format!("(nobody in the case is the {})", model.role_name(o.role)),
        |p| case.id_of(p).to_string(),
    );
    let started = if o.events.is_empty() {
        format!("from {}", o.since)
    } else {
        o.events
            .iter()
            .map(|&i| words.event(i))
            .collect::<Vec<_>>()
            .join("; ")
    };
    let record = if may_record && o.is_open() {
        o.actions
            .iter()
            .map(|a| {
                let name = model.event_name(*a);
                let mut href = format!("{}/record/{}?", case_path(&stored.id), encode(name));
                if let Some(p) = o.party {
                    href.push_str(&format!("by={}&", encode(case.id_of(p))));
                }
                if let Some(c) = o.counterpart {
                    href.push_str(&format!("to={}", encode(case.id_of(c))));
                }
                Link {
                    label: format!("Record: {}", words.to_do(&[*a], o.party, o.counterpart)),
                    href: href.trim_end_matches(['&', '?']).to_string(),
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    DutyView {
        class,
        status,
        rule: rule.map_or_else(String::new, |r| r.name.clone()),
        kind: rule.map_or_else(String::new, |r| r.kind.describe().to_string()),
        line: rule.map_or(0, |r| {
            mentor_diagnostics::LineIndex::new(&stored.policy.text)
                .line_col(&stored.policy.text, r.span.start())
                .line
        }),
        sources: rule.map_or_else(Vec::new, |r| r.sources.clone()),
        party,
        what: words.owes(o),
        started,
        due: o
            .due
            .map_or_else(|| "no deadline".to_string(), |d| d.to_string()),
        outcome,
        broken: violations
            .iter()
            .filter(|v| matches(v, o))
            .map(|v| words.message(v))
            .collect(),
        because: words.because(o),
        if_missed: words.if_missed(o),
        record,
    }
}

/// `GET /cases/{case}`
pub async fn page(
    State(state): State<AppState>,
    user: SignedIn,
    Path(case): Path<String>,
    Query(shown): Query<Shown>,
) -> Result<Response, PageError> {
    let stored = load(&state, &case).await?;
    let as_of = state.today();
    let model = stored.policy.model();
    let evaluation = mentor_eval::evaluate(model, &stored.case, as_of);
    let words = Words {
        model,
        case: &stored.case,
        policy_text: &stored.policy.text,
    };
    let may_record = user.role.may_record();
    let mut open: Vec<&Obligation> = evaluation.next();
    open.retain(|o| o.is_open());
    let open = open
        .into_iter()
        .map(|o| {
            duty_view(
                &words,
                &stored,
                o,
                &evaluation.violations,
                as_of,
                may_record,
            )
        })
        .collect();
    let mut done: Vec<&Obligation> = evaluation
        .obligations
        .iter()
        .filter(|o| !o.is_open())
        .collect();
    done.sort_by_key(|o| std::cmp::Reverse(o.since));
    let done = done
        .into_iter()
        .map(|o| {
            duty_view(
                &words,
                &stored,
                o,
                &evaluation.violations,
                as_of,
                may_record,
            )
        })
        .collect();
    let c = &stored.case;
    let participants = c
        .participants
        .iter()
        .enumerate()
        .map(|(i, p)| {
            let role = model.role(p.role);
            ParticipantView {
                id: p.id.clone(),
                role: model.role_name(p.role).to_string(),
                facts: role
                    .map(|r| {
                        r.facts
                            .iter()
                            .zip(&p.facts)
                            .filter_map(|(f, v)| {
                                v.as_ref()
                                    .map(|v| (f.name.clone(), show_value(model, f.ty, v)))
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
                eligibility: evaluation
                    .eligibility
                    .iter()
                    .filter(|e| e.participant as usize == i)
                    .map(|e| {
                        let (class, verdict) = match e.eligible {
                            Some(true) => ("eligible", "eligible"),
                            Some(false) => ("ineligible", "not eligible"),
                            None => ("unknown", "cannot tell"),
                        };
                        (class, verdict, words.eligibility(e, as_of))
                    })
                    .collect(),
            }
        })
        .collect();
    // The case's events are in time order already (ties in file order).
    let events = c
        .events
        .iter()
        .enumerate()
        .map(|(index, e)| {
            let def = model.event(e.event);
            EventView {
                said: words.happened(u32::try_from(index).unwrap_or(u32::MAX)),
                at: if e.has_time {
                    e.at.format("%Y-%m-%d %H:%M").to_string()
                } else {
                    e.date.to_string()
                },
                event: model.event_name(e.event).to_string(),
                by: c.id_of(e.by).to_string(),
                to: e.to.map(|t| c.id_of(t).to_string()).unwrap_or_default(),
                data: def
                    .map(|d| {
                        d.fields
                            .iter()
                            .zip(&e.data)
                            .filter_map(|(f, v)| {
                                v.as_ref()
                                    .map(|v| (f.name.clone(), show_value(model, f.ty, v)))
                            })
                            .collect()
                    })
                    .unwrap_or_default(),
            }
        })
        .collect();
    let findings = evaluation
        .violations
        .iter()
        .map(|v| FindingView {
            at: v.at.to_string(),
            severity: v.severity.as_str(),
            rule: model
                .rule(v.rule)
                .map_or_else(String::new, |r| r.name.clone()),
            message: words.message(v),
        })
        .collect();
    let body = CasePage {
        title: format!("Case {}", stored.id),
        nav: Some(Nav::of(&user)),
        path: case_path(&stored.id),
        case: stored.id.clone(),
        day: as_of.to_string(),
        policy_version: stored.policy.version,
        notice: shown
            .recorded
            .map(|n| format!("Recorded as entry {n} of the log.")),
        participants,
        open,
        done,
        findings,
        events,
        errors: evaluation.errors.iter().map(|e| e.message()).collect(),
    };
    Ok(render(&body))
}
