//! Where the cursor is: the item it is in, the tokens before it, and what fits there.

use super::tokens::{Tok, lex};
use mentor_check::Analysis;
use mentor_check::model::{EventId, RoleId};
use mentor_syntax::keywords::ITEM_KEYWORDS;

/// A kind of completion that fits at the cursor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Want {
    Keywords(&'static [&'static str]),
    Roles,
    Events,
    Facts(RoleId),
    Fields(EventId),
    /// The choices of one fact or field.
    Choices(Vec<String>),
    /// The choices of every fact and field (in a similarity).
    AllChoices,
    /// Calendars declared in the policy.
    Calendars,
    /// The built-in holiday calendars.
    BuiltinCalendars,
    /// Built-in and declared types.
    Types,
    Units,
    Similarities,
}

/// The tokens of the item before the cursor, with the model to resolve names.
pub(crate) struct Ctx<'a> {
    pub(crate) toks: Vec<Tok<'a>>,
    pub(crate) analysis: &'a Analysis,
}

impl<'a> Ctx<'a> {
    /// The `n`-th token from the end (0: the last one).
    pub(crate) fn back(&self, n: usize) -> Option<Tok<'a>> {
        self.toks
            .len()
            .checked_sub(n + 1)
            .and_then(|i| self.toks.get(i))
            .copied()
    }

    pub(crate) fn back_is(&self, n: usize, word: &str) -> bool {
        self.back(n).is_some_and(|t| t.is(word))
    }

    /// The tokens after the keyword, the name and the `source` quotes.
    pub(crate) fn body(&self) -> &[Tok<'a>] {
        let mut rest = self.toks.get(2..).unwrap_or_default();
        while let [Tok::Word("source"), Tok::Text, tail @ ..] = rest {
            rest = tail;
        }
        rest
    }

    pub(crate) fn role(&self, tok: Option<Tok<'_>>) -> Option<RoleId> {
        match tok {
            Some(Tok::Word(w)) => self.analysis.checked.model.role_by_name(w),
            _ => None,
        }
    }

    pub(crate) fn event(&self, tok: Option<Tok<'_>>) -> Option<EventId> {
        match tok {
            Some(Tok::Word(w)) => self.analysis.checked.model.event_by_name(w),
            _ => None,
        }
    }
}

/// What fits at a byte offset of `text`.
pub(crate) fn wants(text: &str, analysis: &Analysis, offset: usize) -> Vec<Want> {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    let before = text.get(..offset).unwrap_or_default();
    let word_start = before
        .trim_end_matches(|c: char| c.is_alphanumeric() || c == '_')
        .len();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    if word_start <= line_start {
        return vec![Want::Keywords(ITEM_KEYWORDS)];
    }
    let Some(item_start) = item_start(text, line_start) else {
        return Vec::new();
    };
    let (toks, inside) = lex(text.get(item_start..word_start).unwrap_or_default());
    if inside {
        return Vec::new();
    }
    let ctx = Ctx { toks, analysis };
    let Some(Tok::Word(keyword)) = ctx.toks.first().copied() else {
        return Vec::new();
    };
    if !ITEM_KEYWORDS.contains(&keyword) {
        return Vec::new();
    }
    if ctx.toks.len() == 1 {
        // The item's own name: nothing to propose, except built-in calendars.
        return if keyword == "calendar" {
            vec![Want::BuiltinCalendars]
        } else {
            Vec::new()
        };
    }
    if let Some(wants) = common(&ctx) {
        return wants;
    }
    if let Some(wants) = super::condition::in_condition(&ctx, keyword) {
        return wants;
    }
    super::items::after(&ctx, keyword)
}

/// The start of the item the line at `line_start` belongs to: the nearest line at or above
/// it that starts in the first column with a letter or `_`.
fn item_start(text: &str, line_start: usize) -> Option<usize> {
    let mut start = line_start;
    loop {
        let line = text.get(start..).unwrap_or_default();
        if line.starts_with(|c: char| c.is_alphabetic() || c == '_') {
            return Some(start);
        }
        if start == 0 {
            return None;
        }
        start = text
            .get(..start - 1)
            .and_then(|t| t.rfind('\n'))
            .map_or(0, |i| i + 1);
    }
}

/// Places that are the same in every item: after `role.`, after `working days in`, `if`.
fn common(ctx: &Ctx<'_>) -> Option<Vec<Want>> {
    let last = ctx.back(0)?;
    if last.is(".") {
        if let Some(role) = ctx.role(ctx.back(1)) {
            return Some(vec![Want::Facts(role)]);
        }
        if let Some(event) = ctx.event(ctx.back(1)) {
            return Some(vec![Want::Fields(event)]);
        }
        return Some(Vec::new());
    }
    if last.is("working") {
        return Some(vec![Want::Keywords(&["days"])]);
    }
    if last.is("in") && ctx.back_is(2, "working") {
        return Some(vec![Want::Calendars, Want::BuiltinCalendars]);
    }
    if last.is("if") {
        return Some(vec![Want::Keywords(&["missed"])]);
    }
    if last == Tok::Number && ctx.back_is(1, "day") {
        return Some(Vec::new());
    }
    None
}
