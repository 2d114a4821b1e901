//! The checked policy: every name resolved to an index, every figure typed.
//!
//! This is what evaluation runs on. It holds no strings on the hot path except for
//! explanations; roles, facts, events and fields are referred to by index.

use crate::types::{Quantity, Ty, Value};
use chrono::NaiveDate;
use mentor_calendar::Calendar;
use mentor_diagnostics::Span;
use mentor_syntax::ast::{CmpOp, ModalityKind};

macro_rules! id {
    ($name:ident) => {
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub u32);
        impl $name {
            pub fn index(self) -> usize {
                self.0 as usize
            }
        }
    };
}

id!(RoleId);
id!(EventId);
id!(CalendarId);
id!(SetId);
id!(SimilarityId);
id!(RuleId);
id!(TypeId);

/// A whole checked policy.
#[derive(Debug, Clone, Default)]
pub struct Model {
    pub programme: Option<ProgrammeDef>,
    pub calendars: Vec<CalendarDef>,
    pub types: Vec<TypeDef>,
    pub sets: Vec<SymbolSet>,
    pub roles: Vec<RoleDef>,
    pub events: Vec<EventDef>,
    pub similarities: Vec<SimilarityDef>,
    pub eligibility: Vec<EligibilityDef>,
    pub rules: Vec<RuleDef>,
}

impl Model {
    pub fn role(&self, id: RoleId) -> Option<&RoleDef> {
        self.roles.get(id.index())
    }
    pub fn event(&self, id: EventId) -> Option<&EventDef> {
        self.events.get(id.index())
    }
    pub fn set(&self, id: SetId) -> Option<&SymbolSet> {
        self.sets.get(id.index())
    }
    pub fn calendar(&self, id: CalendarId) -> Option<&CalendarDef> {
        self.calendars.get(id.index())
    }
    pub fn rule(&self, id: RuleId) -> Option<&RuleDef> {
        self.rules.get(id.index())
    }
    pub fn role_name(&self, id: RoleId) -> &str {
        self.role(id).map_or("?", |r| r.name.as_str())
    }
    pub fn event_name(&self, id: EventId) -> &str {
        self.event(id).map_or("?", |e| e.name.as_str())
    }
    pub fn role_by_name(&self, name: &str) -> Option<RoleId> {
        self.roles
            .iter()
            .position(|r| r.name == name)
            .map(|i| RoleId(i as u32))
    }
    pub fn event_by_name(&self, name: &str) -> Option<EventId> {
        self.events
            .iter()
            .position(|e| e.name == name)
            .map(|i| EventId(i as u32))
    }
    pub fn rule_by_name(&self, name: &str) -> Option<RuleId> {
        self.rules
            .iter()
            .position(|r| r.name == name)
            .map(|i| RuleId(i as u32))
    }
    /// The name of a symbol of a set.
    pub fn symbol_name(&self, set: SetId, symbol: u32) -> &str {
        self.set(set)
            .and_then(|s| s.symbols.get(symbol as usize))
            .map_or("?", String::as_str)
    }
    /// Roles that have at least one eligibility rule.
    pub fn has_eligibility(&self, role: RoleId) -> bool {
        self.eligibility.iter().any(|e| e.role == role)
    }
}

#[derive(Debug, Clone)]
pub struct ProgrammeDef {
    pub name: String,
    pub title: Option<String>,
    /// Where the programme's clock times are; times with an offset are converted to it.
    pub time_zone: Option<chrono_tz::Tz>,
    pub span: Span,
}

/// A working-day calendar: a built-in one, possibly with extra closure days.
#[derive(Debug, Clone)]
pub struct CalendarDef {
    pub name: String,
    pub calendar: Calendar,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct TypeDef {
    pub name: String,
    pub ty: Ty,
    pub span: Span,
}

/// A closed set of choices, such as `doctor | dentist | other`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SymbolSet {
    pub symbols: Vec<String>,
}

impl SymbolSet {
    pub fn position(&self, name: &str) -> Option<u32> {
        self.symbols
            .iter()
            .position(|s| s == name)
            .map(|i| i as u32)
    }
}

/// A fact of a role or a data field of an event.
#[derive(Debug, Clone)]
pub struct FieldDef {
    pub name: String,
    pub ty: Ty,
    pub recorded: bool,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct RoleDef {
    pub name: String,
    pub facts: Vec<FieldDef>,
    pub span: Span,
}

impl RoleDef {
    pub fn fact(&self, name: &str) -> Option<u32> {
        self.facts
            .iter()
            .position(|f| f.name == name)
            .map(|i| i as u32)
    }
}

#[derive(Debug, Clone)]
pub struct EventDef {
    pub name: String,
    pub by: Vec<RoleId>,
    pub to: Vec<RoleId>,
    pub fields: Vec<FieldDef>,
    pub recorded: bool,
    /// What the one who does it does, in plain English, when the policy says.
    pub phrase: Option<crate::phrase::Phrase>,
    pub span: Span,
}

impl EventDef {
    pub fn field(&self, name: &str) -> Option<u32> {
        self.fields
            .iter()
            .position(|f| f.name == name)
            .map(|i| i as u32)
    }
}

/// Choices that count as similar (each choice is also similar to itself).
#[derive(Debug, Clone)]
pub struct SimilarityDef {
    pub name: String,
    /// Groups of choice names that are similar to each other.
    pub groups: Vec<Vec<String>>,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct EligibilityDef {
    pub name: String,
    pub role: RoleId,
    pub condition: Expr,
    pub sources: Vec<String>,
    pub span: Span,
}

/// A value that may change on dates: `36 months becoming 60 months from 2028-01-01`.
#[derive(Debug, Clone, PartialEq)]
pub struct Figure {
    pub base: Quantity,
    /// In increasing order of date.
    pub changes: Vec<(NaiveDate, Quantity)>,
    pub span: Span,
}

impl Figure {
    /// The value in force on `date`.
    pub fn at(&self, date: NaiveDate) -> Quantity {
        let mut current = self.base;
        for (from, value) in &self.changes {
            if date >= *from {
                current = *value;
            }
        }
        current
    }

    pub fn constant(base: Quantity, span: Span) -> Self {
        Figure {
            base,
            changes: Vec::new(),
            span,
        }
    }
}

/// A yes-or-no condition, resolved.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    And(Vec<Expr>),
    Or(Vec<Expr>),
    Not(Box<Expr>),
    Compare {
        left: Operand,
        op: CmpOp,
        right: Operand,
        span: Span,
    },
    /// `time since FACT OP FIGURE`
    Since {
        fact: FactRef,
        op: CmpOp,
        figure: Figure,
        span: Span,
    },
    In {
        operand: Operand,
        symbols: Vec<u32>,
        negated: bool,
        span: Span,
    },
    /// `a similar to b`: `groups` are the similarity's groups as symbols of the operands' set.
    Similar {
        left: Operand,
        right: Operand,
        similarity: SimilarityId,
        groups: Vec<Vec<u32>>,
        span: Span,
    },
    Truthy(Operand),
    /// `mentor is eligible`: the participant of the role meets its eligibility items, on the
    /// day of the event being looked at.
    Eligible {
        role: RoleId,
        span: Span,
    },
    /// A condition that could not be checked; never true.
    Invalid,
}

/// Where a fact comes from in an eligibility condition.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FactRef {
    /// `None`: the participant being judged; `Some(role)`: the case's participant(s) of that role.
    pub role: Option<RoleId>,
    /// The role that declares the fact.
    pub owner: RoleId,
    pub fact: u32,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Operand {
    Const(Value),
    Figure(Figure),
    Fact(FactRef),
    /// A data field of the event being looked at.
    Field(u32),
    /// The date and time of the event being looked at (`at`).
    EventTime,
}

/// Which events an item looks at: an event, maybe only the first, maybe filtered.
#[derive(Debug, Clone, PartialEq)]
pub struct EventMatch {
    pub event: EventId,
    pub first: bool,
    /// `each of the first N EVENT`: only the first N occurrences about each person count.
    pub up_to: Option<u32>,
    pub filter: Option<Expr>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum AnchorDef {
    Event(EventMatch),
    LaterOf(EventMatch, EventMatch),
    EarlierOf(EventMatch, EventMatch),
    Date(NaiveDate),
    Fact(FactRef),
}

/// Who must do what: `mentor must mentor_responded or mentor_declined to mentee`.
#[derive(Debug, Clone, PartialEq)]
pub struct DutyDef {
    pub role: RoleId,
    pub modality: ModalityKind,
    pub actions: Vec<EventId>,
    pub to: Option<RoleId>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub enum DeadlineDef {
    Within(Figure),
    By(NaiveDate),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MonthDay {
    Day(u32),
    End,
}

#[derive(Debug, Clone, PartialEq)]
pub struct WindowDef {
    pub within: Option<Figure>,
    pub after: EventMatch,
}

#[derive(Debug, Clone, PartialEq)]
pub struct StepDef {
    pub role: RoleId,
    pub attempts: Figure,
    pub within: Option<Figure>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OutcomeDef {
    pub label: Option<String>,
    pub duty: DutyDef,
    pub deadline: Option<DeadlineDef>,
}

/// Every kind of rule, resolved: one struct per kind (`engine/<kind>.rs` in mentor-eval
/// evaluates it, `describe/` in mentor-ide words it).
#[derive(Debug, Clone, PartialEq)]
pub enum RuleKind {
    Deadline(DeadlineRule),
    Recurring(RecurringRule),
    EachHave(EachHaveRule),
    EachWithin(EachWithinRule),
    EachOutside(EachOutsideRule),
    Limit(LimitRule),
    Ladder(LadderRule),
    Termination(TerminationRule),
    Disclosure(DisclosureRule),
    Phase(PhaseRule),
}

/// `after ANCHOR, ROLE must ACTIONS within D`.
#[derive(Debug, Clone, PartialEq)]
pub struct DeadlineRule {
    pub anchor: AnchorDef,
    pub duty: DutyDef,
    pub deadline: Option<DeadlineDef>,
}

/// `every month from E, ROLE must ACTIONS by day N`.
#[derive(Debug, Clone, PartialEq)]
pub struct RecurringRule {
    pub from: Option<EventMatch>,
    pub until: Option<EventMatch>,
    /// `until LADDER`: the months stop, for the person the ladder tried to reach, once its
    /// outcome is done.
    pub until_ladder: Option<RuleId>,
    pub duty: DutyDef,
    pub day: MonthDay,
}

/// `each E must have CONDITION`.
#[derive(Debug, Clone, PartialEq)]
pub struct EachHaveRule {
    pub event: EventMatch,
    pub condition: Expr,
}

/// `each E must fall within D after A`.
#[derive(Debug, Clone, PartialEq)]
pub struct EachWithinRule {
    pub event: EventMatch,
    pub figure: Figure,
    pub after: EventMatch,
}

/// `each E must fall outside P until R`.
#[derive(Debug, Clone, PartialEq)]
pub struct EachOutsideRule {
    pub event: EventMatch,
    pub from: EventMatch,
    pub until: EventMatch,
}

/// `ROLE must have at most / at least / between N and M E`.
#[derive(Debug, Clone, PartialEq)]
pub struct LimitRule {
    pub role: RoleId,
    pub min: Option<Figure>,
    pub max: Option<Figure>,
    pub event: EventMatch,
    /// `plus extension_approved.sessions`: event and int field.
    pub raises: Vec<(EventId, u32)>,
    pub window: Option<WindowDef>,
}

/// An escalation ladder: steps of attempts to reach someone, then an outcome.
#[derive(Debug, Clone, PartialEq)]
pub struct LadderRule {
    pub reach: RoleId,
    pub start: Option<EventMatch>,
    pub attempt: EventId,
    pub success: Vec<EventId>,
    pub steps: Vec<StepDef>,
    pub outcome: OutcomeDef,
}

/// A termination path: the event that ends a relationship (or the case), and what it requires.
#[derive(Debug, Clone, PartialEq)]
pub struct TerminationRule {
    pub when: EventMatch,
    pub requirements: Vec<(DutyDef, Option<DeadlineDef>)>,
    /// `between mentee and mentor`: the path ends one relationship between participants
    /// of these roles; `None`: it ends the whole case.
    pub between: Option<(RoleId, RoleId)>,
}

/// Which facts of whom may be shared with which role, after which consent.
#[derive(Debug, Clone, PartialEq)]
pub struct DisclosureRule {
    pub sharer: RoleId,
    pub subject: RoleId,
    pub facts: Vec<u32>,
    pub recipient: RoleId,
    pub through: EventId,
    pub listing: Option<u32>,
    /// Whether facts other than `facts` are forbidden (`share only`).
    pub only: bool,
    pub after: Option<EventId>,
    pub until: Option<EventId>,
}

/// A phase with a length range.
#[derive(Debug, Clone, PartialEq)]
pub struct PhaseRule {
    pub starts: EventMatch,
    pub ends: Option<EventMatch>,
    pub min: Figure,
    pub max: Figure,
    pub next: Option<RuleId>,
}

impl RuleKind {
    /// The kind of rule, as data.
    pub fn kind(&self) -> KindOfRule {
        match self {
            RuleKind::Deadline { .. } => KindOfRule::Deadline,
            RuleKind::Recurring { .. } => KindOfRule::MonthlyDuty,
            RuleKind::EachHave { .. }
            | RuleKind::EachWithin { .. }
            | RuleKind::EachOutside { .. } => KindOfRule::EachEvent,
            RuleKind::Limit { .. } => KindOfRule::Limit,
            RuleKind::Ladder { .. } => KindOfRule::Ladder,
            RuleKind::Termination { .. } => KindOfRule::Termination,
            RuleKind::Disclosure { .. } => KindOfRule::Disclosure,
            RuleKind::Phase { .. } => KindOfRule::Phase,
        }
    }

    /// The word for the kind of rule, as shown to people.
    pub fn describe(&self) -> &'static str {
        self.kind().as_str()
    }
}

/// What kind of rule an item is, as people are told it (`mentor run`'s table, hovers).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum KindOfRule {
    Deadline,
    MonthlyDuty,
    /// `each E must have`, `... fall within`, `... fall outside`.
    EachEvent,
    Limit,
    Ladder,
    Termination,
    Disclosure,
    Phase,
}

impl KindOfRule {
    pub const ALL: [KindOfRule; 8] = [
        KindOfRule::Deadline,
        KindOfRule::MonthlyDuty,
        KindOfRule::EachEvent,
        KindOfRule::Limit,
        KindOfRule::Ladder,
        KindOfRule::Termination,
        KindOfRule::Disclosure,
        KindOfRule::Phase,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            KindOfRule::Deadline => "deadline",
            KindOfRule::MonthlyDuty => "monthly duty",
            KindOfRule::EachEvent => "condition on each event",
            KindOfRule::Limit => "limit",
            KindOfRule::Ladder => "escalation ladder",
            KindOfRule::Termination => "termination path",
            KindOfRule::Disclosure => "disclosure",
            KindOfRule::Phase => "phase",
        }
    }

    /// The kind a word names, as [`KindOfRule::as_str`] writes it.
    pub fn from_words(words: &str) -> Option<KindOfRule> {
        KindOfRule::ALL.into_iter().find(|k| k.as_str() == words)
    }
}

impl std::fmt::Display for KindOfRule {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl PartialEq<&str> for KindOfRule {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

/// A named rule (a `rule`, `ladder`, `termination`, `disclosure` or `phase` item).
#[derive(Debug, Clone)]
pub struct RuleDef {
    pub name: String,
    pub severity: ModalityKind,
    pub kind: RuleKind,
    pub sources: Vec<String>,
    pub if_missed: Option<String>,
    /// The whole item, for explanations that show the policy line.
    pub span: Span,
    pub name_span: Span,
}

/// Comparison helper shared by the checker and evaluation.
pub fn compare<T: PartialOrd>(left: T, op: CmpOp, right: T) -> bool {
    match op {
        CmpOp::Ge => left >= right,
        CmpOp::Le => left <= right,
        CmpOp::Eq => left == right,
        CmpOp::Ne => left != right,
        CmpOp::Gt => left > right,
        CmpOp::Lt => left < right,
    }
}
