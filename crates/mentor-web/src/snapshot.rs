//! The agenda of the whole store for a day, kept ready between requests: built from the
//! store's kept answers ([`mentor_store::Store::ready`]) by mentor-agenda's builder, as
//! `mentor agenda` builds it, and built again when the day changes or anything is recorded
//! (by this server or by anyone else: the log's last entry number tells).

use crate::error::PageError;
use crate::state::AppState;
use chrono::NaiveDate;
use mentor_agenda::{Agenda, Builder, Query};
use std::sync::Arc;

/// The whole agenda on a day, and what the pages need of the policy.
#[derive(Debug)]
pub struct Snapshot {
    pub day: NaiveDate,
    /// The log's last entry when it was built.
    pub last_entry: i64,
    pub policy_version: i64,
    /// Every duty of every case, in bands, soonest first.
    pub agenda: Agenda,
    /// The policy's roles, in declaration order.
    pub roles: Vec<String>,
    /// The programme's name (it names the calendar feeds).
    pub programme: String,
    /// How many rows each band has and how many cases have duties (worked out once).
    pub counts: Counts,
}

/// The agenda's counts, for its summary line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Counts {
    /// Rows in each band, in the order of [`mentor_agenda::Band::ALL`].
    pub bands: Vec<usize>,
    pub cases_with_duties: usize,
}

impl Counts {
    pub fn of(agenda: &Agenda) -> Counts {
        Counts {
            bands: mentor_agenda::Band::ALL
                .iter()
                .map(|b| agenda.band(*b).count())
                .collect(),
            cases_with_duties: agenda.cases_with_duties(),
        }
    }
}

impl Snapshot {
    /// The agenda with the rows a query keeps (its `as_of` is the snapshot's day).
    pub fn filtered(&self, mut query: Query) -> Agenda {
        query.as_of = self.day;
        let mut builder = Builder::new(query);
        for row in &self.agenda.rows {
            builder.add_duty(row.duty.clone());
        }
        let mut agenda = builder.finish();
        agenda.cases = self.agenda.cases;
        agenda.errors = self.agenda.errors.clone();
        agenda
    }
}

/// The agenda as it stands today, kept ready or built now.
pub async fn current(state: &AppState) -> Result<Arc<Snapshot>, PageError> {
    let day = state.today();
    let shared = state.clone();
    state
        .pool
        .run(move |store| {
            let last = store.last_entry()?;
            let kept = shared.snapshot.lock().ok().and_then(|s| s.clone());
            if let Some(s) = kept.filter(|s| s.day == day && s.last_entry == last) {
                return Ok(s);
            }
            let ready = store.ready(day, true, None)?;
            let policy = store.policy()?;
            let model = policy.model();
            let mut builder = Builder::new(Query::on(day));
            for answer in ready.answers {
                builder.add_answer(answer);
            }
            let agenda = builder.finish();
            let snapshot = Arc::new(Snapshot {
                day,
                last_entry: last,
                policy_version: ready.policy_version,
                counts: Counts::of(&agenda),
                agenda,
                roles: model.roles.iter().map(|r| r.name.clone()).collect(),
                programme: model
                    .programme
                    .as_ref()
                    .map_or_else(|| "mentor".to_string(), |p| p.name.clone()),
            });
            if let Ok(mut kept) = shared.snapshot.lock() {
                *kept = Some(snapshot.clone());
            }
            Ok(snapshot)
        })
        .await?
        .map_err(PageError::store)
}
