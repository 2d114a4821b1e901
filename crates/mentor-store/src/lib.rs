//! A programme's case store: an append-only log of cases, participants and events, in an
//! embedded SQLite database (a file in the programme folder) or in PostgreSQL.
//!
//! - Every entry keeps who recorded it and when, and the hash of the entry before it
//!   ([`entry`]); the database refuses updates and deletes of the log (triggers);
//!   [`Store::verify`] finds tampering.
//! - A mistake is corrected by a new entry that voids or replaces an earlier one, with a
//!   reason ([`Store::correct`]).
//! - What is recorded is checked exactly as a case file is: the case, with the new entry,
//!   is written as a case file and loaded under the policy ([`document`]); problems come
//!   back as the same diagnostics, each with the field it is about ([`Rejected`]).
//! - Each case's open duties and findings are kept, with the policy version and the day
//!   until which they hold ([`answers`]), so the agenda of a large store is a query
//!   ([`Store::ready`], [`Store::ready_for`] with the agenda's filters).
//! - The policy is versioned: [`Store::set_policy`] keeps the old versions and records the
//!   change.
//!
//! - Accounts, sessions and calendar feeds of the web pages, and their audit log
//!   ([`access`]).
//!
//! The API is synchronous; see [`Store`] for use from async code.

pub mod access;
pub mod answers;
mod canonical;
pub mod document;
pub mod entry;
mod error;
mod import;
mod input;
pub mod location;
mod log;
mod migrate;
mod packed;
mod policy_change;
mod ready;
mod sql;
mod store;
mod verify;
mod write;

pub use access::{Account, AccountError, AuditRecord, Feed, Role, Session};
pub use answers::Answer;
pub use document::{Field, Problem, Rejected};
pub use entry::{Author, Entry, Kind};
pub use error::StoreError;
pub use import::{Clash, Import};
pub use input::{Changes, NewEvent, NewParticipant};
pub use location::Location;
pub use migrate::LATEST as SCHEMA_VERSION;
pub use policy_change::{Compared, PolicyRefused, PolicySet};
pub use ready::Ready;
pub use sql::BUSY_WAIT;
pub use store::{CaseError, HistoryItem, Policy, Store, StoredCase};
pub use verify::{Tampering, Verification};
pub use write::{Action, Correction, Recorded};
