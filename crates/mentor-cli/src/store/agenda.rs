//! `mentor agenda` on a store: every case's kept answer for the day (see
//! `mentor_store::Store::ready`), for the agenda builder and renderers of mentor-agenda.

use super::{StoreArg, fail, today};
use crate::{Outcome, files};

/// Every case's answer, and how to name the programme and its policy.
pub struct Found {
    /// How many cases the store has.
    pub cases: usize,
    /// The answers of the cases with something to show.
    pub answers: Vec<mentor_agenda::Answer>,
    pub programme: String,
    pub policy_name: String,
}

/// The store's answers on the query's day (with the findings since its `since`), kept for
/// next time when that day is today; only the kept duties the query shows are read. `roles`
/// (from `--role`) are checked against the policy.
pub fn answers(
    store: &StoreArg,
    query: &mentor_agenda::Query,
    roles: &[String],
) -> Result<Found, Outcome> {
    let mut store = store.open()?;
    let policy = store.policy().map_err(|e| fail(&e))?;
    let model = policy.model();
    if let Err(message) = crate::agenda::check_roles(model, roles) {
        files::trouble(&message);
        return Err(Outcome::Trouble);
    }
    let ready = store
        .ready_for(query, query.as_of == today())
        .map_err(|e| fail(&e))?;
    Ok(Found {
        cases: ready.cases,
        answers: ready.answers,
        programme: model
            .programme
            .as_ref()
            .map_or_else(|| "programme".to_string(), |p| p.name.clone()),
        policy_name: format!("policy version {}", ready.policy_version),
    })
}
