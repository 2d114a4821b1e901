//! Importing cases: all of them in one transaction, so that nothing is written unless every
//! case of the import is valid. The caller loads each case file under [`Import::policy`],
//! reports every problem of every file, adds the good cases, and commits only when there
//! were none (dropping the import writes nothing).

use crate::canonical;
use crate::entry::{Author, Kind};
use crate::error::StoreError;
use crate::log::{self, Head};
use crate::sql::{Mode, Tx};
use crate::store::{Policy, Store, current_policy};
use chrono::NaiveDate;
use mentor_eval::Case;
use std::collections::HashSet;
use std::sync::Arc;

/// An import under way. It holds the store's write lock until it is committed or dropped.
pub struct Import<'s> {
    tx: Tx<'s>,
    head: Head,
    policy: Arc<Policy>,
    author: Author,
    today: NaiveDate,
    added: HashSet<String>,
}

/// Why a case cannot be added: its id is taken in the store, or earlier in this import.
pub use mentor_diagnostics::catalog::store::Taken as Clash;

impl Store {
    /// Starts an import.
    pub fn import(&mut self, author: &Author, today: NaiveDate) -> Result<Import<'_>, StoreError> {
        let mut tx = self.conn.begin(Mode::Write)?;
        let policy = current_policy(&mut tx, &mut self.policy)?;
        if policy.has_errors() {
            return Err(StoreError::PolicyHasErrors {
                version: policy.version,
            });
        }
        let head = log::head(&mut tx)?;
        Ok(Import {
            tx,
            head,
            policy,
            author: author.clone(),
            today,
            added: HashSet::new(),
        })
    }
}

impl Import<'_> {
    /// The policy to load the imported cases under.
    pub fn policy(&self) -> Arc<Policy> {
        self.policy.clone()
    }

    /// Whether a case with this id is already in the store or in this import.
    pub fn clash(&mut self, id: &str) -> Result<Option<Clash>, StoreError> {
        if self.added.contains(id) {
            return Ok(Some(Clash::InImport));
        }
        let found = self
            .tx
            .first(
                "SELECT count(*) FROM entries WHERE case_id = ?1",
                &[id.into()],
                |r| r.req_int(0),
            )?
            .unwrap_or(0);
        Ok((found > 0).then_some(Clash::InStore))
    }

    /// Adds a case loaded under [`Import::policy`]: its opening, participants and events.
    pub fn add(&mut self, case: &Case) -> Result<(), StoreError> {
        if let Some(clash) = self.clash(&case.id)? {
            let taken = mentor_diagnostics::catalog::store::case_id_taken(&case.id, clash, None);
            return Err(StoreError::Unsupported(taken.message));
        }
        let model = self.policy.model();
        let id = case.id.as_str();
        let mut opening = canonical::Object::new();
        opening.string("case", id);
        let opened = log::append(
            &mut self.tx,
            &mut self.head,
            Some(id),
            Kind::Case,
            None,
            &opening.finish(),
            &self.author,
        )?
        .seq;
        let (participants, events) = canonical::case_items(model, case);
        for (kind, payload) in participants
            .iter()
            .map(|p| (Kind::Participant, p))
            .chain(events.iter().map(|e| (Kind::Event, e)))
        {
            log::append(
                &mut self.tx,
                &mut self.head,
                Some(id),
                kind,
                None,
                payload,
                &self.author,
            )?;
        }
        let answer = self.policy.answer(case, self.today);
        log::save_answer(
            &mut self.tx,
            id,
            opened,
            self.head.seq,
            false,
            self.policy.version,
            Some(&answer),
        )?;
        self.added.insert(case.id.clone());
        Ok(())
    }

    /// How many cases were added.
    pub fn len(&self) -> usize {
        self.added.len()
    }

    pub fn is_empty(&self) -> bool {
        self.added.is_empty()
    }

    /// Writes everything added.
    pub fn commit(self) -> Result<usize, StoreError> {
        let n = self.added.len();
        self.tx.commit()?;
        Ok(n)
    }
}
