//! M04xx: warnings, what a policy allows but probably does not mean.
//!
//! Durations are passed in as the checker words them ("5 working days").

use crate::{Code, Diagnostic, Span};

// ---- M0401 declared but never used

/// A role no event or rule mentions.
pub fn unused_role(span: Span, role: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnusedDeclaration,
        span,
        format!("the role `{role}` is declared but never used"),
    )
    .label("no event or rule mentions it")
    .help("remove it, or name it in an event's `by` or `to`")
}

/// A fact no rule reads.
pub fn unused_fact(span: Span, fact: &str, role: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnusedDeclaration,
        span,
        format!("the fact `{fact}` of `{role}` is never used"),
    )
    .label("no rule reads it")
    .help(format!(
        "use it in a rule, remove it, or mark it `recorded` if the programme only keeps it on file: `{fact}: ... recorded`"
    ))
}

/// An event no rule mentions.
pub fn unused_event(span: Span, event: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnusedDeclaration,
        span,
        format!("the event `{event}` is never used"),
    )
    .label("no rule mentions it")
    .help("use it in a rule, remove it, or end its line with `recorded` if the programme only keeps it on file")
}

/// An event's field no rule reads.
pub fn unused_field(span: Span, field: &str, event: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnusedDeclaration,
        span,
        format!("the field `{field}` of `{event}` is never used"),
    )
    .label("no rule reads it")
    .help(format!(
        "use it in a rule, remove it, or mark it `recorded`: `{field}: ... recorded`"
    ))
}

// ---- M0402 rule can never trigger

/// Why a rule can never apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NeverApplies {
    /// `each EVENT ... within ... after AFTER`, where no participant takes part in both.
    WindowUnshared { event: String, after: String },
    /// `each EVENT must fall outside FROM ...`, where no participant takes part in both.
    PauseUnshared { event: String, from: String },
    /// The last phase, with no `ends at` event.
    LastPhaseUnmeasured,
    /// A `where` filter on `event` that asks one field for two choices at once.
    ContradictoryFilter { event: String },
}

impl NeverApplies {
    fn words(&self) -> String {
        match self {
            NeverApplies::WindowUnshared { event, after } => format!(
                "`{event}` and `{after}` never involve the same participant, so no `{event}` is ever inside the window"
            ),
            NeverApplies::PauseUnshared { event, from } => format!(
                "`{event}` and `{from}` never involve the same participant, so the pause never applies"
            ),
            NeverApplies::LastPhaseUnmeasured => {
                "it is the last phase and has no `ends at` event, so its length can never be measured".to_string()
            }
            NeverApplies::ContradictoryFilter { event } => format!(
                "its `where` filter on `{event}` asks one field for two different choices at once"
            ),
        }
    }
}

/// A rule that can never apply, and why.
pub fn never_triggers(span: Span, rule: &str, why: &NeverApplies) -> Diagnostic {
    Diagnostic::new(
        Code::NeverTriggers,
        span,
        format!("the rule `{rule}` can never apply: {}", why.words()),
    )
    .label("never applies")
    .help("check the rule's events and filter against the programme document")
}

// ---- M0403 ladder step can never be reached

/// A ladder whose attempt is also its success, so its second step is never reached.
pub fn unreachable_step(span: Span, attempt: &str, ladder: Span) -> Diagnostic {
    Diagnostic::new(
        Code::UnreachableStep,
        span,
        format!("this step can never be reached: `{attempt}` is both the attempt and the success, so the first attempt always ends the ladder"),
    )
    .label("never reached")
    .secondary(ladder, "in this ladder")
    .help("an attempt is a try that got no answer; success is the event that reaches the person: use two different events")
}

// ---- M0404 rule name used twice

/// Two items of one name.
pub fn name_used_twice(span: Span, name: &str, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateRule,
        span,
        format!("the name `{name}` is used by two items"),
    )
    .label("used again here")
    .secondary(first, "first used here")
    .help("findings name the rule they come from; give each rule its own name")
}

// ---- M0405 a should contradicts a must

/// How a `should` rule contradicts a `must` rule.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Contradiction {
    /// The advice asks for more than the binding rule allows.
    AtLeastAboveAtMost {
        should: String,
        least: u32,
        event: String,
        must: String,
        most: u32,
    },
    /// The advice allows fewer than the binding rule requires.
    AtMostBelowAtLeast {
        should: String,
        most: u32,
        event: String,
        must: String,
        least: u32,
    },
    /// The advice gives longer than the binding deadline.
    LaterThanRequired {
        should: String,
        advised: String,
        after: String,
        must: String,
        required: String,
    },
}

/// A `should` rule that contradicts a `must` rule (`should` and `must`: where they are named).
pub fn should_contradicts_must(should: Span, must: Span, how: &Contradiction) -> Diagnostic {
    let message = match how {
        Contradiction::AtLeastAboveAtMost {
            should,
            least,
            event,
            must,
            most,
        } => format!(
            "`{should}` advises at least {least} `{event}`, but `{must}` allows at most {most}"
        ),
        Contradiction::AtMostBelowAtLeast {
            should,
            most,
            event,
            must,
            least,
        } => format!(
            "`{should}` advises at most {most} `{event}`, but `{must}` requires at least {least}"
        ),
        Contradiction::LaterThanRequired {
            should,
            advised,
            after,
            must,
            required,
        } => format!(
            "`{should}` advises {advised} after `{after}`, but `{must}` requires it within {required}"
        ),
    };
    Diagnostic::new(Code::ShouldContradictsMust, should, message)
        .label("this advice")
        .secondary(must, "this binding rule")
        .help("check both rules against the programme document and make them agree")
}

// ---- M0406 window shorter than its deadline

/// A window for an event that is shorter than a deadline for the same event after the same
/// anchor.
pub struct ShorterWindow<'a> {
    /// The rule with the window, where it is named, how long it looks after `anchor`.
    pub rule: &'a str,
    pub span: Span,
    pub window: &'a str,
    pub anchor: &'a str,
    /// The deadline rule, where it is named, how long it gives for `event`.
    pub deadline: &'a str,
    pub deadline_span: Span,
    pub within: &'a str,
    pub event: &'a str,
}

/// A window shorter than its deadline.
pub fn window_shorter_than_deadline(w: &ShorterWindow<'_>) -> Diagnostic {
    Diagnostic::new(
        Code::WindowShorterThanDeadline,
        w.span,
        format!(
            "`{}` looks {} after `{}`, but `{}` gives {} for `{}`",
            w.rule, w.window, w.anchor, w.deadline, w.within, w.event
        ),
    )
    .label("the shorter window")
    .secondary(w.deadline_span, "the longer deadline")
    .help("an event on time for the deadline would fall outside the window; make the two lengths agree")
}
