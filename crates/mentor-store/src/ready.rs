//! The answers of every case for a day, as the agenda needs them: read from what is kept,
//! and computed again only for cases whose kept answer does not hold on that day (computed
//! under another policy version, on a later day, or past its `valid_until`).

use crate::answers::Answer;
use crate::error::StoreError;
use crate::log;
use crate::sql::Mode;
use crate::store::{Store, current_policy, fold_case};
use chrono::NaiveDate;
use mentor_agenda::{Duty, Finding};
use std::collections::HashMap;

/// Every case's answer on a day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ready {
    /// The policy version the answers are under.
    pub policy_version: i64,
    /// One per case (withdrawn cases left out), in order of case id; eligibility is not
    /// kept (ask [`Store::case`] for one case's).
    pub answers: Vec<mentor_agenda::Answer>,
    /// How many cases had to be evaluated again.
    pub refreshed: usize,
}

const HOLDS: &str = "c.policy_version = ?1 AND c.evaluated_on <= ?2 AND c.valid_until > ?2";

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Database(format!("a kept answer is unreadable: {e}")))
}

impl Store {
    /// Every case's answer on `day`. With `keep`, answers computed again are kept for the
    /// next time (use it when `day` is today).
    pub fn ready(&mut self, day: NaiveDate, keep: bool) -> Result<Ready, StoreError> {
        let date = day.to_string();
        let mut tx = self.conn.begin(Mode::Read)?;
        let policy = current_policy(&mut tx, &mut self.policy)?;
        let version = policy.version;
        // (id, last entry, kept answer holds, problem)
        let cases: Vec<(String, i64, bool, Option<String>)> = tx.collect(
            &format!(
                "SELECT c.case_id, c.last_seq, CAST(CASE WHEN {HOLDS} THEN 1 ELSE 0 END AS BIGINT), c.problem
                 FROM cases c WHERE c.withdrawn = 0 ORDER BY c.case_id"
            ),
            &[version.into(), date.as_str().into()],
            |r| {
                Ok((
                    r.req_text(0)?,
                    r.req_int(1)?,
                    r.req_int(2)? == 1,
                    r.text(3)?,
                ))
            },
        )?;
        let mut duties: HashMap<String, Vec<Duty>> = HashMap::new();
        tx.rows(
            &format!(
                "SELECT d.case_id, d.item FROM duties d JOIN cases c ON c.case_id = d.case_id
                 WHERE c.withdrawn = 0 AND {HOLDS} ORDER BY d.case_id, d.n"
            ),
            &[version.into(), date.as_str().into()],
            |r| {
                let duty: Duty = parse(&r.req_text(1)?)?;
                duties.entry(r.req_text(0)?).or_default().push(duty);
                Ok(())
            },
        )?;
        let mut findings: HashMap<String, Vec<Finding>> = HashMap::new();
        tx.rows(
            &format!(
                "SELECT f.case_id, f.item FROM findings f JOIN cases c ON c.case_id = f.case_id
                 WHERE c.withdrawn = 0 AND {HOLDS} ORDER BY f.case_id, f.n"
            ),
            &[version.into(), date.as_str().into()],
            |r| {
                let finding: Finding = parse(&r.req_text(1)?)?;
                findings.entry(r.req_text(0)?).or_default().push(finding);
                Ok(())
            },
        )?;
        let mut out = Ready {
            policy_version: version,
            ..Ready::default()
        };
        let mut fresh: Vec<(String, i64, i64, Answer)> = Vec::new();
        for (id, last, holds, problem) in cases {
            if holds {
                out.answers.push(mentor_agenda::Answer {
                    duties: duties.remove(&id).unwrap_or_default(),
                    findings: findings.remove(&id).unwrap_or_default(),
                    eligibility: Vec::new(),
                    errors: problem
                        .map(|p| p.lines().map(str::to_string).collect())
                        .unwrap_or_default(),
                    case: id,
                });
                continue;
            }
            let folded = fold_case(&mut tx, &id)?;
            let doc = folded.document();
            match policy.load(&id, &doc.text) {
                Ok(case) => {
                    let answer = policy.answer(&case, day);
                    out.answers.push(answer.for_agenda(&id));
                    fresh.push((id, folded.opened, last, answer));
                }
                Err(diags) => out.answers.push(mentor_agenda::Answer {
                    errors: vec![format!(
                        "the case does not load under policy version {version} ({} problems; see `mentor next {id}`)",
                        diags.len()
                    )],
                    case: id,
                    ..mentor_agenda::Answer::default()
                }),
            }
        }
        tx.commit()?;
        out.refreshed = fresh.len();
        if keep && !fresh.is_empty() {
            let mut tx = self.conn.begin(Mode::Write)?;
            for (id, opened, last, answer) in &fresh {
                // Only if nothing was recorded in the case meanwhile.
                let now = tx.first(
                    "SELECT last_seq FROM cases WHERE case_id = ?1",
                    &[id.as_str().into()],
                    |r| r.req_int(0),
                )?;
                if now == Some(*last) {
                    log::save_answer(&mut tx, id, *opened, *last, false, version, Some(answer))?;
                }
            }
            tx.commit()?;
        }
        Ok(out)
    }
}
