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
use rayon::prelude::*;
use std::collections::{HashMap, HashSet};

/// Every case's answer on a day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ready {
    /// The policy version the answers are under.
    pub policy_version: i64,
    /// How many cases there are (withdrawn ones left out).
    pub cases: usize,
    /// The answer of each case that has open duties, findings asked for, or dates that
    /// could not be worked out, in order of case id; eligibility is not kept (ask
    /// [`Store::case`] for one case's).
    pub answers: Vec<mentor_agenda::Answer>,
    /// How many cases had to be evaluated again.
    pub refreshed: usize,
}

/// Whether a case's kept answer holds on the day asked (never null, so `NOT` works).
const HOLDS: &str = "c.policy_version IS NOT NULL AND c.evaluated_on IS NOT NULL
     AND c.valid_until IS NOT NULL AND c.policy_version = ?1 AND c.evaluated_on <= ?2
     AND c.valid_until > ?2";

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text)
        .map_err(|e| StoreError::Database(format!("a kept answer is unreadable: {e}")))
}

/// Items put back in the order they were kept in.
fn in_order<T>(items: Option<Vec<(i64, T)>>) -> Vec<T> {
    let mut items = items.unwrap_or_default();
    items.sort_by_key(|(n, _)| *n);
    items.into_iter().map(|(_, item)| item).collect()
}

impl Store {
    /// Every case's answer on `day`: open duties, and the findings on or after
    /// `findings_since` (none when `None`: a store keeps many, and most agendas show none).
    /// With `keep`, answers computed again are kept for the next time (use it when `day` is
    /// today).
    pub fn ready(
        &mut self,
        day: NaiveDate,
        keep: bool,
        findings_since: Option<NaiveDate>,
    ) -> Result<Ready, StoreError> {
        let date = day.to_string();
        let mut tx = self.conn.begin(Mode::Read)?;
        let policy = current_policy(&mut tx, &mut self.policy)?;
        let version = policy.version;
        let params = [version.into(), date.as_str().into()];
        let cases = tx
            .first("SELECT count(*) FROM cases WHERE withdrawn = 0", &[], |r| {
                r.req_int(0)
            })?
            .unwrap_or(0);
        let stale: Vec<(String, i64)> = tx.collect(
            &format!(
                "SELECT c.case_id, c.last_seq FROM cases c
                 WHERE c.withdrawn = 0 AND NOT ({HOLDS}) ORDER BY c.case_id"
            ),
            &params,
            |r| Ok((r.req_text(0)?, r.req_int(1)?)),
        )?;
        let skip: HashSet<&str> = stale.iter().map(|(id, _)| id.as_str()).collect();
        let mut problems: HashMap<String, String> = HashMap::new();
        tx.rows(
            "SELECT case_id, problem FROM cases WHERE problem IS NOT NULL",
            &[],
            |r| {
                let id = r.req_text(0)?;
                if !skip.contains(id.as_str()) {
                    problems.insert(id, r.req_text(1)?);
                }
                Ok(())
            },
        )?;
        // A withdrawn case keeps no duties or findings: only stale ones are left out here.
        // Read in storage order (no index walk), then parsed on every core; each case's
        // items are put back in order.
        let mut rows: Vec<(String, i64, String)> = Vec::new();
        tx.rows("SELECT case_id, n, item FROM duties", &[], |r| {
            let id = r.req_text(0)?;
            if !skip.contains(id.as_str()) {
                rows.push((id, r.req_int(1)?, r.req_text(2)?));
            }
            Ok(())
        })?;
        let parsed: Vec<(String, i64, Duty)> = rows
            .into_par_iter()
            .map(|(id, n, item)| Ok((id, n, parse(&item)?)))
            .collect::<Result<_, StoreError>>()?;
        let mut duties: HashMap<String, Vec<(i64, Duty)>> = HashMap::new();
        for (id, n, duty) in parsed {
            duties.entry(id).or_default().push((n, duty));
        }
        let mut findings: HashMap<String, Vec<(i64, Finding)>> = HashMap::new();
        if let Some(since) = findings_since.map(|d| d.to_string()) {
            tx.rows(
                "SELECT case_id, n, item FROM findings WHERE at >= ?1",
                &[since.as_str().into()],
                |r| {
                    let id = r.req_text(0)?;
                    if !skip.contains(id.as_str()) {
                        let finding: Finding = parse(&r.req_text(2)?)?;
                        findings
                            .entry(id)
                            .or_default()
                            .push((r.req_int(1)?, finding));
                    }
                    Ok(())
                },
            )?;
        }
        let mut out = Ready {
            policy_version: version,
            cases: usize::try_from(cases).unwrap_or(0),
            ..Ready::default()
        };
        let mut kept: Vec<String> = duties
            .keys()
            .chain(findings.keys())
            .chain(problems.keys())
            .cloned()
            .collect();
        kept.sort_unstable();
        kept.dedup();
        for id in kept {
            out.answers.push(mentor_agenda::Answer {
                duties: in_order(duties.remove(&id)),
                findings: in_order(findings.remove(&id)),
                eligibility: Vec::new(),
                errors: problems
                    .remove(&id)
                    .map(|p| p.lines().map(str::to_string).collect())
                    .unwrap_or_default(),
                case: id,
            });
        }
        let mut fresh: Vec<(String, i64, i64, Answer)> = Vec::new();
        for (id, last) in stale {
            let folded = fold_case(&mut tx, &id)?;
            let doc = folded.document();
            match policy.load(&id, &doc.text) {
                Ok(case) => {
                    let answer = policy.answer(&case, day);
                    let mut shown = answer.for_agenda(&id);
                    shown
                        .findings
                        .retain(|f| findings_since.is_some_and(|since| f.at >= since));
                    if !(shown.duties.is_empty()
                        && shown.findings.is_empty()
                        && shown.errors.is_empty())
                    {
                        out.answers.push(shown);
                    }
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
        out.answers.sort_by(|a, b| a.case.cmp(&b.case));
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
