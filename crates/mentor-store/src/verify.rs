//! Verifying the log: every entry's hash matches its content, each entry names the hash of
//! the one before, the numbers run without gaps, corrections point to earlier entries of
//! their case, and every kept policy text matches the hash its entry recorded.
//!
//! What a hash chain cannot show on its own: entries cut off the end of the log. The report
//! gives the last entry's number and hash; kept elsewhere (with a backup, say), they show
//! that too.

use crate::entry::{Entry, GENESIS, Kind, sha256};
use crate::error::StoreError;
use crate::log;
use crate::sql::Mode;
use crate::store::Store;
use serde::Serialize;
use std::collections::HashMap;

/// Something wrong with the log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Tampering {
    /// The entry where it shows.
    pub entry: i64,
    /// What is wrong, for a person.
    pub problem: String,
}

/// The outcome of [`Store::verify`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Verification {
    pub entries: i64,
    /// The last entry's number and hash.
    pub last: i64,
    pub last_hash: String,
    pub problems: Vec<Tampering>,
}

impl Verification {
    pub fn is_intact(&self) -> bool {
        self.problems.is_empty()
    }
}

impl Store {
    /// Checks the whole log.
    pub fn verify(&mut self) -> Result<Verification, StoreError> {
        let mut tx = self.conn.begin(Mode::Read)?;
        let mut problems = Vec::new();
        let mut previous_seq = 0i64;
        let mut previous_hash = GENESIS.to_string();
        let mut count = 0i64;
        // entry -> (case, kind), for corrections
        let mut seen: HashMap<i64, (Option<String>, Kind)> = HashMap::new();
        let mut policy_hashes: HashMap<i64, String> = HashMap::new();
        tx.rows(
            &format!("SELECT {} FROM entries ORDER BY seq", log::ENTRY_COLUMNS),
            &[],
            |row| {
                let e: Entry = log::read_entry(row)?;
                count += 1;
                let mut problem = |what: String| {
                    problems.push(Tampering {
                        entry: e.seq,
                        problem: what,
                    })
                };
                if e.seq != previous_seq + 1 {
                    problem(format!(
                        "entries {} to {} are missing",
                        previous_seq + 1,
                        e.seq - 1
                    ));
                }
                if e.prev_hash != previous_hash {
                    problem(
                        "it does not follow the entry before it (the chain of hashes is broken)"
                            .to_string(),
                    );
                }
                if e.compute_hash() != e.hash {
                    problem(
                        "its content does not match its hash: it was changed after it was recorded"
                            .to_string(),
                    );
                }
                if let Some(target) = e.corrects {
                    match seen.get(&target) {
                        None => problem(format!(
                            "it corrects entry {target}, which does not come before it"
                        )),
                        Some((case, _)) if *case != e.case => problem(format!(
                            "it corrects entry {target}, which belongs to another case"
                        )),
                        Some(_) => {}
                    }
                }
                if e.kind == Kind::Policy
                    && let Some(v) = e.json().get("version").and_then(|v| v.as_i64())
                    && let Some(h) = e.json().get("sha256").and_then(|h| h.as_str())
                {
                    policy_hashes.insert(v, h.to_string());
                }
                seen.insert(e.seq, (e.case.clone(), e.kind));
                previous_seq = e.seq;
                previous_hash = e.hash.clone();
                Ok(())
            },
        )?;
        let policies = tx.collect(
            "SELECT version, text, sha256 FROM policies ORDER BY version",
            &[],
            |r| Ok((r.req_int(0)?, r.req_text(1)?, r.req_text(2)?)),
        )?;
        for (version, text, _) in &policies {
            let recorded = policy_hashes.get(version);
            if recorded != Some(&sha256(text)) {
                problems.push(Tampering {
                    entry: 0,
                    problem: format!(
                        "the text of policy version {version} does not match the hash its log entry recorded"
                    ),
                });
            }
        }
        for version in policy_hashes.keys() {
            if !policies.iter().any(|(v, _, _)| v == version) {
                problems.push(Tampering {
                    entry: 0,
                    problem: format!("the text of policy version {version} is missing"),
                });
            }
        }
        tx.commit()?;
        Ok(Verification {
            entries: count,
            last: previous_seq,
            last_hash: previous_hash,
            problems,
        })
    }
}
