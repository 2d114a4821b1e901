//! Recording: a new event or participant, and corrections. Each is checked with the whole
//! case, as a case file, under the current policy; it is appended only when the case still
//! loads, and the case's answer is computed again in the same transaction.

use crate::answers::Answer;
use crate::canonical;
use crate::document::{Built, Change, Folded};
use crate::entry::{Author, Entry, Kind};
use crate::error::StoreError;
use crate::input::{self, Changes, NewEvent, NewParticipant};
use crate::log;
use crate::sql::{Mode, Tx};
use crate::store::{CaseError, Policy, Store, current_policy, fold_case};
use chrono::NaiveDate;
use mentor_eval::Case;

/// What a correction does to its entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Action {
    /// The entry no longer counts (a voided case is withdrawn).
    Void,
    /// The entry says something else from now on.
    Replace(Changes),
}

/// A correction of an earlier entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    /// The entry to correct (its number in the log).
    pub entry: i64,
    pub action: Action,
    /// Why; kept in the log.
    pub reason: String,
    /// The case's last entry when the person looked at it. When given and the case has
    /// changed since, the correction is refused with [`StoreError::Conflict`].
    pub expected_last: Option<i64>,
}

/// What was recorded, and the case's answer now.
#[derive(Debug, Clone, PartialEq)]
pub struct Recorded {
    pub entry: Entry,
    /// `None` when the case was withdrawn.
    pub answer: Option<Answer>,
}

impl Store {
    /// Records an event in a case.
    pub fn record(
        &mut self,
        case: &str,
        event: &NewEvent,
        author: &Author,
        today: NaiveDate,
    ) -> Result<Recorded, CaseError> {
        self.write_item(case, author, today, |model| {
            Item::Event(input::build_event(model, event))
        })
    }

    /// Adds a participant to a case.
    pub fn add_participant(
        &mut self,
        case: &str,
        participant: &NewParticipant,
        author: &Author,
        today: NaiveDate,
    ) -> Result<Recorded, CaseError> {
        self.write_item(case, author, today, |model| {
            Item::Participant(input::build_participant(model, participant))
        })
    }

    fn write_item(
        &mut self,
        case: &str,
        author: &Author,
        today: NaiveDate,
        build: impl FnOnce(&mentor_check::Model) -> Item,
    ) -> Result<Recorded, CaseError> {
        let mut tx = self.conn.begin(Mode::Write)?;
        let policy = current_policy(&mut tx, &mut self.policy)?;
        if policy.has_errors() {
            return Err(StoreError::PolicyHasErrors {
                version: policy.version,
            }
            .into());
        }
        let folded = fold_case(&mut tx, case)?;
        let item = build(policy.model());
        let (change, kind) = match &item {
            Item::Event(b) => (Change::AddEvent(b), Kind::Event),
            Item::Participant(b) => (Change::AddParticipant(b), Kind::Participant),
        };
        let doc = folded.document_with(change);
        let loaded = policy
            .load(case, &doc.text)
            .map_err(|d| CaseError::Invalid(doc.rejected(case, d)))?;
        let payload = match kind {
            Kind::Event => new_event_payload(&policy, &loaded, doc.new_event),
            _ => loaded
                .participants
                .last()
                .map(|p| canonical::participant(policy.model(), p)),
        }
        .ok_or_else(|| StoreError::Database("the new entry went missing".to_string()))?;
        let mut head = log::head(&mut tx)?;
        let entry = log::append(&mut tx, &mut head, Some(case), kind, None, &payload, author)?;
        let answer = refresh(&mut tx, &policy, &folded, entry.seq, &loaded, today)?;
        tx.commit()?;
        Ok(Recorded {
            entry,
            answer: Some(answer),
        })
    }

    /// Corrects an earlier entry of a case: voids it or replaces what it says, with a reason.
    pub fn correct(
        &mut self,
        case: &str,
        correction: &Correction,
        author: &Author,
        today: NaiveDate,
    ) -> Result<Recorded, CaseError> {
        let mut tx = self.conn.begin(Mode::Write)?;
        let policy = current_policy(&mut tx, &mut self.policy)?;
        let entries = log::case_entries(&mut tx, case)?;
        if entries.is_empty() {
            return Err(crate::store::unknown_case(&mut tx, case)?.into());
        }
        let folded = Folded::new(case, &entries);
        let target = correction.entry;
        let Some(old) = entries.iter().find(|e| e.seq == target) else {
            return Err(StoreError::UnknownEntry {
                case: case.to_string(),
                entry: target,
            }
            .into());
        };
        if let Some(by) = entries.iter().find(|e| e.corrects == Some(target)) {
            return Err(StoreError::AlreadyCorrected {
                case: case.to_string(),
                entry: target,
                by: by.seq,
            }
            .into());
        }
        if let Some(expected) = correction.expected_last
            && expected != folded.last
        {
            return Err(StoreError::Conflict {
                case: case.to_string(),
                expected,
                found: folded.last,
            }
            .into());
        }
        // What the entry says now: its own words, or the replacement a correction carries.
        let current = folded.items.iter().find(|i| i.current == target);
        let is_case = old.kind == Kind::Case;
        if current.is_none() && !is_case {
            let kind = if old.kind == Kind::Correction {
                "correction that voided an entry".to_string()
            } else {
                old.kind.as_str().to_string()
            };
            return Err(StoreError::NotCorrectable {
                entry: target,
                kind,
            }
            .into());
        }
        let mut payload = canonical::Object::new();
        payload.string(
            "action",
            match correction.action {
                Action::Void => "void",
                Action::Replace(_) => "replace",
            },
        );
        payload.string("reason", &correction.reason);
        let mut head = log::head(&mut tx)?;
        if is_case {
            if matches!(correction.action, Action::Replace(_)) {
                return Err(StoreError::CaseEntryReplaced {
                    case: case.to_string(),
                    entry: target,
                }
                .into());
            }
            let entry = log::append(
                &mut tx,
                &mut head,
                Some(case),
                Kind::Correction,
                Some(target),
                &payload.finish(),
                author,
            )?;
            log::save_answer(
                &mut tx,
                case,
                folded.opened,
                entry.seq,
                true,
                policy.version,
                None,
            )?;
            tx.commit()?;
            return Ok(Recorded {
                entry,
                answer: None,
            });
        }
        let Some(current) = current else {
            return Err(StoreError::UnknownEntry {
                case: case.to_string(),
                entry: target,
            }
            .into());
        };
        let built: Option<Built>;
        let change = match &correction.action {
            Action::Void => Change::Void(target),
            Action::Replace(changes) => {
                let was: serde_json::Value =
                    serde_json::from_str(&current.payload).unwrap_or_default();
                built = Some(match current.kind {
                    Kind::Participant => input::build_participant(
                        policy.model(),
                        &input::changed_participant(&was, changes),
                    ),
                    _ => input::build_event(policy.model(), &input::changed_event(&was, changes)),
                });
                match &built {
                    Some(b) => Change::Replace(target, b),
                    None => Change::Void(target),
                }
            }
        };
        let doc = folded.document_with(change);
        let loaded = policy
            .load(case, &doc.text)
            .map_err(|d| CaseError::Invalid(doc.rejected(case, d)))?;
        if let Action::Replace(_) = correction.action {
            let with = match current.kind {
                Kind::Participant => {
                    let index = folded
                        .participants()
                        .position(|i| i.current == target)
                        .unwrap_or(usize::MAX);
                    loaded
                        .participants
                        .get(index)
                        .map(|p| canonical::participant(policy.model(), p))
                }
                _ => new_event_payload(&policy, &loaded, doc.new_event),
            }
            .ok_or_else(|| StoreError::Database("the corrected entry went missing".to_string()))?;
            payload.raw("with", &with);
        }
        let entry = log::append(
            &mut tx,
            &mut head,
            Some(case),
            Kind::Correction,
            Some(target),
            &payload.finish(),
            author,
        )?;
        let answer = refresh(&mut tx, &policy, &folded, entry.seq, &loaded, today)?;
        tx.commit()?;
        Ok(Recorded {
            entry,
            answer: Some(answer),
        })
    }
}

enum Item {
    Event(Built),
    Participant(Built),
}

/// The canonical text of the event at position `order` of the document.
fn new_event_payload(policy: &Policy, case: &Case, order: Option<u32>) -> Option<String> {
    let order = order?;
    case.events
        .iter()
        .find(|e| e.order == order)
        .map(|e| canonical::event(policy.model(), case, e))
}

/// Computes and keeps a case's answer after a change.
fn refresh(
    tx: &mut Tx<'_>,
    policy: &Policy,
    folded: &Folded,
    last: i64,
    case: &Case,
    today: NaiveDate,
) -> Result<Answer, StoreError> {
    let answer = policy.answer(case, today);
    log::save_answer(
        tx,
        &folded.id,
        folded.opened,
        last,
        false,
        policy.version,
        Some(&answer),
    )?;
    Ok(answer)
}
