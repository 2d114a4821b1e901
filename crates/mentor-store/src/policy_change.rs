//! Changing the programme's policy: the new version is kept beside the old ones, the change
//! is an entry of the log, and every case's answer is computed again under it. A new policy
//! that some stored case does not load under is refused, with each case's problems.

use crate::canonical;
use crate::document::{Folded, Rejected};
use crate::entry::{Author, Entry, Kind};
use crate::error::StoreError;
use crate::log::{self, Head};
use crate::sql::{Mode, Tx};
use crate::store::{Policy, Store, current_policy};
use chrono::NaiveDate;
use mentor_eval::Case;
use std::sync::Arc;

/// Appends the entry that sets `policy`, and keeps its text.
pub(crate) fn append_policy(
    tx: &mut Tx<'_>,
    head: &mut Head,
    policy: &Policy,
    previous: Option<i64>,
    reason: Option<&str>,
    author: &Author,
) -> Result<Entry, StoreError> {
    let mut o = canonical::Object::new();
    o.raw("version", &policy.version.to_string());
    o.string("sha256", &policy.sha256);
    if let Some(p) = previous {
        o.raw("previous", &p.to_string());
    }
    if let Some(r) = reason {
        o.string("reason", r);
    }
    let entry = log::append(tx, head, None, Kind::Policy, None, &o.finish(), author)?;
    tx.execute(
        "INSERT INTO policies (version, text, sha256, entry) VALUES (?1, ?2, ?3, ?4)",
        &[
            policy.version.into(),
            policy.text.as_str().into(),
            policy.sha256.as_str().into(),
            entry.seq.into(),
        ],
    )?;
    Ok(entry)
}

/// A case under two policies: for the what-if of a policy change.
#[derive(Debug)]
pub struct Compared {
    pub id: String,
    /// The case under the current policy (`None` if it does not load: it was stored under
    /// an older one).
    pub old: Option<Case>,
    /// The case under the new policy, or why it does not load.
    pub new: Result<Case, Rejected>,
}

/// The outcome of setting a policy.
#[derive(Debug)]
pub struct PolicySet {
    pub entry: Entry,
    pub version: i64,
    /// How many cases were evaluated again.
    pub cases: usize,
}

/// Why a policy was not set.
#[derive(Debug)]
pub enum PolicyRefused {
    Store(StoreError),
    /// The new policy has errors.
    PolicyErrors,
    /// The policy is the current one already.
    Unchanged {
        version: i64,
    },
    /// Some stored cases do not load under the new policy.
    Cases(Vec<Rejected>),
}

impl From<StoreError> for PolicyRefused {
    fn from(e: StoreError) -> Self {
        PolicyRefused::Store(e)
    }
}

impl Store {
    /// Calls `each` with every case loaded under the current policy and under `new_text`.
    pub fn compare_policy(
        &mut self,
        new_text: &str,
        mut each: impl FnMut(&Policy, &Policy, Compared) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        let old = self.policy()?;
        let new = Policy::new(old.version + 1, new_text.to_string());
        self.for_each_case(|id, participants, events| {
            let folded = folded_from(id, participants, events);
            let doc = folded.document();
            let compared = Compared {
                id: id.to_string(),
                old: old.load(id, &doc.text).ok(),
                new: new.load(id, &doc.text).map_err(|d| doc.rejected(id, d)),
            };
            each(&old, &new, compared)
        })
    }

    /// Sets a new policy version: keeps the old ones, records the change, and evaluates every
    /// case again under it (on `today`), all in one transaction.
    pub fn set_policy(
        &mut self,
        new_text: &str,
        reason: Option<&str>,
        author: &Author,
        today: NaiveDate,
    ) -> Result<PolicySet, PolicyRefused> {
        let mut tx = self.conn.begin(Mode::Write)?;
        let old = current_policy(&mut tx, &mut self.policy)?;
        if old.text == new_text {
            return Err(PolicyRefused::Unchanged {
                version: old.version,
            });
        }
        let new = Arc::new(Policy::new(old.version + 1, new_text.to_string()));
        if new.has_errors() {
            return Err(PolicyRefused::PolicyErrors);
        }
        // Every case, as it stands, under the new policy.
        let mut all: Vec<Folded> = Vec::new();
        let mut current: Option<Folded> = None;
        tx.rows(
            &format!(
                "SELECT {} FROM entries WHERE case_id IS NOT NULL ORDER BY case_id, seq",
                log::ENTRY_COLUMNS
            ),
            &[],
            |row| {
                let entry = log::read_entry(row)?;
                let id = entry.case.clone().unwrap_or_default();
                if current.as_ref().is_some_and(|f| f.id != id)
                    && let Some(done) = current.take()
                {
                    all.push(done);
                }
                current
                    .get_or_insert_with(|| Folded {
                        id,
                        ..Folded::default()
                    })
                    .apply(&entry);
                Ok(())
            },
        )?;
        all.extend(current.take());
        let mut loaded = Vec::new();
        let mut refused = Vec::new();
        for folded in all.iter().filter(|f| !f.withdrawn && f.opened != 0) {
            let doc = folded.document();
            match new.load(&folded.id, &doc.text) {
                Ok(case) => loaded.push((folded, case)),
                Err(d) => refused.push(doc.rejected(&folded.id, d)),
            }
        }
        if !refused.is_empty() {
            return Err(PolicyRefused::Cases(refused));
        }
        let mut head = log::head(&mut tx)?;
        let entry = append_policy(&mut tx, &mut head, &new, Some(old.version), reason, author)?;
        for (folded, case) in &loaded {
            let answer = new.answer(case, today);
            log::save_answer(
                &mut tx,
                &folded.id,
                folded.opened,
                folded.last,
                false,
                new.version,
                Some(&answer),
            )?;
        }
        tx.commit()?;
        self.policy = Some(new.clone());
        Ok(PolicySet {
            entry,
            version: new.version,
            cases: loaded.len(),
        })
    }
}

/// A case from its current participants and events (as [`Store::for_each_case`] gives them).
fn folded_from(id: &str, participants: &[String], events: &[String]) -> Folded {
    let mut folded = Folded {
        id: id.to_string(),
        opened: 1,
        ..Folded::default()
    };
    for (i, p) in participants.iter().enumerate() {
        folded.items.push(crate::document::Item {
            kind: Kind::Participant,
            origin: i as i64,
            current: i as i64,
            payload: p.clone(),
        });
    }
    for (i, e) in events.iter().enumerate() {
        let n = (participants.len() + i) as i64;
        folded.items.push(crate::document::Item {
            kind: Kind::Event,
            origin: n,
            current: n,
            payload: e.clone(),
        });
    }
    folded
}
