//! Syntax errors: what the parser expected, what it found, and which common mistake it
//! looks like, found from pest's errors and worded by the catalogue
//! (`mentor_diagnostics::catalog::syntax`).

use crate::keywords::ITEM_KEYWORDS;
use crate::lex;
use crate::parser::Rule;
use mentor_diagnostics::catalog::syntax::{self, Hint};
use mentor_diagnostics::words::excerpt;
use mentor_diagnostics::{Diagnostic, Span};

/// A pest error on a chunk starting at `offset`, as a diagnostic on the whole file.
pub(crate) fn from_pest(
    error: &pest::error::Error<Rule>,
    chunk: &str,
    offset: usize,
) -> Diagnostic {
    let position = match error.location {
        pest::error::InputLocation::Pos(p) => p,
        pest::error::InputLocation::Span((start, _)) => start,
    };
    let position = skip_trivia(chunk, position);
    let (found, found_len) = found_at(chunk, position);
    let span = Span::new(offset + position, offset + position + found_len);

    if position == 0 {
        return unknown_item(chunk, span);
    }
    if let Some(d) = single_quotes(chunk, position, offset) {
        return d;
    }
    if let Some(d) = indented_item(chunk, position, offset, span) {
        return d;
    }
    if let Some(d) = is_for_equals(chunk, position, offset) {
        return d;
    }
    let at = chunk.get(position..).unwrap_or("");
    if lex::pieces(at)
        .next()
        .is_some_and(|p| p.kind == lex::Kind::Text { closed: false })
    {
        return syntax::unterminated_text(span);
    }
    let positives = match &error.variant {
        pest::error::ErrorVariant::ParsingError { positives, .. } => positives.clone(),
        pest::error::ErrorVariant::CustomError { message } if message.contains("call limit") => {
            return item_too_complex(Span::new(offset, offset + chunk.len()));
        }
        pest::error::ErrorVariant::CustomError { .. } => Vec::new(),
    };
    let expected = describe_expected(&positives);
    let word = word_at(chunk, position);
    let keywords = keywords_in(&positives);
    let hint = hint_for(&positives, &keywords, &word, chunk, position);
    syntax::unexpected(span, &expected, &found, hint)
}

/// The diagnostic for a chunk whose first word does not start an item.
fn unknown_item(chunk: &str, span: Span) -> Diagnostic {
    let word: String = chunk
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if ITEM_KEYWORDS.contains(&word.as_str()) {
        // The keyword is right but what follows is not; pest points at the start only when
        // nothing at all could be read, which happens for an empty item.
        return syntax::keyword_without_name(span, &word);
    }
    let shown = if word.is_empty() {
        chunk.chars().take(12).collect::<String>()
    } else {
        word.chars().take(crate::limits::MAX_WORD_CHARS).collect()
    };
    let span = Span::new(span.start(), span.start() + shown.len());
    syntax::unknown_item(span, &shown, &word, ITEM_KEYWORDS)
}

/// Text in single quotes (`'P'`): the language writes text in double quotes.
fn single_quotes(chunk: &str, position: usize, offset: usize) -> Option<Diagnostic> {
    let rest = chunk.get(position..)?;
    let inner = rest.strip_prefix('\'')?;
    let line = inner.split('\n').next().unwrap_or("");
    let span_end = line
        .find('\'')
        .map_or(position + 1, |close| position + close + 2);
    let span = Span::new(offset + position, offset + span_end);
    let text = line.find('\'').map(|close| line.get(..close).unwrap_or(""));
    Some(syntax::single_quotes(span, text))
}

/// An item keyword at the start of an indented line: a new item that was indented, so it
/// reads as part of the item above.
fn indented_item(chunk: &str, position: usize, offset: usize, found: Span) -> Option<Diagnostic> {
    let line_start = chunk.get(..position)?.rfind('\n').map_or(0, |i| i + 1);
    let indent = chunk.get(line_start..position)?;
    if indent.is_empty() || !indent.chars().all(|c| c == ' ' || c == '\t') {
        return None;
    }
    let word: String = chunk
        .get(position..)?
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if !ITEM_KEYWORDS.contains(&word.as_str()) {
        return None;
    }
    let indent_span = Span::new(offset + line_start, offset + position);
    Some(syntax::indented_item(found, &word, indent_span))
}

/// `profession is nurse`: `is` only says who is eligible; a fact is compared with `==`.
fn is_for_equals(chunk: &str, position: usize, offset: usize) -> Option<Diagnostic> {
    let before = chunk.get(..position)?.trim_end();
    let is_start = before.strip_suffix("is")?.len();
    let fact: String = before
        .get(..is_start)?
        .trim_end()
        .chars()
        .rev()
        .take_while(|c| c.is_alphanumeric() || *c == '_' || *c == '.')
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    let value: String = chunk
        .get(position..)?
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect();
    if fact.is_empty() || value.is_empty() || value == "eligible" {
        return None;
    }
    let span = Span::new(offset + is_start, offset + is_start + 2);
    Some(syntax::is_for_equals(span, &fact, &value))
}

/// Moves past spaces and comments, which pest may report errors in front of.
fn skip_trivia(chunk: &str, position: usize) -> usize {
    let rest = chunk.get(position..).unwrap_or("");
    for piece in lex::pieces(rest) {
        let text = piece.text(rest);
        match piece.kind {
            lex::Kind::Comment => {}
            lex::Kind::Code if text.trim_start().is_empty() => {}
            lex::Kind::Code => {
                return position + piece.start + (text.len() - text.trim_start().len());
            }
            lex::Kind::Text { .. } => return position + piece.start,
        }
    }
    chunk.len().max(position)
}

/// What stands at `position`, in words, and how many bytes to underline.
fn found_at(chunk: &str, position: usize) -> (String, usize) {
    let rest = chunk.get(position..).unwrap_or("");
    let Some(first) = rest.chars().next() else {
        return ("the end of the item".to_string(), 0);
    };
    if first.is_alphanumeric() || first == '_' {
        let word = rest
            .find(|c: char| !(c.is_alphanumeric() || c == '_' || c == '-'))
            .map_or(rest, |end| rest.get(..end).unwrap_or(rest));
        return (format!("`{}`", excerpt(word)), word.len());
    }
    if lex::pieces(rest).next().is_some_and(lex::Piece::is_text) {
        let line = rest.split('\n').next().unwrap_or(rest);
        return ("a quoted text".to_string(), line.len().min(60));
    }
    let symbol: String = rest
        .chars()
        .take_while(|c| "<>=!|~{}(),.:".contains(*c))
        .take(2)
        .collect();
    let symbol = if symbol.is_empty() {
        first.to_string()
    } else {
        symbol
    };
    (format!("`{symbol}`"), symbol.len())
}

/// How a grammar rule is named to a programme designer.
fn rule_words(rule: Rule) -> Option<String> {
    let name = format!("{rule:?}");
    if let Some(keyword) = name.strip_prefix("kw_") {
        return Some(match keyword {
            "attempts" => "`attempts`".to_string(),
            "days" => "`days`".to_string(),
            other => format!("`{other}`"),
        });
    }
    let words = match rule {
        Rule::ident | Rule::path | Rule::fact_anchor => "a name",
        Rule::participant_id => "a participant's id",
        Rule::string | Rule::string_inner => "a quoted text",
        Rule::int | Rule::figure | Rule::quantity => "a number",
        Rule::date | Rule::datetime => "a date (YYYY-MM-DD)",
        Rule::bool_lit => "`true` or `false`",
        Rule::unit | Rule::unit_word | Rule::working_days => {
            "a unit (days, weeks, months, years, working days)"
        }
        Rule::cmp_op => "a comparison (`>=`, `<=`, `==`, `!=`, `>`, `<`)",
        Rule::modality => "`must` or `should`",
        Rule::EOI => "the end of the item",
        Rule::source => "`source`",
        Rule::set_literal => "a set such as `{doctor, dentist}`",
        Rule::set_comma => "`,` between the choices",
        Rule::set_close => "`}`",
        Rule::field_list => "`{`",
        Rule::cond
        | Rule::conj
        | Rule::negation
        | Rule::group
        | Rule::quantified
        | Rule::comparison
        | Rule::membership
        | Rule::similar
        | Rule::time_since => "a condition",
        Rule::anchor | Rule::later_of | Rule::earlier_of | Rule::event_pattern => "an event",
        Rule::deadline => "`within` or `by`",
        Rule::duty => "a role and `must` or `should`",
        Rule::bound | Rule::at_most | Rule::at_least | Rule::between => {
            "`at most`, `at least` or `between`"
        }
        Rule::programme_decl
        | Rule::calendar_decl
        | Rule::type_decl
        | Rule::role_decl
        | Rule::event_decl
        | Rule::similarity_decl
        | Rule::eligibility_decl
        | Rule::rule_decl
        | Rule::ladder_decl
        | Rule::termination_decl
        | Rule::disclosure_decl
        | Rule::phase_decl => "an item",
        Rule::deadline_rule | Rule::recurring_rule | Rule::each_rule | Rule::limit_rule => {
            "`after`, `every`, `each` or a role"
        }
        Rule::if_missed => "`if missed`",
        Rule::where_clause => "`where`",
        Rule::window => "`within` or `after`",
        Rule::raise => "`plus`",
        Rule::month_day => "`day N` or `end of month`",
        Rule::similar_group => "a group such as `physician ~ dentist`",
        Rule::type_expr => "a type (bool, int, text, date, duration, or choices such as `a | b`)",
        Rule::field_decl => "a field such as `minutes: int`",
        Rule::role_list => "a role",
        Rule::action_list => "an event",
        Rule::ladder_step => "`step`",
        Rule::ladder_outcome => "`outcome`",
        Rule::requirement => "`then`",
        Rule::closed_days => "`closed`",
        Rule::policy_ref | Rule::test_decl => "an item",
        Rule::test_case
        | Rule::test_participant
        | Rule::test_event
        | Rule::test_at
        | Rule::test_expect => "`case`, `participant`, `on`, `at` or `expect`",
        Rule::value_block => "`{`",
        Rule::value_entry => "a value such as `minutes: 90`",
        Rule::literal => "a value (a number, a date, true or false, a choice or a quoted text)",
        Rule::status_word => "`met`, `pending`, `overdue`, `violated` or `not triggered`",
        Rule::fact_names => "a fact",
        _ => return None,
    };
    Some(words.to_string())
}

fn describe_expected(positives: &[Rule]) -> String {
    let mut words: Vec<String> = Vec::new();
    for rule in positives {
        if let Some(w) = rule_words(*rule)
            && !words.contains(&w)
        {
            words.push(w);
        }
    }
    // "the end of the item" is least helpful; say it last.
    words.sort_by_key(|w| w == "the end of the item");
    match words.len() {
        0 => "something else".to_string(),
        1 => words.remove(0),
        n if n <= 6 => {
            let last = words.pop().unwrap_or_default();
            format!("{} or {last}", words.join(", "))
        }
        _ => {
            words.truncate(5);
            format!("{}, or another part of the item", words.join(", "))
        }
    }
}

/// The word at `position`: letters, digits and `_`.
fn word_at(chunk: &str, position: usize) -> String {
    chunk
        .get(position..)
        .unwrap_or("")
        .chars()
        .take_while(|c| c.is_alphanumeric() || *c == '_')
        .collect()
}

/// The keywords among what the grammar expected (`kw_must` is `must`).
fn keywords_in(positives: &[Rule]) -> Vec<String> {
    positives
        .iter()
        .filter_map(|r| format!("{r:?}").strip_prefix("kw_").map(str::to_string))
        .collect()
}

/// A help line for common mistakes.
fn hint_for<'a>(
    positives: &[Rule],
    keywords: &'a [String],
    word: &str,
    chunk: &str,
    position: usize,
) -> Option<Hint<'a>> {
    if positives.contains(&Rule::modality) {
        return Some(Hint::Modality {
            close: mentor_diagnostics::did_you_mean(word, ["must", "should"]),
        });
    }
    let units = [
        "days", "weeks", "months", "years", "working", "hours", "minutes",
    ];
    if (positives.contains(&Rule::unit) || positives.contains(&Rule::unit_word))
        && let Some(close) = mentor_diagnostics::did_you_mean(word, units)
    {
        return Some(Hint::Close(close));
    }
    if !word.is_empty()
        && let Some(close) =
            mentor_diagnostics::did_you_mean(word, keywords.iter().map(String::as_str))
    {
        return Some(Hint::Close(close));
    }
    let rest = chunk.get(position..).unwrap_or("");
    if rest.starts_with('=') && !rest.starts_with("==") {
        return Some(Hint::SingleEquals);
    }
    None
}

/// A parse that succeeded but whose tree could not be read: a bug, reported rather than hidden.
pub(crate) fn internal(span: Span) -> Diagnostic {
    syntax::internal(span)
}

/// Brackets nested deeper than anyone writes on purpose.
pub(crate) fn too_deep(span: Span, limit: usize) -> Diagnostic {
    syntax::too_deep(span, limit)
}

/// A policy larger than the parser reads.
pub(crate) fn policy_too_large(bytes: usize) -> Diagnostic {
    syntax::policy_too_large(
        &crate::limits::size_in_words(bytes),
        &crate::limits::size_in_words(crate::limits::MAX_POLICY_BYTES),
    )
}

/// A quoted text longer than any title, quote or path.
pub(crate) fn text_too_long(span: Span) -> Diagnostic {
    syntax::text_too_long(span, crate::limits::MAX_TEXT_CHARS)
}

/// A name (or number) longer than anyone writes on purpose.
pub(crate) fn word_too_long(span: Span) -> Diagnostic {
    syntax::word_too_long(span, crate::limits::MAX_WORD_CHARS)
}

/// An item that would take the parser too long to read (pest's call limit).
pub(crate) fn item_too_complex(span: Span) -> Diagnostic {
    syntax::item_too_complex(span)
}
