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

/// The store's answers on `as_of` (with the findings since `since`), kept for next time
/// when `as_of` is today. `roles` (from `--role`) are checked against the policy.
pub fn answers(
    store: &StoreArg,
    as_of: chrono::NaiveDate,
    since: Option<chrono::NaiveDate>,
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
        .ready(as_of, as_of == today(), since)
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
