//! A case: the participants of one mentoring relationship and the timeline of its events.

use chrono::{NaiveDate, NaiveDateTime};
use mentor_check::model::{EventId, RoleId};
use mentor_check::types::Value;
use mentor_diagnostics::Span;

/// One person in a case.
#[derive(Debug, Clone, PartialEq)]
pub struct Participant {
    pub id: String,
    pub role: RoleId,
    /// One slot per fact the role declares, in declaration order; `None` when not given.
    pub facts: Vec<Option<Value>>,
    /// Where the participant is written in the case file.
    pub span: Span,
}

/// One event of the timeline.
#[derive(Debug, Clone, PartialEq)]
pub struct CaseEvent {
    pub at: NaiveDateTime,
    pub date: NaiveDate,
    /// Whether the case gave a time of day.
    pub has_time: bool,
    pub event: EventId,
    /// Index into [`Case::participants`].
    pub by: u32,
    pub to: Option<u32>,
    /// One slot per field the event declares; `None` when not given.
    pub data: Vec<Option<Value>>,
    /// Position in the case file (0-based), which breaks ties between events at the same time.
    pub order: u32,
    /// Where the event is written in the case file.
    pub span: Span,
}

impl CaseEvent {
    /// Whether participant `p` does or receives this event.
    pub fn involves(&self, p: u32) -> bool {
        self.by == p || self.to == Some(p)
    }

    /// Whether two events share a participant.
    pub fn shares_participant(&self, other: &CaseEvent) -> bool {
        other.involves(self.by) || self.to.is_some_and(|t| other.involves(t))
    }

    /// Whether `other` concerns the person this event is about: the one it goes to, or
    /// (for an event that goes to nobody) the one who did it. A mentor's sessions with two
    /// mentees are about two different people.
    pub fn about_same_person(&self, other: &CaseEvent) -> bool {
        other.involves(self.to.unwrap_or(self.by))
    }
}

/// A case, ready to evaluate: events in time order, with indices by event and by role.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Case {
    pub id: String,
    pub participants: Vec<Participant>,
    /// In time order: an event without a time counts as the start of its day (00:00 in the
    /// programme's clock); events at the same instant keep their order in the file.
    pub events: Vec<CaseEvent>,
    /// For each event of the policy, the indices of its occurrences in `events`.
    pub by_event: Groups,
    /// For each role of the policy, the indices of its participants.
    pub by_role: Groups,
}

/// Indices grouped by a key (an event or a role of the policy), in one allocation: a case
/// is read many times and kept small, so that many cases stay in the processor's cache.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Groups {
    /// `keys + 1` offsets into this same vector, then the indices of every group in turn.
    data: Vec<u32>,
}

impl Groups {
    /// Groups `(key, index)` pairs given in index order; keys from 0 to `keys - 1` (others are
    /// left out).
    pub fn new(keys: usize, pairs: impl Iterator<Item = (usize, u32)> + Clone) -> Groups {
        let mut counts = vec![0u32; keys];
        for (key, _) in pairs.clone() {
            if let Some(c) = counts.get_mut(key) {
                *c += 1;
            }
        }
        let total: u32 = counts.iter().sum();
        let mut data = Vec::with_capacity(keys + 1 + total as usize);
        let mut next = (keys + 1) as u32;
        for c in &counts {
            data.push(next);
            next += c;
        }
        data.push(next);
        data.resize(next as usize, 0);
        let mut fill: Vec<u32> = data.get(..keys).map(<[u32]>::to_vec).unwrap_or_default();
        for (key, index) in pairs {
            if let Some(at) = fill.get_mut(key) {
                if let Some(slot) = data.get_mut(*at as usize) {
                    *slot = index;
                }
                *at += 1;
            }
        }
        Groups { data }
    }

    /// The indices grouped under `key`, in order.
    pub fn get(&self, key: usize) -> &[u32] {
        let (Some(&from), Some(&to)) = (self.data.get(key), self.data.get(key + 1)) else {
            return &[];
        };
        self.data.get(from as usize..to as usize).unwrap_or(&[])
    }
}

impl Case {
    /// Builds a case: sorts the events and indexes them. `events` may come in any order.
    pub fn new(
        id: String,
        participants: Vec<Participant>,
        mut events: Vec<CaseEvent>,
        roles: usize,
        event_kinds: usize,
    ) -> Case {
        // By instant: a date without a time is the start of its day (its `at` is midnight),
        // so it never reorders two timed events of that day; ties keep file order.
        events.sort_by_key(|e| (e.at, e.order));
        let by_event = Groups::new(
            event_kinds,
            events
                .iter()
                .enumerate()
                .map(|(i, e)| (e.event.index(), i as u32)),
        );
        let by_role = Groups::new(
            roles,
            participants
                .iter()
                .enumerate()
                .map(|(i, p)| (p.role.index(), i as u32)),
        );
        Case {
            id,
            participants,
            events,
            by_event,
            by_role,
        }
    }

    pub fn participant(&self, index: u32) -> Option<&Participant> {
        self.participants.get(index as usize)
    }

    /// The participant's id, or `?` for a bad index.
    pub fn id_of(&self, index: u32) -> &str {
        self.participant(index).map_or("?", |p| p.id.as_str())
    }

    pub fn event(&self, index: u32) -> Option<&CaseEvent> {
        self.events.get(index as usize)
    }

    /// How many events happen on or before `date` (the events `mentor next --at date` sees).
    pub fn cutoff(&self, date: NaiveDate) -> usize {
        self.events.partition_point(|e| e.date <= date)
    }

    /// Participants with a role.
    pub fn with_role(&self, role: RoleId) -> &[u32] {
        self.by_role.get(role.index())
    }

    /// Occurrences of an event, in time order.
    pub fn occurrences(&self, event: EventId) -> &[u32] {
        self.by_event.get(event.index())
    }
}
