//! The syntax tree: one node per construct of the language, each with its span.
//!
//! The tree keeps what was written (names as text, numbers as read, dates unchecked);
//! meaning is given by the checker. Every node that a diagnostic, a hover or the formatter
//! may point at carries a [`Span`].

use mentor_diagnostics::Span;
use serde::Serialize;

/// A whole policy file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Default)]
pub struct Policy {
    pub items: Vec<Item>,
}

/// A name as written: a role, fact, event, rule, calendar, symbol...
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Name {
    pub text: String,
    pub span: Span,
}

/// A quoted text, with its escapes resolved.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Text {
    pub value: String,
    pub span: Span,
}

/// A date as written (`2027-01-05`); the checker decides whether it exists.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct DateLit {
    pub text: String,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Item {
    pub kind: ItemKind,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum ItemKind {
    Programme(Programme),
    Calendar(CalendarDecl),
    Type(TypeDecl),
    Role(RoleDecl),
    Event(EventDecl),
    Similarity(SimilarityDecl),
    Eligibility(Eligibility),
    Rule(Rule),
    Ladder(Ladder),
    Termination(Termination),
    Disclosure(Disclosure),
    Phase(Phase),
    /// `policy "supportt.mentor"`: the policy a test file tests.
    PolicyRef(PolicyRef),
    /// `test NAME`: a policy test.
    Test(TestDecl),
    /// An item that could not be parsed; its keyword and name when they could be read.
    Error(ErrorItem),
}

impl Item {
    /// The item's declared name, if it has one.
    pub fn name(&self) -> Option<&Name> {
        match &self.kind {
            ItemKind::Programme(x) => Some(&x.name),
            ItemKind::Calendar(x) => Some(&x.name),
            ItemKind::Type(x) => Some(&x.name),
            ItemKind::Role(x) => Some(&x.name),
            ItemKind::Event(x) => Some(&x.name),
            ItemKind::Similarity(x) => Some(&x.name),
            ItemKind::Eligibility(x) => Some(&x.name),
            ItemKind::Rule(x) => Some(&x.name),
            ItemKind::Ladder(x) => Some(&x.name),
            ItemKind::Termination(x) => Some(&x.name),
            ItemKind::Disclosure(x) => Some(&x.name),
            ItemKind::Phase(x) => Some(&x.name),
            ItemKind::PolicyRef(_) => None,
            ItemKind::Test(x) => Some(&x.name),
            ItemKind::Error(x) => x.name.as_ref(),
        }
    }

    /// The keyword that starts the item.
    pub fn keyword(&self) -> &str {
        match &self.kind {
            ItemKind::Programme(_) => "programme",
            ItemKind::Calendar(_) => "calendar",
            ItemKind::Type(_) => "type",
            ItemKind::Role(_) => "role",
            ItemKind::Event(_) => "event",
            ItemKind::Similarity(_) => "similarity",
            ItemKind::Eligibility(_) => "eligibility",
            ItemKind::Rule(_) => "rule",
            ItemKind::Ladder(_) => "ladder",
            ItemKind::Termination(_) => "termination",
            ItemKind::Disclosure(_) => "disclosure",
            ItemKind::Phase(_) => "phase",
            ItemKind::PolicyRef(_) => "policy",
            ItemKind::Test(_) => "test",
            ItemKind::Error(x) => x.keyword.as_deref().unwrap_or(""),
        }
    }

    /// The `source` quotes of a rule-like item.
    pub fn sources(&self) -> &[Text] {
        match &self.kind {
            ItemKind::Eligibility(x) => &x.sources,
            ItemKind::Rule(x) => &x.sources,
            ItemKind::Ladder(x) => &x.sources,
            ItemKind::Termination(x) => &x.sources,
            ItemKind::Disclosure(x) => &x.sources,
            ItemKind::Phase(x) => &x.sources,
            _ => &[],
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ErrorItem {
    pub keyword: Option<String>,
    pub name: Option<Name>,
}

/// `programme supportt "SuppoRTT Peer Mentoring"`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Programme {
    pub name: Name,
    pub title: Option<Text>,
    /// `time zone "Europe/London"`: where the programme's clock times are.
    pub time_zone: Option<Text>,
}

/// `calendar bank_holidays = england_and_wales closed 2026-12-24, 2026-12-31`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CalendarDecl {
    pub name: Name,
    /// The built-in calendar it extends; when absent the name itself is the built-in one.
    pub base: Option<Name>,
    /// Closure days and closure files, in the order written.
    pub closed: Vec<Closed>,
}

/// What follows `closed` in a calendar: a day, or a file of days (`"closures.ics"`, an
/// iCalendar or CSV file beside the policy, read by the front end).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Closed {
    Day(DateLit),
    File(Text),
}

/// `type profession = physician | dentist | nurse`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeDecl {
    pub name: Name,
    pub ty: TypeExpr,
}

/// A type as written: one name (`bool`, `date`, a declared type) or choices (`a | b | c`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TypeExpr {
    pub names: Vec<Name>,
    pub span: Span,
}

/// `role mentee { profession: doctor | dentist  out_of_training: bool }`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct RoleDecl {
    pub name: Name,
    pub fields: Option<FieldList>,
}

/// The `{ ... }` block of a role's facts or an event's data fields.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldList {
    pub fields: Vec<FieldDecl>,
    pub span: Span,
}

/// `minutes: int`, optionally `recorded` (kept in the record; no rule needs it).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FieldDecl {
    pub name: Name,
    pub ty: TypeExpr,
    pub recorded: Option<Span>,
    pub span: Span,
}

/// `event session_held by mentor to mentee { minutes: int }`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventDecl {
    pub name: Name,
    pub by: Vec<Name>,
    pub to: Vec<Name>,
    /// `"reply to {to}'s request"`: what the one who does the event does, in plain English.
    pub phrase: Option<EventPhrase>,
    pub fields: Option<FieldList>,
    pub recorded: Option<Span>,
}

/// `"hold a session with {to}"`, optionally `/ "held a session with {to}"` for the past tense.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventPhrase {
    pub present: Text,
    pub past: Option<Text>,
}

/// `similarity related_professions { physician ~ dentist }`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SimilarityDecl {
    pub name: Name,
    pub groups: Vec<SimilarGroup>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SimilarGroup {
    pub symbols: Vec<Name>,
    pub span: Span,
}

/// `eligibility mentee_criteria  mentee is eligible when ...`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Eligibility {
    pub name: Name,
    pub sources: Vec<Text>,
    pub role: Name,
    pub condition: Cond,
}

/// A yes-or-no condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Cond {
    Or(Vec<Cond>, Span),
    And(Vec<Cond>, Span),
    Not(Box<Cond>, Span),
    /// `( ... )`
    Group(Box<Cond>, Span),
    /// `any of (a, b, c)`
    Any(Vec<Cond>, Span),
    /// `all of (a, b, c)`
    All(Vec<Cond>, Span),
    Compare {
        left: Operand,
        op: CmpOp,
        op_span: Span,
        right: Operand,
        span: Span,
    },
    /// `profession in {doctor, dentist}`, `profession not in {other}`
    In {
        operand: Operand,
        negated: bool,
        set: Vec<Name>,
        span: Span,
    },
    /// `profession similar to mentee.profession [by related_professions]`
    Similar {
        left: Operand,
        right: Operand,
        by: Option<Name>,
        span: Span,
    },
    /// `mentor is eligible`: the participant of that role meets its eligibility items.
    Eligible(Name, Span),
    /// A value used as a condition: a yes-or-no fact, `true`.
    Value(Operand),
}

impl Cond {
    pub fn span(&self) -> Span {
        match self {
            Cond::Or(_, s)
            | Cond::And(_, s)
            | Cond::Not(_, s)
            | Cond::Group(_, s)
            | Cond::Any(_, s)
            | Cond::All(_, s)
            | Cond::Eligible(_, s) => *s,
            Cond::Compare { span, .. } | Cond::In { span, .. } | Cond::Similar { span, .. } => {
                *span
            }
            Cond::Value(o) => o.span(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum CmpOp {
    Ge,
    Le,
    Eq,
    Ne,
    Gt,
    Lt,
}

impl CmpOp {
    pub fn as_str(self) -> &'static str {
        match self {
            CmpOp::Ge => ">=",
            CmpOp::Le => "<=",
            CmpOp::Eq => "==",
            CmpOp::Ne => "!=",
            CmpOp::Gt => ">",
            CmpOp::Lt => "<",
        }
    }

    /// In words, for explanations: "at least", "is", ...
    pub fn words(self) -> &'static str {
        match self {
            CmpOp::Ge => "at least",
            CmpOp::Le => "at most",
            CmpOp::Eq => "equal to",
            CmpOp::Ne => "not equal to",
            CmpOp::Gt => "more than",
            CmpOp::Lt => "less than",
        }
    }
}

/// A value in a condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Operand {
    /// `time since recovery_since`: the duration from a date fact to the evaluation date.
    TimeSince(Path, Span),
    Date(DateLit),
    DateTime(DateLit),
    Figure(Figure),
    Bool(bool, Span),
    Text(Text),
    /// A fact, a field, a symbol, or `role.fact`.
    Path(Path),
}

impl Operand {
    pub fn span(&self) -> Span {
        match self {
            Operand::TimeSince(_, s) | Operand::Bool(_, s) => *s,
            Operand::Date(d) | Operand::DateTime(d) => d.span,
            Operand::Figure(f) => f.span,
            Operand::Text(t) => t.span,
            Operand::Path(p) => p.span,
        }
    }
}

/// `fact`, or `role.fact`, or `event.field`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Path {
    pub first: Name,
    pub second: Option<Name>,
    pub span: Span,
}

/// A number with an optional unit that may change on dates:
/// `36 months becoming 60 months from 2028-01-01`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Figure {
    pub base: Quantity,
    pub changes: Vec<FigureChange>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct FigureChange {
    pub value: Quantity,
    pub from: DateLit,
    pub span: Span,
}

/// `5 working days`, `18 months`, `4`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Quantity {
    pub value: u32,
    pub unit: Option<Unit>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Unit {
    pub kind: UnitKind,
    /// `in england_and_wales` after `working days`.
    pub calendar: Option<Name>,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum UnitKind {
    Days,
    Weeks,
    Months,
    Years,
    Hours,
    Minutes,
    WorkingDays,
}

impl UnitKind {
    /// The word for `n` of this unit: `1 day`, `2 days`.
    pub fn word(self, n: u32) -> &'static str {
        let one = n == 1;
        match self {
            UnitKind::Days => {
                if one {
                    "day"
                } else {
                    "days"
                }
            }
            UnitKind::Weeks => {
                if one {
                    "week"
                } else {
                    "weeks"
                }
            }
            UnitKind::Months => {
                if one {
                    "month"
                } else {
                    "months"
                }
            }
            UnitKind::Years => {
                if one {
                    "year"
                } else {
                    "years"
                }
            }
            UnitKind::Hours => {
                if one {
                    "hour"
                } else {
                    "hours"
                }
            }
            UnitKind::Minutes => {
                if one {
                    "minute"
                } else {
                    "minutes"
                }
            }
            UnitKind::WorkingDays => {
                if one {
                    "working day"
                } else {
                    "working days"
                }
            }
        }
    }
}

/// An event, optionally the first one, optionally filtered: `relationship_ended where path == mutual`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct EventPattern {
    pub first: Option<Span>,
    pub event: Name,
    pub filter: Option<Cond>,
    pub span: Span,
}

/// What a deadline counts from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Anchor {
    Event(EventPattern),
    LaterOf(EventPattern, EventPattern, Span),
    EarlierOf(EventPattern, EventPattern, Span),
    Date(DateLit),
    /// A date fact of a role: `mentor.start_date`.
    Fact(Path),
}

impl Anchor {
    pub fn span(&self) -> Span {
        match self {
            Anchor::Event(e) => e.span,
            Anchor::LaterOf(_, _, s) | Anchor::EarlierOf(_, _, s) => *s,
            Anchor::Date(d) => d.span,
            Anchor::Fact(p) => p.span,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub enum ModalityKind {
    Must,
    Should,
}

impl ModalityKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ModalityKind::Must => "must",
            ModalityKind::Should => "should",
        }
    }

    /// The modality a word names: `must` or `should`.
    pub fn from_word(word: &str) -> Option<ModalityKind> {
        match word {
            "must" => Some(ModalityKind::Must),
            "should" => Some(ModalityKind::Should),
            _ => None,
        }
    }
}

impl std::fmt::Display for ModalityKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

impl PartialEq<&str> for ModalityKind {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct Modality {
    pub kind: ModalityKind,
    pub span: Span,
}

/// `mentor must mentor_responded or mentor_declined [to mentee]`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Duty {
    pub role: Name,
    pub modality: Modality,
    pub actions: Vec<Name>,
    pub to: Option<Name>,
    pub span: Span,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Deadline {
    /// `within 5 working days`
    Within(Figure),
    /// `by 2027-03-31`
    By(DateLit),
}

impl Deadline {
    pub fn span(&self) -> Span {
        match self {
            Deadline::Within(f) => f.span,
            Deadline::By(d) => d.span,
        }
    }
}

/// `rule NAME` with its sources, its body and what happens if it is missed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rule {
    pub name: Name,
    pub sources: Vec<Text>,
    pub body: RuleBody,
    pub if_missed: Option<Text>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum RuleBody {
    /// `after ANCHOR, ROLE must ACTIONS [within D]`
    Deadline {
        anchor: Anchor,
        duty: Duty,
        deadline: Option<Deadline>,
        span: Span,
    },
    /// `every month [from E] [until E], ROLE must ACTIONS by day N`
    Recurring {
        from: Option<EventPattern>,
        until: Option<EventPattern>,
        duty: Duty,
        by: MonthDay,
        span: Span,
    },
    /// `each [of the first N] EVENT must|should have COND` and its relatives.
    Each {
        /// `of the first 4`: only the first N occurrences (per person) are judged.
        first: Option<Count>,
        event: EventPattern,
        modality: Modality,
        requirement: EachRequirement,
        span: Span,
    },
    /// `ROLE must have at most N EVENT [plus e.field] [within D after E]`
    Limit {
        role: Name,
        modality: Modality,
        bound: Bound,
        event: EventPattern,
        raises: Vec<Path>,
        window: Option<Window>,
        span: Span,
    },
}

impl RuleBody {
    pub fn span(&self) -> Span {
        match self {
            RuleBody::Deadline { span, .. }
            | RuleBody::Recurring { span, .. }
            | RuleBody::Each { span, .. }
            | RuleBody::Limit { span, .. } => *span,
        }
    }

    pub fn modality(&self) -> Modality {
        match self {
            RuleBody::Deadline { duty, .. } | RuleBody::Recurring { duty, .. } => duty.modality,
            RuleBody::Each { modality, .. } | RuleBody::Limit { modality, .. } => *modality,
        }
    }
}

/// A whole number written in the policy, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Count {
    pub value: u32,
    pub span: Span,
}

/// The due day of a monthly duty.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum MonthDay {
    /// `by day 7`
    Day(u32, Span),
    /// `by end of month`
    End(Span),
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum EachRequirement {
    /// `have minutes == 90`
    Have(Cond),
    /// `fall within 6 months after first session_held`
    Within { figure: Figure, after: EventPattern },
    /// `fall outside capacity_paused until capacity_resumed`
    Outside {
        from: EventPattern,
        until: EventPattern,
    },
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Bound {
    AtMost(Figure),
    AtLeast(Figure),
    Between(Figure, Figure),
}

/// `[within 18 months] after matched`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Window {
    pub within: Option<Figure>,
    pub after: EventPattern,
    pub span: Span,
}

/// An escalation ladder.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Ladder {
    pub name: Name,
    pub sources: Vec<Text>,
    /// The role of the person the ladder tries to reach.
    pub reach: Name,
    pub start: Option<EventPattern>,
    pub attempt: Name,
    pub success: Vec<Name>,
    pub steps: Vec<LadderStep>,
    pub outcome: Outcome,
    pub if_missed: Option<Text>,
}

/// `step m2m_coordinator 2 attempts within 1 month`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct LadderStep {
    pub role: Name,
    pub attempts: Figure,
    pub within: Option<Figure>,
    pub span: Span,
}

/// `outcome "the mentor is non-responsive" mwo_coordinator must rematch_notice_sent to mentee`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Outcome {
    pub label: Option<Text>,
    pub duty: Duty,
    pub deadline: Option<Deadline>,
    pub span: Span,
}

/// A named way a relationship ends, and what it then requires.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Termination {
    pub name: Name,
    pub sources: Vec<Text>,
    pub when: EventPattern,
    /// `between mentee and mentor`: the path ends one relationship between these roles; without
    /// it, the whole case.
    pub between: Option<Between>,
    pub requirements: Vec<Requirement>,
}

/// `between mentee and mentor`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Between {
    pub first: Name,
    pub second: Name,
    pub span: Span,
}

/// `then mentee should release_rescinded [within D]`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Requirement {
    pub duty: Duty,
    pub deadline: Option<Deadline>,
    pub span: Span,
}

/// Which facts of whom may reach which role, after which consent and until which withdrawal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Disclosure {
    pub name: Name,
    pub sources: Vec<Text>,
    /// The role that shares.
    pub sharer: Name,
    pub modality: Modality,
    pub only: Option<Span>,
    /// Whose facts.
    pub subject: Name,
    pub facts: Vec<Name>,
    pub recipient: Name,
    /// The event that records a disclosure.
    pub through: Name,
    /// The text field of that event that lists the facts shared.
    pub listing: Option<Name>,
    pub after: Option<Name>,
    pub until: Option<Name>,
}

/// `phase foundations  starts at ...  should last 3 to 6 months`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Phase {
    pub name: Name,
    pub sources: Vec<Text>,
    pub starts: EventPattern,
    pub ends: Option<EventPattern>,
    pub modality: Modality,
    pub min: Figure,
    pub max: Figure,
}

/// `policy "supportt.mentor"`
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PolicyRef {
    pub path: Text,
}

/// A policy test: a case (inline or from a file), a date, and what is expected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TestDecl {
    pub name: Name,
    pub title: Option<Text>,
    pub clauses: Vec<TestClause>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum TestClause {
    /// `case "cases/s-0001.json"`
    Case(Text),
    /// `participant amara mentee { profession: doctor }`
    Participant {
        id: Name,
        role: Name,
        values: Vec<ValueEntry>,
        span: Span,
    },
    /// `on 2026-12-18 amara mentoring_requested to ben { minutes: 90 }`
    Event {
        at: DateLit,
        by: Name,
        event: Name,
        to: Option<Name>,
        values: Vec<ValueEntry>,
        span: Span,
    },
    /// `at 2026-12-22`
    At(DateLit),
    /// `expect ...`
    Expect(Expectation, Span),
}

/// `name: value` in a participant's facts or an event's data.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ValueEntry {
    pub name: Name,
    pub value: Literal,
    pub span: Span,
}

/// A value as written in a test: its text (quotes removed) and what it looked like.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Literal {
    pub text: String,
    pub kind: LiteralKind,
    pub span: Span,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum LiteralKind {
    Date,
    DateTime,
    Number,
    Bool,
    Text,
    Name,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum StatusWord {
    Met,
    Pending,
    Overdue,
    Violated,
    NotTriggered,
}

impl StatusWord {
    pub fn as_str(self) -> &'static str {
        match self {
            StatusWord::Met => "met",
            StatusWord::Pending => "pending",
            StatusWord::Overdue => "overdue",
            StatusWord::Violated => "violated",
            StatusWord::NotTriggered => "not triggered",
        }
    }
}

/// What a test expects.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub enum Expectation {
    /// `expect no next [RULE]`
    NoNext(Option<Name>),
    /// `expect no violations` / `expect no violation RULE`
    NoViolation(Option<Name>),
    /// `expect next RULE [for PARTY] [due DATE | due none] [overdue]`
    Next {
        rule: Name,
        party: Option<Name>,
        due: Option<Option<DateLit>>,
        overdue: bool,
    },
    /// `expect violation RULE [by PARTY] [on DATE]`
    Violation {
        rule: Name,
        party: Option<Name>,
        on: Option<DateLit>,
    },
    /// `expect [not] eligible PARTICIPANT`
    Eligible { negated: bool, participant: Name },
    /// `expect RULE is met`
    Status { rule: Name, status: StatusWord },
}
