//! Completion inside a condition: an eligibility condition, a `where` filter, `each ... have`.

use super::context::{Ctx, Want};
use super::tokens::Tok;
use crate::names::choices;
use mentor_check::model::{EventId, RoleId};
use mentor_check::types::Ty;

/// What bare names refer to in the condition at the cursor.
#[derive(Debug, Clone, Copy)]
enum Scope {
    Participant(Option<RoleId>),
    Event(Option<EventId>),
}

/// What fits at the cursor when it is inside a condition; `None` when it is not.
pub(crate) fn in_condition(ctx: &Ctx<'_>, keyword: &str) -> Option<Vec<Want>> {
    let (start, scope) = condition_start(ctx, keyword)?;
    let cond = ctx.toks.get(start..).unwrap_or_default();
    Some(wants(ctx, cond, scope))
}

/// Where the condition around the cursor starts (the index of its first token), and its scope.
fn condition_start(ctx: &Ctx<'_>, keyword: &str) -> Option<(usize, Scope)> {
    let toks = &ctx.toks;
    if keyword == "eligibility" {
        let when = toks.iter().position(|t| t.is("when"))?;
        let role = when.checked_sub(3).and_then(|i| toks.get(i)).copied();
        return Some((when + 1, Scope::Participant(ctx.role(role))));
    }
    let body = ctx.body();
    if keyword == "rule" && body.first().is_some_and(|t| t.is("each")) {
        let have = toks.iter().position(|t| t.is("have"));
        if let Some(have) = have
            && !toks
                .get(have..)
                .unwrap_or_default()
                .iter()
                .any(|t| t.is("if"))
        {
            let event = body.get(1).copied().filter(|t| !t.is("first"));
            let event = event.or_else(|| body.get(2).copied());
            return Some((have + 1, Scope::Event(ctx.event(event))));
        }
    }
    let where_at = toks.iter().rposition(|t| t.is("where"))?;
    let after = toks.get(where_at + 1..).unwrap_or_default();
    if !filter_is_open(after) {
        return None;
    }
    let event = where_at.checked_sub(1).and_then(|i| toks.get(i)).copied();
    Some((where_at + 1, Scope::Event(ctx.event(event))))
}

/// Whether a `where` filter (one comparison, one membership or a parenthesised group) is
/// still being written.
fn filter_is_open(after: &[Tok<'_>]) -> bool {
    if after.first().is_some_and(|t| t.is("(")) {
        return depth(after) > 0;
    }
    if after.iter().any(|t| t.is("in")) {
        return !after.iter().any(|t| t.is("}"));
    }
    // operand, operator: the right-hand side is still to come.
    let operand_len = if after.get(1).is_some_and(|t| t.is(".")) {
        3
    } else {
        1
    };
    after.len() <= operand_len + 1
}

fn depth(toks: &[Tok<'_>]) -> i32 {
    toks.iter().fold(0, |d, t| {
        if t.is("(") || t.is("{") {
            d + 1
        } else if t.is(")") || t.is("}") {
            d - 1
        } else {
            d
        }
    })
}

fn wants(ctx: &Ctx<'_>, cond: &[Tok<'_>], scope: Scope) -> Vec<Want> {
    let Some(&last) = cond.last() else {
        return operand_start(scope);
    };
    let before = |n: usize| {
        cond.len()
            .checked_sub(n + 1)
            .and_then(|i| cond.get(i))
            .copied()
    };
    match last {
        Tok::Punct("==" | "!=") => {
            let choices = left_choices(ctx, cond.get(..cond.len() - 1).unwrap_or_default(), scope);
            if choices.is_empty() {
                operand_start(scope)
            } else {
                vec![Want::Choices(choices)]
            }
        }
        Tok::Punct("{") => set_choices(ctx, cond, scope),
        Tok::Punct(",") if innermost_open(cond).is_some_and(|t| t.is("{")) => {
            set_choices(ctx, cond, scope)
        }
        Tok::Punct("(" | "," | ">=" | "<=" | ">" | "<") => operand_start(scope),
        Tok::Word("and" | "or" | "not") => operand_start(scope),
        Tok::Word("time") => vec![Want::Keywords(&["since"])],
        Tok::Word("since") => match scope {
            Scope::Participant(Some(role)) => vec![Want::Facts(role)],
            _ => Vec::new(),
        },
        Tok::Word("any" | "all") => vec![Want::Keywords(&["of"])],
        Tok::Word("similar") => vec![Want::Keywords(&["to"])],
        Tok::Word("to") if before(1).is_some_and(|t| t.is("similar")) => operand_start(scope),
        Tok::Word("by") => vec![Want::Similarities],
        Tok::Word("in" | "of") => Vec::new(),
        Tok::Number => vec![Want::Units, Want::Keywords(&["and", "or"])],
        Tok::Word(_)
            if before(1).is_some_and(|t| t.is("to"))
                && before(2).is_some_and(|t| t.is("similar")) =>
        {
            vec![Want::Keywords(&["by", "and", "or"])]
        }
        Tok::Word(_) => vec![Want::Keywords(&["and", "or", "in", "not in", "similar to"])],
        _ => vec![Want::Keywords(&["and", "or"])],
    }
}

fn operand_start(scope: Scope) -> Vec<Want> {
    match scope {
        Scope::Participant(role) => {
            let mut wants = Vec::new();
            if let Some(role) = role {
                wants.push(Want::Facts(role));
            }
            wants.push(Want::Roles);
            wants.push(Want::Keywords(&[
                "not",
                "any of",
                "all of",
                "time since",
                "true",
                "false",
            ]));
            wants
        }
        Scope::Event(event) => {
            let mut wants = Vec::new();
            if let Some(event) = event {
                wants.push(Want::Fields(event));
            }
            wants.push(Want::Keywords(&["at", "not", "true", "false"]));
            wants
        }
    }
}

/// The last `(` or `{` that is not closed yet.
fn innermost_open<'a>(cond: &[Tok<'a>]) -> Option<Tok<'a>> {
    let mut depth = 0;
    for tok in cond.iter().rev() {
        if tok.is(")") || tok.is("}") {
            depth += 1;
        } else if tok.is("(") || tok.is("{") {
            if depth == 0 {
                return Some(*tok);
            }
            depth -= 1;
        }
    }
    None
}

/// The choices of the operand before `in {`, when the cursor is inside the braces.
fn set_choices(ctx: &Ctx<'_>, cond: &[Tok<'_>], scope: Scope) -> Vec<Want> {
    let Some(open) = cond.iter().rposition(|t| t.is("{")) else {
        return Vec::new();
    };
    let mut end = open;
    if end > 0 && cond.get(end - 1).is_some_and(|t| t.is("in")) {
        end -= 1;
    }
    if end > 0 && cond.get(end - 1).is_some_and(|t| t.is("not")) {
        end -= 1;
    }
    let choices = left_choices(ctx, cond.get(..end).unwrap_or_default(), scope);
    if choices.is_empty() {
        Vec::new()
    } else {
        vec![Want::Choices(choices)]
    }
}

/// The choices of the operand that ends `toks` (`profession`, `mentee.profession`, a field).
fn left_choices(ctx: &Ctx<'_>, toks: &[Tok<'_>], scope: Scope) -> Vec<String> {
    let model = &ctx.analysis.checked.model;
    let ty = match (toks, scope) {
        ([.., Tok::Word(role), Tok::Punct("."), Tok::Word(fact)], _) => model
            .role_by_name(role)
            .and_then(|r| model.role(r))
            .and_then(|r| r.fact(fact).and_then(|i| r.facts.get(i as usize)))
            .map(|f| f.ty),
        ([.., Tok::Word(name)], Scope::Participant(Some(role))) => model
            .role(role)
            .and_then(|r| r.fact(name).and_then(|i| r.facts.get(i as usize)))
            .map(|f| f.ty),
        ([.., Tok::Word(name)], Scope::Event(Some(event))) => model
            .event(event)
            .and_then(|e| e.field(name).and_then(|i| e.fields.get(i as usize)))
            .map(|f| f.ty),
        _ => None,
    };
    ty.map_or_else(Vec::new, |ty: Ty| choices(ctx.analysis, ty))
}
