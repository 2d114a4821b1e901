//! Completion outside conditions: what may follow the last token in each kind of item.

use super::context::{Ctx, Want};
use super::tokens::Tok;
use mentor_syntax::keywords::UNITS;

/// What fits after the tokens of the item before the cursor.
pub(crate) fn after(ctx: &Ctx<'_>, keyword: &str) -> Vec<Want> {
    match keyword {
        "programme" | "type" => Vec::new(),
        "calendar" => calendar(ctx),
        "role" => field_block(ctx).unwrap_or_default(),
        "event" => event(ctx),
        "similarity" => {
            if open_brace(ctx) {
                vec![Want::AllChoices]
            } else {
                Vec::new()
            }
        }
        _ => rule_like(ctx, keyword),
    }
}

fn calendar(ctx: &Ctx<'_>) -> Vec<Want> {
    match ctx.back(0) {
        Some(Tok::Punct("=")) => vec![Want::BuiltinCalendars],
        Some(Tok::Word(_)) if ctx.toks.len() <= 4 && !ctx.back_is(0, "closed") => {
            vec![Want::Keywords(&["closed"])]
        }
        _ => Vec::new(),
    }
}

fn open_brace(ctx: &Ctx<'_>) -> bool {
    let opens = ctx.toks.iter().filter(|t| t.is("{")).count();
    let closes = ctx.toks.iter().filter(|t| t.is("}")).count();
    opens > closes
}

/// Inside the `{ ... }` of a role's facts or an event's fields: types after `:`.
fn field_block(ctx: &Ctx<'_>) -> Option<Vec<Want>> {
    if !open_brace(ctx) {
        return None;
    }
    Some(match (ctx.back(1), ctx.back(0)) {
        (_, Some(Tok::Punct(":"))) => vec![Want::Types],
        (Some(Tok::Punct(":" | "|")), Some(Tok::Word(_))) => {
            vec![Want::Keywords(&["recorded"])]
        }
        _ => Vec::new(),
    })
}

fn event(ctx: &Ctx<'_>) -> Vec<Want> {
    if let Some(wants) = field_block(ctx) {
        return wants;
    }
    if ctx.toks.len() == 2 {
        return vec![Want::Keywords(&["by"])];
    }
    match ctx.back(0) {
        Some(Tok::Word("by" | "to" | "or")) => vec![Want::Roles],
        Some(last) if ctx.role(Some(last)).is_some() => {
            if ctx.toks.iter().any(|t| t.is("to")) {
                vec![Want::Keywords(&["or", "recorded"])]
            } else {
                vec![Want::Keywords(&["or", "to", "recorded"])]
            }
        }
        _ => Vec::new(),
    }
}

/// The keywords that may continue an item of this kind, when nothing more precise is known.
fn general(keyword: &str) -> Vec<Want> {
    match keyword {
        "rule" => vec![
            Want::Keywords(&["source", "after", "every month", "each", "if missed"]),
            Want::Roles,
        ],
        "eligibility" => vec![Want::Keywords(&["source", "is", "eligible", "when"])],
        "ladder" => vec![Want::Keywords(&[
            "source",
            "reach",
            "start at",
            "attempt",
            "success",
            "step",
            "outcome",
            "if missed",
        ])],
        "termination" => vec![Want::Keywords(&["source", "when", "then"])],
        "disclosure" => vec![Want::Keywords(&[
            "source", "share", "only", "with", "through", "listing", "after", "until",
        ])],
        "phase" => vec![Want::Keywords(&[
            "source",
            "starts at",
            "ends at",
            "should last",
            "must last",
        ])],
        _ => Vec::new(),
    }
}

/// Right after the name and the `source` quotes.
fn start_of_body(keyword: &str) -> Vec<Want> {
    match keyword {
        "rule" => vec![
            Want::Keywords(&["source", "after", "every month", "each"]),
            Want::Roles,
        ],
        "eligibility" | "disclosure" => vec![Want::Keywords(&["source"]), Want::Roles],
        "ladder" => vec![Want::Keywords(&["source", "reach"])],
        "termination" => vec![Want::Keywords(&["source", "when"])],
        "phase" => vec![Want::Keywords(&["source", "starts at"])],
        _ => Vec::new(),
    }
}

/// The shape of a `rule`'s body, from its first word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Form {
    Deadline,
    Recurring,
    Each,
    Limit,
}

fn form(body: &[Tok<'_>]) -> Form {
    match body.first() {
        Some(t) if t.is("after") => Form::Deadline,
        Some(t) if t.is("every") => Form::Recurring,
        Some(t) if t.is("each") => Form::Each,
        _ => Form::Limit,
    }
}

fn rule_like(ctx: &Ctx<'_>, keyword: &str) -> Vec<Want> {
    let body = ctx.body();
    if body.is_empty() {
        return start_of_body(keyword);
    }
    match ctx.back(0) {
        Some(Tok::Text) if keyword == "ladder" && ctx.back_is(1, "outcome") => vec![Want::Roles],
        Some(Tok::Number) => number(ctx, keyword, body),
        Some(Tok::Punct(",")) => comma(ctx, keyword),
        Some(Tok::Word(word)) => after_word(ctx, keyword, body, word),
        _ => general(keyword),
    }
}

fn number(ctx: &Ctx<'_>, keyword: &str, body: &[Tok<'_>]) -> Vec<Want> {
    if keyword == "ladder" && ctx.back_is(2, "step") {
        return vec![Want::Keywords(&["attempts"])];
    }
    if keyword == "rule" && form(body) == Form::Limit {
        if ctx.back_is(1, "between") {
            return vec![Want::Keywords(&["and"])];
        }
        if ctx.back_is(1, "most")
            || ctx.back_is(1, "least")
            || (ctx.back_is(1, "and") && ctx.back_is(3, "between"))
        {
            return vec![Want::Events];
        }
    }
    vec![Want::Units]
}

fn comma(ctx: &Ctx<'_>, keyword: &str) -> Vec<Want> {
    match keyword {
        "rule" => vec![Want::Roles],
        "disclosure" => subject(ctx).map_or_else(Vec::new, |r| vec![Want::Facts(r)]),
        _ => Vec::new(),
    }
}

/// The role whose facts a disclosure shares: the word after `share` (and `only`).
fn subject(ctx: &Ctx<'_>) -> Option<mentor_check::model::RoleId> {
    let share = ctx.toks.iter().position(|t| t.is("share"))?;
    let mut at = share + 1;
    if ctx.toks.get(at).is_some_and(|t| t.is("only")) {
        at += 1;
    }
    ctx.role(ctx.toks.get(at).copied())
}

fn after_word(ctx: &Ctx<'_>, keyword: &str, body: &[Tok<'_>], word: &str) -> Vec<Want> {
    let events_or_first = || vec![Want::Events, Want::Keywords(&["first"])];
    let no_duty_yet = !ctx.toks.iter().any(|t| t.is("must") || t.is("should"));
    match word {
        "after" if keyword == "rule" && form(body) == Form::Deadline && body.len() == 1 => vec![
            Want::Events,
            Want::Keywords(&["first", "later of", "earlier of"]),
            Want::Roles,
        ],
        "after" if keyword == "disclosure" => vec![Want::Events],
        "after" | "each" | "from" | "until" | "when" | "outside" => events_or_first(),
        "first" | "through" | "attempt" | "success" | "or" | "plus" => vec![Want::Events],
        "later" | "earlier" => vec![Want::Keywords(&["of"])],
        "of" if ctx.back_is(1, "later") || ctx.back_is(1, "earlier") => events_or_first(),
        "of" if ctx.back_is(1, "end") => vec![Want::Keywords(&["month"])],
        "and" if no_duty_yet && ctx.toks.iter().any(|t| t.is("later") || t.is("earlier")) => {
            events_or_first()
        }
        "every" => vec![Want::Keywords(&["month"])],
        "month" if ctx.back_is(1, "every") => {
            vec![Want::Keywords(&["from", "until"]), Want::Roles]
        }
        "at" if ctx.back_is(1, "have") => vec![Want::Keywords(&["most", "least"])],
        "at" => events_or_first(),
        "start" | "starts" | "ends" => vec![Want::Keywords(&["at"])],
        "must" | "should" => modal(keyword, body),
        "to" if keyword == "phase" => Vec::new(),
        "to" | "then" | "reach" | "step" | "with" | "outcome" | "only" => vec![Want::Roles],
        "share" => vec![Want::Keywords(&["only"]), Want::Roles],
        "by" if keyword == "rule" && form(body) == Form::Recurring => {
            vec![Want::Keywords(&["day", "end of month"])]
        }
        "end" => vec![Want::Keywords(&["of month"])],
        "have" => vec![Want::Keywords(&["at most", "at least", "between"])],
        "fall" => vec![Want::Keywords(&["within", "outside"])],
        "is" => vec![Want::Keywords(&["eligible"])],
        "eligible" => vec![Want::Keywords(&["when"])],
        "listing" => {
            let through = ctx.toks.iter().position(|t| t.is("through"));
            let event = through.and_then(|i| ctx.event(ctx.toks.get(i + 1).copied()));
            event.map_or_else(Vec::new, |e| vec![Want::Fields(e)])
        }
        "by" | "day" | "within" | "between" | "most" | "least" | "last" | "missed" | "source"
        | "where" | "in" => Vec::new(),
        "days" if ctx.back_is(1, "working") => {
            let mut wants = vec![Want::Keywords(&["in"])];
            wants.extend(after_figure(keyword, body));
            wants
        }
        unit if UNITS.contains(&unit) && ctx.back(1) == Some(Tok::Number) => {
            after_figure(keyword, body)
        }
        "attempts" => vec![Want::Keywords(&["within", "step", "outcome"])],
        _ if ctx.role(ctx.back(0)).is_some() => after_role(ctx, keyword, body),
        _ if ctx.event(ctx.back(0)).is_some() => after_event(ctx, keyword, body),
        _ if keyword == "disclosure"
            && subject(ctx).is_some()
            && !ctx.toks.iter().any(|t| t.is("with")) =>
        {
            vec![Want::Keywords(&["with"])]
        }
        _ => general(keyword),
    }
}

/// After `must` or `should`.
fn modal(keyword: &str, body: &[Tok<'_>]) -> Vec<Want> {
    match keyword {
        "rule" => match form(body) {
            Form::Each => vec![Want::Keywords(&["have", "fall within", "fall outside"])],
            Form::Deadline | Form::Recurring => vec![Want::Events],
            Form::Limit => vec![Want::Keywords(&["have"])],
        },
        "disclosure" => vec![Want::Keywords(&["share"])],
        "phase" => vec![Want::Keywords(&["last"])],
        "ladder" | "termination" => vec![Want::Events],
        _ => Vec::new(),
    }
}

/// After a duration: what usually comes next in this kind of item.
fn after_figure(keyword: &str, body: &[Tok<'_>]) -> Vec<Want> {
    match keyword {
        "rule" => match form(body) {
            Form::Each | Form::Limit => vec![Want::Keywords(&["after"])],
            Form::Deadline | Form::Recurring => vec![Want::Keywords(&["if missed"])],
        },
        "ladder" => vec![Want::Keywords(&["step", "outcome", "if missed"])],
        "termination" => vec![Want::Keywords(&["then"])],
        "phase" => vec![Want::Keywords(&["to"])],
        _ => Vec::new(),
    }
}

fn after_role(ctx: &Ctx<'_>, keyword: &str, body: &[Tok<'_>]) -> Vec<Want> {
    let previous = ctx.back(1);
    let is = |w: &str| previous.is_some_and(|t| t.is(w));
    match keyword {
        "eligibility" => vec![Want::Keywords(&["is"])],
        "ladder" if is("reach") => vec![Want::Keywords(&["start at", "attempt"])],
        "ladder" if is("step") => Vec::new(),
        "disclosure" if is("with") => vec![Want::Keywords(&["through"])],
        "disclosure" if is("share") || is("only") => {
            subject(ctx).map_or_else(Vec::new, |r| vec![Want::Facts(r)])
        }
        _ if is("to") => match keyword {
            "rule" if form(body) == Form::Recurring => vec![Want::Keywords(&["by"])],
            "termination" => vec![Want::Keywords(&["within", "by", "then"])],
            _ => vec![Want::Keywords(&["within", "by", "if missed"])],
        },
        _ => vec![Want::Keywords(&["must", "should"])],
    }
}

fn after_event(ctx: &Ctx<'_>, keyword: &str, body: &[Tok<'_>]) -> Vec<Want> {
    let mut n = 1;
    if ctx.back_is(n, "first") {
        n += 1;
    }
    let previous = ctx.back(n);
    let is = |w: &str| previous.is_some_and(|t| t.is(w));
    let duty = !ctx.toks.iter().any(|t| t.is("outcome")) || keyword != "ladder";
    match keyword {
        "ladder" if is("at") => vec![Want::Keywords(&["attempt"])],
        "ladder" if is("attempt") => vec![Want::Keywords(&["success"])],
        "ladder" if (is("success") || is("or")) && duty => vec![Want::Keywords(&["or", "step"])],
        "phase" if is("at") && ctx.back_is(n + 1, "ends") => {
            vec![Want::Keywords(&["where", "should last", "must last"])]
        }
        "phase" => vec![Want::Keywords(&[
            "where",
            "ends at",
            "should last",
            "must last",
        ])],
        "disclosure" if is("through") => vec![Want::Keywords(&["listing", "after", "until"])],
        "disclosure" if is("after") => vec![Want::Keywords(&["until"])],
        "disclosure" => Vec::new(),
        "termination" if is("when") => vec![Want::Keywords(&["where", "then"])],
        "termination" => vec![Want::Keywords(&["or", "to", "within", "by", "then"])],
        _ if is("each") => vec![Want::Keywords(&["must", "should", "where"])],
        _ if is("must") || is("should") || is("or") => {
            vec![Want::Keywords(&["or", "to", "within", "by", "if missed"])]
        }
        "rule" if form(body) == Form::Deadline && (is("after") || is("of") || is("and")) => {
            vec![Want::Keywords(&["where", "and"]), Want::Roles]
        }
        "rule" if form(body) == Form::Recurring && is("from") => {
            vec![Want::Keywords(&["until"]), Want::Roles]
        }
        "rule" if form(body) == Form::Recurring => vec![Want::Roles],
        "rule" if is("outside") => vec![Want::Keywords(&["until"])],
        "rule" if previous == Some(Tok::Number) => vec![Want::Keywords(&[
            "where",
            "plus",
            "within",
            "after",
            "if missed",
        ])],
        "rule" => vec![Want::Keywords(&["where", "if missed"])],
        _ => general(keyword),
    }
}
