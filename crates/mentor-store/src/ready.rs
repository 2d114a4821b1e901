//! The answers of every case for a day, as the agenda needs them: read from what is kept,
//! and computed again only for cases whose kept answer does not hold on that day (computed
//! under another policy version, on a later day, or past its `valid_until`).

use crate::answers::{Answer, with_overdue};
use crate::error::StoreError;
use crate::log;
use crate::sql::Mode;
use crate::store::{Store, current_policy, fold_case};
use chrono::NaiveDate;
use mentor_eval::report::{NextItem, ViolationItem};

/// Every case's open duties and findings on a day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ready {
    /// The policy version the answers are under.
    pub policy_version: i64,
    /// Open duties, with their case; `overdue` as of the day.
    pub duties: Vec<(String, NextItem)>,
    /// Findings (broken rules), with their case.
    pub findings: Vec<(String, ViolationItem)>,
    /// Cases whose answer is incomplete or could not be computed, and why.
    pub problems: Vec<(String, String)>,
    /// How many cases had to be evaluated again.
    pub refreshed: usize,
}

const KEPT_HOLDS: &str =
    "c.withdrawn = 0 AND c.policy_version = ?1 AND c.evaluated_on <= ?2 AND c.valid_until > ?2";
const STALE: &str = "c.withdrawn = 0 AND (c.policy_version IS NULL OR c.policy_version <> ?1
     OR c.evaluated_on > ?2 OR c.valid_until <= ?2)";

fn parse<T: serde::de::DeserializeOwned>(text: &str) -> Result<T, StoreError> {
    serde_json::from_str(text).map_err(|e| StoreError::Database(format!("a kept answer is unreadable: {e}")))
}

impl Store {
    /// Every case's answer on `day`. With `keep`, answers computed again are kept for the
    /// next time (use it when `day` is today).
    pub fn ready(&mut self, day: NaiveDate, keep: bool) -> Result<Ready, StoreError> {
        let date = day.to_string();
        let mut tx = self.conn.begin(Mode::Read)?;
        let policy = current_policy(&mut tx, &mut self.policy)?;
        let version = policy.version;
        let mut out = Ready {
            policy_version: version,
            ..Ready::default()
        };
        let stale: Vec<(String, i64)> = tx.collect(
            &format!("SELECT c.case_id, c.last_seq FROM cases c WHERE {STALE} ORDER BY c.case_id"),
            &[version.into(), date.as_str().into()],
            |r| Ok((r.req_text(0)?, r.req_int(1)?)),
        )?;
        tx.rows(
            &format!(
                "SELECT d.case_id, d.item FROM duties d JOIN cases c ON c.case_id = d.case_id
                 WHERE {KEPT_HOLDS} ORDER BY d.case_id, d.n"
            ),
            &[version.into(), date.as_str().into()],
            |r| {
                let item: NextItem = parse(&r.req_text(1)?)?;
                out.duties.push((r.req_text(0)?, with_overdue(item, day)));
                Ok(())
            },
        )?;
        tx.rows(
            &format!(
                "SELECT f.case_id, f.item FROM findings f JOIN cases c ON c.case_id = f.case_id
                 WHERE {KEPT_HOLDS} ORDER BY f.case_id, f.n"
            ),
            &[version.into(), date.as_str().into()],
            |r| {
                out.findings.push((r.req_text(0)?, parse(&r.req_text(1)?)?));
                Ok(())
            },
        )?;
        tx.rows(
            &format!(
                "SELECT c.case_id, c.problem FROM cases c WHERE {KEPT_HOLDS} AND c.problem IS NOT NULL ORDER BY c.case_id"
            ),
            &[version.into(), date.as_str().into()],
            |r| {
                out.problems.push((r.req_text(0)?, r.req_text(1)?));
                Ok(())
            },
        )?;
        let mut fresh: Vec<(String, i64, i64, Answer)> = Vec::new();
        for (id, last) in &stale {
            let folded = fold_case(&mut tx, id)?;
            let doc = folded.document();
            match policy.load(id, &doc.text) {
                Ok(case) => {
                    let answer = policy.answer(&case, day);
                    fresh.push((id.clone(), folded.opened, *last, answer));
                }
                Err(diags) => out.problems.push((
                    id.clone(),
                    format!(
                        "the case does not load under policy version {version} ({} problems)",
                        diags.len()
                    ),
                )),
            }
        }
        tx.commit()?;
        out.refreshed = fresh.len();
        for (id, _, _, answer) in &fresh {
            out.duties
                .extend(answer.duties_on(day).into_iter().map(|d| (id.clone(), d)));
            out.findings
                .extend(answer.findings.iter().cloned().map(|f| (id.clone(), f)));
            if let Some(p) = &answer.problem {
                out.problems.push((id.clone(), p.clone()));
            }
        }
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
