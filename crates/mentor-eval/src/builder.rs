//! Building a case from typed values, for a program that holds its own data (a database, a
//! form, a generator) and reads no case file.

use crate::case::{Case, CaseEvent, Participant};
use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use mentor_check::Model;
use mentor_check::model::{EventId, RoleId};
use mentor_check::types::{Ty, Value};
use mentor_diagnostics::Span;
use std::collections::HashSet;
use std::fmt;

/// Builds a [`Case`] from typed values. Names are looked up in the policy's model and each
/// value is checked against its declared type as it is added, so a case built here is as
/// sound as one loaded from a file: the same roles, facts, events, fields, and who may do and
/// receive each event.
///
/// ```
/// use chrono::NaiveDate;
/// use mentor_check::types::Value;
/// use mentor_eval::CaseBuilder;
///
/// let policy = r#"programme p "P"
/// role mentee { returning: bool }
/// role mentor
/// event mentoring_requested by mentee to mentor
/// event mentor_responded by mentor to mentee
/// eligibility returning_mentee
///   mentee is eligible when returning
/// rule respond
///   after mentoring_requested, mentor must mentor_responded within 5 days
/// "#;
/// let analysis = mentor_check::analyze(policy);
/// let model = &analysis.checked.model;
///
/// let mut builder = CaseBuilder::new(model, "case-1");
/// let amara = builder.participant("amara", "mentee")?;
/// builder.fact(amara, "returning", Value::Bool(true))?;
/// let ben = builder.participant("ben", "mentor")?;
/// let monday = NaiveDate::from_ymd_opt(2027, 1, 4).unwrap();
/// builder.event(monday, "mentoring_requested", amara, Some(ben))?;
/// let case = builder.build();
///
/// let evaluation = mentor_eval::evaluate(model, &case, monday);
/// assert_eq!(evaluation.eligibility[0].eligible, Some(true));
/// assert_eq!(evaluation.next()[0].due, NaiveDate::from_ymd_opt(2027, 1, 9));
/// # Ok::<(), mentor_eval::BuildError>(())
/// ```
pub struct CaseBuilder<'m> {
    model: &'m Model,
    id: String,
    participants: Vec<Participant>,
    ids: HashSet<String>,
    events: Vec<CaseEvent>,
}

/// Why a value could not be added to a case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BuildError {
    /// The policy has no role of this name.
    NoRole(String),
    /// The role has no fact of this name.
    NoFact { role: String, fact: String },
    /// The policy has no event of this name.
    NoEvent(String),
    /// The event has no data field of this name.
    NoField { event: String, field: String },
    /// Two participants with one id.
    DuplicateId(String),
    /// A participant or event index that this builder did not hand out.
    NoSuchIndex(usize),
    /// A value of another type than the fact or field declares.
    WrongType { name: String, expected: String },
    /// Someone whose role may not do (or receive) the event.
    NotAllowed {
        event: String,
        participant: String,
        doing: bool,
    },
}

impl fmt::Display for BuildError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BuildError::NoRole(r) => write!(f, "the policy has no role called `{r}`"),
            BuildError::NoFact { role, fact } => {
                write!(f, "the role `{role}` has no fact called `{fact}`")
            }
            BuildError::NoEvent(e) => write!(f, "the policy has no event called `{e}`"),
            BuildError::NoField { event, field } => {
                write!(f, "the event `{event}` has no field called `{field}`")
            }
            BuildError::DuplicateId(id) => write!(f, "the participant `{id}` is added twice"),
            BuildError::NoSuchIndex(i) => write!(f, "nothing was added as number {i}"),
            BuildError::WrongType { name, expected } => {
                write!(f, "`{name}` should be {expected}")
            }
            BuildError::NotAllowed {
                event,
                participant,
                doing,
            } => write!(
                f,
                "`{participant}` may not {} `{event}`",
                if *doing { "do" } else { "receive" }
            ),
        }
    }
}

impl std::error::Error for BuildError {}

impl<'m> CaseBuilder<'m> {
    pub fn new(model: &'m Model, id: impl Into<String>) -> Self {
        CaseBuilder {
            model,
            id: id.into(),
            participants: Vec::new(),
            ids: HashSet::new(),
            events: Vec::new(),
        }
    }

    /// Adds a participant in a role named by the policy; returns their index in the case.
    pub fn participant(&mut self, id: impl Into<String>, role: &str) -> Result<u32, BuildError> {
        let role = self
            .model
            .role_by_name(role)
            .ok_or_else(|| BuildError::NoRole(role.to_string()))?;
        self.participant_in(id, role)
    }

    /// Adds a participant in a role given by its index in the model.
    pub fn participant_in(
        &mut self,
        id: impl Into<String>,
        role: RoleId,
    ) -> Result<u32, BuildError> {
        let id = id.into();
        let facts = self
            .model
            .role(role)
            .ok_or(BuildError::NoSuchIndex(role.index()))?
            .facts
            .len();
        if !self.ids.insert(id.clone()) {
            return Err(BuildError::DuplicateId(id));
        }
        self.participants.push(Participant {
            id,
            role,
            facts: vec![None; facts],
            span: Span::default(),
        });
        Ok((self.participants.len() - 1) as u32)
    }

    /// Sets a fact of a participant.
    pub fn fact(&mut self, participant: u32, fact: &str, value: Value) -> Result<(), BuildError> {
        let model = self.model;
        let p = self
            .participants
            .get_mut(participant as usize)
            .ok_or(BuildError::NoSuchIndex(participant as usize))?;
        let role = model
            .role(p.role)
            .ok_or(BuildError::NoSuchIndex(p.role.index()))?;
        let index = role.fact(fact).ok_or_else(|| BuildError::NoFact {
            role: role.name.clone(),
            fact: fact.to_string(),
        })?;
        let ty = role.facts.get(index as usize).map_or(Ty::Unknown, |f| f.ty);
        check_type(model, fact, ty, &value)?;
        if let Some(slot) = p.facts.get_mut(index as usize) {
            *slot = Some(value);
        }
        Ok(())
    }

    /// A choice of a fact's set, by name: `symbol("mentee", "profession", "doctor")`.
    pub fn symbol(&self, role: &str, fact: &str, choice: &str) -> Result<Value, BuildError> {
        let role_def = self
            .model
            .role_by_name(role)
            .and_then(|r| self.model.role(r))
            .ok_or_else(|| BuildError::NoRole(role.to_string()))?;
        let ty = role_def
            .fact(fact)
            .and_then(|f| role_def.facts.get(f as usize))
            .map(|f| f.ty)
            .ok_or_else(|| BuildError::NoFact {
                role: role.to_string(),
                fact: fact.to_string(),
            })?;
        let wrong = || BuildError::WrongType {
            name: fact.to_string(),
            expected: ty.describe(self.model),
        };
        let Ty::Symbol(set) = ty else {
            return Err(wrong());
        };
        let index = self.model.set(set).and_then(|s| s.position(choice));
        index.map(Value::Symbol).ok_or_else(wrong)
    }

    /// Adds an event on a day (with no time of day); returns its number, for [`Self::field`].
    pub fn event(
        &mut self,
        date: NaiveDate,
        event: &str,
        by: u32,
        to: Option<u32>,
    ) -> Result<usize, BuildError> {
        let id = self
            .model
            .event_by_name(event)
            .ok_or_else(|| BuildError::NoEvent(event.to_string()))?;
        self.event_of(date.and_time(NaiveTime::MIN), false, id, by, to)
    }

    /// Adds an event at a date and time (in the programme's clock).
    pub fn event_at(
        &mut self,
        at: NaiveDateTime,
        event: &str,
        by: u32,
        to: Option<u32>,
    ) -> Result<usize, BuildError> {
        let id = self
            .model
            .event_by_name(event)
            .ok_or_else(|| BuildError::NoEvent(event.to_string()))?;
        self.event_of(at, true, id, by, to)
    }

    /// Adds an event given by its index in the model; `has_time`: whether `at`'s time of day
    /// was given (without it, the event counts from the start of its day).
    pub fn event_of(
        &mut self,
        at: NaiveDateTime,
        has_time: bool,
        event: EventId,
        by: u32,
        to: Option<u32>,
    ) -> Result<usize, BuildError> {
        let def = self
            .model
            .event(event)
            .ok_or(BuildError::NoSuchIndex(event.index()))?;
        for (who, doing) in [(Some(by), true), (to, false)] {
            let Some(who) = who else { continue };
            let p = self
                .participants
                .get(who as usize)
                .ok_or(BuildError::NoSuchIndex(who as usize))?;
            let allowed = if doing { &def.by } else { &def.to };
            if !allowed.contains(&p.role) {
                return Err(BuildError::NotAllowed {
                    event: def.name.clone(),
                    participant: p.id.clone(),
                    doing,
                });
            }
        }
        let order = self.events.len() as u32;
        self.events.push(CaseEvent {
            at,
            date: at.date(),
            has_time,
            event,
            by,
            to,
            data: vec![None; def.fields.len()],
            order,
            span: Span::default(),
        });
        Ok(order as usize)
    }

    /// Sets a data field of an event added before.
    pub fn field(&mut self, event: usize, field: &str, value: Value) -> Result<(), BuildError> {
        let model = self.model;
        let e = self
            .events
            .get_mut(event)
            .ok_or(BuildError::NoSuchIndex(event))?;
        let def = model
            .event(e.event)
            .ok_or(BuildError::NoSuchIndex(e.event.index()))?;
        let index = def.field(field).ok_or_else(|| BuildError::NoField {
            event: def.name.clone(),
            field: field.to_string(),
        })?;
        let ty = def.fields.get(index as usize).map_or(Ty::Unknown, |f| f.ty);
        check_type(model, field, ty, &value)?;
        if let Some(slot) = e.data.get_mut(index as usize) {
            *slot = Some(value);
        }
        Ok(())
    }

    /// The case, its events in time order and indexed, ready to evaluate at any date.
    pub fn build(self) -> Case {
        Case::new(
            self.id,
            self.participants,
            self.events,
            self.model.roles.len(),
            self.model.events.len(),
        )
    }
}

/// Whether a value is of the declared type (a choice within its set).
fn check_type(model: &Model, name: &str, ty: Ty, value: &Value) -> Result<(), BuildError> {
    let fits = match (ty, value) {
        (Ty::Bool, Value::Bool(_))
        | (Ty::Int, Value::Int(_))
        | (Ty::Text, Value::Text(_))
        | (Ty::Date, Value::Date(_))
        | (Ty::DateTime, Value::DateTime(_))
        | (Ty::Duration, Value::Duration(_)) => true,
        (Ty::Count, Value::Int(n)) => *n >= 0,
        (Ty::Symbol(set), Value::Symbol(s)) => model
            .set(set)
            .is_some_and(|set| (*s as usize) < set.symbols.len()),
        _ => false,
    };
    if fits {
        Ok(())
    } else {
        Err(BuildError::WrongType {
            name: name.to_string(),
            expected: ty.describe(model),
        })
    }
}
