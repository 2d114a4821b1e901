//! Reading and appending entries, and keeping each case's answer, inside a transaction.

use crate::answers::Answer;
use crate::entry::{Author, Entry, GENESIS, Kind, hash_of};
use crate::error::StoreError;
use crate::sql::{Param, Row, Tx};

pub(crate) const ENTRY_COLUMNS: &str =
    "seq, case_id, kind, corrects, payload, recorded_by, recorded_at, prev_hash, hash";

pub(crate) fn read_entry(r: &Row<'_, '_>) -> Result<Entry, StoreError> {
    let kind = r.req_text(2)?;
    Ok(Entry {
        seq: r.req_int(0)?,
        case: r.text(1)?,
        kind: Kind::parse(&kind)
            .ok_or_else(|| StoreError::Database(format!("unknown kind of entry `{kind}`")))?,
        corrects: r.int(3)?,
        payload: r.req_text(4)?,
        recorded_by: r.req_text(5)?,
        recorded_at: r.req_text(6)?,
        prev_hash: r.req_text(7)?,
        hash: r.req_text(8)?,
    })
}

/// The last entry's number and hash (0 and the genesis hash for an empty log).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Head {
    pub seq: i64,
    pub hash: String,
}

pub(crate) fn head(tx: &mut Tx<'_>) -> Result<Head, StoreError> {
    Ok(tx
        .first(
            "SELECT seq, hash FROM entries ORDER BY seq DESC LIMIT 1",
            &[],
            |r| {
                Ok(Head {
                    seq: r.req_int(0)?,
                    hash: r.req_text(1)?,
                })
            },
        )?
        .unwrap_or(Head {
            seq: 0,
            hash: GENESIS.to_string(),
        }))
}

/// Appends one entry after `head`, and moves `head` to it.
pub(crate) fn append(
    tx: &mut Tx<'_>,
    head: &mut Head,
    case: Option<&str>,
    kind: Kind,
    corrects: Option<i64>,
    payload: &str,
    author: &Author,
) -> Result<Entry, StoreError> {
    let seq = head.seq + 1;
    let hash = hash_of(
        seq,
        case,
        kind,
        corrects,
        payload,
        &author.name,
        &author.at,
        &head.hash,
    );
    tx.execute(
        "INSERT INTO entries (seq, case_id, kind, corrects, payload, recorded_by, recorded_at, prev_hash, hash)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        &[
            seq.into(),
            case.into(),
            kind.as_str().into(),
            corrects.into(),
            payload.into(),
            author.name.as_str().into(),
            author.at.as_str().into(),
            head.hash.as_str().into(),
            hash.as_str().into(),
        ],
    )?;
    let entry = Entry {
        seq,
        case: case.map(str::to_string),
        kind,
        corrects,
        payload: payload.to_string(),
        recorded_by: author.name.clone(),
        recorded_at: author.at.clone(),
        prev_hash: std::mem::replace(&mut head.hash, hash.clone()),
        hash,
    };
    head.seq = seq;
    Ok(entry)
}

/// Every entry of a case, in log order.
pub(crate) fn case_entries(tx: &mut Tx<'_>, case: &str) -> Result<Vec<Entry>, StoreError> {
    tx.collect(
        &format!("SELECT {ENTRY_COLUMNS} FROM entries WHERE case_id = ?1 ORDER BY seq"),
        &[case.into()],
        read_entry,
    )
}

/// Keeps a case's answer (or only its place in the log, for a withdrawn case).
pub(crate) fn save_answer(
    tx: &mut Tx<'_>,
    case: &str,
    opened: i64,
    last: i64,
    withdrawn: bool,
    version: i64,
    answer: Option<&Answer>,
) -> Result<(), StoreError> {
    tx.execute("DELETE FROM duties WHERE case_id = ?1", &[case.into()])?;
    tx.execute("DELETE FROM findings WHERE case_id = ?1", &[case.into()])?;
    let evaluated = answer.map(|a| a.evaluated_on.to_string());
    let until = answer.map(|a| a.valid_until.to_string());
    let problem = answer
        .filter(|a| !a.errors.is_empty())
        .map(|a| a.errors.join("\n"));
    tx.execute(
        "INSERT INTO cases (case_id, opened, last_seq, withdrawn, policy_version, evaluated_on, valid_until, problem)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)
         ON CONFLICT (case_id) DO UPDATE SET
           opened = excluded.opened, last_seq = excluded.last_seq, withdrawn = excluded.withdrawn,
           policy_version = excluded.policy_version, evaluated_on = excluded.evaluated_on,
           valid_until = excluded.valid_until, problem = excluded.problem",
        &[
            case.into(),
            opened.into(),
            last.into(),
            i64::from(withdrawn).into(),
            Param::Int(answer.map(|_| version)),
            Param::Text(evaluated.as_deref()),
            Param::Text(until.as_deref()),
            Param::Text(problem.as_deref()),
        ],
    )?;
    let Some(answer) = answer else {
        return Ok(());
    };
    for (n, d) in answer.duties.iter().enumerate() {
        let item = crate::packed::pack(d);
        let due = d.due.map(|d| d.to_string());
        tx.execute(
            "INSERT INTO duties (case_id, n, due, due_day, party, role, rule, item)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            &[
                case.into(),
                (n as i64).into(),
                Param::Text(due.as_deref()),
                Param::Int(d.due.map(crate::packed::day_number)),
                d.party.as_deref().into(),
                d.role.as_str().into(),
                d.rule.as_str().into(),
                Param::Bytes(&item),
            ],
        )?;
    }
    for (n, f) in answer.findings.iter().enumerate() {
        let item = serde_json::to_string(f).map_err(|e| StoreError::Database(e.to_string()))?;
        let at = f.at.to_string();
        tx.execute(
            "INSERT INTO findings (case_id, n, at, party, rule, item) VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            &[
                case.into(),
                (n as i64).into(),
                at.as_str().into(),
                f.party.as_deref().into(),
                f.rule.as_str().into(),
                item.as_str().into(),
            ],
        )?;
    }
    Ok(())
}

/// The current policy version, its text and hash.
pub(crate) fn current_policy(tx: &mut Tx<'_>) -> Result<Option<(i64, String, String)>, StoreError> {
    tx.first(
        "SELECT version, text, sha256 FROM policies ORDER BY version DESC LIMIT 1",
        &[],
        |r| Ok((r.req_int(0)?, r.req_text(1)?, r.req_text(2)?)),
    )
}

/// The latest policy version (without its text).
pub(crate) fn current_version(tx: &mut Tx<'_>) -> Result<i64, StoreError> {
    Ok(tx
        .first("SELECT max(version) FROM policies", &[], |r| r.int(0))?
        .flatten()
        .unwrap_or(0))
}
