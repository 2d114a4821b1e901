//! Recording an event: a form built from the policy (only its declared events; for each,
//! only the participants whose role may do it or receive it; fields typed by the event's
//! data; the date today unless changed). Saving goes through the store's `record`, which
//! checks the case with the new event exactly as `mentor record` does; a problem is shown
//! beside the field it is about, with everything typed kept.

use super::{Nav, case_path, encode, render};
use crate::address;
use crate::error::PageError;
use crate::pages::case::load;
use crate::pages::login::audit;
use crate::session::{Fields, SignedIn, field};
use crate::state::AppState;
use askama::Template;
use axum::extract::{Form, Path, Query, State};
use axum::http::StatusCode;
use axum::http::request::Parts;
use axum::response::{IntoResponse, Redirect, Response};
use mentor_check::Model;
use mentor_check::model::{EventDef, RoleId};
use mentor_check::types::Ty;
use mentor_eval::Case;
use mentor_store::{Author, CaseError, Field, NewEvent, Rejected, StoredCase};
use std::collections::HashMap;

pub struct EventChoice {
    pub name: String,
    pub href: String,
    pub by: String,
    pub to: String,
}

#[derive(Template)]
#[template(path = "choose.html")]
struct ChoosePage {
    title: String,
    nav: Option<Nav>,
    case: String,
    path: String,
    events: Vec<EventChoice>,
}

pub struct Opt {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// One input of the form.
pub struct Input {
    /// The form field's name (`by`, `data.minutes`).
    pub name: String,
    pub id: String,
    pub label: String,
    /// `select`, or an `<input>` type (`text`, `number`, `date`, `datetime-local`).
    pub kind: &'static str,
    pub value: String,
    pub options: Vec<Opt>,
    pub hint: String,
    pub error: Option<String>,
    pub required: bool,
}

#[derive(Template)]
#[template(path = "record.html")]
struct RecordPage {
    title: String,
    nav: Option<Nav>,
    case: String,
    path: String,
    action: String,
    event: String,
    inputs: Vec<Input>,
    errors: Vec<String>,
}

fn may_record(user: &SignedIn) -> Result<(), PageError> {
    user.must_record()
}

fn role_names(model: &Model, roles: &[RoleId]) -> String {
    roles
        .iter()
        .map(|r| model.role_name(*r).to_string())
        .collect::<Vec<_>>()
        .join(" or ")
}

/// `GET /cases/{case}/record`: which event?
pub async fn choose(
    State(state): State<AppState>,
    user: SignedIn,
    Path(case): Path<String>,
) -> Result<Response, PageError> {
    may_record(&user)?;
    let stored = load(&state, &case).await?;
    let model = stored.policy.model();
    let path = case_path(&stored.id);
    let events = model
        .events
        .iter()
        .map(|e| EventChoice {
            name: e.name.clone(),
            href: format!("{path}/record/{}", encode(&e.name)),
            by: role_names(model, &e.by),
            to: role_names(model, &e.to),
        })
        .collect();
    Ok(render(&ChoosePage {
        title: format!("Record an event in case {}", stored.id),
        nav: Some(Nav::of(&user)),
        case: stored.id.clone(),
        path,
        events,
    }))
}

/// The participants of a case whose role is one of `roles`.
fn people(case: &Case, roles: &[RoleId], chosen: &str, model: &Model) -> Vec<Opt> {
    case.participants
        .iter()
        .filter(|p| roles.contains(&p.role))
        .map(|p| Opt {
            value: p.id.clone(),
            label: format!("{} ({})", p.id, model.role_name(p.role)),
            selected: p.id == chosen,
        })
        .collect()
}

fn data_input(model: &Model, name: &str, ty: Ty, value: &str) -> Input {
    let (kind, hint, options) = match ty {
        Ty::Bool => (
            "select",
            String::new(),
            [("", "(not given)"), ("true", "yes"), ("false", "no")]
                .iter()
                .map(|(v, l)| Opt {
                    value: v.to_string(),
                    label: l.to_string(),
                    selected: *v == value,
                })
                .collect(),
        ),
        Ty::Int | Ty::Count => ("number", String::new(), Vec::new()),
        Ty::Date => ("date", String::new(), Vec::new()),
        Ty::DateTime => ("datetime-local", String::new(), Vec::new()),
        Ty::Symbol(set) => (
            "select",
            String::new(),
            std::iter::once(Opt {
                value: String::new(),
                label: "(not given)".to_string(),
                selected: value.is_empty(),
            })
            .chain(model.set(set).into_iter().flat_map(|s| {
                s.symbols.iter().map(|sym| Opt {
                    value: sym.clone(),
                    label: sym.clone(),
                    selected: sym == value,
                })
            }))
            .collect(),
        ),
        Ty::Duration => (
            "text",
            "a duration, such as 3 months".to_string(),
            Vec::new(),
        ),
        Ty::Text | Ty::Unknown => ("text", String::new(), Vec::new()),
    };
    Input {
        name: format!("data.{name}"),
        id: format!("data-{name}"),
        label: name.replace('_', " "),
        kind,
        value: value.to_string(),
        options,
        hint: if hint.is_empty() {
            ty.describe(model)
        } else {
            hint
        },
        error: None,
        required: false,
    }
}

/// The form's inputs for an event, filled with `values` (by field name).
fn inputs(
    model: &Model,
    case: &Case,
    def: &EventDef,
    values: &HashMap<String, String>,
    today: &str,
) -> Vec<Input> {
    let value = |k: &str| values.get(k).cloned().unwrap_or_default();
    let mut out = Vec::new();
    let by = value("by");
    let mut by_options = people(case, &def.by, &by, model);
    if !by_options.iter().any(|o| o.selected)
        && let Some(first) = by_options.first_mut()
    {
        first.selected = true;
    }
    out.push(Input {
        name: "by".to_string(),
        id: "by".to_string(),
        label: "by".to_string(),
        kind: "select",
        value: by,
        options: by_options,
        hint: format!("who did it: the {}", role_names(model, &def.by)),
        error: None,
        required: true,
    });
    if !def.to.is_empty() {
        let to = value("to");
        let mut options = people(case, &def.to, &to, model);
        let none_selected = !options.iter().any(|o| o.selected);
        options.push(Opt {
            value: String::new(),
            label: "(nobody)".to_string(),
            selected: false,
        });
        if none_selected && let Some(first) = options.first_mut() {
            first.selected = true;
        }
        out.push(Input {
            name: "to".to_string(),
            id: "to".to_string(),
            label: "to".to_string(),
            kind: "select",
            value: to,
            options,
            hint: format!("who it went to: the {}", role_names(model, &def.to)),
            error: None,
            required: false,
        });
    }
    let at = values
        .get("at")
        .cloned()
        .unwrap_or_else(|| today.to_string());
    out.push(Input {
        name: "at".to_string(),
        id: "at".to_string(),
        label: "on".to_string(),
        kind: "date",
        value: at,
        options: Vec::new(),
        hint: "the day it happened".to_string(),
        error: None,
        required: true,
    });
    out.push(Input {
        name: "time".to_string(),
        id: "time".to_string(),
        label: "at (time)".to_string(),
        kind: "time",
        value: value("time"),
        options: Vec::new(),
        hint: "optional: the time of day".to_string(),
        error: None,
        required: false,
    });
    for f in &def.fields {
        out.push(data_input(
            model,
            &f.name,
            f.ty,
            &value(&format!("data.{}", f.name)),
        ));
    }
    out
}

fn event_def<'m>(model: &'m Model, event: &str) -> Result<&'m EventDef, PageError> {
    model
        .event_by_name(event)
        .and_then(|id| model.event(id))
        .ok_or_else(|| {
            let names = model.events.iter().map(|e| e.name.as_str());
            let hint = mentor_diagnostics::Suggestion::among(event, names);
            PageError::not_found(format!("the policy declares no event `{event}`{hint}"))
        })
}

fn form_page(
    user: &SignedIn,
    stored: &StoredCase,
    def: &EventDef,
    inputs: Vec<Input>,
    errors: Vec<String>,
) -> RecordPage {
    let path = case_path(&stored.id);
    RecordPage {
        title: format!("Record {} in case {}", def.name, stored.id),
        nav: Some(Nav::of(user)),
        case: stored.id.clone(),
        action: format!("{path}/record/{}", encode(&def.name)),
        path,
        event: def.name.clone(),
        inputs,
        errors,
    }
}

/// `GET /cases/{case}/record/{event}?by=&to=`
pub async fn form(
    State(state): State<AppState>,
    user: SignedIn,
    Path((case, event)): Path<(String, String)>,
    Query(given): Query<HashMap<String, String>>,
) -> Result<Response, PageError> {
    may_record(&user)?;
    let stored = load(&state, &case).await?;
    let model = stored.policy.model();
    let def = event_def(model, &event)?;
    let today = state.today().to_string();
    let values: HashMap<String, String> = given
        .into_iter()
        .filter(|(k, _)| k == "by" || k == "to")
        .collect();
    let inputs = inputs(model, &stored.case, def, &values, &today);
    Ok(render(&form_page(&user, &stored, def, inputs, Vec::new())))
}

/// The form field a problem is about.
fn input_name(field: &Field) -> Option<String> {
    Some(match field {
        Field::At => "at".to_string(),
        Field::Event => return None,
        Field::By => "by".to_string(),
        Field::To => "to".to_string(),
        Field::Data(name) => format!("data.{name}"),
        Field::Id | Field::Role | Field::Fact(_) => return None,
    })
}

fn problem_text(d: &mentor_diagnostics::Diagnostic) -> String {
    match &d.help {
        Some(help) => format!("{}; {help}", d.message),
        None => d.message.clone(),
    }
}

/// `POST /cases/{case}/record/{event}`
pub async fn submit(
    State(state): State<AppState>,
    user: SignedIn,
    Path((case, event)): Path<(String, String)>,
    parts: Parts,
    Form(fields): Form<Fields>,
) -> Result<Response, PageError> {
    user.check_csrf(field(&fields, "csrf"))?;
    may_record(&user)?;
    let stored = load(&state, &case).await?;
    let model = stored.policy.model();
    let def = event_def(model, &event)?;
    let values: HashMap<String, String> = fields
        .iter()
        .filter(|(k, _)| k != "csrf")
        .map(|(k, v)| (k.clone(), v.trim().to_string()))
        .collect();
    let at_day = values.get("at").cloned().unwrap_or_default();
    let at = match values.get("time").filter(|t| !t.is_empty()) {
        Some(time) => format!("{at_day}T{time}"),
        None => at_day,
    };
    let new = NewEvent {
        event: def.name.clone(),
        by: values.get("by").cloned().unwrap_or_default(),
        to: values.get("to").cloned().filter(|t| !t.is_empty()),
        at,
        data: def
            .fields
            .iter()
            .filter_map(|f| {
                values
                    .get(&format!("data.{}", f.name))
                    .filter(|v| !v.is_empty())
                    .map(|v| (f.name.clone(), v.clone()))
            })
            .collect(),
    };
    let author = Author::new(user.account.clone(), state.now());
    let today = state.today();
    let id = stored.id.clone();
    let result = state
        .pool
        .run(move |store| store.record(&id, &new, &author, today))
        .await?;
    match result {
        Ok(recorded) => {
            let from = address::of(&parts, state.config.trust_forwarded);
            audit(
                &state,
                "recorded",
                &user.account,
                &from,
                format!(
                    "entry {} ({}) in case {}",
                    recorded.entry.seq, def.name, stored.id
                ),
            )
            .await?;
            Ok(Redirect::to(&format!(
                "{}?recorded={}",
                case_path(&stored.id),
                recorded.entry.seq
            ))
            .into_response())
        }
        Err(CaseError::Invalid(rejected)) => {
            let today = state.today().to_string();
            let mut inputs = inputs(model, &stored.case, def, &values, &today);
            let errors = place(&rejected, &mut inputs);
            let page = form_page(&user, &stored, def, inputs, errors);
            Ok((StatusCode::UNPROCESSABLE_ENTITY, render(&page)).into_response())
        }
        Err(CaseError::Store(e)) => Err(PageError::store(e)),
    }
}

/// Puts each problem beside its input; those about no input are returned for the top.
fn place(rejected: &Rejected, inputs: &mut [Input]) -> Vec<String> {
    let mut general = Vec::new();
    for p in &rejected.problems {
        let text = problem_text(&p.diagnostic);
        let slot = p
            .field
            .as_ref()
            .and_then(input_name)
            .and_then(|name| inputs.iter_mut().find(|i| i.name == name));
        match slot {
            Some(input) => {
                input.error = Some(match input.error.take() {
                    Some(before) => format!("{before}; {text}"),
                    None => text,
                })
            }
            None => general.push(text),
        }
    }
    general
}
