//! What a policy change would change for one case: the answers of the same case under the
//! old and the new policy, compared duty by duty ([`Duty::key`]) and finding by finding.

use crate::duty::{Answer, Duty, Eligibility, Finding};
use serde::{Deserialize, Serialize};

/// One difference between the old and the new answer of a case.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "change", rename_all = "snake_case")]
pub enum Change {
    /// Owed under the new policy, not under the old.
    NewDuty { duty: Duty },
    /// Owed under the old policy, no longer under the new.
    GoneDuty { duty: Duty },
    /// Owed under both, due on another day (or with or without a deadline).
    MovedDuty { old: Box<Duty>, new: Box<Duty> },
    /// A broken rule found under the new policy only.
    NewFinding { finding: Finding },
    /// A broken rule found under the old policy only.
    GoneFinding { finding: Finding },
    /// A participant's eligibility differs (or is judged under one policy only).
    Eligibility {
        old: Option<Eligibility>,
        new: Option<Eligibility>,
    },
}

/// The differences for one case, in the order: duties, findings, eligibility.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CaseChange {
    pub case: String,
    pub changes: Vec<Change>,
}

/// Pairs items with the same key, each used once: (old only, both, new only).
fn pair<T: Clone>(
    old: &[T],
    new: &[T],
    key: impl Fn(&T) -> String,
) -> (Vec<T>, Vec<(T, T)>, Vec<T>) {
    let mut unused: Vec<Option<&T>> = new.iter().map(Some).collect();
    let mut only_old = Vec::new();
    let mut both = Vec::new();
    for o in old {
        let k = key(o);
        let found = unused
            .iter_mut()
            .find(|slot| slot.is_some_and(|n| key(n) == k))
            .and_then(Option::take);
        match found {
            Some(n) => both.push((o.clone(), n.clone())),
            None => only_old.push(o.clone()),
        }
    }
    let only_new = unused.into_iter().flatten().cloned().collect();
    (only_old, both, only_new)
}

/// What changes for a case from the `old` answer to the `new` one.
pub fn compare(old: &Answer, new: &Answer) -> CaseChange {
    let mut changes = Vec::new();
    let (gone, both, added) = pair(&old.duties, &new.duties, Duty::key);
    changes.extend(added.into_iter().map(|duty| Change::NewDuty { duty }));
    for (old_duty, new_duty) in both {
        if old_duty.due != new_duty.due {
            changes.push(Change::MovedDuty {
                old: Box::new(old_duty),
                new: Box::new(new_duty),
            });
        }
    }
    changes.extend(gone.into_iter().map(|duty| Change::GoneDuty { duty }));
    let (gone, _, added) = pair(&old.findings, &new.findings, Finding::key);
    changes.extend(
        added
            .into_iter()
            .map(|finding| Change::NewFinding { finding }),
    );
    changes.extend(
        gone.into_iter()
            .map(|finding| Change::GoneFinding { finding }),
    );
    let who = |e: &Eligibility| format!("{}\u{1f}{}", e.participant, e.role);
    let (gone, both, added) = pair(&old.eligibility, &new.eligibility, who);
    for (o, n) in both {
        if o.eligible != n.eligible {
            changes.push(Change::Eligibility {
                old: Some(o),
                new: Some(n),
            });
        }
    }
    changes.extend(gone.into_iter().map(|o| Change::Eligibility {
        old: Some(o),
        new: None,
    }));
    changes.extend(added.into_iter().map(|n| Change::Eligibility {
        old: None,
        new: Some(n),
    }));
    CaseChange {
        case: new.case.clone(),
        changes,
    }
}
