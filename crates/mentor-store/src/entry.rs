//! One entry of the log: what it records, who recorded it and when, and the hash that chains
//! it to the entry before.
//!
//! The hash of an entry is SHA-256 over its sequence number, case, kind, the entry it
//! corrects, who and when, its content and the previous entry's hash, each written with its
//! length first (so no two different entries can be written the same). The first entry's
//! previous hash is sixty-four zeros.

use serde::Serialize;
use sha2::{Digest, Sha256};

/// The previous hash of the first entry.
pub const GENESIS: &str = "0000000000000000000000000000000000000000000000000000000000000000";

/// What an entry records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A case was opened: `{"case": "S-0001"}`.
    Case,
    /// A participant of a case, as a case file writes one.
    Participant,
    /// An event of a case, as a case file writes one.
    Event,
    /// A correction of an earlier entry: `{"action": "void" | "replace", "reason": ...,
    /// "with": ...}`.
    Correction,
    /// The programme's policy was set: `{"version": 2, "sha256": ..., "previous": 1,
    /// "reason": ...}`.
    Policy,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Case => "case",
            Kind::Participant => "participant",
            Kind::Event => "event",
            Kind::Correction => "correction",
            Kind::Policy => "policy",
        }
    }

    pub fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "case" => Kind::Case,
            "participant" => Kind::Participant,
            "event" => Kind::Event,
            "correction" => Kind::Correction,
            "policy" => Kind::Policy,
            _ => return None,
        })
    }
}

/// An entry as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Entry {
    /// Its place in the log: 1, 2, 3, ... without gaps.
    pub seq: i64,
    /// The case it belongs to; `None` for programme-wide entries (policy changes).
    pub case: Option<String>,
    pub kind: Kind,
    /// The entry a correction voids or replaces.
    pub corrects: Option<i64>,
    /// What it records, as JSON.
    pub payload: String,
    /// Who recorded it (`--as`, or the user's login name).
    pub recorded_by: String,
    /// When, in UTC (`2026-12-22T10:15:30Z`).
    pub recorded_at: String,
    pub prev_hash: String,
    pub hash: String,
}

impl Entry {
    /// The hash this entry should carry, from its content and the previous hash.
    pub fn compute_hash(&self) -> String {
        hash_of(
            self.seq,
            self.case.as_deref(),
            self.kind,
            self.corrects,
            &self.payload,
            &self.recorded_by,
            &self.recorded_at,
            &self.prev_hash,
        )
    }

    /// The payload as JSON (an empty object when it does not parse).
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.payload)
            .unwrap_or_else(|_| serde_json::Value::Object(Default::default()))
    }
}

#[allow(clippy::too_many_arguments)]
pub(crate) fn hash_of(
    seq: i64,
    case: Option<&str>,
    kind: Kind,
    corrects: Option<i64>,
    payload: &str,
    recorded_by: &str,
    recorded_at: &str,
    prev_hash: &str,
) -> String {
    let mut h = Sha256::new();
    let mut field = |bytes: &[u8]| {
        h.update((bytes.len() as u64).to_be_bytes());
        h.update(bytes);
    };
    field(&seq.to_be_bytes());
    field(case.unwrap_or("").as_bytes());
    field(&[u8::from(case.is_some())]);
    field(kind.as_str().as_bytes());
    field(
        corrects
            .map(|c| c.to_string())
            .unwrap_or_default()
            .as_bytes(),
    );
    field(payload.as_bytes());
    field(recorded_by.as_bytes());
    field(recorded_at.as_bytes());
    field(prev_hash.as_bytes());
    hex(&h.finalize())
}

/// SHA-256 of a text, in hex (for policy texts).
pub(crate) fn sha256(text: &str) -> String {
    hex(&Sha256::digest(text.as_bytes()))
}

fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    let mut s = String::with_capacity(bytes.len() * 2);
    for b in bytes {
        let _ = write!(s, "{b:02x}");
    }
    s
}

/// Who is recording, and when.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Author {
    pub name: String,
    /// In UTC, as RFC 3339 (`2026-12-22T10:15:30Z`).
    pub at: String,
}

impl Author {
    /// `name`, recording at `at`.
    pub fn new(name: impl Into<String>, at: chrono::DateTime<chrono::Utc>) -> Self {
        Author {
            name: name.into(),
            at: at.to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        }
    }
}
