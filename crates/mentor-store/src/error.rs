//! What can go wrong with a store, worded for a coordinator.

use thiserror::Error;

/// A problem with the store itself (not with what was recorded: see [`crate::Rejected`]).
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum StoreError {
    #[error("no case store here: none in {searched} or the folders above it")]
    NotFound { searched: String },
    #[error("{place} already holds a case store")]
    AlreadyExists { place: String },
    #[error("cannot open the case store at {place}: {reason}")]
    CannotOpen { place: String, reason: String },
    #[error("{place} is not a case store (it has no log)")]
    NotAStore { place: String },
    #[error(
        "the case store was written by a newer version of mentor (schema {found}, this one knows up to {known}); update mentor"
    )]
    NewerSchema { found: i64, known: i64 },
    #[error("another writer kept the store busy for too long; try again")]
    Busy,
    #[error("the database reported a problem: {0}")]
    Database(String),
    #[error("there is no case `{case}` in the store{}", mentor_diagnostics::Suggestion::of(suggestion.as_deref()))]
    UnknownCase {
        case: String,
        suggestion: Option<String>,
    },
    #[error("there is no entry {entry} in the log of case `{case}`")]
    UnknownEntry { case: String, entry: i64 },
    #[error(
        "entry {entry} was already corrected by entry {by}; correct entry {by} instead (see `mentor history {case}`)"
    )]
    AlreadyCorrected { case: String, entry: i64, by: i64 },
    #[error(
        "case `{case}` changed while this correction was being made (its last entry is now {found}, not {expected}); look at its history and try again"
    )]
    Conflict {
        case: String,
        expected: i64,
        found: i64,
    },
    #[error(
        "entry {entry} opens case `{case}` and cannot be replaced; void it to withdraw the case"
    )]
    CaseEntryReplaced { case: String, entry: i64 },
    #[error("entry {entry} is a {kind}, which cannot be corrected")]
    NotCorrectable { entry: i64, kind: String },
    #[error("there is no policy version {version} in the store")]
    UnknownPolicyVersion { version: i64 },
    #[error(
        "the store's policy (version {version}) has errors; set a corrected one with `mentor policy set`"
    )]
    PolicyHasErrors { version: i64 },
    #[error("{0}")]
    Unsupported(String),
    #[error("cannot write {place}: {reason}")]
    Io { place: String, reason: String },
}
