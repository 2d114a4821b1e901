//! The answers of every case for a day, as the agenda needs them: read from what is kept,
//! and computed again only for cases whose kept answer does not hold on that day (computed
//! under another policy version, on a later day, or past its `valid_until`).

use crate::answers::Answer;
use crate::error::StoreError;
use crate::log;
use crate::packed::{self, Unreadable};
use crate::sql::{Mode, Param};
use crate::store::{Store, current_policy, fold_case};
use chrono::NaiveDate;
use mentor_agenda::{Band, Finding, Query};
use std::collections::{HashMap, HashSet};

/// Every case's answer on a day.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Ready {
    /// The policy version the answers are under.
    pub policy_version: i64,
    /// How many cases there are (withdrawn ones left out).
    pub cases: usize,
    /// The answer of each case that has open duties (from [`Store::ready_for`], only those
    /// its query shows, unless the case was evaluated again), findings asked for, or dates
    /// that could not be worked out, in order of case id; eligibility is not kept (ask
    /// [`Store::case`] for one case's).
    pub answers: Vec<mentor_agenda::Answer>,
    /// How many cases had to be evaluated again.
    pub refreshed: usize,
}

/// The cases whose kept answer does not hold on day `?2` under policy version `?1`: kept
/// under no version or another one, until that day or before, or computed on a later day.
/// Each test is a range of an index (`cases_by_state`, `cases_by_evaluation`), usually
/// empty, so the cases whose answers hold are not read.
fn stale_cases() -> String {
    [
        "policy_version IS NULL",
        "policy_version < ?1",
        "policy_version > ?1",
        "policy_version = ?1 AND valid_until IS NULL",
        "policy_version = ?1 AND valid_until <= ?2",
        "policy_version = ?1 AND evaluated_on IS NULL",
        "policy_version = ?1 AND evaluated_on > ?2",
    ]
    .map(|test| format!("SELECT case_id, last_seq FROM cases WHERE withdrawn = 0 AND {test}"))
    .join(" UNION ")
        + " ORDER BY 1"
}

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

/// The `WHERE` clause (empty for everything) that keeps the duties `query` can show, and its
/// parameters: the same tests as [`Query::wants`], on the columns kept beside each duty.
fn wanted(query: &Query) -> (String, Vec<Param<'_>>) {
    let mut params: Vec<Param<'_>> = Vec::new();
    let mut tests: Vec<String> = Vec::new();
    fn one_of<'q>(
        column: &str,
        values: &'q [String],
        params: &mut Vec<Param<'q>>,
        tests: &mut Vec<String>,
    ) {
        let mut marks = Vec::new();
        for v in values {
            params.push(v.into());
            marks.push(format!("?{}", params.len()));
        }
        if !marks.is_empty() {
            tests.push(format!("{column} IN ({})", marks.join(", ")));
        }
    }
    one_of("case_id", &query.cases, &mut params, &mut tests);
    one_of("party", &query.parties, &mut params, &mut tests);
    one_of("role", &query.roles, &mut params, &mut tests);
    let today = packed::day_number(query.as_of);
    let mut day = |d: i64| {
        params.push(d.into());
        format!("?{}", params.len())
    };
    if !query.bands.is_empty() {
        let bands: Vec<String> = Band::ALL
            .into_iter()
            .filter(|b| query.bands.contains(b))
            .map(|b| match b {
                Band::Overdue => format!("due_day < {}", day(today)),
                Band::Today => format!("due_day = {}", day(today)),
                Band::Week => format!(
                    "(due_day >= {} AND due_day <= {})",
                    day(today + 1),
                    day(today + 7)
                ),
                Band::Later => format!("due_day > {}", day(today + 7)),
                Band::NoDeadline => "due_day IS NULL".to_string(),
            })
            .collect();
        tests.push(format!("({})", bands.join(" OR ")));
    }
    if let Some(days) = query.within {
        tests.push(format!("due_day <= {}", day(today + i64::from(days))));
    }
    let clause = if tests.is_empty() {
        String::new()
    } else {
        format!(" WHERE {}", tests.join(" AND "))
    };
    (clause, params)
}

/// The answer of case `id`: in `answers` (sorted by case) when it is there, else in `others`.
fn answer_of<'a>(
    answers: &'a mut [mentor_agenda::Answer],
    others: &'a mut HashMap<String, mentor_agenda::Answer>,
    id: String,
) -> &'a mut mentor_agenda::Answer {
    if let Ok(i) = answers.binary_search_by(|a| a.case.as_str().cmp(id.as_str()))
        && let Some(answer) = answers.get_mut(i)
    {
        return answer;
    }
    others
        .entry(id.clone())
        .or_insert_with(|| mentor_agenda::Answer {
            case: id,
            ..mentor_agenda::Answer::default()
        })
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
        let query = Query {
            since: findings_since,
            ..Query::on(day)
        };
        self.ready_for(&query, keep)
    }

    /// Every case's answer on the query's day, as [`Store::ready`] gives it, but with only
    /// the kept duties the query can show (by case, party, role, band and `within`): the
    /// others are not read. Cases evaluated again, findings and errors are given whole, for
    /// the agenda builder to filter.
    pub fn ready_for(&mut self, query: &Query, keep: bool) -> Result<Ready, StoreError> {
        let day = query.as_of;
        let findings_since = query.since;
        let date = day.to_string();
        let mut tx = self.conn.begin(Mode::Read)?;
        let policy = current_policy(&mut tx, &mut self.policy)?;
        let version = policy.version;
        let params = [version.into(), date.as_str().into()];
        // How many cases (`withdrawn` is 0 or 1), counted without reading every one.
        let cases = tx
            .first(
                "SELECT (SELECT count(*) FROM cases) - (SELECT count(*) FROM cases WHERE withdrawn > 0)",
                &[],
                |r| r.req_int(0),
            )?
            .unwrap_or(0);
        let mut stale: Vec<(String, i64)> = tx.collect(&stale_cases(), &params, |r| {
            Ok((r.req_text(0)?, r.req_int(1)?))
        })?;
        let mut skip: HashSet<String> = stale.iter().map(|(id, _)| id.clone()).collect();
        // Every kept duty, in case order (the order they are stored in), each case's duties
        // in the order they were kept. A withdrawn case keeps no duties: only stale ones are
        // left out here. A case whose kept duties cannot be read is evaluated again.
        let mut answers: Vec<mentor_agenda::Answer> = Vec::new();
        let mut unreadable: Vec<String> = Vec::new();
        let (wanted, wanted_params) = wanted(query);
        let sql = format!("SELECT case_id, item FROM duties{wanted} ORDER BY case_id, n");
        tx.rows(&sql, &wanted_params, |r| {
            let id = r.str_ref(0)?;
            if answers.last().is_none_or(|a| a.case != id) {
                if unreadable.last().is_some_and(|u| u == id)
                    || (!skip.is_empty() && skip.contains(id))
                {
                    return Ok(());
                }
                answers.push(mentor_agenda::Answer {
                    case: id.to_string(),
                    ..mentor_agenda::Answer::default()
                });
            }
            match packed::unpack(id, r.bytes_ref(1)?) {
                Ok(duty) => {
                    if let Some(answer) = answers.last_mut() {
                        answer.duties.push(duty);
                    }
                }
                Err(Unreadable) => {
                    answers.pop();
                    unreadable.push(id.to_string());
                }
            }
            Ok(())
        })?;
        for id in unreadable {
            if let Some(last) = tx.first(
                "SELECT last_seq FROM cases WHERE case_id = ?1 AND withdrawn = 0",
                &[id.as_str().into()],
                |r| r.req_int(0),
            )? {
                skip.insert(id.clone());
                stale.push((id, last));
            }
        }
        let mut problems: Vec<(String, String)> = Vec::new();
        tx.rows(
            "SELECT case_id, problem FROM cases WHERE problem IS NOT NULL",
            &[],
            |r| {
                let id = r.req_text(0)?;
                if !skip.contains(id.as_str()) {
                    problems.push((id, r.req_text(1)?));
                }
                Ok(())
            },
        )?;
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
        // Sorted already when the database orders case ids as Rust does (SQLite).
        answers.sort_by(|a, b| a.case.cmp(&b.case));
        let mut others: HashMap<String, mentor_agenda::Answer> = HashMap::new();
        for (id, items) in findings {
            answer_of(&mut answers, &mut others, id).findings = in_order(Some(items));
        }
        for (id, problem) in problems {
            answer_of(&mut answers, &mut others, id).errors =
                problem.lines().map(str::to_string).collect();
        }
        answers.extend(others.into_values());
        let mut out = Ready {
            policy_version: version,
            cases: usize::try_from(cases).unwrap_or(0),
            answers,
            ..Ready::default()
        };
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
