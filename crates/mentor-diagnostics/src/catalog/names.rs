//! M02xx: a name in a policy that is not declared, or declared twice.

use super::ticked;
use crate::words::list;
use crate::{Code, Diagnostic, Span, Suggestion};

// ---- M0201 unknown role

/// A role a policy uses but does not declare.
pub fn unknown_role<'a>(
    span: Span,
    name: &str,
    declared: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownRole,
        span,
        format!("the role `{name}` is not declared"),
    )
    .suggest(name, declared)
    .label("unknown role")
    .help(format!(
        "declare it with `role {name}`, or use one of the declared roles"
    ))
}

/// Where `{name}` stands in braces in a text, and what it may name there.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Placeholder {
    /// An event's phrase: `{to}` or a role.
    Phrase,
    /// An `if missed` text: a role.
    IfMissed,
}

/// `{name}` in a text that names neither a role nor anything else the text may name.
/// `candidates` are what it may name there.
pub fn unknown_placeholder<'a>(
    span: Span,
    name: &str,
    place: Placeholder,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let (message, label, help) = match place {
        Placeholder::Phrase => (
            format!("`{{{name}}}` is neither `{{to}}` nor a role"),
            "in this phrase",
            "in an event's phrase, `{to}` is replaced by the one the event goes to and `{role}` by the participant with that role; use one of them",
        ),
        Placeholder::IfMissed => (
            format!("`{{{name}}}` does not name a role"),
            "in this text",
            "`{role}` in an `if missed` text is replaced by the participant with that role; use a declared role",
        ),
    };
    Diagnostic::new(Code::UnknownRole, span, message)
        .suggest(name, candidates)
        .label(label)
        .help(help)
}

// ---- M0202 unknown event

/// An event a policy uses but does not declare.
pub fn unknown_event<'a>(
    span: Span,
    name: &str,
    declared: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownEvent,
        span,
        format!("the event `{name}` is not declared"),
    )
    .suggest(name, declared)
    .label("unknown event")
    .help(format!(
        "declare it with `event {name} by some_role`, or use one of the declared events"
    ))
}

// ---- M0203 unknown fact

/// A fact a role does not have. `facts` are the role's facts; `close_among` the ones a
/// close name is looked for among (those of the type wanted there, when there are some);
/// `of_other` another role that has a fact of this name.
pub fn unknown_fact<'a>(
    span: Span,
    role: &str,
    fact: &str,
    facts: &[&str],
    close_among: impl IntoIterator<Item = &'a str>,
    of_other: Option<&str>,
) -> Diagnostic {
    let help = match of_other {
        Some(other) => format!("`{fact}` is a fact of `{other}`; write `{other}.{fact}` to use it"),
        None if facts.is_empty() => {
            format!("`{role}` has no facts; declare them in `role {role} {{ ... }}`")
        }
        None => format!(
            "the facts of `{role}` are {}",
            ticked(facts.iter().copied())
        ),
    };
    Diagnostic::new(
        Code::UnknownFact,
        span,
        format!("`{role}` has no fact called `{fact}`"),
    )
    .suggest(fact, close_among)
    .label("unknown fact")
    .help(help)
}

// ---- M0204 unknown event field

/// A field an event does not have. In a condition on the event, `at` (its date) may be
/// used too, and the help says so.
pub fn unknown_field(
    span: Span,
    event: &str,
    field: &str,
    fields: &[&str],
    in_condition: bool,
) -> Diagnostic {
    let help = match (fields.is_empty(), in_condition) {
        (true, true) => {
            format!("`{event}` has no data fields; only `at`, its date, can be used")
        }
        (false, true) => format!(
            "the fields of `{event}` are {}, and `at` is its date",
            ticked(fields.iter().copied())
        ),
        (true, false) => format!("`{event}` has no data fields"),
        (false, false) => format!(
            "the fields of `{event}` are {}",
            ticked(fields.iter().copied())
        ),
    };
    Diagnostic::new(
        Code::UnknownField,
        span,
        format!("`{event}` has no field called `{field}`"),
    )
    .suggest(field, fields.iter().copied())
    .label("unknown field")
    .help(help)
}

/// `role.fact` in a condition on an event, which can read only the event's own data.
pub fn fact_in_event_condition(span: Span, event: &str, fields: &[&str]) -> Diagnostic {
    let help = if fields.is_empty() {
        format!("`{event}` has no data fields; here only `at`, its date, can be used")
    } else {
        format!(
            "use a field of `{event}` on its own: {}, or `at`, its date",
            ticked(fields.iter().copied())
        )
    };
    Diagnostic::new(
        Code::UnknownField,
        span,
        format!(
            "a condition on `{event}` can only read the event's own data, not a participant's facts"
        ),
    )
    .label("a participant's fact")
    .help(help)
}

// ---- M0205 unknown choice

/// A name compared with a fact of choices that is not one of them.
pub fn unknown_choice(span: Span, name: &str, fact: &str, choices: &[&str]) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownSymbol,
        span,
        format!("`{name}` is not one of the choices of `{fact}`"),
    )
    .suggest(name, choices.iter().copied())
    .label("unknown choice")
    .help(format!(
        "the choices are {}",
        ticked(choices.iter().copied())
    ))
}

/// A name in a similarity that is no choice of any fact.
pub fn similar_unknown_choice<'a>(
    span: Span,
    name: &str,
    choices: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownSymbol,
        span,
        format!("`{name}` is not a choice of any fact"),
    )
    .suggest(name, choices)
    .label("unknown choice")
    .help("a similarity groups choices declared in a role's facts, such as `physician ~ dentist`")
}

/// A similarity named to compare facts whose choices it does not group.
pub fn similarity_does_not_fit(span: Span, similarity: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownSymbol,
        span,
        format!("the similarity `{similarity}` groups choices these facts do not have"),
    )
    .help("a similarity must group choices of the facts it compares")
}

// ---- M0206 unknown calendar

/// A `calendar` item built on a calendar mentor does not have. `declared` is the name the
/// item declares.
pub fn unknown_builtin_calendar(
    span: Span,
    name: &str,
    declared: &str,
    builtin: &[&str],
) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownCalendar,
        span,
        format!("there is no built-in calendar called `{name}`"),
    )
    .suggest(name, builtin.iter().copied())
    .label("unknown calendar")
    .help(format!(
        "the built-in calendars are {}; to add closure days write `calendar {declared} = england_and_wales closed 2026-12-24`",
        list(builtin.iter().copied(), "and"),
    ))
}

/// `working days in NAME` with a calendar the policy does not declare; `builtin` when
/// mentor has a calendar of that name (it still has to be declared).
pub fn undeclared_calendar<'a>(
    span: Span,
    name: &str,
    builtin: bool,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let help = if builtin {
        format!("declare it first with `calendar {name}`")
    } else {
        format!(
            "declare a calendar with `calendar {name} = england_and_wales` (or `united_states_federal`)"
        )
    };
    Diagnostic::new(
        Code::UnknownCalendar,
        span,
        format!("the calendar `{name}` is not declared"),
    )
    .suggest(name, candidates)
    .label("unknown calendar")
    .help(help)
}

// ---- M0207 unknown type

/// A type that is no built-in type and is not declared. A word other languages use for a
/// built-in type (`string`, `number`) is answered with mentor's.
pub fn unknown_type<'a>(
    span: Span,
    name: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    let synonym = match name.to_lowercase().as_str() {
        "string" | "str" | "words" => Some("text"),
        "number" | "integer" | "whole" => Some("int"),
        "boolean" | "yesno" | "yes_no" | "flag" => Some("bool"),
        "time" | "timestamp" => Some("datetime"),
        "day" => Some("date"),
        _ => None,
    };
    let suggestion = match synonym {
        Some(s) => Suggestion::of(Some(s)),
        None => Suggestion::among(name, candidates),
    };
    Diagnostic::new(
        Code::UnknownType,
        span,
        format!("there is no type called `{name}`"),
    )
    .suggesting(suggestion)
    .label("unknown type")
    .help("use bool, int, text, date, datetime or duration, a declared `type`, or list the choices: `a | b | c`")
}

/// `type x = x`.
pub fn type_defined_as_itself(span: Span, name: &str) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownType,
        span,
        format!("the type `{name}` is defined as itself"),
    )
    .help("list its choices: `type profession = physician | dentist | other`")
}

// ---- M0208 unknown similarity

/// `similar to ... by NAME` with a similarity that is not declared.
pub fn unknown_similarity<'a>(
    span: Span,
    name: &str,
    declared: impl IntoIterator<Item = &'a str>,
) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownSimilarity,
        span,
        format!("the similarity `{name}` is not declared"),
    )
    .suggest(name, declared)
    .help("declare it with `similarity NAME { physician ~ dentist }`")
}

/// `similar to` on choices no similarity groups.
pub fn no_similarity(span: Span) -> Diagnostic {
    Diagnostic::new(
        Code::UnknownSimilarity,
        span,
        "no similarity is declared for these choices",
    )
    .help("declare which choices are similar: `similarity related_fields { physician ~ dentist }`")
}

// ---- M0209 name declared twice

/// A name declared twice. `what` is the kind of thing: `role`, `event`, `fact`, ...
pub fn declared_twice(span: Span, what: &str, name: &str, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateName,
        span,
        format!("the {what} `{name}` is declared twice"),
    )
    .label("declared again here")
    .secondary(first, "first declared here")
    .help(format!(
        "give each {what} its own name, or remove one of the two"
    ))
}

/// A type declared with the name of a built-in type.
pub fn builtin_type_declared(span: Span, name: &str) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateName,
        span,
        format!("`{name}` is a built-in type"),
    )
    .help("choose another name for this type")
}

/// A choice listed twice in one type.
pub fn choice_listed_twice(span: Span, choice: &str) -> Diagnostic {
    Diagnostic::new(
        Code::DuplicateName,
        span,
        format!("the choice `{choice}` is listed twice"),
    )
    .help("list each choice once")
}

// ---- M0210 missing or repeated programme

/// A policy without a `programme` line.
pub fn no_programme() -> Diagnostic {
    Diagnostic::new(
        Code::ProgrammeDeclaration,
        Span::at(0),
        "this policy does not say which programme it is for",
    )
    .help("start the policy with `programme short_name \"Full title of the programme\"`")
}

/// A second `programme` line.
pub fn second_programme(span: Span, first: Span) -> Diagnostic {
    Diagnostic::new(
        Code::ProgrammeDeclaration,
        span,
        "a policy describes one programme",
    )
    .label("a second programme")
    .secondary(first, "the programme is declared here")
    .help("put each programme in its own file")
}
