//! What evaluation finds, as data: obligations, violations, eligibility and rule status.
//!
//! Nothing here is worded for people; `explain` words it and `report` shapes the JSON.

use chrono::NaiveDate;
use mentor_check::model::{EventId, RoleId, RuleId};
use mentor_check::types::{DateError, Quantity};
use mentor_syntax::ast::ModalityKind;
use serde::{Deserialize, Serialize};
use smallvec::SmallVec;

/// Events of a case (indices into its events), in order: kept inline, without allocating,
/// when there are few of them, as there nearly always are (a trigger is one or two events).
pub type EventList = SmallVec<[u32; 3]>;

/// The events that would meet a duty (nearly always one or two).
pub type Actions = SmallVec<[EventId; 2]>;

/// A copy of a short list of events, without the block copy `from_slice` makes.
#[inline(always)]
pub(crate) fn event_list(items: &[u32]) -> EventList {
    match *items {
        [a] => EventList::from_buf_and_len([a, 0, 0], 1),
        [a, b] => EventList::from_buf_and_len([a, b, 0], 2),
        _ => EventList::from_slice(items),
    }
}

/// A copy of a duty's actions, without the block copy `from_slice` makes.
#[inline(always)]
pub(crate) fn actions(items: &[EventId]) -> Actions {
    match *items {
        [a] => Actions::from_buf_and_len([a, EventId(0)], 1),
        _ => Actions::from_slice(items),
    }
}

/// Everything a policy says about a case on a date.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Evaluation {
    pub as_of: NaiveDate,
    pub obligations: Vec<Obligation>,
    pub violations: Vec<Violation>,
    pub eligibility: Vec<Eligibility>,
    /// For each rule of the policy, whether anything in the case triggered it.
    pub triggered: Vec<bool>,
    /// Dates that could not be computed (a calendar's years exceeded).
    pub errors: Vec<EvalError>,
}

/// Something someone must or should do, once triggered.
#[derive(Debug, Clone, PartialEq)]
pub struct Obligation {
    pub rule: RuleId,
    pub severity: ModalityKind,
    /// The participant who must act; `None` when the case has nobody in `role`.
    pub party: Option<u32>,
    pub role: RoleId,
    /// Events that would meet it.
    pub actions: Actions,
    /// The participant the action concerns, when known.
    pub counterpart: Option<u32>,
    /// The last day on which acting is on time.
    pub due: Option<NaiveDate>,
    /// The day it was triggered.
    pub since: NaiveDate,
    /// The events that triggered it (indices into the case's events).
    pub events: EventList,
    pub state: State,
    pub detail: Detail,
}

impl Obligation {
    pub fn is_open(&self) -> bool {
        self.state == State::Open
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum State {
    Open,
    /// Met by an event, on time or late.
    Met {
        event: u32,
        late: bool,
    },
    /// No longer owed, since the event `by` (before it was met).
    Closed {
        by: u32,
        why: Closure,
    },
}

/// Why an obligation stopped being owed before it was met.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Closure {
    /// A termination path ended the relationship (or the case).
    Termination,
    /// A ladder's outcome: the person it tried to reach was reached after all.
    Reached,
    /// A new occurrence of a `later of` anchor started a new duty after this one was missed.
    Replaced,
}

/// Kind-specific facts that explanations need.
#[derive(Debug, Clone, PartialEq)]
pub enum Detail {
    /// `within` a duration after the trigger, or by a date.
    Deadline { within: Option<Quantity> },
    /// A monthly duty for the month starting on `month`.
    Monthly { month: NaiveDate },
    /// At least `min` events are still needed.
    AtLeast { count: u32, min: u32 },
    /// A ladder step: `made` of `of` attempts by the step's role.
    LadderStep {
        step: u32,
        steps: u32,
        made: u32,
        of: u32,
        target: u32,
    },
    /// A ladder's outcome, once every step failed.
    LadderOutcome { target: u32 },
    /// Something a termination path requires.
    AfterTermination,
    /// The next phase should start (or this one end) between two dates.
    PhaseEnd {
        phase_start: NaiveDate,
        earliest: NaiveDate,
    },
}

/// A broken rule.
#[derive(Debug, Clone, PartialEq)]
pub struct Violation {
    pub rule: RuleId,
    pub severity: ModalityKind,
    pub party: Option<u32>,
    /// The day it broke.
    pub at: NaiveDate,
    /// The events involved (indices into the case's events).
    pub events: EventList,
    pub kind: ViolationKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ViolationKind {
    /// Nothing was done by the due date.
    Missed {
        due: NaiveDate,
        actions: Actions,
        /// The participant the action concerned, when known.
        counterpart: Option<u32>,
    },
    /// Done, but after the due date.
    Late {
        due: NaiveDate,
        done: NaiveDate,
    },
    /// An event beyond an upper limit.
    OverLimit {
        count: u32,
        limit: u32,
        raised: u32,
    },
    /// Too few events by the end of a window.
    UnderLimit {
        count: u32,
        min: u32,
        window_end: NaiveDate,
        /// The participant the events were counted for.
        whose: u32,
    },
    /// An event that does not meet its condition.
    Condition,
    /// An event (`each E must have ROLE is eligible`) whose participant was not eligible on
    /// its day (the violation's `at`); `criteria` are the role's items judged that day.
    NotEligible {
        whose: u32,
        criteria: Criteria,
    },
    /// An event later than the window after its anchor.
    OutsideWindow {
        anchor: NaiveDate,
        last_day: NaiveDate,
    },
    /// An event between a pause and its end.
    DuringPause {
        paused: NaiveDate,
    },
    DisclosedBeforeConsent,
    DisclosedAfterWithdrawal {
        withdrawn: NaiveDate,
    },
    DisclosedFields {
        fields: Vec<String>,
        allowed: Vec<String>,
    },
    PhaseTooShort {
        started: NaiveDate,
        ended: NaiveDate,
        earliest: NaiveDate,
    },
    PhaseTooLong {
        started: NaiveDate,
        latest: NaiveDate,
    },
}

/// Whether a participant may take part in their role. The reasons, in words, are rendered
/// on demand by [`crate::explain::Words::eligibility`].
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Eligibility {
    pub participant: u32,
    pub role: RoleId,
    /// `None`: it cannot be told, since a fact it depends on is not recorded.
    pub eligible: Option<bool>,
    /// The role's eligibility items, each with its value for the participant.
    pub criteria: Criteria,
}

/// The value of each eligibility item of a role for one participant on one day, in the
/// order the policy declares the role's items: held, failed or unknown (a fact it depends
/// on is not recorded). Kept without allocating: the first 64 items of a role are recorded
/// one by one, and any beyond them only through the overall verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Criteria {
    held: u64,
    unknown: u64,
    len: u32,
}

impl Criteria {
    /// The most items recorded one by one.
    pub const RECORDED: usize = 64;

    /// Records the value of the next item.
    pub(crate) fn push(&mut self, value: Option<bool>) {
        if let Some(bit) = 1u64.checked_shl(self.len) {
            match value {
                Some(true) => self.held |= bit,
                None => self.unknown |= bit,
                Some(false) => {}
            }
        }
        self.len = self.len.saturating_add(1);
    }

    /// How many items were judged.
    pub fn len(&self) -> usize {
        self.len as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// The value of the `n`th item of the role (`None` inside: unknown); `None` beyond the
    /// items judged or recorded.
    pub fn get(&self, n: usize) -> Option<Option<bool>> {
        if n >= self.len() || n >= Self::RECORDED {
            return None;
        }
        let bit = 1u64 << n;
        Some(if self.unknown & bit != 0 {
            None
        } else {
            Some(self.held & bit != 0)
        })
    }

    /// The recorded values, in order.
    pub fn iter(&self) -> impl Iterator<Item = Option<bool>> + '_ {
        (0..self.len().min(Self::RECORDED)).filter_map(|n| self.get(n))
    }

    /// The overall verdict: false if any item failed, else unknown if any is, else true.
    pub fn verdict(&self) -> Option<bool> {
        let recorded = self.len().min(Self::RECORDED);
        let all = if recorded == Self::RECORDED {
            u64::MAX
        } else {
            (1u64 << recorded) - 1
        };
        if (self.held | self.unknown) & all != all {
            Some(false)
        } else if self.unknown & all != 0 {
            None
        } else {
            Some(true)
        }
    }
}

/// A date that could not be worked out.
#[derive(Debug, Clone, PartialEq)]
pub struct EvalError {
    pub error: DateError,
    /// The event whose date could not be used, when there is one.
    pub event: Option<u32>,
}

impl EvalError {
    /// What went wrong, in words: `the calendar england_and_wales covers 2018 to 2035`.
    pub fn message(&self) -> String {
        self.error.to_string()
    }
}

/// A rule's overall status on the date. Serialised (and shown) as `met`, `pending`,
/// `overdue`, `violated` or `not triggered`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum RuleStatus {
    #[serde(rename = "met")]
    Met,
    #[serde(rename = "pending")]
    Pending,
    #[serde(rename = "overdue")]
    Overdue,
    #[serde(rename = "violated")]
    Violated,
    #[serde(rename = "not triggered")]
    NotTriggered,
}

impl std::fmt::Display for RuleStatus {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl PartialEq<&str> for RuleStatus {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl PartialEq<str> for RuleStatus {
    fn eq(&self, other: &str) -> bool {
        self.as_str() == other
    }
}

impl RuleStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            RuleStatus::Met => "met",
            RuleStatus::Pending => "pending",
            RuleStatus::Overdue => "overdue",
            RuleStatus::Violated => "violated",
            RuleStatus::NotTriggered => "not triggered",
        }
    }
}

impl Evaluation {
    /// The status of one rule.
    pub fn status(&self, rule: RuleId) -> RuleStatus {
        // Overdue (something still owed is past its due date) comes before violated.
        let open: Vec<&Obligation> = self
            .obligations
            .iter()
            .filter(|o| o.rule == rule && o.is_open())
            .collect();
        if open.iter().any(|o| o.due.is_some_and(|d| self.as_of > d)) {
            return RuleStatus::Overdue;
        }
        if self.violations.iter().any(|v| v.rule == rule) {
            return RuleStatus::Violated;
        }
        if !open.is_empty() {
            return RuleStatus::Pending;
        }
        if self.triggered.get(rule.index()).copied().unwrap_or(false) {
            RuleStatus::Met
        } else {
            RuleStatus::NotTriggered
        }
    }

    /// Open obligations in the order `next` lists them: by due date, undated last.
    pub fn next(&self) -> Vec<&Obligation> {
        let mut open: Vec<&Obligation> = self.obligations.iter().filter(|o| o.is_open()).collect();
        open.sort_by_key(|o| (o.due.is_none(), o.due, o.rule, o.party, o.since));
        open
    }
}
