//! What evaluation finds, as data: obligations, violations, eligibility and rule status.
//!
//! Nothing here is worded for people; `explain` words it and `report` shapes the JSON.

use chrono::NaiveDate;
use mentor_check::model::{EventId, RoleId, RuleId};
use mentor_check::types::Quantity;
use mentor_syntax::ast::ModalityKind;

/// Everything a policy says about a case on a date.
#[derive(Debug, Clone, PartialEq)]
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
    pub actions: Vec<EventId>,
    /// The participant the action concerns, when known.
    pub counterpart: Option<u32>,
    /// The last day on which acting is on time.
    pub due: Option<NaiveDate>,
    /// The day it was triggered.
    pub since: NaiveDate,
    /// The events that triggered it (indices into the case's events).
    pub events: Vec<u32>,
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
        step: usize,
        steps: usize,
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
    pub events: Vec<u32>,
    pub kind: ViolationKind,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ViolationKind {
    /// Nothing was done by the due date.
    Missed {
        due: NaiveDate,
        actions: Vec<EventId>,
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
    /// its day; `because` gives the criteria that failed.
    NotEligible {
        whose: u32,
        because: String,
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

/// Whether a participant may take part in their role.
#[derive(Debug, Clone, PartialEq)]
pub struct Eligibility {
    pub participant: u32,
    pub role: RoleId,
    /// `None`: it cannot be told, since a fact it depends on is not recorded.
    pub eligible: Option<bool>,
    pub because: String,
}

#[derive(Debug, Clone, PartialEq)]
pub struct EvalError {
    pub message: String,
    /// The event whose date could not be used, when there is one.
    pub event: Option<u32>,
}

/// A rule's overall status on the date.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleStatus {
    Met,
    Pending,
    Overdue,
    Violated,
    NotTriggered,
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
